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
