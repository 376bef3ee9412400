/**
 * buildCluster: the `cluster:` section of a scenario → a resolved ClusterModel
 * (plain data). Catalog presets are looked up, overrides applied, inline
 * devices and nodes completed, TPU slices shaped, storage tiers resolved.
 * Every unknown id or incomplete definition becomes one InputError listing all
 * issues, each with its path and, for ids, a "did you mean".
 */
import { InputError, type InputIssue } from '../errors';
import { catalogIds, getDevice, getFabric, getNode } from './catalog/index';
import { didYouMean } from './did-you-mean';
import { type ClusterInput, type DeviceOverrideInput, type InlineDeviceInput, type InlineNodeInput, inlineNodeSchema, type PoolInput } from './schema';
import { resolveStorageTier } from './storage/tiers';
import type { DeviceSpec, NetworkSpec, NodeSpec, PoolModel, StorageTierSpec, ClusterModel } from './types';
import { wholePower } from '../units/portable-powers';

export type { ClusterInput } from './schema';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Recursively overlays `patch` on `base` (objects merge, everything else replaces; undefined is skipped). */
export function mergeOverride<T>(base: T, patch: unknown): T {
  if (!isPlain(base) || !isPlain(patch)) return (patch === undefined ? base : patch) as T;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = isPlain(value) && isPlain(out[key]) ? mergeOverride(out[key], value) : value;
  }
  return out as T;
}

const unknownId = (kind: 'device' | 'node' | 'fabric', id: string, path: string): InputIssue => ({
  file: '<input>',
  path,
  expected: `a ${kind} catalog id`,
  found: `\`${id}\``,
  hint: didYouMean(id, catalogIds(kind)) ?? 'see `clusterplan list`',
});

function inlineDevice(input: InlineDeviceInput, fallbackId: string): DeviceSpec {
  const id = input.id ?? fallbackId;
  const { sources, ...rest } = input;
  return { ...rest, id, name: input.name ?? id, vendor: input.vendor ?? 'custom', releaseYear: input.releaseYear ?? 0, sources: sources ?? [] };
}

function resolveDevice(ref: string | InlineDeviceInput, path: string, fallbackId: string, issues: InputIssue[]): DeviceSpec | undefined {
  if (typeof ref !== 'string') return inlineDevice(ref, fallbackId);
  const device = getDevice(ref);
  if (!device) issues.push(unknownId('device', ref, path));
  return device;
}

function applyDeviceOverride(device: DeviceSpec, override: DeviceOverrideInput | undefined): DeviceSpec {
  if (!override) return device;
  const merged = mergeOverride(device, override);
  return { ...merged, id: device.id, name: override.name ?? `${device.name} (modified)` };
}

/** A pool's node field → the node spec and its device, or issues. */
function resolvePoolNode(pool: PoolInput, path: string, issues: InputIssue[]): { node: NodeSpec; device: DeviceSpec } | undefined {
  const ref = pool.node;
  const start = issues.length;
  let raw: Plain;
  let deviceRef: string | InlineDeviceInput;
  let deviceOverride: DeviceOverrideInput | undefined;
  let devicePath = `${path}.device`;

  if (typeof ref === 'string') {
    const preset = getNode(ref);
    if (!preset) {
      issues.push(unknownId('node', ref, path));
      return undefined;
    }
    raw = preset as unknown as Plain;
    deviceRef = preset.device;
  } else if ('preset' in ref || 'override' in ref) {
    const { preset: presetId, override } = ref as { preset?: string; override?: Plain & { deviceOverride?: DeviceOverrideInput } };
    const preset = presetId !== undefined ? getNode(presetId) : undefined;
    if (presetId !== undefined && !preset) {
      issues.push(unknownId('node', presetId, `${path}.preset`));
      return undefined;
    }
    const { deviceOverride: devOverride, ...nodeOverride } = override ?? {};
    deviceOverride = devOverride;
    raw = mergeOverride((preset ?? {}) as unknown as Plain, nodeOverride);
    if (preset && override) raw.name = (override.name as string | undefined) ?? `${preset.name} (modified)`;
    if (!preset) {
      // No preset: the override must be a whole node.
      const check = inlineNodeSchema.safeParse(raw);
      if (!check.success) {
        for (const issue of check.error.issues) {
          issues.push({ file: '<input>', path: [`${path}.override`, ...issue.path.map(String)].join('.'), expected: issue.message.replace(/^expected /i, '').replace(/^Invalid input: expected /, '') });
        }
        return undefined;
      }
      raw = { id: `${pool.name}-node`, name: `${pool.name} node (inline)`, sources: [], ...check.data } as Plain;
    }
    deviceRef = raw.device as string | InlineDeviceInput;
    devicePath = override && 'device' in override ? `${path}.override.device` : `${path}.preset`;
  } else {
    raw = { id: `${pool.name}-node`, name: `${pool.name} node (inline)`, sources: [], ...ref } as Plain;
    deviceRef = (ref as InlineNodeInput).device;
  }

  const base = resolveDevice(deviceRef, devicePath, `${pool.name}-device`, issues);
  if (raw.cpu !== undefined && !getDevice(raw.cpu as string)) issues.push(unknownId('device', raw.cpu as string, `${path}.cpu`));
  const fabricId = (raw.nics as { fabric?: string } | undefined)?.fabric;
  if (fabricId !== undefined && !getFabric(fabricId)) issues.push(unknownId('fabric', fabricId, `${path}.nics.fabric`));
  if (!base || issues.length > start) return undefined;
  const device = applyDeviceOverride(base, deviceOverride);
  const node = { ...(raw as unknown as NodeSpec), device: device.id };
  return { node, device };
}

