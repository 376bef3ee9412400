/**
 * A scenario document as read from a file: the plain data plus a way back from
 * a path inside it to the line it was written on.
 */
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { InputError } from '../errors';

export type PathSegment = string | number;

export interface SourceDocument {
  file: string;
  data: unknown;
  /** 1-based line of the node at `path`, or of its nearest written ancestor. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : `.${p}`;
  }
  return out;
}

/** Parse YAML (or JSON, which is YAML) text; syntax errors become InputErrors with their line. */
export function parseScenarioText(text: string, file: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // The first syntax error is the real one; later ones are usually its echoes.
    throw new InputError(
      doc.errors.slice(0, 1).map((e) => ({
        file,
        path: '',
        expected: 'valid YAML or JSON',
        found: e.message.split('\n')[0],
        line: e.linePos?.[0]?.line ?? (e.pos ? lineCounter.linePos(e.pos[0]).line : undefined),
        hint: doc.errors.length > 1 ? `${doc.errors.length - 1} more syntax error${doc.errors.length > 2 ? 's' : ''} may follow from this one` : undefined,
      })),
    );
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  return {
    file,
    data,
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n) as PathSegment[], true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
        // A key whose value is null still has a pair with a key node: find it via the parent map.
        if (n > 0) {
          const parent = doc.getIn(path.slice(0, n - 1) as PathSegment[], true) as { items?: Array<{ key?: { value?: unknown; range?: number[] } }> } | undefined;
          const pair = parent?.items?.find((it) => it?.key?.value === path[n - 1]);
          if (pair?.key?.range) return lineCounter.linePos(pair.key.range[0]).line;
        }
      }
      return undefined;
    },
  };
}
