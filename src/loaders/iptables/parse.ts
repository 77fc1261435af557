/**
 * iptables-save / ip6tables-save output as tables, chains and rules, every part with its place in
 * the file — or a shell script of `iptables` commands, read into the same tables (parseScript). Only
 * syntax is read here; what the rules let through is the graph's business.
 *
 * Contracts:
 * - A syntax error (an `-A` before any `*table`, a table without `COMMIT`, an unbalanced quote, an
 *   `-A` for an undeclared chain, an option without its argument, a bad address or port, an `-I`
 *   or any other command iptables-save never writes) is thrown as an InputError located at its
 *   line and column: the file is abandoned, never half-read.
 * - Nothing on a rule line is dropped. A match module the model does not know is kept (with its
 *   options) as an `other` match with its source text, and is a warning in `problems`, so that
 *   consumers can treat the rule conservatively. An option no loaded module takes, when all their
 *   options are known, is an error: iptables refuses it. Known modules that the model does not need (limit, mark, mac,
 *   addrtype, physdev, …) are kept as `other` without a warning.
 * - Each match's span runs from its `!` (when negated) or its option to the end of its last
 *   argument; `-m NAME` only loads a module and is not part of a match, except for an unknown
 *   module, whose `-m NAME` is kept as an `other` so that even an option-less module is not lost.
 * - The legacy negation after an option (`-s ! 10.0.0.0/8`, refused by iptables ≥ 1.6) is read as
 *   the modern form and warned about.
 * - Interfaces are kept without their trailing `+`; `wildcard` says the name is a prefix.
 */
import { InputError, type InputProblem } from '../../model/errors.js';
import { parsePrefixOrAddress, parseIp, type Prefix } from '../../model/net/cidr.js';
import { toLocation, type SourceFile, type Span } from '../../model/source.js';
import { commandLines, splitWords, type Word } from './tokens.js';
import { numberLiteral, servicePort } from '../firewall-common.js';
import { table } from '../../model/table.js';

export type ConnState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED' | 'SNAT' | 'DNAT';
export type TargetKind = 'accept' | 'drop' | 'reject' | 'return' | 'log' | 'jump' | 'goto' | 'nat' | 'mark' | 'notrack' | 'other';

export interface IptRule {
  table: string;
  chain: string;
  /** 1-based position in its chain. */
  index: number;
  /** The whole `-A` line (with its leading `[p:b]` counters when present). */
  span: Span;
  /** Matches as parsed, in the order written; each keeps its own span. Negation via `negated`. */
  matches: IptMatch[];
  /** Absent when the rule has no `-j`/`-g`: such a rule only counts packets. */
  target?: { name: string; args: Record<string, string>; span: Span; kind: TargetKind };
  /** The `-m comment --comment` text; several comments are joined with "; ". */
  comment?: string;
  /** [packets, bytes] from `-c p b` or a leading `[p:b]`. */
  counters?: [number, number];
}

export type IptMatch =
  | { kind: 'src' | 'dst'; prefixes: Prefix[]; negated: boolean; span: Span }
  /** `iface` is the name without a trailing `+`; `wildcard` says it is a prefix ("eth+"). */
  | { kind: 'in' | 'out'; iface: string; wildcard: boolean; negated: boolean; span: Span }
  | { kind: 'proto'; protocol: number | 'all'; negated: boolean; span: Span }
  /** --sport/--dport (one range: a:b, :b or a:) and multiport --sports/--dports (a list of ports and a:b ranges, 15 ports at most); inclusive, never reversed. */
  | { kind: 'sport' | 'dport'; ranges: Array<[number, number]>; negated: boolean; span: Span }
  /** -m state --state and -m conntrack --ctstate. */
  | { kind: 'state'; states: ConnState[]; negated: boolean; span: Span }
  | { kind: 'icmp'; type: string; negated: boolean; span: Span }
  | { kind: 'iprange'; field: 'src' | 'dst'; from: string; to: string; negated: boolean; span: Span }
  | { kind: 'set'; name: string; dirs: string[]; negated: boolean; span: Span }
  /** An unknown or unmodelled match, kept with its source text (the `!` included when negated). */
  | { kind: 'other'; module: string; text: string; span: Span };

export interface IptChain {
  table: string;
  name: string;
  /** The policy of a built-in chain; absent for user chains (`-`). */
  policy?: 'ACCEPT' | 'DROP';
  builtin: boolean;
  /** The `:NAME POLICY [p:b]` line. */
  span: Span;
  rules: IptRule[];
}

export interface IptRuleset {
  family: 4 | 6;
  /** Table name → chain name → chain, in file order. */
  tables: Map<string, Map<string, IptChain>>;
  /** A script of both `iptables` and `ip6tables` commands: the IPv6 tables (`tables` then holds the IPv4 ones). */
  ip6?: Map<string, Map<string, IptChain>>;
  problems: InputProblem[];
}

/** Built-in chains per table (iptables(8), TABLES). */
export const BUILTIN_CHAINS: Readonly<Record<string, readonly string[]>> = table({
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
});

/**
 * True when the text looks like iptables-save / ip6tables-save output (a `*table` line, `COMMIT`, and
 * `:CHAIN POLICY [p:b]` lines or rule lines), or a script of iptables commands. A table of rule lines
 * without chain declarations (hand-written, or cut) counts too: iptables-restore reads it, and
 * discovery must hand it to the parser, which reports what is missing, rather than pass over it.
 */
export function looksLikeIptables(text: string): boolean {
  return looksLikeSave(text) || looksLikeIptablesScript(text);
}

function looksLikeSave(text: string): boolean {
  return (
    /^[ \t]*\*[A-Za-z0-9_-]+[ \t]*\r?$/m.test(text) &&
    /^[ \t]*(?::\S+[ \t]+\S+|(?:\[\d+:\d+\][ \t]*)?-[AIDRNP][ \t]+\S)/m.test(text) &&
    /^[ \t]*COMMIT[ \t]*\r?$/m.test(text)
  );
}

/** The binary of an iptables command line: `iptables`, `/sbin/ip6tables`, `iptables-legacy`, `iptables-nft`. */
const BINARY = /^(?:\S*\/)?ip(6?)tables(?:-legacy|-nft)?$/;

