/**
 * nftables rules in the firewall model: what the kernel rule nft loads matches, including the
 * conditions nft adds to a rule and its listing does not show.
 */
import { describe, expect, it } from 'vitest';
import { parseNftJson, parseNftText } from '../../src/loaders/nftables/parse.js';
import { nftablesToModel } from '../../src/loaders/nftables/to-model.js';
import type { FwCondition } from '../../src/model/firewall.js';
import { parsePrefixOrAddress } from '../../src/model/net/cidr.js';
import { SourceFile } from '../../src/model/source.js';

/** The conditions and action of each rule of `family t/c`, opaque conditions as their text. */
const rules = (text: string, json = false): Array<{ conditions: unknown[]; action: string }> => {
  const rs = json ? parseNftJson(new SourceFile('t.json', text)) : parseNftText(new SourceFile('t.nft', text));
  const model = nftablesToModel('gw', json ? 't.json' : 't.nft', rs);
  const c = [...model.chains.values()].find((x) => x.name === 'c')!;
  return c.rules.map((r) => ({ conditions: r.conditions.map((x: FwCondition) => (x.kind === 'opaque' ? `opaque ${x.text}` : x)), action: r.action.kind }));
};
const chain = (family: string, body: string): string => `table ${family} t {\n\tchain c {\n\t\ttype filter hook forward priority 0; policy accept;\n${body}\n\t}\n}\n`;

describe('reject', () => {
  const tcp = { kind: 'protocol', protocols: [6], negated: false };
  it('rejects only TCP with a tcp reset, only IPv4 with icmp and only IPv6 with icmpv6, as nft loads the rule (meta l4proto tcp / meta nfproto first)', () => {
    const text = chain('inet', '\t\treject with tcp reset\n\t\treject with icmp type host-unreachable\n\t\treject with icmpv6 admin-prohibited\n\t\treject with icmpx type admin-prohibited\n\t\tip saddr 10.0.0.0/8 reject\n\t\tmeta l4proto tcp reject with tcp reset');
    expect(rules(text)).toEqual([
      { conditions: [tcp], action: 'reject' },
      { conditions: [{ kind: 'version', version: 4 }], action: 'reject' },
      { conditions: [{ kind: 'version', version: 6 }], action: 'reject' },
      { conditions: [], action: 'reject' },
      { conditions: [{ kind: 'version', version: 4 }, expect.objectContaining({ kind: 'srcIp', negated: false })], action: 'reject' },
      { conditions: [tcp, tcp], action: 'reject' },
    ]);
  });

  it('reads the same from nft -j list ruleset', () => {
    const json = JSON.stringify({
      nftables: [
        { table: { family: 'inet', name: 't', handle: 1 } },
        { chain: { family: 'inet', table: 't', name: 'c', handle: 1, type: 'filter', hook: 'forward', prio: 0, policy: 'accept' } },
        { rule: { family: 'inet', table: 't', chain: 'c', handle: 2, expr: [{ reject: { type: 'tcp reset' } }] } },
        { rule: { family: 'inet', table: 't', chain: 'c', handle: 3, expr: [{ reject: { type: 'icmp', expr: 'host-unreachable' } }] } },
        { rule: { family: 'inet', table: 't', chain: 'c', handle: 4, expr: [{ reject: { type: 'icmpv6', expr: 'admin-prohibited' } }] } },
        { rule: { family: 'inet', table: 't', chain: 'c', handle: 5, expr: [{ reject: { type: 'icmpx', expr: 'port-unreachable' } }] } },
      ],
    });
    expect(rules(json, true)).toEqual([
      { conditions: [tcp], action: 'reject' },
      { conditions: [{ kind: 'version', version: 4 }], action: 'reject' },
      { conditions: [{ kind: 'version', version: 6 }], action: 'reject' },
      { conditions: [], action: 'reject' },
    ]);
  });
});

