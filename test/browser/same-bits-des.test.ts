/**
 * Same scenario, same numbers, event by event: bundled scenarios run at des
 * fidelity in the planner (Chromium's V8, the vite bundle, the DES worker)
 * give every metric of the library's RunResult in Node, equal to the bit.
 *
 * A des run draws its arrivals, token counts, job durations and failures
 * through the seeded RNG's transforms (exponential via log1p, normal via
 * log/cos/sin, lognormal via exp) and bins latencies by log; Node 20's and
 * Chromium's Math.* differ in the last bit of those (ECMA-262 leaves them
 * implementation-approximated), so everything on that path uses
 * sim/engine/portable-math.ts. Measured 2026-11-25 (Chromium 156 against
 * Node 20.20) on 200,000 inputs each, in the ranges the RNG feeds them:
 * Math.log differs on 14,269, exp on 19,566, sin/cos on ~6,500, log1p on 145;
 * the portable functions on none. The four bundled scenarios (Poisson arrivals
 * to cloud and edge, a daily cosine of traffic with lognormal lengths, a job
 * trace on failing devices, failures at 16,000 GPUs) agreed even with Math.*,
 * because whole token counts and histogram bins absorb a last bit; the
 * research cluster fed synthetic jobs does not: with Math.* three of its
 * metrics differed (meanQueueDelayS 30985.697671643302 in Chromium against
 * …287 in Node, p50JobCompletionS, fragmentationGpuHours).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinProfile } from '../../calibration/builtin';
import { readFileSync } from 'node:fs';
import { loadScenarioFile } from '../../sim/cli/files';
import { loadScenarioText } from '../../sim/scenario/load';
import type { Metrics } from '../../sim/result';
import { runVariant } from '../../sim/scenario/run';
import ts from 'typescript';
import * as portable from '../../sim/engine/portable-math';
import { answersPainted, differences, shownMetrics, openPlanner, repoRoot, waitForAnswers, waitForSettled, type Planner } from './harness';

const scenarios = ['edge-vs-cloud.yaml', 'inference-autoscaling-day.yaml', 'shared-research-cluster.yaml', 'checkpoint-failures-16k.yaml'];

/**
 * The shared research cluster fed 2,000 synthetic jobs instead of the Philly
 * sample: arrivals exponential, durations lognormal (exp of a Box–Muller
 * normal), no rounding between the draws and the metrics.
 */
const syntheticCluster = readFileSync(join(repoRoot, 'scenarios', 'shared-research-cluster.yaml'), 'utf8')
  .replace(/ {4}format: philly\n {4}file: data\/philly-sample.csv\n/, '    format: synthetic\n    synthetic: { jobs: 2000, fittedTo: philly }\n');

/** What `clusterplan run --fidelity des` computes for the scenario's first option (the one the planner focuses). */
function libraryDesMetrics(file: string, text?: string): Metrics {
  const loaded = text === undefined ? loadScenarioFile(join(repoRoot, 'scenarios', file)) : loadScenarioText(text, file);
  return runVariant(loaded.variants[0], { profile: () => builtinProfile, fidelity: 'des', timing: false }).metrics;
}

/** Count of numbers among the leaves, so that a comparison of empty objects cannot pass. */
function numbersIn(value: unknown): number {
  if (typeof value === 'number') return 1;
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((n: number, v) => n + numbersIn(v), 0);
}

let planner: Planner;
let page: Page;

beforeAll(async () => {
  planner = await openPlanner({ width: 1280, height: 900 });
  page = planner.page;
}, 180_000);

afterAll(async () => {
  await planner?.close();
});

describe('des fidelity in the planner', () => {
  /** Run DES for the focused (first) option and compare its metrics with the library's. */
  async function desMatches(file: string, text?: string): Promise<void> {
    await page.getByRole('button', { name: /^Run DES/ }).click();
    await page.locator('[data-testid="des-done"]').waitFor({ timeout: 120_000 });
    await expect(page.locator('[data-testid="headline-cards"]').getAttribute('data-fidelity')).resolves.toBe('des');
    const shown = (await shownMetrics(page))[0];
    const library = libraryDesMetrics(file, text);
    expect(numbersIn(library), file).toBeGreaterThan(5);
    expect(differences(shown, library)).toEqual([]);
  }

  it.each(scenarios)('%s: every metric of the des run equal to the library\'s, to the bit', async (file) => {
    const n = await answersPainted(page);
    await page.selectOption('#scenario-picker', file);
    await waitForAnswers(page, n + 1, 30_000);
    await waitForSettled(page, 30_000);
    await desMatches(file);
  }, 180_000);

  it('the shared research cluster fed synthetic jobs (lognormal durations, exponential arrivals): every metric equal, to the bit', async () => {
    expect(syntheticCluster).toContain('format: synthetic');
    const n = await answersPainted(page);
    await page.getByRole('button', { name: 'Paste YAML…' }).click();
    await page.locator('#paste-area').fill(syntheticCluster);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await waitForAnswers(page, n + 1, 30_000);
    await waitForSettled(page, 30_000);
    await desMatches('pasted.yaml', syntheticCluster);
  }, 180_000);

  it('made no request off 127.0.0.1 and logged no console error', () => {
    expect(planner.watched.outsideRequests).toEqual([]);
    expect(planner.watched.consoleErrors).toEqual([]);
  });
});

describe('the portable functions themselves', () => {
  /** 10^5 arguments per function in the ranges the RNG and the models feed them (a Weyl sequence: no Math.* involved). */
  function argumentsFor(name: string): number[] {
    const xs: number[] = [];
    for (let i = 0, u = 0.5; i < 100_000; i++) {
      u = (u + 0.6180339887498949) % 1;
      const v = Math.floor(u * 2 ** 53) / 2 ** 53;
      xs.push(name === 'log1p' ? -v : name === 'log' ? 1 - v : name === 'exp' ? 40 * v - 20 : name === 'cbrt' ? 1e9 * v : name === 'pow' ? 100 * v : 2 * Math.PI * v);
    }
    return xs;
  }
  const names = ['exp', 'log', 'log1p', 'sin', 'cos', 'cbrt', 'pow'] as const;
  const apply = (name: (typeof names)[number], f: typeof portable) => (x: number) => (name === 'pow' ? f.pow(x, 0.4) : f[name](x));

  it.each(names)('%s gives the same bits in Chromium as in Node on 10^5 arguments', async (name) => {
    // The module's source, as the bundle has it, without the bundle: transpiled and evaluated in a blank page.
    const source = ts.transpileModule(readFileSync(join(repoRoot, 'sim/engine/portable-math.ts'), 'utf8'), { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } }).outputText.replace(/^export /gm, '');
    const blank = await planner.browser.newPage();
    try {
      await blank.addScriptTag({ content: `${source}\nglobalThis.portable = { exp, log, log1p, sin, cos, cbrt, pow };` });
      const xs = argumentsFor(name);
      const inChromium = await blank.evaluate(([name, xs]) => {
        const p = (globalThis as unknown as { portable: Record<string, (x: number, y?: number) => number> }).portable;
        return xs.map((x) => (name === 'pow' ? p.pow(x, 0.4) : p[name](x)));
      }, [name, xs] as const);
      const inNode = xs.map(apply(name, portable));
      const differing = xs.filter((_, i) => !Object.is(inChromium[i], inNode[i]));
      expect(differing.length, `first: ${differing.slice(0, 3).join(', ')}`).toBe(0);
      expect(new Set(inNode).size, 'the arguments spread over many results').toBeGreaterThan(50_000);
    } finally {
      await blank.close();
    }
  });
});
