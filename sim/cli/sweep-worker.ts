/**
 * One sweep worker: loads the scenario once, then, unless the sweep finished
 * while it loaded, takes variant indices from the counter it shares with the
 * other threads until none are left, posting each result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadProfile } from '../../calibration/load';
import { runVariant } from '../scenario/run';
import { loadScenarioFile } from './files';
import { NEXT_VARIANT, WORKER_STARTING, WORKER_WORKING, type WorkerStart } from './sweep-protocol';

const { file, options, shared, slot, total } = workerData as WorkerStart;
const port = parentPort!;
const loaded = loadScenarioFile(file);
const profiles = new Map<string, ReturnType<typeof loadProfile>>();
const profile = (p: string) => {
  if (!profiles.has(p)) profiles.set(p, loadProfile(p, file));
  return profiles.get(p)!;
};
const state = new Int32Array(shared);
port.postMessage('ready');
// Claim a place in the sweep; the main thread marks a worker not needed once no variant is left.
if (Atomics.compareExchange(state, slot, WORKER_STARTING, WORKER_WORKING) === WORKER_STARTING) {
  for (let index = Atomics.add(state, NEXT_VARIANT, 1); index < total; index = Atomics.add(state, NEXT_VARIANT, 1)) {
    try {
      port.postMessage({ index, result: runVariant(loaded.variants[index], { ...options, profile }) });
    } catch (e) {
      const err = e as Error & { issues?: unknown };
      port.postMessage({ index, error: { name: err.name, message: err.message, issues: err.issues } });
      break;
    }
  }
}
port.close();
