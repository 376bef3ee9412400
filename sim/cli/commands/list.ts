/** `clusterplan list` and `clusterplan catalog show ID`. */
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../errors';
import { getCatalogEntry, listCatalog, type CatalogKind } from '../../hardware/catalog/index';
import type { DeviceSpec, FabricSpec, NodeSpec, StorageTierSpec } from '../../hardware/types';
import { fmtBytes, fmtRate, fmtSig } from '../format';
import { didYouMean } from '../../hardware/did-you-mean';
import { loadScenarioFile } from '../files';
import { style, table } from '../format';

/** One line a person scans: the figures that tell catalog entries apart. */
export function catalogSummary(id: string): string {
  const found = getCatalogEntry(id);
  if (!found) return '';
  const { kind, entry } = found;
  if (kind === 'device') {
    const d = entry as DeviceSpec;
    const peak = d.peakFlops.bf16 ?? d.peakFlops.fp16 ?? d.peakFlops.fp32;
    return `${d.kind}, ${peak ? `${fmtRate(peak, 'FLOP/s')} ${d.peakFlops.bf16 ? 'bf16' : d.peakFlops.fp16 ? 'fp16' : 'fp32'}, ` : ''}${fmtBytes(d.memoryBytes)} at ${fmtRate(d.memoryBandwidth, 'B/s')}, ${fmtSig(d.tdpW)} W`;
  }
  if (kind === 'node') {
    const n = entry as NodeSpec;
    return `${n.devicesPerNode}× ${n.device}, ${n.scaleUp.kind} ${fmtRate(n.scaleUp.bandwidthPerDevice, 'B/s')}/device, ${n.nics.count}× ${fmtRate(n.nics.bandwidth * 8, 'b/s')} ${n.nics.fabric}`;
  }
  if (kind === 'fabric') {
    const f = entry as FabricSpec;
    return `${f.tech}, ${fmtRate(f.linkBandwidth * 8, 'b/s')} per port, radix ${f.switchRadix}`;
  }
  const t = entry as StorageTierSpec;
  return `${t.tier}, read ${fmtRate(t.aggregateReadBandwidth, 'B/s')}, write ${fmtRate(t.aggregateWriteBandwidth, 'B/s')}, ${fmtSig(t.requestLatency * 1e3)} ms to first byte`;
}

export const scenariosDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scenarios');

export function bundledScenarioFiles(): string[] {
  return readdirSync(scenariosDir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(scenariosDir, f));
}

export async function listCommand(what?: string): Promise<number> {
  const s = style(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  const kinds = ['scenarios', 'devices', 'nodes', 'fabrics', 'storage'];
  if (what && !kinds.includes(what)) throw new InputError({ file: '<command line>', path: 'list', expected: `one of ${kinds.join(', ')}`, found: JSON.stringify(what), hint: didYouMean(what, kinds) });
  const out: string[] = [];
  if (!what || what === 'scenarios') {
    out.push(s.bold('Bundled scenarios'));
    const rows = bundledScenarioFiles().map((f) => {
      const l = loadScenarioFile(f);
      const question = (l.description ?? '').trim().split('\n')[0];
      return [relative(process.cwd(), f), l.base.workload.kind, question.length > 90 ? question.slice(0, 87) + '...' : question];
    });
    out.push(table([{ header: 'file' }, { header: 'kind' }, { header: 'question' }], rows), '');
  }
  const catalog = listCatalog();
  const sections: Array<[string, CatalogKind]> = [['Devices', 'device'], ['Nodes and systems', 'node'], ['Fabrics', 'fabric'], ['Storage tiers', 'storage']];
  for (const [title, kind] of sections) {
    const key = kind === 'device' ? 'devices' : kind === 'node' ? 'nodes' : kind === 'fabric' ? 'fabrics' : 'storage';
    if (what && what !== key) continue;
    out.push(s.bold(title));
    out.push(table([{ header: 'id' }, { header: 'name' }, { header: 'summary' }], catalog.filter((e) => e.kind === kind).map((e) => [e.id, e.name, catalogSummary(e.id)])), '');
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

export function catalogShowCommand(id: string, opts: { json?: boolean }): number {
  const found = getCatalogEntry(id);
  const listing = listCatalog().find((e) => e.id === id);
  if (!found || !listing) {
    throw new InputError({ file: '<command line>', path: 'catalog show', expected: 'a catalog id (see clusterplan list)', found: JSON.stringify(id), hint: didYouMean(id, listCatalog().map((e) => e.id)) });
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(found.entry, null, 2) + '\n');
    return 0;
  }
  const s = style(Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  const spec = found.entry as unknown as Record<string, unknown>;
  const lines = [s.bold(`${listing.name} (${listing.id}, ${listing.kind})`)];
  const rows: string[][] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
    else if (!Array.isArray(v)) rows.push([prefix, typeof v === 'number' ? v.toExponential(4).replace(/\.?0+e/, 'e') : String(v)]);
  };
  for (const [k, v] of Object.entries(spec)) if (k !== 'sources' && k !== 'notes') walk(k, v);
  lines.push(table([{ header: 'field (SI units)' }, { header: 'value', align: 'right' }], rows));
  if (spec.notes) lines.push('', `notes: ${String(spec.notes)}`);
  const sources = (spec.sources ?? []) as Array<{ title: string; url?: string; date: string; fields?: string[] }>;
  if (sources.length) {
    lines.push('', s.bold('sources'));
    for (const src of sources) lines.push(`  - ${src.title}${src.url ? ` <${src.url}>` : ''}, ${src.date}${src.fields ? ` [${src.fields.join(', ')}]` : ''}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
