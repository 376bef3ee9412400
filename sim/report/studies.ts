/**
 * The studies some runners attach beside their metrics, as tables: the
 * GPU-shortage study (each way to go on, when it is done and what it costs)
 * and the edge study (each placement policy's latency, deadline misses and
 * bytes leaving the device). Each reader returns plain rows; the document
 * puts them in tables and the executive summary quotes them.
 */
import type { RunResult } from '../result';
import { formatDuration, formatNumber, formatPercent, formatUsd } from './format';
import { num, obj } from './labels';
import type { Table } from './document';

export interface ShortageRow {
  option: string;
  label: string;
  doneDays: number | null;
  lateByDays: number | null;
  cloudUsd: number;
  /** Whole cost of the option (owned devices until done + rent) when the cost model priced it. */
  totalUsd?: number;
  /** Beyond the on-time plan, USD. */
  extraUsd: number;
  parameterScale: number;
  tokenScale: number;
}

export interface ShortageView {
  lateDevices?: number;
  arrivedDevices?: number;
  delayDays?: number;
  fastest?: string;
  cheapestFullSize?: string;
  /** Where the rows' costs come from, for the caption. */
  pricedBy: 'cost model' | 'shortage study';
  ownedUsdPerDeviceHour?: number;
  cloudUsdPerDeviceHour?: number;
  cloudPriceFrom?: string;
  rows: ShortageRow[];
}

/** The shortage study of one result: priced by the cost model (metrics.cost.shortage) where present, else the study's own extra cost. */
export function shortageView(r: RunResult): ShortageView | undefined {
  const study = obj(r.breakdown.shortage);
  const options = study?.options as Array<Record<string, unknown>> | undefined;
  if (!study || !Array.isArray(options) || options.length === 0) return undefined;
  const priced = obj(r.metrics.cost?.shortage);
  const pricedRows = (priced?.options as Array<Record<string, unknown>> | undefined) ?? [];
  const delayS = num(obj(study.inputs)?.delayS);
  const rows = options.map((o): ShortageRow => {
    const option = String(o.option);
    const p = pricedRows.find((x) => x.option === option);
    const done = num(o.doneS);
    const late = num(o.lateByS);
    return {
      option,
      label: String(o.label ?? option),
      doneDays: done === undefined ? null : done / 86400,
      lateByDays: late === undefined ? null : late / 86400,
      cloudUsd: num(o.cloudCostUsd) ?? 0,
      totalUsd: p ? num(p.totalUsd) : undefined,
      extraUsd: (p ? num(p.extraUsd) : num(o.extraCostUsd)) ?? 0,
      parameterScale: num(o.parameterScale) ?? 1,
      tokenScale: num(o.tokenScale) ?? 1,
    };
  });
  return {
    lateDevices: num(study.lateDevices),
    arrivedDevices: num(study.arrivedDevices),
    delayDays: delayS === undefined ? undefined : delayS / 86400,
    fastest: typeof study.fastest === 'string' ? study.fastest : undefined,
    cheapestFullSize: typeof study.cheapestFullSize === 'string' ? study.cheapestFullSize : undefined,
    pricedBy: priced ? 'cost model' : 'shortage study',
    ownedUsdPerDeviceHour: num(priced?.ownedUsdPerDeviceHour),
    cloudUsdPerDeviceHour: num(priced?.cloudUsdPerDeviceHour) ?? num(obj(study.inputs)?.cloudPricePerDeviceHour),
    cloudPriceFrom: typeof obj(study.inputs)?.priceFrom === 'string' ? String(obj(study.inputs)!.priceFrom) : undefined,
    rows,
  };
}

