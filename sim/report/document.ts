/**
 * The report as plain blocks (paragraphs, tables, charts, lists) in sections,
 * built once from the results and written out as HTML or Markdown. Text in
 * blocks is raw; the writers escape it. Chart SVG is produced by the chart
 * functions, which escape their own text.
 */
import type { RunResult } from '../result';
import { barChart, ganttChart, lineChart, paretoChart, tornadoChart, type TimelineEntry } from './charts/index';
import { tornadoInputLabel } from '../cost/tco';
import { formatDuration, formatNumber, formatPercent, formatUsd } from './format';
import { costBreakdown, num, obj, resultLabel } from './labels';
import { edgePolicies, edgeTable, shortageTable, shortageView, signedUsd, type ShortageView } from './studies';
import { executiveSummary } from './summary';

export interface Table {
  headers: string[];
  rows: string[][];
  caption?: string;
}

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: Table }
  | { kind: 'chart'; title: string; svg: string; data: Table }
  | { kind: 'list'; items: string[] };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportContext {
  scenarioName: string;
  description?: string;
  question?: string;
  file?: string;
  /** ISO date; pass a fixed one for byte-identical reports. */
  generatedAt?: string;
}

export interface ReportDocument {
  title: string;
  subtitle: string[];
  sections: Section[];
}

type Row = [label: string, read: (r: RunResult) => string | undefined];

const metricRows: Row[] = [
  ['Fidelity', (r) => r.fidelity],
  ['Training: time to train', (r) => fmt(r.metrics.training?.timeToTrainDays, (v) => formatDuration(v * 86400))],
  ['Training: devices', (r) => fmt(num(r.metrics.training?.devices), formatNumber)],
  ['Training: step time', (r) => fmt(r.metrics.training?.stepTimeS, formatDuration)],
  ['Training: tokens/s', (r) => fmt(r.metrics.training?.tokensPerS, formatNumber)],
  ['Training: TFLOP/s per device', (r) => fmt(r.metrics.training?.achievedTflopsPerDevice, formatNumber)],
  ['Training: MFU', (r) => fmt(r.metrics.training?.mfu, (v) => formatPercent(v, 1))],
  ['Training: memory per device', (r) => fmt(r.metrics.training?.memoryPerDeviceGiB, (v) => `${formatNumber(v)} GiB`)],
  ['Training: fits in memory', (r) => (r.metrics.training ? (r.metrics.training.fitsInMemory ? 'yes' : 'NO') : undefined)],
  ['Training: goodput', (r) => fmt(r.metrics.training?.goodput, (v) => formatPercent(v, 1))],
  ['Inference: throughput', (r) => fmt(r.metrics.inference?.throughputTokensPerS, (v) => `${formatNumber(v)} tokens/s`)],
  ['Inference: replicas', (r) => fmt(r.metrics.inference?.replicas, formatNumber)],
  ['Inference: mean replicas (autoscaled)', (r) => fmt(num(r.metrics.inference?.meanReplicas), formatNumber)],
  ['Inference: device-hours', (r) => fmt(num(r.metrics.inference?.deviceHours), formatNumber)],
  ['Inference: TTFT p50', (r) => fmt(r.metrics.inference?.ttftP50S, formatDuration)],
  ['Inference: TTFT p99', (r) => fmt(r.metrics.inference?.ttftP99S, formatDuration)],
  // One-shot models (image classification) have no output tokens: no per-token time.
  ['Inference: TPOT p50', (r) => fmt(r.metrics.inference?.tpotP50S || undefined, formatDuration)],
  ['Inference: SLO attainment', (r) => fmt(r.metrics.inference?.sloAttainment, (v) => formatPercent(v, 1))],
  ['Cluster: utilization', (r) => fmt(r.metrics.cluster?.utilization, (v) => formatPercent(v, 1))],
  ['Cluster: mean queue delay', (r) => fmt(r.metrics.cluster?.meanQueueDelayS, formatDuration)],
  ['Cluster: p95 job completion', (r) => fmt(r.metrics.cluster?.p95JobCompletionS, formatDuration)],
  ['Cluster: makespan', (r) => fmt(r.metrics.cluster?.makespanS, formatDuration)],
  ['Cluster: jobs sent to the cloud', (r) => (num(r.metrics.cluster?.jobsBurst) ? `${formatNumber(r.metrics.cluster!.jobsBurst as number)} (${formatNumber(num(r.metrics.cluster?.burstGpuHours) ?? 0)} GPU-hours, ${formatUsd(num(r.metrics.cluster?.burstCostUsd) ?? 0)})` : undefined)],
  ['Collective: time', (r) => fmt(r.metrics.collective?.timeS, formatDuration)],
  ['Collective: algorithm bandwidth', (r) => fmt(r.metrics.collective?.algBandwidthGBps, (v) => `${formatNumber(v)} GB/s`)],
  ['Collective: bus bandwidth', (r) => fmt(r.metrics.collective?.busBandwidthGBps, (v) => `${formatNumber(v)} GB/s`)],
  ['Shortage: fastest full-size way', (r) => shortagePick(r, 'fastest')],
  ['Shortage: cheapest full-size way', (r) => shortagePick(r, 'cheapestFullSize')],
  ['Cost: total', (r) => fmt(r.metrics.cost?.totalUsd, formatUsd)],
  ['Cost: capex share', (r) => fmt(r.metrics.cost?.capexUsd, formatUsd)],
  ['Cost: opex', (r) => fmt(r.metrics.cost?.opexUsd, formatUsd)],
  ['Cost: per million tokens', (r) => fmt(r.metrics.cost?.usdPerMillionTokens ?? undefined, formatUsd)],
  ['Cost: per device-hour', (r) => fmt(num(r.metrics.cost?.usdPerDeviceHour), formatUsd)],
  ['Cost: purchase (owned)', (r) => fmt(num(r.metrics.cost?.purchaseUsd), formatUsd)],
  ['Cost: delay', (r) => fmt(num(r.metrics.cost?.delayUsd), formatUsd)],
  ['Energy', (r) => fmt(r.metrics.cost?.energyKWh, formatEnergyKWh)],
  ['CO2', (r) => fmt(r.metrics.cost?.co2Kg, (v) => (v >= 1000 ? `${formatNumber(v / 1000)} t` : `${formatNumber(v)} kg`))],
  ['Warnings', (r) => String(r.warnings.length)],
];

