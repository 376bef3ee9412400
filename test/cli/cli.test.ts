/**
 * The CLI as a user meets it: help and version, exit codes, errors without
 * stack traces, JSON to stdout, byte-identical reruns, the same sweep results
 * whatever the number of worker threads, and nothing written when a run fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepScenarioText } from '../fixtures/sweep-scenario';

const root = join(__dirname, '..', '..');
const bin = join(root, 'bin', 'clusterplan.mjs');
const work = mkdtempSync(join(tmpdir(), 'clusterplan-cli-'));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const small = sweepScenarioText({
  name: 'small sweep', seed: 3, fidelity: 'des', nodes: 2,
  grid: { 'workload.model.hiddenSize': [1024, 2048], 'workload.parallelism.globalBatchSize': [32, 64] },
});
const sweepFile = join(work, 'sweep.yaml');
writeFileSync(sweepFile, small);

describe('clusterplan CLI', () => {
  it('prints help and its version', () => {
    const help = cli('--help');
    expect(help.code).toBe(0);
    for (const cmd of ['run', 'validate', 'schema', 'list', 'catalog', 'calibrate', 'import', 'ui', 'plan']) expect(help.stdout).toContain(cmd);
    const version = cli('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('validates a bundled scenario with exit 0 and a broken one with exit 2, file, path, line and no stack trace', () => {
    expect(cli('validate', 'scenarios/scaling-70b-h100.yaml').code).toBe(0);
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, small.replace('tensor: 2', 'tensr: 2').replace('node: dgx-a100-80gb', 'node: dgx-a100'));
    const r = cli('validate', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:11: workload.parallelism.tensr: expected`);
    expect(r.stderr).toContain('did you mean `tensor`?');
    expect(r.stderr).toMatch(/:6: cluster\.pools\[0\]\.node: expected a node catalog id.*did you mean/);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
  });

  it('answers a missing file and a bad flag with exit 2', () => {
    const missing = cli('run', join(work, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect(cli('run', sweepFile, '--fidelity', 'exact').code).toBe(2);
    expect(cli('run', sweepFile, '--report', join(work, 'r.docx')).code).toBe(2);
  });

  it('writes nothing when the input is invalid', () => {
    const bad = join(work, 'bad2.yaml');
    writeFileSync(bad, small.replace('count: 2', 'count: -2'));
    const out = join(work, 'never.json');
    const rep = join(work, 'never.html');
    expect(cli('run', bad, '--json', out, '--report', rep).code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(rep)).toBe(false);
  });

  it('prints RunResult JSON to stdout and gives byte-identical files on reruns (--no-timing)', () => {
    const a = cli('run', sweepFile, '--json', '-', '--no-timing', '--workers', '1');
    expect(a.code).toBe(0);
    const parsed = JSON.parse(a.stdout) as Array<{ scenario: { hash: string }; provenance: { seed: number } }>;
    expect(parsed).toHaveLength(4);
    expect(parsed[0].provenance.seed).toBe(3);
    const b = cli('run', sweepFile, '--json', '-', '--no-timing', '--workers', '1');
    expect(b.stdout).toBe(a.stdout);
  });

  it('gives the same sweep results with one worker thread and with two', () => {
    const one = cli('run', sweepFile, '--json', '-', '--no-timing', '--workers', '1');
    const two = cli('run', sweepFile, '--json', '-', '--no-timing', '--workers', '2');
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('prints a JSON Schema that names the scenario sections', () => {
    const r = cli('schema');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown> };
    for (const key of ['version', 'name', 'cluster', 'workload', 'cost', 'options', 'sweep']) expect(schema.properties).toHaveProperty(key);
  });

  it('lists the catalog and shows an entry with its sources', () => {
    const list = cli('list', 'devices');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('h100-sxm');
    const show = cli('catalog', 'show', 'h100-sxm');
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/sources/);
    const typo = cli('catalog', 'show', 'h100sxm');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean `h100-sxm`?');
  });
});
