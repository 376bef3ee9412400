import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { pool } from '../../../test/fixtures/inference/cluster';
import { layerGemms, llmIterationTime, llmIterationTimer, type ReplicaHardware } from './iteration-time';
import { kvCapacity } from './kv-cache';
import { kvBytesPerToken, prefillAttendedPairs } from './model';
import { resolveServedModel } from './resolve-model';

const llama8b = resolveServedModel('llama3-8b');
const llama70b = resolveServedModel('llama3-70b');

function hw(tensor: number, precision: 'bf16' | 'fp8' = 'bf16'): ReplicaHardware {
  const p = pool('h100', 'dgx-h100', 1);
  return { device: p.device, tensor, pipeline: 1, scaleUp: p.node.scaleUp, precision, kvPrecision: 'bf16', profile: builtinProfile };
}

describe('served model shapes', () => {
  it('Llama 3 8B and 70B parameter counts match their model cards (8.03 B, 70.6 B) within 0.5%', () => {
    if (llama8b.kind !== 'llm' || llama70b.kind !== 'llm') throw new Error('expected LLMs');
    expect(Math.abs(llama8b.params / 8.03e9 - 1)).toBeLessThan(0.005);
    expect(Math.abs(llama70b.params / 70.6e9 - 1)).toBeLessThan(0.005);
  });

  it('the KV cache of Llama 3 70B in bf16 is 2·80 layers·8 KV heads·128·2 B = 327,680 B per token', () => {
    if (llama70b.kind !== 'llm') throw new Error('expected an LLM');
    expect(kvBytesPerToken(llama70b, 'bf16')).toBe(327_680);
  });

  it('a causal prompt of n tokens attends n(n+1)/2 pairs, however it is chunked', () => {
    expect(prefillAttendedPairs(0, 1000)).toBe(500_500);
    expect(prefillAttendedPairs(0, 400) + prefillAttendedPairs(400, 600)).toBe(500_500);
  });

  it('KV capacity is the usable memory after the weights, in whole pages', () => {
    if (llama70b.kind !== 'llm') throw new Error('expected an LLM');
    const kv = kvCapacity(llama70b, 80e9, 2, 0.9, 'fp8', 'fp8', 16);
    const expected = (2 * 80e9 * 0.9 - llama70b.params) / 163_840;
    expect(kv.tokens % 16).toBe(0);
    expect(kv.tokens).toBeLessThanOrEqual(expected);
    expect(kv.tokens).toBeGreaterThan(expected - 16);
    expect(kvCapacity(llama70b, 80e9, 1, 0.9, 'bf16', 'bf16', 16).fits).toBe(false);
  });
});

