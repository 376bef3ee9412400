/**
 * One training step as a discrete-event run: one data-parallel replica's
 * pipeline in full (every stage, every micro-batch, in the schedule's order),
 * activations and gradients between stages as flows on the fabric, and each
 * stage's gradient reduction as ring flows across its data-parallel peers.
 * The other replicas are identical and run on their own rails, so they are
 * not simulated again (DESIGN.md: symmetry).
 *
 * Schedules: GPipe runs all forwards, then all backwards; 1F1B runs
 * p - i - 1 warm-up forwards on stage i, then alternates one forward and one
 * backward, then drains (Narayanan et al. 2021, fig. 4). Interleaved 1F1B is
 * simulated as a 1F1B pipeline of p·v virtual stages, virtual stage j on
 * device j mod p, the device running one chunk at a time.
 * Sends are blocking, as Megatron's p2p in 1F1B.
 */
import { FlowNetwork, Resource, Simulator, type Signal } from '../../engine/index';
import { buildTopology } from '../../hardware/topology/index';
import { planContext } from '../../network/collectives';
import { collectiveProcess, createCollectiveCache } from '../../network/des-collective';
import type { ClusterModel } from '../../hardware/types';
import type { RunLimits } from '../env';
import type { StepBreakdown } from './analytic-step';
import type { Layout } from './layout';
import type { StepCosts } from './stage-costs';
import type { CollectiveRequest } from './collective-model';
import type { TrainingWorkload } from './schema';

export interface TimelineEntry {
  stage: number;
  kind: 'forward' | 'backward' | 'recompute' | 'p2p' | 'allreduce' | 'bubble' | 'optimizer';
  start: number;
  end: number;
  microBatch: number;
}

export interface DesStepInput {
  costs: StepCosts;
  layout: Layout;
  schedule: TrainingWorkload['parallelism']['schedule'];
  overlapGradReduce: boolean;
  cluster: ClusterModel;
  limits: RunLimits;
  onProgress?: (fraction: number) => void;
  /** Most timeline entries kept (first stages first). */
  timelineCap?: number;
}

export interface DesStep {
  stepTimeS: number;
  breakdown: StepBreakdown;
  events: number;
  timeline: TimelineEntry[];
}

type Task = { kind: 'F' | 'B'; mb: number };

/** The order of forward and backward micro-batches on stage `i` of `p`. */
export function stageOrder(schedule: 'gpipe' | '1f1b', i: number, p: number, m: number): Task[] {
  const order: Task[] = [];
  if (schedule === 'gpipe') {
    for (let k = 0; k < m; k++) order.push({ kind: 'F', mb: k });
    for (let k = 0; k < m; k++) order.push({ kind: 'B', mb: k });
    return order;
  }
  const warmup = Math.min(p - i - 1, m);
  let f = 0;
  let b = 0;
  for (; f < warmup; f++) order.push({ kind: 'F', mb: f });
  while (f < m) {
    order.push({ kind: 'F', mb: f++ });
    order.push({ kind: 'B', mb: b++ });
  }
  while (b < m) order.push({ kind: 'B', mb: b++ });
  return order;
}

