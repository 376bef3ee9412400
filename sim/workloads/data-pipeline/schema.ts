/**
 * The `workload:` section of a data-pipeline scenario: Spark/Dask-style
 * preprocessing on CPU nodes. Sources live on the cluster's storage tiers
 * (possibly several, as a hospital's records, billing and imaging systems);
 * stages of partitioned tasks read, compute, shuffle; the last stage writes to
 * the tier that training reads. An optional consumer (the training job) says
 * how fast it eats the output, so the run can tell whether it is input-bound.
 */
import { z } from 'zod';
import { positiveQuantity } from '../../units/zod';

const positiveInt = z.number().int().positive();
const storageRef = z
  .string()
  .min(1)
  .describe('a cluster.storage entry: its tier kind (object, parallel-fs, hdfs, local-nvme, host-ram), preset id or name');

export const pipelineSourceSchema = z
  .object({
    name: z.string().min(1),
    storage: storageRef,
    bytes: positiveQuantity('bytes').describe('size of this source'),
    objectBytes: positiveQuantity('bytes').optional().describe('file/object size read per request (default: one partition)'),
  })
  .strict();

export const pipelineStageSchema = z
  .object({
    name: z.string().min(1),
    inputs: z.array(z.string().min(1)).optional().describe('source names or earlier stage names; default: the previous stage, or all sources for the first'),
    partitions: positiveInt.describe('tasks in this stage (Spark partitions)'),
    throughputPerCore: positiveQuantity('bandwidth').describe('input bytes one core processes per second, e.g. 100 MB/s'),
    outputRatio: z.number().positive().default(1).describe('output bytes / input bytes'),
    shuffle: z.boolean().default(false).describe('output is repartitioned across nodes over the network (all-to-all)'),
  })
  .strict();

export const pipelineConsumerSchema = z
  .object({
    bytesPerSample: positiveQuantity('bytes').describe('bytes of pipeline output per training sample'),
    samplesPerS: z.number().positive().optional().describe('samples per second the training job consumes'),
    bytesPerS: positiveQuantity('bandwidth').optional().describe('or the byte rate it consumes'),
    nodes: positiveInt.optional().describe('training nodes reading the output (default: the nodes of the other pools)'),
    streamsPerNode: positiveInt.default(8).describe('data-loader reads in flight per training node'),
  })
  .strict()
  .refine((c) => c.samplesPerS !== undefined || c.bytesPerS !== undefined, { message: 'expected samplesPerS or bytesPerS' });

export const dataPipelineWorkloadSchema = z
  .object({
    kind: z.literal('data-pipeline'),
    pool: z.string().optional().describe('pool that runs the pipeline (default: the first pool of CPU devices, else the first pool)'),
    nodes: positiveInt.optional().describe('nodes of that pool used (default: all)'),
    coresPerNode: positiveInt.optional().describe("worker cores per node (default: the node's CPU cores)"),
    streamsPerNode: positiveInt.default(8).describe('concurrent storage reads/writes per node'),
    sources: z.array(pipelineSourceSchema).min(1),
    stages: z.array(pipelineStageSchema).min(1),
    output: z
      .object({
        storage: storageRef.describe('the tier training reads'),
        objectBytes: positiveQuantity('bytes').optional().describe('output file size (default: one partition of the last stage)'),
      })
      .strict(),
    consumer: pipelineConsumerSchema.optional(),
  })
  .strict();

export type DataPipelineWorkload = z.output<typeof dataPipelineWorkloadSchema>;
export type PipelineStage = z.output<typeof pipelineStageSchema>;
export type PipelineSource = z.output<typeof pipelineSourceSchema>;
