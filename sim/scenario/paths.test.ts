import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deepMerge, getAt, parseFieldPath, setAt } from './paths';
import { paretoFrontier, metricValue } from './pareto';
import { closestId as closest, editDistance } from '../hardware/did-you-mean';
import { canonicalJson, fnv1a64 } from './hash';

describe('field paths', () => {
  it('parses dotted paths with list indices', () => {
    expect(parseFieldPath('cluster.pools[0].count')).toEqual(['cluster', 'pools', 0, 'count']);
    expect(parseFieldPath('workload.parallelism.data')).toEqual(['workload', 'parallelism', 'data']);
    expect(parseFieldPath('a..b')).toBeUndefined();
    expect(parseFieldPath('')).toBeUndefined();
  });
  it('sets without touching the original', () => {
    const base = { cluster: { pools: [{ count: 1, node: 'x' }] } };
    const out = setAt(base, ['cluster', 'pools', 0, 'count'], 8);
    expect(getAt(out, ['cluster', 'pools', 0, 'count'])).toBe(8);
    expect(getAt(out, ['cluster', 'pools', 0, 'node'])).toBe('x');
    expect(base.cluster.pools[0].count).toBe(1);
  });
  it('deep-merges mappings and replaces lists', () => {
    expect(deepMerge({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: 3 }, l: [9] })).toEqual({ a: { b: 1, c: 3 }, l: [9] });
  });
});

describe('Pareto frontier', () => {
  it('keeps exactly the non-dominated points (hand example)', () => {
    // cost, days: (10,5) (8,6) (12,4) (11,6) (8,7)
    const pts = [[10, 5], [8, 6], [12, 4], [11, 6], [8, 7]];
    expect(paretoFrontier(pts, [{ goal: 'min' }, { goal: 'min' }])).toEqual([0, 1, 2]);
  });
  it('no frontier point is dominated and every other point is (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 30 }), (pts) => {
        const f = new Set(paretoFrontier(pts, [{ goal: 'min' }, { goal: 'max' }]));
        const dominates = (a: number[], b: number[]) => a[0] <= b[0] && a[1] >= b[1] && (a[0] < b[0] || a[1] > b[1]);
        pts.forEach((p, i) => {
          const isDominated = pts.some((q) => dominates(q, p));
          expect(f.has(i)).toBe(!isDominated);
        });
      }),
    );
  });
  it('reads metric paths with or without the metrics prefix', () => {
    const m = { cost: { totalUsd: 5 }, training: { fitsInMemory: true } };
    expect(metricValue(m, 'cost.totalUsd')).toBe(5);
    expect(metricValue(m, 'metrics.cost.totalUsd')).toBe(5);
    expect(metricValue(m, 'training.fitsInMemory')).toBe(1);
    expect(Number.isNaN(metricValue(m, 'nope.x'))).toBe(true);
  });
});

describe('did you mean', () => {
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests close names and not far ones', () => {
    expect(closest('pipline', ['tensor', 'pipeline', 'data'])).toBe('pipeline');
    expect(closest('h100sxm', ['h100-sxm', 'a100-80gb-sxm'])).toBe('h100-sxm');
    expect(closest('zzzzzz', ['tensor', 'pipeline'])).toBeUndefined();
  });
});

describe('scenario hash', () => {
  it('ignores key order and differs on any value change', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(fnv1a64(canonicalJson({ a: 1, b: 2 }))).toBe(fnv1a64(canonicalJson({ b: 2, a: 1 })));
    expect(fnv1a64('a')).not.toBe(fnv1a64('b'));
    // FNV-1a 64 reference value for the empty string.
    expect(fnv1a64('')).toBe('cbf29ce484222325');
  });
});
