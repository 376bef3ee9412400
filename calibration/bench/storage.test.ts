import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchStorage } from './storage';
import { Budget } from './timing';

describe('benchStorage', () => {
  it('measures sequential and random I/O on a directory within its budget and removes its files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-io-'));
    const budget = new Budget(2);
    const r = benchStorage({ dir, budget, phaseS: 2, fileBytes: 4 << 20, seed: 3 });
    const ops = new Set(r.points.map((p) => p.params.op));
    expect([...ops].sort()).toEqual(['random-read', 'random-write', 'sequential-read', 'sequential-write']);
    for (const p of r.points) {
      expect(p.medianS).toBeGreaterThan(0);
      expect(p.rate).toBeGreaterThan(0);
    }
    // Either the page cache was bypassed, or the result says it was not.
    if (!r.direct) expect(r.notes.join(' ')).toMatch(/page cache not bypassed/);
    expect(budget.elapsedS()).toBeLessThan(6);
    expect(readdirSync(dir)).toEqual([]);
  });
});
