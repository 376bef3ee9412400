/**
 * How fast a device runs an operation, as the models ask it: achieved FLOP/s
 * for a matrix multiply of a given shape and precision, achieved bytes/s for a
 * memory-bound pass. Read from a calibration profile; a device the profile does
 * not know falls back to the generic curve below, and callers say so in warnings.
 */
import type { DeviceSpec, Precision } from '../sim/hardware/types';
import { skinnyFactor } from './shape';
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
  const dc = deviceCalibration(profile, device.id);
  const cal = dc?.matmul.find((c) => c.precision === precision);
  const peak = (cal ? dc?.peakFlops[precision] : undefined) ?? device.peakFlops[precision] ?? device.peakFlops.fp32 ?? 0;
  const work = 2 * m * n * k;
  const compute = curveRate(peak, cal ?? uncalibratedMatmul, work) * skinnyFactor(m, n, k, cal?.skinnyDimension, cal?.skinnyMinDimension);
  // Roofline: the operands and the result cross memory at least once (Williams, Waterman, Patterson,
  // "Roofline", CACM 2009), which bounds GEMV-like shapes (a decode step) by bandwidth.
  const bytes = (bytesPerElement[precision] ?? 4) * (m * k + k * n + m * n);
  if (!(bytes > 0) || !(work > 0)) return compute;
  return Math.min(compute, memoryRate(profile, device, bytes) * (work / bytes));
}

/** Storage size of one element (tf32 is held in 32-bit words). */
export const bytesPerElement: Record<Precision, number> = { fp64: 8, fp32: 4, tf32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, fp4: 0.5 };

/** Achieved bytes/s of a memory-bound pass moving `bytes`. */
export function memoryRate(profile: CalibrationProfile, device: DeviceSpec, bytes: number): number {
  const cal = deviceCalibration(profile, device.id)?.memory;
  const peak = cal?.peakBandwidth && cal.peakBandwidth > 0 ? cal.peakBandwidth : device.memoryBandwidth;
  return curveRate(peak, cal ?? uncalibratedMemory, bytes);
}

/** True when the profile has measured or published data for this device and precision. */
export function isCalibrated(profile: CalibrationProfile, deviceId: string, precision: Precision): boolean {
  return deviceCalibration(profile, deviceId)?.matmul.some((c) => c.precision === precision) ?? false;
}
