import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type ClusterSimInput, type SimNode, simulateCluster } from './simulate';
import type { ClusterJob } from './job';
import type { SchedulingPolicy } from './policies';

function nodes(count: number, size: number, nodesPerRack = 4): SimNode[] {
  return Array.from({ length: count }, (_, i) => ({ size, rack: Math.floor(i / nodesPerRack), installS: 0 }));
}

function input(jobs: ClusterJob[], over: Partial<ClusterSimInput> = {}): ClusterSimInput {
  return {
    jobs,
    nodes: nodes(1, 4),
    policy: 'fifo',
    placement: 'pack',
    backfillDepth: 100,
    nodesPerRack: 4,
    restoreS: 0,
    crossNodeSlowdown: 1,
    crossRackSlowdown: 1,
    seed: 1,
    maxEvents: 1e7,
    maxWallS: 60,
    ...over,
  };
}

const job = (id: string, submitS: number, gpus: number, durationS: number, extra: Partial<ClusterJob> = {}): ClusterJob => ({ id, submitS, gpus, durationS, ...extra });

// One 4-GPU node. A: 2 GPUs 10 s at 0; B: 4 GPUs 5 s at 1; C: 1 GPU 3 s at 2; D: 2 GPUs 2 s at 3.
const abcd = [job('A', 0, 2, 10), job('B', 1, 4, 5), job('C', 2, 1, 3), job('D', 3, 2, 2)];

function startsAndEnds(over: Partial<ClusterSimInput>, jobs = abcd) {
  const out = simulateCluster(input(jobs, over));
  return Object.fromEntries(jobs.map((j, i) => [j.id, [out.firstStartS[i], out.finishS[i]]]));
}

describe('who runs when, worked out by hand on one 4-GPU node', () => {
  it('fifo: B waits for A, and C and D wait behind B', () => {
    expect(startsAndEnds({ policy: 'fifo' })).toEqual({ A: [0, 10], B: [10, 15], C: [15, 18], D: [15, 17] });
  });

  it('easy-backfill: C and D fill the hole before B’s reservation at t=10 without delaying B', () => {
    expect(startsAndEnds({ policy: 'easy-backfill' })).toEqual({ A: [0, 10], B: [10, 15], C: [2, 5], D: [5, 7] });
  });

  it('easy-backfill refuses a job that would end after the reservation and use the head’s devices', () => {
    // E (1 GPU, 20 s) would run past B's shadow time (10) and extra = 0, so it waits for B.
    const jobs = [job('A', 0, 2, 10), job('B', 1, 4, 5), job('E', 2, 1, 20)];
    expect(startsAndEnds({ policy: 'easy-backfill' }, jobs)).toEqual({ A: [0, 10], B: [10, 15], E: [15, 35] });
  });

  it('sjf: the shortest waiting job is the head; B (5 s) waits for C (3 s) and D (2 s)', () => {
    expect(startsAndEnds({ policy: 'sjf' })).toEqual({ A: [0, 10], B: [10, 15], C: [2, 5], D: [5, 7] });
  });

  it('priority-preemptive: B (priority 1) preempts A at t=1; A resumes after B with a 1 s restore', () => {
    const jobs = abcd.map((j) => ({ ...j, priority: j.id === 'B' ? 1 : 0 }));
    const out = simulateCluster(input(jobs, { policy: 'priority-preemptive', restoreS: 1 }));
    const se = Object.fromEntries(jobs.map((j, i) => [j.id, [out.firstStartS[i], out.finishS[i]]]));
    // A ran 1 s before preemption (checkpointed on the signal), 9 s remain + 1 s restore: 6 → 16.
    expect(se).toEqual({ A: [0, 16], B: [1, 6], C: [6, 9], D: [9, 11] });
    expect(out.preemptions).toBe(1);
    // Lost to preemption: A's restore, 2 GPUs × 1 s.
    expect(out.totals.preemptionLostGpuS).toBeCloseTo(2, 9);
  });

  it('priority-preemptive with hourly checkpoints loses the work since the last checkpoint', () => {
    const jobs = [job('A', 0, 4, 7200), job('B', 5400, 4, 100, { priority: 1 })];
    const out = simulateCluster(input(jobs, { policy: 'priority-preemptive', checkpointIntervalS: 3600 }));
    // A keeps 3600 s of work, loses 1800 s × 4 GPUs, restarts at 5500 with 3600 s left.
    expect(out.finishS).toEqual([9100, 5500]);
    expect(out.totals.preemptionLostGpuS).toBeCloseTo(1800 * 4, 6);
  });

  it('fair-share: team Y’s blocked head B does not stop team X’s C; D waits behind B in its own team', () => {
    const teams: Record<string, string> = { A: 'x', C: 'x', B: 'y', D: 'y' };
    const jobs = abcd.map((j) => ({ ...j, team: teams[j.id] }));
    const out = simulateCluster(input(jobs, { policy: 'fair-share' }));
    const se = Object.fromEntries(jobs.map((j, i) => [j.id, [out.firstStartS[i], out.finishS[i]]]));
    expect(se).toEqual({ A: [0, 10], B: [10, 15], C: [2, 5], D: [15, 17] });
  });

  it('fair-share gives the next free devices to the team using the fewest', () => {
    // Two 1-GPU slots; team x holds both until t=10; at t=10 one frees: y (0 running) goes before x.
    const jobs = [job('x1', 0, 1, 10), job('x2', 0, 1, 20), job('x3', 1, 1, 5), job('y1', 2, 1, 5)].map((j) => ({ ...j, team: j.id[0] }));
    const out = simulateCluster(input(jobs, { policy: 'fair-share', nodes: nodes(1, 2) }));
    expect(out.firstStartS).toEqual([0, 0, 15, 10]);
  });
});

