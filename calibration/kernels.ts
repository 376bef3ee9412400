/**
 * What the local backends' matrix-multiply kernels do with the weight matrix
 * (B, k × n), read from their source: how many rows of A one sweep over the
 * weights serves. The calibration fit uses it to charge weights that outgrow
 * the core's cache share once per sweep (fit.ts `streamedWeightBytes`).
 */
import type { Source } from '../sim/hardware/types';
import type { KernelTerms } from './local-matmul-fit';

export const kernelWeightPasses: Record<string, { rowsPerPass: number; source: Source }> = {
  wasm: {
    rowsPerPass: 4,
    source: {
      title:
        'tfjs-backend-wasm src/cc/batch_mat_mul_impl.cc (an XNNPACK fully-connected operator per weight tensor, run without a thread pool, so one tile spans every output channel) and XNNPACK src/configs/gemm-config.c (WebAssembly SIMD on x86: 4x8 kernel, mr = 4, and a 1x8 kernel for one row)',
      url: 'https://github.com/tensorflow/tfjs/blob/master/tfjs-backend-wasm/src/cc/batch_mat_mul_impl.cc',
      date: '2024',
      note: 'measured here 2026-11-25 (load 8): 4 and 5 rows × 1024×4096 weights 1.28 and 2.05 ms, 5 and 8 rows 2.05 and 2.59 ms: the time steps at every 4th row',
    },
  },
  cpu: {
    rowsPerPass: 48,
    source: { title: 'tfjs-backend-cpu src/kernels/BatchMatMul.ts: loops over A in blocks of backend.blockSize = 48 rows, each sweeping all of B', url: 'https://github.com/tensorflow/tfjs/blob/master/tfjs-backend-cpu/src/kernels/BatchMatMul.ts', date: '2024' },
  },
};

/** Backends whose kernel reads B down its columns (inner loop over k at a stride of n elements). */
export const columnWalkKernels: Record<string, Source> = {
  cpu: { title: 'tfjs-backend-cpu src/kernels/BatchMatMul.ts: the innermost loop runs over k, reading b3dValues[k * bInnerStep + j * bOuterStep] with bInnerStep = n (B not transposed)', url: 'https://github.com/tensorflow/tfjs/blob/master/tfjs-backend-cpu/src/kernels/BatchMatMul.ts', date: '2024' },
};

/**
 * What a backend's kernel is known to do on a host, fp32: its weight sweeps
 * where the core's cache share is known, its column walk where the L1 set span is.
 */
export function kernelTermsOf(backend: string, host: { cacheShareBytes?: number; l1SetSpanBytes?: number }): KernelTerms {
  const pass = kernelWeightPasses[backend];
  return {
    ...(pass && host.cacheShareBytes ? { weightPass: { rowsPerPass: pass.rowsPerPass, beyondBytes: host.cacheShareBytes, bytesPerElement: 4 } } : {}),
    ...(columnWalkKernels[backend] && host.l1SetSpanBytes ? { columnAliasing: { setSpanBytes: host.l1SetSpanBytes, bytesPerElement: 4 } } : {}),
  };
}
