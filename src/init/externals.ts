/**
 * External guesses. Every prefix that a security-group or network-ACL rule, a route, a VPN route or an
 * allow list names, and that none of our own prefixes (VPCs, subnets, zone CIDRs) overlaps, is an
 * outside network:
 *  - 0.0.0.0/0 and ::/0 are the internet, which is implicit (a note, no external);
 *  - link-local, loopback and multicast addresses are services of the platform (a note);
 *  - a narrow public prefix (IPv4 /24 or longer, IPv6 /48 or longer) that a dispatch-link zone sends to
 *    is the dispatch system; all of them form one external `dispatch-system`, with the services seen,
 *    the transport of its routes and the NAT gateways' addresses as registered sources;
 *  - prefixes reached through a site-to-site VPN form one external per VPN, named after it;
 *  - the rest are partners, DER sites or other networks, by the zone they enter and the words of the
 *    rules that name them; a prefix nothing hints at is `other`, marked as unsure.
 */
import type { ExternalRole, ZoneRole } from '../config/types.js';
import { type Prefix, parseCidr, prefixContains } from '../model/net/cidr.js';
import type { ModelResource } from '../model/resource.js';
import { TfSet, Unknown, type ObjectValue, type Value } from '../model/value.js';
import { blocks, instanceKey, oneLine, prefixText, refs, str, strings, toPrefix } from './resources.js';
import type { Bilingual, ProposedExternal } from './types.js';
import { externalHints, isGeneric, safeName } from './words.js';
import { addTo } from '../model/multimap.js';
import { table } from '../model/table.js';

type Kind = 'ingress' | 'egress' | 'route' | 'vpn' | 'allow-list';
type Via = 'internet' | 'nat' | 'vpn' | 'transit' | 'peering' | 'other';

interface Sighting {
  prefix: Prefix;
  kind: Kind;
  /** The resource that names the prefix. */
  resource: string;
  zone?: string;
  /** `tcp/443`, `udp/53-54`, `icmp`, or `all` (every protocol). */
  service?: string;
  description?: string;
  via?: { kind: Via; target: string };
  /** VPN connection (or VPN gateway) the prefix is reached through. */
  vpn?: string;
}

export interface ExternalContext {
  resources: readonly ModelResource[];
  zoneOf: ReadonlyMap<string, string>;
  roleOf: ReadonlyMap<string, ZoneRole>;
  /** Prefixes of our zones: their CIDRs and the prefixes of the subnets in them. */
  zonePrefixes: readonly Prefix[];
  /** Names that externals must not take (the zones'). */
  taken: ReadonlySet<string>;
}

export interface ExternalGuesses {
  externals: ProposedExternal[];
  notes: Bilingual[];
}

const ROLE_ORDER: readonly ExternalRole[] = ['dispatch-system', 'partner', 'der-site', 'other'];

