/**
 * What one pipeline stage costs per micro-batch (compute, recompute and the
 * communication inside a micro-batch) and per step (gradient reduction and the
 * optimizer): the numbers both fidelities build the step from.
 */
import { expertGroupRanks, groupRanks, type Layout } from './layout';
import { embeddingParams, layerParams, type TransformerShape } from './model';
import { opsTime, type DeviceRates } from './op-time';
import { embeddingOps, headOps, layerOps, opsFlops, tokensPerDevice, type OpContext, type Op } from './ops';
import type { CollectiveRequest, CollectiveTimer } from './collective-model';
import type { ClusterModel } from '../../hardware/types';
import type { TrainingWorkload } from './schema';

export interface StageCost {
  stage: number;
  layers: number;
  forwardS: number;
  backwardS: number;
  recomputeS: number;
  /** Exposed tensor-parallel collectives per micro-batch, forward and backward (recompute's share in backward). */
  tpForwardS: number;
  tpBackwardS: number;
  /** Expert all-to-all per micro-batch (dispatch and combine). */
  epForwardS: number;
  epBackwardS: number;
  /** Context-parallel KV exchange not hidden behind attention. */
  cpExposedS: number;
  /** ZeRO-3 parameter gathers not hidden behind compute, per micro-batch. */
  zeroGatherExposedS: number;
  /** FLOPs per micro-batch on one device: model (forward + backward) and recompute. */
  modelFlops: number;
  recomputeFlops: number;
  /** Gradient bytes this device reduces across data parallel ranks each step. */
  gradientBytes: number;
  paramsPerDevice: number;
}

export interface StepCosts {
  stages: StageCost[];
  /** Activation message between stages per micro-batch, and its time, one direction. */
  p2pBytes: number;
  p2pS: number;
  /** Gradient reduction per step (whole, before overlap), the last bucket, and the ZeRO parameter all-gather. */
  dpReduceS: number;
  dpLastBucketS: number;
  dpGatherS: number;
  /** Bytes each data-parallel rank sends per gradient byte in the reduction: 2(n-1)/n all-reduce, (n-1)/n reduce-scatter. */
  dpSendFactor: number;
  /** The gradient reduction's collective for stage 0's data-parallel group (DES runs it as flows per stage). */
  dpCollective?: { op: 'all-reduce' | 'reduce-scatter'; ranks: number[] };
  /** ZeRO-3: one layer's parameter gather and gradient reduce-scatter on stage 0's data-parallel group (DES runs them as flows). */
  zeroLayer?: { gather: CollectiveRequest; reduce: CollectiveRequest };
  /** Tied-embedding gradient all-reduce between the first and last pipeline stage, once per step. */
  embeddingSyncS: number;
  optimizerS: number;
  requests: { name: string; req: CollectiveRequest; timeS: number; bottleneck: string }[];
}

export interface CostInputs {
  workload: TrainingWorkload;
  model: TransformerShape;
  layout: Layout;
  rates: DeviceRates;
  cluster: ClusterModel;
  collective: CollectiveTimer;
  activationBytes: number;
  /** Bytes per gradient element in the accumulation buffer and the data-parallel reduction (4 for fp32). */
  gradientBytes: number;
}

/** Layers on each stage: as even as possible, extra layers on the earliest stages. */
export function layersPerStage(layers: number, stages: number): number[] {
  return Array.from({ length: stages }, (_, i) => Math.floor(layers / stages) + (i < layers % stages ? 1 : 0));
}

const sum = (ops: Op[], r: DeviceRates) => opsTime(ops, r);

