/**
 * Firewall hosts in the forwarding graph (network-semantics.md §4.4). Per interface, a packet goes
 *
 *   `H:I (in)` → PREROUTING (raw/mangle filters, destination NAT) → `H:I (after PREROUTING)`
 *     → routing → FORWARD (both directions: the reply must pass too) → `H:O (before POSTROUTING)`
 *     → POSTROUTING (source NAT) → `H:O (out)` → what the interface links to
 *   `H:I (after PREROUTING)` → INPUT → the host itself; the host → OUTPUT → `H:O (before POSTROUTING)`
 *
 * Filtering chains of a priority above the hook's NAT (nftables `priority filter` in prerouting)
 * see the translated packet: they get a stage of their own after it, `H:I (after DNAT)` and
 * `H:O (after SNAT)`. nftables `ingress` chains bound to an interface filter what arrives on it
 * before PREROUTING; `egress` chains what leaves by it, after POSTROUTING (from `H:O (after SNAT)`).
 *
 * A connection's replies take the hooks of their own way: they arrive on `O` (ingress, PREROUTING)
 * and leave by `I` (POSTROUTING, egress), each chain seeing the reply as NAT leaves it there — the
 * source NAT is undone at PREROUTING's NAT priority, the destination NAT at POSTROUTING's. Each is
 * judged, in the reply view, on the edge that carries the forward packet in the form the reply
 * mirrors: ingress and PREROUTING before the NAT on `O`'s edge after source NAT, PREROUTING after it
 * on `O`'s source NAT edges; POSTROUTING before the NAT on the edges out of `I (after PREROUTING)`,
 * POSTROUTING after it and egress on `I`'s PREROUTING edges, before destination NAT.
 *
 * Routing has no table in the configuration: a packet may leave by every interface whose networks
 * hold its destination — the interface's connected prefix and its zone's CIDRs, an external's
 * prefixes, a linked VPC's ranges — and by an interface linked to the internet for every destination
 * that no other interface claims. A packet arriving from the internet may carry any destination: the
 * upstream is not trusted to route only the host's own addresses.
 *
 * A zone interface stands for the network behind it: the graph has an endpoint named `H:I` there,
 * which sends from and receives at that network's addresses.
 */
import type { BddNode } from '../../engine/bdd.js';
import type { HeaderSpace } from '../../engine/header-space.js';
import type { FirewallHost, FwRule, Hook, HostInterface } from '../../model/firewall.js';
import { parseCidr, type Prefix } from '../../model/net/cidr.js';
import type { Network } from '../../model/network.js';
import type { Span } from '../../model/source.js';
import { Unknown } from '../../model/value.js';
import type { Spaces } from '../spaces.js';
import type { Edge, FilterPart, GraphNode, NodeKind, Reason, Transform } from '../types.js';
import { NetfilterCompiler, natPriority, type ChainFilter } from './compile.js';
import { fixedInterfaces } from './interfaces.js';

export interface GraphBuilder {
  hs: HeaderSpace;
  spaces: Spaces;
  net: Network;
  node(kind: NodeKind, name: string, zone?: string, span?: Span): GraphNode;
  edge(from: GraphNode, to: GraphNode, topology: BddNode, filters: FilterPart[], step: string, extra?: { route?: Reason[]; transform?: Transform; unknowns?: Unknown[]; forward?: Edge['forward'] }): void;
  internet: GraphNode;
  externals: GraphNode[];
  overInternet: GraphNode[];
  zoneOf(address: string): string | undefined;
}

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];

export function addHosts(g: GraphBuilder): void {
  for (const h of g.net.hosts.values()) new HostGraph(g, h).build();
}

class HostGraph {
  private readonly hs: HeaderSpace;
  /** The host's own addresses. */
  private readonly own: BddNode;
  /** Per interface: the destinations routed out of it, as a set on either address field. */
  private readonly routes = new Map<string, { space: (field: 'srcIp' | 'dstIp') => BddNode; set: BddNode; reason: Reason; unknowns: Unknown[] }>();

