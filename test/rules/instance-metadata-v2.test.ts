import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { writeTree } from '../support/files.js';
import { rangeOf, runRule, ZONES_YAML } from '../support/rule-tester.js';

const ID = 'instance-metadata-v2';
const instance = (body: string, tags = '') => `resource "aws_instance" "ven" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.small"\n${tags}${body}}\n`;
/**
 * A template whose Auto Scaling group, with `tags`, launches from a launch configuration without
 * MetadataOptions into a subnet in no zone.
 */
const asgTemplate = (tags: unknown[], conditions?: Record<string, unknown>) =>
  JSON.stringify(
    {
      ...(conditions ? { Conditions: conditions } : {}),
      Resources: {
        Public: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.0.0/24' } },
        VenLaunchConfig: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro' } },
        VenASG: {
          Type: 'AWS::AutoScaling::AutoScalingGroup',
          Properties: { LaunchConfigurationName: { Ref: 'VenLaunchConfig' }, MaxSize: '1', MinSize: '1', Tags: tags, VPCZoneIdentifier: [{ Ref: 'Public' }] },
        },
      },
    },
    null,
    1,
  );

describe(ID, () => {
  describe('valid', () => {
    it.each([
      ['tokens required', '  metadata_options {\n    http_tokens = "required"\n  }\n'],
      ['metadata service disabled', '  metadata_options {\n    http_endpoint = "disabled"\n  }\n'],
    ])('%s', (_n, body) => {
      expect(runRule(ID, { 'main.tf': instance(body) })).toEqual([]);
    });
    it('CloudFormation: an instance whose MetadataOptions disable the metadata service', () => {
      const off = 'Resources:\n  Off:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0123456789abcdef0\n      MetadataOptions: { HttpEndpoint: disabled }\n';
      expect(runRule(ID, { 'template.yaml': off })).toEqual([]);
    });
    it('an instance outside every declared zone', () => {
      expect(runRule(ID, { 'main.tf': instance('') }, { config: ZONES_YAML })).toEqual([]);
    });
  });
  describe('invalid', () => {
    it('no metadata_options: reported at the instance block', () => {
      const main = instance('');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'missing', resource: 'aws_instance.ven', line: 1, column: 1, endLine: 4, endColumn: 2 })]);
    });
    it('http_tokens = "optional": reported at the attribute', () => {
      const main = instance('  metadata_options {\n    http_tokens = "optional"\n  }\n', '  tags = { gridfence-zone = "core" }\n');
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'optional', data: { resource: 'aws_instance.ven', tokens: 'optional' }, ...rangeOf(main, 'http_tokens = "optional"') }),
      ]);
    });
    it('an instance in a zone launched from a template in none: the template is judged, once', () => {
      const main = `resource "aws_launch_template" "t" {\n  name = "t"\n}\n\n${[1, 2]
        .map((n) => `resource "aws_instance" "ven${n}" {\n  tags = { gridfence-zone = "core" }\n  launch_template {\n    id = aws_launch_template.t.id\n  }\n}\n`)
        .join('\n')}`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([expect.objectContaining({ messageId: 'missing', resource: 'aws_launch_template.t', line: 1, column: 1 })]);
    });
    it('a spot instance request launched from a template is judged through it, as an instance is', () => {
      const main = `resource "aws_launch_template" "t" {\n  name = "t"\n}\n\nresource "aws_spot_instance_request" "ven" {\n  tags = { gridfence-zone = "core" }\n  launch_template {\n    id = aws_launch_template.t.id\n  }\n}\n`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([expect.objectContaining({ messageId: 'missing', resource: 'aws_launch_template.t', line: 1, column: 1 })]);
      const required = main.replace('  name = "t"\n', '  name = "t"\n  metadata_options {\n    http_tokens = "required"\n  }\n');
      expect(runRule(ID, { 'main.tf': required }, { config: ZONES_YAML })).toEqual([]);
    });
    it('CloudFormation: a launch template without MetadataOptions, and the instance launched from it judged through it', () => {
      const t = 'Resources:\n  AppTemplate:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        ImageId: ami-0123456789abcdef0\n  Strict:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MetadataOptions: { HttpTokens: required }\n  App:\n    Type: AWS::EC2::Instance\n    Properties:\n      LaunchTemplate: { LaunchTemplateId: !Ref AppTemplate, Version: "1" }\n';
      expect(runRule(ID, { 'template.yaml': t })).toEqual([expect.objectContaining({ messageId: 'missing', resource: 'AppTemplate', certainty: 'definite', line: 2 })]);
    });
    it('an endpoint known only after apply may be disabled: optional tokens are a possible finding, at http_tokens', () => {
      const main = `variable "endpoint" {}\n${instance('  metadata_options {\n    http_endpoint = var.endpoint\n    http_tokens   = "optional"\n  }\n')}`;
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'optional', ...rangeOf(main, 'http_tokens   = "optional"'), certainty: 'possible' })]);
    });
    it('an EKS node group in a zone subnet has its launch template judged, and one not known is possible, in Terraform and CloudFormation', () => {
      const main =
        'variable "template" {}\n' +
        'resource "aws_subnet" "core" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.10.1.0/24"\n  tags       = { gridfence-zone = "core" }\n}\n' +
        'resource "aws_launch_template" "nodes" {\n  name = "nodes"\n}\n' +
        'resource "aws_eks_node_group" "app" {\n  cluster_name  = "app"\n  node_role_arn = "arn:aws:iam::123456789012:role/nodes"\n  subnet_ids    = [aws_subnet.core.id]\n  launch_template {\n    id      = aws_launch_template.nodes.id\n    version = "1"\n  }\n  scaling_config {\n    desired_size = 1\n    max_size     = 1\n    min_size     = 1\n  }\n}\n' +
        'resource "aws_eks_node_group" "other" {\n  cluster_name  = "app"\n  node_role_arn = "arn:aws:iam::123456789012:role/nodes"\n  subnet_ids    = [aws_subnet.core.id]\n  launch_template {\n    name    = var.template\n    version = "1"\n  }\n  scaling_config {\n    desired_size = 1\n    max_size     = 1\n    min_size     = 1\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML }).map((f) => `${f.messageId} ${f.resource} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        `missing aws_launch_template.nodes definite ${rangeOf(main, 'resource "aws_launch_template" "nodes"').line}:1`,
        `missing aws_eks_node_group.other possible ${rangeOf(main, 'name    = var.template').line}:5`,
      ]);
      const t = [
        'Resources:',
        '  Core:',
        '    Type: AWS::EC2::Subnet',
        '    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: core }] }',
        '  Nodes:',
        '    Type: AWS::EC2::LaunchTemplate',
        '    Properties: { LaunchTemplateData: { ImageId: ami-0123456789abcdef0 } }',
        '  App:',
        '    Type: AWS::EKS::Nodegroup',
        '    Properties:',
        '      ClusterName: app',
        '      NodeRole: arn:aws:iam::123456789012:role/nodes',
        '      Subnets: [!Ref Core]',
        '      LaunchTemplate: { Id: !Ref Nodes, Version: "1" }',
        '',
      ].join('\n');
      expect(runRule(ID, { 'eks.yaml': t }, { config: ZONES_YAML }).map((f) => `${f.messageId} ${f.resource} ${f.certainty} ${f.line}:${f.column}`)).toEqual(['missing Nodes definite 5:3']);
    });
    it('the templates of a mixed instances policy\'s overrides are judged too, in Terraform and CloudFormation', () => {
      const main =
        'resource "aws_subnet" "core" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.10.1.0/24"\n  tags       = { gridfence-zone = "core" }\n}\n' +
        'resource "aws_launch_template" "strict" {\n  name = "strict"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n' +
        'resource "aws_launch_template" "arm" {\n  name = "arm"\n}\n' +
        'resource "aws_autoscaling_group" "mixed" {\n  min_size            = 1\n  max_size            = 2\n  vpc_zone_identifier = [aws_subnet.core.id]\n  mixed_instances_policy {\n    launch_template {\n      launch_template_specification {\n        launch_template_id = aws_launch_template.strict.id\n      }\n      override {\n        instance_type = "m6g.large"\n        launch_template_specification {\n          launch_template_id = aws_launch_template.arm.id\n        }\n      }\n    }\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML }).map((f) => `${f.messageId} ${f.resource} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        `missing aws_launch_template.arm definite ${rangeOf(main, 'resource "aws_launch_template" "arm"').line}:1`,
      ]);
      const t = [
        'Resources:',
        '  Core:',
        '    Type: AWS::EC2::Subnet',
        '    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: core }] }',
        '  Strict:',
        '    Type: AWS::EC2::LaunchTemplate',
        '    Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: required } } }',
        '  Arm:',
        '    Type: AWS::EC2::LaunchTemplate',
        '    Properties: { LaunchTemplateData: { ImageId: ami-0123456789abcdef0 } }',
        '  Mixed:',
        '    Type: AWS::AutoScaling::AutoScalingGroup',
        '    Properties:',
        '      MinSize: "1"',
        '      MaxSize: "2"',
        '      VPCZoneIdentifier: [!Ref Core]',
        '      MixedInstancesPolicy:',
        '        LaunchTemplate:',
        '          LaunchTemplateSpecification: { LaunchTemplateId: !Ref Strict, Version: "1" }',
        '          Overrides:',
        '            - InstanceType: m6g.large',
        '              LaunchTemplateSpecification: { LaunchTemplateId: !Ref Arm, Version: "1" }',
        '',
      ].join('\n');
      expect(runRule(ID, { 'asg.yaml': t }, { config: ZONES_YAML }).map((f) => `${f.messageId} ${f.resource} ${f.certainty} ${f.line}:${f.column}`)).toEqual(['missing Arm definite 8:3']);
    });
    it('an Auto Scaling group in a zone launching from a template or configuration the configuration does not show: possible, at the setting that names it', () => {
      const subnet = 'resource "aws_subnet" "core" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.10.1.0/24"\n  tags       = { gridfence-zone = "core" }\n}\n';
      const group = (name: string, from: string) => `resource "aws_autoscaling_group" "${name}" {\n  min_size            = 1\n  max_size            = 2\n  vpc_zone_identifier = [aws_subnet.core.id]\n${from}}\n`;
      const main =
        'variable "template" {}\ndata "aws_launch_template" "shared" {\n  name = "shared"\n}\n' +
        subnet +
        group('by_var', '  launch_template {\n    name = var.template\n  }\n') +
        group('by_data', '  launch_template {\n    id = data.aws_launch_template.shared.id\n  }\n') +
        group('by_text', '  launch_configuration = "legacy-app"\n');
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML }).map((f) => `${f.messageId} ${f.resource} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
        `missing aws_autoscaling_group.by_var possible ${rangeOf(main, 'name = var.template').line}:5 the launch template of aws_autoscaling_group.by_var is not known (var.template has no value (no default, no tfvars entry, no --var))`,
        `missing aws_autoscaling_group.by_data possible ${rangeOf(main, 'id = data.aws_launch_template').line}:5 the launch template of aws_autoscaling_group.by_data is not known (data.aws_launch_template.shared.id is known only after apply)`,
        `missing aws_autoscaling_group.by_text possible ${rangeOf(main, 'launch_configuration = "legacy-app"').line}:3 the launch configuration of aws_autoscaling_group.by_text is not in the configuration (legacy-app)`,
      ]);
    });
    it('an instance launched from a template read by a data source: possible, the data source is not judged', () => {
      const main = 'data "aws_launch_template" "shared" {\n  name = "shared"\n}\n' + instance('  launch_template {\n    id = data.aws_launch_template.shared.id\n  }\n');
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.messageId} ${f.resource} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
        `missing aws_instance.ven possible ${rangeOf(main, 'id = data.aws_launch_template').line}:5 the launch template of aws_instance.ven is not known (data.aws_launch_template.shared.id is known only after apply)`,
      ]);
    });
    it('CloudFormation: an Auto Scaling group in a zone whose launch configuration is a parameter without value, or under a condition on the region: possible', () => {
      const t = [
        'Parameters:',
        '  LegacyConfig: { Type: String }',
        'Conditions:',
        '  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]',
        'Resources:',
        '  Core:',
        '    Type: AWS::EC2::Subnet',
        '    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: core }] }',
        '  Legacy:',
        '    Type: AWS::AutoScaling::AutoScalingGroup',
        '    Properties:',
        '      MinSize: "1"',
        '      MaxSize: "2"',
        '      VPCZoneIdentifier: [!Ref Core]',
        '      LaunchConfigurationName: !Ref LegacyConfig',
        '  Regional:',
        '    Type: AWS::AutoScaling::AutoScalingGroup',
        '    Properties:',
        '      MinSize: "1"',
        '      MaxSize: "2"',
        '      VPCZoneIdentifier: [!Ref Core]',
        '      LaunchTemplate: !If [InTokyo, { LaunchTemplateName: tokyo, Version: "1" }, { LaunchTemplateName: other, Version: "1" }]',
        '',
      ].join('\n');
      expect(runRule(ID, { 'asg.yaml': t }, { config: ZONES_YAML }).map((f) => `${f.messageId} ${f.resource} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
        'missing Legacy possible 15:7 the launch configuration of Legacy is not known (parameter LegacyConfig has no value)',
        'missing Regional possible 22:7 the launch template or configuration of Regional is not known (AWS::Region is known only at deployment)',
      ]);
    });
    it('an Auto Scaling group launching into a zone subnet has its template judged, though the template is in no zone', () => {
      const main = 'resource "aws_subnet" "core" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.10.1.0/24"\n  tags       = { gridfence-zone = "core" }\n}\nresource "aws_launch_template" "t" {\n  name = "t"\n}\nresource "aws_launch_template" "strict" {\n  name = "strict"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\nresource "aws_autoscaling_group" "app" {\n  min_size            = 1\n  max_size            = 2\n  vpc_zone_identifier = [aws_subnet.core.id]\n  launch_template {\n    id = aws_launch_template.t.id\n  }\n}\nresource "aws_autoscaling_group" "mixed" {\n  min_size            = 1\n  max_size            = 2\n  vpc_zone_identifier = [aws_subnet.core.id]\n  mixed_instances_policy {\n    launch_template {\n      launch_template_specification {\n        launch_template_id = aws_launch_template.strict.id\n      }\n    }\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'missing', resource: 'aws_launch_template.t', ...rangeOf(main, 'resource "aws_launch_template" "t" {\n  name = "t"\n}'), certainty: 'definite' }),
      ]);
    });
    it('CloudFormation: a launch configuration, and what Auto Scaling groups launching into a zone subnet launch from, though in no zone', () => {
      const t =
        'Resources:\n  Core:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: core }] }\n' +
        '  Loose:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-0123456789abcdef0\n      InstanceType: t3.micro\n      MetadataOptions: { HttpTokens: optional }\n' +
        '  Bare:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData: { ImageId: ami-0123456789abcdef0 }\n' +
        '  Strict:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData: { MetadataOptions: { HttpTokens: required } }\n' +
        '  ByConfiguration:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties: { MinSize: "1", MaxSize: "2", VPCZoneIdentifier: [!Ref Core], LaunchConfigurationName: !Ref Loose }\n' +
        '  Mixed:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties:\n      MinSize: "1"\n      MaxSize: "2"\n      VPCZoneIdentifier: [!Ref Core]\n      MixedInstancesPolicy:\n        LaunchTemplate:\n          LaunchTemplateSpecification: { LaunchTemplateId: !Ref Bare, Version: "1" }\n' +
        '  ByTemplate:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties: { MinSize: "1", MaxSize: "2", VPCZoneIdentifier: [!Ref Core], LaunchTemplate: { LaunchTemplateId: !Ref Strict, Version: "1" } }\n';
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'optional', resource: 'Loose', data: { resource: 'Loose', tokens: 'optional' }, certainty: 'definite', ...rangeOf(t, 'MetadataOptions: { HttpTokens: optional }') }),
        expect.objectContaining({ messageId: 'missing', resource: 'Bare', certainty: 'definite', line: rangeOf(t, '  Bare:').line, column: 3 }),
      ]);
    });
    it('CloudFormation: an Auto Scaling group is in the zone its Tags select (the CDK\'s Tags.of(group), PropagateAtLaunch), its launch configuration judged though its subnet is in no zone', () => {
      const t = asgTemplate([
        { Key: 'gridfence-zone', PropagateAtLaunch: true, Value: 'core' },
        { Key: 'Name', PropagateAtLaunch: true, Value: 'S/Ven' },
      ]);
      expect(runRule(ID, { 'template.json': t }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'missing', resource: 'VenLaunchConfig', certainty: 'definite', line: rangeOf(t, '"VenLaunchConfig": {').line, column: 3 }),
      ]);
    });
    it('CloudFormation: an Auto Scaling group tag whose Key is known only at deployment may select any zone: an error at the tags, never a group in no zone', () => {
      const t = asgTemplate([{ Key: { 'Fn::If': ['Tokyo', 'gridfence-zone', 'Name'] }, PropagateAtLaunch: true, Value: 'core' }], {
        Tokyo: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'ap-northeast-1'] },
      });
      const dir = writeTree({ 'template.json': t, 'gridfence.yaml': ZONES_YAML }, `gridfence-${ID}-`);
      const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [ID], today: '2026-11-29' });
      const key = rangeOf(t, '"Key": {');
      // At the Key's Fn::If.
      expect(r.errors.map((e) => [e.code, e.location?.line, e.location?.column, e.message])).toEqual([
        ['zone-unknown', key.line, key.column + '"Key": '.length, expect.stringMatching(/^The zone of VenASG cannot be known: its tags: AWS::Region is known only at deployment/)],
      ]);
    });
    it('tokens from an unknown variable are a possible finding', () => {
      const main = `variable "tokens" {}\n${instance('  metadata_options {\n    http_tokens = var.tokens\n  }\n')}`;
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'optional', certainty: 'possible', ...rangeOf(main, 'http_tokens = var.tokens') })]);
    });
    it('a launch template without metadata_options', () => {
      expect(runRule(ID, { 'main.tf': 'resource "aws_launch_template" "lt" {\n  name = "lt"\n}\n' })).toEqual([expect.objectContaining({ messageId: 'missing', resource: 'aws_launch_template.lt' })]);
    });
  });
});

