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

/** A line of a first-match list for reachability. */
export interface ListLine {
  /** Its packets; a function when building them costs and a pre-filter may make it unnecessary. */
  match: BddNode | (() => BddNode);
  /** Lines compare actions only through `differs`: 'permit', 'deny', 'return', … */
  action: string;
  /**
   * False for a line that lets evaluation go on (a log rule) or whose match is not fully known: it
   * covers nothing below it. Default true: the line decides every packet it matches.
   */
  decides?: boolean;
}

export interface UnreachableOptions {
  /** When two actions count as different (default: unequal). */
  differs?: (a: string, b: string) => boolean;
  /**
   * A cheap necessary condition for lines i > j to share a packet (bounding boxes, say): false means
   * they share none. Default: always maybe.
   */
  mayOverlap?: (i: number, j: number) => boolean;
  /** Known without building the match: line i matches some packet. */
  nonEmpty?: (i: number) => boolean;
  /** A cheap necessary condition for line j to match the packet of a full assignment: false means it does not. */
  mayContain?: (j: number, assignment: Uint8Array) => boolean;
}

/** Above this many covering candidates, one packet of the line is tried against them before any set is built. */
const PROBE_AT = 4;

/**
 * Lines no packet reaches, in list order: 'unmatchable' when the match is empty (`by` is empty),
 * 'shadowed' when the union of what earlier lines decide covers it. For a shadowed line, `by` lists
 * the earlier lines that decide some of its packets (so together they cover it exactly), heaviest
 * overlap first, ties by position. When none of them has a different action but an earlier line
 * with a different action does overlap the match, the heaviest such line is appended: a shadowed
 * line whose action would differ is the case a reader must see.
 *
 * Cost: a line is compared only with the earlier lines `mayOverlap` admits, and its match is built
 * only when one of those decides packets or its emptiness is not known — so a long list of rules
 * that touch different hosts costs about one box test per pair.
 */
export function unreachableLines(bdd: Bdd, lines: readonly ListLine[], options: UnreachableOptions = {}): Array<{ index: number; kind: 'unmatchable' | 'shadowed'; by: number[] }> {
  const differs = options.differs ?? ((a: string, b: string) => a !== b);
  const mayOverlap = options.mayOverlap ?? (() => true);
  const built = new Map<number, BddNode>();
  const match = (i: number): BddNode => {
    let m = built.get(i);
    if (m === undefined) {
      const l = lines[i]!.match;
      built.set(i, (m = typeof l === 'function' ? l() : l));
    }
    return m;
  };
  const decides = (j: number): boolean => lines[j]!.decides !== false;
  const out: Array<{ index: number; kind: 'unmatchable' | 'shadowed'; by: number[] }> = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const near: number[] = [];
    for (let j = 0; j < index; j++) if (mayOverlap(index, j)) near.push(j);
    const cover = near.filter(decides);
    if (cover.length === 0 && options.nonEmpty?.(index)) continue;
    const m = match(index);
    if (m === FALSE) {
      out.push({ index, kind: 'unmatchable', by: [] });
      continue;
    }
    if (cover.length >= PROBE_AT) {
      // A packet of the line that none of them matches proves it reachable, without their union.
      const probe = bdd.satOne(m)!;
      const caught = cover.some((j) => (options.mayContain?.(j, probe) ?? true) && bdd.evaluate(match(j), probe));
      if (!caught) continue;
    }
    // What of m the covering lines leave, taking them in order: each one's share is what it decides first.
    let rest = m;
    const shares: Array<{ j: number; w: number }> = [];
    for (const j of cover) {
      const share = bdd.and(rest, match(j));
      if (share === FALSE) continue;
      shares.push({ j, w: bdd.satCount(share) });
      rest = bdd.diff(rest, share);
      if (rest === FALSE) break;
    }
    if (rest !== FALSE) continue;
    const by = shares.sort((a, b) => b.w - a.w || a.j - b.j).map((h) => h.j);
    if (!by.some((j) => differs(lines[j]!.action, line.action))) {
      const other = near
        .filter((j) => differs(lines[j]!.action, line.action))
        .map((j) => ({ j, part: bdd.and(match(j), m) }))
        .filter((x) => x.part !== FALSE)
        .map((x) => ({ j: x.j, w: bdd.satCount(x.part) }))
        .sort((a, b) => b.w - a.w || a.j - b.j)[0];
      if (other) by.push(other.j);
    }
    out.push({ index, kind: 'shadowed', by });
  }
  return out;
}
