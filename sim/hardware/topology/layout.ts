/**
 * Where devices and nodes sit: global device index = pools in order, node-major
 * (device d of node n of pool p); nodes to leaf switches (racks) and leaves to
 * pods, sized from the switch radix and the leaf's oversubscription.
 */
import type { ClusterModel, NodeSpec } from '../types';
import type { DevicePlace } from './types';

export interface NodePlace {
  pool: number;
  spec: NodeSpec;
  devices: number[];
}

export interface Layout {
  nodes: NodePlace[];
  devices: DevicePlace[];
}

export function layoutDevices(cluster: ClusterModel): Layout {
  const nodes: NodePlace[] = [];
  const devices: DevicePlace[] = [];
  cluster.pools.forEach((pool, p) => {
    for (let n = 0; n < pool.count; n++) {
      const node = nodes.length;
      const list: number[] = [];
      for (let local = 0; local < pool.node.devicesPerNode; local++) {
        list.push(devices.length);
        devices.push({ node, local, pool: p });
      }
      nodes.push({ pool: p, spec: pool.node, devices: list });
    }
  });
  return { nodes, devices };
}

/**
 * Leaf sizing: a leaf of radix R with oversubscription o (down:up) gives
 * R·o/(1+o) ports to NICs and R/(1+o) to spines (a non-blocking leaf splits
 * its ports in half).
 */
export function leafDownPorts(radix: number, oversubscription: number): number {
  return Math.max(1, Math.floor((radix * oversubscription) / (1 + oversubscription)));
}

/** Leaves that one pod's spines connect in a three-tier Clos: half a spine's ports face down. */
export function leavesPerPod(radix: number): number {
  return Math.max(1, Math.floor(radix / 2));
}
