/**
 * How the training model times a collective: the network layer's
 * topology-aware `analyticCollective` (sim/network/collectives.ts, cached per
 * cluster in collective-cache.ts), unless the calibration profile carries a
 * fitted collective (alpha and bus bandwidth, e.g. imported from nccl-tests)
 * for the group's scope, which then wins: a measurement of the user's own
 * fabric beats the datasheet. The request type is the network layer's.
 */
import type { CalibrationProfile, CollectiveCalibration } from '../../../calibration/profile';
import type { ClusterModel } from '../../hardware/types';
import { busBandwidthFactor } from '../../network/bus-factor';
import type { CollectiveOp, CollectiveRequest } from '../../network/types';

export type { CollectiveRequest } from '../../network/types';
export type CollectiveOpName = CollectiveOp;

/** What the training model reads of an estimate (a subset of the network layer's CollectiveEstimate). */
export interface CollectiveEstimate {
  timeS: number;
  algBandwidth: number;
  busBandwidth: number;
  algorithm: string;
  bottleneck: string;
}

export type CollectiveTimer = (req: CollectiveRequest, cluster: ClusterModel) => CollectiveEstimate;

/** Per-step latencies of a ring: 2(n-1) for all-reduce, n-1 for the halves, 1 for a send. */
function latencySteps(op: CollectiveOp, n: number): number {
  if (op === 'all-reduce') return 2 * (n - 1);
  if (op === 'send-recv') return 1;
  return n - 1;
}

function findCalibration(profile: CalibrationProfile | undefined, op: CollectiveOp, scope: string): CollectiveCalibration | undefined {
  return profile?.collectives.find((c) => c.op === op && c.scope.startsWith(scope));
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
  const timeS = (req.bytes * busBandwidthFactor(req.op, n)) / cal.fit.bandwidth + latencySteps(req.op, n) * cal.fit.alpha;
  return { timeS, algBandwidth: req.bytes / timeS, busBandwidth: cal.fit.bandwidth, algorithm: 'ring', bottleneck: `${cal.scope} (calibrated)` };
}
