import { describe, expect, it } from 'vitest';
import { l1SetSpan, lastLevelCacheShare, type HostInfo } from './host';
import { kernelTermsOf } from './kernels';
import { localKernelTerms } from './run';

const zen5: HostInfo = { cpuModel: 'AMD EPYC', cores: 2, memoryBytes: 24e9, os: 'Linux 6.18 x64', node: 'v20', flags: [], vendor: 'AuthenticAMD', family: 26 };

describe('what the local kernels are known to do', () => {
  it('a Zen 5 core can count on 4 MiB of its 32 MiB L3 (8 cores share it), and x86 L1 sets repeat every 4 KiB', () => {
    expect(lastLevelCacheShare(zen5)?.bytes).toBe(4 * 2 ** 20);
    expect(l1SetSpan(zen5)?.bytes).toBe(4096);
    expect(l1SetSpan({ ...zen5, os: 'Darwin 24.1 arm64' })).toBeUndefined();
  });

  it('wasm (XNNPACK) sweeps packed weights once per 4 rows and never walks a column; cpu walks B down its columns, 48 rows a sweep', () => {
    expect(localKernelTerms('wasm', zen5)).toEqual({ weightPass: { rowsPerPass: 4, beyondBytes: 4 * 2 ** 20, bytesPerElement: 4 } });
    expect(localKernelTerms('cpu', zen5)).toEqual({ weightPass: { rowsPerPass: 48, beyondBytes: 4 * 2 ** 20, bytesPerElement: 4 }, columnAliasing: { setSpanBytes: 4096, bytesPerElement: 4 } });
  });

  it('claims nothing it does not know: device backends, unknown caches, unknown kernels', () => {
    expect(localKernelTerms('wasm', zen5, true)).toEqual({});
    expect(localKernelTerms('wasm', { ...zen5, vendor: 'GenuineIntel', family: 6 })).toEqual({});
    expect(kernelTermsOf('tfjs-node', { cacheShareBytes: 4 * 2 ** 20, l1SetSpanBytes: 4096 })).toEqual({});
  });
});
