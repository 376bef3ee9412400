/**
 * Training benchmarks: wall time of one simulated step at DES fidelity for
 * GPT-3 175B on 1,024 A100 and Llama 3 405B on 16,384 H100, and of one
 * analytic step (the UI's slider path).
 */
import { builtinProfile } from '../../calibration/builtin';
import { buildCluster } from '../../sim/hardware/cluster';
import { clusterSchema } from '../../sim/hardware/schema';
import type { Fidelity } from '../../sim/result';
import { defaultLimits } from '../../sim/workloads/env';
import { runTraining } from '../../sim/workloads/training/run';
import { trainingWorkloadSchema } from '../../sim/workloads/training/schema';

type Figure = { value: number; unit: string; note?: string };

function scenario(node: string, nodes: number, workload: unknown) {
  const cluster = buildCluster(clusterSchema.parse({ pools: [{ name: 'main', node, count: nodes }], network: { topology: 'fat-tree' } }));
  return { cluster, workload: trainingWorkloadSchema.parse(workload) };
}

function timeRun(s: ReturnType<typeof scenario>, fidelity: Fidelity, repeats: number): number {
  const env = { cluster: s.cluster, fidelity, seed: 1, calibration: builtinProfile, limits: defaultLimits };
  runTraining(s.workload, env); // warm-up: topology caches, JIT
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) runTraining(s.workload, env);
  return (performance.now() - t0) / repeats / 1000;
}

export async function run(): Promise<Record<string, Figure>> {
  const gpt3 = scenario('dgx-a100-80gb', 128, {
    kind: 'training', model: 'gpt3-175b', tokens: 300e9, precision: 'bf16',
    parallelism: { tensor: 8, pipeline: 8, data: 16, microBatchSize: 1, globalBatchSize: 1536, schedule: '1f1b', recompute: 'full', zero: 1 },
  });
  const llama = scenario('dgx-h100', 2048, {
    kind: 'training', model: 'llama3-405b', tokens: 15.6e12, precision: 'bf16', flashAttention: true,
    parallelism: { tensor: 8, pipeline: 16, data: 128, microBatchSize: 1, globalBatchSize: 2048, schedule: 'interleaved', virtualStages: 2, sequenceParallel: true, recompute: 'none', zero: 1 },
  });
  return {
    'training.gpt3Step1024WallSeconds': { value: timeRun(gpt3, 'des', 3), unit: 's', note: 'GPT-3 175B, 1,024 A100, t8 p8 d16, 96 micro-batches, des; goal < 1 s' },
    'training.llama405bStep16kWallSeconds': { value: timeRun(llama, 'des', 1), unit: 's', note: 'Llama 3 405B, 16,384 H100, t8 p16 d128 interleaved v2, des; goal < 5 s' },
    'training.analyticStepMillis': { value: timeRun(gpt3, 'analytic', 50) * 1000, unit: 'ms', note: 'GPT-3 175B on 1,024 A100, analytic; goal < 1 ms' },
  };
}
