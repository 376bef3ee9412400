/**
 * Published achieved-GEMM and memory-bandwidth figures the built-in profile is
 * fitted from. Every row carries its source; derived defaults say so.
 */
import type { Precision, Source } from '../../sim/hardware/types';

export const mamfSource: Source = {
  title: 'Stas Bekman, Machine Learning Engineering: Maximum Achievable Matmul FLOPS comparison table (mamf-finder.py, mean of 100 iterations after 50 warmups)',
  url: 'https://github.com/stas00/ml-engineering/blob/b9e29720eebd4aa946fa9678975385efbc90a777/compute/accelerator/README.md#maximum-achievable-matmul-flops-comparison-table',
  date: '2025',
};

export const voltaMemorySource: Source = {
  title: 'Jia, Maggioni, Staiger, Scarpazza: Dissecting the NVIDIA Volta GPU Architecture via Microbenchmarking (arXiv:1804.06826), global-memory bandwidth 750 GB/s measured of 900 GB/s on V100',
  url: 'https://arxiv.org/abs/1804.06826',
  date: '2018-04',
  note: 'derived default: the 83% sustained fraction of HBM2 on V100 is applied to every HBM device below until per-device STREAM figures are added',
};

/** One best-shape measurement: achieved FLOP/s at (m, n, k), against the peak the table states. */
export interface PublishedGemm {
  device: string;
  precision: Precision;
  m: number;
  n: number;
  k: number;
  achievedFlops: number;
  /** Peak the source compares against (dense, no sparsity), FLOP/s. */
  theoryFlops: number;
  source: Source;
  note?: string;
}

export const publishedGemms: PublishedGemm[] = [
  { device: 'a100-80gb-sxm', precision: 'bf16', m: 1024, n: 10240, k: 5120, achievedFlops: 271.2e12, theoryFlops: 312e12, source: mamfSource, note: 'torch 2.6.0+cu126' },
  { device: 'h100-sxm', precision: 'bf16', m: 2048, n: 2048, k: 13312, achievedFlops: 794.5e12, theoryFlops: 989e12, source: mamfSource, note: 'torch 2.7.0+cu126' },
  { device: 'h100-sxm', precision: 'fp8', m: 1024, n: 9216, k: 14336, achievedFlops: 1402.6e12, theoryFlops: 1979e12, source: mamfSource, note: 'float8_e4m3fn, torch 2.7.0+cu126' },
  {
    device: 'h200-sxm', precision: 'bf16', m: 1024, n: 15360, k: 4096, achievedFlops: 828.6e12, theoryFlops: 989e12, source: mamfSource,
    note: 'measured on GH200 (900 W, 141 GB HBM3e): same GH100 die and HBM3e as H200 SXM, which runs at 700 W; used for h200-sxm as the closest published part',
  },
  {
    device: 'h200-sxm', precision: 'fp8', m: 1024, n: 14336, k: 14336, achievedFlops: 1535.0e12, theoryFlops: 1979e12, source: mamfSource,
    note: 'GH200 measurement, see the bf16 row',
  },
  { device: 'mi300x', precision: 'bf16', m: 10240, n: 15360, k: 8192, achievedFlops: 668.4e12, theoryFlops: 1300e12, source: mamfSource, note: 'torch 2.5.1+ROCm 6.3, PYTORCH_TUNABLEOP_ENABLED=1' },
  {
    device: 'gaudi3', precision: 'bf16', m: 22272, n: 12288, k: 7936, achievedFlops: 1288.8e12, theoryFlops: 1677e12, source: mamfSource,
    note: 'older (v1) table without cache reset, Gaudi software 1.19; theory 1677 TFLOP/s is the MME at 1600 MHz as shipped (whitepaper 1835 assumes 1750 MHz)',
  },
];

/** Memory systems: the spec bandwidth the sustained fraction applies to. */
export interface PublishedMemory {
  device: string;
  peakBandwidth: number;
  /** Sustained fraction of peak (STREAM-like copy/triad). */
  sustainedFraction: number;
  sources: Source[];
}

const spec = (title: string, url: string | undefined, date: string): Source => ({ title, url, date, fields: ['peakBandwidth'] });