describe('placement and fragmentation', () => {
  // Two 4-GPU nodes; A and B take 3 GPUs each; C needs 2 while 2 are free, one on each node.
  const jobs = [job('A', 0, 3, 100), job('B', 0, 3, 100), job('C', 1, 2, 10)];

  it('pack keeps C whole on one node, so the 2 free GPUs are fragmentation until A ends', () => {
    const out = simulateCluster(input(jobs, { nodes: nodes(2, 4) }));
    expect(out.firstStartS[2]).toBe(100);
    // fragmented from t=1 to t=100: 2 GPUs × 99 s
    expect(out.totals.fragmentedGpuS).toBeCloseTo(2 * 99, 9);
  });

  it('spread runs C at once across the two nodes, slowed by the cross-node factor', () => {
    const out = simulateCluster(input(jobs, { nodes: nodes(2, 4), placement: 'spread', crossNodeSlowdown: 1.5 }));
    expect(out.firstStartS[2]).toBe(1);
    expect(out.finishS[2]).toBeCloseTo(1 + 10 * 1.5, 9);
    expect(out.totals.fragmentedGpuS).toBe(0);
  });

  it('topology-aware keeps a 16-GPU gang in one rack when one rack can hold it; pack may not', () => {
    // Rack 0 holds one 8-GPU node, rack 1 two of them; a 16-GPU gang fits in rack 1 alone.
    const ns: SimNode[] = [{ size: 8, rack: 0, installS: 0 }, { size: 8, rack: 1, installS: 0 }, { size: 8, rack: 1, installS: 0 }];
    const big = [job('big', 1, 16, 10)];
    const topo = simulateCluster(input(big, { nodes: ns, nodesPerRack: 2, placement: 'topology-aware', crossRackSlowdown: 2 }));
    expect(topo.finishS[0]).toBeCloseTo(11, 9);
    const packed = simulateCluster(input(big, { nodes: ns, nodesPerRack: 2, placement: 'pack', crossRackSlowdown: 2 }));
    // pack takes whole nodes in rack order (node 0 in rack 0, then rack 1): two racks, half speed.
    expect(packed.finishS[0]).toBeCloseTo(21, 9);
  });
});

describe('capacity over time', () => {
  it('a gang waits for the delivery that makes it fit', () => {
    const ns = [...nodes(2, 8), ...nodes(2, 8).map((n) => ({ ...n, installS: 500 }))];
    const out = simulateCluster(input([job('big', 0, 32, 100)], { nodes: ns }));
    expect(out.firstStartS[0]).toBe(500);
    // capacity-hours: 16 GPUs × 500 s + 32 × 100 s
    expect(out.totals.installedGpuS).toBeCloseTo(16 * 500 + 32 * 100, 6);
  });

  it('a job larger than every delivered node together is dropped, not left waiting forever', () => {
    const ns = [...nodes(1, 8), { size: 8, rack: 0, installS: Infinity }];
    const out = simulateCluster(input([job('big', 0, 16, 100), job('small', 0, 8, 10)], { nodes: ns }));
    expect(out.ranIn).toEqual(['dropped', 'cluster']);
  });

  it('a maintenance window drains its nodes (checkpoint on signal) and the job resumes afterwards', () => {
    const out = simulateCluster(input([job('A', 0, 4, 100)], { maintenance: [{ startS: 30, durationS: 50, nodes: [0] }], restoreS: 5 }));
    // 30 s done, down 30..80, restore 5 s, 70 s left: finishes at 155
    expect(out.finishS[0]).toBeCloseTo(155, 9);
    expect(out.totals.downGpuS).toBeCloseTo(4 * 50, 9);
    expect(out.totals.maintenanceLostGpuS).toBeCloseTo(4 * 5, 9);
  });

  it('bursts arrivals to the cloud when the queue passes the threshold, at the given price', () => {
    const jobs = [job('A', 0, 4, 3600), job('B', 1, 4, 3600), job('C', 2, 4, 3600)];
    const out = simulateCluster(input(jobs, { burst: { queueThreshold: 1, pricePerDeviceHour: 2, spotInterruptionsPerHour: 0 } }));
    expect(out.ranIn).toEqual(['cluster', 'cluster', 'cloud']);
    expect(out.finishS[2]).toBe(3602);
    expect(out.totals.burstCostUsd).toBeCloseTo(4 * 2, 9);
  });
});

