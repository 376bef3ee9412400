/**
 * Analytic time of a collective plan: the alpha-beta model evaluated on the real
 * links. In one step every link carries the bytes of the transfers that cross it;
 * a transfer ends after its path latency (α) plus the busiest link of its path
 * drains (β·bytes = load / capacity). With equal transfers started together this
 * is exactly what max-min fair sharing gives the slowest flow, which ends the step.
 */
import type { Topology } from '../hardware/topology/types';
import type { CollectivePlan, Phase } from './types';

export interface StepCost {
  timeS: number;
  latencyS: number;
  bandwidthS: number;
  bottleneck: string;
}

export function stepCost(phase: Phase, topology: Topology): StepCost {
  const load = new Map<number, number>();
  for (const t of phase.transfers) for (const id of t.route) load.set(id, (load.get(id) ?? 0) + t.bytes);
  let worst = { timeS: 0, latencyS: 0, bandwidthS: 0, bottleneck: 'none' };
  for (const t of phase.transfers) {
    let latency = 0;
    let drain = 0;
    let limit = -1;
    for (const id of t.route) {
      const link = topology.link(id);
      latency += link.latency;
      const d = load.get(id)! / link.capacity;
      if (d > drain) {
        drain = d;
        limit = id;
      }
    }
    if (latency + drain > worst.timeS) worst = { timeS: latency + drain, latencyS: latency, bandwidthS: drain, bottleneck: limit >= 0 ? topology.link(limit).name : 'none' };
  }
  return worst;
}

export interface PlanCost extends StepCost {
  steps: number;
  phases: Array<{ name: string; repeat: number; stepS: number; bottleneck: string }>;
}

export function planCost(plan: CollectivePlan, topology: Topology): PlanCost {
  let timeS = 0;
  let latencyS = 0;
  let bandwidthS = 0;
  let steps = 0;
  let bottleneck = 'none';
  let heaviest = -1;
  const phases: PlanCost['phases'] = [];
  for (const phase of plan.phases) {
    const step = stepCost(phase, topology);
    const fill = phase.fillLatencyS ?? 0;
    timeS += phase.repeat * step.timeS + fill;
    latencyS += phase.repeat * step.latencyS + fill;
    bandwidthS += phase.repeat * step.bandwidthS;
    steps += phase.repeat;
    if (phase.repeat * step.bandwidthS > heaviest) {
      heaviest = phase.repeat * step.bandwidthS;
      bottleneck = step.bottleneck;
    }
    phases.push({ name: phase.name, repeat: phase.repeat, stepS: step.timeS, bottleneck: step.bottleneck });
  }
  return { timeS, latencyS, bandwidthS, bottleneck, steps, phases };
}
