/**
 * Least-squares fits for calibration: the saturating rate curve of a device
 * (a roofline with a half-performance size) and the alpha-beta model of a
 * link or collective. Both are the same straight line in time:
 *
 *   rate curve  R(W) = Rmax · W / (W + W½)  ⇔  t(W) = W / Rmax + W½ / Rmax
 *   alpha-beta  t(S) = α + S / B
 *
 * so one weighted linear fit of t = a·x + b serves both (Hockney's
 * "r∞ and n½" characterisation: Hockney & Jesshope, Parallel Computers 2, 1988).
 * Weights are 1/t so that the fit minimises relative error, which is what a
 * planner cares about across sizes spanning six orders of magnitude.
 */
import { lusolve } from 'mathjs';
import type { AlphaBeta, FitReport, RateCurve } from './profile';
import { type ColumnAliasing, type ColumnAliasingFit, localMatmulTime, skinnyFactor, streamedWeightBytes, type WeightPass, type WeightStreaming } from './shape';
import { quarterPowerOfTwo } from './quarter-power';

export { skinnyFactor, streamedWeightBytes, type ColumnAliasing, type ColumnAliasingFit, type WeightPass, type WeightStreaming };

export interface XY {
  x: number;
  y: number;
}

export interface LinearFit {
  slope: number;
  intercept: number;
}

/**
 * Minimise Σ ((a·x + b − t) / t)² over a, b. With a single distinct x it
 * degenerates: the intercept is then 0 and the slope the weighted mean ratio.
 */
export function fitTimeLine(points: XY[], fixedIntercept?: number): LinearFit {
  if (points.length === 0) throw new Error('fitTimeLine: no points');
  if (fixedIntercept !== undefined) {
    // Only the slope is free: minimise Σ ((a·x + b0 − t)/t)².
    let num = 0;
    let den = 0;
    for (const { x, y } of points) {
      num += (x * (y - fixedIntercept)) / (y * y);
      den += (x * x) / (y * y);
    }
    return { slope: num / den, intercept: fixedIntercept };
  }
  let sxx = 0;
  let sx = 0;
  let s1 = 0;
  let sxt = 0;
  let st = 0;
  for (const { x, y } of points) {
    const w = 1 / (y * y);
    sxx += w * x * x;
    sx += w * x;
    s1 += w;
    sxt += w * x * y;
    st += w * y;
  }
  const distinct = new Set(points.map((p) => p.x)).size;
  if (distinct < 2) return { slope: sxt / sxx, intercept: 0 };
  const solution = lusolve(
    [
      [sxx, sx],
      [sx, s1],
    ],
    [sxt, st],
  ) as number[][];
  let slope = solution[0][0];
  let intercept = solution[1][0];
  // A negative fixed cost is unphysical (noise on large sizes only), and so is a time that falls
  // as the work grows (noise on a few small sizes): refit through the origin (a constant rate).
  if (intercept < 0 || !(slope > 0)) {
    slope = sxt / sxx;
    intercept = 0;
  }
  return { slope, intercept };
}

/** Relative errors of predictions against observations. */
export function fitReportOf(observed: number[], predicted: number[]): FitReport {
  const rel = observed.map((o, i) => (predicted[i] - o) / o);
  const rms = Math.sqrt(rel.reduce((s, r) => s + r * r, 0) / Math.max(1, rel.length));
  const max = rel.reduce((m, r) => Math.max(m, Math.abs(r)), 0);
  return { rmsRelativeError: rms, maxRelativeError: max, points: rel.length };
}

export interface WorkRate {
  /** Work of the operation: FLOP for compute, bytes for memory passes. */
  work: number;
  /** Achieved rate, FLOP/s or bytes/s. */
  rate: number;
}

export interface RateCurveFit {
  curve: RateCurve;
  /** The ceiling Rmax = peak · maxEfficiency, in absolute units. */
  maxRate: number;
  report: FitReport;
}

/** Rate of a saturating curve at `work`, relative to `peak`. */
export function rateCurveAt(peak: number, curve: RateCurve, work: number): number {
  return (peak * curve.maxEfficiency * work) / (work + curve.halfWork);
}

/**
 * Fit maxEfficiency (relative to `peak`) and halfWork to measured (work, rate)
 * points. `overheadS`, when given, fixes the size-independent time
 * t0 = halfWork / Rmax (for devices with too few published points to fit it).
 */
