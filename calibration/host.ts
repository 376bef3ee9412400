/**
 * What machine a local calibration ran on, and what its CPU's specification
 * allows: peak FP32 FLOP/s = cores × FLOP per cycle per core × clock, with
 * FLOP per cycle from the vector ISA the CPU reports (see `cpuVectorPeaks`).
 */
import { readFileSync } from 'node:fs';
import { arch, cpus, release, totalmem, type } from 'node:os';
import type { Source } from '../sim/hardware/types';

export interface HostInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  /** Nominal clock, Hz (from the OS; a VM may report the base clock). */
  clockHz?: number;
  /** CPU feature flags (Linux /proc/cpuinfo). */
  flags: string[];
  /** vendor_id and cpu family from /proc/cpuinfo, e.g. AuthenticAMD 25 (Zen 3/4) or 26 (Zen 5). */
  vendor?: string;
  family?: number;
  /** L3 size the OS reports for core 0 (Linux sysfs), bytes. */
  l3Bytes?: number;
}

/**
 * FP32 FLOP per cycle per core by instruction set, counting an FMA as two.
 * Vendors' optimisation guides give the vector units per core.
 */
export const cpuVectorPeaks: Array<{ isa: string; requires: string[]; vendor?: string; family?: number; flopPerCycle: number; source: Source }> = [
  {
    isa: 'AMD Zen 4 AVX-512 (executed on 256-bit FMA pipes)',
    requires: ['avx512f', 'fma'],
    vendor: 'AuthenticAMD',
    family: 25,
    flopPerCycle: 32,
    source: { title: 'AMD Software Optimization Guide for AMD Family 19h processors (Zen 4): 512-bit instructions are executed as two 256-bit operations on two FMA pipes (8 FP32 lanes × 2 pipes × 2 FLOP)', date: '2023' },
  },
  {
    isa: 'AVX-512 with two FMA units',
    requires: ['avx512f', 'fma'],
    flopPerCycle: 64,
    source: { title: 'Intel 64 and IA-32 Architectures Optimization Reference Manual (two 512-bit FMA units per core on Xeon Scalable) and AMD Software Optimization Guide for Family 1Ah (Zen 5: 512-bit data path, two FMA pipes): 16 FP32 lanes × 2 units × 2 FLOP', date: '2024' },
  },
  {
    isa: 'AVX2 with two FMA units',
    requires: ['avx2', 'fma'],
    flopPerCycle: 32,
    source: { title: 'AMD Software Optimization Guide for AMD Family 17h/19h processors (Zen 2-4): two 256-bit FMA pipes per core (8 FP32 lanes × 2 pipes × 2 FLOP); Intel Haswell and later likewise', date: '2020' },
  },
  {
    isa: 'SSE2 (no FMA)',
    requires: ['sse2'],
    flopPerCycle: 8,
    source: { title: 'x86-64 baseline: one 128-bit add and one 128-bit multiply per cycle (4 FP32 lanes × 2)', date: '2003' },
  },
];

/**
 * Last-level cache one core shares with its neighbours, by vendor and family.
 * AMD parts are built from core complexes that each own their L3, so the
 * figure per complex is fixed by the family; inside a VM the OS often reports
 * the whole socket's L3 (this host: 508 MiB), which no single core can use.
 */
export const lastLevelCaches: Array<{ vendor: string; family: number; bytes: number; coresSharing: number; source: Source }> = [
  { vendor: 'AuthenticAMD', family: 26, bytes: 32 * 2 ** 20, coresSharing: 8, source: { title: 'AMD EPYC 9005 (Zen 5, family 1Ah) product specifications: 32 MB L3 per CCD (8 Zen 5 or 16 Zen 5c cores)', date: '2024-10' } },
  { vendor: 'AuthenticAMD', family: 25, bytes: 32 * 2 ** 20, coresSharing: 8, source: { title: 'AMD EPYC 9004 / 7003 (Zen 4 / Zen 3, family 19h) product specifications: 32 MB L3 per CCD (8 cores)', date: '2022-11' } },
];

/**
 * Span of the L1 data cache's set index, bytes: addresses this far apart map
 * to the same set. x86 L1 data caches are virtually indexed within a 4 KiB
 * page (sets × line = 4 KiB: Zen 4 32 KiB 8-way, Zen 5 and Intel Golden Cove
 * 48 KiB 12-way, 64-byte lines); unknown elsewhere.
 */
