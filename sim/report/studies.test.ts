import { describe, expect, it } from 'vitest';
import { costOf } from '../cost/index';
import { costSchema } from '../cost/schema';
import { dgxH100Cluster } from '../cost/testing/cluster';
import type { RunResult } from '../result';
import { executiveSummary, renderReport } from './index';
import { edgePolicies, formatBytes, shortageView, signedUsd } from './studies';

const day = 86400;

/** A shortage run as the cluster runner writes it: 300 arrived, 200 arrive 90 days late, the plan takes 40 days. */
function shortageRun(option: string, rentUsd: number): RunResult {
  const shortage = {
    arrivedDevices: 300, lateDevices: 200, fastest: 'rent', cheapestFullSize: 'elastic',
    inputs: { delayS: 90 * day, cloudPricePerDeviceHour: rentUsd / (200 * 40 * 24), priceFrom: 'test price' },
    options: [
      { option: 'on-time', label: 'everything on time (the plan)', doneS: 40 * day, lateByS: 0, cloudCostUsd: 0, extraCostUsd: 0, parameterScale: 1, tokenScale: 1 },
      { option: 'wait', label: 'wait for the late devices', doneS: 130 * day, lateByS: 90 * day, cloudCostUsd: 0, extraCostUsd: 0, parameterScale: 1, tokenScale: 1 },
      { option: 'elastic', label: 'start on what arrived, grow on delivery', doneS: (40 * 500) / 300 * day, lateByS: ((40 * 500) / 300 - 40) * day, cloudCostUsd: 0, extraCostUsd: 0, parameterScale: 1, tokenScale: 1 },
      { option: 'rent', label: 'rent the missing devices until delivery', doneS: 40 * day, lateByS: 0, cloudCostUsd: rentUsd, extraCostUsd: rentUsd, parameterScale: 1, tokenScale: 1 },
      { option: 'smaller-model', label: 'train a smaller model on what arrived', doneS: 40 * day, lateByS: 0, cloudCostUsd: 0, extraCostUsd: 0, parameterScale: 0.77, tokenScale: 0.77 },
    ],
  };
  const metrics = { cluster: { utilization: 0.4, meanQueueDelayS: 90 * day, p95JobCompletionS: 130 * day, makespanS: 130 * day } };
  const c = costOf({ cost: costSchema.parse({ pricePerDeviceHour: 2 }), cluster: dgxH100Cluster(64), outcome: { metrics, breakdown: { shortage }, series: {}, warnings: [], events: 0 }, workloadKind: 'trace' });
  return {
    scenario: { name: 'shortage', hash: 'sha256:0', option }, fidelity: 'analytic', metrics: { ...metrics, cost: c.metrics }, breakdown: { shortage, cost: c.breakdown }, series: {}, warnings: [],
    provenance: { version: '0.1.0', calibration: 'builtin', seed: 1, wallTimeS: 0, events: 0 },
  };
}

function edgeRun(): RunResult {
  const p = (policy: string, p50: number, p99: number, miss: number, bytes: number, within: number) => ({ policy, requests: 1000, latencyP50S: p50, latencyP99S: p99, deadlineMissFraction: miss, bytesLeavingDevice: bytes, requestsWhileDisconnected: 50, disconnectedWithinDeadline: within, feasible: true });
  const policies = [p('on-device', 4.9, 4.9, 0, 0, 50), p('cloud', 0.85, 228, 0.061, 179_812_000, 2), p('cloud-with-fallback', 0.85, 4.9, 0, 168_412_000, 50)];
  return {
    scenario: { name: 'edge', hash: 'sha256:1' }, fidelity: 'analytic', metrics: {}, breakdown: { edge: { policy: 'cloud-with-fallback', policies, chosen: policies[2] } }, series: {}, warnings: [],
    provenance: { version: '0.1.0', calibration: 'builtin', seed: 1, wallTimeS: 0, events: 0 },
  };
}

const ctx = { scenarioName: 'study', generatedAt: '2026-11-25' };

describe('the GPU-shortage study in the report', () => {
  const runs = [shortageRun('rent-on-demand', 200 * 40 * 24 * 6), shortageRun('rent-spot', 200 * 40 * 24 * 3)];
  it('prices each way at the run\'s owned rate plus rent: renting at 6 vs 3 USD instead of owning at 2 costs 4 vs 1 USD more per device-hour', () => {
    const [od, spot] = runs.map((r) => shortageView(r)!);
    expect(od.pricedBy).toBe('cost model');
    expect(od.rows.find((x) => x.option === 'rent')!.extraUsd).toBeCloseTo(200 * 40 * 24 * 4, 6);
    expect(spot.rows.find((x) => x.option === 'rent')!.extraUsd).toBeCloseTo(200 * 40 * 24 * 1, 6);
    // Waiting: 300 owned devices idle for 90 days at 2 USD.
    expect(od.rows.find((x) => x.option === 'wait')!.extraUsd).toBeCloseTo(300 * 90 * 24 * 2, 6);
  });
  it('shows every option with its done date and extra cost in HTML, Markdown and the executive summary', () => {
    const html = renderReport(runs, 'html', ctx);
    const md = renderReport(runs, 'md', ctx);
    expect(html).toContain('<section id="shortage"');
    for (const label of ['wait for the late devices', 'start on what arrived, grow on delivery', 'rent the missing devices until delivery', 'train a smaller model on what arrived']) {
      expect(html).toContain(label);
      expect(md).toContain(label.replace(/,/g, ','));
    }
    expect(md).toContain(signedUsd(200 * 40 * 24 * 4).replace('+', '\\+'));
    expect(md).toContain('_rent\\-spot: 90 days late; owned 2.00 USD per device\\-hour; rented 3.00 USD per device\\-hour \\(test price\\)_');
    const es = executiveSummary(runs);
    expect(es.answer).toMatch(/fastest is to rent the missing devices until delivery \(done after 40 days, \+768\.0 k USD\)/);
    expect(es.details.join(' ')).toMatch(/wait for the late devices \(done after 130 days, \+1\.30 M USD\)/);
    // The replayed headline costs are equal, so no "cheapest option" claim is made from them.
    expect(es.answer).not.toMatch(/Cheapest:/);
  });
});

describe('edge policies in the report', () => {
  it('tabulates latency, deadline misses, bytes leaving the devices and offline answers, and names the chosen one', () => {
    const rows = edgePolicies(edgeRun())!;
    expect(rows.map((r) => r.chosen)).toEqual([false, false, true]);
    expect(rows[1].answeredOffline).toBeCloseTo(2 / 50, 12);
    const html = renderReport([edgeRun()], 'html', ctx);
    expect(html).toContain('<section id="edge"');
    expect(html).toContain('cloud-with-fallback (chosen)');
    expect(html).toContain('180 MB');
    expect(html).toContain('6.1%');
    expect(executiveSummary([edgeRun()]).answer).toMatch(/cloud answers in 850 ms \(p50\) and 3\.8 min \(p99\), misses 6\.1% of deadlines and sends 180 MB off the devices/);
  });
  it('bytes read in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(168_412_000)).toBe('168 MB');
    expect(formatBytes(1.5e12)).toBe('1.5 TB');
  });
});

describe('report number formats', () => {
  it('small amounts keep three significant digits, zero and cents stay plain', async () => {
    const { formatUsd } = await import('./format');
    expect(formatUsd(0.0047)).toBe('0.0047 USD');
    expect(formatUsd(0.14)).toBe('0.14 USD');
    expect(formatUsd(0)).toBe('0.00 USD');
    expect(formatUsd(47.05)).toBe('47.05 USD');
  });
});