  constructor(
    private readonly g: GraphBuilder,
    private readonly h: FirewallHost,
  ) {
    this.hs = g.hs;
    this.own = this.ownAs('dstIp');
    const versions = new Set(h.interfaces.flatMap((i) => (i.address ? [i.address.version] : [])));
    this.versions = versions.size ? this.hs.bdd.orAll([...versions].map((v) => this.hs.version(v))) : this.hs.all;
  }

  /**
   * The IP versions the host forwards: those of its interfaces' addresses (all when none is given).
   * Linux forwards a family only where it is configured; a family with addresses but no ruleset
   * chains passes unfiltered.
   */
  private readonly versions: BddNode;

  /** The host's own addresses (its interfaces'), on a field. */
  private ownAs(field: 'srcIp' | 'dstIp'): BddNode {
    return this.hs.prefixes(field, this.h.interfaces.flatMap((i) => (i.address ? [hostPrefix(i.address)] : [])));
  }

  private name(i: HostInterface): string {
    return `${this.h.name}:${i.name}`;
  }

  private stage(i: HostInterface, what: string): GraphNode {
    return this.g.node('host', `${this.name(i)} (${what})`, this.g.zoneOf(this.name(i)), i.span);
  }

  build(): void {
    const { g, h, hs } = this;
    const b = hs.bdd;
    this.computeRoutes();
    const self = { out: g.node('endpoint-out', h.name, undefined, h.span), in: g.node('endpoint-in', h.name, undefined, h.span) };
    for (const i of h.interfaces) {
      const arrive = this.stage(i, 'in');
      const routed = this.stage(i, 'after PREROUTING');
      // PREROUTING: filtering chains before the destination NAT (raw, mangle), the NAT of first
      // packets, then the filtering chains of a higher priority, which see the new destination.
      const split = this.aroundNat('prerouting');
      const ingress = this.filter('ingress', i.name, undefined, 'ingress', false, boundTo(i.name));
      const pre = this.filter('prerouting', i.name, undefined, 'PREROUTING', false, split?.before);
      // Replies leave by this interface: egress and the POSTROUTING chains after the NAT see them with
      // the destination NAT undone, as the packet arrives here.
      const postSplit = this.aroundNat('postrouting', true);
      const egressReply = this.filter('egress', undefined, i.name, 'egress (replies)', true, boundTo(i.name));
      const postReplyLate = postSplit && this.filter('postrouting', undefined, i.name, 'POSTROUTING (replies, NAT undone)', true, postSplit.after);
      const postReply = this.filter('postrouting', undefined, i.name, 'POSTROUTING (replies)', true, postSplit?.before);
      const first = [ingress, pre, postReplyLate, egressReply].filter((f): f is FilterPart => f !== undefined);
      const dnat = this.nat('prerouting', i);
      const post = split && this.filter('prerouting', i.name, undefined, 'PREROUTING (after DNAT)', false, split.after);
      const translated = post ? this.stage(i, 'after DNAT') : routed;
      if (post) g.edge(translated, routed, hs.all, [post], 'PREROUTING');
      g.edge(arrive, translated, dnat.untranslated, first, 'PREROUTING');
      for (const t of dnat.rules) g.edge(arrive, translated, t.set, first, 'DNAT', { route: [t.reason], transform: t.transform, unknowns: t.unknowns });
      // Delivered to the host itself.
      const input = this.filter('input', i.name, undefined, 'INPUT');
      const inputReply = this.filter('output', undefined, i.name, 'OUTPUT (replies)', true);
      g.edge(routed, self.in, this.own, [input, inputReply, postReply].filter((f): f is FilterPart => f !== undefined), 'INPUT');
      for (const o of h.interfaces) {
        const route = this.routes.get(o.name)!;
        if (o.name !== i.name) {
          const fwd = this.filter('forward', i.name, o.name, 'FORWARD');
          const back = this.filter('forward', o.name, i.name, 'FORWARD (replies)', true);
          g.edge(routed, this.stage(o, 'before POSTROUTING'), b.diff(route.set, this.own), [fwd, back, postReply].filter((f): f is FilterPart => f !== undefined), 'route', { route: [route.reason], unknowns: route.unknowns });
        }
      }
    }
    for (const o of h.interfaces) {
      const route = this.routes.get(o.name)!;
      const before = this.stage(o, 'before POSTROUTING');
      const leave = this.stage(o, 'out');
      // Sent by the host itself.
      const output = this.filter('output', undefined, o.name, 'OUTPUT');
      const outputReply = this.filter('input', o.name, undefined, 'INPUT (replies)', true);
      const src = o.address ? hs.prefix('srcIp', hostPrefix(o.address)) : hs.all;
      g.edge(self.out, before, b.and(src, b.diff(route.set, this.own)), [output, outputReply].filter((f): f is FilterPart => f !== undefined), 'route', { route: [route.reason], unknowns: route.unknowns });
      // POSTROUTING: filtering chains before the source NAT, the NAT, then those of a higher
      // priority, which see the new source.
      const split = this.aroundNat('postrouting');
      const post = this.filter('postrouting', undefined, o.name, 'POSTROUTING', false, split?.before);
      const snat = this.nat('postrouting', o);
      const later = split && this.filter('postrouting', undefined, o.name, 'POSTROUTING (after SNAT)', false, split.after);
      const egress = this.filter('egress', undefined, o.name, 'egress', false, boundTo(o.name));
      // Replies arrive on this interface: ingress and the PREROUTING chains before the NAT see them as
      // the packet leaves here; those after it, with the source NAT undone.
      const preSplit = this.aroundNat('prerouting', true);
      const ingressReply = this.filter('ingress', o.name, undefined, 'ingress (replies)', true, boundTo(o.name));
      const preReply = this.filter('prerouting', o.name, undefined, 'PREROUTING (replies)', true, preSplit?.before);
      const preReplyLate = preSplit && this.filter('prerouting', o.name, undefined, 'PREROUTING (replies, NAT undone)', true, preSplit.after);
      const last = [later, egress, ingressReply, preReply].filter((f): f is FilterPart => f !== undefined);
      const translated = last.length ? this.stage(o, 'after SNAT') : leave;
      if (last.length) g.edge(translated, leave, hs.all, last, later || !egress ? 'POSTROUTING' : 'egress');
      const beforeNat = [post, preReplyLate].filter((f): f is FilterPart => f !== undefined);
      g.edge(before, translated, snat.untranslated, beforeNat, 'POSTROUTING');
      for (const t of snat.rules) g.edge(before, translated, t.set, beforeNat, 'SNAT', { route: [t.reason], transform: t.transform, unknowns: t.unknowns });
      this.link(o, leave, this.stage(o, 'in'));
    }
  }

