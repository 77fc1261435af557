/**
 * Values that only deployment decides surface as "possible" findings in every format: a CIDR imported
 * from another stack (CloudFormation), one known only after apply (plan), and a resource whose
 * condition depends on a parameter with no value.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { writeTree } from '../support/files.js';

const CONFIG = 'version: 1\nzones:\n  core: { role: internal }\n';

function run(files: Record<string, string>) {
  const dir = writeTree({ ...files, 'gridfence.yaml': CONFIG }, 'gridfence-unknowns-');
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'], today: '2026-11-29' });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return r.findings.map((f) => ({ resource: f.resource, certainty: f.certainty, unknowns: f.unknowns.map((u) => u.reason) }));
}

const SG = (cidr: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
${extra}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: ${cidr}
      Tags:
        - { Key: gridfence-zone, Value: core }
`;

describe('unknown values make findings possible', () => {
  it('CloudFormation: a source imported from another stack', () => {
    expect(run({ 'template.yaml': SG('!ImportValue shared-admin-cidr') })).toEqual([
      { resource: 'Sg', certainty: 'possible', unknowns: [expect.stringMatching(/shared-admin-cidr/)] },
    ]);
  });

  it('CloudFormation: a resource whose condition depends on a parameter with no value', () => {
    const t = SG('0.0.0.0/0', 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n').replace('    Type: AWS::EC2::SecurityGroup\n', '    Type: AWS::EC2::SecurityGroup\n    Condition: IsProd\n');
    const found = run({ 'template.yaml': t });
    expect(found).toHaveLength(1);
    expect(found[0]!.certainty).toBe('possible');
  });

  it('plan: a source known only after apply', () => {
    const plan = {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: { root_module: { resources: [{ address: 'aws_security_group.admin', mode: 'managed', type: 'aws_security_group', name: 'admin', values: { tags: { 'gridfence-zone': 'core' } } }] } },
      resource_changes: [{ address: 'aws_security_group.admin', type: 'aws_security_group', name: 'admin', change: { actions: ['create'], after_unknown: { id: true, ingress: true } } }],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_security_group.admin',
              mode: 'managed',
              type: 'aws_security_group',
              name: 'admin',
              expressions: { ingress: [{ protocol: { constant_value: 'tcp' }, from_port: { constant_value: 22 }, to_port: { constant_value: 22 }, cidr_blocks: { references: ['data.aws_ip_ranges.admin.cidr_blocks', 'data.aws_ip_ranges.admin'] } }] },
            },
          ],
        },
      },
    };
    expect(run({ 'plan.json': JSON.stringify(plan) })).toEqual([
      { resource: 'aws_security_group.admin', certainty: 'possible', unknowns: [expect.stringMatching(/aws_security_group\.admin\.ingress\[0\]\.cidr_blocks/)] },
    ]);
  });
});
