/**
 * Pareto scatter: each option a point (for instance cost against time), the
 * frontier of options no other beats on both axes drawn as a step line.
 */
import { escapeHtml } from '../escape';
import { box, emptyChart, svgClose, svgOpen, truncate, xAxis, yAxis } from './frame';
import { linearScale, niceDomain } from './scale';

export interface ParetoPoint {
  label: string;
  x: number;
  y: number;
}

/** Indices of points not dominated when both x and y are to be minimised, sorted by x. */
export function paretoFrontier(points: ParetoPoint[]): number[] {
  const idx = points.map((_, i) => i).filter((i) => Number.isFinite(points[i].x) && Number.isFinite(points[i].y));
  idx.sort((a, b) => points[a].x - points[b].x || points[a].y - points[b].y);
  const front: number[] = [];
  let bestY = Infinity;
  for (const i of idx) {
    if (points[i].y < bestY) {
      front.push(i);
      bestY = points[i].y;
    }
  }
  return front;
}

export function paretoChart(points: ParetoPoint[], o: { title: string; xLabel: string; yLabel: string; width?: number; height?: number }): string {
  const ok = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (ok.length === 0) return emptyChart(o.title, 'no data');
  const b = box(o.width ?? 640, o.height ?? 300);
  const xd = niceDomain(Math.min(0, ...ok.map((p) => p.x)), Math.max(...ok.map((p) => p.x)), 6);
  const yd = niceDomain(Math.min(0, ...ok.map((p) => p.y)), Math.max(...ok.map((p) => p.y)), 5);
  const x = linearScale(xd.domain, [b.left, b.width - b.right], xd.ticks);
  const y = linearScale(yd.domain, [b.height - b.bottom, b.top], yd.ticks);
  let s = svgOpen(b, o.title, `${o.yLabel} against ${o.xLabel}; frontier of undominated options`) + yAxis(b, y, o.yLabel) + xAxis(b, x, o.xLabel);
  const front = paretoFrontier(ok);
  if (front.length > 1) {
    let d = '';
    front.forEach((i, j) => {
      const px = x(ok[i].x).toFixed(1);
      const py = y(ok[i].y).toFixed(1);
      d += j === 0 ? `M${px},${py}` : `H${px}V${py}`;
    });
    s += `<path d="${d}" fill="none" stroke="#d62728" stroke-width="1.5" stroke-dasharray="4 3"/>`;
  }
  const onFront = new Set(front);
  ok.forEach((p, i) => {
    const px = x(p.x).toFixed(1);
    const py = y(p.y).toFixed(1);
    s += `<circle cx="${px}" cy="${py}" r="${onFront.has(i) ? 5 : 4}" fill="${onFront.has(i) ? '#d62728' : '#1f77b4'}"><title>${escapeHtml(p.label)}</title></circle>`;
    // Labels near the right edge go to the left of their point.
    const right = +px > b.left + (b.width - b.left - b.right) * 0.7;
    s += `<text x="${(+px + (right ? -7 : 7)).toFixed(1)}" y="${(+py - 6).toFixed(1)}" text-anchor="${right ? 'end' : 'start'}" fill="#333">${escapeHtml(truncate(p.label, 24))}</text>`;
  });
  return s + svgClose;
}
