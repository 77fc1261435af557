/**
 * Zone membership read from Terraform (loaders/terraform/zone-candidates.ts): what a resource sits
 * in, through references, subnet groups named by their name, nested placement blocks and
 * attachments that put one resource where another is.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig, resolveZones } from '../../src/config/index.js';
import { zoneCandidates } from '../../src/loaders/terraform/zone-candidates.js';
import { loadFiles } from '../support/load.js';

const CONFIG = parseConfig('version: 1\nsystem: t\nzones:\n  core: { role: internal }\n  dmz: { role: buffer }\n', 'gridfence.yaml').config!;

const NETWORK = `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
  tags       = { gridfence-zone = "core" }
}
resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
  tags       = { gridfence-zone = "core" }
}
resource "aws_subnet" "dmz" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.9.0/24"
  tags       = { gridfence-zone = "dmz" }
}
`;

function zonesOf(main: string): Map<string, string> {
  const r = loadFiles({ 'main.tf': NETWORK + main });
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const z = resolveZones(CONFIG, zoneCandidates(r.model.resources));
  expect(z.problems).toEqual([]);
  return z.zoneOf;
}

describe('zone candidates from Terraform', () => {
  it('the AWS provider\'s default tags place a resource as its own tags do (its own win); default tags not known leave its zone not known', () => {
    const tagged = (tags: string) => `provider "aws" {\n  alias = "dmz"\n  default_tags {\n    tags = ${tags}\n  }\n}\nresource "aws_instance" "relay" {\n  provider      = aws.dmz\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\nresource "aws_instance" "own" {\n  provider      = aws.dmz\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  tags          = { gridfence-zone = "core" }\n}\n`;
    const zones = zonesOf(tagged('{ gridfence-zone = "dmz" }'));
    expect(zones.get('aws_instance.relay')).toBe('dmz');
    expect(zones.get('aws_instance.own')).toBe('core');
    const r = loadFiles({ 'main.tf': NETWORK + 'variable "defaults" {}\n' + tagged('var.defaults') });
    const z = resolveZones(CONFIG, zoneCandidates(r.model.resources));
    expect(z.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^The zone of aws_instance\.relay cannot be known: its tags: var\.defaults has no value/)]);
    expect(z.zoneOf.get('aws_instance.own')).toBe('core');
  });

  it('a data store sits in the subnets of the subnet group it names, by reference or by the name as text, in any case', () => {
    const zones = zonesOf(`resource "aws_db_subnet_group" "db" {
  name       = "Core-DB"
  subnet_ids = [aws_subnet.a.id, aws_subnet.b.id]
}
resource "aws_db_instance" "meter" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  db_subnet_group_name = aws_db_subnet_group.db.name
}
resource "aws_db_instance" "byname" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  db_subnet_group_name = "core-db"
}
resource "aws_elasticache_subnet_group" "c" {
  name       = "c"
  subnet_ids = [aws_subnet.a.id]
}
resource "aws_elasticache_replication_group" "c" {
  replication_group_id = "c"
  description          = "c"
  subnet_group_name    = aws_elasticache_subnet_group.c.name
}
`);
    expect(zones.get('aws_db_instance.meter')).toBe('core');
    expect(zones.get('aws_db_instance.byname')).toBe('core');
    expect(zones.get('aws_elasticache_replication_group.c')).toBe('core');
  });

  it('DocumentDB and Neptune clusters sit in the subnets of their subnet groups, named as the provider names them', () => {
    const zones = zonesOf(`resource "aws_docdb_subnet_group" "d" {
  name       = "docs"
  subnet_ids = [aws_subnet.a.id]
}
resource "aws_docdb_cluster" "d" {
  db_subnet_group_name = aws_docdb_subnet_group.d.name
}
resource "aws_neptune_subnet_group" "n" {
  name       = "graph"
  subnet_ids = [aws_subnet.b.id]
}
resource "aws_neptune_cluster" "n" {
  neptune_subnet_group_name = aws_neptune_subnet_group.n.name
}
`);
    expect(zones.get('aws_docdb_cluster.d')).toBe('core');
    expect(zones.get('aws_neptune_cluster.n')).toBe('core');
  });

  it('a Lambda function and a launch template sit where their nested blocks place them; the groups there protect them', () => {
    const zones = zonesOf(`resource "aws_security_group" "fn" {
  vpc_id = aws_vpc.main.id
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = "arn:aws:iam::111122223333:role/fn"
  vpc_config {
    subnet_ids         = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.fn.id]
  }
}
resource "aws_launch_template" "lt" {
  name = "lt"
  network_interfaces {
    subnet_id = aws_subnet.dmz.id
  }
}
`);
    expect(zones.get('aws_lambda_function.fn')).toBe('core');
    expect(zones.get('aws_security_group.fn')).toBe('core');
    expect(zones.get('aws_launch_template.lt')).toBe('dmz');
  });

  it("a volume sits with the instance it is attached to, a file system in its mount targets' subnets", () => {
    const zones = zonesOf(`resource "aws_instance" "app" {
  ami       = "ami-0123456789abcdef0"
  subnet_id = aws_subnet.dmz.id
}
resource "aws_ebs_volume" "data" {
  availability_zone = "ap-northeast-1a"
  size              = 100
}
resource "aws_volume_attachment" "data" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.data.id
  instance_id = aws_instance.app.id
}
resource "aws_efs_file_system" "data" {
}
resource "aws_efs_mount_target" "a" {
  file_system_id = aws_efs_file_system.data.id
  subnet_id      = aws_subnet.a.id
}
resource "aws_efs_file_system" "both" {
}
resource "aws_efs_mount_target" "both_a" {
  file_system_id = aws_efs_file_system.both.id
  subnet_id      = aws_subnet.a.id
}
resource "aws_efs_mount_target" "both_dmz" {
  file_system_id = aws_efs_file_system.both.id
  subnet_id      = aws_subnet.dmz.id
}
`);
    expect(zones.get('aws_ebs_volume.data')).toBe('dmz');
    expect(zones.get('aws_efs_file_system.data')).toBe('core');
    // Mount targets in two zones: the file system sits in both, and has no zone of its own.
    expect(zones.get('aws_efs_file_system.both')).toBeUndefined();
  });

  it("an Auto Scaling group sits in the subnets of its vpc_zone_identifier, or where its tag blocks say", () => {
    const zones = zonesOf(`resource "aws_autoscaling_group" "ven" {
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = [aws_subnet.a.id, aws_subnet.b.id]
}
resource "aws_autoscaling_group" "relay" {
  min_size = 1
  max_size = 2
  tag {
    key                 = "gridfence-zone"
    value               = "dmz"
    propagate_at_launch = true
  }
}
`);
    expect(zones.get('aws_autoscaling_group.ven')).toBe('core');
    expect(zones.get('aws_autoscaling_group.relay')).toBe('dmz');
  });

  it("an Auto Scaling group's tag block whose key is not known makes its tags unknown: a zone may select it", () => {
    const r = loadFiles({ 'main.tf': `${NETWORK}variable "k" {
  type = string
}
resource "aws_autoscaling_group" "g" {
  min_size = 1
  max_size = 1
  tag {
    key                 = var.k
    value               = "dmz"
    propagate_at_launch = true
  }
}
` });
    const c = zoneCandidates(r.model.resources).find((x) => x.address === 'aws_autoscaling_group.g')!;
    expect(c.unknowns?.map((u) => u.on)).toEqual(['tags']);
  });
});
