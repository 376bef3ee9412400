/**
 * `clusterplan calibrate` and `clusterplan import nccl-tests|fio`: human
 * output on stdout, a progress bar on stderr when it is a terminal, profiles
 * written as JSON. Bad input files throw InputError (the CLI exits 2).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../sim/errors';
import { fmtSig, table } from '../sim/cli/format';
import { progressBar } from '../sim/cli/progress';
import { BackendUnavailableError } from './bench/tfjs-backend';
import { parseFio } from './import/fio';
import { parseNcclTests } from './import/nccl-tests';
import { fioToStorage, ncclToCollectives } from './import/to-profile';
import { parseProfile } from './load';
import { bytesOf, fitTime, matmulHeldOut, matmulWork, memoryHeldOut, toMatmulPoints, toWorkRate, withDramTier, type HeldOutRow } from './local-fit';
import { PROFILE_SCHEMA, type CalibrationProfile, type MeasuredPoint } from './profile';
import { describeHost } from './host';
import { localKernelTerms, runCalibration } from './run';

export interface CalibrateOptions {
  backend?: string;
  out?: string;
  quick?: boolean;
  check?: boolean;
  dir?: string;
  quiet?: boolean;
  /** Total time budget, s (tests use a few seconds). */
  budgetS?: number;
  /** Skip the storage benchmark. */
  storage?: boolean;
  /** Catalog device id to store the measured curves under (default host-<backend>). */
  device?: string;
}

const gflops = (v: number) => `${fmtSig(v / 1e9, 3)} GFLOP/s`;
const gbps = (v: number) => `${fmtSig(v / 1e9, 3)} GB/s`;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function checkTable(title: string, rows: HeldOutRow[], unit: (v: number) => string): string {
  const body = rows.map((r) => [r.label, r.family, r.heldOut ? 'held out' : 'fit', unit(r.measured), unit(r.predicted), `${r.relativeError >= 0 ? '+' : ''}${pct(r.relativeError)}`]);
  return `${title}\n${table([{ header: 'point' }, { header: 'family' }, { header: 'role' }, { header: 'measured', align: 'right' }, { header: 'predicted', align: 'right' }, { header: 'error', align: 'right' }], body)}`;
}

const label = (p: MeasuredPoint) => (p.kind === 'matmul' ? `${p.params.m}x${p.params.n}x${p.params.k}` : `${p.params.elements} el`);

