/**
 * Storage microbenchmark on a directory with Node's file APIs: sequential
 * write (then fsync) and read of a test file at several request sizes, and
 * random 4 KiB reads and writes for IOPS and latency. The page cache is
 * bypassed with O_DIRECT where the OS and file system allow it; otherwise the
 * run falls back to buffered I/O with fsync and says so in its notes (buffered
 * reads then measure the page cache, not the device).
 */
import { closeSync, constants, fsyncSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MeasuredPoint } from '../profile';
import { type Budget, defaultClock, summarize } from './timing';

export interface StorageOptions {
  dir: string;
  budget: Budget;
  phaseS: number;
  /** Size of the test file, bytes. */
  fileBytes: number;
  /** Deterministic offsets for random I/O. */
  seed: number;
  onPoint?: (done: number, total: number, label: string) => void;
}

export interface StorageResult {
  points: MeasuredPoint[];
  direct: boolean;
  notes: string[];
}

const block = 4096;

/** Largest request; one raw buffer serves every request so one alignment probe holds for all. */
const maxRequest = 1 << 20;

function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Open with O_DIRECT if the platform has it and the file system accepts an aligned read. */
/**
 * O_DIRECT needs a 4 KiB-aligned buffer address. V8 gives no addresses, so
 * try each 16-byte offset into `raw` until the kernel accepts a direct read.
 */
function probeDirect(path: string, raw: Buffer): { direct: boolean; alignOffset: number; why?: string } {
  const flag = (constants as Record<string, number>).O_DIRECT;
  if (!flag) return { direct: false, alignOffset: 0, why: 'O_DIRECT is not available on this platform' };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | flag);
  } catch (e) {
    return { direct: false, alignOffset: 0, why: `O_DIRECT refused by the file system (${(e as NodeJS.ErrnoException).code})` };
  }
  try {
    for (let off = 0; off < block; off += 16) {
      try {
        readSync(fd, raw.subarray(off, off + block), 0, block, 0);
        return { direct: true, alignOffset: off };
      } catch {
        /* misaligned: try the next offset */
      }
    }
    return { direct: false, alignOffset: 0, why: 'no 4 KiB-aligned buffer accepted for O_DIRECT' };
  } finally {
    closeSync(fd);
  }
}

export function benchStorage(opts: StorageOptions): StorageResult {
  const now = defaultClock;
  const work = mkdtempSync(join(opts.dir, 'clusterplan-io-'));
  const path = join(work, 'test.bin');
  const notes: string[] = [];
  const points: MeasuredPoint[] = [];
  const start = opts.budget.elapsedS();
  const left = () => Math.min(opts.budget.leftS(), opts.phaseS - (opts.budget.elapsedS() - start));
  const fileBytes = Math.max(block * 16, Math.floor(opts.fileBytes / (1 << 20)) * (1 << 20) || block * 16);
  try {
    // Lay the file down once, buffered, so reads have something to read and O_DIRECT can be probed.
    const init = openSync(path, 'w');
    const chunk = Buffer.alloc(1 << 20, 0x5a);
    for (let off = 0; off < fileBytes; off += chunk.length) writeSync(init, chunk, 0, Math.min(chunk.length, fileBytes - off), off);
    fsyncSync(init);
    closeSync(init);

    const raw = Buffer.alloc(maxRequest + block);
    const probe = probeDirect(path, raw);
    const alignedBuffer = (bytes: number) => raw.subarray(probe.alignOffset, probe.alignOffset + bytes);
    const directFlag = probe.direct ? (constants as Record<string, number>).O_DIRECT : 0;
    if (!probe.direct) notes.push(`page cache not bypassed: ${probe.why}; writes are fsync'ed, reads may be served from the page cache`);

    const requestSizes = [4096, 65536, maxRequest].filter((s) => s <= fileBytes);
    const steps = requestSizes.length * 2 + 2;
    let step = 0;
    for (const req of requestSizes) {
      const buf = alignedBuffer(req);
      buf.fill(0xa5);
      // Sequential write of the whole file (bounded by the budget), then fsync: time to durable.
      const wfd = openSync(path, constants.O_WRONLY | directFlag);
      let written = 0;
      const t0 = now();
      while (written + req <= fileBytes && now() - t0 < left() / 4) {
        writeSync(wfd, buf, 0, req, written);
        written += req;
      }
      fsyncSync(wfd);
      const wt = now() - t0;
      closeSync(wfd);
      opts.onPoint?.(++step, steps, `write ${req} B`);
      if (written > 0) points.push({ kind: 'storage', params: { op: 'sequential-write', requestBytes: req, bytes: written, direct: probe.direct ? 1 : 0 }, medianS: wt, minS: wt, maxS: wt, repeats: 1, rate: written / wt });

      const rfd = openSync(path, constants.O_RDONLY | directFlag);
      let read = 0;
      const r0 = now();
      while (read + req <= fileBytes && now() - r0 < left() / 4) {
        readSync(rfd, buf, 0, req, read);
        read += req;
      }
      const rt = now() - r0;
      closeSync(rfd);
      opts.onPoint?.(++step, steps, `read ${req} B`);
      if (read > 0) points.push({ kind: 'storage', params: { op: 'sequential-read', requestBytes: req, bytes: read, direct: probe.direct ? 1 : 0 }, medianS: rt, minS: rt, maxS: rt, repeats: 1, rate: read / rt });
    }

    // Random 4 KiB requests at block-aligned offsets: per-request latency; IOPS = 1 / median latency (queue depth 1).
    const rand = lcg(opts.seed);
    const blocks = Math.floor(fileBytes / block);
    for (const op of ['random-read', 'random-write'] as const) {
      const buf = alignedBuffer(block);
      const fd = openSync(path, (op === 'random-read' ? constants.O_RDONLY : constants.O_WRONLY | constants.O_DSYNC) | directFlag);
      const lat: number[] = [];
      const r0 = now();
      while (lat.length < 2000 && (lat.length < 16 || now() - r0 < left() / 3)) {
        const pos = Math.floor(rand() * blocks) * block;
        const s = now();
        if (op === 'random-read') readSync(fd, buf, 0, block, pos);
        else writeSync(fd, buf, 0, block, pos);
        lat.push(now() - s);
      }
      closeSync(fd);
      opts.onPoint?.(++step, steps, op);
      const t = summarize(lat);
      points.push({ kind: 'storage', params: { op, requestBytes: block, direct: probe.direct ? 1 : 0, sync: op === 'random-write' ? 'O_DSYNC' : 'none' }, ...t, rate: block / t.medianS });
    }
    return { points, direct: probe.direct, notes };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
