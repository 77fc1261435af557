/**
 * Reachability over the graph: a forward fixpoint in rounds (round k holds every packet that reaches
 * a node in at most k hops), only new packets travel on each round. Each node keeps the rounds at
 * which its set grew, so a trace can be rebuilt backwards from any delivered packet along a shortest
 * path with one consistent packet at every hop (transforms are undone by freeing the fields they
 * wrote and choosing again inside the earlier set).
 */
import { FALSE, type BddNode } from '../engine/bdd.js';
import type { HeaderSpace, Packet, WitnessPrefs } from '../engine/header-space.js';
import { fieldVars, type Field } from '../engine/fields.js';
import type { Edge, FilterPart, Graph, Reason } from './types.js';

export interface Reach {
  graph: Graph;
  /** Every packet that can arrive at each node. */
  at: BddNode[];
  /** Growth history of the nodes reached: [round, cumulative set], ascending. */
  history: ReadonlyMap<number, ReadonlyArray<[number, BddNode]>>;
  sources: Map<number, BddNode>;
  relaxed: boolean;
  /** Whether the search left out the edges that rest on an unknown: its traces do too. */
  certainOnly: boolean;
}

/**
 * `relaxed` ignores every filter (security groups, ACLs, public addresses, return routes) and keeps
 * the topology: the search for a blocked path, the nearest path that settings close. `certainOnly`
 * leaves out the edges that rest on an unknown (`uncertain`).
 */
export function reach(hs: HeaderSpace, graph: Graph, sources: ReadonlyMap<number, BddNode>, relaxed = false, certainOnly = false): Reach {
  const b = hs.bdd;
  const at: BddNode[] = new Array<BddNode>(graph.nodes.length).fill(hs.none);
  const history = new Map<number, Array<[number, BddNode]>>();
  const grew = (n: number, round: number, set: BddNode): void => {
    const h = history.get(n);
    if (h) h.push([round, set]);
    else history.set(n, [[round, set]]);
  };
  let frontier = new Map<number, BddNode>();
  for (const [n, set] of sources) {
    if (set === hs.none) continue;
    at[n] = b.or(at[n]!, set);
    frontier.set(n, at[n]!);
    grew(n, 0, at[n]!);
  }
  for (let round = 1; frontier.size > 0; round++) {
    const incoming = new Map<number, BddNode>();
    for (const [n, delta] of frontier) {
      for (const e of graph.out[n]!) {
        if (certainOnly && uncertain(e)) continue;
        let moved = b.and(delta, relaxed ? e.topology : e.guard);
        if (moved === hs.none) continue;
        if (e.transform) moved = applyTransform(hs, moved, e);
        incoming.set(e.to, b.or(incoming.get(e.to) ?? hs.none, moved));
      }
    }
    const next = new Map<number, BddNode>();
    for (const [n, set] of incoming) {
      const grown = b.or(at[n]!, set);
      if (grown === at[n]) continue;
      next.set(n, b.diff(grown, at[n]!));
      at[n] = grown;
      grew(n, round, grown);
    }
    frontier = next;
  }
  return { graph, at, history, sources: new Map(sources), relaxed, certainOnly };
}

/** Whether a packet's way over the edge rests on an unknown: its own, a filter's, or rules that may not be a filter's own (a twin). */
export function uncertain(e: Edge): boolean {
  return e.twin === true || e.unknowns.length > 0 || e.filters.some((f) => f.unknowns.length > 0);
}

const TRANSFORM_VARS = new WeakMap<readonly Field[], number[]>();

/** The variables a transform rewrites; one list per transform, so that the BDD keeps its cube. */
function transformVars(fields: readonly Field[]): number[] {
  let vars = TRANSFORM_VARS.get(fields);
  if (!vars) TRANSFORM_VARS.set(fields, (vars = fields.flatMap((f) => fieldVars(f))));
  return vars;
}

function applyTransform(hs: HeaderSpace, set: BddNode, e: Edge): BddNode {
  return hs.bdd.and(hs.bdd.exists(set, transformVars(e.transform!.fields)), e.transform!.set);
}

