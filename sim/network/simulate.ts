/**
 * simulateCollective: one collective alone on a fresh engine and topology (the
 * `des` answer a collective workload gives). Other models that run collectives
 * among their own traffic use collectiveProcess on their shared network instead.
 */
import { FlowNetwork } from '../engine/flow-network';
import { Simulator } from '../engine/simulator';
import { buildTopology } from '../hardware/topology/build';
import type { ClusterModel } from '../hardware/types';
import { planContext } from './collectives';
import { type CollectiveRun, collectiveProcess, createCollectiveCache } from './des-collective';
import type { CollectiveRequest } from './types';

export interface SimulateOptions {
  seed?: number;
  symmetry?: 'repeat' | 'full';
  maxEvents?: number;
  maxWallS?: number;
  maxHeapBytes?: number;
}

/** Collectives one after another on one fabric (a training step's gradient buckets), sharing plans and measured steps. */
export function simulateCollectiveSequence(reqs: CollectiveRequest[], cluster: ClusterModel, options: SimulateOptions = {}): { runs: CollectiveRun[]; timeS: number; events: number } {
  const sim = new Simulator({ seed: options.seed ?? 1, maxEvents: options.maxEvents, maxWallS: options.maxWallS, maxHeapBytes: options.maxHeapBytes });
  const net = new FlowNetwork(sim);
  const topology = buildTopology(cluster, net, { seed: options.seed ?? 0 });
  const cache = createCollectiveCache();
  const runs: CollectiveRun[] = [];
  sim.process(function* () {
    for (const req of reqs) {
      const ctx = { sim, net, cache, ...planContext(req, topology, cluster) };
      runs.push(yield* collectiveProcess(ctx, req, { symmetry: options.symmetry }));
    }
  });
  sim.run();
  if (runs.length !== reqs.length) throw new Error('simulateCollectiveSequence: a collective did not finish');
  return { runs, timeS: sim.now, events: sim.eventsProcessed };
}

export function simulateCollective(req: CollectiveRequest, cluster: ClusterModel, options: SimulateOptions = {}): CollectiveRun & { events: number } {
  const { runs, events } = simulateCollectiveSequence([req], cluster, options);
  return { ...runs[0], events };
}
