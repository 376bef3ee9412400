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
