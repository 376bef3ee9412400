import { describe, expect, it } from 'vitest';
import { builtinProfile } from './builtin';
import { publishedGemms } from './builtin/published';
import { matmulRateAt } from './fit';
import { calibrationProfileSchema } from './schema';

const required = ['a100-80gb-sxm', 'a100-40gb-sxm', 'h100-sxm', 'h200-sxm', 'b200', 'mi300x', 'tpu-v5p', 'gaudi3'];

describe('builtin profile', () => {
  it('is a valid clusterplan.calibration/1 profile', () => {
    expect(calibrationProfileSchema.safeParse(builtinProfile).success).toBe(true);
    expect(builtinProfile.id).toBe('builtin');
  });

  it('has a BF16 matmul curve, a memory curve and sources for each main accelerator', () => {
    for (const id of required) {
      const d = builtinProfile.devices.find((x) => x.device === id);
      expect(d, id).toBeDefined();
      const bf16 = d!.matmul.find((c) => c.precision === 'bf16');
      expect(bf16, id).toBeDefined();
      expect(bf16!.maxEfficiency).toBeGreaterThan(0.3);
      expect(bf16!.maxEfficiency).toBeLessThan(1);
      expect(d!.peakFlops.bf16).toBeGreaterThan(0);
      expect(d!.memory.maxEfficiency).toBeLessThanOrEqual(1);
      expect(d!.sources!.length).toBeGreaterThan(0);
    }
  });

  it('predicts the H100 BF16 OpenXLA sweep with an rms relative error under 15% (measured: 11.8%, max 44% on 256x512x4096)', () => {
    const h100 = builtinProfile.devices.find((d) => d.device === 'h100-sxm')!;
    const fit = h100.matmul.find((c) => c.precision === 'bf16')!.fit!;
    expect(fit.points).toBe(48);
    expect(fit.rmsRelativeError).toBeLessThan(0.15);
  });

  it('reproduces each published best-shape GEMM within 10%', () => {
    for (const g of publishedGemms) {
      const d = builtinProfile.devices.find((x) => x.device === g.device)!;
      const c = d.matmul.find((x) => x.precision === g.precision)!;
      const predicted = matmulRateAt(d.peakFlops[g.precision]!, c, g);
      expect(Math.abs(predicted - g.achievedFlops) / g.achievedFlops, `${g.device} ${g.precision}`).toBeLessThan(0.1);
    }
  });

  it('labels every device without its own published GEMM as a derived default', () => {
    for (const id of ['a100-40gb-sxm', 'b200', 'tpu-v5p']) {
      const d = builtinProfile.devices.find((x) => x.device === id)!;
      expect(d.sources!.some((s) => s.title.startsWith('derived default'))).toBe(true);
    }
  });
});
