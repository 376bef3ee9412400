/**
 * Time of one scheduler iteration of a replica: one forward pass over a batch
 * of prefill chunks and decode steps, kernel by kernel, as the serving engines
 * run it (vLLM, TensorRT-LLM):
 *  - weight GEMMs over all the iteration's tokens, each at the calibrated
 *    matmul rate for its own shape (calibration/efficiency.ts), which is the
 *    operand-traffic roofline for the thin GEMMs of a decode step, so decode
 *    comes out weight-read-bound and prefill compute-bound with no flag;
 *  - attention as a fused kernel (FlashAttention, Dao et al. 2022): prefill at
 *    the 16-bit rate of a GEMM whose inner dimension is the head size, decode
 *    reading each request's KV cache;
 *  - memory-bound fused kernels over the activations (residual add + RMSNorm,
 *    gated activation, rotary embedding and the KV-cache write);
 *  - two tensor-parallel all-reduces per layer on the scale-up fabric and the
 *    pipeline hand-offs.
 * Kernels run one after another (no overlap inside a forward pass), so the
 * iteration time is their sum.
 */
import type { CalibrationProfile } from '../../../calibration/profile';
import { matmulCeiling, matmulRate, memoryRate, rateCurves } from '../../../calibration/efficiency';
import type { DeviceSpec, Precision, ScaleUpSpec } from '../../hardware/types';
import { waveFactor } from '../training/wave-quantization';
import { type LlmShape, bytesPerElement, kvBytesPerToken } from './model';
import type { PerRequestModel } from './schema';
import { cbrt } from '../../engine/portable-math';

export interface ReplicaHardware {
  device: DeviceSpec;
  tensor: number;
  pipeline: number;
  scaleUp: ScaleUpSpec;
  precision: Precision;
  kvPrecision: Precision;
  profile: CalibrationProfile;
}

/** What one iteration processes. */
export interface IterationWork {
  /** New prompt tokens (all prefill chunks of the iteration). */
  prefillTokens: number;
  /** Attended (query, key) pairs of those prompt tokens. */
  prefillPairs: number;
  /** Prompts whose last chunk is in this iteration (they sample their first token). */
  prefillsCompleting: number;
  /** Requests taking one decode step. */
  decodes: number;
  /** Sum of the context lengths those decodes attend to. */
  decodeContext: number;
}

export interface IterationBreakdown {
  timeS: number;
  /** Weight GEMMs and the output head. */
  gemmS: number;
  /** Fused attention (prefill scores and context, decode KV reads). */
  attentionS: number;
  /** Memory-bound fused kernels over activations, KV-cache writes included. */
  activationS: number;
  /** Tensor-parallel all-reduces and pipeline hand-offs. */
  communicationS: number;
  /** Of the kernel time, what is bound by arithmetic and what by memory traffic. */
  computeS: number;
  memoryS: number;
}

/**
 * Ring all-reduce time on the scale-up domain, 2(t-1)/t · S/B + 2(t-1)·α
 * (Patarasuk & Yuan 2009; the NCCL ring), at the bandwidth a bulk transfer
 * achieves on the link (the node's cited `scaleUp.efficiency`, as the topology
 * builder uses it). Tensor parallelism stays inside one scale-up domain.
 */
export function scaleUpAllReduceS(bytes: number, ranks: number, scaleUp: ScaleUpSpec): number {
  if (ranks <= 1) return 0;
  const bandwidth = scaleUp.bandwidthPerDevice * (scaleUp.efficiency ?? 1);
  return (2 * (ranks - 1) / ranks) * (bytes / bandwidth) + 2 * (ranks - 1) * scaleUp.latency;
}

/** A weight GEMM of one layer on one tensor-parallel rank: m = tokens x tokenShare, n x k weights, `count` of them. */
export interface LayerGemm { n: number; k: number; tokenShare: number; count: number }

/**
 * The weight GEMMs of one layer on one of `t` tensor-parallel ranks (Megatron
 * splitting: QKV and FFN-up by columns, attention-out and FFN-down by rows).
 * A mixture-of-experts layer runs its routed experts on tokens·topK/experts
 * tokens each (balanced router), the shared ones on every token.
 */
