/**
 * The `workload:` section of a single-collective scenario (kind: collective):
 * one collective over the cluster's devices, measured as nccl-tests would.
 */
import { z } from 'zod';
import { collectiveAlgorithms, collectiveOps } from '../../network/types';
import { positiveQuantity } from '../../units/zod';

export const collectiveWorkloadSchema = z
  .object({
    kind: z.literal('collective'),
    op: z.enum(collectiveOps).describe('all-reduce | reduce-scatter | all-gather | all-to-all | broadcast | send-recv'),
    algorithm: z.enum(collectiveAlgorithms).default('auto').describe("ring | tree | halving-doubling | hierarchical | nvls | auto (what NCCL's tuner would pick)"),
    bytes: positiveQuantity('bytes').describe('message size as nccl-tests counts it (all-reduce: the buffer; reduce-scatter/all-gather: the full gathered buffer; all-to-all: what one rank sends)'),
    ranks: z.number().int().positive().optional().describe('use the first N devices (pools in order, node-major); default all devices'),
    root: z.number().int().nonnegative().optional().describe('broadcast root (index among the ranks); default 0'),
    inPlace: z.boolean().optional().describe('nccl-tests in-place variant; moves the same bytes, so the time is the same'),
  })
  .strict();

export type CollectiveWorkload = z.output<typeof collectiveWorkloadSchema>;
