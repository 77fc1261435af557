/** Nested CloudFormation stacks: a local child template is read with the parent's parameters, as part of the parent. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { repoRoot, writeTree } from '../support/files.js';

const dir = path.join(repoRoot, 'fixtures/cfn/nested');

describe('nested stacks', () => {
  it('reads the local child once, its addresses under the stack, with the parameters the parent passes', () => {
    const sys = loadSystem({ paths: [dir], cwd: repoRoot, vars: [], varFiles: [] });
    expect(sys.problems).toEqual([]);
    expect(sys.model.resources.map((r) => r.address)).toEqual(['Network', 'Monitoring', 'Network.Vpc', 'Network.AdminSG']);
    const vpc = sys.model.resources.find((r) => r.address === 'Network.Vpc')!;
    expect(vpc.attributes['cidr_block']).toBe('10.50.0.0/16');
    expect(sys.zoneOf.get('Network.AdminSG')).toBe('core');
  });

  it('finds what the child opens, located in the child template', () => {
    const r = lint({ paths: [dir], cwd: repoRoot, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'], cfnParams: [] });
    expect(r.findings.map((f) => `${f.resource} ${f.location.file}:${f.location.line}:${f.location.column} ${f.message}`)).toEqual([
      'Network.AdminSG fixtures/cfn/nested/stacks/network.yaml:21:11 Network.AdminSG allows tcp/22 from 0.0.0.0/0, the whole internet',
    ]);
    const narrowed = lint({ paths: [dir], cwd: repoRoot, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'], cfnParams: [{ name: 'AdminCidr', value: '10.50.250.0/24' }] });
    expect(narrowed.findings).toEqual([]);
  });

  it('says so of a child template outside the scan root, and does not read it', () => {
    const outside = writeTree(
      {
        'repo/main.yaml': 'Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ../elsewhere.yaml\n',
        'elsewhere.yaml': 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n',
      },
      'gridfence-nested-',
    );
    const repo = path.join(outside, 'repo');
    fs.mkdirSync(path.join(repo, '.git'));
    const sys = loadSystem({ paths: [repo], cwd: repo, vars: [], varFiles: [] });
    expect(sys.model.resources.map((r) => r.address)).toEqual(['Child']);
    expect(sys.problems.map((p) => `${p.location?.file}:${p.location?.line} ${p.message}`)).toEqual([
      'main.yaml:5 The nested stack Child names ../elsewhere.yaml, which is not a file below the scan root: its resources are not analysed',
    ]);
  });
});
