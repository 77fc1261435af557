/**
 * Builds the forwarding graph of a network (network-semantics.md §2.3 and §3.3):
 *
 *   endpoint-out → subnet (security groups, egress) → subnet (local route, network ACLs both ways,
 *   replies included) → endpoint-in (security groups, ingress)
 *   subnet → gateway by the route table (LPM) → internet / external networks / an undeclared network
 *   internet → internet gateway → public endpoints only (GW1: public address — over IPv6 any
 *   address —, return route to the gateway, ACLs both ways, security groups); an egress-only
 *   gateway lets IPv6 out only
 *   NAT gateway: reached by a route from another subnet (GW3), re-originates TCP/UDP/ICMP from its own
 *   address on ports 1024–65535; load balancer listeners re-originate to their targets, or forward
 *   with the client's address kept (a Network Load Balancer's client IP preservation).
 *
 * Security groups are stateful and read on the forward packet only (SG3); network ACLs are read on the
 * request and on its reply (NA7) and not between two endpoints of one subnet (NA8).
 */
import type { BddNode } from '../engine/bdd.js';
import { PROTO, type HeaderSpace } from '../engine/header-space.js';
import type { Endpoint, Listener, Network, Peer, Route, Subnet, TgwAttachment } from '../model/network.js';
import type { Span } from '../model/source.js';
import { Unknown } from '../model/value.js';
import { Compiler, FORWARD, REPLY, targetKeyOf } from './compile.js';
import { addHosts } from './netfilter/hosts.js';
import type { Spaces } from './spaces.js';
import type { Edge, FilterPart, Graph, GraphNode, NodeKind, Reason, Transform } from './types.js';
import { addTo } from '../model/multimap.js';

export interface GraphInput {
  net: Network;
  hs: HeaderSpace;
  spaces: Spaces;
  zoneOf: (address: string) => string | undefined;
}

const NAT_PORTS: [number, number] = [1024, 65535];

/** See returnRoute in buildGraph. */
interface WayBack {
  certain: BddNode;
  certainUnknowns: Unknown[];
  possible: BddNode;
  possibleUnknowns: Unknown[];
}

/** The sender bit (fields.ts `pub`) of what `e` sends from its own address: free when its public address is not known. */
export function senderBit(hs: HeaderSpace, e: Endpoint): BddNode {
  return e.publicAddress === 'yes' ? hs.publicOrigin(true) : e.publicAddress === 'no' ? hs.publicOrigin(false) : hs.all;
}

/** The unknowns of the many edges that rest on none; frozen, since edges share it. */
const NO_UNKNOWNS = Object.freeze([]) as unknown as Unknown[];

