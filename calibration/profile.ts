/**
 * Calibration profile: schema `clusterplan.calibration/1` (JSON, versioned).
 * Measured points, fitted parameters and fit errors for the devices, links,
 * collectives and storage of one host or cluster. Models read fitted
 * parameters through the functions in `efficiency.ts`, never the raw points.
 *
 * Units are SI throughout (FLOP/s, bytes, bytes/s, seconds).
 */
import type { Precision, Source } from '../sim/hardware/types';

export const PROFILE_SCHEMA = 'clusterplan.calibration/1' as const;

/** Achieved rate = peak × maxEfficiency × W / (W + halfWork): a roofline whose ceiling is reached as an op grows. */
export interface RateCurve {
  /** Fraction of the catalog peak reached by very large operations (0..1]. */
  maxEfficiency: number;
  /** Work (FLOP for compute, bytes for memory/links) at which half of the max rate is reached. */
  halfWork: number;
}

export interface MatmulCalibration extends RateCurve {
  precision: Precision;
  /**
   * Optional correction for skinny shapes: the rate is multiplied by d / (d + skinnyDimension)
   * where d = min(m, n, k) (see fit.ts `skinnyFactor`); absent = no correction.
   */
  skinnyDimension?: number;
  /** Smallest min(m, n, k) the skinny correction was fitted on; thinner shapes keep its value there. */
  skinnyMinDimension?: number;
  /**
   * What the skinny factor s slows. 'rate' or absent: the whole rate,
   * Rmax·s·W / (W + halfWork). 'compute': only the compute time, so that
   * time = t0 + W / (Rmax·s) with the per-call dispatch time t0 = halfWork / Rmax
   * the same for every shape (local CPU fits, where t0 is a sizeable part of small calls).
   */
  skinnyAppliesTo?: 'rate' | 'compute';
  /**
   * Local CPU fits: weight matrices larger than `beyondBytes` (the core's share
   * of the last-level cache) are streamed again once per `rowsPerPass` rows of
   * A, at `bandwidth`, and that time adds to the compute time (one thread):
   * time = t0 + W / (Rmax·s) + ⌈m / rowsPerPass⌉ · k·n·bytesPerElement / bandwidth.
   * Weights larger than `dram.beyondBytes` (the whole last-level cache) come
   * from DRAM at `dram.bandwidth` (the memory passes' DRAM tier) instead.
   * Only with skinnyAppliesTo 'compute'. See shape.ts `localMatmulTime`.
   */
  weightStreaming?: { rowsPerPass: number; beyondBytes: number; bytesPerElement: number; bandwidth: number; dram?: { beyondBytes: number; bandwidth: number } };
  /**
   * Local CPU fits of a kernel that reads B down its columns: shapes whose row
   * stride n·bytesPerElement is a multiple of the L1 set span take
   * `computeTimeFactor` times the compute time (the column block maps to one
   * L1 set and misses it). Only with skinnyAppliesTo 'compute'. See shape.ts.
   */
  columnAliasing?: { setSpanBytes: number; bytesPerElement: number; computeTimeFactor: number };
  /** How well this curve fits the points it came from. */
  fit?: FitReport;
}

/** Alpha-beta model: time(bytes) = alpha + bytes / bandwidth. */
export interface AlphaBeta {
  alpha: number;
  bandwidth: number;
}

export interface MeasuredPoint {
  kind: 'matmul' | 'elementwise' | 'transfer' | 'collective' | 'storage';
  /** What was run: shape, precision, op, bytes, ranks... */
  params: Record<string, number | string>;
  /** Median of the repeats, s. */
  medianS: number;
  /** Spread of the repeats: [min, max] s, and the repeat count. */
  minS?: number;
  maxS?: number;
  repeats?: number;
  /** CPU backends: fastest repeat counting min(wall, process CPU time), which excludes other processes' time slices. */
  busyMinS?: number;
  /** Derived rate (FLOP/s or bytes/s). */
  rate?: number;
}

export interface FitReport {
  /** Root-mean-square relative error of the fit on its points. */
  rmsRelativeError: number;
  maxRelativeError: number;
  points: number;
  /** Held-out check (calibrate --check), where run. */
  heldOut?: { rmsRelativeError: number; maxRelativeError: number; points: number };
}

export interface DeviceCalibration {
  /** Catalog device id this applies to (or a host description for local runs). */
  device: string;
  /** Peak the efficiencies are relative to, FLOP/s per precision (catalog peak unless measured locally). */
  peakFlops: Partial<Record<Precision, number>>;
  matmul: MatmulCalibration[];
  /** Memory-bound (element-wise) ops: fraction of the catalog memory bandwidth reached. */
  memory: RateCurve & {
    peakBandwidth: number;
    /**
     * Local CPU runs: passes whose bytes fit the last-level cache run at this
     * bandwidth instead (same per-call time halfWork / peakBandwidth); the curve
     * above is then the DRAM tier. Absent: one tier.
     */
    cacheTier?: { bytes: number; bandwidth: number };
  };
  hostToDevice?: AlphaBeta;
  deviceToHost?: AlphaBeta;
  fit?: FitReport;
  sources?: Source[];
}

export interface CollectiveCalibration {
  op: string; // all-reduce, all-gather, reduce-scatter, all-to-all, send-recv
  scope: string; // e.g. 'nvswitch-8' or 'ib-ndr-inter-node'
  ranks: number;
  fit: AlphaBeta; // on bus bandwidth
  fitReport?: FitReport;
  sources?: Source[];
}

export interface StorageCalibration {
  name: string; // a directory or a tier id
  sequentialRead?: AlphaBeta;
  sequentialWrite?: AlphaBeta;
  randomRead?: { iops: number; latency: number; blockBytes: number };
  randomWrite?: { iops: number; latency: number; blockBytes: number };
  sources?: Source[];
}

export interface CalibrationProfile {
  schema: typeof PROFILE_SCHEMA;
  /** 'builtin' for the bundled profile; otherwise a name the user gave. */
  id: string;
  createdAt: string;
  host?: {
    cpuModel?: string;
    cores?: number;
    memoryBytes?: number;
    os?: string;
    node?: string;
    backend?: string;
    backendVersion?: string;
    gpu?: string;
  };
  devices: DeviceCalibration[];
  collectives: CollectiveCalibration[];
  storage: StorageCalibration[];
  points?: MeasuredPoint[];
  notes?: string;
}
