/**
 * The runner of `workload: { kind: trace }`: load or generate the jobs, build
 * the capacity timeline from the cluster, replay the jobs through the chosen
 * scheduler and placement, and fill `metrics.cluster`, series, breakdown and
 * warnings. With `shortageStudy`, also compare the four ways through a late
 * order (`shortage.ts`).
 *
 * `source.file` must be absolute by the time it gets here: the scenario loader
 * resolves it against the scenario file.
 */
import { InputError } from '../errors';
import type { ClusterModel } from '../hardware/types';
import type { Warning } from '../result';
import type { WorkloadEnv, WorkloadOutcome } from '../workloads/env';
import { checkTraining, runTraining } from '../workloads/training/run';
import type { TrainingWorkload } from '../workloads/training/schema';
import { cloudPricePerDeviceHour } from '../cost/catalog';
import { buildCapacityPlan, checkCapacity, defaultNodesPerRack } from './capacity';
import { importTrace } from './importers';
import type { ClusterJob } from './job';
import { sortBySubmit } from './import-philly';
import type { TraceWorkload } from './schema';
import { simulateCluster } from './simulate';
import { fittedMixes, generateSyntheticJobs } from './synthetic';
import { readTraceText } from './trace-io';
import { summarizeClusterRun } from './summary';
import { compareShortageOptions, type ShortageAnswer } from './shortage';

type Issue = { path: string; expected: string; found?: string };

/** POSIX or Windows absolute path (no node:path, so the browser build can load this module). */
const isAbsolutePath = (p: string): boolean => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');

/** The cluster a job of `gpus` devices sees: the first pool cut to whole nodes (for the training model). */
function jobCluster(cluster: ClusterModel, gpus: number): ClusterModel {
  const pool = cluster.pools[0];
  return { ...cluster, pools: [{ ...pool, count: Math.ceil(gpus / pool.node.devicesPerNode) }], deviceCount: gpus };
}

export function checkTrace(workload: TraceWorkload, cluster: ClusterModel): Issue[] {
  const issues: Issue[] = [...checkCapacity(workload.capacity, cluster)];
  const src = workload.source;
  if (!src && !workload.jobs?.length && !workload.shortageStudy) issues.push({ path: 'workload', expected: 'a `source`, a list of `jobs` or a `shortageStudy`' });
  if (src) {
    if (src.format === 'synthetic' && !src.synthetic) issues.push({ path: 'workload.source.synthetic', expected: 'the synthetic generator settings ({ jobs, arrivalRate?, fittedTo? }) for format synthetic' });
    if (src.format !== 'synthetic' && !src.file) issues.push({ path: 'workload.source.file', expected: `the ${src.format} trace file, relative to the scenario` });
  }
  workload.jobs?.forEach((j, i) => {
    if ((j.duration === undefined) === (j.training === undefined)) issues.push({ path: `workload.jobs[${i}]`, expected: 'exactly one of `duration` or `training`' });
    if (j.minGpus !== undefined && j.minGpus > j.gpus) issues.push({ path: `workload.jobs[${i}].minGpus`, expected: `at most gpus (${j.gpus})`, found: String(j.minGpus) });
    if (j.training) {
      for (const t of checkTraining(j.training as TrainingWorkload, jobCluster(cluster, j.gpus))) issues.push({ ...t, path: t.path.replace(/^workload/, `workload.jobs[${i}].training`) });
    }
  });
  const burst = workload.capacity?.burst;
  if (burst && burst.pricePerDeviceHour === undefined && !cloudPricePerDeviceHour(cluster.pools[0].device.id, burst.mode)) {
    issues.push({ path: 'workload.capacity.burst.pricePerDeviceHour', expected: `a price (the cost catalog has none for ${cluster.pools[0].device.id})` });
  }
  const study = workload.shortageStudy;
  if (study) {
    const given = [study.job.deviceHours, study.job.duration, study.job.training].filter((v) => v !== undefined).length;
    if (given !== 1) issues.push({ path: 'workload.shortageStudy.job', expected: 'exactly one of deviceHours, duration or training' });
    if (study.job.training) for (const t of checkTraining(study.job.training as TrainingWorkload, cluster)) issues.push({ ...t, path: t.path.replace(/^workload/, 'workload.shortageStudy.job.training') });
    if (study.cloudPricePerDeviceHour === undefined && !cloudPricePerDeviceHour(cluster.pools[0].device.id, study.cloudPricing)) {
      issues.push({ path: 'workload.shortageStudy.cloudPricePerDeviceHour', expected: `a price (the cost catalog has none for ${cluster.pools[0].device.id})` });
    }
  }
  return issues;
}

