/**
 * Cold start of a replica: node provisioning when the pool has no free
 * devices, image pull, then reading the weights from a storage tier. The read
 * runs at min(streams × per-stream limit, the tier's aggregate bandwidth shared
 * by the replicas loading at once), after the tier's first-byte latency.
 */
import type { StorageTierSpec } from '../../hardware/types';

export function findStorageTier(tiers: StorageTierSpec[], key: string | undefined): StorageTierSpec | undefined {
  if (key === undefined) return tiers[0];
  return tiers.find((t) => t.id === key || t.name === key || t.tier === key);
}

export function modelLoadS(weightBytes: number, tier: StorageTierSpec, streams: number, loadingTogether: number): number {
  const rate = Math.min(streams * tier.perStreamBandwidth, tier.aggregateReadBandwidth / Math.max(1, loadingTogether));
  return tier.requestLatency + weightBytes / rate;
}
