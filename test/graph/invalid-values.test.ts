/**
 * Values AWS refuses are input errors where they are written (exit 2), whichever rules run: text
 * that is no IP address or CIDR block where one belongs (or an IPv4 one where IPv6 belongs), rule lists that are no lists, and a word an
 * argument does not take (a transit gateway attachment's appliance mode). The
 * network model reads them as unknown, so a graph built all the same widens on them and never reads
 * a rule, an entry or a route as absent.
 */
import { describe, expect, it } from 'vitest';
import { PathAnalysis, type PathHop } from '../../src/graph/analysis.js';
import { toLocation } from '../../src/model/source.js';
import { pathQuery } from '../../src/graph/query.js';
import { lint } from '../../src/linter/lint.js';
import { rangeOf } from '../support/rule-tester.js';
import { writeTree } from '../support/files.js';

function problems(files: Record<string, string>, only = ['flow-logs-enabled']): Array<Record<string, unknown>> {
  const dir = writeTree(files, 'gridfence-invalid-values-');
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only, today: '2026-11-29' });
  return r.errors.filter((e) => e.code === 'invalid-value').map((e) => ({ severity: e.severity, message: e.message, line: e.location?.line, column: e.location?.column, endLine: e.location?.endLine, endColumn: e.location?.endColumn }));
}

function network(files: Record<string, string>): PathAnalysis {
  const dir = writeTree(files, 'gridfence-invalid-values-');
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['flow-logs-enabled'], today: '2026-11-29' });
  return new PathAnalysis(r.system.model.resources, r.system.config, () => undefined, []);
}

const VPC = `resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
`;

