import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTrace } from './importers';
import { parseCsv } from './csv';
import { fitJobMix, fittedMixes, generateSyntheticJobs } from './synthetic';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/traces');
const read = (f: string) => readFileSync(join(fixtures, f), 'utf8');

describe('csv reader', () => {
  it('keeps # comment lines apart, honours quotes with commas and doubled quotes', () => {
    const t = parseCsv('# source: x\n# licence: y\na,b,c\n1,"two, 2","say ""hi"""\n\n3,4,5\n');
    expect(t.comments).toEqual(['source: x', 'licence: y']);
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([['1', 'two, 2', 'say "hi"'], ['3', '4', '5']]);
  });
});

describe('Philly importer (real sample)', () => {
  const r = importTrace('philly', read('philly-sample.csv'));
  it('reads every row of the sample, in submission order, times relative to the first job', () => {
    expect(r.rows).toBe(1000);
    expect(r.jobs.length).toBe(1000);
    expect(r.jobs[0].submitS).toBe(0);
    for (let i = 1; i < r.jobs.length; i++) expect(r.jobs[i].submitS).toBeGreaterThanOrEqual(r.jobs[i - 1].submitS);
    // First row: 2017-10-09 00:01:56, 66 s on 1 GPU, virtual cluster 11cb48.
    expect(r.jobs[0]).toMatchObject({ gpus: 1, durationS: 66, team: '11cb48' });
  });
  it('keeps GPU-time: Σ gpus × duration equals the trace’s own gpu_time column', () => {
    const table = parseCsv(read('philly-sample.csv'));
    const col = table.header.indexOf('gpu_time');
    const traceGpuS = table.rows.reduce((s, row) => s + Number(row[col]), 0);
    const ours = r.jobs.reduce((s, j) => s + j.gpus * j.durationS, 0);
    expect(ours).toBeCloseTo(traceGpuS, 3);
  });
  it('drops and repairs with counts, never silently', () => {
    const text = 'timestamp,duration,num_gpus,gpu_time,cluster\n2017-10-09 00:00:00,10,1,10,a\n2017-10-09 00:00:01,,1,,a\n2017-10-09 00:00:02,5,,5,a\nnot a date,5,1,5,a\n2017-10-09 00:00:03,5,0.5,2.5,a\n2017-10-09 00:00:04,0,1,0,a\n';
    const x = importTrace('philly', text);
    expect(x.jobs.map((j) => j.gpus)).toEqual([1, 1]);
    const counts = Object.fromEntries(x.notes.map((n) => [n.code, n.count]));
    expect(counts).toEqual({ 'missing-duration': 1, 'missing-gpus': 1, 'bad-submit-time': 1, 'fractional-gpus': 1, 'zero-duration': 1 });
  });
});

describe('Alibaba importers', () => {
  it('OpenB (real sample): shares of a GPU become one whole GPU, CPU-only pods are dropped, all counted', () => {
    const r = importTrace('alibaba-openb', read('alibaba-openb-sample.csv'));
    const table = parseCsv(read('alibaba-openb-sample.csv'));
    const g = table.header.indexOf('num_gpu');
    const m = table.header.indexOf('gpu_milli');
    const cpuOnly = table.rows.filter((row) => Number(row[g]) === 0).length;
    const shared = table.rows.filter((row) => Number(row[g]) > 0 && Number(row[m]) < 1000).length;
    const notes = Object.fromEntries(r.notes.map((n) => [n.code, n.count]));
    expect(notes['cpu-only']).toBe(cpuOnly);
    expect(notes['fractional-gpus']).toBe(shared);
    const dropped = Object.entries(notes).filter(([k]) => ['cpu-only', 'missing-end-time', 'zero-duration', 'bad-submit-time'].includes(k)).reduce((s, [, v]) => s + v, 0);
    expect(r.jobs.length).toBe(r.rows - dropped);
    // QoS becomes priority: latency-sensitive above burstable above best effort.
    const ls = r.jobs.find((j) => j.team === 'LS');
    expect(ls?.priority).toBe(2);
  });

  it('PAI task table, with or without a header row (the published files have none)', () => {
    const rows = 'j1,worker,2,Terminated,100,400,600,29,50,V100\nj2,ps,1,Terminated,150,,600,29,,\nj3,worker,1,Terminated,200,260,600,29,100,T4\n';
    const withHeader = 'job_name,task_name,inst_num,status,start_time,end_time,plan_cpu,plan_mem,plan_gpu,gpu_type\n' + rows;
    for (const text of [rows, withHeader]) {
      const r = importTrace('alibaba-pai', text);
      expect(r.jobs.map((j) => [j.id, j.submitS, j.gpus, j.durationS])).toEqual([
        ['j1/worker', 0, 2, 300], // 50% of a GPU per instance → 1 whole GPU × 2 instances
        ['j3/worker', 100, 1, 60],
      ]);
      const notes = Object.fromEntries(r.notes.map((n) => [n.code, n.count]));
      expect(notes['cpu-only']).toBe(1);
      expect(notes['fractional-gpus']).toBe(1);
    }
  });
});

