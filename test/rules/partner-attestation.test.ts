import { describe, expect, it } from 'vitest';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'partner-attestation';

/** The ra zone faces the partner ra-north; the run's date is 2026-11-29. */
const config = (attestation: string, extra = '') => `version: 1
zones:
  ra: { role: partner-ingress }
externals:
  ra-north:
    role: partner
    cidrs: ["192.0.2.0/24"]
${attestation ? `    attestation: ${attestation}\n` : ''}${extra}`;

const VALID = config('{ confirmed: 2026-04-01, expires: 2027-03-31 }');
const EXPIRED = config('{ confirmed: 2025-10-01, expires: 2026-09-30 }');
const MISSING = config('');

/** A VPC whose ra subnet reaches the partner over a site-to-site VPN. */
const VPN = `resource "aws_vpc" "main" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_subnet" "ra" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.20.0/24"
  tags       = { gridfence-zone = "ra" }
}

resource "aws_vpn_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_customer_gateway" "ra_north" {
  bgp_asn    = 65000
  ip_address = "198.51.100.20"
  type       = "ipsec.1"
}

resource "aws_vpn_connection" "ra_north" {
  vpn_gateway_id      = aws_vpn_gateway.main.id
  customer_gateway_id = aws_customer_gateway.ra_north.id
  type                = "ipsec.1"
  static_routes_only  = true
}

resource "aws_route_table_association" "ra" {
  subnet_id      = aws_subnet.ra.id
  route_table_id = aws_route_table.ra.id
}
`;

const routeTable = (...cidrs: string[]) => `resource "aws_route_table" "ra" {
  vpc_id = aws_vpc.main.id
${cidrs
  .map(
    (c) => `  route {
    cidr_block = ${c.startsWith('var.') ? c : `"${c}"`}
    gateway_id = aws_vpn_gateway.main.id
  }
`,
  )
  .join('')}}
`;
const TO_PARTNER = routeTable('192.0.2.0/24');

const rule = (dir: 'ingress' | 'egress', cidrs: string) => `  ${dir} {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ${cidrs}
  }`;
const FROM_PARTNER = rule('ingress', '["192.0.2.0/24"]');

/** The VTN that partners talk OpenADR to. */
const vtn = (rules: string, extra = '') => `resource "aws_security_group" "vtn" {
  vpc_id = aws_vpc.main.id
${rules}
}

resource "aws_instance" "vtn" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.ra.id
  private_ip             = "10.10.20.10"
  vpc_security_group_ids = [aws_security_group.vtn.id]
${extra}}
`;

const tf = (...parts: string[]) => parts.join('\n');
const run = (main: string, cfg: string) => runRule(ID, { 'main.tf': main }, { config: cfg });
const tracesOf = (main: string, cfg: string) => lintFiles(ID, { 'main.tf': main }, { config: cfg }).findings.map((f) => ({ nodes: f.trace?.map((t) => t.node), flow: f.flow }));