export function stepCosts(x: CostInputs): StepCosts {
  const { workload: w, model: m, layout: ly, rates } = x;
  const par = w.parallelism;
  const ctx: OpContext = { model: m, layout: ly, sequenceParallel: par.sequenceParallel && ly.tensor > 1, flashAttention: w.flashAttention, activationBytes: x.activationBytes };
  const requests: StepCosts['requests'] = [];
  const time = (name: string, req: CollectiveRequest) => {
    const r = x.collective(req, x.cluster);
    requests.push({ name, req, timeS: r.timeS, bottleneck: r.bottleneck });
    return r.timeS;
  };

  const layer = layerOps(ctx);
  const head = headOps(ctx);
  const embed = embeddingOps(ctx);
  const layerF = sum(layer.forward, rates);
  const layerB = sum(layer.backward, rates);
  const coreF = sum(layer.attentionCore, rates);
  const layerFlops = opsFlops(layer.forward) + opsFlops(layer.backward);
  const layerFwdFlops = opsFlops(layer.forward);
  const coreFlops = opsFlops(layer.attentionCore);

  const T = tokensPerDevice(ctx);
  const actMsg = T * m.hiddenSize * x.activationBytes;
  const tpRanks = groupRanks(ly, 'tensor');
  // Tensor parallel: two all-reduces per layer forward and two backward (Shoeybi et al. 2019, fig. 4);
  // with sequence parallelism each becomes an all-gather plus a reduce-scatter of the same size.
  let tpOne = 0;
  if (ly.tensor > 1) {
    tpOne = ctx.sequenceParallel
      ? time('tp all-gather', { op: 'all-gather', bytes: actMsg, ranks: tpRanks }) + time('tp reduce-scatter', { op: 'reduce-scatter', bytes: actMsg, ranks: tpRanks })
      : time('tp all-reduce', { op: 'all-reduce', bytes: actMsg, ranks: tpRanks });
  }
  const recompute = par.recompute;
  const tpLayerF = 2 * tpOne;
  const tpLayerB = 2 * tpOne + (recompute === 'full' ? 2 * tpOne : 0);

  let epOne = 0;
  if (m.moe && ly.expert > 1) {
    epOne = time('ep all-to-all', { op: 'all-to-all', bytes: T * m.moe.topK * m.moe.capacityFactor * m.hiddenSize * x.activationBytes, ranks: expertGroupRanks(ly) });
  }
  const epLayerF = 2 * epOne;
  const epLayerB = 2 * epOne + (recompute === 'full' ? 2 * epOne : 0);

  let cpLayer = 0;
  if (ly.context > 1) {
    const kv = (T * ly.context * 2 * m.kvHeads * m.headDim * x.activationBytes) / ly.tensor;
    const cpRanks = groupRanks(ly, 'context');
    const gather = time('cp kv all-gather', { op: 'all-gather', bytes: kv, ranks: cpRanks });
    const scatter = time('cp dkv reduce-scatter', { op: 'reduce-scatter', bytes: kv, ranks: cpRanks });
    // Ring attention overlaps the KV exchange with the attention core (forward once, backward about twice).
    cpLayer = Math.max(0, gather - coreF) + Math.max(0, scatter - 2 * coreF);
  }

  const lp = layerParams(m);
  const denseLayerParams = (lp.attention + lp.denseFfn) / ly.tensor + lp.norms;
  const expertLayerParams = lp.experts / (ly.tensor * ly.expert);
  const zero = par.zero === 'fsdp' ? 3 : par.zero;
  const dpRanks = groupRanks(ly, 'data').flatMap((d) => groupRanks(ly, 'context').map((c) => d + c));
  let zeroGatherLayer = 0;
  let zeroReduceLayer = 0;
  let zeroLayer: StepCosts['zeroLayer'];
  if (zero >= 3 && dpRanks.length > 1) {
    const gatherReq: CollectiveRequest = { op: 'all-gather', bytes: x.activationBytes * (denseLayerParams + expertLayerParams), ranks: dpRanks };
    const reduceReq: CollectiveRequest = { op: 'reduce-scatter', bytes: x.gradientBytes * (denseLayerParams + expertLayerParams), ranks: dpRanks };
    zeroLayer = { gather: gatherReq, reduce: reduceReq };
    const gather = time('zero-3 param all-gather', gatherReq);
    // ZeRO-3/FSDP reduce-scatters each layer's gradient in every micro-batch's backward (the full gradient is
    // never kept), on the same data-parallel links as the backward's parameter gather (Rajbhandari et al. 2020,
    // sec. 5.3; PyTorch FSDP, Zhao et al. 2023, sec. 3.3). Prefetched one layer ahead, both hide behind the
    // layer's compute (backward: with its recompute) where the links keep up.
    zeroReduceLayer = time('zero-3 layer gradient reduce-scatter', reduceReq);
    const backwardWindow = layerB + (recompute === 'full' ? layerF : recompute === 'selective' ? coreF : 0);
    zeroGatherLayer = Math.max(0, gather - layerF) + Math.max(0, gather + zeroReduceLayer - backwardWindow);
  }

  const split = layersPerStage(m.layers, ly.pipeline);
  const embedParams = embeddingParams(m) / ly.tensor;
  const stages: StageCost[] = split.map((layers, i) => {
    const first = i === 0;
    const last = i === ly.pipeline - 1;
    const extraF = (first ? sum(embed.forward, rates) : 0) + (last ? sum(head.forward, rates) : 0);
    const extraB = (first ? sum(embed.backward, rates) : 0) + (last ? sum(head.backward, rates) : 0);
    const extraFlops = last ? opsFlops(head.forward) + opsFlops(head.backward) : 0;
    const rc = recompute === 'full' ? layers * layerF : recompute === 'selective' ? layers * coreF : 0;
    const rcFlops = recompute === 'full' ? layers * layerFwdFlops : recompute === 'selective' ? layers * coreFlops : 0;
    const params = layers * (denseLayerParams + expertLayerParams) + (first ? embedParams : 0) + (last && (!m.tiedEmbeddings || !first) ? embedParams : 0);
    const embedTp = first && ly.tensor > 1 ? tpOne : 0; // vocab-parallel embedding sums its partial lookups
    // Without accumulation fusion, each micro-batch's weight gradients (written by the wgrad GEMMs in the
    // training precision) are added into the gradient buffer by a separate kernel: read the new gradient,
    // read and write the buffer (Megatron-LM 2021 LocalDDP hook `param.main_grad.add_(param.grad.data)`).
    const accumulateS = par.gradientAccumulationFusion ? 0 : opsTime([{ kind: 'memory', name: 'grad-accumulate', bytes: params * (x.activationBytes + 2 * x.gradientBytes) }], rates);
    return {
      stage: i,
      layers,
      forwardS: layers * layerF + extraF,
      backwardS: layers * layerB + extraB + accumulateS,
      recomputeS: rc,
      tpForwardS: layers * tpLayerF + embedTp,
      tpBackwardS: layers * tpLayerB,
      epForwardS: layers * epLayerF,
      epBackwardS: layers * epLayerB,
      cpExposedS: layers * cpLayer,
      zeroGatherExposedS: layers * zeroGatherLayer,
      modelFlops: layers * layerFlops + extraFlops,
      recomputeFlops: rcFlops,
      gradientBytes: x.gradientBytes * params,
      paramsPerDevice: params,
    };
  });

  // Pipeline p2p: Megatron's scatter/gather optimisation sends 1/t of the activation per tensor rank
  // over the network and all-gathers it over NVLink on arrival (Narayanan et al. 2021, sec. 4.1).
  let p2pS = 0;
  const p2pBytes = ly.tensor > 1 ? actMsg / ly.tensor : actMsg;
  if (ly.pipeline > 1) {
    p2pS = time('pp send-recv', { op: 'send-recv', bytes: p2pBytes, ranks: [0, ly.stride.pipeline] });
    if (ly.tensor > 1 && !ctx.sequenceParallel) p2pS += time('pp all-gather on arrival', { op: 'all-gather', bytes: actMsg, ranks: tpRanks });
  }

  const heaviest = stages.reduce((a, b) => (b.paramsPerDevice > a.paramsPerDevice ? b : a));
  const expertGradBytes = x.gradientBytes * heaviest.layers * expertLayerParams;
  const denseGradBytes = heaviest.gradientBytes - expertGradBytes;
  let dpReduceS = 0;
  let dpGatherS = 0;
  let dpLastBucketS = 0;
  const bucket = par.bucketSize;
  if (dpRanks.length > 1) {
    // ZeRO-0 all-reduces gradients; ZeRO-1/2/3 reduce-scatter them and all-gather the updated weights.
    const op = zero === 0 ? 'all-reduce' : 'reduce-scatter';
    // ZeRO-3 reduced layer by layer in every micro-batch (above): only the last layer's is left after backward.
    dpReduceS = zero >= 3 ? zeroReduceLayer : time(`dp gradient ${op}`, { op, bytes: denseGradBytes, ranks: dpRanks });
    dpLastBucketS = time('dp last bucket', { op, bytes: Math.min(bucket, denseGradBytes), ranks: dpRanks });
    // The updated 16-bit weights are gathered back (2 bytes per parameter whatever the gradient precision).
    if (zero >= 1 && zero < 3) dpGatherS = time('dp param all-gather', { op: 'all-gather', bytes: (denseGradBytes / x.gradientBytes) * x.activationBytes, ranks: dpRanks });
  }
  if (expertGradBytes > 0) {
    const expertDp = dpRanks.filter((_, i) => i % ly.expert === 0);
    if (expertDp.length > 1) dpReduceS += time('expert dp gradient reduce', { op: zero === 0 ? 'all-reduce' : 'reduce-scatter', bytes: expertGradBytes, ranks: expertDp });
  }

  // Tied embeddings across a pipeline: the first and last stage hold a copy of the word embedding and
  // all-reduce its gradient after backward (Megatron-LM `_allreduce_embedding_grads`; Shoeybi et al. 2019).
  let embeddingSyncS = 0;
  if (m.tiedEmbeddings && ly.pipeline > 1) {
    embeddingSyncS = time('tied embedding all-reduce', { op: 'all-reduce', bytes: x.gradientBytes * embedParams, ranks: [0, (ly.pipeline - 1) * ly.stride.pipeline] });
  }

  // Mixed-precision Adam (Apex FusedAdam) per parameter of the local shard: read the gradient, read and write
  // the fp32 master weight, momentum and variance (24 bytes), write the 16-bit weight; before it, the gradient
  // norm for clipping reads the gradient once more, and after it the gradient buffer is zeroed (written).
  const shard = zero >= 1 ? heaviest.paramsPerDevice / Math.max(1, dpRanks.length) : heaviest.paramsPerDevice;
  const adamBytes = x.gradientBytes + 24 + x.activationBytes;
  const gradPasses = [
    { kind: 'memory' as const, name: 'grad-norm', bytes: heaviest.paramsPerDevice * x.gradientBytes / (zero >= 2 ? Math.max(1, dpRanks.length) : 1) },
    { kind: 'memory' as const, name: 'adam', bytes: shard * adamBytes },
    { kind: 'memory' as const, name: 'zero-grad', bytes: heaviest.paramsPerDevice * x.gradientBytes / (zero >= 2 ? Math.max(1, dpRanks.length) : 1) },
  ];
  const optimizerS = opsTime(gradPasses, rates);

  const n = dpRanks.length;
  const dpSendFactor = n > 1 ? ((zero === 0 ? 2 : 1) * (n - 1)) / n : 0;
  const dpCollective = n > 1 ? { op: zero === 0 ? ('all-reduce' as const) : ('reduce-scatter' as const), ranks: dpRanks } : undefined;
  return { stages, p2pBytes, p2pS, dpReduceS, dpLastBucketS, dpGatherS, dpSendFactor, dpCollective, zeroLayer, embeddingSyncS, optimizerS, requests };
}
