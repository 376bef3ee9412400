/**
 * Trace files in the browser. A page cannot read the disk, so the files a
 * scenario names (`workload.source.file`) are handed to the engine as plain
 * text keyed by the name the scenario uses, relative to the scenario as the CLI
 * reads it: `data/philly-sample.csv` beside a bundled scenario, or whatever
 * name the user's own scenario writes. This module binds those names to the
 * given texts for one run, and says which are missing.
 */
import type { InputIssue } from '../../../sim/errors';
import { parseScenarioText } from '../../../sim/scenario/document';
import type { LoadedScenario } from '../../../sim/scenario/load';

/** Trace texts by the name scenarios use for them (see normalizeTraceName). */
export type TraceTexts = Record<string, string>;

/** A trace the page holds: the text, where it came from, its size. */
export interface HeldTrace {
  text: string;
  origin: 'bundled' | 'yours';
  /** The name of the file the user picked, when it went in under another name. */
  picked?: string;
  bytes: number;
}

/** Larger files are refused: a page holds each trace in memory and sends it to the engine with every answer. */
export const maxTraceBytes = 64 * 2 ** 20;

/**
 * The key a scenario's file name is stored under: forward slashes, no `./`,
 * `a/../` folded. Absolute names stay absolute; a name cannot climb above the
 * scenario's folder (a leading `..` is kept, so it is simply a different name).
 */
export function normalizeTraceName(name: string): string {
  const absolute = name.startsWith('/') || name.startsWith('\\');
  const out: string[] = [];
  for (const part of name.trim().replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** The last part of a name: `data/philly-sample.csv` → `philly-sample.csv`. */
export function baseName(name: string): string {
  return normalizeTraceName(name).split('/').pop() ?? name;
}

/** The trace files a loaded scenario reads, by normalized name, in the order its variants name them. */
export function referencedTraceFiles(loaded: LoadedScenario): string[] {
  const names: string[] = [];
  for (const v of loaded.variants) {
    const name = fileOf(v.scenario.workload);
    if (name !== undefined && !names.includes(normalizeTraceName(name))) names.push(normalizeTraceName(name));
  }
  return names;
}

function fileOf(workload: unknown): string | undefined {
  const w = workload as { kind?: string; source?: { format?: string; file?: unknown } };
  if (w.kind !== 'trace' || !w.source || w.source.format === 'synthetic') return undefined;
  return typeof w.source.file === 'string' ? w.source.file : undefined;
}

export type TraceBinding =
  | { status: 'ok'; files: string[]; readText: (path: string) => string; nameOf: (path: string) => string | undefined }
  | { status: 'missing'; files: string[]; missing: string[]; issues: InputIssue[] };

/**
 * Point every variant's trace at the text it names. Each `source.file` becomes a
 * virtual absolute path (`/` + the name; the CLI makes it absolute against the
 * scenario's folder), which `readText` answers from `texts`. Missing names come
 * back as issues at the line that names them (file, path, expected, found).
 * Mutates `loaded` (a fresh load per evaluation), as the CLI's loader does.
 */
export function bindTraceFiles(loaded: LoadedScenario, scenarioText: string, texts: TraceTexts): TraceBinding {
  const names = referencedTraceFiles(loaded);
  const missing = names.filter((n) => texts[n] === undefined);
  if (missing.length > 0) {
    let lineOf: (path: string[]) => number | undefined = () => undefined;
    try {
      lineOf = parseScenarioText(scenarioText, loaded.file).lineOf;
    } catch {
      // It loaded, so it parses; without a line the issue still names the path.
    }
    const issues = missing.map((name): InputIssue => ({
      file: loaded.file,
      path: 'workload.source.file',
      expected: 'a trace file given to the planner (a page cannot read your disk): choose it with "Add trace file…" or drop it on the editor',
      found: JSON.stringify(name),
      line: lineOf(['workload', 'source', 'file']),
    }));
    return { status: 'missing', files: names, missing, issues };
  }
  const byPath = new Map<string, string>();
  const nameByPath = new Map<string, string>();
  for (const v of loaded.variants) {
    const source = (v.scenario.workload as { source?: { file?: string } }).source;
    const name = fileOf(v.scenario.workload);
    if (!source || name === undefined) continue;
    const key = normalizeTraceName(name);
    const path = key.startsWith('/') ? key : `/${key}`;
    source.file = path;
    byPath.set(path, texts[key]);
    nameByPath.set(path, key);
  }
  return {
    status: 'ok',
    files: names,
    readText: (path) => {
      const text = byPath.get(path);
      if (text === undefined) throw new Error(`no trace text for ${path}`);
      return text;
    },
    // Problems inside a trace name it as the scenario does, not by its virtual path.
    nameOf: (path) => nameByPath.get(path),
  };
}

/**
 * Which name a file the user picked should go under: the one missing name when
 * there is one, else a missing or referenced name with the same base name, else
 * the only referenced name when one file is picked (the user's own trace in
 * place of the bundled one), else the file's own name.
 */
export function nameForPickedFile(picked: string, pickedCount: number, missing: string[], referenced: string[]): string {
  if (pickedCount === 1 && missing.length === 1) return missing[0];
  const same = (n: string) => baseName(n) === baseName(picked);
  const match = missing.find(same) ?? referenced.find(same);
  if (match) return match;
  if (pickedCount === 1 && missing.length === 0 && referenced.length === 1) return referenced[0];
  return normalizeTraceName(picked);
}
