/**
 * The `workload:` section of an inference-serving scenario (kind: inference):
 * a model served by replicas under a traffic pattern, with an SLO, optional
 * autoscaling and an optional edge-versus-cloud comparison. SI units on output.
 */
import { z } from 'zod';
import { nonNegativeQuantity, positiveQuantity } from '../../units/zod';
import { presetModelSchema, transformerModelSchema } from '../training/schema';

const positiveInt = z.number().int().positive();

/** A token count drawn per request: a number (fixed) or a distribution of the value itself. */
export const distributionSchema = z
  .union([
    z.number().positive(),
    z.object({ dist: z.literal('fixed'), value: z.number().positive() }).strict(),
    z.object({ dist: z.literal('uniform'), min: z.number().positive(), max: z.number().positive() }).strict(),
    z.object({ dist: z.literal('normal'), mean: z.number().positive(), sd: z.number().nonnegative() }).strict(),
    z.object({ dist: z.literal('lognormal'), mean: z.number().positive(), sd: z.number().nonnegative() }).strict()
      .describe('Lognormal with this mean and standard deviation of the value (not of its log)'),
    z.object({ dist: z.literal('exponential'), mean: z.number().positive() }).strict(),
    z.object({ dist: z.literal('empirical'), values: z.array(z.number().positive()).min(1) }).strict(),
  ])
  .describe('A number, or { dist: fixed|uniform|normal|lognormal|exponential|empirical, ... }');
export type Distribution = z.output<typeof distributionSchema>;

/** A non-LLM model (vision, recommendation): a cost per request, batched. */
export const perRequestModelSchema = z
  .object({
    name: z.string().optional(),
    flopPerRequest: positiveQuantity('flop').describe('Forward FLOP of one request'),
    bytesPerRequest: nonNegativeQuantity('bytes').default(0).describe('Activation bytes moved per request (memory traffic beyond the weights)'),
    weightBytes: positiveQuantity('bytes').describe('Model weights read once per batch'),
    requestBytes: nonNegativeQuantity('bytes').default(0).describe('Input payload size (for edge uploads)'),
    responseBytes: nonNegativeQuantity('bytes').default(0).describe('Output payload size'),
  })
  .strict();
export type PerRequestModel = z.output<typeof perRequestModelSchema>;

export const trafficSchema = z
  .object({
    pattern: z.enum(['poisson', 'daily', 'bursts', 'trace', 'closed']).default('poisson')
      .describe('poisson: constant rate; daily: a 24-hour curve; bursts: periodic surges; trace: given requests; closed: a fixed number of clients, each sending its next request when the last one ends'),
    rate: positiveQuantity('frequency').optional().describe('Mean request rate (poisson, bursts base, daily mean)'),
    duration: positiveQuantity('time').default(3600).describe('Traffic window simulated'),
    inputTokens: distributionSchema.default(512),
    outputTokens: distributionSchema.default(128),
    daily: z
      .object({
        peakToTrough: z.number().min(1).default(3).describe('Peak rate / trough rate of the sinusoidal day'),
        peakHour: z.number().min(0).max(24).default(14).describe('Hour of the day (0-24) with the highest rate'),
        hourly: z.array(z.number().nonnegative()).length(24).optional().describe('24 relative rates, one per hour; overrides the sinusoid'),
        startHour: z.number().min(0).max(24).default(0).describe('Hour of the day at simulation time 0'),
      })
      .strict()
      .prefault({}),
    bursts: z
      .object({
        every: positiveQuantity('time').default(600).describe('Time between burst starts'),
        length: positiveQuantity('time').default(60).describe('Burst duration'),
        multiplier: z.number().min(1).default(5).describe('Rate during a burst / base rate'),
      })
      .strict()
      .prefault({}),
    trace: z
      .array(z.tuple([z.number().nonnegative(), positiveInt, positiveInt]))
      .optional()
      .describe('Requests as [arrival time s, input tokens, output tokens]'),
    concurrency: positiveInt.optional().describe('Clients in the closed loop (pattern: closed)'),
    warmup: nonNegativeQuantity('time').default(0)
      .describe('Requests arriving before this time are served but left out of the latency, SLO and throughput metrics (warm-up deletion: drops the start-up transient, such as every closed-loop client sending at time 0); des fidelity'),
  })
  .strict();
export type Traffic = z.output<typeof trafficSchema>;

