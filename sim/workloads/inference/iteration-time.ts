/**
 * Time of one scheduler iteration of a replica (one forward pass over a batch
 * of prefill chunks and decode steps), by the roofline: the larger of compute
 * time at the calibrated matmul rate and memory time at the calibrated memory
 * rate, plus tensor-parallel all-reduces and pipeline hand-offs on the
 * scale-up fabric. Prefill is compute-bound and decode memory-bound because
 * of these two terms, not because of a flag.
 */
import type { CalibrationProfile } from '../../../calibration/profile';
import { matmulRate, memoryRate } from '../../../calibration/efficiency';
import type { DeviceSpec, Precision, ScaleUpSpec } from '../../hardware/types';
import { type LlmShape, bytesPerElement, forwardFlop, kvBytesPerToken, weightBytesRead } from './model';
import type { PerRequestModel } from './schema';

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
  computeS: number;
  memoryS: number;
  communicationS: number;
}

/**
 * Ring all-reduce time on the scale-up domain, 2(t-1)/t · S/B + 2(t-1)·α
 * (Patarasuk & Yuan 2009; the NCCL ring). Tensor parallelism stays inside one
 * scale-up domain, so the ring is the algorithm that runs there.
 */
export function scaleUpAllReduceS(bytes: number, ranks: number, scaleUp: ScaleUpSpec): number {
  if (ranks <= 1) return 0;
  return (2 * (ranks - 1) / ranks) * (bytes / scaleUp.bandwidthPerDevice) + 2 * (ranks - 1) * scaleUp.latency;
}

/** Activation bytes per token crossing a tensor-parallel all-reduce (16-bit activations). */
const activationBytes = (hidden: number) => hidden * bytesPerElement('bf16');

export function llmIterationTime(model: LlmShape, hw: ReplicaHardware, w: IterationWork): IterationBreakdown {
  const tokens = w.prefillTokens + w.decodes;
  if (tokens === 0) return { timeS: 0, computeS: 0, memoryS: 0, communicationS: 0 };
  const pairs = w.prefillPairs + w.decodeContext;
  const flop = forwardFlop(model, tokens, pairs, w.decodes + w.prefillsCompleting);
  const kvPerToken = kvBytesPerToken(model, hw.kvPrecision);
  // Weights once, the KV cache each decode attends to, and the KV the new tokens write.
  const bytes = weightBytesRead(model, hw.precision) + w.decodeContext * kvPerToken + tokens * kvPerToken;
  const devices = hw.tensor * hw.pipeline;
  // One stage's largest GEMM shape sets the efficiency: tokens x (hidden/t) x hidden.
  const rate = matmulRate(hw.profile, hw.device, hw.precision, tokens, Math.max(1, Math.round(model.hidden / hw.tensor)), model.hidden);
  // Stages run one after another for one batch: time is the sum over stages = total / t.
  const computeS = flop / devices / rate * hw.pipeline;
  const bytesPerDevice = bytes / devices;
  const memoryS = (bytesPerDevice / memoryRate(hw.profile, hw.device, bytesPerDevice)) * hw.pipeline;
  // Megatron tensor parallelism: two all-reduces per layer (attention out, FFN out).
  const allReduces = 2 * model.layers * scaleUpAllReduceS(tokens * activationBytes(model.hidden), hw.tensor, hw.scaleUp);
  const handOffs = (hw.pipeline - 1) * ((tokens * activationBytes(model.hidden)) / hw.scaleUp.bandwidthPerDevice + hw.scaleUp.latency);
  const communicationS = allReduces + handOffs;
  return { timeS: Math.max(computeS, memoryS) + communicationS, computeS, memoryS, communicationS };
}

/** A batch of `batch` non-LLM requests: weights read once, per-request FLOP and bytes. */
export function perRequestBatchTime(model: PerRequestModel, hw: ReplicaHardware, batch: number): IterationBreakdown {
  if (batch === 0) return { timeS: 0, computeS: 0, memoryS: 0, communicationS: 0 };
  const devices = hw.tensor * hw.pipeline;
  const flop = model.flopPerRequest * batch;
  // No GEMM shape is known: a cube with the batch's work on one device (2·d³ FLOP) sets the efficiency.
  const perDeviceFlop = flop / devices;
  const side = Math.max(1, Math.cbrt(perDeviceFlop / 2));
  const peak = hw.device.peakFlops[hw.precision] ?? hw.device.peakFlops.fp32 ?? 0;
  const rate = matmulRate(hw.profile, hw.device, hw.precision, side, side, side) || peak;
  const computeS = (perDeviceFlop / rate) * hw.pipeline;
  const bytesPerDevice = (model.weightBytes + model.bytesPerRequest * batch) / devices;
  const memoryS = (bytesPerDevice / memoryRate(hw.profile, hw.device, bytesPerDevice)) * hw.pipeline;
  return { timeS: Math.max(computeS, memoryS), computeS, memoryS, communicationS: 0 };
}

/**
 * The same roofline as `llmIterationTime`, with its constants hoisted and the
 * matmul rate memoised per token count: the DES calls it once per iteration
 * (millions of times an hour), so it must not search the profile each time.
 * Memory rate is taken at the weight bytes: the calibrated curve is saturated
 * at gigabyte passes, where KV reads add to the same pass.
 */
export function llmIterationTimer(model: LlmShape, hw: ReplicaHardware): (w: IterationWork) => number {
  const devices = hw.tensor * hw.pipeline;
  const kvPerToken = kvBytesPerToken(model, hw.kvPrecision);
  const weightsRead = weightBytesRead(model, hw.precision);
  const body = model.activeParams - model.headParams - model.lookupOnlyParams;
  const attentionPerPair = 4 * model.layers * model.heads * model.headDim;
  const n = Math.max(1, Math.round(model.hidden / hw.tensor));
  const rateCache = new Map<number, number>();
  const memRate = memoryRate(hw.profile, hw.device, weightsRead / devices);
  const allReduceCost = (tokens: number) =>
    2 * model.layers * scaleUpAllReduceS(tokens * activationBytes(model.hidden), hw.tensor, hw.scaleUp) +
    (hw.pipeline - 1) * ((tokens * activationBytes(model.hidden)) / hw.scaleUp.bandwidthPerDevice + hw.scaleUp.latency);
  return (w) => {
    const tokens = w.prefillTokens + w.decodes;
    if (tokens === 0) return 0;
    let rate = rateCache.get(tokens);
    if (rate === undefined) {
      rate = matmulRate(hw.profile, hw.device, hw.precision, tokens, n, model.hidden);
      rateCache.set(tokens, rate);
    }
    const flop = 2 * body * tokens + 2 * model.headParams * (w.decodes + w.prefillsCompleting) + attentionPerPair * (w.prefillPairs + w.decodeContext);
    const computeS = (flop / devices / rate) * hw.pipeline;
    const bytes = weightsRead + (w.decodeContext + tokens) * kvPerToken;
    const memoryS = (bytes / devices / memRate) * hw.pipeline;
    return (computeS > memoryS ? computeS : memoryS) + (devices > 1 ? allReduceCost(tokens) : 0);
  };
}
