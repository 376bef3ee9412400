/**
 * How the devices are divided among the parallel dimensions, and where each
 * dimension's groups land: rank = sum(index_dim × stride_dim), strides taken
 * in the placement order (innermost first), devices numbered node-major, so a
 * dimension whose stride × size fits in a node stays inside the NVLink domain.
 */
import type { ClusterModel } from '../../hardware/types';
import type { ParallelismInput } from './schema';

export type ParallelDim = 'tensor' | 'context' | 'data' | 'pipeline';

export const defaultPlacementOrder: ParallelDim[] = ['tensor', 'context', 'data', 'pipeline'];

export interface Layout {
  tensor: number;
  pipeline: number;
  data: number;
  context: number;
  expert: number;
  microBatchSize: number;
  globalBatchSize: number;
  /** Micro-batches per data-parallel replica per step. */
  microBatches: number;
  virtualStages: number;
  devices: number;
  devicesPerNode: number;
  order: ParallelDim[];
  stride: Record<ParallelDim, number>;
}

export function derivedDataSize(par: ParallelismInput, devices: number): number {
  return par.data ?? Math.max(1, Math.floor(devices / (par.tensor * par.pipeline * par.context)));
}

export function buildLayout(par: ParallelismInput, cluster: ClusterModel): Layout {
  const data = derivedDataSize(par, cluster.deviceCount);
  const order = par.placement?.order ?? defaultPlacementOrder;
  const size: Record<ParallelDim, number> = { tensor: par.tensor, context: par.context, data, pipeline: par.pipeline };
  const stride = {} as Record<ParallelDim, number>;
  let s = 1;
  for (const dim of order) {
    stride[dim] = s;
    s *= size[dim];
  }
  return {
    tensor: par.tensor,
    pipeline: par.pipeline,
    data,
    context: par.context,
    expert: par.expert,
    microBatchSize: par.microBatchSize,
    globalBatchSize: par.globalBatchSize,
    microBatches: Math.max(1, Math.floor(par.globalBatchSize / (par.microBatchSize * data))),
    virtualStages: par.schedule === 'interleaved' ? par.virtualStages : 1,
    devices: par.tensor * par.pipeline * data * par.context,
    devicesPerNode: cluster.pools[0]?.node.devicesPerNode ?? 1,
    order,
    stride,
  };
}

/** Global ranks of the group of `dim` that contains rank 0 (all groups are alike by symmetry). */
export function groupRanks(layout: Layout, dim: ParallelDim, size = layout[dim]): number[] {
  return Array.from({ length: size }, (_, i) => i * layout.stride[dim]);
}

/** Expert-parallel groups are the innermost `expert` ranks of the data × context ranks. */
export function expertGroupRanks(layout: Layout): number[] {
  const inner: ParallelDim = layout.stride.context < layout.stride.data ? 'context' : 'data';
  const innerSize = Math.min(layout.expert, layout[inner]);
  const ranks = groupRanks(layout, inner, innerSize);
  if (innerSize >= layout.expert) return ranks;
  const outer: ParallelDim = inner === 'context' ? 'data' : 'context';
  const outerCount = Math.ceil(layout.expert / innerSize);
  return groupRanks(layout, outer, outerCount).flatMap((o) => ranks.map((r) => r + o)).slice(0, layout.expert);
}

export interface PlacementReport {
  order: ParallelDim[];
  dims: Record<string, { size: number; stride: number; insideNode: boolean }>;
}

/** Which dimensions stay inside a node: what the breakdown shows and the user may change. */
export function placementReport(layout: Layout): PlacementReport {
  const dims: PlacementReport['dims'] = {};
  for (const dim of layout.order) {
    const ranks = groupRanks(layout, dim);
    dims[dim] = { size: layout[dim], stride: layout.stride[dim], insideNode: spansOneNode(ranks, layout.devicesPerNode) };
  }
  const er = expertGroupRanks(layout);
  dims.expert = { size: layout.expert, stride: er.length > 1 ? er[1] - er[0] : 1, insideNode: spansOneNode(er, layout.devicesPerNode) };
  return { order: layout.order, dims };
}

export function spansOneNode(ranks: number[], devicesPerNode: number): boolean {
  const nodes = new Set(ranks.map((r) => Math.floor(r / devicesPerNode)));
  return nodes.size <= 1;
}