  /**
   * The filtering chains of a hook on each side of its NAT, when some come after it (a priority
   * above the hook's NAT chains: nftables `priority filter` in prerouting, after `dstnat`); they see
   * the translated packet. Undefined when every one comes before, or the hook has no NAT.
   */
  private aroundNat(hook: 'prerouting' | 'postrouting', replies = false): { before: ChainFilter; after: ChainFilter } | undefined {
    const rs = this.h.ruleset;
    if (!rs) return undefined;
    // Replies have the NAT of their connection undone at the hook's NAT priority (dstnat, -100, in
    // PREROUTING; srcnat, 100, in POSTROUTING) even where the hook has no NAT chain of its own.
    const undone = replies && [...rs.chains.values()].some((x) => x.type === 'nat') ? (hook === 'prerouting' ? -100 : 100) : undefined;
    const nat = natPriority(rs, hook) ?? undone;
    if (nat === undefined || ![...rs.chains.values()].some((x) => x.hook === hook && x.type !== 'nat' && (x.priority ?? 0) > nat)) return undefined;
    return { before: (c) => (c.priority ?? 0) <= nat, after: (c) => (c.priority ?? 0) > nat };
  }

  /**
   * What a hook's filtering chains (those `which` takes) let through for a pair of interfaces;
   * undefined when the host has no such chain there.
   */
  private filter(hook: Hook, iif: string | undefined, oif: string | undefined, label: string, reply = false, which?: ChainFilter): FilterPart | undefined {
    const rs = this.h.ruleset;
    if (!rs) return undefined;
    const c = new NetfilterCompiler(this.hs, rs, fixedInterfaces(this.hs, iif, oif), reply);
    if (![...rs.chains.values()].some((x) => x.hook === hook && x.type !== 'nat' && (!which || which(x)))) return undefined;
    const permit = this.hs.bdd.and(c.hook(hook, this.hs.all, which), this.versions);
    const chains = c.baseChains(hook, undefined, which);
    return {
      name: `firewall ${this.h.name} ${label}${iif || oif ? ` (${iif ?? 'host'} → ${oif ?? 'host'})` : ''}`,
      code: reply ? 'FW_REPLY_DROP' : 'FW_DROP',
      permit,
      reasons: c.reasons,
      ...(chains[0] ? { span: chains[0].span } : {}),
      unknowns: c.unknowns,
    };
  }

