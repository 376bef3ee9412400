/**
 * Decoding requests ordered by the iteration at which they finish, so an
 * iteration costs O(finishing · log n) instead of touching every request.
 */
import type { ServingRequest } from './request';

export class FinishHeap {
  readonly items: ServingRequest[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): ServingRequest | undefined {
    return this.items[0];
  }

  push(r: ServingRequest): void {
    const a = this.items;
    a.push(r);
    this.up(a.length - 1);
  }

  pop(): ServingRequest | undefined {
    return this.removeAt(0);
  }

  removeAt(i: number): ServingRequest | undefined {
    const a = this.items;
    if (i >= a.length) return undefined;
    const top = a[i];
    const last = a.pop()!;
    if (i < a.length) {
      a[i] = last;
      this.down(i);
      this.up(i);
    }
    return top;
  }

  private less(x: ServingRequest, y: ServingRequest): boolean {
    return x.finishIteration < y.finishIteration || (x.finishIteration === y.finishIteration && x.id < y.id);
  }

  private up(i: number): void {
    const a = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  private down(i: number): void {
    const a = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && this.less(a[l], a[m])) m = l;
      if (r < a.length && this.less(a[r], a[m])) m = r;
      if (m === i) return;
      [a[i], a[m]] = [a[m], a[i]];
      i = m;
    }
  }
}
