/**
 * The job-level discrete-event simulation of a shared cluster: arrivals,
 * completions, deliveries, failures, repairs and maintenance windows drive a
 * scheduling pass (see `policies.ts`). Time is in seconds, capacity in devices.
 *
 * Accounting keeps, for every instant, used + idle + down = installed devices,
 * integrated over time (capacity-hours); lost work from failures and
 * preemptions is counted inside `used`.
 */
import { RunLimitError } from '../errors';
import type { ClusterJob } from './job';
import { EventHeap } from './event-heap';
import { NodePool, type PlacementPolicy } from './nodes';
import { Rng } from '../engine/rng';
import { type SchedulingPolicy, Scheduler } from './policies';
import { cloudRun } from './burst';

export interface SimNode {
  /** Devices in the node. */
  size: number;
  /** Rack (leaf switch group) index. */
  rack: number;
  /** When the node is installed, s (0 = from the start; Infinity = never). */
  installS: number;
}

export interface MaintenanceWindow {
  startS: number;
  durationS: number;
  nodes: number[];
}

export interface ClusterSimInput {
  jobs: ClusterJob[];
  nodes: SimNode[];
  policy: SchedulingPolicy;
  placement: PlacementPolicy;
  /** Queued jobs EASY looks at past the head on each pass. */
  backfillDepth: number;
  /** Nodes under one leaf switch: the unit of rack locality. */
  nodesPerRack: number;
  /** Checkpoint period of running jobs; absent = a failure loses the whole run. */
  checkpointIntervalS?: number;
  /** Time to reload a checkpoint when a job restarts, s. */
  restoreS: number;
  /** Run-time multiplier when a gang spans more nodes / racks than it needs. */
  crossNodeSlowdown: number;
  crossRackSlowdown: number;
  teamShares?: Record<string, number>;
  failures?: { mtbfPerDeviceS: number; mttrS: number };
  maintenance?: MaintenanceWindow[];
  burst?: { queueThreshold: number; pricePerDeviceHour: number; spotInterruptionsPerHour: number };
  horizonS?: number;
  seed: number;
  maxEvents: number;
  maxWallS: number;
  onProgress?: (fraction: number) => void;
}

export interface ClusterSimTotals {
  installedGpuS: number;
  usedGpuS: number;
  idleGpuS: number;
  downGpuS: number;
  /** Sum over job runs of devices × run time (checks `usedGpuS`). */
  jobRunGpuS: number;
  fragmentedGpuS: number;
  failureLostGpuS: number;
  preemptionLostGpuS: number;
  maintenanceLostGpuS: number;
  /** Restores paid when elastic jobs grew onto more devices. */
  resizeLostGpuS: number;
  burstGpuS: number;
  burstCostUsd: number;
}

export interface ClusterSimOutput {
  /** Per job, in input order: first start, finish (NaN when not finished), where it ran. */
  firstStartS: number[];
  finishS: number[];
  ranIn: Array<'cluster' | 'cloud' | 'dropped' | 'unfinished'>;
  totals: ClusterSimTotals;
  endS: number;
  events: number;
  preemptions: number;
  failures: number;
  /** Samples after each event time (for series). */
  samples: { t: number[]; used: number[]; up: number[]; installed: number[]; queued: number[]; fragmented: number[] };
}

const NODE_INSTALL = 0, NODE_UP = 1, NODE_FAIL = 2, MAINT_START = 3, FINISH = 4;
export const WAITING = 1, RUNNING = 2, DONE = 3, CLOUD = 4, DROPPED = 5;
type LossCause = 0 | 1 | 2 | 3; // failure, preemption, maintenance, elastic resize

export function simulateCluster(input: ClusterSimInput): ClusterSimOutput {
  return new ClusterSimulation(input).run();
}

