/**
 * Things a process can wait for: a Signal (one-shot event), a Timeout, another
 * Process, and AllOf / AnyOf conditions. As in SimPy, a process is a generator
 * that yields one of these (or a plain number of seconds, meaning a timeout) and
 * is resumed with the event's value when it fires.
 *
 * Waiters are resumed by an event scheduled at the firing instant, never from
 * inside `fire()`, so one process never runs nested inside another and the
 * order of resumption is the deterministic scheduling order.
 */
import type { Simulator } from './simulator';

/** What `yield` accepts inside a process: an event, or a number of seconds to wait. */
export type Yieldable = Signal<any> | number;

/** A process body: a generator yielding Yieldables, resumed with their values. */
export type ProcessBody = Generator<Yieldable, unknown, any>;

type Listener = (signal: Signal<any>) => void;

const PENDING = 0;
const SUCCEEDED = 1;
const FAILED = 2;

/**
 * A one-shot event. `fire(value)` or `fail(error)` once; processes that
 * `yield signal` resume with the value (or get the error thrown at the yield).
 */
export class Signal<T = void> {
  protected readonly sim: Simulator;
  private state = PENDING;
  private payload: T | undefined = undefined;
  private failure: unknown = undefined;
  private waitingProcesses: Process[] | null = null;
  private waitTokens: number[] | null = null;
  private listeners: Listener[] | null = null;
  private dispatchScheduled = false;

  constructor(sim: Simulator) {
    this.sim = sim;
  }

  /** True once fired or failed. */
  get triggered(): boolean {
    return this.state !== PENDING;
  }
  get ok(): boolean {
    return this.state === SUCCEEDED;
  }
  get failed(): boolean {
    return this.state === FAILED;
  }
  /** The value it fired with (undefined before). */
  get value(): T | undefined {
    return this.payload;
  }
  get error(): unknown {
    return this.failure;
  }

  fire(value: T): void;
  fire(this: Signal<void>): void;
  fire(value?: T): void {
    if (this.state !== PENDING) throw new Error('Signal.fire: this signal has already fired (signals are one-shot; make a new one)');
    this.state = SUCCEEDED;
    this.payload = value as T;
    this.scheduleDispatch();
  }

  fail(error: unknown): void {
    if (this.state !== PENDING) throw new Error('Signal.fail: this signal has already fired (signals are one-shot; make a new one)');
    this.state = FAILED;
    this.failure = error;
    this.scheduleDispatch();
  }

  /** Calls `listener(this)` when the signal fires (at the firing instant; if already fired, at the current instant). */
  onFire(listener: Listener): void {
    (this.listeners ??= []).push(listener);
    if (this.state !== PENDING) this.scheduleDispatch();
  }

  /** Whether anything is waiting (a process or a listener). */
  get hasWaiters(): boolean {
    return (this.waitingProcesses !== null && this.waitingProcesses.length > 0) || (this.listeners !== null && this.listeners.length > 0);
  }

  /** @internal A process waits here; `token` lets an interrupted process's stale wait be ignored. */
  addWaitingProcess(process: Process, token: number): void {
    (this.waitingProcesses ??= []).push(process);
    (this.waitTokens ??= []).push(token);
  }

  private scheduleDispatch(): void {
    if (this.dispatchScheduled || !this.hasWaiters) return;
    this.dispatchScheduled = true;
    this.sim.schedule(0, () => this.dispatch());
  }

  private dispatch(): void {
    this.dispatchScheduled = false;
    const processes = this.waitingProcesses;
    const tokens = this.waitTokens;
    const listeners = this.listeners;
    this.waitingProcesses = null;
    this.waitTokens = null;
    this.listeners = null;
    if (processes !== null && tokens !== null) {
      for (let i = 0; i < processes.length; i++) processes[i].resumeFrom(this, tokens[i]);
    }
    if (listeners !== null) for (const listener of listeners) listener(this);
  }
}

/** Fires `delay` seconds after it is created (the SimPy meaning: the clock starts at creation, not at the yield). */
export class Timeout extends Signal<void> {
  readonly delay: number;
  constructor(sim: Simulator, delay: number) {
    super(sim);
    this.delay = delay;
    sim.schedule(delay, () => this.fire());
  }
}

/** Thrown inside a process at its current `yield` by `process.interrupt(reason)`. */
export class Interrupt extends Error {
  readonly reason: unknown;
  constructor(reason: unknown) {
    super(`process interrupted${reason === undefined ? '' : `: ${String(reason)}`}`);
    this.name = 'Interrupt';
    this.reason = reason;
  }
}

/**
 * A running generator. It is itself a Signal: it fires with the generator's
 * return value when the body finishes (so `yield otherProcess` waits for it)
 * or fails with the error the body threw.
 */
export class Process extends Signal<unknown> {
  private readonly body: ProcessBody;
  private waitToken = 0;
  private timeoutHandle = -1;
  private waitingOn: Signal<any> | null = null;
  private readonly resumeAfterTimeout: () => void;
  private running = false;
  readonly name: string | undefined;

