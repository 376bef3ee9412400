/**
 * exp, log, log1p, sin, cos, cbrt and pow that give the same bits in every
 * JavaScript engine.
 *
 * ECMA-262 (§21.3.2) leaves Math.exp, log, log1p, sin, cos, cbrt, pow (and
 * `**`) "implementation-approximated", and V8 changed them between Node 20
 * (V8 11.3) and Chromium 156: last-bit differences measured 2026-11-25 on 424
 * inputs of exp/log/log1p/sin/cos/cbrt. Results must not depend on where they
 * were computed, so whatever reaches a RunResult uses these instead.
 *
 * Each is built only from what the standard pins to the bit: + − × ÷ and
 * Math.sqrt (IEEE 754 correctly rounded; JavaScript never fuses a multiply and
 * an add), Math.floor/abs, exact scaling by powers of two, reading a double's
 * exponent through a Float64Array, and BigInt for huge sine arguments. The
 * method, per function:
 *  - exp: Cody & Waite's reduction x = k·ln2 + r, |r| ≤ ln2/2 with ln2 split so
 *    that k·ln2_hi is exact (Cody & Waite, "Software Manual for the Elementary
 *    Functions", 1980); e^r by its Taylor series to r^13 (remainder < 2^-57),
 *    the final 1 + r + … summed so that only the last addition rounds (Tang,
 *    "Table-driven implementation of the exponential function", ACM TOMS 15,
 *    1989, §2 on the order of the final additions).
 *  - log, log1p: x = 2^e·m with m in [√2/2, √2]; ln m = 2·atanh(s),
 *    s = (m−1)/(m+1), |s| ≤ 0.1716, series in s² to s^21; the leading f − f²/2
 *    is kept apart from the small rest so the last addition dominates the error.
 *  - sin, cos: reduction by multiples of π/2 with π/2 in three parts (33 + 33 +
 *    53 bits) while |x| < 2^20·π/2, else Payne & Hanek's reduction ("Radian
 *    reduction for trigonometric functions", SIGNUM Newsletter 18, 1983) with
 *    2/π to 1,280 bits computed once in BigInt from Machin's formula; Taylor
 *    series on |r| ≤ π/4 (to r^17 for sin, r^18 for cos).
 *  - cbrt: three Newton steps from a tangent line, then one more
 *    whose residual m − y³ is exact (Dekker's two-product, Numer. Math. 18, 1971).
 *  - pow(x, y) = exp(y·ln x), with ln x carried in double-double (about 2^-64
 *    relative: its first two series terms in double-double) and y·ln x formed
 *    exactly, so that the error stays within 2 ulp even where |y·ln x| nears
 *    709; ECMA-262's special cases (zeros, infinities, NaN, negative bases) hold.
 * Measured 2026-11-25 (Node 20.20, V8 11.3): within 1 ulp of Math.* on 10^5
 * seeded inputs per domain (portable-math.test.ts); correctly rounded on
 * 92.6–100% of 20,000 inputs per function against mpmath at 200 bits, where
 * V8's Math.* is on 90.0–96.7%. Cost: exp, sin, cos, log, log1p 1.2–2.6× Math.*'s
 * time (18–45 ns a call), pow 1.6× (~170 ns), cbrt 3–5× (~80–120 ns: Newton's method).
 * Chromium 156 gives the same bits (test/browser/same-bits-des.test.ts).
 */

// ---- reading a double's exponent, and exact powers of two ----

const word = new Float64Array(1);
const words = new Uint32Array(word.buffer);
word[0] = 1;
/** Index of the word holding sign, exponent and the top 20 fraction bits (1 on little-endian hosts). */
const HIGH = words[1] === 0x3ff00000 ? 1 : 0;
const LOW = 1 - HIGH;

/** 2^k for k in [−1074, 1023] at index k + 1074, by exact doubling and halving. */
const powersOfTwo = new Float64Array(2098);
for (let k = 0, p = 1; k <= 1023; k++, p *= 2) powersOfTwo[k + 1074] = p;
for (let k = 0, p = 1; k >= -1074; k--, p /= 2) powersOfTwo[k + 1074] = p;
const TWO_POW_54 = powersOfTwo[54 + 1074];
const SMALLEST_NORMAL = powersOfTwo[-1022 + 1074];

