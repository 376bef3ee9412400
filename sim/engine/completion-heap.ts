/**
 * An indexed binary min-heap of small integer items (the flow network's flow
 * indices) keyed by (time, id): the heap knows each item's position, so its
 * key can be moved up or down, or the item removed, in O(log n) without lazy
 * deletion. The flow network keeps one entry per sending flow (its projected
 * completion time) and schedules a single simulator event for the earliest,
 * instead of cancelling and re-scheduling one event per flow whose rate
 * changes. When a recompute moves most flows' rates (many flows on one
 * bottleneck), their keys are assigned in bulk and the heap is rebuilt in
 * O(n). The pop order depends only on the (time, id) keys, never on the layout.
 *
 * Everything lives in typed arrays (key, id and item per heap position; the
 * position per item), so updates touch no objects.
 */
export class CompletionHeap {
  private keys = new Float64Array(64);
  /** Tie-breaker per heap position: the item's id (unique among items in the heap). */
  private ids = new Float64Array(64);
  private items = new Int32Array(64);
  /** Position of each item in the heap, -1 when not in it. */
  private position = new Int32Array(64).fill(-1);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Earliest key, or Infinity when empty. */
  get topTime(): number {
    return this.count > 0 ? this.keys[0] : Infinity;
  }

  /** The item with the earliest key, -1 when empty. */
  get top(): number {
    return this.count > 0 ? this.items[0] : -1;
  }

  /** Whether the item is in the heap. */
  has(item: number): boolean {
    return item < this.position.length && this.position[item] >= 0;
  }

  /** Inserts the item (a non-negative integer) with tie-breaker `id`, or moves it to its new key. */
  set(item: number, id: number, time: number): void {
    const i = this.has(item) ? this.position[item] : -1;
    if (i < 0) {
      this.up(this.append(item, id, time), time, id, item);
      return;
    }
    const old = this.keys[i];
    if (time < old) this.up(i, time, id, item);
    else if (time > old) this.down(i, time, id, item);
  }

  /**
   * Sets the key of the item (inserting it if absent) without restoring the heap order: for updating a
   * large share of the items at once, then `rebuild()` in O(n) instead of O(log n) per item. Between
   * the two, only `assign` and `unlink` may be called.
   */
  assign(item: number, id: number, time: number): void {
    if (this.has(item)) {
      this.keys[this.position[item]] = time;
      return;
    }
    this.append(item, id, time);
  }

  /** Takes the item out without restoring the heap order (for use between `assign` and `rebuild`). */
  unlink(item: number): void {
    if (!this.has(item)) return;
    const i = this.position[item];
    this.position[item] = -1;
    const last = --this.count;
    if (i === last) return;
    this.place(i, this.keys[last], this.ids[last], this.items[last]);
  }

  /** Restores the heap order after `assign` / `unlink` (Floyd's bottom-up construction, O(n)). */
  rebuild(): void {
    for (let i = (this.count >> 1) - 1; i >= 0; i--) this.down(i, this.keys[i], this.ids[i], this.items[i]);
  }

  /** Removes the item if it is in the heap. */
  remove(item: number): void {
    if (!this.has(item)) return;
    const i = this.position[item];
    this.position[item] = -1;
    const last = --this.count;
    if (i === last) return;
    const time = this.keys[last];
    const id = this.ids[last];
    const moved = this.items[last];
    // The last entry fills the hole: it moves up if it precedes the hole's parent, otherwise down.
    const parent = (i - 1) >> 1;
    if (i > 0 && (time < this.keys[parent] || (time === this.keys[parent] && id < this.ids[parent]))) this.up(i, time, id, moved);
    else this.down(i, time, id, moved);
  }

  /** Adds an entry at the end (no ordering); returns its position. */
  private append(item: number, id: number, time: number): number {
    const n = this.count++;
    if (n === this.keys.length) {
      this.keys = grown(this.keys, new Float64Array(n * 2));
      this.ids = grown(this.ids, new Float64Array(n * 2));
      this.items = grown(this.items, new Int32Array(n * 2));
    }
    if (item >= this.position.length) {
      const position = new Int32Array(Math.max(item + 1, this.position.length * 2)).fill(-1);
      position.set(this.position);
      this.position = position;
    }
    this.place(n, time, id, item);
    return n;
  }

  private place(i: number, time: number, id: number, item: number): void {
    this.keys[i] = time;
    this.ids[i] = id;
    this.items[i] = item;
    this.position[item] = i;
  }

  /** Moves the entry (time, id, item) from hole `i` towards the root to its place. */
  private up(i: number, time: number, id: number, item: number): void {
    const keys = this.keys;
    const ids = this.ids;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = keys[parent];
      if (pt < time || (pt === time && ids[parent] < id)) break;
      this.place(i, pt, ids[parent], this.items[parent]);
      i = parent;
    }
    this.place(i, time, id, item);
  }

  /** Moves the entry (time, id, item) from hole `i` towards the leaves to its place. */
  private down(i: number, time: number, id: number, item: number): void {
    const keys = this.keys;
    const ids = this.ids;
    const n = this.count;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (keys[right] < keys[child] || (keys[right] === keys[child] && ids[right] < ids[child]))) child = right;
      const ct = keys[child];
      if (time < ct || (time === ct && id < ids[child])) break;
      this.place(i, ct, ids[child], this.items[child]);
      i = child;
    }
    this.place(i, time, id, item);
  }
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
