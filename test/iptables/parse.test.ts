/**
 * iptables-save parser: rules, matches and targets with their exact places, negation (modern and
 * legacy), multiport ranges, quoting, counters, each syntax error at its place, unknown matches kept
 * with a warning, random input never throwing anything but InputError, the shared corpus, and (when
 * iptables-restore is installed and the tests run as root) the fixtures accepted by `--test`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeIptables, parseIptables, type IptChain, type IptMatch, type IptRule, type IptRuleset } from '../../src/loaders/iptables/parse.js';
import { iptablesToModel } from '../../src/loaders/iptables/to-model.js';
import { InputError } from '../../src/model/errors.js';
import { formatPrefix } from '../../src/model/net/cidr.js';
import { SourceFile, toLocation, type Span } from '../../src/model/source.js';
import { corpusDir, corpusNote, hasCorpus, listFiles, REFUSED, repoRoot } from '../support/files.js';

const fixture = (name: string): SourceFile => new SourceFile(`fixtures/iptables/${name}`, fs.readFileSync(path.join(repoRoot, 'fixtures/iptables', name), 'utf8'));
const parse = (text: string, family?: 4 | 6): IptRuleset => parseIptables(new SourceFile('t.rules', text), family);

/** "line:column-endLine:endColumn" of a span (end column exclusive). */
const at = (s: Span): string => {
  const l = toLocation(s);
  return `${l.line}:${l.column}-${l.endLine}:${l.endColumn}`;
};
const src = (s: Span): string => s.file.text.slice(s.start, s.end);
const chain = (r: IptRuleset, table: string, name: string): IptChain => r.tables.get(table)!.get(name)!;
const filter = (rules: string, chains = ''): string => `*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n${chains}${rules}\nCOMMIT\n`;
/** The first rule of INPUT in a filter table around `rule` (which starts on line 5). */
const rule1 = (rule: string, chains = ''): IptRule => chain(parse(filter(rule, chains)), 'filter', 'INPUT').rules[0]!;
/** A nat table around `rules` (which start on line 4). */
const nat = (rules: string): string => `*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n${rules}\nCOMMIT\n`;
const errorOf = (text: string): { message: string; where: string } => {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof InputError && e.span) return { message: e.message, where: at(e.span) };
    throw e;
  }
  throw new Error('no error');
};

describe('gw1 fixture (iptables-save)', () => {
  const file = fixture('gw1.rules');
  const r = parseIptables(file);

  it('reads tables, chains, policies and counters in file order', () => {
    expect(r.family).toBe(4);
    expect(r.problems).toEqual([]);
    expect([...r.tables.keys()]).toEqual(['nat', 'filter']);
    expect([...r.tables.get('filter')!.values()].map((c) => [c.name, c.policy ?? '-', c.builtin, c.rules.length])).toEqual([
      ['INPUT', 'DROP', true, 6],
      ['FORWARD', 'DROP', true, 6],
      ['OUTPUT', 'ACCEPT', true, 0],
      ['dispatch-in', '-', false, 3],
    ]);
    expect(at(chain(r, 'filter', 'dispatch-in').span)).toBe('16:1-16:21');
  });

  it('locates rules, matches and targets exactly', () => {
    const ssh = chain(r, 'filter', 'INPUT').rules[2]!;
    expect([ssh.table, ssh.chain, ssh.index]).toEqual(['filter', 'INPUT', 3]);
    expect(at(ssh.span)).toBe(`19:1-19:${file.text.split('\n')[18]!.length + 1}`);
    expect(ssh.matches.map((m) => [m.kind, at(m.span), src(m.span)])).toEqual([
      ['src', '19:10-19:27', '-s 10.30.250.0/24'],
      ['in', '19:28-19:35', '-i eth1'],
      ['proto', '19:36-19:42', '-p tcp'],
      ['dport', '19:50-19:60', '--dport 22'],
    ]);
    expect(ssh.comment).toBe('SSH from the "mgmt" VLAN');
    expect(ssh.target).toMatchObject({ name: 'ACCEPT', kind: 'accept', args: {} });
    expect(src(ssh.target!.span)).toBe('-j ACCEPT');
    const src0 = ssh.matches[0]!;
    expect(src0.kind === 'src' && src0.prefixes.map((p) => formatPrefix(p.version, p.network, p.bits))).toEqual(['10.30.250.0/24']);
  });

  it('reads DNAT, MASQUERADE, LOG, REJECT, RETURN, a user chain jump and an ipset match', () => {
    const dnat = chain(r, 'nat', 'PREROUTING').rules[0]!;
    expect(dnat.target).toMatchObject({ name: 'DNAT', kind: 'nat', args: { 'to-destination': '10.30.1.5:443' } });
    expect(src(dnat.target!.span)).toBe('-j DNAT --to-destination 10.30.1.5:443');
    expect(chain(r, 'nat', 'POSTROUTING').rules[0]!.target).toMatchObject({ name: 'MASQUERADE', kind: 'nat' });
    const log = chain(r, 'filter', 'INPUT').rules[4]!;
    expect(log.target).toMatchObject({ kind: 'log', args: { 'log-prefix': 'gw1 input drop: ', 'log-level': '4' } });
    expect(log.matches).toMatchObject([{ kind: 'other', module: 'limit', text: '--limit 10/min' }]);
    expect(chain(r, 'filter', 'FORWARD').rules[2]!.target).toMatchObject({ name: 'dispatch-in', kind: 'jump' });
    const [set, rej, ret] = chain(r, 'filter', 'dispatch-in').rules;
    expect(set!.matches.find((m) => m.kind === 'set')).toMatchObject({ name: 'tso-dispatch', dirs: ['src'], negated: false });
    expect(set!.comment).toBe('TSO dispatch link (ipset tso-dispatch)');
    expect(rej!.matches.find((m) => m.kind === 'dport')).toMatchObject({ ranges: [[500, 500], [4500, 4500], [20000, 20010]] });
    expect(rej!.target).toMatchObject({ kind: 'reject', args: { 'reject-with': 'icmp-port-unreachable' } });
    expect(ret!.target!.kind).toBe('return');
    const fwd = chain(r, 'filter', 'FORWARD').rules[3]!;
    expect(fwd.matches.find((m) => m.kind === 'dst')).toMatchObject({ negated: true });
    expect(src(fwd.matches.find((m) => m.kind === 'dst')!.span)).toBe('! -d 10.0.0.0/8');
  });
});

describe('gw1-v6 fixture (ip6tables-save)', () => {
  it('is IPv6 from its addresses and reads icmpv6 types', () => {
    const r = parseIptables(fixture('gw1-v6.rules'));
    expect(r.family).toBe(6);
    expect(r.problems).toEqual([]);
    const input = chain(r, 'filter', 'INPUT').rules;
    expect(input[2]!.matches).toMatchObject([{ kind: 'proto', protocol: 58 }, { kind: 'icmp', type: '135' }]);
    expect(input[4]!.matches[0]).toMatchObject({ kind: 'src', prefixes: [{ version: 6, bits: 64 }] });
  });
  it('is IPv6 from its ip6tables-save header or an icmp6 match when no address says so', () => {
    const body = '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\nCOMMIT\n';
    expect(parse(`# Generated by ip6tables-save v1.8.9 (nf_tables) on Tue Dec  1 00:59:34 2026\n${body}`).family).toBe(6);
    expect(parse(`# Generated by iptables-save v1.8.9 (nf_tables) on Tue Dec  1 00:59:34 2026\n${body}`).family).toBe(4);
    expect(parse(body.replace('COMMIT', '-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT\nCOMMIT')).family).toBe(6);
    const mixed = parse(`# Generated by ip6tables-save v1.8.9\n${body.replace('COMMIT', '-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT')}`);
    expect([mixed.family, mixed.problems.map((p) => p.code)]).toEqual([6, ['iptables-family']]);
  });
  it('takes the family the caller gives', () => {
    expect(parse(filter('-A INPUT -j ACCEPT'), 6).family).toBe(6);
    expect(parse(filter('-A INPUT -j ACCEPT')).family).toBe(4);
  });
});

