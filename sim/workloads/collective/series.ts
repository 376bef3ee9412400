/**
 * Bus bandwidth against message size, as nccl-tests prints it (-b 1K -e SIZE -f 2),
 * from the analytic model, with the algorithm 'auto' picks at each size.
 */
import type { ClusterModel } from '../../hardware/types';
import { analyticCollectiveSweep } from '../../network/collectives';
import type { CollectiveRequest } from '../../network/types';
import type { Series } from '../../result';

const transferBudget = 4e6;


export function messageSizes(maxBytes: number, transfersPerPoint: number): number[] {
  const all: number[] = [];
  for (let b = 1024; b < maxBytes; b *= 2) all.push(b);
  all.push(maxBytes);
  const budget = Math.max(3, Math.floor(transferBudget / Math.max(1, transfersPerPoint)));
  if (all.length <= budget) return all;
  const stride = Math.ceil(all.length / budget);
  const picked = all.filter((_, i) => i % stride === 0);
  if (picked[picked.length - 1] !== maxBytes) picked.push(maxBytes);
  return picked;
}

export function busBandwidthSeries(req: CollectiveRequest, cluster: ClusterModel, seed: number): Series {
  // Plans are priced per size without rebuilding, except broadcast's (8 channels x N edges per size).
  const transfers = req.op === 'broadcast' ? 8 * req.ranks.length : 0;
  const x = messageSizes(req.bytes, transfers);
  const points = analyticCollectiveSweep(req, x, cluster, { seed });
  return { label: `${req.op} bus bandwidth (analytic)`, xUnit: 'bytes', yUnit: 'GB/s', x, y: points.map((p) => p.busBandwidth / 1e9), algorithm: points.map((p) => p.algorithm) } as Series;
}
