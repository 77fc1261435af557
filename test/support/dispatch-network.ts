/**
 * A small dispatch-link network for the path rules' tests, built from parts so that each test states
 * only what it changes: one VPC with a dispatch-link subnet (10.10.1.0/24) and a buffer subnet
 * (10.10.2.0/24) that holds the internet gateway's default route and a NAT gateway with the fixed
 * Elastic IP 198.51.100.10; the dispatch system is 203.0.113.10 on tcp/443, over the internet.
 * The dispatch subnet's route table, the security groups and the instances are the tests' own.
 */

/** Zones and externals of these tests (the reference architecture's, with the NAT gateway's registered source). */
export const DISPATCH_YAML = `version: 1
zones:
  dispatch: { role: dispatch-link }
  dmz: { role: buffer }
  core: { role: internal }
externals:
  dispatch-system:
    role: dispatch-system
    cidrs: ["203.0.113.10/32"]
    services: ["tcp/443"]
    transport: internet
    registered-sources: ["198.51.100.10/32"]
`;

/** The VPC, the dispatch and dmz subnets, the internet gateway and the NAT gateway with its route table. */
export const NETWORK = `resource "aws_vpc" "main" {
  cidr_block = "10.10.0.0/16"
}
resource "aws_subnet" "dispatch" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.1.0/24"
  tags       = { gridfence-zone = "dispatch" }
}
resource "aws_subnet" "dmz" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.2.0/24"
  tags       = { gridfence-zone = "dmz" }
}
resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
  tags   = { gridfence-zone = "dmz" }
}
resource "aws_eip" "nat" {
  domain  = "vpc"
  address = "198.51.100.10"
  tags    = { gridfence-zone = "dmz" }
}
resource "aws_nat_gateway" "dmz" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.dmz.id
  tags          = { gridfence-zone = "dmz" }
}
resource "aws_route_table" "dmz" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}
resource "aws_route_table_association" "dmz" {
  subnet_id      = aws_subnet.dmz.id
  route_table_id = aws_route_table.dmz.id
}
resource "aws_route_table_association" "dispatch" {
  subnet_id      = aws_subnet.dispatch.id
  route_table_id = aws_route_table.dispatch.id
}
`;

/** A subnet of the internal zone `core` (10.10.5.0/24) on the VPC's main route table: local routes only. */
export const CORE_SUBNET = `resource "aws_subnet" "core" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.5.0/24"
  tags       = { gridfence-zone = "core" }
}
`;

/** Routes of the dispatch subnet's table. */
export const ROUTE = {
  /** The dispatch system only, through the NAT gateway: the declared channel's way out. */
  channel: 'cidr_block     = "203.0.113.10/32"\n    nat_gateway_id = aws_nat_gateway.dmz.id',
  /** Everything through the NAT gateway. */
  defaultNat: 'cidr_block     = "0.0.0.0/0"\n    nat_gateway_id = aws_nat_gateway.dmz.id',
  /** Everything to the internet gateway: the return route internet ingress needs. */
  defaultIgw: 'cidr_block = "0.0.0.0/0"\n    gateway_id = aws_internet_gateway.main.id',
  /** The dispatch system only, straight to the internet gateway. */
  channelIgw: 'cidr_block = "203.0.113.10/32"\n    gateway_id = aws_internet_gateway.main.id',
};

export function dispatchRoutes(...routes: string[]): string {
  return `resource "aws_route_table" "dispatch" {\n  vpc_id = aws_vpc.main.id\n${routes.map((r) => `  route {\n    ${r}\n  }\n`).join('')}}\n`;
}

/** One inline security group rule; `cidr` is a literal prefix or an expression such as `var.x`. */
export function sgRule(dir: 'ingress' | 'egress', protocol: string, from: number, to: number, cidr: string): string {
  const value = /^[\d.:/]+$/.test(cidr) ? `"${cidr}"` : cidr;
  return `  ${dir} {\n    protocol    = "${protocol}"\n    from_port   = ${from}\n    to_port     = ${to}\n    cidr_blocks = [${value}]\n  }\n`;
}

export function securityGroup(name: string, ...rules: string[]): string {
  return `resource "aws_security_group" "${name}" {\n  vpc_id = aws_vpc.main.id\n${rules.join('')}}\n`;
}

/** The dispatch channel as the VEN's security group allows it: tcp/443 to the dispatch system. */
export const CHANNEL_EGRESS = sgRule('egress', 'tcp', 443, 443, '203.0.113.10/32');

/** An instance with a fixed private address and one security group of the same name. */
export function instance(name: string, subnet: string, privateIp: string, publicIp = 'false'): string {
  return `resource "aws_instance" "${name}" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.small"
  subnet_id                   = aws_subnet.${subnet}.id
  private_ip                  = "${privateIp}"
  vpc_security_group_ids      = [aws_security_group.${name}.id]
  associate_public_ip_address = ${publicIp}
}
`;
}

/** The VEN, the dispatch link's gateway to the dispatch system, at 10.10.1.10. */
export function ven(publicIp = 'false'): string {
  return instance('ven', 'dispatch', '10.10.1.10', publicIp);
}

/** A network ACL entry: `[rule_no, protocol, from, to, cidr]`, always an allow. */
export type AclEntry = [number, string, number, number, string];

export function networkAcl(name: string, subnet: string, ingress: AclEntry[], egress: AclEntry[]): string {
  const entry = (dir: string, [no, protocol, from, to, cidr]: AclEntry) =>
    `  ${dir} {\n    rule_no    = ${no}\n    action     = "allow"\n    protocol   = "${protocol}"\n    from_port  = ${from}\n    to_port    = ${to}\n    cidr_block = "${cidr}"\n  }\n`;
  return `resource "aws_network_acl" "${name}" {\n  vpc_id     = aws_vpc.main.id\n  subnet_ids = [aws_subnet.${subnet}.id]\n${ingress.map((e) => entry('ingress', e)).join('')}${egress.map((e) => entry('egress', e)).join('')}}\n`;
}

/** The compliant system: the VEN reaches only the dispatch system on tcp/443, through the NAT gateway. */
export const COMPLIANT = NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', CHANNEL_EGRESS) + ven();
