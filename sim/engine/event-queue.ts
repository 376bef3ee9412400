/**
 * The future-event list: a binary min-heap keyed by (time, scheduling order).
 *
 * Layout is struct-of-arrays so that scheduling and popping allocate nothing per
 * event: the heap holds event times (Float64Array) and slot numbers (Int32Array);
 * a slot holds the callback, its scheduling sequence number (the tie-breaker, so
 * events at the same time run in the order they were scheduled) and a generation
 * counter that makes handles of reused slots stale.
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
  private heapSeq: Float64Array;
  /** Number of entries in the heap, including cancelled ones. */
  private count = 0;
  private cancelledCount = 0;

  private callbacks: (EventCallback | null)[] = [];
  private slotGeneration: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    this.heapTime = new Float64Array(initialCapacity);
    this.heapSlot = new Int32Array(initialCapacity);
    this.heapSeq = new Float64Array(initialCapacity);
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
    if (this.count === this.heapTime.length) this.growHeap();
    const seq = this.nextSeq++;
    // Sift up with a hole: move parents down until the new entry's place is found.
    const ht = this.heapTime;
    const hs = this.heapSlot;
    const hq = this.heapSeq;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = ht[parent];
      if (pt < time || (pt === time && hq[parent] < seq)) break;
      ht[i] = pt;
      hs[i] = hs[parent];
      hq[i] = hq[parent];
      i = parent;
    }
    ht[i] = time;
    hs[i] = slot;
    hq[i] = seq;
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
    const ht = this.heapTime;
    const hs = this.heapSlot;
    const hq = this.heapSeq;
    const topSlot = hs[0];
    this.callbacks[topSlot] = null;
    this.slotGeneration[topSlot]++;
    this.freeSlots[this.freeCount++] = topSlot;
    const n = --this.count;
    if (n === 0) return;
    const time = ht[n];
    const slot = hs[n];
    const seq = hq[n];
    // Sift down with a hole from the root.
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = ht[child];
      const right = child + 1;
      if (right < n) {
        const rt = ht[right];
        if (rt < ct || (rt === ct && hq[right] < hq[child])) {
          child = right;
          ct = rt;
        }
      }
      if (time < ct || (time === ct && seq < hq[child])) break;
      ht[i] = ct;
      hs[i] = hs[child];
      hq[i] = hq[child];
      i = child;
    }
    ht[i] = time;
    hs[i] = slot;
    hq[i] = seq;
  }

  /** Drops cancelled entries and rebuilds the heap bottom-up in O(n). */
  private compact(): void {
    const ht = this.heapTime;
    const hs = this.heapSlot;
    const hq = this.heapSeq;
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
      hq[live] = hq[i];
      live++;
    }
    this.count = live;
    this.cancelledCount = 0;
    for (let start = (live >> 1) - 1; start >= 0; start--) this.siftDownFrom(start);
  }

  private siftDownFrom(start: number): void {
    const ht = this.heapTime;
    const hs = this.heapSlot;
    const hq = this.heapSeq;
    const n = this.count;
    const time = ht[start];
    const slot = hs[start];
    const seq = hq[start];
    let i = start;
    while (2 * i + 1 < n) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < n && (ht[right] < ht[child] || (ht[right] === ht[child] && hq[right] < hq[child]))) child = right;
      if (time < ht[child] || (time === ht[child] && seq < hq[child])) break;
      ht[i] = ht[child];
      hs[i] = hs[child];
      hq[i] = hq[child];
      i = child;
    }
    ht[i] = time;
    hs[i] = slot;
    hq[i] = seq;
  }

  private growHeap(): void {
    const capacity = this.heapTime.length * 2;
    const time = new Float64Array(capacity);
    time.set(this.heapTime);
    const slot = new Int32Array(capacity);
    slot.set(this.heapSlot);
    const seq = new Float64Array(capacity);
    seq.set(this.heapSeq);
    this.heapTime = time;
    this.heapSlot = slot;
    this.heapSeq = seq;
  }

  private growSlots(): void {
    const capacity = this.slotGeneration.length * 2;
    const generation = new Float64Array(capacity);
    generation.set(this.slotGeneration);
    const free = new Int32Array(capacity);
    free.set(this.freeSlots);
    this.slotGeneration = generation;
    this.freeSlots = free;
  }
}
