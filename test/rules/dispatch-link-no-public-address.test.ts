import { describe, expect, it } from 'vitest';
import { rangeOf, runRule, ZONES_YAML } from '../support/rule-tester.js';

const ID = 'dispatch-link-no-public-address';
const base = `resource "aws_vpc" "main" {
  cidr_block = "10.10.0.0/16"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "dispatch" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.1.0/24"
  tags       = { gridfence-zone = "dispatch" }
}
resource "aws_subnet" "dmz" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.10.2.0/24"
  map_public_ip_on_launch = true
  tags                    = { gridfence-zone = "dmz" }
}
`;

describe(ID, () => {
  describe('valid', () => {
    it('public addresses and internet routes in the buffer zone only', () => {
      const main = `${base}resource "aws_route_table" "dmz" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "dmz" {
  subnet_id      = aws_subnet.dmz.id
  route_table_id = aws_route_table.dmz.id
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([]);
    });
  });
  describe('invalid', () => {
    it('an instance on the dispatch link with a public IP', () => {
      const main = `${base}resource "aws_instance" "ven" {
  ami                         = "ami-0123456789abcdef0"
  subnet_id                   = aws_subnet.dispatch.id
  associate_public_ip_address = true
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'publicIp', resource: 'aws_instance.ven', certainty: 'definite', ...rangeOf(main, 'associate_public_ip_address = true') }),
      ]);
    });
    it('a dispatch-link instance in a subnet that assigns public addresses, with no setting of its own', () => {
      const main = `${base}resource "aws_instance" "ven" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.dmz.id
  tags      = { gridfence-zone = "dispatch" }
}
resource "aws_instance" "off" {
  ami                         = "ami-0123456789abcdef0"
  subnet_id                   = aws_subnet.dmz.id
  associate_public_ip_address = false
  tags                        = { gridfence-zone = "dispatch" }
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({
          messageId: 'publicIp',
          resource: 'aws_instance.ven',
          certainty: 'definite',
          data: { resource: 'aws_instance.ven', attribute: 'map_public_ip_on_launch of its subnet aws_subnet.dmz' },
          ...rangeOf(main, 'subnet_id = aws_subnet.dmz.id'),
        }),
      ]);
    });
    it('a dispatch-link instance with no setting of its own in a subnet not known before apply: possible', () => {
      const main = `${base}variable "subnet" {}
resource "aws_instance" "ven" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = var.subnet
  tags      = { gridfence-zone = "dispatch" }
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'publicIp', resource: 'aws_instance.ven', certainty: 'possible', data: { resource: 'aws_instance.ven', attribute: 'map_public_ip_on_launch of its subnet' }, ...rangeOf(main, 'subnet_id = var.subnet') }),
      ]);
    });
    it('a default subnet on the dispatch link: its auto-assignment, unset, is as AWS has it (on when AWS made it)', () => {
      const main = 'resource "aws_default_subnet" "a" {\n  availability_zone = "ap-northeast-1a"\n  tags = { gridfence-zone = "dispatch" }\n}\nresource "aws_default_subnet" "b" {\n  availability_zone       = "ap-northeast-1c"\n  map_public_ip_on_launch = true\n  tags                    = { gridfence-zone = "dispatch" }\n}\n';
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'publicIp', resource: 'aws_default_subnet.a', certainty: 'possible', line: 1, column: 1 }),
        expect.objectContaining({ messageId: 'publicIp', resource: 'aws_default_subnet.b', certainty: 'definite', ...rangeOf(main, 'map_public_ip_on_launch = true') }),
      ]);
    });
    it('a dispatch-link subnet with no association uses the main table: its default table, and routes into the main table by the VPC', () => {
      const main = `${base}resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.main.default_route_table_id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route" "v6" {
  route_table_id              = aws_vpc.main.main_route_table_id
  destination_ipv6_cidr_block = "::/0"
  gateway_id                  = aws_internet_gateway.igw.id
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'internetRoute', resource: 'aws_default_route_table.main', data: { table: 'aws_default_route_table.main', destination: '0.0.0.0/0', gateway: 'aws_internet_gateway.igw' }, certainty: 'definite' }),
        expect.objectContaining({ messageId: 'internetRoute', resource: 'aws_route.v6', data: { table: 'aws_vpc.main', destination: '::/0', gateway: 'aws_internet_gateway.igw' }, certainty: 'definite' }),
      ]);
      // With the dispatch subnet associated with a table of its own, the main table is not the link's.
      const own = `${main}resource "aws_route_table" "dispatch" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "dispatch" {
  subnet_id      = aws_subnet.dispatch.id
  route_table_id = aws_route_table.dispatch.id
}
`;
      expect(runRule(ID, { 'main.tf': own }, { config: ZONES_YAML })).toEqual([]);
    });
    it('a dispatch-link route table whose route blocks are known only after apply may route to the internet gateway: possible, at the dynamic block', () => {
      const main = `${base}variable "routes" {}
resource "aws_route_table" "dispatch" {
  vpc_id = aws_vpc.main.id
  tags   = { gridfence-zone = "dispatch" }
  dynamic "route" {
    for_each = var.routes
    content {
      cidr_block = route.value.cidr
      gateway_id = route.value.gateway
    }
  }
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML }).map((f) => `${f.messageId} ${f.resource} ${f.data['destination']} ${f.data['gateway']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        `internetRoute aws_route_table.dispatch (not known before apply) (unknown gateway) possible ${rangeOf(main, 'dynamic "route"').line}:3`,
      ]);
    });
    it('a dispatch-link route table (by association) routing to the internet gateway', () => {
      const main = `${base}resource "aws_route_table" "dispatch" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route" "out" {
  route_table_id         = aws_route_table.dispatch.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}
resource "aws_route_table_association" "dispatch" {
  subnet_id      = aws_subnet.dispatch.id
  route_table_id = aws_route_table.dispatch.id
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({
          messageId: 'internetRoute',
          data: { table: 'aws_route_table.dispatch', destination: '0.0.0.0/0', gateway: 'aws_internet_gateway.igw' },
          resource: 'aws_route.out',
          ...rangeOf(main, 'gateway_id             = aws_internet_gateway.igw.id'),
        }),
      ]);
    });
    it('an Elastic IP on a dispatch-link instance', () => {
      const main = `${base}resource "aws_instance" "ven" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.dispatch.id
}
resource "aws_eip" "ven" {
  instance = aws_instance.ven.id
}
`;
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
        expect.objectContaining({ messageId: 'elasticIp', data: { resource: 'aws_eip.ven', target: 'aws_instance.ven' }, resource: 'aws_eip.ven' }),
      ]);
    });
    it('CloudFormation: MapPublicIpOnLaunch written as text, in any case', () => {
      const t = 'Resources:\n  A:\n    Type: AWS::EC2::Subnet\n    Properties:\n      CidrBlock: 10.0.1.0/24\n      MapPublicIpOnLaunch: "True"\n';
      expect(runRule(ID, { 'subnet.yaml': t })).toEqual([expect.objectContaining({ messageId: 'publicIp', resource: 'A', line: rangeOf(t, 'MapPublicIpOnLaunch').line })]);
    });
    it('with no zones declared, a public subnet is a possible finding', () => {
      const main = 'resource "aws_subnet" "a" {\n  cidr_block = "10.0.1.0/24"\n  map_public_ip_on_launch = true\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'publicIp', certainty: 'possible', unknowns: [expect.stringMatching(/no zones are declared/)], ...rangeOf(main, 'map_public_ip_on_launch = true') }),
      ]);
    });
  });
});

