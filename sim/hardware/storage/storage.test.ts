import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowNetwork, Simulator } from '../../engine/index';
import { getStorageTier } from '../catalog/index';
import type { StorageTierSpec } from '../types';
import {
  attachStorage,
  cacheHitRate,
  checkpointWriteTime,
  dataLoadRate,
  desCheckpointWriteTime,
  desStorageTransfer,
  parallelIoProcess,
  readHierarchy,
  servedFractions,
  storageTransfer,
} from './index';

const lustre = getStorageTier('lustre-exascaler')!; // 4 appliances: 360 GB/s read, 260 GB/s write, 3 GB/s per stream
const hdfs = getStorageTier('hdfs-3x')!;
const s3 = getStorageTier('s3-standard')!;
const relErr = (a: number, b: number) => Math.abs(a - b) / b;

describe('storage proofs', () => {
  it('aggregate read throughput grows with clients, then saturates at the tier limit (analytic and DES)', () => {
    // Each client: 4 streams x 3 GB/s = 12 GB/s, behind a 50 GB/s NIC; the tier gives 360 GB/s.
    const perClient = 4 * lustre.perStreamBandwidth;
    const rows = [1, 4, 16, 30, 64, 128].map((clients) => {
      const bytes = clients * 200e9;
      const pattern = { clients, streamsPerClient: 4, clientBandwidth: 50e9 };
      const a = storageTransfer(lustre, 'read', bytes, pattern);
      const d = desStorageTransfer(lustre, 'read', bytes, pattern);
      return { clients, analytic: a.rate, des: d.rate, bottleneck: a.bottleneck, expected: Math.min(clients * perClient, lustre.aggregateReadBandwidth) };
    });
    for (const r of rows) {
      expect(relErr(r.analytic, r.expected), `analytic, ${r.clients} clients`).toBeLessThan(1e-3);
      expect(relErr(r.des, r.analytic), `des vs analytic, ${r.clients} clients`).toBeLessThan(1e-3);
    }
    for (let i = 1; i < rows.length; i++) expect(rows[i].analytic).toBeGreaterThanOrEqual(rows[i - 1].analytic * (1 - 1e-9));
    expect(rows[0].bottleneck).toBe('per-stream');
    expect(rows[rows.length - 1].bottleneck).toBe('tier-aggregate');
    expect(rows[rows.length - 1].analytic).toBeLessThanOrEqual(lustre.aggregateReadBandwidth);
  });

  it('a 1.12 TB checkpoint from 16 nodes to Lustre takes bytes / aggregate write bandwidth + latency', () => {
    // 70B parameters x 16 bytes (bf16 weights + fp32 master + Adam moments) = 1.12 TB; 8 ranks per node write their shard.
    const w = { bytes: 70e9 * 16, nodes: 16, streamsPerNode: 8, clientBandwidth: 8 * 50e9 };
    const expected = w.bytes / (4 * 65e9) + lustre.requestLatency; // 16 x 8 x 3 GB/s = 384 GB/s streams > 260 GB/s tier
    const a = checkpointWriteTime(lustre, w);
    expect(a.bottleneck).toBe('tier-aggregate');
    expect(relErr(a.timeS, expected)).toBeLessThan(1e-9);
    expect(relErr(desCheckpointWriteTime(lustre, w).timeS, expected)).toBeLessThan(1e-3);
  });

  it('a checkpoint from few nodes is bound by their NICs, from one writer by its stream', () => {
    const nic = checkpointWriteTime(lustre, { bytes: 100e9, nodes: 2, streamsPerNode: 16, clientBandwidth: 25e9 });
    expect(nic.bottleneck).toBe('client-network');
    expect(relErr(nic.timeS, 100e9 / 50e9 + lustre.requestLatency)).toBeLessThan(1e-9);
    expect(relErr(desCheckpointWriteTime(lustre, { bytes: 100e9, nodes: 2, streamsPerNode: 16, clientBandwidth: 25e9 }).timeS, nic.timeS)).toBeLessThan(1e-3);

    const one = checkpointWriteTime(lustre, { bytes: 30e9, nodes: 1 });
    expect(one.bottleneck).toBe('per-stream');
    expect(relErr(one.timeS, lustre.requestLatency + 30e9 / 3e9)).toBeLessThan(1e-9);
  });

  it('replicated HDFS writes get the raw disk bandwidth divided by the replication factor', () => {
    const w = { bytes: 1e12, nodes: 64, streamsPerNode: 4 };
    const a = checkpointWriteTime(hdfs, w);
    expect(a.bottleneck).toBe('tier-aggregate');
    expect(relErr(a.timeS, 1e12 / (hdfs.aggregateWriteBandwidth / 3) + hdfs.requestLatency)).toBeLessThan(1e-9);
    expect(relErr(desCheckpointWriteTime(hdfs, w).timeS, a.timeS)).toBeLessThan(1e-3);
  });

  it('small objects from object storage are bound by the request rate', () => {
    const pattern = { clients: 16, streamsPerClient: 64, objectBytes: 100e3 };
    const bytes = 10_000 * 100e3;
    const a = storageTransfer(s3, 'read', bytes, pattern);
    expect(a.bottleneck).toBe('request-rate');
    expect(relErr(a.timeS, 10_000 / 5500 + 0.1)).toBeLessThan(1e-9);
    const d = desStorageTransfer(s3, 'read', bytes, pattern);
    expect(relErr(d.timeS, a.timeS)).toBeLessThan(0.01);
  });
});

