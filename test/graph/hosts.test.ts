/**
 * Firewall hosts in the graph (graph/netfilter/hosts.ts): netfilter's hook order, first-match chains
 * with jumps, replies through connection tracking, NAT, routing by the interfaces' networks, and the
 * links to the internet, externals and AWS VPN connections. Each case is a small gridfence.yaml with
 * one gateway and asks the graph whether a flow exists.
 */
import { describe, expect, it } from 'vitest';
import { PathAnalysis } from '../../src/graph/analysis.js';
import { pathQuery } from '../../src/graph/query.js';
import { reach, trace } from '../../src/graph/search.js';
import { parseCidr } from '../../src/model/net/cidr.js';
import { toLocation } from '../../src/model/source.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { writeTree } from '../support/files.js';

const CONFIG = (config: string, extra = '') => `version: 1
zones:
  lan: { role: internal, match: { cidrs: ["10.1.0.0/24"] } }
  dispatch: { role: dispatch-link, match: { cidrs: ["10.2.0.0/24"] } }
externals:
  partner: { role: partner, cidrs: ["192.0.2.0/24"], transport: closed, attestation: { confirmed: 2026-01-01 } }
hosts:
  gw:
    config: ${config}
    interfaces:
      wan: { address: 198.51.100.2/30, link: internet }
      lan: { address: 10.1.0.1/24, zone: lan }
      dsp: { address: 10.2.0.1/24, zone: dispatch }
      ptn: { address: 192.0.2.254/24, link: partner }
${extra}`;

function ipt(filter: string, nat = ''): string {
  return `*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n${nat}COMMIT\n*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n${filter}COMMIT\n`;
}

const ESTABLISHED = '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n';

function analyse(files: Record<string, string>, config = CONFIG('gw.rules')): PathAnalysis {
  const dir = writeTree({ ...files, 'gridfence.yaml': config }, 'gridfence-hosts-graph-');
  const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
  expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
}

function flows(pa: PathAnalysis, from: string, to: string, port?: number): string[] {
  const r = pathQuery(pa, { from, to, protocol: port === undefined ? 'any' : 'tcp', ...(port !== undefined ? { port } : {}) });
  if (!r.ok) throw new Error(r.error);
  return r.flows.map((f) => `${f.source} → ${f.destination}: ${pa.packetText(f.answer.packet)}`);
}

/**
 * Each flow with the firewall rules that let its packet through (address and file:line:column of
 * each, in hop order) and whether it is certain.
 */
function acceptedBy(pa: PathAnalysis, from: string, to: string, port: number): Array<{ flow: string; rules: string[]; certainty: 'definite' | 'possible' }> {
  const r = pathQuery(pa, { from, to, protocol: 'tcp', port });
  if (!r.ok) throw new Error(r.error);
  return r.flows.map((f) => ({
    flow: `${f.source} → ${f.destination}: ${pa.packetText(f.answer.packet)}`,
    rules: f.answer.hops.flatMap((h) =>
      h.reasons.filter((x) => /#\d+$/.test(x.declaredBy ?? '') && x.span).map((x) => {
        const l = toLocation(x.span!);
        return `${x.declaredBy} ${l.file}:${l.line}:${l.column}`;
      }),
    ),
    certainty: f.answer.unknowns.length ? 'possible' : 'definite',
  }));
}

function blockedBy(pa: PathAnalysis, from: string, to: string, port: number): string[] {
  const r = pathQuery(pa, { from, to, protocol: 'tcp', port });
  if (!r.ok) throw new Error(r.error);
  expect(r.flows).toEqual([]);
  return (r.blocked?.answer.hops ?? []).flatMap((h) => (h.blockedBy ?? []).map((b) => `${b.code} ${b.name}`));
}