describe(`${ID}: values that may be true`, () => {
  it('a string "true" counts, and an unknown value is a possible finding', () => {
    const main = `variable "public" {}
resource "aws_instance" "a" {
  ami                         = "ami-1"
  associate_public_ip_address = "true"
}
resource "aws_instance" "b" {
  ami                         = "ami-1"
  associate_public_ip_address = var.public
}
`;
    const found = runRule(ID, { 'main.tf': main });
    expect(found.map((f) => [f.resource, f.unknowns.length])).toEqual([
      ['aws_instance.a', 1],
      ['aws_instance.b', 2],
    ]);
  });
});

describe(`${ID}: a route whose table is not known before apply`, () => {
  const withRoute = (table: string) => `${base}resource "aws_route_table" "dispatch" {
  vpc_id = aws_vpc.main.id
}
resource "aws_route_table_association" "dispatch" {
  subnet_id      = aws_subnet.dispatch.id
  route_table_id = aws_route_table.dispatch.id
}
data "aws_route_table" "shared" {
  tags = { Name = "shared" }
}
resource "aws_route" "out" {
  route_table_id         = ${table}
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}
`;

  it('a route to the internet gateway into a table read with a data source may be the dispatch table\'s: a possible finding at its table', () => {
    const main = withRoute('data.aws_route_table.shared.id');
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({
        messageId: 'internetRoute',
        data: { table: 'data.aws_route_table.shared', destination: '0.0.0.0/0', gateway: 'aws_internet_gateway.igw' },
        resource: 'aws_route.out',
        certainty: 'possible',
        unknowns: ['the route table of aws_route.out is not known (data.aws_route_table.shared.id is known only after apply): it may be a route table of the dispatch link'],
        ...rangeOf(main, 'route_table_id         = data.aws_route_table.shared.id'),
      }),
    ]);
  });

  it('the same route into a table named by its id as text, or into a held table off the link, is no finding', () => {
    expect(runRule(ID, { 'main.tf': withRoute('"rtb-0123456789abcdef0"') }, { config: ZONES_YAML })).toEqual([]);
    const held = withRoute('aws_route_table.other.id').replace('data "aws_route_table" "shared" {\n  tags = { Name = "shared" }\n}', 'resource "aws_route_table" "other" {\n  vpc_id = aws_vpc.main.id\n}');
    expect(runRule(ID, { 'main.tf': held }, { config: ZONES_YAML })).toEqual([]);
  });

  it('a table with a route to the internet gateway, associated with a subnet given by a variable without value, may be the dispatch link\'s', () => {
    const main = `${base}variable "subnet_id" {
  type = string
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = var.subnet_id
  route_table_id = aws_route_table.public.id
}
`;
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({
        messageId: 'internetRoute',
        resource: 'aws_route_table.public',
        certainty: 'possible',
        unknowns: ['the subnet of aws_route_table_association.public is not known (var.subnet_id has no value (no default, no tfvars entry, no --var)): it may be a subnet of the dispatch link'],
        ...rangeOf(main, 'gateway_id = aws_internet_gateway.igw.id'),
      }),
    ]);
  });

  it('an Elastic IP associated with an instance given by a variable without value may be a dispatch-link host\'s: a possible finding at its instance_id', () => {
    const main = `${base}variable "instance_id" {
  type = string
}
resource "aws_instance" "ven" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.dispatch.id
}
resource "aws_eip" "shared" {
  domain = "vpc"
}
resource "aws_eip_association" "shared" {
  allocation_id = aws_eip.shared.id
  instance_id   = var.instance_id
}
`;
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({
        messageId: 'elasticIp',
        data: { resource: 'aws_eip_association.shared', target: 'an instance or interface not known before apply' },
        certainty: 'possible',
        unknowns: ['the target of aws_eip_association.shared is not known (var.instance_id has no value (no default, no tfvars entry, no --var)): it may be an instance or interface of the dispatch link'],
        ...rangeOf(main, 'instance_id   = var.instance_id'),
      }),
    ]);
  });
});

