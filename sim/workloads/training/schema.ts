/**
 * The `workload:` section of a training scenario (DESIGN.md, scenario format v1).
 * Units are SI on output; quantities accept strings with units on input.
 */
import { z } from 'zod';
import { positiveQuantity } from '../../units/zod';
import { layerListModelSchema } from './layer-list';

const positiveInt = z.number().int().positive();

export const moeSchema = z
  .object({
    experts: positiveInt.describe('Routed experts per MoE layer'),
    topK: positiveInt.describe('Experts each token is routed to'),
    expertFfnHiddenSize: positiveInt.optional().describe('FFN hidden size of one expert (default: the model ffnHiddenSize)'),
    sharedExperts: z.number().int().nonnegative().default(0).describe('Experts every token passes through (DeepSeek style)'),
    capacityFactor: z.number().positive().default(1).describe('Tokens per expert slot relative to a perfectly balanced router'),
  })
  .strict();

export const transformerModelSchema = z
  .object({
    name: z.string().optional(),
    layers: positiveInt.describe('Transformer blocks'),
    hiddenSize: positiveInt.describe('Model width h'),
    heads: positiveInt.describe('Attention (query) heads a'),
    kvHeads: positiveInt.optional().describe('Key/value heads (GQA/MQA); default = heads'),
    ffnHiddenSize: positiveInt.optional().describe('FFN inner size; default 4h'),
    gatedFfn: z.boolean().default(false).describe('SwiGLU-style gated FFN (three matrices)'),
    seqLength: positiveInt.describe('Training sequence length s'),
    vocabSize: positiveInt.describe('Vocabulary V'),
    tiedEmbeddings: z.boolean().default(false).describe('Input embedding shares the output projection'),
    moe: moeSchema.optional(),
  })
  .strict();

const overrideSchema = z
  .object(
    Object.fromEntries(
      Object.entries(transformerModelSchema.shape).map(([k, v]) => [k, (v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType)).optional()]),
    ) as { [K in keyof typeof transformerModelSchema.shape]: z.ZodOptional<z.ZodType<z.output<typeof transformerModelSchema>[K]>> },
  )
  .strict();

export const presetModelSchema = z
  .object({
    preset: z.string().describe('A preset id, e.g. llama3-70b'),
    // No defaults inside the override: a default (e.g. gatedFfn false) would silently replace the preset's value.
    override: overrideSchema.default({}).describe('Fields that replace the preset values'),
  })
  .strict();

export const parallelismSchema = z
  .object({
    tensor: positiveInt.default(1).describe('Tensor-parallel size t (inside the scale-up domain by default)'),
    pipeline: positiveInt.default(1).describe('Pipeline stages p'),
    data: positiveInt.optional().describe('Data-parallel size d; default devices / (t·p·c)'),
    context: positiveInt.default(1).describe('Context-parallel size c (sequence split across ranks for attention)'),
    expert: positiveInt.default(1).describe('Expert-parallel size e (divides the data·context ranks)'),
    microBatchSize: positiveInt.default(1).describe('Sequences per micro-batch b'),
    globalBatchSize: positiveInt.describe('Sequences per optimizer step B'),
    schedule: z.enum(['gpipe', '1f1b', 'interleaved']).default('1f1b'),
    virtualStages: positiveInt.default(1).describe('Model chunks per device for the interleaved schedule v'),
    sequenceParallel: z.boolean().default(false).describe('Megatron sequence parallelism alongside tensor parallelism'),
    recompute: z.enum(['none', 'selective', 'full']).default('none'),
    zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal('fsdp')]).default(0)
      .describe('ZeRO stage (fsdp = ZeRO-3 semantics)'),
    overlapGradReduce: z.boolean().default(true)
      .describe('Gradient reduction overlapped with backward, in buckets (Megatron-LM --overlap-grad-reduce, 2023; the 2021 code reduced after backward: false)'),
    gradientAccumulationFusion: z.boolean().default(true)
      .describe('Weight-gradient GEMMs accumulate straight into the gradient buffer (Megatron-LM --gradient-accumulation-fusion); false = a separate add of each micro-batch\'s gradients into the buffer, as Megatron-LM 2021 and hooks-based frameworks do'),
    gradientPrecision: z.enum(['bf16', 'fp16', 'fp32']).optional()
      .describe('Precision gradients are accumulated and reduced in; default the training precision (Megatron-LM with bf16 uses fp32: accumulate_allreduce_grads_in_fp32)'),
    bucketSize: positiveQuantity('bytes').default(40e6).describe('Gradient bucket size for the overlapped reduction'),
    placement: z
      .object({
        order: z.array(z.enum(['tensor', 'context', 'data', 'pipeline'])).length(4).optional()
          .describe('Rank order, innermost (consecutive devices) first; default tensor, context, data, pipeline'),
      })
      .strict()
      .default({}),
  })
  .strict();

export const trainingWorkloadSchema = z
  .object({
    kind: z.literal('training'),
    model: z.union([z.string(), transformerModelSchema, presetModelSchema, layerListModelSchema])
      .describe('A preset id, a transformer, { preset, override }, or { layers: [...] } (a layer list: CNNs and other non-transformers; tokens then counts samples)'),
    parallelism: parallelismSchema,
    precision: z.enum(['bf16', 'fp16', 'fp8', 'fp32', 'tf32']).default('bf16'),
    flashAttention: z.boolean().default(false)
      .describe('Fused attention that never stores the s×s scores (FlashAttention); false = Megatron-2021 style softmax kernels'),
    tokens: z.number().positive().describe('Tokens to train on (e.g. 300e9)'),
    checkpoint: z
      .object({
        interval: positiveQuantity('time').optional().describe('Time between checkpoints; default the Young/Daly optimum'),
        tier: z.string().optional().describe('Storage tier id or kind to write to; default the first of the cluster'),
      })
      .strict()
      .default({}),
    failures: z
      .object({
        mtbfPerDevice: positiveQuantity('time').optional().describe('Mean time between failures of one device (with its share of node)'),
        restartTime: positiveQuantity('time').default(600).describe('Time from a failure to training again, before replay'),
      })
      .strict()
      .default({ restartTime: 600 }),
    dataLoading: z
      .object({
        bytesPerToken: positiveQuantity('bytes').default(4).describe('Bytes read from storage per training token'),
        objectBytes: positiveQuantity('bytes').default(2 ** 20)
          .describe('Bytes per read: one sample file (e.g. a 110 kB JPEG) or one chunk of a packed shard; default 1 MiB'),
        streamsPerNode: positiveInt.default(16)
          .describe('Reads in flight per node: data-loader workers x prefetch depth; default 16'),
        datasetBytes: positiveQuantity('bytes').optional()
          .describe('Dataset size, to derive the hit rate of per-node caches (local NVMe, host RAM) from their capacity'),
        tier: z.string().optional()
          .describe('Storage tier id, name or kind to read from; default the cluster\'s read hierarchy (per-node caches, then the first shared tier)'),
        prefetch: z.boolean().default(true).describe('Loading overlaps compute; only a shortfall stalls'),
      })
      .strict()
      .default({ bytesPerToken: 4, objectBytes: 2 ** 20, streamsPerNode: 16, prefetch: true }),
  })
  .strict();

export type TrainingWorkload = z.output<typeof trainingWorkloadSchema>;
export type TransformerModelInput = z.output<typeof transformerModelSchema>;
export type ParallelismInput = z.output<typeof parallelismSchema>;
