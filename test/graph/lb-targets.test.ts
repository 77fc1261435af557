/**
 * Load balancer targets as the graph follows them: an IP target that no instance or interface of the
 * configuration holds is a host of its own in the subnet that holds the address (possible findings,
 * since what sits there is not known), and CloudFormation target groups forward to the targets they
 * list, as Terraform's attachments do.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { CHANNEL_EGRESS, DISPATCH_YAML, dispatchRoutes, networkLoadBalancer, NETWORK, ROUTE, securityGroup, sgRule, ven } from '../support/dispatch-network.js';
import { writeTree } from '../support/files.js';

const ID = 'dispatch-link-internet-isolation';

function run(files: Record<string, string>) {
  const dir = writeTree({ ...files, 'gridfence.yaml': DISPATCH_YAML }, 'gridfence-lb-targets-');
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [ID], today: '2026-11-29' });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return {
    findings: r.findings.map((f) => ({ messageId: f.messageId, resource: f.resource, line: f.location.line, certainty: f.certainty, data: f.data })),
    warnings: r.errors.filter((e) => e.code === 'not-modelled').map((e) => `${e.location?.line}: ${e.message}`),
    trace: r.findings[0]?.trace?.map((t) => t.node),
  };
}


const FROM_DMZ = sgRule('ingress', 'tcp', 8443, 8443, '10.10.2.0/23');
const system = (target: string) => NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', FROM_DMZ, CHANNEL_EGRESS) + ven() + networkLoadBalancer(`"${target}"`, 'ip');

describe('IP targets of load balancers', () => {
  it('an address in the dispatch subnet that no instance of the configuration holds: a host there, reached from the internet, possibly', () => {
    const main = system('10.10.1.99');
    const attachmentLine = main.split('\n').indexOf('resource "aws_lb_target_group_attachment" "ven" {') + 1;
    const r = run({ 'main.tf': main });
    expect(r.findings).toContainEqual(
      expect.objectContaining({ messageId: 'inbound', resource: 'aws_lb_target_group_attachment.ven', line: attachmentLine, certainty: 'possible', data: { service: 'tcp/8443', origin: 'the internet', target: 'aws_lb_target_group_attachment.ven', zone: 'dispatch' } }),
    );
    expect(r.findings.every((f) => f.certainty === 'possible')).toBe(true);
    expect(r.warnings).toEqual([
      `${attachmentLine}: aws_lb_target_group_attachment.ven: 10.10.1.99, a target of aws_lb_target_group_attachment.ven, is no instance or interface of the configuration: what sits there, its security groups and whether it has a public address are not known; flows to and from it rest on that`,
    ]);
  });

  it('the address of the VEN itself: the VEN, definitely, and no other host', () => {
    const r = run({ 'main.tf': system('10.10.1.10') });
    expect(r.findings).toEqual([expect.objectContaining({ messageId: 'inbound', certainty: 'definite', data: expect.objectContaining({ target: 'aws_instance.ven' }) })]);
    expect(r.warnings).toEqual([]);
  });

  it('a VPC elsewhere with the same range does not take the target from the target group\'s VPC', () => {
    const other = 'resource "aws_vpc" "other" {\n  cidr_block = "10.10.0.0/16"\n}\nresource "aws_subnet" "other_core" {\n  vpc_id     = aws_vpc.other.id\n  cidr_block = "10.10.1.0/24"\n  tags       = { gridfence-zone = "core" }\n}\n';
    const r = run({ 'main.tf': system('10.10.1.99') + other });
    expect(r.findings).toContainEqual(expect.objectContaining({ messageId: 'inbound', resource: 'aws_lb_target_group_attachment.ven', certainty: 'possible', data: expect.objectContaining({ zone: 'dispatch' }) }));
  });

  it('an address in a subnet of another held VPC (a peered one) is a host there', () => {
    const peer = 'resource "aws_vpc" "peer" {\n  cidr_block = "10.20.0.0/16"\n}\nresource "aws_subnet" "peer_dispatch" {\n  vpc_id     = aws_vpc.peer.id\n  cidr_block = "10.20.1.0/24"\n  tags       = { gridfence-zone = "dispatch" }\n}\n';
    const r = run({ 'main.tf': system('10.20.1.99') + peer });
    expect(r.warnings).toEqual([expect.stringContaining('10.20.1.99, a target of aws_lb_target_group_attachment.ven, is no instance or interface')]);
  });

  it('the same address named by two attachments is one host', () => {
    const second = 'resource "aws_lb_target_group_attachment" "again" {\n  target_group_arn = aws_lb_target_group.ven.arn\n  target_id        = "10.10.1.99"\n  port             = 9443\n}\n';
    const main = system('10.10.1.99') + second;
    const attachmentLine = main.split('\n').indexOf('resource "aws_lb_target_group_attachment" "ven" {') + 1;
    const r = run({ 'main.tf': main });
    // The host takes the name of the first attachment that names the address; the second adds no host of its own.
    expect(r.warnings).toEqual([
      `${attachmentLine}: aws_lb_target_group_attachment.ven: 10.10.1.99, a target of aws_lb_target_group_attachment.ven, is no instance or interface of the configuration: what sits there, its security groups and whether it has a public address are not known; flows to and from it rest on that`,
    ]);
    expect(r.findings.filter((f) => f.messageId === 'inbound')).toEqual([
      { messageId: 'inbound', resource: 'aws_lb_target_group_attachment.ven', line: attachmentLine, certainty: 'possible', data: { service: 'tcp/8443', origin: 'the internet', target: 'aws_lb_target_group_attachment.ven', zone: 'dispatch' } },
    ]);
    expect(r.trace).toEqual(['internet', 'aws_internet_gateway.main', 'aws_lb.edge', 'aws_lb.edge', 'aws_subnet.dmz', 'aws_subnet.dispatch', 'aws_lb_target_group_attachment.ven']);
  });

  it('a listener that forwards to a target group read with a data source may reach any host: the VEN, possibly', () => {
    const main = system('10.10.1.10').replace('    target_group_arn = aws_lb_target_group.ven.arn\n  }', '    target_group_arn = data.aws_lb_target_group.shared.arn\n  }') + 'data "aws_lb_target_group" "shared" {\n  name = "shared"\n}\n';
    expect(main).toContain('data.aws_lb_target_group.shared.arn');
    expect(run({ 'main.tf': main }).findings).toEqual([expect.objectContaining({ messageId: 'inbound', certainty: 'possible', data: expect.objectContaining({ target: 'aws_instance.ven' }) })]);
  });

  it('a listener that forwards to a target group named by its ARN, outside the configuration, may reach any host', () => {
    const main = system('10.10.1.10').replace('    target_group_arn = aws_lb_target_group.ven.arn\n  }', '    target_group_arn = "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:targetgroup/shared/0123456789abcdef"\n  }');
    expect(run({ 'main.tf': main }).findings).toEqual([expect.objectContaining({ messageId: 'inbound', certainty: 'possible', data: expect.objectContaining({ target: 'aws_instance.ven' }) })]);
  });

  it('an address in no subnet of the configuration is left to the routes: no host is made for it', () => {
    const r = run({ 'main.tf': system('192.168.40.7') });
    expect(r.findings).toEqual([]);
    expect(r.warnings).toEqual([]);
  });
});

describe('classic load balancers', () => {
  const elb = (instances: string, extra = '') => `resource "aws_elb" "edge" {
  subnets         = [aws_subnet.dmz.id]
  security_groups = [aws_security_group.edge.id]
${instances}  listener {
    lb_port           = 443
    lb_protocol       = "tcp"
    instance_port     = 8443
    instance_protocol = "tcp"
  }
  tags = { gridfence-zone = "dmz" }
}
resource "aws_security_group" "edge" {
  vpc_id = aws_vpc.main.id
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    protocol    = "tcp"
    from_port   = 8443
    to_port     = 8443
    cidr_blocks = ["10.10.1.0/24"]
  }
}
${extra}`;
  const base = NETWORK + dispatchRoutes(ROUTE.channel) + securityGroup('ven', FROM_DMZ, CHANNEL_EGRESS) + ven();
  const expected = [expect.objectContaining({ messageId: 'inbound', certainty: 'definite', data: { service: 'tcp/8443', origin: 'the internet', target: 'aws_instance.ven', zone: 'dispatch' } })];

  it('forwards its listener to the instances it lists, on the instance port', () => {
    expect(run({ 'main.tf': base + elb('  instances       = [aws_instance.ven.id]\n') }).findings).toEqual(expected);
  });

  it('the trace names the listener block that forwards', () => {
    const main = base + elb('  instances       = [aws_instance.ven.id]\n');
    const dir = writeTree({ 'main.tf': main, 'gridfence.yaml': DISPATCH_YAML }, 'gridfence-lb-targets-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [ID], today: '2026-11-29' });
    // The hop through the listener (the load balancer's delivery names the listener that takes it, too).
    const step = r.findings[0]!.trace!.find((t) => t.step?.includes('listener aws_elb.edge') && t.step.includes('forwards'));
    expect(step?.location?.line).toBe(main.split('\n').indexOf('  listener {') + 1);
  });

  it('forwards to the instances aws_elb_attachment joins to it', () => {
    expect(run({ 'main.tf': base + elb('', 'resource "aws_elb_attachment" "ven" {\n  elb      = aws_elb.edge.id\n  instance = aws_instance.ven.id\n}\n') }).findings).toEqual(expected);
  });

  it('an instance given by a variable without value may be any host: the VEN, possibly', () => {
    const main = 'variable "extra" {\n  type = string\n}\n' + base + elb('  instances       = [var.extra]\n');
    expect(run({ 'main.tf': main }).findings).toEqual([expect.objectContaining({ messageId: 'inbound', certainty: 'possible', data: expect.objectContaining({ target: 'aws_instance.ven' }) })]);
  });

  it('with no instances it forwards to none', () => {
    expect(run({ 'main.tf': base + elb('') }).findings).toEqual([]);
  });
});

/** The same system as a CloudFormation template: the target group lists its targets itself. */
const template = (target: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.10.0.0/16 }
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
  Dmz:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.10.2.0/24
      Tags: [{ Key: gridfence-zone, Value: dmz }]
  DmzTable:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  DmzDefault:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref DmzTable, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  DmzAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref Dmz, RouteTableId: !Ref DmzTable }
  Dispatch:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.10.1.0/24
      Tags: [{ Key: gridfence-zone, Value: dispatch }]
  VenGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ven
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 8443, ToPort: 8443, CidrIp: 10.10.2.0/24 }
      SecurityGroupEgress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 203.0.113.10/32 }
  Ven:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: !Ref Dispatch
      PrivateIpAddress: 10.10.1.10
      SecurityGroupIds: [!Ref VenGroup]
  Edge:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Scheme: internet-facing
      Subnets: [!Ref Dmz]
      Tags: [{ Key: gridfence-zone, Value: dmz }]
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 8443
      Protocol: TCP
      TargetGroupAttributes: [{ Key: preserve_client_ip.enabled, Value: "false" }]
      VpcId: !Ref Vpc
      Targets:
        - Id: ${target}
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Edge
      Port: 443
      Protocol: TCP
      DefaultActions:
        - { Type: forward, TargetGroupArn: !Ref Targets }
