/**
 * 2^(q/4) for whole q, the same bits in every JavaScript engine. `2 ** 0.25`
 * and friends are not required to be correctly rounded, and V8 in Node 20
 * and in Chromium differ in the last bit on 17 of the quarter powers the
 * curve fits search (measured 2026-11-25), which made the built-in profile,
 * and every result built on it, differ between the planner and the CLI. An
 * exact power of two times a correctly rounded 2^0, 2^¼, 2^½ or 2^¾ is the
 * same everywhere.
 */
const QUARTER_ROOTS = [1, 1.189207115002721, 1.4142135623730951, 1.681792830507429];

export function quarterPowerOfTwo(q: number): number {
  if (!Number.isInteger(q)) throw new RangeError(`quarterPowerOfTwo needs a whole number of quarters, got ${q}`);
  const whole = Math.floor(q / 4);
  let scale = 1;
  for (let i = 0; i < Math.abs(whole); i++) scale *= 2;
  return (whole < 0 ? 1 / scale : scale) * QUARTER_ROOTS[q - 4 * whole];
}
