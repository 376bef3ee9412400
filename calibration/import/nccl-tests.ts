/**
 * Parser for nccl-tests output (all_reduce_perf, all_gather_perf,
 * reduce_scatter_perf, alltoall_perf, sendrecv_perf, ...): the table of
 *   size count type redop [root] time algbw busbw #wrong [time algbw busbw #wrong]
 * for out-of-place and (when printed) in-place runs, with or without MPI
 * output prefixes such as `[1,0]<stdout>:`. Older versions print no `root`
 * column and call the last column `error`; both are read from the header.
 *
 * Bus bandwidth factors are those of nccl-tests doc/PERFORMANCE.md:
 * all-reduce 2(n-1)/n; all-gather, reduce-scatter, all-to-all (n-1)/n;
 * broadcast, reduce, send-recv 1.
 */
import { InputError } from '../../sim/errors';

export type CollectiveOp = 'all-reduce' | 'all-gather' | 'reduce-scatter' | 'all-to-all' | 'send-recv' | 'broadcast' | 'reduce';

export interface NcclRow {
  line: number;
  bytes: number;
  count: number;
  type: string;
  redop: string;
  root: number;
  outOfPlace: { timeS: number; algBandwidth: number; busBandwidth: number; wrong: number | null };
  inPlace?: { timeS: number; algBandwidth: number; busBandwidth: number; wrong: number | null };
}

export interface NcclLog {
  op: CollectiveOp;
  ranks: number;
  hosts: number;
  devices: string[];
  rows: NcclRow[];
  avgBusBandwidth?: number;
  ncclVersion?: string;
}

const binaryOps: Array<[RegExp, CollectiveOp]> = [
  [/all_?reduce/i, 'all-reduce'],
  [/all_?gather/i, 'all-gather'],
  [/reduce_?scatter/i, 'reduce-scatter'],
  [/all_?to_?all/i, 'all-to-all'],
  [/send_?recv/i, 'send-recv'],
  [/broadcast/i, 'broadcast'],
  [/(^|[^_a-z])reduce/i, 'reduce'],
];

export function busFactor(op: CollectiveOp, ranks: number): number {
  switch (op) {
    case 'all-reduce':
      return (2 * (ranks - 1)) / ranks;
    case 'all-gather':
    case 'reduce-scatter':
    case 'all-to-all':
      return (ranks - 1) / ranks;
    default:
      return 1;
  }
}

/** Strip an MPI launcher prefix (`[1,0]<stdout>:`, `[0] `) and surrounding space. */
function clean(line: string): string {
  return line.replace(/^\s*\[\d+(,\d+)*\](<std(out|err)>:)?\s?/, '').trim();
}

const GB = 1e9;

