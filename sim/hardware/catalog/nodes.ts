/**
 * Node and system presets. A node is what a pool counts: a server, a rack
 * (GB200 NVL72) or one TPU host. NIC counts are the compute fabric only
 * (storage/management ports are left out and named in `notes`).
 *
 * TPU slices: a `tpu-*-slice` node is ONE TPU host of 4 chips. The slice is the
 * pool: `count` hosts make a slice of 4 x count chips, and its torus shape is
 * `cluster.network.torusDims` (buildCluster picks a near-cubic shape when it is
 * not given, and sets the node's `scaleUp.domainSize`/`torusDims` to the slice).
 */
import { q } from '../../units/quantity';
import type { NicSpec, NodeSpec, Source } from '../types';
import { fabrics } from './fabrics';
import { cite, docs } from './sources';

function nics(fabricId: string, count: number): NicSpec {
  const fabric = fabrics.find((f) => f.id === fabricId);
  if (!fabric) throw new Error(`node catalog names unknown fabric ${fabricId}`);
  return { count, bandwidth: fabric.linkBandwidth, latency: fabric.baseLatency, fabric: fabricId };
}

const pm1733 = {
  bytesPerDrive: q('3.84 TB', 'bytes'),
  readBandwidthPerDrive: q('7000 MB/s', 'bandwidth'),
  writeBandwidthPerDrive: q('3800 MB/s', 'bandwidth'),
};
const nvmeSource = cite(docs.pm1733, ['localNvme'], 'U.2 3.84 TB drives of the class NVIDIA ships; sequential 128 KiB figures');

/** NVLink/NVSwitch one-way latency between two GPUs of a node: an estimate (NCCL small-message latency on NVSwitch is ~2-3 us end to end). */
const nvlinkLatency = q('1 us', 'time');
const scaleUpLatencyNote = 'scaleUp.latency is an estimate from NCCL small-message timings (vendors publish none).';
/** NCCL's bulk rate of one NVLink3 link (SM80_NVLINK_BW 20.0 GB/s) over its 25 GB/s signalling rate per direction. */
const ncclNvlink3Efficiency = 20 / 25;
const ncclNvlink3Source: Source = {
  title: 'NCCL src/graph/topo.h: SM80_NVLINK_BW 20.0 (GB/s per NVLink3 link, of 25 GB/s per direction)',
  url: 'https://github.com/NVIDIA/nccl/blob/master/src/graph/topo.h',
  date: '2020-05',
  note: 'value in NCCL master; NCCL supports A100 (sm_80) since 2.7, May 2020',
  fields: ['scaleUp.efficiency'],
};
/** NVLink4 (H100, H200): SM90_NVLINK_BW 20.6 GB/s of 25 per link and direction. */
const ncclNvlink4Efficiency = 20.6 / 25;
/** NVLink5 (B200, GB200): SM100_NVLINK_BW 40.1 GB/s of 50 per link and direction. */
const ncclNvlink5Efficiency = 40.1 / 50;
const ncclNvlinkSource: Source = {
  title: 'NCCL src/graph/topo.h: SM90_NVLINK_BW 20.6 (NVLink4, of 25 GB/s per link and direction), SM100_NVLINK_BW 40.1 (NVLink5, of 50)',
  url: 'https://github.com/NVIDIA/nccl/blob/master/src/graph/topo.h',
  date: '2025-01',
  note: 'values in NCCL master; NCCL prices every NVLink transfer at this bulk rate',
  fields: ['scaleUp.efficiency'],
};
/** NCCL's NVLS (in-switch reduction) efficiency per GPU generation: Hopper 0.85, Blackwell 0.74. */
const ncclNvlsEfficiency = { hopper: 0.85, blackwell: 0.74 };
const ncclNvlsSource: Source = {
  title: 'NCCL tuning code, nvlsEfficiency: 0.85 (Hopper), 0.74 (Blackwell) of the NVLink bulk rate for NVLS',
  url: 'https://github.com/NVIDIA/nccl/blob/master/src/graph/tuning.cc',
  date: '2025-01',
  note: 'values in NCCL master (src/tuning/nvls.cc in later versions); NCCL\'s measured NVLS factor, used by its tuner',
  fields: ['scaleUp.inNetworkReductionEfficiency'],
};

