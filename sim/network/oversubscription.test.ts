import { describe, expect, it } from 'vitest';
import { analyticCollective } from './collectives';
import { simulateCollective } from './simulate';
import { ibNdr, range, singleGpuNode, testCluster } from './test-clusters';

// Two racks of 8 single-NIC nodes either way: radix 16 at 1:1 and radix 12 at 2:1 both give 8 NIC ports per leaf.
const nonBlocking = testCluster(singleGpuNode, 16, { oversubscription: 1 }, { ...ibNdr, switchRadix: 16 });
const twoToOne = testCluster(singleGpuNode, 16, { oversubscription: 2 }, { ...ibNdr, switchRadix: 12 });
// Every ring neighbour in the other rack: 0, 8, 1, 9, ...
const crossRack = range(8).flatMap((i) => [i, 8 + i]);
const bytes = 2 ** 30;

describe('oversubscription slows what crosses the leaf uplinks', () => {
  it('a cross-rack ring all-reduce on a 2:1 fat-tree takes 2x the bandwidth time of the same ring at 1:1, at both fidelities', () => {
    const req = { op: 'all-reduce' as const, algorithm: 'ring' as const, bytes, ranks: crossRack };
    const fast = analyticCollective(req, nonBlocking);
    const slow = analyticCollective(req, twoToOne);
    expect(slow.bottleneck).toMatch(/^leaf\d+ (up|down)/);
    expect(slow.bandwidthS / fast.bandwidthS).toBeCloseTo(2, 6);
    const desRatio = simulateCollective(req, twoToOne).timeS / simulateCollective(req, nonBlocking).timeS;
    expect(Math.abs(desRatio / 2 - 1)).toBeLessThan(0.02);
  });

  it('a ring that stays inside racks except at two hops barely notices the oversubscription', () => {
    const req = { op: 'all-reduce' as const, algorithm: 'ring' as const, bytes, ranks: range(16) };
    const ratio = analyticCollective(req, twoToOne).timeS / analyticCollective(req, nonBlocking).timeS;
    expect(ratio).toBeLessThan(1.01);
  });

  it('halving-doubling: only the cross-rack step (distance 8) slows, by the oversubscription', () => {
    const req = { op: 'all-reduce' as const, algorithm: 'halving-doubling' as const, bytes, ranks: range(16) };
    const fast = analyticCollective(req, nonBlocking);
    const slow = analyticCollective(req, twoToOne);
    // Steps move S/2, S/4, S/8, S/16 (twice); only the S/2 steps cross racks: extra time = 2·(S/2)/B·(2-1).
    const b = ibNdr.linkBandwidth * ibNdr.efficiency;
    expect(slow.bandwidthS - fast.bandwidthS).toBeCloseTo((2 * (bytes / 2)) / b, 6);
  });

  it('ECMP collisions on a non-blocking fabric slow a cross-rack ring compared with ideal spreading', () => {
    const ecmp = testCluster(singleGpuNode, 16, { oversubscription: 1, routing: 'ecmp' }, { ...ibNdr, switchRadix: 16 });
    const req = { op: 'all-reduce' as const, algorithm: 'ring' as const, bytes, ranks: crossRack };
    const ideal = simulateCollective(req, nonBlocking).timeS;
    const hashed = simulateCollective(req, ecmp, { seed: 3 }).timeS;
    expect(hashed / ideal).toBeGreaterThan(1.5);
    expect(Math.abs(analyticCollective(req, ecmp, { seed: 3 }).timeS / hashed - 1)).toBeLessThan(0.02);
  });
});
