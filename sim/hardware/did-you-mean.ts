/** "Did you mean" hints for mistyped ids: the closest known id by edit distance. */

/** Levenshtein distance (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The known id closest to `wrong` (case-insensitive), if it is close enough to
 * be a typo: within a third of the longer length, at least 2 edits allowed.
 */
export function closestId(wrong: string, known: readonly string[]): string | undefined {
  const w = wrong.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const id of known) {
    const d = editDistance(w, id);
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(2, Math.ceil(Math.max(w.length, best.length) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** The hint text for an InputIssue, or undefined when nothing is close. */
export function didYouMean(wrong: string, known: readonly string[]): string | undefined {
  const id = closestId(wrong, known);
  return id === undefined ? undefined : `did you mean \`${id}\`?`;
}
