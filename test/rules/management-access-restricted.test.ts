import { describe, expect, it } from 'vitest';
import { host, internetRouteTable, networkAcl, portRule, PUBLIC, securityGroup, sgRule, vpn, zonedVpc } from '../support/dispatch-network.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/files.js';

/** The on-premise gateway gw1 of the reference architecture, with its zones (test/fixtures/onprem/iptables). */
const ONPREM = path.join(repoRoot, 'test/fixtures/onprem/iptables');
const onpremConfig = fs.readFileSync(path.join(ONPREM, 'gridfence.yaml'), 'utf8');
const gw1Rules = fs.readFileSync(path.join(ONPREM, 'firewall/gw1.rules'), 'utf8');
const OPS_SSH = '-A INPUT -s 10.20.7.0/24 -i eth4 -p tcp -m tcp --dport 22';
/** gw1's rules with `line` inserted before the ops zone's SSH rule. */
const gw1With = (line: string): string => {
  const text = gw1Rules.replace(OPS_SSH, `${line}\n${OPS_SSH}`);
  expect(text).not.toBe(gw1Rules);
  return text;
};
/** A mangle table that clamps the MSS of forwarded SYNs and otherwise accepts everything, as many gateways have. */
const MANGLE = '*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n-A FORWARD -p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\nCOMMIT\n';
const onprem = (rules: string) => runRule(ID, { 'firewall/gw1.rules': rules }, { config: onpremConfig });

const ID = 'management-access-restricted';

const ZONES = `version: 1
zones:
  dmz: { role: buffer }
  core: { role: internal }
  ops: { role: management }
externals:
  corporate: { role: other, cidrs: ["172.16.0.0/16"], transport: closed }
`;

/** One VPC: a public dmz subnet (default route to the internet gateway), a core and an ops subnet. */
const VPC = `${zonedVpc({ dmz: '10.10.2.0/24', core: '10.10.10.0/24', ops: '10.10.250.0/24' })}
resource "aws_route_table_association" "dmz" {
  subnet_id      = aws_subnet.dmz.id
  route_table_id = aws_route_table.dmz.id
}
`;

const INTERNET_ROUTE = internetRouteTable('dmz');

/** An inbound rule block of a security group. */
const ingress = (port: number, cidrs: string, protocol = 'tcp') => portRule('ingress', port, cidrs, protocol);

/** The relay in the dmz, behind its own security group. */
const relay = (rules: string, publicAddress = 'true') => host('relay', 'dmz', '10.10.2.10', rules, `  associate_public_ip_address = ${publicAddress}\n`);

/** A host in a subnet that may send anything (its group allows all egress) and receives nothing; `ip` undefined: assigned at launch. */
const client = (name: string, subnet: string, ip: string | undefined) => host(name, subnet, ip, sgRule('egress', '-1', 0, 0, '0.0.0.0/0'));

const SSH_FROM_ANYWHERE = ingress(22, '["0.0.0.0/0"]');

/** A network ACL on the dmz subnet: SSH in from anywhere, replies out only to `replyCidr`. */
const dmzAcl = (replyCidr: string) => networkAcl('dmz', 'dmz', [[100, 'tcp', 22, 22, '0.0.0.0/0']], [[100, 'tcp', 1024, 65535, replyCidr]]);

const tf = (...parts: string[]) => parts.join('\n');
/** `config` '' runs without gridfence.yaml. */
const run = (main: string, config = ZONES) => runRule(ID, { 'main.tf': main }, config ? { config } : {});
const traceOf = (main: string, config = ZONES) => lintFiles(ID, { 'main.tf': main }, { config }).findings.map((f) => ({ nodes: f.trace?.map((t) => t.node), flow: f.flow, related: f.related.map((r) => r.message) }));

