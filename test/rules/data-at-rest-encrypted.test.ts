import { describe, expect, it } from 'vitest';
import { lintFiles, rangeOf, runRule, ZONES_YAML } from '../support/rule-tester.js';

const ID = 'data-at-rest-encrypted';

const db = (extra: string) => `resource "aws_db_instance" "app" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n${extra}}\n`;

describe(ID, () => {
  describe('valid', () => {
    it('Terraform: encrypted stores of every judged type', () => {
      const main = [
        db('  storage_encrypted = true\n'),
        'resource "aws_rds_cluster" "c" {\n  engine            = "aurora-postgresql"\n  storage_encrypted = true\n}\n',
        'resource "aws_db_instance" "member" {\n  engine         = "aurora-postgresql"\n  instance_class = "db.r6g.large"\n}\n',
        'resource "aws_efs_file_system" "f" {\n  encrypted = true\n}\n',
        'resource "aws_elasticache_replication_group" "r" {\n  description                = "cache"\n  at_rest_encryption_enabled = true\n}\n',
        'resource "aws_s3_bucket" "b" {\n  bucket = "logs"\n}\n',
      ].join('');
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    });
    it('EBS encryption by default covers volumes and instance block devices', () => {
      const main = 'resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "ap-northeast-1a"\n  size              = 10\n}\nresource "aws_instance" "i" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    volume_size = 10\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    });
    it('Valkey is encrypted at rest by default; Aurora members and serverless clusters from CloudFormation are skipped', () => {
      expect(runRule(ID, { 'main.tf': 'resource "aws_elasticache_replication_group" "v" {\n  description = "cache"\n  engine      = "valkey"\n}\n' })).toEqual([]);
      const t = 'Resources:\n  Member:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-postgresql\n  Sls:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      EngineMode: serverless\n';
      expect(runRule(ID, { 'rds.yaml': t })).toEqual([]);
    });
    it('search domains with encryption at rest, and Redshift clusters that say encrypted (or, from CloudFormation, leave it to AWS, which encrypts)', () => {
      const main = [
        'resource "aws_opensearch_domain" "search" {\n  domain_name = "meter"\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n',
        'resource "aws_elasticsearch_domain" "legacy" {\n  domain_name = "legacy"\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n',
        'resource "aws_redshift_cluster" "dwh" {\n  cluster_identifier = "dwh"\n  node_type          = "ra3.xlplus"\n  encrypted          = true\n}\n',
      ].join('');
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
      const t = 'Resources:\n  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EncryptionAtRestOptions: { Enabled: true }\n  Dwh:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      ClusterType: single-node\n      NodeType: ra3.xlplus\n';
      expect(runRule(ID, { 'stores.yaml': t })).toEqual([]);
    });
    it('launch templates and configurations whose EBS volumes are encrypted; suppressed devices and instance stores create none', () => {
      const main =
        'resource "aws_launch_template" "t" {\n  name = "ven"\n  block_device_mappings {\n    device_name = "/dev/sdf"\n    ebs {\n      volume_size = 100\n      encrypted   = "true"\n    }\n  }\n' +
        '  block_device_mappings {\n    device_name = "/dev/sdg"\n    no_device   = "true"\n  }\n  block_device_mappings {\n    device_name  = "/dev/sdh"\n    virtual_name = "ephemeral0"\n  }\n}\n' +
        'resource "aws_launch_configuration" "c" {\n  image_id      = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    encrypted   = true\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
      const t = 'Resources:\n  Tpl:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        BlockDeviceMappings:\n          - DeviceName: /dev/sdf\n            Ebs: { VolumeSize: 100, Encrypted: true }\n          - DeviceName: /dev/sdg\n            NoDevice: ""\n';
      expect(runRule(ID, { 'lt.yaml': t })).toEqual([]);
    });
    it('a template that nothing in a zone launches from is not judged', () => {
      const main = 'resource "aws_launch_template" "t" {\n  name = "spare"\n  block_device_mappings {\n    device_name = "/dev/sdf"\n    ebs {\n      volume_size = 100\n    }\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML })).toEqual([]);
    });
    it('CloudFormation: StorageEncrypted and Encrypted', () => {
      const t = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      StorageEncrypted: true\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: ap-northeast-1a\n      Size: 10\n      Encrypted: true\n';
      expect(runRule(ID, { 'db.yaml': t })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('a launch template: a new volume without encrypted is definite, one from a snapshot or the AMI root device possible; false at the setting', () => {
      const main =
        'resource "aws_launch_template" "t" {\n  name = "ven"\n' +
        '  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      volume_size = 30\n    }\n  }\n' +
        '  block_device_mappings {\n    device_name = "/dev/sdf"\n    ebs {\n      volume_size = 100\n    }\n  }\n' +
        '  block_device_mappings {\n    device_name = "/dev/sdg"\n    ebs {\n      encrypted = "false"\n    }\n  }\n' +
        '  block_device_mappings {\n    device_name = "/dev/sdh"\n    ebs {\n      snapshot_id = "snap-0123456789abcdef0"\n    }\n  }\n}\n';
      const ebsAt = (n: number) => {
        let from = 0;
        for (let i = 0; i < n; i++) from = main.indexOf('ebs {', from) + 1;
        return rangeOf(main, 'ebs {', from);
      };
      const off = rangeOf(main, 'encrypted = "false"');
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.data['setting']} ${f.data['value']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        `block_device_mappings[0].ebs[0].encrypted not set (taken from the AMI's snapshot if it is the root device) possible ${ebsAt(0).line}:${ebsAt(0).column}`,
        `block_device_mappings[1].ebs[0].encrypted not set (the provider default is false) definite ${ebsAt(1).line}:${ebsAt(1).column}`,
        `block_device_mappings[2].ebs[0].encrypted false definite ${off.line}:${off.column}`,
        `block_device_mappings[3].ebs[0].encrypted not set (taken from the snapshot it starts from) possible ${ebsAt(3).line}:${ebsAt(3).column}`,
      ]);
    });
    it('a template in no zone is judged once, for the Auto Scaling group and the instance in a zone that launch from it; a launch configuration as an instance', () => {
      const main =
        'resource "aws_subnet" "core" {\n  vpc_id     = "vpc-0123456789abcdef0"\n  cidr_block = "10.10.1.0/24"\n  tags       = { gridfence-zone = "core" }\n}\n' +
        'resource "aws_launch_template" "t" {\n  name = "ven"\n  block_device_mappings {\n    device_name = "/dev/sdf"\n    ebs {\n      volume_size = 100\n    }\n  }\n}\n' +
        'resource "aws_autoscaling_group" "ven" {\n  max_size            = 2\n  min_size            = 1\n  vpc_zone_identifier = [aws_subnet.core.id]\n  launch_template {\n    id = aws_launch_template.t.id\n  }\n}\n' +
        'resource "aws_instance" "one" {\n  tags = { gridfence-zone = "core" }\n  launch_template {\n    id = aws_launch_template.t.id\n  }\n}\n' +
        'resource "aws_launch_configuration" "c" {\n  image_id      = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  ebs_block_device {\n    device_name = "/dev/sdf"\n  }\n}\n' +
        'resource "aws_autoscaling_group" "old" {\n  max_size             = 1\n  min_size             = 1\n  vpc_zone_identifier  = [aws_subnet.core.id]\n  launch_configuration = aws_launch_configuration.c.name\n}\n';
      const ebs = rangeOf(main, 'ebs {');
      const dev = rangeOf(main, 'ebs_block_device {');
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML }).map((f) => `${f.resource} ${f.data['setting']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        `aws_launch_template.t block_device_mappings[0].ebs[0].encrypted definite ${ebs.line}:${ebs.column}`,
        `aws_launch_configuration.c ebs_block_device[0].encrypted definite ${dev.line}:${dev.column}`,
      ]);
    });
    it('a spot instance request is an instance: a block device without encryption, at the device', () => {
      const main = 'resource "aws_spot_instance_request" "ven" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  tags          = { gridfence-zone = "core" }\n  ebs_block_device {\n    device_name = "/dev/sdf"\n  }\n}\n';
      const dev = rangeOf(main, 'ebs_block_device {');
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML }).map((f) => `${f.resource} ${f.data['setting']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        `aws_spot_instance_request.ven ebs_block_device[0].encrypted definite ${dev.line}:${dev.column}`,
      ]);
    });
    it('CloudFormation: a launch template mapping without Encrypted, at the mapping', () => {
      const t = 'Resources:\n  Tpl:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        BlockDeviceMappings:\n          - DeviceName: /dev/sdf\n            Ebs:\n              VolumeSize: 100\n';
      const at = rangeOf(t, 'DeviceName: /dev/sdf');
      expect(runRule(ID, { 'lt.yaml': t })).toEqual([
        expect.objectContaining({ messageId: 'unencrypted', resource: 'Tpl', data: expect.objectContaining({ setting: 'block_device_mappings[0].ebs[0].encrypted' }), line: at.line, column: at.column, certainty: 'definite' }),
      ]);
    });
    it('a plan\'s launch template: its empty strings are unset values', () => {
      const plan = {
        format_version: '1.2',
        planned_values: { root_module: { resources: [{ address: 'aws_launch_template.t', mode: 'managed', type: 'aws_launch_template', name: 't', values: { name: 'ven', block_device_mappings: [{ device_name: '/dev/sdf', no_device: '', virtual_name: '', ebs: [{ encrypted: '', snapshot_id: '', volume_size: 100 }] }] } }] } },
      };
      expect(runRule(ID, { 'plan.json': JSON.stringify(plan, null, 2) }).map((f) => `${f.data['setting']} ${f.data['value']} ${f.certainty}`)).toEqual([
        'block_device_mappings[0].ebs[0].encrypted not set (the provider default is false) definite',
      ]);
    });
    it('a group or an instance launching from a template the configuration does not show: possible, where it names it', () => {
      const main =
        'variable "lt" {}\nresource "aws_autoscaling_group" "g" {\n  max_size = 1\n  min_size = 1\n  launch_template {\n    id = var.lt\n  }\n}\n' +
        'resource "aws_instance" "i" {\n  launch_template {\n    name = "ven-template"\n  }\n}\n';
      const id = rangeOf(main, 'id = var.lt');
      const name = rangeOf(main, 'name = "ven-template"');
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.messageId} ${f.resource} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
        `launchUnknown aws_autoscaling_group.g possible ${id.line}:${id.column} the launch template of aws_autoscaling_group.g is not known (var.lt has no value (no default, no tfvars entry, no --var))`,
        `launchUnknown aws_instance.i possible ${name.line}:${name.column} the launch template of aws_instance.i is not in the configuration (ven-template)`,
      ]);
      const covered = 'resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n' + main;
      expect(runRule(ID, { 'main.tf': covered })).toEqual([]);
    });
    it('EBS encryption by default covers the volumes of launch templates', () => {
      const main = 'resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\nresource "aws_launch_template" "t" {\n  name = "ven"\n  block_device_mappings {\n    device_name = "/dev/sdf"\n    ebs {\n      volume_size = 100\n    }\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    });
    it('Terraform: a database left at the default, at the resource', () => {
      expect(runRule(ID, { 'main.tf': db('') })).toEqual([
        expect.objectContaining({ messageId: 'unencrypted', data: { resource: 'aws_db_instance.app', setting: 'storage_encrypted', value: 'not set (the provider default is false)' }, line: 1, column: 1, certainty: 'definite' }),
      ]);
    });
    it('Terraform: encryption turned off, at the setting; an instance block device without it, at the block', () => {
      const main = 'resource "aws_efs_file_system" "f" {\n  encrypted = false\n}\nresource "aws_instance" "i" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  ebs_block_device {\n    device_name = "/dev/sdf"\n  }\n}\n';
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.resource} ${f.data['setting']} ${f.data['value']} ${f.line}:${f.column}`).sort()).toEqual([
        `aws_efs_file_system.f encrypted false ${rangeOf(main, 'encrypted = false').line}:${rangeOf(main, 'encrypted = false').column}`,
        `aws_instance.i ebs_block_device[0].encrypted not set (the provider default is false) ${rangeOf(main, 'ebs_block_device {').line}:${rangeOf(main, 'ebs_block_device {').column}`,
      ]);
    });
    it('an account default not known before apply leaves EBS findings possible', () => {
      const main = 'variable "on" {}\nresource "aws_ebs_encryption_by_default" "d" {\n  enabled = var.on\n}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "ap-northeast-1a"\n  size              = 10\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unencrypted', resource: 'aws_ebs_volume.v', certainty: 'possible' })]);
    });
    it('an account default whose count is known only after apply may not exist: the volume is reported, possible, at the resource', () => {
      const main = 'variable "on" {}\nresource "aws_ebs_encryption_by_default" "d" {\n  count   = var.on ? 1 : 0\n  enabled = true\n}\nresource "aws_ebs_volume" "v" {\n  availability_zone = "ap-northeast-1a"\n  size              = 10\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unencrypted', resource: 'aws_ebs_volume.v', line: 6, column: 1, certainty: 'possible' })]);
    });
    it('instance block devices known only after apply: possible, at the dynamic block', () => {
      const main = 'variable "disks" {}\nresource "aws_instance" "i" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  dynamic "ebs_block_device" {\n    for_each = var.disks\n    content {\n      device_name = ebs_block_device.value\n    }\n  }\n}\n';
      const at = rangeOf(main, 'dynamic "ebs_block_device" {');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unencrypted', resource: 'aws_instance.i', data: expect.objectContaining({ setting: 'ebs_block_device' }), line: at.line, column: at.column, certainty: 'possible' })]);
    });
    it('a plan whose configuration writes no block device: the devices the provider computes are none of the system\'s', () => {
      const instance = { address: 'aws_instance.i', mode: 'managed', type: 'aws_instance', name: 'i', provider_name: 'registry.terraform.io/hashicorp/aws' };
      const plan = JSON.stringify({
        format_version: '1.2',
        terraform_version: '1.9.5',
        planned_values: { root_module: { resources: [{ ...instance, schema_version: 1, values: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro' }, sensitive_values: {} }] } },
        resource_changes: [{ address: 'aws_instance.i', mode: 'managed', type: 'aws_instance', name: 'i', change: { actions: ['create'], after_unknown: { arn: true, id: true, ebs_block_device: true } } }],
        configuration: { root_module: { resources: [{ address: 'aws_instance.i', mode: 'managed', type: 'aws_instance', name: 'i', expressions: { ami: { constant_value: 'ami-0123456789abcdef0' }, instance_type: { constant_value: 't3.micro' } } }] } },
      });
      expect(runRule(ID, { 'plan.json': plan })).toEqual([]);
    });
    it('DocumentDB and Neptune clusters left at the default, at the resource; encrypted ones pass', () => {
      const main = 'resource "aws_docdb_cluster" "d" {\n  cluster_identifier = "d"\n}\nresource "aws_neptune_cluster" "n" {\n  cluster_identifier = "n"\n  storage_encrypted  = false\n}\nresource "aws_docdb_cluster" "ok" {\n  storage_encrypted = true\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'unencrypted', resource: 'aws_docdb_cluster.d', data: expect.objectContaining({ setting: 'storage_encrypted', value: 'not set (the provider default is false)' }), line: 1, column: 1 }),
        expect.objectContaining({ messageId: 'unencrypted', resource: 'aws_neptune_cluster.n', data: expect.objectContaining({ value: 'false' }), ...rangeOf(main, 'storage_encrypted  = false') }),
      ]);
    });
    it('a replication group whose engine is not known, leaving at_rest_encryption_enabled unset, may be Valkey (encrypted by default): possible, on the resource', () => {
      const main = 'variable "engine" {}\nresource "aws_elasticache_replication_group" "r" {\n  description = "cache"\n  engine      = var.engine\n}\n';
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.data['value']} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
        'not set (the provider default is false, true for Valkey) possible 2:1 the engine of aws_elasticache_replication_group.r is not known (var.engine has no value (no default, no tfvars entry, no --var)): a Valkey group is encrypted at rest by default',
      ]);
      const [ja] = lintFiles(ID, { 'main.tf': main }, { lang: 'ja' }).findings;
      expect(ja?.unknowns.map((u) => u.reason)).toEqual(['aws_elasticache_replication_group.r のエンジンが不明です（var.engine に値がありません（default、tfvars の指定、--var のいずれもありません））: Valkey のグループは既定で保存時に暗号化されます']);
    });
    it('a value not known before apply: possible', () => {
      const main = 'variable "enc" {}\n' + db('  storage_encrypted = var.enc\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unencrypted', certainty: 'possible', ...rangeOf(main, 'storage_encrypted = var.enc') })]);
    });
    it('CloudFormation: a volume and an instance block device without encryption', () => {
      const t = 'Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: ap-northeast-1a\n      Size: 10\n  Box:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0123456789abcdef0\n      BlockDeviceMappings:\n        - DeviceName: /dev/sdf\n          Ebs:\n            VolumeSize: 10\n            Encrypted: false\n';
      expect(runRule(ID, { 'vol.yaml': t }).map((f) => `${f.resource} ${f.data['setting']} ${f.data['value']}`).sort()).toEqual([
        'Box ebs_block_device[0].encrypted false',
        'Vol encrypted not set (the provider default is false)',
      ]);
    });
    it('CloudFormation: block device mappings not known before deployment may hold an unencrypted volume: possible, at the mappings', () => {
      const t = 'Conditions:\n  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]\nResources:\n  Box:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0123456789abcdef0\n      BlockDeviceMappings: !If\n        - InTokyo\n        - [{ DeviceName: /dev/sdf, Ebs: { VolumeSize: 10 } }]\n        - []\n';
      const at = rangeOf(t, 'BlockDeviceMappings');
      expect(runRule(ID, { 'box.yaml': t })).toEqual([
        expect.objectContaining({ messageId: 'unencrypted', resource: 'Box', data: { resource: 'Box', setting: 'ebs_block_device', value: 'not known before apply' }, certainty: 'possible', line: at.line, column: at.column }),
      ]);
    });
    it('in Japanese: block device mappings under a condition on the region rest on the region, known only at deployment', () => {
      const t = 'Conditions:\n  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]\nResources:\n  Box:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0123456789abcdef0\n      BlockDeviceMappings: !If\n        - InTokyo\n        - [{ DeviceName: /dev/sdf, Ebs: { VolumeSize: 10 } }]\n        - []\n';
      expect(lintFiles(ID, { 'box.yaml': t }, { lang: 'ja' }).findings.map((f) => [f.message, f.unknowns.map((u) => u.reason)])).toEqual([
        ['Box の保存データが暗号化されていません（ebs_block_device が apply 前には確定しません）', ['AWS::Region はデプロイ時まで確定しません']],
      ]);
    });
    it('CloudFormation: stores in a zone subnet through their subnet group or mount target are in the zone, and judged', () => {
      const t = [
        'Resources:',
        '  Core:',
        '    Type: AWS::EC2::Subnet',
        '    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: core }] }',
        '  CacheSubnets:',
        '    Type: AWS::ElastiCache::SubnetGroup',
        '    Properties: { Description: cache, SubnetIds: [!Ref Core] }',
        '  Cache:',
        '    Type: AWS::ElastiCache::ReplicationGroup',
        '    Properties: { ReplicationGroupDescription: cache, Engine: redis, CacheSubnetGroupName: !Ref CacheSubnets }',
        '  DocSubnets:',
        '    Type: AWS::DocDB::DBSubnetGroup',
        '    Properties: { DBSubnetGroupDescription: doc, SubnetIds: [!Ref Core] }',
        '  Doc:',
        '    Type: AWS::DocDB::DBCluster',
        '    Properties: { DBSubnetGroupName: !Ref DocSubnets }',
        '  Files:',
        '    Type: AWS::EFS::FileSystem',
        '    Properties: {}',
        '  Mount:',
        '    Type: AWS::EFS::MountTarget',
        '    Properties: { FileSystemId: !Ref Files, SubnetId: !Ref Core, SecurityGroups: [sg-0123456789abcdef0] }',
        '  GraphSubnets:',
        '    Type: AWS::Neptune::DBSubnetGroup',
        '    Properties: { DBSubnetGroupDescription: graph, SubnetIds: [!Ref Core] }',
        '  Graph:',
        '    Type: AWS::Neptune::DBCluster',
        '    Properties: { DBSubnetGroupName: !Ref GraphSubnets }',
        '',
      ].join('\n');
      expect(runRule(ID, { 'stores.yaml': t }, { config: 'version: 1\nzones:\n  core: { role: internal }\n' }).map((f) => `${f.resource} ${f.data['setting']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        'Cache at_rest_encryption_enabled definite 8:3',
        'Doc storage_encrypted definite 14:3',
        'Files encrypted definite 17:3',
        'Graph storage_encrypted definite 26:3',
      ]);
    });
    it('CloudFormation: volumes attached to an instance in a zone (its Volumes, a VolumeAttachment) are in its zone, and judged', () => {
      const t = [
        'Resources:',
        '  Core:',
        '    Type: AWS::EC2::Subnet',
        '    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: core }] }',
        '  Box:',
        '    Type: AWS::EC2::Instance',
        '    Properties:',
        '      ImageId: ami-0123456789abcdef0',
        '      SubnetId: !Ref Core',
        '      Volumes: [{ Device: /dev/sdf, VolumeId: !Ref Data }]',
        '  Data:',
        '    Type: AWS::EC2::Volume',
        '    Properties: { AvailabilityZone: ap-northeast-1a, Size: 10 }',
        '  Logs:',
        '    Type: AWS::EC2::Volume',
        '    Properties: { AvailabilityZone: ap-northeast-1a, Size: 10 }',
        '  LogsAttachment:',
        '    Type: AWS::EC2::VolumeAttachment',
        '    Properties: { InstanceId: !Ref Box, VolumeId: !Ref Logs, Device: /dev/sdg }',
        '  Spare:',
        '    Type: AWS::EC2::Volume',
        '    Properties: { AvailabilityZone: ap-northeast-1a, Size: 10 }',
        '',
      ].join('\n');
      expect(runRule(ID, { 'volumes.yaml': t }, { config: 'version: 1\nzones:\n  core: { role: internal }\n' }).map((f) => `${f.resource} ${f.data['setting']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        'Data encrypted definite 11:3',
        'Logs encrypted definite 14:3',
      ]);
    });
    it('CloudFormation: an instance in a zone whose Volumes are not known, or name a volume of another stack: possible, at them', () => {
      const t = [
        'Conditions:',
        '  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]',
        'Resources:',
        '  Core:',
        '    Type: AWS::EC2::Subnet',
        '    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: core }] }',
        '  Box:',
        '    Type: AWS::EC2::Instance',
        '    Properties:',
        '      ImageId: ami-0123456789abcdef0',
        '      SubnetId: !Ref Core',
        '      Volumes: !If [InTokyo, [{ Device: /dev/sdf, VolumeId: !Ref Spare }], []]',
        '  Shared:',
        '    Type: AWS::EC2::Instance',
        '    Properties:',
        '      ImageId: ami-0123456789abcdef0',
        '      SubnetId: !Ref Core',
        '      Volumes: [{ Device: /dev/sdf, VolumeId: !ImportValue shared-data-volume }]',
        '  Spare:',
        '    Type: AWS::EC2::Volume',
        '    Properties: { AvailabilityZone: ap-northeast-1a, Size: 10, Encrypted: true }',
        '',
      ].join('\n');
      const config = 'version: 1\nzones:\n  core: { role: internal }\n';
      expect(runRule(ID, { 'volumes.yaml': t }, { config }).map((f) => `${f.messageId} ${f.resource} ${f.data['volume']} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
        'attachedUnknown Box.Volumes not known before apply possible 12:7 the volume of Box.Volumes is not known (AWS::Region is known only at deployment)',
        'attachedUnknown Shared.Volumes[0] not known before apply possible 18:37 the volume of Shared.Volumes[0] is not known (shared-data-volume is exported by another stack)',
      ]);
      const [ja] = lintFiles(ID, { 'volumes.yaml': t }, { config, lang: 'ja' }).findings;
      expect([ja?.message, ja?.unknowns.map((u) => u.reason)]).toEqual(['Box.Volumes が接続するボリューム（apply 前には確定しません）の保存時の暗号化は確定していません', ['Box.Volumes のボリュームが不明です（AWS::Region はデプロイ時まで確定しません）']]);
    });
    it('Terraform: a volume attached to an instance in a zone that the configuration does not hold: possible, at volume_id; one it holds is judged as itself', () => {
      const main = [
        'data "aws_ebs_volume" "shared" {\n  most_recent = true\n}\n',
        'resource "aws_instance" "box" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  tags          = { gridfence-zone = "core" }\n}\n',
        'resource "aws_ebs_volume" "held" {\n  availability_zone = "ap-northeast-1a"\n  size              = 10\n  encrypted         = true\n}\n',
        'resource "aws_volume_attachment" "held" {\n  device_name = "/dev/sdf"\n  volume_id   = aws_ebs_volume.held.id\n  instance_id = aws_instance.box.id\n}\n',
        'resource "aws_volume_attachment" "shared" {\n  device_name = "/dev/sdg"\n  volume_id   = data.aws_ebs_volume.shared.id\n  instance_id = aws_instance.box.id\n}\n',
        'resource "aws_volume_attachment" "by_id" {\n  device_name = "/dev/sdh"\n  volume_id   = "vol-0123456789abcdef0"\n  instance_id = aws_instance.box.id\n}\n',
      ].join('');
      expect(runRule(ID, { 'main.tf': main }, { config: ZONES_YAML }).map((f) => `${f.messageId} ${f.resource} ${f.data['volume']} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
        `attachedUnknown aws_volume_attachment.shared data.aws_ebs_volume.shared possible ${rangeOf(main, 'volume_id   = data').line}:3 the volume of aws_volume_attachment.shared is not known (data.aws_ebs_volume.shared.id is known only after apply)`,
        `attachedUnknown aws_volume_attachment.by_id vol-0123456789abcdef0 possible ${rangeOf(main, 'volume_id   = "vol').line}:3 the volume of aws_volume_attachment.by_id is not in the configuration (vol-0123456789abcdef0)`,
      ]);
    });
    it('CloudFormation: DocumentDB and Neptune clusters, unset or false', () => {
      const t = 'Resources:\n  Doc:\n    Type: AWS::DocDB::DBCluster\n    Properties:\n      MasterUsername: admin\n  Graph:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      StorageEncrypted: false\n  Kept:\n    Type: AWS::Neptune::DBCluster\n    Properties:\n      StorageEncrypted: true\n';
      expect(runRule(ID, { 'db.yaml': t })).toEqual([
        expect.objectContaining({ messageId: 'unencrypted', resource: 'Doc', data: { resource: 'Doc', setting: 'storage_encrypted', value: 'not set (the provider default is false)' }, line: 2, column: 3, certainty: 'definite' }),
        expect.objectContaining({ messageId: 'unencrypted', resource: 'Graph', data: { resource: 'Graph', setting: 'storage_encrypted', value: 'false' }, ...rangeOf(t, 'StorageEncrypted: false'), certainty: 'definite' }),
      ]);
    });
    it('search domains without encryption at rest: no block, or enabled = false; Redshift encrypted = false', () => {
      const main = [
        'resource "aws_opensearch_domain" "search" {\n  domain_name = "meter"\n}\n',
        'resource "aws_elasticsearch_domain" "legacy" {\n  domain_name = "legacy"\n  encrypt_at_rest {\n    enabled = false\n  }\n}\n',
        'resource "aws_redshift_cluster" "dwh" {\n  cluster_identifier = "dwh"\n  node_type          = "ra3.xlplus"\n  encrypted          = false\n}\n',
      ].join('');
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.resource} ${f.data['setting']}=${f.data['value']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        'aws_opensearch_domain.search encrypt_at_rest=not set (the provider default is false) definite 1:1',
        'aws_elasticsearch_domain.legacy encrypt_at_rest[0].enabled=false definite 7:5',
        'aws_redshift_cluster.dwh encrypted=false definite 13:3',
      ]);
    });
    it("Terraform: a Redshift cluster that leaves encrypted unset rests on the provider's version: possible, on the resource", () => {
      const main = 'resource "aws_redshift_cluster" "dwh" {\n  cluster_identifier = "dwh"\n  node_type          = "ra3.xlplus"\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({
          data: { resource: 'aws_redshift_cluster.dwh', setting: 'encrypted', value: "not set (the provider's default depends on its version)" },
          line: 1,
          column: 1,
          certainty: 'possible',
          unknowns: ['encrypted is not set: the AWS provider creates the cluster unencrypted before version 6 and encrypted from version 6 on'],
        }),
      ]);
    });
    it('in Japanese: the reason a Redshift cluster that leaves encrypted unset is only possibly unencrypted', () => {
      const main = 'resource "aws_redshift_cluster" "dwh" {\n  cluster_identifier = "dwh"\n  node_type          = "ra3.xlplus"\n}\n';
      expect(lintFiles(ID, { 'main.tf': main }, { lang: 'ja' }).findings.map((f) => [f.message, f.unknowns.map((u) => u.reason)])).toEqual([
        [
          "aws_redshift_cluster.dwh の保存データが暗号化されていません（encrypted が not set (the provider's default depends on its version)）",
          ['encrypted が設定されていません: AWS プロバイダーはバージョン 6 より前ではクラスターを暗号化せずに作成し、バージョン 6 以降では暗号化して作成します'],
        ],
      ]);
    });
    it('CloudFormation: a domain without EncryptionAtRestOptions or with Enabled false, a cluster with Encrypted false, and a domain in a zone subnet by its VPCOptions', () => {
      const t = [
        'Resources:',
        '  Search:',
        '    Type: AWS::OpenSearchService::Domain',
        '    Properties:',
        '      VPCOptions: { SubnetIds: [!Ref Core] }',
        '  Legacy:',
        '    Type: AWS::Elasticsearch::Domain',
        '    Properties:',
        '      EncryptionAtRestOptions:',
        '        Enabled: false',
        '  Dwh:',
        '    Type: AWS::Redshift::Cluster',
        '    Properties:',
        '      ClusterType: single-node',
        '      NodeType: ra3.xlplus',
        '      Encrypted: false',
        '      ClusterSubnetGroupName: !Ref DwhSubnets',
        '  DwhSubnets:',
        '    Type: AWS::Redshift::ClusterSubnetGroup',
        '    Properties:',
        '      Description: warehouse',
        '      SubnetIds: [!Ref Core]',
        '  Core:',
        '    Type: AWS::EC2::Subnet',
        '    Properties:',
        '      VpcId: vpc-0123456789abcdef0',
        '      CidrBlock: 10.0.1.0/24',
        '      Tags: [{ Key: gridfence-zone, Value: core }]',
        '',
      ].join('\n');
      const config = 'version: 1\nzones:\n  core: { role: internal }\n';
      expect(runRule(ID, { 'stores.yaml': t }, { config }).map((f) => `${f.resource} ${f.data['setting']}=${f.data['value']} ${f.certainty} ${f.line}:${f.column}`)).toEqual([
        'Search encrypt_at_rest=not set (the provider default is false) definite 2:3',
        'Dwh encrypted=false definite 16:7',
      ]);
    });
    it('a database restored from a snapshot, or a read replica, with the setting unset takes the encryption of what it is made from: possible, on the resource', () => {
      const main = [
        db('  snapshot_identifier = "meter-2026-11-01"\n'),
        'resource "aws_db_instance" "replica" {\n  instance_class      = "db.t3.micro"\n  replicate_source_db = aws_db_instance.app.identifier\n}\n',
        'resource "aws_db_instance" "pinned" {\n  instance_class      = "db.t3.micro"\n  snapshot_identifier = "meter-2026-11-01"\n  storage_encrypted   = false\n}\n',
      ].join('');
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.resource} ${f.data['value']} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
        'aws_db_instance.app not set (taken from what it is created from) possible 1:1 aws_db_instance.app is created from the snapshot meter-2026-11-01, whose encryption it takes',
        'aws_db_instance.replica not set (taken from what it is created from) possible 7:1 aws_db_instance.replica is created from the source database (not known before apply), whose encryption it takes',
        'aws_db_instance.pinned false definite 14:3 ',
      ]);
      const t = 'Resources:\n  Restored:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-postgresql\n      SnapshotIdentifier: meter-2026-11-01\n';
      expect(runRule(ID, { 'db.yaml': t }).map((f) => `${f.resource} ${f.certainty}`)).toEqual(['Restored possible']);
    });
    it('a cache cluster in no replication group cannot be encrypted at rest: reported on the resource; a member of a group the configuration holds is judged by the group', () => {
      const main = [
        'resource "aws_elasticache_cluster" "memcached" {\n  cluster_id      = "sessions"\n  engine          = "memcached"\n  node_type       = "cache.t3.micro"\n  num_cache_nodes = 1\n}\n',
        'resource "aws_elasticache_cluster" "redis" {\n  cluster_id      = "meter"\n  engine          = "redis"\n  node_type       = "cache.t3.micro"\n  num_cache_nodes = 1\n}\n',
        'resource "aws_elasticache_replication_group" "g" {\n  replication_group_id       = "dispatch"\n  description                = "cache"\n  at_rest_encryption_enabled = true\n}\n',
        'resource "aws_elasticache_cluster" "member" {\n  cluster_id           = "dispatch-2"\n  replication_group_id = aws_elasticache_replication_group.g.id\n}\n',
        'resource "aws_elasticache_cluster" "by_name" {\n  cluster_id           = "dispatch-3"\n  replication_group_id = "dispatch"\n}\n',
      ].join('');
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.messageId} ${f.resource} ${f.certainty} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`)).toEqual([
        'cacheCluster aws_elasticache_cluster.memcached definite 1:1-6:2',
        'cacheCluster aws_elasticache_cluster.redis definite 7:1-12:2',
      ]);
      const [en] = lintFiles(ID, { 'main.tf': main.split('resource "aws_elasticache_cluster" "redis"')[0]! }).findings;
      expect(en?.message).toBe('aws_elasticache_cluster.memcached is a cache cluster in no replication group, which ElastiCache cannot encrypt at rest');
      const [ja] = lintFiles(ID, { 'main.tf': main.split('resource "aws_elasticache_cluster" "redis"')[0]! }, { lang: 'ja' }).findings;
      expect(ja?.message).toBe('aws_elasticache_cluster.memcached はレプリケーショングループに属さないキャッシュクラスターで、ElastiCache は保存時の暗号化ができません');
    });
    it('a cache cluster in a replication group not in the configuration, or not known before apply: possible, at replication_group_id', () => {
      const main =
        'variable "group" {}\n' +
        'resource "aws_elasticache_cluster" "outside" {\n  cluster_id           = "dispatch-2"\n  replication_group_id = "dispatch"\n}\n' +
        'resource "aws_elasticache_cluster" "unknown" {\n  cluster_id           = "dispatch-3"\n  replication_group_id = var.group\n}\n';
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.messageId} ${f.resource} ${f.data['group']} ${f.certainty} ${f.line}:${f.column} ${f.unknowns.join('; ')}`)).toEqual([
        'cacheGroupUnknown aws_elasticache_cluster.outside dispatch possible 4:3 the replication group of aws_elasticache_cluster.outside is not in the configuration (dispatch)',
        'cacheGroupUnknown aws_elasticache_cluster.unknown not known before apply possible 8:3 the replication group of aws_elasticache_cluster.unknown is not known (var.group has no value (no default, no tfvars entry, no --var))',
      ]);
    });
    it('CloudFormation: a cache cluster is never in a replication group: reported on the resource, in a zone through its subnet group', () => {
      const t =
        'Resources:\n  Core:\n    Type: AWS::EC2::Subnet\n    Properties: { VpcId: vpc-0123456789abcdef0, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: core }] }\n' +
        '  Sg:\n    Type: AWS::ElastiCache::SubnetGroup\n    Properties: { Description: core, SubnetIds: [!Ref Core] }\n' +
        '  Sessions:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: memcached\n      CacheNodeType: cache.t3.micro\n      NumCacheNodes: 1\n      CacheSubnetGroupName: !Ref Sg\n' +
        '  Elsewhere:\n    Type: AWS::ElastiCache::CacheCluster\n    Properties:\n      Engine: redis\n      CacheNodeType: cache.t3.micro\n      NumCacheNodes: 1\n';
      const config = 'version: 1\nzones:\n  core: { role: internal }\n';
      expect(runRule(ID, { 'cache.yaml': t }, { config }).map((f) => `${f.messageId} ${f.resource} ${f.certainty} ${f.line}:${f.column}`)).toEqual(['cacheCluster Sessions definite 8:3']);
    });
  });
});
