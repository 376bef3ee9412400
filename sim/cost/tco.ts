/**
 * Money over time: net present value, depreciation, buy-versus-rent total cost
 * of ownership with its crossover month, break-even utilization, the cost of a
 * delay, and one-at-a-time sensitivity for tornado charts. Pure functions of
 * plain numbers (USD, years, fractions). Compound growth uses `wholePower` and
 * `wholeRoot`, not `**`: Math.pow's last bit differs between JavaScript engines
 * (Node 20 against Chromium), and the CLI and the planner must agree to the bit.
 */
import { wholePower, wholeRoot } from '../units/portable-powers';
import { pow } from '../engine/portable-math';

/** Net present value of cash flows at the ends of periods 0, 1, 2...: sum cf_t / (1 + r)^t. */
export function npv(cashFlows: number[], ratePerPeriod: number): number {
  let total = 0;
  for (let t = 0; t < cashFlows.length; t++) total += cashFlows[t] / wholePower(1 + ratePerPeriod, t);
  return total;
}

/** Monthly rate equivalent to an annual one: (1 + r)^(1/12) - 1. */
export function monthlyRate(annualRate: number): number {
  return wholeRoot(1 + annualRate, 12) - 1;
}

/** Book value under straight-line depreciation after `ageYears` (never below salvage). */
export function straightLineBookValue(cost: number, lifeYears: number, ageYears: number, salvage = 0): number {
  if (ageYears >= lifeYears) return salvage;
  return cost - ((cost - salvage) * Math.max(0, ageYears)) / lifeYears;
}

/**
 * Capital recovery factor: the level payment per period that repays 1 USD over
 * n periods at rate r, r(1+r)^n / ((1+r)^n - 1); 1/n when r = 0.
 */
export function capitalRecoveryFactor(rate: number, periods: number): number {
  if (rate === 0) return 1 / periods;
  // A fractional life (none in the catalog): the portable pow, within an ulp or two of the true power.
  const g = Number.isInteger(periods) ? wholePower(1 + rate, periods) : pow(1 + rate, periods);
  return (rate * g) / (g - 1);
}

export interface TcoOption {
  name: string;
  /** Paid at month 0 (purchase, upfront commitment), USD. */
  upfrontUsd: number;
  /** Paid at the end of each month, USD. */
  monthlyUsd: number;
  /** Value recovered at the end of the horizon (resale / book value), USD; subtracted from the NPV only. */
  residualUsd?: number;
}

export interface TcoOptionResult {
  name: string;
  /** Cumulative nominal spend at the end of months 0..N (index = month). */
  cumulativeUsd: number[];
  /** Cumulative discounted spend at the end of months 0..N. */
  cumulativeNpvUsd: number[];
  /** Nominal total over the horizon. */
  totalUsd: number;
  /** NPV of all payments less the discounted residual. */
  npvUsd: number;
}

export interface TcoComparison {
  months: number;
  options: TcoOptionResult[];
  /** Option with the lowest NPV. */
  cheapest: string;
  /**
   * First month at which the first option (usually "buy") has spent no more,
   * cumulatively and undiscounted, than every other option; null if never
   * within the horizon. `crossoverMonthExact` interpolates within the month.
   */
  crossoverMonth: number | null;
  crossoverMonthExact: number | null;
}

/** Cumulative cost of each option month by month, their NPVs, and when the first option pays off. */
export function tcoCompare(input: { months: number; annualDiscountRate: number; options: TcoOption[] }): TcoComparison {
  const { months, options } = input;
  const r = monthlyRate(input.annualDiscountRate);
  const results = options.map((o): TcoOptionResult => {
    const cumulativeUsd: number[] = [o.upfrontUsd];
    const cumulativeNpvUsd: number[] = [o.upfrontUsd];
    for (let m = 1; m <= months; m++) {
      cumulativeUsd.push(cumulativeUsd[m - 1] + o.monthlyUsd);
      cumulativeNpvUsd.push(cumulativeNpvUsd[m - 1] + o.monthlyUsd / wholePower(1 + r, m));
    }
    const residual = (o.residualUsd ?? 0) / wholePower(1 + r, months);
    return { name: o.name, cumulativeUsd, cumulativeNpvUsd, totalUsd: cumulativeUsd[months], npvUsd: cumulativeNpvUsd[months] - residual };
  });
  const cheapest = results.reduce((a, b) => (b.npvUsd < a.npvUsd ? b : a)).name;
  let crossoverMonth: number | null = null;
  let crossoverMonthExact: number | null = null;
  if (results.length > 1) {
    const [first, ...others] = results;
    // gap(m) = first - min(others); the crossover is where it first drops to <= 0.
    const gap = (m: number) => first.cumulativeUsd[m] - Math.min(...others.map((o) => o.cumulativeUsd[m]));
    for (let m = 0; m <= months; m++) {
      if (gap(m) <= 0) {
        crossoverMonth = m;
        crossoverMonthExact = m === 0 ? 0 : m - 1 + gap(m - 1) / (gap(m - 1) - gap(m));
        break;
      }
    }
  }
  return { months, options: results, cheapest, crossoverMonth, crossoverMonthExact };
}