export function layerGemms(md: LlmShape, t: number): LayerGemm[] {
  const h = md.hidden;
  const up = (md.gatedFfn ? 2 : 1) * md.ffnHidden;
  const gemms: LayerGemm[] = [
    { n: ((md.heads + 2 * md.kvHeads) * md.headDim) / t, k: h, tokenShare: 1, count: 1 },
    { n: h, k: (md.heads * md.headDim) / t, tokenShare: 1, count: 1 },
  ];
  const ffn = (tokenShare: number, count: number, width: number) => {
    gemms.push({ n: (up * width) / t, k: h, tokenShare, count }, { n: h, k: (md.ffnHidden * width) / t, tokenShare, count });
  };
  if (md.experts > 0) {
    ffn(md.topK / md.experts, md.experts, 1);
    if (md.sharedExperts > 0) ffn(1, 1, md.sharedExperts);
  } else ffn(1, 1, 1);
  return gemms;
}

/** Precision attention runs at: 16-bit activations (a quantised KV cache is dequantised on load), fp32 models in fp32. */
function attentionPrecision(hw: ReplicaHardware): Precision {
  if (hw.precision === 'fp32' || hw.precision === 'tf32' || hw.precision === 'fp64') return hw.precision;
  return hw.device.peakFlops.bf16 ? 'bf16' : hw.device.peakFlops.fp16 ? 'fp16' : 'fp32';
}

interface KernelTime { timeS: number; memoryBound: boolean }

/**
 * A function of a token count, each value computed once: typed arrays indexed
 * by the count (an iteration's batch is at most a few thousand tokens), so the
 * DES's lookup is an array read.
 */
class PerCount {
  private values = new Float64Array(0);
  constructor(private readonly f: (n: number) => number) {}
  at(n: number): number {
    // Fractional counts (the analytic model's mean batch) are computed, not stored.
    if ((n | 0) !== n) return this.f(n);
    if (n >= this.values.length) {
      if (n > 1 << 20) return this.f(n);
      const grown = new Float64Array(Math.max(n + 1, 256, 2 * this.values.length)).fill(Number.NaN);
      grown.set(this.values);
      this.values = grown;
    }
    let v = this.values[n];
    if (v !== v) {
      v = this.f(n);
      this.values[n] = v;
    }
    return v;
  }
}

/**
 * The iteration model of one replica with its constants hoisted and the
 * token-count-dependent parts memoised: the DES calls it once per iteration
 * (millions of times an hour of traffic).
 */
