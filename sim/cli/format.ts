/** Numbers for people: units a person reads, thousands separators, aligned tables. */

export function groupThousands(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtSig(n: number, sig = 3): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1000) return groupThousands(n, 0);
  return Number(n.toPrecision(sig)).toString();
}

export function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const abs = Math.abs(seconds);
  if (abs === 0) return '0 s';
  if (abs < 1e-6) return `${fmtSig(seconds * 1e9)} ns`;
  if (abs < 1e-3) return `${fmtSig(seconds * 1e6)} µs`;
  if (abs < 1) return `${fmtSig(seconds * 1e3)} ms`;
  if (abs < 120) return `${fmtSig(seconds)} s`;
  if (abs < 7200) return `${fmtSig(seconds / 60)} min`;
  if (abs < 3 * 86400) return `${fmtSig(seconds / 3600)} h`;
  return `${fmtSig(seconds / 86400)} days`;
}

export function fmtBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${fmtSig(v)} ${units[i]}`;
}

export function fmtUsd(usd: number): string {
  if (!Number.isFinite(usd)) return String(usd);
  const abs = Math.abs(usd);
  if (abs >= 1e6) return `${groupThousands(usd / 1e6, 2)} M USD`;
  if (abs >= 100) return `${groupThousands(usd, 0)} USD`;
  return `${usd.toFixed(2)} USD`;
}

export function fmtPercent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : String(fraction);
}

export function fmtRate(perSecond: number, unit: string): string {
  const prefixes: Array<[number, string]> = [[1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [f, p] of prefixes) if (Math.abs(perSecond) >= f) return `${fmtSig(perSecond / f)} ${p}${unit}`;
  return `${fmtSig(perSecond)} ${unit}`;
}

export interface Column { header: string; align?: 'left' | 'right' }

/** A plain-text table with a header rule; cells are strings already formatted. */
export function table(columns: Column[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(visibleLength(c.header), ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const pad = (s: string, i: number) => {
    const extra = widths[i] - visibleLength(s);
    return columns[i].align === 'right' ? ' '.repeat(extra) + s : s + ' '.repeat(extra);
  };
  const lines = [columns.map((c, i) => pad(c.header, i)).join('  '), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const r of rows) lines.push(columns.map((_, i) => pad(r[i] ?? '', i)).join('  ').trimEnd());
  return lines.join('\n');
}

// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/g;
export function visibleLength(s: string): number {
  return s.replace(ansi, '').length;
}

export interface Style { bold(s: string): string; yellow(s: string): string; red(s: string): string; dim(s: string): string; green(s: string): string }

export function style(enabled: boolean): Style {
  const wrap = (code: number, reset: number) => (s: string) => (enabled ? `\u001b[${code}m${s}\u001b[${reset}m` : s);
  return { bold: wrap(1, 22), yellow: wrap(33, 39), red: wrap(31, 39), dim: wrap(2, 22), green: wrap(32, 39) };
}
