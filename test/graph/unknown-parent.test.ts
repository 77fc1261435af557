/**
 * Settings whose table, subnet or group is not known before apply (fixtures/unknown-parent): each may
 * land on the dispatch link, so the flows it opens are possible — never dropped — and what holds
 * without it stays certain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PathAnalysis } from '../../src/graph/analysis.js';
import { pathQuery, type PathQuery } from '../../src/graph/query.js';
import { lint } from '../../src/linter/lint.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { repoRoot, writeTree } from '../support/files.js';

const DIR = path.join(repoRoot, 'fixtures/unknown-parent');
const CONFIG = path.join(DIR, 'gridfence.yaml');

function analyseDir(dir: string): PathAnalysis {
  const sys = loadSystem({ paths: [dir], cwd: dir, config: CONFIG, vars: [], varFiles: [] });
  expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
}

/** Each flow as "source → destination certainty", and what the first rests on. */
function flows(pa: PathAnalysis, q: Omit<PathQuery, 'protocol'>): { flows: string[]; restsOn: string[] } {
  const r = pathQuery(pa, { protocol: 'any', ...q });
  if (!r.ok) throw new Error(r.error);
  return {
    flows: r.flows.map((f) => `${f.source} → ${f.destination} ${f.answer.unknowns.length ? 'possible' : 'definite'}`),
    restsOn: r.flows[0]?.answer.unknowns.map((u) => u.reason) ?? [],
  };
}

/** The fixture with one line replaced, in a folder of its own. */
function variant(name: string, from: string, to: string): string {
  const text = fs.readFileSync(path.join(DIR, name, 'main.tf'), 'utf8');
  expect(text).toContain(from);
  return writeTree({ 'main.tf': text.replace(from, to) }, 'gridfence-unknown-parent-');
}

