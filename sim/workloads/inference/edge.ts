/**
 * Edge or cloud: an edge device from the catalog runs the model itself, or
 * sends the request over a link with RTT, bandwidth and outages to the cloud
 * fleet. Per request (Poisson per device, outages an alternating renewal
 * process of exponential up and down times, all seeded): latency, deadline
 * misses, bytes that leave the device, and what happens while disconnected
 * (cloud: wait for the link; cloud-with-fallback: run on the device).
 */
import { Rng } from '../../engine/rng';
import { getDevice } from '../../hardware/catalog/index';
import type { Series, Warning } from '../../result';
import type { WorkloadEnv } from '../env';
import { analyticServing } from './analytic';
import { isCalibrated } from '../../../calibration/efficiency';
import { llmIterationTime, perRequestBatchTime, type ReplicaHardware } from './iteration-time';
import { weightBytes } from './model';
import type { ReplicaSetup } from './replica-setup';
import { resolveServedModel, type ServedModel } from './resolve-model';
import type { InferenceWorkload } from './schema';
import { cdfSeries, quantileSorted, sortedCopy } from './stats';
import { tokenSampler } from './traffic';

export type EdgePolicy = 'on-device' | 'cloud' | 'cloud-with-fallback';

export interface EdgePolicyResult {
  policy: EdgePolicy;
  requests: number;
  latencyP50S: number;
  latencyP99S: number;
  deadlineMissFraction: number;
  /** Bytes sent off the device (requests uploaded to the cloud). */
  bytesLeavingDevice: number;
  /** Requests that arrived while the device was disconnected. */
  requestsWhileDisconnected: number;
  /** Of those, how many were answered within the deadline. */
  disconnectedWithinDeadline: number;
  feasible: boolean;
}

export interface EdgeOutcome {
  breakdown: Record<string, unknown>;
  series: Record<string, Series>;
  warnings: Warning[];
}

/** Batch-1 latency of one request on the edge device: prefill then one decode step per further token. */
export function onDeviceLatencyS(model: ServedModel, hw: ReplicaHardware, input: number, output: number): number {
  if (model.kind === 'per-request') return perRequestBatchTime(model, hw, 1).timeS;
  const prefill = llmIterationTime(model, hw, { prefillTokens: input, prefillPairs: (input * (input + 1)) / 2, prefillsCompleting: 1, decodes: 0, decodeContext: 0 }).timeS;
  // Decode steps attend a growing context; the mean context is input + output/2.
  const step = llmIterationTime(model, hw, { prefillTokens: 0, prefillPairs: 0, prefillsCompleting: 0, decodes: 1, decodeContext: input + output / 2 }).timeS;
  return prefill + (output - 1) * step;
}

