/**
 * The double binary tree's traffic per link, and NCCL's own tree limits
 * (nccl-tree-limits.ts, from NCCL v2.20.3 tuning.cc) on top of it.
 */
import { describe, expect, it } from 'vitest';
import type { NodeSpec } from '../hardware/types';
import { analyticCollective, analyticTopology } from './collectives';
import { ncclTreeLimits } from './nccl-tree-limits';
import { planCost } from './plan-time';
import { ringPlan } from './plans/ring';
import { treePlan } from './plans/tree';
import { simulateCollective } from './simulate';
import { dgxA100, dgxH100, ibHdr, ibNdr, range, testCluster } from './test-clusters';
import type { CollectivePlan } from './types';

/** Bytes the plan sends over the busiest NIC uplink, all phases together. */
function busiestNicUplink(plan: CollectivePlan, cluster: ReturnType<typeof testCluster>): number {
  const topology = analyticTopology(cluster);
  const load = new Map<number, number>();
  for (const phase of plan.phases) {
    for (const t of phase.transfers) {
      for (const id of t.route) {
        const link = topology.link(id);
        if (link.layer === 'nic' && link.name.startsWith('nic up')) load.set(id, (load.get(id) ?? 0) + t.bytes * phase.repeat);
      }
    }
  }
  return Math.max(...load.values());
}

const S = 2 ** 30;

describe('double binary tree traffic', () => {
  it('on 2 nodes each NIC sends S/c (each node roots one tree and is a leaf of the other): half of what the ring sends, 2(N-1)/N·S/c', () => {
    const cluster = testCluster(dgxA100, 2, {}, ibHdr);
    const topology = analyticTopology(cluster);
    const c = 8;
    const tree = busiestNicUplink(treePlan(range(16), S, topology), cluster);
    const ring = busiestNicUplink(ringPlan('all-reduce', range(16), S, topology), cluster);
    expect(tree).toBeCloseTo(S / c, 0);
    expect(ring).toBeCloseTo(((2 * 15) / 16) * (S / c), 0);
  });

  it('on 8 nodes the busiest NIC sends 2S/c (two children in one tree, a leaf of the other), as much as the ring', () => {
    const cluster = testCluster(dgxA100, 8, {}, ibHdr);
    const topology = analyticTopology(cluster);
    const tree = busiestNicUplink(treePlan(range(64), S, topology), cluster);
    expect(tree).toBeCloseTo((2 * S) / 8, 0);
    const ring = busiestNicUplink(ringPlan('all-reduce', range(64), S, topology), cluster);
    expect(tree / ring).toBeGreaterThan(1);
    expect(tree / ring).toBeLessThan(64 / 63 + 1e-9);
  });
});

describe("NCCL's tree limits (tuning.cc v2.20.3: busBw = min(0.92·links, c·perChMaxTreeBw), algBw = busBw/2)", () => {
  const systems: Array<[string, NodeSpec, number, typeof ibHdr, number]> = [
    ['2 DGX A100, 8x HDR', dgxA100, 2, ibHdr, 23.6e9],
    ['3 DGX A100, 8x HDR', dgxA100, 3, ibHdr, 17.8e9],
    ['2 DGX H100, 8x NDR', dgxH100, 2, ibNdr, 41.4e9],
    ['2 DGX A100, 8x 100 Gb/s', { ...dgxA100, nics: { ...dgxA100.nics, bandwidth: 12.5e9 } }, 2, ibHdr, 23.6e9],
  ];
  for (const [name, node, nodes, fabric, perChannel] of systems) {
    it(`${name}: the tree's algbw is the lower of 0.92 of its links' and 8 channels × ${perChannel / 1e9} GB/s / 2, at both fidelities`, () => {
      const cluster = testCluster(node, nodes, {}, fabric);
      const ranks = range(nodes * 8);
      const bytes = 2 ** 34;
      const links = planCost(treePlan(ranks, bytes, analyticTopology(cluster)), analyticTopology(cluster), bytes);
      const expected = Math.min((0.92 * bytes) / links.bandwidthS, (8 * perChannel) / 2);
      const req = { op: 'all-reduce' as const, algorithm: 'tree' as const, bytes, ranks };
      const a = analyticCollective(req, cluster);
      expect(bytes / a.bandwidthS / expected - 1).toBeCloseTo(0, 6);
      // The pipeline fill adds 0.1-0.2% at 16 GiB.
      expect(Math.abs(a.algBandwidth / expected - 1)).toBeLessThan(0.005);
      expect(Math.abs(simulateCollective(req, cluster).timeS / a.timeS - 1)).toBeLessThan(0.02);
    });
  }

  it('auto picks the ring at large sizes on DGX A100 and H100 (one 200/400 Gb/s NIC per GPU), and the tree on 2 nodes with 100 Gb/s NICs, as NCCL does (nccl issues 812, 946)', () => {
    const pick = (node: NodeSpec, nodes: number, fabric: typeof ibHdr) =>
      analyticCollective({ op: 'all-reduce', algorithm: 'auto', bytes: 2 ** 33, ranks: range(nodes * 8) }, testCluster(node, nodes, {}, fabric));
    expect(pick(dgxA100, 2, ibHdr).algorithm).toBe('ring');
    expect(pick(dgxA100, 3, ibHdr).algorithm).toBe('ring');
    expect(pick(dgxH100, 2, ibNdr).algorithm).toBe('ring');
    const slowNics = pick({ ...dgxA100, nics: { ...dgxA100.nics, bandwidth: 12.5e9 } }, 2, ibHdr);
    expect(slowNics.algorithm).toBe('tree');
    // The tree beats the NIC-bound ring's busbw (8 NICs x 12.4 GB/s) there: busbw beyond the network, as NCCL's tree shows on 2 nodes.
    expect(slowNics.busBandwidth).toBeGreaterThan(8 * 12.5e9);
  });

  it('auto still picks the tree for small messages across many nodes (log-depth latency)', () => {
    const r = analyticCollective({ op: 'all-reduce', algorithm: 'auto', bytes: 2 ** 16, ranks: range(128) }, testCluster(dgxA100, 16, {}, ibHdr));
    expect(r.algorithm).toBe('tree');
  });

  it('GPUs without a row in NCCL\'s table (other vendors) get no limits; mixed generations take the older one', () => {
    expect(ncclTreeLimits(['mi300x'])).toBeUndefined();
    expect(ncclTreeLimits(['h100-sxm', 'mi300x'])).toBeUndefined();
    expect(ncclTreeLimits(['h100-sxm', 'a100-80gb-sxm'])?.perChannelBusBandwidth.twoNodes).toBe(23.6e9);
    expect(ncclTreeLimits(['h200-sxm'])?.perChannelBusBandwidth.moreNodes).toBe(36.0e9);
  });
});
