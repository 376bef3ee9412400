/**
 * Max-min fair sharing: hand-computed cases and properties on random
 * topologies (fast-check). The max-min characterisation used (Bertsekas &
 * Gallager, Data Networks §6.5.2): an allocation is max-min fair iff it is
 * feasible and every flow either runs at its cap or has a bottleneck link that
 * is saturated and on which no flow gets more than it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowNetwork, Simulator, type FlowInfo } from './index';

describe('flow sharing, by hand', () => {
  it('two equal flows on one link each get half', () => {
    const sim = new Simulator();
    const net = new FlowNetwork(sim);
    const link = net.addLink(1e9);
    const a = net.startFlow([link], 1e9);
    const b = net.startFlow([link], 1e9);
    expect(net.rateOf(a)).toBe(5e8);
    expect(net.rateOf(b)).toBe(5e8);
    expect(net.linkLoad(link)).toBe(1e9);
    expect(net.activeFlows).toBe(2);
    sim.run();
    expect(a.value?.endTime).toBeCloseTo(2, 12);
    expect(b.value?.endTime).toBeCloseTo(2, 12);
    expect(net.activeFlows).toBe(0);
  });

  it('a flow speeds up when others leave: completion matches the hand computation', () => {
    // Link 100 B/s. A: 100 B, B: 300 B, C: 600 B start at 0.
    // 0..3: three flows at 100/3 each; A done at 3 (100 B). B, C have sent 100 B each.
    // 3..7: two flows at 50; B (200 B left) done at 7. C has 600 − 100 − 200 = 300 left.
    // 7..10: C alone at 100: done at 10.
    const sim = new Simulator();
    const net = new FlowNetwork(sim);
    const link = net.addLink(100);
    const ends: Record<string, number> = {};
    const record = (info: FlowInfo) => (ends[info.name as string] = info.endTime);
    net.startFlow([link], 100, { name: 'A', onDone: record });
    net.startFlow([link], 300, { name: 'B', onDone: record });
    net.startFlow([link], 600, { name: 'C', onDone: record });
    sim.run();
    expect(ends.A).toBeCloseTo(3, 9);
    expect(ends.B).toBeCloseTo(7, 9);
    expect(ends.C).toBeCloseTo(10, 9);
    expect(net.linkUtilization(link)).toBeCloseTo(1, 9);
  });

  it('a late arrival slows the running flow; the route latency is added once per link', () => {
    // Two links of 10 B/s, latencies 1 ms and 2 ms. X: 100 B at t=0 on both; Y: 30 B at t=4 on the first.
    // X alone until 4: 40 B sent. 4..10: both at 5 B/s; Y's 30 B sent at 10 and arrive at 10.001.
    // X has 60 − 30 = 30 B left at 10, alone at 10 B/s: last byte leaves at 13, arrives at 13.003.
    const sim = new Simulator();
    const net = new FlowNetwork(sim);
    const first = net.addLink(10, 0.001);
    const second = net.addLink(10, 0.002);
    const x = net.startFlow([first, second], 100);
    let y: FlowInfo | undefined;
    sim.schedule(4, () => net.startFlow([first], 30, { onDone: (info) => (y = info) }));
    sim.run();
    expect(y?.sentTime).toBeCloseTo(10, 9);
    expect(y?.endTime).toBeCloseTo(10.001, 9);
    expect(x.value?.sentTime).toBeCloseTo(13, 9);
    expect(x.value?.endTime).toBeCloseTo(13.003, 9);
  });

  it('a rate cap limits a flow and the rest goes to the others', () => {
    const sim = new Simulator();
    const net = new FlowNetwork(sim);
    const link = net.addLink(100);
    const capped = net.startFlow([link], 1000, { maxRate: 20 });
    const free = net.startFlow([link], 1000);
    expect(net.rateOf(capped)).toBe(20);
    expect(net.rateOf(free)).toBe(80);
  });

  it('a process can wait for a flow; zero-byte and linkless flows finish at once', () => {
    const sim = new Simulator();
    const net = new FlowNetwork(sim);
    const link = net.addLink(100, 0.5);
    const seen: number[] = [];
    sim.process(function* () {
      yield net.startFlow([link], 200);
      seen.push(sim.now);
      yield net.startFlow([], 5);
      seen.push(sim.now);
      yield net.startFlow([link], 0);
      seen.push(sim.now);
      yield net.startFlow([], 100, { maxRate: 50 });
      seen.push(sim.now);
    });
    sim.run();
    expect(seen).toEqual([2.5, 2.5, 3, 5]);
  });

  it('thousands of flows started at one instant are shared in one recompute and all finish', () => {
    const sim = new Simulator();
    const net = new FlowNetwork(sim);
    const link = net.addLink(1000);
    let done = 0;
    let recomputes = 0;
    const recompute = net.recompute.bind(net);
    net.recompute = () => {
      recomputes++;
      recompute();
    };
    sim.schedule(1, () => {
      for (let i = 0; i < 2500; i++) net.startFlow([link], 1 + (i % 7), { onDone: () => done++ });
    });
    sim.schedule(1, () => {
      for (let i = 2500; i < 5000; i++) net.startFlow([link], 1 + (i % 7), { onDone: () => done++ });
    });
    sim.run(1);
    expect(recomputes).toBe(1); // two events at t = 1 started flows; rates were computed once
    expect(net.rateOf(net.startFlow([link], 1))).toBeCloseTo(1000 / 5001, 12);
    sim.run();
    expect(done).toBe(5000);
    expect(net.activeFlows).toBe(0);
    // Total bytes 5000 flows × mean 4 B (1..7 cycling) at 1000 B/s: the last finishes after all bytes are through.
    let total = 1;
    for (let i = 0; i < 5000; i++) total += 1 + (i % 7);
    expect(sim.now).toBeCloseTo(1 + total / 1000, 6);
  });

  it('rejects bad input with a clear message', () => {
    const sim = new Simulator();
    const net = new FlowNetwork(sim);
    const link = net.addLink(10);
    expect(() => net.addLink(0)).toThrow(/capacity/);
    expect(() => net.startFlow([link], NaN)).toThrow(/bytes/);
    expect(() => net.startFlow([7], 1)).toThrow(/no link 7/);
    expect(() => net.startFlow([link, link], 1)).toThrow(/twice/);
  });
});

/** A random topology: links with capacities, flows with routes (distinct links) and optional caps. */
const topology = fc
  .integer({ min: 1, max: 8 })
  .chain((links) =>
    fc.record({
      capacities: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: links, maxLength: links }),
      flows: fc.array(
        fc.record({
          route: fc.uniqueArray(fc.integer({ min: 0, max: links - 1 }), { minLength: 1, maxLength: Math.min(links, 4) }),
          cap: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 25 },
      ),
    }),
  );