describe(`${ID}: load balancers and NAT gateways`, () => {
  const lb = (extra: string) => `resource "aws_lb" "ven" {\n  load_balancer_type = "network"\n  subnets            = [aws_subnet.dispatch.id]\n${extra}}\n`;
  const nat = (extra: string) => `resource "aws_eip" "nat" {\n  domain = "vpc"\n}\nresource "aws_nat_gateway" "out" {\n  subnet_id     = aws_subnet.dispatch.id\n  allocation_id = aws_eip.nat.id\n${extra}}\n`;
  it('an internal load balancer and a private NAT gateway on the dispatch link have no public address', () => {
    const main = base + lb('  internal           = true\n') + 'resource "aws_nat_gateway" "out" {\n  subnet_id         = aws_subnet.dispatch.id\n  connectivity_type = "private"\n}\n';
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([]);
  });
  it('an internet-facing load balancer (internal unset, at the block; internal = false, at it) and a public NAT gateway (at allocation_id)', () => {
    const unset = base + lb('');
    expect(runRule(ID, { 'main.tf': unset }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({ messageId: 'publicService', resource: 'aws_lb.ven', data: { resource: 'aws_lb.ven', why: 'internal is not set: internet-facing' }, line: rangeOf(unset, 'resource "aws_lb"').line, column: 1, certainty: 'definite' }),
    ]);
    const off = base + lb('  internal           = false\n');
    expect(runRule(ID, { 'main.tf': off }, { config: ZONES_YAML })).toEqual([expect.objectContaining({ messageId: 'publicService', resource: 'aws_lb.ven', ...rangeOf(off, 'internal           = false'), certainty: 'definite' })]);
    const pub = base + nat('');
    expect(runRule(ID, { 'main.tf': pub }, { config: ZONES_YAML })).toEqual([expect.objectContaining({ messageId: 'publicService', resource: 'aws_nat_gateway.out', ...rangeOf(pub, 'allocation_id = aws_eip.nat.id'), certainty: 'definite' })]);
  });
  it('a scheme known only after apply: possible', () => {
    const main = `variable "internal" {}\n${base}${lb('  internal           = var.internal\n')}`;
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({ messageId: 'publicService', data: { resource: 'aws_lb.ven', why: 'internal is not known before apply' }, ...rangeOf(main, 'internal           = var.internal'), certainty: 'possible' }),
    ]);
  });
  it('a Gateway Load Balancer has no scheme and no public address; a type known only after apply may be one that has', () => {
    const gwlb = `${base}resource "aws_lb" "ven" {\n  load_balancer_type = "gateway"\n  subnets            = [aws_subnet.dispatch.id]\n}\n`;
    expect(runRule(ID, { 'main.tf': gwlb }, { config: ZONES_YAML })).toEqual([]);
    const open = `variable "type" {}\n${base}resource "aws_lb" "ven" {\n  load_balancer_type = var.type\n  subnets            = [aws_subnet.dispatch.id]\n}\n`;
    expect(runRule(ID, { 'main.tf': open }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({ messageId: 'publicService', data: { resource: 'aws_lb.ven', why: 'internal is not set: internet-facing' }, line: rangeOf(open, 'resource "aws_lb"').line, column: 1, certainty: 'possible' }),
    ]);
  });
});

