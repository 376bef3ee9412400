/** The CLI's HTML report, rendered in the page: the same renderReport the CLI writes to a file. */
import type { RunResult } from '../../../sim/result';
import { renderReport, type ReportContext } from '../../../sim/report/index';

export function renderReportHtml(results: RunResult[], context: ReportContext): string {
  return renderReport(results, 'html', context);
}
