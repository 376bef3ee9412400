/**
 * Calibration figures of this machine: what the tfjs CPU backends reach for
 * matmul and element-wise add against the CPU's spec peak, how long a quick
 * calibration takes, and how well the built-in profile fits its published data.
 */
import { loadavg } from 'node:os';
import { builtinProfile } from '../../calibration/builtin';
import { describeHost } from '../../calibration/host';
import { fitTime, matmulHeldOut, matmulWork, toMatmulPoints, withDramTier } from '../../calibration/local-fit';
import { localKernelTerms, runCalibration } from '../../calibration/run';

type Figure = { value: number; unit: string; note?: string };

export async function run(): Promise<Record<string, Figure>> {
  const out: Record<string, Figure> = {};
  const load = `load average ${loadavg()[0].toFixed(1)} at start`;
  for (const backend of ['wasm', 'cpu'] as const) {
    const started = performance.now();
    const p = await runCalibration({ backend, quick: true, budgetS: backend === 'wasm' ? 15 : 8, storage: backend === 'wasm' });
    const wall = (performance.now() - started) / 1000;
    const d = p.devices[0];
    const mm = (p.points ?? []).filter((x) => x.kind === 'matmul');
    const best = Math.max(...mm.map((x) => matmulWork(x) / fitTime(x)));
    out[`calibration.${backend}MatmulBestGflops`] = { value: best / 1e9, unit: 'GFLOP/s', note: `fp32, best busy time over ${mm.length} shapes; ${load}` };
    out[`calibration.${backend}MatmulFractionOfSpecPeak`] = { value: best / d.peakFlops.fp32!, unit: 'ratio', note: `spec peak ${(d.peakFlops.fp32! / 1e9).toFixed(0)} GFLOP/s (all cores, widest FMA)` };
    out[`calibration.${backend}MatmulFitRmsError`] = { value: d.matmul[0].fit!.rmsRelativeError, unit: 'ratio' };
    // The check `calibrate --check` prints: every other interior size of each shape family predicted from a fit on the rest.
    const held = matmulHeldOut(toMatmulPoints(mm), mm.map((x) => `${x.params.m}x${x.params.n}x${x.params.k}`), d.peakFlops.fp32!, withDramTier(localKernelTerms(backend, describeHost()), { bandwidth: d.memory.peakBandwidth, cacheTier: d.memory.cacheTier })).heldOut;
    out[`calibration.${backend}MatmulHeldOutRmsError`] = { value: held.rmsRelativeError, unit: 'ratio', note: `max ${(100 * held.maxRelativeError).toFixed(1)}% over ${held.points} held-out sizes; goal ≤ 0.15; ${load}` };
    out[`calibration.${backend}AddCeilingGBps`] = { value: d.memory.peakBandwidth / 1e9, unit: 'GB/s', note: `element-wise add, 12 bytes per element${d.memory.cacheTier ? ', passes larger than the last-level cache (DRAM tier)' : ''}` };
    if (d.memory.cacheTier) out[`calibration.${backend}AddInCacheGBps`] = { value: d.memory.cacheTier.bandwidth / 1e9, unit: 'GB/s', note: `element-wise add whose 3 operands fit ${(d.memory.cacheTier.bytes / 2 ** 20).toFixed(0)} MiB of last-level cache` };
    out[`calibration.${backend}QuickRunS`] = { value: wall, unit: 's', note: 'calibrate --quick including backend start' };
    if (p.storage[0]?.sequentialRead) {
      const st = p.storage[0];
      out['calibration.tmpSequentialReadGBps'] = { value: st.sequentialRead!.bandwidth / 1e9, unit: 'GB/s', note: p.notes?.includes('page cache not bypassed') ? 'page cache not bypassed' : 'O_DIRECT' };
      if (st.randomRead) out['calibration.tmpRandomRead4kIops'] = { value: st.randomRead.iops, unit: 'IOPS', note: 'queue depth 1' };
    }
  }
  const h100 = builtinProfile.devices.find((x) => x.device === 'h100-sxm')!.matmul.find((c) => c.precision === 'bf16')!;
  out['calibration.builtinH100Bf16FitRmsError'] = { value: h100.fit!.rmsRelativeError, unit: 'ratio', note: `OpenXLA sm_90 sweep + MAMF point, ${h100.fit!.points} shapes` };
  return out;
}
