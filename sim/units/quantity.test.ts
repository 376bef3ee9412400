import { describe, expect, it } from 'vitest';
import { parseQuantity, q } from './quantity';

const ok = (v: unknown, d: Parameters<typeof parseQuantity>[1]) => {
  const r = parseQuantity(v, d);
  if (!r.ok) throw new Error(`${String(v)}: ${r.found}`);
  return r.value;
};

describe('quantities with units', () => {
  it('reads bandwidth in bits and bytes per second, decimal prefixes', () => {
    expect(ok('400 Gbps', 'bandwidth')).toBe(50e9);
    expect(ok('200 Gb/s', 'bandwidth')).toBe(25e9);
    expect(ok('900 GB/s', 'bandwidth')).toBe(900e9);
    expect(ok('3.35 TB/s', 'bandwidth')).toBeCloseTo(3.35e12, 0);
  });
  it('reads sizes with binary and decimal prefixes', () => {
    expect(ok('80 GiB', 'bytes')).toBe(80 * 2 ** 30);
    expect(ok('2 PB', 'bytes')).toBe(2e15);
    expect(ok('1 GiB', 'bytes')).toBe(1073741824);
  });
  it('reads durations from nanoseconds to years', () => {
    expect(ok('2 us', 'time')).toBeCloseTo(2e-6, 15);
    expect(ok('3 months', 'time')).toBe(3 * 2629800);
    expect(ok('1 day', 'time')).toBe(86400);
  });
  it('reads compute rates, power, prices and energy prices', () => {
    expect(ok('989.4 TFLOP/s', 'flops')).toBeCloseTo(989.4e12, 0);
    expect(ok('312 TFLOPS', 'flops')).toBe(312e12);
    expect(ok('10.2 kW', 'power')).toBeCloseTo(10200, 9);
    expect(ok('3.5 USD/h', 'usdPerHour')).toBe(3.5);
    expect(ok('0.08 USD/kWh', 'usdPerEnergy')).toBeCloseTo(0.08 / 3.6e6, 20);
    expect(ok('390 gCO2/kWh', 'carbonIntensity')).toBeCloseTo(0.39 / 3.6e6, 20);
  });
  it('takes plain numbers as SI and accepts thousands separators', () => {
    expect(ok(42, 'bytes')).toBe(42);
    expect(ok('1,000,000 B', 'bytes')).toBe(1e6);
  });
  it('rejects a quantity of the wrong dimension and says what was expected', () => {
    const r = parseQuantity('400 GB', 'bandwidth');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.expected).toMatch(/bandwidth such as 400 Gbps/);
      expect(r.found).toMatch(/400 GB.*size/);
    }
  });
  it('rejects unknown units and non-finite numbers', () => {
    expect(parseQuantity('5 furlongs', 'time').ok).toBe(false);
    expect(parseQuantity(Number.NaN, 'time').ok).toBe(false);
    expect(parseQuantity({}, 'time').ok).toBe(false);
    expect(() => q('12 parsecs', 'time')).toThrow(/bad time quantity/);
  });
});