  /** NAT rules of a hook for packets on an interface (first packets only), and what none of them translates. */
  private nat(hook: Hook, i: HostInterface): { untranslated: BddNode; rules: Array<{ set: BddNode; reason: Reason; transform: Transform; unknowns: Unknown[] }> } {
    const hs = this.hs;
    const b = hs.bdd;
    const rs = this.h.ruleset;
    if (!rs) return { untranslated: hs.all, rules: [] };
    const c = new NetfilterCompiler(hs, rs, hook === 'prerouting' ? fixedInterfaces(hs, i.name, undefined) : fixedInterfaces(hs, undefined, i.name));
    const rules: Array<{ set: BddNode; reason: Reason; transform: Transform; unknowns: Unknown[] }> = [];
    let translated = hs.none;
    for (const { rule, set } of c.natRules(hook, hs.ctState('new'))) {
      const t = this.transform(rule, i);
      const exact = c.match(rule).opaque.length === 0;
      if (exact) translated = b.or(translated, set);
      if (!t) continue;
      rules.push({ set, reason: { match: hs.all, text: `${rule.address} ${t.text}${rule.comment ? ` "${rule.comment}"` : ''}`, span: rule.span, declaredBy: rule.address }, transform: t, unknowns: exact ? [] : c.unknowns });
    }
    // Later packets of a connection skip the NAT chains: only first packets are translated here.
    return { untranslated: b.diff(hs.all, b.and(translated, hs.ctState('new'))), rules };
  }

  private transform(rule: FwRule, i: HostInterface): Transform | undefined {
    const hs = this.hs;
    const b = hs.bdd;
    const a = rule.action;
    const host = (p: Prefix, field: 'srcIp' | 'dstIp'): BddNode => hs.prefix(field, p);
    const ports = (field: 'srcPort' | 'dstPort', r: [number, number] | undefined): BddNode => (r ? hs.range(field, r[0], r[1]) : hs.all);
    switch (a.kind) {
      case 'dnat':
        return {
          fields: [...(a.address ? (['dstIp', 'v6'] as const) : []), ...(a.ports ? (['dstPort'] as const) : [])],
          set: b.and(a.address ? host(a.address, 'dstIp') : hs.all, ports('dstPort', a.ports)),
          text: `DNAT to ${[a.address ? hs.describe(host(a.address, 'dstIp')).destination : '', a.ports ? a.ports.join('-') : ''].filter(Boolean).join(':')}`,
        };
      case 'redirect': {
        if (!i.address) return undefined;
        const me = host(hostPrefix(i.address), 'dstIp');
        return { fields: ['dstIp', 'v6', ...(a.ports ? (['dstPort'] as const) : [])], set: b.and(me, ports('dstPort', a.ports)), text: `REDIRECT to ${this.name(i)}${a.ports ? `:${a.ports.join('-')}` : ''}` };
      }
      case 'snat': {
        const address = a.address ?? (i.address ? hostPrefix(i.address) : undefined);
        if (!address) return undefined;
        return {
          fields: ['srcIp', 'v6', ...(a.ports ? (['srcPort'] as const) : [])],
          set: b.and(host(address, 'srcIp'), ports('srcPort', a.ports)),
          text: `${a.address ? 'SNAT' : 'MASQUERADE'} to ${hs.describe(host(address, 'srcIp')).source}`,
        };
      }
      default:
        return undefined;
    }
  }

