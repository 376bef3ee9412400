import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barChart, ganttChart, lineChart, niceDomain, paretoChart, paretoFrontier, tornadoChart } from './index';

describe('nice axes', () => {
  it('cover the data with 1-2-5 steps', () => {
    expect(niceDomain(0, 97)).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
    // Spans from a thousandth to a thousand times the magnitude of the data (charts never zoom further).
    fc.assert(fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (lo, relative) => {
      const span = relative * Math.max(1, Math.abs(lo));
      const { domain, ticks } = niceDomain(lo, lo + span);
      expect(domain[0]).toBeLessThanOrEqual(lo + span * 1e-9);
      expect(domain[1]).toBeGreaterThanOrEqual(lo + span - span * 1e-9);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(12);
      const step = ticks[1] - ticks[0];
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
    }));
  });
});

describe('Pareto frontier', () => {
  it('keeps exactly the points no other point beats on both axes', () => {
    const pt = fc.record({ x: fc.integer({ min: 0, max: 50 }), y: fc.integer({ min: 0, max: 50 }) });
    fc.assert(fc.property(fc.array(pt, { minLength: 1, maxLength: 30 }), (raw) => {
      const points = raw.map((p, i) => ({ label: `p${i}`, ...p }));
      const front = new Set(paretoFrontier(points));
      const dominated = (a: (typeof points)[0]) => points.some((b) => b.x <= a.x && b.y <= a.y && (b.x < a.x || b.y < a.y));
      points.forEach((p, i) => {
        if (front.has(i)) expect(dominated(p)).toBe(false);
        else expect(dominated(p) || points.some((q, j) => front.has(j) && q.x === p.x && q.y === p.y)).toBe(true);
      });
    }));
  });
});

describe('charts', () => {
  const hostile = '<script>alert(1)</script>&"\'';
  const svgs = {
    line: lineChart([{ name: hostile, x: [1, 2, 3], y: [3, 1, 2] }, { name: 'b', x: [1, 2], y: [1, 1] }], { title: hostile, xLabel: hostile, yLabel: 'USD', markers: [{ x: 2, label: hostile }] }),
    bar: barChart([hostile, 'b'], [hostile, 's2'], [[1, 2], [3, 4]], { title: hostile, yLabel: 'USD' }),
    pareto: paretoChart([{ label: hostile, x: 1, y: 2 }, { label: 'b', x: 2, y: 1 }], { title: hostile, xLabel: 'days', yLabel: 'USD' }),
    tornado: tornadoChart([{ input: hostile, outputAtLow: 1, outputAtHigh: 3 }], 2, { title: hostile, xLabel: 'USD' }),
    gantt: ganttChart([{ stage: hostile, kind: hostile, start: 0, end: 1 }], { title: hostile }),
  };
  it.each(Object.entries(svgs))('%s chart is one SVG element with every text escaped', (_, svg) => {
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });
  it('a bar stacks its segments: total height matches the sum on the axis scale', () => {
    const svg = barChart(['a'], ['x', 'y'], [[30, 70]], { title: 't', yLabel: 'USD', height: 300 });
    const heights = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"/g)].map((m) => Number(m[1]));
    // Axis 0..100 over 300 - 48 - 56 = 196 px: 30 -> 58.8 px, 70 -> 137.2 px.
    expect(heights[0]).toBeCloseTo(58.8, 1);
    expect(heights[1]).toBeCloseTo(137.2, 1);
  });
  it('empty data gives a chart that says so rather than a broken one', () => {
    expect(lineChart([], { title: 't', xLabel: 'x', yLabel: 'y' })).toContain('no data');
    expect(ganttChart([], { title: 't' })).toContain('no timeline');
  });
});
