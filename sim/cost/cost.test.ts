import { describe, expect, it } from 'vitest';
import type { WorkloadOutcome } from '../workloads/env';
import { costOf } from './index';
import { costSchema } from './schema';
import { tornadoInputLabel, type TornadoRow } from './tco';
import { dgxH100Cluster } from './testing/cluster';

const HOURS_PER_MONTH = 8766 / 12;

function training(devices: number, days: number, tokens?: number): WorkloadOutcome {
  return {
    metrics: { training: { stepTimeS: 1, tokensPerS: 1, achievedTflopsPerDevice: 400, mfu: 0.4, timeToTrainDays: days, memoryPerDeviceGiB: 60, fitsInMemory: true, goodput: 0.95, devices, wallTimeS: days * 86400, totalTokens: tokens } },
    breakdown: {}, series: {}, warnings: [], events: 0,
  };
}

describe('the cost schema', () => {
  it('defaults to renting on demand and parses units to SI', () => {
    const c = costSchema.parse({ electricityPrice: '0.10 USD/kWh', pricePerDeviceHour: '2.5 USD/h', delayValuePerDay: '50000 USD', deadline: '60 days' });
    expect(c.mode).toBe('cloud');
    expect(c.pricing).toBe('on-demand');
    expect(c.electricityPrice).toBeCloseTo(0.1 / 3.6e6, 15);
    expect(c.pricePerDeviceHour).toBe(2.5);
    expect(c.deadline).toBe(60 * 86400);
  });
  it('rejects unknown keys and a bandwidth where a price belongs', () => {
    expect(costSchema.safeParse({ pricng: 'spot' }).success).toBe(false);
    expect(costSchema.safeParse({ pricePerDeviceHour: '400 Gbps' }).success).toBe(false);
  });
});

describe('costOf a training run', () => {
  const cluster = dgxH100Cluster(16);
  it('on demand at AWS: 128 H100 for 10 days at 55.04/8 USD/h = 211,353.60 USD, all opex', () => {
    const r = costOf({ cost: costSchema.parse({ provider: 'aws' }), cluster, outcome: training(128, 10, 1e11), workloadKind: 'training' });
    const expected = 128 * (55.04 / 8) * 240;
    expect(r.metrics.totalUsd).toBeCloseTo(expected, 6);
    expect(r.metrics.opexUsd).toBeCloseTo(expected, 6);
    expect(r.metrics.capexUsd).toBe(0);
    expect(r.metrics.usdPerMillionTokens).toBeCloseTo((expected / 1e11) * 1e6, 9);
    expect(r.breakdown.compute).toBeCloseTo(expected, 6);
  });
  it('energy: 16 nodes x 10.2 kW x 240 h x PUE 1.15 = 45,043.2 kWh, and CO2 at 0.86 lb/kWh', () => {
    const r = costOf({ cost: costSchema.parse({}), cluster, outcome: training(128, 10), workloadKind: 'training' });
    expect(r.metrics.energyKWh).toBeCloseTo(16 * 10.2 * 240 * 1.15, 6);
    expect(r.metrics.co2Kg).toBeCloseTo(16 * 10.2 * 240 * 1.15 * 0.86 * 0.45359237, 3);
  });
  it('owned: depreciation over 5 years, 10% operations a year and energy at 8 c/kWh, PUE 1.58', () => {
    const r = costOf({ cost: costSchema.parse({ mode: 'owned' }), cluster, outcome: training(128, 10), workloadKind: 'training' });
    // 16 nodes x 270,000 + 128 NIC endpoints x (3 switch ports x 562.5 + 2,560 cabling) on a 2-tier non-blocking tree.
    const purchase = 16 * 270_000 + 128 * (3 * 562.5 + 2560);
    expect(r.metrics.purchaseUsd).toBeCloseTo(purchase, 6);
    const years = (10 * 86400) / (8766 * 3600);
    expect(r.metrics.capexUsd).toBeCloseTo((purchase * years) / 5, 6);
    const energyKWh = 16 * 10.2 * 240 * 1.58;
    expect(r.breakdown.energy).toBeCloseTo(energyKWh * 0.08, 6);
    expect(r.metrics.opexUsd).toBeCloseTo(purchase * 0.1 * years + energyKWh * 0.08, 6);
    expect(r.metrics.totalUsd).toBeCloseTo(r.metrics.capexUsd + r.metrics.opexUsd, 9);
  });
  it('idle owned capacity is charged to the work: half the utilization doubles depreciation', () => {
    const full = costOf({ cost: costSchema.parse({ mode: 'owned' }), cluster, outcome: training(128, 10), workloadKind: 'training' });
    const half = costOf({ cost: costSchema.parse({ mode: 'owned', utilization: 0.5 }), cluster, outcome: training(128, 10), workloadKind: 'training' });
    expect(half.metrics.capexUsd).toBeCloseTo(2 * full.metrics.capexUsd, 6);
  });
  it('spot adds rework: 16 instances x 0.2 reclaims/month, each losing 30 min + 10 min', () => {
    const r = costOf({ cost: costSchema.parse({ pricing: 'spot', provider: 'aws' }), cluster, outcome: training(128, 10), workloadKind: 'training' });
    const lost = ((16 * 0.2) / HOURS_PER_MONTH) * (40 / 60);
    const compute = 128 * (55.04 / 8) * 0.425 * 240;
    expect(r.breakdown.compute).toBeCloseTo(compute, 6);
    expect(r.breakdown['spot rework']).toBeCloseTo(compute * (1 / (1 - lost) - 1), 6);
  });
  it('a deadline missed by 5 days at 50,000 USD/day costs 250,000 USD of delay', () => {
    const r = costOf({ cost: costSchema.parse({ deadline: '5 days', delayValuePerDay: 50_000 }), cluster, outcome: training(128, 10), workloadKind: 'training' });
    expect(r.metrics.delayDays).toBeCloseTo(5, 12);
    expect(r.metrics.delayUsd).toBeCloseTo(250_000, 6);
  });
  it('every default it used is listed with a source', () => {
    const r = costOf({ cost: costSchema.parse({ mode: 'owned' }), cluster, outcome: training(128, 10), workloadKind: 'training' });
    const a = r.metrics.assumptions as Array<{ name: string; source: string }>;
    expect(a.map((x) => x.name)).toEqual(expect.arrayContaining(['electricity price', 'PUE', 'grid carbon intensity', 'depreciation life', 'operations overhead', 'purchase price of dgx-h100']));
    for (const x of a) expect(x.source.length).toBeGreaterThan(3);
  });
  it('the sensitivity rows read in a person\'s units: electricity price in USD/kWh, utilization in percent', () => {
    const r = costOf({ cost: costSchema.parse({ mode: 'owned' }), cluster, outcome: training(128, 10), workloadKind: 'training' });
    const rows = (r.metrics.sensitivity as { rows: TornadoRow[] }).rows;
    const label = (input: string, side: 'low' | 'high') => {
      const row = rows.find((x) => x.input === input)!;
      return tornadoInputLabel(row[side], row.display, (n) => String(Number(n.toPrecision(3))));
    };
    // Catalog range of US industrial electricity, stored in USD per joule.
    expect(label('electricity price', 'low')).toMatch(/^0\.0\d+ USD\/kWh$/);
    expect(label('utilization', 'high')).toMatch(/^\d+(\.\d+)?%$/);
    expect(label('run duration', 'low')).toBe('0.9 × modelled');
  });
  it('without a duration it prices one hour of the whole cluster and says so', () => {
    const outcome: WorkloadOutcome = { metrics: {}, breakdown: {}, series: {}, warnings: [], events: 0 };
    const r = costOf({ cost: costSchema.parse({ pricePerDeviceHour: 2 }), cluster, outcome, workloadKind: 'trace' });
    expect(r.metrics.totalUsd).toBeCloseTo(128 * 2, 9);
    expect(r.warnings.map((w) => w.code)).toContain('cost-no-duration');
  });
});

