/**
 * The engine scheduling policies: how prompts share an iteration with decodes
 * (chunked, whole, separate), how the KV cache admits requests (by prompt with
 * preemption, or by full reservation), the engine presets, and the client's
 * request path. Each is checked on a replica whose iterations are observed
 * directly, and end to end where the mechanism shows in a client metric.
 */
import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { pool, testCluster } from '../../../test/fixtures/inference/cluster';
import { defaultLimits } from '../env';
import type { IterationWork } from './iteration-time';
import { kvCapacity } from './kv-cache';
import { Replica, type SchedulerLimits } from './replica';
import { newRequest, type ServingRequest } from './request';
import { resolveServedModel } from './resolve-model';
import { runInference } from './run';
import { inferenceWorkloadSchema, schedulerPolicy } from './schema';

const limits = (over: Partial<SchedulerLimits>): SchedulerLimits => ({
  maxBatchTokens: 100, maxBatchSize: 64, prefill: 'whole', kvReservation: 'prompt', kvCapacityTokens: 1e9, kvBlockTokens: 0, ...over,
});

/** A replica whose every iteration takes 1 s; returns it and the list of batches it ran. */
function observed(l: SchedulerLimits) {
  const batches: IterationWork[] = [];
  const finished: ServingRequest[] = [];
  const rep = new Replica(0, l, (w) => (batches.push({ ...w }), 1), { firstToken: () => {}, finished: (r) => finished.push(r) }, false);
  let now = 0;
  const step = () => {
    const dt = rep.begin(now);
    if (dt < 0) return false;
    now += dt;
    rep.end(now);
    return true;
  };
  return { rep, batches, finished, step };
}

describe('prefill policies', () => {
  it('whole: running decodes and the waiting prompts that fit whole share one iteration; a prompt that does not fit waits', () => {
    const { rep, batches, step } = observed(limits({ prefill: 'whole' }));
    rep.enqueue(newRequest(0, 0, 60, 10));
    step(); // prompt 0 alone
    rep.enqueue(newRequest(1, 0, 50, 10));
    rep.enqueue(newRequest(2, 0, 40, 10));
    step(); // 1 decode + prompt 1 (51 ≤ 100); prompt 2 would make 91 ≤ 100: joins too
    expect(batches[1]).toMatchObject({ decodes: 1, prefillTokens: 90, prefillsCompleting: 2 });
    rep.enqueue(newRequest(3, 0, 98, 10));
    step(); // 3 decodes + 98 > 100: the prompt waits, decodes run
    expect(batches[2]).toMatchObject({ decodes: 3, prefillTokens: 0 });
  });

  it('chunked: the same waiting prompt is split to fill the budget beside the decodes', () => {
    const { rep, batches, step } = observed(limits({ prefill: 'chunked' }));
    rep.enqueue(newRequest(0, 0, 60, 10));
    step();
    rep.enqueue(newRequest(1, 0, 120, 10));
    step(); // 1 decode + 99 of the 120 prompt tokens
    expect(batches[1]).toMatchObject({ decodes: 1, prefillTokens: 99, prefillsCompleting: 0 });
    step(); // request 0 decodes again beside the last 21 prompt tokens
    expect(batches[2]).toMatchObject({ decodes: 1, prefillTokens: 21, prefillsCompleting: 1 });
  });

  it('separate: an iteration with prompts runs no decodes', () => {
    const { rep, batches, step } = observed(limits({ prefill: 'separate' }));
    rep.enqueue(newRequest(0, 0, 60, 10));
    step();
    rep.enqueue(newRequest(1, 0, 30, 10));
    step();
    expect(batches[1]).toMatchObject({ decodes: 0, prefillTokens: 30 });
  });
});