export function parseNcclTests(text: string, file = '<input>', opHint?: string): NcclLog {
  const lines = text.split(/\r?\n/);
  let columns: string[] | undefined;
  const rows: NcclRow[] = [];
  const ranks = new Set<number>();
  const hosts = new Set<string>();
  const devices = new Set<string>();
  let op: CollectiveOp | undefined;
  let avgBusBandwidth: number | undefined;
  let ncclVersion: string | undefined;
  const fromName = (s: string) => binaryOps.find(([re]) => re.test(s))?.[1];

  lines.forEach((raw, i) => {
    const line = clean(raw);
    const lineNo = i + 1;
    let m: RegExpMatchArray | null;
    if ((m = line.match(/Collective test starting:\s*(\S+)/))) op = fromName(m[1]) ?? op;
    else if ((m = line.match(/nccl-library=(\d+)/)) || (m = line.match(/NCCL version (\S+)/))) ncclVersion ??= m[1];
    else if ((m = line.match(/^#?\s*Rank\s+(\d+)\s+(?:Group\s+\d+\s+)?Pid\s+\d+\s+on\s+(\S+)\s+device\s+\d+\s+\[[^\]]*\]\s+(.*)$/))) {
      ranks.add(Number(m[1]));
      hosts.add(m[2]);
      devices.add(m[3].trim());
    } else if ((m = line.match(/^#\s*Avg bus bandwidth\s*:\s*([\d.eE+-]+)/))) avgBusBandwidth = Number(m[1]) * GB;
    else if (/^#\s*size\s+count\s+type/.test(line)) columns = line.replace(/^#/, '').trim().split(/\s+/);
    else if (columns && /^\d/.test(line)) {
      const t = line.split(/\s+/);
      const hasRoot = columns.includes('root');
      const fixed = hasRoot ? 5 : 4;
      const rest = t.slice(fixed);
      if (t.length < fixed + 3 || (rest.length !== 4 && rest.length !== 8 && rest.length !== 3 && rest.length !== 6)) {
        throw new InputError({ file, path: `line ${lineNo}`, line: lineNo, expected: `a nccl-tests row: ${columns.join(' ')}`, found: line.slice(0, 120) });
      }
      const per = rest.length === 4 || rest.length === 8 ? 4 : 3;
      const num = (s: string, what: string) => {
        const v = Number(s);
        if (!Number.isFinite(v)) throw new InputError({ file, path: `line ${lineNo}`, line: lineNo, expected: `a number for ${what}`, found: s });
        return v;
      };
      const part = (o: number) => ({
        timeS: num(rest[o], 'time (us)') * 1e-6,
        algBandwidth: num(rest[o + 1], 'algbw (GB/s)') * GB,
        busBandwidth: num(rest[o + 2], 'busbw (GB/s)') * GB,
        wrong: per === 4 && /^\d+$/.test(rest[o + 3]) ? Number(rest[o + 3]) : null,
      });
      rows.push({
        line: lineNo,
        bytes: num(t[0], 'size (B)'),
        count: num(t[1], 'count (elements)'),
        type: t[2],
        redop: t[3],
        root: hasRoot ? num(t[4], 'root') : -1,
        outOfPlace: part(0),
        inPlace: rest.length >= 2 * per ? part(per) : undefined,
      });
    }
  });

  if (rows.length === 0) {
    throw new InputError({ file, path: '', expected: 'nccl-tests output: a "# size count type redop root time algbw busbw #wrong ..." header followed by rows', found: columns ? 'a header but no rows' : 'no nccl-tests table' });
  }
  op ??= opHint ? fromName(opHint) : undefined;
  op ??= fromName(file.split('/').pop() ?? '');
  // Rank count: the "Rank N" lines, else from busbw/algbw of an all-reduce-like ratio.
  // The largest bandwidth has the fewest digits lost to printing (two decimals in GB/s).
  const sample = rows.reduce<NcclRow | undefined>((best, r) => (r.outOfPlace.algBandwidth > (best?.outOfPlace.algBandwidth ?? 0) ? r : best), undefined);
  const ratio = sample ? sample.outOfPlace.busBandwidth / sample.outOfPlace.algBandwidth : NaN;
  let n = ranks.size;
  if (!op && Number.isFinite(ratio)) {
    if (Math.abs(ratio - 1) < 0.02 && n !== 1) op = 'send-recv';
    else if (ratio > 1.02) op = 'all-reduce';
    else if (rows[0].redop !== 'none') op = 'reduce-scatter';
  }
  if (!op) throw new InputError({ file, path: '', expected: 'the collective named in the log ("# Collective test starting: all_gather_perf") or in the file name (all_gather_perf.log)', found: 'neither' });
  if (n === 0 && Number.isFinite(ratio)) {
    // Invert the bus factor: 2(n-1)/n = r ⇒ n = 2/(2-r); (n-1)/n = r ⇒ n = 1/(1-r).
    const f = op === 'all-reduce' ? 2 / (2 - ratio) : 1 / (1 - ratio);
    n = Number.isFinite(f) && f >= 2 && f < 1e6 ? Math.round(f) : 0;
  }
  if (n < 2 && op !== 'send-recv') throw new InputError({ file, path: '', expected: 'the number of ranks ("#  Rank  0 Group  0 Pid ..." lines)', found: 'none' });
  return { op, ranks: Math.max(n, 2), hosts: Math.max(1, hosts.size), devices: [...devices], rows, avgBusBandwidth, ncclVersion };
}
