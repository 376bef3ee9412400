/**
 * Memory per device: model states (weights, gradients, optimizer) sharded by
 * ZeRO stage, and activations of the micro-batches in flight.
 *
 * Model states: mixed-precision Adam keeps 2 bytes of weights, 2 of gradients
 * and 12 of optimizer state (fp32 master copy, momentum, variance) per
 * parameter (Rajbhandari et al. 2020, "ZeRO", sec. 3.1); ZeRO-1 shards the 12
 * across the data-parallel ranks, ZeRO-2 also the gradients, ZeRO-3/FSDP also
 * the weights (plus a buffer of gathered layers).
 *
 * Activations per layer (Korthikanti et al. 2022, "Reducing Activation
 * Recomputation in Large Transformer Models", sec. 4): sbh(34 + 5as/h) bytes
 * with 16-bit activations and no parallelism; with tensor parallelism
 * sbh(10 + 24/t + 5as/(ht)); with sequence parallelism everything divides by t;
 * selective recompute drops the 5as/h term; full recompute keeps only the layer
 * input (2sbh). We itemise the same tensors so that GQA (smaller K, V), gated
 * FFNs, MoE (top-k tokens through the experts) and FlashAttention (no s×s
 * scores kept) change the right terms; for a GPT layer the sum is exactly the
 * paper's formula (a test checks it). Pipelines hold micro-batches in flight on
 * stage 0: m for GPipe, p for 1F1B, p(1 + (p-1)/(pv)) for interleaved 1F1B
 * (Korthikanti et al. sec. 4.2.3).
 */
import type { Layout } from './layout';
import { embeddingParams, layerParams, type TransformerShape } from './model';
import type { TrainingWorkload } from './schema';

export interface ActivationOptions {
  model: TransformerShape;
  layout: Layout;
  sequenceParallel: boolean;
  recompute: 'none' | 'selective' | 'full';
  flashAttention: boolean;
  activationBytes: number;
}

/** Bytes of activations one layer keeps for backward, one micro-batch, one device. */
export function activationBytesPerLayer(o: ActivationOptions): number {
  const { model: m, layout: ly } = o;
  const e = o.activationBytes;
  const t = ly.tensor;
  const s = m.seqLength / ly.context;
  const b = ly.microBatchSize;
  const h = m.hiddenSize;
  const sbh = s * b * h;
  if (o.recompute === 'full') return (e * sbh) / (o.sequenceParallel ? t : 1);
  // Not split by t without sequence parallelism: two layernorm inputs, QKV and MLP inputs, two dropout masks.
  const replicated = 2 * e * sbh + e * sbh + e * sbh + 2 * sbh;
  // Split by t: Q, K, V, projection input, FFN intermediates, and the s×s scores tensors.
  const kvWidth = 2 * m.kvHeads * m.headDim;
  const attention = e * s * b * (h + kvWidth) + e * sbh;
  const ffnTokens = m.moe ? s * b * m.moe.topK * m.moe.capacityFactor : s * b;
  const f = m.moe ? m.moe.expertFfnHiddenSize : m.ffnHiddenSize;
  let ffn = e * ffnTokens * f * (m.gatedFfn ? 3 : 2);
  if (m.moe && m.moe.sharedExperts > 0) ffn += e * s * b * f * m.moe.sharedExperts * (m.gatedFfn ? 3 : 2);
  const scores = o.flashAttention || o.recompute === 'selective' ? 0 : (2 * e + 1) * m.heads * s * s * b;
  const split = attention + ffn + scores;
  return o.sequenceParallel ? (replicated + split) / t : replicated + split / t;
}

/** Micro-batches whose activations stage 0 holds at its peak. */
export function inFlightMicroBatches(schedule: TrainingWorkload['parallelism']['schedule'], layout: Layout): number {
  const { pipeline: p, microBatches: m, virtualStages: v } = layout;
  if (schedule === 'gpipe') return m;
  if (schedule === 'interleaved') return Math.min(m * v, p * (1 + (p - 1) / (p * v)));
  return Math.min(p, m);
}

export interface MemoryBreakdown {
  weightsBytes: number;
  gradientsBytes: number;
  optimizerBytes: number;
  activationsBytes: number;
  /** Logits, gathered ZeRO-3 layers, the recomputed layer's full activations. */
  workingBytes: number;
  totalBytes: number;
  capacityBytes: number;
  fits: boolean;
  /** Parameters held by the busiest device (before ZeRO sharding). */
  paramsPerDevice: number;
}

export interface MemoryOptions extends ActivationOptions {
  zero: TrainingWorkload['parallelism']['zero'];
  schedule: TrainingWorkload['parallelism']['schedule'];
  precision: TrainingWorkload['precision'];
  capacityBytes: number;
  /** Bytes per element of the gradient buffer (4 when gradients accumulate in fp32); default the weights' width. */
  gradientBytes?: number;
}

