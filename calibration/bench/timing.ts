/**
 * Timing of one benchmark point: warm up, repeat, report the median and the
 * spread. The timed function must not return before the work is done: for
 * asynchronous backends it awaits the result's data inside the timed region.
 */

export interface Timing {
  medianS: number;
  minS: number;
  maxS: number;
  repeats: number;
  /**
   * Fastest repeat counting, per repeat, the smaller of wall time and this
   * process's CPU time: for work that runs on the calling thread it removes
   * the time the OS gave to other processes (set when a CPU clock is given).
   */
  busyMinS?: number;
}

export interface RepeatOptions {
  /** Untimed runs first (compilation, allocation, caches)... */
  warmup: number;
  /** ...continuing until this much time has gone on them (JIT tiers of a JavaScript backend), bounded by maxRepeats runs. */
  warmupS?: number;
  /** At least this many timed runs... */
  minRepeats: number;
  /** ...and at most this many... */
  maxRepeats: number;
  /** ...stopping early once this much time has been spent on timed runs, s. */
  sliceS: number;
  /** Clock in seconds; injectable for tests. */
  now?: () => number;
  /** Process CPU-time clock in seconds, for backends that compute on this thread. */
  cpuNow?: () => number;
  /** Interleaved rounds (`timeInterleaved`): a sample repeats the call until it lasts this long, s (default 2 ms). */
  minSampleS?: number;
  /** Interleaved rounds: a call shorter than this gets one untimed call before its sample (default 5 ms). */
  rewarmBelowS?: number;
}

/** User + system CPU time of this process, s. */
export const processCpuClock = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

export const defaultClock = (): number => performance.now() / 1000;

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(samples: number[]): Timing {
  return { medianS: median(samples), minS: Math.min(...samples), maxS: Math.max(...samples), repeats: samples.length };
}

export async function timeRepeats(run: () => Promise<void> | void, options: RepeatOptions): Promise<Timing> {
  const now = options.now ?? defaultClock;
  const warmStart = now();
  for (let i = 0; i < options.maxRepeats && (i < options.warmup || now() - warmStart < (options.warmupS ?? 0)); i++) await run();
  const samples: number[] = [];
  let busyMin = Infinity;
  let spent = 0;
  while (samples.length < options.maxRepeats && (samples.length < options.minRepeats || spent < options.sliceS)) {
    const cpu0 = options.cpuNow?.();
    const start = now();
    await run();
    const dt = now() - start;
    if (options.cpuNow && cpu0 !== undefined) busyMin = Math.min(busyMin, dt, options.cpuNow() - cpu0);
    samples.push(dt);
    spent += dt;
  }
  const t = summarize(samples);
  return Number.isFinite(busyMin) ? { ...t, busyMinS: busyMin } : t;
}

/** A wall-clock budget shared by the phases of a calibration run. */
export class Budget {
  private readonly start: number;
  constructor(
    readonly totalS: number,
    private readonly now: () => number = defaultClock,
  ) {
    this.start = now();
  }
  elapsedS(): number {
    return this.now() - this.start;
  }
  leftS(): number {
    return Math.max(0, this.totalS - this.elapsedS());
  }
  /** True when `estimateS` more seconds still fit. */
  allows(estimateS: number): boolean {
    return estimateS <= this.leftS();
  }
}

/** One operation to time; a backend that computes synchronously returns nothing (no microtask per call). */
export type Call = () => Promise<void> | void;

async function call(run: Call): Promise<void> {
  const r = run();
  if (r) await r;
}

export interface InterleaveOptions extends RepeatOptions {
  /** Seconds the warm-up and the rounds may take together. */
  phaseS: number;
  /** The first this many calls are always kept, whatever the budget (so that every phase can be fitted). */
  keepAtLeast: number;
  /** Called once per call as it is warmed up, with its index (progress). */
  onWarm?: (index: number) => void;
  /** Seed of the per-round order (deterministic; default 1). */
  seed?: number;
  /**
   * Work of each call (FLOP, bytes): the next call's cost is predicted from the
   * last one's before its inputs are even created, so a call that cannot fit is not set up.
   */
  work?: number[];
}

