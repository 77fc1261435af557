/**
 * nftables rulesets — `nft list ruleset` text and `nft -j list ruleset` JSON — as chains, sets and
 * rules, every part with its place in the file. Only syntax is read here; what the rules let
 * through (verdict semantics across base chains, §4.5) is the graph's business.
 *
 * Contracts:
 * - A syntax error (an unbalanced brace or quote, a rule outside a chain, a base chain without a
 *   hook, an unknown priority name, a bad address or port, JSON that is not libnftables-json) is
 *   thrown as an InputError located at its line and column: the file is abandoned, never half-read.
 * - Nothing in a rule is dropped. A statement the model does not know is kept (`other` match or
 *   `other` statement, with its source text) and reported as a warning in `problems`, so that
 *   consumers can treat the rule conservatively. Known statements the model does not need (fib,
 *   tcp flags, meta mark, ct status, notrack, …) are kept as `other` without a warning.
 * - Spans: a rule runs from its first to its last token (text) or is its `{"rule": …}` object
 *   (JSON); a match runs from its first keyword to the end of its value (the `{ … }` set included);
 *   a verdict covers its keyword and target. In JSON each match/statement is its expression object.
 * - Table-level objects the model does not need (flowtables, ct helpers, named counters) and
 *   commands that leave the written ruleset as it is (`list`, `reset`, a `flush` or `delete` before
 *   any chain or set) are skipped with a warning, never silently; any other command (`include`,
 *   `add`, a later `flush`) is an InputError at it. `define NAME = VALUE`
 *   is read, and `$NAME` in a later rule stands for its value (placed where the variable is written).
 * - A variable no `define` before it gives is not resolved: a match on one is kept as `other` with a
 *   warning.
 */
import { pushAll } from '../../model/arrays.js';
import { InputError, type InputProblem } from '../../model/errors.js';
import { parseIp, parsePrefixOrAddress } from '../../model/net/cidr.js';
import { toLocation, type SourceFile, type Span } from '../../model/source.js';
import { parsePositionedJson, type PositionedJson } from '../json.js';
import { icmpType, nftProtocol, numberLiteral, servicePort } from '../firewall-common.js';
import { table } from '../../model/table.js';

export type NftVerdictKind = 'accept' | 'drop' | 'reject' | 'return' | 'jump' | 'goto' | 'continue' | 'queue';
export type NftStatementKind = 'nat' | 'log' | 'counter' | 'mark' | 'limit' | 'other';

export interface NftRule {
  family: string;
  table: string;
  chain: string;
  /** 1-based position in its chain. */
  index: number;
  /** From `# handle N` (text, `nft -a`) or the rule's `handle` (JSON). */
  handle?: number;
  span: Span;
  matches: NftMatch[];
  /** Absent when the rule has no verdict: evaluation continues with the next rule. */
  verdict?: { kind: NftVerdictKind; target?: string; span: Span };
  /** `unknown`: a word the parser does not know (warned), which may be a match as well as a statement. */
  statements: Array<{ kind: NftStatementKind; text: string; span: Span; unknown?: true }>;
  comment?: string;
}

export type NftMatch =
  /** Literal prefixes/ranges (`a-b`), an anonymous set's elements, or a named set (`set`, `values` empty). */
  | { kind: 'saddr' | 'daddr'; family: 'ip' | 'ip6'; values: string[]; set?: string; negated: boolean; span: Span }
  /** Inclusive ranges; a named set gives `set` and no ranges. */
  | { kind: 'sport' | 'dport'; proto: 'tcp' | 'udp' | 'th' | 'sctp'; ranges: Array<[number, number]>; set?: string; negated: boolean; span: Span }
  /** ip protocol / meta l4proto / ip6 nexthdr, as written (names or numbers); `family` for the header fields (`ip protocol`: IPv4 packets only). */
  | { kind: 'l4proto'; protocols: string[]; family?: 'ip' | 'ip6'; set?: string; negated: boolean; span: Span }
  | { kind: 'ct-state'; states: string[]; set?: string; negated: boolean; span: Span }
  /** `meta nfproto ipv4`: the packet's family (`ipv4`, `ipv6`), as written. */
  | { kind: 'nfproto'; families: string[]; set?: string; negated: boolean; span: Span }
  /** iif/oif/iifname/oifname (and their `meta` forms), names unquoted. */
  | { kind: 'iif' | 'oif'; names: string[]; set?: string; negated: boolean; span: Span }
  | { kind: 'icmp'; types: string[]; set?: string; span: Span }
  | { kind: 'other'; text: string; span: Span };

export interface NftChain {
  family: string;
  table: string;
  name: string;
  /**
   * Present for base chains; `priority` is numeric (names resolved), `policy` defaults to accept;
   * `devices`, the interfaces an ingress or egress chain is bound to.
   */
  base?: { type: string; hook: string; priority: number; policy: 'accept' | 'drop'; devices?: string[] };
  /** Text: from `chain` to its closing brace; JSON: the `{"chain": …}` object. */
  span: Span;
  rules: NftRule[];
}

/** Named sets and maps (a map's `type` is `key : data`, its elements `key : value`). */
export interface NftSet {
  family: string;
  table: string;
  name: string;
  type: string;
  flags: string[];
  elements: string[];
  span: Span;
}

export interface NftRuleset {
  chains: NftChain[];
  sets: NftSet[];
  problems: InputProblem[];
}

/**
 * A dormant table (`flags dormant`) is off its hooks: its base chains see no packet, so they filter
 * nothing. Read after the references are checked (nft refuses a jump to a base chain all the same),
 * they become regular chains, and a warning at the flag says so.
 */
function applyDormant(out: NftRuleset, dormant: ReadonlyMap<string, Span>): void {
  for (const [key, span] of dormant) {
    const [family, table] = key.split('\0') as [string, string];
    for (const c of out.chains) if (c.family === family && c.table === table) delete c.base;
    out.problems.push({ severity: 'warning', code: 'nftables-dormant', message: `Table ${family} ${table} is dormant (flags dormant): its chains are off their hooks and filter nothing`, location: toLocation(span) });
  }
}

