/**
 * Resolving a scenario's storage items into StorageTierSpecs: pick the preset
 * (default per tier), scale a parallel file system by its servers, take
 * per-node tiers from the node when the scenario does not say otherwise, then
 * apply explicit overrides.
 */
import type { InputIssue } from '../../errors';
import { catalogIds, getDevice, getStorageTier } from '../catalog/index';
import { didYouMean } from '../did-you-mean';
import type { StorageItemInput } from '../schema';
import type { NodeSpec, StorageTierKind, StorageTierSpec } from '../types';

export const defaultStoragePreset: Record<StorageTierKind, string> = {
  object: 's3-standard',
  'parallel-fs': 'lustre-exascaler',
  hdfs: 'hdfs-3x',
  'local-nvme': 'local-nvme',
  'host-ram': 'host-ram',
};

/** Per-node tier figures from the node itself (drives, host memory, CPU memory bandwidth). */
function fromNode(spec: StorageTierSpec, node: NodeSpec | undefined): StorageTierSpec {
  if (!node) return spec;
  if (spec.tier === 'local-nvme' && node.localNvme) {
    const n = node.localNvme;
    return {
      ...spec,
      name: `Local NVMe, ${n.drives} drives per node (${node.id})`,
      capacityBytes: n.drives * n.bytesPerDrive,
      aggregateReadBandwidth: n.drives * n.readBandwidthPerDrive,
      aggregateWriteBandwidth: n.drives * n.writeBandwidthPerDrive,
      perStreamBandwidth: n.readBandwidthPerDrive,
    };
  }
  if (spec.tier === 'host-ram') {
    const out = { ...spec };
    if (node.hostMemoryBytes) out.capacityBytes = node.hostMemoryBytes;
    const cpu = node.cpu ? getDevice(node.cpu) : undefined;
    if (cpu && node.cpusPerNode) {
      out.aggregateReadBandwidth = cpu.memoryBandwidth * node.cpusPerNode;
      out.aggregateWriteBandwidth = cpu.memoryBandwidth * node.cpusPerNode;
    }
    return out;
  }
  return spec;
}

/**
 * One storage item → a tier spec, or issues at `path` (e.g. `cluster.storage[0]`).
 * `node` is the node whose local drives and memory a per-node tier describes.
 */
export function resolveStorageTier(item: StorageItemInput, node: NodeSpec | undefined, path: string): StorageTierSpec | InputIssue[] {
  const presetId = item.preset ?? defaultStoragePreset[item.tier];
  const preset = getStorageTier(presetId);
  if (!preset) {
    return [{ file: '<input>', path: `${path}.preset`, expected: 'a storage catalog id', found: `\`${presetId}\``, hint: didYouMean(presetId, catalogIds('storage')) }];
  }
  if (preset.tier !== item.tier) {
    return [{ file: '<input>', path: `${path}.preset`, expected: `a ${item.tier} preset`, found: `\`${presetId}\` (a ${preset.tier} tier)` }];
  }
  let spec = item.preset === undefined ? fromNode(preset, node) : preset;

  const perServer = item.perServer ?? spec.perServer;
  if ((item.servers !== undefined || item.perServer !== undefined) && perServer) {
    const servers = item.servers ?? spec.servers ?? 1;
    spec = {
      ...spec,
      servers,
      perServer,
      aggregateReadBandwidth: servers * perServer.readBandwidth,
      aggregateWriteBandwidth: servers * perServer.writeBandwidth,
      ...(perServer.requestRate !== undefined ? { requestRate: servers * perServer.requestRate } : {}),
      capacityBytes: spec.servers ? (spec.capacityBytes * servers) / spec.servers : spec.capacityBytes,
    };
  }

  const { tier: _tier, preset: _preset, capacity, servers: _servers, perServer: _perServer, name, ...overrides } = item;
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return {
    ...spec,
    ...defined,
    ...(capacity !== undefined ? { capacityBytes: capacity } : {}),
    ...(name !== undefined ? { name } : {}),
    sources: spec.sources,
  };
}
