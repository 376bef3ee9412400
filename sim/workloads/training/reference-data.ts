/**
 * Real-world defaults the training model falls back on, each with its source.
 */
import type { Source } from '../../hardware/types';

export interface SourcedValue {
  value: number;
  unit: string;
  sources: Source[];
}

/**
 * Mean time between unexpected interruptions of one GPU (with its share of host,
 * network and software), from Llama 3 pre-training: 419 unexpected
 * interruptions in a 54-day snapshot on 16,384 H100 GPUs, so
 * 54 d × 16,384 / 419 ≈ 50,700 GPU-hours per interruption.
 */
export const defaultMtbfPerDevice: SourcedValue = {
  value: (54 * 86400 * 16384) / 419,
  unit: 's',
  sources: [
    {
      title: 'Llama Team, "The Llama 3 Herd of Models", arXiv:2407.21783, sec. 3.3.4 and Table 5',
      url: 'https://arxiv.org/abs/2407.21783',
      date: '2024-07',
      note: '419 unexpected interruptions during a 54-day snapshot of pre-training on 16,384 H100',
    },
  ],
};

/** Bytes per parameter in a checkpoint: 16-bit weights (2) and fp32 Adam master, momentum, variance (12). */
export const checkpointBytesPerParam: SourcedValue = {
  value: 14,
  unit: 'B',
  sources: [{ title: 'Rajbhandari et al., "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models", SC20, sec. 3.1', url: 'https://arxiv.org/abs/1910.02054', date: '2020-05' }],
};
