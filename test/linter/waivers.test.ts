/**
 * Inline waivers in every place they can be written — Terraform (resource and attribute),
 * CloudFormation YAML, iptables and nftables rulesets — and what makes one void: an expiry passed
 * (`--now`), a reason shorter than 10 characters, a rule id that does not exist (an input error), a
 * rule that takes config waivers only, a waiver that matches nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { complianceText } from '../../src/report/compliance-text.js';
import { makeStyle } from '../../src/report/style.js';
import { repoRoot, writeTree } from '../support/files.js';

const run = (files: Record<string, string>, only: string[], today = '2026-11-29') => {
  const dir = writeTree(files, 'gridfence-waivers-');
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only, today });
  return {
    findings: r.findings.filter((f) => f.ruleId !== 'waiver-expired').map((f) => ({ rule: f.ruleId, waived: f.waived, reason: f.waiver?.reason, line: f.waiver?.location?.line })),
    /** The expired waivers, each a warning finding of its own at the waiver. */
    expired: r.findings.filter((f) => f.ruleId === 'waiver-expired').map((f) => `${f.severity} ${f.location.file.split('/').pop()}:${f.location.line}:${f.location.column} ${f.clause} ${f.resource}: ${f.message}`),
    problems: r.errors.map((e) => `${e.severity} ${e.location?.line ?? '-'}: ${e.message}`),
  };
};