`;

describe('CloudFormation target groups', () => {
  it('forward to the instance they list: the internet reaches the VEN through the load balancer', () => {
    const r = run({ 'template.yaml': template('!Ref Ven') });
    expect(r.findings).toEqual([expect.objectContaining({ messageId: 'inbound', resource: 'VenGroup', certainty: 'definite', data: { service: 'tcp/8443', origin: 'the internet', target: 'Ven', zone: 'dispatch' } })]);
    expect(r.trace).toEqual(['internet', 'Igw', 'Edge', 'Edge', 'Dmz', 'Dispatch', 'Ven']);
  });

  it('an attribute whose key is not known may be preserve_client_ip.enabled: whether the client\'s address is kept stays unknown', () => {
    const text = template('!Ref Ven')
      .replace('Resources:\n', 'Parameters:\n  AttrKey: { Type: String }\nResources:\n')
      .replace('Key: preserve_client_ip.enabled', 'Key: !Ref AttrKey');
    const dir = writeTree({ 'template.yaml': text, 'gridfence.yaml': DISPATCH_YAML }, 'gridfence-lb-targets-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [ID], today: '2026-11-29' });
    expect(r.findings.map((f) => [f.resource, f.certainty, f.unknowns.map((u) => u.reason)])).toEqual([
      ['VenGroup', 'possible', ["whether Targets keeps the client's address is not known (preserve_client_ip): Targets.Targets[0] may see the client's or the load balancer's"]],
    ]);
  });

  it('an IP target no instance holds is a host of its own, named by its entry in Targets, possibly reached', () => {
    const text = template('10.10.1.99');
    const r = run({ 'template.yaml': text });
    const line = text.split('\n').indexOf('        - Id: 10.10.1.99') + 1;
    expect(r.findings).toContainEqual({ messageId: 'inbound', resource: 'Targets.Targets[0]', line, certainty: 'possible', data: { service: 'tcp/8443', origin: 'the internet', target: 'Targets.Targets[0]', zone: 'dispatch' } });
  });

  it('each target takes the zone of its own subnet, whatever the target group\'s tags or its other targets', () => {
    const tagged = template('10.10.1.99').replace('      VpcId: !Ref Vpc\n      Targets:', '      VpcId: !Ref Vpc\n      Tags: [{ Key: gridfence-zone, Value: dmz }]\n      Targets:');
    expect(run({ 'template.yaml': tagged }).findings).toContainEqual(expect.objectContaining({ messageId: 'inbound', resource: 'Targets.Targets[0]', data: expect.objectContaining({ zone: 'dispatch' }) }));
    const two = template('10.10.1.99\n        - Id: 10.10.2.99');
    expect(run({ 'template.yaml': two }).findings).toContainEqual(expect.objectContaining({ messageId: 'inbound', resource: 'Targets.Targets[0]', data: expect.objectContaining({ zone: 'dispatch' }) }));
  });

  it('a target at the VEN\'s own address gives the target group no zone of its own', () => {
    const dir = writeTree({ 'template.yaml': template('10.10.1.10'), 'gridfence.yaml': DISPATCH_YAML }, 'gridfence-lb-targets-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['asset-inventory-tags'], today: '2026-11-29' });
    expect(r.findings.map((f) => f.resource)).not.toContain('Targets');
  });

  it('listener actions given by another stack may forward anywhere: the VEN, possibly', () => {
    const t = template('!Ref Ven').replace('      DefaultActions:\n        - { Type: forward, TargetGroupArn: !Ref Targets }\n', '      DefaultActions: !ImportValue shared-actions\n');
    expect(t).toContain('!ImportValue shared-actions');
    expect(run({ 'template.yaml': t }).findings).toEqual([expect.objectContaining({ messageId: 'inbound', resource: 'VenGroup', certainty: 'possible' })]);
  });

  it('targets given by another stack may be any address: the VEN, possibly', () => {
    const r = run({ 'template.yaml': template('!ImportValue shared-target') });
    expect(r.findings).toEqual([expect.objectContaining({ messageId: 'inbound', resource: 'VenGroup', certainty: 'possible' })]);
  });
});