/** v·2^k for k in [−1075, 1024], rounding once (v is near 1). */
function scaleByPowerOfTwo(v: number, k: number): number {
  if (k > 1023) return v * 2 * powersOfTwo[k - 1 + 1074];
  if (k < -1021) return v * powersOfTwo[k + 54 + 1074] * powersOfTwo[-54 + 1074];
  return v * powersOfTwo[k + 1074];
}

// ---- constants (digits from mpmath at 400 bits, 2026-11-25; ln 2: OEIS A002162, π/2: A019669) ----

/** ln 2 to 32 bits (so k·LN2_HI is exact for |k| < 2^21) and the rest. */
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const INV_LN2 = 1.4426950408889634;
/** π/2 = P1 + P2 + P3: 33, 33 and 53 bits (k·P1, k·P2 exact for |k| < 2^20). */
const PIO2_1 = 1.5707963267341256;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_3 = 2.0222662487959506e-21;
/** π/2 as a double-double. */
const PIO2_HI = 1.5707963267948966;
const PIO2_LO = 6.123233995736766e-17;
const TWO_OVER_PI = 0.6366197723675814;
const SQRT2 = 1.4142135623730951;
const HALF_SQRT2 = 0.7071067811865476;
const QUARTER_SQRT2 = 0.3535533905932738;
const PI_OVER_4 = 0.7853981633974483;
/** Above this, Cody–Waite's k·P1 would no longer be exact: 2^20·π/2. */
const MEDIUM_ARGUMENT = 1647099.3291652855;

/** 1/n!, each one division of exact integers (n! < 2^53 for n ≤ 18). */
const inverseFactorial: number[] = [];
for (let n = 0, f = 1; n <= 18; n++, f *= n || 1) inverseFactorial.push(1 / f);
const F = inverseFactorial;
/** 2/(2n+1) for n = 1..10: the atanh series' coefficients. */
const A = Array.from({ length: 11 }, (_, n) => 2 / (2 * n + 1));

// ---- double-double helpers (Dekker 1971) ----

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp's split)
let productError = 0;
/** Rounded a·b; its exact error is left in productError. */
function twoProduct(a: number, b: number): number {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  productError = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}

// ---- exp ----

/** e^(r + rlo) for |r| ≤ ~0.35, |rlo| ≤ ulp(r): 1 + r + r²·P(r), rounded once at the end. */
function expNearZero(r: number, rlo: number): number {
  const tail = r * r * (F[2] + r * (F[3] + r * (F[4] + r * (F[5] + r * (F[6] + r * (F[7] + r * (F[8] + r * (F[9] + r * (F[10] + r * (F[11] + r * (F[12] + r * F[13])))))))))));
  const a = 1 + r;
  const lost = r - (a - 1); // a − 1 is exact (Sterbenz), so this is 1 + r's rounding error
  return a + (lost + (tail + rlo * a));
}

/** e^(hi + lo) for a double-double argument. */
function expOfPair(hi: number, lo: number): number {
  if (hi > 709.8) return Infinity;
  if (hi < -745.2) return 0;
  const k = Math.floor(hi * INV_LN2 + 0.5);
  const reduced = hi - k * LN2_HI; // exact: k·LN2_HI is exact and close to hi (Sterbenz)
  const minus = k * LN2_LO - lo;
  const r = reduced - minus;
  const back = reduced - r;
  const rlo = reduced - (r + back) + (back - minus); // Knuth's two-sum: r + rlo = reduced − minus exactly
  return scaleByPowerOfTwo(expNearZero(r, rlo), k);
}

export function exp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) < 5.551115123125783e-17) return 1 + x; // |x| < 2^-54: e^x rounds to 1 + x
  return expOfPair(x, 0);
}

// ---- log, log1p ----

/**
 * e·ln2 + ln(1 + f) + c for f in [√2/2 − 1, √2 − 1] and a small correction c.
 * With s = f/(2+f): ln(1+f) = 2·atanh(s) = f − f²/2 + s·(f²/2 + R), R = Σ 2s^(2n)/(2n+1).
 */
