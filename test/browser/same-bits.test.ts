/**
 * Same scenario, same numbers: every bundled scenario and template, answered
 * at analytic fidelity in the planner (Chromium's V8, the vite bundle, the
 * worker behind comlink), gives every metric of the library's RunResult in
 * Node (what `clusterplan run --fidelity analytic` computes), equal to the bit.
 *
 * Two JavaScript engines agree to the bit on IEEE 754 arithmetic, but not on
 * Math.pow, exp, log, log1p, cbrt, sin or cos (ECMA-262: implementation-
 * approximated): Node 20 (V8 11.3) and Chromium 156 differ in the last bit of
 * 2 ** -0.5, for one. Our code that reaches an analytic metric avoids them
 * (sim/units/portable-powers.ts) with one exception, the built-in calibration
 * profile: `fitMatmulCurve` (calibration/fit.ts) searches the skinny dimension
 * on the grid 2 ** e, e = -2, -1.75, ..., and 17 of its points differ in the
 * last bit, so each engine fits slightly different curves when the module
 * loads. Hence two statements:
 *  - given the same profile (the library's built-in one, saved in the browser
 *    as a user profile), every scenario is equal to the bit;
 *  - with the profile each side fits itself, the scenarios whose numbers do not
 *    pass through a skinny fit are equal to the bit; the others
 *    (`waitForPortableFit`) wait for that grid to be built without `**`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinProfile } from '../../calibration/builtin';
import type { CalibrationProfile } from '../../calibration/profile';
import { loadScenarioFile } from '../../sim/cli/files';
import type { Metrics } from '../../sim/result';
import { loadScenarioText } from '../../sim/scenario/load';
import { runLoaded, type RunOptions } from '../../sim/scenario/run';
import { bundledScenarios, templates } from '../../ui/src/lib/bundled';
import { answersPainted, openPlanner, repoRoot, waitForAnswers, waitForSettled, watchedPage, type Planner, type Watched } from './harness';

/**
 * Scenarios whose answer the page does not show yet, with why. Measured 2026-11-25:
 * serving-engine-choice's first render throws Svelte's each_key_duplicate in
 * BarChart.svelte (its option names repeat across the sweep's points), so
 * `__clusterplan.shownMetrics` keeps the previous scenario's answer.
 */
const notShownYet = new Set(['serving-engine-choice.yaml']);
const all = [...bundledScenarios, ...templates].filter((s) => !notShownYet.has(s.file));

/**
 * Scenarios whose numbers pass through a matmul curve fitted with a skinny
 * dimension, so differ in the last bits while the built-in fit's grid uses
 * `2 ** e` (calibration/fit.ts). Measured 2026-11-25: 406 of the 1,930 numbers
 * in the metrics of these 6 bundled scenarios, and 8 of template-inference's;
 * none once the grid is exact (that change applied to one bundle, run in both
 * engines). Empty this set with it.
 */
const waitForPortableFit = new Set([
  'checkpoint-failures-16k.yaml',
  'gpu-shortage.yaml',
  'roce-vs-infiniband.yaml',
  'scaling-70b-h100.yaml',
  'serving-engine-choice.yaml',
  'storage-for-data-loading.yaml',
  'template-inference.yaml',
]);

/** What the library computes for a bundled scenario or template, as the CLI would (analytic, no wall time). */
function libraryMetrics(file: string, profile: CalibrationProfile = builtinProfile): Metrics[] {
  const options: RunOptions = { profile: () => profile, fidelity: 'analytic', timing: false };
  const onDisk = join(repoRoot, 'scenarios', file);
  const loaded = bundledScenarios.some((s) => s.file === file) ? loadScenarioFile(onDisk) : loadScenarioText(all.find((s) => s.file === file)!.text, file);
  return runLoaded(loaded, options).map((r) => r.metrics);
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

const shownMetrics = (page: Page) => page.evaluate(() => (globalThis as unknown as { __clusterplan: { shownMetrics: Metrics[] } }).__clusterplan.shownMetrics);

let planner: Planner;
let w: Watched;
let page: Page;

beforeAll(async () => {
  planner = await openPlanner({ width: 1280, height: 900 });
  ({ watched: w, page } = planner);
}, 180_000);

afterAll(async () => {
  await planner?.close();
});

describe('with the profile each side fits itself, picked in the planner', () => {
  it.each(all.map((s) => s.file).filter((f) => !waitForPortableFit.has(f)))('%s: every metric equal to the library\'s, to the bit', async (file) => {
    const n = await answersPainted(page);
    await page.selectOption('#scenario-picker', file);
    await waitForAnswers(page, n + 1, 30_000);
    await waitForSettled(page, 30_000);
    const library = libraryMetrics(file);
    const shown = await shownMetrics(page);
    expect(shown.length, file).toBe(library.length);
    expect(differences(shown, library)).toEqual([]);
  });

  it('made no request off 127.0.0.1 and logged no console error', () => {
    expect(w.outsideRequests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});

describe('given the library\'s built-in profile, saved in the browser as the user\'s own', () => {
  // Through JSON, as the page stores it: the numbers survive it exactly (shortest round-trip digits).
  const pinned = { ...(JSON.parse(JSON.stringify(builtinProfile)) as CalibrationProfile), id: 'library-builtin' };
  let other: Watched;

  beforeAll(async () => {
    other = await watchedPage(planner.browser);
    await other.page.addInitScript((profile) => localStorage.setItem('clusterplan.profiles.v1', JSON.stringify([profile])), pinned);
    await other.page.goto(planner.server.url);
    await waitForAnswers(other.page, 1, 60_000);
    await waitForSettled(other.page, 60_000);
  }, 120_000);

  afterAll(async () => {
    await other?.page.context().close();
  });

  it('the profile survives JSON to the bit', () => {
    expect(differences(pinned, builtinProfile, 'profile').filter((d) => !d.startsWith('profile.id:'))).toEqual([]);
  });

  it.each(all.map((s) => s.file))('%s: every metric equal to the library\'s with that profile, to the bit', async (file) => {
    const text = all.find((s) => s.file === file)!.text.replace(/^version: 1\n/, 'version: 1\ncalibration: library-builtin\n');
    expect(text, 'the scenario starts with version: 1').toContain('calibration: library-builtin');
    const p = other.page;
    const n = await answersPainted(p);
    await p.getByRole('button', { name: 'Paste YAML…' }).click();
    await p.locator('#paste-area').fill(text);
    await p.getByRole('button', { name: 'Open', exact: true }).click();
    await waitForAnswers(p, n + 1, 30_000);
    await waitForSettled(p, 30_000);
    const library = libraryMetrics(file, pinned);
    const shown = await shownMetrics(p);
    expect(shown.length, file).toBe(library.length);
    expect(differences(shown, library)).toEqual([]);
  });

  it('made no request off 127.0.0.1 and logged no console error', () => {
    expect(other.outsideRequests).toEqual([]);
    expect(other.consoleErrors).toEqual([]);
  });
});

describe('the scenarios that wait for a portable fit', () => {
  it('are bundled scenarios or templates (a renamed file leaves this list)', () => {
    for (const f of [...waitForPortableFit, ...notShownYet]) expect([...bundledScenarios, ...templates].map((s) => s.file)).toContain(f);
  });

  it('wait only while calibration/fit.ts builds its skinny grid with 2 ** e: once it does not, empty the set', () => {
    const gridUsesPow = /2 \*\* e\b/.test(readFileSync(join(repoRoot, 'calibration', 'fit.ts'), 'utf8'));
    expect(waitForPortableFit.size > 0).toBe(gridUsesPow);
  });
});
