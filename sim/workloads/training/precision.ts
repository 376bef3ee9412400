/**
 * The precision a device actually trains in: the one asked for when the device
 * has a peak for it, else the nearest it has. 16-bit formats stand in for each
 * other (same storage), then fp32/tf32; int8 is an inference format (no
 * gradients in int8), used only so the estimate is not empty, with an error.
 */
import type { DeviceSpec, Precision } from '../../hardware/types';
import type { Warning } from '../../result';

const fallbacks: Record<string, Precision[]> = {
  bf16: ['bf16', 'fp16', 'fp32', 'tf32'],
  fp16: ['fp16', 'bf16', 'fp32', 'tf32'],
  fp8: ['fp8', 'bf16', 'fp16', 'fp32', 'tf32'],
  tf32: ['tf32', 'fp32', 'bf16', 'fp16'],
  fp32: ['fp32', 'tf32', 'bf16', 'fp16'],
};

const has = (d: DeviceSpec, p: Precision) => (d.peakFlops[p] ?? 0) > 0;

export function trainingPrecision(requested: Precision, device: DeviceSpec): { precision: Precision; warning?: Warning } {
  const chain = fallbacks[requested] ?? [requested];
  const found = chain.find((p) => has(device, p));
  if (found === requested) return { precision: requested };
  if (found) {
    return {
      precision: found,
      warning: { code: 'training.precision-fallback', severity: 'warning', message: `${device.id} has no ${requested} peak: estimated in ${found}, the closest precision it has` },
    };
  }
  const any = (Object.keys(device.peakFlops) as Precision[]).filter((p) => has(device, p)).sort((a, b) => (device.peakFlops[b] ?? 0) - (device.peakFlops[a] ?? 0))[0];
  return {
    precision: any ?? requested,
    warning: {
      code: 'training.no-training-precision',
      severity: 'error',
      message: any
        ? `${device.id} has no floating-point peak (only ${any}, which is not a training precision: gradients and optimizer states need floating point); the estimate runs its ${any} rate and is optimistic`
        : `${device.id} has no FLOP rate in the catalog: the step time cannot be estimated`,
    },
  };
}
