/**
 * Scenarios that build on others (`extends`) in the browser. A page cannot read
 * the disk, so `extends` is answered from what the page has: the scenario files
 * the user opened, picked or dropped, then the scenarios bundled with the
 * planner. A path is resolved as the CLI resolves it (against the folder of the
 * scenario that names it), but a page knows no folders: the file is found by the
 * last part of that path (`../scenarios/scaling-70b-h100.yaml` is the bundled
 * `scaling-70b-h100.yaml`), the user's own file first.
 */
import { parse } from 'yaml';
import type { FileAccess } from '../../../sim/scenario/load';
import { deepMerge } from '../../../sim/scenario/paths';
import { baseName, normalizeTraceName } from './trace-files';

/** Scenario texts by file name: the user's own (picked or dropped), or the bundled ones. */
export type ScenarioTexts = Record<string, string>;

/** A scenario read for `extends`: the path as resolved, and whose it was. */
export interface BaseRead {
  path: string;
  name: string;
  origin: 'bundled' | 'yours';
}

/** A FileAccess for one load, and what it read or could not find (the paths `extends` resolved to). */
export interface PageFileAccess {
  files: FileAccess;
  read: BaseRead[];
  /** The texts read, in the order of `read`. */
  texts: string[];
  missing: string[];
}

/** What a scenario inherits from the bases it read (`texts` nearest first): merged as the loader merges them, without `extends`. */
export function inheritedData(texts: string[]): Record<string, unknown> {
  let merged: unknown = {};
  for (const t of [...texts].reverse()) merged = deepMerge(merged, parse(t));
  const out = { ...(merged as Record<string, unknown>) };
  delete out.extends;
  return out;
}

/** Scenario files are small; a larger "scenario" is the wrong file, and a page sends it with every answer. */
export const maxScenarioBytes = 2 ** 20;

/** The folder part of a normalized path (`''` for a bare name). */
function folderOf(path: string): string {
  const k = path.lastIndexOf('/');
  return k < 0 ? '' : path.slice(0, k + 1);
}

/** `relative` against the folder of `fromFile`, folded like a path (absolute names stay as they are). */
export function resolveScenarioPath(fromFile: string, relative: string): string {
  const r = relative.trim().replace(/\\/g, '/');
  if (r.startsWith('/')) return normalizeTraceName(r);
  return normalizeTraceName(folderOf(normalizeTraceName(fromFile)) + r);
}

/** A file access over the user's scenario files and the bundled ones, recording what each load asked for. */
export function pageFileAccess(yours: ScenarioTexts, bundled: ScenarioTexts): PageFileAccess {
  const own = new Map(Object.entries(yours).map(([name, text]) => [baseName(name), text]));
  const shipped = new Map(Object.entries(bundled).map(([name, text]) => [baseName(name), text]));
  const read: BaseRead[] = [];
  const texts: string[] = [];
  const missing: string[] = [];
  const files: FileAccess = {
    resolve: resolveScenarioPath,
    read(path) {
      const name = baseName(path);
      const mine = own.get(name);
      if (mine !== undefined) {
        read.push({ path, name, origin: 'yours' });
        texts.push(mine);
        return mine;
      }
      const theirs = shipped.get(name);
      if (theirs !== undefined) {
        read.push({ path, name, origin: 'bundled' });
        texts.push(theirs);
        return theirs;
      }
      missing.push(path);
      throw new Error(`${path} is neither bundled with the planner nor given to this page`);
    },
  };
  return { files, read, texts, missing };
}

/** The `extends` a scenario text names, if it parses and names one. */
export function extendsOf(text: string): string | undefined {
  try {
    const data: unknown = parse(text);
    const ext = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).extends : undefined;
    return typeof ext === 'string' ? ext : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Of several scenario files given together (a base and its variants), the one
 * to open: the first that no other one extends. A base is opened only when it
 * was given alone or every file extends another (a cycle, which the loader reports).
 */
export function scenarioToOpen(files: Array<{ name: string; text: string }>): number {
  const extended = new Set(files.map((f) => extendsOf(f.text)).filter((e): e is string => e !== undefined).map(baseName));
  const leaf = files.findIndex((f) => !extended.has(baseName(f.name)));
  return leaf < 0 ? 0 : leaf;
}
