/**
 * One self-contained HTML file: inline CSS and SVG, no scripts, no fonts, no
 * links or requests to the network. Print CSS keeps tables and charts whole
 * on a page (the PDF is printed from this).
 */
import type { Block, ReportDocument, Table } from './document';
import { escapeHtml } from './escape';

const css = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1a1a1a; max-width: 980px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; font-size: 14px; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
.subtitle { color: #555; margin: 0; }
.summary p:first-child { font-size: 1.05rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 12.5px; width: 100%; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th:first-child, td:first-child { min-width: 9em; }
th { background: #f2f4f7; }
td.num { text-align: right; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption, caption { color: #555; font-size: 12px; }
caption { text-align: left; padding-bottom: 0.2rem; }
details { margin: 0.2rem 0 0.8rem; font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11.5px; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, tr, .keep { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  details > summary { display: none; }
  details > table { display: none; }
}
`;

export function renderHtml(doc: ReportDocument): string {
  const parts: string[] = [];
  parts.push('<!DOCTYPE html>');
  parts.push('<html lang="en"><head><meta charset="utf-8">');
  // No requests of any kind: a content security policy that forbids them, in case a viewer follows one.
  parts.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  parts.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  parts.push(`<title>${escapeHtml(doc.title)} — clusterplan report</title><style>${css}</style></head><body>`);
  parts.push(`<header><h1>${escapeHtml(doc.title)}</h1>`);
  for (const s of doc.subtitle) parts.push(`<p class="subtitle">${escapeHtml(s)}</p>`);
  parts.push('</header>');
  for (const section of doc.sections) {
    parts.push(`<section id="${escapeHtml(section.id)}" class="${escapeHtml(section.id)}"><h2>${escapeHtml(section.title)}</h2>`);
    for (const block of section.blocks) parts.push(renderBlock(block));
    parts.push('</section>');
  }
  parts.push('<footer><p class="subtitle">Written by clusterplan. Prices and specifications are snapshots with the sources and dates listed above.</p></footer>');
  parts.push('</body></html>\n');
  return parts.join('\n');
}

function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'table':
      return renderTable(b.table);
    case 'chart':
      // Inline SVG needs no namespace attribute in HTML; dropping it keeps the file free of any address.
      return `<figure class="keep">${b.svg.replace(' xmlns="http://www.w3.org/2000/svg"', '')}<figcaption>${escapeHtml(b.title)}</figcaption></figure>` +
        `<details><summary>Data behind "${escapeHtml(b.title)}"</summary>${renderTable(b.data)}</details>`;
  }
}

function renderTable(t: Table): string {
  const head = `<thead><tr>${t.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const body = t.rows.map((r) => `<tr>${r.map((c, i) => `<td${i > 0 && isNumeric(c) ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  // Short tables stay whole on a page; long ones may break between rows.
  return `<table${t.rows.length <= 12 ? ' class="keep"' : ''}>${t.caption ? `<caption>${escapeHtml(t.caption)}</caption>` : ''}${head}<tbody>${body}</tbody></table>`;
}

/** A number with at most a short unit ("61.2 GiB", "45.0%", "1.14 M USD", "+292.1 k USD"): right-aligned. */
function isNumeric(cell: string): boolean {
  return cell.length <= 20 && /^[-–−+]?[\d.,]+(%|\s[A-Za-z/%0-9]+(\s[A-Za-z/]+)?)?$/.test(cell);
}
