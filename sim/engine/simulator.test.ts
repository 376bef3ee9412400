/** The event loop: ordering, determinism, cancellation, input errors and run limits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, RunLimitError, Simulator } from './index';

describe('event queue', () => {
  it('pops in (time, scheduling order) for any sequence of times (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const queue = new EventQueue(4);
        const popped: number[] = [];
        times.forEach((t, i) => queue.push(t, () => popped.push(i)));
        while (queue.peekTime() !== Infinity) (queue.pop() as () => void)();
        const expected = times.map((t, i) => [t, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((p) => p[1]);
        expect(popped).toEqual(expected);
      }),
    );
  });

  it('cancelled events never run, survive compaction, and stale handles are ignored', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.boolean()), { maxLength: 5000 }), (events) => {
        const queue = new EventQueue(2);
        const ran: number[] = [];
        const handles = events.map(([t], i) => queue.push(t, () => ran.push(i)));
        events.forEach(([, cancel], i) => cancel && queue.cancel(handles[i]));
        const kept = events.map((e, i) => [e[0], i] as const).filter((_, i) => !events[i][1]);
        expect(queue.size).toBe(kept.length);
        while (queue.peekTime() !== Infinity) (queue.pop() as () => void)();
        expect(ran).toEqual(kept.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((k) => k[1]));
        // Handles of events that already ran do not cancel newer events.
        const fresh = queue.push(1, () => ran.push(-1));
        handles.forEach((h) => queue.cancel(h));
        queue.cancel(fresh + 1); // never issued
        expect(handles).not.toContain(fresh);
        (queue.pop() as () => void)();
        expect(ran[ran.length - 1]).toBe(-1);
      }),
      { numRuns: 50 },
    );
  });
});

describe('Simulator', () => {
  it('advances the clock to each event and counts events', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    sim.schedule(2, () => seen.push(sim.now));
    sim.schedule(1, () => {
      seen.push(sim.now);
      sim.schedule(0.5, () => seen.push(sim.now));
    });
    sim.scheduleAt(3, () => seen.push(sim.now));
    sim.run();
    expect(seen).toEqual([1, 1.5, 2, 3]);
    expect(sim.eventsProcessed).toBe(4);
  });

  it('the same seed gives the same event trace byte for byte; another seed does not', () => {
    const trace = (seed: number) => {
      const sim = new Simulator({ seed });
      const lines: string[] = [];
      const spawn = (depth: number) => {
        lines.push(`${sim.now.toPrecision(17)} ${depth} ${sim.rng.next()}`);
        if (depth < 12) for (let k = 0; k < 2; k++) sim.schedule(sim.rng.exponential(1), () => spawn(depth + 1));
      };
      sim.schedule(0, () => spawn(0));
      sim.process(function* () {
        for (let i = 0; i < 100; i++) {
          yield sim.rng.uniform(0, 2);
          lines.push(`p ${sim.now.toPrecision(17)}`);
        }
      });
      sim.run();
      return lines.join('\n');
    };
    expect(trace(7)).toBe(trace(7));
    expect(trace(7)).not.toBe(trace(8));
  });

  it('cancel stops an event; cancelling twice or after it ran is harmless', () => {
    const sim = new Simulator();
    const ran: string[] = [];
    const a = sim.schedule(1, () => ran.push('a'));
    const b = sim.schedule(2, () => ran.push('b'));
    sim.cancel(a);
    sim.cancel(a);
    sim.run();
    sim.cancel(b);
    expect(ran).toEqual(['b']);
  });

  it('rejects NaN, negative and infinite delays with a clear error', () => {
    const sim = new Simulator();
    expect(() => sim.schedule(NaN, () => {})).toThrow(/delay must be a finite number of seconds >= 0, got NaN/);
    expect(() => sim.schedule(-1, () => {})).toThrow(/got -1/);
    expect(() => sim.schedule(Infinity, () => {})).toThrow(/got Infinity/);
    sim.schedule(5, () => {});
    sim.run();
    expect(() => sim.scheduleAt(4, () => {})).toThrow(/not before now \(5 s\)/);
    const bad = sim.process(function* () {
      yield NaN;
    });
    expect(() => sim.run()).toThrow(/got NaN/);
    expect(bad.isAlive).toBe(true);
  });

  it('stops at the event limit with a RunLimitError that says what to change', () => {
    const sim = new Simulator({ maxEvents: 200_000 });
    const tick = () => sim.schedule(1, tick);
    tick();
    let error: unknown;
    try {
      sim.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunLimitError);
    expect((error as Error).message).toBe(
      'stopped after 200,000 events: the event limit; raise limits.maxEvents or shorten the horizon',
    );
  });

  it('stops at the wall-time limit', () => {
    const sim = new Simulator({ maxWallS: 0.05 });
    const tick = () => sim.schedule(1, tick);
    tick();
    expect(() => sim.run()).toThrow(/wall-time limit; raise limits.maxWallS/);
  });

  it('stops at the memory limit, read through the heap probe every few thousand events', () => {
    // A fake heap that grows 1 MiB per probe reading: 4.1 GiB is passed on the 4,199th reading.
    let readings = 0;
    const probe = () => ++readings * 2 ** 20;
    const sim = new Simulator({ maxHeapBytes: 4.1 * 2 ** 30, heapProbe: probe });
    let ticks = 0;
    const tick = () => {
      ticks++;
      sim.schedule(1, tick);
    };
    tick();
    let error: unknown;
    try {
      sim.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunLimitError);
    expect((error as Error).message).toMatch(/^stopped at 4\.1 GiB of heap: the memory limit \(4\.1 GiB\); .*raise limits\.maxHeapBytes/);
    expect(readings).toBe(Math.floor(4.1 * 1024) + 1);
    expect(sim.eventsProcessed).toBe(readings * 4096); // read once per 4,096 events, not per event
    expect(ticks).toBe(sim.eventsProcessed + 1); // the first tick ran before the run
  });

  it('a run under its memory limit, or without a probe, is not stopped', () => {
    const small = new Simulator({ maxHeapBytes: 2 ** 30, heapProbe: () => 2 ** 29 });
    const none = new Simulator({ maxHeapBytes: 1, heapProbe: null });
    for (const sim of [small, none]) {
      let n = 0;
      const tick = () => {
        if (++n < 20_000) sim.schedule(1, tick);
      };
      tick();
      sim.run();
      expect(n).toBe(20_000);
    }
    expect(() => new Simulator({ maxHeapBytes: 0 })).toThrow(/maxHeapBytes must be > 0/);
  });

  it('run(until) stops at a time and leaves later events; run({ condition }) stops when it holds; stop() ends the run', () => {
    const sim = new Simulator();
    let count = 0;
    const tick = () => {
      count++;
      sim.schedule(1, tick);
    };
    sim.schedule(1, tick);
    sim.run(10.5);
    expect(sim.now).toBe(10.5);
    expect(count).toBe(10);
    sim.run({ condition: () => count >= 15 });
    expect(count).toBe(15);
    expect(sim.now).toBe(15);
    sim.schedule(0.25, () => sim.stop());
    sim.run();
    expect(sim.now).toBe(15.25);
    expect(() => sim.run(3)).toThrow(/not before now/);
  });

  it('end-of-instant hooks run after every event at that time and before the clock advances', () => {
    const sim = new Simulator();
    const log: string[] = [];
    sim.schedule(1, () => {
      log.push('a');
      sim.atEndOfInstant(() => log.push(`hook@${sim.now}`));
      sim.schedule(0, () => log.push('b'));
    });
    sim.schedule(2, () => log.push('c'));
    sim.run();
    expect(log).toEqual(['a', 'b', 'hook@1', 'c']);
  });
});
