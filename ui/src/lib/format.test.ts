import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmtDuration } from '../../../sim/cli/format';
import { byteRate, count, duration, energyKWh, massKg, perSecond, plain, timeUnitFor, usd } from './format';

describe('numbers on the page', () => {
  it('durations in the unit a person reads, as the CLI writes them', () => {
    expect(duration(0.0356 * 86400)).toBe('51.3 min');
    expect(duration(0.161)).toBe('161 ms');
    expect(duration(82.1 * 86400)).toBe('82.1 days');
  });

  it('money below a dollar keeps three significant digits; above, the CLI format', () => {
    expect(usd(0.00352)).toBe('0.00352 USD');
    expect(usd(0.0487)).toBe('0.0487 USD');
    expect(usd(0)).toBe('0 USD');
    expect(usd(47.05)).toBe('47.05 USD');
    expect(usd(730_117)).toBe('730,117 USD');
    expect(usd(124.39e6)).toBe('124.39 M USD');
  });

  it('energy and mass in the unit that keeps the number between 1 and 1000', () => {
    expect(energyKWh(10)).toBe('10 kWh');
    expect(energyKWh(0.034e-3)).toBe('0.034 Wh');
    expect(energyKWh(804_000)).toBe('804 MWh');
    expect(energyKWh(46_574_000)).toBe('46.6 GWh');
    expect(massKg(3.91)).toBe('3.91 kg');
    expect(massKg(0.763)).toBe('763 g');
    expect(massKg(18_168_000)).toBe('18,168 t');
  });

  it('rates with a prefix apart from the noun', () => {
    expect(perSecond(2.48e6, 'tokens')).toBe('2.48 M tokens/s');
    expect(perSecond(688, 'tokens')).toBe('688 tokens/s');
    expect(byteRate(386e9)).toBe('386 GB/s');
    expect(count(16128)).toBe('16,128');
  });

  it('a bare number never shows an e-exponent', () => {
    expect(plain(1.94e-8)).toBe('1.94×10⁻⁸');
    expect(plain(0.05)).toBe('0.05');
    fc.assert(fc.property(fc.double({ min: -1e30, max: 1e30, noNaN: true }), (v) => { expect(plain(v)).not.toMatch(/e/); }));
  });

  it('an axis of seconds uses the unit fmtDuration writes its largest value in', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), (s) => {
        const u = timeUnitFor(s);
        expect(fmtDuration(s).endsWith(` ${u.unit}`)).toBe(true);
        // ...and the value in that unit is what fmtDuration prints, to its three digits.
        expect(Number(fmtDuration(s).split(' ')[0].replace(/,/g, '')) / (s / u.seconds)).toBeCloseTo(1, 2);
      }),
    );
  });
});