export function fitRateCurve(points: WorkRate[], peak: number, overheadS?: number): RateCurveFit {
  if (!(peak > 0)) throw new Error('fitRateCurve: peak must be positive');
  const line = fitTimeLine(
    points.map((p) => ({ x: p.work, y: p.work / p.rate })),
    overheadS,
  );
  const maxRate = 1 / line.slope;
  const curve: RateCurve = { maxEfficiency: maxRate / peak, halfWork: line.intercept * maxRate };
  const predicted = points.map((p) => rateCurveAt(peak, curve, p.work));
  return { curve, maxRate, report: fitReportOf(points.map((p) => p.rate), predicted) };
}

export interface SizeTime {
  bytes: number;
  timeS: number;
}

/** Fit time(bytes) = alpha + bytes / bandwidth. */
export function fitAlphaBeta(points: SizeTime[]): { fit: AlphaBeta; report: FitReport } {
  const line = fitTimeLine(points.map((p) => ({ x: p.bytes, y: p.timeS })));
  const fit: AlphaBeta = { alpha: line.intercept, bandwidth: 1 / line.slope };
  const predicted = points.map((p) => alphaBetaTime(fit, p.bytes));
  return { fit, report: fitReportOf(points.map((p) => p.timeS), predicted) };
}

export function alphaBetaTime(fit: AlphaBeta, bytes: number): number {
  return fit.alpha + bytes / fit.bandwidth;
}

export interface MatmulPoint {
  m: number;
  n: number;
  k: number;
  /** Independent matrix multiplies of this shape in the operation (batched GEMM). */
  batch?: number;
  rate: number;
}

/** What the skinny factor slows: the whole rate, or only the compute time (see profile.ts `skinnyAppliesTo`). */
export type SkinnyScope = 'rate' | 'compute';

export type MatmulCurve = RateCurve & { skinnyDimension?: number; skinnyMinDimension?: number; skinnyAppliesTo?: SkinnyScope; weightStreaming?: WeightStreaming; columnAliasing?: ColumnAliasingFit };

export function matmulRateAt(peak: number, curve: MatmulCurve, p: { m: number; n: number; k: number; batch?: number }): number {
  const work = 2 * (p.batch ?? 1) * p.m * p.n * p.k;
  const s = skinnyFactor(p.m, p.n, p.k, curve.skinnyDimension, curve.skinnyMinDimension);
  if (curve.skinnyAppliesTo !== 'compute') return rateCurveAt(peak, curve, work) * s;
  if (curve.weightStreaming || curve.columnAliasing) {
    const maxRate = peak * curve.maxEfficiency;
    return work / localMatmulTime(curve.halfWork / maxRate, maxRate, curve, p);
  }
  // time = t0 + W / (Rmax·s), t0 = halfWork / Rmax  ⇔  rate = Rmax·s·W / (W + s·halfWork)
  return rateCurveAt(peak, { ...curve, halfWork: s * curve.halfWork }, work) * s;
}

export interface MatmulCurveFit extends RateCurveFit {
  skinnyDimension?: number;
  /** Smallest min(m, n, k) among the fitted points. */
  skinnyMinDimension?: number;
  skinnyAppliesTo?: SkinnyScope;
  weightStreaming?: WeightStreaming;
  columnAliasing?: ColumnAliasingFit;
}

/**
 * Fit the size curve and, when the data support it, the skinny dimension d½:
 * a one-dimensional search over d½ on a log grid, each step a linear fit in
 * time: with scope 'rate', t·s = t0 + W/Rmax (the size curve fitted to the
 * rates divided by the skinny factor s); with scope 'compute',
 * t = t0 + (W/s)/Rmax (the dispatch time t0 is not slowed by the shape).
 * A d½ is kept only if it lowers the rms relative error by at least a tenth
 * (no fitting noise). Local fits may add the kernel's terms
 * (local-matmul-fit.ts).
 */
