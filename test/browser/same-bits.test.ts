/**
 * Same scenario, same numbers: every bundled scenario and template, answered
 * at analytic fidelity in the planner (Chromium's V8, the vite bundle, the
 * worker behind comlink), gives every metric of the library's RunResult in
 * Node (what `clusterplan run --fidelity analytic` computes), equal to the bit.
 *
 * Two JavaScript engines agree to the bit on IEEE 754 arithmetic, but not on
 * Math.pow, exp, log, log1p, cbrt, sin or cos (ECMA-262: implementation-
 * approximated): Node 20 (V8 11.3) and Chromium 156 differ in the last bit of
 * 2 ** -0.5, for one. Code that reaches an analytic metric avoids them: whole
 * powers and roots from sim/units/portable-powers.ts, the calibration fits'
 * grid of quarter powers of two from calibration/quarter-power.ts (before it,
 * 17 grid points differed and so did 406 of the 1,930 numbers of six bundled
 * scenarios). Two statements:
 *  - with the profile each side fits itself, every scenario is equal to the bit;
 *  - given the same profile (the library's built-in one, saved in the browser
 *    as a user profile), every scenario is equal to the bit.
 */
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
import { answersPainted, differences, shownMetrics, openPlanner, repoRoot, waitForAnswers, waitForSettled, watchedPage, type Planner, type Watched } from './harness';

const all = [...bundledScenarios, ...templates];

/** What the library computes for a bundled scenario or template, as the CLI would (analytic, no wall time). */
function libraryMetrics(file: string, profile: CalibrationProfile = builtinProfile): Metrics[] {
  const options: RunOptions = { profile: () => profile, fidelity: 'analytic', timing: false };
  const onDisk = join(repoRoot, 'scenarios', file);
  const loaded = bundledScenarios.some((s) => s.file === file) ? loadScenarioFile(onDisk) : loadScenarioText(all.find((s) => s.file === file)!.text, file);
  return runLoaded(loaded, options).map((r) => r.metrics);
}

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
  it.each(all.map((s) => s.file))('%s: every metric equal to the library\'s, to the bit', async (file) => {
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