export async function calibrateCommand(opts: CalibrateOptions): Promise<number> {
  const backend = opts.backend ?? 'wasm';
  const bar = progressBar(`calibrate ${backend}`, { quiet: opts.quiet });
  let profile: CalibrationProfile;
  try {
    profile = await runCalibration({ backend, quick: opts.quick, budgetS: opts.budgetS, dir: opts.dir, storage: opts.storage, device: opts.device, onProgress: (f, l) => bar.update(f, l) });
  } catch (e) {
    bar.done();
    if (e instanceof BackendUnavailableError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  bar.done();
  const device = profile.devices[0];
  const mm = device.matmul[0];
  const peak = device.peakFlops.fp32!;
  const points = profile.points ?? [];
  const mmPoints = points.filter((p) => p.kind === 'matmul');
  const ewPoints = points.filter((p) => p.kind === 'elementwise');
  const best = Math.max(...mmPoints.map((p) => matmulWork(p) / fitTime(p)));
  const lines: string[] = [];
  lines.push(`host      ${profile.host?.cpuModel}, ${profile.host?.cores} cores, ${fmtSig((profile.host?.memoryBytes ?? 0) / 2 ** 30, 3)} GiB, ${profile.host?.os}, node ${profile.host?.node}`);
  lines.push(`backend   ${backend} (tfjs ${profile.host?.backendVersion}), fp32`);
  lines.push(`matmul    best ${gflops(best)} measured; fitted ceiling ${gflops(peak * mm.maxEfficiency)} = ${pct(mm.maxEfficiency)} of the CPU's spec peak ${gflops(peak)}; half rate at ${fmtSig(mm.halfWork, 3)} FLOP${mm.skinnyDimension ? `; skinny shapes: × d/(d+${fmtSig(mm.skinnyDimension, 3)}), d = min(m,n,k)` : ''}; fit rms ${pct(mm.fit!.rmsRelativeError)} over ${mm.fit!.points} shapes`);
  const ws = mm.weightStreaming;
  const ca = mm.columnAliasing;
  if (ca) lines.push(`          shapes whose B row stride is a multiple of ${fmtSig(ca.setSpanBytes, 4)} bytes (the L1 set span: the column walk stays in one set) compute ${fmtSig(ca.computeTimeFactor, 3)}× slower`);
  if (ws) lines.push(`          weights over ${fmtSig(ws.beyondBytes / 2 ** 20, 3)} MiB (this core's share of the last-level cache) re-streamed once per ${ws.rowsPerPass} rows of A at ${gbps(ws.bandwidth)}${ws.dram ? ` (over ${fmtSig(ws.dram.beyondBytes / 2 ** 20, 3)} MiB from DRAM at ${gbps(ws.dram.bandwidth)})` : ''}, adding to the compute time`);
  const tier = device.memory.cacheTier;
  lines.push(`memory    element-wise add ${tier ? `${gbps(tier.bandwidth)} while the pass fits the ${fmtSig(tier.bytes / 2 ** 20, 3)} MiB last-level cache, ` : ''}${gbps(device.memory.peakBandwidth)}${tier ? ' beyond (DRAM)' : ''}, per-call time ${fmtSig((device.memory.halfWork / device.memory.peakBandwidth) * 1e6, 3)} us`);
  if (device.hostToDevice) lines.push(`transfer  host→device ${gbps(device.hostToDevice.bandwidth)} + ${fmtSig(device.hostToDevice.alpha * 1e6, 3)} us`);
  const st = profile.storage[0];
  if (st) {
    const parts = [];
    if (st.sequentialRead) parts.push(`seq read ${gbps(st.sequentialRead.bandwidth)}`);
    if (st.sequentialWrite) parts.push(`seq write ${gbps(st.sequentialWrite.bandwidth)}`);
    if (st.randomRead) parts.push(`4 KiB random read ${fmtSig(st.randomRead.iops, 3)} IOPS (${fmtSig(st.randomRead.latency * 1e6, 3)} us)`);
    if (st.randomWrite) parts.push(`4 KiB random write ${fmtSig(st.randomWrite.iops, 3)} IOPS`);
    lines.push(`storage   ${st.name}: ${parts.join(', ')}`);
  }
  if (profile.notes) lines.push(...profile.notes.split('\n').map((n) => `note      ${n}`));

  let exit = 0;
  if (opts.check) {
    // The held-out fits may use the kernel's terms whether or not the fit on every point kept them.
    const mmCheck = matmulHeldOut(toMatmulPoints(mmPoints), mmPoints.map(label), peak, withDramTier(localKernelTerms(backend, describeHost()), { bandwidth: device.memory.peakBandwidth, cacheTier: device.memory.cacheTier }));
    const ewCheck = memoryHeldOut(toWorkRate(ewPoints, bytesOf), ewPoints.map(label), device.memory.cacheTier?.bytes);
    mm.fit = { ...mm.fit!, heldOut: mmCheck.heldOut };
    device.fit = mm.fit;
    const how = 'held out: every other interior size of each family (sorted by size), predicted from a fit on the rest, so each lies inside the fitted range of its family';
    lines.push('', checkTable(`matmul: fit on some sizes, predict the others (${how})`, mmCheck.rows, gflops), '', checkTable('element-wise add', ewCheck.rows, gbps));
    lines.push('', `held-out error: matmul rms ${pct(mmCheck.heldOut.rmsRelativeError)}, max ${pct(mmCheck.heldOut.maxRelativeError)} (${mmCheck.heldOut.points} sizes); element-wise rms ${pct(ewCheck.heldOut.rmsRelativeError)}, max ${pct(ewCheck.heldOut.maxRelativeError)} (${ewCheck.heldOut.points} sizes); goal: within 15%`);
  }
  const out = opts.out ?? `calibration-${backend}.json`;
  writeFileSync(out, `${JSON.stringify(profile, null, 2)}\n`);
  lines.push('', `profile written to ${out} (use it with "calibration: ${out}" in a scenario)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return exit;
}

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError({ file, path: '', expected: 'a readable benchmark output file', found: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
}

export async function importCommand(kind: 'nccl-tests' | 'fio', file: string, opts: { out?: string; json?: boolean }): Promise<number> {
  const text = readInput(file);
  const source = { title: `${kind} output imported from ${basename(file)}`, date: new Date().toISOString().slice(0, 10) };
  let base: CalibrationProfile = { schema: PROFILE_SCHEMA, id: basename(opts.out ?? file).replace(/\.[^.]*$/, ''), createdAt: new Date().toISOString(), devices: [], collectives: [], storage: [], points: [] };
  if (opts.out && existsSync(opts.out)) base = parseProfile(readFileSync(opts.out, 'utf8'), opts.out);
  const lines: string[] = [];
  let entries: unknown[];
  if (kind === 'nccl-tests') {
    const log = parseNcclTests(text, file);
    const imported = ncclToCollectives(log, source);
    entries = imported.entries;
    for (const c of imported.entries) {
      base.collectives = base.collectives.filter((x) => !(x.op === c.op && x.scope === c.scope && x.ranks === c.ranks)).concat(c);
      lines.push(`${c.op} over ${c.ranks} ranks (${c.scope}${log.devices[0] ? `, ${log.devices[0]}` : ''}): latency ${fmtSig(c.fit.alpha * 1e6, 3)} us, bus bandwidth ${gbps(c.fit.bandwidth)}; fit rms ${pct(c.fitReport!.rmsRelativeError)}, max ${pct(c.fitReport!.maxRelativeError)} over ${c.fitReport!.points} sizes`);
    }
    const rows = log.rows.map((r) => [String(r.bytes), `${fmtSig(r.outOfPlace.timeS * 1e6, 4)}`, fmtSig(r.outOfPlace.algBandwidth / 1e9, 4), fmtSig(r.outOfPlace.busBandwidth / 1e9, 4)]);
    lines.unshift(table([{ header: 'bytes', align: 'right' }, { header: 'time us', align: 'right' }, { header: 'algbw GB/s', align: 'right' }, { header: 'busbw GB/s', align: 'right' }], rows), '');
    lines.push(...imported.notes.map((n) => `note: ${n}`));
    base.points = [...(base.points ?? []), ...imported.points];
  } else {
    const result = parseFio(text, file);
    const imported = fioToStorage(result, basename(file).replace(/\.json$/, ''), source);
    entries = imported.entries;
    for (const s of imported.entries) base.storage = base.storage.filter((x) => x.name !== s.name).concat(s);
    const rows = result.jobs.flatMap((j) =>
      (['read', 'write'] as const).flatMap((k) => {
        const d = j[k];
        return d ? [[j.name, `${j.rw} ${j.blockBytes} B`, k, gbps(d.bandwidth), fmtSig(d.iops, 4), `${fmtSig(d.meanLatency * 1e6, 4)} us`, d.percentiles['99'] !== undefined ? `${fmtSig(d.percentiles['99'] * 1e6, 4)} us` : '']] : [];
      }),
    );
    lines.push(table([{ header: 'job' }, { header: 'pattern' }, { header: 'dir' }, { header: 'bandwidth', align: 'right' }, { header: 'IOPS', align: 'right' }, { header: 'mean lat', align: 'right' }, { header: 'p99 clat', align: 'right' }], rows));
    lines.push(...imported.notes.map((n) => `note: ${n}`));
    base.points = [...(base.points ?? []), ...imported.points];
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
  } else {
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (opts.out) {
    writeFileSync(opts.out, `${JSON.stringify(base, null, 2)}\n`);
    if (!opts.json) process.stdout.write(`profile written to ${opts.out}\n`);
  }
  return 0;
}
