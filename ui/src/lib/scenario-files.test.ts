import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { loadScenarioFile } from '../../../sim/cli/files';
import { runLoaded } from '../../../sim/scenario/run';
import { evaluate, missingBaseHint } from './engine';
import { extendsOf, pageFileAccess, resolveScenarioPath, scenarioToOpen } from './scenario-files';

const root = resolve(import.meta.dirname, '..', '..', '..');
const baseFile = 'scaling-70b-h100.yaml';
const baseText = readFileSync(join(root, 'scenarios', baseFile), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'clusterplan-extends-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A variant of the bundled scaling scenario that trains on 15 T tokens instead of 2 T. */
const variant = (ext: string) => `version: 1\nextends: ${ext}\nname: Scaling a 70B model on 15 T tokens\nworkload:\n  tokens: 15e12\n`;
/** What the CLI computes for `text` saved at `path` (under scratch), with a copy of the bundled base at `basePath`. */
function cli(path: string, text: string, basePath: string) {
  for (const [p, t] of [[basePath, baseText], [path, text]]) {
    mkdirSync(join(scratch, posix.dirname(p)), { recursive: true });
    writeFileSync(join(scratch, p), t);
  }
  return runLoaded(loadScenarioFile(join(scratch, path)), { profile: () => builtinProfile, fidelity: 'analytic', timing: false }).map((r) => r.metrics);
}
const request = (text: string, file: string, scenarios?: Record<string, string>) => ({ text, file, fidelity: 'analytic' as const, profiles: [], scenarios });

describe('resolving extends in a page', () => {
  it('resolves a relative path against the naming scenario\'s folder exactly as the CLI (path.resolve) does', () => {
    for (const rel of ['base.yaml', './base.yaml', '../scenarios/base.yaml', 'sub/../base.yaml', '../../x/y/base.yaml', 'a\\base.yaml'.replace('\\', '/')]) {
      expect(resolveScenarioPath('/home/me/plans/variant.yaml', rel)).toBe(posix.resolve('/home/me/plans', rel));
    }
    // A page's own files have no folder: a bare name resolves to itself, and a leading .. is kept (it names no folder here).
    expect(resolveScenarioPath('pasted.yaml', 'base.yaml')).toBe('base.yaml');
    expect(resolveScenarioPath('pasted.yaml', '../scenarios/scaling-70b-h100.yaml')).toBe('../scenarios/scaling-70b-h100.yaml');
    expect(resolveScenarioPath('mine/variant.yaml', '../scenarios/scaling-70b-h100.yaml')).toBe('scenarios/scaling-70b-h100.yaml');
    expect(resolveScenarioPath('pasted.yaml', '/abs/base.yaml')).toBe('/abs/base.yaml');
  });

  it('finds a file by its name, the user\'s own before the bundled one, and records what it read and missed', () => {
    const access = pageFileAccess({ 'shared.yaml': 'mine' }, { 'shared.yaml': 'bundled', 'only-bundled.yaml': 'b' });
    expect(access.files.read('../scenarios/shared.yaml')).toBe('mine');
    expect(access.files.read('x/only-bundled.yaml')).toBe('b');
    expect(() => access.files.read('nowhere.yaml')).toThrow(/nowhere\.yaml/);
    expect(access.read).toEqual([
      { path: '../scenarios/shared.yaml', name: 'shared.yaml', origin: 'yours' },
      { path: 'x/only-bundled.yaml', name: 'only-bundled.yaml', origin: 'bundled' },
    ]);
    expect(access.missing).toEqual(['nowhere.yaml']);
  });

  it('of a base and its variant given together, opens the variant whichever comes first', () => {
    const base = { name: 'base.yaml', text: 'version: 1\nname: base\n' };
    const child = { name: 'child.yaml', text: 'extends: ./base.yaml\nname: child\n' };
    expect(extendsOf(child.text)).toBe('./base.yaml');
    expect(extendsOf('extends: [not, a, path]\n')).toBeUndefined();
    expect(extendsOf('{ broken')).toBeUndefined();
    expect(scenarioToOpen([base, child])).toBe(1);
    expect(scenarioToOpen([child, base])).toBe(0);
    // Two files extending each other: nothing is a leaf, the first opens and the loader reports the cycle.
    expect(scenarioToOpen([{ name: 'a.yaml', text: 'extends: b.yaml\n' }, { name: 'b.yaml', text: 'extends: a.yaml\n' }])).toBe(0);
  });
});

describe('the engine facade with extends', () => {
  it('a variant of a bundled scenario, named by file name or by a relative path, answers as the CLI does for it on disk', () => {
    const byName = evaluate(request(variant(baseFile), 'variant.yaml'));
    expect(byName.status).toBe('ok');
    if (byName.status !== 'ok') return;
    expect(byName.bases).toEqual([{ path: baseFile, name: baseFile, origin: 'bundled' }]);
    expect(byName.results.map((r) => r.metrics)).toEqual(cli('variant.yaml', variant(baseFile), baseFile));

    const relative = variant(`../scenarios/${baseFile}`);
    const byPath = evaluate(request(relative, 'variant.yaml'));
    expect(byPath.status === 'ok' && byPath.results.map((r) => r.metrics)).toEqual(cli('mine/variant.yaml', relative, `scenarios/${baseFile}`));

    // The one changed field shows: 7.5 times the tokens on the same clusters is 7.5 times the days (within 0.01%).
    const base = evaluate(request(baseText, baseFile));
    if (base.status !== 'ok') throw new Error('the bundled base must answer');
    byName.results.forEach((r, k) => expect(r.metrics.training!.timeToTrainDays / base.results[k].metrics.training!.timeToTrainDays).toBeCloseTo(7.5, 3));
  });

  it('a base the page lacks is an issue at extends with its file and line, and the name it was looked for by', () => {
    const text = variant('team-base.yaml');
    const ev = evaluate(request(text, 'variant.yaml'));
    expect(ev.status).toBe('invalid');
    if (ev.status !== 'invalid') return;
    expect(ev.missingBases).toEqual(['team-base.yaml']);
    expect(ev.issues).toEqual([expect.objectContaining({ file: 'variant.yaml', path: 'extends', line: 2, found: '"team-base.yaml"', hint: missingBaseHint })]);
    // The CLI says the same about the same file (its message, without the page's hint).
    mkdirSync(join(scratch, 'lonely'), { recursive: true });
    writeFileSync(join(scratch, 'lonely', 'variant.yaml'), text);
    let thrown: unknown;
    try { loadScenarioFile(join(scratch, 'lonely', 'variant.yaml')); } catch (e) { thrown = e; }
    expect((thrown as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ path: 'extends', line: 2, expected: ev.issues[0].expected, found: ev.issues[0].found })]);
  });

  it('a cycle through the user\'s own files is caught by the loader, naming the files', () => {
    const ev = evaluate(request('extends: b.yaml\n', 'a.yaml', { 'b.yaml': 'extends: a.yaml\n' }));
    expect(ev.status === 'invalid' && ev.issues[0]).toMatchObject({ file: 'b.yaml', path: 'extends', found: 'a cycle: a.yaml → b.yaml → a.yaml' });
  });

  it('a base the user gives answers, and a problem in it is reported in that file', () => {
    const own = { 'team-base.yaml': baseText.replace('count: 32', 'count: 16') };
    const ev = evaluate(request(variant('team-base.yaml'), 'variant.yaml', own));
    expect(ev.status === 'ok' && ev.bases).toEqual([{ path: 'team-base.yaml', name: 'team-base.yaml', origin: 'yours' }]);

    const broken = evaluate(request(variant('team-base.yaml'), 'variant.yaml', { 'team-base.yaml': baseText.replace('count: 32', 'count: lots') }));
    expect(broken.status).toBe('invalid');
    if (broken.status !== 'invalid') return;
    expect(broken.missingBases).toBeUndefined();
    expect(broken.issues[0]).toMatchObject({ file: 'team-base.yaml', path: 'cluster.pools[0].count', line: baseText.split('\n').findIndex((l) => l.includes('count: 32')) + 1 });
  });
});
