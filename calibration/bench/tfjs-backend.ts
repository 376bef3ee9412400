/**
 * TensorFlow.js backends in Node: wasm (SIMD build, path set to the package's
 * dist folder), cpu (plain JS), and tfjs-node / tfjs-node-gpu when installed
 * (loaded by dynamic import only, since they are optional native packages).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type TF = typeof import('@tensorflow/tfjs');

export const backendNames = ['wasm', 'cpu', 'tfjs-node', 'tfjs-node-gpu'] as const;
export type BackendName = (typeof backendNames)[number];

export class BackendUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

export interface LoadedBackend {
  tf: TF;
  name: BackendName;
  /** The tfjs backend id actually active ('wasm', 'cpu', 'tensorflow'). */
  tfBackend: string;
  version: string;
  /** Whether tensors live on a separate device (host↔device transfers are meaningful). */
  hasDevice: boolean;
  gpuName?: string;
}

const installHint: Record<string, string> = {
  'tfjs-node-gpu': 'install @tensorflow/tfjs-node-gpu on a CUDA host (npm install @tensorflow/tfjs-node-gpu)',
  'tfjs-node': 'install @tensorflow/tfjs-node (npm install @tensorflow/tfjs-node)',
};

async function importOptional(name: string): Promise<unknown> {
  // A variable specifier keeps bundlers and the type checker from requiring the package.
  const specifier = name;
  return import(/* @vite-ignore */ specifier);
}

export async function loadBackend(name: string): Promise<LoadedBackend> {
  if (!(backendNames as readonly string[]).includes(name)) {
    throw new BackendUnavailableError(`backend ${name} is not available: choose one of ${backendNames.join(', ')}`);
  }
  const backend = name as BackendName;
  if (backend === 'tfjs-node' || backend === 'tfjs-node-gpu') {
    let mod: TF;
    try {
      mod = (await importOptional(`@tensorflow/${backend}`)) as TF;
    } catch {
      throw new BackendUnavailableError(`backend ${backend} is not available: ${installHint[backend]}`);
    }
    await mod.setBackend('tensorflow');
    await mod.ready();
    return { tf: mod, name: backend, tfBackend: mod.getBackend(), version: mod.version.tfjs, hasDevice: backend === 'tfjs-node-gpu' };
  }
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(pathToFileURL(join(dist, '/')).href + '/');
  }
  let ok = false;
  try {
    ok = await tf.setBackend(backend);
    await tf.ready();
  } catch (e) {
    throw new BackendUnavailableError(`backend ${backend} is not available: ${(e as Error).message}`);
  }
  if (!ok || tf.getBackend() !== backend) throw new BackendUnavailableError(`backend ${backend} is not available: tfjs could not initialise it`);
  // The cpu backend prints a banner on first use in Node; the calibration output says which backend runs.
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  return { tf, name: backend, tfBackend: backend, version: tf.version.tfjs, hasDevice: false };
}
