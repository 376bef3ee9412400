import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../sim/result';
import { clusterResult, collectiveResult, inferenceResult, trainingSweep } from '../../../sim/report/testing/fixtures';
import { binaryTicks } from '../components/charts/axis';
import { axisScale, chartSpecs, headlines, reuseUnchanged } from './present';

const card = (r: RunResult, label: string) => headlines(r).find((h) => h.label === label)?.value;

function withMetrics(base: RunResult, metrics: Record<string, unknown>, series: Record<string, unknown> = {}): RunResult {
  return { ...base, metrics: { ...base.metrics, ...metrics }, series };
}

describe('headline cards', () => {
  it('training: short runs in minutes, cheap tokens with significant digits, small energy in kWh', () => {
    const [r] = trainingSweep();
    const short = withMetrics(r, {
      training: { ...r.metrics.training!, timeToTrainDays: 0.0356 },
      cost: { ...r.metrics.cost!, totalUsd: 47.05, usdPerMillionTokens: 0.0047, energyKWh: 10, co2Kg: 3.91 },
    });
    expect(card(short, 'Time to train')).toBe('51.3 min');
    expect(card(short, 'Per million tokens')).toBe('0.0047 USD');
    expect(card(short, 'Energy')).toBe('10 kWh');
    expect(card(short, 'CO₂')).toBe('3.91 kg');
  });

  it('every fixture kind gets its own cards, none reading NaN or an exponent', () => {
    for (const r of [...trainingSweep(), inferenceResult(), clusterResult(), collectiveResult()]) {
      const cards = headlines(r);
      expect(cards.length).toBeGreaterThan(2);
      for (const c of cards) expect(c.value).not.toMatch(/NaN|undefined|\de[-+]?\d/);
    }
    expect(card(inferenceResult(), 'TTFT p99')).toBe('610 ms');
    expect(card(collectiveResult(), 'Bus bandwidth')).toBe('150 GB/s');
    expect(card(clusterResult(), 'Makespan')).toBe('30 days');
  });

  it('a data pipeline says how long, how fast, and whether training is input-bound', () => {
    const r = withMetrics(collectiveResult(), { collective: undefined, dataPipeline: { totalTimeS: 66.9, throughputBytesPerS: 44.8e9, outputBytes: 3e12, bottleneck: 'shuffle: output', nodes: 8, coresPerNode: 192, deliveredBytesPerS: 1e9, demandBytesPerS: 3e9, inputBound: true } });
    const cards = headlines(r);
    expect(card(r, 'Pipeline time')).toBe('66.9 s');
    expect(card(r, 'Output rate')).toBe('44.8 GB/s');
    const delivered = cards.find((c) => c.label === 'Delivered to training')!;
    expect(delivered.tone).toBe('bad');
    expect(delivered.hint).toBe('input-bound: training needs 3 GB/s');
  });
});

