/**
 * `clusterplan plan`: the main job on bundled defaults. Runs every bundled
 * scenario, prints one answer per question, writes each one's HTML report and
 * RunResult JSON into the output folder.
 */
import { basename, join } from 'node:path';
import type { Fidelity, RunResult } from '../../result';
import { buildReport } from '../../report/document';
import { metricValue } from '../../scenario/pareto';
import { writeFileAtomic } from '../files';
import { style } from '../format';
import { progressBar } from '../progress';
import { headlines } from '../summary';
import { bundledScenarioFiles } from './list';
import { writeReport } from './report';
import { runScenarioFile } from './run';

/** The report's own one-paragraph answer to the scenario's question, or the headline metrics when it has none. */
function answer(results: RunResult[], name: string): string {
  const summary = buildReport(results, { scenarioName: name }).sections.find((sec) => sec.id === 'summary');
  const first = summary?.blocks.find((b) => b.kind === 'paragraph') as { text?: string } | undefined;
  return first?.text ?? headline(results);
}

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) { out.push(line); line = word; }
    else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.map((l) => indent + l).join('\n');
}

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
    rows.push([loaded.name, answer(results, loaded.name), warnings ? s.yellow(`${warnings} warning${warnings === 1 ? '' : 's'}`) : '', `${stem}.html`]);
  }
  bar.done();
  process.stdout.write(`${s.bold(`clusterplan: ${files.length} bundled scenarios`)}\n\n`);
  for (const [name, text, warnings, report] of rows) {
    process.stdout.write(`${s.bold(name)}\n${wrap(text, 96, '  ')}\n  ${s.dim(`report: ${join(opts.out, report)}`)}${warnings ? `  ${warnings}` : ''}\n\n`);
  }
  process.stdout.write(`reports and RunResult JSON written to ${opts.out}/ (open ${join(opts.out, '*.html')} in a browser)\n`);
  return 0;
}