  /** Where each interface's routes lead (see the file comment). */
  private computeRoutes(): void {
    const { g, h, hs } = this;
    const b = hs.bdd;
    const claimed: Array<(field: 'srcIp' | 'dstIp') => BddNode> = [];
    const defaults: HostInterface[] = [];
    for (const i of h.interfaces) {
      if (i.link === 'internet') {
        defaults.push(i);
        continue;
      }
      const unknowns: Unknown[] = [];
      const prefixes: Prefix[] = i.address ? [i.address] : [];
      let external: string | undefined;
      let why = i.address ? `the connected network of ${this.name(i)}` : '';
      if (i.zone) {
        const cidrs = g.spaces.zoneCidrs(i.zone);
        prefixes.push(...cidrs);
        if (cidrs.length) why = `zone ${i.zone}`;
      }
      if (i.link) {
        const ext = g.spaces.externals.find((x) => x.name === i.link);
        const vpc = ext ? undefined : this.linkedVpc(i.link);
        if (ext) {
          external = ext.name;
          why = ext.name;
        } else if (vpc?.cidrs.length) {
          prefixes.push(...vpc.cidrs);
          why = `${vpc.id} through ${i.link}`;
        } else {
          // What lies beyond the link is not known: any private address.
          prefixes.push(...PRIVATE.map((c) => parseCidr(c)!));
          unknowns.push(new Unknown(`the networks behind ${this.name(i)} (link ${i.link}) are not known: any private address may be routed there`, i.span));
          why = i.link;
        }
      }
      let space = (field: 'srcIp' | 'dstIp'): BddNode => b.or(hs.prefixes(field, prefixes), external ? g.spaces.external(external, field) : hs.none);
      if (!prefixes.length && !external) {
        space = () => hs.all;
        unknowns.push(new Unknown(`${this.name(i)} has no address, zone CIDRs or link: any destination may be routed there`, i.span));
        why = 'no known network';
      }
      claimed.push(space);
      const set = b.and(space('dstIp'), this.versions);
      this.routes.set(i.name, { space, set, reason: { match: set, text: `${h.name} routes to ${this.name(i)} (${why})`, span: i.span, declaredBy: this.name(i) }, unknowns });
    }
    for (const i of defaults) {
      const space = (field: 'srcIp' | 'dstIp'): BddNode => b.or(b.not(b.orAll(claimed.map((c) => c(field)))), i.address ? hs.prefix(field, i.address) : hs.none);
      const set = b.and(space('dstIp'), this.versions);
      this.routes.set(i.name, { space, set, reason: { match: set, text: `${h.name} routes to ${this.name(i)} (default route)`, span: i.span, declaredBy: this.name(i) }, unknowns: [] });
    }
  }

  /** The VPC behind a linked resource: an AWS VPN connection's gateway's VPC, or a gateway's. */
  private linkedVpc(address: string): { id: string; cidrs: Prefix[] } | undefined {
    const net = this.g.net;
    const gw = net.vpns.get(address)?.gateway ?? address;
    const vpc = net.gateways.get(gw)?.vpc;
    const v = vpc ? net.vpcs.get(vpc) : undefined;
    return v ? { id: v.id, cidrs: v.cidrs } : undefined;
  }

