/** Output statistics against hand-computed values. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Counter, Histogram, Simulator, StreamingHistogram, Tally, TimeWeighted } from './index';

describe('statistics', () => {
  it('TimeWeighted: a level of 2 for 3 s then 5 for 1 s has mean 11/4', () => {
    const sim = new Simulator();
    const level = new TimeWeighted(sim, 2);
    sim.schedule(3, () => level.set(5));
    sim.schedule(4, () => {});
    sim.run();
    expect(level.mean()).toBeCloseTo(11 / 4, 12);
    expect(level.integral()).toBeCloseTo(11, 12);
    expect(level.max).toBe(5);
    // E[x²] = (4·3 + 25·1)/4 = 37/4; variance = 37/4 − (11/4)² = 27/16.
    expect(level.variance()).toBeCloseTo(27 / 16, 12);
  });

  it('Counter rate is count over elapsed time', () => {
    const sim = new Simulator();
    const arrivals = new Counter(sim);
    for (let i = 1; i <= 8; i++) sim.schedule(i / 4, () => arrivals.add());
    sim.run();
    expect(arrivals.rate()).toBe(4);
  });

  it('Tally mean and variance equal the two-pass formulas (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 200 }), (xs) => {
        const t = new Tally();
        xs.forEach((x) => t.add(x));
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
        expect(t.mean()).toBeCloseTo(mean, 6);
        expect(Math.abs(t.variance() - variance)).toBeLessThanOrEqual(1e-9 * Math.max(1, variance));
        expect(t.min).toBe(Math.min(...xs));
        expect(t.max).toBe(Math.max(...xs));
      }),
    );
  });

  it('Histogram quantiles are the interpolated order statistics', () => {
    const h = new Histogram();
    [5, 1, 4, 2, 3].forEach((x) => h.add(x));
    expect(h.quantile(0)).toBe(1);
    expect(h.quantile(0.5)).toBe(3);
    expect(h.quantile(1)).toBe(5);
    expect(h.quantile(0.125)).toBe(1.5);
    h.add(0);
    expect(h.quantile(0)).toBe(0);
  });

  it('StreamingHistogram quantiles are within the stated relative error of the exact ones (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, p) => {
          const exact = [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
          const sketch = new StreamingHistogram(0.01);
          xs.forEach((x) => sketch.add(x));
          expect(Math.abs(sketch.quantile(p) - exact) / exact).toBeLessThanOrEqual(0.01 + 1e-12);
        },
      ),
    );
  });
});
