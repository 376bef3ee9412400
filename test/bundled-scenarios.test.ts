/**
 * Every bundled scenario validates, runs at its own fidelity, and still gives
 * the answer to its question (asserted loosely, so a regression shows without
 * pinning exact numbers).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../calibration/load';
import { loadScenarioFile } from '../sim/cli/files';
import type { RunResult } from '../sim/result';
import { runLoaded } from '../sim/scenario/run';
import { inferenceWorkloadSchema } from '../sim/workloads/inference/schema';

const dir = join(__dirname, '..', 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

const cache = new Map<string, RunResult[]>();
function results(name: string): RunResult[] {
  if (!cache.has(name)) {
    const file = join(dir, name);
    const loaded = loadScenarioFile(file);
    cache.set(name, runLoaded(loaded, { profile: (p) => loadProfile(p, file), timing: false }));
  }
  return cache.get(name)!;
}
const byOption = (rs: RunResult[], option: string) => {
  const r = rs.find((x) => x.scenario.option === option);
  if (!r) throw new Error(`no option ${option}`);
  return r;
};
const training = (r: RunResult) => r.metrics.training!;

describe('bundled scenarios', () => {
  it('are all here', () => {
    expect(files.length).toBeGreaterThanOrEqual(11);
  });

  for (const f of files) {
    it(`${f} validates, states its question and runs without errors`, () => {
      const loaded = loadScenarioFile(join(dir, f));
      expect(loaded.description?.length ?? 0).toBeGreaterThan(80);
      const rs = results(f);
      expect(rs.length).toBe(loaded.variants.length);
      for (const r of rs) {
        expect(r.warnings.filter((w) => w.severity === 'error' && !/does not fit/.test(w.message))).toEqual([]);
        expect(Number.isFinite(r.metrics.cost?.totalUsd)).toBe(true);
      }
    });
  }

  it('scaling study: more GPUs train faster but less efficiently', () => {
    const rs = results('scaling-70b-h100.yaml');
    const days = rs.map((r) => training(r).timeToTrainDays);
    for (let i = 1; i < days.length; i++) expect(days[i]).toBeLessThan(days[i - 1]);
    expect(training(rs[rs.length - 1]).mfu).toBeLessThan(training(rs[0]).mfu);
    // 16× the GPUs gives at least 10× the speed for a 70B model at this batch.
    expect(days[0] / days[days.length - 1]).toBeGreaterThan(10);
  });

  it('checkpointing at 16k GPUs: the Young/Daly interval beats every 4 hours', () => {
    const rs = results('checkpoint-failures-16k.yaml');
    expect(training(byOption(rs, 'young-daly')).goodput).toBeGreaterThan(training(byOption(rs, 'every-4h')).goodput + 0.2);
    expect(training(byOption(rs, 'young-daly')).goodput).toBeGreaterThan(0.8);
    expect(training(byOption(rs, 'young-daly')).fitsInMemory).toBe(true);
  });

  it('hardware acceleration: every kind meets the latency target; accelerators serve over ten times faster than the CPU servers', () => {
    const rs = results('hardware-acceleration.yaml');
    const inf = (o: string) => byOption(rs, o).metrics.inference!;
    // Latency is measured at the client; the servers' share leaves out the client path, the same for all.
    const frontend = inferenceWorkloadSchema.parse({ kind: 'inference', model: 'llama3-8b', traffic: { pattern: 'poisson', rate: 1 } }).frontend;
    const served = (o: string) => inf(o).ttftP50S - frontend.requestLatency - frontend.responseLatency;
    for (const o of ['gpu-dgx-h100', 'tpu-v5p', 'cpu-epyc', 'fpga-u280']) expect(inf(o).sloAttainment).toBeGreaterThan(0.99);
    expect(served('cpu-epyc') / served('gpu-dgx-h100')).toBeGreaterThan(10);
    expect(served('cpu-epyc') / served('fpga-u280')).toBeGreaterThan(10);
    expect(inf('cpu-epyc').replicas).toBeGreaterThan(inf('gpu-dgx-h100').replicas);
  });

  it('storage for data loading: small JPEGs from one S3 prefix stall the GPUs, local NVMe and Lustre do not', () => {
    const rs = results('storage-for-data-loading.yaml');
    const s3 = byOption(rs, 'object-storage');
    const nvme = byOption(rs, 'local-nvme-cache');
    const lustre = byOption(rs, 'parallel-fs');
    const loading = (r: RunResult) => training(r).dataLoading as { stallFraction: number; bindingLimit: string; requiredBytesPerS: number; availableBytesPerS: number };
    expect(loading(s3).stallFraction).toBeGreaterThan(0.3);
    expect(loading(s3).bindingLimit).toMatch(/request-rate|per-stream/);
    expect(s3.warnings.some((w) => w.code === 'training.input-bound')).toBe(true);
    expect((s3.breakdown as { dataStallS: number }).dataStallS).toBeGreaterThan(0);
    for (const r of [nvme, lustre]) {
      expect(loading(r).stallFraction).toBe(0);
      expect(loading(r).availableBytesPerS).toBeGreaterThan(loading(r).requiredBytesPerS);
    }
    expect(training(s3).timeToTrainDays).toBeGreaterThan(1.5 * training(nvme).timeToTrainDays);
    expect(s3.metrics.cost!.totalUsd).toBeGreaterThan(nvme.metrics.cost!.totalUsd);
  });

  it('RoCE against InfiniBand: exposed FSDP traffic makes RoCE no faster; 2:1 leaves ring collectives alone', () => {
    const rs = results('roce-vs-infiniband.yaml');
    const step = (o: string) => training(byOption(rs, o)).stepTimeS;
    const ib = byOption(rs, 'ib-ndr-1to1');
    const b = ib.breakdown as { dpCommExposedS: number };
    // Communication is visible at all (the point of 1,024-token sequences).
    expect(b.dpCommExposedS / training(ib).stepTimeS).toBeGreaterThan(0.2);
    // RoCE a little slower (lower link efficiency, higher per-hop latency), not by much (pipelined rings).
    expect(step('roce-400g-1to1')).toBeGreaterThan(1.02 * step('ib-ndr-1to1'));
    expect(step('roce-400g-1to1')).toBeLessThan(1.15 * step('ib-ndr-1to1'));
    expect(step('roce-400g-2to1')).toBeGreaterThanOrEqual(step('ib-ndr-2to1'));
    expect(byOption(rs, 'roce-400g-1to1').metrics.cost!.totalUsd).toBeGreaterThan(ib.metrics.cost!.totalUsd);
    // The description explains why oversubscription has (almost) no effect on ring collectives here.
    for (const f of ['ib-ndr', 'roce-400g']) {
      // Within 1% either way: at 2:1 a leaf holds 5 nodes instead of 4, so slightly fewer ring hops cross the spine.
      expect(step(`${f}-2to1`)).toBeGreaterThanOrEqual(step(`${f}-1to1`) * 0.99);
      expect(step(`${f}-2to1`)).toBeLessThan(step(`${f}-1to1`) * 1.05);
    }
  });

  it('cloud against owned: buying pays for itself within the three years', () => {
    const r = results('cloud-vs-owned-tco.yaml')[0];
    const tco = r.metrics.cost!.tco as { crossoverMonth: number | null; cheapest: string };
    expect(tco.cheapest).toBe('buy');
    expect(tco.crossoverMonth).toBeGreaterThan(12);
    expect(tco.crossoverMonth).toBeLessThan(36);
  });

  it('edge against cloud: falling back to the device removes the deadline misses of outages', () => {
    const r = results('edge-vs-cloud.yaml')[0];
    const policies = (r.breakdown.edge as { policies: Array<{ policy: string; deadlineMissFraction: number; bytesLeavingDevice: number }> }).policies;
    const p = (name: string) => policies.find((x) => x.policy === name)!;
    expect(p('cloud').deadlineMissFraction).toBeGreaterThan(0.01);
    expect(p('cloud-with-fallback').deadlineMissFraction).toBeLessThan(p('cloud').deadlineMissFraction / 5);
    expect(p('on-device').bytesLeavingDevice).toBe(0);
  });

  it('serving engine choice: both engines agree below the KV-cache knee; past it TensorRT-LLM\'s full reservation serves more than vLLM\'s preemption, and TTFT jumps for both', () => {
    const rs = results('serving-engine-choice.yaml');
    const at = (engine: string, users: number) => {
      const r = rs.find((x) => x.scenario.option === engine && x.scenario.sweepPoint?.['workload.traffic.concurrency'] === users);
      if (!r) throw new Error(`no ${engine} at ${users} users`);
      return r.metrics.inference!;
    };
    for (const users of [1, 5, 25]) {
      expect(Math.abs(at('vllm', users).throughputTokensPerS / at('tensorrt-llm', users).throughputTokensPerS - 1)).toBeLessThan(0.02);
    }
    // About 85 requests of 5,500 tokens fill the KV cache of two H100 at FP8.
    expect(at('tensorrt-llm', 100).throughputTokensPerS).toBeGreaterThan(1.1 * at('vllm', 100).throughputTokensPerS);
    for (const engine of ['vllm', 'tensorrt-llm']) {
      expect(at(engine, 100).ttftP50S).toBeGreaterThan(5 * at(engine, 50).ttftP50S);
      expect(at(engine, 50).sloAttainment).toBeGreaterThan(0.95);
    }
  });

  it('shared research cluster: backfilling cuts waiting against FIFO', () => {
    const rs = results('shared-research-cluster.yaml');
    const c = (o: string) => byOption(rs, o).metrics.cluster!;
    expect(c('easy-backfill').meanQueueDelayS).toBeLessThan(c('fifo').meanQueueDelayS);
    expect(c('shortest-job-first').meanQueueDelayS).toBeLessThan(c('fifo').meanQueueDelayS);
    expect(c('burst-on-demand').meanQueueDelayS).toBeLessThan(c('easy-backfill').meanQueueDelayS);
  });
});
