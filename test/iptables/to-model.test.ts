/**
 * iptables-save rules in the firewall model: what the kernel's matches take, as the real tools load
 * and list them.
 */
import { describe, expect, it } from 'vitest';
import { parseIptables } from '../../src/loaders/iptables/parse.js';
import { iptablesToModel } from '../../src/loaders/iptables/to-model.js';
import type { FwCondition } from '../../src/model/firewall.js';
import { InputError } from '../../src/model/errors.js';
import { parsePrefixOrAddress } from '../../src/model/net/cidr.js';
import { SourceFile, toLocation } from '../../src/model/source.js';

/** The conditions of each FORWARD rule, opaque ones as their text. */
const conditions = (rules: string, family?: 4 | 6): unknown[][] => {
  const text = `*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n${rules}\nCOMMIT\n`;
  const model = iptablesToModel('gw', 't.rules', parseIptables(new SourceFile('t.rules', text), family));
  return model.chains.get('filter/FORWARD')!.rules.map((r) => r.conditions.map((c: FwCondition) => (c.kind === 'opaque' ? `opaque ${c.text}` : c)));
};

describe('ICMP types', () => {
  it('reads IPv4 type 255 as any type, as the kernel does (iptables-save prints it back as "any")', () => {
    expect(conditions('-A FORWARD -p icmp --icmp-type 255 -j ACCEPT\n-A FORWARD -p icmp -m icmp --icmp-type 255/3 -j ACCEPT\n-A FORWARD -p icmp --icmp-type 8 -j ACCEPT')).toEqual([
      [{ kind: 'protocol', protocols: [1], negated: false }, { kind: 'protocol', protocols: [1], negated: false }],
      [{ kind: 'protocol', protocols: [1], negated: false }, { kind: 'protocol', protocols: [1], negated: false }],
      [{ kind: 'protocol', protocols: [1], negated: false }, { kind: 'icmp', types: [{ protocol: 1, type: 8 }], negated: false }],
    ]);
  });

  it('keeps ICMPv6 type 255 a type of its own', () => {
    expect(conditions('-A FORWARD -p ipv6-icmp --icmpv6-type 255 -j ACCEPT', 6)).toEqual([
      [{ kind: 'protocol', protocols: [58], negated: false }, { kind: 'icmp', types: [{ protocol: 58, type: 255 }], negated: false }],
    ]);
  });

  it('reads "! --icmp-type 255" as "! --icmp-type any": no packet', () => {
    expect(conditions('-A FORWARD -p icmp ! --icmp-type 255 -j ACCEPT')).toEqual([[{ kind: 'protocol', protocols: [1], negated: false }, { kind: 'protocol', protocols: [], negated: false }]]);
  });

  it('reads the ICMP names of iptables, with their codes, abbreviated and in any case, as iptables-save prints them back', () => {
    const icmp = (types: Array<{ type: number; code?: number }>, protocol: 1 | 58 = 1): unknown => ({ kind: 'icmp', types: types.map((t) => ({ protocol, ...t })), negated: false });
    expect(conditions('-A FORWARD -p icmp --icmp-type port-unreachable -j ACCEPT\n-A FORWARD -p icmp --icmp-type echo-req -j ACCEPT\n-A FORWARD -p icmp --icmp-type TTL-ZERO-DURING-TRANSIT -j ACCEPT\n-A FORWARD -p icmp --icmp-type fragmentation-needed -j ACCEPT').map((c) => c[1])).toEqual([
      icmp([{ type: 3, code: 3 }]),
      icmp([{ type: 8 }]),
      icmp([{ type: 11, code: 0 }]),
      icmp([{ type: 3, code: 4 }]),
    ]);
    expect(conditions('-A FORWARD -p ipv6-icmp --icmpv6-type port-unreachable -j ACCEPT\n-A FORWARD -p ipv6-icmp --icmpv6-type neighbour-solicitation -j ACCEPT', 6).map((c) => c[1])).toEqual([icmp([{ type: 1, code: 4 }], 58), icmp([{ type: 135 }], 58)]);
  });

  it('refuses an ICMP name iptables does not know, or the start of several', () => {
    const error = (rule: string, family?: 4 | 6): string => {
      try {
        conditions(rule, family);
      } catch (e) {
        return `${(e as InputError).message} @${toLocation((e as InputError).span!).column}`;
      }
      return 'no error';
    };
    // info-request is an nft name, mld-listener-query an nft ICMPv6 name: neither is iptables'.
    expect(error('-A FORWARD -p icmp --icmp-type info-request -j ACCEPT')).toBe('Unknown ICMP type "info-request": iptables refuses it @32');
    expect(error('-A FORWARD -p icmp --icmp-type re -j ACCEPT')).toBe('Ambiguous ICMP type "re": redirect or required-option-missing: iptables refuses it @32');
    expect(error('-A FORWARD -p ipv6-icmp --icmpv6-type mld-listener-query -j ACCEPT', 6)).toBe('Unknown ICMPv6 type "mld-listener-query": iptables refuses it @39');
  });
});

