/**
 * nftables parser: chains, sets, rules, matches and verdicts with their exact places in both the
 * `nft list ruleset` text and the `nft -j` JSON form, the two forms of the gw2 fixture read alike,
 * each syntax error at its place, unknown statements kept with a warning, random input never
 * throwing anything but InputError, the shared corpus, and (when nft is installed) the text
 * fixture accepted by `nft -c` (check only: nothing is loaded).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeNftJson, looksLikeNftText, parseNftJson, parseNftText, type NftChain, type NftMatch, type NftRule, type NftRuleset } from '../../src/loaders/nftables/parse.js';
import { InputError } from '../../src/model/errors.js';
import { SourceFile, toLocation, type Span } from '../../src/model/source.js';
import { corpusDir, corpusNote, hasCorpus, listFiles, repoRoot } from '../support/files.js';

const fixture = (name: string): SourceFile => new SourceFile(`fixtures/nftables/${name}`, fs.readFileSync(path.join(repoRoot, 'fixtures/nftables', name), 'utf8'));
const parse = (text: string): NftRuleset => parseNftText(new SourceFile('t.nft', text));
const parseJ = (text: string): NftRuleset => parseNftJson(new SourceFile('t.json', text));

/** "line:column-endLine:endColumn" of a span (end column exclusive). */
const at = (s: Span): string => {
  const l = toLocation(s);
  return `${l.line}:${l.column}-${l.endLine}:${l.endColumn}`;
};
const src = (s: Span): string => s.file.text.slice(s.start, s.end);
const chain = (r: NftRuleset, table: string, name: string): NftChain => r.chains.find((c) => c.table === table && c.name === name)!;
/** A filter table whose input chain holds `rules` (the first rule on line 4). */
const input = (rules: string): string => `table inet t {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n${rules}\n\t}\n}\n`;
const rule1 = (rule: string): NftRule => parse(input(`\t\t${rule}`)).chains[0]!.rules[0]!;
const errorOf = (f: () => unknown): { message: string; where: string } => {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError && e.span) return { message: e.message, where: at(e.span) };
    throw e;
  }
  throw new Error('no error');
};

/** What both forms must agree on: everything but spans, handles and the source text of `other`. */
const shape = (r: NftRuleset): unknown => ({
  chains: r.chains.map((c) => ({
    id: `${c.family} ${c.table} ${c.name}`,
    base: c.base,
    rules: c.rules.map((x) => ({
      index: x.index,
      verdict: x.verdict && [x.verdict.kind, x.verdict.target],
      statements: x.statements.map((s) => s.kind),
      comment: x.comment,
      matches: x.matches.map((m) => {
        const { span: _s, ...rest } = m;
        return m.kind === 'other' ? 'other' : rest;
      }),
    })),
  })),
  sets: r.sets.map((s) => ({ ...s, span: undefined })),
});

describe('gw2 fixture, text form', () => {
  const file = fixture('gw2.nft');
  const r = parseNftText(file);

  it('reads chains, base chains and sets in file order', () => {
    expect(r.problems).toEqual([]);
    expect(r.chains.map((c) => [c.family, c.table, c.name, c.base ? `${c.base.type}/${c.base.hook}/${c.base.priority}/${c.base.policy}` : '-', c.rules.length])).toEqual([
      ['inet', 'filter', 'input', 'filter/input/0/drop', 6],
      ['inet', 'filter', 'forward', 'filter/forward/10/drop', 4],
      ['inet', 'filter', 'wan_in', '-', 3],
      ['ip', 'nat', 'prerouting', 'nat/prerouting/-100/accept', 1],
      ['ip', 'nat', 'postrouting', 'nat/postrouting/100/accept', 1],
    ]);
    expect(r.sets).toHaveLength(1);
    const s = r.sets[0]!;
    expect([s.family, s.table, s.name, s.type, s.flags, s.elements]).toEqual(['inet', 'filter', 'mgmt', 'ipv4_addr', ['interval'], ['10.20.0.0/24', '10.20.9.5-10.20.9.9']]);
    expect(at(s.span)).toBe('3:2-7:3');
    expect(at(chain(r, 'filter', 'input').span)).toBe('9:2-17:3');
    expect(at(chain(r, 'filter', 'wan_in').span)).toBe('27:2-31:3');
  });

  it('a blocklist set of 150,000 addresses, written in one declaration and then added to', () => {
    const addr = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const els = (from: number, n: number): string => Array.from({ length: n }, (_, i) => addr(from + i)).join(', ');
    const r = parse(`table inet t {\n\tset block {\n\t\ttype ipv4_addr\n\t\telements = { ${els(0, 140_000)} }\n\t}\n\tset block {\n\t\ttype ipv4_addr\n\t\telements = { ${els(140_000, 10_000)} }\n\t}\n}\n`);
    expect(r.sets).toHaveLength(1);
    expect(r.sets[0]!.elements).toHaveLength(150_000);
    expect(r.sets[0]!.elements.at(-1)).toBe(addr(149_999));
  });

  it('locates rules, matches and verdicts exactly', () => {
    const ssh = chain(r, 'filter', 'input').rules[3]!;
    expect([ssh.table, ssh.chain, ssh.index, ssh.comment]).toEqual(['filter', 'input', 4, 'ssh from management']);
    expect(at(ssh.span)).toBe('14:3-14:67');
    expect(src(ssh.span)).toBe('ip saddr @mgmt tcp dport 22 accept comment "ssh from management"');
    expect(ssh.matches.map((m) => [m.kind, src(m.span), at(m.span)])).toEqual([
      ['saddr', 'ip saddr @mgmt', '14:3-14:17'],
      ['dport', 'tcp dport 22', '14:18-14:30'],
    ]);
    expect(ssh.matches[0]).toMatchObject({ family: 'ip', values: [], set: 'mgmt', negated: false });
    expect(ssh.matches[1]).toMatchObject({ proto: 'tcp', ranges: [[22, 22]], negated: false });
    expect(ssh.verdict!.kind).toBe('accept');
    expect(at(ssh.verdict!.span)).toBe('14:31-14:37');

    const jump = chain(r, 'filter', 'input').rules[5]!;
    expect([jump.verdict!.kind, jump.verdict!.target, src(jump.verdict!.span)]).toEqual(['jump', 'wan_in', 'jump wan_in']);
    expect(jump.matches[0]).toMatchObject({ kind: 'iif', names: ['wan0'], negated: false });

    const ports = chain(r, 'filter', 'forward').rules[2]!;
    const dport = ports.matches.find((m) => m.kind === 'dport')!;
    expect([src(dport.span), dport.kind === 'dport' && dport.ranges]).toEqual(['tcp dport { 502, 8080-8089 }', [[502, 502], [8080, 8089]]]);
    expect(ports.matches.at(-1)).toMatchObject({ kind: 'other', text: 'ct status dnat' });

    const neg = chain(r, 'filter', 'forward').rules[1]!.matches[2]!;
    expect(neg).toMatchObject({ kind: 'daddr', family: 'ip', values: ['10.0.0.0/8'], negated: true });
    expect(src(neg.span)).toBe('ip daddr != 10.0.0.0/8');

    const states = chain(r, 'filter', 'input').rules[1]!.matches[0]!;
    expect(states).toMatchObject({ kind: 'ct-state', states: ['established', 'related'] });
    expect(at(states.span)).toBe('12:3-12:31');

    const icmp = chain(r, 'filter', 'input').rules[4]!;
    expect(icmp.matches.map((m) => m.kind)).toEqual(['l4proto', 'icmp']);
    expect(icmp.matches[1]).toMatchObject({ types: ['echo-request', 'destination-unreachable'] });
    expect(icmp.statements.map((s) => [s.kind, s.text])).toEqual([['limit', 'limit rate 10/second']]);

    const reject = chain(r, 'filter', 'wan_in').rules[1]!;
    expect([reject.verdict!.kind, src(reject.verdict!.span)]).toEqual(['reject', 'reject with tcp reset']);
    expect(reject.matches[1]).toMatchObject({ kind: 'saddr', values: ['198.51.100.0/24'], negated: true });
  });

  it('reads statements: counter, log, nat', () => {
    expect(chain(r, 'filter', 'input').rules[2]!.statements.map((s) => [s.kind, s.text])).toEqual([['counter', 'counter packets 0 bytes 0']]);
    expect(chain(r, 'filter', 'forward').rules[3]!.statements.map((s) => [s.kind, s.text])).toEqual([['log', 'log prefix "fwd-drop "']]);
    const dnat = chain(r, 'nat', 'prerouting').rules[0]!;
    expect(dnat.statements.map((s) => [s.kind, s.text, at(s.span)])).toEqual([['nat', 'dnat to 192.168.10.20:443', '36:33-36:58']]);
    expect(dnat.verdict).toBeUndefined();
    expect(chain(r, 'nat', 'postrouting').rules[0]!.statements.map((s) => s.text)).toEqual(['masquerade']);
  });
});

