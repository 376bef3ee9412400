import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangC, mg1MeanWait, mgcMeanWait, mmcMeanWait, mmcWaitQuantile } from './queueing';

describe('queueing closed forms', () => {
  it('Erlang C with one server is the utilisation (an M/M/1 arrival waits with probability ρ)', () => {
    for (const rho of [0.1, 0.5, 0.9]) expect(erlangC(1, rho)).toBeCloseTo(rho, 12);
  });

  it('Erlang C for 2 servers at offered load 1 is 1/3', () => {
    // P0 = [1 + a + a²/(2(1−a/2))]^-1 = [1 + 1 + 1]^-1 = 1/3; C = a²/(2(1−a/2))·P0 = 1·1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('M/M/1 mean wait is ρ/(μ − λ)', () => {
    expect(mmcMeanWait(0.8, 1, 1)).toBeCloseTo(0.8 / 0.2, 10);
  });

  it('Pollaczek–Khinchine with exponential service (E[S²] = 2/μ²) equals M/M/1', () => {
    const lambda = 0.7;
    const mu = 1.3;
    expect(mg1MeanWait(lambda, 1 / mu, 2 / mu ** 2)).toBeCloseTo(mmcMeanWait(lambda, mu, 1), 10);
  });

  it('M/D/1 waits half as long as M/M/1 (Allen–Cunneen is exact for one server)', () => {
    expect(mgcMeanWait(0.5, 1, 0, 1)).toBeCloseTo(mg1MeanWait(0.5, 1, 1), 10);
  });

  it('the M/M/c wait quantile inverts P(W > t) = C·e^(−(cμ−λ)t)', () => {
    const t = mmcWaitQuantile(3, 1, 4, 0.99);
    expect(erlangC(4, 3) * Math.exp(-(4 - 3) * t)).toBeCloseTo(0.01, 10);
  });

  it('Erlang C is a probability that grows with the load (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.double({ min: 0.01, max: 0.98, noNaN: true }), (c, rho) => {
        const p = erlangC(c, rho * c);
        const q = erlangC(c, Math.min(0.99, rho + 0.01) * c);
        return p >= 0 && p <= 1 && q >= p - 1e-12;
      }),
    );
  });

  it('an overloaded queue waits forever', () => {
    expect(mmcMeanWait(2, 1, 2)).toBe(Infinity);
    expect(mg1MeanWait(1, 1, 1)).toBe(Infinity);
  });
});
