/**
 * Loading a scenario: parse, resolve `extends`, validate against the schema,
 * expand options and sweeps into variants, build each variant's cluster and
 * cross-check the workload against it. Every mistake is reported at once,
 * each with its file, path, expectation and line (DESIGN.md error format).
 */
import { InputError, type InputIssue } from '../errors';
import { buildCluster } from '../hardware/cluster';
import { clusterSchema } from '../hardware/schema';
import type { ClusterModel } from '../hardware/types';
import { parseScenarioText, type SourceDocument } from './document';
import { expandVariants } from './expand';
import { zodIssuesToInputIssues } from './issues';
import { deepMerge, isPlainObject, parseFieldPath } from './paths';
import { checkWorkload } from './registry';
import { scenarioSchema, type OptionInput, type Scenario, type SweepInput } from './schema';

export interface Variant {
  label: string;
  option?: string;
  sweepPoint?: Record<string, unknown>;
  scenario: Scenario;
  cluster: ClusterModel;
}

export interface LoadedScenario {
  file: string;
  name: string;
  description?: string;
  /** The base scenario (no option or sweep applied). */
  base: Scenario;
  options?: OptionInput[];
  sweep?: SweepInput;
  variants: Variant[];
}

/** How to read files named inside a scenario (`extends`). In Node: fs; in the browser: a bundled map. */
export interface FileAccess {
  read(path: string): string;
  resolve(fromFile: string, relative: string): string;
}

interface Layer { doc: SourceDocument; data: Record<string, unknown> }

const MAX_EXTENDS_DEPTH = 16;

function readLayers(doc: SourceDocument, files: FileAccess | undefined, seen: string[]): Layer[] {
  if (!isPlainObject(doc.data)) {
    throw new InputError({ file: doc.file, path: '', expected: 'a mapping with version, name, cluster and workload', found: doc.data === null || doc.data === undefined ? 'an empty file' : Array.isArray(doc.data) ? 'a list' : typeof doc.data, line: 1 });
  }
  const data = doc.data;
  const ext = data.extends;
  if (ext === undefined) return [{ doc, data }];
  if (typeof ext !== 'string') throw new InputError({ file: doc.file, path: 'extends', expected: 'the path of another scenario file', found: typeof ext, line: doc.lineOf(['extends']) });
  if (!files) throw new InputError({ file: doc.file, path: 'extends', expected: 'no `extends` here (files cannot be read in this context)', line: doc.lineOf(['extends']) });
  const target = files.resolve(doc.file, ext);
  if (seen.includes(target)) throw new InputError({ file: doc.file, path: 'extends', expected: 'a scenario that does not extend itself', found: `a cycle: ${[...seen, target].join(' → ')}`, line: doc.lineOf(['extends']) });
  if (seen.length >= MAX_EXTENDS_DEPTH) throw new InputError({ file: doc.file, path: 'extends', expected: `at most ${MAX_EXTENDS_DEPTH} levels of extends`, line: doc.lineOf(['extends']) });
  let text: string;
  try {
    text = files.read(target);
  } catch {
    throw new InputError({ file: doc.file, path: 'extends', expected: 'an existing scenario file', found: JSON.stringify(ext), line: doc.lineOf(['extends']) });
  }
  return [...readLayers(parseScenarioText(text, target), files, [...seen, target]), { doc, data }];
}

/** The merged document: lines come from the top file; `relocate` moves issues to the layer that wrote them. */
function layeredDocument(layers: Layer[], data: unknown): SourceDocument {
  const top = layers[layers.length - 1].doc;
  return { file: top.file, data, lineOf: (path) => top.lineOf(path) };
}

