/**
 * From a simulation's raw output to `metrics.cluster` (DESIGN.md names plus
 * extras), the breakdown a report shows (capacity-hours conservation, where
 * device-hours were lost) and the series the UI draws.
 */
import type { ClusterMetrics, Series, Warning } from '../result';
import type { ClusterModel } from '../hardware/types';
import type { ClusterJob } from './job';
import type { ClusterSimOutput } from './simulate';
import { cdfSeries, percentile, stepSeries } from './series';

export interface ClusterSummary {
  metrics: ClusterMetrics;
  breakdown: Record<string, unknown>;
  series: Record<string, Series>;
}

const H = 3600;

export function summarizeClusterRun(jobs: ClusterJob[], out: ClusterSimOutput, cluster: ClusterModel, warnings: Warning[]): ClusterSummary {
  const delays: number[] = [];
  const completions: number[] = [];
  let firstSubmit = Infinity;
  let lastFinish = -Infinity;
  let finished = 0, unfinished = 0, dropped = 0, burst = 0, multiNode = 0;
  const maxNode = cluster.pools.reduce((m, p) => Math.max(m, p.node.devicesPerNode), 0);
  jobs.forEach((j, i) => {
    if (j.gpus > maxNode) multiNode++;
    const where = out.ranIn[i];
    if (where === 'dropped') return void dropped++;
    firstSubmit = Math.min(firstSubmit, j.submitS);
    if (!Number.isNaN(out.firstStartS[i])) delays.push(out.firstStartS[i] - j.submitS);
    if (where === 'unfinished') return void unfinished++;
    if (where === 'cloud') burst++;
    finished++;
    completions.push(out.finishS[i] - j.submitS);
    lastFinish = Math.max(lastFinish, out.finishS[i]);
  });
  if (dropped > 0) warnings.push({ code: 'trace.job-too-large', severity: 'warning', message: `${dropped} job(s) ask for more devices than the cluster will ever have (${cluster.deviceCount}); dropped` });
  if (unfinished > 0) warnings.push({ code: 'trace.unfinished', severity: 'info', message: `${unfinished} job(s) had not finished at the end of the simulation (horizon ${(out.endS / 86400).toFixed(1)} days); they count in utilization but not in completion times` });
  if (multiNode > 0) warnings.push({ code: 'trace.multi-node-jobs', severity: 'info', message: `${multiNode} job(s) ask for more devices than one node has (${maxNode}); they run as multi-node gangs` });
  const t = out.totals;
  const start = Number.isFinite(firstSubmit) ? firstSubmit : 0;
  const makespanS = finished > 0 ? Math.max(lastFinish, unfinished > 0 ? out.endS : -Infinity) - start : out.endS - start;
  const metrics: ClusterMetrics = {
    utilization: t.installedGpuS > 0 ? t.usedGpuS / t.installedGpuS : 0,
    meanQueueDelayS: delays.length ? delays.reduce((s, d) => s + d, 0) / delays.length : 0,
    p95JobCompletionS: completions.length ? percentile(completions, 95) : 0,
    makespanS,
    p50JobCompletionS: completions.length ? percentile(completions, 50) : 0,
    p50QueueDelayS: delays.length ? percentile(delays, 50) : 0,
    p95QueueDelayS: delays.length ? percentile(delays, 95) : 0,
    jobs: jobs.length,
    jobsFinished: finished,
    jobsUnfinished: unfinished,
    jobsDropped: dropped,
    jobsBurst: burst,
    capacityGpuHours: t.installedGpuS / H,
    usedGpuHours: t.usedGpuS / H,
    idleGpuHours: t.idleGpuS / H,
    downGpuHours: t.downGpuS / H,
    fragmentationGpuHours: t.fragmentedGpuS / H,
    failureGpuHours: t.failureLostGpuS / H,
    preemptionGpuHours: t.preemptionLostGpuS / H,
    maintenanceGpuHours: t.maintenanceLostGpuS / H,
    resizeGpuHours: t.resizeLostGpuS / H,
    burstGpuHours: t.burstGpuS / H,
    burstCostUsd: t.burstCostUsd,
    preemptions: out.preemptions,
    failures: out.failures,
  };
  const s = out.samples;
  const util = s.used.map((u, i) => (s.installed[i] > 0 ? u / s.installed[i] : 0));
  const series: Record<string, Series> = {
    utilization: stepSeries('devices busy / installed', 's', 'fraction', s.t, util, out.endS),
    queueLength: stepSeries('jobs waiting', 's', 'jobs', s.t, s.queued, out.endS),
    capacityInstalled: stepSeries('devices installed', 's', 'devices', s.t, s.installed, out.endS),
    capacityUp: stepSeries('devices up (installed, not failed or in maintenance)', 's', 'devices', s.t, s.up, out.endS),
    busyDevices: stepSeries('devices running jobs', 's', 'devices', s.t, s.used, out.endS),
    fragmentedDevices: stepSeries('free devices the head job cannot use', 's', 'devices', s.t, s.fragmented, out.endS),
    queueDelayCdf: cdfSeries('queueing delay (CDF)', 's', delays),
    jobCompletionCdf: cdfSeries('job completion time (CDF)', 's', completions),
  };
  const breakdown: Record<string, unknown> = {
    conservation: {
      note: 'device-hours: used + idle + down = capacity (installed devices over time); lost work is inside used',
      capacityGpuHours: t.installedGpuS / H,
      usedGpuHours: t.usedGpuS / H,
      idleGpuHours: t.idleGpuS / H,
      downGpuHours: t.downGpuS / H,
      jobRunGpuHours: t.jobRunGpuS / H,
    },
    lostGpuHours: {
      fragmentation: t.fragmentedGpuS / H,
      failures: t.failureLostGpuS / H,
      preemption: t.preemptionLostGpuS / H,
      maintenance: t.maintenanceLostGpuS / H,
      elasticResize: t.resizeLostGpuS / H,
    },
    burst: { gpuHours: t.burstGpuS / H, costUsd: t.burstCostUsd, jobs: burst },
    // For the cost layer: device-seconds the cluster's own devices spent on jobs, and the time span.
    deviceSecondsUsed: t.usedGpuS,
    durationS: makespanS,
  };
  return { metrics, breakdown, series };
}