export function guessExternals(ctx: ExternalContext): ExternalGuesses {
  const byAddress = new Map(ctx.resources.map((r) => [r.address, r]));
  const { sightings, unknown } = collect(ctx, byAddress);
  const notes: Bilingual[] = [];

  // Our own address space: VPCs, every subnet, the zones' prefixes.
  const own: Array<{ prefix: Prefix; resource?: string; subnet: boolean }> = ctx.zonePrefixes.map((prefix) => ({ prefix, subnet: true }));
  for (const r of ctx.resources) {
    if (r.mode !== 'managed') continue;
    const keys = r.type === 'aws_vpc' || r.type === 'aws_vpc_ipv4_cidr_block_association' || /_subnet$/.test(r.type) ? ['cidr_block', 'ipv6_cidr_block'] : [];
    if (r.type === 'azurerm_virtual_network' || r.type === 'azurerm_subnet') keys.push('address_space', 'address_prefixes');
    if (r.type === 'google_compute_subnetwork') keys.push('ip_cidr_range');
    for (const k of keys) for (const s of strings(r.attributes[k])) {
      const p = toPrefix(s);
      if (p) own.push({ prefix: p, resource: r.address, subnet: /subnet/.test(r.type) });
    }
  }

  const byPrefix = new Map<string, Sighting[]>();
  const internet: string[] = [];
  const special = new Map<string, string[]>();
  const ours = new Map<string, string>();
  for (const s of sightings) {
    const text = prefixText(s.prefix);
    if (s.prefix.bits === 0) {
      if (!internet.includes(s.resource)) internet.push(s.resource);
      continue;
    }
    if (isSpecial(s.prefix)) {
      const list = special.get(text) ?? [];
      if (!list.includes(s.resource)) list.push(s.resource);
      special.set(text, list);
      continue;
    }
    const overlap = own.find((o) => prefixContains(o.prefix, s.prefix) || prefixContains(s.prefix, o.prefix));
    if (overlap) {
      // Inside a subnet: plainly ours. Elsewhere in our space (the VPC resolver) or around it: say why it is left out.
      if (!own.some((o) => o.subnet && prefixContains(o.prefix, s.prefix))) ours.set(text, overlap.resource ?? 'a zone');
      continue;
    }
    const list = byPrefix.get(text);
    if (list) list.push(s);
    else byPrefix.set(text, [s]);
  }

  if (internet.length) {
    notes.push({
      ja: `インターネット（0.0.0.0/0, ::/0）は暗黙のネットワークなので宣言しません: ${listOf(internet)}`,
      en: `the internet (0.0.0.0/0, ::/0) is implicit and needs no external: ${listOf(internet)}`,
    });
  }
  if (special.size) {
    const items = [...special].map(([p, rs]) => `${p} (${listOf(rs, 1)})`);
    notes.push({
      ja: `リンクローカル・ループバック・マルチキャストのアドレスはプラットフォームのサービス（時刻同期など）なので外部ネットワークにしません: ${items.join(', ')}`,
      en: `link-local, loopback and multicast addresses are platform services (time sync, metadata) and are not externals: ${items.join(', ')}`,
    });
  }
  for (const [p, where] of ours) {
    notes.push({
      ja: `${p} は自社のアドレス空間（${where}）と重なりますがどのゾーンのサブネットにも入らないため、外部ネットワークにしません（VPC の DNS リゾルバなど）`,
      en: `${p} overlaps our own address space (${where}) but lies in no zone's subnet: not an external (e.g. the VPC resolver)`,
    });
  }
  if (unknown.length) {
    notes.push({
      ja: `適用前には判明しない宛先・送信元があります。必要なら外部ネットワークを追加してください: ${listOf(unknown)}`,
      en: `some destinations or sources are known only after apply; add externals for them if needed: ${listOf(unknown)}`,
    });
  }

  const vpns = vpnModel(ctx.resources, byAddress);
  const groups: Group[] = [];
  const group = (key: string, make: () => Group): Group => {
    let g = groups.find((x) => x.key === key);
    if (!g) groups.push((g = make()));
    return g;
  };

  for (const [text, list] of byPrefix) {
    const prefix = list[0]!.prefix;
    const narrow = prefix.bits >= (prefix.version === 4 ? 24 : 48);
    const pub = isPublic(prefix);
    const fromDispatch = list.filter((s) => (s.kind === 'egress' || s.kind === 'route') && s.zone !== undefined && ctx.roleOf.get(s.zone) === 'dispatch-link');
    const dispatchWords = list.flatMap((s) => externalHints(s.description ?? '').filter((h) => h.role === 'dispatch-system'));
    if (narrow && ((fromDispatch.length > 0 && pub) || (dispatchWords.length > 0 && (pub || fromDispatch.length > 0)))) {
      const g = group('dispatch-system', () => ({ key: 'dispatch-system', kind: 'dispatch', prefixes: [], sightings: [] }));
      g.prefixes.push(text);
      g.sightings.push(...list);
      continue;
    }
    const vpn = list.find((s) => s.vpn)?.vpn;
    if (vpn) {
      const g = group(`vpn:${vpn}`, () => ({ key: `vpn:${vpn}`, kind: 'vpn', vpn, prefixes: [], sightings: [] }));
      g.prefixes.push(text);
      g.sightings.push(...list);
      continue;
    }
    const role = scoreRole(list, ctx.roleOf, []);
    if (role.role === 'der-site') {
      const g = group('der-site', () => ({ key: 'der-site', kind: 'plain', prefixes: [], sightings: [] }));
      g.prefixes.push(text);
      g.sightings.push(...list);
    } else {
      groups.push({ key: `${role.role}:${text}`, kind: 'plain', prefixes: [text], sightings: [...list] });
    }
  }

  const taken = new Set(ctx.taken);
  const made = groups.map((g) => build(g, ctx, vpns, byAddress));
  made.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  // Names: the VPN's own name, else the role; numbered when a role has several.
  const counts = new Map<string, number>();
  for (const x of made) counts.set(x.name, (counts.get(x.name) ?? 0) + 1);
  const seq = new Map<string, number>();
  for (const x of made) {
    let base = x.name;
    if ((counts.get(base) ?? 0) > 1) {
      const n = (seq.get(base) ?? 0) + 1;
      seq.set(base, n);
      base = `${base}-${n}`;
    }
    let name = base;
    for (let i = 2; taken.has(name) || name === 'internet' || name === 'unclassified'; i++) name = `${base}-${i}`;
    taken.add(name);
    x.name = name;
  }

  for (const v of vpns.connections.values()) {
    if (!made.some((x) => x.seen.some((l) => l.includes(v.address)))) {
      notes.push({
        ja: `VPN ${v.address} の相手側ネットワークが分かりません（静的ルートなし、または BGP）。相手側の CIDR を外部ネットワークとして追加してください${v.peerIp ? `（ピア ${v.peerIp}）` : ''}`,
        en: `VPN ${v.address}: the network behind it is not known (no static routes, or BGP); add its CIDRs as an external${v.peerIp ? ` (peer ${v.peerIp})` : ''}`,
      });
    }
  }
  return { externals: made, notes };
}