/** One hop of a trace: the node reached, the edge taken into it and the packet as it arrived. */
export interface Hop {
  node: number;
  edge?: Edge;
  packet: Packet;
  /** The packet as it entered the edge (before a transform). */
  before?: Packet;
  /** The route and each filter's rule that let the packet through. */
  reasons: Reason[];
  /** In a relaxed search: the filters on the edge that would drop the packet. */
  blockedBy?: FilterPart[];
}

/** What had reached `node` by the end of `round` (FALSE before its first packet). */
function setAt(r: Reach, node: number, round: number): BddNode {
  let set: BddNode = FALSE;
  for (const [k, s] of r.history.get(node) ?? []) {
    if (k > round) break;
    set = s;
  }
  return set;
}

/**
 * A shortest trace that delivers a packet of `target ∧ want`, from a source: the hops from source to
 * target, each with the packet as it travels there. Undefined when no such packet arrives.
 */
export function trace(hs: HeaderSpace, r: Reach, target: number, want: BddNode, prefs?: WitnessPrefs): Hop[] | undefined {
  const b = hs.bdd;
  const hist = r.history.get(target) ?? [];
  let round = -1;
  let set = hs.none;
  for (const [k, s] of hist) {
    const hit = b.and(s, want);
    if (hit !== hs.none) {
      round = k;
      set = hit;
      break;
    }
  }
  if (round < 0) return undefined;
  let packet = hs.witness(set, prefs)!;
  let node = target;
  const hops: Hop[] = [];
  while (round > 0) {
    let step: { from: number; edge: Edge; before: Packet } | undefined;
    // The packet is one point: without a transform, an edge carried it iff the set that had reached
    // the edge's start and the edge's guard both hold it — no conjunction needs to be built.
    const holds = hs.membership(packet);
    let here: BddNode | undefined;
    for (const e of r.graph.in[node]!) {
      if (r.certainOnly && uncertain(e)) continue;
      const before = setAt(r, e.from, round - 1);
      if (before === hs.none) continue;
      const guard = r.relaxed ? e.topology : e.guard;
      if (!e.transform) {
        if (!holds(guard) || !holds(before)) continue;
        step = { from: e.from, edge: e, before: packet };
        break;
      }
      here ??= hs.packet(packet);
      const candidates = b.and(hs.bdd.exists(here, transformVars(e.transform.fields)), b.and(before, guard));
      if (candidates === hs.none) continue;
      if (b.and(applyTransform(hs, candidates, e), here) === hs.none) continue;
      step = { from: e.from, edge: e, before: hs.witness(candidates, prefs)! };
      break;
    }
    if (!step) break;
    const before = step.before;
    hops.push({ node, edge: step.edge, packet, before, reasons: reasonsFor(hs, step.edge, before), blockedBy: step.edge.filters.filter((f) => !hs.contains(f.permit, before)) });
    packet = before;
    node = step.from;
    round = firstRound(r, node, hs.membership(packet), round - 1);
  }
  hops.push({ node, packet, reasons: [] });
  return hops.reverse();
}

function firstRound(r: Reach, node: number, holds: (set: BddNode) => boolean, atMost: number): number {
  for (const [k, set] of r.history.get(node) ?? []) {
    if (k > atMost) break;
    if (holds(set)) return k;
  }
  return atMost;
}

/**
 * The route and the first rule of each filter that admit the packet on an edge; of a filter in
 * stages (Reason.stage), the first of each stage, the last stage first (it is the one that decides,
 * where an earlier stage's policy only passes the packet on), and an empty chain's policy last.
 */
function reasonsFor(hs: HeaderSpace, e: Edge, p: Packet): Reason[] {
  const out: Reason[] = [];
  const holds = hs.membership(p);
  for (const r of e.route ?? []) if (holds(r.match)) out.push(r);
  for (const f of e.filters) {
    const seen = new Set<string>();
    const staged: Reason[] = [];
    for (const x of f.reasons) {
      if (!holds(x.match)) continue;
      if (x.stage === undefined) {
        out.push(x);
        break;
      }
      if (seen.has(x.stage)) continue;
      staged.unshift(x);
      seen.add(x.stage);
    }
    out.push(...staged.filter((x) => !x.idle), ...staged.filter((x) => x.idle));
  }
  return out;
}