/** "rent the missing devices until delivery: 42.1 days, +1.12 M USD" for a study's fastest or cheapest full-size way. */
function shortagePick(r: RunResult, which: 'fastest' | 'cheapestFullSize'): string | undefined {
  const v = shortageView(r);
  const row = v?.rows.find((x) => x.option === v[which]);
  if (!row) return undefined;
  return `${row.option}: ${row.doneDays === null ? 'never' : `${formatNumber(row.doneDays)} days`}, ${signedUsd(row.extraUsd)}`;
}

/** kWh below 10 MWh, then MWh and GWh, as the CLI prints them. */
function formatEnergyKWh(kwh: number): string {
  if (Math.abs(kwh) >= 1e6) return `${formatNumber(kwh / 1e6)} GWh`;
  if (Math.abs(kwh) >= 1e4) return `${formatNumber(kwh / 1e3)} MWh`;
  return `${formatNumber(kwh)} kWh`;
}

function fmt(v: number | undefined | null, f: (v: number) => string): string | undefined {
  return v === undefined || v === null || !Number.isFinite(v) ? undefined : f(v);
}

export function buildReport(results: RunResult[], context: ReportContext): ReportDocument {
  const labels = results.map((r, i) => resultLabel(r, i, results));
  const sections: Section[] = [];

  const summary: Block[] = [];
  if (context.question) summary.push({ kind: 'paragraph', text: `Question: ${context.question}` });
  const es = executiveSummary(results);
  summary.push({ kind: 'paragraph', text: es.answer });
  if (es.details.length > 0) summary.push({ kind: 'list', items: es.details });
  if (context.description) summary.push({ kind: 'paragraph', text: context.description });
  sections.push({ id: 'summary', title: 'Executive summary', blocks: summary });

  const rows = metricRows.map(([label, read]) => [label, ...results.map(read)] as Array<string | undefined>).filter((row) => row.slice(1).some((v) => v !== undefined));
  // At most five options per table so a table fits the width of a page.
  const perTable = 5;
  const optionTables: Block[] = [];
  for (let start = 0; start < results.length; start += perTable) {
    const cols = labels.slice(start, start + perTable);
    const part = rows.map((r) => [r[0], ...r.slice(1 + start, 1 + start + perTable)]).filter((r) => r.slice(1).some((v) => v !== undefined));
    const caption = results.length > perTable ? `Options ${start + 1}–${start + cols.length} of ${results.length}` : undefined;
    optionTables.push({ kind: 'table', table: { headers: ['', ...cols], rows: part.map((r) => r.map((v) => v ?? '–')), caption } });
  }
  sections.push({ id: 'options', title: results.length > 1 ? 'Options side by side' : 'Results', blocks: optionTables });

  const shortage = shortageBlocks(results, labels);
  if (shortage.length > 0) sections.push({ id: 'shortage', title: 'GPU-shortage study: ways to go on', blocks: shortage });
  const edge = edgeBlocks(results, labels);
  if (edge.length > 0) sections.push({ id: 'edge', title: 'Edge policies', blocks: edge });

  const charts = chartBlocks(results, labels);
  if (charts.length > 0) sections.push({ id: 'charts', title: 'Charts', blocks: charts });

  sections.push({ id: 'assumptions', title: 'Assumptions and sources', blocks: assumptionBlocks(results) });
  sections.push({ id: 'calibration', title: 'Calibration', blocks: calibrationBlocks(results, labels) });
  sections.push({ id: 'warnings', title: 'Warnings', blocks: warningBlocks(results, labels) });
  sections.push({ id: 'provenance', title: 'Provenance', blocks: provenanceBlocks(results, labels, context) });

  const subtitle = [context.file ? `Scenario file: ${context.file}` : '', context.generatedAt ? `Generated ${context.generatedAt}` : ''].filter(Boolean);
  return { title: context.scenarioName, subtitle, sections };
}

