import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { getNode } from './catalog/index';
import { buildCluster, nearCubicDims } from './cluster';
import { closestId, editDistance } from './did-you-mean';
import { clusterSchema } from './schema';

const build = (cluster: unknown) => buildCluster(clusterSchema.parse(cluster));

function inputErrorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('buildCluster', () => {
  it('resolves a catalog preset and counts devices across pools', () => {
    const c = build({ pools: [{ name: 'a', node: 'dgx-h100', count: 4 }, { name: 'b', node: 'dgx-a100-80gb', count: 2 }] });
    expect(c.deviceCount).toBe(4 * 8 + 2 * 8);
    expect(c.pools[0].device.id).toBe('h100-sxm');
    expect(c.pools[1].device.memoryBytes).toBe(80e9);
    expect(c.network).toMatchObject({ topology: 'fat-tree', fabric: 'ib-ndr', oversubscription: 1, routing: 'ideal' });
    expect(c.fabric.linkBandwidth).toBe(50e9);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('applies node and device overrides without changing the catalog', () => {
    const c = build({
      pools: [{ node: { preset: 'dgx-h100', override: { nics: { count: 4 }, deviceOverride: { memoryBandwidth: '3 TB/s', peakFlops: { bf16: '800 TFLOP/s' } } } }, count: 1 }],
    });
    const pool = c.pools[0];
    expect(pool.node.nics).toMatchObject({ count: 4, bandwidth: 50e9, fabric: 'ib-ndr' });
    expect(pool.device.memoryBandwidth).toBe(3e12);
    expect(pool.device.peakFlops.bf16).toBe(800e12);
    expect(pool.device.peakFlops.fp8).toBeCloseTo(1978.9e12, -9); // untouched fields stay
    expect(pool.node.name).toMatch(/modified/);
    expect(getNode('dgx-h100')!.nics.count).toBe(8);
  });

  it('swaps the device of a preset by id', () => {
    const c = build({ pools: [{ node: { preset: 'dgx-h100', override: { device: 'h200-sxm' } }, count: 2 }] });
    expect(c.pools[0].device.id).toBe('h200-sxm');
    expect(c.pools[0].node.device).toBe('h200-sxm');
  });

  it('accepts a node and device written inline, with unit strings turned to SI', () => {
    const c = build({
      pools: [
        {
          name: 'lab',
          count: 3,
          node: {
            device: { kind: 'gpu', peakFlops: { bf16: '100 TFLOP/s' }, memoryBytes: '24 GiB', memoryBandwidth: '1 TB/s', tdpW: '300 W' },
            devicesPerNode: 4,
            scaleUp: { kind: 'pcie', bandwidthPerDevice: '32 GB/s', latency: '3 us', domainSize: 4 },
            nics: { count: 1, bandwidth: '100 Gbps', latency: '2 us', fabric: 'roce-100g' },
            powerW: '2 kW',
          },
        },
      ],
    });
    expect(c.deviceCount).toBe(12);
    expect(c.pools[0].device).toMatchObject({ id: 'lab-device', memoryBytes: 24 * 2 ** 30, tdpW: 300 });
    expect(c.pools[0].node.nics.bandwidth).toBe(12.5e9);
    expect(c.pools[0].node.scaleUp.latency).toBeCloseTo(3e-6, 12);
    expect(c.fabric.id).toBe('roce-100g');
  });

  it('names the path and suggests the closest id for an unknown node', () => {
    const e = inputErrorOf(() => build({ pools: [{ node: 'dgx-h10', count: 1 }] }));
    expect(e.issues[0]).toMatchObject({ path: 'cluster.pools[0].node', found: '`dgx-h10`', hint: 'did you mean `dgx-h100`?' });
    expect(e.message).toContain('did you mean `dgx-h100`?');
  });

  it('reports every unknown id at once, each at its own path', () => {
    const e = inputErrorOf(() =>
      build({ pools: [{ node: 'dgx-h100', count: 1 }, { node: { preset: 'dgx-h100', override: { device: 'h100-smx' } }, count: 1 }, { node: 'nothing-like-it', count: 1 }] }),
    );
    expect(e.issues.map((i) => i.path)).toEqual(['cluster.pools[1].node.override.device', 'cluster.pools[2].node']);
    expect(e.issues[0].hint).toBe('did you mean `h100-sxm`?');
    expect(e.issues[1].hint).toBe('see `clusterplan list`');
  });

  it('rejects an override with no preset that is not a whole node', () => {
    const e = inputErrorOf(() => build({ pools: [{ node: { override: { device: 'h100-sxm' } }, count: 1 }] }));
    expect(e.issues.some((i) => i.path === 'cluster.pools[0].node.override.devicesPerNode')).toBe(true);
  });

  it('suggests a fabric for a misspelt network fabric', () => {
    const e = inputErrorOf(() => build({ pools: [{ node: 'dgx-h100', count: 1 }], network: { fabric: 'ib-nrd' } }));
    expect(e.issues[0]).toMatchObject({ path: 'cluster.network.fabric', hint: 'did you mean `ib-ndr`?' });
  });

  it('the schema rejects unknown keys (strict)', () => {
    expect(clusterSchema.safeParse({ pools: [{ node: 'dgx-h100', count: 1, colour: 'red' }] }).success).toBe(false);
    expect(clusterSchema.safeParse({ pools: [{ node: 'dgx-h100', count: 1 }], network: { topology: 'ring' } }).success).toBe(false);
  });

  it('shapes a TPU v5p slice as a near-cubic 3D torus of all its chips', () => {
    const c = build({ pools: [{ node: 'tpu-v5p-slice', count: 16 }], network: { topology: 'torus' } });
    expect(c.deviceCount).toBe(64);
    expect(c.network.torusDims).toEqual([4, 4, 4]);
    expect(c.pools[0].node.scaleUp).toMatchObject({ kind: 'ici-torus', domainSize: 64, torusDims: [4, 4, 4] });
  });

  it('shapes a TPU v5e slice in 2D and honours a given shape', () => {
    expect(build({ pools: [{ node: 'tpu-v5e-slice', count: 32 }] }).network.torusDims).toEqual([16, 16]);
    const c = build({ pools: [{ node: 'tpu-v4-slice', count: 32 }], network: { topology: 'torus', torusDims: [4, 4, 8] } });
    expect(c.pools[0].node.scaleUp.torusDims).toEqual([4, 4, 8]);
    const e = inputErrorOf(() => build({ pools: [{ node: 'tpu-v4-slice', count: 32 }], network: { torusDims: [4, 4, 4] } }));
    expect(e.issues[0].path).toBe('cluster.network.torusDims');
  });

  it('resolves storage presets: servers scale a parallel FS, local NVMe comes from the node', () => {
    const c = build({
      pools: [{ node: 'dgx-h100', count: 2 }],
      storage: [{ tier: 'parallel-fs', servers: 8, capacity: '2 PB' }, { tier: 'local-nvme' }, { tier: 'object', perStreamBandwidth: '50 MB/s' }],
    });
    const [pfs, nvme, s3] = c.storage;
    expect(pfs.aggregateReadBandwidth).toBe(8 * 90e9);
    expect(pfs.aggregateWriteBandwidth).toBe(8 * 65e9);
    expect(pfs.capacityBytes).toBe(2e15);
    expect(nvme.scope).toBe('per-node');
    expect(nvme.aggregateReadBandwidth).toBe(8 * 7e9);
    expect(s3.perStreamBandwidth).toBe(50e6);
    const e = inputErrorOf(() => build({ pools: [{ node: 'dgx-h100', count: 1 }], storage: [{ tier: 'object', preset: 'lustre-exascaler' }] }));
    expect(e.issues[0].path).toBe('cluster.storage[0].preset');
  });
});

describe('helpers', () => {
  it('nearCubicDims returns a shape of the right rank whose product is n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 3 }), (n, d) => {
        const dims = nearCubicDims(n, d);
        expect(dims.length).toBe(d);
        expect(dims.reduce((a, b) => a * b, 1)).toBe(n);
      }),
      { numRuns: 200 },
    );
    expect(nearCubicDims(4096, 3)).toEqual([16, 16, 16]);
  });

  it('edit distance is a metric on small strings and finds typos', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
      { numRuns: 200 },
    );
    expect(closestId('H100-SXM', ['h100-sxm', 'h200-sxm'])).toBe('h100-sxm');
    expect(closestId('banana', ['h100-sxm'])).toBeUndefined();
  });
});