/** Jobs from the source and the inline list, in submission order, with the import notes as warnings. */
export function loadTraceJobs(workload: TraceWorkload, env: WorkloadEnv, readText: (path: string) => string = env.readText ?? readTraceText): { jobs: ClusterJob[]; warnings: Warning[]; rows: number } {
  const warnings: Warning[] = [];
  let jobs: ClusterJob[] = [];
  let rows = 0;
  const src = workload.source;
  if (src) {
    if (src.format === 'synthetic') {
      const s = src.synthetic;
      if (!s) throw new InputError({ file: '<input>', path: 'workload.source.synthetic', expected: 'the synthetic generator settings for format synthetic' });
      jobs = generateSyntheticJobs(fittedMixes[s.fittedTo], { jobs: s.jobs, arrivalRatePerS: s.arrivalRate, maxGpus: env.cluster.deviceCount, seed: env.seed });
      rows = jobs.length;
    } else {
      if (!src.file) throw new InputError({ file: '<input>', path: 'workload.source.file', expected: `the ${src.format} trace file` });
      if (!isAbsolutePath(src.file)) warnings.push({ code: 'trace.relative-path', severity: 'info', message: `trace file "${src.file}" was not resolved against the scenario file; read relative to the working directory` });
      let text: string;
      try {
        text = readText(src.file);
      } catch {
        throw new InputError({ file: '<input>', path: 'workload.source.file', expected: 'a readable trace file', found: JSON.stringify(src.file) });
      }
      let imported;
      try {
        imported = importTrace(src.format, text);
      } catch (e) {
        throw new InputError({ file: src.file, path: 'workload.source.format', expected: `a ${src.format} trace`, found: (e as Error).message });
      }
      rows = imported.rows;
      jobs = imported.jobs;
      for (const n of imported.notes) {
        warnings.push({ code: `trace.${n.code}`, severity: n.code === 'censored-end' || n.code === 'submit-is-start' ? 'info' : 'warning', message: `${n.count} row(s): ${n.message}${n.count > 1 ? ' (first case shown)' : ''}` });
      }
    }
    if (src.limit !== undefined && jobs.length > src.limit) jobs = jobs.slice(0, src.limit);
    if (src.timeScale !== 1) jobs = jobs.map((j) => ({ ...j, durationS: j.durationS * src.timeScale }));
  }
  workload.jobs?.forEach((j, i) => {
    let durationS = j.duration;
    if (durationS === undefined && j.training) {
      const out = runTraining(j.training as TrainingWorkload, { ...env, cluster: jobCluster(env.cluster, j.gpus), fidelity: 'analytic' });
      durationS = (out.metrics.training?.timeToTrainDays ?? NaN) * 86400;
      for (const w of out.warnings) warnings.push({ ...w, code: `trace.job.${w.code}`, message: `job ${j.id ?? i}: ${w.message}` });
    }
    if (!(durationS !== undefined && durationS > 0 && Number.isFinite(durationS))) {
      throw new InputError({ file: '<input>', path: `workload.jobs[${i}]`, expected: 'a positive duration or a training workload the training model can time' });
    }
    jobs.push({ id: j.id ?? `job-${i}`, submitS: j.submit, gpus: j.gpus, durationS, elastic: j.minGpus !== undefined && j.minGpus < j.gpus ? { minGpus: j.minGpus } : undefined, user: j.user, team: j.team, priority: j.priority });
  });
  return { jobs: sortBySubmit(jobs), warnings, rows };
}

