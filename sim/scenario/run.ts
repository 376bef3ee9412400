/**
 * runScenario: one validated variant in, one RunResult out. Pure apart from the
 * wall-clock time it reports: the same scenario, seed and version give the same
 * result byte for byte once `provenance.wallTimeS` is left out (or `timing: false`).
 */
import { deviceCalibration } from '../../calibration/efficiency';
import type { CalibrationProfile, FitReport } from '../../calibration/profile';
import type { ClusterModel } from '../hardware/types';
import { costOf } from '../cost/index';
import { costSchema } from '../cost/schema';
import type { Fidelity, RunResult, Warning } from '../result';
import { VERSION } from '../version';
import { defaultLimits, type RunLimits, type WorkloadEnv } from '../workloads/env';
import { scenarioHash } from './hash';
import type { LoadedScenario, Variant } from './load';
import { runWorkload } from './registry';

export interface RunOptions {
  /** Overrides the scenario's fidelity (CLI `--fidelity`). */
  fidelity?: Fidelity;
  /** Overrides the scenario's seed (CLI `--seed`). */
  seed?: number;
  /** Resolves the scenario's `calibration:` (an id such as 'builtin', or a path) to a profile. */
  profile: (nameOrPath: string) => CalibrationProfile;
  limits?: Partial<RunLimits>;
  onProgress?: (fraction: number) => void;
  /** Report wall time in provenance (default true). False gives byte-identical files run to run. */
  timing?: boolean;
  /** Reads files the scenario names (trace CSVs); default the disk. The browser passes the files it was given. */
  readText?: (path: string) => string;
}

export function runVariant(variant: Variant, options: RunOptions): RunResult {
  const started = typeof performance !== 'undefined' ? performance.now() : Date.now();
  const scenario = variant.scenario;
  const fidelity = options.fidelity ?? scenario.fidelity;
  const seed = options.seed ?? scenario.seed;
  const calibration = options.profile(scenario.calibration);
  const limits: RunLimits = { ...defaultLimits, ...scenario.limits, ...options.limits };
  const env: WorkloadEnv = { cluster: variant.cluster, fidelity, seed, calibration, limits, onProgress: options.onProgress, ...(options.readText ? { readText: options.readText } : {}) };
  const outcome = runWorkload(scenario.workload, env);
  const cost = costOf({ cost: scenario.cost ?? costSchema.parse({}), cluster: variant.cluster, outcome, workloadKind: scenario.workload.kind });
  const warnings: Warning[] = [...outcome.warnings, ...cost.warnings];
  const wallTimeS = options.timing === false ? 0 : ((typeof performance !== 'undefined' ? performance.now() : Date.now()) - started) / 1000;
  return {
    scenario: {
      name: scenario.name,
      hash: scenarioHash({ scenario, fidelity, seed }),
      ...(scenario.description ? { description: scenario.description } : {}),
      ...(variant.option ? { option: variant.option } : {}),
      ...(variant.sweepPoint ? { sweepPoint: variant.sweepPoint } : {}),
      ...(variant.option || variant.sweepPoint ? { label: variant.label } : {}),
    },
    fidelity,
    metrics: { ...outcome.metrics, cost: cost.metrics },
    breakdown: { ...outcome.breakdown, cost: cost.breakdown },
    series: outcome.series,
    warnings,
    provenance: { version: VERSION, calibration: calibration.id, seed, wallTimeS, events: outcome.events, ...calibrationAccuracy(calibration, variant.cluster) },
  };
}

/** Every variant of a loaded scenario, in order, on this thread. */
export function runLoaded(loaded: LoadedScenario, options: RunOptions, onVariantDone?: (done: number, total: number) => void): RunResult[] {
  const out: RunResult[] = [];
  loaded.variants.forEach((v, i) => {
    out.push(runVariant(v, options));
    onVariantDone?.(i + 1, loaded.variants.length);
  });
  return out;
}

/**
 * The measured accuracy of the curves that priced this run: the fit report of
 * the first pool's device in the profile (its matmul fit at the workload's
 * usual precision, else the device's own). Absent when the profile has none.
 */
function calibrationAccuracy(profile: CalibrationProfile, cluster: ClusterModel): { calibrationAccuracy?: FitReport & { device: string } } {
  const device = cluster.pools[0]?.device.id;
  if (!device) return {};
  const cal = deviceCalibration(profile, device);
  const fit = cal?.matmul.find((m) => m.precision === 'bf16')?.fit ?? cal?.matmul[0]?.fit ?? cal?.fit;
  return fit ? { calibrationAccuracy: { device, ...fit } } : {};
}
