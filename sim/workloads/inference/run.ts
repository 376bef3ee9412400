/**
 * runInference: the inference-serving workload runner (analytic or des), and
 * checkInference: the cross-checks against the cluster that `validate` runs.
 */
import type { ClusterModel, PoolModel } from '../../hardware/types';
import type { Series, Warning } from '../../result';
import type { WorkloadEnv, WorkloadOutcome } from '../env';
import { analyticServing } from './analytic';
import { runAutoscaled } from './autoscaled-run';
import { runEdge } from './edge';
import { weightBytes } from './model';
import { replicaSetup } from './replica-setup';
import { resolveServedModel } from './resolve-model';
import { type InferenceWorkload, schedulerPolicy } from './schema';
import { simulateServing } from './serving-des';
import { sizeFleet } from './sizing';
import { servingMetrics, servingSeries } from './serving-metrics';
import { cdfSeries } from './stats';
import { distributionMean } from './traffic';

export function pickPool(w: InferenceWorkload, cluster: ClusterModel): PoolModel | undefined {
  return w.replica.pool ? cluster.pools.find((p) => p.name === w.replica.pool) : cluster.pools[0];
}

export function checkInference(w: InferenceWorkload, cluster: ClusterModel): Array<{ path: string; expected: string; found?: string }> {
  const issues: Array<{ path: string; expected: string; found?: string }> = [];
  const pool = pickPool(w, cluster);
  if (!pool) {
    issues.push({ path: 'workload.replica.pool', expected: `a pool of the cluster (${cluster.pools.map((p) => p.name).join(', ')})`, found: w.replica.pool });
    return issues;
  }
  const devices = w.replica.tensor * w.replica.pipeline;
  if (w.replica.tensor > pool.node.scaleUp.domainSize) {
    issues.push({ path: 'workload.replica.tensor', expected: `at most ${pool.node.scaleUp.domainSize} (the scale-up domain of ${pool.node.id})`, found: String(w.replica.tensor) });
  }
  const poolDevices = pool.count * pool.node.devicesPerNode;
  if (typeof w.replicas === 'number' && !w.autoscaling && w.replicas * devices > poolDevices) {
    issues.push({ path: 'workload.replicas', expected: `replicas x tensor x pipeline <= ${poolDevices} devices of pool ${pool.name}`, found: `${w.replicas} x ${devices} = ${w.replicas * devices}` });
  }
  try {
    const model = resolveServedModel(w.model);
    if (model.kind === 'llm') {
      const usable = pool.device.memoryBytes * devices * w.batching.memoryUtilization;
      const weights = weightBytes(model, w.precision);
      if (weights >= usable) {
        issues.push({
          path: 'workload.replica.tensor',
          expected: `enough devices per replica to hold ${(weights / 1e9).toFixed(1)} GB of weights (${(usable / 1e9).toFixed(1)} GB usable now)`,
          found: String(w.replica.tensor),
        });
      }
    }
  } catch {
    issues.push({ path: 'workload.model', expected: 'a known model preset or a model description' });
  }
  if (w.traffic.pattern === 'trace' && !w.traffic.trace?.length) issues.push({ path: 'workload.traffic.trace', expected: 'requests as [time s, input tokens, output tokens] for pattern trace' });
  if (w.traffic.pattern === 'closed' && !w.traffic.concurrency) issues.push({ path: 'workload.traffic.concurrency', expected: 'a number of clients for pattern closed' });
  if (['poisson', 'daily', 'bursts'].includes(w.traffic.pattern) && !w.traffic.rate) issues.push({ path: 'workload.traffic.rate', expected: 'a request rate such as 100 rps' });
  if (w.traffic.warmup >= w.traffic.duration) {
    issues.push({ path: 'workload.traffic.warmup', expected: `less than the traffic duration (${w.traffic.duration} s)`, found: `${w.traffic.warmup} s` });
  }
  if (w.autoscaling && w.autoscaling.minReplicas > w.autoscaling.maxReplicas) {
    issues.push({ path: 'workload.autoscaling.minReplicas', expected: `at most maxReplicas (${w.autoscaling.maxReplicas})`, found: String(w.autoscaling.minReplicas) });
  }
  return issues;
}

