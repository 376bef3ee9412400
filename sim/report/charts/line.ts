/** Line chart: one or more series over a shared x axis, with units on both axes. */
import { escapeHtml } from '../escape';
import { box, emptyChart, legend, palette, svgClose, svgOpen, xAxis, yAxis } from './frame';
import { linearScale, niceDomain } from './scale';

export interface LineSeries {
  name: string;
  x: number[];
  y: number[];
  /** Draw points as well as the line. */
  points?: boolean;
  dashed?: boolean;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width?: number;
  height?: number;
  /** Start the y axis at zero (default true). */
  yFromZero?: boolean;
  /** Vertical markers such as a crossover month. */
  markers?: Array<{ x: number; label: string }>;
}

export function lineChart(series: LineSeries[], o: LineChartOptions): string {
  const all = series.flatMap((s) => s.x.map((x, i) => [x, s.y[i]] as const)).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (all.length === 0) return emptyChart(o.title, 'no data');
  const b = box(o.width ?? 640, o.height ?? 300);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const xd = niceDomain(Math.min(...xs), Math.max(...xs), 8);
  const yd = niceDomain(o.yFromZero === false ? Math.min(...ys) : Math.min(0, ...ys), Math.max(...ys), 5);
  const x = linearScale(xd.domain, [b.left, b.width - b.right], xd.ticks);
  const y = linearScale(yd.domain, [b.height - b.bottom, b.top], yd.ticks);
  let s = svgOpen(b, o.title, `${o.yLabel} against ${o.xLabel}`) + yAxis(b, y, o.yLabel) + xAxis(b, x, o.xLabel);
  series.forEach((ser, i) => {
    const color = palette[i % palette.length];
    const pts = ser.x.map((xv, j) => [xv, ser.y[j]] as const).filter(([a, c]) => Number.isFinite(a) && Number.isFinite(c));
    if (pts.length === 0) return;
    const d = pts.map(([a, c], j) => `${j === 0 ? 'M' : 'L'}${x(a).toFixed(1)},${y(c).toFixed(1)}`).join('');
    s += `<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${ser.dashed ? ' stroke-dasharray="5 3"' : ''}><title>${escapeHtml(ser.name)}</title></path>`;
    if (ser.points ?? pts.length <= 24) for (const [a, c] of pts) s += `<circle cx="${x(a).toFixed(1)}" cy="${y(c).toFixed(1)}" r="3" fill="${color}"/>`;
  });
  for (const m of o.markers ?? []) {
    if (!Number.isFinite(m.x)) continue;
    const px = x(m.x).toFixed(1);
    s += `<line x1="${px}" y1="${b.top}" x2="${px}" y2="${b.height - b.bottom}" stroke="#555" stroke-dasharray="3 3"/>`;
    const right = +px > b.left + (b.width - b.left - b.right) * 0.7;
    s += `<text x="${(+px + (right ? -4 : 4)).toFixed(1)}" y="${b.top + 12}" text-anchor="${right ? 'end' : 'start'}" fill="#333">${escapeHtml(m.label)}</text>`;
  }
  if (series.length > 1) s += legend(b, series.map((r) => r.name));
  return s + svgClose;
}
