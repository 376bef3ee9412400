/**
 * Layer-list models: ResNet-50's forward pass counted from its layers, and a
 * data-parallel run priced by the same roofline and collective code.
 */
import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { clusterOf, envFor } from '../../../test/fixtures/training/scenario-helper';
import { layerListOps, type LayerSpec } from './layer-list';
import { checkTraining, runTraining } from './run';
import { trainingWorkloadSchema } from './schema';

/**
 * ResNet-50 (He et al. 2016, Table 1) as torchvision builds it ("v1.5": the stride-2 of a stage's first
 * block on its 3×3 convolution), 224×224 input. Batch norm, ReLU and adds as elementwise passes.
 */
function resnet50(): LayerSpec[] {
  const layers: LayerSpec[] = [];
  const conv = (inChannels: number, outChannels: number, kernel: number, side: number): LayerSpec =>
    ({ kind: 'conv2d', inChannels, outChannels, kernel, outHeight: side, outWidth: side, groups: 1, count: 1 });
  const ew = (channels: number, side: number, inputs = 1): LayerSpec => ({ kind: 'elementwise', elements: channels * side * side, inputs, count: 1 });
  layers.push(conv(3, 64, 7, 112), ew(64, 112));
  let inC = 64;
  let side = 56;
  for (const [width, blocks, stride] of [[64, 3, 1], [128, 4, 2], [256, 6, 2], [512, 3, 2]] as const) {
    for (let b = 0; b < blocks; b++) {
      const s = b === 0 ? stride : 1;
      const out = side / s;
      layers.push(conv(inC, width, 1, side), ew(width, side), conv(width, width, 3, out), ew(width, out), conv(width, 4 * width, 1, out));
      if (b === 0) layers.push(conv(inC, 4 * width, 1, out));
      layers.push(ew(4 * width, out, 2));
      inC = 4 * width;
      side = out;
    }
  }
  layers.push({ kind: 'matmul', rows: 1, inFeatures: 2048, outFeatures: 1000, count: 1 });
  return layers;
}

const model = { name: 'ResNet-50', layers: resnet50() };

describe('layer-list models', () => {
  it('ResNet-50: about 4.1 G multiply-adds (8.2 GFLOP) and 25.5 M weights per 224×224 image', () => {
    const ops = layerListOps(model, 1, 2);
    const flops = ops.forward.reduce((s, o) => s + (o.kind === 'matmul' ? o.flops : 0), 0);
    // 4.09 GMACs for torchvision's resnet50 (conv + fc), i.e. 8.18 GFLOP at 2 FLOPs per multiply-add.
    expect(flops / 8.18e9).toBeGreaterThan(0.99);
    expect(flops / 8.18e9).toBeLessThan(1.01);
    // 25.56 M parameters in torchvision, of which ~53 k are batch-norm scales/shifts and 1,000 the fc bias.
    expect(ops.params / 25.50e6).toBeGreaterThan(0.995);
    expect(ops.params / 25.50e6).toBeLessThan(1.005);
    const backward = ops.backward.reduce((s, o) => s + (o.kind === 'matmul' ? o.flops : 0), 0);
    expect(backward).toBeCloseTo(2 * flops, -3);
  });

  it('trains data parallel on 8 A100: no faster than the peak allows, both fidelities agree, other parallelism is refused', () => {
    const w = trainingWorkloadSchema.parse({ kind: 'training', model, parallelism: { microBatchSize: 256, globalBatchSize: 2048, recompute: 'none' }, precision: 'bf16', tokens: 1.28e6 * 90 });
    const cluster = clusterOf('dgx-a100-80gb', 1);
    expect(checkTraining(w, cluster)).toEqual([]);
    const a = runTraining(w, envFor(cluster, 'analytic', builtinProfile)).metrics.training!;
    const d = runTraining(w, envFor(cluster, 'des', builtinProfile)).metrics.training!;
    const flopsPerStep = 3 * 8.18e9 * 2048;
    expect(a.stepTimeS).toBeGreaterThan(flopsPerStep / (8 * 312e12));
    expect(a.mfu).toBeGreaterThan(0.1);
    expect(a.mfu).toBeLessThan(0.9);
    expect(Math.abs(d.stepTimeS / a.stepTimeS - 1)).toBeLessThan(0.05);
    expect(a.fitsInMemory).toBe(true);
    const tp = trainingWorkloadSchema.parse({ ...w, parallelism: { ...w.parallelism, tensor: 2 } });
    expect(checkTraining(tp, cluster).map((i) => i.path)).toContain('workload.parallelism.tensor');
  });
});
