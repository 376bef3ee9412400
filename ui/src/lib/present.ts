/**
 * What the answer panel shows, derived from RunResults: headline numbers with
 * units, and the data of each chart. Pure functions of plain data, so the
 * same results always draw the same page.
 */
import type { RunResult } from '../../../sim/result';
import { formatDuration, formatNumber, formatPercent, formatUsd } from '../../../sim/report/format';
import { costBreakdown, num, obj, resultLabel } from '../../../sim/report/labels';

/** 268 k, 5.19 M: rates too long for a card in full. */
export function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${formatNumber(v / 1e9)} G`;
  if (a >= 1e6) return `${formatNumber(v / 1e6)} M`;
  if (a >= 1e4) return `${formatNumber(v / 1e3)} k`;
  return formatNumber(v);
}

export { formatDuration, formatNumber, formatPercent, formatUsd, resultLabel };

export interface Headline {
  label: string;
  value: string;
  /** Raw value for comparisons (higher or lower is better per `better`). */
  raw?: number;
  better?: 'lower' | 'higher';
  tone?: 'bad' | 'good';
  hint?: string;
}

export function headlines(r: RunResult): Headline[] {
  const out: Headline[] = [];
  const t = r.metrics.training;
  if (t) {
    out.push({ label: 'Time to train', value: `${formatNumber(t.timeToTrainDays)} days`, raw: t.timeToTrainDays, better: 'lower' });
    out.push({ label: 'Step time', value: formatDuration(t.stepTimeS), raw: t.stepTimeS, better: 'lower' });
    out.push({ label: 'Throughput', value: `${compact(t.tokensPerS)} tokens/s`, raw: t.tokensPerS, better: 'higher' });
    out.push({ label: 'MFU', value: formatPercent(t.mfu, 1), raw: t.mfu, better: 'higher' });
    out.push({ label: 'Memory per device', value: `${formatNumber(t.memoryPerDeviceGiB)} GiB`, raw: t.memoryPerDeviceGiB, better: 'lower', tone: t.fitsInMemory ? undefined : 'bad', hint: t.fitsInMemory ? 'fits' : 'does NOT fit in device memory' });
    const devices = num(t.devices);
    if (devices !== undefined) out.push({ label: 'Devices', value: formatNumber(devices), raw: devices });
    out.push({ label: 'Goodput', value: formatPercent(t.goodput, 1), raw: t.goodput, better: 'higher' });
  }
  const inf = r.metrics.inference;
  if (inf) {
    out.push({ label: 'Replicas', value: formatNumber(inf.replicas), raw: inf.replicas, better: 'lower' });
    out.push({ label: 'Throughput', value: `${compact(inf.throughputTokensPerS)} tokens/s`, raw: inf.throughputTokensPerS, better: 'higher' });
    out.push({ label: 'TTFT p50', value: formatDuration(inf.ttftP50S), raw: inf.ttftP50S, better: 'lower' });
    out.push({ label: 'TTFT p99', value: formatDuration(inf.ttftP99S), raw: inf.ttftP99S, better: 'lower' });
    out.push({ label: 'TPOT p50', value: formatDuration(inf.tpotP50S), raw: inf.tpotP50S, better: 'lower' });
    out.push({ label: 'SLO attainment', value: formatPercent(inf.sloAttainment, 1), raw: inf.sloAttainment, better: 'higher' });
  }
  const c = r.metrics.cluster;
  if (c) {
    out.push({ label: 'Utilization', value: formatPercent(c.utilization, 1), raw: c.utilization, better: 'higher' });
    out.push({ label: 'Mean queue delay', value: formatDuration(c.meanQueueDelayS), raw: c.meanQueueDelayS, better: 'lower' });
    out.push({ label: 'p95 job completion', value: formatDuration(c.p95JobCompletionS), raw: c.p95JobCompletionS, better: 'lower' });
    out.push({ label: 'Makespan', value: formatDuration(c.makespanS), raw: c.makespanS, better: 'lower' });
  }
  const col = r.metrics.collective;
  if (col) {
    out.push({ label: 'Collective time', value: formatDuration(col.timeS), raw: col.timeS, better: 'lower' });
    out.push({ label: 'Algorithm bandwidth', value: `${formatNumber(col.algBandwidthGBps)} GB/s`, raw: col.algBandwidthGBps, better: 'higher' });
    out.push({ label: 'Bus bandwidth', value: `${formatNumber(col.busBandwidthGBps)} GB/s`, raw: col.busBandwidthGBps, better: 'higher' });
  }
  const cost = r.metrics.cost;
  if (cost && Number.isFinite(cost.totalUsd) && cost.totalUsd > 0) {
    out.push({ label: 'Total cost', value: formatUsd(cost.totalUsd), raw: cost.totalUsd, better: 'lower' });
    if (cost.usdPerMillionTokens !== null && Number.isFinite(cost.usdPerMillionTokens)) out.push({ label: 'Per million tokens', value: formatUsd(cost.usdPerMillionTokens), raw: cost.usdPerMillionTokens, better: 'lower' });
    out.push({ label: 'Energy', value: `${formatNumber(cost.energyKWh / 1000)} MWh`, raw: cost.energyKWh, better: 'lower' });
    out.push({ label: 'CO₂', value: `${formatNumber(cost.co2Kg / 1000)} t`, raw: cost.co2Kg, better: 'lower' });
  }
  return out;
}

export interface LineData { name: string; x: number[]; y: number[]; dashed?: boolean }
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
  tornado?: { base: number; rows: Array<{ input: string; low: number; high: number; lowLabel: string; highLabel: string }> };
  markers?: Array<{ x: number; label: string }>;
  /** Log y axis (rates spanning orders of magnitude). */
  yLog?: boolean;
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
    specs.push({ id: 'scaling-time', title: 'Scaling: time to train', type: 'line', xLabel: 'devices', yLabel: 'days',
      lines: [{ name: 'time to train', x: scaling.map((p) => p.devices), y: scaling.map((p) => p.days) }, { name: 'ideal (linear)', x: scaling.map((p) => p.devices), y: scaling.map((p) => (f.days * f.devices) / p.devices), dashed: true }] });
    specs.push({ id: 'scaling-efficiency', title: 'Scaling efficiency', type: 'line', xLabel: 'devices', yLabel: '% of linear',
      lines: [{ name: 'efficiency', x: scaling.map((p) => p.devices), y: scaling.map((p) => (100 * (p.rate / p.devices)) / (f.rate / f.devices)) }] });
  }

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
  const breakdowns = results.map(costBreakdown);
  if (breakdowns.some(Boolean)) {
    const cats = [...new Set(breakdowns.flatMap((b) => Object.keys(b ?? {})))].filter((c) => breakdowns.some((b) => (b?.[c] ?? 0) > 0));
    const idx = breakdowns.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
    if (cats.length > 0) specs.push({ id: 'cost', title: 'Cost breakdown', type: 'bar', xLabel: '', yLabel: 'USD', bars: { categories: idx.map((i) => labels[i]), stacks: cats, values: idx.map((i) => cats.map((c) => breakdowns[i]![c] ?? 0)) } });
  }

  // Pareto frontier of cost against time.
  const pts = results.map((r, i) => ({ label: labels[i], x: r.metrics.training?.timeToTrainDays ?? (num(r.metrics.cluster?.makespanS) ?? NaN) / 86400, y: r.metrics.cost?.totalUsd ?? NaN }))
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (pts.length > 1) {
    const order = pts.map((_, i) => i).sort((a, b) => pts[a].x - pts[b].x || pts[a].y - pts[b].y);
    const front = new Set<number>();
    let best = Infinity;
    for (const i of order) if (pts[i].y < best) { front.add(i); best = pts[i].y; }
    specs.push({ id: 'pareto', title: 'Cost against time (Pareto frontier)', type: 'pareto', xLabel: 'time to train, days', yLabel: 'total cost, USD', points: pts.map((p, i) => ({ ...p, frontier: front.has(i) })) });
  }

  // Total cost of ownership over time.
  results.forEach((r, i) => {
    const tco = obj(r.metrics.cost?.tco);
    const options = tco?.options as Array<{ name: string; cumulativeUsd: number[] }> | undefined;
    if (!options?.length || specs.some((s) => s.id === 'tco')) return;
    const cross = num(tco?.crossoverMonthExact);
    specs.push({ id: 'tco', title: `Cumulative cost of ownership${results.length > 1 ? ` (${labels[i]})` : ''}`, type: 'line', xLabel: 'month', yLabel: 'cumulative USD',
      lines: options.map((o) => ({ name: o.name, x: o.cumulativeUsd.map((_, m) => m), y: o.cumulativeUsd })), markers: cross !== undefined ? [{ x: cross, label: `break-even ${formatNumber(cross)} mo` }] : [] });
  });

  // Tornado of sensitivities.
  const sensIndex = results.findIndex((r) => Array.isArray(obj(r.metrics.cost?.sensitivity)?.rows));
  if (sensIndex >= 0) {
    const sens = obj(results[sensIndex].metrics.cost!.sensitivity)!;
    const rows = sens.rows as Array<{ input: string; low: number; high: number; outputAtLow: number; outputAtHigh: number }>;
    specs.push({ id: 'tornado', title: `Sensitivity of ${String(sens.output ?? 'cost')}${results.length > 1 ? ` (${labels[sensIndex]})` : ''}`, type: 'tornado', xLabel: String(sens.output ?? 'USD'), yLabel: '',
      tornado: { base: num(sens.base) ?? 0, rows: rows.map((x) => ({ input: x.input, low: x.outputAtLow, high: x.outputAtHigh, lowLabel: formatNumber(x.low), highLabel: formatNumber(x.high) })) } });
  }

  // Series the runners provide: utilization, queue length, capacity and shortage timelines, busbw by size...
  const seen = new Set<string>();
  results.forEach((r, i) => {
    for (const [key, s] of Object.entries(r.series)) {
      const ser = obj(s);
      if (!ser || key === 'timeline' || !Array.isArray(ser.x) || !Array.isArray(ser.y) || seen.has(key) || seen.size >= 6) continue;
      seen.add(key);
      const others = results.map((o, j) => ({ j, ser: obj(o.series[key]) })).filter((o) => o.ser && Array.isArray(o.ser.x));
      specs.push({ id: `series-${key}`, title: String(ser.label ?? key), type: 'line', xLabel: String(ser.xUnit ?? ''), yLabel: String(ser.yUnit ?? ''),
        lines: (others.length > 1 ? others.slice(0, 6) : [{ j: i, ser }]).map((o) => ({ name: others.length > 1 ? labels[o.j] : String(ser.label ?? key), x: o.ser!.x as number[], y: o.ser!.y as number[] })) });
    }
  });
  return specs;
}