describe('gw2 fixture, JSON form', () => {
  const file = fixture('gw2.json');
  const r = parseNftJson(file);

  it('reads the same ruleset as the text form', () => {
    expect(r.problems).toEqual([]);
    expect(shape(r)).toEqual(shape(parseNftText(fixture('gw2.nft'))));
  });

  it('locates chains, rules, matches and verdicts at their JSON objects', () => {
    const input = chain(r, 'filter', 'input');
    expect(src(input.span)).toMatch(/^\{\s*"chain": \{[\s\S]*"policy": "drop"\s*\}\s*\}$/);
    const ssh = input.rules[3]!;
    expect(ssh.handle).toBe(9);
    expect(src(ssh.span)).toMatch(/^\{\s*"rule": \{[\s\S]*\}$/);
    expect(JSON.parse(src(ssh.span)).rule.comment).toBe('ssh from management');
    expect(JSON.parse(src(ssh.matches[0]!.span))).toEqual({ match: { op: '==', left: { payload: { protocol: 'ip', field: 'saddr' } }, right: '@mgmt' } });
    expect(JSON.parse(src(ssh.verdict!.span))).toEqual({ accept: null });
    const loc = toLocation(ssh.verdict!.span);
    const text = file.text.split('\n');
    expect(text[loc.line - 1]!.slice(loc.column - 1)).toMatch(/^\{/);
    const jump = input.rules[5]!;
    expect(JSON.parse(src(jump.verdict!.span))).toEqual({ jump: { target: 'wan_in' } });
  });
});

describe('text syntax', () => {
  it('refuses what nft refuses: a jump to a chain or a test of a set its table does not have, a reversed address range, an empty interface name', () => {
    const table = (body: string): string => `table inet t {\n\tset s { type ipv4_addr; }\n\tchain c {\n\t\ttype filter hook forward priority 0; policy drop;\n${body}\n\t}\n}\n`;
    expect(errorOf(() => parse(table('\t\tip saddr 10.0.0.0/8 jump nochain')))).toEqual({ message: 'jump nochain: table inet t has no chain nochain (nft refuses the rule)', where: '5:23-5:35' });
    expect(errorOf(() => parse(table('\t\tgoto nochain')))).toEqual({ message: 'goto nochain: table inet t has no chain nochain (nft refuses the rule)', where: '5:3-5:15' });
    expect(errorOf(() => parse(table('\t\tip saddr != @nosuch accept')))).toEqual({ message: '@nosuch: table inet t has no set nosuch (nft refuses the rule)', where: '5:3-5:22' });
    expect(errorOf(() => parse(table('\t\tip saddr { 10.0.0.9-10.0.0.1 } accept')))).toEqual({ message: 'Bad address "10.0.0.9-10.0.0.1"', where: '5:14-5:31' });
    expect(errorOf(() => parse(table('\t\tiifname "" accept')))).toEqual({ message: 'An empty interface name: nft refuses it', where: '5:11-5:13' });
    expect(errorOf(() => parse(`define P = 22\ndefine P = 23\n${table('\t\ttcp dport $P accept')}`))).toEqual({ message: 'redefinition of symbol "P": nft refuses a second define of it', where: '2:8-2:9' });
    // ping, ttl-exceeded, neighbour-solicitation are iptables' names; nft has nd-neighbor-solicit, mld2-listener-report …
    expect(errorOf(() => parse(table('\t\ticmp type { echo-request, ping } accept')))).toEqual({ message: 'Could not parse ICMP type "ping": nft refuses it', where: '5:29-5:33' });
    expect(errorOf(() => parse(table('\t\ticmpv6 type neighbour-solicitation accept')))).toEqual({ message: 'Could not parse ICMPv6 type "neighbour-solicitation": nft refuses it', where: '5:15-5:37' });
    expect(rule1('icmpv6 type { nd-neighbor-solicit, mld2-listener-report, 143 } accept').matches).toMatchObject([{ kind: 'icmp', types: ['nd-neighbor-solicit', 'mld2-listener-report', '143'] }]);
    // nft: "Could not parse ICMP type" (any, 08), "Range has zero or negative size", "Prefix length 9 is invalid for type of 8 bits width".
    for (const [value, where] of [['any', '5:13-5:16'], ['08', '5:13-5:15'], ['10-0', '5:13-5:17'], ['8/9', '5:13-5:16']] as const)
      expect(errorOf(() => parse(table(`\t\ticmp type ${value} accept`)))).toEqual({ message: `Could not parse ICMP type "${value}": nft refuses it`, where });
    // "Could not resolve protocol name" (08), "Protocol out of range" (256); 0x11 is udp.
    expect(errorOf(() => parse(table('\t\tmeta l4proto 08 accept')))).toEqual({ message: 'Bad protocol number "08": nft refuses it', where: '5:16-5:18' });
    expect(errorOf(() => parse(table('\t\tip protocol { tcp, 256 } accept')))).toEqual({ message: 'Bad protocol number "256": nft refuses it', where: '5:22-5:25' });
    expect(rule1('meta l4proto 0x11 accept').matches).toMatchObject([{ kind: 'l4proto', protocols: ['0x11'] }]);
    expect(rule1('icmp type { 0-10, 8/0, 3/1 } accept').matches).toMatchObject([{ kind: 'icmp', types: ['0-10', '8/0', '3/1'] }]);
    // nft adds a block's chains and sets before its rules, so a rule may name what its block declares
    // below it; a later block's are not there yet when nft adds the rule.
    const below = parse(table('\t\tjump d\n\t\tip saddr @s2 accept').replace('\n}\n', '\n\tset s2 { type ipv4_addr; }\n\tchain d {\n\t}\n}\n'));
    expect(below.chains.map((c) => c.name)).toEqual(['c', 'd']);
    expect(errorOf(() => parse(`${table('\t\tip saddr @s2 accept')}table inet t {\n\tset s2 { type ipv4_addr; }\n}\n`)))
      .toEqual({ message: '@s2: table inet t declares set s2 only in a later block or command (nft refuses the rule)', where: '5:3-5:15' });
    expect(errorOf(() => parse(`${table('\t\tjump d')}table inet t {\n\tchain d {\n\t}\n}\n`)))
      .toEqual({ message: 'jump d: table inet t declares chain d only in a later block or command (nft refuses the rule)', where: '5:3-5:9' });
  });

  it('refuses a verdict map that jumps or goes to a chain the table does not have, a map it does not have, and a jump to a base chain, as nft does', () => {
    // nft -c: "Could not process rule: No such file or directory" at the element's key (or the @name);
    // "Operation not supported" for a jump to a base chain.
    const table = (body: string, more = ''): string => `table inet t {\n${more}\tchain c {\n\t\ttype filter hook forward priority 0; policy drop;\n${body}\n\t}\n}\n`;
    expect(errorOf(() => parse(table('\t\ttcp dport vmap { 23 : accept, 22 : jump nochain }')))).toEqual({ message: 'jump nochain: table inet t has no chain nochain (nft refuses the rule)', where: '4:33-4:50' });
    expect(errorOf(() => parse(table('\t\tip saddr . tcp dport vmap { 10.0.0.1 . 22 : goto nochain }')))).toEqual({ message: 'goto nochain: table inet t has no chain nochain (nft refuses the rule)', where: '4:31-4:59' });
    expect(errorOf(() => parse(table('\t\ttcp dport vmap @m', '\tmap m { type inet_service : verdict; elements = { 22 : accept, 23 : jump nochain } }\n')))).toEqual({ message: 'jump nochain: table inet t has no chain nochain (nft refuses the rule)', where: '2:65-2:82' });
    expect(errorOf(() => parse(table('\t\ttcp dport vmap @nomap')))).toEqual({ message: '@nomap: table inet t has no set nomap (nft refuses the rule)', where: '4:18-4:24' });
    expect(errorOf(() => parse(table('\t\tadd @nos { ip saddr } accept')))).toEqual({ message: '@nos: table inet t has no set nos (nft refuses the rule)', where: '4:7-4:11' });
    expect(errorOf(() => parse(table('\t\ttcp dport 22 jump c')))).toEqual({ message: 'jump c: c is a base chain of table inet t, which only its hook enters (nft refuses the rule)', where: '4:16-4:22' });
    expect(errorOf(() => parse(table('\t\ttcp dport vmap { 22 : goto c }')))).toEqual({ message: 'goto c: c is a base chain of table inet t, which only its hook enters (nft refuses the rule)', where: '4:20-4:31' });
    // The chain of another table is not this table's.
    expect(errorOf(() => parse(`table ip o {\n\tchain w {\n\t}\n}\n${table('\t\tiifname vmap { "wan0" : jump w }')}`))).toEqual({ message: 'jump w: table inet t has no chain w (nft refuses the rule)', where: '8:18-8:33' });
    // Accepted: a map and chains that exist (declared later too), a raw payload's base, a set update.
    const ok = parse(table('\t\ttcp dport vmap { 22 : jump w, 23 : goto w }\n\t\ttcp dport vmap @m\n\t\tmeta l4proto tcp @th,16,16 22 accept\n\t\tupdate @s { ip saddr } accept',
      '\tset s { type ipv4_addr; flags dynamic; }\n\tmap m { type inet_service : verdict; elements = { 22 : jump w } }\n\tchain w {\n\t}\n'));
    expect(chain(ok, 't', 'c').rules.length).toBe(4);
    // JSON: the same references, at the verdict object or the "@name" string.
    const json = (expr: string, more = ''): string =>
      `{"nftables": [{"table": {"family": "inet", "name": "t"}},\n${more}{"chain": {"family": "inet", "table": "t", "name": "c", "type": "filter", "hook": "forward", "prio": 0, "policy": "drop"}},\n{"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [${expr}]}}\n]}`;
    expect(errorOf(() => parseJ(json('{"jump": {"target": "nochain"}}')))).toEqual({ message: 'jump nochain: table inet t has no chain nochain (nft refuses the rule)', where: '3:66-3:97' });
    expect(errorOf(() => parseJ(json('{"vmap": {"key": {"payload": {"protocol": "tcp", "field": "dport"}}, "data": {"set": [[22, {"goto": {"target": "nochain"}}]]}}}'))))
      .toEqual({ message: 'goto nochain: table inet t has no chain nochain (nft refuses the rule)', where: '3:157-3:188' });
    expect(errorOf(() => parseJ(json('{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": "@nosuch"}}, {"accept": null}'))))
      .toEqual({ message: '@nosuch: table inet t has no set nosuch (nft refuses the rule)', where: '3:158-3:167' });
    // Each JSON item is one command, run in turn: a map before the chain its element jumps to is refused.
    const mapOfC = '{"map": {"family": "inet", "table": "t", "name": "m", "type": "inet_service", "map": "verdict", "elem": [[22, {"jump": {"target": "c"}}]]}},\n';
    const vmapM = '{"vmap": {"key": {"payload": {"protocol": "tcp", "field": "dport"}}, "data": "@m"}}';
    expect(errorOf(() => parseJ(json(vmapM, mapOfC)))).toEqual({ message: 'jump c: table inet t declares chain c only in a later block or command (nft refuses the rule)', where: '2:111-2:136' });
    const afterC = (item: string): string => json(vmapM).replace('"policy": "drop"}},\n', `"policy": "drop"}},\n${item}`);
    expect(errorOf(() => parseJ(afterC(mapOfC)))).toEqual({ message: 'jump c: c is a base chain of table inet t, which only its hook enters (nft refuses the rule)', where: '3:111-3:136' });
    expect(errorOf(() => parseJ(`${json('{"jump": {"target": "w"}}').slice(0, -3)},\n{"chain": {"family": "inet", "table": "t", "name": "w"}}\n]}`)))
      .toEqual({ message: 'jump w: table inet t declares chain w only in a later block or command (nft refuses the rule)', where: '3:66-3:91' });
  });

  it('refuses a port prefix nft refuses: longer than 16 bits, of a port above 65535, a length 08, of a range or a name; and a mask above 65535', () => {
    // nft: "Prefix length 17 is invalid for type of 16 bits width", "Service out of range", "syntax error",
    // "Could not resolve service"; 1024/06 and 1024/0x6 are 1024/6.
    for (const [v, where] of [['22/17', '4:13-4:18'], ['70000/8', '4:13-4:20'], ['1024/08', '4:13-4:20'], ['80-90/3', '4:13-4:20'], ['ssh/16', '4:13-4:19']] as const)
      expect(errorOf(() => parse(input(`\t\ttcp dport ${v} accept`)))).toEqual({ message: `Bad port "${v}"`, where });
    expect(errorOf(() => parse(input('\t\ttcp dport { 80, 22 / 17 } accept')))).toEqual({ message: 'Bad port "22/17"', where: '4:19-4:26' });
    expect(errorOf(() => parse(input('\t\ttcp dport & 0x1fc00 == 1024 accept')))).toEqual({ message: 'Bad port mask "0x1fc00"', where: '4:15-4:22' });
    expect(rule1('tcp dport { 1024/06, 2048 / 0x6 } accept').matches).toMatchObject([{ kind: 'dport', ranges: [[1024, 2047], [2048, 3071]] }]);
    expect(at(rule1('tcp dport 1024 /6 accept').matches[0]!.span)).toBe('4:3-4:20');
  });

  it('refuses the names nft 1.0.6 refuses: keywords, quoted names, other characters; scoped keywords stay names', () => {
    // nft -c: "syntax error, unexpected fwd, expecting string", "unexpected quoted string", "unexpected number".
    const kw = (name: string): string => `"${name}" is a keyword of nft, which refuses it as a chain name (syntax error)`;
    expect(errorOf(() => parse('table inet t {\n\tchain fwd {\n\t}\n}\n'))).toEqual({ message: kw('fwd'), where: '2:8-2:11' });
    expect(errorOf(() => parse('table inet t {\n\tchain log {\n\t}\n}\n'))).toEqual({ message: kw('log'), where: '2:8-2:11' });
    expect(errorOf(() => parse('table inet t {\n\tchain "my chain" {\n\t}\n}\n'))).toEqual({ message: 'A quoted chain name ("my chain"): nft refuses it (syntax error, unexpected quoted string)', where: '2:8-2:18' });
    expect(errorOf(() => parse('table inet t {\n\tchain 1abc {\n\t}\n}\n'))).toEqual({ message: '"1abc" is no chain name nft reads (a letter, "_" or "." first, then letters, digits, "/", "-", "_" or ".")', where: '2:8-2:12' });
    expect(errorOf(() => parse('table inet tcp {\n}\n'))).toEqual({ message: '"tcp" is a keyword of nft, which refuses it as a table name (syntax error)', where: '1:12-1:15' });
    expect(errorOf(() => parse('table inet "t" {\n}\n'))).toEqual({ message: 'A quoted table name ("t"): nft refuses it (syntax error, unexpected quoted string)', where: '1:12-1:15' });
    expect(errorOf(() => parse('table inet t {\n\tset eq { type ipv4_addr; }\n}\n'))).toEqual({ message: '"eq" is a keyword of nft, which refuses it as a set name (syntax error)', where: '2:6-2:8' });
    expect(errorOf(() => parse(input('\t\tjump fwd')))).toEqual({ message: kw('fwd'), where: '4:8-4:11' });
    expect(errorOf(() => parse(input('\t\ttcp dport vmap { 22 : goto "w" }')))).toEqual({ message: 'A quoted chain name ("w"): nft refuses it (syntax error, unexpected quoted string)', where: '4:30-4:33' });
    expect(errorOf(() => parse(input('\t\tip saddr @time accept')))).toEqual({ message: '"time" is a keyword of nft, which refuses it as a set name (syntax error)', where: '4:12-4:17' });
    // Keywords of a scope of their own, other case, and the other characters are names.
    const ok = parse('table inet filter {\n\tchain input {\n\t}\n\tchain FWD {\n\t}\n\tchain dport {\n\t}\n\tchain _a.b/c-d {\n\t}\n\tset nat { type ipv4_addr; }\n}\n');
    expect(ok.chains.map((c) => c.name)).toEqual(['input', 'FWD', 'dport', '_a.b/c-d']);
    // JSON names are strings: nft -j takes any.
    expect(parseJ('{"nftables": [{"chain": {"family": "inet", "table": "t", "name": "fwd"}}]}').chains[0]!.name).toBe('fwd');
  });

  it('refuses a CRLF line ending as nft does ("syntax error, unexpected junk"); a return inside a string or a comment passes', () => {
    const crlf = 'A carriage return (a CRLF line ending): nft refuses it ("syntax error, unexpected junk")';
    expect(errorOf(() => parse(input('\t\ttcp dport 22 accept').replace(/\n/g, '\r\n')))).toEqual({ message: crlf, where: '1:15-1:16' });
    expect(errorOf(() => parse(input('\t\ttcp dport 22 accept \\\r')))).toEqual({ message: crlf, where: '4:24-4:25' });
    expect(rule1('tcp dport 22 accept comment "a\rb" # c\r').comment).toBe('a\rb');
  });

  it('refuses values of the wrong type as nft does, and reads what nft reads: IPv4 addresses as one number, host names as not known', () => {
    const sets = '\tset s6 { type ipv6_addr; }\n\tset p { typeof tcp dport; }\n\tset ifn { type ifname; }\n\tset it { type icmp_type; }\n';
    const err = (rule: string): { message: string; where: string } => errorOf(() => parse(`table inet t {\n${sets}\tchain c {\n\t\t${rule} accept\n\t}\n}\n`));
    // nft -c: "Could not resolve hostname: Address family for hostname not supported".
    expect(err('ip saddr ::1')).toEqual({ message: 'Bad address "::1" in an ip match: nft refuses an address of the other family', where: '7:12-7:15' });
    expect(err('ip6 daddr { ::1, 10.0.0.1 }')).toEqual({ message: 'Bad address "10.0.0.1" in an ip6 match: nft refuses an address of the other family', where: '7:20-7:28' });
    expect(err('ip saddr 08')).toEqual({ message: 'Bad address "08"', where: '7:12-7:14' });
    // "Could not resolve protocol name", "Could not parse conntrack state", "Could not parse netfilter protocol".
    expect(err('meta l4proto { tcp, ssh }')).toEqual({ message: 'Could not resolve protocol name "ssh": nft refuses it', where: '7:23-7:26' });
    expect(err('ip protocol Tcp')).toEqual({ message: 'Could not resolve protocol name "Tcp": nft refuses it', where: '7:15-7:18' });
    expect(err('ct state { new, snat }')).toEqual({ message: 'Could not parse conntrack state "snat": nft refuses it', where: '7:19-7:23' });
    expect(err('meta nfproto ipv7')).toEqual({ message: 'Could not parse netfilter protocol "ipv7": nft refuses it', where: '7:16-7:20' });
    // "Basetype of type internet network service is not bitmask": commas without braces.
    expect(err('tcp dport 22,23')).toEqual({ message: '"22,23": values joined by commas need braces here; nft refuses them ("Basetype of type internet network service is not bitmask")', where: '7:16-7:18' });
    expect(err('iifname eth0,eth1')).toEqual({ message: '"eth0,eth1": values joined by commas need braces here; nft refuses them ("Basetype of type network interface name is not bitmask")', where: '7:16-7:20' });
    // "datatype mismatch, expected IPv4 address, expression has type IPv6 address", and so on.
    expect(err('ip saddr @s6')).toEqual({ message: '@s6: set s6 holds ipv6_addr, the match needs ipv4_addr (nft refuses the rule: "datatype mismatch")', where: '7:3-7:15' });
    expect(err('icmp type @p')).toEqual({ message: '@p: set p holds inet_service, the match needs icmp_type (nft refuses the rule: "datatype mismatch")', where: '7:3-7:15' });
    expect(err('iif @ifn')).toEqual({ message: '@ifn: set ifn holds ifname, the match needs iface_index (nft refuses the rule: "datatype mismatch")', where: '7:3-7:11' });
    expect(err('icmpv6 type @it')).toEqual({ message: '@it: set it holds icmp_type, the match needs icmpv6_type (nft refuses the rule: "datatype mismatch")', where: '7:3-7:18' });
    // Accepted: nft lists these as 0.0.0.22, 10.0.0.1 (twice), 0.0.0.18, { 0.0.0.22, 10.0.0.0/8 }, 0.0.0.0/8, 0.0.0.22-0.0.0.30.
    const addrs = ['22', '167772161', '0x0a000001', '022', '{ 22, 10.0.0.0/8 }', '22/8', '22-30'].map((a) => rule1(`ip saddr ${a} accept`).matches[0]);
    expect(addrs.map((m) => (m?.kind === 'saddr' ? m.values : m?.kind))).toEqual([['0.0.0.22'], ['10.0.0.1'], ['10.0.0.1'], ['0.0.0.18'], ['0.0.0.22', '10.0.0.0/8'], ['0.0.0.22/8'], ['0.0.0.22-0.0.0.30']]);
    // A host name is resolved on the gateway when nft loads the ruleset: kept, not known, warned about.
    const host = parse(input('\t\tip saddr { localhost, 10.0.0.1 } accept'));
    expect(host.chains[0]!.rules[0]!.matches).toMatchObject([{ kind: 'other', text: 'ip saddr { localhost, 10.0.0.1 }' }]);
    expect(host.problems.map((x) => `${x.message} ${x.location!.line}:${x.location!.column}`)).toEqual(['"localhost" is a host name nft resolves when it loads the ruleset: the match is kept, but its addresses are not modelled 4:14']);
    // Protocol names of /etc/protocols and their aliases, and ct state bits as a number, and a typeof set of the match's type.
    expect(rule1('meta l4proto { ip, IPv6-ICMP, mptcp, comp } accept').matches).toMatchObject([{ kind: 'l4proto', protocols: ['ip', 'IPv6-ICMP', 'mptcp', 'comp'] }]);
    expect(rule1('ct state 0x10 accept').matches).toMatchObject([{ kind: 'ct-state', states: ['0x10'] }]);
    expect(parse(`table inet t {\n${sets}\tchain c {\n\t\tudp sport @p accept\n\t\tiifname @ifn accept\n\t}\n}\n`).chains[0]!.rules).toHaveLength(2);
  });

  it('JSON: refuses values of the wrong type and reads numeric IPv4 addresses and host names as the text form does', () => {
    const rule = (left: string, right: string): string =>
      `{"nftables": [{"chain": {"family": "inet", "table": "t", "name": "c"}},\n{"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": ${left}, "right": ${right}}}, {"accept": null}]}}\n]}`;
    const saddr = '{"payload": {"protocol": "ip", "field": "saddr"}}';
    /** Line 2, the columns of the match's right side. */
    const right = (left: string, value: string): string => {
      const c = rule(left, value).split('\n')[1]!.indexOf(`"right": ${value}`) + '"right": '.length + 1;
      return `2:${c}-2:${c + value.length}`;
    };
    // nft -j -c: "Could not resolve hostname: Address family …", "Could not resolve protocol name", "Could not parse conntrack state".
    expect(errorOf(() => parseJ(rule(saddr, '"::1"')))).toEqual({ message: 'Bad address "::1" in an ip match: nft refuses an address of the other family', where: right(saddr, '"::1"') });
    expect(errorOf(() => parseJ(rule('{"meta": {"key": "l4proto"}}', '"ssh"')))).toEqual({ message: 'Could not resolve protocol name "ssh": nft refuses it', where: right('{"meta": {"key": "l4proto"}}', '"ssh"') });
    expect(errorOf(() => parseJ(rule('{"ct": {"key": "state"}}', '"NEW"')))).toEqual({ message: 'Could not parse conntrack state "NEW": nft refuses it', where: right('{"ct": {"key": "state"}}', '"NEW"') });
    const n = parseJ(rule(saddr, '22'));
    expect(n.chains[0]!.rules[0]!.matches).toMatchObject([{ kind: 'saddr', values: ['0.0.0.22'] }]);
    const host = parseJ(rule(saddr, '"localhost"'));
    expect(host.chains[0]!.rules[0]!.matches.map((m) => m.kind)).toEqual(['other']);
    expect(host.problems.map((x) => x.message)).toEqual(['"localhost" is a host name nft resolves when it loads the ruleset: the match is kept, but its addresses are not modelled']);
  });

  it('refuses chains that jump round in a loop a base chain reaches, as the kernel does when nft loads them ("Too many links")', () => {
    const loop = (names: string, kind = 'jump', to = 'a'): string => `${kind} ${to}: the chains ${names} jump round in a loop a base chain reaches: the kernel refuses the ruleset when nft loads it ("Too many links")`;
    const table = (body: string): string => `table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy drop;\n\t\tjump a\n\t}\n${body}}\n`;
    expect(errorOf(() => parse(table('\tchain a {\n\t\tjump b\n\t}\n\tchain b {\n\t\tjump a\n\t}\n')))).toEqual({ message: loop('a → b → a'), where: '10:3-10:9' });
    expect(errorOf(() => parse(table('\tchain a {\n\t\ttcp dport vmap { 22 : goto a }\n\t}\n')))).toEqual({ message: loop('a → a', 'goto'), where: '7:20-7:31' });
    // Through a named map: its elements count for each chain that uses it.
    expect(errorOf(() => parse(table('\tchain a {\n\t\ttcp dport vmap @m\n\t}\n\tchain b {\n\t\tjump a\n\t}\n\tmap m { type inet_service : verdict; elements = { 22 : goto b } }\n'))))
      .toEqual({ message: loop('a → b → a'), where: '10:3-10:9' });
    // Loaded: the same chain reached twice, and a loop no base chain reaches.
    expect(parse(table('\tchain a {\n\t\tjump b\n\t\tjump b\n\t}\n\tchain b {\n\t}\n\tchain x {\n\t\tjump x\n\t}\n')).chains).toHaveLength(4);
    const json = JSON.stringify({
      nftables: [
        { chain: { family: 'inet', table: 't', name: 'c', type: 'filter', hook: 'input', prio: 0, policy: 'drop' } },
        { chain: { family: 'inet', table: 't', name: 'a' } },
        { rule: { family: 'inet', table: 't', chain: 'c', expr: [{ jump: { target: 'a' } }] } },
        { rule: { family: 'inet', table: 't', chain: 'a', expr: [{ goto: { target: 'a' } }] } },
      ],
    });
    expect(errorOf(() => parseJ(json)).message).toBe(loop('a → a', 'goto'));
  });

  it('refuses an interface name of more than 15 characters, a `*` included, as nft does (IFNAMSIZ)', () => {
    expect(rule1('iifname { "abcdefghijklmno", "abcdefghijklmn*" } accept').matches).toMatchObject([{ kind: 'iif', names: ['abcdefghijklmno', 'abcdefghijklmn*'] }]);
    expect(errorOf(() => parse(input('\t\toifname "abcdefghijklmno*" accept')))).toEqual({ message: 'Interface name "abcdefghijklmno*" is longer than 15 characters: nft refuses it', where: '4:11-4:29' });
  });

  it('resolves priority names with offsets, and bridge names', () => {
    const prio = (p: string, fam = 'inet', hook = 'input'): number | undefined =>
      parse(`table ${fam} t {\n\tchain c {\n\t\ttype filter hook ${hook} priority ${p}; policy accept;\n\t}\n}\n`).chains[0]!.base!.priority;
    expect([prio('0'), prio('-150'), prio('raw'), prio('mangle - 5'), prio('dstnat+10', 'inet', 'prerouting'), prio('srcnat', 'ip', 'postrouting'), prio('security')]).toEqual([0, -150, -300, -155, -90, 100, 50]);
    expect(prio('filter', 'bridge')).toBe(-200);
    expect(errorOf(() => prio('nosuch')).where).toBe('3:35-3:41');
  });

  it('reads the devices an ingress or egress chain is bound to, in the head or on a line of their own', () => {
    const base = (head: string, body = ''): unknown => parse(`table netdev t {\n\tchain c {\n\t\ttype filter hook ${head}; policy accept;\n${body}\t}\n}\n`).chains[0]!.base;
    expect(base('ingress device "wan" priority -500')).toEqual({ type: 'filter', hook: 'ingress', priority: -500, policy: 'accept', devices: ['wan'] });
    expect(base('ingress devices = { lan, "dsp" } priority 0')).toMatchObject({ devices: ['lan', 'dsp'] });
    expect(base('egress priority 0', '\t\tdevices = { eth0, eth1 }\n')).toMatchObject({ hook: 'egress', devices: ['eth0', 'eth1'] });
    expect(base('ingress priority 0', '\t\tdevice eth2\n')).toMatchObject({ devices: ['eth2'] });
    expect(errorOf(() => base('ingress priority 0'))).toEqual({ message: 'An ingress chain needs a device: nft refuses it ("Missing `device\' in this chain definition")', where: '3:3-3:7' });
  });

  it("refuses the base chains nft and the kernel refuse: a type, hook or priority name the family or hook does not take", () => {
    const head = (fam: string, h: string): { message: string; where: string } => errorOf(() => parse(`table ${fam} t {\n\tchain c {\n\t\ttype ${h};\n\t}\n}\n`));
    // nft -c: "unknown chain type", "unknown chain hook", "Could not process rule: Operation not supported",
    // "The netdev family does not support this hook", "invalid priority expression value in this context".
    expect(head('inet', 'foo hook input priority 0')).toEqual({ message: 'Unknown chain type "foo": nft refuses it', where: '3:3-3:7' });
    expect(head('inet', 'filter hook inbound priority 0')).toEqual({ message: 'The inet family has no hook "inbound": nft refuses the chain', where: '3:3-3:7' });
    expect(head('inet', 'filter hook egress device lo priority 0')).toEqual({ message: 'The inet family has no hook "egress": nft refuses the chain', where: '3:3-3:7' });
    expect(head('ip', 'nat hook forward priority 0')).toEqual({ message: 'A nat chain cannot hook ip forward: the kernel refuses it ("Operation not supported")', where: '3:3-3:7' });
    expect(head('bridge', 'nat hook prerouting priority 0')).toEqual({ message: 'A nat chain cannot hook bridge prerouting: the kernel refuses it ("Operation not supported")', where: '3:3-3:7' });
    expect(head('inet', 'route hook input priority 0')).toEqual({ message: 'A route chain hooks output only (of ip, ip6 or inet), not inet input: the kernel refuses it ("Operation not supported")', where: '3:3-3:7' });
    expect(head('inet', 'filter hook input priority dstnat').message).toBe('Priority "dstnat" does not suit a filter chain of family inet in input (it takes raw, mangle, filter, security): nft refuses it ("invalid priority expression value in this context")');
    expect(head('ip', 'nat hook prerouting priority raw').message).toBe('Priority "raw" does not suit a nat chain of family ip in prerouting (it takes mangle, filter, security, dstnat): nft refuses it ("invalid priority expression value in this context")');
    expect(head('netdev', 'filter hook ingress device lo priority raw').message).toMatch(/^Priority "raw" does not suit a filter chain of family netdev in ingress \(it takes filter\)/);
    // Accepted: each family's own names where nft takes them.
    const ok = ['inet|nat hook postrouting priority srcnat', 'bridge|filter hook output priority out', 'ip6|route hook output priority mangle', 'arp|filter hook input priority filter', 'netdev|filter hook egress device lo priority filter', 'inet|filter hook ingress device lo priority raw'];
    for (const c of ok) expect(parse(`table ${c.replace('|', ' t {\n\tchain c {\n\t\ttype ')};\n\t}\n}\n`).chains[0]!.base).toBeDefined();
  });

  it('reads `;`-separated heads, `#` comments and `nft -a` handles', () => {
    const r = parse('table ip t { # c\n  chain c { type filter hook output priority 0; policy accept; }\n  chain d {\n    tcp dport 22 accept # handle 7\n  }\n}\n');
    expect(r.chains[0]!.base).toEqual({ type: 'filter', hook: 'output', priority: 0, policy: 'accept' });
    expect(r.chains[0]!.rules).toEqual([]);
    expect(r.chains[1]!.rules[0]!.handle).toBe(7);
    expect(src(r.chains[1]!.rules[0]!.span)).toBe('tcp dport 22 accept');
  });

  it('reads multi-line anonymous sets, ports by name, comparisons and ranges', () => {
    const r = rule1('tcp dport {\n\t\t\tssh,\n\t\t\thttps\n\t\t} udp sport < 1024 accept');
    expect(r.matches.map((m) => (m.kind === 'dport' || m.kind === 'sport' ? [m.kind, m.ranges] : m.kind))).toEqual([
      ['dport', [[22, 22], [443, 443]]],
      ['sport', [[0, 1023]]],
    ]);
    expect(at(r.matches[0]!.span)).toBe('4:3-7:4');
    expect(rule1('tcp dport { rsync, syslog-tls, http-alt, 22-http, 1000-2000 } accept').matches[0]).toMatchObject({ kind: 'dport', ranges: [[873, 873], [6514, 6514], [8080, 8080], [22, 80], [1000, 2000]] });
    expect(errorOf(() => parse(input('\t\ttcp dport ssh-http accept')))).toEqual({ message: 'Bad port "ssh-http"', where: '4:13-4:21' });
    expect(rule1('ip6 saddr fe80::/10 ip6 nexthdr ipv6-icmp accept').matches).toMatchObject([
      { kind: 'saddr', family: 'ip6', values: ['fe80::/10'] },
      { kind: 'l4proto', protocols: ['ipv6-icmp'] },
    ]);
    expect(rule1('oifname != { "wan0", "wan1" } drop').matches[0]).toMatchObject({ kind: 'oif', names: ['wan0', 'wan1'], negated: true });
  });

  it('reads a range written with spaces whole, in a set or alone, and flattens a set a variable puts in a set', () => {
    const r = rule1('ip daddr { 10.2.0.1 - 10.2.0.100, 10.3.0.0/24 } tcp dport { 22, 1000 - 2000 } udp sport 1000 - 2000 accept');
    expect(r.matches.map((m) => [m.kind, m.kind === 'daddr' ? m.values : m.kind === 'dport' || m.kind === 'sport' ? m.ranges : [], at(m.span)])).toEqual([
      ['daddr', ['10.2.0.1-10.2.0.100', '10.3.0.0/24'], '4:3-4:50'],
      ['dport', [[22, 22], [1000, 2000]], '4:51-4:80'],
      ['sport', [[1000, 2000]], '4:81-4:102'],
    ]);
    expect(r.statements).toEqual([]);
    expect(r.verdict!.kind).toBe('accept');
    expect(errorOf(() => parse(input('\t\ttcp dport { 22 23 } accept')))).toEqual({ message: 'Bad port "22 23"', where: '4:15-4:20' });
    // A variable holding a set, inside an anonymous set, gives its elements.
    const nested = parse(`define ADMINS = { 10.1.0.5, 10.1.0.6 }\n${input('\t\tip saddr { $ADMINS, 10.1.0.7 } accept')}`).chains[0]!.rules[0]!;
    expect(nested.matches.map((m) => [m.kind, m.kind === 'saddr' && m.values, at(m.span)])).toEqual([['saddr', ['10.1.0.5', '10.1.0.6', '10.1.0.7'], '5:3-5:33']]);
  });

  it('reads mark, nat, flow and limit statement forms', () => {
    const r = parse(input('\t\tmeta mark set 0x1 ct mark set meta mark limit rate over 5/minute burst 2 packets drop\n\t\tmeta nfproto ipv4 dnat 10.0.0.2:22 flow offload @ft'));
    expect(r.problems).toEqual([]);
    expect(r.chains[0]!.rules.map((x) => x.statements.map((s) => [s.kind, s.text]))).toEqual([
      [['mark', 'meta mark set 0x1'], ['mark', 'ct mark set meta mark'], ['limit', 'limit rate over 5/minute burst 2 packets']],
      [['nat', 'dnat 10.0.0.2:22'], ['other', 'flow offload @ft']],
    ]);
    expect(r.chains[0]!.rules[1]!.matches).toMatchObject([{ kind: 'nfproto', families: ['ipv4'], negated: false }]);
    const j = parseJ(JSON.stringify({ nftables: [{ chain: { family: 'ip', table: 't', name: 'c' } }, { rule: { family: 'ip', table: 't', chain: 'c', expr: [{ mangle: { key: { meta: { key: 'mark' } }, value: 1 } }, { masquerade: null }] } }] }));
    expect(j.chains[0]!.rules[0]!.statements.map((s) => s.kind)).toEqual(['mark', 'nat']);
  });

  it('keeps vmaps, concatenations and masks whole as other, silently', () => {
    const r = parse(input('\t\tiifname vmap { "lo" : accept, "wan0" : jump w }\n\t\tip saddr . tcp dport { 10.0.0.1 . 22 } accept\n\t\tip6 saddr & ::ffff == ::1 counter').replace(/\n}\n$/, '\n\tchain w {\n\t}\n}\n'));
    expect(r.problems).toEqual([]);
    expect(r.chains[0]!.rules.map((x) => x.matches.map((m) => (m.kind === 'other' ? m.text : m.kind)))).toEqual([
      ['iifname vmap { "lo" : accept, "wan0" : jump w }'],
      ['ip saddr . tcp dport { 10.0.0.1 . 22 }'],
      ['ip6 saddr & ::ffff == ::1'],
    ]);
    expect(r.chains[0]!.rules.map((x) => x.verdict?.kind)).toEqual([undefined, 'accept', undefined]);
  });

  it('keeps unknown statements with a warning, never dropping them', () => {
    const r = parse(input('\t\ttcp dport 80 frobnicate 3 fast accept'));
    const x = r.chains[0]!.rules[0]!;
    expect(x.statements).toMatchObject([{ kind: 'other', text: 'frobnicate 3 fast' }]);
    expect(at(x.statements[0]!.span)).toBe('4:16-4:33');
    expect(x.verdict!.kind).toBe('accept');
    expect(r.problems).toEqual([
      { severity: 'warning', code: 'nftables-unknown', message: 'Unknown nftables statement "frobnicate" kept as other', location: { file: 't.nft', line: 4, column: 16, endLine: 4, endColumn: 33 } },
    ]);
  });

  it('a command that changes the ruleset outside the table blocks is an error at it, never passed over', () => {
    const message = (cmd: string) => `nftables command "${cmd}" changes the ruleset outside a table block, which gridfence does not follow: give the ruleset as \`nft list ruleset\` prints it`;
    const added = `${input('\t\tct state established,related accept')}add rule inet t input iifname "eth2" tcp dport 22 accept\n`;
    expect(errorOf(() => parse(added))).toEqual({ message: message('add'), where: '7:1-7:4' });
    expect(errorOf(() => parse(`include "/etc/nftables.d/*.nft"\n${input('')}`))).toEqual({ message: message('include'), where: '1:1-1:8' });
    // A flush after the tables would empty them; before them (the usual idiom, with a delete of
    // the table the script then writes anew) it clears only what was there before.
    expect(errorOf(() => parse(`${input('')}flush ruleset\n`))).toEqual({ message: message('flush'), where: '7:1-7:6' });
    expect(parse(`table inet t\ndelete table inet t\n${input('')}`).problems.map((p) => p.message)).toEqual(['nftables command "delete" is not read (only table blocks are)']);
  });

  it('a table block opened again adds to its chains and sets, keeping an earlier base declaration', () => {
    const r = parse('table inet f {\n\tset ok { type ipv4_addr; elements = { 10.1.0.5 } }\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state established accept\n\t}\n}\ntable inet f {\n\tset ok { type ipv4_addr; elements = { 10.1.0.6 } }\n\tchain forward {\n\t\tip saddr @ok accept\n\t}\n}\n');
    expect(r.chains.map((c) => [c.name, c.base, c.rules.map((x) => [x.index, at(x.span)]), at(c.span)])).toEqual([
      ['forward', { type: 'filter', hook: 'forward', priority: 0, policy: 'drop' }, [[1, '5:3-5:30'], [2, '11:3-11:22']], '3:2-6:3'],
    ]);
    expect(r.sets.map((x) => [x.name, x.elements])).toEqual([['ok', ['10.1.0.5', '10.1.0.6']]]);
  });

  it('set elements: variables stand for their values, a set among them is flattened, a spaced range is one element', () => {
    const r = parse('define LAN = "eth0"\ndefine NETS = { 10.1.0.0/25, 10.1.0.128/25 }\ntable inet f {\n\tset lan_if {\n\t\ttype ifname\n\t\telements = { $LAN, "eth9" }\n\t}\n\tset nets {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { $NETS, 10.9.0.1 - 10.9.0.5 }\n\t}\n}\n');
    expect(r.sets.map((x) => [x.name, x.elements])).toEqual([
      ['lan_if', ['eth0', 'eth9']],
      ['nets', ['10.1.0.0/25', '10.1.0.128/25', '10.9.0.1-10.9.0.5']],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('warns about commands and table objects it does not read, and variables no define gives', () => {
    const r = parse('flush ruleset\ndefine lan = { 10.0.0.0/8, 192.168.0.0/16 }\ntable inet t {\n\tflowtable f {\n\t\thook ingress priority 0; devices = { eth0 };\n\t}\n\tdefine ssh = 22\n\tchain c {\n\t\tip saddr $lan tcp dport $ssh accept\n\t\tip saddr $wan accept\n\t}\n}\n');
    expect(r.problems.map((p) => [p.location!.line, p.message])).toEqual([
      [1, 'nftables command "flush" is not read (only table blocks are)'],
      [4, 'Table object "flowtable f" is not read'],
      [10, 'nftables variable not resolved; match kept as other'],
    ]);
    const [defined, undefinedVar] = r.chains[0]!.rules;
    expect(defined!.matches).toMatchObject([
      { kind: 'saddr', values: ['10.0.0.0/8', '192.168.0.0/16'] },
      { kind: 'dport', ranges: [[22, 22]] },
    ]);
    // The match's place is where the variable is written.
    const m = defined!.matches[0]!;
    expect(m.span.file.text.slice(m.span.start, m.span.end)).toBe('ip saddr $lan');
    expect(undefinedVar!.matches).toMatchObject([{ kind: 'other', text: 'ip saddr $wan' }]);
  });

  it('locates syntax errors', () => {
    expect(errorOf(() => parse('table inet t {\n\tchain c {\n\t\taccept\n'))).toEqual({ message: 'Chain block is not closed', where: '2:2-2:7' });
    expect(errorOf(() => parse('table inet t {\n\tchain c {\n\t}\n'))).toEqual({ message: 'Table block is not closed', where: '1:1-1:6' });
    expect(errorOf(() => parse('table inet t {\n\tset s {\n\t\ttype ipv4_addr\n'))).toEqual({ message: 'set block is not closed', where: '2:2-2:5' });
    expect(errorOf(() => parse('}\n'))).toEqual({ message: 'Unbalanced "}"', where: '1:1-1:2' });
    expect(errorOf(() => parse('tcp dport 22 accept\n'))).toEqual({ message: 'Unexpected "tcp" outside a table', where: '1:1-1:4' });
    expect(errorOf(() => parse(input('\t\tip saddr 10.0.0.300 accept')))).toEqual({ message: 'Bad address "10.0.0.300"', where: '4:12-4:22' });
    expect(errorOf(() => parse(input('\t\ttcp dport 70000 accept')))).toEqual({ message: 'Bad port "70000"', where: '4:13-4:18' });
    expect(errorOf(() => parse(input('\t\tcomment "x\n')))).toEqual({ message: 'Unterminated string', where: '4:11-4:12' });
    expect(errorOf(() => parse(input('\t\taccept counter')))).toEqual({ message: 'Statement after the verdict "accept"', where: '4:10-4:17' });
    expect(errorOf(() => parse('table inet t {\n\tchain c {\n\t\ttype filter priority 0;\n\t}\n}\n'))).toEqual({ message: 'A base chain needs "type TYPE hook HOOK"', where: '3:3-3:7' });
    expect(errorOf(() => parse('table inet t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy maybe;\n\t}\n}\n')).where).toBe('3:45-3:50');
    expect(errorOf(() => parse(input('\t\tjump')))).toEqual({ message: 'Expected a chain after "jump"', where: '4:3-4:7' });
    // nft refuses a block item that a `}` ends with no newline or `;` (the places nft names).
    const brace = { message: 'syntax error, unexpected "}", expecting newline or semicolon' };
    expect(errorOf(() => parse('table inet t {\n\tchain c { type filter hook input priority 0; policy drop }\n}\n'))).toEqual({ ...brace, where: '2:59-2:60' });
    expect(errorOf(() => parse('table inet t { chain c { tcp dport 22 accept } }\n'))).toEqual({ ...brace, where: '1:46-1:47' });
    expect(errorOf(() => parse('table inet t { chain c { tcp dport 22 accept; } }\n'))).toEqual({ ...brace, where: '1:49-1:50' });
    expect(errorOf(() => parse('table inet t {\n\tchain c {\n\t}}\n'))).toEqual({ ...brace, where: '3:3-3:4' });
    // An empty block, items each ended, and a set block's elements before its `}` (as nft) are read.
    expect(parse('table inet t { chain c { }\n}\ntable inet u { chain c { tcp dport 22 accept; }; }\n').chains.map((c) => c.rules.length)).toEqual([0, 1]);
    expect(parse('table inet t {\n\tset s { type ipv4_addr; elements = { 1.2.3.4 } }\n}\n').sets[0]!.elements).toEqual(['1.2.3.4']);
  });

  it('throws nothing but InputError on random input', () => {
    const alphabet = fc.constantFrom('table ', 'inet ', 't ', 'chain ', 'c ', '{', '}', ';', '\n', 'ip saddr ', 'tcp dport ', '22', '10.0.0.0/8', 'accept ', 'jump ', '"x"', ',', 'type filter hook input priority ', 'policy drop', '@s', 'set ', 'elements = ', '#');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
        try {
          parse(parts.join(''));
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('JSON syntax', () => {
  const doc = (...items: unknown[]): string => JSON.stringify({ nftables: [{ chain: { family: 'ip', table: 't', name: 'c' } }, ...items] }, null, 1);

  it('keeps unknown statements with a warning and known unmodelled ones silently', () => {
    const r = parseJ(doc({ rule: { family: 'ip', table: 't', chain: 'c', expr: [{ xt: { type: 'match', name: 'foo' } }, { notrack: null }, { drop: null }] } }));
    expect(r.chains[0]!.rules[0]!.statements.map((s) => [s.kind, JSON.parse(src(s.span))])).toEqual([
      ['other', { xt: { type: 'match', name: 'foo' } }],
      ['other', { notrack: null }],
    ]);
    expect(r.problems.map((p) => [p.severity, p.message, p.location!.line])).toEqual([['warning', 'Unknown nftables statement "xt" kept as other', 16]]);
  });

  it('reads the devices of an ingress chain, one or a list', () => {
    const dev = (d: unknown): unknown => parseJ(JSON.stringify({ nftables: [{ chain: { family: 'netdev', table: 't', name: 'c', type: 'filter', hook: 'ingress', prio: -500, policy: 'accept', dev: d } }] })).chains[0]!.base!.devices;
    expect(dev('wan')).toEqual(['wan']);
    expect(dev(['lan', 'dsp'])).toEqual(['lan', 'dsp']);
  });

  it('warns about an ingress chain whose listing names no device (nft 1.0.6 leaves "dev" out of nft -j list ruleset)', () => {
    const text = '{"nftables": [\n{"chain": {"family": "netdev", "table": "nd", "name": "ing", "handle": 1, "type": "filter", "hook": "ingress", "prio": -500, "policy": "accept"}}\n]}';
    const r = parseJ(text);
    expect(r.chains[0]!.base!.devices).toBeUndefined();
    expect(r.problems.map((p) => [p.severity, p.message, `${p.location!.line}:${p.location!.column}`])).toEqual([
      ['warning', 'Chain netdev nd ing (hook ingress) names no "dev": the device it filters is not known, so its rules are not applied to any interface', '2:1'],
    ]);
  });

  it('locates errors', () => {
    expect(errorOf(() => parseJ('{"nftables": [}'))).toMatchObject({ where: '1:15-1:16' });
    expect(errorOf(() => parseJ('{"nftables": [{"rule": {"family": "ip", "table": "t", "chain": "c", "expr": []}}]}'))).toEqual({ message: 'Rule for an undeclared chain ip t c', where: '1:24-1:80' });
    expect(errorOf(() => parseJ(doc({ rule: { family: 'ip', table: 't', chain: 'c', expr: [{ match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: 99999 } }] } }))).message).toBe('Bad port "99999"');
    expect(errorOf(() => parseJ('{"nftables": {}}')).message).toBe('Expected {"nftables": [...]}');
  });
});

describe('sniffing', () => {
  it('tells text from JSON from neither', () => {
    expect(looksLikeNftText(fixture('gw2.nft').text)).toBe(true);
    expect(looksLikeNftJson(fixture('gw2.json').text)).toBe(true);
    expect(looksLikeNftText(fixture('gw2.json').text)).toBe(false);
    expect(looksLikeNftJson(fixture('gw2.nft').text)).toBe(false);
    expect(looksLikeNftText('*filter\n:INPUT DROP [0:0]\nCOMMIT\n')).toBe(false);
  });
});

describe(`shared corpus${corpusNote}`, () => {
  const files = hasCorpus ? listFiles(path.join(corpusDir, 'firewall'), (n) => n.endsWith('.nft') || n.endsWith('.json')) : [];
  it.skipIf(!hasCorpus)('parses every nftables file without errors, keeping every rule', () => {
    let n = 0;
    for (const p of files) {
      const text = fs.readFileSync(p, 'utf8');
      const file = new SourceFile(path.relative(corpusDir, p), text);
      if (p.endsWith('.json') ? !looksLikeNftJson(text) : !looksLikeNftText(text)) continue;
      const r = p.endsWith('.json') ? parseNftJson(file) : parseNftText(file);
      expect(r.problems.filter((x) => x.severity === 'error'), p).toEqual([]);
      expect(r.chains.length, p).toBeGreaterThan(0);
      for (const c of r.chains) for (const x of c.rules) expect(x.span.end, p).toBeGreaterThan(x.span.start);
      n++;
    }
    expect(n).toBeGreaterThanOrEqual(10);
  });

  it.skipIf(!hasCorpus)('reads the text and JSON forms of a corpus ruleset alike', () => {
    const dir = path.join(corpusDir, 'firewall/nftables');
    const pairs = fs.readdirSync(dir).filter((n) => n.endsWith('.nft') && fs.existsSync(path.join(dir, n.replace(/\.nft$/, '.json'))));
    expect(pairs.length).toBeGreaterThan(0);
    for (const n of pairs) {
      const t = parseNftText(new SourceFile(n, fs.readFileSync(path.join(dir, n), 'utf8')));
      const j = parseNftJson(new SourceFile(n, fs.readFileSync(path.join(dir, n.replace(/\.nft$/, '.json')), 'utf8')));
      const outline = (r: NftRuleset): unknown => r.chains.map((c) => [c.family, c.table, c.name, c.base, c.rules.map((x) => x.verdict && [x.verdict.kind, x.verdict.target])]);
      expect(outline(t), n).toEqual(outline(j));
    }
  });
});

const nft = ((): string | undefined => {
  try {
    execFileSync('nft', ['--version'], { stdio: 'pipe' });
    return 'nft';
  } catch {
    return undefined;
  }
})();

describe(`nft -c${nft ? '' : ' (skipped: nft is not installed)'}`, () => {
  it.skipIf(!nft)('accepts the text fixture (check only, nothing is loaded)', () => {
    let out: string;
    try {
      out = execFileSync('nft', ['-c', '-f', path.join(repoRoot, 'fixtures/nftables/gw2.nft')], { stdio: 'pipe', encoding: 'utf8' });
    } catch (e) {
      const msg = String((e as { stderr?: string }).stderr ?? e);
      // Without CAP_NET_ADMIN nft cannot even check; that is not the fixture's fault.
      if (/Operation not permitted|Permission denied/.test(msg)) return;
      throw new Error(msg);
    }
    expect(out).toBe('');
  });
});

// Keeps the match type in view for readers of the shape() projection.
export type { NftMatch };

describe('dormant tables', () => {
  const text = 'table inet filter {\n  flags dormant\n  chain input {\n    type filter hook input priority 0; policy drop;\n  }\n}\n';
  const json = JSON.stringify({ nftables: [{ table: { family: 'inet', name: 'filter', handle: 1, flags: ['dormant'] } }, { chain: { family: 'inet', table: 'filter', name: 'input', handle: 1, type: 'filter', hook: 'input', prio: 0, policy: 'drop' } }] });
  it('a dormant table\'s base chains are off their hooks: regular chains, with a warning at the flag, in both forms', () => {
    for (const rs of [parseNftText(new SourceFile('gw.nft', text)), parseNftJson(new SourceFile('gw.json', json))]) {
      expect(rs.chains.map((c) => [c.name, c.base])).toEqual([['input', undefined]]);
      expect(rs.problems.map((p) => `${p.code} ${p.message}`)).toEqual(['nftables-dormant Table inet filter is dormant (flags dormant): its chains are off their hooks and filter nothing']);
    }
    expect(parseNftText(new SourceFile('gw.nft', text)).problems[0]!.location).toEqual(expect.objectContaining({ line: 2, column: 3 }));
    // Without the flag, the chain is the base chain it is written as.
    expect(parseNftText(new SourceFile('gw.nft', text.replace('  flags dormant\n', ''))).chains[0]!.base).toEqual(expect.objectContaining({ hook: 'input', policy: 'drop' }));
  });
});

describe('rewritten addresses', () => {
  it('a rule that sets an address or port is said, since where the packet then goes is not followed; other fields set are not', () => {
    const rs = parseNftText(new SourceFile('gw.nft', 'table ip t {\n  chain post {\n    type filter hook postrouting priority 0; policy accept;\n    oifname "eth0" ip daddr 203.0.113.10 ip daddr set 198.18.0.5\n    ip dscp set cs1\n  }\n}\n'));
    expect(rs.problems.map((p) => `${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual(['4:42 "ip daddr set 198.18.0.5" rewrites the packet, which is not followed: where it goes after it is not checked']);
  });
});

describe('statements that send packets past the hooks', () => {
  it('fwd and dup are said in the JSON form as in the text form', () => {
    const rule = (stmt: object) => JSON.stringify({ nftables: [{ table: { family: 'netdev', name: 'e' } }, { chain: { family: 'netdev', table: 'e', name: 'in1', type: 'filter', hook: 'ingress', prio: 0, policy: 'accept', dev: 'eth1' } }, { rule: { family: 'netdev', table: 'e', chain: 'in1', expr: [stmt] } }] });
    for (const [key, stmt] of [['fwd', { fwd: { dev: 'eth0' } }], ['dup', { dup: { addr: '198.51.100.1', dev: 'eth0' } }]] as const) {
      expect(parseNftJson(new SourceFile('gw.json', rule(stmt))).problems.map((p) => p.message)).toEqual([`Unknown nftables statement "${key}" kept as other`]);
    }
    expect(parseNftText(new SourceFile('gw.nft', 'table netdev e {\n  chain in1 {\n    type filter hook ingress device "eth1" priority 0; policy accept;\n    fwd to "eth0"\n  }\n}\n')).problems.map((p) => p.message)).toEqual(['Unknown nftables statement "fwd" kept as other']);
  });
});