describe('forwarding through a firewall host', () => {
  it('FORWARD decides per pair of interfaces, and a new connection needs its replies accepted too', () => {
    const pa = analyse({ 'gw.rules': ipt(ESTABLISHED + '-A FORWARD -i lan -o wan -p tcp -m tcp --dport 443 -j ACCEPT\n') });
    expect(flows(pa, 'lan', 'internet', 443)).toEqual(['gw:lan → internet: tcp/443 10.1.0.3 → 8.8.8.8']);
    expect(flows(pa, 'lan', 'internet', 80)).toEqual([]);
    expect(flows(pa, 'internet', 'lan', 443)).toEqual([]);
    // Without the ESTABLISHED rule the replies are dropped by FORWARD's policy.
    const noReplies = analyse({ 'gw.rules': ipt('-A FORWARD -i lan -o wan -p tcp -m tcp --dport 443 -j ACCEPT\n') });
    expect(blockedBy(noReplies, 'lan', 'internet', 443)).toEqual(['FW_REPLY_DROP firewall gw FORWARD (replies) (wan → lan)']);
  });

  it('a user chain decides through jump, RETURN and goto', () => {
    const chains = ':from-lan - [0:0]\n:web - [0:0]\n';
    const rules = ESTABLISHED + '-A FORWARD -i lan -j from-lan\n-A from-lan -p udp -j RETURN\n-A from-lan -g web\n-A web -p tcp -m tcp --dport 443 -j ACCEPT\n-A FORWARD -p udp -m udp --dport 53 -j ACCEPT\n';
    const pa = analyse({ 'gw.rules': ipt(chains + rules) });
    expect(flows(pa, 'lan', 'internet', 443)).toEqual(['gw:lan → internet: tcp/443 10.1.0.3 → 8.8.8.8']);
    expect(flows(pa, 'lan', 'internet', 22)).toEqual([]);
    const r = pathQuery(pa, { from: 'lan', to: 'internet', protocol: 'udp', port: 53 });
    expect(r.ok && r.flows.length).toBe(1);
  });

  it('RETURN in a built-in chain, and the end of a chain it went to by goto, meet the policy', () => {
    const filter = (policy: string, rules: string): string =>
      `*filter\n:INPUT DROP [0:0]\n:FORWARD ${policy} [0:0]\n:OUTPUT ACCEPT [0:0]\n:web - [0:0]\n${rules}COMMIT\n`;
    const rules = '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN\n-A FORWARD -i lan -p tcp -m tcp --dport 443 -j RETURN\n-A FORWARD -i lan -p tcp -g web\n-A FORWARD -j DROP\n-A web -p tcp -m tcp --dport 22 -j DROP\n';
    const open = analyse({ 'gw.rules': filter('ACCEPT', rules) });
    expect(flows(open, 'lan', 'internet', 443)).toEqual(['gw:lan → internet: tcp/443 10.1.0.3 → 8.8.8.8']);
    expect(flows(open, 'lan', 'internet', 8080)).toEqual(['gw:lan → internet: tcp/8080 10.1.0.3 → 8.8.8.8']);
    expect(flows(open, 'lan', 'internet', 22)).toEqual([]);
    const closed = analyse({ 'gw.rules': filter('DROP', rules) });
    expect(flows(closed, 'lan', 'internet', 443)).toEqual([]);
  });

  it('SNAT and MASQUERADE rewrite the source on the way out', () => {
    const pa = analyse({ 'gw.rules': ipt(ESTABLISHED + '-A FORWARD -i lan -o wan -j ACCEPT\n-A FORWARD -i dsp -o wan -j ACCEPT\n', '-A POSTROUTING -s 10.2.0.0/24 -o wan -j SNAT --to-source 198.51.100.9\n-A POSTROUTING -o wan -j MASQUERADE\n') });
    expect(flows(pa, 'dispatch', 'internet', 443)).toEqual(['gw:dsp → internet: tcp/443 198.51.100.9 → 8.8.8.8']);
    expect(flows(pa, 'lan', 'internet', 443)).toEqual(['gw:lan → internet: tcp/443 198.51.100.2 → 8.8.8.8']);
  });

  it('DNAT in PREROUTING opens a path to an inside host that FORWARD then judges', () => {
    const nat = '-A PREROUTING -i wan -d 198.51.100.2/32 -p tcp -m tcp --dport 8443 -j DNAT --to-destination 10.2.0.10:443\n';
    // Connections from the internet to the gateway's public address only.
    const toPublic = (pa: PathAnalysis): string[] => {
      const hs = pa.hs;
      const sources = new Map([...pa.sources({ kind: 'internet' })].map(([n, set]) => [n, hs.bdd.and(set, hs.prefix('dstIp', parseCidr('198.51.100.2/32')!))]));
      const r = reach(hs, pa.graph, sources);
      const seg = pa.graph.byName.get('endpoint-in gw:dsp')!;
      const hops = trace(hs, r, seg.index, hs.all);
      return hops ? hops.map((h) => `${pa.graph.nodes[h.node]!.name} ${pa.packetText(h.packet)}`) : [];
    };
    const open = analyse({ 'gw.rules': ipt(ESTABLISHED + '-A FORWARD -i wan -o dsp -d 10.2.0.10/32 -p tcp -m tcp --dport 443 -j ACCEPT\n', nat) });
    expect(toPublic(open)).toEqual([
      'internet tcp/8443 8.8.8.8 → 198.51.100.2',
      'gw:wan (in) tcp/8443 8.8.8.8 → 198.51.100.2',
      'gw:wan (after PREROUTING) tcp/443 8.8.8.8 → 10.2.0.10',
      'gw:dsp (before POSTROUTING) tcp/443 8.8.8.8 → 10.2.0.10',
      'gw:dsp (out) tcp/443 8.8.8.8 → 10.2.0.10',
      'gw:dsp tcp/443 8.8.8.8 → 10.2.0.10',
    ]);
    const closed = analyse({ 'gw.rules': ipt(ESTABLISHED, nat) });
    expect(toPublic(closed)).toEqual([]);
  });

  it('nftables filter chains in prerouting and postrouting judge the packet as NAT left it when their priority comes after it', () => {
    // `priority filter` (0) in prerouting runs after `dstnat` (-100): it sees the new destination;
    // `priority raw` (-300) runs before and sees the old one. In postrouting, a chain above `srcnat`
    // (100) sees the new source.
    const nft = (pre: string, post = '') => `table ip nat {
	chain pre {
		type nat hook prerouting priority dstnat; policy accept;
		iifname "wan" ip daddr 198.51.100.2 tcp dport 8443 dnat to 10.2.0.10:443
	}
	chain post {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan" masquerade
	}
}
table ip filter {
	chain screen {
${pre}	}
	chain late {
${post}	}
	chain fwd_chain {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		iifname "wan" oifname "dsp" accept
		iifname "lan" oifname "wan" accept
	}
}
`;
    const after = '\t\ttype filter hook prerouting priority filter; policy accept;\n\t\tip daddr 10.2.0.10 tcp dport 443 drop\n';
    const before = '\t\ttype filter hook prerouting priority raw; policy accept;\n\t\tip daddr 10.2.0.10 tcp dport 443 drop\n';
    const noPost = '\t\ttype filter hook postrouting priority 200; policy accept;\n';
    // Connections from the internet to the gateway's public address, as they reach the inside host.
    const published = (pa: PathAnalysis): string[] => {
      const hs = pa.hs;
      const sources = new Map([...pa.sources({ kind: 'internet' })].map(([n, set]) => [n, hs.bdd.and(set, hs.prefix('dstIp', parseCidr('198.51.100.2/32')!))]));
      const hops = trace(hs, reach(hs, pa.graph, sources), pa.graph.byName.get('endpoint-in gw:dsp')!.index, hs.all);
      return hops ? hops.map((h) => `${pa.graph.nodes[h.node]!.name} ${pa.packetText(h.packet)}`) : [];
    };
    // After DNAT, the drop sees 10.2.0.10:443 and stops the connection that arrived for 198.51.100.2:8443.
    const late = analyse({ 'gw.nft': nft(after, noPost) }, CONFIG('gw.nft'));
    expect(published(late)).toEqual([]);
    // Before DNAT, the packet still reads 198.51.100.2:8443: the drop does not match, and it passes.
    const early = analyse({ 'gw.nft': nft(before, noPost) }, CONFIG('gw.nft'));
    expect(published(early)).toEqual([
      'internet tcp/8443 8.8.8.8 → 198.51.100.2',
      'gw:wan (in) tcp/8443 8.8.8.8 → 198.51.100.2',
      'gw:wan (after PREROUTING) tcp/443 8.8.8.8 → 10.2.0.10',
      'gw:dsp (before POSTROUTING) tcp/443 8.8.8.8 → 10.2.0.10',
      'gw:dsp (after SNAT) tcp/443 8.8.8.8 → 10.2.0.10',
      'gw:dsp (out) tcp/443 8.8.8.8 → 10.2.0.10',
      'gw:dsp tcp/443 8.8.8.8 → 10.2.0.10',
    ]);
    // With no drop, the chain after DNAT is a stage of its own on the way.
    const open = analyse({ 'gw.nft': nft('\t\ttype filter hook prerouting priority filter; policy accept;\n', noPost) }, CONFIG('gw.nft'));
    expect(published(open)[2]).toBe('gw:wan (after DNAT) tcp/443 8.8.8.8 → 10.2.0.10');
    // A postrouting chain above srcnat that drops the masqueraded source stops the way out; one
    // that drops the inside source does not match any more.
    const snatDrop = (src: string) => `\t\ttype filter hook postrouting priority 200; policy accept;\n\t\toifname "wan" ip saddr ${src} drop\n`;
    const outer = analyse({ 'gw.nft': nft(before, snatDrop('198.51.100.2')) }, CONFIG('gw.nft'));
    expect(flows(outer, 'lan', 'internet', 443)).toEqual([]);
    const inner = analyse({ 'gw.nft': nft(before, snatDrop('10.1.0.0/24')) }, CONFIG('gw.nft'));
    expect(flows(inner, 'lan', 'internet', 443)).toEqual(['gw:lan → internet: tcp/443 198.51.100.2 → 8.8.8.8']);
  });

  it('nftables ingress and egress chains filter what arrives on and leaves by the devices they are bound to', () => {
    const nft = (edge: string) => `table netdev edge {
${edge}}
table inet filter {
	chain fwd_chain {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		iifname "wan" oifname "dsp" tcp dport 443 accept
		iifname "lan" oifname "wan" accept
	}
}
`;
    const ingress = '\tchain wan_in {\n\t\ttype filter hook ingress device "wan" priority -500; policy accept;\n\t\tip saddr 203.0.113.0/24 drop\n\t}\n';
    const pa = analyse({ 'gw.nft': nft(ingress) }, CONFIG('gw.nft'));
    expect(flows(pa, '203.0.113.5/32', 'dispatch', 443)).toEqual([]);
    expect(flows(pa, '198.18.0.5/32', 'dispatch', 443)).toEqual(['198.18.0.5/32 (internet) → gw:dsp: tcp/443 198.18.0.5 → 10.2.0.3']);
    expect(blockedBy(pa, '203.0.113.5/32', 'dispatch', 443)).toEqual(['FW_DROP firewall gw ingress (wan → host)']);
    // Bound to another device, it leaves wan alone.
    const elsewhere = analyse({ 'gw.nft': nft(ingress.replace('device "wan"', 'devices = { lan, ptn }')) }, CONFIG('gw.nft'));
    expect(flows(elsewhere, '203.0.113.5/32', 'dispatch', 443)).toEqual(['203.0.113.5/32 (internet) → gw:dsp: tcp/443 203.0.113.5 → 10.2.0.3']);
    // egress runs on what leaves by the device, after POSTROUTING.
    const egress = analyse({ 'gw.nft': nft('\tchain wan_out {\n\t\ttype filter hook egress device "wan" priority 0; policy accept;\n\t\ttcp dport 443 drop\n\t}\n') }, CONFIG('gw.nft'));
    expect(flows(egress, 'lan', 'internet', 443)).toEqual([]);
    expect(flows(egress, 'lan', 'internet', 80)).toEqual(['gw:lan → internet: tcp/80 10.1.0.3 → 8.8.8.8']);
  });

  describe('a connection\'s replies pass the hooks on their own way: ingress and PREROUTING of the interface they arrive on, POSTROUTING and egress of the one they leave by', () => {
    /** lan may open connections to the internet, the host takes ssh from lan; `more` adds tables. */
    const nft = (more: string) => `table inet filter {
	chain forward_chain {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		iifname "lan" oifname "wan" accept
	}
	chain input_chain {
		type filter hook input priority filter; policy drop;
		ct state established,related accept
		iifname "lan" tcp dport 22 accept
	}
}
${more}`;
    const analyseNft = (more: string) => analyse({ 'gw.nft': nft(more) }, CONFIG('gw.nft'));
    const ingressWan = 'table netdev edge {\n\tchain wan_in {\n\t\ttype filter hook ingress device "wan" priority -500; policy accept;\n\t\ttcp sport 443 drop\n\t}\n}\n';
    const rawWan = 'table ip raw {\n\tchain pre {\n\t\ttype filter hook prerouting priority raw; policy accept;\n\t\tiifname "wan" tcp sport 443 drop\n\t}\n}\n';
    const postLan = 'table ip late {\n\tchain post {\n\t\ttype filter hook postrouting priority 200; policy accept;\n\t\toifname "lan" tcp sport { 22, 443 } drop\n\t}\n}\n';
    const egressLan = 'table netdev edge {\n\tchain lan_out {\n\t\ttype filter hook egress device "lan" priority 0; policy accept;\n\t\ttcp sport { 22, 443 } drop\n\t}\n}\n';

    it('without them, lan reaches the internet and the host', () => {
      const pa = analyseNft('');
      expect(flows(pa, 'lan', 'internet', 443)).toEqual(['gw:lan → internet: tcp/443 10.1.0.3 → 8.8.8.8']);
      expect(flows(pa, 'lan', 'gw', 22)).toEqual(['gw:lan → gw: tcp/22 10.1.0.3 → 10.1.0.1']);
    });

    it.each([
      ['an ingress chain of the interface the reply arrives on', ingressWan, 'FW_REPLY_DROP firewall gw ingress (replies) (wan → host)'],
      ['a PREROUTING chain for the interface the reply arrives on', rawWan, 'FW_REPLY_DROP firewall gw PREROUTING (replies) (wan → host)'],
      ['a POSTROUTING chain for the interface the reply leaves by', postLan, 'FW_REPLY_DROP firewall gw POSTROUTING (replies) (host → lan)'],
      ['an egress chain of the interface the reply leaves by', egressLan, 'FW_REPLY_DROP firewall gw egress (replies) (host → lan)'],
    ])('%s that drops the replies stops a forwarded connection', (_name, more, why) => {
      const pa = analyseNft(more);
      expect(flows(pa, 'lan', 'internet', 443)).toEqual([]);
      expect(blockedBy(pa, 'lan', 'internet', 443)).toEqual([why]);
      const r = pathQuery(pa, { from: 'lan', to: 'internet', protocol: 'tcp', port: 443 });
      const drop = r.ok ? r.blocked?.answer.hops.flatMap((h) => h.blockedBy ?? [])[0] : undefined;
      // At the chain that drops them (each added table's first chain, after the 12 lines of the filter table).
      expect(drop?.span && `${toLocation(drop.span).line}:${toLocation(drop.span).column}`).toBe('14:2');
      // The chain does not stop what its match leaves alone.
      expect(flows(pa, 'lan', 'internet', 80)).toEqual(['gw:lan → internet: tcp/80 10.1.0.3 → 8.8.8.8']);
    });

    it('the replies of connections to the host leave by POSTROUTING and egress; those of its own arrive by ingress and PREROUTING', () => {
      expect(blockedBy(analyseNft(postLan), 'lan', 'gw', 22)).toEqual(['FW_REPLY_DROP firewall gw POSTROUTING (replies) (host → lan)']);
      expect(blockedBy(analyseNft(egressLan), 'lan', 'gw', 22)).toEqual(['FW_REPLY_DROP firewall gw egress (replies) (host → lan)']);
      expect(blockedBy(analyseNft(ingressWan), 'gw', 'internet', 443)).toEqual(['FW_REPLY_DROP firewall gw ingress (replies) (wan → host)']);
      expect(blockedBy(analyseNft(rawWan), 'gw', 'internet', 443)).toEqual(['FW_REPLY_DROP firewall gw PREROUTING (replies) (wan → host)']);
    });

    it('a PREROUTING chain after the NAT priority sees a reply with its connection\'s source NAT undone, one before it as it arrives, though the hook has no NAT chain', () => {
      const masquerade = 'table ip nat {\n\tchain post {\n\t\ttype nat hook postrouting priority srcnat; policy accept;\n\t\toifname "wan" masquerade\n\t}\n}\n';
      const inside = (priority: string) => `table ip late {\n\tchain pre {\n\t\ttype filter hook prerouting priority ${priority}; policy accept;\n\t\tiifname "wan" ip daddr 10.1.0.0/24 tcp sport 443 drop\n\t}\n}\n`;
      expect(blockedBy(analyseNft(masquerade + inside('filter')), 'lan', 'internet', 443)).toEqual(['FW_REPLY_DROP firewall gw PREROUTING (replies, NAT undone) (wan → host)']);
      // Before it, the reply is still addressed to the masquerading address: the drop does not match.
      expect(flows(analyseNft(masquerade + inside('raw')), 'lan', 'internet', 443)).toEqual(['gw:lan → internet: tcp/443 198.51.100.2 → 8.8.8.8']);
    });

    it('iptables: a raw PREROUTING rule that drops the replies stops the connection', () => {
      const rules = `*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING -i wan -p tcp -m tcp --sport 443 -j DROP\nCOMMIT\n${ipt(ESTABLISHED + '-A FORWARD -i lan -o wan -j ACCEPT\n')}`;
      const pa = analyse({ 'gw.rules': rules });
      expect(blockedBy(pa, 'lan', 'internet', 443)).toEqual(['FW_REPLY_DROP firewall gw PREROUTING (replies) (wan → host)']);
      expect(flows(pa, 'lan', 'internet', 80)).toEqual(['gw:lan → internet: tcp/80 10.1.0.3 → 8.8.8.8']);
    });
  });

  it('INPUT guards the host itself; OUTPUT its own connections', () => {
    const pa = analyse({ 'gw.rules': ipt('-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -i lan -p tcp -m tcp --dport 22 -j ACCEPT\n') });
    expect(flows(pa, 'lan', 'gw', 22)).toEqual(['gw:lan → gw: tcp/22 10.1.0.3 → 10.1.0.1']);
    expect(flows(pa, 'internet', 'gw', 22)).toEqual([]);
    expect(flows(pa, 'gw', 'internet', 443)).toEqual(['gw → internet: tcp/443 198.51.100.2 → 8.8.8.8']);
  });

  it('routes by the interfaces: a zone, an external, the internet as the default', () => {
    const pa = analyse({ 'gw.rules': ipt(ESTABLISHED + '-A FORWARD -i lan -j ACCEPT\n') });
    expect(flows(pa, 'lan', 'partner', 443).map((x) => x.split(':')[0])).toEqual(['gw']);
    expect(flows(pa, 'lan', 'dispatch', 8443)).toEqual(['gw:lan → gw:dsp: tcp/8443 10.1.0.3 → 10.2.0.3']);
    // The partner's addresses go to the partner link, never out to the internet.
    const r = pathQuery(pa, { from: 'lan', to: '192.0.2.10/32', protocol: 'tcp', port: 443 });
    expect(r.ok && r.flows.map((f) => f.destination)).toEqual(['partner']);
  });

  it('a condition the model does not read makes the path possible, never closed', () => {
    const pa = analyse({ 'gw.rules': ipt(ESTABLISHED + '-A FORWARD -i wan -o dsp -m recent --rcheck --name knock -j ACCEPT\n') });
    const r = pathQuery(pa, { from: 'internet', to: 'dispatch', protocol: 'tcp', port: 22 });
    expect(r.ok && r.flows).toHaveLength(1);
    expect(r.ok && r.flows[0]!.answer.unknowns.map((u) => u.reason)).toEqual([expect.stringContaining('gw:filter/FORWARD#2: the conditions --rcheck, --name knock are not modelled')]);
  });

  it('a condition the model does not read on a RETURN leaves what follows possible: the packets may return or go on to a DROP', () => {
    // In the kernel only frames from that MAC return to FORWARD; the others are dropped in CHK.
    const pa = analyse({
      'gw.rules': ipt(`${ESTABLISHED}-A CHK -m mac --mac-source 00:11:22:33:44:55 -j RETURN\n-A CHK -j DROP\n-A FORWARD -i wan -o dsp -j CHK\n-A FORWARD -i wan -o dsp -p tcp --dport 22 -j ACCEPT\n`).replace(':OUTPUT ACCEPT [0:0]\n-A', ':OUTPUT ACCEPT [0:0]\n:CHK - [0:0]\n-A'),
    });
    const r = pathQuery(pa, { from: 'internet', to: 'dispatch', protocol: 'tcp', port: 22 });
    expect(r.ok && r.flows).toHaveLength(1);
    expect(r.ok && r.flows[0]!.answer.unknowns.map((u) => u.reason)).toEqual([expect.stringContaining('gw:filter/CHK#1: the condition --mac-source 00:11:22:33:44:55 is not modelled')]);
  });

  it('nftables: interface, protocol and state matches on a named set hold for its elements', () => {
    const nft = [
      'table inet f {',
      '\tset inside { type ifname; elements = { "lan", "dsp" } }',
      '\tset protos { type inet_proto; elements = { tcp } }',
      '\tset replies { type ct_state; elements = { established, related } }',
      '\tchain fwd_chain {',
      '\t\ttype filter hook forward priority filter; policy drop;',
      '\t\tct state @replies accept',
      '\t\tiifname @inside oifname "wan" meta l4proto @protos accept',
      '\t}',
      '}',
      '',
    ].join('\n');
    const pa = analyse({ 'gw.nft': nft }, CONFIG('gw.nft'));
    expect(flows(pa, 'lan', 'internet', 22)).toEqual(['gw:lan → internet: tcp/22 10.1.0.3 → 8.8.8.8']);
    expect(flows(pa, 'dispatch', 'internet', 443)).toEqual(['gw:dsp → internet: tcp/443 10.2.0.3 → 8.8.8.8']);
    expect(flows(pa, 'partner', 'internet', 443)).toEqual([]);
  });

  it('nftables: accept ends only its base chain, a later base chain of the hook still drops', () => {
    const nft = [
      'table inet early {',
      '\tchain fwd_chain { type filter hook forward priority -10; policy accept; accept; }',
      '}',
      'table inet late {',
      '\tchain fwd_chain {',
      '\t\ttype filter hook forward priority 10; policy drop;',
      '\t\tct state established,related accept',
      '\t\tiifname "lan" oifname "wan" tcp dport 443 accept',
      '\t}',
      '}',
      '',
    ].join('\n');
    const pa = analyse({ 'gw.nft': nft }, CONFIG('gw.nft'));
    expect(flows(pa, 'lan', 'internet', 443)).toEqual(['gw:lan → internet: tcp/443 10.1.0.3 → 8.8.8.8']);
    expect(flows(pa, 'lan', 'internet', 22)).toEqual([]);
  });

  it.each([
    ['text', 'ct state vmap { established : accept, related : accept }'],
    ['a named map', 'ct state vmap @states'],
  ])('nftables: a verdict map (%s) accepts the replies its keys name', (_form, vmap) => {
    const nft = [
      'table inet filter {',
      '\tmap states {',
      '\t\ttype ct_state : verdict',
      '\t\telements = { established : accept, related : accept }',
      '\t}',
      '\tchain fwd_chain {',
      '\t\ttype filter hook forward priority filter; policy drop;',
      `\t\t${vmap}`,
      '\t\tiifname "lan" oifname "wan" tcp dport vmap { 443 : accept, 23 : drop }',
      '\t}',
      '}',
      '',
    ].join('\n');
    const pa = analyse({ 'gw.nft': nft }, CONFIG('gw.nft'));
    // The port's map accepts the connection (line 9); the replies are accepted by the state map (line 8).
    expect(acceptedBy(pa, 'lan', 'internet', 443)).toEqual([
      { flow: 'gw:lan → internet: tcp/443 10.1.0.3 → 8.8.8.8', rules: ['gw:inet filter/fwd_chain#2 gw.nft:9:3', 'gw:inet filter/fwd_chain#1 gw.nft:8:3'], certainty: 'definite' },
    ]);
    expect(flows(pa, 'lan', 'internet', 23)).toEqual([]);
    expect(flows(pa, 'lan', 'internet', 22)).toEqual([]);
  });

  it('nftables JSON: the same verdict maps', () => {
    const rule = (expr: unknown[]) => ({ rule: { family: 'inet', table: 'filter', chain: 'fwd_chain', handle: 3, expr } });
    const json = {
      nftables: [
        { metainfo: { version: '1.0.9', release_name: 'Old Doc Yak #3', json_schema_version: 1 } },
        { table: { family: 'inet', name: 'filter', handle: 1 } },
        { chain: { family: 'inet', table: 'filter', name: 'fwd_chain', handle: 2, type: 'filter', hook: 'forward', prio: 0, policy: 'drop' } },
        rule([{ vmap: { key: { ct: { key: 'state' } }, data: { set: [['established', { accept: null }], ['related', { accept: null }]] } } }]),
        rule([
          { match: { op: '==', left: { meta: { key: 'iifname' } }, right: 'lan' } },
          { vmap: { key: { payload: { protocol: 'tcp', field: 'dport' } }, data: { set: [[443, { accept: null }], [23, { drop: null }]] } } },
        ]),
      ],
    };
    const pa = analyse({ 'gw.json': JSON.stringify(json, null, 1) }, CONFIG('gw.json'));
    expect(flows(pa, 'lan', 'internet', 443)).toEqual(['gw:lan → internet: tcp/443 10.1.0.3 → 8.8.8.8']);
    expect(flows(pa, 'lan', 'internet', 23)).toEqual([]);
  });

  it('ipset: -m set matches the members of the ipset save file, each dimension on its direction', () => {
    const rules = ipt(ESTABLISHED + '-A FORWARD -o dsp -m set --match-set vendors src -j ACCEPT\n-A FORWARD -o dsp -m set --match-set svc dst,dst -j ACCEPT\n');
    const sets = 'create vendors hash:net family inet hashsize 1024 maxelem 65536\nadd vendors 192.0.2.0/28\ncreate svc hash:ip,port family inet\nadd svc 10.2.0.20,udp:123\n';
    const config = CONFIG('gw.rules').replace('    config: gw.rules\n', '    config: gw.rules\n    ipsets: gw.ipset\n');
    const pa = analyse({ 'gw.rules': rules, 'gw.ipset': sets }, config);
    expect(flows(pa, '192.0.2.5/32', 'dispatch', 22).map((f) => f.split(':')[0])).toEqual(['192.0.2.5/32 (partner) → gw']);
    expect(flows(pa, '192.0.2.99/32', 'dispatch', 22)).toEqual([]);
    const ntp = pathQuery(pa, { from: 'internet', to: '10.2.0.20/32', protocol: 'udp', port: 123 });
    expect(ntp.ok && ntp.flows).toHaveLength(1);
    const other = pathQuery(pa, { from: 'internet', to: '10.2.0.20/32', protocol: 'tcp', port: 123 });
    expect(other.ok && other.flows).toEqual([]);
  });

  it('ipset: a set the configuration does not give is a warning, and the match may hold', () => {
    const dir = writeTree({ 'gw.rules': ipt(ESTABLISHED + '-A FORWARD -o dsp -m set --match-set vendors src -j ACCEPT\n'), 'gridfence.yaml': CONFIG('gw.rules') }, 'gridfence-hosts-graph-');
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(sys.problems.map((p) => `${p.severity} ${p.code} ${p.location?.line}:${p.location?.column}`)).toEqual(['warning ipset-missing 12:26']);
    const pa = new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
    const r = pathQuery(pa, { from: 'internet', to: 'dispatch', protocol: 'tcp', port: 22 });
    expect(r.ok && r.flows.map((f) => f.answer.unknowns.length > 0)).toEqual([true]);
  });

  it('a host without a ruleset filters nothing known: every path through it is open', () => {
    const pa = analyse({}, CONFIG('gw.rules').replace('    config: gw.rules\n', ''));
    expect(flows(pa, 'internet', 'dispatch', 22)).toEqual(['internet → gw:dsp: tcp/22 8.8.8.8 → 10.2.0.3']);
  });
});

