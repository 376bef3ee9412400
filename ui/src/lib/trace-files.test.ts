import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { loadScenarioFile } from '../../../sim/cli/files';
import { loadScenarioText } from '../../../sim/scenario/load';
import { runLoaded } from '../../../sim/scenario/run';
import { evaluate } from './engine';
import { bindTraceFiles, nameForPickedFile, normalizeTraceName, referencedTraceFiles } from './trace-files';

const root = resolve(import.meta.dirname, '..', '..', '..');
const scenarioPath = join(root, 'scenarios', 'shared-research-cluster.yaml');
const scenarioText = readFileSync(scenarioPath, 'utf8');
const philly = readFileSync(join(root, 'scenarios', 'data', 'philly-sample.csv'), 'utf8');
const lineNaming = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('trace file names', () => {
  it('fold ./, a/../ and backslashes the way a path resolves, and keep absolute names absolute', () => {
    expect(normalizeTraceName('./data/philly-sample.csv')).toBe('data/philly-sample.csv');
    expect(normalizeTraceName('data\\philly-sample.csv')).toBe('data/philly-sample.csv');
    expect(normalizeTraceName('traces/old/../jobs.csv')).toBe('traces/jobs.csv');
    expect(normalizeTraceName('/home/me/jobs.csv')).toBe('/home/me/jobs.csv');
    expect(normalizeTraceName('../jobs.csv')).toBe('../jobs.csv');
  });

  it('a picked file goes under the one missing name, else a name with its base name, else its own', () => {
    expect(nameForPickedFile('anything.csv', 1, ['traces/jobs.csv'], ['traces/jobs.csv'])).toBe('traces/jobs.csv');
    expect(nameForPickedFile('b.csv', 2, ['x/a.csv', 'y/b.csv'], ['x/a.csv', 'y/b.csv'])).toBe('y/b.csv');
    // One file picked while the scenario reads one (bundled) trace: the user's own trace replaces it.
    expect(nameForPickedFile('mine.csv', 1, [], ['data/philly-sample.csv'])).toBe('data/philly-sample.csv');
    expect(nameForPickedFile('mine.csv', 2, [], ['data/philly-sample.csv'])).toBe('mine.csv');
    expect(nameForPickedFile('mine.csv', 1, [], [])).toBe('mine.csv');
  });
});

describe('binding a scenario to the traces the page holds', () => {
  it('names the missing file, its path and its line, and reads nothing', () => {
    const loaded = loadScenarioText(scenarioText, 'shared-research-cluster.yaml');
    expect(referencedTraceFiles(loaded)).toEqual(['data/philly-sample.csv']);
    const bound = bindTraceFiles(loaded, scenarioText, {});
    expect(bound.status).toBe('missing');
    if (bound.status !== 'missing') return;
    expect(bound.missing).toEqual(['data/philly-sample.csv']);
    expect(bound.issues).toEqual([
      expect.objectContaining({ file: 'shared-research-cluster.yaml', path: 'workload.source.file', found: '"data/philly-sample.csv"', line: lineNaming(scenarioText, 'file: data/philly-sample.csv') }),
    ]);
  });

  it('a scenario without trace files binds to nothing and runs as before', () => {
    const text = readFileSync(join(root, 'scenarios', 'gpu-shortage.yaml'), 'utf8');
    const bound = bindTraceFiles(loadScenarioText(text, 'gpu-shortage.yaml'), text, {});
    expect(bound.status).toBe('ok');
    if (bound.status === 'ok') expect(bound.files).toEqual([]);
  });

  it('the bundled Philly scenario given its CSV as text gives the CLI numbers for every option (same seed, same result)', () => {
    const loaded = loadScenarioText(scenarioText, 'shared-research-cluster.yaml');
    const bound = bindTraceFiles(loaded, scenarioText, { 'data/philly-sample.csv': philly });
    expect(bound.status).toBe('ok');
    if (bound.status !== 'ok') return;
    const options = { profile: () => builtinProfile, timing: false } as const;
    const browser = runLoaded(loaded, { ...options, readText: bound.readText });
    const cli = runLoaded(loadScenarioFile(scenarioPath), options);
    expect(browser.length).toBe(5);
    expect(browser.map((r) => r.metrics)).toEqual(cli.map((r) => r.metrics));
    expect(browser.map((r) => r.warnings.map((w) => w.code))).toEqual(cli.map((r) => r.warnings.map((w) => w.code)));
    expect(browser[0].breakdown.import).toEqual({ rows: 2000, jobs: 2000, source: 'philly' });
  });
});

describe('the engine facade with trace files', () => {
  const req = { text: scenarioText, file: 'shared-research-cluster.yaml', fidelity: 'analytic' as const, profiles: [], variant: 0 };

  it('asks for the files it lacks instead of failing', () => {
    const ev = evaluate(req);
    expect(ev.status).toBe('needs-files');
    if (ev.status === 'needs-files') expect(ev.missing).toEqual(['data/philly-sample.csv']);
  });

  it('answers once given them, and a CSV that is not the declared format is an input problem naming the file', () => {
    const ev = evaluate({ ...req, files: { 'data/philly-sample.csv': philly } });
    expect(ev.status).toBe('ok');
    if (ev.status === 'ok') {
      expect(ev.traceFiles).toEqual(['data/philly-sample.csv']);
      expect(ev.results[0].metrics.cluster?.utilization).toBeGreaterThan(0);
    }
    const bad = evaluate({ ...req, files: { 'data/philly-sample.csv': 'name,when\n<b>x</b>,1\n' } });
    expect(bad.status).toBe('invalid');
    if (bad.status === 'invalid') expect(bad.issues[0]).toMatchObject({ file: 'data/philly-sample.csv', path: 'workload.source.format' });
  });
});