/**
 * Time several operations in interleaved rounds: each round takes one sample
 * of every operation, in a new order each round, so a burst of load from
 * other processes lands on all operations alike instead of on whichever was
 * being repeated at the time, and no operation always follows the same
 * predecessor (whose garbage or evictions it would otherwise always pay for).
 *
 * Before the rounds every call is warmed up (`warmup` calls each, and the
 * short ones again until `warmupS` has passed: the JavaScript dispatch path
 * reaches its optimising JIT tier only after thousands of calls). A sample
 * repeats a call until it lasts `minSampleS` (the clock's resolution and one
 * stray pause are then a small part of it), after one untimed call when the
 * call is shorter than `rewarmBelowS` (the previous operation evicted this
 * one's operands from the caches; a repeated benchmark measures them warm).
 * The calls are taken in order of cost; those whose rounds would not fit
 * `phaseS` at least `minRepeats` times are not measured (undefined).
 * Per sample the time per call is kept, and with a CPU clock the busy time
 * per call, min(wall, process CPU time).
 */
export async function timeInterleaved(calls: Call[], opts: InterleaveOptions): Promise<Array<Timing | undefined>> {
  const now = opts.now ?? defaultClock;
  const start = now();
  const minSampleS = opts.minSampleS ?? 2e-3;
  const rewarmBelowS = opts.rewarmBelowS ?? 5e-3;
  const estimate: number[] = [];
  const roundCost = (t: number) => Math.max(1, Math.ceil(minSampleS / t)) * t + (t < rewarmBelowS ? t : 0);
  let committed = 0;
  let kept = 0;
  // Warm-up and selection: warm each call in order of cost while the rounds of those kept still fit.
  for (const [i, run] of calls.entries()) {
    const sofar = now() - start;
    const predicted = i > 0 ? estimate[i - 1] * Math.max(1, opts.work ? opts.work[i] / opts.work[i - 1] : 1) : 0;
    if (i >= opts.keepAtLeast && sofar + predicted * opts.warmup + (committed + roundCost(predicted)) * opts.minRepeats > opts.phaseS) break;
    let best = Infinity;
    for (let w = 0; w < Math.max(1, opts.warmup); w++) {
      const t0 = now();
      await call(run);
      best = Math.min(best, now() - t0);
    }
    estimate.push(best);
    opts.onWarm?.(i);
    const cost = roundCost(best);
    if (i >= opts.keepAtLeast && now() - start + (committed + cost) * opts.minRepeats > opts.phaseS) break;
    committed += cost;
    kept = i + 1;
  }
  const warmupEnd = start + (opts.warmupS ?? 0);
  while (now() < warmupEnd) {
    for (let i = 0; i < kept; i++) if (estimate[i] < minSampleS) await call(calls[i]);
  }
  const wall: number[][] = Array.from({ length: kept }, () => []);
  const busy: number[][] = Array.from({ length: kept }, () => []);
  const reps = estimate.slice(0, kept).map((t) => Math.max(1, Math.ceil(minSampleS / t)));
  const order = Array.from({ length: kept }, (_, i) => i);
  let state = (opts.seed ?? 1) >>> 0;
  for (let round = 0; round < opts.maxRepeats; round++) {
    const roundStart = now();
    // A new order every round (Fisher-Yates on a 32-bit LCG, Numerical Recipes constants): each call
    // follows a different predecessor, so one that leaves garbage or cold caches behind does not always
    // hit the same neighbour.
    for (let j = kept - 1; j > 0; j--) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      const r = state % (j + 1);
      [order[j], order[r]] = [order[r], order[j]];
    }
    for (let j = 0; j < kept; j++) {
      const i = order[j];
      if (estimate[i] < rewarmBelowS) await call(calls[i]);
      const c0 = opts.cpuNow?.();
      const t0 = now();
      for (let r = 0; r < reps[i]; r++) await call(calls[i]);
      const dt = (now() - t0) / reps[i];
      wall[i].push(dt);
      if (opts.cpuNow && c0 !== undefined) busy[i].push(Math.min(dt, (opts.cpuNow() - c0) / reps[i]));
    }
    const elapsed = now() - start;
    // The minimum rounds are owed unless the phase is already twice over (a host far busier than at selection).
    const owed = round + 1 < opts.minRepeats && elapsed < 2 * opts.phaseS;
    if (!owed && elapsed + (now() - roundStart) > opts.phaseS) break;
  }
  return calls.map((_, i) => {
    if (i >= kept) return undefined;
    const t = summarize(wall[i]);
    return busy[i].length ? { ...t, busyMinS: Math.min(...busy[i]) } : t;
  });
}
