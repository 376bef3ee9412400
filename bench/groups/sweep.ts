/**
 * Sweep throughput: how many scenario variants per second the planner answers.
 * analytic: 1,000 training variants (Megatron-style GPT on A100, a grid over
 * model width, depth and batch); des: 100 variants at DES fidelity; the
 * speed-up of worker threads over one thread on a DES sweep as the CLI runs
 * it; and what a worker costs to start and its bundle to build.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinProfile } from '../../calibration/builtin';
import { runScenarioFile } from '../../sim/cli/commands/run';
import { runVariantsInWorkers } from '../../sim/cli/parallel';
import { buildBundle, sweepWorkerEntry, sweepWorkerRecipe } from '../../sim/cli/worker-bundle';
import { loadScenarioText } from '../../sim/scenario/load';
import { runLoaded } from '../../sim/scenario/run';

function scenarioText(fidelity: 'analytic' | 'des', grid: Record<string, unknown[]>): string {
  const params = Object.entries(grid).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n');
  return `version: 1
name: sweep benchmark
fidelity: ${fidelity}
cluster:
  pools: [ { name: main, node: dgx-a100-80gb, count: 16 } ]
  network: { topology: fat-tree, fabric: ib-hdr }
workload:
  kind: training
  model: { layers: 24, hiddenSize: 2048, heads: 16, seqLength: 2048, vocabSize: 51200 }
  parallelism: { tensor: 8, pipeline: 2, microBatchSize: 1, globalBatchSize: 512, recompute: full, zero: 1 }
  precision: bf16
  tokens: 100e9
sweep:
  parameters:
${params}
`;
}

export async function run() {
  const analyticText = scenarioText('analytic', {
    'workload.model.hiddenSize': [1024, 1536, 2048, 2560, 3072, 4096, 5120, 6144, 8192, 12288],
    'workload.model.layers': [8, 12, 16, 24, 32, 40, 48, 64, 80, 96],
    'workload.parallelism.globalBatchSize': [128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096],
  });
  const t0 = performance.now();
  const analytic = loadScenarioText(analyticText, 'sweep-analytic.yaml');
  const t1 = performance.now();
  runLoaded(analytic, { profile: () => builtinProfile, timing: false });
  const t2 = performance.now();

  const desGrid = {
    'workload.model.hiddenSize': [1024, 2048, 3072, 4096, 6144],
    'workload.model.layers': [8, 16, 24, 32],
    'workload.parallelism.globalBatchSize': [128, 256, 512, 768, 1024],
  };
  const desText = scenarioText('des', desGrid);
  const des = loadScenarioText(desText, 'sweep-des.yaml');
  const t3 = performance.now();
  runLoaded(des, { profile: () => builtinProfile, timing: false });
  const t4 = performance.now();

  // Worker speed-up on a sweep whose variants are worth a thread each: six DES hours of chat
  // traffic (100 requests/s over 16 Llama 3 8B replicas, about a second each).
  const heavyText = `version: 1
name: worker speed-up benchmark
fidelity: des
cluster:
  pools: [ { name: h100, node: dgx-h100, count: 2 } ]
  network: { topology: fat-tree, fabric: ib-ndr }
workload:
  kind: inference
  model: llama3-8b
  replicas: 16
  traffic: { pattern: poisson, rate: 100 rps, duration: 1 h, inputTokens: 512, outputTokens: 200 }
sweep:
  parameters:
    seed: [1, 2, 3, 4, 5, 6]
`;
  const heavy = loadScenarioText(heavyText, 'sweep-heavy.yaml');
  const dir = mkdtempSync(join(tmpdir(), 'clusterplan-bench-'));
  const file = join(dir, 'sweep-heavy.yaml');
  writeFileSync(file, heavyText);
  const threads = availableParallelism();

  // Building the worker bundle from scratch (into an empty cache folder), then the real cache
  // made ready: a sweep after the first one finds the bundle, which is the case timed below.
  const t5 = performance.now();
  await buildBundle({ ...sweepWorkerRecipe(), cacheDirs: [join(dir, 'bundle-cache')] });
  const bundleBuildS = (performance.now() - t5) / 1000;
  const entry = await sweepWorkerEntry();
  if (!entry.bundled) throw new Error(`bench: ${entry.warning}`);

  // Worker start-up: one worker per core started at once, from new Worker to ready for a variant.
  const startups: number[] = [];
  await runVariantsInWorkers(file, threads, { timing: false, fidelity: 'analytic' }, { workers: threads, onReady: (s) => startups.push(s) });

  // The same sweep as the CLI runs it on one thread (--workers 1) and on every core (the default).
  const t6 = performance.now();
  await runScenarioFile(file, { workers: 1, timing: false, quiet: true });
  const t7 = performance.now();
  await runScenarioFile(file, { timing: false, quiet: true });
  const t8 = performance.now();
  rmSync(dir, { recursive: true, force: true });

  const analyticRunS = (t2 - t1) / 1000;
  return {
    'sweep.analyticScenariosPerSecond': { value: analytic.variants.length / analyticRunS, unit: 'scenarios/s', note: `${analytic.variants.length} variants; validation and expansion took ${((t1 - t0) / 1000).toFixed(2)} s more` },
    'sweep.analyticScenariosPerSecondWithValidation': { value: analytic.variants.length / ((t2 - t0) / 1000), unit: 'scenarios/s' },
    'sweep.desScenariosPerSecond': { value: des.variants.length / ((t4 - t3) / 1000), unit: 'scenarios/s', note: `${des.variants.length} DES variants on one thread` },
    'sweep.workerSpeedup': { value: (t7 - t6) / (t8 - t7), unit: 'x', note: `clusterplan run on ${threads} threads against one, ${heavy.variants.length} DES variants of ${((t7 - t6) / 1000 / heavy.variants.length).toFixed(2)} s each, worker start-up included, worker bundle cached` },
    'sweep.workerStartupS': { value: startups.reduce((a, b) => a + b, 0) / startups.length, unit: 's', note: `new Worker to ready, ${startups.length} started at once from the cached bundle: ${startups.map((x) => x.toFixed(2)).join(', ')} s` },
    'sweep.workerBundleBuildS': { value: bundleBuildS, unit: 's', note: 'esbuild bundle of the sweep worker into an empty cache, once per change to its sources' },
  };
}
