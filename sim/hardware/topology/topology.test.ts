import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dgxH100, singleGpuNode, testCluster } from '../../network/test-clusters';
import { buildTopology } from './build';
import { linkRecorder } from './link-recorder';
import { torusRoute } from './torus';

const build = (...args: Parameters<typeof testCluster>) => buildTopology(testCluster(...args), linkRecorder());
const layers = (t: ReturnType<typeof build>, route: number[]) => route.map((id) => t.link(id).layer);

describe('topology', () => {
  it('numbers devices node-major and maps each to its node and local index', () => {
    const t = build(dgxH100, 3);
    expect(t.deviceCount).toBe(24);
    expect(t.place(17)).toEqual({ node: 2, local: 1, pool: 0 });
    expect(t.devicesOfNode[1]).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('routes inside an NVSwitch node over the two devices own ports at NVLink rate', () => {
    const t = build(dgxH100, 1);
    const r = t.route(2, 5);
    expect(layers(t, r)).toEqual(['scale-up', 'scale-up']);
    expect(t.link(r[0]).capacity).toBeCloseTo(450e9 * (20.6 / 25));
  });

  it('leaves a node through the NIC of the source device rail and enters through the destination rail', () => {
    const t = build(dgxH100, 2);
    const r = t.route(3, 8 + 5);
    expect(r.map((id) => t.link(id).name)).toEqual(['nic up n0.3', 'nic down n1.5']);
  });

  it('crosses leaf uplinks only between racks, and divides uplink capacity by the oversubscription', () => {
    // Radix 8 at 2:1: 5 NIC ports per leaf -> 5 single-NIC nodes per leaf, uplink = 5 ports / 2.
    const fabric = { ...testCluster(singleGpuNode, 1).fabric, switchRadix: 8 };
    const t = buildTopology(testCluster(singleGpuNode, 10, { oversubscription: 2 }, fabric), linkRecorder());
    expect(t.leafOf(4, 0)).toBe(0);
    expect(t.leafOf(5, 0)).toBe(1);
    expect(layers(t, t.route(0, 4))).toEqual(['nic', 'nic']);
    const cross = t.route(0, 5);
    expect(layers(t, cross)).toEqual(['nic', 'leaf-spine', 'leaf-spine', 'nic']);
    expect(t.link(cross[1]).capacity).toBeCloseTo((5 * 50e9 * fabric.efficiency) / 2);
  });

  it('ECMP hashes flows to single uplinks, deterministically per seed, so some collide', () => {
    const fabric = { ...testCluster(singleGpuNode, 1).fabric, switchRadix: 16 };
    const cluster = testCluster(singleGpuNode, 16, { routing: 'ecmp' }, fabric);
    const a = buildTopology(cluster, linkRecorder(), { seed: 7 });
    const b = buildTopology(cluster, linkRecorder(), { seed: 7 });
    const uplinks = new Map<number, number>();
    for (let i = 0; i < 8; i++) {
      const r = a.route(i, 8 + i);
      expect(r).toEqual(b.route(i, 8 + i));
      uplinks.set(r[1], (uplinks.get(r[1]) ?? 0) + 1);
    }
    // 8 flows on 8 uplinks: without collisions each would get its own; a hash almost never does that.
    expect(Math.max(...uplinks.values())).toBeGreaterThan(1);
  });

  it('rail-optimized fabrics put NIC i of a group on leaf i, so cross-rail traffic goes through the spine', () => {
    const t = build(dgxH100, 4, { topology: 'rail-optimized' });
    expect(t.leafOf(0, 3)).toBe(3);
    expect(t.leafOf(2, 3)).toBe(3);
    expect(layers(t, t.route(3, 16 + 3))).toEqual(['nic', 'nic']);
    expect(layers(t, t.route(3, 16 + 4))).toEqual(['nic', 'leaf-spine', 'leaf-spine', 'nic']);
  });

  it('three tiers add pod links between pods', () => {
    const fabric = { ...testCluster(singleGpuNode, 1).fabric, switchRadix: 4 };
    // radix 4 non-blocking: 2 nodes per leaf, 2 leaves per pod.
    const t = buildTopology(testCluster(singleGpuNode, 8, { tiers: 3 }, fabric), linkRecorder());
    expect(layers(t, t.route(0, 2))).toEqual(['nic', 'leaf-spine', 'leaf-spine', 'nic']);
    expect(layers(t, t.route(0, 7))).toEqual(['nic', 'leaf-spine', 'spine-core', 'spine-core', 'leaf-spine', 'nic']);
  });

  it('a node torus routes minimally: hop count is the wrap-around Manhattan distance', () => {
    const dims = [4, 3];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 11 }), (a, b) => {
        const ax = a % 4, ay = Math.floor(a / 4), bx = b % 4, by = Math.floor(b / 4);
        const dx = Math.min((bx - ax + 4) % 4, (ax - bx + 4) % 4);
        const dy = Math.min((by - ay + 3) % 3, (ay - by + 3) % 3);
        expect(torusRoute(a, b, dims).length).toBe(dx + dy);
      }),
    );
    const t = build(singleGpuNode, 12, { topology: 'torus', torusDims: dims });
    expect(t.route(0, 5).every((id) => t.link(id).layer === 'torus')).toBe(true);
    expect(t.route(0, 5).length).toBe(2);
  });

  it('an ICI torus inside a node links each chip to its neighbours', () => {
    const tpuNode = { ...dgxH100, devicesPerNode: 8, scaleUp: { kind: 'ici-torus' as const, bandwidthPerDevice: 600e9, latency: 1e-6, domainSize: 8, torusDims: [2, 2, 2] } };
    const t = build(tpuNode, 1);
    const r = t.route(0, 7);
    expect(r.length).toBe(3);
    expect(t.link(r[0]).capacity).toBeCloseTo(600e9 / 6);
  });
});

describe('TPU slice', () => {
  it('is one ICI torus over every chip when the torus dims count chips', () => {
    const host = { ...dgxH100, devicesPerNode: 4, scaleUp: { kind: 'ici-torus' as const, bandwidthPerDevice: 600e9, latency: 1e-6, domainSize: 16, torusDims: [4, 4] } };
    const t = build(host, 4, { topology: 'torus', torusDims: [4, 4] });
    expect(t.describe).toMatch(/ICI torus 4x4/);
    // chip 0 (0,0) to chip 10 (2,2): 2 + 2 hops, across hosts, all ICI.
    const r = t.route(0, 10);
    expect(r.length).toBe(4);
    expect(r.every((id) => t.link(id).layer === 'torus')).toBe(true);
  });
});
