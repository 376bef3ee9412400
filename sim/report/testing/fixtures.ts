/**
 * Hand-built RunResults of every kind (training sweep, inference, cluster
 * trace, collective, buy-or-rent), standing in for real runs in report tests.
 * Cost parts come from costOf on a test cluster so they have the real shape.
 */
import { costOf } from '../../cost/index';
import { costSchema, type CostInputRaw } from '../../cost/schema';
import { dgxH100Cluster } from '../../cost/testing/cluster';
import type { Metrics, RunResult } from '../../result';

function result(name: string, metrics: Metrics, extra: Partial<RunResult> = {}): RunResult {
  return {
    scenario: { name, hash: 'sha256:0123abcd', ...extra.scenario },
    fidelity: extra.fidelity ?? 'analytic',
    metrics,
    breakdown: extra.breakdown ?? {},
    series: extra.series ?? {},
    warnings: extra.warnings ?? [],
    provenance: { version: '0.1.0', calibration: 'builtin', seed: 42, wallTimeS: 0.012, events: 0, calibrationAccuracy: { rmsRelativeError: 0.043, maxRelativeError: 0.11, points: 38 } },
  };
}

function withCost(r: RunResult, nodes: number, cost: CostInputRaw, kind: string): RunResult {
  const c = costOf({ cost: costSchema.parse(cost), cluster: dgxH100Cluster(nodes, 2e15), outcome: { metrics: r.metrics, breakdown: r.breakdown, series: r.series, warnings: [], events: 0 }, workloadKind: kind });
  return { ...r, metrics: { ...r.metrics, cost: c.metrics }, breakdown: { ...r.breakdown, cost: c.breakdown }, warnings: [...r.warnings, ...c.warnings] };
}

/** A 70B-parameter training job at three cluster sizes (a sweep). */
export function trainingSweep(name = 'Llama-70B on 15T tokens'): RunResult[] {
  return [512, 1024, 2048].map((devices, k) => {
    const efficiency = [0.45, 0.43, 0.4][k];
    const tokensPerS = devices * 989.4e12 * efficiency / (6 * 70e9);
    const wallTimeS = 15e12 / tokensPerS / 0.95;
    const timeline = k === 0 ? Array.from({ length: 4 }, (_, stage) => [
      { stage: `stage ${stage}`, kind: 'idle', start: 0, end: stage * 0.05 },
      { stage: `stage ${stage}`, kind: 'forward', start: stage * 0.05, end: stage * 0.05 + 0.4 },
      { stage: `stage ${stage}`, kind: 'backward', start: 0.6 + (3 - stage) * 0.05, end: 1.4 + (3 - stage) * 0.05 },
      { stage: `stage ${stage}`, kind: 'all-reduce', start: 1.45 + (3 - stage) * 0.05, end: 1.7 + (3 - stage) * 0.05 },
    ]).flat() : undefined;
    const r = result(name, {
      training: {
        stepTimeS: (4e6 / tokensPerS), tokensPerS, achievedTflopsPerDevice: 989.4 * efficiency * 1.33, mfu: efficiency,
        timeToTrainDays: wallTimeS / 86400, memoryPerDeviceGiB: 61.2, fitsInMemory: true, goodput: 0.95,
        devices, device: 'H100', wallTimeS, totalTokens: 15e12,
      },
    }, {
      scenario: { name, hash: 'sha256:0123abcd', sweepPoint: { 'cluster.pools.0.count': devices / 8 } },
      series: timeline ? { timeline, lossScale: { label: 'step time by step', xUnit: 'step', yUnit: 's', x: [1, 2, 3, 4, 5], y: [1.9, 1.71, 1.7, 1.72, 1.7] } } : {},
    });
    return withCost(r, devices / 8, { provider: 'aws', deadline: '60 days', delayValuePerDay: 40000 }, 'training');
  });
}

export function inferenceResult(name = 'Chat serving at 500 ms TTFT'): RunResult {
  const r = result(name, {
    inference: { throughputTokensPerS: 52_000, ttftP50S: 0.18, ttftP99S: 0.61, tpotP50S: 0.028, sloAttainment: 0.962, replicas: 8, devices: 64, durationS: 3600, tokensServed: 52_000 * 3600 },
  }, { warnings: [{ code: 'slo-miss', severity: 'warning', message: '3.8% of requests exceed the 500 ms TTFT SLO at the peak hour.' }] });
  return withCost(r, 8, { pricing: 'reserved-1y', provider: 'aws', utilization: 0.6 }, 'inference');
}

export function clusterResult(name = 'Shared cluster, one month of jobs'): RunResult {
  const r = result(name, { cluster: { utilization: 0.78, meanQueueDelayS: 2.3 * 3600, p95JobCompletionS: 14 * 3600, makespanS: 30 * 86400 } }, {
    series: { utilization: { label: 'cluster utilization', xUnit: 'day', yUnit: 'fraction busy', x: Array.from({ length: 30 }, (_, d) => d), y: Array.from({ length: 30 }, (_, d) => 0.6 + 0.3 * Math.sin(d / 5) ** 2) } },
    warnings: [{ code: 'link-saturation', severity: 'warning', message: 'Spine links at 97% for 11% of the month.' }],
  });
  return withCost(r, 64, { mode: 'owned', utilization: 0.78 }, 'trace');
}

export function collectiveResult(name = 'All-reduce 1 GiB on 64 H100'): RunResult {
  return result(name, { collective: { timeS: 0.0141, algBandwidthGBps: 76.1, busBandwidthGBps: 150.0 } }, { fidelity: 'des' } as Partial<RunResult>);
}

/** Buy against rent for 3 years: 512 H100, three utilization options. */
export function tcoOptions(name = 'Buy, reserve or rent 512 H100 for 3 years'): RunResult[] {
  return [0.4, 0.7, 0.9].map((u) => {
    const r = result(name, { training: { stepTimeS: 2, tokensPerS: 1e6, achievedTflopsPerDevice: 400, mfu: 0.4, timeToTrainDays: 30, memoryPerDeviceGiB: 60, fitsInMemory: true, goodput: 0.95, devices: 512, wallTimeS: 30 * 86400 } }, {
      scenario: { name, hash: 'sha256:0123abcd', option: `${u * 100}% busy` },
    });
    return withCost(r, 64, { mode: 'compare', provider: 'aws', years: 3, utilization: u }, 'training');
  });
}

/** Every kind, keyed by a short name, for "each format for every scenario" tests. */
export function allFixtures(): Record<string, RunResult[]> {
  return { training: trainingSweep(), inference: [inferenceResult()], cluster: [clusterResult()], collective: [collectiveResult()], tco: tcoOptions() };
}