/** True when the text has a `table <family> <name> {` block. */
export function looksLikeNftText(text: string): boolean {
  return /^[ \t]*table[ \t]+(?:(?:ip|ip6|inet|arp|bridge|netdev)[ \t]+)?[A-Za-z0-9_.-]+[ \t]*\{/m.test(text);
}

/** True when the text is a JSON object whose first key is `nftables` holding an array. */
export function looksLikeNftJson(text: string): boolean {
  return /^\uFEFF?\s*\{\s*"nftables"\s*:\s*\[/.test(text);
}

// ---------------------------------------------------------------------------------------------
// Shared vocabulary

const PORT_PROTOS = new Set(['tcp', 'udp', 'th', 'sctp']);
const PRIORITY_NAMES: Record<string, number> = table({ raw: -300, mangle: -150, dstnat: -100, filter: 0, security: 50, srcnat: 100 });
const BRIDGE_PRIORITY_NAMES: Record<string, number> = table({ dstnat: -300, filter: -200, out: 100, srcnat: 300 });
const VERDICTS = new Set<string>(['accept', 'drop', 'reject', 'return', 'jump', 'goto', 'continue', 'queue']);

/**
 * The words nft 1.0.6's scanner reads as keywords wherever a table, chain or set name stands, so
 * that it refuses them as names ("syntax error, unexpected fwd, expecting string"); keywords of a
 * scope of their own (`dport`, `saddr`, `input`, `filter`) are names there. Found by giving nft
 * every word of its manual and of its parser's token table as a chain name.
 */
const NFT_KEYWORDS = new Set([
  'accept', 'add', 'ah', 'all', 'and', 'arp', 'auto-merge', 'bridge', 'cgroup', 'chain', 'comment', 'comp',
  'constant', 'continue', 'counter', 'cpu', 'create', 'ct', 'day', 'dccp', 'define', 'delete', 'describe',
  'device', 'devices', 'dnat', 'drop', 'dst', 'dup', 'dynamic', 'ecn', 'element', 'elements', 'eq', 'esp',
  'ether', 'exists', 'expires', 'export', 'exthdr', 'fib', 'flags', 'flow', 'flowtable', 'flush', 'frag',
  'fwd', 'gc-interval', 'ge', 'get', 'goto', 'gt', 'handle', 'hbh', 'hook', 'hour', 'ibriport', 'ibrname',
  'icmp', 'icmpv6', 'igmp', 'iif', 'iifgroup', 'iifname', 'iiftype', 'import', 'include', 'index', 'inet',
  'insert', 'interval', 'ip', 'ip6', 'ipsec', 'jhash', 'jump', 'le', 'limit', 'list', 'log', 'lt', 'map',
  'mark', 'masquerade', 'meta', 'meter', 'mh', 'missing', 'monitor', 'ne', 'netdev', 'nftrace', 'not',
  'notrack', 'numgen', 'obriport', 'obrname', 'offload', 'oif', 'oifgroup', 'oifname', 'oiftype', 'or',
  'osf', 'pkttype', 'policy', 'position', 'priority', 'queue', 'quota', 'random', 'redefine', 'redirect',
  'reject', 'rename', 'replace', 'reset', 'return', 'rt', 'rt0', 'rt2', 'rtclassid', 'rule', 'ruleset',
  'sctp', 'secmark', 'set', 'size', 'skgid', 'skuid', 'snat', 'socket', 'srh', 'symhash', 'synproxy',
  'table', 'tcp', 'th', 'time', 'timeout', 'tproxy', 'type', 'typeof', 'udp', 'udplite', 'undefine',
  'update', 'vlan', 'vmap', 'xor', 'xt'
]);

/**
 * Why nft 1.0.6 refuses `t` as the name of a table, chain or set (declared, jumped to or named
 * `@t`), or undefined when it reads it: a name is a letter, `_` or `.` and then letters, digits,
 * `/`, `-`, `_` or `.`, unquoted (a quoted string is no name there), and not a keyword.
 */
function nameProblem(t: Tok, what: string): string | undefined {
  if (t.quoted) return `A quoted ${what} name ("${t.v}"): nft refuses it (syntax error, unexpected quoted string)`;
  if (NFT_KEYWORDS.has(t.v)) return `"${t.v}" is a keyword of nft, which refuses it as a ${what} name (syntax error)`;
  if (!/^[A-Za-z_.][A-Za-z0-9/_.-]*$/.test(t.v)) return `"${t.v}" is no ${what} name nft reads (a letter, "_" or "." first, then letters, digits, "/", "-", "_" or ".")`;
  return undefined;
}

/**
 * A name a rule or a verdict map uses that must exist in its table when nft loads it: a chain that a
 * `jump`/`goto` names (in a rule's verdict, an anonymous verdict map's element or a named map's) or
 * a set or map written `@name` (in a match, a `vmap @m`, a concatenation, a set update). `span` is
 * where nft points: the verdict map's element, the `@name`, the verdict.
 */
interface NftReference {
  family: string;
  table: string;
  what: 'chain' | 'set';
  name: string;
  /** For chains, `jump` or `goto`. */
  kind?: 'jump' | 'goto';
  span: Span;
  /** Where in the file's order of declarations it is made (see `Declared`). */
  order: number;
  /** For a set a typed match tests, the datatype the match needs (`ipv4_addr`, `inet_service`, …). */
  datatype?: string;
  /** The chain whose rule makes it; for a verdict map's element, `map` names the map instead. */
  from?: string;
  map?: string;
}

/**
 * The chains and sets (maps among them) a file declares, each with the place in the file's order
 * where it is first declared. nft adds them in that order and refuses a reference to one not added
 * yet: in text, a table block adds its own chains and sets before its rules and map elements (so a
 * block may name what it declares below), but a later block's are not there yet; in JSON, each item
 * is one command, run in turn.
 */
type Declared = Map<string, number>;
const declKey = (what: 'chain' | 'set', family: string, table: string, name: string): string => `${what}\0${family}\0${table}\0${name}`;

/**
 * Throws at the first reference (in file order) that its table does not satisfy when nft reaches
 * it: a chain or set not declared by then ("No such file or directory"; a later block's or item's
 * declaration is too late), or a jump or goto to a base chain ("Operation not supported": only its
 * hook enters a base chain).
 */
function checkReferences(out: NftRuleset, refs: NftReference[], declared: Declared): void {
  for (const ref of [...refs].sort((a, b) => a.span.start - b.span.start)) {
    const where = `table ${ref.family} ${ref.table}`;
    const at = declared.get(declKey(ref.what, ref.family, ref.table, ref.name));
    const said = ref.what === 'set' ? `@${ref.name}` : `${ref.kind} ${ref.name}`;
    if (at === undefined) throw new InputError('nftables', `${said}: ${where} has no ${ref.what} ${ref.name} (nft refuses the rule)`, ref.span);
    if (at > ref.order) throw new InputError('nftables', `${said}: ${where} declares ${ref.what} ${ref.name} only in a later block or command (nft refuses the rule)`, ref.span);
    if (ref.what === 'set') {
      const set = out.sets.find((x) => x.family === ref.family && x.table === ref.table && x.name === ref.name);
      const has = set && setDatatype(set.type);
      if (ref.datatype !== undefined && has !== undefined && has !== ref.datatype)
        throw new InputError('nftables', `@${ref.name}: set ${ref.name} holds ${has}, the match needs ${ref.datatype} (nft refuses the rule: "datatype mismatch")`, ref.span);
      continue;
    }
    const target = out.chains.find((x) => x.family === ref.family && x.table === ref.table && x.name === ref.name);
    if (target?.base) throw new InputError('nftables', `${ref.kind} ${ref.name}: ${ref.name} is a base chain of ${where}, which only its hook enters (nft refuses the rule)`, ref.span);
  }
  checkLoops(out, refs);
}

/**
 * Throws when the chains that a base chain reaches by jump and goto (in rules and verdict maps, a
 * named map's elements counting for each chain that uses the map) go round in a loop: the kernel
 * refuses the ruleset when nft loads it ("Too many links"), though `nft -c` passes it. A loop no
 * base chain reaches is loaded. The error is at the jump that closes the loop.
 */
function checkLoops(out: NftRuleset, refs: NftReference[]): void {
  const key = (family: string, table: string, chain: string): string => `${family}\0${table}\0${chain}`;
  const edges = new Map<string, NftReference[]>();
  const add = (from: string, ref: NftReference): void => void (edges.get(from) ?? edges.set(from, []).get(from)!).push(ref);
  for (const ref of refs) {
    if (ref.from === undefined) continue;
    if (ref.what === 'chain') add(key(ref.family, ref.table, ref.from), ref);
    else for (const e of refs) if (e.what === 'chain' && e.map === ref.name && e.family === ref.family && e.table === ref.table) add(key(ref.family, ref.table, ref.from), e);
  }
  const done = new Set<string>();
  const visit = (node: string, path: string[]): void => {
    if (done.has(node)) return;
    for (const ref of edges.get(node) ?? []) {
      const next = key(ref.family, ref.table, ref.name);
      const names = [...path, ref.name];
      const at = path.indexOf(ref.name);
      if (at !== -1) throw loop(ref, names.slice(at));
      visit(next, names);
    }
    done.add(node);
  };
  const loop = (ref: NftReference, names: string[]): InputError =>
    new InputError('nftables', `${ref.kind} ${ref.name}: the chains ${names.join(' → ')} jump round in a loop a base chain reaches: the kernel refuses the ruleset when nft loads it ("Too many links")`, ref.span);
  for (const c of out.chains) if (c.base) visit(key(c.family, c.table, c.name), [c.name]);
}

/** The datatypes of the expressions a set may be declared `typeof`. */
const TYPEOF_DATATYPES: Readonly<Record<string, string>> = table({
  'ip saddr': 'ipv4_addr', 'ip daddr': 'ipv4_addr', 'ip6 saddr': 'ipv6_addr', 'ip6 daddr': 'ipv6_addr',
  'meta l4proto': 'inet_proto', 'ip protocol': 'inet_proto', 'ip6 nexthdr': 'inet_proto', 'ct state': 'ct_state', 'meta nfproto': 'nf_proto',
  'meta iifname': 'ifname', 'meta oifname': 'ifname', iifname: 'ifname', oifname: 'ifname', 'meta iif': 'iface_index', 'meta oif': 'iface_index',
  iif: 'iface_index', oif: 'iface_index', 'icmp type': 'icmp_type', 'icmpv6 type': 'icmpv6_type',
  ...Object.fromEntries(['tcp', 'udp', 'th', 'sctp', 'dccp', 'udplite'].flatMap((p) => [[`${p} sport`, 'inet_service'], [`${p} dport`, 'inet_service']])),
});

/** The datatype of a set's elements from its `type` or `typeof`; undefined for a concatenation, a map or one not known here. */
function setDatatype(type: string): string | undefined {
  const t = type.trim();
  if (t.includes(':') || t.includes('.')) return undefined;
  return /^[a-z0-9_]+$/.test(t) ? t : TYPEOF_DATATYPES[t.replace(/\s+/g, ' ')];
}

/** The datatype a typed match needs of a named set it tests (`text`: the match as written). */
function matchDatatype(m: NftMatch, text: string): string | undefined {
  switch (m.kind) {
    case 'saddr':
    case 'daddr':
      return m.family === 'ip' ? 'ipv4_addr' : 'ipv6_addr';
    case 'sport':
    case 'dport':
      return 'inet_service';
    case 'l4proto':
      return 'inet_proto';
    case 'ct-state':
      return 'ct_state';
    case 'nfproto':
      return 'nf_proto';
    case 'iif':
    case 'oif':
      return /^\s*(?:meta\s+)?[io]ifname\b/.test(text) ? 'ifname' : 'iface_index';
    case 'icmp':
      return /^\s*icmpv6\b/.test(text) ? 'icmpv6_type' : 'icmp_type';
    default:
      return undefined;
  }
}

/**
 * The references among a rule's or a map's words: each unquoted `jump`/`goto` with the word after
 * it (inside braces, a verdict map's element: its span runs from the element's key), and each
 * `@name` other than a raw payload's base (`@th,16,16`) or a flowtable (`flow add @ft`, `flow
 * offload @ft`).
 */
function textReferences(file: SourceFile, family: string, table: string, words: Tok[], order: number): NftReference[] {
  const refs: NftReference[] = [];
  let depth = 0;
  let elementStart = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w.quoted) continue;
    if (w.v === '{') {
      depth++;
      elementStart = k + 1;
    } else if (w.v === '}') depth--;
    else if (w.v === ',') elementStart = k + 1;
    else if ((w.v === 'jump' || w.v === 'goto') && words[k + 1] !== undefined) {
      const t = words[k + 1]!;
      const problem = nameProblem(t, 'chain');
      if (problem) throw new InputError('nftables', problem, { file, start: t.start, end: t.end });
      const from = depth > 0 ? words[elementStart]! : w;
      refs.push({ family, table, what: 'chain', name: t.v, kind: w.v, span: { file, start: from.start, end: t.end }, order });
    } else if (w.v.length > 1 && w.v.startsWith('@') && !(words[k + 1]?.v === ',' && !words[k + 1]!.quoted) && !(words[k - 1]?.v === 'offload' || (words[k - 1]?.v === 'add' && words[k - 2]?.v === 'flow'))) {
      const problem = nameProblem({ ...w, v: w.v.slice(1) }, 'set');
      if (problem) throw new InputError('nftables', problem, { file, start: w.start, end: w.end });
      refs.push({ family, table, what: 'set', name: w.v.slice(1), span: { file, start: w.start, end: w.end }, order });
    }
  }
  return refs;
}

// ---------------------------------------------------------------------------------------------
// Text

interface Tok {
  /** Word text (quotes removed for strings), or one of `{ } ; , \n`. */
  v: string;
  start: number;
  end: number;
  quoted: boolean;
}

/** Splits nft text into words, strings and punctuation; `#` comments are returned separately. */
function tokenize(file: SourceFile): { toks: Tok[]; comments: Tok[] } {
  const s = file.text;
  const toks: Tok[] = [];
  const comments: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '\r') {
      // nft's scanner has no rule for a carriage return outside a string or comment: a file with CRLF
      // line endings is refused at its first line ("syntax error, unexpected junk").
      throw new InputError('nftables', 'A carriage return (a CRLF line ending): nft refuses it ("syntax error, unexpected junk")', { file, start: i, end: i + 1 });
    } else if (c === '\\' && s[i + 1] === '\n') {
      i += 2; // line continuation
    } else if (c === '#') {
      let j = s.indexOf('\n', i);
      if (j === -1) j = s.length;
      comments.push({ v: s.slice(i + 1, j).trim(), start: i, end: j, quoted: false });
      i = j;
    } else if (c === '\n' || c === '{' || c === '}' || c === ';' || c === ',') {
      toks.push({ v: c, start: i, end: i + 1, quoted: false });
      i++;
    } else if (c === '"') {
      const j = s.indexOf('"', i + 1);
      const nl = s.indexOf('\n', i + 1);
      if (j === -1 || (nl !== -1 && nl < j)) throw new InputError('nftables', 'Unterminated string', { file, start: i, end: i + 1 });
      toks.push({ v: s.slice(i + 1, j), start: i, end: j + 1, quoted: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < s.length && !' \t\r\n{};,"#'.includes(s[j]!)) j++;
      toks.push({ v: s.slice(i, j), start: i, end: j, quoted: false });
      i = j;
    }
  }
  return { toks, comments };
}

/** Parses `nft list ruleset` output (also `nft -a` handles, and scripts' `table`/`chain` blocks). */
export function parseNftText(file: SourceFile): NftRuleset {
  return new TextParser(file).parse();
}

