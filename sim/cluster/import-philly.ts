/**
 * Microsoft Philly jobs (Jeon et al., ATC'19) in the form the Pollux simulator
 * ships them (petuum/adaptdl, simulator/traces/philly.csv):
 * `timestamp,duration,num_gpus,gpu_time,cluster` — submit time as a UTC date,
 * duration in seconds, the virtual cluster id (used here as the team).
 */
import { type CsvTable, columnIndex } from './csv';
import { type ClusterJob, type ImportResult, NoteCounter } from './job';

const required = ['timestamp', 'duration', 'num_gpus'];

export function importPhilly(table: CsvTable): ImportResult {
  const notes = new NoteCounter();
  const col = columnIndex(table.header, [...required, 'cluster']);
  const missing = required.filter((n) => col[n] < 0);
  if (missing.length > 0) throw new Error(`philly trace: missing column(s) ${missing.join(', ')}; found ${table.header.join(', ')}`);
  const parsed: Array<Omit<ClusterJob, 'submitS'> & { at: number }> = [];
  table.rows.forEach((r, i) => {
    const at = Date.parse(`${r[col.timestamp]?.trim().replace(' ', 'T')}Z`) / 1000;
    const duration = Number(r[col.duration]);
    const gpus = Number(r[col.num_gpus]);
    if (!Number.isFinite(at)) return notes.add('bad-submit-time', `row ${i + 2}: submit time ${quoteField(r[col.timestamp])} is not a date; row dropped`);
    if (r[col.num_gpus]?.trim() === '' || !Number.isFinite(gpus)) return notes.add('missing-gpus', `row ${i + 2}: no GPU count; row dropped`);
    if (gpus <= 0) return notes.add('no-gpus', `row ${i + 2}: asks for ${gpus} GPUs; row dropped`);
    if (!Number.isFinite(duration) || r[col.duration]?.trim() === '') return notes.add('missing-duration', `row ${i + 2}: no duration (missing end time); row dropped`);
    if (duration <= 0) return notes.add('zero-duration', `row ${i + 2}: duration ${duration} s; row dropped`);
    let whole = gpus;
    if (!Number.isInteger(gpus)) {
      whole = Math.ceil(gpus);
      notes.add('fractional-gpus', `row ${i + 2}: ${gpus} GPUs rounded up to ${whole} whole devices`);
    }
    parsed.push({ id: `philly-${i}`, at, gpus: whole, durationS: duration, team: col.cluster >= 0 ? r[col.cluster] : undefined });
  });
  return { jobs: toRelativeTimes(parsed), notes: notes.list(), rows: table.rows.length };
}

/** Submit times relative to the first submission, jobs in submission order (ties by id for determinism). */
export function toRelativeTimes(parsed: Array<Omit<ClusterJob, 'submitS'> & { at: number }>): ClusterJob[] {
  let t0 = Infinity;
  for (const p of parsed) t0 = Math.min(t0, p.at);
  const jobs = parsed.map(({ at, ...rest }) => ({ ...rest, submitS: at - t0 }) as ClusterJob);
  return sortBySubmit(jobs);
}

export function sortBySubmit(jobs: ClusterJob[]): ClusterJob[] {
  return jobs.sort((a, b) => a.submitS - b.submitS || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A trace cell quoted for a message: at most 40 characters, control characters escaped (trace text is untrusted data). */
export function quoteField(value: string | undefined): string {
  const v = value ?? '';
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
}
