/**
 * An indexed binary min-heap of items keyed by (time, id): each item knows its
 * position, so its key can be moved up or down, or the item removed, in
 * O(log n) without lazy deletion. The flow network keeps one entry per sending
 * flow (its projected completion time) and schedules a single simulator event
 * for the earliest, instead of cancelling and re-scheduling one event per flow
 * whose rate changes. When a recompute moves most flows' rates (many flows on
 * one bottleneck), their keys are assigned in bulk and the heap is rebuilt in
 * O(n). The pop order depends only on the (time, id) keys, never on the layout.
 */
export interface HeapItem {
  readonly id: number;
  /** Position in the heap, -1 when not in it. Owned by the heap. */
  heapPos: number;
}

export class CompletionHeap<T extends HeapItem> {
  private keys = new Float64Array(64);
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Earliest key, or Infinity when empty. */
  get topTime(): number {
    return this.items.length > 0 ? this.keys[0] : Infinity;
  }

  /** The item with the earliest key (undefined when empty). */
  get top(): T | undefined {
    return this.items[0];
  }

  /** Inserts the item or moves it to its new key. */
  set(item: T, time: number): void {
    let i = item.heapPos;
    if (i < 0) {
      i = this.items.length;
      if (i === this.keys.length) {
        const keys = new Float64Array(i * 2);
        keys.set(this.keys);
        this.keys = keys;
      }
      this.items.push(item);
      this.keys[i] = time;
      item.heapPos = i;
      this.up(i);
      return;
    }
    const old = this.keys[i];
    this.keys[i] = time;
    if (time < old) this.up(i);
    else if (time > old) this.down(i);
  }

  /**
   * Sets the key of the item (inserting it if absent) without restoring the heap order: for updating a
   * large share of the items at once, then `rebuild()` in O(n) instead of O(log n) per item. Between
   * the two, only `assign` and `unlink` may be called.
   */
  assign(item: T, time: number): void {
    const i = item.heapPos;
    if (i >= 0) {
      this.keys[i] = time;
      return;
    }
    const n = this.items.length;
    if (n === this.keys.length) {
      const keys = new Float64Array(n * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.items.push(item);
    this.keys[n] = time;
    item.heapPos = n;
  }

  /** Takes the item out without restoring the heap order (for use between `assign` and `rebuild`). */
  unlink(item: T): void {
    const i = item.heapPos;
    if (i < 0) return;
    item.heapPos = -1;
    const last = this.items.length - 1;
    const moved = this.items.pop() as T;
    if (i === last) return;
    this.items[i] = moved;
    this.keys[i] = this.keys[last];
    moved.heapPos = i;
  }

  /** Restores the heap order after `assign` / `unlink` (Floyd's bottom-up construction, O(n)). */
  rebuild(): void {
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** Removes the item if it is in the heap. */
  remove(item: T): void {
    const i = item.heapPos;
    if (i < 0) return;
    item.heapPos = -1;
    const last = this.items.length - 1;
    const moved = this.items.pop() as T;
    if (i === last) return;
    const time = this.keys[last];
    this.items[i] = moved;
    this.keys[i] = time;
    moved.heapPos = i;
    this.up(i);
    this.down(moved.heapPos);
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a];
    const kb = this.keys[b];
    return ka < kb || (ka === kb && this.items[a].id < this.items[b].id);
  }

  private swap(a: number, b: number): void {
    const items = this.items;
    const keys = this.keys;
    const item = items[a];
    items[a] = items[b];
    items[b] = item;
    const key = keys[a];
    keys[a] = keys[b];
    keys[b] = key;
    items[a].heapPos = a;
    items[b].heapPos = b;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      let best = left;
      if (left + 1 < n && this.less(left + 1, left)) best = left + 1;
      if (!this.less(best, i)) break;
      this.swap(i, best);
      i = best;
    }
  }
}
