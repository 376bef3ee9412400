import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../sim/errors';
import { builtinProfile } from './builtin';
import { loadProfile, mergeProfiles, parseProfile } from './load';

describe('loadProfile', () => {
  it("returns the bundled profile for 'builtin'", () => {
    expect(loadProfile('builtin')).toBe(builtinProfile);
  });

  it('reads a profile file relative to the scenario file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-prof-'));
    writeFileSync(join(dir, 'mine.json'), JSON.stringify({ ...builtinProfile, id: 'mine' }));
    expect(loadProfile('mine.json', join(dir, 'scenario.yaml')).id).toBe('mine');
  });

  it('names the file and the path inside it when a profile is malformed', () => {
    const bad = { ...builtinProfile, devices: [{ ...builtinProfile.devices[0], memory: { maxEfficiency: 0.8, halfWork: 1, peakBandwidth: -1 } }] };
    try {
      parseProfile(JSON.stringify(bad), 'p.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]).toMatchObject({ file: 'p.json', path: 'devices.0.memory.peakBandwidth' });
    }
  });

  it('reports a missing file as an InputError on the calibration field', () => {
    expect(() => loadProfile('/nonexistent/x.json', 's.yaml')).toThrow(InputError);
  });

  it("reads a local fit's kernel terms, and names the path of an aliasing factor below 1", () => {
    const d = builtinProfile.devices[0];
    const mm = { ...d.matmul[0], skinnyAppliesTo: 'compute' as const, weightStreaming: { rowsPerPass: 4, beyondBytes: 4194304, bytesPerElement: 4, bandwidth: 6e10 }, columnAliasing: { setSpanBytes: 4096, bytesPerElement: 4, computeTimeFactor: 1.3 } };
    const ok = { ...builtinProfile, devices: [{ ...d, matmul: [mm] }] };
    expect(parseProfile(JSON.stringify(ok), 'p.json').devices[0].matmul[0].weightStreaming?.bandwidth).toBe(6e10);
    const bad = { ...builtinProfile, devices: [{ ...d, matmul: [{ ...mm, columnAliasing: { ...mm.columnAliasing, computeTimeFactor: 0.8 } }] }] };
    try {
      parseProfile(JSON.stringify(bad), 'p.json');
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).issues[0]).toMatchObject({ file: 'p.json', path: 'devices.0.matmul.0.columnAliasing.computeTimeFactor' });
    }
  });

  it('lets a later profile override a device of an earlier one', () => {
    const local = { ...builtinProfile, id: 'local', devices: [{ ...builtinProfile.devices[0], matmul: [] }] };
    const merged = mergeProfiles(builtinProfile, local);
    expect(merged.devices.length).toBe(builtinProfile.devices.length);
    expect(merged.devices.find((d) => d.device === builtinProfile.devices[0].device)!.matmul).toEqual([]);
  });
});
