/**
 * Predicted all-reduce bus bandwidth against published nccl-tests figures
 * (validation/nccl-tests.tsv). The scale-up efficiency comes from NCCL's own
 * per-link NVLink figures (topo.h), not from these rows. Errors are printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyticCollective } from './collectives';
import { simulateCollective } from './simulate';
import { dgxA100, dgxH100, ibNdr, range, testCluster } from './test-clusters';

const rows = readFileSync(join(import.meta.dirname, 'validation', 'nccl-tests.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#') && !l.startsWith('source'))
  .map((l) => {
    const [source, node, gpus, op, bytes, algorithm, busbw] = l.split('\t');
    return { source, node, gpus: Number(gpus), op, bytes: Number(bytes), algorithm, busbw: Number(busbw) * 1e9 };
  });

const nodeFor = (name: string) => (name.includes('H100') ? dgxH100 : dgxA100);

describe('all-reduce bus bandwidth against published nccl-tests figures', () => {
  it('has the rows it validates against', () => expect(rows.length).toBe(2));
  for (const row of rows) {
    it(`${row.node}: ${row.algorithm} ${row.bytes} bytes (${row.source})`, () => {
      const cluster = testCluster(nodeFor(row.node), 1);
      const req = { op: 'all-reduce' as const, algorithm: 'ring' as const, bytes: row.bytes, ranks: range(row.gpus) };
      const analytic = analyticCollective(req, cluster);
      const des = simulateCollective(req, cluster);
      const error = analytic.busBandwidth / row.busbw - 1;
      console.info(`nccl-tests ${row.node}: predicted ${(analytic.busBandwidth / 1e9).toFixed(1)} GB/s, published ${row.busbw / 1e9} GB/s, error ${(error * 100).toFixed(1)}%`);
      expect(Math.abs(des.timeS / analytic.timeS - 1)).toBeLessThan(0.02);
      if (row.node.includes('H100')) {
        expect(Math.abs(error)).toBeLessThan(0.15);
      } else {
        // Known gap: NCCL's own A100 figure (12 x 20 GB/s = 240 GB/s) is 20% above this reporter's ~200 GB/s;
        // the issue itself is about lower-than-expected bandwidth on that system. Held to 25% so a regression still fails.
        expect(Math.abs(error)).toBeLessThan(0.25);
      }
    });
  }

  it('multi-node InfiniBand (no published row here): 8 DGX H100 on NDR are bound by their 8 NICs, about 397 GB/s busbw', () => {
    // Expectation: busbw = min(NVLink port / (7 of 8 channels), 8 NICs) = min(370.8·8/7, 8·49.7) = 397 GB/s before latency.
    const r = analyticCollective({ op: 'all-reduce', algorithm: 'ring', bytes: 2 ** 33, ranks: range(64) }, testCluster(dgxH100, 8));
    const nicBound = 8 * ibNdr.linkBandwidth * ibNdr.efficiency;
    expect(r.bottleneck).toMatch(/^nic/);
    expect(r.busBandwidth).toBeLessThan(nicBound);
    expect(r.busBandwidth / nicBound).toBeGreaterThan(0.95);
  });
});
