/**
 * What path rules and `gridfence path` ask of a system: the graph built once, searches from named
 * places memoised, and answers turned into findings' terms — a trace of hops with the rule or route
 * that let the packet through and its source range, the flow in readable form, and the unknowns the
 * path rests on.
 */
import type { GridfenceConfig } from '../config/types.js';
import type { BddNode } from '../engine/bdd.js';
import { fieldVars, FIELD, type Field } from '../engine/fields.js';
import { HeaderSpace, PROTO, type Packet, type WitnessPrefs } from '../engine/header-space.js';
import { formatIp, formatPrefix, type Prefix } from '../model/net/cidr.js';
import type { FirewallHost } from '../model/firewall.js';
import type { Endpoint, Network } from '../model/network.js';
import { addTo } from '../model/multimap.js';
import type { ModelResource } from '../model/resource.js';
import type { Span } from '../model/source.js';
import type { Unknown } from '../model/value.js';
import { awsNetwork } from './aws/index.js';
import { buildGraph, senderBit } from './build.js';
import { oneWayView } from './one-way.js';
import { reach, trace, uncertain, type Hop, type Reach } from './search.js';
import { spaces, type Spaces } from './spaces.js';
import type { Edge, Graph, GraphNode } from './types.js';

/** A place packets start from. `internet` includes the external networks met over the internet. */
export type Origin =
  | { kind: 'internet' }
  | { kind: 'external'; name: string }
  | { kind: 'zone'; zone: string }
  | { kind: 'endpoint'; id: string }
  /** Networks beyond VPNs, transit gateways and peerings that the configuration does not declare. */
  | { kind: 'undeclared' }
  /** Whatever may send from these addresses: our endpoints that own them, or the networks outside. */
  | { kind: 'cidr'; prefix: Prefix };

export interface PathHop {
  node: string;
  step?: string;
  /** The route, rule or listener that admitted the packet, with its source. */
  reasons: Array<{ text: string; span?: Span; declaredBy?: string; defaultAllow?: boolean }>;
  packet: Packet;
  /** In a blocked path: the settings on this hop that drop the packet. */
  blockedBy?: Array<{ code: string; name: string; span?: Span }>;
  /**
   * Filters on the hop: `permissive` when the filter allows every packet of one IP version (it defends
   * nothing), `allowAny` when the rule that let this packet through does.
   */
  filters: Array<{ name: string; permissive: boolean; allowAny: boolean; span?: Span }>;
  /** The edge's kind of step and the node kinds at both ends, for rules that classify hops. */
  kind?: string;
  fromKind?: string;
  toKind: string;
  toZone?: string;
  /** The edge re-originates the connection (NAT, load balancer listener). */
  transforms: boolean;
}

export interface PathAnswer {
  hops: PathHop[];
  packet: Packet;
  /** Every packet of the query that arrives (all sources together). */
  set: BddNode;
  unknowns: Unknown[];
  /**
   * For a certain answer in a graph with edges that rest on unknowns: the answer for the packets that
   * arrive there only through such edges (possible), when there are such packets.
   */
  alsoPossibly?: () => PathAnswer | undefined;
}

/** Sizes the diagram tables from the model (see `Bdd`): too high costs hash-table memory, too low the doublings. */
const NODES_PER_RESOURCE = 32;

export class PathAnalysis {
  readonly hs: HeaderSpace;
  readonly net: Network;
  readonly spaces: Spaces;
  readonly graph: Graph;
  private readonly memo = new Map<string, Reach>();
  /** Per endpoint-in node: the packets addressed to it (see `addressedTo`). */
  private readonly addressed = new Map<number, BddNode>();

