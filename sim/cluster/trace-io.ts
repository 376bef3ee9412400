/**
 * The one place that reads trace files from disk (node:fs). The browser build
 * replaces this module or passes rows directly, so nothing else here touches fs.
 */
import { readFileSync } from 'node:fs';

export function readTraceText(absolutePath: string): string {
  return readFileSync(absolutePath, 'utf8');
}