class TextParser {
  private readonly toks: Tok[];
  private readonly comments: Tok[];
  private p = 0;
  private readonly out: NftRuleset = { chains: [], sets: [], problems: [] };
  /** Dormant tables ("family\0name") and where their flag is written. */
  private readonly dormant = new Map<string, Span>();
  /** `define NAME = VALUE` of the script so far (nft -f); uses read as `$NAME`. */
  private readonly defines = new Map<string, Tok[]>();
  /** Chains and sets that rules and verdict maps name, checked once the file is read. */
  private readonly refs: NftReference[] = [];
  private readonly declared: Declared = new Map();
  /** The table blocks opened so far: the order of declarations and references (see `Declared`). */
  private block = 0;

  constructor(private readonly file: SourceFile) {
    ({ toks: this.toks, comments: this.comments } = tokenize(file));
  }

  private err(msg: string, t?: Tok): never {
    const at = t ?? this.toks[this.toks.length - 1];
    const span = at ? { file: this.file, start: at.start, end: at.end } : { file: this.file, start: 0, end: 0 };
    throw new InputError('nftables', msg, span);
  }
  private warn(msg: string, start: number, end: number): void {
    this.out.problems.push({ severity: 'warning', code: 'nftables-unknown', message: msg, location: toLocation({ file: this.file, start, end }) });
  }
  private peek(): Tok | undefined {
    return this.toks[this.p];
  }
  private skipSeps(): void {
    while (this.p < this.toks.length && (this.toks[this.p]!.v === '\n' || this.toks[this.p]!.v === ';') && !this.toks[this.p]!.quoted) this.p++;
  }
  private isPunct(t: Tok | undefined, v: string): boolean {
    return t !== undefined && !t.quoted && t.v === v;
  }
  /**
   * The next item of the `{ … }` block that `kw` opened, separators skipped; undefined once its `}`
   * is consumed (then `this.toks[this.p - 1]` is that brace). The file ending first is an error at `kw`.
   */
  private nextInBlock(kw: Tok, what: string): Tok | undefined {
    this.skipSeps();
    const t = this.peek();
    if (!t) this.err(`${what} block is not closed`, kw);
    if (!this.isPunct(t, '}')) return t;
    // nft ends every item of a table or chain block with a newline or `;` (an empty block aside): a
    // `}` right after a rule or a nested block is refused, so a ruleset written so was never loaded.
    // (Set and map blocks are laxer: `elements = { … } }` passes.)
    const before = this.toks[this.p - 1];
    if ((what === 'Table' || what === 'Chain') && before && !before.quoted && before.v !== '{' && before.v !== '\n' && before.v !== ';') {
      this.err(`syntax error, unexpected "}", expecting newline or semicolon`, t);
    }
    this.p++;
    return undefined;
  }
  /** Tokens up to the end of the line or `;` at brace depth 0 (a `}` at depth 0 ends too, unconsumed). */
  private line(): Tok[] {
    const out: Tok[] = [];
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (!t) {
        if (depth > 0) this.err('Unbalanced "{"', out[0]);
        return out;
      }
      if (!t.quoted) {
        if (depth === 0 && (t.v === '\n' || t.v === ';')) return out;
        if (t.v === '{') depth++;
        if (t.v === '}') {
          if (depth === 0) return out;
          depth--;
        }
      }
      out.push(t);
      this.p++;
    }
  }
  parse(): NftRuleset {
    for (;;) {
      this.skipSeps();
      const t = this.peek();
      if (!t) return this.references();
      if (this.isPunct(t, '}')) this.err('Unbalanced "}"', t);
      if (!t.quoted && t.v === 'table') {
        this.p++;
        this.table(t);
        continue;
      }
      const words = this.line();
      if (this.isPunct(this.peek(), '}')) this.err('Unbalanced "}"', this.peek());
      const last = words[words.length - 1]!;
      if (!t.quoted && t.v === 'define') this.define(words);
      // Commands that leave the ruleset as the table blocks write it are passed over: listing,
      // resetting counters, and a flush or delete before any chain or set is written (clearing what
      // was there before the script, its usual first lines). Any other changes the ruleset outside
      // the blocks (a rule added, a chain deleted after it is written, a file included): read as
      // nothing, it would make the ruleset look other than it is.
      else if (['reset', 'list'].includes(t.v) || (['flush', 'delete', 'destroy'].includes(t.v) && this.out.chains.length === 0 && this.out.sets.length === 0))
        this.warn(`nftables command "${t.v}" is not read (only table blocks are)`, t.start, last.end);
      else if (['flush', 'include', 'add', 'delete', 'destroy', 'create', 'insert', 'replace'].includes(t.v))
        this.err(`nftables command "${t.v}" changes the ruleset outside a table block, which gridfence does not follow: give the ruleset as \`nft list ruleset\` prints it`, t);
      else this.err(`Unexpected "${t.v}" outside a table`, t);
    }
  }

  /** The chains and sets that rules and verdict maps name exist when nft reaches them (checkReferences). */
  private references(): NftRuleset {
    checkReferences(this.out, this.refs, this.declared);
    applyDormant(this.out, this.dormant);
    return this.out;
  }

  private table(kw: Tok): void {
    const a = this.peek();
    if (!a || a.quoted || '{};\n,'.includes(a.v)) this.err('Expected a table family and name after "table"', a ?? kw);
    this.p++;
    let family = 'ip';
    let name = a.v;
    const b = this.peek();
    if (b && (b.quoted || !'{};\n,'.includes(b.v))) {
      family = a.v;
      name = b.v;
      this.p++;
    }
    if (!['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'].includes(family)) this.err(`Unknown table family "${family}"`, a);
    const nameAt = this.toks[this.p - 1]!;
    const problem = nameProblem(nameAt, 'table');
    if (problem) this.err(problem, nameAt);
    if (!this.isPunct(this.peek(), '{')) return; // a declaration (`table inet x` in a script)
    this.p++;
    this.block++;
    for (;;) {
      const t = this.nextInBlock(kw, 'Table');
      if (!t) return;
      if (!t.quoted && t.v === 'chain') {
        this.p++;
        this.chain(family, name, t);
      } else if (!t.quoted && (t.v === 'set' || t.v === 'map')) {
        this.p++;
        this.set(family, name, t);
      } else {
        // Flowtables, ct helpers, named counters, …: the whole line or block is consumed by line().
        const words = this.line();
        if (words.length === 0) this.err(`Unexpected "${t.v}"`, t);
        const last = words[words.length - 1]!;
        if (t.v === 'flags' && words.some((w) => !w.quoted && w.v === 'dormant')) this.dormant.set(`${family}\0${name}`, { file: this.file, start: t.start, end: last.end });
        if (['flags', 'comment'].includes(t.v)) continue;
        if (!t.quoted && t.v === 'define') {
          this.define(words);
          continue;
        }
        this.warn(`Table object "${words.slice(0, Math.max(1, words.findIndex((w) => this.isPunct(w, '{')) >>> 0)).filter((w) => !w.quoted && !'{},\n='.includes(w.v)).slice(0, 3).map((w) => w.v).join(' ')}" is not read`, t.start, last.end);
      }
    }
  }

  private chain(family: string, table: string, kw: Tok): void {
    const nameTok = this.peek();
    if (!nameTok || (!nameTok.quoted && '{};\n,'.includes(nameTok.v))) this.err('Expected a chain name', nameTok ?? kw);
    const problem = nameProblem(nameTok, 'chain');
    if (problem) this.err(problem, nameTok);
    this.p++;
    if (!this.isPunct(this.peek(), '{')) {
      this.line(); // a declaration (`chain inet t c` style is not used inside tables; tolerate a bare name)
      return;
    }
    this.p++;
    // A table block may be opened again (nft -f): a chain written twice is one chain, its later rules
    // appended to the earlier ones and its base declaration kept unless given again.
    const earlier = this.out.chains.find((c) => c.family === family && c.table === table && c.name === nameTok.v);
    const chain: NftChain = earlier ?? { family, table, name: nameTok.v, span: { file: this.file, start: kw.start, end: kw.end }, rules: [] };
    if (!earlier) {
      this.out.chains.push(chain);
      this.declared.set(declKey('chain', family, table, nameTok.v), this.block);
    }
    let type: string | undefined;
    let hook: string | undefined;
    let priority: number | undefined;
    let policy: 'accept' | 'drop' | undefined;
    let typeTok: Tok | undefined;
    let priorityName: string | undefined;
    let devices: string[] | undefined;
    for (;;) {
      const t = this.nextInBlock(kw, 'Chain');
      if (!t) {
        if (!earlier) chain.span = { file: this.file, start: kw.start, end: this.toks[this.p - 1]!.end };
        break;
      }
      const words = this.line();
      if (words.length === 0) continue;
      const w0 = words[0]!;
      if (!w0.quoted && w0.v === 'type') {
        typeTok = w0;
        type = words[1]?.v;
        for (let k = 2; k < words.length; k++) {
          const w = words[k]!;
          if (w.v === 'hook') hook = words[++k]?.v;
          else if (w.v === 'priority') {
            const rest = words.slice(k + 1);
            priority = this.priority(rest, family, w);
            priorityName = /^[a-z]+/.exec(rest.map((x) => x.v).join(''))?.[0];
            break;
          } else if (w.v === 'device') {
            const d = words[++k];
            if (d) (devices ??= []).push(d.v);
          } else if (w.v === 'devices') k = this.deviceList(words, k, (devices ??= []));
        }
        if (!type || !hook) this.err('A base chain needs "type TYPE hook HOOK"', w0);
        if (priority === undefined) this.err('A base chain needs a priority', w0);
      } else if (!w0.quoted && w0.v === 'policy') {
        const v = words[1]?.v;
        if (v !== 'accept' && v !== 'drop') this.err(`Bad chain policy "${v ?? ''}"`, words[1] ?? w0);
        policy = v;
      } else if (!w0.quoted && w0.v === 'device') {
        if (words[1]) (devices ??= []).push(words[1].v);
      } else if (!w0.quoted && w0.v === 'devices') {
        this.deviceList(words, 0, (devices ??= []));
      } else if (!w0.quoted && (w0.v === 'comment' || w0.v === 'flags')) {
        continue;
      } else {
        chain.rules.push(this.rule(chain, words));
      }
    }
    if (typeTok && type && hook) this.baseChain(family, type, hook, priorityName, devices !== undefined, typeTok);
    if (policy && !typeTok && !chain.base) this.err('A policy needs a base chain (type … hook …)', kw);
    if (policy && !typeTok && chain.base) chain.base.policy = policy;
    if (type && hook && priority !== undefined) chain.base = { type, hook, priority, policy: policy ?? chain.base?.policy ?? 'accept' };
    if (chain.base && devices) chain.base.devices = devices;
  }

  /**
   * A base chain's type, hook and priority name as nft and the kernel take them: the types filter,
   * nat (ip, ip6, inet; prerouting, input, output, postrouting) and route (ip, ip6, inet; output);
   * each family's hooks; an ingress or egress chain bound to a device; a priority name valid for
   * the hook (dstnat in prerouting, srcnat in postrouting, bridge's out in output, raw not for nat,
   * netdev's and arp's filter only). What nft refuses is an error at the `type` line.
   */
  private baseChain(family: string, type: string, hook: string, priorityName: string | undefined, bound: boolean, at: Tok): void {
    if (!['filter', 'nat', 'route'].includes(type)) this.err(`Unknown chain type "${type}": nft refuses it`, at);
    const IP_HOOKS = ['prerouting', 'input', 'forward', 'output', 'postrouting'];
    const hooks: Readonly<Record<string, string[]>> = table({ ip: IP_HOOKS, ip6: IP_HOOKS, inet: [...IP_HOOKS, 'ingress'], bridge: IP_HOOKS, arp: ['input', 'output'], netdev: ['ingress', 'egress'] });
    if (!hooks[family]?.includes(hook)) this.err(`The ${family} family has no hook "${hook}": nft refuses the chain`, at);
    const ipFamily = ['ip', 'ip6', 'inet'].includes(family);
    if (type === 'nat' && !(ipFamily && ['prerouting', 'input', 'output', 'postrouting'].includes(hook))) this.err(`A nat chain cannot hook ${family} ${hook}: the kernel refuses it ("Operation not supported")`, at);
    if (type === 'route' && !(ipFamily && hook === 'output')) this.err(`A route chain hooks output only (of ip, ip6 or inet), not ${family} ${hook}: the kernel refuses it ("Operation not supported")`, at);
    if ((hook === 'ingress' || hook === 'egress') && !bound) this.err(`An ${hook} chain needs a device: nft refuses it ("Missing \`device' in this chain definition")`, at);
    if (priorityName === undefined) return;
    const names =
      family === 'bridge' ? ['filter', ...(hook === 'prerouting' ? ['dstnat'] : hook === 'output' ? ['out'] : hook === 'postrouting' ? ['srcnat'] : [])]
      : family === 'arp' || family === 'netdev' ? ['filter']
      : [...(type === 'nat' ? [] : ['raw']), 'mangle', 'filter', 'security', ...(hook === 'prerouting' ? ['dstnat'] : hook === 'postrouting' ? ['srcnat'] : [])];
    if (!names.includes(priorityName)) this.err(`Priority "${priorityName}" does not suit a ${type} chain of family ${family} in ${hook} (it takes ${names.join(', ')}): nft refuses it ("invalid priority expression value in this context")`, at);
  }

  /** `devices = { eth0, "eth1" }` from the word at `k` on: the names into `out`; the index of its last word. */
  private deviceList(words: Tok[], k: number, out: string[]): number {
    let i = k + 1;
    while (i < words.length && (words[i]!.v === '=' || words[i]!.v === '{')) i++;
    for (; i < words.length && words[i]!.v !== '}'; i++) if (words[i]!.v !== ',') out.push(words[i]!.v);
    return i;
  }

  /** `0`, `-150`, `filter`, `mangle - 5`, `dstnat+10`; names per family (bridge has its own). */
  private priority(words: Tok[], family: string, kw: Tok): number {
    const text = words.map((w) => w.v).join('');
    const m = /^([a-z]+)?([+-]?\d+)?$/.exec(text);
    if (!m || (!m[1] && !m[2])) this.err(`Bad chain priority "${text}"`, words[0] ?? kw);
    let base = 0;
    if (m[1]) {
      const names = family === 'bridge' ? BRIDGE_PRIORITY_NAMES : PRIORITY_NAMES;
      const v = names[m[1]];
      if (v === undefined) this.err(`Unknown priority name "${m[1]}"`, words[0]);
      base = v;
      if (m[2] && !/^[+-]/.test(m[2])) this.err(`Bad chain priority "${text}"`, words[0]);
    }
    return base + (m[2] ? Number(m[2]) : 0);
  }

  private set(family: string, table: string, kw: Tok): void {
    const nameTok = this.peek();
    if (!nameTok || (!nameTok.quoted && '{};\n,'.includes(nameTok.v))) this.err(`Expected a ${kw.v} name`, nameTok ?? kw);
    const problem = nameProblem(nameTok, kw.v);
    if (problem) this.err(problem, nameTok);
    this.p++;
    if (!this.isPunct(this.peek(), '{')) this.err(`Expected "{" after ${kw.v} ${nameTok.v}`, this.peek() ?? nameTok);
    this.p++;
    const earlier = this.out.sets.find((x) => x.family === family && x.table === table && x.name === nameTok.v);
    const set: NftSet = { family, table, name: nameTok.v, type: '', flags: [], elements: [], span: { file: this.file, start: kw.start, end: kw.end } };
    for (;;) {
      if (!this.nextInBlock(kw, kw.v)) {
        set.span = { file: this.file, start: kw.start, end: this.toks[this.p - 1]!.end };
        break;
      }
      const words = this.line();
      const w0 = words[0];
      if (!w0) continue;
      if (w0.v === 'type' || w0.v === 'typeof') set.type = words.slice(1).map((w) => w.v).join(' ');
      else if (w0.v === 'flags') set.flags.push(...words.slice(1).filter((w) => w.v !== ',').map((w) => w.v));
      else if (w0.v === 'elements') {
        if (words[1]?.v !== '=' || !this.isPunct(words[2], '{')) this.err('Expected "elements = { … }"', words[1] ?? w0);
        // Variables stand for their values here too, and a set among the elements (`{ $lan, 10.9.0.1 }`
        // with `define lan = { … }`) gives its own elements, as nft flattens it.
        const inner = this.substitute(words.slice(3, -1)).filter((w) => !this.isPunct(w, '{') && !this.isPunct(w, '}'));
        pushAll(set.elements, groupItems(inner).map((it) => joined(it).v)); // a blocklist set may hold hundreds of thousands
        // A verdict map's elements name the chains they jump or go to.
        if (kw.v === 'map') this.refs.push(...textReferences(this.file, family, table, [words[2]!, ...inner, words[words.length - 1]!], this.block).map((x) => ({ ...x, map: nameTok.v })));
      }
    }
    if (earlier) {
      // A set written again adds its elements to the earlier declaration.
      pushAll(earlier.elements, set.elements);
      return;
    }
    if (!set.type) this.err(`${kw.v} ${set.name} has no type`, kw);
    this.out.sets.push(set);
    this.declared.set(declKey('set', family, table, set.name), this.block);
  }

  /** `define NAME = VALUE`: the value's tokens, with earlier variables already substituted. */
  private define(words: Tok[]): void {
    const name = words[1];
    if (!name || name.quoted || !this.isPunct(words[2], '=') || words.length < 4) this.err('Expected "define NAME = VALUE"', name ?? words[0]!);
    // nft refuses a second define of a name ("redefinition of symbol"; `redefine` is the command for it).
    if (this.defines.has(name!.v)) this.err(`redefinition of symbol "${name!.v}": nft refuses a second define of it`, name);
    this.defines.set(name!.v, this.substitute(words.slice(3)));
  }

  /** `$NAME` replaced by its definition, placed where the variable is written; unknown variables stay (and are warned about as matches). */
  private substitute(words: Tok[]): Tok[] {
    if (!this.defines.size || !words.some((w) => !w.quoted && w.v.startsWith('$'))) return words;
    return words.flatMap((w) => {
      const value = !w.quoted && w.v.startsWith('$') ? this.defines.get(w.v.slice(1)) : undefined;
      return value ? value.map((x) => ({ ...x, start: w.start, end: w.end })) : [w];
    });
  }

  private rule(chain: NftChain, input: Tok[]): NftRule {
    const words = this.substitute(input);
    const first = words[0]!;
    const last = words[words.length - 1]!;
    const rule: NftRule = {
      family: chain.family, table: chain.table, chain: chain.name, index: chain.rules.length + 1,
      span: { file: this.file, start: first.start, end: last.end }, matches: [], statements: [],
    };
    // `nft -a` prints the handle as a comment on the rule's line.
    const lineEnd = this.file.text.indexOf('\n', last.end);
    const c = this.comments.find((x) => x.start >= last.end && (lineEnd === -1 || x.start < lineEnd));
    const h = c && /^handle\s+(\d+)$/.exec(c.v);
    if (h) rule.handle = Number(h[1]);
    new RuleReader(this.file, words, rule, (m, s, e) => this.warn(m, s, e)).read();
    // The sets its typed matches test (located at the match), then the chains of its verdict and
    // verdict maps and the sets it names otherwise.
    const typed = rule.matches.flatMap((m) => ('set' in m && m.set !== undefined ? [{ name: m.set, span: m.span, match: m }] : []));
    for (const t of typed) {
      const datatype = matchDatatype(t.match, this.file.text.slice(t.span.start, t.span.end));
      this.refs.push({ family: chain.family, table: chain.table, what: 'set', name: t.name, span: t.span, order: this.block, from: chain.name, ...(datatype ? { datatype } : {}) });
    }
    this.refs.push(
      ...textReferences(this.file, chain.family, chain.table, words, this.block)
        .filter((x) => x.what === 'chain' || !typed.some((t) => t.span.start <= x.span.start && x.span.end <= t.span.end))
        .map((x) => ({ ...x, from: chain.name })),
    );
    return rule;
  }
}