describe('iteration roofline', () => {
  it('decode is memory-bound: at least weights / bandwidth, and nearly flat from batch 1 to 64', () => {
    if (llama8b.kind !== 'llm') throw new Error('expected an LLM');
    const step = (b: number) => llmIterationTime(llama8b, hw(1), { prefillTokens: 0, prefillPairs: 0, prefillsCompleting: 0, decodes: b, decodeContext: b * 1000 }).timeS;
    const floor = (llama8b.params - llama8b.lookupOnlyParams) * 2 / hw(1).device.memoryBandwidth;
    expect(step(1)).toBeGreaterThan(floor);
    expect(step(1)).toBeLessThan(2 * floor);
    // 64x the tokens for less than 1.5x the time: the weights, read once per step, dominate.
    expect(step(64)).toBeLessThan(1.5 * step(1));
  });

  it('prefill of 4,096 tokens is compute-bound', () => {
    if (llama8b.kind !== 'llm') throw new Error('expected an LLM');
    const b = llmIterationTime(llama8b, hw(1), { prefillTokens: 4096, prefillPairs: prefillAttendedPairs(0, 4096), prefillsCompleting: 1, decodes: 0, decodeContext: 0 });
    expect(b.computeS).toBeGreaterThan(3 * b.memoryS);
  });

  it('tensor parallelism adds two all-reduces per layer and splits the rest', () => {
    if (llama70b.kind !== 'llm') throw new Error('expected an LLM');
    const w = { prefillTokens: 0, prefillPairs: 0, prefillsCompleting: 0, decodes: 32, decodeContext: 32 * 2000 };
    const t2 = llmIterationTime(llama70b, hw(2, 'fp8'), w);
    const t4 = llmIterationTime(llama70b, hw(4, 'fp8'), w);
    // The bytes split across ranks; each kernel's fixed time and the replicated norms do not.
    expect(t4.memoryS).toBeLessThan(0.6 * t2.memoryS);
    expect(t4.memoryS).toBeGreaterThan(0.5 * t2.memoryS);
    expect(t4.communicationS).toBeGreaterThan(t2.communicationS);
  });

  it('the DES timer gives the same times as the roofline breakdown (within 0.1%)', () => {
    if (llama70b.kind !== 'llm') throw new Error('expected an LLM');
    for (const tensor of [1, 2, 8]) {
      const h = hw(tensor, 'fp8');
      const timer = llmIterationTimer(llama70b, h);
      for (const w of [
        { prefillTokens: 0, prefillPairs: 0, prefillsCompleting: 0, decodes: 7, decodeContext: 7 * 900 },
        { prefillTokens: 2048, prefillPairs: prefillAttendedPairs(0, 2048), prefillsCompleting: 1, decodes: 100, decodeContext: 100 * 3000 },
      ]) {
        expect(Math.abs(timer(w) / llmIterationTime(llama70b, h, w).timeS - 1)).toBeLessThan(1e-3);
      }
    }
  });
});

describe('kernels of a forward pass', () => {
  it('the weight GEMMs of every layer on all ranks hold exactly the model\'s weights (dense and mixture-of-experts)', () => {
    for (const id of ['llama3-70b', 'mixtral-8x7b']) {
      const md = resolveServedModel(id);
      if (md.kind !== 'llm') throw new Error('expected an LLM');
      for (const t of [1, 2, 8]) {
        const perLayer = layerGemms(md, t).reduce((s, g) => s + g.n * g.k * g.count, 0) * t;
        expect(perLayer * md.layers + md.headParams + md.lookupOnlyParams, `${id} t=${t}`).toBeCloseTo(md.params, -3);
      }
    }
  });

  it('prefill attention runs below the GEMM ceiling (its inner dimension is the head size) and grows with the square of the prompt', () => {
    if (llama8b.kind !== 'llm') throw new Error('expected an LLM');
    const at = (n: number) => llmIterationTime(llama8b, hw(1), { prefillTokens: n, prefillPairs: prefillAttendedPairs(0, n), prefillsCompleting: 1, decodes: 0, decodeContext: 0 });
    const flop = 4 * llama8b.layers * llama8b.heads * llama8b.headDim * prefillAttendedPairs(0, 8192);
    const rate = flop / at(8192).attentionS;
    expect(rate).toBeLessThan(0.85 * 989e12);
    expect(rate).toBeGreaterThan(0.3 * 989e12);
    // Pairs grow ~4x from 4k to 8k tokens; the rate rises a little with the work, so the time grows a bit less.
    const ratio = at(8192).attentionS / at(4096).attentionS;
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(4.1);
  });

  it('decode attention reads each request\'s KV cache once: time ~ context bytes / bandwidth', () => {
    if (llama8b.kind !== 'llm') throw new Error('expected an LLM');
    const b = llmIterationTime(llama8b, hw(1), { prefillTokens: 0, prefillPairs: 0, prefillsCompleting: 0, decodes: 64, decodeContext: 64 * 8000 });
    const bytes = 64 * 8000 * kvBytesPerToken(llama8b, 'bf16');
    const floor = bytes / hw(1).device.memoryBandwidth;
    expect(b.attentionS).toBeGreaterThan(floor);
    expect(b.attentionS).toBeLessThan(1.5 * floor);
  });
});

