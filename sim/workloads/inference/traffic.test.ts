import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/rng';
import { inferenceWorkloadSchema } from './schema';
import { arrivalSampler, dailyFactor, distributionMean, rateLevels, tokenSampler } from './traffic';

const traffic = (t: Record<string, unknown>) => inferenceWorkloadSchema.parse({ kind: 'inference', model: 'llama3-8b', traffic: t }).traffic;

function countArrivals(t: ReturnType<typeof traffic>, seed = 1): number[] {
  const next = arrivalSampler(t, new Rng(seed));
  const times: number[] = [];
  for (let x = next(0); x < Infinity; x = next(x)) times.push(x);
  return times;
}

describe('traffic', () => {
  it('a Poisson stream of λ for T seconds brings λT ± 3√(λT) requests', () => {
    const n = countArrivals(traffic({ rate: 50, duration: 400 })).length;
    expect(Math.abs(n - 20_000)).toBeLessThan(3 * Math.sqrt(20_000));
  });

  it('the daily curve averages 1 over a day and peaks at peakToTrough times its trough', () => {
    const d = traffic({ pattern: 'daily', rate: 1, daily: { peakToTrough: 4, peakHour: 14 } }).daily;
    let sum = 0;
    for (let h = 0; h < 24 * 60; h++) sum += dailyFactor(d, h * 60);
    expect(sum / (24 * 60)).toBeCloseTo(1, 6);
    expect(dailyFactor(d, 14 * 3600) / dailyFactor(d, 2 * 3600)).toBeCloseTo(4, 6);
  });

  it('daily arrivals follow the curve: the busiest hour brings about 4x the quietest', () => {
    const t = traffic({ pattern: 'daily', rate: 2, duration: 86400, daily: { peakToTrough: 4, peakHour: 14 } });
    const perHour = new Array(24).fill(0);
    for (const x of countArrivals(t)) perHour[Math.floor(x / 3600)]++;
    expect(perHour[14] / perHour[2]).toBeGreaterThan(3.4);
    expect(perHour[14] / perHour[2]).toBeLessThan(4.6);
    expect(rateLevels(t)).toHaveLength(24);
  });

  it('bursts multiply the rate for their share of the time', () => {
    const t = traffic({ pattern: 'bursts', rate: 10, duration: 6000, bursts: { every: '600 s', length: '60 s', multiplier: 5 } });
    const n = countArrivals(t).length;
    const expected = 6000 * 10 * (0.9 + 0.1 * 5);
    expect(Math.abs(n / expected - 1)).toBeLessThan(0.03);
  });

  it('lognormal token lengths have the mean and spread asked for', () => {
    const d = { dist: 'lognormal' as const, mean: 500, sd: 300 };
    const draw = tokenSampler(d, new Rng(2));
    const xs = Array.from({ length: 50_000 }, draw);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean / distributionMean(d) - 1)).toBeLessThan(0.02);
    expect(Math.abs(sd / 300 - 1)).toBeLessThan(0.05);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
  });
});
