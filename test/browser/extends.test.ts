/**
 * Scenarios that build on others (`extends`) in the planner. A pasted variant
 * of a bundled scenario answers with the numbers the CLI's loader and runner
 * give for the same file on disk (headline cards as the page writes them, and
 * every metric); a variant opened together with its base (two files picked)
 * opens the variant; a variant whose base the page lacks says which file, at
 * `extends` and which line, and answers once the user picks the base.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinProfile } from '../../calibration/builtin';
import { loadScenarioFile } from '../../sim/cli/files';
import type { Metrics, RunResult } from '../../sim/result';
import { runLoaded } from '../../sim/scenario/run';
import { headlines } from '../../ui/src/lib/present';
import { encodeShare } from '../../ui/src/lib/share';
import { answersPainted, openPlanner, repoRoot, waitForAnswers, waitForSettled, watchedPage, type Planner, type Watched } from './harness';

const shots = join(repoRoot, 'test', 'screenshots');
const baseFile = 'scaling-70b-h100.yaml';
const baseText = readFileSync(join(repoRoot, 'scenarios', baseFile), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'clusterplan-extends-ui-'));
let planner: Planner;
let w: Watched;
let page: Page;

/** A variant that changes one field of the scenario it extends: 15 T training tokens instead of 2 T. */
const variant = (ext: string, name = 'Scaling a 70B model on 15 T tokens') => `version: 1\nextends: ${ext}\nname: ${name}\nworkload:\n  tokens: 15e12\n`;

/** Write files under scratch (relative path → text) and return what `clusterplan run` computes for the first. */
function cli(files: Array<[string, string]>): RunResult[] {
  for (const [p, t] of files) {
    mkdirSync(dirname(join(scratch, p)), { recursive: true });
    writeFileSync(join(scratch, p), t);
  }
  return runLoaded(loadScenarioFile(join(scratch, files[0][0])), { profile: () => builtinProfile, fidelity: 'analytic', timing: false });
}

/**
 * Every metric the same as the CLI's, to the bit (test/browser/same-bits.test.ts says why that holds).
 */
function expectSameMetrics(shown: unknown, cliSide: unknown, path = 'metrics'): void {
  if (typeof cliSide === 'number' && typeof shown === 'number') {
    expect(shown, path).toBe(cliSide);
    return;
  }
  if (cliSide === null || typeof cliSide !== 'object') return expect(shown, path).toEqual(cliSide);
  expect(shown !== null && typeof shown === 'object' ? Object.keys(shown).sort() : shown, path).toEqual(Object.keys(cliSide).sort());
  for (const [k, v] of Object.entries(cliSide)) expectSameMetrics((shown as Record<string, unknown>)[k], v, `${path}.${k}`);
}

const shownMetrics = () => page.evaluate(() => (globalThis as unknown as { __clusterplan: { shownMetrics: Metrics[] } }).__clusterplan.shownMetrics);
/** The headline cards on screen, label → value as written. */
const shownCards = () => page.locator('[data-testid="headline-cards"] .card').evaluateAll((cards) => cards.map((c) => [c.querySelector('.card-label')?.textContent ?? '', c.querySelector('.card-value')?.textContent ?? '']));

async function settle(from: number): Promise<void> {
  await waitForAnswers(page, from + 1, 30_000);
  await waitForSettled(page, 30_000);
}

async function paste(text: string): Promise<void> {
  const n = await answersPainted(page);
  await page.getByRole('button', { name: 'Paste YAML…' }).click();
  await page.locator('#paste-area').fill(text);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await settle(n);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  planner = await openPlanner({ width: 1440, height: 900 });
  ({ watched: w, page } = planner);
}, 180_000);