/** Mutable state of one run; exposed to the policies through its methods. */
export class ClusterSimulation {
  readonly pool: NodePool;
  readonly jobs: ClusterJob[];
  readonly state: Uint8Array;
  readonly ticket: Int32Array;
  readonly remainingGpuS: Float64Array;
  readonly runStart: Float64Array;
  readonly runEnd: Float64Array;
  readonly runGpus: Int32Array;
  readonly runSlowdown: Float64Array;
  readonly runRestore: Float64Array;
  readonly restoreCause: Int8Array;
  readonly placement: Array<number[] | null>;
  readonly firstStart: Float64Array;
  readonly finish: Float64Array;
  /** Running jobs sorted by (runEnd, index): EASY's shadow time walks it. */
  readonly runningByEnd: number[] = [];
  usedGpus = 0;
  now = 0;
  /** Bumped whenever devices are released or capacity changes (a blocked head may now fit). */
  version = 0;
  readonly scheduler: Scheduler;
  private readonly heap = new EventHeap();
  private readonly nodeDown: Int32Array;
  private readonly nodeEpoch: Int32Array;
  private readonly nodeInstalled: Uint8Array;
  private readonly rng: Rng;
  private readonly totals: ClusterSimTotals = {
    installedGpuS: 0, usedGpuS: 0, idleGpuS: 0, downGpuS: 0, jobRunGpuS: 0, fragmentedGpuS: 0,
    failureLostGpuS: 0, preemptionLostGpuS: 0, maintenanceLostGpuS: 0, resizeLostGpuS: 0, burstGpuS: 0, burstCostUsd: 0,
  };
  private installedGpus = 0;
  private fragmented = 0;
  private events = 0;
  private preemptions = 0;
  private failures = 0;
  private unresolved = 0;
  readonly arrivedThisStep: number[] = [];
  /** Running elastic jobs on fewer devices than they asked for (insertion order: deterministic). */
  private readonly shrunk = new Set<number>();

  constructor(readonly input: ClusterSimInput) {
    const n = input.jobs.length;
    this.jobs = input.jobs;
    this.pool = new NodePool(input.nodes.map((x) => x.size), input.nodes.map((x) => x.rack));
    this.state = new Uint8Array(n);
    this.ticket = new Int32Array(n);
    this.remainingGpuS = Float64Array.from(input.jobs, (j) => j.gpus * j.durationS);
    this.runStart = new Float64Array(n);
    this.runEnd = new Float64Array(n);
    this.runGpus = new Int32Array(n);
    this.runSlowdown = new Float64Array(n).fill(1);
    this.runRestore = new Float64Array(n);
    this.restoreCause = new Int8Array(n).fill(-1);
    this.placement = new Array(n).fill(null);
    this.firstStart = new Float64Array(n).fill(NaN);
    this.finish = new Float64Array(n).fill(NaN);
    this.nodeDown = new Int32Array(input.nodes.length);
    this.nodeEpoch = new Int32Array(input.nodes.length);
    this.nodeInstalled = new Uint8Array(input.nodes.length);
    // Stream 2 of the seed: failures and spot interruptions.
    this.rng = new Rng(input.seed, 2);
    this.scheduler = new Scheduler(this);
    this.unresolved = n;
  }