const SG = (waiver: string, attrWaiver = '') => `${waiver}resource "aws_security_group" "web" {
  vpc_id = "vpc-0123456789abcdef0"
${attrWaiver}  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
const W = '# gridfence:ignore:ingress-from-declared-sources public landing page, accepted by the CISO\n';

describe('inline waivers', () => {
  it('Terraform: before the resource block, and before the attribute block that opens the finding', () => {
    expect(run({ 'main.tf': SG(W) }, ['ingress-from-declared-sources'])).toEqual({ findings: [{ rule: 'ingress-from-declared-sources', waived: true, reason: 'public landing page, accepted by the CISO', line: 1 }], problems: [], expired: [] });
    expect(run({ 'main.tf': SG('', `  ${W}`) }, ['ingress-from-declared-sources']).findings).toEqual([{ rule: 'ingress-from-declared-sources', waived: true, reason: 'public landing page, accepted by the CISO', line: 3 }]);
    // HCL's other line comment.
    expect(run({ 'main.tf': SG(W.replace('#', '//')) }, ['ingress-from-declared-sources']).findings).toEqual([{ rule: 'ingress-from-declared-sources', waived: true, reason: 'public landing page, accepted by the CISO', line: 1 }]);
  });

  it('CloudFormation YAML: the comment line before the resource', () => {
    const template = `Resources:\n  ${W}  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n      VpcId: vpc-0123456789abcdef0\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }\n`;
    const r = run({ 'template.yaml': template }, ['ingress-from-declared-sources']);
    expect(r.findings).toEqual([expect.objectContaining({ waived: true, line: 2 })]);
    expect(r.problems).toEqual([]);
  });

  it('CloudFormation JSON: Metadata.gridfence.ignore on the resource, with the same checks', () => {
    const template = (ignore: string) => JSON.stringify({
      Resources: {
        Web: {
          Type: 'AWS::EC2::SecurityGroup',
          Metadata: { gridfence: { ignore: JSON.parse(ignore) } },
          Properties: { GroupDescription: 'web', VpcId: 'vpc-0123456789abcdef0', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] },
        },
      },
    }, null, 2);
    const ok = run({ 'template.json': template('[{ "rule": "ingress-from-declared-sources", "reason": "public landing page, accepted by the CISO", "expires": "2027-03-31" }]') }, ['ingress-from-declared-sources']);
    expect(ok).toEqual({ findings: [{ rule: 'ingress-from-declared-sources', waived: true, reason: 'public landing page, accepted by the CISO', line: 8 }], problems: [], expired: [] });
    const expired = run({ 'template.json': template('[{ "rule": "ingress-from-declared-sources", "reason": "public landing page, accepted by the CISO", "expires": "2026-01-31" }]') }, ['ingress-from-declared-sources']);
    expect(expired.findings).toEqual([expect.objectContaining({ waived: false })]);
    expect(expired.expired).toEqual(['warning template.json:8:13 (2)ア Web: the waiver of ingress-from-declared-sources for Web expired on 2026-01-31 and no longer applies: renew it with a new date, or fix what it covered']);
    expect(expired.problems).toEqual([]);
    expect(run({ 'template.json': template('[{ "rule": "no-such-rule", "reason": "a long enough reason" }]') }, ['ingress-from-declared-sources']).problems).toEqual(['error 8: Waiver names "no-such-rule", which is not a rule (gridfence rules lists them)']);
  });

  it.each([
    ['iptables', 'firewall/gw1.rules', '-A FORWARD -m comment --comment deny-any-any -j LOG'],
    ['nftables', 'firewall/gw1.nft', 'log prefix "gw1 deny-any-any: "'],
  ])('%s: a comment line before the rule that opens the hole', (form, file, anchor) => {
    const fixture = path.join(repoRoot, 'test/fixtures/onprem', form);
    const rules = fs.readFileSync(path.join(fixture, file), 'utf8');
    const hole = form === 'iptables'
      ? '# gridfence:ignore:management-access-restricted,zone-segmentation vendor support line, ticket SEC-211\n-A FORWARD -d 10.20.2.0/24 -i eth0 -o eth1 -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -m comment --comment vendor-remote-support -j ACCEPT\n'
      : '    # gridfence:ignore:management-access-restricted,zone-segmentation vendor support line, ticket SEC-211\n    iifname "eth0" oifname "eth1" ip daddr 10.20.2.0/24 tcp dport 22 ct state new accept comment "vendor-remote-support"\n';
    const i = rules.indexOf(anchor);
    const at = form === 'iptables' ? i : rules.lastIndexOf('\n', i) + 1;
    expect(i).toBeGreaterThan(0);
    const r = run({ 'gridfence.yaml': fs.readFileSync(path.join(fixture, 'gridfence.yaml'), 'utf8'), [file]: rules.slice(0, at) + hole + rules.slice(at) }, ['management-access-restricted', 'zone-segmentation']);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.every((f) => f.waived && f.reason === 'vendor support line, ticket SEC-211')).toBe(true);
    expect(r.problems).toEqual([]);
  });

  it('an expired waiver stops applying and is reported; --now decides', () => {
    const w = W.replace('sources ', 'sources exp:2026-06-30 ');
    const expired = run({ 'main.tf': SG(w) }, ['ingress-from-declared-sources']);
    expect(expired.findings).toEqual([expect.objectContaining({ waived: false })]);
    expect(expired.expired).toEqual(['warning main.tf:1:1 (2)ア aws_security_group.web: the waiver of ingress-from-declared-sources for aws_security_group.web expired on 2026-06-30 and no longer applies: renew it with a new date, or fix what it covered']);
    expect(expired.problems).toEqual([]);
    const before = run({ 'main.tf': SG(w) }, ['ingress-from-declared-sources'], '2026-06-01');
    expect(before.findings).toEqual([expect.objectContaining({ waived: true })]);
    expect(before.expired).toEqual([]);
  });

  it('a reason under 10 characters voids the waiver; an unknown rule id is an input error; unused waivers are reported', () => {
    const short = run({ 'main.tf': SG('# gridfence:ignore:ingress-from-declared-sources ok\n') }, ['ingress-from-declared-sources']);
    expect(short.findings).toEqual([expect.objectContaining({ waived: false })]);
    expect(short.problems).toEqual(['warning 1: Waiver reason "ok" is too short (at least 10 characters): the waiver is ignored']);
    const notADay = run({ 'main.tf': SG(W.replace('sources ', 'sources exp:2026-02-30 ')) }, ['ingress-from-declared-sources']);
    expect(notADay.findings).toEqual([expect.objectContaining({ waived: false })]);
    expect(notADay.problems).toEqual(['warning 1: Waiver expiry "2026-02-30" is not a calendar date (YYYY-MM-DD); the waiver is ignored']);
    const unknown = run({ 'main.tf': SG('# gridfence:ignore:ingres-from-declared-sources public landing page\n') }, ['ingress-from-declared-sources']);
    expect(unknown.problems).toEqual(['error 1: Waiver names "ingres-from-declared-sources", which is not a rule (gridfence rules lists them)']);
    const unused = run({ 'main.tf': SG('# gridfence:ignore:flow-logs-enabled logs are collected centrally\n') }, ['ingress-from-declared-sources', 'flow-logs-enabled']);
    expect(unused.problems).toEqual(['warning 1: Waiver for flow-logs-enabled matches no finding']);
  });

  it('a waiver of a rule the run did not check is not reported as matching nothing: --rule, or the rule turned off', () => {
    const inline = '# gridfence:ignore:flow-logs-enabled logs are collected centrally\n';
    expect(run({ 'main.tf': SG(inline) }, ['ingress-from-declared-sources']).problems).toEqual([]);
    const config = 'version: 1\nwaivers:\n  - rule: flow-logs-enabled\n    resource: aws_vpc.*\n    reason: logs are collected centrally\n';
    expect(run({ 'main.tf': SG(''), 'gridfence.yaml': config }, ['ingress-from-declared-sources']).problems).toEqual([]);
    const off = `${config}rules:\n  flow-logs-enabled: off\n`;
    expect(run({ 'main.tf': SG(''), 'gridfence.yaml': off }, []).problems).toEqual([]);
    // With the rule checked and nothing to cover, it is stale.
    expect(run({ 'main.tf': SG(''), 'gridfence.yaml': config }, ['ingress-from-declared-sources', 'flow-logs-enabled']).problems).toEqual(['warning 3: Waiver for flow-logs-enabled on aws_vpc.* matches no finding']);
  });

  it('dispatch-link-internet-isolation takes config waivers only', () => {
    const r = run({ 'main.tf': SG('# gridfence:ignore:dispatch-link-internet-isolation the vendor needs it this quarter\n') }, ['ingress-from-declared-sources']);
    expect(r.problems).toEqual(['warning 1: dispatch-link-internet-isolation cannot be waived inline: accept the risk under waivers: in gridfence.yaml, where the whole team reviews it']);
  });
});

describe('an expired waiver is a warning finding of its own', () => {
  const config = (expires: string) => `version: 1\nwaivers:\n  - rule: ingress-from-declared-sources\n    resource: aws_security_group.*\n    reason: public landing page, accepted by the CISO\n    expires: ${expires}\n`;

  it('a config waiver: at its expires value, naming the address glob; (2)ア fails in the compliance view', () => {
    const dir = writeTree({ 'gridfence.yaml': config('2026-10-31'), 'main.tf': SG('') }, 'gridfence-waivers-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'ja', only: [], today: '2026-11-29' });
    const expired = r.findings.filter((f) => f.ruleId === 'waiver-expired');
    expect(expired.map((f) => [f.severity, f.location.file, f.location.line, f.location.column, f.resource, f.message])).toEqual([
      ['warning', 'gridfence.yaml', 6, 14, 'aws_security_group.*', 'aws_security_group.* に対する ingress-from-declared-sources の適用除外は 2026-10-31 に期限が切れ、適用されなくなりました。期限を更新するか、対象を修正してください'],
    ]);
    expect(r.findings.find((f) => f.ruleId === 'ingress-from-declared-sources')?.waived).toBe(false);
    expect(r.errors.filter((e) => e.code === 'waiver')).toEqual([]);
    expect(r.pack.rules['waiver-expired']).toMatchObject({ clause: '(2)ア', severity: 'warning' });
    const clause = r.compliance.find((c) => c.clause === '(2)ア')!;
    expect(clause.status).toBe('fail');
    expect(clause.rules).toEqual([expect.objectContaining({ id: 'waiver-expired', status: 'fail', counts: expect.objectContaining({ warning: 1 }) })]);
    // The text report's compliance section keeps the clause's evidence list beside the failure.
    const text = complianceText(r.compliance, 'en', makeStyle(false)).join('\n');
    expect(text).toMatch(/\(2\)ア.*FAIL.*\n\s+waiver-expired {2}1 warning\n\s+evidence: The list of security documents/);
    // Its fingerprint stands on the waiver, not on lines: the same waiver moved down keeps it.
    const moved = writeTree({ 'gridfence.yaml': `# moved\n\n${config('2026-10-31')}`, 'main.tf': SG('') }, 'gridfence-waivers-');
    const again = lint({ paths: [moved], cwd: moved, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' }).findings.find((f) => f.ruleId === 'waiver-expired')!;
    expect(again.location.line).toBe(8);
    expect(again.fingerprint).toBe(expired[0]!.fingerprint);
  });

  it('before its date it applies and nothing is reported; --rule without its rule leaves it out; without any, the pack has no such rule', () => {
    const dir = writeTree({ 'gridfence.yaml': config('2026-11-29'), 'main.tf': SG('') }, 'gridfence-waivers-');
    const onTheDay = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
    expect(onTheDay.findings.filter((f) => f.ruleId === 'ingress-from-declared-sources').map((f) => f.waived)).toEqual([true]);
    expect(onTheDay.findings.filter((f) => f.ruleId === 'waiver-expired')).toEqual([]);
    expect(onTheDay.pack.rules['waiver-expired']).toBeUndefined();
    expect(onTheDay.compliance.find((c) => c.clause === '(2)ア')!.status).toBe('manual');
    const other = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['flow-logs-enabled'], today: '2026-12-01' });
    expect(other.findings.filter((f) => f.ruleId === 'waiver-expired')).toEqual([]);
  });

  it('names what the waiver stands before: the resource around an attribute, the block of several instances, a module call', () => {
    const w = (rule: string) => `# gridfence:ignore:${rule} exp:2026-05-01 accepted until the spring migration\n`;
    const files = {
      'main.tf': `resource "aws_security_group" "web" {
  vpc_id = "vpc-0123456789abcdef0"
  ${w('ingress-from-declared-sources')}  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
}
${w('flow-logs-enabled')}resource "aws_vpc" "zone" {
  for_each   = { a = "10.1.0.0/16", b = "10.2.0.0/16" }
  cidr_block = each.value
}
${w('flow-logs-enabled')}module "edge" {
  source = "./edge"
}
${w('flow-logs-enabled')}module "edge2" {
  source = "./edge"
}
`,
      'edge/main.tf': 'resource "aws_vpc" "this" {\n  cidr_block = "10.9.0.0/16"\n}\n',
    };
    const dir = writeTree(files, 'gridfence-waivers-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources', 'flow-logs-enabled'], today: '2026-11-29' });
    const expired = r.findings.filter((f) => f.ruleId === 'waiver-expired');
    expect(expired.map((f) => `${f.location.line} ${f.resource}`)).toEqual(['3 aws_security_group.web', '11 aws_vpc.zone[*]', '16 module.edge', '20 module.edge2']);
    expect(new Set(expired.map((f) => f.fingerprint)).size).toBe(4);
  });

  it('tells apart two waivers alike in everything but their place', () => {
    const twice = `# gridfence:ignore:flow-logs-enabled exp:2026-05-01 accepted until the spring migration\n# gridfence:ignore:flow-logs-enabled exp:2026-05-01 accepted until the spring migration\nresource "aws_vpc" "a" {\n  cidr_block = "10.1.0.0/16"\n}\n`;
    const dir = writeTree({ 'main.tf': twice }, 'gridfence-waivers-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['flow-logs-enabled'], today: '2026-11-29' });
    const expired = r.findings.filter((f) => f.ruleId === 'waiver-expired');
    expect(expired.map((f) => `${f.location.line} ${f.resource}`)).toEqual(['1 aws_vpc.a', '2 aws_vpc.a']);
    expect(expired[0]!.fingerprint).not.toBe(expired[1]!.fingerprint);
  });
});