function shortageBlocks(results: RunResult[], labels: string[]): Block[] {
  const views = results.map((r, i) => ({ i, v: shortageView(r) })).filter((x) => x.v) as Array<{ i: number; v: ShortageView }>;
  if (views.length === 0) return [];
  const first = views[0].v;
  const how = first.pricedBy === 'cost model'
    ? 'Total cost: the owned devices installed until the option is done, at the run\'s own cost per owned device-hour, plus the cloud rent (both rates above each table). Extra is over the on-time plan; a negative extra means fewer owned device-hours than the plan (the late devices are not yet installed).'
    : 'Extra cost: cloud rent and idle owned devices beyond the on-time plan, as the shortage study priced them.';
  const blocks: Block[] = [{ kind: 'paragraph', text: `${first.lateDevices !== undefined && first.arrivedDevices !== undefined ? `${formatNumber(first.lateDevices)} of ${formatNumber(first.lateDevices + first.arrivedDevices)} devices arrive late. ` : ''}${how}` }];
  for (const { i, v } of views) {
    const rates = [
      v.delayDays !== undefined ? `${formatNumber(v.delayDays)} days late` : '',
      v.ownedUsdPerDeviceHour !== undefined ? `owned ${formatUsd(v.ownedUsdPerDeviceHour)} per device-hour` : '',
      v.cloudUsdPerDeviceHour !== undefined ? `rented ${formatUsd(v.cloudUsdPerDeviceHour)} per device-hour${v.cloudPriceFrom ? ` (${v.cloudPriceFrom})` : ''}` : '',
    ].filter(Boolean).join('; ');
    const caption = [views.length > 1 ? labels[i] : '', rates].filter(Boolean).join(': ') || undefined;
    blocks.push({ kind: 'table', table: shortageTable(v, caption) });
  }
  return blocks;
}

function edgeBlocks(results: RunResult[], labels: string[]): Block[] {
  const blocks: Block[] = [];
  results.forEach((r, i) => {
    const rows = edgePolicies(r);
    if (rows) blocks.push({ kind: 'table', table: edgeTable(rows, results.length > 1 ? labels[i] : undefined) });
  });
  if (blocks.length > 0) blocks.unshift({ kind: 'paragraph', text: 'Each policy on the same requests: latency from the question to the answer, the share that missed the deadline, what left the devices over the network, and the share of questions asked while disconnected that were still answered in time.' });
  return blocks;
}