export function runInference(w: InferenceWorkload, env: WorkloadEnv): WorkloadOutcome {
  const model = resolveServedModel(w.model);
  const warnings: Warning[] = [];
  const breakdown: Record<string, unknown> = {};
  const series: Record<string, Series> = {};
  let pool = pickPool(w, env.cluster) ?? env.cluster.pools[0];

  // Replica count: given, or sized from the SLO (which also picks the accelerator).
  let replicas: number;
  if (w.replicas === 'auto') {
    const sizing = sizeFleet(w, model, env.cluster.pools, env.calibration, env.seed);
    breakdown.sizing = sizing;
    if (sizing.best) {
      pool = env.cluster.pools.find((p) => p.name === sizing.best!.pool)!;
      replicas = sizing.best.replicas!;
    } else {
      replicas = 1;
      warnings.push({ code: 'inference.sizing-failed', severity: 'error', message: `No pool meets the SLO (TTFT ${w.slo.ttft} s, TPOT ${w.slo.tpot} s for ${w.slo.attainment * 100}% of requests); showing 1 replica. Loosen the SLO, shorten requests or add faster devices.` });
    }
  } else replicas = w.replicas;

  const setup = replicaSetup(w, model, pool, env.calibration);
  breakdown.replica = {
    pool: pool.name, device: pool.device.id, tensor: w.replica.tensor, pipeline: w.replica.pipeline,
    devicesPerReplica: setup.devicesPerReplica, weightBytesPerDevice: setup.kv?.weightBytesPerDevice ?? null,
    kvCapacityTokens: setup.kv?.tokens ?? null, kvBytesPerToken: setup.kv?.kvBytesPerToken ?? null, precision: w.precision, kvPrecision: setup.hardware.kvPrecision,
  };
  // Which scheduler produced the numbers (engine preset and what it resolved to), and the client path they include.
  breakdown.schedulerPolicy = {
    engine: w.batching.engine, ...schedulerPolicy(w.batching), maxBatchTokens: w.batching.maxBatchTokens, maxBatchSize: w.batching.maxBatchSize,
    clientPathS: { request: w.frontend.requestLatency, response: w.frontend.responseLatency },
  };
  if (setup.kv && !setup.kv.fits) {
    warnings.push({ code: 'inference.does-not-fit', severity: 'error', message: `The weights do not fit in ${setup.devicesPerReplica} x ${pool.device.id} at memoryUtilization ${w.batching.memoryUtilization}; raise replica.tensor or lower the precision.` });
  }
  if (w.replica.pipeline > 1) {
    warnings.push({ code: 'inference.pipeline-no-interleave', severity: 'info', message: 'Pipeline stages are modelled without interleaved micro-batches: one batch crosses all stages per iteration (a lower bound on throughput).' });
  }
  if (model.kind === 'llm') {
    const meanIn = Math.round(distributionMean(w.traffic.inputTokens));
    breakdown.iteration = {
      prefillMeanPromptS: setup.iterationTime({ prefillTokens: meanIn, prefillPairs: (meanIn * (meanIn + 1)) / 2, prefillsCompleting: 1, decodes: 0, decodeContext: 0 }),
      decodeStepBatch1S: setup.iterationTime({ prefillTokens: 0, prefillPairs: 0, prefillsCompleting: 0, decodes: 1, decodeContext: meanIn }),
    };
  }

  let events = 0;
  if (w.autoscaling) {
    const auto = runAutoscaled(w, model, setup, env, warnings);
    Object.assign(breakdown, { autoscaling: auto.breakdown });
    Object.assign(series, auto.series);
    events = auto.events;
    const metrics = { inference: { ...auto.metrics, devicesPerReplica: setup.devicesPerReplica, devices: (auto.metrics.meanReplicas as number) * setup.devicesPerReplica } };
    addEdge();
    return { metrics, breakdown, series, warnings, events };
  }

  let inference: WorkloadOutcome['metrics']['inference'];
  if (env.fidelity === 'analytic') {
    const a = analyticServing(w, model, setup, replicas, env.seed);
    if (a.saturated) warnings.push({ code: 'inference.saturated', severity: 'warning', message: `Traffic peaks at ${(a.peakLoad * 100).toFixed(0)}% of the fleet's capacity (${(a.replicaCapacityRps * replicas).toFixed(2)} requests/s): queues grow without bound. Add replicas or set replicas: auto.` });
    const deviceSeconds = replicas * setup.devicesPerReplica * w.traffic.duration;
    inference = {
      throughputTokensPerS: a.throughputTokensPerS, ttftP50S: a.ttftP50S, ttftP99S: a.ttftP99S, tpotP50S: a.tpotP50S, sloAttainment: a.sloAttainment, replicas,
      tpotP99S: a.tpotP99S, e2eP50S: a.e2eP50S, e2eP99S: a.e2eP99S,
      requests: a.requestsPerS * w.traffic.duration,
      tokensServed: a.requestsPerS * w.traffic.duration * (distributionMean(w.traffic.inputTokens) + distributionMean(w.traffic.outputTokens)),
      outputTokens: a.throughputTokensPerS * w.traffic.duration,
      durationS: w.traffic.duration, deviceHours: deviceSeconds / 3600,
      busyDeviceHours: (deviceSeconds / 3600) * Math.min(1, a.peakLoad), replicaCapacityRps: a.replicaCapacityRps, decodeBatch: a.decodeBatch,
    };
    series.ttftCdf = cdfSeries('time to first token', a.ttftSamples);
    series.latencyCdf = cdfSeries('end-to-end latency', a.e2eSamples);
  } else {
    const run = simulateServing({
      traffic: w.traffic, slo: w.slo, routing: w.routing, replicas, scheduler: setup.scheduler, iterationTime: setup.iterationTime,
      devicesPerReplica: setup.devicesPerReplica, seed: env.seed, limits: env.limits, requestPath: { toEngineS: w.frontend.requestLatency, toClientS: w.frontend.responseLatency }, onProgress: env.onProgress, perRequest: model.kind === 'per-request',
    });
    events = run.events;
    inference = servingMetrics(w, run, replicas);
    breakdown.scheduler = { iterations: run.iterations, preemptions: run.preemptions, unfinished: run.arrived - run.finished };
    if (run.arrived > run.finished) {
      warnings.push({ code: 'inference.unfinished', severity: 'warning', message: `${run.arrived - run.finished} of ${run.arrived} requests had not finished by ${2 * w.traffic.duration} s (the fleet is overloaded); they count as SLO misses.` });
    }
    Object.assign(series, servingSeries(run));
  }
  addEdge();
  // What the cost model prices: devices held for the traffic window.
  inference = { ...inference!, devicesPerReplica: setup.devicesPerReplica, devices: replicas * setup.devicesPerReplica };
  return { metrics: { inference }, breakdown, series, warnings, events };

  function addEdge() {
    if (!w.edge) return;
    const edge = runEdge(w, model, setup, replicas, env);
    breakdown.edge = edge.breakdown;
    Object.assign(series, edge.series);
    warnings.push(...edge.warnings);
  }
}
