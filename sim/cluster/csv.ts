/**
 * A small CSV reader for trace files: RFC 4180 quoting, a header row, and
 * `#` comment lines before the header (the fixtures carry their source and
 * licence there). Values stay strings; importers decide what they mean.
 */

export interface CsvTable {
  header: string[];
  rows: string[][];
  /** Text of the leading `#` comment lines, without the `#`. */
  comments: string[];
}

export function parseCsv(text: string): CsvTable {
  const records = splitRecords(text);
  const comments: string[] = [];
  let i = 0;
  while (i < records.length && (records[i].length === 0 || (records[i].length === 1 && records[i][0] === '') || records[i][0].startsWith('#'))) {
    if (records[i].length > 0 && records[i][0].startsWith('#')) comments.push(records[i].join(',').slice(1).trim());
    i++;
  }
  const header = (records[i] ?? []).map((h) => h.trim());
  const rows = records.slice(i + 1).filter((r) => !(r.length === 1 && r[0].trim() === ''));
  return { header, rows, comments };
}

function splitRecords(text: string): string[][] {
  const out: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      out.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    out.push(record);
  }
  return out;
}

/** Index of each named column; missing names are reported by the caller. */
export function columnIndex(header: string[], names: string[]): Record<string, number> {
  const idx: Record<string, number> = {};
  for (const n of names) idx[n] = header.indexOf(n);
  return idx;
}
