/**
 * The simulation clock and event loop (the kernel, as SimPy's `Environment`).
 *
 * Time is float seconds. Events at equal times run in the order they were
 * scheduled, so a run is deterministic. `maxEvents` / `maxWallS` / `maxHeapBytes` guard
 * against runaway runs with a RunLimitError that says what to change.
 *
 * "End of instant" hooks (`atEndOfInstant`) run once all events of the current
 * time have been processed and before the clock advances; the flow network
 * uses them to recompute bandwidth shares once for thousands of flows started
 * at the same instant.
 */
import { RunLimitError } from '../errors';
import { EventQueue, type EventCallback } from './event-queue';
import { Process, Signal, Timeout, allOf, anyOf, type AnyOfResult, type ProcessBody, type Yieldable } from './events';
import { Rng } from './rng';

export interface SimulatorOptions {
  /** Seed of `sim.rng` (default 1). */
  seed?: number;
  /** The run stops with a RunLimitError after this many events (default: no limit). */
  maxEvents?: number;
  /** ... or after this much wall-clock time in seconds (default: no limit). */
  maxWallS?: number;
  /**
   * ... or once the JavaScript heap in use exceeds this many bytes (default: no limit). Read with the wall
   * clock, every few thousand events, through `heapProbe`; without a probe (a browser without
   * `performance.memory`) the limit is not checked.
   */
  maxHeapBytes?: number;
  /** Bytes of heap in use now; default: `defaultHeapProbe()` for this platform. Inject a fake in tests. */
  heapProbe?: (() => number) | null;
}

/**
 * The platform's heap-in-use reading: `process.memoryUsage().heapUsed` in Node, the non-standard
 * `performance.memory.usedJSHeapSize` in Chromium browsers, otherwise null (no reading available).
 */
export function defaultHeapProbe(): (() => number) | null {
  const nodeProcess = (globalThis as { process?: { memoryUsage?: () => { heapUsed: number } } }).process;
  if (typeof nodeProcess?.memoryUsage === 'function') return () => nodeProcess.memoryUsage!().heapUsed;
  const perf = globalThis.performance as (Performance & { memory?: { usedJSHeapSize: number } }) | undefined;
  if (perf?.memory !== undefined && typeof perf.memory.usedJSHeapSize === 'number') return () => perf.memory!.usedJSHeapSize;
  return null;
}

/** "4.1 GiB", "512 MiB": a byte count as people read a heap size. */
function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

export interface RunOptions {
  /** Stop before the first event later than this time; the clock then reads `until`. */
  until?: number;
  /** Checked after every event; the run stops as soon as it returns true. */
  condition?: () => boolean;
}

/** Wall clock is read once per this many events (a power of two, used as a mask). */
const WALL_CHECK_INTERVAL = 4096;

export class Simulator {
  readonly rng: Rng;
  readonly maxEvents: number;
  readonly maxWallS: number;
  readonly maxHeapBytes: number;
  /** @internal The process whose body is executing right now (null in plain callbacks). */
  activeProcess: Process | null = null;

  private readonly queue = new EventQueue();
  private clock = 0;
  private processed = 0;
  private stopRequested = false;
  private running = false;
  private endOfInstantHooks: (() => void)[] = [];
  private readonly heapProbe: (() => number) | null;

  constructor(options: SimulatorOptions = {}) {
    const { seed = 1, maxEvents = Infinity, maxWallS = Infinity, maxHeapBytes = Infinity } = options;
    if (!(maxEvents > 0)) throw new Error(`Simulator: maxEvents must be > 0, got ${maxEvents}`);
    if (!(maxWallS > 0)) throw new Error(`Simulator: maxWallS must be > 0, got ${maxWallS}`);
    if (!(maxHeapBytes > 0)) throw new Error(`Simulator: maxHeapBytes must be > 0, got ${maxHeapBytes}`);
    this.rng = new Rng(seed);
    this.maxEvents = maxEvents;
    this.maxWallS = maxWallS;
    this.maxHeapBytes = maxHeapBytes;
    this.heapProbe = maxHeapBytes === Infinity ? null : options.heapProbe === undefined ? defaultHeapProbe() : options.heapProbe;
  }

  /** Simulated time in seconds. */
  get now(): number {
    return this.clock;
  }

  /** Events run so far (cancelled ones are not counted). */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events waiting in the queue. */
  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Runs `callback` after `delay` seconds; returns a handle for `cancel`. */
  schedule(delay: number, callback: EventCallback): number {
    if (!(delay >= 0) || delay === Infinity) {
      throw new Error(`Simulator.schedule: delay must be a finite number of seconds >= 0, got ${delay}`);
    }
    return this.queue.push(this.clock + delay, callback);
  }

  /** Runs `callback` at absolute time `time` (not earlier than now). */
  scheduleAt(time: number, callback: EventCallback): number {
    if (!(time >= this.clock) || time === Infinity) {
      throw new Error(`Simulator.scheduleAt: time must be finite and not before now (${this.clock} s), got ${time}`);
    }
    return this.queue.push(time, callback);
  }

