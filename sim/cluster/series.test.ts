import { describe, expect, it } from 'vitest';
import { downsampleStep } from './series';

describe('time-weighted downsampling of a step function', () => {
  it('a constant stays constant in every bin, whatever the event times (no segment lost at a bin edge by rounding)', () => {
    // 64 devices installed the whole time, with events at irregular times (as a cluster run records them).
    const t: number[] = [0];
    for (let i = 1; i < 4000; i++) t.push(t[i - 1] + 37 + ((i * 7919) % 1000) / 7);
    const endS = t[t.length - 1] + 123.4;
    const d = downsampleStep(t, t.map(() => 64), endS);
    expect(d.y.length).toBe(1000);
    for (const [k, v] of d.y.entries()) expect(v, `bin ${k}`).toBeCloseTo(64, 9);
  });

  it('the bins hold the step function\'s time integral', () => {
    const t = [0, 10, 25, 40];
    const y = [1, 3, 0, 2];
    const endS = 50;
    const d = downsampleStep(t, y, endS, 7);
    const width = endS / 4; // four events: four bins
    const integral = d.y.reduce((s, v) => s + v * width, 0);
    expect(integral).toBeCloseTo(1 * 10 + 3 * 15 + 0 * 15 + 2 * 10, 9);
  });
});
