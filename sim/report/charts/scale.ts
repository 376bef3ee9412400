/**
 * Linear scales and "nice" ticks (1, 2, 5 x 10^k steps) for the report charts.
 */

export interface LinearScale {
  (v: number): number;
  domain: [number, number];
  ticks: number[];
}

/** Step for about `count` ticks across [lo, hi]: the 1-2-5 sequence. */
export function niceStep(lo: number, hi: number, count: number): number {
  const span = Math.abs(hi - lo) || Math.abs(hi) || 1;
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
}

/** Extend [lo, hi] to whole steps and list the ticks. */
export function niceDomain(lo: number, hi: number, count = 5): { domain: [number, number]; ticks: number[] } {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { domain: [0, 1], ticks: [0, 1] };
  if (lo === hi) {
    const pad = Math.abs(lo) || 1;
    lo -= pad / 2;
    hi += pad / 2;
    if (lo < 0 && lo + pad / 2 >= 0) lo = 0;
  }
  const step = niceStep(lo, hi, count);
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; start + i * step <= end + step * 1e-9 && i < 50; i++) ticks.push(Number((start + i * step).toPrecision(15)));
  return { domain: [start, end], ticks };
}

export function linearScale(domain: [number, number], range: [number, number], ticks: number[] = []): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const f = ((v: number) => r0 + (v - d0) * k) as LinearScale;
  f.domain = domain;
  f.ticks = ticks;
  return f;
}

/** Short tick label: 1.5k, 2M, 0.25. */
export function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${trim(v / 1e9)}B`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function trim(v: number): string {
  return String(Number(v.toPrecision(4)));
}
