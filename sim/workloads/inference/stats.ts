/** Small statistics over latency samples: quantiles and CDF series. */
import type { Series } from '../../result';

/** The p-quantile (nearest rank) of ascending `sorted`; NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const i = Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1));
  return sorted[i];
}

export function sortedCopy(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** An empirical CDF as a series of `points` quantiles (x = latency, y = fraction). */
export function cdfSeries(label: string, sorted: ArrayLike<number>, points = 101): Series {
  const x: number[] = [];
  const y: number[] = [];
  if (sorted.length > 0) {
    for (let i = 0; i < points; i++) {
      const p = i / (points - 1);
      x.push(quantileSorted(sorted, Math.max(p, 1 / sorted.length)));
      y.push(p);
    }
  }
  return { label, xUnit: 's', yUnit: 'fraction', x, y };
}
