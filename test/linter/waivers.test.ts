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
import { repoRoot, writeTree } from '../support/files.js';

const run = (files: Record<string, string>, only: string[], today = '2026-11-29') => {
  const dir = writeTree(files, 'gridfence-waivers-');
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only, today });
  return {
    findings: r.findings.map((f) => ({ rule: f.ruleId, waived: f.waived, reason: f.waiver?.reason, line: f.waiver?.location?.line })),
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
    expect(run({ 'main.tf': SG(W) }, ['ingress-from-declared-sources'])).toEqual({ findings: [{ rule: 'ingress-from-declared-sources', waived: true, reason: 'public landing page, accepted by the CISO', line: 1 }], problems: [] });
    expect(run({ 'main.tf': SG('', `  ${W}`) }, ['ingress-from-declared-sources']).findings).toEqual([{ rule: 'ingress-from-declared-sources', waived: true, reason: 'public landing page, accepted by the CISO', line: 3 }]);
  });

  it('CloudFormation YAML: before the resource, with // as well as #', () => {
    const template = `Resources:\n  ${W.replace('#', '#')}  Web:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n      VpcId: vpc-0123456789abcdef0\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }\n`;
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
    expect(ok).toEqual({ findings: [{ rule: 'ingress-from-declared-sources', waived: true, reason: 'public landing page, accepted by the CISO', line: 8 }], problems: [] });
    const expired = run({ 'template.json': template('[{ "rule": "ingress-from-declared-sources", "reason": "public landing page, accepted by the CISO", "expires": "2026-01-31" }]') }, ['ingress-from-declared-sources']);
    expect(expired.findings).toEqual([expect.objectContaining({ waived: false })]);
    expect(expired.problems).toEqual(['warning 8: Waiver expired on 2026-01-31: the findings it covered are reported again']);
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
    expect(expired.problems).toEqual(['warning 1: Waiver expired on 2026-06-30: the findings it covered are reported again']);
    expect(run({ 'main.tf': SG(w) }, ['ingress-from-declared-sources'], '2026-06-01').findings).toEqual([expect.objectContaining({ waived: true })]);
  });

  it('a reason under 10 characters voids the waiver; an unknown rule id is an input error; unused waivers are reported', () => {
    const short = run({ 'main.tf': SG('# gridfence:ignore:ingress-from-declared-sources ok\n') }, ['ingress-from-declared-sources']);
    expect(short.findings).toEqual([expect.objectContaining({ waived: false })]);
    expect(short.problems).toEqual(['warning 1: Waiver reason "ok" is too short (at least 10 characters): the waiver is ignored']);
    const unknown = run({ 'main.tf': SG('# gridfence:ignore:ingres-from-declared-sources public landing page\n') }, ['ingress-from-declared-sources']);
    expect(unknown.problems).toEqual(['error 1: Waiver names "ingres-from-declared-sources", which is not a rule (gridfence rules lists them)']);
    const unused = run({ 'main.tf': SG('# gridfence:ignore:flow-logs-enabled logs are collected centrally\n') }, ['ingress-from-declared-sources', 'flow-logs-enabled']);
    expect(unused.problems).toEqual(['warning 1: Waiver for flow-logs-enabled matches no finding']);
  });

  it('dispatch-link-internet-isolation takes config waivers only', () => {
    const r = run({ 'main.tf': SG('# gridfence:ignore:dispatch-link-internet-isolation the vendor needs it this quarter\n') }, ['ingress-from-declared-sources']);
    expect(r.problems).toEqual(['warning 1: dispatch-link-internet-isolation cannot be waived inline: accept the risk under waivers: in gridfence.yaml, where the whole team reviews it']);
  });
});
