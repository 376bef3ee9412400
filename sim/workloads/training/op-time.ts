/**
 * Time of operations on one device: a roofline whose efficiency depends on the
 * op's shape, read from the calibration profile (calibration/efficiency.ts).
 */
import { matmulRate, memoryRate } from '../../../calibration/efficiency';
import type { CalibrationProfile } from '../../../calibration/profile';
import type { DeviceSpec, Precision } from '../../hardware/types';
import type { Op } from './ops';

export interface DeviceRates {
  profile: CalibrationProfile;
  device: DeviceSpec;
  precision: Precision;
}

export function opTime(op: Op, r: DeviceRates): number {
  if (op.kind === 'matmul') {
    if (op.flops === 0) return 0;
    // A batched multiply reaches the rate of one multiply as large as the whole batch.
    const rate = matmulRate(r.profile, r.device, r.precision, op.m * op.batch, op.n, op.k);
    return rate > 0 ? op.flops / rate : Infinity;
  }
  if (op.bytes === 0) return 0;
  const rate = memoryRate(r.profile, r.device, op.bytes);
  return rate > 0 ? op.bytes / rate : Infinity;
}

export const opsTime = (ops: Op[], r: DeviceRates) => ops.reduce((s, o) => s + opTime(o, r), 0);
