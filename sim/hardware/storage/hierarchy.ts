/**
 * Read hierarchies: host RAM and local NVMe caching a shared store. A level
 * with hit rate h serves h of the reads that reach it (misses fall through):
 * level i serves f_i = h_i x prod_{j<i} (1 - h_j), the backing store the rest.
 * All levels serve concurrently (a data loader keeps many reads in flight), so
 * the delivered rate R must satisfy f_i x R <= rate_i at every level and the
 * shared tiers' share of R must fit the clients' NICs:
 *
 *   R = min( min_i rate_i / f_i ,  clients x clientBandwidth / sum_{shared i} f_i )
 *
 * Filling a cache on a miss is not charged (RAM and NVMe writes are far faster
 * than the backing store they hide).
 */
import type { StorageTierSpec } from '../types';
import { type IoPattern, isPerNode, sustainedRate, type StorageBottleneck } from './analytic';

export interface HierarchyLevel {
  tier: StorageTierSpec;
  /** Fraction of the reads reaching this level that it serves (1 for the backing store). */
  hitRate: number;
}

export interface LevelLoad {
  id: string;
  tier: StorageTierSpec['tier'];
  hitRate: number;
  /** Fraction of all reads this level serves. */
  fraction: number;
  /** Rate this level alone could sustain, bytes/s. */
  rate: number;
  bottleneck: StorageBottleneck;
  /** Its share of the delivered rate over what it can sustain (1 = the binding level). */
  utilization: number;
}

export interface DataLoadEstimate {
  /** Bytes/s the hierarchy delivers to the clients together. */
  rate: number;
  /** What binds: `<tier id>:<limit>` or `client-network`. */
  bottleneck: string;
  levels: LevelLoad[];
}

/**
 * Hit rate of a cache of `cacheBytes` per node over a dataset of `datasetBytes`
 * read in a random global order each epoch, once warm: the cache holds a fixed
 * cacheBytes of the data (pinned shards), so min(1, cacheBytes / datasetBytes).
 */
export function cacheHitRate(cacheBytes: number, datasetBytes: number): number {
  if (!(datasetBytes > 0)) return 1;
  return Math.min(1, cacheBytes / datasetBytes);
}

/** Fractions of all reads served by each level (last level takes every remaining miss). */
export function servedFractions(levels: readonly HierarchyLevel[]): number[] {
  let reaching = 1;
  return levels.map((level, i) => {
    const h = i === levels.length - 1 ? 1 : level.hitRate;
    const f = reaching * h;
    reaching *= 1 - h;
    return f;
  });
}

const cacheOrder: Record<string, number> = { 'host-ram': 0, 'local-nvme': 1 };

/**
 * The read hierarchy of a cluster's storage list: per-node tiers first (RAM,
 * then NVMe) with their `hitRate` (or, given a dataset size, the hit rate of
 * their capacity), then the first shared tier as the backing store.
 */
export function readHierarchy(storage: readonly StorageTierSpec[], datasetBytes?: number): HierarchyLevel[] {
  const shared = storage.filter((t) => !isPerNode(t));
  const caches = storage
    .filter((t) => isPerNode(t))
    .sort((a, b) => (cacheOrder[a.tier] ?? 9) - (cacheOrder[b.tier] ?? 9))
    .map((tier) => ({ tier, hitRate: tier.hitRate ?? (datasetBytes !== undefined ? cacheHitRate(tier.capacityBytes, datasetBytes) : 0) }));
  if (shared.length > 0) return [...caches, { tier: shared[0], hitRate: 1 }];
  if (caches.length === 0) return [];
  return [...caches.slice(0, -1), { ...caches[caches.length - 1], hitRate: 1 }];
}

/** Rate at which the clients can read objects of `pattern.objectBytes` through the hierarchy. */
export function dataLoadRate(levels: readonly HierarchyLevel[], pattern: IoPattern & { objectBytes: number }): DataLoadEstimate {
  if (levels.length === 0) throw new Error('dataLoadRate: no storage tier to read from');
  const fractions = servedFractions(levels);
  // Each level's own limits, without the client NIC (that is shared by all shared levels below).
  const own = levels.map((l) => sustainedRate(l.tier, 'read', { ...pattern, clientBandwidth: undefined }));
  let rate = Infinity;
  let bottleneck = '';
  levels.forEach((l, i) => {
    if (fractions[i] <= 0) return;
    const r = own[i].rate / fractions[i];
    if (r < rate) {
      rate = r;
      bottleneck = `${l.tier.id}:${own[i].bottleneck}`;
    }
  });
  const sharedFraction = levels.reduce((s, l, i) => s + (isPerNode(l.tier) ? 0 : fractions[i]), 0);
  const network = pattern.clients * (pattern.clientBandwidth ?? Infinity);
  if (sharedFraction > 0 && network / sharedFraction < rate) {
    rate = network / sharedFraction;
    bottleneck = 'client-network';
  }
  return {
    rate,
    bottleneck,
    levels: levels.map((l, i) => ({
      id: l.tier.id,
      tier: l.tier.tier,
      hitRate: i === levels.length - 1 ? 1 : l.hitRate,
      fraction: fractions[i],
      rate: own[i].rate,
      bottleneck: own[i].bottleneck,
      utilization: (fractions[i] * rate) / own[i].rate,
    })),
  };
}
