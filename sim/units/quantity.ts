/**
 * Quantities with units, parsed at the edge and turned into SI base units.
 * Inside clusterplan every number is SI: seconds, bytes, bytes/s, FLOP, FLOP/s,
 * watts, joules, USD. A dimension check keeps `400 GB` out of a bandwidth field.
 *
 * Conventions (as vendors use them): decimal prefixes are powers of 1000
 * (1 GB = 1e9 B), binary prefixes powers of 1024 (1 GiB = 2^30 B); `b` is a bit
 * (1/8 byte), `B` a byte; `Gbps` = `Gb/s`.
 */

export type Dimension =
  | 'count'
  | 'bytes'
  | 'bandwidth' // bytes per second
  | 'time' // seconds
  | 'flop'
  | 'flops' // FLOP per second
  | 'power' // watts
  | 'energy' // joules
  | 'usd'
  | 'usdPerHour' // USD per hour: prices are quoted hourly and kept hourly inside
  | 'usdPerEnergy' // USD per joule
  | 'frequency' // hertz, requests per second
  | 'carbonIntensity'; // kg CO2 per joule

const decimalPrefix: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const binaryPrefix: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const smallPrefix: Record<string, number> = { m: 1e-3, u: 1e-6, 'µ': 1e-6, n: 1e-9 };

const timeUnits: Record<string, number> = {
  s: 1, sec: 1, second: 1, seconds: 1,
  ms: 1e-3, us: 1e-6, 'µs': 1e-6, ns: 1e-9,
  min: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  week: 604800, weeks: 604800,
  // A month is 1/12 of a Julian year (30.4375 days); a year is 365.25 days.
  month: 2629800, months: 2629800,
  y: 31557600, yr: 31557600, year: 31557600, years: 31557600,
};

interface ParsedUnit { dimension: Dimension; factor: number }

function prefixed(symbol: string, base: string, allowSmall = false): number | undefined {
  if (!symbol.endsWith(base)) return undefined;
  const p = symbol.slice(0, symbol.length - base.length);
  if (p in binaryPrefix) return binaryPrefix[p];
  if (p in decimalPrefix) return decimalPrefix[p];
  if (allowSmall && p in smallPrefix) return smallPrefix[p];
  return undefined;
}

function parseAmountUnit(u: string): { kind: 'bytes' | 'flop' | 'usd' | 'energy' | 'count'; factor: number } | undefined {
  let f: number | undefined;
  if ((f = prefixed(u, 'B')) !== undefined) return { kind: 'bytes', factor: f };
  if ((f = prefixed(u, 'byte')) !== undefined || (f = prefixed(u, 'bytes')) !== undefined) return { kind: 'bytes', factor: f };
  if ((f = prefixed(u, 'b')) !== undefined || (f = prefixed(u, 'bit')) !== undefined || (f = prefixed(u, 'bits')) !== undefined)
    return { kind: 'bytes', factor: f / 8 };
  if ((f = prefixed(u, 'FLOP')) !== undefined || (f = prefixed(u, 'flop')) !== undefined) return { kind: 'flop', factor: f };
  if (u === 'USD' || u === '$' || u === 'usd') return { kind: 'usd', factor: 1 };
  if ((f = prefixed(u, 'USD')) !== undefined) return { kind: 'usd', factor: f };
  if ((f = prefixed(u, 'Wh')) !== undefined) return { kind: 'energy', factor: f * 3600 };
  if ((f = prefixed(u, 'J')) !== undefined) return { kind: 'energy', factor: f };
  if (u === 'requests' || u === 'req' || u === 'tokens' || u === 'token') return { kind: 'count', factor: 1 };
  return undefined;
}

