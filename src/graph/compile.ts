/**
 * Settings as packet sets. A `View` says which packet fields a setting reads: the forward view reads
 * a new connection's packet as it is; the reply view reads the same packet as its reply would carry
 * it (sources and destinations swapped), so a stateless ACL's verdict on the reply becomes a condition
 * on the forward packet — no variable renaming is needed.
 *
 * Unknown values never shrink what may pass: an allow rule whose peer is unknown (or a prefix list
 * the model does not declare) matches every address, a deny rule whose peer is unknown matches none,
 * a group or ACL whose rules are not all known allows everything, and the Unknown travels with the
 * result (`FilterPart.unknowns`, the `unknown` of a route).
 */
import { decidedBy, foldFirstMatch, type AclLine } from '../engine/acl.js';
import type { BddNode } from '../engine/bdd.js';
import { PROTO, type HeaderSpace, type IpField, type NumField } from '../engine/header-space.js';
import { formatPrefix, type Prefix } from '../model/net/cidr.js';
import type { AclEntry, GroupRule, Network, NetworkAcl, Peer, Route, RouteTable, SecurityGroup, Service } from '../model/network.js';
import type { Span } from '../model/source.js';
import { Unknown } from '../model/value.js';
import { addTo } from '../model/multimap.js';
import type { FilterPart, Reason } from './types.js';

export interface View {
  src: IpField;
  dst: IpField;
  srcPort: NumField;
  dstPort: NumField;
}
export const FORWARD: View = { src: 'srcIp', dst: 'dstIp', srcPort: 'srcPort', dstPort: 'dstPort' };
export const REPLY: View = { src: 'dstIp', dst: 'srcIp', srcPort: 'dstPort', dstPort: 'srcPort' };

const PROTO_NAMES: ReadonlyMap<number, string> = new Map([[-1, 'all traffic'], ...Object.entries(PROTO).map(([name, n]): [number, string] => [n, name])]);

export function serviceText(s: Service): string {
  const p = PROTO_NAMES.get(s.protocol) ?? `protocol ${s.protocol}`;
  if (s.protocol === -1) return p;
  if (s.ports) return s.ports[0] === s.ports[1] ? `${p}/${s.ports[0]}` : `${p}/${s.ports[0]}-${s.ports[1]}`;
  return s.icmp && s.icmp.type >= 0 ? `${p} type ${s.icmp.type}` : p;
}

/**
 * ICMP queries by protocol (ICMP, ICMPv6) and the type of their reply: echo, timestamp, information
 * and address mask (RFC 792, RFC 950), echo for ICMPv6 (RFC 4443). Other messages have no reply.
 */
const ICMP_REPLY_OF: ReadonlyMap<number, ReadonlyMap<number, number>> = new Map([
  [PROTO.icmp, new Map([[8, 0], [13, 14], [15, 16], [17, 18]])],
  [PROTO.icmpv6, new Map([[128, 129]])],
]);

/** The owner of the default ACL of a VPC declared nowhere. */
const NO_VPC = {};

export class Compiler {
  private readonly groupAddresses = new Map<string, Prefix[]>();
  private readonly memo = new Map<string, FilterPart>();
  /** By the ACL (or the VPC's span), then [ingress request, ingress reply, egress request, egress reply]. */
  private readonly acls = new Map<object, FilterPart[]>();
  /** A service's packet set per view: thousands of rules name the same few services (tcp/443). */
  private readonly services = new Map<string, BddNode>();
  /** What a group rule matches, for rules that name only CIDR blocks and groups (see `ruleMatch`). */
  private readonly ruleMatches = new Map<string, BddNode>();
  /** Peers that name a group or a prefix list, by field and name. */
  private readonly peerSets = new Map<string, BddNode>();
  /** The Unknown of each prefix list whose entries are not known. */
  private readonly listUnknowns = new Map<string, Unknown>();
  /** The Unknown of each security group named but not in the configuration. */
  private readonly groupUnknowns = new Map<string, Unknown>();