  constructor(
    resources: readonly ModelResource[],
    readonly config: GridfenceConfig | undefined,
    readonly zoneOf: (address: string) => string | undefined,
    /** Firewall hosts placed by gridfence.yaml. */
    hosts: readonly FirewallHost[] = [],
  ) {
    // About 32 diagram nodes per resource on the benchmark's generated systems (165 000 for 5 161 resources).
    this.hs = new HeaderSpace(0, resources.length * NODES_PER_RESOURCE);
    this.spaces = spaces(this.hs, config);
    this.net = awsNetwork(resources, this.spaces.declared);
    for (const h of hosts) this.net.hosts.set(h.name, h);
    this.graph = buildGraph({ net: this.net, hs: this.hs, spaces: this.spaces, zoneOf });
  }

  /** Nodes where packets of an origin start, with the packets each may send. */
  sources(o: Origin, oneWay = false): Map<number, BddNode> {
    const out = new Map<number, BddNode>();
    // A packet that asks for no reply may come from any port: no ACL has to let an answer back to it.
    // Nor does a connection from outside keep to the ephemeral ports: whoever starts it there picks
    // its source port, and one where the ACLs let replies back (80, 443, 53) opens what those rules
    // were written for the host's own connections.
    const outside = o.kind === 'internet' || o.kind === 'external' || o.kind === 'undeclared';
    const ct = oneWay || outside ? this.hs.ctState('new') : this.newConnections();
    if (o.kind === 'endpoint') {
      const n = this.graph.byName.get(`endpoint-out ${o.id}`);
      if (n) out.set(n.index, this.hs.bdd.and(ct, this.sender(o.id)));
      return out;
    }
    for (const n of this.graph.nodes) {
      if (o.kind === 'internet' && n.kind === 'internet') out.set(n.index, this.hs.bdd.and(ct, this.spaces.internet('srcIp')));
      else if (o.kind === 'internet' && n.kind === 'external' && n.internetSide) out.set(n.index, this.hs.bdd.and(ct, this.spaces.external(n.zone!, 'srcIp')));
      else if (o.kind === 'external' && n.kind === 'external' && n.zone === o.name) out.set(n.index, this.hs.bdd.and(ct, this.spaces.external(o.name, 'srcIp')));
      else if (o.kind === 'zone' && n.kind === 'endpoint-out' && n.zone === o.zone && this.originates(n.name)) out.set(n.index, this.hs.bdd.and(ct, this.sender(n.name)));
      else if (o.kind === 'undeclared' && n.kind === 'undeclared') out.set(n.index, this.hs.bdd.diff(ct, this.spaces.anyExternal('srcIp')));
      else if (o.kind === 'cidr') {
        const own = this.hs.bdd.and(ct, this.hs.prefix('srcIp', o.prefix));
        const space = this.originSpace(n);
        if (space !== undefined) {
          const set = this.hs.bdd.and(own, space);
          if (set !== this.hs.none) out.set(n.index, set);
        }
      }
    }
    return out;
  }

  /**
   * The first packet of a new connection our own hosts open. Clients send TCP and UDP from an ephemeral
   * port (1024–65535; Linux uses 32768–60999, Windows 49152–65535), which is where stateless ACLs must
   * let replies back (NA7). Connections from outside start from any port (`sources`).
   */
  private newConnections(): BddNode {
    const hs = this.hs;
    const ported = hs.bdd.or(hs.protocol(PROTO.tcp), hs.protocol(PROTO.udp));
    return hs.bdd.and(hs.ctState('new'), hs.bdd.or(hs.bdd.not(ported), hs.range('srcPort', 1024, 65535)));
  }

  /**
   * What an endpoint's own packets say of their sender (fields.ts `pub`): from each address of the
   * endpoint or of an interface attached to it, whether that one has a public address (free when
   * that is not known, or when two of them share a stand-in range). Other sources (a forwarder's)
   * leave the bit free.
   */
  private sender(id: string): BddNode {
    const e = this.net.endpoints.get(id);
    if (!e) return this.hs.all;
    const b = this.hs.bdd;
    const hosts = [e, ...(this.attached(id) ?? [])];
    let set = b.not(b.orAll(hosts.map((x) => this.hs.prefixes('srcIp', x.addresses))));
    for (const x of hosts) set = b.or(set, b.and(this.hs.prefixes('srcIp', x.addresses), senderBit(this.hs, x)));
    return set;
  }

