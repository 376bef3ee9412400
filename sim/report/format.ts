/** Numbers as a reader wants them in a report: few digits, units spelled. */
import { wholePower } from '../units/portable-powers';

/** 12.3 M USD, 980 k USD, 45.20 USD. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return 'n/a';
  const a = Math.abs(usd);
  if (a >= 1e9) return `${(usd / 1e9).toFixed(2)} B USD`;
  if (a >= 1e6) return `${(usd / 1e6).toFixed(2)} M USD`;
  if (a >= 1e4) return `${(usd / 1e3).toFixed(1)} k USD`;
  if (a >= 100) return `${usd.toFixed(0)} USD`;
  if (a >= 0.1 || a === 0) return `${usd.toFixed(2)} USD`;
  // Small amounts (a cost per million tokens) keep three significant digits: 0.0047 USD, not 0.00 USD.
  return `${Number(usd.toPrecision(3))} USD`;
}

/** Three significant digits with thousands separators: 4,096; 34.2; 0.0123. */
export function formatNumber(x: number, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= wholePower(10, digits)) return Math.round(x).toLocaleString('en-US');
  if (a >= 1e-3) return Number(x.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
  return x.toExponential(digits - 1);
}

export function formatPercent(fraction: number, digits = 0): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : 'n/a';
}

/** 2.5 us, 340 ms, 12.4 s, 3.2 h, 34.2 days. */
export function formatDuration(s: number): string {
  if (!Number.isFinite(s)) return 'n/a';
  const a = Math.abs(s);
  if (a >= 2 * 86400) return `${formatNumber(s / 86400)} days`;
  if (a >= 2 * 3600) return `${formatNumber(s / 3600)} h`;
  if (a >= 120) return `${formatNumber(s / 60)} min`;
  if (a >= 1) return `${formatNumber(s)} s`;
  if (a >= 1e-3) return `${formatNumber(s * 1e3)} ms`;
  return `${formatNumber(s * 1e6)} us`;
}
