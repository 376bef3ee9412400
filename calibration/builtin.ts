/**
 * The bundled calibration profile (id 'builtin'): matmul and memory curves for
 * the catalog's main accelerators, fitted with the same code as a user's own
 * calibration (`fitRateCurve`) from the published points in `builtin/`.
 *
 * - H100 SXM BF16 and TF32: the OpenXLA sm_90 GEMM table (47 shapes) plus the
 *   MAMF best-shape point; both curve parameters are fitted.
 * - Devices with one published best-shape point (MAMF table): the ceiling is
 *   fitted with the size-independent time t0 = halfWork / Rmax held at the
 *   value fitted on H100 BF16 (kernel launch and tail cost, assumed alike).
 * - Devices with no published point: a named stand-in's efficiency applied to
 *   the device's own peak, labelled "derived default" in `sources`.
 */
import type { Precision, Source } from '../sim/hardware/types';
import { fitMatmulCurve, fitRateCurve, type MatmulCurveFit, type MatmulPoint } from './fit';
import { derivedGemms, publishedGemms, publishedMemory } from './builtin/published';
import { xlaSm90Rows, xlaSm90Source } from './builtin/xla-sm90-points';
import { PROFILE_SCHEMA, type CalibrationProfile, type DeviceCalibration, type MatmulCalibration, type MeasuredPoint } from './profile';

const h100Sources: Source = {
  title: 'NVIDIA H100 Tensor Core GPU datasheet: SXM dense peaks 989 TFLOP/s BF16/FP16, 494.7 TFLOP/s TF32, 1,979 TFLOP/s FP8 (datasheet figures with sparsity halved)',
  url: 'https://www.nvidia.com/en-us/data-center/h100/',
  date: '2023',
  fields: ['peakFlops'],
};

const h100Tf32Peak = 494.7e12;

function matmulFromFit(precision: Precision, fit: MatmulCurveFit): MatmulCalibration {
  const cal: MatmulCalibration = { precision, maxEfficiency: fit.curve.maxEfficiency, halfWork: fit.curve.halfWork, fit: fit.report };
  if (fit.skinnyDimension) cal.skinnyDimension = fit.skinnyDimension;
  if (fit.skinnyMinDimension) cal.skinnyMinDimension = fit.skinnyMinDimension;
  return cal;
}



