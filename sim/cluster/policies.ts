/**
 * Scheduling policies: which waiting job starts next.
 *
 * - `fifo`: submission order; the head blocks everyone behind it.
 * - `sjf`: shortest run time first (known durations, as in trace replay); the head blocks.
 * - `easy-backfill`: FIFO plus EASY backfilling (Lifka 1995; Mu'alem & Feitelson,
 *   IEEE TPDS 2001): when the head cannot start, it gets a reservation at the
 *   shadow time (when enough running jobs will have ended); a later job may
 *   start now if it ends before the shadow time or only uses the devices the
 *   head will not need ("extra"). Durations are known exactly (trace replay).
 * - `priority-preemptive`: highest priority first; a blocked head preempts
 *   lower-priority jobs (lowest priority, most recently started first) when
 *   that makes room; preempted jobs lose work since their last checkpoint and
 *   pay a restore when they restart.
 * - `fair-share`: each team's jobs in submission order; the team with the
 *   fewest running devices per unit of share goes next (a blocked team does
 *   not block the others).
 */
import { HeapQueue, SortedQueue } from './queues';
import type { ClusterSimulation } from './simulate';

export type SchedulingPolicy = 'fifo' | 'sjf' | 'easy-backfill' | 'priority-preemptive' | 'fair-share';
export const schedulingPolicies: SchedulingPolicy[] = ['fifo', 'sjf', 'easy-backfill', 'priority-preemptive', 'fair-share'];

const WAITING = 1;

export class Scheduler {
  private readonly single: SortedQueue | HeapQueue | null;
  private readonly teamQueues = new Map<string, SortedQueue>();
  private readonly teamOrder: string[] = [];
  private readonly teamUsage = new Map<string, number>();
  private waiting = 0;
  private shadow = { head: -1, version: -1, timeS: Infinity, extra: 0 };
  private lastScanVersion = -1;
  private lastScanHead = -1;
  private lastPreemptTry = { head: -1, version: -1 };
  private overlay = new Int32Array(0);
  private overlayStamp = new Int32Array(0);
  private overlayGen = 0;
  private lastGrowVersion = -1;

  constructor(private readonly sim: ClusterSimulation) {
    const { jobs } = sim;
    const live = (j: number, t: number) => sim.state[j] === WAITING && sim.ticket[j] === t;
    const submit = (j: number) => jobs[j].submitS;
    switch (sim.input.policy) {
      case 'fifo':
      case 'easy-backfill':
        this.single = new SortedQueue(submit, live);
        break;
      case 'sjf':
        this.single = new HeapQueue((j) => sim.remainingGpuS[j] / jobs[j].gpus, live);
        break;
      case 'priority-preemptive':
        // Higher priority first, then submission order (submit times stay below 1e12 s).
        this.single = new HeapQueue((j) => -(jobs[j].priority ?? 0) * 1e12 + jobs[j].submitS, live);
        break;
      case 'fair-share':
        this.single = null;
        break;
    }
  }

  queuedJobs(): number {
    return this.waiting;
  }

  enqueue(job: number, ticket: number): void {
    this.waiting++;
    if (this.single) this.single.push(job, ticket);
    else {
      const team = this.teamOf(job);
      let q = this.teamQueues.get(team);
      if (!q) {
        const sim = this.sim;
        q = new SortedQueue((j) => sim.jobs[j].submitS, (j, t) => sim.state[j] === WAITING && sim.ticket[j] === t);
        this.teamQueues.set(team, q);
        this.teamOrder.push(team);
        this.teamUsage.set(team, 0);
      }
      q.push(job, ticket);
    }
  }

  /** A waiting job left the queue (started or went to the cloud). */
  dequeued(job: number): void {
    this.waiting--;
    if (this.single) this.single.removed();
    else this.teamQueues.get(this.teamOf(job))!.removed();
  }

  /** The job the policy wants to run next (-1 when none waits). */
  head(): number {
    if (this.single) return this.single.peek();
    return this.fairShareOrder()[0] ?? -1;
  }

