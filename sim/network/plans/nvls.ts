/**
 * NVLink SHARP (NVLS) all-reduce inside one NVSwitch domain: the switch reduces
 * (multimem.ld_reduce) and multicasts (multimem.st), so each GPU sends its
 * buffer into the switch once and receives the result once — S each way over its
 * own port, instead of the ring's 2(N-1)/N·S. One step; undefined where a rank
 * has no switch port or the ranks span nodes.
 */
import type { Topology } from '../../hardware/topology/types';
import type { CollectivePlan, Transfer } from '../types';

export function nvlsPlan(ranks: number[], bytes: number, topology: Topology): CollectivePlan | undefined {
  const node = topology.place(ranks[0]).node;
  const transfers: Transfer[] = [];
  for (const r of ranks) {
    const port = topology.scaleUpPort(r);
    if (!port || topology.place(r).node !== node) return undefined;
    transfers.push({ route: [port.up], bytes }, { route: [port.down], bytes });
  }
  return { algorithm: 'nvls', phases: [{ name: 'switch reduce + multicast', repeat: 1, transfers }] };
}