/** Parse a unit symbol such as `Gbps`, `GiB`, `us`, `TFLOP/s`, `USD/h`, `kW`. */
export function parseUnit(raw: string): ParsedUnit | undefined {
  const u = raw.trim();
  if (u === '') return { dimension: 'count', factor: 1 };
  if (u in timeUnits) return { dimension: 'time', factor: timeUnits[u] };
  let f: number | undefined;
  // bits per second shorthand: bps, Gbps, Tbps
  if ((f = prefixed(u, 'bps')) !== undefined) return { dimension: 'bandwidth', factor: f / 8 };
  if ((f = prefixed(u, 'Bps')) !== undefined) return { dimension: 'bandwidth', factor: f };
  // FLOP/s shorthand: TFLOPS, PFLOPS
  if ((f = prefixed(u, 'FLOPS')) !== undefined || (f = prefixed(u, 'flops')) !== undefined) return { dimension: 'flops', factor: f };
  if ((f = prefixed(u, 'W', true)) !== undefined) return { dimension: 'power', factor: f };
  if ((f = prefixed(u, 'Hz')) !== undefined) return { dimension: 'frequency', factor: f };
  if (u === 'rps' || u === 'qps') return { dimension: 'frequency', factor: 1 };
  if (u === 'kgCO2/kWh' || u === 'kg/kWh') return { dimension: 'carbonIntensity', factor: 1 / 3.6e6 };
  if (u === 'gCO2/kWh' || u === 'g/kWh') return { dimension: 'carbonIntensity', factor: 1e-3 / 3.6e6 };
  const slash = u.indexOf('/');
  if (slash > 0) {
    const num = u.slice(0, slash).trim();
    const den = u.slice(slash + 1).trim();
    const amount = parseAmountUnit(num);
    if (den in timeUnits) {
      const t = timeUnits[den];
      if (amount?.kind === 'bytes') return { dimension: 'bandwidth', factor: amount.factor / t };
      if (amount?.kind === 'flop') return { dimension: 'flops', factor: amount.factor / t };
      if (amount?.kind === 'usd') return { dimension: 'usdPerHour', factor: (amount.factor / t) * 3600 };
      if (amount?.kind === 'count') return { dimension: 'frequency', factor: amount.factor / t };
    }
    if (amount?.kind === 'usd') {
      const e = parseAmountUnit(den);
      if (e?.kind === 'energy') return { dimension: 'usdPerEnergy', factor: amount.factor / e.factor };
    }
    return undefined;
  }
  const amount = parseAmountUnit(u);
  if (amount) {
    const dim: Record<string, Dimension> = { bytes: 'bytes', flop: 'flop', usd: 'usd', energy: 'energy', count: 'count' };
    return { dimension: dim[amount.kind], factor: amount.factor };
  }
  return undefined;
}

/** Words for error messages: what a field of this dimension looks like. */
export const dimensionExample: Record<Dimension, string> = {
  count: 'a number',
  bytes: 'a size such as 80 GiB or 2 PB',
  bandwidth: 'a bandwidth such as 400 Gbps or 900 GB/s',
  time: 'a duration such as 2 us, 30 s or 3 months',
  flop: 'an amount of work such as 3.1e23 FLOP',
  flops: 'a compute rate such as 989 TFLOP/s',
  power: 'a power such as 700 W or 10.2 kW',
  energy: 'an energy such as 5 kWh',
  usd: 'an amount of money such as 25000 USD',
  usdPerHour: 'an hourly price such as 3.5 USD/h',
  usdPerEnergy: 'an energy price such as 0.08 USD/kWh',
  frequency: 'a rate such as 100 rps or 100 requests/s',
  carbonIntensity: 'a carbon intensity such as 390 gCO2/kWh',
};

export type QuantityResult = { ok: true; value: number } | { ok: false; expected: string; found: string };

/**
 * Parse `value` (a number already in SI, or a string `"<number> <unit>"`) as a
 * quantity of the given dimension. Numbers are taken as SI base units
 * (USD per hour for `usdPerHour`, per DESIGN.md's `3.5 USD/h`).
 */
export function parseQuantity(value: unknown, dimension: Dimension): QuantityResult {
  const expected = dimensionExample[dimension];
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, expected, found: String(value) };
  }
  if (typeof value !== 'string') return { ok: false, expected, found: describe(value) };
  const m = /^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$/.exec(value.replace(/_/g, '').replace(/,(?=\d{3})/g, ''));
  if (!m) return { ok: false, expected, found: JSON.stringify(value) };
  const n = Number(m[1]);
  const unit = parseUnit(m[2]);
  if (!unit) return { ok: false, expected, found: `unknown unit "${m[2]}"` };
  if (unit.dimension !== dimension) {
    return { ok: false, expected, found: `${JSON.stringify(value)} (${unitDimensionWord(unit.dimension)})` };
  }
  return { ok: true, value: n * unit.factor };
}

function unitDimensionWord(d: Dimension): string {
  return dimensionExample[d].replace(/ such as.*$/, '');
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

/** Parse or throw a plain Error (for catalog data, which is ours and must be right). */
export function q(value: number | string, dimension: Dimension): number {
  const r = parseQuantity(value, dimension);
  if (!r.ok) throw new Error(`bad ${dimension} quantity ${JSON.stringify(value)}: expected ${r.expected}`);
  return r.value;
}
