/**
 * Turn measured points of a local run into profile entries: the matmul and
 * memory curves of the device, host↔device alpha-beta, and storage figures.
 * Pure: the same points give the same profile entries.
 */
import type { Source } from '../sim/hardware/types';
import { fitAlphaBeta, fitMemoryTiers, fitReportOf, matmulRateAt, memoryTierRateAt, type MatmulPoint, type MemoryTiers, type WorkRate } from './fit';
import { fitLocalMatmulCurve, type KernelTerms } from './local-matmul-fit';
import type { DeviceCalibration, FitReport, MeasuredPoint, StorageCalibration } from './profile';

export const matmulWork = (p: MeasuredPoint): number => 2 * Number(p.params.m) * Number(p.params.n) * Number(p.params.k);
export const bytesOf = (p: MeasuredPoint): number => Number(p.params.bytes);

/**
 * The time a fit uses for a point: the fastest repeat, and on CPU backends
 * the fastest repeat's busy time (wall time less what the OS gave to other
 * processes). On a machine shared with other work the median carries the
 * neighbours' load (2-3× on a 2-core host at load 10-16, for any point longer
 * than a scheduler slice) while these estimate what the device itself does;
 * profiles keep the median with its spread too.
 */
export const fitTime = (p: MeasuredPoint): number => Math.min(p.busyMinS ?? Infinity, p.minS ?? p.medianS);

export const toMatmulPoints = (points: MeasuredPoint[]): MatmulPoint[] =>
  points.map((p) => ({ m: Number(p.params.m), n: Number(p.params.n), k: Number(p.params.k), rate: matmulWork(p) / fitTime(p) }));

export const toWorkRate = (points: MeasuredPoint[], work: (p: MeasuredPoint) => number): WorkRate[] => points.map((p) => ({ work: work(p), rate: work(p) / fitTime(p) }));

/**
 * On the CPU backends a call costs a fixed dispatch time (tfjs bookkeeping,
 * 7 us on wasm when the host is quiet and several times that under load) plus
 * the kernel; a thin shape slows the kernel, not the dispatch.
 */
const localSkinnyScope = 'compute' as const;

export interface LocalDeviceOptions {
  device: string;
  /** Spec peak FP32 FLOP/s efficiencies are relative to; the fitted ceiling when unknown. */
  specPeakFlops?: number;
  /** Last-level cache a core can use, bytes (host.ts): memory passes are fitted in a cache and a DRAM tier. */
  cacheBytes?: number;
  /** What the backend's kernel is known to do (kernels.ts): terms the matmul fit may add to its size curve. */
  kernel?: KernelTerms;
  sources: Source[];
}

export function fitLocalDevice(points: MeasuredPoint[], opts: LocalDeviceOptions): DeviceCalibration {
  const mm = points.filter((p) => p.kind === 'matmul');
  const ew = points.filter((p) => p.kind === 'elementwise');
  if (mm.length < 2) throw new Error('calibration: fewer than two matmul points were measured (raise the time budget)');
  if (ew.length < 2) throw new Error('calibration: fewer than two element-wise points were measured (raise the time budget)');
  const mmPts = toMatmulPoints(mm);
  // DRAM spec bandwidth is not visible from inside a VM: efficiencies are relative to the fitted ceiling.
  const memFit = fitMemoryTiers(toWorkRate(ew, bytesOf), opts.cacheBytes);
  const kernel = withDramTier(opts.kernel, memFit);
  const probe = fitLocalMatmulCurve(mmPts, 1, kernel);
  const peak = opts.specPeakFlops ?? probe.maxRate;
  const mmFit = fitLocalMatmulCurve(mmPts, peak, kernel);
  const device: DeviceCalibration = {
    device: opts.device,
    peakFlops: { fp32: peak },
    matmul: [{ precision: 'fp32', maxEfficiency: mmFit.curve.maxEfficiency, halfWork: mmFit.curve.halfWork, ...(mmFit.skinnyDimension ? { skinnyDimension: mmFit.skinnyDimension, skinnyMinDimension: mmFit.skinnyMinDimension, skinnyAppliesTo: mmFit.skinnyAppliesTo } : {}), ...(mmFit.weightStreaming || mmFit.columnAliasing ? { skinnyAppliesTo: localSkinnyScope } : {}), ...(mmFit.weightStreaming ? { weightStreaming: mmFit.weightStreaming } : {}), ...(mmFit.columnAliasing ? { columnAliasing: mmFit.columnAliasing } : {}), fit: mmFit.report }],
    memory: { maxEfficiency: 1, halfWork: memFit.overheadS * memFit.bandwidth, peakBandwidth: memFit.bandwidth, ...(memFit.cacheTier ? { cacheTier: memFit.cacheTier } : {}) },
    fit: mmFit.report,
    sources: opts.sources,
  };
  const h2d = points.filter((p) => p.kind === 'transfer' && p.params.direction === 'host-to-device');
  const d2h = points.filter((p) => p.kind === 'transfer' && p.params.direction === 'device-to-host');
  if (h2d.length >= 2) device.hostToDevice = fitAlphaBeta(h2d.map((p) => ({ bytes: bytesOf(p), timeS: fitTime(p) }))).fit;
  if (d2h.length >= 2) device.deviceToHost = fitAlphaBeta(d2h.map((p) => ({ bytes: bytesOf(p), timeS: fitTime(p) }))).fit;
  return device;
}

