/**
 * A short calibration on the wasm backend, then a scenario that names the
 * profile it wrote, run end to end through the scenario loader and runner.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../sim/scenario/load';
import { runLoaded } from '../sim/scenario/run';
import { calibrateCommand } from './cli';
import { loadProfile, parseProfile } from './load';

function scenario(calibration: string, peak: number): string {
  return `version: 1
name: one local CPU, calibrated
seed: 1
fidelity: analytic
calibration: ${calibration}
cluster:
  pools:
    - name: local
      count: 1
      node:
        device: { id: host-wasm, name: this host (wasm backend), kind: cpu, peakFlops: { fp32: ${peak} }, memoryBytes: 16 GiB, memoryBandwidth: 20 GB/s, tdpW: 100 W }
        devicesPerNode: 1
        scaleUp: { kind: none, bandwidthPerDevice: 0, latency: 0, domainSize: 1 }
        nics: { count: 1, bandwidth: 10 Gbps, latency: 10 us, fabric: ethernet-10g }
        powerW: 200 W
  network: { topology: single-switch, fabric: ethernet-10g, oversubscription: 1 }
workload:
  kind: training
  model: { layers: 2, hiddenSize: 256, heads: 4, seqLength: 128, vocabSize: 1000 }
  parallelism: { tensor: 1, pipeline: 1, data: 1, microBatchSize: 1, globalBatchSize: 4, schedule: 1f1b, recompute: none, zero: 0 }
  precision: fp32
  tokens: 1e6
`;
}

describe('calibrate --quick on wasm drives a scenario', () => {
  it('writes a valid profile whose measured curve sets the scenario step time', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-cal-'));
    const out = join(dir, 'profile.json');
    const code = await calibrateCommand({ backend: 'wasm', quick: true, budgetS: 3, dir, out, quiet: true });
    expect(code).toBe(0);
    const profile = parseProfile(readFileSync(out, 'utf8'), out);
    expect(profile.id).toBe('local-wasm');
    expect(profile.host?.backend).toBe('wasm');
    const device = profile.devices[0];
    expect(device.device).toBe('host-wasm');
    expect(device.matmul[0].precision).toBe('fp32');
    expect(profile.points!.filter((p) => p.kind === 'matmul').length).toBeGreaterThanOrEqual(3);
    expect(profile.storage.length).toBe(1);

    const peak = device.peakFlops.fp32!;
    const ceiling = peak * device.matmul[0].maxEfficiency;
    const file = join(dir, 'scenario.yaml');
    const run = (calibration: string) => {
      writeFileSync(file, scenario(calibration, peak));
      const loaded = loadScenarioText(readFileSync(file, 'utf8'), file);
      return runLoaded(loaded, { profile: (p) => loadProfile(p, file), timing: false })[0];
    };
    const local = run('profile.json');
    expect(local.provenance.calibration).toBe('local-wasm');
    const t = local.metrics.training!;
    expect(t.stepTimeS).toBeGreaterThan(0);
    // No op can beat the fitted ceiling of the measured curve.
    expect(t.achievedTflopsPerDevice * 1e12).toBeLessThanOrEqual(ceiling * 1.0001);
    // wasm in Node is single-threaded 128-bit SIMD; the spec peak counts every core and the widest FMA units.
    expect(ceiling).toBeLessThan(0.5 * peak);
    // The profile drives the answer: the same scenario with the device's measured matmul ceiling halved runs
    // its (compute-bound) step clearly slower, and the uncalibrated default gives a different step time.
    const halved = { ...profile, devices: [{ ...device, matmul: [{ ...device.matmul[0], maxEfficiency: device.matmul[0].maxEfficiency / 2 }] }] };
    writeFileSync(join(dir, 'halved.json'), JSON.stringify(halved));
    const computeS = (r: typeof local) => (r.breakdown as { computeS: number }).computeS;
    const slow = run('halved.json');
    expect(computeS(slow) / computeS(local)).toBeGreaterThan(1.5);
    expect(computeS(slow) / computeS(local)).toBeLessThanOrEqual(2.0001);
    expect(computeS(run('builtin'))).not.toBeCloseTo(computeS(local), 6);
  });

  it('says clearly when a backend is not available and exits 2', async () => {
    const err: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
    try {
      expect(await calibrateCommand({ backend: 'tfjs-node-gpu', quiet: true })).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(err.join('')).toContain('backend tfjs-node-gpu is not available: install @tensorflow/tfjs-node-gpu on a CUDA host (npm install @tensorflow/tfjs-node-gpu)');
  });
});
