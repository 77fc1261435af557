/**
 * First-match rule lists (network ACLs, iptables chains, firewall policies) over any `Bdd`: the
 * permit/deny split, which line decides which packets, and lines that can never decide anything.
 * Lines are matched top to bottom and the first match decides; packets no line matches get the
 * implicit action.
 */
import { FALSE, TRUE, type Bdd, type BddNode } from './bdd.js';

export interface AclLine<T = unknown> {
  match: BddNode;
  action: 'permit' | 'deny';
  ref?: T;
}

/**
 * Permit and deny sets of a first-match list with a final implicit action (default 'deny'); they
 * partition the space. Equal to ite(l1, a1, ite(l2, a2, … implicit)), computed from the last line up,
 * with each run of lines of the same action merged into one union first: a run of permits adds its
 * union to the permit set, a run of denies removes its union.
 */
export function foldFirstMatch(
  bdd: Bdd,
  lines: readonly AclLine[],
  implicit: 'permit' | 'deny' = 'deny',
): { permit: BddNode; deny: BddNode } {
  let permit: BddNode = implicit === 'permit' ? TRUE : FALSE;
  let end = lines.length;
  while (end > 0) {
    const action = lines[end - 1]!.action;
    let start = end - 1;
    while (start > 0 && lines[start - 1]!.action === action) start--;
    const run = bdd.orAll(lines.slice(start, end).map((l) => l.match));
    permit = action === 'permit' ? bdd.or(run, permit) : bdd.diff(permit, run);
    end = start;
  }
  return { permit, deny: bdd.not(permit) };
}

/**
 * For each line, the packets it decides: its match minus the matches of all earlier lines. The
 * results are pairwise disjoint and their union is the union of all matches.
 */
export function decidedBy(bdd: Bdd, lines: readonly AclLine[]): BddNode[] {
  const out: BddNode[] = [];
  let seen: BddNode = FALSE;
  for (const l of lines) {
    out.push(bdd.diff(l.match, seen));
    seen = bdd.or(seen, l.match);
  }
  return out;
}

/** A line of a first-match list for reachability: `decides` is what it certainly ends (default: its whole match). */
export interface ListLine {
  match: BddNode;
  /** Lines compare actions only for equality: 'permit', 'deny', 'return', … */
  action: string;
  /**
   * The packets the line certainly decides. FALSE for a line that lets evaluation go on (a log rule)
   * or whose match is not fully known; such lines cover nothing below them.
   */
  decides?: BddNode;
}

/**
 * Lines no packet reaches, in list order: 'unmatchable' when the match is empty (`by` is empty),
 * 'shadowed' when the union of what earlier lines decide covers it. For a shadowed line, `by` lists
 * the earlier lines that decide some of its packets (so together they cover it exactly), heaviest
 * overlap first, ties by position. When none of them has a different action but an earlier line
 * with a different action does overlap the match, the heaviest such line is appended: a shadowed
 * line whose action would differ is the case a reader must see.
 */
export function unreachableLines(
  bdd: Bdd,
  lines: readonly ListLine[],
  /** When two actions count as different (default: unequal). */
  differs: (a: string, b: string) => boolean = (a, b) => a !== b,
): Array<{ index: number; kind: 'unmatchable' | 'shadowed'; by: number[] }> {
  const out: Array<{ index: number; kind: 'unmatchable' | 'shadowed'; by: number[] }> = [];
  const decides = lines.map((l) => l.decides ?? l.match);
  // What each line decides first (disjoint), and what all lines before it decide together.
  const decided: BddNode[] = [];
  const before: BddNode[] = [];
  let seen: BddNode = FALSE;
  for (const d of decides) {
    before.push(seen);
    decided.push(bdd.diff(d, seen));
    seen = bdd.or(seen, d);
  }
  lines.forEach((line, index) => {
    const m = line.match;
    if (m === FALSE) {
      out.push({ index, kind: 'unmatchable', by: [] });
      return;
    }
    if (!bdd.implies(m, before[index]!)) return;
    const weighted = (sets: readonly BddNode[]): Array<{ j: number; w: number }> => {
      const hits: Array<{ j: number; w: number }> = [];
      for (let j = 0; j < index; j++) {
        const part = bdd.and(sets[j]!, m);
        if (part !== FALSE) hits.push({ j, w: bdd.satCount(part) });
      }
      return hits.sort((a, b) => b.w - a.w || a.j - b.j);
    };
    const by = weighted(decided).map((h) => h.j);
    if (!by.some((j) => differs(lines[j]!.action, line.action))) {
      const other = weighted(lines.map((l) => l.match)).find((h) => differs(lines[h.j]!.action, line.action));
      if (other) by.push(other.j);
    }
    out.push({ index, kind: 'shadowed', by });
  });
  return out;
}
