/**
 * An nftables ruleset (text or JSON) in the vendor-independent firewall model (model/firewall.ts).
 * Chains are named `family table/chain`; named sets of addresses and ports are resolved from the
 * ruleset; a payload match implies its protocol (`tcp dport 22` is TCP only, `ip saddr …` IPv4 only);
 * matches the model does not evaluate become opaque conditions.
 */
import type { FirewallRuleset, FwAction, FwChain, FwCondition, FwRule, Hook } from '../../model/firewall.js';
import { parseIp, parsePrefixOrAddress, type Prefix } from '../../model/net/cidr.js';
import type { Span } from '../../model/source.js';
import { ctStates, icmpType, natTarget } from '../firewall-common.js';
import type { NftMatch, NftRule, NftRuleset, NftSet } from './parse.js';

const HOOKS = new Set<Hook>(['prerouting', 'input', 'forward', 'output', 'postrouting']);
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  icmp: 1, igmp: 2, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, icmpv6: 58, 'ipv6-icmp': 58, sctp: 132, dccp: 33, udplite: 136, comp: 108, ospf: 89, vrrp: 112,
};
const TH_PROTOCOLS = [6, 17, 132, 33, 136];
/** Statements (text or JSON) that may end or divert the rule's packets: read as opaque conditions. */
const DECIDING = /^\s*(?:\{\s*")?(?:quota|synproxy|meter|ct count|numgen|fwd|dup|tproxy|xt|osf|queue)\b/;

export function nftablesToModel(host: string, file: string, rs: NftRuleset): FirewallRuleset {
  const chains = new Map<string, FwChain>();
  const setOf = (family: string, table: string, name: string): NftSet | undefined => rs.sets.find((s) => s.family === family && s.table === table && s.name === name);
  for (const c of rs.chains) {
    const table = `${c.family} ${c.table}`;
    const id = `${table}/${c.name}`;
    const hook = c.base && HOOKS.has(c.base.hook as Hook) ? (c.base.hook as Hook) : undefined;
    const versions: Array<4 | 6> = c.family === 'ip' ? [4] : c.family === 'ip6' ? [6] : c.family === 'inet' ? [4, 6] : [];
    chains.set(id, {
      id,
      table,
      name: c.name,
      ...(hook && c.base ? { hook, priority: c.base.priority, policy: c.base.policy } : {}),
      type: c.base?.type ?? 'filter',
      versions,
      span: c.span,
      rules: c.rules.map((r) => rule(host, table, r, (name) => setOf(c.family, c.table, name))),
    });
  }
  return { host, format: 'nftables', file, chains };
}

function rule(host: string, table: string, r: NftRule, setOf: (name: string) => NftSet | undefined): FwRule {
  const chain = `${table}/${r.chain}`;
  const conditions = r.matches.flatMap((m) => condition(m, setOf));
  let action: FwAction = { kind: 'continue' };
  let logs = false;
  let untracks = false;
  for (const s of r.statements) {
    if (s.kind === 'log') logs = true;
    else if (/^\s*(?:\{\s*")?notrack\b/.test(s.text)) untracks = true;
    else if (s.kind === 'nat') action = natAction(s.text);
    // A rate limit or quota stops the rule once exceeded; an untranslated xt statement or a statement
    // that takes the packet elsewhere may decide anything: all act as conditions not modelled.
    // Statements that only set state (mark, ct mark, notrack) leave the match as written.
    else if (s.kind === 'limit' || (s.kind === 'other' && DECIDING.test(s.text))) conditions.push({ kind: 'opaque', text: s.text, span: s.span });
  }
  const v = r.verdict;
  if (v) {
    if (v.kind === 'accept' || v.kind === 'drop' || v.kind === 'reject' || v.kind === 'return') action = { kind: v.kind };
    else if ((v.kind === 'jump' || v.kind === 'goto') && v.target !== undefined) action = { kind: v.kind, chain: `${table}/${v.target}` };
    else if (v.kind === 'queue') action = { kind: 'unknown', text: 'queue' };
  }
  const nat = r.statements.find((x) => x.kind === 'nat');
  const target = v ? (v.target !== undefined ? `${v.kind} ${v.target}` : v.kind) : nat ? nat.text.split(/\s/)[0]!.replace(/[{}":]/g, '') : logs ? 'log' : 'no target';
  return { address: `${host}:${chain}#${r.index}`, chain, index: r.index, span: r.span, conditions, action, target, logs, ...(untracks ? { untracks } : {}), ...(r.comment !== undefined ? { comment: r.comment } : {}) };
}

/** `snat ip to 1.2.3.4`, `dnat to 10.0.0.1:80`, `masquerade`, `redirect to :8080`, or their JSON objects. */
function natAction(text: string): FwAction {
  const t = text.trim();
  if (t.startsWith('{')) {
    let o: Record<string, { addr?: unknown; port?: unknown } | null>;
    try {
      o = JSON.parse(t) as typeof o;
    } catch {
      return { kind: 'unknown', text: t };
    }
    const [key, arg] = Object.entries(o)[0] ?? [];
    const addr = typeof arg?.addr === 'string' ? arg.addr : undefined;
    const port = typeof arg?.port === 'number' ? arg.port : undefined;
    return fromParts(key ?? '', addr, port === undefined ? undefined : [port, port], t);
  }
  const m = /^(snat|dnat|masquerade|redirect)\b(?:\s+(?:ip6?\s+)?(?:to\s+)?(\S+))?/.exec(t);
  if (!m) return { kind: 'unknown', text: t };
  if (m[2] === undefined) return fromParts(m[1]!, undefined, undefined, t);
  const to = natTarget(m[2]);
  if (!to) return { kind: 'unknown', text: t };
  return fromParts(m[1]!, undefined, to.ports, t, to.address);
}

function fromParts(kind: string, addr: string | undefined, ports: [number, number] | undefined, text: string, address?: Prefix): FwAction {
  const a = address ?? (addr !== undefined ? parsePrefixOrAddress(addr) : undefined);
  if (addr !== undefined && !a) return { kind: 'unknown', text };
  const rest = { ...(a ? { address: a } : {}), ...(ports ? { ports } : {}) };
  switch (kind) {
    case 'snat':
      return a ? { kind: 'snat', ...rest } : { kind: 'unknown', text };
    case 'masquerade':
      return { kind: 'snat', ...(ports ? { ports } : {}) };
    case 'dnat':
      return a || ports ? { kind: 'dnat', ...rest } : { kind: 'unknown', text };
    case 'redirect':
      return { kind: 'redirect', ...(ports ? { ports } : {}) };
    default:
      return { kind: 'unknown', text };
  }
}

function condition(m: NftMatch, setOf: (name: string) => NftSet | undefined): FwCondition[] {
  const opaque = (span: Span, text: string): FwCondition[] => [{ kind: 'opaque', text, span }];
  const written = (): string => m.span.file.text.slice(m.span.start, m.span.end);
  switch (m.kind) {
    case 'saddr':
    case 'daddr': {
      const version: 4 | 6 = m.family === 'ip' ? 4 : 6;
      const values = m.set !== undefined ? setOf(m.set)?.elements : m.values;
      const parsed = values ? addresses(values) : undefined;
      if (!parsed) return [{ kind: 'version', version }, ...opaque(m.span, written())];
      const field = m.kind === 'saddr' ? 'src' : 'dst';
      const out: FwCondition[] = [{ kind: 'version', version }];
      if (parsed.ranges.length === 0) out.push({ kind: field === 'src' ? 'srcIp' : 'dstIp', prefixes: parsed.prefixes, negated: m.negated });
      else if (parsed.prefixes.length === 0) out.push({ kind: field === 'src' ? 'srcRange' : 'dstRange', version, ranges: parsed.ranges, negated: m.negated });
      else {
        // Prefixes and ranges together: all as ranges.
        const all = [...parsed.ranges, ...parsed.prefixes.map((p) => prefixBounds(p))];
        out.push({ kind: field === 'src' ? 'srcRange' : 'dstRange', version, ranges: all, negated: m.negated });
      }
      return out;
    }
    case 'sport':
    case 'dport': {
      const proto: FwCondition = { kind: 'protocol', protocols: m.proto === 'th' ? TH_PROTOCOLS : [PROTOCOL_NUMBERS[m.proto]!], negated: false };
      let ranges = m.ranges;
      if (m.set !== undefined) {
        const s = setOf(m.set);
        const rs = s ? portRanges(s.elements) : undefined;
        if (!rs) return [proto, ...opaque(m.span, written())];
        ranges = rs;
      }
      return [proto, { kind: m.kind === 'sport' ? 'srcPort' : 'dstPort', ranges, negated: m.negated }];
    }
    case 'l4proto': {
      const protocols = m.protocols.map((p) => (/^\d+$/.test(p) ? Number(p) : PROTOCOL_NUMBERS[p]));
      if (protocols.some((p) => p === undefined)) return opaque(m.span, written());
      return [{ kind: 'protocol', protocols: protocols as number[], negated: m.negated }];
    }
    case 'ct-state': {
      const states = ctStates(m.states);
      return states ? [{ kind: 'state', states, negated: m.negated }] : opaque(m.span, written());
    }
    case 'iif':
    case 'oif':
      return [{ kind: m.kind, names: m.names.map((n) => (n.endsWith('*') ? { name: n.slice(0, -1), wildcard: true } : { name: n, wildcard: false })), negated: m.negated }];
    case 'icmp': {
      const text = written();
      const protocol: 1 | 58 = /^\s*(?:icmpv6|\{\s*"match".*"icmpv6")/.test(text) || text.includes('icmpv6') ? 58 : 1;
      const types = m.types.map((t) => icmpType(t, protocol));
      if (types.some((t) => t === undefined)) return opaque(m.span, text);
      if (types.includes('any')) return [{ kind: 'protocol', protocols: [protocol], negated: false }];
      return [{ kind: 'icmp', types: (types as Array<{ type: number; code?: number }>).map((t) => ({ protocol, ...t })), negated: false }];
    }
    case 'other':
      return opaque(m.span, m.text);
  }
}

function prefixBounds(p: Prefix): [bigint, bigint] {
  const width = p.version === 4 ? 32 : 128;
  const size = 1n << BigInt(width - p.bits);
  return [p.network, p.network + size - 1n];
}

/** Set elements or literal values as prefixes and `a-b` ranges; undefined when one is not an address. */
function addresses(values: readonly string[]): { prefixes: Prefix[]; ranges: Array<[bigint, bigint]> } | undefined {
  const prefixes: Prefix[] = [];
  const ranges: Array<[bigint, bigint]> = [];
  for (const v of values) {
    const dash = v.indexOf('-');
    if (dash > 0 && !v.includes('/')) {
      const lo = parseIp(v.slice(0, dash).trim());
      const hi = parseIp(v.slice(dash + 1).trim());
      if (!lo || !hi || lo.version !== hi.version) return undefined;
      ranges.push([lo.value, hi.value]);
      continue;
    }
    const p = parsePrefixOrAddress(v.trim());
    if (!p) return undefined;
    prefixes.push(p);
  }
  return { prefixes, ranges };
}

function portRanges(values: readonly string[]): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  for (const v of values) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(v.trim());
    if (!m) return undefined;
    out.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return out;
}
