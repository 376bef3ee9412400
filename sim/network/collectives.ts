/**
 * analyticCollective: the alpha-beta cost of a collective on the cluster's
 * topology. Each step's β term is the busiest link the step crosses (the
 * bottleneck dimension: NVLink port, NIC, oversubscribed leaf uplink...), its α
 * term the path latency; the algorithm sets the steps (see plans/). Milliseconds
 * even for thousands of ranks.
 */
import { buildTopology } from '../hardware/topology/build';
import { linkRecorder } from '../hardware/topology/link-recorder';
import type { Topology } from '../hardware/topology/types';
import type { ClusterModel } from '../hardware/types';
import { busBandwidthFactor } from './bus-factor';
import { ncclTreeLimits, type TreeLimits } from './nccl-tree-limits';
import { candidatePlans, chooseCollectivePlan, fastestProfile, type PlanContext } from './plan';
import { planProfile } from './plan-time';
import type { CollectiveEstimate, CollectiveRequest } from './types';

const topologies = new WeakMap<ClusterModel, Map<number, Topology>>();

/** The cluster's topology with recorder links (cached per cluster object and seed: sweeps reuse it). */
export function analyticTopology(cluster: ClusterModel, seed = 0): Topology {
  let bySeed = topologies.get(cluster);
  if (!bySeed) topologies.set(cluster, (bySeed = new Map()));
  let topology = bySeed.get(seed);
  if (!topology) bySeed.set(seed, (topology = buildTopology(cluster, linkRecorder(), { seed })));
  return topology;
}

/** Whether every rank's node has an NVSwitch with in-switch reduction. */
export function ranksHaveInSwitchReduction(ranks: number[], topology: Topology, cluster: ClusterModel): boolean {
  return ranks.every((r) => {
    const node = cluster.pools[topology.place(r).pool].node;
    return node.scaleUp.kind === 'nvswitch' && node.scaleUp.inNetworkReduction === true;
  });
}

/** The in-switch reduction efficiency of the ranks' nodes: the slowest node's (1 where a node gives none). */
export function ranksInSwitchReductionEfficiency(ranks: number[], topology: Topology, cluster: ClusterModel): number {
  let e = 1;
  for (const pool of new Set(ranks.map((r) => topology.place(r).pool))) e = Math.min(e, cluster.pools[pool].node.scaleUp.inNetworkReductionEfficiency ?? 1);
  return e;
}

/** NCCL's tree limits for the ranks' GPUs (undefined where a GPU has none). */
export function ranksTreeLimits(ranks: number[], topology: Topology, cluster: ClusterModel): TreeLimits | undefined {
  const pools = new Set(ranks.map((r) => topology.place(r).pool));
  return ncclTreeLimits([...pools].map((p) => cluster.pools[p].node.device));
}

export function planContext(req: CollectiveRequest, topology: Topology, cluster: ClusterModel): PlanContext {
  return {
    topology,
    inSwitchReduction: ranksHaveInSwitchReduction(req.ranks, topology, cluster),
    inSwitchReductionEfficiency: ranksInSwitchReductionEfficiency(req.ranks, topology, cluster),
    fabricReduction: cluster.fabric.inNetworkReduction === true,
    treeLimits: req.op === 'all-reduce' ? ranksTreeLimits(req.ranks, topology, cluster) : undefined,
  };
}

export function estimateFromTime(req: CollectiveRequest, timeS: number): { algBandwidth: number; busBandwidth: number } {
  const algBandwidth = timeS > 0 ? req.bytes / timeS : Infinity;
  return { algBandwidth, busBandwidth: algBandwidth * busBandwidthFactor(req.op, req.ranks.length) };
}

export function analyticCollective(req: CollectiveRequest, cluster: ClusterModel, options: { seed?: number } = {}): CollectiveEstimate & { notes: string[] } {
  const topology = analyticTopology(cluster, options.seed ?? 0);
  const { plan, notes, cost } = chooseCollectivePlan(req, planContext(req, topology, cluster));
  return {
    timeS: cost.timeS,
    ...estimateFromTime(req, cost.timeS),
    algorithm: plan.algorithm,
    bottleneck: cost.bottleneck,
    latencyS: cost.latencyS,
    bandwidthS: cost.bandwidthS,
    steps: cost.steps,
    notes,
  };
}

/**
 * analyticCollective at many message sizes (an nccl-tests sweep). Plans are built
 * once and priced per size (plan-time.ts); broadcast, whose pipelining depth
 * depends on the size, is rebuilt per size.
 */
export function analyticCollectiveSweep(req: CollectiveRequest, sizes: number[], cluster: ClusterModel, options: { seed?: number } = {}): Array<{ bytes: number; timeS: number; busBandwidth: number; algorithm: string }> {
  if (req.op === 'broadcast') {
    return sizes.map((bytes) => {
      const r = analyticCollective({ ...req, bytes }, cluster, options);
      return { bytes, timeS: r.timeS, busBandwidth: r.busBandwidth, algorithm: r.algorithm };
    });
  }
  const topology = analyticTopology(cluster, options.seed ?? 0);
  const { plans } = candidatePlans(req, planContext(req, topology, cluster));
  const profiles = plans.map((plan) => planProfile(plan, topology, req.bytes));
  return sizes.map((bytes) => {
    const { profile, cost } = fastestProfile(profiles, bytes);
    return { bytes, timeS: cost.timeS, busBandwidth: estimateFromTime({ ...req, bytes }, cost.timeS).busBandwidth, algorithm: profile.algorithm };
  });
}
