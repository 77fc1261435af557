/**
 * The AWS path-semantics checklist of network-semantics.md §2.3, one test per line (SG1–GW5), plus the
 * stateless-reply cases: each builds a small VPC in Terraform and asks the graph whether a flow exists.
 */
import { describe, expect, it } from 'vitest';
import { PathAnalysis } from '../../src/graph/analysis.js';
import { pathQuery, type PathQuery } from '../../src/graph/query.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { toLocation } from '../../src/model/source.js';
import { writeTree } from '../support/files.js';

const CONFIG = `version: 1
zones:
  app: { role: internal }
  web: { role: buffer }
externals:
  partner: { role: partner, cidrs: ["192.0.2.0/24"], attestation: { confirmed: 2026-01-01 } }
`;

/** VPC 10.0.0.0/16; subnet web 10.0.1.0/24 routed to an internet gateway, subnet app 10.0.2.0/24 on the main table. */
const VPC = `
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "web" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
  tags       = { gridfence-zone = "web" }
}
resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
  tags       = { gridfence-zone = "app" }
}
resource "aws_route_table" "web" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "web" {
  subnet_id      = aws_subnet.web.id
  route_table_id = aws_route_table.web.id
}
`;

/** `{ a = 1, b = 2 }` as a block body: HCL blocks hold one argument per line. */
const block = (kind: string, body: string) => `  ${kind} {\n${body.replace(/^\{\s*|\s*\}$/g, '').split(/,\s*(?=[a-z_]+\s*=)/).map((a) => `    ${a}`).join('\n')}\n  }`;

const sg = (name: string, ingress: string[], egress: string[] = ['{ protocol = "-1", from_port = 0, to_port = 0, cidr_blocks = ["0.0.0.0/0"] }']) => `
resource "aws_security_group" "${name}" {
  vpc_id = aws_vpc.main.id
${ingress.map((r) => block('ingress', r)).join('\n')}
${egress.map((r) => block('egress', r)).join('\n')}
}
`;

/** A Network Firewall with its endpoint in subnet fw (10.0.3.0/24), and how a route names that endpoint. */
const FIREWALL_ENDPOINT = 'aws_networkfirewall_firewall.fw.firewall_status[0].sync_states[0].attachment[0].endpoint_id';
const FIREWALL = `resource "aws_subnet" "fw" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.3.0/24"
}
resource "aws_networkfirewall_firewall" "fw" {
  name                = "inspection"
  firewall_policy_arn = "arn:aws:network-firewall:ap-northeast-1:111122223333:firewall-policy/inspection"
  vpc_id              = aws_vpc.main.id
  subnet_mapping {
    subnet_id = aws_subnet.fw.id
  }
}
`;

/**
 * Ingress routing through the firewall: subnet fw's table sends `cidr` on to `gateway`, and a gateway
 * route table ("edge", associated by `edgeAssociation`) sends `inspected` to the firewall endpoint.
 */
const inspection = (cidr: string, gateway: string, inspected: string) => `resource "aws_route_table" "fw" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "${cidr}"
    gateway_id = ${gateway}
  }
}
resource "aws_route_table_association" "fw" {
  subnet_id      = aws_subnet.fw.id
  route_table_id = aws_route_table.fw.id
}
resource "aws_route_table" "edge" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block      = "${inspected}"
    vpc_endpoint_id = ${FIREWALL_ENDPOINT}
  }
}
`;
const edgeAssociation = (gateway: string) => `resource "aws_route_table_association" "edge" {\n  gateway_id     = ${gateway}\n  route_table_id = aws_route_table.edge.id\n}\n`;

/** Target group "app" (port, protocol, more of its body) with aws_instance.app attached to it. */
const appTargets = (port: number, protocol: string, more = '') => `resource "aws_lb_target_group" "app" {
  port     = ${port}
  protocol = "${protocol}"
  vpc_id   = aws_vpc.main.id
${more}}
resource "aws_lb_target_group_attachment" "app" {
  target_group_arn = aws_lb_target_group.app.arn
  target_id        = aws_instance.app.id
}
`;

const instance = (name: string, subnet: string, groups: string[], extra = '') => `
resource "aws_instance" "${name}" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.${subnet}.id
  vpc_security_group_ids = [${groups.map((g) => `aws_security_group.${g}.id`).join(', ')}]
${extra}
}
`;

const tcp = (port: number | [number, number], cidr: string) => `{ protocol = "tcp", from_port = ${Array.isArray(port) ? port[0] : port}, to_port = ${Array.isArray(port) ? port[1] : port}, cidr_blocks = ["${cidr}"] }`;

function analyse(tf: string, config = CONFIG): PathAnalysis {
  const { pa, refused } = analyseRefused(tf, config);
  expect(refused).toEqual([]);
  return pa;
}

/** The analysis of a configuration that may hold values AWS refuses, with the input errors they are ("line:column message"). */
function analyseRefused(tf: string, config = CONFIG): { pa: PathAnalysis; refused: string[] } {
  const dir = writeTree({ 'main.tf': tf, 'gridfence.yaml': config, '.git/HEAD': '' }, 'gridfence-semantics-');
  const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
  const errors = sys.problems.filter((p) => p.severity === 'error');
  expect(errors.filter((p) => p.code !== 'invalid-value')).toEqual([]);
  const refused = errors.map((p) => `${p.location?.line}:${p.location?.column} ${p.message}`);
  return { pa: new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts), refused };
}

/** The flows of a query; `[]` when none. Each as "source → destination" with the witness packet. */
function flows(pa: PathAnalysis, q: Omit<PathQuery, 'protocol'> & { protocol?: PathQuery['protocol'] }): string[] {
  const r = pathQuery(pa, { protocol: 'any', ...q });
  if (!r.ok) throw new Error(r.error);
  return r.flows.map((f) => `${f.source} → ${f.destination}: ${pa.packetText(f.answer.packet)}${f.oneWay ? ' (one way)' : ''}`);
}

/** The nodes of each flow's hops. */
function nodesOf(pa: PathAnalysis, q: PathQuery): string[][] | string {
  const r = pathQuery(pa, q);
  return r.ok ? r.flows.map((f) => f.answer.hops.map((h) => h.node)) : r.error;
}

function blockedBy(pa: PathAnalysis, q: Omit<PathQuery, 'protocol'> & { protocol?: PathQuery['protocol'] }): string[] {
  const r = pathQuery(pa, { protocol: 'any', ...q });
  if (!r.ok) throw new Error(r.error);
  expect(r.flows.filter((f) => !f.oneWay)).toEqual([]);
  return (r.blocked?.answer.hops ?? []).flatMap((h) => (h.blockedBy ?? []).map((b) => b.code));
}

describe('security groups', () => {
  it('SG1: the rules of every group on an interface add up', () => {
    const pa = analyse(VPC + sg('a', [tcp(22, '10.0.1.0/24')]) + sg('b', [tcp(443, '10.0.1.0/24')]) + sg('client', []) + instance('server', 'app', ['a', 'b']) + instance('client', 'web', ['client']));
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual(['aws_instance.client → aws_instance.server: tcp/22 10.0.1.1 → 10.0.2.1']);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 80 })).toEqual([]);
  });

  it('SG2: a group Terraform manages without egress blocks allows no egress', () => {
    const tf = VPC + sg('server', [tcp(443, '10.0.0.0/16')]) + sg('client', [], []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']);
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual([]);
    expect(blockedBy(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual(['SG_NO_MATCH']);
  });

  it('SG2: an instance launched without groups gets its VPC\'s default group: the managed one\'s rules, or unknown rules that may allow anything', () => {
    const q = { from: 'aws_instance.client', to: 'aws_instance.server', port: 5432 };
    const bare = `resource "aws_instance" "server" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.app.id
}
`;
    const unmanaged = analyse(VPC + sg('client', []) + instance('client', 'web', ['client']) + bare);
    expect(unknownsOf(unmanaged, q)).toEqual([['the rules of the default security group of aws_vpc.main are not known: the configuration does not manage it (aws_default_security_group)']]);
    // Managed with no rules: it admits nothing.
    const managed = analyse(`${VPC}resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n}\n${sg('client', [])}${instance('client', 'web', ['client'])}${bare}`);
    expect(flows(managed, q)).toEqual([]);
  });

  it('SG3: stateful — a server group with no egress rule still answers the connections it accepts', () => {
    const pa = analyse(VPC + sg('server', [tcp(443, '10.0.1.0/24')], []) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']));
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
  });

  it('SG4: a group as the peer stands for the private addresses of its members; a prefix list for its entries', () => {
    const tf =
      VPC +
      `resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
  ingress {
    protocol        = "tcp"
    from_port       = 5432
    to_port         = 5432
    security_groups = [aws_security_group.client.id]
  }
  ingress {
    protocol        = "tcp"
    from_port       = 6379
    to_port         = 6379
    prefix_list_ids = [aws_ec2_managed_prefix_list.office.id]
  }
}
resource "aws_ec2_managed_prefix_list" "office" {
  name           = "office"
  address_family = "IPv4"
  max_entries    = 1
  entry {
    cidr = "10.0.1.0/24"
  }
}
` +
      sg('client', []) +
      sg('other', []) +
      instance('db', 'app', ['db']) +
      instance('client', 'web', ['client'], '  private_ip = "10.0.1.10"') +
      instance('other', 'web', ['other'], '  private_ip = "10.0.1.20"');
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.db', port: 5432 })).toEqual(['aws_instance.client → aws_instance.db: tcp/5432 10.0.1.10 → 10.0.2.1']);
    expect(flows(pa, { from: 'aws_instance.other', to: 'aws_instance.db', port: 5432 })).toEqual([]);
    expect(flows(pa, { from: 'aws_instance.other', to: 'aws_instance.db', port: 6379 })).toEqual(['aws_instance.other → aws_instance.db: tcp/6379 10.0.1.20 → 10.0.2.1']);
  });

  it('SG5: protocol -1 is every protocol and port; ICMP type -1 is every type', () => {
    const pa = analyse(
      VPC +
        sg('all', ['{ protocol = "-1", from_port = 0, to_port = 0, cidr_blocks = ["10.0.1.0/24"] }']) +
        sg('icmp', ['{ protocol = "icmp", from_port = -1, to_port = -1, cidr_blocks = ["10.0.1.0/24"] }']) +
        sg('client', []) +
        instance('open', 'app', ['all']) +
        instance('ping', 'app', ['icmp'], '  private_ip = "10.0.2.50"') +
        instance('client', 'web', ['client']),
    );
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.open', protocol: 'udp', port: 9999 })).toEqual(['aws_instance.client → aws_instance.open: udp/9999 10.0.1.1 → 10.0.2.1']);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.ping', protocol: 'icmp' })).toEqual(['aws_instance.client → aws_instance.ping: icmp type 8 10.0.1.1 → 10.0.2.50']);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.ping', protocol: 'tcp' })).toEqual([]);
  });

  it('a rule whose ports are not known widens its own direction only, and only for the peers it names', () => {
    const tf =
      VPC +
      'variable "port" { type = number }\n' +
      sg('server', [tcp(443, '10.0.1.0/24'), '{ protocol = "tcp", from_port = var.port, to_port = var.port, cidr_blocks = ["10.0.1.128/25"] }'], ['{ protocol = "tcp", from_port = var.port, to_port = var.port, cidr_blocks = ["0.0.0.0/0"] }']) +
      sg('client', []) +
      instance('server', 'app', ['server']) +
      instance('client', 'web', ['client'], '  private_ip = "10.0.1.10"') +
      instance('far', 'web', ['client'], '  private_ip = "10.0.1.200"');
    const pa = analyse(tf);
    const unknown = 'the protocol or ports of aws_security_group.server ingress[1] are known only after apply';
    // 10.0.1.10 is outside the rule's peers: the unknown egress rule does not open ingress to it.
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([]);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual([[]]);
    // 10.0.1.200 is inside them: tcp/22 may be what the rule allows.
    expect(unknownsOf(pa, { from: 'aws_instance.far', to: 'aws_instance.server', port: 22 })).toEqual([[unknown]]);
  });

  it('a rule whose peer is not known makes possible only what it may admit: a flow through the group\'s other rules stays certain', () => {
    const tf =
      VPC +
      'variable "admin_cidr" { type = string }\n' +
      sg('server', ['{ protocol = "udp", from_port = 161, to_port = 161, cidr_blocks = ["10.0.1.0/24"] }', '{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = [var.admin_cidr] }']) +
      sg('client', []) +
      instance('server', 'app', ['server']) +
      instance('client', 'web', ['client'], '  private_ip = "10.0.1.10"');
    const pa = analyse(tf);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', protocol: 'udp', port: 161 })).toEqual([[]]);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', protocol: 'tcp', port: 22 })).toEqual([['var.admin_cidr has no value (no default, no tfvars entry, no --var)']]);
    // One rule naming a known CIDR and an unknown one: what the known one admits stays certain.
    const mixed = analyse(tf.replace('cidr_blocks = [var.admin_cidr]', 'cidr_blocks = ["10.0.1.0/24", var.admin_cidr]'));
    expect(unknownsOf(mixed, { from: 'aws_instance.client', to: 'aws_instance.server', protocol: 'tcp', port: 22 })).toEqual([[]]);
  });
});

/** Client in web, server in app accepting tcp/443 from web; network ACLs vary. */
const ACL_BASE = VPC + sg('server', [tcp(443, '10.0.1.0/24')]) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']);
const acl = (name: string, subnets: string[], ingress: string[], egress: string[]) => `
resource "aws_network_acl" "${name}" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = [${subnets.map((s) => `aws_subnet.${s}.id`).join(', ')}]
${ingress.map((e) => block('ingress', e)).join('\n')}
${egress.map((e) => block('egress', e)).join('\n')}
}
`;
const entry = (no: number, action: 'allow' | 'deny', cidr: string, ports: [number, number] | 'all' = 'all') =>
  ports === 'all' ? `{ rule_no = ${no}, action = "${action}", protocol = "-1", cidr_block = "${cidr}", from_port = 0, to_port = 0 }` : `{ rule_no = ${no}, action = "${action}", protocol = "tcp", cidr_block = "${cidr}", from_port = ${ports[0]}, to_port = ${ports[1]} }`;

describe('network ACLs', () => {
  const q = { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 };

  it('NA1: a subnet without an association uses the VPC default ACL; a managed default that denies all blocks', () => {
    expect(flows(analyse(ACL_BASE), q)).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
    const tf = ACL_BASE + 'resource "aws_default_network_acl" "main" {\n  default_network_acl_id = aws_vpc.main.default_network_acl_id\n}\n';
    expect(blockedBy(analyse(tf), q)).toContain('NACL_DENY');
  });

  it('NA2: entries are read in rule-number order, the first match wins, whatever the written order', () => {
    const denyFirst = acl('app', ['app'], [entry(200, 'allow', '0.0.0.0/0'), entry(100, 'deny', '10.0.1.0/24')], [entry(100, 'allow', '0.0.0.0/0')]);
    expect(blockedBy(analyse(ACL_BASE + denyFirst), q)).toEqual(['NACL_DENY']);
    const allowFirst = acl('app', ['app'], [entry(100, 'allow', '0.0.0.0/0'), entry(200, 'deny', '10.0.1.0/24')], [entry(100, 'allow', '0.0.0.0/0')]);
    expect(flows(analyse(ACL_BASE + allowFirst), q)).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
  });

  it('NA3: a custom ACL with no entries denies everything (the final * rule)', () => {
    expect(blockedBy(analyse(ACL_BASE + acl('app', ['app'], [], [])), q).sort()).toEqual(['NACL_DENY', 'NACL_RETURN_DENY']);
  });

  it('NA4: an inbound entry matches the source; an outbound entry the destination', () => {
    const bySource = acl('app', ['app'], [entry(100, 'allow', '10.0.1.0/24')], [entry(100, 'allow', '10.0.1.0/24')]);
    expect(flows(analyse(ACL_BASE + bySource), q)).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
    const wrongSide = acl('app', ['app'], [entry(100, 'allow', '10.0.2.0/24')], [entry(100, 'allow', '10.0.1.0/24')]);
    expect(blockedBy(analyse(ACL_BASE + wrongSide), q)).toEqual(['NACL_DENY']);
  });

  it('NA5: protocol -1 allows every port whatever the port range says', () => {
    const a = acl('app', ['app'], ['{ rule_no = 100, action = "allow", protocol = "-1", cidr_block = "0.0.0.0/0", from_port = 22, to_port = 22 }'], [entry(100, 'allow', '0.0.0.0/0')]);
    expect(flows(analyse(ACL_BASE + a), q)).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
  });

  it('NA5b: a TCP deny written 0-0 denies port 0 alone, as AWS reads it; it does not stop tcp/443', () => {
    const a = acl('app', ['app'], [entry(50, 'deny', '10.0.1.0/24', [0, 0]), entry(100, 'allow', '0.0.0.0/0')], [entry(100, 'allow', '0.0.0.0/0')]);
    expect(flows(analyse(ACL_BASE + a), q)).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
    // The same deny on every port (0-65535) does.
    const all = acl('app', ['app'], [entry(50, 'deny', '10.0.1.0/24', [0, 65535]), entry(100, 'allow', '0.0.0.0/0')], [entry(100, 'allow', '0.0.0.0/0')]);
    expect(blockedBy(analyse(ACL_BASE + all), q)).toEqual(['NACL_DENY']);
  });

  it('NA6: a CIDR with host bits set is its network', () => {
    const a = acl('app', ['app'], [entry(100, 'allow', '10.0.1.77/24', [443, 443])], [entry(100, 'allow', '10.0.1.77/24', [1024, 65535])]);
    expect(flows(analyse(ACL_BASE + a), q)).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
  });

  it('NA7: stateless — an ACL that allows the request but not the reply on ephemeral ports blocks the connection', () => {
    const noReply = acl('app', ['app'], [entry(100, 'allow', '10.0.1.0/24', [443, 443])], [entry(100, 'allow', '10.0.1.0/24', [443, 443])]);
    expect(blockedBy(analyse(ACL_BASE + noReply), q)).toEqual(['NACL_RETURN_DENY']);
    const withReply = acl('app', ['app'], [entry(100, 'allow', '10.0.1.0/24', [443, 443])], [entry(100, 'allow', '10.0.1.0/24', [1024, 65535])]);
    const pa = analyse(ACL_BASE + withReply);
    const r = pathQuery(pa, { ...q, protocol: 'any' });
    expect(r.ok && r.flows.length).toBe(1);
    // The client's source port must be one the reply may go back to.
    expect(r.ok && r.flows[0]!.answer.packet.srcPort).toBeGreaterThanOrEqual(1024);
  });

  it('an entry whose peer is not known makes possible only what it may decide: an allow adds, a deny may take away', () => {
    const v = 'variable "other" { type = string }\n';
    const allowAll = entry(200, 'allow', '10.0.0.0/16');
    // An allow of unknown peer beside an allow of the client's subnet: the flow rests on nothing.
    const extraAllow = acl('app', ['app'], [entry(100, 'allow', '${var.other}'), allowAll], [allowAll]);
    expect(unknownsOf(analyse(v + ACL_BASE + extraAllow), q)).toEqual([[]]);
    // A deny of unknown peer before it: the deny may match the client, so the flow is possible.
    const maybeDeny = acl('app', ['app'], [entry(100, 'deny', '${var.other}'), allowAll], [allowAll]);
    expect(unknownsOf(analyse(v + ACL_BASE + maybeDeny), q)).toEqual([['var.other has no value (no default, no tfvars entry, no --var)']]);
  });

  it('entries whose direction is not known: a deny that may be there makes the flow possible, however an allow after it may be', () => {
    const rule = (name: string, no: number, action: string, dir: string) =>
      `resource "aws_network_acl_rule" "${name}" {\n  network_acl_id = aws_network_acl.app.id\n  rule_number    = ${no}\n  egress         = ${dir}\n  protocol       = "tcp"\n  rule_action    = "${action}"\n  cidr_block     = "10.0.1.0/24"\n  from_port      = 443\n  to_port        = 443\n}\n`;
    const vars = 'variable "dir_a" { type = bool }\nvariable "dir_d" { type = bool }\n';
    const base = vars + ACL_BASE + acl('app', ['app'], [], [entry(100, 'allow', '0.0.0.0/0')]);
    // Ingress holds nothing certain: only the allow that may be an ingress entry lets the client in,
    // and the deny before it may be there too. Both may be egress entries instead: the flow is possible.
    const tf = base + rule('allow_client', 200, 'allow', 'var.dir_a') + rule('deny_client', 50, 'deny', 'var.dir_d');
    expect(unknownsOf(analyse(tf), q)).toEqual([[expect.stringContaining('aws_network_acl_rule.deny_client'), expect.stringContaining('aws_network_acl_rule.allow_client')]]);
    // Written as an ingress allow, the one deny that may be there still makes it only possible.
    const written = vars + ACL_BASE + acl('app', ['app'], [entry(200, 'allow', '10.0.1.0/24', [443, 443])], [entry(100, 'allow', '0.0.0.0/0')]) + rule('deny_client', 50, 'deny', 'var.dir_d');
    expect(unknownsOf(analyse(written), q)).toEqual([[expect.stringContaining('var.dir_d')]]);
    // A deny whose peer is not known either: the flow passes if the deny is not there or misses the client, and both are named.
    const unknownPeer = written.replace('variable "dir_d" { type = bool }\n', 'variable "dir_d" { type = bool }\nvariable "other" { type = string }\n').replace('cidr_block     = "10.0.1.0/24"\n  from_port      = 443', 'cidr_block     = var.other\n  from_port      = 443');
    expect(unknownPeer).toContain('cidr_block     = var.other');
    expect(unknownsOf(analyse(unknownPeer), q)).toEqual([[expect.stringContaining('var.other'), expect.stringContaining('var.dir_d')]]);
  });

  it('NA8: traffic between two interfaces of one subnet does not pass the ACL', () => {
    const tf = VPC + sg('server', [tcp(443, '10.0.2.0/24')]) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'app', ['client']) + acl('app', ['app'], [], []);
    expect(flows(analyse(tf), q)).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.2.1 → 10.0.2.2']);
  });
});