/**
 * One set element as a single token: `a - b` (a range written with spaces) becomes `a-b`, and `a / n`
 * (`a /n`, `a/ n`: a prefix written with spaces) `a/n`; any other element of several words keeps
 * them all, space-separated, so that it is read whole or refused, never cut to its first word.
 */
function joined(item: Tok[]): Tok {
  if (item.length === 1) return item[0]!;
  const range = item.length === 3 && !item[1]!.quoted && item[1]!.v === '-';
  return { v: item.map((t) => t.v).join(range || spacedPrefix(item) ? '' : ' '), start: item[0]!.start, end: item[item.length - 1]!.end, quoted: false };
}

/** True for the words of a prefix written with spaces around its `/` (`10.0.0.0 / 8`, `1024 /6`). */
function spacedPrefix(item: Tok[]): boolean {
  if (item.some((t) => t.quoted) || !/^[^/\s]+\/[^/\s]+$/.test(item.map((t) => t.v).join(''))) return false;
  if (item.length === 3) return item[1]!.v === '/';
  return item.length === 2 && (item[0]!.v.endsWith('/') || item[1]!.v.startsWith('/'));
}

/** Splits `a, b : c, { … }` items on top-level commas. */
function groupItems(words: Tok[]): Tok[][] {
  const items: Tok[][] = [];
  let cur: Tok[] = [];
  let depth = 0;
  for (const w of words) {
    if (!w.quoted && w.v === '{') depth++;
    if (!w.quoted && w.v === '}') depth--;
    if (!w.quoted && w.v === ',' && depth === 0) {
      if (cur.length) items.push(cur);
      cur = [];
    } else if (!(!w.quoted && w.v === '\n')) cur.push(w);
  }
  if (cur.length) items.push(cur);
  return items;
}

const OPS = new Set(['==', '!=', '<', '>', '<=', '>=', 'eq', 'ne', 'lt', 'gt', 'le', 'ge']);

