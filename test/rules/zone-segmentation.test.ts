import { describe, expect, it } from 'vitest';
import { DMZ_PAIR, loadBalancer, portRule, securityGroup, vpn } from '../support/dispatch-network.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'zone-segmentation';

const ZONES = `version: 1
zones:
  dispatch: { role: dispatch-link }
  dmz: { role: buffer }
  core: { role: internal }
externals:
  corporate: { role: other, cidrs: ["172.16.0.0/16"], transport: closed }
  ra-north: { role: partner, cidrs: ["192.0.2.0/24"], transport: closed, attestation: { confirmed: 2026-04-01 } }
`;

const VPC = `resource "aws_vpc" "main" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_subnet" "dispatch" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.1.0/24"
  tags       = { gridfence-zone = "dispatch" }
}

resource "aws_subnet" "core" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.10.0/24"
  tags       = { gridfence-zone = "core" }
}
`;

/** The dispatch subnet on a route table of its own; the core subnet stays on the VPC's main table. */
const DISPATCH_TABLE = `resource "aws_route_table" "dispatch" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table_association" "dispatch" {
  subnet_id      = aws_subnet.dispatch.id
  route_table_id = aws_route_table.dispatch.id
}
`;

const ven = (rules = '', subnet = 'dispatch', extra = '') => `resource "aws_security_group" "ven" {
  vpc_id = aws_vpc.main.id
${rules}}

resource "aws_instance" "ven" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.${subnet}.id
  vpc_security_group_ids = [aws_security_group.ven.id]
${extra}}
`;

const controller = (subnet: string, group = 'controller', extra = '') => `${
  group === 'controller'
    ? `resource "aws_security_group" "controller" {
  vpc_id = aws_vpc.main.id
}

`
    : ''
}resource "aws_instance" "controller" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.${subnet}.id
  vpc_security_group_ids = [aws_security_group.${group}.id]
${extra}}
`;

const ingress = (port: number, cidrs: string) => portRule('ingress', port, cidrs);

/** A VPN to the corporate network; `returnCidr` is what the dispatch subnet routes back through it. */
const corporateVpn = (returnCidr: string) => `${vpn('office', '198.51.100.30', 65000)}
resource "aws_route" "dispatch_office" {
  route_table_id         = aws_route_table.dispatch.id
  destination_cidr_block = "${returnCidr}"
  gateway_id             = aws_vpn_gateway.main.id
}
`;

const tf = (...parts: string[]) => parts.join('\n');
const run = (main: string) => runRule(ID, { 'main.tf': main }, { config: ZONES });
const blockOf = (text: string, header: string) => {
  const start = text.indexOf(header);
  return text.slice(start, text.indexOf('\n}\n', start) + 2);
};

