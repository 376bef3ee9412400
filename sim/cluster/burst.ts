/**
 * A job sent to rented cloud capacity: it runs at once on its own devices.
 * On spot capacity, interruptions arrive as a Poisson process; each loses the
 * work since the last checkpoint (all of it without checkpoints) and pays a
 * restore before the job continues. On-demand: rate 0, elapsed = duration.
 */
import type { Rng } from '../engine/rng';

export interface CloudRun {
  /** Wall time from start to finish, s (billed per device). */
  elapsedS: number;
  interruptions: number;
  /** Time spent on work that was lost or on restores, s. */
  lostS: number;
}

export function cloudRun(durationS: number, interruptionsPerHour: number, checkpointIntervalS: number | undefined, restoreS: number, rng: Rng): CloudRun {
  if (interruptionsPerHour <= 0) return { elapsedS: durationS, interruptions: 0, lostS: 0 };
  const rate = interruptionsPerHour / 3600;
  let left = durationS;
  let elapsed = 0;
  let lost = 0;
  let interruptions = 0;
  let restore = 0;
  // Bounded: with no checkpoints and a rate far above 1/duration the job would rarely finish.
  while (interruptions < 100_000) {
    const gap = rng.exponential(rate);
    if (gap >= restore + left) return { elapsedS: elapsed + restore + left, interruptions, lostS: lost + restore };
    const productive = Math.max(0, gap - restore);
    const kept = checkpointIntervalS ? Math.floor(productive / checkpointIntervalS) * checkpointIntervalS : 0;
    left -= kept;
    lost += gap - kept;
    elapsed += gap;
    interruptions++;
    restore = restoreS;
  }
  throw new Error(`cloud job of ${durationS} s cannot finish at ${interruptionsPerHour} spot interruptions per hour without checkpoints`);
}
