/**
 * The operations of one transformer block for one micro-batch on one device,
 * after tensor (t), context (c) and expert (e) splitting: matrix multiplies
 * with their shapes (the device efficiency depends on them) and memory-bound
 * passes with the bytes they move.
 *
 * FLOPs are counted exactly per multiply (2·m·n·k). With full attention
 * (Megatron 2021 kernels) the s×s scores are computed whole and the causal
 * mask applied afterwards, as in Narayanan et al. 2021 eq. (3); FlashAttention
 * skips the masked half. Backward is two multiplies per forward one (input
 * and weight gradients), FlashAttention's backward five per two (it recomputes
 * the scores). Memory-bound passes are read+write byte counts of the fused
 * kernels Megatron uses (layernorm, bias-dropout-add, bias-GeLU, scaled masked
 * softmax); their backward moves twice the forward bytes (read the gradient and
 * the saved input, write the gradient).
 */
import type { Layout } from './layout';
import type { TransformerShape } from './model';

export interface MatmulOp {
  kind: 'matmul';
  name: string;
  m: number;
  n: number;
  k: number;
  /** Independent multiplies of this shape (batched GEMM). */
  batch: number;
  flops: number;
}

export interface MemoryOp {
  kind: 'memory';
  name: string;
  bytes: number;
}

export type Op = MatmulOp | MemoryOp;

export interface PassOps {
  forward: Op[];
  backward: Op[];
  /** Forward ops a selective recompute reruns during backward (the attention core). */
  attentionCore: Op[];
}

export interface OpContext {
  model: TransformerShape;
  layout: Layout;
  sequenceParallel: boolean;
  flashAttention: boolean;
  /** Bytes per activation element (2 for bf16/fp16/fp8 training, 4 for fp32/tf32). */
  activationBytes: number;
}

export function matmul(name: string, m: number, n: number, k: number, batch = 1): MatmulOp {
  return { kind: 'matmul', name, m, n, k, batch, flops: 2 * m * n * k * batch };
}

const mem = (name: string, bytes: number): MemoryOp => ({ kind: 'memory', name, bytes });

/** Input gradient (m×n · n×k) and weight gradient (k×m · m×n) of a forward multiply. */
function backwardOf(op: MatmulOp): MatmulOp[] {
  return [matmul(`${op.name}.dgrad`, op.m, op.k, op.n, op.batch), matmul(`${op.name}.wgrad`, op.k, op.n, op.m, op.batch)];
}

function backwardMemory(ops: Op[]): MemoryOp[] {
  return ops.filter((o): o is MemoryOp => o.kind === 'memory').map((o) => mem(`${o.name}.grad`, 2 * o.bytes));
}

/** Tokens of one micro-batch held by one device (context parallelism splits the sequence). */
export const tokensPerDevice = (ctx: OpContext) => (ctx.layout.microBatchSize * ctx.model.seqLength) / ctx.layout.context;

