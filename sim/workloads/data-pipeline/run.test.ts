import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { buildCluster } from '../../hardware/cluster';
import { clusterSchema } from '../../hardware/schema';
import { defaultLimits, type WorkloadEnv } from '../env';
import { analyticPipeline } from './analytic';
import { planPipeline } from './plan';
import { checkDataPipeline, nodesToKeepUp, productionRate, runDataPipeline } from './run';
import { dataPipelineWorkloadSchema } from './schema';

const cluster = (c: unknown) => buildCluster(clusterSchema.parse(c));
const env = (c: ReturnType<typeof cluster>, fidelity: 'analytic' | 'des'): WorkloadEnv => ({ cluster: c, fidelity, seed: 1, calibration: builtinProfile, limits: defaultLimits });
const relErr = (a: number, b: number) => Math.abs(a - b) / b;

// 4 dual-EPYC 9654 servers (192 cores, one 200 GbE NIC each) and a 4-appliance Lustre.
const cpuCluster = cluster({ pools: [{ name: 'etl', node: 'cpu-server', count: 4 }], storage: [{ tier: 'parallel-fs' }, { tier: 'local-nvme' }] });

describe('data pipeline: analytic and DES agree where nothing contends', () => {
  it('one read-and-compute stage: last read + one compute + one write', () => {
    // 768 partitions of 520.8 MB = one wave on 4 x 192 cores; 4 read streams per node stay under the NIC.
    const w = dataPipelineWorkloadSchema.parse({
      kind: 'data-pipeline',
      streamsPerNode: 4,
      sources: [{ name: 'raw', storage: 'parallel-fs', bytes: '400 GB' }],
      stages: [{ name: 'decode', partitions: 768, throughputPerCore: '50 MB/s', outputRatio: 0.01 }],
      output: { storage: 'local-nvme' },
    });
    const plan = planPipeline(w, cpuCluster);
    const b = 400e9 / 768;
    const oneRead = 0.5e-3 + b / 3e9;
    // last read, its compute, its write (one NVMe stream at the drive's 7 GB/s; 100 us latency)
    expect(plan.outputTier.perStreamBandwidth).toBe(7e9);
    const expected = (768 / 16) * oneRead + b / 50e6 + (0.01 * b) / 7e9 + 100e-6;
    const a = analyticPipeline(plan)[0];
    expect(a.phase).toBe('compute');
    expect(relErr(a.timeS, expected)).toBeLessThan(1e-9);
    const des = runDataPipeline(w, env(cpuCluster, 'des'));
    const dp = des.metrics.dataPipeline as { totalTimeS: number };
    expect(relErr(dp.totalTimeS, a.timeS)).toBeLessThan(0.01);
    expect(des.events).toBeGreaterThan(768);
  });

  it('a read-bound stage then a shuffle stage: DES within 5% of analytic', () => {
    const w = dataPipelineWorkloadSchema.parse({
      kind: 'data-pipeline',
      streamsPerNode: 4,
      sources: [{ name: 'records', storage: 'parallel-fs', bytes: '200 GB', objectBytes: '64 MB' }],
      stages: [
        { name: 'parse', partitions: 400, throughputPerCore: '500 MB/s', outputRatio: 0.5, shuffle: true },
        { name: 'aggregate', partitions: 400, throughputPerCore: '200 MB/s', outputRatio: 0.2 },
      ],
      output: { storage: 'parallel-fs' },
    });
    const a = runDataPipeline(w, env(cpuCluster, 'analytic'));
    const d = runDataPipeline(w, env(cpuCluster, 'des'));
    const at = (a.metrics.dataPipeline as { totalTimeS: number }).totalTimeS;
    const dt = (d.metrics.dataPipeline as { totalTimeS: number }).totalTimeS;
    expect(relErr(dt, at)).toBeLessThan(0.05);
    const stages = (a.breakdown.dataPipeline as { stages: Array<{ phase: string; bottleneck: string; shuffleS: number }> }).stages;
    expect(stages[0].phase).toBe('read');
    expect(stages[0].bottleneck).toMatch(/storage streams/);
    // 100 GB shuffled over 4 nodes: each sends 25 GB x 3/4 through 200 Gb/s x 0.95.
    expect(relErr(stages[0].shuffleS, (25e9 * 0.75) / (25e9 * 0.95))).toBeLessThan(1e-9);
  });
});

