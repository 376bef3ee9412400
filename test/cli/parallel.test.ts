/**
 * Sweeps on worker threads: the same results as one thread whichever threads ran
 * which variant, workers that join this thread once loaded and are stopped when
 * there is nothing left for them, and errors a user can read.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../calibration/builtin';
import { runVariantsInWorkers } from '../../sim/cli/parallel';
import { loadScenarioFile } from '../../sim/cli/files';
import { runLoaded, runVariant } from '../../sim/scenario/run';
import { sweepScenarioText } from '../fixtures/sweep-scenario';

const work = mkdtempSync(join(tmpdir(), 'clusterplan-parallel-'));
const sweepFile = join(work, 'sweep.yaml');
writeFileSync(sweepFile, sweepScenarioText({
  name: 'parallel sweep', seed: 5, fidelity: 'analytic', nodes: 4,
  grid: { 'workload.model.hiddenSize': [1024, 2048, 3072], 'workload.parallelism.globalBatchSize': [32, 64, 128] },
}));
const options = { timing: false };

/** 100 analytic variants, so that a worker started alongside a slow main thread still finds some. */
const longFile = join(work, 'long.yaml');
writeFileSync(longFile, sweepScenarioText({
  name: 'long sweep', fidelity: 'analytic', nodes: 4,
  grid: {
    'workload.model.hiddenSize': [1024, 1536, 2048, 2560, 3072, 3584, 4096, 4608, 5120, 5632],
    'workload.parallelism.globalBatchSize': [32, 64, 96, 128, 160, 192, 224, 256, 288, 320],
  },
}));

function sleep(seconds: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);
}

describe('sweeps on worker threads', () => {
  const loaded = loadScenarioFile(sweepFile);
  const oneThread = JSON.stringify(runLoaded(loaded, { ...options, profile: () => builtinProfile }));

  it('give the results of one thread, in variant order, from workers alone', async () => {
    const results = await runVariantsInWorkers(sweepFile, loaded.variants.length, options, { workers: 2 });
    expect(JSON.stringify(results)).toBe(oneThread);
  });

  it('give the results of one thread when this thread and a worker share the variants', async () => {
    const long = loadScenarioFile(longFile);
    const expected = JSON.stringify(runLoaded(long, { ...options, profile: () => builtinProfile }));
    const here: number[] = [];
    // This thread is slow (a tenth of a second a variant), so the worker, once loaded, takes most.
    const runHere = (index: number) => {
      here.push(index);
      sleep(0.1);
      return runVariant(long.variants[index], { ...options, profile: () => builtinProfile });
    };
    const done: number[] = [];
    const results = await runVariantsInWorkers(longFile, long.variants.length, options, { workers: 1, runHere, onDone: (d) => done.push(d) });
    expect(JSON.stringify(results)).toBe(expected);
    expect(here[0]).toBe(0);
    expect(here.length).toBeLessThan(long.variants.length);
    expect(done).toEqual(Array.from({ length: long.variants.length }, (_, i) => i + 1));
  });

  it('stop a worker still loading when this thread has run every variant, without waiting for it', async () => {
    const slow = join(work, 'slow-worker.mjs');
    writeFileSync(slow, 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);\n');
    const entry = { url: pathToFileURL(slow), bundled: true, prepareS: 0 };
    const runHere = (index: number) => runVariant(loaded.variants[index], { ...options, profile: () => builtinProfile });
    const started = performance.now();
    const results = await runVariantsInWorkers(sweepFile, loaded.variants.length, options, { workers: 1, runHere, entry });
    expect(JSON.stringify(results)).toBe(oneThread);
    expect((performance.now() - started) / 1000).toBeLessThan(30);
  });

  it('give the same results from workers started through the TypeScript loader (the fall-back when no bundle can be built)', async () => {
    const entry = { url: pathToFileURL(join(__dirname, '..', '..', 'sim', 'cli', 'sweep-worker.mjs')), bundled: false, prepareS: 0 };
    const results = await runVariantsInWorkers(sweepFile, loaded.variants.length, options, { workers: 1, entry });
    expect(JSON.stringify(results)).toBe(oneThread);
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
