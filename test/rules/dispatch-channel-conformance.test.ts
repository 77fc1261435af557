import { describe, expect, it } from 'vitest';
import { CHANNEL_EGRESS, COMPLIANT, DISPATCH_YAML, dispatchRoutes, NETWORK, ROUTE, securityGroup, sgRule, ven } from '../support/dispatch-network.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'dispatch-channel-conformance';
const run = (main: string, config = DISPATCH_YAML) => runRule(ID, { 'main.tf': main }, { config });
const traceOf = (main: string, config = DISPATCH_YAML) => lintFiles(ID, { 'main.tf': main }, { config }).findings.map((f) => f.trace?.map((t) => t.node));

const NAT_BLOCK = 'resource "aws_nat_gateway" "dmz" {\n  allocation_id = aws_eip.nat.id\n  subnet_id     = aws_subnet.dmz.id\n  tags          = { gridfence-zone = "dmz" }\n}';
const ALL_TCP = sgRule('egress', 'tcp', 0, 65535, '203.0.113.10/32');
const VIA_NAT = ['aws_instance.ven', 'aws_subnet.dispatch', 'aws_nat_gateway.dmz', 'aws_nat_gateway.dmz', 'aws_subnet.dmz', 'aws_internet_gateway.main', 'dispatch-system (over the internet)'];
/** The dispatch system on the grid operator's closed network, through a VPN gateway. */
const CLOSED = DISPATCH_YAML.replace('transport: internet', 'transport: closed');
const overVpn = (egress: string) =>
  `${NETWORK}resource "aws_vpn_gateway" "grid" {\n  vpc_id = aws_vpc.main.id\n}\n${dispatchRoutes('cidr_block = "203.0.113.10/32"\n    gateway_id = aws_vpn_gateway.grid.id')}${securityGroup('ven', egress)}${ven()}`;
/** The VEN with an Elastic IP of its own, sending straight to the internet gateway. */
const venEip = (address: string) =>
  `${NETWORK}${dispatchRoutes(ROUTE.channelIgw)}${securityGroup('ven', CHANNEL_EGRESS)}${ven()}resource "aws_eip" "ven" {\n  domain   = "vpc"\n  instance = aws_instance.ven.id\n${address ? `  address  = "${address}"\n` : ''}}\n`;

