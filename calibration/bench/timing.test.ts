import { describe, expect, it } from 'vitest';
import { Budget, median, timeInterleaved, timeRepeats } from './timing';

/** A scripted clock: each run advances wall time by the next duration; CPU time by the next busy time. */
function scripted(walls: number[], busys: number[]) {
  let wall = 0;
  let cpu = 0;
  let i = 0;
  return {
    now: () => wall,
    cpuNow: () => cpu,
    run: () => {
      wall += walls[i];
      cpu += busys[i];
      i++;
    },
  };
}

describe('timeRepeats', () => {
  it('reports median, min and max of the timed runs after the warm-up runs', async () => {
    const c = scripted([9, 9, 3, 1, 2, 5, 4], [9, 9, 3, 1, 2, 5, 4]);
    const t = await timeRepeats(c.run, { warmup: 2, minRepeats: 5, maxRepeats: 5, sliceS: 0, now: c.now });
    expect(t).toEqual({ medianS: 3, minS: 1, maxS: 5, repeats: 5 });
  });

  it('busy time takes, per run, the smaller of wall and CPU time (a preempted run keeps its CPU time)', async () => {
    const c = scripted([10, 2.5, 3], [2, 4, 2.9]);
    const t = await timeRepeats(c.run, { warmup: 0, minRepeats: 3, maxRepeats: 3, sliceS: 0, now: c.now, cpuNow: c.cpuNow });
    expect(t.minS).toBe(2.5);
    expect(t.busyMinS).toBe(2);
  });

  it('stops after the time slice once the minimum repeats are done, and never exceeds the maximum', async () => {
    const c = scripted(Array(100).fill(1), Array(100).fill(1));
    expect((await timeRepeats(c.run, { warmup: 0, minRepeats: 3, maxRepeats: 50, sliceS: 5.5, now: c.now })).repeats).toBe(6);
    const d = scripted(Array(100).fill(1), Array(100).fill(1));
    expect((await timeRepeats(d.run, { warmup: 0, minRepeats: 3, maxRepeats: 4, sliceS: 1e9, now: d.now })).repeats).toBe(4);
  });
});

describe('median and Budget', () => {
  it('median of even and odd counts', () => {
    expect(median([4, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('a budget counts down from its start', () => {
    let t = 100;
    const b = new Budget(10, () => t);
    t = 104;
    expect(b.leftS()).toBe(6);
    expect(b.allows(5)).toBe(true);
    expect(b.allows(7)).toBe(false);
  });
});

describe('timeInterleaved', () => {
  /** Calls of fixed durations on a scripted clock; `log` records which call ran, in order. */
  function calls(durations: number[]) {
    let wall = 0;
    const log: number[] = [];
    return { now: () => wall, log, runs: durations.map((d, i) => () => void (log.push(i), (wall += d))) };
  }
  const base = { warmup: 1, minRepeats: 3, maxRepeats: 4, sliceS: 0, keepAtLeast: 1, minSampleS: 0.01, rewarmBelowS: 0.005 };

  it('takes one sample of every call per round, in an order that changes from round to round, the same for the same seed', async () => {
    const c = calls([0.02, 0.03, 0.04, 0.05]);
    const t = await timeInterleaved(c.runs, { ...base, maxRepeats: 6, phaseS: 100, now: c.now });
    expect(t.map((x) => x?.repeats)).toEqual([6, 6, 6, 6]);
    [0.02, 0.03, 0.04, 0.05].forEach((d, i) => expect(t[i]!.medianS).toBeCloseTo(d, 12));
    const rounds = Array.from({ length: 6 }, (_, r) => c.log.slice(4 + 4 * r, 8 + 4 * r)); // after one warm-up call each
    for (const r of rounds) expect([...r].sort()).toEqual([0, 1, 2, 3]);
    // Call 0 does not always follow the same call.
    const predecessors = new Set(rounds.map((r, k) => (r[0] === 0 ? (k > 0 ? rounds[k - 1][3] : -1) : r[r.indexOf(0) - 1])));
    expect(predecessors.size).toBeGreaterThan(1);
    const again = calls([0.02, 0.03, 0.04, 0.05]);
    await timeInterleaved(again.runs, { ...base, maxRepeats: 6, phaseS: 100, now: again.now });
    expect(again.log).toEqual(c.log);
  });

  it('repeats a short call until a sample lasts minSampleS, after one untimed call, and reports the time per call', async () => {
    const c = calls([0.002]);
    const t = await timeInterleaved(c.runs, { ...base, maxRepeats: 2, phaseS: 100, now: c.now });
    // 1 warm-up, then per round 1 untimed + 5 timed calls (5 × 2 ms = minSampleS).
    expect(c.log.length).toBe(1 + 2 * 6);
    expect(t[0]!.medianS).toBeCloseTo(0.002, 12);
  });

  it('measures the costly calls only while their rounds fit the phase at least minRepeats times, and always the first keepAtLeast', async () => {
    const c = calls([0.02, 0.03, 1, 2]);
    const t = await timeInterleaved(c.runs, { ...base, keepAtLeast: 2, phaseS: 0.5, now: c.now });
    expect(t[0]).toBeDefined();
    expect(t[1]).toBeDefined();
    expect(t[2]).toBeUndefined();
    expect(t[3]).toBeUndefined();
    // The last one is not even warmed up (its predecessor already broke the budget).
    expect(c.log).not.toContain(3);
  });

  it('busy time per call is the smaller of wall and CPU time of its sample', async () => {
    let wall = 0;
    let cpu = 0;
    let n = 0;
    // Every third call is preempted: 5 ms of wall time for 1 ms of CPU time.
    const run = () => {
      n++;
      wall += n % 3 === 0 ? 0.005 : 0.001;
      cpu += 0.001;
    };
    const t = await timeInterleaved([run], { ...base, minSampleS: 0, rewarmBelowS: 0, maxRepeats: 6, phaseS: 100, now: () => wall, cpuNow: () => cpu });
    expect(t[0]!.minS).toBeCloseTo(0.001, 12);
    expect(t[0]!.maxS).toBeCloseTo(0.005, 12);
    expect(t[0]!.busyMinS).toBeCloseTo(0.001, 12);
  });
});

