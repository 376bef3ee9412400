/**
 * Hierarchical all-reduce (2D ring; e.g. Jia et al. 2018, Horovod hierarchical):
 * reduce-scatter on a ring inside each node (k ranks, S/k pieces), all-reduce
 * of each S/k shard across nodes on k parallel rings (rank j of every node), then
 * all-gather inside each node. Needs the same rank count on every node.
 * Cost: 2(k-1)·(α_in + S/(k·B_in)) + 2(n-1)·(α_out + S/(k·n·B_out)).
 */
import type { Topology } from '../../hardware/topology/types';
import type { CollectivePlan, Transfer } from '../types';
import { groupRanksByNode } from './rank-groups';

export function hierarchicalPlan(ranks: number[], bytes: number, topology: Topology): CollectivePlan | undefined {
  const nodes = groupRanksByNode(ranks, topology).byNode;
  const k = nodes[0].length;
  if (nodes.some((g) => g.length !== k)) return undefined;
  const n = nodes.length;
  const intra: Transfer[] = [];
  for (const g of nodes) for (let i = 0; i < k && k > 1; i++) intra.push({ route: topology.route(g[i], g[(i + 1) % k]), bytes: bytes / k });
  const inter: Transfer[] = [];
  for (let j = 0; j < k && n > 1; j++) {
    for (let i = 0; i < n; i++) inter.push({ route: topology.route(nodes[i][j], nodes[(i + 1) % n][j], { flowId: j }), bytes: bytes / k / n });
  }
  const phases = [];
  if (k > 1) phases.push({ name: 'intra-node reduce-scatter', repeat: k - 1, transfers: intra });
  if (n > 1) phases.push({ name: 'inter-node all-reduce', repeat: 2 * (n - 1), transfers: inter });
  if (k > 1) phases.push({ name: 'intra-node all-gather', repeat: k - 1, transfers: intra });
  return { algorithm: 'hierarchical', phases };
}
