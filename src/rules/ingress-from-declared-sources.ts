/**
 * ingress-from-declared-sources — (4)オ: inbound rules into zones name declared sources; the whole
 * internet (0.0.0.0/0, ::/0) and prefixes wider than `maxPrefix` are findings however the CIDRs are
 * split, because the check works on the union of addresses, not on the strings.
 */
import { notAnAddress, serviceOf, serviceUnknown } from '../graph/aws/common.js';
import { prefixListEntries } from '../graph/aws/prefix-lists.js';
import type { ModelResource } from '../model/resource.js';
import { AddressSet } from '../model/net/address-set.js';
import { addressBits, parseCidr, parsePrefixOrAddressCached, type IpVersion, type Prefix } from '../model/net/cidr.js';
import type { Span } from '../model/source.js';
import { Unknown, isObject, type ObjectValue, type Value } from '../model/value.js';
import { heldOf } from './utils/held.js';
import { defineRule, type RuleContext } from './rule.js';
import { declaredAddresses } from './utils/declared.js';
import { blocks, elements, refsOf, spanOf, textOf } from '../model/read.js';
import { portRange, protocolName, serviceText } from './utils/ports.js';
import { INSTANCE_TYPES } from '../model/instances.js';

export interface Options {
  /** Widest IPv4 prefix length accepted as a source (16: a /16 passes, a /15 is too wide). */
  maxPrefix: number;
  /** Widest IPv6 prefix length accepted as a source. */
  maxPrefixIpv6: number;
}

interface Source {
  value: Value;
  key: string;
  lists?: boolean;
}

/** One inbound rule: where it is written and the address expressions it names. */
interface Entry {
  resource: ModelResource;
  /** The security group (or NSG, firewall) the rule lets traffic into. */
  target: string;
  /** The nested block the rule is written as ("ingress", 2), none for a rule resource. */
  block?: string;
  index?: number;
  service: string;
  /** Protocol name ("tcp", "all", …) and port range; undefined ports mean every port. */
  protocol: string;
  ports?: [number, number];
  /** `key`: the attribute inside the rule's block (`sourcePath`); `lists`: the value names managed prefix lists by id, not addresses. */
  sources: Source[];
  /** Whether the rule admits inbound traffic at all is known only after apply: its findings are possible. */
  condition?: Unknown;
  /** The group the rule belongs to is not known before apply: it may protect a zone, so the rule is checked, possibly. */
  unplaced?: Unknown;
  /** The rule's protocol or ports are unknown or not valid: it is read as every port, and its findings are possible. */
  serviceUnknown?: Unknown;
}

const VERSIONS: readonly IpVersion[] = [4, 6];

const messages = {
  internet: {
    en: '{{target}} allows {{service}} from {{source}}, the whole internet',
    ja: '{{target}} がインターネット全体（{{source}}）からの {{service}} を許可しています',
  },
  internetSplit: {
    en: '{{target}} allows {{service}} from {{sources}}, which together are the whole internet ({{source}})',
    ja: '{{target}} が {{sources}} からの {{service}} を許可しており、合わせるとインターネット全体（{{source}}）になります',
  },
  tooWide: {
    en: '{{target}} allows {{service}} from {{source}}, wider than /{{maxPrefix}}',
    ja: '{{target}} が {{source}} からの {{service}} を許可しており、/{{maxPrefix}} より広い範囲です',
  },
  undeclared: {
    en: '{{target}} allows {{service}} from {{source}}, which no zone or external network in the configuration declares',
    ja: '{{target}} が {{source}} からの {{service}} を許可していますが、この送信元は gridfence.yaml のどのゾーンにも接続先ネットワークにも宣言されていません',
  },
  unknownSource: {
    en: '{{target}} allows {{service}} from a source that cannot be known before apply: {{reason}}',
    ja: '{{target}} が apply 後まで確定しない送信元からの {{service}} を許可しています（{{reason}}）',
  },
  notAnAddress: {
    en: '{{target}} allows {{service}} from "{{source}}", which is neither an IP address nor a CIDR block: which addresses it admits cannot be judged',
    ja: '{{target}} が "{{source}}" からの {{service}} を許可していますが、これは IP アドレスでも CIDR ブロックでもないため、許可されるアドレスを判定できません',
  },
};

