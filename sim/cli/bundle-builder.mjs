// Runs one esbuild build in a thread of its own: the main thread may be busy running sweep variants,
// and the bundler's answers (the input list) would otherwise wait for it between variants.
// Plain JavaScript so that it starts without the TypeScript loader. Answers { inputs } or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import { build } from 'esbuild';

try {
  const result = await build({ ...workerData.options, write: true, metafile: true });
  parentPort.postMessage({ inputs: Object.keys(result.metafile.inputs) });
} catch (e) {
  parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) });
}
