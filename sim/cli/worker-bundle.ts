/**
 * The sweep worker as one plain ES module. Through the TypeScript loader a
 * worker thread spends seconds before its first variant (hundreds of modules
 * resolved and transformed one by one, and all of mathjs evaluated for one
 * `lusolve`); one esbuild bundle of the same code, tree-shaken, loads in a
 * fraction of a second. The bundle is built the first time a sweep needs
 * workers and cached under a key made from everything that went into it, so an
 * edited source file or a reinstalled package gives a fresh bundle and a stale
 * one is never used. When bundling is impossible the workers start through the
 * TypeScript loader as before, slower, with a warning.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { writeFileAtomic } from './files';

export interface BundleRecipe {
  /** The module to bundle (absolute path). */
  entry: string;
  /** The folder input paths are relative to (the repository root). */
  root: string;
  /** Bundle files are named `<name>-<key>.mjs`. */
  name: string;
  /** Folders to keep bundles in, most preferred first; one this user does not own, or cannot write, is skipped. */
  cacheDirs: string[];
}

export interface Bundle {
  file: string;
  key: string;
  /** False when a cached bundle was found. */
  built: boolean;
}

/** Where workers start from: the bundle, or the TypeScript-loader entry when no bundle could be had. */
export interface WorkerEntry {
  url: URL;
  bundled: boolean;
  /** Seconds spent finding or building the bundle. */
  prepareS: number;
  /** Why workers start the slow way, for the user. */
  warning?: string;
}

/** Bumped when the way bundles are made changes, so that older ones are not reused. */
const RECIPE_VERSION = 1;

// Bundled CommonJS packages (yaml) require node built-ins; an ES module has no `require`, so one is made.
const BANNER = "import { createRequire as __clusterplanCreateRequire } from 'node:module'; const require = __clusterplanCreateRequire(import.meta.url);";

const buildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: BANNER },
  legalComments: 'none',
  logLevel: 'silent',
} as const;

/** Bundles are removed once unused (neither built nor found) for this long: about 2 MB each, one per edit of the sources. */
const STALE_S = 3600;

const here = dirname(fileURLToPath(import.meta.url));
const requireHere = createRequire(import.meta.url);

/** The sweep worker's recipe: this repository's `sim/cli/sweep-worker.ts`, cached in node_modules/.cache or the temp folder. */
export function sweepWorkerRecipe(): BundleRecipe {
  const root = resolve(here, '..', '..');
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return {
    entry: join(here, 'sweep-worker.ts'),
    root,
    name: 'sweep-worker',
    cacheDirs: [join(root, 'node_modules', '.cache', 'clusterplan'), join(tmpdir(), `clusterplan-${user}`)],
  };
}

/** The worker entry for sweeps if its bundle is already cached (no build, no bundler loaded); undefined otherwise. */
export function cachedSweepWorker(recipe: BundleRecipe = sweepWorkerRecipe()): WorkerEntry | undefined {
  const started = performance.now();
  const bundle = findBundle(recipe);
  return bundle && { url: pathToFileURL(bundle.file), bundled: true, prepareS: (performance.now() - started) / 1000 };
}

/**
 * The worker entry for sweeps: the cached bundle, built now if needed; on any
 * failure to bundle, the TypeScript-loader entry and a warning saying why.
 */
export async function sweepWorkerEntry(recipe: BundleRecipe = sweepWorkerRecipe()): Promise<WorkerEntry> {
  const started = performance.now();
  try {
    const bundle = findBundle(recipe) ?? (await buildBundle(recipe));
    return { url: pathToFileURL(bundle.file), bundled: true, prepareS: (performance.now() - started) / 1000 };
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n').slice(0, 3).join(' ').trim();
    return {
      url: new URL('./sweep-worker.mjs', import.meta.url),
      bundled: false,
      prepareS: (performance.now() - started) / 1000,
      warning: `sweep workers start through the TypeScript loader (seconds each, not a fraction of one): the worker bundle could not be built (${reason})`,
    };
  }
}

/** The bundle of `recipe.entry` found in a cache folder under the key of its inputs as they are now; undefined when there is none. */
export function findBundle(recipe: BundleRecipe): Bundle | undefined {
  const salt = saltOf();
  if (salt === undefined) return undefined;
  for (const dir of recipe.cacheDirs) {
    if (!usableDir(dir)) continue;
    const inputs = readManifest(join(dir, manifestName(recipe)));
    const key = inputs && keyOf(recipe.root, inputs, salt);
    if (key === undefined) continue;
    const file = join(dir, `${recipe.name}-${key}.mjs`);
    if (existsSync(file)) {
      touch(file);
      return { file, key, built: false };
    }
  }
  return undefined;
}

