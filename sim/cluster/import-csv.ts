/**
 * The generic job CSV: one row a job, times in seconds.
 * Columns: `submit_s,gpus` and either `duration_s` or `end_s`/`start_s`;
 * optional `id,min_gpus,user,team,priority,gpu_type` (`min_gpus` < `gpus`
 * marks an elastic job). This is also the format for Helios and other traces
 * after a column rename.
 */
import { type CsvTable, columnIndex } from './csv';
import { type ClusterJob, type ImportResult, NoteCounter } from './job';
import { sortBySubmit } from './import-philly';

export function importJobCsv(table: CsvTable): ImportResult {
  const notes = new NoteCounter();
  const col = columnIndex(table.header, ['id', 'submit_s', 'gpus', 'duration_s', 'start_s', 'end_s', 'min_gpus', 'user', 'team', 'priority', 'gpu_type']);
  const missing = ['submit_s', 'gpus'].filter((n) => col[n] < 0);
  if (col.duration_s < 0 && col.end_s < 0) missing.push('duration_s (or end_s)');
  if (missing.length > 0) throw new Error(`job csv: missing column(s) ${missing.join(', ')}; found ${table.header.join(', ')}`);
  const jobs: ClusterJob[] = [];
  const cell = (r: string[], name: string): string | undefined => (col[name] >= 0 && r[col[name]]?.trim() !== '' ? r[col[name]].trim() : undefined);
  table.rows.forEach((r, i) => {
    const row = i + 2;
    const submit = Number(cell(r, 'submit_s'));
    const gpus = Number(cell(r, 'gpus'));
    let duration = Number(cell(r, 'duration_s') ?? NaN);
    if (!Number.isFinite(duration) && cell(r, 'end_s') !== undefined) duration = Number(cell(r, 'end_s')) - Number(cell(r, 'start_s') ?? submit);
    if (!Number.isFinite(submit)) return notes.add('bad-submit-time', `row ${row}: submit_s missing or not a number; dropped`);
    if (!Number.isFinite(gpus) || gpus <= 0) return notes.add('no-gpus', `row ${row}: gpus missing or not positive; dropped`);
    if (!Number.isFinite(duration)) return notes.add('missing-end-time', `row ${row}: no duration_s and no end_s; dropped`);
    if (duration <= 0) return notes.add('zero-duration', `row ${row}: duration ${duration} s; dropped`);
    let whole = gpus;
    if (!Number.isInteger(gpus)) {
      whole = Math.ceil(gpus);
      notes.add('fractional-gpus', `row ${row}: ${gpus} GPUs rounded up to ${whole} whole devices`);
    }
    const minGpus = Number(cell(r, 'min_gpus'));
    const priority = Number(cell(r, 'priority'));
    jobs.push({
      id: cell(r, 'id') ?? `job-${i}`,
      submitS: submit,
      gpus: whole,
      durationS: duration,
      elastic: Number.isFinite(minGpus) && minGpus >= 1 && minGpus < whole ? { minGpus: Math.floor(minGpus) } : undefined,
      user: cell(r, 'user'),
      team: cell(r, 'team'),
      priority: Number.isFinite(priority) ? priority : undefined,
      gpuType: cell(r, 'gpu_type'),
    });
  });
  return { jobs: sortBySubmit(jobs), notes: notes.list(), rows: table.rows.length };
}
