import { describe, expect, it } from 'vitest';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'admin-privileges-scoped';

const ZONES = 'version: 1\nzones:\n  dispatch: { role: dispatch-link }\n';

/** An instance in the dispatch zone running as role `ven` through an instance profile. */
const VEN = `resource "aws_iam_role" "ven" {
  name               = "ven"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}
resource "aws_iam_instance_profile" "ven" {
  name = "ven"
  role = aws_iam_role.ven.name
}
resource "aws_instance" "ven" {
  ami                  = "ami-0123456789abcdef0"
  instance_type        = "t3.small"
  iam_instance_profile = aws_iam_instance_profile.ven.name
  tags                 = { gridfence-zone = "dispatch" }
}
`;
const run = (main: string) => runRule(ID, { 'main.tf': main }, { config: ZONES });

const ADMIN_ATTACH = 'policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"';

const cfn = (policies: string) => `Resources:
  VenRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Action: sts:AssumeRole, Principal: { Service: ec2.amazonaws.com } }]
${policies}  VenProfile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref VenRole]
  Ven:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.small
      IamInstanceProfile: !Ref VenProfile
      Tags: [{ Key: gridfence-zone, Value: dispatch }]
`;

describe(ID, () => {
  describe('valid', () => {
    it('Terraform: a role scoped to the actions and resources it needs', () => {
      const main = `${VEN}resource "aws_iam_role_policy" "ven" {
  role = aws_iam_role.ven.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["kms:Decrypt"], Resource = "arn:aws:kms:ap-northeast-1:111122223333:key/ven" }]
  })
}
resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.ven.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}
`;
      expect(run(main)).toEqual([]);
    });

    it('administrator rights on a role no workload in a zone runs as', () => {
      const main = `resource "aws_iam_role" "breakglass" {
  name               = "breakglass"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "breakglass" {
  role       = aws_iam_role.breakglass.name
  ${ADMIN_ATTACH}
}
`;
      expect(run(main)).toEqual([]);
    });

    it('a Deny of everything is no grant', () => {
      const main = `${VEN}resource "aws_iam_role_policy" "ven" {
  role   = aws_iam_role.ven.id
  policy = jsonencode({ Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }] })
}
`;
      expect(run(main)).toEqual([]);
    });

    it('CloudFormation: an inline policy scoped to one key', () => {
      const t = cfn('      Policies:\n        - PolicyName: kms\n          PolicyDocument:\n            Statement: [{ Effect: Allow, Action: kms:Decrypt, Resource: arn:aws:kms:ap-northeast-1:111122223333:key/ven }]\n');
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('Terraform: AdministratorAccess attached to the role of an instance in the dispatch zone, at the policy_arn', () => {
      const main = `${VEN}resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.ven.name
  ${ADMIN_ATTACH}
}
`;
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'admin',
          data: { grant: 'aws_iam_role_policy_attachment.admin', role: 'aws_iam_role.ven', workloads: 'aws_instance.ven', zones: 'dispatch', why: 'the AdministratorAccess managed policy' },
          resource: 'aws_iam_role_policy_attachment.admin',
          ...rangeOf(main, ADMIN_ATTACH),
          certainty: 'definite',
        }),
      ]);
      const f = lintFiles(ID, { 'main.tf': main }, { config: ZONES }).findings[0]!;
      expect(f.related.map((r) => [r.message, r.location.line])).toContainEqual(['aws_instance.ven runs as aws_iam_role.ven here', rangeOf(main, 'iam_instance_profile = aws_iam_instance_profile.ven.name').line]);
    });

    it('a spot instance request runs as its instance profile\'s role, as an instance does', () => {
      const main = `${VEN.replace('resource "aws_instance" "ven"', 'resource "aws_spot_instance_request" "ven"')}resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.ven.name
  ${ADMIN_ATTACH}
}
`;
      expect(run(main)).toEqual([
        expect.objectContaining({
          messageId: 'admin',
          data: expect.objectContaining({ role: 'aws_iam_role.ven', workloads: 'aws_spot_instance_request.ven', zones: 'dispatch' }),
          ...rangeOf(main, ADMIN_ATTACH),
          certainty: 'definite',
        }),
      ]);
    });

    it('an instance in a zone without a profile of its own runs as its launch template\'s: the template, in no zone, is a workload of the instance\'s zone', () => {
      const main = `${VEN.replace(/resource "aws_instance" "ven" \{[\s\S]*$/, '')}resource "aws_launch_template" "ven" {
  name = "ven"
  iam_instance_profile {
    name = aws_iam_instance_profile.ven.name
  }
}
resource "aws_instance" "ven" {
  tags = { gridfence-zone = "dispatch" }
  launch_template {
    id = aws_launch_template.ven.id
  }
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.ven.name
  ${ADMIN_ATTACH}
}
`;
      expect(run(main).map((f) => `${f.messageId} ${f.data['workloads']} ${f.data['zones']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        `admin aws_launch_template.ven dispatch definite ${rangeOf(main, ADMIN_ATTACH).line}:3`,
      ]);
    });

    it('an EKS node group in a zone runs its nodes as its node role, in Terraform and CloudFormation', () => {
      const main = `resource "aws_subnet" "dispatch" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.10.1.0/24"
  tags       = { gridfence-zone = "dispatch" }
}
resource "aws_iam_role" "nodes" {
  name               = "nodes"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.nodes.name
  ${ADMIN_ATTACH}
}
resource "aws_eks_node_group" "app" {
  cluster_name  = "app"
  node_role_arn = aws_iam_role.nodes.arn
  subnet_ids    = [aws_subnet.dispatch.id]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
}
`;
      expect(run(main).map((f) => `${f.messageId} ${f.data['role']} ${f.data['workloads']} ${f.data['zones']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        `admin aws_iam_role.nodes aws_eks_node_group.app dispatch definite ${rangeOf(main, ADMIN_ATTACH).line}:3`,
      ]);
      const t = [
        'Resources:',
        '  Dispatch:',
        '    Type: AWS::EC2::Subnet',
        '    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: dispatch }] }',
        '  NodeRole:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Action: sts:AssumeRole, Principal: { Service: ec2.amazonaws.com } }] }',
        '      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]',
        '  App:',
        '    Type: AWS::EKS::Nodegroup',
        '    Properties:',
        '      ClusterName: app',
        '      NodeRole: !GetAtt NodeRole.Arn',
        '      Subnets: [!Ref Dispatch]',
        '',
      ].join('\n');
      expect(runRule(ID, { 'eks.yaml': t }, { config: ZONES }).map((f) => `${f.messageId} ${f.data['workloads']} ${f.certainty} ${f.line}:${f.column}`)).toEqual(['admin App definite 9:7']);
    });

    it('a customer-managed policy of * on *, through aws_iam_policy_document', () => {
      const main = `${VEN}data "aws_iam_policy_document" "all" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "all" {
  name   = "all"
  policy = data.aws_iam_policy_document.all.json
}
resource "aws_iam_role_policy_attachment" "all" {
  role       = aws_iam_role.ven.name
  policy_arn = aws_iam_policy.all.arn
}
`;
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'admin', resource: 'aws_iam_policy.all', data: expect.objectContaining({ why: 'Allow of Action "*" on Resource "*"' }), ...rangeOf(main, 'policy = data.aws_iam_policy_document.all.json') }),
      ]);
    });

    it('iam:PassRole on * in an inline policy of the role itself', () => {
      const main = VEN.replace(
        '  assume_role_policy',
        '  inline_policy {\n    name   = "pass"\n    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "ec2:RunInstances"], Resource = "*" }] })\n  }\n  assume_role_policy',
      );
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'admin', resource: 'aws_iam_role.ven', data: expect.objectContaining({ why: 'iam:PassRole on Resource "*" (the workload can hand any role to an AWS service)' }), line: 5, column: 5 })]);
    });

    it('NotAction on * in a JSON-text policy, for a Lambda function in the zone', () => {
      const main = `resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = <<-EOT
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}
  EOT
}
resource "aws_lambda_function" "relay" {
  function_name = "relay"
  role          = aws_iam_role.fn.arn
  tags          = { gridfence-zone = "dispatch" }
}
`;
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'admin', resource: 'aws_iam_role_policy.fn', data: expect.objectContaining({ workloads: 'aws_lambda_function.relay', why: 'Allow with NotAction on Resource "*" (everything but the listed actions)' }), line: 7 })]);
    });

    it('a policy known only after apply: a possible finding', () => {
      const main = `${VEN}variable "extra_policy" {
  type = string
}
resource "aws_iam_role_policy" "extra" {
  role   = aws_iam_role.ven.id
  policy = var.extra_policy
}
`;
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'unknownPolicy', resource: 'aws_iam_role_policy.extra', certainty: 'possible', ...rangeOf(main, 'policy = var.extra_policy') })]);
    });

    it('inline policies not known before apply may grant anything: possible, at the inline policies (Terraform\'s dynamic block, CloudFormation\'s Policies under Fn::If)', () => {
      const main = VEN.replace('  name               = "ven"\n', '  name               = "ven"\n  dynamic "inline_policy" {\n    for_each = var.policies\n    content {\n      name   = inline_policy.key\n      policy = inline_policy.value\n    }\n  }\n') + 'variable "policies" {\n  type = map(string)\n}\n';
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'unknownPolicy', resource: 'aws_iam_role.ven', certainty: 'possible', line: rangeOf(main, 'dynamic "inline_policy"').line })]);
      const t = 'Conditions:\n  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]\n' + cfn('      Policies: !If\n        - InTokyo\n        - [{ PolicyName: all, PolicyDocument: { Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] } }]\n        - []\n');
      const at = rangeOf(t, 'Policies: !If');
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES })).toEqual([
        expect.objectContaining({ messageId: 'unknownPolicy', resource: 'VenRole', certainty: 'possible', data: expect.objectContaining({ role: 'VenRole', workloads: 'Ven' }), line: at.line, column: at.column }),
      ]);
    });

    it('an attached ARN known only after apply: AdministratorAccess read by a data source is definite, an ARN not known at all possible', () => {
      const main = `${VEN}data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}
variable "extra_policy_arn" {}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.ven.name
  policy_arn = data.aws_iam_policy.admin.arn
}
resource "aws_iam_role_policy_attachment" "extra" {
  role       = aws_iam_role.ven.name
  policy_arn = var.extra_policy_arn
}
`;
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'admin', resource: 'aws_iam_role_policy_attachment.admin', certainty: 'definite', ...rangeOf(main, 'policy_arn = data.aws_iam_policy.admin.arn') }),
        expect.objectContaining({ messageId: 'unknownPolicy', resource: 'aws_iam_role_policy_attachment.extra', certainty: 'possible', ...rangeOf(main, 'policy_arn = var.extra_policy_arn') }),
      ]);
    });
    it('statements with parts known only after apply: possible, unless another statement is known to grant', () => {
      const policy = (statements: string) => `${VEN}variable "bucket" {
  type = string
}
variable "action" {
  type = string
}
variable "effect" {
  type = string
}
variable "statements" {
  type = list(object({ actions = list(string), resources = list(string) }))
}
variable "statement" {
  type = any
}
resource "aws_iam_role_policy" "ven" {
  role   = aws_iam_role.ven.id
  policy = ${statements}
}
`;
      const cases = [
        'jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = var.bucket }] })',
        'jsonencode({ Statement = [{ Effect = "Allow", Action = [var.action], Resource = "*" }] })',
        'jsonencode({ Statement = [{ Effect = var.effect, Action = "*", Resource = "*" }] })',
        // A whole statement known only after apply, beside a known one that grants nothing.
        'jsonencode({ Statement = [var.statement, { Effect = "Deny", Action = "*", Resource = "*" }] })',
        'data.aws_iam_policy_document.dynamic.json',
      ];
      const documents = `data "aws_iam_policy_document" "dynamic" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}
`;
      for (const c of cases) {
        const main = policy(c) + documents;
        expect(run(main), c).toEqual([expect.objectContaining({ messageId: 'unknownPolicy', resource: 'aws_iam_role_policy.ven', certainty: 'possible', ...rangeOf(main, `policy = ${c}`) })]);
      }
      // A statement known to grant decides, whatever the others are.
      const both = policy('jsonencode({ Statement = [{ Effect = "Allow", Action = [var.action], Resource = "*" }, { Effect = "Allow", Action = "*", Resource = "*" }] })') + documents;
      expect(run(both)).toEqual([expect.objectContaining({ messageId: 'admin', certainty: 'definite' })]);
      // Known resources that are not "*" leave an unknown action harmless.
      expect(run(policy('jsonencode({ Statement = [{ Effect = "Allow", Action = [var.action], Resource = "arn:aws:s3:::logs/*" }] })') + documents)).toEqual([]);
    });

    it('workloads of several zones sharing the role: one finding at the grant, naming each', () => {
      const main = `${VEN}resource "aws_launch_template" "worker" {
  name = "worker"
  iam_instance_profile {
    name = aws_iam_instance_profile.ven.name
  }
  tags = { gridfence-zone = "core" }
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.ven.name
  ${ADMIN_ATTACH}
}
`;
      const config = 'version: 1\nzones:\n  dispatch: { role: dispatch-link }\n  core: { role: internal }\n';
      expect(runRule(ID, { 'main.tf': main }, { config }).map((f) => [f.data['workloads'], f.data['zones']])).toEqual([['aws_instance.ven, aws_launch_template.worker', 'dispatch, core']]);
    });

    it('in Japanese', () => {
      const main = `${VEN}resource "aws_iam_role_policy_attachment" "admin" {\n  role       = aws_iam_role.ven.name\n  ${ADMIN_ATTACH}\n}\n`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES, lang: 'ja' })[0]!.data['why']).toBe('AWS 管理ポリシー AdministratorAccess');
    });

    it('CloudFormation: ManagedPolicyArns with AdministratorAccess, at the ARN in the template', () => {
      const t = cfn('      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]\n');
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES })).toEqual([
        expect.objectContaining({ messageId: 'admin', resource: 'VenRole', file: 'template.yaml', data: expect.objectContaining({ workloads: 'Ven' }), line: 7, column: 7 }),
      ]);
    });

    it('CloudFormation: the launch configuration and the launch template of Auto Scaling groups in the zone (the CDK\'s AutoScalingGroup role), though in no zone of their own, as the group\'s zone', () => {
      const t = JSON.stringify(
        {
          Resources: {
            Link: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.1.0/24', Tags: [{ Key: 'gridfence-zone', Value: 'dispatch' }] } },
            Other: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.2.0/24' } },
            VenInstanceRole: {
              Type: 'AWS::IAM::Role',
              Properties: {
                AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }], Version: '2012-10-17' },
                ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }],
              },
            },
            VenInstanceProfile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'VenInstanceRole' }] } },
            VenLaunchConfig: { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { IamInstanceProfile: { Ref: 'VenInstanceProfile' }, ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro' } },
            VenASG: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { LaunchConfigurationName: { Ref: 'VenLaunchConfig' }, MaxSize: '1', MinSize: '1', VPCZoneIdentifier: [{ Ref: 'Link' }] } },
            BrokerTemplate: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { IamInstanceProfile: { Arn: { 'Fn::GetAtt': ['VenInstanceProfile', 'Arn'] } }, MetadataOptions: { HttpTokens: 'required' } } } },
            BrokerASG: {
              Type: 'AWS::AutoScaling::AutoScalingGroup',
              Properties: { LaunchTemplate: { LaunchTemplateId: { Ref: 'BrokerTemplate' }, Version: { 'Fn::GetAtt': ['BrokerTemplate', 'LatestVersionNumber'] } }, MaxSize: '1', MinSize: '1', Tags: [{ Key: 'gridfence-zone', PropagateAtLaunch: true, Value: 'dispatch' }], VPCZoneIdentifier: [{ Ref: 'Other' }] },
            },
          },
        },
        null,
        1,
      );
      const arn = rangeOf(t, '"ManagedPolicyArns"');
      expect(runRule(ID, { 'template.json': t }, { config: ZONES })).toEqual([
        expect.objectContaining({ messageId: 'admin', resource: 'VenInstanceRole', data: expect.objectContaining({ why: 'the AdministratorAccess managed policy', workloads: 'VenLaunchConfig, BrokerTemplate', zones: 'dispatch' }), certainty: 'definite', line: arn.line, column: arn.column }),
      ]);
    });

    it('CloudFormation: the task definition of an ECS service in the zone (the CDK\'s FargateService), though in no zone of its own, as the service\'s zone', () => {
      const t = JSON.stringify(
        {
          Resources: {
            Link: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.1.0/24', Tags: [{ Key: 'gridfence-zone', Value: 'dispatch' }] } },
            TdTaskRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } }], Version: '2012-10-17' } } },
            TdTaskRoleDefaultPolicy: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: [{ Action: '*', Effect: 'Allow', Resource: '*' }], Version: '2012-10-17' }, PolicyName: 'TdTaskRoleDefaultPolicy', Roles: [{ Ref: 'TdTaskRole' }] } },
            Td: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Essential: true, Image: 'nginx', Name: 'c' }], Cpu: '256', Family: 'STd', Memory: '512', NetworkMode: 'awsvpc', RequiresCompatibilities: ['FARGATE'], TaskRoleArn: { 'Fn::GetAtt': ['TdTaskRole', 'Arn'] } } },
            SvcService: {
              Type: 'AWS::ECS::Service',
              Properties: {
                Cluster: 'arn:aws:ecs:ap-northeast-1:111111111111:cluster/c',
                LaunchType: 'FARGATE',
                NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', Subnets: [{ Ref: 'Link' }] } },
                TaskDefinition: { Ref: 'Td' },
              },
            },
          },
        },
        null,
        1,
      );
      const doc = rangeOf(t, '"PolicyDocument"');
      expect(runRule(ID, { 'template.json': t }, { config: ZONES })).toEqual([
        expect.objectContaining({ messageId: 'admin', resource: 'TdTaskRoleDefaultPolicy', data: expect.objectContaining({ role: 'TdTaskRole', workloads: 'Td', zones: 'dispatch' }), certainty: 'definite', line: doc.line, column: doc.column }),
      ]);
    });

    it('CloudFormation: an AWS::IAM::Policy of * on * naming the role', () => {
      const t = `${cfn('')}  All:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: all
      Roles: [!Ref VenRole]
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: "*", Resource: "*" }]
`;
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES })).toEqual([
        expect.objectContaining({ messageId: 'admin', resource: 'All', data: expect.objectContaining({ why: 'Allow of Action "*" on Resource "*"' }), line: t.split('\n').findIndex((l) => l.startsWith('      PolicyDocument:')) + 1 }),
      ]);
    });

    it('CloudFormation: an ECS task definition in the zone runs as its TaskRoleArn; its ExecutionRoleArn is not its code\'s', () => {
      // Both roles are administrators: only the task role's grant is the workload's.
      const adminRole = (name: string) => `  ${name}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Action: sts:AssumeRole, Principal: { Service: ecs-tasks.amazonaws.com } }]
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
`;
      const t = `Resources:
${adminRole('TaskRole')}${adminRole('AgentRole')}  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: ven
      TaskRoleArn: !GetAtt TaskRole.Arn
      ExecutionRoleArn: !GetAtt AgentRole.Arn
      ContainerDefinitions: [{ Name: ven, Image: ven:1 }]
      Tags: [{ Key: gridfence-zone, Value: dispatch }]
`;
      const at = rangeOf(t, 'ManagedPolicyArns');
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES })).toEqual([
        expect.objectContaining({ messageId: 'admin', resource: 'TaskRole', certainty: 'definite', data: expect.objectContaining({ role: 'TaskRole', workloads: 'Task' }), line: at.line, column: at.column }),
      ]);
    });

    it('CloudFormation: an AWS::IAM::RolePolicy of * on * embedded in the role, at its document', () => {
      const t = `${cfn('')}  All:
    Type: AWS::IAM::RolePolicy
    Properties:
      PolicyName: all
      RoleName: !Ref VenRole
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: "*", Resource: "*" }]
`;
      const at = rangeOf(t, 'PolicyDocument:', t.indexOf('  All:'));
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES })).toEqual([
        expect.objectContaining({ messageId: 'admin', resource: 'All', certainty: 'definite', data: expect.objectContaining({ role: 'VenRole', why: 'Allow of Action "*" on Resource "*"', workloads: 'Ven' }), line: at.line, column: at.column }),
      ]);
    });
  });
});