function logAssemble(e: number, f: number, c: number): number {
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (A[1] + z * (A[2] + z * (A[3] + z * (A[4] + z * (A[5] + z * (A[6] + z * (A[7] + z * (A[8] + z * (A[9] + z * A[10])))))))));
  const halfSquare = 0.5 * f * f;
  return e * LN2_HI - ((halfSquare - (s * (halfSquare + R) + (e * LN2_LO + c))) - f);
}

let splitExponent = 0;
/** m in [√2/2, √2] with x = 2^splitExponent·m, for finite x > 0. */
function splitMantissa(x: number): number {
  // The RNG's arguments mostly lie in [√2/4, √2]: there m is x or 2x, without a trip through memory.
  if (x <= SQRT2 && x >= QUARTER_SQRT2) {
    if (x >= HALF_SQRT2) {
      splitExponent = 0;
      return x;
    }
    splitExponent = -1;
    return 2 * x;
  }
  let e = 0;
  if (x < SMALLEST_NORMAL) {
    x *= TWO_POW_54;
    e = -54;
  }
  word[0] = x;
  const high = words[HIGH];
  e += (high >>> 20) - 1023;
  words[HIGH] = (high & 0xfffff) | 0x3ff00000;
  let m = word[0];
  if (m > SQRT2) {
    m *= 0.5;
    e++;
  }
  splitExponent = e;
  return m;
}

export function log(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  const m = splitMantissa(x);
  return logAssemble(splitExponent, m - 1, 0);
}

export function log1p(x: number): number {
  if (!(x > -1)) return x === -1 ? -Infinity : NaN;
  if (x === Infinity) return x;
  if (Math.abs(x) < 5.551115123125783e-17) return x; // ln(1+x) = x − x²/2…: rounds to x (and keeps −0)
  if (x > -0.2928932188134524 && x < 0.41421356237309503) return logAssemble(0, x, 0);
  const u = 1 + x;
  const back = u - x;
  const lost = 1 - back + (x - (u - back)); // 1 + x = u + lost exactly (Knuth's two-sum)
  const m = splitMantissa(u);
  return logAssemble(splitExponent, m - 1, lost / u);
}

/** 2/3 as a double-double (the atanh series' first coefficient, carried exactly enough for pow). */
const TWO_THIRDS_HI = 2 / 3;
const TWO_THIRDS_LO = (2 - twoProduct(3, TWO_THIRDS_HI) - productError) / 3;

/**
 * ln x for finite x > 0 as a double-double (about 2^-64 relative), for pow:
 * ln m = 2s + (2/3)s³ + s⁵·Σ 2s^(2n)/(2n+5), with s = f/(2+f) and the first
 * two terms carried in double-double; the low part is left in logLow.
 */
let logLow = 0;
function logPair(x: number): number {
  const m = splitMantissa(x);
  const e = splitExponent;
  const f = m - 1;
  const eHi = e * LN2_HI; // exact
  if (f === 0) {
    logLow = e * LN2_LO;
    return eHi;
  }
  const t = 2 + f;
  const tLow = f - (t - 2); // 2 + f = t + tLow exactly
  const sHi = f / t;
  const p = twoProduct(sHi, t);
  const sLo = (f - p - productError - sHi * tLow) / t; // s = sHi + sLo
  const z = twoProduct(sHi, sHi);
  const zLow = productError;
  const cube = twoProduct(sHi, z);
  const cubeLow = productError + sHi * zLow + 3 * z * sLo; // s³ = cube + cubeLow
  const third = twoProduct(TWO_THIRDS_HI, cube);
  const thirdLow = productError + TWO_THIRDS_HI * cubeLow + TWO_THIRDS_LO * cube;
  const rest = cube * z * (A[2] + z * (A[3] + z * (A[4] + z * (A[5] + z * (A[6] + z * (A[7] + z * (A[8] + z * (A[9] + z * A[10]))))))));
  // 2sHi + third, exactly (Knuth's two-sum), then e·ln2 in front of it.
  const twoS = 2 * sHi;
  const h = twoS + third;
  const hb = h - twoS;
  const l = twoS - (h - hb) + (third - hb) + (thirdLow + 2 * sLo + rest);
  const H = eHi + h;
  const Hb = H - eHi;
  const L = eHi - (H - Hb) + (h - Hb) + (l + e * LN2_LO);
  const sum = H + L;
  logLow = L - (sum - H);
  return sum;
}

