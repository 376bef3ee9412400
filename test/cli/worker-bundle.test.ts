/**
 * The worker bundle cache: one build per state of the sources, found again while
 * nothing changes, rebuilt when anything does, kept where it can be written, and
 * replaced by the TypeScript-loader entry (with a warning) when it cannot be built.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildBundle, findBundle, sweepWorkerEntry, type BundleRecipe } from '../../sim/cli/worker-bundle';

/** A two-file TypeScript program in a fresh folder, and a recipe that bundles it into a cache beside it. */
function fixture(value: number): { recipe: BundleRecipe; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'clusterplan-bundle-'));
  writeFileSync(join(root, 'part.ts'), `export const value: number = ${value};\n`);
  writeFileSync(join(root, 'entry.ts'), `import { value } from './part';\nexport const answer: number = value * 2;\n`);
  return { root, recipe: { entry: join(root, 'entry.ts'), root, name: 'fixture', cacheDirs: [join(root, 'cache')] } };
}

async function answerOf(file: string): Promise<number> {
  return ((await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as { answer: number }).answer;
}

describe('worker bundle cache', () => {
  it('builds a runnable bundle once and finds it again while the sources are unchanged', async () => {
    const { recipe } = fixture(21);
    expect(findBundle(recipe)).toBeUndefined();
    const built = await buildBundle(recipe);
    expect(built.built).toBe(true);
    expect(built.file).toMatch(/fixture-[0-9a-f]{20}\.mjs$/);
    expect(await answerOf(built.file)).toBe(42);
    const found = findBundle(recipe);
    expect(found).toEqual({ file: built.file, key: built.key, built: false });
  });

  it('keys the bundle by every source it holds: an edit to an imported file gives a new bundle', async () => {
    const { recipe, root } = fixture(1);
    const before = await buildBundle(recipe);
    writeFileSync(join(root, 'part.ts'), 'export const value: number = 5;\n');
    expect(findBundle(recipe)).toBeUndefined();
    const after = await buildBundle(recipe);
    expect(after.key).not.toBe(before.key);
    expect(await answerOf(after.file)).toBe(10);
    expect(findBundle(recipe)?.file).toBe(after.file);
  });

  it('skips a cache folder it cannot create and keeps the bundle in the next', async () => {
    const { recipe, root } = fixture(3);
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const second = join(root, 'second');
    const bundle = await buildBundle({ ...recipe, cacheDirs: [join(blocker, 'cache'), second] });
    expect(bundle.file.startsWith(second)).toBe(true);
    expect(await answerOf(bundle.file)).toBe(6);
    await expect(buildBundle({ ...recipe, cacheDirs: [join(blocker, 'cache')] })).rejects.toThrow(/no cache folder could hold it/);
  });

  it('treats a damaged manifest as no cache, and leaves only whole bundles under bundle names', async () => {
    const { recipe, root } = fixture(4);
    await buildBundle(recipe);
    const cache = join(root, 'cache');
    const manifest = readdirSync(cache).find((f) => f.endsWith('.inputs.json'))!;
    writeFileSync(join(cache, manifest), '{"inputs": ["entry.ts", ');
    expect(findBundle(recipe)).toBeUndefined();
    await buildBundle(recipe);
    expect(findBundle(recipe)).toBeDefined();
    // Bundles are written under a temporary name and renamed: nothing else is left behind.
    expect(readdirSync(cache).every((f) => /^fixture-[0-9a-f]+(\.mjs|\.inputs\.json)$/.test(f))).toBe(true);
  });

  it('refuses a module that finds files beside itself through import.meta', async () => {
    const { recipe, root } = fixture(5);
    writeFileSync(join(root, 'part.ts'), 'export const value: number = import.meta.url.length;\n');
    await expect(buildBundle(recipe)).rejects.toThrow(/import\.meta/);
  });

  it('falls back to the TypeScript-loader entry with a warning naming the problem when the source does not compile', async () => {
    const { recipe, root } = fixture(6);
    mkdirSync(join(root, 'cache'), { recursive: true });
    writeFileSync(join(root, 'part.ts'), 'export const value: number = ;\n');
    const entry = await sweepWorkerEntry(recipe);
    expect(entry.bundled).toBe(false);
    expect(entry.url.pathname.endsWith('/sim/cli/sweep-worker.mjs')).toBe(true);
    expect(entry.warning).toContain('could not be built');
    expect(entry.warning).toContain('part.ts');
    expect(entry.warning).not.toMatch(/\n\s+at /);
  });

  it('bundles the real sweep worker into one module that imports only Node built-ins (no TypeScript loader)', async () => {
    const entry = await sweepWorkerEntry();
    expect(entry.warning).toBeUndefined();
    expect(entry.bundled).toBe(true);
    expect(entry.url.pathname).toMatch(/sweep-worker-[0-9a-f]{20}\.mjs$/);
    const text = readFileSync(entry.url, 'utf8');
    const specifiers = [...text.matchAll(/^import\b[^;]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.every((s) => s.startsWith('node:') || isBuiltin(s))).toBe(true);
  });
});
