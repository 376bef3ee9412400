/** Processes, signals, conditions, interrupts, resources and stores. */
import { describe, expect, it } from 'vitest';
import { Interrupt, Preempted, Resource, Simulator, Store, type ResourceRequest } from './index';

describe('processes', () => {
  it('wait on numbers and timeouts; a timeout counts from its creation', () => {
    const sim = new Simulator();
    const times: number[] = [];
    sim.process(function* () {
      yield 1.5;
      times.push(sim.now);
      const t = sim.timeout(3);
      yield 1;
      times.push(sim.now);
      yield t;
      times.push(sim.now);
    });
    sim.run();
    expect(times).toEqual([1.5, 2.5, 4.5]);
  });

  it('wait on signals and receive their value; an already fired signal continues at once', () => {
    const sim = new Simulator();
    const ready = sim.signal<string>();
    const got: Array<[string, number]> = [];
    sim.process(function* () {
      const v = (yield ready) as string;
      got.push([v, sim.now]);
      const again = (yield ready) as string;
      got.push([again, sim.now]);
    });
    sim.schedule(4, () => ready.fire('go'));
    sim.run();
    expect(got).toEqual([
      ['go', 4],
      ['go', 4],
    ]);
    expect(() => ready.fire('twice')).toThrow(/already fired/);
  });

  it('wait for another process and get its return value', () => {
    const sim = new Simulator();
    const child = sim.process(function* () {
      yield 2;
      return 'child result';
    });
    let seen: unknown;
    sim.process(function* () {
      seen = yield child;
    });
    sim.run();
    expect(seen).toBe('child result');
    expect(child.result).toBe('child result');
    expect(sim.now).toBe(2);
  });

  it('allOf waits for the last and gives every value; anyOf gives the first', () => {
    const sim = new Simulator();
    const s = sim.signal<number>();
    sim.schedule(3, () => s.fire(9));
    const p = sim.process(function* () {
      yield 5;
      return 'p';
    });
    let all: unknown;
    let allAt = NaN;
    let any: unknown;
    let anyAt = NaN;
    sim.process(function* () {
      any = yield sim.anyOf([p, s, 4]);
      anyAt = sim.now;
      all = yield sim.allOf([p, s, 1]);
      allAt = sim.now;
    });
    sim.run();
    expect(any).toEqual({ index: 1, value: 9 });
    expect(anyAt).toBe(3);
    expect(all).toEqual(['p', 9, undefined]);
    expect(allAt).toBe(5);
  });

  it('a failing child throws into the process waiting for it; an unwatched failure ends run()', () => {
    const sim = new Simulator();
    const child = sim.process(function* () {
      yield 1;
      throw new Error('disk full');
    });
    let caught = '';
    sim.process(function* () {
      try {
        yield child;
      } catch (error) {
        caught = (error as Error).message;
      }
    });
    sim.run();
    expect(caught).toBe('disk full');
    const lonely = new Simulator();
    lonely.process(function* () {
      yield 1;
      throw new Error('nobody listens');
    });
    expect(() => lonely.run()).toThrow('nobody listens');
  });

  it('interrupt throws inside the process at its yield, with the reason; the old wait is forgotten', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const worker = sim.process(function* () {
      try {
        yield 10;
        log.push('finished');
      } catch (error) {
        expect(error).toBeInstanceOf(Interrupt);
        log.push(`interrupted at ${sim.now} because ${(error as Interrupt).reason}`);
      }
      yield 1;
      log.push(`resumed at ${sim.now}`);
    });
    sim.schedule(3, () => worker.interrupt('node failure'));
    sim.run();
    expect(log).toEqual(['interrupted at 3 because node failure', 'resumed at 4']);
    expect(sim.now).toBe(4); // the abandoned 10 s timeout did not resume it
    expect(() => worker.interrupt()).toThrow(/already finished/);
  });

  it('yielding something that is not an event is a clear error inside the process', () => {
    const sim = new Simulator();
    let message = '';
    sim.process(function* () {
      try {
        yield 'soon' as never;
      } catch (error) {
        message = (error as Error).message;
      }
    });
    sim.run();
    expect(message).toMatch(/yield a number of seconds, sim.timeout/);
  });
});

