/**
 * Sweeps on every core: worker threads each load the scenario file and take
 * variant indices from one shared counter until none are left; the calling
 * thread can take its share too, so it works while the workers start. Results
 * are placed by variant index, so the output is the same whatever the number
 * of threads and whichever thread ran which variant. Workers start from one
 * bundled module (worker-bundle.ts), a fraction of a second where the
 * TypeScript loader takes seconds.
 */
import { Worker } from 'node:worker_threads';
import { InputError, RunLimitError, type InputIssue } from '../errors';
import type { Fidelity, RunResult } from '../result';
import { sweepWorkerEntry, type WorkerEntry } from './worker-bundle';

export interface WorkerRunOptions { fidelity?: Fidelity; seed?: number; timing?: boolean }

export type WorkerReply = 'ready' | { index: number; result: RunResult } | { index: number; error: { name: string; message: string; issues?: unknown } };

export interface WorkerPoolOptions {
  /** Worker threads to start (no more than there are variants to run). */
  workers: number;
  /** The first variant to run here; the caller ran those before it. */
  first?: number;
  /** Runs one variant on the calling thread, which then takes variants alongside the workers. */
  runHere?: (index: number) => RunResult;
  /** Where workers start from; found or built when not given. */
  entry?: WorkerEntry | Promise<WorkerEntry>;
  /** After each variant: variants done (counting those before `first`) of `total`. */
  onDone?: (done: number, total: number) => void;
  /** Once per worker: seconds from its start to its readiness to take a variant. */
  onReady?: (seconds: number) => void;
  /** Why workers start the slow way, when they must; written to stderr when not given. */
  onWarning?: (message: string) => void;
}

/**
 * Run variants `first..total-1` of the scenario file on worker threads (and this
 * thread, given `runHere`); returns their results in order (index i is variant first + i).
 */
export async function runVariantsInWorkers(file: string, total: number, options: WorkerRunOptions, pool: WorkerPoolOptions): Promise<RunResult[]> {
  const first = pool.first ?? 0;
  const results = new Array<RunResult>(total);
  let done = 0;
  const finished = (index: number, result: RunResult) => {
    results[index] = result;
    done++;
    pool.onDone?.(first + done, total);
  };
  const next = new Int32Array(new SharedArrayBuffer(4));
  next[0] = first;
  const count = Math.max(0, Math.min(pool.workers, total - first));
  const entry = count > 0 ? await (pool.entry ?? sweepWorkerEntry()) : undefined;
  if (entry?.warning) (pool.onWarning ?? ((m: string) => process.stderr.write(`warning: ${m}\n`)))(entry.warning);

  const workers: Worker[] = [];
  let failure: Error | undefined;
  const stop = (e: Error) => {
    if (failure) return;
    failure = e;
    Atomics.store(next, 0, total);
    for (const w of workers) void w.terminate();
  };
  const exited = Promise.all(Array.from({ length: count }, () => {
    const started = performance.now();
    let ready = false;
    const worker = new Worker(entry!.url, { workerData: { file, options, next: next.buffer, total } });
    workers.push(worker);
    worker.on('message', (msg: WorkerReply) => {
      if (msg === 'ready') {
        ready = true;
        pool.onReady?.((performance.now() - started) / 1000);
      } else if ('error' in msg) stop(replyError(msg.error));
      else finished(msg.index, msg.result);
    });
    // The thread's own error, without its stack: the CLI shows the message only.
    worker.on('error', (e: Error) => stop(new Error(`${ready ? 'a sweep worker stopped' : `a sweep worker could not start from ${entry!.url.pathname}`}: ${e.message}`)));
    return new Promise<void>((resolve) => worker.on('exit', () => resolve()));
  }));

  if (pool.runHere) {
    for (let index = Atomics.add(next, 0, 1); index < total; index = Atomics.add(next, 0, 1)) {
      try {
        finished(index, pool.runHere(index));
      } catch (e) {
        stop(e as Error);
        break;
      }
      // Let the workers' results and errors in between variants run here.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await exited;
  if (failure) throw failure;
  if (done !== total - first) throw new Error(`sweep workers stopped with ${total - first - done} variants not run`);
  return results.slice(first);
}

function replyError(e: { name: string; message: string; issues?: unknown }): Error {
  if (e.name === 'InputError' && Array.isArray(e.issues)) return new InputError(e.issues as InputIssue[]);
  if (e.name === 'RunLimitError') return new RunLimitError(e.message);
  return Object.assign(new Error(e.message), { name: e.name });
}

/**
 * Seconds from `new Worker` to a worker ready for its first variant, bundle cached
 * (bench: sweep.workerStartupS, 2-core AMD EPYC, Node 20.20, 2026-11-25; was 3.6-3.9 s through tsx).
 */
export const WORKER_STARTUP_S = 0.5;

/** Seconds to build the worker bundle when no cached one fits (bench: sweep.workerBundleBuildS, same machine and date). */
export const WORKER_BUNDLE_BUILD_S = 1.5;

/**
 * Whether worker threads shorten the rest of a sweep that this thread keeps
 * working on: only when a worker, ready after `startupS`, still finds a variant
 * left, i.e. this thread alone would still be busy then with more than the one it
 * is running, ((remaining − 1) · perVariantS > startupS). Required twice over,
 * since the cost of a variant is known from one run and starting a worker takes
 * a core from whatever else the machine runs.
 */
export function workersPayOff(perVariantS: number, remaining: number, startupS: number): boolean {
  return (remaining - 1) * perVariantS > 2 * startupS;
}
