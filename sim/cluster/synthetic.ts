/**
 * A synthetic job stream fitted to a real trace: Poisson arrivals at the
 * trace's rate, job sizes drawn from its size mix, and per size a lognormal
 * duration with the trace's mean and spread of ln(duration). Fits of the
 * public traces live in `fitted/*.json` with how they were made.
 */
import type { ClusterJob } from './job';
import { Rng } from '../engine/rng';
import { exp, log } from '../engine/portable-math';
import phillyFit from './fitted/philly.json';
import openbFit from './fitted/alibaba-openb.json';

export interface SizeClass {
  gpus: number;
  probability: number;
  logDurationMean: number;
  logDurationStd: number;
  /** Draws above this are redrawn (the trace's longest job of this size); absent = no limit. */
  maxDurationS?: number;
}

export interface JobMix {
  arrivalRatePerS: number;
  sizes: SizeClass[];
}

export const fittedMixes: Record<'philly' | 'alibaba-openb', JobMix & { source: { title: string; date: string; note: string } }> = {
  philly: phillyFit,
  'alibaba-openb': openbFit,
};

/** Maximum-likelihood fit of a job list: rate = n / span; per size its share and the mean/std of ln(duration). */
export function fitJobMix(jobs: ClusterJob[]): JobMix {
  if (jobs.length < 2) throw new Error('fitJobMix: need at least two jobs');
  let first = Infinity, last = -Infinity;
  const bySize = new Map<number, number[]>();
  for (const j of jobs) {
    first = Math.min(first, j.submitS);
    last = Math.max(last, j.submitS);
    const list = bySize.get(j.gpus) ?? [];
    list.push(log(j.durationS));
    bySize.set(j.gpus, list);
  }
  const sizes = [...bySize.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([gpus, logs]) => {
      const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
      const variance = logs.reduce((s, x) => s + (x - mean) * (x - mean), 0) / logs.length;
      return { gpus, probability: logs.length / jobs.length, logDurationMean: mean, logDurationStd: Math.sqrt(variance), maxDurationS: exp(Math.max(...logs)) };
    });
  return { arrivalRatePerS: jobs.length / Math.max(last - first, 1e-9), sizes };
}

export interface SyntheticOptions {
  jobs: number;
  /** Jobs per second; defaults to the mix's fitted rate. */
  arrivalRatePerS?: number;
  /** Largest job allowed (e.g. the cluster size); larger size classes are left out and the mix renormalised. */
  maxGpus?: number;
  seed: number;
}

export function generateSyntheticJobs(mix: JobMix, opts: SyntheticOptions): ClusterJob[] {
  // Stream 1 of the seed: the generator's draws do not depend on anything else the run draws.
  const rng = new Rng(opts.seed, 1);
  const rate = opts.arrivalRatePerS ?? mix.arrivalRatePerS;
  const sizes = mix.sizes.filter((s) => opts.maxGpus === undefined || s.gpus <= opts.maxGpus);
  if (sizes.length === 0) throw new Error('generateSyntheticJobs: no size class fits the cluster');
  const total = sizes.reduce((s, c) => s + c.probability, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const c of sizes) cumulative.push((acc += c.probability / total));
  const jobs: ClusterJob[] = new Array(opts.jobs);
  let t = 0;
  for (let i = 0; i < opts.jobs; i++) {
    t += rng.exponential(rate);
    const u = rng.next();
    let k = 0;
    while (k < cumulative.length - 1 && u > cumulative[k]) k++;
    const c = sizes[k];
    // Truncated lognormal: redraw above the longest job the trace saw (a few redraws at most).
    let d = exp(rng.normal(c.logDurationMean, c.logDurationStd));
    for (let k = 0; c.maxDurationS !== undefined && d > c.maxDurationS && k < 100; k++) d = exp(rng.normal(c.logDurationMean, c.logDurationStd));
    jobs[i] = { id: `syn-${i}`, submitS: t, gpus: c.gpus, durationS: Math.min(d, c.maxDurationS ?? Infinity) };
  }
  return jobs;
}
