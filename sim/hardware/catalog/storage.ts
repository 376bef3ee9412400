/**
 * Storage tier presets. Aggregate figures of `shared` tiers are the whole
 * system; those of `per-node` tiers (local NVMe, host RAM) are one node's.
 * A parallel file system with `perServer` grows with `servers`.
 */
import { q } from '../../units/quantity';
import type { StorageTierSpec } from '../types';
import { cite, docs } from './sources';

const es400nvx2 = { readBandwidth: q('90 GB/s', 'bandwidth'), writeBandwidth: q('65 GB/s', 'bandwidth') };
const exosX18PerNode = 12 * q('270 MB/s', 'bandwidth');

export const storageTiers: StorageTierSpec[] = [
  {
    id: 's3-standard',
    name: 'Amazon S3 Standard (object storage)',
    tier: 'object',
    scope: 'shared',
    capacityBytes: q('1 EB', 'bytes'),
    aggregateReadBandwidth: q('10 TB/s', 'bandwidth'),
    aggregateWriteBandwidth: q('10 TB/s', 'bandwidth'),
    perStreamBandwidth: q('90 MB/s', 'bandwidth'),
    requestLatency: q('100 ms', 'time'),
    requestRate: 5500,
    writeRequestRate: 3500,
    sources: [cite(docs.s3Guidelines, ['perStreamBandwidth', 'requestLatency']), cite(docs.s3Performance, ['requestRate', 'writeRequestRate'])],
    notes:
      'AWS: 5,500 GET and 3,500 PUT per second per prefix (scale with prefixes); "one concurrent request per 85-90 MB/s"; small-object first-byte latency 100-200 ms. ' +
      'Capacity and aggregate bandwidth have no published limit: 1 EB and 10 TB/s are estimates (modelling assumptions) chosen so client NICs, streams and request rates bind.',
    estimated: ['capacityBytes', 'aggregateReadBandwidth', 'aggregateWriteBandwidth'],
  },
  {
    id: 'lustre-exascaler',
    name: 'DDN EXAScaler Lustre on ES400NVX2 appliances',
    tier: 'parallel-fs',
    scope: 'shared',
    servers: 4,
    perServer: { ...es400nvx2, requestRate: 100_000 },
    capacityBytes: 4 * q('500 TB', 'bytes'),
    aggregateReadBandwidth: 4 * es400nvx2.readBandwidth,
    aggregateWriteBandwidth: 4 * es400nvx2.writeBandwidth,
    perStreamBandwidth: q('3 GB/s', 'bandwidth'),
    requestLatency: q('0.5 ms', 'time'),
    requestRate: 4 * 100_000,
    sources: [cite(docs.ddnEs400nvx2, ['perServer', 'aggregateReadBandwidth', 'aggregateWriteBandwidth'])],
    notes:
      'Per 2U appliance: up to 90 GB/s read, 65 GB/s write (DDN). Aggregate = servers x per appliance. requestRate is metadata operations/s. ' +
      'Estimates: usable capacity per appliance, single-stream client rate (one Lustre client thread), request latency and metadata rate per appliance.',
    estimated: ['capacityBytes', 'perStreamBandwidth', 'requestLatency', 'requestRate', 'perServer.requestRate'],
  },
  {
    id: 'hdfs-3x',
    name: 'HDFS, 3x replication on 10 data nodes of 12 HDDs',
    tier: 'hdfs',
    scope: 'shared',
    servers: 10,
    perServer: { readBandwidth: exosX18PerNode, writeBandwidth: exosX18PerNode, requestRate: 5_000 },
    replication: 3,
    capacityBytes: (10 * 12 * q('18 TB', 'bytes')) / 3,
    aggregateReadBandwidth: 10 * exosX18PerNode,
    aggregateWriteBandwidth: 10 * exosX18PerNode,
    perStreamBandwidth: q('270 MB/s', 'bandwidth'),
    requestLatency: q('10 ms', 'time'),
    requestRate: 50_000,
    sources: [cite(docs.hdfsDesign, ['replication']), cite(docs.exosX18, ['perServer', 'aggregateReadBandwidth', 'aggregateWriteBandwidth', 'perStreamBandwidth', 'capacityBytes'])],
    notes:
      'Aggregate figures are raw disk bandwidth (12 x 270 MB/s per node); writes store `replication` copies, so client write throughput is aggregate / replication. ' +
      'A block streams from one disk (perStreamBandwidth). Estimates: NameNode operations/s, first-byte latency (seek + RPC).',
    estimated: ['requestRate', 'requestLatency', 'perServer.requestRate'],
  },
  {
    id: 'local-nvme',
    name: 'Local NVMe, 8 x 3.84 TB U.2 per node',
    tier: 'local-nvme',
    scope: 'per-node',
    capacityBytes: 8 * q('3.84 TB', 'bytes'),
    aggregateReadBandwidth: 8 * q('7000 MB/s', 'bandwidth'),
    aggregateWriteBandwidth: 8 * q('3800 MB/s', 'bandwidth'),
    perStreamBandwidth: q('7000 MB/s', 'bandwidth'),
    requestLatency: q('100 us', 'time'),
    requestRate: 8 * 1_500_000,
    sources: [cite(docs.pm1733)],
    notes: 'Per node. buildCluster replaces drive count and rates with the node\'s own `localNvme` when the node has one. requestRate is 4 KiB random-read IOPS (1.5 M per drive).',
  },
  {
    id: 'host-ram',
    name: 'Host RAM page cache (2 x DDR5-4800 sockets)',
    tier: 'host-ram',
    scope: 'per-node',
    capacityBytes: q('2 TB', 'bytes'),
    aggregateReadBandwidth: 2 * q('307.2 GB/s', 'bandwidth'),
    aggregateWriteBandwidth: 2 * q('307.2 GB/s', 'bandwidth'),
    perStreamBandwidth: q('20 GB/s', 'bandwidth'),
    requestLatency: q('1 us', 'time'),
    sources: [cite(docs.xeon8480Page, ['aggregateReadBandwidth', 'aggregateWriteBandwidth'])],
    notes:
      'Per node; theoretical DDR5 bandwidth of two 8-channel sockets. buildCluster uses the node\'s hostMemoryBytes for capacity. ' +
      'Estimates: one copy stream (~20 GB/s for a single-threaded memcpy from page cache) and the syscall latency.',
    estimated: ['perStreamBandwidth', 'requestLatency'],
  },
];
