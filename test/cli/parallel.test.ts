/**
 * Sweeps on worker threads: the same results as one thread whichever threads ran
 * which variant, errors a user can read when a worker cannot start, and a
 * fan-out rule that follows from when a worker would still find work.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../calibration/builtin';
import { runVariantsInWorkers, workersPayOff } from '../../sim/cli/parallel';
import { loadScenarioFile } from '../../sim/cli/files';
import { runLoaded, runVariant } from '../../sim/scenario/run';

const work = mkdtempSync(join(tmpdir(), 'clusterplan-parallel-'));
const sweepFile = join(work, 'sweep.yaml');
writeFileSync(sweepFile, `version: 1
name: parallel sweep
seed: 5
fidelity: analytic
cluster:
  pools: [ { name: main, node: dgx-a100-80gb, count: 4 } ]
  network: { topology: fat-tree, fabric: ib-hdr }
workload:
  kind: training
  model: { layers: 8, hiddenSize: 1024, heads: 16, seqLength: 1024, vocabSize: 32000 }
  parallelism: { tensor: 2, pipeline: 2, microBatchSize: 1, globalBatchSize: 64, recompute: full, zero: 1 }
  tokens: 1e9
sweep:
  parameters:
    workload.model.hiddenSize: [1024, 2048, 3072]
    workload.parallelism.globalBatchSize: [32, 64, 128]
`);
const options = { timing: false };

describe('sweeps on worker threads', () => {
  const loaded = loadScenarioFile(sweepFile);
  const oneThread = JSON.stringify(runLoaded(loaded, { ...options, profile: () => builtinProfile }));

  it('give the results of one thread, in variant order, from workers alone', async () => {
    const results = await runVariantsInWorkers(sweepFile, loaded.variants.length, options, { workers: 2 });
    expect(JSON.stringify(results)).toBe(oneThread);
  });

  it('give the results of one thread when this thread takes variants alongside the workers', async () => {
    const here: number[] = [];
    const runHere = (index: number) => {
      here.push(index);
      return runVariant(loaded.variants[index], { ...options, profile: () => builtinProfile });
    };
    const first = runHere(0);
    const done: number[] = [];
    const rest = await runVariantsInWorkers(sweepFile, loaded.variants.length, options, { workers: 1, first: 1, runHere, onDone: (d) => done.push(d) });
    expect(JSON.stringify([first, ...rest])).toBe(oneThread);
    expect(here.length).toBeGreaterThan(1);
    expect(done).toEqual(Array.from({ length: loaded.variants.length - 1 }, (_, i) => i + 2));
  });

  it('report a worker that cannot start by its message, without a stack trace', async () => {
    const broken = join(work, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('the simulator failed to load');\n");
    const entry = { url: pathToFileURL(broken), bundled: true, prepareS: 0 };
    const run = runVariantsInWorkers(sweepFile, loaded.variants.length, options, { workers: 2, entry });
    await expect(run).rejects.toThrow(/^a sweep worker could not start from .*broken-worker\.mjs: the simulator failed to load$/);
  });

  it('stop the workers and pass on the error when this thread fails a variant', async () => {
    const runHere = () => {
      throw new Error('variant failed here');
    };
    await expect(runVariantsInWorkers(sweepFile, loaded.variants.length, options, { workers: 1, runHere })).rejects.toThrow('variant failed here');
  });
});

describe('whether workers pay off', () => {
  it('not when this thread would finish before a worker is ready to take a variant', () => {
    expect(workersPayOff(10, 1, 0.5)).toBe(false); // the one variant left runs here
    expect(workersPayOff(0.001, 500, 0.5)).toBe(false); // half a second of work in all
  });

  it('yes when variants would be left long after a worker is ready', () => {
    expect(workersPayOff(1, 5, 0.5)).toBe(true);
    expect(workersPayOff(0.003, 1000, 0.5)).toBe(true);
  });

  it('never stops paying off with more variants, cheaper start-up or costlier variants', () => {
    fc.assert(fc.property(fc.double({ min: 1e-4, max: 10, noNaN: true }), fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0.01, max: 10, noNaN: true }), (p, n, s) => {
      if (!workersPayOff(p, n, s)) return true;
      return workersPayOff(p, n + 1, s) && workersPayOff(p * 2, n, s) && workersPayOff(p, n, s / 2);
    }));
  });
});
