/**
 * Collectives on the cluster's topology: `analyticCollective` (alpha-beta on the
 * real links), `collectiveProcess` (the same plan as engine flows, for models
 * that share a FlowNetwork), `simulateCollective` (one collective alone, des).
 */
export { analyticCollective, analyticCollectiveSweep, analyticTopology, estimateFromTime, ranksHaveInSwitchReduction } from './collectives';
export { collectiveProcess, createCollectiveCache, type CollectiveCache, type CollectiveContext, type CollectiveRun, type CollectiveRunOptions } from './des-collective';
export { simulateCollective, simulateCollectiveSequence, type SimulateOptions } from './simulate';
export { busBandwidthFactor } from './bus-factor';
export { candidatePlans, chooseCollectivePlan } from './plan';
export { planCost, planProfile, profileCost, type PlanCost, type PlanProfile } from './plan-time';
export * from './types';
