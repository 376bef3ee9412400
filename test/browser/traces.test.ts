/**
 * Job-trace scenarios in the planner: the bundled Philly scenario fetches its
 * CSV only when it is opened and answers with the numbers the CLI's loader and
 * runner give in Node (same seed, same result; numbers compared, not text), in
 * the analytic answer and in a DES run. A scenario naming a trace the page has
 * not been given says which file, at which path and line; a file the user picks
 * or drops on the editor then answers, and the file's name and contents are
 * shown as text, never as markup.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinProfile } from '../../calibration/builtin';
import { loadScenarioFile } from '../../sim/cli/files';
import type { Fidelity, Metrics } from '../../sim/result';
import { runLoaded } from '../../sim/scenario/run';
import { bytes } from '../../ui/src/lib/format';
import { encodeShare } from '../../ui/src/lib/share';
import { answersPainted, openPlanner, repoRoot, watchedPage, waitForAnswers, waitForSettled, type Planner, type Watched } from './harness';

const shots = join(repoRoot, 'test', 'screenshots');
let planner: Planner;
let w: Watched;
let page: Page;
const fetched: string[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'clusterplan-traces-'));

const answers = () => answersPainted(page);
const shownMetrics = () => page.evaluate(() => (globalThis as unknown as { __clusterplan: { shownMetrics: Metrics[] } }).__clusterplan.shownMetrics);
/** What `clusterplan run FILE` computes for a scenario on disk (its loader resolves the trace against the file). */
const cliMetrics = (file: string, fidelity: Fidelity): Metrics[] => runLoaded(loadScenarioFile(file), { profile: () => builtinProfile, fidelity, timing: false }).map((r) => r.metrics);

/** Until the latest request is answered; `from` answers counted before the action that starts it. */
async function settle(from: number): Promise<void> {
  await waitForAnswers(page, from + 1, 30_000);
  await waitForSettled(page, 30_000);
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  planner = await openPlanner({ width: 1440, height: 900 }, (pg) => pg.on('request', (r) => fetched.push(r.url())));
  ({ watched: w, page } = planner);
}, 180_000);

afterAll(async () => {
  await planner?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the bundled trace scenario', () => {
  const scenario = join(repoRoot, 'scenarios', 'shared-research-cluster.yaml');

  it('fetches its CSV only when opened, and answers every option with the numbers runLoaded gives in Node', async () => {
    expect(fetched.filter((u) => u.includes('philly-sample')), 'the trace is not part of the first load').toEqual([]);
    const n = await answers();
    await page.selectOption('#scenario-picker', 'shared-research-cluster.yaml');
    await settle(n);
    expect(fetched.filter((u) => u.includes('philly-sample')).length).toBe(1);
    const size = bytes(readFileSync(join(repoRoot, 'scenarios', 'data', 'philly-sample.csv')).length);
    expect(await page.locator('[data-trace="data/philly-sample.csv"]').innerText()).toContain(`bundled with the planner · ${size}`);
    // The page's answer is the analytic fidelity; a trace replay is the same event-by-event run either way.
    expect(await shownMetrics()).toEqual(cliMetrics(scenario, 'analytic'));
    expect(await page.locator('.card-value').count()).toBeGreaterThan(3);
    // The run bar says what ran: the whole trace, event by event (not an "analytic answer").
    expect(await page.locator('[data-testid="status"]').innerText()).toContain('Event-by-event replay');
    await page.screenshot({ path: join(shots, 'trace-shared-research-cluster.png'), fullPage: true });
  });

  it('a DES run of one option in its own worker gets the trace too and matches the CLI', async () => {
    await page.getByRole('tab', { name: /^fifo/ }).click();
    await page.getByRole('button', { name: /^Run DES/ }).click();
    await page.locator('[data-testid="des-done"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-testid="headline-cards"]').getAttribute('data-fidelity')).resolves.toBe('des');
    const cli = cliMetrics(scenario, 'des');
    expect((await shownMetrics())[1]).toEqual(cli[1]);
    expect(w.consoleErrors).toEqual([]);
  });
});

describe('a shared link to a trace scenario', () => {
  it('opens straight into the answer: the boot request asks for the trace, the page fetches it, the numbers are the CLI\'s', async () => {
    const file = 'shared-research-cluster.yaml';
    const other = await watchedPage(planner.browser);
    await other.page.goto(`${planner.server.url}${encodeShare({ file, text: readFileSync(join(repoRoot, 'scenarios', file), 'utf8') })}`);
    await waitForAnswers(other.page, 2, 60_000);
    await waitForSettled(other.page, 60_000);
    const metrics = await other.page.evaluate(() => (globalThis as unknown as { __clusterplan: { shownMetrics: Metrics[] } }).__clusterplan.shownMetrics);
    expect(metrics).toEqual(cliMetrics(join(repoRoot, 'scenarios', file), 'analytic'));
    expect(other.consoleErrors).toEqual([]);
    expect(other.outsideRequests).toEqual([]);
    await other.page.context().close();
  });
});