/**
 * Utilization at which owning costs the same per useful hour as renting.
 * Owned cost per useful hour = fixedPerHour / u + variablePerHour (fixed:
 * capital recovery + operations, paid every hour; variable: energy, paid when
 * busy); renting costs rentPerHour per used hour. Solving fixed/u + var = rent
 * gives u = fixed / (rent - var). Null when renting is never dearer (rent <=
 * var); values above 1 mean owning never pays at any utilization.
 */
export function breakEvenUtilization(input: { fixedPerHour: number; variablePerHour: number; rentPerHour: number }): number | null {
  const margin = input.rentPerHour - input.variablePerHour;
  if (margin <= 0) return null;
  return input.fixedPerHour / margin;
}

/** Value lost when a delivery slips: days late x value per day of time-to-market (0 when on time). */
export function costOfDelay(valuePerDayUsd: number, slipDays: number): number {
  return valuePerDayUsd * Math.max(0, slipDays);
}

export interface TornadoRow {
  input: string;
  low: number;
  high: number;
  /** Output with the input at its low / high value, all others at base. */
  outputAtLow: number;
  outputAtHigh: number;
  /** |outputAtHigh - outputAtLow|. */
  swing: number;
  /** How to show low and high to a person: multiply by `scale`, then write `unit` (e.g. 3.6e6, "USD/kWh"). */
  display?: { scale: number; unit: string };
}

/** A tornado input's value as a person reads it, with `format` for the number ("70%", "0.07 USD/kWh", "0.9 × modelled"). */
export function tornadoInputLabel(value: number, display: TornadoRow['display'], format: (n: number) => string): string {
  if (!display) return format(value);
  return `${format(value * display.scale)}${unitSuffix(display.unit)}`;
}

/** An input's range in one label, the unit written once ("5–20% of capex/yr", "0.07–0.09 USD/kWh"). */
export function tornadoRangeLabel(low: number, high: number, display: TornadoRow['display'], format: (n: number) => string): string {
  const scale = display?.scale ?? 1;
  return `${format(low * scale)}–${format(high * scale)}${unitSuffix(display?.unit ?? '')}`;
}

const unitSuffix = (unit: string) => (unit === '' ? '' : unit.startsWith('%') || unit.startsWith('/') ? unit : ` ${unit}`);

/**
 * One-at-a-time sensitivity: move each input across its range with the others
 * at base, and sort by the swing of the output, largest first (the order of a
 * tornado chart). Inputs with equal swing keep their given order.
 */
export function sensitivity<T extends Record<string, number>>(
  fn: (inputs: T) => number,
  baseInputs: T,
  ranges: Partial<Record<keyof T & string, [number, number]>>,
): { base: number; rows: TornadoRow[] } {
  const base = fn(baseInputs);
  const rows: TornadoRow[] = [];
  for (const key of Object.keys(ranges) as Array<keyof T & string>) {
    const range = ranges[key];
    if (!range) continue;
    const [low, high] = range;
    const outputAtLow = fn({ ...baseInputs, [key]: low });
    const outputAtHigh = fn({ ...baseInputs, [key]: high });
    rows.push({ input: key, low, high, outputAtLow, outputAtHigh, swing: Math.abs(outputAtHigh - outputAtLow) });
  }
  rows.sort((a, b) => b.swing - a.swing);
  return { base, rows };
}
