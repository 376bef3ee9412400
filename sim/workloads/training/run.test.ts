import { buildCluster } from '../../hardware/cluster';
import { clusterSchema } from '../../hardware/schema';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtinProfile } from '../../../calibration/builtin';
import { memoryRate } from '../../../calibration/efficiency';
import { clusterOf, envFor } from '../../../test/fixtures/training/scenario-helper';
import { goodputAt, youngDalyInterval } from './run-plan';
import { checkTraining, runTraining } from './run';
import { stageOrder } from './des-step';
import { trainingWorkloadSchema } from './schema';

const workload = (par: Record<string, unknown>, model: unknown = { layers: 16, hiddenSize: 4096, heads: 32, seqLength: 2048, vocabSize: 51200 }) =>
  trainingWorkloadSchema.parse({ kind: 'training', model, parallelism: { microBatchSize: 1, schedule: '1f1b', recompute: 'full', zero: 1, ...par }, precision: 'bf16', tokens: 1e9 });

describe('checkTraining', () => {
  it('reports tensor × pipeline × data that does not match the devices, and indivisible batch, layers, heads', () => {
    const issues = checkTraining(workload({ tensor: 8, pipeline: 3, data: 2, globalBatchSize: 7 }), clusterOf('dgx-a100-80gb', 4));
    const paths = issues.map((i) => i.path);
    expect(paths).toContain('workload.parallelism.data');
    expect(paths).toContain('workload.parallelism.globalBatchSize');
    expect(paths).toContain('workload.parallelism.pipeline');
    expect(checkTraining(workload({ tensor: 3, pipeline: 1, data: 1, globalBatchSize: 4 }), clusterOf('dgx-a100-80gb', 1)).map((i) => i.path)).toContain('workload.parallelism.tensor');
  });
  it('accepts a consistent configuration and derives data from the device count', () => {
    expect(checkTraining(workload({ tensor: 8, pipeline: 2, globalBatchSize: 64 }), clusterOf('dgx-a100-80gb', 4))).toEqual([]);
  });
});

describe('1F1B order', () => {
  it('every stage runs each micro-batch forward once and backward once, forward first, at most p - i in flight', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 40 }), (p, m) => {
      for (let i = 0; i < p; i++) {
        const order = stageOrder('1f1b', i, p, m);
        expect(order.filter((t) => t.kind === 'F').map((t) => t.mb)).toEqual([...Array(m).keys()]);
        expect(order.filter((t) => t.kind === 'B').map((t) => t.mb)).toEqual([...Array(m).keys()]);
        let inFlight = 0;
        for (const t of order) {
          inFlight += t.kind === 'F' ? 1 : -1;
          expect(inFlight).toBeLessThanOrEqual(Math.min(p - i, m));
          expect(inFlight).toBeGreaterThanOrEqual(0);
        }
      }
    }));
  });
});

describe('analytic and DES agree where nothing contends', () => {
  for (const [name, par, nodes] of [
    ['pipeline 4, 1F1B', { tensor: 8, pipeline: 4, data: 1, globalBatchSize: 16 }, 4],
    ['pipeline 4, GPipe', { tensor: 8, pipeline: 4, data: 1, globalBatchSize: 16, schedule: 'gpipe' }, 4],
    ['pipeline 2 × data 2', { tensor: 8, pipeline: 2, data: 2, globalBatchSize: 32 }, 4],
    ['interleaved v=2', { tensor: 8, pipeline: 4, data: 1, globalBatchSize: 16, schedule: 'interleaved', virtualStages: 2 }, 4],
  ] as const) {
    it(`${name}: step times within 3%`, () => {
      const w = workload(par);
      const cluster = clusterOf('dgx-a100-80gb', nodes);
      const a = runTraining(w, envFor(cluster, 'analytic')).metrics.training!;
      const d = runTraining(w, envFor(cluster, 'des'));
      expect(Math.abs(d.metrics.training!.stepTimeS / a.stepTimeS - 1)).toBeLessThan(0.03);
      expect(d.events).toBeGreaterThan(0);
      const tl = d.series.timeline as Array<{ stage: number; kind: string; start: number; end: number }>;
      const m = (par.globalBatchSize as number) / (par.data as number);
      expect(tl.filter((e) => e.kind === 'forward').length).toBe(m * (par.pipeline as number) * ('virtualStages' in par ? 2 : 1));
      expect(Math.max(...tl.map((e) => e.end))).toBeLessThanOrEqual(d.metrics.training!.stepTimeS * (1 + 1e-9));
    });
  }
  it('data parallel inside one DGX H100: both fidelities reduce gradients with NVLS and agree within 3%', () => {
    const w = workload({ tensor: 1, pipeline: 1, data: 8, globalBatchSize: 8, overlapGradReduce: false, zero: 0 }, { layers: 8, hiddenSize: 4096, heads: 32, seqLength: 512, vocabSize: 32000 });
    const cluster = clusterOf('dgx-h100', 1);
    const a = runTraining(w, envFor(cluster, 'analytic')).metrics.training!;
    const d = runTraining(w, envFor(cluster, 'des')).metrics.training!;
    expect(Math.abs(d.stepTimeS / a.stepTimeS - 1)).toBeLessThan(0.03);
  });
  it('the interleaved schedule has a smaller bubble than 1F1B', () => {
    const cluster = clusterOf('dgx-a100-80gb', 4);
    const plain = runTraining(workload({ tensor: 8, pipeline: 4, data: 1, globalBatchSize: 8 }), envFor(cluster, 'analytic')).breakdown.bubbleS as number;
    const inter = runTraining(workload({ tensor: 8, pipeline: 4, data: 1, globalBatchSize: 8, schedule: 'interleaved', virtualStages: 2 }), envFor(cluster, 'analytic')).breakdown.bubbleS as number;
    expect(inter).toBeLessThan(plain * 0.6);
  });
});

