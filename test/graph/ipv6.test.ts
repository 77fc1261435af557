/**
 * IPv6 in the AWS graph (graph/aws/ipv6.ts): ranges assigned at apply stand in as documentation
 * prefixes, the internet gateway reaches IPv6 addresses without a public address, an egress-only
 * gateway lets out and never in, network ACLs and groups read IPv6 entries, a NAT gateway takes
 * IPv4 only, and a NAT64 route is said as not followed.
 */
import { describe, expect, it } from 'vitest';
import { PathAnalysis } from '../../src/graph/analysis.js';
import { pathQuery, type PathQuery } from '../../src/graph/query.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { toLocation } from '../../src/model/source.js';
import path from 'node:path';
import { repoRoot, writeTree } from '../support/files.js';

const CONFIG = 'version: 1\nzones:\n  dispatch: { role: dispatch-link }\n';

/** A dual-stack VPC whose IPv6 range AWS assigns; subnet d's range is cut from it; `route` goes into d's table. */
const vpc = (route: string, subnet = '  assign_ipv6_address_on_creation = true\n') => `resource "aws_vpc" "v" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_subnet" "d" {
  vpc_id          = aws_vpc.v.id
  cidr_block      = "10.0.1.0/24"
  ipv6_cidr_block = cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 1)
${subnet}  tags            = { gridfence-zone = "dispatch" }
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.v.id
}
resource "aws_egress_only_internet_gateway" "eigw" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table" "d" {
  vpc_id = aws_vpc.v.id
${route}}
resource "aws_route_table_association" "d" {
  subnet_id      = aws_subnet.d.id
  route_table_id = aws_route_table.d.id
}
resource "aws_security_group" "open" {
  vpc_id = aws_vpc.v.id
  ingress {
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    ipv6_cidr_blocks = ["::/0"]
    cidr_blocks      = ["0.0.0.0/0"]
  }
  egress {
    protocol         = "-1"
    from_port        = 0
    to_port          = 0
    ipv6_cidr_blocks = ["::/0"]
    cidr_blocks      = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "h" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.d.id
  private_ip             = "10.0.1.10"
  vpc_security_group_ids = [aws_security_group.open.id]
}
`;
const route = (dest: string, target: string) => `  route {\n    ${dest.includes(':') ? 'ipv6_cidr_block' : 'cidr_block'} = "${dest}"\n    ${target}\n  }\n`;
const TO_IGW = route('::/0', 'gateway_id = aws_internet_gateway.igw.id');
const TO_EIGW = route('::/0', 'egress_only_gateway_id = aws_egress_only_internet_gateway.eigw.id');

function analyse(tf: string, config = CONFIG): { pa: PathAnalysis; problems: string[] } {
  const dir = writeTree({ 'main.tf': tf, 'gridfence.yaml': config, '.git/HEAD': '' }, 'gridfence-ipv6-');
  const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
  const pa = new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
  const problems = [
    ...sys.problems.map((p) => `${p.severity} ${p.location?.line}:${p.location?.column} ${p.message}`),
    ...pa.net.notModelled.map((n) => `${n.severity ?? 'warning'} ${toLocation(n.span).line}:${toLocation(n.span).column} ${n.address}: ${n.what}`),
  ];
  return { pa, problems };
}

/** Each flow as "source → destination: witness [possible: reasons]". */
function flows(pa: PathAnalysis, q: Omit<PathQuery, 'protocol'> & { protocol?: PathQuery['protocol'] }): string[] {
  const r = pathQuery(pa, { protocol: 'any', ...q });
  if (!r.ok) throw new Error(r.error);
  return r.flows.map((f) => `${f.source} → ${f.destination}: ${pa.packetText(f.answer.packet)}${f.answer.unknowns.length ? ` [possible: ${f.answer.unknowns.map((u) => u.reason).join('; ')}]` : ''}`);
}

