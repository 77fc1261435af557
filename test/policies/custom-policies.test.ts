/**
 * Custom path policies (product.md §5) on the bundled example: a policy in the repository's
 * policies/ folder finds the path it forbids, with its trace, and passes when the path goes through
 * its waypoint; a broken policy file is a configuration error at its line; the built-in rules
 * zone-segmentation (its path half) and field-protocols-contained, written as policies
 * (docs/policies), find what the built-ins find.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { loadPolicies, parsePolicy } from '../../src/policies/load.js';
import { lintSarif } from '../../src/report/sarif.js';
import { N4, partnerLbOpen, variants, type Variant } from '../support/example-variants.js';
import { repoRoot, writeTree } from '../support/files.js';
import { CHANNEL_EGRESS, DISPATCH_YAML, NETWORK, ROUTE, dispatchRoutes, networkAcl, securityGroup, sgRule, ven } from '../support/dispatch-network.js';

const v = variants('gridfence-policies-');
afterAll(() => v.dispose());

/** A variant of the example, with `config` appended to its gridfence.yaml; linted with `only` (all rules when empty). */
function run(o: Variant & { config?: string; only?: string[] }) {
  const dir = v.make(o);
  if (o.config) fs.appendFileSync(path.join(dir, 'gridfence.yaml'), o.config);
  return lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: o.only ?? [], today: '2026-11-29' });
}

const PARTNER_POLICY = (through: string) => `id: partners-only-through-dmz
clause: "(4)イ①"
severity: error
title: { en: "Partners reach the partner VTN only through the DMZ", ja: "相互接続相手は緩衝エリアを経由してのみ VTN に到達すること" }
forbid:
  from: { external: ra-north }
  to: { zone: ra }
  services: ["tcp/443"]
${through}`;

