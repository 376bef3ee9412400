/**
 * What the answer panel shows, derived from RunResults: headline numbers with
 * units, and the data of each chart. Pure functions of plain data, so the
 * same results always draw the same page.
 */
import type { RunResult } from '../../../sim/result';
import { costBreakdown, num, obj, resultLabel } from '../../../sim/report/labels';
import * as fmt from './format';
import { tornadoInputLabel, tornadoRangeLabel } from '../../../sim/cost/tco';

export { resultLabel };

export interface Headline {
  label: string;
  value: string;
  /** Raw value for comparisons (higher or lower is better per `better`). */
  raw?: number;
  better?: 'lower' | 'higher';
  tone?: 'bad' | 'good';
  hint?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function headlines(r: RunResult): Headline[] {
  const out: Headline[] = [];
  const t = r.metrics.training;
  if (t) {
    out.push({ label: 'Time to train', value: fmt.duration(t.timeToTrainDays * 86400), raw: t.timeToTrainDays, better: 'lower' });
    out.push({ label: 'Step time', value: fmt.duration(t.stepTimeS), raw: t.stepTimeS, better: 'lower' });
    out.push({ label: 'Throughput', value: fmt.perSecond(t.tokensPerS, 'tokens'), raw: t.tokensPerS, better: 'higher' });
    out.push({ label: 'MFU', value: fmt.percent(t.mfu), raw: t.mfu, better: 'higher' });
    out.push({ label: 'Memory per device', value: fmt.bytes(t.memoryPerDeviceGiB * 2 ** 30), raw: t.memoryPerDeviceGiB, better: 'lower', tone: t.fitsInMemory ? undefined : 'bad', hint: t.fitsInMemory ? undefined : 'does NOT fit in device memory' });
    const devices = num(t.devices);
    if (devices !== undefined) out.push({ label: 'Devices', value: fmt.count(devices), raw: devices });
    out.push({ label: 'Goodput', value: fmt.percent(t.goodput), raw: t.goodput, better: 'higher' });
  }
  const inf = r.metrics.inference;
  if (inf) {
    const mean = num(inf.meanReplicas);
    out.push({ label: 'Replicas', value: fmt.count(inf.replicas), raw: inf.replicas, better: 'lower', hint: mean !== undefined && mean !== inf.replicas ? `${fmt.count(mean)} on average` : undefined });
    out.push({ label: 'Throughput', value: fmt.perSecond(inf.throughputTokensPerS, 'tokens'), raw: inf.throughputTokensPerS, better: 'higher' });
    out.push({ label: 'TTFT p50', value: fmt.duration(inf.ttftP50S), raw: inf.ttftP50S, better: 'lower' });
    out.push({ label: 'TTFT p99', value: fmt.duration(inf.ttftP99S), raw: inf.ttftP99S, better: 'lower' });
    out.push({ label: 'TPOT p50', value: fmt.duration(inf.tpotP50S), raw: inf.tpotP50S, better: 'lower' });
    const e2e = num(inf.e2eP99S);
    if (e2e !== undefined) out.push({ label: 'End-to-end p99', value: fmt.duration(e2e), raw: e2e, better: 'lower' });
    out.push({ label: 'SLO attainment', value: fmt.percent(inf.sloAttainment), raw: inf.sloAttainment, better: 'higher', tone: inf.sloAttainment < 0.99 ? 'bad' : undefined });
  }
  const c = r.metrics.cluster;
  if (c) {
    out.push({ label: 'Utilization', value: fmt.percent(c.utilization), raw: c.utilization, better: 'higher' });
    out.push({ label: 'Mean queue delay', value: fmt.duration(c.meanQueueDelayS), raw: c.meanQueueDelayS, better: 'lower' });
    out.push({ label: 'p95 job completion', value: fmt.duration(c.p95JobCompletionS), raw: c.p95JobCompletionS, better: 'lower' });
    out.push({ label: 'Makespan', value: fmt.duration(c.makespanS), raw: c.makespanS, better: 'lower' });
    const jobs = num(c.jobs), done = num(c.jobsFinished);
    if (jobs !== undefined && done !== undefined) out.push({ label: 'Jobs finished', value: `${fmt.count(done)} of ${fmt.count(jobs)}`, raw: done, better: 'higher', tone: done < jobs ? 'bad' : undefined });
  }
  const col = r.metrics.collective;
  if (col) {
    out.push({ label: 'Collective time', value: fmt.duration(col.timeS), raw: col.timeS, better: 'lower' });
    out.push({ label: 'Algorithm bandwidth', value: fmt.byteRate(col.algBandwidthGBps * 1e9), raw: col.algBandwidthGBps, better: 'higher' });
    out.push({ label: 'Bus bandwidth', value: fmt.byteRate(col.busBandwidthGBps * 1e9), raw: col.busBandwidthGBps, better: 'higher' });
    const bytes = num(col.bytes), ranks = num(col.ranks);
    if (bytes !== undefined) out.push({ label: 'Message size', value: fmt.bytes(bytes), raw: bytes, hint: [str(col.op), str(col.algorithm)].filter(Boolean).join(', ') || undefined });
    if (ranks !== undefined) out.push({ label: 'Ranks', value: fmt.count(ranks), raw: ranks });
  }
  const dp = obj(r.metrics.dataPipeline);
  if (dp) {
    const total = num(dp.totalTimeS), rate = num(dp.throughputBytesPerS), outBytes = num(dp.outputBytes);
    if (total !== undefined) out.push({ label: 'Pipeline time', value: fmt.duration(total), raw: total, better: 'lower', hint: str(dp.bottleneck) ? `bottleneck: ${str(dp.bottleneck)}` : undefined });
    if (rate !== undefined) out.push({ label: 'Output rate', value: fmt.byteRate(rate), raw: rate, better: 'higher' });
    if (outBytes !== undefined) out.push({ label: 'Output', value: fmt.bytes(outBytes), raw: outBytes });
    const samples = num(dp.samplesPerS);
    if (samples !== undefined) out.push({ label: 'Samples produced', value: fmt.perSecond(samples, 'samples'), raw: samples, better: 'higher' });
    const delivered = num(dp.deliveredBytesPerS), demand = num(dp.demandBytesPerS);
    if (delivered !== undefined) out.push({ label: 'Delivered to training', value: fmt.byteRate(delivered), raw: delivered, better: 'higher', tone: dp.inputBound === true ? 'bad' : undefined, hint: dp.inputBound === true && demand !== undefined ? `input-bound: training needs ${fmt.byteRate(demand)}` : undefined });
    const keepUp = num(dp.nodesToKeepUp);
    if (keepUp !== undefined) out.push({ label: 'Nodes to keep up', value: fmt.count(keepUp), raw: keepUp, better: 'lower' });
    const nodes = num(dp.nodes);
    if (nodes !== undefined) out.push({ label: 'CPU nodes', value: fmt.count(nodes), raw: nodes, hint: num(dp.coresPerNode) !== undefined ? `${fmt.count(num(dp.coresPerNode)!)} cores each` : undefined });
  }
  const cost = r.metrics.cost;
  if (cost && Number.isFinite(cost.totalUsd) && cost.totalUsd > 0) {
    out.push({ label: 'Total cost', value: fmt.usd(cost.totalUsd), raw: cost.totalUsd, better: 'lower' });
    if (cost.usdPerMillionTokens !== null && Number.isFinite(cost.usdPerMillionTokens)) out.push({ label: 'Per million tokens', value: fmt.usd(cost.usdPerMillionTokens), raw: cost.usdPerMillionTokens, better: 'lower' });
  }
  if (cost && Number.isFinite(cost.energyKWh) && cost.energyKWh > 0) {
    out.push({ label: 'Energy', value: fmt.energyKWh(cost.energyKWh), raw: cost.energyKWh, better: 'lower' });
    out.push({ label: 'CO₂', value: fmt.massKg(cost.co2Kg), raw: cost.co2Kg, better: 'lower' });
  }
  return out;
}

/** `step`: the value holds until the next point (counts over time, empirical CDFs), drawn as steps. */
export interface LineData { name: string; x: number[]; y: number[]; dashed?: boolean; step?: boolean }
export interface ChartSpec {
  id: string;
  title: string;
  type: 'line' | 'bar' | 'gantt' | 'pareto' | 'tornado' | 'hbar';
  xLabel: string;
  yLabel: string;
  lines?: LineData[];
  bars?: { categories: string[]; stacks: string[]; values: number[][] };
  gantt?: Array<{ row: string; kind: string; start: number; end: number }>;
  points?: Array<{ label: string; x: number; y: number; frontier: boolean }>;
  tornado?: { base: number; rows: Array<{ input: string; low: number; high: number; lowLabel: string; highLabel: string; rangeLabel?: string }> };
  markers?: Array<{ x: number; label: string }>;
  /** Log y axis (rates spanning orders of magnitude). */
  yLog?: boolean;
  /** Tick labels for an axis in bytes (1 KiB, 64 MiB) instead of plain numbers. */
  xFormat?: 'bytes';
  note?: string;
}

const stepParts: Array<[key: string, label: string]> = [
  ['computeS', 'compute'], ['recomputeS', 'recompute'], ['tpCommExposedS', 'tensor-parallel comm'], ['ppCommExposedS', 'pipeline comm'],
  ['dpCommExposedS', 'data-parallel comm'], ['epCommExposedS', 'expert comm'], ['cpCommExposedS', 'context comm'], ['bubbleS', 'pipeline bubble'],
  ['optimizerS', 'optimizer'], ['dataStallS', 'data stall'],
];

/** Kinds of timeline entries grouped the way the issue names them: compute, communication, bubble. */
export function timelineGroup(kind: string): string {
  if (/bubble|idle|wait/i.test(kind)) return 'bubble';
  if (/comm|reduce|gather|send|recv|all|p2p|scatter/i.test(kind)) return 'communication';
  return 'compute';
}

/**
 * The previous object for each item whose content did not change, so a keyed
 * block keeps its DOM: a slider move redraws only the charts it changed.
 */
export function reuseUnchanged<T>(previous: readonly T[], next: readonly T[]): T[] {
  const old = new Map(previous.map((p) => [JSON.stringify(p), p]));
  return next.map((n) => old.get(JSON.stringify(n)) ?? n);
}

export function chartSpecs(results: RunResult[]): ChartSpec[] {
  const specs: ChartSpec[] = [];
  if (results.length === 0) return specs;
  const labels = results.map((r, i) => resultLabel(r, i, results));

  // Scaling: time to train and efficiency against devices, when the results differ in device count.
  const scaling = results
    .map((r) => ({ devices: num(r.metrics.training?.devices), days: r.metrics.training?.timeToTrainDays, rate: r.metrics.training?.tokensPerS }))
    .filter((p): p is { devices: number; days: number; rate: number } => p.devices !== undefined && num(p.days) !== undefined && num(p.rate) !== undefined);
  if (scaling.length > 1 && new Set(scaling.map((p) => p.devices)).size === scaling.length) {
    scaling.sort((a, b) => a.devices - b.devices);
    const f = scaling[0];
    const tu = fmt.timeUnitFor(Math.max(...scaling.map((p) => p.days)) * 86400);
    const k = 86400 / tu.seconds;
    specs.push({ id: 'scaling-time', title: 'Scaling: time to train', type: 'line', xLabel: 'devices', yLabel: tu.unit,
      lines: [{ name: 'time to train', x: scaling.map((p) => p.devices), y: scaling.map((p) => p.days * k) }, { name: 'ideal (linear)', x: scaling.map((p) => p.devices), y: scaling.map((p) => ((f.days * f.devices) / p.devices) * k), dashed: true }] });
    specs.push({ id: 'scaling-efficiency', title: 'Scaling efficiency', type: 'line', xLabel: 'devices', yLabel: '% of linear',
      lines: [{ name: 'efficiency', x: scaling.map((p) => p.devices), y: scaling.map((p) => (100 * (p.rate / p.devices)) / (f.rate / f.devices)) }] });
  }

  specs.push(...sweepCharts(results));

  // The training step: a Gantt per pipeline stage from a DES timeline, else the analytic composition.
  const timed = results.findIndex((r) => Array.isArray(r.series.timeline) && (r.series.timeline as unknown[]).length > 0);
  if (timed >= 0) {
    const entries = (results[timed].series.timeline as Array<{ stage: number | string; kind: string; start: number; end: number }>).slice(0, 3000);
    specs.push({ id: 'gantt', title: `Training step timeline${results.length > 1 ? ` (${labels[timed]})` : ''}`, type: 'gantt', xLabel: 'time in the step, s', yLabel: 'pipeline stage',
      gantt: entries.map((e) => ({ row: `stage ${e.stage}`, kind: timelineGroup(e.kind), start: e.start, end: e.end })) });
  } else {
    const withStep = results.map((r, i) => ({ i, b: r.breakdown })).filter(({ b }) => num(b.computeS) !== undefined);
    if (withStep.length > 0) {
      const stacks = stepParts.filter(([k]) => withStep.some(({ b }) => (num(b[k]) ?? 0) > 0));
      specs.push({ id: 'step', title: 'Where a training step goes', type: 'hbar', xLabel: 'seconds per step', yLabel: '',
        bars: { categories: withStep.map(({ i }) => labels[i]), stacks: stacks.map(([, l]) => l), values: withStep.map(({ b }) => stacks.map(([k]) => num(b[k]) ?? 0)) },
        note: 'Analytic estimate; run DES for the per-stage timeline.' });
    }
  }

  // Cost breakdown, one bar per option.
  // A run that costs less than a cent (one collective, a pipeline on unpriced servers) has no cost story to chart.
  const priced = (r: RunResult) => (r.metrics.cost?.totalUsd ?? 0) >= 0.01;
  const breakdowns = results.map((r) => (priced(r) ? costBreakdown(r) : undefined));
  if (breakdowns.some(Boolean)) {
    const cats = [...new Set(breakdowns.flatMap((b) => Object.keys(b ?? {})))].filter((c) => breakdowns.some((b) => (b?.[c] ?? 0) > 0));
    const idx = breakdowns.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
    // Many options: one row each (horizontal), so every name stays readable.
    if (cats.length > 0) specs.push({ id: 'cost', title: 'Cost breakdown', type: idx.length > 6 ? 'hbar' : 'bar', xLabel: idx.length > 6 ? 'USD' : '', yLabel: idx.length > 6 ? '' : 'USD', bars: { categories: idx.map((i) => labels[i]), stacks: cats, values: idx.map((i) => cats.map((c) => breakdowns[i]![c] ?? 0)) } });
  }

  // Pareto frontier of cost against time.
  const pts = results.map((r, i) => ({ label: labels[i], seconds: num(r.metrics.training?.timeToTrainDays) !== undefined ? r.metrics.training!.timeToTrainDays * 86400 : (num(r.metrics.cluster?.makespanS) ?? NaN), y: r.metrics.cost?.totalUsd ?? NaN }))
    .filter((p) => Number.isFinite(p.seconds) && Number.isFinite(p.y));
  if (pts.length > 1) {
    const tu = fmt.timeUnitFor(Math.max(...pts.map((p) => p.seconds)));
    const order = pts.map((_, i) => i).sort((a, b) => pts[a].seconds - pts[b].seconds || pts[a].y - pts[b].y);
    const front = new Set<number>();
    let best = Infinity;
    for (const i of order) if (pts[i].y < best) { front.add(i); best = pts[i].y; }
    const what = results.some((r) => r.metrics.training) ? 'time to train' : 'makespan';
    specs.push({ id: 'pareto', title: 'Cost against time (Pareto frontier)', type: 'pareto', xLabel: `${what}, ${tu.unit}`, yLabel: 'total cost, USD', points: pts.map((p, i) => ({ label: p.label, x: p.seconds / tu.seconds, y: p.y, frontier: front.has(i) })) });
  }

  // Total cost of ownership over time.
  results.forEach((r, i) => {
    const tco = obj(r.metrics.cost?.tco);
    const options = tco?.options as Array<{ name: string; cumulativeUsd: number[] }> | undefined;
    if (!options?.length || specs.some((s) => s.id === 'tco')) return;
    const cross = num(tco?.crossoverMonthExact);
    specs.push({ id: 'tco', title: `Cumulative cost of ownership${results.length > 1 ? ` (${labels[i]})` : ''}`, type: 'line', xLabel: 'month', yLabel: 'cumulative USD',
      lines: options.map((o) => ({ name: o.name, x: o.cumulativeUsd.map((_, m) => m), y: o.cumulativeUsd })), markers: cross !== undefined ? [{ x: cross, label: `break-even ${fmt.count(cross)} mo` }] : [] });
  });

  // Tornado of sensitivities.
  const sensIndex = results.findIndex((r) => priced(r) && Array.isArray(obj(r.metrics.cost?.sensitivity)?.rows));
  if (sensIndex >= 0) {
    const sens = obj(results[sensIndex].metrics.cost!.sensitivity)!;
    const rows = sens.rows as Array<{ input: string; low: number; high: number; outputAtLow: number; outputAtHigh: number; display?: { scale: number; unit: string } }>;
    const shown = (v: number, d?: { scale: number; unit: string }) => tornadoInputLabel(v, d, fmt.plain);
    specs.push({ id: 'tornado', title: `Sensitivity of ${String(sens.output ?? 'cost')}${results.length > 1 ? ` (${labels[sensIndex]})` : ''}`, type: 'tornado', xLabel: String(sens.output ?? 'USD'), yLabel: '',
      tornado: { base: num(sens.base) ?? 0, rows: rows.map((x) => ({ input: x.input, low: x.outputAtLow, high: x.outputAtHigh, lowLabel: shown(x.low, x.display), highLabel: shown(x.high, x.display), rangeLabel: tornadoRangeLabel(x.low, x.high, x.display, fmt.plain) })) } });
  }

  // Series the runners provide: utilization, queue length, capacity timelines, latency CDFs, busbw by size, stage times...
  specs.push(...seriesCharts(results, labels));
  return specs;
}

/** What a sweep over one number plots, per workload kind: [metric key, chart title, unit on the axis, scale, log axis when it spans much]. */
const sweepMetrics: Record<'inference' | 'training', Array<[key: string, title: string, unit: string, scale: number]>> = {
  inference: [['throughputTokensPerS', 'Output throughput', 'tokens/s', 1], ['ttftP50S', 'Time to first token (p50)', 's', 1], ['tpotP50S', 'Time per output token (p50)', 'ms', 1e3], ['sloAttainment', 'SLO attainment', '%', 100]],
  training: [['tokensPerS', 'Training throughput', 'tokens/s', 1], ['stepTimeS', 'Step time', 's', 1], ['mfu', 'Model FLOPs utilization', '%', 100]],
};

/**
 * A sweep over one numeric parameter (users, batch size...): each headline
 * metric against the parameter, a line per option. A sweep over device count
 * of a training run is the scaling chart instead.
 */
export function sweepCharts(results: RunResult[]): ChartSpec[] {
  const keys = [...new Set(results.flatMap((r) => Object.keys(r.scenario.sweepPoint ?? {})))];
  if (keys.length !== 1) return [];
  const param = keys[0];
  const xs = results.map((r) => r.scenario.sweepPoint?.[param]);
  if (!xs.every((x) => typeof x === 'number') || new Set(xs).size < 3) return [];
  const kind = results.every((r) => r.metrics.inference) ? 'inference' : results.every((r) => r.metrics.training) ? 'training' : undefined;
  if (!kind || (kind === 'training' && /count|devices|nodes/i.test(param))) return [];
  const options = [...new Set(results.map((r) => r.scenario.option ?? ''))];
  const short = param.split('.').pop()!;
  const specs: ChartSpec[] = [];
  for (const [key, title, unit, scale] of sweepMetrics[kind]) {
    const value = (r: RunResult) => num((r.metrics[kind] as unknown as Record<string, unknown>)[key]);
    if (!results.every((r) => value(r) !== undefined)) continue;
    const lines = options.map((o) => {
      const rs = results.filter((r) => (r.scenario.option ?? '') === o).sort((a, b) => (a.scenario.sweepPoint![param] as number) - (b.scenario.sweepPoint![param] as number));
      return { name: o || title, x: rs.map((r) => r.scenario.sweepPoint![param] as number), y: rs.map((r) => value(r)! * scale) };
    });
    const ys = lines.flatMap((l) => l.y).filter((y) => y > 0);
    const yLog = ys.length > 0 && Math.max(...ys) / Math.min(...ys) > 100;
    specs.push({ id: `sweep-${key}`, title: `${title} against ${short}`, type: 'line', xLabel: short, yLabel: unit, lines, yLog });
  }
  return specs;
}

interface RawSeries { key: string; label: string; xUnit: string; yUnit: string; x: number[]; y: number[]; names?: string[] }

function seriesOf(r: RunResult): RawSeries[] {
  const out: RawSeries[] = [];
  for (const [key, s] of Object.entries(r.series)) {
    const ser = obj(s);
    if (!ser || key === 'timeline' || !Array.isArray(ser.x) || !Array.isArray(ser.y) || ser.x.length < 2 || ser.x.length !== ser.y.length) continue;
    // A series that is zero throughout (no fragmentation, no queue) says so in one line of a card, not a chart.
    if ((ser.y as number[]).every((v) => v === 0)) continue;
    out.push({ key, label: String(ser.label ?? key), xUnit: String(ser.xUnit ?? ''), yUnit: String(ser.yUnit ?? ''), x: ser.x as number[], y: ser.y as number[], names: Array.isArray(ser.names) ? (ser.names as unknown[]).map(String) : undefined });
  }
  return out;
}

/** An axis in the unit a person reads: seconds as min/h/days (or ms), fractions as %, byte rates with a prefix. */
export function axisScale(unit: string, values: number[]): { label: string; factor: number; format?: 'bytes' } {
  const finite = values.filter((v) => Number.isFinite(v));
  const max = finite.length ? Math.max(...finite.map(Math.abs)) : 0;
  if (unit === 's') { const tu = fmt.timeUnitFor(max); return { label: tu.unit, factor: 1 / tu.seconds }; }
  if (unit === 'fraction') return { label: '%', factor: 100 };
  if (unit === 'bytes' || unit === 'B') return { label: 'bytes', factor: 1, format: 'bytes' };
  const rate = /^B\/s$/.exec(unit);
  if (rate) {
    const [p, f] = ([['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as Array<[string, number]>).find(([, f]) => max >= f) ?? ['', 1];
    return { label: `${p}B/s`, factor: 1 / f };
  }
  return { label: unit, factor: 1 };
}

const MAX_SERIES_CHARTS = 8;
const sameX = (a: RawSeries, b: RawSeries) => a.xUnit === b.xUnit && a.x.length === b.x.length && a.x.every((v, i) => v === b.x[i]);

/**
 * One chart per series key, a line per result when several results have it.
 * A single result's series over the same x in the same unit (devices installed,
 * up, busy, fragmented) share one chart. Stage times with names are bars.
 */
export function seriesCharts(results: RunResult[], labels: string[]): ChartSpec[] {
  const specs: ChartSpec[] = [];
  const perResult = results.map(seriesOf);
  const keys = [...new Set(perResult.flatMap((l) => l.map((s) => s.key)))];
  const used = new Set<string>();
  for (const key of keys) {
    if (used.has(key) || specs.length >= MAX_SERIES_CHARTS) continue;
    used.add(key);
    const having = perResult.map((l, j) => ({ j, s: l.find((s) => s.key === key) })).filter((o): o is { j: number; s: RawSeries } => o.s !== undefined);
    const first = having[0].s;
    if (first.names && first.names.length === first.y.length) {
      const ys = axisScale(first.yUnit, having.flatMap((o) => o.s.y));
      specs.push({ id: `series-${key}`, title: first.label, type: 'bar', xLabel: '', yLabel: ys.label,
        bars: { categories: first.names, stacks: having.length > 1 ? having.map((o) => labels[o.j]) : [first.label], values: first.names.map((_, i) => having.map((o) => (o.s.y[i] ?? 0) * ys.factor)) } });
      continue;
    }
    let lines: Array<{ name: string; s: RawSeries }>;
    let title = first.label;
    if (having.length > 1) {
      lines = having.slice(0, 6).map((o) => ({ name: labels[o.j], s: o.s }));
    } else {
      const group = perResult[having[0].j].filter((s) => !used.has(s.key) && s.yUnit === first.yUnit && s.yUnit !== 'fraction' && sameX(s, first)).slice(0, 3);
      group.forEach((s) => used.add(s.key));
      lines = [first, ...group].map((s) => ({ name: s.label, s }));
      if (group.length > 0) title = `${first.yUnit} over ${first.xUnit === 's' ? 'time' : first.xUnit}`;
    }
    const xs = axisScale(first.xUnit, lines.flatMap((l) => l.s.x));
    const ys = axisScale(first.yUnit, lines.flatMap((l) => l.s.y));
    const cdf = /cdf/i.test(key) || /\(CDF\)/.test(first.label);
    const xLabel = cdf ? `${first.label.replace(/\s*\(CDF\)/, '')}, ${xs.label}` : first.xUnit === 's' ? `time, ${xs.label}` : xs.label;
    specs.push({ id: `series-${key}`, title: cdf ? `${first.label.replace(/\s*\(CDF\)/, '')}: distribution (CDF)` : title, type: 'line', xLabel, yLabel: cdf ? '% at or below' : ys.label,
      xFormat: xs.format,
      lines: lines.map((l) => ({ name: l.name, x: l.s.x.map((v) => v * xs.factor), y: l.s.y.map((v) => v * ys.factor), step: cdf || first.xUnit === 's' })) });
  }
  return specs;
}