/** The most nearly cubic (or square) shape of `n` in `dims` dimensions, ascending. */
export function nearCubicDims(n: number, dims: number): number[] {
  if (dims <= 1) return [n];
  let best: number[] = [];
  let bestMax = Infinity;
  for (let a = 1; wholePower(a, dims) <= n; a++) {
    if (n % a !== 0) continue;
    const rest = nearCubicDims(n / a, dims - 1);
    const shape = [a, ...rest].sort((x, y) => x - y);
    const max = shape[shape.length - 1];
    if (max < bestMax) {
      best = shape;
      bestMax = max;
    }
  }
  return best;
}

/** TPU slices: a pool of ICI hosts is one slice, shaped by network.torusDims (or near-cubic). */
function shapeSlices(pools: PoolModel[], network: NetworkSpec, issues: InputIssue[]): void {
  pools.forEach((pool, i) => {
    if (pool.node.scaleUp.kind !== 'ici-torus') return;
    const chips = pool.count * pool.node.devicesPerNode;
    let dims = network.torusDims;
    if (dims) {
      const product = dims.reduce((a, b) => a * b, 1);
      if (product !== chips) {
        issues.push({
          file: '<input>',
          path: 'cluster.network.torusDims',
          expected: `a torus shape whose product is ${chips} (the chips of pool ${i}: ${pool.count} hosts x ${pool.node.devicesPerNode})`,
          found: `[${dims.join(', ')}] = ${product}`,
        });
        return;
      }
    } else {
      dims = nearCubicDims(chips, pool.node.scaleUp.torusDims?.length ?? 3);
      network.torusDims = dims;
    }
    pool.node = { ...pool.node, scaleUp: { ...pool.node.scaleUp, domainSize: chips, torusDims: [...dims] } };
  });
}

/**
 * Resolves presets, overrides and inline definitions into a ClusterModel.
 * Throws InputError (paths such as `cluster.pools[0].node`) for unknown ids and
 * incomplete definitions.
 */
export function buildCluster(input: ClusterInput): ClusterModel {
  const issues: InputIssue[] = [];
  const pools: PoolModel[] = [];
  input.pools.forEach((pool, i) => {
    const resolved = resolvePoolNode(pool, `cluster.pools[${i}].node`, issues);
    if (resolved) pools.push({ name: pool.name, count: pool.count, node: resolved.node, device: resolved.device });
  });
  if (issues.length > 0) throw new InputError(issues);

  const fabricId = input.network.fabric ?? pools[0].node.nics.fabric;
  const fabric = getFabric(fabricId);
  if (!fabric) throw new InputError(unknownId('fabric', fabricId, 'cluster.network.fabric'));
  const network: NetworkSpec = {
    topology: input.network.topology,
    fabric: fabricId,
    oversubscription: input.network.oversubscription,
    routing: input.network.routing,
    ...(input.network.tiers !== undefined ? { tiers: input.network.tiers } : {}),
    ...(input.network.torusDims !== undefined ? { torusDims: [...input.network.torusDims] } : {}),
  };
  shapeSlices(pools, network, issues);

  const storage: StorageTierSpec[] = [];
  input.storage.forEach((item, i) => {
    const r = resolveStorageTier(item, pools[0].node, `cluster.storage[${i}]`);
    if (Array.isArray(r)) issues.push(...r);
    else storage.push(r);
  });
  if (issues.length > 0) throw new InputError(issues);

  const deviceCount = pools.reduce((sum, p) => sum + p.count * p.node.devicesPerNode, 0);
  return { pools, network, fabric, storage, deviceCount };
}
