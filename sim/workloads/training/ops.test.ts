import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clusterOf } from '../../../test/fixtures/training/scenario-helper';
import { buildLayout } from './layout';
import { activeParams, resolveModel, totalParams } from './model';
import { headOps, layerOps, opsFlops } from './ops';
import { parallelismSchema } from './schema';

const ctxFor = (h: number, a: number, s: number, t: number, b: number, flash = false) => ({
  model: resolveModel({ layers: 4, hiddenSize: h, heads: a, seqLength: s, vocabSize: 51200, gatedFfn: false, tiedEmbeddings: true }),
  layout: buildLayout(parallelismSchema.parse({ tensor: t, data: 1, microBatchSize: b, globalBatchSize: b }), clusterOf('dgx-a100-80gb', 1)),
  sequenceParallel: false, flashAttention: flash, activationBytes: 2,
});

describe('per-layer FLOPs', () => {
  it('forward is 24bsh² + 4bs²h over t and backward twice that (Narayanan et al. 2021, eq. 3)', () => {
    fc.assert(fc.property(fc.constantFrom(1024, 2304, 12288), fc.constantFrom(8, 16, 96), fc.constantFrom(1024, 2048), fc.constantFrom(1, 2, 8), fc.integer({ min: 1, max: 4 }), (h, a, s, t, b) => {
      const ops = layerOps(ctxFor(h, a, s, t, b));
      const fwd = (24 * b * s * h * h + 4 * b * s * s * h) / t;
      expect(opsFlops(ops.forward) / fwd).toBeCloseTo(1, 10);
      expect(opsFlops(ops.backward) / (2 * fwd)).toBeCloseTo(1, 10);
    }));
  });
  it('with full recompute the whole model does 96Bslh²(1 + s/6h + V/16lh) per iteration', () => {
    const c = ctxFor(12288, 96, 2048, 1, 1);
    const l = 96, h = 12288, s = 2048, V = 51200;
    const layer = layerOps(c);
    const head = headOps(c);
    const total = l * (2 * opsFlops(layer.forward) + opsFlops(layer.backward)) + opsFlops(head.forward) + opsFlops(head.backward);
    expect(total / (96 * s * l * h * h * (1 + s / (6 * h) + V / (16 * l * h)))).toBeCloseTo(1, 10);
  });
  it('FlashAttention skips the masked half of the scores', () => {
    const full = opsFlops(layerOps(ctxFor(4096, 32, 4096, 1, 1)).forward);
    const flash = opsFlops(layerOps(ctxFor(4096, 32, 4096, 1, 1, true)).forward);
    expect(full - flash).toBeCloseTo(2 * 4096 * 4096 * 4096, -6);
  });
});

describe('presets', () => {
  it('parameter counts match the published sizes within 3%', () => {
    const published: Array<[string, number]> = [['gpt3-175b', 175e9], ['llama3-8b', 8.03e9], ['llama3-70b', 70.6e9], ['llama3-405b', 405.9e9], ['mixtral-8x7b', 46.7e9], ['dbrx-132b', 132e9]];
    for (const [id, n] of published) expect(Math.abs(totalParams(resolveModel(id)) / n - 1), id).toBeLessThan(0.03);
  });
  it('MoE active parameters: Mixtral 12.9B, DBRX 36B (published, within 3%)', () => {
    expect(Math.abs(activeParams(resolveModel('mixtral-8x7b')) / 12.9e9 - 1)).toBeLessThan(0.03);
    expect(Math.abs(activeParams(resolveModel('dbrx-132b')) / 36e9 - 1)).toBeLessThan(0.03);
  });
});