  constructor(
    readonly hs: HeaderSpace,
    readonly net: Network,
  ) {
    for (const e of net.endpoints.values()) {
      for (const g of e.groups) {
        let list = this.groupAddresses.get(g);
        if (!list) this.groupAddresses.set(g, (list = []));
        list.push(...e.addresses);
      }
    }
  }

  service(s: Service, view: View): BddNode {
    if (s.protocol === -1) return this.hs.all;
    const key = `${view.dstPort} ${serviceKey(s)}`;
    let set = this.services.get(key);
    if (set === undefined) this.services.set(key, (set = this.serviceSet(s, view)));
    return set;
  }

  private serviceSet(s: Service, view: View): BddNode {
    const hs = this.hs;
    let set = hs.protocol(s.protocol);
    if (s.ports) set = hs.bdd.and(set, hs.range(view.dstPort, s.ports[0], s.ports[1]));
    if (s.icmp && view === REPLY) return hs.bdd.and(set, this.icmpReplyMatch(s.protocol, s.icmp));
    if (s.icmp) {
      if (s.icmp.type >= 0) set = hs.bdd.and(set, hs.value('icmpType', s.icmp.type));
      if (s.icmp.code >= 0) set = hs.bdd.and(set, hs.value('icmpCode', s.icmp.code));
    }
    return set;
  }

  /**
   * The requests whose reply an ICMP entry of a type and code matches, as a condition on the
   * request: an entry for echo replies (type 0) matches echo requests (type 8). Replies carry code 0.
   * A flow is a request and its reply (NA7): a message that has no reply (destination unreachable)
   * passes the reply direction only where it lets every ICMP type through.
   */
  private icmpReplyMatch(protocol: number, icmp: { type: number; code: number }): BddNode {
    const hs = this.hs;
    if (icmp.code > 0) return hs.none;
    if (icmp.type < 0) return hs.all;
    const requests = [...(ICMP_REPLY_OF.get(protocol) ?? [])].filter(([, reply]) => reply === icmp.type).map(([request]) => hs.value('icmpType', request));
    return hs.bdd.orAll(requests);
  }

  /** Whether the addresses a peer names are known: a CIDR, or a group or list the configuration holds. */
  private peerKnown(p: Peer): boolean {
    return p.kind === 'cidr' || (p.kind === 'group' && this.net.groups.has(p.group)) || (p.kind === 'prefix-list' && this.net.prefixLists.has(p.list));
  }

  /** Addresses a peer names, on one field; `unknowns` collects what could not be known. */
  peer(field: IpField, p: Peer, unknowns: Unknown[], whenUnknown: 'all' | 'none'): BddNode {
    switch (p.kind) {
      case 'cidr':
        return this.hs.prefix(field, p.prefix);
      case 'group': {
        if (this.net.groups.has(p.group)) return this.addressesOf(field, `group ${p.group}`, () => this.groupAddresses.get(p.group) ?? []);
        // A group the configuration does not hold (made elsewhere, named by its id): its members are
        // not known. One Unknown per group, as for prefix lists.
        let u = this.groupUnknowns.get(p.group);
        if (!u) this.groupUnknowns.set(p.group, (u = new Unknown(`the members of security group ${p.group} are not known: the configuration does not hold it`)));
        unknowns.push(u);
        return whenUnknown === 'all' ? this.hs.all : this.hs.none;
      }
      case 'prefix-list': {
        const entries = this.net.prefixLists.get(p.list);
        if (entries) return this.addressesOf(field, `list ${p.list}`, () => entries);
        // A list the model does not declare (an AWS-managed list, a data source): its entries are
        // unknown. One Unknown per list, so that a flow that meets the list twice names it once.
        let u = this.listUnknowns.get(p.list);
        if (!u) this.listUnknowns.set(p.list, (u = new Unknown(`the entries of prefix list ${p.list} are not known`)));
        unknowns.push(u);
        return whenUnknown === 'all' ? this.hs.all : this.hs.none;
      }
      case 'unknown':
        unknowns.push(p.unknown);
        return whenUnknown === 'all' ? this.hs.all : this.hs.none;
    }
  }

