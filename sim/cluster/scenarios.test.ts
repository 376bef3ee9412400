import { describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinProfile } from '../../calibration/builtin';
import { loadScenarioFile } from '../cli/files';
import { runVariant } from '../scenario/run';

const scenarios = join(dirname(fileURLToPath(import.meta.url)), '../../scenarios');
const run = (file: string, option?: string) => {
  const loaded = loadScenarioFile(join(scenarios, file));
  const variant = option ? loaded.variants.find((v) => v.option === option)! : loaded.variants[0];
  return runVariant(variant, { profile: () => builtinProfile, timing: false });
};

describe('bundled trace scenarios', () => {
  it('gpu-shortage.yaml answers the question: renting is fastest, growing elastically is free, waiting costs 3 months', () => {
    const r = run('gpu-shortage.yaml', 'rent-on-demand');
    const m = r.metrics.cluster!;
    for (const k of ['utilization', 'meanQueueDelayS', 'p95JobCompletionS', 'makespanS'] as const) expect(Number.isFinite(m[k])).toBe(true);
    expect(m.shortageFastestOption).toBe('rent');
    expect(m.shortageCheapestOption).toBe('elastic');
    const study = r.breakdown.shortage as { options: Array<{ option: string; doneS: number; extraCostUsd: number }> };
    const done = Object.fromEntries(study.options.map((o) => [o.option, o.doneS / 86400]));
    // The on-time plan, the rented run and the smaller model end together; elastic in between; waiting ~3 months later.
    expect(done.rent).toBeCloseTo(done['on-time'], 9);
    expect(done.wait - done['on-time']).toBeCloseTo(2629800 * 3 / 86400, 6);
    expect(done.elastic).toBeGreaterThan(done.rent);
    expect(done.elastic).toBeLessThan(done.wait);
    // The replay of the run on the delayed deliveries agrees with the "wait" option.
    expect(m.makespanS / 86400).toBeCloseTo(done.wait, 6);
    expect(r.warnings.some((w) => w.code === 'trace.shortage-answer' && /USD extra/.test(w.message))).toBe(true);
    const spot = run('gpu-shortage.yaml', 'rent-spot').metrics.cluster!;
    expect(spot.shortageFastestExtraCostUsd as number).toBeLessThan(m.shortageFastestExtraCostUsd as number);
  });

  it('shared-research-cluster.yaml replays the Philly sample: EASY backfilling waits far less than FIFO on 64 GPUs', () => {
    const easy = run('shared-research-cluster.yaml', 'easy-backfill');
    const fifo = run('shared-research-cluster.yaml', 'fifo');
    const e = easy.metrics.cluster!, f = fifo.metrics.cluster!;
    expect(e.jobs).toBe(2000);
    expect(e.meanQueueDelayS).toBeLessThan(f.meanQueueDelayS / 2);
    expect(e.utilization).toBeGreaterThan(0);
    expect(e.utilization).toBeLessThanOrEqual(1);
    const c = easy.breakdown.conservation as Record<string, number>;
    expect(c.usedGpuHours + c.idleGpuHours + c.downGpuHours).toBeCloseTo(c.capacityGpuHours, 6);
    expect(Object.keys(easy.series)).toEqual(expect.arrayContaining(['utilization', 'queueLength', 'capacityInstalled', 'queueDelayCdf']));
  });
});
