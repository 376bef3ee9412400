/**
 * Standalone DES runs of one storage transfer: a fresh simulator with the tier
 * attached, the clients' streams started together, the clock read when the
 * last byte lands. The DES twins of storageTransfer and checkpointWriteTime.
 */
import { FlowNetwork, Simulator } from '../../engine/index';
import type { StorageTierSpec } from '../types';
import type { CheckpointWrite, IoDirection, IoPattern } from './analytic';
import { attachStorage, parallelIoProcess } from './des';

export interface DesRunOptions {
  maxEvents?: number;
  maxWallS?: number;
  maxHeapBytes?: number;
}

export interface DesTransferResult {
  timeS: number;
  rate: number;
  events: number;
}

export function desStorageTransfer(tier: StorageTierSpec, direction: IoDirection, bytes: number, pattern: IoPattern, options: DesRunOptions = {}): DesTransferResult {
  const sim = new Simulator({ maxEvents: options.maxEvents, maxWallS: options.maxWallS, maxHeapBytes: options.maxHeapBytes });
  const net = new FlowNetwork(sim);
  const att = attachStorage(net, tier, { clients: pattern.clients, clientBandwidth: pattern.clientBandwidth });
  const done = sim.process(parallelIoProcess(sim, net, att, direction, bytes, pattern));
  sim.run();
  if (!done.triggered) throw new Error(`desStorageTransfer: the transfer on ${tier.id} did not finish`);
  const timeS = sim.now;
  return { timeS, rate: timeS > 0 ? bytes / timeS : Infinity, events: sim.eventsProcessed };
}

export function desCheckpointWriteTime(tier: StorageTierSpec, w: CheckpointWrite, options: DesRunOptions = {}): DesTransferResult {
  return desStorageTransfer(tier, 'write', w.bytes, { clients: w.nodes, streamsPerClient: w.streamsPerNode, objectBytes: w.objectBytes, clientBandwidth: w.clientBandwidth }, options);
}
