import { describe, expect, it } from 'vitest';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'firewall-shadowed-rule';

/** An iptables-save file with a filter table whose FORWARD chain holds `rules`. */
function ipt(rules: string[], extra = ''): string {
  return `*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n${extra}${rules.map((r) => `-A FORWARD ${r}\n`).join('')}COMMIT\n`;
}

function at(text: string, needle: string): { line: number; column: number; endLine: number; endColumn: number } {
  return rangeOf(text, needle);
}

describe(ID, () => {
  describe('valid', () => {
    it('rules that each decide some packets', () => {
      const text = ipt(['-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-s 10.20.0.0/25 -p tcp -m tcp --dport 22 -j ACCEPT', '-s 10.20.0.0/24 -p tcp -m tcp --dport 22 -j DROP']);
      expect(runRule(ID, { 'gw1.rules': text })).toEqual([]);
    });
    it('interfaces are part of the match: -i eth0 does not cover -i eth1', () => {
      expect(runRule(ID, { 'gw1.rules': ipt(['-i eth0 -p tcp -j ACCEPT', '-i eth1 -p tcp -m tcp --dport 22 -j DROP']) })).toEqual([]);
    });
    it('a wildcard interface covers only names it extends', () => {
      expect(runRule(ID, { 'gw1.rules': ipt(['-i ppp+ -j DROP', '-i eth0 -j ACCEPT']) })).toEqual([]);
    });
    it('a rule with a condition not modelled covers nothing after it', () => {
      expect(runRule(ID, { 'gw1.rules': ipt(['-p tcp -m limit --limit 5/min -j ACCEPT', '-p tcp -m tcp --dport 22 -j DROP']) })).toEqual([]);
    });
    it('a set that is not given covers nothing', () => {
      const text = ipt(['-m set --match-set admins src -j ACCEPT', '-s 10.9.0.1/32 -p tcp -m tcp --dport 22 -j DROP']);
      const r = lintFiles(ID, { 'gw1.rules': text });
      expect(r.findings).toEqual([]);
      expect(r.errors.map((e) => e.code)).toEqual(['ipset-missing']);
    });
    it('nftables: ip protocol in an inet chain matches IPv4 only, so IPv6 packets still reach a later rule', () => {
      const text = 'table inet filter {\n\tchain forward {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tip protocol tcp drop\n\t\tip6 nexthdr udp drop\n\t\tmeta l4proto { tcp, udp } accept\n\t}\n}\n';
      expect(runRule(ID, { 'gw1.nft': text })).toEqual([]);
    });
    it('a LOG rule decides nothing', () => {
      expect(runRule(ID, { 'gw1.rules': ipt(['-j LOG --log-prefix "fw "', '-j DROP']) })).toEqual([]);
    });
    it('state tests are not read once a rule exempts packets from connection tracking', () => {
      const text = `*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING -p udp -m udp --dport 53 -j NOTRACK\nCOMMIT\n` + ipt(['-m conntrack --ctstate NEW,INVALID -j DROP', '-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-j DROP']);
      expect(runRule(ID, { 'gw1.rules': text })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('a rule covered only by the union of two earlier rules', () => {
      const text = ipt(['-s 10.20.0.0/25 -p tcp -m tcp --dport 22 -j ACCEPT', '-s 10.20.0.128/25 -p tcp -m tcp --dport 22 -j ACCEPT', '-s 10.20.0.0/24 -p tcp -m tcp --dport 22 -j DROP']);
      expect(runRule(ID, { 'gw1.rules': text })).toEqual([
        expect.objectContaining({
          messageId: 'conflict',
          resource: 'gw1:filter/FORWARD#3',
          data: { rule: 'gw1:filter/FORWARD#3', action: 'DROP', by: 'gw1:filter/FORWARD#1 (ACCEPT), gw1:filter/FORWARD#2 (ACCEPT)' },
          ...at(text, '-A FORWARD -s 10.20.0.0/24 -p tcp -m tcp --dport 22 -j DROP'),
          certainty: 'definite',
        }),
      ]);
    });
    it('neither earlier rule alone covers it (a pairwise check would pass it)', () => {
      const text = ipt(['-p tcp -m tcp --dport 0:1023 -j ACCEPT', '-p tcp -m tcp --dport 1024:65535 -j ACCEPT', '-p tcp -j ACCEPT']);
      expect(runRule(ID, { 'gw1.rules': text })).toEqual([expect.objectContaining({ messageId: 'shadowed', resource: 'gw1:filter/FORWARD#3', ...at(text, '-A FORWARD -p tcp -j ACCEPT') })]);
    });
    it('a rule after a jump to a chain that drops everything it gets', () => {
      const text = ipt(['-j log-drop', '-p udp -m udp --dport 123 -j ACCEPT'], ':log-drop - [0:0]\n-A log-drop -j LOG\n-A log-drop -j DROP\n');
      expect(runRule(ID, { 'gw1.rules': text })).toEqual([expect.objectContaining({ messageId: 'conflict', data: expect.objectContaining({ by: 'gw1:filter/FORWARD#1 (log-drop)' }), ...at(text, '-A FORWARD -p udp -m udp --dport 123 -j ACCEPT') })]);
    });
    it('a rule no packet can meet', () => {
      const text = ipt(['-s 10.0.0.0/8 -m iprange ! --src-range 10.0.0.0-10.255.255.255 -j ACCEPT']);
      expect(runRule(ID, { 'gw1.rules': text })).toEqual([expect.objectContaining({ messageId: 'unmatchable', data: { rule: 'gw1:filter/FORWARD#1', action: 'ACCEPT', by: '' }, ...at(text, '-A FORWARD -s 10.0.0.0/8 -m iprange ! --src-range 10.0.0.0-10.255.255.255 -j ACCEPT') })]);
    });
    it('nftables: the same union in an inet chain, named with family and table', () => {
      const text = [
        'table inet filter {',
        '\tchain forward {',
        '\t\ttype filter hook forward priority filter; policy drop;',
        '\t\tip saddr 10.20.0.0/25 tcp dport 22 accept',
        '\t\tip saddr 10.20.0.128/25 tcp dport 22 accept',
        '\t\tip saddr 10.20.0.0/24 tcp dport 22 drop',
        '\t}',
        '}',
        '',
      ].join('\n');
      expect(runRule(ID, { 'gw1.nft': text })).toEqual([
        expect.objectContaining({ messageId: 'conflict', resource: 'gw1:inet filter/forward#3', data: expect.objectContaining({ action: 'drop', by: 'gw1:inet filter/forward#1 (accept), gw1:inet filter/forward#2 (accept)' }), ...at(text, 'ip saddr 10.20.0.0/24 tcp dport 22 drop') }),
      ]);
    });
    it('nftables: meta nfproto selects a family, so rules for each family together cover a later one', () => {
      const text = 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\tmeta nfproto ipv4 tcp dport 22 accept\n\t\tmeta nfproto != ipv4 tcp dport 22 accept\n\t\ttcp dport 22 drop\n\t}\n}\n';
      expect(runRule(ID, { 'gw1.nft': text })).toEqual([
        expect.objectContaining({ messageId: 'conflict', resource: 'gw1:inet filter/input#3', certainty: 'definite', ...at(text, 'tcp dport 22 drop') }),
      ]);
    });
    it('nftables: a named set of services by name covers a later rule on one of its ports', () => {
      const text = 'table inet filter {\n\tset web {\n\t\ttype inet_service\n\t\telements = { http, https, 8000-8080 }\n\t}\n\tchain input {\n\t\ttype filter hook input priority filter; policy drop;\n\t\ttcp dport @web accept\n\t\ttcp dport 443 drop\n\t}\n}\n';
      // The set's elements are read whole: https among them covers 443, so the drop never decides anything.
      expect(runRule(ID, { 'gw1.nft': text })).toEqual([
        {
          messageId: 'conflict',
          data: { rule: 'gw1:inet filter/input#2', action: 'drop', by: 'gw1:inet filter/input#1 (accept)' },
          resource: 'gw1:inet filter/input#2',
          file: 'gw1.nft',
          ...at(text, 'tcp dport 443 drop'),
          certainty: 'definite',
          unknowns: [],
          callers: [],
        },
      ]);
    });
    it('an ipset beside the ruleset: a rule covered by the set\'s members', () => {
      const text = ipt(['-m set --match-set admins src -p tcp -m tcp --dport 22 -j ACCEPT', '-s 10.9.0.1/32 -p tcp -m tcp --dport 22 -j DROP']);
      const sets = 'create admins hash:ip family inet\nadd admins 10.9.0.1\nadd admins 10.9.0.2\n';
      expect(runRule(ID, { 'gw1.rules': text, 'gw1.ipset': sets })).toEqual([expect.objectContaining({ messageId: 'conflict', resource: 'gw1:filter/FORWARD#2', data: expect.objectContaining({ by: 'gw1:filter/FORWARD#1 (ACCEPT)' }) })]);
    });
    it('the rulesets of gridfence.yaml hosts are judged too', () => {
      const text = ipt(['-p tcp -j ACCEPT', '-p tcp -m tcp --dport 22 -j ACCEPT']);
      const config = 'version: 1\nhosts:\n  edge:\n    config: fw/edge.rules\n    interfaces:\n      eth0: { link: internet }\n';
      expect(runRule(ID, { 'fw/edge.rules': text }, { config })).toEqual([expect.objectContaining({ messageId: 'shadowed', resource: 'edge:filter/FORWARD#2', file: expect.stringMatching(/fw\/edge\.rules$/) })]);
    });
  });
});