describe('buy against rent (the TCO question)', () => {
  // 64 H100 (8 DGX) for 3 years, busy 70% of the time, no discounting.
  const cluster = dgxH100Cluster(8);
  const r = costOf({ cost: costSchema.parse({ mode: 'compare', provider: 'aws', years: 3, utilization: 0.7, discountRate: 0 }), cluster, outcome: training(64, 30), workloadKind: 'training' });
  const tco = r.metrics.tco as { crossoverMonth: number | null; crossoverMonthExact: number; cheapest: string; options: Array<{ name: string; cumulativeUsd: number[] }> };
  it('buying overtakes the cheapest rental (spot) in month 35', () => {
    // Hand: purchase = 8 x 270,000 + 64 x (3 ports x 562.5 + 2,560 cabling) = 2,431,840 USD.
    // Buy per month = 10% x 2,431,840 / 12 + 8 x 10.2 kW x 1.58 x 730.5 h x 0.7 x 0.08 USD/kWh = 20,265.33 + 5,274.19 = 25,539.52.
    // Spot per month = 64 x 6.88 x 0.425 x 730.5 h x 0.7 / (1 - lost), lost = 8 x 0.2/730.5 x 40/60: 95,831.93
    // (3-year reservation: 64 x 6.88 x 12.5/21.96 x 730.5 = 183,090.71; on demand at 70%: 225,157.63).
    // Crossover = 2,431,840 / (95,831.93 - 25,539.52) = 34.60 months, i.e. during month 35.
    const purchase = 8 * 270_000 + 64 * (3 * 562.5 + 2560);
    const buyMonthly = (purchase * 0.1) / 12 + 8 * 10.2 * 1.58 * HOURS_PER_MONTH * 0.7 * 0.08;
    const lost = ((8 * 0.2) / HOURS_PER_MONTH) * (40 / 60);
    const spotMonthly = 64 * (55.04 / 8) * 0.425 * HOURS_PER_MONTH * (0.7 / (1 - lost));
    const reserved3Monthly = 64 * (55.04 / 8) * (12.5 / 21.96) * HOURS_PER_MONTH;
    const cheapestRent = Math.min(spotMonthly, reserved3Monthly);
    const exact = purchase / (cheapestRent - buyMonthly);
    expect(tco.crossoverMonthExact).toBeCloseTo(exact, 6);
    expect(tco.crossoverMonth).toBe(Math.ceil(exact));
    expect(tco.crossoverMonth).toBe(35);
  });
  it('break-even utilization against on demand matches fixed / (rent - energy)', () => {
    const purchase = 8 * 270_000 + 64 * (3 * 562.5 + 2560);
    const fixedPerHour = (purchase * (1 / 5 + 0.1)) / 8766; // CRF at 0% = 1/5
    const energyPerHour = 8 * 10.2 * 1.58 * 0.08;
    const rent = 64 * (55.04 / 8);
    expect(r.metrics.breakEvenUtilization).toBeCloseTo(fixedPerHour / (rent - energyPerHour), 9);
  });
  it('lists the options side by side and a tornado of what moves the answer', () => {
    expect((r.metrics.options as Array<{ name: string }>).map((o) => o.name)).toEqual(['buy', 'on-demand', 'reserved-1y', 'reserved-3y', 'spot']);
    const s = r.metrics.sensitivity as { rows: Array<{ swing: number }> };
    expect(s.rows.length).toBeGreaterThan(4);
    for (let i = 1; i < s.rows.length; i++) expect(s.rows[i - 1].swing).toBeGreaterThanOrEqual(s.rows[i].swing);
  });
});

