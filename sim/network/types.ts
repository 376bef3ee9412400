/** Collective requests and plans: plain data shared by the analytic model and the DES. */

export type CollectiveOp = 'all-reduce' | 'reduce-scatter' | 'all-gather' | 'all-to-all' | 'broadcast' | 'send-recv';
export type CollectiveAlgorithm = 'ring' | 'tree' | 'halving-doubling' | 'hierarchical' | 'nvls' | 'auto';

export const collectiveOps: readonly CollectiveOp[] = ['all-reduce', 'reduce-scatter', 'all-gather', 'all-to-all', 'broadcast', 'send-recv'];
export const collectiveAlgorithms: readonly CollectiveAlgorithm[] = ['ring', 'tree', 'halving-doubling', 'hierarchical', 'nvls', 'auto'];

export interface CollectiveRequest {
  op: CollectiveOp;
  algorithm?: CollectiveAlgorithm;
  /**
   * nccl-tests convention: all-reduce, broadcast, send-recv: the buffer size;
   * reduce-scatter / all-gather: the full (gathered) buffer; all-to-all: what one rank sends in all.
   */
  bytes: number;
  /** Global device indices (pools in order, node-major). Order is ring order. */
  ranks: number[];
  /** broadcast root / send-recv source: index into ranks (default 0). */
  root?: number;
}

export interface CollectiveEstimate {
  timeS: number;
  /** bytes/s (nccl-tests algbw = bytes / time). */
  algBandwidth: number;
  /** bytes/s (algbw × the op's bus factor). */
  busBandwidth: number;
  algorithm: string;
  /** Name of the link that limits the slowest step. */
  bottleneck: string;
  /** Seconds spent in per-step latency (α terms) and in moving bytes (β terms). */
  latencyS: number;
  bandwidthS: number;
  steps: number;
}

/** One transfer of a step: bytes over a route (link ids). */
export interface Transfer {
  route: number[];
  bytes: number;
  /**
   * Fastest rate the sender moves this transfer at, bytes/s, whatever its links
   * allow (a channel's thread block, as NCCL's per-channel ceilings); default none.
   */
  maxRate?: number;
}

/**
 * A phase is `repeat` identical steps run back to back; a step is its transfers
 * run concurrently and ends when the last one ends. An algorithm is phases in order.
 */
export interface Phase {
  name: string;
  repeat: number;
  transfers: Transfer[];
  /** Latency added once to the phase (a pipeline's fill), seconds. */
  fillLatencyS?: number;
  /** Algorithm steps a pipelined phase stands for (a ring's N-1), reported as its step count; default `repeat`. */
  pipelinedSteps?: number;
}

export interface CollectivePlan {
  algorithm: string;
  phases: Phase[];
}
