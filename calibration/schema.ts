/**
 * Runtime check of a calibration profile read from a file (zod 4). Mirrors
 * the interfaces in profile.ts; unknown keys are kept out (`strict`) so a typo
 * in a hand-edited profile is reported rather than silently ignored.
 */
import { z } from 'zod';
import { PROFILE_SCHEMA } from './profile';

const precision = z.enum(['fp64', 'fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'int8', 'fp4']);
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

const source = z
  .object({ fields: z.array(z.string()).optional(), title: z.string(), url: z.string().optional(), date: z.string(), note: z.string().optional() })
  .strict();

const fitReport = z
  .object({
    rmsRelativeError: nonNegative,
    maxRelativeError: nonNegative,
    points: z.number().int().nonnegative(),
    heldOut: z.object({ rmsRelativeError: nonNegative, maxRelativeError: nonNegative, points: z.number().int().nonnegative() }).strict().optional(),
  })
  .strict();

const rateCurve = { maxEfficiency: z.number().positive().max(1.5), halfWork: nonNegative };

const alphaBeta = z.object({ alpha: nonNegative, bandwidth: positive }).strict();

const weightStreaming = z.object({ rowsPerPass: z.number().int().positive(), beyondBytes: nonNegative, bytesPerElement: positive, bandwidth: positive, dram: z.object({ beyondBytes: positive, bandwidth: positive }).strict().optional() }).strict();

const columnAliasing = z.object({ setSpanBytes: positive, bytesPerElement: positive, computeTimeFactor: z.number().min(1) }).strict();

const matmul = z.object({ precision, ...rateCurve, skinnyDimension: positive.optional(), skinnyMinDimension: positive.optional(), skinnyAppliesTo: z.enum(['rate', 'compute']).optional(), weightStreaming: weightStreaming.optional(), columnAliasing: columnAliasing.optional(), fit: fitReport.optional() }).strict();

const device = z
  .object({
    device: z.string().min(1),
    peakFlops: z.partialRecord(precision, positive),
    matmul: z.array(matmul),
    memory: z.object({ ...rateCurve, peakBandwidth: positive, cacheTier: z.object({ bytes: positive, bandwidth: positive }).strict().optional() }).strict(),
    hostToDevice: alphaBeta.optional(),
    deviceToHost: alphaBeta.optional(),
    fit: fitReport.optional(),
    sources: z.array(source).optional(),
  })
  .strict();

const collective = z
  .object({ op: z.string(), scope: z.string(), ranks: z.number().int().positive(), fit: alphaBeta, fitReport: fitReport.optional(), sources: z.array(source).optional() })
  .strict();

const randomIo = z.object({ iops: positive, latency: nonNegative, blockBytes: positive }).strict();

const storage = z
  .object({
    name: z.string(),
    sequentialRead: alphaBeta.optional(),
    sequentialWrite: alphaBeta.optional(),
    randomRead: randomIo.optional(),
    randomWrite: randomIo.optional(),
    sources: z.array(source).optional(),
  })
  .strict();

const point = z
  .object({
    kind: z.enum(['matmul', 'elementwise', 'transfer', 'collective', 'storage']),
    params: z.record(z.string(), z.union([z.number(), z.string()])),
    medianS: nonNegative,
    minS: nonNegative.optional(),
    maxS: nonNegative.optional(),
    repeats: z.number().int().positive().optional(),
    busyMinS: nonNegative.optional(),
    rate: nonNegative.optional(),
  })
  .strict();

export const calibrationProfileSchema = z
  .object({
    schema: z.literal(PROFILE_SCHEMA),
    id: z.string().min(1),
    createdAt: z.string(),
    host: z
      .object({
        cpuModel: z.string().optional(),
        cores: z.number().int().positive().optional(),
        memoryBytes: positive.optional(),
        os: z.string().optional(),
        node: z.string().optional(),
        backend: z.string().optional(),
        backendVersion: z.string().optional(),
        gpu: z.string().optional(),
      })
      .strict()
      .optional(),
    devices: z.array(device),
    collectives: z.array(collective),
    storage: z.array(storage),
    points: z.array(point).optional(),
    notes: z.string().optional(),
  })
  .strict();