describe(`${ID}: Auto Scaling groups and ECS services`, () => {
  const group = (from: string) => `resource "aws_autoscaling_group" "ven" {
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = [aws_subnet.dispatch.id]
${from}}
`;
  const config = (pub: string) => `resource "aws_launch_configuration" "ven" {
  image_id                    = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = ${pub}
}
`;
  const template = `resource "aws_launch_template" "ven" {
  image_id = "ami-0123456789abcdef0"
  network_interfaces {
    associate_public_ip_address = true
  }
}
`;
  const service = (pub: string) => `resource "aws_ecs_service" "ven" {
  name            = "ven"
  task_definition = "ven:1"
  network_configuration {
    subnets          = [aws_subnet.dispatch.id]
    assign_public_ip = ${pub}
  }
}
`;

  it('what a group launching into the dispatch link launches from, and an ECS service there, get no public address: false passes', () => {
    const main = base + group('  launch_configuration = aws_launch_configuration.ven.name\n') + config('false') + service('false');
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([]);
  });

  it('a launch configuration or template that a group on the link launches from asks for one: at the setting', () => {
    const main = base + group('  launch_configuration = aws_launch_configuration.ven.name\n') + config('true');
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({ messageId: 'publicIp', resource: 'aws_launch_configuration.ven', ...rangeOf(main, 'associate_public_ip_address = true'), certainty: 'definite' }),
    ]);
    const viaTemplate = base + group('  launch_template {\n    id = aws_launch_template.ven.id\n  }\n') + template;
    expect(runRule(ID, { 'main.tf': viaTemplate }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({ messageId: 'publicIp', resource: 'aws_launch_template.ven', ...rangeOf(viaTemplate, 'associate_public_ip_address = true'), certainty: 'definite' }),
    ]);
  });

  it('an ECS service on the link that assigns public addresses to its tasks, in Terraform and CloudFormation', () => {
    const main = base + service('true');
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([
      expect.objectContaining({ messageId: 'publicIp', resource: 'aws_ecs_service.ven', data: { resource: 'aws_ecs_service.ven', attribute: 'network_configuration.assign_public_ip' }, ...rangeOf(main, 'assign_public_ip = true'), certainty: 'definite' }),
    ]);
    const t = [
      'Resources:',
      '  Dispatch:',
      '    Type: AWS::EC2::Subnet',
      '    Properties:',
      '      VpcId: vpc-0123456789abcdef0',
      '      CidrBlock: 10.10.1.0/24',
      '      Tags: [{ Key: gridfence-zone, Value: dispatch }]',
      '  Ven:',
      '    Type: AWS::ECS::Service',
      '    Properties:',
      '      TaskDefinition: ven:1',
      '      NetworkConfiguration:',
      '        AwsvpcConfiguration:',
      '          Subnets: [!Ref Dispatch]',
      '          AssignPublicIp: ENABLED',
      '',
    ].join('\n');
    expect(runRule(ID, { 'ecs.yaml': t }, { config: ZONES_YAML }).map((f) => `${f.resource} ${f.data['attribute']} ${f.certainty} ${f.line}`)).toEqual(['Ven network_configuration.assign_public_ip definite 12']);
    expect(runRule(ID, { 'ecs.yaml': t.replace('ENABLED', 'DISABLED') }, { config: ZONES_YAML })).toEqual([]);
  });
  it('a group on the link launching from a template or configuration the configuration does not show: possible, at the setting that names it', () => {
    const main =
      'variable "template_id" {}\ndata "aws_launch_template" "shared" {\n  name = "shared"\n}\n' +
      base +
      group('  launch_template {\n    id = var.template_id\n  }\n') +
      group('  launch_configuration = "legacy-ven"\n').replace('"ven"', '"legacy"') +
      group('  mixed_instances_policy {\n    launch_template {\n      launch_template_specification {\n        launch_template_id = data.aws_launch_template.shared.id\n      }\n    }\n  }\n').replace('"ven"', '"mixed"');
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML }).map((f) => `${f.resource} ${f.data['attribute']} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
      `aws_autoscaling_group.ven associate_public_ip_address of its launch template or configuration possible ${rangeOf(main, 'id = var.template_id').line}:5 the launch template of aws_autoscaling_group.ven is not known (var.template_id has no value (no default, no tfvars entry, no --var))`,
      `aws_autoscaling_group.legacy associate_public_ip_address of its launch template or configuration possible ${rangeOf(main, 'launch_configuration = "legacy-ven"').line}:3 the launch configuration of aws_autoscaling_group.legacy is not in the configuration (legacy-ven)`,
      `aws_autoscaling_group.mixed associate_public_ip_address of its launch template or configuration possible ${rangeOf(main, 'launch_template_id = data').line}:9 the launch template of aws_autoscaling_group.mixed is not known (data.aws_launch_template.shared.id is known only after apply)`,
    ]);
  });

  it('CloudFormation: a group on the link whose template is another stack\'s, a template on the link whose interfaces, or a service whose network configuration, are not known: possible', () => {
    const t = [
      'Conditions:',
      '  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]',
      'Resources:',
      '  Dispatch:',
      '    Type: AWS::EC2::Subnet',
      '    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: dispatch }] }',
      '  Ven:',
      '    Type: AWS::AutoScaling::AutoScalingGroup',
      '    Properties:',
      '      MinSize: "1"',
      '      MaxSize: "2"',
      '      VPCZoneIdentifier: [!Ref Dispatch]',
      '      LaunchTemplate:',
      '        LaunchTemplateId: !ImportValue shared-ven-template',
      '        Version: "1"',
      '  Tpl:',
      '    Type: AWS::EC2::LaunchTemplate',
      '    Properties:',
      '      TagSpecifications: [{ ResourceType: launch-template, Tags: [{ Key: gridfence-zone, Value: dispatch }] }]',
      '      LaunchTemplateData:',
      '        NetworkInterfaces: !If [InTokyo, [{ DeviceIndex: 0, AssociatePublicIpAddress: true }], []]',
      '  Svc:',
      '    Type: AWS::ECS::Service',
      '    Properties:',
      '      TaskDefinition: ven:1',
      '      NetworkConfiguration: !If [InTokyo, { AwsvpcConfiguration: { Subnets: [!Ref Dispatch], AssignPublicIp: ENABLED } }, !Ref AWS::NoValue]',
      '      Tags: [{ Key: gridfence-zone, Value: dispatch }]',
      '',
    ].join('\n');
    expect(runRule(ID, { 'ven.yaml': t }, { config: ZONES_YAML }).map((f) => `${f.resource} ${f.data['attribute']} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
      'Ven associate_public_ip_address of its launch template or configuration possible 13:7 the launch template of Ven is not known (shared-ven-template is exported by another stack)',
      'Tpl associate_public_ip_address possible 21:9 AWS::Region is known only at deployment',
      'Svc network_configuration.assign_public_ip possible 26:7 AWS::Region is known only at deployment',
    ]);
  });
  it('a group on the link launching into a subnet off it that assigns public addresses, from a template or configuration that leaves the setting unset: at vpc_zone_identifier', () => {
    const onLink = (from: string) => `resource "aws_autoscaling_group" "ven" {
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = [aws_subnet.dmz.id]
  tag {
    key                 = "gridfence-zone"
    value               = "dispatch"
    propagate_at_launch = true
  }
${from}}
`;
    const bare = 'resource "aws_launch_template" "bare" {\n  image_id = "ami-0123456789abcdef0"\n}\n';
    const main = base + onLink('  launch_template {\n    id = aws_launch_template.bare.id\n  }\n') + bare;
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML }).map((f) => `${f.resource} ${f.data['attribute']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
      `aws_autoscaling_group.ven map_public_ip_on_launch of its subnet aws_subnet.dmz definite ${rangeOf(main, 'vpc_zone_identifier = [aws_subnet.dmz.id]').line}:3`,
    ]);
    // A launch configuration that says false keeps its instances without a public address.
    const off = base + onLink('  launch_configuration = aws_launch_configuration.ven.name\n') + config('false');
    expect(runRule(ID, { 'main.tf': off }, { config: ZONES_YAML })).toEqual([]);
    const unset = base + onLink('  launch_configuration = aws_launch_configuration.ven.name\n') + 'resource "aws_launch_configuration" "ven" {\n  image_id      = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n';
    expect(runRule(ID, { 'main.tf': unset }, { config: ZONES_YAML }).map((f) => `${f.resource} ${f.certainty}`)).toEqual(['aws_autoscaling_group.ven definite']);
    // A template not known beside one that leaves the setting unset: the unknown one is possible, the subnet's assignment still definite.
    const both =
      'variable "arm" {}\n' +
      base +
      onLink('  mixed_instances_policy {\n    launch_template {\n      launch_template_specification {\n        launch_template_id = aws_launch_template.bare.id\n      }\n      override {\n        instance_type = "m6g.large"\n        launch_template_specification {\n          launch_template_id = var.arm\n        }\n      }\n    }\n  }\n') +
      bare;
    expect(runRule(ID, { 'main.tf': both }, { config: ZONES_YAML }).map((f) => `${f.data['attribute']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
      `map_public_ip_on_launch of its subnet aws_subnet.dmz definite ${rangeOf(both, 'vpc_zone_identifier = [aws_subnet.dmz.id]').line}:3`,
      `associate_public_ip_address of its launch template or configuration possible ${rangeOf(both, 'launch_template_id = var.arm').line}:11`,
    ]);
    // Subnets read from a data source may be ones that assign public addresses: possible.
    const read = 'data "aws_subnets" "app" {}\n' + base + onLink('  launch_template {\n    id = aws_launch_template.bare.id\n  }\n').replace('[aws_subnet.dmz.id]', 'data.aws_subnets.app.ids') + bare;
    expect(runRule(ID, { 'main.tf': read }, { config: ZONES_YAML }).map((f) => `${f.resource} ${f.data['attribute']} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
      `aws_autoscaling_group.ven map_public_ip_on_launch of its subnet possible ${rangeOf(read, 'vpc_zone_identifier = data').line}:3 the subnet of aws_autoscaling_group.ven is not known (data.aws_subnets.app.ids is known only after apply): it may assign public addresses to the instances launched in it`,
    ]);
  });
  it('an instance on the link launched from a template in no zone takes its interfaces: the template asking for a public address is reported; one not in the configuration is possible', () => {
    const instance = (lt: string) => `resource "aws_instance" "ven" {
  subnet_id = aws_subnet.dispatch.id
  tags      = { gridfence-zone = "dispatch" }
  launch_template {
    ${lt}
  }
}
`;
    const main = base + instance('id = aws_launch_template.ven.id') + template;
    expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML }).map((f) => `${f.resource} ${f.data['attribute']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
      `aws_launch_template.ven associate_public_ip_address definite ${rangeOf(main, 'associate_public_ip_address = true').line}:5`,
    ]);
    const read = 'data "aws_launch_template" "shared" {\n  name = "shared"\n}\n' + base + instance('id = data.aws_launch_template.shared.id');
    expect(runRule(ID, { 'main.tf': read }, { config: ZONES_YAML }).map((f) => `${f.resource} ${f.data['attribute']} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
      `aws_instance.ven associate_public_ip_address of its launch template or configuration possible ${rangeOf(read, 'id = data.aws_launch_template').line}:5 the launch template of aws_instance.ven is not known (data.aws_launch_template.shared.id is known only after apply)`,
    ]);
    // An instance that says it itself is judged by its own setting.
    const own = base + instance('id = aws_launch_template.ven.id').replace('  subnet_id', '  associate_public_ip_address = false\n  subnet_id') + template;
    expect(runRule(ID, { 'main.tf': own }, { config: ZONES_YAML })).toEqual([]);
  });
});
