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
 * Text for Markdown: HTML-escaped (forges render inline HTML), with the
 * characters that start Markdown syntax backslash-escaped and line breaks
 * folded, so a name cannot open a link, an image, a table cell or a heading.
 */
export function escapeMarkdown(text: unknown): string {
  return escapeHtml(String(text ?? '').replace(/[\r\n]+/g, ' ')).replace(/[\\`*_{}[\]()#+\-!|~]/g, (c) => `\\${c}`);
}