describe(ID, () => {
  describe('valid', () => {
    it('tcp/443 only, leaving through the NAT gateway whose Elastic IP is registered', () => {
      expect(run(COMPLIANT)).toEqual([]);
    });
    it('registered-sources may name a prefix that holds the address', () => {
      expect(run(COMPLIANT, DISPATCH_YAML.replace('198.51.100.10/32', '198.51.100.0/28'))).toEqual([]);
    });
    it('without registered-sources, a fixed Elastic IP is all the rule asks of the way out', () => {
      expect(run(COMPLIANT, DISPATCH_YAML.replace('    registered-sources: ["198.51.100.10/32"]\n', ''))).toEqual([]);
    });
    it("the VEN's own registered Elastic IP is a fixed source too", () => {
      expect(run(venEip('198.51.100.30'), DISPATCH_YAML.replace('["198.51.100.10/32"]', '["198.51.100.10/32", "198.51.100.30/32"]'))).toEqual([]);
    });
    it('over a closed network only the services are checked: there is no public source to register', () => {
      expect(run(overVpn(CHANNEL_EGRESS), CLOSED)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('the VEN may reach the dispatch system on every TCP port, not only the declared tcp/443', () => {
      const main = NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', ALL_TCP) + ven();
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'service',
          data: { source: 'aws_instance.ven', system: 'dispatch-system', service: 'tcp/80', services: 'tcp/443' },
          resource: 'aws_security_group.ven',
          file: 'main.tf',
          certainty: 'definite',
          unknowns: [],
          ...rangeOf(main, ALL_TCP.trim()),
        }),
      ]);
      expect(traceOf(main)).toEqual([VIA_NAT]);
    });

    it('the same over a closed network through a VPN gateway', () => {
      const main = overVpn(ALL_TCP);
      expect(run(main, CLOSED)).toEqual([
        expect.objectContaining({
          messageId: 'service',
          data: { source: 'aws_instance.ven', system: 'dispatch-system', service: 'tcp/80', services: 'tcp/443' },
          resource: 'aws_security_group.ven',
          ...rangeOf(main, ALL_TCP.trim()),
          certainty: 'definite',
        }),
      ]);
      expect(traceOf(main, CLOSED)).toEqual([['aws_instance.ven', 'aws_subnet.dispatch', 'aws_vpn_gateway.grid', 'dispatch-system']]);
    });

    it('the NAT gateway leaves from an address that registered-sources does not list', () => {
      const config = DISPATCH_YAML.replace('198.51.100.10/32', '198.51.100.99/32');
      expect(run(COMPLIANT, config)).toEqual([
        expect.objectContaining({
          messageId: 'unregisteredSource',
          data: { system: 'dispatch-system', egress: 'aws_nat_gateway.dmz', address: '198.51.100.10/32' },
          resource: 'aws_nat_gateway.dmz',
          certainty: 'definite',
          ...rangeOf(COMPLIANT, NAT_BLOCK),
        }),
      ]);
      expect(traceOf(COMPLIANT, config)).toEqual([VIA_NAT]);
    });

    it('a VEN with an address AWS assigns at launch cannot be registered', () => {
      const main = NETWORK + dispatchRoutes(ROUTE.channelIgw) + securityGroup('ven', CHANNEL_EGRESS) + ven('true');
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'unfixedSource', data: { system: 'dispatch-system', egress: 'aws_instance.ven' }, resource: 'aws_instance.ven', certainty: 'definite', ...rangeOf(main, ven('true').trim()) }),
      ]);
      expect(traceOf(main)).toEqual([['aws_instance.ven', 'aws_subnet.dispatch', 'aws_internet_gateway.main', 'dispatch-system (over the internet)']]);
    });
  });

  describe('unknown values: the finding is possible', () => {
    it('a channel that leaves only if an unknown value lets it: its unfixed source is possible', () => {
      const egress = sgRule('egress', 'tcp', 443, 443, 'var.ven_egress');
      const main = `variable "ven_egress" {}\n${NETWORK}${dispatchRoutes(ROUTE.channelIgw)}${securityGroup('ven', egress)}${ven('true')}`;
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'unfixedSource',
          data: { system: 'dispatch-system', egress: 'aws_instance.ven' },
          resource: 'aws_instance.ven',
          ...rangeOf(main, ven('true').trim()),
          certainty: 'possible',
          unknowns: [expect.stringMatching(/^var\.ven_egress has no value/)],
        }),
      ]);
    });

    it('an Elastic IP allocated at apply may or may not be the registered one', () => {
      const main = COMPLIANT.replace('  address = "198.51.100.10"\n', '');
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'unregisteredSource',
          data: { system: 'dispatch-system', egress: 'aws_nat_gateway.dmz', address: 'its Elastic IP' },
          certainty: 'possible',
          unknowns: ['the Elastic IP of aws_nat_gateway.dmz is allocated at apply; whether it is registered cannot be known before'],
        }),
      ]);
      expect(run(venEip('')).map((f) => [f.messageId, f.resource, f.certainty])).toEqual([['unregisteredSource', 'aws_instance.ven', 'possible']]);
    });
    it('an egress rule whose destinations are known only after apply', () => {
      const main = `variable "ven_egress" {}\n${NETWORK}${dispatchRoutes(ROUTE.channel)}${securityGroup('ven', sgRule('egress', 'tcp', 0, 65535, 'var.ven_egress'))}${ven()}`;
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'service', certainty: 'possible', unknowns: [expect.stringMatching(/^var\.ven_egress has no value/)] })]);
    });
  });
});
