/**
 * KV-cache capacity of a replica: what device memory holds after the weights,
 * in pages of `blockTokens` tokens (PagedAttention, Kwon et al., SOSP 2023).
 */
import type { Precision } from '../../hardware/types';
import { type LlmShape, kvBytesPerToken, weightBytes } from './model';

export interface KvCapacity {
  /** Tokens of KV cache the replica holds (whole pages). */
  tokens: number;
  blocks: number;
  weightBytesPerDevice: number;
  kvBytesPerToken: number;
  /** False when the weights alone do not fit in the usable memory. */
  fits: boolean;
}

export function kvCapacity(
  model: LlmShape,
  deviceMemoryBytes: number,
  devices: number,
  memoryUtilization: number,
  precision: Precision,
  kvPrecision: Precision,
  blockTokens: number,
  /** 'total': weights + KV within memoryUtilization of the memory (vLLM); 'free': KV gets memoryUtilization of what the weights leave (TensorRT-LLM). */
  memoryOf: 'total' | 'free' = 'total',
): KvCapacity {
  const memory = deviceMemoryBytes * devices;
  const weights = weightBytes(model, precision);
  const perToken = kvBytesPerToken(model, kvPrecision);
  const free = memoryOf === 'total' ? memory * memoryUtilization - weights : (memory - weights) * memoryUtilization;
  const blocks = free > 0 ? Math.floor(free / (perToken * blockTokens)) : 0;
  return { tokens: blocks * blockTokens, blocks, weightBytesPerDevice: weights / devices, kvBytesPerToken: perToken, fits: free > 0 };
}
