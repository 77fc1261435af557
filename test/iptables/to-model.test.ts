/**
 * iptables-save rules in the firewall model: what the kernel's matches take, as the real tools load
 * and list them.
 */
import { describe, expect, it } from 'vitest';
import { parseIptables } from '../../src/loaders/iptables/parse.js';
import { iptablesToModel } from '../../src/loaders/iptables/to-model.js';
import type { FwCondition } from '../../src/model/firewall.js';
import { SourceFile } from '../../src/model/source.js';

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
});
