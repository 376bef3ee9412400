/**
 * analyticCollective results remembered per cluster object and seed: a step asks
 * the same few collectives (per layer, per stage) and the UI's slider re-runs the
 * same cluster many times, while one topology-aware estimate at a thousand ranks
 * costs about a millisecond. The estimate is a pure function of (request,
 * cluster, seed), so a hit returns exactly what a fresh call would.
 */
import type { ClusterModel } from '../../hardware/types';
import { analyticCollective } from '../../network/collectives';
import type { CollectiveEstimate, CollectiveRequest } from './collective-model';

const cache = new WeakMap<ClusterModel, Map<string, CollectiveEstimate>>();
const MAX_ENTRIES = 4096;

export function cachedAnalyticCollective(req: CollectiveRequest, cluster: ClusterModel, seed: number): CollectiveEstimate {
  let byKey = cache.get(cluster);
  if (!byKey) cache.set(cluster, (byKey = new Map()));
  const key = `${seed}|${req.op}|${req.algorithm ?? 'auto'}|${req.bytes}|${req.ranks.join(',')}`;
  let hit = byKey.get(key);
  if (!hit) {
    const r = analyticCollective(req, cluster, { seed });
    hit = { timeS: r.timeS, algBandwidth: r.algBandwidth, busBandwidth: r.busBandwidth, algorithm: r.algorithm, bottleneck: r.bottleneck };
    if (byKey.size >= MAX_ENTRIES) byKey.clear();
    byKey.set(key, hit);
  }
  return hit;
}
