/**
 * The future-event list, keyed by (time, scheduling order): a 4-ary heap in front of a ladder queue.
 *
 * Every event carries its time and its scheduling sequence number (the tie-breaker, so events at equal times
 * run in the order they were scheduled, and also the event's handle). Any correct priority queue on that
 * unique key pops the same order; this one is built for queues from a handful to 10^7 pending events:
 *
 * - The heap: a 4-ary min-heap over struct-of-arrays (times and sequence numbers in Float64Arrays, callbacks
 *   in a plain array moved alongside), allocating nothing per event. The root sits at position 3 so that
 *   every group of four children starts on a multiple of four and its 32 bytes never straddle a cache line.
 *   Small queues live here only, so the common case (hundreds to thousands pending) pays one comparison more.
 * - The top (`event-bag.ts`): once the heap outgrows HEAP_SPILL entries, its events move to an unsorted
 *   bag (fixed-size blocks, appended to in place), and so do later events at or after `topStart`.
 * - The rungs: when the heap runs dry, the top is spread over up to 256 time buckets, each a bag reusing the
 *   top's blocks as they are read (`top-rung.ts`). Each bucket in time order is loaded into the heap (up to
 *   BUCKET_LOAD events) or spread by a counting sort over a finer rung of up to 1,024 contiguous buckets,
 *   and so on (`event-rung.ts`; Tang, Goh & Thng, "Ladder queue: an O(1) priority queue structure for
 *   large-scale discrete event simulation", ACM TOMACS 15(3), 2005). Later events go to the top, to an
 *   unspent bucket of the first rung, or into the heap. An event is moved a small constant number of times
 *   in passes that read and write memory in order, instead of sifting through log4(n) levels of a heap
 *   whose lower levels miss the cache on every pop.
 *
 * Invariant: every event outside the heap is at or after `horizon`, the exact least time among them. The heap
 * may hold any times (events scheduled before `topStart` go straight into it), so its top is the next event
 * exactly when it is earlier than `horizon`; on a tie or later, the next bucket is loaded first, and the
 * sequence numbers order the ties inside the heap. Events in the top are at or after every event in a rung.
 *
 * Cancellation is lazy: the handle goes into a set and the entry is dropped when it reaches the top of the
 * heap. When cancelled entries outnumber live ones, the heap, the rungs and the top are compacted in O(n)
 * (the heap by Floyd's bottom-up construction), so rescheduling many times (flow completions) cannot grow
 * the queue without bound. Internal users cancel only pending events; a handle of an event that already ran
 * is ignored if it is newer than any issued, and otherwise costs a set entry until the next compaction or
 * until the queue empties.
 */
import { MAX_BUCKETS, Rung } from './event-rung';
import { BlockPool, EventBag, type Callbacks } from './event-bag';
import { TOP_BUCKETS, TopRung } from './top-rung';

export type EventCallback = () => void;

/** Array position of the heap's root: entry k sits at k + ROOT; the children of position p are 4p − 8 … 4p − 5. */
const ROOT = 3;
/** A heap larger than this (about 1.3 MB of entries, beyond a core's L2 cache) hands its events to the ladder. */
const HEAP_SPILL = 1 << 16;
/** Events per bucket aimed at when a rung is laid out (the heap they are loaded into stays in L1 cache). */
const BUCKET_TARGET = 32;
/** A bucket with more events than this (and more than one distinct time) is spread over a finer rung. */
const BUCKET_LOAD = 4 * BUCKET_TARGET;
/** Finer rungs nest at most this deep; a deeper bucket goes into the heap whatever its size. */
const MAX_RUNGS = 8;
/** Bags store sequence numbers as 32-bit offsets from `seqBase`. */
const SEQ_SPAN = 2 ** 32;

/** Knobs for tests, which exercise the ladder and its fallbacks with few events. */
export interface EventQueueTuning {
  /** Heap size beyond which its events move to the ladder (default 65,536). */
  heapSpill?: number;
  /** Sequence-number offsets the ladder can store (default and at most 2^32); later events go to the heap. */
  seqSpan?: number;
}

/** Buckets for n events over [min, max], or 0 when they cannot be spread (few, one time, or a width floats cannot split). */
function bucketsFor(n: number, min: number, max: number, most: number): number {
  if (n <= BUCKET_LOAD || !(max > min)) return 0;
  const buckets = Math.min(most, Math.ceil(n / BUCKET_TARGET));
  const scale = buckets / (max - min); // 0 when the width overflows, Infinity when it is subnormal
  return scale > 0 && scale < Infinity ? buckets : 0;
}

