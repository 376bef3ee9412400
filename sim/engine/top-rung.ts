/**
 * The first rung of the event queue's ladder: the top's events spread over up to TOP_BUCKETS equal-width
 * time buckets, each an `EventBag`. Spreading reads the top block by block and hands each block back to the
 * pool as soon as it is read, so the buckets fill the top's own (warm) blocks. A bucket's turn comes in time
 * order: the queue loads it into its heap or spreads it over a finer, contiguous `Rung` (`event-rung.ts`).
 * Events scheduled after the rung is laid out join their bucket if it is not spent yet (`accept`).
 *
 * Fewer buckets than a finer rung (256, not 1,024): each bucket writes to its own block of three arrays, and
 * 3 × 256 pages stay within the second-level data TLB of current cores (2,048 entries on AMD Zen 2/3) where
 * 3 × 1,024 do not (10^7 raw events: 3.96 M/s per CPU second with 1,024, 4.19-4.54 with 256, best of 3 at
 * load 7-8). Bucket arithmetic as in `event-rung.ts`; every bucket knows its exact least and greatest time.
 */
import { type BlockPool, EventBag } from './event-bag';
import type { EventCallback } from './event-queue';

/** At most this many buckets in the first rung. */
export const TOP_BUCKETS = 256;

export class TopRung {
  private readonly bags: EventBag[] = [];
  buckets = 0;
  /** The next bucket to hand out; buckets before it are spent. */
  current = 0;
  /** Bucket of time t: floor((t − min) · scale), at most buckets − 1. */
  private min = 0;
  private scale = 0;

  constructor(pool: BlockPool) {
    for (let b = 0; b < TOP_BUCKETS; b++) this.bags.push(new EventBag(pool));
  }

  /** Spreads (and empties) `top`, whose times lie within [top.min, top.max] (max > min, representable width). */
  fill(top: EventBag, buckets: number): void {
    const min = top.min;
    const scale = buckets / (top.max - min);
    top.spreadInto(this.bags, min, scale, buckets - 1);
    this.buckets = buckets;
    this.current = 0;
    this.min = min;
    this.scale = scale;
  }

  /**
   * Adds an event scheduled after the rung was laid out, if its bucket is not spent yet; false otherwise (the
   * queue keeps it in its heap). Its bucket comes from the same arithmetic, so it is later than every event
   * already handed out and no later than any event of a later bucket.
   */
  accept(time: number, seqOffset: number, callback: EventCallback): boolean {
    // Compared as a float: an event far before the rung would wrap around when truncated to an integer.
    const x = (time - this.min) * this.scale;
    if (!(x >= this.current)) return false;
    this.bags[x < this.buckets ? x | 0 : this.buckets - 1].append(time, seqOffset, callback);
    return true;
  }

  /** Moves `current` past empty buckets; false when no bucket is left. */
  skipEmpty(): boolean {
    let b = this.current;
    while (b < this.buckets && this.bags[b].length === 0) b++;
    this.current = b;
    return b < this.buckets;
  }

  /** The bucket's bag (to drain when its turn comes). */
  bucket(b: number): EventBag {
    return this.bags[b];
  }

  /** Least time in the next bucket (after `skipEmpty()` returned true). */
  get nextMin(): number {
    return this.bags[this.current].min;
  }

  /** Drops the cancelled events of the buckets not yet handed out; returns how many were dropped. */
  dropCancelled(cancelled: Set<number>, seqBase: number): number {
    let dropped = 0;
    for (let b = this.current; b < this.buckets; b++) dropped += this.bags[b].dropCancelled(cancelled, seqBase);
    return dropped;
  }
}
