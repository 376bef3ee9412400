/**
 * What the main thread and the sweep workers share: one Int32Array over a
 * SharedArrayBuffer holding the next variant index to take, then one claim per
 * worker. A worker that finds its claim still `starting` once loaded turns it to
 * `working` and takes variants; the main thread, out of variants, turns the
 * claims still `starting` to `notNeeded` and stops those workers. The
 * compare-and-exchange on the claim decides which happened first, so no
 * variant is taken by a worker that is being stopped.
 */
import type { Fidelity } from '../result';

export interface WorkerRunOptions { fidelity?: Fidelity; seed?: number; timing?: boolean }

/** What a worker is started with (its workerData). */
export interface WorkerStart {
  file: string;
  options: WorkerRunOptions;
  shared: SharedArrayBuffer;
  /** Index of this worker's claim in `shared`. */
  slot: number;
  total: number;
}

/** Index in the shared array of the next variant to take. */
export const NEXT_VARIANT = 0;

export const WORKER_STARTING = 0;
export const WORKER_WORKING = 1;
export const WORKER_NOT_NEEDED = 2;

export function sharedSweepState(workers: number, first: number): Int32Array {
  const state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (1 + workers)));
  state[NEXT_VARIANT] = first;
  return state;
}

export function claimSlot(worker: number): number {
  return 1 + worker;
}
