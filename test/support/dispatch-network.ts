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

/**
 * One inline security group rule. `cidr` is a literal prefix, an expression such as `var.x` (both put
 * in a list), or a whole list written out (`["10.10.2.0/24", "10.10.3.0/24"]`).
 */
export function sgRule(dir: 'ingress' | 'egress', protocol: string, from: number, to: number, cidr: string): string {
  const list = cidr.startsWith('[') ? cidr : `[${/^[\d.:/]+$/.test(cidr) ? `"${cidr}"` : cidr}]`;
  return `  ${dir} {\n    protocol    = "${protocol}"\n    from_port   = ${from}\n    to_port     = ${to}\n    cidr_blocks = ${list}\n  }\n`;
}

/** A security group rule for one port. */
export function portRule(dir: 'ingress' | 'egress', port: number, cidr: string, protocol = 'tcp'): string {
  return sgRule(dir, protocol, port, port, cidr);
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

/*
 * Parts for tests of systems other than the dispatch network above: zones tagged on subnets of one VPC
 * (10.10.0.0/16) with an internet gateway, hosts with security groups of their own, a VPN, a load balancer.
 */

/** The VPC `main`, its internet gateway, and one subnet per zone, named and tagged after the zone. */
export function zonedVpc(subnets: Record<string, string>): string {
  const subnet = ([zone, cidr]: [string, string]) => `resource "aws_subnet" "${zone}" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "${cidr}"
  tags       = { gridfence-zone = "${zone}" }
}
`;
  return `resource "aws_vpc" "main" {
  cidr_block = "10.10.0.0/16"
}
resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}
${Object.entries(subnets).map(subnet).join('')}`;
}

/** Two dmz subnets, `aws_subnet.dmz["a"]` (10.10.2.0/24) and `["c"]` (10.10.3.0/24), as a load balancer needs. */
export const DMZ_PAIR = `resource "aws_subnet" "dmz" {
  for_each   = { a = "10.10.2.0/24", c = "10.10.3.0/24" }
  vpc_id     = aws_vpc.main.id
  cidr_block = each.value
  tags       = { gridfence-zone = "dmz" }
}
`;

/** A route table `name` whose default route is the internet gateway (associated by the test). */
export function internetRouteTable(name: string): string {
  return `resource "aws_route_table" "${name}" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}
`;
}

/** DMZ_PAIR made public: both subnets routed to the internet gateway through the route table `dmz`. */
export const PUBLIC_DMZ_PAIR = `${DMZ_PAIR}${internetRouteTable('dmz')}
resource "aws_route_table_association" "dmz" {
  for_each       = aws_subnet.dmz
  subnet_id      = each.value.id
  route_table_id = aws_route_table.dmz.id
}
`;

/** A route table for `subnet`, associated with it, whose only route leads `cidr` into the VPN gateway `main`. */
export function vpnRoute(subnet: string, cidr = '192.168.0.0/16'): string {
  return `resource "aws_route_table" "${subnet}" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "${cidr}"
    gateway_id = aws_vpn_gateway.main.id
  }
}

resource "aws_route_table_association" "${subnet}" {
  subnet_id      = aws_subnet.${subnet}.id
  route_table_id = aws_route_table.${subnet}.id
}
`;
}

/**
 * A host: a security group of its own holding `rules`, and an instance of that name in `subnet` (as
 * Terraform names it: `core`, `dmz["a"]`) at `privateIp`, or at an address AWS assigns when that is
 * undefined. `extra` adds attribute lines to the instance.
 */
export function host(name: string, subnet: string, privateIp: string | undefined, rules: string, extra = ''): string {
  return `${securityGroup(name, ...(rules ? [rules.endsWith('\n') ? rules : `${rules}\n`] : []))}
resource "aws_instance" "${name}" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.${subnet}.id
${privateIp !== undefined ? `  private_ip             = "${privateIp}"\n` : ''}  vpc_security_group_ids = [aws_security_group.${name}.id]
${extra}}
`;
}

/** A public address for `host`'s `extra`. */
export const PUBLIC = '  associate_public_ip_address = true\n';

/** The VPN gateway `main` and a static IPsec connection `site` to the customer gateway at `ip`. */
export function vpn(site: string, ip: string, asn: number): string {
  return `resource "aws_vpn_gateway" "main" {
  vpc_id = aws_vpc.main.id
}
resource "aws_customer_gateway" "${site}" {
  bgp_asn    = ${asn}
  ip_address = "${ip}"
  type       = "ipsec.1"
}
resource "aws_vpn_connection" "${site}" {
  vpn_gateway_id      = aws_vpn_gateway.main.id
  customer_gateway_id = aws_customer_gateway.${site}.id
  type                = "ipsec.1"
  static_routes_only  = true
}
`;
}

/**
 * An application load balancer `name` in the two dmz subnets of DMZ_PAIR, behind the security group of
 * its name (the test's own), whose listener forwards to the instance `target` through a target group of
 * the target's name. An HTTPS listener has a certificate and a TLS 1.2+ policy.
 */
export function loadBalancer(o: { name: string; internal: boolean; listener: { port: number; protocol: 'HTTP' | 'HTTPS' }; target: string; targetPort: number; targetProtocol: 'HTTP' | 'HTTPS' }): string {
  const tls = o.listener.protocol === 'HTTPS' ? '  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n  certificate_arn   = "arn:aws:acm:ap-northeast-1:111122223333:certificate/example"\n' : '';
  return `resource "aws_lb" "${o.name}" {
  internal           = ${o.internal}
  load_balancer_type = "application"
  subnets            = [aws_subnet.dmz["a"].id, aws_subnet.dmz["c"].id]
  security_groups    = [aws_security_group.${o.name}.id]
}
resource "aws_lb_target_group" "${o.target}" {
  port     = ${o.targetPort}
  protocol = "${o.targetProtocol}"
  vpc_id   = aws_vpc.main.id
}
resource "aws_lb_target_group_attachment" "${o.target}" {
  target_group_arn = aws_lb_target_group.${o.target}.arn
  target_id        = aws_instance.${o.target}.id
  port             = ${o.targetPort}
}
resource "aws_lb_listener" "${o.name}" {
  load_balancer_arn = aws_lb.${o.name}.arn
  port              = ${o.listener.port}
  protocol          = "${o.listener.protocol}"
${tls}  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.${o.target}.arn
  }
}
`;
}

/**
 * An internet-facing network load balancer in the buffer zone (its own second dmz subnet),
 * forwarding 443 to `target` (an expression: `aws_instance.ven.id`, `"10.10.1.10"`) on 8443;
 * `ip` makes the target group's targets addresses.
 */
export const networkLoadBalancer = (target: string, targetType?: 'ip') => `resource "aws_subnet" "dmz_c" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.3.0/24"
  tags       = { gridfence-zone = "dmz" }
}
resource "aws_lb" "edge" {
  load_balancer_type = "network"
  internal           = false
  subnets            = [aws_subnet.dmz.id, aws_subnet.dmz_c.id]
  tags               = { gridfence-zone = "dmz" }
}
resource "aws_lb_target_group" "ven" {
  port               = 8443
  protocol           = "TCP"
  vpc_id             = aws_vpc.main.id
  preserve_client_ip = false
${targetType ? `  target_type        = "${targetType}"\n` : ''}}
resource "aws_lb_target_group_attachment" "ven" {
  target_group_arn = aws_lb_target_group.ven.arn
  target_id        = ${target}
}
resource "aws_lb_listener" "edge" {
  load_balancer_arn = aws_lb.edge.arn
  port              = 443
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.ven.arn
  }
}
`;
