/** `gridfence lint` end to end on the bundled example and on small inputs: reports and exit codes. */
import { describe, expect, it } from 'vitest';
import { gridfence } from '../support/cli.js';
import { writeTree } from '../support/files.js';
import { rules } from '../../src/rules/index.js';

describe('gridfence lint', () => {
  it('finds exactly the two deliberate weaknesses of the bundled example, exit 1', () => {
    const r = gridfence(['lint', 'examples/vpp-aggregator', '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.errors).toEqual([]);
    expect(j.zonesDeclared).toBe(true);
    expect(j.findings.map((f: { ruleId: string; severity: string; resource: string; location: { file: string; line: number; column: number } }) => [f.ruleId, f.severity, f.resource, `${f.location.file}:${f.location.line}:${f.location.column}`])).toEqual([
      ['instance-metadata-v2', 'warning', 'aws_instance.log_collector', 'examples/vpp-aggregator/compute.tf:99:5'],
      ['tls-minimum-version', 'error', 'aws_lb_listener.partner_https', 'examples/vpp-aggregator/edge.tf:102:3'],
    ]);
    expect(j.summary).toEqual({ error: 1, warning: 1, note: 0, waived: 0, possible: 0 });
  });

  it('prints text grouped by rule with the clause, and a summary line', () => {
    const r = gridfence(['lint', 'examples/vpp-aggregator']);
    expect(r.stdout).toMatch(/^tls-minimum-version {2}\(4\)ウ① {2}error {2}TLS endpoints enforce TLS 1\.2 or later explicitly$/m);
    expect(r.stdout).toMatch(/^ {2}examples\/vpp-aggregator\/edge\.tf:102:3 {2}aws_lb_listener\.partner_https$/m);
    expect(r.stdout).toContain(`1 error, 1 warning, 0 notes (0 possible, 0 waived) · 70 resources · ${rules.size} rules`);
  });

  it('--fail-on warning, never; --rule; --lang ja', () => {
    expect(gridfence(['lint', 'examples/vpp-aggregator', '--rule', 'instance-metadata-v2']).code).toBe(0);
    expect(gridfence(['lint', 'examples/vpp-aggregator', '--rule', 'instance-metadata-v2', '--fail-on', 'warning']).code).toBe(1);
    expect(gridfence(['lint', 'examples/vpp-aggregator', '--fail-on', 'never']).code).toBe(0);
    const ja = gridfence(['lint', 'examples/vpp-aggregator', '--lang', 'ja', '--rule', 'tls-minimum-version']);
    expect(ja.stdout).toContain('ssl_policy がないため、AWS は TLS 1.0 を受け入れる ELBSecurityPolicy-2016-08 を適用します');
    expect(ja.stdout).toContain('エラー 1 件');
  });

  it('--quiet changes what is shown, never the exit code: a finding that --fail-on fails on stays in the report', () => {
    const dir = writeTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n' });
    const args = ['lint', '.', '--rule', 'asset-inventory-tags', '--rule', 'audit-trail-tamper-evident', '--format', 'json'];
    const loud = gridfence([...args, '--fail-on', 'warning'], dir);
    const quiet = gridfence([...args, '--fail-on', 'warning', '--quiet'], dir);
    expect([loud.code, quiet.code]).toEqual([1, 1]);
    expect(JSON.parse(quiet.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['asset-inventory-tags', 'audit-trail-tamper-evident']);
    // At the default --fail-on error the warnings pass the run, and --quiet leaves them out.
    const quietDefault = gridfence([...args, '--quiet'], dir);
    expect([quietDefault.code, JSON.parse(quietDefault.stdout).findings]).toEqual([0, []]);
  });

  it('a --config that does not exist is an input error named as given, with no absolute path', () => {
    const dir = writeTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n' });
    const r = gridfence(['lint', '.', '--config', 'nope.yaml', '--format', 'json', '--rule', 'flow-logs-enabled'], dir);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).errors.map((e: { message: string }) => e.message)).toEqual(['configuration file nope.yaml does not exist']);
  });

  it('an unknown --rule is a usage error with a suggestion, exit 2', () => {
    const r = gridfence(['lint', 'examples/vpp-aggregator', '--rule', 'tls-minimum-versoin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean "tls-minimum-version"/);
  });

  it('a waiver in gridfence.yaml and an inline waiver mark findings waived, and the run passes', () => {
    const dir = writeTree({
      'main.tf':
        'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n# gridfence:ignore:default-security-group-closed exp:2099-01-01 the default group is locked by an SCP\nresource "aws_flow_log" "f" {\n  vpc_id = aws_vpc.v.id\n  traffic_type = "ALL"\n}\n',
      'gridfence.yaml': 'version: 1\nwaivers:\n  - rule: default-security-group-closed\n    resource: aws_vpc.v\n    reason: "locked down by an organisation SCP, ticket SEC-9"\n',
    });
    const r = gridfence(['lint', '.', '--format', 'json', '--rule', 'default-security-group-closed', '--rule', 'flow-logs-enabled'], dir);
    const j = JSON.parse(r.stdout);
    expect(r.code).toBe(0);
    expect(j.findings.map((f: { ruleId: string; waived: boolean; waiver?: { kind: string } }) => [f.ruleId, f.waived, f.waiver?.kind])).toEqual([['default-security-group-closed', true, 'config']]);
    // The inline comment sits above the flow log, which has no finding: reported as matching nothing.
    expect(j.errors.map((e: { severity: string; message: string }) => [e.severity, e.message])).toEqual([['warning', expect.stringMatching(/matches no finding/)]]);
  });

  it('--now decides a waiver\'s expiry; once expired it is a warning finding that --fail-on warning fails on', () => {
    const dir = writeTree({
      'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n',
      'gridfence.yaml': 'version: 1\nwaivers:\n  - rule: flow-logs-enabled\n    resource: aws_vpc.v\n    reason: "flow logs move to the central account, ticket NET-41"\n    expires: 2027-03-31\n',
    });
    const args = ['lint', '.', '--rule', 'flow-logs-enabled', '--fail-on', 'warning', '--no-color'];
    const before = gridfence([...args, '--now', '2027-03-31'], dir);
    expect([before.code, before.stdout]).toEqual([0, expect.stringContaining('1 waived')]);
    const after = gridfence([...args, '--now', '2027-04-01'], dir);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain('waiver-expired  (2)ア  warning');
    expect(after.stdout).toContain('gridfence.yaml:6:14  aws_vpc.v\n    the waiver of flow-logs-enabled for aws_vpc.v expired on 2027-03-31 and no longer applies');
    expect(gridfence([...args.slice(0, -3), '--now', '2027-04-01'], dir).code).toBe(1); // the returned flow-logs finding is an error
    const unwritable = gridfence(['lint', '.', '--rule', 'flow-logs-enabled', '-o', 'missing-dir/report.txt'], dir);
    expect([unwritable.code, unwritable.stderr.trim()]).toEqual([2, 'gridfence: --output missing-dir/report.txt: cannot write it (ENOENT)']);
    const both = gridfence(['lint', '.', '--baseline', 'b.json', '--diff-base', 'main'], dir);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining("option '--diff-base <ref>' cannot be used with option '--baseline <file>'")]);
    const asRule = gridfence(['lint', '.', '--rule', 'waiver-expired'], dir);
    expect([asRule.code, asRule.stderr.trim()]).toEqual([2, "gridfence: --rule waiver-expired: this is the run's own check of waivers, not a rule; it reports the expired waivers of the rules a run checks (gridfence explain waiver-expired)"]);
  });

  it('with no zones declared, says so once and treats every resource as protected', () => {
    const dir = writeTree({ 'main.tf': 'resource "aws_instance" "i" {\n  ami = "ami-1"\n}\n' });
    const r = gridfence(['lint', '.'], dir);
    // Launched in no subnet the configuration holds, it may be reachable from the internet: possible errors.
    expect(r.code).toBe(1);
    expect(r.stdout.match(/No zones are declared/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/instance-metadata-v2/);
  });
});

describe('progress line', () => {
  it('is shown only on a terminal after about a second, and cleared', async () => {
    const { progressLine } = await import('../../src/cli/run-options.js');
    const written: string[] = [];
    const fake = { isTTY: true, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const p = progressLine(fake);
    p.update('evaluated 3 resources');
    expect(written).toEqual([]);
    const realNow = Date.now;
    Date.now = () => realNow() + 1500;
    try {
      p.update('checking 6 rules');
      p.done();
    } finally {
      Date.now = realNow;
    }
    expect(written[0]).toMatch(/^\r\x1b\[2Kgridfence: checking 6 rules \(1\.\d s\)$/);
    expect(written[1]).toBe('\r\x1b[2K');
    const quiet: string[] = [];
    const pipe = progressLine({ isTTY: false, write: (s: string) => quiet.push(s) } as unknown as NodeJS.WriteStream);
    Date.now = () => realNow() + 5000;
    try {
      pipe.update('x');
      pipe.done();
    } finally {
      Date.now = realNow;
    }
    expect(quiet).toEqual([]);
  });
});
