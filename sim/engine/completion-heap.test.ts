/** The flow network's completion heap: single and bulk key updates give the same (time, id) pop order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompletionHeap } from './completion-heap';

/** Applies updates (a time, or null to remove) one by one or in bulk, then pops everything. */
function popOrder(updates: Array<[number, number | null]>, items: number, bulk: boolean): number[] {
  // Item i has id 1000 - i, so the tie-break order (by id) is not the item order.
  const heap = new CompletionHeap();
  for (const [index, time] of updates) {
    const item = index % items;
    if (bulk) {
      if (time === null) heap.unlink(item);
      else heap.assign(item, 1000 - item, time);
    } else if (time === null) heap.remove(item);
    else heap.set(item, 1000 - item, time);
  }
  if (bulk) heap.rebuild();
  const order: number[] = [];
  while (heap.size > 0) {
    const top = heap.top;
    order.push(top);
    heap.remove(top);
  }
  expect(heap.topTime).toBe(Infinity);
  return order;
}

describe('completion heap', () => {
  it('bulk assignment then rebuild pops in (time, id) order, as one-by-one updates do (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.tuple(fc.nat(1000), fc.option(fc.integer({ min: 0, max: 20 }), { nil: null })), { maxLength: 600 }),
        (items, updates) => {
          const single = popOrder(updates, items, false);
          const bulk = popOrder(updates, items, true);
          expect(bulk).toEqual(single);
          // And that order is the (time, id) order of the final keys (id = 1000 - item).
          const last = new Map<number, number | null>();
          for (const [index, time] of updates) last.set(index % items, time);
          const expected = [...last.entries()]
            .filter((e): e is [number, number] => e[1] !== null)
            .sort((a, b) => a[1] - b[1] || b[0] - a[0])
            .map((e) => e[0]);
          expect(single).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
