/**
 * The event queue (heap + ladder) pops exactly the (time, scheduling order) order of a plain sorted list, on
 * random workloads that push, pop and cancel in any interleaving: equal times, huge and tiny times, clusters
 * that force finer rungs, and a heap that spills to the ladder after a handful of events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue';
import { Rng } from './rng';

type Op = { kind: 'push'; time: number } | { kind: 'pop' } | { kind: 'cancel'; pick: number };

/** The reference: pending (time, seq) pairs kept sorted by binary insertion. */
class SortedReference {
  private readonly entries: Array<[number, number]> = [];
  push(time: number, seq: number): void {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const [t, s] = this.entries[mid];
      if (t < time || (t === time && s < seq)) lo = mid + 1;
      else hi = mid;
    }
    this.entries.splice(lo, 0, [time, seq]);
  }
  pop(): [number, number] | undefined {
    return this.entries.shift();
  }
  remove(seq: number): void {
    const i = this.entries.findIndex((e) => e[1] === seq);
    if (i >= 0) this.entries.splice(i, 1);
  }
  get size(): number {
    return this.entries.length;
  }
}

/** Runs the operations on a queue and on the reference; every pop must agree on (time, seq). */
function agree(ops: Op[], heapSpill: number, seqSpan?: number): void {
  const queue = new EventQueue(2, { heapSpill, seqSpan });
  const reference = new SortedReference();
  const handles: number[] = [];
  let ran: [number, number] | null = null;
  const drainOne = () => {
    const time = queue.peekTime();
    const expected = reference.pop();
    if (expected === undefined) {
      expect(time).toBe(Infinity);
      expect(queue.pop()).toBeNull();
      return;
    }
    expect(time).toBe(expected[0]);
    (queue.popTop() as () => void)();
    expect(ran).toEqual(expected);
  };
  for (const op of ops) {
    if (op.kind === 'push') {
      const seq: number = queue.push(op.time, () => {
        ran = [op.time, seq];
      });
      handles.push(seq);
      reference.push(op.time, seq);
    } else if (op.kind === 'pop') {
      drainOne();
    } else if (handles.length > 0) {
      const seq = handles[op.pick % handles.length];
      queue.cancel(seq); // may be an event that already ran: then it must change nothing
      reference.remove(seq);
    }
  }
  while (reference.size > 0) drainOne();
  drainOne();
}

/** Times people schedule and times that stress the bucket arithmetic: ties, clusters, extremes. */
const time = fc.oneof(
  fc.integer({ min: 0, max: 20 }),
  fc.double({ min: 0, max: 1e6, noNaN: true }),
  fc.double({ min: 0, max: 1e-300, noNaN: true }), // subnormal spreads
  fc.double({ min: 1e300, max: 1.7e308, noNaN: true }),
  fc.constantFrom(0, Number.MIN_VALUE, 1e-9, 1, 1 + 2 ** -52, 1.7e308),
);
/** Runs of pushes, pops and cancels, long enough that the top holds hundreds of events when it is laid out. */
const ops: fc.Arbitrary<Op[]> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.array(time, { maxLength: 600 }).map((ts) => ts.map((t): Op => ({ kind: 'push', time: t }))) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 300 }).map((n) => Array.from({ length: n }, (): Op => ({ kind: 'pop' }))) },
      { weight: 1, arbitrary: fc.array(fc.nat(), { maxLength: 300 }).map((picks) => picks.map((pick): Op => ({ kind: 'cancel', pick }))) },
    ),
    { maxLength: 12 },
  )
  .map((runs) => runs.flat());