describe('NAT targets', () => {
  const actions = (text: string, json = false): unknown[] => {
    const rs = json ? parseNftJson(new SourceFile('t.json', text)) : parseNftText(new SourceFile('t.nft', text));
    return [...nftablesToModel('gw', 't', rs).chains.values()][0]!.rules.map((r) => r.action);
  };

  it('reads "redirect to 53" as nft does, as "redirect to :53" (fw4 writes the first, nft lists the second)', () => {
    const text = 'table ip n {\n\tchain c {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tudp dport 53 redirect to 53\n\t\ttcp dport 80 redirect to 8000-8010\n\t\ttcp dport 81 redirect to :8080\n\t\ttcp dport 82 redirect\n\t}\n}\n';
    expect(actions(text)).toEqual([
      { kind: 'redirect', ports: [53, 53] },
      { kind: 'redirect', ports: [8000, 8010] },
      { kind: 'redirect', ports: [8080, 8080] },
      { kind: 'redirect' },
    ]);
  });

  it('reads NAT ports as nft does: a leading 0 is octal, 0x hex (nft lists them as :18 and :22)', () => {
    const text = 'table ip n {\n\tchain c {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\ttcp dport 80 redirect to 022\n\t\ttcp dport 81 redirect to :0x16\n\t\ttcp dport 82 dnat to 10.0.0.1:022-0x20\n\t}\n}\n';
    expect(actions(text)).toEqual([
      { kind: 'redirect', ports: [18, 18] },
      { kind: 'redirect', ports: [22, 22] },
      { kind: 'dnat', address: parsePrefixOrAddress('10.0.0.1'), ports: [18, 32] },
    ]);
  });

  it('reads a JSON port range ({"range": [a, b]}) of a redirect or dnat, as nft -j lists it', () => {
    const rule = (handle: number, expr: unknown): unknown => ({ rule: { family: 'ip', table: 'n', chain: 'c', handle, expr: [expr] } });
    const json = JSON.stringify({
      nftables: [
        { table: { family: 'ip', name: 'n', handle: 1 } },
        { chain: { family: 'ip', table: 'n', name: 'c', handle: 1, type: 'nat', hook: 'prerouting', prio: -100, policy: 'accept' } },
        rule(2, { redirect: { port: { range: [8000, 8010] } } }),
        rule(3, { dnat: { addr: '10.0.0.1', port: { range: [8000, 8010] } } }),
        rule(4, { dnat: { addr: '10.0.0.1', port: 8080 } }),
        rule(5, { dnat: { addr: '10.0.0.1', port: { map: { key: { meta: { key: 'mark' } }, data: { set: [] } } } } }),
      ],
    });
    expect(actions(json, true)).toEqual([
      { kind: 'redirect', ports: [8000, 8010] },
      { kind: 'dnat', address: expect.objectContaining({ bits: 32 }), ports: [8000, 8010] },
      { kind: 'dnat', address: expect.objectContaining({ bits: 32 }), ports: [8080, 8080] },
      { kind: 'unknown', text: expect.stringContaining('"map"') },
    ]);
  });
});

describe('ICMP types', () => {
  it('reads a range and a prefix of the type as nft does: 8/0 is every type (nft lists it as icmp type & 0 == 0), 3/1 is 0-127, 0x08-0x0a is 8-10', () => {
    const text = chain('inet', '\t\ticmp type 8/0 accept\n\t\ticmp type 3/1 accept\n\t\ticmp type { 0x08-0x0a, echo-reply } accept\n\t\ticmpv6 type 128/7 accept');
    const types = (protocol: 1 | 58, list: number[]): unknown => ({ kind: 'icmp', types: list.map((type) => ({ protocol, type })), negated: false });
    expect(rules(text).map((r) => r.conditions)).toEqual([
      [{ kind: 'protocol', protocols: [1], negated: false }],
      [types(1, Array.from({ length: 128 }, (_, i) => i))],
      [types(1, [8, 9, 10, 0])],
      [types(58, [128, 129])],
    ]);
  });
});

describe('numbers', () => {
  it('reads a number with a leading 0 as octal and 0x as hex, as nft does (tcp dport 022 is port 18; 08 is 8)', () => {
    const text = chain('inet', '\t\ttcp dport 022 accept\n\t\ttcp dport { 010-020, 0x50, 08 } accept\n\t\ticmp type 010 accept\n\t\tmeta l4proto 010 accept\n\t\ttcp dport < 010 accept');
    const tcp = { kind: 'protocol', protocols: [6], negated: false };
    expect(rules(text).map((r) => r.conditions)).toEqual([
      [tcp, { kind: 'dstPort', ranges: [[18, 18]], negated: false }],
      [tcp, { kind: 'dstPort', ranges: [[8, 16], [80, 80], [8, 8]], negated: false }],
      [{ kind: 'icmp', types: [{ protocol: 1, type: 8 }], negated: false }],
      [{ kind: 'protocol', protocols: [8], negated: false }],
      [tcp, { kind: 'dstPort', ranges: [[0, 7]], negated: false }],
    ]);
  });
});

