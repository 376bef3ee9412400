import { describe, expect, it } from 'vitest';
import { matmulRateAt, memoryTierRateAt, rateCurveAt } from './fit';
import { fitLocalDevice, fitLocalStorage, heldOutCheck, matmulHeldOut, memoryHeldOut } from './local-fit';
import type { MeasuredPoint } from './profile';

const peak = 100e9;
const truth = { maxEfficiency: 0.3, halfWork: 2e6 };
const memTruth = { ceiling: 12e9, halfWork: 5e5 };

function points(): MeasuredPoint[] {
  const pts: MeasuredPoint[] = [];
  for (const s of [16, 32, 64, 128, 256, 512]) {
    const w = 2 * s ** 3;
    const t = w / rateCurveAt(peak, truth, w);
    // Medians carry load from other processes; the busy time is the device's own.
    pts.push({ kind: 'matmul', params: { m: s, n: s, k: s }, medianS: 3 * t, minS: 1.5 * t, busyMinS: t, repeats: 5 });
  }
  for (const n of [1024, 16384, 262144, 4194304]) {
    const bytes = 12 * n;
    const t = bytes / rateCurveAt(memTruth.ceiling, { maxEfficiency: 1, halfWork: memTruth.halfWork }, bytes);
    pts.push({ kind: 'elementwise', params: { elements: n, bytes }, medianS: 2 * t, minS: t, repeats: 5 });
  }
  return pts;
}

describe('fitLocalDevice', () => {
  it('recovers the matmul curve relative to the spec peak from the busy times, and the memory ceiling', () => {
    const d = fitLocalDevice(points(), { device: 'host-test', specPeakFlops: peak, sources: [] });
    expect(d.peakFlops.fp32).toBe(peak);
    expect(d.matmul[0].maxEfficiency).toBeCloseTo(0.3, 6);
    expect(d.matmul[0].halfWork / truth.halfWork).toBeCloseTo(1, 6);
    expect(d.memory.peakBandwidth / memTruth.ceiling).toBeCloseTo(1, 6);
    expect(d.memory.halfWork / memTruth.halfWork).toBeCloseTo(1, 6);
    expect(d.fit!.rmsRelativeError).toBeLessThan(1e-9);
  });

  it('without a spec peak, efficiencies are relative to the fitted ceiling (maxEfficiency 1)', () => {
    const d = fitLocalDevice(points(), { device: 'host-test', sources: [] });
    expect(d.matmul[0].maxEfficiency).toBeCloseTo(1, 9);
    expect(d.peakFlops.fp32! / (peak * truth.maxEfficiency)).toBeCloseTo(1, 6);
  });

  it('stores the DRAM tier as the memory curve and the cache tier beside it when the cache size splits the passes', () => {
    const tiers = { overheadS: 4e-6, bandwidth: 20e9, cacheTier: { bytes: 2 ** 25, bandwidth: 60e9 } };
    const pts = points().filter((p) => p.kind === 'matmul');
    for (const n of [2 ** 10, 2 ** 14, 2 ** 18, 2 ** 20, 2 ** 22, 2 ** 24]) {
      const bytes = 12 * n;
      pts.push({ kind: 'elementwise', params: { elements: n, bytes }, medianS: bytes / memoryTierRateAt(tiers, bytes), repeats: 5 });
    }
    const d = fitLocalDevice(pts, { device: 'host-test', specPeakFlops: peak, cacheBytes: 2 ** 25, sources: [] });
    expect(d.memory.peakBandwidth / 20e9).toBeCloseTo(1, 6);
    expect(d.memory.halfWork / d.memory.peakBandwidth / 4e-6).toBeCloseTo(1, 6);
    expect(d.memory.cacheTier!.bytes).toBe(2 ** 25);
    expect(d.memory.cacheTier!.bandwidth / 60e9).toBeCloseTo(1, 6);
  });

  it('refuses to fit fewer than two matmul points', () => {
    expect(() => fitLocalDevice(points().slice(5), { device: 'x', sources: [] })).toThrow(/fewer than two matmul/);
  });
});

