/**
 * One rung of the event queue's ladder (Tang, Goh & Thng, "Ladder queue: an O(1) priority queue structure
 * for large-scale discrete event simulation", ACM TOMACS 15(3), 2005): events of one time range spread over
 * up to MAX_BUCKETS equal-width buckets, unsorted inside a bucket, handed out bucket by bucket in time order.
 *
 * Unlike the paper's linked lists, a rung is filled in one go by a counting sort into struct-of-arrays
 * storage (count per bucket, prefix sums, scatter), so every bucket is a contiguous run of positions: filling
 * and draining read memory in order, and the scatter writes to at most MAX_BUCKETS places at a time, few
 * enough to stay in cache. Events that arrive later never enter a finer rung (the queue keeps them in its
 * heap), so it only ever shrinks.
 *
 * The bucket of time t is floor((t − min) · scale); rounding is monotone, so every event of a later bucket is
 * strictly later than every event of an earlier one. Each bucket records its exact least and greatest time:
 * the queue's horizon (the earliest time not yet in its heap) is the least time of the next bucket, exact.
 */
import { BLOCK, type Callbacks, type EventBag } from './event-bag';

/** At most this many buckets per rung: 1,024 scatter targets (3 arrays each) fit in the L2 cache of current cores. */
export const MAX_BUCKETS = 1024;

export class Rung {
  time = new Float64Array(0);
  seq = new Float64Array(0);
  /** Kept packed (grown by push), never holey; entries handed out are reset to undefined so closures can be collected. */
  callback: Callbacks = [];
  /** Bucket b holds positions bucketStart[b] .. bucketStart[b + 1] − 1. */
  readonly bucketStart = new Int32Array(MAX_BUCKETS + 1);
  readonly bucketMin = new Float64Array(MAX_BUCKETS);
  readonly bucketMax = new Float64Array(MAX_BUCKETS);
  private readonly cursor = new Int32Array(MAX_BUCKETS);
  /** Number of buckets in use. */
  buckets = 0;
  /** The next bucket to hand out; buckets before it are spent. */
  current = 0;

  /** Bucket of time t: floor((t − min) · scale), at most buckets − 1 (set by `begin`). */
  private min = 0;
  private scale = 0;

  /**
   * Spreads positions from .. to − 1 of the source arrays over `buckets` buckets of [min, max] (every source
   * time within it; max − min > 0 with a finite, positive `buckets / (max − min)`). The source callbacks are
   * reset to undefined as they move.
   */
  fill(srcTime: Float64Array, srcSeq: Float64Array, srcCallback: Callbacks, from: number, to: number, min: number, max: number, buckets: number): void {
    this.begin(to - from, min, max, buckets);
    this.count(srcTime, from, to);
    this.prefixSums();
    this.scatter(srcTime, srcSeq, srcCallback, from, to);
  }

  /** The same, from every event of a bag (which ends up empty, its blocks back in the pool); its sequence numbers count from `seqBase`. */
  fillFromBag(bag: EventBag, buckets: number, seqBase: number): void {
    const n = bag.length;
    this.begin(n, bag.min, bag.max, buckets);
    for (let block = 0, start = 0; start < n; block++, start += BLOCK) this.count(bag.times[block], 0, Math.min(BLOCK, n - start));
    this.prefixSums();
    for (let block = 0, start = 0; start < n; block++, start += BLOCK) {
      this.scatterBlock(bag.times[block], bag.seqs[block], seqBase, bag.callbacks[block], bag.bases[block], Math.min(BLOCK, n - start));
    }
    bag.release();
  }

  private begin(n: number, min: number, max: number, buckets: number): void {
    this.reserve(n);
    this.min = min;
    this.scale = buckets / (max - min);
    this.buckets = buckets;
    this.current = 0;
    this.bucketStart.fill(0, 0, buckets + 1);
    this.bucketMin.fill(Infinity, 0, buckets);
    this.bucketMax.fill(-Infinity, 0, buckets);
  }