afterAll(async () => {
  await planner?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('a variant of a bundled scenario', () => {
  it('pasted, it finds the bundled base by file name and shows the CLI\'s headline numbers for the same file on disk', async () => {
    const text = variant(baseFile);
    await paste(text);
    const expected = cli([['variant.yaml', text], [baseFile, baseText]]);
    expectSameMetrics(await shownMetrics(), expected.map((r) => r.metrics));
    expect(await shownCards()).toEqual(headlines(expected[0]).map((h) => [h.label, h.value]));
    // The changed field shows: the base's own answer is a different time to train.
    const base = runLoaded(loadScenarioFile(join(repoRoot, 'scenarios', baseFile)), { profile: () => builtinProfile, fidelity: 'analytic', timing: false });
    expect(expected[0].metrics.training!.timeToTrainDays).toBeGreaterThan(7 * base[0].metrics.training!.timeToTrainDays);
    expect(await page.locator('h1').innerText()).toBe('Scaling a 70B model on 15 T tokens');
    expect(await page.locator(`[data-testid="base-scenarios"] [data-base="${baseFile}"]`).innerText()).toContain('bundled with the planner');
    expect(await page.locator('[data-testid="status"]').innerText()).toContain('Analytic answer');
    await page.screenshot({ path: join(shots, 'extends-bundled.png'), fullPage: true });
  });

  it('named by a path relative to the variant, as the CLI resolves it, gives the same answer', async () => {
    const text = variant(`../scenarios/${baseFile}`, 'Scaling a 70B model on 15 T tokens (relative path)');
    await paste(text);
    const expected = cli([['mine/variant.yaml', text], [`scenarios/${baseFile}`, baseText]]);
    expectSameMetrics(await shownMetrics(), expected.map((r) => r.metrics));
  });
});

describe('a shared link to a variant of a bundled scenario', () => {
  it('opens straight into the answer: the engine finds the bundled base on the boot request', async () => {
    const text = variant(baseFile);
    const other = await watchedPage(planner.browser);
    await other.page.goto(`${planner.server.url}${encodeShare({ file: 'variant.yaml', text })}`);
    await waitForAnswers(other.page, 1, 60_000);
    await waitForSettled(other.page, 60_000);
    const shown = await other.page.evaluate(() => (globalThis as unknown as { __clusterplan: { shownMetrics: Metrics[] } }).__clusterplan.shownMetrics);
    expectSameMetrics(shown, cli([['shared/variant.yaml', text], [`shared/${baseFile}`, baseText]]).map((r) => r.metrics));
    expect(other.consoleErrors).toEqual([]);
    expect(other.outsideRequests).toEqual([]);
    await other.page.context().close();
  });
});

describe('a variant and its own base', () => {
  // The team's own copy of the bundled scenario, on demand instead of reserved: its answers cost more.
  const teamBase = baseText.replace('name: Scaling a 70B model from 256 to 4,096 H100', 'name: Our 70B plan').replace('pricing: reserved-1y', 'pricing: on-demand');
  const onBundledBase = () => cli([['bundled/variant.yaml', variant(baseFile)], [`bundled/${baseFile}`, baseText]]);

  it('picked together with Open file…, the variant opens on the picked base', async () => {
    const text = variant('team-base.yaml', 'Our 70B plan on 15 T tokens');
    const n = await answersPainted(page);
    await page.setInputFiles('#open-file', [
      { name: 'team-base.yaml', mimeType: 'application/yaml', buffer: Buffer.from(teamBase) },
      { name: 'team-variant.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) },
    ]);
    await settle(n);
    expect(await page.locator('h1').innerText()).toBe('Our 70B plan on 15 T tokens');
    expect(await page.locator('[data-base="team-base.yaml"]').innerText()).toContain('yours');
    const expected = cli([['team/team-variant.yaml', text], ['team/team-base.yaml', teamBase]]);
    expectSameMetrics(await shownMetrics(), expected.map((r) => r.metrics));
    // The picked base is the one used, not the bundled scenario it was copied from.
    expect(expected[0].metrics.cost!.totalUsd).toBeGreaterThan(onBundledBase()[0].metrics.cost!.totalUsd);
    expect(await shownCards()).toEqual(headlines(expected[0]).map((h) => [h.label, h.value]));
  });

  it('the form shows what the variant inherits, marked, and a change there is written into the variant', async () => {
    await page.getByRole('tab', { name: /^Form/ }).click();
    expect(await page.locator('.form-kind').innerText()).toBe('Workload: training');
    expect(await page.locator('.form-base').innerText()).toContain('Builds on team-base.yaml');
    expect(await page.locator('[data-knob="pricing"] select').inputValue()).toBe('on-demand');
    expect(await page.locator('[data-knob="pricing"]').innerText()).toContain('from team-base.yaml');
    expect(await page.locator('[data-knob="count"]').innerText()).toContain('swept');
    expect(await page.locator('[data-knob="tokens"] output').innerText()).toMatch(/^15 T/);
    expect(await page.locator('[data-knob="tokens"]').innerText()).not.toContain('from team-base.yaml');
    await page.screenshot({ path: join(shots, 'extends-form.png') });

    const n = await answersPainted(page);
    await page.locator('[data-knob="pricing"] select').selectOption('reserved-1y');
    await settle(n);
    await page.getByRole('tab', { name: /^YAML/ }).click();
    const written = await page.locator('textarea[aria-label="Scenario YAML"]').inputValue();
    expect(written).toContain('extends: team-base.yaml');
    expect(written).toMatch(/pricing: reserved-1y/);
    expectSameMetrics(await shownMetrics(), cli([['form/team-variant.yaml', written], ['form/team-base.yaml', teamBase]]).map((r) => r.metrics));
  });

  it('missing, it is named with its file, `extends` and line; the base the user then picks answers', async () => {
    const text = variant('lab-base.yaml', 'Our lab plan on 15 T tokens');
    await paste(text);
    const notice = await page.locator('[data-testid="needs-base"]').innerText();
    expect(notice).toContain('pasted.yaml builds on lab-base.yaml (extends, line 2)');
    expect(await page.locator('[data-testid="status"]').innerText()).toBe('Needs its base scenario');
    // No answer from the scenario shown before this one stays on screen.
    expect(await page.locator('[data-testid="headline-cards"]').count()).toBe(0);
    // The CLI says the same for the same file: path, line, what it expected.
    writeFileSync(join(scratch, 'pasted.yaml'), text);
    let cliIssue: unknown;
    try { loadScenarioFile(join(scratch, 'pasted.yaml')); } catch (e) { cliIssue = (e as { issues: unknown[] }).issues[0]; }
    expect(cliIssue).toMatchObject({ path: 'extends', line: 2, found: '"lab-base.yaml"' });
    const issue = await page.locator('.issues li[data-issue-line="2"]').innerText();
    expect(issue).toContain(`extends: expected ${(cliIssue as { expected: string }).expected}, found "lab-base.yaml"`);
    await page.screenshot({ path: join(shots, 'extends-missing-base.png') });

    // The user's file has another name: picked for the one missing base, it stands in for it.
    const n = await answersPainted(page);
    await page.setInputFiles('#base-file', { name: 'lab base (copy).yaml', mimeType: 'application/yaml', buffer: Buffer.from(teamBase) });
    await settle(n);
    expect(await page.locator('[data-base="lab-base.yaml"]').innerText()).toContain('yours (lab base (copy).yaml)');
    const expected = cli([['lab/pasted.yaml', text], ['lab/lab-base.yaml', teamBase]]);
    expectSameMetrics(await shownMetrics(), expected.map((r) => r.metrics));
    expect(expected[0].metrics.cost!.totalUsd).toBeGreaterThan(onBundledBase()[0].metrics.cost!.totalUsd);
    await page.screenshot({ path: join(shots, 'extends-own-base.png'), fullPage: true });
  });

  it('a base dropped on the editor under the missing name becomes that base; the variant stays open', async () => {
    const text = variant('dropped-base.yaml', 'Our dropped plan on 15 T tokens');
    await paste(text);
    await page.locator('[data-testid="needs-base"]').waitFor();
    const n = await answersPainted(page);
    const data = await page.evaluateHandle((body) => {
      const dt = new DataTransfer();
      dt.items.add(new File([body], 'dropped-base.yaml', { type: 'application/yaml' }));
      return dt;
    }, teamBase);
    await page.dispatchEvent('.editor-panel', 'drop', { dataTransfer: data });
    await settle(n);
    expect(await page.locator('h1').innerText()).toBe('Our dropped plan on 15 T tokens');
    expect(await page.locator('[data-base="dropped-base.yaml"]').innerText()).toContain('yours');
    expectSameMetrics(await shownMetrics(), cli([['drop/pasted.yaml', text], ['drop/dropped-base.yaml', teamBase]]).map((r) => r.metrics));
  });

  it('made no request off 127.0.0.1 and logged no console error', () => {
    expect(w.outsideRequests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