export function llmIterationModel(md: LlmShape, hw: ReplicaHardware): IterationModel {
  const t = hw.tensor;
  const { profile, device } = hw;
  const weightBytes = bytesPerElement(hw.precision);
  const act = bytesPerElement(attentionPrecision(hw));
  const kvPerToken = kvBytesPerToken(md, hw.kvPrecision) / t;
  const gemms = layerGemms(md, t);
  const attPrecision = attentionPrecision(hw);
  const localHeads = md.heads / t;
  const attentionFlopPerPair = 4 * md.layers * localHeads * md.headDim;
  const attCeiling = matmulCeiling(profile, device, attPrecision);
  const curves = rateCurves(profile, device, attPrecision);
  const vocab = md.headParams / md.hidden;

  const gemm = (m: number, n: number, k: number, count: number): KernelTime => {
    if (m <= 0) return { timeS: 0, memoryBound: false };
    const rate = matmulRate(profile, device, hw.precision, m, n, k) * waveFactor(device.id, hw.precision, m, n, count, k);
    const timeS = (count * 2 * m * n * k) / rate;
    const trafficS = (count * weightBytes * (m * k + k * n + m * n)) / memoryRate(profile, device, weightBytes * (m * k + k * n + m * n));
    return { timeS, memoryBound: trafficS >= 0.999 * timeS };
  };

  /** Per-layer GEMMs over `tokens` tokens, times the layers: total time and its compute-bound part. */
  const dense = (tokens: number): KernelTime[] =>
    gemms.map((g) => {
      const m = Math.max(1, Math.round(tokens * g.tokenShare));
      // A routed expert that no token reaches is not run: at most tokens·topK experts work.
      const count = g.tokenShare < 1 ? Math.min(g.count, tokens * md.topK) : g.count;
      const k1 = gemm(m, g.n, g.k, count);
      return { timeS: k1.timeS * md.layers, memoryBound: k1.memoryBound };
    });
  const computePart = (ks: KernelTime[]) => ks.reduce((s, k) => s + (k.memoryBound ? 0 : k.timeS), 0);
  const denseS = new PerCount((n) => dense(n).reduce((s, k) => s + k.timeS, 0));
  const denseComputeS = new PerCount((n) => computePart(dense(n)));
  const headS = new PerCount((n) => gemm(n, vocab / t, md.hidden, 1).timeS);
  const headComputeS = new PerCount((n) => computePart([gemm(n, vocab / t, md.hidden, 1)]));

  // Fused element-wise kernels of one layer, bytes per token, each reading its inputs and writing its outputs
  // once: two residual add + RMSNorm (read input and residual, write both), rotary embedding of q and k with
  // the new token's K and V written to the cache, and the gated activation (read gate and up, write the
  // product) or GELU. Each kernel also pays the fixed per-kernel time of the calibrated memory curve.
  const ffnWidth = ((md.experts > 0 ? md.topK + md.sharedExperts : 1) * md.ffnHidden) / t;
  const qkvWidth = ((md.heads + 2 * md.kvHeads) * md.headDim) / t;
  const layerPasses = [4 * md.hidden * act, 4 * md.hidden * act, 2 * qkvWidth * act + kvPerToken / md.layers, (md.gatedFfn ? 3 : 2) * ffnWidth * act];
  const passesS = new PerCount((tokens) => {
    let s = 0;
    for (const perToken of layerPasses) s += (tokens * perToken) / curves.memory(tokens * perToken);
    return s * md.layers;
  });

  // Tensor-parallel all-reduces (attention out, FFN out) of 16-bit activations, and pipeline hand-offs.
  // Each all-reduce is a kernel like the others: beside its time on the wire it pays the fixed
  // per-kernel time of the calibrated memory curve (a pass of almost no bytes), as the fused
  // element-wise kernels do.
  const kernelFixedS = 1 / curves.memory(1);
  const communication = new PerCount((tokens) => {
    if (t === 1 && hw.pipeline === 1) return 0;
    const bytes = tokens * md.hidden * 2;
    return 2 * md.layers * (t > 1 ? scaleUpAllReduceS(bytes, t, hw.scaleUp) + kernelFixedS : 0) +
      (hw.pipeline - 1) * (bytes / (hw.scaleUp.bandwidthPerDevice * (hw.scaleUp.efficiency ?? 1)) + hw.scaleUp.latency);
  });

  // Prefill attention: the scores stay on chip (FlashAttention), so the time is the arithmetic at the rate
  // of a GEMM with the head size as inner dimension, over all local heads and the mean attended length.
  const prefillAttentionS = (w: IterationWork) =>
    w.prefillTokens > 0 && w.prefillPairs > 0
      ? (attentionFlopPerPair * w.prefillPairs) / curves.matmulCompute(w.prefillTokens * localHeads, w.prefillPairs / w.prefillTokens, md.headDim)
      : 0;
  // Decode attention reads each request's K and V once per layer (FlashDecoding-style kernels) and does
  // 4·heads/kvHeads FLOP per cached element: memory-bound on every device here, its arithmetic checked
  // against the calibrated ceiling. Without a cache tier the memory curve has a closed form: a pass of
  // B bytes takes (B + halfWork) / ceiling.
  const closed = curves.memoryClosedForm;
  const kvReadS = closed
    ? (context: number) => (context * kvPerToken + md.layers * closed.halfWork) / closed.ceiling
    : (context: number) => {
        const layerBytes = (context * kvPerToken) / md.layers;
        return (layerBytes / curves.memory(layerBytes)) * md.layers;
      };
  const attentionMathPerPair = attentionFlopPerPair / attCeiling;
  const decodeReadS = (w: IterationWork) => (w.decodes > 0 && w.decodeContext > 0 ? kvReadS(w.decodeContext) : 0);
  const decodeMathS = (w: IterationWork) => (w.decodes > 0 ? w.decodeContext * attentionMathPerPair : 0);

  // The DES's path: the token-count parts summed once per count.
  const perTokens = new PerCount((n) => denseS.at(n) + passesS.at(n) + communication.at(n));
  const timeS = (w: IterationWork): number => {
    const tokens = w.prefillTokens + w.decodes;
    if (tokens === 0) return 0;
    const readS = decodeReadS(w);
    const mathS = decodeMathS(w);
    return perTokens.at(tokens) + headS.at(w.decodes + w.prefillsCompleting) + prefillAttentionS(w) + (readS > mathS ? readS : mathS);
  };

  const breakdown = (w: IterationWork, out: IterationBreakdown = { timeS: 0, gemmS: 0, attentionS: 0, activationS: 0, communicationS: 0, computeS: 0, memoryS: 0 }): IterationBreakdown => {
    const tokens = w.prefillTokens + w.decodes;
    if (tokens === 0) {
      out.timeS = out.gemmS = out.attentionS = out.activationS = out.communicationS = out.computeS = out.memoryS = 0;
      return out;
    }
    const sampled = w.decodes + w.prefillsCompleting;
    const gemmS = denseS.at(tokens) + headS.at(sampled);
    let computeS = denseComputeS.at(tokens) + headComputeS.at(sampled);
    let memoryS = gemmS - computeS;
    const prefillS = prefillAttentionS(w);
    computeS += prefillS;
    const readS = decodeReadS(w);
    const mathS = decodeMathS(w);
    if (readS >= mathS) memoryS += readS;
    else computeS += mathS;
    const attentionS = prefillS + Math.max(readS, mathS);
    const activationS = passesS.at(tokens);
    memoryS += activationS;
    const communicationS = communication.at(tokens);
    out.timeS = gemmS + attentionS + activationS + communicationS;
    out.gemmS = gemmS;
    out.attentionS = attentionS;
    out.activationS = activationS;
    out.communicationS = communicationS;
    out.computeS = computeS;
    out.memoryS = memoryS;
    return out;
  };
  return { timeS, breakdown };
}