export function desStep(x: DesStepInput): DesStep {
  const { costs, layout: ly } = x;
  const p = ly.pipeline;
  const v = ly.virtualStages;
  const m = ly.microBatches;
  const P = p * v; // pipeline chunks
  const sim = new Simulator({ seed: 1, maxEvents: x.limits.maxEvents, maxWallS: x.limits.maxWallS, maxHeapBytes: x.limits.maxHeapBytes });
  const net = new FlowNetwork(sim);
  const topology = buildTopology(x.cluster, net);
  const cap = x.timelineCap ?? 4000;
  const timeline: TimelineEntry[] = [];
  const record = (e: TimelineEntry) => {
    if (timeline.length < cap && e.end > e.start) timeline.push(e);
  };

  // Device of pipeline stage s in the simulated replica (tensor, context, data index 0).
  const rankOf = (device: number) => device * ly.stride.pipeline;
  const devices = Array.from({ length: p }, () => new Resource(sim, 1));
  const fwdArrived: Signal<void>[][] = Array.from({ length: P }, () => Array.from({ length: m }, () => sim.signal<void>()));
  const bwdArrived: Signal<void>[][] = Array.from({ length: P }, () => Array.from({ length: m }, () => sim.signal<void>()));
  const chunk = (j: number) => costs.stages[j % p];
  // Per chunk, one micro-batch: the stage's costs spread evenly over its v chunks.
  // ZeRO-3 traffic runs as flows beside the compute (below) rather than as its analytic exposed share.
  const zeroFlows = costs.zeroLayer !== undefined;
  const zeroShare = (j: number) => (zeroFlows ? 0 : chunk(j).zeroGatherExposedS / 2);
  const fwdTime = (j: number) => (chunk(j).forwardS + chunk(j).tpForwardS + chunk(j).epForwardS + chunk(j).cpExposedS / 2 + zeroShare(j)) / v;
  const bwdTime = (j: number) => (chunk(j).backwardS + chunk(j).tpBackwardS + chunk(j).epBackwardS + chunk(j).cpExposedS / 2 + zeroShare(j)) / v;
  const rcTime = (j: number) => chunk(j).recomputeS / v;
  // On-arrival all-gather inside the node is part of the analytic p2p time; the flow carries the network part.
  const sendOverhead = Math.max(0, costs.p2pS - sendRecvAnalytic(costs));
  const stageEnd: number[] = new Array(p).fill(0);
  const lastBackwardStarted = Array.from({ length: p }, () => sim.signal<void>());
  const lastBackwardEnd: number[] = new Array(p).fill(0);
  let doneChunks = 0;

  function* send(from: number, to: number, stage: number, mb: number) {
    const start = sim.now;
    const route = topology.route(rankOf(from % p), rankOf(to % p));
    if (route.length > 0) yield net.startFlow(route, costs.p2pBytes);
    if (sendOverhead > 0) yield sim.timeout(sendOverhead);
    record({ stage, kind: 'p2p', start, end: sim.now, microBatch: mb });
  }

  function* runChunk(j: number) {
    const stage = j % p;
    const order = stageOrder(x.schedule === 'gpipe' ? 'gpipe' : '1f1b', j, P, m);
    for (const task of order) {
      const waitStart = sim.now;
      if (task.kind === 'F' && j > 0) yield fwdArrived[j][task.mb];
      if (task.kind === 'B' && j < P - 1) yield bwdArrived[j][task.mb];
      const req = devices[stage].request();
      yield req;
      if (sim.now > waitStart) record({ stage, kind: 'bubble', start: waitStart, end: sim.now, microBatch: task.mb });
      if (task.kind === 'F') {
        const s0 = sim.now;
        if (zeroFlows) yield sim.allOf([sim.timeout(fwdTime(j)), sim.process(zeroTraffic(stage, chunk(j).layers / v, false))]);
        else yield sim.timeout(fwdTime(j));
        record({ stage, kind: 'forward', start: s0, end: sim.now, microBatch: task.mb });
        if (j < P - 1) yield* send(j, j + 1, stage, task.mb);
        devices[stage].release(req);
        if (j < P - 1) fwdArrived[j + 1][task.mb].fire();
      } else {
        const last = task.mb === m - 1 && j % p === j; // first chunk of the device runs the final backward
        if (last) lastBackwardStarted[stage].fire();
        const s0 = sim.now;
        const zeroBackward = zeroFlows ? sim.process(zeroTraffic(stage, chunk(j).layers / v, true)) : undefined;
        if (rcTime(j) > 0) {
          yield sim.timeout(rcTime(j));
          record({ stage, kind: 'recompute', start: s0, end: sim.now, microBatch: task.mb });
        }
        const s1 = sim.now;
        yield sim.timeout(bwdTime(j));
        if (zeroBackward) yield zeroBackward;
        record({ stage, kind: 'backward', start: s1, end: sim.now, microBatch: task.mb });
        if (last) lastBackwardEnd[stage] = sim.now;
        if (j > 0) yield* send(j, j - 1, stage, task.mb);
        devices[stage].release(req);
        if (j > 0) bwdArrived[j - 1][task.mb].fire();
      }
    }
    doneChunks++;
    x.onProgress?.(doneChunks / P);
  }

  // Gradient reduction of stage s: the network layer's collective (NCCL-like plan: rings per NIC,
  // hierarchical inside nodes) as flows over the stage's data-parallel peers.
  // Each collective sees what its ranks' nodes and fabric offer (NVLS, SHARP), as the analytic step's do.
  const collCache = createCollectiveCache();
  const collective = (req: CollectiveRequest) => collectiveProcess({ sim, net, cache: collCache, ...planContext(req, topology, x.cluster) }, req);
  function* reduceGradients(stage: number) {
    const start = sim.now;
    const dp = costs.dpCollective;
    // Under ZeRO-3 the gradients were reduce-scattered layer by layer as flows (zeroTraffic): nothing is left.
    if (dp && costs.dpReduceS > 0 && !zeroFlows) {
      const base = rankOf(stage);
      yield* collective({ op: dp.op, bytes: costs.stages[stage].gradientBytes, ranks: dp.ranks.map((r) => r + base) });
    }
    return start;
  }

  // ZeRO-3: each layer's parameters gathered (and in backward its gradient reduce-scattered) over the
  // stage's data-parallel group, one layer after another on the links, while the device computes.
  function* zeroTraffic(stage: number, layers: number, backward: boolean) {
    const z = costs.zeroLayer;
    if (!z) return;
    const base = rankOf(stage);
    const shift = (r: CollectiveRequest): CollectiveRequest => ({ ...r, ranks: r.ranks.map((x) => x + base) });
    for (let l = 0; l < layers; l++) {
      yield* collective(shift(z.gather));
      if (backward) yield* collective(shift(z.reduce));
    }
  }

  function* stageTail(stage: number, chunks: ReturnType<typeof sim.process>[]) {
    if (x.overlapGradReduce) {
      // Reduction starts with the final backward and hides behind it; the last bucket follows it.
      yield lastBackwardStarted[stage];
      const startedAt = sim.now;
      const red = sim.process(reduceGradients(stage));
      yield sim.allOf(chunks);
      yield red;
      const end = Math.max(sim.now, lastBackwardEnd[stage] + costs.dpLastBucketS);
      if (end > sim.now) yield sim.timeout(end - sim.now);
      record({ stage, kind: 'allreduce', start: startedAt, end: sim.now, microBatch: -1 });
    } else {
      yield sim.allOf(chunks);
      const s0 = sim.now;
      yield* reduceGradients(stage);
      record({ stage, kind: 'allreduce', start: s0, end: sim.now, microBatch: -1 });
    }
    if (costs.dpGatherS > 0) yield sim.timeout(costs.dpGatherS);
    // Tied-embedding gradient sync between the first and last stage (both wait for it before the optimizer).
    if (costs.embeddingSyncS > 0 && (stage === 0 || stage === p - 1)) yield sim.timeout(costs.embeddingSyncS);
    const s1 = sim.now;
    yield sim.timeout(costs.optimizerS);
    record({ stage, kind: 'optimizer', start: s1, end: sim.now, microBatch: -1 });
    stageEnd[stage] = sim.now;
  }

  const chunkProcs = Array.from({ length: P }, (_, j) => sim.process(runChunk(j), `chunk ${j}`));
  for (let s = 0; s < p; s++) {
    const mine = chunkProcs.filter((_, j) => j % p === s);
    sim.process(stageTail(s, mine), `stage ${s} tail`);
  }
  sim.run();

  const stepTimeS = stageEnd.reduce((m, t) => Math.max(m, t), -Infinity);
  // Breakdown along the slowest stage, as the analytic one, with the bubble as what is left of the pipeline.
  const slow = costs.stages.reduce((a, b) => (b.forwardS + b.backwardS + b.recomputeS > a.forwardS + a.backwardS + a.recomputeS ? b : a));
  const busy = m * (slow.forwardS + slow.backwardS + slow.recomputeS + slow.tpForwardS + slow.tpBackwardS + slow.epForwardS + slow.epBackwardS + slow.cpExposedS + slow.zeroGatherExposedS);
  const pp = p > 1 ? 2 * m * v * costs.p2pS : 0;
  const pipelineEnd = lastBackwardEnd.reduce((m, t) => Math.max(m, t), 0);
  const dpExposed = Math.max(0, stepTimeS - costs.optimizerS - pipelineEnd);
  const breakdown: StepBreakdown = {
    computeS: m * (slow.forwardS + slow.backwardS),
    recomputeS: m * slow.recomputeS,
    tpCommExposedS: m * (slow.tpForwardS + slow.tpBackwardS),
    ppCommExposedS: pp,
    dpCommExposedS: dpExposed + m * slow.zeroGatherExposedS,
    epCommExposedS: m * (slow.epForwardS + slow.epBackwardS),
    cpCommExposedS: m * slow.cpExposedS,
    bubbleS: Math.max(0, pipelineEnd - busy - pp),
    optimizerS: costs.optimizerS,
    dataStallS: 0,
  };
  return { stepTimeS, breakdown, events: sim.eventsProcessed, timeline };
}

/** The network part of the analytic p2p time (the send-recv request), for splitting off the on-arrival gather. */
function sendRecvAnalytic(costs: StepCosts): number {
  return costs.requests.find((r) => r.name === 'pp send-recv')?.timeS ?? costs.p2pS;
}
