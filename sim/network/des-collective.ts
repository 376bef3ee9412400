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
 * not see our flows (it still sees its own). `symmetry: 'full'` runs every step
 * as flows; tests hold the two equal on idle fabrics.
 */
import type { FlowNetwork } from '../engine/flow-network';
import type { Simulator } from '../engine/simulator';
import type { Topology } from '../hardware/topology/types';
import { chooseCollectivePlan } from './plan';
import type { CollectiveRequest, Phase } from './types';

export interface CollectiveContext {
  sim: Simulator;
  net: FlowNetwork;
  topology: Topology;
  /** Whether the ranks' nodes have in-switch reduction (NVLS); default false. */
  inSwitchReduction?: boolean;
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
  for (const t of phase.transfers) ctx.net.startFlow(t.route, t.bytes, { onDone });
  yield done;
}

export function* collectiveProcess(ctx: CollectiveContext, req: CollectiveRequest, options: CollectiveRunOptions = {}): Generator<any, CollectiveRun, any> {
  const symmetry = options.symmetry ?? 'repeat';
  const { plan, notes } = chooseCollectivePlan(req, { topology: ctx.topology, inSwitchReduction: ctx.inSwitchReduction ?? false });
  const start = ctx.sim.now;
  const phases: CollectiveRun['phases'] = [];
  for (const phase of plan.phases) {
    let simulated = 0;
    let firstStepS = 0;
    let remaining = phase.repeat;
    while (remaining > 0) {
      const idleBefore = ctx.net.activeFlows === 0;
      const stepStart = ctx.sim.now;
      yield* runStep(ctx, phase);
      const stepS = ctx.sim.now - stepStart;
      if (simulated === 0) firstStepS = stepS;
      simulated++;
      remaining--;
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
