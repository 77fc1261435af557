/**
 * "Did you mean" suggestions: the nearest candidate by edit distance, when it is near enough to be a
 * plausible typo. Transpositions count as one edit ("tsl" → "tls"), and case is ignored.
 */

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rolling rows: the transposition step looks two rows back.
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
}

/**
 * The candidate nearest to `word`, or undefined when none is near enough: within about a third of
 * the longer word's length (at least one edit), or — for an abbreviation such as "warn" of
 * "warning" — a prefix of at least three characters. Ties go to the earlier candidate, so callers
 * order candidates by preference.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const lc = c.toLowerCase();
    const d = editDistance(w, lc);
    const limit = Math.max(1, Math.floor(Math.max(w.length, c.length) / 3));
    const abbreviation = w.length >= 3 && lc.startsWith(w);
    if ((d <= limit || abbreviation) && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