/** Peak memory on the busiest device (stage 0 or the last stage), bytes. */
export function memoryPerDevice(o: MemoryOptions): MemoryBreakdown {
  const { model: m, layout: ly } = o;
  const lp = layerParams(m);
  const layersPerStage = Math.ceil(m.layers / ly.pipeline);
  const denseLayer = (lp.attention + lp.denseFfn) / ly.tensor + lp.norms;
  const expertLayer = lp.experts / (ly.tensor * ly.expert);
  const embed = embeddingParams(m) / ly.tensor;
  const firstExtra = embed;
  const lastExtra = ly.pipeline > 1 || !m.tiedEmbeddings ? embed : 0;
  const dense = layersPerStage * denseLayer + Math.max(firstExtra + (ly.pipeline === 1 ? lastExtra : 0), lastExtra);
  const experts = layersPerStage * expertLayer;
  const params = dense + experts;

  const wide = o.precision === 'fp32' || o.precision === 'tf32';
  const wBytes = wide ? 4 : 2;
  const gBytes = o.gradientBytes ?? (wide ? 4 : 2);
  const optBytes = wide ? 8 : 12;
  const zero = o.zero === 'fsdp' ? 3 : o.zero;
  const dpDense = ly.data * ly.context;
  const dpExpert = Math.max(1, dpDense / ly.expert);
  const sharded = (bytesPerParam: number, stage: number) =>
    zero >= stage ? bytesPerParam * (dense / dpDense + experts / dpExpert) : bytesPerParam * params;
  const weightsBytes = sharded(wBytes, 3);
  const gradientsBytes = sharded(gBytes, 2);
  const optimizerBytes = sharded(optBytes, 1);

  const perLayer = activationBytesPerLayer(o);
  const inFlight = inFlightMicroBatches(o.schedule, ly);
  const activationsBytes = perLayer * layersPerStage * inFlight;

  const T = (ly.microBatchSize * m.seqLength) / ly.context;
  const logits = ly.pipeline === 1 ? 4 * T * (m.vocabSize / ly.tensor) : 0; // only the last stage; on stage 0 when p = 1
  const recomputed = o.recompute === 'full' ? activationBytesPerLayer({ ...o, recompute: 'none' }) : 0;
  const gathered = zero >= 3 ? 2 * wBytes * (denseLayer + expertLayer) : 0;
  const workingBytes = logits + recomputed + gathered;
  const first = weightsBytes + gradientsBytes + optimizerBytes + activationsBytes + workingBytes;
  // The last stage holds one micro-batch (1F1B) but the logits; report the larger of the two.
  const lastActivations = perLayer * layersPerStage * (o.schedule === 'gpipe' ? ly.microBatches : 1);
  const last = ly.pipeline > 1 ? weightsBytes + gradientsBytes + optimizerBytes + lastActivations + 4 * T * (m.vocabSize / ly.tensor) + recomputed + gathered : 0;
  const totalBytes = Math.max(first, last);
  return {
    weightsBytes,
    gradientsBytes,
    optimizerBytes,
    activationsBytes,
    workingBytes,
    totalBytes,
    capacityBytes: o.capacityBytes,
    fits: totalBytes <= o.capacityBytes,
    paramsPerDevice: params,
  };
}

const GiB = 2 ** 30;

/** What to change when it does not fit, biggest lever first. */
export function outOfMemoryAdvice(mem: MemoryBreakdown, o: MemoryOptions): string {
  const states = mem.weightsBytes + mem.gradientsBytes + mem.optimizerBytes;
  const parts = `model states ${(states / GiB).toFixed(1)} GiB, activations ${(mem.activationsBytes / GiB).toFixed(1)} GiB, working ${(mem.workingBytes / GiB).toFixed(1)} GiB`;
  const advice: string[] = [];
  if (states >= mem.activationsBytes) {
    advice.push(`raise parallelism.pipeline (now ${o.layout.pipeline}) or parallelism.tensor (now ${o.layout.tensor})`);
    const zero = o.zero === 'fsdp' ? 3 : o.zero;
    if (zero < 3 && o.layout.data * o.layout.context > 1) advice.push(`use parallelism.zero: ${zero + 1} to shard ${zero === 0 ? 'optimizer state' : zero === 1 ? 'gradients' : 'weights'} over the ${o.layout.data} data-parallel ranks`);
  } else {
    if (o.recompute !== 'full') advice.push(`set parallelism.recompute: ${o.recompute === 'none' ? 'selective or full' : 'full'}`);
    if (!o.sequenceParallel && o.layout.tensor > 1) advice.push('turn on parallelism.sequenceParallel');
    if (o.layout.microBatchSize > 1) advice.push(`lower parallelism.microBatchSize (now ${o.layout.microBatchSize})`);
    advice.push(`raise parallelism.tensor or parallelism.context`);
  }
  return `needs ${(mem.totalBytes / GiB).toFixed(1)} GiB per device but the device has ${(mem.capacityBytes / GiB).toFixed(1)} GiB (${parts}); ${advice.join('; or ')}`;
}
