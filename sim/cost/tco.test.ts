import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakEvenUtilization, capitalRecoveryFactor, costOfDelay, monthlyRate, npv, sensitivity, straightLineBookValue, tcoCompare } from './tco';

describe('net present value', () => {
  it('discounts -100, 60, 60 at 10% to 4.1322 (hand: -100 + 60/1.1 + 60/1.21)', () => {
    expect(npv([-100, 60, 60], 0.1)).toBeCloseTo(-100 + 54.545454 + 49.586777, 5);
  });
  it('at a zero rate is the plain sum', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 50 }), (cf) => {
      expect(npv(cf, 0)).toBeCloseTo(cf.reduce((a, b) => a + b, 0), 3);
    }));
  });
  it('of positive flows falls as the rate rises', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (cf, r) => {
      expect(npv(cf, r + 0.01)).toBeLessThan(npv(cf, r));
    }));
  });
  it('12 compounded monthly rates make the annual rate', () => {
    expect((1 + monthlyRate(0.08)) ** 12 - 1).toBeCloseTo(0.08, 12);
  });
});

describe('depreciation', () => {
  it('straight line: a 100,000 USD server over 5 years is worth 60,000 after 2 years and 0 after 5', () => {
    expect(straightLineBookValue(100_000, 5, 2)).toBe(60_000);
    expect(straightLineBookValue(100_000, 5, 5)).toBe(0);
    expect(straightLineBookValue(100_000, 5, 7, 5_000)).toBe(5_000);
    expect(straightLineBookValue(100_000, 4, 1, 20_000)).toBe(80_000);
  });
  it('capital recovery factor at 8% over 5 years is 0.250456 (annuity tables), and 1/n at 0%', () => {
    expect(capitalRecoveryFactor(0.08, 5)).toBeCloseTo(0.250456, 6);
    expect(capitalRecoveryFactor(0, 4)).toBe(0.25);
  });
  it('paying the capital recovery factor every year repays the loan: NPV of the payments equals 1', () => {
    const a = capitalRecoveryFactor(0.08, 5);
    expect(npv([0, a, a, a, a, a], 0.08)).toBeCloseTo(1, 12);
  });
});

describe('break-even utilization', () => {
  it('fixed 2 USD/h, energy 1 USD/h, renting 5 USD/h: owning pays above 50% busy', () => {
    expect(breakEvenUtilization({ fixedPerHour: 2, variablePerHour: 1, rentPerHour: 5 })).toBe(0.5);
  });
  it('at break-even the owned cost per useful hour equals the rent', () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (fixed, variable, extra) => {
      const rent = variable + extra;
      const u = breakEvenUtilization({ fixedPerHour: fixed, variablePerHour: variable, rentPerHour: rent })!;
      expect(fixed / u + variable).toBeCloseTo(rent, 6);
    }));
  });
  it('is null when renting costs no more than the energy alone', () => {
    expect(breakEvenUtilization({ fixedPerHour: 1, variablePerHour: 3, rentPerHour: 3 })).toBeNull();
  });
});

describe('buy against rent', () => {
  it('buy 1,200 up front + 10/month against rent 110/month cross at exactly month 12', () => {
    const t = tcoCompare({ months: 36, annualDiscountRate: 0, options: [{ name: 'buy', upfrontUsd: 1200, monthlyUsd: 10 }, { name: 'rent', upfrontUsd: 0, monthlyUsd: 110 }] });
    expect(t.crossoverMonth).toBe(12);
    expect(t.crossoverMonthExact).toBeCloseTo(12, 12);
    expect(t.options[0].cumulativeUsd[12]).toBe(1320);
    expect(t.options[1].cumulativeUsd[12]).toBe(1320);
    expect(t.cheapest).toBe('buy');
  });
  it('against rent 105/month the crossover is 1200/95 = 12.63 months, so month 13', () => {
    const t = tcoCompare({ months: 36, annualDiscountRate: 0, options: [{ name: 'buy', upfrontUsd: 1200, monthlyUsd: 10 }, { name: 'rent', upfrontUsd: 0, monthlyUsd: 105 }] });
    expect(t.crossoverMonth).toBe(13);
    expect(t.crossoverMonthExact).toBeCloseTo(1200 / 95, 10);
  });
  it('the crossover is against the cheapest of the other options, and null when buying never pays', () => {
    const t = tcoCompare({ months: 24, annualDiscountRate: 0, options: [
      { name: 'buy', upfrontUsd: 1000, monthlyUsd: 0 }, { name: 'a', upfrontUsd: 0, monthlyUsd: 100 }, { name: 'b', upfrontUsd: 0, monthlyUsd: 50 },
    ] });
    expect(t.crossoverMonth).toBe(20);
    const never = tcoCompare({ months: 12, annualDiscountRate: 0, options: [{ name: 'buy', upfrontUsd: 1000, monthlyUsd: 0 }, { name: 'rent', upfrontUsd: 0, monthlyUsd: 50 }] });
    expect(never.crossoverMonth).toBeNull();
    expect(never.cheapest).toBe('rent');
  });
  it('NPV discounts monthly payments and subtracts the discounted residual', () => {
    const r = monthlyRate(0.12);
    const t = tcoCompare({ months: 2, annualDiscountRate: 0.12, options: [{ name: 'buy', upfrontUsd: 1000, monthlyUsd: 100, residualUsd: 500 }] });
    expect(t.options[0].npvUsd).toBeCloseTo(1000 + 100 / (1 + r) + 100 / (1 + r) ** 2 - 500 / (1 + r) ** 2, 9);
    expect(t.options[0].totalUsd).toBe(1200);
  });
});

describe('cost of delay and sensitivity', () => {
  it('a 30-day slip at 50,000 USD/day costs 1.5 M USD; finishing early costs nothing', () => {
    expect(costOfDelay(50_000, 30)).toBe(1_500_000);
    expect(costOfDelay(50_000, -3)).toBe(0);
  });
  it('ranks inputs by the swing they cause, largest first', () => {
    const f = (x: { a: number; b: number; c: number }) => 10 * x.a + x.b * x.b + 0 * x.c;
    const s = sensitivity(f, { a: 1, b: 1, c: 1 }, { a: [0.9, 1.1], b: [0, 3], c: [0, 100] });
    expect(s.base).toBe(11);
    expect(s.rows.map((r) => r.input)).toEqual(['b', 'a', 'c']);
    expect(s.rows[0]).toMatchObject({ outputAtLow: 10, outputAtHigh: 19, swing: 9 });
    expect(s.rows[1].swing).toBeCloseTo(2, 12);
  });
});
