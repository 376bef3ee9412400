/**
 * runDataPipeline: stage times (analytic or DES), the resource bounding each
 * stage, the rate delivered to training and whether training is input-bound,
 * with the CPU node count that would keep up. checkDataPipeline: cross-checks
 * against the cluster for `validate`.
 */
import { InputError } from '../../errors';
import type { ClusterModel } from '../../hardware/types';
import type { Series, Warning } from '../../result';
import type { WorkloadEnv, WorkloadOutcome } from '../env';
import { analyticPipeline, type StageTiming } from './analytic';
import { consumerVerdict } from './consumer';
import { desPipeline } from './des';
import { planIssues, planPipeline, type PipelinePlan } from './plan';
import type { DataPipelineWorkload } from './schema';

export type { DataPipelineWorkload } from './schema';

/** Problems with the workload on this cluster (paths from the scenario root). */
export function checkDataPipeline(workload: DataPipelineWorkload, cluster: ClusterModel): Array<{ path: string; expected: string; found?: string }> {
  return planIssues(workload, cluster);
}

const MAX_NODES_SEARCHED = 65_536;

/** Analytic production rate (output bytes/s) with `nodes` CPU nodes. */
export function productionRate(workload: DataPipelineWorkload, cluster: ClusterModel, nodes?: number): number {
  const plan = planPipeline(workload, cluster, nodes);
  const total = analyticPipeline(plan).reduce((s, t) => s + t.timeS, 0);
  return plan.stages[plan.stages.length - 1].outputBytes / total;
}

/** Fewest CPU nodes whose analytic production meets `demand`, or null if none up to 65,536 does. */
export function nodesToKeepUp(workload: DataPipelineWorkload, cluster: ClusterModel, from: number, demand: number): number | null {
  let lo = from;
  let hi = from;
  while (productionRate(workload, cluster, hi) < demand) {
    lo = hi;
    if (hi >= MAX_NODES_SEARCHED) return null;
    hi = Math.min(MAX_NODES_SEARCHED, hi * 2);
  }
  if (hi === from) return from;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (productionRate(workload, cluster, mid) >= demand) hi = mid;
    else lo = mid;
  }
  return hi;
}

function scalingSeries(workload: DataPipelineWorkload, cluster: ClusterModel, nodes: number): Series {
  const counts = [...new Set([0.25, 0.5, 1, 2, 4, 8].map((f) => Math.max(1, Math.round(nodes * f))))];
  return { label: 'pipeline output rate vs CPU nodes (analytic)', xUnit: 'nodes', yUnit: 'B/s', x: counts, y: counts.map((c) => productionRate(workload, cluster, c)) };
}

export function runDataPipeline(workload: DataPipelineWorkload, env: WorkloadEnv): WorkloadOutcome {
  const issues = planIssues(workload, env.cluster);
  if (issues.length > 0) throw new InputError(issues.map((i) => ({ file: '<input>', ...i })));
  const plan: PipelinePlan = planPipeline(workload, env.cluster);
  const analytic = analyticPipeline(plan);
  const warnings: Warning[] = [];

  let stageTimes = analytic.map((s) => s.timeS);
  let events = 0;
  if (env.fidelity === 'des') {
    const des = desPipeline(plan, env.limits, env.onProgress);
    stageTimes = des.stages.map((s) => s.timeS);
    events = des.events;
  }
  const stages = analytic.map((s: StageTiming, i) => ({ ...s, timeS: stageTimes[i], ...(env.fidelity === 'des' ? { analyticTimeS: s.timeS } : {}) }));
  const totalTimeS = stageTimes.reduce((a, b) => a + b, 0);
  const outputBytes = plan.stages[plan.stages.length - 1].outputBytes;
  const throughputBytesPerS = outputBytes / totalTimeS;
  const slowest = stages.reduce((a, b) => (b.timeS > a.timeS ? b : a));

  const used = new Set(plan.stages.flatMap((s) => s.reads.map((r) => r.source)));
  for (const s of workload.sources)
    if (!used.has(s.name)) warnings.push({ code: 'data-pipeline.unused-source', message: `source "${s.name}" is not an input of any stage`, severity: 'warning' });

  const verdict = consumerVerdict(workload, env.cluster, plan, throughputBytesPerS);
  let keepUp: number | null | undefined;
  if (verdict?.inputBound) {
    if (verdict.limitedBy === 'pipeline') {
      keepUp = nodesToKeepUp(workload, env.cluster, plan.nodes, verdict.demandBytesPerS);
      warnings.push({
        code: 'data-pipeline.input-bound',
        severity: 'warning',
        message:
          `training is input-bound: the pipeline delivers ${(verdict.deliveredBytesPerS / 1e9).toFixed(3)} GB/s of the ${(verdict.demandBytesPerS / 1e9).toFixed(3)} GB/s it consumes; ` +
          `slowest stage "${slowest.name}" is bound by ${slowest.bottleneck}. ` +
          (keepUp !== null ? `About ${keepUp} CPU nodes (now ${plan.nodes}) would keep up.` : 'Adding CPU nodes does not fix it: a storage tier limit binds; use a faster tier or more storage servers.') +
          (slowest.bottleneck.includes('storage streams') ? ` More reads in flight per node (workload.streamsPerNode, now ${plan.streamsPerNode}) also help.` : ''),
      });
    } else {
      warnings.push({
        code: 'data-pipeline.input-bound',
        severity: 'warning',
        message:
          `training is input-bound by reading the output tier: ${(verdict.trainingReadBytesPerS / 1e9).toFixed(3)} GB/s of the ${(verdict.demandBytesPerS / 1e9).toFixed(3)} GB/s needed, ` +
          `limited by ${verdict.trainingReadBottleneck}. Use a faster tier, more storage servers, more reader streams, or a host-ram/local-nvme cache.`,
      });
    }
  }

  const bytesPerSample = workload.consumer?.bytesPerSample;
  return {
    metrics: {
      dataPipeline: {
        totalTimeS,
        outputBytes,
        throughputBytesPerS,
        ...(bytesPerSample ? { samplesPerS: throughputBytesPerS / bytesPerSample } : {}),
        bottleneck: `${slowest.name}: ${slowest.bottleneck}`,
        nodes: plan.nodes,
        coresPerNode: plan.coresPerNode,
        cpuNodeSeconds: plan.nodes * totalTimeS,
        ...(verdict
          ? {
              demandBytesPerS: verdict.demandBytesPerS,
              deliveredBytesPerS: verdict.deliveredBytesPerS,
              deliveredSamplesPerS: verdict.deliveredSamplesPerS,
              trainingReadBytesPerS: verdict.trainingReadBytesPerS,
              inputBound: verdict.inputBound,
              limitedBy: verdict.limitedBy,
              ...(keepUp !== undefined ? { nodesToKeepUp: keepUp } : {}),
            }
          : {}),
      },
    },
    breakdown: {
      dataPipeline: {
        pool: plan.pool.name,
        nodes: plan.nodes,
        nicBandwidthPerNode: plan.nicBandwidth,
        outputTier: plan.outputTier.id,
        stages,
        ...(verdict ? { consumer: verdict } : {}),
        ...(env.fidelity === 'des' ? { note: 'stage bottlenecks are named by the analytic model; times are from the DES run' } : {}),
      },
    },
    series: {
      dataPipelineStageTimes: { label: 'stage time', xUnit: 'stage', yUnit: 's', x: stages.map((_, i) => i), y: stageTimes, names: stages.map((s) => s.name) },
      dataPipelineScaling: scalingSeries(workload, env.cluster, plan.nodes),
    },
    warnings,
    events,
  };
}
