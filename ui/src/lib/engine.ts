/**
 * The planner's engine facade: scenario text in, plain results (or the issues
 * that stop it) out. Runs inside the engine worker; everything it returns is
 * structured-cloneable so it crosses the comlink boundary unchanged.
 */
import { builtinProfile } from '../../../calibration/builtin';
import type { CalibrationProfile } from '../../../calibration/profile';
import { InputError, type InputIssue } from '../../../sim/errors';
import type { Fidelity, RunResult } from '../../../sim/result';
import { loadScenarioText, type LoadedScenario } from '../../../sim/scenario/load';
import { runVariant } from '../../../sim/scenario/run';

export interface VariantInfo {
  label: string;
  option?: string;
  sweepPoint?: Record<string, unknown>;
}

export type Evaluation =
  | { status: 'ok'; name: string; description?: string; variants: VariantInfo[]; results: RunResult[]; fidelity: Fidelity; elapsedMs: number; timing: { loadMs: number; runMs: number; startedAtMs: number; timeOrigin: number }; objectives?: Array<{ metric: string; goal: 'min' | 'max' }> }
  | { status: 'invalid'; issues: InputIssue[] }
  | { status: 'unsupported'; message: string }
  | { status: 'failed'; message: string };

export interface EvaluateRequest {
  text: string;
  file: string;
  fidelity: Fidelity;
  /** Profiles the user calibrated in this browser, by id ('builtin' is always there). */
  profiles: CalibrationProfile[];
  /** Only this variant (DES runs one option at a time); all variants when absent. */
  variant?: number;
}

export function profileResolver(profiles: CalibrationProfile[]): (name: string) => CalibrationProfile {
  return (name) => {
    if (name === 'builtin') return builtinProfile;
    const found = profiles.find((p) => p.id === name);
    if (found) return found;
    throw new InputError({ file: '<scenario>', path: 'calibration', expected: `'builtin' or a profile saved in this browser (${profiles.map((p) => p.id).join(', ') || 'none yet: calibrate first'})`, found: JSON.stringify(name) });
  };
}

/** Trace workloads read CSV files from disk, which a page cannot do. */
function unsupportedInBrowser(loaded: LoadedScenario): string | undefined {
  const w = loaded.base.workload as { kind: string; source?: unknown; trace?: unknown; file?: unknown };
  if (w.kind === 'trace' && (typeof w.file === 'string' || typeof w.trace === 'string' || (typeof w.source === 'object' && w.source !== null && 'file' in w.source))) {
    return 'This scenario replays a job trace from a CSV file on disk, which the browser cannot read. Run it with the CLI: npx clusterplan run FILE';
  }
  return undefined;
}

export function loadOnly(text: string, file: string): { status: 'ok'; loaded: LoadedScenario } | { status: 'invalid'; issues: InputIssue[] } {
  try {
    return { status: 'ok', loaded: loadScenarioText(text, file) };
  } catch (e) {
    if (e instanceof InputError) return { status: 'invalid', issues: e.issues };
    throw e;
  }
}

export function evaluate(req: EvaluateRequest, onProgress?: (fraction: number) => void): Evaluation {
  const started = performance.now();
  const l = loadOnly(req.text, req.file);
  if (l.status === 'invalid') return l;
  const loaded = l.loaded;
  const loadedAt = performance.now();
  const why = unsupportedInBrowser(loaded);
  if (why) return { status: 'unsupported', message: why };
  const indices = req.variant === undefined ? loaded.variants.map((_, i) => i) : [req.variant];
  const profile = profileResolver(req.profiles);
  try {
    const results = indices.map((i, k) =>
      runVariant(loaded.variants[i], {
        profile,
        fidelity: req.fidelity,
        onProgress: onProgress ? (f) => onProgress((k + Math.min(1, Math.max(0, f))) / indices.length) : undefined,
      }),
    );
    const finished = performance.now();
    return {
      status: 'ok',
      name: loaded.name,
      description: loaded.description,
      variants: loaded.variants.map((v) => ({ label: v.label, option: v.option, sweepPoint: v.sweepPoint })),
      results,
      fidelity: req.fidelity,
      elapsedMs: finished - started,
      // startedAtMs: the worker's clock (0 = worker created), so a first answer shows how long the worker took to start.
      timing: { loadMs: loadedAt - started, runMs: finished - loadedAt, startedAtMs: started, timeOrigin: performance.timeOrigin },
      objectives: loaded.sweep?.objectives,
    };
  } catch (e) {
    if (e instanceof InputError) return { status: 'invalid', issues: e.issues };
    return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}
