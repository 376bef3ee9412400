/**
 * In-network reduction.
 *
 * NVLink SHARP (NVLS) inside one NVSwitch domain of k GPUs: each GPU owns a
 * shard S/k. Reduce: the switch reads every GPU's copy of each shard and returns
 * the sum to its owner (multimem.ld_reduce): S up and S/k down per port. Gather:
 * each owner writes its reduced shard once and the switch multicasts it to all
 * (multimem.st): S/k up and S down. Each port carries (k+1)/k·S each way, against
 * the ring's 2(k-1)/k·S. The switch's reduction runs at a fraction of the link's
 * bulk rate (the node's scaleUp.inNetworkReductionEfficiency, NCCL's measured
 * nvlsEfficiency), charged as that many more bytes on the port. One step.
 *
 * Across nodes (NVLS + InfiniBand SHARP, NCCL's NVLS with the CollNet/SHARP
 * plugin), pipelined so the stages overlap: NVLS reduce-scatter inside each node (each GPU sends S up, gets its
 * reduced shard S/k down), a SHARP all-reduce of each shard in the fabric's
 * switches (each GPU's NIC sends S/k up and receives S/k; each leaf forwards one
 * reduced stream per shard to the spines, each pod one to the core), then NVLS
 * all-gather inside each node (S/k up, S down).
 */
import type { Topology } from '../../hardware/topology/types';
import type { CollectivePlan, Phase, Transfer } from '../types';
import { groupRanksByNode } from './rank-groups';

export function nvlsPlan(ranks: number[], bytes: number, topology: Topology, efficiency = 1): CollectivePlan | undefined {
  const node = topology.place(ranks[0]).node;
  const k = ranks.length;
  const transfers: Transfer[] = [];
  for (const r of ranks) {
    const port = topology.scaleUpPort(r);
    if (!port || topology.place(r).node !== node) return undefined;
    // One transfer over both directions of the port: (k+1)/k·S each way, one switch hop of latency.
    transfers.push({ route: [port.up, port.down], bytes: (((k + 1) / k) * bytes) / efficiency });
  }
  return { algorithm: 'nvls', phases: [{ name: 'switch reduce + multicast', repeat: 1, transfers }] };
}

export function nvlsSharpPlan(ranks: number[], bytes: number, topology: Topology, efficiency = 1): CollectivePlan | undefined {
  const nodes = groupRanksByNode(ranks, topology).byNode;
  const k = nodes[0].length;
  if (nodes.length < 2 || nodes.some((g) => g.length !== k)) return undefined;
  const shard = bytes / k;
  const scatter: Transfer[] = [];
  const gather: Transfer[] = [];
  const sharp: Transfer[] = [];
  const streams = new Set<string>();
  for (const g of nodes) {
    g.forEach((r, j) => {
      const port = topology.scaleUpPort(r);
      if (!port) return;
      if (k > 1) {
        const e = efficiency;
        scatter.push({ route: [port.up, port.down], bytes: shard / e }, { route: [port.up], bytes: (bytes - shard) / e });
        gather.push({ route: [port.up, port.down], bytes: shard / e }, { route: [port.down], bytes: (bytes - shard) / e });
      }
      const path = topology.reductionPath(r);
      const up: number[] = [];
      const down: number[] = [];
      for (const level of path) {
        const key = `${level.key} shard ${j}`;
        // A switch level carries one stream per shard, whatever number of streams reach it from below.
        if (level === path[0] || !streams.has(key)) {
          streams.add(key);
          up.push(level.up);
          down.unshift(level.down);
        } else break;
      }
      sharp.push({ route: up.concat(down), bytes: shard });
    });
  }
  if (nodes.some((g) => g.some((r) => !topology.scaleUpPort(r)) && k > 1) || sharp.length !== ranks.length) return undefined;
  // The three stages run pipelined in chunks (as NCCL's NVLS/CollNet kernels do), so their traffic shares
  // the links at once: one step with every stage's transfers; the two NVLS hops add their latency as fill.
  const hop = (id: number) => topology.link(id).latency;
  const port = topology.scaleUpPort(ranks[0]);
  const fillLatencyS = k > 1 && port ? 2 * (hop(port.up) + hop(port.down)) : 0;
  const phases: Phase[] = [{ name: 'pipelined NVLS reduce-scatter, SHARP all-reduce, NVLS all-gather', repeat: 1, transfers: [...scatter, ...sharp, ...gather], fillLatencyS }];
  return { algorithm: 'nvls-sharp', phases };
}
