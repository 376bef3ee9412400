import { describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinProfile } from '../../calibration/builtin';
import { buildCluster } from '../hardware/cluster';
import { clusterSchema } from '../hardware/schema';
import { defaultLimits, type WorkloadEnv } from '../workloads/env';
import { checkTrace, runTrace } from './run';
import { traceWorkloadSchema, type TraceWorkloadInput } from './schema';
import type { Series } from '../result';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/traces');

function env(nodes: number, node = 'dgx-a100-80gb', seed = 1): WorkloadEnv {
  const cluster = buildCluster(clusterSchema.parse({ pools: [{ name: 'main', node, count: nodes }] }));
  return { cluster, fidelity: 'des', seed, calibration: builtinProfile, limits: defaultLimits };
}

const parse = (w: TraceWorkloadInput) => traceWorkloadSchema.parse(w);

describe('runTrace on real trace samples', () => {
  it('replays the Philly sample: DESIGN.md metric names, conservation, series within 1000 points', () => {
    const w = parse({ kind: 'trace', source: { format: 'philly', file: join(fixtures, 'philly-sample.csv') }, scheduler: { policy: 'easy-backfill' } });
    const e = env(4);
    expect(checkTrace(w, e.cluster)).toEqual([]);
    const out = runTrace(w, e);
    const m = out.metrics.cluster!;
    for (const k of ['utilization', 'meanQueueDelayS', 'p95JobCompletionS', 'makespanS']) expect(typeof m[k as keyof typeof m]).toBe('number');
    expect(m.jobs).toBe(1000);
    expect(m.utilization).toBeGreaterThan(0);
    expect(m.utilization).toBeLessThanOrEqual(1);
    const c = out.breakdown.conservation as Record<string, number>;
    expect(c.usedGpuHours + c.idleGpuHours + c.downGpuHours).toBeCloseTo(c.capacityGpuHours, 6);
    expect(m.jobsFinished).toBe(1000);
    expect(m.p50JobCompletionS as number).toBeLessThanOrEqual(m.p95JobCompletionS);
    for (const s of Object.values(out.series) as Series[]) {
      expect(s.x.length).toBe(s.y.length);
      expect(s.x.length).toBeLessThanOrEqual(1000);
    }
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('reports the OpenB repairs with counts: fractional GPUs rounded up, CPU-only pods dropped', () => {
    const w = parse({ kind: 'trace', source: { format: 'alibaba-openb', file: join(fixtures, 'alibaba-openb-sample.csv') } });
    const out = runTrace(w, env(8));
    const codes = Object.fromEntries(out.warnings.map((x) => [x.code, x.message]));
    expect(codes['trace.fractional-gpus']).toMatch(/^\d+ row\(s\)/);
    expect(codes['trace.cpu-only']).toMatch(/^\d+ row\(s\)/);
    const dropped = Number(codes['trace.cpu-only'].split(' ')[0]);
    expect(out.metrics.cluster!.jobs).toBe(300 - dropped);
  });

  it('is deterministic: same input and seed, same bytes', () => {
    const w = parse({ kind: 'trace', source: { format: 'synthetic', synthetic: { jobs: 2000, fittedTo: 'philly', arrivalRate: 0.05 } }, capacity: { failures: { mtbfPerDevice: '2000 h', mttr: '4 h' } } });
    const a = JSON.stringify(runTrace(w, env(8, 'dgx-a100-80gb', 3)));
    const b = JSON.stringify(runTrace(w, env(8, 'dgx-a100-80gb', 3)));
    expect(a).toBe(b);
  });

  it('EASY backfilling waits less than FIFO on the Philly sample at two cluster sizes', () => {
    const base = { kind: 'trace' as const, source: { format: 'philly' as const, file: join(fixtures, 'philly-sample.csv') } };
    for (const nodes of [2, 4]) {
      const fifo = runTrace(parse({ ...base, scheduler: { policy: 'fifo' } }), env(nodes)).metrics.cluster!;
      const easy = runTrace(parse({ ...base, scheduler: { policy: 'easy-backfill' } }), env(nodes)).metrics.cluster!;
      expect(easy.meanQueueDelayS).toBeLessThan(fifo.meanQueueDelayS);
      // Same work either way: device-hours used do not depend on the order.
      expect(easy.usedGpuHours as number).toBeCloseTo(fifo.usedGpuHours as number, 6);
    }
  });

  it('cross-checks the scenario against the cluster with paths a person can follow', () => {
    const e = env(2);
    const w = parse({ kind: 'trace', source: { format: 'philly' }, capacity: { deliveries: [{ at: 0, count: 12 }, { at: '30 days', count: 64 }] } });
    const paths = checkTrace(w, e.cluster).map((i) => i.path);
    expect(paths).toContain('workload.source.file');
    expect(paths).toContain('workload.capacity.deliveries[0].count');
    expect(paths).toContain('workload.capacity.deliveries');
  });
});