  /** NAT gateways and load balancers only pass on what others started; they open no connection of their own. */
  private originates(id: string): boolean {
    const k = this.net.endpoints.get(id)?.kind;
    return k !== 'nat-gateway' && k !== 'load-balancer' && k !== 'firewall';
  }

  /** The source addresses a node may send from, for CIDR origins; undefined for nodes that only forward. */
  private originSpace(n: GraphNode): BddNode | undefined {
    switch (n.kind) {
      case 'internet':
        return this.spaces.internet('srcIp');
      case 'external':
        return this.spaces.external(n.zone!, 'srcIp');
      case 'undeclared':
        return this.hs.bdd.not(this.spaces.anyExternal('srcIp'));
      case 'endpoint-out': {
        const e = this.net.endpoints.get(n.name);
        if (!this.originates(n.name)) return undefined;
        if (e) return this.hs.prefixes('srcIp', this.hostAddresses(e));
        // The network behind a firewall host's interface: the sources its edges let out.
        return this.hs.bdd.orAll(this.graph.out[n.index]!.map((x) => x.topology));
      }
      default:
        return undefined;
    }
  }

  /** Every packet an origin's new connections can bring to each node. `relaxed` ignores the filters (blocked paths). */
  from(o: Origin, relaxed = false): Reach {
    const key = originKey(o) + (relaxed ? ' relaxed' : '');
    let r = this.memo.get(key);
    if (!r) this.memo.set(key, (r = reach(this.hs, this.graph, this.sources(o), relaxed)));
    return r;
  }

  /**
   * Like `from`, for packets that ask for no reply (graph/one-way.ts): every packet the origin may
   * start, from any port, that arrives, whether or not a reply could come back. `within` keeps the
   * search to the packets a rule asks about (`key` names them for the cache): it is cheaper.
   */
  fromOneWay(o: Origin, within?: { set: BddNode; key: string }): Reach {
    const key = `${originKey(o)} one-way${within ? ` ${within.key}` : ''}`;
    let r = this.memo.get(key);
    if (!r) this.memo.set(key, (r = reach(this.hs, (this.oneWay ??= oneWayView(this.hs, this.graph)), this.oneWaySources(o, within))));
    return r;
  }
  private oneWay: Graph | undefined;

  /** Like `fromOneWay`, over the graph without the nodes `avoid` accepts (`fromAvoiding`); `key` names them for the cache. */
  fromOneWayAvoiding(o: Origin, within: { set: BddNode; key: string }, key: string, avoid: (n: GraphNode) => boolean): Reach {
    const memoKey = `${originKey(o)} one-way ${within.key} avoiding ${key}`;
    let r = this.memo.get(memoKey);
    if (!r) this.memo.set(memoKey, (r = reach(this.hs, oneWayView(this.hs, this.avoiding(key, avoid)), this.oneWaySources(o, within))));
    return r;
  }

  /** Where a one-way search starts, and with what (fromOneWay). */
  private oneWaySources(o: Origin, within?: { set: BddNode; key: string }): Map<number, BddNode> {
    // From outside, a datagram may claim any source address, as no reply has to find its way back:
    // from the internet, any public one (a closed external's too, and the filters that trust it let
    // the forgery in); from an undeclared network, any at all. One that claims an address of the
    // system's own networks (a forgery the gateways on the way may or may not drop: not modelled) is
    // left out, or every filter that trusts an inner range would be reported for it. `sources`
    // already keeps other origins to their own addresses.
    const sources = this.sources(o, true);
    const b = this.hs.bdd;
    if (o.kind === 'undeclared' || o.kind === 'internet') {
      const claims = o.kind === 'internet' ? this.spaces.forgeable('srcIp') : this.hs.all;
      for (const [n, set] of sources) sources.set(n, b.diff(this.graph.nodes[n]!.kind === o.kind ? b.and(this.hs.ctState('new'), claims) : set, this.ownSpace()));
    }
    // Addresses asked for as a CIDR may also be claimed by a datagram from the internet.
    const internet = o.kind === 'cidr' ? this.graph.nodes.find((n) => n.kind === 'internet') : undefined;
    if (o.kind === 'cidr' && internet) {
      const forged = b.diff(b.andAll([this.hs.ctState('new'), this.hs.prefix('srcIp', o.prefix), this.spaces.forgeable('srcIp')]), this.ownSpace());
      if (forged !== this.hs.none) sources.set(internet.index, b.or(sources.get(internet.index) ?? this.hs.none, forged));
    }
    if (within) for (const [n, set] of sources) sources.set(n, this.hs.bdd.and(set, within.set));
    return sources;
  }

