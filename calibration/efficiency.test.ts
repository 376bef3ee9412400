import { describe, expect, it } from 'vitest';
import type { DeviceSpec } from '../sim/hardware/types';
import { builtinProfile } from './builtin';
import { isCalibrated, matmulRate, memoryRate, uncalibratedMatmul } from './efficiency';

const device = (id: string, bf16: number, bw: number): DeviceSpec => ({ id, name: id, vendor: 'x', kind: 'gpu', releaseYear: 2023, peakFlops: { bf16 }, memoryBytes: 80e9, memoryBandwidth: bw, tdpW: 700, sources: [] });

describe('matmulRate and memoryRate on the built-in profile', () => {
  it('an H100 8192³ BF16 GEMM is predicted within 5% of the maximum achievable 794.5 TFLOP/s (MAMF; measured: +3.8%)', () => {
    const r = matmulRate(builtinProfile, device('h100-sxm', 989e12, 3.35e12), 'bf16', 8192, 8192, 8192);
    expect(Math.abs(r / 794.5e12 - 1)).toBeLessThan(0.05);
  });

  it("uses the profile's reference peak, so a catalog that quotes another peak gets the same measured rate", () => {
    const a = matmulRate(builtinProfile, device('gaudi3', 1835e12, 3.7e12), 'bf16', 8192, 8192, 8192);
    const b = matmulRate(builtinProfile, device('gaudi3', 1677e12, 3.7e12), 'bf16', 8192, 8192, 8192);
    expect(a).toBe(b);
  });

  it('grows with the size of the operation and never exceeds the fitted ceiling', () => {
    const d = device('a100-80gb-sxm', 312e12, 2.039e12);
    let last = 0;
    for (const s of [64, 256, 1024, 4096, 16384]) {
      const r = matmulRate(builtinProfile, d, 'bf16', s, s, s);
      expect(r).toBeGreaterThan(last);
      expect(r).toBeLessThan(312e12 * 0.9);
      last = r;
    }
  });

  it('falls back to the generic curve for an unknown device, and says it is uncalibrated', () => {
    const d = device('mystery', 100e12, 1e12);
    const w = 2 * 4096 ** 3;
    expect(matmulRate(builtinProfile, d, 'bf16', 4096, 4096, 4096)).toBeCloseTo((100e12 * uncalibratedMatmul.maxEfficiency * w) / (w + uncalibratedMatmul.halfWork), 0);
    expect(isCalibrated(builtinProfile, 'mystery', 'bf16')).toBe(false);
    expect(isCalibrated(builtinProfile, 'h100-sxm', 'bf16')).toBe(true);
  });

  it('memory passes approach the sustained fraction of the spec bandwidth, and 0 bytes take no rate', () => {
    const d = device('h200-sxm', 989e12, 4.8e12);
    expect(memoryRate(builtinProfile, d, 1e10) / 4.8e12).toBeGreaterThan(0.8);
    expect(memoryRate(builtinProfile, d, 1e10) / 4.8e12).toBeLessThanOrEqual(0.83);
    expect(memoryRate(builtinProfile, d, 0)).toBe(0);
  });
});

describe('local-fit curve forms', () => {
  const host = device('local-host', 100e9, 30e9);
  host.peakFlops.fp32 = 100e9;
  const profile = (memory: Record<string, unknown>, matmul: Record<string, unknown>) => ({
    ...builtinProfile,
    devices: [{ device: 'local-host', peakFlops: { fp32: 100e9 }, matmul: [{ precision: 'fp32' as const, maxEfficiency: 0.5, halfWork: 1e6, ...matmul }], memory: { maxEfficiency: 1, halfWork: 3e4, peakBandwidth: 30e9, ...memory } }],
  });

  it("skinnyAppliesTo 'compute': a call takes t0 + W / (Rmax·s), the per-call time not slowed by the shape", () => {
    const p = profile({}, { skinnyDimension: 8, skinnyMinDimension: 1, skinnyAppliesTo: 'compute' });
    const [m, n, k] = [8, 512, 512];
    const work = 2 * m * n * k;
    const s = 8 / (8 + 8);
    const t0 = 1e6 / (0.5 * 100e9);
    // No operand-traffic bound gets in the way here (the memory curve is fast enough).
    expect(work / matmulRate(p, host, 'fp32', m, n, k)).toBeCloseTo(t0 + work / (0.5 * 100e9 * s), 12);
  });

  it("a local fit's kernel terms add to a call's time: re-streamed weights beyond the cache share, and the aliased column walk", () => {
    const weightStreaming = { rowsPerPass: 4, beyondBytes: 4 * 2 ** 20, bytesPerElement: 4, bandwidth: 50e9 };
    const columnAliasing = { setSpanBytes: 4096, bytesPerElement: 4, computeTimeFactor: 1.5 };
    const p = profile({ peakBandwidth: 1e15 }, { skinnyAppliesTo: 'compute', weightStreaming, columnAliasing });
    const t0 = 1e6 / (0.5 * 100e9);
    const time = (m: number, n: number, k: number) => (2 * m * n * k) / matmulRate(p, host, 'fp32', m, n, k);
    // 1 MiB of weights, row stride 1,000 floats (not a multiple of 4 KiB): neither term.
    expect(time(8, 1000, 262)).toBeCloseTo(t0 + (2 * 8 * 1000 * 262) / 50e9, 12);
    // 16 MiB of weights with n = 4,096 (16 KiB rows): aliased, and streamed twice for 8 rows (two 4-row passes).
    expect(time(8, 4096, 1024)).toBeCloseTo(t0 + (1.5 * 2 * 8 * 4096 * 1024) / 50e9 + (2 * 4 * 4096 * 1024) / 50e9, 12);
    // 5 rows take as many passes as 8.
    expect(time(5, 4096, 1024) - (1.5 * 2 * 5 * 4096 * 1024) / 50e9).toBeCloseTo(time(8, 4096, 1024) - (1.5 * 2 * 8 * 4096 * 1024) / 50e9, 12);
  });

  it('a memory pass that fits the cache tier streams at the cache bandwidth after the same per-call time', () => {
    const p = profile({ cacheTier: { bytes: 32 * 2 ** 20, bandwidth: 70e9 } }, {});
    const t0 = 3e4 / 30e9;
    const small = 8e6;
    const large = 2e8;
    expect(small / memoryRate(p, host, small)).toBeCloseTo(t0 + small / 70e9, 12);
    expect(large / memoryRate(p, host, large)).toBeCloseTo(t0 + large / 30e9, 12);
  });
});