export interface IterationModel {
  /** Seconds of one iteration (the DES's hot path: no allocation, array lookups). */
  timeS: (w: IterationWork) => number;
  /** The same time with its parts. */
  breakdown: (w: IterationWork, out?: IterationBreakdown) => IterationBreakdown;
}

const models = new WeakMap<LlmShape, WeakMap<ReplicaHardware, IterationModel>>();

/** One iteration's breakdown; the model of a (model, hardware) pair is built once and kept while both live. */
export function llmIterationTime(model: LlmShape, hw: ReplicaHardware, w: IterationWork): IterationBreakdown {
  let byHw = models.get(model);
  if (!byHw) {
    byHw = new WeakMap();
    models.set(model, byHw);
  }
  let m = byHw.get(hw);
  if (!m) {
    m = llmIterationModel(model, hw);
    byHw.set(hw, m);
  }
  return m.breakdown(w);
}

/** The DES's view: seconds per iteration. */
export function llmIterationTimer(model: LlmShape, hw: ReplicaHardware): (w: IterationWork) => number {
  return llmIterationModel(model, hw).timeS;
}

/** A batch of `batch` non-LLM requests: weights read once, per-request FLOP and bytes. */
export function perRequestBatchTime(model: PerRequestModel, hw: ReplicaHardware, batch: number): IterationBreakdown {
  if (batch === 0) return { timeS: 0, gemmS: 0, attentionS: 0, activationS: 0, communicationS: 0, computeS: 0, memoryS: 0 };
  const devices = hw.tensor * hw.pipeline;
  const flop = model.flopPerRequest * batch;
  // No GEMM shape is known: a cube with the batch's work on one device (2·d³ FLOP) sets the efficiency.
  const perDeviceFlop = flop / devices;
  const side = Math.max(1, cbrt(perDeviceFlop / 2));
  const peak = hw.device.peakFlops[hw.precision] ?? hw.device.peakFlops.fp32 ?? 0;
  const rate = matmulRate(hw.profile, hw.device, hw.precision, side, side, side) || peak;
  const computeS = (perDeviceFlop / rate) * hw.pipeline;
  const bytesPerDevice = (model.weightBytes + model.bytesPerRequest * batch) / devices;
  const memoryS = (bytesPerDevice / memoryRate(hw.profile, hw.device, bytesPerDevice)) * hw.pipeline;
  const timeS = Math.max(computeS, memoryS);
  return { timeS, gemmS: timeS, attentionS: 0, activationS: 0, communicationS: 0, computeS, memoryS };
}
