/**
 * The graph as a packet sees it that asks for no reply: a UDP datagram, an ICMP message, any packet
 * of a protocol without connections. The forwarding graph carries a connection only where its reply
 * can come back too (a stateless ACL's reply rules, the reply's route, a firewall's reply chains);
 * but one datagram that arrives can carry a whole command (an SNMP set, a Modbus or DNP3 write over
 * UDP), whether or not an answer could ever return. This view keeps every condition on the packet
 * itself and drops those on its reply:
 * - filters that judge only the reply (`REPLY_CODES`) are left out of the edge;
 * - an edge whose topology includes the way back (Edge.forward) carries its topology without it, and
 *   the edges whose way back carries nothing (Graph.forwardOnly) are put back;
 * - twins through filters that may not be their own (FilterPart.possibly) are made again from the
 *   filters that remain, for what only those let through.
 * Edges with nothing to drop are shared with the graph. The new connection's packet is the same
 * (PathAnalysis.sources): a search here finds every packet that arrives, with or without a reply.
 */
import type { BddNode } from '../engine/bdd.js';
import type { HeaderSpace } from '../engine/header-space.js';
import type { Edge, FilterPart, Graph } from './types.js';

/** Settings that judge a connection's reply, never its first packet (their codes, as blocked paths name them). */
const REPLY_CODES: ReadonlySet<string> = new Set(['NACL_RETURN_DENY', 'FW_REPLY_DROP', 'IGW_NO_RETURN_ROUTE', 'NO_RETURN_ROUTE']);

export function isReplyFilter(f: FilterPart): boolean {
  return REPLY_CODES.has(f.code);
}

/**
 * The view, made lazily: a node's edges are made the first time a search meets the node (a search
 * from the internet meets a few gateways and public hosts of thousands of nodes), each edge once.
 */
export function oneWayView(hs: HeaderSpace, g: Graph): Graph {
  const b = hs.bdd;
  const made = new Map<Edge, Edge[]>();
  // The conjunction of a list of filters, by the filters: thousands of edges share a few lists (a
  // VPC's subnets share their ACLs), as in buildGraph.
  const ids = new Map<FilterPart, number>();
  const conjunctions = new Map<string, BddNode>();
  const permitOf = (filters: readonly FilterPart[]): BddNode => {
    let key = '';
    for (const f of filters) {
      let id = ids.get(f);
      if (id === undefined) ids.set(f, (id = ids.size));
      key += `${id},`;
    }
    let set = conjunctions.get(key);
    if (set === undefined) conjunctions.set(key, (set = b.andAll(filters.map((f) => f.permit))));
    return set;
  };
  /** The edges that stand for `e` in the view: itself, or none, or its one-way form and that form's twin. */
  const of = (e: Edge): Edge[] => {
    let out = made.get(e);
    if (out) return out;
    out = [];
    made.set(e, out);
    const replies = e.filters.some(isReplyFilter);
    if (!replies && !e.forward) {
      out.push(e);
      return out;
    }
    // A twin of an edge that changes is made again below, from its main edge.
    if (e.twin) return out;
    const filters = replies ? e.filters.filter((f) => !isReplyFilter(f)) : e.filters;
    const topology = e.forward?.topology ?? e.topology;
    const unknowns = e.forward?.unknowns ?? e.unknowns;
    const guard = b.and(topology, permitOf(filters));
    const main: Edge = { ...e, topology, filters, guard, unknowns };
    delete main.forward;
    if (guard !== hs.none) out.push(main);
    if (!filters.some((f) => f.possibly)) return out;
    const widened = filters.map((f) => f.possibly ?? f);
    const more = b.diff(b.and(topology, permitOf(widened)), guard);
    if (more !== hs.none) out.push({ ...main, filters: widened, guard: more, twin: true });
    return out;
  };
  const extraOut = new Map<number, Edge[]>();
  const extraIn = new Map<number, Edge[]>();
  for (const e of g.forwardOnly) {
    extraOut.set(e.from, [...(extraOut.get(e.from) ?? []), e]);
    extraIn.set(e.to, [...(extraIn.get(e.to) ?? []), e]);
  }
  const adjacency = (lists: Edge[][], extra: Map<number, Edge[]>): Edge[][] =>
    new Proxy<Edge[][]>(new Array<Edge[]>(lists.length), {
      get(target, key, receiver) {
        if (typeof key !== 'string') return Reflect.get(target, key, receiver) as unknown;
        const i = Number(key);
        if (!Number.isInteger(i) || i < 0 || i >= lists.length) return Reflect.get(target, key, receiver) as unknown;
        return (target[i] ??= [...lists[i]!, ...(extra.get(i) ?? [])].flatMap(of));
      },
    });
  const out = adjacency(g.out, extraOut);
  const inn = adjacency(g.in, extraIn);
  const view: Graph = { nodes: g.nodes, byName: g.byName, edges: [], out, in: inn, forwardOnly: [] };
  // Every edge of the view, for whoever asks for them all (no search does).
  Object.defineProperty(view, 'edges', { get: () => [...g.edges, ...g.forwardOnly].flatMap(of), enumerable: true });
  return view;
}
