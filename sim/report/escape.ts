/**
 * Escaping untrusted text (scenario names, descriptions, trace fields) for
 * the places a report puts it. Every string that did not come from our own
 * code goes through one of these.
 */

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML/SVG element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => htmlEntities[c]);
}

/**
 * Text for Markdown: the characters that start Markdown syntax
 * backslash-escaped, then `& < >` as entities (forges render inline HTML), and
 * line breaks folded, so a name cannot open a tag, a link, an image, a table
 * cell or a heading. Quotes stay as they are: they open nothing in text.
 */
export function escapeMarkdown(text: unknown): string {
  return String(text ?? '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-!|~]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => htmlEntities[c]);
}