  /** Cancels a scheduled event; cancelling one that already ran or was cancelled does nothing. */
  cancel(handle: number): void {
    this.queue.cancel(handle);
  }

  /** Calls `hook` once, after the last event at the current time and before the clock moves on. */
  atEndOfInstant(hook: () => void): void {
    this.endOfInstantHooks.push(hook);
  }

  /** Starts a process at the current time (its body first runs in an event at `now`). */
  process(body: ProcessBody | (() => ProcessBody), name?: string): Process {
    const generator = typeof body === 'function' ? body() : body;
    if (generator === null || typeof generator !== 'object' || typeof generator.next !== 'function') {
      throw new TypeError('Simulator.process: expected a generator or a generator function (function* () { ... })');
    }
    return new Process(this, generator, name);
  }

  /** A signal that fires `delay` seconds from now. */
  timeout(delay: number): Timeout {
    return new Timeout(this, delay);
  }

  /** A one-shot event to fire by hand. */
  signal<T = void>(): Signal<T> {
    return new Signal<T>(this);
  }

  /** Fires with all values (in order) when every item has fired. */
  allOf(items: readonly Yieldable[]): Signal<unknown[]> {
    return allOf(this, items);
  }

  /** Fires with `{ index, value }` of the first item to fire. */
  anyOf(items: readonly Yieldable[]): Signal<AnyOfResult> {
    return anyOf(this, items);
  }

  /** Ends the current `run` after the event being processed. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Processes events until the queue is empty, or up to a time (`run(10)`,
   * `run({ until: 10 })`), or until `condition()` is true after an event.
   */
  run(until?: number | RunOptions): void {
    const options: RunOptions = typeof until === 'number' ? { until } : (until ?? {});
    const untilTime = options.until ?? Infinity;
    const condition = options.condition;
    if (Number.isNaN(untilTime) || untilTime < this.clock) {
      throw new Error(`Simulator.run: until must be a time not before now (${this.clock} s), got ${untilTime}`);
    }
    if (this.running) throw new Error('Simulator.run: already running (run cannot be called from inside an event)');
    this.running = true;
    this.stopRequested = false;
    const queue = this.queue;
    const maxEvents = this.maxEvents;
    const heapProbe = this.heapProbe;
    const checkWall = this.maxWallS !== Infinity || heapProbe !== null;
    const wallStart = checkWall ? performance.now() : 0;
    let reachedUntil = true;
    try {
      for (;;) {
        const time = queue.peekTime();
        if (time > this.clock && this.endOfInstantHooks.length > 0) {
          this.runEndOfInstantHooks();
          continue;
        }
        if (time === Infinity) break;
        if (time > untilTime) break;
        const callback = queue.popTop();
        this.clock = time;
        this.processed++;
        callback();
        if (this.stopRequested) {
          reachedUntil = false;
          break;
        }
        if (condition !== undefined && condition()) {
          reachedUntil = false;
          break;
        }
        if (this.processed >= maxEvents && queue.size > 0) {
          throw new RunLimitError(
            `stopped after ${this.processed.toLocaleString('en-US')} events: the event limit; ` +
              'raise limits.maxEvents or shorten the horizon',
          );
        }
        if (checkWall && (this.processed & (WALL_CHECK_INTERVAL - 1)) === 0) this.checkGuards(wallStart, heapProbe);
      }
      if (reachedUntil && untilTime !== Infinity) this.clock = untilTime;
    } finally {
      this.running = false;
    }
  }

  /** The wall-clock and memory guards, read every WALL_CHECK_INTERVAL events. */
  private checkGuards(wallStart: number, heapProbe: (() => number) | null): void {
    const elapsedS = (performance.now() - wallStart) / 1000;
    if (elapsedS > this.maxWallS) {
      throw new RunLimitError(
        `stopped after ${elapsedS.toFixed(1)} s of wall-clock time at simulated time ${this.clock} s ` +
          `(${this.processed.toLocaleString('en-US')} events): the wall-time limit; raise limits.maxWallS or shorten the horizon`,
      );
    }
    if (heapProbe !== null) {
      const heapBytes = heapProbe();
      if (heapBytes > this.maxHeapBytes) {
        throw new RunLimitError(
          `stopped at ${formatBytes(heapBytes)} of heap: the memory limit (${formatBytes(this.maxHeapBytes)}); ` +
            `at simulated time ${this.clock} s after ${this.processed.toLocaleString('en-US')} events; ` +
            'raise limits.maxHeapBytes, shorten the horizon or lower the fidelity',
        );
      }
    }
  }

  private runEndOfInstantHooks(): void {
    const hooks = this.endOfInstantHooks;
    this.endOfInstantHooks = [];
    for (const hook of hooks) hook();
  }
}
