/**
 * `clusterplan plan`: the main job on bundled defaults. Runs every bundled
 * scenario, prints one answer per question, writes each one's HTML report and
 * RunResult JSON into the output folder.
 */
import { basename, join } from 'node:path';
import type { Fidelity, RunResult } from '../../result';
import { metricValue } from '../../scenario/pareto';
import { writeFileAtomic } from '../files';
import { style, table } from '../format';
import { progressBar } from '../progress';
import { headlines } from '../summary';
import { bundledScenarioFiles } from './list';
import { writeReport } from './report';
import { runScenarioFile } from './run';

function headline(results: RunResult[]): string {
  const r = results[0];
  const parts: string[] = [];
  for (const h of headlines) {
    const v = metricValue(r.metrics as Record<string, unknown>, h.path);
    if (Number.isFinite(v)) parts.push(`${h.label} ${h.format(v)}`);
    if (parts.length >= 3) break;
  }
  const suffix = results.length > 1 ? ` (+${results.length - 1} more variant${results.length > 2 ? 's' : ''})` : '';
  return parts.join(', ') + suffix;
}

export async function planCommand(opts: { out: string; fidelity?: Fidelity; quiet?: boolean }): Promise<number> {
  const s = style(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  const files = bundledScenarioFiles();
  const bar = progressBar('planning', { quiet: opts.quiet });
  const rows: string[][] = [];
  for (const [i, file] of files.entries()) {
    bar.update(i / files.length, basename(file));
    const { loaded, results } = await runScenarioFile(file, { fidelity: opts.fidelity, quiet: true });
    const stem = basename(file).replace(/\.(ya?ml|json)$/, '');
    writeFileAtomic(join(opts.out, `${stem}.json`), JSON.stringify(results, null, 2) + '\n');
    await writeReport(results, loaded, join(opts.out, `${stem}.html`));
    const warnings = results.reduce((n, r) => n + r.warnings.length, 0);
    rows.push([loaded.name, headline(results), warnings ? s.yellow(String(warnings)) : '0']);
  }
  bar.done();
  process.stdout.write(`${s.bold(`clusterplan: ${files.length} bundled scenarios`)}\n\n`);
  process.stdout.write(table([{ header: 'scenario' }, { header: 'answer' }, { header: 'warnings', align: 'right' }], rows) + '\n\n');
  process.stdout.write(`reports and RunResult JSON written to ${opts.out}/ (open ${join(opts.out, '*.html')} in a browser)\n`);
  return 0;
}
