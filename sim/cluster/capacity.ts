/**
 * The capacity timeline: which nodes exist when. The cluster's pools are the
 * full order; `deliveries` say when devices arrive (nodes not named in any
 * delivery are there from the start); a shortage delays or cancels a share of
 * each delivery; maintenance windows take a share of the nodes down.
 * Racks group `nodesPerRack` consecutive nodes of a pool.
 */
import type { ClusterModel } from '../hardware/types';
import type { CapacityInput } from './schema';
import type { MaintenanceWindow, SimNode } from './simulate';

export interface CapacityPlan {
  nodes: SimNode[];
  maintenance: MaintenanceWindow[];
  /** Per delivery: nodes on time and nodes late (or cancelled). */
  deliveries: Array<{ pool: string; atS: number; nodes: number; lateNodes: number; lateAtS: number }>;
}

/**
 * Nodes under one leaf switch. A leaf of radix R with downlink:uplink ratio o
 * has R·o/(1+o) downlinks; a node takes one per NIC, except on rail-optimized
 * fabrics where each NIC goes to a different leaf (one port per node per leaf).
 */
export function defaultNodesPerRack(cluster: ClusterModel): number {
  const radix = cluster.fabric.switchRadix;
  const o = cluster.network.oversubscription || 1;
  const downlinks = Math.floor((radix * o) / (1 + o));
  const nics = Math.max(1, cluster.pools[0]?.node.nics.count ?? 1);
  const perRack = cluster.network.topology === 'rail-optimized' ? downlinks : Math.floor(downlinks / nics);
  return Math.max(1, perRack);
}

/** Issues the scenario can fix (paths relative to the scenario root). */
export function checkCapacity(capacity: CapacityInput | undefined, cluster: ClusterModel): Array<{ path: string; expected: string; found?: string }> {
  const issues: Array<{ path: string; expected: string; found?: string }> = [];
  if (!capacity) return issues;
  const byPool = new Map<string, number>();
  capacity.deliveries.forEach((d, i) => {
    const pool = d.pool === undefined ? cluster.pools[0] : cluster.pools.find((p) => p.name === d.pool);
    if (!pool) {
      issues.push({ path: `workload.capacity.deliveries[${i}].pool`, expected: `a pool of the cluster (${cluster.pools.map((p) => p.name).join(', ')})`, found: JSON.stringify(d.pool) });
      return;
    }
    if (d.count % pool.node.devicesPerNode !== 0) {
      issues.push({ path: `workload.capacity.deliveries[${i}].count`, expected: `whole nodes: a multiple of ${pool.node.devicesPerNode} devices (${pool.node.id})`, found: String(d.count) });
    }
    byPool.set(pool.name, (byPool.get(pool.name) ?? 0) + d.count);
  });
  for (const [name, total] of byPool) {
    const pool = cluster.pools.find((p) => p.name === name)!;
    const devices = pool.count * pool.node.devicesPerNode;
    if (total > devices) issues.push({ path: 'workload.capacity.deliveries', expected: `at most the ${devices} devices of pool "${name}" (the pools are the whole order)`, found: `${total} delivered` });
  }
  return issues;
}

export function buildCapacityPlan(cluster: ClusterModel, capacity: CapacityInput | undefined, nodesPerRack: number, horizonS: number | undefined): CapacityPlan {
  const nodes: SimNode[] = [];
  const poolStart: number[] = [];
  let rackBase = 0;
  for (const pool of cluster.pools) {
    poolStart.push(nodes.length);
    for (let i = 0; i < pool.count; i++) nodes.push({ size: pool.node.devicesPerNode, rack: rackBase + Math.floor(i / nodesPerRack), installS: 0 });
    rackBase += Math.ceil(pool.count / nodesPerRack);
  }
  const deliveries: CapacityPlan['deliveries'] = [];
  if (capacity) {
    const next = cluster.pools.map(() => 0);
    const shortage = capacity.shortage;
    for (const d of capacity.deliveries) {
      const p = d.pool === undefined ? 0 : cluster.pools.findIndex((x) => x.name === d.pool);
      if (p < 0) continue;
      const pool = cluster.pools[p];
      const count = Math.min(Math.ceil(d.count / pool.node.devicesPerNode), pool.count - next[p]);
      const late = shortage ? Math.round(count * shortage.fraction) : 0;
      const lateAtS = shortage?.delay !== undefined ? d.at + shortage.delay : Infinity;
      for (let k = 0; k < count; k++) nodes[poolStart[p] + next[p] + k].installS = k < count - late ? d.at : lateAtS;
      next[p] += count;
      deliveries.push({ pool: pool.name, atS: d.at, nodes: count, lateNodes: late, lateAtS });
    }
  }
  const maintenance: MaintenanceWindow[] = [];
  for (const m of capacity?.maintenance ?? []) {
    const count = Math.ceil(m.fraction * nodes.length);
    const list = [...Array(count).keys()];
    const repeats = m.every === undefined ? 1 : horizonS !== undefined ? Math.max(1, Math.floor((horizonS - m.at) / m.every) + 1) : 10;
    for (let r = 0; r < repeats; r++) maintenance.push({ startS: m.at + r * (m.every ?? 0), durationS: m.duration, nodes: list });
  }
  maintenance.sort((a, b) => a.startS - b.startS);
  return { nodes, maintenance, deliveries };
}
