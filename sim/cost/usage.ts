/**
 * What a run used, read from a workload runner's outcome: devices, nodes and
 * their power, how long, and how many tokens. Runners name these fields in
 * their metrics; where one is missing we fall back to the whole cluster or to
 * one hour of it, and say so in a warning.
 */
import type { ClusterModel } from '../hardware/types';
import type { Warning } from '../result';
import type { WorkloadOutcome } from '../workloads/env';

export interface PoolUsage {
  pool: string;
  device: string;
  deviceName: string;
  node: string;
  devicesPerNode: number;
  devices: number;
  nodes: number;
  /** Full-load power of the nodes used, W. */
  powerW: number;
  nicsPerNode: number;
}

export interface RunUsage {
  devices: number;
  nodes: number;
  durationS: number;
  /** Tokens trained on or served; null when the workload has none. */
  tokens: number | null;
  pools: PoolUsage[];
  /** Where the duration came from, for the report. */
  durationFrom: string;
  /** Where the device count came from when not the plain device count (e.g. inference device-hours). */
  devicesFrom?: string;
  /** Costs the runner computed itself (e.g. cloud burst capacity), USD by category; added as opex. */
  extraUsd: Record<string, number>;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

function firstNumber(obj: Record<string, unknown> | undefined, names: string[]): number | undefined {
  if (!obj) return undefined;
  for (const n of names) {
    const v = num(obj[n]);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Devices taken from the pools in order (a job fills the first pool first).
 * With `overflow`, devices beyond the cluster go to the first pool (an
 * autoscaled fleet renting more of the same nodes).
 */
export function allocatePools(cluster: ClusterModel, devices: number, overflow = false): PoolUsage[] {
  let left = devices;
  const out: PoolUsage[] = [];
  for (const [k, p] of cluster.pools.entries()) {
    if (left <= 0) break;
    const per = Math.max(1, p.node.devicesPerNode);
    const extra = overflow && k === 0 ? Math.max(0, devices - cluster.deviceCount) : 0;
    const take = Math.min(left, p.count * per + extra);
    out.push(poolUsage(p, take));
    left -= take;
  }
  return out;
}

/** `devices` devices of one pool, on whole nodes. */
function poolUsage(p: ClusterModel['pools'][number], devices: number): PoolUsage {
  const per = Math.max(1, p.node.devicesPerNode);
  const nodes = Math.ceil(devices / per);
  return { pool: p.name, device: p.device.id, deviceName: p.device.name, node: p.node.id, devicesPerNode: per, devices, nodes, powerW: nodes * p.node.powerW, nicsPerNode: p.node.nics?.count ?? 0 };
}

export function runUsage(outcome: WorkloadOutcome, cluster: ClusterModel, workloadKind: string, warnings: Warning[]): RunUsage {
  const m = outcome.metrics;
  const b = outcome.breakdown as Record<string, unknown>;
  let devices: number | undefined;
  let durationS: number | undefined;
  let tokens: number | undefined;
  let durationFrom = '';
  const extraUsd: Record<string, number> = {};
  let devicesFrom: string | undefined;
  let mayOutgrowCluster = false;
  if (m.training) {
    const t = m.training as Record<string, unknown>;
    devices = firstNumber(t, ['devices', 'deviceCount']);
    durationS = firstNumber(t, ['wallTimeS']);
    durationFrom = 'metrics.training.wallTimeS';
    if (durationS === undefined && num(t.timeToTrainDays) !== undefined) {
      durationS = (t.timeToTrainDays as number) * 86400;
      durationFrom = 'metrics.training.timeToTrainDays';
    }
    tokens = firstNumber(t, ['totalTokens', 'tokens']);
    if (tokens === undefined && durationS !== undefined && num(t.tokensPerS) !== undefined) tokens = (t.tokensPerS as number) * durationS;
  } else if (m.inference) {
    const i = m.inference as Record<string, unknown>;
    durationS = firstNumber(i, ['durationS', 'simulatedDurationS', 'simulatedS', 'horizonS']);
    // Autoscaled fleets change size: the device-hours they held (cold starts included) are what is paid for,
    // so they come first; over the duration they give the mean devices held. The fleet may outgrow the pool.
    const deviceHours = firstNumber(i, ['deviceHours']);
    if (deviceHours !== undefined && deviceHours > 0 && durationS) {
      devices = (deviceHours * 3600) / durationS;
      devicesFrom = 'metrics.inference.deviceHours';
      mayOutgrowCluster = true;
    }
    devices ??= firstNumber(i, ['devices', 'devicesUsed', 'deviceCount']);
    const perReplica = firstNumber(i, ['devicesPerReplica']);
    if (devices === undefined && perReplica !== undefined && num(i.replicas) !== undefined) devices = perReplica * (i.replicas as number);
    durationFrom = 'metrics.inference duration';
    tokens = firstNumber(i, ['tokensServed', 'servedTokens', 'outputTokens', 'totalTokens']);
    if (tokens === undefined && durationS !== undefined && num(i.throughputTokensPerS) !== undefined) tokens = (i.throughputTokensPerS as number) * durationS;
  } else if (m.cluster) {
    const c = m.cluster as Record<string, unknown>;
    durationS = firstNumber(c, ['makespanS', 'horizonS']);
    durationFrom = 'metrics.cluster.makespanS';
    // Deliveries and shortages change what is installed: price the installed device-hours, as a mean device count.
    const capacityHours = firstNumber(c, ['capacityGpuHours', 'capacityDeviceHours']);
    if (capacityHours !== undefined && durationS) devices = Math.min(cluster.deviceCount, (capacityHours * 3600) / durationS);
    const burst = firstNumber(c, ['burstCostUsd']);
    if (burst !== undefined && burst > 0) extraUsd['cloud burst'] = burst;
  } else if (m.dataPipeline) {
    // A data pipeline runs on `nodes` nodes of one (CPU) pool for its total time; cpuNodeSeconds is their product.
    const d = m.dataPipeline as Record<string, unknown>;
    durationS = firstNumber(d, ['totalTimeS']);
    durationFrom = 'metrics.dataPipeline.totalTimeS';
    let nodes = firstNumber(d, ['nodes']);
    const nodeSeconds = firstNumber(d, ['cpuNodeSeconds']);
    if (durationS === undefined && nodeSeconds !== undefined && nodes) durationS = nodeSeconds / nodes;
    if (nodes === undefined && nodeSeconds !== undefined && durationS) nodes = nodeSeconds / durationS;
    const poolName = (obj(b.dataPipeline)?.pool as string | undefined) ?? undefined;
    const pool = cluster.pools.find((p) => p.name === poolName);
    if (durationS !== undefined && durationS >= 0 && nodes !== undefined && nodes > 0 && pool) {
      const pools = [poolUsage(pool, Math.min(nodes, pool.count) * Math.max(1, pool.node.devicesPerNode))];
      return { devices: pools[0].devices, nodes: pools[0].nodes, durationS, tokens: null, pools, durationFrom, devicesFrom: `metrics.dataPipeline.nodes (pool ${pool.name})`, extraUsd };
    }
  } else if (m.collective) {
    durationS = firstNumber(m.collective as Record<string, unknown>, ['timeS']);
    durationFrom = 'metrics.collective.timeS';
  }
  if (durationS === undefined) {
    durationS = firstNumber(b, ['wallTimeS', 'durationS']);
    if (durationS !== undefined) durationFrom = 'breakdown.wallTimeS';
  }
  if (durationS === undefined || durationS < 0) {
    warnings.push({
      code: 'cost-no-duration',
      severity: 'warning',
      message: `The ${workloadKind} result says nothing about how long it ran; the cost shown is for one hour of the cluster.`,
    });
    durationS = 3600;
    durationFrom = 'one hour (assumed)';
  }
  if (mayOutgrowCluster && devices !== undefined && devices > cluster.deviceCount) {
    warnings.push({ code: 'cost-fleet-beyond-cluster', severity: 'info', message: `The autoscaled fleet held ${devices.toFixed(1)} devices on average, more than the cluster's ${cluster.deviceCount}; the extra device-hours are priced like the first pool's.` });
    const pools = allocatePools(cluster, devices, true);
    return { devices, nodes: pools.reduce((s, p) => s + p.nodes, 0), durationS, tokens: tokens ?? null, pools, durationFrom, devicesFrom, extraUsd };
  }
  if (devices === undefined || devices <= 0 || devices > cluster.deviceCount) {
    if (devices !== undefined && devices > cluster.deviceCount) {
      warnings.push({ code: 'cost-devices-exceed-cluster', severity: 'warning', message: `The run reports ${devices} devices but the cluster has ${cluster.deviceCount}; the whole cluster is priced.` });
    } else if (m.training || m.inference) {
      warnings.push({ code: 'cost-no-devices', severity: 'info', message: `The ${workloadKind} result does not say how many devices it used; the whole cluster (${cluster.deviceCount}) is priced.` });
    }
    devices = cluster.deviceCount;
  }
  const pools = allocatePools(cluster, devices);
  return { devices, nodes: pools.reduce((s, p) => s + p.nodes, 0), durationS, tokens: tokens ?? null, pools, durationFrom, devicesFrom, extraUsd };
}
