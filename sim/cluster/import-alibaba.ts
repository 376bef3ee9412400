/**
 * Alibaba GPU traces (alibaba/clusterdata, CC BY 4.0).
 *
 * OpenB (cluster-trace-gpu-v2023; Weng et al., ATC'23): one row a pod,
 * `name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time`
 * (times in seconds). `gpu_milli` < 1000 is a share of one GPU: a whole-device
 * scheduler rounds it up to one GPU (reported). CPU-only pods are dropped (reported).
 *
 * PAI (cluster-trace-gpu-v2020; Weng et al., NSDI'22) task table:
 * `job_name,task_name,inst_num,status,start_time,end_time,plan_cpu,plan_mem,plan_gpu,gpu_type`
 * with `plan_gpu` in percent of one GPU per instance. The published files have
 * no header row; a header is used when present, else this documented order.
 */
import { type CsvTable, columnIndex } from './csv';
import { type ClusterJob, type ImportResult, NoteCounter } from './job';
import { toRelativeTimes } from './import-philly';

const qosPriority: Record<string, number> = { LS: 2, Burstable: 1, BE: 0 };

export function importAlibabaOpenB(table: CsvTable): ImportResult {
  const notes = new NoteCounter();
  const names = ['name', 'num_gpu', 'gpu_milli', 'gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time'];
  const col = columnIndex(table.header, names);
  const missing = ['num_gpu', 'gpu_milli', 'creation_time', 'deletion_time'].filter((n) => col[n] < 0);
  if (missing.length > 0) throw new Error(`alibaba-openb trace: missing column(s) ${missing.join(', ')}; found ${table.header.join(', ')}`);
  const parsed: Array<Omit<ClusterJob, 'submitS'> & { at: number }> = [];
  table.rows.forEach((r, i) => {
    const row = i + 2;
    const gpus = Number(r[col.num_gpu]);
    const milli = Number(r[col.gpu_milli]);
    const created = Number(r[col.creation_time]);
    const deleted = r[col.deletion_time]?.trim() === '' ? NaN : Number(r[col.deletion_time]);
    const scheduledRaw = col.scheduled_time >= 0 ? r[col.scheduled_time]?.trim() : '';
    const started = scheduledRaw === '' || scheduledRaw === undefined ? created : Number(scheduledRaw);
    if (!Number.isFinite(gpus) || gpus <= 0) return notes.add('cpu-only', `row ${row}: pod asks for no GPU (CPU-only); dropped`);
    if (!Number.isFinite(created)) return notes.add('bad-submit-time', `row ${row}: creation time missing; dropped`);
    if (!Number.isFinite(deleted)) return notes.add('missing-end-time', `row ${row}: no deletion time; dropped`);
    const runS = deleted - (Number.isFinite(started) ? started : created);
    if (runS <= 0) return notes.add('zero-duration', `row ${row}: ends before or when it starts; dropped`);
    let whole = Math.ceil(gpus);
    if (Number.isFinite(milli) && milli > 0 && milli < 1000) {
      whole = Math.max(1, whole);
      notes.add('fractional-gpus', `row ${row}: a ${milli / 1000} share of one GPU, rounded up to one whole device (whole-device scheduling)`);
    }
    const phase = col.pod_phase >= 0 ? r[col.pod_phase] : '';
    if (phase === 'Running' || phase === 'Pending') notes.add('censored-end', `row ${row}: pod still ${phase} when the trace ended; its deletion time is the trace end, so its duration is a lower bound`);
    const qos = col.qos >= 0 ? r[col.qos] : undefined;
    const spec = col.gpu_spec >= 0 ? r[col.gpu_spec]?.trim() : '';
    parsed.push({
      id: col.name >= 0 && r[col.name] ? r[col.name] : `openb-${i}`,
      at: created,
      gpus: whole,
      durationS: runS,
      gpuType: spec ? spec : undefined,
      team: qos,
      priority: qos !== undefined ? qosPriority[qos] : undefined,
    });
  });
  return { jobs: toRelativeTimes(parsed), notes: notes.list(), rows: table.rows.length };
}

const paiColumns = ['job_name', 'task_name', 'inst_num', 'status', 'start_time', 'end_time', 'plan_cpu', 'plan_mem', 'plan_gpu', 'gpu_type'];

export function importAlibabaPai(table: CsvTable): ImportResult {
  const notes = new NoteCounter();
  const hasHeader = table.header.includes('plan_gpu');
  const header = hasHeader ? table.header : paiColumns;
  const rows = hasHeader ? table.rows : [table.header, ...table.rows];
  const col = columnIndex(header, paiColumns);
  const parsed: Array<Omit<ClusterJob, 'submitS'> & { at: number }> = [];
  rows.forEach((r, i) => {
    const row = hasHeader ? i + 2 : i + 1;
    const inst = Number(r[col.inst_num] || 1);
    const planGpu = Number(r[col.plan_gpu]);
    const start = Number(r[col.start_time]);
    const endRaw = r[col.end_time]?.trim();
    const end = endRaw ? Number(endRaw) : NaN;
    if (!Number.isFinite(planGpu) || planGpu <= 0) return notes.add('cpu-only', `row ${row}: task plans no GPU; dropped`);
    if (!Number.isFinite(start)) return notes.add('bad-submit-time', `row ${row}: no start time; dropped`);
    if (!Number.isFinite(end)) return notes.add('missing-end-time', `row ${row}: no end time; dropped`);
    if (end <= start) return notes.add('zero-duration', `row ${row}: ends before or when it starts; dropped`);
    let perInstance = planGpu / 100;
    if (!Number.isInteger(perInstance)) {
      perInstance = Math.ceil(perInstance);
      notes.add('fractional-gpus', `row ${row}: ${planGpu}% of a GPU per instance rounded up to ${perInstance} whole device(s)`);
    }
    notes.add('submit-is-start', 'the PAI task table has no submit time; start time used as submit time (queueing delay in the trace is lost)');
    parsed.push({
      id: `${r[col.job_name] ?? 'pai'}/${r[col.task_name] ?? i}`,
      at: start,
      gpus: Math.max(1, inst) * perInstance,
      durationS: end - start,
      gpuType: r[col.gpu_type] || undefined,
    });
  });
  return { jobs: toRelativeTimes(parsed), notes: notes.list(), rows: rows.length };
}
