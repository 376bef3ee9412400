/**
 * Sweep throughput: how many scenario variants per second the planner answers.
 * analytic: 1,000 training variants (Megatron-style GPT on A100, a grid over
 * model width, depth and batch); des: 100 variants at DES fidelity; and the
 * speed-up of worker threads over one thread on the DES sweep.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinProfile } from '../../calibration/builtin';
import { runVariantsInWorkers } from '../../sim/cli/parallel';
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
  const t5 = performance.now();
  runLoaded(heavy, { profile: () => builtinProfile, timing: false });
  const t6 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'clusterplan-bench-'));
  const file = join(dir, 'sweep-heavy.yaml');
  writeFileSync(file, heavyText);
  const workers = availableParallelism();
  const t7 = performance.now();
  await runVariantsInWorkers(file, heavy.variants.length, workers, { timing: false });
  const t8 = performance.now();
  rmSync(dir, { recursive: true, force: true });

  const analyticRunS = (t2 - t1) / 1000;
  return {
    'sweep.analyticScenariosPerSecond': { value: analytic.variants.length / analyticRunS, unit: 'scenarios/s', note: `${analytic.variants.length} variants; validation and expansion took ${((t1 - t0) / 1000).toFixed(2)} s more` },
    'sweep.analyticScenariosPerSecondWithValidation': { value: analytic.variants.length / ((t2 - t0) / 1000), unit: 'scenarios/s' },
    'sweep.desScenariosPerSecond': { value: des.variants.length / ((t4 - t3) / 1000), unit: 'scenarios/s', note: `${des.variants.length} DES variants on one thread` },
    'sweep.workerSpeedup': { value: (t6 - t5) / (t8 - t7), unit: 'x', note: `${workers} worker threads against one thread, ${heavy.variants.length} DES variants of ${((t6 - t5) / 1000 / heavy.variants.length).toFixed(2)} s each, worker start-up included (the CLI runs cheap sweeps on one thread)` },
  };
}
