/**
 * Workload kinds and their runners. Each layer owns its schema, its cross-check
 * against the cluster and its runner; the scenario layer only dispatches.
 */
import type { ClusterModel } from '../hardware/types';
import type { WorkloadEnv, WorkloadOutcome } from '../workloads/env';
import { checkTraining, runTraining } from '../workloads/training/run';
import { checkInference, runInference } from '../workloads/inference/run';
import { checkDataPipeline, runDataPipeline } from '../workloads/data-pipeline/run';
import { checkCollective, runCollective } from '../workloads/collective/run';
import { checkTrace, runTrace } from '../cluster/run';
import type { WorkloadInput } from './schema';

export interface CrossCheckIssue { path: string; expected: string; found?: string }

interface KindEntry {
  check: (workload: never, cluster: ClusterModel) => CrossCheckIssue[];
  run: (workload: never, env: WorkloadEnv) => WorkloadOutcome;
}

const kinds: Record<WorkloadInput['kind'], KindEntry> = {
  training: { check: checkTraining, run: runTraining },
  inference: { check: checkInference, run: runInference },
  'data-pipeline': { check: checkDataPipeline, run: runDataPipeline },
  collective: { check: checkCollective, run: runCollective },
  trace: { check: checkTrace, run: runTrace },
};

export function checkWorkload(workload: WorkloadInput, cluster: ClusterModel): CrossCheckIssue[] {
  return kinds[workload.kind].check(workload as never, cluster);
}

export function runWorkload(workload: WorkloadInput, env: WorkloadEnv): WorkloadOutcome {
  return kinds[workload.kind].run(workload as never, env);
}
