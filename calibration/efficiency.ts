/**
 * How fast a device runs an operation, as the models ask it: achieved FLOP/s
 * for a matrix multiply of a given shape and precision, achieved bytes/s for a
 * memory-bound pass. Read from a calibration profile; a device the profile does
 * not know falls back to the generic curve below, and callers say so in warnings.
 */
import type { DeviceSpec, Precision } from '../sim/hardware/types';
import { localMatmulTime, skinnyFactor } from './shape';
import type { CalibrationProfile, DeviceCalibration, RateCurve } from './profile';

/**
 * Generic curve for devices without calibration; results say "uncalibrated".
 * Close to the built-in profile's fitted values for NVIDIA parts (maxEfficiency
 * 0.77-0.88, halfWork 2e9-6e9 FLOP; see builtin.ts), rounded down.
 */
export const uncalibratedMatmul: RateCurve = { maxEfficiency: 0.7, halfWork: 2e9 };
export const uncalibratedMemory: RateCurve = { maxEfficiency: 0.8, halfWork: 1e6 };

export function deviceCalibration(profile: CalibrationProfile, deviceId: string): DeviceCalibration | undefined {
  return profile.devices.find((d) => d.device === deviceId);
}

function curveRate(peak: number, curve: RateCurve, work: number): number {
  if (!(work > 0)) return 0;
  return (peak * curve.maxEfficiency * work) / (work + curve.halfWork);
}

/**
 * Achieved FLOP/s of an (m x k) · (k x n) matrix multiply. Efficiencies are
 * relative to the peak the calibration was fitted against (its `peakFlops`),
 * falling back to the catalog peak: a profile's measured ceiling
 * (peak × maxEfficiency) then stays the same whichever catalog peak is quoted.
 */
export function matmulRate(profile: CalibrationProfile, device: DeviceSpec, precision: Precision, m: number, n: number, k: number): number {
  const work = 2 * m * n * k;
  const compute = matmulComputeRate(profile, device, precision, m, n, k);
  // Roofline: the operands and the result cross memory at least once (Williams, Waterman, Patterson,
  // "Roofline", CACM 2009), which bounds GEMV-like shapes (a decode step) by bandwidth.
  const bytes = (bytesPerElement[precision] ?? 4) * (m * k + k * n + m * n);
  if (!(bytes > 0) || !(work > 0)) return compute;
  return Math.min(compute, memoryRate(profile, device, bytes) * (work / bytes));
}

/**
 * The compute side of `matmulRate` alone: the size curve times the skinny-shape
 * factor, without the operand-traffic bound. For fused kernels that never write
 * their m x n product to memory (FlashAttention keeps the attention scores in
 * on-chip SRAM: Dao et al., NeurIPS 2022), whose traffic the caller bounds itself.
 */
export function matmulComputeRate(profile: CalibrationProfile, device: DeviceSpec, precision: Precision, m: number, n: number, k: number): number {
  return matmulCurve(profile, device, precision)(m, n, k);
}

/** The matmul curve of a device and precision (profile entry or the generic one) with its peak, looked up once. */
function matmulCalibrationOf(profile: CalibrationProfile, device: DeviceSpec, precision: Precision) {
  const dc = deviceCalibration(profile, device.id);
  const cal = dc?.matmul.find((c) => c.precision === precision);
  const peak = (cal ? dc?.peakFlops[precision] : undefined) ?? device.peakFlops[precision] ?? device.peakFlops.fp32 ?? 0;
  return { peak, curve: cal ?? uncalibratedMatmul, cal };
}

