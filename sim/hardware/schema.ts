/**
 * The `cluster:` section of a scenario: pools of nodes (catalog presets, presets
 * with overrides, or inline definitions), the network between them and the
 * storage tiers. Quantities accept SI numbers or unit strings and come out SI.
 * Catalog ids are checked (with "did you mean") by buildCluster, not here, so
 * the schema stays usable for editors without the catalog.
 */
import { z } from 'zod';
import { nonNegativeQuantity, positiveQuantity } from '../units/zod';

const catalogId = (what: string) => z.string().min(1).describe(`${what} catalog id (see \`clusterplan list\`)`);
const positiveInt = z.number().int().positive();

const precisions = ['fp64', 'fp32', 'tf32', 'bf16', 'fp16', 'fp8', 'int8', 'fp4'] as const;
const peakFlopsSchema = z
  .object(Object.fromEntries(precisions.map((p) => [p, positiveQuantity('flops').optional()])) as Record<(typeof precisions)[number], z.ZodOptional<ReturnType<typeof positiveQuantity>>>)
  .strict()
  .describe('dense peak FLOP/s (OP/s for int8) per precision, no sparsity');

const hostLinkSchema = z
  .object({
    name: z.string(),
    generation: positiveInt.optional(),
    lanes: positiveInt.optional(),
    bandwidth: positiveQuantity('bandwidth').describe('one direction'),
  })
  .strict();

const sourceSchema = z
  .object({ title: z.string(), url: z.string().optional(), date: z.string(), fields: z.array(z.string()).optional(), note: z.string().optional() })
  .strict();

const deviceFields = {
  id: z.string().optional(),
  name: z.string().optional(),
  vendor: z.string().optional(),
  kind: z.enum(['gpu', 'tpu', 'npu', 'fpga', 'cpu', 'wafer-scale', 'edge']),
  releaseYear: positiveInt.optional(),
  peakFlops: peakFlopsSchema,
  memoryBytes: positiveQuantity('bytes'),
  memoryBandwidth: positiveQuantity('bandwidth'),
  sramBytes: positiveQuantity('bytes').optional(),
  scaleUpBandwidth: positiveQuantity('bandwidth').optional().describe('per device, one direction'),
  scaleUpName: z.string().optional(),
  hostLink: hostLinkSchema.optional(),
  tdpW: positiveQuantity('power'),
  cores: positiveInt.optional().describe('CPU cores (processors)'),
  sources: z.array(sourceSchema).optional(),
  notes: z.string().optional(),
};

/** A device written out in the scenario. */
export const inlineDeviceSchema = z.object(deviceFields).strict().describe('a device defined in the scenario');

/** Any subset of device fields, to change a preset's device. */
export const deviceOverrideSchema = z
  .object({ ...deviceFields, kind: deviceFields.kind.optional(), peakFlops: peakFlopsSchema.optional(), memoryBytes: deviceFields.memoryBytes.optional(), memoryBandwidth: deviceFields.memoryBandwidth.optional(), tdpW: deviceFields.tdpW.optional() })
  .strict();

const scaleUpFields = {
  kind: z.enum(['nvswitch', 'nvlink-mesh', 'pcie', 'pcie-switch', 'ici-torus', 'infinity-fabric', 'roce-mesh', 'none', 'on-chip']),
  bandwidthPerDevice: nonNegativeQuantity('bandwidth').describe('per device into the scale-up fabric, one direction'),
  latency: nonNegativeQuantity('time'),
  domainSize: positiveInt,
  torusDims: z.array(positiveInt).optional(),
  inNetworkReduction: z.boolean().optional(),
};
const nicFields = {
  count: positiveInt,
  bandwidth: positiveQuantity('bandwidth').describe('per NIC, one direction'),
  latency: nonNegativeQuantity('time'),
  fabric: catalogId('fabric'),
};
const localNvmeFields = {
  drives: positiveInt,
  bytesPerDrive: positiveQuantity('bytes'),
  readBandwidthPerDrive: positiveQuantity('bandwidth'),
  writeBandwidthPerDrive: positiveQuantity('bandwidth'),
};
const deviceRef = z.union([catalogId('device'), inlineDeviceSchema]);