/** An internet-facing load balancer in the dmz whose group admits every TCP port from anywhere, with `listeners`. */
const edgeLb = (listeners: string) => `${securityGroup('edge', sgRule('ingress', 'tcp', 0, 65535, '0.0.0.0/0'))}resource "aws_lb" "edge" {
  load_balancer_type = "network"
  internal           = false
  subnets            = [aws_subnet.dmz.id]
  security_groups    = [aws_security_group.edge.id]
}
${listeners}`;
const lbListener = (name: string, port: number, protocol: string) => `resource "aws_lb_listener" "${name}" {
  load_balancer_arn = aws_lb.edge.arn
  port              = ${port}
  protocol          = "${protocol}"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}
`;

describe(ID, () => {
  describe('valid', () => {
    it('SSH only from the management subnet, where the bastion is', () => {
      const main = tf(VPC, INTERNET_ROUTE, relay(ingress(22, '["10.10.250.0/24"]')), client('bastion', 'ops', '10.10.250.10'), client('controller', 'core', '10.10.10.10'));
      expect(run(main)).toEqual([]);
    });

    it('a security group open to the world, but the relay has no public address and nothing else sends', () => {
      expect(run(tf(VPC, INTERNET_ROUTE, relay(SSH_FROM_ANYWHERE, 'false')))).toEqual([]);
    });

    it('a public address, but no route back to the internet gateway: the reply cannot return', () => {
      const noRoute = `resource "aws_route_table" "dmz" {
  vpc_id = aws_vpc.main.id
}
`;
      expect(run(tf(VPC, noRoute, relay(SSH_FROM_ANYWHERE)))).toEqual([]);
    });

    it('the network ACL lets the request in but sends replies only inside the VPC', () => {
      expect(run(tf(VPC, INTERNET_ROUTE, relay(SSH_FROM_ANYWHERE), dmzAcl('10.10.0.0/16')))).toEqual([]);
    });

    it('the security group has no rule for any management service', () => {
      expect(run(tf(VPC, INTERNET_ROUTE, relay(ingress(443, '["0.0.0.0/0"]')), client('controller', 'core', '10.10.10.10')))).toEqual([]);
    });

    it('a load balancer whose group admits SSH from anywhere, but whose only listener takes TLS on 443: nothing listens on 22', () => {
      expect(run(tf(VPC, INTERNET_ROUTE, edgeLb(lbListener('tls', 443, 'TLS'))))).toEqual([]);
    });

    it('a management host reached from another zone: only outsiders count against management zones', () => {
      const bastion = host('bastion', 'ops', '10.10.250.10', ingress(22, '["10.10.10.0/24"]'));
      expect(run(tf(VPC, INTERNET_ROUTE, bastion, client('controller', 'core', '10.10.10.10')))).toEqual([]);
    });
  });

  describe('datagrams that ask for no reply', () => {
    it('SNMP from anywhere reaches the relay though its network ACL lets no reply out: one way, at the group rule', () => {
      const snmp = ingress(161, '["0.0.0.0/0"]', 'udp');
      const acl = networkAcl('dmz', 'dmz', [[100, 'udp', 161, 161, '0.0.0.0/0']], [[100, 'tcp', 1024, 65535, '10.10.0.0/16']]);
      const main = tf(VPC, INTERNET_ROUTE, relay(snmp), acl);
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'reachableOneWay', data: { service: 'udp/161', what: 'SNMP', target: 'aws_instance.relay', zone: 'dmz', origin: 'the internet' }, resource: 'aws_security_group.relay', certainty: 'definite', ...rangeOf(main, snmp.trim()) }),
      ]);
    });

    it('a connection that only an unknown ACL entry lets back does not hide the SNMP datagram that certainly arrives', () => {
      const snmp = ingress(161, '["0.0.0.0/0"]', 'udp');
      const acl = networkAcl('dmz', 'dmz', [[100, 'udp', 161, 161, '0.0.0.0/0']], [[100, 'udp', 1024, 65535, '${var.reply_to}']]);
      const main = tf('variable "reply_to" {}', VPC, INTERNET_ROUTE, relay(snmp), acl);
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'reachableOneWay', data: expect.objectContaining({ service: 'udp/161', origin: 'the internet' }), certainty: 'definite', ...rangeOf(main, snmp.trim()) })]);
    });

    it('between zones they are judged as connections: SNMP from the core zone whose reply the ACL drops is not reported', () => {
      const snmp = ingress(161, '["10.10.10.0/24"]', 'udp');
      const acl = networkAcl('dmz', 'dmz', [[100, 'udp', 161, 161, '10.10.10.0/24']], [[100, 'tcp', 1024, 65535, '10.10.0.0/16']]);
      expect(run(tf(VPC, INTERNET_ROUTE, relay(snmp, 'false'), acl, client('controller', 'core', '10.10.10.10')))).toEqual([]);
    });
  });

  describe('firewall hosts', () => {
    it('the gateway administered from the management zone alone is fine', () => {
      expect(onprem(gw1Rules)).toEqual([]);
    });

    it('SSH to the gateway itself from the internet: at the INPUT rule that admits it, from every place outside', () => {
      const open = '-A INPUT -i eth0 -p tcp -m tcp --dport 22 -j ACCEPT';
      const rules = gw1With(open);
      const found = onprem(rules);
      expect(found.map((f) => f.data['origin'])).toEqual(['external network dispatch-system', 'external network ra-north', 'the internet']);
      for (const f of found) {
        expect(f).toEqual(expect.objectContaining({ messageId: 'reachableFirewallHost', file: 'firewall/gw1.rules', line: rules.split('\n').indexOf(open) + 1, certainty: 'definite' }));
        expect(f.data).toEqual(expect.objectContaining({ service: 'tcp/22', what: 'SSH', target: 'gw1' }));
      }
    });

    it('a rule meant for DNS answers (source port 53) lets SNMP from the internet reach the gateway itself, from that port', () => {
      const dns = '-A INPUT -i eth0 -p udp -m udp --sport 53 -j ACCEPT';
      const rules = gw1With(dns);
      const found = onprem(rules).filter((f) => f.data['origin'] === 'the internet');
      // Every UDP management service is open so: the witness names the first an attacker tries.
      expect(found).toEqual([expect.objectContaining({ messageId: 'reachableFirewallHost', data: expect.objectContaining({ service: 'udp/3389', what: 'RDP', target: 'gw1' }), line: rules.split('\n').indexOf(dns) + 1, certainty: 'definite' })]);
    });

    it('without a rule for established flows, SNMP datagrams still reach the gateway from the internet, one way', () => {
      const snmp = '-A INPUT -i eth0 -p udp -m udp --dport 161 -j ACCEPT';
      const rules = gw1With(snmp).replace('-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n', '').replace(':OUTPUT ACCEPT [0:0]', ':OUTPUT DROP [0:0]');
      const found = onprem(rules).filter((f) => f.data['origin'] === 'the internet');
      expect(found).toEqual([expect.objectContaining({ messageId: 'reachableFirewallHostOneWay', data: expect.objectContaining({ service: 'udp/161', what: 'SNMP', target: 'gw1' }), line: rules.split('\n').indexOf(snmp) + 1, certainty: 'definite' })]);
    });

    it("an INPUT chain whose policy accepts what no rule decides: the finding is at the policy's line in the rules file", () => {
      const rules = gw1Rules.replace(':INPUT DROP [0:0]', ':INPUT ACCEPT [0:0]').replace(/-A INPUT -m comment --comment input-deny -j (LOG --log-prefix "gw1 input-deny: "|DROP)\n/g, '');
      expect(rules.split('\n').filter((l) => l.includes('input-deny'))).toEqual([]);
      const found = onprem(rules).filter((f) => f.data['origin'] === 'the internet');
      expect(found).toEqual([expect.objectContaining({ messageId: 'reachableFirewallHost', resource: 'gw1:filter/INPUT', file: 'firewall/gw1.rules', line: 2, column: 1, endLine: 2, certainty: 'definite' })]);
      // A mangle table's policy at the same hook only passes the packet on to the filter table: the finding stays there.
      const mangled = onprem(rules + MANGLE).filter((f) => f.data['origin'] === 'the internet');
      expect(mangled).toEqual([expect.objectContaining({ resource: 'gw1:filter/INPUT', line: 2 })]);
    });

    it('an empty security table after the filter table leaves the finding at the filter policy that accepts', () => {
      const rules = gw1Rules.replace(':INPUT DROP [0:0]', ':INPUT ACCEPT [0:0]').replace(/-A INPUT -m comment --comment input-deny -j (LOG --log-prefix "gw1 input-deny: "|DROP)\n/g, '');
      const security = '*security\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n';
      const found = onprem(rules + security).filter((f) => f.data['origin'] === 'the internet');
      expect(found).toEqual([expect.objectContaining({ resource: 'gw1:filter/INPUT', line: 2 })]);
    });

    it('nftables: a base chain before another in the same table, at the same hook, does not hide the later chain\'s deciding rule', () => {
      const nftDir = path.join(repoRoot, 'test/fixtures/onprem/nftables');
      const nft = fs.readFileSync(path.join(nftDir, 'firewall/gw1.nft'), 'utf8');
      const snmp = '\t\tiifname "eth0" udp dport 161 accept comment "snmp-open"';
      const early = '\tchain early {\n\t\ttype filter hook input priority -10; policy accept;\n\t\tct state invalid drop\n\t}\n\n';
      const text = nft.replace('table inet filter {\n', `table inet filter {\n${early}`).replace('\t\tct state established,related accept\n', `\t\tct state established,related accept\n${snmp}\n`);
      expect(text).toContain('chain early');
      expect(text).toContain('snmp-open');
      const config = fs.readFileSync(path.join(nftDir, 'gridfence.yaml'), 'utf8');
      const found = runRule(ID, { 'firewall/gw1.nft': text }, { config }).filter((f) => f.data['origin'] === 'the internet');
      expect(found).toEqual([expect.objectContaining({ data: expect.objectContaining({ service: 'udp/161' }), line: text.split('\n').indexOf(snmp) + 1 })]);
    });

    it('with a mangle table at the same hooks, the finding is at the filter rule that admits the flow, not at the mangle policy', () => {
      const snmp = '-A INPUT -i eth0 -p udp -m udp --dport 161 -j ACCEPT';
      const rules = gw1With(snmp) + MANGLE;
      const found = onprem(rules).filter((f) => f.data['origin'] === 'the internet');
      expect(found).toEqual([expect.objectContaining({ data: expect.objectContaining({ service: 'udp/161' }), line: rules.split('\n').indexOf(snmp) + 1 })]);
    });

    it('SNMP to the gateway from the dispatch link, which is not a management zone', () => {
      const rules = gw1With('-A INPUT -s 10.20.2.0/24 -i eth1 -p udp -m udp --dport 161 -j ACCEPT');
      expect(onprem(rules)).toEqual([expect.objectContaining({ messageId: 'reachableFirewallHost', data: expect.objectContaining({ service: 'udp/161', what: 'SNMP', target: 'gw1', origin: 'zone dispatch' }) })]);
    });
  });

  describe('invalid', () => {
    it('SSH from the internet to a public relay: at the security group rule, with the path', () => {
      const main = tf(VPC, INTERNET_ROUTE, relay(SSH_FROM_ANYWHERE));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'reachable',
          data: { service: 'tcp/22', what: 'SSH', target: 'aws_instance.relay', zone: 'dmz', origin: 'the internet' },
          resource: 'aws_security_group.relay',
          file: 'main.tf',
          ...rangeOf(main, SSH_FROM_ANYWHERE.trim()),
          certainty: 'definite',
          unknowns: [],
        }),
      ]);
      expect(traceOf(main)).toEqual([
        {
          nodes: ['internet', 'aws_internet_gateway.main', 'aws_instance.relay'],
          flow: { protocol: 'tcp', source: 'the internet', destination: '10.10.2.10/32', ports: '22' },
          related: ['aws_instance.relay, the host reached', 'resource aws_security_group.relay'],
        },
      ]);
    });

    it('a network ACL that lets the replies out too: the security group rule on the last hop is named, not the ACL entry', () => {
      const acl = dmzAcl('0.0.0.0/0');
      const main = tf(VPC, INTERNET_ROUTE, relay(SSH_FROM_ANYWHERE), acl);
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'reachable', resource: 'aws_security_group.relay', ...rangeOf(main, SSH_FROM_ANYWHERE.trim()), certainty: 'definite' })]);
    });

    it('SSH from another zone over the local route', () => {
      const main = tf(VPC, INTERNET_ROUTE, relay(ingress(22, '["10.10.0.0/16"]'), 'false'), client('controller', 'core', '10.10.10.10'), client('bastion', 'ops', '10.10.250.10'));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'reachable',
          data: { service: 'tcp/22', what: 'SSH', target: 'aws_instance.relay', zone: 'dmz', origin: 'zone core' },
          resource: 'aws_security_group.relay',
          ...rangeOf(main, ingress(22, '["10.10.0.0/16"]').trim()),
          certainty: 'definite',
        }),
      ]);
      expect(traceOf(main).map((t) => t.nodes)).toEqual([['aws_instance.controller', 'aws_subnet.core', 'aws_subnet.dmz', 'aws_instance.relay']]);
    });

    it('SSH admitted from only part of a subnet whose host gets its address at launch: a possible finding', () => {
      const half = ingress(22, '["10.10.10.0/25"]');
      const main = tf(VPC, INTERNET_ROUTE, relay(half, 'false'), client('controller', 'core', undefined));
      expect(run(main)).toEqual([
        expect.objectContaining({
          data: { service: 'tcp/22', what: 'SSH', target: 'aws_instance.relay', zone: 'dmz', origin: 'zone core' },
          resource: 'aws_security_group.relay',
          ...rangeOf(main, half.trim()),
          certainty: 'possible',
          unknowns: ['the private address of aws_instance.controller is assigned at launch; any address of aws_subnet.core stands for it'],
        }),
      ]);
    });

    it('SSH sent to only part of the subnet of a host that gets its address at launch: a possible finding', () => {
      const admit = ingress(22, '["10.10.0.0/16"]');
      const sender = (cidr: string) => host('controller', 'core', '10.10.10.10', portRule('egress', 22, `["${cidr}"]`));
      const main = tf(VPC, INTERNET_ROUTE, host('relay', 'dmz', undefined, admit), sender('10.10.2.0/25'));
      expect(run(main)).toEqual([
        expect.objectContaining({
          data: { service: 'tcp/22', what: 'SSH', target: 'aws_instance.relay', zone: 'dmz', origin: 'zone core' },
          ...rangeOf(main, admit.trim()),
          certainty: 'possible',
          unknowns: ['the private address of aws_instance.relay is assigned at launch; any address of aws_subnet.dmz stands for it'],
        }),
      ]);
      // Sent to the whole subnet, the relay is reached whatever address it gets.
      expect(run(tf(VPC, INTERNET_ROUTE, host('relay', 'dmz', undefined, admit), sender('10.10.2.0/24')))).toEqual([expect.objectContaining({ certainty: 'definite', unknowns: [] })]);
    });

    it('a management host open to the internet', () => {
      const bastion = host('bastion', 'ops', '10.10.250.10', ingress(3389, '["0.0.0.0/0"]'), PUBLIC);
      const opsRoute = `resource "aws_route_table_association" "ops" {
  subnet_id      = aws_subnet.ops.id
  route_table_id = aws_route_table.dmz.id
}
`;
      const main = tf(VPC, INTERNET_ROUTE, opsRoute, bastion);
      expect(run(main)).toEqual([
        expect.objectContaining({
          data: { service: 'tcp/3389', what: 'RDP', target: 'aws_instance.bastion', zone: 'ops', origin: 'the internet' },
          resource: 'aws_security_group.bastion',
          ...rangeOf(main, ingress(3389, '["0.0.0.0/0"]').trim()),
        }),
      ]);
    });

    it('a load balancer with a listener on 22: SSH reaches it from the internet, at its group\'s rule', () => {
      const main = tf(VPC, INTERNET_ROUTE, edgeLb(lbListener('tls', 443, 'TLS') + lbListener('ssh', 22, 'TCP')));
      expect(run(main)).toEqual([
        expect.objectContaining({
          data: { service: 'tcp/22', what: 'SSH', target: 'aws_lb.edge', zone: 'dmz', origin: 'the internet' },
          resource: 'aws_security_group.edge',
          ...rangeOf(main, sgRule('ingress', 'tcp', 0, 65535, '0.0.0.0/0').trim()),
        }),
      ]);
    });

    it('SNMP over UDP', () => {
      const rule = ingress(161, '["0.0.0.0/0"]', 'udp');
      const main = tf(VPC, INTERNET_ROUTE, relay(rule));
      expect(run(main)).toEqual([expect.objectContaining({ data: expect.objectContaining({ service: 'udp/161', what: 'SNMP' }), ...rangeOf(main, rule.trim()) })]);
    });

    it('all ports open: one finding per host and origin, naming SSH first', () => {
      const all = `  ingress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }`;
      const main = tf(VPC, INTERNET_ROUTE, relay(all));
      const found = run(main);
      expect(found).toEqual([expect.objectContaining({ data: expect.objectContaining({ service: 'tcp/22', what: 'SSH', origin: 'the internet' }), ...rangeOf(main, all.trim()) })]);
    });

    it('from a corporate network behind a VPN, with a route back through the VPN gateway', () => {
      const office = `${vpn('office', '198.51.100.30', 65000)}
resource "aws_route_table" "dmz" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "172.16.0.0/16"
    gateway_id = aws_vpn_gateway.main.id
  }
}
`;
      const rule = ingress(23, '["172.16.0.0/16"]');
      const main = tf(VPC, office, relay(rule, 'false'));
      expect(run(main)).toEqual([
        expect.objectContaining({ data: { service: 'tcp/23', what: 'Telnet', target: 'aws_instance.relay', zone: 'dmz', origin: 'external network corporate' }, ...rangeOf(main, rule.trim()), certainty: 'definite' }),
      ]);
      expect(traceOf(main).map((t) => t.nodes)).toEqual([['corporate', 'aws_vpn_gateway.main (inbound)', 'aws_subnet.dmz', 'aws_instance.relay']]);
      // Without the route back, the reply has no way out: no path.
      expect(run(main.replace('cidr_block = "172.16.0.0/16"', 'cidr_block = "172.17.0.0/16"'))).toEqual([]);
    });

    it('a public address known only after apply: a possible finding', () => {
      const main = tf(VPC, INTERNET_ROUTE, relay(SSH_FROM_ANYWHERE, 'var.relay_public'), 'variable "relay_public" {\n  type = bool\n}\n');
      expect(run(main)).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ origin: 'the internet', target: 'aws_instance.relay' }),
          ...rangeOf(main, SSH_FROM_ANYWHERE.trim()),
          certainty: 'possible',
          unknowns: ['whether aws_instance.relay has a public address is known only after apply'],
        }),
      ]);
    });

    it('no zones declared: every host counts, and the finding is possible', () => {
      const main = tf(VPC, INTERNET_ROUTE, relay(SSH_FROM_ANYWHERE));
      expect(run(main, '')).toEqual([
        expect.objectContaining({
          data: { service: 'tcp/22', what: 'SSH', target: 'aws_instance.relay', zone: 'undeclared', origin: 'the internet' },
          certainty: 'possible',
          unknowns: ['no zones are declared, so no place is known to be a management zone'],
        }),
      ]);
    });
  });

  it('speaks Japanese with --lang ja', () => {
    const r = lintFiles(ID, { 'main.tf': tf(VPC, INTERNET_ROUTE, relay(SSH_FROM_ANYWHERE)) }, { config: ZONES, lang: 'ja' });
    expect(r.findings.map((f) => f.message)).toEqual(['dmz ゾーンの aws_instance.relay の tcp/22（SSH）に、管理ゾーンではないインターネットから到達できます']);
  });
});