describe('elastic jobs', () => {
  it('start on what is there and grow when a delivery lands: done = D + r + (W − A·D)/N, as the shortage model says', () => {
    // 3 nodes × 8 now, 2 more at t = 1000 s; a 40-GPU elastic job of 40 × 2000 GPU-s; restore 50 s.
    const ns = [...nodes(3, 8), ...nodes(2, 8).map((n) => ({ ...n, installS: 1000 }))];
    const out = simulateCluster(input([job('e', 0, 40, 2000, { elastic: { minGpus: 8 } })], { nodes: ns, restoreS: 50 }));
    // A = 24 devices do 24 000 GPU-s by t = 1000; 56 000 left on 40 devices after a 50 s restore.
    expect(out.finishS[0]).toBeCloseTo(1000 + 50 + 56_000 / 40, 9);
    expect(out.totals.resizeLostGpuS).toBeCloseTo(40 * 50, 9);
  });

  it('do not grow while other jobs wait, and grow once they are served', () => {
    const ns = [...nodes(1, 8), { size: 8, rack: 0, installS: 100 }];
    const out = simulateCluster(input([job('e', 0, 16, 1000, { elastic: { minGpus: 4 } }), job('g', 50, 8, 100)], { nodes: ns }));
    // g waits for the delivery at 100 and takes the new node (e does not grab it first); when g ends at 200,
    // e (1600 GPU-s done on 8 devices) grows to 16 and needs 14 400 / 16 = 900 s more.
    expect(out.firstStartS[1]).toBe(100);
    expect(out.finishS[0]).toBeCloseTo(1100, 9);
  });
});

describe('conservation and invariants on random traces (property)', () => {
  const policies: SchedulingPolicy[] = ['fifo', 'sjf', 'easy-backfill', 'priority-preemptive', 'fair-share'];
  const jobArb = fc.record({
    submitS: fc.integer({ min: 0, max: 2000 }),
    gpus: fc.constantFrom(1, 2, 3, 4, 8, 12, 16),
    durationS: fc.integer({ min: 1, max: 500 }),
    priority: fc.integer({ min: 0, max: 2 }),
    team: fc.constantFrom('a', 'b', 'c'),
    elastic: fc.boolean(),
  });
  it('used + idle + down = installed device-seconds; used = Σ job runs; nobody starts before submission', () => {
    fc.assert(
      fc.property(
        fc.array(jobArb, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...policies),
        fc.constantFrom('pack', 'spread', 'topology-aware' as const),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        (raw, policy, placement, seed, failures) => {
          const jobs = raw
            .map((r, i) => job(`j${i}`, r.submitS, r.gpus, r.durationS, { priority: r.priority, team: r.team, elastic: r.elastic && r.gpus > 1 ? { minGpus: 1 } : undefined }))
            .sort((a, b) => a.submitS - b.submitS);
          const ns = [...nodes(3, 8, 2), { size: 8, rack: 1, installS: 700 }];
          const out = simulateCluster(
            input(jobs, {
              nodes: ns,
              policy,
              placement,
              nodesPerRack: 2,
              seed,
              checkpointIntervalS: 100,
              restoreS: 3,
              crossNodeSlowdown: 1.2,
              failures: failures ? { mtbfPerDeviceS: 4000, mttrS: 100 } : undefined,
              maintenance: [{ startS: 300, durationS: 200, nodes: [1] }],
            }),
          );
          const t = out.totals;
          expect(Math.abs(t.usedGpuS + t.idleGpuS + t.downGpuS - t.installedGpuS)).toBeLessThan(1e-6 * Math.max(1, t.installedGpuS));
          expect(Math.abs(t.usedGpuS - t.jobRunGpuS)).toBeLessThan(1e-6 * Math.max(1, t.usedGpuS));
          jobs.forEach((j, i) => {
            expect(out.ranIn[i]).toBe('cluster');
            expect(out.firstStartS[i]).toBeGreaterThanOrEqual(j.submitS);
            // No job beats its own ideal run time (elastic jobs may only get fewer devices, never more).
            expect(out.finishS[i] - out.firstStartS[i]).toBeGreaterThanOrEqual(j.durationS - 1e-9);
          });
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });

  it('fifo starts jobs in submission order; with spread placement nothing is ever fragmented (property)', () => {
    fc.assert(
      fc.property(fc.array(jobArb, { minLength: 1, maxLength: 60 }), fc.constantFrom('pack', 'spread', 'topology-aware' as const), (raw, placement) => {
        const jobs = raw.map((r, i) => job(`j${i}`, r.submitS, r.gpus, r.durationS)).sort((a, b) => a.submitS - b.submitS);
        const out = simulateCluster(input(jobs, { nodes: nodes(3, 8, 2), policy: 'fifo', placement, nodesPerRack: 2 }));
        for (let i = 1; i < jobs.length; i++) expect(out.firstStartS[i]).toBeGreaterThanOrEqual(out.firstStartS[i - 1]);
        if (placement === 'spread') expect(out.totals.fragmentedGpuS).toBe(0);
      }),
      { numRuns: 150, seed: 13 },
    );
  });
});
