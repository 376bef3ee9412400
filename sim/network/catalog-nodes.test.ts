import { describe, expect, it } from 'vitest';
import { nodes } from '../hardware/catalog/index';
import { buildCluster } from '../hardware/cluster';
import { clusterSchema } from '../hardware/schema';
import { analyticCollective } from './collectives';
import { simulateCollective } from './simulate';

describe('every catalog node prices collectives on every topology, DES agreeing with analytic on a fat-tree', () => {
  for (const node of nodes) {
    it(node.id, () => {
      for (const topology of ['fat-tree', 'rail-optimized', 'single-switch', 'torus'] as const) {
        const cluster = buildCluster(clusterSchema.parse({ pools: [{ node: node.id, count: 2 }], network: { topology } }));
        const req = { op: 'all-reduce' as const, bytes: 2 ** 26, ranks: Array.from({ length: cluster.deviceCount }, (_, i) => i) };
        const a = analyticCollective(req, cluster);
        expect(a.timeS, `${node.id} ${topology}`).toBeGreaterThan(0);
        expect(Number.isFinite(a.busBandwidth)).toBe(true);
        // DES on one topology per node keeps the file fast (a GB200 NVL72 pair has 144 ranks on 72 channels).
        if (topology === 'fat-tree') expect(Math.abs(simulateCollective(req, cluster).timeS / a.timeS - 1), `${node.id} ${topology}`).toBeLessThan(0.02);
      }
    });
  }
});
