import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clusterOf } from '../../../test/fixtures/training/scenario-helper';
import { buildLayout } from './layout';
import { activationBytesPerLayer, memoryPerDevice, outOfMemoryAdvice, type MemoryOptions } from './memory';
import { resolveModel } from './model';
import { parallelismSchema } from './schema';

const gpt = (h: number, a: number, s: number) => resolveModel({ layers: 8, hiddenSize: h, heads: a, seqLength: s, vocabSize: 51200, gatedFfn: false, tiedEmbeddings: true });
const layoutFor = (t: number, b = 1, p = 1, data = 1) =>
  buildLayout(parallelismSchema.parse({ tensor: t, pipeline: p, data, microBatchSize: b, globalBatchSize: b * data * 8 }), clusterOf('dgx-a100-80gb', 1));

describe('activation memory per layer (Korthikanti et al. 2022)', () => {
  const arb = fc.record({ h: fc.constantFrom(1024, 2048, 4096, 12288), a: fc.constantFrom(8, 16, 32), s: fc.constantFrom(512, 2048), b: fc.integer({ min: 1, max: 4 }), t: fc.constantFrom(1, 2, 4, 8) });
  it('equals sbh(10 + 24/t + 5as/(ht)) with tensor parallelism, for any GPT shape', () => {
    fc.assert(fc.property(arb, ({ h, a, s, b, t }) => {
      const got = activationBytesPerLayer({ model: gpt(h, a, s), layout: layoutFor(t, b), sequenceParallel: false, recompute: 'none', flashAttention: false, activationBytes: 2 });
      const want = s * b * h * (10 + 24 / t + (5 * a * s) / (h * t));
      expect(got / want).toBeCloseTo(1, 10);
    }));
  });
  it('divides everything by t with sequence parallelism, drops 5as/h with selective recompute, keeps 2sbh with full', () => {
    fc.assert(fc.property(arb, ({ h, a, s, b, t }) => {
      const base = { model: gpt(h, a, s), layout: layoutFor(t, b), flashAttention: false, activationBytes: 2 };
      const sbh = s * b * h;
      expect(activationBytesPerLayer({ ...base, sequenceParallel: true, recompute: 'none' }) / ((sbh / t) * (34 + (5 * a * s) / h))).toBeCloseTo(1, 10);
      expect(activationBytesPerLayer({ ...base, sequenceParallel: true, recompute: 'selective' }) / ((sbh / t) * 34)).toBeCloseTo(1, 10);
      expect(activationBytesPerLayer({ ...base, sequenceParallel: false, recompute: 'full' }) / (2 * sbh)).toBeCloseTo(1, 10);
    }));
  });
});

describe('memory per device', () => {
  const opts = (t: number, p: number, data: number, zero: 0 | 1 | 2 | 3): MemoryOptions => {
    const cluster = clusterOf('dgx-a100-80gb', (t * p * data) / 8);
    const layout = buildLayout(parallelismSchema.parse({ tensor: t, pipeline: p, data, microBatchSize: 1, globalBatchSize: 1536 }), cluster);
    return { model: resolveModel('gpt3-175b'), layout, sequenceParallel: false, recompute: 'full', flashAttention: false, activationBytes: 2,
      zero, schedule: '1f1b', precision: 'bf16', capacityBytes: cluster.pools[0].device.memoryBytes };
  };
  it('GPT-3 175B without pipeline parallelism does not fit 80 GB devices, and the advice names pipeline', () => {
    const o = opts(8, 1, 16, 1);
    const mem = memoryPerDevice(o);
    expect(mem.fits).toBe(false);
    expect(outOfMemoryAdvice(mem, o)).toMatch(/parallelism\.pipeline/);
  });
  it('GPT-3 175B with t=8, p=8 (Megatron) fits', () => {
    expect(memoryPerDevice(opts(8, 8, 16, 1)).fits).toBe(true);
  });
  it('ZeRO stages shard 12, then 14, then 16 bytes per parameter across data-parallel ranks', () => {
    const m = [0, 1, 2, 3].map((z) => memoryPerDevice(opts(8, 8, 16, z as 0 | 1 | 2 | 3)));
    const P = m[0].paramsPerDevice;
    expect(m[0].weightsBytes + m[0].gradientsBytes + m[0].optimizerBytes).toBeCloseTo(16 * P, -3);
    expect(m[1].optimizerBytes).toBeCloseTo((12 * P) / 16, -3);
    expect(m[2].gradientsBytes).toBeCloseTo((2 * P) / 16, -3);
    expect(m[3].weightsBytes).toBeCloseTo((2 * P) / 16, -3);
  });
});
