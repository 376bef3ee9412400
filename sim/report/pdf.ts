/**
 * PDF by printing the HTML report in headless Chromium (Debian's `chromium`
 * driven by playwright-core). The page is loaded from a string with every
 * network request refused; print CSS in the HTML keeps tables and charts
 * whole on a page.
 */
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath = process.env.CLUSTERPLAN_CHROMIUM ?? '/usr/bin/chromium';

export const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: launchArgs });
}

export async function renderPdf(html: string, outPath: string): Promise<void> {
  const browser = await launchChromium();
  try {
    await printPdf(browser, html, outPath);
  } finally {
    await browser.close();
  }
}

/** Print with a browser already running (tests reuse one launch). */
export async function printPdf(browser: Browser, html: string, outPath: string): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({
      path: outPath, format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>',
      footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#777"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await page.close();
  }
}