export class EventQueue {
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  /** Starts with the ROOT unused positions filled, so the array stays packed (no holes to check on reads). */
  private heapCallback: Callbacks = new Array<EventCallback | undefined>(ROOT).fill(undefined);
  /** Entries in the heap, including cancelled ones. */
  private heapCount = 0;

  private readonly pool = new BlockPool();
  /** Events waiting for the next top rung. */
  private readonly top = new EventBag(this.pool);
  private readonly topRung = new TopRung(this.pool);
  private topRungActive = false;
  /** Events at or after this time go to the top; Infinity while the heap holds everything. */
  private topStart = Infinity;
  /** −Infinity while the first rung is laid out, else `topStart`: events before it go straight to the heap. */
  private ladderStart = Infinity;
  /** Finer rungs: rungs[0 .. rungDepth − 1] are in use, the last one the finest (earliest). */
  private readonly rungs: Rung[] = [];
  private rungDepth = 0;
  /** The least time outside the heap (Infinity when the heap holds everything). */
  private horizon = Infinity;
  /** `horizon` while no cancellation is pending, else −Infinity: the heap's top below it is next, with one comparison. */
  private fastLimit = Infinity;

  /** Entries outside the heap (top and rungs), including cancelled ones. */
  private outside = 0;
  /** Bags hold sequence numbers less this (set when the heap spills into an empty ladder). */
  private seqBase = 0;
  private readonly seqSpan: number;
  private readonly heapSpill: number;
  /** The heap spills past this size: `heapSpill`, raised after a spill that could not count from one base. */
  private spillAt: number;
  private nextSeq = 0;
  private readonly cancelled = new Set<number>();

  /** `initialCapacity`: heap entries before it first grows. */
  constructor(initialCapacity = 1024, tuning: EventQueueTuning = {}) {
    this.heapTime = new Float64Array(initialCapacity + ROOT);
    this.heapSeq = new Float64Array(initialCapacity + ROOT);
    this.heapSpill = tuning.heapSpill ?? HEAP_SPILL;
    this.seqSpan = Math.min(tuning.seqSpan ?? SEQ_SPAN, SEQ_SPAN);
    this.spillAt = this.heapSpill;
  }

  /** Events waiting that have not been cancelled. */
  get size(): number {
    return Math.max(0, this.count - this.cancelled.size);
  }

  /** Entries everywhere, including cancelled ones. */
  private get count(): number {
    return this.heapCount + this.outside;
  }

  /** Adds an event; returns its handle for `cancel`. `time` must already be validated (finite, not NaN). */
  push(time: number, callback: EventCallback): number {
    const seq = this.nextSeq++;
    // Into the ladder when the event belongs there and its sequence number fits the bags' offsets.
    if (time >= this.ladderStart) {
      const offset = seq - this.seqBase;
      if (offset < this.seqSpan) {
        if (time >= this.topStart) {
          this.top.append(time, offset, callback);
          return this.addedOutside(time, seq);
        }
        if (this.topRung.accept(time, offset, callback)) return this.addedOutside(time, seq);
      }
    }
    this.heapPush(time, seq, callback);
    if (this.heapCount > this.spillAt) this.spill();
    return seq;
  }

  private addedOutside(time: number, seq: number): number {
    this.outside++;
    if (time < this.horizon) this.setHorizon(time);
    return seq;
  }

  /** Cancels a pending event by handle; unknown handles and repeats are ignored. */
  cancel(handle: number): void {
    if (!(handle >= 0 && handle < this.nextSeq) || this.count === 0) return;
    this.cancelled.add(handle);
    this.fastLimit = -Infinity;
    if (this.cancelled.size > 1024 && this.cancelled.size * 2 > this.count) this.compact();
  }

  /** Time of the earliest live event, or Infinity when none. Drops cancelled entries at the top. */
  peekTime(): number {
    // The common case, small enough to be inlined into the event loop: a live top earlier than all outside.
    if (this.heapCount > 0) {
      const time = this.heapTime[ROOT];
      if (time < this.fastLimit) return time;
    }
    return this.peekSlow();
  }

  private setHorizon(horizon: number): void {
    this.horizon = horizon;
    this.fastLimit = this.cancelled.size === 0 ? horizon : -Infinity;
  }

  private peekSlow(): number {
    const cancelled = this.cancelled;
    for (;;) {
      if (this.heapCount > 0) {
        const time = this.heapTime[ROOT];
        // Earlier than everything outside the heap, or nothing is outside: the heap's top is next.
        if (time < this.horizon || !this.advance()) {
          if (cancelled.size === 0 || !cancelled.delete(this.heapSeq[ROOT])) return time;
          if (cancelled.size === 0) this.fastLimit = this.horizon;
          this.removeTop();
        }
      } else if (!this.advance()) {
        cancelled.clear();
        this.fastLimit = this.horizon;
        return Infinity;
      }
    }
  }

