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
import { answersPainted, openPlanner, repoRoot, waitForAnswers, waitForSettled, type Planner } from './harness';

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

/** Every leaf where the two differ, as `path: page ≠ library` (numbers compared with Object.is: equal to the bit). */
function differences(page: unknown, library: unknown, path = 'metrics', out: string[] = []): string[] {
  if (library !== null && typeof library === 'object') {
    if (page === null || typeof page !== 'object') {
      out.push(`${path}: ${JSON.stringify(page)} ≠ an object`);
      return out;
    }
    const keys = new Set([...Object.keys(library), ...Object.keys(page)]);
    for (const k of keys) differences((page as Record<string, unknown>)[k], (library as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (!Object.is(page, library)) {
    out.push(`${path}: ${String(page)} ≠ ${String(library)}`);
  }
  return out;
}

/** Count of numbers among the leaves, so that a comparison of empty objects cannot pass. */
function numbersIn(value: unknown): number {
  if (typeof value === 'number') return 1;
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((n: number, v) => n + numbersIn(v), 0);
}

const shownMetrics = (page: Page) => page.evaluate(() => (globalThis as unknown as { __clusterplan: { shownMetrics: Metrics[] } }).__clusterplan.shownMetrics);

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