  /** Free devices that cannot host the head job although there are enough of them. */
  fragmentedGpus(): number {
    const h = this.head();
    if (h < 0) return 0;
    const need = this.minGpus(h);
    const pool = this.sim.pool;
    return pool.totalFree >= need && !pool.canPlace(need, this.sim.input.placement) ? pool.totalFree : 0;
  }

  pass(): void {
    this.schedule();
    // Nobody waits and devices are free: elastic jobs running below their request grow onto them.
    if (this.waiting === 0 && this.sim.pool.totalFree > 0 && this.sim.version !== this.lastGrowVersion) {
      this.lastGrowVersion = this.sim.version;
      this.sim.growElasticJobs();
    }
  }

  private schedule(): void {
    switch (this.sim.input.policy) {
      case 'fifo':
      case 'sjf':
        this.startInOrder();
        break;
      case 'easy-backfill':
        if (!this.startInOrder()) this.backfill();
        break;
      case 'priority-preemptive':
        while (!this.startInOrder() && this.preemptFor(this.single!.peek()));
        break;
      case 'fair-share':
        this.fairShare();
        break;
    }
  }

  /** Starts head jobs while they fit; true when the queue emptied. */
  private startInOrder(): boolean {
    for (;;) {
      const h = this.single!.peek();
      if (h < 0) return true;
      if (!this.tryStart(h)) return false;
    }
  }

  private tryStart(job: number, accept?: (gpus: number, endS: number) => boolean): boolean {
    const sim = this.sim;
    const policy = sim.input.placement;
    const want = sim.jobs[job].gpus;
    const min = this.minGpus(job);
    for (let g = Math.min(want, sim.pool.totalFree); g >= min; g--) {
      const p = sim.pool.place(g, policy);
      if (!p) continue;
      if (accept && !accept(g, this.estimatedEnd(job, g))) return false;
      sim.start(job, p);
      return true;
    }
    return false;
  }

  private estimatedEnd(job: number, gpus: number): number {
    const sim = this.sim;
    return sim.now + sim.runRestore[job] + sim.remainingGpuS[job] / gpus;
  }

  private minGpus(job: number): number {
    return this.sim.jobs[job].elastic?.minGpus ?? this.sim.jobs[job].gpus;
  }

  private backfill(): void {
    const sim = this.sim;
    const queue = this.single as SortedQueue;
    const head = queue.peek();
    if (head < 0) return;
    if (this.shadow.head !== head || this.shadow.version !== sim.version) this.computeShadow(head);
    const full = this.lastScanVersion !== sim.version || this.lastScanHead !== head;
    this.lastScanVersion = sim.version;
    this.lastScanHead = head;
    if (full) queue.forEachAfterHead(sim.input.backfillDepth, this.visitForBackfill);
    else for (const j of sim.arrivedThisStep) if (sim.state[j] === WAITING && j !== head && !this.visitForBackfill(j)) break;
    // Starting backfilled jobs does not move the reservation, so keep the cache valid.
    this.lastScanVersion = sim.version;
    this.shadow.version = sim.version;
  }

  /** EASY's test for one candidate; false stops the walk (no free devices left). Bound once: no closure per pass. */
  private readonly visitForBackfill = (j: number): boolean => {
    const sim = this.sim;
    const min = this.minGpus(j);
    if (min > sim.pool.totalFree) return true;
    // Cheap rejection before any placement: it would end after the reservation and the head needs its devices.
    const endAtFullSize = sim.now + sim.runRestore[j] + sim.remainingGpuS[j] / sim.jobs[j].gpus;
    if (endAtFullSize > this.shadow.timeS && min > this.shadow.extra) return true;
    this.tryStart(j, this.acceptForBackfill);
    return sim.pool.totalFree > 0;
  };

  private readonly acceptForBackfill = (g: number, end: number): boolean => {
    if (end <= this.shadow.timeS) return true;
    if (g <= this.shadow.extra) {
      this.shadow.extra -= g;
      return true;
    }
    return false;
  };

