/** Names of results in tables, charts and pins: unique across options crossed with a sweep. */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../result';
import { resultLabel } from './labels';

const result = (scenario: Partial<RunResult['scenario']>): RunResult => ({ scenario: { name: 'study', hash: 'h', ...scenario } } as RunResult);

describe('resultLabel', () => {
  it('names an option, a sweep point, or both, so every result of options × sweep has its own name', () => {
    const all = ['vllm', 'tensorrt-llm'].flatMap((option) => [1, 5].map((c) => result({ option, sweepPoint: { 'workload.traffic.concurrency': c } })));
    const labels = all.map((r, i) => resultLabel(r, i, all));
    expect(labels).toEqual(['vllm · concurrency=1', 'vllm · concurrency=5', 'tensorrt-llm · concurrency=1', 'tensorrt-llm · concurrency=5']);
    expect(new Set(labels).size).toBe(all.length);
    expect(resultLabel(result({ option: 'rent' }), 0, [])).toBe('rent');
    expect(resultLabel(result({}), 0, [result({})])).toBe('study');
    expect(resultLabel(result({}), 1, [result({}), result({})])).toBe('run 2');
  });
});