export function buildGraph({ net, hs, spaces, zoneOf }: GraphInput): Graph {
  const b = hs.bdd;
  const c = new Compiler(hs, net);
  const nodes: GraphNode[] = [];
  const edges: Edge[] = [];
  const byName = new Map<string, GraphNode>();
  const node = (kind: NodeKind, name: string, zone?: string, span?: Span): GraphNode => {
    const key = `${kind} ${name}`;
    let n = byName.get(key);
    if (!n) {
      n = { index: nodes.length, kind, name, zone, span };
      nodes.push(n);
      byName.set(key, n);
    }
    return n;
  };
  // The conjunction of an edge's filters, by the filters: the subnets of a VPC share their ACLs, so
  // thousands of subnet-to-subnet edges have the same few filter lists.
  const filterIds = new Map<FilterPart, number>();
  const filterSets = new Map<string, BddNode>();
  const permitOf = (filters: FilterPart[]): BddNode => {
    if (filters.length === 0) return hs.all;
    if (filters.length === 1) return filters[0]!.permit;
    let key = '';
    for (const f of filters) {
      let id = filterIds.get(f);
      if (id === undefined) filterIds.set(f, (id = filterIds.size));
      key += `${id},`;
    }
    let set = filterSets.get(key);
    if (set === undefined) filterSets.set(key, (set = b.andAll(filters.map((f) => f.permit))));
    return set;
  };
  const forwardOnly: Edge[] = [];
  /** `extra.forward`: the topology and unknowns without a way back that `topology` includes (Edge.forward). */
  const edge = (from: GraphNode, to: GraphNode, topology: BddNode, filters: FilterPart[], step: string, extra: { route?: Reason[]; transform?: Transform; unknowns?: Unknown[]; forward?: Edge['forward'] } = {}): void => {
    const forward = extra.forward && extra.forward.topology !== topology ? extra.forward : undefined;
    if (topology === hs.none) {
      if (forward && forward.topology !== hs.none) forwardOnly.push({ from: from.index, to: to.index, topology, filters, guard: hs.none, step, route: extra.route, transform: extra.transform, unknowns: extra.unknowns ?? NO_UNKNOWNS, forward });
      return;
    }
    const guard = b.and(topology, permitOf(filters));
    edges.push({ from: from.index, to: to.index, topology, filters, guard, step, route: extra.route, transform: extra.transform, unknowns: extra.unknowns ?? NO_UNKNOWNS, ...(forward ? { forward } : {}) });
    // Its twin through the filters widened by rules that may be theirs (FilterPart.possibly), for
    // what only those let through; found after this edge, so a trace prefers the certain way.
    if (filters.some((f) => f.possibly)) {
      const widened = filters.map((f) => f.possibly ?? f);
      const more = b.diff(b.and(topology, b.andAll(widened.map((f) => f.permit))), guard);
      if (more !== hs.none) edges.push({ from: from.index, to: to.index, topology, filters: widened, guard: more, step, route: extra.route, transform: extra.transform, unknowns: extra.unknowns ?? NO_UNKNOWNS, twin: true, ...(forward ? { forward } : {}) });
    }
  };

  const internet = node('internet', 'internet', 'internet');
  internet.internetSide = true;
  const externals = spaces.externals.map((e) => node('external', e.name, e.name));
  /** The same networks met on the internet side of an internet gateway. */
  const overInternet = spaces.externals.map((e) => node('external', `${e.name} (over the internet)`, e.name));
  for (const n of overInternet) n.internetSide = true;
  const subnetNode = (s: Subnet): GraphNode => node('subnet', s.id, zoneOf(s.id), s.span);
  /**
   * Where packets from elsewhere enter a subnet: its own node, except for a subnet placed outside
   * the configuration, whose entry only delivers to its endpoints. A packet that arrives there from
   * another network, or by another subnet's local route, is addressed to one of them; routed on by
   * the routes that lead anywhere, one host outside would open every network to every other.
   */
  const entryNode = (s: Subnet): GraphNode => (s.outside ? node('subnet', `${s.id} (entry)`, zoneOf(s.id), s.span) : subnetNode(s));
  const aclOf = (s: Subnet) => (s.acl ? net.acls.get(s.acl) : undefined);
  const vpcSpan = (s: Subnet) => (s.vpc ? net.vpcs.get(s.vpc)?.span : undefined);
  /**
   * A subnet's ACL in one direction and view; for a subnet that may use other ACLs instead
   * (Subnet.maybeAcls), the same part with those as what it possibly lets through (FilterPart.possibly).
   */
  const maybeAclParts = new Map<string, FilterPart>();
  const subnetAcl = (s: Subnet, dir: 'ingress' | 'egress', view: typeof FORWARD): FilterPart => {
    const own = c.acl(aclOf(s), dir, view, vpcSpan(s));
    if (!s.maybeAcls?.length) return own;
    const key = `${s.id}\n${dir}\n${view === FORWARD ? 'f' : 'r'}`;
    let part = maybeAclParts.get(key);
    if (!part) {
      const alternatives = [own.possibly ?? own, ...s.maybeAcls.map((m) => c.acl(net.acls.get(m.acl), dir, view, vpcSpan(s))).map((p) => p.possibly ?? p)];
      const unknowns = [...new Set([...alternatives.flatMap((p) => p.unknowns), ...s.maybeAcls.map((m) => m.unknown)])];
      part = { ...own, possibly: { ...own, permit: b.orAll(alternatives.map((p) => p.permit)), reasons: alternatives.flatMap((p) => p.reasons), unknowns } };
      maybeAclParts.set(key, part);
    }
    return part;
  };
  const leaving = (s: Subnet): FilterPart[] => [subnetAcl(s, 'egress', FORWARD), subnetAcl(s, 'ingress', REPLY)];
  const entering = (s: Subnet): FilterPart[] => [subnetAcl(s, 'ingress', FORWARD), subnetAcl(s, 'egress', REPLY)];
  // By the two subnets' ACLs (a VPC's default ACL when none): the subnets of a VPC share a few, and
  // the subnet-to-subnet edges are thousands. A subnet that may use other ACLs is a case of its own.
  const crossings = new Map<string, FilterPart[]>();
  const aclKey = (s: Subnet): string => (s.maybeAcls?.length ? `subnet ${s.id}` : aclOf(s) ? `acl ${s.acl}` : `vpc ${s.vpc ?? ''}`);
  const crossing = (a: Subnet, z: Subnet): FilterPart[] => {
    if (a.id === z.id) return [];
    const key = `${aclKey(a)}\n${aclKey(z)}`;
    let parts = crossings.get(key);
    if (!parts) crossings.set(key, (parts = [...leaving(a), ...entering(z)]));
    return parts;
  };
  /**
   * A subnet's addresses, IPv4 and IPv6; every address while its IPv4 prefix is unknown (see
   * `subnetUnknown`), none of IPv4 in an IPv6-only subnet.
   */
  const dualSpaces = new Map<string, BddNode>();
  const subnetSpace = (s: Subnet, field: 'srcIp' | 'dstIp'): BddNode => {
    if (!s.ipv6) return s.cidr ? hs.prefix(field, s.cidr) : s.ipv6Native ? hs.none : hs.all;
    if (!s.cidr && !s.ipv6Native) return hs.all;
    const key = `${field} ${s.id}`;
    let set = dualSpaces.get(key);
    if (set === undefined) dualSpaces.set(key, (set = s.cidr ? b.or(hs.prefix(field, s.cidr), hs.prefix(field, s.ipv6)) : hs.prefix(field, s.ipv6)));
    return set;
  };
  /** The Unknown an edge constrained by `subnetSpace(s)` rests on, as a list to spread into `unknowns`. */
  const subnetUnknown = (s: Subnet): Unknown[] => (!s.cidr && s.unknown ? [s.unknown] : NO_UNKNOWNS);
  const routesOf = new Map<string, ReturnType<Compiler['routes']>>();
  const replyRoutesOf = new Map<string, ReturnType<Compiler['routes']>>();
  const tableRoutes = (id: string | undefined, reply = false) => {
    const memo = reply ? replyRoutesOf : routesOf;
    const t = id ? net.routeTables.get(id) : undefined;
    if (!t) return [];
    let r = memo.get(t.id);
    if (!r) memo.set(t.id, (r = c.routes(t, reply ? REPLY : FORWARD)));
    return r;
  };
  const routes = (s: Subnet, reply = false) => tableRoutes(s.routeTable, reply);
  /** The tables a subnet may use instead of its own (Subnet.maybeTables), with what that rests on. */
  const maybeRoutes = (s: Subnet, reply = false) =>
    (s.maybeTables ?? []).filter((m) => m.table !== s.routeTable).map((m) => ({ routes: tableRoutes(m.table, reply), unknown: m.unknown }));
  /**
   * Return traffic toward the forward packet's source must route to `target` (GW1). `certain`:
   * the packets whose reply a route of certain destination sends there; `certainUnknowns`, those of
   * the uncertain routes elsewhere (an unknown prefix list, a prefix list AWS may prefer) that may
   * take some of them over. `possible`: the other packets an uncertain route may send there, resting
   * on `possibleUnknowns`. Each uncertain route counts only where its guard reaches. `target` may
   * be several names of one thing (an instance and the interfaces attached to it).
   */
  const returnRoute = (s: Subnet, target: string | ReadonlySet<string>): WayBack => {
    const to = (r: { target: { kind: string; id?: string } }): boolean => (typeof target === 'string' ? targetKeyOf(r.target) === target : target.has(targetKeyOf(r.target)));
    const table = routes(s, true);
    let certain = hs.none;
    for (const r of table) if (!r.unknown && to(r)) certain = b.or(certain, r.guard);
    let possible = hs.none;
    const certainUnknowns: Unknown[] = [];
    const possibleUnknowns: Unknown[] = [];
    for (const r of table) {
      if (!r.unknown) continue;
      if (to(r)) {
        const more = b.diff(r.guard, certain);
        if (more === hs.none) continue;
        possible = b.or(possible, more);
        if (!possibleUnknowns.includes(r.unknown)) possibleUnknowns.push(r.unknown);
      } else if (b.and(r.guard, certain) !== hs.none && !certainUnknowns.includes(r.unknown)) certainUnknowns.push(r.unknown);
    }
    // A table the subnet may use instead: its routes there are a possible way back. The subnet's own
    // table stays certain, as its forward routes do: an association that may be elsewhere takes
    // nothing certain away.
    for (const m of maybeRoutes(s, true)) {
      let there = hs.none;
      for (const r of m.routes) if (to(r)) there = b.or(there, r.guard);
      const more = b.diff(there, certain);
      if (more !== hs.none) {
        possible = b.or(possible, more);
        if (!possibleUnknowns.includes(m.unknown)) possibleUnknowns.push(m.unknown);
      }
    }
    return { certain, certainUnknowns, possible, possibleUnknowns };
  };
  /**
   * Edges from `from` to `to` for packets of `topo` whose reply routes back (see returnRoute): one
   * for the certain way back, one for the possible one, each with the unknowns it rests on.
   * `delivers`: the gateway delivers what it receives whatever the way back (a VPN gateway, a
   * peering), so a packet that asks for no reply takes `topo` (Edge.forward). Not so where the way
   * back is what joins the two (a gateway endpoint, an egress-only gateway, a target not held, which
   * reach only the subnets that route to them).
   */
  const viaWayBack = (from: GraphNode, to: GraphNode, topo: BddNode, filters: FilterPart[], step: string, unknowns: Unknown[], back: WayBack, delivers: boolean): void => {
    edge(from, to, b.and(topo, back.certain), filters, step, { unknowns: back.certainUnknowns.length ? [...unknowns, ...back.certainUnknowns] : unknowns, ...(delivers ? { forward: { topology: topo, unknowns } } : {}) });
    if (back.possible !== hs.none) edge(from, to, b.and(topo, back.possible), filters, step, { unknowns: [...unknowns, ...back.possibleUnknowns] });
  };

  /**
   * Whether a peering joins two VPCs the configuration holds. A VPC it only names (aws/routing.ts)
   * has routes not known: a peering to it is a gateway to somewhere not known, not a delivery into
   * the subnets it names.
   */
  function joinsHeldVpcs(vpcs: readonly string[] | undefined): vpcs is readonly string[] {
    return vpcs?.length === 2 && vpcs.every((v) => net.vpcs.get(v)?.outside === undefined && net.vpcs.has(v));
  }

  /** The other VPC of a peering whose two sides are both in the model. */
  function peeredVpc(id: string, from: string | undefined): string | undefined {
    const vpcs = net.gateways.get(id)?.vpcs;
    if (!joinsHeldVpcs(vpcs) || !from || !vpcs.includes(from)) return undefined;
    return vpcs.find((v) => v !== from) ?? from;
  }

  /** Beyond `out`: each external network by address, and what no external claims; they come back in through `inbound`. */
  function farSide(out: GraphNode, inbound: GraphNode, via: string, rests: Unknown[] = NO_UNKNOWNS): void {
    const undeclared = node('undeclared', `undeclared network via ${via}`, undefined, out.span);
    for (const [i, x] of spaces.externals.entries()) {
      edge(out, externals[i]!, spaces.external(x.name, 'dstIp'), [], 'to the far side', { unknowns: rests });
      edge(externals[i]!, inbound, spaces.external(x.name, 'srcIp'), [], 'from the far side', { unknowns: rests });
    }
    edge(out, undeclared, b.not(spaces.anyExternal('dstIp')), [], 'to the far side', { unknowns: rests });
    edge(undeclared, inbound, b.not(spaces.anyExternal('srcIp')), [], 'from the far side', { unknowns: rests });
  }

  function unknownTarget(id: string, route: Reason): Unknown {
    return new Unknown(`the target of ${route.text} (${id}) is not in the analysed configuration: it is taken to lead anywhere`, route.span);
  }

  /**
   * The node of a route target the model does not hold, with the internet and every network beyond
   * it, both ways, and back into every subnet whose table routes to it. `u`, what the ways through
   * it rest on; none when each subnet's own route to it says why (a table or subnet outside the
   * configuration: the route's destination is unknown, so neither way is ever certain).
   */
  function unknownGateway(id: string, u: Unknown | undefined): GraphNode {
    const known = byName.get(`gateway ${id}`);
    if (known) return known;
    const gn = node('gateway', id);
    const inbound = node('gateway', `${id} (inbound)`);
    const rests = u ? [u] : NO_UNKNOWNS;
    farSide(gn, inbound, id);
    edge(gn, internet, spaces.internet('dstIp'), [], 'to the far side', { unknowns: rests });
    edge(internet, inbound, spaces.internet('srcIp'), [], 'from the far side', { unknowns: rests, forward: { topology: spaces.forgeable('srcIp'), unknowns: rests } });
    for (const z of net.subnets.values()) viaWayBack(inbound, entryNode(z), subnetSpace(z, 'dstIp'), entering(z), 'route', [...rests, ...subnetUnknown(z)], returnRoute(z, id), false);
    return gn;
  }

  function peerRangeUnknown(id: string, span: Span | undefined): Unknown {
    return new Unknown(`the VPC that ${id} leads to is not in the configuration: a peering carries only what its range holds, which is not known`, span);
  }

  /**
   * GW1 as a setting, so that a blocked-path answer names it: the internet gateway reaches an
   * endpoint over IPv4 only at a public address; over IPv6 at any of its addresses.
   */
  function publicOnlyOf(e: Endpoint): FilterPart {
    return { name: `${e.id} has no public address`, code: 'IGW_NO_PUBLIC_IP', permit: e.publicAddress === 'no' ? hs.version(6) : hs.all, reasons: [], span: e.span, unknowns: [] };
  }

  /** GW1's way back as a setting, so that a blocked-path answer names it (`code`): `of`'s table routes the reply to `to` for the packets of `permit`. */
  function noRouteBack(of: Subnet, to: string, code: string, permit: BddNode, rests: Unknown[]): FilterPart {
    const table = of.routeTable ? net.routeTables.get(of.routeTable) : undefined;
    return { name: `${table?.id ?? 'the route table'} of ${of.id} has no route back to ${to}`, code, permit, reasons: [], span: table?.span, unknowns: rests };
  }

  /** VPC Block Public Access as a setting of what the internet starts toward the subnet: nothing passes it, or everything resting on what may lift it. */
  function blockedIngress(s: Subnet): FilterPart[] {
    const block = s.internetIngressBlock;
    if (!block) return [];
    return [{ name: block.name, code: 'VPC_BPA_BLOCK', permit: block.unknown ? hs.all : hs.none, reasons: [], span: block.span, unknowns: block.unknown ? [block.unknown] : [] }];
  }

  function publicUnknown(e: Endpoint): Unknown {
    if (e.publicUnknown) return e.publicUnknown;
    return new Unknown(`whether ${e.id} has a public address is known only after apply`, e.span);
  }

  /**
   * The security groups of an endpoint in one direction (SG1, SG2); undefined when no group filters
   * it. Groups that may be attached to it (Endpoint.maybeGroups) are what it possibly passes.
   */
  function groupsOf(e: Endpoint, dir: 'ingress' | 'egress'): FilterPart | undefined {
    const own = ownGroupsOf(e, dir);
    if (!own || !e.maybeGroups?.length) return own;
    const key = `${e.id}\n${dir}`;
    let part = widenedGroups.get(key);
    if (!part) {
      // A group not held (named by its id), or not known at all, may allow anything.
      const maybe = (e.maybeGroups ?? []).flatMap((m) => {
        const p = m.group !== undefined ? c.groups([m.group], dir, e.id) : c.groups([], dir, e.id, m.groupUnknown);
        return p ? [{ part: p, unknown: m.unknown }] : [];
      });
      part = c.union([own], e.id, dir, maybe);
      widenedGroups.set(key, part);
    }
    return part;
  }
  const widenedGroups = new Map<string, FilterPart>();

  /** The filters of what an endpoint receives: its security groups, and for a load balancer its listeners (listenersOf). */
  function inboundOf(e: Endpoint): FilterPart[] {
    let parts = inbound.get(e);
    if (!parts) {
      const groups = groupsOf(e, 'ingress');
      const listening = listenersOf(e);
      inbound.set(e, (parts = [...(groups ? [groups] : []), ...(listening ? [listening] : [])]));
    }
    return parts;
  }
  const inbound = new Map<Endpoint, FilterPart[]>();

  function ownGroupsOf(e: Endpoint, dir: 'ingress' | 'egress'): FilterPart | undefined {
    if (e.groups.length || e.groupsUnknown) {
      const part = c.groups(e.groups, dir, e.id, e.groupsUnknown);
      const dflt = e.withDefaultGroup ? defaultGroupOf(e, dir) : undefined;
      return part && dflt ? c.union([dflt, part], e.id, dir) : part;
    }
    if (e.kind === 'load-balancer' || e.kind === 'firewall') return undefined; // no groups: an NLB or a firewall endpoint filters nothing here
    return defaultGroupOf(e, dir);
  }

  /** SG2: an instance launched without groups gets its VPC's default group. */
  function defaultGroupOf(e: Endpoint, dir: 'ingress' | 'egress'): FilterPart | undefined {
    const vpc = net.subnets.get(e.subnets[0] ?? '')?.vpc;
    const managed = [...net.groups.values()].find((g) => g.vpc === vpc && g.isDefault);
    if (managed) return c.group(managed, dir);
    // AWS's own default group, whose rules anyone may have changed outside the configuration: it
    // may allow anything, and the flows rest on that.
    let u = defaultGroupUnknowns.get(vpc ?? '');
    if (!u) defaultGroupUnknowns.set(vpc ?? '', (u = new Unknown(`the rules of the default security group of ${vpc ?? 'its VPC'} are not known: the configuration does not manage it (aws_default_security_group)`)));
    return c.groups([], dir, e.id, u);
  }
  const defaultGroupUnknowns = new Map<string, Unknown>();

  // The subnets of each VPC, in the model's order: routes and gateways pair a subnet with its VPC's others.
  const byVpc = new Map<string | undefined, Subnet[]>();
  for (const z of net.subnets.values()) addTo(byVpc, z.vpc, z);
  const subnetsIn = (vpc: string | undefined): Subnet[] => byVpc.get(vpc) ?? [];
  const endpointsBySubnet = new Map<string, Endpoint[]>();
  for (const e of net.endpoints.values()) for (const s of e.subnets) addTo(endpointsBySubnet, s, e);
  // Per VPC, the sources an internet gateway lets out: those of endpoints with a public address, and
  // apart, each endpoint whose public address is not known, so that its flows rest on that.
  const publicSources = new Map<string, BddNode>();
  const maybePublic = new Map<string, Endpoint[]>();
  for (const e of net.endpoints.values()) {
    if (e.publicAddress === 'no') continue;
    for (const sid of e.subnets) {
      const vpc = net.subnets.get(sid)?.vpc ?? '';
      if (e.publicAddress === 'unknown') addTo(maybePublic, vpc, e);
      else publicSources.set(vpc, b.or(publicSources.get(vpc) ?? hs.none, hs.prefixes('srcIp', e.addresses)));
    }
  }

  // Endpoints: send into their subnets, receive from them.
  for (const e of net.endpoints.values()) {
    const out = node('endpoint-out', e.id, zoneOf(e.id), e.span);
    const inn = node('endpoint-in', e.id, zoneOf(e.id), e.span);
    const egress = e.kind === 'nat-gateway' ? undefined : groupsOf(e, 'egress');
    const inFilters = e.kind === 'nat-gateway' ? [] : inboundOf(e);
    for (const sid of e.subnets) {
      const s = net.subnets.get(sid);
      if (!s) continue;
      const sn = subnetNode(s);
      // A forwarder (source/destination check off, a firewall) sends others' packets too; so does a
      // load balancer that keeps its clients' addresses toward a target (Listener targets' clientIp).
      // One that possibly forwards sends others' packets only after its forward edge, which rests on that.
      const passesOn = e.forwards || e.forwardsUnknown !== undefined || (e.listeners ?? []).some((l) => l.targets.some((t) => t.clientIp !== undefined));
      const own = passesOn ? hs.all : b.and(hs.prefixes('srcIp', e.addresses), subnetSpace(s, 'srcIp'));
      // An endpoint whose count is not known may not exist: what it sends or receives rests on that.
      const exists = e.expansion ? [e.expansion] : NO_UNKNOWNS;
      edge(out, sn, own, egress ? [egress] : [], 'send', { unknowns: [...exists, ...(passesOn ? [] : subnetUnknown(s))] });
      if (e.kind !== 'nat-gateway') {
        const mine = b.and(hs.prefixes('dstIp', e.addresses), subnetSpace(s, 'dstIp'));
        edge(sn, inn, mine, inFilters, 'deliver', { unknowns: [...exists, ...subnetUnknown(s)] });
        // GW1 for a subnet the configuration does not hold: the internet reaches public addresses only.
        // A forwarder there may be sent anything by routes not known (a gateway route table, a tunnel it ends).
        const arriving = e.forwards || e.forwardsUnknown ? hs.all : mine;
        if (s.outside) edge(entryNode(s), inn, e.publicAddress === 'no' ? b.diff(arriving, spaces.internet('srcIp')) : arriving, inFilters, 'deliver', { unknowns: [...exists, ...subnetUnknown(s), ...(e.forwardsUnknown && !e.forwards ? [e.forwardsUnknown] : [])] });
      }
    }
    if (e.forwards) edge(inn, out, hs.all, [], 'forward (source/destination check off)');
    else if (e.forwardsUnknown) edge(inn, out, hs.all, [], 'forward (source/destination check possibly off)', { unknowns: [e.forwardsUnknown] });
    // A forwarding host with a public address is what a NAT instance is: it may translate what it
    // forwards to its own address (set on the host, which is not read), and the internet gateway then
    // lets it out. Possible only.
    if ((e.forwards || e.forwardsUnknown) && e.publicAddress !== 'no' && (e.kind === 'instance' || e.kind === 'interface')) {
      const u = new Unknown(`whether ${e.id} translates the sources it forwards to its own address (a NAT instance) is set on the host, which the configuration does not show`, e.span);
      edge(inn, out, hs.all, [], e.forwards ? 'forward (source/destination check off)' : 'forward (source/destination check possibly off)', {
        transform: { fields: ['srcIp', 'pub'], set: b.and(hs.prefixes('srcIp', e.addresses), senderBit(hs, e)), text: `${e.id} may translate the source to its own address` },
        unknowns: e.forwards ? [u] : [e.forwardsUnknown!, u],
      });
    }
    for (const l of e.listeners ?? []) {
      for (const target of l.targets) {
        // An endpoint of the model, or an IP target (or one not known) by its addresses, which the
        // load balancer's subnets route on like any packet.
        const t = target.endpoint ? net.endpoints.get(target.endpoint) : undefined;
        const to = t ? t.addresses : target.addresses;
        const name = t ? t.id : target.text;
        if (!to || !name) continue;
        // A port not known is any port: the listener's on the way in, the target's on the way on.
        const port = target.port;
        const portText = (p: number | undefined): string => (p === undefined ? 'any port' : String(p));
        const toTarget = b.and(hs.prefixes('dstIp', to), port === undefined ? hs.all : hs.value('dstPort', port));
        const takes = listenerTakes(l);
        const route = [{ match: hs.all, text: `listener ${l.id} (${listenerHeading(l)}) forwards to ${name}:${portText(port)}`, span: l.span, declaredBy: l.id }];
        // From its own address, or with the client's kept (the target's groups and ACLs see the
        // client); when that is not known, both, resting on it. A load balancer with security groups
        // keeps its own address too: a target's rule that names its group admits what it forwards,
        // whatever the client (an over-approximation: a CIDR rule for its address passes as well).
        const kept = target.clientIp;
        if (kept !== true || e.groups.length > 0 || e.groupsUnknown) {
          const set = b.andAll([hs.prefixes('srcIp', e.addresses), toTarget, hs.range('srcPort', 1024, 65535), senderBit(hs, e)]);
          edge(inn, out, takes, [], 'listener', { route, transform: { fields: ['srcIp', 'srcPort', 'dstIp', 'dstPort', 'pub'], set, text: `${e.id} re-originates the connection to ${name}:${portText(port)}` }, unknowns: kept instanceof Unknown ? [...l.unknowns, kept] : l.unknowns });
        }
        if (kept !== undefined) {
          edge(inn, out, takes, [], 'listener', { route, transform: { fields: ['dstIp', 'dstPort'], set: toTarget, text: `${e.id} forwards the connection to ${name}:${portText(port)}, keeping the client's address` }, unknowns: kept === true ? l.unknowns : [...l.unknowns, kept] });
        }
      }
    }
  }

  /** The connections a listener takes: its protocols, on its port (any port when that is not known). */
  function listenerTakes(l: Listener): BddNode {
    return b.and(listenerProtocols(l.protocol), l.port === undefined ? hs.all : hs.value('dstPort', l.port));
  }

  /** "HTTPS 443"; a protocol not known reads "protocol not known, port 20000", not "not known 20000". */
  function listenerHeading(l: Listener): string {
    const port = l.port === undefined ? 'any port' : String(l.port);
    return l.protocol === 'not known' ? `protocol not known, port ${port}` : `${l.protocol} ${port}`;
  }

  /**
   * What a load balancer accepts (Reachability Analyzer's ELB_LISTENER_PORT_RESTRICTION): a
   * connection on a port and protocol that none of its listeners takes finds nothing listening.
   * Listeners whose port, protocol or load balancer is not known (Listener.opens) widen it,
   * possibly. A load balancer with no listener in the configuration (its listeners managed
   * elsewhere, or none yet) is not narrowed: what its groups allow reaches it.
   */
  function listenersOf(e: Endpoint): FilterPart | undefined {
    if (e.kind !== 'load-balancer' || !e.listeners?.length) return undefined;
    const reason = (l: Listener): Reason => ({ match: listenerTakes(l), text: `listener ${l.id} takes ${listenerHeading(l)}`, span: l.span, declaredBy: l.id });
    const sure = e.listeners.filter((l) => !l.opens?.length);
    const part: FilterPart = { name: `listeners of ${e.id}`, code: 'ELB_LISTENER_PORT_RESTRICTION', permit: b.orAll(sure.map(listenerTakes)), reasons: sure.map(reason), span: e.span, unknowns: [] };
    if (sure.length < e.listeners.length) {
      const opens = [...new Set(e.listeners.flatMap((l) => l.opens ?? []))];
      part.possibly = { ...part, permit: b.orAll(e.listeners.map(listenerTakes)), reasons: e.listeners.map(reason), unknowns: opens };
    }
    return part;
  }

  /** The packets a listener of `protocol` (Listener.protocol) takes: an NLB's UDP listener forwards UDP, never TCP. */
  function listenerProtocols(protocol: string): BddNode {
    const tcp = hs.protocol(PROTO.tcp);
    const udp = hs.protocol(PROTO.udp);
    if (/^(HTTP|HTTPS|TCP|TLS|SSL)$/.test(protocol)) return tcp;
    if (/^(UDP|QUIC)$/.test(protocol)) return udp;
    if (protocol === 'GENEVE') return hs.all;
    return b.or(tcp, udp); // TCP_UDP, TCP_QUIC, and a protocol not known
  }

  // An interface attached to an instance is one host with it (Endpoint.interfaceOf): what reaches the
  // interface reaches the instance, and the instance may send through the interface (from its
  // address, by its groups and subnet).
  for (const e of net.endpoints.values()) {
    const h = e.interfaceOf ? net.endpoints.get(e.interfaceOf) : undefined;
    if (!h) continue;
    edge(node('endpoint-in', e.id, zoneOf(e.id), e.span), node('endpoint-in', h.id, zoneOf(h.id), h.span), hs.all, [], `received through its interface ${e.id}`);
    edge(node('endpoint-out', h.id, zoneOf(h.id), h.span), node('endpoint-out', e.id, zoneOf(e.id), e.span), hs.all, [], `${h.id} sends through its interface ${e.id}`);
  }

  // Subnets placed for endpoints outside the configuration (aws/outside.ts): each may lie in any VPC
  // it holds, whose local route then joins it to that VPC's subnets, both ways: what its endpoints
  // send, into the held subnets; what the held subnets' local routes send, to its entry.
  // Through two nodes rather than an edge per pair (one into the held subnets, one out of them, so
  // that no held subnet reaches another through them): hundreds of each would be tens of thousands.
  const outsideSubnets = [...net.subnets.values()].filter((s) => s.outside);
  const outsideHubs = outsideSubnets.length ? { into: node('gateway', 'the local route of a VPC that may hold subnets outside the configuration'), out: node('gateway', 'the local route to subnets outside the configuration') } : undefined;
  if (outsideHubs) {
    for (const o of outsideSubnets) {
      edge(subnetNode(o), outsideHubs.into, hs.all, leaving(o), 'route', { unknowns: subnetUnknown(o) });
      edge(outsideHubs.out, entryNode(o), hs.all, entering(o), 'route', { unknowns: subnetUnknown(o) });
    }
    for (const z of net.subnets.values()) {
      if (z.outside || !z.vpc || !net.vpcs.has(z.vpc)) continue;
      edge(outsideHubs.into, subnetNode(z), subnetSpace(z, 'dstIp'), entering(z), 'route', { unknowns: subnetUnknown(z) });
    }
  }

  // Subnet routers: local delivery, gateways, route targets inside the VPC; through the tables a
  // subnet may use instead of its own, possibly.
  for (const s of net.subnets.values()) {
    routeEdges(s, routes(s), undefined);
    for (const m of maybeRoutes(s)) routeEdges(s, m.routes, m.unknown);
  }
  /**
   * The endpoint a route hands its packets to whatever their destination (an instance, an interface,
   * a firewall endpoint: an appliance that passes them on); undefined for any other target.
   */
  function applianceOf(r: ReturnType<typeof routes>[number]): Endpoint | undefined {
    if (r.target.kind === 'local') return undefined;
    const t = net.endpoints.get(targetKeyOf(r.target));
    return t && (r.target.kind === 'instance' || r.target.kind === 'interface' || t.kind === 'firewall') ? t : undefined;
  }

  /**
   * Packets a gateway route table (of gateway `g`) hands to an appliance on their way to subnet `s`,
   * whose replies must come back the same way (GW1): `s`'s table routes them to the appliance, and
   * the appliance's subnet routes them to the gateway. Each is a setting, so that a blocked-path
   * answer names it (`code`); one edge for the certain way back, one for the possible rest. A reply
   * that leaves `s` for the gateway straight passes the appliance one way only: a firewall endpoint
   * drops such a flow (AWS Network Firewall does not support asymmetric routing), an instance or
   * interface may pass it, which is set on the host: possibly. An appliance in several subnets (a
   * firewall, one endpoint per zone) is one endpoint of the model, so which of them the route names
   * is not known: the way is certain only through every subnet's ACL and with every subnet's table
   * routing the reply to the gateway, and through each subnet alone it is possible.
   */
  function throughAppliance(from: GraphNode, g: string, appliance: Endpoint, s: Subnet, set: BddNode, filters: FilterPart[], route: Reason[], unknowns: Unknown[], code: string): void {
    const own = appliance.subnets.map((id) => net.subnets.get(id)).filter((x): x is Subnet => x !== undefined);
    const ts = own[0];
    const setting = (of: Subnet, to: string, permit: BddNode, rests: Unknown[]): FilterPart => noRouteBack(of, to, code, permit, rests);
    // A subnet outside the configuration routes anywhere, the gateway possibly included.
    const wayOut = (x: Subnet): WayBack => (x.outside ? { certain: hs.none, certainUnknowns: NO_UNKNOWNS, possible: hs.all, possibleUnknowns: x.unknown ? [x.unknown] : NO_UNKNOWNS } : returnRoute(x, g));
    const first = returnRoute(s, namesOfHost(appliance));
    const ways = own.map(wayOut);
    const secondCertain = ways.reduce((acc, w) => b.and(acc, w.certain), hs.all);
    const secondCertainRests = [...new Set(ways.flatMap((w) => w.certainUnknowns))];
    const certain = b.and(first.certain, secondCertain);
    const certainRests = [...first.certainUnknowns, ...secondCertainRests];
    toAppliance(from, appliance, set, [...filters, ...own.flatMap((x) => entering(x)), setting(s, appliance.id, first.certain, first.certainUnknowns), ...own.map((x, i) => setting(x, g, ways[i]!.certain, ways[i]!.certainUnknowns))], route, certainRests.length ? [...unknowns, ...certainRests] : unknowns);
    const here = [...filters, ...(ts ? entering(ts) : [])];
    let possible = hs.none;
    if (own.length <= 1) {
      // The rest, for the packets outside `certain` only.
      const second: WayBack = ways[0] ?? { certain: hs.all, certainUnknowns: NO_UNKNOWNS, possible: hs.none, possibleUnknowns: NO_UNKNOWNS };
      const either = (w: WayBack): BddNode => b.diff(b.or(w.certain, w.possible), certain);
      possible = b.and(either(first), either(second));
      const possibleRests = [...new Set([...certainRests, ...first.possibleUnknowns, ...second.possibleUnknowns])];
      if (possible !== hs.none) toAppliance(from, appliance, set, [...here, setting(s, appliance.id, either(first), possibleRests), ...(ts ? [setting(ts, g, either(second), possibleRests)] : [])], route, [...unknowns, ...possibleRests]);
    } else {
      // Through each subnet's endpoint alone, resting on which one the route names; not cut by
      // `certain`, which another subnet's ACL may still drop.
      const which = whichEndpoint(appliance, own, route);
      const back = b.or(first.certain, first.possible);
      own.forEach((x, i) => {
        const w = ways[i]!;
        const out = b.or(w.certain, w.possible);
        const through = b.and(back, out);
        if (through === hs.none) return;
        possible = b.or(possible, through);
        const rests = [...new Set([...first.certainUnknowns, ...first.possibleUnknowns, ...w.certainUnknowns, ...w.possibleUnknowns, which])];
        toAppliance(from, appliance, set, [...filters, ...entering(x), setting(s, appliance.id, back, rests), setting(x, g, out, rests)], route, [...unknowns, ...rests]);
      });
    }
    if (appliance.kind === 'firewall') return;
    const straight = returnRoute(s, g);
    const asymmetric = b.diff(b.or(straight.certain, straight.possible), b.or(certain, possible));
    if (asymmetric === hs.none) return;
    const u = new Unknown(`the replies of what ${route[0]?.text ?? 'a route'} sends through ${appliance.id} leave ${s.id} for ${g} straight: whether ${appliance.id} passes a flow it sees one way only is set on the host, which the configuration does not show`, appliance.span);
    toAppliance(from, appliance, set, [...here, setting(s, g, asymmetric, [])], route, [...unknowns, ...straight.certainUnknowns, ...straight.possibleUnknowns, u]);
  }

  /** The names a route may give appliance `e`: its instance, and every interface attached to it. */
  function namesOfHost(e: Endpoint): ReadonlySet<string> {
    const host = e.interfaceOf ?? e.id;
    return new Set([...net.endpoints.values()].filter((x) => (x.interfaceOf ?? x.id) === host).map((x) => x.id));
  }

  /** Which of an appliance's endpoints (one per subnet of `own`) a route names: not known. One per appliance and route. */
  const whichEndpoints = new Map<string, Unknown>();
  function whichEndpoint(appliance: Endpoint, own: Subnet[], route: Reason[]): Unknown {
    const text = route[0]?.text ?? 'a route';
    const key = `${appliance.id}\0${text}`;
    let u = whichEndpoints.get(key);
    if (!u) {
      const ids = own.map((x) => x.id);
      const listed = `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
      u = new Unknown(`${text} names one of the endpoints of ${appliance.id}, in ${listed}, not known which: the replies leave by that one's subnet`, route[0]?.span ?? appliance.span);
      whichEndpoints.set(key, u);
    }
    return u;
  }

  /** The appliances a gateway route table of a VPC may send to: firewall endpoints, and instances and interfaces that forward. */
  function appliancesIn(vpc: string | undefined): Endpoint[] {
    return [...net.endpoints.values()].filter((e) => (e.kind === 'firewall' || (e.forwards && (e.kind === 'instance' || e.kind === 'interface'))) && e.subnets.some((sid) => net.subnets.get(sid)?.vpc === vpc));
  }

  /** The route a gateway route table not known may hold, to appliance `a`. */
  function edgeUnknownReason(g: string, a: Endpoint, u: Unknown): Reason {
    return { match: hs.all, text: `the gateway route table of ${g}, not known, may send what enters to ${a.id}`, span: u.at ?? a.span, declaredBy: g };
  }

  /** Packets a route hands to an appliance: through `filters` (its subnet's ACL, on the way there) and its groups. */
  function toAppliance(from: GraphNode, appliance: Endpoint, set: BddNode, filters: FilterPart[], route: Reason[], unknowns: Unknown[]): void {
    edge(from, node('endpoint-in', appliance.id, zoneOf(appliance.id), appliance.span), set, [...filters, ...inboundOf(appliance)], 'route', { route, unknowns });
  }

  function routeEdges(s: Subnet, table: ReturnType<typeof routes>, maybe: Unknown | undefined): void {
    const sn = subnetNode(s);
    for (const r of table) {
      // Every table of a VPC holds the same local route: the subnet's own table gives those edges.
      if (maybe && r.target.kind === 'local') continue;
      const reason = [r.reason];
      const own = r.unknown ? [r.unknown] : NO_UNKNOWNS;
      const unknowns = maybe ? [...own, maybe] : own;
      if (r.target.kind === 'local') {
        for (const z of subnetsIn(s.vpc)) {
          if (z.id === s.id) continue;
          const more = subnetUnknown(z);
          edge(sn, subnetNode(z), b.and(r.guard, subnetSpace(z, 'dstIp')), crossing(s, z), 'route', { route: reason, unknowns: more.length ? [...unknowns, ...more] : unknowns });
        }
        // A subnet outside the configuration may lie in this VPC: the local route would reach it.
        if (outsideHubs && !s.outside) edge(sn, outsideHubs.out, r.guard, leaving(s), 'route', { route: reason, unknowns });
        continue;
      }
      const id = targetKeyOf(r.target);
      const target = net.endpoints.get(id);
      if (r.target.kind === 'nat-gateway' && target) {
        const natSubnet = net.subnets.get(target.subnets[0] ?? '');
        if (!natSubnet || natSubnet.id === s.id) continue; // GW3: a NAT gateway does not serve its own subnet
        edge(sn, node('endpoint-in', id, zoneOf(id), target.span), r.guard, crossing(s, natSubnet), 'route', { route: reason, unknowns });
        continue;
      }
      const appliance = applianceOf(r);
      if (appliance) {
        const ts = net.subnets.get(appliance.subnets[0] ?? '');
        toAppliance(sn, appliance, r.guard, ts ? crossing(s, ts) : [], reason, unknowns);
        continue;
      }
      const g = net.gateways.get(id);
      const tgw = net.transitGateways.get(id);
      if (tgw) {
        // RT6: traffic enters the transit gateway through the attachment of the source's VPC.
        const att = [...tgw.attachments.values()].find((a) => a.kind === 'vpc' && a.vpc === s.vpc);
        if (att) edge(sn, node('gateway', att.id, zoneOf(att.id), att.span), r.guard, leaving(s), 'route', { route: reason, unknowns });
        continue;
      }
      const peer = g?.kind === 'peering' ? peeredVpc(g.id, s.vpc) : undefined;
      if (peer) {
        // RT5: a peering delivers into the other VPC only, never through its gateways (no transit).
        edge(sn, node('gateway', `${id} → ${peer}`, zoneOf(id), g?.span), r.guard, leaving(s), 'route', { route: reason, unknowns });
        continue;
      }
      if (!g) {
        // A target the configuration does not hold (a literal id, an unknown value): it may be any
        // gateway, so whatever lies beyond it — the internet included — is reachable through it, and
        // every path through it rests on that.
        const u = r.target.unknown ?? unknownTarget(id, r.reason);
        edge(sn, unknownGateway(id, r.target.unknown ? undefined : u), r.guard, leaving(s), 'route', { route: reason, unknowns: unknowns.includes(u) ? unknowns : [...unknowns, u] });
        continue;
      }
      edge(sn, node('gateway', id, zoneOf(id), g.span), r.guard, leaving(s), 'route', { route: reason, unknowns });
    }
  }

  // Peerings between VPCs of the model: delivered straight to the endpoints of the other side.
  for (const g of net.gateways.values()) {
    if (g.kind !== 'peering') continue;
    for (const from of g.vpcs ?? []) {
      const to = peeredVpc(g.id, from);
      if (!to) continue;
      const pn = node('gateway', `${g.id} → ${to}`, zoneOf(g.id), g.span);
      for (const z of subnetsIn(to)) {
        for (const e of endpointsBySubnet.get(z.id) ?? []) {
          if (e.kind === 'nat-gateway') continue;
          const topo = b.and(hs.prefixes('dstIp', e.addresses), subnetSpace(z, 'dstIp'));
          viaWayBack(pn, node('endpoint-in', e.id, zoneOf(e.id), e.span), topo, [...entering(z), ...inboundOf(e)], 'deliver', subnetUnknown(z), returnRoute(z, g.id), true);
        }
      }
    }
  }

  // Transit gateways (RT6): each attachment's associated route table decides where traffic goes next.
  for (const tgw of net.transitGateways.values()) {
    const ingressOf = (a: TgwAttachment): GraphNode => node('gateway', a.kind === 'vpc' ? a.id : `${a.id} (inbound)`, zoneOf(a.id), a.span);
    // What an attachment propagates: its VPC's range or its VPN's remote networks; a VPC whose range
    // is not known, or a VPN that learns routes by BGP, a destination not known, which may take anything.
    const propagatedDestinations = (a: TgwAttachment): Peer[] => {
      const vpc = a.kind === 'vpc' ? net.vpcs.get(a.vpc ?? '') : undefined;
      const vpn = a.kind === 'vpn' ? net.vpns.get(a.vpn ?? '') : undefined;
      const unknown = vpc?.unknown ?? vpn?.remoteUnknown;
      return [...(vpc ? vpc.cidrs : (vpn?.remote ?? [])).map((prefix): Peer => ({ kind: 'cidr', prefix })), ...(unknown ? [{ kind: 'unknown' as const, unknown }] : [])];
    };
    // Where traffic from the gateway enters a VPC attachment's VPC: the attachment's subnets, or any
    // subnet of the VPC when the configuration holds none of them.
    const entrySubnets = (a: TgwAttachment): Subnet[] => {
      const entry = a.subnets.map((id) => net.subnets.get(id)).filter((z): z is Subnet => z !== undefined);
      return entry.length ? entry : [...net.subnets.values()].filter((x) => x.vpc === a.vpc);
    };
    const tableRoutes = new Map<string, ReturnType<Compiler['routes']>>();
    const lookup = (tableId: string): ReturnType<Compiler['routes']> => {
      let r = tableRoutes.get(tableId);
      if (r) return r;
      const t = tgw.tables.get(tableId);
      const propagated: Route[] = [];
      for (const a of tgw.attachments.values()) {
        if (!a.propagatesTo.includes(tableId)) continue;
        for (const destination of propagatedDestinations(a)) propagated.push({ destination, target: { kind: 'attachment', id: a.id }, origin: 'propagated', span: a.span, declaredBy: a.id, label: `${a.id} (propagated)` });
      }
      // Propagations that may be into this table (their table or attachment is not known): a held
      // attachment's prefixes, possibly; one not known, a route of unknown destination toward
      // somewhere not known, which may take anything and claims nothing.
      for (const m of t?.maybePropagations ?? []) {
        const span = m.unknown.at ?? t?.span ?? tgw.span;
        const a = m.attachment === undefined ? undefined : tgw.attachments.get(m.attachment);
        if (!a) {
          const id = `an attachment propagating into ${tableId}`;
          propagated.push({ destination: { kind: 'unknown', unknown: m.unknown }, target: { kind: 'unknown', id, unknown: m.unknown }, origin: 'propagated', span, declaredBy: id, label: `${id} (propagated)`, presence: m.unknown });
          continue;
        }
        for (const destination of propagatedDestinations(a)) propagated.push({ destination, target: { kind: 'attachment', id: a.id }, origin: 'propagated', span, declaredBy: a.id, label: `${a.id} (propagated, possibly)`, presence: m.unknown });
      }
      r = c.routes({ id: tableId, routes: [...(t?.routes ?? []), ...propagated], span: t?.span ?? tgw.span, isMain: false, propagatesFrom: [] }, FORWARD);
      tableRoutes.set(tableId, r);
      return r;
    };
    /**
     * What the gateway sends into a VPC attachment's subnet `z`. Without appliance mode the gateway
     * keeps each direction of a flow in the Availability Zone where it entered, so in a VPC whose
     * attachment spans more than one zone (or zones not known) the reply may reach another zone's
     * appliance than the request did, and a stateful one (a Network Firewall endpoint) drops it. What
     * `z`'s routes hand to an appliance therefore gets through only possibly, resting on that; with
     * appliance mode on, or one zone, both directions meet the same appliance.
     */
    const intoVpc = (from: GraphNode, a: TgwAttachment, z: Subnet, guard: BddNode, extra: { route?: Reason[]; unknowns: Unknown[] }): void => {
      const asymmetric = asymmetryOf(a);
      let inspected = hs.none;
      // An appliance in one subnet (one instance or interface, not a firewall's endpoint per zone) to
      // which every entry subnet of the attachment, all of them held, routes the reply sees both
      // directions whichever zone each enters by: certain.
      let symmetric = hs.none;
      const entries = asymmetric && a.listed !== undefined && new Set(a.subnets.filter((id) => net.subnets.has(id))).size === a.listed ? entrySubnets(a) : undefined;
      // Only `z`'s own table can make a way certain; a table it may use instead adds to `inspected`.
      const tables = asymmetric ? [{ routes: routes(z), own: true }, ...maybeRoutes(z).map((m) => ({ routes: m.routes, own: false }))] : [];
      for (const { routes: table, own } of tables) {
        for (const r of table) {
          const appliance = applianceOf(r);
          if (!appliance) continue;
          const set = b.and(guard, r.guard);
          inspected = b.or(inspected, set);
          if (!entries || !own || r.unknown || appliance.subnets.length !== 1) continue;
          const names = namesOfHost(appliance);
          symmetric = b.or(symmetric, entries.reduce((acc, x) => b.and(acc, returnRoute(x, names).certain), set));
        }
      }
      const unsure = b.diff(inspected, symmetric);
      edge(from, subnetNode(z), b.diff(guard, unsure), entering(z), 'route', { ...extra, forward: { topology: guard, unknowns: extra.unknowns } });
      if (unsure !== hs.none) edge(from, subnetNode(z), unsure, entering(z), 'route', { ...extra, unknowns: [...extra.unknowns, asymmetric!] });
    };
    /** Why a VPC attachment's flows may meet two zones' appliances; one Unknown per attachment. Undefined when they cannot. */
    const asymmetries = new Map<string, Unknown>();
    const asymmetryOf = (a: TgwAttachment): Unknown | undefined => {
      if (a.kind !== 'vpc' || a.applianceMode === true || a.listed === 1) return undefined;
      let u = asymmetries.get(a.id);
      if (!u) {
        const mode = a.applianceMode instanceof Unknown ? `whether appliance mode is on for ${a.id} is not known (${a.applianceMode.reason})` : `appliance mode is off for ${a.id}`;
        u = new Unknown(`${mode}: ${tgw.id} keeps each direction of a flow in the Availability Zone where it entered, so the reply may pass another zone's appliance than the request, which a stateful one drops`, a.span);
        asymmetries.set(a.id, u);
      }
      return u;
    };
    for (const a of tgw.attachments.values()) {
      const inn = ingressOf(a);
      if (a.kind !== 'vpc') {
        // The far side of a VPN or peering attachment: networks by address, as for a VPN gateway.
        const out = node('gateway', a.id, zoneOf(a.id), a.span);
        farSide(out, inn, a.id);
      }
      // The table an association not known gives it: one whose routes are not known, which may send
      // what enters here anywhere — beyond the gateway, or to any of its attachments — possibly.
      for (const m of a.maybeTables ?? []) {
        if (m.table !== undefined) continue;
        const u = m.unknown;
        const reason: Reason[] = [{ match: hs.all, text: `a route table of ${tgw.id} not known, which ${a.id} may use: its routes may lead anywhere`, span: u.at ?? a.span, declaredBy: a.id }];
        edge(inn, unknownGateway(`the route table of ${a.id}`, u), hs.all, [], 'route', { route: reason, unknowns: [u] });
        for (const to of tgw.attachments.values()) {
          if (to.id === a.id) continue;
          if (to.kind === 'vpc') {
            for (const z of entrySubnets(to)) intoVpc(inn, to, z, hs.all, { route: reason, unknowns: [u] });
          } else edge(inn, node('gateway', to.id, zoneOf(to.id), to.span), hs.all, [], 'route', { route: reason, unknowns: [u] });
        }
      }
      const tables = [...(a.table ? [{ table: a.table, unknown: undefined as Unknown | undefined }] : []), ...(a.maybeTables ?? []).filter((m) => m.table !== undefined)];
      for (const { table, unknown: maybe } of tables) for (const r of lookup(table!)) {
        const to = tgw.attachments.get(r.target.id ?? '');
        const reason = [r.reason];
        // A table the attachment may use only possibly: every way through it rests on that.
        const unknowns = [...(r.unknown ? [r.unknown] : []), ...(maybe && maybe !== r.unknown ? [maybe] : [])];
        if (!to) {
          // An attachment the configuration does not hold: whatever lies beyond it, the internet
          // included, both ways; what comes back through it follows a table not known, to any of
          // the gateway's VPCs.
          const u = r.target.unknown;
          if (!u || !r.target.id) continue;
          const far = unknownGateway(r.target.id, u);
          edge(inn, far, r.guard, [], 'route', { route: reason, unknowns: unknowns.includes(u) ? unknowns : [...unknowns, u] });
          const back = node('gateway', `${r.target.id} (inbound)`);
          for (const v of tgw.attachments.values()) {
            if (v.kind !== 'vpc') continue;
            for (const z of entrySubnets(v)) intoVpc(back, v, z, hs.all, { unknowns: [u] });
          }
          continue;
        }
        if (to.kind === 'vpc') {
          // Traffic enters the VPC at the attachment's subnets and goes on by their route table — to
          // a host, an appliance (centralised inspection), or on to a NAT or internet gateway
          // (centralised egress). Replies are not checked against the VPC's route back (they may
          // come back through those gateways too).
          for (const z of entrySubnets(to)) intoVpc(inn, to, z, r.guard, { route: reason, unknowns });
        } else edge(inn, node('gateway', to.id, zoneOf(to.id), to.span), r.guard, [], 'route', { route: reason, unknowns });
      }
    }
  }

  // NAT gateways (GW3): TCP, UDP and ICMP only, re-originated from the gateway's address.
  for (const e of net.endpoints.values()) {
    if (e.kind !== 'nat-gateway') continue;
    // IPv4 only: a route of an IPv6 destination to it (NAT64) is said as not followed (aws/index.ts).
    const protocols = b.and(hs.version(4), b.orAll([hs.protocol(PROTO.tcp), hs.protocol(PROTO.udp), hs.protocol(PROTO.icmp)]));
    const set = b.andAll([hs.prefixes('srcIp', e.addresses), hs.range('srcPort', NAT_PORTS[0], NAT_PORTS[1]), senderBit(hs, e)]);
    edge(node('endpoint-in', e.id, zoneOf(e.id), e.span), node('endpoint-out', e.id, zoneOf(e.id), e.span), protocols, [], 'NAT', {
      transform: { fields: ['srcIp', 'srcPort', 'pub'], set, text: `${e.id} translates the source to its own address${e.publicIps.length ? ` (${e.publicIps.map((p) => hs.describe(hs.prefix('srcIp', p)).source).join(', ')} on the internet)` : ''}` },
    });
  }

  /**
   * What an internet gateway's route table sends elsewhere than its local route, for packets to
   * endpoint `e` of subnet `s` that the gateway lets in (a public address needed, as for delivery):
   * on to the route's target, which passes it on by its own subnet's table; the way back is through
   * the target again (throughAppliance). `rests`: what delivery to `e` rests on.
   */
  function divert(gn: GraphNode, e: Endpoint, s: Subnet, to: BddNode, table: ReturnType<typeof routes>, rests: Unknown[]): void {
    const publicOnly = publicOnlyOf(e);
    const own = inboundOf(e);
    for (const r of table) {
      if (r.target.kind === 'local') continue;
      const set = b.and(to, r.guard);
      if (set === hs.none) continue;
      const unknowns = r.unknown ? [...rests, r.unknown] : rests;
      const appliance = applianceOf(r);
      if (appliance) {
        throughAppliance(gn, gn.name, appliance, s, set, [publicOnly], [r.reason], unknowns, 'IGW_NO_RETURN_ROUTE');
        continue;
      }
      edge(gn, node('endpoint-in', e.id, zoneOf(e.id), e.span), set, [publicOnly, ...entering(s), ...own], 'deliver', { route: [r.reason], unknowns: [...unknowns, notFollowed(r, gn.name, e.id)] });
    }
  }

  /**
   * A gateway route table's route to another kind of target than the local route or an appliance (a
   * gateway, one the configuration does not hold): where it leads is not followed, so what it takes
   * may reach `to` by some way, resting on this.
   */
  function notFollowed(r: ReturnType<typeof routes>[number], via: string, to: string): Unknown {
    return r.target.unknown ?? new Unknown(`${r.reason.text} sends what enters through ${via} to ${targetKeyOf(r.target)}, which is not followed: it may reach ${to}`, r.reason.span);
  }

  /** What a gateway route table's local route keeps, delivered straight as without the table: everything when there is no table. */
  function keptBy(table: ReturnType<typeof routes> | undefined): BddNode {
    return table ? b.orAll(table.filter((r) => r.target.kind === 'local').map((r) => r.guard)) : hs.all;
  }

  // Gateways to the outside.
  for (const g of net.gateways.values()) {
    if (g.kind === 'nat-gateway') continue;
    const gn = node('gateway', g.id, zoneOf(g.id), g.span);
    // A gateway of a VPC only named (or not known) may be that of a VPC the configuration holds under
    // another name: the VPCs of the subnets whose tables route to it are its own.
    const named = g.vpc === undefined || net.vpcs.get(g.vpc)?.outside === true;
    const routedHere = named ? [...net.subnets.values()].filter((s) => routes(s).some((r) => targetKeyOf(r.target) === g.id)) : [];
    const vpcs = new Set([g.vpc, ...(g.vpcs ?? []), ...routedHere.map((s) => s.vpc)].filter((v): v is string => v !== undefined));
    const vpcSubnets = [...net.subnets.values()].filter((s) => s.vpc !== undefined && vpcs.has(s.vpc));
    if (g.kind === 'internet-gateway' || g.kind === 'egress-only-gateway') {
      // Over IPv4 only a host with a public address leaves: its address, and the sender bit
      // (fields.ts `pub`) where hosts whose addresses are assigned at launch share their subnet's
      // range. Over IPv6 every address of the VPC leaves, through an egress-only gateway too.
      const v4 = hs.version(4);
      const out = (src: BddNode, unknowns: Unknown[]): void => {
        edge(gn, internet, b.and(src, spaces.internet('dstIp')), [], 'to the internet', { unknowns });
        for (const [i, x] of spaces.externals.entries()) {
          if (x.transport !== 'closed') edge(gn, overInternet[i]!, b.and(src, spaces.external(x.name, 'dstIp')), [], 'to the internet', { unknowns });
        }
      };
      for (const v of vpcs.size ? vpcs : new Set([''])) {
        if (g.kind === 'internet-gateway') {
          const publicV4 = b.and(hs.publicOrigin(true), v4);
          out(b.and(publicSources.get(v) ?? hs.none, publicV4), []);
          for (const e of maybePublic.get(v) ?? []) out(b.and(hs.prefixes('srcIp', e.addresses), publicV4), [publicUnknown(e)]);
        }
        const six = net.vpcs.get(v)?.cidrs.filter((p) => p.version === 6) ?? [];
        if (six.length) out(hs.prefixes('srcIp', six), []);
      }
      if (g.kind === 'egress-only-gateway') continue;
      // A datagram from the internet may claim any public source, an external's too (PathAnalysis.fromOneWay);
      // a connection from such a source is no connection, as the reply goes to the address's owner.
      edge(internet, gn, spaces.internet('srcIp'), [], 'from the internet', { forward: { topology: spaces.forgeable('srcIp'), unknowns: NO_UNKNOWNS } });
      for (const [i, x] of spaces.externals.entries()) if (x.transport !== 'closed') edge(overInternet[i]!, gn, spaces.external(x.name, 'srcIp'), [], 'from the internet');
      // GW1: an endpoint is reachable only with a public address and a return route to this gateway,
      // through its subnet's ACL and its groups. The first two are settings too, so that a blocked-path
      // answer names them. With a gateway route table, what its other routes take goes to their
      // targets first (a firewall endpoint, an appliance), which pass it on by their own subnet's
      // table; only what its local route keeps is delivered straight.
      const edgeRoutes = g.edgeTable ? tableRoutes(g.edgeTable) : undefined;
      const edgeUnknown = g.edgeTableUnknown;
      const kept = keptBy(edgeRoutes);
      // Over IPv6 no address is translated: a reply may leave by an egress-only gateway of the VPC
      // rather than by this one. That gateway is stateful, and AWS documents only the replies to
      // what it saw leave: whether it passes a reply to a connection that came in here is not known.
      const egressOnly = [...net.gateways.values()].filter((x) => x.kind === 'egress-only-gateway' && x.vpc !== undefined && vpcs.has(x.vpc));
      const asymmetric = new Map(egressOnly.map((x) => [x.id, new Unknown(`whether ${x.id} passes replies to connections that came in through ${g.id} is not known (an egress-only gateway is stateful)`, x.span)]));
      for (const s of vpcSubnets) {
        for (const e of endpointsBySubnet.get(s.id) ?? []) {
          if (e.kind === 'nat-gateway') continue;
          const received = inboundOf(e);
          const everything = b.and(hs.prefixes('dstIp', e.addresses), subnetSpace(s, 'dstIp'));
          const topo = b.and(everything, kept);
          const placed = [...(e.expansion ? [e.expansion] : []), ...subnetUnknown(s)];
          const rests = e.publicAddress === 'unknown' ? [...placed, publicUnknown(e)] : placed;
          if (edgeRoutes) divert(gn, e, s, everything, edgeRoutes, rests);
          const back = returnRoute(s, g.id);
          const unknowns = edgeUnknown ? [...rests, edgeUnknown] : rests;
          if (edgeUnknown) {
            for (const a of appliancesIn(s.vpc)) throughAppliance(gn, g.id, a, s, everything, [publicOnlyOf(e)], [edgeUnknownReason(g.id, a, edgeUnknown)], unknowns, 'IGW_NO_RETURN_ROUTE');
          }
          // The way back is a setting here, so that a blocked-path answer names it: one edge for the
          // certain way back, and one for the possible one when there is one.
          // Over IPv6 no public address is needed: what reaches an endpoint whose public address is
          // not known at its IPv6 addresses rests only on where it is.
          const v6 = e.publicAddress === 'unknown' ? b.and(topo, hs.version(6)) : hs.none;
          const deliver = (permit: BddNode, rests: Unknown[]): void => {
            const settings = [publicOnlyOf(e), noRouteBack(s, g.id, 'IGW_NO_RETURN_ROUTE', permit, rests), ...blockedIngress(s)];
            const to = node('endpoint-in', e.id, zoneOf(e.id), e.span);
            const filters = [...settings, ...entering(s), ...received];
            if (v6 === hs.none) return edge(gn, to, topo, filters, 'deliver', { unknowns });
            edge(gn, to, b.diff(topo, v6), filters, 'deliver', { unknowns });
            edge(gn, to, v6, filters, 'deliver', { unknowns: edgeUnknown ? [...placed, edgeUnknown] : placed });
          };
          deliver(back.certain, back.certainUnknowns);
          if (back.possible !== hs.none) deliver(back.possible, back.possibleUnknowns);
          for (const [id, u] of asymmetric) {
            const other = returnRoute(s, id);
            const v6Back = b.diff(b.and(b.or(other.certain, other.possible), hs.version(6)), b.or(back.certain, back.possible));
            if (v6Back !== hs.none) deliver(v6Back, [...other.certainUnknowns, ...other.possibleUnknowns, u]);
          }
        }
      }
      continue;
    }
    if (net.transitGateways.has(g.id) || (g.kind === 'peering' && joinsHeldVpcs(g.vpcs))) continue;
    // An endpoint that passes traffic on inside the VPC (a Gateway Load Balancer's) has no far side.
    if (net.endpoints.get(g.id)?.kind === 'firewall') continue;
    // VPN gateway, peering or endpoint toward what the model does not hold: the far side is whatever
    // network the address names. Traffic that comes in through the gateway enters the VPC; it is not
    // sent back out (no hairpin).
    const inbound = node('gateway', `${g.id} (inbound)`, zoneOf(g.id), g.span);
    // A peering carries only what the peer VPC's range holds, and never transit: with that range not
    // known, whatever lies beyond rests on it.
    farSide(gn, inbound, g.id, g.kind === 'peering' ? [peerRangeUnknown(g.id, g.span)] : NO_UNKNOWNS);
    // A virtual private gateway's gateway route table: what its routes to an appliance or firewall
    // endpoint take goes there first (inspection), which passes it on by its own subnet's table; the
    // rest enters the subnets straight, as without the table (a target not followed included).
    // A route to any other target (one AWS refuses there, or one the configuration does not hold) is
    // not followed: what it takes may reach the subnets, resting on that.
    const edgeRoutes = g.edgeTable ? tableRoutes(g.edgeTable) : undefined;
    const edgeUnknown = g.edgeTableUnknown ? [g.edgeTableUnknown] : NO_UNKNOWNS;
    const kept = keptBy(edgeRoutes);
    const delivers = g.kind === 'vpn-gateway' || g.kind === 'peering';
    for (const s of vpcSubnets) {
      const back = returnRoute(s, g.id);
      viaWayBack(inbound, subnetNode(s), b.and(kept, subnetSpace(s, 'dstIp')), entering(s), 'route', [...subnetUnknown(s), ...edgeUnknown], back, delivers);
      for (const r of edgeRoutes ?? []) {
        if (r.target.kind === 'local' || applianceOf(r)) continue;
        viaWayBack(inbound, subnetNode(s), b.and(r.guard, subnetSpace(s, 'dstIp')), entering(s), 'route', [...subnetUnknown(s), ...(r.unknown ? [r.unknown] : []), notFollowed(r, g.id, s.id)], back, delivers);
      }
      for (const a of g.edgeTableUnknown ? appliancesIn(s.vpc) : []) throughAppliance(inbound, g.id, a, s, subnetSpace(s, 'dstIp'), [], [edgeUnknownReason(g.id, a, g.edgeTableUnknown!)], [...subnetUnknown(s), ...edgeUnknown], 'NO_RETURN_ROUTE');
    }
    // Its replies come back through the appliance, from each subnet (throughAppliance); what no held
    // subnet holds is passed on unchecked.
    for (const r of edgeRoutes ?? []) {
      const appliance = applianceOf(r);
      if (!appliance) continue;
      const rests = r.unknown ? [r.unknown] : NO_UNKNOWNS;
      let elsewhere = r.guard;
      for (const s of vpcSubnets) {
        const set = b.and(r.guard, subnetSpace(s, 'dstIp'));
        elsewhere = b.diff(elsewhere, set);
        if (set !== hs.none) throughAppliance(inbound, g.id, appliance, s, set, [], [r.reason], [...rests, ...subnetUnknown(s)], 'NO_RETURN_ROUTE');
      }
      const ts = net.subnets.get(appliance.subnets[0] ?? '');
      if (elsewhere !== hs.none) toAppliance(inbound, appliance, elsewhere, ts ? entering(ts) : [], [r.reason], rests);
    }
  }

  // Firewall hosts of gridfence.yaml, linked to what their interfaces lead to.
  addHosts({ hs, spaces, net, node, edge, internet, externals, overInternet, zoneOf });

  // Adjacency lists of exactly their length (counted first): thousands of nodes, mostly few edges each.
  const outCount = new Int32Array(nodes.length);
  const inCount = new Int32Array(nodes.length);
  for (const e of edges) {
    outCount[e.from]!++;
    inCount[e.to]!++;
  }
  const out: Edge[][] = nodes.map((_, i) => new Array<Edge>(outCount[i]!));
  const inn: Edge[][] = nodes.map((_, i) => new Array<Edge>(inCount[i]!));
  outCount.fill(0);
  inCount.fill(0);
  for (const e of edges) {
    out[e.from]![outCount[e.from]!++] = e;
    inn[e.to]![inCount[e.to]!++] = e;
  }
  return { nodes, edges, out, in: inn, byName, forwardOnly };
}