  /** The union of a group's member addresses or a list's entries, built once per field. */
  private addressesOf(field: IpField, name: string, list: () => readonly Prefix[]): BddNode {
    const key = `${field} ${name}`;
    let set = this.peerSets.get(key);
    if (set === undefined) this.peerSets.set(key, (set = this.hs.prefixes(field, list())));
    return set;
  }

  /** A security group's rules in one direction (stateful: evaluated on the forward packet only). */
  group(g: SecurityGroup, dir: 'ingress' | 'egress'): FilterPart {
    const key = `sg ${dir} ${g.id}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    const b = this.hs.bdd;
    const reasons: Reason[] = [];
    let permit = this.hs.none;
    let maybe: GroupRule[] | undefined;
    // A rule's peers that are not known (a CIDR known only after apply, a list or group the
    // configuration does not hold) admit what they may admit only possibly: they widen the group's
    // `possibly`, as a rule that may not be the group's does, resting on those values (`rests`), and
    // leave what the known peers and the other rules admit certain.
    let uncertain: Array<{ match: BddNode; r: GroupRule }> | undefined;
    const rests: Unknown[] = [];
    for (const r of g[dir]) {
      if (r.presence) {
        (maybe ??= []).push(r);
        continue;
      }
      const known = r.peers.filter((p) => this.peerKnown(p));
      const match = this.ruleMatch(known.length === r.peers.length ? r : { ...r, peers: known }, dir, []);
      if (match !== this.hs.none) {
        permit = b.or(permit, match);
        reasons.push(new GroupRuleReason(match, r, dir));
      }
      if (known.length < r.peers.length) {
        const more = this.ruleMatch({ ...r, peers: r.peers.filter((p) => !this.peerKnown(p)) }, dir, rests);
        if (more !== this.hs.none) (uncertain ??= []).push({ match: more, r });
      }
    }
    const part: FilterPart = { name: `security group ${g.id} (${dir})`, code: 'SG_NO_MATCH', permit, reasons, span: g.span, unknowns: [] };
    if (maybe || uncertain) {
      // The group as it may be: with the rules that may be its own, resting on that, and what the
      // peers not known may admit.
      const moreReasons = [...reasons];
      let widened = permit;
      for (const x of uncertain ?? []) {
        widened = b.or(widened, x.match);
        moreReasons.push(new GroupRuleReason(x.match, x.r, dir));
      }
      for (const r of maybe ?? []) {
        const match = this.ruleMatch(r, dir, rests);
        if (match === this.hs.none) continue;
        widened = b.or(widened, match);
        moreReasons.push(new GroupRuleReason(match, r, dir));
        rests.push(r.presence!);
      }
      if (widened !== permit) part.possibly = { ...part, permit: widened, reasons: moreReasons, unknowns: [...new Set(rests)] };
    }
    this.memo.set(key, part);
    return part;
  }

  /**
   * The packets one group rule matches. Rules that name only CIDR blocks and groups the
   * configuration holds are pure functions of what they name (no Unknown to record), and systems
   * repeat the same few (tcp/22 from the management subnet): those are built once.
   */
  private ruleMatch(r: GroupRule, dir: 'ingress' | 'egress', unknowns: Unknown[]): BddNode {
    const b = this.hs.bdd;
    const field: IpField = dir === 'ingress' ? 'srcIp' : 'dstIp';
    let key: string | undefined = `${dir} ${serviceKey(r.service)}`;
    for (const p of r.peers) {
      if (p.kind === 'cidr') key += ` ${p.prefix.version}:${p.prefix.network}/${p.prefix.bits}`;
      else if (p.kind === 'group' && this.net.groups.has(p.group)) key += ` g${p.group.length}:${p.group}`;
      else {
        key = undefined;
        break;
      }
    }
    const hit = key === undefined ? undefined : this.ruleMatches.get(key);
    if (hit !== undefined) return hit;
    let peers = this.hs.none;
    for (const p of r.peers) peers = b.or(peers, this.peer(field, p, unknowns, 'all'));
    const match = b.and(this.service(r.service, FORWARD), peers);
    if (key !== undefined) this.ruleMatches.set(key, match);
    return match;
  }

  /**
   * Union of several groups on one endpoint (SG1): a packet passes if any group allows it. A group
   * the configuration does not hold (named by its id), or groups not known at all (`unknown`), may
   * allow anything: the union is everything, resting on that.
   */
  groups(ids: readonly string[], dir: 'ingress' | 'egress', owner: string, unknown?: Unknown): FilterPart | undefined {
    const parts = ids.map((id) => {
      const g = this.net.groups.get(id);
      return g ? this.group(g, dir) : this.unknownGroup(`the rules of security group ${id} are not known: the configuration does not hold it`, id, dir);
    });
    if (unknown) parts.push(this.unknownGroup(unknown.reason, owner, dir, unknown));
    if (parts.length === 0) return undefined;
    if (parts.length === 1) return parts[0];
    return this.union(parts, owner, dir);
  }

  /**
   * Several groups of one endpoint as one filter (SG1: a packet passes if any allows it); with the
   * groups that may be its own (`maybe`, each resting on its Unknown) as what it possibly passes.
   */
  union(parts: FilterPart[], owner: string, dir: 'ingress' | 'egress', maybe: Array<{ part: FilterPart; unknown: Unknown }> = []): FilterPart {
    const b = this.hs.bdd;
    const union = (of: FilterPart[], more: Unknown[] = []): FilterPart => ({
      name: `security groups of ${owner} (${dir})`,
      code: 'SG_NO_MATCH',
      permit: b.orAll(of.map((p) => p.permit)),
      reasons: of.flatMap((p) => p.reasons),
      span: of[0]!.span,
      unknowns: [...of.flatMap((p) => p.unknowns), ...more],
    });
    const part = parts.length === 1 && maybe.length ? { ...parts[0]! } : union(parts);
    if (parts.some((p) => p.possibly) || maybe.length) {
      const wider = union([...parts, ...maybe.map((m) => m.part)].map((p) => p.possibly ?? p), [...new Set(maybe.map((m) => m.unknown))]);
      if (wider.permit !== part.permit || parts.some((p) => p.possibly)) part.possibly = wider;
    }
    return part;
  }

  /** A group whose rules are not known: it may allow anything. One Unknown per group. */
  private unknownGroup(reason: string, id: string, dir: 'ingress' | 'egress', given?: Unknown): FilterPart {
    const key = `unknown ${dir} ${id} ${reason}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    let u = given ?? this.groupUnknowns.get(`rules ${id}`);
    if (!u) this.groupUnknowns.set(`rules ${id}`, (u = new Unknown(reason)));
    const part: FilterPart = { name: `security group ${id} (${dir})`, code: 'SG_NO_MATCH', permit: this.hs.all, reasons: [{ match: this.hs.all, text: `${reason} (${dir})` }], unknowns: [u] };
    this.memo.set(key, part);
    return part;
  }

