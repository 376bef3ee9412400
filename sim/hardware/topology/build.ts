/**
 * buildTopology: turns a ClusterModel into flow links and routes.
 *
 * - Scale-up: a switch-like domain (NVSwitch, PCIe, Infinity Fabric, NVLink or
 *   RoCE mesh treated as all-to-all) gives every device its own up and down
 *   link at its per-device bandwidth; an ICI torus gives every device one link
 *   per dimension and direction (bandwidthPerDevice split over 2·dims) with
 *   dimension-order routing.
 * - Scale-out: every NIC has an up and a down link (min of NIC and fabric port
 *   rate, times the fabric's efficiency). A transfer leaves through the NIC of
 *   its source device's rail (local index mod NICs) and enters through the
 *   destination device's rail, as GPUDirect RDMA does without PXN relaying.
 * - single-switch: all NICs on one switch. fat-tree: nodes fill leaves
 *   (all of a node's NICs on one leaf); rail-optimized: NIC i of every node in a
 *   group goes to that group's leaf i. A leaf's uplinks carry its attached port
 *   bandwidth divided by the oversubscription. Three tiers group leaves into
 *   pods whose spines are non-blocking to the core. Routing 'ideal' uses one
 *   aggregate link per leaf and direction (perfect spreading); 'ecmp' gives each
 *   uplink its own link and hashes (src, dst, flowId, seed) to one of them.
 * - torus (scale-out): a TPU slice (every node ICI, torusDims in chips) is one
 *   device-level ICI torus; otherwise nodes on a k-ary n-cube, each node's NIC bandwidth split
 *   over its 2·dims torus links, dimension-order routing.
 */
import type { ClusterModel } from '../types';
import { ecmpChoice } from './ecmp';
import { layoutDevices, leafDownPorts, leavesPerPod } from './layout';
import { defaultTorusDims, torusRoute } from './torus';
import type { LinkInfo, LinkLayer, LinkSink, RouteOptions, Topology } from './types';

export interface TopologyOptions {
  /** Seed of the ECMP hash. */
  seed?: number;
}

/**
 * Scale-up kinds modelled as a non-blocking switch at the per-device rate. For
 * point-to-point meshes (NVLink mesh, Infinity Fabric, Gaudi's RoCE mesh) this
 * assumes traffic is spread over all of a device's links, as the vendors'
 * collective libraries do; a PCIe tree through the host is taken as a
 * non-blocking root complex at each device's link rate.
 */
const switchLikeScaleUp = new Set(['nvswitch', 'nvlink-mesh', 'roce-mesh', 'pcie', 'pcie-switch', 'infinity-fabric', 'on-chip']);