export default defineRule({
  id: 'ingress-from-declared-sources',
  scope: (s) => s.network || s.has('aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'azurerm_network_security_group'),
  messages,
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      maxPrefix: { type: 'integer', minimum: 0, maximum: 32, description: 'Widest IPv4 prefix length accepted as a source (default 16).' },
      maxPrefixIpv6: { type: 'integer', minimum: 0, maximum: 128, description: 'Widest IPv6 prefix length accepted as a source (default 48).' },
    },
  },
  defaultOptions: { maxPrefix: 16, maxPrefixIpv6: 48 } as Options,
  check(ctx) {
    // A finding on rules that may not admit inbound traffic at all is only possible.
    const report = (on: readonly Analysed[], r: Parameters<typeof ctx.report>[0]): void => {
      const conditions = on.flatMap((x) => [x.entry.condition, x.entry.unplaced, x.entry.serviceUnknown].filter((u): u is Unknown => u !== undefined));
      ctx.report(conditions.length ? { ...r, unknowns: [...(r.unknowns ?? []), ...conditions] } : r);
    };
    const declared = ctx.zones.implicit ? undefined : declaredAddresses(ctx);
    const analysed: Analysed[] = [];
    const attached = attachedAnywhere(ctx);
    for (const entry of entries(ctx)) {
      if (ctx.zones.isProtected(entry.target)) analysed.push(analyse(ctx, entry.unplaced ? { ...entry, unplaced: undefined } : entry));
      else if (entry.unplaced) analysed.push(analyse(ctx, entry));
      else if (attached.has(entry.target)) analysed.push(analyse(ctx, { ...entry, unplaced: attached.get(entry.target)! }));
    }
    // The most addresses a source may span, per IP version.
    const widest4 = 1n << BigInt(addressBits(4) - ctx.options.maxPrefix);
    const widest6 = 1n << BigInt(addressBits(6) - ctx.options.maxPrefixIpv6);
    // By the parsed prefix itself, which the parse cache shares between the rules that name the same CIDR.
    const declaredMemo = new Map<Prefix, boolean>();
    const isDeclared = (p: Prefix): boolean => {
      let hit = declaredMemo.get(p);
      if (hit === undefined) declaredMemo.set(p, (hit = declared!.containsPrefix(p)));
      return hit;
    };

    // The same service opened to parts that only together are the whole internet, across rules:
    // reported once, at the first part, and the parts are not reported again as merely too wide.
    const covered = new Set<Analysed>();
    const byTarget = new Map<string, Analysed[]>();
    for (const x of analysed) {
      const list = byTarget.get(x.entry.target);
      if (list) list.push(x);
      else byTarget.set(x.entry.target, [x]);
    }
    const reportedSets = new Set<string>();
    for (const list of byTarget.values()) {
      // Parts that make up the whole space cover its first address: some prefix starts at 0.
      if (list.length < 2 || !list.some((x) => x.prefixes.some((p) => p.prefix.network === 0n))) continue;
      // A service that several rules open: the union of their sources is what reaches it.
      const services = new Map(list.map((x) => [`${x.entry.protocol}/${x.entry.ports?.[0] ?? -1}`, { protocol: x.entry.protocol, port: x.entry.ports?.[0] ?? -1 }]));
      for (const { protocol, port } of services.values()) {
        const opens = (x: Analysed): boolean =>
          x.entry.protocol === 'all' || (x.entry.protocol === protocol && (!x.entry.ports || port < 0 || (x.entry.ports[0] <= port && port <= x.entry.ports[1])));
        const open = list.filter(opens);
        if (open.length < 2) continue;
        const union = AddressSet.of(open.flatMap((x) => x.prefixes.map((p) => p.prefix)));
        for (const v of VERSIONS) {
          if (!union.isAll(v) || open.some((x) => coversAll(x, v))) continue;
          const parts = open.filter((x) => x.prefixes.some((p) => p.prefix.version === v));
          const key = `${v}:${parts.map((x) => analysed.indexOf(x)).join(',')}`;
          if (reportedSets.has(key)) continue;
          reportedSets.add(key);
          parts.forEach((x) => covered.add(x));
          const first = parts[0]!;
          const service = port < 0 ? (protocol === 'all' ? 'all traffic' : `${protocol}/any port`) : `${protocol}/${port}`;
          report(parts, {
            messageId: 'internetSplit',
            data: {
              target: first.entry.target,
              service,
              source: allText(v),
              sources: parts.flatMap((x) => x.prefixes.filter((p) => p.prefix.version === v).map((p) => p.text)).join(', '),
            },
            resource: first.entry.resource,
            at: spanAt(first, first.prefixes.find((p) => p.prefix.version === v)!.at),
            related: parts.slice(1).map((x) => ({ at: spanAt(x, x.prefixes[0]!.at), message: `also opens ${x.entry.service} to part of the internet` })),
          });
        }
      }
    }

    for (const x of analysed) {
      const { entry, prefixes } = x;
      const data = { target: entry.target, service: entry.service };
      let reported = covered.has(x);
      for (const v of VERSIONS) {
        if (reported) break;
        if (coversAll(x, v)) {
          const mine = prefixes.filter((p) => p.prefix.version === v);
          const whole = mine.find((p) => p.prefix.bits === 0);
          report(
            [x],
            whole || mine.length === 1
              ? { messageId: 'internet', data: { ...data, source: allText(v) }, resource: entry.resource, at: spanAt(x, (whole ?? mine[0]!).at) }
              : { messageId: 'internetSplit', data: { ...data, source: allText(v), sources: mine.map((p) => p.text).join(', ') }, resource: entry.resource, at: spanAt(x, mine[0]!.at) },
          );
          reported = true;
          continue;
        }
        const max = v === 4 ? ctx.options.maxPrefix : ctx.options.maxPrefixIpv6;
        if (largestRun(x, v) > (v === 4 ? widest4 : widest6)) {
          const wide = prefixes.find((p) => p.prefix.version === v && p.prefix.bits < max);
          const mine = prefixes.filter((p) => p.prefix.version === v);
          const source = wide ? wide.text : mine.map((p) => p.text).join(' + ');
          report([x], { messageId: 'tooWide', data: { ...data, source, maxPrefix: String(max) }, resource: entry.resource, at: spanAt(x, (wide ?? mine[0]!).at) });
          reported = true;
        }
      }
      if (!reported && declared && !declared.isEmpty()) {
        const stray = prefixes.find((p) => !isDeclared(p.prefix));
        if (stray) report([x], { messageId: 'undeclared', data: { ...data, source: stray.text }, resource: entry.resource, at: spanAt(x, stray.at) });
      }
      const u = x.unknowns[0];
      if (u?.text !== undefined) report([x], { messageId: 'notAnAddress', data: { ...data, source: u.text }, resource: entry.resource, at: spanAt(x, u.at), unknowns: [u.u] });
      else if (u) report([x], { messageId: 'unknownSource', data: { ...data, reason: u.u.reason }, resource: entry.resource, at: spanAt(x, u.at), unknowns: [u.u] });
    }
  },
});

