/**
 * Step time in closed form: the pipeline fills and drains once through every
 * stage and runs the steady state at the pace of the slowest one (for equal
 * stages this is the bubble formula (m + p - 1)·t, Huang et al. 2019 / Narayanan
 * et al. 2021; interleaving v chunks divides the fill and drain by v); then the
 * part of the gradient reduction backward could not hide, and the optimizer.
 */
import type { StageCost, StepCosts } from './stage-costs';

export interface StepBreakdown {
  computeS: number;
  recomputeS: number;
  tpCommExposedS: number;
  ppCommExposedS: number;
  dpCommExposedS: number;
  epCommExposedS: number;
  cpCommExposedS: number;
  bubbleS: number;
  optimizerS: number;
  dataStallS: number;
}

/** One micro-batch through one stage, forward and backward, with the communication on its path. */
export function microBatchTime(s: StageCost, p2pS: number, pipeline: number, virtualStages: number): number {
  const p2p = pipeline > 1 ? 2 * p2pS * virtualStages : 0;
  return s.forwardS + s.backwardS + s.recomputeS + s.tpForwardS + s.tpBackwardS + s.epForwardS + s.epBackwardS + s.cpExposedS + s.zeroGatherExposedS + p2p;
}

/** Gradient reduction left after overlap with the last micro-batch's backward (plus the last bucket). */
export function exposedGradientReduction(c: StepCosts, overlap: boolean): number {
  if (!overlap) return c.dpReduceS + c.dpGatherS + c.embeddingSyncS;
  const slowest = c.stages.reduce((a, b) => (b.backwardS + b.recomputeS > a.backwardS + a.recomputeS ? b : a));
  const window = slowest.backwardS + slowest.recomputeS + slowest.tpBackwardS;
  return Math.max(c.dpLastBucketS, c.dpReduceS - window) + c.dpGatherS + c.embeddingSyncS;
}

export interface AnalyticStep {
  stepTimeS: number;
  pipelineS: number;
  breakdown: StepBreakdown;
  bottleneckStage: number;
}

export function analyticStep(c: StepCosts, microBatches: number, pipeline: number, virtualStages: number, overlapGradReduce: boolean): AnalyticStep {
  const per = c.stages.map((s) => microBatchTime(s, c.p2pS, pipeline, virtualStages));
  let slow = 0;
  for (let i = 1; i < per.length; i++) if (per[i] > per[slow]) slow = i;
  const total = per.reduce((a, b) => a + b, 0);
  const pipelineS = microBatches * per[slow] + (total - per[slow]) / virtualStages;
  const s = c.stages[slow];
  const m = microBatches;
  const dp = exposedGradientReduction(c, overlapGradReduce);
  const breakdown: StepBreakdown = {
    computeS: m * (s.forwardS + s.backwardS),
    recomputeS: m * s.recomputeS,
    tpCommExposedS: m * (s.tpForwardS + s.tpBackwardS),
    ppCommExposedS: pipeline > 1 ? m * 2 * c.p2pS * virtualStages : 0,
    dpCommExposedS: dp + m * s.zeroGatherExposedS,
    epCommExposedS: m * (s.epForwardS + s.epBackwardS),
    cpCommExposedS: m * s.cpExposedS,
    bubbleS: pipelineS - m * per[slow],
    optimizerS: c.optimizerS,
    dataStallS: 0,
  };
  return { stepTimeS: pipelineS + dp + c.optimizerS, pipelineS, breakdown, bottleneckStage: slow };
}
