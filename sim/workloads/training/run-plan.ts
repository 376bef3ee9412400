/**
 * A whole training run: steps from tokens, checkpoints written to a storage
 * tier, failures from a per-device MTBF, and the goodput that results.
 *
 * With checkpoint write time δ, job MTBF M = MTBF_device / devices, restart
 * time R and checkpoint interval τ (compute time between checkpoints), a
 * segment costs τ + δ and a failure loses R plus on average half a segment.
 * Goodput = τ/(τ+δ) · (1 - (R + (τ+δ)/2)/M). Young (1974) and Daly (2006)
 * give the first-order optimum τ = sqrt(2δM), reported beside the chosen one.
 */
import type { StorageTierSpec } from '../../hardware/types';

export interface RunPlanInput {
  stepTimeS: number;
  tokensPerStep: number;
  tokens: number;
  devices: number;
  checkpointBytes: number;
  /** Devices writing their shard of the checkpoint in parallel. */
  writers: number;
  tier?: StorageTierSpec;
  intervalS?: number;
  restartS: number;
  mtbfPerDeviceS: number;
}

export interface RunPlan {
  steps: number;
  /** Time spent on training steps alone, s. */
  computeS: number;
  checkpointWriteS: number;
  youngDalyIntervalS: number;
  checkpointIntervalS: number;
  jobMtbfS: number;
  expectedFailures: number;
  goodput: number;
  wallTimeS: number;
}

export function checkpointWriteTime(bytes: number, writers: number, tier: StorageTierSpec | undefined): number {
  if (!tier) return 0;
  const bandwidth = Math.min(tier.aggregateWriteBandwidth, writers * tier.perStreamBandwidth);
  return tier.requestLatency + bytes / bandwidth;
}

export const youngDalyInterval = (writeS: number, jobMtbfS: number) => Math.sqrt(2 * writeS * jobMtbfS);

export function goodputAt(intervalS: number, writeS: number, restartS: number, jobMtbfS: number): number {
  const segment = intervalS + writeS;
  const g = (intervalS / segment) * (1 - (restartS + segment / 2) / jobMtbfS);
  return Math.min(1, Math.max(0, g));
}

export function runPlan(x: RunPlanInput): RunPlan {
  const steps = Math.ceil(x.tokens / x.tokensPerStep);
  const computeS = steps * x.stepTimeS;
  const checkpointWriteS = checkpointWriteTime(x.checkpointBytes, x.writers, x.tier);
  const jobMtbfS = x.mtbfPerDeviceS / x.devices;
  const youngDalyIntervalS = checkpointWriteS > 0 ? youngDalyInterval(checkpointWriteS, jobMtbfS) : Math.min(computeS, jobMtbfS);
  const checkpointIntervalS = x.intervalS ?? youngDalyIntervalS;
  const goodput = goodputAt(checkpointIntervalS, checkpointWriteS, x.restartS, jobMtbfS);
  const wallTimeS = goodput > 0 ? computeS / goodput : Infinity;
  return {
    steps,
    computeS,
    checkpointWriteS,
    youngDalyIntervalS,
    checkpointIntervalS,
    jobMtbfS,
    expectedFailures: wallTimeS / jobMtbfS,
    goodput,
    wallTimeS,
  };
}
