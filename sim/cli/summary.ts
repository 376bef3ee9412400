/**
 * The human summary of a run: the headline metrics of whatever the results
 * hold, one column per option or sweep point, warnings highlighted, and the
 * Pareto frontier marked when the sweep names objectives.
 */
import type { RunResult } from '../result';
import { metricValue, paretoFrontier } from '../scenario/pareto';
import type { SweepInput } from '../scenario/schema';
import { fmtBytes, fmtDuration, fmtPercent, fmtRate, fmtSig, fmtUsd, table, type Style } from './format';

interface Headline { path: string; label: string; format: (v: number) => string }

const gib = (v: number) => fmtBytes(v * 2 ** 30);
export const headlines: Headline[] = [
  { path: 'training.stepTimeS', label: 'step time', format: fmtDuration },
  { path: 'training.tokensPerS', label: 'throughput', format: (v) => fmtRate(v, 'tokens/s') },
  { path: 'training.achievedTflopsPerDevice', label: 'achieved per device', format: (v) => `${fmtSig(v)} TFLOP/s` },
  { path: 'training.mfu', label: 'MFU', format: fmtPercent },
  { path: 'training.timeToTrainDays', label: 'time to train', format: (v) => fmtDuration(v * 86400) },
  { path: 'training.memoryPerDeviceGiB', label: 'memory per device', format: gib },
  { path: 'training.fitsInMemory', label: 'fits in memory', format: (v) => (v ? 'yes' : 'NO') },
  { path: 'training.goodput', label: 'goodput', format: fmtPercent },
  { path: 'inference.throughputTokensPerS', label: 'throughput', format: (v) => fmtRate(v, 'tokens/s') },
  { path: 'inference.ttftP50S', label: 'TTFT p50', format: fmtDuration },
  { path: 'inference.ttftP99S', label: 'TTFT p99', format: fmtDuration },
  { path: 'inference.tpotP50S', label: 'TPOT p50', format: fmtDuration },
  { path: 'inference.sloAttainment', label: 'SLO attainment', format: fmtPercent },
  { path: 'inference.replicas', label: 'replicas', format: (v) => fmtSig(v) },
  { path: 'cluster.utilization', label: 'utilization', format: fmtPercent },
  { path: 'cluster.meanQueueDelayS', label: 'mean queue delay', format: fmtDuration },
  { path: 'cluster.p95JobCompletionS', label: 'p95 job completion', format: fmtDuration },
  { path: 'cluster.makespanS', label: 'makespan', format: fmtDuration },
  { path: 'collective.timeS', label: 'time', format: fmtDuration },
  { path: 'collective.algBandwidthGBps', label: 'algbw', format: (v) => `${fmtSig(v)} GB/s` },
  { path: 'collective.busBandwidthGBps', label: 'busbw', format: (v) => `${fmtSig(v)} GB/s` },
  { path: 'dataPipeline.throughputBytesPerS', label: 'pipeline throughput', format: (v) => fmtRate(v, 'B/s') },
  { path: 'cost.totalUsd', label: 'total cost', format: fmtUsd },
  { path: 'cost.usdPerMillionTokens', label: 'cost per M tokens', format: (v) => `${fmtSig(v)} USD` },
  { path: 'cost.tco.crossoverMonth', label: 'buying pays off after', format: (v) => `${fmtSig(v)} months` },
  { path: 'cost.breakEvenUtilization', label: 'break-even utilization', format: fmtPercent },
  { path: 'cost.energyKWh', label: 'energy', format: (v) => `${fmtSig(v / 1000)} MWh` },
  { path: 'cost.co2Kg', label: 'CO2', format: (v) => `${fmtSig(v / 1000)} t` },
];

function present(results: RunResult[]): Headline[] {
  return headlines.filter((h) => results.some((r) => {
    const v = metricValue(r.metrics as Record<string, unknown>, h.path);
    return Number.isFinite(v);
  }));
}

export function frontierOf(results: RunResult[], sweep?: SweepInput): Set<number> {
  const objectives = sweep?.objectives ?? [];
  if (objectives.length < 2 || results.length < 2) return new Set();
  const values = results.map((r) => objectives.map((o) => metricValue(r.metrics as Record<string, unknown>, o.metric)));
  return new Set(paretoFrontier(values, objectives));
}