describe(ID, () => {
  describe('valid', () => {
    it('the dispatch link in a subnet, route table and security group of its own', () => {
      expect(run(tf(VPC, DISPATCH_TABLE, ven(ingress(8443, '["10.10.10.0/24"]')), controller('core')))).toEqual([]);
    });

    it('the corporate network is admitted by the security group, but no route leads back to it', () => {
      expect(run(tf(VPC, DISPATCH_TABLE, corporateVpn('172.17.0.0/16'), ven(ingress(8443, '["172.16.0.0/16"]'))))).toEqual([]);
    });

    it('a VPN route back, but the security group does not admit the corporate network', () => {
      expect(run(tf(VPC, DISPATCH_TABLE, corporateVpn('172.16.0.0/16'), ven(ingress(8443, '["10.10.10.0/24"]'))))).toEqual([]);
    });

    it('a partner reaches the dispatch link only through a load balancer that re-originates the connection', () => {
      const dmz = `${DMZ_PAIR}
resource "aws_vpn_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "dmz" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "192.0.2.0/24"
    gateway_id = aws_vpn_gateway.main.id
  }
}

resource "aws_route_table_association" "dmz" {
  for_each       = aws_subnet.dmz
  subnet_id      = each.value.id
  route_table_id = aws_route_table.dmz.id
}

${securityGroup('relay', portRule('ingress', 443, '["192.0.2.0/24"]'), portRule('egress', 8443, '["10.10.1.0/24"]'))}
${loadBalancer({ name: 'relay', internal: true, listener: { port: 443, protocol: 'HTTPS' }, target: 'ven', targetPort: 8443, targetProtocol: 'HTTPS' })}`;
      const main = tf(VPC, DISPATCH_TABLE, dmz, ven(ingress(8443, '["10.10.2.0/24", "10.10.3.0/24"]')));
      expect(run(main)).toEqual([]);
      // The VEN also admits the partner itself on another port, with a route back: a direct path, whose
      // flow holds only what arrives directly (not the proxied 8443).
      const back = 'resource "aws_route" "back" {\n  route_table_id         = aws_route_table.dispatch.id\n  destination_cidr_block = "192.0.2.0/24"\n  gateway_id             = aws_vpn_gateway.main.id\n}\n';
      const direct = tf(VPC, DISPATCH_TABLE, dmz, ven(`${ingress(8443, '["10.10.2.0/24", "10.10.3.0/24"]')}${ingress(9000, '["192.0.2.0/24"]')}`), back);
      expect(run(direct)).toEqual([
        expect.objectContaining({ messageId: 'directPath', data: { external: 'ra-north', role: 'partner', target: 'aws_instance.ven', service: 'tcp/9000' }, ...rangeOf(direct, ingress(9000, '["192.0.2.0/24"]').trim()) }),
      ]);
      const [f] = lintFiles(ID, { 'main.tf': direct }, { config: ZONES }).findings;
      expect(f!.flow).toEqual({ protocol: 'tcp', source: 'ra-north', destination: '10.10.1.0/24', ports: '9000' });
      expect(f!.trace!.map((t) => t.node)).toEqual(['ra-north', 'aws_vpn_gateway.main (inbound)', 'aws_subnet.dispatch', 'aws_instance.ven']);
    });

    it('no zone has the dispatch-link role: nothing to segment', () => {
      const main = tf(VPC, ven(), controller('dispatch'));
      expect(runRule(ID, { 'main.tf': main }, { config: 'version: 1\nzones:\n  core: { role: internal }\n' })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('an instance of another zone in the dispatch subnet, beside the VEN: at the subnet', () => {
      const main = tf(VPC, DISPATCH_TABLE, ven(), controller('dispatch', 'controller', '  tags                   = { gridfence-zone = "core" }\n'));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'sharedSubnet',
          data: { subnet: 'aws_subnet.dispatch', link: 'aws_instance.ven', other: 'aws_instance.controller', zone: 'dispatch', otherZone: 'core' },
          resource: 'aws_subnet.dispatch',
          file: 'main.tf',
          ...rangeOf(main, blockOf(main, 'resource "aws_subnet" "dispatch"')),
          certainty: 'definite',
        }),
      ]);
    });

    it('a dispatch-link instance placed in a subnet of another zone: at its subnet_id', () => {
      const main = tf(VPC, DISPATCH_TABLE, ven('', 'core', '  tags                   = { gridfence-zone = "dispatch" }\n'));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'misplaced',
          data: { endpoint: 'aws_instance.ven', endpointZone: 'dispatch', subnet: 'aws_subnet.core', subnetZone: 'core', zone: 'dispatch' },
          resource: 'aws_instance.ven',
          ...rangeOf(main, 'subnet_id              = aws_subnet.core.id'),
        }),
      ]);
    });

    it("another zone's instance alone in the dispatch subnet", () => {
      const main = tf(VPC, DISPATCH_TABLE, controller('dispatch', 'controller', '  tags                   = { gridfence-zone = "core" }\n'));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'misplaced',
          data: { endpoint: 'aws_instance.controller', endpointZone: 'core', subnet: 'aws_subnet.dispatch', subnetZone: 'dispatch', zone: 'dispatch' },
          resource: 'aws_instance.controller',
          ...rangeOf(main, 'subnet_id              = aws_subnet.dispatch.id'),
        }),
      ]);
    });

    it('one route table for the dispatch subnet and the core subnet', () => {
      const core = `resource "aws_route_table_association" "core" {
  subnet_id      = aws_subnet.core.id
  route_table_id = aws_route_table.dispatch.id
}
`;
      const main = tf(VPC, DISPATCH_TABLE, core, ven());
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'sharedRouteTable',
          data: { table: 'aws_route_table.dispatch', zone: 'dispatch', subnet: 'aws_subnet.core', otherZone: 'core' },
          resource: 'aws_route_table.dispatch',
          ...rangeOf(main, blockOf(main, 'resource "aws_route_table" "dispatch"')),
        }),
      ]);
    });

    it("both subnets on the VPC's main route table, which Terraform does not manage: at the VPC", () => {
      const main = tf(VPC, ven());
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'sharedRouteTable',
          data: { table: 'aws_vpc.main (main route table)', zone: 'dispatch', subnet: 'aws_subnet.core', otherZone: 'core' },
          resource: 'aws_vpc.main',
          ...rangeOf(main, blockOf(main, 'resource "aws_vpc" "main"')),
        }),
      ]);
    });

    it('one security group on the VEN and on a core instance', () => {
      const main = tf(VPC, DISPATCH_TABLE, ven(), controller('core', 'ven'));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'sharedGroup',
          data: { group: 'aws_security_group.ven', link: 'aws_instance.ven', other: 'aws_instance.controller', zone: 'dispatch', otherZone: 'core' },
          resource: 'aws_security_group.ven',
          ...rangeOf(main, blockOf(main, 'resource "aws_security_group" "ven"')),
        }),
      ]);
    });

    it('the corporate network reaches the VEN directly over a VPN: at the rule that admits it, with the path', () => {
      const rule = ingress(8443, '["172.16.0.0/16"]');
      const main = tf(VPC, DISPATCH_TABLE, corporateVpn('172.16.0.0/16'), ven(rule));
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'directPath',
          data: { external: 'corporate', role: 'other network', target: 'aws_instance.ven', service: 'tcp/8443' },
          resource: 'aws_security_group.ven',
          ...rangeOf(main, rule.trimEnd().trim()),
          certainty: 'definite',
        }),
      ]);
      const [f] = lintFiles(ID, { 'main.tf': main }, { config: ZONES }).findings;
      expect(f!.trace!.map((t) => t.node)).toEqual(['corporate', 'aws_vpn_gateway.main (inbound)', 'aws_subnet.dispatch', 'aws_instance.ven']);
      expect(f!.flow).toEqual({ protocol: 'tcp', source: 'corporate', destination: '10.10.1.0/24', ports: '8443' });
    });

    it('a source known only after apply: a possible direct path', () => {
      const rule = ingress(8443, 'var.office_cidrs');
      const main = tf(VPC, DISPATCH_TABLE, corporateVpn('172.16.0.0/16'), ven(rule), 'variable "office_cidrs" {\n  type = list(string)\n}\n');
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'directPath', ...rangeOf(main, rule.trim()), certainty: 'possible', unknowns: [expect.stringMatching(/^var\.office_cidrs has no value/)] }),
      ]);
    });
  });

  it('speaks Japanese with --lang ja', () => {
    const r = lintFiles(ID, { 'main.tf': tf(VPC, DISPATCH_TABLE, ven(), controller('core', 'ven')) }, { config: ZONES, lang: 'ja' });
    expect(r.findings.map((f) => f.message)).toEqual([
      'aws_security_group.ven が簡易指令システムとの直接的な接続部（ゾーン dispatch）の aws_instance.ven と、ゾーン core の aws_instance.controller の両方に適用されています',
    ]);
  });
});
