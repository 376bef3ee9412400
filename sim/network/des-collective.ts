/**
 * collectiveProcess: a collective's steps as flows on the topology's engine
 * links, so other traffic on the same links (another job, a data-parallel
 * all-reduce overlapping a pipeline send) shares bandwidth max-min fairly.
 *
 * Symmetry (DESIGN.md): the steps of a phase are identical (a ring's 2(N-1)
 * steps move the same bytes over the same links). With `symmetry: 'repeat'`
 * (default) the first step of a phase runs as real flows; when no other flow was
 * active on the network when it started nor when it ended, the remaining
 * repeat-1 steps take exactly as long, so the process waits (repeat-1)·step
 * instead of simulating them. Otherwise it runs the next step as flows and checks
 * again. The approximation: traffic that starts during a skipped interval does
 * not see our flows (it still sees its own). A later phase made of the very same
 * transfers (a ring's all-gather after its reduce-scatter, or the same
 * collective again with a shared `cache`, as in a data-parallel iteration)
 * reuses the measured step under the same idle condition. `symmetry: 'full'` runs every step
 * as flows; tests hold the two equal on idle fabrics.
 */
import type { FlowNetwork } from '../engine/flow-network';
import type { Simulator } from '../engine/simulator';
import type { Topology } from '../hardware/topology/types';
import type { TreeLimits } from './nccl-tree-limits';
import { chooseCollectivePlan } from './plan';
import type { CollectivePlan, CollectiveRequest, Phase } from './types';

export interface CollectiveContext {
  sim: Simulator;
  net: FlowNetwork;
  topology: Topology;
  /** Whether the ranks' nodes have in-switch reduction (NVLS); default false. */
  inSwitchReduction?: boolean;
  /** Fraction of the scale-up rate in-switch reduction runs at; default 1. */
  inSwitchReductionEfficiency?: number;
  /** Whether the fabric's switches reduce (SHARP); default false. */
  fabricReduction?: boolean;
  /** NCCL's tree limits for the ranks' GPUs; default none (the tree priced by its links). */
  treeLimits?: TreeLimits;
  /** Shared between collectives on the same topology: plans by request, and step times measured on an idle network. */
  cache?: CollectiveCache;
}

export interface CollectiveCache {
  plans: Map<string, { plan: CollectivePlan; notes: string[] }>;
  idleStepS: Map<Phase['transfers'], number>;
}

export function createCollectiveCache(): CollectiveCache {
  return { plans: new Map(), idleStepS: new Map() };
}

function requestKey(req: CollectiveRequest): string {
  return `${req.op}|${req.algorithm ?? 'auto'}|${req.bytes}|${req.root ?? 0}|${req.ranks.join(',')}`;
}

export interface CollectiveRunOptions {
  symmetry?: 'repeat' | 'full';
}

export interface CollectiveRun {
  timeS: number;
  algorithm: string;
  notes: string[];
  phases: Array<{ name: string; repeat: number; simulatedSteps: number; firstStepS: number }>;
}

/** Runs one step: all transfers at once; returns when the last byte of the last one has arrived. */
function* runStep(ctx: CollectiveContext, phase: Phase): Generator<any, void, any> {
  let pending = phase.transfers.length;
  if (pending === 0) return;
  const done = ctx.sim.signal();
  const onDone = () => {
    if (--pending === 0) done.fire();
  };
  for (const t of phase.transfers) ctx.net.startFlow(t.route, t.bytes, { onDone, maxRate: t.maxRate });
  yield done;
}

export function* collectiveProcess(ctx: CollectiveContext, req: CollectiveRequest, options: CollectiveRunOptions = {}): Generator<any, CollectiveRun, any> {
  const symmetry = options.symmetry ?? 'repeat';
  const cache = ctx.cache ?? createCollectiveCache();
  const key = requestKey(req);
  let choice = cache.plans.get(key);
  if (!choice) {
    const { plan, notes } = chooseCollectivePlan(req, {
      topology: ctx.topology,
      inSwitchReduction: ctx.inSwitchReduction ?? false,
      inSwitchReductionEfficiency: ctx.inSwitchReductionEfficiency,
      fabricReduction: ctx.fabricReduction ?? false,
      treeLimits: ctx.treeLimits,
    });
    cache.plans.set(key, (choice = { plan, notes }));
  }
  const { plan, notes } = choice;
  const start = ctx.sim.now;
  const phases: CollectiveRun['phases'] = [];
  // Steps measured on an idle network, by their transfer list (a ring's all-gather reuses its reduce-scatter step).
  const idleStepS = cache.idleStepS;
  for (const phase of plan.phases) {
    let simulated = 0;
    let firstStepS = 0;
    let remaining = phase.repeat;
    const known = idleStepS.get(phase.transfers);
    if (symmetry === 'repeat' && known !== undefined && ctx.net.activeFlows === 0) {
      firstStepS = known;
      yield ctx.sim.timeout(remaining * known);
      remaining = 0;
    }
    while (remaining > 0) {
      const idleBefore = ctx.net.activeFlows === 0;
      const stepStart = ctx.sim.now;
      yield* runStep(ctx, phase);
      const stepS = ctx.sim.now - stepStart;
      if (simulated === 0) firstStepS = stepS;
      simulated++;
      remaining--;
      if (idleBefore && ctx.net.activeFlows === 0) idleStepS.set(phase.transfers, stepS);
      if (symmetry === 'repeat' && remaining > 0 && idleBefore && ctx.net.activeFlows === 0) {
        yield ctx.sim.timeout(remaining * stepS);
        remaining = 0;
      }
    }
    if (phase.fillLatencyS) yield ctx.sim.timeout(phase.fillLatencyS);
    phases.push({ name: phase.name, repeat: phase.repeat, simulatedSteps: simulated, firstStepS });
  }
  return { timeS: ctx.sim.now - start, algorithm: plan.algorithm, notes, phases };
}