/** Bundle `recipe.entry` now and store it in the first cache folder this user owns. Throws when it cannot be built or stored. */
export async function buildBundle(recipe: BundleRecipe): Promise<Bundle> {
  const salt = saltOf();
  if (salt === undefined) throw new Error('esbuild is not installed');
  const dir = recipe.cacheDirs.find((d) => usableDir(d));
  if (dir === undefined) throw new Error(`no cache folder could hold it (${recipe.cacheDirs.join(', ')}: none can be created by this user)`);
  // The bundler writes under a temporary name; only a checked, whole bundle is renamed to its key.
  const partial = join(dir, `${recipe.name}.build-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const buildStartMs = Date.now();
    const inputs = (await runBundler({ ...buildOptions, entryPoints: [recipe.entry], absWorkingDir: recipe.root, outfile: partial })).sort();
    const text = readFileSync(partial, 'utf8');
    // A module that finds files beside itself (import.meta.url) would look in the cache folder, not the repository.
    if (text.split('import.meta').length !== BANNER.split('import.meta').length) throw new Error(`${recipe.entry} uses import.meta, which a bundle cannot keep`);
    const key = keyOf(recipe.root, inputs, salt);
    if (key === undefined || inputs.some((i) => !i.includes('node_modules/') && statSync(resolve(recipe.root, i)).mtimeMs >= buildStartMs)) {
      // The bundle may hold the old text of a file now keyed by its new text.
      throw new Error('a source file changed while the bundle was built');
    }
    const file = join(dir, `${recipe.name}-${key}.mjs`);
    renameSync(partial, file);
    writeFileAtomic(join(dir, manifestName(recipe)), JSON.stringify({ entry: recipe.entry, inputs }) + '\n');
    pruneStale(dir, recipe.name, file);
    return { file, key, built: true };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Builds running now, each in a thread of its own (bundle-builder.mjs). */
const builds = new Set<Worker>();

/** The bundler run in its own thread; resolves to the input files (relative to absWorkingDir). */
function runBundler(options: Record<string, unknown>): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    const builder = new Worker(new URL('./bundle-builder.mjs', import.meta.url), { workerData: { options } });
    builds.add(builder);
    builder.once('message', (reply: { inputs?: string[]; error?: string }) => (reply.inputs ? resolvePromise(reply.inputs) : reject(new Error(reply.error))));
    builder.once('error', (e: Error) => reject(e));
    builder.once('exit', () => {
      builds.delete(builder);
      reject(new Error('the build was stopped'));
    });
  });
}

/**
 * Stop builds still running (a sweep that finished before its workers were
 * needed), rather than keep the process alive for them; their callers fall
 * back as for any failure, and the next sweep that needs workers builds again.
 */
export async function abandonBundleBuilds(): Promise<void> {
  await Promise.all([...builds].map((b) => b.terminate()));
}

/** What besides the inputs makes a bundle: this recipe and the bundler's version. Undefined when there is no bundler. */
function saltOf(): string | undefined {
  try {
    const version = (requireHere('esbuild/package.json') as { version: string }).version;
    return `${RECIPE_VERSION}\n${version}\n${JSON.stringify(buildOptions)}\n`;
  } catch {
    return undefined;
  }
}

/**
 * The cache key: the recipe (bundler version and options), the installed
 * packages (npm's record of them), and every input — source files by content,
 * installed package files by size and time (reading 1,200 of them costs more
 * than the rest of a cache hit). Undefined when an input is gone.
 */
function keyOf(root: string, inputs: string[], salt: string): string | undefined {
  const hash = createHash('sha256').update(salt);
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed)) hash.update(readFileSync(installed));
  try {
    for (const input of inputs) {
      const path = resolve(root, input);
      hash.update(`\0${input}\0`);
      if (input.includes('node_modules/')) {
        const s = statSync(path);
        hash.update(`${s.size}:${s.mtimeMs}`);
      } else hash.update(readFileSync(path));
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex').slice(0, 20);
}

/** One manifest per repository root, so clones sharing node_modules do not undo each other's. */
function manifestName(recipe: BundleRecipe): string {
  return `${recipe.name}-${createHash('sha256').update(recipe.entry).digest('hex').slice(0, 12)}.inputs.json`;
}

function readManifest(path: string): string[] | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { inputs?: unknown };
    return Array.isArray(parsed.inputs) && parsed.inputs.every((i) => typeof i === 'string') ? (parsed.inputs as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** A folder we own (created if missing): another user's folder in a shared temp directory could hold anything. */
function usableDir(dir: string): boolean {
  try {
    mkdirSync(dirname(dir), { recursive: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const s = statSync(dir);
    return s.isDirectory() && (typeof process.getuid !== 'function' || s.uid === process.getuid());
  } catch {
    return false;
  }
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    /* a read-only cache still serves */
  }
}

/** Remove this recipe's bundles unused for an hour (a found bundle is touched), so edits do not pile them up. */
function pruneStale(dir: string, name: string, keep: string): void {
  const cutoff = Date.now() - STALE_S * 1000;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (path === keep || !entry.startsWith(`${name}-`) || !entry.endsWith('.mjs')) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) unlinkSync(path);
    } catch {
      /* another process removed it first */
    }
  }
}