describe('matches', () => {
  const kinds = (r: IptRule): unknown[] => r.matches.map((m: IptMatch) => ('negated' in m ? [m.kind, m.negated] : [m.kind, m.module]));

  it('reads modern negation before options and inside modules', () => {
    const r = rule1('-A INPUT ! -s 10.0.0.0/8 ! -i eth+ -p tcp -m conntrack ! --ctstate NEW -m set ! --match-set bad src,dst -d 10.1.0.0/16,10.2.0.0/16 -j DROP');
    expect(kinds(r)).toEqual([['src', true], ['in', true], ['proto', false], ['state', true], ['set', true], ['dst', false]]);
    expect(r.matches[0]).toMatchObject({ prefixes: [{ bits: 8 }] });
    expect(r.matches[5]).toMatchObject({ prefixes: [{ bits: 16 }, { bits: 16 }] });
    expect(r.matches[1]).toMatchObject({ iface: 'eth', wildcard: true });
    expect(r.matches.map((m) => at(m.span))).toEqual(['5:10-5:25', '5:26-5:35', '5:36-5:42', '5:56-5:71', '5:79-5:104', '5:105-5:131']);
    expect(r.matches[4]).toMatchObject({ name: 'bad', dirs: ['src', 'dst'] });
  });

  it('reads the legacy negation after the option, with a warning', () => {
    const res = parse(filter('-A INPUT -s 10.0.0.0/8 -d ! 192.168.0.0/16 -m state --state ! NEW -j ACCEPT'));
    const r = chain(res, 'filter', 'INPUT').rules[0]!;
    expect(kinds(r)).toEqual([['src', false], ['dst', true], ['state', true]]);
    expect(res.problems.map((p) => [p.code, p.severity, `${p.location!.line}:${p.location!.column}`])).toEqual([
      ['iptables-legacy-negation', 'warning', '5:24'],
      ['iptables-legacy-negation', 'warning', '5:53'],
    ]);
  });

  it('reads single ports, open ranges and multiport lists', () => {
    const r = rule1('-A INPUT -p tcp -m tcp --sport 1024: --dport :1023 -m multiport --dports 22,80:88,443 -m multiport ! --sports 53');
    expect(r.matches.filter((m) => m.kind === 'sport' || m.kind === 'dport')).toMatchObject([
      { kind: 'sport', ranges: [[1024, 65535]], negated: false },
      { kind: 'dport', ranges: [[0, 1023]] },
      { kind: 'dport', ranges: [[22, 22], [80, 88], [443, 443]] },
      { kind: 'sport', ranges: [[53, 53]], negated: true },
    ]);
    expect(r.target).toBeUndefined();
    // --dport after -p udp without -m udp loads the protocol module implicitly, as --icmp-type after -p icmp does.
    expect(rule1('-A INPUT -p udp --dport 500 -j ACCEPT').matches[1]).toMatchObject({ kind: 'dport', ranges: [[500, 500]] });
    const icmp = parse(filter('-A INPUT -p icmp --icmp-type echo-request -j ACCEPT\n-A INPUT -p 1 ! --icmp-type 0 -j ACCEPT'));
    expect(chain(icmp, 'filter', 'INPUT').rules.map((r) => r.matches[1])).toMatchObject([{ kind: 'icmp', type: 'echo-request', negated: false }, { kind: 'icmp', type: '0', negated: true }]);
    expect(icmp.problems).toEqual([]);
    const icmp6 = parse(filter('-A INPUT -p ipv6-icmp --icmpv6-type 128 -j ACCEPT'));
    expect([icmp6.family, icmp6.problems, chain(icmp6, 'filter', 'INPUT').rules[0]!.matches[1]]).toMatchObject([6, [], { kind: 'icmp', type: '128' }]);
  });

  it('reads service names as iptables resolves them, and keeps a name it does not know as other with a warning', () => {
    const r = rule1('-A INPUT -p tcp --dport ssh -m multiport --dports http,ftp-data:ftp,8443 ! --sport domain -j ACCEPT');
    expect(r.matches.filter((m) => m.kind === 'sport' || m.kind === 'dport')).toMatchObject([
      { kind: 'dport', ranges: [[22, 22]] },
      { kind: 'dport', ranges: [[80, 80], [20, 21], [8443, 8443]] },
      { kind: 'sport', ranges: [[53, 53]], negated: true },
    ]);
    const res = parse(filter('-A INPUT -p tcp -m tcp --dport no-such-service -j ACCEPT'));
    expect(chain(res, 'filter', 'INPUT').rules[0]!.matches.map((m) => [m.kind, at(m.span)])).toEqual([['proto', '5:10-5:16'], ['other', '5:24-5:47']]);
    expect(res.problems.map((p) => [p.code, `${p.location!.line}:${p.location!.column}`])).toEqual([['iptables-unknown-match', '5:24']]);
  });

  it('reads a dotted mask as its prefix, and keeps a mask no prefix expresses as other with a warning', () => {
    const r = parse(filter('-A INPUT -s 10.1.0.5/255.255.255.0 -d fd00::/ffff:ffff:: -j ACCEPT\n-A INPUT -s 10.0.0.0/255.0.255.0 -j ACCEPT'));
    const [a, b] = chain(r, 'filter', 'INPUT').rules;
    expect(a!.matches.map((m) => (m.kind === 'src' || m.kind === 'dst' ? m.prefixes.map((p) => formatPrefix(p.version, p.network, p.bits)) : m.kind))).toEqual([['10.1.0.0/24'], ['fd00::/32']]);
    expect(b!.matches.map((m) => [m.kind, at(m.span)])).toEqual([['other', '6:10-6:33']]);
    expect(r.problems.map((p) => [p.code, `${p.location!.line}:${p.location!.column}`])).toEqual([['iptables-unknown-match', '6:10'], ['iptables-family', '1:1']]);
  });

  it('reads connection states in either case, as iptables does', () => {
    expect(rule1('-A INPUT -m state --state new,Established -m conntrack ! --ctstate invalid -j ACCEPT').matches).toMatchObject([
      { kind: 'state', states: ['NEW', 'ESTABLISHED'], negated: false },
      { kind: 'state', states: ['INVALID'], negated: true },
    ]);
  });

  it('reads protocols by name and number', () => {
    const proto = (p: string): unknown => rule1(`-A INPUT -p ${p}`).matches[0];
    expect(proto('esp')).toMatchObject({ kind: 'proto', protocol: 50 });
    expect(proto('gre')).toMatchObject({ protocol: 47 });
    expect(proto('all')).toMatchObject({ protocol: 'all' });
    expect(proto('132')).toMatchObject({ protocol: 132 });
    expect(proto('icmpv6')).toMatchObject({ protocol: 58 });
  });

  it('reads iprange, icmp, conntrack state lists and keeps --tcp-flags and --ctstatus as other', () => {
    const [r, r2] = chain(parse(filter('-A INPUT -m iprange --src-range 10.0.0.1-10.0.0.9 ! --dst-range 10.1.0.0-10.1.0.255 -p icmp -m icmp --icmp-type echo-request -m conntrack --ctstate NEW,UNTRACKED,DNAT --ctstatus CONFIRMED\n-A INPUT -p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -m tcp --syn')), 'filter', 'INPUT').rules;
    expect(r!.matches).toMatchObject([
      { kind: 'iprange', field: 'src', from: '10.0.0.1', to: '10.0.0.9', negated: false },
      { kind: 'iprange', field: 'dst', negated: true },
      { kind: 'proto', protocol: 1 },
      { kind: 'icmp', type: 'echo-request' },
      { kind: 'state', states: ['NEW', 'UNTRACKED', 'DNAT'] },
      { kind: 'other', module: 'conntrack', text: '--ctstatus CONFIRMED' },
    ]);
    expect(r2!.matches).toMatchObject([
      { kind: 'proto', protocol: 6 },
      { kind: 'other', module: 'tcp', text: '! --tcp-flags FIN,SYN,RST,ACK SYN' },
      { kind: 'other', module: 'tcp', text: '--syn' },
    ]);
  });

  it('reads an option once per -m, and an unambiguous abbreviation as getopt_long does', () => {
    const res = parse(filter('-A INPUT -p tcp --dport 22 -m tcp --dport 23 -m state --state NEW -m state --state ESTABLISHED -j ACCEPT\n-A INPUT -p tcp --sour 10.0.0.0/8 --dpor 80 -j ACCEPT\n-A INPUT -p tcp -m multiport --dport 80,443 -j ACCEPT'));
    const [r, r2, r3] = chain(res, 'filter', 'INPUT').rules;
    expect(r!.matches.map((m) => m.kind)).toEqual(['proto', 'dport', 'dport', 'state', 'state']);
    expect(r2!.matches).toMatchObject([{ kind: 'proto', protocol: 6 }, { kind: 'src', prefixes: [{ bits: 8 }] }, { kind: 'dport', ranges: [[80, 80]] }]);
    // Before -p tcp's own module is loaded, --dport abbreviates multiport's --dports (iptables-save prints it so).
    expect(r3!.matches).toMatchObject([{ kind: 'proto', protocol: 6 }, { kind: 'dport', ranges: [[80, 80], [443, 443]] }]);
    expect(res.problems).toEqual([]);
    // `! -p tcp --dport 22` loads the tcp match under iptables-nft; the legacy kernel refuses it.
    const neg = parse(filter('-A INPUT ! -p tcp --dport 22 -j ACCEPT'));
    expect(chain(neg, 'filter', 'INPUT').rules[0]!.matches).toMatchObject([{ kind: 'proto', negated: true }, { kind: 'other', module: 'tcp', text: '--dport 22' }]);
    expect(neg.problems.map((p) => p.code)).toEqual(['iptables-unknown-match']);
  });

  it('reads IPv4 addresses as iptables does: short, octal and hex parts, and an iprange of one address', () => {
    const res = parse(filter('-A INPUT -s 0/0 -d 10.1/16 -j ACCEPT\n-A INPUT -s 10 -d 010.0x1.1.1 -j ACCEPT\n-A INPUT -m iprange --src-range 10.0.0.1 -j ACCEPT'));
    const [r, r2, r3] = chain(res, 'filter', 'INPUT').rules;
    const addrs = (x: IptRule): string[] => x.matches.flatMap((m) => (m.kind === 'src' || m.kind === 'dst' ? [`${m.kind} ${m.prefixes.map((p) => formatPrefix(p.version, p.network, p.bits)).join(',')}`] : []));
    // iptables-save prints them as -s 0.0.0.0/0 (left out), -d 10.1.0.0/16, -s 10.0.0.0/32, -d 8.1.1.1/32.
    expect([addrs(r!), addrs(r2!)]).toEqual([['src 0.0.0.0/0', 'dst 10.1.0.0/16'], ['src 10.0.0.0/32', 'dst 8.1.1.1/32']]);
    expect(r3!.matches).toMatchObject([{ kind: 'iprange', field: 'src', from: '10.0.0.1', to: '10.0.0.1' }]);
    expect(res.problems).toEqual([]);
  });

  it('reads TEE --gateway with its address, and an interface name of 15 characters', () => {
    const res = parse('*mangle\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -i abcdefghijklmn+ -j TEE --gateway 10.0.0.1\nCOMMIT\n');
    const r = res.tables.get('mangle')!.get('PREROUTING')!.rules[0]!;
    expect([r.matches, r.target]).toMatchObject([[{ kind: 'in', iface: 'abcdefghijklmn', wildcard: true }], { name: 'TEE', args: { gateway: '10.0.0.1' }, kind: 'other' }]);
    // Where the copies go is not followed: said at the target.
    expect(res.problems.map((p) => `${p.code} ${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual(['iptables-not-followed 3:34 TEE copies the packets it takes to 10.0.0.1, which is not followed: where the copies go is not checked']);
  });

  it('reads SET --add-set with the set\'s name and its flags, as iptables-save writes it', () => {
    const res = parse(filter('-A INPUT -p udp --dport 7777 -j SET --add-set knock src'));
    expect(chain(res, 'filter', 'INPUT').rules[0]!.target).toMatchObject({ name: 'SET', args: { 'add-set': 'knock src' } });
    expect(res.problems).toEqual([]);
  });

  it('reads numbers with base 0, as iptables does: a leading 0 is octal, 0x hex', () => {
    const res = parse(filter('-A INPUT -p tcp --dport 022 -j ACCEPT\n-A INPUT -p tcp -m multiport --dports 010:020,0x50 -j ACCEPT\n-A INPUT -p icmp --icmp-type 010/0x1 -j ACCEPT\n-A INPUT -p 010 -j ACCEPT'));
    const [a, b, c, d] = chain(res, 'filter', 'INPUT').rules;
    // iptables-save prints them as --dport 18, --dports 8:16,80, --icmp-type 8/1 and -p egp.
    expect([a!.matches[1], b!.matches[1], c!.matches[1], d!.matches[0]]).toMatchObject([
      { kind: 'dport', ranges: [[18, 18]] },
      { kind: 'dport', ranges: [[8, 16], [80, 80]] },
      { kind: 'icmp', type: '010/0x1' },
      { kind: 'proto', protocol: 8 },
    ]);
    const model = iptablesToModel('gw', 't.rules', res);
    expect(model.chains.get('filter/INPUT')!.rules[2]!.conditions[1]).toEqual({ kind: 'icmp', types: [{ protocol: 1, type: 8, code: 1 }], negated: false });
    expect(errorOf(filter('-A INPUT -p tcp --dport 08 -j ACCEPT'))).toEqual({ message: '"08" is not a port: a leading 0 makes it octal (iptables refuses it)', where: '5:25-5:27' });
  });

  it.each([
    // iptables-restore: unknown protocol "08" specified; "256" and "0x100" alike.
    ['-A INPUT -p 08 -j ACCEPT', '"08" is not a protocol number (0-255; a leading 0 makes it octal): iptables refuses it ("unknown protocol")', '5:13-5:15'],
    ['-A INPUT -p 256 -j ACCEPT', '"256" is not a protocol number (0-255; a leading 0 makes it octal): iptables refuses it ("unknown protocol")', '5:13-5:16'],
    ['-A INPUT -p 0x100 -j ACCEPT', '"0x100" is not a protocol number (0-255; a leading 0 makes it octal): iptables refuses it ("unknown protocol")', '5:13-5:18'],
    // libxt_icmp: "unknown character 8", "Unknown ICMP type `300'", "Unknown ICMP code `3/any'".
    ['-A INPUT -p icmp --icmp-type 08 -j ACCEPT', 'Unknown ICMP type "08": iptables refuses it', '5:30-5:32'],
    ['-A INPUT -p icmp --icmp-type 300 -j ACCEPT', 'Unknown ICMP type "300": iptables refuses it', '5:30-5:33'],
    ['-A INPUT -p icmp --icmp-type 8/08 -j ACCEPT', 'Unknown ICMP code "8/08": iptables refuses it', '5:30-5:34'],
    ['-A INPUT -p icmp --icmp-type 8/300 -j ACCEPT', 'Unknown ICMP code "8/300": iptables refuses it', '5:30-5:35'],
    ['-A INPUT -p icmp --icmp-type 3/any -j ACCEPT', 'Unknown ICMP code "3/any": iptables refuses it', '5:30-5:35'],
    ['-A INPUT -p icmp --icmp-type 8/ -j ACCEPT', 'Unknown ICMP code "8/": iptables refuses it', '5:30-5:32'],
  ])('refuses %s, a number iptables does not read, at it', (rule, message, where) => {
    expect(errorOf(filter(rule))).toEqual({ message, where });
  });

  it('keeps an unknown module with a warning', () => {
    const res = parse(filter('-A INPUT -m frobnicate --level 3 -j ACCEPT'));
    const [r] = chain(res, 'filter', 'INPUT').rules;
    expect(r!.matches).toMatchObject([
      { kind: 'other', module: 'frobnicate', text: '-m frobnicate' },
      // The options of an unknown module are its own: not warned about again.
      { kind: 'other', module: 'frobnicate', text: '--level 3' },
    ]);
    expect(r!.target!.kind).toBe('accept');
    expect(res.problems.map((p) => [p.code, `${p.location!.line}:${p.location!.column}-${p.location!.endColumn}`])).toEqual([['iptables-unknown-match', '5:10-23']]);
  });

  it('keeps a host name as other with a warning, and an unknown target with a warning', () => {
    const res = parse(filter('-A INPUT -s scada.example.net -j FANCY --level 2'));
    const r = chain(res, 'filter', 'INPUT').rules[0]!;
    expect(r.matches).toMatchObject([{ kind: 'other', module: '-s', text: '-s scada.example.net' }]);
    expect(r.target).toMatchObject({ name: 'FANCY', kind: 'other', args: { level: '2' } });
    expect(res.problems.map((p) => p.code)).toEqual(['iptables-hostname', 'iptables-unknown-target']);
  });
});

describe('targets, quoting and counters', () => {
  it('reads a match option written after the target as the match it belongs to, as iptables does', () => {
    const r = parse(filter('-A INPUT -p tcp -j DROP --dport 22\n-A INPUT -p tcp -m conntrack -j LOG --log-prefix "x " --ctstate NEW -m multiport --dports 80,443'));
    const [a, b] = chain(r, 'filter', 'INPUT').rules;
    expect([a!.matches.map((m) => [m.kind, at(m.span)]), a!.target!.args, at(a!.target!.span)]).toEqual([[['proto', '5:10-5:16'], ['dport', '5:25-5:35']], {}, '5:17-5:24']);
    expect([b!.matches.map((m) => m.kind), b!.target!.args]).toEqual([['proto', 'state', 'dport'], { 'log-prefix': 'x ' }]);
    expect(r.problems).toEqual([]);
    // Options of a module the model does not read stay with it too after an option-less target.
    const limit = rule1('-A INPUT -p tcp -m limit -j DROP --limit 5/min --limit-burst 10');
    expect([limit.matches.map((m) => (m.kind === 'other' ? src(m.span) : m.kind)), limit.target!.args]).toEqual([['proto', '--limit 5/min', '--limit-burst 10'], {}]);
  });


  it('reads goto, SNAT, REDIRECT, MARK, CONNMARK, CT --notrack and NOTRACK', () => {
    const r = parse(
      '*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING -p udp --dport 123 -j CT --notrack\n-A OUTPUT -j NOTRACK\nCOMMIT\n' +
        '*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:fwd - [0:0]\n' +
        '-A PREROUTING -g fwd\n-A fwd -p tcp --dport 80 -j REDIRECT --to-ports 3128\n-A POSTROUTING -o eth0 -j SNAT --to-source 203.0.113.1 --random\nCOMMIT\n' +
        '*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n' +
        '-A PREROUTING -j MARK --set-xmark 0x1/0xffffffff\n-A PREROUTING -j CONNMARK --save-mark\nCOMMIT\n',
    );
    const t = (table: string, c: string, i = 0): unknown => chain(r, table, c).rules[i]!.target;
    expect(t('raw', 'PREROUTING')).toMatchObject({ name: 'CT', kind: 'notrack', args: { notrack: '' } });
    expect(t('raw', 'OUTPUT')).toMatchObject({ kind: 'notrack' });
    expect(t('nat', 'PREROUTING')).toMatchObject({ name: 'fwd', kind: 'goto' });
    expect(t('nat', 'fwd')).toMatchObject({ kind: 'nat', args: { 'to-ports': '3128' } });
    expect(t('nat', 'POSTROUTING')).toMatchObject({ name: 'SNAT', args: { 'to-source': '203.0.113.1', random: '' } });
    expect(t('mangle', 'PREROUTING')).toMatchObject({ kind: 'mark', args: { 'set-xmark': '0x1/0xffffffff' } });
    expect(t('mangle', 'PREROUTING', 1)).toMatchObject({ name: 'CONNMARK', kind: 'mark', args: { 'save-mark': '' } });
    expect(r.problems).toEqual([]);
  });

  it('reads double quotes with escapes, single quotes and backslashes, and spans cover the quotes', () => {
    const r = rule1(`-A INPUT -m comment --comment "a \\"quoted\\" -j word" -m comment --comment 'it''s' -j LOG --log-prefix "-- x: "`);
    expect(r.comment).toBe('a "quoted" -j word; its');
    expect(r.target).toMatchObject({ name: 'LOG', args: { 'log-prefix': '-- x: ' } });
    expect(at(r.target!.span)).toBe('5:83-5:111');
    expect(rule1('-A INPUT -m comment --comment a\\ b').comment).toBe('a b');
  });

  it('reads -c counters, leading [p:b] counters and chain counters', () => {
    const r = parse(filter('-A INPUT -c 12 3400 -j ACCEPT\n[7:800] -A INPUT -j DROP'));
    const [a, b] = chain(r, 'filter', 'INPUT').rules;
    expect(a!.counters).toEqual([12, 3400]);
    expect(b!.counters).toEqual([7, 800]);
    expect(b!.index).toBe(2);
    expect(at(b!.span)).toBe('6:1-6:25');
    expect(looksLikeIptables(filter(''))).toBe(true);
    expect(looksLikeIptables('table inet fw4 {\n}\n')).toBe(false);
  });
});

describe('syntax errors at their place', () => {
  const cases: Array<[string, string, RegExp, string]> = [
    ['a rule before any table', '-A INPUT -j ACCEPT\n', /before any \*table/, '1:1-1:3'],
    ['a missing COMMIT at the end', '# x\n*filter\n:INPUT ACCEPT [0:0]\n', /never closed/, '2:1-2:8'],
    ['a missing COMMIT before the next table', '*filter\n:INPUT ACCEPT [0:0]\n*nat\nCOMMIT\n', /COMMIT is missing/, '3:1-3:5'],
    ['an unbalanced quote', filter('-A INPUT -m comment --comment "open -j ACCEPT'), /Unbalanced double quote/, '5:31-5:32'],
    ['an undeclared chain', filter('-A nope -j ACCEPT'), /Chain nope is not declared/, '5:4-5:8'],
    ['an undeclared goto', filter('-A INPUT -g nope'), /-g needs a chain/, '5:13-5:17'],
    ['-I', filter('-I INPUT 1 -j ACCEPT'), /only appends rules with -A/, '5:1-5:3'],
    ['a missing argument', filter('-A INPUT -s'), /-s needs an argument/, '5:10-5:12'],
    ['a bad address', filter('-A INPUT -s 10.0.0.0/33'), /not an address/, '5:13-5:24'],
    ['a bad port', filter('-A INPUT -p tcp --dport 70000'), /out of range/, '5:25-5:30'],
    ['a port that is neither a number nor a name', filter('-A INPUT -p tcp --dport 22/tcp'), /not a port/, '5:25-5:31'],
    ['a bad state', filter('-A INPUT -m state --state NEW,OLD'), /"OLD" is not a connection state/, '5:27-5:34'],
    ['a negated list of addresses', filter('-A INPUT ! -s 10.0.0.0/8,192.168.0.0/16 -j DROP'), /"!" is not allowed with several addresses/, '5:10-5:40'],
    ['a legacy negated list of addresses', filter('-A INPUT -d ! 10.0.0.0/8,192.168.0.0/16 -j DROP'), /"!" is not allowed with several addresses/, '5:10-5:40'],
    ['a dangling !', filter('-A INPUT -j ACCEPT !'), /"!" must be followed/, '5:20-5:21'],
    ['a stray word', filter('-A INPUT tcp'), /Unexpected "tcp"/, '5:10-5:13'],
    ['a policy on a user chain', filter('', ':mine ACCEPT [0:0]\n'), /cannot have a policy/, '5:7-5:13'],
    ['COMMIT without a table', 'COMMIT\n', /COMMIT without/, '1:1-1:7'],
    ['a duplicate chain', filter('', ':INPUT DROP [0:0]\n'), /declared twice/, '5:1-5:18'],
    ['-i in OUTPUT', filter('-A OUTPUT -i eth0 -j DROP'), /Can't use -i with OUTPUT/, '5:11-5:18'],
    ['-o in INPUT, wildcard too', filter('-A INPUT ! -o + -j DROP'), /Can't use -o with INPUT/, '5:10-5:16'],
    ['-i in POSTROUTING', '*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -i lan -j MASQUERADE\nCOMMIT\n', /Can't use -i with POSTROUTING/, '3:16-3:22'],
    // What iptables-restore refuses (v1.8.9, legacy and nf_tables alike).
    ['an option no loaded module takes', filter('-A INPUT -p udp -m multiport --ports 8080:8081,8082 --something-else -j ACCEPT'), /Unknown option --something-else for match multiport: iptables refuses/, '5:53-5:69'],
    ['a port option without -p', filter('-A INPUT --dport 22 -j ACCEPT'), /Unknown option --dport \(no -p or -m loads it\)/, '5:10-5:17'],
    ['a port option after -p icmp', filter('-A INPUT -p icmp --dport 22 -j ACCEPT'), /Unknown option --dport after -p icmp/, '5:18-5:25'],
    ['a port option after -p all', filter('-A INPUT -p all ! --dport 22 -j ACCEPT'), /Unknown option --dport/, '5:17-5:26'],
    ['an ambiguous abbreviation', filter('-A INPUT -p tcp --dpor 80 --sour 10.0.0.0/8 -j ACCEPT'), /Unknown option --sour after -p tcp/, '5:27-5:33'],
    ['a reversed port range', filter('-A INPUT -p tcp --dport 1024:22 -j ACCEPT'), /"1024:22" is not a port range: its first port must be below its last/, '5:25-5:32'],
    ['a reversed multiport range', filter('-A INPUT -p tcp -m multiport --dports 22,80:79 -j ACCEPT'), /"80:79" is not a port range/, '5:39-5:47'],
    ['a multiport range of one port', filter('-A INPUT -p tcp -m multiport --dports 80:80 -j ACCEPT'), /"80:80" is not a port range/, '5:39-5:44'],
    ['an open multiport range', filter('-A INPUT -p udp -m multiport --sports 1024: -j ACCEPT'), /"1024:": a multiport range needs both its ports/, '5:39-5:44'],
    ['16 multiport ports', filter('-A INPUT -p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16 -j ACCEPT'), /more than the 15 ports multiport holds/, '5:39-5:77'],
    ['an interface name of 16 characters', filter('-A INPUT -i abcdefghijklmno+ -j ACCEPT'), /Interface name "abcdefghijklmno\+" is longer than 15 characters/, '5:13-5:29'],
    ['a RETURN policy', '*filter\n:INPUT RETURN [0:0]\nCOMMIT\n', /"RETURN" is not a chain policy/, '2:8-2:14'],
    ['-m tcp without -p', filter('-A INPUT -m tcp --dport 22 -j ACCEPT'), /-m tcp needs -p tcp: iptables refuses/, '5:10-5:16'],
    ['-m tcp after -p udp', filter('-A INPUT -p udp -m tcp --dport 22 -j ACCEPT'), /-m tcp needs -p tcp, not udp/, '5:17-5:23'],
    ['-m multiport after a negated -p', filter('-A INPUT ! -p tcp -m multiport --dports 22 -j ACCEPT'), /-m multiport needs -p tcp, udp, udplite, sctp or dccp/, '5:19-5:31'],
    ['a port after -p udplite (iptables has no udplite match)', filter('-A INPUT -p udplite --dport 22 -j ACCEPT'), /Unknown option --dport after -p udplite/, '5:21-5:28'],
    ['-m state without --state', filter('-A INPUT -m state -j ACCEPT'), /-m state needs --state/, '5:10-5:18'],
    ['-m comment without --comment', filter('-A INPUT -m comment -j ACCEPT'), /-m comment needs --comment/, '5:10-5:20'],
    ['-m iprange without a range', filter('-A INPUT -m iprange -j ACCEPT'), /-m iprange needs --src-range or --dst-range/, '5:10-5:20'],
    ['-m multiport without ports', filter('-A INPUT -p tcp -m multiport -j ACCEPT'), /-m multiport needs --ports/, '5:17-5:29'],
    ['DNAT in the filter table', filter('-A INPUT -p tcp -j DNAT --to-destination 10.0.0.1'), /DNAT is a target of the nat table only, not of filter/, '5:17-5:50'],
    ['MASQUERADE in PREROUTING', '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j MASQUERADE\nCOMMIT\n', /MASQUERADE works in POSTROUTING only, not in PREROUTING/, '3:15-3:28'],
    // SNAT may stand in INPUT; MASQUERADE may not (both backends refuse the rule: "Invalid argument").
    ['MASQUERADE in INPUT', '*nat\n:INPUT ACCEPT [0:0]\n-A INPUT -j MASQUERADE\nCOMMIT\n', /^MASQUERADE works in POSTROUTING only, not in INPUT: the kernel refuses the rule$/, '3:10-3:23'],
    ['REDIRECT --to-ports without a protocol', '*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -j REDIRECT --to-ports 8080\nCOMMIT\n', /REDIRECT --to-ports needs -p tcp/, '3:15-3:42'],
    ['a tcp-reset without -p tcp', filter('-A INPUT -p udp -j REJECT --reject-with tcp-reset'), /REJECT --reject-with tcp-reset needs -p tcp/, '5:17-5:50'],
    ['a jump to a built-in chain', filter('-A FORWARD -j INPUT'), /INPUT is a built-in chain: a rule cannot jump to it/, '5:12-5:20'],
    ['two -s', filter('-A INPUT -s 10.0.0.0/8 ! -s 10.1.0.0/16 -j ACCEPT'), /-s is given twice/, '5:24-5:28'],
    ['two -p', filter('-A INPUT -p tcp -m tcp --dport 22 --protocol udp -j ACCEPT'), /--protocol is given twice/, '5:35-5:45'],
    ['two -i', filter('-A INPUT -i eth0 -i eth1 -j ACCEPT'), /-i is given twice/, '5:18-5:20'],
    ['two --dport in one match', filter('-A INPUT -p tcp --dport 22 --dport 23 -j ACCEPT'), /tcp: --dport is given twice/, '5:28-5:35'],
    ['--sport and --source-port in one match', filter('-A INPUT -p tcp -m tcp --sport 1 --source-port 2 -j ACCEPT'), /tcp: --source-port cannot be given with --sport/, '5:34-5:47'],
    ['--syn with --tcp-flags', filter('-A INPUT -p tcp --tcp-flags SYN SYN --syn -j ACCEPT'), /tcp: --syn cannot be given with --tcp-flags/, '5:37-5:42'],
    ['two --state in one match', filter('-A INPUT -m state --state NEW --state ESTABLISHED -j ACCEPT'), /state: --state is given twice/, '5:31-5:38'],
    ['--dports and --sports in one multiport', filter('-A INPUT -p tcp -m multiport --dports 1 --sports 2 -j ACCEPT'), /multiport: --sports cannot be given with --dports/, '5:41-5:49'],
    ['two --ctstate in one match', filter('-A INPUT -m conntrack --ctstate NEW ! --ctstate INVALID -j ACCEPT'), /conntrack: --ctstate is given twice/, '5:37-5:48'],
    // NAT targets' values, as libxt_DNAT/REDIRECT/MASQUERADE read them (iptables-restore --test, both backends).
    ['a NAT port 08 (strtoul reads 0, then 8)', nat('-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1:08'), /^DNAT --to-destination 10\.0\.0\.1:08: Garbage after port value: `8' \(iptables refuses the rule\)$/, '4:47-4:58'],
    ['a REDIRECT port 08', nat('-A PREROUTING -p tcp -j REDIRECT --to-ports 08'), /^REDIRECT --to-ports 08: Garbage after port value: `8'/, '4:45-4:47'],
    ['a MASQUERADE range ending 08', nat('-A POSTROUTING -p tcp -j MASQUERADE --to-ports 0-08'), /^MASQUERADE --to-ports 0-08: Garbage after port range: `8'/, '4:48-4:52'],
    ['a SNAT range ending below its start', nat('-A POSTROUTING -p tcp -j SNAT --to-source 10.0.0.1:1024-09'), /^SNAT --to-source 10\.0\.0\.1:1024-09: Port range `09' funky/, '4:43-4:59'],
    ['a NAT port above 65535', nat('-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1:65536'), /Port `65536' not valid/, '4:47-4:61'],
    ['an empty NAT port', nat('-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1:'), /Port `' not valid/, '4:47-4:56'],
    ['a NAT range with a colon', nat('-A PREROUTING -p tcp -j REDIRECT --to-ports 80:90'), /Invalid port:port syntax - use dash/, '4:45-4:50'],
    ['a REDIRECT shifted range', nat('-A PREROUTING -p tcp -j REDIRECT --to-ports 80-90/100'), /a shifted port range \(\/BASE\) is DNAT's only/, '4:45-4:54'],
    ['NAT ports without -p', nat('-A PREROUTING -j DNAT --to-destination 10.0.0.1:80'), /ports need -p tcp, udp, sctp, dccp or icmp/, '4:40-4:51'],
    ['a NAT address with a leading 0', nat('-A PREROUTING -p tcp -j DNAT --to-destination 010.0.0.1:80'), /"010\.0\.0\.1" is not an address in dotted-quad form \("Bad IP address"\)/, '4:47-4:59'],
    ['a NAT address of two parts', nat('-A PREROUTING -p tcp -j DNAT --to-destination 10.1'), /"10\.1" is not an address in dotted-quad form/, '4:47-4:51'],
    ['a NAT address with a prefix', nat('-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1/24'), /"10\.0\.0\.1\/24" is not an address in dotted-quad form/, '4:47-4:58'],
    ['a NAT address with two ports', nat('-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1:80:90'), /"10\.0\.0\.1:80:90" is neither an IPv6 address nor an address and ports/, '4:47-4:61'],
    ['a target option given twice', nat('-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.1 --to-destination 10.0.0.2'), /^DNAT: option "--to-destination" can only be used once: iptables refuses the rule$/, '4:56-4:72'],
    ['a LOG option given twice', filter('-A INPUT -j LOG --log-prefix a --log-prefix b'), /^LOG: option "--log-prefix" can only be used once/, '5:32-5:44'],
    // libxt_mac: "Invalid MAC address specified" (as an anonymised listing writes it, five bytes, dashes, three digits).
    ['a MAC address of X', filter('-A INPUT -m mac --mac-source XX:XX:XX:XX:XX:XX -j DROP'), /^"XX:XX:XX:XX:XX:XX" is not a MAC address \(six bytes of hex digits joined by ":"\): iptables refuses it/, '5:30-5:47'],
    ['a MAC address of five bytes', filter('-A INPUT -m mac ! --mac-source 00:11:22:33:44 -j DROP'), /is not a MAC address/, '5:32-5:46'],
    ['a MAC address with dashes', filter('-A INPUT -m mac --mac-source 00-11-22-33-44-55 -j DROP'), /is not a MAC address/, '5:30-5:47'],
    // libxt_LOG: 'log level "9" unknown'; libipt_REJECT: 'unknown reject type "foo"' (ip6tables' types are not iptables'); "Empty interface is likely to be undesired".
    ['a log level 8', filter('-A INPUT -j LOG --log-level 8'), /^Log level "8" is unknown \(a syslog name or 0-7\): iptables refuses it$/, '5:29-5:30'],
    ['a log level in capitals', filter('-A INPUT -j LOG --log-level Warning'), /^Log level "Warning" is unknown/, '5:29-5:36'],
    ['an unknown reject type', filter('-A INPUT -p tcp -j REJECT --reject-with foo'), /^Unknown reject type "foo": iptables refuses it$/, '5:41-5:44'],
    ['an ip6tables reject type in an iptables file', `# Generated by iptables-save v1.8.9\n${filter('-A INPUT -p tcp -j REJECT --reject-with icmp6-no-route')}`, /^Unknown reject type "icmp6-no-route"/, '6:41-6:55'],
    ['a tcp reset abbreviated without -p tcp', filter('-A INPUT -p udp -j REJECT --reject-with TCP-R'), /REJECT --reject-with tcp-reset needs -p tcp/, '5:17-5:46'],
    ['an unknown TCP flag', filter('-A INPUT -p tcp --tcp-flags SYN,FOO SYN -j ACCEPT'), /^Unknown TCP flag "FOO": iptables refuses it$/, '5:29-5:36'],
    ['ECE, which libxt_tcp does not name', filter('-A INPUT -p tcp ! --tcp-flags SYN ECE -j ACCEPT'), /^Unknown TCP flag "ECE"/, '5:35-5:38'],
    ['an empty interface name', filter('-A INPUT -i "" -j ACCEPT'), /^An empty interface name: iptables refuses it/, '5:13-5:15'],
    ['a MAC byte of three digits', filter('-A INPUT -m mac --mac-source 000ff:0:0:0:0:0 -j DROP'), /is not a MAC address/, '5:30-5:45'],
  ];
  it.each(cases)('%s', (_name, text, message, where) => {
    const e = errorOf(text);
    expect(e.message).toMatch(message);
    expect(e.where).toBe(where);
  });
});

describe('REJECT and LOG values', () => {
  it('reads a reject type as libipt_REJECT does: any start of a name or alias, in any case, the first in its order; log levels by name or number', () => {
    const reject = (w: string, header = ''): string | undefined => chain(parse(`${header}${filter(`-A INPUT -p tcp -j REJECT --reject-with ${w}`)}`), 'filter', 'INPUT').rules[0]!.target!.args['reject-with'];
    // iptables-save lists them so after iptables-restore.
    expect(['t', 'TCP-R', 'tcp-rst', 'p', 'icmp-h', 'a', 'ICMP-PORT-UNREACHABLE', 'port-unreach'].map((w) => reject(w))).toEqual([
      'tcp-reset', 'tcp-reset', 'tcp-reset', 'icmp-proto-unreachable', 'icmp-host-unreachable', 'icmp-admin-prohibited', 'icmp-port-unreachable', 'icmp-port-unreachable',
    ]);
    expect(['p', 'adm', 'no-route'].map((w) => reject(w, '# Generated by ip6tables-save v1.8.9\n'))).toEqual(['icmp6-port-unreachable', 'icmp6-adm-prohibited', 'icmp6-no-route']);
    for (const level of ['emerg', 'panic', 'warning', 'debug', '0', '07', '0x3']) expect(rule1(`-A INPUT -j LOG --log-level ${level}`).target!.args['log-level']).toBe(level);
  });
});

describe('jump loops', () => {
  it('refuses chains that jump round in a loop a built-in chain reaches, as the kernel does at load; a loop no built-in chain reaches is loaded', () => {
    // iptables-restore (legacy: "line 10 failed"; nft: "RULE_APPEND failed (Too many links)"); --test passes both files.
    const chains = ':A - [0:0]\n:B - [0:0]\n';
    expect(errorOf(filter('-A INPUT -j A\n-A A -p tcp -j B\n-A B -g A', chains))).toEqual({
      message: '-g A: the chains A → B → A jump round in a loop a built-in chain reaches: the kernel refuses the table when it is loaded',
      where: '9:6-9:10',
    });
    expect(errorOf(filter('-A FORWARD -j A\n-A A -j A', chains)).message).toBe('-j A: the chains A → A jump round in a loop a built-in chain reaches: the kernel refuses the table when it is loaded');
    expect(chain(parse(filter('-A A -j B\n-A B -j A\n-A INPUT -j B\n-A INPUT -j B', ':A - [0:0]\n:B - [0:0]\n:C - [0:0]\n').replace('-A B -j A', '-A B -j C')), 'filter', 'INPUT').rules).toHaveLength(2);
    expect(chain(parse(filter('-A A -j B\n-A B -j A', chains)), 'filter', 'A').rules).toHaveLength(1);
    // A script: the command that closes the loop fails, and the script would go on without it.
    expect(() => parseIptables(new SourceFile('fw.sh', 'iptables -N A\niptables -N B\niptables -A INPUT -j A\niptables -A A -j B\niptables -A B -j A\n'))).toThrow('-j A: the chains A → B → A jump round in a loop');
  });
});

describe('-m mac', () => {
  it('takes the MAC addresses libxt_mac takes and keeps the match as a condition the model does not read', () => {
    for (const mac of ['00:11:22:33:44:55', '0:1:2:3:4:5', 'AA:bb:CC:dd:EE:ff', '-1:+2: 3:4:5:', ':::::']) {
      const r = rule1(`-A INPUT -m mac --mac-source "${mac}" -j DROP`);
      expect(r.matches.map((m) => [m.kind, src(m.span)])).toEqual([['other', `--mac-source "${mac}"`]]);
    }
  });
});

describe('a built-in chain without its policy line', () => {
  it('takes its rules as iptables-restore does, its policy read as ACCEPT with a warning', () => {
    const r = parse('*filter\n:INPUT DROP [0:0]\n-A FORWARD -p tcp -m tcp --dport 23 -j DROP\nCOMMIT\n');
    const fwd = chain(r, 'filter', 'FORWARD');
    expect([fwd.policy, fwd.builtin, fwd.rules.map((x) => x.target?.name), at(fwd.span)]).toEqual(['ACCEPT', true, ['DROP'], '3:4-3:11']);
    expect(r.problems.map((p) => `${p.code} ${p.location!.line}:${p.location!.column}`)).toEqual(['iptables-undeclared-chain 3:4']);
  });
});

describe('robustness', () => {
  it('never throws anything but InputError on random lines', () => {
    const word = fc.oneof(
      fc.constantFrom('-A', 'INPUT', '-s', '-d', '!', '-p', 'tcp', '-m', 'multiport', '--dports', '22,80:90', '-j', 'ACCEPT', '-g', 'x', '"', "'", '\\', 'COMMIT', '*filter', ':x', '-', '[0:0]', '--ctstate', 'conntrack', 'NEW', '-c', '1', '::1/128', '10.0.0.0/8', '--comment', 'comment', '--match-set', 'set', 'src'),
      fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~'.split('')), maxLength: 8 }),
    );
    const line = fc.array(word, { maxLength: 12 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), (lines, wrap) => {
        const text = wrap ? filter(lines.join('\n'), ':x - [0:0]\n') : lines.join('\n');
        try {
          parse(text);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe(`shared corpus${corpusNote}`, () => {
  it.skipIf(!hasCorpus)('parses every iptables-save file of ../shared/corpus/firewall without an error', () => {
    const files = listFiles(path.join(corpusDir, 'firewall'), () => true)
      .map((p) => ({ p, text: fs.readFileSync(p, 'utf8') }))
      .filter((f) => looksLikeIptables(f.text));
    expect(files.length).toBeGreaterThanOrEqual(13);
    let rules = 0;
    for (const f of files) {
      if (REFUSED[path.basename(f.p)]) {
        expect(() => parseIptables(new SourceFile(path.relative(corpusDir, f.p), f.text)), f.p).toThrow(REFUSED[path.basename(f.p)]![0]);
        continue;
      }
      const r = parseIptables(new SourceFile(path.relative(corpusDir, f.p), f.text));
      expect(r.problems.filter((p) => p.severity === 'error'), f.p).toEqual([]);
      for (const t of r.tables.values()) for (const c of t.values()) rules += c.rules.length;
    }
    // The largest file (TUM_Net, about 4500 rules) is refused for its anonymised MAC addresses.
    expect(rules).toBeGreaterThan(1500);
  });
});

const restore = (bin: string): boolean => {
  try {
    execFileSync(bin, ['--version'], { stdio: 'ignore' });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
};
describe('iptables-restore --test', () => {
  // Parsing only: `--test` never changes the host's tables. The ipset is removed from the copy
  // given to iptables-restore because `--test` looks sets up in the kernel.
  it.skipIf(!restore('iptables-restore'))('accepts gw1.rules (skipped without iptables-restore or root)', () => {
    const text = fixture('gw1.rules').text.replace(/ -m set --match-set \S+ \S+/g, '');
    execFileSync('iptables-restore', ['--test'], { input: text });
  });
  it.skipIf(!restore('ip6tables-restore'))('accepts gw1-v6.rules (skipped without ip6tables-restore or root)', () => {
    execFileSync('ip6tables-restore', ['--test'], { input: fixture('gw1-v6.rules').text });
  });
});

describe('a script of iptables commands', () => {
  const script = [
    '#!/bin/sh',
    'IPT=/sbin/iptables',
    'set -e',
    '$IPT -F',
    '$IPT -X',
    '$IPT -P FORWARD DROP',
    '$IPT -N vendor',
    '$IPT -A FORWARD -i eth0 -o eth1 -j vendor',
    '$IPT -A vendor -s 192.0.2.0/24 -p tcp --dport 22 -j ACCEPT',
    '$IPT -I FORWARD 1 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
    'iptables -A POSTROUTING -t nat -o eth0 -j MASQUERADE',
    '',
  ].join('\n');

  it('is told from its content and builds the tables iptables-restore would', () => {
    expect(looksLikeIptables(script)).toBe(true);
    const r = parseIptables(new SourceFile('fw.sh', script));
    const chains = [...r.tables.values()].flatMap((t) => [...t.values()]);
    expect(chains.map((c) => `${c.table}/${c.name} ${c.policy ?? '-'} ${c.rules.map((x) => `#${x.index}:${x.target?.name}@${x.span.file.position(x.span.start).line}`).join(' ')}`)).toEqual([
      'filter/INPUT ACCEPT ',
      'filter/FORWARD DROP #1:ACCEPT@10 #2:vendor@8',
      'filter/OUTPUT ACCEPT ',
      'filter/vendor - #1:ACCEPT@9',
      'nat/PREROUTING ACCEPT ',
      'nat/INPUT ACCEPT ',
      'nat/OUTPUT ACCEPT ',
      'nat/POSTROUTING ACCEPT #1:MASQUERADE@11',
    ]);
    // A shell line that is not an iptables command is said, never silently dropped.
    expect(r.problems.map((p) => `${p.code} ${p.location?.line}`)).toEqual(['iptables-script-line 3']);
  });

  it('reads a variable the script assigns where it stands; one it does not set is an error at the word', () => {
    const vars = ['#!/bin/sh', 'WAN=eth0', 'DL="eth1"', "SSH='22'", 'iptables -A FORWARD -i $WAN -o ${DL} -p tcp --dport "$SSH" -j ACCEPT', "iptables -A FORWARD -m comment --comment 'costs $5' -j DROP", ''].join('\n');
    const r = parseIptables(new SourceFile('fw.sh', vars));
    expect(r.problems).toEqual([]);
    const [accept, drop] = r.tables.get('filter')!.get('FORWARD')!.rules;
    const ifaces = accept!.matches.flatMap((m) => (m.kind === 'in' || m.kind === 'out' ? [`${m.kind} ${m.iface}`] : []));
    const ports = accept!.matches.flatMap((m) => (m.kind === 'dport' ? m.ranges : []));
    expect([ifaces, ports, accept!.target?.name]).toEqual([['in eth0', 'out eth1'], [[22, 22]], 'ACCEPT']);
    expect(drop!.target?.name).toBe('DROP');
    const env = ['#!/bin/sh', 'iptables -A FORWARD -i $WAN -o eth1 -j ACCEPT', ''].join('\n');
    expect(() => parseIptables(new SourceFile('fw.sh', env))).toThrow(/^\$WAN is a shell variable the script does not set/);
  });

  it('keeps the tables of iptables and ip6tables commands apart, each of its own family', () => {
    const both = ['IPT=/sbin/iptables', 'IPT6="/sbin/ip6tables"', '$IPT -P FORWARD DROP', '$IPT6 -P FORWARD DROP', '$IPT -A FORWARD -s 10.1.0.0/24 -j ACCEPT', 'ip6tables -N in6', 'ip6tables -A FORWARD -j in6', '$IPT6 -A in6 -p tcp --dport 80 -j ACCEPT', ''].join('\n');
    const r = parseIptables(new SourceFile('fw.sh', both));
    const list = (t: IptRuleset['tables'] | undefined): string[] => [...(t?.values() ?? [])].flatMap((x) => [...x.values()]).map((c) => `${c.table}/${c.name} ${c.policy ?? '-'} ${c.rules.map((x) => `${x.target?.name}@${x.span.file.position(x.span.start).line}`).join(' ')}`);
    expect([r.family, list(r.tables), list(r.ip6), r.problems]).toEqual([
      4,
      ['filter/INPUT ACCEPT ', 'filter/FORWARD DROP ACCEPT@5', 'filter/OUTPUT ACCEPT '],
      ['filter/INPUT ACCEPT ', 'filter/FORWARD DROP in6@7', 'filter/OUTPUT ACCEPT ', 'filter/in6 - ACCEPT@8'],
      [],
    ]);
    const model = iptablesToModel('gw', 'fw.sh', r);
    expect([...model.chains.values()].map((c) => `${c.id} v${c.versions.join(',')} ${c.rules.map((x) => `${x.address} ${x.action.kind === 'jump' ? x.action.chain : x.action.kind}`).join(' ')}`)).toEqual([
      'filter/INPUT v4 ',
      'filter/FORWARD v4 gw:filter/FORWARD#1 accept',
      'filter/OUTPUT v4 ',
      'ip6 filter/INPUT v6 ',
      'ip6 filter/FORWARD v6 gw:ip6 filter/FORWARD#1 ip6 filter/in6',
      'ip6 filter/OUTPUT v6 ',
      'ip6 filter/in6 v6 gw:ip6 filter/in6#1 accept',
    ]);
    // ip6tables commands alone, through a variable, are IPv6.
    const only6 = parseIptables(new SourceFile('fw.sh', 'IP6T=/usr/sbin/ip6tables\n$IP6T -P INPUT DROP\n$IP6T -A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\n'));
    expect([only6.family, only6.ip6, list(only6.tables)]).toEqual([6, undefined, ['filter/INPUT DROP ACCEPT@3', 'filter/FORWARD ACCEPT ', 'filter/OUTPUT ACCEPT ']]);
  });

  it('follows a command over the lines its trailing backslashes continue it on', () => {
    const text = 'iptables -P FORWARD DROP\niptables -A FORWARD -s 10.1.0.0/24 \\\n  -p tcp --dport 22 \\\n  -m comment --comment "a \\\\" -j ACCEPT\niptables -A FORWARD -j DROP\n';
    const r = parseIptables(new SourceFile('fw.sh', text));
    const rules = chain(r, 'filter', 'FORWARD').rules;
    expect(rules.map((x) => [x.matches.map((m) => m.kind), x.comment, x.target?.name, at(x.span)])).toEqual([
      [['src', 'proto', 'dport'], 'a \\', 'ACCEPT', '2:1-4:40'],
      [[], undefined, 'DROP', '5:1-5:28'],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('refuses a CRLF line ending as iptables-restore and the shell do: the return joins the last word (before it, a backslash escapes it)', () => {
    // iptables-restore --test: "unable to initialize table 'filter'", "Invalid target name", "Bad argument `COMMIT'";
    // bash passes $'\r' as a word of its own after `\` and continues no line.
    const crlf = 'A carriage return ends this line (a CRLF line ending): iptables-restore reads it as part of the line\'s last word and refuses the line';
    expect(errorOf('*filter\r\n:INPUT DROP [0:0]\r\nCOMMIT\r\n')).toEqual({ message: crlf, where: '1:8-1:9' });
    expect(errorOf(filter('-A INPUT -p tcp --dport 22 -j ACCEPT\r'))).toEqual({ message: crlf, where: '5:37-5:38' });
    expect(errorOf(filter('-A INPUT -j ACCEPT').replace('COMMIT', 'COMMIT\r'))).toEqual({ message: crlf, where: '6:7-6:8' });
    expect(errorOf(filter('\r'))).toEqual({ message: crlf, where: '5:1-5:2' });
    expect(errorOf(filter('-A INPUT -m comment --comment "x"\r'))).toEqual({ message: crlf, where: '5:34-5:35' });
    // A chain line's counters and a comment line take the return.
    const ok = parse('# Generated by iptables-save\r\n*filter\n:INPUT DROP [0:0]\r\n-A INPUT -j ACCEPT\nCOMMIT\n');
    expect(chain(ok, 'filter', 'INPUT').rules).toHaveLength(1);
    const cmd = 'A carriage return ends this command (a CRLF line ending): the shell passes it to iptables as part of the last word, and iptables refuses the command';
    const script = (text: string): { message: string; where: string } => {
      try {
        parseIptables(new SourceFile('fw.sh', text));
      } catch (e) {
        if (e instanceof InputError && e.span) return { message: e.message, where: at(e.span) };
      }
      throw new Error('no error');
    };
    expect(script('iptables -P FORWARD DROP\r\n')).toEqual({ message: cmd, where: '1:25-1:26' });
    expect(script('iptables -A FORWARD -s 10.1.0.0/24 \\\r\n  -p tcp --dport 22 -j ACCEPT\n')).toEqual({ message: cmd, where: '1:37-1:38' });
  });

  it('reads the commands of a line split by ;, && and ||, without redirections and comments', () => {
    const text = [
      'iptables -F; iptables -X ; iptables -P FORWARD DROP',
      'iptables -N web 2>/dev/null || true',
      'iptables -C FORWARD -j web 2> /dev/null || iptables -A FORWARD -j web # send to web',
      'iptables -A web -p tcp --dport 443 -j ACCEPT >>/var/log/fw.log 2>&1',
      '',
    ].join('\n');
    const r = parseIptables(new SourceFile('fw.sh', text));
    const list = [...r.tables.values()].flatMap((t) => [...t.values()]).map((c) => `${c.name} ${c.policy ?? '-'} ${c.rules.map((x) => `${x.target?.name}@${x.span.file.position(x.span.start).line}`).join(' ')}`);
    expect(list).toEqual(['INPUT ACCEPT ', 'FORWARD DROP web@3', 'OUTPUT ACCEPT ', 'web - ACCEPT@4']);
    expect(r.problems.map((p) => `${p.code} ${p.location!.line}:${p.location!.column}`)).toEqual(['iptables-script-line 2:29', 'iptables-script-line 3:41']);
  });

  it('reads the position of -I with base 0, as iptables does (-I INPUT 010 inserts at 8, 0x2 at 2)', () => {
    const script = [...Array.from({ length: 9 }, (_, i) => `iptables -A INPUT -s 10.0.0.${i + 1} -j ACCEPT`), 'iptables -I INPUT 010 -s 10.9.9.9 -j DROP', 'iptables -I INPUT 0x2 -s 10.8.8.8 -j DROP', ''].join('\n');
    const rules = parseIptables(new SourceFile('fw.sh', script)).tables.get('filter')!.get('INPUT')!.rules;
    // iptables -S INPUT lists them so after the same commands.
    expect(rules.map((r) => src(r.matches[0]!.span))).toEqual(['-s 10.0.0.1', '-s 10.8.8.8', ...[2, 3, 4, 5, 6, 7].map((i) => `-s 10.0.0.${i}`), '-s 10.9.9.9', '-s 10.0.0.8', '-s 10.0.0.9']);
  });

  it('a command on a chain that does not exist, or one a script cannot be read for, is an error at its place', () => {
    for (const [text, where, message] of [
      ['iptables -A nope -j ACCEPT\n', '1:13', 'Chain nope does not exist in table filter (create it with -N first)'],
      ['iptables -N a\niptables -D a 1\n', '2:10', '-D is not read in a script (only -A, -I, -N, -P, -F, -X, -Z, -C, -L and -S are)'],
      ['iptables -P FORWARD MAYBE\n', '1:21', '"MAYBE" is not a chain policy (ACCEPT or DROP)'],
      // iptables refuses a position past the end: the script goes on without the rule.
      ['iptables -A INPUT -j ACCEPT\niptables -I INPUT 3 -j LOG\n', '2:19', '-I INPUT 3: the chain has 1 rule here, so iptables refuses the insertion ("Index of insertion too big" / "Invalid rule number")'],
      ['iptables -N a\niptables -A a -j ACCEPT\niptables -X a\n', '3:13', '-X cannot delete chain a of table filter: it has 1 rule (iptables refuses it; flush it and remove the jumps first)'],
      ['iptables -N b\niptables -A INPUT -j b\niptables -X\n', '3:10', '-X cannot delete chain b of table filter: a rule jumps to it (iptables refuses it; flush it and remove the jumps first)'],
      ['iptables -I INPUT 0 -j LOG\n', '1:19', '-I INPUT 0: the chain has 0 rules here, so iptables refuses the insertion ("Index of insertion too big" / "Invalid rule number")'],
      // Base 0 reads 08 as no number.
      ['iptables -A INPUT -j ACCEPT\niptables -I INPUT 08 -j LOG\n', '2:19', '-I INPUT 08: "08" is not a rule number, so iptables refuses the insertion ("Invalid rule number")'],
    ] as const) {
      try {
        parseIptables(new SourceFile('fw.sh', text));
        throw new Error('no error');
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        const loc = (e as InputError).toProblem().location!;
        expect(`${loc.line}:${loc.column} ${(e as InputError).message}`).toBe(`${where} ${message}`);
      }
    }
  });
});
