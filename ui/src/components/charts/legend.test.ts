import { describe, expect, it } from 'vitest';
import { legendSide, topInBand } from './legend';

describe('the place of a line chart legend', () => {
  it('finds the highest point of a line inside a band, between its points too', () => {
    // From (0, 10) down to (100, 110) in pixels: at x = 50 the line is at y = 60.
    const falling = { pts: [[0, 10], [100, 110]] as Array<[number, number]> };
    expect(topInBand([falling], 50, 100)).toBe(60);
    expect(topInBand([falling], 0, 20)).toBe(10);
    expect(topInBand([falling], 200, 300)).toBe(Infinity);
    // Held at its value until the next point: a step line is at 10 all the way to x = 100.
    expect(topInBand([{ ...falling, step: true }], 50, 99)).toBe(10);
  });

  it('goes where the lines run lowest: right of a falling curve, left of a rising one, left when both are free', () => {
    const falling = { pts: [[40, 20], [200, 150], [500, 190]] as Array<[number, number]> };
    const rising = { pts: [[40, 190], [300, 120], [500, 15]] as Array<[number, number]> };
    expect(legendSide([falling], 40, 500, 120)).toBe('right');
    expect(legendSide([rising], 40, 500, 120)).toBe('left');
    expect(legendSide([falling, rising], 40, 500, 120)).toBe('left');
    expect(legendSide([{ pts: [[40, 180], [500, 180]] }], 40, 500, 120)).toBe('left');
  });
});