describe(ID, () => {
  describe('valid', () => {
    it('flows with a partner whose attestation is confirmed and unexpired', () => {
      expect(run(tf(VPN, TO_PARTNER, vtn(`${FROM_PARTNER}\n${rule('egress', '["192.0.2.0/24"]')}`)), VALID)).toEqual([]);
    });

    it('an attestation that expires on the run date still holds that day', () => {
      expect(run(tf(VPN, TO_PARTNER, vtn(FROM_PARTNER)), config('{ confirmed: 2025-11-30, expires: 2026-11-29 }'))).toEqual([]);
    });

    it('an attestation without an expiry date holds once confirmed', () => {
      expect(run(tf(VPN, TO_PARTNER, vtn(FROM_PARTNER)), config('{ confirmed: 2026-04-01 }'))).toEqual([]);
    });

    it('an expired attestation, but no security group admits the partner', () => {
      expect(run(tf(VPN, TO_PARTNER, vtn(rule('ingress', '["10.10.0.0/16"]'))), EXPIRED)).toEqual([]);
    });

    it('an expired attestation, but no route back to the VPN gateway: the reply cannot return', () => {
      expect(run(tf(VPN, routeTable('192.0.3.0/24'), vtn(FROM_PARTNER)), EXPIRED)).toEqual([]);
    });

    it('an expired attestation, but the network ACL lets the request in and drops the reply', () => {
      const acl = (replyCidr: string) => `resource "aws_network_acl" "ra" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.ra.id]
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 443
    to_port    = 443
    cidr_block = "192.0.2.0/24"
  }
  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 1024
    to_port    = 65535
    cidr_block = "${replyCidr}"
  }
}
`;
      expect(run(tf(VPN, TO_PARTNER, vtn(FROM_PARTNER), acl('10.10.0.0/16')), EXPIRED)).toEqual([]);
      // The same ACL with replies allowed back to the partner: the flow exists.
      const open = tf(VPN, TO_PARTNER, vtn(FROM_PARTNER), acl('192.0.2.0/24'));
      // At the security group rule, not at the ACL entry on the same hop.
      expect(run(open, EXPIRED)).toEqual([
        expect.objectContaining({ messageId: 'expired', data: { partner: 'ra-north', expires: '2026-09-30' }, resource: 'aws_security_group.vtn', ...rangeOf(open, FROM_PARTNER.trim()), certainty: 'definite' }),
      ]);
    });

    it('routes through the VPN only to declared externals', () => {
      const cfg = `${VALID}  customer-sites: { role: der-site, cidrs: ["192.168.0.0/16"], transport: closed }\n`;
      expect(run(tf(VPN, routeTable('192.0.2.0/24', '192.168.0.0/16'), vtn(rule('egress', '["192.0.2.0/24", "192.168.0.0/16"]'))), cfg)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('no attestation recorded: the flow from the partner is reported at the rule that admits it', () => {
      const main = tf(VPN, TO_PARTNER, vtn(FROM_PARTNER));
      expect(run(main, MISSING)).toEqual([
        expect.objectContaining({
          messageId: 'missing',
          data: { partner: 'ra-north' },
          resource: 'aws_security_group.vtn',
          file: 'main.tf',
          ...rangeOf(main, FROM_PARTNER.trim()),
          certainty: 'definite',
          unknowns: [],
        }),
      ]);
      expect(tracesOf(main, MISSING)).toEqual([
        { nodes: ['ra-north', 'aws_vpn_gateway.main (inbound)', 'aws_subnet.ra', 'aws_instance.vtn'], flow: { protocol: 'tcp', source: '192.0.2.0/24', destination: '10.10.20.10/32', ports: '443' } },
      ]);
    });

    it('an expired attestation', () => {
      const main = tf(VPN, TO_PARTNER, vtn(FROM_PARTNER));
      expect(run(main, EXPIRED)).toEqual([
        expect.objectContaining({ messageId: 'expired', data: { partner: 'ra-north', expires: '2026-09-30' }, resource: 'aws_security_group.vtn', ...rangeOf(main, FROM_PARTNER.trim()), certainty: 'definite' }),
      ]);
    });

    it('an attestation dated after the run date', () => {
      const main = tf(VPN, TO_PARTNER, vtn(FROM_PARTNER));
      expect(run(main, config('{ confirmed: 2026-12-01, expires: 2027-11-30 }'))).toEqual([
        expect.objectContaining({ messageId: 'notYet', data: { partner: 'ra-north', confirmed: '2026-12-01' }, ...rangeOf(main, FROM_PARTNER.trim()) }),
      ]);
    });

    it('connections opened toward the partner: at the egress rule, path through the VPN gateway', () => {
      const egress = rule('egress', '["192.0.2.0/24"]');
      const main = tf(VPN, TO_PARTNER, vtn(egress));
      expect(run(main, EXPIRED)).toEqual([
        expect.objectContaining({ messageId: 'expired', resource: 'aws_security_group.vtn', ...rangeOf(main, egress.trim()), certainty: 'definite' }),
      ]);
      expect(tracesOf(main, EXPIRED).map((t) => t.nodes)).toEqual([['aws_instance.vtn', 'aws_subnet.ra', 'aws_vpn_gateway.main', 'ra-north']]);
    });

    it('both directions: one finding each', () => {
      const egress = rule('egress', '["192.0.2.0/24"]');
      const main = tf(VPN, TO_PARTNER, vtn(`${FROM_PARTNER}\n${egress}`));
      expect(run(main, MISSING)).toEqual([
        expect.objectContaining({ messageId: 'missing', ...rangeOf(main, FROM_PARTNER.trim()) }),
        expect.objectContaining({ messageId: 'missing', ...rangeOf(main, egress.trim()) }),
      ]);
    });

    it('a partner met over the internet: a public host behind an internet gateway', () => {
      const internet = `resource "aws_vpc" "main" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "ra" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.20.0/24"
  tags       = { gridfence-zone = "ra" }
}

resource "aws_route_table" "ra" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "ra" {
  subnet_id      = aws_subnet.ra.id
  route_table_id = aws_route_table.ra.id
}
`;
      const main = tf(internet, vtn(FROM_PARTNER, '  associate_public_ip_address = true\n'));
      expect(run(main, MISSING)).toEqual([expect.objectContaining({ messageId: 'missing', ...rangeOf(main, FROM_PARTNER.trim()) })]);
      expect(tracesOf(main, MISSING).map((t) => t.nodes)).toEqual([['ra-north (over the internet)', 'aws_internet_gateway.main', 'aws_instance.vtn']]);
      // A partner on a closed network is not met over the internet.
      expect(run(main, config('', '    transport: closed\n'))).toEqual([]);
    });

    it('a source known only after apply: a possible finding', () => {
      const unknown = rule('ingress', 'var.partner_cidrs');
      const main = tf(VPN, TO_PARTNER, vtn(unknown), 'variable "partner_cidrs" {\n  type = list(string)\n}\n');
      expect(run(main, EXPIRED)).toEqual([
        expect.objectContaining({ messageId: 'expired', ...rangeOf(main, unknown.trim()), certainty: 'possible', unknowns: [expect.stringMatching(/^var\.partner_cidrs has no value/)] }),
      ]);
    });

    it('a route through the VPN to address space that no external declares', () => {
      const main = tf(VPN, routeTable('192.0.2.0/24', '172.16.0.0/16'), vtn(rule('egress', '["172.16.0.0/16"]')));
      const route = 'route {\n    cidr_block = "172.16.0.0/16"\n    gateway_id = aws_vpn_gateway.main.id\n  }';
      expect(run(main, VALID)).toEqual([
        expect.objectContaining({
          messageId: 'undeclared',
          data: { source: 'zone ra', network: 'address space beyond aws_vpn_gateway.main' },
          resource: 'aws_route_table.ra',
          ...rangeOf(main, route),
          certainty: 'definite',
        }),
      ]);
      expect(tracesOf(main, VALID)).toEqual([
        {
          nodes: ['aws_instance.vtn', 'aws_subnet.ra', 'aws_vpn_gateway.main', 'undeclared network via aws_vpn_gateway.main'],
          flow: { protocol: 'tcp', source: '10.10.20.10/32', destination: '172.16.0.0/16', ports: '443' },
        },
      ]);
    });

    it('a propagated VPN route to undeclared space is reported at the VPN connection', () => {
      const propagated = VPN.replace(
        /resource "aws_route_table_association"/,
        `resource "aws_vpn_connection_route" "office" {
  vpn_connection_id      = aws_vpn_connection.ra_north.id
  destination_cidr_block = "172.16.0.0/16"
}

resource "aws_route_table" "ra" {
  vpc_id           = aws_vpc.main.id
  propagating_vgws = [aws_vpn_gateway.main.id]
}

resource "aws_route_table_association"`,
      );
      const main = tf(propagated, vtn(rule('egress', '["0.0.0.0/0"]')));
      const connection = main.slice(main.indexOf('resource "aws_vpn_connection" "ra_north"'), main.indexOf('}\n', main.indexOf('resource "aws_vpn_connection" "ra_north"')) + 1);
      expect(run(main, VALID)).toEqual([expect.objectContaining({ messageId: 'undeclared', resource: 'aws_vpn_connection.ra_north', ...rangeOf(main, connection) })]);
    });

    it('a route whose destination is known only after apply: a possible undeclared network', () => {
      const main = tf(VPN, routeTable('var.office_cidr'), vtn(rule('egress', '["0.0.0.0/0"]')), 'variable "office_cidr" {\n  type = string\n}\n');
      expect(run(main, VALID)).toEqual([
        expect.objectContaining({
          messageId: 'undeclared',
          resource: 'aws_route_table.ra',
          ...rangeOf(main, 'route {\n    cidr_block = var.office_cidr\n    gateway_id = aws_vpn_gateway.main.id\n  }'),
          certainty: 'possible',
          unknowns: [expect.stringMatching(/^var\.office_cidr has no value/)],
        }),
      ]);
    });
  });

  it('speaks Japanese with --lang ja', () => {
    const r = lintFiles(ID, { 'main.tf': tf(VPN, TO_PARTNER, vtn(FROM_PARTNER)) }, { config: EXPIRED, lang: 'ja' });
    expect(r.findings.map((f) => f.message)).toEqual(['相互接続相手 ra-north と自社のゾーンとの通信が許可されていますが、本指針の実装確認は 2026-09-30 に期限切れとなっています']);
  });
});
