/**
 * Training a layer-list model (layer-list.ts): data parallel, one micro-batch
 * pass priced op by op as for transformers, the gradient all-reduce or ZeRO
 * reduce-scatter through the same collective timer, and the step assembled by
 * the same analytic or discrete-event code (a one-stage pipeline).
 * `tokens` counts samples for these models.
 */
import { isCalibrated } from '../../../calibration/efficiency';
import type { ClusterModel, Precision } from '../../hardware/types';
import type { Warning } from '../../result';
import type { WorkloadEnv, WorkloadOutcome } from '../env';
import { analyticStep } from './analytic-step';
import type { CollectiveTimer } from './collective-model';
import { desStep } from './des-step';
import { buildLayout, groupRanks } from './layout';
import type { LayerListModel } from './layer-list';
import { layerListOps } from './layer-list';
import { opsTime } from './op-time';
import { opsFlops } from './ops';
import { trainingPrecision } from './precision';
import { runPlan } from './run-plan';
import { defaultMtbfPerDevice } from './reference-data';
import type { TrainingWorkload } from './schema';
import type { StageCost, StepCosts } from './stage-costs';

export function checkLayerList(workload: TrainingWorkload): Array<{ path: string; expected: string; found?: string }> {
  const par = workload.parallelism;
  const issues: Array<{ path: string; expected: string; found?: string }> = [];
  for (const dim of ['tensor', 'pipeline', 'context', 'expert'] as const) {
    if (par[dim] !== 1) issues.push({ path: `workload.parallelism.${dim}`, expected: '1 for a layer-list model (data parallelism only)', found: String(par[dim]) });
  }
  return issues;
}