describe(`${ID}: launch templates`, () => {
  it('a template named by its name as text is the template of that name (Terraform\'s reference to .name, the CDK\'s LaunchTemplateName)', () => {
    const main = 'resource "aws_launch_template" "t" {\n  name = "lt"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\nresource "aws_instance" "i" {\n  ami = "ami-0123456789abcdef0"\n  launch_template {\n    name = aws_launch_template.t.name\n  }\n}\n';
    expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    const t = 'Resources:\n  InstLt:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateName: InstanceLaunchTemplate\n      LaunchTemplateData: { MetadataOptions: { HttpTokens: optional } }\n  Inst:\n    Type: AWS::EC2::Instance\n    DependsOn: InstLt\n    Properties:\n      ImageId: ami-0123456789abcdef0\n      LaunchTemplate: { LaunchTemplateName: InstanceLaunchTemplate, Version: !GetAtt InstLt.LatestVersionNumber }\n';
    expect(runRule(ID, { 'template.yaml': t })).toEqual([expect.objectContaining({ messageId: 'optional', resource: 'InstLt', certainty: 'definite', ...rangeOf(t, 'MetadataOptions: { HttpTokens: optional }') })]);
  });
  it('an instance takes the metadata options of its launch template', () => {
    const main = `resource "aws_launch_template" "t" {
  image_id = "ami-0123456789abcdef0"
  metadata_options {
    http_tokens = "required"
  }
}
resource "aws_instance" "i" {
  instance_type = "t3.micro"
  launch_template {
    id      = aws_launch_template.t.id
    version = "$Latest"
  }
}
`;
    expect(runRule(ID, { 'main.tf': main })).toEqual([]);
  });
});
