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
import { bundledScenarios } from './bundled';
import { inheritedData, pageFileAccess, type BaseRead, type ScenarioTexts } from './scenario-files';
import { bindTraceFiles, type TraceTexts } from './trace-files';

export interface VariantInfo {
  label: string;
  option?: string;
  sweepPoint?: Record<string, unknown>;
}

export type Evaluation =
  | { status: 'ok'; name: string; description?: string; variants: VariantInfo[]; results: RunResult[]; fidelity: Fidelity; elapsedMs: number; timing: { loadMs: number; runMs: number; startedAtMs: number; timeOrigin: number }; objectives?: Array<{ metric: string; goal: 'min' | 'max' }>; traceFiles: string[]; bases: BaseRead[]; inherited?: Inherited }
  /** `missingBases`: the paths `extends` named that the page has not been given (their issue is at `extends`). */
  | { status: 'invalid'; issues: InputIssue[]; missingBases?: string[] }
  /** The scenario reads trace files the page has not been given (by the names the scenario uses). */
  | { status: 'needs-files'; name: string; traceFiles: string[]; missing: string[]; issues: InputIssue[] }
  | { status: 'failed'; message: string };

export interface EvaluateRequest {
  text: string;
  file: string;
  fidelity: Fidelity;
  /** Profiles the user calibrated in this browser, by id ('builtin' is always there). */
  profiles: CalibrationProfile[];
  /** Only this variant (DES runs one option at a time); all variants when absent. */
  variant?: number;
  /** Trace files the page holds, by the name scenarios use for them (`data/philly-sample.csv`). */
  files?: TraceTexts;
  /** Scenario files the user gave the page, by file name, for `extends` (the bundled ones are always there). */
  scenarios?: ScenarioTexts;
}

/** What a scenario inherits from the ones it extends (plain data, before validation), and the nearest one's name: the form shows these values. */
export interface Inherited {
  data: Record<string, unknown>;
  from: string;
}

const bundledTexts: ScenarioTexts = Object.fromEntries(bundledScenarios.map((s) => [s.file, s.text]));

/** Added to a missing base's issue: where a page looks, and how to give it the file. */
export const missingBaseHint = 'a page cannot read your disk: it finds the scenarios bundled with the planner and the files you give it, by file name; choose this one with "Add base scenario…" or drop it on the editor';

export function profileResolver(profiles: CalibrationProfile[]): (name: string) => CalibrationProfile {
  return (name) => {
    if (name === 'builtin') return builtinProfile;
    const found = profiles.find((p) => p.id === name);
    if (found) return found;
    throw new InputError({ file: '<scenario>', path: 'calibration', expected: `'builtin' or a profile saved in this browser (${profiles.map((p) => p.id).join(', ') || 'none yet: calibrate first'})`, found: JSON.stringify(name) });
  };
}

export function loadOnly(text: string, file: string, scenarios: ScenarioTexts = {}): { status: 'ok'; loaded: LoadedScenario; bases: BaseRead[]; inherited?: Inherited } | { status: 'invalid'; issues: InputIssue[]; missingBases?: string[] } {
  const access = pageFileAccess(scenarios, bundledTexts);
  try {
    const loaded = loadScenarioText(text, file, access.files);
    const inherited = access.read.length > 0 ? { data: inheritedData(access.texts), from: access.read[0].name } : undefined;
    return { status: 'ok', loaded, bases: access.read, inherited };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (access.missing.length === 0) return { status: 'invalid', issues: e.issues };
    // The loader stops at the first base it cannot read: that issue is the one at `extends`.
    const issues = e.issues.map((i) => (i.path === 'extends' ? { ...i, hint: [i.hint, missingBaseHint].filter(Boolean).join('; ') } : i));
    return { status: 'invalid', issues, missingBases: access.missing };
  }
}

export function evaluate(req: EvaluateRequest, onProgress?: (fraction: number) => void): Evaluation {
  const started = performance.now();
  const l = loadOnly(req.text, req.file, req.scenarios);
  if (l.status === 'invalid') return l;
  const loaded = l.loaded;
  const loadedAt = performance.now();
  const traces = bindTraceFiles(loaded, req.text, req.files ?? {});
  if (traces.status === 'missing') return { status: 'needs-files', name: loaded.name, traceFiles: traces.files, missing: traces.missing, issues: traces.issues };
  const indices = req.variant === undefined ? loaded.variants.map((_, i) => i) : [req.variant];
  const profile = profileResolver(req.profiles);
  try {
    const results = indices.map((i, k) =>
      runVariant(loaded.variants[i], {
        profile,
        fidelity: req.fidelity,
        readText: traces.readText,
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
      traceFiles: traces.files,
      bases: l.bases,
      inherited: l.inherited,
    };
  } catch (e) {
    if (e instanceof InputError) return { status: 'invalid', issues: e.issues.map((i) => ({ ...i, file: traces.nameOf(i.file) ?? i.file })) };
    return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}