interface Group {
  key: string;
  kind: 'dispatch' | 'vpn' | 'plain';
  vpn?: string;
  prefixes: string[];
  sightings: Sighting[];
}

function build(g: Group, ctx: ExternalContext, vpns: VpnModel, byAddress: ReadonlyMap<string, ModelResource>): ProposedExternal {
  const seen = seenLines(g.sightings);
  if (g.kind === 'dispatch') {
    const egress = g.sightings.filter((s) => s.kind === 'egress' && s.zone !== undefined && ctx.roleOf.get(s.zone) === 'dispatch-link');
    const services = [...new Set(egress.map((s) => s.service ?? 'all'))];
    const routes = g.sightings.filter((s) => s.via);
    const transport = routes.some((s) => s.via!.kind === 'nat' || s.via!.kind === 'internet') ? 'internet' : routes.some((s) => s.via!.kind === 'vpn' || s.via!.kind === 'transit') ? 'closed' : undefined;
    const sources: string[] = [];
    for (const s of routes) {
      if (s.via!.kind !== 'nat') continue;
      for (const ip of natAddresses(s.via!.target, byAddress)) if (!sources.includes(ip)) sources.push(ip);
    }
    const zones = [...new Set(g.sightings.filter((s) => s.zone && ctx.roleOf.get(s.zone) === 'dispatch-link').map((s) => s.zone!))];
    const why: Bilingual[] = [
      zones.length
        ? {
            ja: `指令連携ゾーン ${zones.join(', ')}（dispatch-link）から送信される公開アドレスの宛先なので、送配電事業者の指令システム（簡易指令システム）と推測`,
            en: `a public destination that the dispatch-link zone ${zones.join(', ')} sends to: guessed to be the grid operator's dispatch system`,
          }
        : {
            ja: `ルールの説明が指令システムを示すため（${descriptionsOf(g.sightings)}）`,
            en: `rule descriptions point at the dispatch system (${descriptionsOf(g.sightings)})`,
          },
    ];
    const out: ProposedExternal = { name: 'dispatch-system', role: 'dispatch-system', cidrs: g.prefixes, roleSure: zones.length > 0, why, seen };
    if (services.length && services.every((s) => /^((tcp|udp)\/[0-9]{1,5}(-[0-9]{1,5})?|icmp)$/.test(s))) out.services = services.sort();
    if (transport) out.transport = transport;
    if (sources.length) out.registeredSources = sources.map((ip) => (ip.includes(':') ? `${ip}/128` : `${ip}/32`));
    return out;
  }
  if (g.kind === 'vpn') {
    const v = vpns.connections.get(g.vpn!) ?? { address: g.vpn!, name: nameOf(byAddress.get(g.vpn!)) };
    const role = scoreRole(g.sightings, ctx.roleOf, [v.name ?? '', ...(v.names ?? [])]);
    const peer = v.peerIp ? { ja: `、ピア ${v.peerIp}（${v.customerGateway}）`, en: `, peer ${v.peerIp} (${v.customerGateway})` } : { ja: '', en: '' };
    const why: Bilingual[] = [
      {
        ja: `サイト間 VPN ${v.address} の先にあるネットワーク${peer.ja}`,
        en: `the network behind the site-to-site VPN ${v.address}${peer.en}`,
      },
      role.why,
    ];
    return { name: v.name && !isGeneric(v.name) ? safeName(v.name) || 'vpn' : 'vpn', role: role.role, cidrs: g.prefixes, roleSure: role.sure, why, seen };
  }
  const role = scoreRole(g.sightings, ctx.roleOf, g.sightings.filter((s) => s.kind === 'allow-list').map((s) => s.resource));
  // An "other" network is named by the word that gave its role (corporate, office), when there is one.
  const name = role.role === 'der-site' ? 'der-sites' : role.role === 'other' && role.word ? role.word : role.role;
  return { name, role: role.role, cidrs: g.prefixes, roleSure: role.sure, why: [role.why], seen };
}