export function runLayerListTraining(workload: TrainingWorkload, model: LayerListModel, env: WorkloadEnv, collective: CollectiveTimer): WorkloadOutcome {
  const warnings: Warning[] = [];
  const cluster: ClusterModel = env.cluster;
  const device = cluster.pools[0].device;
  const chosen = trainingPrecision(workload.precision as Precision, device);
  const precision = chosen.precision;
  if (chosen.warning) warnings.push(chosen.warning);
  if (!isCalibrated(env.calibration, device.id, precision)) {
    warnings.push({ code: 'training.uncalibrated', message: `calibration profile "${env.calibration.id}" has no ${precision} matrix-multiply curve for ${device.id}: a generic efficiency curve is used`, severity: 'warning' });
  }
  const par = workload.parallelism;
  const layout = buildLayout({ ...par, tensor: 1, pipeline: 1, context: 1 }, cluster);
  const e = precision === 'fp32' || precision === 'tf32' ? 4 : 2;
  const gradientBytes = par.gradientPrecision === 'fp32' ? 4 : e;
  const rates = { profile: env.calibration, device, precision, elementBytes: e };
  const ops = layerListOps(model, layout.microBatchSize, e);
  const forwardS = opsTime(ops.forward, rates);
  const backwardS = opsTime(ops.backward, rates);
  const zero = par.zero === 'fsdp' ? 3 : par.zero;

  const requests: StepCosts['requests'] = [];
  const time = (name: string, req: Parameters<CollectiveTimer>[0]) => {
    const r = collective(req, cluster);
    requests.push({ name, req, timeS: r.timeS, bottleneck: r.bottleneck });
    return r.timeS;
  };
  const dpRanks = groupRanks(layout, 'data');
  const n = dpRanks.length;
  const gradBytes = gradientBytes * ops.params;
  let dpReduceS = 0;
  let dpLastBucketS = 0;
  let dpGatherS = 0;
  let zeroGather = 0;
  if (n > 1) {
    const op = zero === 0 ? 'all-reduce' : 'reduce-scatter';
    dpReduceS = time(`dp gradient ${op}`, { op, bytes: gradBytes, ranks: dpRanks });
    dpLastBucketS = time('dp last bucket', { op, bytes: Math.min(par.bucketSize, gradBytes), ranks: dpRanks });
    if (zero >= 1 && zero < 3) dpGatherS = time('dp param all-gather', { op: 'all-gather', bytes: e * ops.params, ranks: dpRanks });
    if (zero >= 3) {
      // Whole-model gathers for forward and backward, prefetched behind the compute where the links keep up.
      const gather = time('zero-3 param all-gather', { op: 'all-gather', bytes: e * ops.params, ranks: dpRanks });
      zeroGather = Math.max(0, gather - forwardS) + Math.max(0, gather + dpReduceS - backwardS);
    }
  }
  const stage: StageCost = {
    stage: 0, layers: model.layers.length, forwardS, backwardS, recomputeS: 0, tpForwardS: 0, tpBackwardS: 0, epForwardS: 0, epBackwardS: 0, cpExposedS: 0,
    zeroGatherExposedS: zeroGather,
    modelFlops: opsFlops(ops.forward) + opsFlops(ops.backward), recomputeFlops: 0, gradientBytes: gradBytes, paramsPerDevice: ops.params,
  };
  const shard = zero >= 1 ? ops.params / Math.max(1, n) : ops.params;
  const optimizerS = opsTime([{ kind: 'memory', name: 'adam', bytes: shard * (gradientBytes + 24 + e) }], rates);
  const costs: StepCosts = {
    stages: [stage], p2pBytes: 0, p2pS: 0, dpReduceS: zero >= 3 ? dpLastBucketS : dpReduceS, dpLastBucketS, dpGatherS, dpSendFactor: n > 1 ? ((zero === 0 ? 2 : 1) * (n - 1)) / n : 0,
    dpCollective: n > 1 && zero < 3 ? { op: zero === 0 ? 'all-reduce' : 'reduce-scatter', ranks: dpRanks } : undefined,
    embeddingSyncS: 0, optimizerS, requests,
  };

  let stepTimeS: number;
  let breakdown;
  let events = 0;
  const series: Record<string, unknown> = {};
  if (env.fidelity === 'des') {
    const des = desStep({ costs, layout, schedule: '1f1b', overlapGradReduce: par.overlapGradReduce, cluster, limits: env.limits, onProgress: env.onProgress });
    stepTimeS = des.stepTimeS;
    breakdown = des.breakdown;
    events = des.events;
    series.timeline = des.timeline;
  } else {
    const a = analyticStep(costs, layout.microBatches, 1, 1, par.overlapGradReduce);
    stepTimeS = a.stepTimeS;
    breakdown = a.breakdown;
  }

  const devices = layout.devices;
  const samplesPerStep = layout.microBatchSize * layout.microBatches * layout.data;
  const modelFlopsPerStep = stage.modelFlops * layout.microBatches * layout.data;
  const peak = device.peakFlops[precision] ?? 0;
  // Model states (Rajbhandari et al. 2020): 16-bit weights (ZeRO-3: a shard plus the gathered copy), gradients, 12 bytes of Adam state.
  const weights = zero >= 3 ? (ops.params * e) / n + ops.params * e : ops.params * e;
  const grads = zero >= 2 ? gradBytes / n : gradBytes;
  const optimizer = zero >= 1 ? (12 * ops.params) / n : 12 * ops.params;
  const memoryBytes = weights + grads + optimizer + ops.activationElements * layout.microBatchSize * e;
  const fits = memoryBytes <= device.memoryBytes;
  if (!fits) warnings.push({ code: 'training.out-of-memory', message: `needs ${(memoryBytes / 2 ** 30).toFixed(1)} GiB per device but the device has ${(device.memoryBytes / 2 ** 30).toFixed(1)} GiB; lower parallelism.microBatchSize or use parallelism.zero`, severity: 'error' });
  if (devices !== cluster.deviceCount) warnings.push({ code: 'training.devices-unused', message: `parallelism uses ${devices} of the cluster's ${cluster.deviceCount} devices`, severity: 'warning' });
  const plan = runPlan({
    stepTimeS, tokensPerStep: samplesPerStep, tokens: workload.tokens, devices, checkpointBytes: ops.params * 14, writers: zero >= 1 ? layout.data : 1,
    tier: cluster.storage[0], intervalS: workload.checkpoint.interval, restartS: workload.failures.restartTime, mtbfPerDeviceS: workload.failures.mtbfPerDevice ?? defaultMtbfPerDevice.value,
  });
  return {
    metrics: {
      training: {
        stepTimeS,
        tokensPerS: samplesPerStep / stepTimeS,
        samplesPerS: samplesPerStep / stepTimeS,
        achievedTflopsPerDevice: modelFlopsPerStep / (devices * stepTimeS) / 1e12,
        mfu: peak > 0 ? modelFlopsPerStep / (devices * peak * stepTimeS) : 0,
        hardwareFlopUtilization: peak > 0 ? modelFlopsPerStep / (devices * peak * stepTimeS) : 0,
        timeToTrainDays: plan.wallTimeS / 86400,
        memoryPerDeviceGiB: memoryBytes / 2 ** 30,
        fitsInMemory: fits,
        goodput: plan.goodput,
        devices,
        steps: plan.steps,
        wallTimeS: plan.wallTimeS,
        deviceSeconds: plan.wallTimeS * devices,
        busyDeviceSeconds: plan.computeS * devices,
        modelFlopsPerStep,
        hardwareFlopsPerStep: modelFlopsPerStep,
        forwardFlopsPerSample: opsFlops(ops.forward) / layout.microBatchSize,
        params: ops.params,
      },
    },
    breakdown: {
      ...breakdown,
      layout: { tensor: 1, pipeline: 1, data: layout.data, context: 1, expert: 1, microBatches: layout.microBatches, virtualStages: 1 },
      collectives: requests.map((r) => ({ name: r.name, op: r.req.op, bytes: r.req.bytes, ranks: r.req.ranks.length, timeS: r.timeS, bottleneck: r.bottleneck })),
    },
    series,
    warnings,
    events,
  };
}