function chartBlocks(results: RunResult[], labels: string[]): Block[] {
  const blocks: Block[] = [];

  // Scaling curve: throughput against devices across options or sweep points.
  const scaling = results
    .map((r, i) => ({ i, devices: num(r.metrics.training?.devices) ?? num(r.metrics.inference?.devices), rate: r.metrics.training?.tokensPerS ?? r.metrics.inference?.throughputTokensPerS }))
    .filter((p) => p.devices !== undefined && num(p.rate) !== undefined) as Array<{ i: number; devices: number; rate: number }>;
  // Only when every point has its own device count (a sweep over cluster size).
  if (scaling.length > 1 && new Set(scaling.map((p) => p.devices)).size === scaling.length) {
    scaling.sort((a, b) => a.devices - b.devices);
    const first = scaling[0];
    const ideal = scaling.map((p) => (first.rate * p.devices) / first.devices);
    blocks.push(chart('Scaling curve', lineChart([
      { name: 'simulated', x: scaling.map((p) => p.devices), y: scaling.map((p) => p.rate), points: true },
      { name: 'linear from the smallest', x: scaling.map((p) => p.devices), y: ideal, dashed: true, points: false },
    ], { title: 'Scaling curve', xLabel: 'devices', yLabel: 'tokens/s' }), {
      headers: ['devices', 'tokens/s', 'scaling efficiency'],
      rows: scaling.map((p, k) => [formatNumber(p.devices), formatNumber(p.rate), formatPercent(p.rate / ideal[k], 1)]),
    }));
  }

  // Cost breakdown by category, one bar per option.
  const breakdowns = results.map(costBreakdown);
  // One bar of one category says no more than the total in the table above.
  const categories = new Set(breakdowns.flatMap((b) => Object.keys(b ?? {})));
  if (breakdowns.some(Boolean) && (breakdowns.filter(Boolean).length > 1 || categories.size > 1)) {
    const cats = [...new Set(breakdowns.flatMap((b) => Object.keys(b ?? {})))];
    const idx = breakdowns.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
    const values = idx.map((i) => cats.map((c) => breakdowns[i]![c] ?? 0));
    blocks.push(chart('Cost breakdown', barChart(idx.map((i) => labels[i]), cats, values, { title: 'Cost breakdown', yLabel: 'USD' }), {
      headers: ['option', ...cats],
      rows: idx.map((i, k) => [labels[i], ...values[k].map(formatUsd)]),
    }));
  }

  // Total cost of ownership over time, with the crossover month.
  results.forEach((r, i) => {
    const tco = obj(r.metrics.cost?.tco);
    const options = tco?.options as Array<{ name: string; cumulativeUsd: number[]; npvUsd: number; totalUsd: number }> | undefined;
    if (!tco || !options?.length) return;
    const months = options[0].cumulativeUsd.map((_, m) => m);
    const cross = num(tco.crossoverMonthExact);
    const title = `Cumulative cost of ownership${results.length > 1 ? ` (${labels[i]})` : ''}`;
    blocks.push(chart(title, lineChart(options.map((o) => ({ name: o.name, x: months, y: o.cumulativeUsd, points: false })), {
      title, xLabel: 'month', yLabel: 'cumulative USD', markers: cross !== undefined ? [{ x: cross, label: `break-even ${formatNumber(cross)} mo` }] : [],
    }), {
      headers: ['option', 'total (nominal)', 'net present cost'],
      rows: options.map((o) => [o.name, formatUsd(o.totalUsd), formatUsd(o.npvUsd)]),
    }));
  });

  // Gantt timeline of the first result that has one.
  const withTimeline = results.findIndex((r) => Array.isArray(r.series.timeline) && (r.series.timeline as unknown[]).length > 0);
  if (withTimeline >= 0) {
    const entries = (results[withTimeline].series.timeline as TimelineEntry[]).slice(0, 2000);
    const title = `Timeline${results.length > 1 ? ` (${labels[withTimeline]})` : ''}`;
    const kinds = [...new Set(entries.map((e) => e.kind))];
    blocks.push(chart(title, ganttChart(entries, { title }), {
      headers: ['kind', 'intervals', 'busy time'],
      rows: kinds.map((k) => {
        const es = entries.filter((e) => e.kind === k);
        return [k, String(es.length), formatDuration(es.reduce((s, e) => s + (e.end - e.start), 0))];
      }),
    }));
  }

  // Pareto frontier of cost against time when options trade one for the other.
  const daysPts = results.map((r, i) => ({ label: labels[i], x: timeOf(r), y: r.metrics.cost?.totalUsd })).filter((p) => p.x !== undefined && num(p.y) !== undefined) as Array<{ label: string; x: number; y: number }>;
  if (daysPts.length > 1) {
    // Runs shorter than two days read better in hours.
    const inHours = Math.max(...daysPts.map((p) => p.x)) < 2;
    const unit = inHours ? 'hours' : 'days';
    const pts = inHours ? daysPts.map((p) => ({ ...p, x: p.x * 24 })) : daysPts;
    blocks.push(chart('Cost against time', paretoChart(pts, { title: 'Cost against time (red: Pareto frontier)', xLabel: unit, yLabel: 'USD' }), {
      headers: ['option', unit, 'cost'],
      rows: pts.map((p) => [p.label, formatNumber(p.x), formatUsd(p.y)]),
    }));
  }

  // Tornado of the first result with a sensitivity analysis.
  results.forEach((r, i) => {
    const sens = obj(r.metrics.cost?.sensitivity);
    const rows = sens?.rows as Array<{ input: string; low: number; high: number; outputAtLow: number; outputAtHigh: number; swing: number; display?: { scale: number; unit: string } }> | undefined;
    const shown = (v: number, d?: { scale: number; unit: string }) => tornadoInputLabel(v, d, formatNumber);
    if (!sens || !rows?.length || blocks.some((b) => b.kind === 'chart' && b.title.startsWith('Sensitivity'))) return;
    const title = `Sensitivity${results.length > 1 ? ` (${labels[i]})` : ''}`;
    const output = String(sens.output ?? 'total, USD');
    const labelled = rows.map((x) => ({ ...x, lowLabel: shown(x.low, x.display), highLabel: shown(x.high, x.display) }));
    blocks.push(chart(title, tornadoChart(labelled, num(sens.base) ?? 0, { title: `${title}: what moves the ${output}`, xLabel: output }), {
      headers: ['input', 'low', 'high', 'output at low', 'output at high'],
      rows: rows.map((x) => [x.input, shown(x.low, x.display), shown(x.high, x.display), formatUsd(x.outputAtLow), formatUsd(x.outputAtHigh)]),
    }));
  });

  // Any chartable series the runners provided ({label, xUnit, yUnit, x, y}).
  let generic = 0;
  for (let i = 0; i < results.length && generic < 4; i++) {
    for (const [key, s] of Object.entries(results[i].series)) {
      const ser = obj(s);
      if (!ser || !Array.isArray(ser.x) || !Array.isArray(ser.y) || key === 'timeline' || generic >= 4) continue;
      const [x, xUnit] = readableTime(ser.x as number[], String(ser.xUnit ?? ''));
      const y = ser.y as number[];
      const title = `${String(ser.label ?? key)}${results.length > 1 ? ` (${labels[i]})` : ''}`;
      blocks.push(chart(title, lineChart([{ name: String(ser.label ?? key), x, y }], { title, xLabel: xUnit, yLabel: String(ser.yUnit ?? '') }), {
        headers: [xUnit || 'x', String(ser.yUnit ?? 'y')],
        rows: sample(x.map((v, k) => [formatNumber(v), formatNumber(y[k])]), 12),
      }));
      generic++;
    }
  }
  return blocks;
}

