/** Node file access for scenarios: reading, `extends`, and writes that never leave a file half-written. */
import { readFileSync, renameSync, writeFileSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors';
import { loadScenarioText, type FileAccess, type LoadedScenario } from '../scenario/load';
import { isPlainObject } from '../scenario/paths';

export const nodeFiles: FileAccess = {
  read: (path) => readFileSync(path, 'utf8'),
  resolve: (fromFile, relative) => resolve(dirname(fromFile), relative),
};

export function readInputFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError({ file: path, path: '', expected: 'a readable scenario file (YAML or JSON)', found: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : String(code) });
  }
}

/** Paths written inside a scenario (calibration profile, trace files) are relative to the scenario file. */
function resolvePathsInScenario(loaded: LoadedScenario, file: string): void {
  const base = dirname(resolve(file));
  for (const v of loaded.variants) {
    const s = v.scenario as { calibration: string; workload: Record<string, unknown> };
    if (s.calibration !== 'builtin' && !s.calibration.startsWith('/')) s.calibration = resolve(base, s.calibration);
    const source = s.workload.source;
    if (isPlainObject(source) && typeof source.file === 'string' && !source.file.startsWith('/')) source.file = resolve(base, source.file);
  }
}

export function loadScenarioFile(path: string): LoadedScenario {
  const text = readInputFile(path);
  const loaded = loadScenarioText(text, path, nodeFiles);
  resolvePathsInScenario(loaded, path);
  return loaded;
}

/** Write to a temporary file beside the target, then rename: readers never see half a file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* nothing to clean */ }
    throw e;
  }
}
