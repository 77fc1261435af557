/**
 * A CDK app synthesised with aws-cdk-lib v2 (a devDependency): its cdk.out is linted like any
 * CloudFormation, findings naming the construct path; and the `gridfence/cdk` validation plugin
 * fails `cdk synth` on the same findings, each resource by its logical id and template.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, NestedStack, Stack, Stage, Tags, Validations, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { GridfenceValidator } from '../../src/cdk/plugin.js';
import { lint } from '../../src/linter/lint.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-cdk-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
const config = path.join(work, 'gridfence.yaml');
fs.writeFileSync(config, 'version: 1\nzones:\n  dispatch: { role: dispatch-link }\n');

/** A stack with a VPC of its own and a security group for the VEN that lets SSH in from anywhere. */
function gatewayStack(app: App): Stack {
  const stack = new Stack(app, 'GatewayStack');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 1 });
  const sg = new ec2.SecurityGroup(stack, 'VenSecurityGroup', { vpc, allowAllOutbound: false, description: 'VEN' });
  sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere');
  Tags.of(stack).add('gridfence-zone', 'dispatch');
  return stack;
}

describe('an AWS CDK app', () => {
  it('synthesises to a cdk.out that gridfence lints, naming construct paths', () => {
    const outdir = path.join(work, 'cdk.out');
    // The CDK CLI turns path metadata on by default; an App made in process needs it said.
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
    gatewayStack(app);
    app.synth();
    expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
    const r = lint({ paths: [outdir], cwd: work, config, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'], today: '2026-11-29' });
    expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(r.findings.map((f) => [f.message, f.constructPath, f.location.file])).toEqual([
      [expect.stringMatching(/^VenSecurityGroup[0-9A-F]{8} allows tcp\/22 from 0\.0\.0\.0\/0, the whole internet$/), 'GatewayStack/VenSecurityGroup/Resource', 'cdk.out/GatewayStack.template.json'],
    ]);
  });

  it('fails cdk synth through the gridfence/cdk validation plugin, and passes once the group is narrowed', () => {
    const failing = new App({ outdir: path.join(work, 'failing.out'), policyValidationBeta1: [new GridfenceValidator({ config, rules: ['ingress-from-declared-sources'], now: '2026-11-29' })] });
    gatewayStack(failing);
    expect(() => failing.synth()).toThrow(/ERROR Inbound rules into zones name declared sources.*\(gridfence\)[\s\S]*Acknowledge with 'gridfence::ingress-from-declared-sources'/);

    const plugin = new GridfenceValidator({ config, rules: ['ingress-from-declared-sources'], now: '2026-11-29' });
    const report = plugin.validate({ templatePaths: [path.join(work, 'cdk.out', 'GatewayStack.template.json')] });
    expect(report.success).toBe(false);
    expect(report.violations).toEqual([
      expect.objectContaining({
        ruleName: 'ingress-from-declared-sources',
        severity: 'error',
        violatingResources: [{ resourceLogicalId: expect.stringMatching(/^VenSecurityGroup[0-9A-F]{8}$/), templatePath: path.join(work, 'cdk.out', 'GatewayStack.template.json'), locations: [expect.stringMatching(/^\d+:\d+$/)] }],
      }),
    ]);

    const passing = new App({ outdir: path.join(work, 'passing.out'), policyValidationBeta1: [new GridfenceValidator({ config, rules: ['ingress-from-declared-sources'], now: '2026-11-29' })] });
    const stack = new Stack(passing, 'GatewayStack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 1 });
    const sg = new ec2.SecurityGroup(stack, 'VenSecurityGroup', { vpc, allowAllOutbound: false });
    sg.addIngressRule(ec2.Peer.ipv4('10.0.0.0/24'), ec2.Port.tcp(8443), 'relay');
    Tags.of(stack).add('gridfence-zone', 'dispatch');
    expect(() => passing.synth()).not.toThrow();
  });
  it('the plugin judges a nested stack of a stage too: the CDK hands over the parent template only, and an app synthesised in process writes no asset metadata', () => {
    const app = new App({ outdir: path.join(work, 'staged.out'), policyValidationBeta1: [new GridfenceValidator({ config, rules: ['ingress-from-declared-sources'], now: '2026-11-29' })] });
    const stack = new Stack(new Stage(app, 'Prod'), 'Net');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
    const sg = new ec2.SecurityGroup(new NestedStack(stack, 'Inner'), 'VenSecurityGroup', { vpc, allowAllOutbound: false, description: 'VEN' });
    sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22), 'SSH from anywhere');
    Tags.of(stack).add('gridfence-zone', 'dispatch');
    expect(() => app.synth()).toThrow(/allows tcp\/22 from 0\.0\.0\.0\/0[\s\S]*Prod\/Net\/Inner\/VenSecurityGroup\/Resource/);
  });
  it('with failOn warning, a warning-level finding still fails synthesis once another rule is acknowledged (the CDK then judges by the violations\' severities)', () => {
    const rules = ['ingress-from-declared-sources', 'default-security-group-closed'];
    const app = new App({ outdir: path.join(work, 'acknowledged.out'), policyValidationBeta1: [new GridfenceValidator({ config, rules, failOn: 'warning', now: '2026-11-29' })] });
    const stack = gatewayStack(app);
    Validations.of(stack).acknowledge({ id: 'gridfence::ingress-from-declared-sources', reason: 'a bastion, for now' });
    expect(() => app.synth()).toThrow(/the default security group of Vpc[0-9A-F]{8} is not managed/);
    const report = new GridfenceValidator({ config, rules, failOn: 'error', now: '2026-11-29' }).validate({ templatePaths: [path.join(work, 'acknowledged.out', 'GatewayStack.template.json')] });
    expect(report.violations.map((v) => [v.ruleName, v.severity, v.ruleMetadata?.['severity']])).toEqual([
      ['default-security-group-closed', 'warning', 'warning'],
      ['ingress-from-declared-sources', 'error', 'error'],
    ]);
  });
  it('the plugin reports what it could not analyse (a nested stack fetched from S3) as a warning, without failing synthesis for it', () => {
    const template = path.join(work, 'remote.template.json');
    fs.writeFileSync(template, JSON.stringify({ Resources: { Net: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/net.json' } } } }));
    const report = new GridfenceValidator({ config, rules: ['ingress-from-declared-sources'], now: '2026-11-29' }).validate({ templatePaths: [template] });
    expect(report.success).toBe(true);
    expect(report.violations).toEqual([
      expect.objectContaining({ ruleName: 'gridfence-cfn-remote-stack', severity: 'warning', description: expect.stringMatching(/^The nested stack Net comes from https:\/\/s3\.amazonaws\.com\/bucket\/net\.json, which gridfence does not fetch/) }),
    ]);
  });
});
