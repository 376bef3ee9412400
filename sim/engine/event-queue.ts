/**
 * The future-event list: a 4-ary min-heap keyed by (time, scheduling order).
 *
 * Layout is struct-of-arrays so that scheduling and popping allocate nothing per
 * event: the heap holds event times (Float64Array) and slot numbers (Int32Array);
 * a slot holds the callback, its scheduling sequence number (the tie-breaker, so
 * events at the same time run in the order they were scheduled; read only on
 * equal times) and a generation counter that makes handles of reused slots
 * stale. A 4-ary heap is half as deep as a binary one, and its four children
 * share a cache line or two, which pays off on the pops of large queues.
 *
 * Cancellation is lazy: the slot's callback is cleared and the heap entry is
 * skipped when it reaches the top. When more than half the heap is cancelled
 * entries it is compacted in O(n) (Floyd's heap construction), so rescheduling
 * many times (flow completions) cannot grow the heap without bound.
 */

/** Slots per generation in a handle: handle = generation * SLOT_SPAN + slot. */
const SLOT_SPAN = 2 ** 26;

export type EventCallback = () => void;

export class EventQueue {
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  /** Number of entries in the heap, including cancelled ones. */
  private count = 0;
  private cancelledCount = 0;

  private callbacks: (EventCallback | null)[] = [];
  private slotSeq: Float64Array;
  private slotGeneration: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    this.heapTime = new Float64Array(initialCapacity);
    this.heapSlot = new Int32Array(initialCapacity);
    this.slotSeq = new Float64Array(initialCapacity);
    this.slotGeneration = new Float64Array(initialCapacity);
    this.freeSlots = new Int32Array(initialCapacity);
  }

  /** Live (not cancelled) events waiting. */
  get size(): number {
    return this.count - this.cancelledCount;
  }

  /** Adds an event; returns a handle for `cancel`. `time` must already be validated. */
  push(time: number, callback: EventCallback): number {
    let slot: number;
    if (this.freeCount > 0) {
      slot = this.freeSlots[--this.freeCount];
    } else {
      slot = this.slotCount++;
      if (slot >= SLOT_SPAN) throw new Error(`event queue: more than ${SLOT_SPAN} pending events`);
      if (slot >= this.slotGeneration.length) this.growSlots();
    }
    this.callbacks[slot] = callback;
    const seq = this.nextSeq++;
    this.slotSeq[slot] = seq;
    if (this.count === this.heapTime.length) this.growHeap();
    // Sift up with a hole: move parents down until the new entry's place is found.
    // A later-scheduled event never goes above an equal-time one, so ties need no sequence lookup here.
    const ht = this.heapTime;
    const hs = this.heapSlot;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = ht[parent];
      if (pt <= time) break;
      ht[i] = pt;
      hs[i] = hs[parent];
      i = parent;
    }
    ht[i] = time;
    hs[i] = slot;
    return this.slotGeneration[slot] * SLOT_SPAN + slot;
  }

  /** Cancels a pending event; a stale or unknown handle is ignored. Returns whether it cancelled. */
  cancel(handle: number): boolean {
    const generation = Math.floor(handle / SLOT_SPAN);
    const slot = handle - generation * SLOT_SPAN;
    if (slot < 0 || slot >= this.slotCount) return false;
    if (this.slotGeneration[slot] !== generation || this.callbacks[slot] === null) return false;
    this.callbacks[slot] = null;
    this.cancelledCount++;
    if (this.cancelledCount > 1024 && this.cancelledCount * 2 > this.count) this.compact();
    return true;
  }

  /** Time of the earliest live event, or Infinity when none. Drops cancelled entries at the top. */
  peekTime(): number {
    while (this.count > 0) {
      if (this.callbacks[this.heapSlot[0]] !== null) return this.heapTime[0];
      this.removeTop();
      this.cancelledCount--;
    }
    return Infinity;
  }

  /**
   * Removes the earliest live event and returns its callback (null when empty).
   * Its time is what `peekTime()` returned just before; callers read it there.
   */
  pop(): EventCallback | null {
    while (this.count > 0) {
      const callback = this.callbacks[this.heapSlot[0]];
      this.removeTop();
      if (callback !== null) return callback;
      this.cancelledCount--;
    }
    return null;
  }

  /** Removes the top entry and frees its slot (bumping the generation so old handles go stale). */
  private removeTop(): void {
    const topSlot = this.heapSlot[0];
    this.callbacks[topSlot] = null;
    this.slotGeneration[topSlot]++;
    this.freeSlots[this.freeCount++] = topSlot;
    const n = --this.count;
    if (n === 0) return;
    this.siftDown(0, this.heapTime[n], this.heapSlot[n], n);
  }

  /** Places (time, slot) at or below hole `i` of a heap of `n` entries. */
  private siftDown(i: number, time: number, slot: number, n: number): void {
    const ht = this.heapTime;
    const hs = this.heapSlot;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // Smallest of up to four children.
      let best = first;
      let bestTime = ht[first];
      const last = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < last; c++) {
        const ct = ht[c];
        if (ct < bestTime || (ct === bestTime && this.slotSeq[hs[c]] < this.slotSeq[hs[best]])) {
          best = c;
          bestTime = ct;
        }
      }
      if (time < bestTime || (time === bestTime && this.slotSeq[slot] < this.slotSeq[hs[best]])) break;
      ht[i] = bestTime;
      hs[i] = hs[best];
      i = best;
    }
    ht[i] = time;
    hs[i] = slot;
  }

  /** Drops cancelled entries and rebuilds the heap bottom-up in O(n). */
  private compact(): void {
    const ht = this.heapTime;
    const hs = this.heapSlot;
    let live = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = hs[i];
      if (this.callbacks[slot] === null) {
        this.slotGeneration[slot]++;
        this.freeSlots[this.freeCount++] = slot;
        continue;
      }
      ht[live] = ht[i];
      hs[live] = slot;
      live++;
    }
    this.count = live;
    this.cancelledCount = 0;
    for (let start = (live - 2) >> 2; start >= 0; start--) this.siftDown(start, ht[start], hs[start], live);
  }

  private growHeap(): void {
    const capacity = this.heapTime.length * 2;
    const time = new Float64Array(capacity);
    time.set(this.heapTime);
    const slot = new Int32Array(capacity);
    slot.set(this.heapSlot);
    this.heapTime = time;
    this.heapSlot = slot;
  }

  private growSlots(): void {
    const capacity = this.slotGeneration.length * 2;
    const generation = new Float64Array(capacity);
    generation.set(this.slotGeneration);
    const seq = new Float64Array(capacity);
    seq.set(this.slotSeq);
    const free = new Int32Array(capacity);
    free.set(this.freeSlots);
    this.slotGeneration = generation;
    this.slotSeq = seq;
    this.freeSlots = free;
  }
}
