import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getStorageTier } from '../../hardware/catalog/index';
import { buildCluster } from '../../hardware/cluster';
import { clusterSchema } from '../../hardware/schema';
import { dataLoadingEstimate, dataLoadingWarning, type DataLoadingSettings } from './data-loading';

const s3 = getStorageTier('s3-standard')!;
const nvme = getStorageTier('local-nvme')!;
const clusterWith = (storage: unknown[], nodes = 8) =>
  buildCluster(clusterSchema.parse({ pools: [{ name: 'h100', node: 'dgx-h100', count: nodes }], network: { topology: 'fat-tree', fabric: 'ib-ndr' }, storage }));
const settings = (s: Partial<DataLoadingSettings> = {}): DataLoadingSettings => ({ bytesPerToken: 430, objectBytes: 110e3, streamsPerNode: 128, prefetch: true, ...s });

// A step of 4,096 images of 256 tokens computing for 0.137 s (the ViT-H/14 scenario on 64 H100).
const tokens = 4096 * 256;
const compute = 0.137;

describe('dataLoadingEstimate', () => {
  it('small objects from one S3 prefix: the rate is requestRate × objectBytes and the stall bytes/rate − compute', () => {
    const e = dataLoadingEstimate(clusterWith([{ tier: 'object' }]), settings(), tokens, compute)!;
    expect(e.bindingLimit).toBe('s3-standard:request-rate');
    expect(e.availableBytesPerS).toBeCloseTo(s3.requestRate! * 110e3, 0);
    expect(e.requiredBytesPerS).toBeCloseTo((tokens * 430) / compute, 0);
    expect(e.stallS).toBeCloseTo((tokens * 430) / e.availableBytesPerS - compute, 9);
    expect(e.stallFraction).toBeCloseTo(e.stallS / (compute + e.stallS), 12);
  });

  it('few streams: each stream moves one object per first-byte latency + object / perStream (Little\'s law)', () => {
    const e = dataLoadingEstimate(clusterWith([{ tier: 'object' }]), settings({ streamsPerNode: 2 }), tokens, compute)!;
    expect(e.bindingLimit).toBe('s3-standard:per-stream');
    expect(e.availableBytesPerS).toBeCloseTo((8 * 2 * 110e3) / (s3.requestLatency + 110e3 / s3.perStreamBandwidth), 0);
  });

  it('without prefetch the whole read plus one first-byte latency adds to every step', () => {
    const e = dataLoadingEstimate(clusterWith([{ tier: 'local-nvme' }]), settings({ prefetch: false }), tokens, compute)!;
    expect(e.stallS).toBeCloseTo(nvme.requestLatency + (tokens * 430) / e.availableBytesPerS, 12);
    // Lustre keeps up with the step but a 10 ms read per step is visible unless overlapped.
    const lustre = dataLoadingEstimate(clusterWith([{ tier: 'parallel-fs' }]), settings({ prefetch: false }), tokens, compute)!;
    expect(lustre.stallFraction).toBeGreaterThan(0.01);
    expect(dataLoadingWarning(lustre, settings({ prefetch: false }))!.code).toBe('training.data-not-prefetched');
  });

  it('a local NVMe cache holding the whole dataset takes every read off object storage', () => {
    const cluster = clusterWith([{ tier: 'local-nvme' }, { tier: 'object' }]);
    const cold = dataLoadingEstimate(cluster, settings(), tokens, compute)!;
    const warm = dataLoadingEstimate(cluster, settings({ datasetBytes: 1e12 }), tokens, compute)!;
    expect(cold.stallS).toBeGreaterThan(0);
    expect(warm.stallS).toBe(0);
    expect(warm.levels.find((l) => l.tier === 'object')!.fraction).toBe(0);
    // Naming the tier reads from it alone, whatever caches sit in front.
    expect(dataLoadingEstimate(cluster, settings({ datasetBytes: 1e12, tier: 'object' }), tokens, compute)!.bindingLimit).toBe('s3-standard:request-rate');
  });

  it('no storage, or a tier the cluster lacks: no estimate', () => {
    expect(dataLoadingEstimate(clusterWith([]), settings(), tokens, compute)).toBeUndefined();
    expect(dataLoadingEstimate(clusterWith([{ tier: 'object' }]), settings({ tier: 'parallel-fs' }), tokens, compute)).toBeUndefined();
  });

  it('more streams never slow loading down, and larger objects never do either', () => {
    const cluster = clusterWith([{ tier: 'object' }]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 512 }), fc.double({ min: 1e3, max: 1e9, noNaN: true }), (a, b, o) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const slow = dataLoadingEstimate(cluster, settings({ streamsPerNode: lo, objectBytes: o }), tokens, compute)!;
      const fast = dataLoadingEstimate(cluster, settings({ streamsPerNode: hi, objectBytes: o }), tokens, compute)!;
      expect(fast.stallS).toBeLessThanOrEqual(slow.stallS + 1e-12);
      const bigger = dataLoadingEstimate(cluster, settings({ streamsPerNode: lo, objectBytes: o * 2 }), tokens, compute)!;
      expect(bigger.availableBytesPerS).toBeGreaterThanOrEqual(slow.availableBytesPerS * (1 - 1e-12));
    }), { numRuns: 200 });
  });
});

describe('dataLoadingWarning', () => {
  it('says what to change for the binding limit, and stays quiet when storage keeps up', () => {
    const s = settings();
    const object = dataLoadingWarning(dataLoadingEstimate(clusterWith([{ tier: 'object' }]), s, tokens, compute)!, s)!;
    expect(object.code).toBe('training.input-bound');
    expect(object.message).toMatch(/request rate/);
    expect(object.message).toMatch(/prefixes/);
    expect(object.message).toMatch(/local NVMe/);
    const few = settings({ streamsPerNode: 2 });
    expect(dataLoadingWarning(dataLoadingEstimate(clusterWith([{ tier: 'object' }]), few, tokens, compute)!, few)!.message).toMatch(/streamsPerNode from 2/);
    expect(dataLoadingWarning(dataLoadingEstimate(clusterWith([{ tier: 'parallel-fs' }]), s, tokens, compute)!, s)).toBeUndefined();
  });
});