interface Analysed {
  entry: Entry;
  /** The union of the prefixes, made only for an entry with several of one version (see `onlyPrefix`). */
  set?: AddressSet;
  /** `at` is the source written: its path and span are made only for a report (thousands of rules, few findings). */
  prefixes: Array<{ prefix: Prefix; text: string; at: Source }>;
  /** `text` is set for a source written as text that is no address: unknown, never passed over. */
  unknowns: Array<{ u: Unknown; at: Source; text?: string }>;
}

/** The addresses an inbound rule names, with where each is written; unknown ones apart. */
function analyse(ctx: RuleContext<Options>, entry: Entry): Analysed {
  const prefixes: Analysed['prefixes'] = [];
  const unknowns: Analysed['unknowns'] = [];
  const azure = entry.resource.type.startsWith('azurerm_');
  // On AWS a source that is no address is an input error at the value (graph/aws/invalid.ts: AWS
  // refuses it), which fails the run: not reported a second time here.
  const aws = entry.resource.type.startsWith('aws_');
  for (const src of entry.sources) {
    const els = elements(src.value);
    const at = src;
    for (const el of els) {
      if (el instanceof Unknown) {
        const resolved = resolvePrefixList(ctx, el);
        if (resolved) for (const text of resolved) addSource(prefixes, unknowns, text, at, azure, aws);
        else unknowns.push({ u: el, at });
      } else if (typeof el === 'string' && src.lists) {
        const id = el.trim();
        if (id === '') continue;
        const list = prefixListsById(ctx).get(id);
        const resolved = entriesOf(ctx, list);
        if (resolved) for (const text of resolved) addSource(prefixes, unknowns, text, at, azure, aws);
        else unknowns.push({ u: new Unknown(`the entries of prefix list ${id} are not known: ${list ? 'some are known only after apply' : 'it is not defined in the configuration'}`), at });
      } else if (typeof el === 'string') addSource(prefixes, unknowns, el, at, azure, aws);
      else if (!aws) {
        // A number, a flag or a structure where an address belongs: what it admits cannot be judged.
        const text = JSON.stringify(el);
        unknowns.push({ u: notAnAddress(text), at, text });
      }
    }
  }
  return { entry, prefixes, unknowns };
}

