import { describe, expect, it } from 'vitest';
import { CHANNEL_EGRESS, COMPLIANT, DISPATCH_YAML, dispatchRoutes, networkLoadBalancer, NETWORK, networkAcl, ROUTE, securityGroup, sgRule, ven } from '../support/dispatch-network.js';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/files.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'dispatch-link-internet-isolation';
/** Linted with the tests' zones, or with no gridfence.yaml at all (`null`). */
const run = (main: string, config: string | null = DISPATCH_YAML) => runRule(ID, { 'main.tf': main }, config === null ? {} : { config });
const traceOf = (main: string) => lintFiles(ID, { 'main.tf': main }, { config: DISPATCH_YAML }).findings.map((f) => f.trace?.map((t) => t.node));

const HTTPS_FROM_ANYWHERE = sgRule('ingress', 'tcp', 443, 443, '0.0.0.0/0');
/** A public VEN whose group admits HTTPS from anywhere: whether the internet reaches it is up to routes and ACLs. */
const exposed = (routes: string[], publicIp = 'true') => NETWORK + dispatchRoutes(...routes) + securityGroup('ven', HTTPS_FROM_ANYWHERE, CHANNEL_EGRESS) + ven(publicIp);
/** The dispatch subnet's ACL: HTTPS in from anywhere and the channel's replies; out, the channel and the replies to `replyTo`. */
const acl = (replyTo: string) =>
  networkAcl(
    'dispatch',
    'dispatch',
    [
      [100, 'tcp', 443, 443, '0.0.0.0/0'],
      [110, 'tcp', 1024, 65535, '203.0.113.10/32'],
    ],
    [[100, 'tcp', 1024, 65535, replyTo]],
  );


