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
 * Optimistic (faster than measured, never slower): TTFT with one client. The
 * model's prefill of a 5,000-token prompt (kernel by kernel) is 0.34 s; NIM's
 * single-client TTFT is 0.41 s. The same shortfall shows in ITL at one client
 * (16.2 ms against 18.6 ms): NIM's batch-1 kernels run about 15% slower than
 * the calibrated rates, and nothing here is tuned to close that. With a
 * 500-token prompt (the page's 500 in / 2,000 out table) the model's TTFT is
 * 38 ms against 47.8 ms, short by a similar share.
 */
const optimisticMisses = new Set(['5000x500@1/ttft', '500x2000@1/ttft']);

/**
 * Start-up transient, held to 50% either way: every closed-loop client sends
 * at time 0, as AIPerf's closed loop does, and its run length and warm-up are
 * not published. At 50 clients the first round waits up to 13 s; over the
 * 600 s simulated here the mean is 1.08 s (+30%), with the first 300 s of a
 * 900 s run deleted (steady state) 0.70 s (−16.5%); the published 0.83 s lies
 * between the two. At 25 clients the same burst gives +15.6% over 600 s and
 * −1.3% in steady state.
 */
const queueMisses = new Set(['5000x500@25/ttft', '5000x500@50/ttft']);

/**
 * The engine. NIM's optimized FP8 profiles on H100 run the TensorRT-LLM
 * backend (NIM for LLMs support matrix, read 2026-11); the page gives no
 * engine flags, so TensorRT-LLM's defaults apply: in-flight batching with
 * whole prompts (chunked context off), GUARANTEED_NO_EVICT admission,
 * max_num_tokens 8192, and the KV cache sized as 0.9 of the memory the
 * weights leave free (`batching.engine: tensorrt-llm`). The client's request
 * path is the default 1 ms each way (`frontend`).
 */
const engine = 'tensorrt-llm';

describe('serving against published NIM measurements', () => {
  const cluster = testCluster([pool('h100', 'dgx-h100', 1)]);
  const table = rows();

  it('the fixture holds the published rows: the 5,000 / 500 sweep and the 500 / 2,000 row at one client', () => {
    expect(table.filter((r) => r.input === 5000).map((r) => r.concurrency)).toEqual([1, 5, 25, 50, 100, 150, 200, 250]);
    expect(table.filter((r) => r.input === 500).map((r) => [r.output, r.concurrency])).toEqual([[2000, 1]]);
  });

  const results = table.map((row) => {
    const w = inferenceWorkloadSchema.parse({
      kind: 'inference', model: row.model, precision: row.precision, kvPrecision: row.kv, replica: { tensor: row.tensor }, replicas: 1, batching: { engine },
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
      `${row.input}/${row.output} c=${row.concurrency}\tttft ${(errors.ttft * 100).toFixed(1)}%\titl ${(errors.itl * 100).toFixed(1)}%\tthroughput ${(errors.throughput * 100).toFixed(1)}%`);
    console.log(`serving validation (predicted/measured - 1):\n${lines.join('\n')}`);
    expect(results.length).toBe(table.length);
  });

  for (const metric of ['ttft', 'itl', 'throughput'] as const) {
    it(`${metric}: within 15% except the listed misses`, () => {
      for (const { row, errors } of results) {
        const key = `${row.input}x${row.output}@${row.concurrency}/${metric}`;
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