class RuleReader {
  private i = 0;
  constructor(
    private readonly file: SourceFile,
    private readonly w: Tok[],
    private readonly rule: NftRule,
    private readonly warn: (msg: string, start: number, end: number) => void,
  ) {}

  private span(a: number, b: number): Span {
    return { file: this.file, start: this.w[a]!.start, end: this.w[b - 1]!.end };
  }
  private text(a: number, b: number): string {
    return this.file.text.slice(this.w[a]!.start, this.w[b - 1]!.end);
  }
  private err(msg: string, k: number): never {
    const t = this.w[Math.min(k, this.w.length - 1)]!;
    throw new InputError('nftables', msg, { file: this.file, start: t.start, end: t.end });
  }
  /** An error at a value's token (a set element joined from several words is not one of `w`). */
  private errAt(msg: string, t: Tok): never {
    throw new InputError('nftables', msg, { file: this.file, start: t.start, end: t.end });
  }
  private at(k: number): string | undefined {
    const t = this.w[k];
    return t && !t.quoted ? t.v : undefined;
  }

  /** Reads a value starting at `k`: `{ … }` group, or words joined by top-level commas. Returns [items, end]. */
  private value(k: number): { items: Tok[]; end: number } {
    if (k >= this.w.length) this.err('Expected a value', k);
    if (this.at(k) === '{') {
      let depth = 0;
      let j = k;
      for (; j < this.w.length; j++) {
        if (this.at(j) === '{') depth++;
        else if (this.at(j) === '}' && --depth === 0) break;
      }
      if (j >= this.w.length) this.err('Unbalanced "{"', k);
      // A set inside the set (a variable holding one: `{ $admins, 10.0.0.7 }`) gives its elements, as nft flattens it.
      const inner = this.w.slice(k + 1, j).filter((t) => t.quoted || (t.v !== '{' && t.v !== '}'));
      return { items: groupItems(inner).map((it) => joined(it)), end: j + 1 };
    }
    const items: Tok[] = [];
    let j = k;
    for (;;) {
      // `a - b` written with spaces is one range, as `a-b` is (nft prints it without them); so is
      // `a / n` one prefix.
      const spaced = this.at(j + 1) === '-' && this.w[j + 2] !== undefined && !this.w[j + 2]!.quoted;
      const prefix = [3, 2].find((n) => j + n <= this.w.length && spacedPrefix(this.w.slice(j, j + n))) ?? 0;
      items.push(spaced ? joined(this.w.slice(j, j + 3)) : prefix ? joined(this.w.slice(j, j + prefix)) : this.w[j]!);
      j += spaced ? 3 : prefix || 1;
      if (this.at(j) !== ',' || !this.w[j + 1]) break;
      j++;
    }
    return { items, end: j };
  }

  /** Index after the generic unknown statement starting at `k`: up to the next known starter or verdict. */
  private skipUnknown(k: number): number {
    let j = k + 1;
    let depth = 0;
    for (; j < this.w.length; j++) {
      const v = this.at(j);
      if (v === '{') depth++;
      else if (v === '}') depth--;
      else if (depth === 0 && v !== undefined && (VERDICTS.has(v) || STATEMENT_STARTS.has(v) || MATCH_STARTS.has(v))) break;
    }
    return j;
  }

  read(): void {
    const r = this.rule;
    while (this.i < this.w.length) {
      const k = this.i;
      const v = this.at(k);
      if (v === undefined) this.err(`Unexpected string "${this.w[k]!.v}"`, k);
      if (v === ',' || v === '{' || v === '}') this.err(`Unexpected "${v}"`, k);
      if (r.verdict && v !== 'comment') this.err(`Statement after the verdict "${r.verdict.kind}"`, k);
      if (v === 'comment') {
        const c = this.w[k + 1];
        if (!c) this.err('Expected a comment string', k);
        r.comment = c.v;
        this.i = k + 2;
      } else if (VERDICTS.has(v)) this.verdict(k, v);
      else if (STATEMENT_STARTS.has(v) && this.statement(k, v)) {
        /* read */
      } else if (MATCH_STARTS.has(v)) this.match(k, v);
      else {
        const e = this.skipUnknown(k);
        r.statements.push({ kind: 'other', text: this.text(k, e), span: this.span(k, e), unknown: true });
        this.warn(`Unknown nftables statement "${v}" kept as other`, this.w[k]!.start, this.w[e - 1]!.end);
        this.i = e;
      }
    }
  }

  private verdict(k: number, v: string): void {
    let e = k + 1;
    let target: string | undefined;
    if (v === 'jump' || v === 'goto') {
      const t = this.w[k + 1];
      if (!t || (!t.quoted && '{},'.includes(t.v))) this.err(`Expected a chain after "${v}"`, k);
      target = t.v;
      e = k + 2;
    } else if (v === 'reject' || v === 'queue') {
      // reject with icmp type X / tcp reset; queue num N bypass …
      while (e < this.w.length && this.at(e) !== 'comment') e++;
    }
    this.rule.verdict = { kind: v as NftVerdictKind, ...(target !== undefined ? { target } : {}), span: this.span(k, e) };
    this.i = e;
  }

  /** Non-terminal statements; false when `v` is not one here (`mark`/`ct`/`meta` may be a match). */
  private statement(k: number, v: string): boolean {
    const push = (kind: NftStatementKind, e: number): true => {
      this.rule.statements.push({ kind, text: this.text(k, e), span: this.span(k, e) });
      this.i = e;
      return true;
    };
    const untilStarter = (from: number, args: Set<string>): number => {
      let e = from;
      while (e < this.w.length) {
        const a = this.at(e);
        if (a !== undefined && args.has(a) && e + 1 < this.w.length) e += 2;
        else break;
      }
      return e;
    };
    switch (v) {
      case 'counter':
        return push('counter', untilStarter(k + 1, new Set(['packets', 'bytes'])));
      case 'log': {
        let e = k + 1;
        for (;;) {
          const a = this.at(e);
          if (a === 'prefix' || a === 'level' || a === 'group' || a === 'snaplen' || a === 'queue-threshold') e += 2;
          else if (a === 'flags') {
            e += 2;
            while (this.at(e) === ',') e += 2;
          } else break;
        }
        if (e > this.w.length) this.err('Expected an argument', this.w.length - 1);
        return push('log', e);
      }
      case 'limit': {
        let e = k + 1;
        const limitWord = (a: string): boolean =>
          ['rate', 'over', 'burst', 'until'].includes(a) || /^\d/.test(a) || a.startsWith('/') || /^(?:packets|bytes|[kmg]?bytes(?:\/\w+)?|\/?(?:second|minute|hour|day|week))$/.test(a);
        while (limitWord(this.at(e) ?? '')) e++;
        return push('limit', e);
      }
      case 'snat': case 'dnat': case 'masquerade': case 'redirect': {
        let e = k + 1;
        if (this.at(e) === 'ip' || this.at(e) === 'ip6') e++;
        if (this.at(e) === 'to') e += 2;
        else if ((v === 'snat' || v === 'dnat') && e < this.w.length && !STATEMENT_STARTS.has(this.at(e) ?? '') && !VERDICTS.has(this.at(e) ?? '')) e += 1; // the older `dnat ADDR`
        while (['random', 'fully-random', 'persistent', ',', 'prefix'].includes(this.at(e) ?? '') || (this.at(e - 1) === ',' && e < this.w.length)) e++;
        if (this.at(e) === 'to' && v !== 'snat' && v !== 'dnat') e += 2;
        if (e > this.w.length) this.err(`Expected an address after "${v} to"`, this.w.length - 1);
        return push('nat', e);
      }
      case 'mark': case 'meta': case 'ct': {
        // `meta mark set X`, `ct mark set X`, `mark set X`
        const setAt = v === 'mark' ? k + 1 : k + 2;
        const key = v === 'mark' ? 'mark' : this.at(k + 1);
        if (this.at(setAt) === 'set' && this.w[setAt + 1]) {
          // The value is an immediate or an expression of two words (`meta mark`, `ct mark`, `numgen inc`, …).
          let e = MATCH_STARTS.has(this.at(setAt + 1) ?? '') || ['numgen', 'jhash', 'symhash'].includes(this.at(setAt + 1) ?? '') ? setAt + 3 : setAt + 2;
          if (e > this.w.length) this.err('Expected a value after "set"', this.w.length - 1);
          while (['and', 'or', 'xor', '|', '&', '^'].includes(this.at(e) ?? '') && this.w[e + 1]) e += 2;
          return push(key === 'mark' ? 'mark' : 'other', e);
        }
        return false;
      }
      case 'notrack':
        return push('other', k + 1);
      case 'flow': // flow offload @ft / flow add @ft
        return push('other', Math.min(this.w.length, k + 3));
      default:
        return false;
    }
  }

