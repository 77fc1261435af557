/**
 * What the AWS network model reads but does not follow is said where it is written: a warning for
 * a resource whose effect on paths is left out, an error for IPv6 addressing, since every path over
 * IPv6 would go unchecked (the graph holds IPv4 addresses only).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
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
  it('IPv6 addressing is an error at each resource that brings it: the VPC range, a subnet range, an instance\'s addresses', () => {
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
    const tail = 'but IPv6 is not analysed: flows over IPv6 to and from it are not checked, so the boundary cannot be vouched for';
    expect(notModelled(tf)).toEqual([
      `error 1:1 aws_vpc.v: the VPC has an IPv6 range, ${tail}`,
      `error 5:1 aws_subnet.a: the subnet has an IPv6 range, ${tail}`,
      `error 11:1 aws_instance.i: it has IPv6 addresses, ${tail}`,
    ]);
  });

  it('CloudFormation: a SubnetCidrBlock gives its subnet an IPv6 range, an error at it', () => {
    const t = 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: { CidrBlock: 10.0.0.0/16 }\n  Sub:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }\n  Sub6:\n    Type: AWS::EC2::SubnetCidrBlock\n    Properties: { SubnetId: !Ref Sub, Ipv6CidrBlock: "2001:db8::/64" }\n';
    const dir = writeTree({ 'template.yaml': t }, 'gridfence-not-modelled-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
    expect(r.errors.filter((e) => e.code === 'not-modelled').map((e) => `${e.severity} ${e.location?.line}:${e.location?.column} ${e.message}`)).toEqual([
      'error 8:3 Sub6: it gives its subnet an IPv6 range, but IPv6 is not analysed: flows over IPv6 to and from it are not checked, so the boundary cannot be vouched for',
    ]);
  });

  it('an IPv4 system with IPv6 rules in its groups is not IPv6 addressing; neither are the IPv6 attributes a plan marks as computed', () => {
    const tf = `${VPC}resource "aws_security_group" "g" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}
`;
    expect(notModelled(tf)).toEqual([]);
    // A plan marks the IPv6 attributes the provider computes as known after apply; unwritten, they are no setting.
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'aws_instance.i', mode: 'managed', type: 'aws_instance', name: 'i', values: { ami: 'ami-0123456789abcdef0' } }] } },
      resource_changes: [{ address: 'aws_instance.i', mode: 'managed', type: 'aws_instance', name: 'i', change: { actions: ['create'], after: { ami: 'ami-0123456789abcdef0' }, after_unknown: { ipv6_address_count: true, ipv6_addresses: true, private_ip: true } } }],
      configuration: { root_module: { resources: [{ address: 'aws_instance.i', mode: 'managed', type: 'aws_instance', name: 'i', expressions: { ami: { constant_value: 'ami-0123456789abcdef0' } } }] } },
    };
    const dir = writeTree({ 'plan.json': JSON.stringify(plan) }, 'gridfence-not-modelled-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'] });
    // (Its subnet is not written: that is said, and nothing about IPv6.)
    expect(r.errors.filter((e) => e.code === 'not-modelled').map((e) => e.message)).toEqual([
      'aws_instance.i: its subnet is not in the configuration: flows to and from it are taken to go any way, and the findings on them are possible',
    ]);
    // Written in the configuration, a value known only after apply is a setting all the same.
    const written = `${VPC}variable "n" {\n  type = number\n}\nresource "aws_instance" "i" {
  ami                = "ami-0123456789abcdef0"
  instance_type      = "t3.micro"
  subnet_id          = aws_subnet.a.id
  ipv6_address_count = var.n
}
`;
    expect(notModelled(written)).toEqual([expect.stringContaining('aws_instance.i: it may have IPv6 addresses (its IPv6 settings are not known before apply), but IPv6 is not analysed')]);
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