describe('Resource', () => {
  it('FIFO: a capacity-2 resource serves three 1 s jobs at 0, 0 and 1', () => {
    const sim = new Simulator();
    const servers = new Resource(sim, 2);
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      sim.process(function* () {
        const r = servers.request();
        yield r;
        starts.push(sim.now);
        yield 1;
        servers.release(r);
      });
    }
    sim.run();
    expect(starts).toEqual([0, 0, 1]);
    // Busy units: 2 during [0, 1), 1 during [1, 2): mean 1.5 of 2 over 2 s.
    expect(servers.utilization()).toBeCloseTo(0.75, 12);
    expect(servers.inUse).toBe(0);
  });

  it('priority: waiting requests are served most urgent first, ties in arrival order', () => {
    const sim = new Simulator();
    const machine = new Resource(sim, 1, { discipline: 'priority' });
    const order: string[] = [];
    const job = (name: string, priority: number, at: number) =>
      sim.process(function* () {
        yield at;
        const r = machine.request(1, priority);
        yield r;
        order.push(name);
        yield 1;
        machine.release(r);
      });
    job('first', 5, 0);
    job('low', 9, 0.1);
    job('urgent', 1, 0.2);
    job('urgent-2', 1, 0.3);
    job('mid', 4, 0.4);
    sim.run();
    expect(order).toEqual(['first', 'urgent', 'urgent-2', 'mid', 'low']);
    expect(machine.queueLength).toBe(0);
  });

  it('preemption: an urgent request evicts a less urgent holder, whose process is interrupted and whose hook runs', () => {
    const sim = new Simulator();
    const gpu = new Resource(sim, 1, { discipline: 'priority', preemptive: true });
    const log: string[] = [];
    sim.process(function* () {
      const r: ResourceRequest = gpu.request(1, 10);
      r.onPreempted = (by) => log.push(`hook: taken by priority ${by.priority}`);
      yield r;
      try {
        yield 100;
      } catch (error) {
        const cause = (error as Interrupt).reason as Preempted;
        log.push(`batch preempted at ${sim.now} after ${sim.now - cause.usageSince} s`);
      }
    });
    sim.process(function* () {
      yield 5;
      const r = gpu.request(1, 0);
      yield r;
      log.push(`serving got it at ${sim.now}`);
      yield 1;
      gpu.release(r);
    });
    sim.run();
    expect(log).toEqual(['hook: taken by priority 0', 'serving got it at 5', 'batch preempted at 5 after 5 s']);
    expect(gpu.inUse).toBe(0);
  });

  it('rejects impossible requests', () => {
    const sim = new Simulator();
    const r = new Resource(sim, 4);
    expect(() => r.request(5)).toThrow(/at most the capacity 4/);
    expect(() => r.release(1)).toThrow(/no holder/);
    expect(() => new Resource(sim, 1, { preemptive: true })).toThrow(/priority/);
  });
});

describe('Store', () => {
  it('a bounded store blocks producers when full and consumers when empty, in FIFO order', () => {
    const sim = new Simulator();
    const buffer = new Store<number>(sim, 2);
    const log: string[] = [];
    sim.process(function* () {
      for (let i = 0; i < 4; i++) {
        yield buffer.put(i);
        log.push(`put ${i} at ${sim.now}`);
      }
    });
    sim.process(function* () {
      yield 5;
      for (let i = 0; i < 4; i++) {
        const item = yield buffer.get();
        log.push(`got ${item} at ${sim.now}`);
        yield 1;
      }
    });
    sim.run();
    expect(log).toEqual(['put 0 at 0', 'put 1 at 0', 'got 0 at 5', 'put 2 at 5', 'got 1 at 6', 'put 3 at 6', 'got 2 at 7', 'got 3 at 8']);
    expect(buffer.size).toBe(0);
  });
});
