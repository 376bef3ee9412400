/**
 * Numbers on the page, written the way the CLI writes them (sim/cli/format.ts)
 * so that a card, a compare cell and `clusterplan run` agree: durations in the
 * unit a person reads (51.3 min, not 0.0356 days), money with significant
 * digits when it is small (0.0312 USD, not 0.00 USD), energy in kWh until it
 * reaches MWh, mass in kg until it reaches tonnes.
 */
import { fmtBytes, fmtDuration, fmtPercent, fmtRate, fmtSig, fmtUsd } from '../../../sim/cli/format';

export { fmtBytes as bytes, fmtDuration as duration, fmtPercent as percent, fmtRate as rate };

/** 4,096; 34.2; 0.0123: three significant digits, thousands grouped. */
export function count(n: number): string {
  return fmtSig(n, 3);
}

const superscript: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** A number without a unit: three significant digits, and a power of ten written as one (1.94×10⁻⁸), never as 1.94e-8. */
export function plain(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a !== 0 && (a < 1e-3 || a >= 1e15)) {
    const [m, e] = n.toExponential(2).split('e');
    return `${Number(m)}×10${e.replace('+', '').replace(/./g, (c) => superscript[c] ?? c)}`;
  }
  return fmtSig(n, 3);
}

/** fmtUsd, except below one dollar, where two decimals would show 0.00: there, three significant digits. */
export function usd(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0 USD';
  if (Math.abs(v) < 1) return `${fmtSig(v, 3)} USD`;
  return fmtUsd(v);
}

/** Energy from kWh: Wh, kWh, MWh or GWh, whichever keeps the number between 1 and 1000. */
export function energyKWh(kWh: number): string {
  if (!Number.isFinite(kWh)) return String(kWh);
  const a = Math.abs(kWh);
  if (a === 0) return '0 kWh';
  if (a < 1) return `${fmtSig(kWh * 1e3)} Wh`;
  if (a < 1e3) return `${fmtSig(kWh)} kWh`;
  if (a < 1e6) return `${fmtSig(kWh / 1e3)} MWh`;
  return `${fmtSig(kWh / 1e6)} GWh`;
}

/** Mass from kg: g, kg or t. */
export function massKg(kg: number): string {
  if (!Number.isFinite(kg)) return String(kg);
  const a = Math.abs(kg);
  if (a === 0) return '0 kg';
  if (a < 1) return `${fmtSig(kg * 1e3)} g`;
  if (a < 1e3) return `${fmtSig(kg)} kg`;
  return `${fmtSig(kg / 1e3)} t`;
}

/** A byte rate: 2.87 GB/s (decimal prefixes, as link and storage rates are quoted). */
export function byteRate(bytesPerS: number): string {
  return fmtRate(bytesPerS, 'B/s');
}

/** A per-second rate of things, prefix apart from the noun: 2.48 M tokens/s, 688 tokens/s. */
export function perSecond(n: number, what: string): string {
  const prefixed = fmtRate(n, '');
  return `${prefixed.trimEnd()} ${what}/s`;
}

export interface TimeUnit { unit: string; seconds: number }

/** The unit fmtDuration would use for this many seconds, for an axis whose largest value it is. */
export function timeUnitFor(maxSeconds: number): TimeUnit {
  const a = Math.abs(maxSeconds);
  if (a >= 3 * 86400) return { unit: 'days', seconds: 86400 };
  if (a >= 7200) return { unit: 'h', seconds: 3600 };
  if (a >= 120) return { unit: 'min', seconds: 60 };
  if (a >= 1 || a === 0 || !Number.isFinite(a)) return { unit: 's', seconds: 1 };
  if (a >= 1e-3) return { unit: 'ms', seconds: 1e-3 };
  return { unit: 'µs', seconds: 1e-6 };
}
