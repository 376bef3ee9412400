/**
 * Gantt timeline from `series.timeline` entries {stage, kind, start, end}
 * (seconds): one row per stage, one colour per kind (compute, communication,
 * idle...).
 */
import { escapeHtml } from '../escape';
import { box, emptyChart, legend, palette, svgClose, svgOpen, truncate, xAxis } from './frame';
import { linearScale, niceDomain } from './scale';

export interface TimelineEntry {
  stage: string | number;
  kind: string;
  start: number;
  end: number;
}

export function ganttChart(entries: TimelineEntry[], o: { title: string; xLabel?: string; width?: number; maxRows?: number }): string {
  const ok = entries.filter((e) => Number.isFinite(e.start) && Number.isFinite(e.end) && e.end >= e.start);
  if (ok.length === 0) return emptyChart(o.title, 'no timeline');
  const stages = [...new Set(ok.map((e) => String(e.stage)))].slice(0, o.maxRows ?? 32);
  const kinds = [...new Set(ok.map((e) => e.kind))];
  const rowH = 20;
  const b = box(o.width ?? 640, 48 + 44 + 8 + stages.length * rowH, { left: 96 });
  const t0 = Math.min(...ok.map((e) => e.start));
  const t1 = Math.max(...ok.map((e) => e.end));
  // Pick a readable time unit for the axis.
  const [unit, div] = t1 - t0 >= 7200 ? ['h', 3600] : t1 - t0 >= 2 ? ['s', 1] : t1 - t0 >= 2e-3 ? ['ms', 1e-3] : ['us', 1e-6];
  const xd = niceDomain(t0 / div, t1 / div, 8);
  const x = linearScale(xd.domain, [b.left, b.width - b.right], xd.ticks);
  let s = svgOpen(b, o.title, `${ok.length} intervals on ${stages.length} rows`) + xAxis(b, x, `${o.xLabel ?? 'time'} (${unit})`);
  stages.forEach((st, i) => {
    s += `<text x="${b.left - 6}" y="${b.top + i * rowH + rowH / 2}" dy="0.32em" text-anchor="end">${escapeHtml(truncate(st, 14))}</text>`;
  });
  const row = new Map(stages.map((st, i) => [st, i]));
  for (const e of ok) {
    const i = row.get(String(e.stage));
    if (i === undefined) continue;
    const x0 = x(e.start / div);
    const w = Math.max(0.5, x(e.end / div) - x0);
    s += `<rect x="${x0.toFixed(2)}" y="${b.top + i * rowH + 2}" width="${w.toFixed(2)}" height="${rowH - 4}" fill="${palette[kinds.indexOf(e.kind) % palette.length]}"><title>${escapeHtml(`${e.stage} ${e.kind}: ${e.start}–${e.end} s`)}</title></rect>`;
  }
  s += legend(b, kinds);
  return s + svgClose;
}
