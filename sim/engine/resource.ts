/**
 * A pool of identical units (servers, GPUs, slots) that requests hold and
 * release, as SimPy's Resource / PriorityResource / PreemptiveResource.
 *
 * Requests are granted strictly in queue order (head-of-line: a large request
 * at the head blocks smaller ones behind it, so nothing starves). With the
 * 'priority' discipline the queue is ordered by (priority, arrival); a lower
 * number is more urgent. With `preemptive: true` a request that does not fit
 * evicts holders of strictly less urgent priority (least urgent, most recently
 * granted first): each evicted request gets `preempted = true`, its
 * `onPreempted` hook is called, and the process that made it is interrupted
 * with a `Preempted` reason.
 */
import { Signal, type Process } from './events';
import { FifoQueue } from './fifo-queue';
import type { Simulator } from './simulator';
import { TimeWeighted } from './statistics';

export interface ResourceOptions {
  discipline?: 'fifo' | 'priority';
  preemptive?: boolean;
}

/** A request for units; yield it to wait until granted. */
export class ResourceRequest extends Signal<void> {
  readonly amount: number;
  readonly priority: number;
  /** Arrival order, the tie-breaker among equal priorities. */
  readonly order: number;
  /** The process that made the request (interrupted if the request is preempted). */
  readonly owner: Process | null;
  readonly requestedAt: number;
  grantedAt = NaN;
  preempted = false;
  /** Called when this request loses its units to a more urgent one. */
  onPreempted: ((by: ResourceRequest) => void) | null = null;

  constructor(sim: Simulator, amount: number, priority: number, order: number) {
    super(sim);
    this.amount = amount;
    this.priority = priority;
    this.order = order;
    this.owner = sim.activeProcess;
    this.requestedAt = sim.now;
  }
}

/** The interrupt reason a preempted holder's process receives. */
export class Preempted {
  /** The request that took the units. */
  readonly by: ResourceRequest;
  /** The evicted request. */
  readonly request: ResourceRequest;
  /** When the evicted request had been granted. */
  readonly usageSince: number;
  constructor(by: ResourceRequest, request: ResourceRequest) {
    this.by = by;
    this.request = request;
    this.usageSince = request.grantedAt;
  }
  toString(): string {
    return `preempted by a priority-${this.by.priority} request`;
  }
}

function moreUrgent(a: ResourceRequest, b: ResourceRequest): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.order < b.order);
}

export class Resource {
  readonly capacity: number;
  readonly discipline: 'fifo' | 'priority';
  readonly preemptive: boolean;
  private readonly sim: Simulator;
  private used = 0;
  private nextOrder = 0;
  private readonly fifo = new FifoQueue<ResourceRequest>();
  /** Priority discipline: waiting requests sorted most urgent first. */
  private readonly sorted: ResourceRequest[] = [];
  private readonly holders = new Set<ResourceRequest>();
  private readonly busy: TimeWeighted;
  private readonly waiting: TimeWeighted;

  constructor(sim: Simulator, capacity: number, options: ResourceOptions = {}) {
    if (!(capacity > 0) || !Number.isFinite(capacity)) throw new Error(`Resource: capacity must be a finite number > 0, got ${capacity}`);
    this.sim = sim;
    this.capacity = capacity;
    this.discipline = options.discipline ?? 'fifo';
    this.preemptive = options.preemptive ?? false;
    if (this.preemptive && this.discipline !== 'priority') {
      throw new Error("Resource: preemptive: true needs discipline: 'priority' (preemption is by priority)");
    }
    this.busy = new TimeWeighted(sim, 0);
    this.waiting = new TimeWeighted(sim, 0);
  }

  /** Units held now. */
  get inUse(): number {
    return this.used;
  }

  /** Requests waiting. */
  get queueLength(): number {
    return this.discipline === 'fifo' ? this.fifo.length : this.sorted.length;
  }

  /** Time-weighted fraction of capacity in use since creation. */
  utilization(): number {
    return this.busy.mean() / this.capacity;
  }

  /** Time-weighted mean number of waiting requests since creation. */
  meanQueueLength(): number {
    return this.waiting.mean();
  }

  /** Asks for `amount` units (default 1); the returned request fires when they are granted. */
  request(amount = 1, priority = 0): ResourceRequest {
    if (!(amount > 0) || amount > this.capacity) {
      throw new Error(`Resource.request: amount must be > 0 and at most the capacity ${this.capacity}, got ${amount}`);
    }
    if (Number.isNaN(priority)) throw new Error('Resource.request: priority is NaN');
    const request = new ResourceRequest(this.sim, amount, priority, this.nextOrder++);
    if (this.discipline === 'fifo') {
      this.fifo.push(request);
    } else {
      // Binary search for the insertion point keeps the queue sorted by (priority, order).
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (moreUrgent(this.sorted[mid], request)) lo = mid + 1;
        else hi = mid;
      }
      this.sorted.splice(lo, 0, request);
      if (this.preemptive && lo === 0 && this.used + amount > this.capacity) this.preemptFor(request);
    }
    this.waiting.set(this.queueLength);
    this.grant();
    return request;
  }

  /**
   * Gives units back: pass the request (preferred; also withdraws a request
   * still waiting), or an amount (default 1) to release the oldest holder of
   * exactly that amount.
   */
  release(what: number | ResourceRequest = 1): void {
    if (typeof what !== 'number') {
      if (this.holders.delete(what)) {
        this.used -= what.amount;
        this.busy.set(this.used);
      } else if (!what.triggered) {
        if (this.discipline === 'fifo') this.fifo.remove(what);
        else {
          const index = this.sorted.indexOf(what);
          if (index >= 0) this.sorted.splice(index, 1);
        }
        this.waiting.set(this.queueLength);
      } else if (!what.preempted) {
        throw new Error('Resource.release: this request does not hold units of this resource (released twice?)');
      }
      this.grant();
      return;
    }
    for (const holder of this.holders) {
      if (holder.amount === what) {
        this.release(holder);
        return;
      }
    }
    throw new Error(`Resource.release: no holder of exactly ${what} unit(s); pass the request returned by request() instead`);
  }

  private grant(): void {
    for (;;) {
      const head = this.discipline === 'fifo' ? this.fifo.peek() : this.sorted[0];
      if (head === undefined || this.used + head.amount > this.capacity) break;
      if (this.discipline === 'fifo') this.fifo.shift();
      else this.sorted.shift();
      this.used += head.amount;
      head.grantedAt = this.sim.now;
      this.holders.add(head);
      this.busy.set(this.used);
      this.waiting.set(this.queueLength);
      head.fire();
    }
  }

  private preemptFor(request: ResourceRequest): void {
    // Candidates: holders less urgent than the newcomer, least urgent and most recently granted first.
    const victims = [...this.holders].filter((h) => h.priority > request.priority);
    victims.sort((a, b) => b.priority - a.priority || b.grantedAt - a.grantedAt || b.order - a.order);
    let free = this.capacity - this.used;
    const chosen: ResourceRequest[] = [];
    for (const victim of victims) {
      if (free >= request.amount) break;
      chosen.push(victim);
      free += victim.amount;
    }
    if (free < request.amount) return; // evicting every less urgent holder would not make room
    for (const victim of chosen) {
      this.holders.delete(victim);
      this.used -= victim.amount;
      victim.preempted = true;
      victim.onPreempted?.(request);
      if (victim.owner !== null && victim.owner.isAlive && victim.owner !== this.sim.activeProcess) victim.owner.interrupt(new Preempted(request, victim));
    }
    this.busy.set(this.used);
  }
}