export function formatSummary(results: RunResult[], s: Style, sweep?: SweepInput): string {
  if (results.length === 0) return '';
  const first = results[0];
  const lines: string[] = [];
  lines.push(s.bold(first.scenario.name));
  if (first.scenario.description) lines.push(s.dim(first.scenario.description.trim()));
  lines.push('');
  const rows = present(results);
  if (results.length === 1) {
    lines.push(table([{ header: 'metric' }, { header: 'value', align: 'right' }], rows.map((h) => [h.label, h.format(metricValue(first.metrics as Record<string, unknown>, h.path))])));
  } else {
    const frontier = frontierOf(results, sweep);
    const label = (r: RunResult, i: number) => `${frontier.has(i) ? '★ ' : ''}${String((r.scenario as { label?: string }).label ?? r.scenario.option ?? `#${i + 1}`)}`;
    if (results.length <= 6) {
      const cols = [{ header: 'metric' }, ...results.map((r, i) => ({ header: label(r, i), align: 'right' as const }))];
      lines.push(table(cols, rows.map((h) => [h.label, ...results.map((r) => {
        const v = metricValue(r.metrics as Record<string, unknown>, h.path);
        return Number.isFinite(v) ? h.format(v) : '—';
      })])));
    } else {
      const shown = rows.slice(0, 7);
      const cols = [{ header: 'variant' }, ...shown.map((h) => ({ header: h.label, align: 'right' as const }))];
      lines.push(table(cols, results.map((r, i) => [label(r, i), ...shown.map((h) => {
        const v = metricValue(r.metrics as Record<string, unknown>, h.path);
        return Number.isFinite(v) ? h.format(v) : '—';
      })])));
    }
    if (frontier.size > 0) lines.push('', s.dim(`★ on the Pareto frontier of ${sweep!.objectives!.map((o) => `${o.metric} (${o.goal})`).join(' and ')}`));
  }
  const edge = edgeTable(first);
  if (edge) lines.push('', s.bold('Edge policies'), edge);
  const warnings = new Map<string, string>();
  for (const r of results) for (const w of r.warnings) if (!warnings.has(w.message)) warnings.set(w.message, w.severity ?? 'warning');
  if (warnings.size > 0) {
    lines.push('');
    for (const [message, severity] of warnings) lines.push(severity === 'error' ? s.red(`✖ ${message}`) : severity === 'info' ? s.dim(`ℹ ${message}`) : s.yellow(`⚠ ${message}`));
  }
  const p = first.provenance;
  lines.push('', s.dim(`fidelity ${first.fidelity} · calibration ${p.calibration} · seed ${p.seed} · clusterplan ${p.version} · ${results.length} run${results.length === 1 ? '' : 's'} · ${results.reduce((a, r) => a + r.provenance.events, 0).toLocaleString('en-US')} events`));
  return lines.join('\n');
}

interface EdgePolicy { policy: string; latencyP50S: number; latencyP99S: number; deadlineMissFraction: number; bytesLeavingDevice: number; requestsWhileDisconnected: number; disconnectedWithinDeadline: number; feasible: boolean }

/** Edge against cloud: one row per policy the inference runner compared. */
function edgeTable(r: RunResult): string | undefined {
  const edge = r.breakdown.edge as { policies?: EdgePolicy[]; chosen?: EdgePolicy } | undefined;
  if (!edge?.policies?.length) return undefined;
  return table(
    [{ header: 'policy' }, { header: 'latency p50', align: 'right' }, { header: 'latency p99', align: 'right' }, { header: 'deadline misses', align: 'right' }, { header: 'bytes leaving devices', align: 'right' }, { header: 'answered while offline', align: 'right' }],
    edge.policies.map((p) => [
      `${p.policy === edge.chosen?.policy ? '▶ ' : ''}${p.policy}${p.feasible ? '' : ' (does not fit)'}`,
      fmtDuration(p.latencyP50S),
      fmtDuration(p.latencyP99S),
      fmtPercent(p.deadlineMissFraction),
      fmtBytes(p.bytesLeavingDevice),
      p.requestsWhileDisconnected > 0 ? fmtPercent(p.disconnectedWithinDeadline / p.requestsWhileDisconnected) : '—',
    ]),
  );
}