describe('routing', () => {
  const NAT = `
resource "aws_eip" "nat" {
  domain = "vpc"
}
resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.web.id
}
`;
  it('RT1: a subnet without an association uses the main table, which has only the local route', () => {
    const pa = analyse(VPC + sg('app', []) + instance('app', 'app', ['app']));
    expect(flows(pa, { from: 'aws_instance.app', to: 'internet' })).toEqual([]);
  });

  it('RT1: a route that names the main table through its VPC (main_route_table_id) is the main table\'s', () => {
    const base = VPC + sg('app', []) + instance('app', 'app', ['app'], '  associate_public_ip_address = true');
    const mainRoute = `resource "aws_route" "main_default" {
  route_table_id         = aws_vpc.main.main_route_table_id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}
`;
    expect(flows(analyse(base + mainRoute), { from: 'aws_instance.app', to: '198.51.100.10', port: 443 })).toEqual(['aws_instance.app → internet: tcp/443 10.0.2.1 → 198.51.100.10']);
  });

  it('RT2: the longest prefix wins: the /24 to the NAT gateway beats the default route', () => {
    const tf =
      VPC +
      NAT +
      sg('web', []) +
      instance('web', 'web', ['web'], '  associate_public_ip_address = true') +
      `resource "aws_route" "nat" {
  route_table_id         = aws_route_table.web.id
  destination_cidr_block = "203.0.113.0/24"
  nat_gateway_id         = aws_nat_gateway.nat.id
}
`;
    const pa = analyse(tf);
    // 203.0.113.0/24 goes to the NAT gateway, which serves no traffic of its own subnet (GW3): no path.
    expect(flows(pa, { from: 'aws_instance.web', to: '203.0.113.10' })).toEqual([]);
    expect(flows(pa, { from: 'aws_instance.web', to: '198.51.100.10', port: 443 })).toEqual(['aws_instance.web → internet: tcp/443 10.0.1.1 → 198.51.100.10']);
  });

  it('RT3: the local route wins over a more specific propagated route inside the VPC', () => {
    const tf =
      VPC +
      sg('server', [tcp(443, '10.0.0.0/16')]) +
      sg('client', []) +
      instance('server', 'app', ['server']) +
      instance('client', 'web', ['client']) +
      `resource "aws_vpn_gateway" "vgw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_customer_gateway" "cgw" {
  bgp_asn    = 65000
  ip_address = "198.51.100.1"
  type       = "ipsec.1"
}
resource "aws_vpn_connection" "vpn" {
  vpn_gateway_id      = aws_vpn_gateway.vgw.id
  customer_gateway_id = aws_customer_gateway.cgw.id
  type                = "ipsec.1"
  static_routes_only  = true
}
resource "aws_vpn_connection_route" "inside" {
  vpn_connection_id      = aws_vpn_connection.vpn.id
  destination_cidr_block = "10.0.2.0/24"
}
resource "aws_vpn_gateway_route_propagation" "web" {
  vpn_gateway_id = aws_vpn_gateway.vgw.id
  route_table_id = aws_route_table.web.id
}
`;
    expect(flows(analyse(tf), { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
  });

  it('GW4: a VPN that routes by BGP propagates prefixes not known: a propagating table may send any destination outside the VPC into it', () => {
    const tf =
      VPC +
      sg('client', []) +
      instance('client', 'web', ['client']) +
      sg('server', [tcp(443, '10.0.0.0/16')]) +
      instance('server', 'app', ['server']) +
      `resource "aws_vpn_gateway" "vgw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_customer_gateway" "cgw" {
  bgp_asn    = 65000
  ip_address = "198.51.100.1"
  type       = "ipsec.1"
}
resource "aws_vpn_connection" "vpn" {
  vpn_gateway_id      = aws_vpn_gateway.vgw.id
  customer_gateway_id = aws_customer_gateway.cgw.id
  type                = "ipsec.1"
}
resource "aws_vpn_gateway_route_propagation" "web" {
  vpn_gateway_id = aws_vpn_gateway.vgw.id
  route_table_id = aws_route_table.web.id
}
`;
    const pa = analyse(tf);
    const r = pathQuery(pa, { from: 'aws_instance.client', to: 'partner', port: 443, protocol: 'tcp' });
    expect(r.ok && r.flows.map((f) => f.answer.hops.map((h) => h.node))).toEqual([['aws_instance.client', 'aws_subnet.web', 'aws_vpn_gateway.vgw', 'partner']]);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'partner', port: 443 })).toEqual([['aws_vpn_connection.vpn routes by BGP: the prefixes its customer gateway advertises, which it propagates, are not known']]);
    // Never the VPC's own range (RT3).
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual([[]]);
    // Static routes only: the connection's routes, and nothing else.
    expect(flows(analyse(tf.replace('type                = "ipsec.1"\n}\nresource "aws_vpn_gateway_route_propagation"', 'type                = "ipsec.1"\n  static_routes_only  = true\n}\nresource "aws_vpn_gateway_route_propagation"')), { from: 'aws_instance.client', to: 'partner', port: 443 })).toEqual([]);
  });

  /** A second VPC 10.1.0.0/16 with one subnet and an internet gateway, and an instance in it. */
  const PEER_VPC = `
resource "aws_vpc" "peer" {
  cidr_block = "10.1.0.0/16"
}
resource "aws_internet_gateway" "peer" {
  vpc_id = aws_vpc.peer.id
}
resource "aws_subnet" "peer" {
  vpc_id     = aws_vpc.peer.id
  cidr_block = "10.1.1.0/24"
  tags       = { gridfence-zone = "app" }
}
resource "aws_security_group" "peer" {
  vpc_id = aws_vpc.peer.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/16"]
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "peer" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.peer.id
  vpc_security_group_ids = [aws_security_group.peer.id]
}
`;

  it('RT5: a peering reaches the other VPC\'s interfaces but never its internet gateway (no transit)', () => {
    const tf =
      VPC +
      PEER_VPC +
      sg('app', []) +
      instance('app', 'app', ['app']) +
      `resource "aws_vpc_peering_connection" "pcx" {
  vpc_id      = aws_vpc.main.id
  peer_vpc_id = aws_vpc.peer.id
}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block                = "0.0.0.0/0"
    vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id
  }
}
resource "aws_route_table" "peer" {
  vpc_id = aws_vpc.peer.id
  route {
    cidr_block                = "10.0.0.0/16"
    vpc_peering_connection_id = aws_vpc_peering_connection.pcx.id
  }
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.peer.id
  }
}
resource "aws_route_table_association" "peer" {
  subnet_id      = aws_subnet.peer.id
  route_table_id = aws_route_table.peer.id
}
`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.app', to: 'aws_instance.peer', port: 443 })).toEqual(['aws_instance.app → aws_instance.peer: tcp/443 10.0.2.1 → 10.1.1.1']);
    expect(flows(pa, { from: 'aws_instance.app', to: 'internet' })).toEqual([]);
    // Both sides routing through a prefix list whose entries are not known: the flow rests on it, named once.
    const listed = tf
      .replace('cidr_block                = "0.0.0.0/0"\n    vpc_peering_connection_id', 'destination_prefix_list_id = "pl-0123abcd"\n    vpc_peering_connection_id')
      .replace('cidr_block                = "10.0.0.0/16"\n    vpc_peering_connection_id', 'destination_prefix_list_id = "pl-0123abcd"\n    vpc_peering_connection_id');
    expect(listed.match(/pl-0123abcd/g)).toHaveLength(2);
    expect(unknownsOf(analyse(listed), { from: 'aws_instance.app', to: 'aws_instance.peer', port: 443 })).toEqual([['the entries of prefix list pl-0123abcd are not known']]);
  });

  const TGW = (tables: string) =>
    VPC +
    PEER_VPC +
    sg('app', []) +
    instance('app', 'app', ['app']) +
    `resource "aws_ec2_transit_gateway" "tgw" {
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
}
resource "aws_ec2_transit_gateway_vpc_attachment" "main" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  vpc_id             = aws_vpc.main.id
  subnet_ids         = [aws_subnet.app.id]
}
resource "aws_ec2_transit_gateway_vpc_attachment" "peer" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  vpc_id             = aws_vpc.peer.id
  subnet_ids         = [aws_subnet.peer.id]
}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block         = "10.1.0.0/16"
    transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  }
}
resource "aws_route_table" "peer" {
  vpc_id = aws_vpc.peer.id
  route {
    cidr_block         = "10.0.0.0/16"
    transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  }
}
resource "aws_route_table_association" "peer" {
  subnet_id      = aws_subnet.peer.id
  route_table_id = aws_route_table.peer.id
}
resource "aws_ec2_transit_gateway_route_table" "a" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
}
resource "aws_ec2_transit_gateway_route_table_association" "main" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.main.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id
}
${tables}
`;

  it('RT6: a transit gateway looks up the table associated with the ingress attachment; propagation, static routes and blackholes', () => {
    const propagated = TGW(`resource "aws_ec2_transit_gateway_route_table_propagation" "peer" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.peer.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id
}`);
    const pa = analyse(propagated);
    const r = pathQuery(pa, { from: 'aws_instance.app', to: 'aws_instance.peer', port: 443, protocol: 'tcp' });
    expect(r.ok && r.flows[0]!.answer.hops.map((h) => h.node)).toEqual(['aws_instance.app', 'aws_subnet.app', 'aws_ec2_transit_gateway_vpc_attachment.main', 'aws_subnet.peer', 'aws_instance.peer']);
    // No route in the associated table: nothing gets through.
    expect(flows(analyse(TGW('')), { from: 'aws_instance.app', to: 'aws_instance.peer', port: 443 })).toEqual([]);
    // A static blackhole of the same length wins over the propagated route.
    const blackholed = TGW(`resource "aws_ec2_transit_gateway_route_table_propagation" "peer" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.peer.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id
}
resource "aws_ec2_transit_gateway_route" "drop" {
  destination_cidr_block         = "10.1.0.0/16"
  blackhole                      = true
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id
}`);
    expect(flows(analyse(blackholed), { from: 'aws_instance.app', to: 'aws_instance.peer', port: 443 })).toEqual([]);
  });

  it('a transit gateway route whose destination is known only after apply may take any packet, and the flow rests on it', () => {
    const pa = analyse(
      TGW(`resource "aws_ec2_transit_gateway_route" "any" {
  destination_cidr_block         = aws_vpc_ipam_pool.pool.cidr
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.peer.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id
}`) + POOL,
    );
    expect(flows(pa, { from: 'aws_instance.app', to: 'aws_instance.peer', port: 443 })).toEqual(['aws_instance.app → aws_instance.peer: tcp/443 10.0.2.1 → 10.1.1.1']);
    expect(unknownsOf(pa, { from: 'aws_instance.app', to: 'aws_instance.peer', port: 443 })).toEqual([['aws_vpc_ipam_pool.pool.cidr is known only after apply']]);
  });

  it('RT6: a transit gateway route to an attachment the configuration does not hold leads anywhere, both ways, resting on that; only a blackhole drops', () => {
    const tf = TGW(`resource "aws_ec2_transit_gateway_route" "egress" {
  destination_cidr_block         = "0.0.0.0/0"
  transit_gateway_attachment_id  = "tgw-attach-0123456789abcdef0"
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id
}
resource "aws_route" "egress" {
  route_table_id         = aws_vpc.main.default_route_table_id
  destination_cidr_block = "0.0.0.0/0"
  transit_gateway_id     = aws_ec2_transit_gateway.tgw.id
}`);
    const pa = analyse(tf);
    const r = pathQuery(pa, { from: 'aws_instance.app', to: 'internet', port: 443, protocol: 'tcp' });
    expect(r.ok && r.flows.map((f) => f.answer.hops.map((h) => h.node))).toEqual([['aws_instance.app', 'aws_subnet.app', 'aws_ec2_transit_gateway_vpc_attachment.main', 'tgw-attach-0123456789abcdef0', 'internet']]);
    const why = 'the attachment aws_ec2_transit_gateway_route.egress routes to (tgw-attach-0123456789abcdef0) is not in the configuration: it may lead anywhere';
    expect(unknownsOf(pa, { from: 'aws_instance.app', to: 'internet', port: 443 })).toEqual([[why]]);
    // Back through it: a table not known may send anything to the VPC's attachment.
    const open = analyse(tf.replace('resource "aws_security_group" "app" {\n  vpc_id = aws_vpc.main.id\n', `resource "aws_security_group" "app" {\n  vpc_id = aws_vpc.main.id\n${block('ingress', tcp(443, '0.0.0.0/0'))}\n`));
    const back = pathQuery(open, { from: 'internet', to: 'aws_instance.app', port: 443, protocol: 'tcp' });
    expect(back.ok && back.flows.map((f) => [f.answer.hops.map((h) => h.node), f.answer.unknowns.map((u) => u.reason)])).toEqual([[['internet', 'tgw-attach-0123456789abcdef0 (inbound)', 'aws_subnet.app', 'aws_instance.app'], [why]]]);
    const blackholed = analyse(tf.replace('transit_gateway_attachment_id  = "tgw-attach-0123456789abcdef0"', 'blackhole                      = true'));
    expect(flows(blackholed, { from: 'aws_instance.app', to: 'internet' })).toEqual([]);
  });

  it('RT6: traffic entering a VPC from a transit gateway goes on by the attachment subnet\'s route table (centralised egress)', () => {
    const tf = TGW(`resource "aws_ec2_transit_gateway_route" "default" {
  destination_cidr_block         = "0.0.0.0/0"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.peer.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id
}
resource "aws_eip" "egress" {
  domain = "vpc"
}
resource "aws_subnet" "egress" {
  vpc_id     = aws_vpc.peer.id
  cidr_block = "10.1.2.0/24"
}
resource "aws_nat_gateway" "egress" {
  allocation_id = aws_eip.egress.id
  subnet_id     = aws_subnet.egress.id
}
resource "aws_route_table" "egress" {
  vpc_id = aws_vpc.peer.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.peer.id
  }
}
resource "aws_route_table_association" "egress" {
  subnet_id      = aws_subnet.egress.id
  route_table_id = aws_route_table.egress.id
}
resource "aws_route" "to_nat" {
  route_table_id         = aws_route_table.peer.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.egress.id
}`).replace('resource "aws_default_route_table" "main" {\n  default_route_table_id = aws_vpc.main.default_route_table_id\n  route {\n    cidr_block         = "10.1.0.0/16"', 'resource "aws_default_route_table" "main" {\n  default_route_table_id = aws_vpc.main.default_route_table_id\n  route {\n    cidr_block         = "0.0.0.0/0"');
    const pa = analyse(tf);
    const r = pathQuery(pa, { from: 'aws_instance.app', to: 'internet', port: 443, protocol: 'tcp' });
    expect(r.ok && r.flows.map((f) => f.answer.hops.map((h) => h.node))).toEqual([
      ['aws_instance.app', 'aws_subnet.app', 'aws_ec2_transit_gateway_vpc_attachment.main', 'aws_subnet.peer', 'aws_nat_gateway.egress', 'aws_nat_gateway.egress', 'aws_subnet.egress', 'aws_internet_gateway.peer', 'internet'],
    ]);
  });

  describe('centralised inspection through a transit gateway (appliance mode)', () => {
    /**
     * Spoke VPCs a (10.0.0.0/16) and b (10.1.0.0/16) route everything to the gateway, whose spoke
     * table sends it to the inspection VPC; there the attachment subnets' table hands it to the
     * firewall, whose subnets' table sends it back to the gateway, whose firewall table (the
     * spokes propagate into it) delivers it. `mode` is the inspection attachment's appliance mode line.
     */
    const inspection = (mode: string, subnets = '[aws_subnet.tgw_a.id, aws_subnet.tgw_c.id]') => `resource "aws_vpc" "a" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc" "b" {
  cidr_block = "10.1.0.0/16"
}
resource "aws_vpc" "insp" {
  cidr_block = "100.64.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.a.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "ap-northeast-1a"
  tags              = { gridfence-zone = "app" }
}
resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.b.id
  cidr_block        = "10.1.1.0/24"
  availability_zone = "ap-northeast-1c"
  tags              = { gridfence-zone = "web" }
}
resource "aws_subnet" "tgw_a" {
  vpc_id            = aws_vpc.insp.id
  cidr_block        = "100.64.0.0/28"
  availability_zone = "ap-northeast-1a"
}
resource "aws_subnet" "tgw_c" {
  vpc_id            = aws_vpc.insp.id
  cidr_block        = "100.64.0.16/28"
  availability_zone = "ap-northeast-1c"
}
resource "aws_subnet" "fw_a" {
  vpc_id            = aws_vpc.insp.id
  cidr_block        = "100.64.1.0/28"
  availability_zone = "ap-northeast-1a"
}
resource "aws_subnet" "fw_c" {
  vpc_id            = aws_vpc.insp.id
  cidr_block        = "100.64.1.16/28"
  availability_zone = "ap-northeast-1c"
}
resource "aws_security_group" "a" {
  vpc_id = aws_vpc.a.id
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "b" {
  vpc_id = aws_vpc.b.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/8"]
  }
}
resource "aws_instance" "a" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.a.id
  vpc_security_group_ids = [aws_security_group.a.id]
}
resource "aws_instance" "b" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.b.id
  vpc_security_group_ids = [aws_security_group.b.id]
}
resource "aws_networkfirewall_firewall" "fw" {
  name                = "inspection"
  firewall_policy_arn = "arn:aws:network-firewall:ap-northeast-1:111122223333:firewall-policy/inspection"
  vpc_id              = aws_vpc.insp.id
  subnet_mapping {
    subnet_id = aws_subnet.fw_a.id
  }
  subnet_mapping {
    subnet_id = aws_subnet.fw_c.id
  }
}
resource "aws_ec2_transit_gateway" "tgw" {
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
}
resource "aws_ec2_transit_gateway_vpc_attachment" "a" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  vpc_id             = aws_vpc.a.id
  subnet_ids         = [aws_subnet.a.id]
}
resource "aws_ec2_transit_gateway_vpc_attachment" "b" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  vpc_id             = aws_vpc.b.id
  subnet_ids         = [aws_subnet.b.id]
}
resource "aws_ec2_transit_gateway_vpc_attachment" "insp" {
  transit_gateway_id     = aws_ec2_transit_gateway.tgw.id
  vpc_id                 = aws_vpc.insp.id
  subnet_ids             = ${subnets}
${mode}}
resource "aws_ec2_transit_gateway_route_table" "spoke" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
}
resource "aws_ec2_transit_gateway_route_table" "fw" {
  transit_gateway_id = aws_ec2_transit_gateway.tgw.id
}
resource "aws_ec2_transit_gateway_route_table_association" "a" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.a.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spoke.id
}
resource "aws_ec2_transit_gateway_route_table_association" "b" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.b.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spoke.id
}
resource "aws_ec2_transit_gateway_route_table_association" "insp" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.insp.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.fw.id
}
resource "aws_ec2_transit_gateway_route" "spoke_default" {
  destination_cidr_block         = "0.0.0.0/0"
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.insp.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.spoke.id
}
resource "aws_ec2_transit_gateway_route_table_propagation" "a" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.a.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.fw.id
}
resource "aws_ec2_transit_gateway_route_table_propagation" "b" {
  transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.b.id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.fw.id
}
resource "aws_default_route_table" "a" {
  default_route_table_id = aws_vpc.a.default_route_table_id
  route {
    cidr_block         = "0.0.0.0/0"
    transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  }
}
resource "aws_default_route_table" "b" {
  default_route_table_id = aws_vpc.b.default_route_table_id
  route {
    cidr_block         = "0.0.0.0/0"
    transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  }
}
resource "aws_route_table" "tgw" {
  vpc_id = aws_vpc.insp.id
  route {
    cidr_block      = "0.0.0.0/0"
    vpc_endpoint_id = aws_networkfirewall_firewall.fw.firewall_status[0].sync_states[0].attachment[0].endpoint_id
  }
}
resource "aws_route_table_association" "tgw_a" {
  subnet_id      = aws_subnet.tgw_a.id
  route_table_id = aws_route_table.tgw.id
}
resource "aws_route_table_association" "tgw_c" {
  subnet_id      = aws_subnet.tgw_c.id
  route_table_id = aws_route_table.tgw.id
}
resource "aws_route_table" "fw" {
  vpc_id = aws_vpc.insp.id
  route {
    cidr_block         = "10.0.0.0/8"
    transit_gateway_id = aws_ec2_transit_gateway.tgw.id
  }
}
resource "aws_route_table_association" "fw_a" {
  subnet_id      = aws_subnet.fw_a.id
  route_table_id = aws_route_table.fw.id
}
resource "aws_route_table_association" "fw_c" {
  subnet_id      = aws_subnet.fw_c.id
  route_table_id = aws_route_table.fw.id
}
`;
    const q = { from: 'aws_instance.a', to: 'aws_instance.b', port: 443, protocol: 'tcp' } as const;
    const HOPS = ['aws_instance.a', 'aws_subnet.a', 'aws_ec2_transit_gateway_vpc_attachment.a', 'aws_subnet.tgw_a', 'aws_networkfirewall_firewall.fw', 'aws_networkfirewall_firewall.fw', 'aws_subnet.fw_a', 'aws_ec2_transit_gateway_vpc_attachment.insp', 'aws_subnet.b', 'aws_instance.b'];
    const off = (mode: string) =>
      `${mode}: aws_ec2_transit_gateway.tgw keeps each direction of a flow in the Availability Zone where it entered, so the reply may pass another zone's appliance than the request, which a stateful one drops`;

    /** An appliance instance in subnet fw_a (source/destination check off) that passes 10.0.0.0/8. */
    const FW_INSTANCE = `resource "aws_security_group" "fw" {
  vpc_id = aws_vpc.insp.id
  ingress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["10.0.0.0/8"]
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["10.0.0.0/8"]
  }
}
resource "aws_instance" "fw" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.fw_a.id
  vpc_security_group_ids = [aws_security_group.fw.id]
  source_dest_check      = false
}
`;

    it('with appliance mode on, the flow through the firewall is certain', () => {
      const pa = analyse(inspection('  appliance_mode_support = "enable"\n'));
      expect(nodesOf(pa, q)).toEqual([HOPS]);
      expect(unknownsOf(pa, q)).toEqual([[]]);
    });

    it.each([
      ['off', '  appliance_mode_support = "disable"\n', off('appliance mode is off for aws_ec2_transit_gateway_vpc_attachment.insp')],
      ['left to AWS\'s default (off)', '', off('appliance mode is off for aws_ec2_transit_gateway_vpc_attachment.insp')],
      ['not known', '  appliance_mode_support = var.mode\n', off('whether appliance mode is on for aws_ec2_transit_gateway_vpc_attachment.insp is not known (var.mode has no value (no default, no tfvars entry, no --var))')],
    ])('with appliance mode %s, across zones the reply may meet another zone\'s firewall endpoint: the flow is possible, never lost', (_name, mode, why) => {
      const pa = analyse(`variable "mode" {\n  type = string\n}\n${inspection(mode)}`);
      expect(nodesOf(pa, q)).toEqual([HOPS]);
      expect(unknownsOf(pa, q)).toEqual([[why]]);
    });

    it('an appliance mode AWS refuses is an error at the value, and not known: the flow is possible, never read as off', () => {
      const tf = inspection('  appliance_mode_support = "enabled"\n');
      const { pa, refused } = analyseRefused(tf);
      const line = tf.split('\n').findIndex((l) => l.includes('appliance_mode_support')) + 1;
      expect(refused).toEqual([`${line}:3 aws_ec2_transit_gateway_vpc_attachment.insp appliance_mode_support: "enabled" is not "enable" or "disable": AWS refuses it, so what it sets cannot be known`]);
      expect(nodesOf(pa, q)).toEqual([HOPS]);
      expect(unknownsOf(pa, q)).toEqual([[off('whether appliance mode is on for aws_ec2_transit_gateway_vpc_attachment.insp is not known ("enabled" is not a mode AWS takes)')]]);
    });

    it('an attachment in one Availability Zone keeps both directions on one firewall endpoint: certain', () => {
      const pa = analyse(inspection('  appliance_mode_support = "disable"\n', '[aws_subnet.tgw_a.id]'));
      expect(nodesOf(pa, q)).toEqual([HOPS]);
      expect(unknownsOf(pa, q)).toEqual([[]]);
    });

    it('one appliance instance that every entry subnet routes to sees both directions whichever zone each enters by: certain without appliance mode; with a subnet not held among them, possible', () => {
      const viaInstance = (subnets?: string) =>
        inspection('  appliance_mode_support = "disable"\n', subnets).replace(
          'vpc_endpoint_id = aws_networkfirewall_firewall.fw.firewall_status[0].sync_states[0].attachment[0].endpoint_id',
          'network_interface_id = aws_instance.fw.primary_network_interface_id',
        ) + FW_INSTANCE;
      const hops = ['aws_instance.a', 'aws_subnet.a', 'aws_ec2_transit_gateway_vpc_attachment.a', 'aws_subnet.tgw_a', 'aws_instance.fw', 'aws_instance.fw', 'aws_subnet.fw_a', 'aws_ec2_transit_gateway_vpc_attachment.insp', 'aws_subnet.b', 'aws_instance.b'];
      const one = analyse(viaInstance());
      expect(nodesOf(one, q)).toEqual([hops]);
      expect(unknownsOf(one, q)).toEqual([[]]);
      const unheld = analyse(viaInstance('[aws_subnet.tgw_a.id, aws_subnet.tgw_c.id, "subnet-0123456789abcdef0"]'));
      expect(nodesOf(unheld, q)).toEqual([hops]);
      expect(unknownsOf(unheld, q)).toEqual([[off('appliance mode is off for aws_ec2_transit_gateway_vpc_attachment.insp')]]);
      // An instance per zone, each entry subnet routing to its own: the reply may meet the other one.
      const perZone = analyse(
        viaInstance().replace('subnet_id      = aws_subnet.tgw_c.id\n  route_table_id = aws_route_table.tgw.id', 'subnet_id      = aws_subnet.tgw_c.id\n  route_table_id = aws_route_table.tgw_c.id') +
          `resource "aws_route_table" "tgw_c" {
  vpc_id = aws_vpc.insp.id
  route {
    cidr_block           = "0.0.0.0/0"
    network_interface_id = aws_instance.fw_c.primary_network_interface_id
  }
}
resource "aws_instance" "fw_c" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.fw_c.id
  vpc_security_group_ids = [aws_security_group.fw.id]
  source_dest_check      = false
}
`,
      );
      expect(nodesOf(perZone, q)).toEqual([hops]);
      expect(unknownsOf(perZone, q)).toEqual([[off('appliance mode is off for aws_ec2_transit_gateway_vpc_attachment.insp')]]);
    });

    it('a table an entry subnet may use instead makes no way certain: one appliance instance there leaves the firewall of its own table possible', () => {
      // The entry subnets' own table sends b's range to the firewall (an endpoint per zone) and routes
      // the replies to the instance; a table any subnet may use (its association's subnet is not
      // known) sends b's range to the instance.
      const tf =
        `variable "sub" {\n  type = string\n}\n${inspection('  appliance_mode_support = "disable"\n').replace(
          'cidr_block      = "0.0.0.0/0"\n    vpc_endpoint_id',
          'cidr_block           = "10.0.0.0/16"\n    network_interface_id = aws_instance.fw.primary_network_interface_id\n  }\n  route {\n    cidr_block      = "10.1.0.0/16"\n    vpc_endpoint_id',
        )}${FW_INSTANCE}` +
        `resource "aws_route_table" "maybe" {
  vpc_id = aws_vpc.insp.id
  route {
    cidr_block           = "10.1.0.0/16"
    network_interface_id = aws_instance.fw.primary_network_interface_id
  }
}
resource "aws_route_table_association" "maybe" {
  subnet_id      = var.sub
  route_table_id = aws_route_table.maybe.id
}
`;
      const pa = analyse(tf);
      expect(nodesOf(pa, q)).toEqual([['aws_instance.a', 'aws_subnet.a', 'aws_ec2_transit_gateway_vpc_attachment.a', 'aws_subnet.tgw_a', 'aws_instance.fw', 'aws_instance.fw', 'aws_subnet.fw_a', 'aws_ec2_transit_gateway_vpc_attachment.insp', 'aws_subnet.b', 'aws_instance.b']]);
      expect(unknownsOf(pa, q)).toEqual([
        [
          off('appliance mode is off for aws_ec2_transit_gateway_vpc_attachment.insp'),
          'the subnet of aws_route_table_association.maybe is not known (var.sub has no value (no default, no tfvars entry, no --var)): any subnet of aws_vpc.insp may use aws_route_table.maybe',
        ],
      ]);
    });

    it.each([
      ['a subnet named by id', '[aws_subnet.tgw_a.id, "subnet-0123456789abcdef0"]'],
      ['a subnet not known', '[aws_subnet.tgw_a.id, var.mode]'],
    ])('an attachment with one held subnet and %s beside it spans two zones (AWS takes one subnet per zone): possible, not certain', (_name, subnets) => {
      const pa = analyse(`variable "mode" {\n  type = string\n}\n${inspection('  appliance_mode_support = "disable"\n', subnets)}`);
      expect(nodesOf(pa, q)).toEqual([HOPS]);
      expect(unknownsOf(pa, q)).toEqual([[off('appliance mode is off for aws_ec2_transit_gateway_vpc_attachment.insp')]]);
    });
  });

  describe('RT6: a transit gateway association or propagation whose table or attachment is not known', () => {
    const VAR = 'variable "unset" {\n  type = string\n}\n';
    const ASSOCIATED = 'transit_gateway_attachment_id  = aws_ec2_transit_gateway_vpc_attachment.main.id\n  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.a.id';
    const PROPAGATE = (attachment: string, table: string) => `resource "aws_ec2_transit_gateway_route_table_propagation" "peer" {
  transit_gateway_attachment_id  = ${attachment}
  transit_gateway_route_table_id = ${table}
}
`;
    const hopsAndReasons = (pa: PathAnalysis, to: string) => {
      const r = pathQuery(pa, { from: 'aws_instance.app', to, port: 443, protocol: 'tcp' });
      if (!r.ok) throw new Error(r.error);
      return r.flows.map((f) => [f.answer.hops.map((h) => h.node), f.answer.unknowns.map((u) => u.reason)]);
    };

    it.each([
      ['known only after apply', 'var.unset', 'the route table of aws_ec2_transit_gateway_route_table_association.main is not known (var.unset has no value (no default, no tfvars entry, no --var))'],
      ['an id the configuration does not hold', '"tgw-rtb-0123456789abcdef0"', 'the route table of aws_ec2_transit_gateway_route_table_association.main (tgw-rtb-0123456789abcdef0) is not in the configuration'],
    ])('an attachment associated with a table %s has its traffic looked up there: it may lead anywhere, possibly, never dropped', (_name, table, why) => {
      const tf = TGW(VAR + PROPAGATE('aws_ec2_transit_gateway_vpc_attachment.peer.id', 'aws_ec2_transit_gateway_route_table.a.id')).replace(ASSOCIATED, ASSOCIATED.replace('aws_ec2_transit_gateway_route_table.a.id', table));
      const pa = analyse(tf);
      const reason = `${why}: aws_ec2_transit_gateway_vpc_attachment.main may have its traffic looked up in any route table of aws_ec2_transit_gateway.tgw, whose routes may lead anywhere`;
      // To the other VPC: by the table not known, or by the held table it may be (which the peer propagates to).
      expect(hopsAndReasons(pa, 'aws_instance.peer')).toEqual([[['aws_instance.app', 'aws_subnet.app', 'aws_ec2_transit_gateway_vpc_attachment.main', 'aws_subnet.peer', 'aws_instance.peer'], [reason]]]);
      const hop = pathQuery(pa, { from: 'aws_instance.app', to: 'aws_instance.peer', port: 443, protocol: 'tcp' });
      expect(hop.ok && hop.flows[0]!.answer.hops[3]!.reasons.map((w) => w.text)).toContain('a route table of aws_ec2_transit_gateway.tgw not known, which aws_ec2_transit_gateway_vpc_attachment.main may use: its routes may lead anywhere');
      // Beyond the gateway: anywhere, the internet included (for what the VPC routes to the gateway).
      const out = analyse(tf.replace('cidr_block         = "10.1.0.0/16"\n    transit_gateway_id', 'cidr_block         = "0.0.0.0/0"\n    transit_gateway_id'));
      expect(hopsAndReasons(out, 'internet')).toEqual([[['aws_instance.app', 'aws_subnet.app', 'aws_ec2_transit_gateway_vpc_attachment.main', 'the route table of aws_ec2_transit_gateway_vpc_attachment.main', 'internet'], [reason]]]);
    });

    it('a held table associated with an attachment not known may be any attachment\'s: its routes carry the traffic, possibly', () => {
      const tf = TGW(VAR + PROPAGATE('aws_ec2_transit_gateway_vpc_attachment.peer.id', 'aws_ec2_transit_gateway_route_table.a.id')).replace(ASSOCIATED, ASSOCIATED.replace('aws_ec2_transit_gateway_vpc_attachment.main.id', 'var.unset'));
      expect(hopsAndReasons(analyse(tf), 'aws_instance.peer')).toEqual([
        [
          ['aws_instance.app', 'aws_subnet.app', 'aws_ec2_transit_gateway_vpc_attachment.main', 'aws_subnet.peer', 'aws_instance.peer'],
          ['the attachment of aws_ec2_transit_gateway_route_table_association.main is not known (var.unset has no value (no default, no tfvars entry, no --var)): any attachment of aws_ec2_transit_gateway.tgw may have its traffic looked up in aws_ec2_transit_gateway_route_table.a'],
        ],
      ]);
    });

    it('a propagation into a table not known may be into the held table: the attachment\'s prefixes, possibly', () => {
      const pa = analyse(TGW(VAR + PROPAGATE('aws_ec2_transit_gateway_vpc_attachment.peer.id', 'var.unset')));
      expect(hopsAndReasons(pa, 'aws_instance.peer')).toEqual([
        [
          ['aws_instance.app', 'aws_subnet.app', 'aws_ec2_transit_gateway_vpc_attachment.main', 'aws_subnet.peer', 'aws_instance.peer'],
          ['the route table of aws_ec2_transit_gateway_route_table_propagation.peer is not known (var.unset has no value (no default, no tfvars entry, no --var)): aws_ec2_transit_gateway_vpc_attachment.peer may propagate its prefixes into any route table of aws_ec2_transit_gateway.tgw'],
        ],
      ]);
    });

    it('a propagation from an attachment not known into the held table: any prefix, toward any attachment or anywhere, possibly', () => {
      const pa = analyse(TGW(VAR + PROPAGATE('"tgw-attach-0123456789abcdef0"', 'aws_ec2_transit_gateway_route_table.a.id')));
      const why = 'the attachment of aws_ec2_transit_gateway_route_table_propagation.peer (tgw-attach-0123456789abcdef0) is not in the configuration: aws_ec2_transit_gateway_route_table.a may hold the routes of any attachment, to any prefix';
      expect(hopsAndReasons(pa, 'aws_instance.peer')).toEqual([[['aws_instance.app', 'aws_subnet.app', 'aws_ec2_transit_gateway_vpc_attachment.main', 'aws_subnet.peer', 'aws_instance.peer'], [why]]]);
      const out = analyse(TGW(VAR + PROPAGATE('"tgw-attach-0123456789abcdef0"', 'aws_ec2_transit_gateway_route_table.a.id')).replace('cidr_block         = "10.1.0.0/16"\n    transit_gateway_id', 'cidr_block         = "0.0.0.0/0"\n    transit_gateway_id'));
      expect(hopsAndReasons(out, 'internet')).toEqual([[['aws_instance.app', 'aws_subnet.app', 'aws_ec2_transit_gateway_vpc_attachment.main', 'an attachment propagating into aws_ec2_transit_gateway_route_table.a', 'internet'], [why]]]);
    });
  });

  it('RT4: a route with no live target drops (blackhole)', () => {
    const tf =
      VPC +
      sg('web', []) +
      instance('web', 'web', ['web'], '  associate_public_ip_address = true') +
      `resource "aws_route" "dead" {
  route_table_id         = aws_route_table.web.id
  destination_cidr_block = "198.51.100.0/24"
}
`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.web', to: '198.51.100.10' })).toEqual([]);
    expect(flows(pa, { from: 'aws_instance.web', to: '203.0.113.10', port: 443 })).toEqual(['aws_instance.web → internet: tcp/443 10.0.1.1 → 203.0.113.10']);
  });
});

