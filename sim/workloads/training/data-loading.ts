/**
 * Training input pipeline against the storage model: can the cluster's
 * storage deliver the bytes a step consumes while the step computes?
 *
 *   required  = tokensPerStep / computeStepS x bytesPerToken
 *   available = the storage model's sustained read rate for every node of the
 *               first pool reading objects of `objectBytes` with `streamsPerNode`
 *               reads in flight (sim/hardware/storage: per-stream, client-NIC,
 *               tier-aggregate and request-rate limits, through the read
 *               hierarchy of per-node caches when no tier is named)
 *   stall     = prefetch ? max(0, bytesPerStep / available - computeStepS)
 *                        : latency + bytesPerStep / available
 *
 * At both fidelities the reads are modelled in closed form beside the step
 * (the DES step simulates the accelerators and fabric; data reads do not share
 * links with gradient traffic in this model, so a flow-level run would only
 * reproduce the sustained rate).
 */
import { clusterDataLoadRate, dataLoadRate, findStorageTier, isPerNode, nodeStorageBandwidth, type DataLoadEstimate } from '../../hardware/storage/index';
import type { ClusterModel } from '../../hardware/types';
import type { Warning } from '../../result';

export interface DataLoadingSettings {
  bytesPerToken: number;
  /** Bytes per read (one sample file or shard chunk). */
  objectBytes: number;
  /** Reads in flight per node (data-loader workers x prefetch depth). */
  streamsPerNode: number;
  /** Dataset size, for the hit rate of per-node caches (capacity / dataset). */
  datasetBytes?: number;
  /** Storage tier id, name or kind to read from; default the cluster's read hierarchy. */
  tier?: string;
  prefetch: boolean;
}

export interface DataLoadingEstimate {
  /** Tier the reads come from (the backing store of a hierarchy). */
  tierId: string;
  bytesPerStep: number;
  requiredBytesPerS: number;
  availableBytesPerS: number;
  /** `<tier id>:<limit>` (per-stream, client-network, tier-aggregate, request-rate) or `client-network`. */
  bindingLimit: string;
  /** Time to read one step's bytes at the available rate, s. */
  readS: number;
  /** Step time added by waiting for data, s. */
  stallS: number;
  /** stall / (compute step + stall). */
  stallFraction: number;
  /** Analytic at every fidelity (see the module comment). */
  method: 'analytic';
  levels: DataLoadEstimate['levels'];
}

/** The storage model's read rate for this cluster and pattern; undefined when the cluster has no storage or the named tier is absent. */
function availableRate(cluster: ClusterModel, s: DataLoadingSettings): DataLoadEstimate | undefined {
  const pool = cluster.pools[0];
  if (s.tier === undefined) {
    return clusterDataLoadRate(cluster, { objectBytes: s.objectBytes, streamsPerClient: s.streamsPerNode, datasetBytes: s.datasetBytes });
  }
  const tier = findStorageTier(cluster, s.tier);
  if (!tier) return undefined;
  return dataLoadRate([{ tier, hitRate: 1 }], {
    clients: pool.count,
    streamsPerClient: s.streamsPerNode,
    objectBytes: s.objectBytes,
    clientBandwidth: isPerNode(tier) ? undefined : nodeStorageBandwidth(pool.node, cluster),
  });
}

export function dataLoadingEstimate(cluster: ClusterModel, s: DataLoadingSettings, tokensPerStep: number, computeStepS: number): DataLoadingEstimate | undefined {
  const load = availableRate(cluster, s);
  if (!load) return undefined;
  const bytesPerStep = tokensPerStep * s.bytesPerToken;
  const readS = bytesPerStep / load.rate;
  // The level serving most reads sets the first-byte wait a step without prefetch sees.
  const main = load.levels.reduce((a, b) => (b.fraction > a.fraction ? b : a));
  const latency = cluster.storage.find((t) => t.id === main.id)?.requestLatency ?? 0;
  const stallS = s.prefetch ? Math.max(0, readS - computeStepS) : latency + readS;
  return {
    tierId: load.levels[load.levels.length - 1].id,
    bytesPerStep,
    requiredBytesPerS: bytesPerStep / computeStepS,
    availableBytesPerS: load.rate,
    bindingLimit: load.bottleneck,
    readS,
    stallS,
    stallFraction: stallS / (computeStepS + stallS),
    method: 'analytic',
    levels: load.levels,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
const gbps = (x: number) => `${(x / 1e9).toFixed(x < 1e9 ? 2 : 1)} GB/s`;

/** What to change for the limit that binds. */
function advice(limit: string, e: DataLoadingEstimate, s: DataLoadingSettings): string {
  const factor = e.requiredBytesPerS / e.availableBytesPerS;
  const kind = limit.split(':').pop();
  const cache = 'or cache the dataset on a faster tier (a parallel file system, or local NVMe: add a local-nvme tier and dataLoading.datasetBytes)';
  if (kind === 'per-stream') {
    return `each read waits for first byte: raise dataLoading.streamsPerNode from ${s.streamsPerNode} to about ${Math.ceil(s.streamsPerNode * factor)}, read larger objects (pack samples into shards), ${cache}`;
  }
  if (kind === 'request-rate') {
    return `the tier's request rate binds: read larger objects (pack samples into tar shards of MBs instead of ${(s.objectBytes / 1e3).toFixed(0)} kB files), spread the objects over more prefixes (object stores limit requests per prefix: raise the tier's requestRate accordingly), ${cache}`;
  }
  if (kind === 'client-network') return `the nodes' NICs bind: ${cache}`;
  return `the tier's bandwidth binds: add storage servers, ${cache}`;
}

/** A warning when the job waits for input; undefined when it does not (or only negligibly). */
export function dataLoadingWarning(e: DataLoadingEstimate, s: DataLoadingSettings): Warning | undefined {
  if (e.stallFraction < 0.01) return undefined;
  if (!s.prefetch && e.requiredBytesPerS <= e.availableBytesPerS) {
    return { code: 'training.data-not-prefetched', message: `reads are not overlapped with compute: ${pct(e.stallFraction)} of each step waits for data from ${e.tierId}; set dataLoading.prefetch: true`, severity: 'warning' };
  }
  return {
    code: 'training.input-bound',
    message:
      `input-bound: the step needs ${gbps(e.requiredBytesPerS)} from ${e.tierId} but it delivers ${gbps(e.availableBytesPerS)} (${e.bindingLimit}), ` +
      `so the accelerators wait ${pct(e.stallFraction)} of the time; ${advice(e.bindingLimit, e, s)}`,
    severity: 'warning',
  };
}