describe('generic job csv', () => {
  it('reads durations or end times, elastic minimums, teams and priorities', () => {
    const r = importTrace('csv', 'id,submit_s,gpus,duration_s,end_s,min_gpus,team,priority\na,0,8,100,,4,x,1\nb,5,2,,65,,y,\nc,1,1,,,,z,\n');
    expect(r.jobs.map((j) => [j.id, j.submitS, j.gpus, j.durationS, j.elastic?.minGpus, j.team, j.priority])).toEqual([
      ['a', 0, 8, 100, 4, 'x', 1],
      ['b', 5, 2, 60, undefined, 'y', undefined],
    ]);
    expect(r.notes).toEqual([expect.objectContaining({ code: 'missing-end-time', count: 1 })]);
  });
});

describe('synthetic jobs fitted to a trace', () => {
  // Standard normal density and distribution (Abramowitz & Stegun 7.1.26 for erf, |error| < 1.5e-7).
  const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  const Phi = (x: number) => {
    const z = Math.abs(x) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * z);
    const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
    return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
  };
  it('refitting 50,000 generated jobs recovers the Philly fit: rate within 2%, shares within 1 point, log-means within 4 standard errors of the truncated-normal mean', () => {
    const mix = fittedMixes.philly;
    const jobs = generateSyntheticJobs(mix, { jobs: 50_000, seed: 5 });
    const refit = fitJobMix(jobs);
    expect(refit.arrivalRatePerS / mix.arrivalRatePerS).toBeGreaterThan(0.98);
    expect(refit.arrivalRatePerS / mix.arrivalRatePerS).toBeLessThan(1.02);
    for (const c of mix.sizes.filter((s) => s.probability > 0.01)) {
      const r = refit.sizes.find((s) => s.gpus === c.gpus)!;
      expect(Math.abs(r.probability - c.probability)).toBeLessThan(0.01);
      // Draws are truncated at the longest observed job: E[ln d] = μ − σ·φ(β)/Φ(β), β = (ln max − μ)/σ.
      const beta = (Math.log(c.maxDurationS!) - c.logDurationMean) / c.logDurationStd;
      const expected = c.logDurationMean - (c.logDurationStd * phi(beta)) / Phi(beta);
      const n = r.probability * jobs.length;
      expect(Math.abs(r.logDurationMean - expected)).toBeLessThan((4 * c.logDurationStd) / Math.sqrt(n));
    }
  });
  it('fitting the real Philly sample gives its own job count and sizes', () => {
    const r = importTrace('philly', read('philly-sample.csv'));
    const fit = fitJobMix(r.jobs);
    expect(fit.sizes.reduce((s, c) => s + c.probability, 0)).toBeCloseTo(1, 12);
    expect(fit.sizes.map((c) => c.gpus)).toEqual([...new Set(r.jobs.map((j) => j.gpus))].sort((a, b) => a - b));
  });
  it('leaves out sizes larger than the cluster', () => {
    const jobs = generateSyntheticJobs(fittedMixes.philly, { jobs: 20_000, seed: 1, maxGpus: 8 });
    expect(Math.max(...jobs.map((j) => j.gpus))).toBe(8);
  });
});
