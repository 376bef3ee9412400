import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtinProfile } from '../../calibration/builtin';
import { buildCluster } from '../hardware/cluster';
import { clusterSchema } from '../hardware/schema';
import { defaultLimits, type WorkloadEnv } from '../workloads/env';
import { compareShortageOptions, type ShortageInput } from './shortage';
import { runTrace } from './run';
import { traceWorkloadSchema } from './schema';

const DAY = 86400;
const base: ShortageInput = {
  orderDevices: 100,
  lateFraction: 0.4,
  delayS: 100 * DAY,
  jobDeviceS: 100 * 50 * DAY, // 50 days on the whole order
  cloudPricePerDeviceHour: 2,
  ownedCostPerDeviceHour: 1,
  resizeOverheadS: 0,
  scalingExponent: 0.5,
};
const opt = (x: ShortageInput, id: string) => compareShortageOptions(x).options.find((o) => o.option === id)!;

describe('GPU-shortage options, worked by hand (100 devices, 40 late by 100 days, a 50-day run)', () => {
  it('wait: done at 100 + 50 days; the 60 devices that arrived idle for 100 days', () => {
    const o = opt(base, 'wait');
    expect(o.doneS / DAY).toBeCloseTo(150, 9);
    expect(o.idleOwnedDeviceHours).toBeCloseTo(60 * 100 * 24, 6);
    expect(o.extraCostUsd).toBeCloseTo(60 * 100 * 24 * 1, 6);
  });

  it('elastic: 60 devices finish the 5000 device-days alone (83.3 days) before the rest lands', () => {
    expect(opt(base, 'elastic').doneS / DAY).toBeCloseTo(5000 / 60, 9);
  });

  it('elastic with a 20-day delay: 1200 device-days by day 20, the remaining 3800 on 100 devices: day 58', () => {
    expect(opt({ ...base, delayS: 20 * DAY, resizeOverheadS: 0 }, 'elastic').doneS / DAY).toBeCloseTo(58, 9);
    expect(opt({ ...base, delayS: 20 * DAY, resizeOverheadS: DAY }, 'elastic').doneS / DAY).toBeCloseTo(59, 9);
  });

  it('rent: on time, 40 cloud devices for the 50 days at 2 USD/h = 96,000 USD', () => {
    const o = opt(base, 'rent');
    expect(o.doneS / DAY).toBeCloseTo(50, 9);
    expect(o.cloudCostUsd).toBeCloseTo(40 * 50 * 24 * 2, 6);
  });

  it('smaller model: on time with √0.6 of the parameters and of the tokens (compute-optimal)', () => {
    const o = opt(base, 'smaller-model');
    expect(o.doneS / DAY).toBeCloseTo(50, 9);
    expect(o.parameterScale).toBeCloseTo(Math.sqrt(0.6), 12);
    expect(o.parameterScale * o.tokenScale).toBeCloseTo(0.6, 12);
  });

  it('a cancelled share: waiting never ends, elastic runs on what arrived', () => {
    const x = { ...base, delayS: Infinity };
    expect(opt(x, 'wait').doneS).toBe(Infinity);
    expect(opt(x, 'elastic').doneS / DAY).toBeCloseTo(5000 / 60, 9);
    expect(opt(x, 'rent').cloudDeviceHours).toBeCloseTo(40 * 50 * 24, 6);
  });

  it('always: rent ≤ elastic ≤ wait in finish time, and nothing beats the on-time plan (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 4096 }), fc.double({ min: 0, max: 0.95, noNaN: true }), fc.double({ min: 1, max: 400, noNaN: true }), fc.double({ min: 1, max: 200, noNaN: true }), (n, f, delayDays, runDays) => {
        const x = { ...base, orderDevices: n, lateFraction: f, delayS: delayDays * DAY, jobDeviceS: n * runDays * DAY };
        const a = compareShortageOptions(x);
        const done = Object.fromEntries(a.options.map((o) => [o.option, o.doneS]));
        const eps = 1e-6 * done['on-time'];
        expect(done.rent).toBeLessThanOrEqual(done.elastic + eps);
        expect(done.elastic).toBeLessThanOrEqual(done.wait + eps);
        for (const o of a.options) expect(o.doneS).toBeGreaterThanOrEqual(done['on-time'] - eps);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('the shortage study inside a trace scenario', () => {
  const cluster = buildCluster(clusterSchema.parse({ pools: [{ name: 'h100', node: 'dgx-h100', count: 64 }], storage: [{ tier: 'parallel-fs', capacity: '2 PB' }] }));
  const env: WorkloadEnv = { cluster, fidelity: 'analytic', seed: 42, calibration: builtinProfile, limits: defaultLimits };

  it('the event replay of the run on the delayed deliveries finishes exactly when the "wait" option says', () => {
    const w = traceWorkloadSchema.parse({
      kind: 'trace',
      capacity: { deliveries: [{ at: 0, count: 512 }], shortage: { fraction: 0.4, delay: '3 months' } },
      shortageStudy: { job: { deviceHours: 512 * 40 * 24 }, cloudPricePerDeviceHour: '3 USD/h' },
    });
    const out = runTrace(w, env);
    const study = out.breakdown.shortage as { lateDevices: number; options: Array<{ option: string; doneS: number; cloudCostUsd: number }> };
    // 40% of 64 nodes = 25.6 → 26 whole nodes late.
    expect(study.lateDevices).toBe(208);
    const wait = study.options.find((o) => o.option === 'wait')!;
    expect(out.metrics.cluster!.makespanS).toBeCloseTo(wait.doneS, 6);
    expect(wait.doneS).toBeCloseTo(3 * 2629800 + 40 * DAY, 6);
    expect(study.options.find((o) => o.option === 'rent')!.cloudCostUsd).toBeCloseTo(208 * 40 * 24 * 3, 4);
    expect(out.warnings.find((x) => x.code === 'trace.shortage-answer')?.message).toMatch(/208 of 512 devices/);
  });

  it('times a training run with the training model and prices the cloud from the cost catalog', () => {
    const w = traceWorkloadSchema.parse({
      kind: 'trace',
      capacity: { deliveries: [{ at: 0, count: 512 }], shortage: { fraction: 0.4, delay: '3 months' } },
      shortageStudy: {
        job: {
          training: {
            kind: 'training', model: 'llama3-70b', tokens: 2e12, precision: 'bf16', flashAttention: true,
            parallelism: { tensor: 8, pipeline: 4, microBatchSize: 1, globalBatchSize: 1024, schedule: 'interleaved', virtualStages: 5, sequenceParallel: true, recompute: 'selective', zero: 1 },
          },
        },
      },
    });
    const out = runTrace(w, env);
    const inputs = (out.breakdown.shortage as { inputs: { jobFrom: string; priceFrom: string; cloudPricePerDeviceHour: number } }).inputs;
    expect(inputs.jobFrom).toMatch(/^training model: [\d.]+ days on 512 devices$/);
    expect(inputs.priceFrom).toMatch(/cost catalog/);
    expect(inputs.cloudPricePerDeviceHour).toBeGreaterThan(0);
  });
});