  /** Removes and returns the earliest event's callback. Call only after `peekTime()` returned a finite time. */
  popTop(): EventCallback {
    const callback = this.heapCallback[ROOT] as EventCallback;
    this.removeTop();
    return callback;
  }

  /** Removes the earliest live event and returns its callback, or null when none is left. */
  pop(): EventCallback | null {
    return this.peekTime() === Infinity ? null : this.popTop();
  }

  /**
   * The heap has grown past `spillAt` with nothing outside it: all its events move to the top, their
   * sequence numbers counted from the least of them. If that one is too old for the newest to fit in the
   * offsets (some 4 billion events apart), nothing moves and the next try waits until the heap doubles.
   */
  private spill(): void {
    if (this.topStart !== Infinity) return; // the ladder is in use: the heap may grow
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hc = this.heapCallback;
    const end = ROOT + this.heapCount;
    let least = Infinity;
    for (let i = ROOT; i < end; i++) if (hq[i] < least) least = hq[i];
    if (this.nextSeq - least > this.seqSpan) {
      this.spillAt = 2 * this.heapCount;
      return;
    }
    this.spillAt = this.heapSpill;
    this.seqBase = least;
    for (let i = ROOT; i < end; i++) {
      this.top.append(ht[i], hq[i] - least, hc[i]);
      hc[i] = undefined;
    }
    this.outside += this.heapCount;
    this.heapCount = 0;
    this.topStart = this.ladderStart = this.top.min;
    this.setHorizon(this.top.min);
  }

  /**
   * Brings the earliest events outside the heap into it: the next bucket of the finest rung (loaded, or
   * spread over a finer rung), or else the top laid out as a new top rung. Returns false when nothing is outside.
   */
  private advance(): boolean {
    if (this.rungDepth > 0) {
      const rung = this.rungs[this.rungDepth - 1]; // settle() left `current` on a non-empty bucket
      const b = rung.current++;
      this.place(rung.time, rung.seq, rung.callback, rung.bucketStart[b], rung.bucketStart[b + 1], rung.bucketMin[b], rung.bucketMax[b]);
    } else if (this.topRungActive) {
      const bag = this.topRung.bucket(this.topRung.current++);
      const buckets = bucketsFor(bag.length, bag.min, bag.max, MAX_BUCKETS);
      if (buckets > 0) {
        this.nextRung().fillFromBag(bag, buckets, this.seqBase);
      } else {
        this.outside -= bag.length;
        const base = this.seqBase;
        bag.drain((time, offset, callback) => this.heapInsert(time, base + offset, callback));
      }
    } else if (this.top.length > 0) {
      // What arrives at or after the last event of the top now laid out waits in the (emptied) top.
      const top = this.top;
      this.topStart = this.ladderStart = top.max;
      const buckets = bucketsFor(top.length, top.min, top.max, TOP_BUCKETS);
      if (buckets > 0) {
        this.topRung.fill(top, buckets);
        this.topRungActive = true;
        this.ladderStart = -Infinity;
      } else {
        this.outside -= top.length;
        const base = this.seqBase;
        top.drain((time, offset, callback) => this.heapInsert(time, base + offset, callback));
      }
    } else {
      return false;
    }
    this.settle();
    return true;
  }

  /** Positions from .. to − 1 of the arrays (times within [min, max]) go into the heap, or over a new finer rung. */
  private place(time: Float64Array, seq: Float64Array, callback: Callbacks, from: number, to: number, min: number, max: number): void {
    const buckets = this.rungDepth < MAX_RUNGS ? bucketsFor(to - from, min, max, MAX_BUCKETS) : 0;
    if (buckets > 0) {
      this.nextRung().fill(time, seq, callback, from, to, min, max, buckets);
    } else {
      this.outside -= to - from;
      for (let i = from; i < to; i++) {
        this.heapInsert(time[i], seq[i], callback[i]);
        callback[i] = undefined;
      }
    }
  }

  /** A finer rung to fill, now in use. */
  private nextRung(): Rung {
    if (this.rungs.length === this.rungDepth) this.rungs.push(new Rung());
    return this.rungs[this.rungDepth++];
  }

  /** Moves the rungs past empty buckets, drops spent rungs, and sets `horizon` (and `topStart` when all is in the heap). */
  private settle(): void {
    while (this.rungDepth > 0) {
      const rung = this.rungs[this.rungDepth - 1];
      if (rung.skipEmpty()) {
        this.setHorizon(rung.bucketMin[rung.current]);
        return;
      }
      this.rungDepth--;
    }
    if (this.topRungActive) {
      if (this.topRung.skipEmpty()) {
        this.setHorizon(this.topRung.nextMin);
        return;
      }
      this.topRungActive = false;
      this.ladderStart = this.topStart;
    }
    this.setHorizon(this.top.min);
    if (this.top.length === 0) this.topStart = this.ladderStart = Infinity;
  }

