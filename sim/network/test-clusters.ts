/**
 * Small ClusterModel fixtures for the network tests (until the catalog lands;
 * the catalog's entries supersede these). Every number carries its source.
 */
import type { ClusterModel, FabricSpec, NetworkSpec, NodeSpec, PoolModel } from '../hardware/types';

const ncclTopo = { title: 'NCCL src/graph/topo.h: SM80_NVLINK_BW 20.0, SM90_NVLINK_BW 20.6 GB/s per NVLink (of 25 GB/s line rate)', url: 'https://github.com/NVIDIA/nccl/blob/master/src/graph/topo.h', date: '2024-06' };
const ncclNvls = { title: 'NCCL tuning code nvlsEfficiency: 0.85 for Hopper (NVLS at 85% of the NVLink bulk rate)', url: 'https://github.com/NVIDIA/nccl/blob/master/src/graph/tuning.cc', date: '2025-01' };
const ncclTuning = { title: 'NCCL src/graph/tuning.cc hwLat: ring/Simple 3.4 us per NVLink hop, 14 us per network hop', url: 'https://github.com/NVIDIA/nccl/blob/master/src/graph/tuning.cc', date: '2024-06' };

export const dgxH100: NodeSpec = {
  id: 'test-dgx-h100',
  name: 'DGX H100 (test fixture)',
  device: 'h100-sxm',
  devicesPerNode: 8,
  // NVLink4: 18 links x 25 GB/s = 450 GB/s per direction per GPU (NVIDIA H100 datasheet: 900 GB/s bidirectional).
  // NVLS at 0.85 of the bulk rate (NCCL nvlsEfficiency, Hopper).
  scaleUp: { kind: 'nvswitch', bandwidthPerDevice: 450e9, latency: 3.4e-6, domainSize: 8, inNetworkReduction: true, efficiency: 20.6 / 25, inNetworkReductionEfficiency: 0.85 },
  // 8x ConnectX-7 400 Gb/s (NVIDIA DGX H100 user guide).
  nics: { count: 8, bandwidth: 50e9, latency: 14e-6, fabric: 'ib-ndr' },
  powerW: 10200,
  sources: [ncclTopo, ncclTuning, ncclNvls, { title: 'NVIDIA DGX H100 User Guide: 8x H100, 4x NVSwitch, 8x ConnectX-7 400 Gb/s', date: '2023-03' }],
};

export const dgxA100: NodeSpec = {
  id: 'test-dgx-a100',
  name: 'DGX A100 (test fixture)',
  device: 'a100-80gb-sxm',
  devicesPerNode: 8,
  // NVLink3: 12 links x 25 GB/s = 300 GB/s per direction per GPU (NVIDIA A100 datasheet: 600 GB/s bidirectional).
  scaleUp: { kind: 'nvswitch', bandwidthPerDevice: 300e9, latency: 3.4e-6, domainSize: 8, efficiency: 20 / 25 },
  // 8x ConnectX-6 200 Gb/s HDR (NVIDIA DGX A100 user guide).
  nics: { count: 8, bandwidth: 25e9, latency: 14e-6, fabric: 'ib-hdr' },
  powerW: 6500,
  sources: [ncclTopo, ncclTuning, { title: 'NVIDIA DGX A100 User Guide: 8x A100, 6x NVSwitch, 8x ConnectX-6 200 Gb/s', date: '2020-05' }],
};

/** One device and one NIC per node: a pure network ring. */
export const singleGpuNode: NodeSpec = {
  ...dgxH100,
  id: 'test-1gpu',
  name: 'one GPU, one NIC (test fixture)',
  devicesPerNode: 1,
  nics: { count: 1, bandwidth: 50e9, latency: 14e-6, fabric: 'ib-ndr' },
};

export const ibNdr: FabricSpec = {
  id: 'test-ib-ndr',
  name: 'InfiniBand NDR (test fixture)',
  tech: 'infiniband',
  linkBandwidth: 50e9,
  switchLatency: 0,
  baseLatency: 14e-6,
  switchRadix: 64,
  // 4096-byte MTU payload per packet with LRH 8 + BTH 12 + ICRC 4 + VCRC 2 header bytes (IBTA spec vol. 1): 4096/4122.
  efficiency: 4096 / 4122,
  sources: [ncclTuning, { title: 'InfiniBand Architecture Specification vol. 1 (packet headers); NVIDIA Quantum-2 QM9700: 64 ports of 400 Gb/s', date: '2022-01' }],
};

/** InfiniBand HDR: the same packet format as NDR at half the port rate. */
export const ibHdr: FabricSpec = {
  ...ibNdr,
  id: 'test-ib-hdr',
  name: 'InfiniBand HDR (test fixture)',
  linkBandwidth: 25e9,
  sources: [ncclTuning, { title: 'InfiniBand Architecture Specification vol. 1 (packet headers); NVIDIA Quantum QM8700: 40 ports of 200 Gb/s HDR', date: '2020-01' }],
};

export function testCluster(node: NodeSpec, nodes: number, network: Partial<NetworkSpec> = {}, fabric: FabricSpec = ibNdr): ClusterModel {
  const pool: PoolModel = {
    name: 'main',
    count: nodes,
    node,
    device: { id: node.device, name: node.device, vendor: 'NVIDIA', kind: 'gpu', releaseYear: 2022, peakFlops: {}, memoryBytes: 80e9, memoryBandwidth: 3.35e12, tdpW: 700, sources: [] },
  };
  return {
    pools: [pool],
    network: { topology: 'fat-tree', fabric: fabric.id, oversubscription: 1, routing: 'ideal', ...network },
    fabric,
    storage: [],
    deviceCount: nodes * node.devicesPerNode,
  };
}

export const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
