/** Field paths such as `cluster.pools[0].count`: parse, read, set (on plain data, copy-on-write), deep merge. */
import type { PathSegment } from './document';

const fieldPathPattern = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/;

export function parseFieldPath(text: string): PathSegment[] | undefined {
  if (!fieldPathPattern.test(text)) return undefined;
  const out: PathSegment[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export function getAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v = data;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

/** A copy of `data` with `value` at `path`; intermediate objects and lists are created or copied. */
export function setAt(data: unknown, path: readonly PathSegment[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const arr = Array.isArray(data) ? data.slice() : [];
    arr[head] = setAt(arr[head], rest, value);
    return arr;
  }
  const obj = data !== null && typeof data === 'object' && !Array.isArray(data) ? { ...(data as Record<string, unknown>) } : {};
  obj[head] = setAt(obj[head], rest, value);
  return obj;
}

/** Deep merge: mappings merge key by key, everything else (lists included) is replaced by the overlay. */
export function deepMerge(base: unknown, overlay: unknown): unknown {
  if (isPlainObject(base) && isPlainObject(overlay)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(overlay)) out[k] = k in out ? deepMerge(out[k], v) : v;
    return out;
  }
  return overlay === undefined ? base : overlay;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