describe('values AWS refuses', () => {
  it.each([
    ['a route', `resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route" "r" {
  route_table_id         = aws_route_table.rt.id
  destination_cidr_block = "999.0.0.0/8"
  gateway_id             = aws_internet_gateway.igw.id
}
`, 'aws_route.r destination_cidr_block: "999.0.0.0/8"', 'destination_cidr_block = "999.0.0.0/8"'],
    ['a route table\'s inline route', `resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "10.0.0.0/33"
    gateway_id = "igw-0123"
  }
}
`, 'aws_route_table.rt route[0].cidr_block: "10.0.0.0/33"', 'cidr_block = "10.0.0.0/33"'],
    ['a subnet\'s range', `resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/240"
}
`, 'aws_subnet.s cidr_block: "10.0.1.0/240"', 'cidr_block = "10.0.1.0/240"'],
    ['a network ACL entry', `resource "aws_network_acl" "a" {
  vpc_id = aws_vpc.v.id
  ingress {
    rule_no    = 100
    action     = "deny"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "any"
  }
}
`, 'aws_network_acl.a ingress[0].cidr_block: "any"', 'cidr_block = "any"'],
    ['a network ACL rule', `resource "aws_network_acl" "a" {
  vpc_id = aws_vpc.v.id
}
resource "aws_network_acl_rule" "r" {
  network_acl_id = aws_network_acl.a.id
  rule_number    = 100
  egress         = false
  protocol       = "-1"
  rule_action    = "deny"
  cidr_block     = 10
}
`, 'aws_network_acl_rule.r cidr_block: 10 is not an IP address or CIDR block as text', 'cidr_block     = 10'],
    ['a prefix list entry', `resource "aws_ec2_managed_prefix_list" "p" {
  name           = "p"
  address_family = "IPv4"
  max_entries    = 2
  entry {
    cidr = "10.0.0.0/8"
  }
  entry {
    cidr = "ten"
  }
}
`, 'aws_ec2_managed_prefix_list.p entry[1].cidr: "ten"', 'cidr = "ten"'],
    ['a security group rule\'s second block', `resource "aws_security_group_rule" "r" {
  type              = "egress"
  security_group_id = "sg-0123"
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8", "10.0.0/8"]
}
`, 'aws_security_group_rule.r cidr_blocks[1]: "10.0.0/8"', 'cidr_blocks       = ["10.0.0.0/8", "10.0.0/8"]'],
    ['a transit gateway attachment\'s appliance mode', `resource "aws_ec2_transit_gateway_vpc_attachment" "a" {
  transit_gateway_id     = "tgw-0123"
  vpc_id                 = aws_vpc.v.id
  subnet_ids             = ["subnet-0123"]
  appliance_mode_support = "on"
}
`, 'aws_ec2_transit_gateway_vpc_attachment.a appliance_mode_support: "on" is not "enable" or "disable": AWS refuses it', 'appliance_mode_support = "on"'],
  ])('%s: an error at the value', (_name, tf, message, at) => {
    const main = VPC + tf;
    expect(problems({ 'main.tf': main })).toEqual([{ severity: 'error', message: expect.stringContaining(message), ...rangeOf(main, at) }]);
  });

  it('an IPv6 range or address that is not one, or is IPv4, is an error at it: never a stand-in in its place', () => {
    const tf = `resource "aws_vpc" "v" {
  cidr_block      = "10.0.0.0/16"
  ipv6_cidr_block = "10.1.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id          = aws_vpc.v.id
  cidr_block      = "10.0.1.0/24"
  ipv6_cidr_block = "2600:1f18:aaaa:bb01::/64"
}
resource "aws_subnet" "b" {
  vpc_id          = aws_vpc.v.id
  cidr_block      = "10.0.2.0/24"
  ipv6_cidr_block = "subnet-range"
}
resource "aws_instance" "h" {
  ami            = "ami-0123456789abcdef0"
  subnet_id      = aws_subnet.a.id
  ipv6_addresses = ["2600:1f18:aaaa:bb01::10", "10.0.1.10"]
}
`;
    expect(problems({ 'main.tf': tf }).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '3:3 aws_vpc.v ipv6_cidr_block: "10.1.0.0/16" is an IPv4 address or block where an IPv6 one belongs: AWS refuses it, so which addresses it stands for cannot be known',
      '13:3 aws_subnet.b ipv6_cidr_block: "subnet-range" is neither an IP address nor a CIDR block: AWS refuses it, so which addresses it stands for cannot be known',
      '18:3 aws_instance.h ipv6_addresses[1]: "10.0.1.10" is an IPv4 address or block where an IPv6 one belongs: AWS refuses it, so which addresses it stands for cannot be known',
    ]);
    // CloudFormation lists a host's addresses as { Ipv6Address } objects: read through, and a range checked as Terraform's.
    const t = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  A6:
    Type: AWS::EC2::SubnetCidrBlock
    Properties: { SubnetId: !Ref A, Ipv6CidrBlock: 10.0.1.0/24 }
  H:
    Type: AWS::EC2::Instance
    Properties: { ImageId: ami-0123456789abcdef0, SubnetId: !Ref A, Ipv6Addresses: [{ Ipv6Address: "2600:1f18:aaaa:bb01::10" }] }
`;
    expect(problems({ 'template.yaml': t }).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '10:37 A6 Ipv6CidrBlock: "10.0.1.0/24" is an IPv4 address or block where an IPv6 one belongs: AWS refuses it, so which addresses it stands for cannot be known',
    ]);
  });

  it('a VPN tunnel offer AWS does not take is an error at it; valid ones in any case, and values not known, pass', () => {
    const tf = `variable "groups" {}
resource "aws_vpn_connection" "v" {
  vpn_gateway_id                       = "vgw-1"
  customer_gateway_id                  = "cgw-1"
  type                                 = "ipsec.1"
  tunnel1_ike_versions                 = ["IKEv2"]
  tunnel1_phase1_integrity_algorithms  = ["SHA2-256", "SHA-1"]
  tunnel1_phase1_dh_group_numbers      = [19, 13]
  tunnel1_phase2_dh_group_numbers      = var.groups
  tunnel2_phase2_encryption_algorithms = ["aes256-gcm-16"]
  tunnel2_ike_versions                 = ["ikev3"]
  tunnel2_phase1_encryption_algorithms = ["3DES"]
}
`;
    expect(problems({ 'main.tf': tf }).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '7:3 aws_vpn_connection.v tunnel1_phase1_integrity_algorithms[1]: "SHA-1" is not one of SHA1, SHA2-256, SHA2-384, SHA2-512: AWS refuses it, so what the tunnel offers cannot be known',
      '8:3 aws_vpn_connection.v tunnel1_phase1_dh_group_numbers[1]: 13 is not one of 2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24: AWS refuses it, so what the tunnel offers cannot be known',
      '11:3 aws_vpn_connection.v tunnel2_ike_versions[0]: "ikev3" is not one of ikev1, ikev2: AWS refuses it, so what the tunnel offers cannot be known',
      '12:3 aws_vpn_connection.v tunnel2_phase1_encryption_algorithms[0]: "3DES" is not one of AES128, AES256, AES128-GCM-16, AES256-GCM-16: AWS refuses it, so what the tunnel offers cannot be known',
    ]);
    // CloudFormation's VpnTunnelOptionsSpecifications, at the value.
    const t = `Resources:
  Vpn:
    Type: AWS::EC2::VPNConnection
    Properties:
      Type: ipsec.1
      CustomerGatewayId: cgw-1
      VpnGatewayId: vgw-1
      VpnTunnelOptionsSpecifications:
        - IKEVersions: [{ Value: ikev2 }]
          Phase1IntegrityAlgorithms: [{ Value: SHA-1 }]
`;
    expect(problems({ 'template.yaml': t }).map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '10:39 Vpn tunnel1_phase1_integrity_algorithms[0]: "SHA-1" is not one of SHA1, SHA2-256, SHA2-384, SHA2-512: AWS refuses it, so what the tunnel offers cannot be known',
    ]);
  });

  it('a valid address, an unset value, one known only after apply: no problem', () => {
    const main = `${VPC}variable "cidr" {
  type = string
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block      = "0.0.0.0/0"
    ipv6_cidr_block = null
    gateway_id      = "igw-0123"
  }
}
resource "aws_route" "r" {
  route_table_id         = aws_route_table.rt.id
  destination_cidr_block = var.cidr
  gateway_id             = "igw-0123"
}
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.5"
}
`;
    expect(problems({ 'main.tf': main })).toEqual([]);
  });

  it('a route whose destination AWS refuses still leads somewhere possibly, never nowhere', () => {
    const main = `${VPC}resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "999.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.v.id
}
resource "aws_subnet" "s" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.s.id
  route_table_id = aws_route_table.rt.id
}
resource "aws_security_group" "sg" {
  vpc_id = aws_vpc.v.id
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "i" {
  subnet_id              = aws_subnet.s.id
  private_ip                  = "10.0.1.10"
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.sg.id]
}
`;
    expect(problems({ 'main.tf': main })).toEqual([
      { severity: 'error', message: expect.stringContaining('aws_route_table.rt route[0].cidr_block: "999.0.0.0/0" is neither an IP address nor a CIDR block'), ...rangeOf(main, 'cidr_block = "999.0.0.0/0"') },
    ]);
    const pa = network({ 'main.tf': main });
    const reason = '"999.0.0.0/0" is neither an IP address nor a CIDR block';
    const route = pa.net.routeTables.get('aws_route_table.rt')!.routes.find((r) => r.label === 'aws_route_table.rt route[0]')!;
    expect(route.destination).toEqual({ kind: 'unknown', unknown: expect.objectContaining({ reason }) });
    const r = pathQuery(pa, { from: 'aws_instance.i', to: 'internet', protocol: 'tcp', port: 443 });
    if (!r.ok) throw new Error(r.error);
    const hop = (h: PathHop): string => [h.node, ...h.reasons.filter((x) => !x.defaultAllow).map((x) => `${x.text} @${x.span ? `${toLocation(x.span).line}:${toLocation(x.span).column}` : '-'}`)].join(' | ');
    expect(r.flows.map((f) => ({ hops: f.answer.hops.map(hop), certainty: f.answer.unknowns.length ? 'possible' : 'definite', unknowns: f.answer.unknowns.map((u) => u.reason) }))).toEqual([
      {
        hops: [
          'aws_instance.i',
          'aws_subnet.s | aws_security_group.sg egress[0] allows all traffic to 0.0.0.0/0 @24:3',
          // The route block (line 6) sends everything to the gateway, possibly: its destination is not known.
          'aws_internet_gateway.igw | aws_route_table.rt route[0] (destination unknown) @6:3',
          'internet',
        ],
        certainty: 'possible',
        unknowns: [reason],
      },
    ]);
  });
});

describe('CloudFormation rule lists of the wrong type', () => {
  const template = (ingress: string, egress = '') => `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      VpcId: !Ref Vpc
      SecurityGroupIngress: ${ingress}