export function buildTopology(cluster: ClusterModel, sink: LinkSink, options: TopologyOptions = {}): Topology {
  const seed = options.seed ?? 0;
  const { nodes, devices } = layoutDevices(cluster);
  const byId = new Map<number, LinkInfo>();
  const links: LinkInfo[] = [];
  const add = (capacity: number, latency: number, name: string, layer: LinkLayer): number => {
    const id = sink.addLink(capacity, latency, name);
    const info = { id, capacity, latency, name, layer };
    byId.set(id, info);
    links.push(info);
    return id;
  };

  // ---- scale-up inside each node
  const suUp: number[] = new Array(devices.length).fill(-1);
  const suDown: number[] = new Array(devices.length).fill(-1);
  const iciLinks: Array<Map<string, number>> = [];
  const iciDims: number[][] = [];
  nodes.forEach((node, n) => {
    const su = node.spec.scaleUp;
    const bw = su.bandwidthPerDevice * (su.efficiency ?? 1);
    if (node.devices.length < 2 || su.kind === 'none' || !(bw > 0)) return;
    const dims = su.torusDims;
    if (su.kind === 'ici-torus' && dims && dims.reduce((a, b) => a * b, 1) === node.devices.length) {
      iciDims[n] = dims;
      const m = new Map<string, number>();
      const perLink = bw / (2 * dims.length);
      node.devices.forEach((d, local) => {
        dims.forEach((_, dim) => {
          for (const dir of [1, -1]) m.set(`${local}:${dim}:${dir}`, add(perLink, su.latency, `ici n${n} d${d} dim${dim}${dir > 0 ? '+' : '-'}`, 'torus'));
        });
      });
      iciLinks[n] = m;
      return;
    }
    if (!switchLikeScaleUp.has(su.kind) && su.kind !== 'ici-torus') return;
    for (const d of node.devices) {
      suUp[d] = add(bw, su.latency / 2, `${su.kind} up d${d}`, 'scale-up');
      suDown[d] = add(bw, su.latency / 2, `${su.kind} down d${d}`, 'scale-up');
    }
  });

  // ---- NICs
  const fabric = cluster.fabric;
  const net = cluster.network;
  const nicUp: number[][] = [];
  const nicDown: number[][] = [];
  const maxNics = Math.max(1, ...nodes.map((n) => n.spec.nics.count));
  const torus = net.topology === 'torus';
  nodes.forEach((node, n) => {
    nicUp[n] = [];
    nicDown[n] = [];
    if (torus) return;
    const nic = node.spec.nics;
    const rate = Math.min(nic.bandwidth, fabric.linkBandwidth) * fabric.efficiency;
    const lat = (fabric.baseLatency > 0 ? fabric.baseLatency : nic.latency) / 2;
    for (let i = 0; i < Math.max(1, nic.count); i++) {
      nicUp[n][i] = add(rate, lat, `nic up n${n}.${i}`, 'nic');
      nicDown[n][i] = add(rate, lat, `nic down n${n}.${i}`, 'nic');
    }
  });

  // ---- leaves, spines, pods
  const o = Math.max(1, net.oversubscription);
  const down = leafDownPorts(fabric.switchRadix, o);
  const rail = net.topology === 'rail-optimized';
  const single = net.topology === 'single-switch' || nodes.length <= 1;
  const nodesPerLeaf = rail ? down : Math.max(1, Math.floor(down / maxNics));
  const leafOf = (n: number, nic: number): number => {
    if (torus) return -1;
    if (single) return 0;
    const group = Math.floor(n / nodesPerLeaf);
    return rail ? group * maxNics + (nic % maxNics) : group;
  };
  const leafCount = single || torus ? (torus ? 0 : 1) : nodes.reduce((m, _, n) => Math.max(m, leafOf(n, maxNics - 1)), 0) + 1;
  const tiers = net.tiers ?? (leafCount > fabric.switchRadix ? 3 : 2);
  const perPod = leavesPerPod(fabric.switchRadix);
  const podOf = (leaf: number) => (tiers === 3 ? Math.floor(leaf / perPod) : 0);
  const ecmp = net.routing === 'ecmp';

  // Attached NIC ports per leaf, their raw rate, and the uplinks that carry them / o.
  const attached: number[] = new Array(leafCount).fill(0);
  nodes.forEach((node, n) => {
    for (let i = 0; i < Math.max(1, node.spec.nics.count); i++) attached[leafOf(n, i)] += Math.min(node.spec.nics.bandwidth, fabric.linkBandwidth);
  });
  const leafUp: number[][] = [];
  const leafDown: number[][] = [];
  const podUp: number[] = [];
  const podDown: number[] = [];
  if (leafCount > 1) {
    const podCap: number[] = [];
    for (let leaf = 0; leaf < leafCount; leaf++) {
      const cap = (attached[leaf] * fabric.efficiency) / o;
      const ports = ecmp ? Math.max(1, Math.ceil(attached[leaf] / o / fabric.linkBandwidth - 1e-9)) : 1;
      leafUp[leaf] = [];
      leafDown[leaf] = [];
      for (let j = 0; j < ports; j++) {
        leafUp[leaf][j] = add(cap / ports, fabric.switchLatency, `leaf${leaf} up${j}`, 'leaf-spine');
        leafDown[leaf][j] = add(cap / ports, fabric.switchLatency, `leaf${leaf} down${j}`, 'leaf-spine');
      }
      podCap[podOf(leaf)] = (podCap[podOf(leaf)] ?? 0) + cap;
    }
    if (tiers === 3 && podCap.length > 1) {
      podCap.forEach((cap, p) => {
        podUp[p] = add(cap, fabric.switchLatency, `pod${p} up`, 'spine-core');
        podDown[p] = add(cap, fabric.switchLatency, `pod${p} down`, 'spine-core');
      });
    }
  }

  // ---- a TPU-style slice: one ICI torus over every device of the cluster (torusDims in chips)
  const sliceDims = torus && net.torusDims && net.torusDims.reduce((a, b) => a * b, 1) === devices.length && devices.length > 1
    && nodes.every((n) => n.spec.scaleUp.kind === 'ici-torus') ? net.torusDims : undefined;
  const sliceLinks = new Map<string, number>();
  if (sliceDims) {
    devices.forEach((place, d) => {
      const su = nodes[place.node].spec.scaleUp;
      const perLink = (su.bandwidthPerDevice * (su.efficiency ?? 1)) / (2 * sliceDims.length);
      sliceDims.forEach((_, dim) => {
        for (const dir of [1, -1]) sliceLinks.set(`${d}:${dim}:${dir}`, add(perLink, su.latency, `ici d${d} dim${dim}${dir > 0 ? '+' : '-'}`, 'torus'));
      });
    });
  }

  // ---- torus of nodes
  const nodeDims = torus ? (net.torusDims && net.torusDims.reduce((a, b) => a * b, 1) >= nodes.length ? net.torusDims : defaultTorusDims(nodes.length, net.torusDims?.length ?? 2)) : [];
  const nodeTorus = new Map<string, number>();
  if (torus && !sliceDims) {
    nodes.forEach((node, n) => {
      const nic = node.spec.nics;
      const perLink = (Math.max(1, nic.count) * Math.min(nic.bandwidth, fabric.linkBandwidth) * fabric.efficiency) / (2 * nodeDims.length);
      nodeDims.forEach((_, dim) => {
        for (const dir of [1, -1]) nodeTorus.set(`${n}:${dim}:${dir}`, add(perLink, fabric.baseLatency > 0 ? fabric.baseLatency : nic.latency, `torus n${n} dim${dim}${dir > 0 ? '+' : '-'}`, 'torus'));
      });
    });
  }

  const route = (src: number, dst: number, opts: RouteOptions = {}): number[] => {
    if (src === dst) return [];
    if (sliceDims) return torusRoute(src, dst, sliceDims).map((h) => sliceLinks.get(`${h.from}:${h.dim}:${h.dir}`)!);
    const a = devices[src];
    const b = devices[dst];
    if (a.node === b.node) {
      const ici = iciLinks[a.node];
      if (ici) return torusRoute(a.local, b.local, iciDims[a.node]).map((h) => ici.get(`${h.from}:${h.dim}:${h.dir}`)!);
      if (suUp[src] >= 0) return [suUp[src], suDown[dst]];
      if (torus) return [];
    }
    if (torus) {
      return torusRoute(a.node, b.node, nodeDims).map((h) => nodeTorus.get(`${h.from}:${h.dim}:${h.dir}`)!);
    }
    const sNic = a.local % nicUp[a.node].length;
    const dNic = b.local % nicDown[b.node].length;
    const path = [nicUp[a.node][sNic]];
    const la = leafOf(a.node, sNic);
    const lb = leafOf(b.node, dNic);
    if (la !== lb) {
      const flowId = opts.flowId ?? 0;
      const up = leafUp[la];
      const dn = leafDown[lb];
      path.push(up[ecmpChoice(up.length, src, dst, flowId, seed)]);
      const pa = podOf(la);
      const pb = podOf(lb);
      if (pa !== pb && podUp.length > 0) path.push(podUp[pa], podDown[pb]);
      path.push(dn[ecmpChoice(dn.length, dst, src, flowId, seed ^ 0x5bd1e995)]);
    }
    path.push(nicDown[b.node][dNic]);
    return path;
  };

  const devicesOfNode = nodes.map((n) => n.devices);
  const describe = sliceDims
    ? `ICI torus ${sliceDims.join('x')} of ${devices.length} chips`
    : torus
    ? `torus ${nodeDims.join('x')} of ${nodes.length} nodes`
    : single
      ? `single switch, ${nodes.length} nodes`
      : `${net.topology} ${tiers}-tier, ${leafCount} leaves of ${rail ? `${nodesPerLeaf} nodes per rail` : `${nodesPerLeaf} nodes`}, oversubscription ${o}:1, ${net.routing} routing`;

  return {
    deviceCount: devices.length,
    nodeCount: nodes.length,
    devicesOfNode,
    place: (d) => devices[d],
    nicsOfNode: (n) => nicUp[n].length,
    leafOf,
    route,
    scaleUpPort: (d) => (suUp[d] >= 0 ? { up: suUp[d], down: suDown[d] } : undefined),
    reductionPath: (d) => {
      if (torus) return [];
      const { node, local } = devices[d];
      const nic = local % nicUp[node].length;
      const path = [{ key: `nic ${node}.${nic}`, up: nicUp[node][nic], down: nicDown[node][nic] }];
      const leaf = leafOf(node, nic);
      if (leafUp.length > 1) {
        // One stream per leaf and rail; under ECMP the aggregation tree pins it to one hashed uplink.
        const j = ecmpChoice(leafUp[leaf].length, leaf, nic, 0, seed);
        path.push({ key: `leaf ${leaf} rail ${nic}`, up: leafUp[leaf][j], down: leafDown[leaf][j] });
        if (podUp.length > 1) path.push({ key: `pod ${podOf(leaf)} rail ${nic}`, up: podUp[podOf(leaf)], down: podDown[podOf(leaf)] });
      }
      return path;
    },
    link: (id) => {
      const info = byId.get(id);
      if (!info) throw new Error(`topology: no link ${id}`);
      return info;
    },
    links,
    describe,
  };
}
