/**
 * Analytic time of a collective plan: the alpha-beta model evaluated on the real
 * links. In one step every link carries the bytes of the transfers that cross it;
 * a transfer ends after its path latency (α) plus the drain of the busiest link
 * on its path (β·bytes = load / capacity). With equal transfers started together
 * this is exactly what max-min fair sharing gives the slowest flow, which ends
 * the step.
 *
 * Every plan but broadcast's scales its transfer sizes linearly with the message
 * size, so a plan's profile (per step: the envelope of (latency, drain per byte)
 * over its transfers) prices every message size without rebuilding the plan:
 * step(S) = max over transfers of (α_f + S·d_f). A transfer with a rate ceiling
 * of its own (Transfer.maxRate) drains no faster than bytes / maxRate, which
 * also scales with S.
 */
import type { Topology } from '../hardware/topology/types';
import type { CollectivePlan } from './types';

interface LinkTables {
  capacity: Float64Array;
  latency: Float64Array;
}

const tables = new WeakMap<Topology, LinkTables>();

function linkTables(topology: Topology): LinkTables {
  let t = tables.get(topology);
  if (!t) {
    // A loop, not Math.max(...ids): 16k-device topologies overflow a browser worker's stack with a spread.
    let size = 0;
    for (const l of topology.links) if (l.id + 1 > size) size = l.id + 1;
    t = { capacity: new Float64Array(size), latency: new Float64Array(size) };
    for (const l of topology.links) {
      t.capacity[l.id] = l.capacity;
      t.latency[l.id] = l.latency;
    }
    tables.set(topology, t);
  }
  return t;
}

/** Bottleneck of a transfer held back by its own rate ceiling (Transfer.maxRate), not by a link. */
const SENDER_RATE = -2;

function bottleneckName(topology: Topology, link: number): string {
  return link >= 0 ? topology.link(link).name : link === SENDER_RATE ? 'channel rate' : 'none';
}

/** One point of a step's envelope: transfers with this latency need at most this many seconds per message byte. */
interface EnvelopePoint {
  latencyS: number;
  drainSPerByte: number;
  bottleneck: number;
}

export interface PlanProfile {
  algorithm: string;
  /** Message size the plan was built for. */
  bytes: number;
  phases: Array<{ name: string; repeat: number; steps: number; fillLatencyS: number; envelope: EnvelopePoint[] }>;
  topology: Topology;
}

export function planProfile(plan: CollectivePlan, topology: Topology, bytes: number): PlanProfile {
  const { capacity, latency } = linkTables(topology);
  const load = new Float64Array(capacity.length);
  const phases = plan.phases.map((phase) => {
    for (const t of phase.transfers) for (const id of t.route) load[id] += t.bytes;
    // Per distinct path latency, the largest drain (few distinct latencies: intra-node, inter-node, cross-tier).
    const byLatency = new Map<number, EnvelopePoint>();
    for (const t of phase.transfers) {
      let lat = 0;
      let drain = 0;
      let limit = -1;
      for (const id of t.route) {
        lat += latency[id];
        const d = load[id] / capacity[id];
        if (d > drain) {
          drain = d;
          limit = id;
        }
      }
      // A sender slower than its links (a channel's rate ceiling) ends the transfer later.
      if (t.maxRate !== undefined && t.bytes / t.maxRate > drain) {
        drain = t.bytes / t.maxRate;
        limit = SENDER_RATE;
      }
      const perByte = bytes > 0 ? drain / bytes : 0;
      const seen = byLatency.get(lat);
      if (!seen || perByte > seen.drainSPerByte) byLatency.set(lat, { latencyS: lat, drainSPerByte: perByte, bottleneck: limit });
    }
    for (const t of phase.transfers) for (const id of t.route) load[id] = 0;
    // Upper envelope: drop points dominated in both latency and drain.
    const points = [...byLatency.values()].sort((a, b) => b.latencyS - a.latencyS);
    const envelope: EnvelopePoint[] = [];
    let best = -1;
    for (const p of points) {
      if (p.drainSPerByte > best) {
        envelope.push(p);
        best = p.drainSPerByte;
      }
    }
    return { name: phase.name, repeat: phase.repeat, steps: phase.pipelinedSteps ?? phase.repeat, fillLatencyS: phase.fillLatencyS ?? 0, envelope };
  });
  return { algorithm: plan.algorithm, bytes, phases, topology };
}

export interface PlanCost {
  timeS: number;
  latencyS: number;
  bandwidthS: number;
  bottleneck: string;
  steps: number;
  phases: Array<{ name: string; repeat: number; stepS: number; bottleneck: string }>;
}

/** Time of the profiled plan at message size `bytes` (default: the size it was built for). */
export function profileCost(profile: PlanProfile, bytes = profile.bytes): PlanCost {
  let timeS = 0;
  let latencyS = 0;
  let bandwidthS = 0;
  let steps = 0;
  let bottleneck = 'none';
  let heaviest = -1;
  const phases: PlanCost['phases'] = [];
  for (const phase of profile.phases) {
    let step = { t: 0, lat: 0, bw: 0, link: -1 };
    for (const p of phase.envelope) {
      const bw = p.drainSPerByte * bytes;
      if (p.latencyS + bw > step.t) step = { t: p.latencyS + bw, lat: p.latencyS, bw, link: p.bottleneck };
    }
    const name = bottleneckName(profile.topology, step.link);
    timeS += phase.repeat * step.t + phase.fillLatencyS;
    latencyS += phase.repeat * step.lat + phase.fillLatencyS;
    bandwidthS += phase.repeat * step.bw;
    steps += phase.steps;
    if (phase.repeat * step.bw > heaviest) {
      heaviest = phase.repeat * step.bw;
      bottleneck = name;
    }
    phases.push({ name: phase.name, repeat: phase.repeat, stepS: step.t, bottleneck: name });
  }
  return { timeS, latencyS, bandwidthS, bottleneck, steps, phases };
}

export function planCost(plan: CollectivePlan, topology: Topology, bytes: number): PlanCost {
  return profileCost(planProfile(plan, topology, bytes));
}