describe('data pipeline: is training input-bound?', () => {
  // A hospital: records and billing on HDFS, imaging on object storage; 16 DGX H100 train on the output in Lustre.
  const hospital = cluster({
    pools: [
      { name: 'etl', node: 'cpu-server', count: 4 },
      { name: 'train', node: 'dgx-h100', count: 16 },
    ],
    storage: [{ tier: 'hdfs' }, { tier: 'object' }, { tier: 'parallel-fs' }],
  });
  const workload = (samplesPerS: number) =>
    dataPipelineWorkloadSchema.parse({
      kind: 'data-pipeline',
      sources: [
        { name: 'records', storage: 'hdfs', bytes: '2 TB', objectBytes: '128 MB' },
        { name: 'billing', storage: 'hdfs-3x', bytes: '500 GB', objectBytes: '128 MB' },
        { name: 'imaging', storage: 'object', bytes: '20 TB', objectBytes: '20 MB' },
      ],
      stages: [
        { name: 'join-records', inputs: ['records', 'billing'], partitions: 2000, throughputPerCore: '100 MB/s', outputRatio: 0.4, shuffle: true },
        { name: 'decode-images', inputs: ['imaging', 'join-records'], partitions: 20000, throughputPerCore: '20 MB/s', outputRatio: 0.3 },
      ],
      output: { storage: 'parallel-fs', objectBytes: '256 MB' },
      consumer: { bytesPerSample: '2 MB', samplesPerS },
    });

  it('reports stage bottlenecks, the delivered rate and a verdict, and finds the CPU nodes that keep up', () => {
    // 20,000 samples/s x 2 MB = 40 GB/s is beyond any CPU count here: 1e6 imaging GETs at 5,500/s alone take 182 s.
    expect(nodesToKeepUp(workload(20000), hospital, 4, 40e9)).toBeNull();
    const slow = runDataPipeline(workload(5000), env(hospital, 'analytic'));
    const m = slow.metrics.dataPipeline as Record<string, number | boolean | string>;
    expect(m.inputBound).toBe(true);
    expect(m.limitedBy).toBe('pipeline');
    const demand = 5000 * 2e6;
    const needed = m.nodesToKeepUp as number;
    expect(needed).toBeGreaterThan(4);
    expect(productionRate(workload(5000), hospital, needed)).toBeGreaterThanOrEqual(demand);
    expect(productionRate(workload(5000), hospital, needed - 1)).toBeLessThan(demand);
    expect(slow.warnings.some((w) => w.code === 'data-pipeline.input-bound')).toBe(true);

    const easy = runDataPipeline(workload(10), env(hospital, 'analytic'));
    expect((easy.metrics.dataPipeline as { inputBound: boolean }).inputBound).toBe(false);
    expect(JSON.parse(JSON.stringify(easy))).toEqual(easy);
  });

  it('adding CPU nodes cannot beat a tier limit: the search gives up with null', () => {
    const w = workload(20000);
    const ceiling = productionRate(w, hospital, 65536);
    expect(nodesToKeepUp(w, hospital, 4, ceiling * 1.5)).toBeNull();
  });

  it('checkDataPipeline names unknown tiers, pools and inputs by path', () => {
    const w = dataPipelineWorkloadSchema.parse({
      kind: 'data-pipeline',
      pool: 'nope',
      sources: [{ name: 'a', storage: 'tape', bytes: '1 TB' }],
      stages: [{ name: 's', inputs: ['b'], partitions: 10, throughputPerCore: '1 GB/s' }],
      output: { storage: 'host-ram' },
    });
    const paths = checkDataPipeline(w, hospital).map((i) => i.path);
    expect(paths).toEqual(['workload.pool', 'workload.sources[0].storage', 'workload.output.storage', 'workload.stages[0].inputs[0]']);
  });
});