/**
 * The entry's one prefix of a version, null when it has none, undefined when it has several. Most
 * rules name one CIDR block, whose answers need no set: it is everything when it is a /0, and its
 * run is its own size.
 */
function onlyPrefix(x: Analysed, v: IpVersion): Prefix | null | undefined {
  let one: Prefix | null = null;
  for (const p of x.prefixes) {
    if (p.prefix.version !== v) continue;
    if (one) return undefined;
    one = p.prefix;
  }
  return one;
}

function addresses(x: Analysed): AddressSet {
  return (x.set ??= AddressSet.of(x.prefixes.map((p) => p.prefix)));
}

/** Whether the entry's sources of a version are every address of it. */
function coversAll(x: Analysed, v: IpVersion): boolean {
  const one = onlyPrefix(x, v);
  return one === undefined ? addresses(x).isAll(v) : one !== null && one.bits === 0;
}

/** Addresses in the largest contiguous run of the entry's sources of a version. */
function largestRun(x: Analysed, v: IpVersion): bigint {
  const one = onlyPrefix(x, v);
  if (one === undefined) return addresses(x).largestRun(v);
  return one === null ? 0n : 1n << BigInt(addressBits(v) - one.bits);
}

/** Where an analysed source is written. */
function spanAt(x: Analysed, at: Source): Span {
  return spanOf(x.entry.resource, sourcePath(x.entry, at));
}

/** A source's attribute path in its resource: "ingress[2].cidr_blocks", "cidr_ipv4", or the block list itself ("ingress"). */
function sourcePath(e: Entry, src: Source): string {
  if (e.block === undefined) return src.key;
  const block = e.index === undefined ? e.block : `${e.block}[${e.index}]`;
  return src.key === '' ? block : `${block}.${src.key}`;
}

function allText(v: IpVersion): string {
  return v === 4 ? '0.0.0.0/0' : '::/0';
}

/**
 * Azure's service tag for its load-balancer health probes: one platform address, inside the system as a
 * security-group reference is on AWS. `VirtualNetwork` is not: it also stands for peered networks,
 * on-premises ranges behind a gateway and the prefixes of user-defined routes, which may be anything.
 */
const AZURE_INTERNAL_TAG = /^azureloadbalancer$/i;

/**
 * Files one source as written. Empty text is an unset attribute (plans write "" for it). Text that
 * is no address — a malformed CIDR, an Azure service tag such as AzureCloud that stands for public
 * ranges — is an unknown source, never skipped as if it admitted nobody. On AWS it is an input
 * error instead (`aws`), said once at the value by graph/aws/invalid.ts.
 */
function addSource(out: Analysed['prefixes'], unknowns: Analysed['unknowns'], text: string, at: Source, azure: boolean, aws: boolean): void {
  const t = text.trim();
  if (t === '') return;
  // Azure and GCP spell the internet as words.
  if (t === '*' || /^(internet|any)$/i.test(t)) {
    out.push({ prefix: parseCidr('0.0.0.0/0')!, text: t, at });
    return;
  }
  const p = parsePrefixOrAddressCached(t);
  if (p) out.push({ prefix: p, text: t, at });
  else if (!aws && !(azure && AZURE_INTERNAL_TAG.test(t))) unknowns.push({ u: notAnAddress(t), at, text: t });
}

/** A managed prefix list defined in the configuration gives its entries' CIDRs when all are known text. */
function resolvePrefixList(ctx: RuleContext<Options>, u: Unknown): string[] | undefined {
  return u.ref ? entriesOf(ctx, ctx.resource(u.ref)) : undefined;
}

/** The managed prefix lists of the configuration by their `id`, as plans name the lists that exist already. */
function prefixListsById(ctx: RuleContext<Options>): Map<string, ModelResource> {
  let byId = listsById.get(ctx.model);
  if (!byId) {
    byId = new Map();
    for (const r of ctx.model.resources) {
      const rid = r.attributes['id'];
      if (r.type === 'aws_ec2_managed_prefix_list' && typeof rid === 'string') byId.set(rid, r);
    }
    listsById.set(ctx.model, byId);
  }
  return byId;
}

