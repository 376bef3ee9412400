/**
 * Closed-form stage times. A stage is a flow line: each partition is read,
 * computed, then shuffled or written, with many partitions in flight, so the
 * phases overlap and the slowest sets the pace. With T_k the time phase k
 * needs for all partitions and t_k one partition's time in it, phase k cannot
 * finish before its own work starting after the first partition's trip
 * through the earlier phases, nor before the previous phase finishes plus one
 * partition (the tandem-queue bound):
 *
 *   F_read = T_read,   F_k = max( sum_{j<k} t_j + T_k ,  F_{k-1} + t_k ),   stage time = F_output
 *
 * The bottleneck named is the phase with the largest T_k.
 *
 *   read    = max( sum over sources of the per-stream time (sources share the read slots),
 *                  each tier's aggregate and request-rate time,
 *                  bytes crossing the NIC / (nodes x NIC rate) )
 *   compute = waves x partition bytes / throughputPerCore,  waves = ceil(ceil(P / nodes) / cores)
 *   output  = shuffle: (out / nodes) x (nodes - 1) / nodes / per-node shuffle bandwidth
 *           + last stage: the output tier's write time (storageTransfer)
 *
 * Stages run one after another (a shuffle is a barrier), as in Spark.
 */
import { storageTransfer } from '../../hardware/storage/analytic';
import { crossesNic, type PipelinePlan, type StagePlan } from './plan';

export type StagePhase = 'read' | 'compute' | 'output';

export interface StageTiming {
  name: string;
  timeS: number;
  /** The phase that sets the pace, and within it the limit, e.g. `read: parallel-fs aggregate (lustre-exascaler)`. */
  bottleneck: string;
  phase: StagePhase;
  readS: number;
  computeS: number;
  shuffleS: number;
  writeS: number;
  inputBytes: number;
  outputBytes: number;
  partitions: number;
}

function readPhase(plan: PipelinePlan, stage: StagePlan): { timeS: number; limit: string } {
  if (stage.reads.length === 0) return { timeS: 0, limit: 'none (input already on the nodes)' };
  const n = plan.nodes;
  let streamSum = 0;
  let tier = { timeS: 0, limit: '' };
  let nicBytes = 0;
  for (const r of stage.reads) {
    const e = storageTransfer(r.tier, 'read', r.bytes, { clients: n, streamsPerClient: plan.streamsPerNode, objectBytes: r.objectBytes });
    streamSum += e.limitTimesS['per-stream'];
    if (e.limitTimesS['tier-aggregate'] > tier.timeS) tier = { timeS: e.limitTimesS['tier-aggregate'], limit: `${r.tier.tier} aggregate bandwidth (${r.tier.id})` };
    if (e.limitTimesS['request-rate'] > tier.timeS) tier = { timeS: e.limitTimesS['request-rate'], limit: `${r.tier.tier} request rate (${r.tier.id})` };
    if (crossesNic(r.tier)) nicBytes += r.bytes;
  }
  const nic = nicBytes / (n * plan.nicBandwidth);
  const stream = { timeS: streamSum, limit: `storage streams (${plan.streamsPerNode} per node)` };
  const nicLimit = { timeS: nic, limit: 'node NICs' };
  return [stream, tier, nicLimit].reduce((a, b) => (b.timeS > a.timeS ? b : a));
}

function writeTime(plan: PipelinePlan, stage: StagePlan): number {
  if (!stage.writesOutput) return 0;
  return storageTransfer(plan.outputTier, 'write', stage.outputBytes, {
    clients: plan.nodes,
    streamsPerClient: plan.streamsPerNode,
    objectBytes: plan.outputObjectBytes,
    clientBandwidth: crossesNic(plan.outputTier) ? plan.nicBandwidth : undefined,
  }).timeS;
}

/** Bytes one partition sends across the network in a shuffle. */
export function shuffleBytesPerPartition(plan: PipelinePlan, stage: StagePlan): number {
  const n = plan.nodes;
  return stage.shuffle && n > 1 ? ((stage.outputBytes / stage.partitions) * (n - 1)) / n : 0;
}

/** One partition's time alone in each phase (the pipeline fill). */
function onePartition(plan: PipelinePlan, stage: StagePlan): Record<StagePhase, number> {
  const P = stage.partitions;
  let read = 0;
  for (const r of stage.reads) {
    const bytes = r.bytes / P;
    const requests = Math.ceil(bytes / r.objectBytes - 1e-9);
    read += requests * r.tier.requestLatency + bytes / r.tier.perStreamBandwidth;
  }
  const outBytes = stage.outputBytes / P;
  let output = shuffleBytesPerPartition(plan, stage) / plan.nicBandwidth;
  if (stage.writesOutput) {
    const t = plan.outputTier;
    const requests = Math.ceil(outBytes / plan.outputObjectBytes - 1e-9);
    output += requests * (t.writeLatency ?? t.requestLatency) + outBytes / t.perStreamBandwidth;
  }
  return { read, compute: stage.inputBytes / P / stage.throughputPerCore, output };
}

export function analyticStage(plan: PipelinePlan, stage: StagePlan): StageTiming {
  const n = plan.nodes;
  const read = readPhase(plan, stage);
  const waves = Math.ceil(Math.ceil(stage.partitions / n) / plan.coresPerNode);
  const computeS = (waves * stage.inputBytes) / stage.partitions / stage.throughputPerCore;
  const shuffleS = stage.shuffle && n > 1 ? ((stage.outputBytes / n) * (n - 1)) / n / plan.shuffleBandwidth : 0;
  const writeS = writeTime(plan, stage);
  const phases: Record<StagePhase, number> = { read: read.timeS, compute: computeS, output: shuffleS + writeS };
  let phase: StagePhase = 'read';
  for (const p of ['compute', 'output'] as const) if (phases[p] > phases[phase]) phase = p;
  const one = onePartition(plan, stage);
  const order: StagePhase[] = ['read', 'compute', 'output'];
  let finish = 0;
  let firstArrival = 0;
  for (const p of order) {
    finish = Math.max(firstArrival + phases[p], finish + (phases[p] > 0 ? one[p] : 0));
    firstArrival += phases[p] > 0 ? one[p] : 0;
  }
  const detail =
    phase === 'read' ? read.limit : phase === 'compute' ? `CPU cores (${n} nodes x ${plan.coresPerNode})` : shuffleS >= writeS ? 'shuffle over node NICs' : `writing to ${plan.outputTier.tier} (${plan.outputTier.id})`;
  return {
    name: stage.name,
    timeS: finish,
    bottleneck: `${phase}: ${detail}`,
    phase,
    readS: read.timeS,
    computeS,
    shuffleS,
    writeS,
    inputBytes: stage.inputBytes,
    outputBytes: stage.outputBytes,
    partitions: stage.partitions,
  };
}

export function analyticPipeline(plan: PipelinePlan): StageTiming[] {
  return plan.stages.map((s) => analyticStage(plan, s));
}
