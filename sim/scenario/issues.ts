/**
 * Turn zod validation issues into InputIssues a person can act on: the path in
 * dotted form, what was expected in words, what was found, the line, and a
 * "did you mean" for unknown keys and unknown choices.
 */
import type { z } from 'zod';
import type { InputIssue } from '../errors';
import { formatPath, type PathSegment, type SourceDocument } from './document';
import { didYouMean } from '../hardware/did-you-mean';

// Zod 4 keeps a schema's definition on `_zod.def`; we only read it to list the
// keys an object accepts, for "did you mean".
interface Def { type: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown; out?: unknown; options?: unknown[]; element?: unknown; getter?: () => unknown }
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } })?._zod?.def;

function unwrap(schema: unknown, value: unknown): unknown {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const d = defOf(s);
    if (!d) return s;
    if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault' || d.type === 'readonly' || d.type === 'catch') s = d.innerType;
    else if (d.type === 'pipe') s = d.in;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else if (d.type === 'union' && d.options) {
      // Pick the object option whose discriminating literal matches, else the first object with the most matching keys.
      const objects = d.options.map((o) => unwrap(o, value)).filter((o) => defOf(o)?.type === 'object');
      if (objects.length === 0) return s;
      const keys = value && typeof value === 'object' ? Object.keys(value) : [];
      let best = objects[0];
      let bestScore = -1;
      for (const o of objects) {
        const shape = defOf(o)!.shape ?? {};
        const kindSchema = defOf(shape.kind);
        const literal = kindSchema?.type === 'literal' ? (kindSchema as unknown as { values: unknown[] }).values : undefined;
        if (literal && value && typeof value === 'object' && literal.includes((value as Record<string, unknown>).kind)) return o;
        const score = keys.filter((k) => k in shape).length;
        if (score > bestScore) { best = o; bestScore = score; }
      }
      return best;
    } else return s;
  }
  return s;
}

/** The keys an object at `path` accepts, following the data through unions. */
export function knownKeysAt(schema: unknown, data: unknown, path: readonly PathSegment[]): string[] {
  let s = unwrap(schema, data);
  let v = data;
  for (const seg of path) {
    const d = defOf(s);
    v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
    if (d?.type === 'object' && typeof seg === 'string') s = unwrap(d.shape?.[seg], v);
    else if (d?.type === 'array') s = unwrap(d.element, v);
    else if (d?.type === 'record') s = unwrap((d as unknown as { valueType: unknown }).valueType, v);
    else return [];
  }
  const d = defOf(s);
  return d?.type === 'object' ? Object.keys(d.shape ?? {}) : [];
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  return String(v);
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v = data;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

function expectedWords(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const e = issue.expected as string;
      const words: Record<string, string> = { number: 'a number', string: 'a string', boolean: 'true or false', object: 'a mapping', array: 'a list', int: 'an integer' };
      return words[e] ?? e;
    }
    case 'too_small': {
      const min = issue.minimum as number;
      if (issue.origin === 'array') return `a list with at least ${min} item${min === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'a non-empty string';
      return issue.inclusive ? `a number ≥ ${min}` : `a number > ${min}`;
    }
    case 'too_big':
      return issue.inclusive ? `a number ≤ ${issue.maximum}` : `a number < ${issue.maximum}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    case 'invalid_format':
      return `a ${issue.format}`;
    default:
      return issue.message.replace(/^expected /i, '').replace(/, found .*$/, '');
  }
}

export function zodIssuesToInputIssues(issues: readonly z.core.$ZodIssue[], doc: SourceDocument, schema: unknown, data: unknown = doc.data, pathPrefix: PathSegment[] = []): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of issues) {
    const path = issue.path as PathSegment[];
    const full = [...pathPrefix, ...path];
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, data, path);
      for (const key of issue.keys) {
        const p = [...full, key];
        out.push({ file: doc.file, path: formatPath(p), expected: known.length ? `one of the keys ${known.join(', ')}` : 'no such key', found: `unknown key \`${key}\``, line: doc.lineOf(p), hint: didYouMean(key, known) });
      }
      continue;
    }
    if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
      const options = ((issue as unknown as { options?: unknown[] }).options ?? []).map(String);
      const found = valueAt(data, path);
      out.push({ file: doc.file, path: formatPath(full), expected: `one of ${options.join(', ')}`, found: describeValue(found), line: doc.lineOf(full), hint: typeof found === 'string' ? didYouMean(found, options) : undefined });
      continue;
    }
    if (issue.code === 'invalid_union') {
      // Report the branch that got furthest: its first issues.
      const branches = (issue as unknown as { errors: z.core.$ZodIssue[][] }).errors ?? [];
      const best = branches.slice().sort((a, b) => a.length - b.length)[0];
      if (best && best.length > 0) {
        out.push(...zodIssuesToInputIssues(best.map((b) => ({ ...b, path: [...path, ...b.path] })), doc, schema, data, pathPrefix));
        continue;
      }
    }
    const custom = (issue as { params?: { expected?: string; found?: string } }).params;
    const found = valueAt(data, path);
    if (issue.code === 'invalid_value') {
      const options = issue.values.map(String);
      out.push({ file: doc.file, path: formatPath(full), expected: expectedWords(issue), found: describeValue(found), line: doc.lineOf(full), hint: typeof found === 'string' ? didYouMean(found, options) : undefined });
      continue;
    }
    if (issue.code === 'invalid_type' && found === undefined) {
      out.push({ file: doc.file, path: formatPath(full), expected: expectedWords(issue), found: 'nothing (the field is required)', line: doc.lineOf(full) });
      continue;
    }
    out.push({
      file: doc.file,
      path: formatPath(full),
      expected: custom?.expected ?? expectedWords(issue),
      found: custom?.found ?? describeValue(found),
      line: doc.lineOf(full),
    });
  }
  return out;
}