  /** Source addresses of the system's own networks: its VPCs' and subnets' ranges. */
  private ownSpace(): BddNode {
    if (this.own === undefined) {
      const prefixes = [...[...this.net.vpcs.values()].filter((v) => !v.outside).flatMap((v) => v.cidrs), ...[...this.net.subnets.values()].flatMap((s) => [...(s.cidr ? [s.cidr] : []), ...(s.ipv6 ? [s.ipv6] : [])])];
      this.own = this.hs.prefixes('srcIp', prefixes);
    }
    return this.own;
  }
  private own: BddNode | undefined;

  /**
   * Like `from`, over the graph without the nodes `avoid` accepts (no edge enters or leaves them): the
   * packets that arrive along paths that never pass through those nodes. `key` names the set of
   * avoided nodes for the cache.
   */
  fromAvoiding(o: Origin, key: string, avoid: (n: GraphNode) => boolean): Reach {
    const memoKey = `${originKey(o)} avoiding ${key}`;
    let r = this.memo.get(memoKey);
    if (r) return r;
    this.memo.set(memoKey, (r = reach(this.hs, this.avoiding(key, avoid), this.sources(o))));
    return r;
  }

  /** The graph without the nodes `avoid` accepts (`key` names them): no edge enters or leaves them. */
  private avoiding(key: string, avoid: (n: GraphNode) => boolean): Graph {
    const made = this.avoidingViews.get(key);
    if (made) return made;
    const g = this.graph;
    const skip = g.nodes.map((n) => avoid(n));
    const keep = (e: Edge): boolean => !skip[e.from] && !skip[e.to];
    const view: Graph = { nodes: g.nodes, byName: g.byName, edges: g.edges.filter(keep), out: g.out.map((l) => l.filter(keep)), in: g.in.map((l) => l.filter(keep)), forwardOnly: g.forwardOnly.filter(keep) };
    this.avoidingViews.set(key, view);
    return view;
  }
  private readonly avoidingViews = new Map<string, Graph>();

  /**
   * New connections of external network `name` that enter by the ways `enters` accepts. A way in is
   * the node an external's edge leads to (a VPN gateway's or transit gateway attachment's inbound
   * side, a firewall host's interface), or, for the network met over the internet, that external's
   * own internet-side node (`to` undefined). Lets a rule tell IPsec entries from the others exactly,
   * rather than from one witness path.
   */
  fromExternalVia(name: string, enters: (to: GraphNode | undefined) => boolean, key: string): Reach {
    const memoKey = `external ${name} via ${key}`;
    let r = this.memo.get(memoKey);
    if (r) return r;
    const base = this.hs.bdd.and(this.hs.ctState('new'), this.spaces.external(name, 'srcIp'));
    // The search starts at the external's own nodes, over a view without the ways in that `enters`
    // rejects: the edge in stays on the path, with what it rests on (a peering toward a range not known).
    const g = this.graph;
    const sources = new Map<number, BddNode>();
    const rejected = new Set<Edge>();
    for (const n of g.nodes) {
      if (n.kind !== 'external' || n.zone !== name) continue;
      if (n.internetSide) {
        if (enters(undefined)) sources.set(n.index, base);
        continue;
      }
      for (const e of g.out[n.index]!) if (!enters(g.nodes[e.to]!)) rejected.add(e);
      if (g.out[n.index]!.some((e) => !rejected.has(e))) sources.set(n.index, base);
    }
    const keep = (e: Edge): boolean => !rejected.has(e);
    const view: Graph = rejected.size ? { nodes: g.nodes, byName: g.byName, edges: g.edges.filter(keep), out: g.out.map((l) => l.filter(keep)), in: g.in.map((l) => l.filter(keep)), forwardOnly: g.forwardOnly.filter(keep) } : g;
    this.memo.set(memoKey, (r = reach(this.hs, view, sources)));
    return r;
  }