  /** The far side of an interface: a zone's network, the internet, an external, or a linked gateway. */
  private link(i: HostInterface, leave: GraphNode, arrive: GraphNode): void {
    const { g, hs } = this;
    const b = hs.bdd;
    const route = this.routes.get(i.name)!;
    if (i.link === 'internet') {
      g.edge(leave, g.internet, g.spaces.internet('dstIp'), [], 'to the internet');
      // Datagrams may claim any public source (PathAnalysis.fromOneWay); connections come from the internet's own addresses.
      g.edge(g.internet, arrive, g.spaces.internet('srcIp'), [], 'from the internet', { forward: { topology: g.spaces.forgeable('srcIp'), unknowns: [] } });
      g.spaces.externals.forEach((x, k) => {
        if (x.transport === 'closed') return;
        g.edge(leave, g.overInternet[k]!, g.spaces.external(x.name, 'dstIp'), [], 'to the internet');
        g.edge(g.overInternet[k]!, arrive, g.spaces.external(x.name, 'srcIp'), [], 'from the internet');
      });
      return;
    }
    const k = g.spaces.externals.findIndex((x) => x.name === i.link);
    if (k >= 0) {
      g.edge(leave, g.externals[k]!, g.spaces.external(i.link!, 'dstIp'), [], 'to the far side');
      g.edge(g.externals[k]!, arrive, g.spaces.external(i.link!, 'srcIp'), [], 'from the far side');
      return;
    }
    if (i.link) {
      const gw = g.net.vpns.get(i.link)?.gateway ?? i.link;
      if (g.net.gateways.has(gw)) {
        const into = g.node('gateway', `${gw} (inbound)`, g.zoneOf(gw), g.net.gateways.get(gw)!.span);
        g.edge(leave, into, hs.all, [], `to ${i.link}`);
        g.edge(g.node('gateway', gw, g.zoneOf(gw), g.net.gateways.get(gw)!.span), arrive, hs.all, [], `from ${i.link}`);
        return;
      }
      const u = new Unknown(`${this.name(i)} links to ${i.link}, which is not in the analysed configuration: whatever lies there is taken as an undeclared network`, i.span);
      const far = g.node('undeclared', `undeclared network via ${this.name(i)}`, undefined, i.span);
      g.edge(leave, far, hs.all, [], 'to the far side', { unknowns: [u] });
      g.edge(far, arrive, hs.all, [], 'from the far side', { unknowns: [u] });
      return;
    }
    // The network behind a zone interface: sends from and receives at its addresses.
    const seg = this.name(i);
    const zone = g.zoneOf(seg) ?? i.zone;
    // The host's own addresses are not the network's, nor are an IPv4 subnet's network and broadcast
    // addresses, which no machine on it sends from or is reached at.
    const reserved = (field: 'srcIp' | 'dstIp'): BddNode => b.or(this.ownAs(field), i.address ? edgesOf(hs, field, i.address) : hs.none);
    g.edge(leave, g.node('endpoint-in', seg, zone, i.span), b.diff(route.set, reserved('dstIp')), [], 'deliver', { unknowns: route.unknowns });
    g.edge(g.node('endpoint-out', seg, zone, i.span), arrive, b.diff(route.space('srcIp'), reserved('srcIp')), [], 'send', { unknowns: route.unknowns });
  }
}

/** The network and broadcast addresses of an IPv4 subnet of /30 or wider; nothing otherwise. */
function edgesOf(hs: HeaderSpace, field: 'srcIp' | 'dstIp', p: Prefix): BddNode {
  if (p.version !== 4 || p.bits > 30) return hs.none;
  const last = p.network + (1n << BigInt(32 - p.bits)) - 1n;
  return hs.bdd.or(hs.ipRange(field, 4, p.network, p.network), hs.ipRange(field, 4, last, last));
}

/** The address of an interface prefix as a single-address prefix (10.20.2.1/24 → 10.20.2.1/32). */
function hostPrefix(p: Prefix): Prefix {
  return { ...p, network: p.address, bits: p.version === 4 ? 32 : 128 };
}

/** The ingress or egress chains bound to one interface. */
function boundTo(device: string): ChainFilter {
  return (c) => c.devices?.includes(device) === true;
}
