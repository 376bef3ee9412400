/**
 * Chooses and builds the plan of a collective: which algorithm runs (resolving
 * 'auto' and falling back where an algorithm does not apply) and its steps.
 *
 * 'auto' does what NCCL's tuner does: it models each algorithm that NCCL could
 * use for the op on these ranks and picks the fastest (NCCL tuning.cc picks the
 * lowest predicted time among ring, tree and NVLS). Candidates for all-reduce:
 * ring; tree when the ranks span nodes (NCCL's tree is an inter-node algorithm),
 * priced with NCCL's own tree efficiency and per-channel ceiling where the GPUs
 * have them (nccl-tree-limits.ts), so it wins where NCCL's does: on 2 nodes with
 * NICs slow beside NVLink and at small sizes, not at large sizes on DGX A100/H100;
 * NVLS when every rank sits on one NVSwitch node with in-switch reduction (on
 * by default in NCCL >= 2.17 where the hardware supports it). NVLS + SHARP across
 * nodes needs NCCL's CollNet/SHARP plugin switched on, so only an explicit
 * 'nvls' asks for it. Other ops use rings
 * (reduce-scatter, all-gather, broadcast) or direct sends (all-to-all, send-recv).
 */
import type { Topology } from '../hardware/topology/types';
import type { TreeLimits } from './nccl-tree-limits';
import { type PlanCost, type PlanProfile, planProfile, profileCost } from './plan-time';
import { halvingDoublingPlan } from './plans/halving-doubling';
import { hierarchicalPlan } from './plans/hierarchical';
import { nvlsPlan, nvlsSharpPlan } from './plans/nvls';
import { allToAllPlan, broadcastPlan, sendRecvPlan } from './plans/point-to-point';
import { ringPlan } from './plans/ring';
import { treePlan } from './plans/tree';
import type { CollectivePlan, CollectiveRequest } from './types';

export interface PlanChoice {
  plan: CollectivePlan;
  /** Why the algorithm differs from the one asked for, when it does. */
  notes: string[];
}

export interface PlanContext {
  topology: Topology;
  /** Whether the ranks' nodes offer in-switch reduction (NVLS). */
  inSwitchReduction: boolean;
  /** Fraction of the scale-up rate in-switch reduction runs at (the slowest node's; default 1). */
  inSwitchReductionEfficiency?: number;
  /** Whether the scale-out fabric reduces in its switches (InfiniBand SHARP). */
  fabricReduction?: boolean;
  /** NCCL's tree efficiency and per-channel ceiling for the ranks' GPUs (nccl-tree-limits.ts); none: links only. */
  treeLimits?: TreeLimits;
}

function explicitPlan(req: CollectiveRequest, ctx: PlanContext, notes: string[]): CollectivePlan {
  const { ranks, bytes } = req;
  const t = ctx.topology;
  const algorithm = req.algorithm ?? 'auto';
  switch (req.op) {
    case 'all-to-all':
      if (algorithm !== 'auto') notes.push(`all-to-all runs as direct sends; algorithm '${algorithm}' ignored`);
      return allToAllPlan(ranks, bytes, t);
    case 'send-recv':
      if (algorithm !== 'auto') notes.push(`send-recv runs as direct sends; algorithm '${algorithm}' ignored`);
      return sendRecvPlan(ranks, bytes, t);
    case 'broadcast':
      if (algorithm !== 'auto' && algorithm !== 'ring') notes.push(`broadcast runs as a pipelined ring chain (as in NCCL); algorithm '${algorithm}' ignored`);
      return broadcastPlan(ranks, bytes, t, req.root ?? 0);
    case 'reduce-scatter':
    case 'all-gather':
      if (algorithm === 'halving-doubling') return halvingDoublingPlan(req.op, ranks, bytes, t);
      if (algorithm !== 'auto' && algorithm !== 'ring') notes.push(`${req.op} with '${algorithm}' is not modelled; ran ring (NCCL's default)`);
      return ringPlan(req.op, ranks, bytes, t);
    case 'all-reduce': {
      if (algorithm === 'tree') return treePlan(ranks, bytes, t, ctx.treeLimits);
      if (algorithm === 'halving-doubling') return halvingDoublingPlan('all-reduce', ranks, bytes, t);
      if (algorithm === 'hierarchical') {
        const plan = hierarchicalPlan(ranks, bytes, t);
        if (plan) return plan;
        notes.push('hierarchical all-reduce needs the same number of ranks on every node; ran ring');
      }
      if (algorithm === 'nvls') {
        const e = ctx.inSwitchReductionEfficiency;
        const plan = ctx.inSwitchReduction ? (nvlsPlan(ranks, bytes, t, e) ?? (ctx.fabricReduction ? nvlsSharpPlan(ranks, bytes, t, e) : undefined)) : undefined;
        if (plan) return plan;
        notes.push('nvls needs NVSwitch nodes with in-switch reduction, and across nodes a fabric with SHARP and the same rank count per node; ran ring');
      }
      return ringPlan('all-reduce', ranks, bytes, t);
    }
  }
}

/** The plans 'auto' chooses between (one plan when the algorithm is explicit or the op has one way). */
export function candidatePlans(req: CollectiveRequest, ctx: PlanContext): { plans: CollectivePlan[]; notes: string[] } {
  const notes: string[] = [];
  if ((req.algorithm ?? 'auto') !== 'auto' || req.op !== 'all-reduce') return { plans: [explicitPlan(req, ctx, notes)], notes };
  const plans: CollectivePlan[] = [ringPlan('all-reduce', req.ranks, req.bytes, ctx.topology)];
  const nodes = new Set(req.ranks.map((r) => ctx.topology.place(r).node));
  if (nodes.size > 1) plans.push(treePlan(req.ranks, req.bytes, ctx.topology, ctx.treeLimits));
  if (ctx.inSwitchReduction) {
    const nvls = nvlsPlan(req.ranks, req.bytes, ctx.topology, ctx.inSwitchReductionEfficiency);
    if (nvls) plans.push(nvls);
  }
  return { plans, notes };
}

/** The fastest candidate at a message size, by the analytic model. */
export function fastestProfile(profiles: PlanProfile[], bytes: number): { profile: PlanProfile; cost: PlanCost } {
  let best = { profile: profiles[0], cost: profileCost(profiles[0], bytes) };
  for (const profile of profiles.slice(1)) {
    const cost = profileCost(profile, bytes);
    if (cost.timeS < best.cost.timeS) best = { profile, cost };
  }
  return best;
}

export function chooseCollectivePlan(req: CollectiveRequest, ctx: PlanContext): PlanChoice & { cost: PlanCost } {
  const { plans, notes } = candidatePlans(req, ctx);
  const profiles = plans.map((plan) => planProfile(plan, ctx.topology, req.bytes));
  const { profile, cost } = fastestProfile(profiles, req.bytes);
  return { plan: plans[profiles.indexOf(profile)], notes, cost };
}