  /** Nodes that receive: endpoints (their receiving side), the internet, externals, undeclared networks. */
  sinks(pred: (n: GraphNode) => boolean, interfaces = false): GraphNode[] {
    // Asked for by name (gridfence path), an interface attached to an instance answers for itself.
    if (interfaces) return this.graph.nodes.filter((n) => pred(n) && (n.kind === 'endpoint-in' ? this.receives(n.name, true) : n.kind === 'internet' || n.kind === 'external' || n.kind === 'undeclared'));
    // Rules ask once per zone, origin and service: the receiving nodes are found once.
    this.receiving ??= this.graph.nodes.filter((n) => (n.kind === 'endpoint-in' ? this.receives(n.name) : n.kind === 'internet' || n.kind === 'external' || n.kind === 'undeclared'));
    return this.receiving.filter(pred);
  }
  private receiving: GraphNode[] | undefined;

  /**
   * NAT gateways and firewall endpoints accept no connection of their own: packets reaching them are
   * in transit. An interface attached to an instance in the instance's zone receives as that instance
   * (Endpoint.interfaceOf), which is asked instead: one host, one answer. One in another zone answers
   * for that zone too.
   */
  private receives(id: string, interfaces = false): boolean {
    const e = this.net.endpoints.get(id);
    if (e?.kind === 'nat-gateway' || e?.kind === 'firewall') return false;
    return interfaces || !e?.interfaceOf || !this.net.endpoints.has(e.interfaceOf) || this.zoneOf(e.id) !== this.zoneOf(e.interfaceOf);
  }

  /** Packets that an endpoint receives as their destination (not those it forwards, such as routed transit). */
  private addressedTo(n: GraphNode): BddNode {
    let set = this.addressed.get(n.index);
    if (set === undefined) {
      const e = n.kind === 'endpoint-in' ? this.net.endpoints.get(n.name) : undefined;
      set = e ? this.hs.prefixes('dstIp', this.hostAddresses(e)) : this.hs.all;
      this.addressed.set(n.index, set);
    }
    return set;
  }

  /** Whether packets of `want` arrive at `node` (addressed to it, for an endpoint): `answer` without the trace. */
  reaches(r: Reach, node: GraphNode, wanted: BddNode = this.hs.all): boolean {
    if (r.at[node.index] === this.hs.none) return false;
    return this.hs.bdd.and(r.at[node.index]!, this.hs.bdd.and(wanted, this.addressedTo(node))) !== this.hs.none;
  }

  /**
   * A path of any packet that arrives at `node`, addressed to it or passing through (a NAT gateway's
   * transit): what an exchange with the node rests on. A certain one when there is one.
   */
  arriving(r: Reach, node: GraphNode): PathAnswer | undefined {
    for (const search of this.hasUncertain ? [this.certainOnly(r), r] : [r]) {
      const set = search.at[node.index]!;
      const hops = set === this.hs.none ? undefined : trace(this.hs, search, node.index, set);
      if (hops) return this.toAnswer(hops, set, search);
    }
    return undefined;
  }

