/**
 * Every bundled scenario and template opened in the planner: its cards read
 * like the CLI (no "0.00 USD", no exponent, no NaN), its kind draws the charts
 * that say something about it (latency CDF, replicas over time, utilization,
 * busbw against size, stage times), and nothing logs an error. A screenshot of
 * each goes to test/screenshots/scenario-*.png for a person to look at; the
 * last test checks labels, keyboard reach and focus at two laptop sizes.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answersPainted, openPlanner, repoRoot, waitForAnswers, waitForSettled, type Planner, type Watched } from './harness';

const shots = join(repoRoot, 'test', 'screenshots');
const bundled = readdirSync(join(repoRoot, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();
const templates = ['template-training.yaml', 'template-inference.yaml', 'template-collective.yaml', 'template-data-pipeline.yaml'];
/** Charts each scenario must draw, by data-chart id (beyond cards): the ones that carry its kind's story. */
const mustDraw: Record<string, string[]> = {
  'scaling-70b-h100.yaml': ['scaling-time', 'pareto', 'cost'],
  'edge-vs-cloud.yaml': ['series-ttftCdf', 'series-latencyCdf'],
  'inference-autoscaling-day.yaml': ['series-replicas'],
  'serving-engine-choice.yaml': ['sweep-throughputTokensPerS', 'sweep-ttftP50S', 'cost'],
  'gpu-shortage.yaml': ['series-utilization', 'series-queueLength'],
  'shared-research-cluster.yaml': ['series-utilization', 'series-queueLength'],
  'cloud-vs-owned-tco.yaml': ['tco', 'tornado'],
  'template-inference.yaml': ['series-ttftCdf'],
  'template-collective.yaml': ['series-busBandwidthBySize'],
  'template-data-pipeline.yaml': ['series-dataPipelineStageTimes', 'series-dataPipelineScaling'],
};
/** Scenarios the planner cannot answer yet (none now; the 16k-device stack overflow in plan-time.ts is fixed). */
const knownFailing = new Set<string>();

let planner: Planner;
let w: Watched;
let page: Page;
const answers = () => answersPainted(page);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  planner = await openPlanner({ width: 1440, height: 900 });
  ({ watched: w, page } = planner);
}, 180_000);

afterAll(async () => {
  await planner?.close();
});

async function open(file: string): Promise<void> {
  const n = await answers();
  await page.selectOption('#scenario-picker', file);
  await waitForAnswers(page, n + 1, 30_000);
  await waitForSettled(page, 30_000);
}

describe('each bundled scenario in the planner', () => {
  it.each([...bundled, ...templates].filter((f) => !knownFailing.has(f)))('%s', async (file) => {
    await check(file);
  });
});

async function check(file: string): Promise<void> {
  {
    await open(file);
    const cards = await page.locator('.card-value').allInnerTexts();
    expect(cards.length).toBeGreaterThan(3);
    for (const c of cards) expect(c, `card value "${c}" in ${file}`).not.toMatch(/NaN|undefined|Infinity|\d[eE][-+]?\d|^0\.00 USD$|^0 (days|h|min)$/);
    for (const id of mustDraw[file] ?? []) {
      const fig = page.locator(`figure[data-chart="${id}"]`);
      expect(await fig.count(), `${id} in ${file}`).toBe(1);
      expect(await fig.locator('svg path, svg rect, svg circle').count(), `${id} marks in ${file}`).toBeGreaterThan(0);
    }
    // Axis ticks read as numbers with units, never an exponent or NaN.
    for (const t of await page.locator('.charts svg text.tick').allTextContents()) expect(t, `tick "${t}" in ${file}`).not.toMatch(/NaN|\d[eE][-+]?\d/);
    await page.screenshot({ path: join(shots, `scenario-${file.replace(/\.yaml$/, '')}.png`), fullPage: true });
    expect(w.consoleErrors).toEqual([]);
  }
}

describe('accessibility', () => {
  it('every control has a label, the form is reachable by keyboard with a visible focus ring, at 1280×800 and 1440×900', async () => {
    await open('template-training.yaml');
    for (const size of [{ width: 1280, height: 800 }, { width: 1440, height: 900 }]) {
      await page.setViewportSize(size);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea, button')]
          .filter((el) => {
            const e = el as HTMLInputElement;
            if (e.type === 'hidden') return false;
            const text = (e.textContent ?? '').trim();
            return !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !(e.tagName === 'BUTTON' && text);
          })
          .map((e) => e.outerHTML.slice(0, 120)),
      );
      expect(unlabelled).toEqual([]);
      // Tab from the scenario picker reaches the first knob; the focused control shows an outline.
      await page.locator('#scenario-picker').focus();
      const reached: string[] = [];
      for (let i = 0; i < 40 && !reached.includes('knob-tokens'); i++) {
        await page.keyboard.press('Tab');
        reached.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || ''));
      }
      expect(reached).toContain('knob-model');
      expect(reached).toContain('knob-tokens');
      const outline = await page.evaluate(() => { const s = getComputedStyle(document.activeElement!); return `${s.outlineStyle} ${s.outlineWidth}`; });
      expect(outline).toMatch(/^(solid|auto) [1-9]/);
      await page.screenshot({ path: join(shots, `a11y-${size.width}x${size.height}.png`) });
    }
    expect(w.consoleErrors).toEqual([]);
  });
});
