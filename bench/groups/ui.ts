/**
 * `npm run bench -- ui`: the planner in headless Chromium on 127.0.0.1.
 * - ui.firstAnswerMillis: navigation start to the first analytic answer painted.
 * - ui.analyticUpdateMillis: median knob move (tokens slider key press) to the new answer
 *   painted (the frame after the DOM update), on a one-variant training scenario (goal < 100 ms).
 *   Its parts: input (event to request: YAML edit and form), worker (request to answer, with
 *   engine = loading and running inside the worker), render (Svelte DOM update), paint.
 * - ui.bundleKiB: what the page loads before its first answer (HTML, CSS, app and engine worker).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { distDir, ensureBuilt, launchChromium, serveDist, waitForAnswers, watchedPage } from '../../test/browser/harness';

type Metric = { value: number; unit: string; note?: string };

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

export async function run(): Promise<Record<string, Metric>> {
  await ensureBuilt();
  const assets = readdirSync(join(distDir, 'assets'));
  const size = (f: string) => statSync(join(distDir, 'assets', f)).size;
  // Loaded on demand only: the report renderer and the calibration tab's tfjs worker.
  const firstLoad = assets.filter((f) => /\.(js|css)$/.test(f) && !/^(report|calibrate-worker|CalibrateView)-/.test(f));
  const bundleBytes = firstLoad.reduce((a, f) => a + size(f), 0) + statSync(join(distDir, 'index.html')).size;
  const lazyBytes = assets.filter((f) => !firstLoad.includes(f)).reduce((a, f) => a + size(f), 0);

  const server = await serveDist(0);
  const browser = await launchChromium();
  try {
    const firsts: number[] = [];
    const firstParts: Array<Record<string, number>> = [];
    for (let i = 0; i < 3; i++) {
      const w = await watchedPage(browser);
      await w.page.goto(server.url);
      await waitForAnswers(w.page, 1, 60_000);
      const h = await w.page.evaluate(() => (globalThis as unknown as { __clusterplan: { firstAnswerMs: number; lastParts: Record<string, number> } }).__clusterplan);
      firsts.push(h.firstAnswerMs);
      firstParts.push(h.lastParts);
      await w.page.context().close();
    }

    const w = await watchedPage(browser);
    const page = w.page;
    await page.goto(server.url);
    await waitForAnswers(page, 1, 60_000);
    await page.selectOption('#scenario-picker', 'template-training.yaml');
    await waitForAnswers(page, 2, 60_000);
    const updates: number[] = [];
    const parts: Array<Record<string, number>> = [];
    await page.locator('#knob-tokens').focus();
    for (let i = 0; i < 12; i++) {
      const n = await page.evaluate(() => (globalThis as unknown as { __clusterplan: { answers: number } }).__clusterplan.answers);
      await page.keyboard.press(i < 6 ? 'ArrowRight' : 'ArrowLeft');
      await waitForAnswers(page, n + 1, 30_000);
      // The first moves warm the engine's code paths; the steady state is what a planner feels.
      if (i >= 2) {
        const h = await page.evaluate(() => (globalThis as unknown as { __clusterplan: { lastUpdateMs: number; lastParts: Record<string, number> } }).__clusterplan);
        updates.push(h.lastUpdateMs);
        parts.push(h.lastParts);
      }
    }
    const firstNote = ['workerStart', 'load', 'run', 'render'].map((k) => `${k} ${Math.round(median(firstParts.map((p) => p[k])))}`).join(', ');
    const partNote = Object.keys(parts[0] ?? {}).filter((k) => k !== 'workerStart').map((k) => `${k} ${median(parts.map((p) => p[k])).toFixed(1)}`).join(', ');
    return {
      'ui.firstAnswerMillis': { value: Math.round(median(firsts)), unit: 'ms', note: `navigation start to the answer painted, median of ${firsts.length} loads (${firsts.map((x) => Math.round(x)).join(', ')}; median parts, ms: ${firstNote}; workerStart = when the worker began computing, on the page clock), headless Chromium, 127.0.0.1, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}` },
      'ui.analyticUpdateMillis': { value: Math.round(median(updates) * 10) / 10, unit: 'ms', note: `median of ${updates.length} tokens-slider moves on template-training.yaml, key press to answer painted (max ${Math.round(Math.max(...updates))} ms; median parts, ms: ${partNote}); goal < 100 ms` },
      'ui.bundleKiB': { value: Math.round(bundleBytes / 1024), unit: 'KiB', note: `HTML + boot + app + engine worker + CSS (${firstLoad.length} files), uncompressed; lazily loaded (report, calibration/tfjs): ${Math.round(lazyBytes / 1024)} KiB` },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
