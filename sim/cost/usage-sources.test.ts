/**
 * Where the cost reads what a run used: inference device-hours (autoscaled
 * fleets, also beyond the pool), data-pipeline node-seconds on their own pool,
 * the shortage study priced option by option, and catalog prices for CPU and
 * FPGA servers (no silent zero).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ClusterModel } from '../hardware/types';
import type { WorkloadOutcome } from '../workloads/env';
import { cloudPricePerDeviceHour, nodePurchasePrice } from './catalog/index';
import { costOf } from './index';
import { costSchema } from './schema';
import { installedDeviceHours, shortageCost } from './shortage';
import { dgxH100Cluster } from './testing/cluster';

const outcome = (metrics: WorkloadOutcome['metrics'], breakdown: Record<string, unknown> = {}): WorkloadOutcome => ({ metrics, breakdown, series: {}, warnings: [], events: 0 });

function withCpuPool(nodes: number): ClusterModel {
  const base = dgxH100Cluster(1);
  const src = [{ title: 'test fixture', date: '2026-11' }];
  return {
    ...base,
    pools: [
      ...base.pools,
      {
        name: 'cpu',
        count: nodes,
        node: { id: 'cpu-server', name: 'CPU server', device: 'epyc-9654', devicesPerNode: 2, scaleUp: { kind: 'none', bandwidthPerDevice: 0, latency: 0, domainSize: 2 }, powerW: 1100, sources: src },
        device: { id: 'epyc-9654', name: 'EPYC 9654', vendor: 'AMD', kind: 'cpu', releaseYear: 2022, peakFlops: { fp32: 5e12 }, memoryBytes: 768e9, memoryBandwidth: 460.8e9, tdpW: 360, sources: src },
      } as ClusterModel['pools'][number],
    ],
    deviceCount: 8 + nodes * 2,
  };
}

describe('inference cost from device-hours', () => {
  const inference = { throughputTokensPerS: 1000, ttftP50S: 0.1, ttftP99S: 0.3, tpotP50S: 0.02, sloAttainment: 0.99, replicas: 4, durationS: 86400, tokensServed: 8e8 };
  it('a day of an autoscaled 2-GPU-replica fleet that held 83.5 device-hours costs 83.5 x the H100 price, not the cluster-day', () => {
    const r = costOf({ cost: costSchema.parse({ provider: 'aws' }), cluster: dgxH100Cluster(1), outcome: outcome({ inference: { ...inference, devices: 3.4, deviceHours: 83.5 } }), workloadKind: 'inference' });
    expect(r.metrics.deviceHours).toBeCloseTo(83.5, 9);
    expect(r.metrics.totalUsd).toBeCloseTo(83.5 * (55.04 / 8), 6);
    expect(r.metrics.usdPerDeviceHour).toBeCloseTo(55.04 / 8, 9);
    expect(r.metrics.devicesFrom).toBe('metrics.inference.deviceHours');
  });
  it('a fleet that outgrew the pool is priced for all its device-hours, with a note', () => {
    // 8-device cluster, fleet held 12 devices on average for a day.
    const r = costOf({ cost: costSchema.parse({ pricePerDeviceHour: 2 }), cluster: dgxH100Cluster(1), outcome: outcome({ inference: { ...inference, deviceHours: 288 } }), workloadKind: 'inference' });
    expect(r.metrics.totalUsd).toBeCloseTo(288 * 2, 9);
    expect(r.warnings.map((w) => w.code)).toContain('cost-fleet-beyond-cluster');
    expect(r.warnings.map((w) => w.code)).not.toContain('cost-devices-exceed-cluster');
  });
  it('property: the cost is linear in the device-hours held', () => {
    fc.assert(fc.property(fc.double({ min: 1, max: 500, noNaN: true }), (h) => {
      const r = costOf({ cost: costSchema.parse({ pricePerDeviceHour: 3, sensitivity: false }), cluster: dgxH100Cluster(4), outcome: outcome({ inference: { ...inference, deviceHours: h } }), workloadKind: 'inference' });
      expect(r.metrics.totalUsd).toBeCloseTo(3 * h, 6);
    }), { numRuns: 40 });
  });
});

describe('data-pipeline cost', () => {
  it('prices its nodes of its own pool for its total time: 3 CPU servers x 2 sockets x 2 h at the m7a socket-hour', () => {
    const cluster = withCpuPool(4);
    const r = costOf({
      cost: costSchema.parse({ provider: 'aws' }), cluster, workloadKind: 'data-pipeline',
      outcome: outcome({ dataPipeline: { totalTimeS: 7200, nodes: 3, cpuNodeSeconds: 3 * 7200 } }, { dataPipeline: { pool: 'cpu' } }),
    });
    expect(r.warnings.map((w) => w.code)).not.toContain('cost-no-duration');
    expect(r.metrics.durationS).toBe(7200);
    expect(r.metrics.devices).toBe(6);
    expect(r.metrics.totalUsd).toBeCloseTo(6 * 2 * (11.12832 / 2), 6);
    expect((r.metrics.hardware as Array<{ pool: string }>)[0].pool).toBe('cpu');
  });
  it('reads the node count from cpuNodeSeconds when nodes is missing', () => {
    const r = costOf({
      cost: costSchema.parse({ pricePerDeviceHour: 1 }), cluster: withCpuPool(4), workloadKind: 'data-pipeline',
      outcome: outcome({ dataPipeline: { totalTimeS: 3600, cpuNodeSeconds: 2 * 3600 } }, { dataPipeline: { pool: 'cpu' } }),
    });
    expect(r.metrics.totalUsd).toBeCloseTo(4, 9);
  });
});

describe('CPU and FPGA servers have cited prices (no silent zero)', () => {
  it('an EPYC 9654 socket-hour is half an m7a.48xlarge; an Alveo U280 rents as an F1 FPGA proxy, flagged', () => {
    expect(cloudPricePerDeviceHour('epyc-9654', 'on-demand', 'aws')!.value).toBeCloseTo(5.56416, 6);
    const fpga = cloudPricePerDeviceHour('alveo-u280', 'on-demand')!;
    expect(fpga.value).toBe(1.65);
    expect(fpga.entry!.disputed).toMatch(/proxy/);
  });
  it('both servers have purchase prices, marked as assumptions built from parts', () => {
    for (const [node, device, per] of [['cpu-server', 'epyc-9654', 2], ['fpga-server', 'alveo-u280', 4]] as const) {
      const p = nodePurchasePrice(node, device, per)!;
      expect(p.value).toBeGreaterThan(20_000);
      expect(p.entry!.assumption).toBe(true);
    }
    // The CPU server is at least its two CPUs at list price.
    expect(nodePurchasePrice('cpu-server', 'epyc-9654', 2)!.value).toBeGreaterThanOrEqual(2 * 11_805);
  });
});

describe('the shortage study priced option by option', () => {
  const study = {
    arrivedDevices: 300, lateDevices: 200,
    inputs: { delayS: 90 * 86400, cloudPricePerDeviceHour: 5 },
    options: [
      { option: 'on-time', doneS: 40 * 86400, cloudCostUsd: 0 },
      { option: 'wait', doneS: 130 * 86400, cloudCostUsd: 0 },
      { option: 'rent', doneS: 40 * 86400, cloudCostUsd: 200 * 40 * 24 * 5 },
      { option: 'smaller-model', doneS: 40 * 86400, cloudCostUsd: 0, parameterScale: 0.77, tokenScale: 0.77 },
    ],
  };
  it('installed device-hours: A·T + L·max(0, T − D)', () => {
    expect(installedDeviceHours(300, 200, 90 * 86400, 130 * 86400)).toBeCloseTo((300 * 130 + 200 * 40) * 24, 9);
    expect(installedDeviceHours(300, 200, 90 * 86400, 40 * 86400)).toBeCloseTo(300 * 40 * 24, 9);
    expect(installedDeviceHours(300, 200, Infinity, 40 * 86400)).toBeCloseTo(300 * 40 * 24, 9);
  });
  it('waiting pays for idle owned devices; renting pays the cloud; both are extra over the plan', () => {
    const c = shortageCost(study, 2);
    const row = (o: string) => c.options.find((r) => r.option === o)!;
    expect(row('on-time').extraUsd).toBe(0);
    // The plan has all 500 devices for 40 days.
    expect(row('on-time').installedDeviceHours).toBeCloseTo(500 * 40 * 24, 9);
    expect(row('wait').extraUsd).toBeCloseTo(2 * ((300 * 130 + 200 * 40) * 24 - 500 * 40 * 24), 6);
    // Renting the 200 missing devices at 5 USD instead of owning them at 2 USD: 3 USD more per device-hour.
    expect(row('rent').extraUsd).toBeCloseTo(200 * 40 * 24 * (5 - 2), 6);
    // A smaller model on the 300 that arrived is cheaper than the plan.
    expect(row('smaller-model').extraUsd).toBeCloseTo(-2 * 200 * 40 * 24, 6);
    expect(row('smaller-model').parameterScale).toBe(0.77);
  });
  it('costOf attaches it from breakdown.shortage at the run\'s own cost per installed device-hour', () => {
    const r = costOf({
      cost: costSchema.parse({ pricePerDeviceHour: 2 }), cluster: dgxH100Cluster(4), workloadKind: 'trace',
      outcome: outcome({ cluster: { utilization: 0.5, meanQueueDelayS: 0, p95JobCompletionS: 0, makespanS: 3600 } }, { shortage: study }),
    });
    const s = r.metrics.shortage as ReturnType<typeof shortageCost>;
    expect(s.ownedUsdPerDeviceHour).toBeCloseTo(2, 9);
    expect(s.options.find((o) => o.option === 'rent')!.cloudUsd).toBe(200 * 40 * 24 * 5);
  });
});
