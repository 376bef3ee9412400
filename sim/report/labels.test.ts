/** Names of results in tables, charts and pins (unique across options crossed with a sweep), and the summary that uses them. */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../result';
import { resultLabel } from './labels';
import { executiveSummary } from './summary';
import { inferenceResult } from './testing/fixtures';

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

describe('executive summary of a serving sweep', () => {
  const point = (option: string, users: number, throughputTokensPerS: number, sloAttainment: number): RunResult => {
    const r = inferenceResult();
    return { ...r, scenario: { ...r.scenario, option, sweepPoint: { 'workload.traffic.concurrency': users } }, metrics: { ...r.metrics, inference: { ...r.metrics.inference!, throughputTokensPerS, sloAttainment } } };
  };

  it('names the most throughput, and the most that keeps 99% of requests within the SLO', () => {
    const { answer } = executiveSummary([point('trt', 50, 853, 1), point('trt', 100, 937, 0), point('vllm', 50, 850, 1)]);
    expect(answer).toContain("Most throughput: 'trt · concurrency=100' at 937 tokens/s");
    expect(answer).toContain("With 99% of requests within the SLO: 'trt · concurrency=50' at 853 tokens/s");
  });

  it('says nothing about throughput when every option serves the same offered load', () => {
    const { answer } = executiveSummary([point('gpu', 1, 5000, 1), point('cpu', 1, 5000, 1)]);
    expect(answer).not.toContain('Most throughput');
  });
});
