/**
 * Catalog lookups: devices, nodes, fabrics and storage tiers by id. Lookups
 * return copies so a caller's override never changes the catalog.
 */
import type { DeviceSpec, FabricSpec, NodeSpec, StorageTierSpec } from '../types';
import { devices } from './devices';
import { fabrics } from './fabrics';
import { nodes } from './nodes';
import { storageTiers } from './storage';

export { devices, fabrics, nodes, storageTiers };

export type CatalogKind = 'device' | 'node' | 'fabric' | 'storage';

export interface CatalogListing {
  kind: CatalogKind;
  id: string;
  name: string;
  notes?: string;
}

const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((e) => [e.id, e] as const));
const deviceIndex = byId(devices);
const nodeIndex = byId(nodes);
const fabricIndex = byId(fabrics);
const storageIndex = byId(storageTiers);

const copy = <T>(v: T | undefined): T | undefined => (v === undefined ? undefined : structuredClone(v));

export function getDevice(id: string): DeviceSpec | undefined {
  return copy(deviceIndex.get(id));
}
export function getNode(id: string): NodeSpec | undefined {
  return copy(nodeIndex.get(id));
}
export function getFabric(id: string): FabricSpec | undefined {
  return copy(fabricIndex.get(id));
}
export function getStorageTier(id: string): StorageTierSpec | undefined {
  return copy(storageIndex.get(id));
}

/** Ids of one kind, for "did you mean" hints and listings. */
export function catalogIds(kind: CatalogKind): string[] {
  const lists = { device: devices, node: nodes, fabric: fabrics, storage: storageTiers } as const;
  return lists[kind].map((e) => e.id);
}

/** Every entry, devices first, as `clusterplan list` prints them. */
export function listCatalog(): CatalogListing[] {
  const row = (kind: CatalogKind) => (e: { id: string; name: string; notes?: string }): CatalogListing => ({
    kind,
    id: e.id,
    name: e.name,
    ...(e.notes ? { notes: e.notes } : {}),
  });
  return [...devices.map(row('device')), ...nodes.map(row('node')), ...fabrics.map(row('fabric')), ...storageTiers.map(row('storage'))];
}

/** The full entry of any kind by id (for `catalog show ID`). */
export function getCatalogEntry(id: string): { kind: CatalogKind; entry: DeviceSpec | NodeSpec | FabricSpec | StorageTierSpec } | undefined {
  const d = getDevice(id);
  if (d) return { kind: 'device', entry: d };
  const n = getNode(id);
  if (n) return { kind: 'node', entry: n };
  const f = getFabric(id);
  if (f) return { kind: 'fabric', entry: f };
  const s = getStorageTier(id);
  if (s) return { kind: 'storage', entry: s };
  return undefined;
}
