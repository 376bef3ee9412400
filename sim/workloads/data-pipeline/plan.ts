/**
 * Resolving a data-pipeline workload against a cluster: which pool and how
 * many nodes, cores and streams per node, the NIC rate, which storage tier each
 * source and the output live on, and each stage's input and output bytes.
 * Both fidelities run from this plan.
 */
import { getDevice, getFabric } from '../../hardware/catalog/index';
import { isPerNode } from '../../hardware/storage/analytic';
import type { ClusterModel, PoolModel, StorageTierSpec } from '../../hardware/types';
import type { DataPipelineWorkload } from './schema';

export interface StageRead {
  source: string;
  tier: StorageTierSpec;
  bytes: number;
  objectBytes: number;
}

export interface StagePlan {
  name: string;
  partitions: number;
  throughputPerCore: number;
  shuffle: boolean;
  /** The last stage writes its output to the output tier. */
  writesOutput: boolean;
  inputBytes: number;
  outputBytes: number;
  /** Reads from storage (sources); input from earlier stages is already on the nodes. */
  reads: StageRead[];
}

export interface PipelinePlan {
  pool: PoolModel;
  nodes: number;
  coresPerNode: number;
  streamsPerNode: number;
  /** Usable NIC bandwidth per node, one direction (NICs x rate x fabric efficiency), bytes/s. */
  nicBandwidth: number;
  /** Per-node shuffle bandwidth after leaf oversubscription, bytes/s. */
  shuffleBandwidth: number;
  stages: StagePlan[];
  outputTier: StorageTierSpec;
  outputObjectBytes: number;
}

export interface PlanIssue {
  path: string;
  expected: string;
  found?: string;
}

/** A storage reference: tier kind, preset id or name, first match in cluster order. */
export function findTier(storage: readonly StorageTierSpec[], ref: string): StorageTierSpec | undefined {
  return storage.find((t) => t.id === ref) ?? storage.find((t) => t.name === ref) ?? storage.find((t) => t.tier === ref);
}

export function pipelinePool(workload: DataPipelineWorkload, cluster: ClusterModel): PoolModel | undefined {
  if (workload.pool !== undefined) return cluster.pools.find((p) => p.name === workload.pool);
  return cluster.pools.find((p) => p.device.kind === 'cpu') ?? cluster.pools[0];
}

function coresOf(pool: PoolModel): number | undefined {
  if (pool.device.cores) return pool.device.cores * pool.node.devicesPerNode;
  const cpu = pool.node.cpu ? getDevice(pool.node.cpu) : undefined;
  if (cpu?.cores) return cpu.cores * (pool.node.cpusPerNode ?? 1);
  return undefined;
}

/** Problems that stop the plan, with paths relative to the scenario root. */
export function planIssues(workload: DataPipelineWorkload, cluster: ClusterModel): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const pool = pipelinePool(workload, cluster);
  const storageWords = cluster.storage.length === 0 ? 'none: add cluster.storage' : cluster.storage.map((t) => `${t.tier} (${t.id})`).join(', ');
  if (!pool) issues.push({ path: 'workload.pool', expected: `a pool name: ${cluster.pools.map((p) => p.name).join(', ')}`, found: workload.pool });
  else {
    if (workload.nodes !== undefined && workload.nodes > pool.count) issues.push({ path: 'workload.nodes', expected: `at most the ${pool.count} nodes of pool ${pool.name}`, found: String(workload.nodes) });
    if (workload.coresPerNode === undefined && coresOf(pool) === undefined)
      issues.push({ path: 'workload.coresPerNode', expected: `a core count (the catalog gives none for ${pool.device.id} or its host CPU)` });
  }
  workload.sources.forEach((s, i) => {
    if (!findTier(cluster.storage, s.storage)) issues.push({ path: `workload.sources[${i}].storage`, expected: `a cluster storage tier: ${storageWords}`, found: s.storage });
  });
  if (!findTier(cluster.storage, workload.output.storage)) issues.push({ path: 'workload.output.storage', expected: `a cluster storage tier: ${storageWords}`, found: workload.output.storage });
  const known = new Set(workload.sources.map((s) => s.name));
  workload.stages.forEach((stage, i) => {
    (stage.inputs ?? []).forEach((name, j) => {
      if (!known.has(name)) issues.push({ path: `workload.stages[${i}].inputs[${j}]`, expected: `a source or an earlier stage: ${[...known].join(', ')}`, found: name });
    });
    known.add(stage.name);
  });
  return issues;
}

/** The plan; call planIssues first (this throws on the first problem). */
export function planPipeline(workload: DataPipelineWorkload, cluster: ClusterModel, nodesOverride?: number): PipelinePlan {
  const issues = planIssues(workload, cluster);
  if (issues.length > 0) throw new Error(`data pipeline: ${issues[0].path}: expected ${issues[0].expected}`);
  const pool = pipelinePool(workload, cluster)!;
  const nodes = nodesOverride ?? workload.nodes ?? pool.count;
  const fabric = getFabric(pool.node.nics.fabric) ?? cluster.fabric;
  const nicBandwidth = pool.node.nics.count * pool.node.nics.bandwidth * fabric.efficiency;
  const sourceBytes = new Map(workload.sources.map((s) => [s.name, s.bytes]));
  const stageOutput = new Map<string, number>();
  const stages: StagePlan[] = workload.stages.map((stage, i) => {
    const inputs = stage.inputs ?? (i === 0 ? workload.sources.map((s) => s.name) : [workload.stages[i - 1].name]);
    const inputBytes = inputs.reduce((sum, name) => sum + (sourceBytes.get(name) ?? stageOutput.get(name) ?? 0), 0);
    const partitionBytes = inputBytes / stage.partitions;
    const reads = inputs.flatMap((name) => {
      const source = workload.sources.find((s) => s.name === name);
      if (!source) return [];
      return [{ source: name, tier: findTier(cluster.storage, source.storage)!, bytes: source.bytes, objectBytes: source.objectBytes ?? partitionBytes }];
    });
    const outputBytes = inputBytes * stage.outputRatio;
    stageOutput.set(stage.name, outputBytes);
    return {
      name: stage.name,
      partitions: stage.partitions,
      throughputPerCore: stage.throughputPerCore,
      shuffle: stage.shuffle,
      writesOutput: i === workload.stages.length - 1,
      inputBytes,
      outputBytes,
      reads,
    };
  });
  const last = stages[stages.length - 1];
  const outputTier = findTier(cluster.storage, workload.output.storage)!;
  return {
    pool,
    nodes,
    coresPerNode: workload.coresPerNode ?? coresOf(pool)!,
    streamsPerNode: workload.streamsPerNode,
    nicBandwidth,
    shuffleBandwidth: nicBandwidth / cluster.network.oversubscription,
    stages,
    outputTier,
    outputObjectBytes: workload.output.objectBytes ?? last.outputBytes / last.partitions,
  };
}

/** Whether reads/writes of this tier cross the node's NIC. */
export const crossesNic = (tier: StorageTierSpec) => !isPerNode(tier);