const listsById = new WeakMap<object, Map<string, ModelResource>>();

function entriesOf(ctx: RuleContext<Options>, pl: ModelResource | undefined): string[] | undefined {
  if (!pl || pl.mode !== 'managed' || pl.type !== 'aws_ec2_managed_prefix_list') return undefined;
  const cidrs = prefixListEntries(pl, ctx.model.resources);
  return cidrs?.every((c): c is string => typeof c === 'string') ? cidrs : undefined;
}

/** Every inbound rule of the resource kinds gridfence knows (AWS, Azure, GCP). */
function entries(ctx: RuleContext<Options>): Entry[] {
  const out: Entry[] = [];
  for (const r of ctx.model.resources) {
    const a = r.attributes;
    switch (r.type) {
      case 'aws_security_group': {
        const ingress = blocks(r, 'ingress');
        if (ingress instanceof Unknown) {
          out.push({ resource: r, target: r.address, block: 'ingress', service: 'traffic', protocol: 'all', sources: [{ value: ingress, key: '' }] });
          break;
        }
        ingress.forEach((rule, i) => out.push(sgRule(r, r.address, i, rule)));
        break;
      }
      case 'aws_security_group_rule':
        if (a['type'] !== 'ingress') break;
        out.push({ ...sgRule(r, refsOf(a['security_group_id'])[0] ?? r.address, undefined, a), ...unplaced(ctx, r) });
        break;
      case 'aws_vpc_security_group_ingress_rule': {
        const protocol = protocolName(a['ip_protocol']);
        out.push({
          resource: r,
          target: refsOf(a['security_group_id'])[0] ?? r.address,
          ...unplaced(ctx, r),
          service: serviceText(protocol, a['from_port'], a['to_port']),
          protocol,
          ports: portRange(protocol, a['from_port'], a['to_port']),
          ...unreadService(r.address, a['ip_protocol'], a['from_port'], a['to_port']),
          sources: [
            { value: a['cidr_ipv4'] ?? null, key: 'cidr_ipv4' },
            { value: a['cidr_ipv6'] ?? null, key: 'cidr_ipv6' },
            { value: a['prefix_list_id'] ?? null, key: 'prefix_list_id', lists: true },
          ],
        });
        break;
      }
      case 'azurerm_network_security_group': {
        const rules = blocks(r, 'security_rule');
        if (rules instanceof Unknown) {
          out.push({ resource: r, target: r.address, block: 'security_rule', service: 'traffic', protocol: 'all', sources: [{ value: rules, key: '' }] });
          break;
        }
        for (const [i, rule] of rules.entries()) {
          const admits = inboundAllow(rule);
          if (admits !== false) out.push(azureRule(r, r.address, i, rule, admits));
        }
        break;
      }
      case 'azurerm_network_security_rule': {
        const admits = inboundAllow(a);
        if (admits !== false) out.push(azureRule(r, azureGroup(ctx, a) ?? r.address, undefined, a, admits));
        break;
      }
      case 'google_compute_firewall': {
        if (textOf(a['direction'] ?? 'INGRESS').toUpperCase() !== 'INGRESS') break;
        const allows = blocks(r, 'allow');
        const service = allows instanceof Unknown ? 'traffic' : allows.map((x) => serviceText(protocolName(x['protocol']), elements(x['ports'])[0], undefined)).join(', ') || 'traffic';
        if (!(allows instanceof Unknown) && allows.length === 0) break;
        out.push({ resource: r, target: r.address, service, protocol: service, sources: [{ value: a['source_ranges'] ?? null, key: 'source_ranges' }] });
        break;
      }
    }
  }
  return out;
}

/** A security group rule: the group's `ingress[index]` block, or (index undefined) a rule resource. */
/**
 * A rule resource whose group is not known before apply (a variable without value, a data source, an
 * import) and not held: the group may be one that protects a zone.
 */
function unplaced(ctx: RuleContext<Options>, r: ModelResource): { unplaced: Unknown } | Record<string, never> {
  const g = r.attributes['security_group_id'];
  if (!(g instanceof Unknown) || heldOf(ctx, g, GROUP_TYPES)) return {};
  return { unplaced: new Unknown(`the security group of ${r.address} is not known (${g.reason}): it may protect a zone`, r.span) };
}

const GROUP_TYPES = new Set(['aws_security_group', 'aws_default_security_group']);
const HOST_TYPES = new Set([...INSTANCE_TYPES, 'aws_network_interface']);

