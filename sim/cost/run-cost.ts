/**
 * The arithmetic of a run's cost once every input is a number: renting
 * (device-hours x price, idle committed hours, spot rework) and owning
 * (depreciation over the life at a utilization, operations, energy), plus the
 * N-year comparison of both. Pure; the sensitivity analysis calls it with one
 * input moved at a time.
 */
import type { Pricing } from './catalog/types';
import { breakEvenUtilization, capitalRecoveryFactor, straightLineBookValue, tcoCompare, type TcoComparison, type TcoOption } from './tco';

export const HOURS_PER_YEAR = 8766; // 365.25 days, as sim/units
export const HOURS_PER_MONTH = HOURS_PER_YEAR / 12;
const YEAR_S = HOURS_PER_YEAR * 3600;

export interface CostParams {
  durationS: number;
  devices: number;
  /** Instances (nodes) a synchronous job spans: any one reclaimed stops it. */
  nodes: number;
  /** USD per hour for all the devices used, at each pricing; NaN where unknown. */
  cloudUsdPerHour: Record<Pricing, number>;
  /** Purchase of the nodes, network and storage used, USD. */
  purchaseUsd: number;
  /** Full-load IT power of the nodes used, W. */
  itPowerW: number;
  powerLoadFactor: number;
  pue: number;
  /** USD per joule. */
  electricityPrice: number;
  /** kg CO2 per joule. */
  carbonIntensity: number;
  utilization: number;
  depreciationYears: number;
  operationsOverhead: number;
  discountRate: number;
  spotInterruptionsPerMonth: number;
  checkpointIntervalS: number;
  restartS: number;
  /** Provisioned storage (parallel-fs, HDFS) rented while renting compute, priced as object storage: bytes and USD per byte-month. */
  storageBytes: number;
  objectStoragePerByteMonth: number;
}

export interface RunCost {
  totalUsd: number;
  capexUsd: number;
  opexUsd: number;
  energyKWh: number;
  co2Kg: number;
  breakdown: Record<string, number>;
}

/** Energy of a run in joules at the wall: IT power x load x PUE x time. */
export function runEnergyJ(p: Pick<CostParams, 'itPowerW' | 'powerLoadFactor' | 'pue' | 'durationS'>): number {
  return p.itPowerW * p.powerLoadFactor * p.pue * p.durationS;
}

/**
 * Fraction of wall time lost to spot reclaims: the job stops when any of its
 * `nodes` instances is reclaimed (rate nodes x lambda per hour) and loses on
 * average half a checkpoint interval plus the restart. Wall time grows by
 * 1 / (1 - lost); capped at 90% lost.
 */
export function spotLostFraction(p: Pick<CostParams, 'nodes' | 'spotInterruptionsPerMonth' | 'checkpointIntervalS' | 'restartS'>): number {
  const perHour = (p.nodes * p.spotInterruptionsPerMonth) / HOURS_PER_MONTH;
  const lostHoursEach = (p.checkpointIntervalS / 2 + p.restartS) / 3600;
  return Math.min(0.9, perHour * lostHoursEach);
}

export function cloudRunCost(p: CostParams, pricing: Pricing): RunCost {
  const hours = p.durationS / 3600;
  const rate = p.cloudUsdPerHour[pricing];
  const compute = hours * (Number.isFinite(rate) ? rate : 0);
  const breakdown: Record<string, number> = { compute: compute };
  if (pricing === 'reserved-1y' || pricing === 'reserved-3y') {
    // Committed hours are paid whether used or not: the idle share is this work's.
    breakdown['idle committed capacity'] = compute * (1 / p.utilization - 1);
  }
  if (pricing === 'spot') {
    const lost = spotLostFraction(p);
    breakdown['spot rework'] = compute * (1 / (1 - lost) - 1);
  }
  if (p.storageBytes > 0) breakdown.storage = p.storageBytes * p.objectStoragePerByteMonth * (p.durationS / (YEAR_S / 12));
  const totalUsd = sum(breakdown);
  const energyJ = runEnergyJ(p);
  return { totalUsd, capexUsd: 0, opexUsd: totalUsd, energyKWh: energyJ / 3.6e6, co2Kg: energyJ * p.carbonIntensity, breakdown };
}

/**
 * Owning: the run carries its share of straight-line depreciation and of
 * operations, divided by utilization (idle hours are paid too), and the
 * energy it draws.
 */
export function ownedRunCost(p: CostParams): RunCost {
  const years = p.durationS / YEAR_S;
  const depreciation = (p.purchaseUsd * years) / p.depreciationYears / p.utilization;
  const operations = (p.purchaseUsd * p.operationsOverhead * years) / p.utilization;
  const energyJ = runEnergyJ(p);
  const energy = energyJ * p.electricityPrice;
  return {
    totalUsd: depreciation + operations + energy,
    capexUsd: depreciation,
    opexUsd: operations + energy,
    energyKWh: energyJ / 3.6e6,
    co2Kg: energyJ * p.carbonIntensity,
    breakdown: { 'depreciation': depreciation, 'operations': operations, 'energy': energy },
  };
}

/** Energy cost per month of an owned cluster busy `utilization` of the time, USD. */
function ownedEnergyPerMonth(p: CostParams): number {
  return p.itPowerW * p.powerLoadFactor * p.pue * HOURS_PER_MONTH * 3600 * p.utilization * p.electricityPrice;
}

/**
 * Buying against each way of renting the same devices for `years`: buy pays
 * the purchase up front, then operations and energy monthly, and recovers the
 * book value at the end; on-demand and spot pay only busy hours; reservations
 * pay every hour.
 */
export function tcoOptions(p: CostParams, years: number): TcoOption[] {
  const options: TcoOption[] = [
    {
      name: 'buy',
      upfrontUsd: p.purchaseUsd,
      monthlyUsd: (p.purchaseUsd * p.operationsOverhead) / 12 + ownedEnergyPerMonth(p),
      residualUsd: straightLineBookValue(p.purchaseUsd, p.depreciationYears, years),
    },
  ];
  const storage = p.storageBytes * p.objectStoragePerByteMonth;
  const rent: Array<[Pricing, number]> = [
    ['reserved-3y', 1],
    ['reserved-1y', 1],
    ['on-demand', p.utilization],
    ['spot', p.utilization / (1 - spotLostFraction(p))],
  ];
  for (const [pricing, hoursShare] of rent) {
    const rate = p.cloudUsdPerHour[pricing];
    if (!Number.isFinite(rate)) continue;
    options.push({ name: pricing, upfrontUsd: 0, monthlyUsd: rate * HOURS_PER_MONTH * hoursShare + storage });
  }
  return options;
}

export function tcoFor(p: CostParams, years: number): TcoComparison {
  return tcoCompare({ months: Math.round(years * 12), annualDiscountRate: p.discountRate, options: tcoOptions(p, years) });
}

/** Utilization above which buying is cheaper per useful hour than renting on demand. */
export function ownedBreakEvenUtilization(p: CostParams): number | null {
  const rent = p.cloudUsdPerHour['on-demand'];
  if (!Number.isFinite(rent)) return null;
  const fixedPerYear = p.purchaseUsd * (capitalRecoveryFactor(p.discountRate, p.depreciationYears) + p.operationsOverhead);
  return breakEvenUtilization({
    fixedPerHour: fixedPerYear / HOURS_PER_YEAR,
    variablePerHour: p.itPowerW * p.powerLoadFactor * p.pue * 3600 * p.electricityPrice,
    rentPerHour: rent,
  });
}

function sum(r: Record<string, number>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}