  /**
   * A network ACL in one direction, read in a view (NA2, NA4, NA5; final implicit deny). Without an
   * ACL (a VPC whose default ACL Terraform does not manage) this is AWS's default, which allows all;
   * `vpcSpan` is where that VPC is declared, which the trace points to.
   */
  acl(acl: NetworkAcl | undefined, dir: 'ingress' | 'egress', view: View, vpcSpan?: Span): FilterPart {
    const which = view === FORWARD ? 'request' : 'reply';
    // Asked once per subnet crossing: memoised by the ACL (or the VPC's span) itself, then direction and view.
    const owner: object = acl ?? vpcSpan ?? NO_VPC;
    let byOwner = this.acls.get(owner);
    if (!byOwner) this.acls.set(owner, (byOwner = []));
    const key = (dir === 'ingress' ? 0 : 2) + (view === FORWARD ? 0 : 1);
    const hit = byOwner[key];
    if (hit) return hit;
    if (!acl) {
      const part: FilterPart = { name: `default network ACL (${dir}, ${which})`, code: view === FORWARD ? 'NACL_DENY' : 'NACL_RETURN_DENY', permit: this.hs.all, reasons: [{ match: this.hs.all, text: `the VPC's default network ACL allows all (${dir})`, span: vpcSpan, defaultAllow: true }], span: vpcSpan, unknowns: [] };
      byOwner[key] = part;
      return part;
    }
    const unknowns: Unknown[] = acl.unknown ? [acl.unknown] : [];
    const entries = acl[dir];
    // First match only grows with what an allow matches and shrinks with what a deny matches. So the
    // ACL possibly passes what it passes with each entry that may not be its own (AclEntry.presence)
    // there if an allow and absent if a deny, each peer not known matching everything in an allow
    // and nothing in a deny; and surely what it passes the other way round.
    const rests: Unknown[] = [];
    const widest = this.aclLines(entries.filter((e) => !e.presence || e.action === 'allow'), dir, view, rests, true);
    // A deny that may be there passes the rest if it is absent or if its peer, not known, misses them: both are named.
    for (const e of entries) {
      if (!e.presence) continue;
      if (e.action === 'deny') this.peer(dir === 'ingress' ? view.src : view.dst, e.peer, rests, 'none');
      rests.push(e.presence);
    }
    const { permit, reasons } = rests.length ? this.aclLines(entries.filter((e) => !e.presence || e.action === 'deny'), dir, view, [], false) : widest;
    const part: FilterPart = {
      name: `network ACL ${acl.id} (${dir}, ${which})`,
      code: view === FORWARD ? 'NACL_DENY' : 'NACL_RETURN_DENY',
      permit: acl.unknown ? this.hs.all : permit,
      reasons,
      span: acl.span,
      unknowns,
    };
    if (!acl.unknown && widest.permit !== permit) part.possibly = { ...part, permit: widest.permit, reasons: widest.reasons, unknowns: [...new Set(rests)] };
    byOwner[key] = part;
    return part;
  }

