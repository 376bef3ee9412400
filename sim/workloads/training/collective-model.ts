/**
 * How long a collective takes, behind one small interface so the network
 * layer's `analyticCollective` (sim/network/collectives.ts) can replace the
 * local alpha-beta estimate below without touching the training model.
 *
 * Local estimate (Thakur, Rabenseifner & Gropp 2005, ring algorithms):
 * all-reduce 2(n-1)/n·S/B + 2(n-1)α; all-gather / reduce-scatter (n-1)/n·S/B
 * + (n-1)α; all-to-all (n-1)/n·S/B; send-recv S/B + α. B is the bus bandwidth
 * of the slowest hop: the scale-up link inside a node; across nodes, the NICs
 * of the node shared by the group's ranks on it (NCCL runs one ring per NIC, so
 * k ranks per node get k NICs' worth), times the fabric's transport efficiency.
 * A collective calibration in the profile (fitted alpha and bus bandwidth, e.g.
 * imported from nccl-tests) overrides the datasheet numbers.
 */
import type { CalibrationProfile, CollectiveCalibration } from '../../../calibration/profile';
import type { ClusterModel } from '../../hardware/types';

export type CollectiveOpName = 'all-reduce' | 'reduce-scatter' | 'all-gather' | 'all-to-all' | 'broadcast' | 'send-recv';

export interface CollectiveRequest {
  op: CollectiveOpName;
  algorithm?: 'ring' | 'tree' | 'halving-doubling' | 'hierarchical' | 'nvls' | 'auto';
  /** all-reduce: the buffer; all-gather/reduce-scatter: the full (gathered) buffer; all-to-all: what one rank sends; send-recv: the message. */
  bytes: number;
  /** Global device indices, node-major. For send-recv: [source, destination]. */
  ranks: number[];
}

export interface CollectiveEstimate {
  timeS: number;
  algBandwidth: number;
  busBandwidth: number;
  algorithm: string;
  bottleneck: string;
}

export type CollectiveTimer = (req: CollectiveRequest, cluster: ClusterModel) => CollectiveEstimate;

function busFactor(op: CollectiveOpName, n: number): number {
  if (op === 'all-reduce') return (2 * (n - 1)) / n;
  if (op === 'send-recv' || op === 'broadcast') return 1;
  return (n - 1) / n;
}

function latencySteps(op: CollectiveOpName, n: number): number {
  if (op === 'all-reduce') return 2 * (n - 1);
  if (op === 'send-recv') return 1;
  return n - 1;
}

function findCalibration(profile: CalibrationProfile | undefined, op: CollectiveOpName, scope: string): CollectiveCalibration | undefined {
  return profile?.collectives.find((c) => c.op === op && c.scope.startsWith(scope));
}

/** The local alpha-beta estimate, optionally corrected by the profile's collective fits. */
export function alphaBetaCollective(profile?: CalibrationProfile): CollectiveTimer {
  return (req, cluster) => {
    const n = req.ranks.length;
    const node = cluster.pools[0].node;
    const perNode = node.devicesPerNode;
    if (n <= 1 || req.bytes <= 0) return { timeS: 0, algBandwidth: Infinity, busBandwidth: Infinity, algorithm: 'none', bottleneck: 'none' };
    const byNode = new Map<number, number>();
    for (const r of req.ranks) byNode.set(Math.floor(r / perNode), (byNode.get(Math.floor(r / perNode)) ?? 0) + 1);
    const intra = byNode.size === 1;
    const ranksPerNode = Math.max(...byNode.values());
    let bus: number;
    let alpha: number;
    let bottleneck: string;
    if (intra) {
      const cal = findCalibration(profile, req.op === 'send-recv' ? 'send-recv' : req.op, node.scaleUp.kind) ?? findCalibration(profile, 'all-reduce', node.scaleUp.kind);
      bus = cal?.fit.bandwidth ?? node.scaleUp.bandwidthPerDevice;
      alpha = cal?.fit.alpha ?? node.scaleUp.latency;
      bottleneck = `${node.scaleUp.kind} scale-up${cal ? ' (calibrated)' : ''}`;
    } else {
      const nicPerDevice = (node.nics.count * node.nics.bandwidth) / perNode;
      const cal = findCalibration(profile, req.op, cluster.fabric.id);
      const share = req.op === 'send-recv' ? 1 : ranksPerNode;
      bus = cal?.fit.bandwidth ?? Math.min(node.scaleUp.bandwidthPerDevice, share * nicPerDevice * cluster.fabric.efficiency);
      alpha = cal?.fit.alpha ?? node.nics.latency + cluster.fabric.baseLatency;
      bottleneck = `${cluster.fabric.id} NICs (${share} per node)${cal ? ' (calibrated)' : ''}`;
    }
    let timeS: number;
    if (req.op === 'all-to-all' && !intra) {
      // Off-node share through the NICs, on-node share through the scale-up links, in parallel.
      const offNode = (req.bytes * (n - ranksPerNode)) / n;
      const nicPerDevice = ((node.nics.count * node.nics.bandwidth) / perNode) * cluster.fabric.efficiency;
      const onNode = (req.bytes * (ranksPerNode - 1)) / n;
      timeS = Math.max(offNode / nicPerDevice, onNode / node.scaleUp.bandwidthPerDevice) + (n - 1) * alpha;
      bus = (req.bytes * busFactor(req.op, n)) / Math.max(timeS, 1e-30);
    } else {
      timeS = (req.bytes * busFactor(req.op, n)) / bus + latencySteps(req.op, n) * alpha;
    }
    return { timeS, algBandwidth: req.bytes / timeS, busBandwidth: bus, algorithm: 'ring', bottleneck };
  };
}

/**
 * The profile's fitted collective (alpha + bus bandwidth, e.g. from nccl-tests) for a group that
 * stays inside one scale-up domain (scope starting with the scale-up kind, e.g. "nvswitch-8") or
 * spans nodes (scope starting with the fabric id); undefined where the profile has none. Ring
 * all-gather and reduce-scatter move the same bus bytes per rank as all-reduce, so they fall
 * back to the all-reduce fit.
 */
export function calibratedCollective(profile: CalibrationProfile, req: CollectiveRequest, cluster: ClusterModel): CollectiveEstimate | undefined {
  const n = req.ranks.length;
  if (n <= 1 || req.op === 'send-recv' || req.op === 'all-to-all') return undefined;
  const node = cluster.pools[0].node;
  const intra = new Set(req.ranks.map((r) => Math.floor(r / node.devicesPerNode))).size === 1;
  const scope = intra ? node.scaleUp.kind : cluster.fabric.id;
  const fallbackOp = req.op === 'all-gather' || req.op === 'reduce-scatter' ? 'all-reduce' : req.op;
  const cal = findCalibration(profile, req.op, scope) ?? findCalibration(profile, fallbackOp, scope);
  if (!cal) return undefined;
  const timeS = (req.bytes * busFactor(req.op, n)) / cal.fit.bandwidth + latencySteps(req.op, n) * cal.fit.alpha;
  return { timeS, algBandwidth: req.bytes / timeS, busBandwidth: cal.fit.bandwidth, algorithm: 'ring', bottleneck: `${cal.scope} (calibrated)` };
}
