/**
 * The executive summary: one paragraph that answers the scenario's question
 * with its own numbers, built from whichever metrics the results carry.
 */
import type { RunResult } from '../result';
import { formatDuration, formatNumber, formatPercent, formatUsd } from './format';
import { num, obj, resultLabel } from './labels';
import { edgePolicies, formatBytes, shortageView, signedUsd, type EdgePolicyRow, type ShortageRow, type ShortageView } from './studies';

export interface ExecutiveSummary {
  /** One paragraph that answers the question with numbers. */
  answer: string;
  /** Per-option sentences when there are several options. */
  details: string[];
}

/**
 * With one result every sentence forms the answer; with several, the answer is
 * the comparison (cheapest, fastest, break-even) and the per-option sentences
 * follow as details.
 */
export function executiveSummary(results: RunResult[]): ExecutiveSummary {
  const { perOption, overall } = summarySentences(results);
  if (results.length <= 1) return { answer: [...perOption, ...overall].join(' '), details: [] };
  return { answer: overall.join(' ') || perOption[0] || '', details: perOption };
}

function summarySentences(results: RunResult[]): { perOption: string[]; overall: string[] } {
  const sentences: string[] = [];
  if (results.length === 0) return { perOption: [], overall: ['The scenario produced no results.'] };
  const overall: string[] = [];
  const labels = results.map((r, i) => resultLabel(r, i, results));
  const q = (i: number) => (results.length > 1 ? `Option '${labels[i]}': ` : '');

  results.forEach((r, i) => {
    const m = r.metrics;
    const cost = m.cost;
    const t = m.training;
    if (t) {
      const devices = num(t.devices);
      const hardware = Array.isArray(cost?.hardware) ? (cost.hardware as Array<{ deviceName?: string }>) : [];
      const device = typeof t.deviceName === 'string' ? t.deviceName : typeof t.device === 'string' ? t.device : hardware.length === 1 && hardware[0].deviceName ? hardware[0].deviceName : 'devices';
      let s = `${q(i)}Training takes ${formatDuration(t.timeToTrainDays * 86400)}`;
      if (devices !== undefined) s += ` on ${formatNumber(devices)} ${device}`;
      s += ` at ${formatPercent(t.mfu)} MFU (step ${formatDuration(t.stepTimeS)}, ${formatNumber(t.tokensPerS)} tokens/s)`;
      if (cost) s += ` for ${formatUsd(cost.totalUsd)}${costHow(cost)}`;
      s += '.';
      if (t.fitsInMemory === false) s += ` It does not fit in device memory (${formatNumber(t.memoryPerDeviceGiB)} GiB per device needed).`;
      sentences.push(s);
    }
    const inf = m.inference;
    if (inf) {
      const mean = num(inf.meanReplicas);
      const fleet = mean !== undefined && mean !== inf.replicas ? `${formatNumber(mean)} replicas on average (autoscaled; ${formatNumber(inf.replicas)} configured${num(inf.deviceHours) !== undefined ? `; ${formatNumber(num(inf.deviceHours)!)} device-hours` : ''})` : `${formatNumber(inf.replicas)} replicas`;
      let s = `${q(i)}Serving ${formatNumber(inf.throughputTokensPerS)} tokens/s on ${fleet} gives a time to first token of ${formatDuration(inf.ttftP50S)} (p50) and ${formatDuration(inf.ttftP99S)} (p99), ${num(inf.tpotP50S) ? `${formatDuration(inf.tpotP50S)} per output token, ` : ''}with ${formatPercent(inf.sloAttainment, 1)} of requests within the SLO`;
      if (cost?.usdPerMillionTokens !== null && cost?.usdPerMillionTokens !== undefined) s += `, at ${formatUsd(cost.usdPerMillionTokens)} per million tokens`;
      sentences.push(`${s}.`);
    }
    const c = m.cluster;
    if (c) {
      const burstJobs = num(c.jobsBurst);
      const burst = burstJobs ? ` ${formatNumber(burstJobs)} jobs ran in the cloud (${formatNumber(num(c.burstGpuHours) ?? 0)} GPU-hours for ${formatUsd(num(c.burstCostUsd) ?? 0)}, included in the cost).` : '';
      sentences.push(`${q(i)}The cluster is ${formatPercent(c.utilization)} utilized; jobs wait ${formatDuration(c.meanQueueDelayS)} on average, 95% finish within ${formatDuration(c.p95JobCompletionS)}, and the whole trace takes ${formatDuration(c.makespanS)}${cost ? ` and costs ${formatUsd(cost.totalUsd)}` : ''}.${burst}`);
    }
    const col = m.collective;
    if (col) {
      sentences.push(`${q(i)}The collective takes ${formatDuration(col.timeS)}: ${formatNumber(col.algBandwidthGBps)} GB/s algorithm bandwidth, ${formatNumber(col.busBandwidthGBps)} GB/s bus bandwidth.`);
    }
    if (cost && !t && !c && !inf && !col) sentences.push(`${q(i)}The run costs ${formatUsd(cost.totalUsd)}.`);
    const tco = obj(cost?.tco);
    if (tco) {
      const years = num(tco.years);
      const month = num(tco.crossoverMonth);
      const exact = num(tco.crossoverMonthExact);
      const opts = (tco.options as Array<{ name: string; npvUsd: number }>) ?? [];
      const buy = opts.find((o) => o.name === 'buy');
      const rentals = opts.filter((o) => o.name !== 'buy').sort((a, b) => a.npvUsd - b.npvUsd);
      if (month !== undefined) sentences.push(`${q(i)}Buying reaches break-even against the cheapest rental after ${formatNumber(exact ?? month)} months (month ${month})${years ? ` of the ${formatNumber(years)}-year horizon` : ''}.`);
      else if (buy && rentals[0]) sentences.push(`${q(i)}Buying does not pay off within ${years ? `${formatNumber(years)} years` : 'the horizon'}: renting ${rentals[0].name} stays cheaper.`);
      if (buy && rentals[0]) sentences.push(`Net present cost over the horizon: buy ${formatUsd(buy.npvUsd)}, ${rentals.map((o) => `${o.name} ${formatUsd(o.npvUsd)}`).join(', ')}; cheapest is ${String(tco.cheapest)}.`);
      const be = num(cost?.breakEvenUtilization);
      if (be !== undefined) sentences.push(be <= 1 ? `Owning is cheaper than renting on demand above ${formatPercent(be)} utilization.` : 'Owning never beats renting on demand, even fully utilized.');
    }
    const sv = shortageView(r);
    if (sv) sentences.push(`${q(i)}${shortageSentence(sv)}`);
    const edge = edgePolicies(r);
    if (edge) sentences.push(`${q(i)}${edgeSentence(edge)}`);
    const delay = num(cost?.delayUsd);
    if (delay !== undefined && delay > 0) sentences.push(`${q(i)}Finishing ${formatNumber(num(cost?.delayDays) ?? 0)} days late costs ${formatUsd(delay)} of time-to-market.`);
  });

  if (results.length > 1) {
    const tcos = results.map((r, i) => ({ i, tco: obj(r.metrics.cost?.tco) })).filter((x) => x.tco);
    if (tcos.length > 1) {
      const pays = tcos.filter((x) => num(x.tco!.crossoverMonth) !== undefined);
      const never = tcos.filter((x) => num(x.tco!.crossoverMonth) === undefined);
      if (pays.length > 0) overall.push(`Buying pays off for ${pays.map((x) => `'${labels[x.i]}' (after ${formatNumber(num(x.tco!.crossoverMonthExact) ?? 0)} months)`).join(', ')}${never.length ? `, but not for ${never.map((x) => `'${labels[x.i]}'`).join(', ')} within the horizon` : ''}.`);
      else overall.push(`Buying does not pay off within the horizon for any option; renting stays cheaper.`);
    }
    const studies = results.map((r, i) => ({ i, v: shortageView(r) })).filter((x) => x.v) as Array<{ i: number; v: ShortageView }>;
    if (studies.length > 1) {
      const parts = studies.map(({ i, v }) => {
        const fast = v.rows.find((x) => x.option === v.fastest);
        const cheap = v.rows.find((x) => x.option === v.cheapestFullSize);
        const bits = [fast ? `fastest is to ${verbOf(fast)} (${doneText(fast)}, ${signedUsd(fast.extraUsd)})` : '', cheap && cheap !== fast ? `cheapest full-size is to ${verbOf(cheap)} (${doneText(cheap)}, ${signedUsd(cheap.extraUsd)})` : ''].filter(Boolean);
        return `'${labels[i]}': ${bits.join('; ')}`;
      });
      overall.push(`GPU shortage, per option (extra over the on-time plan): ${parts.join(' · ')}.`);
    }
    // Serving: the most output throughput, and the most that keeps 99% of requests within the SLO (the schema's default target).
    const serving = results.map((r, i) => ({ i, inf: r.metrics.inference })).filter((x) => x.inf && num(x.inf.throughputTokensPerS) !== undefined);
    const rates = serving.map((x) => x.inf!.throughputTokensPerS);
    // Only when the options serve different amounts (a fixed offered load served by all says nothing here).
    if (serving.length > 1 && Math.max(...rates) > 1.05 * Math.min(...rates)) {
      const most = (xs: typeof serving) => xs.reduce((a, b) => (b.inf!.throughputTokensPerS > a.inf!.throughputTokensPerS ? b : a));
      const top = most(serving);
      const within = serving.filter((x) => x.inf!.sloAttainment >= 0.99);
      let s = `Most throughput: '${labels[top.i]}' at ${formatNumber(top.inf!.throughputTokensPerS)} tokens/s (${formatPercent(top.inf!.sloAttainment, 1)} within the SLO).`;
      if (within.length > 0 && most(within) !== top) {
        const ok = most(within);
        s += ` With 99% of requests within the SLO: '${labels[ok.i]}' at ${formatNumber(ok.inf!.throughputTokensPerS)} tokens/s, TTFT ${formatDuration(ok.inf!.ttftP50S)} (p50).`;
      } else if (within.length === 0) s += ' No option keeps 99% of requests within the SLO.';
      overall.push(s);
    }
    const withCost = results.map((r, i) => ({ i, usd: r.metrics.cost?.totalUsd })).filter((x) => num(x.usd) !== undefined) as Array<{ i: number; usd: number }>;
    // A shortage run's headline cost is the replayed "wait" schedule; the study's rows above compare the ways to go on.
    if (withCost.length > 1 && studies.length === 0) {
      const best = withCost.reduce((a, b) => (b.usd < a.usd ? b : a));
      const worst = withCost.reduce((a, b) => (b.usd > a.usd ? b : a));
      if (worst.usd > best.usd) overall.push(`Cheapest: '${labels[best.i]}' at ${formatUsd(best.usd)}, ${formatPercent(1 - best.usd / worst.usd)} less than '${labels[worst.i]}'.`);
    }
    const withTime = results.map((r, i) => ({ i, d: r.metrics.training?.timeToTrainDays })).filter((x) => num(x.d) !== undefined) as Array<{ i: number; d: number }>;
    if (withTime.length > 1) {
      const fast = withTime.reduce((a, b) => (b.d < a.d ? b : a));
      overall.push(`Fastest: '${labels[fast.i]}' at ${formatDuration(fast.d * 86400)}.`);
    }
  }
  const warnCount = results.reduce((s, r) => s + r.warnings.filter((w) => w.severity !== 'info').length, 0);
  if (warnCount > 0) overall.push(`${warnCount} warning${warnCount > 1 ? 's' : ''} below need attention.`);
  return { perOption: sentences, overall };
}

