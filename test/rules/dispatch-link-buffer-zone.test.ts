import { describe, expect, it } from 'vitest';
import { CHANNEL_EGRESS, COMPLIANT, CORE_SUBNET, DISPATCH_YAML, dispatchRoutes, instance, NETWORK, networkAcl, ROUTE, securityGroup, sgRule, ven } from '../support/dispatch-network.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'dispatch-link-buffer-zone';
const run = (main: string, config = DISPATCH_YAML) => runRule(ID, { 'main.tf': main }, { config });

/** The core subnet's own route table, with these routes. */
const coreRoutes = (...routes: string[]) => `resource "aws_route_table" "core" {
  vpc_id = aws_vpc.main.id
${routes.map((r) => `  route {\n    ${r}\n  }\n`).join('')}}
resource "aws_route_table_association" "core" {
  subnet_id      = aws_subnet.core.id
  route_table_id = aws_route_table.core.id
}
`;
const CORE_TO_IGW = 'cidr_block = "0.0.0.0/0"\n    gateway_id = aws_internet_gateway.main.id';

/** A relay in the internal zone `core` that pushes plans to the VEN on tcp/8443 and serves HTTPS to the internet. */
const RELAY_IN = sgRule('ingress', 'tcp', 443, 443, '0.0.0.0/0');
const relay = (publicIp = 'true') => securityGroup('relay', RELAY_IN, sgRule('egress', 'tcp', 8443, 8443, '10.10.1.0/24')) + instance('relay', 'core', '10.10.5.10', publicIp);
/** The VEN: the dispatch channel out, plans in from the core subnet. */
const VEN_FROM_CORE = securityGroup('ven', CHANNEL_EGRESS, sgRule('ingress', 'tcp', 8443, 8443, '10.10.5.0/24')) + ven();
const system = (...parts: string[]) => NETWORK + CORE_SUBNET + dispatchRoutes(ROUTE.channel) + parts.join('');

