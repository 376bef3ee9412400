/**
 * Ring algorithms (Patarasuk & Yuan 2009; NCCL rings): N ranks in a ring, the
 * buffer cut into N pieces; every step each rank sends one piece to its
 * successor. reduce-scatter and all-gather take N-1 steps, all-reduce 2(N-1).
 * With C channels (one per NIC), each channel is a ring carrying 1/C of the data.
 * Cost: steps·α + steps·S/(N·B) = 2(N-1)·α + 2(N-1)/N·S/B for all-reduce.
 */
import type { Topology } from '../../hardware/topology/types';
import type { CollectivePlan, Transfer } from '../types';
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

export function ringPlan(op: 'all-reduce' | 'reduce-scatter' | 'all-gather', ranks: number[], bytes: number, topology: Topology): CollectivePlan {
  const n = ranks.length;
  if (n < 2) return { algorithm: 'ring', phases: [] };
  const step = ringStep(ranks, topology, bytes / n);
  if (op === 'all-reduce') {
    return { algorithm: 'ring', phases: [
      { name: 'reduce-scatter', repeat: n - 1, transfers: step },
      { name: 'all-gather', repeat: n - 1, transfers: step },
    ] };
  }
  return { algorithm: 'ring', phases: [{ name: op, repeat: n - 1, transfers: step }] };
}