describe('NAT targets', () => {
  const actions = (rules: string): unknown[] => {
    const text = `*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n${rules}\nCOMMIT\n`;
    return iptablesToModel('gw', 't.rules', parseIptables(new SourceFile('t.rules', text))).chains.get('nat/PREROUTING')!.rules.map((r) => r.action);
  };

  it('reads NAT ports with base 0, as iptables does (iptables-save prints --to-destination 10.0.0.1:18 and --to-ports 22, 16-32)', () => {
    expect(
      actions('-A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.0.1:022\n-A PREROUTING -p tcp --dport 81 -j REDIRECT --to-ports 0x16\n-A PREROUTING -p tcp --dport 82 -j REDIRECT --to-ports 020-0x20'),
    ).toEqual([
      { kind: 'dnat', address: parsePrefixOrAddress('10.0.0.1'), ports: [18, 18] },
      { kind: 'redirect', ports: [22, 22] },
      { kind: 'redirect', ports: [16, 32] },
    ]);
  });

  it('reads a target option abbreviated as getopt_long takes it (iptables-save prints --to-ports 8080, --to-destination 10.0.0.1:80, --to-source 10.0.0.1)', () => {
    expect(
      actions('-A PREROUTING -p tcp --dport 81 -j REDIRECT --to-port 8080\n-A PREROUTING -p tcp --dport 82 -j DNAT --to 10.0.0.1:80\n-A PREROUTING -p tcp --dport 83 -j DNAT --to-dest 10.0.0.1'),
    ).toEqual([
      { kind: 'redirect', ports: [8080, 8080] },
      { kind: 'dnat', address: parsePrefixOrAddress('10.0.0.1'), ports: [80, 80] },
      { kind: 'dnat', address: parsePrefixOrAddress('10.0.0.1') },
    ]);
    const text = '*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o eth0 -j SNAT --to 10.0.0.1 --rand\nCOMMIT\n';
    const r = parseIptables(new SourceFile('t.rules', text)).tables.get('nat')!.get('POSTROUTING')!.rules[0]!;
    // --rand is ambiguous for SNAT (--random, --random-fully): iptables refuses it; it stays as written.
    expect(r.target!.args).toEqual({ 'to-source': '10.0.0.1', rand: '' });
  });

  it('leaves a REDIRECT whose ports are not read here unknown, never keeping the packet\'s port', () => {
    // iptables resolves --to-ports ssh to 22; the model reads numbers only.
    expect(actions('-A PREROUTING -p tcp --dport 81 -j REDIRECT --to-ports ssh\n-A PREROUTING -p tcp --dport 82 -j REDIRECT')).toEqual([
      { kind: 'unknown', text: 'REDIRECT --to-ports ssh' },
      { kind: 'redirect' },
    ]);
  });
});