describe(ID, () => {
  describe('valid', () => {
    it('the NAT gateway that carries the dispatch channel lies in the buffer zone', () => {
      expect(run(COMPLIANT)).toEqual([]);
    });
    it('a core host that exchanges plans with the VEN but reaches nothing outside (local routes only)', () => {
      expect(run(system(VEN_FROM_CORE, relay('false')))).toEqual([]);
    });
    it('a route to the internet gateway without a public address is no path from the internet', () => {
      expect(run(system(coreRoutes(CORE_TO_IGW), VEN_FROM_CORE, relay('false')))).toEqual([]);
    });
    it('a public relay whose security group admits nothing from the internet', () => {
      const closed = securityGroup('relay', sgRule('egress', 'tcp', 8443, 8443, '10.10.1.0/24')) + instance('relay', 'core', '10.10.5.10', 'true');
      expect(run(system(coreRoutes(CORE_TO_IGW), VEN_FROM_CORE, closed))).toEqual([]);
    });
    it('a public address without a route back to the internet gateway is no path from the internet', () => {
      expect(run(system(VEN_FROM_CORE, relay('true')))).toEqual([]);
    });
    it('a core host on the internet that does not exchange traffic with the dispatch link', () => {
      const venClosed = securityGroup('ven', CHANNEL_EGRESS) + ven();
      expect(run(system(coreRoutes(CORE_TO_IGW), venClosed, relay()))).toEqual([]);
    });
    it("a network ACL on the core subnet that lets HTTPS in but not its reply out: no path from the internet", () => {
      const acl = networkAcl(
        'core',
        'core',
        [
          [100, 'tcp', 443, 443, '0.0.0.0/0'],
          [110, 'tcp', 1024, 65535, '10.10.1.0/24'],
        ],
        [[100, 'tcp', 8443, 8443, '10.10.1.0/24']],
      );
      expect(run(system(coreRoutes(CORE_TO_IGW), VEN_FROM_CORE, relay(), acl))).toEqual([]);
    });
    it('a closed network declared in the configuration, reached through a VPN, is not an external network here', () => {
      const config = `${DISPATCH_YAML}  corporate: { role: other, cidrs: ["172.16.0.0/16"], transport: closed }\n`;
      const vpn = `resource "aws_vpn_gateway" "corp" {\n  vpc_id = aws_vpc.main.id\n}\n`;
      const toCorporate = securityGroup('relay', sgRule('egress', 'tcp', 8443, 8443, '10.10.1.0/24'), sgRule('egress', 'tcp', 443, 443, '172.16.0.0/16')) + instance('relay', 'core', '10.10.5.10');
      const main = system(vpn, coreRoutes('cidr_block = "172.16.0.0/16"\n    gateway_id = aws_vpn_gateway.corp.id'), VEN_FROM_CORE, toCorporate);
      expect(run(main, config)).toEqual([]);
      // Undeclared, the same network is external: nothing says who is on it.
      expect(run(main).map((f) => f.data['external'])).toEqual(['undeclared network via aws_vpn_gateway.corp']);
    });
  });

  describe('invalid', () => {
    it('a core relay that the internet reaches and that pushes plans to the VEN', () => {
      const main = system(coreRoutes(CORE_TO_IGW), VEN_FROM_CORE, relay());
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'notBuffer',
          data: { node: 'aws_instance.relay', zone: 'core', link: 'dispatch', external: 'the internet' },
          resource: 'aws_instance.relay',
          file: 'main.tf',
          certainty: 'definite',
          unknowns: [],
          ...rangeOf(main, instance('relay', 'core', '10.10.5.10', 'true').trim()),
        }),
      ]);
      const [f] = lintFiles(ID, { 'main.tf': main }, { config: DISPATCH_YAML }).findings;
      expect(f!.message).toBe('aws_instance.relay (zone core) exchanges traffic with the dispatch link (zone dispatch) and has a path to or from the internet, but is not in a buffer zone');
      expect(f!.trace!.map((t) => t.node)).toEqual(['internet', 'aws_internet_gateway.main', 'aws_instance.relay']);
      expect(f!.trace![2]!.step).toBe('deliver; aws_security_group.relay ingress[0] allows tcp/443 from 0.0.0.0/0');
      expect(f!.flow).toEqual({ protocol: 'tcp', source: 'the internet', destination: '10.10.5.10/32', ports: '443' });
    });

    it('the same relay when its subnet ACL also lets the reply out on the ephemeral ports', () => {
      const acl = networkAcl(
        'core',
        'core',
        [
          [100, 'tcp', 443, 443, '0.0.0.0/0'],
          [110, 'tcp', 1024, 65535, '10.10.1.0/24'],
        ],
        [
          [100, 'tcp', 8443, 8443, '10.10.1.0/24'],
          [110, 'tcp', 1024, 65535, '0.0.0.0/0'],
        ],
      );
      expect(run(system(coreRoutes(CORE_TO_IGW), VEN_FROM_CORE, relay(), acl)).map((f) => [f.messageId, f.resource])).toEqual([['notBuffer', 'aws_instance.relay']]);
    });

    it('the NAT gateway of the dispatch channel placed in an internal zone: a path to the internet', () => {
      const nat = NETWORK.replace('subnet_id     = aws_subnet.dmz.id\n  tags          = { gridfence-zone = "dmz" }', 'subnet_id     = aws_subnet.core.id');
      const main = nat + CORE_SUBNET + coreRoutes(CORE_TO_IGW) + dispatchRoutes(ROUTE.channel) + securityGroup('ven', CHANNEL_EGRESS) + ven();
      const block = 'resource "aws_nat_gateway" "dmz" {\n  allocation_id = aws_eip.nat.id\n  subnet_id     = aws_subnet.core.id\n}';
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'notBuffer', data: { node: 'aws_nat_gateway.dmz', zone: 'core', link: 'dispatch', external: 'the internet' }, resource: 'aws_nat_gateway.dmz', ...rangeOf(main, block) }),
      ]);
      const [f] = lintFiles(ID, { 'main.tf': main }, { config: DISPATCH_YAML }).findings;
      expect(f!.trace!.map((t) => t.node)).toEqual(['aws_nat_gateway.dmz', 'aws_subnet.core', 'aws_internet_gateway.main', 'internet']);
      expect(f!.flow).toMatchObject({ source: '10.10.5.0/24', destination: 'the internet' });
    });

    it('a NAT gateway in a subnet of no zone is not in a buffer zone either', () => {
      const untagged = NETWORK.replace('  tags       = { gridfence-zone = "dmz" }\n}\nresource "aws_internet_gateway"', '}\nresource "aws_internet_gateway"').replace('  tags          = { gridfence-zone = "dmz" }\n', '');
      const main = untagged + dispatchRoutes(ROUTE.channel) + securityGroup('ven', CHANNEL_EGRESS) + ven();
      expect(run(main).map((f) => [f.resource, f.data['zone'], f.data['external']])).toEqual([['aws_nat_gateway.dmz', 'undeclared', 'the internet']]);
    });

    it('a relay whose public address is known only after apply: possible', () => {
      const main = `variable "relay_public" {}\n${system(coreRoutes(CORE_TO_IGW), VEN_FROM_CORE, relay('var.relay_public'))}`;
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'notBuffer',
          resource: 'aws_instance.relay',
          certainty: 'possible',
          unknowns: ['whether aws_instance.relay has a public address is known only after apply'],
        }),
      ]);
    });
  });
});