export const batchingSchema = z
  .object({
    engine: z.enum(['vllm', 'tensorrt-llm']).default('vllm')
      .describe('Serving engine whose scheduler defaults apply (prefill, kvReservation, memoryOf): vllm = chunked, prompt, total; tensorrt-llm = whole, full, free (TensorRT-LLM defaults: chunked context off, GUARANTEED_NO_EVICT, kv_cache_free_gpu_mem_fraction)'),
    maxBatchTokens: positiveInt.default(8192).describe('Token budget of one scheduler iteration (prefill + decode)'),
    maxBatchSize: positiveInt.default(256).describe('Requests running at once per replica; 1 turns batching off'),
    prefill: z.enum(['chunked', 'whole', 'separate']).optional()
      .describe('How prompts share iterations with decodes. chunked (vLLM v1, Sarathi-Serve, TensorRT-LLM with chunked context): every running decode takes one token of the budget and prompt chunks fill the rest. whole (TensorRT-LLM in-flight batching without chunked context, Orca): running decodes plus the waiting prompts that fit whole in what is left of the budget. separate (vLLM v0): an iteration runs prompts only, decodes pause while prompts wait. Default from engine'),
    chunkedPrefill: z.boolean().optional().describe('Shorthand for prefill: true = chunked, false = separate'),
    kvReservation: z.enum(['prompt', 'full']).optional()
      .describe('KV-cache admission. prompt (vLLM): admit when the prompt fits, grow page by page, preempt the latest request when the cache overflows. full (TensorRT-LLM GUARANTEED_NO_EVICT): admit only when prompt + maximum output fit, never preempt. Default from engine'),
    kvBlockTokens: positiveInt.default(16).describe('Tokens per KV-cache page'),
    memoryUtilization: z.number().gt(0).max(1).default(0.9).describe('Fraction of device memory the server may use; see memoryOf'),
    memoryOf: z.enum(['total', 'free']).optional()
      .describe('What memoryUtilization is a fraction of. total (vLLM gpu_memory_utilization): weights + KV cache fit in that fraction of device memory. free (TensorRT-LLM kv_cache_free_gpu_mem_fraction): the KV cache gets that fraction of the memory the weights leave free. Default from engine'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.prefill === undefined || b.chunkedPrefill === undefined) return;
    if ((b.prefill === 'chunked') !== b.chunkedPrefill) {
      ctx.addIssue({ code: 'custom', path: ['chunkedPrefill'], message: `chunkedPrefill left out, or ${b.prefill === 'chunked'} to agree with prefill: ${b.prefill}` });
    }
  });
export type Batching = z.output<typeof batchingSchema>;
export type PrefillMode = 'chunked' | 'whole' | 'separate';

export interface SchedulerPolicy {
  prefill: PrefillMode;
  kvReservation: 'prompt' | 'full';
  memoryOf: 'total' | 'free';
}

/**
 * Scheduler defaults per engine, from each engine's documentation:
 * - vLLM v1 (docs.vllm.ai, "Optimization and Tuning": chunked prefill is always
 *   on in V1; KV pages allocated as a request grows, recompute preemption;
 *   gpu_memory_utilization is a fraction of total memory);
 * - TensorRT-LLM (nvidia.github.io/TensorRT-LLM, "Paged Attention, IFB, and
 *   Request Scheduling" and "Useful Runtime Options": context and generation
 *   sequences in one in-flight batch, chunked context off unless enabled,
 *   capacity policy GUARANTEED_NO_EVICT by default, KV cache sized as
 *   kv_cache_free_gpu_mem_fraction of the memory left after the weights).
 */
const ENGINE_POLICY: Record<Batching['engine'], SchedulerPolicy> = {
  vllm: { prefill: 'chunked', kvReservation: 'prompt', memoryOf: 'total' },
  'tensorrt-llm': { prefill: 'whole', kvReservation: 'full', memoryOf: 'free' },
};

/** The scheduler a batching section asks for: explicit fields, else the `chunkedPrefill` shorthand, else the engine's defaults. */
export function schedulerPolicy(b: Batching): SchedulerPolicy {
  const base = ENGINE_POLICY[b.engine];
  const prefill = b.prefill ?? (b.chunkedPrefill === undefined ? base.prefill : b.chunkedPrefill ? 'chunked' : 'separate');
  return { prefill, kvReservation: b.kvReservation ?? base.kvReservation, memoryOf: b.memoryOf ?? base.memoryOf };
}

export const autoscalingSchema = z
  .object({
    metric: z.enum(['utilization', 'queue-length', 'requests-per-second']).default('utilization')
      .describe('utilization: KV-cache (batch) occupancy of the ready replicas, as vLLM exports gpu_cache_usage_perc; queue-length: waiting requests per replica; requests-per-second per replica'),
    target: z.number().positive().describe('Target value per replica: utilization in (0,1], queued requests, or requests/s'),
    minReplicas: positiveInt.default(1),
    maxReplicas: positiveInt,
    initialReplicas: positiveInt.optional().describe('Replicas at time 0 (default minReplicas)'),
    syncPeriod: positiveQuantity('time').default(15).describe('How often the controller evaluates (Kubernetes HPA default 15 s)'),
    tolerance: z.number().nonnegative().default(0.1).describe('No change while |metric/target - 1| is within this (Kubernetes default 0.1)'),
    scaleUpStabilization: nonNegativeQuantity('time').default(0).describe('Window over which the lowest recommendation wins when scaling up'),
    scaleDownStabilization: nonNegativeQuantity('time').default(300).describe('Window over which the highest recommendation wins when scaling down'),
    nodeProvisioning: nonNegativeQuantity('time').default(0).describe('Time to add a node when the pool has no free devices (cloud VM start)'),
    imagePull: nonNegativeQuantity('time').default(0).describe('Time to pull the serving image onto a node'),
    modelStorage: z.string().optional().describe('Storage tier (id, name or kind) the weights load from; default the first tier of the cluster'),
    loadStreams: positiveInt.default(1).describe('Parallel read streams per replica while loading weights'),
    compareFixed: z.boolean().default(true).describe('Also run a fixed fleet of maxReplicas for comparison'),
  })
  .strict();
