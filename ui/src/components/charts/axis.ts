/** Shared chart helpers: margins, tick labels with SI prefixes, the palette. */
import { format } from 'd3';
import { fmtBytes } from '../../../../sim/cli/format';

export const margin = { top: 14, right: 18, bottom: 44, left: 68 };
export const palette = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#dc2626', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];

const si = format('~s');
const small = format('~g');

/** 1.5k, 2M, 0.25: compact tick labels (units are on the axis title). */
export function tick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4) return si(v).replace('G', 'B');
  if (a >= 1) return small(Number(v.toPrecision(4)));
  return small(Number(v.toPrecision(3)));
}

const si3 = format('.3~s');
/** A measured value (not a round tick) in three significant digits: 3.45M, 2.29. */
export function compact(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  return Math.abs(v) >= 1e4 ? si3(v).replace('G', 'B') : small(Number(v.toPrecision(3)));
}

/** Full-precision value for tooltips. */
export function exact(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  const a = Math.abs(v);
  if (a >= 1e6) return v.toExponential(3).replace('e+', '×10^');
  return Number(v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** A log axis reads better when the values span more than ~8× and are all positive. */
export function wantsLog(values: number[]): boolean {
  const pos = values.filter((v) => Number.isFinite(v));
  if (pos.length < 2 || pos.some((v) => v <= 0)) return false;
  return Math.max(...pos) / Math.min(...pos) > 8;
}

/** Byte ticks in binary units: 1 KiB, 64 MiB, 1 GiB. */
export function tickBytes(v: number): string {
  return fmtBytes(v);
}

/** Powers of two inside [lo, hi], every k-th so that at most `max` remain (1 KiB, 32 KiB, 1 MiB...). */
export function binaryTicks([lo, hi]: [number, number], max: number): number[] {
  if (!(lo > 0) || !(hi >= lo)) return [];
  const from = Math.ceil(Math.log2(lo)), to = Math.floor(Math.log2(hi));
  const step = Math.max(1, Math.ceil((to - from + 1) / max));
  // Prefer steps that land on whole units (multiples of 10 in the exponent) when they fit.
  const nice = [1, 2, 5, 10, 20].find((s) => s >= step) ?? step;
  const out: number[] = [];
  for (let e = Math.ceil(from / nice) * nice; e <= to; e += nice) out.push(2 ** e);
  return out;
}

/**
 * Ticks at least `minGapPx` apart on screen, taken left to right; the last one
 * (the data's far end) is kept, dropping its too-close neighbour instead.
 * Measured values used as ticks (0.341 and 0.365 s latencies) would otherwise
 * print over each other.
 */
export function spacedTicks(ticks: number[], at: (v: number) => number, minGapPx: number): number[] {
  const out: number[] = [];
  for (const t of ticks) {
    if (out.length === 0 || at(t) - at(out[out.length - 1]) >= minGapPx) out.push(t);
    else if (t === ticks[ticks.length - 1] && out.length > 1) out[out.length - 1] = t;
  }
  return out;
}
