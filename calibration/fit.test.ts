import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/engine/rng';
import { alphaBetaTime, fitAlphaBeta, fitMatmulCurve, fitRateCurve, matmulRateAt, rateCurveAt, skinnyFactor } from './fit';

/** The engine's seeded generator, so the noisy cases are reproducible. */
const seeded = (seed: number): (() => number) => {
  const rng = new Rng(seed);
  return () => rng.next();
};

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