describe('KV-cache admission', () => {
  // Room for 3 × (40 + 20) = 180 tokens reserved, or 4 prompts of 40 with room to grow a little.
  const capacity = 180;
  const run = (kvReservation: 'prompt' | 'full') => {
    const o = observed(limits({ prefill: 'whole', kvReservation, kvCapacityTokens: capacity, maxBatchTokens: 1000 }));
    for (let i = 0; i < 4; i++) o.rep.enqueue(newRequest(i, 0, 40, 20));
    const admittedFirst = (o.step(), o.batches[0].prefillsCompleting);
    while (o.step());
    return { admittedFirst, preemptions: o.rep.preemptions, finished: o.finished.length };
  };

  it('full (TensorRT-LLM GUARANTEED_NO_EVICT): admits only what prompt + maximum output can hold, and never preempts', () => {
    const r = run('full');
    expect(r.admittedFirst).toBe(Math.floor(capacity / 60));
    expect(r.preemptions).toBe(0);
    expect(r.finished).toBe(4);
  });

  it('prompt (vLLM): admits on the prompt alone, then preempts when the decodes outgrow the cache; all still finish', () => {
    const r = run('prompt');
    expect(r.admittedFirst).toBe(4);
    expect(r.preemptions).toBeGreaterThan(0);
    expect(r.finished).toBe(4);
  });

  it("memoryOf 'free' gives the KV cache a fraction of what the weights leave; 'total' a fraction of all memory less the weights", () => {
    const model = resolveServedModel('llama3-70b');
    if (model.kind !== 'llm') throw new Error('expected an LLM');
    const weights = model.params; // FP8: one byte per parameter
    const perToken = 80 * 8 * 128 * 2; // layers × KV heads × head size × (K, V) at one byte
    const free = kvCapacity(model, 80e9, 2, 0.9, 'fp8', 'fp8', 16, 'free');
    const total = kvCapacity(model, 80e9, 2, 0.9, 'fp8', 'fp8', 16, 'total');
    expect(free.kvBytesPerToken).toBe(perToken);
    expect(Math.abs(free.tokens * perToken / ((160e9 - weights) * 0.9) - 1)).toBeLessThan(0.01);
    expect(Math.abs(total.tokens * perToken / (160e9 * 0.9 - weights) - 1)).toBeLessThan(0.01);
  });
});

describe('engine presets', () => {
  const batching = (b: Record<string, unknown>) =>
    inferenceWorkloadSchema.parse({ kind: 'inference', model: 'llama3-8b', traffic: { pattern: 'poisson', rate: 1 }, batching: b }).batching;

  it('vllm and tensorrt-llm set their documented defaults; an explicit field wins over the preset', () => {
    expect(schedulerPolicy(batching({}))).toEqual({ prefill: 'chunked', kvReservation: 'prompt', memoryOf: 'total' });
    expect(schedulerPolicy(batching({ engine: 'tensorrt-llm' }))).toEqual({ prefill: 'whole', kvReservation: 'full', memoryOf: 'free' });
    expect(schedulerPolicy(batching({ engine: 'tensorrt-llm', prefill: 'chunked' })).prefill).toBe('chunked');
    expect(schedulerPolicy(batching({ chunkedPrefill: false })).prefill).toBe('separate');
  });

  it('chunkedPrefill that contradicts prefill is an input error at batching.chunkedPrefill', () => {
    const r = inferenceWorkloadSchema.safeParse({ kind: 'inference', model: 'llama3-8b', traffic: { pattern: 'poisson', rate: 1 }, batching: { prefill: 'whole', chunkedPrefill: true } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['batching', 'chunkedPrefill']);
  });
});

describe('the request path between client and engine', () => {
  const cluster = testCluster([pool('h100', 'dgx-h100', 1)]);
  const serve = (concurrency: number, latency: number) => {
    const w = inferenceWorkloadSchema.parse({
      kind: 'inference', model: 'llama3-8b', replicas: 1, batching: { engine: 'tensorrt-llm' },
      frontend: { requestLatency: latency, responseLatency: latency },
      traffic: { pattern: 'closed', concurrency, duration: '120 s', inputTokens: 6000, outputTokens: 200 },
    });
    const m = runInference(w, { cluster, fidelity: 'des', seed: 1, calibration: builtinProfile, limits: defaultLimits }).metrics.inference!;
    return m.ttftMeanS as number;
  };

  it('one client sees the engine time plus the path both ways', () => {
    const direct = serve(1, 0);
    const viaPath = serve(1, 0.004);
    expect(viaPath - direct).toBeCloseTo(0.008, 6);
  });

  it('closed-loop clients with a real path queue behind each other\'s prompts; with none they never do', () => {
    // A client sends again only after its last token has reached it, so its prompt misses the
    // iteration that starts at once and lands behind the next client's prompt, whose last token
    // came one iteration later. With no path the request is already there when the next
    // iteration is chosen, and each prompt runs alone: TTFT = one prefill.
    const alone = serve(1, 0);
    const instant = serve(5, 0);
    const real = serve(5, 0.001);
    console.log('closed loop TTFT / one client:', (instant / alone).toFixed(2), (real / alone).toFixed(2));
    expect(instant / alone).toBeLessThan(1.1);
    expect(real / alone).toBeGreaterThan(1.5);
  });
});
