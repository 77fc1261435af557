/**
 * An iptables-save ruleset in the vendor-independent firewall model (model/firewall.ts). Built-in
 * chains become base chains at their hook with the table's netfilter priority; matches the model
 * does not evaluate become opaque conditions, so a rule is never read as narrower than written.
 */
import type { FirewallRuleset, FwAction, FwChain, FwCondition, FwRule, Hook } from '../../model/firewall.js';
import { IPTABLES_PRIORITY, IPTABLES_SNAT_PRIORITY } from '../../model/firewall.js';
import { parseIp, parsePrefixOrAddress } from '../../model/net/cidr.js';
import { ctStates, icmpType, natPorts, natTarget } from '../firewall-common.js';
import type { IpSet } from './ipset.js';
import { iptablesIcmpType, type IptMatch, type IptRule, type IptRuleset } from './parse.js';
import { table } from '../../model/table.js';

/** Targets that change the packet or its metadata and let evaluation go on (iptables-extensions(8)). */
const NON_TERMINATING = new Set(['TCPMSS', 'CLASSIFY', 'DSCP', 'TOS', 'TTL', 'HL', 'CHECKSUM', 'TRACE', 'AUDIT', 'SET', 'CONNSECMARK', 'SECMARK', 'ECN', 'IDLETIMER', 'LED', 'RATEEST', 'HMARK', 'TCPOPTSTRIP', 'IPV4OPTSSTRIP', 'TEE', 'LOGMARK']);

const HOOKS: Readonly<Record<string, Hook>> = table({ PREROUTING: 'prerouting', INPUT: 'input', FORWARD: 'forward', OUTPUT: 'output', POSTROUTING: 'postrouting' });

/** `ipsets`: the sets of an `ipset save` file, for `-m set` matches; a set not given leaves its condition opaque. */
export function iptablesToModel(host: string, file: string, rs: IptRuleset, ipsets: ReadonlyMap<string, IpSet> = new Map()): FirewallRuleset {
  const chains = new Map<string, FwChain>();
  // A script's IPv6 tables beside its IPv4 ones are named `ip6 TABLE/CHAIN`, as nftables names its families.
  const parts: Array<[string, 4 | 6, IptRuleset['tables']]> = [['', rs.family, rs.tables], ...(rs.ip6 ? [['ip6 ', 6, rs.ip6] as [string, 4 | 6, IptRuleset['tables']]] : [])];
  for (const [prefix, family, tables] of parts) addTables(host, chains, prefix, family, tables, ipsets);
  return { host, format: 'iptables', file, chains };
}

function addTables(host: string, chains: Map<string, FwChain>, prefix: string, family: 4 | 6, tables: IptRuleset['tables'], ipsets: ReadonlyMap<string, IpSet>): void {
  for (const [table, tchains] of tables) {
    for (const c of tchains.values()) {
      const id = `${prefix}${table}/${c.name}`;
      const hook = c.builtin ? HOOKS[c.name] : undefined;
      const priority = hook === undefined ? undefined : table === 'nat' && (hook === 'postrouting' || hook === 'input') ? IPTABLES_SNAT_PRIORITY : (IPTABLES_PRIORITY[table] ?? 0);
      chains.set(id, {
        id,
        table,
        name: c.name,
        ...(hook ? { hook, priority, policy: c.policy === 'DROP' ? 'drop' : 'accept' } : {}),
        type: table,
        versions: [family],
        span: c.span,
        rules: c.rules.map((r) => rule(host, prefix, table, r, family, ipsets)),
      });
    }
  }
}