export function layerOps(ctx: OpContext): PassOps {
  const { model: md, layout: ly } = ctx;
  const t = ly.tensor;
  const e = ctx.activationBytes;
  const h = md.hiddenSize;
  const d = md.headDim;
  const T = tokensPerDevice(ctx);
  // Layernorm, dropout and residual regions: split across t only with sequence parallelism.
  const Tln = ctx.sequenceParallel ? T / t : T;
  const localHeads = md.heads / t;
  const sq = md.seqLength / ly.context;
  const sk = md.seqLength;
  const b = ly.microBatchSize;

  const qkv = matmul('qkv', T, (h + 2 * md.kvHeads * d) / t, h);
  const proj = matmul('attn-proj', T, h, h / t);
  const causal = ctx.flashAttention ? 0.5 : 1;
  const scores = matmul('attn-scores', sq, sk * causal, d, b * localHeads);
  const context = matmul('attn-context', sq, d, sk * causal, b * localHeads);
  const scoreElems = b * localHeads * sq * sk;

  const attnCoreMem: MemoryOp[] = ctx.flashAttention
    ? []
    : [mem('softmax', 2 * scoreElems * e), mem('attn-dropout', scoreElems * (2 * e + 1))];
  const attentionCore: Op[] = [scores, ...attnCoreMem, context];

  const ffnOps: Op[] = [];
  const ffnBwd: Op[] = [];
  const addFfn = (prefix: string, tokens: number, f: number, count = 1) => {
    const up = matmul(`${prefix}-up`, tokens, ((md.gatedFfn ? 2 : 1) * f) / t, h, count);
    const down = matmul(`${prefix}-down`, tokens, h, f / t, count);
    const act = mem(`${prefix}-${md.gatedFfn ? 'swiglu' : 'gelu'}`, (md.gatedFfn ? 3 : 2) * tokens * (f / t) * e * count);
    ffnOps.push(up, act, down);
    ffnBwd.push(...backwardOf(down), mem(`${act.name}.grad`, 2 * act.bytes), ...backwardOf(up));
  };
  if (!md.moe) {
    addFfn('ffn', T, md.ffnHiddenSize);
  } else {
    const moe = md.moe;
    const router = matmul('router', T, moe.experts, h);
    ffnOps.push(router);
    ffnBwd.push(...backwardOf(router));
    // Each device holds experts/e experts; each receives e·T·topK/experts tokens (balanced router, capacity factor).
    const localExperts = moe.experts / ly.expert;
    const tokensPerExpert = (ly.expert * T * moe.topK * moe.capacityFactor) / moe.experts;
    const permute = mem('moe-permute', 2 * 2 * T * moe.topK * h * e);
    ffnOps.push(permute);
    ffnBwd.push(mem('moe-permute.grad', 2 * permute.bytes));
    addFfn('expert', tokensPerExpert, moe.expertFfnHiddenSize, localExperts);
    if (moe.sharedExperts > 0) addFfn('shared-expert', T, moe.expertFfnHiddenSize * moe.sharedExperts);
  }

  const ln1 = mem('layernorm-1', 4 * Tln * h * e);
  const ln2 = mem('layernorm-2', 4 * Tln * h * e);
  const bda1 = mem('bias-dropout-add-1', Tln * h * (3 * e + 1));
  const bda2 = mem('bias-dropout-add-2', Tln * h * (3 * e + 1));

  const forward: Op[] = [ln1, qkv, ...attentionCore, proj, bda1, ln2, ...ffnOps, bda2];
  const attnBackward: Op[] = ctx.flashAttention
    ? [
        matmul('attn-scores.recompute', sq, sk * causal, d, b * localHeads),
        matmul('attn-dP', sq, sk * causal, d, b * localHeads),
        matmul('attn-dV', sk * causal, d, sq, b * localHeads),
        matmul('attn-dQ', sq, d, sk * causal, b * localHeads),
        matmul('attn-dK', sk * causal, d, sq, b * localHeads),
      ]
    : [
        ...backwardOf(context),
        // Dropout backward reads the gradient and the 1-byte mask and writes the gradient; the fused softmax
        // backward reads the gradient and its saved output and writes the gradient (Megatron
        // scaled_masked_softmax_cuda): 2e+1 and 3e bytes per score element.
        mem('attn-dropout.grad', scoreElems * (2 * e + 1)),
        mem('softmax.grad', 3 * scoreElems * e),
        ...backwardOf(scores),
      ];
  const backward: Op[] = [
    ...backwardMemory([bda2]),
    ...ffnBwd,
    ...backwardMemory([ln2, bda1]),
    ...backwardOf(proj),
    ...attnBackward,
    ...backwardOf(qkv),
    ...backwardMemory([ln1]),
  ];
  return { forward, backward, attentionCore };
}

/** Output projection and loss (last stage): logits in fp32 for the cross-entropy. */
export function headOps(ctx: OpContext): PassOps {
  const T = tokensPerDevice(ctx);
  const vLocal = ctx.model.vocabSize / ctx.layout.tensor;
  const logits = matmul('logits', T, vLocal, ctx.model.hiddenSize);
  const loss = mem('cross-entropy', 3 * T * vLocal * 4);
  const lnF = mem('final-layernorm', 4 * (ctx.sequenceParallel ? T / ctx.layout.tensor : T) * ctx.model.hiddenSize * ctx.activationBytes);
  return { forward: [lnF, logits, loss], backward: [mem('cross-entropy.grad', T * vLocal * (4 + ctx.activationBytes)), ...backwardOf(logits), ...backwardMemory([lnF])], attentionCore: [] };
}

/** Token embedding lookup (first stage): a gather, memory-bound both ways. */
export function embeddingOps(ctx: OpContext): PassOps {
  const T = tokensPerDevice(ctx);
  const bytes = T * ctx.model.hiddenSize * ctx.activationBytes;
  return { forward: [mem('embedding', 2 * bytes)], backward: [mem('embedding.grad', 2 * bytes)], attentionCore: [] };
}

export const opsFlops = (ops: Op[]) => ops.reduce((s, o) => s + (o.kind === 'matmul' ? o.flops : 0), 0);
export const opsBytes = (ops: Op[]) => ops.reduce((s, o) => s + (o.kind === 'memory' ? o.bytes : 0), 0);