describe('heldOutCheck', () => {
  it('holds out every other interior size, and predicts noiseless held-out points exactly', () => {
    const pts = [1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11].map((work) => ({ work, rate: rateCurveAt(peak, truth, work) }));
    const r = memoryHeldOut(pts, pts.map((p) => String(p.work)));
    const held = r.rows.filter((x) => x.heldOut).map((x) => x.work);
    expect(held).toEqual([1e6, 1e8, 1e10]);
    expect(r.heldOut.maxRelativeError).toBeLessThan(1e-9);
  });

  it('holds out sizes inside the fitted range of their own family, never a family end', () => {
    // Two families of different extent: a held-out point of either must lie between fitted points of the same family.
    const pts = [
      ...[1, 2, 3, 4, 5].map((s) => ({ fam: 'a', size: s, rate: 1 })),
      ...[10, 20, 30, 40].map((s) => ({ fam: 'b', size: s, rate: 1 })),
    ];
    const r = heldOutCheck(pts, (p) => p.size, pts.map((p) => `${p.fam}${p.size}`), () => () => 1, (p) => p.fam, (p) => p.size);
    expect(r.rows.filter((x) => x.heldOut).map((x) => x.label)).toEqual(['a2', 'a4', 'b20']);
    for (const fam of ['a', 'b']) {
      const rows = r.rows.filter((x) => x.family === fam);
      const fitted = rows.filter((x) => !x.heldOut).map((x) => x.work);
      for (const h of rows.filter((x) => x.heldOut)) expect(h.work > Math.min(...fitted) && h.work < Math.max(...fitted)).toBe(true);
    }
  });
});

describe('memoryHeldOut', () => {
  it('predicts held-out passes of both tiers when the cache size splits them', () => {
    const tiers = { overheadS: 5e-6, bandwidth: 25e9, cacheTier: { bytes: 32 * 2 ** 20, bandwidth: 65e9 } };
    const pts = [10, 12, 14, 16, 18, 20, 22, 23, 24].map((e) => 12 * 2 ** e).map((work) => ({ work, rate: memoryTierRateAt(tiers, work) }));
    const r = memoryHeldOut(pts, pts.map((p) => String(p.work)), tiers.cacheTier.bytes);
    // 2^23 elements (96 MiB) is held out and lies beyond the cache: the DRAM tier predicts it.
    expect(r.rows.filter((x) => x.heldOut).map((x) => x.work / 12)).toEqual([2 ** 12, 2 ** 16, 2 ** 20, 2 ** 23]);
    expect(r.heldOut.maxRelativeError).toBeLessThan(1e-9);
    // One curve through both tiers misses the large passes by far more than 15%.
    expect(memoryHeldOut(pts, pts.map((p) => String(p.work))).heldOut.maxRelativeError).toBeGreaterThan(0.15);
  });
});

describe('matmulHeldOut', () => {
  it('predicts held-out token counts of each weight shape and square sizes from the local model (dispatch time not slowed by thin shapes)', () => {
    const curve = { maxEfficiency: 0.5, halfWork: 1e6, skinnyDimension: 4, skinnyAppliesTo: 'compute' as const };
    const shapes: number[][] = [];
    for (const s of [32, 64, 128, 256, 512]) shapes.push([s, s, s]);
    for (const [k, n] of [[256, 1024], [1024, 4096]]) for (const m of [1, 8, 64]) shapes.push([m, n, k]);
    const pts = shapes.map(([m, n, k]) => ({ m, n, k, rate: matmulRateAt(peak, curve, { m, n, k }) }));
    const r = matmulHeldOut(pts, shapes.map((s) => s.join('x')), peak);
    // Held out: squares 64 and 256, and the 8-token product of each weight matrix.
    expect(r.rows.filter((x) => x.heldOut).map((x) => x.label).sort()).toEqual(['256x256x256', '64x64x64', '8x1024x256', '8x4096x1024'].sort());
    expect(r.heldOut.maxRelativeError).toBeLessThan(0.02);
  });
});

describe('fitLocalStorage', () => {
  it('fits per-request latency and bandwidth from sequential runs at several request sizes', () => {
    const alpha = 100e-6;
    const bw = 1e9;
    const seq = [4096, 65536, 1 << 20].map((req): MeasuredPoint => {
      const bytes = 64 << 20;
      const total = (bytes / req) * (alpha + req / bw);
      return { kind: 'storage', params: { op: 'sequential-read', requestBytes: req, bytes }, medianS: total };
    });
    const s = fitLocalStorage([...seq, { kind: 'storage', params: { op: 'random-read', requestBytes: 4096 }, medianS: 2e-4 }], '/data', [])!;
    expect(s.sequentialRead!.alpha / alpha).toBeCloseTo(1, 6);
    expect(s.sequentialRead!.bandwidth / bw).toBeCloseTo(1, 6);
    expect(s.randomRead).toEqual({ iops: 5000, latency: 2e-4, blockBytes: 4096 });
  });
});
