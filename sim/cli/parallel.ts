/**
 * Sweeps on every core. This thread starts on the variants at once while worker
 * threads load (from one bundled module, worker-bundle.ts: a fraction of a
 * second); each worker, once loaded, takes variant indices from the counter all
 * threads share until none are left. A worker still loading when the variants
 * run out is stopped, so a cheap sweep never waits for one: no guess of whether
 * workers pay off is needed. Results are placed by variant index, so the output
 * is the same whatever the number of threads and whichever ran which variant.
 */
import { Worker } from 'node:worker_threads';
import { InputError, RunLimitError, type InputIssue } from '../errors';
import type { RunResult } from '../result';
import { NEXT_VARIANT, WORKER_NOT_NEEDED, WORKER_STARTING, claimSlot, sharedSweepState, type WorkerRunOptions, type WorkerStart } from './sweep-protocol';
import { abandonBundleBuilds, cachedSweepWorker, sweepWorkerEntry, type WorkerEntry } from './worker-bundle';

export type { WorkerRunOptions } from './sweep-protocol';

export type WorkerReply = 'ready' | { index: number; result: RunResult } | { index: number; error: { name: string; message: string; issues?: unknown } };

export interface WorkerPoolOptions {
  /** Worker threads to start (no more than there are variants to run). */
  workers: number;
  /** The first variant to run; the caller ran those before it. */
  first?: number;
  /** Runs one variant on this thread, which then takes variants alongside the workers from the start. */
  runHere?: (index: number) => RunResult;
  /** Where workers start from: by default the cached bundle, else one built now (workers start once it is). */
  entry?: WorkerEntry | Promise<WorkerEntry>;
  /** After each variant: variants done (counting those before `first`) of `total`. */
  onDone?: (done: number, total: number) => void;
  /** Once per worker: seconds from its start to its readiness to take a variant. */
  onReady?: (seconds: number) => void;
  /** Why workers start the slow way, when they must; written to stderr when not given. */
  onWarning?: (message: string) => void;
}

/**
 * Run variants `first..total-1` of the scenario file on worker threads (and on this
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
  const count = Math.max(0, Math.min(pool.workers, total - first));
  const state = sharedSweepState(count, first);
  const workers: Worker[] = [];
  const exits: Promise<void>[] = [];
  let failure: Error | undefined;
  let outOfVariants = false;
  const stop = (e: Error) => {
    if (failure) return;
    failure = e;
    Atomics.store(state, NEXT_VARIANT, total);
    for (const w of workers) void w.terminate();
  };

  const start = (entry: WorkerEntry) => {
    if (failure || outOfVariants) return;
    if (entry.warning) (pool.onWarning ?? ((m: string) => process.stderr.write(`warning: ${m}\n`)))(entry.warning);
    for (let w = 0; w < count; w++) {
      const started = performance.now();
      let ready = false;
      const workerData: WorkerStart = { file, options, shared: state.buffer as SharedArrayBuffer, slot: claimSlot(w), total };
      const worker = new Worker(entry.url, { workerData });
      workers.push(worker);
      worker.on('message', (msg: WorkerReply) => {
        if (msg === 'ready') {
          ready = true;
          pool.onReady?.((performance.now() - started) / 1000);
        } else if ('error' in msg) stop(replyError(msg.error));
        else finished(msg.index, msg.result);
      });
      // The thread's own error, without its stack: the CLI shows the message only.
      worker.on('error', (e: Error) => stop(new Error(`${ready ? 'a sweep worker stopped' : `a sweep worker could not start from ${entry.url.pathname}`}: ${e.message}`)));
      exits.push(new Promise<void>((resolve) => worker.on('exit', () => resolve())));
    }
  };
  const entry = count === 0 ? undefined : pool.entry ?? cachedSweepWorker() ?? sweepWorkerEntry();
  const entryReady = entry instanceof Promise ? entry.then(start, (e: Error) => stop(e)) : entry && start(entry);

  if (pool.runHere) {
    for (let index = Atomics.add(state, NEXT_VARIANT, 1); index < total; index = Atomics.add(state, NEXT_VARIANT, 1)) {
      try {
        finished(index, pool.runHere(index));
      } catch (e) {
        stop(e as Error);
        break;
      }
      // Let workers start (the bundle may have been built meanwhile) and their results in.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Out of variants: a worker that has not claimed its place yet is not needed; stop it rather than wait for it.
    outOfVariants = true;
    workers.forEach((worker, w) => {
      if (Atomics.compareExchange(state, claimSlot(w), WORKER_STARTING, WORKER_NOT_NEEDED) === WORKER_STARTING) void worker.terminate();
    });
    // A bundle still being built is not needed either (this sweep was cheap); the next sweep that needs it builds it.
    if (workers.length === 0 && entry instanceof Promise) await abandonBundleBuilds();
  } else await entryReady;
  await Promise.all(exits);
  if (failure) throw failure;
  if (done !== total - first) throw new Error(`sweep workers stopped with ${total - first - done} variants not run`);
  return results.slice(first);
}

function replyError(e: { name: string; message: string; issues?: unknown }): Error {
  if (e.name === 'InputError' && Array.isArray(e.issues)) return new InputError(e.issues as InputIssue[]);
  if (e.name === 'RunLimitError') return new RunLimitError(e.message);
  return Object.assign(new Error(e.message), { name: e.name });
}
