/**
 * The bundled inference scenarios run through the scenario loader and their
 * headline answers hold, loosely. The day-long autoscaling scenario runs its
 * DES on the four hours around the daily peak here (the CLI runs the day).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinProfile } from '../../../calibration/builtin';
import { loadScenarioText } from '../../scenario/load';
import { runLoaded, runVariant } from '../../scenario/run';
import type { EdgePolicyResult } from './edge';

const scenario = (name: string) => {
  const file = join(__dirname, '../../../scenarios', name);
  return loadScenarioText(readFileSync(file, 'utf8'), file);
};

describe('scenario: autoscaling a 70B chat service over a day', () => {
  const loaded = scenario('inference-autoscaling-day.yaml');

  it('analytic: the autoscaler needs far fewer accelerator-hours than the fixed fleet and meets the SLO', () => {
    const [objectStore] = runLoaded(loaded, { fidelity: 'analytic', profile: () => builtinProfile, timing: false });
    const auto = objectStore.breakdown.autoscaling as { savedDeviceHoursFraction: number; fixed: { deviceHours: number } };
    expect(auto.savedDeviceHoursFraction).toBeGreaterThan(0.2);
    expect(objectStore.metrics.inference!.sloAttainment).toBeGreaterThan(0.95);
  });

  it('des around the peak: fewer accelerator-hours than the fixed fleet at a similar SLO, and slower cold starts from object storage', () => {
    const results = loaded.variants.map((v) => {
      const w = v.scenario.workload as { traffic: { duration: number; daily: { startHour: number } } };
      w.traffic.duration = 2 * 3600;
      w.traffic.daily.startHour = 12;
      return runVariant(v, { profile: () => builtinProfile, timing: false });
    });
    const [objectStore, parallelFs] = results;
    const auto = objectStore.breakdown.autoscaling as {
      savedDeviceHoursFraction: number; fixed: { sloAttainment: number }; coldStart: { modelLoadS: number };
    };
    const fsAuto = parallelFs.breakdown.autoscaling as { coldStart: { modelLoadS: number } };
    // The two hours around the peak are where an autoscaler saves least (the fixed fleet is sized for the
    // peak: 7.8% here); the day as a whole saves more than 20% (analytic test above).
    expect(auto.savedDeviceHoursFraction).toBeGreaterThan(0.05);
    expect(objectStore.metrics.inference!.sloAttainment).toBeGreaterThan(0.9);
    expect(auto.fixed.sloAttainment).toBeGreaterThanOrEqual(objectStore.metrics.inference!.sloAttainment - 1e-9);
    expect(auto.coldStart.modelLoadS).toBeGreaterThan(10 * fsAuto.coldStart.modelLoadS);
    expect(parallelFs.metrics.inference!.ttftP99S).toBeLessThanOrEqual(objectStore.metrics.inference!.ttftP99S);
  });
});

describe('scenario: on-device or cloud assistant', () => {
  const [result] = runLoaded(scenario('edge-vs-cloud.yaml'), { profile: () => builtinProfile, timing: false });
  const edge = result.breakdown.edge as { policies: EdgePolicyResult[]; disconnectedFraction: number };
  const by = (p: string) => edge.policies.find((x) => x.policy === p)!;

  it('the cloud answers faster than the device when connected (median)', () => {
    expect(by('cloud').latencyP50S).toBeLessThan(by('on-device').latencyP50S / 2);
  });

  it('cloud-only misses deadlines during outages; falling back to the device does not', () => {
    // Alternating renewal: the long-run share of time down is mean outage / (mean up + mean outage) = 2 / 32.
    expect(Math.abs(edge.disconnectedFraction / (2 / 32) - 1)).toBeLessThan(0.15);
    expect(by('cloud').deadlineMissFraction).toBeGreaterThan(0.02);
    expect(by('cloud-with-fallback').deadlineMissFraction).toBeLessThan(by('cloud').deadlineMissFraction / 5);
  });

  it('only on-device keeps every byte on the device; fallback sends less than cloud-only', () => {
    expect(by('on-device').bytesLeavingDevice).toBe(0);
    expect(by('cloud-with-fallback').bytesLeavingDevice).toBeLessThan(by('cloud').bytesLeavingDevice);
  });
});