describe('gateways', () => {
  const WEB = VPC + sg('web', [tcp(443, '0.0.0.0/0')]);

  it('GW1: the internet reaches an instance only with a public address, a route back to the gateway, and groups and ACLs that allow it', () => {
    expect(flows(analyse(WEB + instance('web', 'web', ['web'], '  associate_public_ip_address = true')), { from: 'internet', to: 'aws_instance.web', port: 443 })).toEqual([
      'internet → aws_instance.web: tcp/443 8.8.8.8 → 10.0.1.1',
    ]);
    expect(blockedBy(analyse(WEB + instance('web', 'web', ['web'])), { from: 'internet', to: 'aws_instance.web', port: 443 })).toEqual(['IGW_NO_PUBLIC_IP']);
    expect(blockedBy(analyse(WEB + instance('web', 'app', ['web'], '  associate_public_ip_address = true')), { from: 'internet', to: 'aws_instance.web', port: 443 })).toEqual(['IGW_NO_RETURN_ROUTE']);
  });

  it('GW1: a host without a public address never leaves by the internet gateway, though a public host beside it takes its address at launch from the same range', () => {
    const q = (from: string) => ({ from, to: 'internet', port: 443 });
    const pa = analyse(WEB + instance('pub', 'web', ['web'], '  associate_public_ip_address = true') + instance('priv', 'web', ['web'], '  associate_public_ip_address = false'));
    expect(flows(pa, q('aws_instance.priv'))).toEqual([]);
    expect(flows(pa, q('aws_instance.pub'))).toEqual(['aws_instance.pub → internet: tcp/443 10.0.1.1 → 8.8.8.8']);
    expect(unknownsOf(pa, q('aws_instance.pub'))).toEqual([[]]);
    // The zone's flow is the public host's, and certain.
    expect(unknownsOf(pa, q('web'))).toEqual([[]]);
  });

  it('GW1: a Gateway Load Balancer takes no scheme and has no public address; a load balancer whose type is not known may have one', () => {
    const lb = (type: string) => `${WEB}variable "type" {\n  type = string\n}\nresource "aws_lb" "gw" {\n  load_balancer_type = ${type}\n  subnets            = [aws_subnet.web.id]\n}\n`;
    const publicOf = (pa: PathAnalysis) => pa.net.endpoints.get('aws_lb.gw')!;
    expect(publicOf(analyse(lb('"gateway"'))).publicAddress).toBe('no');
    expect(publicOf(analyse(lb('"network"'))).publicAddress).toBe('yes');
    const unknown = publicOf(analyse(lb('var.type')));
    expect([unknown.publicAddress, unknown.publicUnknown?.reason]).toEqual(['unknown', 'var.type has no value (no default, no tfvars entry, no --var)']);
  });

  it('GW1: an Elastic IP given to an instance launched with its own interface sits on that interface', () => {
    const tf = `${WEB}
resource "aws_network_interface" "nic" {
  subnet_id       = aws_subnet.web.id
  private_ips     = ["10.0.1.14"]
  security_groups = [aws_security_group.web.id]
}
resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  network_interface {
    network_interface_id = aws_network_interface.nic.id
    device_index         = 0
  }
}
resource "aws_eip" "web" {
  domain   = "vpc"
  instance = aws_instance.web.id
}
`;
    expect(flows(analyse(tf), { from: 'internet', to: 'aws_network_interface.nic', port: 443 })).toEqual(['internet → aws_network_interface.nic: tcp/443 8.8.8.8 → 10.0.1.14']);
  });

  it('GW1: an interface attached to an instance is one host with it: the internet reaches the instance through an interface with a public address, and the instance sends through it', () => {
    const tf = `${WEB}${sg('app', [tcp(443, '10.0.0.0/16')])}${instance('app', 'app', ['app'])}
resource "aws_network_interface" "public" {
  subnet_id       = aws_subnet.web.id
  private_ips     = ["10.0.1.14"]
  security_groups = [aws_security_group.web.id]
}
resource "aws_network_interface_attachment" "public" {
  instance_id          = aws_instance.app.id
  network_interface_id = aws_network_interface.public.id
  device_index         = 1
}
resource "aws_eip" "public" {
  domain            = "vpc"
  network_interface = aws_network_interface.public.id
}
`;
    const pa = analyse(tf);
    const r = pathQuery(pa, { from: 'internet', to: 'aws_instance.app', port: 443, protocol: 'tcp' });
    expect(r.ok && r.flows.map((f) => [f.answer.hops.map((h) => h.node), f.answer.unknowns])).toEqual([[['internet', 'aws_internet_gateway.igw', 'aws_network_interface.public', 'aws_instance.app'], []]]);
    expect(flows(pa, { from: 'aws_instance.app', to: 'internet', port: 443 })).toEqual(['aws_instance.app → internet: tcp/443 10.0.1.14 → 8.8.8.8']);
    // In a zone of its own (web), the interface still answers for that zone.
    expect(flows(pa, { from: 'internet', to: 'web', port: 443 }).map((f) => f.split(':')[0])).toEqual(['internet → aws_network_interface.public']);
    // The same by the interface's attachment block.
    const inline = analyse(tf.replace(/resource "aws_network_interface_attachment"[^}]*}\n/, '').replace('  security_groups = [aws_security_group.web.id]\n', '  security_groups = [aws_security_group.web.id]\n  attachment {\n    instance     = aws_instance.app.id\n    device_index = 1\n  }\n'));
    const byBlock = pathQuery(inline, { from: 'internet', to: 'aws_instance.app', port: 443, protocol: 'tcp' });
    expect(byBlock.ok && byBlock.flows.map((f) => [f.answer.hops.map((h) => h.node), f.answer.unknowns])).toEqual([[['internet', 'aws_internet_gateway.igw', 'aws_network_interface.public', 'aws_instance.app'], []]]);
    // Not attached: a host of its own.
    expect(flows(analyse(tf.replace(/resource "aws_network_interface_attachment"[^}]*}\n/, '')), { from: 'internet', to: 'aws_instance.app', port: 443 })).toEqual([]);
  });

  it('GW2: a forwarding instance with a public address (a NAT instance) may translate what it forwards to its own address: a possible way out', () => {
    const tf = `${WEB}${sg('app', [])}${instance('app', 'app', ['app'])}${sg('nat', ['{ protocol = "-1", from_port = 0, to_port = 0, cidr_blocks = ["10.0.0.0/16"] }'])}${instance('nat', 'web', ['nat'], '  associate_public_ip_address = true\n  source_dest_check           = false')}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block           = "0.0.0.0/0"
    network_interface_id = aws_instance.nat.primary_network_interface_id
  }
}
`;
    const pa = analyse(tf);
    const r = pathQuery(pa, { from: 'aws_instance.app', to: 'internet', port: 443, protocol: 'tcp' });
    expect(r.ok && r.flows.map((f) => f.answer.hops.map((h) => h.node))).toEqual([['aws_instance.app', 'aws_subnet.app', 'aws_instance.nat', 'aws_instance.nat', 'aws_subnet.web', 'aws_internet_gateway.igw', 'internet']]);
    expect(unknownsOf(pa, { from: 'aws_instance.app', to: 'internet', port: 443 })).toEqual([['whether aws_instance.nat translates the sources it forwards to its own address (a NAT instance) is set on the host, which the configuration does not show']]);
    // Without a public address it translates to nothing the internet gateway lets out.
    expect(flows(analyse(tf.replace('associate_public_ip_address = true', 'associate_public_ip_address = false')), { from: 'aws_instance.app', to: 'internet' })).toEqual([]);
  });

  it('GW2: a source/destination check not known before apply may be off: the NAT instance possibly forwards, resting on that', () => {
    const tf = `variable "sdc" {\n  type = bool\n}\n${WEB}${sg('app', [])}${instance('app', 'app', ['app'])}${sg('nat', ['{ protocol = "-1", from_port = 0, to_port = 0, cidr_blocks = ["10.0.0.0/16"] }'])}${instance('nat', 'web', ['nat'], '  associate_public_ip_address = true\n  source_dest_check           = var.sdc')}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block           = "0.0.0.0/0"
    network_interface_id = aws_instance.nat.primary_network_interface_id
  }
}
`;
    const pa = analyse(tf);
    const [why] = unknownsOf(pa, { from: 'aws_instance.app', to: 'internet', port: 443 });
    expect(why).toEqual([
      expect.stringMatching(/^whether aws_instance\.nat forwards packets not its own is not known: its source\/destination check is not known before apply \(var\.sdc has no value/),
      'whether aws_instance.nat translates the sources it forwards to its own address (a NAT instance) is set on the host, which the configuration does not show',
    ]);
    // Left at its default (on), it forwards nothing.
    expect(flows(analyse(tf.replace('  source_dest_check           = var.sdc\n', '')), { from: 'aws_instance.app', to: 'internet' })).toEqual([]);
  });

  it('GW2: the internet gateway drops egress from an instance without a public address', () => {
    const pa = analyse(WEB + instance('web', 'web', ['web']));
    expect(flows(pa, { from: 'aws_instance.web', to: 'internet' })).toEqual([]);
  });

  it('GW3: a NAT gateway serves other subnets outbound only (TCP, UDP, ICMP), from its own address on ports 1024–65535', () => {
    const tf =
      VPC +
      sg('app', [tcp(443, '0.0.0.0/0')]) +
      instance('app', 'app', ['app']) +
      `resource "aws_eip" "nat" {
  domain  = "vpc"
  address = "198.51.100.10"
}
resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.web.id
}
resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}
`;
    const pa = analyse(tf);
    const r = pathQuery(pa, { from: 'aws_instance.app', to: 'internet', port: 443, protocol: 'tcp' });
    expect(r.ok && r.flows.map((f) => f.answer.hops.map((h) => h.node))).toEqual([['aws_instance.app', 'aws_subnet.app', 'aws_nat_gateway.nat', 'aws_nat_gateway.nat', 'aws_subnet.web', 'aws_internet_gateway.igw', 'internet']]);
    const last = r.ok ? r.flows[0]!.answer.packet : undefined;
    expect(last && last.srcPort).toBeGreaterThanOrEqual(1024);
    // Every address the instance may get leaves so: its address assigned at launch is no doubt,
    // though the gateway replaced the source on the way.
    expect(unknownsOf(pa, { from: 'aws_instance.app', to: 'internet', port: 443 })).toEqual([[]]);
    expect(flows(pa, { from: 'aws_instance.app', to: 'internet', protocol: 'any' }).length).toBe(1);
    const gre = pathQuery(pa, { from: 'aws_instance.app', to: 'internet', protocol: 'any' });
    expect(gre.ok && pa.hs.bdd.and(gre.flows[0]!.answer.set, pa.hs.protocol(47))).toBe(pa.hs.none);
    expect(flows(pa, { from: 'internet', to: 'aws_instance.app', port: 443 })).toEqual([]);
  });

  it('GW4: a VPN gateway leads to the external network its address belongs to, by static route or propagation', () => {
    const tf =
      VPC +
      sg('app', [tcp(443, '192.0.2.0/24')]) +
      instance('app', 'app', ['app']) +
      `resource "aws_vpn_gateway" "vgw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block = "192.0.2.0/24"
    gateway_id = aws_vpn_gateway.vgw.id
  }
}
`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'partner', to: 'aws_instance.app', port: 443 })).toEqual(['partner → aws_instance.app: tcp/443 192.0.2.1 → 10.0.2.1']);
    expect(flows(pa, { from: 'aws_instance.app', to: 'partner', port: 443 })).toEqual(['aws_instance.app → partner: tcp/443 10.0.2.1 → 192.0.2.1']);
  });

  it('a Network Firewall endpoint passes what routes send it on by its own subnet\'s route table', () => {
    const tf =
      VPC +
      sg('app', []) +
      instance('app', 'app', ['app']) +
      `${FIREWALL}resource "aws_eip" "nat" {
  domain = "vpc"
}
resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.web.id
}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block      = "0.0.0.0/0"
    vpc_endpoint_id = ${FIREWALL_ENDPOINT}
  }
}
resource "aws_route_table" "fw" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
}
resource "aws_route_table_association" "fw" {
  subnet_id      = aws_subnet.fw.id
  route_table_id = aws_route_table.fw.id
}
`;
    const pa = analyse(tf);
    const r = pathQuery(pa, { from: 'aws_instance.app', to: 'internet', port: 443, protocol: 'tcp' });
    expect(r.ok && r.flows.map((f) => f.answer.hops.map((h) => h.node))).toEqual([
      ['aws_instance.app', 'aws_subnet.app', 'aws_networkfirewall_firewall.fw', 'aws_networkfirewall_firewall.fw', 'aws_subnet.fw', 'aws_nat_gateway.nat', 'aws_nat_gateway.nat', 'aws_subnet.web', 'aws_internet_gateway.igw', 'internet'],
    ]);
    expect(pa.net.notModelled.map((n) => n.address)).toEqual(['aws_networkfirewall_firewall.fw']);
  });

  it('an internet gateway with a gateway route table sends what enters through a firewall first (ingress routing)', () => {
    // The inspection pattern: the gateway's table sends the web subnet's range to the firewall
    // endpoint; the web subnet's default route goes back through it, the firewall subnet's to the gateway.
    const tf = (edge: string) =>
      VPC.replace(/resource "aws_route_table" "web" \{[\s\S]*?\n\}\n/, `resource "aws_route_table" "web" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block      = "0.0.0.0/0"
    vpc_endpoint_id = ${FIREWALL_ENDPOINT}
  }
}
`) +
      sg('web', ['{ protocol = "tcp", from_port = 443, to_port = 443, cidr_blocks = ["0.0.0.0/0"] }']) +
      instance('web', 'web', ['web'], '  associate_public_ip_address = true') +
      `${FIREWALL}${inspection('0.0.0.0/0', 'aws_internet_gateway.igw.id', '10.0.1.0/24')}${edge}`;
    const hops = (pa: PathAnalysis) => nodesOf(pa, { from: 'internet', to: 'aws_instance.web', port: 443, protocol: 'tcp' });
    const inspected = analyse(tf(edgeAssociation('aws_internet_gateway.igw.id')));
    expect(hops(inspected)).toEqual([['internet', 'aws_internet_gateway.igw', 'aws_networkfirewall_firewall.fw', 'aws_networkfirewall_firewall.fw', 'aws_subnet.fw', 'aws_subnet.web', 'aws_instance.web']]);
    const r = pathQuery(inspected, { from: 'internet', to: 'aws_instance.web', port: 443, protocol: 'tcp' });
    const step = r.ok ? r.flows[0]!.answer.hops[2]! : undefined;
    expect(step?.reasons.filter((x) => x.text.startsWith('route')).map((x) => [x.text, toLocation(x.span!).line])).toEqual([['route 10.0.1.0/24 → aws_networkfirewall_firewall.fw (aws_route_table.edge)', 78]]);
    // Without the gateway's table, the gateway delivers straight, and the reply would leave through the
    // firewall, not the gateway: no flow.
    expect(hops(analyse(tf('')))).toEqual([]);
    // A route of the gateway's table to a target the configuration does not hold is not followed:
    // what it takes may reach the host, resting on that.
    const elsewhere = analyse(
      tf(edgeAssociation('aws_internet_gateway.igw.id')).replace(
        /(resource "aws_route_table" "edge" \{[\s\S]*?vpc_endpoint_id = )[^\n]+/,
        '$1"vpce-0123456789abcdef0"',
      ),
    );
    expect(hops(elsewhere)).toEqual([['internet', 'aws_internet_gateway.igw', 'aws_instance.web']]);
    expect(unknownsOf(elsewhere, { from: 'internet', to: 'aws_instance.web', port: 443, protocol: 'tcp' })).toEqual([
      ['route 10.0.1.0/24 → vpce-0123456789abcdef0 (aws_route_table.edge) sends what enters through aws_internet_gateway.igw to vpce-0123456789abcdef0, which is not followed: it may reach aws_instance.web'],
    ]);
  });

  it('what an internet gateway\'s table sends through a firewall is answered the same way: the subnet routes the reply to the firewall, the firewall\'s subnet to the gateway', () => {
    const tf = (webDefault: string, fwDefault: string) =>
      VPC.replace(/resource "aws_route_table" "web" \{[\s\S]*?\n\}\n/, `resource "aws_route_table" "web" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    ${webDefault}
  }
}
`) +
      sg('web', [tcp(443, '0.0.0.0/0')]) +
      instance('web', 'web', ['web'], '  associate_public_ip_address = true') +
      `${FIREWALL}${inspection('0.0.0.0/0', 'aws_internet_gateway.igw.id', '10.0.1.0/24')}${edgeAssociation('aws_internet_gateway.igw.id')}`.replace('gateway_id = aws_internet_gateway.igw.id\n  }\n}\nresource "aws_route_table_association" "fw"', `${fwDefault}\n  }\n}\nresource "aws_route_table_association" "fw"`);
    const q = { from: 'internet', to: 'aws_instance.web', port: 443, protocol: 'tcp' } as const;
    const throughFw = `vpc_endpoint_id = ${FIREWALL_ENDPOINT}`;
    const toIgw = 'gateway_id = aws_internet_gateway.igw.id';
    expect(nodesOf(analyse(tf(throughFw, toIgw)), q)).toEqual([['internet', 'aws_internet_gateway.igw', 'aws_networkfirewall_firewall.fw', 'aws_networkfirewall_firewall.fw', 'aws_subnet.fw', 'aws_subnet.web', 'aws_instance.web']]);
    const blockedNames = (pa: PathAnalysis) => {
      const r = pathQuery(pa, q);
      if (!r.ok) throw new Error(r.error);
      expect(r.flows).toEqual([]);
      return (r.blocked?.answer.hops ?? []).flatMap((h) => (h.blockedBy ?? []).map((b) => `${b.code} ${b.name}${b.span ? ` ${toLocation(b.span).line}` : ''}`));
    };
    // The reply leaves the web subnet for the gateway straight: the firewall sees one direction only
    // and drops the flow (Network Firewall does not support asymmetric routing).
    expect(blockedNames(analyse(tf(toIgw, toIgw)))).toEqual(['IGW_NO_RETURN_ROUTE aws_route_table.web of aws_subnet.web has no route back to aws_networkfirewall_firewall.fw 18']);
    // The firewall's subnet does not route the reply to the gateway.
    expect(blockedNames(analyse(tf(throughFw, 'nat_gateway_id = "nat-0123456789abcdef0"')))).toEqual(['IGW_NO_RETURN_ROUTE aws_route_table.fw of aws_subnet.fw has no route back to aws_internet_gateway.igw 65']);
    // A firewall in a subnet the configuration does not hold: that subnet routes anywhere, the gateway possibly included.
    const fwOutside = analyse(tf(throughFw, toIgw).replace('subnet_mapping {\n    subnet_id = aws_subnet.fw.id', 'subnet_mapping {\n    subnet_id = "subnet-0123456789abcdef0"'));
    expect(unknownsOf(fwOutside, q)).toEqual([[expect.stringMatching(/^subnet-0123456789abcdef0, a subnet of aws_networkfirewall_firewall.fw, is not in the configuration/)]]);
    // Through an instance that forwards, a reply that leaves for the gateway straight may pass: whether
    // the instance drops a flow it sees one way only is set on the host.
    const viaInstance = analyse(
      tf(toIgw, toIgw).replace(`vpc_endpoint_id = ${FIREWALL_ENDPOINT}`, 'network_interface_id = aws_instance.appliance.primary_network_interface_id') +
        instance('appliance', 'fw', ['web'], '  source_dest_check = false'),
    );
    expect(nodesOf(viaInstance, q)).toEqual([['internet', 'aws_internet_gateway.igw', 'aws_instance.appliance', 'aws_instance.appliance', 'aws_subnet.fw', 'aws_subnet.web', 'aws_instance.web']]);
    expect(unknownsOf(viaInstance, q)).toEqual([
      ['the replies of what route 10.0.1.0/24 → aws_instance.appliance (aws_route_table.edge) sends through aws_instance.appliance leave aws_subnet.web for aws_internet_gateway.igw straight: whether aws_instance.appliance passes a flow it sees one way only is set on the host, which the configuration does not show'],
    ]);
  });

  it('an appliance whose interface the gateway route table names, and whose instance the subnet routes the reply to (or the other way), is one appliance: the flow is certain', () => {
    const tf = (webBack: string, edgeTo: string) =>
      VPC.replace(/resource "aws_route_table" "web" \{[\s\S]*?\n\}\n/, `resource "aws_route_table" "web" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    ${webBack}
  }
}
`) +
      sg('web', [tcp(443, '0.0.0.0/0')]) +
      instance('web', 'web', ['web'], '  associate_public_ip_address = true') +
      `${FIREWALL}${inspection('0.0.0.0/0', 'aws_internet_gateway.igw.id', '10.0.1.0/24')}${edgeAssociation('aws_internet_gateway.igw.id')}`.replace(`vpc_endpoint_id = ${FIREWALL_ENDPOINT}`, edgeTo) +
      `resource "aws_network_interface" "fw" {
  subnet_id         = aws_subnet.fw.id
  security_groups   = [aws_security_group.web.id]
  source_dest_check = false
}
resource "aws_instance" "appliance" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  network_interface {
    network_interface_id = aws_network_interface.fw.id
    device_index         = 0
  }
}
`;
    const q = { from: 'internet', to: 'aws_instance.web', port: 443, protocol: 'tcp' } as const;
    const byInterface = 'network_interface_id = aws_network_interface.fw.id';
    const byInstance = 'network_interface_id = aws_instance.appliance.primary_network_interface_id';
    const through = (appliance: string) => [['internet', 'aws_internet_gateway.igw', appliance, appliance, 'aws_subnet.fw', 'aws_subnet.web', 'aws_instance.web']];
    for (const [back, edge, appliance] of [
      [byInterface, byInterface, 'aws_network_interface.fw'],
      [byInstance, byInterface, 'aws_network_interface.fw'],
      [byInterface, byInstance, 'aws_instance.appliance'],
    ] as const) {
      const pa = analyse(tf(back, edge));
      expect(nodesOf(pa, q)).toEqual(through(appliance));
      expect(unknownsOf(pa, q)).toEqual([[]]);
    }
  });

  it('a firewall with endpoints in two subnets: the gateway route table names one of them, not known which, so the reply is answered by each subnet\'s table, certain only where both route it to the gateway', () => {
    const tf = (mappings: string[], fw2Default: string) =>
      VPC.replace(/resource "aws_route_table" "web" \{[\s\S]*?\n\}\n/, `resource "aws_route_table" "web" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block      = "0.0.0.0/0"
    vpc_endpoint_id = ${FIREWALL_ENDPOINT}
  }
}
`) +
      sg('web', [tcp(443, '0.0.0.0/0')]) +
      instance('web', 'web', ['web'], '  associate_public_ip_address = true') +
      `${FIREWALL}${inspection('0.0.0.0/0', 'aws_internet_gateway.igw.id', '10.0.1.0/24')}${edgeAssociation('aws_internet_gateway.igw.id')}`.replace(
        '  subnet_mapping {\n    subnet_id = aws_subnet.fw.id\n  }\n',
        mappings.map((m) => `  subnet_mapping {\n    subnet_id = aws_subnet.${m}.id\n  }\n`).join(''),
      ) +
      `resource "aws_subnet" "fw2" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.4.0/24"
}
resource "aws_route_table" "fw2" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    ${fw2Default}
  }
}
resource "aws_route_table_association" "fw2" {
  subnet_id      = aws_subnet.fw2.id
  route_table_id = aws_route_table.fw2.id
}
`;
    const q = { from: 'internet', to: 'aws_instance.web', port: 443, protocol: 'tcp' } as const;
    const toIgw = 'gateway_id = aws_internet_gateway.igw.id';
    const which = (mappings: string[]) => `route 10.0.1.0/24 → aws_networkfirewall_firewall.fw (aws_route_table.edge) names one of the endpoints of aws_networkfirewall_firewall.fw, in aws_subnet.${mappings[0]} and aws_subnet.${mappings[1]}, not known which: the replies leave by that one's subnet`;
    // Whichever subnet is listed first, one whose table sends the reply elsewhere makes the flow
    // possible: it was certain, or lost, by the first subnet's table alone.
    for (const mappings of [['fw', 'fw2'], ['fw2', 'fw']]) {
      const both = analyse(tf(mappings, toIgw));
      expect(unknownsOf(both, q)).toEqual([[]]);
      const one = analyse(tf(mappings, 'nat_gateway_id = "nat-0123456789abcdef0"'));
      expect(nodesOf(one, q)).toEqual([['internet', 'aws_internet_gateway.igw', 'aws_networkfirewall_firewall.fw', 'aws_networkfirewall_firewall.fw', 'aws_subnet.fw', 'aws_subnet.web', 'aws_instance.web']]);
      expect(unknownsOf(one, q)).toEqual([[which(mappings)]]);
      expect(nodesOf(analyse(tf(mappings, 'nat_gateway_id = "nat-0123456789abcdef0"').replace(/(resource "aws_route_table" "fw" \{[\s\S]*?)gateway_id = aws_internet_gateway.igw.id/, '$1nat_gateway_id = "nat-0123456789abcdef0"')), q)).toEqual([]);
    }
  });

  it('a gateway route table route to a target AWS does not take there (only local, an interface, a firewall or Gateway Load Balancer endpoint) is a warning at the route; what it takes reaches the subnets only possibly', () => {
    const tf = (edge: string) =>
      VPC +
      sg('app', [tcp(443, '192.0.2.0/24')]) +
      instance('app', 'app', ['app']) +
      `resource "aws_vpn_gateway" "vgw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block = "192.0.2.0/24"
    gateway_id = aws_vpn_gateway.vgw.id
  }
}
resource "aws_route_table" "edge" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "10.0.2.0/24"
    gateway_id = aws_internet_gateway.igw.id
  }
}
${edge}`;
    const q = { from: 'partner', to: 'aws_instance.app', port: 443, protocol: 'tcp' } as const;
    const plain = analyse(tf(''));
    expect(nodesOf(plain, q)).toEqual([['partner', 'aws_vpn_gateway.vgw (inbound)', 'aws_subnet.app', 'aws_instance.app']]);
    expect(unknownsOf(plain, q)).toEqual([[]]);
    expect(plain.net.notModelled).toEqual([]);
    const pa = analyse(tf(edgeAssociation('aws_vpn_gateway.vgw.id')));
    expect(nodesOf(pa, q)).toEqual([['partner', 'aws_vpn_gateway.vgw (inbound)', 'aws_subnet.app', 'aws_instance.app']]);
    expect(unknownsOf(pa, q)).toEqual([['route 10.0.2.0/24 → aws_internet_gateway.igw (aws_route_table.edge) sends what enters through aws_vpn_gateway.vgw to aws_internet_gateway.igw, which is not followed: it may reach aws_subnet.app']]);
    expect(pa.net.notModelled.map((n) => [n.address, n.what, toLocation(n.span).line, toLocation(n.span).column])).toEqual([
      ['aws_route_table.edge', 'the gateway route table of aws_vpn_gateway.vgw routes 10.0.2.0/24 to aws_internet_gateway.igw, a target AWS refuses there (only local, a network interface, a firewall or Gateway Load Balancer endpoint): what it takes is taken to reach the subnets possibly', 65, 3],
    ]);
  });

  it('an internet gateway whose gateway route table is not known may send what enters to any appliance of its VPC first: a host behind a firewall is reached possibly, never lost', () => {
    const tf = (table: string) =>
      'variable "edge" {\n  type = string\n}\n' +
      VPC.replace(/resource "aws_route_table" "web" \{[\s\S]*?\n\}\n/, `resource "aws_route_table" "web" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block      = "0.0.0.0/0"
    vpc_endpoint_id = ${FIREWALL_ENDPOINT}
  }
}
`) +
      sg('web', [tcp(443, '0.0.0.0/0')]) +
      instance('web', 'web', ['web'], '  associate_public_ip_address = true') +
      `${FIREWALL}${inspection('0.0.0.0/0', 'aws_internet_gateway.igw.id', '10.0.1.0/24')}resource "aws_route_table_association" "edge" {\n  gateway_id     = aws_internet_gateway.igw.id\n  route_table_id = ${table}\n}\n`;
    const q = { from: 'internet', to: 'aws_instance.web', port: 443, protocol: 'tcp' } as const;
    const hops = ['internet', 'aws_internet_gateway.igw', 'aws_networkfirewall_firewall.fw', 'aws_networkfirewall_firewall.fw', 'aws_subnet.fw', 'aws_subnet.web', 'aws_instance.web'];
    expect(nodesOf(analyse(tf('aws_route_table.edge.id')), q)).toEqual([hops]);
    const unset = analyse(tf('var.edge'));
    expect(nodesOf(unset, q)).toEqual([hops]);
    expect(unknownsOf(unset, q)).toEqual([
      ['the gateway route table of aws_internet_gateway.igw (aws_route_table_association.edge) is not known (var.edge has no value (no default, no tfvars entry, no --var)): it may send what enters through aws_internet_gateway.igw to any appliance of its VPC first'],
    ]);
    const byId = analyse(tf('"rtb-0123456789abcdef0"'));
    expect(unknownsOf(byId, q)).toEqual([
      ['the gateway route table of aws_internet_gateway.igw (aws_route_table_association.edge) is not in the configuration (rtb-0123456789abcdef0): it may send what enters through aws_internet_gateway.igw to any appliance of its VPC first'],
    ]);
    // An edge association whose gateway is not known may be the internet gateway's.
    const noGateway = analyse(tf('aws_route_table.edge.id').replace('gateway_id     = aws_internet_gateway.igw.id\n  route_table_id = aws_route_table.edge.id', 'gateway_id     = var.edge\n  route_table_id = aws_route_table.edge.id'));
    expect(nodesOf(noGateway, q)).toEqual([hops]);
    expect(unknownsOf(noGateway, q)).toEqual([
      ['the gateway of aws_route_table_association.edge is not known (var.edge has no value (no default, no tfvars entry, no --var)): aws_internet_gateway.igw may route what enters through it by aws_route_table.edge, sending it to any appliance of its VPC first'],
    ]);
  });

  it('a VPN gateway with a gateway route table sends what enters through a firewall first', () => {
    const tf = (edge: string) =>
      VPC +
      sg('app', [tcp(443, '192.0.2.0/24')]) +
      instance('app', 'app', ['app']) +
      `resource "aws_vpn_gateway" "vgw" {
  vpc_id = aws_vpc.main.id
}
${FIREWALL}resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block      = "192.0.2.0/24"
    vpc_endpoint_id = ${FIREWALL_ENDPOINT}
  }
}
${inspection('192.0.2.0/24', 'aws_vpn_gateway.vgw.id', '10.0.2.0/24')}${edge}`;
    const hops = (pa: PathAnalysis) => nodesOf(pa, { from: 'partner', to: 'aws_instance.app', port: 443, protocol: 'tcp' });
    const inspected = analyse(tf(edgeAssociation('aws_vpn_gateway.vgw.id')));
    expect(hops(inspected)).toEqual([['partner', 'aws_vpn_gateway.vgw (inbound)', 'aws_networkfirewall_firewall.fw', 'aws_networkfirewall_firewall.fw', 'aws_subnet.fw', 'aws_subnet.app', 'aws_instance.app']]);
    // Without it, the reply would go back through the firewall, not the gateway: no flow.
    expect(hops(analyse(tf('')))).toEqual([]);
    // With a table not known, it may send what enters through the firewall: possibly, never lost.
    const unset = analyse('variable "edge" {\n  type = string\n}\n' + tf(edgeAssociation('aws_vpn_gateway.vgw.id').replace('aws_route_table.edge.id', 'var.edge')));
    expect(hops(unset)).toEqual([['partner', 'aws_vpn_gateway.vgw (inbound)', 'aws_networkfirewall_firewall.fw', 'aws_networkfirewall_firewall.fw', 'aws_subnet.fw', 'aws_subnet.app', 'aws_instance.app']]);
    expect(unknownsOf(unset, { from: 'partner', to: 'aws_instance.app', port: 443, protocol: 'tcp' })).toEqual([
      ['the gateway route table of aws_vpn_gateway.vgw (aws_route_table_association.edge) is not known (var.edge has no value (no default, no tfvars entry, no --var)): it may send what enters through aws_vpn_gateway.vgw to any appliance of its VPC first'],
    ]);
    // With it, a reply the subnet sends to the gateway straight passes the firewall one way only: no flow.
    const asymmetric = analyse(tf(edgeAssociation('aws_vpn_gateway.vgw.id')).replace(`cidr_block      = "192.0.2.0/24"\n    vpc_endpoint_id = ${FIREWALL_ENDPOINT}\n  }\n}\nresource "aws_route_table" "fw"`, 'cidr_block = "192.0.2.0/24"\n    gateway_id = aws_vpn_gateway.vgw.id\n  }\n}\nresource "aws_route_table" "fw"'));
    expect(hops(asymmetric)).toEqual([]);
  });

  it('a Gateway Load Balancer endpoint passes what routes send it on by its own subnet\'s route table', () => {
    const tf =
      VPC +
      sg('app', []) +
      instance('app', 'app', ['app'], '  associate_public_ip_address = true') +
      `resource "aws_subnet" "inspection" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.3.0/24"
}
resource "aws_vpc_endpoint" "inspect" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "GatewayLoadBalancer"
  subnet_ids        = [aws_subnet.inspection.id]
}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block      = "0.0.0.0/0"
    vpc_endpoint_id = aws_vpc_endpoint.inspect.id
  }
}
resource "aws_route_table_association" "inspection" {
  subnet_id      = aws_subnet.inspection.id
  route_table_id = aws_route_table.web.id
}
`;
    const pa = analyse(tf);
    const r = pathQuery(pa, { from: 'aws_instance.app', to: 'internet', port: 443, protocol: 'tcp' });
    expect(r.ok && r.flows.map((f) => f.answer.hops.map((h) => h.node))).toEqual([['aws_instance.app', 'aws_subnet.app', 'aws_vpc_endpoint.inspect', 'aws_vpc_endpoint.inspect', 'aws_subnet.inspection', 'aws_internet_gateway.igw', 'internet']]);
    expect(pa.net.notModelled.map((n) => n.what)).toEqual(["the appliances behind a Gateway Load Balancer endpoint are not evaluated; the endpoint is taken to pass whatever routes send it on by its own subnet's route table"]);
  });

  it('GW5: traffic routed to a VPC endpoint goes to the address it names, never to the internet', () => {
    const tf =
      VPC +
      sg('app', []) +
      instance('app', 'app', ['app']) +
      `resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.ap-northeast-1.s3"
}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block      = "52.219.0.0/16"
    vpc_endpoint_id = aws_vpc_endpoint.s3.id
  }
}
`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.app', to: 'internet' })).toEqual([]);
    expect(flows(pa, { from: 'aws_instance.app', to: '52.219.1.1' })).toEqual(['aws_instance.app → undeclared network via aws_vpc_endpoint.s3: tcp/443 10.0.2.1 → 52.219.1.1']);
  });

  it('a Network Load Balancer\'s UDP listener forwards UDP, not TCP; one of protocol not known, either', () => {
    const tf = `${VPC}${sg('app', ['{ protocol = "udp", from_port = 20000, to_port = 20000, cidr_blocks = ["0.0.0.0/0"] }', tcp(20000, '0.0.0.0/0')])}${instance('app', 'app', ['app'])}resource "aws_lb" "nlb" {
  load_balancer_type = "network"
  internal           = false
  subnets            = [aws_subnet.web.id]
}
${appTargets(20000, 'UDP')}resource "aws_lb_listener" "dnp3" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 20000
  protocol          = "UDP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
variable "protocol" {}
`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'internet', to: 'aws_instance.app', port: 20000, protocol: 'udp' })).toEqual(['internet → aws_instance.app: udp/20000 8.8.8.8 → 10.0.2.1']);
    expect(flows(pa, { from: 'internet', to: 'aws_instance.app', port: 20000, protocol: 'tcp' })).toEqual([]);
    const unknown = analyse(tf.replace('protocol          = "UDP"', 'protocol          = var.protocol'));
    expect(hopsOf(unknown, { from: 'internet', to: 'aws_instance.app', port: 20000, protocol: 'udp' })).toEqual([
      {
        flow: 'internet → aws_instance.app: udp/20000 8.8.8.8 → 10.0.2.1',
        hops: [
          'internet',
          'aws_internet_gateway.igw | from the internet',
          'aws_lb.nlb | deliver | listener aws_lb_listener.dnp3 takes protocol not known, port 20000 @73',
          "aws_lb.nlb | listener: aws_lb.nlb forwards the connection to aws_instance.app:20000, keeping the client's address | listener aws_lb_listener.dnp3 (protocol not known, port 20000) forwards to aws_instance.app:20000 @73",
          'aws_subnet.web | send',
          'aws_subnet.app | route | route 10.0.0.0/16 → local (aws_route_table.web) @2',
          'aws_instance.app | deliver | aws_security_group.app ingress[0] allows udp/20000 from 0.0.0.0/0 @32',
        ],
        certainty: 'possible',
        unknowns: ['the protocol of aws_lb_listener.dnp3 is not known: it may be TCP or UDP'],
      },
    ]);
    expect(unknownsOf(unknown, { from: 'internet', to: 'aws_instance.app', port: 20000, protocol: 'tcp' }).flat()).toContain('the protocol of aws_lb_listener.dnp3 is not known: it may be TCP or UDP');
  });

  it('a Network Load Balancer keeps the client\'s address for instance targets: the target\'s group sees the internet source', () => {
    const nlb = (group: string, lbGroups = '') => `${VPC}${sg('app', [tcp(8443, '198.51.100.0/24'), tcp(8443, '10.0.1.0/24')])}${instance('app', 'app', ['app'])}${sg('nlb', [tcp(443, '0.0.0.0/0')])}resource "aws_lb" "nlb" {
  load_balancer_type = "network"
  internal           = false
  subnets            = [aws_subnet.web.id]
${lbGroups}}
${appTargets(8443, 'TCP', group)}resource "aws_lb_listener" "app" {
  load_balancer_arn = aws_lb.nlb.arn
  port              = 443
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
variable "keep" {}
`;
    const kept = analyse(nlb(''));
    const r = pathQuery(kept, { from: 'internet', to: 'aws_instance.app', port: 8443, protocol: 'tcp' });
    expect(r.ok && r.flows.map((f) => [f.answer.hops.map((h) => h.node), kept.hs.describe(f.answer.set).source])).toEqual([[['internet', 'aws_internet_gateway.igw', 'aws_lb.nlb', 'aws_lb.nlb', 'aws_subnet.web', 'aws_subnet.app', 'aws_instance.app'], '198.51.100.0/24']]);
    // Turned off, or an IP target over TCP: the load balancer's own address, which the group admits from the whole internet.
    const own = analyse(nlb('  preserve_client_ip = false\n'));
    expect(flows(own, { from: 'internet', to: 'aws_instance.app', port: 8443 })).toEqual(['internet → aws_instance.app: tcp/8443 10.0.1.1 → 10.0.2.1']);
    expect(flows(own, { from: '203.0.113.5', to: 'aws_instance.app', port: 8443 })).toEqual(['203.0.113.5 (internet) → aws_instance.app: tcp/8443 10.0.1.1 → 10.0.2.1']);
    expect(flows(kept, { from: '203.0.113.5', to: 'aws_instance.app', port: 8443 })).toEqual([]);
    // Not known: either, resting on that.
    const unknown = analyse(nlb('  preserve_client_ip = var.keep\n'));
    expect(unknownsOf(unknown, { from: 'internet', to: 'aws_instance.app', port: 8443 }).flat()).toContain("whether aws_lb_target_group.app keeps the client's address is not known (preserve_client_ip): aws_lb_target_group_attachment.app may see the client's or the load balancer's");
    // A load balancer with groups: a target's rule naming them admits the client too, so its own address stays.
    const grouped = analyse(nlb('', '  security_groups    = [aws_security_group.nlb.id]\n'));
    expect(hopsOf(grouped, { from: '203.0.113.5', to: 'aws_instance.app', port: 8443 })).toEqual([
      {
        flow: '203.0.113.5 (internet) → aws_instance.app: tcp/8443 10.0.1.1 → 10.0.2.1',
        hops: [
          'internet',
          'aws_internet_gateway.igw | from the internet',
          'aws_lb.nlb | deliver | aws_security_group.nlb ingress[0] allows tcp/443 from 0.0.0.0/0 @62 | listener aws_lb_listener.app takes TCP 443 @90',
          'aws_lb.nlb | listener: aws_lb.nlb re-originates the connection to aws_instance.app:8443 | listener aws_lb_listener.app (TCP 443) forwards to aws_instance.app:8443 @90',
          'aws_subnet.web | send | aws_security_group.nlb egress[0] allows all traffic to 0.0.0.0/0 @68',
          'aws_subnet.app | route | route 10.0.0.0/16 → local (aws_route_table.web) @2',
          'aws_instance.app | deliver | aws_security_group.app ingress[1] allows tcp/8443 from 10.0.1.0/24 @38',
        ],
        certainty: 'definite',
        unknowns: [],
      },
    ]);
  });

  it('a load balancer takes connections only on its listeners\' ports (ELB_LISTENER_PORT_RESTRICTION); one whose listeners are not all known, possibly more', () => {
    const alb = (listener: string, more = '') => `${VPC}${sg('alb', ['{ protocol = "tcp", from_port = 0, to_port = 65535, cidr_blocks = ["0.0.0.0/0"] }'])}resource "aws_lb" "alb" {
  internal        = false
  subnets         = [aws_subnet.web.id]
  security_groups = [aws_security_group.alb.id]
}
${listener}${more}`;
    const https = (lb = 'aws_lb.alb.arn', port = '443') => `resource "aws_lb_listener" "https" {
  load_balancer_arn = ${lb}
  port              = ${port}
  protocol          = "HTTPS"
  default_action {
    type = "fixed-response"
    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}
`;
    const listening = analyse(alb(https()));
    expect(flows(listening, { from: 'internet', to: 'aws_lb.alb', port: 443 })).toEqual(['internet → aws_lb.alb: tcp/443 8.8.8.8 → 10.0.1.1']);
    // The group admits SSH from anywhere, but nothing listens on 22: no connection, and the listeners are what closes it.
    expect(flows(listening, { from: 'internet', to: 'aws_lb.alb', port: 22 })).toEqual([]);
    expect(blockedBy(listening, { from: 'internet', to: 'aws_lb.alb', port: 22 })).toEqual(['ELB_LISTENER_PORT_RESTRICTION']);
    // No listener in the configuration (kept elsewhere): what its group admits.
    expect(flows(analyse(alb('')), { from: 'internet', to: 'aws_lb.alb', port: 22 })).toEqual(['internet → aws_lb.alb: tcp/22 8.8.8.8 → 10.0.1.1']);
    // A listener whose port is not known may take 22: possibly, resting on that.
    const portUnknown = analyse(alb(https('aws_lb.alb.arn', 'var.port'), 'variable "port" {}\n'));
    expect(unknownsOf(portUnknown, { from: 'internet', to: 'aws_lb.alb', port: 22 })).toEqual([['the port of aws_lb_listener.https is not known']]);
    // A listener of a load balancer not known may be this one's: its port possibly, the others not at all.
    const lbUnknown = analyse(alb(https('var.lb'), 'variable "lb" {}\n'));
    expect(unknownsOf(lbUnknown, { from: 'internet', to: 'aws_lb.alb', port: 443 })).toEqual([[expect.stringMatching(/^the load balancer of aws_lb_listener.https is not known \(var.lb has no value.*\): it may be any of the configuration's$/)]]);
    expect(flows(lbUnknown, { from: 'internet', to: 'aws_lb.alb', port: 22 })).toEqual([]);
  });
});

/**
 * Each flow of a query: the flow (source, destination, witness packet), its hops with what let the
 * packet on at each (step, reasons, the line of each reason), and its certainty.
 */
function hopsOf(pa: PathAnalysis, q: Omit<PathQuery, 'protocol'> & { protocol?: PathQuery['protocol'] }): Array<{ flow: string; hops: string[]; certainty: 'definite' | 'possible'; unknowns: string[] }> {
  const r = pathQuery(pa, { protocol: 'any', ...q });
  if (!r.ok) throw new Error(r.error);
  return r.flows.map((f) => ({
    flow: `${f.source} → ${f.destination}: ${pa.packetText(f.answer.packet)}`,
    hops: f.answer.hops.map((h) => [h.node, ...(h.step ? [h.step] : []), ...h.reasons.filter((x) => !x.defaultAllow).map((x) => `${x.text}${x.span ? ` @${toLocation(x.span).line}` : ''}`)].join(' | ')),
    certainty: f.answer.unknowns.length ? 'possible' : 'definite',
    unknowns: f.answer.unknowns.map((u) => u.reason),
  }));
}

/** The reasons of the unknowns each flow of a query rests on, one list per flow. */
function unknownsOf(pa: PathAnalysis, q: Omit<PathQuery, 'protocol'> & { protocol?: PathQuery['protocol'] }): string[][] {
  const r = pathQuery(pa, { protocol: 'any', ...q });
  if (!r.ok) throw new Error(r.error);
  return r.flows.map((f) => f.answer.unknowns.map((u) => u.reason));
}

/** An IPAM pool whose attributes are known only after apply: a source of unknown prefixes. */
const POOL = `
resource "aws_vpc_ipam_pool" "pool" {
  address_family = "ipv4"
}
`;

describe('unknown values widen what passes and travel with the flow', () => {
  it('an instance whose groups are a variable without value, or ids of groups the configuration does not hold, may be reached on any port, resting on that', () => {
    const q = { from: 'aws_instance.client', to: 'aws_instance.server', port: 5432 };
    const server = (groups: string) => `resource "aws_instance" "server" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.app.id
  vpc_security_group_ids = ${groups}
}
`;
    const viaVar = analyse(`variable "server_groups" {\n  type = list(string)\n}\n${VPC}${sg('client', [])}${instance('client', 'web', ['client'])}${server('var.server_groups')}`);
    expect(flows(viaVar, q)).toEqual(['aws_instance.client → aws_instance.server: tcp/5432 10.0.1.1 → 10.0.2.1']);
    expect(unknownsOf(viaVar, q)).toEqual([['var.server_groups has no value (no default, no tfvars entry, no --var)']]);
    const byId = analyse(VPC + sg('client', []) + instance('client', 'web', ['client']) + server('["sg-0123456789abcdef0"]'));
    expect(unknownsOf(byId, q)).toEqual([['the rules of security group sg-0123456789abcdef0 are not known: the configuration does not hold it']]);
  });

  it('an instance whose count is not known may not exist: its flows rest on that', () => {
    const q = { from: 'aws_instance.client', to: 'aws_instance.server[*]', port: 443 };
    const pa = analyse(`variable "n" {\n  type = number\n}\n${VPC}${sg('server', [tcp(443, '10.0.1.0/24')])}${sg('client', [])}${instance('client', 'web', ['client'])}${instance('server', 'app', ['server'], '  count = var.n')}`);
    expect(unknownsOf(pa, q).flat()).toContainEqual('the count of aws_instance.server depends on var.n has no value (no default, no tfvars entry, no --var)');
  });

  it('a group rule whose peer group is a variable without value, or an id of a group the configuration does not hold, matches every address', () => {
    const q = { from: 'aws_instance.client', to: 'aws_instance.server', port: 6379 };
    const viaVar = analyse(`variable "vendor_sg" {\n  type = string\n}\n${VPC}${sg('server', ['{ protocol = "tcp", from_port = 6379, to_port = 6379, security_groups = [var.vendor_sg] }'])}${sg('client', [])}${instance('server', 'app', ['server'])}${instance('client', 'web', ['client'])}`);
    expect(flows(viaVar, q)).toEqual(['aws_instance.client → aws_instance.server: tcp/6379 10.0.1.1 → 10.0.2.1']);
    expect(unknownsOf(viaVar, q)).toEqual([['var.vendor_sg has no value (no default, no tfvars entry, no --var)']]);
    const byId = analyse(VPC + sg('server', ['{ protocol = "tcp", from_port = 6379, to_port = 6379, security_groups = ["sg-0123456789abcdef0"] }']) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']));
    expect(unknownsOf(byId, q)).toEqual([['the members of security group sg-0123456789abcdef0 are not known: the configuration does not hold it']]);
  });

  it('a group rule or an ACL entry whose direction is a variable without value may be either: the flow it lets through rests on that', () => {
    const q = { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 };
    const rule = `variable "dir" {}
resource "aws_security_group_rule" "in" {
  type              = var.dir
  security_group_id = aws_security_group.server.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.1.0/24"]
}
`;
    const grouped = analyse(VPC + sg('server', []) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']) + rule);
    expect(unknownsOf(grouped, q)).toEqual([['the direction of aws_security_group_rule.in is not known (var.dir has no value (no default, no tfvars entry, no --var)): the rule may be an ingress or an egress rule']]);
    const entry = `variable "dir" {}
resource "aws_network_acl" "app" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.app.id]
  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0"
  }
}
resource "aws_network_acl_rule" "in" {
  network_acl_id = aws_network_acl.app.id
  rule_number    = 100
  egress         = var.dir
  rule_action    = "allow"
  protocol       = "tcp"
  from_port      = 443
  to_port        = 443
  cidr_block     = "10.0.1.0/24"
}
`;
    const acl = analyse(VPC + sg('server', [tcp(443, '10.0.1.0/24')]) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']) + entry);
    expect(unknownsOf(acl, q)).toEqual([['the direction of aws_network_acl_rule.in is not known (var.dir has no value (no default, no tfvars entry, no --var)): the entry may be an ingress or an egress entry']]);
  });

  it('a group rule whose CIDR is another resource\'s attribute known only after apply matches every address', () => {
    const pa = analyse(VPC + POOL + sg('server', ['{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = [aws_vpc_ipam_pool.pool.cidr] }']) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']));
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual(['aws_instance.client → aws_instance.server: tcp/22 10.0.1.1 → 10.0.2.1']);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 }).flat()).toContainEqual(expect.stringContaining('aws_vpc_ipam_pool.pool'));
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 23 })).toEqual([]);
  });

  it('a prefix list the model does not declare matches every address, and says so', () => {
    const pa = analyse(VPC + sg('server', ['{ protocol = "tcp", from_port = 22, to_port = 22, prefix_list_ids = [aws_vpc_ipam_pool.pool.id] }']) + POOL + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']));
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([['the entries of prefix list aws_vpc_ipam_pool.pool are not known']]);
  });

  it('a VPC whose range is known only after apply still routes locally between its subnets', () => {
    const tf = (VPC + POOL + sg('server', [tcp(443, '10.0.1.0/24')]) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client'])).replace('cidr_block = "10.0.0.0/16"', 'cidr_block = aws_vpc_ipam_pool.pool.cidr');
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 }).flat()).toContainEqual(expect.stringContaining('aws_vpc_ipam_pool.pool'));
  });

  it('a VPC whose range is cut from an IPAM pool (no cidr_block), or a secondary range not known, still routes locally to the subnets there', () => {
    const base = VPC + POOL + sg('server', [tcp(443, '10.0.1.0/24')]) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']);
    const q = { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 };
    const pooled = analyse(base.replace('cidr_block = "10.0.0.0/16"', 'ipv4_ipam_pool_id   = aws_vpc_ipam_pool.pool.id\n  ipv4_netmask_length = 16'));
    expect(flows(pooled, q)).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.1']);
    expect(unknownsOf(pooled, q).flat()).toContain('the range of aws_vpc.main is not given (cidr_block): it is known only after apply');
    // The app subnet in a secondary range cut from the pool.
    const secondary = analyse(
      base.replace('cidr_block = "10.0.2.0/24"', 'cidr_block = "10.5.2.0/24"').replace('instance_type          = "t3.micro"\n  subnet_id              = aws_subnet.app.id', 'instance_type          = "t3.micro"\n  subnet_id              = aws_subnet.app.id\n  private_ip             = "10.5.2.10"') +
        'resource "aws_vpc_ipv4_cidr_block_association" "more" {\n  vpc_id              = aws_vpc.main.id\n  ipv4_ipam_pool_id   = aws_vpc_ipam_pool.pool.id\n  ipv4_netmask_length = 16\n}\n',
    );
    expect(flows(secondary, q)).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.5.2.10']);
    expect(unknownsOf(secondary, q).flat()).toContain('the range of aws_vpc_ipv4_cidr_block_association.more is not given (cidr_block): it is known only after apply');
  });

  it('a subnet whose range is known only after apply takes every address, and the flow rests on it', () => {
    const tf = (VPC + POOL + sg('server', [tcp(443, '10.0.1.0/24')]) + sg('client', []) + instance('server', 'app', ['server'], '  private_ip = "10.0.2.10"') + instance('client', 'web', ['client'])).replace('cidr_block = "10.0.2.0/24"', 'cidr_block = aws_vpc_ipam_pool.pool.cidr');
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.2.10']);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 }).flat()).toContainEqual(expect.stringContaining('aws_vpc_ipam_pool.pool'));
  });
});