  /**
   * An ACL's entries in one direction, first match wins, then deny; each allow credited with what it
   * decides. A peer not known matches, in an allow, everything when `widest` and nothing otherwise
   * (in a deny the other way round).
   */
  private aclLines(entries: readonly AclEntry[], dir: 'ingress' | 'egress', view: View, unknowns: Unknown[], widest: boolean): { permit: BddNode; reasons: Reason[] } {
    const b = this.hs.bdd;
    const which = view === FORWARD ? 'request' : 'reply';
    const field = dir === 'ingress' ? view.src : view.dst;
    const lines: Array<AclLine & { entry: AclEntry }> = entries.map((e) => ({
      match: b.and(this.service(e.service, view), this.peer(field, e.peer, unknowns, (e.action === 'allow') === widest ? 'all' : 'none')),
      action: e.action === 'allow' ? 'permit' : 'deny',
      entry: e,
    }));
    const { permit } = foldFirstMatch(b, lines, 'deny');
    // Each allow entry is credited with the packets it decides (its match minus every earlier match).
    const reasons: Reason[] = [];
    decidedBy(b, lines).forEach((decided, i) => {
      const l = lines[i]!;
      if (l.action === 'permit' && decided !== this.hs.none) reasons.push({ match: decided, text: `${l.entry.label} allows ${serviceText(l.entry.service)} (${which})`, span: l.entry.span, declaredBy: l.entry.declaredBy });
    });
    return { permit, reasons };
  }

