/**
 * Wave and tile quantization of a GEMM on a GPU (NVIDIA, "Matrix Multiplication
 * Background User's Guide", Deep Learning Performance documentation, sections
 * "Tile Quantization" and "Wave Quantization"): the output is cut into tiles of
 * tm × tn, one thread block per tile, and the SMs run the tiles in waves of
 * `sms` blocks (one 256×128 block per SM on A100). A partly filled last tile or
 * a partly filled last wave costs as much as a full one, so the useful fraction
 * of the machine is tiles / (waves · sms) with partial tiles counted whole:
 *   efficiency = (m·n / (tm·tn)) / (ceil(tiles / sms) · sms),
 *   tiles = batch · ceil(m/tm) · ceil(n/tn).
 * The library picks the tile orientation (tm×tn or tn×tm) that fills the
 * machine better; both are shipped kernels. A grid smaller than one wave is
 * split along K. Smaller tiles, and split-K for grids of one or two waves,
 * which cuBLAS may also choose, are not modelled.
 *
 * The calibrated matmul curve of a device with a single best-shape measurement
 * already contains that shape's quantization, so the factor applied is the
 * ratio of this shape's efficiency to the measured shape's.
 */
import { publishedGemms } from '../../../calibration/builtin/published';
import type { Precision, Source } from '../../hardware/types';

export interface GemmTiling {
  /** Streaming multiprocessors: thread blocks resident per wave at one block per SM. */
  sms: number;
  /**
   * Thread-block tiles modelled: the largest, most efficient ones (the guide ranks 256×128 and 128×256
   * first; smaller tiles reduce quantization at a lower per-SM efficiency it does not quantify, so they
   * are left out and the penalty of a partial wave is an upper bound).
   */
  tiles: Array<[number, number]>;
  precisions: Precision[];
  sources: Source[];
}

const guide: Source = {
  title: 'NVIDIA Deep Learning Performance: Matrix Multiplication Background User\'s Guide, "Wave Quantization" (A100: 108 SMs, 256x128 thread-block tiles, one per SM, a wave of 108 tiles)',
  url: 'https://docs.nvidia.com/deeplearning/performance/dl-performance-matrix-multiplication/index.html',
  date: '2023-02',
};
const ampereWhitepaper: Source = {
  title: 'NVIDIA A100 Tensor Core GPU Architecture whitepaper: 108 SMs enabled on A100 (of 128 on the full GA100)',
  url: 'https://images.nvidia.com/aem-dam/en-zz/Solutions/data-center/nvidia-ampere-architecture-whitepaper.pdf',
  date: '2020-05',
};

/**
 * Devices whose matmul curve comes from a single best-shape point, so shape
 * effects must be added here. H100's curve is fitted on a 47-shape sweep that
 * already contains them, so it is not listed.
 */
export const gemmTilings: Record<string, GemmTiling> = {
  'a100-80gb-sxm': { sms: 108, tiles: [[256, 128], [128, 256]], precisions: ['bf16', 'fp16'], sources: [guide, ampereWhitepaper] },
  'a100-40gb-sxm': { sms: 108, tiles: [[256, 128], [128, 256]], precisions: ['bf16', 'fp16'], sources: [guide, ampereWhitepaper] },
};

/** Smallest slice of K one split-K block works on: keeps the partial-sum reduction small against the multiply. */
const MIN_SPLIT_K = 256;

/**
 * Useful fraction of the SMs' work for an m×n output (batch of them) with reduction depth k, best tile
 * orientation. A grid of fewer tiles than SMs is split along K (split-K: CUTLASS "Efficient GEMM",
 * "Parallelized reductions", for small M·N and large K) into as many slices as fill one wave.
 */
export function waveEfficiency(m: number, n: number, batch: number, t: GemmTiling, k = 0): number {
  let best = 0;
  for (const [tm, tn] of t.tiles) {
    const tiles = batch * Math.ceil(m / tm) * Math.ceil(n / tn);
    const useful = (batch * m * n) / (tm * tn);
    const split = tiles < t.sms ? Math.max(1, Math.min(Math.floor(t.sms / tiles), Math.floor(k / MIN_SPLIT_K))) : 1;
    best = Math.max(best, (useful * split) / (Math.ceil((tiles * split) / t.sms) * t.sms));
  }
  return best;
}

const reference = new Map<string, number>();

/** This shape's quantization relative to the shape the device's curve was measured at; 1 where no tiling is known. */
export function waveFactor(deviceId: string, precision: Precision, m: number, n: number, batch: number, k = 0): number {
  const t = gemmTilings[deviceId];
  if (!t || !t.precisions.includes(precision)) return 1;
  const key = `${deviceId}/${precision}`;
  let ref = reference.get(key);
  if (ref === undefined) {
    const measured = publishedGemms.find((g) => g.device === deviceId && g.precision === precision)
      ?? publishedGemms.find((g) => g.device === deviceId.replace('40gb', '80gb') && g.precision === 'bf16');
    ref = measured ? waveEfficiency(measured.m, measured.n, 1, t, measured.k) : 1;
    reference.set(key, ref);
  }
  return waveEfficiency(m, n, batch, t, k) / ref;
}
