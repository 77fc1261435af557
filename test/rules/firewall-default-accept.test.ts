import { describe, expect, it } from 'vitest';
import { rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'firewall-default-accept';

describe(ID, () => {
  describe('valid', () => {
    it('INPUT and FORWARD drop by default', () => {
      expect(runRule(ID, { 'gw1.rules': '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n' })).toEqual([]);
    });
    it('chains with policy ACCEPT whose rules end in an unconditional drop (ufw, Shorewall)', () => {
      const text = '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:reject-all - [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -j REJECT\n-A FORWARD -j reject-all\n-A reject-all -j LOG\n-A reject-all -j DROP\nCOMMIT\n';
      expect(runRule(ID, { 'gw1.rules': text })).toEqual([]);
    });
    it('nftables: an accepting mangle-priority chain beside a dropping filter chain on the same hook', () => {
      const text = 'table inet fw4 {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t}\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t}\n\tchain mangle_forward {\n\t\ttype filter hook forward priority mangle; policy accept;\n\t}\n}\n';
      expect(runRule(ID, { 'gw1.nft': text })).toEqual([]);
    });
    it('output chains are not judged', () => {
      expect(runRule(ID, { 'gw1.rules': '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n' })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('FORWARD with policy ACCEPT lets through what its rules leave', () => {
      const text = '*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A FORWARD -p tcp -m tcp --dport 23 -j DROP\nCOMMIT\n';
      expect(runRule(ID, { 'gw1.rules': text })).toEqual([
        expect.objectContaining({ messageId: 'defaultAccept', resource: 'gw1:filter/FORWARD', data: { chain: 'gw1:filter/FORWARD', policy: 'ACCEPT', packet: 'tcp/22 8.8.8.8 → 10.0.0.1' }, ...rangeOf(text, ':FORWARD ACCEPT [0:0]'), certainty: 'definite' }),
      ]);
    });
    it('a RETURN in a built-in chain hands its packets to the policy', () => {
      const text = '*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A FORWARD -p tcp -m tcp --dport 22 -j RETURN\n-A FORWARD -j DROP\nCOMMIT\n';
      expect(runRule(ID, { 'gw1.rules': text })).toEqual([
        expect.objectContaining({ messageId: 'defaultAccept', resource: 'gw1:filter/FORWARD', data: expect.objectContaining({ policy: 'ACCEPT', packet: 'tcp/22 8.8.8.8 → 10.0.0.1' }), certainty: 'definite' }),
      ]);
    });
    it('nftables: a filter chain without a policy accepts by default', () => {
      const text = 'table ip filter {\n\tchain input {\n\t\ttype filter hook input priority 0;\n\t\tct state established,related accept\n\t}\n}\n';
      const found = runRule(ID, { 'gw1.nft': text });
      expect(found).toEqual([expect.objectContaining({ messageId: 'defaultAccept', resource: 'gw1:ip filter/input', data: expect.objectContaining({ policy: 'accept' }), line: 2, column: 2 })]);
    });
    it('a final drop that rests on a condition not modelled leaves the verdict possible', () => {
      const text = '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -m recent --rcheck --name BLOCK -j DROP\nCOMMIT\n';
      expect(runRule(ID, { 'gw1.rules': text })).toEqual([expect.objectContaining({ messageId: 'defaultAccept', resource: 'gw1:filter/INPUT', certainty: 'possible' })]);
    });
  });
});
