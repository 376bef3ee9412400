/**
 * The `workload:` section of a shared-cluster scenario (kind: trace): where the
 * jobs come from, how they are scheduled and placed, how capacity changes over
 * time, and (optionally) the GPU-shortage study. Times and prices accept units.
 */
import { z } from 'zod';
import { nonNegativeQuantity, positiveQuantity } from '../units/zod';
import { trainingWorkloadSchema } from '../workloads/training/schema';
import { schedulingPolicies } from './policies';

const fraction = z.number().min(0).max(1);

export const traceSourceSchema = z
  .object({
    format: z.enum(['philly', 'alibaba-openb', 'alibaba-pai', 'csv', 'synthetic'])
      .describe('philly (Microsoft Philly as shipped by Pollux) | alibaba-openb (cluster-trace-gpu-v2023 pods) | alibaba-pai (cluster-trace-gpu-v2020 task table) | csv (submit_s,gpus,duration_s,...) | synthetic'),
    file: z.string().optional().describe('Trace file, relative to the scenario file (the loader makes it absolute)'),
    limit: z.number().int().positive().optional().describe('Use only the first N jobs (in submission order)'),
    timeScale: z.number().positive().default(1).describe('Multiply every duration by this (e.g. 0.5 = twice as fast hardware)'),
    synthetic: z
      .object({
        jobs: z.number().int().positive().describe('How many jobs to generate'),
        arrivalRate: positiveQuantity('frequency').optional().describe('Jobs per second (e.g. 0.01 Hz); default the fitted trace rate'),
        fittedTo: z.enum(['philly', 'alibaba-openb']).default('philly').describe('Size mix and lognormal durations fitted to this public trace'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const inlineJobSchema = z
  .object({
    id: z.string().optional(),
    submit: nonNegativeQuantity('time').default(0).describe('Submission time from the start'),
    gpus: z.number().int().positive().describe('Accelerators requested (a gang unless minGpus is set)'),
    minGpus: z.number().int().positive().optional().describe('Elastic: may run on as few as this (work is conserved)'),
    duration: positiveQuantity('time').optional().describe('Run time on `gpus` devices; or give `training`'),
    training: trainingWorkloadSchema.optional().describe('A training workload; the training model turns it into a duration on `gpus` devices of the first pool'),
    user: z.string().optional(),
    team: z.string().optional(),
    priority: z.number().default(0).describe('Higher runs first under priority-preemptive'),
  })
  .strict();

export const schedulerSchema = z
  .object({
    policy: z.enum(schedulingPolicies).default('easy-backfill').describe('fifo | sjf | easy-backfill | priority-preemptive | fair-share'),
    placement: z.enum(['pack', 'spread', 'topology-aware']).default('topology-aware')
      .describe('pack: one node or whole nodes, best fit; topology-aware: the same in the fewest racks; spread: any devices, most-free node first'),
    backfillDepth: z.number().int().positive().default(500).describe('Queued jobs EASY backfilling looks at past the head'),
    nodesPerRack: z.number().int().positive().optional().describe('Nodes under one leaf switch; default from the fabric switch radix'),
    checkpointInterval: positiveQuantity('time').optional().describe('How often running jobs checkpoint; failures lose the work since the last one (all of it when absent)'),
    restoreTime: nonNegativeQuantity('time').default(0).describe('Time to reload a checkpoint when a job restarts'),
    crossNodeSlowdown: z.number().min(1).default(1).describe('Run-time multiplier when a gang is split over more nodes than it needs (measure it on your jobs)'),
    crossRackSlowdown: z.number().min(1).default(1).describe('Run-time multiplier when a gang spans more racks than it needs'),
    teamShares: z.record(z.string(), z.number().positive()).optional().describe('fair-share weights per team (default 1 each)'),
  })
  .strict();

export const capacitySchema = z
  .object({
    deliveries: z
      .array(
        z
          .object({
            at: nonNegativeQuantity('time').describe('Delivery time from the start (e.g. 90 days)'),
            count: z.number().int().positive().describe('Devices delivered (whole nodes of the pool)'),
            pool: z.string().optional().describe('Cluster pool the devices belong to; default the first'),
          })
          .strict(),
      )
      .default([])
      .describe('The procurement schedule; pool devices not named in a delivery are there from the start'),
    shortage: z
      .object({
        fraction: fraction.describe('Share of each delivery that is late or cancelled'),
        delay: positiveQuantity('time').optional().describe('How late the short part arrives; absent = cancelled'),
      })
      .strict()
      .optional(),
    failures: z
      .object({
        mtbfPerDevice: positiveQuantity('time').describe('Mean time between failures of one device; a failure takes its node down'),
        mttr: positiveQuantity('time').describe('Mean time to repair the node'),
      })
      .strict()
      .optional(),
    maintenance: z
      .array(
        z
          .object({
            at: nonNegativeQuantity('time'),
            duration: positiveQuantity('time'),
            fraction: z.number().gt(0).max(1).default(1).describe('Share of nodes taken down (the first ones, in node order)'),
            every: positiveQuantity('time').optional().describe('Repeat with this period until the horizon (or 10 times without one)'),
          })
          .strict(),
      )
      .default([]),
    burst: z
      .object({
        queueThreshold: z.number().int().nonnegative().describe('Arrivals that find more than this many jobs waiting go to the cloud'),
        mode: z.enum(['on-demand', 'spot']).default('on-demand'),
        pricePerDeviceHour: positiveQuantity('usdPerHour').optional().describe("Cloud price per device-hour; default the cost catalog's price for the pool's device"),
        spotInterruptionRate: z.number().nonnegative().default(0).describe('Spot interruptions per job-hour (spot mode)'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const shortageStudySchema = z
  .object({
    job: z
      .object({
        deviceHours: z.number().positive().optional().describe('Device-hours the run needs'),
        duration: positiveQuantity('time').optional().describe('… or its run time on the whole order'),
        training: trainingWorkloadSchema.optional().describe('… or a training workload, timed by the training model on the whole order'),
      })
      .strict(),
    order: z.number().int().positive().optional().describe('Devices ordered; default the delivered total (or the cluster)'),
    cloudPricePerDeviceHour: positiveQuantity('usdPerHour').optional().describe('Default: the cost catalog price for the device'),
    cloudPricing: z.enum(['on-demand', 'spot']).default('on-demand'),
    ownedCostPerDeviceHour: nonNegativeQuantity('usdPerHour').default(0).describe('What an owned device costs per hour (amortisation, power); priced while it idles'),
    resizeOverhead: nonNegativeQuantity('time').default(0).describe('Elastic option: time lost when the job grows onto the late devices'),
    scalingExponent: z.number().gt(0).max(1).default(0.5)
      .describe('Smaller-model option: parameters scale as compute^a (a = 0.5 compute-optimal, Hoffmann et al. 2022)'),
  })
  .strict();

export const traceWorkloadSchema = z
  .object({
    kind: z.literal('trace'),
    source: traceSourceSchema.optional().describe('Where the jobs come from; or list them under `jobs`'),
    jobs: z.array(inlineJobSchema).optional().describe('Jobs written in the scenario (added to the source)'),
    scheduler: schedulerSchema.default(schedulerSchema.parse({})),
    capacity: capacitySchema.optional(),
    horizon: positiveQuantity('time').optional().describe('Stop the simulation here; default when the last job ends'),
    shortageStudy: shortageStudySchema.optional().describe('Compare waiting, growing, renting and a smaller model for one big run on a late order'),
  })
  .strict();

export type TraceWorkload = z.output<typeof traceWorkloadSchema>;
export type TraceWorkloadInput = z.input<typeof traceWorkloadSchema>;
export type ShortageStudyInput = z.output<typeof shortageStudySchema>;
export type CapacityInput = z.output<typeof capacitySchema>;
