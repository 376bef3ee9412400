/**
 * Inference benchmarks. `inference.hour100rpsWallSeconds`: wall-clock seconds
 * to simulate one hour of Poisson traffic at 100 requests/s over 16 replicas of
 * Llama 3 8B on H100 at des fidelity (goal: under 5 s).
 */
import { builtinProfile } from '../../calibration/builtin';
import { getDevice, getFabric, getNode, getStorageTier } from '../../sim/hardware/catalog/index';
import type { ClusterModel } from '../../sim/hardware/types';
import { defaultLimits } from '../../sim/workloads/env';
import { runInference } from '../../sim/workloads/inference/run';
import { inferenceWorkloadSchema } from '../../sim/workloads/inference/schema';

function h100Cluster(nodes: number): ClusterModel {
  const node = getNode('dgx-h100')!;
  return {
    pools: [{ name: 'h100', count: nodes, node, device: getDevice(node.device)! }],
    network: { topology: 'fat-tree', fabric: 'ib-ndr', oversubscription: 1, routing: 'ecmp' },
    fabric: getFabric('ib-ndr')!,
    storage: [getStorageTier('s3-standard')!],
    deviceCount: nodes * node.devicesPerNode,
  };
}

export async function run(): Promise<Record<string, { value: number; unit: string; note?: string }>> {
  const workload = inferenceWorkloadSchema.parse({
    kind: 'inference',
    model: 'llama3-8b',
    replicas: 16,
    traffic: {
      pattern: 'poisson', rate: '100 rps', duration: '1 h',
      inputTokens: { dist: 'lognormal', mean: 512, sd: 300 }, outputTokens: { dist: 'lognormal', mean: 200, sd: 100 },
    },
  });
  const env = { cluster: h100Cluster(2), fidelity: 'des' as const, seed: 1, calibration: builtinProfile, limits: defaultLimits };
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const outcome = runInference(workload, env);
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const m = outcome.metrics.inference!;
  const analyticStart = performance.now();
  runInference(workload, { ...env, fidelity: 'analytic' });
  const analyticWall = (performance.now() - analyticStart) / 1000;
  return {
    'inference.hour100rpsWallSeconds': { value: wall, unit: 's', note: `${outcome.events} events, ${m.requests} requests, goal < 5 s` },
    'inference.hour100rpsCpuSeconds': { value: cpuS, unit: 's', note: 'CPU time of the same run: wall time on a shared machine includes waiting for a core' },
    'inference.hour100rpsEventsPerSecond': { value: outcome.events / wall, unit: 'events/s' },
    'inference.hour100rpsAnalyticWallSeconds': { value: analyticWall, unit: 's' },
  };
}