describe('IPv6 in the AWS graph', () => {
  it('an Amazon-provided range stands in as 2001:db8:…/56, said once at the VPC; a subnet range cut from it is a /64 of it', () => {
    const { problems } = analyse(vpc(TO_IGW));
    expect(problems).toEqual(["warning 1:1 aws_vpc.v: its IPv6 range is assigned at apply: 2001:db8:0:100::/56 stands for it in paths, and a /64 of it for each subnet's range cut from it at apply"]);
  });

  it('a stand-in keeps clear of ranges written in the configuration and of gridfence.yaml\'s prefixes', () => {
    const config = `${CONFIG}externals:\n  lab: { role: other, cidrs: ["2001:db8:0:100::/56"] }\n`;
    const tf = `${vpc(TO_IGW)}resource "aws_vpc" "w" {\n  cidr_block      = "10.1.0.0/16"\n  ipv6_cidr_block = "2001:db8:0:200::/56"\n}\n`;
    expect(analyse(tf, config).problems).toEqual(["warning 1:1 aws_vpc.v: its IPv6 range is assigned at apply: 2001:db8:0:300::/56 stands for it in paths, and a /64 of it for each subnet's range cut from it at apply"]);
  });

  it('GW1 over IPv6: the internet gateway reaches a host at its IPv6 address, no public address needed; over IPv4 it does not', () => {
    const { pa } = analyse(vpc(TO_IGW));
    expect(flows(pa, { from: 'internet', to: 'aws_instance.h' })).toEqual(['internet → aws_instance.h: tcp/443 2001:4860:4860::8888 → 2001:db8:0:100::1']);
    // Over IPv6 only: the host has no public IPv4 address, so its IPv4 address is not among the destinations.
    const r = pathQuery(pa, { from: 'internet', to: 'aws_instance.h', protocol: 'tcp', port: 443 });
    if (!r.ok) throw new Error(r.error);
    expect(r.flows.map((f) => pa.flow(f.answer.set).destination)).toEqual(['2001:db8:0:100::/64']);
    // Out, over IPv6 as well.
    expect(flows(pa, { from: 'aws_instance.h', to: 'internet' })).toEqual([expect.stringMatching(/^aws_instance\.h → internet: \S+ 2001:db8:0:100::1 → /)]);
  });

  it('a route block\'s arguments written as "" (as a plan writes those not set) are no destination', () => {
    const blank = '  route {\n    cidr_block      = ""\n    ipv6_cidr_block = "::/0"\n    gateway_id      = aws_internet_gateway.igw.id\n  }\n';
    expect(flows(analyse(vpc(blank)).pa, { from: 'internet', to: 'aws_instance.h' })).toEqual(['internet → aws_instance.h: tcp/443 2001:4860:4860::8888 → 2001:db8:0:100::1']);
  });

  it('an egress-only gateway lets IPv6 out and nothing in', () => {
    const noIgw = vpc(TO_EIGW).replace('resource "aws_internet_gateway" "igw" {\n  vpc_id = aws_vpc.v.id\n}\n', '');
    expect(noIgw).not.toContain('aws_internet_gateway');
    expect(flows(analyse(noIgw).pa, { from: 'internet', to: 'aws_instance.h' })).toEqual([]);
    // With an internet gateway beside it, what comes in there at the host's IPv6 address may be
    // answered through the egress-only gateway, untranslated: possibly, as AWS documents that
    // gateway's state only for what leaves first.
    const { pa } = analyse(vpc(TO_EIGW));
    expect(flows(pa, { from: 'internet', to: 'aws_instance.h' })).toEqual([
      'internet → aws_instance.h: tcp/443 2001:4860:4860::8888 → 2001:db8:0:100::1 [possible: whether aws_egress_only_internet_gateway.eigw passes replies to connections that came in through aws_internet_gateway.igw is not known (an egress-only gateway is stateful)]',
    ]);
    expect(flows(pa, { from: 'aws_instance.h', to: 'internet' })).toEqual([expect.stringMatching(/^aws_instance\.h → internet: \S+ 2001:db8:0:100::1 → /)]);
    // An IPv4 default route to it carries nothing: the gateway is IPv6 only.
    const v4 = analyse(vpc(route('0.0.0.0/0', 'egress_only_gateway_id = aws_egress_only_internet_gateway.eigw.id'))).pa;
    expect(flows(v4, { from: 'aws_instance.h', to: 'internet' })).toEqual([]);
  });

  it('a host without IPv6 addresses (no count, a subnet that assigns none) is reached over neither version', () => {
    const { pa } = analyse(vpc(TO_IGW, ''));
    expect(flows(pa, { from: 'internet', to: 'aws_instance.h' })).toEqual([]);
    const counted = analyse(vpc(TO_IGW, '').replace('  private_ip             = "10.0.1.10"\n', '  private_ip             = "10.0.1.10"\n  ipv6_address_count     = 1\n')).pa;
    expect(flows(counted, { from: 'internet', to: 'aws_instance.h' })).toHaveLength(1);
  });

  it('delegated IPv6 prefixes are the host\'s addresses too: a count of them, or prefixes listed', () => {
    const counted = analyse(vpc(TO_IGW, '').replace('  private_ip             = "10.0.1.10"\n', '  private_ip             = "10.0.1.10"\n  ipv6_prefix_count      = 1\n')).pa;
    expect(flows(counted, { from: 'internet', to: 'aws_instance.h' })).toHaveLength(1);
    const listed = vpc(TO_IGW, '')
      .replace('  assign_generated_ipv6_cidr_block = true\n', '  ipv6_cidr_block                  = "2600:1f18:aaaa:bb00::/56"\n')
      .replace('  private_ip             = "10.0.1.10"\n', '  private_ip             = "10.0.1.10"\n  ipv6_prefixes          = ["2600:1f18:aaaa:bb01:1::/80"]\n');
    expect(flows(analyse(listed).pa, { from: 'internet', to: 'aws_instance.h' })).toEqual([expect.stringMatching(/^internet → aws_instance\.h: tcp\/443 \S+ → 2600:1f18:aaaa:bb01:1::/)]);
  });

  it('a count not known before apply gives the host addresses, and the flow rests on it', () => {
    const tf = `variable "n" {\n  type = number\n}\n${vpc(TO_IGW, '').replace('  private_ip             = "10.0.1.10"\n', '  private_ip             = "10.0.1.10"\n  ipv6_address_count     = var.n\n')}`;
    const { pa } = analyse(tf);
    expect(flows(pa, { from: 'internet', to: 'aws_instance.h' })).toEqual([
      'internet → aws_instance.h: tcp/443 2001:4860:4860::8888 → 2001:db8:0:100::1 [possible: whether aws_instance.h has IPv6 addresses is not known before apply (var.n has no value (no default, no tfvars entry, no --var)): it is taken to have one of aws_subnet.d]',
    ]);
  });

  it('a known range is used as written, and listed addresses as they are; the witness goes to the address', () => {
    const tf = vpc(TO_IGW, '')
      .replace('  assign_generated_ipv6_cidr_block = true\n', '  ipv6_cidr_block                  = "2600:1f18:aaaa:bb00::/56"\n')
      .replace('  private_ip             = "10.0.1.10"\n', '  private_ip             = "10.0.1.10"\n  ipv6_addresses         = ["2600:1f18:aaaa:bb01::10"]\n');
    const { pa, problems } = analyse(tf);
    expect(problems).toEqual([]);
    expect(flows(pa, { from: 'internet', to: 'aws_instance.h' })).toEqual(['internet → aws_instance.h: tcp/443 2001:4860:4860::8888 → 2600:1f18:aaaa:bb01::10']);
  });

  it('a custom network ACL without IPv6 entries denies IPv6; one with them lets it through', () => {
    const acl = (entries: string) => `resource "aws_network_acl" "d" {
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.d.id]
${entries}}
`;
    const v4only = acl('  ingress {\n    rule_no = 100\n    action = "allow"\n    protocol = "-1"\n    from_port = 0\n    to_port = 0\n    cidr_block = "0.0.0.0/0"\n  }\n  egress {\n    rule_no = 100\n    action = "allow"\n    protocol = "-1"\n    from_port = 0\n    to_port = 0\n    cidr_block = "0.0.0.0/0"\n  }\n');
    expect(flows(analyse(vpc(TO_IGW) + v4only).pa, { from: 'internet', to: 'aws_instance.h' })).toEqual([]);
    const both = v4only.replace(/cidr_block = "0\.0\.0\.0\/0"/g, 'ipv6_cidr_block = "::/0"');
    expect(flows(analyse(vpc(TO_IGW) + both).pa, { from: 'internet', to: 'aws_instance.h' })).toHaveLength(1);
  });

  it('a security group that admits IPv4 only keeps IPv6 out', () => {
    const tf = vpc(TO_IGW).replace('    ipv6_cidr_blocks = ["::/0"]\n    cidr_blocks      = ["0.0.0.0/0"]\n  }\n  egress', '    cidr_blocks      = ["0.0.0.0/0"]\n  }\n  egress');
    expect(flows(analyse(tf).pa, { from: 'internet', to: 'aws_instance.h' })).toEqual([]);
  });

  it('subnets of one VPC reach each other over IPv6 by the local route', () => {
    const tf = `${vpc('')}resource "aws_subnet" "e" {
  vpc_id                          = aws_vpc.v.id
  cidr_block                      = "10.0.2.0/24"
  ipv6_cidr_block                 = cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 2)
  assign_ipv6_address_on_creation = true
}
resource "aws_instance" "g" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.e.id
  private_ip             = "10.0.2.10"
  vpc_security_group_ids = [aws_security_group.open.id]
}
`;
    const { pa } = analyse(tf);
    const r = pathQuery(pa, { from: 'aws_instance.g', to: 'aws_instance.h', protocol: 'tcp', port: 443 });
    if (!r.ok) throw new Error(r.error);
    // One way, over both versions: over IPv6 from subnet e's stand-in to subnet d's.
    expect(r.flows.map((f) => pa.flow(f.answer.set)).map((d) => `${d.source} → ${d.destination}`)).toEqual(['10.0.2.10/32, 2001:db8:0:101::/64 → 10.0.1.10/32, 2001:db8:0:100::/64']);
  });

  it('an IPv6-only subnet: its hosts have IPv6 addresses only', () => {
    const tf = vpc(TO_IGW, '').replace('  cidr_block      = "10.0.1.0/24"\n', '  ipv6_native     = true\n  enable_resource_name_dns_aaaa_record_on_launch = true\n').replace('  private_ip             = "10.0.1.10"\n', '');
    const { pa } = analyse(tf);
    const r = pathQuery(pa, { from: 'internet', to: 'aws_instance.h', protocol: 'any' });
    if (!r.ok) throw new Error(r.error);
    expect(r.flows.map((f) => pa.flow(f.answer.set).destination)).toEqual(['2001:db8:0:100::/64']);
  });

  it('a NAT gateway takes IPv4 only; a NAT64 route to it is an error, never a silent end', () => {
    const tf = `${vpc(route('64:ff9b::/96', 'nat_gateway_id = aws_nat_gateway.n.id'))}resource "aws_subnet" "pub" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.9.0/24"
}
resource "aws_eip" "n" {
  domain = "vpc"
}
resource "aws_nat_gateway" "n" {
  subnet_id     = aws_subnet.pub.id
  allocation_id = aws_eip.n.id
}
`;
    const { problems } = analyse(tf);
    expect(problems).toContainEqual(
      'error 20:3 aws_route_table.d: it routes 64:ff9b::/96 to aws_nat_gateway.n (NAT64), which is not followed: flows it translates to IPv4 are not checked, so the boundary cannot be vouched for',
    );
  });

  it('a plan: a range known after apply and a subnet range that waits for it are stand-ins, and the path is definite', () => {
    const dir = path.join(repoRoot, 'fixtures/plan/ipv6');
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const pa = new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
    expect(flows(pa, { from: 'internet', to: 'aws_instance.h' })).toEqual(['internet → aws_instance.h: tcp/443 2001:4860:4860::8888 → 2001:db8:0:100::1']);
  });

  it('CloudFormation: a SubnetCidrBlock of a known range gives the subnet that range, and the VPC\'s local route takes it', () => {
    const t = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  A6:
    Type: AWS::EC2::SubnetCidrBlock
    Properties: { SubnetId: !Ref A, Ipv6CidrBlock: "2600:1f18:aaaa:bb01::/64" }
  B:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 }
  B6:
    Type: AWS::EC2::SubnetCidrBlock
    Properties: { SubnetId: !Ref B, Ipv6CidrBlock: "2600:1f18:aaaa:bb02::/64" }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: all
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: "-1", CidrIpv6: "::/0" }]
  Ha:
    Type: AWS::EC2::Instance
    Properties: { ImageId: ami-0123456789abcdef0, SubnetId: !Ref A, PrivateIpAddress: 10.0.1.10, Ipv6Addresses: [{ Ipv6Address: "2600:1f18:aaaa:bb01::10" }], SecurityGroupIds: [!Ref Sg] }
  Hb:
    Type: AWS::EC2::Instance
    Properties: { ImageId: ami-0123456789abcdef0, SubnetId: !Ref B, PrivateIpAddress: 10.0.2.10, Ipv6AddressCount: 1, SecurityGroupIds: [!Ref Sg] }
`;
    const dir = writeTree({ 'template.yaml': t, 'gridfence.yaml': 'version: 1\n', '.git/HEAD': '' }, 'gridfence-ipv6-');
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const pa = new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
    const r = pathQuery(pa, { from: 'Hb', to: 'Ha', protocol: 'tcp', port: 443 });
    if (!r.ok) throw new Error(r.error);
    // Over IPv6 only (the group admits IPv6 only), from Hb's subnet range to Ha's listed address.
    expect(r.flows.map((f) => pa.flow(f.answer.set)).map((d) => `${d.source} → ${d.destination}`)).toEqual(['2600:1f18:aaaa:bb02::/64 → 2600:1f18:aaaa:bb01::10/128']);
  });
});
