/**
 * Tornado chart: for each input, a bar from the output at its low value to the
 * output at its high value, around a line at the base output; widest on top.
 */
import { escapeHtml } from '../escape';
import { box, emptyChart, legend, svgClose, svgOpen, truncate, xAxis } from './frame';
import { linearScale, niceDomain, tickLabel } from './scale';

export interface TornadoBar {
  input: string;
  outputAtLow: number;
  outputAtHigh: number;
  /** Labels of the input's low and high values, e.g. "0.07 USD/kWh". */
  lowLabel?: string;
  highLabel?: string;
}

export function tornadoChart(rows: TornadoBar[], base: number, o: { title: string; xLabel: string; width?: number }): string {
  const ok = rows.filter((r) => Number.isFinite(r.outputAtLow) && Number.isFinite(r.outputAtHigh));
  if (ok.length === 0) return emptyChart(o.title, 'no sensitivity data');
  const rowH = 24;
  const b = box(o.width ?? 640, 92 + ok.length * rowH, { left: 160, right: 24 });
  const vals = ok.flatMap((r) => [r.outputAtLow, r.outputAtHigh]).concat(base);
  const xd = niceDomain(Math.min(...vals), Math.max(...vals), 6);
  const x = linearScale(xd.domain, [b.left, b.width - b.right], xd.ticks);
  let s = svgOpen(b, o.title, `change of ${o.xLabel} as each input moves across its range`) + xAxis(b, x, o.xLabel, tickLabel);
  ok.forEach((r, i) => {
    const cy = b.top + i * rowH;
    const lo = x(r.outputAtLow);
    const hi = x(r.outputAtHigh);
    const bx = x(base);
    // Blue: the input's low value; orange: its high value.
    s += `<rect x="${Math.min(lo, bx).toFixed(1)}" y="${cy + 3}" width="${Math.abs(lo - bx).toFixed(1)}" height="${rowH - 6}" fill="#1f77b4"><title>${escapeHtml(`${r.input} low${r.lowLabel ? ` (${r.lowLabel})` : ''}: ${tickLabel(r.outputAtLow)}`)}</title></rect>`;
    s += `<rect x="${Math.min(hi, bx).toFixed(1)}" y="${cy + 3}" width="${Math.abs(hi - bx).toFixed(1)}" height="${rowH - 6}" fill="#ff7f0e"><title>${escapeHtml(`${r.input} high${r.highLabel ? ` (${r.highLabel})` : ''}: ${tickLabel(r.outputAtHigh)}`)}</title></rect>`;
    s += `<text x="${b.left - 8}" y="${cy + rowH / 2}" dy="0.32em" text-anchor="end">${escapeHtml(truncate(r.input, 26))}</text>`;
  });
  const bx = x(base).toFixed(1);
  s += `<line x1="${bx}" y1="${b.top - 2}" x2="${bx}" y2="${b.height - b.bottom}" stroke="#333"/>`;
  s += legend(b, ['input at its low value', 'input at its high value'], ['#1f77b4', '#ff7f0e']);
  return s + svgClose;
}
