/**
 * The planner in headless Chromium: it loads without console errors and
 * without any request leaving 127.0.0.1, answers, reacts to a slider, runs a
 * DES with progress, marks a YAML error at its line, compares two pins,
 * reopens a shared link exactly, and completes a short calibration.
 * Screenshots of each main view go to test/screenshots/.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersPainted, openPlanner, repoRoot, watchedPage, waitForAnswers, waitForSettled, type Planner, type Watched } from './harness';

const shots = join(repoRoot, 'test', 'screenshots');
let planner: Planner;
let w: Watched;
let page: Page;

const answers = () => answersPainted(page);
const cardValue = (label: string) => page.locator(`.card-value[data-metric="${label}"]`).first().innerText();

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  planner = await openPlanner();
  ({ watched: w, page } = planner);
}, 180_000);

afterAll(async () => {
  await planner?.close();
});

describe('planner in the browser', () => {
  it('opens on a bundled scenario with its answer and charts shown, without console errors', async () => {
    await expect(page.locator('h1').innerText()).resolves.toBe('Scaling a 70B model from 256 to 4,096 H100');
    expect(await page.locator('.card').count()).toBeGreaterThan(4);
    expect(await cardValue('Time to train')).toMatch(/^[\d.,]+ days$/);
    expect(await page.locator('figure[data-chart="scaling-time"] svg path').count()).toBeGreaterThan(0);
    expect(await page.locator('figure[data-chart="pareto"] circle').count()).toBe(5);
    // Every bundled scenario is in the picker.
    expect(await page.locator('#scenario-picker optgroup[label="Bundled scenarios"] option').count()).toBe(readdirSync(join(repoRoot, 'scenarios')).filter((f) => f.endsWith('.yaml')).length);
    await page.screenshot({ path: join(shots, 'plan.png'), fullPage: true });
    expect(w.consoleErrors).toEqual([]);
  });

  it('moving the tokens slider changes the answer', async () => {
    const before = await cardValue('Time to train');
    const n = await answers();
    const slider = page.locator('#knob-tokens');
    await slider.focus();
    // Ten steps per decade: five steps right is ×10^0.5 ≈ 3.2× the tokens, so ≈ 3.2× the time.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await waitForAnswers(page, n + 1);
    // Five presses make up to five requests; the answer to compare is the one for the last.
    await waitForSettled(page);
    const after = await cardValue('Time to train');
    const ratio = parseFloat(after.replace(/,/g, '')) / parseFloat(before.replace(/,/g, ''));
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(4);
  });

  it('a DES run shows progress, then its timeline chart replaces the estimate', async () => {
    await page.selectOption('#scenario-picker', 'cloud-vs-owned-tco.yaml');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Cloud against owned'));
    await expect(page.locator('[data-testid="headline-cards"]').getAttribute('data-fidelity')).resolves.toBe('analytic');
    await page.getByRole('button', { name: /^Run DES/ }).click();
    await page.locator('[data-testid="des-progress"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="des-done"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-testid="headline-cards"]').getAttribute('data-fidelity')).resolves.toBe('des');
    expect(await page.locator('figure[data-chart="gantt"] rect').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(shots, 'des.png'), fullPage: true });
  });

  it('an invalid YAML edit shows the error at its line', async () => {
    await page.getByRole('tab', { name: /^YAML/ }).click();
    const area = page.getByLabel('Scenario YAML');
    const text = await area.inputValue();
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /^\s+count: 64$/.test(l));
    expect(line).toBeGreaterThan(0);
    lines[line] = lines[line].replace('64', '-3');
    await area.fill(lines.join('\n'));
    const issue = page.locator(`.issues li[data-issue-line="${line + 1}"]`);
    await issue.waitFor({ timeout: 10_000 });
    expect(await issue.innerText()).toContain('cluster.pools[0].count');
    expect(await page.locator('.gutter .ln.bad').first().innerText()).toBe(String(line + 1));
    await page.screenshot({ path: join(shots, 'yaml-error.png') });
    await page.getByRole('tab', { name: /^Form/ }).click();
  });

  it('compare shows two pinned options side by side with the differences marked', async () => {
    await page.selectOption('#scenario-picker', 'hardware-acceleration.yaml');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('CPU against GPU'));
    await page.getByRole('tab', { name: 'gpu-dgx-h100' }).click();
    await page.getByRole('button', { name: 'Pin', exact: true }).click();
    await page.getByRole('tab', { name: 'tpu-v5p' }).click();
    await page.getByRole('button', { name: 'Pin', exact: true }).click();
    await page.getByRole('button', { name: /^Compare/ }).first().click();
    const table = page.locator('table.compare-table');
    await expect(table.getAttribute('data-columns')).resolves.toBe('2');
    expect(await table.locator('thead th.pin-col').count()).toBe(2);
    expect(await table.locator('tr.differs').count()).toBeGreaterThan(2);
    expect(await table.locator('td.best').count()).toBeGreaterThan(2);
    await page.screenshot({ path: join(shots, 'compare.png'), fullPage: true });
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
  });

  it('a shared link reopens exactly the same scenario text', async () => {
    await page.getByRole('tab', { name: /^YAML/ }).click();
    const area = page.getByLabel('Scenario YAML');
    const edited = (await area.inputValue()).replace(/^name: .*$/m, 'name: "Shared: acceleration, édition spéciale ✓"');
    await area.fill(edited);
    await page.getByRole('button', { name: 'Share link' }).click();
    await page.waitForFunction(() => location.hash.includes('s='));
    const link = page.url();
    const other = await watchedPage(planner.browser);
    await other.page.goto(link);
    await waitForAnswers(other.page, 1, 40_000);
    await other.page.getByRole('tab', { name: /^YAML/ }).click();
    expect(await other.page.getByLabel('Scenario YAML').inputValue()).toBe(edited);
    expect(await other.page.locator('h1').innerText()).toBe('Shared: acceleration, édition spéciale ✓');
    expect(other.consoleErrors).toEqual([]);
    expect(other.outsideRequests).toEqual([]);
    await other.page.context().close();
  });

  it('the calibration page completes a short run on the headless backend', async () => {
    await page.getByRole('button', { name: 'Calibrate', exact: true }).click();
    await page.selectOption('#cal-budget', '10');
    await page.locator('[data-testid="calibrate-run"]').click();
    const result = page.locator('[data-testid="calibration-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.locator('.card').count()).toBe(6);
    expect(await result.innerText()).toMatch(/GFLOP\/s/);
    await page.getByRole('button', { name: 'Save in this browser' }).click();
    expect(await page.locator('table.profiles tbody tr').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'calibrate.png'), fullPage: true });
  });

  it('made no request off 127.0.0.1 and logged no console error', () => {
    expect(w.outsideRequests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