describe('targets and ranges the configuration does not hold', () => {
  it('a route to a gateway id the configuration does not hold may lead anywhere, the internet included, and the flow rests on it', () => {
    const tf =
      VPC +
      sg('app', []) +
      instance('app', 'app', ['app'], '  associate_public_ip_address = true') +
      `resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = "igw-0123456789abcdef0"
  }
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}
`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.app', to: 'internet', port: 443 })).toEqual(['aws_instance.app → internet: tcp/443 10.0.2.1 → 8.8.8.8']);
    expect(unknownsOf(pa, { from: 'aws_instance.app', to: 'internet', port: 443 }).flat()).toContainEqual(expect.stringContaining('igw-0123456789abcdef0'));
    // Without that route the subnet has only the local route: no way out.
    expect(flows(analyse(tf.replace(/resource "aws_route_table_association" "app"[^]*$/, '')), { from: 'aws_instance.app', to: 'internet' })).toEqual([]);
  });

  it('a route to a gateway whose id is not known at all leads out and back in, resting on it', () => {
    const tf =
      VPC +
      'variable "gw" {\n  type = string\n}\n' +
      sg('app', [tcp(443, '0.0.0.0/0')]) +
      instance('app', 'app', ['app'], '  associate_public_ip_address = true') +
      `resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = var.gw
  }
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}
`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.app', to: 'internet', port: 443 })).toEqual(['aws_instance.app → internet: tcp/443 10.0.2.1 → 8.8.8.8']);
    // The reply routes back through the same unknown gateway: the way in exists too, and rests on it.
    expect(flows(pa, { from: 'internet', to: 'aws_instance.app', port: 443 })).toEqual(['internet → aws_instance.app: tcp/443 8.8.8.8 → 10.0.2.1']);
    expect(unknownsOf(pa, { from: 'internet', to: 'aws_instance.app', port: 443 }).flat()).toContainEqual(expect.stringContaining('unknown (unknown id)'));
  });

  it('an instance in a subnet whose range is not known may hold any address', () => {
    const tf = (VPC + POOL + sg('server', [tcp(443, '10.0.1.0/24')]) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client'])).replace('cidr_block = "10.0.2.0/24"', 'cidr_block = aws_vpc_ipam_pool.pool.cidr');
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual(['aws_instance.client → aws_instance.server: tcp/443 10.0.1.1 → 10.0.0.1']);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 }).flat()).toContainEqual(expect.stringContaining('aws_vpc_ipam_pool.pool'));
  });
});

