/**
 * Is training input-bound? The pipeline produces its output at
 * outputBytes / pipeline time; training reads it back through the output tier
 * (and any per-node caches) at the hierarchy's data-load rate. Training gets
 * the smaller of the two; if that is below what it consumes, it waits on input.
 */
import { dataLoadRate, readHierarchy } from '../../hardware/storage/hierarchy';
import { isPerNode } from '../../hardware/storage/analytic';
import { getFabric } from '../../hardware/catalog/index';
import type { ClusterModel } from '../../hardware/types';
import type { PipelinePlan } from './plan';
import type { DataPipelineWorkload } from './schema';

export interface ConsumerVerdict {
  demandBytesPerS: number;
  demandSamplesPerS: number;
  productionBytesPerS: number;
  trainingReadBytesPerS: number;
  /** What limits training's reads: `<tier id>:<limit>` or `client-network`. */
  trainingReadBottleneck: string;
  deliveredBytesPerS: number;
  deliveredSamplesPerS: number;
  inputBound: boolean;
  /** Which side limits delivery: the pipeline's production or training's reads of the output tier. */
  limitedBy: 'pipeline' | 'storage-read';
  consumerNodes: number;
  hierarchy: Array<{ id: string; fraction: number; utilization: number }>;
}

export function consumerVerdict(workload: DataPipelineWorkload, cluster: ClusterModel, plan: PipelinePlan, productionBytesPerS: number): ConsumerVerdict | undefined {
  const consumer = workload.consumer;
  if (!consumer) return undefined;
  const demandBytesPerS = consumer.bytesPerS ?? consumer.samplesPerS! * consumer.bytesPerSample;
  const others = cluster.pools.filter((p) => p !== plan.pool);
  const consumerNodes = consumer.nodes ?? (others.length > 0 ? others.reduce((s, p) => s + p.count, 0) : plan.nodes);
  const readerNode = (others[0] ?? plan.pool).node;
  const efficiency = getFabric(readerNode.nics.fabric)?.efficiency ?? cluster.fabric.efficiency;
  const caches = cluster.storage.filter((t) => isPerNode(t) && t !== plan.outputTier);
  const levels = readHierarchy([...caches, plan.outputTier]);
  const load = dataLoadRate(levels, {
    clients: consumerNodes,
    streamsPerClient: consumer.streamsPerNode,
    objectBytes: plan.outputObjectBytes,
    clientBandwidth: readerNode.nics.count * readerNode.nics.bandwidth * efficiency,
  });
  const deliveredBytesPerS = Math.min(productionBytesPerS, load.rate);
  return {
    demandBytesPerS,
    demandSamplesPerS: demandBytesPerS / consumer.bytesPerSample,
    productionBytesPerS,
    trainingReadBytesPerS: load.rate,
    trainingReadBottleneck: load.bottleneck,
    deliveredBytesPerS,
    deliveredSamplesPerS: deliveredBytesPerS / consumer.bytesPerSample,
    inputBound: deliveredBytesPerS < demandBytesPerS * (1 - 1e-9),
    limitedBy: productionBytesPerS <= load.rate ? 'pipeline' : 'storage-read',
    consumerNodes,
    hierarchy: load.levels.map((l) => ({ id: l.id, fraction: l.fraction, utilization: l.utilization })),
  };
}