  run(): ClusterSimOutput {
    const { jobs, nodes } = this.input;
    const everGpus = nodes.reduce((s, x) => s + (Number.isFinite(x.installS) ? x.size : 0), 0);
    for (let i = 0; i < jobs.length; i++) {
      const need = jobs[i].elastic?.minGpus ?? jobs[i].gpus;
      if (need > everGpus) {
        this.state[i] = DROPPED;
        this.unresolved--;
      }
    }
    nodes.forEach((x, i) => {
      if (Number.isFinite(x.installS)) this.heap.push(x.installS, NODE_INSTALL, i);
    });
    (this.input.maintenance ?? []).forEach((w, i) => this.heap.push(w.startS, MAINT_START, i));
    const samples: ClusterSimOutput['samples'] = { t: [], used: [], up: [], installed: [], queued: [], fragmented: [] };
    const ev = [0, 0, 0, 0];
    const horizon = this.input.horizonS ?? Infinity;
    const started = performance.now();
    let nextArrival = 0;
    while (nextArrival < jobs.length && this.state[nextArrival] === DROPPED) nextArrival++;
    let steps = 0;
    let last = 0;
    for (;;) {
      const tArrival = nextArrival < jobs.length ? jobs[nextArrival].submitS : Infinity;
      const t = Math.min(tArrival, this.heap.peekTime());
      if (t === Infinity || this.unresolved === 0 || t > horizon) {
        const end = this.unresolved === 0 || t === Infinity ? last : horizon;
        this.integrate(end);
        break;
      }
      this.integrate(t);
      last = t;
      this.now = t;
      this.arrivedThisStep.length = 0;
      while (nextArrival < jobs.length && jobs[nextArrival].submitS === t) {
        if (this.state[nextArrival] !== DROPPED) {
          this.enqueue(nextArrival);
          this.arrivedThisStep.push(nextArrival);
          this.events++;
        }
        nextArrival++;
      }
      while (this.heap.peekTime() === t) {
        this.heap.pop(ev);
        this.events++;
        this.handle(ev[1], ev[2], ev[3]);
      }
      this.scheduler.pass();
      this.burstWaitingArrivals();
      this.fragmented = this.scheduler.fragmentedGpus();
      samples.t.push(t);
      samples.used.push(this.usedGpus);
      samples.up.push(this.pool.totalUp);
      samples.installed.push(this.installedGpus);
      samples.queued.push(this.scheduler.queuedJobs());
      samples.fragmented.push(this.fragmented);
      if ((++steps & 4095) === 0) {
        if (this.events > this.input.maxEvents) throw new RunLimitError(`cluster simulation stopped after ${this.events} events (limit ${this.input.maxEvents}); shorten the trace or set a horizon`);
        if ((performance.now() - started) / 1000 > this.input.maxWallS) throw new RunLimitError(`cluster simulation stopped after ${this.input.maxWallS} s of wall time; shorten the trace or set a horizon`);
        this.input.onProgress?.(nextArrival / Math.max(1, jobs.length));
      }
    }
    const ranIn = Array.from(this.state, (s) => (s === DONE ? 'cluster' : s === CLOUD ? 'cloud' : s === DROPPED ? 'dropped' : 'unfinished') as ClusterSimOutput['ranIn'][number]);
    // Work in progress at a horizon counts as used time so far.
    for (const j of this.runningByEnd) this.totals.jobRunGpuS += this.runGpus[j] * (this.now - this.runStart[j]);
    return {
      firstStartS: Array.from(this.firstStart),
      finishS: Array.from(this.finish),
      ranIn,
      totals: { ...this.totals },
      endS: this.now,
      events: this.events,
      preemptions: this.preemptions,
      failures: this.failures,
      samples,
    };
  }

  private integrate(t: number): void {
    const dt = t - this.now;
    if (dt <= 0) return;
    const T = this.totals;
    T.installedGpuS += this.installedGpus * dt;
    T.usedGpuS += this.usedGpus * dt;
    T.idleGpuS += this.pool.totalFree * dt;
    T.downGpuS += (this.installedGpus - this.pool.totalUp) * dt;
    T.fragmentedGpuS += this.fragmented * dt;
    this.now = t;
  }

  private handle(kind: number, a: number, b: number): void {
    switch (kind) {
      case NODE_INSTALL:
        this.nodeInstalled[a] = 1;
        this.installedGpus += this.input.nodes[a].size;
        this.maybeUp(a);
        break;
      case NODE_UP:
        this.nodeDown[a]--;
        this.maybeUp(a);
        break;
      case NODE_FAIL:
        if (b !== this.nodeEpoch[a] || !this.pool.up[a]) break;
        this.failures++;
        this.goDown(a, 0);
        this.heap.push(this.now + this.input.failures!.mttrS, NODE_UP, a);
        break;
      case MAINT_START: {
        const w = this.input.maintenance![a];
        for (const node of w.nodes) {
          if (!this.nodeInstalled[node]) continue;
          this.goDown(node, 2);
          this.heap.push(this.now + w.durationS, NODE_UP, node);
        }
        break;
      }
      case FINISH:
        if (this.state[a] === RUNNING && this.ticket[a] === b) this.complete(a);
        break;
    }
  }

