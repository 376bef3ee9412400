/**
 * Waiting-job queues. `SortedQueue` keeps jobs in a fixed key order with lazy
 * removal (EASY backfilling walks it past the head); `HeapQueue` serves
 * shortest-first and priority orders. Entries carry the job's queue ticket at
 * push time: a job that started and came back (preempted, failed) has a new
 * ticket, so its old entry is skipped instead of running twice.
 */

export type JobKey = (job: number) => number;
/** Whether `job` is waiting under this `ticket`. */
export type IsLive = (job: number, ticket: number) => boolean;

export class SortedQueue {
  private jobs: number[] = [];
  private tickets: number[] = [];
  private head = 0;
  private live = 0;
  constructor(private readonly key: JobKey, private readonly isLive: IsLive) {}

  get length(): number {
    return this.live;
  }

  /** Appends when the key is not smaller than the last one (arrivals), else inserts in place (requeues). */
  push(job: number, ticket: number): void {
    const k = this.key(job);
    const n = this.jobs.length;
    if (n === this.head || this.compare(this.jobs[n - 1], job, k) <= 0) {
      this.jobs.push(job);
      this.tickets.push(ticket);
    } else {
      let lo = this.head, hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.compare(this.jobs[mid], job, k) <= 0) lo = mid + 1;
        else hi = mid;
      }
      this.jobs.splice(lo, 0, job);
      this.tickets.splice(lo, 0, ticket);
    }
    this.live++;
  }

  /** Call after a waiting job has left (started, dropped, burst to the cloud). */
  removed(): void {
    this.live--;
  }

  peek(): number {
    while (this.head < this.jobs.length && !this.isLive(this.jobs[this.head], this.tickets[this.head])) this.head++;
    if (this.head > 4096 && this.head * 2 > this.jobs.length) {
      this.jobs = this.jobs.slice(this.head);
      this.tickets = this.tickets.slice(this.head);
      this.head = 0;
    }
    return this.head < this.jobs.length ? this.jobs[this.head] : -1;
  }

  /**
   * Calls `visit` on live jobs after the head, in order, at most `limit` of
   * them, until it returns false. Entries that are no longer live in the
   * stretch it walked are dropped (the live ones move up next to the head), so
   * later walks do not step over them again.
   */
  forEachAfterHead(limit: number, visit: (job: number) => boolean): void {
    const jobs = this.jobs, tickets = this.tickets;
    let seen = 0;
    let i = this.head + 1;
    for (; i < jobs.length && seen < limit; i++) {
      const j = jobs[i];
      if (!this.isLive(j, tickets[i])) continue;
      seen++;
      if (!visit(j)) {
        i++;
        break;
      }
    }
    if (this.head >= jobs.length) return;
    // Rewrite [head, i) as [dead gap][head][live...], preserving order, without allocating.
    let w = i - 1;
    for (let r = i - 1; r > this.head; r--) {
      if (!this.isLive(jobs[r], tickets[r])) continue;
      jobs[w] = jobs[r];
      tickets[w] = tickets[r];
      w--;
    }
    jobs[w] = jobs[this.head];
    tickets[w] = tickets[this.head];
    this.head = w;
  }

  private compare(a: number, b: number, kb: number): number {
    return this.key(a) - kb || a - b;
  }
}

/** Min-heap of job indices by (key, index). */
export class HeapQueue {
  private jobs: number[] = [];
  private tickets: number[] = [];
  private live = 0;
  constructor(private readonly key: JobKey, private readonly isLive: IsLive) {}

  get length(): number {
    return this.live;
  }
  push(job: number, ticket: number): void {
    const h = this.jobs, t = this.tickets;
    h.push(job);
    t.push(ticket);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(h[p], h[i])) break;
      this.swap(p, i);
      i = p;
    }
    this.live++;
  }
  removed(): void {
    this.live--;
  }
  peek(): number {
    while (this.jobs.length > 0 && !this.isLive(this.jobs[0], this.tickets[0])) this.popTop();
    return this.jobs.length > 0 ? this.jobs[0] : -1;
  }
  private popTop(): void {
    const h = this.jobs, t = this.tickets;
    const last = h.pop() as number;
    const lastT = t.pop() as number;
    if (h.length === 0) return;
    h[0] = last;
    t[0] = lastT;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) break;
      this.swap(m, i);
      i = m;
    }
  }
  private swap(a: number, b: number): void {
    const h = this.jobs, t = this.tickets;
    [h[a], h[b]] = [h[b], h[a]];
    [t[a], t[b]] = [t[b], t[a]];
  }
  private less(a: number, b: number): boolean {
    const ka = this.key(a), kb = this.key(b);
    return ka < kb || (ka === kb && a < b);
  }
}
