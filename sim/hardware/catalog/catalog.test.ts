import { describe, expect, it } from 'vitest';
import { catalogIds, devices, fabrics, getCatalogEntry, getDevice, getFabric, getNode, listCatalog, nodes, storageTiers } from './index';

const allEntries = [...devices, ...nodes, ...fabrics, ...storageTiers];

/** Every numeric leaf of a plain object, with its dotted path. */
function numericLeaves(value: unknown, path = ''): Array<[string, number]> {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numericLeaves(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (k === 'sources' ? [] : numericLeaves(v, path ? `${path}.${k}` : k)));
  return [];
}

function hasPath(entry: object, path: string): boolean {
  let cur: unknown = entry;
  for (const part of path.split('.')) {
    if (!cur || typeof cur !== 'object' || !(part in cur)) return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return true;
}

describe('catalog integrity', () => {
  it('ids are lowercase kebab-case and unique across all kinds', () => {
    const ids = allEntries.map((e) => e.id);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every entry has a name and at least one source with a title and an ISO date', () => {
    for (const e of allEntries) {
      expect(e.name.length, e.id).toBeGreaterThan(3);
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      for (const s of e.sources) {
        expect(s.title.length, e.id).toBeGreaterThan(5);
        expect(s.date, e.id).toMatch(/^(19|20)\d{2}-(0[1-9]|1[0-2])(-\d{2})?$/);
        if (s.url) expect(s.url, e.id).toMatch(/^https:\/\//);
      }
    }
  });

  it('every number is finite and positive (a scale-up of kind none may be zero)', () => {
    for (const e of allEntries) {
      for (const [path, v] of numericLeaves(e)) {
        expect(Number.isFinite(v), `${e.id}.${path}`).toBe(true);
        const zeroAllowed = 'scaleUp' in e && e.scaleUp.kind === 'none' && path.startsWith('scaleUp.');
        if (!zeroAllowed) expect(v, `${e.id}.${path}`).toBeGreaterThan(0);
      }
    }
  });

  it('fields marked estimated exist and are explained in notes', () => {
    for (const e of allEntries) {
      for (const field of e.estimated ?? []) {
        expect(hasPath(e, field), `${e.id}: estimated field ${field}`).toBe(true);
        expect(e.notes ?? '', e.id).toMatch(/estimate/i);
      }
    }
  });

  it('peak rates are ordered as tensor hardware orders them: tf32 <= bf16 <= fp8 <= fp4, and fp16 = bf16 where both exist', () => {
    for (const d of devices) {
      const p = d.peakFlops;
      if (p.bf16 && p.fp8) expect(p.bf16, d.id).toBeLessThanOrEqual(p.fp8);
      if (p.tf32 && p.bf16) expect(p.tf32, d.id).toBeLessThanOrEqual(p.bf16);
      if (p.fp8 && p.fp4) expect(p.fp8, d.id).toBeLessThanOrEqual(p.fp4);
      if (p.fp16 && p.bf16) expect(p.fp16, d.id).toBe(p.bf16);
      expect(Object.keys(p).length, d.id).toBeGreaterThan(0);
    }
  });

  it('nodes reference existing devices, CPUs and fabrics, and NIC rates equal their fabric', () => {
    for (const n of nodes) {
      expect(getDevice(n.device), `${n.id}.device`).toBeDefined();
      if (n.cpu) expect(getDevice(n.cpu)?.kind, `${n.id}.cpu`).toBe('cpu');
      const fabric = getFabric(n.nics.fabric);
      expect(fabric, `${n.id}.nics.fabric`).toBeDefined();
      expect(n.nics.bandwidth).toBe(fabric!.linkBandwidth);
      expect(n.scaleUp.domainSize, n.id).toBeLessThanOrEqual(n.devicesPerNode);
      if (n.scaleUp.torusDims) expect(n.scaleUp.torusDims.reduce((a, b) => a * b, 1), n.id).toBe(n.scaleUp.domainSize);
    }
  });

  it('lists the ids DESIGN.md and the issue fix', () => {
    const ids = new Set(listCatalog().map((r) => r.id));
    const required = [
      'a100-40gb-sxm', 'a100-80gb-sxm', 'h100-sxm', 'h100-pcie', 'h200-sxm', 'b200', 'mi250x', 'mi300x', 'tpu-v4', 'tpu-v5e', 'tpu-v5p',
      'gaudi2', 'gaudi3', 'alveo-u280', 'cerebras-cs-3', 'epyc-9654', 'xeon-8480-plus', 'jetson-agx-orin',
      'dgx-a100-80gb', 'dgx-a100-40gb', 'dgx-h100', 'hgx-h200', 'hgx-b200', 'gb200-nvl72', 'tpu-v4-slice', 'tpu-v5p-slice', 'tpu-v5e-slice',
      'gaudi3-node', 'mi300x-node', 'cpu-server', 'fpga-server', 'edge-box',
      'ib-hdr', 'ib-ndr', 'ib-xdr', 'roce-100g', 'roce-200g', 'roce-400g', 'roce-800g',
      's3-standard', 'lustre-exascaler', 'hdfs-3x', 'local-nvme', 'host-ram',
    ];
    for (const id of required) expect(ids.has(id), id).toBe(true);
    expect(catalogIds('fabric')).toContain('ib-ndr');
  });

  it('lookups return copies: changing one does not change the catalog', () => {
    const d = getDevice('h100-sxm')!;
    d.peakFlops.bf16 = 1;
    expect(getDevice('h100-sxm')!.peakFlops.bf16).toBeCloseTo(989.4e12, -9);
    expect(getCatalogEntry('dgx-h100')?.kind).toBe('node');
    expect(getCatalogEntry('no-such-thing')).toBeUndefined();
  });
});

describe('catalog values match their datasheets', () => {
  const cases: Array<[string, (id: string) => number | undefined, number]> = [
    ['h100-sxm bf16 dense 989.4 TFLOP/s', () => getDevice('h100-sxm')?.peakFlops.bf16, 989.4e12],
    ['h100-sxm fp8 dense 1978.9 TFLOP/s', () => getDevice('h100-sxm')?.peakFlops.fp8, 1978.9e12],
    ['h100-sxm HBM3 3.35 TB/s', () => getDevice('h100-sxm')?.memoryBandwidth, 3.35e12],
    ['a100-80gb-sxm HBM2e 2,039 GB/s', () => getDevice('a100-80gb-sxm')?.memoryBandwidth, 2.039e12],
    ['a100-40gb-sxm tf32 156 TFLOP/s', () => getDevice('a100-40gb-sxm')?.peakFlops.tf32, 156e12],
    ['h200-sxm 141 GB', () => getDevice('h200-sxm')?.memoryBytes, 141e9],
    ['b200 bf16 dense 2.25 PFLOP/s', () => getDevice('b200')?.peakFlops.bf16, 2.25e15],
    ['mi300x bf16 dense 1307.4 TFLOP/s', () => getDevice('mi300x')?.peakFlops.bf16, 1307.4e12],
    ['mi300x 5.3 TB/s', () => getDevice('mi300x')?.memoryBandwidth, 5.3e12],
    ['tpu-v4 32 GiB', () => getDevice('tpu-v4')?.memoryBytes, 32 * 2 ** 30],
    ['tpu-v5p bf16 459 TFLOP/s', () => getDevice('tpu-v5p')?.peakFlops.bf16, 459e12],
    ['tpu-v5p ICI 600 GB/s per direction', () => getDevice('tpu-v5p')?.scaleUpBandwidth, 600e9],
    ['tpu-v5e 819 GB/s', () => getDevice('tpu-v5e')?.memoryBandwidth, 819e9],
    ['gaudi3 bf16 1835 TFLOP/s', () => getDevice('gaudi3')?.peakFlops.bf16, 1835e12],
    ['alveo-u280 HBM2 460 GB/s', () => getDevice('alveo-u280')?.memoryBandwidth, 460e9],
    ['dgx-h100 NVLink 450 GB/s per direction', () => getNode('dgx-h100')?.scaleUp.bandwidthPerDevice, 450e9],
    ['dgx-h100 10.2 kW', () => getNode('dgx-h100')?.powerW, 10200],
    ['ib-ndr 400 Gb/s = 50 GB/s', () => getFabric('ib-ndr')?.linkBandwidth, 50e9],
    ['roce-800g 100 GB/s', () => getFabric('roce-800g')?.linkBandwidth, 100e9],
  ];
  for (const [fact, get, value] of cases) {
    it(fact, () => expect(get('')! / value).toBeCloseTo(1, 6));
  }
});
