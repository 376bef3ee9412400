/**
 * Double binary tree all-reduce (Sanders, Speck & Träff 2009; NCCL 2.4 trees):
 * two binary trees over the nodes, each carrying half the buffer, arranged so a
 * node interior in one is a leaf in the other; inside a node the ranks form a
 * chain. Reduce flows up while broadcast flows down, pipelined in small chunks,
 * so in steady state every edge is busy at once: we model the whole run as one
 * step with every edge's traffic (each edge moves its share once up and once
 * down) plus the pipeline fill, (tree depth + chain length)·α each way.
 * One channel per NIC as for rings.
 */
import type { Topology } from '../../hardware/topology/types';
import type { CollectivePlan, Transfer } from '../types';
import { groupRanksByNode } from './rank-groups';

/** Parent of position i in a heap-ordered binary tree of n positions (-1 for the root). */
function heapParent(i: number): number {
  return i === 0 ? -1 : Math.floor((i - 1) / 2);
}

export function treeDepth(n: number): number {
  return n <= 1 ? 0 : Math.floor(Math.log2(n));
}

export function treePlan(ranks: number[], bytes: number, topology: Topology): CollectivePlan {
  const groups = groupRanksByNode(ranks, topology);
  const nodes = groups.byNode;
  const c = groups.channels;
  const transfers: Transfer[] = [];
  const both = (a: number, b: number, piece: number, ch: number) => {
    transfers.push({ route: topology.route(a, b, { flowId: ch }), bytes: piece }, { route: topology.route(b, a, { flowId: ch }), bytes: piece });
  };
  for (let ch = 0; ch < c; ch++) {
    // Chain inside each node: ranks rotated so channel ch's chain ends at a different rank (and NIC).
    const head = (g: number[]) => g[ch % g.length];
    for (const g of nodes) {
      for (let i = 0; i + 1 < g.length; i++) both(g[(i + ch) % g.length], g[(i + 1 + ch) % g.length], bytes / c, ch);
    }
    // Two trees over the nodes: heap order and reversed heap order; each carries half.
    const m = nodes.length;
    for (let i = 1; i < m; i++) {
      both(head(nodes[i]), head(nodes[heapParent(i)]), bytes / 2 / c, ch);
      both(head(nodes[m - 1 - i]), head(nodes[m - 1 - heapParent(i)]), bytes / 2 / c, ch);
    }
  }
  const chain = Math.max(...nodes.map((g) => g.length)) - 1;
  const hops = 2 * (treeDepth(nodes.length) + chain);
  const hopLatency = Math.max(0, ...transfers.map((t) => t.route.reduce((s, id) => s + topology.link(id).latency, 0)));
  // The steady-state step already pays one hop latency; the fill pays the rest.
  const fillLatencyS = Math.max(0, hops - 1) * hopLatency;
  return { algorithm: 'tree', phases: [{ name: 'pipelined reduce + broadcast', repeat: 1, transfers, fillLatencyS }] };
}