/** The role of a non-dispatch external: the zone its traffic enters, words of rule descriptions and names. */
function scoreRole(list: readonly Sighting[], roleOf: ReadonlyMap<string, ZoneRole>, names: readonly string[]): { role: ExternalRole; sure: boolean; why: Bilingual; word?: string } {
  const score = new Map<ExternalRole, { n: number; reasons: string[]; words: string[] }>();
  const add = (role: ExternalRole, n: number, reason: string, word?: string): void => {
    const s = score.get(role) ?? { n: 0, reasons: [], words: [] };
    s.n += n;
    if (!s.reasons.includes(reason)) s.reasons.push(reason);
    if (word && !s.words.includes(word)) s.words.push(word);
    score.set(role, s);
  };
  for (const s of list) {
    const zr = s.zone ? roleOf.get(s.zone) : undefined;
    if (s.kind === 'ingress' && zr === 'partner-ingress') add('partner', 2, `→ ${s.zone} (partner-ingress)`);
    if (s.kind === 'ingress' && zr === 'der-ingress') add('der-site', 2, `→ ${s.zone} (der-ingress)`);
    for (const h of externalHints(s.description ?? '')) if (h.role !== 'dispatch-system') add(h.role, 1, `"${h.word}"`, h.word);
  }
  for (const n of names) for (const h of externalHints(n)) if (h.role !== 'dispatch-system') add(h.role, 1, `"${h.word}"`, h.word);
  let best: ExternalRole | undefined;
  for (const role of ['partner', 'der-site', 'other'] as const) {
    const s = score.get(role);
    if (s && (!best || s.n > score.get(best)!.n)) best = role;
  }
  if (!best) {
    return {
      role: 'other',
      sure: false,
      why: { ja: `役割の手がかりがないため other と仮定（dispatch-system / partner / der-site / other から選んでください）`, en: `nothing hints at a role: other assumed (choose dispatch-system, partner, der-site or other)` },
    };
  }
  const reasons = score.get(best)!.reasons.slice(0, 4).join(', ');
  const rivals = [...score.keys()].filter((r) => r !== best);
  const sure = rivals.length === 0;
  const also = sure ? { ja: '', en: '' } : { ja: `。ただし ${rivals.join(', ')} の手がかりもあります`, en: `; but there are hints of ${rivals.join(', ')} too` };
  const word = score.get(best)!.words.find((w) => /^[a-z][a-z0-9]*$/.test(w));
  return {
    role: best,
    sure,
    why: { ja: `役割 ${best} は ${reasons} から${also.ja}`, en: `role ${best} from ${reasons}${also.en}` },
    ...(word ? { word } : {}),
  };
}

// --- Sightings ------------------------------------------------------------------------------------