/** Seconds along an axis read better as hours or days once they run that long. */
function readableTime(x: number[], unit: string): [number[], string] {
  if (unit !== 's') return [x, unit];
  const max = Math.max(0, ...x.filter(Number.isFinite).map(Math.abs));
  if (max >= 2 * 86400) return [x.map((v) => v / 86400), 'days'];
  if (max >= 2 * 3600) return [x.map((v) => v / 3600), 'h'];
  if (max > 0 && max < 1) return [x.map((v) => v * 1e3), 'ms'];
  return [x, unit];
}

function timeOf(r: RunResult): number | undefined {
  return r.metrics.training?.timeToTrainDays ?? (num(r.metrics.cluster?.makespanS) !== undefined ? r.metrics.cluster!.makespanS / 86400 : undefined);
}

function sample<T>(rows: T[], n: number): T[] {
  if (rows.length <= n) return rows;
  const out: T[] = [];
  for (let k = 0; k < n; k++) out.push(rows[Math.round((k * (rows.length - 1)) / (n - 1))]);
  return out;
}

function chart(title: string, svg: string, data: Table): Block {
  return { kind: 'chart', title, svg, data };
}

function assumptionBlocks(results: RunResult[]): Block[] {
  const seen = new Map<string, string[]>();
  for (const r of results) {
    const list = r.metrics.cost?.assumptions as Array<{ name: string; value: number; unit: string; source: string; url?: string; date?: string; region?: string; note?: string }> | undefined;
    for (const a of list ?? []) {
      const row = [a.name, `${formatNumber(a.value, 4)} ${a.unit}`, a.source + (a.url ? ` (${a.url.replace(/^https?:\/\//, '')})` : ''), a.date ?? '', a.region ?? '', a.note ?? ''];
      const key = row.join('|');
      if (!seen.has(key)) seen.set(key, row);
    }
  }
  if (seen.size === 0) return [{ kind: 'paragraph', text: 'The results carry no cost assumptions.' }];
  return [
    { kind: 'paragraph', text: 'Every number the cost model took from its catalog rather than from the scenario, with where it came from. "scenario" means the scenario file set it. Notes flag sources that disagree.' },
    { kind: 'table', table: { headers: ['input', 'value', 'source', 'date', 'region', 'note'], rows: [...seen.values()] } },
  ];
}

