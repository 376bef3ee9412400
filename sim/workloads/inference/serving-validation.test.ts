/**
 * Published serving measurements (test/fixtures/inference/serving.tsv, NVIDIA
 * NIM 1.8.0, Llama 3.3 70B fp8 on 2 x H100 TP2, 5000 in / 500 out, closed loop)
 * against the request-level DES. Each row and metric must be within 15%, except
 * the misses listed below with their reason; a listed miss must still err on the
 * optimistic side (the roofline leaves out software overheads, so it may be
 * faster than a measurement, never much slower).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { pool, testCluster } from '../../../test/fixtures/inference/cluster';
import { defaultLimits } from '../env';
import { runInference } from './run';
import { inferenceWorkloadSchema } from './schema';

interface Row { model: string; precision: string; kv: string; node: string; tensor: number; input: number; output: number; concurrency: number; ttftMs: number; itlMs: number; throughput: number }

function rows(): Row[] {
  const text = readFileSync(join(__dirname, '../../../test/fixtures/inference/serving.tsv'), 'utf8');
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return lines.slice(1).map((l) => {
    const c = l.split('\t');
    return { model: c[0], precision: c[1], kv: c[2], node: c[4], tensor: Number(c[5]), input: Number(c[7]), output: Number(c[8]), concurrency: Number(c[9]), ttftMs: Number(c[10]), itlMs: Number(c[11]), throughput: Number(c[12]) };
  });
}

/**
 * Allowed misses: (concurrency, metric), each optimistic or within 15%. The
 * roofline has no per-iteration software cost (scheduler, sampling, kernel
 * launches) and no measured NVLink all-reduce latency (the built-in profile has
 * no collective calibration), so batched decode steps come out faster than
 * NIM's; TTFT leaves out the client path (HTTP, tokenisation) AIPerf measures.
 * Errors row by row: test/fixtures/inference/README.md.
 */
const expectedMisses = new Set([
  '1/ttft', '1/itl', '1/throughput',
  '5/ttft', '5/itl', '5/throughput',
  '25/ttft', '25/itl', '25/throughput',
  '50/itl', '50/throughput',
  '100/itl', '150/itl', '200/itl', '250/itl',
]);

/**
 * Pessimistic miss at the knee: with 100 clients the KV cache (about 81
 * requests of 5,500 tokens in FP8) just overflows, and the wait of the ~19
 * queued clients depends steeply on the admission margin (whole-prompt
 * reservation plus half a page per request here); held to 25%.
 */
const kneeMisses = new Set(['100/ttft']);

describe('serving against published NIM measurements', () => {
  const cluster = testCluster([pool('h100', 'dgx-h100', 1)]);
  const table = rows();

  it('the fixture holds the eight published rows', () => {
    expect(table.map((r) => r.concurrency)).toEqual([1, 5, 25, 50, 100, 150, 200, 250]);
  });

  const results = table.map((row) => {
    const w = inferenceWorkloadSchema.parse({
      kind: 'inference', model: row.model, precision: row.precision, kvPrecision: row.kv, replica: { tensor: row.tensor }, replicas: 1,
      traffic: { pattern: 'closed', concurrency: row.concurrency, duration: '600 s', inputTokens: row.input, outputTokens: row.output },
    });
    const m = runInference(w, { cluster, fidelity: 'des', seed: 1, calibration: builtinProfile, limits: defaultLimits }).metrics.inference!;
    return {
      row,
      errors: {
        ttft: (m.ttftMeanS as number) * 1e3 / row.ttftMs - 1,
        itl: (m.tpotMeanS as number) * 1e3 / row.itlMs - 1,
        throughput: m.throughputTokensPerS / row.throughput - 1,
      },
    };
  });

  it('reports the error of every row and metric', () => {
    const lines = results.map(({ row, errors }) =>
      `c=${row.concurrency}\tttft ${(errors.ttft * 100).toFixed(1)}%\titl ${(errors.itl * 100).toFixed(1)}%\tthroughput ${(errors.throughput * 100).toFixed(1)}%`);
    console.log(`serving validation (predicted/measured - 1):\n${lines.join('\n')}`);
    expect(results.length).toBe(8);
  });

  for (const metric of ['ttft', 'itl', 'throughput'] as const) {
    it(`${metric}: within 15% except the listed misses, which are optimistic`, () => {
      for (const { row, errors } of results) {
        const key = `${row.concurrency}/${metric}`;
        const e = errors[metric];
        if (kneeMisses.has(key)) expect(Math.abs(e), key).toBeLessThan(0.25);
        else if (expectedMisses.has(key)) {
          // Optimistic: latency lower or throughput higher than measured (or within 15% either way).
          if (metric === 'throughput') expect(e, key).toBeGreaterThan(-0.15);
          else expect(e, key).toBeLessThan(0.15);
        } else expect(Math.abs(e), key).toBeLessThan(0.15);
      }
    });
  }
});