export function runEdge(w: InferenceWorkload, cloudModel: ServedModel, cloud: ReplicaSetup, replicas: number, env: WorkloadEnv): EdgeOutcome {
  const e = w.edge!;
  const warnings: Warning[] = [];
  const device = getDevice(e.device);
  const edgeModel = e.model ? resolveServedModel(e.model, 'workload.edge.model') : cloudModel;
  const hw: ReplicaHardware | null = device
    ? { device, tensor: 1, pipeline: 1, scaleUp: { kind: 'none', bandwidthPerDevice: 1, latency: 0, domainSize: 1 }, precision: e.precision, kvPrecision: e.precision === 'int8' || e.precision === 'fp8' ? e.precision : 'fp16', profile: env.calibration }
    : null;
  if (!device) warnings.push({ code: 'inference.edge-unknown-device', severity: 'error', message: `Edge device ${e.device} is not in the catalog; on-device results are left out.` });
  else if (!isCalibrated(env.calibration, device.id, e.precision)) {
    warnings.push({ code: 'inference.edge-uncalibrated', severity: 'info', message: `${device.id} has no calibration for ${e.precision}: on-device times use the generic efficiency curve.` });
  }
  const fits = !!hw && (edgeModel.kind === 'per-request' ? edgeModel.weightBytes < hw.device.memoryBytes : weightBytes(edgeModel, hw.precision) < hw.device.memoryBytes);
  if (hw && !fits) warnings.push({ code: 'inference.edge-does-not-fit', severity: 'warning', message: `${edgeModel.name} does not fit in ${hw.device.id} memory at ${e.precision}; on-device runs are impossible.` });

  // Cloud service time: the fleet's latency distribution at the load all edge devices send.
  const cloudRate = e.devices * e.ratePerDevice;
  const atCloud: InferenceWorkload = { ...w, traffic: { ...w.traffic, pattern: 'poisson', rate: cloudRate } };
  const fleet = analyticServing(atCloud, cloudModel, cloud, replicas, env.seed);
  const cloudService = fleet.e2eSamples;

  const rng = new Rng(env.seed, 11);
  const drawIn = tokenSampler(w.traffic.inputTokens, rng);
  const drawOut = tokenSampler(w.traffic.outputTokens, rng);
  const duration = w.traffic.duration;
  const policies: EdgePolicy[] = ['on-device', 'cloud', 'cloud-with-fallback'];
  const latencies: Record<EdgePolicy, number[]> = { 'on-device': [], cloud: [], 'cloud-with-fallback': [] };
  const acc = Object.fromEntries(policies.map((p) => [p, { bytes: 0, disc: 0, discOk: 0, miss: 0 }])) as Record<EdgePolicy, { bytes: number; disc: number; discOk: number; miss: number }>;
  const transfer = e.requestBytes / e.uplink + e.responseBytes / e.downlink;
  let downTime = 0;
  for (let d = 0; d < e.devices; d++) {
    const dev = rng.fork(d + 1);
    // Outage intervals of this device over the window.
    const outages: Array<[number, number]> = [];
    if (e.meanTimeBetweenOutages) {
      let t = dev.exponential(1 / e.meanTimeBetweenOutages);
      while (t < duration) {
        const end = t + dev.exponential(1 / e.meanOutage);
        outages.push([t, end]);
        downTime += Math.min(end, duration) - t;
        t = end + dev.exponential(1 / e.meanTimeBetweenOutages);
      }
    }
    let k = 0;
    for (let t = dev.exponential(e.ratePerDevice); t < duration; t += dev.exponential(e.ratePerDevice)) {
      while (k < outages.length && outages[k][1] <= t) k++;
      const down = k < outages.length && outages[k][0] <= t;
      const reconnectWait = down ? outages[k][1] - t : 0;
      const input = drawIn();
      const output = drawOut();
      const local = fits && hw ? onDeviceLatencyS(edgeModel, hw, input, output) : Infinity;
      const service = cloudService[dev.int(cloudService.length)];
      const remote = e.rtt + transfer + service;
      const result: Record<EdgePolicy, [number, number]> = {
        'on-device': [local, 0],
        cloud: [reconnectWait + remote, e.requestBytes],
        'cloud-with-fallback': down ? [local, 0] : [remote, e.requestBytes],
      };
      for (const p of policies) {
        const [lat, bytes] = result[p];
        latencies[p].push(lat);
        acc[p].bytes += bytes;
        if (lat > e.deadline) acc[p].miss++;
        if (down) {
          acc[p].disc++;
          if (lat <= e.deadline) acc[p].discOk++;
        }
      }
    }
  }
  const results: EdgePolicyResult[] = policies.map((p) => {
    const sorted = sortedCopy(latencies[p]);
    const n = sorted.length;
    return {
      policy: p, requests: n, latencyP50S: quantileSorted(sorted, 0.5), latencyP99S: quantileSorted(sorted, 0.99),
      deadlineMissFraction: n ? acc[p].miss / n : 0, bytesLeavingDevice: acc[p].bytes,
      requestsWhileDisconnected: acc[p].disc, disconnectedWithinDeadline: acc[p].discOk,
      feasible: p === 'cloud' || fits,
    };
  });
  const chosen = sortedCopy(latencies[e.policy].filter(Number.isFinite));
  return {
    breakdown: {
      device: e.device, policy: e.policy, onDeviceFits: fits, cloudRateRps: cloudRate,
      disconnectedFraction: downTime / (e.devices * duration), policies: results,
      chosen: results.find((r) => r.policy === e.policy),
    },
    series: { edgeLatencyCdf: cdfSeries(`edge latency (${e.policy})`, chosen) },
    warnings,
  };
}
