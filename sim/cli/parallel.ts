/**
 * Sweeps on every core: worker threads each load the scenario file and run the
 * variants the main thread hands them, one at a time. Results are placed by
 * variant index, so the output is the same whatever the number of workers.
 */
import { Worker } from 'node:worker_threads';
import { InputError, RunLimitError, type InputIssue } from '../errors';
import type { Fidelity, RunResult } from '../result';

export interface WorkerRunOptions { fidelity?: Fidelity; seed?: number; timing?: boolean }

export type WorkerReply = { index: number; result: RunResult } | { index: number; error: { name: string; message: string; issues?: unknown } };

/**
 * Run variants `first..total-1` of the scenario file on `workers` threads; returns results for
 * those indices in order (index i of the result is variant first + i).
 */
export async function runVariantsInWorkers(file: string, total: number, workers: number, options: WorkerRunOptions, onDone?: (done: number, total: number) => void, first = 0): Promise<RunResult[]> {
  const results = new Array<RunResult>(total);
  let next = first;
  let done = 0;
  const count = Math.min(workers, total - first);
  const url = new URL('./sweep-worker.mjs', import.meta.url);
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    let alive = count;
    const pool: Worker[] = [];
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(e);
    };
    for (let w = 0; w < count; w++) {
      const worker = new Worker(url, { workerData: { file, options } });
      pool.push(worker);
      const feed = () => {
        if (next < total) worker.postMessage(next++);
        else worker.postMessage(-1);
      };
      worker.on('message', (msg: WorkerReply | 'ready') => {
        if (msg === 'ready') return feed();
        if ('error' in msg) {
          const e = msg.error;
          if (e.name === 'InputError' && Array.isArray(e.issues)) return fail(new InputError(e.issues as InputIssue[]));
          if (e.name === 'RunLimitError') return fail(new RunLimitError(e.message));
          return fail(Object.assign(new Error(e.message), { name: e.name }));
        }
        results[msg.index] = msg.result;
        done++;
        onDone?.(first + done, total);
        feed();
      });
      worker.on('error', fail);
      worker.on('exit', () => {
        alive--;
        if (alive === 0 && !failed) done === total - first ? resolve() : reject(new Error(`workers exited with ${total - first - done} variants not run`));
      });
    }
  });
  return results.slice(first);
}
