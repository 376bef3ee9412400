/**
 * A day (or any window) of traffic under the HPA-style autoscaler, against a
 * fixed fleet of maxReplicas: SLO attainment and accelerator-hours of each.
 * des: the controller runs inside the serving DES, with cold starts made of
 * node provisioning (beyond the pool's free devices), image pull and the model
 * load from the chosen storage tier. analytic: each hour-level of traffic gets
 * the fewest replicas that meet the SLO (no cold-start lag: an optimistic bound).
 */
import type { InferenceMetrics, Series, Warning } from '../../result';
import type { WorkloadEnv } from '../env';
import { analyticServing } from './analytic';
import { weightBytes } from './model';
import type { ReplicaSetup } from './replica-setup';
import type { ServedModel } from './resolve-model';
import { servingMetrics, servingSeries } from './serving-metrics';
import type { InferenceWorkload } from './schema';
import { simulateServing } from './serving-des';
import { sizeOnPool } from './sizing';
import { findStorageTier, modelLoadS } from './storage-load';
import { rateLevels } from './traffic';

export interface AutoscaledOutcome {
  metrics: InferenceMetrics;
  breakdown: Record<string, unknown>;
  series: Record<string, Series>;
  events: number;
}

export function runAutoscaled(w: InferenceWorkload, model: ServedModel, setup: ReplicaSetup, env: WorkloadEnv, warnings: Warning[]): AutoscaledOutcome {
  const a = w.autoscaling!;
  const tier = findStorageTier(env.cluster.storage, a.modelStorage);
  const bytes = model.kind === 'llm' ? weightBytes(model, w.precision) : model.weightBytes;
  if (!tier) {
    warnings.push({ code: 'inference.no-storage-tier', severity: 'warning', message: `No storage tier ${a.modelStorage ?? ''} in the cluster: model load time is left out of cold starts. Add one under cluster.storage.` });
  }
  const poolSlots = Math.floor((setup.pool.count * setup.pool.node.devicesPerNode) / setup.devicesPerReplica);
  const loadS = (together: number) => (tier ? modelLoadS(bytes, tier, a.loadStreams, together) : 0);
  const startupDelayS = (together: number, after: number) => (after > poolSlots ? a.nodeProvisioning : 0) + a.imagePull + loadS(together);
  const initial = a.initialReplicas ?? a.minReplicas;
  const coldStart = { imagePullS: a.imagePull, modelLoadS: loadS(1), nodeProvisioningS: a.nodeProvisioning, storageTier: tier?.id ?? null, poolSlots };

  if (env.fidelity === 'analytic') {
    warnings.push({ code: 'inference.autoscaling-analytic', severity: 'info', message: 'Analytic autoscaling gives each traffic level the replicas it needs at once (no cold-start lag); run at des fidelity for the controller itself.' });
    const levels = rateLevels(w.traffic);
    let deviceSeconds = 0;
    let attained = 0;
    let weight = 0;
    let peak = 0;
    const t: number[] = [];
    const r: number[] = [];
    let clock = 0;
    for (const level of levels) {
      const atLevel: InferenceWorkload = { ...w, traffic: { ...w.traffic, pattern: 'poisson', rate: level.rate } };
      const sized = sizeOnPool(atLevel, model, setup.pool, env.calibration, env.seed);
      const replicas = Math.min(a.maxReplicas, Math.max(a.minReplicas, sized.replicas ?? a.maxReplicas));
      const est = analyticServing(atLevel, model, setup, replicas, env.seed);
      const span = level.timeFraction * w.traffic.duration;
      deviceSeconds += replicas * setup.devicesPerReplica * span;
      attained += est.sloAttainment * level.rate * span;
      weight += level.rate * span;
      peak = Math.max(peak, replicas);
      t.push(clock);
      r.push(replicas);
      clock += span;
    }
    const fixed = analyticServing(w, model, setup, a.maxReplicas, env.seed);
    const fixedDeviceHours = (a.maxReplicas * setup.devicesPerReplica * w.traffic.duration) / 3600;
    const deviceHours = deviceSeconds / 3600;
    const metrics: InferenceMetrics = {
      throughputTokensPerS: fixed.throughputTokensPerS, ttftP50S: fixed.ttftP50S, ttftP99S: fixed.ttftP99S, tpotP50S: fixed.tpotP50S,
      sloAttainment: weight > 0 ? attained / weight : 1, replicas: peak, deviceHours, durationS: w.traffic.duration,
      meanReplicas: deviceSeconds / setup.devicesPerReplica / w.traffic.duration,
    };
    return {
      metrics,
      breakdown: { coldStart, fixed: { replicas: a.maxReplicas, sloAttainment: fixed.sloAttainment, deviceHours: fixedDeviceHours }, savedDeviceHoursFraction: 1 - deviceHours / fixedDeviceHours },
      series: { replicas: { label: 'replicas', xUnit: 's', yUnit: 'replicas', x: t, y: r } },
      events: 0,
    };
  }

  const base = {
    traffic: w.traffic, slo: w.slo, routing: w.routing, scheduler: setup.scheduler, iterationTime: setup.iterationTime,
    devicesPerReplica: setup.devicesPerReplica, seed: env.seed, limits: env.limits, requestPath: { toEngineS: w.frontend.requestLatency, toClientS: w.frontend.responseLatency }, perRequest: model.kind === 'per-request',
  };
  const run = simulateServing({
    ...base, replicas: initial, onProgress: env.onProgress ? (f) => env.onProgress!(a.compareFixed ? f / 2 : f) : undefined,
    autoscaler: {
      policy: {
        target: a.target, tolerance: a.tolerance, minReplicas: a.minReplicas, maxReplicas: a.maxReplicas,
        scaleUpStabilizationS: a.scaleUpStabilization, scaleDownStabilizationS: a.scaleDownStabilization,
      },
      metric: a.metric, syncPeriodS: a.syncPeriod, initialReplicas: initial, startupDelayS,
    },
  });
  const m = servingMetrics(w, run, run.maxReplicas);
  const meanReplicas = run.deviceSeconds / setup.devicesPerReplica / Math.max(w.traffic.duration, run.endS);
  const metrics: InferenceMetrics = { ...m, meanReplicas, scaleEvents: run.scaleEvents.length };
  const breakdown: Record<string, unknown> = { coldStart, scaleEvents: run.scaleEvents };
  let events = run.events;
  if (a.compareFixed) {
    const fixed = simulateServing({ ...base, replicas: a.maxReplicas, onProgress: env.onProgress ? (f) => env.onProgress!(0.5 + f / 2) : undefined });
    const fm = servingMetrics(w, fixed, a.maxReplicas);
    events += fixed.events;
    breakdown.fixed = { replicas: a.maxReplicas, sloAttainment: fm.sloAttainment, deviceHours: fm.deviceHours, ttftP99S: fm.ttftP99S };
    breakdown.savedDeviceHoursFraction = 1 - m.deviceHours / fm.deviceHours;
  }
  return { metrics, breakdown, series: servingSeries(run), events };
}