/** The value at a parsed path, or `missing` when a segment is absent. */
const missing = Symbol('missing');
function valueAtPath(data: unknown, path: readonly (string | number)[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !(seg in (v as object))) return missing;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/**
 * Moves each issue to the file (and line) that wrote its value: the last layer
 * holding the path. With `variant` (the data of one option or sweep point), a
 * scalar is placed only where the layer's value is the one the variant ended
 * up with; a value set by an option or sweep stays at the top file.
 */
function relocate(issues: InputIssue[], layers: Layer[], variant?: unknown): InputIssue[] {
  if (layers.length === 1) return issues;
  return issues.map((issue) => {
    const path = parseFieldPath(issue.path) ?? [];
    const wanted = variant === undefined ? missing : valueAtPath(variant, path);
    const scalar = wanted !== missing && (wanted === null || typeof wanted !== 'object');
    for (let i = layers.length - 1; i >= 0; i--) {
      const l = layers[i];
      const v = valueAtPath(l.data, path);
      if (v === missing) continue;
      if (scalar && v !== wanted) return issue;
      return { ...issue, file: l.doc.file, line: l.doc.lineOf(path) };
    }
    return issue;
  });
}

function crossCheck(scenario: Scenario, doc: SourceDocument, suffix: string, issues: InputIssue[]): ClusterModel | undefined {
  let cluster: ClusterModel;
  try {
    cluster = buildCluster(scenario.cluster);
  } catch (e) {
    if (e instanceof InputError) {
      for (const i of e.issues) {
        const p = parseFieldPath(i.path);
        issues.push({ ...i, file: doc.file, line: i.line ?? (p ? doc.lineOf(p) : undefined), hint: [i.hint, suffix].filter(Boolean).join('; ') || undefined });
      }
      return undefined;
    }
    throw e;
  }
  for (const c of checkWorkload(scenario.workload, cluster)) {
    const p = parseFieldPath(c.path);
    issues.push({ file: doc.file, path: c.path, expected: c.expected, found: c.found, line: p ? doc.lineOf(p) : undefined, hint: suffix || undefined });
  }
  return cluster;
}

function clusterIssues(cluster: unknown, doc: SourceDocument): InputIssue[] {
  const parsed = clusterSchema.safeParse(cluster);
  if (!parsed.success) return [];
  try {
    buildCluster(parsed.data);
    return [];
  } catch (e) {
    if (!(e instanceof InputError)) return [];
    return e.issues.map((i) => {
      const p = parseFieldPath(i.path);
      return { ...i, file: doc.file, line: i.line ?? (p ? doc.lineOf(p) : undefined) };
    });
  }
}

/** Parse, validate and expand scenario text. Throws InputError listing every issue found. */
export function loadScenarioText(text: string, file: string, files?: FileAccess): LoadedScenario {
  const top = parseScenarioText(text, file);
  const layers = readLayers(top, files, [file]);
  let merged: Record<string, unknown> = {};
  for (const l of layers) merged = deepMerge(merged, l.data) as Record<string, unknown>;
  delete merged.extends;
  const doc = layeredDocument(layers, merged);

  const parsed = scenarioSchema.safeParse(merged);
  if (!parsed.success) {
    const issues = relocate(zodIssuesToInputIssues(parsed.error.issues, doc, scenarioSchema, merged), layers);
    // Every mistake at once: when the cluster section itself is well formed, also report its catalog problems.
    if (!issues.some((i) => i.path === 'cluster' || i.path.startsWith('cluster.'))) issues.push(...relocate(clusterIssues(merged.cluster, doc), layers, merged));
    throw new InputError(issues);
  }
  const base = parsed.data;

  const { variants: raw, issues } = expandVariants(merged, file);
  const variants: Variant[] = [];
  for (const rv of raw) {
    const suffix = rv.option || rv.sweepPoint ? `in ${rv.option ? `option '${rv.option}'` : ''}${rv.option && rv.sweepPoint ? ', ' : ''}${rv.sweepPoint ? `sweep point ${rv.label}` : ''}` : '';
    const r = scenarioSchema.safeParse(rv.data);
    if (!r.success) {
      const found = relocate(zodIssuesToInputIssues(r.error.issues, doc, scenarioSchema, rv.data), layers).map((i) => ({ ...i, hint: [i.hint, suffix].filter(Boolean).join('; ') || undefined }));
      issues.push(...found);
      continue;
    }
    const checked: InputIssue[] = [];
    const cluster = crossCheck(r.data, doc, suffix, checked);
    issues.push(...relocate(checked, layers, rv.data));
    if (cluster) variants.push({ label: rv.label, option: rv.option, sweepPoint: rv.sweepPoint, scenario: r.data, cluster });
  }
  if (issues.length > 0) {
    // One mistake in the base shows up in every variant: report each distinct message once.
    const seen = new Set<string>();
    throw new InputError(issues.filter((i) => { const k = `${i.file}|${i.path}|${i.expected}|${i.found}`; if (seen.has(k)) return false; seen.add(k); return true; }));
  }
  return { file, name: base.name, description: base.description, base, options: base.options, sweep: base.sweep, variants };
}