  /** Pass 1: count per bucket (in bucketStart[b + 1]) and each bucket's least and greatest time. */
  private count(srcTime: Float64Array, from: number, to: number): void {
    const { min, scale } = this;
    const last = this.buckets - 1;
    const start = this.bucketStart;
    const bucketMin = this.bucketMin;
    const bucketMax = this.bucketMax;
    for (let i = from; i < to; i++) {
      const t = srcTime[i];
      let b = ((t - min) * scale) | 0;
      if (b > last) b = last;
      start[b + 1]++;
      if (t < bucketMin[b]) bucketMin[b] = t;
      if (t > bucketMax[b]) bucketMax[b] = t;
    }
  }

  private prefixSums(): void {
    const start = this.bucketStart;
    const cursor = this.cursor;
    for (let b = 0; b < this.buckets; b++) {
      start[b + 1] += start[b];
      cursor[b] = start[b];
    }
  }

  /** Pass 2: scatter, recomputing the bucket (the same float operations give the same bucket). */
  private scatter(srcTime: Float64Array, srcSeq: Float64Array, srcCallback: Callbacks, from: number, to: number): void {
    const { min, scale, time, seq, callback, cursor } = this;
    const last = this.buckets - 1;
    for (let i = from; i < to; i++) {
      const t = srcTime[i];
      let b = ((t - min) * scale) | 0;
      if (b > last) b = last;
      const p = cursor[b]++;
      time[p] = t;
      seq[p] = srcSeq[i];
      callback[p] = srcCallback[i];
      srcCallback[i] = undefined;
    }
  }

  /** Pass 2 from a bag's block: sequence numbers are offsets from seqBase, callback o sits at srcCallback[shift + o]. */
  private scatterBlock(srcTime: Float64Array, srcSeq: Uint32Array, seqBase: number, srcCallback: Callbacks, shift: number, end: number): void {
    const { min, scale, time, seq, callback, cursor } = this;
    const last = this.buckets - 1;
    for (let o = 0; o < end; o++) {
      const t = srcTime[o];
      let b = ((t - min) * scale) | 0;
      if (b > last) b = last;
      const p = cursor[b]++;
      time[p] = t;
      seq[p] = seqBase + srcSeq[o];
      callback[p] = srcCallback[shift + o];
      srcCallback[shift + o] = undefined;
    }
  }

  /** Moves `current` past empty buckets; false when no bucket is left. */
  skipEmpty(): boolean {
    const start = this.bucketStart;
    let b = this.current;
    while (b < this.buckets && start[b + 1] === start[b]) b++;
    this.current = b;
    return b < this.buckets;
  }

  /** Events not yet handed out. */
  get remaining(): number {
    return this.bucketStart[this.buckets] - this.bucketStart[this.current];
  }

  /** Drops the cancelled events of the buckets not yet handed out; returns how many were dropped. */
  dropCancelled(cancelled: Set<number>): number {
    const start = this.bucketStart;
    const time = this.time;
    const seq = this.seq;
    const callback = this.callback;
    let write = start[this.current];
    const end = start[this.buckets];
    for (let b = this.current; b < this.buckets; b++) {
      const from = start[b];
      const to = start[b + 1];
      start[b] = write;
      let least = Infinity;
      let greatest = -Infinity;
      for (let i = from; i < to; i++) {
        const cb = callback[i];
        callback[i] = undefined;
        if (cancelled.has(seq[i])) continue;
        const t = time[i];
        time[write] = t;
        seq[write] = seq[i];
        callback[write] = cb;
        write++;
        if (t < least) least = t;
        if (t > greatest) greatest = t;
      }
      this.bucketMin[b] = least;
      this.bucketMax[b] = greatest;
    }
    start[this.buckets] = write;
    return end - write;
  }

  /** Room for n events. */
  private reserve(n: number): void {
    if (this.time.length < n) {
      const capacity = Math.max(n, this.time.length * 2);
      this.time = new Float64Array(capacity);
      this.seq = new Float64Array(capacity);
    }
    const callback = this.callback;
    while (callback.length < n) callback.push(undefined);
  }
}
