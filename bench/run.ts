/**
 * `npm run bench [-- GROUP ...]`: runs benchmark groups (bench/groups/<group>.ts),
 * prints a table and merges the figures into bench/results.json as
 * { "group.name": { value, unit, note? } }. Groups not run keep their last figures.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';

type Figure = { value: number; unit: string; note?: string };
const here = dirname(fileURLToPath(import.meta.url));
const groupsDir = join(here, 'groups');
const known = ['engine', 'network', 'training', 'inference', 'cluster', 'sweep', 'ui', 'calibration'];
const available = readdirSync(groupsDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((g) => !available.includes(g));
if (unknown.length > 0) {
  console.error(`bench: unknown group ${unknown.join(', ')}; groups: ${available.join(', ')}`);
  process.exit(2);
}
const groups = asked.length > 0 ? asked : known.filter((g) => available.includes(g)).concat(available.filter((g) => !known.includes(g)));

const resultsPath = join(here, 'results.json');
const results: Record<string, Figure> = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
const rows: Array<[string, Figure]> = [];
for (const group of groups) {
  process.stderr.write(`bench: ${group}...\n`);
  const mod = (await import(join(groupsDir, `${group}.ts`))) as { run: () => Promise<Record<string, Figure>> };
  const started = performance.now();
  const figures = await mod.run();
  for (const [name, fig] of Object.entries(figures)) {
    results[name] = fig;
    rows.push([name, fig]);
  }
  process.stderr.write(`bench: ${group} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

const fmt = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(4)).toString());
const w0 = Math.max(...rows.map(([n]) => n.length), 6);
const w1 = Math.max(...rows.map(([, f]) => fmt(f.value).length), 5);
console.log(`\nclusterplan bench — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
console.log(`${'metric'.padEnd(w0)}  ${'value'.padStart(w1)}  unit`);
console.log(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ----`);
for (const [name, f] of rows) console.log(`${name.padEnd(w0)}  ${fmt(f.value).padStart(w1)}  ${f.unit}${f.note ? `  (${f.note})` : ''}`);
const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(resultsPath, JSON.stringify(sorted, null, 2) + '\n');
console.log(`\nwrote ${resultsPath}`);
