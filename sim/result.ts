/**
 * RunResult: the plain-JSON answer of one scenario run (DESIGN.md contract).
 * Field names here are fixed; extend, never rename.
 */

export type Fidelity = 'analytic' | 'des';

export interface TrainingMetrics {
  stepTimeS: number;
  tokensPerS: number;
  /** Model FLOP/s achieved per device, counting recomputation (hardware FLOP rate), in TFLOP/s. */
  achievedTflopsPerDevice: number;
  /** Model FLOP utilisation: model FLOPs (no recompute) / (devices x peak x step time). */
  mfu: number;
  timeToTrainDays: number;
  memoryPerDeviceGiB: number;
  fitsInMemory: boolean;
  /** Fraction of wall time that makes progress (failures, restarts, checkpoints excluded). */
  goodput: number;
  [extra: string]: unknown;
}

export interface InferenceMetrics {
  throughputTokensPerS: number;
  ttftP50S: number;
  ttftP99S: number;
  tpotP50S: number;
  sloAttainment: number;
  replicas: number;
  [extra: string]: unknown;
}

export interface ClusterMetrics {
  utilization: number;
  meanQueueDelayS: number;
  p95JobCompletionS: number;
  makespanS: number;
  [extra: string]: unknown;
}

export interface CollectiveMetrics {
  timeS: number;
  algBandwidthGBps: number;
  busBandwidthGBps: number;
  [extra: string]: unknown;
}

export interface CostMetrics {
  totalUsd: number;
  capexUsd: number;
  opexUsd: number;
  usdPerMillionTokens: number | null;
  energyKWh: number;
  co2Kg: number;
  [extra: string]: unknown;
}

export interface Metrics {
  training?: TrainingMetrics;
  inference?: InferenceMetrics;
  cluster?: ClusterMetrics;
  collective?: CollectiveMetrics;
  cost?: CostMetrics;
  [extra: string]: unknown;
}

/** A warning a person should read: what happened and what to change. */
export interface Warning {
  code: string;
  message: string;
  severity?: 'info' | 'warning' | 'error';
}

/** A named numeric series for charts: x and y arrays of equal length, with units. */
export interface Series {
  label: string;
  xUnit: string;
  yUnit: string;
  x: number[];
  y: number[];
}

export interface Provenance {
  version: string;
  calibration: string;
  seed: number;
  wallTimeS: number;
  events: number;
  [extra: string]: unknown;
}

export interface RunResult {
  scenario: { name: string; hash: string; description?: string; option?: string; sweepPoint?: Record<string, unknown> };
  fidelity: Fidelity;
  metrics: Metrics;
  breakdown: Record<string, unknown>;
  series: Record<string, unknown>;
  warnings: Warning[];
  provenance: Provenance;
}
