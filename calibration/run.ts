/**
 * One local calibration run: load the backend, run the compute, memory,
 * transfer and storage microbenchmarks within a time budget, fit, and return
 * a profile (schema clusterplan.calibration/1) with the host description, the
 * points, the fitted parameters and their errors.
 */
import { loadavg, tmpdir } from 'node:os';
import type { Source } from '../sim/hardware/types';
import { benchElementwise, benchMatmul, benchTransfers, elementwiseSizes, matmulShapes } from './bench/compute';
import { benchStorage } from './bench/storage';
import { loadBackend } from './bench/tfjs-backend';
import { Budget } from './bench/timing';
import { describeHost, type HostInfo, hostSpecPeak, l1SetSpan, lastLevelCacheBytes, lastLevelCacheShare } from './host';
import { columnWalkKernels, kernelTermsOf, kernelWeightPasses } from './kernels';
import { fitLocalDevice, fitLocalStorage } from './local-fit';
import { PROFILE_SCHEMA, type CalibrationProfile, type MeasuredPoint } from './profile';

export interface CalibrationOptions {
  backend: string;
  quick?: boolean;
  /** Total wall-clock budget, s (default 20 with quick, 180 otherwise). */
  budgetS?: number;
  /** Directory for the storage benchmark (default: the OS temp dir); storage: false skips it. */
  dir?: string;
  storage?: boolean;
  /** Device id the measured curves are stored under (default `host-<backend>`). */
  device?: string;
  seed?: number;
  onProgress?: (fraction: number, label: string) => void;
}

/** Share of the budget per phase; what a phase leaves unused flows to the next. */
const phaseShare = { matmul: 0.5, elementwise: 0.2, transfer: 0.1, storage: 0.2 };