export function runTrace(workload: TraceWorkload, env: WorkloadEnv): WorkloadOutcome {
  const cluster = env.cluster;
  const { jobs, warnings, rows } = loadTraceJobs(workload, env);
  const sched = workload.scheduler;
  const nodesPerRack = sched.nodesPerRack ?? defaultNodesPerRack(cluster);
  const plan = buildCapacityPlan(cluster, workload.capacity, nodesPerRack, workload.horizon);
  const study = workload.shortageStudy;
  let shortage: (ShortageAnswer & { inputs: Record<string, unknown> }) | undefined;
  if (study) {
    shortage = runShortageStudy(workload, env, plan.deliveries);
    // With no other jobs, the cluster replays the study's run itself: the "wait" option, event by event.
    if (jobs.length === 0) jobs.push({ id: 'shortage-run', submitS: 0, gpus: shortage.inputs.orderDevices as number, durationS: (shortage.inputs.jobDeviceS as number) / (shortage.inputs.orderDevices as number) });
  }
  const burst = workload.capacity?.burst;
  let burstPrice = burst?.pricePerDeviceHour;
  if (burst && burstPrice === undefined) {
    const looked = cloudPricePerDeviceHour(cluster.pools[0].device.id, burst.mode);
    if (!looked) throw new InputError({ file: '<input>', path: 'workload.capacity.burst.pricePerDeviceHour', expected: `a price (the cost catalog has none for ${cluster.pools[0].device.id})` });
    burstPrice = looked.value;
    warnings.push({ code: 'trace.burst-price', severity: 'info', message: `cloud burst priced at ${looked.value.toFixed(2)} USD per device-hour (${burst.mode}, catalog: ${looked.entry?.provider ?? ''} ${looked.entry?.instance ?? ''}${looked.fallback ? `; ${looked.fallback}` : ''})` });
  }
  const failures = workload.capacity?.failures;
  const out = simulateCluster({
    jobs,
    nodes: plan.nodes,
    policy: sched.policy,
    placement: sched.placement,
    backfillDepth: sched.backfillDepth,
    nodesPerRack,
    checkpointIntervalS: sched.checkpointInterval,
    restoreS: sched.restoreTime,
    crossNodeSlowdown: sched.crossNodeSlowdown,
    crossRackSlowdown: sched.crossRackSlowdown,
    teamShares: sched.teamShares,
    failures: failures ? { mtbfPerDeviceS: failures.mtbfPerDevice, mttrS: failures.mttr } : undefined,
    maintenance: plan.maintenance,
    burst: burst ? { queueThreshold: burst.queueThreshold, pricePerDeviceHour: burstPrice!, spotInterruptionsPerHour: burst.mode === 'spot' ? burst.spotInterruptionRate : 0 } : undefined,
    horizonS: workload.horizon,
    seed: env.seed,
    maxEvents: env.limits.maxEvents,
    maxWallS: env.limits.maxWallS,
    onProgress: env.onProgress,
  });
  const summary = summarizeClusterRun(jobs, out, cluster, warnings);
  summary.breakdown.import = { rows, jobs: jobs.length, source: workload.source?.format ?? 'inline' };
  summary.breakdown.scheduler = { policy: sched.policy, placement: sched.placement, nodesPerRack, backfillDepth: sched.backfillDepth };
  summary.breakdown.deliveries = plan.deliveries.map((d) => ({ ...d, lateAtS: Number.isFinite(d.lateAtS) ? d.lateAtS : null }));
  if (shortage) {
    summary.breakdown.shortage = {
      ...shortage,
      options: shortage.options.map((o) => ({ ...o, doneS: Number.isFinite(o.doneS) ? o.doneS : null, lateByS: Number.isFinite(o.lateByS) ? o.lateByS : null })),
    };
    const fastest = shortage.options.find((o) => o.option === shortage!.fastest)!;
    Object.assign(summary.metrics, {
      shortageFastestOption: shortage.fastest,
      shortageFastestDoneDays: fastest.doneS / 86400,
      shortageFastestExtraCostUsd: fastest.extraCostUsd,
      shortageCheapestOption: shortage.cheapestFullSize,
    });
    warnings.push({ code: 'trace.shortage-answer', severity: 'info', message: shortage.summary });
  }
  env.onProgress?.(1);
  return { metrics: { cluster: summary.metrics }, breakdown: summary.breakdown, series: summary.series, warnings, events: out.events };
}

