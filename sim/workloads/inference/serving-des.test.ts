/**
 * Queueing sanity and self-consistency of the serving DES: with batching off a
 * replica is a single-server queue (M/D/1, M/G/1 by Pollaczek–Khinchine);
 * saturated throughput is what the roofline allows; multi-iteration steps
 * change nothing; runs are deterministic; analytic and des agree at low load.
 */
import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { pool, testCluster } from '../../../test/fixtures/inference/cluster';
import { defaultLimits, type WorkloadEnv } from '../env';
import { mg1MeanWait } from './queueing';
import { replicaSetup } from './replica-setup';
import { resolveServedModel } from './resolve-model';
import { checkInference, runInference } from './run';
import { inferenceWorkloadSchema } from './schema';
import { simulateServing } from './serving-des';

const cluster = testCluster([pool('h100', 'dgx-h100', 2)]);
const env = (fidelity: 'analytic' | 'des' = 'des', seed = 1): WorkloadEnv => ({ cluster, fidelity, seed, calibration: builtinProfile, limits: defaultLimits });
const parse = (w: Record<string, unknown>) => inferenceWorkloadSchema.parse({ kind: 'inference', ...w });

describe('serving DES against queueing theory (batching off)', () => {
  it('a per-request model with batch size 1 is M/D/1: mean wait ρS/(2(1−ρ)) within 8%', () => {
    const w = parse({
      model: { flopPerRequest: '2e12 FLOP', weightBytes: '100 MB' }, replicas: 1, batching: { maxBatchSize: 1 },
      traffic: { pattern: 'poisson', rate: 1, duration: '2000 s' },
    });
    const model = resolveServedModel(w.model);
    const setup = replicaSetup(w, model, cluster.pools[0], builtinProfile);
    const s = setup.iterationTime({ prefillTokens: 1, prefillPairs: 0, prefillsCompleting: 1, decodes: 0, decodeContext: 0 });
    const rho = 0.7;
    const lambda = rho / s;
    const run = simulateServing({
      traffic: { ...w.traffic, rate: lambda }, slo: w.slo, routing: 'least-loaded', replicas: 1, scheduler: setup.scheduler,
      iterationTime: setup.iterationTime, devicesPerReplica: 1, seed: 3, limits: defaultLimits, perRequest: true,
    });
    const meanTtft = run.ttft.reduce((a, b) => a + b, 0) / run.ttft.length;
    const expectedWait = (rho * s) / (2 * (1 - rho));
    expect(run.finished).toBeGreaterThan(100_000);
    expect(Math.abs((meanTtft - s) / expectedWait - 1)).toBeLessThan(0.08);
  });

  it('an LLM replica with batch size 1 is M/G/1: mean TTFT = P-K wait + prefill within 8%', () => {
    const input = 100;
    const w = parse({
      model: 'llama3-8b', replicas: 1, batching: { maxBatchSize: 1, chunkedPrefill: false },
      traffic: { pattern: 'poisson', rate: 1, duration: '3000 s', inputTokens: input, outputTokens: { dist: 'uniform', min: 10, max: 50 } },
    });
    const setup = replicaSetup(w, resolveServedModel(w.model), cluster.pools[0], builtinProfile);
    const t = setup.iterationTime;
    const prefill = t({ prefillTokens: input, prefillPairs: (input * (input + 1)) / 2, prefillsCompleting: 1, decodes: 0, decodeContext: 0 });
    // Service of a request with o output tokens: its prefill, then o − 1 decode steps over a context of input + j.
    const service = (o: number) => {
      let s = prefill;
      for (let j = 1; j < o; j++) s += t({ prefillTokens: 0, prefillPairs: 0, prefillsCompleting: 0, decodes: 1, decodeContext: input + j });
      return s;
    };
    // round(uniform(10, 50)): interior values have probability 1/40, the two ends 1/80.
    let m1 = 0;
    let m2 = 0;
    for (let o = 10; o <= 50; o++) {
      const p = o === 10 || o === 50 ? 1 / 80 : 1 / 40;
      m1 += p * service(o);
      m2 += p * service(o) ** 2;
    }
    const lambda = 0.6 / m1;
    const run = simulateServing({
      traffic: { ...w.traffic, rate: lambda }, slo: w.slo, routing: 'least-loaded', replicas: 1, scheduler: setup.scheduler,
      iterationTime: t, devicesPerReplica: 1, seed: 5, limits: defaultLimits,
    });
    const meanTtft = run.ttft.reduce((a, b) => a + b, 0) / run.ttft.length;
    expect(Math.abs(meanTtft / (mg1MeanWait(lambda, m1, m2) + prefill) - 1)).toBeLessThan(0.08);
  });
});