  /** A readable, alarming witness and its trace, for packets of `want` arriving at `node`. */
  answer(given: Reach, node: GraphNode, wanted: BddNode = this.hs.all, prefs?: WitnessPrefs): PathAnswer | undefined {
    let r = given;
    if (r.at[node.index] === this.hs.none) return undefined;
    const want = this.hs.bdd.and(wanted, this.addressedTo(node));
    let set = this.hs.bdd.and(r.at[node.index]!, want);
    if (set === this.hs.none) return undefined;
    let alsoPossibly: PathAnswer['alsoPossibly'];
    let hops = trace(this.hs, r, node.index, want, prefs);
    if (!hops) return undefined;
    // A path that rests on an unknown is shown only when no certain path carries packets of `want`
    // there: the answer is then the certain path and the packets that travel without unknowns (what
    // only an unknown lets through is possible, and given as `alsoPossibly`).
    if (this.hasUncertain) {
      const surely = this.certainOnly(r);
      const sure = this.hs.bdd.and(surely.at[node.index]!, want);
      const isUncertain = (h: Hop): boolean => h.edge !== undefined && uncertain(h.edge);
      const other = sure === this.hs.none || !hops.some(isUncertain) ? undefined : trace(this.hs, surely, node.index, want, prefs);
      if (other) hops = other;
      if (!hops.some(isUncertain)) {
        const rest = this.hs.bdd.diff(set, sure);
        if (rest !== this.hs.none) alsoPossibly = () => this.answer(given, node, rest, prefs);
        set = sure;
        r = surely;
      }
    }
    // An endpoint reaching its own address is no flow between two places: look again without the
    // endpoint's own addresses as the source (where a subnet stands for an unknown address, that
    // also leaves out its neighbours — the price of not knowing the address).
    if (node.kind === 'endpoint-in' && this.graph.nodes[hops[0]!.node]!.name === node.name) {
      const others = this.hs.bdd.diff(want, this.srcOf(node.name));
      // Certain paths first, as above; else whatever reaches it.
      for (const search of r === given ? [r] : [r, given]) {
        const again = this.hs.bdd.and(search.at[node.index]!, others);
        const found = again === this.hs.none ? undefined : trace(this.hs, search, node.index, others, prefs);
        if (found) return this.toAnswer(found, again, search);
      }
      return undefined;
    }
    const a = this.toAnswer(hops, set, r);
    if (alsoPossibly) a.alsoPossibly = alsoPossibly;
    return a;
  }

  /**
   * The answer's unknowns: those on the path's edges and filters, and the stand-in address of an
   * endpoint at either end when not every address it could get takes part (an unknown private
   * address matters only then).
   */
  private toAnswer(hops: Hop[], set: BddNode, r?: Reach): PathAnswer {
    const unknowns: Unknown[] = [];
    const add = (u: Unknown): void => {
      if (!unknowns.includes(u)) unknowns.push(u);
    };
    for (const h of hops) for (const u of [...(h.edge?.unknowns ?? []), ...(h.edge?.filters ?? []).flatMap((f) => f.unknowns)]) add(u);
    // The sources as they left the origin: a translation on the way (a NAT gateway) replaced them.
    const translated = r !== undefined && hops.some((h) => h.edge?.transform?.fields.includes('srcIp'));
    const ends: Array<[number, 'srcIp' | 'dstIp', BddNode]> = [
      [hops[0]!.node, 'srcIp', translated ? this.leaving(hops, set, r) : set],
      [hops[hops.length - 1]!.node, 'dstIp', set],
    ];
    for (const [node, field, packets] of ends) {
      const e = this.net.endpoints.get(this.graph.nodes[node]!.name);
      if (!e) continue;
      // An instance is also the interfaces attached to it: each address the flow uses counts.
      for (const x of [e, ...(this.attached(e.id) ?? [])]) {
        if (!x.addressUnknown && !x.ipv6Unknown) continue;
        const mine = x === e && !this.attached(e.id) ? packets : this.hs.bdd.and(packets, this.hs.prefixes(field, x.addresses));
        if (mine !== this.hs.none && x.ipv6Unknown && this.hs.bdd.and(mine, this.hs.version(6)) !== this.hs.none) add(x.ipv6Unknown);
        if (!x.addressUnknown) continue;
        if (mine !== this.hs.none && !this.coversAll(mine, field, x.addresses)) add(x.addressUnknown);
      }
    }
    return { hops: hops.map((h) => this.hop(h)), packet: hops[hops.length - 1]!.packet, set, unknowns };
  }

