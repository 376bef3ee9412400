/**
 * Seeded random numbers, identical on every platform.
 *
 * Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom
 * number generators", 2018; https://prng.di.unimi.it/xoshiro128starstar.c),
 * state seeded by SplitMix32 so that any 32-bit seed gives a well-mixed state.
 * All state arithmetic is 32-bit integer math (Math.imul, >>>), so the integer
 * stream is bit-identical in every JavaScript engine. `next()` builds a 53-bit
 * double from two outputs. The transforms to other distributions use the
 * portable exp/log/log1p/sin/cos/pow of ./portable-math (ECMAScript does not
 * pin Math's to the last bit, and V8's changed between Node 20 and Chromium
 * 156), so every variate, not just the integer stream, is the same in every
 * engine.
 *
 * `fork(stream)` derives an independent generator for a named stream (a job,
 * a link, a replica) from the root seed, so adding draws in one part of a model
 * does not shift the numbers another part sees.
 */
import { cos, exp, log, log1p, pow, sin } from './portable-math';

/** SplitMix32 step (a 32-bit variant of Steele, Lea & Flood's SplitMix); returns [newState, output]. */
function splitMix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [s, z >>> 0];
}

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

export class Rng {
  readonly seed: number;
  private readonly streamPath: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = NaN;

  constructor(seed: number, stream = 0) {
    if (!Number.isFinite(seed)) throw new Error(`Rng: seed must be a finite number, got ${seed}`);
    this.seed = seed;
    this.streamPath = stream;
    // Fold the seed (any finite number, possibly beyond 32 bits) and the stream id into 32-bit words.
    const low = seed >>> 0;
    const high = Math.floor(seed / 4294967296) >>> 0;
    let state = low ^ Math.imul(high, 0x27d4eb2d) ^ Math.imul(stream | 0, 0x165667b1);
    let out: number;
    [state, out] = splitMix32(state);
    this.s0 = out;
    [state, out] = splitMix32(state);
    this.s1 = out;
    [state, out] = splitMix32(state);
    this.s2 = out;
    [state, out] = splitMix32(state);
    this.s3 = out;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  /** A generator with an explicit xoshiro128** state (for cross-checks against the reference implementation). */
  static fromState(state: readonly [number, number, number, number]): Rng {
    const rng = new Rng(0);
    [rng.s0, rng.s1, rng.s2, rng.s3] = state.map((x) => x | 0);
    return rng;
  }

  /** Next 32-bit unsigned integer (xoshiro128**). */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return result >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Exponential with the given rate (mean 1/rate), by inversion. */
  exponential(rate: number): number {
    if (!(rate > 0)) throw new Error(`Rng.exponential: rate must be > 0, got ${rate}`);
    return -log1p(-this.next()) / rate;
  }

  /** Normal by the Box–Muller transform; the second variate of each pair is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    let z: number;
    if (!Number.isNaN(this.spareNormal)) {
      z = this.spareNormal;
      this.spareNormal = NaN;
    } else {
      const u1 = 1 - this.next(); // (0, 1]: log stays finite
      const u2 = this.next();
      const r = Math.sqrt(-2 * log(u1));
      z = r * cos(2 * Math.PI * u2);
      this.spareNormal = r * sin(2 * Math.PI * u2);
    }
    return mean + sd * z;
  }

  /** exp(N(mu, sigma)): mu and sigma are the mean and sd of the logarithm. */
  lognormal(mu: number, sigma: number): number {
    return exp(this.normal(mu, sigma));
  }

  /** Weibull(shape k, scale λ) by inversion: λ(−ln(1−U))^(1/k). */
  weibull(shape: number, scale: number): number {
    if (!(shape > 0) || !(scale > 0)) throw new Error(`Rng.weibull: shape and scale must be > 0, got ${shape}, ${scale}`);
    return scale * pow(-log1p(-this.next()), 1 / shape);
  }

  /**
   * Poisson(mean). Small means: multiplication of uniforms (Knuth). Means ≥ 10:
   * PTRS, the transformed rejection method of Hörmann, "The transformed rejection
   * method for generating Poisson random variables", Insurance: Mathematics and
   * Economics 12 (1993), constants as published there.
   */
  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) throw new Error(`Rng.poisson: mean must be finite and >= 0, got ${mean}`);
    if (mean === 0) return 0;
    if (mean < 10) {
      const limit = exp(-mean);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const loglam = log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (log(v) + log(invalpha) - log(a / (us * us) + b) <= -mean + k * loglam - logGamma(k + 1)) return k;
    }
  }

  /** Integer uniform in [0, n). */
  int(n: number): number {
    if (!(n >= 1) || !Number.isInteger(n)) throw new Error(`Rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.choice: empty array');
    return items[this.int(items.length)];
  }

  /**
   * A sampler drawing from `values` with probabilities proportional to
   * `weights` (all equal when omitted): an observed distribution, e.g. job
   * durations from a trace. Draws come from this generator.
   */
  empirical(values: readonly number[], weights?: readonly number[]): () => number {
    if (values.length === 0) throw new Error('Rng.empirical: no values');
    if (weights && weights.length !== values.length) {
      throw new Error(`Rng.empirical: ${values.length} values but ${weights.length} weights`);
    }
    const cumulative = new Float64Array(values.length);
    let total = 0;
    for (let i = 0; i < values.length; i++) {
      const w = weights ? weights[i] : 1;
      if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`Rng.empirical: weight ${i} must be finite and >= 0, got ${w}`);
      total += w;
      cumulative[i] = total;
    }
    if (!(total > 0)) throw new Error('Rng.empirical: weights sum to zero');
    const copy = values.slice();
    return () => {
      const target = this.next() * total;
      let lo = 0;
      let hi = copy.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      return copy[lo];
    };
  }

  /** An independent generator for stream `stream`, derived from this one's seed and stream path. */
  fork(stream: number): Rng {
    if (!Number.isInteger(stream)) throw new Error(`Rng.fork: stream must be an integer, got ${stream}`);
    const path = (Math.imul(this.streamPath ^ 0x5bd1e995, 0x01000193) + stream + 1) | 0;
    return new Rng(this.seed, path);
  }
}

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; accurate to ~1e-15 relative). */
export function logGamma(x: number): number {
  if (x < 0.5) return log(Math.PI / sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * log(2 * Math.PI) + (z + 0.5) * log(t) - t + log(sum);
}
