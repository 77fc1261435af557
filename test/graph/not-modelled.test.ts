/**
 * What the AWS network model reads but does not follow is said where it is written: a warning for
 * a resource whose effect on paths is left out, or for an IPv6 range assigned at apply and the
 * stand-in that takes its place; an error where a whole way out goes unchecked (NAT64).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { NOT_MODELLED } from '../../src/graph/aws/index.js';
import { jaProblemMessage } from '../../src/linter/ja-problems.js';
import { writeTree } from '../support/files.js';

const VPC = `resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
`;

function notModelled(tf: string): string[] {
  const dir = writeTree({ 'main.tf': tf }, 'gridfence-not-modelled-');
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
  return r.errors.filter((e) => e.code === 'not-modelled').map((e) => `${e.severity} ${e.location?.line}:${e.location?.column} ${e.message}`);
}

describe('not modelled', () => {
  it('an IPv6 range assigned at apply is a warning at the resource that asks for it, with its stand-in; ranges cut from it and hosts\' addresses say nothing more', () => {
    const tf = `resource "aws_vpc" "v" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_subnet" "a" {
  vpc_id                          = aws_vpc.v.id
  cidr_block                      = "10.0.1.0/24"
  ipv6_cidr_block                 = cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 1)
  assign_ipv6_address_on_creation = true
}
resource "aws_instance" "i" {
  ami                = "ami-0123456789abcdef0"
  instance_type      = "t3.micro"
  subnet_id          = aws_subnet.a.id
  ipv6_address_count = 1
}
`;
    expect(notModelled(tf)).toEqual(["warning 1:1 aws_vpc.v: its IPv6 range is assigned at apply: 2001:db8:0:100::/56 stands for it in paths, and a /64 of it for each subnet's range cut from it at apply"]);
    // A subnet range not known in a VPC whose range is written: a /64 of the VPC's range stands for it.
    const known = tf.replace('  assign_generated_ipv6_cidr_block = true\n', '  ipv6_cidr_block                  = "2600:1f18:aaaa:bb00::/56"\n').replace('cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 1)', 'var.range').concat('variable "range" {\n  type = string\n}\n');
    const why = 'is not known before apply (var.range has no value (no default, no tfvars entry, no --var))';
    expect(notModelled(known)).toEqual([`warning 5:1 aws_subnet.a: the IPv6 range of aws_subnet.a ${why}: 2600:1f18:aaaa:bb00::/64, within its VPC's range, stands for it in paths`]);
    // Each such subnet is said, with a /64 of its own; in a VPC range with none left, a stand-in of its own.
    const second = `resource "aws_subnet" "b" {\n  vpc_id          = aws_vpc.v.id\n  cidr_block      = "10.0.2.0/24"\n  ipv6_cidr_block = var.range\n}\n`;
    expect(notModelled(known + second)).toEqual([
      `warning 5:1 aws_subnet.a: the IPv6 range of aws_subnet.a ${why}: 2600:1f18:aaaa:bb00::/64, within its VPC's range, stands for it in paths`,
      `warning 20:1 aws_subnet.b: the IPv6 range of aws_subnet.b ${why}: 2600:1f18:aaaa:bb01::/64, within its VPC's range, stands for it in paths`,
    ]);
    const narrow = (known + second).replace('"2600:1f18:aaaa:bb00::/56"', '"2600:1f18:aaaa:bb00::/64"');
    expect(notModelled(narrow)).toEqual([
      `warning 5:1 aws_subnet.a: the IPv6 range of aws_subnet.a ${why}: 2600:1f18:aaaa:bb00::/64, within its VPC's range, stands for it in paths`,
      `warning 20:1 aws_subnet.b: the IPv6 range of aws_subnet.b ${why}, and its VPC's range has no /64 left for it: 2001:db8:0:100::/56 stands for it in paths, and a /64 of it for each subnet's range cut from it at apply`,
    ]);
  });

  it('CloudFormation: a SubnetCidrBlock of a known range says nothing; one cut from a range assigned at apply, the VPC range\'s stand-in', () => {
    const t = 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: 10.0.0.0/16 }\n  Sub:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }\n  Sub6:\n    Type: AWS::EC2::SubnetCidrBlock\n    Properties: { SubnetId: !Ref Sub, Ipv6CidrBlock: "2001:db8::/64" }\n';
    const problems = (text: string) => {
      const dir = writeTree({ 'template.yaml': text }, 'gridfence-not-modelled-');
      const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
      return r.errors.filter((e) => e.code === 'not-modelled').map((e) => `${e.severity} ${e.location?.line}:${e.location?.column} ${e.message}`);
    };
    expect(problems(t)).toEqual([]);
    const assigned = t
      .replace('  Sub:\n', '  Vpc6:\n    Type: AWS::EC2::VPCCidrBlock\n    Properties: { VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true }\n  Sub:\n')
      .replace('Ipv6CidrBlock: "2001:db8::/64"', 'Ipv6CidrBlock: !Select [0, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 256, 64]]');
    expect(problems(assigned)).toEqual(["warning 5:3 Vpc6: the IPv6 range it gives Vpc is assigned at apply: 2001:db8:0:100::/56 stands for it in paths, and a /64 of it for each subnet's range cut from it at apply"]);
  });

  it('VPC endpoints whose effect is not followed: an interface endpoint, the routes of a gateway endpoint', () => {
    const tf = `${VPC}resource "aws_route_table" "r" {
  vpc_id = aws_vpc.v.id
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.ap-northeast-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.r.id]
}
resource "aws_vpc_endpoint" "partner" {
  vpc_id            = aws_vpc.v.id
  service_name      = "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.a.id]
}
`;
    expect(notModelled(tf)).toEqual([
      "warning 11:1 aws_vpc_endpoint.s3: the routes a Gateway endpoint adds to its route tables (to its service's prefix list) are not followed",
      'warning 17:1 aws_vpc_endpoint.partner: Interface endpoints are not endpoints of the graph: flows to and through them are not checked',
    ]);
  });

  it('ways in that bypass the VPC\'s gateways are said: Global Accelerator, CloudFront VPC origins, PrivateLink services, VPC Lattice, Cloud WAN', () => {
    const tf = `${VPC}resource "aws_lb" "internal" {
  internal = true
  subnets  = [aws_subnet.a.id]
}
resource "aws_globalaccelerator_endpoint_group" "in" {
  listener_arn = "arn:aws:globalaccelerator::123456789012:accelerator/a/listener/l"
  endpoint_configuration {
    endpoint_id = aws_lb.internal.arn
  }
}
resource "aws_vpc_endpoint_service" "svc" {
  acceptance_required        = false
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/net/n/1"]
}
resource "aws_networkmanager_vpc_attachment" "wan" {
  core_network_id = "core-network-0123456789abcdef0"
  vpc_arn         = aws_vpc.v.arn
  subnet_arns     = [aws_subnet.a.arn]
}
`;
    expect(notModelled(tf)).toEqual([
      expect.stringMatching(/^warning 12:1 aws_globalaccelerator_endpoint_group\.in: Global Accelerator is not followed: the internet reaches/),
      expect.stringMatching(/^warning 18:1 aws_vpc_endpoint_service\.svc: PrivateLink endpoint services are not followed/),
      expect.stringMatching(/^warning 22:1 aws_networkmanager_vpc_attachment\.wan: Cloud WAN attachments are not followed/),
    ]);
  });

  it('every sentence of the types not modelled reads in Japanese', () => {
    for (const what of new Set(Object.values(NOT_MODELLED))) {
      const ja = jaProblemMessage(`aws_x.y: ${what}`);
      expect(ja, what).not.toBe(`aws_x.y: ${what}`);
      expect(ja, what).not.toMatch(/[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+ [a-z]+/);
    }
  });

  it('fleets, whose instances the graph does not hold, are said; a spot instance request is an instance of the graph and says nothing', () => {
    const tf = `${VPC}resource "aws_spot_fleet_request" "ven" {
  iam_fleet_role  = "arn:aws:iam::123456789012:role/fleet"
  target_capacity = 2
  launch_specification {
    ami           = "ami-0123456789abcdef0"
    instance_type = "t3.micro"
    subnet_id     = aws_subnet.a.id
  }
}
resource "aws_ec2_fleet" "batch" {
  target_capacity_specification {
    default_target_capacity_type = "spot"
    total_target_capacity        = 2
  }
}
resource "aws_spot_instance_request" "one" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  subnet_id     = aws_subnet.a.id
}
`;
    expect(notModelled(tf)).toEqual([
      'warning 8:1 aws_spot_fleet_request.ven: the instances a Spot Fleet launches are not endpoints of the graph: flows to and from them are not checked',
      'warning 17:1 aws_ec2_fleet.batch: the instances an EC2 Fleet launches are not endpoints of the graph: flows to and from them are not checked',
    ]);
    const dir = writeTree(
      { 'template.yaml': 'Resources:\n  Spot:\n    Type: AWS::EC2::SpotFleet\n    Properties: { SpotFleetRequestConfigData: { IamFleetRole: "arn:aws:iam::123456789012:role/fleet", TargetCapacity: 2 } }\n  Fleet:\n    Type: AWS::EC2::EC2Fleet\n    Properties: { TargetCapacitySpecification: { TotalTargetCapacity: 2 } }\n' },
      'gridfence-not-modelled-',
    );
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'ja', only: ['dispatch-link-internet-isolation'] });
    expect(r.errors.filter((e) => e.code === 'not-modelled').map((e) => `${e.location?.line} ${e.message}`)).toEqual([
      expect.stringMatching(/^2 Spot: スポットフリートが起動するインスタンス/),
      expect.stringMatching(/^5 Fleet: EC2 フリートが起動するインスタンス/),
    ]);
  });

  it('a type gridfence does not read that places what it runs in subnets is said, at the resource, naming the argument; one that only names subnets is not', () => {
    const tf = `${VPC}resource "aws_batch_compute_environment" "jobs" {
  type = "MANAGED"
  compute_resources {
    type               = "FARGATE"
    max_vcpus          = 4
    subnets            = [aws_subnet.a.id]
    security_group_ids = []
  }
}
resource "aws_eks_fargate_profile" "pods" {
  cluster_name           = "app"
  fargate_profile_name   = "pods"
  pod_execution_role_arn = "arn:aws:iam::123456789012:role/pods"
  subnet_ids             = [aws_subnet.a.id]
}
resource "aws_elasticache_subnet_group" "cache" {
  name       = "cache"
  subnet_ids = [aws_subnet.a.id]
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = "rtb-0123456789abcdef0"
}
resource "aws_flow_log" "a" {
  subnet_id    = aws_subnet.a.id
  traffic_type = "ALL"
}
resource "aws_codebuild_project" "outside" {
  name = "outside"
}
`;
    expect(notModelled(tf)).toEqual([
      'warning 8:1 aws_batch_compute_environment.jobs: aws_batch_compute_environment places what it runs in the subnets its compute_resources.subnets names, and gridfence does not hold that as an endpoint of the graph: flows to and from it are not checked',
      'warning 17:1 aws_eks_fargate_profile.pods: aws_eks_fargate_profile places what it runs in the subnets its subnet_ids names, and gridfence does not hold that as an endpoint of the graph: flows to and from it are not checked',
    ]);
    const dir = writeTree(
      {
        'template.yaml':
          'Resources:\n  Jobs:\n    Type: AWS::Batch::ComputeEnvironment\n    Properties:\n      Type: MANAGED\n      ComputeResources:\n        Type: FARGATE\n        MaxvCpus: 4\n        Subnets: [subnet-0123456789abcdef0]\n' +
          '  Group:\n    Type: AWS::RDS::DBSubnetGroup\n    Properties: { DBSubnetGroupDescription: db, SubnetIds: [subnet-0123456789abcdef0] }\n',
      },
      'gridfence-not-modelled-',
    );
    const ja = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'ja', only: ['dispatch-link-internet-isolation'] });
    expect(ja.errors.filter((e) => e.code === 'not-modelled').map((e) => `${e.location?.line} ${e.message}`)).toEqual([
      '2 Jobs: AWS::Batch::ComputeEnvironment は ComputeResources.Subnets で指定したサブネットに実行環境を配置しますが、gridfence はそれをグラフのエンドポイントとして扱いません。その送受信の通信は検査されません',
    ]);
  });

  it('compute the graph does not hold as endpoints — an Auto Scaling group, a Lambda function in a VPC, Client VPN — is said, in Terraform and CloudFormation alike', () => {
    const tf = `${VPC}resource "aws_autoscaling_group" "ven" {
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = [aws_subnet.a.id]
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = []
  }
}
resource "aws_lambda_function" "outside" {
  function_name = "g"
  role          = "arn:aws:iam::123456789012:role/g"
}
resource "aws_ec2_client_vpn_endpoint" "remote" {
  server_certificate_arn = "arn:aws:acm:ap-northeast-1:123456789012:certificate/x"
  client_cidr_block      = "172.16.0.0/22"
}
`;
    expect(notModelled(tf)).toEqual([
      'warning 8:1 aws_autoscaling_group.ven: the instances an Auto Scaling group launches are not endpoints of the graph: flows to and from them are not checked',
      'warning 13:1 aws_lambda_function.f: a Lambda function in a VPC is not an endpoint of the graph: flows to and from it are not checked',
      'warning 25:1 aws_ec2_client_vpn_endpoint.remote: Client VPN is not followed: the remote users it admits into the VPC are a source the graph does not know',
    ]);
    const dir = writeTree(
      {
        'template.yaml':
          'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: 10.0.0.0/16 }\n  Fleet:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Properties: { MinSize: "1", MaxSize: "2" }\n' +
          '  Fn:\n    Type: AWS::Lambda::Function\n    Properties: { Role: "arn:aws:iam::123456789012:role/f", VpcConfig: { SubnetIds: [subnet-0123456789abcdef0], SecurityGroupIds: [] } }\n' +
          '  Outside:\n    Type: AWS::Lambda::Function\n    Properties: { Role: "arn:aws:iam::123456789012:role/g" }\n',
      },
      'gridfence-not-modelled-',
    );
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
    expect(r.errors.filter((e) => e.code === 'not-modelled').map((e) => `${e.location?.line} ${e.message}`)).toEqual([
      '5 Fleet: the instances an Auto Scaling group launches are not endpoints of the graph: flows to and from them are not checked',
      '8 Fn: a Lambda function in a VPC is not an endpoint of the graph: flows to and from it are not checked',
    ]);
  });
});
