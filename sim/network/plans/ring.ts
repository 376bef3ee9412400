/**
 * Ring algorithms (Patarasuk & Yuan 2009; NCCL rings): N ranks in a ring, the
 * buffer cut into N pieces; every step each rank sends one piece to its
 * successor. reduce-scatter and all-gather take N-1 steps, all-reduce 2(N-1).
 * With C channels (one per NIC), each channel is a ring carrying 1/C of the data.
 *
 * NCCL pipelines the steps: a rank forwards each chunk as soon as it has it, so
 * the ranks never wait for one another step by step. Each edge streams its
 * (N-1)/N·S/C of a half at the rate of the ring's slowest edge, and the latency
 * is that of the chain a chunk follows: N-1 consecutive hops per half, each hop
 * as long as the edge it crosses (NCCL src/graph/tuning.cc prices a ring
 * all-reduce at (2(N-1) - 2·nNodes) intra-node hops plus 2·nNodes network hops,
 * not 2(N-1) of the slowest). A half is therefore one step in which every edge
 * carries its whole share, plus the chain's latency beyond the one hop the step
 * itself pays: (N-1)·mean hop latency - the slowest hop.
 * Cost on a uniform ring: 2(N-1)·α + 2(N-1)/N·S/B for all-reduce.
 */
import type { Topology } from '../../hardware/topology/types';
import type { CollectivePlan, Phase, Transfer } from '../types';
import { groupRanksByNode, ringOrder } from './rank-groups';

/** One ring step: every rank sends `bytesPerRank` (split over the channels) to its successor. */
export function ringStep(ranks: number[], topology: Topology, bytesPerRank: number): Transfer[] {
  const groups = groupRanksByNode(ranks, topology);
  const c = groups.channels;
  const transfers: Transfer[] = [];
  for (let ch = 0; ch < c; ch++) {
    const order = ringOrder(groups, ch);
    for (let i = 0; i < order.length; i++) {
      transfers.push({ route: topology.route(order[i], order[(i + 1) % order.length], { flowId: ch }), bytes: bytesPerRank / c });
    }
  }
  return transfers;
}

/** Mean and largest one-hop latency over the ring's edges (every channel). */
export function ringHopLatency(transfers: Transfer[], topology: Topology): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  for (const t of transfers) {
    let lat = 0;
    for (const id of t.route) lat += topology.link(id).latency;
    sum += lat;
    if (lat > max) max = lat;
  }
  return { mean: transfers.length > 0 ? sum / transfers.length : 0, max };
}

export function ringPlan(op: 'all-reduce' | 'reduce-scatter' | 'all-gather', ranks: number[], bytes: number, topology: Topology): CollectivePlan {
  const n = ranks.length;
  if (n < 2) return { algorithm: 'ring', phases: [] };
  // One half streams N-1 pieces of S/N over every edge.
  const streamed = ringStep(ranks, topology, ((n - 1) * bytes) / n);
  const hop = ringHopLatency(streamed, topology);
  const half = (name: string): Phase => ({ name, repeat: 1, transfers: streamed, fillLatencyS: Math.max(0, (n - 1) * hop.mean - hop.max), pipelinedSteps: n - 1 });
  if (op === 'all-reduce') return { algorithm: 'ring', phases: [half('reduce-scatter'), half('all-gather')] };
  return { algorithm: 'ring', phases: [half(op)] };
}
