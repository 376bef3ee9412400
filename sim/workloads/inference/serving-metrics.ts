/** DESIGN.md inference metrics and chart series from a serving DES run. */
import type { Series } from '../../result';
import type { InferenceWorkload } from './schema';
import type { ServingRun } from './serving-des';
import { cdfSeries, quantileSorted } from './stats';

/** DESIGN.md inference metrics from a DES run. */
export function servingMetrics(w: InferenceWorkload, run: ServingRun, replicas: number) {
  const { ttft, tpot, e2e } = run;
  const ok = run.sloMet;
  // Measured window: after the warm-up, until the traffic ends or the last request finishes.
  const window = Math.max(w.traffic.duration, run.endS) - (w.traffic.warmup ?? 0);
  return {
    throughputTokensPerS: run.outputTokens / window,
    ttftP50S: quantileSorted(ttft, 0.5),
    ttftP99S: quantileSorted(ttft, 0.99),
    tpotP50S: quantileSorted(tpot, 0.5),
    sloAttainment: run.arrived > 0 ? ok / run.arrived : 1,
    replicas,
    tpotP99S: quantileSorted(tpot, 0.99),
    ttftMeanS: mean(ttft),
    tpotMeanS: mean(tpot),
    e2eP50S: quantileSorted(e2e, 0.5),
    e2eP99S: quantileSorted(e2e, 0.99),
    requests: run.arrived,
    finished: run.finished,
    tokensServed: run.inputTokens + run.outputTokens,
    outputTokens: run.outputTokens,
    durationS: w.traffic.duration,
    deviceHours: run.deviceSeconds / 3600,
    busyDeviceHours: run.busyDeviceSeconds / 3600,
  };
}

export function servingSeries(run: ServingRun): Record<string, Series> {
  return {
    latencyCdf: cdfSeries('end-to-end latency', run.e2e),
    ttftCdf: cdfSeries('time to first token', run.ttft),
    replicas: { label: 'ready replicas', xUnit: 's', yUnit: 'replicas', x: run.series.t, y: run.series.replicas },
    queueLength: { label: 'queued requests', xUnit: 's', yUnit: 'requests', x: run.series.t, y: run.series.queued },
  };
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length > 0 ? sum / values.length : NaN;
}