describe('custom path policies', () => {
  it('finds the path it forbids, with the trace, and passes when the path goes through the waypoint', () => {
    const strict = run({ policies: { 'partners.yaml': PARTNER_POLICY('') }, only: ['partners-only-through-dmz'] });
    expect(strict.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(strict.findings.map((f) => [f.ruleId, f.severity, f.clause, f.message])).toEqual([
      ['partners-only-through-dmz', 'error', '(4)イ①', 'Partners reach the partner VTN only through the DMZ: tcp/443 from external network ra-north reaches aws_instance.host["ra-vtn"]'],
    ]);
    expect(strict.findings[0]!.trace!.map((t) => t.node)).toEqual([
      'ra-north (over the internet)',
      'aws_internet_gateway.main',
      'aws_lb.edge["partner"]',
      'aws_lb.edge["partner"]',
      'aws_subnet.zone["dmz_a"]',
      'aws_subnet.zone["ra"]',
      'aws_instance.host["ra-vtn"]',
    ]);
    // In SARIF the policy is a rule of its own, documented by its file.
    const rule = (lintSarif(strict, '0.0.0', 'en') as { runs: Array<{ tool: { driver: { rules: Array<Record<string, unknown>> } } }> }).runs[0]!.tool.driver.rules.find((r) => r['id'] === 'partners-only-through-dmz')!;
    expect(rule['helpUri']).toBeUndefined();
    expect((rule['help'] as { text: string }).text).toContain('Custom policy: policies/partners.yaml');
    expect(rule['properties']).toMatchObject({ clause: '(4)イ①' });
    const through = run({ policies: { 'partners.yaml': PARTNER_POLICY('  unless-through: { zone: dmz }\n') }, only: ['partners-only-through-dmz'] });
    expect(through.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(through.rulesRun).toEqual(['partners-only-through-dmz']);
    expect(through.findings).toEqual([]);
  });

  it('from the internet, a datagram that arrives though no reply could return breaks the policy too', () => {
    const snmp = sgRule('ingress', 'udp', 161, 161, '0.0.0.0/0');
    // SNMP in from anywhere; out, only the channel and replies to the VPC.
    const acl = networkAcl('dispatch', 'dispatch', [[100, 'udp', 161, 161, '0.0.0.0/0']], [[100, 'tcp', 443, 443, '203.0.113.10/32'], [110, 'udp', 1024, 65535, '10.10.0.0/16']]);
    const policy = 'id: no-internet-to-link\nclause: "(4)ア"\nseverity: error\ntitle: { en: "Nothing from the internet reaches the link", ja: "インターネットから接続部へ到達しないこと" }\nforbid:\n  from: { internet: true }\n  to: { zone: dispatch }\n';
    const dir = writeTree({ 'main.tf': NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', snmp, CHANNEL_EGRESS) + ven('true') + acl, 'gridfence.yaml': DISPATCH_YAML, 'policies/link.yaml': policy }, 'gridfence-policy-one-way-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['no-internet-to-link'], today: '2026-11-29' });
    expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(r.findings.map((f) => [f.messageId, f.certainty, f.message])).toEqual([
      ['forbiddenOneWay', 'definite', 'Nothing from the internet reaches the link: udp/161 datagrams from the internet reach aws_instance.ven: they need no reply, and one datagram can carry a command'],
    ]);
    // With a waypoint the datagram's path does not pass through, it is reported all the same; with the internet gateway it passes, it is not.
    const waypoint = (place: string) => {
      fs.writeFileSync(path.join(dir, 'policies/link.yaml'), `${policy}  unless-through: ${place}\n`);
      return lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['no-internet-to-link'], today: '2026-11-29' }).findings.map((f) => f.messageId);
    };
    expect(waypoint('{ zone: core }')).toEqual(['forbiddenOneWay']);
    expect(waypoint('{ address: "aws_internet_gateway.*" }')).toEqual([]);
  });

  it('a path around the waypoint is found even when another path goes through it', () => {
    // A second way in: the VTN itself gets a public address and a rule for the partner. (The
    // waypoint is the load balancer: the example places the internet gateway in the dmz too.)
    const policies = { 'partners.yaml': PARTNER_POLICY('  unless-through: { address: "aws_lb.edge*" }\n') };
    expect(run({ policies, only: ['partners-only-through-dmz'] }).findings).toEqual([]);
    const found = run({
      policies,
      edits: [['security.tf', '{ description = "F5 from the partner ALB"', '{ description = "bypass", protocol = "tcp", port = 443, cidrs = var.partner_cidrs },\n        { description = "F5 from the partner ALB"']],
      append: { 'network.tf': 'resource "aws_route_table" "ra_public" {\n  vpc_id = aws_vpc.main.id\n  route {\n    cidr_block = "0.0.0.0/0"\n    gateway_id = aws_internet_gateway.main.id\n  }\n}\nresource "aws_route_table_association" "ra_public" {\n  subnet_id      = aws_subnet.zone["ra"].id\n  route_table_id = aws_route_table.ra_public.id\n}\nresource "aws_eip" "ra_vtn" {\n  domain   = "vpc"\n  instance = aws_instance.host["ra-vtn"].id\n}' },
      only: ['partners-only-through-dmz'],
    });
    expect(found.findings.map((f) => f.trace!.map((t) => t.node))).toEqual([['ra-north (over the internet)', 'aws_internet_gateway.main', 'aws_instance.host["ra-vtn"]']]);
  });

  it('the built-ins written as policies find what the built-ins find', () => {
    const policies = {
      'dispatch-link-segment.yaml': fs.readFileSync(path.join(repoRoot, 'docs/policies/dispatch-link-segment.yaml'), 'utf8'),
      'field-protocols-in-zone.yaml': fs.readFileSync(path.join(repoRoot, 'docs/policies/field-protocols-in-zone.yaml'), 'utf8'),
    };
    const only = ['dispatch-link-segment', 'field-protocols-in-zone', 'zone-segmentation', 'field-protocols-contained'];
    // Compliant: none of the four.
    expect(run({ policies, only }).findings).toEqual([]);
    // N4: a direct route from the corporate network to the dispatch link.
    const n4 = run({ policies, only, ...N4 });
    const seg = (rule: string) => n4.findings.filter((f) => f.ruleId === rule && f.trace).map((f) => ({ trace: f.trace!.map((t) => t.node), at: `${f.location.file}:${f.location.line}` }));
    expect(seg('dispatch-link-segment')).toEqual(seg('zone-segmentation'));
    expect(seg('dispatch-link-segment')).toHaveLength(1);
    // N10/N11: MQTT and Modbus from the whole internet to the partner load balancer.
    const n11 = run({ policies, only, ...partnerLbOpen(['N10', 1883], ['N11', 502]) });
    const targets = (rule: string) => [...new Set(n11.findings.filter((f) => f.ruleId === rule).map((f) => `${f.trace!.at(-1)!.node} ${f.location.file}:${f.location.line}`))].sort();
    expect(targets('field-protocols-in-zone')).toEqual(targets('field-protocols-contained'));
    expect(targets('field-protocols-in-zone').length).toBeGreaterThan(0);
  });

  it('policies listed in gridfence.yaml load too, and can be re-graded or turned off there', () => {
    // Listed by a path relative to gridfence.yaml.
    const r = run({ append: { 'partners-policy.yaml': PARTNER_POLICY('') }, config: 'policies: ["partners-policy.yaml"]\nrules:\n  partners-only-through-dmz: warning\n', only: ['partners-only-through-dmz'] });
    expect(r.findings.map((f) => f.severity)).toEqual(['warning']);
    const off = run({ policies: { 'p.yaml': PARTNER_POLICY('') }, config: 'rules:\n  partners-only-through-dmz: off\n' });
    expect(off.rulesRun).not.toContain('partners-only-through-dmz');
  });

  it('an invalid policy file is a configuration error at its line', () => {
    const bad = PARTNER_POLICY('').replace('  to: { zone: ra }', '  to: { zone: ra }\n  unles-through: { zone: dmz }');
    const r = run({ policies: { 'bad.yaml': bad }, only: ['tls-minimum-version'] });
    expect(r.errors.filter((e) => e.severity === 'error').map((e) => [e.code, e.message, e.location?.file.endsWith('policies/bad.yaml'), e.location?.line, e.location?.column])).toEqual([
      ['config', 'custom policy: forbid: unknown key "unles-through" (did you mean "unless-through"?)', true, 8, 3],
    ]);
    const unknownZone = run({ policies: { 'p.yaml': PARTNER_POLICY('').replace('{ zone: ra }', '{ zone: rra }') }, only: ['tls-minimum-version'] });
    expect(unknownZone.errors.filter((e) => e.severity === 'error').map((e) => [e.message.replace(/^custom policy: /, ''), e.location?.line, e.location?.column])).toEqual([
      ['forbid.to.zone: no zone or external network "rra" in gridfence.yaml (zones: dispatch, dmz, core, ops, ra, der)', 7, 15],
    ]);
    const roleDir = writeTree({ 'policies/p.yaml': PARTNER_POLICY('').replace('{ zone: ra }', '{ role: der-ingress }') }, 'gridfence-policy-role-');
    const role = loadPolicies({ version: 1, zones: { ra: { role: 'partner-ingress' } }, externals: { 'ra-north': { role: 'partner' } } }, path.join(roleDir, 'gridfence.yaml'), new Set(), (a) => path.relative(roleDir, a));
    expect([role.policies, role.problems.map((e) => [e.message.replace(/^custom policy: /, ''), e.location?.file, e.location?.line])]).toEqual([
      [],
      [['forbid.to.role: no zone or external network in gridfence.yaml has the role "der-ingress", so the policy would check nothing', 'policies/p.yaml', 7]],
    ]);
    // An address glob is checked against the system's resources: matching none, the place holds nothing (a warning).
    const nowhere = run({ policies: { 'p.yaml': PARTNER_POLICY('').replace('{ zone: ra }', '{ address: "aws_instance.vtm*" }') }, only: ['partners-only-through-dmz'] });
    expect(nowhere.errors.map((e) => [e.severity, e.message, e.location?.file.endsWith('policies/p.yaml'), e.location?.line, e.location?.column])).toEqual([
      ['warning', 'custom policy: forbid.to.address: "aws_instance.vtm*" matches no resource of the system, so policy partners-only-through-dmz checks nothing there', true, 7, 18],
    ]);
    expect(run({ policies: { 'p.yaml': PARTNER_POLICY('').replace('{ zone: ra }', '{ address: "aws_instance.*" }') }, only: ['partners-only-through-dmz'] }).errors).toEqual([]);
    const taken = run({ policies: { 'p.yaml': PARTNER_POLICY('').replace('id: partners-only-through-dmz', 'id: zone-segmentation') }, only: ['tls-minimum-version'] });
    expect(taken.errors.map((e) => [e.message, e.location?.line])).toContainEqual(['custom policy: id "zone-segmentation" is the id of a built-in rule: choose another', 1]);
  });

  it('schema errors name the key and its place; a YAML file without forbid in policies/ is not a policy', () => {
    const r = parsePolicy('id: x\nclause: "(4)オ"\nseverity: fatal\ntitle: { en: a }\nforbid:\n  from: { internet: true, zone: a }\n  to: { zone: b }\n  services: ["tcp/80", "http"]\n', 'p.yaml');
    expect(r.policy).toBeUndefined();
    expect(r.problems.map((p) => [p.message, p.location?.line])).toEqual(
      expect.arrayContaining([
        ['custom policy: severity: must be one of error, warning, note', 3],
        ['custom policy: title: must have required property \'ja\'', 4],
        ['custom policy: forbid.services.1: must match pattern "^((tcp|udp)/\\d{1,5}(-\\d{1,5})?|icmp|icmpv6|esp|ah|gre|any)$"', 8],
      ]),
    );
    expect(parsePolicy('version: 1\nname: pack\nrules: {}\n', 'pack.yaml', true)).toEqual({ problems: [] });
    // Any other YAML in policies/ is read as a policy: a misspelt forbid is an error, not a policy gone.
    const typo = PARTNER_POLICY('').replace('forbid:', 'forbidd:');
    expect(parsePolicy(typo, 'typo.yaml', true).problems.map((p) => [p.message, p.location?.line])).toEqual(
      expect.arrayContaining([['custom policy: (top level): unknown key "forbidd" (did you mean "forbid"?)', 5]]),
    );
    const ports = parsePolicy(PARTNER_POLICY('').replace('services: ["tcp/443"]', 'services: ["tcp/443", "tcp/70000", "udp/600-500"]'), 'ports.yaml');
    expect(ports.policy).toBeUndefined();
    expect(ports.problems.map((p) => [p.message, p.location?.line, p.location?.column])).toEqual([
      ['custom policy: forbid.services.1: "tcp/70000" is not a port or port range within 0-65535', 8, 25],
      ['custom policy: forbid.services.2: "udp/600-500" is not a port or port range within 0-65535', 8, 38],
    ]);
    const clause = parsePolicy(PARTNER_POLICY('').replace(/clause: "[^"]*"/, 'clause: "(9)Z"'), 'clause.yaml');
    expect(clause.problems.map((p) => [p.message.slice(0, 75), p.location?.line])).toEqual([['custom policy: clause: "(9)Z" is not a clause of the guideline ((1)ア, (1)イ,', 2]]);
    expect(parsePolicy('id: x\nforbid: [\n', 'broken.yaml').problems[0]!.location!.file).toBe('broken.yaml');
  });
});
