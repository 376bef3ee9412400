/** Reading the parts of a RunResult the report needs, defensively (fields are optional). */
import type { RunResult } from '../result';

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** The name of one result among several: its option, its sweep point, or the scenario. */
export function resultLabel(r: RunResult, i: number, all: RunResult[]): string {
  const sp = r.scenario.sweepPoint;
  // A sweep point names its fields by path; the last part of the path is enough to tell points apart.
  const point = sp && Object.keys(sp).length > 0 ? Object.entries(sp).map(([k, v]) => `${k.split('.').pop()}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ') : '';
  // Options crossed with a sweep: both parts, as the CLI's table names them ("vllm · concurrency=5").
  const label = [r.scenario.option ?? '', point].filter(Boolean).join(' · ');
  if (label) return label;
  return all.length > 1 ? `run ${i + 1}` : r.scenario.name;
}

/** The cost breakdown by category: from the result's breakdown.cost, or the one costOf put in metrics.cost. */
export function costBreakdown(r: RunResult): Record<string, number> | undefined {
  const b = obj(r.breakdown.cost) ?? obj(r.metrics.cost?.breakdown);
  if (!b) return undefined;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(b)) if (num(v) !== undefined) out[k] = v as number;
  return Object.keys(out).length > 0 ? out : undefined;
}
