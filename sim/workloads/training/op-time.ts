/**
 * Time of operations on one device: a roofline whose efficiency depends on the
 * op's shape, read from the calibration profile (calibration/efficiency.ts):
 * the longer of the multiply at the calibrated matmul rate for its size and its
 * operand traffic at the calibrated memory rate (Williams et al. 2009, roofline).
 */
import { matmulRate, memoryRate } from '../../../calibration/efficiency';
import type { CalibrationProfile } from '../../../calibration/profile';
import type { DeviceSpec, Precision } from '../../hardware/types';
import type { Op } from './ops';
import { waveFactor } from './wave-quantization';

export interface DeviceRates {
  profile: CalibrationProfile;
  device: DeviceSpec;
  precision: Precision;
  /** Bytes per element of matrix operands (2 for 16-bit). */
  elementBytes: number;
}

/** Bytes a multiply must move at least: read both operands, write the result. */
export const matmulBytes = (m: number, n: number, k: number, batch: number, elementBytes: number) => elementBytes * batch * (m * k + k * n + m * n);

export function opTime(op: Op, r: DeviceRates): number {
  if (op.kind === 'matmul') {
    if (op.flops === 0) return 0;
    // A batched multiply reaches the rate of one multiply as large as the whole batch.
    // Wave quantization over the SMs (wave-quantization.ts) on top of the calibrated curve.
    const rate = matmulRate(r.profile, r.device, r.precision, op.m * op.batch, op.n, op.k) * waveFactor(r.device.id, r.precision, op.m, op.n, op.batch, op.k);
    // Roofline: a multiply with a short side (attention's head dimension) is bound by its operand traffic.
    const bytes = matmulBytes(op.m, op.n, op.k, op.batch, r.elementBytes);
    const memRate = memoryRate(r.profile, r.device, bytes);
    return Math.max(rate > 0 ? op.flops / rate : Infinity, memRate > 0 ? bytes / memRate : Infinity);
  }
  if (op.bytes === 0) return 0;
  const rate = memoryRate(r.profile, r.device, op.bytes);
  return rate > 0 ? op.bytes / rate : Infinity;
}

export const opsTime = (ops: Op[], r: DeviceRates) => ops.reduce((s, o) => s + opTime(o, r), 0);
