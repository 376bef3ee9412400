import { describe, expect, it } from 'vitest';
import {
  cablingPerEndpoint, carbonIntensity, cloudPricePerDeviceHour, cloudPrices, commitmentDiscounts, depreciationYears, devicePurchasePrices, discountRate,
  electricityPrice, nicPrice, nodePurchasePrice, nodePurchasePrices, objectStorage, operationsOverhead, ownedStoragePerByte, powerLoadFactor, pue,
  restartTimeS, serverPlatformPrice, spotDiscount, spotInterruptionsPerMonth, switchPortPrice, type CatalogValue,
} from './index';

const singles: Record<string, CatalogValue> = {
  serverPlatformPrice, switchPortPrice, cablingPerEndpoint, nicPrice, ownedStoragePerByte, depreciationYears, operationsOverhead, powerLoadFactor,
  spotInterruptionsPerMonth, restartTimeS, discountRate, ...objectStorage,
  ...Object.fromEntries(Object.entries(electricityPrice).map(([k, v]) => [`electricity ${k}`, v])),
  ...Object.fromEntries(Object.entries(carbonIntensity).map(([k, v]) => [`carbon ${k}`, v])),
  ...Object.fromEntries(Object.entries(pue).map(([k, v]) => [`pue ${k}`, v])),
};
const all: Array<[string, CatalogValue]> = [
  ...cloudPrices.map((p) => [`${p.provider} ${p.device} ${p.pricing}`, p] as [string, CatalogValue]),
  ...devicePurchasePrices.map((p) => [`buy ${p.device}`, p] as [string, CatalogValue]),
  ...nodePurchasePrices.map((p) => [`buy ${p.node}`, p] as [string, CatalogValue]),
  ...Object.entries(singles),
];

describe('the price catalog', () => {
  it.each(all)('%s has a positive value, a region, and a dated source', (_, v) => {
    expect(v.value).toBeGreaterThan(0);
    expect(v.region.length).toBeGreaterThan(1);
    expect(v.source.title.length).toBeGreaterThan(5);
    expect(v.source.date).toMatch(/^\d{4}(-\d{2}){0,2}$/);
    if (v.low !== undefined) expect(v.low).toBeLessThanOrEqual(v.value);
    if (v.high !== undefined) expect(v.high).toBeGreaterThanOrEqual(v.value);
  });

  it('has one row per provider, device and pricing', () => {
    const keys = cloudPrices.map((p) => `${p.provider}/${p.device}/${p.pricing}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the disagreements the leads flag: old AWS list price, sparse-free H100 ranges, DGX price spread, unverified TPU prices', () => {
    expect(cloudPrices.find((p) => p.provider === 'aws' && p.device === 'h100-sxm' && p.pricing === 'on-demand')!.disputed).toMatch(/98\.32/);
    expect(cloudPrices.filter((p) => p.provider === 'gcp').every((p) => p.disputed)).toBe(true);
    expect(nodePurchasePrices[0].disputed).toMatch(/199k.*317k/);
  });

  it('spot and commitments cost less than on demand wherever both are listed', () => {
    for (const p of cloudPrices.filter((x) => x.pricing !== 'on-demand')) {
      const od = cloudPrices.find((x) => x.provider === p.provider && x.device === p.device && x.pricing === 'on-demand');
      if (od) expect(p.value).toBeLessThan(od.value);
    }
    for (const d of [commitmentDiscounts['reserved-1y'], commitmentDiscounts['reserved-3y'], spotDiscount]) expect(d.value).toBeGreaterThan(0);
  });

  it('US grid intensity is 0.86 lb/kWh = 390 g/kWh (EIA, 2022)', () => {
    expect(carbonIntensity.us.value * 3.6e6).toBeCloseTo(0.3901, 4);
  });
});

describe('catalog lookups', () => {
  it('read a listed price, fall back to another provider, then to a published discount, and say so', () => {
    expect(cloudPricePerDeviceHour('h100-sxm', 'on-demand', 'aws')).toMatchObject({ value: 6.88, fallback: undefined });
    expect(cloudPricePerDeviceHour('mi300x', 'on-demand', 'aws')!.fallback).toMatch(/used neocloud/);
    const r3 = cloudPricePerDeviceHour('h100-sxm', 'reserved-3y', 'aws')!;
    expect(r3.value).toBeCloseTo(6.88 * (12.5 / 21.96), 9);
    expect(r3.fallback).toMatch(/discount/);
    expect(cloudPricePerDeviceHour('no-such-device', 'spot')).toBeUndefined();
  });
  it('price an unlisted node as its devices plus the server platform', () => {
    expect(nodePurchasePrice('hgx-h200', 'h200-sxm', 8)!.value).toBe(8 * 32_500 + 32_010);
    expect(nodePurchasePrice('dgx-h100', 'h100-sxm', 8)!.value).toBe(270_000);
    expect(nodePurchasePrice('x', 'unknown', 8)).toBeUndefined();
  });
});
