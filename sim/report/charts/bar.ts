/** Bar chart: categories along x, stacked segments (e.g. cost by category per option). */
import { escapeHtml } from '../escape';
import { box, emptyChart, legend, palette, svgClose, svgOpen, truncate, yAxis } from './frame';
import { linearScale, niceDomain } from './scale';

export interface BarChartOptions {
  title: string;
  yLabel: string;
  width?: number;
  height?: number;
}

/**
 * `categories` along x; `stacks` are the segment names; `values[c][s]` is the
 * height of segment s in category c. One stack gives a plain bar chart.
 */
export function barChart(categories: string[], stacks: string[], values: number[][], o: BarChartOptions): string {
  if (categories.length === 0 || stacks.length === 0) return emptyChart(o.title, 'no data');
  const b = box(o.width ?? 640, o.height ?? 300, { bottom: 56 });
  const totals = values.map((row) => row.reduce((a, v) => a + Math.max(0, v || 0), 0));
  const yd = niceDomain(0, Math.max(...totals, 0), 5);
  const y = linearScale(yd.domain, [b.height - b.bottom, b.top], yd.ticks);
  const plotW = b.width - b.left - b.right;
  const slot = plotW / categories.length;
  const barW = Math.min(80, slot * 0.6);
  let s = svgOpen(b, o.title, `${o.yLabel} by ${categories.length} categories`) + yAxis(b, y, o.yLabel);
  const base = b.height - b.bottom;
  s += `<line x1="${b.left}" y1="${base}" x2="${b.width - b.right}" y2="${base}" stroke="#333"/>`;
  categories.forEach((cat, c) => {
    const x0 = b.left + slot * c + (slot - barW) / 2;
    let acc = 0;
    stacks.forEach((name, k) => {
      const v = Math.max(0, values[c]?.[k] || 0);
      if (v === 0) return;
      const top = y(acc + v);
      const h = y(acc) - top;
      s += `<rect x="${x0.toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${palette[k % palette.length]}"><title>${escapeHtml(`${cat} / ${name}: ${v.toPrecision(4)}`)}</title></rect>`;
      acc += v;
    });
    s += `<text x="${(x0 + barW / 2).toFixed(1)}" y="${base + 16}" text-anchor="middle">${escapeHtml(truncate(cat, Math.max(6, Math.floor(slot / 6.5))))}</text>`;
  });
  if (stacks.length > 1) s += legend(b, stacks);
  return s + svgClose;
}
