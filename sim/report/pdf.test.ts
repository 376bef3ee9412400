/**
 * The one browser test: the HTML report parsed by Chromium (sections present,
 * no request made, injected script inert), then printed to PDF and the pages
 * turned into PNG images (pdftoppm) for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { renderReport } from './index';
import { chromiumPath, launchChromium, printPdf } from './pdf';
import { clusterResult, inferenceResult, tcoOptions, trainingSweep } from './testing/fixtures';

const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

it.skipIf(!existsSync(chromiumPath))('prints a report Chromium parses without requests or scripts, on pages that keep charts whole', { timeout: 60_000 }, async () => {
  const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
  const results = [...trainingSweep(), ...tcoOptions(), inferenceResult(), clusterResult()];
  results[0].scenario.option = evil;
  const html = renderReport(results, 'html', { scenarioName: `Report test ${evil}`, question: 'How many H100s, and buy or rent?', file: 'scenarios/test.yaml', generatedAt: '2026-11-25' });

  const browser = await launchChromium();
  const dir = join(tmpdir(), `clusterplan-report-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const pdf = join(dir, 'report.pdf');
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: 'load' });
    const seen = await page.evaluate(() => ({
      sections: [...document.querySelectorAll('section')].map((s) => s.id),
      scripts: document.querySelectorAll('script').length,
      images: document.querySelectorAll('img').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      charts: document.querySelectorAll('figure svg').length,
      title: document.querySelector('h1')?.textContent,
    }));
    expect(seen.sections).toEqual(['summary', 'options', 'charts', 'assumptions', 'calibration', 'warnings', 'provenance']);
    expect(seen).toMatchObject({ scripts: 0, images: 0, handlers: 0, pwned: null });
    expect(seen.title).toBe(`Report test ${evil}`);
    expect(seen.charts).toBeGreaterThanOrEqual(6);
    expect(requests.filter((u) => !u.startsWith('about:') && !u.startsWith('data:'))).toEqual([]);
    await page.close();
    await printPdf(browser, html, pdf);
  } finally {
    await browser.close();
  }
  const bytes = readFileSync(pdf);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  if (hasPdftoppm) {
    execFileSync('pdftoppm', ['-r', '50', '-png', pdf, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    // Summary, options, charts over three or four pages, assumptions, calibration/warnings: the report should stay short.
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages.length).toBeLessThanOrEqual(12);
  }
});
