import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cloudRun } from './burst';
import { Rng } from '../engine/rng';
import { importTrace } from './importers';

describe('a job on rented cloud capacity', () => {
  it('on demand it runs exactly its duration', () => {
    expect(cloudRun(3600, 0, undefined, 60, new Rng(1))).toEqual({ elapsedS: 3600, interruptions: 0, lostS: 0 });
  });

  it('on spot it never finishes early, and elapsed = duration + lost work and restores (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 60, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 2, noNaN: true }), fc.double({ min: 60, max: 7200, noNaN: true }), fc.double({ min: 0, max: 600, noNaN: true }), fc.integer({ min: 0, max: 1e6 }), (d, rate, ckpt, restore, seed) => {
        const r = cloudRun(d, rate, ckpt, restore, new Rng(seed));
        expect(r.elapsedS).toBeGreaterThanOrEqual(d - 1e-6);
        expect(r.elapsedS).toBeCloseTo(d + r.lostS, 3);
        // Each interruption loses at most one checkpoint interval of work plus a restore.
        expect(r.lostS).toBeLessThanOrEqual(r.interruptions * (ckpt + restore) + 1e-6);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('with checkpoints every 6 minutes, 1 interruption per hour costs about 3 minutes per hour (half an interval) on average', () => {
    // E[lost per interruption] ≈ c/2 for c ≪ 1/λ; over T hours ≈ λ·T·c/2.
    let lost = 0, hours = 0;
    const rng = new Rng(9);
    for (let i = 0; i < 2000; i++) {
      const r = cloudRun(36_000, 1, 360, 0, rng);
      lost += r.lostS;
      hours += 10;
    }
    const perHour = lost / hours;
    expect(perHour).toBeGreaterThan(180 * 0.9);
    expect(perHour).toBeLessThan(180 * 1.1);
  });
});

describe('untrusted trace text', () => {
  it('is quoted and cut short when an importer echoes it in a warning', () => {
    const evil = '\u001b[31m<script>alert(1)</script>' + 'x'.repeat(100);
    const r = importTrace('philly', `timestamp,duration,num_gpus,gpu_time,cluster\n"${evil}",5,1,5,a\n2017-10-09 00:00:00,5,1,5,a\n`);
    const msg = r.notes.find((n) => n.code === 'bad-submit-time')!.message;
    expect(msg).not.toContain('\u001b');
    expect(msg).toContain('\\u001b');
    expect(msg.length).toBeLessThan(120);
  });
});