  /**
   * A route table as disjoint guards per target (RT2): longest prefix first; at equal length static
   * routes, then a prefix list's entries, then propagated routes; each takes what no earlier route
   * claimed. A prefix list the model holds routes each of its entries by that entry's length. A
   * route whose destination is unknown (an unknown value, or a prefix list whose entries are not
   * known) may take anything and claims nothing: it hides no other route. Blackhole routes drop
   * what they take and are left out.
   */
  routes(t: RouteTable, view: View): Array<{ target: Route['target']; guard: BddNode; reason: Reason; unknown?: Unknown }> {
    const b = this.hs.bdd;
    const bitsOf = (p: Prefix): number => p.bits + (p.version === 6 ? 1000 : 0);
    type Ordered = { bits: number; rank: number; route: Route; dest: Peer; list?: string };
    const ordered: Ordered[] = [];
    for (const r of t.routes) {
      const d = r.destination;
      const rank = r.target.kind === 'local' ? 0 : r.origin === 'propagated' ? 2 : 1;
      const entries = d.kind === 'prefix-list' ? this.net.prefixLists.get(d.list) : undefined;
      if (d.kind === 'prefix-list' && entries) for (const p of entries) ordered.push({ bits: bitsOf(p), rank: 1.5, route: r, dest: { kind: 'cidr', prefix: p }, list: d.list });
      else ordered.push({ bits: d.kind === 'cidr' ? bitsOf(d.prefix) : -1, rank, route: r, dest: d });
    }
    const propagations: Array<{ gateway: string; presence?: Unknown }> = [...t.propagatesFrom.map((gateway) => ({ gateway })), ...(t.maybePropagatesFrom ?? []).map((m) => ({ gateway: m.gateway, presence: m.unknown }))];
    for (const { gateway: g, presence } of propagations) {
      for (const v of this.net.vpns.values()) {
        if (v.gateway !== g) continue;
        const dests: Peer[] = v.remote.map((prefix) => ({ kind: 'cidr', prefix }));
        // Routes learned by BGP (or a static route not known): a propagated route of unknown destination.
        if (v.remoteUnknown) dests.push({ kind: 'unknown', unknown: v.remoteUnknown });
        for (const dest of dests) {
          ordered.push({ bits: dest.kind === 'cidr' ? bitsOf(dest.prefix) : -1, rank: 2, route: { destination: dest, target: { kind: 'vpn-gateway', id: g }, origin: 'propagated', span: v.span, declaredBy: v.id, label: `${v.id} (propagated to ${t.id})`, ...(presence ? { presence } : {}) }, dest });
        }
      }
    }
    ordered.sort((a, c) => c.bits - a.bits || a.rank - c.rank);
    const out: Array<{ target: Route['target']; guard: BddNode; reason: Reason; unknown?: Unknown }> = [];
    let claimed = this.hs.none;
    // RT3: a propagated route never takes traffic from the VPC's local range, however specific it is.
    let local = this.hs.none;
    for (const o of ordered) if (o.route.target.kind === 'local' && o.dest.kind !== 'unknown') local = b.or(local, this.peer(view.dst, o.dest, [], 'none'));
    const unknownRoute = (o: Ordered, what: string, u: Unknown): void => {
      if (o.route.target.kind === 'blackhole') return;
      // A propagated one still never takes the local range (RT3).
      const guard = o.rank === 2 ? b.not(local) : this.hs.all;
      out.push({ target: o.route.target, guard, reason: { match: guard, text: `${o.route.label} (${what} unknown)`, span: o.route.span, declaredBy: o.route.declaredBy }, unknown: u });
    };
    // Entries of different prefix lists with the same prefix and different targets: AWS picks one of
    // the routes at random, once, and keeps it, so each may take it. (Two entries of one length share
    // addresses only when they are the same prefix.) One Unknown per shared prefix.
    const contested = new Map<Ordered, Unknown>();
    const byPrefix = new Map<string, Ordered[]>();
    for (const o of ordered) if (o.list !== undefined && o.dest.kind === 'cidr') addTo(byPrefix, prefixText(o.dest.prefix), o);
    for (const [prefix, same] of byPrefix) {
      if (new Set(same.map((x) => x.list)).size < 2 || new Set(same.map((x) => targetKeyOf(x.route.target))).size < 2) continue;
      const lists = [...new Set(same.map((x) => x.list!))].join(', ');
      const u = new Unknown(`AWS picks once, at random, which of the routes of prefix lists ${lists} takes ${prefix} (${t.id})`);
      for (const o of same) if (same.some((x) => x.list !== o.list && targetKeyOf(x.route.target) !== targetKeyOf(o.route.target))) contested.set(o, u);
    }
    let groupBase = claimed;
    let groupKey = '';
    for (const o of ordered) {
      const key = `${o.bits}:${o.rank}`;
      if (key !== groupKey) {
        groupKey = key;
        groupBase = claimed;
      }
      if (o.dest.kind === 'unknown') {
        unknownRoute(o, 'destination', o.dest.unknown);
        continue;
      }
      const unknowns: Unknown[] = [];
      const dest = this.peer(view.dst, o.dest, unknowns, 'all');
      if (unknowns.length > 0) {
        unknownRoute(o, o.dest.kind === 'prefix-list' ? `entries of prefix list ${o.dest.list}` : 'destination', unknowns[0]!);
        continue;
      }
      const takes = o.rank === 2 ? b.diff(dest, local) : dest;
      const text = routeText(t, o.route, o.dest, o.list);
      if (o.route.presence) {
        // A route that may not be in this table: what it would take, of what no earlier route claims,
        // possibly; the routes after it keep their claim (if it is absent, they carry that traffic).
        const maybeTaken = b.diff(takes, claimed);
        if (o.route.target.kind !== 'blackhole' && maybeTaken !== this.hs.none) {
          out.push({ target: o.route.target, guard: maybeTaken, reason: { match: maybeTaken, text: `${text}, if the route is in this table`, span: o.route.span, declaredBy: o.route.declaredBy }, unknown: o.route.presence });
        }
        continue;
      }
      const tie = contested.get(o);
      // A contested entry is all shared: possible, against what routes before the tied ones claimed
      // (not the rival's claim); nothing of it is certain.
      const guard = tie ? this.hs.none : b.diff(takes, claimed);
      const maybe = tie ? b.diff(takes, groupBase) : this.hs.none;
      claimed = b.or(claimed, takes);
      if (o.route.target.kind === 'blackhole') continue;
      if (guard !== this.hs.none) out.push({ target: o.route.target, guard, reason: { match: guard, text, span: o.route.span, declaredBy: o.route.declaredBy } });
      if (maybe !== this.hs.none) out.push({ target: o.route.target, guard: maybe, reason: { match: maybe, text: `${text}, or another list's`, span: o.route.span, declaredBy: o.route.declaredBy }, unknown: tie });
    }
    return out;
  }
}