export function shortageTable(v: ShortageView, caption?: string): Table {
  const withTotal = v.rows.some((r) => r.totalUsd !== undefined);
  const model = (r: ShortageRow) => (r.parameterScale === 1 && r.tokenScale === 1 ? 'as planned' : `${formatPercent(r.parameterScale)} parameters, ${formatPercent(r.tokenScale)} tokens`);
  return {
    caption,
    headers: ['option', 'done after', 'later than plan', 'cloud rent', ...(withTotal ? ['total cost'] : []), 'extra over plan', 'model'],
    rows: v.rows.map((r) => [
      r.option === v.fastest ? `${r.label} (fastest full-size)` : r.option === v.cheapestFullSize ? `${r.label} (cheapest full-size)` : r.label,
      r.doneDays === null ? 'never' : `${formatNumber(r.doneDays)} days`,
      r.lateByDays === null ? 'never' : r.lateByDays <= 0 ? 'on time' : `${formatNumber(r.lateByDays)} days`,
      r.cloudUsd === 0 ? '0 USD' : formatUsd(r.cloudUsd),
      ...(withTotal ? [r.totalUsd === undefined ? '–' : formatUsd(r.totalUsd)] : []),
      signedUsd(r.extraUsd),
      model(r),
    ]),
  };
}

/** "+1.44 M USD", "-120 k USD", "0 USD". */
export function signedUsd(usd: number): string {
  if (Math.abs(usd) < 0.005) return '0 USD';
  return `${usd > 0 ? '+' : '−'}${formatUsd(Math.abs(usd))}`;
}

export interface EdgePolicyRow {
  policy: string;
  chosen: boolean;
  latencyP50S?: number;
  latencyP99S?: number;
  deadlineMissFraction?: number;
  bytesLeavingDevice?: number;
  /** Share of the requests made while disconnected that were answered within the deadline. */
  answeredOffline?: number;
  feasible: boolean;
}

export function edgePolicies(r: RunResult): EdgePolicyRow[] | undefined {
  const edge = obj(r.breakdown.edge);
  const list = edge?.policies as Array<Record<string, unknown>> | undefined;
  if (!edge || !Array.isArray(list) || list.length === 0) return undefined;
  const chosen = obj(edge.chosen)?.policy ?? edge.policy;
  return list.map((p) => {
    const offline = num(p.requestsWhileDisconnected);
    const within = num(p.disconnectedWithinDeadline);
    return {
      policy: String(p.policy),
      chosen: p.policy === chosen,
      latencyP50S: num(p.latencyP50S),
      latencyP99S: num(p.latencyP99S),
      deadlineMissFraction: num(p.deadlineMissFraction),
      bytesLeavingDevice: num(p.bytesLeavingDevice),
      answeredOffline: offline !== undefined && offline > 0 && within !== undefined ? within / offline : undefined,
      feasible: p.feasible !== false,
    };
  });
}

export function edgeTable(rows: EdgePolicyRow[], caption?: string): Table {
  const f = (v: number | undefined, g: (x: number) => string) => (v === undefined ? '–' : g(v));
  return {
    caption,
    headers: ['policy', 'latency p50', 'latency p99', 'deadline misses', 'bytes leaving the devices', 'answered while offline'],
    rows: rows.map((p) => [
      `${p.policy}${p.chosen ? ' (chosen)' : ''}${p.feasible ? '' : ' (does not fit)'}`,
      f(p.latencyP50S, formatDuration),
      f(p.latencyP99S, formatDuration),
      f(p.deadlineMissFraction, (x) => formatPercent(x, 1)),
      f(p.bytesLeavingDevice, formatBytes),
      f(p.answeredOffline, (x) => formatPercent(x, 1)),
    ]),
  };
}

/** Decimal bytes: 171 MB, 1.2 GB. */
export function formatBytes(b: number): string {
  if (!Number.isFinite(b)) return 'n/a';
  if (b === 0) return '0 B';
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let k = 0;
  let v = b;
  while (Math.abs(v) >= 1000 && k < units.length - 1) {
    v /= 1000;
    k++;
  }
  return `${formatNumber(v)} ${units[k]}`;
}