describe(ID, () => {
  describe('valid', () => {
    it('the dispatch channel alone: tcp/443 to the dispatch system through the NAT gateway', () => {
      expect(run(COMPLIANT)).toEqual([]);
    });
    it('a group open to the internet in front of a VEN with no public address is no path', () => {
      expect(run(exposed([ROUTE.defaultIgw], 'false'))).toEqual([]);
    });
    it('a public address without a return route to the internet gateway is no path', () => {
      expect(run(exposed([ROUTE.channel]))).toEqual([]);
    });
    it('a network ACL that lets the request in but not its reply out on the ephemeral ports is no path', () => {
      expect(run(exposed([ROUTE.defaultIgw]) + acl('10.10.0.0/16'))).toEqual([]);
    });
    it('a public VEN whose security group has no inbound rule is no path in', () => {
      expect(run(NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', CHANNEL_EGRESS) + ven('true'))).toEqual([]);
    });
    it('the declared channel may also leave straight through the internet gateway', () => {
      expect(run(NETWORK + dispatchRoutes(ROUTE.channelIgw) + securityGroup('ven', CHANNEL_EGRESS) + ven('true'))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('HTTPS from the internet reaches a public VEN: anchored at the rule that admits it, with the path', () => {
      const main = exposed([ROUTE.defaultIgw]);
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'inbound',
          data: { service: 'tcp/443', origin: 'the internet', target: 'aws_instance.ven', zone: 'dispatch' },
          resource: 'aws_security_group.ven',
          file: 'main.tf',
          certainty: 'definite',
          unknowns: [],
          ...rangeOf(main, HTTPS_FROM_ANYWHERE.trim()),
        }),
      ]);
      const [f] = lintFiles(ID, { 'main.tf': main }, { config: DISPATCH_YAML }).findings;
      expect(f!.trace!.map((t) => t.node)).toEqual(['internet', 'aws_internet_gateway.main', 'aws_instance.ven']);
      expect(f!.trace![2]!.step).toBe('deliver; aws_security_group.ven ingress[0] allows tcp/443 from 0.0.0.0/0');
      expect(f!.flow).toEqual({ protocol: 'tcp', source: 'the internet', destination: '10.10.1.10/32', ports: '443' });
      expect(f!.related.map((r) => r.message)).toEqual(['aws_instance.ven on the dispatch link', 'resource aws_security_group.ven']);
    });

    it('on premises: the dispatch link behind a firewall host opens connections to the internet outside the channel, at the rule that lets them out', () => {
      const onprem = path.join(repoRoot, 'test/fixtures/onprem/iptables');
      const config = fs.readFileSync(path.join(onprem, 'gridfence.yaml'), 'utf8');
      const rules = fs.readFileSync(path.join(onprem, 'firewall/gw1.rules'), 'utf8');
      expect(runRule(ID, { 'firewall/gw1.rules': rules }, { config })).toEqual([]);
      // The channel's rule without its destination lets HTTPS out to anywhere.
      const open = rules.replace('-A FORWARD -s 10.20.2.0/24 -d 203.0.113.10/32 -i eth1', '-A FORWARD -s 10.20.2.0/24 -i eth1');
      expect(open).not.toBe(rules);
      expect(runRule(ID, { 'firewall/gw1.rules': open }, { config })).toEqual([
        expect.objectContaining({ messageId: 'outbound', data: expect.objectContaining({ source: 'gw1:eth1', zone: 'dispatch', service: 'tcp/443' }), file: 'firewall/gw1.rules', certainty: 'definite' }),
      ]);
    });

    describe('packets that ask for no reply', () => {
      const SNMP_FROM_ANYWHERE = sgRule('ingress', 'udp', 161, 161, '0.0.0.0/0');
      const snmpExposed = (routes: string[]) => NETWORK + dispatchRoutes(...routes) + securityGroup('ven', SNMP_FROM_ANYWHERE, CHANNEL_EGRESS) + ven('true');
      /** The dispatch subnet's ACL: SNMP in from anywhere; out, the channel and replies to the VPC only. */
      const snmpAcl = networkAcl('dispatch', 'dispatch', [[100, 'udp', 161, 161, '0.0.0.0/0'], [110, 'tcp', 1024, 65535, '203.0.113.10/32']], [[100, 'tcp', 443, 443, '203.0.113.10/32'], [110, 'udp', 1024, 65535, '10.10.0.0/16']]);

      it('an SNMP datagram reaches the VEN through an ACL that lets no reply out: one-way, at the rule that admits it', () => {
        const main = snmpExposed([ROUTE.defaultIgw]) + snmpAcl;
        expect(run(main)).toEqual([
          expect.objectContaining({
            messageId: 'inboundOneWay',
            data: { service: 'udp/161', origin: 'the internet', target: 'aws_instance.ven', zone: 'dispatch' },
            resource: 'aws_security_group.ven',
            certainty: 'definite',
            unknowns: [],
            ...rangeOf(main, SNMP_FROM_ANYWHERE.trim()),
          }),
        ]);
        expect(traceOf(main)).toEqual([['internet', 'aws_internet_gateway.main', 'aws_instance.ven']]);
      });

      it('replies let out only to an address not known make the connection possible; the datagram that certainly arrives is reported', () => {
        const unknownReplies = networkAcl('dispatch', 'dispatch', [[100, 'udp', 161, 161, '0.0.0.0/0'], [110, 'tcp', 1024, 65535, '203.0.113.10/32']], [[100, 'tcp', 443, 443, '203.0.113.10/32'], [110, 'udp', 1024, 65535, '${var.reply_to}']]);
        expect(run('variable "reply_to" {}\n' + snmpExposed([ROUTE.defaultIgw]) + unknownReplies)).toEqual([
          expect.objectContaining({ messageId: 'inboundOneWay', data: expect.objectContaining({ service: 'udp/161' }), certainty: 'definite', unknowns: [] }),
        ]);
      });

      it('a public VEN in a subnet with no route back to the internet gateway still receives datagrams', () => {
        expect(run(snmpExposed([ROUTE.channel]))).toEqual([expect.objectContaining({ messageId: 'inboundOneWay', data: expect.objectContaining({ service: 'udp/161', target: 'aws_instance.ven' }), certainty: 'definite' })]);
      });

      it('a connection whose reply cannot return is still no path: TCP carries nothing before the handshake', () => {
        expect(run(exposed([ROUTE.channel]))).toEqual([]);
        expect(run(exposed([ROUTE.defaultIgw]) + acl('10.10.0.0/16'))).toEqual([]);
      });

      it('an ACL that drops the datagram on its way in leaves nothing to report', () => {
        const closed = networkAcl('dispatch', 'dispatch', [[110, 'tcp', 1024, 65535, '203.0.113.10/32']], [[100, 'tcp', 443, 443, '203.0.113.10/32']]);
        expect(run(snmpExposed([ROUTE.defaultIgw]) + closed)).toEqual([]);
      });

      it('with replies allowed as well, the finding is the connection, said once', () => {
        expect(run(snmpExposed([ROUTE.defaultIgw]))).toEqual([expect.objectContaining({ messageId: 'inbound', data: expect.objectContaining({ service: 'udp/161' }) })]);
      });

      it('NTP datagrams leave the VEN for any address though the network ACL lets no reply in: one way out, at the rule that lets them out', () => {
        const ntpOut = sgRule('egress', 'udp', 123, 123, '0.0.0.0/0');
        const ntpAcl = networkAcl('dispatch', 'dispatch', [[100, 'tcp', 1024, 65535, '203.0.113.10/32']], [[100, 'tcp', 443, 443, '203.0.113.10/32'], [110, 'udp', 123, 123, '0.0.0.0/0']]);
        const main = NETWORK + dispatchRoutes(ROUTE.defaultNat) + securityGroup('ven', ntpOut, CHANNEL_EGRESS) + ven() + ntpAcl;
        expect(run(main)).toEqual([
          expect.objectContaining({
            messageId: 'outboundOneWay',
            data: expect.objectContaining({ source: 'aws_instance.ven', zone: 'dispatch', service: 'udp/123' }),
            resource: 'aws_security_group.ven',
            certainty: 'definite',
            ...rangeOf(main, ntpOut.trim()),
          }),
        ]);
        // With the replies let in, the same datagrams are a connection, reported once as such.
        const replies = networkAcl('dispatch', 'dispatch', [[100, 'tcp', 1024, 65535, '203.0.113.10/32'], [110, 'udp', 1024, 65535, '0.0.0.0/0']], [[100, 'tcp', 443, 443, '203.0.113.10/32'], [110, 'udp', 123, 123, '0.0.0.0/0']]);
        expect(run(NETWORK + dispatchRoutes(ROUTE.defaultNat) + securityGroup('ven', ntpOut, CHANNEL_EGRESS) + ven() + replies).map((f) => f.messageId)).toEqual(['outbound']);
      });

      it('on premises: a forward rule for DNS answers (source port 53) lets the internet in from that port, replies and all', () => {
        const onprem = path.join(repoRoot, 'test/fixtures/onprem/iptables');
        const config = fs.readFileSync(path.join(onprem, 'gridfence.yaml'), 'utf8');
        const rules = fs.readFileSync(path.join(onprem, 'firewall/gw1.rules'), 'utf8');
        const dnsAnswers = '-A FORWARD -i eth0 -o eth1 -p udp -m udp --sport 53 -m comment --comment dns-answers -j ACCEPT\n';
        const holed = rules.replace('-A FORWARD -m comment --comment deny-any-any -j LOG', `${dnsAnswers}-A FORWARD -m comment --comment deny-any-any -j LOG`);
        expect(holed).not.toBe(rules);
        const found = runRule(ID, { 'firewall/gw1.rules': holed }, { config });
        expect(found).toEqual([expect.objectContaining({ messageId: 'inbound', data: expect.objectContaining({ origin: 'the internet', zone: 'dispatch' }), file: 'firewall/gw1.rules', certainty: 'definite' })]);
        expect(found[0]!.data['service']).toMatch(/^udp\//);
        expect(found[0]!.line).toBe(holed.split('\n').findIndex((l) => l.includes('dns-answers')) + 1);
      });

      it('on premises: without a rule for established flows, a datagram the forward chain admits still arrives', () => {
        const onprem = path.join(repoRoot, 'test/fixtures/onprem/iptables');
        const config = fs.readFileSync(path.join(onprem, 'gridfence.yaml'), 'utf8');
        const rules = fs.readFileSync(path.join(onprem, 'firewall/gw1.rules'), 'utf8');
        const snmp = '-A FORWARD -i eth0 -o eth1 -p udp -m udp --dport 161 -m conntrack --ctstate NEW -m comment --comment snmp-in -j ACCEPT\n';
        const withSnmp = rules.replace('-A FORWARD -m comment --comment deny-any-any -j LOG', `${snmp}-A FORWARD -m comment --comment deny-any-any -j LOG`);
        expect(runRule(ID, { 'firewall/gw1.rules': withSnmp }, { config })).toEqual([expect.objectContaining({ messageId: 'inbound', data: expect.objectContaining({ service: 'udp/161' }) })]);
        const noReplies = withSnmp.replace('-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n', '');
        expect(noReplies).not.toBe(withSnmp);
        expect(runRule(ID, { 'firewall/gw1.rules': noReplies }, { config }).filter((f) => f.messageId.startsWith('inbound'))).toEqual([
          expect.objectContaining({ messageId: 'inboundOneWay', data: expect.objectContaining({ service: 'udp/161', zone: 'dispatch' }), certainty: 'definite' }),
        ]);
      });
    });

    it('a connection from the internet picks its source port: from 443, it gets past ACL rules written for the VEN\'s own HTTPS replies', () => {
      const admin = sgRule('ingress', 'tcp', 8443, 8443, '0.0.0.0/0');
      // In: every ephemeral port, for the replies to the VEN's own connections; out: HTTPS to anywhere.
      const ownReplies = networkAcl('dispatch', 'dispatch', [[100, 'tcp', 1024, 65535, '0.0.0.0/0']], [[100, 'tcp', 443, 443, '0.0.0.0/0']]);
      const main = NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', admin, CHANNEL_EGRESS) + ven('true') + ownReplies;
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'inbound', data: expect.objectContaining({ service: 'tcp/8443' }), certainty: 'definite', ...rangeOf(main, admin.trim()) })]);
      expect(traceOf(main)).toEqual([['internet', 'aws_internet_gateway.main', 'aws_instance.ven']]);
    });

    it('a VEN launched as a spot instance request is an instance like any other: the same path reaches it', () => {
      const main = exposed([ROUTE.defaultIgw]).replace('resource "aws_instance" "ven"', 'resource "aws_spot_instance_request" "ven"');
      expect(main).toContain('aws_spot_instance_request');
      const [f, ...rest] = lintFiles(ID, { 'main.tf': main }, { config: DISPATCH_YAML }).findings;
      expect(rest).toEqual([]);
      expect(f).toEqual(expect.objectContaining({ messageId: 'inbound', data: { service: 'tcp/443', origin: 'the internet', target: 'aws_spot_instance_request.ven', zone: 'dispatch' }, certainty: 'definite' }));
      expect(f!.trace!.map((t) => t.node)).toEqual(['internet', 'aws_internet_gateway.main', 'aws_spot_instance_request.ven']);
    });

    it('a network ACL that also lets the reply out: the finding stays at the security group rule, the setting written for this flow', () => {
      const main = exposed([ROUTE.defaultIgw]) + acl('0.0.0.0/0');
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'inbound',
          data: { service: 'tcp/443', origin: 'the internet', target: 'aws_instance.ven', zone: 'dispatch' },
          resource: 'aws_security_group.ven',
          certainty: 'definite',
          ...rangeOf(main, HTTPS_FROM_ANYWHERE.trim()),
        }),
      ]);
      expect(traceOf(main)).toEqual([['internet', 'aws_internet_gateway.main', 'aws_instance.ven']]);
    });

    it('a load balancer in the buffer zone re-originates internet connections to the VEN: still a path', () => {
      const fromDmz = sgRule('ingress', 'tcp', 8443, 8443, '10.10.2.0/23');
      const main = NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', fromDmz, CHANNEL_EGRESS) + ven() + networkLoadBalancer('aws_instance.ven.id');
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'inbound',
          data: { service: 'tcp/8443', origin: 'the internet', target: 'aws_instance.ven', zone: 'dispatch' },
          resource: 'aws_security_group.ven',
          ...rangeOf(main, fromDmz.trim()),
        }),
      ]);
      expect(traceOf(main)).toEqual([['internet', 'aws_internet_gateway.main', 'aws_lb.edge', 'aws_lb.edge', 'aws_subnet.dmz', 'aws_subnet.dispatch', 'aws_instance.ven']]);
    });

    it('a load balancer whose target is the VEN\'s IP address (target_type ip) forwards to it by address: still a path', () => {
      const fromDmz = sgRule('ingress', 'tcp', 8443, 8443, '10.10.2.0/23');
      const byIp = networkLoadBalancer('"10.10.1.10"', 'ip');
      const main = NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', fromDmz, CHANNEL_EGRESS) + ven() + byIp;
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'inbound', data: { service: 'tcp/8443', origin: 'the internet', target: 'aws_instance.ven', zone: 'dispatch' }, certainty: 'definite' })]);
    });

    it('a load balancer whose target is not known may forward anywhere, the VEN included: a possible path', () => {
      const fromDmz = sgRule('ingress', 'tcp', 8443, 8443, '10.10.2.0/23');
      const unknown = 'variable "target" {\n  type = string\n}\n' + networkLoadBalancer('var.target');
      const main = NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', fromDmz, CHANNEL_EGRESS) + ven() + unknown;
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'inbound', data: { service: 'tcp/8443', origin: 'the internet', target: 'aws_instance.ven', zone: 'dispatch' }, certainty: 'possible' })]);
    });

    it('the VEN may open anything anywhere through the NAT gateway: one outbound finding, the most alarming service', () => {
      const anything = sgRule('egress', '-1', 0, 0, '0.0.0.0/0');
      const main = NETWORK + dispatchRoutes(ROUTE.defaultNat) + securityGroup('ven', anything) + ven();
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'outbound',
          data: { source: 'aws_instance.ven', zone: 'dispatch', service: 'tcp/22', destination: '8.8.8.8' },
          resource: 'aws_security_group.ven',
          certainty: 'definite',
          ...rangeOf(main, anything.trim()),
        }),
      ]);
      const [f] = lintFiles(ID, { 'main.tf': main }, { config: DISPATCH_YAML }).findings;
      expect(f!.message).toBe('aws_instance.ven on the dispatch link (zone dispatch) can open tcp/22 connections to 8.8.8.8 on the internet, outside the declared dispatch channel');
      expect(f!.trace!.map((t) => t.node)).toEqual(['aws_instance.ven', 'aws_subnet.dispatch', 'aws_nat_gateway.dmz', 'aws_nat_gateway.dmz', 'aws_subnet.dmz', 'aws_internet_gateway.main', 'internet']);
      expect(f!.flow).toMatchObject({ source: 'aws_instance.ven', destination: 'the internet (8.8.8.8)' });
    });

    it('to the dispatch system itself, but on a service it does not declare', () => {
      const allTcp = sgRule('egress', 'tcp', 0, 65535, '203.0.113.10/32');
      const main = NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', allTcp) + ven();
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'outbound',
          data: { source: 'aws_instance.ven', zone: 'dispatch', service: 'tcp/22', destination: 'dispatch-system' },
          ...rangeOf(main, allTcp.trim()),
        }),
      ]);
      expect(traceOf(main)[0]!.at(-1)).toBe('dispatch-system (over the internet)');
    });

    it('the channel exempts only the dispatch system\'s addresses: HTTPS to the whole internet is reported', () => {
      const httpsAnywhere = sgRule('egress', 'tcp', 443, 443, '0.0.0.0/0');
      const main = NETWORK + dispatchRoutes(ROUTE.defaultNat) + securityGroup('ven', httpsAnywhere) + ven();
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'outbound', data: { source: 'aws_instance.ven', zone: 'dispatch', service: 'tcp/443', destination: '8.8.8.8' }, ...rangeOf(main, httpsAnywhere.trim()) }),
      ]);
      // The same route with the group narrowed to the dispatch system is the channel itself.
      expect(run(NETWORK + dispatchRoutes(ROUTE.defaultNat) + securityGroup('ven', CHANNEL_EGRESS) + ven())).toEqual([]);
    });
  });

  describe('unknown values: the finding is possible', () => {
    it('a public address known only after apply', () => {
      const main = `variable "ven_public" {}\n${exposed([ROUTE.defaultIgw], 'var.ven_public')}`;
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'inbound', certainty: 'possible', unknowns: ['whether aws_instance.ven has a public address is known only after apply'], ...rangeOf(main, HTTPS_FROM_ANYWHERE.trim()) }),
      ]);
    });
    it('an egress rule whose destinations are known only after apply', () => {
      const main = `variable "ven_egress" {}\n${NETWORK}${dispatchRoutes(ROUTE.defaultNat)}${securityGroup('ven', sgRule('egress', 'tcp', 443, 443, 'var.ven_egress'))}${ven()}`;
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'outbound',
          data: expect.objectContaining({ service: 'tcp/443', destination: '8.8.8.8' }),
          certainty: 'possible',
          unknowns: [expect.stringMatching(/^var\.ven_egress has no value/)],
        }),
      ]);
    });
    it('with no zones declared, any endpoint may be on the dispatch link', () => {
      const main = NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', HTTPS_FROM_ANYWHERE) + ven('true');
      expect(run(main, null)).toEqual([
        expect.objectContaining({
          messageId: 'inbound',
          data: { service: 'tcp/443', origin: 'the internet', target: 'aws_instance.ven', zone: 'undeclared' },
          certainty: 'possible',
          unknowns: ['no zones are declared, so any resource may be on the dispatch link'],
        }),
      ]);
    });
  });
});