/** How the cost was reached, when it is not plain renting on demand: " (buying)", " (renting spot)". */
function costHow(cost: Record<string, unknown>): string {
  const how = cost.mode === 'compare' ? cost.option : cost.mode === 'owned' ? 'buy' : cost.pricing;
  if (how === undefined || how === 'on-demand') return '';
  return how === 'buy' ? ' (owned)' : ` (renting ${String(how)})`;
}

function doneText(r: ShortageRow): string {
  return r.doneDays === null ? 'never done' : `done after ${formatNumber(r.doneDays)} days`;
}

/** "208 of 512 devices arrive 91.3 days late. Ways to go on: wait (done after 133 days, +1.34 M USD), ..." */
function shortageSentence(v: ShortageView): string {
  const head = v.lateDevices !== undefined && v.arrivedDevices !== undefined
    ? `${formatNumber(v.lateDevices)} of ${formatNumber(v.lateDevices + v.arrivedDevices)} devices arrive ${v.delayDays !== undefined ? `${formatNumber(v.delayDays)} days ` : ''}late.`
    : 'Part of the order arrives late.';
  const ways = v.rows.filter((r) => r.option !== 'on-time').map((r) => {
    const model = r.parameterScale !== 1 ? `, ${formatPercent(r.parameterScale)} of the parameters` : '';
    return `${r.label} (${doneText(r)}, ${signedUsd(r.extraUsd)}${model})`;
  });
  const plan = v.rows.find((r) => r.option === 'on-time');
  return `${head} Ways to go on, with the cost beyond the plan${plan?.doneDays != null ? ` (done after ${formatNumber(plan.doneDays)} days)` : ''}: ${ways.join('; ')}.`;
}

/** The chosen edge policy against the others, in one sentence. */
function edgeSentence(rows: EdgePolicyRow[]): string {
  const one = (p: EdgePolicyRow) =>
    `${p.policy}${p.chosen ? ' (chosen)' : ''} answers in ${p.latencyP50S !== undefined ? formatDuration(p.latencyP50S) : 'n/a'} (p50) and ${p.latencyP99S !== undefined ? formatDuration(p.latencyP99S) : 'n/a'} (p99), misses ${p.deadlineMissFraction !== undefined ? formatPercent(p.deadlineMissFraction, 1) : 'n/a'} of deadlines and sends ${p.bytesLeavingDevice !== undefined ? formatBytes(p.bytesLeavingDevice) : 'n/a'} off the devices`;
  return `Edge policies: ${rows.map(one).join('; ')}.`;
}

/** "rent the missing devices until delivery" reads after "is to"; option labels that do not start with a verb keep their id. */
function verbOf(r: ShortageRow): string {
  return /^(wait|start|rent|train|grow|buy)\b/.test(r.label) ? r.label : r.option;
}
