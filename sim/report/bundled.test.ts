/**
 * Every bundled scenario, run analytically, written as HTML and Markdown: the
 * sections are there, the summary answers with numbers, nothing points off
 * the page. (The PDF path is exercised once, in pdf.test.ts.)
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../calibration/load';
import { loadScenarioFile } from '../cli/files';
import { runLoaded } from '../scenario/run';
import { renderReport } from './index';

const dir = new URL('../../scenarios/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('reports of the bundled scenarios', () => {
  it('there are bundled scenarios to report on', () => expect(files.length).toBeGreaterThanOrEqual(5));
  for (const f of files) {
    it(`${f}: HTML and Markdown with every section and a summary with numbers`, { timeout: 30_000 }, () => {
      const file = `${dir}${f}`;
      const loaded = loadScenarioFile(file);
      const results = runLoaded(loaded, { fidelity: 'analytic', profile: (p) => loadProfile(p, file), timing: false });
      const ctx = { scenarioName: loaded.name, description: loaded.description, file: `scenarios/${f}`, generatedAt: '2026-11-25' };
      const html = renderReport(results, 'html', ctx);
      for (const id of ['summary', 'options', 'assumptions', 'calibration', 'warnings', 'provenance']) expect(html).toContain(`<section id="${id}"`);
      expect(html).not.toMatch(/https?:|<script|<link|<img|url\(/i);
      const summary = /<section id="summary"[\s\S]*?<p>([\s\S]*?)<\/p>/.exec(html)![1];
      expect(summary).toMatch(/\d/);
      expect(summary).not.toMatch(/NaN|undefined|Infinity/);
      const md = renderReport(results, 'md', ctx);
      expect(md).toContain('## Executive summary');
      expect(md).not.toMatch(/NaN|undefined/);
    });
  }
});
