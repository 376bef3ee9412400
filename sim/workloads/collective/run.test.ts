import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { buildCluster } from '../../hardware/cluster';
import { clusterSchema } from '../../hardware/schema';
import { dgxH100, testCluster } from '../../network/test-clusters';
import { defaultLimits, type WorkloadEnv } from '../env';
import { checkCollective, runCollective } from './run';
import { collectiveWorkloadSchema } from './schema';

const env = (cluster: WorkloadEnv['cluster'], fidelity: WorkloadEnv['fidelity']): WorkloadEnv => ({ cluster, fidelity, seed: 1, calibration: builtinProfile, limits: defaultLimits });

describe('collective workload', () => {
  it('parses a scenario section with units and defaults, and rejects unknown keys', () => {
    const w = collectiveWorkloadSchema.parse({ kind: 'collective', op: 'all-reduce', bytes: '1 GiB' });
    expect(w).toMatchObject({ algorithm: 'auto', bytes: 2 ** 30 });
    expect(collectiveWorkloadSchema.safeParse({ kind: 'collective', op: 'all-reduce', bytes: '1 GiB', size: 3 }).success).toBe(false);
    expect(collectiveWorkloadSchema.safeParse({ kind: 'collective', op: 'allreduce', bytes: 1 }).success).toBe(false);
  });

  it('answers like nccl-tests: busbw = algbw · 2(n-1)/n and algbw = bytes / time, at both fidelities', () => {
    const cluster = testCluster(dgxH100, 2);
    const w = collectiveWorkloadSchema.parse({ kind: 'collective', op: 'all-reduce', algorithm: 'ring', bytes: '1 GiB' });
    for (const fidelity of ['analytic', 'des'] as const) {
      const out = runCollective(w, env(cluster, fidelity));
      const m = out.metrics.collective!;
      expect(m.algBandwidthGBps).toBeCloseTo(2 ** 30 / m.timeS / 1e9, 9);
      expect(m.busBandwidthGBps / m.algBandwidthGBps).toBeCloseTo((2 * 15) / 16, 9);
      if (fidelity === 'des') expect(out.events).toBeGreaterThan(0);
      const series = out.series.busBandwidthBySize as { x: number[]; y: number[] };
      expect(series.x[0]).toBe(1024);
      expect(series.x[series.x.length - 1]).toBe(2 ** 30);
      // Bus bandwidth grows with message size as latency amortises.
      expect(series.y[series.y.length - 1]).toBeGreaterThan(series.y[0]);
    }
  });

  it('runs on the catalog cluster (2 x dgx-h100)', () => {
    const cluster = buildCluster(clusterSchema.parse({ pools: [{ node: 'dgx-h100', count: 2 }] }));
    const out = runCollective(collectiveWorkloadSchema.parse({ kind: 'collective', op: 'all-to-all', bytes: '256 MiB' }), env(cluster, 'des'));
    expect(out.metrics.collective!.busBandwidthGBps).toBeGreaterThan(10);
    expect((out.breakdown.collective as { bottleneck: string }).bottleneck).toMatch(/nic/);
  });

  it('checks ranks against the cluster', () => {
    const cluster = testCluster(dgxH100, 1);
    const w = collectiveWorkloadSchema.parse({ kind: 'collective', op: 'broadcast', bytes: 1e6, ranks: 16, root: 20 });
    const issues = checkCollective(w, cluster);
    expect(issues.map((i) => i.path)).toEqual(['workload.ranks', 'workload.root']);
  });

  it('warns when an algorithm does not apply and says what ran', () => {
    const out = runCollective(collectiveWorkloadSchema.parse({ kind: 'collective', op: 'all-reduce', algorithm: 'nvls', bytes: 1e8 }), env(testCluster(dgxH100, 2), 'analytic'));
    expect(out.metrics.collective!.algorithm).toBe('ring');
    expect(out.warnings.some((w) => w.code === 'collective-algorithm-fallback')).toBe(true);
  });
});
