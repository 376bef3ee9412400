/**
 * Plain-data descriptions of hardware. Every number is SI (FLOP/s, bytes, bytes/s,
 * seconds, watts). Catalog entries carry the sources of their numbers.
 */

export type Precision = 'fp64' | 'fp32' | 'tf32' | 'bf16' | 'fp16' | 'fp8' | 'int8' | 'fp4';

export type DeviceKind = 'gpu' | 'tpu' | 'npu' | 'fpga' | 'cpu' | 'wafer-scale' | 'edge';

/** Where a number came from: a document, its address and the date it was read or published. */
export interface Source {
  /** Which fields this source supports; omitted = the whole entry. */
  fields?: string[];
  title: string;
  url?: string;
  /** ISO date (YYYY-MM or YYYY-MM-DD) of the document or of when it was read. */
  date: string;
  note?: string;
}

export interface DeviceSpec {
  id: string;
  name: string;
  vendor: string;
  kind: DeviceKind;
  releaseYear: number;
  /** Dense (no sparsity) peak FLOP/s (or OP/s for int8) per precision. */
  peakFlops: Partial<Record<Precision, number>>;
  memoryBytes: number;
  memoryBandwidth: number;
  /** On-chip SRAM (L2 / shared / scratchpad), bytes. */
  sramBytes?: number;
  /** Scale-up link (NVLink, ICI, Infinity Fabric) bandwidth per device, one direction, bytes/s. */
  scaleUpBandwidth?: number;
  scaleUpName?: string;
  /** Host link, e.g. PCIe Gen5 x16: one-direction bandwidth in bytes/s. */
  hostLink?: { name: string; generation?: number; lanes?: number; bandwidth: number };
  tdpW: number;
  /** CPU cores (processors and SoCs), for task-parallel workloads such as data pipelines. */
  cores?: number;
  sources: Source[];
  notes?: string;
  /** Fields whose values are estimates (no vendor figure), each explained in `notes`. */
  estimated?: string[];
}

/** How devices inside one node (or one scale-up domain) talk to each other. */
export interface ScaleUpSpec {
  /** `roce-mesh`: devices wired point-to-point by integrated Ethernet ports (Gaudi). */
  kind: 'nvswitch' | 'nvlink-mesh' | 'pcie' | 'pcie-switch' | 'ici-torus' | 'infinity-fabric' | 'roce-mesh' | 'none' | 'on-chip';
  /** Per-device bandwidth into the scale-up fabric, one direction, bytes/s. */
  bandwidthPerDevice: number;
  /** One-way latency of a transfer between two devices of the domain, s. */
  latency: number;
  /** Devices in one scale-up domain (8 for a DGX, 72 for an NVL72 rack, the slice for TPU). */
  domainSize: number;
  /** Torus dimensions for ICI-style domains, e.g. [4,4,4]. */
  torusDims?: number[];
  /** In-switch reduction (NVLS / SHARP inside the node). */
  inNetworkReduction?: boolean;
  /**
   * Fraction of the scale-up rate (after `efficiency`) that in-switch reduction
   * moves data at. Omitted = 1. NCCL's measured figure per GPU generation
   * (nvlsEfficiency in NCCL's tuning code: Hopper 0.85, Blackwell 0.74).
   */
  inNetworkReductionEfficiency?: number;
  /**
   * Fraction of bandwidthPerDevice a bulk transfer achieves (link-layer packet
   * headers, protocol flags). Omitted = 1. Cite it in the node's sources with
   * fields ['scaleUp.efficiency'] (e.g. NCCL's per-link NVLink figures in
   * src/graph/topo.h: 20.0 GB/s of 25 for NVLink3, 20.6 of 25 for NVLink4).
   */
  efficiency?: number;
}

export interface NicSpec {
  count: number;
  /** Per-NIC bandwidth, one direction, bytes/s. */
  bandwidth: number;
  latency: number;
  fabric: string;
}