describe('settings whose parent is not known before apply', () => {
  it('a route into a table read with a data source may be the dispatch table\'s: the internet reaches the public dispatch host, possibly', () => {
    const r = flows(analyseDir(path.join(DIR, 'route-table-data')), { from: 'internet', to: 'dispatch', port: 22 });
    expect(r.flows).toEqual(['internet → aws_instance.d possible']);
    expect(r.restsOn).toEqual([
      'the route table of aws_route.internet is not known (data.aws_route_table.shared.id is known only after apply): the route may be in any route table of aws_vpc.main',
    ]);
  });

  it('the same route into a table named by its id as text changes no held table: no way back, no flow', () => {
    const dir = variant('route-table-data', 'route_table_id         = data.aws_route_table.shared.id', 'route_table_id         = "rtb-0123456789abcdef0"');
    expect(flows(analyseDir(dir), { from: 'internet', to: 'dispatch', port: 22 }).flows).toEqual([]);
  });

  it('a route to the VPN gateway into a table given by a variable without value: the partner reaches the dispatch host, possibly', () => {
    const r = flows(analyseDir(path.join(DIR, 'route-table-variable')), { from: 'partner', to: 'dispatch', port: 443 });
    expect(r.flows).toEqual(['partner → aws_instance.d possible']);
    expect(r.restsOn[0]).toMatch(/^the route table of aws_route\.partner is not known \(var\.route_table_id has no value/);
  });

  it('a possible route claims nothing: the held table\'s more general route still carries its traffic, certainly', () => {
    // The dispatch table sends everything to the VPN gateway; the possible route sends the partner's
    // range to the internet gateway instead. Both ways stand, the held one certain.
    const dir = variant(
      'route-table-variable',
      'resource "aws_route_table" "dispatch" {\n  vpc_id = aws_vpc.main.id\n}',
      'resource "aws_route_table" "dispatch" {\n  vpc_id = aws_vpc.main.id\n  route {\n    cidr_block = "0.0.0.0/0"\n    gateway_id = aws_vpn_gateway.vgw.id\n  }\n}',
    );
    expect(flows(analyseDir(dir), { from: 'partner', to: 'dispatch', port: 443 }).flows).toEqual(['partner → aws_instance.d definite']);
  });

  it('a public table associated with a subnet given by a variable without value may be the dispatch subnet\'s: both ways, possibly', () => {
    const pa = analyseDir(path.join(DIR, 'association-subnet-variable'));
    const inbound = flows(pa, { from: 'internet', to: 'dispatch', port: 22 });
    expect(inbound.flows).toEqual(['internet → aws_instance.d possible']);
    expect(inbound.restsOn).toEqual([
      'the subnet of aws_route_table_association.public is not known (var.public_subnet_id has no value (no default, no tfvars entry, no --var)): any subnet of aws_vpc.main may use aws_route_table.public',
    ]);
    expect(flows(pa, { from: 'dispatch', to: 'internet', port: 443 }).flows).toEqual(['aws_instance.d → internet possible']);
  });

  it('a rule added to a group read with a data source may be the dispatch host\'s: SSH from the internet, possibly; the group\'s own rule stays certain', () => {
    const pa = analyseDir(path.join(DIR, 'group-rule-data'));
    const ssh = flows(pa, { from: 'internet', to: 'dispatch', port: 22 });
    expect(ssh.flows).toEqual(['internet → aws_instance.d possible']);
    expect(ssh.restsOn).toEqual([
      'the security group of aws_security_group_rule.ssh is not known (data.aws_security_group.shared.id is known only after apply): the rule may be in any security group of the configuration',
    ]);
    // The partner's HTTPS comes over the internet here, allowed by the group's own rule.
    expect(flows(pa, { from: 'partner', to: 'dispatch', port: 443 }).flows).toEqual(['partner (partner (over the internet)) → aws_instance.d definite']);
  });

  it('the same rule on a group named by its id as text opens nothing held', () => {
    const dir = variant('group-rule-data', 'security_group_id = data.aws_security_group.shared.id', 'security_group_id = "sg-0123456789abcdef0"');
    expect(flows(analyseDir(dir), { from: 'internet', to: 'dispatch', port: 22 }).flows).toEqual([]);
  });

  it('where the group itself opens the link, the finding shows that path and stays definite, with the flow that holds without the rule', () => {
    const dir = variant('group-rule-data', '    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["192.0.2.0/24"]', '    from_port   = 8443\n    to_port     = 8443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]');
    const r = lint({ paths: [dir], cwd: dir, config: CONFIG, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
    expect(r.findings.map((f) => [f.resource, f.certainty, f.message, f.flow?.ports])).toEqual([
      ['aws_security_group.dispatch', 'definite', 'tcp/8443 from the internet reaches aws_instance.d on the dispatch link (zone dispatch)', '8443'],
    ]);
  });

  it('an entry added to a network ACL read with a data source may be the dispatch subnet\'s: SSH from the internet passes it, possibly; the partner\'s HTTPS stays certain', () => {
    const pa = analyseDir(path.join(DIR, 'acl-rule-data'));
    const ssh = flows(pa, { from: 'internet', to: 'dispatch', port: 22 });
    expect(ssh.flows).toEqual(['internet → aws_instance.d possible']);
    expect(ssh.restsOn).toEqual([
      'the network ACL of aws_network_acl_rule.ssh is not known (data.aws_network_acl.shared.id is known only after apply): the entry may be in any network ACL of the configuration',
    ]);
    expect(flows(pa, { from: 'partner', to: 'dispatch', port: 443 }).flows).toEqual(['partner (partner (over the internet)) → aws_instance.d definite']);
  });

  it('the same entry on an ACL named by its id as text opens nothing held', () => {
    const dir = variant('acl-rule-data', 'network_acl_id = data.aws_network_acl.shared.id', 'network_acl_id = "acl-0123456789abcdef0"');
    expect(flows(analyseDir(dir), { from: 'internet', to: 'dispatch', port: 22 }).flows).toEqual([]);
  });

  it('an open ACL associated with a subnet given by a variable without value may be the dispatch subnet\'s', () => {
    const pa = analyseDir(path.join(DIR, 'acl-association-variable'));
    const ssh = flows(pa, { from: 'internet', to: 'dispatch', port: 22 });
    expect(ssh.flows).toEqual(['internet → aws_instance.d possible']);
    expect(ssh.restsOn).toEqual([
      'the subnet of aws_network_acl_association.open is not known (var.subnet_id has no value (no default, no tfvars entry, no --var)): any subnet of aws_vpc.main may use aws_network_acl.open',
    ]);
    expect(flows(pa, { from: 'partner', to: 'dispatch', port: 443 }).flows).toEqual(['partner (partner (over the internet)) → aws_instance.d definite']);
  });

  it('an Elastic IP associated with an instance given by a variable without value may be the dispatch host\'s: the internet reaches it, possibly', () => {
    const r = flows(analyseDir(path.join(DIR, 'eip-instance-variable')), { from: 'internet', to: 'dispatch', port: 22 });
    expect(r.flows).toEqual(['internet → aws_instance.d possible']);
    expect(r.restsOn).toEqual([
      'the instance or interface of aws_eip_association.shared is not known (var.instance_id has no value (no default, no tfvars entry, no --var)): any instance or interface of the configuration may have its public address',
    ]);
  });

  it('the same Elastic IP associated with an instance named by its id as text leaves the dispatch host private', () => {
    const dir = variant('eip-instance-variable', 'instance_id   = var.instance_id', 'instance_id   = "i-0123456789abcdef0"');
    expect(flows(analyseDir(dir), { from: 'internet', to: 'dispatch', port: 22 }).flows).toEqual([]);
  });

  it('a group attached to an interface given by a variable without value may be the dispatch host\'s: SSH from the internet, possibly', () => {
    const r = flows(analyseDir(path.join(DIR, 'sg-attachment-variable')), { from: 'internet', to: 'dispatch', port: 22 });
    expect(r.flows).toEqual(['internet → aws_instance.d possible']);
    expect(r.restsOn).toEqual([
      'the interface of aws_network_interface_sg_attachment.ssh is not known (var.interface_id has no value (no default, no tfvars entry, no --var)): its group may be on any instance or interface of the configuration',
    ]);
  });

  it('a group attached to the dispatch host by its primary interface joins its groups: SSH from the internet, certainly', () => {
    const dir = variant('sg-attachment-variable', 'network_interface_id = var.interface_id', 'network_interface_id = aws_instance.d.primary_network_interface_id');
    expect(flows(analyseDir(dir), { from: 'internet', to: 'dispatch', port: 22 }).flows).toEqual(['internet → aws_instance.d definite']);
  });

  it('a closed group attached to a host launched without groups leaves the VPC\'s default group on it, whose rules are not known', () => {
    const dir = variant('sg-attachment-variable', 'vpc_security_group_ids      = [aws_security_group.closed.id]', '# launched without groups');
    const file = path.join(dir, 'main.tf');
    const attached = 'security_group_id    = aws_security_group.closed.id\n  network_interface_id = aws_instance.d.primary_network_interface_id';
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('security_group_id    = aws_security_group.ssh.id\n  network_interface_id = var.interface_id', attached));
    expect(fs.readFileSync(file, 'utf8')).toContain(attached);
    const r = flows(analyseDir(dir), { from: 'internet', to: 'dispatch', port: 22 });
    expect(r.flows).toEqual(['internet → aws_instance.d possible']);
    expect(r.restsOn[0]).toMatch(/^the rules of the default security group of aws_vpc\.main are not known/);
  });

  it('routes propagated from the VPN gateway into a table read with a data source may be the dispatch table\'s: the partner reaches the dispatch host, possibly', () => {
    const r = flows(analyseDir(path.join(DIR, 'propagation-table-data')), { from: 'partner', to: 'dispatch', port: 443 });
    expect(r.flows).toEqual(['partner → aws_instance.d possible']);
    expect(r.restsOn).toEqual([
      'the route table of aws_vpn_gateway_route_propagation.partner is not known (data.aws_route_table.shared.id is known only after apply): aws_vpn_gateway.vgw may propagate its routes into any route table of aws_vpc.main',
    ]);
  });

  it('a table that propagates from a gateway given by a variable without value may propagate from the VPN gateway held in its VPC', () => {
    const dir = variant(
      'propagation-table-data',
      'resource "aws_route_table" "dispatch" {\n  vpc_id = aws_vpc.main.id\n}',
      'variable "vgw_id" {\n  type = string\n}\nresource "aws_route_table" "dispatch" {\n  vpc_id           = aws_vpc.main.id\n  propagating_vgws = [var.vgw_id]\n}',
    );
    const r = flows(analyseDir(dir), { from: 'partner', to: 'dispatch', port: 443 });
    expect(r.flows).toEqual(['partner → aws_instance.d possible']);
    expect(r.restsOn).toContain('a gateway that aws_route_table.dispatch propagates from is not known (var.vgw_id has no value (no default, no tfvars entry, no --var)): it may be any VPN gateway of aws_vpc.main');
  });

  it.each([
    ['held-nontable-ref', 'a table exported by another stack (an output of a held aws_cloudformation_stack)', /^the route table of aws_route\.internet is not known \(aws_cloudformation_stack\.net\.outputs/],
    ['route-table-in-data-vpc', 'a table given by a variable, in a VPC read with a data source whose tables are held', /^the route table of aws_route\.internet is not known \(var\.route_table_id/],
    ['main-association-unknown-table', 'the VPC\'s main table replaced by one given by a variable', /^the main route table of aws_vpc\.main \(route_table_id, set by aws_main_route_table_association\.main\) is not in the configuration/],
    ['association-unknown-subnet-and-table', 'a table read with a data source associated with a subnet given by a variable', /^the subnet of aws_route_table_association\.public is not known/],
    ['sg-attachment-unknown-group-and-interface', 'a group read with a data source attached to an interface given by a variable', /^the rules of security group data\.aws_security_group\.shared are not known/],
  ])('%s: %s may open the dispatch host to the internet, possibly', (name, _what, why) => {
    const r = flows(analyseDir(path.join(DIR, name)), { from: 'internet', to: 'dispatch', port: 22 });
    expect(r.flows).toEqual(['internet → aws_instance.d possible']);
    expect(r.restsOn.some((u) => why.test(u))).toBe(true);
  });

  it('a route whose table is not known, to a peering, may be in the tables of either VPC of the peering', () => {
    const r = flows(analyseDir(path.join(DIR, 'peering-accepter-route')), { from: 'core', to: 'dispatch', port: 22 });
    expect(r.flows).toHaveLength(1);
    expect(r.flows[0]).toMatch(/ possible$/);
    expect(r.restsOn).toContain('the route table of aws_route.back is not known (var.route_table_id has no value (no default, no tfvars entry, no --var)): the route may be in any route table of aws_vpc.a or aws_vpc.b');
  });

  it('CloudFormation: a route and a group rule whose parents come from a custom resource\'s attributes may be the dispatch link\'s', () => {
    const r = flows(analyseDir(path.join(DIR, 'cfn-custom-resource-parent')), { from: 'internet', to: 'dispatch', port: 22 });
    expect(r.flows.map((f) => f.split(' ').pop())).toEqual(['possible']);
    expect(r.restsOn).toEqual([
      'the route table of Internet is not known (Lookup.RouteTableId is known only after deployment): the route may be in any route table of Vpc',
      'the security group of Ssh is not known (Lookup.SharedGroupId is known only after deployment): the rule may be in any security group of the configuration',
    ]);
  });

  it.each([
    ['plan-acl-subnet-ids-computed', 'an ACL\'s subnet_ids the provider fills in is no association with a subnet not known'],
    ['plan-module-output-parent', 'a group rule whose group is a module\'s output belongs to the group the output names'],
  ])('plans: %s — %s', (name) => {
    expect(flows(analyseDir(path.join(DIR, name)), { from: 'internet', to: 'dispatch', port: 22 }).flows).toEqual([]);
  });

  it('without a port, the certain flow holds only what arrives without rules that may not be a group\'s own, and the rest is a possible flow of its own', () => {
    const dir = path.join(DIR, 'group-rule-data');
    const r = pathQuery(analyseDir(dir), { protocol: 'any', from: 'internet', to: 'dispatch' });
    if (!r.ok) throw new Error(r.error);
    expect(r.flows.map((f) => [f.answer.unknowns.length ? 'possible' : 'definite', f.answer.packet.dstPort])).toEqual([
      ['definite', 443],
      ['possible', 22],
    ]);
  });

  it('main-association-vpc-and-table-unknown: a main-table association with neither VPC nor table known may give the dispatch subnet a table whose routes lead anywhere', () => {
    const r = flows(analyseDir(path.join(DIR, 'main-association-vpc-and-table-unknown')), { from: 'internet', to: 'dispatch', port: 22 });
    expect(r.flows).toEqual(['internet → aws_instance.d possible']);
    expect(r.restsOn[0]).toMatch(/^the VPC and the route table of aws_main_route_table_association\.main are not known/);
  });

  it.each([
    ['plan-output-list-first-only', 'a module output listing two groups gives the host both: SSH from the internet, certainly', 'definite', 'aws_instance.d'],
    ['plan-output-map-attribute', 'one entry of a module output that maps several groups is not known: the rule may be in any group', 'possible', 'aws_instance.d'],
    ['plan-output-list-element-key', 'element(module output, 2) in a resource with count names an instance not known: possibly the dispatch subnet', 'possible', 'module.vpc.aws_instance.d'],
  ])('plans through module outputs: %s — %s', (name, _what, certainty, host) => {
    expect(flows(analyseDir(path.join(DIR, name)), { from: 'internet', to: 'dispatch', port: 22 }).flows).toEqual([`internet → ${host} ${certainty}`]);
  });

  it('a certain finding says beside it what may also arrive only through a rule that may not be the group\'s, where that rule is written', () => {
    const dir = variant('group-rule-data', '  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  cidr_blocks       = ["0.0.0.0/0"]', '  from_port         = 443\n  to_port           = 443\n  protocol          = "tcp"\n  cidr_blocks       = ["203.0.113.0/24"]');
    const r = lint({ paths: [dir], cwd: dir, config: CONFIG, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
    expect(r.findings.map((f) => [f.certainty, f.flow?.source])).toEqual([['definite', '192.0.2.0/24']]);
    const note = r.findings[0]!.related.find((x) => x.message.startsWith('possibly also'));
    expect(note?.message).toBe(
      'possibly also tcp the internet → 10.0.1.10/32 port 443, resting on: the security group of aws_security_group_rule.ssh is not known (data.aws_security_group.shared.id is known only after apply): the rule may be in any security group of the configuration',
    );
    expect(note?.location.line).toBe(36);
  });

  it('a certain path beside a possible route stays a certain finding, with the possible flow said beside it', () => {
    const dir = path.join(DIR, 'certain-beside-possible-route');
    const r = lint({ paths: [dir], cwd: dir, config: CONFIG, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
    expect(r.findings.map((f) => [f.certainty, f.flow?.source, f.flow?.ports])).toEqual([['definite', '192.0.2.0/24', '22']]);
    expect(r.findings[0]!.related.map((x) => x.message).filter((m) => m.startsWith('possibly also'))).toEqual([
      'possibly also tcp the internet → 10.0.1.10/32 port 22, resting on: the route table of aws_route.default is not known (var.t has no value (no default, no tfvars entry, no --var)): the route may be in any route table of aws_vpc.main',
    ]);
    expect(flows(analyseDir(dir), { from: 'internet', to: 'dispatch', port: 22 }).flows).toEqual(['internet (partner (over the internet)) → aws_instance.d definite', 'internet → aws_instance.d possible']);
  });

  it('dispatch-link-buffer-zone: a host the internet reaches for certain, which exchanges traffic with the link only through a route not known, is a possible finding', () => {
    const dir = variant(
      'peering-accepter-route',
      'resource "aws_route_table" "core" {\n  vpc_id = aws_vpc.a.id\n  route {',
      'resource "aws_internet_gateway" "igw" {\n  vpc_id = aws_vpc.a.id\n}\nresource "aws_route_table" "core" {\n  vpc_id = aws_vpc.a.id\n  route {\n    cidr_block = "0.0.0.0/0"\n    gateway_id = aws_internet_gateway.igw.id\n  }\n  route {',
    );
    const file = path.join(dir, 'main.tf');
    const open = fs.readFileSync(file, 'utf8').replace('subnet_id              = aws_subnet.core.id\n  private_ip             = "10.0.1.10"', 'subnet_id              = aws_subnet.core.id\n  private_ip             = "10.0.1.10"\n  associate_public_ip_address = true').replace('resource "aws_security_group" "core" {\n  vpc_id = aws_vpc.a.id', 'resource "aws_security_group" "core" {\n  vpc_id = aws_vpc.a.id\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }');
    fs.writeFileSync(file, open);
    expect(open).toContain('associate_public_ip_address = true');
    const r = lint({ paths: [dir], cwd: dir, config: CONFIG, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-buffer-zone'] });
    expect(r.findings.map((f) => [f.resource, f.certainty])).toEqual([['aws_instance.c', 'possible']]);
    expect(r.findings[0]!.unknowns.map((u) => u.reason)).toContain(
      'the route table of aws_route.back is not known (var.route_table_id has no value (no default, no tfvars entry, no --var)): the route may be in any route table of aws_vpc.a or aws_vpc.b',
    );
  });
});
