/**
 * Zod types for quantities with units: accept a number in SI base units or a
 * string such as "400 Gbps", and output the SI number. Errors carry the
 * expected form in words, for the DESIGN.md error format.
 */
import { z } from 'zod';
import { type Dimension, dimensionExample, parseQuantity } from './quantity';

/** A quantity of one dimension; output is the SI number. */
export function quantity(dimension: Dimension) {
  return z
    .union([z.number(), z.string()], { error: () => `expected ${dimensionExample[dimension]}` })
    .transform((value, ctx) => {
      const r = parseQuantity(value, dimension);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: `expected ${r.expected}, found ${r.found}`, params: { expected: r.expected, found: r.found } });
        return z.NEVER;
      }
      return r.value;
    })
    .meta({ description: dimensionExample[dimension] });
}

/** A quantity that must be > 0. */
export function positiveQuantity(dimension: Dimension) {
  return quantity(dimension).refine((v) => v > 0, { message: `expected a positive ${dimensionExample[dimension].replace(/^an? /, '')}` });
}

/** A quantity that must be >= 0. */
export function nonNegativeQuantity(dimension: Dimension) {
  return quantity(dimension).refine((v) => v >= 0, { message: `expected ${dimensionExample[dimension]} that is not negative` });
}