describe('endpoints in a subnet the configuration does not hold', () => {
  const outside = (subnet: string, extra = '') => `
resource "aws_instance" "far" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = ${subnet}
  vpc_security_group_ids = [aws_security_group.far.id]
${extra}
}
`;
  const FAR_GROUP = sg('far', [tcp(22, '0.0.0.0/0')]);

  it('a subnet named by an id the configuration does not hold: the internet reaches a public endpoint there, resting on that subnet', () => {
    const pa = analyse(VPC + FAR_GROUP + outside('"subnet-0123456789abcdef0"', '  associate_public_ip_address = true'));
    expect(flows(pa, { from: 'internet', to: 'aws_instance.far', port: 22 })).toEqual(['internet → aws_instance.far: tcp/22 8.8.8.8 → 10.0.0.1']);
    expect(unknownsOf(pa, { from: 'internet', to: 'aws_instance.far', port: 22 }).flat()).toContainEqual(
      'subnet-0123456789abcdef0, a subnet of aws_instance.far, is not in the configuration: its range, routes and network ACL are not known, so flows through it may take any way',
    );
    // Its way out goes anywhere as well.
    expect(flows(pa, { from: 'aws_instance.far', to: 'partner', port: 443 })).toEqual(['aws_instance.far → partner: tcp/443 8.8.8.8 → 192.0.2.1']);
  });

  it('a subnet not known (a variable without value) and no subnet at all (a default subnet) are outside too; a public address is possible there', () => {
    for (const subnet of ['var.subnet_id', undefined]) {
      const tf = `${VPC}variable "subnet_id" {\n  type = string\n}\n${FAR_GROUP}${outside(subnet ?? 'null')}`;
      const pa = analyse(tf);
      expect(flows(pa, { from: 'internet', to: 'aws_instance.far', port: 22 })).toEqual(['internet → aws_instance.far: tcp/22 8.8.8.8 → 10.0.0.1']);
      expect(unknownsOf(pa, { from: 'internet', to: 'aws_instance.far', port: 22 }).flat()).toContainEqual(
        'the subnet of aws_instance.far is not known: its range, routes and network ACL are not known, so flows to and from it may take any way',
      );
    }
  });

  it('without a public address, the internet does not reach it; external networks still may', () => {
    const pa = analyse(VPC + FAR_GROUP + outside('"subnet-0123456789abcdef0"', '  associate_public_ip_address = false'));
    expect(flows(pa, { from: 'internet', to: 'aws_instance.far', port: 22 })).toEqual([]);
    expect(flows(pa, { from: 'partner', to: 'aws_instance.far', port: 22 })).toEqual(['partner → aws_instance.far: tcp/22 192.0.2.1 → 8.8.8.8']);
  });

  it('two endpoints in the one subnet the configuration does not hold reach each other there', () => {
    const tf = VPC + FAR_GROUP + outside('"subnet-0123456789abcdef0"', '  associate_public_ip_address = false') + outside('"subnet-0123456789abcdef0"', '  associate_public_ip_address = false').replace('"far"', '"near"');
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.near', to: 'aws_instance.far', port: 22 })).toEqual(['aws_instance.near → aws_instance.far: tcp/22 8.8.8.8 → 10.0.0.1']);
  });

  it('each such endpoint is said once, as a warning where it is declared', () => {
    const dir = writeTree({ 'main.tf': VPC + FAR_GROUP + outside('"subnet-0123456789abcdef0"'), 'gridfence.yaml': CONFIG, '.git/HEAD': '' }, 'gridfence-semantics-');
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    const pa = new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
    expect(pa.net.notModelled.map((n) => `${n.address} ${toLocation(n.span).line} ${n.what}`)).toEqual([
      'aws_instance.far 46 its subnet subnet-0123456789abcdef0 is not in the configuration: flows to and from it are taken to go any way, and the findings on them are possible',
    ]);
  });

  it('a NAT gateway in a subnet not known still takes what routes send it, and what it sends may go anywhere', () => {
    const tf = `${VPC}variable "nat_subnet" {
  type = string
}
resource "aws_eip" "nat" {
  domain = "vpc"
}
resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = var.nat_subnet
}
resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}
${sg('app', [])}${instance('app', 'app', ['app'])}`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.app', to: 'internet', port: 443 })).toEqual(['aws_instance.app → internet: tcp/443 8.8.8.8 → 1.1.1.1']);
    expect(unknownsOf(pa, { from: 'aws_instance.app', to: 'internet', port: 443 }).flat()).toContainEqual(expect.stringContaining('the subnet of aws_nat_gateway.nat is not known'));
  });

  it('endpoints in two different subnets outside the configuration may reach each other (they may share a VPC)', () => {
    const tf = VPC + FAR_GROUP + outside('"subnet-0123456789abcdef0"', '  associate_public_ip_address = false') + outside('"subnet-0fedcba9876543210"', '  associate_public_ip_address = false').replace('"far"', '"near"');
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_instance.near', to: 'aws_instance.far', port: 22 })).toEqual(['aws_instance.near → aws_instance.far: tcp/22 10.0.0.1 → 8.8.8.8']);
    expect(unknownsOf(pa, { from: 'aws_instance.near', to: 'aws_instance.far', port: 22 }).flat()).toContainEqual(expect.stringContaining('subnet-0fedcba9876543210, a subnet of aws_instance.near'));
  });

  it('a subnet associated with a route table the configuration does not hold keeps its local route; its other routes may lead anywhere', () => {
    const tf = `${VPC}variable "rt" {
  type = string
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = var.rt
}
${sg('app', [tcp(443, '0.0.0.0/0')])}${instance('app', 'app', ['app'], '  associate_public_ip_address = true')}${sg('web', [])}${instance('web', 'web', ['web'])}`;
    const pa = analyse(tf);
    const reason = 'the route table of aws_subnet.app (route_table_id, set by aws_route_table_association.app) is not in the configuration: its routes are not known, so they may lead anywhere';
    expect(flows(pa, { from: 'aws_instance.app', to: 'internet', port: 443 })).toEqual(['aws_instance.app → internet: tcp/443 10.0.2.1 → 8.8.8.8']);
    expect(unknownsOf(pa, { from: 'aws_instance.app', to: 'internet', port: 443 }).flat()).toContainEqual(reason);
    expect(flows(pa, { from: 'internet', to: 'aws_instance.app', port: 443 })).toEqual(['internet → aws_instance.app: tcp/443 8.8.8.8 → 10.0.2.1']);
    // Inside the VPC, the local route is certain.
    expect(unknownsOf(pa, { from: 'aws_instance.web', to: 'aws_instance.app', port: 443 })).toEqual([[]]);
  });

  it('a subnet of a VPC the configuration does not hold follows a main table it does not hold', () => {
    const tf = `resource "aws_subnet" "far" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.9.1.0/24"
}
resource "aws_security_group" "far" {
  vpc_id = "vpc-0123456789abcdef0"
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "far" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.far.id
  vpc_security_group_ids      = [aws_security_group.far.id]
  associate_public_ip_address = true
}
`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'internet', to: 'aws_instance.far', port: 443 })).toEqual(['internet → aws_instance.far: tcp/443 8.8.8.8 → 10.9.1.1']);
    expect(unknownsOf(pa, { from: 'internet', to: 'aws_instance.far', port: 443 }).flat()).toContainEqual(
      'the main route table of vpc-0123456789abcdef0 is not in the configuration: its routes are not known, so they may lead anywhere',
    );
  });

  it('a VPC named by a data source: its subnets, tables and gateway are read in it, and its range, not known, joins its subnets', () => {
    const tf = `data "aws_vpc" "shared" {
  id = "vpc-0123456789abcdef0"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = data.aws_vpc.shared.id
}
resource "aws_subnet" "public" {
  vpc_id     = data.aws_vpc.shared.id
  cidr_block = "10.9.1.0/24"
}
resource "aws_subnet" "private" {
  vpc_id     = data.aws_vpc.shared.id
  cidr_block = "10.9.2.0/24"
}
resource "aws_route_table" "public" {
  vpc_id = data.aws_vpc.shared.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_route_table" "private" {
  vpc_id = data.aws_vpc.shared.id
}
resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}
resource "aws_security_group" "open" {
  vpc_id = data.aws_vpc.shared.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "web" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public.id
  vpc_security_group_ids      = [aws_security_group.open.id]
  associate_public_ip_address = true
}
resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private.id
  vpc_security_group_ids = [aws_security_group.open.id]
}
`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'internet', to: 'aws_instance.web', port: 443 })).toEqual(['internet → aws_instance.web: tcp/443 8.8.8.8 → 10.9.1.1']);
    expect(flows(pa, { from: 'aws_instance.web', to: 'aws_instance.app', port: 443 })).toEqual(['aws_instance.web → aws_instance.app: tcp/443 10.9.1.1 → 10.9.2.1']);
    expect(unknownsOf(pa, { from: 'aws_instance.web', to: 'aws_instance.app', port: 443 }).flat()).toContainEqual('vpc-0123456789abcdef0 is not in the configuration: its range is not known');
  });

  it('a load balancer with one subnet held and one not is in both: the one not held may be public', () => {
    const tf = `${VPC}${sg('lb', [tcp(443, '0.0.0.0/0')])}resource "aws_lb" "web" {
  load_balancer_type = "application"
  internal           = false
  subnets            = [aws_subnet.app.id, "subnet-0fedcba9876543210"]
  security_groups    = [aws_security_group.lb.id]
}
`;
    const pa = analyse(tf);
    expect(pa.net.endpoints.get('aws_lb.web')?.subnets).toEqual(['aws_subnet.app', 'subnet-0fedcba9876543210']);
    expect(flows(pa, { from: 'internet', to: 'aws_lb.web', port: 443 })).toEqual(['internet → aws_lb.web: tcp/443 8.8.8.8 → 10.0.0.1']);
  });

  it('a load balancer in subnets not held may share a VPC with its targets: it reaches them, and they it; the internet reaches held hosts no other way', () => {
    const tf = `${VPC}${sg('lb', [tcp(443, '0.0.0.0/0')])}${sg('app', [tcp(8443, '0.0.0.0/0')])}${instance('app', 'app', ['app'])}resource "aws_lb" "web" {
  load_balancer_type = "application"
  internal           = false
  subnets            = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0fedcba9876543210"]
  security_groups    = [aws_security_group.lb.id]
}
${appTargets(8443, 'HTTPS')}resource "aws_lb_listener" "web" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}
`;
    const pa = analyse(tf);
    expect(flows(pa, { from: 'aws_lb.web', to: 'aws_instance.app', port: 8443 })).toEqual(['aws_lb.web → aws_instance.app: tcp/8443 8.8.8.8 → 10.0.2.1']);
    expect(flows(pa, { from: 'aws_instance.app', to: 'aws_lb.web', port: 443 })).toEqual(['aws_instance.app → aws_lb.web: tcp/443 10.0.2.1 → 10.0.0.1']);
    // Through the load balancer, re-originated; never straight from the internet to the private host.
    const inbound = flows(pa, { from: 'internet', to: 'aws_instance.app', port: 8443 });
    expect(inbound).toEqual(['internet → aws_instance.app: tcp/8443 8.8.8.8 → 10.0.2.1']);
    const r = pathQuery(pa, { protocol: 'any', from: 'internet', to: 'aws_instance.app', port: 8443 });
    if (!r.ok) throw new Error(r.error);
    expect(r.flows[0]!.answer.hops.map((h) => h.node)).toContain('aws_lb.web');
    expect(flows(analyse(tf.replace(/resource "aws_lb_listener"[^]*$/, '')), { from: 'internet', to: 'aws_instance.app', port: 8443 })).toEqual([]);
  });

  it('every endpoint in a subnet not held is said, the second in one subnet too', () => {
    const tf = VPC + FAR_GROUP + outside('"subnet-0123456789abcdef0"') + outside('"subnet-0123456789abcdef0"').replace('"far"', '"near"');
    expect(analyse(tf).net.notModelled.map((n) => n.address)).toEqual(['aws_instance.far', 'aws_instance.near']);
  });

  it('an instance launched with network_interface blocks sits in its interfaces\' subnets; an Aurora instance in its cluster\'s group', () => {
    const tf = `${VPC}${FAR_GROUP}resource "aws_network_interface" "d" {
  subnet_id       = aws_subnet.app.id
  security_groups = [aws_security_group.far.id]
}
resource "aws_instance" "d" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  network_interface {
    network_interface_id = aws_network_interface.d.id
    device_index         = 0
  }
}
resource "aws_db_subnet_group" "db" {
  name       = "aurora"
  subnet_ids = [aws_subnet.app.id]
}
resource "aws_rds_cluster" "db" {
  engine               = "aurora-postgresql"
  db_subnet_group_name = aws_db_subnet_group.db.name
}
resource "aws_rds_cluster_instance" "db" {
  cluster_identifier = aws_rds_cluster.db.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}
`;
    const pa = analyse(tf);
    expect(pa.net.endpoints.get('aws_instance.d')?.subnets).toEqual(['aws_subnet.app']);
    expect(pa.net.endpoints.get('aws_rds_cluster_instance.db')?.subnets).toEqual(['aws_subnet.app']);
    expect(pa.net.notModelled).toEqual([]);
  });

  it('an Aurora instance is filtered by its cluster\'s security groups; a cluster not held leaves them not known', () => {
    const cluster = `${VPC}${FAR_GROUP}resource "aws_db_subnet_group" "db" {
  name       = "aurora"
  subnet_ids = [aws_subnet.app.id]
}
resource "aws_rds_cluster" "db" {
  engine                 = "aurora-postgresql"
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.far.id]
}
resource "aws_rds_cluster_instance" "db" {
  cluster_identifier = aws_rds_cluster.db.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}
`;
    const held = analyse(cluster).net.endpoints.get('aws_rds_cluster_instance.db')!;
    expect(held.groups).toEqual(['aws_security_group.far']);
    expect(held.groupsUnknown).toBeUndefined();
    const elsewhere = analyse(cluster.replace('cluster_identifier = aws_rds_cluster.db.id', 'cluster_identifier = "shared-aurora"')).net.endpoints.get('aws_rds_cluster_instance.db')!;
    expect(elsewhere.groups).toEqual([]);
    expect(elsewhere.groupsUnknown?.reason).toBe('the cluster of aws_rds_cluster_instance.db is not in the configuration: its security groups are not known');
    // Named by the identifier the cluster is given, it is that cluster.
    const byName = analyse(cluster.replace('engine                 = "aurora-postgresql"\n  db_subnet_group_name', 'cluster_identifier     = "shared-aurora"\n  engine                 = "aurora-postgresql"\n  db_subnet_group_name').replace('cluster_identifier = aws_rds_cluster.db.id', 'cluster_identifier = "shared-aurora"'));
    expect(byName.net.endpoints.get('aws_rds_cluster_instance.db')!.groups).toEqual(['aws_security_group.far']);
  });

  it('a Multi-AZ DB cluster, which has no instance resources, is a database of its own', () => {
    const tf = `${VPC}${FAR_GROUP}resource "aws_db_subnet_group" "db" {
  name       = "multi-az"
  subnet_ids = [aws_subnet.app.id]
}
resource "aws_rds_cluster" "db" {
  engine                    = "postgres"
  db_cluster_instance_class = "db.m6gd.large"
  db_subnet_group_name      = aws_db_subnet_group.db.name
  vpc_security_group_ids    = [aws_security_group.far.id]
}
`;
    const e = analyse(tf).net.endpoints.get('aws_rds_cluster.db')!;
    expect({ kind: e.kind, subnets: e.subnets, groups: e.groups }).toEqual({ kind: 'database', subnets: ['aws_subnet.app'], groups: ['aws_security_group.far'] });
    // An Aurora cluster is reached through its instances, not as a database of its own.
    expect(analyse(tf.replace('  db_cluster_instance_class = "db.m6gd.large"\n', '')).net.endpoints.has('aws_rds_cluster.db')).toBe(false);
  });

  it('a database joins its subnet group named by the name the group is given', () => {
    const tf = `${VPC}${FAR_GROUP}resource "aws_db_subnet_group" "db" {
  name       = "history"
  subnet_ids = [aws_subnet.app.id]
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t4g.small"
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.far.id]
}
`;
    const pa = analyse(tf);
    expect(pa.net.endpoints.get('aws_db_instance.db')?.subnets).toEqual(['aws_subnet.app']);
    expect(pa.net.notModelled).toEqual([]);
  });
});