/**
 * The kernel's weight sweeps with the DRAM tier of the same run's memory
 * passes: weights larger than the whole last-level cache stream at that
 * measured bandwidth (nothing to add without a cache tier).
 */
export function withDramTier(kernel: KernelTerms | undefined, memory: Pick<MemoryTiers, 'bandwidth' | 'cacheTier'>): KernelTerms {
  if (!kernel?.weightPass || !memory.cacheTier) return kernel ?? {};
  return { ...kernel, weightPass: { ...kernel.weightPass, dram: { beyondBytes: memory.cacheTier.bytes, bandwidth: memory.bandwidth } } };
}

export function fitLocalStorage(points: MeasuredPoint[], name: string, sources: Source[]): StorageCalibration | undefined {
  const st = points.filter((p) => p.kind === 'storage');
  if (st.length === 0) return undefined;
  const out: StorageCalibration = { name, sources };
  // Per request: time = alpha + request / bandwidth, from the mean time per request at each size.
  const seq = (op: string) => st.filter((p) => p.params.op === op).map((p) => ({ bytes: Number(p.params.requestBytes), timeS: (p.medianS * Number(p.params.requestBytes)) / Number(p.params.bytes) }));
  const sr = seq('sequential-read');
  const sw = seq('sequential-write');
  if (sr.length >= 2) out.sequentialRead = fitAlphaBeta(sr).fit;
  if (sw.length >= 2) out.sequentialWrite = fitAlphaBeta(sw).fit;
  for (const [op, key] of [
    ['random-read', 'randomRead'],
    ['random-write', 'randomWrite'],
  ] as const) {
    const p = st.find((x) => x.params.op === op);
    if (p) out[key] = { iops: 1 / p.medianS, latency: p.medianS, blockBytes: Number(p.params.requestBytes) };
  }
  return out;
}

export interface HeldOutRow {
  label: string;
  /** Shape family the point belongs to; held-out points are interior sizes of their family. */
  family: string;
  work: number;
  measured: number;
  predicted: number;
  relativeError: number;
  heldOut: boolean;
}

/**
 * Fit on some sizes, predict the others. Within each family (points that
 * differ only in size), sorted by size, every other interior point is held
 * out: the smallest and largest of every family stay in the fit, so each
 * held-out size is interpolated inside the range the fit saw, which is what
 * a planner does with a profile (extrapolating past the measured sizes is
 * not what the check claims).
 */
export function heldOutCheck<T extends { rate: number }>(
  points: T[],
  work: (p: T) => number,
  labels: string[],
  fitAndPredict: (train: T[]) => (p: T) => number,
  family: (p: T) => string = () => 'all',
  size: (p: T) => number = work,
): { rows: HeldOutRow[]; heldOut: FitReport } {
  const byFamily = new Map<string, number[]>();
  points.forEach((p, i) => byFamily.set(family(p), [...(byFamily.get(family(p)) ?? []), i]));
  const held = new Set<number>();
  for (const members of byFamily.values()) {
    const order = [...members].sort((a, b) => size(points[a]) - size(points[b]) || a - b);
    order.forEach((i, rank) => {
      if (rank % 2 === 1 && rank < order.length - 1) held.add(i);
    });
  }
  const predict = fitAndPredict(points.filter((_, i) => !held.has(i)));
  const order = points.map((_, i) => i).sort((a, b) => work(points[a]) - work(points[b]) || a - b);
  const rows = order.map((i) => {
    const predicted = predict(points[i]);
    return { label: labels[i], family: family(points[i]), work: work(points[i]), measured: points[i].rate, predicted, relativeError: (predicted - points[i].rate) / points[i].rate, heldOut: held.has(i) };
  });
  const ho = rows.filter((r) => r.heldOut);
  return { rows, heldOut: fitReportOf(ho.map((r) => r.measured), ho.map((r) => r.predicted)) };
}

/**
 * Matmul families: square sizes form one; every other shape is a weight
 * matrix (k × n) applied to a growing number of rows m (tokens), as in a
 * transformer layer, and its sizes are its token counts.
 */
export const matmulFamily = (p: { m: number; n: number; k: number }): string => (p.m === p.n && p.n === p.k ? 'square' : `weights ${p.k}x${p.n}`);

/** Held-out check of the matmul model (size curve, skinny factor, and the kernel's terms where known). */
export function matmulHeldOut(points: MatmulPoint[], labels: string[], peak: number, kernel: KernelTerms = {}) {
  return heldOutCheck(
    points,
    (p) => 2 * p.m * p.n * p.k,
    labels,
    (train) => {
      const f = fitLocalMatmulCurve(train, peak, kernel);
      return (p) => matmulRateAt(peak, { ...f.curve, skinnyDimension: f.skinnyDimension, skinnyMinDimension: f.skinnyMinDimension, skinnyAppliesTo: f.skinnyAppliesTo, weightStreaming: f.weightStreaming, columnAliasing: f.columnAliasing }, p);
    },
    matmulFamily,
    (p) => 2 * p.m * p.n * p.k,
  );
}

/** Held-out check of the memory curve (one family: element-wise passes of growing size), in tiers split at `cacheBytes`. */
export function memoryHeldOut(points: WorkRate[], labels: string[], cacheBytes?: number) {
  return heldOutCheck(
    points,
    (p) => p.work,
    labels,
    (train) => {
      const f = fitMemoryTiers(train, cacheBytes);
      return (p) => memoryTierRateAt(f, p.work);
    },
    () => 'element-wise',
  );
}