  private maybeUp(node: number): void {
    if (!this.nodeInstalled[node] || this.nodeDown[node] > 0 || this.pool.up[node]) return;
    this.pool.bringUp(node);
    this.version++;
    const f = this.input.failures;
    if (f) this.heap.push(this.now + this.rng.exponential(this.input.nodes[node].size / f.mtbfPerDeviceS), NODE_FAIL, node, this.nodeEpoch[node]);
  }

  /** Kill or drain every job on the node, then take it down. cause 0 = failure, 2 = maintenance. */
  private goDown(node: number, cause: LossCause): void {
    this.nodeDown[node]++;
    if (!this.pool.up[node]) return;
    const victims = this.runningByEnd.filter((j) => {
      const p = this.placement[j]!;
      for (let i = 0; i < p.length; i += 2) if (p[i] === node) return true;
      return false;
    });
    for (const j of victims) this.interrupt(j, cause);
    this.pool.takeDown(node);
    this.nodeEpoch[node]++;
    this.version++;
  }

  enqueue(job: number): void {
    this.state[job] = WAITING;
    this.ticket[job]++;
    this.scheduler.enqueue(job, this.ticket[job]);
  }

  /** Start `job` on `placement` now (the caller found the placement); `fromQueue` false for a resize. */
  start(job: number, placement: number[], fromQueue = true): void {
    let gpus = 0;
    const racks = new Set<number>();
    for (let i = 0; i < placement.length; i += 2) {
      gpus += placement[i + 1];
      racks.add(this.pool.rack[placement[i]]);
    }
    this.pool.allocate(placement);
    if (fromQueue) this.scheduler.dequeued(job);
    this.scheduler.started(job, gpus);
    this.usedGpus += gpus;
    if (gpus < this.jobs[job].gpus) this.shrunk.add(job);
    const minNodes = Math.ceil(gpus / this.pool.maxNodeSize);
    const minRacks = Math.ceil(minNodes / this.input.nodesPerRack);
    let slowdown = 1;
    if (placement.length / 2 > minNodes) slowdown *= this.input.crossNodeSlowdown;
    if (racks.size > minRacks) slowdown *= this.input.crossRackSlowdown;
    this.state[job] = RUNNING;
    this.ticket[job]++;
    this.placement[job] = placement;
    this.runGpus[job] = gpus;
    this.runSlowdown[job] = slowdown;
    this.runStart[job] = this.now;
    this.runEnd[job] = this.now + this.runRestore[job] + (this.remainingGpuS[job] / gpus) * slowdown;
    if (Number.isNaN(this.firstStart[job])) this.firstStart[job] = this.now;
    insertSorted(this.runningByEnd, job, this.runEnd);
    this.heap.push(this.runEnd[job], FINISH, job, this.ticket[job]);
  }

  private stopRun(job: number): number {
    removeSorted(this.runningByEnd, job, this.runEnd);
    this.shrunk.delete(job);
    const p = this.placement[job]!;
    this.pool.release(p);
    this.placement[job] = null;
    this.usedGpus -= this.runGpus[job];
    this.scheduler.released(job, this.runGpus[job]);
    const elapsed = this.now - this.runStart[job];
    this.totals.jobRunGpuS += this.runGpus[job] * elapsed;
    // The restore at the start of this run was paid because of an earlier interruption.
    const restorePaid = Math.min(this.runRestore[job], elapsed) * this.runGpus[job];
    this.addLoss(this.restoreCause[job] as LossCause, restorePaid);
    this.version++;
    return elapsed;
  }

  private complete(job: number): void {
    this.stopRun(job);
    this.remainingGpuS[job] = 0;
    this.state[job] = DONE;
    this.finish[job] = this.now;
    this.unresolved--;
  }

