import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { pool, testCluster } from '../../../test/fixtures/inference/cluster';
import { defaultLimits } from '../env';
import { analyticServing } from './analytic';
import { replicaSetup } from './replica-setup';
import { resolveServedModel } from './resolve-model';
import { checkInference, runInference } from './run';
import { inferenceWorkloadSchema } from './schema';
import { sizeFleet } from './sizing';

const parse = (w: Record<string, unknown>) => inferenceWorkloadSchema.parse({ kind: 'inference', ...w });
const cluster = testCluster([pool('a100', 'dgx-a100-80gb', 8), pool('h100', 'dgx-h100', 8)]);
const traffic = { pattern: 'poisson', rate: '60 rps', duration: '600 s', inputTokens: { dist: 'lognormal', mean: 1500, sd: 800 }, outputTokens: { dist: 'lognormal', mean: 300, sd: 150 } };

describe('sizing the fleet for an SLO', () => {
  const w = parse({ model: 'llama3-70b', precision: 'fp8', replica: { tensor: 2 }, replicas: 'auto', traffic, slo: { ttft: '1 s', tpot: '60 ms', attainment: 0.99 } });
  const model = resolveServedModel(w.model);
  const sizing = sizeFleet(w, model, cluster.pools, builtinProfile, 1);

  it('finds the fewest replicas: that many meet the SLO and one fewer does not', () => {
    for (const option of sizing.options) {
      if (option.replicas === null) continue;
      const p = cluster.pools.find((x) => x.name === option.pool)!;
      const setup = replicaSetup(w, model, p, builtinProfile);
      expect(analyticServing(w, model, setup, option.replicas, 1).sloAttainment).toBeGreaterThanOrEqual(0.99);
      if (option.replicas > 1) expect(analyticServing(w, model, setup, option.replicas - 1, 1).sloAttainment).toBeLessThan(0.99);
    }
  });

  it('picks the accelerator needing the fewest devices: H100 (FP8) over A100', () => {
    expect(sizing.best?.device).toBe('h100-sxm');
    const a100 = sizing.options.find((o) => o.device === 'a100-80gb-sxm')!;
    expect(a100.devices === null || a100.devices > sizing.best!.devices!).toBe(true);
  });

  it("replicas: 'auto' runs with the sized fleet and reports the choice", () => {
    const out = runInference(w, { cluster, fidelity: 'analytic', seed: 1, calibration: builtinProfile, limits: defaultLimits });
    expect(out.metrics.inference!.replicas).toBe(sizing.best!.replicas);
    expect(out.metrics.inference!.sloAttainment).toBeGreaterThanOrEqual(0.99);
  });

  it('more traffic never needs fewer replicas (monotone)', () => {
    let last = 0;
    for (const rate of [10, 30, 90]) {
      const wr = parse({ model: 'llama3-70b', precision: 'fp8', replica: { tensor: 2 }, replicas: 'auto', traffic: { ...traffic, rate }, slo: { ttft: '1 s', tpot: '60 ms' } });
      const r = sizeFleet(wr, model, [cluster.pools[1]], builtinProfile, 1).best!.replicas!;
      expect(r).toBeGreaterThanOrEqual(last);
      last = r;
    }
  });
});

describe('schema and cross-checks', () => {
  it('takes quantities with units and gives SI', () => {
    const w = parse({ model: 'llama3-8b', traffic: { rate: '2 rps', duration: '1 h' }, slo: { ttft: '250 ms' } });
    expect(w.traffic.rate).toBe(2);
    expect(w.traffic.duration).toBe(3600);
    expect(w.slo.ttft).toBeCloseTo(0.25, 12);
    expect(w.batching.maxBatchTokens).toBe(8192);
  });

  it('rejects unknown keys', () => {
    expect(inferenceWorkloadSchema.safeParse({ kind: 'inference', model: 'llama3-8b', traffic: { rate: 1 }, replicaz: 2 }).success).toBe(false);
  });

  it('reports a 70B model that does not fit one device, and a tensor size beyond the node', () => {
    const issues = checkInference(parse({ model: 'llama3-70b', replica: { tensor: 1 }, traffic: { rate: 1 } }), cluster);
    expect(issues.map((i) => i.path)).toContain('workload.replica.tensor');
    const wide = checkInference(parse({ model: 'llama3-8b', replica: { tensor: 16 }, traffic: { rate: 1 } }), cluster);
    expect(wide.some((i) => i.path === 'workload.replica.tensor' && i.expected.includes('at most 8'))).toBe(true);
    expect(checkInference(parse({ model: 'llama3-70b', replica: { tensor: 4 }, traffic: { rate: 1 } }), cluster)).toEqual([]);
  });

  it('asks for a rate for open traffic and clients for a closed loop', () => {
    expect(checkInference(parse({ model: 'llama3-8b', traffic: {} }), cluster).map((i) => i.path)).toContain('workload.traffic.rate');
    expect(checkInference(parse({ model: 'llama3-8b', traffic: { pattern: 'closed' } }), cluster).map((i) => i.path)).toContain('workload.traffic.concurrency');
  });
});

describe('non-LLM models: a per-request cost with batching', () => {
  const env = { cluster, fidelity: 'des' as const, seed: 1, calibration: builtinProfile, limits: defaultLimits };
  const run = (model: Record<string, unknown>, maxBatchSize: number, rate: number) =>
    runInference(parse({ model, replicas: 1, batching: { maxBatchSize }, traffic: { rate, duration: '10 s' } }), env).metrics.inference!;

  it('batching lifts a memory-bound model (weights read once per batch) to the offered load', () => {
    // A recommendation-style model: 10 GB of weights, 2 GFLOP per request: one request per pass is bound by reading the weights.
    const recsys = { name: 'recommendation model', flopPerRequest: '2e9 FLOP', weightBytes: '10 GB', bytesPerRequest: '1 MB' };
    const unbatched = run(recsys, 1, 2000);
    const batched = run(recsys, 64, 2000);
    expect(unbatched.throughputTokensPerS).toBeLessThan(0.5 * 2000);
    expect(Math.abs(batched.throughputTokensPerS / 2000 - 1)).toBeLessThan(0.05);
    expect(batched.e2eP50S as number).toBeLessThan(unbatched.e2eP50S as number);
  });

  it('batching does not lift a compute-bound model: its capacity is FLOP/s over FLOP per request', () => {
    const vision = { name: 'large vision model', flopPerRequest: '4e11 FLOP', weightBytes: '600 MB', bytesPerRequest: '20 MB' };
    const unbatched = run(vision, 1, 3000);
    const batched = run(vision, 64, 3000);
    expect(Math.abs(batched.throughputTokensPerS / unbatched.throughputTokensPerS - 1)).toBeLessThan(0.05);
    expect(batched.throughputTokensPerS).toBeLessThan(3000);
  });
});
