/**
 * Closed-form storage I/O: how long M clients take to read or write N bytes
 * from one tier, and which limit binds. A transfer is split into requests of
 * `objectBytes`; each stream issues its requests one after another, each
 * paying the tier's first-byte latency and then moving at most
 * `perStreamBandwidth`. The candidate limits (bottleneck analysis, as in
 * Jain, "The Art of Computer Systems Performance Analysis", ch. 33):
 *
 *   per-stream      ceil(requests / streams) x (latency + objectBytes / perStream)
 *   client-network  bytes / (clients x clientBandwidth) + latency
 *   tier-aggregate  bytes / aggregate + latency   (per-node tiers: aggregate x clients;
 *                                                  replicated writes: aggregate / replication)
 *   request-rate    requests / requestRate + latency
 *
 * and the transfer takes the longest of them.
 */
import type { StorageTierSpec } from '../types';

export type IoDirection = 'read' | 'write';
export type StorageBottleneck = 'per-stream' | 'client-network' | 'tier-aggregate' | 'request-rate';

export interface IoPattern {
  /** Client nodes doing the I/O (for per-node tiers: nodes each using their own drives/RAM). */
  clients: number;
  /** Concurrent streams (threads, connections) per client; default 1. */
  streamsPerClient?: number;
  /** Bytes per request (object, file or block); default: the whole transfer split evenly over the streams. */
  objectBytes?: number;
  /** Each client's network limit to a shared tier (its NICs), bytes/s; default unlimited. Ignored for per-node tiers. */
  clientBandwidth?: number;
}

export interface TransferEstimate {
  timeS: number;
  /** Achieved rate: bytes / timeS. */
  rate: number;
  bottleneck: StorageBottleneck;
  /** Time each limit alone would impose, s. */
  limitTimesS: Record<StorageBottleneck, number>;
  requests: number;
}

/** Whether the tier exists once per node (local NVMe, host RAM) rather than once for the cluster. */
export function isPerNode(tier: StorageTierSpec): boolean {
  return (tier.scope ?? (tier.tier === 'local-nvme' || tier.tier === 'host-ram' ? 'per-node' : 'shared')) === 'per-node';
}

/** Bandwidth the tier can give to client traffic in one direction (writes of a replicated store pay each copy). */
export function tierBandwidth(tier: StorageTierSpec, direction: IoDirection, clients: number): number {
  const base = direction === 'read' ? tier.aggregateReadBandwidth : tier.aggregateWriteBandwidth / (tier.replication ?? 1);
  return isPerNode(tier) ? base * clients : base;
}

/** Requests per second the tier sustains in one direction (Infinity when it states none). */
export function tierRequestRate(tier: StorageTierSpec, direction: IoDirection, clients: number): number {
  const rate = direction === 'write' ? (tier.writeRequestRate ?? tier.requestRate) : tier.requestRate;
  if (rate === undefined) return Infinity;
  return isPerNode(tier) ? rate * clients : rate;
}

function latencyOf(tier: StorageTierSpec, direction: IoDirection): number {
  return direction === 'write' ? (tier.writeLatency ?? tier.requestLatency) : tier.requestLatency;
}

function streamsOf(p: IoPattern): number {
  return p.clients * (p.streamsPerClient ?? 1);
}

/** Time and bottleneck of moving `bytes` between `pattern.clients` clients and one tier. */
export function storageTransfer(tier: StorageTierSpec, direction: IoDirection, bytes: number, pattern: IoPattern): TransferEstimate {
  if (!(bytes >= 0) || !(pattern.clients >= 1)) throw new Error(`storageTransfer: need bytes >= 0 and clients >= 1, got ${bytes}, ${pattern.clients}`);
  const streams = streamsOf(pattern);
  const objectBytes = pattern.objectBytes ?? bytes / streams;
  const requests = bytes === 0 ? 0 : Math.ceil(bytes / objectBytes - 1e-9);
  const latency = latencyOf(tier, direction);
  const requestBytes = requests === 0 ? 0 : bytes / requests;
  const clientNetwork = isPerNode(tier) ? Infinity : pattern.clients * (pattern.clientBandwidth ?? Infinity);
  const fixed = requests === 0 ? 0 : latency;
  const limitTimesS: Record<StorageBottleneck, number> = {
    'per-stream': Math.ceil(requests / streams) * (latency + requestBytes / tier.perStreamBandwidth),
    'client-network': bytes / clientNetwork + fixed,
    'tier-aggregate': bytes / tierBandwidth(tier, direction, pattern.clients) + fixed,
    'request-rate': requests / tierRequestRate(tier, direction, pattern.clients) + fixed,
  };
  let bottleneck: StorageBottleneck = 'per-stream';
  for (const k of Object.keys(limitTimesS) as StorageBottleneck[]) if (limitTimesS[k] > limitTimesS[bottleneck]) bottleneck = k;
  const timeS = limitTimesS[bottleneck];
  return { timeS, rate: timeS > 0 ? bytes / timeS : Infinity, bottleneck, limitTimesS, requests };
}

/**
 * Steady-state rate (bytes/s) of a long stream of requests of `objectBytes`
 * from the clients: the smallest of the four limits, latency overlapped
 * across streams.
 */
export function sustainedRate(tier: StorageTierSpec, direction: IoDirection, pattern: IoPattern & { objectBytes: number }): { rate: number; bottleneck: StorageBottleneck } {
  const o = pattern.objectBytes;
  const limits: Record<StorageBottleneck, number> = {
    'per-stream': (streamsOf(pattern) * o) / (latencyOf(tier, direction) + o / tier.perStreamBandwidth),
    'client-network': isPerNode(tier) ? Infinity : pattern.clients * (pattern.clientBandwidth ?? Infinity),
    'tier-aggregate': tierBandwidth(tier, direction, pattern.clients),
    'request-rate': tierRequestRate(tier, direction, pattern.clients) * o,
  };
  let bottleneck: StorageBottleneck = 'per-stream';
  for (const k of Object.keys(limits) as StorageBottleneck[]) if (limits[k] < limits[bottleneck]) bottleneck = k;
  return { rate: limits[bottleneck], bottleneck };
}

export interface CheckpointWrite {
  /** Total checkpoint bytes (all shards). */
  bytes: number;
  /** Nodes writing their shards at the same time. */
  nodes: number;
  /** Writer streams per node (e.g. one per GPU rank); default 1. */
  streamsPerNode?: number;
  /** Bytes per file/object written; default one file per stream. */
  objectBytes?: number;
  /** Per-node network bandwidth to the tier, bytes/s; default unlimited. */
  clientBandwidth?: number;
}

/** Time to write a checkpoint of `bytes` from `nodes` nodes to one tier: the bottleneck of stream, NIC, tier and request limits. */
export function checkpointWriteTime(tier: StorageTierSpec, w: CheckpointWrite): TransferEstimate {
  return storageTransfer(tier, 'write', w.bytes, {
    clients: w.nodes,
    streamsPerClient: w.streamsPerNode,
    objectBytes: w.objectBytes,
    clientBandwidth: w.clientBandwidth,
  });
}
