/**
 * Resolve the `calibration:` of a scenario to a profile: 'builtin' or a path
 * to a profile JSON file (relative paths against the scenario's directory).
 * Node only (reads files); the browser uses `builtinProfile` or parses text
 * with `parseProfile`.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError, type InputIssue } from '../sim/errors';
import { builtinProfile } from './builtin';
import type { CalibrationProfile } from './profile';
import { calibrationProfileSchema } from './schema';

/** Validate JSON text as a profile; errors name the file and the path inside it. */
export function parseProfile(text: string, file = '<input>'): CalibrationProfile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError({ file, path: '', expected: 'a calibration profile in JSON (clusterplan.calibration/1)', found: `invalid JSON (${(e as Error).message})` });
  }
  const parsed = calibrationProfileSchema.safeParse(data);
  if (!parsed.success) {
    const issues: InputIssue[] = parsed.error.issues.map((issue) => ({
      file,
      path: issue.path.map(String).join('.'),
      expected: issue.message.replace(/^Invalid input: expected /, '').replace(/^expected /, ''),
    }));
    throw new InputError(issues);
  }
  return parsed.data as CalibrationProfile;
}

/**
 * 'builtin' → the bundled profile; anything else is a path to a profile file,
 * resolved against the directory of `file` (the scenario) when relative.
 */
export function loadProfile(pathOrId: string, file?: string): CalibrationProfile {
  if (pathOrId === 'builtin') return builtinProfile;
  const path = file ? resolve(dirname(file), pathOrId) : resolve(pathOrId);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError({
      file: file ?? '<input>',
      path: 'calibration',
      expected: "'builtin' or the path of a calibration profile file",
      found: `${pathOrId} (no such readable file: ${path})`,
    });
  }
  return parseProfile(text, path);
}

/**
 * Overlay profiles: devices, collectives and storage entries of later
 * profiles replace same-named entries of earlier ones (e.g. a local nccl-tests
 * import on top of 'builtin'). The id and host are the last profile's.
 */
export function mergeProfiles(...profiles: CalibrationProfile[]): CalibrationProfile {
  if (profiles.length === 0) throw new Error('mergeProfiles: no profiles');
  const byKey = <T>(lists: T[][], key: (t: T) => string): T[] => {
    const m = new Map<string, T>();
    for (const list of lists) for (const item of list) m.set(key(item), item);
    return [...m.values()];
  };
  const last = profiles[profiles.length - 1];
  return {
    ...last,
    devices: byKey(profiles.map((p) => p.devices), (d) => d.device),
    collectives: byKey(profiles.map((p) => p.collectives), (c) => `${c.op}|${c.scope}|${c.ranks}`),
    storage: byKey(profiles.map((p) => p.storage), (s) => s.name),
    points: profiles.flatMap((p) => p.points ?? []),
  };
}