describe('charts', () => {
  it('time series get a time axis in days, fractions in %, and are drawn as steps', () => {
    const r = withMetrics(clusterResult(), {}, { utilization: { label: 'devices busy / installed', xUnit: 's', yUnit: 'fraction', x: [0, 40 * 86400, 90 * 86400], y: [0, 0.5, 0.9] } });
    const spec = chartSpecs([r]).find((s) => s.id === 'series-utilization')!;
    expect(spec.xLabel).toBe('time, days');
    expect(spec.yLabel).toBe('%');
    expect(spec.lines![0].x).toEqual([0, 40, 90]);
    expect(spec.lines![0].y[2]).toBeCloseTo(90, 9);
    expect(spec.lines![0].step).toBe(true);
  });

  it('series over the same times in the same unit share one chart; all-zero series are left out', () => {
    const x = [0, 3600, 7200];
    const r = withMetrics(clusterResult(), {}, {
      capacityInstalled: { label: 'devices installed', xUnit: 's', yUnit: 'devices', x, y: [300, 300, 500] },
      busyDevices: { label: 'devices running jobs', xUnit: 's', yUnit: 'devices', x, y: [0, 200, 480] },
      fragmentedDevices: { label: 'free devices the head job cannot use', xUnit: 's', yUnit: 'devices', x, y: [0, 0, 0] },
    });
    const specs = chartSpecs([r]).filter((s) => s.id.startsWith('series-'));
    expect(specs.map((s) => s.id)).toEqual(['series-capacityInstalled']);
    expect(specs[0].lines!.map((l) => l.name)).toEqual(['devices installed', 'devices running jobs']);
    expect(specs[0].xLabel).toBe('time, h');
  });

  it('named stage times are bars; a latency CDF reads in ms and %', () => {
    const r = withMetrics(collectiveResult(), {}, {
      dataPipelineStageTimes: { label: 'stage time', xUnit: 'stage', yUnit: 's', x: [0, 1], y: [24.7, 42.2], names: ['decode', 'shuffle'] },
      ttftCdf: { label: 'time to first token', xUnit: 's', yUnit: 'fraction', x: [0.012, 0.02, 0.05], y: [0.5, 0.9, 1] },
    });
    const specs = chartSpecs([r]);
    const bars = specs.find((s) => s.id === 'series-dataPipelineStageTimes')!;
    expect(bars.type).toBe('bar');
    expect(bars.bars!.categories).toEqual(['decode', 'shuffle']);
    const cdf = specs.find((s) => s.id === 'series-ttftCdf')!;
    expect(cdf.xLabel).toBe('time to first token, ms');
    expect(cdf.lines![0].x).toEqual([12, 20, 50]);
    expect(cdf.lines![0].y).toEqual([50, 90, 100]);
  });

  it('byte rates take the prefix of their largest value; bytes keep binary ticks', () => {
    expect(axisScale('B/s', [9e8, 6.9e9])).toEqual({ label: 'GB/s', factor: 1e-9 });
    expect(axisScale('bytes', [1024, 2 ** 30]).format).toBe('bytes');
    expect(binaryTicks([1024, 2 ** 36], 7)).toEqual([2 ** 10, 2 ** 15, 2 ** 20, 2 ** 25, 2 ** 30, 2 ** 35]);
    expect(binaryTicks([1024, 2 ** 36], 3)).toEqual([2 ** 10, 2 ** 20, 2 ** 30]);
    expect(binaryTicks([1024, 2 ** 30], 7)).toEqual([2 ** 10, 2 ** 15, 2 ** 20, 2 ** 25, 2 ** 30]);
    expect(binaryTicks([0, 10], 5)).toEqual([]);
  });

  it('a training sweep scales in days and keeps unchanged charts as the same objects', () => {
    const sweep = trainingSweep();
    const first = chartSpecs(sweep);
    expect(first.find((s) => s.id === 'scaling-time')?.yLabel).toBe('days');
    const again = reuseUnchanged(first, chartSpecs(sweep));
    again.forEach((s, i) => expect(s).toBe(first[i]));
    const changed = chartSpecs([{ ...sweep[0], metrics: { ...sweep[0].metrics, training: { ...sweep[0].metrics.training!, timeToTrainDays: 1 } } }, ...sweep.slice(1)]);
    const kept = reuseUnchanged(first, changed);
    expect(kept.find((s) => s.id === 'scaling-time')).not.toBe(first.find((s) => s.id === 'scaling-time'));
  });
});

describe('sweep charts', () => {
  const serving = (option: string, users: number, throughput: number, ttft: number): RunResult => {
    const r = inferenceResult();
    return { ...r, scenario: { ...r.scenario, option, sweepPoint: { 'workload.traffic.concurrency': users } }, metrics: { ...r.metrics, inference: { ...r.metrics.inference!, throughputTokensPerS: throughput, ttftP50S: ttft } } };
  };

  it('a sweep over users plots each headline against it, a line per option, in sweep order; TTFT spanning 100× gets a log axis', () => {
    const rs = [serving('vllm', 50, 850, 1.04), serving('vllm', 1, 56, 0.34), serving('vllm', 100, 790, 43.5), serving('trt', 1, 56, 0.34), serving('trt', 50, 853, 0.7), serving('trt', 100, 937, 35.5)];
    const specs = chartSpecs(rs);
    const thr = specs.find((s) => s.id === 'sweep-throughputTokensPerS')!;
    expect(thr.title).toBe('Output throughput against concurrency');
    expect(thr.lines!.map((l) => l.name)).toEqual(['vllm', 'trt']);
    expect(thr.lines![0]).toMatchObject({ x: [1, 50, 100], y: [56, 850, 790] });
    expect(thr.yLog).toBe(false);
    expect(specs.find((s) => s.id === 'sweep-ttftP50S')!.yLog).toBe(true);
    expect(specs.find((s) => s.id === 'cost')!.type).toBe('bar');
    // Over six results the cost bars become rows, so each name can be read.
    expect(chartSpecs([...rs, serving('trt', 150, 886, 40)]).find((s) => s.id === 'cost')!.type).toBe('hbar');
  });

  it('no sweep chart for two points, two parameters, or a training sweep over device count (the scaling chart covers it)', () => {
    expect(chartSpecs([serving('a', 1, 1, 1), serving('a', 2, 2, 2)]).some((s) => s.id.startsWith('sweep-'))).toBe(false);
    expect(chartSpecs(trainingSweep()).some((s) => s.id.startsWith('sweep-'))).toBe(false);
  });
});