describe('links to the cloud', () => {
  const vpc = `
resource "aws_vpc" "main" {
  cidr_block = "10.9.0.0/16"
}
resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.9.1.0/24"
}
resource "aws_vpn_gateway" "vgw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_customer_gateway" "cgw" {
  bgp_asn    = 65000
  ip_address = "198.51.100.2"
  type       = "ipsec.1"
}
resource "aws_vpn_connection" "onprem" {
  vpn_gateway_id      = aws_vpn_gateway.vgw.id
  customer_gateway_id = aws_customer_gateway.cgw.id
  type                = "ipsec.1"
  static_routes_only  = true
}
resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "10.2.0.0/24"
    gateway_id = aws_vpn_gateway.vgw.id
  }
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}
resource "aws_security_group" "app" {
  vpc_id = aws_vpc.main.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.2.0.0/24"]
  }
}
resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.app.id
  vpc_security_group_ids = [aws_security_group.app.id]
}
`;
  it('an interface linked to an aws_vpn_connection reaches the VPC behind it, through its security groups', () => {
    const config = CONFIG('gw.rules') + '      tun0: { link: aws_vpn_connection.onprem }\n';
    const pa = analyse({ 'main.tf': vpc, 'gw.rules': ipt(ESTABLISHED + '-A FORWARD -i dsp -o tun0 -j ACCEPT\n') }, config);
    const r = pathQuery(pa, { from: 'dispatch', to: 'aws_instance.app', protocol: 'tcp', port: 443 });
    expect(r.ok && r.flows.map((f) => f.answer.hops.map((h) => h.node))).toEqual([
      ['gw:dsp', 'gw:dsp (in)', 'gw:dsp (after PREROUTING)', 'gw:tun0 (before POSTROUTING)', 'gw:tun0 (out)', 'aws_vpn_gateway.vgw (inbound)', 'aws_subnet.app', 'aws_instance.app'],
    ]);
    expect(flows(pa, 'dispatch', 'aws_instance.app', 22)).toEqual([]);
  });
});

