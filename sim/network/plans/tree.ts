/**
 * Double binary tree all-reduce (Sanders, Speck & Träff 2009; NCCL 2.4 trees):
 * two binary trees over the nodes, each carrying half the buffer, arranged so a
 * node interior in one is a leaf in the other; inside a node the ranks form a
 * chain. Reduce flows up while broadcast flows down, pipelined in small chunks,
 * so in steady state every edge is busy at once: we model the whole run as one
 * step with every edge's traffic (each edge moves its share once up and once
 * down) plus the pipeline fill, (tree depth + chain length)·α each way.
 * One channel per NIC as for rings (NCCL's tree graph opens one channel per NIC
 * on these nodes, as for rings).
 *
 * What each link carries, per channel of c and buffer S: every chain edge S/c
 * each way (S/c up, S/c down: a GPU inside the chain sends 2S/c); across nodes a
 * tree edge S/(2c) each way per tree. On 2 nodes each node is the root of one
 * tree and the leaf of the other, so its NIC carries S/c each way, half the
 * ring's 2(N-1)/N·S/c (NCCL's tree "can go up to ~2x the network speed" there,
 * sjeaugey, github.com/NVIDIA/nccl/issues/946); on many nodes a node with two
 * children in one tree sends 3·S/(2c) in it and S/(2c) as a leaf of the other,
 * 2S/c, the ring's.
 *
 * With NCCL's tree limits (nccl-tree-limits.ts) the plan also carries what NCCL
 * measured of its tree beyond the links: every transfer moves 1/0.92 of its
 * bytes (NCCL's tree efficiency, charged as more bytes as the NVLS plan charges
 * its reduction efficiency), and the channels' ceiling paces every transfer:
 * NCCL's tree reaches at most busBw = c·perChMaxTreeBw, algBw = busBw/2 (busBw
 * counts the up and the down stream), so the step lasts at least
 * 2S/(c·perChMaxTreeBw) and each transfer is sent no faster than its bytes over
 * that time (a chain stream of S/c at perChMaxTreeBw/2). Inside one node our
 * single chain stands for NCCL's many intra-node channels, so the limits apply
 * only across nodes.
 */
import type { Topology } from '../../hardware/topology/types';
import { type TreeLimits, treeChannelCeiling } from '../nccl-tree-limits';
import type { CollectivePlan, Transfer } from '../types';
import { groupRanksByNode } from './rank-groups';

/** Parent of position i in a heap-ordered binary tree of n positions (-1 for the root). */
function heapParent(i: number): number {
  return i === 0 ? -1 : Math.floor((i - 1) / 2);
}

export function treeDepth(n: number): number {
  let depth = 0; // ⌊log2 n⌋ by halving: exact, where Math.log2's last bit is the engine's
  for (let m = n; m >= 2; m = Math.floor(m / 2)) depth++;
  return depth;
}

export function treePlan(ranks: number[], bytes: number, topology: Topology, limits?: TreeLimits): CollectivePlan {
  const groups = groupRanksByNode(ranks, topology);
  const nodes = groups.byNode;
  const c = groups.channels;
  const m = nodes.length;
  const capped = limits !== undefined && m > 1 && bytes > 0;
  const scale = capped ? 1 / limits.efficiency : 1;
  // NCCL's ceiling: algBw <= c·perChMaxTreeBw/2, so the pipelined step lasts at least 2S/(c·perChMaxTreeBw).
  const shortestS = capped ? (2 * bytes) / (c * treeChannelCeiling(limits, m)) : 0;
  const transfers: Transfer[] = [];
  const both = (a: number, b: number, piece: number, ch: number) => {
    const t = (from: number, to: number): Transfer => {
      const transfer: Transfer = { route: topology.route(from, to, { flowId: ch }), bytes: piece * scale };
      if (capped) transfer.maxRate = transfer.bytes / shortestS;
      return transfer;
    };
    transfers.push(t(a, b), t(b, a));
  };
  for (let ch = 0; ch < c; ch++) {
    // Chain inside each node: ranks rotated so channel ch's chain ends at a different rank (and NIC).
    const head = (g: number[]) => g[ch % g.length];
    for (const g of nodes) {
      for (let i = 0; i + 1 < g.length; i++) both(g[(i + ch) % g.length], g[(i + 1 + ch) % g.length], bytes / c, ch);
    }
    // Two trees over the nodes: heap order and reversed heap order; each carries half.
    for (let i = 1; i < m; i++) {
      both(head(nodes[i]), head(nodes[heapParent(i)]), bytes / 2 / c, ch);
      both(head(nodes[m - 1 - i]), head(nodes[m - 1 - heapParent(i)]), bytes / 2 / c, ch);
    }
  }
  const chain = Math.max(...nodes.map((g) => g.length)) - 1;
  const hops = 2 * (treeDepth(m) + chain);
  const hopLatency = Math.max(0, ...transfers.map((t) => t.route.reduce((s, id) => s + topology.link(id).latency, 0)));
  // The steady-state step already pays one hop latency; the fill pays the rest.
  const fillLatencyS = Math.max(0, hops - 1) * hopLatency;
  return { algorithm: 'tree', phases: [{ name: 'pipelined reduce + broadcast', repeat: 1, transfers, fillLatencyS }] };
}
