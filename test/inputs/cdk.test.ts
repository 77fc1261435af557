/** AWS CDK output (cdk.out): the stacks' templates are read, asset folders are not, findings name the construct path. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { refsOf } from '../../src/model/read.js';
import { lintJson } from '../../src/report/lint-json.js';
import { repoRoot } from '../support/files.js';

describe('cdk.out', () => {
  const r = lint({ paths: [path.join(repoRoot, 'fixtures/cdk')], cwd: repoRoot, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });

  it('reads the stack template and leaves the asset folder alone', () => {
    expect(r.errors).toEqual([]);
    expect(r.system.model.resources.map((x) => `${x.address} ${x.nativeType}`)).toEqual([
      'Vpc8378EB38 AWS::EC2::VPC',
      'VpcDispatchSubnet1A2B3C4D AWS::EC2::Subnet',
      'VenSecurityGroup9F1E2D3C AWS::EC2::SecurityGroup',
      'Ven5B7C8D9E AWS::EC2::Instance',
    ]);
  });

  it('names the construct path beside the logical id, in the report too', () => {
    const f = r.findings.find((x) => x.ruleId === 'ingress-from-declared-sources')!;
    expect(f.resource).toBe('VenSecurityGroup9F1E2D3C');
    expect(f.constructPath).toBe('GatewayStack/VenSecurityGroup/Resource');
    expect(f.location).toMatchObject({ file: 'fixtures/cdk/cdk.out/GatewayStack.template.json', line: 26, column: 8 });
    const json = lintJson(r, 'test') as { findings: Array<{ constructPath?: string }> };
    expect(json.findings.map((x) => x.constructPath)).toContain('GatewayStack/VenSecurityGroup/Resource');
  });

  it('joins the instance to its security group through Fn::GetAtt GroupId', () => {
    expect(r.findings.filter((x) => x.ruleId === 'dispatch-link-internet-isolation')).toEqual([]);
    const ven = r.system.model.resources.find((x) => x.address === 'Ven5B7C8D9E')!;
    expect(refsOf(ven.attributes['vpc_security_group_ids'])).toEqual(['VenSecurityGroup9F1E2D3C']);
  });
});