export interface NodeSpec {
  id: string;
  name: string;
  device: string; // device catalog id
  devicesPerNode: number;
  scaleUp: ScaleUpSpec;
  nics: NicSpec;
  hostMemoryBytes?: number;
  cpu?: string; // device catalog id of the host CPU
  cpusPerNode?: number;
  localNvme?: { drives: number; bytesPerDrive: number; readBandwidthPerDrive: number; writeBandwidthPerDrive: number };
  /** Whole-node power at full load, watts (devices, CPUs, NICs, fans). */
  powerW: number;
  sources: Source[];
  notes?: string;
  /** Fields whose values are estimates (no vendor figure), each explained in `notes`. */
  estimated?: string[];
}

export type FabricTech = 'infiniband' | 'roce' | 'ethernet' | 'ici' | 'nvlink-network' | 'proprietary';

export interface FabricSpec {
  id: string;
  name: string;
  tech: FabricTech;
  /** Per-port bandwidth, one direction, bytes/s. */
  linkBandwidth: number;
  /** Per-hop switch latency, s. */
  switchLatency: number;
  /** NIC-to-NIC base latency through one switch, s. */
  baseLatency: number;
  /** Ports per switch (radix), for sizing fat-trees. */
  switchRadix: number;
  /** Fraction of line rate achievable by a transport (protocol and header overheads). */
  efficiency: number;
  /** In-network reduction (SHARP) available. */
  inNetworkReduction?: boolean;
  sources: Source[];
  notes?: string;
  /** Fields whose values are estimates (no vendor figure), each explained in `notes`. */
  estimated?: string[];
}

export type StorageTierKind = 'object' | 'parallel-fs' | 'hdfs' | 'local-nvme' | 'host-ram';

export interface StorageTierSpec {
  id: string;
  name: string;
  tier: StorageTierKind;
  capacityBytes: number;
  /** Aggregate read and write bandwidth of the whole tier, bytes/s. */
  aggregateReadBandwidth: number;
  aggregateWriteBandwidth: number;
  /** Per-client-stream bandwidth limit, bytes/s. */
  perStreamBandwidth: number;
  /** Time to first byte of a request, s. */
  requestLatency: number;
  /** Requests (object GETs / metadata operations) per second the tier sustains. */
  requestRate?: number;
  /** Write requests (PUTs) per second, where it differs from requestRate. */
  writeRequestRate?: number;
  replication?: number;
  sources: Source[];
  /**
   * `shared` (default): one tier that every client reads through (object store, parallel FS, HDFS).
   * `per-node`: one instance inside every node (local NVMe, host RAM); the aggregate and capacity
   * figures are per node and each client reads only its own.
   */
  scope?: 'shared' | 'per-node';
  /** Storage servers (OSS, data nodes) behind the aggregate figures; with `perServer` the aggregate grows with them. */
  servers?: number;
  perServer?: { readBandwidth: number; writeBandwidth: number; requestRate?: number };
  /** Time to first byte of a write request, s (defaults to requestLatency). */
  writeLatency?: number;
  /** For a cache tier in a hierarchy: fraction of reads it serves. */
  hitRate?: number;
  notes?: string;
  /** Fields whose values are estimates (no vendor figure), each explained in `notes`. */
  estimated?: string[];
}

export type TopologyKind = 'single-switch' | 'fat-tree' | 'rail-optimized' | 'torus' | 'dragonfly';

export interface NetworkSpec {
  topology: TopologyKind;
  fabric: string; // fabric catalog id
  /** Ratio of downlink to uplink bandwidth at the leaf (1 = non-blocking, 2 = 2:1). */
  oversubscription: number;
  tiers?: 2 | 3;
  torusDims?: number[];
  routing: 'ecmp' | 'ideal';
}

/** A resolved pool: its node spec (with overrides applied) and the device spec. */
export interface PoolModel {
  name: string;
  count: number;
  node: NodeSpec;
  device: DeviceSpec;
}

/** What a workload runs on: everything resolved, plain data. */
export interface ClusterModel {
  pools: PoolModel[];
  network: NetworkSpec;
  fabric: FabricSpec;
  storage: StorageTierSpec[];
  /** Total devices across pools. */
  deviceCount: number;
}