  private match(k: number, v: string): void {
    let key = v;
    let field = this.at(k + 1);
    let fStart = k + 1;
    if (v === 'meta') {
      key = 'meta';
    } else if (['iif', 'oif', 'iifname', 'oifname', 'l4proto', 'nfproto', 'mark', 'iiftype', 'oiftype', 'skuid', 'skgid', 'pkttype', 'iifgroup', 'oifgroup'].includes(v)) {
      key = 'meta';
      field = v;
      fStart = k;
    }
    let j = fStart + 1;
    // Concatenations (`ip saddr . tcp dport`) and maps/vmaps are kept whole as `other`.
    let op = this.at(j);
    let negated = false;
    if (op !== undefined && OPS.has(op)) {
      negated = op === '!=' || op === 'ne';
      j++;
    } else op = undefined;
    /** Keeps `k … e` as `other`, `e` the next starter after `from`. */
    const other = (from: number): void => {
      const e = Math.min(this.w.length, Math.max(from + 1, this.skipUnknown(from)));
      this.rule.matches.push({ kind: 'other', text: this.text(k, e), span: this.span(k, e) });
      this.i = e;
    };
    if (field === undefined || j >= this.w.length) return other(this.w.length - 1);
    if (this.at(j) === '.') {
      // A concatenation: its value is the first set (`{ … }` or `@name`) after the keys.
      let s = j;
      while (s < this.w.length && this.at(s) !== '{' && !(this.at(s) ?? '').startsWith('@')) s++;
      if (s >= this.w.length) this.err('A concatenation needs a set', j);
      const e = this.value(s).end;
      this.rule.matches.push({ kind: 'other', text: this.text(k, e), span: this.span(k, e) });
      this.i = e;
      return;
    }
    // A port under a prefix mask (`tcp dport & 64512 == 1024`, as nft lists `tcp dport 1024/6`) is
    // read below; the mask is a port value (a number, base 0, or a service name).
    let portMask: number | undefined;
    const maskAt = j;
    if (PORT_PROTOS.has(v) && (field === 'sport' || field === 'dport') && op === undefined && (this.at(j) === '&' || this.at(j) === 'and') && j + 2 < this.w.length) {
      const mask = servicePort(this.at(j + 1) ?? '');
      if (mask === undefined) this.err(`Bad port mask "${this.w[j + 1]!.v}"`, j + 1);
      if (maskedPorts(mask, [0, 0]) !== undefined) {
        portMask = mask;
        j += 2;
        op = this.at(j);
        if (op !== undefined && OPS.has(op)) {
          negated = op === '!=' || op === 'ne';
          j++;
        } else op = undefined;
      }
    }
    // A mask or shift of the key (`ip6 saddr & ::ffff == ::1`) is kept whole.
    if (['&', '|', '^', '<<', '>>', 'and', 'or', 'xor'].includes(this.at(j) ?? '')) return other(j + 2);
    // `ip daddr set 198.18.0.5`: the rule rewrites the packet's address or port, and where it then goes is not followed.
    if (this.at(j) === 'set' && op === undefined && ['saddr', 'daddr', 'sport', 'dport'].includes(field)) this.warn(`"${this.text(k, Math.min(this.w.length, j + 2))}" rewrites the packet, which is not followed: where it goes after it is not checked`, this.w[k]!.start, this.w[Math.min(this.w.length - 1, j + 1)]!.end);
    if (this.at(j) === 'vmap' || this.at(j) === 'map' || this.at(j) === 'set') return other(j);
    const rel = op !== undefined && op !== '==' && op !== '!=' && op !== 'eq' && op !== 'ne';
    // A masked port compared by order, or tested against a named set, is kept whole.
    if (portMask !== undefined && (rel || (this.at(j) ?? '').startsWith('@'))) return other(maskAt + 2);
    const { items, end } = this.value(j);
    if (items.some((t) => !t.quoted && t.v.startsWith('$'))) {
      this.rule.matches.push({ kind: 'other', text: this.text(k, end), span: this.span(k, end) });
      this.warn('nftables variable not resolved; match kept as other', this.w[k]!.start, this.w[end - 1]!.end);
      this.i = end;
      return;
    }
    const span = this.span(k, end);
    const named = items.length === 1 && !items[0]!.quoted && items[0]!.v.startsWith('@') ? items[0]!.v.slice(1) : undefined;
    const vals = named !== undefined ? [] : items.map((t) => t.v);
    const setPart = named !== undefined ? { set: named } : {};
    const push = (m: NftMatch): void => {
      this.rule.matches.push(m);
      this.i = end;
    };
    // Values joined by commas without braces are a bitmask's flags (`ct state new,established`): nft
    // refuses them for any other type ("Basetype of type … is not bitmask").
    const commas = (type: string): void => {
      if (this.at(j) !== '{' && items.length > 1) this.errAt(`"${this.text(j, end)}": values joined by commas need braces here; nft refuses them ("Basetype of type ${type} is not bitmask")`, items[1]!);
    };
    if ((v === 'ip' || v === 'ip6') && (field === 'saddr' || field === 'daddr') && !rel) {
      commas(v === 'ip' ? 'IPv4 address' : 'IPv6 address');
      const values: string[] = [];
      for (const t of items) {
        if (named !== undefined) break;
        const a = nftAddress(t.v, v === 'ip' ? 4 : 6);
        if (a === 'host') {
          // nft resolves a host name when it loads the ruleset, on the gateway: its addresses are not known here.
          this.rule.matches.push({ kind: 'other', text: this.text(k, end), span });
          this.warn(`"${t.v}" is a host name nft resolves when it loads the ruleset: the match is kept, but its addresses are not modelled`, t.start, t.end);
          this.i = end;
          return;
        }
        if (a === undefined) this.errAt(`Bad address "${t.v}"${validAddress(t.v) ? ` in an ${v} match: nft refuses an address of the other family` : ''}`, t);
        values.push(a);
      }
      return push({ kind: field, family: v, values, ...(named !== undefined ? { set: named } : {}), negated, span });
    }
    if (PORT_PROTOS.has(v) && (field === 'sport' || field === 'dport')) {
      commas('internet network service');
      let ranges: Array<[number, number]> = [];
      if (named === undefined) {
        for (const t of items) {
          const r = portRange(t.v);
          if (!r) this.errAt(`Bad port "${t.v}"`, t);
          ranges.push(r);
        }
        if (rel) {
          if (ranges.length !== 1 || ranges[0]![0] !== ranges[0]![1]) this.err(`Bad port comparison`, j);
          const p = ranges[0]![0];
          ranges = [op === '<' || op === 'lt' ? [0, p - 1] : op === '<=' || op === 'le' ? [0, p] : op === '>' || op === 'gt' ? [p + 1, 65535] : [p, 65535]];
        }
        if (portMask !== undefined) ranges = ranges.flatMap((r) => maskedPorts(portMask!, r)!);
      }
      return push({ kind: field, proto: v as 'tcp', ranges, ...(named !== undefined ? { set: named } : {}), negated, span });
    }
    if (rel) return other(j);
    if ((v === 'ip' && field === 'protocol') || (v === 'ip6' && field === 'nexthdr') || (key === 'meta' && field === 'l4proto')) {
      // A protocol number is a byte read with base 0: nft refuses 08 and 256 ("Could not resolve protocol name", "Protocol out of range");
      // a name is one of /etc/protocols' or nft's own (NFT_PROTOCOLS).
      commas('Internet protocol');
      for (const t of items) {
        if (named !== undefined) break;
        if (/^(?:\d+|0x[0-9a-f]+)$/i.test(t.v)) {
          if (nftByte(t.v) === undefined) this.errAt(`Bad protocol number "${t.v}": nft refuses it`, t);
        } else if (nftProtocol(t.v) === undefined) this.errAt(`Could not resolve protocol name "${t.v}": nft refuses it`, t);
      }
      return push({ kind: 'l4proto', protocols: vals, ...(key === 'meta' ? {} : { family: v as 'ip' | 'ip6' }), ...setPart, negated, span });
    }
    if (v === 'ct' && field === 'state') {
      // nft's conntrack states, in lower case, or the bits as a number (`ct state 0x10`).
      for (const t of items) if (named === undefined && !['invalid', 'established', 'related', 'new', 'untracked'].includes(t.v) && numberLiteral(t.v) === undefined) this.errAt(`Could not parse conntrack state "${t.v}": nft refuses it`, t);
      return push({ kind: 'ct-state', states: vals, ...setPart, negated, span });
    }
    if (key === 'meta' && field === 'nfproto') {
      commas('netfilter protocol');
      for (const t of items) if (named === undefined && t.v !== 'ipv4' && t.v !== 'ipv6' && nftByte(t.v) === undefined) this.errAt(`Could not parse netfilter protocol "${t.v}": nft refuses it`, t);
      return push({ kind: 'nfproto', families: vals, ...setPart, negated, span });
    }
    if (key === 'meta' && (field === 'iif' || field === 'oif' || field === 'iifname' || field === 'oifname')) {
      commas(field.endsWith('name') ? 'network interface name' : 'network interface index');
      // An interface name is at most 15 characters, a trailing `*` included (IFNAMSIZ): nft refuses a longer one.
      for (const t of items) if (named === undefined && t.v.length > 15) this.errAt(`Interface name "${t.v}" is longer than 15 characters: nft refuses it`, t);
      for (const t of items) if (named === undefined && t.v === '' && (field === 'iifname' || field === 'oifname')) this.errAt('An empty interface name: nft refuses it', t);
      return push({ kind: field.startsWith('i') ? 'iif' : 'oif', names: vals, ...setPart, negated, span });
    }
    if ((v === 'icmp' || v === 'icmpv6') && field === 'type' && !negated) {
      commas(v === 'icmp' ? 'ICMP type' : 'ICMPv6 type');
      for (const t of items) if (named === undefined && !t.quoted && !t.v.startsWith('@') && nftIcmpTypes(t.v, v === 'icmp' ? 1 : 58) === undefined) this.errAt(`Could not parse ${v === 'icmp' ? 'ICMP' : 'ICMPv6'} type "${t.v}": nft refuses it`, t);
      return push({ kind: 'icmp', types: vals, ...setPart, span });
    }
    // Known keys the model does not need (`fib daddr type local`, `tcp flags syn / syn,ack`, `meta mark 1`).
    other(Math.max(j, end - 1));
  }
}

const MATCH_STARTS = new Set([
  'ip', 'ip6', 'tcp', 'udp', 'th', 'sctp', 'meta', 'ct', 'icmp', 'icmpv6', 'iif', 'oif', 'iifname', 'oifname', 'l4proto',
  'nfproto', 'mark', 'iiftype', 'oiftype', 'skuid', 'skgid', 'pkttype', 'iifgroup', 'oifgroup', 'fib', 'ether', 'vlan',
  'arp', 'igmp', 'dccp', 'udplite', 'ah', 'esp', 'comp', 'rt', 'frag', 'hbh', 'dst', 'mh', 'srh', 'exthdr', 'socket', 'osf',
]);
const STATEMENT_STARTS = new Set(['flow', 'counter', 'log', 'limit', 'snat', 'dnat', 'masquerade', 'redirect', 'mark', 'meta', 'ct', 'notrack', 'comment']);

/**
 * An address, prefix or range of an `ip`/`ip6` match as nft reads it for that family, written in
 * the form to-model reads: an IPv4 address may be one number (inet_aton: decimal, `0` octal, `0x`
 * hex; `22` is 0.0.0.22, `167772161` 10.0.0.1). `host` for a host name (letters, digits, dots and
 * dashes, a letter among them), which nft resolves when it loads the ruleset; undefined for what
 * nft refuses (an address of the other family among them).
 */
