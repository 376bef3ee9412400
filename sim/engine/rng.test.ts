/** The seeded generator: bit-exact against the reference algorithm, and its variates have the right moments. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, logGamma } from './index';

/** xoshiro128** transcribed from the reference C (prng.di.unimi.it/xoshiro128starstar.c) with BigInt arithmetic. */
function referenceXoshiro128ss(state: bigint[]): () => number {
  const mask = 0xffffffffn;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & mask;
  const s = state.map((x) => x & mask);
  return () => {
    const result = (rotl((s[1] * 5n) & mask, 7n) * 9n) & mask;
    const t = (s[1] << 9n) & mask;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
    return Number(result);
  };
}

describe('Rng', () => {
  it('integer stream equals the reference xoshiro128** for any state (property); state {1,2,3,4} starts with 11520', () => {
    expect(Rng.fromState([1, 2, 3, 4]).nextUint32()).toBe(11520);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 4, maxLength: 4 }), (state) => {
        fc.pre(state.some((x) => x !== 0));
        const ours = Rng.fromState(state as [number, number, number, number]);
        const reference = referenceXoshiro128ss(state.map(BigInt));
        for (let i = 0; i < 200; i++) expect(ours.nextUint32()).toBe(reference());
      }),
      { numRuns: 50 },
    );
  });

  it('same seed, same numbers; different seeds and forks differ; forks are reproducible', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(xs);
    const f1 = new Rng(42).fork(1);
    const f2 = new Rng(42).fork(2);
    const f1again = new Rng(42).fork(1);
    const ys = Array.from({ length: 100 }, () => f1.next());
    expect(Array.from({ length: 100 }, () => f1again.next())).toEqual(ys);
    expect(Array.from({ length: 100 }, () => f2.next())).not.toEqual(ys);
    expect(ys).not.toEqual(xs);
    expect(new Rng(42).fork(1).fork(1).next()).not.toBe(new Rng(42).fork(1).next());
  });

  it('next() lies in [0, 1); int(n) in [0, n)', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      const k = rng.int(7);
      expect(Number.isInteger(k) && k >= 0 && k < 7).toBe(true);
    }
  });

  /** Sample mean and variance of n draws. */
  function moments(draw: () => number, n = 200_000): { mean: number; variance: number } {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = draw();
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    return { mean, variance: sumSq / n - mean * mean };
  }

  // With n = 200 000 the standard error of a mean is sd/447; tolerances are ≥ 4 standard errors.
  it.each([
    ['uniform(2, 5)', (r: Rng) => r.uniform(2, 5), 3.5, 0.75],
    ['exponential(4)', (r: Rng) => r.exponential(4), 0.25, 0.0625],
    ['normal(3, 2)', (r: Rng) => r.normal(3, 2), 3, 4],
    ['lognormal(0, 0.5)', (r: Rng) => r.lognormal(0, 0.5), Math.exp(0.125), (Math.exp(0.25) - 1) * Math.exp(0.25)],
    ['weibull(2, 3)', (r: Rng) => r.weibull(2, 3), 3 * Math.exp(logGamma(1.5)), 9 * (1 - Math.exp(2 * logGamma(1.5)))],
    ['poisson(3.5)', (r: Rng) => r.poisson(3.5), 3.5, 3.5],
    ['poisson(250)', (r: Rng) => r.poisson(250), 250, 250],
  ] as const)('%s has the textbook mean and variance', (_name, draw, mean, variance) => {
    const rng = new Rng(2024);
    const m = moments(() => draw(rng));
    const sd = Math.sqrt(variance);
    expect(Math.abs(m.mean - mean)).toBeLessThan((4 * sd) / Math.sqrt(200_000));
    expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.03);
  });

  it('poisson gives non-negative integers; empirical follows its weights', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 1000; i++) {
      const k = rng.poisson(30);
      expect(Number.isInteger(k) && k >= 0).toBe(true);
    }
    const sample = rng.empirical([10, 20, 30], [1, 2, 7]);
    const counts = new Map<number, number>();
    for (let i = 0; i < 100_000; i++) {
      const v = sample();
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect((counts.get(10) ?? 0) / 1e5).toBeCloseTo(0.1, 2);
    expect((counts.get(20) ?? 0) / 1e5).toBeCloseTo(0.2, 2);
    expect((counts.get(30) ?? 0) / 1e5).toBeCloseTo(0.7, 2);
    expect(() => rng.empirical([1, 2], [0, 0])).toThrow(/sum to zero/);
  });

  it('logGamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});
