/**
 * runCollective: one collective on the cluster, answered as nccl-tests reports
 * it (time, algbw = bytes/time, busbw = algbw × the op's bus factor; GB = 1e9
 * bytes). `analytic` uses the alpha-beta model on the topology's links; `des`
 * runs the algorithm's steps as engine flows (see sim/network/des-collective.ts).
 */
import type { ClusterModel } from '../../hardware/types';
import { analyticCollective, analyticTopology } from '../../network/collectives';
import { simulateCollective } from '../../network/simulate';
import type { CollectiveRequest } from '../../network/types';
import type { Warning } from '../../result';
import type { WorkloadEnv, WorkloadOutcome } from '../env';
import type { CollectiveWorkload } from './schema';
import { busBandwidthSeries } from './series';

export function collectiveRequest(workload: CollectiveWorkload, cluster: ClusterModel): CollectiveRequest {
  const n = Math.min(workload.ranks ?? cluster.deviceCount, cluster.deviceCount);
  return { op: workload.op, algorithm: workload.algorithm, bytes: workload.bytes, ranks: Array.from({ length: n }, (_, i) => i), root: workload.root };
}

export const maxAllToAllRanks = 2048;

export function checkCollective(workload: CollectiveWorkload, cluster: ClusterModel): Array<{ path: string; expected: string; found?: string }> {
  const issues: Array<{ path: string; expected: string; found?: string }> = [];
  const n = workload.ranks ?? cluster.deviceCount;
  if (n > cluster.deviceCount) issues.push({ path: 'workload.ranks', expected: `at most the cluster's ${cluster.deviceCount} devices`, found: String(n) });
  if (n < 2) issues.push({ path: workload.ranks === undefined ? 'cluster.pools' : 'workload.ranks', expected: 'at least 2 ranks for a collective', found: String(n) });
  // The all-to-all model prices every rank pair: N² transfers (4,096 ranks = 16.8M) would take minutes and gigabytes.
  if (workload.op === 'all-to-all' && Math.min(n, cluster.deviceCount) > maxAllToAllRanks) {
    issues.push({ path: 'workload.ranks', expected: `at most ${maxAllToAllRanks} ranks for all-to-all (the model prices every rank pair)`, found: String(Math.min(n, cluster.deviceCount)) });
  }
  if (workload.root !== undefined && workload.root >= n) issues.push({ path: 'workload.root', expected: `a rank index below ${n}`, found: String(workload.root) });
  return issues;
}

function efficiencyWarnings(cluster: ClusterModel): Warning[] {
  return cluster.pools
    .filter((p) => p.node.devicesPerNode > 1 && p.node.scaleUp.kind !== 'none' && p.node.scaleUp.efficiency === undefined)
    .map((p) => ({
      code: 'scale-up-efficiency-missing',
      message: `node ${p.node.id} gives no scale-up efficiency; its ${p.node.scaleUp.kind} runs at full line rate in this model (NCCL achieves about 80% of NVLink line rate)`,
      severity: 'info' as const,
    }));
}

export function runCollective(workload: CollectiveWorkload, env: WorkloadEnv): WorkloadOutcome {
  const cluster = env.cluster;
  const req = collectiveRequest(workload, cluster);
  const analytic = analyticCollective(req, cluster, { seed: env.seed });
  let timeS = analytic.timeS;
  let events = 0;
  let desPhases: unknown;
  if (env.fidelity === 'des') {
    const run = simulateCollective(req, cluster, { seed: env.seed, maxEvents: env.limits.maxEvents, maxWallS: env.limits.maxWallS, maxHeapBytes: env.limits.maxHeapBytes });
    timeS = run.timeS;
    events = run.events;
    desPhases = run.phases;
  }
  env.onProgress?.(1);
  const algBandwidth = req.bytes / timeS;
  const busBandwidth = (analytic.busBandwidth / analytic.algBandwidth) * algBandwidth;
  const warnings: Warning[] = [
    ...analytic.notes.map((message) => ({ code: 'collective-algorithm-fallback', message, severity: 'warning' as const })),
    ...efficiencyWarnings(cluster),
  ];
  if (workload.ranks !== undefined && workload.ranks > cluster.deviceCount) {
    warnings.push({ code: 'collective-ranks-clamped', message: `ranks ${workload.ranks} exceeds the cluster's ${cluster.deviceCount} devices; used ${cluster.deviceCount}`, severity: 'warning' });
  }
  return {
    metrics: {
      collective: {
        timeS,
        algBandwidthGBps: algBandwidth / 1e9,
        busBandwidthGBps: busBandwidth / 1e9,
        op: req.op,
        algorithm: analytic.algorithm,
        ranks: req.ranks.length,
        bytes: req.bytes,
        /** Device-seconds the collective holds (for cost and energy). */
        deviceSeconds: timeS * req.ranks.length,
      },
    },
    breakdown: {
      collective: {
        algorithmAsked: workload.algorithm,
        algorithm: analytic.algorithm,
        bottleneck: analytic.bottleneck,
        latencyS: analytic.latencyS,
        bandwidthS: analytic.bandwidthS,
        steps: analytic.steps,
        analyticTimeS: analytic.timeS,
        topology: analyticTopology(cluster, env.seed).describe,
        inPlace: workload.inPlace ?? false,
        ...(desPhases ? { desPhases } : {}),
      },
    },
    series: { busBandwidthBySize: busBandwidthSeries(req, cluster, env.seed) },
    warnings,
    events,
  };
}
