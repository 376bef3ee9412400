/**
 * Pareto frontier over several objectives: a point is on the frontier when no
 * other point is at least as good in every objective and better in one.
 */

export interface Objective { goal: 'min' | 'max' }

/** Indices of the non-dominated points. `values[i][j]` is point i's value of objective j; NaN points never dominate and are never on it. */
export function paretoFrontier(values: readonly (readonly number[])[], objectives: readonly Objective[]): number[] {
  const sign = objectives.map((o) => (o.goal === 'min' ? 1 : -1));
  const valid = values.map((v) => v.every((x) => Number.isFinite(x)));
  const frontier: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!valid[i]) continue;
    let dominated = false;
    for (let j = 0; j < values.length && !dominated; j++) {
      if (i === j || !valid[j]) continue;
      let allNoWorse = true;
      let oneBetter = false;
      for (let k = 0; k < sign.length; k++) {
        const a = sign[k] * values[j][k];
        const b = sign[k] * values[i][k];
        if (a > b) { allNoWorse = false; break; }
        if (a < b) oneBetter = true;
      }
      dominated = allNoWorse && oneBetter;
    }
    if (!dominated) frontier.push(i);
  }
  return frontier;
}

/** Read a metric such as `cost.totalUsd` or `metrics.training.mfu` from a result's metrics. */
export function metricValue(metrics: Record<string, unknown>, path: string): number {
  const parts = path.replace(/^metrics\./, '').split('.');
  let v: unknown = metrics;
  for (const p of parts) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
}
