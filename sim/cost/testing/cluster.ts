/**
 * A small hand-built ClusterModel for cost and report tests: `nodes` DGX
 * H100-like nodes (8 GPUs, 8 NICs, 10.2 kW) on a two-tier non-blocking
 * fat-tree. Test data, not catalog data: the numbers are chosen to make hand
 * arithmetic easy to follow.
 */
import type { ClusterModel } from '../../hardware/types';

export function dgxH100Cluster(nodes: number, storageBytes = 0): ClusterModel {
  const src = [{ title: 'test fixture', date: '2026-11' }];
  return {
    pools: [{
      name: 'main',
      count: nodes,
      node: {
        id: 'dgx-h100', name: 'DGX H100', device: 'h100-sxm', devicesPerNode: 8,
        scaleUp: { kind: 'nvswitch', bandwidthPerDevice: 450e9, latency: 2e-6, domainSize: 8 },
        nics: { count: 8, bandwidth: 50e9, latency: 2e-6, fabric: 'ib-ndr' },
        powerW: 10_200, sources: src,
      },
      device: {
        id: 'h100-sxm', name: 'H100 SXM', vendor: 'NVIDIA', kind: 'gpu', releaseYear: 2022, peakFlops: { bf16: 989.4e12 },
        memoryBytes: 80e9, memoryBandwidth: 3.35e12, tdpW: 700, sources: src,
      },
    }],
    network: { topology: 'fat-tree', fabric: 'ib-ndr', oversubscription: 1, tiers: 2, routing: 'ecmp' },
    fabric: { id: 'ib-ndr', name: 'InfiniBand NDR', tech: 'infiniband', linkBandwidth: 50e9, switchLatency: 130e-9, baseLatency: 1e-6, switchRadix: 64, efficiency: 0.9, sources: src },
    storage: storageBytes > 0 ? [{ id: 'pfs', name: 'pfs', tier: 'parallel-fs', capacityBytes: storageBytes, aggregateReadBandwidth: 1e11, aggregateWriteBandwidth: 1e11, perStreamBandwidth: 1e10, requestLatency: 1e-3, sources: src }] : [],
    deviceCount: nodes * 8,
  };
}