describe('text that is not an address', () => {
  it('a group rule whose CIDR cannot be read matches every address, and the flow rests on it', () => {
    const { pa, refused } = analyseRefused(VPC + sg('server', [tcp(22, '10.0.1.0/33')]) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']));
    // AWS refuses it: an input error as well, so the run fails whatever the flows.
    expect(refused).toEqual([expect.stringContaining('aws_security_group.server ingress[0].cidr_blocks[0]: "10.0.1.0/33" is neither an IP address nor a CIDR block')]);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual(['aws_instance.client → aws_instance.server: tcp/22 10.0.1.1 → 10.0.2.1']);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([['"10.0.1.0/33" is neither an IP address nor a CIDR block']]);
  });

  it.each([
    ['a nested list', '[["0.0.0.0/0"]]', '["0.0.0.0/0"] is not an IP address or CIDR block as text'],
    ['a number', '[5]', '5 is not an IP address or CIDR block as text'],
  ])('a group rule whose CIDR list holds %s matches every address, and the flow rests on it', (_, cidrs, why) => {
    const rule = `{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = ${cidrs} }`;
    const { pa, refused } = analyseRefused(VPC + sg('server', [rule]) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']));
    expect(refused).toEqual([expect.stringContaining(`aws_security_group.server ingress[0].cidr_blocks[0]: ${why}`)]);
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual(['aws_instance.client → aws_instance.server: tcp/22 10.0.1.1 → 10.0.2.1']);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([[why]]);
  });

  it.each([
    ['a port above 65535', 'from_port = 70000, to_port = 70000', '"tcp", 70000, 70000'],
    ['a fractional port', 'from_port = 22.5, to_port = 22.5', '"tcp", 22.5, 22.5'],
    ['a range that ends before it starts', 'from_port = 443, to_port = 80', '"tcp", 443, 80'],
  ])('a group rule with %s may match anything, and the flow rests on it', (_, ports, shown) => {
    const rule = `{ protocol = "tcp", ${ports}, cidr_blocks = ["10.0.1.0/24"] }`;
    const pa = analyse(VPC + sg('server', [rule]) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']));
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([[`the protocol or ports of aws_security_group.server ingress[0] are not valid (${shown})`]]);
  });

  it('a network ACL entry with an ICMP type above 255 may match anything', () => {
    const bad = acl('app', ['app'], ['{ rule_no = 100, action = "deny", protocol = "icmp", cidr_block = "0.0.0.0/0", icmp_type = 300, icmp_code = 0, from_port = 0, to_port = 0 }', entry(200, 'allow', '0.0.0.0/0')], [entry(100, 'allow', '0.0.0.0/0')]);
    const pa = analyse(ACL_BASE + bad);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual([['aws_network_acl.app ingress[0] is not a valid entry (its number, action, protocol, ports or CIDR block)']]);
  });

  it.each([
    ['above 255', '65536'],
    ['below -1', '-2'],
    ['a fraction', '6.5'],
  ])('a protocol number %s, written as a number, is no protocol: the group rule or ACL entry may match anything', (_, n) => {
    const rule = `{ protocol = ${n}, from_port = 22, to_port = 22, cidr_blocks = ["10.0.1.0/24"] }`;
    const pa = analyse(VPC + sg('server', [rule]) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']));
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([[`the protocol or ports of aws_security_group.server ingress[0] are not valid (${n}, 22, 22)`]]);
    const bad = acl('app', ['app'], [`{ rule_no = 100, action = "deny", protocol = ${n}, cidr_block = "0.0.0.0/0", from_port = 0, to_port = 0 }`, entry(200, 'allow', '0.0.0.0/0')], [entry(100, 'allow', '0.0.0.0/0')]);
    const withAcl = analyse(ACL_BASE + bad);
    expect(unknownsOf(withAcl, { from: 'aws_instance.client', to: 'aws_instance.server', port: 443 })).toEqual([['aws_network_acl.app ingress[0] is not a valid entry (its number, action, protocol, ports or CIDR block)']]);
  });
});

describe('managed prefix lists', () => {
  const list = (entries: string) => `resource "aws_ec2_managed_prefix_list" "office" {
  name           = "office"
  address_family = "IPv4"
  max_entries    = 4
${entries}}
`;
  const tf = (entries: string, extra = '') =>
    VPC + POOL + sg('server', ['{ protocol = "tcp", from_port = 22, to_port = 22, prefix_list_ids = [aws_ec2_managed_prefix_list.office.id] }']) + list(entries) + extra + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client'], '  private_ip = "10.0.1.10"');

  it('entries written as separate resources belong to the list', () => {
    const entry = `resource "aws_ec2_managed_prefix_list_entry" "client" {
  prefix_list_id = aws_ec2_managed_prefix_list.office.id
  cidr           = "10.0.1.10/32"
}
`;
    const pa = analyse(tf('', entry));
    expect(flows(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual(['aws_instance.client → aws_instance.server: tcp/22 10.0.1.10 → 10.0.2.1']);
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([[]]);
    // An entry that admits someone else: the client is not in the list.
    expect(flows(analyse(tf('  entry {\n    cidr = "192.0.2.0/24"\n  }\n')), { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([]);
  });

  it('a list the configuration gives no entry is not known: entries may be added outside it', () => {
    expect(unknownsOf(analyse(tf('')), { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([['the entries of prefix list aws_ec2_managed_prefix_list.office are not known']]);
  });

  it('a list named by its id as written: the list with that id, or else one whose entries are not known', () => {
    const byId = (ids: string, extra = '') =>
      VPC + POOL + sg('server', [`{ protocol = "tcp", from_port = 22, to_port = 22, prefix_list_ids = ${ids} }`]) + extra + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client'], '  private_ip = "10.0.1.10"');
    const q = { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 };
    // An AWS-managed list, or one made elsewhere: not read as admitting nobody.
    expect(unknownsOf(analyse(byId('["pl-58a04531"]')), q)).toEqual([['the entries of prefix list pl-58a04531 are not known']]);
    // The list with that id (a plan writes the id of a list that exists already).
    const pa = analyse(byId('["pl-0a1b2c"]', list('  id = "pl-0a1b2c"\n  entry {\n    cidr = "10.0.1.10/32"\n  }\n')));
    expect([flows(pa, q), unknownsOf(pa, q)]).toEqual([['aws_instance.client → aws_instance.server: tcp/22 10.0.1.10 → 10.0.2.1'], [[]]]);
    // A variable with no value names no resource: an unknown peer.
    const unset = analyse(byId('var.lists', 'variable "lists" {\n  type = list(string)\n}\n'));
    expect(unknownsOf(unset, q)).toEqual([[expect.stringMatching(/^var\.lists has no value/)]]);
  });

  describe('routes to prefix lists', () => {
    /** Subnet app (with a public instance) on a table of these routes; a VPN gateway beside the internet gateway. */
    const table = (routes: string[], extra = '') =>
      VPC +
      extra +
      sg('app', [tcp(443, '0.0.0.0/0')]) +
      instance('app', 'app', ['app'], '  associate_public_ip_address = true') +
      `resource "aws_vpn_gateway" "vgw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table" "app" {
  vpc_id = aws_vpc.main.id
${routes.map((r) => `  route {\n    ${r.replace(/, /g, '\n    ')}\n  }`).join('\n')}
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.app.id
}
`;
    const listRoute = (id: string, to: string) => `destination_prefix_list_id = "${id}", ${to}`;
    const IGW = 'gateway_id = aws_internet_gateway.igw.id';
    const VGW = 'gateway_id = aws_vpn_gateway.vgw.id';
    const LIST = list('  id = "pl-0a1b2c"\n  entry {\n    cidr = "198.51.100.0/24"\n  }\n');
    const out = (pa: PathAnalysis, to: string) => ({ flows: flows(pa, { from: 'aws_instance.app', to, port: 443 }), unknowns: unknownsOf(pa, { from: 'aws_instance.app', to, port: 443 }) });

    it('a list with that id in the configuration routes its entries only', () => {
      const pa = analyse(table([listRoute('pl-0a1b2c', IGW)], LIST));
      expect(out(pa, '198.51.100.7')).toEqual({ flows: ['aws_instance.app → internet: tcp/443 10.0.2.1 → 198.51.100.7'], unknowns: [[]] });
      expect(out(pa, '203.0.113.9').flows).toEqual([]);
    });

    it('each entry of a list competes by its own length: it beats a shorter route, and loses to a longer one', () => {
      const pa = analyse(table([listRoute('pl-0a1b2c', VGW), `cidr_block = "0.0.0.0/0", ${IGW}`], LIST));
      expect(out(pa, '198.51.100.7').flows).toEqual(['aws_instance.app → undeclared network via aws_vpn_gateway.vgw: tcp/443 10.0.2.1 → 198.51.100.7']);
      expect(out(pa, '203.0.113.9').flows).toEqual(['aws_instance.app → internet: tcp/443 10.0.2.1 → 203.0.113.9']);
      const longer = analyse(table([listRoute('pl-0a1b2c', VGW), `cidr_block = "198.51.100.0/25", ${IGW}`], LIST));
      expect(out(longer, '198.51.100.7').flows).toEqual(['aws_instance.app → internet: tcp/443 10.0.2.1 → 198.51.100.7']);
    });

    it('two lists with the same entry to different targets: AWS picks one, once, so each may take it', () => {
      const second = `resource "aws_ec2_managed_prefix_list" "other" {
  name           = "other"
  address_family = "IPv4"
  max_entries    = 4
  id             = "pl-0d0e0f"
  entry {
    cidr = "198.51.100.0/24"
  }
}
`;
      const tie = 'AWS picks once, at random, which of the routes of prefix lists pl-0a1b2c, pl-0d0e0f takes 198.51.100.0/24 (aws_route_table.app)';
      for (const order of [
        [listRoute('pl-0a1b2c', VGW), listRoute('pl-0d0e0f', IGW)],
        [listRoute('pl-0d0e0f', IGW), listRoute('pl-0a1b2c', VGW)],
      ]) {
        const pa = analyse(table(order, LIST + second));
        const r = out(pa, '198.51.100.7');
        expect(r.flows).toEqual(['aws_instance.app → internet: tcp/443 10.0.2.1 → 198.51.100.7', 'aws_instance.app → undeclared network via aws_vpn_gateway.vgw: tcp/443 10.0.2.1 → 198.51.100.7']);
        expect(r.unknowns).toEqual([[tie], [tie]].map((u) => u.map((x) => x.replace(/pl-0a1b2c, pl-0d0e0f/, (m) => (order[0]!.includes('pl-0a1b2c') ? m : 'pl-0d0e0f, pl-0a1b2c')))));
        // Addresses outside the shared entry have no route.
        expect(out(pa, '203.0.113.9').flows).toEqual([]);
        // The way back in: the reply may go out the internet gateway or the VPN gateway, so the way in
        // from the internet is possible, resting on the same choice — and only for the shared prefix.
        const back = (from: string) => {
          const q = pathQuery(pa, { from, to: 'aws_instance.app', port: 443, protocol: 'any' });
          if (!q.ok) throw new Error(q.error);
          return q.flows.map((f) => [f.source, f.answer.unknowns.map((u) => u.reason)]);
        };
        expect(back('198.51.100.7')).toEqual([['198.51.100.7 (internet)', [r.unknowns[0]![0]]]]);
        expect(back('203.0.113.9')).toEqual([]);
      }
      // A static route of the same length wins outright: no choice is left.
      const staticToo = analyse(table([listRoute('pl-0a1b2c', VGW), listRoute('pl-0d0e0f', IGW), `cidr_block = "198.51.100.0/24", ${IGW}`], LIST + second));
      expect(out(staticToo, '198.51.100.7')).toEqual({ flows: ['aws_instance.app → internet: tcp/443 10.0.2.1 → 198.51.100.7'], unknowns: [[]] });
      // The same entry to the same target is no choice at all.
      expect(out(analyse(table([listRoute('pl-0a1b2c', IGW), listRoute('pl-0d0e0f', IGW)], LIST + second)), '198.51.100.7')).toEqual({ flows: ['aws_instance.app → internet: tcp/443 10.0.2.1 → 198.51.100.7'], unknowns: [[]] });
    });

    it('a list whose entries are not known may take any address, says so, and hides no other route', () => {
      const managed = analyse(table([listRoute('pl-61a54008', IGW)]));
      expect(out(managed, '203.0.113.9')).toEqual({ flows: ['aws_instance.app → internet: tcp/443 10.0.2.1 → 203.0.113.9'], unknowns: [['the entries of prefix list pl-61a54008 are not known']] });
      // Two such lists: each may take the packet, each flow resting on its own list.
      const two = analyse(table([listRoute('pl-aaaa1111', VGW), listRoute('pl-bbbb2222', IGW)]));
      expect(out(two, '203.0.113.9')).toEqual({
        flows: ['aws_instance.app → internet: tcp/443 10.0.2.1 → 203.0.113.9', 'aws_instance.app → undeclared network via aws_vpn_gateway.vgw: tcp/443 10.0.2.1 → 203.0.113.9'],
        unknowns: [['the entries of prefix list pl-bbbb2222 are not known'], ['the entries of prefix list pl-aaaa1111 are not known']],
      });
    });

    it('a blackhole route to a list whose entries are not known drops, and opens no way out', () => {
      expect(out(analyse(table(['destination_prefix_list_id = "pl-dead0001"'])), '203.0.113.9').flows).toEqual([]);
    });

    it('a way back through a list whose entries are not known makes the inbound flow possible, not certain', () => {
      const pa = analyse(table([`cidr_block = "0.0.0.0/0", ${VGW}`, listRoute('pl-0e1f2a3b', IGW)]));
      const r = pathQuery(pa, { from: 'internet', to: 'aws_instance.app', port: 443, protocol: 'any' });
      if (!r.ok) throw new Error(r.error);
      expect(r.flows.map((f) => [f.source, f.answer.unknowns.map((u) => u.reason)])).toEqual([['internet', ['the entries of prefix list pl-0e1f2a3b are not known']]]);
      // With only the route to the VPN gateway, the reply has no way back to the internet: blocked.
      expect(blockedBy(analyse(table([`cidr_block = "0.0.0.0/0", ${VGW}`])), { from: 'internet', to: 'aws_instance.app', port: 443 })).toContain('IGW_NO_RETURN_ROUTE');
      const inbound = (routes: string[]) => {
        const q = pathQuery(analyse(table(routes)), { from: 'internet', to: 'aws_instance.app', port: 443, protocol: 'any' });
        if (!q.ok) throw new Error(q.error);
        return q.flows.map((f) => f.answer.unknowns.map((u) => u.reason));
      };
      // A known way back beside the list's: certain.
      expect(inbound([`cidr_block = "0.0.0.0/0", ${IGW}`, listRoute('pl-0e1f2a3b', IGW)])).toEqual([[]]);
      // A known way back that the list's route to elsewhere may take over: possible.
      expect(inbound([`cidr_block = "0.0.0.0/0", ${IGW}`, listRoute('pl-0e1f2a3b', VGW)])).toEqual([['the entries of prefix list pl-0e1f2a3b are not known']]);
    });
  });

  it('a list with an entry known only after apply is not known: the rule may match any address', () => {
    const pa = analyse(tf('  entry {\n    cidr = "192.0.2.0/24"\n  }\n  entry {\n    cidr = aws_vpc_ipam_pool.pool.cidr\n  }\n'));
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([['the entries of prefix list aws_ec2_managed_prefix_list.office are not known']]);
  });
});

describe('ICMP', () => {
  const icmpEntry = (no: number, type: number) => `{ rule_no = ${no}, action = "allow", protocol = "icmp", cidr_block = "10.0.1.0/24", icmp_type = ${type}, icmp_code = -1, from_port = 0, to_port = 0 }`;
  const icmpBase = VPC + sg('server', ['{ protocol = "icmp", from_port = -1, to_port = -1, cidr_blocks = ["10.0.1.0/24"] }']) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']);
  const q = { from: 'aws_instance.client', to: 'aws_instance.server', protocol: 'icmp' as const };

  it('NA7: the reply to an echo request is an echo reply: an ACL that lets type 8 in and type 0 out passes ping', () => {
    const ping = acl('app', ['app'], [icmpEntry(100, 8)], [icmpEntry(100, 0)]);
    expect(flows(analyse(icmpBase + ping), q)).toEqual(['aws_instance.client → aws_instance.server: icmp type 8 10.0.1.1 → 10.0.2.1']);
    // Type 8 both ways lets the request in and drops its reply.
    expect(blockedBy(analyse(icmpBase + acl('app', ['app'], [icmpEntry(100, 8)], [icmpEntry(100, 8)])), q)).toEqual(['NACL_RETURN_DENY']);
  });

  it('NA7: a flow is a request and its reply: a message that has no reply (destination unreachable) passes where the reply direction lets all ICMP through', () => {
    // It arrives all the same, one way: a message that asks for no reply needs none.
    expect(flows(analyse(icmpBase + acl('app', ['app'], [icmpEntry(100, 3)], [icmpEntry(100, 0)])), q)).toEqual(['aws_instance.client → aws_instance.server: icmp type 3 10.0.1.1 → 10.0.2.1 (one way)']);
    expect(flows(analyse(icmpBase + acl('app', ['app'], [icmpEntry(100, 3)], [icmpEntry(100, -1)])), q)).toEqual(['aws_instance.client → aws_instance.server: icmp type 3 10.0.1.1 → 10.0.2.1']);
  });

  it('a group rule whose ICMP type is known only after apply makes the group unknown: it may allow anything', () => {
    const pa = analyse(VPC + POOL + sg('server', ['{ protocol = "icmp", from_port = aws_vpc_ipam_pool.pool.allocation_default_netmask_length, to_port = -1, cidr_blocks = ["10.0.1.0/24"] }']) + sg('client', []) + instance('server', 'app', ['server']) + instance('client', 'web', ['client']));
    expect(unknownsOf(pa, { from: 'aws_instance.client', to: 'aws_instance.server', port: 22 })).toEqual([['the protocol or ports of aws_security_group.server ingress[0] are known only after apply']]);
  });
});
