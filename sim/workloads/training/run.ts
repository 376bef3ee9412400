/**
 * Training workload runner: `runTraining(workload, env)` for the scenario
 * runner, and `checkTraining(workload, cluster)` for the cross-checks that need
 * the cluster (device count, divisibility).
 */
import { bytesPerElement, isCalibrated } from '../../../calibration/efficiency';
import { InputError } from '../../errors';
import { findStorageTier } from '../../hardware/storage/index';
import type { ClusterModel, Precision } from '../../hardware/types';
import type { Warning } from '../../result';
import type { WorkloadEnv, WorkloadOutcome } from '../env';
import { analyticStep, type StepBreakdown } from './analytic-step';
import { cachedAnalyticCollective } from './collective-cache';
import { calibratedCollective, type CollectiveRequest, type CollectiveTimer } from './collective-model';
import { dataLoadingEstimate, dataLoadingWarning } from './data-loading';
import { desStep } from './des-step';
import { buildLayout, derivedDataSize, placementReport } from './layout';
import { memoryPerDevice, outOfMemoryAdvice, type MemoryOptions } from './memory';
import { activeParams, resolveModel, totalParams, UnknownPresetError, type TransformerShape } from './model';
import { presetIds } from './presets';
import { checkpointBytesPerParam, defaultMtbfPerDevice } from './reference-data';
import { runPlan } from './run-plan';
import { isLayerListModel } from './layer-list';
import { checkLayerList, runLayerListTraining } from './layer-list-run';
import { trainingPrecision } from './precision';
import type { TrainingWorkload } from './schema';
import { stepCosts } from './stage-costs';

export interface TrainingOptions {
  /** Replace the collective estimate (default: the profile's fits, else sim/network's analyticCollective). */
  collective?: CollectiveTimer;
}

function modelOrError(workload: TrainingWorkload): TransformerShape {
  try {
    return resolveModel(workload.model);
  } catch (e) {
    if (e instanceof UnknownPresetError) {
      throw new InputError({ file: '<input>', path: 'workload.model', expected: `a model preset (${presetIds().join(', ')}) or a model description`, found: JSON.stringify(e.preset) });
    }
    throw e;
  }
}

/** Problems that need the cluster to see; paths relative to the scenario root. */
export function checkTraining(workload: TrainingWorkload, cluster: ClusterModel): Array<{ path: string; expected: string; found?: string }> {
  if (isLayerListModel(workload.model)) return checkLayerList(workload);
  const issues: Array<{ path: string; expected: string; found?: string }> = [];
  let model: TransformerShape;
  try {
    model = resolveModel(workload.model);
  } catch (e) {
    if (e instanceof UnknownPresetError) return [{ path: 'workload.model', expected: `a model preset (${presetIds().join(', ')})`, found: JSON.stringify(e.preset) }];
    throw e;
  }
  const par = workload.parallelism;
  const data = derivedDataSize(par, cluster.deviceCount);
  const used = par.tensor * par.pipeline * par.context * data;
  if (used !== cluster.deviceCount) {
    issues.push({
      path: par.data === undefined ? 'workload.parallelism' : 'workload.parallelism.data',
      expected: `tensor × pipeline × context × data = ${cluster.deviceCount} (the cluster's devices)`,
      found: `${par.tensor} × ${par.pipeline} × ${par.context} × ${data} = ${used}`,
    });
  }
  if (par.globalBatchSize % (par.microBatchSize * data) !== 0) {
    issues.push({ path: 'workload.parallelism.globalBatchSize', expected: `a multiple of microBatchSize × data = ${par.microBatchSize * data}`, found: String(par.globalBatchSize) });
  }
  const chunks = par.pipeline * (par.schedule === 'interleaved' ? par.virtualStages : 1);
  if (model.layers % chunks !== 0) {
    issues.push({ path: 'workload.parallelism.pipeline', expected: `pipeline stages${par.schedule === 'interleaved' ? ' × virtualStages' : ''} dividing the ${model.layers} layers`, found: String(chunks) });
  }
  if (model.heads % par.tensor !== 0) issues.push({ path: 'workload.parallelism.tensor', expected: `a divisor of the ${model.heads} attention heads`, found: String(par.tensor) });
  if (model.kvHeads % par.tensor !== 0 && par.tensor % model.kvHeads !== 0) {
    issues.push({ path: 'workload.parallelism.tensor', expected: `a divisor or multiple of the ${model.kvHeads} KV heads`, found: String(par.tensor) });
  }
  if (model.hiddenSize % model.heads !== 0) issues.push({ path: 'workload.model.hiddenSize', expected: `a multiple of heads (${model.heads})`, found: String(model.hiddenSize) });
  if (model.seqLength % par.context !== 0) issues.push({ path: 'workload.parallelism.context', expected: `a divisor of seqLength ${model.seqLength}`, found: String(par.context) });
  if (par.expert > 1) {
    if (!model.moe) issues.push({ path: 'workload.parallelism.expert', expected: '1 for a dense model (expert parallelism needs moe)', found: String(par.expert) });
    else if (model.moe.experts % par.expert !== 0) issues.push({ path: 'workload.parallelism.expert', expected: `a divisor of the ${model.moe.experts} experts`, found: String(par.expert) });
    if ((data * par.context) % par.expert !== 0) issues.push({ path: 'workload.parallelism.expert', expected: `a divisor of data × context = ${data * par.context}`, found: String(par.expert) });
  }
  if (par.schedule === 'interleaved' && par.globalBatchSize / (par.microBatchSize * data) % par.pipeline !== 0) {
    issues.push({ path: 'workload.parallelism.globalBatchSize', expected: `micro-batches per replica a multiple of pipeline (${par.pipeline}) for the interleaved schedule` });
  }
  if (cluster.storage.length > 0 && workload.dataLoading.tier && !findStorageTier(cluster, workload.dataLoading.tier)) {
    issues.push({ path: 'workload.dataLoading.tier', expected: `one of the cluster's storage tiers (${cluster.storage.map((t) => t.id).join(', ')})`, found: workload.dataLoading.tier });
  }
  if (cluster.storage.length > 0 && workload.checkpoint.tier && !cluster.storage.some((t) => t.id === workload.checkpoint.tier || t.tier === workload.checkpoint.tier)) {
    issues.push({ path: 'workload.checkpoint.tier', expected: `one of the cluster's storage tiers (${cluster.storage.map((t) => t.id).join(', ')})`, found: workload.checkpoint.tier });
  }
  return issues;
}

