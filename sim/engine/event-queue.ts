/**
 * The future-event list: a 4-ary min-heap keyed by (time, scheduling order).
 *
 * Layout is struct-of-arrays so that scheduling and popping allocate nothing per
 * event: each heap position holds the event's time (Float64Array), its
 * scheduling sequence number (Float64Array; the tie-breaker, so events at equal
 * times run in the order they were scheduled, and also the event's handle) and
 * its callback (a plain array moved alongside). A 4-ary heap is half as deep as
 * a binary one and its four children sit next to each other in memory, which
 * pays off on the pops of large queues.
 *
 * Cancellation is lazy: the handle goes into a set and the entry is dropped
 * when it reaches the top. When cancelled entries outnumber live ones the heap
 * is compacted in O(n) (Floyd's bottom-up heap construction), so rescheduling
 * many times (flow completions) cannot grow the heap without bound. Internal
 * users cancel only pending events; a handle of an event that already ran is
 * ignored if it is newer than any issued, and otherwise costs a set entry until
 * the next compaction or until the queue empties.
 */

export type EventCallback = () => void;

export class EventQueue {
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  private heapCallback: (EventCallback | undefined)[] = [];
  /** Number of entries in the heap, including cancelled ones. */
  private count = 0;
  private nextSeq = 0;
  private readonly cancelled = new Set<number>();

  constructor(initialCapacity = 1024) {
    this.heapTime = new Float64Array(initialCapacity);
    this.heapSeq = new Float64Array(initialCapacity);
  }

  /** Events waiting that have not been cancelled. */
  get size(): number {
    return Math.max(0, this.count - this.cancelled.size);
  }

  /** Adds an event; returns its handle for `cancel`. `time` must already be validated. */
  push(time: number, callback: EventCallback): number {
    if (this.count === this.heapTime.length) this.grow();
    const seq = this.nextSeq++;
    // Sift up with a hole. Every entry already there was scheduled earlier, so an equal time stops the climb.
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hc = this.heapCallback;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
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
    return seq;
  }

  /** Cancels a pending event by handle; unknown handles and repeats are ignored. */
  cancel(handle: number): void {
    if (!(handle >= 0 && handle < this.nextSeq) || this.count === 0) return;
    this.cancelled.add(handle);
    if (this.cancelled.size > 1024 && this.cancelled.size * 2 > this.count) this.compact();
  }

  /** Time of the earliest live event, or Infinity when none. Drops cancelled entries at the top. */
  peekTime(): number {
    const cancelled = this.cancelled;
    while (this.count > 0) {
      if (cancelled.size === 0 || !cancelled.delete(this.heapSeq[0])) return this.heapTime[0];
      this.removeTop();
    }
    cancelled.clear();
    return Infinity;
  }

  /** Removes and returns the earliest event's callback. Call only after `peekTime()` returned a finite time. */
  popTop(): EventCallback {
    const callback = this.heapCallback[0] as EventCallback;
    this.removeTop();
    return callback;
  }

  /** Removes the earliest live event and returns its callback, or null when none is left. */
  pop(): EventCallback | null {
    return this.peekTime() === Infinity ? null : this.popTop();
  }

  private removeTop(): void {
    const n = --this.count;
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hc = this.heapCallback;
    const time = ht[n];
    const seq = hq[n];
    const callback = hc[n];
    hc[n] = undefined; // let the closure be collected
    if (n > 0) this.siftDown(0, time, seq, callback, n);
  }

  /** Places an entry at or below hole `i` of a heap of `n` entries. */
  private siftDown(i: number, time: number, seq: number, callback: EventCallback | undefined, n: number): void {
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hc = this.heapCallback;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let best = first;
      let bestTime = ht[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
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

  /** Drops cancelled entries and rebuilds the heap bottom-up in O(n). */
  private compact(): void {
    const ht = this.heapTime;
    const hq = this.heapSeq;
    const hc = this.heapCallback;
    const cancelled = this.cancelled;
    let live = 0;
    for (let i = 0; i < this.count; i++) {
      if (cancelled.has(hq[i])) continue;
      ht[live] = ht[i];
      hq[live] = hq[i];
      hc[live] = hc[i];
      live++;
    }
    for (let i = live; i < this.count; i++) hc[i] = undefined;
    this.count = live;
    cancelled.clear(); // also forgets handles of events that had already run
    for (let start = (live - 2) >> 2; start >= 0; start--) this.siftDown(start, ht[start], hq[start], hc[start], live);
  }

  private grow(): void {
    const capacity = this.heapTime.length * 2;
    const time = new Float64Array(capacity);
    time.set(this.heapTime);
    const seq = new Float64Array(capacity);
    seq.set(this.heapSeq);
    this.heapTime = time;
    this.heapSeq = seq;
  }
}
