/**
 * Errors a user can act on. An InputError carries one or more issues, each naming
 * the file, the path inside it, what was expected and (where known) the line.
 * The CLI prints them and exits 2; nothing in it is a stack trace.
 */

export interface InputIssue {
  /** File the problem is in, or '<input>' for text that came without a file. */
  file: string;
  /** Dotted path inside the document, e.g. `workload.parallelism.tensor`; '' for the whole file. */
  path: string;
  /** What was expected there, in words a person reads ("a positive integer", "a bandwidth such as 400 Gbps"). */
  expected: string;
  /** What was found, when it helps. */
  found?: string;
  /** 1-based line where known. */
  line?: number;
  /** A hint such as "did you mean `pipeline`?". */
  hint?: string;
}

export class InputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[] | InputIssue) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map(formatIssue).join('\n'));
    this.name = 'InputError';
    this.issues = list;
  }
}

/** `file:line: path: expected X, found Y (hint)` — one line per issue. */
export function formatIssue(issue: InputIssue): string {
  const where = issue.line !== undefined ? `${issue.file}:${issue.line}` : issue.file;
  const path = issue.path === '' ? '(top level)' : issue.path;
  let text = `${where}: ${path}: expected ${issue.expected}`;
  if (issue.found !== undefined) text += `, found ${issue.found}`;
  if (issue.hint) text += ` (${issue.hint})`;
  return text;
}

/** A run stopped by a guard (event limit, wall-time limit, memory limit). Exit 1 with a clear message. */
export class RunLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunLimitError';
  }
}
