/** Shape effects on matmul rate, shared by the fitter and the lookups (no dependencies, browser-safe). */

/**
 * Skinny-shape factor: an operation whose smallest dimension d is small
 * (a GEMV-like decode step, a thin micro-batch) reuses each loaded operand
 * less and fills fewer output tiles, so it runs at d / (d + d½) of the size
 * curve's rate. d½ = `skinnyDimension`; undefined or 0 means no penalty.
 */
export function skinnyFactor(m: number, n: number, k: number, skinnyDimension: number | undefined, minDimension = 1): number {
  if (!skinnyDimension) return 1;
  // Below the smallest dimension the fit saw, the factor is held (no extrapolation);
  // thinner shapes are bounded by memory bandwidth instead (efficiency.ts, roofline).
  const d = Math.max(Math.min(m, n, k), minDimension);
  return d / (d + skinnyDimension);
}

/**
 * How a backend's kernel walks the weight matrix (B, k × n): it sweeps all of
 * it once per tile of `rowsPerPass` rows of A (XNNPACK's fully-connected
 * operator on one thread: one pass per mr-row tile over every output
 * channel). While the weights fit the core's share of the last-level cache
 * the passes hit it; larger weights come back from farther away on every
 * pass, and on one thread that time adds to the compute.
 */
export interface WeightPass {
  rowsPerPass: number;
  /** Weight matrices larger than this are re-streamed on every pass, bytes. */
  beyondBytes: number;
  bytesPerElement: number;
  /**
   * Weight matrices larger than the whole last-level cache (`beyondBytes`)
   * come from DRAM instead, at the DRAM bandwidth the same run measured for
   * memory passes (`bandwidth`): a known term, not fitted again.
   */
  dram?: { beyondBytes: number; bandwidth: number };
}

/** `WeightPass` with the bandwidth those passes were fitted at. */
export interface WeightStreaming extends WeightPass {
  /** Bytes/s at which re-streamed weights arrive from the shared cache, fitted on the measured shapes. */
  bandwidth: number;
}

/**
 * Bytes of weights an (m × k)·(k × n) multiply re-streams: ⌈m / rowsPerPass⌉
 * passes over k·n elements, or 0 while they fit the cache share; with `tier`,
 * only those coming from the shared cache ('cache') or from DRAM ('dram').
 */
export function streamedWeightBytes(pass: WeightPass, p: { m: number; n: number; k: number; batch?: number }, tier?: 'cache' | 'dram'): number {
  const weights = pass.bytesPerElement * p.k * p.n;
  if (!(weights > pass.beyondBytes)) return 0;
  const fromDram = pass.dram !== undefined && weights > pass.dram.beyondBytes;
  if ((tier === 'cache' && fromDram) || (tier === 'dram' && !fromDram)) return 0;
  return (p.batch ?? 1) * Math.ceil(p.m / pass.rowsPerPass) * weights;
}

/** Time the re-streamed weights of a multiply take: cache-tier bytes at the fitted bandwidth, DRAM-tier bytes at the DRAM one. */
export function weightStreamingTime(ws: WeightStreaming, p: { m: number; n: number; k: number; batch?: number }): number {
  return streamedWeightBytes(ws, p, 'cache') / ws.bandwidth + (ws.dram ? streamedWeightBytes(ws, p, 'dram') / ws.dram.bandwidth : 0);
}

/**
 * A kernel that reads B down its columns (inner loop over k, stride n
 * elements) in blocks of rows: when the row stride is a multiple of the L1
 * cache's set span (sets × line = 4 KiB on x86, whose L1 is indexed within a
 * page), every line of a column block maps to the same set, the block no
 * longer stays in L1, and each load goes to L2.
 */
export interface ColumnAliasing {
  setSpanBytes: number;
  bytesPerElement: number;
}

/** `ColumnAliasing` with the fitted slowdown of the compute time of aliased shapes. */
export interface ColumnAliasingFit extends ColumnAliasing {
  /** Compute time of an aliased shape over that of a shape with the same work that is not (≥ 1). */
  computeTimeFactor: number;
}

export const columnWalkAliases = (a: ColumnAliasing, n: number): boolean => (a.bytesPerElement * n) % a.setSpanBytes === 0;

/** The terms a local (one-thread CPU) matmul fit may carry besides its size curve. */
export interface LocalKernelTerms {
  skinnyDimension?: number;
  skinnyMinDimension?: number;
  weightStreaming?: WeightStreaming;
  columnAliasing?: ColumnAliasingFit;
}

/**
 * Time of one call in the local form: t = t0 + f·W / (Rmax·s) + V / B, with
 * t0 the per-call (dispatch) time, s the skinny factor, f the aliasing factor
 * (1 unless the column walk aliases) and V the re-streamed weight bytes
 * (0 unless the weights outgrow the cache share). On one thread nothing
 * overlaps, so the parts add.
 */
export function localMatmulTime(t0: number, maxRate: number, terms: LocalKernelTerms, p: { m: number; n: number; k: number; batch?: number }): number {
  const work = 2 * (p.batch ?? 1) * p.m * p.n * p.k;
  const s = skinnyFactor(p.m, p.n, p.k, terms.skinnyDimension, terms.skinnyMinDimension);
  const f = terms.columnAliasing && columnWalkAliases(terms.columnAliasing, p.n) ? terms.columnAliasing.computeTimeFactor : 1;
  const streamed = terms.weightStreaming ? weightStreamingTime(terms.weightStreaming, p) : 0;
  return t0 + (f * work) / (maxRate * s) + streamed;
}
