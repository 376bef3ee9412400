/**
 * One sweep worker: loads the scenario once, then takes variant indices from the
 * counter it shares with the other threads until none are left, posting each result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadProfile } from '../../calibration/load';
import { runVariant } from '../scenario/run';
import { loadScenarioFile } from './files';
import type { WorkerRunOptions } from './parallel';

const { file, options, next: nextBuffer, total } = workerData as { file: string; options: WorkerRunOptions; next: SharedArrayBuffer; total: number };
const port = parentPort!;
const loaded = loadScenarioFile(file);
const profiles = new Map<string, ReturnType<typeof loadProfile>>();
const profile = (p: string) => {
  if (!profiles.has(p)) profiles.set(p, loadProfile(p, file));
  return profiles.get(p)!;
};
const next = new Int32Array(nextBuffer);
port.postMessage('ready');
for (let index = Atomics.add(next, 0, 1); index < total; index = Atomics.add(next, 0, 1)) {
  try {
    port.postMessage({ index, result: runVariant(loaded.variants[index], { ...options, profile }) });
  } catch (e) {
    const err = e as Error & { issues?: unknown };
    port.postMessage({ index, error: { name: err.name, message: err.message, issues: err.issues } });
    break;
  }
}
port.close();
