/**
 * One rung of the event queue's ladder (Tang, Goh & Thng, "Ladder queue: an O(1) priority queue structure
 * for large-scale discrete event simulation", ACM TOMACS 15(3), 2005): events of one time range spread over
 * up to MAX_BUCKETS equal-width buckets, unsorted inside a bucket, handed out bucket by bucket in time order.
 *
 * Unlike the paper's linked lists, a rung is filled in one go by a counting sort into struct-of-arrays
 * storage (count per bucket, prefix sums, scatter), so every bucket is a contiguous run of positions: filling
 * and draining read memory in order, and the scatter writes to at most MAX_BUCKETS places at a time, few
 * enough to stay in cache. Events that arrive later never enter a rung (the queue keeps them in its heap), so
 * a rung only ever shrinks.
 *
 * The bucket of time t is floor((t − min) · scale); rounding is monotone, so every event of a later bucket is
 * strictly later than every event of an earlier one. Each bucket records its exact least and greatest time:
 * the queue's horizon (the earliest time not yet in its heap) is the least time of the next bucket, exact.
 */
import type { EventCallback } from './event-queue';

/** At most this many buckets per rung: 1,024 scatter targets (3 arrays each) fit in the L2 cache of current cores. */
export const MAX_BUCKETS = 1024;

export class Rung {
  time = new Float64Array(0);
  seq = new Float64Array(0);
  /** Kept packed (grown by push), never holey; entries handed out are reset to undefined so closures can be collected. */
  callback: (EventCallback | undefined)[] = [];
  /** Bucket b holds positions bucketStart[b] .. bucketStart[b + 1] − 1. */
  readonly bucketStart = new Int32Array(MAX_BUCKETS + 1);
  readonly bucketMin = new Float64Array(MAX_BUCKETS);
  readonly bucketMax = new Float64Array(MAX_BUCKETS);
  private readonly cursor = new Int32Array(MAX_BUCKETS);
  /** Number of buckets in use. */
  buckets = 0;
  /** The next bucket to hand out; buckets before it are spent. */
  current = 0;

  /**
   * Spreads positions from .. to − 1 of the source arrays over `buckets` buckets of [min, max] (every source
   * time within it; max − min > 0 with a finite `buckets / (max − min)`). The source callbacks are reset to
   * undefined as they move.
   */
  fill(
    srcTime: Float64Array,
    srcSeq: Float64Array,
    srcCallback: (EventCallback | undefined)[],
    from: number,
    to: number,
    min: number,
    max: number,
    buckets: number,
  ): void {
    this.reserve(to - from);
    const scale = buckets / (max - min);
    const last = buckets - 1;
    const start = this.bucketStart;
    const bucketMin = this.bucketMin;
    const bucketMax = this.bucketMax;
    start.fill(0, 0, buckets + 1);
    bucketMin.fill(Infinity, 0, buckets);
    bucketMax.fill(-Infinity, 0, buckets);
    // Pass 1: count per bucket (in start[b + 1]) and each bucket's least and greatest time.
    for (let i = from; i < to; i++) {
      const t = srcTime[i];
      let b = ((t - min) * scale) | 0;
      if (b > last) b = last;
      start[b + 1]++;
      if (t < bucketMin[b]) bucketMin[b] = t;
      if (t > bucketMax[b]) bucketMax[b] = t;
    }
    const cursor = this.cursor;
    for (let b = 0; b < buckets; b++) {
      start[b + 1] += start[b];
      cursor[b] = start[b];
    }
    // Pass 2: scatter, recomputing the bucket (the same float operations give the same bucket).
    const time = this.time;
    const seq = this.seq;
    const callback = this.callback;
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
    this.buckets = buckets;
    this.current = 0;
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
  reserve(n: number): void {
    if (this.time.length < n) {
      const capacity = Math.max(n, this.time.length * 2);
      this.time = new Float64Array(capacity);
      this.seq = new Float64Array(capacity);
    }
    const callback = this.callback;
    while (callback.length < n) callback.push(undefined);
  }
}