  /**
   * Shadow time: walk running jobs by end time, returning their devices to a
   * copy of the free counts, until the head could be placed. Single-node heads
   * need one node with enough free devices; multi-node heads need enough whole
   * free nodes (consolidated placement); `spread` needs a count.
   */
  private computeShadow(head: number): void {
    const sim = this.sim;
    const pool = sim.pool;
    const need = this.minGpus(head);
    const spread = sim.input.placement === 'spread';
    if (this.overlay.length !== pool.nodeCount) {
      this.overlay = new Int32Array(pool.nodeCount);
      this.overlayStamp = new Int32Array(pool.nodeCount);
    }
    const overlay = this.overlay, stamp = this.overlayStamp;
    const gen = ++this.overlayGen;
    let free = pool.totalFree;
    let whole = pool.wholeFreeGpus;
    let timeS = Infinity;
    const running = sim.runningByEnd;
    for (let k = 0; k < running.length; k++) {
      const j = running[k];
      const p = sim.placement[j]!;
      let fits = false;
      for (let i = 0; i < p.length; i += 2) {
        const node = p[i];
        const before = stamp[node] === gen ? overlay[node] : pool.free[node];
        const after = before + p[i + 1];
        overlay[node] = after;
        stamp[node] = gen;
        free += p[i + 1];
        if (after === pool.size[node]) whole += after;
        if (after >= need) fits = true;
      }
      if (spread ? free >= need : need <= pool.maxNodeSize ? fits : whole >= need) {
        timeS = sim.runEnd[j];
        break;
      }
    }
    this.shadow = { head, version: sim.version, timeS, extra: timeS === Infinity ? 0 : free - need };
  }

  /** Preempt lower-priority jobs to make room for `head`; false when that cannot help. */
  private preemptFor(head: number): boolean {
    const sim = this.sim;
    if (head < 0) return false;
    if (this.lastPreemptTry.head === head && this.lastPreemptTry.version === sim.version) return false;
    this.lastPreemptTry = { head, version: sim.version };
    const prio = sim.jobs[head].priority ?? 0;
    const victims = sim.runningByEnd
      .filter((j) => (sim.jobs[j].priority ?? 0) < prio)
      .sort((a, b) => (sim.jobs[a].priority ?? 0) - (sim.jobs[b].priority ?? 0) || sim.runStart[b] - sim.runStart[a] || b - a);
    const need = this.minGpus(head);
    const chosen: number[] = [];
    for (const v of victims) {
      chosen.push(v);
      sim.pool.release(sim.placement[v]!);
      if (sim.pool.canPlace(need, sim.input.placement)) break;
    }
    const ok = sim.pool.canPlace(need, sim.input.placement);
    // Undo the trial release; the real preemption goes through the simulation's bookkeeping.
    for (const v of chosen) sim.pool.allocate(sim.placement[v]!);
    if (!ok) return false;
    for (const v of chosen) sim.interrupt(v, 1);
    return true;
  }

  private teamOf(job: number): string {
    return this.sim.jobs[job].team ?? 'default';
  }

  /** Team heads, least-served team (running devices / share) first. */
  private fairShareOrder(): number[] {
    const shares = this.sim.input.teamShares ?? {};
    const heads: Array<{ job: number; load: number; order: number }> = [];
    this.teamOrder.forEach((team, order) => {
      const j = this.teamQueues.get(team)!.peek();
      if (j >= 0) heads.push({ job: j, load: this.teamUsage.get(team)! / (shares[team] ?? 1), order });
    });
    heads.sort((a, b) => a.load - b.load || a.order - b.order);
    return heads.map((h) => h.job);
  }

  private fairShare(): void {
    for (;;) {
      let started = false;
      for (const j of this.fairShareOrder()) {
        if (this.tryStart(j)) {
          started = true;
          break;
        }
      }
      if (!started) return;
    }
  }

  /** Keeps per-team usage right when a job starts (fair-share only). */
  started(job: number, gpus: number): void {
    if (this.single) return;
    const team = this.teamOf(job);
    this.teamUsage.set(team, this.teamUsage.get(team)! + gpus);
  }

  /** Keeps per-team usage right when a job stops (fair-share only). */
  released(job: number, gpus: number): void {
    if (this.single) return;
    const team = this.teamOf(job);
    this.teamUsage.set(team, this.teamUsage.get(team)! - gpus);
  }
}
