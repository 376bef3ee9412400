import { describe, expect, it } from 'vitest';
import { Budget, median, timeRepeats } from './timing';

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