type Topology = { capacities: number[]; flows: { route: number[]; cap?: number }[] };

function rates(t: Topology, order: number[]): number[] {
  const sim = new Simulator();
  const net = new FlowNetwork(sim);
  for (const c of t.capacities) net.addLink(c);
  const flows = new Array(t.flows.length);
  for (const i of order) flows[i] = net.startFlow(t.flows[i].route, 1e6, { maxRate: t.flows[i].cap });
  return flows.map((f) => net.rateOf(f));
}

describe('max-min fairness on random topologies (property)', () => {
  it('no link over capacity; every flow is at its cap or has a saturated bottleneck where its rate is maximal', () => {
    fc.assert(
      fc.property(topology, (t) => {
        const r = rates(t, t.flows.map((_, i) => i));
        const tolerance = 1e-9 * Math.max(...t.capacities);
        const load = t.capacities.map(() => 0);
        t.flows.forEach((f, i) => f.route.forEach((l) => (load[l] += r[i])));
        load.forEach((l, i) => expect(l).toBeLessThanOrEqual(t.capacities[i] + tolerance));
        t.flows.forEach((f, i) => {
          expect(r[i]).toBeGreaterThan(0);
          if (f.cap !== undefined) expect(r[i]).toBeLessThanOrEqual(f.cap + tolerance);
          if (f.cap !== undefined && Math.abs(r[i] - f.cap) <= tolerance) return;
          const hasBottleneck = f.route.some(
            (l) =>
              Math.abs(load[l] - t.capacities[l]) <= tolerance &&
              t.flows.every((g, j) => !g.route.includes(l) || r[j] <= r[i] + tolerance),
          );
          expect(hasBottleneck).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('rates do not depend on the order flows were started', () => {
    fc.assert(
      fc.property(
        topology.chain((t) => fc.tuple(fc.constant(t), fc.shuffledSubarray(t.flows.map((_, i) => i), { minLength: t.flows.length }))),
        ([t, order]) => {
          const inOrder = rates(t, t.flows.map((_, i) => i));
          const shuffled = rates(t, order);
          inOrder.forEach((r, i) => expect(shuffled[i]).toBeCloseTo(r, 6));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('bytes are conserved: each flow finishes exactly when its integrated rate reaches its size', () => {
    fc.assert(
      fc.property(topology, fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 25, maxLength: 25 }), (t, sizes) => {
        const sim = new Simulator();
        const net = new FlowNetwork(sim);
        for (const c of t.capacities) net.addLink(c);
        const infos: FlowInfo[] = [];
        t.flows.forEach((f, i) => {
          sim.schedule(i * 0.37, () => net.startFlow(f.route, sizes[i], { maxRate: f.cap, onDone: (info) => infos.push(info) }));
        });
        sim.run();
        expect(infos.length).toBe(t.flows.length);
        expect(net.activeFlows).toBe(0);
        // Every link's carried bytes (utilization × capacity × elapsed) equal the bytes of the flows that crossed it.
        t.capacities.forEach((c, l) => {
          const carried = net.linkUtilization(l) * c * sim.now;
          const expected = t.flows.reduce((s, f, i) => (f.route.includes(l) ? s + sizes[i] : s), 0);
          expect(carried).toBeCloseTo(expected, 4);
        });
      }),
      { numRuns: 150 },
    );
  });
});

/** Max-min fair rates by plain progressive filling, from scratch (an independent O(n²) reference). */
function referenceRates(capacities: number[], flows: { route: number[]; cap?: number }[]): number[] {
  const rate = flows.map(() => 0);
  const fixed = flows.map(() => false);
  for (let left = flows.length; left > 0; ) {
    let level = Infinity;
    capacities.forEach((c, l) => {
      let used = 0;
      let n = 0;
      flows.forEach((f, i) => {
        if (!f.route.includes(l)) return;
        if (fixed[i]) used += rate[i];
        else n++;
      });
      if (n > 0) level = Math.min(level, Math.max(0, c - used) / n);
    });
    flows.forEach((f, i) => {
      if (!fixed[i] && f.cap !== undefined) level = Math.min(level, f.cap);
    });
    // Fix every flow held at this level: by its cap or by a link that saturates at it.
    const saturated = capacities.map((c, l) => {
      let used = 0;
      let n = 0;
      flows.forEach((f, i) => {
        if (!f.route.includes(l)) return;
        if (fixed[i]) used += rate[i];
        else n++;
      });
      return n > 0 && Math.max(0, c - used) / n <= level * (1 + 1e-12);
    });
    flows.forEach((f, i) => {
      if (fixed[i]) return;
      if ((f.cap !== undefined && f.cap <= level * (1 + 1e-12)) || f.route.some((l) => saturated[l])) {
        fixed[i] = true;
        rate[i] = level;
        left--;
      }
    });
  }
  return rate;
}

describe('incremental sharing equals a from-scratch water-filling (property)', () => {
  it('after every arrival and departure of random event sequences, and without falling back to a full refill', () => {
    const sequence = fc
      .integer({ min: 1, max: 8 })
      .chain((links) =>
        fc.record({
          capacities: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: links, maxLength: links }),
          flows: fc.array(
            fc.record({
              route: fc.uniqueArray(fc.integer({ min: 0, max: links - 1 }), { minLength: 1, maxLength: Math.min(links, 4) }),
              cap: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
              start: fc.integer({ min: 0, max: 20 }), // whole seconds: several flows often start at one instant
              bytes: fc.integer({ min: 1, max: 5000 }),
            }),
            { minLength: 1, maxLength: 30 },
          ),
        }),
      );
    fc.assert(
      fc.property(sequence, (t) => {
        const sim = new Simulator();
        const net = new FlowNetwork(sim);
        for (const c of t.capacities) net.addLink(c);
        const active = new Map<number, { flow: ReturnType<FlowNetwork['startFlow']>; index: number }>();
        let checks = 0;
        const check = () => {
          const entries = [...active.values()];
          const expected = referenceRates(
            t.capacities,
            entries.map((e) => t.flows[e.index]),
          );
          entries.forEach((e, k) => expect(net.rateOf(e.flow)).toBeCloseTo(expected[k], 6));
          checks++;
        };
        t.flows.forEach((f, index) => {
          sim.schedule(f.start, () => {
            const flow = net.startFlow(f.route, f.bytes, { maxRate: f.cap, onDone: () => active.delete(flow.id) });
            active.set(flow.id, { flow, index });
          });
        });
        // Check between events: at every quarter second (after the instant's recompute) and at the end.
        for (let k = 0; k <= 400; k++) sim.schedule(k * 0.25 + 0.125, check);
        sim.run();
        expect(checks).toBe(401);
        expect(net.activeFlows).toBe(0);
        expect(net.fullRefills).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
