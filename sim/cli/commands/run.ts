/** `clusterplan run FILE`: load, run every variant (in parallel for sweeps), print, write JSON and report. */
import { extname } from 'node:path';
import { loadProfile } from '../../../calibration/load';
import { InputError } from '../../errors';
import type { Fidelity, RunResult } from '../../result';
import type { LoadedScenario } from '../../scenario/load';
import { runLoaded } from '../../scenario/run';
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
  try {
    const workers = opts.workers ?? defaultWorkers(loaded.variants.length);
    if (loaded.variants.length > 1 && workers > 1) {
      results = await runVariantsInWorkers(file, loaded.variants.length, workers, runOptions, (done, total) => bar.update(done / total, `${done}/${total}`));
    } else {
      results = runLoaded(loaded, { ...runOptions, profile: (p) => loadProfile(p, file), onProgress: loaded.variants.length === 1 ? (f) => bar.update(f) : undefined }, (done, total) => bar.update(done / total, `${done}/${total}`));
    }
  } finally {
    bar.done();
  }
  return { loaded, results };
}

function defaultWorkers(variants: number): number {
  if (variants < 8) return 1;
  return Math.max(1, Math.min(variants, (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 2));
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