function runShortageStudy(workload: TraceWorkload, env: WorkloadEnv, deliveries: Array<{ nodes: number; lateNodes: number; atS: number }>): ShortageAnswer & { inputs: Record<string, unknown> } {
  const study = workload.shortageStudy!;
  const cluster = env.cluster;
  const perNode = cluster.pools[0].node.devicesPerNode;
  const delivered = deliveries.reduce((s, d) => s + d.nodes * perNode, 0);
  const lateInPlan = deliveries.reduce((s, d) => s + d.lateNodes * perNode, 0);
  const orderDevices = study.order ?? (delivered > 0 ? delivered : cluster.deviceCount);
  const shortage = workload.capacity?.shortage;
  let jobDeviceS: number;
  let jobFrom: string;
  if (study.job.deviceHours !== undefined) {
    jobDeviceS = study.job.deviceHours * 3600;
    jobFrom = 'deviceHours';
  } else if (study.job.duration !== undefined) {
    jobDeviceS = study.job.duration * orderDevices;
    jobFrom = 'duration on the whole order';
  } else if (study.job.training) {
    const out = runTraining(study.job.training as TrainingWorkload, { ...env, fidelity: 'analytic' });
    const days = out.metrics.training?.timeToTrainDays;
    if (!(days !== undefined && days > 0 && Number.isFinite(days))) throw new InputError({ file: '<input>', path: 'workload.shortageStudy.job.training', expected: 'a training workload the training model can time' });
    jobDeviceS = days * 86400 * cluster.deviceCount;
    jobFrom = `training model: ${days.toFixed(1)} days on ${cluster.deviceCount} devices`;
  } else {
    throw new InputError({ file: '<input>', path: 'workload.shortageStudy.job', expected: 'one of deviceHours, duration or training' });
  }
  let price = study.cloudPricePerDeviceHour;
  let priceFrom = 'scenario';
  if (price === undefined) {
    const looked = cloudPricePerDeviceHour(cluster.pools[0].device.id, study.cloudPricing);
    if (!looked) throw new InputError({ file: '<input>', path: 'workload.shortageStudy.cloudPricePerDeviceHour', expected: `a price (the cost catalog has none for ${cluster.pools[0].device.id})` });
    price = looked.value;
    priceFrom = `cost catalog: ${looked.entry?.provider ?? ''} ${looked.entry?.instance ?? ''} ${study.cloudPricing}${looked.fallback ? ` (${looked.fallback})` : ''}`.trim();
  }
  const inputs = {
    orderDevices,
    lateFraction: shortage?.fraction ?? 0,
    // The capacity plan delays whole nodes; use its count so the study and the replay agree.
    lateDevices: delivered > 0 && study.order === undefined ? lateInPlan : undefined,
    delayS: shortage ? (shortage.delay ?? Infinity) : 0,
    jobDeviceS,
    cloudPricePerDeviceHour: price,
    ownedCostPerDeviceHour: study.ownedCostPerDeviceHour,
    resizeOverheadS: study.resizeOverhead,
    scalingExponent: study.scalingExponent,
  };
  const answer = compareShortageOptions(inputs);
  return { ...answer, inputs: { ...inputs, delayS: Number.isFinite(inputs.delayS) ? inputs.delayS : null, jobFrom, priceFrom } };
}