describe('event queue against a sorted list', () => {
  it('any interleaving of pushes, pops and cancels, heap spilling after 0 to 64 events (property)', () => {
    fc.assert(
      fc.property(ops, fc.constantFrom(0, 3, 64, 1 << 16), (list, spill) => agree(list, spill)),
      { numRuns: 200 },
    );
  });

  it('events whose sequence numbers do not fit the bags\' offsets go to the heap, in the same order (property)', () => {
    // The span is 2^32 in use; small spans here put old events in the heap beside the ladder and make
    // spills fail and back off.
    fc.assert(
      fc.property(ops, fc.constantFrom(0, 8), fc.constantFrom(1, 50, 700), (list, spill, span) => agree(list, spill, span)),
      { numRuns: 200 },
    );
  });

  it('an event scheduled at the time of one waiting in a rung runs after it: ties across heap and rungs (property)', () => {
    // Few distinct times, so that most events tie: a burst is laid over the ladder, then later events at
    // the same times go to the heap while their elders wait in buckets.
    const tied = fc.integer({ min: 0, max: 30 });
    const pushes = (n: number) => fc.array(tied, { minLength: n, maxLength: 2 * n }).map((ts) => ts.map((t): Op => ({ kind: 'push', time: t })));
    const mixed = fc.array(fc.oneof(tied.map((t): Op => ({ kind: 'push', time: t })), fc.constant<Op>({ kind: 'pop' })), { maxLength: 3000 });
    fc.assert(
      fc.property(pushes(200), mixed, fc.constantFrom(0, 8), (burst, rest, spill) => agree([...burst, { kind: 'pop' }, ...rest], spill)),
      { numRuns: 60 },
    );
  });

  it('an event far earlier than a narrow first rung, scheduled after it is laid out, still runs first', () => {
    // (t − min) · scale is then far below −2^31, where truncating to an integer bucket would wrap around.
    for (const [gap, width] of [
      [1e9, 1e-3],
      [3e9, 1e-3],
      [1e12, 1],
      [5, 1e-12],
    ]) {
      const list: Op[] = [];
      for (let i = 0; i <= 2000; i++) list.push({ kind: 'push', time: gap + (width * i) / 2000 });
      list.push({ kind: 'pop' }, { kind: 'push', time: 0 }, { kind: 'push', time: gap + width / 2 }, { kind: 'pop' }, { kind: 'pop' });
      agree(list, 0);
    }
  });

  it('large bursts, clusters and equal times go through the top rung and finer rungs (property)', () => {
    // Seeded bulk workloads: a burst of pushes (clustered so that buckets overflow into finer rungs), then
    // a hold phase where each pop schedules a later event, with cancels and repeated times mixed in.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(16, 1 << 10, 1 << 16), (seed, spill) => {
        const rng = new Rng(seed);
        const ops: Op[] = [];
        const burst = 2000 + rng.int(6000);
        for (let i = 0; i < burst; i++) {
          const r = rng.next();
          const t = r < 0.5 ? rng.next() * 1e-6 : r < 0.7 ? rng.int(4) : r < 0.9 ? rng.next() * 1e3 : 1e3 * rng.exponential(0.01);
          ops.push({ kind: 'push', time: t });
        }
        let now = 0;
        for (let i = 0; i < 4000; i++) {
          const r = rng.next();
          if (r < 0.45) ops.push({ kind: 'pop' });
          else if (r < 0.9) ops.push({ kind: 'push', time: (now += rng.exponential(10)) * (rng.next() < 0.1 ? 1 : 1.5) });
          else ops.push({ kind: 'cancel', pick: rng.int(1 << 30) });
        }
        agree(ops, spill);
      }),
      { numRuns: 12 },
    );
  });

  it('cancelling most events compacts the heap, the rungs and the top alike and keeps the order (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const rng = new Rng(seed);
        // A thousand events come and go first, so the ladder's sequence numbers count from a base far from 0.
        const list: Op[] = Array.from({ length: 2000 }, (_, i): Op => (i % 2 === 0 ? { kind: 'push', time: 0 } : { kind: 'pop' }));
        const clustered = () => {
          const r = rng.next();
          return r < 0.3 ? rng.next() * 1e-3 : r < 0.45 ? rng.int(50) : rng.next() * 100;
        };
        for (let i = 0; i < 6000; i++) list.push({ kind: 'push', time: clustered() });
        for (let i = 0; i < 50; i++) list.push({ kind: 'pop' }); // lays the top out over rungs
        for (let i = 0; i < 3000; i++) list.push({ kind: 'push', time: 100 + rng.next() * 100 }); // a new top
        for (let i = 0; i < 7000; i++) {
          const r = rng.next();
          // Pops, and pushes between the rungs' events, see the horizon that compaction leaves.
          list.push(r < 0.05 ? { kind: 'pop' } : r < 0.1 ? { kind: 'push', time: clustered() } : { kind: 'cancel', pick: rng.int(1 << 30) });
        }
        agree(list, 16);
      }),
      { numRuns: 8 },
    );
  });

  it('a heap past the spill size hands its events to the ladder and still pops 100,000 events in order', () => {
    const queue = new EventQueue();
    const rng = new Rng(5);
    const times = Array.from({ length: 100_000 }, (_, i) => (i % 7 === 0 ? 42 : rng.next() * 1e4));
    const order: number[] = [];
    times.forEach((t, i) => queue.push(t, () => order.push(i)));
    expect(queue.size).toBe(times.length);
    while (queue.peekTime() !== Infinity) (queue.popTop() as () => void)();
    const expected = times.map((t, i) => [t, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((p) => p[1]);
    expect(order).toEqual(expected);
    expect(queue.size).toBe(0);
  });
});