export function l1SetSpan(host: HostInfo): { bytes: number; source: Source } | undefined {
  if (!/\b(x64|x86_64|ia32)\b/.test(host.os)) return undefined;
  return { bytes: 4096, source: { title: 'AMD Software Optimization Guide for AMD Family 1Ah processors (Zen 5): L1 data cache 48 KB, 12-way, 64-byte lines (64 sets × 64 B = 4 KiB); Intel 64 and IA-32 Architectures Optimization Reference Manual: 48 KB 12-way L1D (Golden Cove)', date: '2024' } };
}

/**
 * One core's share of its complex's last-level cache, bytes: what a working
 * set can count on keeping while the other cores of a shared (cloud) host
 * use theirs. Known only for the families in `lastLevelCaches`.
 */
export function lastLevelCacheShare(host: HostInfo): { bytes: number; source: Source } | undefined {
  const row = lastLevelCaches.find((r) => r.vendor === host.vendor && r.family === host.family);
  return row ? { bytes: row.bytes / row.coresSharing, source: { ...row.source, note: `${row.bytes / 2 ** 20} MiB shared by ${row.coresSharing} cores` } } : undefined;
}

/** The last-level cache a core can use, bytes: the family's per-complex L3 where known, else what the OS reports. */
export function lastLevelCacheBytes(host: HostInfo): { bytes: number; source: Source } | undefined {
  const row = lastLevelCaches.find((r) => r.vendor === host.vendor && r.family === host.family);
  if (row) return { bytes: row.bytes, source: row.source };
  if (host.l3Bytes) return { bytes: host.l3Bytes, source: { title: 'L3 size reported by the OS (/sys/devices/system/cpu/cpu0/cache/index3/size)', date: new Date().toISOString().slice(0, 10) } };
  return undefined;
}

export function describeHost(): HostInfo {
  const list = cpus();
  let flags: string[] = [];
  let mhz = list[0]?.speed || undefined;
  let vendor: string | undefined;
  let family: number | undefined;
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8').split('\n');
    const line = info.find((l) => l.startsWith('flags'));
    if (line) flags = line.split(':')[1].trim().split(/\s+/);
    // Node reports speed 0 in some VMs; /proc/cpuinfo still has the clock.
    vendor = info.find((l) => l.startsWith('vendor_id'))?.split(':')[1].trim();
    const fam = info.find((l) => l.startsWith('cpu family'));
    if (fam) family = Number(fam.split(':')[1]);
    const clock = info.find((l) => l.startsWith('cpu MHz'));
    if (!mhz && clock) mhz = Number(clock.split(':')[1]) || undefined;
  } catch {
    /* not Linux: no flags, so no spec peak */
  }
  let l3Bytes: number | undefined;
  try {
    const size = readFileSync('/sys/devices/system/cpu/cpu0/cache/index3/size', 'utf8').trim();
    const m = /^(\d+)([KMG]?)$/.exec(size);
    if (m) l3Bytes = Number(m[1]) * { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 }[m[2] as '' | 'K' | 'M' | 'G'];
  } catch {
    /* no sysfs cache description (some VMs, other OSes) */
  }
  return {
    cpuModel: list[0]?.model?.trim() ?? 'unknown',
    cores: list.length,
    memoryBytes: totalmem(),
    os: `${type()} ${release()} ${arch()}`,
    node: process.version,
    clockHz: mhz ? mhz * 1e6 : undefined,
    flags,
    vendor,
    family,
    l3Bytes,
  };
}

/** Spec peak FP32 of the whole CPU (all cores), or undefined when the ISA or clock is unknown. */
export function hostSpecPeak(host: HostInfo): { flops: number; perCore: number; isa: string; source: Source } | undefined {
  if (!host.clockHz) return undefined;
  const row = cpuVectorPeaks.find(
    (r) => r.requires.every((f) => host.flags.includes(f)) && (r.vendor === undefined || r.vendor === host.vendor) && (r.family === undefined || r.family === host.family),
  );
  if (!row) return undefined;
  const perCore = row.flopPerCycle * host.clockHz;
  return { flops: perCore * host.cores, perCore, isa: row.isa, source: row.source };
}
