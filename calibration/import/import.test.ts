import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../sim/errors';
import { parseFio } from './fio';
import { syntheticLog, syntheticNcclCases } from './fixtures/generate-nccl-synthetic';
import { busFactor, parseNcclTests } from './nccl-tests';
import { fioToStorage, ncclToCollectives } from './to-profile';

const fixtures = join(import.meta.dirname, 'fixtures');
const read = (f: string) => readFileSync(join(fixtures, f), 'utf8');
const src = { title: 'test', date: '2026-11' };

describe('nccl-tests parser on a real published excerpt (Mooncake PR #3484)', () => {
  const log = parseNcclTests(read('mooncake-pr3484-excerpt.log'), 'mooncake-pr3484-excerpt.log');

  it('reads every row with sizes, times and bandwidths in SI units', () => {
    expect(log.rows).toHaveLength(11);
    expect(log.rows[0]).toMatchObject({ bytes: 32768, count: 8192, type: 'float', redop: 'sum', root: -1 });
    expect(log.rows[0].outOfPlace.timeS).toBeCloseTo(18.66e-6, 12);
    expect(log.rows[10].inPlace!.busBandwidth).toBeCloseTo(300.52e9, 0);
  });

  it('infers an all-reduce over 8 ranks from busbw/algbw = 2(n-1)/n', () => {
    expect(log.op).toBe('all-reduce');
    expect(log.ranks).toBe(8);
  });

  it('each row satisfies algbw = size / time within print rounding', () => {
    for (const r of log.rows) expect(Math.abs(r.bytes / r.outOfPlace.timeS - r.outOfPlace.algBandwidth) / r.outOfPlace.algBandwidth).toBeLessThan(0.01);
  });

  it('fits an alpha-beta model and reports its residuals', () => {
    const { entries } = ncclToCollectives(log, src);
    const c = entries[0];
    expect(c.op).toBe('all-reduce');
    // Small messages take ~18 us: the fitted latency is in that range, the bus bandwidth near the largest measured.
    expect(c.fit.alpha).toBeGreaterThan(10e-6);
    expect(c.fit.alpha).toBeLessThan(25e-6);
    expect(c.fit.bandwidth).toBeGreaterThan(250e9);
    expect(c.fit.bandwidth).toBeLessThan(600e9);
    expect(c.fitReport!.points).toBe(11);
    expect(c.fitReport!.rmsRelativeError).toBeLessThan(0.2);
  });
});

describe('nccl-tests parser and fit on synthetic logs of each collective', () => {
  for (const c of syntheticNcclCases) {
    it(`${c.binary}: recovers op, ranks, hosts, latency and bandwidth (known: ${c.alpha * 1e6} us, ${c.algBandwidth / 1e9} GB/s)`, () => {
      const log = parseNcclTests(syntheticLog(c), c.file);
      expect(log.op).toBe(c.op);
      expect(log.ranks).toBe(c.ranks);
      expect(log.hosts).toBe(c.hosts);
      const fit = ncclToCollectives(log, src).entries[0];
      expect(Math.abs(fit.fit.alpha - c.alpha) / c.alpha).toBeLessThan(0.05);
      const bus = c.algBandwidth * busFactor(c.op, c.ranks);
      expect(Math.abs(fit.fit.bandwidth - bus) / bus).toBeLessThan(0.05);
      expect(fit.scope).toBe(c.hosts === 1 ? `intra-node-${c.ranks}` : `inter-node-${c.hosts}x${c.ranks / c.hosts}`);
    });
  }

  it('the committed synthetic fixtures are what the generator writes', () => {
    for (const c of syntheticNcclCases) expect(read(c.file)).toBe(syntheticLog(c));
  });

  it('reads the older layout without a root column', () => {
    const text = ['#       size         count    type   redop     time   algbw   busbw  error     time   algbw   busbw  error', '        1024           256   float     sum    20.00    0.05    0.09  0e+00    20.00    0.05    0.09  0e+00', '     1048576        262144   float     sum    40.00   26.21   45.88  0e+00    40.00   26.21   45.88  0e+00'].join('\n');
    const log = parseNcclTests(text, 'all_reduce_perf.txt');
    expect(log.rows).toHaveLength(2);
    expect(log.rows[1].outOfPlace.timeS).toBeCloseTo(40e-6, 12);
    expect(log.ranks).toBe(8);
  });

  it('rejects a file without a table, naming the file and what was expected', () => {
    expect(() => parseNcclTests('hello\nworld\n', 'x.log')).toThrow(InputError);
    try {
      parseNcclTests('hello\n', 'x.log');
    } catch (e) {
      expect((e as InputError).issues[0].file).toBe('x.log');
      expect((e as InputError).issues[0].expected).toMatch(/nccl-tests output/);
    }
  });

  it('reports a malformed row with its line number', () => {
    const text = read('mooncake-pr3484-excerpt.log').replace('    19.25    6.81', '    19.25    abc');
    try {
      parseNcclTests(text, 'bad.log');
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).issues[0]).toMatchObject({ file: 'bad.log', line: 6 });
    }
  });
});

describe('fio JSON parser on real fio 3.33 output', () => {
  const result = parseFio(read('fio-3.33-psync-direct.json'), 'fio.json');

  it('reads each job with its options, bandwidth, IOPS and latency in SI units', () => {
    expect(result.version).toBe('fio-3.33');
    expect(result.jobs.map((j) => [j.name, j.rw, j.blockBytes, j.direct])).toEqual([
      ['seqread', 'read', 1 << 20, true],
      ['randread', 'randread', 4096, true],
      ['randwrite', 'randwrite', 4096, true],
    ]);
    const seq = result.jobs[0].read!;
    expect(seq.bandwidth).toBe(972592231);
    // fio's own consistency: bandwidth = IOPS × block size.
    expect(Math.abs(seq.iops * (1 << 20) - seq.bandwidth) / seq.bandwidth).toBeLessThan(0.01);
    expect(result.jobs[1].read!.percentiles['50']).toBeCloseTo(120320e-9, 12);
    expect(result.jobs[2].write!.iops).toBeCloseTo(2782.262083, 5);
  });

  it('turns jobs into a storage entry', () => {
    const { entries } = fioToStorage(result, 'vda', src);
    expect(entries[0].sequentialRead!.bandwidth).toBe(972592231);
    expect(entries[0].randomRead!).toMatchObject({ blockBytes: 4096 });
    expect(entries[0].randomWrite!.iops).toBeCloseTo(2782.26, 1);
  });

  it('rejects text that is not fio JSON with an InputError naming the path', () => {
    expect(() => parseFio('not json', 'a.json')).toThrow(InputError);
    try {
      parseFio('{"jobs": [{"jobname": "x", "job options": {"rw": "read"}, "read": {"io_bytes": 5}}]}', 'b.json');
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).issues[0]).toMatchObject({ file: 'b.json', path: 'jobs.0.read.lat_ns' });
    }
  });
});
