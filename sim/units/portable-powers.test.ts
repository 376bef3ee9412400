/**
 * Whole powers and roots from multiply, divide and add only. Reference values
 * are the correctly rounded results, computed with mpmath 1.3.0 at 300 bits
 * (2026-11-25).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wholePower, wholeRoot } from './portable-powers';

const ulpOf = (x: number) => 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52);

describe('wholePower', () => {
  it('is exact where the power is a double: 1.5^3 = 3.375, 10^22 = 1e22, 2^60, x^0 = 1', () => {
    expect(wholePower(1.5, 3)).toBe(3.375);
    expect(wholePower(10, 22)).toBe(1e22);
    expect(wholePower(2, 60)).toBe(1152921504606846976);
    expect(wholePower(0.3, 0)).toBe(1);
    expect(wholePower(0.3, 1)).toBe(0.3);
  });

  it('gives the correctly rounded power where Node 20\'s ** is a bit off: 1.0064340301100034^24, 1.01^120', () => {
    // Node 20 (V8 11.3): 1.0064340301100034 ** 24 = 1.1663999999999994; Chromium 156 and mpmath: ...92.
    expect(wholePower(1.0064340301100034, 24)).toBe(1.1663999999999992);
    expect(wholePower(1.01, 120)).toBe(3.3003868945736685);
  });

  it('agrees with x^a · x^b = x^(a+b) to within a rounding of each side', () => {
    fc.assert(fc.property(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (x, a, b) => {
      const whole = wholePower(x, a + b);
      expect(Math.abs(wholePower(x, a) * wholePower(x, b) - whole)).toBeLessThanOrEqual(2 * ulpOf(whole));
    }));
  });

  it('rejects an exponent that is not a whole number ≥ 0', () => {
    expect(() => wholePower(2, 0.5)).toThrow(/whole number/);
    expect(() => wholePower(2, -1)).toThrow(/whole number/);
  });
});

describe('wholeRoot', () => {
  it('gives the correctly rounded roots: √2, 2^(1/4), 2^(1/12), 1.08^(1/12), (1e±300)^(1/12)', () => {
    expect(wholeRoot(2, 2)).toBe(Math.SQRT2);
    expect(wholeRoot(2, 4)).toBe(1.189207115002721);
    expect(wholeRoot(2, 12)).toBe(1.0594630943592953);
    expect(wholeRoot(1.08, 12)).toBe(1.0064340301100034);
    expect(wholeRoot(1e-300, 12)).toBe(1e-25);
    expect(wholeRoot(1e300, 12)).toBe(1e25);
  });

  it('is exact for perfect powers and the trivial cases', () => {
    expect(wholeRoot(3.375, 3)).toBe(1.5);
    expect(wholeRoot(1e22, 22)).toBe(10);
    expect(wholeRoot(0, 5)).toBe(0);
    expect(wholeRoot(1, 7)).toBe(1);
    expect(wholeRoot(0.3, 1)).toBe(0.3);
  });

  it('raised back to the n-th power gives x to within the rounding of the root', () => {
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 40 }), (x, n) => {
      const back = wholePower(wholeRoot(x, n), n);
      expect(Math.abs(back - x) / x).toBeLessThanOrEqual((n + 1) * 2 ** -53);
    }));
  });

  it('rejects a negative or infinite x and a degree below 1', () => {
    expect(() => wholeRoot(-1, 2)).toThrow(/≥ 0/);
    expect(() => wholeRoot(Infinity, 2)).toThrow(/finite/);
    expect(() => wholeRoot(Number.NaN, 2)).toThrow(/finite/);
    expect(() => wholeRoot(2, 0)).toThrow(/whole number/);
  });
});