  /**
   * The packets that leave a path's first node and arrive as `set`: back along the hops, each
   * edge's pre-image (a transform frees the fields it set), within what the search brought there.
   */
  private leaving(hops: Hop[], set: BddNode, r: Reach): BddNode {
    const b = this.hs.bdd;
    let s = set;
    for (let i = hops.length - 1; i >= 1; i--) {
      const e = hops[i]!.edge;
      if (!e) break;
      if (e.transform) s = b.exists(b.and(s, e.transform.set), e.transform.fields.flatMap((f) => fieldVars(f)));
      s = b.andAll([s, e.guard, r.at[e.from]!]);
    }
    return s;
  }

  /** Whether some edge rests on an unknown (search.ts `uncertain`). */
  get hasUncertain(): boolean {
    return (this.someUncertain ??= this.graph.edges.some(uncertain) || this.graph.forwardOnly.some(uncertain));
  }
  private someUncertain: boolean | undefined;

  /** The same search as `r` through the edges that rest on no unknown; `r` itself when the graph has none. */
  certainOnly(r: Reach): Reach {
    if (!this.hasUncertain) return r;
    let d = this.certain.get(r);
    if (!d) this.certain.set(r, (d = reach(this.hs, r.graph, r.sources, r.relaxed, true)));
    return d;
  }
  private readonly certain = new WeakMap<Reach, Reach>();

  /** The source addresses of an endpoint. */
  private srcOf(id: string): BddNode {
    const e = this.net.endpoints.get(id);
    return e ? this.hs.prefixes('srcIp', this.hostAddresses(e)) : this.hs.none;
  }

  /** An endpoint's addresses, an instance's with those of the interfaces attached to it (Endpoint.interfaceOf): one host. */
  private hostAddresses(e: Endpoint): Prefix[] {
    const more = this.attached(e.id);
    return more ? [...e.addresses, ...more.flatMap((x) => x.addresses)] : e.addresses;
  }

  /** The interfaces attached to an instance; undefined for none. */
  private attached(id: string): Endpoint[] | undefined {
    if (!this.interfaces) {
      this.interfaces = new Map();
      for (const x of this.net.endpoints.values()) if (x.interfaceOf) addTo(this.interfaces, x.interfaceOf, x);
    }
    return this.interfaces.get(id);
  }
  private interfaces: Map<string, Endpoint[]> | undefined;

  private hop(h: Hop): PathHop {
    const n = this.graph.nodes[h.node]!;
    const e = h.edge;
    return {
      filters: (e?.filters ?? []).map((f) => {
        // Every rule that took the packet allows anything: a firewall hook passes it through each of
        // its tables in turn (an empty mangle chain's policy ACCEPT, then the filter table's rule), and
        // one explicit rule among them is a list of what may pass.
        const used = f.reasons.filter((r) => this.hs.contains(r.match, h.before ?? h.packet));
        return { name: f.name, permissive: this.allowsAny(f.permit), allowAny: used.length > 0 && used.every((r) => this.allowsAny(r.match)), ...(f.span ? { span: f.span } : {}) };
      }),
      ...(e ? { kind: e.step, fromKind: this.graph.nodes[e.from]!.kind } : {}),
      toKind: n.kind,
      ...(n.zone ? { toZone: n.zone } : {}),
      transforms: e?.transform !== undefined,
      node: n.name,
      step: h.edge ? [h.edge.step, ...(h.edge.transform ? [h.edge.transform.text] : [])].join(': ') : undefined,
      reasons: h.reasons.map((r) => ({ text: r.text, span: r.span, declaredBy: r.declaredBy, ...(r.defaultAllow ? { defaultAllow: true } : {}) })),
      packet: h.packet,
      ...(h.blockedBy?.length ? { blockedBy: h.blockedBy.map((f) => ({ code: f.code, name: f.name, ...(f.span ? { span: f.span } : {}) })) } : {}),
    };
  }