const activationBytesFor = (p: Precision) => (p === 'fp32' || p === 'tf32' ? 4 : 2);

export function runTraining(workload: TrainingWorkload, env: WorkloadEnv, options: TrainingOptions = {}): WorkloadOutcome {
  const collective = options.collective ?? ((req: CollectiveRequest, c: ClusterModel) => calibratedCollective(env.calibration, req, c) ?? cachedAnalyticCollective(req, c, env.seed));
  if (isLayerListModel(workload.model)) return runLayerListTraining(workload, workload.model, env, collective);
  const warnings: Warning[] = [];
  const model = modelOrError(workload);
  const cluster = env.cluster;
  const pool = cluster.pools[0];
  if (cluster.pools.length > 1) warnings.push({ code: 'training.heterogeneous', message: `training runs on pool "${pool.name}"'s devices; other pools are treated as the same device`, severity: 'warning' });
  const device = pool.device;
  const chosen = trainingPrecision(workload.precision as Precision, device);
  const precision = chosen.precision;
  if (chosen.warning) warnings.push(chosen.warning);
  if (!isCalibrated(env.calibration, device.id, precision)) {
    warnings.push({ code: 'training.uncalibrated', message: `calibration profile "${env.calibration.id}" has no ${precision} matrix-multiply curve for ${device.id}: a generic efficiency curve is used`, severity: 'warning' });
  }
  const layout = buildLayout(workload.parallelism, cluster);
  const activationBytes = activationBytesFor(precision);
  const rates = { profile: env.calibration, device, precision, elementBytes: activationBytes };
  const gradientBytes = workload.parallelism.gradientPrecision ? bytesPerElement[workload.parallelism.gradientPrecision] : activationBytes;
  const costs = stepCosts({ workload, model, layout, rates, cluster, collective, activationBytes, gradientBytes });
  const par = workload.parallelism;

  let stepTimeS: number;
  let breakdown: StepBreakdown;
  let events = 0;
  const series: Record<string, unknown> = {};
  if (env.fidelity === 'des') {
    const des = desStep({ costs, layout, schedule: par.schedule, overlapGradReduce: par.overlapGradReduce, cluster, limits: env.limits, onProgress: env.onProgress });
    stepTimeS = des.stepTimeS;
    breakdown = des.breakdown;
    events = des.events;
    series.timeline = des.timeline;
  } else {
    const a = analyticStep(costs, layout.microBatches, layout.pipeline, layout.virtualStages, par.overlapGradReduce);
    stepTimeS = a.stepTimeS;
    breakdown = a.breakdown;
  }

  const seqTokensPerStep = layout.microBatchSize * layout.microBatches * layout.data * model.seqLength;
  // Data loading through the storage model; with prefetch only a shortfall stalls.
  const dataLoading = dataLoadingEstimate(cluster, workload.dataLoading, seqTokensPerStep, stepTimeS);
  if (dataLoading) {
    breakdown.dataStallS = dataLoading.stallS;
    stepTimeS += dataLoading.stallS;
    const w = dataLoadingWarning(dataLoading, workload.dataLoading);
    if (w) warnings.push(w);
  }

  const memOptions: MemoryOptions = {
    model, layout, activationBytes, precision: workload.precision, capacityBytes: device.memoryBytes,
    sequenceParallel: par.sequenceParallel && layout.tensor > 1, recompute: par.recompute, flashAttention: workload.flashAttention,
    zero: par.zero, schedule: par.schedule, gradientBytes,
  };
  const memory = memoryPerDevice(memOptions);
  if (!memory.fits) warnings.push({ code: 'training.out-of-memory', message: `does not fit: ${outOfMemoryAdvice(memory, memOptions)}`, severity: 'error' });

  const devices = layout.devices;
  if (devices !== cluster.deviceCount) warnings.push({ code: 'training.devices-unused', message: `parallelism uses ${devices} of the cluster's ${cluster.deviceCount} devices`, severity: 'warning' });
  const m = layout.microBatches;
  const replicas = layout.data * layout.context * layout.tensor;
  const modelFlopsPerStep = costs.stages.reduce((s, st) => s + st.modelFlops, 0) * m * replicas;
  const recomputeFlopsPerStep = costs.stages.reduce((s, st) => s + st.recomputeFlops, 0) * m * replicas;
  const peak = device.peakFlops[precision] ?? 0;

  const params = totalParams(model);
  const ckptTier = cluster.storage.find((t) => t.id === workload.checkpoint.tier || t.tier === workload.checkpoint.tier) ?? cluster.storage[0];
  if (!ckptTier) warnings.push({ code: 'training.no-storage', message: 'the cluster has no storage tier: checkpoint writes are not costed (add cluster.storage)', severity: 'info' });
  const zero = par.zero === 'fsdp' ? 3 : par.zero;
  const checkpointBytes = params * checkpointBytesPerParam.value;
  const plan = runPlan({
    stepTimeS,
    tokensPerStep: seqTokensPerStep,
    tokens: workload.tokens,
    devices,
    checkpointBytes,
    writers: layout.tensor * layout.pipeline * (zero >= 1 ? layout.data : 1),
    tier: ckptTier,
    intervalS: workload.checkpoint.interval,
    restartS: workload.failures.restartTime,
    mtbfPerDeviceS: workload.failures.mtbfPerDevice ?? defaultMtbfPerDevice.value,
  });

  const tokensPerS = seqTokensPerStep / stepTimeS;
  const training = {
    stepTimeS,
    tokensPerS,
    achievedTflopsPerDevice: (modelFlopsPerStep + recomputeFlopsPerStep) / (devices * stepTimeS) / 1e12,
    mfu: peak > 0 ? modelFlopsPerStep / (devices * peak * stepTimeS) : 0,
    timeToTrainDays: plan.wallTimeS / 86400,
    memoryPerDeviceGiB: memory.totalBytes / 2 ** 30,
    fitsInMemory: memory.fits,
    goodput: plan.goodput,
    // For the cost model and readers:
    devices,
    totalTokens: workload.tokens,
    steps: plan.steps,
    wallTimeS: plan.wallTimeS,
    deviceSeconds: plan.wallTimeS * devices,
    busyDeviceSeconds: plan.computeS * devices,
    modelFlopsPerStep,
    hardwareFlopsPerStep: modelFlopsPerStep + recomputeFlopsPerStep,
    hardwareFlopUtilization: peak > 0 ? (modelFlopsPerStep + recomputeFlopsPerStep) / (devices * peak * stepTimeS) : 0,
    params,
    activeParams: activeParams(model),
    checkpointBytes,
    checkpointWriteS: plan.checkpointWriteS,
    checkpointIntervalS: plan.checkpointIntervalS,
    youngDalyIntervalS: plan.youngDalyIntervalS,
    expectedFailures: plan.expectedFailures,
    ...(dataLoading ? { dataLoading: { requiredBytesPerS: dataLoading.requiredBytesPerS, availableBytesPerS: dataLoading.availableBytesPerS, bindingLimit: dataLoading.bindingLimit, stallFraction: dataLoading.stallFraction, tier: dataLoading.tierId, objectBytes: workload.dataLoading.objectBytes, streamsPerNode: workload.dataLoading.streamsPerNode, method: dataLoading.method } } : {}),
  };
  return {
    metrics: { training },
    breakdown: {
      ...breakdown,
      placement: placementReport(layout),
      memory: {
        weightsGiB: memory.weightsBytes / 2 ** 30,
        gradientsGiB: memory.gradientsBytes / 2 ** 30,
        optimizerGiB: memory.optimizerBytes / 2 ** 30,
        activationsGiB: memory.activationsBytes / 2 ** 30,
        workingGiB: memory.workingBytes / 2 ** 30,
        capacityGiB: memory.capacityBytes / 2 ** 30,
      },
      layout: { tensor: layout.tensor, pipeline: layout.pipeline, data: layout.data, context: layout.context, expert: layout.expert, microBatches: layout.microBatches, virtualStages: layout.virtualStages },
      collectives: costs.requests.map((r) => ({ name: r.name, op: r.req.op, bytes: r.req.bytes, ranks: r.req.ranks.length, timeS: r.timeS, bottleneck: r.bottleneck })),
      stages: costs.stages.map((s) => ({ stage: s.stage, layers: s.layers, forwardS: s.forwardS, backwardS: s.backwardS, recomputeS: s.recomputeS })),
    },
    series,
    warnings,
    events,
  };
}
