/**
 * Markdown that renders on a code forge: headings, paragraphs, pipe tables.
 * Forges strip inline SVG, so each chart appears as the table of its data
 * (the HTML and PDF reports draw it).
 */
import type { Block, ReportDocument, Table } from './document';
import { escapeMarkdown } from './escape';

export function renderMarkdown(doc: ReportDocument): string {
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, ''];
  for (const s of doc.subtitle) out.push(`_${escapeMarkdown(s)}_`, '');
  for (const section of doc.sections) {
    out.push(`## ${escapeMarkdown(section.title)}`, '');
    for (const b of section.blocks) out.push(renderBlock(b), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return escapeMarkdown(b.text);
    case 'list':
      return b.items.map((i) => `- ${escapeMarkdown(i)}`).join('\n');
    case 'table':
      return renderTable(b.table);
    case 'chart':
      return `### ${escapeMarkdown(b.title)}\n\n_Chart data (drawn in the HTML and PDF reports):_\n\n${renderTable(b.data)}`;
  }
}

function renderTable(t: Table): string {
  const cell = (c: string) => escapeMarkdown(c) || ' ';
  const lines = [...(t.caption ? [`_${escapeMarkdown(t.caption)}_`, ''] : []), `| ${t.headers.map(cell).join(' | ')} |`, `|${t.headers.map(() => ' --- ').join('|')}|`];
  for (const r of t.rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
  return lines.join('\n');
}
