/**
 * Scenario reports from RunResults: HTML (self-contained), Markdown, and PDF
 * printed from the HTML. `renderReport(results, 'html', { scenarioName, ... })`.
 * PDF lives in ./pdf (playwright-core, Node only) so this index stays browser-safe.
 */
import type { RunResult } from '../result';
import { buildReport, type ReportContext } from './document';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';

export { buildReport, type ReportContext, type ReportDocument } from './document';
export { escapeHtml, escapeMarkdown } from './escape';
export { executiveSummary } from './summary';

export type ReportFormat = 'html' | 'md';

export function renderReport(results: RunResult[], format: ReportFormat, context: ReportContext): string {
  const doc = buildReport(results, context);
  return format === 'md' ? renderMarkdown(doc) : renderHtml(doc);
}

/** The format a report path asks for: .html/.htm, .md/.markdown or .pdf; undefined otherwise. */
export function reportFormatOf(path: string): 'html' | 'md' | 'pdf' | undefined {
  const m = /\.(html?|md|markdown|pdf)$/i.exec(path);
  if (!m) return undefined;
  const ext = m[1].toLowerCase();
  return ext.startsWith('htm') ? 'html' : ext === 'pdf' ? 'pdf' : 'md';
}