/** A shell script of iptables commands (`iptables -t nat -A POSTROUTING …`), one per line. */
export function looksLikeIptablesScript(text: string): boolean {
  const command = '(?:-t[ \\t]+\\S+[ \\t]+)?(?:-[AINP]|--append|--insert|--new-chain|--policy)[ \\t]';
  if (new RegExp(`^[ \\t]*(?:sudo[ \\t]+)?(?:\\S*/)?ip6?tables(?:-legacy|-nft)?[ \\t]+${command}`, 'm').test(text)) return true;
  // `IPT=/sbin/iptables` and then `$IPT -A …`.
  const v = /^[ \t]*([A-Za-z_]\w*)=["']?(?:\S*\/)?ip6?tables(?:-legacy|-nft)?["']?[ \t]*\r?$/m.exec(text);
  return v !== null && new RegExp(`^[ \\t]*\\$\\{?${v[1]}\\}?[ \\t]+${command}`, 'm').test(text);
}

/**
 * Parses iptables-save output. A syntax error is an InputError at its line and column; an unknown
 * match or target is a warning in `problems` and kept as `other`. `family` is 6 when the caller
 * says so or, when the caller does not, when the file's `# Generated by ip6tables-save` header says
 * so or (without such a header) its addresses or ICMP modules are IPv6.
 */
export function parseIptables(file: SourceFile, family?: 4 | 6): IptRuleset {
  return new Parser(file, family).parse();
}

// ---------------------------------------------------------------------------------------------

const PROTOCOLS: Record<string, number> = table({
  icmp: 1, igmp: 2, ipip: 4, tcp: 6, egp: 8, udp: 17, ipv6: 41, gre: 47, esp: 50, ah: 51, icmpv6: 58, 'ipv6-icmp': 58,
  ospf: 89, pim: 103, vrrp: 112, l2tp: 115, sctp: 132, udplite: 136, dccp: 33, mh: 135,
});
/** The first name of each protocol number. */
const PROTOCOL_NAMES = new Map<number, string>([...Object.entries(PROTOCOLS)].reverse().map(([k, v]) => [v, k]));
/** The match module `-p NAME` loads (iptables tries a module named after the protocol; icmpv6's is icmp6). */
const IMPLICIT_MODULES: Readonly<Record<string, string>> = table({ tcp: 'tcp', udp: 'udp', sctp: 'sctp', dccp: 'dccp', icmp: 'icmp', icmpv6: 'icmp6' });
const STATES = new Set<string>(['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'SNAT', 'DNAT']);

/** Match modules iptables knows: those without a MODULE_OPTIONS entry are kept as `other` without a warning. */

const KNOWN_MODULES = new Set([
  'limit', 'mark', 'connmark', 'mac', 'addrtype', 'physdev', 'hashlimit', 'recent', 'length', 'ttl', 'hl', 'tos', 'dscp',
  'owner', 'pkttype', 'connlimit', 'string', 'u32', 'policy', 'helper', 'rpfilter', 'socket', 'time', 'statistic', 'quota',
  'connbytes', 'ecn', 'frag', 'ah', 'esp', 'ipv6header', 'rt', 'hbh', 'dst', 'eui64', 'mh', 'devgroup', 'cgroup', 'bpf',
  'cpu', 'nfacct', 'osf', 'realm', 'rateest', 'tcpmss', 'cluster', 'connlabel', 'ipvs', 'l2tp', 'ipcomp', 'condition',
  'geoip', 'account', 'iface', 'ipp2p', 'pknock', 'psd', 'fuzzy', 'nth', 'random', 'set', 'conntrack', 'tcp', 'udp',
  'sctp', 'dccp', 'multiport', 'state', 'icmp', 'icmp6', 'iprange', 'comment', 'ah', 'srh', 'ipv4options', 'dscp',
]);

/** Targets iptables knows; the rest, when not a chain of the table, are warned about. */
const TARGET_KINDS: Record<string, TargetKind> = table({
  ACCEPT: 'accept', DROP: 'drop', REJECT: 'reject', RETURN: 'return', LOG: 'log', NFLOG: 'log', ULOG: 'log',
  DNAT: 'nat', SNAT: 'nat', MASQUERADE: 'nat', REDIRECT: 'nat', NETMAP: 'nat', MARK: 'mark', CONNMARK: 'mark', NOTRACK: 'notrack',
});
const OTHER_TARGETS = new Set([
  'CT', 'TCPMSS', 'CLASSIFY', 'DSCP', 'TOS', 'TTL', 'HL', 'CHECKSUM', 'TRACE', 'AUDIT', 'SET', 'TEE', 'CLUSTERIP', 'NFQUEUE',
  'QUEUE', 'TPROXY', 'SECMARK', 'CONNSECMARK', 'ECN', 'IDLETIMER', 'LED', 'SYNPROXY', 'RATEEST', 'HMARK', 'TCPOPTSTRIP',
  'CONNTRACK', 'IPV4OPTSSTRIP', 'DNPT', 'SNPT', 'MIRROR', 'SAME', 'TARPIT', 'DELUDE', 'CHAOS', 'LOGMARK', 'SYSRQ', 'DHCPMAC',
]);
/**
 * REJECT's types, name and alias, in the order libipt_REJECT (IPv4) and libip6t_REJECT (IPv6) try
 * them; iptables takes a start of either.
 */
const REJECT_TYPES_4: ReadonlyArray<readonly [string, string]> = [
  ['icmp-net-unreachable', 'net-unreach'], ['icmp-host-unreachable', 'host-unreach'], ['icmp-proto-unreachable', 'proto-unreach'],
  ['icmp-port-unreachable', 'port-unreach'], ['icmp-net-prohibited', 'net-prohib'], ['icmp-host-prohibited', 'host-prohib'],
  ['tcp-reset', 'tcp-rst'], ['icmp-admin-prohibited', 'admin-prohib'],
];
const REJECT_TYPES_6: ReadonlyArray<readonly [string, string]> = [
  ['icmp6-no-route', 'no-route'], ['icmp6-adm-prohibited', 'adm-prohibited'], ['icmp6-addr-unreachable', 'addr-unreach'],
  ['icmp6-port-unreachable', 'port-unreach'], ['tcp-reset', 'tcp-reset'], ['icmp6-policy-fail', 'policy-fail'], ['icmp6-reject-route', 'reject-route'],
];

/** Targets besides TARGET_OPTIONS' whose options xtables takes once each ("option … can only be used once"). */
const ONCE_OPTION_TARGETS = new Set(['LOG', 'NFLOG', 'MARK', 'CONNMARK', 'TCPMSS', 'NFQUEUE', 'DSCP', 'CLASSIFY', 'TTL']);
/** Target flags that take no value. */
const TARGET_FLAGS = new Set(['--notrack', '--log-uid', '--log-tcp-sequence', '--log-tcp-options', '--log-ip-options', '--log-macdecode', '--random', '--random-fully', '--persistent', '--clamp-mss-to-pmtu', '--restore', '--save', '--nodst', '--queue-bypass', '--fail-open', '--exist', '--checksum-fill']);

/** The long options of the targets whose arguments the model reads (libxt_DNAT, libxt_REDIRECT, libipt_REJECT, libxt_CT, …). */
const TARGET_OPTIONS: Readonly<Record<string, readonly string[]>> = table({
  DNAT: ['to-destination', 'random', 'persistent'],
  SNAT: ['to-source', 'random', 'random-fully', 'persistent'],
  REDIRECT: ['to-ports', 'random'],
  MASQUERADE: ['to-ports', 'random', 'random-fully'],
  REJECT: ['reject-with'],
  CT: ['notrack', 'helper', 'ctevents', 'expevents', 'zone-orig', 'zone-reply', 'zone', 'timeout'],
});

/**
 * A target option by its full name: getopt_long takes an unambiguous start of one (`--to-port` is
 * REDIRECT's --to-ports, `--to` DNAT's --to-destination), among the target's options and the top
 * level's. Any other text as written.
 */
function targetOption(target: string, written: string): string {
  const own = TARGET_OPTIONS[target] ?? [];
  if (own.includes(written)) return written;
  const candidates = [...own.map((o) => `--${o}`), ...Object.keys(TOP_OPTIONS), ...Object.keys(COMMANDS)].filter((o) => o.startsWith(`--${written}`));
  return candidates.length === 1 && own.includes(candidates[0]!.slice(2)) ? candidates[0]!.slice(2) : written;
}

/** Top-level option spellings → canonical short option. */
const TOP_OPTIONS: Record<string, string> = table({
  '-s': '-s', '--source': '-s', '--src': '-s', '-d': '-d', '--destination': '-d', '--dst': '-d',
  '-i': '-i', '--in-interface': '-i', '-o': '-o', '--out-interface': '-o', '-p': '-p', '--protocol': '-p',
  '-m': '-m', '--match': '-m', '-j': '-j', '--jump': '-j', '-g': '-g', '--goto': '-g', '-f': '-f', '--fragment': '-f',
  '-c': '-c', '--set-counters': '-c', '-4': '-4', '--ipv4': '-4', '-6': '-6', '--ipv6': '-6',
});

const COMMANDS: Record<string, string> = table({
  '-I': 'inserts', '--insert': 'inserts', '-D': 'deletes', '--delete': 'deletes', '-R': 'replaces', '--replace': 'replaces',
  '-N': 'creates', '--new-chain': 'creates', '-X': 'deletes', '--delete-chain': 'deletes', '-P': 'sets the policy of',
  '--policy': 'sets the policy of', '-F': 'flushes', '--flush': 'flushes', '-Z': 'zeroes', '--zero': 'zeroes', '-E': 'renames', '--rename-chain': 'renames',
});

interface OpenTable {
  name: string;
  header: Span;
  chains: Map<string, IptChain>;
  /** The family of the binary a script's command runs; for a saved file, the one its caller or header names. */
  family?: 4 | 6;
}

class Parser {
  private readonly problems: InputProblem[] = [];
  private readonly tables = new Map<string, Map<string, IptChain>>();
  private sawV6 = false;
  private sawV4 = false;
  /** The family of the `# Generated by ip6tables-save` / `iptables-save` header, when there is one. */
  private writer: 4 | 6 | undefined;

  constructor(
    private readonly file: SourceFile,
    private readonly family: 4 | 6 | undefined,
  ) {}

  parse(): IptRuleset {
    if (!looksLikeSave(this.file.text) && looksLikeIptablesScript(this.file.text)) return this.parseScript();
    const text = this.file.text;
    let open: OpenTable | undefined;
    let pos = 0;
    while (pos <= text.length) {
      let eol = text.indexOf('\n', pos);
      if (eol < 0) eol = text.length;
      let end = eol;
      const cr = end > pos && text[end - 1] === '\r';
      if (cr) end--;
      let start = pos;
      while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
      while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
      pos = eol + 1;
      // iptables-restore takes a carriage return (a CRLF line ending) as part of the line: a comment or
      // a chain line (whose counters end it) passes; anything else is refused (`*filter\r` is no table,
      // `COMMIT\r` "Bad argument", `ACCEPT\r` no target, a return after a quoted word or alone on its
      // line "Bad argument").
      if (cr && text[start] !== '#' && text[start] !== ':')
        throw this.error('A carriage return ends this line (a CRLF line ending): iptables-restore reads it as part of the line\'s last word and refuses the line', { file: this.file, start: eol - 1, end: eol });
      if (start === end) continue;
      if (text[start] === '#') {
        // `# Generated by ip6tables-save v1.8.9 …`: the tool that wrote the file names its family.
        const by = /^#\s*Generated by (ip6?)tables-save\b/.exec(text.slice(start, end));
        if (by) this.writer = by[1] === 'ip6' ? 6 : 4;
        continue;
      }
      const line: Span = { file: this.file, start, end };
      const c = text[start]!;
      if (c === '*') {
        if (open) throw this.error(`*${text.slice(start + 1, end)} starts a table while table ${open.name} is still open: a COMMIT is missing`, line);
        open = this.openTable(line);
      } else if (c === ':') {
        if (!open) throw this.error('A chain line before any *table line', line);
        this.chainLine(open, line);
      } else if (text.slice(start, end) === 'COMMIT') {
        if (!open) throw this.error('COMMIT without an open *table', line);
        this.tables.set(open.name, open.chains);
        open = undefined;
      } else {
        this.ruleLine(open, line);
      }
      if (eol === text.length) break;
    }
    if (open) throw this.error(`Table ${open.name} is never closed: the COMMIT line is missing`, open.header);
    const family: 4 | 6 = this.family ?? this.writer ?? (this.sawV6 ? 6 : 4);
    if (this.writer !== undefined && (this.writer === 6 ? this.sawV4 : this.sawV6))
      this.warn('iptables-family', `The file was written by ${this.writer === 6 ? 'ip6tables-save' : 'iptables-save'} but holds IPv${this.writer === 6 ? 4 : 6} addresses or ICMP matches; it is read as IPv${this.writer}`, { file: this.file, start: 0, end: 0 });
    else if (this.sawV4 && this.sawV6) this.warn('iptables-family', 'The file mixes IPv4 and IPv6 addresses; iptables-save writes one family per file', { file: this.file, start: 0, end: 0 });
    this.loops(this.tables);
    return { family, tables: this.tables, problems: this.problems };
  }

  /**
   * Throws at the jump or goto that closes a loop of chains a built-in chain reaches: the kernel
   * refuses the table when it is loaded (legacy: "Too many levels of symbolic links", nft: "Too many
   * links"), though `iptables-restore --test` passes it. A loop no built-in chain reaches is loaded.
   */
  private loops(tables: Map<string, Map<string, IptChain>>): void {
    for (const chains of tables.values()) {
      const done = new Set<string>();
      const visit = (chain: IptChain, path: string[]): void => {
        if (done.has(chain.name)) return;
        for (const r of chain.rules) {
          const t = r.target;
          if (!t || (t.kind !== 'jump' && t.kind !== 'goto')) continue;
          const at = path.indexOf(t.name);
          if (at !== -1) throw this.error(`${t.kind === 'goto' ? '-g' : '-j'} ${t.name}: the chains ${[...path.slice(at), t.name].join(' → ')} jump round in a loop a built-in chain reaches: the kernel refuses the table when it is loaded`, t.span);
          const next = chains.get(t.name);
          if (next) visit(next, [...path, t.name]);
        }
        done.add(chain.name);
      };
      for (const c of chains.values()) if (c.builtin) visit(c, [c.name]);
    }
  }

  /**
   * A script of iptables commands, read as iptables-restore would build the same tables: `-A`, `-I`
   * (at a position, default 1), `-N`, `-P`, `-F`, `-X` and `-Z` in order; `-t` anywhere on the line;
   * built-in chains start with policy ACCEPT, as in a fresh kernel. A shell variable holding the
   * binary (`IPT=/sbin/iptables`, then `$IPT -A …`) is followed, and so is a variable the script
   * assigns a literal value (`WAN=eth0`, then `-i $WAN`); a variable it does not set (one from the
   * environment) leaves the rule unknown, an input error at the word. Any other shell line is a warning,
   * since what it does (a loop, a condition) is not read. `iptables` and `ip6tables` commands build
   * the tables of their own family, as the kernel keeps them apart: a script with both gives its
   * IPv6 tables in `ip6`.
   */
  private parseScript(): IptRuleset {
    const binaries = new Map<string, 4 | 6>();
    /** Variables the script assigns a literal value, in the order the shell runs it. */
    const vars = new Map<string, string>();
    const opened = { 4: new Map<string, OpenTable>(), 6: new Map<string, OpenTable>() };
    const tables = { 4: new Map<string, Map<string, IptChain>>(), 6: new Map<string, Map<string, IptChain>>() };
    const table = (family: 4 | 6, name: string, line: Span): OpenTable => {
      let t = opened[family].get(name);
      if (!t) {
        if (!BUILTIN_CHAINS[name]) throw this.error(`Unknown table ${name}`, line);
        t = { name, header: line, chains: new Map(), family };
        for (const c of BUILTIN_CHAINS[name]!) t.chains.set(c, { table: name, name: c, policy: 'ACCEPT', builtin: true, span: line, rules: [] });
        opened[family].set(name, t);
        tables[family].set(name, t.chains);
      }
      return t;
    };
    for (const words of commandLines(this.file, true)) {
      // A CRLF line ending puts a carriage return in the command's last word (or, after a trailing
      // backslash, makes it a word of its own): iptables refuses the command, and the script goes on.
      const last = words[words.length - 1]!;
      const cr = this.file.text[last.end] === '\r' ? last.end : this.file.text[last.end - 1] === '\r' ? last.end - 1 : undefined;
      for (const command of this.shellCommands(words)) {
        if (cr !== undefined && command.includes(last) && !(last.quoted && this.file.text[last.end - 1] === '"') && this.iptablesCommand(command, binaries))
          throw this.error('A carriage return ends this command (a CRLF line ending): the shell passes it to iptables as part of the last word, and iptables refuses the command', { file: this.file, start: cr, end: cr + 1 });
        this.scriptLine(command, binaries, vars, table);
      }
    }
    for (const t of [...tables[4].values(), ...tables[6].values()]) for (const c of t.values()) c.rules.forEach((r, i) => (r.index = i + 1));
    this.loops(tables[4]);
    this.loops(tables[6]);
    if (tables[4].size && tables[6].size) return { family: 4, tables: tables[4], ip6: tables[6], problems: this.problems };
    const family: 4 | 6 = this.family ?? (tables[6].size ? 6 : 4);
    for (const [name, chains] of tables[tables[6].size ? 6 : 4]) this.tables.set(name, chains);
    return { family, tables: this.tables, problems: this.problems };
  }

  /**
   * The commands of one script line: split at `;`, `&&` and `||`, without output redirections
   * (`2>/dev/null`, `> log 2>&1`) and a trailing `# comment`. Commands joined by `&&` or `||` are each read, as a fresh kernel
   * would run them (`iptables -C … || iptables -A …` adds the rule); the condition is warned about.
   */
  private shellCommands(words: Word[]): Word[][] {
    const out: Word[][] = [];
    let cur: Word[] = [];
    let conditional: Word | undefined;
    const end = (): void => {
      if (cur.length) out.push(cur);
      cur = [];
    };
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (!w.quoted && w.text.startsWith('#')) break; // a comment to the end of the line
      if (!w.quoted && (w.text === '&&' || w.text === '||')) {
        conditional ??= w;
        end();
      } else if (!w.quoted && w.text === ';') end();
      else if (!w.quoted && /^\d*(?:>>?|<)(?:&\d+|&-)?$/.test(w.text)) i++; // `2>` `/dev/null`: the target is the next word
      else if (!w.quoted && /^\d*(?:>>?|<)\S+$/.test(w.text)) continue;
      else if (!w.quoted && w.text.endsWith(';')) {
        cur.push({ ...w, text: w.text.slice(0, -1), end: w.end - 1 });
        end();
      } else cur.push(w);
    }
    end();
    if (conditional) this.warn('iptables-script-line', `"${conditional.text}" joins commands on a condition gridfence does not follow: each iptables command of the line is read`, this.span(conditional));
    // `true` and `:` after `||` do nothing.
    return out.filter((c) => !(c.length === 1 && (c[0]!.text === 'true' || c[0]!.text === ':')));
  }

  /** Whether the shell expands a variable in the word: a `$` outside single quotes. */
  private expands(w: Word): boolean {
    const raw = this.file.text.slice(w.start, w.end);
    let single = false;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (c === "'" && raw[i - 1] !== '\\') single = !single;
      else if (c === '$' && !single && raw[i - 1] !== '\\' && /[A-Za-z_{]/.test(raw[i + 1] ?? '')) return true;
    }
    return false;
  }

  /** The word with the script's variables put in; a variable it does not set is an input error at the word. */
  private expanded(w: Word, vars: ReadonlyMap<string, string>): Word {
    const text = w.text.replace(/\$(?:\{(\w+)\}|(\w+))/g, (whole, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare!;
      const value = vars.get(name);
      if (value === undefined) throw this.error(`$${name} is a shell variable the script does not set (it comes from the environment): what the command does cannot be known; set it in the script, or give the ruleset as iptables-save output`, this.span(w));
      return value;
    });
    return { ...w, text };
  }

  /** Whether a script's command runs iptables or ip6tables (by name, through sudo or a variable that names one). */
  private iptablesCommand(all: Word[], binaries: Map<string, 4 | 6>): boolean {
    const bin = all[all[0]!.text === 'sudo' ? 1 : 0]?.text ?? '';
    const variable = /^\$\{?(\w+)\}?$/.exec(bin);
    return variable ? binaries.has(variable[1]!) : BINARY.test(bin);
  }

  private scriptLine(all: Word[], binaries: Map<string, 4 | 6>, vars: Map<string, string>, table: (family: 4 | 6, name: string, line: Span) => OpenTable): void {
    const line = this.span(all[0]!, all[all.length - 1]!);
    const assign = /^([A-Za-z_]\w*)=(\S*)$/.exec(all.length === 1 ? all[0]!.text : ''); // quotes are already removed
    if (assign && BINARY.test(assign[2]!)) {
      binaries.set(assign[1]!, BINARY.exec(assign[2]!)![1] === '6' ? 6 : 4);
      return;
    }
    // A literal value (no expansion in it): later commands read it where the variable stands.
    if (assign && !this.expands(all[0]!)) {
      vars.set(assign[1]!, assign[2]!);
      return;
    }
    let k = all[0]!.text === 'sudo' ? 1 : 0;
    const bin = all[k]?.text ?? '';
    const variable = /^\$\{?(\w+)\}?$/.exec(bin);
    const binFamily = variable ? binaries.get(variable[1]!) : BINARY.test(bin) ? (BINARY.exec(bin)![1] === '6' ? 6 : 4) : undefined;
    if (binFamily === undefined) {
      this.warn('iptables-script-line', `"${all.map((w) => w.text).join(' ').slice(0, 60)}" is not an iptables command: the script's other lines are not read`, line);
      return;
    }
    k++;
    // -t/--table may stand anywhere before the rule's own options.
    const words = all.map((w, i) => (i >= k && this.expands(w) ? this.expanded(w, vars) : w));
    let tableName = 'filter';
    const t = words.findIndex((w, i) => i >= k && !w.quoted && (w.text === '-t' || w.text === '--table'));
    if (t >= 0) {
      if (!words[t + 1]) throw this.error('-t needs a table name', this.span(words[t]!));
      tableName = words[t + 1]!.text;
      words.splice(t, 2);
    }
    const cmd = words[k];
    if (!cmd) throw this.error('An iptables command needs -A, -I, -N, -P, -F or -X', line);
    const open = table(binFamily, tableName, line);
    const chainW = words[k + 1];
    const needChain = (): IptChain => {
      if (!chainW) throw this.error(`${cmd.text} needs a chain name`, this.span(cmd));
      const c = open.chains.get(chainW.text);
      if (!c) throw this.error(`Chain ${chainW.text} does not exist in table ${tableName} (create it with -N first)`, this.span(chainW));
      return c;
    };
    switch (cmd.text) {
      case '-A':
      case '--append':
      case '-I':
      case '--insert': {
        const chain = needChain();
        let at = chain.rules.length;
        let from = k + 2;
        if (cmd.text === '-I' || cmd.text === '--insert') {
          const n = words[from];
          at = 0;
          if (n && !/^[-!]/.test(n.text)) {
            // A word after the chain is the position, read with base 0 (010 is 8, 0x2 is 2): iptables
            // inserts at 1 … length + 1 and refuses anything else (the script goes on without the rule).
            const pos = /^(?:\d+|0x[0-9a-f]+)$/i.test(n.text) ? baseZero(n.text.toLowerCase()) : undefined;
            if (pos === undefined) throw this.error(`${cmd.text} ${chain.name} ${n.text}: "${n.text}" is not a rule number, so iptables refuses the insertion ("Invalid rule number")`, this.span(n));
            if (pos < 1 || pos > chain.rules.length + 1) throw this.error(`${cmd.text} ${chain.name} ${n.text}: the chain has ${chain.rules.length} rule${chain.rules.length === 1 ? '' : 's'} here, so iptables refuses the insertion ("Index of insertion too big" / "Invalid rule number")`, this.span(n));
            at = pos - 1;
            from++;
          }
        }
        const rule: IptRule = { table: tableName, chain: chain.name, index: at + 1, span: line, matches: [] };
        new RuleReader(this, open, rule, words, from).read();
        chain.rules.splice(at, 0, rule);
        return;
      }
      case '-N':
      case '--new-chain':
        if (!chainW) throw this.error('-N needs a chain name', this.span(cmd));
        if (open.chains.has(chainW.text)) throw this.error(`Chain ${chainW.text} already exists in table ${tableName}`, this.span(chainW));
        open.chains.set(chainW.text, { table: tableName, name: chainW.text, builtin: false, span: line, rules: [] });
        return;
      case '-P':
      case '--policy': {
        const chain = needChain();
        const policy = words[k + 2]?.text;
        if (!chain.builtin) throw this.error(`${chain.name} is not a built-in chain: only built-in chains have a policy`, this.span(chainW!));
        if (policy !== 'ACCEPT' && policy !== 'DROP') throw this.error(`"${policy ?? ''}" is not a chain policy (ACCEPT or DROP)`, words[k + 2] ? this.span(words[k + 2]!) : line);
        chain.policy = policy;
        chain.span = line;
        return;
      }
      case '-F':
      case '--flush':
        for (const c of open.chains.values()) if (!chainW || c.name === chainW.text) c.rules = [];
        return;
      case '-X':
      case '--delete-chain': {
        // The kernel keeps a chain that still has rules or that a rule jumps to ("Device or resource busy").
        const gone = [...open.chains.values()].filter((c) => !c.builtin && (!chainW || c.name === chainW.text));
        const rules = [...open.chains.values()].flatMap((c) => c.rules);
        for (const c of gone) {
          const busy = c.rules.length > 0 ? `it has ${c.rules.length} rule${c.rules.length === 1 ? '' : 's'}` : rules.some((r) => r.target?.name === c.name && (r.target.kind === 'jump' || r.target.kind === 'goto')) ? 'a rule jumps to it' : undefined;
          if (busy) throw this.error(`${cmd.text} cannot delete chain ${c.name} of table ${tableName}: ${busy} (iptables refuses it; flush it and remove the jumps first)`, this.span(chainW ?? cmd));
        }
        for (const c of gone) open.chains.delete(c.name);
        return;
      }
      case '-Z':
      case '--zero':
      case '-C':
      case '--check':
      case '-L':
      case '--list':
      case '-S':
      case '--list-rules':
        // Counters, checks and listings change no table.
        return;
      default:
        throw this.error(`${cmd.text} is not read in a script (only -A, -I, -N, -P, -F, -X, -Z, -C, -L and -S are)`, this.span(cmd));
    }
  }

  /** The family the caller or the file's `# Generated by …` header names, when one does. */
  knownFamily(): 4 | 6 | undefined {
    return this.family ?? this.writer;
  }

  private openTable(line: Span): OpenTable {
    const name = this.file.text.slice(line.start + 1, line.end);
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw this.error(`"*${name}" is not a table name`, line);
    if (this.tables.has(name)) throw this.error(`Table ${name} appears twice in the file`, line);
    if (!BUILTIN_CHAINS[name]) this.warn('iptables-unknown-table', `Unknown table ${name}: its chains are read as user chains`, line);
    return { name, header: line, chains: new Map() };
  }

  /** `:NAME POLICY [packets:bytes]` — POLICY is `-` for a user chain. */
  private chainLine(open: OpenTable, line: Span): void {
    const words = splitWords(this.file, line.start + 1, line.end);
    const [nameW, policyW, countersW, extra] = words;
    if (!nameW || nameW.start !== line.start + 1) throw this.error('A chain line needs a name right after ":"', line);
    if (!policyW) throw this.error(`Chain ${nameW.text} has no policy (ACCEPT, DROP or "-" for a user chain)`, line);
    if (extra) throw this.error(`Unexpected "${extra.text}" after the chain's counters`, this.span(extra));
    if (countersW && !/^\[\d+:\d+\]$/.test(countersW.text)) throw this.error(`"${countersW.text}" is not a [packets:bytes] counter`, this.span(countersW));
    const name = nameW.text;
    if (open.chains.has(name)) throw this.error(`Chain ${name} is declared twice in table ${open.name}`, line);
    const builtins = BUILTIN_CHAINS[open.name];
    const builtin = builtins?.includes(name) ?? false;
    const policy = policyW.text;
    let pol: IptChain['policy'];
    if (policy === '-') {
      if (builtin) throw this.error(`Built-in chain ${name} needs a policy (ACCEPT or DROP), not "-"`, this.span(policyW));
    } else if (policy === 'ACCEPT' || policy === 'DROP') {
      // RETURN is a verdict, not a policy: iptables-restore refuses it ("Bad policy name").
      if (builtins && !builtin) throw this.error(`${name} is not a built-in chain of table ${open.name}, so it cannot have a policy (write "-")`, this.span(policyW));
      pol = policy;
    } else throw this.error(`"${policy}" is not a chain policy (ACCEPT, DROP, or "-" for a user chain)`, this.span(policyW));
    open.chains.set(name, { table: open.name, name, ...(pol ? { policy: pol } : {}), builtin: builtin || (!builtins && pol !== undefined), span: line, rules: [] });
  }

  private ruleLine(open: OpenTable | undefined, line: Span): void {
    const words = splitWords(this.file, line.start, line.end);
    let i = 0;
    let counters: [number, number] | undefined;
    const first = words[0]!;
    const lead = /^\[(\d+):(\d+)\]$/.exec(first.text);
    if (lead && !first.quoted) {
      counters = [Number(lead[1]), Number(lead[2])];
      i++;
    }
    const cmd = words[i];
    if (!cmd) throw this.error('Counters without a rule', line);
    if (cmd.text === '-A' || cmd.text === '--append') {
      if (!open) throw this.error('A rule before any *table line', this.span(cmd));
    } else if (COMMANDS[cmd.text]) {
      throw this.error(`${cmd.text} ${COMMANDS[cmd.text]} a chain; iptables-save output only appends rules with -A (declare chains with ":NAME POLICY [0:0]" lines)`, this.span(cmd));
    } else {
      throw this.error(`Unexpected "${cmd.text}": a line must be a comment, *table, :CHAIN, -A rule or COMMIT`, this.span(cmd));
    }
    const chainW = words[i + 1];
    if (!chainW) throw this.error('-A needs a chain name', this.span(cmd));
    let chain = open.chains.get(chainW.text);
    if (!chain && BUILTIN_CHAINS[open.name]?.includes(chainW.text)) {
      // iptables-restore takes a rule for a built-in chain without its ":CHAIN POLICY" line and leaves the
      // chain's policy as the kernel had it: read as ACCEPT, a fresh kernel's, the policy that lets most through.
      chain = { table: open.name, name: chainW.text, policy: 'ACCEPT', builtin: true, span: this.span(chainW), rules: [] };
      open.chains.set(chain.name, chain);
      this.warn('iptables-undeclared-chain', `Built-in chain ${chain.name} has no ":${chain.name} POLICY" line: its policy is whatever the kernel had, read as ACCEPT`, this.span(chainW));
    }
    if (!chain) throw this.error(`Chain ${chainW.text} is not declared in table ${open.name} (a ":${chainW.text} - [0:0]" line is missing)`, this.span(chainW));
    const rule: IptRule = { table: open.name, chain: chain.name, index: chain.rules.length + 1, span: line, matches: [] };
    if (counters) rule.counters = counters;
    new RuleReader(this, open, rule, words, i + 2).read();
    chain.rules.push(rule);
  }

  // helpers shared with RuleReader

  span(w: Word, last: Word = w): Span {
    return { file: this.file, start: w.start, end: last.end };
  }

  error(message: string, span: Span): InputError {
    return new InputError('iptables', message, span);
  }

  warn(code: string, message: string, span: Span): void {
    this.problems.push({ severity: 'warning', code, message, location: toLocation(span) });
  }

  sawVersion(v: 4 | 6): void {
    if (v === 6) this.sawV6 = true;
    else this.sawV4 = true;
  }
}

/** Reads the options of one `-A` line, left to right. */
class RuleReader {
  private i: number;
  /** Modules loaded so far with -m (or implicitly by -p), latest last: long options are looked up in them. */
  private readonly modules: string[] = [];
  /** Where each of `modules` is loaded (`-m NAME`). */
  private readonly moduleSpans: Span[] = [];
  private protocol: string | undefined;
  /** The protocol of `! -p NAME`. */
  private negatedProtocol: string | undefined;
  /** Options given so far per loaded module (by its place in `modules`, -1 for the protocol's implicit one). */
  private readonly used = new Map<number, Map<string, string>>();
  /** Whether an option of the protocol's module (`-p tcp --dport 22`) has loaded it. */
  private implicitLoaded = false;
  /** Top-level options given so far (-s, -d, -i, -o, -p, -f, -c). */
  private readonly seen = new Set<string>();
  /** The words that give the target's options their values, by option (`to-destination` → `10.0.0.1:80`). */
  private readonly targetValues = new Map<string, Word>();

  constructor(
    private readonly p: Parser,
    private readonly table: OpenTable,
    private readonly rule: IptRule,
    private readonly w: Word[],
    start: number,
  ) {
    this.i = start;
  }

  read(): void {
    while (this.i < this.w.length) {
      let neg: Word | undefined;
      let opt = this.w[this.i]!;
      if (opt.text === '!' && !opt.quoted) {
        neg = opt;
        const next = this.w[this.i + 1];
        if (!next || !isOption(next)) throw this.p.error('"!" must be followed by the option it negates', this.p.span(opt));
        this.i++;
        opt = next;
      }
      if (!isOption(opt)) throw this.p.error(`Unexpected "${opt.text}": an option (such as -s, -p, -m or -j) was expected`, this.p.span(opt));
      this.i++;
      this.option(opt, neg);
    }
    this.protocolModules();
    this.requiredOptions();
    this.targetPlace();
  }

  /** Matches that test nothing without their option: iptables-restore refuses `-m state` alone ("option --state must be specified"). */
  private requiredOptions(): void {
    const REQUIRED: Readonly<Record<string, readonly string[]>> = table({ comment: ['--comment'], state: ['--state'], iprange: ['--src-range', '--dst-range'], multiport: ['--ports'], set: ['--match-set'] });
    for (const [k, m] of this.modules.entries()) {
      const need = REQUIRED[m];
      const used = this.used.get(k);
      if (need && !need.some((o) => used?.has(o))) throw this.p.error(`-m ${m} needs ${need.join(' or ')}: iptables refuses the rule`, this.moduleSpans[k]!);
    }
  }

  /**
   * Targets the kernel takes only in some places, refused at load under both backends: NAT targets
   * outside the nat table or their hooks (DNAT and REDIRECT in PREROUTING and OUTPUT, SNAT in
   * POSTROUTING and INPUT, MASQUERADE in POSTROUTING only), REDIRECT --to-ports and REJECT --reject-with tcp-reset
   * without their protocol, and a jump to a built-in chain.
   */
  private targetPlace(): void {
    const t = this.rule.target;
    if (!t) return;
    const hooks: Readonly<Record<string, readonly string[]>> = table({ DNAT: ['PREROUTING', 'OUTPUT'], REDIRECT: ['PREROUTING', 'OUTPUT'], SNAT: ['POSTROUTING', 'INPUT'], MASQUERADE: ['POSTROUTING'] });
    const places = hooks[t.name];
    if (t.kind === 'nat' && places) {
      if (this.table.name !== 'nat') throw this.p.error(`${t.name} is a target of the nat table only, not of ${this.table.name}: the kernel refuses the rule`, t.span);
      if (BUILTIN_CHAINS.nat!.includes(this.rule.chain) && !places.includes(this.rule.chain)) throw this.p.error(`${t.name} works in ${places.join(' and ')} only, not in ${this.rule.chain}: the kernel refuses the rule`, t.span);
    }
    if (t.name === 'REDIRECT' && 'to-ports' in t.args && !['tcp', 'udp', 'sctp', 'dccp'].includes(this.protocol ?? '')) throw this.p.error('REDIRECT --to-ports needs -p tcp, udp, sctp or dccp: iptables refuses the rule', t.span);
    this.natTargetValues(t.name);
    if (t.name === 'REJECT' && t.args['reject-with'] === 'tcp-reset' && this.protocol !== 'tcp') throw this.p.error('REJECT --reject-with tcp-reset needs -p tcp: the kernel refuses the rule', t.span);
    if ((t.kind === 'jump' || t.kind === 'goto') && BUILTIN_CHAINS[this.table.name]?.includes(t.name)) throw this.p.error(`${t.name} is a built-in chain: a rule cannot jump to it (the kernel refuses the rule)`, t.span);
  }

  /**
   * The addresses and ports of a NAT target, refused as libxt_DNAT / libxt_REDIRECT / libxt_MASQUERADE
   * refuse them: an address that is not a dotted quad (no leading zeros: `010.0.0.1`, `10.1`,
   * `10.0.0.1/24` are refused) or a range of two, ports given without -p tcp, udp, sctp, dccp or icmp,
   * and ports not read as natPortSpec reads them (`08`, `80-08`, `80:90`, `65536`, an empty port).
   */
  private natTargetValues(target: string): void {
    const option = target === 'DNAT' ? 'to-destination' : target === 'SNAT' ? 'to-source' : target === 'REDIRECT' || target === 'MASQUERADE' ? 'to-ports' : undefined;
    const word = option === undefined ? undefined : this.targetValues.get(option);
    if (!word) return;
    const fail = (msg: string): never => {
      throw this.p.error(`${target} --${option} ${word.text}: ${msg} (iptables refuses the rule)`, this.p.span(word));
    };
    let ports: string | undefined = word.text;
    if (option !== 'to-ports') {
      const text = word.text;
      // `[V6]`, `[V6]:PORTS` and a bare IPv6 address (two colons or more) are ip6tables' forms.
      const v6 = /^\[[^\]]*\](?::(.*))?$/.exec(text);
      if (v6) ports = v6[1];
      else if ((text.match(/:/g) ?? []).length > 1) {
        ports = undefined;
        const bad = text.split('-').find((a) => parseIp(a)?.version !== 6);
        if (bad !== undefined) fail(`"${bad}" is neither an IPv6 address nor an address and ports ("Bad IP address")`);
      } else {
        const colon = text.indexOf(':');
        const addr = colon === -1 ? text : text.slice(0, colon);
        ports = colon === -1 ? undefined : text.slice(colon + 1);
        const quad = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
        const dash = addr.indexOf('-');
        const ends = dash === -1 ? [addr] : [addr.slice(0, dash), addr.slice(dash + 1)];
        if (addr !== '' && !ends.every((a) => quad.test(a))) fail(`"${ends.find((a) => !quad.test(a))}" is not an address in dotted-quad form ("Bad IP address")`);
      }
    }
    if (ports === undefined) return;
    if (!['tcp', 'udp', 'sctp', 'dccp', 'icmp'].includes(this.protocol ?? '')) fail('ports need -p tcp, udp, sctp, dccp or icmp ("Need TCP, UDP, SCTP or DCCP with port specification")');
    const problem = natPortProblem(ports, target === 'DNAT');
    if (problem) fail(problem);
  }

  /**
   * A protocol's match (-m tcp, udp, sctp, dccp, icmp, icmp6) needs `-p` of that protocol, and
   * multiport one of the protocols with ports: iptables-restore refuses the rule otherwise ("TCP match
   * requires '-p tcp'", "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP"). A negated
   * `! -p tcp -m tcp` is loaded by iptables-nft and refused by the legacy kernel: it is let through.
   */
  private protocolModules(): void {
    for (const [k, m] of this.modules.entries()) {
      const own = Object.keys(IMPLICIT_MODULES).find((p) => IMPLICIT_MODULES[p] === m);
      if (m === 'multiport') {
        if (this.protocol === undefined || !['tcp', 'udp', 'udplite', 'sctp', 'dccp'].includes(this.protocol))
          throw this.p.error(`-m multiport needs -p tcp, udp, udplite, sctp or dccp${this.protocol ? `, not ${this.protocol}` : ''}: iptables refuses the rule`, this.moduleSpans[k]!);
      } else if (own !== undefined && this.protocol !== own && !(this.protocol === undefined && this.negatedProtocol !== undefined)) {
        throw this.p.error(`-m ${m} needs -p ${own}${this.protocol ? `, not ${this.protocol}` : ''}: iptables refuses the rule`, this.moduleSpans[k]!);
      }
    }
  }

  private option(opt: Word, neg: Word | undefined): void {
    const top = TOP_OPTIONS[opt.text];
    if (top) return this.topOption(top, opt, neg);
    if (!opt.text.startsWith('--')) throw this.p.error(`Unknown option ${opt.text}`, this.p.span(opt));
    // A long option belongs to the latest loaded module that knows it (iptables resolves them the same way).
    for (let k = this.modules.length - 1; k >= 0; k--) {
      const m = this.modules[k]!;
      if (MODULE_OPTIONS[m]?.includes(opt.text)) {
        this.once(k, m, opt, neg);
        return this.moduleOption(m, opt, neg);
      }
    }
    // --dport after `-p tcp` without `-m tcp` (and --icmp-type after `-p icmp`) loads the protocol's
    // module, when no option loaded so far is or abbreviates it; from then on its options are the rule's.
    const implicit = this.protocol === undefined ? undefined : IMPLICIT_MODULES[this.protocol];
    if (implicit && this.implicitLoaded && MODULE_OPTIONS[implicit]?.includes(opt.text)) {
      if (implicit === 'icmp') this.p.sawVersion(4);
      else if (implicit === 'icmp6') this.p.sawVersion(6);
      this.once(-1, implicit, opt, neg);
      return this.moduleOption(implicit, opt, neg);
    }
    // A module read only as `other` takes any long option: its options are not checked here.
    for (let k = this.modules.length - 1; k >= 0; k--) {
      const m = this.modules[k]!;
      if (!MODULE_OPTIONS[m]) return this.moduleOption(m, opt, neg);
    }
    // getopt_long takes an unambiguous abbreviation (`--sour` is --source, `-m multiport --dport` is --dports).
    const full = this.abbreviation(opt.text, this.loadedOptions());
    if (full !== undefined) return this.option({ ...opt, text: full }, neg);
    if (implicit && !this.implicitLoaded) {
      const own = MODULE_OPTIONS[implicit] ?? [];
      const name = own.includes(opt.text) ? opt.text : this.abbreviation(opt.text, [...this.loadedOptions(), ...own]);
      if (name !== undefined && own.includes(name)) {
        this.implicitLoaded = true;
        return this.option({ ...opt, text: name }, neg);
      }
    }
    const module = this.modules[this.modules.length - 1] ?? '';
    // `! -p tcp --dport 22`: iptables-nft loads the tcp match for a negated protocol too, the legacy
    // kernel refuses the rule; either way the port test is not one the model can read.
    const negatedImplicit = this.negatedProtocol === undefined ? undefined : IMPLICIT_MODULES[this.negatedProtocol];
    if (negatedImplicit && MODULE_OPTIONS[negatedImplicit]?.includes(opt.text)) {
      const args = this.genericArgs();
      const span = this.groupSpan(neg ?? opt, opt, args);
      this.p.warn('iptables-unknown-match', `${opt.text} of a negated protocol (! -p ${this.negatedProtocol}): the rule is kept, but this condition is not modelled`, span);
      return this.other(negatedImplicit, span);
    }
    // Every module loaded knows its options: iptables refuses any other, and an ambiguous abbreviation.
    throw this.p.error(`Unknown option ${opt.text}${module ? ` for match ${module}` : this.protocol === undefined ? ' (no -p or -m loads it)' : ` after -p ${this.protocol}`}: iptables refuses the rule`, this.p.span(neg ?? opt, opt));
  }

  /** The long options getopt_long knows at this point of the rule: the top level's and those of the modules loaded so far. */
  private loadedOptions(): string[] {
    const implicit = this.protocol === undefined || !this.implicitLoaded ? undefined : IMPLICIT_MODULES[this.protocol];
    return [...Object.keys(TOP_OPTIONS).filter((o) => o.startsWith('--')), ...[...this.modules, ...(implicit ? [implicit] : [])].flatMap((m) => MODULE_OPTIONS[m] ?? [])];
  }

  /** The one option of `known` that `text` abbreviates, as getopt_long resolves it: undefined when none, or several different ones. */
  private abbreviation(text: string, known: readonly string[]): string | undefined {
    const candidates = known.filter((o) => o.startsWith(text));
    const meaning = (o: string): string => TOP_OPTIONS[o] ?? ALIAS[o] ?? o;
    return candidates.length > 0 && candidates.every((o) => meaning(o) === meaning(candidates[0]!)) ? candidates[0] : undefined;
  }

  /** Each option of a match is given once per `-m` (iptables: "option can only be used once"); `k` is the module's place, -1 the implicit one. */
  private once(k: number, module: string, opt: Word, neg: Word | undefined): void {
    let used = this.used.get(k);
    if (!used) this.used.set(k, (used = new Map()));
    const key = SAME_OPTION[opt.text] ?? opt.text;
    const first = used.get(key);
    if (first !== undefined) throw this.p.error(`${module}: ${opt.text}${first === opt.text ? ' is given twice' : ` cannot be given with ${first}`} in one match: iptables refuses the rule`, this.p.span(neg ?? opt, opt));
    used.set(key, opt.text);
  }

  private topOption(top: string, opt: Word, neg: Word | undefined): void {
    const from = neg ?? opt;
    if (['-s', '-d', '-i', '-o', '-p', '-f', '-c'].includes(top)) {
      if (this.seen.has(top)) throw this.p.error(`${opt.text} is given twice: iptables refuses the rule (multiple ${top} flags)`, this.p.span(from, opt));
      this.seen.add(top);
    }
    switch (top) {
      case '-s':
      case '-d': {
        const { arg, negated } = this.arg(opt, neg);
        const span = this.groupSpan(from, opt, [arg]);
        const prefixes: Prefix[] = [];
        // iptables expands a list into one rule per address, which a negation cannot be spread over.
        if (negated && arg.text.includes(',')) throw this.p.error(`"!" is not allowed with several addresses (${opt.text} ${arg.text}): iptables refuses the rule`, span);
        for (const written of arg.text.split(',')) {
          const part = dottedQuad(written);
          const mask = maskBits(part);
          if (mask === null) {
            this.p.warn('iptables-unknown-match', `"${part}" has a mask that is not a prefix: the rule is kept, but this address test is not modelled`, span);
            return this.other(top, span);
          }
          const pfx = parsePrefixOrAddress(mask === undefined ? part : `${part.slice(0, part.indexOf('/'))}/${mask}`);
          if (!pfx) {
            if (/^[A-Za-z0-9.-]+$/.test(part) && /[A-Za-z]/.test(part)) {
              this.p.warn('iptables-hostname', `"${part}" is a host name: iptables resolves it once, when the rule is loaded, so the address it stood for is unknown`, span);
              return this.other(top, span);
            }
            throw this.p.error(`"${part}" is not an address or prefix`, this.p.span(arg));
          }
          this.p.sawVersion(pfx.version);
          prefixes.push(pfx);
        }
        this.rule.matches.push({ kind: top === '-s' ? 'src' : 'dst', prefixes, negated, span });
        return;
      }
      case '-i':
      case '-o': {
        const { arg, negated } = this.arg(opt, neg);
        // A built-in chain whose hook has no such interface: iptables refuses the rule.
        const hookless = top === '-i' ? ['OUTPUT', 'POSTROUTING'] : ['INPUT', 'PREROUTING'];
        if (hookless.includes(this.rule.chain)) throw this.p.error(`Can't use ${top} with ${this.rule.chain}: iptables refuses the rule`, this.groupSpan(from, opt, [arg]));
        // IFNAMSIZ: a name of at most 15 characters, a trailing `+` included; iptables refuses a longer one.
        if (arg.text.length > 15) throw this.p.error(`Interface name "${arg.text}" is longer than 15 characters: iptables refuses it`, this.p.span(arg));
        if (arg.text === '') throw this.p.error('An empty interface name: iptables refuses it ("Empty interface is likely to be undesired")', this.p.span(arg));
        const wildcard = arg.text.endsWith('+');
        const iface = wildcard ? arg.text.slice(0, -1) : arg.text;
        this.rule.matches.push({ kind: top === '-i' ? 'in' : 'out', iface, wildcard, negated, span: this.groupSpan(from, opt, [arg]) });
        return;
      }
      case '-p': {
        const { arg, negated } = this.arg(opt, neg);
        const span = this.groupSpan(from, opt, [arg]);
        const name = arg.text.toLowerCase();
        let protocol: number | 'all';
        // A number is read with base 0, as iptables reads it (-p 010 is 8, egp); digits that are no
        // protocol number (08, 256) are no protocol name either: iptables refuses them.
        const number = baseZero(name);
        if (name === 'all' || number === 0) protocol = 'all';
        else if (number !== undefined && number <= 255) protocol = number;
        else if (/^(?:\d+|0x[0-9a-f]+)$/.test(name)) throw this.p.error(`"${arg.text}" is not a protocol number (0-255; a leading 0 makes it octal): iptables refuses it ("unknown protocol")`, this.p.span(arg));
        else if (PROTOCOLS[name] !== undefined) protocol = PROTOCOLS[name]!;
        else {
          this.p.warn('iptables-unknown-match', `Unknown protocol "${arg.text}": the rule is kept, but its protocol is not modelled`, span);
          return this.other('-p', span);
        }
        const canonical = typeof protocol === 'number' ? PROTOCOL_NAMES.get(protocol) : undefined;
        if (!negated) this.protocol = canonical;
        else this.negatedProtocol = canonical;
        this.rule.matches.push({ kind: 'proto', protocol, negated, span });
        return;
      }
      case '-m': {
        if (neg) throw this.p.error('"!" cannot negate -m; negate the module\'s option instead ("-m set ! --match-set …")', this.p.span(neg));
        const name = this.need(opt);
        this.modules.push(name.text);
        this.moduleSpans.push(this.p.span(opt, name));
        // Each ICMP module exists in one family only (libxt_icmp for iptables, libip6t_icmp6 for ip6tables).
        if (name.text === 'icmp') this.p.sawVersion(4);
        else if (name.text === 'icmp6') this.p.sawVersion(6);
        if (!KNOWN_MODULES.has(name.text)) {
          const span = this.p.span(opt, name);
          this.p.warn('iptables-unknown-match', `Unknown match module ${name.text}: the rule is kept, but its conditions are not modelled`, span);
          this.other(name.text, span);
        }
        return;
      }
      case '-f': {
        this.other('fragment', this.p.span(from, opt));
        return;
      }
      case '-c': {
        if (neg) throw this.p.error('"!" cannot negate -c', this.p.span(neg));
        const pk = this.need(opt);
        const by = this.need(opt);
        if (!/^\d+$/.test(pk.text) || !/^\d+$/.test(by.text)) throw this.p.error('-c needs two counts: packets and bytes', this.p.span(opt, by));
        this.rule.counters = [Number(pk.text), Number(by.text)];
        return;
      }
      case '-4':
      case '-6':
        // Family selectors: a rule for the other family is skipped by iptables-restore; keep it as other.
        this.other(top, this.p.span(from, opt));
        return;
      case '-j':
      case '-g':
        if (neg) throw this.p.error(`"!" cannot negate ${opt.text}`, this.p.span(neg));
        if (this.rule.target) throw this.p.error('A rule has at most one target (-j or -g)', this.p.span(opt));
        return this.target(top, opt);
    }
  }

  private target(top: string, opt: Word): void {
    const nameW = this.need(opt);
    const name = nameW.text;
    const args: Record<string, string> = {};
    let last = nameW;
    // Target options follow the target and are long options; a short option, `!` or an option of a
    // match loaded before ends them (iptables reads `-p tcp -j DROP --dport 22` as a match on port 22).
    // ACCEPT, DROP, RETURN and chains take no options: whatever follows them belongs to the matches.
    const optionless = top === '-g' || ['ACCEPT', 'DROP', 'RETURN'].includes(name) || (this.table.chains.has(name) && !TARGET_KINDS[name]);
    while (!optionless && this.i < this.w.length) {
      const o = this.w[this.i]!;
      if (o.quoted || !o.text.startsWith('--') || TOP_OPTIONS[o.text] || this.matchOption(o.text)) break;
      this.i++;
      last = o;
      const key = targetOption(name, o.text.slice(2));
      // A target's option is given once (xtables: "option … can only be used once").
      if ((TARGET_OPTIONS[name] || ONCE_OPTION_TARGETS.has(name)) && key in args) throw this.p.error(`${name}: option "--${key}" can only be used once: iptables refuses the rule`, this.p.span(o));
      const v = this.w[this.i];
      if (v && !TARGET_FLAGS.has(`--${key}`) && (v.quoted || !v.text.startsWith('-'))) {
        args[key] = v.text;
        this.targetValues.set(key, v);
        last = v;
        this.i++;
        // SET's set options take the set's name and then its flags (`--add-set knock src`).
        const flags = this.w[this.i];
        if (name === 'SET' && /^(?:add|del|map)-set$/.test(key) && flags && !flags.quoted && !flags.text.startsWith('-')) {
          args[key] += ` ${flags.text}`;
          last = flags;
          this.i++;
        }
      } else args[key] = '';
    }
    const span = this.p.span(opt, last);
    this.targetValuesKnown(name, args);
    const isChain = this.table.chains.has(name);
    let kind: TargetKind;
    if (top === '-g') {
      if (!isChain) throw this.p.error(`-g needs a chain of table ${this.table.name}; ${name} is not declared`, this.p.span(nameW));
      kind = 'goto';
    } else if (isChain && !TARGET_KINDS[name]) kind = 'jump';
    else if (name === 'CT') kind = 'notrack' in args ? 'notrack' : 'other';
    else if (TARGET_KINDS[name]) kind = TARGET_KINDS[name]!;
    else {
      kind = 'other';
      if (!OTHER_TARGETS.has(name)) this.p.warn('iptables-unknown-target', `Unknown target ${name} (not a chain of table ${this.table.name}): the rule is kept, but its verdict is not modelled`, span);
    }
    // Targets that send traffic where the graph does not follow, said rather than passed over.
    if (name === 'TEE') this.p.warn('iptables-not-followed', `TEE copies the packets it takes to ${args['gateway'] || 'a gateway'}, which is not followed: where the copies go is not checked`, span);
    if (name === 'CT' && args['helper']) this.p.warn('iptables-not-followed', `CT --helper ${args['helper']} lets the connections the helper expects in as RELATED, which is not followed: what they open is not checked`, span);
    this.rule.target = { name, args, span, kind };
  }

  /**
   * REJECT's --reject-with and LOG's --log-level as their modules read them, refused as they refuse
   * them: a reject type is any start of a name or an alias of libipt_REJECT's / libip6t_REJECT's, in
   * any case, the first in their order (`t` and `TCP-R` are tcp-reset, `p` icmp-proto-unreachable),
   * kept by its full name; a log level a syslog name or a number 0-7 (base 0).
   */
  private targetValuesKnown(name: string, args: Record<string, string>): void {
    const fail = (option: string, msg: string): never => {
      throw this.p.error(msg, this.p.span(this.targetValues.get(option)!));
    };
    if (name === 'REJECT' && args['reject-with'] !== undefined && this.targetValues.has('reject-with')) {
      const written = args['reject-with'].toLowerCase();
      const family = this.table.family ?? this.p.knownFamily();
      const types = family === 4 ? REJECT_TYPES_4 : family === 6 ? REJECT_TYPES_6 : [...REJECT_TYPES_4, ...REJECT_TYPES_6];
      const type = types.find((names) => names.some((n) => n.startsWith(written)))?.[0];
      if (type === undefined) fail('reject-with', `Unknown reject type "${args['reject-with']}": iptables refuses it`);
      args['reject-with'] = type!;
    }
    if (name === 'LOG' && args['log-level'] !== undefined && this.targetValues.has('log-level')) {
      const level = args['log-level'];
      const n = /^(?:\d+|0x[0-9a-f]+)$/i.test(level) ? baseZero(level.toLowerCase()) : undefined;
      if (!['emerg', 'panic', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'].includes(level) && (n === undefined || n > 7)) fail('log-level', `Log level "${level}" is unknown (a syslog name or 0-7): iptables refuses it`);
    }
  }

  /** Whether a long option belongs to a match module this rule has loaded (or `-p` loads implicitly). */
  private matchOption(option: string): boolean {
    const implicit = this.protocol === undefined ? undefined : IMPLICIT_MODULES[this.protocol];
    return [...this.modules, ...(implicit ? [implicit] : [])].some((m) => MODULE_OPTIONS[m]?.includes(option) === true);
  }

  private moduleOption(module: string, opt: Word, neg: Word | undefined): void {
    const from = neg ?? opt;
    const o = opt.text;
    if (o === '--comment') {
      const { arg } = this.arg(opt, neg);
      this.rule.comment = this.rule.comment === undefined ? arg.text : `${this.rule.comment}; ${arg.text}`;
      return;
    }
    if (o === '--sport' || o === '--source-port' || o === '--dport' || o === '--destination-port' || o === '--sports' || o === '--source-ports' || o === '--dports' || o === '--destination-ports') {
      const { arg, negated } = this.arg(opt, neg);
      const list = module === 'multiport';
      const parts = list ? arg.text.split(',') : [arg.text];
      // multiport holds 15 ports, a range taking two of them (XT_MULTI_PORTS): iptables refuses more.
      if (list && parts.reduce((n, part) => n + (part.includes(':') ? 2 : 1), 0) > 15) throw this.p.error(`"${arg.text}" names more than the 15 ports multiport holds (a range counts twice): iptables refuses it`, this.p.span(arg));
      const ranges = parts.map((part) => this.portRange(part, arg, list));
      const span = this.groupSpan(from, opt, [arg]);
      if (ranges.includes(undefined)) {
        this.p.warn('iptables-unknown-match', `"${arg.text}" names a service whose port is not known here: the rule is kept, but its ports are not modelled`, span);
        return this.other(module, span);
      }
      const kind = o.startsWith('--s') ? 'sport' : 'dport';
      this.rule.matches.push({ kind, ranges: ranges as Array<[number, number]>, negated, span });
      return;
    }
    if (o === '--state' || o === '--ctstate') {
      const { arg, negated } = this.arg(opt, neg);
      // iptables reads state names in either case (it prints them upper-case).
      const states = arg.text.split(',').map((s) => {
        if (!STATES.has(s.toUpperCase())) throw this.p.error(`"${s}" is not a connection state (${[...STATES].join(', ')})`, this.p.span(arg));
        return s.toUpperCase() as ConnState;
      });
      this.rule.matches.push({ kind: 'state', states, negated, span: this.groupSpan(from, opt, [arg]) });
      return;
    }
    if (o === '--icmp-type' || o === '--icmpv6-type') {
      const { arg, negated } = this.arg(opt, neg);
      const known = iptablesIcmpType(arg.text, o === '--icmp-type' ? 1 : 58);
      if ('error' in known) throw this.p.error(`${known.error}: iptables refuses it`, this.p.span(arg));
      this.rule.matches.push({ kind: 'icmp', type: arg.text, negated, span: this.groupSpan(from, opt, [arg]) });
      return;
    }
    if (o === '--src-range' || o === '--dst-range') {
      const { arg, negated } = this.arg(opt, neg);
      // One address is the range of that address alone (iptables-save prints it as A-A).
      const m = /^([^-]+)-([^-]+)$/.exec(arg.text) ?? /^()([^-]+)$/.exec(arg.text);
      if (m && m[1] === '') m[1] = m[2]!;
      const a = m && parseIp(m[1]!);
      const b = m && parseIp(m[2]!);
      if (!m || !a || !b || a.version !== b.version) throw this.p.error(`"${arg.text}" is not an address range (FIRST-LAST) or an address`, this.p.span(arg));
      this.p.sawVersion(a.version);
      this.rule.matches.push({ kind: 'iprange', field: o === '--src-range' ? 'src' : 'dst', from: m[1]!, to: m[2]!, negated, span: this.groupSpan(from, opt, [arg]) });
      return;
    }
    if (o === '--match-set') {
      const { arg: name, negated } = this.arg(opt, neg);
      const dirs = this.need(opt);
      if (!/^(src|dst)(,(src|dst))*$/.test(dirs.text)) throw this.p.error(`"${dirs.text}" is not a set direction list (src, dst, src,dst …)`, this.p.span(dirs));
      this.rule.matches.push({ kind: 'set', name: name.text, dirs: dirs.text.split(','), negated, span: this.groupSpan(from, opt, [name, dirs]) });
      return;
    }
    if (o === '--mac-source') {
      // libxt_mac reads six bytes of at most two hex digits each (strtoul base 16: a sign or a leading
      // blank may take one of the two places, an empty byte is 0), joined by ":".
      const { arg } = this.arg(opt, neg);
      const bytes = arg.text.split(':');
      const byte = (b: string): boolean => /^(?:[0-9a-f]{0,2}|[ \t+-][0-9a-f])$/i.test(b);
      if (bytes.length !== 6 || !bytes.every(byte)) throw this.p.error(`"${arg.text}" is not a MAC address (six bytes of hex digits joined by ":"): iptables refuses it ("Invalid MAC address specified")`, this.p.span(arg));
      this.other(module, this.groupSpan(from, opt, [arg]));
      return;
    }
    if (o === '--tcp-flags') {
      // libxt_tcp: two comma lists of SYN, ACK, FIN, RST, URG, PSH, ALL, NONE in any case (empty items pass).
      const { arg: mask } = this.arg(opt, neg);
      const comp = this.need(opt);
      for (const w of [mask, comp]) {
        const bad = w.text.split(',').find((f) => f !== '' && !['SYN', 'ACK', 'FIN', 'RST', 'URG', 'PSH', 'ALL', 'NONE'].includes(f.toUpperCase()));
        if (bad !== undefined) throw this.p.error(`Unknown TCP flag "${bad}": iptables refuses it`, this.p.span(w));
      }
      this.other(module, this.groupSpan(from, opt, [mask, comp]));
      return;
    }
    // A known option the model does not need (--tcp-flags, --limit, --ctstatus, --ports, …).
    const n = OPTION_ARITY[o];
    const args: Word[] = [];
    if (n === undefined) args.push(...this.genericArgs());
    else {
      if (this.w[this.i]?.text === '!' && !this.w[this.i]!.quoted && n > 0) this.legacy(opt);
      for (let k = 0; k < n; k++) args.push(this.need(opt));
    }
    this.other(module, this.groupSpan(from, opt, args));
  }

  /**
   * `N`, `a:b`, `:b`, `a:`, each port a number or a service name (`ssh`, `http:https`), as iptables
   * reads them (iptables-save writes numbers; hand-written files and scripts use names). Undefined
   * for a service name the table in firewall-common.ts does not know.
   */
  private portRange(part: string, at: Word, multiport = false): [number, number] | undefined {
    const m = /^([\w.+-]*)(?::([\w.+-]*))?$/.exec(part);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) throw this.p.error(`"${part}" is not a port or port range`, this.p.span(at));
    if (multiport && (m[1] === '' || m[2] === '')) throw this.p.error(`"${part}": a multiport range needs both its ports (iptables refuses an open one)`, this.p.span(at));
    const port = (text: string): number | undefined => {
      // A number is read with base 0 (022 is 18, 0x16 is 22); 08 is neither octal nor a service name.
      const n = numberLiteral(text);
      if (n !== undefined && n > 65535) throw this.p.error(`Port ${text} is out of range (0-65535)`, this.p.span(at));
      if (n === undefined && !/^[A-Za-z][\w.+-]*$/.test(text)) throw this.p.error(`"${part}" is not a port or port range`, this.p.span(at));
      if (/^0\d*[89]/.test(text)) throw this.p.error(`"${text}" is not a port: a leading 0 makes it octal (iptables refuses it)`, this.p.span(at));
      return servicePort(text);
    };
    const lo = m[1] === '' ? 0 : port(m[1]!);
    const hi = m[2] === undefined ? lo : m[2] === '' ? 65535 : port(m[2]);
    if (lo === undefined || hi === undefined) return undefined;
    // iptables refuses a reversed range ("invalid portrange"); multiport a range of one port too.
    if (lo > hi || (multiport && m[2] !== undefined && lo === hi)) throw this.p.error(`"${part}" is not a port range: its first port must be below its last (iptables refuses it)`, this.p.span(at));
    return [lo, hi];
  }

  /** The one argument of an option, reading the legacy `OPTION ! VALUE` negation too. */
  private arg(opt: Word, neg: Word | undefined): { arg: Word; negated: boolean } {
    let negated = neg !== undefined;
    const next = this.w[this.i];
    if (next && next.text === '!' && !next.quoted) {
      this.legacy(opt);
      negated = true;
    }
    return { arg: this.need(opt), negated };
  }

  private legacy(opt: Word): void {
    const bang = this.w[this.i]!;
    this.p.warn('iptables-legacy-negation', `"${opt.text} ! …" is the old negation syntax that current iptables refuses; write "! ${opt.text} …"`, this.p.span(opt, bang));
    this.i++;
  }

  private need(opt: Word): Word {
    const w = this.w[this.i];
    if (!w || (isOption(w) && !/^-\d/.test(w.text)) || (w.text === '!' && !w.quoted)) throw this.p.error(`${opt.text} needs an argument`, this.p.span(opt));
    this.i++;
    return w;
  }

  /** Arguments of an option the model does not know: the words up to the next option or `!`. */
  private genericArgs(): Word[] {
    const out: Word[] = [];
    while (this.i < this.w.length) {
      const w = this.w[this.i]!;
      if (!w.quoted && (w.text === '!' || (isOption(w) && !/^-\d/.test(w.text)))) break;
      out.push(w);
      this.i++;
    }
    return out;
  }

  private groupSpan(from: Word, opt: Word, args: Word[]): Span {
    return this.p.span(from, args.length ? args[args.length - 1]! : opt);
  }

  private other(module: string, span: Span): void {
    this.rule.matches.push({ kind: 'other', module, text: span.file.text.slice(span.start, span.end), span });
  }
}

/**
 * The prefix length of an address written with a dotted mask (`10.0.0.0/255.255.255.0`, which
 * iptables accepts and iptables-save of old versions prints): a number; null for a mask whose ones
 * are not contiguous (a valid match that no prefix expresses); undefined when the text has no
 * dotted mask.
 */
function maskBits(text: string): number | null | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const mask = parseIp(text.slice(slash + 1));
  if (!mask || !parseIp(text.slice(0, slash)) || mask.version !== parseIp(text.slice(0, slash))!.version) return undefined;
  const width = mask.version === 4 ? 32 : 128;
  const ones = mask.value.toString(2).padStart(width, '0');
  const bits = ones.indexOf('0') < 0 ? width : ones.indexOf('0');
  return ones.slice(bits).includes('1') ? null : bits;
}

/**
 * The ICMP type names of iptables (libxt_icmp) and ip6tables (libip6t_icmp6), in their order, as
 * `iptables-save` prints them back: a name without a code takes every code of its type.
 */
const ICMP_NAMES: Readonly<Record<1 | 58, ReadonlyArray<readonly [string, string]>>> = {
  1: Object.entries({
    any: 'any', 'echo-reply': '0', pong: '0', 'destination-unreachable': '3', 'network-unreachable': '3/0', 'host-unreachable': '3/1',
    'protocol-unreachable': '3/2', 'port-unreachable': '3/3', 'fragmentation-needed': '3/4', 'source-route-failed': '3/5',
    'network-unknown': '3/6', 'host-unknown': '3/7', 'network-prohibited': '3/9', 'host-prohibited': '3/10',
    'TOS-network-unreachable': '3/11', 'TOS-host-unreachable': '3/12', 'communication-prohibited': '3/13',
    'host-precedence-violation': '3/14', 'precedence-cutoff': '3/15', 'source-quench': '4', redirect: '5', 'network-redirect': '5/0',
    'host-redirect': '5/1', 'TOS-network-redirect': '5/2', 'TOS-host-redirect': '5/3', 'echo-request': '8', ping: '8',
    'router-advertisement': '9', 'router-solicitation': '10', 'time-exceeded': '11', 'ttl-exceeded': '11',
    'ttl-zero-during-transit': '11/0', 'ttl-zero-during-reassembly': '11/1', 'parameter-problem': '12', 'ip-header-bad': '12/0',
    'required-option-missing': '12/1', 'timestamp-request': '13', 'timestamp-reply': '14', 'address-mask-request': '17', 'address-mask-reply': '18',
  }),
  58: Object.entries({
    'destination-unreachable': '1', 'no-route': '1/0', 'communication-prohibited': '1/1', 'beyond-scope': '1/2', 'address-unreachable': '1/3',
    'port-unreachable': '1/4', 'failed-policy': '1/5', 'reject-route': '1/6', 'packet-too-big': '2', 'time-exceeded': '3', 'ttl-exceeded': '3',
    'ttl-zero-during-transit': '3/0', 'ttl-zero-during-reassembly': '3/1', 'parameter-problem': '4', 'bad-header': '4/0',
    'unknown-header-type': '4/1', 'unknown-option': '4/2', 'echo-request': '128', ping: '128', 'echo-reply': '129', pong: '129',
    'router-solicitation': '133', 'router-advertisement': '134', 'neighbour-solicitation': '135', 'neighbor-solicitation': '135',
    'neighbour-advertisement': '136', 'neighbor-advertisement': '136', redirect: '137',
  }),
};

/**
 * An `--icmp-type` / `--icmpv6-type` as `type[/code]` or `any`, as iptables reads it: a number, or a
 * name or the start of one, in any case (`echo-req`, `PORT-UNR`). A string error for a name iptables
 * refuses: unknown, or the start of several ("re": redirect or required-option-missing).
 */
export function iptablesIcmpType(text: string, protocol: 1 | 58): { value: string } | { error: string } {
  if (/^[0-9]/.test(text)) {
    // TYPE[/CODE], each a number up to 255 read with base 0: `300`, `3/any` and `08` are refused.
    const [type, code, ...rest] = text.split('/');
    const byte = (n: string | undefined): boolean => n !== undefined && (baseZero(n) ?? 256) <= 255;
    const v = protocol === 58 ? 'v6' : '';
    if (!byte(type)) return { error: `Unknown ICMP${v} type "${text}"` };
    if (code !== undefined && (!byte(code) || rest.length > 0)) return { error: `Unknown ICMP${v} code "${text}"` };
    return { value: text };
  }
  const matches = ICMP_NAMES[protocol].filter(([name]) => name.toLowerCase().startsWith(text.toLowerCase()));
  if (matches.length === 1) return { value: matches[0]![1] };
  return { error: matches.length === 0 ? `Unknown ICMP${protocol === 58 ? 'v6' : ''} type "${text}"` : `Ambiguous ICMP${protocol === 58 ? 'v6' : ''} type "${text}": ${matches.map(([n]) => n).join(' or ')}` };
}

/**
 * A number as iptables reads it (strtoul with base 0): as numberLiteral, but digits after a leading
 * 0 must be octal, so `08` is no number (iptables refuses it where nft reads 8).
 */
/**
 * The number C's strtoul reads with base 0 at the start of `s` (`+`, then `0x` hex, `0` octal or
 * decimal digits), with the text after it, as xtables_strtoui reads a port; undefined without
 * digits, for a `-`, or above 65535. `08` is 0 followed by `8`.
 */
function strtoulPort(s: string): { value: number; rest: string } | undefined {
  const m = /^\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(s);
  if (!m) return undefined;
  const d = m[1]!;
  const value = /^0x/i.test(d) ? parseInt(d.slice(2), 16) : d.startsWith('0') ? parseInt(d, 8) : Number(d);
  return value <= 65535 ? { value, rest: s.slice(m[0].length) } : undefined;
}

/**
 * Why the NAT targets refuse `text` as their ports (`PORT`, `LO-HI`; DNAT's also `LO-HI/BASE`), in
 * their words, or undefined when they take it. A port is a number as strtoulPort reads it or, alone,
 * a service name (whose number need not be known here: the action is then unknown).
 */
export function natPortProblem(text: string, shifted: boolean): string | undefined {
  const first = strtoulPort(text);
  if (!first) return /^[A-Za-z][\w.+-]*$/.test(text) && !/-[^-]*-/.test(text) ? undefined : `Port \`${text}' not valid`;
  const rest = first.rest;
  if (rest === '') return undefined;
  if (rest.startsWith(':')) return 'Invalid port:port syntax - use dash';
  if (!rest.startsWith('-')) return `Garbage after port value: \`${rest}'`;
  const max = strtoulPort(rest.slice(1));
  if (!max) return `Port \`${rest.slice(1)}' not valid`;
  if (max.value < first.value) return `Port range \`${rest.slice(1)}' funky`;
  if (max.rest === '') return undefined;
  if (max.rest.startsWith('/') && shifted) {
    const base = strtoulPort(max.rest.slice(1));
    return base && base.value > 0 ? undefined : `Port \`${max.rest.slice(1)}' not valid`;
  }
  return max.rest.startsWith('/') ? 'a shifted port range (/BASE) is DNAT\'s only ("Shifted portmap ranges not supported")' : `Garbage after port range: \`${max.rest}'`;
}

function baseZero(text: string): number | undefined {
  return /^0\d*[89]/.test(text) ? undefined : numberLiteral(text);
}

/**
 * An IPv4 address as iptables reads it (xtables_numeric_to_ipaddr), in dotted-quad form with its
 * mask: one to four parts, each decimal, octal with a leading 0 or hex with 0x, the missing ones
 * zero (`0/0` is 0.0.0.0/0, `10.1/16` is 10.1.0.0/16, `010.1.1.1` is 8.1.1.1). Any other text as it is.
 */
function dottedQuad(text: string): string {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const parts = addr.split('.');
  if (parts.length > 4 || !parts.every((p) => /^(?:0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(p))) return text;
  const octets = parts.map((p) => Number(p.toLowerCase().startsWith('0x') ? p : p.length > 1 && p.startsWith('0') ? parseInt(p, 8) : p));
  if (octets.some((o) => o > 255)) return text;
  while (octets.length < 4) octets.push(0);
  return octets.join('.') + (slash < 0 ? '' : text.slice(slash));
}

function isOption(w: Word): boolean {
  return !w.quoted && w.text.length > 1 && w.text.startsWith('-');
}

/** Options of the modules read here, by module; an option not listed is unknown to that module. */
const MODULE_OPTIONS: Record<string, readonly string[]> = table({
  tcp: ['--sport', '--source-port', '--dport', '--destination-port', '--tcp-flags', '--syn', '--tcp-option'],
  udp: ['--sport', '--source-port', '--dport', '--destination-port'],
  sctp: ['--sport', '--source-port', '--dport', '--destination-port', '--chunk-types'],
  dccp: ['--sport', '--source-port', '--dport', '--destination-port', '--dccp-types', '--dccp-option'],
  multiport: ['--sports', '--source-ports', '--dports', '--destination-ports', '--ports'],
  state: ['--state'],
  conntrack: ['--ctstate', '--ctproto', '--ctorigsrc', '--ctorigdst', '--ctreplsrc', '--ctrepldst', '--ctorigsrcport', '--ctorigdstport', '--ctreplsrcport', '--ctrepldstport', '--ctstatus', '--ctexpire', '--ctdir'],
  icmp: ['--icmp-type'],
  icmp6: ['--icmpv6-type'],
  iprange: ['--src-range', '--dst-range'],
  set: ['--match-set', '--return-nomatch', '--update-counters', '--update-subcounters', '--packets-eq', '--packets-lt', '--packets-gt', '--bytes-eq', '--bytes-lt', '--bytes-gt'],
  comment: ['--comment'],
});

/** Two spellings of one option. */
const ALIAS: Readonly<Record<string, string>> = table({
  '--source-port': '--sport', '--destination-port': '--dport', '--source-ports': '--sports', '--destination-ports': '--dports',
});

/** Options a module takes only one of: an alias, tcp's --syn (a --tcp-flags), multiport's three port lists. */
const SAME_OPTION: Readonly<Record<string, string>> = table({
  ...ALIAS, '--syn': '--tcp-flags', '--sports': '--ports', '--source-ports': '--ports', '--dports': '--ports', '--destination-ports': '--ports',
});

/** Argument counts of known unmodelled options whose arguments could look like options. */
const OPTION_ARITY: Record<string, number> = table({
  '--tcp-flags': 2, '--syn': 0, '--tcp-option': 1, '--ports': 1, '--ctstatus': 1, '--ctproto': 1, '--ctdir': 1, '--ctexpire': 1,
  '--return-nomatch': 0, '--update-counters': 0, '--update-subcounters': 0,
});