export const publishedMemory: PublishedMemory[] = [
  { device: 'a100-80gb-sxm', peakBandwidth: 2039e9, sustainedFraction: 0.83, sources: [spec('NVIDIA A100 Tensor Core GPU datasheet (80GB SXM: 2,039 GB/s)', 'https://www.nvidia.com/en-us/data-center/a100/', '2021'), voltaMemorySource] },
  { device: 'a100-40gb-sxm', peakBandwidth: 1555e9, sustainedFraction: 0.83, sources: [spec('NVIDIA A100 Tensor Core GPU datasheet (40GB SXM: 1,555 GB/s)', 'https://www.nvidia.com/en-us/data-center/a100/', '2021'), voltaMemorySource] },
  { device: 'h100-sxm', peakBandwidth: 3.35e12, sustainedFraction: 0.83, sources: [spec('NVIDIA H100 Tensor Core GPU datasheet (SXM: 3.35 TB/s)', 'https://www.nvidia.com/en-us/data-center/h100/', '2023'), voltaMemorySource] },
  { device: 'h200-sxm', peakBandwidth: 4.8e12, sustainedFraction: 0.83, sources: [spec('NVIDIA H200 product page (4.8 TB/s)', 'https://www.nvidia.com/en-us/data-center/h200/', '2024'), voltaMemorySource] },
  { device: 'b200', peakBandwidth: 8e12, sustainedFraction: 0.83, sources: [spec('NVIDIA HGX B200 material (8 TB/s)', 'https://www.nvidia.com/en-us/data-center/hgx/', '2024'), voltaMemorySource] },
  { device: 'mi300x', peakBandwidth: 5.3e12, sustainedFraction: 0.83, sources: [spec('AMD Instinct MI300X datasheet (5.3 TB/s)', 'https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html', '2023'), voltaMemorySource] },
  { device: 'tpu-v5p', peakBandwidth: 2765e9, sustainedFraction: 0.83, sources: [spec('Google Cloud TPU v5p documentation (2,765 GB/s)', 'https://cloud.google.com/tpu/docs/v5p-training', '2024'), voltaMemorySource] },
  { device: 'gaudi3', peakBandwidth: 3.7e12, sustainedFraction: 0.83, sources: [spec('Intel Gaudi 3 AI accelerator white paper (3.7 TB/s)', 'https://www.intel.com/content/www/us/en/content-details/817486/intel-gaudi-3-ai-accelerator-white-paper.html', '2024'), voltaMemorySource] },
];

/**
 * Devices without a published GEMM measurement: which measured device and
 * which dense peaks stand in, and why. The fitted efficiency of the stand-in
 * is applied to this device's own peak.
 */
export interface DerivedGemm {
  device: string;
  from: string;
  peaks: Partial<Record<Precision, number>>;
  source: Source;
}

export const derivedGemms: DerivedGemm[] = [
  {
    device: 'a100-40gb-sxm', from: 'a100-80gb-sxm', peaks: { bf16: 312e12, fp16: 312e12 },
    source: { title: 'derived default: same GA100 die and clocks as A100 80GB SXM (NVIDIA A100 datasheet: 312 TFLOP/s dense BF16 for both)', url: 'https://www.nvidia.com/en-us/data-center/a100/', date: '2021', note: 'efficiency of the a100-80gb-sxm MAMF measurement applied' },
  },
  {
    device: 'b200', from: 'h100-sxm', peaks: { bf16: 2250e12, fp16: 2250e12, fp8: 4500e12 },
    source: { title: 'derived default: no published achieved-GEMM sweep found for B200; H100 SXM fitted efficiency applied to the HGX B200 (1,000 W) dense peaks of 2,250 TFLOP/s BF16 and 4,500 TFLOP/s FP8', url: 'https://www.nvidia.com/en-us/data-center/hgx/', date: '2024' },
  },
  {
    device: 'tpu-v5p', from: 'a100-80gb-sxm', peaks: { bf16: 459e12 },
    source: { title: 'derived default: no published achieved-GEMM sweep found for TPU v5p; the highest published NVIDIA matmul efficiency (A100 SXM MAMF) is applied to the 459 TFLOP/s BF16 peak (cloud.google.com/tpu/docs/v5p-training)', url: 'https://cloud.google.com/tpu/docs/v5p-training', date: '2024' },
  },
];