describe('storage contention (DES)', () => {
  it('data loading and a checkpoint write on one tier share its bandwidth', () => {
    const sim = new Simulator();
    const net = new FlowNetwork(sim);
    const att = attachStorage(net, lustre, { clients: 64 });
    const read = sim.process(parallelIoProcess(sim, net, att, 'read', 360e9, { clients: 32, streamsPerClient: 8 }));
    const write = sim.process(parallelIoProcess(sim, net, att, 'write', 260e9, { clients: 32, streamsPerClient: 8 }));
    sim.run();
    expect(read.triggered && write.triggered).toBe(true);
    // Alone each takes 1 s (+ latency); together the shared 360 GB/s carries 620 GB.
    expect(relErr(sim.now, 620e9 / 360e9 + lustre.requestLatency)).toBeLessThan(1e-3);
  });
});

describe('analytic transfer properties', () => {
  const tiers: StorageTierSpec[] = [lustre, hdfs, s3, getStorageTier('local-nvme')!, getStorageTier('host-ram')!];
  it('the time is the largest of the limit times, and the rate never beats the tier', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...tiers),
        fc.constantFrom<'read' | 'write'>('read', 'write'),
        fc.double({ min: 1e6, max: 1e13, noNaN: true }),
        fc.integer({ min: 1, max: 512 }),
        fc.integer({ min: 1, max: 32 }),
        (tier, dir, bytes, clients, streams) => {
          const e = storageTransfer(tier, dir, bytes, { clients, streamsPerClient: streams, clientBandwidth: 50e9 });
          expect(e.timeS).toBe(Math.max(...Object.values(e.limitTimesS)));
          expect(e.limitTimesS[e.bottleneck]).toBe(e.timeS);
          const perNode = tier.scope === 'per-node' ? clients : 1;
          const agg = (dir === 'read' ? tier.aggregateReadBandwidth : tier.aggregateWriteBandwidth / (tier.replication ?? 1)) * perNode;
          expect(e.rate).toBeLessThanOrEqual(agg * (1 + 1e-9));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('cache hierarchy', () => {
  it('served fractions sum to 1 and follow the miss chain', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (hits) => {
        const levels = hits.map((hitRate) => ({ tier: s3, hitRate }));
        const f = servedFractions(levels);
        expect(f.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        if (hits.length > 1) expect(f[0]).toBeCloseTo(hits[0], 12);
      }),
    );
    expect(cacheHitRate(1e12, 4e12)).toBe(0.25);
    expect(cacheHitRate(8e12, 4e12)).toBe(1);
  });

  it('RAM and NVMe caches in front of S3: the rate is the tightest level share', () => {
    const ram = { ...getStorageTier('host-ram')!, hitRate: 0.5 };
    const nvme = { ...getStorageTier('local-nvme')!, hitRate: 0.5 };
    const levels = readHierarchy([s3, nvme, ram]);
    expect(levels.map((l) => l.tier.id)).toEqual(['host-ram', 'local-nvme', 's3-standard']);
    const pattern = { clients: 8, streamsPerClient: 16, objectBytes: 1e6, clientBandwidth: 50e9 };
    const e = dataLoadRate(levels, pattern);
    expect(e.levels.map((l) => l.fraction)).toEqual([0.5, 0.25, 0.25]);
    // S3 alone: 128 streams x 1 MB / (0.1 s + 1 MB / 90 MB/s) = 1.1518 GB/s, carrying a quarter of the reads.
    const s3Rate = (128 * 1e6) / (0.1 + 1e6 / 90e6);
    expect(e.bottleneck).toBe('s3-standard:per-stream');
    expect(relErr(e.rate, s3Rate / 0.25)).toBeLessThan(1e-9);
    expect(e.levels[2].utilization).toBeCloseTo(1, 9);
    // With no caches the same loader gets four times less.
    expect(relErr(dataLoadRate(readHierarchy([s3]), pattern).rate, s3Rate)).toBeLessThan(1e-9);
  });
});

describe('cluster-level storage questions', () => {
  it('a checkpoint from 16 DGX H100 (128 streams x 3 GB/s) to the default Lustre is bound by its 260 GB/s; from 8 by the streams', async () => {
    const { buildCluster } = await import('../cluster');
    const { clusterSchema } = await import('../schema');
    const { clusterCheckpointWriteTime, clusterDataLoadRate, nodeStorageBandwidth } = await import('./index');
    const c = buildCluster(clusterSchema.parse({ pools: [{ node: 'dgx-h100', count: 16 }], storage: [{ tier: 'object' }, { tier: 'parallel-fs' }, { tier: 'host-ram', hitRate: 0.5 }] }));
    expect(nodeStorageBandwidth(c.pools[0].node, c)).toBeCloseTo(8 * 50e9 * 0.97, -3);
    const e = clusterCheckpointWriteTime(c, { bytes: 1e12 })!;
    expect(e.tierId).toBe('lustre-exascaler');
    expect(e.bottleneck).toBe('tier-aggregate');
    expect(relErr(e.timeS, 1e12 / 260e9 + 0.5e-3)).toBeLessThan(1e-9);
    const eight = clusterCheckpointWriteTime(c, { bytes: 1e12, nodes: 8 })!;
    expect(eight.bottleneck).toBe('per-stream');
    expect(relErr(eight.timeS, 0.5e-3 + 1e12 / 64 / 3e9)).toBeLessThan(1e-9);
    const load = clusterDataLoadRate(c, { objectBytes: 4e6 })!;
    expect(load.levels.map((l) => l.id)).toEqual(['host-ram', 's3-standard']);
  });
});
