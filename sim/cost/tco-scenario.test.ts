/**
 * The bundled buy-or-rent scenario (scenarios/cloud-vs-owned-tco.yaml): 64 DGX
 * H100 with 2 PB of storage, 80% busy for 3 years. Its crossover month is
 * worked out by hand below from the catalog figures and asserted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCluster } from '../hardware/cluster';
import { clusterSchema } from '../hardware/schema';
import { costOf } from './index';
import { costSchema } from './schema';

const doc = parse(readFileSync(new URL('../../scenarios/cloud-vs-owned-tco.yaml', import.meta.url), 'utf8'));
const cluster = buildCluster(clusterSchema.parse(doc.cluster));
const cost = costSchema.parse(doc.cost);
const r = costOf({ cost, cluster, outcome: { metrics: { training: { devices: 512, wallTimeS: 30 * 86400 } as never }, breakdown: {}, series: {}, warnings: [], events: 0 }, workloadKind: 'training' });
const tco = r.metrics.tco as { crossoverMonth: number; crossoverMonthExact: number; cheapest: string; options: Array<{ name: string; cumulativeUsd: number[] }> };

describe('cloud against owned: 3-year cost of 512 H100', () => {
  const month = 8766 / 12; // hours
  // Purchase: 64 x 270,000 (DGX H100) + 512 NDR endpoints x (3 ports x 562.50 + 2,560 cabling) + 2 PB x 250 USD/TB
  //   = 17,280,000 + 2,174,720 + 500,000 = 19,954,720 USD.
  const purchase = 64 * 270_000 + 512 * (3 * 562.5 + 2560) + 2000 * 250;
  // Buy, per month: operations 10%/year of purchase + energy 64 x 10.2 kW x PUE 1.58 x 730.5 h x 80% x 0.08 USD/kWh
  //   = 166,289.33 + 48,221.13 = 214,510.47 USD.
  const buyMonthly = (purchase * 0.1) / 12 + 64 * 10.2 * 1.58 * month * 0.8 * 0.08;
  // Spot, per month: 512 x (6.88 x 0.425) USD/h x 730.5 h x 80% / (1 - lost) + 2 PB of object storage at 0.023 USD/GB
  //   with lost = 64 instances x 0.2 reclaims/month / 730.5 h x (30 min + 10 min) = 1.17%: 885,239 + 46,000 = 931,239 USD.
  const lost = ((64 * 0.2) / month) * (40 / 60);
  const spotMonthly = 512 * (55.04 / 8) * 0.425 * month * (0.8 / (1 - lost)) + 2e6 * 0.023;
  // Crossover: 19,954,720 / (931,239 - 214,510) = 27.84 months, so during month 28.

  it('the inputs are the ones worked by hand', () => {
    expect(r.metrics.purchaseUsd).toBeCloseTo(purchase, 3);
    const buy = tco.options.find((o) => o.name === 'buy')!;
    const spot = tco.options.find((o) => o.name === 'spot')!;
    expect(buy.cumulativeUsd[1] - buy.cumulativeUsd[0]).toBeCloseTo(buyMonthly, 3);
    expect(spot.cumulativeUsd[1] - spot.cumulativeUsd[0]).toBeCloseTo(spotMonthly, 3);
  });

  it('buying pays for itself against the cheapest rental (spot) in month 28', () => {
    expect(tco.crossoverMonthExact).toBeCloseTo(purchase / (spotMonthly - buyMonthly), 6);
    expect(tco.crossoverMonthExact).toBeCloseTo(27.84, 2);
    expect(tco.crossoverMonth).toBe(28);
  });

  // Break-even against on demand: fixed = 19,954,720 x (CRF(8%, 5 y) 0.250456 + 0.10) / 8,766 h = 797.76 USD/h;
  // energy = 64 x 10.2 kW x 1.58 x 0.08 = 82.51 USD/h; rent = 512 x 6.88 = 3,522.56 USD/h; u = 797.76 / 3,440.05 = 23.19%.
  it('over 3 years buying has the lowest net present cost, and pays off above 23% utilization against on demand', () => {
    expect(tco.cheapest).toBe('buy');
    expect(r.metrics.breakEvenUtilization as number).toBeCloseTo(0.2319, 3);
  });
});
