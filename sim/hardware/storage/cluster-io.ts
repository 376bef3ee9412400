/**
 * Storage questions asked of a whole ClusterModel, for workload runners: the
 * tier a reference names, each node's network rate to shared storage, the
 * checkpoint write time of N bytes from M nodes, and the data-load rate of the
 * cluster's read hierarchy. Storage traffic is assumed to use the node's
 * compute NICs (the catalog lists no separate storage NICs).
 */
import { getFabric } from '../catalog/index';
import type { ClusterModel, NodeSpec, StorageTierSpec } from '../types';
import { checkpointWriteTime, isPerNode, type TransferEstimate } from './analytic';
import { dataLoadRate, readHierarchy, type DataLoadEstimate } from './hierarchy';

/** A tier by id, name or kind (first match in cluster order). */
export function findStorageTier(cluster: ClusterModel, ref: string): StorageTierSpec | undefined {
  const s = cluster.storage;
  return s.find((t) => t.id === ref) ?? s.find((t) => t.name === ref) ?? s.find((t) => t.tier === ref);
}

/** Where checkpoints go by default: a parallel FS, else object, else HDFS, else local NVMe. */
export function defaultCheckpointTier(cluster: ClusterModel): StorageTierSpec | undefined {
  for (const kind of ['parallel-fs', 'object', 'hdfs', 'local-nvme'] as const) {
    const t = cluster.storage.find((x) => x.tier === kind);
    if (t) return t;
  }
  return cluster.storage[0];
}

/** A node's usable network rate to shared storage, one direction: NICs x rate x fabric efficiency. */
export function nodeStorageBandwidth(node: NodeSpec, cluster: ClusterModel): number {
  const efficiency = getFabric(node.nics.fabric)?.efficiency ?? cluster.fabric.efficiency;
  return node.nics.count * node.nics.bandwidth * efficiency;
}

export interface ClusterCheckpoint {
  bytes: number;
  /** Writing nodes; default every node of the first pool. */
  nodes?: number;
  /** Writer streams per node; default one per device. */
  streamsPerNode?: number;
  /** Tier id, name or kind; default defaultCheckpointTier. */
  tier?: string;
  objectBytes?: number;
}

/** Checkpoint write time on the cluster's tier, or undefined when the cluster has no storage. */
export function clusterCheckpointWriteTime(cluster: ClusterModel, c: ClusterCheckpoint): (TransferEstimate & { tierId: string }) | undefined {
  const tier = c.tier !== undefined ? findStorageTier(cluster, c.tier) : defaultCheckpointTier(cluster);
  if (!tier) return undefined;
  const node = cluster.pools[0].node;
  const e = checkpointWriteTime(tier, {
    bytes: c.bytes,
    nodes: c.nodes ?? cluster.pools[0].count,
    streamsPerNode: c.streamsPerNode ?? node.devicesPerNode,
    objectBytes: c.objectBytes,
    clientBandwidth: isPerNode(tier) ? undefined : nodeStorageBandwidth(node, cluster),
  });
  return { ...e, tierId: tier.id };
}

export interface ClusterDataLoad {
  /** Bytes per read (sample file, shard chunk). */
  objectBytes: number;
  /** Reading nodes; default every node of the first pool. */
  clients?: number;
  /** Reads in flight per node; default 8. */
  streamsPerClient?: number;
  /** Dataset size, to derive cache hit rates from per-node tier capacities when no hitRate is given. */
  datasetBytes?: number;
}

/** Rate the cluster's read hierarchy (host RAM, local NVMe, then the first shared tier) delivers; undefined without storage. */
export function clusterDataLoadRate(cluster: ClusterModel, d: ClusterDataLoad): DataLoadEstimate | undefined {
  const levels = readHierarchy(cluster.storage, d.datasetBytes);
  if (levels.length === 0) return undefined;
  return dataLoadRate(levels, {
    clients: d.clients ?? cluster.pools[0].count,
    streamsPerClient: d.streamsPerClient ?? 8,
    objectBytes: d.objectBytes,
    clientBandwidth: nodeStorageBandwidth(cluster.pools[0].node, cluster),
  });
}