  constructor(sim: Simulator, body: ProcessBody, name?: string) {
    super(sim);
    this.body = body;
    this.name = name;
    this.resumeAfterTimeout = () => {
      this.timeoutHandle = -1;
      this.step(undefined, false);
    };
    sim.schedule(0, this.resumeAfterTimeout);
  }

  /** The body's return value once finished (undefined before). */
  get result(): unknown {
    return this.value;
  }

  /** True until the body returns or throws. */
  get isAlive(): boolean {
    return !this.triggered;
  }

  /**
   * Throws an `Interrupt(reason)` inside the process at its current yield, at
   * the current instant; whatever it was waiting for no longer resumes it.
   */
  interrupt(reason?: unknown): void {
    if (this.triggered) throw new Error('Process.interrupt: the process has already finished');
    if (this.running) throw new Error('Process.interrupt: a process cannot interrupt itself');
    this.sim.schedule(0, () => {
      if (this.triggered) return;
      this.abandonWait();
      this.step(new Interrupt(reason), true);
    });
  }

  /** @internal Called by a signal this process waits on. */
  resumeFrom(signal: Signal<any>, token: number): void {
    if (token !== this.waitToken || this.waitingOn !== signal) return; // stale: interrupted meanwhile
    this.waitingOn = null;
    if (signal.failed) this.step(signal.error, true);
    else this.step(signal.value, false);
  }

  private abandonWait(): void {
    if (this.timeoutHandle !== -1) {
      this.sim.cancel(this.timeoutHandle);
      this.timeoutHandle = -1;
    }
    this.waitingOn = null;
    this.waitToken++;
  }

  private step(input: unknown, isThrow: boolean): void {
    const sim = this.sim;
    const previous = sim.activeProcess;
    sim.activeProcess = this;
    this.running = true;
    try {
      for (;;) {
        let result: IteratorResult<Yieldable, unknown>;
        try {
          result = isThrow ? this.body.throw(input) : this.body.next(input);
        } catch (error) {
          this.running = false;
          // Nobody to hand the failure to: crash the run loudly rather than lose it.
          if (!this.hasWaiters) throw error;
          this.fail(error);
          return;
        }
        if (result.done) {
          this.running = false;
          this.fire(result.value);
          return;
        }
        const yielded = result.value;
        if (typeof yielded === 'number') {
          this.timeoutHandle = sim.schedule(yielded, this.resumeAfterTimeout);
          return;
        }
        if (yielded instanceof Signal) {
          if (yielded.triggered) {
            // Already happened: continue at once with its outcome.
            if (yielded.failed) {
              input = yielded.error;
              isThrow = true;
            } else {
              input = yielded.value;
              isThrow = false;
            }
            continue;
          }
          this.waitingOn = yielded;
          yielded.addWaitingProcess(this, ++this.waitToken);
          return;
        }
        input = new TypeError(
          `a process yielded ${typeof yielded === 'object' ? 'an object' : String(yielded)}; ` +
            'yield a number of seconds, sim.timeout(s), a signal, a process, a flow, sim.allOf([...]) or sim.anyOf([...])',
        );
        isThrow = true;
      }
    } finally {
      this.running = false;
      sim.activeProcess = previous;
    }
  }
}

/** Turns a yieldable into a signal (numbers become timeouts). */
export function asSignal(sim: Simulator, item: Yieldable): Signal<any> {
  if (typeof item === 'number') return new Timeout(sim, item);
  if (item instanceof Signal) return item;
  throw new TypeError(`expected a signal, process, flow or number of seconds, got ${typeof item}`);
}

/** Fires with every item's value (in item order) when all have fired; fails as soon as one fails. */
export function allOf(sim: Simulator, items: readonly Yieldable[]): Signal<unknown[]> {
  const condition = new Signal<unknown[]>(sim);
  const signals = items.map((item) => asSignal(sim, item));
  let remaining = signals.length;
  const values: unknown[] = new Array(signals.length);
  if (remaining === 0) {
    condition.fire(values);
    return condition;
  }
  signals.forEach((signal, index) => {
    signal.onFire((fired) => {
      if (condition.triggered) return;
      if (fired.failed) {
        condition.fail(fired.error);
        return;
      }
      values[index] = fired.value;
      if (--remaining === 0) condition.fire(values);
    });
  });
  return condition;
}

/** What `yield sim.anyOf([...])` gives: which item fired first, and its value. */
export interface AnyOfResult {
  index: number;
  value: unknown;
}

/** Fires with the first item to fire (lowest index among those already fired); fails if that one failed. */
export function anyOf(sim: Simulator, items: readonly Yieldable[]): Signal<AnyOfResult> {
  if (items.length === 0) throw new Error('anyOf: needs at least one item (an empty anyOf would never fire)');
  const condition = new Signal<AnyOfResult>(sim);
  const signals = items.map((item) => asSignal(sim, item));
  signals.forEach((signal, index) => {
    signal.onFire((fired) => {
      if (condition.triggered) return;
      if (fired.failed) condition.fail(fired.error);
      else condition.fire({ index, value: fired.value });
    });
  });
  return condition;
}
