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
  const total = loaded.variants.length;
  const progress = (done: number) => bar.update(done / total, `${done}/${total}`);
  try {
    const profile = (p: string) => loadProfile(p, file);
    const workers = opts.workers ?? availableParallelism();
    if (total > 1 && workers > 1) {
      // Run the first variant here to learn what one costs; worker threads pay a start-up
      // (loading the simulator through the TypeScript loader) of about three seconds each, so fan out only when the rest is worth it.
      const started = performance.now();
      const first = runVariant(loaded.variants[0], { ...runOptions, profile });
      const perVariantS = (performance.now() - started) / 1000;
      progress(1);
      const worthIt = opts.workers !== undefined || perVariantS * (total - 1) > WORKER_STARTUP_S * 2;
      const rest = worthIt
        ? await runVariantsInWorkers(file, total, workers, runOptions, (done) => progress(done), 1)
        : loaded.variants.slice(1).map((v, i) => { const r = runVariant(v, { ...runOptions, profile }); progress(i + 2); return r; });
      results = [first, ...rest];
    } else {
      results = runLoaded(loaded, { ...runOptions, profile, onProgress: total === 1 ? (f) => bar.update(f) : undefined }, (done) => progress(done));
    }
  } finally {
    bar.done();
  }
  return { loaded, results };
}

/** Seconds a worker thread takes to load the simulator before its first variant (measured on a 2-core machine: sweep.workerSpeedup). */
const WORKER_STARTUP_S = 3;

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
