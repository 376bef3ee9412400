/**
 * Profile entries from imported benchmark output: alpha-beta fits per
 * collective and scale from nccl-tests, storage figures from fio.
 */
import type { Source } from '../../sim/hardware/types';
import { fitAlphaBeta } from '../fit';
import type { CollectiveCalibration, MeasuredPoint, StorageCalibration } from '../profile';
import type { FioResult } from './fio';
import { busFactor, type NcclLog } from './nccl-tests';

export interface Imported<T> {
  entries: T[];
  points: MeasuredPoint[];
  notes: string[];
}

/** Where the ranks sit: one host (scale-up fabric) or several (scale-out network). */
export function ncclScope(log: NcclLog): string {
  return log.hosts <= 1 ? `intra-node-${log.ranks}` : `inter-node-${log.hosts}x${Math.round(log.ranks / log.hosts)}`;
}

/**
 * Fit time(bytes) = alpha + bytes / algBandwidth on the out-of-place rows
 * (rows with a non-zero #wrong are left out), and store the bandwidth as bus
 * bandwidth (algbw × bus factor) as the profile schema asks.
 */
export function ncclToCollectives(log: NcclLog, source: Source): Imported<CollectiveCalibration> {
  const notes: string[] = [];
  const good = log.rows.filter((r) => r.outOfPlace.wrong === null || r.outOfPlace.wrong === 0);
  if (good.length < log.rows.length) notes.push(`${log.rows.length - good.length} rows with #wrong > 0 left out of the fit`);
  const usable = good.filter((r) => r.bytes > 0 && r.outOfPlace.timeS > 0);
  const points: MeasuredPoint[] = log.rows.map((r) => ({
    kind: 'collective',
    params: { op: log.op, ranks: log.ranks, hosts: log.hosts, bytes: r.bytes, type: r.type, placement: 'out-of-place' },
    medianS: r.outOfPlace.timeS,
    rate: r.outOfPlace.busBandwidth,
  }));
  if (usable.length < 2) return { entries: [], points, notes: [...notes, 'fewer than two usable rows: no fit'] };
  const { fit, report } = fitAlphaBeta(usable.map((r) => ({ bytes: r.bytes, timeS: r.outOfPlace.timeS })));
  const factor = busFactor(log.op, log.ranks);
  return {
    entries: [{ op: log.op, scope: ncclScope(log), ranks: log.ranks, fit: { alpha: fit.alpha, bandwidth: fit.bandwidth * factor }, fitReport: report, sources: [source] }],
    points,
    notes,
  };
}

const seqPattern = /^(read|write|rw|readwrite)$/;

export function fioToStorage(result: FioResult, name: string, source: Source): Imported<StorageCalibration> {
  const entry: StorageCalibration = { name, sources: [source] };
  const points: MeasuredPoint[] = [];
  const notes: string[] = [];
  for (const job of result.jobs) {
    if (job.direct === false) notes.push(`job ${job.name}: buffered I/O (direct=0): figures include the page cache`);
    for (const [key, d] of [
      ['read', job.read],
      ['write', job.write],
    ] as const) {
      if (!d) continue;
      const sequential = seqPattern.test(job.rw);
      points.push({
        kind: 'storage',
        params: { op: `${sequential ? 'sequential' : 'random'}-${key}`, job: job.name, requestBytes: job.blockBytes, bytes: d.bytes, iodepth: job.iodepth ?? 1, source: 'fio' },
        medianS: d.percentiles['50'] ?? d.meanLatency,
        rate: d.bandwidth,
      });
      if (sequential) {
        // One request size per job: bandwidth as measured, alpha the fastest request (time to first byte).
        const ab = { alpha: d.minLatency, bandwidth: d.bandwidth };
        if (key === 'read') entry.sequentialRead = ab;
        else entry.sequentialWrite = ab;
      } else {
        const r = { iops: d.iops, latency: d.percentiles['50'] ?? d.meanLatency, blockBytes: job.blockBytes };
        if (key === 'read') entry.randomRead = r;
        else entry.randomWrite = r;
      }
    }
  }
  return { entries: [entry], points, notes };
}
