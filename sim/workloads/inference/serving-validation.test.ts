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
 * Allowed misses, each with its reason (errors row by row:
 * test/fixtures/inference/README.md). Every other row and metric is within 15%.
 *
 * Optimistic (faster than measured, never slower): TTFT with 1 and 5 clients.
 * The model's prefill of a 5,000-token prompt (kernel by kernel, 0.33 s) is
 * about 70 ms short of NIM's single-client TTFT, and with 5 clients NIM's TTFT
 * grows by another 140 ms that queueing behind the other clients' prefills
 * (about 12% busy) does not explain; AIPerf's client path (HTTP, tokenising
 * 5,000 tokens) and the engine's batching of prompts that arrive together are
 * not modelled.
 */
const optimisticMisses = new Set(['1/ttft', '5/ttft']);

/**
 * Queue-dominated TTFT, held to 50% either way. At 50 clients the mean TTFT is
 * set by the start-up transient (every client sends at time 0, as AIPerf's
 * closed loop does; its run length is not published): 1.03 s over the 600 s
 * simulated here, 0.55 s in steady state (warm-up deleted). At 100 clients the
 * KV cache (about 81 requests of 5,500 FP8 tokens) just overflows, and the wait
 * of the queued clients depends steeply on the admission margin.
 */
const queueMisses = new Set(['50/ttft', '100/ttft']);

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
    it(`${metric}: within 15% except the listed misses`, () => {
      for (const { row, errors } of results) {
        const key = `${row.concurrency}/${metric}`;
        const e = errors[metric];
        if (queueMisses.has(key)) expect(Math.abs(e), key).toBeLessThan(0.5);
        else if (optimisticMisses.has(key)) {
          // Optimistic: latency lower than measured (or within 15% either way).
          expect(e, key).toBeLessThan(0.15);
        } else expect(Math.abs(e), key).toBeLessThan(0.15);
      }
    });
  }
});
