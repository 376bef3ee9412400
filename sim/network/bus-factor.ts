/**
 * nccl-tests bus bandwidth factors (NVIDIA/nccl-tests doc/PERFORMANCE.md):
 * busbw = algbw × factor, so that busbw is comparable to the hardware's link
 * rate whatever the rank count.
 */
import type { CollectiveOp } from './types';

export function busBandwidthFactor(op: CollectiveOp, ranks: number): number {
  if (ranks <= 1) return op === 'broadcast' || op === 'send-recv' ? 1 : 0;
  switch (op) {
    case 'all-reduce':
      return (2 * (ranks - 1)) / ranks;
    case 'reduce-scatter':
    case 'all-gather':
    case 'all-to-all':
      return (ranks - 1) / ranks;
    case 'broadcast':
    case 'send-recv':
      return 1;
  }
}
