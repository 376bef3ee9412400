/** Writing a report in the format its file name asks for. */
import { extname } from 'node:path';
import type { RunResult } from '../../result';
import type { LoadedScenario } from '../../scenario/load';
import { renderReport } from '../../report/index';
import { renderPdf } from '../../report/pdf';
import { writeFileAtomic } from '../files';

/** `generatedAt` is today's date unless given (the CLI passes a fixed one with --no-timing, for byte-identical reports). */
export async function writeReport(results: RunResult[], loaded: LoadedScenario, out: string, generatedAt = new Date().toISOString().slice(0, 10)): Promise<void> {
  const ext = extname(out).toLowerCase();
  const context = { scenarioName: loaded.name, description: loaded.description, file: loaded.file, generatedAt };
  if (ext === '.md') return writeFileAtomic(out, renderReport(results, 'md', context));
  const html = renderReport(results, 'html', context);
  if (ext === '.html') return writeFileAtomic(out, html);
  const tmp = `${out}.tmp-${process.pid}.pdf`;
  await renderPdf(html, tmp);
  const { renameSync } = await import('node:fs');
  renameSync(tmp, out);
}
