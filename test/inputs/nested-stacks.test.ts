/** Nested CloudFormation stacks: a local child template is read with the parent's parameters, as part of the parent. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { Unknown } from '../../src/model/value.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { repoRoot, writeTree } from '../support/files.js';

const dir = path.join(repoRoot, 'fixtures/cfn/nested');

describe('nested stacks', () => {
  it('reads the local child once, its addresses under the stack, with the parameters the parent passes; warns of a remote one', () => {
    const sys = loadSystem({ paths: [dir], cwd: repoRoot, vars: [], varFiles: [] });
    expect(sys.problems.map((p) => `${p.severity} ${p.code} ${p.location?.file}:${p.location?.line} ${p.message}`)).toEqual([
      'warning cfn-remote-stack fixtures/cfn/nested/main.yaml:19 The nested stack Monitoring comes from https://example-templates.s3.amazonaws.com/monitoring.yaml, which gridfence does not fetch: its resources are not analysed',
    ]);
    expect(sys.model.resources.map((r) => r.address)).toEqual(['Network', 'Monitoring', 'Network.Vpc', 'Network.AdminSG']);
    const vpc = sys.model.resources.find((r) => r.address === 'Network.Vpc')!;
    expect(vpc.attributes['cidr_block']).toBe('10.50.0.0/16');
    expect(sys.zoneOf.get('Network.AdminSG')).toBe('core');
  });

  it('finds what the child opens, located in the child template', () => {
    const r = lint({ paths: [dir], cwd: repoRoot, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'], cfnParams: [] });
    expect(r.findings.map((f) => `${f.resource} ${f.location.file}:${f.location.line}:${f.location.column} ${f.message}`)).toEqual([
      'Network.AdminSG fixtures/cfn/nested/stacks/network.yaml:21:56 Network.AdminSG allows tcp/22 from 0.0.0.0/0, the whole internet',
    ]);
    const narrowed = lint({ paths: [dir], cwd: repoRoot, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'], cfnParams: [{ name: 'AdminCidr', value: '10.50.250.0/24' }] });
    expect(narrowed.findings).toEqual([]);
    // VpcCidr is the child's alone: its value comes from the parent's Parameters, not the command line.
    const childOnly = lint({ paths: [dir], cwd: repoRoot, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'], cfnParams: [{ name: 'VpcCidr', value: '10.60.0.0/16' }] });
    expect(childOnly.errors.filter((e) => e.severity === 'error').map((e) => `${e.code} ${e.message}`)).toEqual([
      'usage --cfn-param VpcCidr=…: only a nested template declares a parameter "VpcCidr", and its parent stack\'s Parameters give its value',
    ]);
  });

  it('refuses a child template outside the scan root — by `..`, by absolute path, by symbolic link — and does not read it', () => {
    const outside = writeTree(
      {
        'repo/main.yaml': [
          'Resources:',
          '  Up:',
          '    Type: AWS::CloudFormation::Stack',
          '    Properties:',
          '      TemplateURL: ../elsewhere.yaml',
          '  Abs:',
          '    Type: AWS::CloudFormation::Stack',
          '    Properties:',
          '      TemplateURL: ABSOLUTE',
          '  Linked:',
          '    Type: AWS::CloudFormation::Stack',
          '    Properties:',
          '      TemplateURL: stacks/linked.yaml',
          '  Folder:',
          '    Type: AWS::CloudFormation::Stack',
          '    Properties:',
          '      TemplateURL: stacks',
          '',
        ].join('\n'),
        'elsewhere.yaml': 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n',
      },
      'gridfence-nested-',
    );
    const repo = path.join(outside, 'repo');
    fs.mkdirSync(path.join(repo, '.git'));
    fs.mkdirSync(path.join(repo, 'stacks'));
    fs.symlinkSync(path.join(outside, 'elsewhere.yaml'), path.join(repo, 'stacks/linked.yaml'));
    const main = path.join(repo, 'main.yaml');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('ABSOLUTE', path.join(outside, 'elsewhere.yaml')));
    // main.yaml named alone: a walk of the folder would refuse the link outside before any template is read.
    const sys = loadSystem({ paths: [main], cwd: repo, vars: [], varFiles: [] });
    expect(sys.model.resources.map((r) => r.address)).toEqual(['Up', 'Abs', 'Linked', 'Folder']);
    expect(sys.problems.map((p) => `${p.code} ${p.location?.file}:${p.location?.line} ${p.message.replace(outside, 'OUTSIDE')}`)).toEqual([
      'sandbox main.yaml:5 The nested stack Up: Refused to read "../elsewhere.yaml": the path leaves the scan root; its resources are not analysed',
      'sandbox main.yaml:9 The nested stack Abs: Refused to read "OUTSIDE/elsewhere.yaml": absolute paths are outside the scan root, and gridfence reads only below it; its resources are not analysed',
      'sandbox main.yaml:13 The nested stack Linked: Refused to read "stacks/linked.yaml": a symbolic link leads out of the scan root; its resources are not analysed',
      'cfn main.yaml:17 The nested stack Folder: stacks is not a file; its resources are not analysed',
    ]);
  });

  it('a stack that names its own template, or templates that name each other, are read once each, the cycle an error where it closes', () => {
    const vpc = (id: string, cidr: string) => `  ${id}:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: ${cidr}\n`;
    const stack = (id: string, url: string) => `  ${id}:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ${url}\n`;
    const self = writeTree({ 'template.yaml': `Resources:\n${vpc('Vpc', '10.0.0.0/16')}${stack('Again', './template.yaml')}` }, 'gridfence-nested-');
    const one = loadSystem({ paths: [self], cwd: self, vars: [], varFiles: [] });
    expect(one.model.resources.map((r) => r.address)).toEqual(['Vpc', 'Again']);
    expect(one.problems.map((p) => `${p.code} ${p.location?.file}:${p.location?.line} ${p.message}`)).toEqual([
      'cfn template.yaml:9 The nested stack Again: ./template.yaml is a template that contains this stack (a cycle); its resources are not analysed',
    ]);
    const mutual = writeTree({ 'a.yaml': `Resources:\n${vpc('Vpc', '10.0.0.0/16')}${stack('ToB', 'b.yaml')}`, 'b.yaml': `Resources:\n${vpc('Vpc', '10.1.0.0/16')}${stack('ToA', 'a.yaml')}` }, 'gridfence-nested-');
    const two = loadSystem({ paths: [mutual], cwd: mutual, vars: [], varFiles: [] });
    expect(two.model.resources.map((r) => r.address)).toEqual(['Vpc', 'ToB', 'ToB.Vpc', 'ToB.ToA']);
    expect(two.problems.map((p) => `${p.code} ${p.location?.file}:${p.location?.line} ${p.message}`)).toEqual([
      'cfn b.yaml:9 The nested stack ToA: a.yaml is a template that contains this stack (a cycle); its resources are not analysed',
    ]);
  });

  it('keeps a parameter the parent cannot know unknown in the child, instead of the child\'s Default', () => {
    const child = 'Parameters:\n  Cidr:\n    Type: String\n    Default: 10.9.0.0/16\n  Names:\n    Type: CommaDelimitedList\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref Cidr\n      Tags:\n        - { Key: first, Value: !Select [0, !Ref Names] }\n';
    const parent = (params: string) => `Resources:\n  Base:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.1.0.0/16\n  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n      Parameters:\n${params}`;
    const load = (params: string) => {
      const dir = writeTree({ 'main.yaml': parent(params), 'child.yaml': child }, 'gridfence-nested-');
      const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
      expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
      return sys.model.resources.find((r) => r.address === 'Net.Vpc')!.attributes;
    };
    const unknown = load('        Cidr: !ImportValue shared-cidr\n        Names: !Split [",", !GetAtt Base.Names]\n');
    expect(unknown['cidr_block']).toBeInstanceOf(Unknown);
    expect((unknown['cidr_block'] as Unknown).reason).toMatch(/parameter Cidr: shared-cidr is exported by another stack/);
    expect((unknown['cidr_block'] as Unknown).ref).toBeUndefined();
    // The reference names the parent's Base by its address in the model, not the child's Net.Base.
    expect((unknown['tags'] as Record<string, unknown>)['first']).toBeInstanceOf(Unknown);
    expect(((unknown['tags'] as Record<string, unknown>)['first'] as Unknown).ref).toBe('Base');
    const known = load('        Cidr: 10.2.0.0/16\n        Names: [a, b]\n');
    expect(known['cidr_block']).toBe('10.2.0.0/16');
    expect(known['tags']).toEqual({ first: 'a' });
    const whole = load('        !If [Never, {}, {}]\nConditions:\n  Never: !Equals [!Ref AWS::Region, nowhere]\n');
    expect((whole['cidr_block'] as Unknown).reason).toMatch(/the Parameters of Net are not known/);
  });

  it('takes what a parent passes to an SSM-typed parameter as the Systems Manager name: the child reads the value at deployment', () => {
    const child = [
      'Parameters:',
      '  Env:',
      '    Type: AWS::SSM::Parameter::Value<String>',
      'Conditions:',
      '  IsDev: !Equals [!Ref Env, dev]',
      'Resources:',
      '  Vpc:',
      '    Type: AWS::EC2::VPC',
      '    Condition: IsDev',
      '    Properties:',
      '      CidrBlock: 10.0.0.0/16',
      '',
    ].join('\n');
    const parent = 'Resources:\n  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n      Parameters:\n        Env: /app/env\n';
    const dir = writeTree({ 'main.yaml': parent, 'child.yaml': child }, 'gridfence-nested-');
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(sys.problems).toEqual([]);
    const vpc = sys.model.resources.find((r) => r.address === 'Net.Vpc')!;
    expect(vpc.expansion?.reason).toBe('parameter Env is read from Systems Manager at deployment');
  });

  it('a stack whose Condition is unknown makes its child\'s resources possible, with that reason; a false one leaves the child out, not read on its own', () => {
    const child = 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  Deeper:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: grandchild.yaml\n';
    const grandchild = 'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n';
    const parent = [
      'Conditions:',
      '  InTokyo: !Equals [!Ref "AWS::Region", ap-northeast-1]',
      'Resources:',
      '  Net:',
      '    Type: AWS::CloudFormation::Stack',
      '    Condition: InTokyo',
      '    Properties:',
      '      TemplateURL: child.yaml',
      '',
    ].join('\n');
    const dir = writeTree({ 'main.yaml': parent, 'child.yaml': child, 'grandchild.yaml': grandchild }, 'gridfence-nested-');
    const unknown = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(unknown.problems).toEqual([]);
    expect(unknown.model.resources.map((r) => `${r.address} ${r.expansion?.reason}`)).toEqual([
      'Net AWS::Region is known only at deployment',
      'Net.Vpc AWS::Region is known only at deployment',
      'Net.Deeper AWS::Region is known only at deployment',
      'Net.Deeper.Sg AWS::Region is known only at deployment',
    ]);
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['flow-logs-enabled'], cfnParams: [] });
    expect(r.findings.map((f) => `${f.resource} ${f.certainty}`)).toEqual(['Net.Vpc possible']);
    const elsewhere = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [], cfnParams: [{ name: 'AWS::Region', value: 'us-east-1' }] });
    expect(elsewhere.model.resources.map((r) => r.address)).toEqual([]);
    expect(elsewhere.problems).toEqual([]);
    const tokyo = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [], cfnParams: [{ name: 'AWS::Region', value: 'ap-northeast-1' }] });
    expect(tokyo.model.resources.map((r) => `${r.address} ${r.expansion?.reason}`)).toEqual(['Net undefined', 'Net.Vpc undefined', 'Net.Deeper undefined', 'Net.Deeper.Sg undefined']);
  });

  it('a child is deployed in its parent\'s region and account: --cfn-param AWS::Region and AWS::AccountId hold in it, its stack name stays its own', () => {
    const child = [
      'Conditions:',
      '  InTokyo: !Equals [!Ref "AWS::Region", ap-northeast-1]',
      'Resources:',
      '  Vpc:',
      '    Type: AWS::EC2::VPC',
      '    Condition: InTokyo',
      '    Properties:',
      '      CidrBlock: 10.0.0.0/16',
      '      Tags: [{ Key: where, Value: !Sub "${AWS::Region}-${AWS::AccountId}" }, { Key: stack, Value: !Ref "AWS::StackName" }]',
      '',
    ].join('\n');
    const parent = 'Resources:\n  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n';
    const dir = writeTree({ 'main.yaml': parent, 'child.yaml': child }, 'gridfence-nested-');
    const given = (region: string) => [{ name: 'AWS::Region', value: region }, { name: 'AWS::AccountId', value: '123456789012' }, { name: 'AWS::StackName', value: 'main' }];
    const tokyo = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [], cfnParams: given('ap-northeast-1') });
    expect(tokyo.problems).toEqual([]);
    const vpc = tokyo.model.resources.find((r) => r.address === 'Net.Vpc')!;
    expect(vpc.expansion).toBeUndefined();
    const tags = vpc.attributes['tags'] as Record<string, unknown>;
    expect(tags['where']).toBe('ap-northeast-1-123456789012');
    expect(tags['stack']).toBeInstanceOf(Unknown);
    const elsewhere = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [], cfnParams: given('us-east-1') });
    expect(elsewhere.model.resources.map((r) => r.address)).toEqual(['Net']);
  });

  it('a child template is judged only as its parent deploys it: what its Defaults alone would break is not reported', () => {
    const child = 'Parameters:\n  Cidrs: { Type: CommaDelimitedList, Default: "10.9.0.0/24" }\nResources:\n  Subnet2:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: vpc-1, CidrBlock: !Select [1, !Ref Cidrs] }\n';
    const parent = 'Resources:\n  Net:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: stacks/net.yaml\n      Parameters: { Cidrs: "10.0.0.0/24,10.0.1.0/24" }\n';
    const dir = writeTree({ 'main.yaml': parent, 'stacks/net.yaml': child }, 'gridfence-nested-');
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(sys.problems).toEqual([]);
    expect(sys.model.resources.map((r) => `${r.address} ${String(r.attributes['cidr_block'])}`)).toEqual(['Net undefined', 'Net.Subnet2 10.0.1.0/24']);
    // Passed too few, the child's problem is reported once, from the read through its parent.
    const few = writeTree({ 'main.yaml': parent.replace('10.0.0.0/24,10.0.1.0/24', '10.0.0.0/24'), 'stacks/net.yaml': child }, 'gridfence-nested-');
    const broken = loadSystem({ paths: [few], cwd: few, vars: [], varFiles: [] });
    expect(broken.problems.map((p) => `${p.severity} ${p.location?.file}:${p.location?.line}:${p.location?.column}`)).toEqual(['error stacks/net.yaml:6:44']);
  });

  it('a parent\'s resource passed by reference stays linked: the child\'s instance sits in the parent\'s subnet and zone', () => {
    const parent = [
      'Resources:',
      '  Vpc:',
      '    Type: AWS::EC2::VPC',
      '    Properties: { CidrBlock: 10.0.0.0/16 }',
      '  Subnet:',
      '    Type: AWS::EC2::Subnet',
      '    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, Tags: [{ Key: gridfence-zone, Value: core }] }',
      '  Net:',
      '    Type: AWS::CloudFormation::Stack',
      '    Properties:',
      '      TemplateURL: child.yaml',
      '      Parameters: { SubnetId: !Ref Subnet, VpcId: !Ref Vpc }',
      '',
    ].join('\n');
    const child = [
      'Parameters:',
      '  SubnetId: { Type: String }',
      '  VpcId: { Type: String }',
      'Resources:',
      '  Subnet:',
      '    Type: AWS::EC2::Subnet',
      '    Properties: { VpcId: !Ref VpcId, CidrBlock: 10.0.2.0/24 }',
      '  Deeper:',
      '    Type: AWS::CloudFormation::Stack',
      '    Properties:',
      '      TemplateURL: grandchild.yaml',
      '      Parameters: { SubnetId: !Ref SubnetId, Own: !Ref Subnet }',
      '  Host:',
      '    Type: AWS::EC2::Instance',
      '    Properties: { ImageId: ami-1, SubnetId: !Ref SubnetId }',
      '',
    ].join('\n');
    const grandchild = 'Parameters:\n  SubnetId: { Type: String }\n  Own: { Type: String }\nResources:\n  Host:\n    Type: AWS::EC2::Instance\n    Properties: { ImageId: ami-1, SubnetId: !Ref SubnetId }\n  Other:\n    Type: AWS::EC2::Instance\n    Properties: { ImageId: ami-1, SubnetId: !Ref Own }\n';
    const dir = writeTree({ 'main.yaml': parent, 'child.yaml': child, 'grandchild.yaml': grandchild, 'gridfence.yaml': 'version: 1\nzones:\n  core: { role: internal }\n' }, 'gridfence-nested-');
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(sys.problems).toEqual([]);
    const subnetOf = (address: string) => (sys.model.resources.find((r) => r.address === address)!.attributes['subnet_id'] as Unknown).ref;
    expect([subnetOf('Net.Host'), subnetOf('Net.Deeper.Host'), subnetOf('Net.Deeper.Other')]).toEqual(['Subnet', 'Subnet', 'Net.Subnet']);
    expect((sys.model.resources.find((r) => r.address === 'Net.Subnet')!.attributes['vpc_id'] as Unknown).ref).toBe('Vpc');
    expect(['Net.Host', 'Net.Deeper.Host', 'Net.Deeper.Other'].map((a) => sys.zoneOf.get(a))).toEqual(['core', 'core', undefined]);
  });

  it('a CDK nested stack in cdk.out: its template is the asset its Metadata names (the TemplateURL is for S3), read through the parent', () => {
    const parent = {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
        Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', Tags: [{ Key: 'gridfence-zone', Value: 'core' }] } },
        NetStack: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: {
            TemplateURL: { 'Fn::Join': ['', ['https://s3.ap-northeast-1.', { Ref: 'AWS::URLSuffix' }, '/cdk-assets/0123abcd.json']] },
            Parameters: { referencetoParentSubnetRef: { Ref: 'Subnet' } },
          },
          Metadata: { 'aws:cdk:path': 'Parent/Net.NestedStack/Net.NestedStackResource', 'aws:asset:path': 'ParentNet.nested.template.json', 'aws:asset:property': 'TemplateURL' },
        },
      },
    };
    const child = { Parameters: { referencetoParentSubnetRef: { Type: 'String' } }, Resources: { Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: { Ref: 'referencetoParentSubnetRef' } } } } };
    const manifest = { version: '36.0.0', artifacts: { Parent: { type: 'aws:cloudformation:stack', environment: 'aws://111122223333/ap-northeast-1', properties: { templateFile: 'Parent.template.json' } } } };
    const dir = writeTree(
      {
        'cdk.out/manifest.json': JSON.stringify(manifest),
        'cdk.out/Parent.template.json': JSON.stringify(parent, null, 1),
        'cdk.out/ParentNet.nested.template.json': JSON.stringify(child, null, 1),
        'gridfence.yaml': 'version: 1\nzones:\n  core: { role: internal }\n',
      },
      'gridfence-nested-cdk-',
    );
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(sys.model.resources.map((r) => r.address)).toEqual(['Vpc', 'Subnet', 'NetStack', 'NetStack.Host']);
    expect((sys.model.resources.find((r) => r.address === 'NetStack.Host')!.attributes['subnet_id'] as Unknown).ref).toBe('Subnet');
    expect(sys.zoneOf.get('NetStack.Host')).toBe('core');
  });
  it('a CDK nested stack without asset metadata: its template is the file its asset manifest lists for the S3 object of its TemplateURL, read through the parent given alone', () => {
    const hash = 'ab'.repeat(32);
    const parent = {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
        Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', Tags: [{ Key: 'gridfence-zone', Value: 'core' }] } },
        NetStack: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: {
            TemplateURL: { 'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { 'Fn::Sub': 'cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}' }, `/${hash}.json`]] },
            Parameters: { referencetoParentSubnetRef: { Ref: 'Subnet' } },
          },
        },
      },
    };
    const child = { Parameters: { referencetoParentSubnetRef: { Type: 'String' } }, Resources: { Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: { Ref: 'referencetoParentSubnetRef' } } } } };
    const assets = { version: '36.0.0', files: { [hash]: { source: { path: 'ParentNet.nested.template.json', packaging: 'file' }, destinations: {} }, ['cd'.repeat(32)]: { source: { path: 'Parent.template.json', packaging: 'file' }, destinations: {} } } };
    const dir = writeTree(
      {
        'cdk.out/Parent.assets.json': JSON.stringify(assets),
        'cdk.out/Parent.template.json': JSON.stringify(parent, null, 1),
        'cdk.out/ParentNet.nested.template.json': JSON.stringify(child, null, 1),
        'gridfence.yaml': 'version: 1\nzones:\n  core: { role: internal }\n',
      },
      'gridfence-nested-cdk-',
    );
    const sys = loadSystem({ paths: [path.join(dir, 'cdk.out/Parent.template.json')], cwd: dir, vars: [], varFiles: [], inputFormat: 'cloudformation' });
    expect(sys.problems).toEqual([]);
    expect(sys.model.resources.map((r) => r.address)).toEqual(['Vpc', 'Subnet', 'NetStack', 'NetStack.Host']);
    expect(sys.zoneOf.get('NetStack.Host')).toBe('core');
  });
});
