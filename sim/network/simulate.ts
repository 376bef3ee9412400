/**
 * simulateCollective: one collective alone on a fresh engine and topology (the
 * `des` answer a collective workload gives). Other models that run collectives
 * among their own traffic use collectiveProcess on their shared network instead.
 */
import { FlowNetwork } from '../engine/flow-network';
import { Simulator } from '../engine/simulator';
import { buildTopology } from '../hardware/topology/build';
import type { ClusterModel } from '../hardware/types';
import { ranksHaveInSwitchReduction } from './collectives';
import { type CollectiveRun, collectiveProcess } from './des-collective';
import type { CollectiveRequest } from './types';

export interface SimulateOptions {
  seed?: number;
  symmetry?: 'repeat' | 'full';
  maxEvents?: number;
  maxWallS?: number;
}

export function simulateCollective(req: CollectiveRequest, cluster: ClusterModel, options: SimulateOptions = {}): CollectiveRun & { events: number } {
  const sim = new Simulator({ seed: options.seed ?? 1, maxEvents: options.maxEvents, maxWallS: options.maxWallS });
  const net = new FlowNetwork(sim);
  const topology = buildTopology(cluster, net, { seed: options.seed ?? 0 });
  const ctx = { sim, net, topology, inSwitchReduction: ranksHaveInSwitchReduction(req.ranks, topology, cluster) };
  let result: CollectiveRun | undefined;
  sim.process(function* () {
    result = yield* collectiveProcess(ctx, req, { symmetry: options.symmetry });
  });
  sim.run();
  if (!result) throw new Error('simulateCollective: the collective did not finish');
  return { ...result, events: sim.eventsProcessed };
}
