/** `clusterplan run FILE`: load, run every variant (in parallel for sweeps), print, write JSON and report. */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { loadProfile } from '../../../calibration/load';
import { InputError } from '../../errors';
import type { Fidelity, RunResult } from '../../result';
import type { LoadedScenario } from '../../scenario/load';
import { runLoaded, runVariant } from '../../scenario/run';
import { loadScenarioFile, writeFileAtomic } from '../files';
import { style } from '../format';
import { progressBar } from '../progress';
import { formatSummary } from '../summary';
import { runVariantsInWorkers } from '../parallel';
import { writeReport } from './report';

export interface RunCommandOptions {
  json?: string;
  report?: string;
  fidelity?: Fidelity;
  seed?: number;
  workers?: number;
  timing?: boolean;
  quiet?: boolean;
}

const reportFormats = ['.html', '.md', '.pdf'];

export async function runScenarioFile(file: string, opts: RunCommandOptions): Promise<{ loaded: LoadedScenario; results: RunResult[] }> {
  const loaded = loadScenarioFile(file);
  const bar = progressBar(loaded.variants.length > 1 ? `running ${loaded.variants.length} variants` : 'running', { quiet: opts.quiet });
  const runOptions = { fidelity: opts.fidelity, seed: opts.seed, timing: opts.timing !== false };
  let results: RunResult[];
  let warning: string | undefined;
  const total = loaded.variants.length;
  const progress = (done: number) => bar.update(done / total, `${done}/${total}`);
  try {
    const profile = (p: string) => loadProfile(p, file);
    const threads = opts.workers ?? availableParallelism();
    if (total > 1 && threads > 1) {
      // This thread starts on the variants at once; workers join as they become ready and are
      // stopped unstarted if the variants run out first (parallel.ts), so cheap sweeps lose nothing.
      const run = (index: number) => runVariant(loaded.variants[index], { ...runOptions, profile });
      results = await runVariantsInWorkers(file, total, runOptions, { workers: threads - 1, runHere: run, onDone: progress, onWarning: (m) => (warning = m) });
    } else {
      results = runLoaded(loaded, { ...runOptions, profile, onProgress: total === 1 ? (f) => bar.update(f) : undefined }, (done) => progress(done));
    }
  } finally {
    bar.done();
    if (warning && !opts.quiet) process.stderr.write(`warning: ${warning}\n`);
  }
  return { loaded, results };
}

export async function runCommand(file: string, opts: RunCommandOptions): Promise<number> {
  if (opts.report && !reportFormats.includes(extname(opts.report).toLowerCase())) {
    throw new InputError({ file: '<command line>', path: '--report', expected: 'a file name ending in .html, .md or .pdf', found: JSON.stringify(opts.report) });
  }
  const { loaded, results } = await runScenarioFile(file, opts);
  // Everything is computed before anything is written: a failure leaves no half-written output.
  const jsonText = JSON.stringify(results.length === 1 ? results[0] : results, null, 2) + '\n';
  if (opts.report) await writeReport(results, loaded, opts.report, opts.timing === false ? 'not recorded (--no-timing)' : undefined);
  if (opts.json && opts.json !== '-') writeFileAtomic(opts.json, jsonText);
  if (opts.json === '-') process.stdout.write(jsonText);
  else if (!opts.quiet) process.stdout.write(formatSummary(results, style(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR), loaded.sweep) + '\n');
  if (!opts.quiet && opts.report) process.stderr.write(`report written to ${opts.report}\n`);
  return 0;
}
