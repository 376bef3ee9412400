/**
 * Options and sweeps turn one scenario document into variants: every option
 * (or the base alone) times every sweep point. Expansion works on plain data
 * before validation, so a bad override is reported like any other field.
 */
import { Rng } from '../engine/index';
import { exp, log } from '../engine/portable-math';
import type { InputIssue } from '../errors';
import { formatPath, type PathSegment } from './document';
import { deepMerge, getAt, parseFieldPath, setAt } from './paths';

export interface RawVariant {
  /** Human label: option name and/or sweep values. */
  label: string;
  option?: string;
  sweepPoint?: Record<string, unknown>;
  data: Record<string, unknown>;
  /** Where the variant's overrides were written, for error messages. */
  origin: PathSegment[];
}

interface RawOption { name?: unknown; set?: unknown; override?: unknown }
interface RawSweep { mode?: unknown; parameters?: unknown; samples?: unknown }
interface Range { min: number; max: number; log?: boolean; integer?: boolean }

export const MAX_VARIANTS = 100_000;

function applyOption(base: Record<string, unknown>, option: RawOption, index: number, issues: InputIssue[], file: string): Record<string, unknown> {
  let out: unknown = base;
  if (option.override && typeof option.override === 'object') out = deepMerge(out, option.override);
  if (option.set && typeof option.set === 'object') {
    for (const [key, value] of Object.entries(option.set as Record<string, unknown>)) {
      const path = parseFieldPath(key);
      if (!path) {
        issues.push({ file, path: `options[${index}].set`, expected: 'field paths such as cluster.pools[0].count', found: JSON.stringify(key) });
        continue;
      }
      out = setAt(out, path, value);
    }
  }
  return out as Record<string, unknown>;
}

function sweepPoints(sweep: RawSweep, seed: number, issues: InputIssue[], file: string): Array<Record<string, unknown>> {
  const params = (sweep.parameters ?? {}) as Record<string, unknown>;
  const names = Object.keys(params);
  const mode = (sweep.mode as string | undefined) ?? 'grid';
  for (const name of names) {
    if (!parseFieldPath(name)) issues.push({ file, path: `sweep.parameters`, expected: 'field paths such as cluster.pools[0].count', found: JSON.stringify(name) });
  }
  if (names.length === 0) return [{}];
  if (mode === 'zip') {
    const lists = names.map((n) => params[n]);
    if (lists.some((l) => !Array.isArray(l))) {
      issues.push({ file, path: 'sweep.parameters', expected: 'lists of values for mode zip' });
      return [];
    }
    const len = (lists[0] as unknown[]).length;
    names.forEach((n, i) => {
      if ((lists[i] as unknown[]).length !== len) issues.push({ file, path: `sweep.parameters.${n}`, expected: `a list of ${len} values like the first parameter (mode zip)`, found: `${(lists[i] as unknown[]).length} values` });
    });
    return Array.from({ length: len }, (_, k) => Object.fromEntries(names.map((n, i) => [n, (lists[i] as unknown[])[k]])));
  }
  if (mode === 'random') {
    const samples = typeof sweep.samples === 'number' ? sweep.samples : 16;
    const rng = new Rng(seed);
    return Array.from({ length: samples }, () =>
      Object.fromEntries(
        names.map((n) => {
          const p = params[n];
          if (Array.isArray(p)) return [n, p[rng.int(p.length)]];
          const r = p as Range;
          let v = r.log ? exp(log(r.min) + rng.next() * (log(r.max) - log(r.min))) : r.min + rng.next() * (r.max - r.min);
          if (r.integer) v = Math.round(v);
          return [n, v];
        }),
      ),
    );
  }
  // grid
  let points: Array<Record<string, unknown>> = [{}];
  for (const n of names) {
    const values = params[n];
    if (!Array.isArray(values)) {
      issues.push({ file, path: `sweep.parameters.${n}`, expected: 'a list of values (mode grid)', found: 'a range' });
      return [];
    }
    const next: Array<Record<string, unknown>> = [];
    for (const pt of points) for (const v of values) next.push({ ...pt, [n]: v });
    points = next;
    if (points.length > MAX_VARIANTS) {
      issues.push({ file, path: 'sweep.parameters', expected: `at most ${MAX_VARIANTS.toLocaleString('en-US')} combinations`, found: `more (the grid multiplies every list)` });
      return [];
    }
  }
  return points;
}

function pointLabel(point: Record<string, unknown>): string {
  return Object.entries(point)
    .map(([k, v]) => `${k.split('.').pop()}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

/** Expand options × sweep points. `data` is the whole document (after `extends`). */
export function expandVariants(data: Record<string, unknown>, file: string): { variants: RawVariant[]; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const { options, sweep, ...base } = data as Record<string, unknown> & { options?: unknown; sweep?: unknown };
  const seed = typeof base.seed === 'number' ? base.seed : 42;
  const optionList = Array.isArray(options) && options.length > 0 ? (options as RawOption[]) : [undefined];
  const points = sweep && typeof sweep === 'object' ? sweepPoints(sweep as RawSweep, seed, issues, file) : [undefined];
  const variants: RawVariant[] = [];
  optionList.forEach((option, oi) => {
    const optionData = option ? applyOption(base, option, oi, issues, file) : base;
    for (const point of points) {
      let vd: unknown = optionData;
      if (point) for (const [k, v] of Object.entries(point)) {
        const p = parseFieldPath(k);
        if (p) vd = setAt(vd, p, v);
      }
      const name = option && typeof option.name === 'string' ? option.name : undefined;
      const label = [name, point ? pointLabel(point) : undefined].filter(Boolean).join(' · ') || String(base.name ?? 'scenario');
      variants.push({ label, option: name, sweepPoint: point, data: vd as Record<string, unknown>, origin: option ? ['options', oi] : point ? ['sweep'] : [] });
    }
  });
  return { variants, issues };
}

export { formatPath, getAt };