describe('port prefixes and masks', () => {
  const tcp = { kind: 'protocol', protocols: [6], negated: false };
  const dport = (ranges: Array<[number, number]>, negated = false): unknown => ({ kind: 'dstPort', ranges, negated });
  it('reads a prefix of the port as nft does: 8/0 is every port, 1024/6 and 1030/6 are 1024-2047, 0x16/8 is 0-255; and the mask nft lists them with', () => {
    // nft lists these as: tcp dport & 0 == 0; & 64512 == 1024 (twice); { 80, 1024-2047 }; & 64512 != 1024;
    // tcp dport 22; udp sport 0/8; and keeps & 64512 == 1025 (no port) and & 3 == 1 (not a prefix) as written.
    const text = chain(
      'inet',
      [
        'tcp dport 8/0 accept', 'tcp dport 1024/6 accept', 'tcp dport 1030 / 06 accept', 'tcp dport { 80, 1024 /6 } accept', 'tcp dport != 1024/0x6 accept',
        'tcp dport 22/16 accept', 'udp sport 0x16/8 accept', 'tcp dport & 64512 == 1024 accept', 'tcp dport & 0xfc00 != 1024 accept',
        'tcp dport and 64512 { 1024, 4096-8191 } accept', 'tcp dport & 64512 == 1025 accept', 'tcp dport & 3 == 1 accept', 'tcp dport & 64512 >= 1024 accept',
      ].map((r) => `\t\t${r}`).join('\n'),
    );
    expect(rules(text).map((r) => r.conditions)).toEqual([
      [tcp, dport([[0, 65535]])],
      [tcp, dport([[1024, 2047]])],
      [tcp, dport([[1024, 2047]])],
      [tcp, dport([[80, 80], [1024, 2047]])],
      [tcp, dport([[1024, 2047]], true)],
      [tcp, dport([[22, 22]])],
      [{ kind: 'protocol', protocols: [17], negated: false }, { kind: 'srcPort', ranges: [[0, 255]], negated: false }],
      [tcp, dport([[1024, 2047]])],
      [tcp, dport([[1024, 2047]], true)],
      [tcp, dport([[1024, 2047], [4096, 8191]])],
      [tcp, dport([])],
      ['opaque tcp dport & 3 == 1'],
      ['opaque tcp dport & 64512 >= 1024'],
    ]);
  });

  it('reads the same from nft -j list ruleset: {"prefix": {"addr": 0, "len": 8}} and {"&": [payload, 64512]}', () => {
    const match = (left: unknown, right: unknown, op = '=='): unknown => ({ rule: { family: 'inet', table: 't', chain: 'c', expr: [{ match: { op, left, right } }, { accept: null }] } });
    const port = (protocol: string, field: string): unknown => ({ payload: { protocol, field } });
    const json = JSON.stringify({
      nftables: [
        { table: { family: 'inet', name: 't' } },
        { chain: { family: 'inet', table: 't', name: 'c', type: 'filter', hook: 'forward', prio: 0, policy: 'accept' } },
        match({ '&': [port('tcp', 'dport'), 0] }, 0),
        match({ '&': [port('tcp', 'dport'), 64512] }, 1024, '!='),
        match(port('udp', 'sport'), { prefix: { addr: 0, len: 8 } }),
        match({ '&': [port('tcp', 'dport'), 3] }, 1),
        match({ '&': [{ payload: { protocol: 'ip', field: 'saddr' } }, 64512] }, 1024),
      ],
    });
    expect(rules(json, true).map((r) => r.conditions.map((c) => (typeof c === 'string' ? c.slice(0, 7) : c)))).toEqual([
      [tcp, dport([[0, 65535]])],
      [tcp, dport([[1024, 2047]], true)],
      [{ kind: 'protocol', protocols: [17], negated: false }, { kind: 'srcPort', ranges: [[0, 255]], negated: false }],
      ['opaque '],
      ['opaque '],
    ]);
  });
});

describe('words not known', () => {
  it('a word the parser does not know may be a match: the rule may not match, so a drop may let the packet on', () => {
    expect(rules(chain('inet', '\t\tiifname "eth0" ipsec in reqid 1 drop\n\t\tcounter meta mark set 0x1 accept'))).toEqual([
      { conditions: [expect.objectContaining({ kind: 'iif' }), 'opaque ipsec in reqid 1'], action: 'drop' },
      // Statements that only count or set state leave the match as written.
      { conditions: [], action: 'accept' },
    ]);
  });
});

describe('sets the packet path adds to', () => {
  it('a set a rule adds to (a port knock) or one declared dynamic holds what traffic put there: a match on it is not known', () => {
    const knock = `table inet t {\n\tset knock {\n\t\ttype ipv4_addr\n\t}\n\tchain c {\n\t\ttype filter hook forward priority 0; policy accept;\n\t\tudp dport 7777 add @knock { ip saddr }\n\t\tip saddr @knock tcp dport 22 accept\n\t}\n}\n`;
    const [, ssh] = rules(knock);
    expect(ssh!.conditions).toContainEqual(expect.stringMatching(/^opaque ip saddr @knock/));
    // Without the rule that adds to it, the set holds its listed elements (none here).
    const [only] = rules(knock.replace('\t\tudp dport 7777 add @knock { ip saddr }\n', ''));
    expect(only!.conditions).not.toContainEqual(expect.stringMatching(/^opaque/));
    const declared = knock.replace('\t\ttype ipv4_addr\n', '\t\ttype ipv4_addr\n\t\tflags dynamic\n').replace('\t\tudp dport 7777 add @knock { ip saddr }\n', '');
    expect(rules(declared)[0]!.conditions).toContainEqual(expect.stringMatching(/^opaque ip saddr @knock/));
  });
});