function rule(host: string, prefix: string, table: string, r: IptRule, family: 4 | 6, ipsets: ReadonlyMap<string, IpSet>): FwRule {
  const chain = `${prefix}${table}/${r.chain}`;
  const conditions = r.matches.flatMap((m) => (m.kind === 'set' ? setCondition(m, ipsets) : condition(m, family)));
  const t = r.target;
  let action: FwAction = { kind: 'continue' };
  let logs = false;
  let untracks = false;
  if (t) {
    switch (t.kind) {
      case 'accept':
      case 'drop':
      case 'reject':
      case 'return':
        action = { kind: t.kind };
        break;
      case 'jump':
      case 'goto':
        action = { kind: t.kind, chain: `${prefix}${table}/${t.name}` };
        break;
      case 'log':
        logs = true;
        break;
      case 'mark':
        break;
      case 'notrack':
        untracks = true;
        break;
      case 'nat':
        action = natAction(t.name, t.args);
        break;
      default:
        if (t.name === 'CT') untracks = 'notrack' in t.args;
        else if (!NON_TERMINATING.has(t.name)) action = { kind: 'unknown', text: t.name };
    }
  }
  const target = !t ? 'no target' : t.kind === 'goto' ? `goto ${t.name}` : t.name;
  return { address: `${host}:${chain}#${r.index}`, chain, index: r.index, span: r.span, conditions, action, target, logs, ...(untracks ? { untracks } : {}), ...(r.comment !== undefined ? { comment: r.comment } : {}) };
}

function natAction(name: string, args: Record<string, string>): FwAction {
  switch (name) {
    case 'DNAT': {
      const to = natTarget(args['to-destination'] ?? '');
      return to ? { kind: 'dnat', ...to } : { kind: 'unknown', text: `DNAT ${args['to-destination'] ?? ''}`.trim() };
    }
    case 'SNAT': {
      const to = natTarget(args['to-source'] ?? '');
      return to ? { kind: 'snat', ...to } : { kind: 'unknown', text: `SNAT ${args['to-source'] ?? ''}`.trim() };
    }
    case 'MASQUERADE':
      return { kind: 'snat' };
    case 'REDIRECT': {
      // Without --to-ports the packet keeps its port; ports it names that are not read here (a service
      // name) leave the action unknown, never the packet's port.
      const text = args['to-ports'];
      if (text === undefined) return { kind: 'redirect' };
      const ports = natPorts(text);
      return ports ? { kind: 'redirect', ports } : { kind: 'unknown', text: `REDIRECT --to-ports ${text}` };
    }
    default:
      return { kind: 'unknown', text: name };
  }
}

function condition(m: IptMatch, family: 4 | 6): FwCondition[] {
  const opaque = (): FwCondition[] => [{ kind: 'opaque', text: m.span.file.text.slice(m.span.start, m.span.end), span: m.span }];
  switch (m.kind) {
    case 'src':
    case 'dst':
      return [{ kind: m.kind === 'src' ? 'srcIp' : 'dstIp', prefixes: m.prefixes, negated: m.negated }];
    case 'in':
    case 'out':
      return [{ kind: m.kind === 'in' ? 'iif' : 'oif', names: [{ name: m.iface, wildcard: m.wildcard }], negated: m.negated }];
    case 'proto':
      return m.protocol === 'all' ? (m.negated ? [{ kind: 'protocol', protocols: [], negated: false }] : []) : [{ kind: 'protocol', protocols: [m.protocol], negated: m.negated }];
    case 'sport':
    case 'dport':
      return [{ kind: m.kind === 'sport' ? 'srcPort' : 'dstPort', ranges: m.ranges, negated: m.negated }];
    case 'state': {
      const states = ctStates(m.states);
      return states ? [{ kind: 'state', states, negated: m.negated }] : opaque();
    }
    case 'icmp': {
      const protocol = family === 6 ? 58 : 1;
      const known = iptablesIcmpType(m.type, protocol);
      const t = 'value' in known ? icmpType(known.value, protocol) : undefined;
      if (t === undefined) return opaque();
      // IPv4 type 255 is how iptables stores `any`: the kernel's icmp match takes every type and code
      // for it (iptables-save prints `--icmp-type 255` and `255/3` back as `any`). ICMPv6 has no such value.
      if (t === 'any' || (protocol === 1 && t.type === 255)) return m.negated ? [{ kind: 'protocol', protocols: [], negated: false }] : [{ kind: 'protocol', protocols: [protocol], negated: false }];
      return [{ kind: 'icmp', types: [{ protocol, ...t }], negated: m.negated }];
    }
    case 'iprange': {
      const lo = parseIp(m.from);
      const hi = parseIp(m.to);
      if (!lo || !hi || lo.version !== hi.version) return opaque();
      return [{ kind: m.field === 'src' ? 'srcRange' : 'dstRange', version: lo.version, ranges: [[lo.value, hi.value]], negated: m.negated }];
    }
    case 'set':
    case 'other':
      return opaque();
  }
}

