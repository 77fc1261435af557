/**
 * An nftables ruleset (text or JSON) in the vendor-independent firewall model (model/firewall.ts).
 * Chains are named `family table/chain`; named sets of addresses and ports are resolved from the
 * ruleset; a payload match implies its protocol or family (`tcp dport 22` is TCP only, `ip saddr …` and
 * `ip protocol …` IPv4 only);
 * matches the model does not evaluate become opaque conditions.
 */
import type { FirewallRuleset, FwAction, FwChain, FwCondition, FwRule, Hook, VmapEntry } from '../../model/firewall.js';
import { parseIp, parsePrefixOrAddress, type Prefix } from '../../model/net/cidr.js';
import type { Span } from '../../model/source.js';
import { ctStates, natPorts, natTarget, nftProtocol, numberLiteral } from '../firewall-common.js';
import { nftIcmpTypes, portRange, type NftMatch, type NftRule, type NftRuleset, type NftSet } from './parse.js';
import { table } from '../../model/table.js';

const HOOKS = new Set<Hook>(['ingress', 'prerouting', 'input', 'forward', 'output', 'postrouting', 'egress']);
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = table({
  icmp: 1, igmp: 2, tcp: 6, udp: 17, gre: 47, esp: 50, ah: 51, icmpv6: 58, 'ipv6-icmp': 58, sctp: 132, dccp: 33, udplite: 136, comp: 108, ospf: 89, vrrp: 112,
});
const TH_PROTOCOLS = [6, 17, 132, 33, 136];
/** Statements (text or JSON) that may end or divert the rule's packets: read as opaque conditions. */
const DECIDING = /^\s*(?:\{\s*")?(?:quota|synproxy|meter|ct count|numgen|fwd|dup|tproxy|xt|osf|queue)\b/;

export function nftablesToModel(host: string, file: string, rs: NftRuleset): FirewallRuleset {
  const chains = new Map<string, FwChain>();
  // A set the packet path adds to (`add @knock { ip saddr }`, `update @x`, or one declared
  // `flags dynamic`) holds whatever traffic put there: its listed elements are not its contents, and
  // a match on it is not known (a port knock opens SSH to whoever knocked).
  const dynamic = dynamicSets(rs);
  const setOf = (family: string, table: string, name: string): NftSet | undefined => {
    const s = rs.sets.find((x) => x.family === family && x.table === table && x.name === name);
    return s && !s.flags.includes('dynamic') && !dynamic.has(`${family}\0${table}\0${name}`) ? s : undefined;
  };
  for (const c of rs.chains) {
    const table = `${c.family} ${c.table}`;
    const id = `${table}/${c.name}`;
    // Bridge chains see bridged frames, not the packets a host routes; arp has no IP packets.
    const hook = c.base && HOOKS.has(c.base.hook as Hook) && c.family !== 'bridge' && c.family !== 'arp' ? (c.base.hook as Hook) : undefined;
    // A netdev chain sees every packet on its devices, of both IP versions.
    const versions: Array<4 | 6> = c.family === 'ip' ? [4] : c.family === 'ip6' ? [6] : c.family === 'inet' || c.family === 'netdev' ? [4, 6] : [];
    chains.set(id, {
      id,
      table,
      name: c.name,
      ...(hook && c.base ? { hook, priority: c.base.priority, policy: c.base.policy, ...(c.base.devices ? { devices: c.base.devices } : {}) } : {}),
      type: c.base?.type ?? 'filter',
      versions,
      span: c.span,
      rules: c.rules.map((r) => rule(host, table, r, (name) => setOf(c.family, c.table, name))),
    });
  }
  return { host, format: 'nftables', file, chains };
}

/** The sets ("family\0table\0name") a rule adds or updates elements of, in text or JSON form. */
function dynamicSets(rs: NftRuleset): Set<string> {
  const out = new Set<string>();
  for (const c of rs.chains) {
    for (const r of c.rules) {
      for (const x of [...r.statements, ...r.matches.filter((m): m is Extract<typeof m, { kind: 'other' }> => m.kind === 'other')]) {
        const text = x.text;
        const name = /(?:^|\s)(?:add|update)\s+@([A-Za-z0-9_./-]+)/.exec(text)?.[1] ?? (/"op"\s*:\s*"(?:add|update)"/.test(text) ? /"set"\s*:\s*"@([^"]+)"/.exec(text)?.[1] : undefined);
        if (name) out.add(`${c.family}\0${c.table}\0${name}`);
      }
    }
  }
  return out;
}

function rule(host: string, table: string, r: NftRule, setOf: (name: string) => NftSet | undefined): FwRule {
  const chain = `${table}/${r.chain}`;
  let vmap: FwAction | undefined;
  const conditions = r.matches.flatMap((m) => {
    if (m.kind !== 'other') return condition(m, setOf);
    if (/\svmap\s/.test(m.text)) {
      vmap = verdictMap(m.text, table, setOf);
      return vmap ? [] : condition(m, setOf);
    }
    return concatenation(m.text, setOf) ?? condition(m, setOf);
  });
  for (const st of r.statements) {
    if (st.kind !== 'other' || !/^\s*\{\s*"vmap"/.test(st.text)) continue;
    vmap = verdictMapJson(st.text, table);
    if (!vmap) conditions.push({ kind: 'opaque', text: st.text, span: st.span });
  }
  let action: FwAction = vmap ?? { kind: 'continue' };
  let logs = false;
  let untracks = false;
  for (const s of r.statements) {
    if (s.kind === 'log') logs = true;
    else if (/^\s*(?:\{\s*")?notrack\b/.test(s.text)) untracks = true;
    else if (s.kind === 'nat') action = natAction(s.text);
    // A rate limit or quota stops the rule once exceeded; an untranslated xt statement or a statement
    // that takes the packet elsewhere may decide anything: all act as conditions not modelled.
    // Statements that only set state (mark, ct mark, notrack) leave the match as written.
    // A word not known may be a match (`ipsec in reqid 1`, `cgroupv2 level 1 …`): the rule may not
    // match, so a drop may let the packet on, never the other way round.
    else if (s.kind === 'limit' || (s.kind === 'other' && (s.unknown || DECIDING.test(s.text)))) conditions.push({ kind: 'opaque', text: s.text, span: s.span });
  }
  const v = r.verdict;
  if (v?.kind === 'reject') conditions.push(...rejectDependency(v.span.file.text.slice(v.span.start, v.span.end)));
  if (v) {
    if (v.kind === 'accept' || v.kind === 'drop' || v.kind === 'reject' || v.kind === 'return') action = { kind: v.kind };
    else if ((v.kind === 'jump' || v.kind === 'goto') && v.target !== undefined) action = { kind: v.kind, chain: `${table}/${v.target}` };
    else if (v.kind === 'queue') action = { kind: 'unknown', text: 'queue' };
  }
  const nat = r.statements.find((x) => x.kind === 'nat');
  const target = v ? (v.target !== undefined ? `${v.kind} ${v.target}` : v.kind) : vmap ? 'vmap' : nat ? nat.text.split(/\s/)[0]!.replace(/[{}":]/g, '') : logs ? 'log' : 'no target';
  return { address: `${host}:${chain}#${r.index}`, chain, index: r.index, span: r.span, conditions, action, target, logs, ...(untracks ? { untracks } : {}), ...(r.comment !== undefined ? { comment: r.comment } : {}) };
}

/**
 * What nft adds to a rule whose reject names its reply: `with tcp reset` only for TCP, `with icmp …`
 * only for IPv4 and `with icmpv6 …` only for IPv6 (the kernel rule loads `meta l4proto tcp` or `meta
 * nfproto` before the reject, and the listing hides it); other packets go on to the next rule.
 * `icmpx` and a bare `reject` take every packet.
 */
function rejectDependency(text: string): FwCondition[] {
  const m = /^reject\s+with\s+(tcp\s+reset|icmpv6|icmp)\b/.exec(text.trim()) ?? /"type"\s*:\s*"(tcp reset|icmpv6|icmp)"/.exec(text);
  if (!m) return [];
  if (m[1]!.startsWith('tcp')) return [{ kind: 'protocol', protocols: [6], negated: false }];
  return [{ kind: 'version', version: m[1] === 'icmp' ? 4 : 6 }];
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
    // `"port": 53` or `"port": {"range": [8000, 8010]}`; any other port is not one the model reads.
    const range = (arg?.port as { range?: unknown } | undefined)?.range;
    const port: [number, number] | undefined =
      typeof arg?.port === 'number' ? [arg.port, arg.port] : Array.isArray(range) && range.length === 2 && range.every((x) => typeof x === 'number') ? [range[0] as number, range[1] as number] : undefined;
    if (arg?.port !== undefined && !port) return { kind: 'unknown', text: t };
    return fromParts(key ?? '', addr, port, t);
  }
  const m = /^(snat|dnat|masquerade|redirect)\b(?:\s+(?:ip6?\s+)?(?:to\s+)?(\S+))?/.exec(t);
  if (!m) return { kind: 'unknown', text: t };
  if (m[2] === undefined) return fromParts(m[1]!, undefined, undefined, t);
  // A redirect's target is ports only: nft reads `redirect to 53` as `redirect to :53`.
  const bare = m[1] === 'redirect' ? natPorts(m[2]) : undefined;
  if (bare) return fromParts('redirect', undefined, bare, t);
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
  if ((m.kind === 'l4proto' || m.kind === 'ct-state' || m.kind === 'nfproto' || m.kind === 'iif' || m.kind === 'oif' || m.kind === 'icmp') && m.set !== undefined) {
    // `iifname @lan_ifs`, `meta l4proto @protos`: the named set's elements stand for the values; a set
    // the ruleset does not declare leaves the match unknown.
    const elements = setOf(m.set)?.elements;
    if (!elements) return opaque(m.span, written());
    const { set: _named, ...rest } = m;
    const values = elements.map((e) => e.trim());
    const field = m.kind === 'l4proto' ? 'protocols' : m.kind === 'ct-state' ? 'states' : m.kind === 'nfproto' ? 'families' : m.kind === 'icmp' ? 'types' : 'names';
    return condition({ ...rest, [field]: values } as NftMatch, setOf);
  }
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
      const protocols = m.protocols.map((p) => numberLiteral(p) ?? nftProtocol(p) ?? PROTOCOL_NUMBERS[p]);
      // `ip protocol` and `ip6 nexthdr` read the network header, so they match only packets of its family
      // (nft adds `meta nfproto` in inet chains), negated or not; `meta l4proto` matches both.
      const version: FwCondition[] = m.family === undefined ? [] : [{ kind: 'version', version: m.family === 'ip' ? 4 : 6 }];
      if (protocols.some((p) => p === undefined)) return [...version, ...opaque(m.span, written())];
      return [...version, { kind: 'protocol', protocols: protocols as number[], negated: m.negated }];
    }
    case 'nfproto': {
      const version = nfprotoVersion(m.families, m.negated);
      return version === undefined ? opaque(m.span, written()) : version === 'none' ? [{ kind: 'protocol', protocols: [], negated: false }] : version === 'both' ? [] : [{ kind: 'version', version }];
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
      const each = m.types.map((t) => nftIcmpTypes(t, protocol));
      if (each.some((t) => t === undefined)) return opaque(m.span, text);
      const types = [...new Set(each.flat() as number[])];
      if (types.length === 256) return [{ kind: 'protocol', protocols: [protocol], negated: false }];
      return [{ kind: 'icmp', types: types.map((type) => ({ protocol, type })), negated: false }];
    }
    case 'other':
      return opaque(m.span, m.text);
  }
}

/** The IP version `meta nfproto` values select: one, both, none; undefined for a family the model has no packets of (arp, bridge). */
function nfprotoVersion(values: readonly string[], negated: boolean): 4 | 6 | 'both' | 'none' | undefined {
  const versions = new Set<4 | 6>();
  for (const v of values) {
    const n = v === 'ipv4' || v === '2' ? 4 : v === 'ipv6' || v === '10' ? 6 : undefined;
    if (n === undefined) return undefined;
    versions.add(n);
  }
  const held = negated ? ([4, 6] as const).filter((v) => !versions.has(v)) : [...versions];
  return held.length === 2 ? 'both' : held.length === 0 ? 'none' : held[0]!;
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

/** Set elements or map keys as port ranges, each read as a port written in a rule is (`portRange`); undefined when one is not a port. */
function portRanges(values: readonly string[]): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  for (const v of values) {
    const r = portRange(v.trim());
    if (!r) return undefined;
    out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Verdict maps: `ct state vmap { established : accept, related : accept }`, `vmap @name`, and the
// JSON statement {"vmap": {"key": …, "data": {"set": [[key, verdict], …]}}}. A selector or key the
// model cannot read leaves the rule to the caller as opaque (undefined here).

function verdictMap(text: string, table: string, setOf: (name: string) => NftSet | undefined): FwAction | undefined {
  const m = /^\s*(.+?)\s+vmap\s+(\{[\s\S]*\}|@[\w.-]+)\s*$/.exec(text);
  if (!m) return undefined;
  const selector = m[1]!.replace(/\s+/g, ' ').trim();
  const body = m[2]!;
  const elements = body.startsWith('@') ? setOf(body.slice(1))?.elements : splitTop(body.slice(1, -1));
  if (!elements) return undefined;
  // The verdict is the last word or two after " : " (a key may hold colons itself: IPv6).
  const pairs = elements.map((e) => /^(.*\S)\s*:\s*(accept|drop|reject|return|continue|(?:jump|goto)\s+\S+)$/.exec(e.trim())).map((x) => (x ? { key: x[1]!.trim(), verdict: x[2]!.trim() } : undefined));
  if (pairs.some((p) => p === undefined)) return undefined;
  return entries(selector, pairs as Array<{ key: string; verdict: string }>, table);
}

function verdictMapJson(raw: string, table: string): FwAction | undefined {
  let o: { vmap?: { key?: Record<string, Record<string, string>>; data?: { set?: unknown[] } } };
  try {
    o = JSON.parse(raw) as typeof o;
  } catch {
    return undefined;
  }
  const key = o.vmap?.key;
  const set = o.vmap?.data?.set;
  if (!key || !Array.isArray(set)) return undefined;
  const selector = selectorOf(key);
  if (!selector) return undefined;
  const pairs: Array<{ key: string; verdict: string }> = [];
  for (const item of set) {
    if (!Array.isArray(item) || item.length !== 2) return undefined;
    const k = jsonKey(item[0]);
    const [verdict, arg] = Object.entries((item[1] ?? {}) as Record<string, { target?: string } | null>)[0] ?? [];
    if (k === undefined || !verdict) return undefined;
    pairs.push({ key: k, verdict: arg?.target ? `${verdict} ${arg.target}` : verdict });
  }
  return entries(selector, pairs, table);
}

function jsonKey(k: unknown): string | undefined {
  if (typeof k === 'string' || typeof k === 'number') return String(k);
  const o = k as { prefix?: { addr?: string; len?: number }; range?: unknown[] } | null;
  if (o?.prefix?.addr !== undefined) return `${o.prefix.addr}/${o.prefix.len}`;
  if (Array.isArray(o?.range) && o!.range.length === 2) return `${String(o!.range[0])}-${String(o!.range[1])}`;
  return undefined;
}

/** Top-level comma-separated items of a `{ … }` body. */
function splitTop(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

function entries(selector: string, pairs: Array<{ key: string; verdict: string }>, table: string): FwAction | undefined {
  const out: VmapEntry[] = [];
  for (const { key, verdict } of pairs) {
    const conditions = keyConditions(selector, key.replace(/^"|"$/g, ''));
    const action = verdictAction(verdict, table);
    if (!conditions || !action) return undefined;
    out.push({ conditions, action, text: `${key} : ${verdict}` });
  }
  return { kind: 'vmap', entries: out };
}

function verdictAction(v: string, table: string): VmapEntry['action'] | undefined {
  const m = /^(accept|drop|reject|return|continue|jump|goto)(?:\s+(\S+))?/.exec(v);
  if (!m) return undefined;
  if (m[1] === 'jump' || m[1] === 'goto') return m[2] ? { kind: m[1], chain: `${table}/${m[2]}` } : undefined;
  return { kind: m[1] as 'accept' | 'drop' | 'reject' | 'return' | 'continue' };
}

/**
 * A concatenated match, `ip saddr . tcp dport { 10.0.0.1 . 22, 10.0.0.2 . 443 }` (or `@set`, or its
 * JSON form): one conjunction per element, each part under its selector. Undefined when it is not
 * one, or a part cannot be read.
 */
function concatenation(text: string, setOf: (name: string) => NftSet | undefined): FwCondition[] | undefined {
  if (/^\s*\{/.test(text)) return concatenationJson(text);
  const m = /^\s*(.+?\s\.\s.+?)\s*(==|!=|eq|ne)?\s*(\{[\s\S]*\}|@[\w.-]+)\s*$/.exec(text);
  if (!m) return undefined;
  const selectors = m[1]!.split(/\s+\.\s+/).map((x) => x.trim());
  const body = m[3]!;
  const elements = body.startsWith('@') ? setOf(body.slice(1))?.elements : splitTop(body.slice(1, -1));
  if (!elements) return undefined;
  const options: FwCondition[][] = [];
  for (const e of elements) {
    const parts = e.split(/\s+\.\s+/);
    const conj = parts.length === selectors.length ? parts.map((v, i) => keyConditions(selectors[i]!, v.replace(/^"|"$/g, ''))) : [undefined];
    if (conj.some((c) => c === undefined)) return undefined;
    options.push((conj as FwCondition[][]).flat());
  }
  return [{ kind: 'anyOf', options, negated: m[2] === '!=' || m[2] === 'ne', what: m[1]! }];
}

function concatenationJson(raw: string): FwCondition[] | undefined {
  let o: { match?: { op?: string; left?: { concat?: unknown[] }; right?: { set?: unknown[] } } };
  try {
    o = JSON.parse(raw) as typeof o;
  } catch {
    return undefined;
  }
  const left = o.match?.left?.concat;
  const right = o.match?.right?.set;
  if (!Array.isArray(left) || !Array.isArray(right)) return undefined;
  const selectors = left.map((k) => selectorOf(k as Record<string, Record<string, string>>));
  if (selectors.some((x) => x === undefined)) return undefined;
  const options: FwCondition[][] = [];
  for (const item of right) {
    const parts = (item as { concat?: unknown[] } | null)?.concat;
    if (!Array.isArray(parts) || parts.length !== selectors.length) return undefined;
    const conj = parts.map((v, i) => {
      const key = jsonKey(v);
      return key === undefined ? undefined : keyConditions(selectors[i]!, key);
    });
    if (conj.some((c) => c === undefined)) return undefined;
    options.push((conj as FwCondition[][]).flat());
  }
  return [{ kind: 'anyOf', options, negated: o.match?.op === '!=', what: selectors.join(' . ') }];
}

/** A JSON key expression as the selector text the text form writes: `ct state`, `meta iifname`, `ip saddr`. */
function selectorOf(key: Record<string, Record<string, string>> | undefined): string | undefined {
  const [kind, spec] = Object.entries(key ?? {})[0] ?? [];
  return kind === 'ct' ? `ct ${spec?.['key']}` : kind === 'meta' ? `meta ${spec?.['key']}` : kind === 'payload' ? `${spec?.['protocol']} ${spec?.['field']}` : undefined;
}

/** A map key under its selector as conditions; undefined when the selector is one the model does not read. */
function keyConditions(selector: string, key: string): FwCondition[] | undefined {
  if (/\s\.\s/.test(selector)) {
    // A concatenated key: each part under its own selector.
    const sels = selector.split(/\s+\.\s+/);
    const parts = key.split(/\s+\.\s+/);
    if (sels.length !== parts.length) return undefined;
    const conj = sels.map((sel, i) => keyConditions(sel, parts[i]!.replace(/^"|"$/g, '')));
    return conj.some((c) => c === undefined) ? undefined : (conj as FwCondition[][]).flat();
  }
  const sel = selector.replace(/^meta /, '');
  if (sel === 'ct state') {
    const states = ctStates([key]);
    return states ? [{ kind: 'state', states, negated: false }] : undefined;
  }
  const addr = /^(ip|ip6) (saddr|daddr)$/.exec(sel);
  if (addr) {
    const version: 4 | 6 = addr[1] === 'ip' ? 4 : 6;
    const parsed = addresses([key]);
    if (!parsed) return undefined;
    const kind = addr[2] === 'saddr' ? 'src' : 'dst';
    return [{ kind: 'version', version }, parsed.ranges.length ? { kind: kind === 'src' ? 'srcRange' : 'dstRange', version, ranges: parsed.ranges, negated: false } : { kind: kind === 'src' ? 'srcIp' : 'dstIp', prefixes: parsed.prefixes, negated: false }];
  }
  const port = /^(tcp|udp|th|sctp) (sport|dport)$/.exec(sel);
  if (port) {
    const ranges = portRanges([key]);
    if (!ranges) return undefined;
    return [{ kind: 'protocol', protocols: port[1] === 'th' ? TH_PROTOCOLS : [PROTOCOL_NUMBERS[port[1]!]!], negated: false }, { kind: port[2] === 'sport' ? 'srcPort' : 'dstPort', ranges, negated: false }];
  }
  if (/^(iifname|oifname|iif|oif)$/.test(sel)) {
    const wildcard = key.endsWith('*');
    return [{ kind: sel.startsWith('i') ? 'iif' : 'oif', names: [{ name: wildcard ? key.slice(0, -1) : key, wildcard }], negated: false }];
  }
  if (sel === 'nfproto') {
    const version = nfprotoVersion([key], false);
    return version === 4 || version === 6 ? [{ kind: 'version', version }] : undefined;
  }
  if (sel === 'l4proto' || sel === 'ip protocol' || sel === 'ip6 nexthdr') {
    const p = numberLiteral(key) ?? PROTOCOL_NUMBERS[key];
    const version: FwCondition[] = sel === 'l4proto' ? [] : [{ kind: 'version', version: sel === 'ip protocol' ? 4 : 6 }];
    return p === undefined ? undefined : [...version, { kind: 'protocol', protocols: [p], negated: false }];
  }
  return undefined;
}