function calibrationBlocks(results: RunResult[], labels: string[]): Block[] {
  const rows = results.map((r, i) => {
    const p = r.provenance as Record<string, unknown>;
    const acc = obj(p.calibrationAccuracy) ?? obj(p.calibrationFit);
    const rms = num(acc?.rmsRelativeError);
    const max = num(acc?.maxRelativeError);
    const pts = num(acc?.points);
    return [labels[i], String(p.calibration ?? 'unknown'), rms !== undefined ? formatPercent(rms, 1) : 'not recorded', max !== undefined ? formatPercent(max, 1) : 'not recorded', pts !== undefined ? String(pts) : ''];
  });
  const same = rows.every((r) => r.slice(1).join('|') === rows[0].slice(1).join('|'));
  if (same && rows.length > 1) {
    rows.length = 1;
    rows[0][0] = 'all options';
  }
  return [
    { kind: 'paragraph', text: 'The calibration profile sets the efficiency curves the models use; its measured accuracy is the error of the fitted curves on the measurements they came from.' },
    { kind: 'table', table: { headers: ['option', 'profile', 'RMS error', 'max error', 'points'], rows } },
  ];
}

function warningBlocks(results: RunResult[], labels: string[]): Block[] {
  const rows: string[][] = [];
  results.forEach((r, i) => {
    if (r.metrics.training && r.metrics.training.fitsInMemory === false) {
      rows.push([labels[i], 'error', 'out-of-memory', `Does not fit in device memory: ${formatNumber(r.metrics.training.memoryPerDeviceGiB)} GiB per device needed.`]);
    }
    for (const w of r.warnings) rows.push([labels[i], w.severity ?? 'warning', w.code, w.message]);
  });
  if (rows.length === 0) return [{ kind: 'paragraph', text: 'No warnings: every option fits in memory, no link saturated and no SLO was missed.' }];
  const order: Record<string, number> = { error: 0, warning: 1, info: 2 };
  rows.sort((a, b) => (order[a[1]] ?? 1) - (order[b[1]] ?? 1));
  return [{ kind: 'table', table: { headers: ['option', 'severity', 'code', 'message'], rows } }];
}

function provenanceBlocks(results: RunResult[], labels: string[], context: ReportContext): Block[] {
  const rows = results.map((r, i) => [labels[i], r.scenario.hash, r.fidelity, String(r.provenance.seed), r.provenance.version, formatNumber(r.provenance.events), formatDuration(r.provenance.wallTimeS)]);
  const items = [context.file ? `Scenario file: ${context.file}` : '', context.generatedAt ? `Generated: ${context.generatedAt}` : ''].filter(Boolean);
  const blocks: Block[] = [{ kind: 'table', table: { headers: ['option', 'scenario hash', 'fidelity', 'seed', 'version', 'events', 'run time'], rows } }];
  if (items.length) blocks.push({ kind: 'list', items });
  return blocks;
}
