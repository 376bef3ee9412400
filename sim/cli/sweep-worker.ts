/** One sweep worker: loads the scenario once, then runs each variant index it is sent (-1 = stop). */
import { parentPort, workerData } from 'node:worker_threads';
import { loadProfile } from '../../calibration/load';
import { runVariant } from '../scenario/run';
import { loadScenarioFile } from './files';
import type { WorkerRunOptions } from './parallel';

const { file, options } = workerData as { file: string; options: WorkerRunOptions };
const port = parentPort!;
const loaded = loadScenarioFile(file);
const profiles = new Map<string, ReturnType<typeof loadProfile>>();
const profile = (p: string) => {
  if (!profiles.has(p)) profiles.set(p, loadProfile(p, file));
  return profiles.get(p)!;
};
port.on('message', (index: number) => {
  if (index < 0) {
    port.close();
    return;
  }
  try {
    const result = runVariant(loaded.variants[index], { ...options, profile });
    port.postMessage({ index, result });
  } catch (e) {
    const err = e as Error & { issues?: unknown };
    port.postMessage({ index, error: { name: err.name, message: err.message, issues: err.issues } });
  }
});
port.postMessage('ready');