  /** Stop a running job and requeue it: cause 0 failure (since last checkpoint lost), 1 preemption, 2 maintenance (checkpoint on signal). */
  interrupt(job: number, cause: LossCause): void {
    const elapsed = this.stopRun(job);
    const productive = Math.max(0, elapsed - this.runRestore[job]);
    const interval = this.input.checkpointIntervalS;
    let kept: number;
    if (cause === 0) kept = interval ? Math.floor(productive / interval) * interval : 0;
    else if (cause === 1) kept = interval ? Math.floor(productive / interval) * interval : productive;
    else kept = productive;
    this.addLoss(cause, (productive - kept) * this.runGpus[job]);
    this.remainingGpuS[job] = Math.max(0, this.remainingGpuS[job] - (kept * this.runGpus[job]) / this.runSlowdown[job]);
    this.runRestore[job] = this.input.restoreS;
    this.restoreCause[job] = cause;
    if (cause === 1) this.preemptions++;
    this.enqueue(job);
  }

  /**
   * Grow running elastic jobs onto free devices: each resize is planned, so it
   * keeps all progress (checkpoint on the signal) and pays one restore.
   */
  growElasticJobs(): void {
    for (const job of [...this.shrunk]) {
      if (this.pool.totalFree === 0) return;
      const old = this.placement[job]!;
      const have = this.runGpus[job];
      this.pool.release(old);
      let bigger: number[] | null = null;
      for (let g = Math.min(this.jobs[job].gpus, this.pool.totalFree); g > have && !bigger; g--) bigger = this.pool.place(g, this.input.placement);
      this.pool.allocate(old);
      if (!bigger) continue;
      const elapsed = this.stopRun(job);
      const productive = Math.max(0, elapsed - this.runRestore[job]);
      this.remainingGpuS[job] = Math.max(0, this.remainingGpuS[job] - (productive * have) / this.runSlowdown[job]);
      this.runRestore[job] = this.input.restoreS;
      this.restoreCause[job] = 3;
      this.start(job, bigger, false);
    }
  }

  private addLoss(cause: LossCause, gpuS: number): void {
    if (gpuS <= 0) return;
    if (cause === 0) this.totals.failureLostGpuS += gpuS;
    else if (cause === 1) this.totals.preemptionLostGpuS += gpuS;
    else if (cause === 2) this.totals.maintenanceLostGpuS += gpuS;
    else if (cause === 3) this.totals.resizeLostGpuS += gpuS;
  }

  /** Arrivals still waiting while the queue is past the threshold go to the cloud (newest first). */
  private burstWaitingArrivals(): void {
    const b = this.input.burst;
    if (!b) return;
    for (let k = this.arrivedThisStep.length - 1; k >= 0 && this.scheduler.queuedJobs() > b.queueThreshold; k--) {
      const job = this.arrivedThisStep[k];
      if (this.state[job] !== WAITING) continue;
      const run = cloudRun(this.remainingGpuS[job] / this.jobs[job].gpus, b.spotInterruptionsPerHour, this.input.checkpointIntervalS, this.input.restoreS, this.rng);
      this.scheduler.dequeued(job);
      this.state[job] = CLOUD;
      this.ticket[job]++;
      this.firstStart[job] = this.now;
      this.finish[job] = this.now + run.elapsedS;
      this.totals.burstGpuS += run.elapsedS * this.jobs[job].gpus;
      this.totals.burstCostUsd += ((run.elapsedS * this.jobs[job].gpus) / 3600) * b.pricePerDeviceHour;
      this.unresolved--;
    }
  }
}

function insertSorted(list: number[], job: number, end: Float64Array): void {
  let lo = 0, hi = list.length;
  const e = end[job];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid];
    if (end[m] < e || (end[m] === e && m < job)) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, job);
}

function removeSorted(list: number[], job: number, end: Float64Array): void {
  let lo = 0, hi = list.length;
  const e = end[job];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = list[mid];
    if (end[m] < e || (end[m] === e && m < job)) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] !== job) throw new Error(`running list lost job ${job}`);
  list.splice(lo, 1);
}