function buildBuiltinProfile(): CalibrationProfile {
  const points: MeasuredPoint[] = [];
  const record = (device: string, precision: Precision, b: number, m: number, n: number, k: number, rate: number, source: string): MatmulPoint => {
    const work = 2 * b * m * n * k;
    points.push({ kind: 'matmul', params: { device, precision, batch: b, m, n, k, source }, medianS: work / rate, rate });
    return { m, n, k, batch: b, rate };
  };

  // H100: the XLA sweep (both precisions) and the MAMF best shapes.
  const h100Bf16 = xlaSm90Rows.map(([b, m, n, k, bf16]) => record('h100-sxm', 'bf16', b, m, n, k, bf16, 'xla-sm90'));
  const h100Tf32 = xlaSm90Rows.map(([b, m, n, k, , f32]) => record('h100-sxm', 'tf32', b, m, n, k, f32, 'xla-sm90'));
  const mamfH100 = publishedGemms.find((g) => g.device === 'h100-sxm' && g.precision === 'bf16');
  if (!mamfH100) throw new Error('builtin: H100 BF16 MAMF row missing');
  h100Bf16.push(record('h100-sxm', 'bf16', 1, mamfH100.m, mamfH100.n, mamfH100.k, mamfH100.achievedFlops, 'mamf'));
  const h100Bf16Fit = fitMatmulCurve(h100Bf16, mamfH100.theoryFlops);
  const h100Tf32Fit = fitMatmulCurve(h100Tf32, h100Tf32Peak);
  /** Size-independent time per GEMM fitted on H100, s (launch and tail). */
  const overheadS = h100Bf16Fit.curve.halfWork / h100Bf16Fit.maxRate;

  const devices = new Map<string, DeviceCalibration>();
  const deviceEntry = (id: string): DeviceCalibration => {
    let d = devices.get(id);
    if (!d) {
      const mem = publishedMemory.find((x) => x.device === id);
      if (!mem) throw new Error(`builtin: no memory row for ${id}`);
      d = {
        device: id,
        peakFlops: {},
        matmul: [],
        // halfWork for memory passes: the same fixed per-kernel time as GEMMs on H100, at this device's sustained bandwidth (derived).
        memory: { maxEfficiency: mem.sustainedFraction, halfWork: overheadS * mem.sustainedFraction * mem.peakBandwidth, peakBandwidth: mem.peakBandwidth },
        sources: [...mem.sources],
      };
      devices.set(id, d);
    }
    return d;
  };
  const addMatmul = (id: string, precision: Precision, peak: number, cal: MatmulCalibration, source: Source) => {
    const d = deviceEntry(id);
    d.peakFlops[precision] = peak;
    d.matmul.push(cal);
    if (!d.sources?.some((s) => s.title === source.title)) d.sources?.push(source);
  };

  const h100 = deviceEntry('h100-sxm');
  h100.sources?.push(h100Sources);
  addMatmul('h100-sxm', 'bf16', mamfH100.theoryFlops, matmulFromFit('bf16', h100Bf16Fit), xlaSm90Source);
  addMatmul('h100-sxm', 'tf32', h100Tf32Peak, matmulFromFit('tf32', h100Tf32Fit), xlaSm90Source);
  h100.sources?.push(publishedGemms[0].source);

  // Single best-shape rows (all but the H100 BF16 one, already in the sweep fit).
  const fitted = new Map<string, MatmulCalibration>();
  fitted.set('h100-sxm/bf16', h100.matmul[0]);
  for (const g of publishedGemms) {
    if (g === mamfH100) continue;
    const pt = record(g.device, g.precision, 1, g.m, g.n, g.k, g.achievedFlops, 'mamf');
    // One best-shape point cannot separate size and shape effects: hold t0 at the H100 sweep's value and fit the
    // ceiling only. No skinny correction is claimed for these devices (their best shapes are not skinny).
    const cal = matmulFromFit(g.precision, fitRateCurve([{ work: 2 * g.m * g.n * g.k, rate: pt.rate }], g.theoryFlops, overheadS));
    addMatmul(g.device, g.precision, g.theoryFlops, cal, g.note ? { ...g.source, note: g.note } : g.source);
    fitted.set(`${g.device}/${g.precision}`, cal);
  }

  // NVIDIA tensor cores run FP16 at the BF16 rate (same datasheet peak): reuse the BF16 curve.
  for (const id of ['a100-80gb-sxm', 'h100-sxm', 'h200-sxm']) {
    const d = deviceEntry(id);
    const bf16 = d.matmul.find((c) => c.precision === 'bf16');
    if (bf16 && d.peakFlops.bf16) {
      d.matmul.push({ ...bf16, precision: 'fp16', fit: undefined });
      d.peakFlops.fp16 = d.peakFlops.bf16;
    }
  }

  // Stand-ins: same efficiency, halfWork rescaled so the fixed time t0 stays the same.
  for (const dg of derivedGemms) {
    for (const [precision, peak] of Object.entries(dg.peaks) as Array<[Precision, number]>) {
      const base = fitted.get(`${dg.from}/${precision}`) ?? fitted.get(`${dg.from}/bf16`);
      if (!base) throw new Error(`builtin: stand-in ${dg.from} has no ${precision} curve`);
      const cal: MatmulCalibration = { precision, maxEfficiency: base.maxEfficiency, halfWork: overheadS * base.maxEfficiency * peak };
      if (base.skinnyDimension) cal.skinnyDimension = base.skinnyDimension;
      if (base.skinnyMinDimension) cal.skinnyMinDimension = base.skinnyMinDimension;
      addMatmul(dg.device, precision, peak, cal, dg.source);
    }
  }

  const ordered = ['a100-80gb-sxm', 'a100-40gb-sxm', 'h100-sxm', 'h200-sxm', 'b200', 'mi300x', 'tpu-v5p', 'gaudi3'].map((id) => deviceEntry(id));
  for (const d of ordered) d.fit = d.matmul.find((c) => c.fit)?.fit;

  return {
    schema: PROFILE_SCHEMA,
    id: 'builtin',
    createdAt: '2026-11-25',
    host: { backend: 'published benchmark data' },
    devices: ordered,
    collectives: [],
    storage: [],
    points,
    notes:
      'Fitted from published measurements (see each device\'s sources). Efficiencies are relative to the peak in each entry\'s peakFlops. ' +
      `Fixed per-GEMM time from the H100 BF16 sweep: ${(overheadS * 1e6).toFixed(2)} us, reused for devices with a single published point. ` +
      'Memory curves are a derived default (83% of spec bandwidth, V100 measurement) pending per-device STREAM data.',
  };
}

export const builtinProfile: CalibrationProfile = buildBuiltinProfile();