describe("the user's own trace", () => {
  const scenarioText = `version: 1
name: Our lab's week
description: Two DGX A100 shared by the lab; jobs from our own scheduler log.
seed: 7
fidelity: des
cluster:
  pools:
    - name: a100
      node: dgx-a100-80gb
      count: 2
workload:
  kind: trace
  source:
    format: csv
    file: traces/team-jobs.csv
  scheduler: { policy: fifo, placement: topology-aware }
cost: { mode: owned }
`;
  const hostile = '<img src=x onerror="window.__pwned=1">';
  /** A job CSV (submit_s,gpus,duration_s,...): `jobs` jobs, sizes and lengths from a fixed pattern. */
  const jobCsv = (jobs: number, hours: number) =>
    ['id,submit_s,gpus,duration_s,team', ...Array.from({ length: jobs }, (_, i) => `job-${i},${i * 900},${[1, 2, 4, 8, 16][i % 5]},${hours * 3600 * (1 + (i % 3))},${i % 2 ? 'vision' : hostile.replace(/,/g, ' ')}`)].join('\n') + '\n';
  /** The same scenario and CSV on disk, as the CLI would read them. */
  function onDisk(csv: string): string {
    mkdirSync(join(scratch, 'traces'), { recursive: true });
    writeFileSync(join(scratch, 'traces', 'team-jobs.csv'), csv);
    writeFileSync(join(scratch, 'lab.yaml'), scenarioText);
    return join(scratch, 'lab.yaml');
  }

  it('names the missing file with its path and line, and answers once the user picks it', async () => {
    const n = await answers();
    await page.getByRole('button', { name: 'Paste YAML…' }).click();
    await page.locator('#paste-area').fill(scenarioText);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await settle(n);
    const notice = await page.locator('[data-testid="needs-files"]').innerText();
    const line = scenarioText.split('\n').findIndex((l) => l.includes('file: traces/team-jobs.csv')) + 1;
    expect(notice).toContain('traces/team-jobs.csv');
    expect(notice).toContain(`workload.source.file, line ${line}`);
    expect(await page.locator(`.issues li[data-issue-line="${line}"]`).innerText()).toContain('workload.source.file');
    expect(await page.locator('[data-testid="status"]').innerText()).toBe('Needs a trace file');
    expect(await page.locator('h1').innerText()).toBe("Our lab's week");
    await page.screenshot({ path: join(shots, 'trace-needs-file.png') });

    const csv = jobCsv(24, 2);
    const m = await answers();
    // A hostile file name: it must show as text.
    await page.setInputFiles('#trace-file', { name: `${hostile}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await settle(m);
    expect(await page.locator('[data-trace="traces/team-jobs.csv"]').innerText()).toContain(`yours (${hostile}.csv)`);
    expect(await shownMetrics()).toEqual(cliMetrics(onDisk(csv), 'analytic'));
    expect(await page.evaluate(() => ({ pwned: (globalThis as Record<string, unknown>).__pwned, images: document.querySelectorAll('img').length }))).toEqual({ pwned: undefined, images: 0 });
    await page.screenshot({ path: join(shots, 'trace-own-file.png'), fullPage: true });
  });

  it('a trace dropped on the editor replaces it; a malformed one is an input problem shown as text', async () => {
    const heavier = jobCsv(60, 6);
    const before = await shownMetrics();
    const drop = async (name: string, text: string) => {
      const n = await answers();
      const data = await page.evaluateHandle(([fileName, body]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([body], fileName, { type: 'text/csv' }));
        return dt;
      }, [name, text] as const);
      await page.dispatchEvent('.editor-panel', 'drop', { dataTransfer: data });
      await settle(n);
    };
    await drop('team-jobs-week2.csv', heavier);
    const after = await shownMetrics();
    expect(after).toEqual(cliMetrics(onDisk(heavier), 'analytic'));
    expect(after[0].cluster!.makespanS).toBeGreaterThan(before[0].cluster!.makespanS);

    await drop('broken.csv', `${hostile},when\n1,2\n`);
    await page.getByRole('tab', { name: /^YAML/ }).click();
    const issue = await page.locator('.issues li').first().innerText();
    expect(issue).toContain('traces/team-jobs.csv');
    expect(issue).toContain(hostile);
    expect(await page.evaluate(() => ({ pwned: (globalThis as Record<string, unknown>).__pwned, images: document.querySelectorAll('img').length }))).toEqual({ pwned: undefined, images: 0 });

    // Removing the user's file brings back the question for it.
    const n = await answers();
    await page.getByRole('button', { name: 'Stop using traces/team-jobs.csv' }).click();
    await settle(n);
    await page.locator('[data-testid="needs-files"]').waitFor();
    await page.getByRole('tab', { name: /^Form/ }).click();
  });

  it('a scenario dropped together with its trace opens and finds the trace by its base name', async () => {
    const march = jobCsv(30, 3);
    const text = scenarioText.replace("name: Our lab's week", 'name: Our lab in March').replace('file: traces/team-jobs.csv', 'file: logs/jobs-march.csv');
    const n = await answers();
    const data = await page.evaluateHandle(([yaml, csv]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([yaml], 'lab-march.yaml', { type: 'application/yaml' }));
      dt.items.add(new File([csv], 'jobs-march.csv', { type: 'text/csv' }));
      return dt;
    }, [text, march] as const);
    await page.dispatchEvent('.editor-panel', 'drop', { dataTransfer: data });
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Our lab in March');
    await settle(n);
    await page.locator('.card-value').first().waitFor();
    expect(await page.locator('[data-trace="logs/jobs-march.csv"]').innerText()).toContain('yours (jobs-march.csv)');
    mkdirSync(join(scratch, 'logs'), { recursive: true });
    writeFileSync(join(scratch, 'logs', 'jobs-march.csv'), march);
    writeFileSync(join(scratch, 'lab-march.yaml'), text);
    expect(await shownMetrics()).toEqual(cliMetrics(join(scratch, 'lab-march.yaml'), 'analytic'));
  });

  it('made no request off 127.0.0.1 and logged no console error', () => {
    expect(w.outsideRequests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
