import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyticCollective } from './collectives';
import { simulateCollective } from './simulate';
import { dgxH100, ibNdr, range, singleGpuNode, testCluster } from './test-clusters';

/** Patarasuk & Yuan: 2(N-1)/N·S/B + 2(N-1)·α. */
const ringAllReduceTime = (n: number, bytes: number, bandwidth: number, alpha: number) => ((2 * (n - 1)) / n) * (bytes / bandwidth) + 2 * (n - 1) * alpha;

describe('ring all-reduce on an uncontended ring', () => {
  it('matches 2(N-1)/N·S/B + 2(N-1)·α inside an NVSwitch node, at both fidelities (within 1%)', () => {
    const cluster = testCluster(dgxH100, 1);
    const b = dgxH100.scaleUp.bandwidthPerDevice * dgxH100.scaleUp.efficiency!;
    const alpha = dgxH100.scaleUp.latency;
    for (const bytes of [2 ** 20, 2 ** 30]) {
      const req = { op: 'all-reduce' as const, algorithm: 'ring' as const, bytes, ranks: range(8) };
      const expected = ringAllReduceTime(8, bytes, b, alpha);
      expect(Math.abs(analyticCollective(req, cluster).timeS / expected - 1)).toBeLessThan(0.01);
      expect(Math.abs(simulateCollective(req, cluster).timeS / expected - 1)).toBeLessThan(0.01);
    }
  });

  it('matches the formula across nodes with one NIC each, for any rank count and size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 24 }), fc.integer({ min: 10, max: 32 }), (n, log2Bytes) => {
        const cluster = testCluster(singleGpuNode, n, { topology: 'single-switch' });
        const bytes = 2 ** log2Bytes;
        const req = { op: 'all-reduce' as const, algorithm: 'ring' as const, bytes, ranks: range(n) };
        const expected = ringAllReduceTime(n, bytes, ibNdr.linkBandwidth * ibNdr.efficiency, ibNdr.baseLatency);
        expect(Math.abs(analyticCollective(req, cluster).timeS / expected - 1)).toBeLessThan(0.01);
        expect(Math.abs(simulateCollective(req, cluster).timeS / expected - 1)).toBeLessThan(0.01);
      }),
      { numRuns: 25 },
    );
  });

  it('across DGX nodes, 8 channels make the bottleneck 8 NICs per node (the NVLink port carries 7 of 8 channels)', () => {
    const cluster = testCluster(dgxH100, 4);
    const bytes = 2 ** 32;
    const r = analyticCollective({ op: 'all-reduce', algorithm: 'ring', bytes, ranks: range(32) }, cluster);
    const nicBus = 8 * ibNdr.linkBandwidth * ibNdr.efficiency;
    expect(r.bottleneck).toMatch(/^nic up/);
    // Pipelined ring: the chain crosses 2(N-1) hops of the ring's mean latency (4 network edges, 28 NVLink edges per ring).
    const meanHop = (4 * ibNdr.baseLatency + 28 * dgxH100.scaleUp.latency) / 32;
    expect(Math.abs(r.timeS / ringAllReduceTime(32, bytes, nicBus, meanHop) - 1)).toBeLessThan(0.01);
    expect(r.latencyS / (62 * meanHop)).toBeCloseTo(1, 6);
  });

  it('pays the network latency only on the hops that cross it, as NCCL prices a ring (tuning.cc), not on every step', () => {
    // 2 DGX H100: per ring 2 network edges and 14 NVLink edges; lock-step pricing would charge 30 network hops.
    const cluster = testCluster(dgxH100, 2);
    const req = { op: 'all-reduce' as const, algorithm: 'ring' as const, bytes: 2 ** 20, ranks: range(16) };
    const a = analyticCollective(req, cluster);
    const chain = 30 * ((2 * ibNdr.baseLatency + 14 * dgxH100.scaleUp.latency) / 16);
    expect(a.latencyS / chain).toBeCloseTo(1, 6);
    expect(a.latencyS).toBeLessThan(30 * ibNdr.baseLatency / 2);
    expect(Math.abs(simulateCollective(req, cluster).timeS / a.timeS - 1)).toBeLessThan(0.01);
  });
});