${egress}`;

  it('SecurityGroupIngress that is no list is an error at the property, and the group widens on it', () => {
    const text = template('5');
    expect(problems({ 'template.yaml': text })).toEqual([
      { severity: 'error', message: 'Sg ingress: (SecurityGroupIngress) 5 is not a list of ingress blocks: CloudFormation refuses the resource at deploy, so its ingress rules cannot be known', ...rangeOf(text, 'SecurityGroupIngress: 5') },
    ]);
    const g = network({ 'template.yaml': text }).net.groups.get('Sg')!;
    // Widened in that direction only, possibly, resting on the unreadable list.
    expect(g.ingress.map((r) => ({ service: r.service, peers: r.peers.map((p) => p.kind), presence: r.presence?.reason }))).toEqual([
      { service: { protocol: -1 }, peers: ['unknown'], presence: 'Sg ingress is 5, not a list of ingress blocks' },
    ]);
    expect(g.egress.every((r) => r.presence === undefined)).toBe(true);
  });

  it('an entry that is no mapping is an error at the list, never a rule of nobody', () => {
    const text = template('[5]', '      SecurityGroupEgress: text\n');
    expect(problems({ 'template.yaml': text }).map((p) => [p.message, p.line])).toEqual([
      ['Sg ingress: (SecurityGroupIngress) [5] is not a list of ingress blocks: CloudFormation refuses the resource at deploy, so its ingress rules cannot be known', 11],
      ['Sg egress: (SecurityGroupEgress) "text" is not a list of egress blocks: CloudFormation refuses the resource at deploy, so its egress rules cannot be known', 12],
    ]);
  });

  it('a CidrIp AWS refuses is an error at the property', () => {
    const text = template('\n        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: 10.0.0.0/99');
    expect(problems({ 'template.yaml': text })).toEqual([{ severity: 'error', message: expect.stringContaining('Sg ingress[0].cidr_blocks[0]: "10.0.0.0/99"'), ...rangeOf(text, 'CidrIp: 10.0.0.0/99') }]);
  });
});
