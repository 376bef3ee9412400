import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaBetaTime, fitAlphaBeta, fitMatmulCurve, fitRateCurve, fitTimeLinear, matmulRateAt, rateCurveAt, skinnyFactor, streamedWeightBytes } from './fit';

/** Small seeded generator (mulberry32) so the noisy cases are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fitRateCurve', () => {
  it('recovers maxEfficiency and halfWork exactly from noiseless points', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1, noNaN: true }), fc.double({ min: 1e6, max: 1e11, noNaN: true }), (eff, half) => {
        const peak = 1e15;
        const pts = [1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12].map((work) => ({ work, rate: rateCurveAt(peak, { maxEfficiency: eff, halfWork: half }, work) }));
        const f = fitRateCurve(pts, peak);
        expect(f.curve.maxEfficiency).toBeCloseTo(eff, 6);
        expect(Math.abs(f.curve.halfWork - half) / half).toBeLessThan(1e-6);
        expect(f.report.rmsRelativeError).toBeLessThan(1e-9);
      }),
    );
  });

  it('recovers known parameters within a few percent from data with 5% noise', () => {
    const rand = seeded(7);
    const peak = 989e12;
    const truth = { maxEfficiency: 0.78, halfWork: 5e9 };
    const pts = [];
    for (let i = 0; i < 60; i++) {
      const work = 10 ** (8 + 4 * rand());
      const noise = 1 + 0.05 * (2 * rand() - 1);
      pts.push({ work, rate: rateCurveAt(peak, truth, work) * noise });
    }
    const f = fitRateCurve(pts, peak);
    expect(Math.abs(f.curve.maxEfficiency - truth.maxEfficiency) / truth.maxEfficiency).toBeLessThan(0.03);
    expect(Math.abs(f.curve.halfWork - truth.halfWork) / truth.halfWork).toBeLessThan(0.1);
    // The residual of a correct model is the noise: uniform ±5% has rms 2.9%.
    expect(f.report.rmsRelativeError).toBeGreaterThan(0.015);
    expect(f.report.rmsRelativeError).toBeLessThan(0.04);
  });

  it('holds the fixed overhead when asked and fits only the ceiling', () => {
    const f = fitRateCurve([{ work: 1e11, rate: 271.2e12 }], 312e12, 6.64e-6);
    expect(f.curve.halfWork / f.maxRate).toBeCloseTo(6.64e-6, 12);
    expect(rateCurveAt(312e12, f.curve, 1e11)).toBeCloseTo(271.2e12, -6);
  });
});

describe('fitAlphaBeta', () => {
  it('recovers latency and bandwidth of a link from noisy timings', () => {
    const rand = seeded(11);
    const truth = { alpha: 12e-6, bandwidth: 180e9 };
    const pts = [];
    for (let s = 8; s <= 8 * 2 ** 27; s *= 2) pts.push({ bytes: s, timeS: alphaBetaTime(truth, s) * (1 + 0.04 * (2 * rand() - 1)) });
    const { fit, report } = fitAlphaBeta(pts);
    expect(Math.abs(fit.alpha - truth.alpha) / truth.alpha).toBeLessThan(0.05);
    expect(Math.abs(fit.bandwidth - truth.bandwidth) / truth.bandwidth).toBeLessThan(0.05);
    expect(report.maxRelativeError).toBeLessThan(0.06);
  });
});

describe('fitMatmulCurve with the skinny factor on the compute time only', () => {
  it('recovers the dispatch time, ceiling and skinny dimension of t = t0 + W / (Rmax·s)', () => {
    const peak = 100e9;
    const t0 = 20e-6;
    const rmax = 30e9;
    const dHalf = 2;
    const shapes: number[][] = [];
    for (const s of [32, 64, 128, 256, 512]) shapes.push([s, s, s]);
    for (const m of [1, 8, 64]) for (const [k, n] of [[256, 1024], [1024, 256], [1024, 4096]]) shapes.push([m, n, k]);
    const pts = shapes.map(([m, n, k]) => {
      const w = 2 * m * n * k;
      const s = skinnyFactor(m, n, k, dHalf);
      return { m, n, k, rate: w / (t0 + w / (rmax * s)) };
    });
    const f = fitMatmulCurve(pts, peak, undefined, 'compute');
    expect(f.skinnyAppliesTo).toBe('compute');
    expect(f.maxRate / rmax).toBeCloseTo(1, 2);
    expect(f.curve.halfWork / f.maxRate / t0).toBeCloseTo(1, 1);
    // d½ is searched on a grid of quarter powers of two, which holds 2 exactly.
    expect(f.skinnyDimension).toBe(dHalf);
    expect(f.report.maxRelativeError).toBeLessThan(1e-6);
    // The same data under the whole-rate form, where a thin shape also slows the dispatch, fits worse.
    expect(fitMatmulCurve(pts, peak).report.rmsRelativeError).toBeGreaterThan(10 * f.report.rmsRelativeError);
    for (const [m, n, k] of shapes) expect(matmulRateAt(peak, { ...f.curve, skinnyDimension: f.skinnyDimension, skinnyAppliesTo: 'compute' }, { m, n, k }) > 0).toBe(true);
  });

  it('never returns a ceiling from a time that falls with the work (a cold first point)', () => {
    const pts = [
      { m: 32, n: 32, k: 32, rate: 2 * 32 ** 3 / 100e-6 },
      { m: 64, n: 64, k: 64, rate: 2 * 64 ** 3 / 50e-6 },
    ];
    const f = fitMatmulCurve(pts, 1e12, undefined, 'compute');
    expect(f.maxRate).toBeGreaterThan(0);
    expect(f.curve.halfWork).toBeGreaterThanOrEqual(0);
  });
});


describe("fitMatmulCurve with a local kernel's terms", () => {
  // Shapes of the quick sweep: squares, and 1 MiB and 16 MiB weight matrices applied to 1, 8 and 64 rows.
  const shapes: number[][] = [];
  for (const s of [32, 64, 128, 192, 256, 384, 512, 768]) shapes.push([s, s, s]);
  for (const m of [1, 8, 64]) for (const [k, n] of [[256, 1024], [1024, 256], [1024, 4096], [4096, 1024]]) shapes.push([m, n, k]);
  const peak = 268e9;
  const t0 = 4e-6;
  const rmax = 40e9;
  const pass = { rowsPerPass: 4, beyondBytes: 4 * 2 ** 20, bytesPerElement: 4 };
  const aliasing = { setSpanBytes: 4096, bytesPerElement: 4 };

  it('recovers the re-streaming bandwidth of t = t0 + W/Rmax + ⌈m/4⌉·4kn/B from noisy times (weights over 4 MiB only)', () => {
    const rand = seeded(7);
    const bandwidth = 60e9;
    const pts = shapes.map(([m, n, k]) => {
      const w = 2 * m * n * k;
      const t = t0 + w / rmax + streamedWeightBytes({ ...pass }, { m, n, k }) / bandwidth;
      return { m, n, k, rate: (w / t) * (1 + 0.02 * (2 * rand() - 1)) };
    });
    const f = fitMatmulCurve(pts, peak, undefined, 'compute', { weightPass: pass });
    expect(f.weightStreaming?.rowsPerPass).toBe(4);
    expect(Math.abs(f.weightStreaming!.bandwidth / bandwidth - 1)).toBeLessThan(0.1);
    expect(Math.abs(f.maxRate / rmax - 1)).toBeLessThan(0.03);
    expect(f.report.maxRelativeError).toBeLessThan(0.05);
    // Without the term the 16 MiB shapes are fitted as if they ran at the in-cache rate.
    expect(fitMatmulCurve(pts, peak, undefined, 'compute').report.rmsRelativeError).toBeGreaterThan(2 * f.report.rmsRelativeError);
  });

  it('recovers the compute-time factor of shapes whose B row stride is a multiple of the L1 set span', () => {
    const rand = seeded(11);
    const factor = 1.4;
    const pts = shapes.map(([m, n, k]) => {
      const w = 2 * m * n * k;
      const t = t0 + ((n * 4) % 4096 === 0 ? factor : 1) * (w / rmax);
      return { m, n, k, rate: (w / t) * (1 + 0.02 * (2 * rand() - 1)) };
    });
    const f = fitMatmulCurve(pts, peak, undefined, 'compute', { columnAliasing: aliasing, weightPass: pass });
    expect(f.columnAliasing?.computeTimeFactor).toBeCloseTo(factor, 1);
    // The data carry no re-streaming, so that term does not earn its place.
    expect(f.weightStreaming).toBeUndefined();
    expect(f.report.maxRelativeError).toBeLessThan(0.05);
  });

  it('adds no term to data that have none (each must lower the rms error by a tenth)', () => {
    const rand = seeded(3);
    const pts = shapes.map(([m, n, k]) => {
      const w = 2 * m * n * k;
      return { m, n, k, rate: (w / (t0 + w / rmax)) * (1 + 0.02 * (2 * rand() - 1)) };
    });
    const f = fitMatmulCurve(pts, peak, undefined, 'compute', { weightPass: pass, columnAliasing: aliasing });
    expect(f.weightStreaming).toBeUndefined();
    expect(f.columnAliasing).toBeUndefined();
  });

  it('predicts with the same terms it fitted: matmulRateAt of the fitted curve reproduces the fit report', () => {
    const pts = shapes.map(([m, n, k]) => {
      const w = 2 * m * n * k;
      return { m, n, k, rate: w / (t0 + w / rmax + streamedWeightBytes(pass, { m, n, k }) / 50e9) };
    });
    const f = fitMatmulCurve(pts, peak, undefined, 'compute', { weightPass: pass });
    for (const p of pts) expect(matmulRateAt(peak, { ...f.curve, ...f }, p) / p.rate).toBeCloseTo(1, 6);
  });
});

describe('fitTimeLinear', () => {
  it('solves t = a·x1 + b·x2 + c exactly on exact data, and refuses a non-positive slope', () => {
    const pts = [
      [1, 0],
      [2, 0],
      [1, 3],
      [4, 1],
      [3, 5],
    ].map(([x1, x2]) => ({ x: [x1, x2], y: 2 * x1 + 0.5 * x2 + 1 }));
    const f = fitTimeLinear(pts)!;
    expect(f.slopes[0]).toBeCloseTo(2, 9);
    expect(f.slopes[1]).toBeCloseTo(0.5, 9);
    expect(f.intercept).toBeCloseTo(1, 9);
    expect(fitTimeLinear(pts.map((p) => ({ ...p, y: 2 * p.x[0] + 1 - 0.1 * p.x[1] })))).toBeUndefined();
  });
});
