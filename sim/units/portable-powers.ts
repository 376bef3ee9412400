/**
 * Whole powers and roots that give the same bits in every JavaScript engine.
 *
 * ECMA-262 leaves `Math.pow` (and `**`), `exp`, `log`, `log1p`, `cbrt`, `sin`,
 * `cos`... "implementation-approximated": their last bit may differ between
 * engines, and it does between V8 versions. Measured 2026-11-25, Node 20.20
 * (V8 11.3) against Chromium 156: `2 ** -0.5` is 0.7071067811865475 in Node and
 * 0.7071067811865476 (the correctly rounded value) in Chromium; 458 of 4,800
 * powers `(1.0064 + k·1e-4) ** m` (m = 1..120) differ in the last bit. The same
 * scenario must give the same result in the CLI and in the planner, so sums of
 * money over months use these instead.
 *
 * Both are built from IEEE 754 multiply, divide and add only, which the
 * standard requires correctly rounded (and JavaScript never fuses), so every
 * engine computes them alike.
 */

function checkWhole(name: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min || n > Number.MAX_SAFE_INTEGER) throw new Error(`${name}: expected a whole number ≥ ${min}, found ${n}`);
}

/** A number held as an unevaluated sum hi + lo with |lo| ≤ half an ulp of hi (a "double-double"). */
type Pair = [hi: number, lo: number];

/** Veltkamp's split: a = high + low exactly, each with at most 26 significant bits (Dekker 1971, Numer. Math. 18). */
const SPLITTER = 134217729; // 2^27 + 1
function split(a: number): Pair {
  const t = SPLITTER * a;
  const high = t - (t - a);
  return [high, a - high];
}

/** a·b exactly, as the rounded product and its error (Dekker's two-product, without a fused multiply-add). */
function twoProduct(a: number, b: number): Pair {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** x·y for double-doubles, to about 2^-104 relative (hi·lo cross terms; lo·lo is below that). */
function multiply([xh, xl]: Pair, [yh, yl]: Pair): Pair {
  const [p, e] = twoProduct(xh, yh);
  const err = e + (xh * yl + xl * yh);
  // Beyond 2^996 the split overflows: keep the plain product (its rounding is then the only error).
  if (!Number.isFinite(err)) return [p, 0];
  const hi = p + err;
  return [hi, err - (hi - p)];
}

/** base^exponent by plain binary exponentiation (a few roundings; enough to steer Newton's method). */
function plainPower(base: number, exponent: number): number {
  let result = 1;
  let square = base;
  for (let e = exponent; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result *= square;
    if (e > 1) square *= square;
  }
  return result;
}

function pairPower(base: number, exponent: number): Pair {
  let result: Pair = [1, 0];
  let square: Pair = [base, 0];
  for (let e = exponent; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = multiply(result, square);
    if (e > 1) square = multiply(square, square);
  }
  return result;
}

/**
 * base^exponent for a whole exponent ≥ 0, by binary exponentiation carried in
 * double-double and rounded once: the correctly rounded power but for results
 * within about 2^-100 of a halfway point between two doubles.
 */
export function wholePower(base: number, exponent: number): number {
  checkWhole('wholePower exponent', exponent, 0);
  const [hi, lo] = pairPower(base, exponent);
  return hi + lo;
}

/**
 * The n-th root of x ≥ 0. x is first scaled by exact powers of 2^n into
 * [1, 2^n) (the root then scales by powers of 2, also exactly); there Newton's
 * method y ← ((n−1)·y + m / y^(n−1)) / n starts above the root, at
 * min(2, 1 + (m−1)/n) (Bernoulli's inequality), from where the iterates fall
 * monotonically, until a step no longer falls; one more Newton step with the
 * residual m − y^n taken in double-double leaves the correctly rounded root but
 * for results within about 2^-100 of a halfway point.
 */
export function wholeRoot(x: number, n: number): number {
  checkWhole('wholeRoot degree', n, 1);
  if (!(x >= 0) || x === Infinity) throw new Error(`wholeRoot: expected a finite number ≥ 0, found ${x}`);
  if (x === 0 || x === 1 || n === 1) return x;
  if (n > 1000) throw new Error(`wholeRoot: expected a degree up to 1000, found ${n}`);
  const step = wholePower(2, n);
  let m = x;
  let scale = 1;
  while (m >= step) { m /= step; scale *= 2; }
  while (m < 1) { m *= step; scale /= 2; }
  let y = Math.min(2, 1 + (m - 1) / n);
  for (;;) {
    const next = ((n - 1) * y + m / plainPower(y, n - 1)) / n;
    if (!(next < y)) break;
    y = next;
  }
  const [ph, pl] = pairPower(y, n);
  const residual = m - ph - pl;
  return scale * (y + residual / (n * plainPower(y, n - 1)));
}