describe('nftables concatenations', () => {
  it.each([
    ['an anonymous set', 'ip saddr . tcp dport { 10.1.0.5 . 443, 10.1.0.6 . 22 } accept', ''],
    ['a named set', 'ip saddr . tcp dport @pairs accept', '\tset pairs {\n\t\ttype ipv4_addr . inet_service\n\t\telements = { 10.1.0.5 . 443, 10.1.0.6 . 22 }\n\t}\n'],
    ['a verdict map', 'ip saddr . tcp dport vmap { 10.1.0.5 . 443 : accept, 10.1.0.6 . 22 : accept }', ''],
  ])('%s: each element is one address and one port together', (_what, rule, set) => {
    const nft = `table inet filter {\n${set}\tchain fwd_chain {\n\t\ttype filter hook forward priority filter; policy drop;\n\t\tct state established,related accept\n\t\t${rule}\n\t}\n}\n`;
    const pa = analyse({ 'gw.nft': nft }, CONFIG('gw.nft'));
    // The rule stands after the set's lines; the replies are accepted by the state rule before it.
    const line = 5 + (set.match(/\n/g)?.length ?? 0);
    const rules = [`gw:inet filter/fwd_chain#2 gw.nft:${line}:3`, `gw:inet filter/fwd_chain#1 gw.nft:${line - 1}:3`];
    expect([acceptedBy(pa, '10.1.0.5/32', 'internet', 443), acceptedBy(pa, '10.1.0.6/32', 'internet', 22)]).toEqual([
      [{ flow: '10.1.0.5/32 (gw:lan) → internet: tcp/443 10.1.0.5 → 8.8.8.8', rules, certainty: 'definite' }],
      [{ flow: '10.1.0.6/32 (gw:lan) → internet: tcp/22 10.1.0.6 → 8.8.8.8', rules, certainty: 'definite' }],
    ]);
    expect([acceptedBy(pa, '10.1.0.5/32', 'internet', 22), acceptedBy(pa, '10.1.0.6/32', 'internet', 443)]).toEqual([[], []]);
  });
});