export type Autoscaling = z.output<typeof autoscalingSchema>;

export const edgeSchema = z
  .object({
    device: z.string().describe('Catalog id of the edge device, e.g. jetson-agx-orin'),
    model: z.union([z.string(), transformerModelSchema, presetModelSchema, perRequestModelSchema]).optional()
      .describe('The model run on the device (default: the served model)'),
    precision: z.enum(['bf16', 'fp16', 'fp8', 'int8', 'fp4']).default('int8'),
    policy: z.enum(['on-device', 'cloud', 'cloud-with-fallback']).default('cloud-with-fallback')
      .describe('Where requests run; cloud-with-fallback runs on the device while disconnected'),
    devices: positiveInt.default(100).describe('Edge devices sending requests'),
    ratePerDevice: positiveQuantity('frequency').describe('Requests per second from one device'),
    deadline: positiveQuantity('time').describe('Latency after which a request counts as missed'),
    rtt: nonNegativeQuantity('time').describe('Round-trip time to the cloud endpoint'),
    uplink: positiveQuantity('bandwidth'),
    downlink: positiveQuantity('bandwidth'),
    requestBytes: nonNegativeQuantity('bytes').default(4096).describe('Bytes uploaded per request (prompt, image)'),
    responseBytes: nonNegativeQuantity('bytes').default(2048).describe('Bytes downloaded per response'),
    meanTimeBetweenOutages: positiveQuantity('time').optional().describe('Mean connected time between outages (none if absent)'),
    meanOutage: positiveQuantity('time').default(60).describe('Mean outage length'),
  })
  .strict();
export type Edge = z.output<typeof edgeSchema>;

export const inferenceWorkloadSchema = z
  .object({
    kind: z.literal('inference'),
    model: z
      .union([z.string(), transformerModelSchema, presetModelSchema, perRequestModelSchema])
      .describe('A preset id (e.g. llama3-70b), a transformer, { preset, override }, or a per-request cost model'),
    precision: z.enum(['bf16', 'fp16', 'fp8', 'int8', 'fp4', 'fp32']).default('bf16').describe('Weight and compute precision'),
    kvPrecision: z.enum(['bf16', 'fp16', 'fp8', 'int8', 'fp32']).optional()
      .describe('KV-cache precision; default bf16 (engines keep 16-bit KV unless told otherwise, even for 8-bit weights)'),
    replica: z
      .object({
        tensor: positiveInt.default(1).describe('Tensor-parallel devices per replica'),
        pipeline: positiveInt.default(1).describe('Pipeline stages per replica'),
        pool: z.string().optional().describe('Cluster pool the replicas run on (default the first)'),
      })
      .strict()
      .prefault({}),
    replicas: z.union([positiveInt, z.literal('auto')]).default(1).describe("Replica count, or 'auto' for the fewest that meet the SLO"),
    routing: z.enum(['least-loaded', 'round-robin']).default('least-loaded'),
    traffic: trafficSchema,
    batching: batchingSchema.prefault({}),
    frontend: z
      .object({
        // Default 1 ms each way: the order of a local HTTP exchange plus tokenising a
        // few thousand tokens (Hugging Face tokenizers: "less than 20 seconds to
        // tokenize a GB of text", github.com/huggingface/tokenizers README, read
        // 2026-11: 5,000 tokens ≈ 20 kB ≈ 0.4 ms). Set 0 for engine-side metrics.
        requestLatency: nonNegativeQuantity('time').default(0.001)
          .describe('Client to the engine queue: network, HTTP server, prompt tokenising (default 1 ms)'),
        responseLatency: nonNegativeQuantity('time').default(0.001)
          .describe('Engine to the client, per streamed token: detokenising, network (default 1 ms)'),
      })
      .strict()
      .prefault({})
      .describe('The path between clients and the engine. Latencies are measured at the client, as load generators do; a closed-loop client sends its next request when its last token arrives, so its request never catches the iteration that follows'),
    slo: z
      .object({
        ttft: positiveQuantity('time').default(0.5).describe('Time-to-first-token target'),
        tpot: positiveQuantity('time').default(0.05).describe('Time-per-output-token target'),
        attainment: z.number().gt(0).max(1).default(0.99).describe('Fraction of requests that must meet both targets (for sizing)'),
      })
      .strict()
      .prefault({}),
    autoscaling: autoscalingSchema.optional(),
    edge: edgeSchema.optional(),
  })
  .strict();

export type InferenceWorkload = z.output<typeof inferenceWorkloadSchema>;