export async function runCalibration(opts: CalibrationOptions): Promise<CalibrationProfile> {
  const quick = opts.quick ?? false;
  const backend = await loadBackend(opts.backend);
  // The budget starts once the backend is up (importing tfjs takes a few seconds and is not measurement).
  const budget = new Budget(opts.budgetS ?? (quick ? 20 : 180));
  const host = describeHost();
  const notes: string[] = [
    'fits use the fastest repeat of each point, on CPU backends its busy time min(wall, process CPU time); the median with its spread is kept in points',
    `backend ${backend.name} (tfjs ${backend.version}); precision fp32 only: the tfjs ${backend.tfBackend} backend has no reduced-precision matmul`,
  ];
  const progress = (from: number, span: number) => (done: number, total: number, label: string) => opts.onProgress?.(from + (span * done) / total, label);
  // Matmul and element-wise points are timed in interleaved rounds (timing.ts timeInterleaved): repeats are rounds, each
  // sample at least 2 ms of calls; transfers are timed one point after another (sliceS per point).
  const repeat = quick
    ? { warmup: 2, warmupS: 0.3, minRepeats: 5, maxRepeats: 200, sliceS: 0.3, minSampleS: 1e-3 }
    : { warmup: 3, warmupS: 1, minRepeats: 9, maxRepeats: 1000, sliceS: 1, minSampleS: 2e-3 };
  const phaseS = (share: number) => share * budget.totalS;
  // wasm (single-threaded in Node) and cpu compute on this thread: their busy time is measurable.
  const cpuClock = !backend.hasDevice && backend.name !== 'tfjs-node';
  const load = loadavg()[0];
  if (load > host.cores) notes.push(`host load average ${load.toFixed(1)} on ${host.cores} cores while measuring: medians include other processes' time`);

  const points: MeasuredPoint[] = [];
  points.push(...(await benchMatmul(backend, matmulShapes(quick), { budget, phaseS: phaseS(phaseShare.matmul), repeat, cpuClock, onPoint: progress(0, 0.5) })));
  points.push(...(await benchElementwise(backend, elementwiseSizes(quick), { budget, phaseS: phaseS(phaseShare.elementwise), repeat, cpuClock, onPoint: progress(0.5, 0.2) })));
  if (backend.hasDevice) {
    points.push(...(await benchTransfers(backend, elementwiseSizes(quick), { budget, phaseS: phaseS(phaseShare.transfer), repeat, onPoint: progress(0.7, 0.1) })));
  } else {
    notes.push('no host-to-device transfers: tensors of this backend live in host memory');
  }

  const storageDir = opts.dir ?? tmpdir();
  let storageNotes: string[] = [];
  if (opts.storage !== false) {
    const fileBytes = Math.min(256 << 20, Math.max(1 << 20, Math.floor(budget.leftS() * 8) << 20));
    const st = benchStorage({ dir: storageDir, budget, phaseS: Math.max(phaseS(phaseShare.storage), budget.leftS()), fileBytes, seed: opts.seed ?? 1, onPoint: progress(0.8, 0.2) });
    points.push(...st.points);
    storageNotes = st.notes;
    notes.push(...st.notes);
  }
  opts.onProgress?.(1, 'fitting');

  const spec = hostSpecPeak(host);
  const sources: Source[] = [{ title: `measured with clusterplan calibrate on this host (${host.cpuModel}, ${host.cores} cores)`, date: new Date().toISOString().slice(0, 10), note: `backend ${backend.name}` }];
  if (spec) {
    sources.push({ ...spec.source, fields: ['peakFlops'], note: `${spec.isa}: ${host.cores} cores × ${(spec.perCore / host.clockHz! ).toFixed(0)} FLOP/cycle × ${(host.clockHz! / 1e9).toFixed(3)} GHz = ${(spec.flops / 1e9).toFixed(1)} GFLOP/s FP32` });
  } else {
    notes.push('CPU vector ISA or clock unknown: matmul efficiency is relative to the fitted ceiling, not a spec peak');
  }
  // Host-memory backends only: a device's memory is not behind the host's caches.
  const cache = backend.hasDevice ? undefined : lastLevelCacheBytes(host);
  if (cache) sources.push({ ...cache.source, fields: ['memory.cacheTier.bytes'] });
  const kernel = localKernelTerms(backend.name, host, backend.hasDevice);
  const device = fitLocalDevice(points, { device: opts.device ?? `host-${backend.name}`, specPeakFlops: spec?.flops, cacheBytes: cache?.bytes, kernel, sources });
  const mm = device.matmul[0];
  if (mm.weightStreaming) sources.push({ ...kernelWeightPasses[backend.name].source, fields: ['matmul.weightStreaming.rowsPerPass'] }, { ...lastLevelCacheShare(host)!.source, fields: ['matmul.weightStreaming.beyondBytes'] });
  if (mm.columnAliasing) sources.push({ ...columnWalkKernels[backend.name], fields: ['matmul.columnAliasing'] }, { ...l1SetSpan(host)!.source, fields: ['matmul.columnAliasing.setSpanBytes'] });
  const storage = opts.storage === false ? undefined : fitLocalStorage(points, storageDir, [{ title: `measured with clusterplan calibrate in ${storageDir}`, date: sources[0].date, note: storageNotes.join('; ') || 'O_DIRECT' }]);

  return {
    schema: PROFILE_SCHEMA,
    id: `local-${backend.name}`,
    createdAt: new Date().toISOString(),
    host: {
      cpuModel: host.cpuModel,
      cores: host.cores,
      memoryBytes: host.memoryBytes,
      os: host.os,
      node: host.node,
      backend: backend.name,
      backendVersion: backend.version,
      gpu: backend.gpuName,
    },
    devices: [device],
    collectives: [],
    storage: storage ? [storage] : [],
    points,
    notes: notes.join('\n'),
  };
}

/**
 * What a host-memory backend's matmul kernel is known to do on this host
 * (kernels.ts with host.ts's cache share and L1 set span); nothing for device
 * backends, whose memory is not behind the host's caches.
 */
export function localKernelTerms(backend: string, host: HostInfo, hasDevice = false) {
  return hasDevice ? {} : kernelTermsOf(backend, { cacheShareBytes: lastLevelCacheShare(host)?.bytes, l1SetSpanBytes: l1SetSpan(host)?.bytes });
}
