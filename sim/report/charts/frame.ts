/**
 * The parts every chart shares: the SVG element, a title, axes with ticks,
 * labels and units, and a legend. All text is escaped here.
 */
import { escapeHtml } from '../escape';
import { type LinearScale, tickLabel } from './scale';

export const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export interface Box {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function box(width: number, height: number, margins: Partial<Omit<Box, 'width' | 'height'>> = {}): Box {
  return { width, height, left: margins.left ?? 64, right: margins.right ?? 16, top: margins.top ?? 48, bottom: margins.bottom ?? 44 };
}

export function svgOpen(b: Box, title: string, desc?: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${b.width} ${b.height}" width="${b.width}" height="${b.height}" role="img" ` +
    `font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="11">` +
    `<title>${escapeHtml(title)}</title>${desc ? `<desc>${escapeHtml(desc)}</desc>` : ''}` +
    // The visible title is cut to the width (about 7 px a character at 13 px); <title> keeps it whole.
    `<text x="${b.left}" y="18" font-size="13" font-weight="600">${escapeHtml(truncate(title, Math.floor((b.width - b.left - 8) / 7)))}</text>`
  );
}

export const svgClose = '</svg>';

/** Bottom axis with ticks and a label such as "devices" or "month". */
export function xAxis(b: Box, x: LinearScale, label: string, format: (v: number) => string = tickLabel): string {
  const y = b.height - b.bottom;
  let s = `<line x1="${b.left}" y1="${y}" x2="${b.width - b.right}" y2="${y}" stroke="#333"/>`;
  for (const t of x.ticks) {
    const px = x(t).toFixed(1);
    s += `<line x1="${px}" y1="${y}" x2="${px}" y2="${y + 4}" stroke="#333"/><text x="${px}" y="${y + 16}" text-anchor="middle">${escapeHtml(format(t))}</text>`;
  }
  s += `<text x="${(b.left + b.width - b.right) / 2}" y="${b.height - 6}" text-anchor="middle" fill="#444">${escapeHtml(label)}</text>`;
  return s;
}

/** Left axis with ticks, light grid lines and a rotated label with the unit. */
export function yAxis(b: Box, y: LinearScale, label: string, format: (v: number) => string = tickLabel): string {
  let s = `<line x1="${b.left}" y1="${b.top}" x2="${b.left}" y2="${b.height - b.bottom}" stroke="#333"/>`;
  for (const t of y.ticks) {
    const py = y(t).toFixed(1);
    s += `<line x1="${b.left}" y1="${py}" x2="${b.width - b.right}" y2="${py}" stroke="#e5e5e5"/>`;
    s += `<line x1="${b.left - 4}" y1="${py}" x2="${b.left}" y2="${py}" stroke="#333"/><text x="${b.left - 6}" y="${py}" dy="0.32em" text-anchor="end">${escapeHtml(format(t))}</text>`;
  }
  const cy = (b.top + b.height - b.bottom) / 2;
  s += `<text transform="translate(14 ${cy}) rotate(-90)" text-anchor="middle" fill="#444">${escapeHtml(label)}</text>`;
  return s;
}

/** Keys in a row under the title (y = 32), wrapping to the width; left to right in series order. */
export function legend(b: Box, names: string[], colors: string[] = palette): string {
  let s = '';
  let x = b.left;
  let y = 30;
  for (let i = 0; i < names.length; i++) {
    const label = truncate(names[i], 28);
    const w = 26 + label.length * 6.4;
    if (x + w > b.width - b.right && x > b.left) {
      x = b.left;
      y += 13;
    }
    s += `<rect x="${x.toFixed(1)}" y="${y - 9}" width="10" height="10" fill="${colors[i % colors.length]}"/>`;
    s += `<text x="${(x + 14).toFixed(1)}" y="${y}">${escapeHtml(label)}</text>`;
    x += w;
  }
  return s;
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function emptyChart(title: string, message: string, width = 640, height = 120): string {
  const b = box(width, height);
  return `${svgOpen(b, title)}<text x="${width / 2}" y="${height / 2 + 10}" text-anchor="middle" fill="#777">${escapeHtml(message)}</text>${svgClose}`;
}
