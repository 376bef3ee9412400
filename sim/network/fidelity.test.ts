import { describe, expect, it } from 'vitest';
import { analyticCollective, analyticCollectiveSweep } from './collectives';
import { simulateCollective, simulateCollectiveSequence } from './simulate';
import { dgxH100, ibNdr, range, testCluster } from './test-clusters';
import type { CollectiveAlgorithm, CollectiveOp } from './types';

const cases: Array<[CollectiveOp, CollectiveAlgorithm]> = [
  ['all-reduce', 'ring'],
  ['all-reduce', 'tree'],
  ['all-reduce', 'halving-doubling'],
  ['all-reduce', 'hierarchical'],
  ['all-reduce', 'auto'],
  ['reduce-scatter', 'ring'],
  ['reduce-scatter', 'halving-doubling'],
  ['all-gather', 'ring'],
  ['all-gather', 'halving-doubling'],
  ['all-to-all', 'auto'],
  ['broadcast', 'ring'],
  ['send-recv', 'auto'],
];

describe('DES and analytic agree on an uncontended topology', () => {
  const cluster = testCluster(dgxH100, 2);
  for (const [op, algorithm] of cases) {
    for (const bytes of [2 ** 16, 2 ** 28]) {
      it(`${op} ${algorithm}, ${bytes} bytes on 2 DGX H100: within 2%`, () => {
        const req = { op, algorithm, bytes, ranks: range(16) };
        const a = analyticCollective(req, cluster);
        const d = simulateCollective(req, cluster);
        expect(d.algorithm).toBe(a.algorithm);
        expect(Math.abs(d.timeS / a.timeS - 1)).toBeLessThan(0.02);
      });
    }
  }

  it('nvls inside one NVSwitch node: within 2%, and each GPU port carries (k+1)/k·S each way at the NVLS efficiency', () => {
    const one = testCluster(dgxH100, 1);
    const req = { op: 'all-reduce' as const, algorithm: 'nvls' as const, bytes: 2 ** 30, ranks: range(8) };
    const a = analyticCollective(req, one);
    expect(a.algorithm).toBe('nvls');
    expect(Math.abs(simulateCollective(req, one).timeS / a.timeS - 1)).toBeLessThan(0.02);
    // S up and S/8 down to reduce, S/8 up and S down to multicast; the switch reduces at 0.85 of the bulk rate.
    const b = dgxH100.scaleUp.bandwidthPerDevice * dgxH100.scaleUp.efficiency! * dgxH100.scaleUp.inNetworkReductionEfficiency!;
    expect(a.algBandwidth / (b * (8 / 9))).toBeGreaterThan(0.98);
    expect(a.algBandwidth / (b * (8 / 9))).toBeLessThan(1);
  });
});

describe('the symmetry shortcut equals the full step-by-step DES', () => {
  const cluster = testCluster(dgxH100, 2);
  // Rings are one pipelined step per half (plans/ring.ts): the all-gather half reuses the reduce-scatter's measured step.
  for (const [op, algorithm] of [['all-reduce', 'ring'], ['all-reduce', 'hierarchical'], ['broadcast', 'ring']] as const) {
    it(`${op} ${algorithm} on 16 GPUs`, () => {
      const req = { op, algorithm, bytes: 2 ** 26, ranks: range(16) };
      const repeat = simulateCollective(req, cluster, { symmetry: 'repeat' });
      const full = simulateCollective(req, cluster, { symmetry: 'full' });
      expect(repeat.phases.some((p) => p.simulatedSteps < p.repeat)).toBe(true);
      expect(full.phases.every((p) => p.simulatedSteps === p.repeat)).toBe(true);
      expect(Math.abs(repeat.timeS / full.timeS - 1)).toBeLessThan(1e-9);
    });
  }
});

describe('pricing shortcuts equal building and running each case', () => {
  const cluster = testCluster(dgxH100, 4);
  it('a size sweep priced from one plan equals analyticCollective at each size (auto picks per size)', () => {
    for (const op of ['all-reduce', 'all-gather', 'all-to-all'] as const) {
      const req = { op, algorithm: 'auto' as const, bytes: 2 ** 30, ranks: range(32) };
      const sizes = [2 ** 10, 2 ** 16, 2 ** 22, 2 ** 30];
      const sweep = analyticCollectiveSweep(req, sizes, cluster);
      sizes.forEach((bytes, i) => {
        const direct = analyticCollective({ ...req, bytes }, cluster);
        expect(sweep[i].timeS / direct.timeS).toBeCloseTo(1, 9);
        expect(sweep[i].algorithm).toBe(direct.algorithm);
      });
    }
  });

  it('a sequence of identical collectives sharing measured steps equals running them fully one by one', () => {
    const req = { op: 'all-reduce' as const, algorithm: 'ring' as const, bytes: 2 ** 24, ranks: range(32) };
    const seq = simulateCollectiveSequence([req, req, req], cluster);
    const one = simulateCollective(req, cluster, { symmetry: 'full' }).timeS;
    expect(seq.timeS / (3 * one)).toBeCloseTo(1, 9);
    expect(seq.runs[2].phases.every((p) => p.simulatedSteps === 0)).toBe(true);
  });
});

describe('in-network reduction across nodes (NVLS + SHARP)', () => {
  const sharpFabric = { ...ibNdr, inNetworkReduction: true, switchRadix: 16 };
  // radix 16 non-blocking: one DGX (8 NICs) per leaf, so 4 nodes span 4 leaves.
  const cluster = testCluster(dgxH100, 4, {}, sharpFabric);
  const req = { op: 'all-reduce' as const, algorithm: 'nvls' as const, bytes: 2 ** 30, ranks: range(32) };

  it('agrees at both fidelities and sends each shard through the NIC once each way', () => {
    const a = analyticCollective(req, cluster);
    expect(a.algorithm).toBe('nvls-sharp');
    expect(Math.abs(simulateCollective(req, cluster).timeS / a.timeS - 1)).toBeLessThan(0.02);
    // NIC phase: S/8 per NIC each way, vs a ring's 2(N-1)/N·S/8.
    const ring = analyticCollective({ ...req, algorithm: 'ring' }, cluster);
    expect(a.timeS).toBeLessThan(ring.timeS);
  });

  it('falls back to ring with a note when the fabric cannot reduce', () => {
    const a = analyticCollective(req, testCluster(dgxH100, 4, {}, { ...sharpFabric, inNetworkReduction: false }));
    expect(a.algorithm).toBe('ring');
    expect(a.notes.join(' ')).toMatch(/SHARP/);
  });
});