// ---- sin, cos ----

let reducedLow = 0;
let quadrant = 0;

/** 2/π·2^1280, rounded down, computed on first need. */
let twoOverPiScaled: bigint | undefined;
const FRACTION_BITS = 1280n;
/** atan(1/n)·2^bits, rounded down (Gregory's series). */
function arctanInverse(n: bigint, bits: bigint): bigint {
  const one = 1n << bits;
  let power = one / n;
  let sum = power;
  const n2 = n * n;
  for (let k = 1n; power !== 0n; k++) {
    power /= n2;
    sum += (k % 2n === 1n ? -power : power) / (2n * k + 1n);
  }
  return sum;
}
function twoOverPi(): bigint {
  if (twoOverPiScaled === undefined) {
    const guard = FRACTION_BITS + 64n;
    const pi = 16n * arctanInverse(5n, guard) - 4n * arctanInverse(239n, guard); // Machin (1706)
    twoOverPiScaled = (1n << (FRACTION_BITS + 1n + guard)) / pi;
  }
  return twoOverPiScaled;
}

/** Payne–Hanek: x = quadrant·π/2 + (r + reducedLow) for finite x ≥ 2^20·π/2, exactly enough. */
function reduceLarge(x: number): number {
  word[0] = x;
  const high = words[HIGH];
  const mantissa = BigInt((high & 0xfffff) | 0x100000) * 4294967296n + BigInt(words[LOW]);
  const exponent = BigInt(((high >>> 20) & 0x7ff) - 1075);
  const product = mantissa * twoOverPi(); // x·(2/π)·2^(1280 − exponent)
  const shift = FRACTION_BITS - exponent;
  quadrant = Number((product >> shift) & 3n);
  let fraction = (product >> (shift - 120n)) & ((1n << 120n) - 1n); // 120 bits below the binary point
  if (fraction >= 1n << 119n) {
    fraction -= 1n << 120n;
    quadrant = (quadrant + 1) & 3;
  }
  const fHi = Number(fraction);
  const fLo = Number(fraction - BigInt(fHi));
  const scale = powersOfTwo[-120 + 1074];
  const rHi = twoProduct(fHi * scale, PIO2_HI);
  const rLo = productError + fHi * scale * PIO2_LO + fLo * scale * PIO2_HI;
  const r = rHi + rLo;
  reducedLow = rLo - (r - rHi);
  return r;
}

/** x = quadrant·π/2 + (r + reducedLow), |r| ≤ ~π/4, for finite x; returns r. */
function reduce(x: number): number {
  const a = Math.abs(x);
  if (a <= PI_OVER_4) {
    quadrant = 0;
    reducedLow = 0;
    return x;
  }
  if (a >= MEDIUM_ARGUMENT) {
    const r = reduceLarge(a);
    if (x > 0) return r;
    quadrant = -quadrant & 3;
    reducedLow = -reducedLow;
    return -r;
  }
  const k = Math.floor(x * TWO_OVER_PI + 0.5);
  const t = x - k * PIO2_1; // exact (Sterbenz)
  const w = k * PIO2_2; // exact
  const r0 = t - w;
  const back = r0 - t;
  const lost = t - (r0 - back) + (-w - back); // t − w = r0 + lost exactly
  const low = lost - k * PIO2_3;
  const r = r0 + low;
  reducedLow = low - (r - r0);
  quadrant = k & 3;
  return r;
}

/** sin(r + rlo) for |r| ≤ ~π/4. */
function sinKernel(r: number, rlo: number): number {
  const z = r * r;
  const series = z * (-F[3] + z * (F[5] + z * (-F[7] + z * (F[9] + z * (-F[11] + z * (F[13] + z * (-F[15] + z * F[17])))))));
  return r + (r * series + rlo * (1 - 0.5 * z));
}

