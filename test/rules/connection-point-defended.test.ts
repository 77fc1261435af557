import { describe, expect, it } from 'vitest';
import { CHANNEL_EGRESS, COMPLIANT, DISPATCH_YAML, dispatchRoutes, instance, NETWORK, networkAcl, ROUTE, securityGroup, sgRule, ven } from '../support/dispatch-network.js';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/files.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'connection-point-defended';
const run = (main: string) => runRule(ID, { 'main.tf': main }, { config: DISPATCH_YAML });
const findings = (main: string) => lintFiles(ID, { 'main.tf': main }, { config: DISPATCH_YAML }).findings;

/** All protocols, all ports, any address: a rule that lists nothing. */
const ANY_OUT = sgRule('egress', '-1', 0, 0, '0.0.0.0/0');
const ANY_IN = sgRule('ingress', '-1', 0, 0, '0.0.0.0/0');
const NAT_BLOCK = 'resource "aws_nat_gateway" "dmz" {\n  allocation_id = aws_eip.nat.id\n  subnet_id     = aws_subnet.dmz.id\n  tags          = { gridfence-zone = "dmz" }\n}';
const IGW_BLOCK = 'resource "aws_internet_gateway" "main" {\n  vpc_id = aws_vpc.main.id\n  tags   = { gridfence-zone = "dmz" }\n}';
/** The VEN may send anything; only the route limits it to the dispatch system. */
const OPEN_VEN = NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', ANY_OUT) + ven();

/** A relay in the buffer subnet and a VEN that admits anything: the relay's own group decides. */
const relayPushing = (relayEgress: string) => NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', CHANNEL_EGRESS, ANY_IN) + ven() + securityGroup('relay', relayEgress) + instance('relay', 'dmz', '10.10.2.20');

describe(ID, () => {
  describe('valid', () => {
    it('on premises: a gateway whose filter table allows an explicit list defends its connection points, an empty mangle table (as iptables-save prints it) before it or not', () => {
      const onprem = path.join(repoRoot, 'test/fixtures/onprem/iptables');
      const config = fs.readFileSync(path.join(onprem, 'gridfence.yaml'), 'utf8');
      const rules = fs.readFileSync(path.join(onprem, 'firewall/gw1.rules'), 'utf8');
      const mangle = '*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n';
      expect(runRule(ID, { 'firewall/gw1.rules': rules }, { config })).toEqual([]);
      expect(runRule(ID, { 'firewall/gw1.rules': mangle + rules }, { config })).toEqual([]);
    });
    it("the VEN's group allows only tcp/443 to the dispatch system (the default network ACL neither helps nor hurts)", () => {
      expect(run(COMPLIANT)).toEqual([]);
    });
    it('an allow-all group behind a subnet ACL that lists the channel: the ACL is the defence', () => {
      const acl = networkAcl('dispatch', 'dispatch', [[100, 'tcp', 1024, 65535, '203.0.113.10/32']], [[100, 'tcp', 443, 443, '203.0.113.10/32']]);
      expect(run(OPEN_VEN + acl)).toEqual([]);
    });
    it('one explicit list anywhere on the path suffices: the relay sends only tcp/8443 to the dispatch subnet', () => {
      expect(run(relayPushing(sgRule('egress', 'tcp', 8443, 8443, '10.10.1.0/24')))).toEqual([]);
    });
    it('a rule for every TCP port of one address is still a list, not an allow-any rule', () => {
      expect(run(NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', sgRule('egress', 'tcp', 0, 65535, '203.0.113.10/32')) + ven())).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('the NAT gateway carries the channel with only an allow-any group on the way', () => {
      expect(run(OPEN_VEN)).toEqual([
        expect.objectContaining({
          messageId: 'undefended',
          data: { point: 'aws_nat_gateway.dmz', zone: 'dispatch', service: 'tcp/443', from: 'aws_instance.ven', to: 'dispatch-system (over the internet)' },
          resource: 'aws_nat_gateway.dmz',
          file: 'main.tf',
          certainty: 'definite',
          unknowns: [],
          ...rangeOf(OPEN_VEN, NAT_BLOCK),
        }),
      ]);
      const [f] = findings(OPEN_VEN);
      expect(f!.trace!.map((t) => t.node)).toEqual(['aws_instance.ven', 'aws_subnet.dispatch', 'aws_nat_gateway.dmz', 'aws_nat_gateway.dmz', 'aws_subnet.dmz', 'aws_internet_gateway.main', 'dispatch-system (over the internet)']);
      expect(f!.trace![1]!.step).toBe('send; aws_security_group.ven egress[0] allows all traffic to 0.0.0.0/0');
    });

    it('an ACL whose entries allow everything is no defence either', () => {
      const allowAll = networkAcl('dispatch', 'dispatch', [[100, '-1', 0, 0, '0.0.0.0/0']], [[100, '-1', 0, 0, '0.0.0.0/0']]);
      const main = OPEN_VEN + allowAll;
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'undefended',
          data: { point: 'aws_nat_gateway.dmz', zone: 'dispatch', service: 'tcp/443', from: 'aws_instance.ven', to: 'dispatch-system (over the internet)' },
          resource: 'aws_nat_gateway.dmz',
          ...rangeOf(main, NAT_BLOCK),
          certainty: 'definite',
        }),
      ]);
    });

    it('the internet gateway lets the internet in through an allow-any group: a return route is no filter', () => {
      const main = NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', ANY_IN) + ven('true');
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'undefended',
          data: expect.objectContaining({ point: 'aws_internet_gateway.main', zone: 'dispatch', from: 'the internet', to: 'aws_instance.ven' }),
          resource: 'aws_internet_gateway.main',
          certainty: 'definite',
          ...rangeOf(main, IGW_BLOCK),
        }),
      ]);
      expect(findings(main)[0]!.trace!.map((t) => t.node)).toEqual(['internet', 'aws_internet_gateway.main', 'aws_instance.ven']);
    });

    it('a peer subnet is the connection point for traffic inside the VPC: relay and VEN both allow anything', () => {
      const main = relayPushing(ANY_OUT);
      const subnet = 'resource "aws_subnet" "dmz" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.10.2.0/24"\n  tags       = { gridfence-zone = "dmz" }\n}';
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'undefended', data: expect.objectContaining({ point: 'aws_subnet.dmz', from: 'aws_instance.relay', to: 'aws_instance.ven' }), resource: 'aws_subnet.dmz', ...rangeOf(main, subnet) }),
      ]);
      expect(findings(main)[0]!.trace!.map((t) => t.node)).toEqual(['aws_instance.relay', 'aws_subnet.dmz', 'aws_subnet.dispatch', 'aws_instance.ven']);
    });
  });

  describe('unknown values: the finding is possible', () => {
    it('an allow-all rule toward addresses known only after apply', () => {
      const main = `variable "ven_egress" {}\n${NETWORK}${dispatchRoutes(ROUTE.channel)}${securityGroup('ven', sgRule('egress', '-1', 0, 0, 'var.ven_egress'))}${ven()}`;
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'undefended', resource: 'aws_nat_gateway.dmz', certainty: 'possible', unknowns: [expect.stringMatching(/^var\.ven_egress has no value/)] }),
      ]);
    });
  });
});
