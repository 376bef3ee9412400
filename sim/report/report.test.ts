import { describe, expect, it } from 'vitest';
import type { RunResult } from '../result';
import { escapeHtml, escapeMarkdown } from './escape';
import { executiveSummary, renderReport, reportFormatOf } from './index';
import { allFixtures, collectiveResult, inferenceResult, tcoOptions, trainingSweep } from './testing/fixtures';

const ctx = { scenarioName: 'fixture', question: 'What should we buy?', generatedAt: '2026-11-25' };
const voidTags = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);

/** Tags of our own output must nest properly: a small stack check (the PDF test parses it in a real browser too). */
function unbalancedTags(html: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const m of html.replace(/<!DOCTYPE[^>]*>/i, '').matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = m;
    const tag = name.toLowerCase();
    if (selfClose || (voidTags.has(tag) && !close)) continue;
    if (!close) stack.push(tag);
    else if (stack.pop() !== tag) problems.push(`</${tag}> at ${m.index}`);
  }
  return problems.concat(stack.map((t) => `<${t}> not closed`));
}

describe('HTML report', () => {
  for (const [kind, results] of Object.entries(allFixtures())) {
    it(`for a ${kind} scenario has every section, balanced tags and no address or script`, () => {
      const html = renderReport(results, 'html', { ...ctx, scenarioName: results[0].scenario.name });
      for (const id of ['summary', 'options', 'assumptions', 'calibration', 'warnings', 'provenance']) expect(html).toContain(`<section id="${id}"`);
      expect(unbalancedTags(html)).toEqual([]);
      expect(html).not.toMatch(/https?:|\/\/[a-z0-9-]+\.[a-z]/i);
      expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    });
  }

  it('draws the charts the results support: scaling, cost breakdown, timeline, Pareto, tornado', () => {
    const html = renderReport(trainingSweep(), 'html', ctx);
    for (const title of ['Scaling curve', 'Cost breakdown', 'Timeline', 'Cost against time', 'Sensitivity']) expect(html).toContain(`<figcaption>${title}`);
    expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(5);
  });

  it('answers the question with numbers in the summary', () => {
    const results = trainingSweep();
    const es = executiveSummary(results);
    expect(es.details[0]).toMatch(/^Option 'count=64': Training takes [\d.]+ days on 512 H100 at 45% MFU/);
    expect(es.answer).toMatch(/Cheapest: 'count=64' at [\d.]+ M USD/);
    expect(es.answer).toMatch(/Fastest: 'count=256' at [\d.]+ days/);
    const html = renderReport(results, 'html', ctx);
    expect(html).toContain(`<p>${escapeHtml(es.answer)}</p>`);
  });

  it('says when buying pays off, per option', () => {
    const [low, , high] = tcoOptions();
    const es = executiveSummary([low, high]);
    const crossover = (high.metrics.cost!.tco as { crossoverMonthExact: number }).crossoverMonthExact;
    expect(crossover).toBeGreaterThan(12);
    expect(es.answer).toContain(`'90% busy' (after ${Number(crossover.toPrecision(3))} months)`);
    expect(es.answer).toContain("but not for '40% busy' within the horizon");
  });

  it('lists warnings, including an out-of-memory option the runner did not warn about', () => {
    const oom = trainingSweep()[0];
    oom.metrics.training!.fitsInMemory = false;
    const html = renderReport([oom, inferenceResult()], 'html', ctx);
    const warnings = /<section id="warnings"[\s\S]*?<\/section>/.exec(html)![0];
    expect(warnings).toContain('out-of-memory');
    expect(warnings).toContain('slo-miss');
  });

  it('is byte-identical for the same results and date', () => {
    expect(renderReport(tcoOptions(), 'html', ctx)).toBe(renderReport(tcoOptions(), 'html', ctx));
  });
});

describe('untrusted text', () => {
  const evil = '<script>window.__pwned=1</script><img src=x onerror=alert(1)>';
  const poisoned = (): RunResult[] => {
    const r = collectiveResult(evil);
    r.scenario.option = `${evil}"'`;
    r.warnings.push({ code: '<b>code</b>', message: evil, severity: 'warning' });
    r.series.timeline = [{ stage: evil, kind: '<svg onload=alert(1)>', start: 0, end: 1 }];
    return [r];
  };

  it('comes out of the HTML inert: no script, image or handler element survives', () => {
    const html = renderReport(poisoned(), 'html', { scenarioName: evil, description: evil, question: evil, file: evil });
    expect(html).not.toMatch(/<script|<img|<svg onload|<b>code/i);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(unbalancedTags(html)).toEqual([]);
  });

  it('comes out of the Markdown inert: no raw tag, link or image syntax', () => {
    const md = renderReport(poisoned(), 'md', { scenarioName: `${evil} [x](javascript:alert(1)) ![i](y)`, question: '| a | b |' });
    expect(md).not.toMatch(/<script|<img|\]\(/i);
    expect(md).toContain('&lt;script&gt;');
  });

  it('escapeHtml and escapeMarkdown leave no character that opens markup', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeMarkdown('[a](b) *c* | # d\n e')).toBe('\\[a\\]\\(b\\) \\*c\\* \\| \\# d e');
  });
});

describe('Markdown report', () => {
  for (const [kind, results] of Object.entries(allFixtures())) {
    it(`for a ${kind} scenario has its sections and well-formed tables`, () => {
      const md = renderReport(results, 'md', ctx);
      for (const h of ['## Executive summary', '## Assumptions and sources', '## Calibration', '## Warnings', '## Provenance']) expect(md).toContain(h);
      // Every table row has as many cells as its header.
      const lines = md.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (!/^\|( --- \|)+$/.test(lines[i])) continue;
        const cols = lines[i].split('|').length;
        expect(lines[i - 1].split(/(?<!\\)\|/).length).toBe(cols);
        for (let j = i + 1; j < lines.length && lines[j].startsWith('|'); j++) expect(lines[j].split(/(?<!\\)\|/).length).toBe(cols);
      }
    });
  }
});

it('picks the format from the file name', () => {
  expect(reportFormatOf('out/report.HTML')).toBe('html');
  expect(reportFormatOf('r.md')).toBe('md');
  expect(reportFormatOf('r.pdf')).toBe('pdf');
  expect(reportFormatOf('r.txt')).toBeUndefined();
});