  /** Sift-up with a hole, for a new event: every entry there was scheduled earlier, so an equal time stops the climb. */
  private heapPush(time: number, seq: number, callback: EventCallback): void {
    if (this.heapCount + ROOT === this.heapTime.length) this.growHeap();
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hc = this.heapCallback;
    let i = ROOT + this.heapCount++;
    while (i > ROOT) {
      const parent = (i >> 2) + 2;
      const pt = ht[parent];
      if (pt <= time) break;
      ht[i] = pt;
      hq[i] = hq[parent];
      hc[i] = hc[parent];
      i = parent;
    }
    ht[i] = time;
    hq[i] = seq;
    hc[i] = callback;
  }

  /** Sift-up with a hole, for an event of any age coming from the ladder. */
  private heapInsert(time: number, seq: number, callback: EventCallback | undefined): void {
    if (this.heapCount + ROOT === this.heapTime.length) this.growHeap();
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hc = this.heapCallback;
    let i = ROOT + this.heapCount++;
    while (i > ROOT) {
      const parent = (i >> 2) + 2;
      const pt = ht[parent];
      if (pt < time || (pt === time && hq[parent] < seq)) break;
      ht[i] = pt;
      hq[i] = hq[parent];
      hc[i] = hc[parent];
      i = parent;
    }
    ht[i] = time;
    hq[i] = seq;
    hc[i] = callback;
  }

  private removeTop(): void {
    const end = ROOT + --this.heapCount;
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hc = this.heapCallback;
    const time = ht[end];
    const seq = hq[end];
    const callback = hc[end];
    hc[end] = undefined; // let the closure be collected
    if (end > ROOT) this.siftDown(ROOT, time, seq, callback, end);
  }

  /** Places an entry at or below hole position `i`; the heap ends before position `end`. */
  private siftDown(i: number, time: number, seq: number, callback: EventCallback | undefined, end: number): void {
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hc = this.heapCallback;
    for (;;) {
      const first = 4 * i - 8;
      if (first >= end) break;
      let best = first;
      let bestTime = ht[first];
      const last = first + 4 < end ? first + 4 : end;
      for (let c = first + 1; c < last; c++) {
        const ct = ht[c];
        if (ct < bestTime || (ct === bestTime && hq[c] < hq[best])) {
          best = c;
          bestTime = ct;
        }
      }
      if (time < bestTime || (time === bestTime && seq < hq[best])) break;
      ht[i] = bestTime;
      hq[i] = hq[best];
      hc[i] = hc[best];
      i = best;
    }
    ht[i] = time;
    hq[i] = seq;
    hc[i] = callback;
  }

  /** Drops cancelled entries everywhere and rebuilds the heap bottom-up in O(n). */
  private compact(): void {
    const cancelled = this.cancelled;
    let dropped = 0;
    for (let r = 0; r < this.rungDepth; r++) dropped += this.rungs[r].dropCancelled(cancelled);
    if (this.topRungActive) dropped += this.topRung.dropCancelled(cancelled, this.seqBase);
    dropped += this.top.dropCancelled(cancelled, this.seqBase);
    this.outside -= dropped;
    this.compactHeap();
    cancelled.clear(); // also forgets handles of events that had already run
    this.settle();
  }

  private compactHeap(): number {
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hc = this.heapCallback;
    const end = ROOT + this.heapCount;
    let live = ROOT;
    for (let i = ROOT; i < end; i++) {
      if (this.cancelled.has(hq[i])) continue;
      ht[live] = ht[i];
      hq[live] = hq[i];
      hc[live] = hc[i];
      live++;
    }
    for (let i = live; i < end; i++) hc[i] = undefined;
    const dropped = end - live;
    this.heapCount = live - ROOT;
    // Floyd: sift down every entry with children, from the parent of the last position back to the root.
    if (this.heapCount > 1) for (let p = ((live - 1) >> 2) + 2; p >= ROOT; p--) this.siftDown(p, ht[p], hq[p], hc[p], live);
    return dropped;
  }

  private growHeap(): void {
    const capacity = (this.heapTime.length - ROOT) * 2 + ROOT;
    const time = new Float64Array(capacity);
    time.set(this.heapTime);
    const seq = new Float64Array(capacity);
    seq.set(this.heapSeq);
    this.heapTime = time;
    this.heapSeq = seq;
  }
}
