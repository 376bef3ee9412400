/**
 * What every workload runner receives besides its own workload description,
 * and what it returns. Runners are pure with respect to this input: the same
 * env and workload give the same outcome, byte for byte.
 */
import type { CalibrationProfile } from '../../calibration/profile';
import type { ClusterModel } from '../hardware/types';
import type { Fidelity, Metrics, Warning } from '../result';

export interface RunLimits {
  /** The engine stops with a RunLimitError past this many events. */
  maxEvents: number;
  /** ... or past this much wall-clock time, seconds. */
  maxWallS: number;
  /** ... or once the JavaScript heap in use passes this many bytes (checked with the wall clock; default 4 GiB). */
  maxHeapBytes?: number;
}

export const defaultLimits: RunLimits = { maxEvents: 200_000_000, maxWallS: 600, maxHeapBytes: 4 * 2 ** 30 };

export interface WorkloadEnv {
  cluster: ClusterModel;
  fidelity: Fidelity;
  seed: number;
  calibration: CalibrationProfile;
  limits: RunLimits;
  /** Called with a fraction in [0, 1] during long runs (for progress bars); optional. */
  onProgress?: (fraction: number) => void;
  /**
   * Reads a file the scenario names (a trace CSV) by its resolved path. Absent:
   * the disk (node:fs). The planner passes the files the user gave the page.
   */
  readText?: (path: string) => string;
}

export interface WorkloadOutcome {
  metrics: Metrics;
  breakdown: Record<string, unknown>;
  series: Record<string, unknown>;
  warnings: Warning[];
  /** Events the engine processed (0 for analytic runs). */
  events: number;
}