/** Non-accelerator power share of an 8-GPU server, from DGX H100: 10.2 kW - 8 x 700 W. Used only to estimate nodes with no published figure. */
const hostPowerShare = q('4.6 kW', 'power');

export const nodes: NodeSpec[] = [
  {
    id: 'dgx-a100-40gb',
    name: 'NVIDIA DGX A100 (320 GB)',
    device: 'a100-40gb-sxm',
    devicesPerNode: 8,
    scaleUp: { kind: 'nvswitch', bandwidthPerDevice: q('300 GB/s', 'bandwidth'), latency: nvlinkLatency, domainSize: 8, efficiency: ncclNvlink3Efficiency },
    nics: nics('ib-hdr', 8),
    hostMemoryBytes: q('1 TB', 'bytes'),
    cpusPerNode: 2,
    localNvme: { drives: 4, ...pm1733 },
    powerW: q('6.5 kW', 'power'),
    sources: [cite(docs.dgxA100Guide), nvmeSource, ncclNvlink3Source],
    notes: `2 x AMD EPYC 7742 hosts (not in the catalog); 6 NVSwitches; 8 x ConnectX-6 HDR for compute plus 1-2 storage NICs. ${scaleUpLatencyNote}`,
    estimated: ['scaleUp.latency'],
  },
  {
    id: 'dgx-a100-80gb',
    name: 'NVIDIA DGX A100 (640 GB)',
    device: 'a100-80gb-sxm',
    devicesPerNode: 8,
    scaleUp: { kind: 'nvswitch', bandwidthPerDevice: q('300 GB/s', 'bandwidth'), latency: nvlinkLatency, domainSize: 8, efficiency: ncclNvlink3Efficiency },
    nics: nics('ib-hdr', 8),
    hostMemoryBytes: q('2 TB', 'bytes'),
    cpusPerNode: 2,
    localNvme: { drives: 8, ...pm1733 },
    powerW: q('6.5 kW', 'power'),
    sources: [cite(docs.dgxA100Guide), nvmeSource, ncclNvlink3Source],
    notes: `2 x AMD EPYC 7742 hosts (not in the catalog); 6 NVSwitches; 8 x ConnectX-6 HDR for compute plus 2 storage NICs. ${scaleUpLatencyNote}`,
    estimated: ['scaleUp.latency'],
  },
  {
    id: 'dgx-h100',
    name: 'NVIDIA DGX H100',
    device: 'h100-sxm',
    devicesPerNode: 8,
    scaleUp: { kind: 'nvswitch', bandwidthPerDevice: q('450 GB/s', 'bandwidth'), latency: nvlinkLatency, domainSize: 8, inNetworkReduction: true, efficiency: ncclNvlink4Efficiency, inNetworkReductionEfficiency: ncclNvlsEfficiency.hopper },
    nics: nics('ib-ndr', 8),
    hostMemoryBytes: q('2 TB', 'bytes'),
    cpu: 'xeon-8480-plus',
    cpusPerNode: 2,
    localNvme: { drives: 8, ...pm1733 },
    powerW: q('10.2 kW', 'power'),
    sources: [cite(docs.dgxH100Guide), nvmeSource, ncclNvlinkSource, ncclNvlsSource],
    notes: `4 NVSwitch chips with NVLS (in-switch reduction); 8 x ConnectX-7 NDR for compute plus 2 dual-port storage NICs. Hosts are Xeon 8480C, the catalog's 8480+ stands in. ${scaleUpLatencyNote}`,
    estimated: ['scaleUp.latency'],
  },
  {
    id: 'hgx-h200',
    name: 'NVIDIA HGX H200 8-GPU server (DGX H200 figures)',
    device: 'h200-sxm',
    devicesPerNode: 8,
    scaleUp: { kind: 'nvswitch', bandwidthPerDevice: q('450 GB/s', 'bandwidth'), latency: nvlinkLatency, domainSize: 8, inNetworkReduction: true, efficiency: ncclNvlink4Efficiency, inNetworkReductionEfficiency: ncclNvlsEfficiency.hopper },
    nics: nics('ib-ndr', 8),
    hostMemoryBytes: q('2 TB', 'bytes'),
    cpu: 'xeon-8480-plus',
    cpusPerNode: 2,
    localNvme: { drives: 8, ...pm1733 },
    powerW: q('10.2 kW', 'power'),
    sources: [cite(docs.hgxPage, ['device', 'devicesPerNode', 'scaleUp']), cite(docs.dgxH200Page, ['nics', 'hostMemoryBytes', 'localNvme', 'powerW']), nvmeSource, ncclNvlinkSource, ncclNvlsSource],
    notes: `HGX boards ship in many OEM servers; host, NIC and power figures are NVIDIA's DGX H200. ${scaleUpLatencyNote}`,
    estimated: ['scaleUp.latency'],
  },
  {
    id: 'hgx-b200',
    name: 'NVIDIA HGX B200 8-GPU server (DGX B200 figures)',
    device: 'b200',
    devicesPerNode: 8,
    scaleUp: { kind: 'nvswitch', bandwidthPerDevice: q('900 GB/s', 'bandwidth'), latency: nvlinkLatency, domainSize: 8, inNetworkReduction: true, efficiency: ncclNvlink5Efficiency, inNetworkReductionEfficiency: ncclNvlsEfficiency.blackwell },
    nics: nics('ib-ndr', 8),
    hostMemoryBytes: q('2 TB', 'bytes'),
    cpusPerNode: 2,
    localNvme: { drives: 8, ...pm1733 },
    powerW: q('14.3 kW', 'power'),
    sources: [cite(docs.hgxPage, ['device', 'devicesPerNode', 'scaleUp']), cite(docs.dgxB200Page, ['nics', 'hostMemoryBytes', 'localNvme', 'powerW']), nvmeSource, ncclNvlinkSource, ncclNvlsSource],
    notes: `2 x Xeon Platinum 8570 hosts (not in the catalog); 2 NVLink 5 switch chips; 8 x ConnectX-7 400 Gb/s. ${scaleUpLatencyNote}`,
    estimated: ['scaleUp.latency'],
  },
  {
    id: 'gb200-nvl72',
    name: 'NVIDIA GB200 NVL72 rack (72 GPUs, one NVLink domain)',
    device: 'gb200',
    devicesPerNode: 72,
    scaleUp: { kind: 'nvswitch', bandwidthPerDevice: q('900 GB/s', 'bandwidth'), latency: nvlinkLatency, domainSize: 72, inNetworkReduction: true, efficiency: ncclNvlink5Efficiency, inNetworkReductionEfficiency: ncclNvlsEfficiency.blackwell },
    nics: nics('ib-ndr', 72),
    hostMemoryBytes: q('17 TB', 'bytes'),
    cpusPerNode: 36,
    powerW: q('120 kW', 'power'),
    sources: [cite(docs.gb200Page), ncclNvlinkSource, ncclNvlsSource],
    notes:
      `36 Grace CPUs (LPDDR5X, up to 17 TB in the rack), 18 compute trays, 9 NVLink switch trays (130 TB/s NVLink). One 400 Gb/s NIC per GPU is the common build. ` +
      `powerW is an estimate: NVIDIA publishes none; OEM rack specifications give 120-132 kW. ${scaleUpLatencyNote}`,
    estimated: ['scaleUp.latency', 'powerW', 'nics'],
  },
  {
    id: 'tpu-v4-slice',
    name: 'Google TPU v4 host (4 chips) of a 3D-torus slice',
    device: 'tpu-v4',
    devicesPerNode: 4,
    scaleUp: { kind: 'ici-torus', bandwidthPerDevice: q('300 GB/s', 'bandwidth'), latency: q('2 us', 'time'), domainSize: 4, torusDims: [2, 2, 1] },
    nics: nics('roce-100g', 1),
    hostMemoryBytes: q('407 GB', 'bytes'),
    powerW: q('1.2 kW', 'power'),
    sources: [cite(docs.tpuV4Doc, ['devicesPerNode', 'scaleUp', 'hostMemoryBytes']), cite(docs.tpuV4Paper, ['scaleUp'])],
    notes:
      'A pool of N hosts is a slice of 4N chips; give its shape as network.torusDims (e.g. [4,4,8] for 128 chips = 32 hosts) with topology torus. ' +
      'Estimates: ICI latency, the data-centre NIC (Google publishes no per-host DCN figure) and host power (4 x 192 W chips + ~430 W host).',
    estimated: ['scaleUp.latency', 'nics', 'powerW'],
  },
  {
    id: 'tpu-v5p-slice',
    name: 'Google TPU v5p host (4 chips) of a 3D-torus slice',
    device: 'tpu-v5p',
    devicesPerNode: 4,
    scaleUp: { kind: 'ici-torus', bandwidthPerDevice: q('600 GB/s', 'bandwidth'), latency: q('2 us', 'time'), domainSize: 4, torusDims: [2, 2, 1] },
    nics: nics('roce-200g', 1),
    hostMemoryBytes: q('448 GB', 'bytes'),
    powerW: q('2.3 kW', 'power'),
    sources: [cite(docs.tpuV5pDoc, ['devicesPerNode', 'scaleUp', 'hostMemoryBytes', 'nics'])],
    notes:
      'Slice = pool, shape = network.torusDims (3D). Google: 448 GB RAM per 4-chip VM and 50 Gbps data-centre network per chip = 200 Gbps per host (modelled as one RoCE 200G port). ' +
      'Estimates: ICI latency, host power (4 x the estimated 450 W chip + ~500 W host).',
    estimated: ['scaleUp.latency', 'powerW'],
  },
  {
    id: 'tpu-v5e-slice',
    name: 'Google TPU v5e host (8 chips) of a 2D-torus slice',
    device: 'tpu-v5e',
    devicesPerNode: 8,
    scaleUp: { kind: 'ici-torus', bandwidthPerDevice: q('200 GB/s', 'bandwidth'), latency: q('2 us', 'time'), domainSize: 8, torusDims: [2, 4] },
    nics: nics('roce-100g', 2),
    hostMemoryBytes: q('512 GiB', 'bytes'),
    powerW: q('2.1 kW', 'power'),
    sources: [cite(docs.tpuV5eDoc, ['devicesPerNode', 'scaleUp', 'hostMemoryBytes', 'nics'])],
    notes:
      'Slice = pool, shape = network.torusDims (2D, up to 16 x 16 = 256 chips). Google: 8 chips and 512 GiB DRAM per host, 2 x 100 Gbps NICs per host (data-centre network, modelled as RoCE). ' +
      'Estimates: ICI latency, host power (8 x the estimated 200 W chip + ~500 W host).',
    estimated: ['scaleUp.latency', 'powerW'],
  },
  {
    id: 'gaudi3-node',
    name: 'Intel Gaudi 3 8-card server (HLS-Gaudi3 baseboard)',
    device: 'gaudi3',
    devicesPerNode: 8,
    scaleUp: { kind: 'roce-mesh', bandwidthPerDevice: q('4200 Gbps', 'bandwidth'), latency: q('2 us', 'time'), domainSize: 8 },
    nics: nics('roce-200g', 24),
    cpusPerNode: 2,
    powerW: 8 * q('900 W', 'power') + hostPowerShare,
    sources: [cite(docs.gaudi3Whitepaper)],
    notes:
      'Each Gaudi 3 wires 21 of its 24 x 200 GbE ports to its 7 peers (3 each, 525 GB/s per direction) and 3 to scale-out: 24 x 200 GbE per node (6 x 800 GbE OSFP). ' +
      'powerW is an estimate: 8 x 900 W + the non-GPU share of a DGX H100 (4.6 kW). scaleUp.latency is an estimate.',
    estimated: ['powerW', 'scaleUp.latency'],
  },
  {
    id: 'mi300x-node',
    name: 'AMD Instinct MI300X 8-GPU platform',
    device: 'mi300x',
    devicesPerNode: 8,
    scaleUp: { kind: 'infinity-fabric', bandwidthPerDevice: q('448 GB/s', 'bandwidth'), latency: q('2 us', 'time'), domainSize: 8 },
    nics: nics('roce-400g', 8),
    cpusPerNode: 2,
    powerW: 8 * q('750 W', 'power') + hostPowerShare,
    sources: [cite(docs.mi300xPlatform)],
    notes:
      'Full mesh: 7 Infinity Fabric links of 64 GB/s per direction from each GPU (896 GB/s aggregate both ways). One 400 Gb/s NIC per GPU is the common build (RoCE or InfiniBand). ' +
      'powerW is an estimate: 8 x 750 W + the non-GPU share of a DGX H100 (4.6 kW). scaleUp.latency is an estimate.',
    estimated: ['powerW', 'scaleUp.latency', 'nics'],
  },
  {
    id: 'cpu-server',
    name: 'Dual-socket AMD EPYC 9654 server',
    device: 'epyc-9654',
    devicesPerNode: 2,
    scaleUp: { kind: 'infinity-fabric', bandwidthPerDevice: q('256 GB/s', 'bandwidth'), latency: q('0.2 us', 'time'), domainSize: 2 },
    nics: nics('roce-200g', 1),
    hostMemoryBytes: q('1.5 TB', 'bytes'),
    cpu: 'epyc-9654',
    cpusPerNode: 2,
    localNvme: { drives: 4, ...pm1733 },
    powerW: q('1.1 kW', 'power'),
    sources: [cite(docs.epyc9654Page, ['device', 'scaleUp']), nvmeSource],
    notes:
      'A typical data-processing server: the two CPUs are the devices. Socket link: 4 xGMI links (x16 at 32 Gb/s = 64 GB/s per direction each). ' +
      'powerW is an estimate: 2 x 360 W + ~380 W for memory, drives, NIC and fans.',
    estimated: ['scaleUp.bandwidthPerDevice', 'scaleUp.latency', 'powerW', 'nics', 'hostMemoryBytes'],
  },
  {
    id: 'fpga-server',
    name: 'Server with 4 AMD Alveo U280 cards',
    device: 'alveo-u280',
    devicesPerNode: 4,
    scaleUp: { kind: 'pcie-switch', bandwidthPerDevice: q('15.75 GB/s', 'bandwidth'), latency: q('2 us', 'time'), domainSize: 4 },
    nics: nics('roce-100g', 8),
    hostMemoryBytes: q('512 GB', 'bytes'),
    cpu: 'epyc-9654',
    cpusPerNode: 2,
    powerW: 4 * q('225 W', 'power') + q('1.1 kW', 'power'),
    sources: [cite(docs.u280Datasheet, ['device', 'scaleUp', 'nics'])],
    notes:
      'Cards talk through PCIe Gen3 x16 and through their own 2 x QSFP28 100 GbE ports (8 per node). ' +
      'powerW is an estimate: 4 x 225 W cards + the estimated cpu-server host.',
    estimated: ['powerW', 'scaleUp.latency', 'hostMemoryBytes'],
  },
  {
    id: 'edge-box',
    name: 'Edge box with one Jetson AGX Orin 64GB',
    device: 'jetson-agx-orin',
    devicesPerNode: 1,
    scaleUp: { kind: 'none', bandwidthPerDevice: 0, latency: 0, domainSize: 1 },
    nics: nics('ethernet-10g', 1),
    powerW: q('75 W', 'power'),
    sources: [cite(docs.orinDatasheet)],
    notes: 'Module memory is the host memory (64 GB LPDDR5, shared). powerW is an estimate: 60 W module + ~15 W carrier board, NIC and fan. 10 GbE as on the developer kit.',
    estimated: ['powerW'],
  },
];