/**
 * Groups attached (aws_network_interface_sg_attachment) to an interface not known before apply: each
 * may protect a host in a zone, resting on that.
 */
function attachedAnywhere(ctx: RuleContext<Options>): Map<string, Unknown> {
  const out = new Map<string, Unknown>();
  for (const r of ctx.model.resources) {
    if (r.type !== 'aws_network_interface_sg_attachment' || r.mode !== 'managed') continue;
    const itf = r.attributes['network_interface_id'];
    if (!(itf instanceof Unknown) || heldOf(ctx, itf, HOST_TYPES)) continue;
    for (const g of refsOf(r.attributes['security_group_id'])) {
      if (!out.has(g)) out.set(g, new Unknown(`the interface ${g} is attached to by ${r.address} is not known (${itf.reason}): it may protect a zone`, r.span));
    }
  }
  return out;
}

function sgRule(r: ModelResource, target: string, index: number | undefined, rule: ObjectValue): Entry {
  const protocol = protocolName(rule['protocol']);
  return {
    resource: r,
    target,
    block: index === undefined ? undefined : 'ingress',
    index,
    service: serviceText(protocol, rule['from_port'], rule['to_port']),
    protocol,
    ports: portRange(protocol, rule['from_port'], rule['to_port']),
    ...unreadService(index === undefined ? r.address : `${r.address} ingress[${index}]`, rule['protocol'], rule['from_port'], rule['to_port']),
    sources: [
      { value: rule['cidr_blocks'] ?? null, key: 'cidr_blocks' },
      { value: rule['ipv6_cidr_blocks'] ?? null, key: 'ipv6_cidr_blocks' },
      { value: rule['prefix_list_ids'] ?? null, key: 'prefix_list_ids', lists: true },
    ],
  };
}

/**
 * A rule whose service the network model cannot read (a protocol or port known only after apply, or
 * one the provider would refuse, as a port written as a mapping): as there, it may match anything.
 */
function unreadService(what: string, protocol: Value | undefined, from: Value | undefined, to: Value | undefined): { serviceUnknown: Unknown } | Record<string, never> {
  return serviceOf(protocol, from, to) ? {} : { serviceUnknown: serviceUnknown(what, protocol, from, to) };
}

/** The NSG a standalone Azure rule belongs to: by reference, or by its name and resource group. */
function azureGroup(ctx: RuleContext<Options>, a: ObjectValue): string | undefined {
  const ref = refsOf(a['network_security_group_name'])[0];
  if (ref) return ref;
  const name = a['network_security_group_name'];
  if (typeof name !== 'string') return undefined;
  const rg = a['resource_group_name'];
  return ctx.model.resources.find(
    (r) => r.type === 'azurerm_network_security_group' && r.attributes['name'] === name && (typeof rg !== 'string' || r.attributes['resource_group_name'] === rg),
  )?.address;
}

/** Whether an Azure rule admits inbound traffic: true, false, or the Unknown that keeps it from being known. */
function inboundAllow(rule: ObjectValue): true | false | Unknown {
  const direction = rule['direction'];
  const access = rule['access'];
  if (direction instanceof Unknown) return typeof access === 'string' && access.toLowerCase() !== 'allow' ? false : direction;
  if (textOf(direction).toLowerCase() !== 'inbound') return false;
  if (access instanceof Unknown) return access;
  return textOf(access).toLowerCase() === 'allow';
}

/** An NSG rule: the group's `security_rule[index]` block, or (index undefined) a rule resource. */
function azureRule(r: ModelResource, target: string, index: number | undefined, rule: ObjectValue, admits: true | Unknown): Entry {
  const port = rule['destination_port_range'] ?? elements(rule['destination_port_ranges']).join(',');
  return {
    resource: r,
    target,
    block: index === undefined ? undefined : 'security_rule',
    index,
    ...(admits instanceof Unknown ? { condition: admits } : {}),
    service: `${textOf(rule['protocol'] ?? '*').toLowerCase().replace('*', 'any')}/${isObject(port as Value) ? '?' : textOf(port)}`,
    protocol: `azure:${textOf(rule['protocol'] ?? '*').toLowerCase()}:${textOf(port)}`,
    sources: [
      { value: rule['source_address_prefix'] ?? null, key: 'source_address_prefix' },
      { value: rule['source_address_prefixes'] ?? null, key: 'source_address_prefixes' },
    ],
  };
}
