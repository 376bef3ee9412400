import { describe, expect, it } from 'vitest';
import { compact, spacedTicks } from './axis';

describe('spacedTicks', () => {
  const px = (v: number) => 100 * Math.log10(v); // a log axis, 100 px per decade

  it('drops measured values that would print over each other, keeping both ends', () => {
    const ticks = [0.341, 0.365, 0.516, 0.647, 0.916, 6.39, 29.4];
    const kept = spacedTicks(ticks, px, 40);
    expect(kept[0]).toBe(0.341);
    expect(kept[kept.length - 1]).toBe(29.4);
    for (let i = 1; i < kept.length; i++) expect(px(kept[i]) - px(kept[i - 1])).toBeGreaterThanOrEqual(40);
    expect(kept).toEqual([0.341, 0.916, 6.39, 29.4]);
  });

  it('keeps ticks that are already apart', () => {
    expect(spacedTicks([1, 10, 100], px, 40)).toEqual([1, 10, 100]);
  });
});

describe('compact', () => {
  it('writes a measured value in three significant digits', () => {
    expect(compact(3_453_950)).toBe('3.45M');
    expect(compact(2.293)).toBe('2.29');
    expect(compact(12_500_000_000)).toBe('12.5B');
  });
});
