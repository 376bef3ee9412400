/**
 * Parser for fio's JSON output (`fio --output-format=json`, fio 2.x-3.x):
 * per job the read and write sections with bw_bytes, iops, lat_ns / clat_ns
 * (mean and percentiles) and the job's rw and bs options (falling back to the
 * global options). Text that fio prints before the JSON (notes, warnings) is
 * skipped.
 */
import { InputError } from '../../sim/errors';

export interface FioDirection {
  bytes: number;
  bandwidth: number;
  iops: number;
  /** Mean total latency (submission + completion), s. */
  meanLatency: number;
  minLatency: number;
  /** Completion-latency percentiles, s, keyed by percentile (50, 99, ...). */
  percentiles: Record<string, number>;
}

export interface FioJob {
  name: string;
  rw: string;
  blockBytes: number;
  ioengine?: string;
  direct?: boolean;
  iodepth?: number;
  target?: string;
  read?: FioDirection;
  write?: FioDirection;
}

export interface FioResult {
  version?: string;
  jobs: FioJob[];
}

type Json = Record<string, unknown>;

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function parseBlockSize(bs: string): number {
  // fio sizes are binary: 4k = 4096; a pair "4k,64k" gives read,write sizes: take the first.
  const first = bs.split(/[,:]/)[0].trim();
  const m = first.match(/^(\d+(?:\.\d+)?)([kmgKMG]?)(i?[bB])?$/);
  if (!m) return NaN;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * mult;
}

export function parseFio(text: string, file = '<input>'): FioResult {
  const start = text.indexOf('{');
  if (start < 0) throw new InputError({ file, path: '', expected: 'fio JSON output (fio --output-format=json)', found: 'no JSON object' });
  let doc: Json;
  try {
    doc = JSON.parse(text.slice(start)) as Json;
  } catch (e) {
    const pos = Number((e as Error).message.match(/position (\d+)/)?.[1]);
    throw new InputError({ file, path: '', line: Number.isFinite(pos) ? lineOf(text, start + pos) : undefined, expected: 'fio JSON output (fio --output-format=json)', found: `invalid JSON (${(e as Error).message})` });
  }
  const jobs = doc.jobs;
  if (!Array.isArray(jobs) || jobs.length === 0) throw new InputError({ file, path: 'jobs', expected: 'a non-empty array of fio jobs', found: jobs === undefined ? 'nothing' : JSON.stringify(jobs).slice(0, 40) });
  const global = (doc['global options'] ?? {}) as Record<string, string>;
  const out: FioJob[] = jobs.map((j: Json, i: number) => {
    const opts = { ...global, ...((j['job options'] ?? {}) as Record<string, string>) };
    const rw = opts.rw ?? opts.readwrite ?? 'read';
    const blockBytes = parseBlockSize(opts.bs ?? opts.blocksize ?? '4k');
    if (!Number.isFinite(blockBytes)) throw new InputError({ file, path: `jobs.${i}.job options.bs`, expected: 'a fio block size such as 4k or 1M', found: String(opts.bs) });
    const dir = (key: 'read' | 'write'): FioDirection | undefined => {
      const d = j[key] as Json | undefined;
      if (!d) return undefined;
      const need = (k: string) => {
        const v = d[k];
        if (typeof v !== 'number') throw new InputError({ file, path: `jobs.${i}.${key}.${k}`, expected: 'a number (fio 3 JSON output)', found: v === undefined ? 'nothing' : JSON.stringify(v) });
        return v;
      };
      const bytes = need('io_bytes');
      if (bytes === 0) return undefined;
      // fio 3 reports ns (lat_ns, clat_ns); fio 2 reports us (lat, clat).
      const lat = (d.lat_ns as Json | undefined) ?? (d.lat as Json | undefined);
      const clat = (d.clat_ns as Json | undefined) ?? (d.clat as Json | undefined);
      const scale = d.lat_ns ? 1e-9 : 1e-6;
      if (!lat || typeof lat.mean !== 'number') throw new InputError({ file, path: `jobs.${i}.${key}.lat_ns`, expected: 'latency statistics {min, max, mean, ...}', found: 'nothing' });
      const percentiles: Record<string, number> = {};
      for (const [p, v] of Object.entries((clat?.percentile ?? {}) as Record<string, number>)) percentiles[String(Number(p))] = v * scale;
      const bw = typeof d.bw_bytes === 'number' ? d.bw_bytes : need('bw') * 1024; // fio 2: KiB/s
      return { bytes, bandwidth: bw, iops: need('iops'), meanLatency: (lat.mean as number) * scale, minLatency: ((lat.min as number) ?? 0) * scale, percentiles };
    };
    return {
      name: String(j.jobname ?? `job${i}`),
      rw,
      blockBytes,
      ioengine: opts.ioengine,
      direct: opts.direct === undefined ? undefined : opts.direct === '1' || opts.direct === 'true',
      iodepth: opts.iodepth ? Number(opts.iodepth) : undefined,
      target: opts.filename ?? opts.directory,
      read: dir('read'),
      write: dir('write'),
    };
  });
  return { version: typeof doc['fio version'] === 'string' ? (doc['fio version'] as string) : undefined, jobs: out };
}

