/**
 * Scenario format version 1 (DESIGN.md): the top level, composed from the
 * schemas each layer owns (cluster, workloads, cost). The JSON Schema for
 * editors is generated from this same source (`clusterplan schema`).
 */
import { z } from 'zod';
import { positiveQuantity } from '../units/zod';
import { clusterSchema } from '../hardware/schema';
import { trainingWorkloadSchema } from '../workloads/training/schema';
import { inferenceWorkloadSchema } from '../workloads/inference/schema';
import { dataPipelineWorkloadSchema } from '../workloads/data-pipeline/schema';
import { collectiveWorkloadSchema } from '../workloads/collective/schema';
import { traceWorkloadSchema } from '../cluster/schema';
import { costSchema } from '../cost/schema';

export const workloadSchema = z.discriminatedUnion('kind', [
  trainingWorkloadSchema,
  inferenceWorkloadSchema,
  dataPipelineWorkloadSchema,
  collectiveWorkloadSchema,
  traceWorkloadSchema,
]);

/** A named alternative: overrides applied to the base scenario (`set` by dotted path, `override` by deep merge). */
export const optionSchema = z
  .object({
    name: z.string().min(1).describe('Short name shown in tables and reports, e.g. "buy-h100"'),
    description: z.string().optional(),
    set: z.record(z.string(), z.unknown()).optional().describe('Field path → value, e.g. { "cluster.pools[0].count": 256 }'),
    override: z.record(z.string(), z.unknown()).optional().describe('A partial scenario deep-merged over the base (lists replace)'),
  })
  .strict();

const sweepRange = z
  .object({
    min: z.number(),
    max: z.number(),
    log: z.boolean().default(false).describe('Sample uniformly in log space'),
    integer: z.boolean().default(false),
  })
  .strict();

export const sweepSchema = z
  .object({
    mode: z.enum(['grid', 'zip', 'random']).default('grid').describe('grid: every combination; zip: the i-th value of each list together; random: seeded samples'),
    parameters: z
      .record(z.string(), z.union([z.array(z.unknown()).min(1), sweepRange]))
      .describe('Field path → list of values (or {min,max} for random), e.g. { "cluster.pools[0].count": [32, 64, 128] }'),
    samples: z.number().int().positive().optional().describe('Number of random samples (mode: random)'),
    objectives: z
      .array(z.object({ metric: z.string().describe('Metric path such as cost.totalUsd or training.timeToTrainDays'), goal: z.enum(['min', 'max']).default('min') }).strict())
      .optional()
      .describe('Objectives for the Pareto frontier (two or more)'),
  })
  .strict();

export const limitsSchema = z
  .object({
    maxEvents: z.number().int().positive().optional().describe('Stop a DES run after this many events'),
    maxWallS: z.number().positive().optional().describe('Stop a DES run after this many seconds of wall time'),
    maxHeapBytes: positiveQuantity('bytes').optional().describe('Stop a DES run when the JavaScript heap passes this size, e.g. 4 GiB'),
  })
  .strict();

export const scenarioSchema = z
  .object({
    version: z.literal(1).describe('Scenario format version'),
    name: z.string().min(1).describe('Name shown in tables and reports'),
    description: z.string().optional().describe('The question this scenario answers'),
    extends: z.string().optional().describe('Path of a scenario this one builds on (resolved before validation)'),
    seed: z.number().int().nonnegative().default(42),
    fidelity: z.enum(['analytic', 'des']).default('analytic'),
    calibration: z.string().default('builtin').describe('"builtin" or the path of a calibration profile JSON file'),
    cluster: clusterSchema,
    workload: workloadSchema,
    cost: costSchema.optional(),
    options: z.array(optionSchema).optional(),
    sweep: sweepSchema.optional(),
    limits: limitsSchema.optional(),
  })
  .strict();

export type Scenario = z.output<typeof scenarioSchema>;
export type WorkloadInput = z.output<typeof workloadSchema>;
export type OptionInput = z.output<typeof optionSchema>;
export type SweepInput = z.output<typeof sweepSchema>;

/** JSON Schema (draft 2020-12) of the scenario file, as an editor sees it (input side: units as strings). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $id: 'urn:clusterplan:scenario:v1', title: 'clusterplan scenario (version 1)', ...schema };
}
