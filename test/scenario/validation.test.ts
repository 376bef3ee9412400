/**
 * Every class of validation message: syntax, unknown key with did-you-mean,
 * wrong unit, wrong type, missing field, bad choice, impossible combination,
 * bad catalog id, and errors inside options and sweeps — each with its path
 * and the line it was written on.
 */
import { describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../sim/errors';
import { loadScenarioText, type FileAccess } from '../../sim/scenario/load';

const base = `version: 1
name: test
seed: 7
fidelity: analytic
cluster:
  pools:
    - name: main
      node: dgx-a100-80gb
      count: 4
  network: { topology: fat-tree, oversubscription: 1 }
workload:
  kind: training
  model: { layers: 24, hiddenSize: 2304, heads: 24, seqLength: 2048, vocabSize: 51200 }
  parallelism: { tensor: 1, pipeline: 1, data: 32, microBatchSize: 1, globalBatchSize: 512 }
  precision: bf16
  tokens: 1e9
`;

function issuesOf(text: string, files?: FileAccess): InputIssue[] {
  try {
    loadScenarioText(text, 'test.yaml', files);
  } catch (e) {
    if (e instanceof InputError) return e.issues;
    throw e;
  }
  throw new Error('expected the scenario to be invalid');
}

describe('scenario validation messages', () => {
  it('accepts the valid base scenario', () => {
    const loaded = loadScenarioText(base, 'test.yaml');
    expect(loaded.variants).toHaveLength(1);
    expect(loaded.variants[0].cluster.deviceCount).toBe(32);
  });

  it('reports YAML syntax errors with their line', () => {
    const issues = issuesOf('version: 1\nname: [unclosed\ncluster: {}\n');
    expect(issues[0].expected).toMatch(/valid YAML/);
    expect(issues[0].line).toBeGreaterThanOrEqual(2);
  });

  it('rejects an unknown key with a did-you-mean and its line', () => {
    const issues = issuesOf(base.replace('pipeline: 1,', 'pipline: 1,'));
    const i = issues.find((x) => x.found?.includes('pipline'));
    expect(i?.path).toBe('workload.parallelism.pipline');
    expect(i?.hint).toMatch(/did you mean `pipeline`/);
    expect(i?.line).toBe(14);
  });

  it('checks units: a size where a bandwidth is wanted', () => {
    const text = base.replace('network: { topology: fat-tree, oversubscription: 1 }', 'network: { topology: fat-tree, oversubscription: 1 }\n  storage: [ { tier: parallel-fs, capacity: 400 Gbps } ]');
    const issues = issuesOf(text);
    const i = issues.find((x) => x.path.startsWith('cluster.storage[0].capacity'));
    expect(i?.expected).toMatch(/size/);
    expect(i?.line).toBe(11);
  });

  it('reports a wrong type and a missing required field together', () => {
    const text = base.replace('seed: 7', 'seed: seven').replace('  tokens: 1e9\n', '');
    const issues = issuesOf(text);
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['seed', 'workload.tokens']));
    expect(issues.find((i) => i.path === 'seed')?.line).toBe(3);
  });

  it('names the choices of a bad enum value with a did-you-mean', () => {
    const issues = issuesOf(base.replace('fidelity: analytic', 'fidelity: analitic'));
    expect(issues[0].path).toBe('fidelity');
    expect(issues[0].expected).toMatch(/analytic.*des/);
    expect(issues[0].hint).toMatch(/analytic/);
  });

  it('rejects an unknown workload kind with the list of kinds', () => {
    const issues = issuesOf(base.replace('kind: training', 'kind: trainig'));
    expect(issues[0].path).toBe('workload.kind');
    expect(issues[0].expected).toMatch(/training/);
    expect(issues[0].hint).toMatch(/training/);
  });

  it('explains an impossible parallelism (t × p × d ≠ devices)', () => {
    const issues = issuesOf(base.replace('data: 32', 'data: 16'));
    expect(issues.some((i) => i.path.startsWith('workload.parallelism') && /32|devices/.test(`${i.expected} ${i.found}`))).toBe(true);
  });

  it('rejects an unknown catalog id with a did-you-mean', () => {
    const issues = issuesOf(base.replace('node: dgx-a100-80gb', 'node: dgx-a100-80g'));
    expect(issues[0].path).toBe('cluster.pools[0].node');
    expect(issues[0].hint).toMatch(/dgx-a100-80gb/);
    expect(issues[0].line).toBe(8);
  });

  it('reports a bad value inside an option, naming the option', () => {
    const text = `${base}options:\n  - name: bigger\n    set: { "cluster.pools[0].count": -4 }\n`;
    const issues = issuesOf(text);
    expect(issues[0].path).toBe('cluster.pools[0].count');
    expect(issues[0].hint).toMatch(/option 'bigger'/);
  });

  it('expands options × grid sweeps in order', () => {
    const text = `${base.replace('data: 32', 'data: 8').replace('count: 4', 'count: 1')}options:\n  - name: a\n  - name: b\n    set: { seed: 9 }\nsweep:\n  parameters:\n    workload.parallelism.globalBatchSize: [256, 512]\n    workload.tokens: [1e9, 2e9, 3e9]\n`;
    const loaded = loadScenarioText(text, 'test.yaml');
    expect(loaded.variants).toHaveLength(2 * 2 * 3);
    expect(loaded.variants[0].label).toBe('a · globalBatchSize=256, tokens=1000000000');
    expect(loaded.variants[6].scenario.seed).toBe(9);
  });

  it('zips sweep lists and refuses lists of different lengths', () => {
    const ok = `${base}sweep:\n  mode: zip\n  parameters:\n    seed: [1, 2, 3]\n    workload.tokens: [1e9, 2e9, 3e9]\n`;
    expect(loadScenarioText(ok, 't.yaml').variants.map((v) => v.scenario.seed)).toEqual([1, 2, 3]);
    const bad = `${base}sweep:\n  mode: zip\n  parameters:\n    seed: [1, 2, 3]\n    workload.tokens: [1e9, 2e9]\n`;
    expect(issuesOf(bad)[0].expected).toMatch(/list of 3 values/);
  });

  it('draws the same random sweep for the same seed', () => {
    const text = `${base}sweep:\n  mode: random\n  samples: 5\n  parameters:\n    workload.tokens: { min: 1e9, max: 1e12, log: true }\n`;
    const a = loadScenarioText(text, 't.yaml').variants.map((v) => v.scenario.workload);
    const b = loadScenarioText(text, 't.yaml').variants.map((v) => v.scenario.workload);
    expect(a).toEqual(b);
    const tokens = a.map((w) => (w as { tokens: number }).tokens);
    expect(new Set(tokens).size).toBe(5);
    for (const t of tokens) expect(t).toBeGreaterThanOrEqual(1e9);
  });

  it('builds on another file with extends, and catches cycles', () => {
    const files: FileAccess = {
      read: (p) => {
        if (p === 'base.yaml') return base;
        if (p === 'loop.yaml') return 'extends: test.yaml\n';
        throw new Error('missing');
      },
      resolve: (_from, rel) => rel,
    };
    const child = 'extends: base.yaml\nname: child\nseed: 11\n';
    const loaded = loadScenarioText(child, 'test.yaml', files);
    expect(loaded.name).toBe('child');
    expect(loaded.base.seed).toBe(11);
    expect(loaded.variants[0].cluster.deviceCount).toBe(32);
    expect(issuesOf('extends: loop.yaml\n', files)[0].found).toMatch(/cycle/);
    expect(issuesOf('extends: missing.yaml\n', files)[0].expected).toMatch(/existing scenario file/);
  });

  it('puts an unknown catalog id written in an extended file at that file and line; one set by an option stays with the option', () => {
    const files: FileAccess = { read: () => base.replace('node: dgx-a100-80gb', 'node: dgx-a100-80gbb'), resolve: (_f, r) => r };
    const [inBase] = issuesOf('extends: base.yaml\nname: child\n', files);
    expect(inBase.path).toBe('cluster.pools[0].node');
    expect(inBase.file).toBe('base.yaml');
    expect(inBase.line).toBe(8);
    const good: FileAccess = { read: () => base, resolve: (_f, r) => r };
    const child = 'extends: base.yaml\nname: child\noptions:\n  - name: typo\n    set: { "cluster.pools[0].node": dgx-h1000 }\n';
    const [inOption] = issuesOf(child, good);
    expect(inOption.path).toBe('cluster.pools[0].node');
    expect(inOption.file).toBe('test.yaml');
    expect(inOption.hint).toMatch(/option 'typo'/);
  });

  it('puts an error of an extended file at that file and line', () => {
    const files: FileAccess = { read: () => base.replace('seed: 7', 'seed: -1'), resolve: (_f, r) => r };
    const issues = issuesOf('extends: base.yaml\nname: child\n', files);
    expect(issues[0].file).toBe('base.yaml');
    expect(issues[0].line).toBe(3);
  });
});

describe('run limits', () => {
  it('accept an event count, a wall time and a heap size with units', () => {
    const loaded = loadScenarioText(`${base}limits: { maxEvents: 1000, maxWallS: 5, maxHeapBytes: 2 GiB }\n`, 'test.yaml');
    expect(loaded.base.limits).toEqual({ maxEvents: 1000, maxWallS: 5, maxHeapBytes: 2 * 2 ** 30 });
  });
});