/** A route as a trace names it: destination, target and table. */
function routeText(t: RouteTable, r: Route, dest: Peer, list: string | undefined): string {
  const destText = dest.kind === 'cidr' ? (list ? `${list} (${prefixText(dest.prefix)})` : prefixText(dest.prefix)) : dest.kind === 'prefix-list' ? dest.list : 'unknown';
  return `route ${destText} → ${r.target.kind === 'local' ? 'local' : r.target.id ?? r.target.kind} (${t.id})`;
}

/** A route target's identity, and the name of the node it leads to: its id, else a name of its kind. */
export function targetKeyOf(t: { kind: string; id?: string }): string {
  return t.id ?? `${t.kind} (unknown id)`;
}

/**
 * A security-group rule as the reason a packet passes. Its words are written when a trace shows
 * them: a system has thousands of rules, and few of them ever appear in a finding.
 */
class GroupRuleReason implements Reason {
  constructor(
    readonly match: BddNode,
    private readonly rule: GroupRule,
    private readonly dir: 'ingress' | 'egress',
  ) {}

  get span(): Span | undefined {
    return this.rule.span;
  }

  get declaredBy(): string | undefined {
    return this.rule.declaredBy;
  }

  get text(): string {
    return `${this.rule.label} allows ${serviceText(this.rule.service)} ${this.dir === 'ingress' ? 'from' : 'to'} ${peersText(this.rule)}`;
  }
}

function peersText(r: GroupRule): string {
  return r.peers.map((p) => (p.kind === 'cidr' ? prefixText(p.prefix) : p.kind === 'group' ? p.group : p.kind === 'prefix-list' ? p.list : 'an unknown address')).join(', ') || 'nothing';
}

function prefixText(p: Prefix): string {
  return formatPrefix(p.version, p.network, p.bits);
}

/** A service as a memo key: equal services, equal keys. */
function serviceKey(s: Service): string {
  return `${s.protocol} ${s.ports ? `${s.ports[0]}-${s.ports[1]}` : ''} ${s.icmp ? `${s.icmp.type}/${s.icmp.code}` : ''}`;
}
