/**
 * Output statistics: counts, time-weighted levels (queue length, busy servers),
 * sample tallies (waiting times) and histograms with quantiles.
 */
import { log, pow } from './portable-math';

/** Anything with a clock (a Simulator). */
export interface Clock {
  readonly now: number;
}

/** A count of occurrences, with its rate over simulated time. */
export class Counter {
  private readonly clock: Clock;
  private readonly start: number;
  count = 0;
  constructor(clock: Clock) {
    this.clock = clock;
    this.start = clock.now;
  }
  add(n = 1): void {
    this.count += n;
  }
  /** Occurrences per second since creation (0 before any time has passed). */
  rate(): number {
    const elapsed = this.clock.now - this.start;
    return elapsed > 0 ? this.count / elapsed : 0;
  }
}

/**
 * The time-weighted mean of a piecewise-constant level: ∫ level dt / elapsed.
 * Call `set(value)` whenever the level changes.
 */
export class TimeWeighted {
  private readonly clock: Clock;
  private readonly start: number;
  private lastTime: number;
  private level: number;
  private area = 0;
  private areaSquared = 0;
  min: number;
  max: number;

  constructor(clock: Clock, initial = 0) {
    this.clock = clock;
    this.start = clock.now;
    this.lastTime = clock.now;
    this.level = initial;
    this.min = initial;
    this.max = initial;
  }

  get current(): number {
    return this.level;
  }

  set(value: number): void {
    this.accumulate();
    this.level = value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  add(delta: number): void {
    this.set(this.level + delta);
  }

  /** ∫ level dt from creation to now. */
  integral(): number {
    this.accumulate();
    return this.area;
  }

  /** Time-weighted mean since creation (the current level if no time has passed). */
  mean(): number {
    this.accumulate();
    const elapsed = this.clock.now - this.start;
    return elapsed > 0 ? this.area / elapsed : this.level;
  }

  /** Time-weighted variance since creation. */
  variance(): number {
    this.accumulate();
    const elapsed = this.clock.now - this.start;
    if (!(elapsed > 0)) return 0;
    const mean = this.area / elapsed;
    return Math.max(0, this.areaSquared / elapsed - mean * mean);
  }

  private accumulate(): void {
    const now = this.clock.now;
    const dt = now - this.lastTime;
    if (dt > 0) {
      this.area += this.level * dt;
      this.areaSquared += this.level * this.level * dt;
      this.lastTime = now;
    }
  }
}

/** Sample statistics by Welford's online algorithm (numerically stable mean and variance). */
export class Tally {
  count = 0;
  min = Infinity;
  max = -Infinity;
  private runningMean = 0;
  private m2 = 0;
  sum = 0;

  add(x: number): void {
    this.count++;
    this.sum += x;
    const delta = x - this.runningMean;
    this.runningMean += delta / this.count;
    this.m2 += delta * (x - this.runningMean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Sample mean (NaN with no samples). */
  mean(): number {
    return this.count > 0 ? this.runningMean : NaN;
  }

  /** Unbiased sample variance (NaN with fewer than two samples). */
  variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : NaN;
  }

  sd(): number {
    return Math.sqrt(this.variance());
  }
}

/**
 * Samples with quantiles. Exact: every sample is kept (8 bytes each) and
 * `quantile(p)` sorts once, then interpolates linearly between order statistics
 * (the "type 7" definition of Hyndman & Fan, 1996, as in R and NumPy).
 */
export class Histogram {
  private samples: Float64Array = new Float64Array(64);
  private n = 0;
  private sorted = true;
  readonly tally = new Tally();

  get count(): number {
    return this.n;
  }

  add(x: number): void {
    if (Number.isNaN(x)) throw new Error('Histogram.add: NaN sample');
    if (this.n === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    if (this.n > 0 && x < this.samples[this.n - 1]) this.sorted = false;
    this.samples[this.n++] = x;
    this.tally.add(x);
  }

  mean(): number {
    return this.tally.mean();
  }

  /** The p-quantile, p in [0, 1] (NaN with no samples). */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) throw new Error(`Histogram.quantile: p must be in [0, 1], got ${p}`);
    if (this.n === 0) return NaN;
    if (!this.sorted) {
      this.samples.subarray(0, this.n).sort();
      this.sorted = true;
    }
    const position = p * (this.n - 1);
    const lower = Math.floor(position);
    const upper = Math.min(lower + 1, this.n - 1);
    const fraction = position - lower;
    return this.samples[lower] + fraction * (this.samples[upper] - this.samples[lower]);
  }
}

/**
 * A streaming histogram of positive values in logarithmic bins: bin i holds
 * [γ^i, γ^(i+1)) with γ = (1+α)/(1−α), α the relative accuracy;
 * `quantile(p)` returns the bin's midpoint 2γ^(i+1)/(γ+1), whose relative error
 * is at most α for any value in the bin (the DDSketch bound, Masson, Rim & Lee,
 * VLDB 2019). Memory grows with log(max/min)/log(γ), not with the sample count.
 * Zero and negative samples are counted in a separate bin reported as 0.
 */
export class StreamingHistogram {
  readonly relativeAccuracy: number;
  private readonly logGamma: number;
  private readonly gamma: number;
  private readonly bins = new Map<number, number>();
  private nonPositive = 0;
  private n = 0;

  constructor(relativeAccuracy = 0.01) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new Error(`StreamingHistogram: relativeAccuracy must be in (0, 1), got ${relativeAccuracy}`);
    }
    this.relativeAccuracy = relativeAccuracy;
    this.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.logGamma = log(this.gamma);
  }

  get count(): number {
    return this.n;
  }

  add(x: number): void {
    if (Number.isNaN(x)) throw new Error('StreamingHistogram.add: NaN sample');
    this.n++;
    if (x <= 0) {
      this.nonPositive++;
      return;
    }
    const index = Math.floor(log(x) / this.logGamma);
    this.bins.set(index, (this.bins.get(index) ?? 0) + 1);
  }

  /** The p-quantile within relative error `relativeAccuracy` (rank = floor(p·(n−1)), lower order statistic). */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) throw new Error(`StreamingHistogram.quantile: p must be in [0, 1], got ${p}`);
    if (this.n === 0) return NaN;
    const rank = Math.floor(p * (this.n - 1));
    if (rank < this.nonPositive) return 0;
    let seen = this.nonPositive;
    const indices = [...this.bins.keys()].sort((a, b) => a - b);
    for (const index of indices) {
      seen += this.bins.get(index) as number;
      if (seen > rank) return (2 * pow(this.gamma, index + 1)) / (this.gamma + 1);
    }
    const last = indices[indices.length - 1];
    return (2 * pow(this.gamma, last + 1)) / (this.gamma + 1);
  }
}
