import { describe, expect, it } from 'vitest';
import { quarterPowerOfTwo } from './quarter-power';

describe('quarterPowerOfTwo', () => {
  it('is exact at whole powers of two and within one rounding of 2^(q/4) elsewhere', () => {
    for (let k = -10; k <= 40; k++) expect(quarterPowerOfTwo(4 * k)).toBe(2 ** k);
    for (let q = -40; q <= 160; q++) {
      const x = quarterPowerOfTwo(q);
      // x^4 = 2^q up to the rounding of x (four multiplications of a value good to half an ulp).
      expect(Math.abs((x * x * x * x) / 2 ** q - 1)).toBeLessThan(8 * Number.EPSILON);
      if (q > -40) expect(x).toBeGreaterThan(quarterPowerOfTwo(q - 1));
    }
  });

  it('holds the correctly rounded roots (√2 as JavaScript spells it, 2^¼ squared to within an ulp of √2)', () => {
    expect(quarterPowerOfTwo(2)).toBe(Math.SQRT2);
    expect(Math.abs(quarterPowerOfTwo(1) ** 2 - Math.SQRT2)).toBeLessThanOrEqual(2 * Number.EPSILON);
    expect(Math.abs(quarterPowerOfTwo(3) ** 2 - 2 * Math.SQRT2)).toBeLessThanOrEqual(4 * Number.EPSILON);
  });

  it('refuses fractional quarters', () => {
    expect(() => quarterPowerOfTwo(0.5)).toThrow(RangeError);
  });
});
