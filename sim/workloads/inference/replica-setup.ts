/**
 * Everything about one replica that both fidelities share: where it runs, its
 * roofline iteration time, its KV-cache capacity and its scheduler limits.
 */
import type { CalibrationProfile } from '../../../calibration/profile';
import type { PoolModel, Precision } from '../../hardware/types';
import type { IterationWork, ReplicaHardware } from './iteration-time';
import { llmIterationTimer, perRequestBatchTime } from './iteration-time';
import { type KvCapacity, kvCapacity } from './kv-cache';
import type { SchedulerLimits } from './replica';
import type { ServedModel } from './resolve-model';
import { type InferenceWorkload, schedulerPolicy } from './schema';

export interface ReplicaSetup {
  pool: PoolModel;
  hardware: ReplicaHardware;
  devicesPerReplica: number;
  kv: KvCapacity | null;
  scheduler: SchedulerLimits;
  iterationTime: (w: IterationWork) => number;
}

export function kvPrecisionOf(w: InferenceWorkload): Precision {
  return w.kvPrecision ?? (w.precision === 'fp32' ? 'fp32' : 'bf16');
}

export function replicaSetup(w: InferenceWorkload, model: ServedModel, pool: PoolModel, profile: CalibrationProfile): ReplicaSetup {
  const hardware: ReplicaHardware = {
    device: pool.device,
    tensor: w.replica.tensor,
    pipeline: w.replica.pipeline,
    scaleUp: pool.node.scaleUp,
    precision: w.precision,
    kvPrecision: kvPrecisionOf(w),
    profile,
  };
  const devicesPerReplica = w.replica.tensor * w.replica.pipeline;
  if (model.kind === 'per-request') {
    return {
      pool, hardware, devicesPerReplica, kv: null,
      scheduler: { maxBatchTokens: w.batching.maxBatchSize, maxBatchSize: w.batching.maxBatchSize, prefill: 'separate', kvReservation: 'prompt', kvCapacityTokens: Infinity, kvBlockTokens: 0 },
      iterationTime: (work) => perRequestBatchTime(model, hardware, work.prefillsCompleting + work.decodes).timeS,
    };
  }
  const policy = schedulerPolicy(w.batching);
  const kv = kvCapacity(model, pool.device.memoryBytes, devicesPerReplica, w.batching.memoryUtilization, hardware.precision, hardware.kvPrecision, w.batching.kvBlockTokens, policy.memoryOf);
  return {
    pool, hardware, devicesPerReplica, kv,
    scheduler: {
      maxBatchTokens: w.batching.maxBatchTokens,
      maxBatchSize: w.batching.maxBatchSize,
      prefill: policy.prefill,
      kvReservation: policy.kvReservation,
      kvCapacityTokens: kv.tokens,
      kvBlockTokens: w.batching.kvBlockTokens,
    },
    iterationTime: llmIterationTimer(model, hardware),
  };
}