/**
 * `-m set [!] --match-set NAME DIRS` as the set's members: each member one conjunction, its k-th
 * part tested on the k-th direction (hash:ip,port with `src,dst`: the source address and the
 * destination port). Members and types the model cannot read leave the condition opaque.
 */
function setCondition(m: Extract<IptMatch, { kind: 'set' }>, ipsets: ReadonlyMap<string, IpSet>, depth = 0): FwCondition[] {
  const opaque: FwCondition[] = [{ kind: 'opaque', text: m.span.file.text.slice(m.span.start, m.span.end), span: m.span }];
  const options = setOptions(m.name, m.dirs, ipsets, depth);
  return options ? [{ kind: 'anyOf', options, negated: m.negated, what: `set ${m.name}` }] : opaque;
}

function setOptions(name: string, dirs: readonly string[], ipsets: ReadonlyMap<string, IpSet>, depth: number): FwCondition[][] | undefined {
  const set = ipsets.get(name);
  if (!set || set.partial || depth > 8) return undefined;
  const [kind, dimText] = set.type.split(':');
  if (kind === 'list') {
    const out: FwCondition[][] = [];
    for (const member of set.members) {
      const sub = setOptions(member.text, dirs, ipsets, depth + 1);
      if (!sub) return undefined;
      out.push(...sub);
    }
    return out;
  }
  const dims = (dimText ?? '').split(',');
  // Directions beyond the set's dimensions are ignored by the kernel; fewer leave dimensions untested.
  if (dirs.length < dims.length) return undefined;
  const version: 4 | 6 = set.family === 'inet6' ? 6 : 4;
  const out: FwCondition[][] = [];
  for (const member of set.members) {
    const parts = member.text.split(',');
    if (parts.length !== dims.length) return undefined;
    const conj: FwCondition[] = [];
    for (const [k, dim] of dims.entries()) {
      const c = dimCondition(dim, parts[k]!, dirs[k] === 'src', version, kind === 'bitmap');
      if (!c) return undefined;
      conj.push(...c);
    }
    out.push(conj);
  }
  return out;
}

/** `bitmap`: a bitmap:port member is a bare port of TCP or UDP; hash types default to TCP. */
function dimCondition(dim: string, text: string, src: boolean, version: 4 | 6, bitmap: boolean): FwCondition[] | undefined {
  if (dim === 'ip' || dim === 'net') {
    const dash = text.indexOf('-');
    if (dash > 0 && !text.includes('/')) {
      const lo = parseIp(text.slice(0, dash));
      const hi = parseIp(text.slice(dash + 1));
      if (!lo || !hi || lo.version !== version || hi.version !== version) return undefined;
      return [{ kind: src ? 'srcRange' : 'dstRange', version, ranges: [[lo.value, hi.value]], negated: false }];
    }
    const p = parsePrefixOrAddress(text);
    return p && p.version === version ? [{ kind: src ? 'srcIp' : 'dstIp', prefixes: [p], negated: false }] : undefined;
  }
  if (dim === 'port') {
    const m = /^(?:(tcp|udp|sctp|udplite|icmp|icmpv6):)?([\w-]+)(?:-(\d+))?$/.exec(text);
    if (!m) return undefined;
    const proto = m[1] ?? 'tcp';
    if (proto === 'icmp' || proto === 'icmpv6') {
      const protocol = proto === 'icmp' ? 1 : 58;
      const t = icmpType(m[2]!, protocol);
      return t && t !== 'any' ? [{ kind: 'icmp', types: [{ protocol, ...t }], negated: false }] : undefined;
    }
    if (!/^\d+$/.test(m[2]!)) return undefined;
    const protocols = bitmap && m[1] === undefined ? [6, 17] : [{ tcp: 6, udp: 17, sctp: 132, udplite: 136 }[proto]!];
    return [{ kind: 'protocol', protocols, negated: false }, { kind: src ? 'srcPort' : 'dstPort', ranges: [[Number(m[2]), Number(m[3] ?? m[2])]], negated: false }];
  }
  if (dim === 'iface') {
    const wildcard = text.endsWith('+');
    return [{ kind: src ? 'iif' : 'oif', names: [{ name: wildcard ? text.slice(0, -1) : text, wildcard }], negated: false }];
  }
  return undefined;
}
