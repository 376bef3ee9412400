/** Ranks grouped by node, in first-appearance order: the unit every node-aware algorithm works on. */
import type { Topology } from '../../hardware/topology/types';

export interface RankGroups {
  /** Ranks (global devices) of each involved node, in request order. */
  byNode: number[][];
  /** Ring channels NCCL would open: one per NIC a node's ranks can use (1 inside a single node). */
  channels: number;
}

export function groupRanksByNode(ranks: number[], topology: Topology): RankGroups {
  const index = new Map<number, number>();
  const byNode: number[][] = [];
  for (const r of ranks) {
    const node = topology.place(r).node;
    let i = index.get(node);
    if (i === undefined) {
      i = byNode.length;
      index.set(node, i);
      byNode.push([]);
    }
    byNode[i].push(r);
  }
  let channels = 1;
  if (byNode.length > 1) {
    channels = Infinity;
    for (const group of byNode) channels = Math.min(channels, Math.max(1, Math.min(group.length, topology.nicsOfNode(topology.place(group[0]).node))));
  }
  return { byNode, channels };
}

/** Ring order of channel c: nodes in order, each node's ranks rotated by c so each channel leaves a node through a different rank (and NIC). */
export function ringOrder(groups: RankGroups, channel: number): number[] {
  const order: number[] = [];
  for (const g of groups.byNode) for (let i = 0; i < g.length; i++) order.push(g[(i + channel) % g.length]);
  return order;
}