const nodeFields = {
  id: z.string().optional(),
  name: z.string().optional(),
  device: deviceRef,
  devicesPerNode: positiveInt,
  scaleUp: z.object(scaleUpFields).strict(),
  nics: z.object(nicFields).strict(),
  hostMemoryBytes: positiveQuantity('bytes').optional(),
  cpu: catalogId('device').optional(),
  cpusPerNode: positiveInt.optional(),
  localNvme: z.object(localNvmeFields).strict().optional(),
  powerW: positiveQuantity('power').describe('whole node at full load'),
  sources: z.array(sourceSchema).optional(),
  notes: z.string().optional(),
};

/** A node written out in full in the scenario. */
export const inlineNodeSchema = z.object(nodeFields).strict().describe('a node defined in the scenario');

/** Any subset of node fields (nested objects partial too), plus a device override. */
export const nodeOverrideSchema = z
  .object({
    ...nodeFields,
    device: deviceRef.optional(),
    devicesPerNode: positiveInt.optional(),
    scaleUp: z.object(scaleUpFields).partial().strict().optional(),
    nics: z.object(nicFields).partial().strict().optional(),
    localNvme: z.object(localNvmeFields).partial().strict().optional(),
    powerW: nodeFields.powerW.optional(),
    deviceOverride: deviceOverrideSchema.optional().describe("fields of the node's device to change"),
  })
  .strict();

export const presetNodeSchema = z
  .object({
    preset: catalogId('node').optional(),
    override: nodeOverrideSchema.optional(),
  })
  .strict()
  .describe('a catalog node with some fields changed');

export const poolSchema = z
  .object({
    name: z.string().min(1).default('main'),
    node: z.union([catalogId('node'), presetNodeSchema, inlineNodeSchema]).describe('a node catalog id, { preset, override }, or an inline node'),
    count: positiveInt.describe('nodes in the pool'),
  })
  .strict();

export const networkSchema = z
  .object({
    topology: z.enum(['single-switch', 'fat-tree', 'rail-optimized', 'torus', 'dragonfly']).default('fat-tree'),
    fabric: catalogId('fabric').optional().describe("default: the first pool's NIC fabric"),
    oversubscription: z.number().min(1).default(1).describe('leaf downlink:uplink ratio; 1 = non-blocking'),
    tiers: z.union([z.literal(2), z.literal(3)]).optional(),
    torusDims: z.array(positiveInt).min(1).max(3).optional().describe('torus shape; for TPU slices the slice shape in chips (product = chips in the pool)'),
    routing: z.enum(['ecmp', 'ideal']).default('ideal'),
  })
  .strict();

export const storageTierKinds = ['object', 'parallel-fs', 'hdfs', 'local-nvme', 'host-ram'] as const;

export const storageItemSchema = z
  .object({
    tier: z.enum(storageTierKinds),
    preset: catalogId('storage').optional().describe('default per tier: s3-standard, lustre-exascaler, hdfs-3x, local-nvme, host-ram'),
    name: z.string().optional(),
    capacity: positiveQuantity('bytes').optional(),
    aggregateReadBandwidth: positiveQuantity('bandwidth').optional(),
    aggregateWriteBandwidth: positiveQuantity('bandwidth').optional(),
    perStreamBandwidth: positiveQuantity('bandwidth').optional(),
    requestLatency: nonNegativeQuantity('time').optional(),
    writeLatency: nonNegativeQuantity('time').optional(),
    requestRate: positiveQuantity('frequency').optional().describe('object GETs or metadata operations per second'),
    writeRequestRate: positiveQuantity('frequency').optional(),
    replication: positiveInt.optional(),
    servers: positiveInt.optional().describe('storage servers; aggregate bandwidth grows with them'),
    perServer: z
      .object({ readBandwidth: positiveQuantity('bandwidth'), writeBandwidth: positiveQuantity('bandwidth'), requestRate: positiveQuantity('frequency').optional() })
      .strict()
      .optional(),
    hitRate: z.number().min(0).max(1).optional().describe('for a cache tier: fraction of reads it serves'),
  })
  .strict();

export const clusterSchema = z
  .object({
    pools: z.array(poolSchema).min(1),
    network: networkSchema.prefault({}),
    storage: z.array(storageItemSchema).default([]),
  })
  .strict();

export type ClusterInput = z.output<typeof clusterSchema>;
export type PoolInput = z.output<typeof poolSchema>;
export type StorageItemInput = z.output<typeof storageItemSchema>;
export type InlineNodeInput = z.output<typeof inlineNodeSchema>;
export type InlineDeviceInput = z.output<typeof inlineDeviceSchema>;
export type NodeOverrideInput = z.output<typeof nodeOverrideSchema>;
export type DeviceOverrideInput = z.output<typeof deviceOverrideSchema>;