describe('serving DES with continuous batching', () => {
  it('decode-dominated throughput saturates at B / Td(B), the roofline of a full batch (within 5%)', () => {
    const w = parse({
      model: 'llama3-8b', replicas: 1, batching: { maxBatchSize: 64 },
      traffic: { pattern: 'closed', concurrency: 200, duration: '120 s', inputTokens: 16, outputTokens: 512 },
    });
    const setup = replicaSetup(w, resolveServedModel(w.model), cluster.pools[0], builtinProfile);
    const td = setup.iterationTime({ prefillTokens: 0, prefillPairs: 0, prefillsCompleting: 0, decodes: 64, decodeContext: 64 * (16 + 256) });
    const m = runInference(w, env()).metrics.inference!;
    expect(Math.abs(m.throughputTokensPerS / (64 / td) - 1)).toBeLessThan(0.05);
  });

  const moderate = parse({
    model: 'llama3-8b', replicas: 4,
    traffic: { pattern: 'poisson', rate: '20 rps', duration: '300 s', inputTokens: { dist: 'lognormal', mean: 512, sd: 300 }, outputTokens: { dist: 'lognormal', mean: 200, sd: 100 } },
  });

  it('taking unchanging decode iterations as one event changes no result', () => {
    const setup = replicaSetup(moderate, resolveServedModel(moderate.model), cluster.pools[0], builtinProfile);
    const base = {
      traffic: moderate.traffic, slo: moderate.slo, routing: 'least-loaded' as const, replicas: 4, scheduler: setup.scheduler,
      iterationTime: setup.iterationTime, devicesPerReplica: 1, seed: 9, limits: defaultLimits,
    };
    const stepped = simulateServing({ ...base, macroSteps: false });
    const macro = simulateServing({ ...base, macroSteps: true });
    expect(macro.events).toBeLessThan(stepped.events / 2);
    expect(macro.finished).toBe(stepped.finished);
    expect(macro.outputTokens).toBe(stepped.outputTokens);
    for (const key of ['ttft', 'tpot', 'e2e'] as const) {
      for (let i = 0; i < stepped[key].length; i += 97) expect(macro[key][i]).toBeCloseTo(stepped[key][i], 9);
    }
  });

  it('the same seed gives the same result, byte for byte', () => {
    const a = JSON.stringify(runInference(moderate, env('des', 4)));
    const b = JSON.stringify(runInference(moderate, env('des', 4)));
    expect(a).toBe(b);
  });

  it('analytic and des agree at moderate load: throughput within 3%, TPOT p50 and TTFT p50 within 15%', () => {
    const d = runInference(moderate, env('des')).metrics.inference!;
    const a = runInference(moderate, env('analytic')).metrics.inference!;
    expect(Math.abs(a.throughputTokensPerS / d.throughputTokensPerS - 1)).toBeLessThan(0.03);
    expect(Math.abs(a.tpotP50S / d.tpotP50S - 1)).toBeLessThan(0.15);
    expect(Math.abs(a.ttftP50S / d.ttftP50S - 1)).toBeLessThan(0.15);
  });

  it('a KV cache too small for the batch preempts and recomputes, and every request still finishes', () => {
    const w = parse({
      model: 'llama3-8b', replicas: 1, batching: { memoryUtilization: 0.22 },
      traffic: { pattern: 'closed', concurrency: 16, duration: '100 s', inputTokens: 1000, outputTokens: 600 },
    });
    const out = runInference(w, env());
    expect((out.breakdown.scheduler as { preemptions: number }).preemptions).toBeGreaterThan(0);
    expect(out.metrics.inference!.finished).toBe(out.metrics.inference!.requests);
  });

  it('warm-up deletion drops the closed loop\'s start-up burst: the clients that all sent at time 0 no longer set the TTFT tail', () => {
    // 40 clients with 4,000-token prompts all send at t = 0: the first round queues behind 40 prefills.
    const traffic = { pattern: 'closed', concurrency: 40, duration: '400 s', inputTokens: 4000, outputTokens: 200 };
    const all = runInference(parse({ model: 'llama3-8b', replicas: 1, traffic }), env()).metrics.inference!;
    const warm = runInference(parse({ model: 'llama3-8b', replicas: 1, traffic: { ...traffic, warmup: '100 s' } }), env()).metrics.inference!;
    // The whole first round (40 prompts) is in the warm-up, and so are later rounds: fewer measured requests.
    expect(warm.requests as number).toBeLessThan((all.requests as number) - 40);
    expect(warm.ttftP99S).toBeLessThan(all.ttftP99S / 2);
    // Steady state serves as fast as the whole run (the burst only delays the first round).
    expect(Math.abs(warm.throughputTokensPerS / all.throughputTokensPerS - 1)).toBeLessThan(0.1);
  });

  it('a warm-up as long as the traffic window is an input error', () => {
    const w = parse({ model: 'llama3-8b', replicas: 1, traffic: { pattern: 'closed', concurrency: 2, duration: '60 s', warmup: '60 s' } });
    expect(checkInference(w, cluster).map((i) => i.path)).toContain('workload.traffic.warmup');
  });
});

