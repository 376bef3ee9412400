/**
 * The shape of a served model as the serving roofline needs it: weight bytes,
 * KV-cache bytes per token, and FLOP per token. Decoder-only transformers with
 * grouped-query attention; non-LLM models are a per-request cost instead.
 */
import type { Precision } from '../../hardware/types';

export interface LlmShape {
  /** Parameters (all of them; for mixture-of-experts see activeParams). */
  params: number;
  /** Parameters touched per token (= params for dense models). */
  activeParams: number;
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  /** Output projection (vocabulary x hidden): run only for tokens that produce logits. */
  headParams: number;
  /** Input embedding table when untied: looked up, never multiplied, barely read. */
  lookupOnlyParams: number;
  /** FFN inner width (of one expert for mixture-of-experts). */
  ffnHidden: number;
  /** True for gated FFNs (SwiGLU: gate and up projections, then down). */
  gatedFfn: boolean;
  /** Routed experts (0 for dense models), experts each token is routed to, and always-on shared experts. */
  experts: number;
  topK: number;
  sharedExperts: number;
}

/** Bytes per element for weights or KV cache at a precision. */
export function bytesPerElement(precision: Precision): number {
  switch (precision) {
    case 'fp64':
      return 8;
    case 'fp32':
    case 'tf32':
      return 4;
    case 'bf16':
    case 'fp16':
      return 2;
    case 'fp8':
    case 'int8':
      return 1;
    case 'fp4':
      return 0.5;
  }
}

export function weightBytes(model: LlmShape, precision: Precision): number {
  return model.params * bytesPerElement(precision);
}

/** KV cache per token: K and V, per layer, per KV head (GQA), headDim elements each. */
export function kvBytesPerToken(model: LlmShape, kvPrecision: Precision): number {
  return 2 * model.layers * model.kvHeads * model.headDim * bytesPerElement(kvPrecision);
}

/**
 * Forward FLOP of `tokens` new tokens whose attention spans `attendedPairs`
 * (sum over the new tokens of the context each attends to):
 * 2·N per token for the weight matmuls (Kaplan et al. 2020, "Scaling laws", table 1),
 * the output head only for tokens that are sampled,
 * plus 4·layers·heads·headDim per attended pair (QKᵀ and AV).
 */
export function forwardFlop(model: LlmShape, tokens: number, attendedPairs: number, logitsTokens = tokens): number {
  const body = model.activeParams - model.headParams - model.lookupOnlyParams;
  return 2 * body * tokens + 2 * model.headParams * logitsTokens + 4 * model.layers * model.heads * model.headDim * attendedPairs;
}

/** Weight bytes one forward pass reads (all experts, conservatively; not the lookup-only embedding table). */
export function weightBytesRead(model: LlmShape, precision: Precision): number {
  return (model.params - model.lookupOnlyParams) * bytesPerElement(precision);
}

/** Attended pairs of a prompt chunk of `chunk` tokens starting after `done` tokens (causal mask). */
export function prefillAttendedPairs(done: number, chunk: number): number {
  // token i (0-based within the chunk) attends done + i + 1 positions
  return chunk * done + (chunk * (chunk + 1)) / 2;
}