  /** Allows every packet of one IP version: all protocols, all ports, any address (0.0.0.0/0 or ::/0). */
  allowsAny(set: BddNode): boolean {
    return this.hs.bdd.implies(this.hs.version(4), set) || this.hs.bdd.implies(this.hs.version(6), set);
  }

  /** "tcp", "0.0.0.0/0", "10.10.1.0/24", "443" — the flow of a set, as findings print it. */
  flow(set: BddNode): { protocol: string; source: string; destination: string; ports: string } {
    return this.hs.describe(set);
  }

  packetText(p: Packet): string {
    return packetText(p);
  }

  /** Whether `set` holds a packet for every address of `prefixes` on a field (an unknown address does not matter then). */
  coversAll(set: BddNode, field: 'srcIp' | 'dstIp', prefixes: readonly Prefix[]): boolean {
    const hs = this.hs;
    const projected = hs.bdd.exists(set, otherVars(field));
    // An endpoint gets an address of each version apart: a flow of one version covers its
    // addresses of that version, whatever the other's stand-in.
    return ([4, 6] as const).every((v) => {
      const version = hs.version(v);
      if (hs.bdd.and(projected, version) === hs.none) return true;
      return hs.bdd.implies(this.hs.prefixes(field, prefixes.filter((p) => p.version === v)), projected);
    });
  }
}

/** An origin as text, for the search caches (a prefix's network is a bigint, which JSON cannot write). */
function originKey(o: Origin): string {
  return o.kind === 'cidr' ? `cidr ${formatPrefix(o.prefix.version, o.prefix.network, o.prefix.bits)}` : JSON.stringify(o);
}

/** "tcp/22 8.8.8.8 → 10.20.1.10", "icmp type 8 10.0.1.1 → 10.0.2.1": a packet as findings write it. */
export function packetText(p: Packet): string {
  const proto = p.protocol === 6 ? 'tcp' : p.protocol === 17 ? 'udp' : p.protocol === 1 ? 'icmp' : p.protocol === 58 ? 'icmpv6' : `protocol ${p.protocol}`;
  const port = p.protocol === 6 || p.protocol === 17 ? `/${p.dstPort}` : p.protocol === 1 || p.protocol === 58 ? ` type ${p.icmpType}${p.icmpCode ? ` code ${p.icmpCode}` : ''}` : '';
  return `${proto}${port} ${formatIp(p.version, p.srcIp)} → ${formatIp(p.version, p.dstIp)}`;
}

const OTHER_VARS = new Map<Field, number[]>();

/** Every variable outside `keep` (and the version bit); one list per field, so that the BDD keeps its cube. */
function otherVars(keep: Field): number[] {
  let vars = OTHER_VARS.get(keep);
  if (!vars) OTHER_VARS.set(keep, (vars = (Object.keys(FIELD) as Field[]).filter((f) => f !== keep && f !== 'v6').flatMap((f) => fieldVars(f))));
  return vars;
}

/**
 * Packets of services written as the configuration writes them: `tcp/443`, `udp/500-4500`, `icmp`,
 * `esp`, `any`. Undefined for a service that does not parse (the schema rejects those earlier).
 */
export function servicesSet(hs: HeaderSpace, services: readonly string[]): BddNode | undefined {
  let out = hs.none;
  for (const s of services) {
    const m = /^(tcp|udp|icmp|icmpv6|esp|ah|gre|any|all)(?:\/(\d+)(?:-(\d+))?)?$/i.exec(s.trim());
    if (!m) return undefined;
    const proto = m[1]!.toLowerCase();
    if (proto === 'any' || proto === 'all') return hs.all;
    let set = hs.protocol(PROTO[proto as keyof typeof PROTO]);
    if (m[2] !== undefined) set = hs.bdd.and(set, hs.range('dstPort', Number(m[2]), Number(m[3] ?? m[2])));
    out = hs.bdd.or(out, set);
  }
  return out;
}
