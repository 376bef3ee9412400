/** One entry point for every trace format: text in, jobs and import notes out. */
import { parseCsv } from './csv';
import type { ImportResult } from './job';
import { importPhilly } from './import-philly';
import { importAlibabaOpenB, importAlibabaPai } from './import-alibaba';
import { importJobCsv } from './import-csv';

export type TraceFormat = 'philly' | 'alibaba-openb' | 'alibaba-pai' | 'csv';
export const traceFormats: TraceFormat[] = ['philly', 'alibaba-openb', 'alibaba-pai', 'csv'];

export function importTrace(format: TraceFormat, text: string): ImportResult {
  const table = parseCsv(text);
  switch (format) {
    case 'philly':
      return importPhilly(table);
    case 'alibaba-openb':
      return importAlibabaOpenB(table);
    case 'alibaba-pai':
      return importAlibabaPai(table);
    case 'csv':
      return importJobCsv(table);
  }
}