describe('nftables JSON concatenations', () => {
  it('a concatenated anonymous set in nft -j output', () => {
    const rule = (expr: unknown[]) => ({ rule: { family: 'inet', table: 'filter', chain: 'fwd_chain', handle: 3, expr } });
    const json = {
      nftables: [
        { table: { family: 'inet', name: 'filter', handle: 1 } },
        { chain: { family: 'inet', table: 'filter', name: 'fwd_chain', handle: 2, type: 'filter', hook: 'forward', prio: 0, policy: 'drop' } },
        rule([{ match: { op: 'in', left: { ct: { key: 'state' } }, right: ['established', 'related'] } }, { accept: null }]),
        rule([
          { match: { op: '==', left: { concat: [{ payload: { protocol: 'ip', field: 'saddr' } }, { payload: { protocol: 'tcp', field: 'dport' } }] }, right: { set: [{ concat: ['10.1.0.5', 443] }, { concat: ['10.1.0.6', 22] }] } } },
          { accept: null },
        ]),
      ],
    };
    const pa = analyse({ 'gw.json': JSON.stringify(json) }, CONFIG('gw.json'));
    const to = (src: string, port: number): number => {
      const r = pathQuery(pa, { from: src, to: 'internet', protocol: 'tcp', port });
      return r.ok ? r.flows.length : -1;
    };
    expect([to('10.1.0.5/32', 443), to('10.1.0.5/32', 22), to('10.1.0.6/32', 22)]).toEqual([1, 0, 1]);
  });
});
