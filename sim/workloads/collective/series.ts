/**
 * Bus bandwidth against message size, as nccl-tests prints it (-b 1K -e SIZE -f 2),
 * from the analytic model. The number of points is bounded so that a series over
 * thousands of ranks (all-to-all plans grow with N²) stays interactive.
 */
import type { ClusterModel } from '../../hardware/types';
import { analyticCollective } from '../../network/collectives';
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
  const n = req.ranks.length;
  const transfers = req.op === 'all-to-all' ? n * n : 8 * n;
  const x = messageSizes(req.bytes, transfers);
  const y = x.map((bytes) => analyticCollective({ ...req, bytes }, cluster, { seed }).busBandwidth / 1e9);
  return { label: `${req.op} bus bandwidth (analytic)`, xUnit: 'bytes', yUnit: 'GB/s', x, y };
}
