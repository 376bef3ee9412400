/**
 * Local (one-thread CPU) matmul fits that carry what the backend's kernel is
 * known to do (kernels.ts) besides the size curve and the skinny factor:
 * re-streamed weights and an aliased column walk (shape.ts
 * `localMatmulTime`), each fitted per run by least squares in time and kept
 * only where the data ask for it.
 */
import { lusolve } from 'mathjs';
import { fitMatmulCurve, fitReportOf, matmulRateAt, type MatmulCurveFit, type MatmulPoint } from './fit';
import { type ColumnAliasing, columnWalkAliases, skinnyFactor, streamedWeightBytes, type WeightPass } from './shape';
import { quarterPowerOfTwo } from './quarter-power';

/** What a local backend's kernel is known to do (kernels.ts): the terms a local fit may add to its size curve. */
export interface KernelTerms {
  weightPass?: WeightPass;
  columnAliasing?: ColumnAliasing;
}

/**
 * `fitMatmulCurve` with the compute-only skinny factor, then each of the
 * kernel's terms: a term is a further parameter, so it needs points on both
 * sides of it (at least two shapes that re-stream weights from the shared
 * cache, so that one stray point cannot be fitted exactly; aliased and not
 * aliased shapes), and is kept only if it lowers the rms relative error by a
 * tenth, like d½.
 */
export function fitLocalMatmulCurve(points: MatmulPoint[], peak: number, kernel: KernelTerms = {}): MatmulCurveFit {
  let best = fitMatmulCurve(points, peak, undefined, 'compute');
  if (points.length < 6) return best;
  const streamed = kernel.weightPass ? points.filter((p) => streamedWeightBytes(kernel.weightPass!, p, 'cache') > 0).length >= 2 : false;
  const aliased = kernel.columnAliasing ? new Set(points.map((p) => columnWalkAliases(kernel.columnAliasing!, p.n))).size === 2 : false;
  const candidates: KernelTerms[] = [];
  if (streamed) candidates.push({ weightPass: kernel.weightPass });
  if (aliased) candidates.push({ columnAliasing: kernel.columnAliasing });
  if (streamed && aliased) candidates.push(kernel);
  let chosen: KernelTerms = {};
  for (const terms of candidates) {
    const f = fitMatmulKernelTerms(points, peak, terms);
    // A candidate with more terms than the one chosen must beat it by a tenth; one with as many, just beat it.
    const needed = Object.keys(terms).length > Object.keys(chosen).length ? 0.9 : 1;
    if (f && f.report.rmsRelativeError < needed * best.report.rmsRelativeError) {
      best = f;
      chosen = terms;
    }
  }
  return best;
}

/**
 * t = t0 + a·W/s + b·V + c·[aliased]·W/s (Rmax = 1/a, B = 1/b, aliasing
 * factor 1 + c/a): one weighted linear fit in time per d½ on the grid of
 * fit.ts `fitMatmulCurve`, d½ = 0 (no skinny factor) included.
 */
function fitMatmulKernelTerms(points: MatmulPoint[], peak: number, terms: KernelTerms): MatmulCurveFit | undefined {
  const work = (p: MatmulPoint) => 2 * (p.batch ?? 1) * p.m * p.n * p.k;
  const minDimension = Math.min(...points.map((p) => Math.min(p.m, p.n, p.k)));
  const attempt = (d: number): MatmulCurveFit | undefined => {
    const rows = points.map((p) => {
      const compute = work(p) / skinnyFactor(p.m, p.n, p.k, d);
      const x = [compute];
      if (terms.weightPass) x.push(streamedWeightBytes(terms.weightPass, p, 'cache'));
      if (terms.columnAliasing) x.push(columnWalkAliases(terms.columnAliasing, p.n) ? compute : 0);
      // Weights beyond the whole cache stream at the run's measured DRAM bandwidth: a known part of the time.
      const dram = terms.weightPass?.dram ? streamedWeightBytes(terms.weightPass, p, 'dram') / terms.weightPass.dram.bandwidth : 0;
      return { x, y: work(p) / p.rate - dram, scale: work(p) / p.rate };
    });
    if (rows.some((r) => !(r.y > 0))) return undefined; // the DRAM part alone exceeds a measured time
    const line = fitTimeLinear(rows);
    if (!line) return undefined;
    const [a, ...rest] = line.slopes;
    const maxRate = 1 / a;
    const fit: MatmulCurveFit = {
      curve: { maxEfficiency: maxRate / peak, halfWork: line.intercept * maxRate },
      maxRate,
      report: { rmsRelativeError: 0, maxRelativeError: 0, points: 0 },
      skinnyAppliesTo: 'compute',
      ...(d ? { skinnyDimension: d, skinnyMinDimension: minDimension } : {}),
      ...(terms.weightPass ? { weightStreaming: { ...terms.weightPass, bandwidth: 1 / rest.shift()! } } : {}),
      ...(terms.columnAliasing ? { columnAliasing: { ...terms.columnAliasing, computeTimeFactor: 1 + rest.shift()! / a } } : {}),
    };
    const predicted = points.map((p) => matmulRateAt(peak, { ...fit.curve, ...fit }, p));
    return { ...fit, report: fitReportOf(points.map((p) => p.rate), predicted) };
  };
  const plain = attempt(0);
  let best = plain;
  const dims = new Set(points.map((p) => Math.min(p.m, p.n, p.k)));
  if (dims.size >= 3) {
    for (let q = -8; quarterPowerOfTwo(q) <= Math.max(...dims); q++) {
      const f = attempt(quarterPowerOfTwo(q));
      if (f && f.report.rmsRelativeError < (best?.report.rmsRelativeError ?? Infinity)) best = f;
    }
  }
  // As in fitMatmulCurve: a d½ is kept only if it lowers the rms by a tenth.
  return best?.skinnyDimension && plain && !(best.report.rmsRelativeError < 0.9 * plain.report.rmsRelativeError) ? plain : best;
}

/**
 * Minimise Σ ((Σ a_i·x_i + c − y) / scale)² over the slopes a_i and the
 * intercept c, scale = y unless given (the several-regressor form of
 * fitTimeLine: relative error). Undefined unless every slope comes out
 * positive; a negative intercept is refitted through the origin.
 */
export function fitTimeLinear(points: Array<{ x: number[]; y: number; scale?: number }>): { slopes: number[]; intercept: number } | undefined {
  if (points.length === 0) return undefined;
  const regressors = points[0].x.length;
  const solve = (withIntercept: boolean) => {
    const n = regressors + (withIntercept ? 1 : 0);
    const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const r = new Array<number>(n).fill(0);
    for (const { x, y, scale } of points) {
      const v = withIntercept ? [...x, 1] : x;
      const w = 1 / ((scale ?? y) * (scale ?? y));
      for (let i = 0; i < n; i++) {
        r[i] += w * v[i] * y;
        for (let j = 0; j < n; j++) a[i][j] += w * v[i] * v[j];
      }
    }
    try {
      const solution = (lusolve(a, r) as number[][]).map((row) => row[0]);
      return { slopes: solution.slice(0, regressors), intercept: withIntercept ? solution[regressors] : 0 };
    } catch {
      return undefined; // singular: the regressors do not vary independently
    }
  };
  let fit = solve(true);
  if (fit && fit.intercept < 0) fit = solve(false);
  return fit && fit.slopes.every((v) => v > 0 && Number.isFinite(v)) ? fit : undefined;
}
