/**
 * The CLI's HTML report, rendered in the page. Same as
 * `renderReport(results, 'html', ctx)` from sim/report/index.ts, imported
 * piecewise because that index also re-exports renderPdf, which pulls
 * playwright-core (Node-only) into the bundle.
 */
import type { RunResult } from '../../../sim/result';
import { buildReport, type ReportContext } from '../../../sim/report/document';
import { renderHtml } from '../../../sim/report/html';

export function renderReportHtml(results: RunResult[], context: ReportContext): string {
  return renderHtml(buildReport(results, context));
}
