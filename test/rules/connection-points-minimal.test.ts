import { describe, expect, it } from 'vitest';
import { type AclEntry, CHANNEL_EGRESS, COMPLIANT, DISPATCH_YAML, dispatchRoutes, instance, NETWORK, networkAcl, ROUTE, securityGroup, sgRule, ven } from '../support/dispatch-network.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'connection-points-minimal';
/** The tests' zones with a `connection-points` section (none when omitted: max 1, nothing declared). */
const withPoints = (points = '') => DISPATCH_YAML + points;
const run = (main: string, config = withPoints()) => runRule(ID, { 'main.tf': main }, { config });

/** A relay in the buffer subnet that pushes plans to the VEN on tcp/8443: a second way into the dispatch link. */
const RELAY = securityGroup('relay', sgRule('egress', 'tcp', 8443, 8443, '10.10.1.0/24')) + instance('relay', 'dmz', '10.10.2.20');
const PLANS_IN = sgRule('ingress', 'tcp', 8443, 8443, '10.10.2.0/24');
const WITH_RELAY = NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', CHANNEL_EGRESS, PLANS_IN) + ven() + RELAY;
const SUBNET_DMZ = 'resource "aws_subnet" "dmz" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "10.10.2.0/24"\n  tags       = { gridfence-zone = "dmz" }\n}';
const NAT_BLOCK = 'resource "aws_nat_gateway" "dmz" {\n  allocation_id = aws_eip.nat.id\n  subnet_id     = aws_subnet.dmz.id\n  tags          = { gridfence-zone = "dmz" }\n}';

/** The dispatch subnet's ACL: HTTPS out to the dispatch system and its replies, plans in from the dmz; replies to the dmz only when `repliesToDmz`. */
const dispatchAcl = (repliesToDmz: boolean): string => {
  const egress: AclEntry[] = [[100, 'tcp', 443, 443, '203.0.113.10/32']];
  if (repliesToDmz) egress.push([110, 'tcp', 1024, 65535, '10.10.2.0/24']);
  const ingress: AclEntry[] = [
    [100, 'tcp', 8443, 8443, '10.10.2.0/24'],
    [110, 'tcp', 1024, 65535, '203.0.113.10/32'],
  ];
  return networkAcl('dispatch', 'dispatch', ingress, egress);
};