export function fitMatmulCurve(points: MatmulPoint[], peak: number, overheadS?: number, scope: SkinnyScope = 'rate'): MatmulCurveFit {
  const work = (p: MatmulPoint) => 2 * (p.batch ?? 1) * p.m * p.n * p.k;
  const attempt = (d: number): MatmulCurveFit => {
    const base = fitRateCurve(
      points.map((p) => {
        const s = skinnyFactor(p.m, p.n, p.k, d);
        return { work: scope === 'compute' ? work(p) / s : work(p), rate: p.rate / s };
      }),
      peak,
      overheadS,
    );
    const skinny = d ? { skinnyDimension: d, ...(scope === 'compute' ? { skinnyAppliesTo: scope } : {}) } : {};
    const predicted = points.map((p) => matmulRateAt(peak, { ...base.curve, ...skinny }, p));
    return { ...base, ...skinny, report: fitReportOf(points.map((p) => p.rate), predicted) };
  };
  const plain = attempt(0);
  const dims = new Set(points.map((p) => Math.min(p.m, p.n, p.k)));
  // Three parameters (t0, ceiling, d½) need more points than that to be told apart from noise,
  // and a d½ beyond the thickest shape measured is not seen by the data.
  if (dims.size < 3 || points.length < 5) return plain;
  let best = plain;
  for (let q = -8; quarterPowerOfTwo(q) <= Math.max(...dims); q++) {
    const f = attempt(quarterPowerOfTwo(q));
    // A falling time line (noise on a few points) gives no physical ceiling: not a candidate.
    if (f.maxRate > 0 && f.report.rmsRelativeError < best.report.rmsRelativeError) best = f;
  }
  return best.report.rmsRelativeError < 0.9 * plain.report.rmsRelativeError ? { ...best, skinnyMinDimension: Math.min(...dims) } : plain;
}

export interface MemoryTiers {
  /** Per-call time, s (dispatch and set-up: what a pass costs at zero bytes). */
  overheadS: number;
  /** Bandwidth of passes larger than the cache (DRAM), bytes/s; the only tier when no cache size is known. */
  bandwidth: number;
  /** Passes of at most `bytes` run at `bandwidth` instead (their operands stay in the last-level cache). */
  cacheTier?: { bytes: number; bandwidth: number };
  report: FitReport;
}

/** Rate of a memory-bound pass moving `bytes`: bytes / (t0 + bytes / B), B from the pass's tier. */
export function memoryTierRateAt(tiers: Omit<MemoryTiers, 'report'>, bytes: number): number {
  const b = tiers.cacheTier && bytes <= tiers.cacheTier.bytes ? tiers.cacheTier.bandwidth : tiers.bandwidth;
  return bytes / (tiers.overheadS + bytes / b);
}

/**
 * Memory passes in two tiers split at the last-level cache size: a pass that
 * streams a working set larger than the cache misses it throughout (LRU
 * eviction under a stream), one that fits is served by it once warm. The
 * cache tier's points give t0 and the cache bandwidth (the same weighted line
 * as `fitRateCurve`); the larger passes give the DRAM bandwidth with that t0.
 * Without a cache size, or without points on both sides of it, one tier.
 */
export function fitMemoryTiers(points: WorkRate[], cacheBytes?: number): MemoryTiers {
  const xy = (ps: WorkRate[]) => ps.map((p) => ({ x: p.work, y: p.work / p.rate }));
  const inCache = cacheBytes ? points.filter((p) => p.work <= cacheBytes) : [];
  const beyond = cacheBytes ? points.filter((p) => p.work > cacheBytes) : points;
  let tiers: Omit<MemoryTiers, 'report'>;
  if (cacheBytes && new Set(inCache.map((p) => p.work)).size >= 2 && beyond.length >= 1) {
    const near = fitTimeLine(xy(inCache));
    const far = fitTimeLine(xy(beyond), near.intercept);
    // Noise can make the larger passes look faster than the cache ones: then there is no second tier to tell apart.
    tiers = far.slope > near.slope ? { overheadS: near.intercept, bandwidth: 1 / far.slope, cacheTier: { bytes: cacheBytes, bandwidth: 1 / near.slope } } : { overheadS: near.intercept, bandwidth: 1 / near.slope };
    if (!tiers.cacheTier) tiers = lineTiers(fitTimeLine(xy(points)));
  } else {
    tiers = lineTiers(fitTimeLine(xy(points)));
  }
  return { ...tiers, report: fitReportOf(points.map((p) => p.rate), points.map((p) => memoryTierRateAt(tiers, p.work))) };
}

const lineTiers = (line: LinearFit) => ({ overheadS: line.intercept, bandwidth: 1 / line.slope });
