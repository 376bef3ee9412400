/**
 * All-to-all, broadcast and send/recv as NCCL runs them.
 * - all-to-all: every rank sends S/N to every other rank at once (grouped send/recv).
 * - send-recv: nccl-tests sendrecv_perf: every rank sends S to its successor and receives from its predecessor.
 * - broadcast: a pipelined chain from the root (NCCL ring broadcast). With K chunks the
 *   time is (K + N - 2)·(α + S/(K·B)); K = √((N-2)·S/(α·B)) minimises it (classic pipelining result).
 */
import type { Topology } from '../../hardware/topology/types';
import type { CollectivePlan, Transfer } from '../types';
import { ringStep } from './ring';
import { groupRanksByNode, ringOrder } from './rank-groups';

export function allToAllPlan(ranks: number[], bytes: number, topology: Topology): CollectivePlan {
  const n = ranks.length;
  const transfers: Transfer[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) transfers.push({ route: topology.route(ranks[i], ranks[j], { flowId: j }), bytes: bytes / n });
  }
  return { algorithm: 'direct', phases: [{ name: 'all-to-all', repeat: 1, transfers }] };
}

export function sendRecvPlan(ranks: number[], bytes: number, topology: Topology): CollectivePlan {
  return { algorithm: 'direct', phases: [{ name: 'send-recv', repeat: 1, transfers: ringStep(ranks, topology, bytes) }] };
}

export function broadcastPlan(ranks: number[], bytes: number, topology: Topology, root = 0): CollectivePlan {
  const n = ranks.length;
  if (n < 2) return { algorithm: 'ring', phases: [] };
  const rotated = ranks.slice(root).concat(ranks.slice(0, root));
  const groups = groupRanksByNode(rotated, topology);
  const c = groups.channels;
  const edges: number[][] = [];
  for (let ch = 0; ch < c; ch++) {
    const order = ringOrder(groups, ch);
    // The chain starts at the root on every channel.
    const start = order.indexOf(rotated[0]);
    const chain = order.slice(start).concat(order.slice(0, start));
    for (let i = 0; i + 1 < chain.length; i++) edges.push(topology.route(chain[i], chain[i + 1], { flowId: ch }));
  }
  let alpha = 0;
  let beta = Infinity;
  for (const e of edges) {
    alpha = Math.max(alpha, e.reduce((s, id) => s + topology.link(id).latency, 0));
    beta = Math.min(beta, ...e.map((id) => topology.link(id).capacity));
  }
  const perChannel = bytes / c;
  const chunks = n > 2 && alpha > 0 ? Math.max(1, Math.min(4096, Math.round(Math.sqrt(((n - 2) * perChannel) / (alpha * beta))))) : 1;
  return { algorithm: 'ring', phases: [{ name: `pipelined chain, ${chunks} chunks`, repeat: chunks + n - 2, transfers: edges.map((route) => ({ route, bytes: perChannel / chunks })) }] };
}