describe(ID, () => {
  describe('valid', () => {
    it('one connection point, the NAT gateway of the dispatch channel, within the default max of 1', () => {
      expect(run(COMPLIANT)).toEqual([]);
    });
    it('a declared list that names the NAT gateway', () => {
      expect(run(COMPLIANT, withPoints('connection-points:\n  declared: [aws_nat_gateway.dmz]\n'))).toEqual([]);
    });
    it('two declared points within max 2', () => {
      expect(run(WITH_RELAY, withPoints('connection-points:\n  max: 2\n  declared: [aws_nat_gateway.dmz, aws_subnet.dmz]\n'))).toEqual([]);
    });
    it('a relay whose plans the VEN does not admit is no connection point (no allowed flow)', () => {
      expect(run(NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', CHANNEL_EGRESS) + ven() + RELAY)).toEqual([]);
    });
    it('an open group in front of a VEN with no public address makes no internet-gateway connection point', () => {
      // The return route to the internet gateway is there; only the public address is missing.
      const main = NETWORK + dispatchRoutes(ROUTE.channel, ROUTE.defaultIgw) + securityGroup('ven', CHANNEL_EGRESS, sgRule('ingress', 'tcp', 443, 443, '0.0.0.0/0')) + ven('false');
      expect(run(main, withPoints('connection-points:\n  declared: [aws_nat_gateway.dmz]\n'))).toEqual([]);
    });
    it('a network ACL that admits the plans but not their replies closes the flow, and with it the point', () => {
      expect(run(WITH_RELAY + dispatchAcl(false))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('two connection points, the NAT gateway and the relay subnet, with the default max of 1', () => {
      const found = lintFiles(ID, { 'main.tf': WITH_RELAY }, { config: withPoints() }).findings;
      expect(found.map((f) => ({ messageId: f.messageId, data: f.data, resource: f.resource, certainty: f.certainty, ...f.location }))).toEqual([
        {
          messageId: 'tooMany',
          data: { zone: 'dispatch', count: '2', points: 'aws_nat_gateway.dmz, aws_subnet.dmz', max: '1' },
          resource: 'aws_subnet.dmz',
          certainty: 'definite',
          file: 'main.tf',
          ...rangeOf(WITH_RELAY, SUBNET_DMZ),
        },
      ]);
      expect(found[0]!.related).toEqual([{ location: expect.objectContaining(rangeOf(WITH_RELAY, NAT_BLOCK)), message: 'connection point aws_nat_gateway.dmz' }]);
    });

    it('the same once the relay\'s replies are allowed through the dispatch subnet\'s ACL', () => {
      const main = WITH_RELAY + dispatchAcl(true);
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'tooMany',
          data: { zone: 'dispatch', count: '2', points: 'aws_nat_gateway.dmz, aws_subnet.dmz', max: '1' },
          resource: 'aws_subnet.dmz',
          ...rangeOf(main, SUBNET_DMZ),
          certainty: 'definite',
        }),
      ]);
    });

    it('a connection point that connection-points.declared does not list, with the flow that makes it one', () => {
      const config = withPoints('connection-points:\n  max: 2\n  declared: [aws_nat_gateway.dmz]\n');
      expect(run(WITH_RELAY, config)).toEqual([
        expect.objectContaining({ messageId: 'undeclared', data: { point: 'aws_subnet.dmz', zone: 'dispatch' }, resource: 'aws_subnet.dmz', certainty: 'definite', ...rangeOf(WITH_RELAY, SUBNET_DMZ) }),
      ]);
      const [f] = lintFiles(ID, { 'main.tf': WITH_RELAY }, { config }).findings;
      expect(f!.trace!.map((t) => t.node)).toEqual(['aws_instance.relay', 'aws_subnet.dmz', 'aws_subnet.dispatch', 'aws_instance.ven']);
      expect(f!.flow).toMatchObject({ protocol: 'tcp', ports: '8443' });
    });

    it('undeclared and too many at once', () => {
      const config = withPoints('connection-points:\n  declared: [aws_nat_gateway.dmz]\n');
      expect(run(WITH_RELAY, config).map((f) => [f.messageId, f.resource])).toEqual([
        ['tooMany', 'aws_subnet.dmz'],
        ['undeclared', 'aws_subnet.dmz'],
      ]);
    });

    it('an internet gateway that only lets the internet in is a connection point too', () => {
      const main = NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', sgRule('ingress', 'tcp', 443, 443, '0.0.0.0/0')) + ven('true');
      const config = withPoints('connection-points:\n  declared: [aws_nat_gateway.dmz]\n');
      expect(run(main, config).map((f) => [f.messageId, f.data['point']])).toEqual([['undeclared', 'aws_internet_gateway.main']]);
      const [f] = lintFiles(ID, { 'main.tf': main }, { config }).findings;
      expect(f!.trace!.map((t) => t.node)).toEqual(['internet', 'aws_internet_gateway.main', 'aws_instance.ven']);
    });
  });

  describe('unknown values: the finding is possible', () => {
    it('a point that exists only if an instance gets a public address', () => {
      const main = `variable "ven_public" {}\n${NETWORK}${dispatchRoutes(ROUTE.defaultIgw)}${securityGroup('ven', sgRule('ingress', 'tcp', 443, 443, '0.0.0.0/0'))}${ven('var.ven_public')}`;
      expect(run(main, withPoints('connection-points:\n  declared: [aws_nat_gateway.dmz]\n'))).toEqual([
        expect.objectContaining({ messageId: 'undeclared', data: { point: 'aws_internet_gateway.main', zone: 'dispatch' }, certainty: 'possible', unknowns: ['whether aws_instance.ven has a public address is known only after apply'] }),
      ]);
    });
    it('too many only if an unknown value lets the second flow through; certain once enough points are certain', () => {
      const main = `variable "plans_from" {}\n${NETWORK}${dispatchRoutes(ROUTE.channel)}${securityGroup('ven', CHANNEL_EGRESS, sgRule('ingress', 'tcp', 8443, 8443, 'var.plans_from'))}${ven()}${RELAY}`;
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'tooMany',
          data: { zone: 'dispatch', count: '2', points: 'aws_nat_gateway.dmz, aws_subnet.dmz', max: '1' },
          resource: 'aws_subnet.dmz',
          certainty: 'possible',
          unknowns: [expect.stringMatching(/^var\.plans_from has no value/)],
        }),
      ]);
      expect(run(WITH_RELAY)).toEqual([expect.objectContaining({ messageId: 'tooMany', certainty: 'definite', unknowns: [] })]);
    });
  });
});