function matmulCurve(profile: CalibrationProfile, device: DeviceSpec, precision: Precision): (m: number, n: number, k: number) => number {
  const { peak, curve, cal } = matmulCalibrationOf(profile, device, precision);
  if (cal?.skinnyAppliesTo === 'compute') {
    // Local fits: time = t0 + W / (Rmax·s), the per-call time t0 = halfWork / Rmax not slowed by the shape,
    // which is rate = Rmax·s·W / (W + s·halfWork).
    if (cal.weightStreaming || cal.columnAliasing) {
      // The kernel's terms as fitted (shape.ts localMatmulTime): on one thread the parts of a call's time add.
      const maxRate = peak * curve.maxEfficiency;
      const t0 = curve.halfWork / maxRate;
      return (m, n, k) => (m > 0 && n > 0 && k > 0 ? (2 * m * n * k) / localMatmulTime(t0, maxRate, cal, { m, n, k }) : 0);
    }
    return (m, n, k) => {
      const s = skinnyFactor(m, n, k, cal.skinnyDimension, cal.skinnyMinDimension);
      return curveRate(peak, { maxEfficiency: curve.maxEfficiency, halfWork: s * curve.halfWork }, 2 * m * n * k) * s;
    };
  }
  return (m, n, k) => curveRate(peak, curve, 2 * m * n * k) * skinnyFactor(m, n, k, cal?.skinnyDimension, cal?.skinnyMinDimension);
}

/**
 * `matmulComputeRate` and `memoryRate` of one device with the profile lookup
 * done once: for models that ask millions of times (the serving DES).
 */
export function rateCurves(profile: CalibrationProfile, device: DeviceSpec, precision: Precision) {
  const mem = deviceCalibration(profile, device.id)?.memory;
  const bandwidth = mem?.peakBandwidth && mem.peakBandwidth > 0 ? mem.peakBandwidth : device.memoryBandwidth;
  const memCurve = mem ?? uncalibratedMemory;
  return {
    matmulCompute: matmulCurve(profile, device, precision),
    memory: memoryCurve(profile, device),
    /**
     * The memory curve in closed form, where it has one (no cache tier): a pass of B bytes takes
     * (B + halfWork) / ceiling seconds.
     */
    memoryClosedForm: mem?.cacheTier ? undefined : { ceiling: bandwidth * memCurve.maxEfficiency, halfWork: memCurve.halfWork },
  };
}

/** The calibrated ceiling of matrix multiply at a precision: peak x maxEfficiency (large, square shapes). */
export function matmulCeiling(profile: CalibrationProfile, device: DeviceSpec, precision: Precision): number {
  const { peak, curve } = matmulCalibrationOf(profile, device, precision);
  return peak * curve.maxEfficiency;
}

/** Storage size of one element (tf32 is held in 32-bit words). */
export const bytesPerElement: Record<Precision, number> = { fp64: 8, fp32: 4, tf32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, fp4: 0.5 };

/** Achieved bytes/s of a memory-bound pass moving `bytes`. */
export function memoryRate(profile: CalibrationProfile, device: DeviceSpec, bytes: number): number {
  return memoryCurve(profile, device)(bytes);
}

/**
 * The memory curve of a device, looked up once. With a measured cache tier
 * (local CPU runs), a pass that fits the last-level cache streams at the cache
 * bandwidth after the same per-call time: rate = B / (t0 + B / cache bandwidth).
 */
function memoryCurve(profile: CalibrationProfile, device: DeviceSpec): (bytes: number) => number {
  const cal = deviceCalibration(profile, device.id)?.memory;
  const peak = cal?.peakBandwidth && cal.peakBandwidth > 0 ? cal.peakBandwidth : device.memoryBandwidth;
  const curve = cal ?? uncalibratedMemory;
  const tier = cal?.cacheTier;
  if (!tier) return (bytes) => curveRate(peak, curve, bytes);
  const t0 = curve.halfWork / (peak * curve.maxEfficiency);
  return (bytes) => (bytes <= tier.bytes ? (bytes > 0 ? bytes / (t0 + bytes / tier.bandwidth) : 0) : curveRate(peak, curve, bytes));
}

/** True when the profile has measured or published data for this device and precision. */
export function isCalibrated(profile: CalibrationProfile, deviceId: string, precision: Precision): boolean {
  return deviceCalibration(profile, deviceId)?.matmul.some((c) => c.precision === precision) ?? false;
}
