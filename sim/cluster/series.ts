/**
 * Series and summary statistics for cluster runs: percentiles, time-weighted
 * downsampling of step functions (≤ 1000 points for the UI), and an empirical
 * CDF of queueing delays.
 */
import type { Series } from '../result';

/** Linear-interpolated percentile (p in [0, 100]) of unsorted values; NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = Float64Array.from(values).sort();
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return s[lo] + (s[hi] - s[lo]) * (rank - lo);
}

/**
 * A step function (value y[i] holds from t[i] until t[i+1], the last one until
 * `endS`) averaged over `bins` equal intervals of [t[0], endS]: each point is
 * the time-weighted mean over its bin, plotted at the bin's start.
 */
export function downsampleStep(t: number[], y: number[], endS: number, bins = 1000): { x: number[]; y: number[] } {
  if (t.length === 0) return { x: [], y: [] };
  const t0 = t[0];
  const span = endS - t0;
  if (!(span > 0)) return { x: [t0], y: [y[y.length - 1]] };
  const n = Math.min(bins, Math.max(1, t.length));
  const width = span / n;
  const acc = new Float64Array(n);
  for (let i = 0; i < t.length; i++) {
    let a = t[i];
    const b = i + 1 < t.length ? t[i + 1] : endS;
    while (a < b) {
      let k = Math.min(n - 1, Math.floor((a - t0) / width));
      // Rounding can put `a` on the end of bin k (the edge computed the other way): go on in the next bin, not drop the rest.
      while (k < n - 1 && t0 + (k + 1) * width <= a) k++;
      const binEnd = k === n - 1 ? endS : t0 + (k + 1) * width;
      const stop = Math.min(b, binEnd);
      acc[k] += y[i] * (stop - a);
      if (stop <= a) break;
      a = stop;
    }
  }
  const x: number[] = [];
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    x.push(t0 + k * width);
    out.push(acc[k] / (k === n - 1 ? endS - (t0 + k * width) : width));
  }
  return { x, y: out };
}

export function stepSeries(label: string, xUnit: string, yUnit: string, t: number[], y: number[], endS: number): Series {
  const d = downsampleStep(t, y, endS);
  return { label, xUnit, yUnit, x: d.x, y: d.y };
}

/** Empirical CDF at up to `points` quantiles: x = value, y = fraction of values ≤ x. */
export function cdfSeries(label: string, unit: string, values: number[], points = 200): Series {
  if (values.length === 0) return { label, xUnit: unit, yUnit: 'fraction', x: [], y: [] };
  const s = Float64Array.from(values).sort();
  const n = Math.min(points, s.length);
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 1; k <= n; k++) {
    const idx = Math.ceil((k / n) * s.length) - 1;
    x.push(s[idx]);
    y.push((idx + 1) / s.length);
  }
  return { label, xUnit: unit, yUnit: 'fraction', x, y };
}
