/**
 * One small system written four ways — HCL, Terraform JSON, a plan JSON of it, CloudFormation YAML
 * (fixtures/four-ways) — and as a CDK app synthesised here gives the same findings from the same
 * rules: the same rule on the same kind of resource, each located in its own format's source.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, CfnTag, Stack, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { repoRoot } from '../support/files.js';

const dir = path.join(repoRoot, 'fixtures/four-ways');

function findings(format: string) {
  const r = lint({ paths: [path.join(dir, format)], cwd: repoRoot, config: path.join(dir, 'gridfence.yaml'), vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  const typeOf = new Map(r.system.model.resources.map((x) => [x.address, x.type]));
  return {
    kinds: r.findings.map((f) => `${f.ruleId} ${typeOf.get(f.resource)}`).sort(),
    files: [...new Set(r.findings.map((f) => f.location.file))],
  };
}

describe('one system, four formats', () => {
  const hcl = findings('hcl');

  it('HCL finds what the system gets wrong', () => {
    expect(hcl.kinds).toEqual([
      'asset-inventory-tags aws_instance',
      'asset-inventory-tags aws_internet_gateway',
      'asset-inventory-tags aws_route_table',
      'asset-inventory-tags aws_security_group',
      'asset-inventory-tags aws_subnet',
      'asset-inventory-tags aws_vpc',
      'audit-trail-tamper-evident aws_vpc',
      'default-security-group-closed aws_vpc',
      'external-traffic-encrypted aws_security_group',
      'field-protocols-contained aws_security_group',
      'flow-logs-enabled aws_vpc',
      'ingress-from-declared-sources aws_security_group',
      'instance-metadata-v2 aws_instance',
      'management-access-restricted aws_security_group',
      'patch-and-malware-coverage aws_instance',
      'patch-and-malware-coverage aws_instance',
    ]);
    expect(hcl.files).toEqual(['fixtures/four-ways/hcl/main.tf']);
  });

  it.each([
    ['tfjson', 'fixtures/four-ways/tfjson/main.tf.json'],
    ['plan', 'fixtures/four-ways/plan/plan.json'],
    ['cfn', 'fixtures/four-ways/cfn/template.yaml'],
  ])('%s gives the same findings, located in its own source', (format, file) => {
    const other = findings(format);
    expect(other.kinds).toEqual(hcl.kinds);
    expect(other.files).toEqual([file]);
  });

  it('a CDK app of the same system, synthesised with aws-cdk-lib, gives the same findings from its cdk.out', () => {
    const outdir = path.join(work, 'cdk.out');
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
    const stack = new Stack(app, 'Web');
    const tags: CfnTag[] = [{ key: 'gridfence-zone', value: 'web' }];
    const vpc = new ec2.CfnVPC(stack, 'Main', { cidrBlock: '10.30.0.0/16', tags });
    const igw = new ec2.CfnInternetGateway(stack, 'Igw');
    new ec2.CfnVPCGatewayAttachment(stack, 'IgwAttachment', { vpcId: vpc.ref, internetGatewayId: igw.ref });
    const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.30.1.0/24', mapPublicIpOnLaunch: true, tags });
    const rt = new ec2.CfnRouteTable(stack, 'Routes', { vpcId: vpc.ref });
    new ec2.CfnRoute(stack, 'DefaultRoute', { routeTableId: rt.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    new ec2.CfnSubnetRouteTableAssociation(stack, 'Association', { subnetId: subnet.ref, routeTableId: rt.ref });
    const sg = new ec2.CfnSecurityGroup(stack, 'Sg', { groupDescription: 'web', vpcId: vpc.ref, securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '0.0.0.0/0' }], tags });
    new ec2.CfnInstance(stack, 'Host', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet.ref, securityGroupIds: [sg.attrGroupId], metadataOptions: { httpTokens: 'optional' }, tags });
    app.synth();
    fs.copyFileSync(path.join(dir, 'gridfence.yaml'), path.join(work, 'gridfence.yaml'));
    const r = lint({ paths: [outdir], cwd: work, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
    expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
    const typeOf = new Map(r.system.model.resources.map((x) => [x.address, x.type]));
    expect(r.findings.map((f) => `${f.ruleId} ${typeOf.get(f.resource)}`).sort()).toEqual(hcl.kinds);
    expect(r.findings.every((f) => f.constructPath?.startsWith('Web/'))).toBe(true);
  });
});

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-four-ways-cdk-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