/** cos(r + rlo) for |r| ≤ ~π/4. */
function cosKernel(r: number, rlo: number): number {
  const z = r * r;
  const half = 0.5 * z;
  const w = 1 - half;
  const series = z * z * (F[4] + z * (-F[6] + z * (F[8] + z * (-F[10] + z * (F[12] + z * (-F[14] + z * (F[16] + z * -F[18])))))));
  return w + (1 - w - half + (series - r * rlo));
}

export function sin(x: number): number {
  if (Math.abs(x) < 7.450580596923828e-9) return x; // |x| < 2^-27: x³/6 is below half an ulp of x (keeps −0)
  if (!Number.isFinite(x)) return NaN;
  const r = reduce(x);
  const rlo = reducedLow;
  switch (quadrant) {
    case 0: return sinKernel(r, rlo);
    case 1: return cosKernel(r, rlo);
    case 2: return -sinKernel(r, rlo);
    default: return -cosKernel(r, rlo);
  }
}

export function cos(x: number): number {
  if (Math.abs(x) < 7.450580596923828e-9) return 1; // 1 − x²/2 rounds to 1
  if (!Number.isFinite(x)) return NaN;
  const r = reduce(x);
  const rlo = reducedLow;
  switch (quadrant) {
    case 0: return cosKernel(r, rlo);
    case 1: return -sinKernel(r, rlo);
    case 2: return -cosKernel(r, rlo);
    default: return sinKernel(r, rlo);
  }
}

// ---- cbrt ----

export function cbrt(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x; // ±0, ±∞, NaN
  let a = Math.abs(x);
  let e = 0;
  if (a < SMALLEST_NORMAL) {
    a *= TWO_POW_54;
    e = -54;
  }
  word[0] = a;
  const high = words[HIGH];
  e += (high >>> 20) - 1023;
  words[HIGH] = (high & 0xfffff) | 0x3ff00000;
  const third = Math.floor(e / 3);
  const m = word[0] * powersOfTwo[e - 3 * third + 1074]; // in [1, 8)
  // Start on the tangent of ∛ at a point c of m's octave (within 1.8% of the root); each Newton step
  // squares the relative error: 1.8e-2, 3e-4, 1e-7, 1e-14, and the last one, with its residual
  // exact, takes that below 2^-90.
  const c = m < 2 ? 1.1447142425533319 : m < 4 ? 1.4422495703074083 : 1.8171205928321397; // ≈ ∛1.5, ∛3, ∛6
  let y = c + (m - c * c * c) / (3 * c * c);
  for (let step = 0; step < 3; step++) y = (2 * y + m / (y * y)) / 3;
  const square = twoProduct(y, y);
  const squareError = productError;
  const cube = twoProduct(y, square);
  const residual = m - cube - productError - y * squareError; // m − y³, exact but for the last product
  const root = y + residual / (3 * y * y);
  return (x < 0 ? -root : root) * powersOfTwo[third + 1074];
}

// ---- pow ----

function isOddInteger(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y) < 9007199254740992 && y % 2 !== 0;
}

/** x^y, with ECMA-262's special cases (Number::exponentiate). */
export function pow(x: number, y: number): number {
  if (Number.isNaN(y)) return NaN;
  if (y === 0) return 1;
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (y === Infinity || y === -Infinity) {
    if (a === 1) return NaN;
    return a > 1 === y > 0 ? Infinity : 0;
  }
  if (a === Infinity || a === 0) {
    const big = (a === Infinity) === y > 0;
    const negative = x < 0 || Object.is(x, -0) ? isOddInteger(y) : false;
    return big ? (negative ? -Infinity : Infinity) : negative ? -0 : 0;
  }
  let sign = 1;
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    if (isOddInteger(y)) sign = -1;
  }
  if (a === 1) return sign;
  if (y === 1) return x;
  const lHi = logPair(a);
  const lLo = logLow;
  const hi = twoProduct(y, lHi);
  if (!(Math.abs(hi) < 800)) return sign * (hi > 0 ? Infinity : 0);
  const lo = productError + y * lLo;
  const zHi = hi + lo;
  return sign * expOfPair(zHi, lo - (zHi - hi));
}