const PROTOCOLS: Record<string, string> = table({ '-1': 'all', all: 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' });

/** A word as written, in lower case; '' for anything that is no text (a list or mapping AWS refuses, a value not known). */
function lowerWord(v: Value | undefined): string {
  return typeof v === 'string' ? v.toLowerCase() : '';
}

function serviceOf(protocol: Value | undefined, from: Value | undefined, to: Value | undefined): string | undefined {
  // A protocol written as a list or a mapping (AWS refuses it) names no service to propose.
  if (typeof protocol !== 'string' && typeof protocol !== 'number') return undefined;
  const p = PROTOCOLS[String(protocol).toLowerCase()] ?? String(protocol).toLowerCase();
  if (p === 'all') return 'all';
  if (p === 'icmp' || p === 'icmpv6') return 'icmp';
  if (typeof from !== 'number' && typeof from !== 'string') return p;
  const f = Number(from);
  const t = typeof to === 'number' || typeof to === 'string' ? Number(to) : f;
  if (!Number.isInteger(f) || !Number.isInteger(t) || f < 0) return p;
  if (f === 0 && (t === 0 || t === 65535)) return `${p}/0-65535`;
  return f === t ? `${p}/${f}` : `${p}/${f}-${t}`;
}

function collect(ctx: ExternalContext, byAddress: ReadonlyMap<string, ModelResource>): { sightings: Sighting[]; unknown: string[] } {
  const sightings: Sighting[] = [];
  const unknown: string[] = [];
  const vpnOfGateway = new Map<string, string[]>();
  for (const r of ctx.resources) {
    if (r.type !== 'aws_vpn_connection') continue;
    for (const g of refs(r.attributes['vpn_gateway_id'])) addTo(vpnOfGateway, g, r.address);
  }
  const vpnRoutes = new Map<string, Prefix[]>();
  for (const r of ctx.resources) {
    const p = r.type === 'aws_vpn_connection_route' ? toPrefix(str(r.attributes['destination_cidr_block']) ?? '') : undefined;
    const c = refs(r.attributes['vpn_connection_id'])[0];
    if (p && c) addTo(vpnRoutes, c, p);
  }
  const vpnFor = (gateway: string, p: Prefix): string => {
    const conns = vpnOfGateway.get(gateway) ?? [];
    if (conns.length === 1) return conns[0]!;
    const hit = conns.find((c) => {
      const local = toPrefix(str(byAddress.get(c)?.attributes['local_ipv4_network_cidr']) ?? '');
      return (local && local.bits > 0 && prefixContains(local, p)) || (vpnRoutes.get(c) ?? []).some((q) => prefixContains(q, p));
    });
    return hit ?? gateway;
  };

  const add = (r: ModelResource, v: Value | undefined, s: Omit<Sighting, 'prefix' | 'resource'>): void => {
    if (v === undefined || v === null) return;
    const items = Array.isArray(v) ? v : v instanceof TfSet ? v.items : [v];
    for (const x of items) {
      if (x instanceof Unknown) {
        if (!unknown.includes(r.address)) unknown.push(r.address);
        continue;
      }
      if (typeof x !== 'string') continue;
      const prefix = toPrefix(x);
      if (!prefix) continue;
      const zone = s.zone ?? ctx.zoneOf.get(r.address);
      sightings.push({ ...s, prefix, resource: r.address, ...(zone !== undefined ? { zone } : {}) });
    }
  };
  const rule = (r: ModelResource, b: ObjectValue, kind: 'ingress' | 'egress', keys: string[], protocolKey: string, zone?: string): void => {
    const service = serviceOf(b[protocolKey], b['from_port'], b['to_port']);
    const description = str(b['description']);
    for (const k of keys) add(r, b[k], { kind, ...(service ? { service } : {}), ...(description ? { description } : {}), ...(zone ? { zone } : {}) });
  };
  const targetOf = (attrs: ObjectValue): { kind: Via; target: string } | undefined => {
    for (const key of ['nat_gateway_id', 'gateway_id', 'transit_gateway_id', 'vpc_peering_connection_id', 'egress_only_gateway_id', 'network_interface_id', 'vpc_endpoint_id', 'carrier_gateway_id', 'local_gateway_id', 'instance_id']) {
      const target = refs(attrs[key])[0];
      if (!target) continue;
      const type = byAddress.get(target)?.type ?? typeFromAddress(target);
      const kind: Via =
        type === 'aws_internet_gateway' || type === 'aws_egress_only_internet_gateway'
          ? 'internet'
          : type === 'aws_nat_gateway'
            ? 'nat'
            : type === 'aws_vpn_gateway'
              ? 'vpn'
              : type === 'aws_ec2_transit_gateway'
                ? 'transit'
                : type === 'aws_vpc_peering_connection'
                  ? 'peering'
                  : 'other';
      return { kind, target };
    }
    return undefined;
  };
  const route = (r: ModelResource, attrs: ObjectValue, keys: string[]): void => {
    if (attrs['gateway_id'] === 'local') return;
    const via = targetOf(attrs);
    const zone = ctx.zoneOf.get(r.address) ?? refs(attrs['route_table_id']).map((t) => ctx.zoneOf.get(t)).find((z) => z !== undefined);
    for (const k of keys) {
      const v = attrs[k];
      const p = typeof v === 'string' ? toPrefix(v) : undefined;
      const vpn = via?.kind === 'vpn' && p ? vpnFor(via.target, p) : undefined;
      add(r, v, { kind: 'route', ...(via ? { via } : {}), ...(vpn ? { vpn } : {}), ...(zone ? { zone } : {}) });
    }
  };

  for (const r of ctx.resources) {
    const a = r.attributes;
    switch (r.type) {
      case 'aws_security_group':
      case 'aws_default_security_group':
        for (const b of blocks(a, 'ingress')) rule(r, b, 'ingress', ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol');
        for (const b of blocks(a, 'egress')) rule(r, b, 'egress', ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol');
        break;
      case 'aws_security_group_rule': {
        const kind = a['type'] === 'egress' ? 'egress' : a['type'] === 'ingress' ? 'ingress' : undefined;
        const zone = refs(a['security_group_id']).map((g) => ctx.zoneOf.get(g)).find((z) => z !== undefined);
        if (kind) rule(r, a, kind, ['cidr_blocks', 'ipv6_cidr_blocks'], 'protocol', zone);
        break;
      }
      case 'aws_vpc_security_group_ingress_rule':
      case 'aws_vpc_security_group_egress_rule': {
        const zone = refs(a['security_group_id']).map((g) => ctx.zoneOf.get(g)).find((z) => z !== undefined);
        rule(r, a, r.type.endsWith('ingress_rule') ? 'ingress' : 'egress', ['cidr_ipv4', 'cidr_ipv6'], 'ip_protocol', zone);
        break;
      }
      case 'aws_network_acl':
        for (const dir of ['ingress', 'egress'] as const) {
          for (const b of blocks(a, dir)) if (lowerWord(b['action']) === 'allow') rule(r, b, dir, ['cidr_block', 'ipv6_cidr_block'], 'protocol');
        }
        break;
      case 'aws_network_acl_rule':
        if (lowerWord(a['rule_action']) === 'allow' && typeof a['egress'] === 'boolean') {
          rule(r, a, a['egress'] ? 'egress' : 'ingress', ['cidr_block', 'ipv6_cidr_block'], 'protocol');
        }
        break;
      case 'aws_route':
        route(r, a, ['destination_cidr_block', 'destination_ipv6_cidr_block']);
        break;
      case 'aws_route_table':
      case 'aws_default_route_table':
        for (const b of blocks(a, 'route')) route(r, b, ['cidr_block', 'ipv6_cidr_block']);
        break;
      case 'aws_vpn_connection_route': {
        const vpn = refs(a['vpn_connection_id'])[0];
        add(r, a['destination_cidr_block'], { kind: 'vpn', ...(vpn ? { vpn } : {}) });
        break;
      }
      case 'aws_vpn_connection':
        // The customer (on-premise) side of the tunnel's traffic selectors.
        add(r, a['local_ipv4_network_cidr'], { kind: 'vpn', vpn: r.address });
        add(r, a['local_ipv6_network_cidr'], { kind: 'vpn', vpn: r.address });
        break;
      case 'aws_wafv2_ip_set':
        add(r, a['addresses'], { kind: 'allow-list' });
        break;
    }
  }
  return { sightings, unknown };
}

// --- VPNs -------------------------------------------------------------------------------------------

interface VpnInfo {
  address: string;
  name?: string;
  /** More names that may hint at the role (customer gateway, its device name). */
  names?: string[];
  customerGateway?: string;
  peerIp?: string;
}

interface VpnModel {
  connections: Map<string, VpnInfo>;
}

function vpnModel(resources: readonly ModelResource[], byAddress: ReadonlyMap<string, ModelResource>): VpnModel {
  const connections = new Map<string, VpnInfo>();
  for (const r of resources) {
    if (r.type !== 'aws_vpn_connection') continue;
    const cgwAddress = refs(r.attributes['customer_gateway_id'])[0];
    const cgw = cgwAddress ? byAddress.get(cgwAddress) : undefined;
    const names = [nameOf(cgw), str(cgw?.attributes['device_name'])].filter((n): n is string => n !== undefined && !isGeneric(n));
    const own = nameOf(r);
    const name = own && !isGeneric(own) ? own : names[0];
    const peerIp = str(cgw?.attributes['ip_address']);
    connections.set(r.address, {
      address: r.address,
      ...(name ? { name } : {}),
      names,
      ...(cgwAddress ? { customerGateway: cgwAddress } : {}),
      ...(peerIp ? { peerIp } : {}),
    });
  }
  return { connections };
}

/** A resource's own name: its string for_each key, else its name. */
function nameOf(r: ModelResource | undefined): string | undefined {
  if (!r) return undefined;
  const key = instanceKey(r);
  return typeof key === 'string' ? key : r.name;
}

function natAddresses(nat: string, byAddress: ReadonlyMap<string, ModelResource>): string[] {
  const r = byAddress.get(nat);
  if (!r) return [];
  const out: string[] = [];
  for (const eip of refs(r.attributes['allocation_id'])) {
    const e = byAddress.get(eip);
    const ip = str(e?.attributes['address']) ?? str(e?.attributes['public_ip']);
    if (ip && toPrefix(ip)) out.push(ip);
  }
  return out;
}

// --- Text ------------------------------------------------------------------------------------------

function seenLines(list: readonly Sighting[]): string[] {
  const lines = new Map<string, string[]>();
  for (const s of list) {
    let head: string;
    const zone = s.zone ? ` zone ${s.zone}` : '';
    if (s.kind === 'ingress') head = `ingress into${zone || ' an unzoned group'}: ${s.resource}`;
    else if (s.kind === 'egress') head = `egress from${zone || ' an unzoned group'}: ${s.resource}`;
    else if (s.kind === 'route') head = `route${zone ? ` of${zone}` : ''}${s.via ? ` via ${s.via.target}` : ''}: ${s.resource}`;
    else if (s.kind === 'vpn') head = `VPN: ${s.resource}`;
    else head = `allow list: ${s.resource}`;
    const detail = lines.get(head) ?? [];
    const d = [s.service && s.service !== 'all' ? s.service : s.service === 'all' ? 'all traffic' : '', s.description ? `"${oneLine(s.description, 50)}"` : ''].filter(Boolean).join(' ');
    if (d && !detail.includes(d)) detail.push(d);
    lines.set(head, detail);
  }
  return [...lines].map(([head, detail]) => (detail.length ? `${head} (${detail.slice(0, 3).join(', ')}${detail.length > 3 ? ', …' : ''})` : head));
}

function descriptionsOf(list: readonly Sighting[]): string {
  return [...new Set(list.map((s) => s.description).filter((d): d is string => !!d))]
    .slice(0, 2)
    .map((d) => `"${oneLine(d, 40)}"`)
    .join(', ');
}

function listOf(items: readonly string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} (+${items.length - max})`;
}

function typeFromAddress(address: string): string | undefined {
  const m = /(?:^|\.)([a-z][a-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?$/.exec(address);
  return m?.[1];
}

// --- Address classes -------------------------------------------------------------------------------

const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128'].map((c) => parseCidr(c)!);
const SPECIAL = ['127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/4', '::1/128', 'fe80::/10', 'ff00::/8'].map((c) => parseCidr(c)!);

/** Loopback, link-local, multicast: never a network of anyone's. */
function isSpecial(p: Prefix): boolean {
  return SPECIAL.some((s) => prefixContains(s, p));
}

/** Outside RFC 1918, RFC 6598 shared space, loopback, link-local and IPv6 ULA: a public (or documentation) address. */
export function isPublic(p: Prefix): boolean {
  return !PRIVATE.some((s) => prefixContains(s, p) || prefixContains(p, s));
}