describe('costOf a serving run', () => {
  it('prices the device-hours an autoscaled fleet held and divides by the tokens served', () => {
    const outcome: WorkloadOutcome = {
      metrics: { inference: { throughputTokensPerS: 1000, ttftP50S: 0.1, ttftP99S: 0.3, tpotP50S: 0.02, sloAttainment: 0.99, replicas: 3, durationS: 7200, deviceHours: 36, tokensServed: 9e6 } },
      breakdown: {}, series: {}, warnings: [], events: 0,
    };
    const r = costOf({ cost: costSchema.parse({ pricePerDeviceHour: 2 }), cluster: dgxH100Cluster(4), outcome, workloadKind: 'inference' });
    // 36 device-hours x 2 USD = 72 USD for 9 M tokens = 8 USD per million.
    expect(r.metrics.totalUsd).toBeCloseTo(72, 9);
    expect(r.metrics.usdPerMillionTokens).toBeCloseTo(8, 9);
    expect(r.warnings).toEqual([]);
  });
});

describe('costOf a cluster trace', () => {
  it('prices the installed device-hours (deliveries) and adds the cloud burst the runner priced', () => {
    const outcome: WorkloadOutcome = {
      metrics: { cluster: { utilization: 0.5, meanQueueDelayS: 0, p95JobCompletionS: 0, makespanS: 10 * 3600, capacityGpuHours: 800, burstCostUsd: 1234 } },
      breakdown: {}, series: {}, warnings: [], events: 0,
    };
    const r = costOf({ cost: costSchema.parse({ pricePerDeviceHour: 2 }), cluster: dgxH100Cluster(16), outcome, workloadKind: 'trace' });
    // 800 installed device-hours (mean 80 of 128 devices over 10 h) x 2 USD + 1,234 USD burst.
    expect(r.breakdown.compute).toBeCloseTo(1600, 9);
    expect(r.breakdown['cloud burst']).toBe(1234);
    expect(r.metrics.totalUsd).toBeCloseTo(2834, 9);
  });
});

describe('storage in the cost', () => {
  it('charges a parallel file system by capacity (when owning, or when asked) but not an object store (paid per use) or node-local drives', () => {
    const cluster = dgxH100Cluster(1, 1e15);
    cluster.storage.push({ ...cluster.storage[0], id: 's3', tier: 'object', capacityBytes: 1e18 }, { ...cluster.storage[0], id: 'nvme', tier: 'local-nvme', capacityBytes: 3e13 });
    const outcome = training(8, 30);
    const rented = costOf({ cost: costSchema.parse({ pricePerDeviceHour: 2, storage: 'capacity' }), cluster, outcome, workloadKind: 'training' });
    expect(costOf({ cost: costSchema.parse({ pricePerDeviceHour: 2 }), cluster, outcome, workloadKind: 'training' }).breakdown.storage).toBeUndefined();
    // 1 PB x 0.023 USD/GB-month x 30 days / 30.4375 days per month.
    expect(rented.breakdown.storage).toBeCloseTo(1e6 * 0.023 * (30 / 30.4375), 6);
    const owned = costOf({ cost: costSchema.parse({ mode: 'owned' }), cluster, outcome, workloadKind: 'training' });
    expect(owned.metrics.purchaseUsd).toBeCloseTo(270_000 + 8 * (3 * 562.5 + 2560) + 1000 * 250, 6);
  });
});
