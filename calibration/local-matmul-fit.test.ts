import { describe, expect, it } from 'vitest';
import { Rng } from '../sim/engine/rng';
import { matmulRateAt, streamedWeightBytes } from './fit';
import { withDramTier } from './local-fit';
import { fitLocalMatmulCurve, fitTimeLinear } from './local-matmul-fit';
import { weightStreamingTime } from './shape';

/** The engine's seeded generator, so the noisy cases are reproducible. */
const seeded = (seed: number): (() => number) => {
  const rng = new Rng(seed);
  return () => rng.next();
};

describe("fitLocalMatmulCurve: a local kernel's terms", () => {
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
    const f = fitLocalMatmulCurve(pts, peak, { weightPass: pass });
    expect(f.weightStreaming?.rowsPerPass).toBe(4);
    expect(Math.abs(f.weightStreaming!.bandwidth / bandwidth - 1)).toBeLessThan(0.1);
    expect(Math.abs(f.maxRate / rmax - 1)).toBeLessThan(0.03);
    expect(f.report.maxRelativeError).toBeLessThan(0.05);
    // Without the term the 16 MiB shapes are fitted as if they ran at the in-cache rate.
    expect(fitLocalMatmulCurve(pts, peak).report.rmsRelativeError).toBeGreaterThan(2 * f.report.rmsRelativeError);
  });

  it('recovers the compute-time factor of shapes whose B row stride is a multiple of the L1 set span', () => {
    const rand = seeded(11);
    const factor = 1.4;
    const pts = shapes.map(([m, n, k]) => {
      const w = 2 * m * n * k;
      const t = t0 + ((n * 4) % 4096 === 0 ? factor : 1) * (w / rmax);
      return { m, n, k, rate: (w / t) * (1 + 0.02 * (2 * rand() - 1)) };
    });
    const f = fitLocalMatmulCurve(pts, peak, { columnAliasing: aliasing, weightPass: pass });
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
    const f = fitLocalMatmulCurve(pts, peak, { weightPass: pass, columnAliasing: aliasing });
    expect(f.weightStreaming).toBeUndefined();
    expect(f.columnAliasing).toBeUndefined();
  });

  it('predicts with the same terms it fitted: matmulRateAt of the fitted curve reproduces the fit report', () => {
    const pts = shapes.map(([m, n, k]) => {
      const w = 2 * m * n * k;
      return { m, n, k, rate: w / (t0 + w / rmax + streamedWeightBytes(pass, { m, n, k }) / 50e9) };
    });
    const f = fitLocalMatmulCurve(pts, peak, { weightPass: pass });
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

describe('weights beyond the whole last-level cache', () => {
  it('stream at the run’s DRAM bandwidth, a known term: the fit still recovers the shared-cache bandwidth of the 16 MiB weights', () => {
    const rand = seeded(5);
    const pass = { rowsPerPass: 4, beyondBytes: 4 * 2 ** 20, bytesPerElement: 4, dram: { beyondBytes: 32 * 2 ** 20, bandwidth: 30e9 } };
    const truth = { ...pass, bandwidth: 80e9 };
    const shapes: number[][] = [];
    for (const s of [64, 128, 256, 512]) shapes.push([s, s, s]);
    // 1 MiB, 16 MiB (shared cache) and 64 MiB (DRAM) of weights, as in the full sweep.
    for (const m of [1, 4, 16]) for (const [k, n] of [[256, 1024], [1024, 4096], [2048, 8192]]) shapes.push([m, n, k]);
    const pts = shapes.map(([m, n, k]) => {
      const w = 2 * m * n * k;
      return { m, n, k, rate: (w / (4e-6 + w / 40e9 + weightStreamingTime(truth, { m, n, k }))) * (1 + 0.02 * (2 * rand() - 1)) };
    });
    // 1 row × 8192×2048 weights: 67 MB from DRAM at 30 GB/s (2.2 ms) after 0.84 ms of compute.
    expect(streamedWeightBytes(pass, { m: 1, n: 8192, k: 2048 }, 'dram')).toBe(4 * 8192 * 2048);
    expect(streamedWeightBytes(pass, { m: 1, n: 8192, k: 2048 }, 'cache')).toBe(0);
    const f = fitLocalMatmulCurve(pts, 268e9, { weightPass: pass });
    expect(Math.abs(f.weightStreaming!.bandwidth / 80e9 - 1)).toBeLessThan(0.15);
    expect(f.weightStreaming!.dram).toEqual(pass.dram);
    expect(f.report.maxRelativeError).toBeLessThan(0.05);
  });

  it('take their DRAM bandwidth from the memory passes’ DRAM tier, and only where there is a cache tier to be beyond', () => {
    const kernel = { weightPass: { rowsPerPass: 4, beyondBytes: 4 * 2 ** 20, bytesPerElement: 4 } };
    expect(withDramTier(kernel, { bandwidth: 33e9, cacheTier: { bytes: 32 * 2 ** 20, bandwidth: 80e9 } }).weightPass?.dram).toEqual({ beyondBytes: 32 * 2 ** 20, bandwidth: 33e9 });
    expect(withDramTier(kernel, { bandwidth: 33e9 }).weightPass?.dram).toBeUndefined();
    expect(withDramTier(undefined, { bandwidth: 33e9 })).toEqual({});
  });
});
