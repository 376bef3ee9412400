/**
 * Storage tiers as engine flows, so reads and writes contend with each other
 * and with network traffic on shared links. A tier instance (the cluster's one
 * shared tier, or one per node for local NVMe / host RAM) becomes three links:
 *
 *   read   capacity = aggregate read bandwidth
 *   write  capacity = aggregate write bandwidth / replication
 *   shared capacity = max(read, write): reads and writes together cannot exceed
 *          the faster direction, so a checkpoint slows data loading and back.
 *
 * A request waits its turn at the tier's request-rate gate (FIFO, one admission
 * every 1/requestRate s), then the first-byte latency, then moves as a flow
 * capped at the per-stream bandwidth over [client NIC, shared, read|write] plus
 * any route the caller adds (e.g. the node's path through the fabric).
 */
import type { FlowNetwork, ProcessBody, Simulator } from '../../engine/index';
import type { StorageTierSpec } from '../types';
import { type IoDirection, type IoPattern, isPerNode, tierRequestRate } from './analytic';

/** FIFO admission at a fixed rate: the n-th request is admitted no earlier than n / rate. */
export class RequestGate {
  private nextFree = 0;
  constructor(private readonly interval: number) {}
  /** Seconds the caller must wait, from `now`, before its request is admitted. */
  admit(now: number): number {
    if (this.interval === 0) return 0;
    const at = Math.max(now, this.nextFree);
    this.nextFree = at + this.interval;
    return at - now;
  }
}

interface TierInstance {
  shared: number;
  read: number;
  write: number;
  gates: Record<IoDirection, RequestGate>;
}

export interface StorageAttachment {
  tier: StorageTierSpec;
  perNode: boolean;
  /** One instance for a shared tier, one per client for a per-node tier. */
  instances: TierInstance[];
  /** Client NIC links toward a shared tier (absent: unlimited or supplied in routes). */
  clientLinks?: number[];
}

export interface AttachOptions {
  /** Client nodes that will do I/O (per-node tiers get one instance each). */
  clients: number;
  /** Create one NIC link per client of this bandwidth (bytes/s) toward a shared tier. */
  clientBandwidth?: number;
  /** Or reuse existing client links (e.g. the nodes' NIC links of a topology). */
  clientLinks?: number[];
}

/** Adds a tier's links to the flow network. */
export function attachStorage(net: FlowNetwork, tier: StorageTierSpec, options: AttachOptions): StorageAttachment {
  const perNode = isPerNode(tier);
  const read = tier.aggregateReadBandwidth;
  const write = tier.aggregateWriteBandwidth / (tier.replication ?? 1);
  const instances: TierInstance[] = [];
  for (let i = 0; i < (perNode ? options.clients : 1); i++) {
    const suffix = perNode ? `[${i}]` : '';
    instances.push({
      shared: net.addLink(Math.max(read, write), 0, `${tier.id}${suffix}.shared`),
      read: net.addLink(read, 0, `${tier.id}${suffix}.read`),
      write: net.addLink(write, 0, `${tier.id}${suffix}.write`),
      gates: {
        read: new RequestGate(1 / tierRequestRate(tier, 'read', 1)),
        write: new RequestGate(1 / tierRequestRate(tier, 'write', 1)),
      },
    });
  }
  let clientLinks = options.clientLinks;
  if (!clientLinks && !perNode && options.clientBandwidth !== undefined && Number.isFinite(options.clientBandwidth)) {
    clientLinks = Array.from({ length: options.clients }, (_, c) => net.addLink(options.clientBandwidth!, 0, `client[${c}].storage-nic`));
  }
  return { tier, perNode, instances, ...(clientLinks ? { clientLinks } : {}) };
}

export interface StreamIo {
  direction: IoDirection;
  /** Bytes this stream moves. */
  bytes: number;
  /** Which client (node index) it runs on. */
  client: number;
  /** Bytes per request; default all in one request. */
  objectBytes?: number;
  /** Links to add to every request's route (e.g. fabric hops). */
  route?: number[];
}

/** One stream's requests, one after another. Yield it from a process, or start it with sim.process. */
export function* streamProcess(sim: Simulator, net: FlowNetwork, att: StorageAttachment, io: StreamIo): ProcessBody {
  const inst = att.perNode ? att.instances[io.client] : att.instances[0];
  if (!inst) throw new Error(`storage ${att.tier.id}: client ${io.client} has no instance (attached for ${att.instances.length})`);
  const latency = io.direction === 'write' ? (att.tier.writeLatency ?? att.tier.requestLatency) : att.tier.requestLatency;
  const route = [...(att.clientLinks && !att.perNode ? [att.clientLinks[io.client]] : []), inst.shared, io.direction === 'read' ? inst.read : inst.write, ...(io.route ?? [])];
  const objectBytes = io.objectBytes ?? io.bytes;
  const requests = io.bytes === 0 ? 0 : Math.ceil(io.bytes / objectBytes - 1e-9);
  let left = io.bytes;
  for (let r = 0; r < requests; r++) {
    const size = r === requests - 1 ? left : Math.min(objectBytes, left);
    left -= size;
    const wait = inst.gates[io.direction].admit(sim.now) + latency;
    if (wait > 0) yield wait;
    yield net.startFlow(route, size, { maxRate: att.tier.perStreamBandwidth });
  }
  return io.bytes;
}

/**
 * All clients move `bytes` together (the DES twin of storageTransfer): the
 * transfer is ceil(bytes / objectBytes) equal requests dealt round-robin to the
 * clients x streams, so streams differ by at most one request. Yields until
 * the last stream finishes.
 */
export function* parallelIoProcess(sim: Simulator, net: FlowNetwork, att: StorageAttachment, direction: IoDirection, bytes: number, pattern: IoPattern, route?: (client: number) => number[]): ProcessBody {
  const streamsPerClient = pattern.streamsPerClient ?? 1;
  const streams = pattern.clients * streamsPerClient;
  const requests = bytes === 0 ? 0 : Math.ceil(bytes / (pattern.objectBytes ?? bytes / streams) - 1e-9);
  const requestBytes = requests === 0 ? 0 : bytes / requests;
  const procs = [];
  for (let c = 0; c < pattern.clients; c++) {
    for (let s = 0; s < streamsPerClient; s++) {
      const index = c * streamsPerClient + s;
      const count = Math.floor(requests / streams) + (index < requests % streams ? 1 : 0);
      if (count === 0) continue;
      procs.push(sim.process(streamProcess(sim, net, att, { direction, bytes: count * requestBytes, client: c, objectBytes: requestBytes, route: route?.(c) })));
    }
  }
  yield sim.allOf(procs);
  return sim.now;
}