function nftAddress(v: string, version: 4 | 6): string | 'host' | undefined {
  const one = (a: string): string => {
    if (version !== 4 || !/^(?:0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(a)) return a;
    const n = numberLiteral(a)!;
    return n > 0xffffffff ? a : [24, 16, 8, 0].map((sh) => (n >>> sh) & 255).join('.');
  };
  const slash = v.indexOf('/');
  const dash = slash === -1 ? v.indexOf('-') : -1;
  const written = slash !== -1 ? `${one(v.slice(0, slash))}${v.slice(slash)}` : dash > 0 ? `${one(v.slice(0, dash))}-${one(v.slice(dash + 1))}` : one(v);
  if (validAddress(written)) {
    const first = parseIp(written.split(/[/-]/)[0]!);
    return first?.version === version ? written : undefined;
  }
  return slash === -1 && /^[A-Za-z0-9.-]*[A-Za-z][A-Za-z0-9.-]*$/.test(v) && !/^[.-]|[.-]$|\.\./.test(v) ? 'host' : undefined;
}

function validAddress(v: string): boolean {
  const dash = v.indexOf('-');
  if (dash > 0 && !v.includes('/')) {
    // nft refuses a range whose end is below its start ("Range has zero or negative size").
    const [a, b] = [parseIp(v.slice(0, dash)), parseIp(v.slice(dash + 1))];
    return a !== undefined && b !== undefined && a.version === b.version && a.value <= b.value;
  }
  return parsePrefixOrAddress(v) !== undefined;
}

/**
 * A one-byte value (an ICMP type, a protocol) written as a number, as nft reads it: base 0 and at
 * most 255; `08`, which nft reads as 8 for a port, is no such number. Undefined for any other text.
 */
function nftByte(s: string): number | undefined {
  const n = /^0\d*[89]/.test(s) ? undefined : numberLiteral(s);
  return n !== undefined && n <= 255 ? n : undefined;
}

/**
 * The types an `icmp type` / `icmpv6 type` value stands for, as nft reads it: a name of nft's
 * (`nft describe icmp type`), a number (base 0, at most 255; nft refuses `08` here), a range `8-10`,
 * or a prefix of the type's 8 bits (`8/0` is every type, `3/1` is 0-127; nft lists them as `icmp
 * type & 0 == 0`, `& 128 == 0`). Undefined for a value nft refuses ("Could not parse ICMP type",
 * "Range has zero or negative size", "Prefix length 9 is invalid").
 */
export function nftIcmpTypes(v: string, protocol: 1 | 58): number[] | undefined {
  const NUMBER = '(0x[0-9a-fA-F]+|\\d+)';
  const types = (lo: number | undefined, hi: number | undefined): number[] | undefined =>
    lo === undefined || hi === undefined || lo > hi ? undefined : Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const range = new RegExp(`^${NUMBER}-${NUMBER}$`).exec(v);
  if (range) return types(nftByte(range[1]!), nftByte(range[2]!));
  const prefix = new RegExp(`^${NUMBER}/(\\d+)$`).exec(v);
  if (prefix) {
    const n = nftByte(prefix[1]!);
    const bits = Number(prefix[2]);
    if (n === undefined || bits > 8) return undefined;
    const mask = (0xff << (8 - bits)) & 0xff;
    return types(n & mask, (n & mask) | (~mask & 0xff));
  }
  if (new RegExp(`^${NUMBER}$`).test(v)) return types(nftByte(v), nftByte(v));
  const named = v === 'any' ? undefined : icmpType(v, protocol);
  return typeof named === 'object' && named.code === undefined ? [named.type] : undefined;
}

/**
 * A port, a service name, a range `a-b` or a prefix `n/len` of the port's 16 bits. As nft's scanner
 * reads them, a word that starts with a letter is one name, dashes included (`http-alt`; `ssh-http`
 * is no range but an unknown name), and one that starts with a digit is a number, so a dash after it
 * starts the range's end (`22-http`). A prefix takes a number (base 0, `08` is 8) and a length of at
 * most 16 (base 0, `08` refused): `1024/6` is 1024-2047, `8/0` every port, `0x16/8` 0-255 (nft
 * lists them as `dport & 64512 == 1024`, `& 0 == 0`, `0/8`). Shared with the elements of named
 * sets and map keys (to-model.ts), which nft reads alike.
 */
export function portRange(v: string): [number, number] | undefined {
  const prefix = /^(0x[0-9a-f]+|\d+)\/(0x[0-9a-f]+|\d+)$/i.exec(v);
  if (prefix) {
    const n = numberLiteral(prefix[1]!);
    const len = nftByte(prefix[2]!);
    if (n === undefined || n > 65535 || len === undefined || len > 16) return undefined;
    const mask = (0xffff << (16 - len)) & 0xffff;
    return [n & mask, (n & mask) | (~mask & 0xffff)];
  }
  const m = /^(0x[0-9a-f]+|\d+)-(.+)$/i.exec(v);
  if (m) {
    const a = servicePort(m[1]!);
    const b = servicePort(m[2]!);
    return a !== undefined && b !== undefined && a <= b ? [a, b] : undefined;
  }
  const n = servicePort(v);
  return n === undefined ? undefined : [n, n];
}

/**
 * The ports whose value under `mask` lies in `range` (`tcp dport & 64512 == 1024`, as nft lists a
 * port prefix), when the mask is a prefix mask (ones, then zeros, in 16 bits): blocks of 2^zeros
 * ports; none when no block starts in the range (`& 64512 == 1025` never matches). Undefined for a
 * mask of another shape, which the caller keeps opaque.
 */
export function maskedPorts(mask: number, range: [number, number]): Array<[number, number]> | undefined {
  const block = (~mask & 0xffff) + 1;
  if (mask > 0xffff || (block & (block - 1)) !== 0) return undefined;
  const lo = Math.ceil(range[0] / block) * block;
  const hi = Math.floor(range[1] / block) * block;
  return lo > hi ? [] : [[lo, hi + block - 1]];
}

// ---------------------------------------------------------------------------------------------
// JSON

type Obj = Extract<PositionedJson, { t: 'object' }>;

/** Parses `nft -j list ruleset` output (libnftables-json). */
export function parseNftJson(file: SourceFile): NftRuleset {
  const root = parsePositionedJson(file, 'nftables');
  const out: NftRuleset = { chains: [], sets: [], problems: [] };
  const dormant = new Map<string, Span>();
  const sp = (n: PositionedJson): Span => ({ file, start: n.start, end: n.end });
  const err = (msg: string, n: PositionedJson): never => {
    throw new InputError('nftables', msg, sp(n));
  };
  const warn = (msg: string, n: PositionedJson): void => {
    out.problems.push({ severity: 'warning', code: 'nftables-unknown', message: msg, location: toLocation(sp(n)) });
  };
  const get = (o: Obj, k: string): PositionedJson | undefined => o.entries.find((e) => e.key === k)?.value;
  const str = (o: Obj, k: string, required = true): string | undefined => {
    const v = get(o, k);
    if (v === undefined && !required) return undefined;
    if (v?.t !== 'string') return err(`Expected a string "${k}"`, v ?? o);
    return v.value;
  };
  const num = (o: Obj, k: string): number | undefined => {
    const v = get(o, k);
    if (v === undefined) return undefined;
    return v.t === 'number' ? v.value : err(`Expected a number "${k}"`, v);
  };
  if (root.t !== 'object') return err('Expected {"nftables": [...]}', root);
  const list = get(root, 'nftables');
  if (list?.t !== 'array') return err('Expected {"nftables": [...]}', list ?? root);
  const chains = new Map<string, NftChain>();
  const raw = (n: PositionedJson): string => file.text.slice(n.start, n.end);
  const refs: NftReference[] = [];
  const declared: Declared = new Map();
  /** The index of the item being read: each item is one command, run in turn. */
  let order = 0;
  /**
   * The chains and sets named inside `n`: `{"jump": {"target": C}}` and `{"goto": …}` (a rule's
   * verdict or a verdict map's), and `"@name"` as a match's right side, a map's data or a set
   * statement's set (a flowtable's `"@ft"` is under "flowtable").
   */
  const collect = (n: PositionedJson, family: string, table: string, where: { from: string } | { map: string }, parentKey?: string): void => {
    if (n.t === 'array') for (const x of n.items) collect(x, family, table, where, parentKey);
    else if (n.t === 'string' && parentKey !== undefined && ['right', 'data', 'set'].includes(parentKey) && n.value.length > 1 && n.value.startsWith('@'))
      refs.push({ family, table, what: 'set', name: n.value.slice(1), span: sp(n), order, ...where });
    else if (n.t === 'object') {
      const only = n.entries.length === 1 ? n.entries[0]! : undefined;
      const target = only && (only.key === 'jump' || only.key === 'goto') && only.value.t === 'object' ? only.value.entries.find((e) => e.key === 'target')?.value : undefined;
      if (only && target?.t === 'string') refs.push({ family, table, what: 'chain', name: target.value, kind: only.key as 'jump' | 'goto', span: sp(n), order, ...where });
      else for (const e of n.entries) collect(e.value, family, table, where, e.key);
    }
  };

  for (const item of list.items) {
    order++;
    if (item.t !== 'object' || item.entries.length !== 1) err('Expected an object with one key', item);
    const { key, value } = (item as Obj).entries[0]!;
    if (key === 'table' && value.t === 'object') {
      const flags = get(value as Obj, 'flags');
      const list = flags?.t === 'array' ? flags.items : flags ? [flags] : [];
      // Only a table whose family and name are written can be matched to its chains.
      const family = str(value as Obj, 'family', false);
      const name = str(value as Obj, 'name', false);
      if (family && name && list.some((x) => x.t === 'string' && x.value === 'dormant')) dormant.set(`${family}\0${name}`, sp(flags!));
    }
    if (key === 'metainfo' || key === 'table') continue;
    if (value.t !== 'object') err(`Expected an object for "${key}"`, value);
    const o = value as Obj;
    if (key === 'chain') {
      const family = str(o, 'family')!;
      const table = str(o, 'table')!;
      const name = str(o, 'name')!;
      const c: NftChain = { family, table, name, span: sp(item), rules: [] };
      const hook = str(o, 'hook', false);
      if (hook !== undefined) {
        const type = str(o, 'type')!;
        const prio = num(o, 'prio');
        if (prio === undefined) err('A base chain needs "prio"', o);
        const policy = str(o, 'policy', false) ?? 'accept';
        if (policy !== 'accept' && policy !== 'drop') err(`Bad chain policy "${policy}"`, get(o, 'policy')!);
        c.base = { type, hook, priority: prio!, policy: policy as 'accept' };
        // libnftables-json: "dev" is one name or a list of them.
        const dev = get(o, 'dev');
        if (dev?.t === 'string') c.base.devices = [dev.value];
        else if (dev?.t === 'array') c.base.devices = dev.items.flatMap((x) => (x.t === 'string' ? [x.value] : []));
        // nft binds every netdev ingress/egress chain to a device, but `nft -j list ruleset` of nft
        // 1.0.6 leaves "dev" out: such a chain is bound to no device known here, so it filters nothing.
        else if (family === 'netdev' && (hook === 'ingress' || hook === 'egress'))
          warn(`Chain netdev ${table} ${name} (hook ${hook}) names no "dev": the device it filters is not known, so its rules are not applied to any interface`, item);
      }
      chains.set(`${family}\0${table}\0${name}`, c);
      out.chains.push(c);
      if (!declared.has(declKey('chain', family, table, name))) declared.set(declKey('chain', family, table, name), order);
    } else if (key === 'set' || key === 'map') {
      const t = get(o, 'type');
      const type = t?.t === 'string' ? t.value : t?.t === 'array' ? t.items.map((x) => (x.t === 'string' ? x.value : raw(x))).join(' . ') : err('Expected a set type', t ?? o);
      const mapT = get(o, 'map');
      const flagsN = get(o, 'flags');
      const flags = flagsN === undefined ? [] : flagsN.t === 'array' ? flagsN.items.map((x) => (x.t === 'string' ? x.value : raw(x))) : flagsN.t === 'string' ? [flagsN.value] : [];
      const elemN = get(o, 'elem');
      const elements = elemN?.t === 'array' ? elemN.items.map((x) => elemText(x, raw)) : [];
      const [setFamily, setTable, setName] = [str(o, 'family')!, str(o, 'table')!, str(o, 'name')!];
      if (elemN !== undefined) collect(elemN, setFamily, setTable, { map: setName });
      if (!declared.has(declKey('set', setFamily, setTable, setName))) declared.set(declKey('set', setFamily, setTable, setName), order);
      out.sets.push({ family: str(o, 'family')!, table: str(o, 'table')!, name: str(o, 'name')!, type: mapT?.t === 'string' ? `${type} : ${mapT.value}` : type, flags, elements, span: sp(item) });
    } else if (key === 'rule') {
      const family = str(o, 'family')!;
      const table = str(o, 'table')!;
      const chainName = str(o, 'chain')!;
      const c = chains.get(`${family}\0${table}\0${chainName}`);
      if (!c) err(`Rule for an undeclared chain ${family} ${table} ${chainName}`, o);
      const rule: NftRule = { family, table, chain: chainName, index: c!.rules.length + 1, span: sp(item), matches: [], statements: [] };
      const handle = num(o, 'handle');
      if (handle !== undefined) rule.handle = handle;
      const comment = str(o, 'comment', false);
      if (comment !== undefined) rule.comment = comment;
      const expr = get(o, 'expr');
      if (expr?.t !== 'array') err('Expected "expr": [...]', expr ?? o);
      for (const x of (expr as Extract<PositionedJson, { t: 'array' }>).items) jsonExpr(x, rule, { err, warn, raw, sp });
      collect(expr!, family, table, { from: chainName });
      c!.rules.push(rule);
    } else {
      warn(`nftables object "${key}" is not read`, item);
    }
  }
  checkReferences(out, refs, declared);
  applyDormant(out, dormant);
  return out;
}

interface JCtx {
  err: (msg: string, n: PositionedJson) => never;
  warn: (msg: string, n: PositionedJson) => void;
  raw: (n: PositionedJson) => string;
  sp: (n: PositionedJson) => Span;
}

/** A set element or right-hand value as nft writes it: `10.0.0.0/8`, `a-b`, `@set`, plain. */
function elemText(x: PositionedJson, raw: (n: PositionedJson) => string): string {
  if (x.t === 'string') return x.value;
  if (x.t === 'number') return String(x.value);
  if (x.t === 'object' && x.entries.length === 1) {
    const { key, value } = x.entries[0]!;
    if (key === 'prefix' && value.t === 'object') {
      const addr = value.entries.find((e) => e.key === 'addr')?.value;
      const len = value.entries.find((e) => e.key === 'len')?.value;
      // An address prefix, or a port's (`{"prefix": {"addr": 1024, "len": 6}}`).
      if ((addr?.t === 'string' || addr?.t === 'number') && len?.t === 'number') return `${addr.value}/${len.value}`;
    }
    if (key === 'range' && value.t === 'array' && value.items.length === 2) return `${elemText(value.items[0]!, raw)}-${elemText(value.items[1]!, raw)}`;
    if (key === 'elem' && value.t === 'object') {
      const val = value.entries.find((e) => e.key === 'val')?.value;
      if (val) return elemText(val, raw);
    }
  }
  if (x.t === 'array' && x.items.length === 2) return `${elemText(x.items[0]!, raw)} : ${elemText(x.items[1]!, raw)}`;
  return raw(x);
}

// fwd and dup send packets past the hooks that would judge them: said, as in the text form.
const JSON_QUIET = new Set(['vmap', 'notrack', 'mangle', 'quota', 'meter', 'set', 'ct helper', 'ct timeout', 'ct expectation', 'flow', 'tproxy', 'synproxy', 'secmark', 'ct count', 'numgen', 'connlimit']);

function jsonExpr(x: PositionedJson, rule: NftRule, c: JCtx): void {
  if (x.t !== 'object' || x.entries.length !== 1) c.err('Expected an expression object with one key', x);
  const { key, value } = (x as Obj).entries[0]!;
  const span = c.sp(x);
  const field = (o: PositionedJson, k: string): PositionedJson | undefined => (o.t === 'object' ? o.entries.find((e) => e.key === k)?.value : undefined);
  if (VERDICTS.has(key)) {
    if (rule.verdict) c.err(`Statement after the verdict "${rule.verdict.kind}"`, x);
    let target: string | undefined;
    if (key === 'jump' || key === 'goto') {
      const t = field(value, 'target');
      if (t?.t !== 'string') c.err(`Expected {"${key}": {"target": CHAIN}}`, value);
      target = (t as { value: string }).value;
    }
    rule.verdict = { kind: key as NftVerdictKind, ...(target !== undefined ? { target } : {}), span };
    return;
  }
  if (rule.verdict) c.err(`Statement after the verdict "${rule.verdict.kind}"`, x);
  const stmt = (kind: NftStatementKind): void => void rule.statements.push({ kind, text: c.raw(x), span });
  switch (key) {
    case 'counter': return stmt('counter');
    case 'log': return stmt('log');
    case 'limit': return stmt('limit');
    case 'snat': case 'dnat': case 'masquerade': case 'redirect': return stmt('nat');
    case 'mangle': {
      const k = field(value, 'key');
      const isMark = k !== undefined && /"key"\s*:\s*"mark"/.test(c.raw(k));
      return stmt(isMark ? 'mark' : 'other');
    }
    case 'match': break;
    default:
      stmt('other');
      if (!JSON_QUIET.has(key)) {
        rule.statements[rule.statements.length - 1]!.unknown = true;
        c.warn(`Unknown nftables statement "${key}" kept as other`, x);
      }
      return;
  }
  const op = field(value, 'op');
  const left = field(value, 'left');
  const right = field(value, 'right');
  if (op?.t !== 'string' || !left || !right) c.err('Expected {"match": {"op", "left", "right"}}', value);
  const opv = (op as { value: string }).value;
  const negated = opv === '!=';
  const other = (): void => void rule.matches.push({ kind: 'other', text: c.raw(x), span });
  if (!['==', '!=', 'in'].includes(opv)) return other();
  // Left: {"payload": {protocol, field}}, {"meta": {key}}, {"ct": {key}}; a port under a prefix mask,
  // {"&": [{"payload": …}, 64512]} (how nft lists `tcp dport 1024/6`), is read as its ports.
  let lk = left!.t === 'object' && left!.entries.length === 1 ? left!.entries[0]! : undefined;
  if (!lk) return other();
  let portMask: number | undefined;
  if (lk.key === '&' && lk.value.t === 'array' && lk.value.items.length === 2) {
    const [inner, mask] = lk.value.items as [PositionedJson, PositionedJson];
    const payload = inner.t === 'object' && inner.entries.length === 1 && inner.entries[0]!.key === 'payload' ? inner.entries[0]! : undefined;
    if (!payload || mask.t !== 'number' || maskedPorts(mask.value, [0, 0]) === undefined) return other();
    lk = payload;
    portMask = mask.value;
  }
  const proto = field(lk.value, 'protocol');
  const fld = lk.key === 'payload' ? field(lk.value, 'field') : field(lk.value, 'key');
  const p = proto?.t === 'string' ? proto.value : undefined;
  const f = fld?.t === 'string' ? fld.value : undefined;
  if (portMask !== undefined && !(p !== undefined && PORT_PROTOS.has(p) && (f === 'sport' || f === 'dport'))) return other();
  // Right: "@set", {"set": [...]}, a list, or one value.
  let named: string | undefined;
  let items: PositionedJson[];
  if (right!.t === 'string' && right!.value.startsWith('@')) {
    named = right!.value.slice(1);
    items = [];
  } else if (right!.t === 'object' && right!.entries.length === 1 && right!.entries[0]!.key === 'set' && right!.entries[0]!.value.t === 'array') {
    items = (right!.entries[0]!.value as Extract<PositionedJson, { t: 'array' }>).items;
  } else if (right!.t === 'array') items = right!.items;
  else items = [right!];
  const vals = items.map((it) => elemText(it, c.raw));
  const setPart = named !== undefined ? { set: named } : {};
  if (lk.key === 'payload' && (p === 'ip' || p === 'ip6') && (f === 'saddr' || f === 'daddr')) {
    // As in text: one number is an IPv4 address, a host name is resolved at load (not known here).
    const values: string[] = [];
    for (const [n, v] of vals.entries()) {
      const a = nftAddress(v, p === 'ip' ? 4 : 6);
      if (a === 'host') {
        c.warn(`"${v}" is a host name nft resolves when it loads the ruleset: the match is kept, but its addresses are not modelled`, items[n]!);
        return other();
      }
      if (a === undefined) c.err(`Bad address "${v}"${validAddress(v) ? ` in an ${p} match: nft refuses an address of the other family` : ''}`, items[n]!);
      values.push(a!);
    }
    rule.matches.push({ kind: f, family: p, values, ...setPart, negated, span });
  } else if (lk.key === 'payload' && p !== undefined && PORT_PROTOS.has(p) && (f === 'sport' || f === 'dport')) {
    if (portMask !== undefined && named !== undefined) return other();
    let ranges: Array<[number, number]> = [];
    for (const [n, v] of vals.entries()) {
      const r = portRange(v);
      if (!r) c.err(`Bad port "${v}"`, items[n]!);
      ranges.push(r!);
    }
    if (portMask !== undefined) ranges = ranges.flatMap((r) => maskedPorts(portMask!, r)!);
    rule.matches.push({ kind: f, proto: p as 'tcp', ranges, ...setPart, negated, span });
  } else if ((lk.key === 'payload' && ((p === 'ip' && f === 'protocol') || (p === 'ip6' && f === 'nexthdr'))) || (lk.key === 'meta' && f === 'l4proto')) {
    for (const [n, v] of vals.entries())
      if (/^(?:\d+|0x[0-9a-f]+)$/i.test(v) ? nftByte(v) === undefined : nftProtocol(v) === undefined) c.err(`Could not resolve protocol name "${v}": nft refuses it`, items[n]!);
    rule.matches.push({ kind: 'l4proto', protocols: vals, ...(lk.key === 'meta' ? {} : { family: p as 'ip' | 'ip6' }), ...setPart, negated, span });
  } else if (lk.key === 'ct' && f === 'state') {
    for (const [n, v] of vals.entries()) if (!['invalid', 'established', 'related', 'new', 'untracked'].includes(v) && numberLiteral(v) === undefined) c.err(`Could not parse conntrack state "${v}": nft refuses it`, items[n]!);
    rule.matches.push({ kind: 'ct-state', states: vals, ...setPart, negated, span });
  } else if (lk.key === 'meta' && f === 'nfproto') {
    for (const [n, v] of vals.entries()) if (v !== 'ipv4' && v !== 'ipv6' && nftByte(v) === undefined) c.err(`Could not parse netfilter protocol "${v}": nft refuses it`, items[n]!);
    rule.matches.push({ kind: 'nfproto', families: vals, ...setPart, negated, span });
  } else if (lk.key === 'meta' && (f === 'iif' || f === 'oif' || f === 'iifname' || f === 'oifname')) {
    rule.matches.push({ kind: f.startsWith('i') ? 'iif' : 'oif', names: vals, ...setPart, negated, span });
  } else if (lk.key === 'payload' && (p === 'icmp' || p === 'icmpv6') && f === 'type' && !negated) {
    rule.matches.push({ kind: 'icmp', types: vals, ...setPart, span });
  } else other();
}
