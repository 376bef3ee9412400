/**
 * Shared by the browser tests and `npm run bench -- ui`: build the planner
 * once (or reuse dist/ when it is newer than every source it is built from),
 * serve it on 127.0.0.1 and drive Debian's Chromium with playwright-core.
 * Every request that is not to 127.0.0.1 is aborted and recorded.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serveDist } from '../../sim/cli/commands/ui';
import type { Metrics } from '../../sim/result';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
export const distDir = join(repoRoot, 'dist');
const sourceDirs = ['ui', 'sim', 'calibration', 'scenarios'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : /\.test\.ts$/.test(entry.name) ? 0 : statSync(p).mtimeMs);
  }
  return newest;
}

export function distIsFresh(): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return sourceDirs.every((d) => newestMtime(join(repoRoot, d)) < built);
}

/** `vite build` through the JS API with the repository's vite.config.ts, unless dist/ is already fresh. */
export async function ensureBuilt(): Promise<{ rebuilt: boolean }> {
  if (distIsFresh()) return { rebuilt: false };
  // Two browser test files start in parallel forks: one builds (mkdir is atomic), the other waits for it.
  const lock = join(tmpdir(), `clusterplan-ui-build-${createHash('sha1').update(repoRoot).digest('hex').slice(0, 8)}.lock`);
  for (const started = Date.now(); ; ) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than five minutes belongs to a build that died.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (!held) continue;
      if (Date.now() - held.mtimeMs > 300_000 || Date.now() - started > 300_000) { rmSync(lock, { recursive: true, force: true }); continue; }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (distIsFresh()) return { rebuilt: false };
    const { build } = await import('vite');
    await build({ root: join(repoRoot, 'ui'), configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
    return { rebuilt: true };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export const chromiumArgs = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

export interface Watched {
  page: Page;
  consoleErrors: string[];
  outsideRequests: string[];
}

/** A page that records console errors and page errors, and blocks (and records) any request off 127.0.0.1. */
export async function watchedPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Watched> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const outsideRequests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const host = /^[a-z]+:\/\/([^/:]+)/i.exec(url)?.[1];
    if (host === undefined || host === '127.0.0.1') return route.continue();
    outsideRequests.push(url);
    return route.abort();
  });
  return { page, consoleErrors, outsideRequests };
}

export { serveDist };

/** The built planner served on 127.0.0.1 and opened in a watched Chromium page, its first answer painted. */
export interface Planner {
  server: { url: string; close: () => Promise<void> };
  browser: Browser;
  watched: Watched;
  page: Page;
  close: () => Promise<void>;
}

/** Build if stale, serve, launch, open; `beforeLoad` sees the page before it navigates (request listeners). */
export async function openPlanner(viewport?: { width: number; height: number }, beforeLoad?: (page: Page) => void): Promise<Planner> {
  await ensureBuilt();
  const server = await serveDist(0);
  const browser = await launchChromium();
  const watched = await watchedPage(browser, viewport);
  beforeLoad?.(watched.page);
  await watched.page.goto(server.url);
  await waitForAnswers(watched.page, 1, 40_000);
  return { server, browser, watched, page: watched.page, close: async () => { await browser.close(); await server.close(); } };
}

/** Analytic answers the page has painted so far. */
export const answersPainted = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as { __clusterplan: { answers: number } }).__clusterplan.answers);

/** Wait until the page has painted `count` analytic answers in total. */
export async function waitForAnswers(page: Page, count: number, timeout = 20_000): Promise<void> {
  await page.waitForFunction((n) => ((globalThis as unknown as { __clusterplan?: { answers: number } }).__clusterplan?.answers ?? 0) >= n, count, { timeout });
}

/**
 * Wait until the page's latest analytic request has been answered and painted
 * (a key held down makes several), and no bundled trace is still loading (its
 * arrival starts another request).
 */
export async function waitForSettled(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => {
    const h = (globalThis as unknown as { __clusterplan?: { requests: number; answeredRequest: number; loadingTraces?: number } }).__clusterplan;
    return h !== undefined && h.requests > 0 && h.answeredRequest === h.requests && !h.loadingTraces;
  }, undefined, { timeout });
}

/** Every leaf where the two differ, as `path: page ≠ library` (numbers compared with Object.is: equal to the bit). */
export function differences(page: unknown, library: unknown, path = 'metrics', out: string[] = []): string[] {
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

/** The metrics of every result the planner shows (the page exposes them for tests). */
export const shownMetrics = (page: Page): Promise<Metrics[]> => page.evaluate(() => (globalThis as unknown as { __clusterplan: { shownMetrics: Metrics[] } }).__clusterplan.shownMetrics);