describe('run plan', () => {
  it('the Young/Daly interval is within 1% of the goodput-maximising one', () => {
    fc.assert(fc.property(fc.double({ min: 10, max: 600, noNaN: true }), fc.double({ min: 1e5, max: 1e7, noNaN: true }), (write, mtbf) => {
      const tau = youngDalyInterval(write, mtbf);
      const g = goodputAt(tau, write, 0, mtbf);
      for (const k of [0.5, 0.8, 1.25, 2]) expect(goodputAt(tau * k, write, 0, mtbf)).toBeLessThanOrEqual(g + 0.01);
    }));
  });
  it('metrics carry the DESIGN.md names, time to train follows tokens and goodput', () => {
    const cluster = { ...clusterOf('dgx-a100-80gb', 4), storage: [{ id: 'pfs', name: 'pfs', tier: 'parallel-fs' as const, capacityBytes: 1e15, aggregateReadBandwidth: 100e9, aggregateWriteBandwidth: 50e9, perStreamBandwidth: 2e9, requestLatency: 1e-3, sources: [] }] };
    const out = runTraining(workload({ tensor: 8, pipeline: 2, globalBatchSize: 64 }), envFor(cluster, 'analytic'));
    const t = out.metrics.training!;
    for (const k of ['stepTimeS', 'tokensPerS', 'achievedTflopsPerDevice', 'mfu', 'timeToTrainDays', 'memoryPerDeviceGiB', 'fitsInMemory', 'goodput']) expect(t).toHaveProperty(k);
    const steps = Math.ceil(1e9 / (64 * 2048));
    expect(t.timeToTrainDays * 86400).toBeCloseTo((steps * t.stepTimeS) / t.goodput, 3);
    expect(t.goodput).toBeGreaterThan(0.9);
    expect(t.goodput).toBeLessThan(1);
    expect(t.checkpointWriteS as number).toBeGreaterThan((16 * 4096 * 4096 * 12 * 14) / 50e9);
    for (const k of ['computeS', 'recomputeS', 'tpCommExposedS', 'ppCommExposedS', 'dpCommExposedS', 'epCommExposedS', 'bubbleS', 'dataStallS', 'placement']) expect(out.breakdown).toHaveProperty(k);
    expect((out.breakdown.placement as { dims: Record<string, { insideNode: boolean }> }).dims.tensor.insideNode).toBe(true);
  });
  it('placement that puts tensor parallelism across nodes makes the step slower', () => {
    // Same (topology) collective model for both placements: the built-in profile without collective fits.
    // Enough micro-batches (64) that the per-layer tensor all-reduces, not the once-a-step gradient
    // reduction (which the other placement moves onto NVLink), dominate the communication.
    const cluster = clusterOf('dgx-a100-80gb', 2);
    const inside = runTraining(workload({ tensor: 8, pipeline: 1, data: 2, globalBatchSize: 128 }), envFor(cluster, 'analytic', builtinProfile)).metrics.training!.stepTimeS;
    const across = runTraining(workload({ tensor: 8, pipeline: 1, data: 2, globalBatchSize: 128, placement: { order: ['data', 'tensor', 'context', 'pipeline'] } }), envFor(cluster, 'analytic', builtinProfile)).metrics.training!.stepTimeS;
    expect(across).toBeGreaterThan(inside * 1.05);
  });
  it('runs MoE with expert parallelism and reports all-to-all time', () => {
    const out = runTraining(
      trainingWorkloadSchema.parse({ kind: 'training', model: { preset: 'mixtral-8x7b', override: { seqLength: 4096 } }, parallelism: { tensor: 2, pipeline: 4, expert: 8, microBatchSize: 1, globalBatchSize: 64, recompute: 'selective', sequenceParallel: true }, flashAttention: true, tokens: 1e9 }),
      envFor(clusterOf('dgx-h100', 8), 'analytic'),
    );
    expect(out.breakdown.epCommExposedS as number).toBeGreaterThan(0);
    expect(out.metrics.training!.mfu).toBeGreaterThan(0.1);
    expect(out.metrics.training!.mfu).toBeLessThan(0.8);
  });
  it('a device without a 16-bit peak falls back with a warning instead of giving NaN', () => {
    const w = workload({ tensor: 1, pipeline: 1, globalBatchSize: 64 }, { layers: 4, hiddenSize: 768, heads: 12, seqLength: 1024, vocabSize: 50257 });
    const fpga = runTraining(w, envFor(clusterOf('fpga-server', 2), 'analytic', builtinProfile));
    expect(Number.isFinite(fpga.metrics.training!.stepTimeS)).toBe(true);
    expect(fpga.metrics.training!.stepTimeS).toBeGreaterThan(0);
    expect(fpga.warnings.some((x) => x.code === 'training.no-training-precision' && x.severity === 'error')).toBe(true);
    const cpu = runTraining(w, envFor(clusterOf('cpu-server', 2), 'analytic', builtinProfile));
    expect(Number.isFinite(cpu.metrics.training!.stepTimeS)).toBe(true);
  });
  it('ZeRO-3 moves two parameter gathers and a gradient reduce-scatter per micro-batch: the step is no shorter than the NICs need, and a slower fabric shows', () => {
    const w = trainingWorkloadSchema.parse({ kind: 'training', model: { preset: 'llama3-8b', override: { seqLength: 1024 } }, parallelism: { tensor: 1, pipeline: 1, microBatchSize: 1, globalBatchSize: 512, recompute: 'none', zero: 3 }, precision: 'bf16', flashAttention: true, tokens: 1e9 });
    const fabricCluster = (fabric: string) => buildCluster(clusterSchema.parse({ pools: [{ name: 'h100', node: 'dgx-h100', count: 64 }], network: { topology: 'fat-tree', fabric } }));
    const ib = fabricCluster('ib-ndr');
    const out = runTraining(w, envFor(ib, 'analytic', builtinProfile)).metrics.training!;
    const step = out.stepTimeS;
    // Each node must bring in (n-1)/n of the 16-bit weights twice and send out as much gradient, through its 8 NICs.
    const params = out.params as number;
    expect(params).toBeGreaterThan(8e9); // the override keeps the preset's gated FFN
    const n = ib.deviceCount;
    const nodeNic = ib.pools[0].node.nics.count * ib.pools[0].node.nics.bandwidth;
    expect(step).toBeGreaterThan((3 * 2 * params * (n - 1)) / n / nodeNic);
    const slower = runTraining(w, envFor(fabricCluster('roce-400g'), 'analytic', builtinProfile)).metrics.training!.stepTimeS;
    expect(slower).toBeGreaterThan(step * 1.05);
    // At des the gathers and reduce-scatters run as flows on the topology beside the compute.
    const des = runTraining(w, envFor(ib, 'des', builtinProfile)).metrics.training!.stepTimeS;
    expect(Math.abs(des / step - 1)).toBeLessThan(0.05);
    const desRoce = runTraining(w, envFor(fabricCluster('roce-400g'), 'des', builtinProfile)).metrics.training!.stepTimeS;
    expect(desRoce).toBeGreaterThan(des * 1.05);
  });
  it('unfused gradient accumulation adds one memory pass over the local gradients per micro-batch', () => {
    const cluster = clusterOf('dgx-a100-80gb', 1);
    const par = { tensor: 8, pipeline: 1, data: 1, globalBatchSize: 8, overlapGradReduce: false, gradientPrecision: 'fp32' };
    const fused = runTraining(workload(par), envFor(cluster, 'analytic', builtinProfile)).metrics.training!;
    const unfused = runTraining(workload({ ...par, gradientAccumulationFusion: false }), envFor(cluster, 'analytic', builtinProfile)).metrics.training!;
    // 16 layers of h = 4096 over t = 8 plus the vocab-parallel embedding (tied off: input and output copies).
    const h = 4096;
    const params = 16 * ((12 * h * h) / 8 + 2 * h) + (2 * 51200 * h) / 8;
    const bytes = params * (2 + 2 * 4);
    const perMicroBatch = bytes / memoryRate(builtinProfile, cluster.pools[0].device, bytes);
    expect((unfused.stepTimeS - fused.stepTimeS) / (8 * perMicroBatch)).toBeCloseTo(1, 2);
  });
});
