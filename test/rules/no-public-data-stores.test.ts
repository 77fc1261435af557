import { describe, expect, it } from 'vitest';
import { rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'no-public-data-stores';

const db = (extra: string) => `resource "aws_db_instance" "app" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n${extra}}\n`;
const bucketPolicy = (principal: string, condition = '') =>
  `resource "aws_s3_bucket" "data" {\n  bucket = "vpp-meter-data"\n}\nresource "aws_s3_bucket_policy" "data" {\n  bucket = aws_s3_bucket.data.id\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = ${principal}, Action = ["s3:GetObject"], Resource = "arn:aws:s3:::vpp-meter-data/*"${condition} }]\n  })\n}\n`;

/** A CloudFormation database in a DB subnet group of a VPC, with an internet gateway attached or not; PubliclyAccessible unset. */
const rdsDefault = (igw: boolean) => `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
${igw ? '  Igw:\n    Type: AWS::EC2::InternetGateway\n  IgwAttachment:\n    Type: AWS::EC2::VPCGatewayAttachment\n    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }\n' : ''}  A:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  B:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 }
  Subnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties: { DBSubnetGroupDescription: db, SubnetIds: [!Ref A, !Ref B] }
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBSubnetGroupName: !Ref Subnets
`;

describe(ID, () => {
  describe('valid', () => {
    it('Terraform: a private database, a private ACL, a policy for one role or with a condition', () => {
      const main = db('  publicly_accessible = false\n') + 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "b"\n  acl    = "private"\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
      expect(runRule(ID, { 'main.tf': bucketPolicy('{ AWS = "arn:aws:iam::123456789012:role/reader" }') })).toEqual([]);
      expect(runRule(ID, { 'main.tf': bucketPolicy('"*"', ', Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d" } }') })).toEqual([]);
    });
    it('CloudFormation: a database that leaves PubliclyAccessible unset, in a VPC with no internet gateway', () => {
      expect(runRule(ID, { 'db.yaml': rdsDefault(false) })).toEqual([]);
    });
    it('CloudFormation: a private bucket and database', () => {
      const t = 'Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: Private\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      PubliclyAccessible: false\n';
      expect(runRule(ID, { 'data.yaml': t })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('Terraform: a publicly accessible database, at the setting', () => {
      const main = db('  publicly_accessible = true\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'publicDatabase', data: { resource: 'aws_db_instance.app' }, ...rangeOf(main, 'publicly_accessible = true'), certainty: 'definite' })]);
    });
    it('Terraform: a public-read ACL, in the ACL resource and in the legacy argument', () => {
      const main = 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "b"\n  acl    = "public-read"\n}\nresource "aws_s3_bucket" "old" {\n  bucket = "old"\n  acl    = "authenticated-read"\n}\n';
      expect(runRule(ID, { 'main.tf': main }).map((f) => `${f.messageId} ${f.resource} ${f.data['acl']} ${f.line}`).sort()).toEqual([
        `publicAcl aws_s3_bucket.old authenticated-read ${rangeOf(main, 'acl    = "authenticated-read"').line}`,
        `publicAcl aws_s3_bucket_acl.a public-read ${rangeOf(main, 'acl    = "public-read"').line}`,
      ]);
    });
    it('Terraform: a policy that allows everyone without a condition, at the policy', () => {
      const main = bucketPolicy('"*"');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'publicPolicy', data: { resource: 'aws_s3_bucket_policy.data', actions: 's3:GetObject' }, line: rangeOf(main, 'policy = jsonencode').line })]);
    });
    it('CloudFormation: a database that leaves PubliclyAccessible unset, in a VPC with an internet gateway, is public by RDS\'s default', () => {
      const t = rdsDefault(true);
      expect(runRule(ID, { 'db.yaml': t })).toEqual([expect.objectContaining({ messageId: 'publicByDefault', data: { resource: 'Db' }, resource: 'Db', line: rangeOf(t, '  Db:').line, certainty: 'definite' })]);
    });
    it('a Multi-AZ DB cluster from Terraform, which has no publicly_accessible, is public by RDS\'s default where its VPC has an internet gateway', () => {
      const net = 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_subnet" "a" {\n  vpc_id     = aws_vpc.v.id\n  cidr_block = "10.0.1.0/24"\n}\nresource "aws_db_subnet_group" "g" {\n  name       = "app-db"\n  subnet_ids = [aws_subnet.a.id]\n}\nresource "aws_rds_cluster" "multi" {\n  engine                    = "postgres"\n  db_cluster_instance_class = "db.m6gd.large"\n  db_subnet_group_name      = aws_db_subnet_group.g.name\n}\n';
      const igw = 'resource "aws_internet_gateway" "i" {\n  vpc_id = aws_vpc.v.id\n}\n';
      expect(runRule(ID, { 'main.tf': net + igw })).toEqual([expect.objectContaining({ messageId: 'publicByDefault', resource: 'aws_rds_cluster.multi', certainty: 'definite' })]);
      expect(runRule(ID, { 'main.tf': net })).toEqual([]);
      // An Aurora cluster is judged through its instances.
      expect(runRule(ID, { 'main.tf': net.replace('  db_cluster_instance_class = "db.m6gd.large"\n', '') + igw })).toEqual([]);
    });
    it('CloudFormation: PubliclyAccessible written as text in any case', () => {
      const t = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      PubliclyAccessible: "True"\n';
      expect(runRule(ID, { 'db.yaml': t })).toEqual([expect.objectContaining({ messageId: 'publicDatabase', resource: 'Db', line: rangeOf(t, 'PubliclyAccessible').line })]);
    });
    it('CloudFormation: a subnet group named in another case is that group; a VPC named by its id is not known', () => {
      expect(runRule(ID, { 'db.yaml': rdsDefault(false).replace('DBSubnetGroupName: !Ref Subnets', 'DBSubnetGroupName: App-DB').replace('DBSubnetGroupDescription: db,', 'DBSubnetGroupName: app-db, DBSubnetGroupDescription: db,') })).toEqual([]);
      const outside = rdsDefault(false).replace(/VpcId: !Ref Vpc/g, 'VpcId: vpc-0123456789abcdef0');
      expect(runRule(ID, { 'db.yaml': outside })).toEqual([expect.objectContaining({ messageId: 'maybePublicByDefault', resource: 'Db', certainty: 'possible' })]);
    });
    it('CloudFormation: a database without a subnet group (the default VPC) that leaves PubliclyAccessible unset: possibly public', () => {
      const t = 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n';
      expect(runRule(ID, { 'db.yaml': t })).toEqual([expect.objectContaining({ messageId: 'maybePublicByDefault', resource: 'Db', certainty: 'possible' })]);
    });
    it('CloudFormation: PublicRead, PubliclyAccessible and a policy for { AWS: "*" }', () => {
      const t = 'Resources:\n  Data:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      PubliclyAccessible: true\n  Pol:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Data\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: "*" }\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::data/*\n';
      expect(runRule(ID, { 'data.yaml': t }).map((f) => `${f.messageId} ${f.resource} ${f.line}`).sort()).toEqual([
        `publicAcl Data ${rangeOf(t, 'AccessControl').line}`,
        `publicDatabase Db ${rangeOf(t, 'PubliclyAccessible').line}`,
        `publicPolicy Pol ${rangeOf(t, 'PolicyDocument').line}`,
      ]);
    });
    it('a policy document data source that allows everyone: its statement is read', () => {
      const main = 'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::vpp-meter-data/*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n  }\n}\nresource "aws_s3_bucket_policy" "data" {\n  bucket = "vpp-meter-data"\n  policy = data.aws_iam_policy_document.p.json\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'publicPolicy', certainty: 'definite', data: { resource: 'aws_s3_bucket_policy.data', actions: 's3:GetObject' }, ...rangeOf(main, 'policy = data.aws_iam_policy_document.p.json') })]);
      const scoped = main.replace('type        = "*"\n      identifiers = ["*"]', 'type        = "AWS"\n      identifiers = ["arn:aws:iam::123456789012:role/reader"]');
      expect(runRule(ID, { 'main.tf': scoped })).toEqual([]);
      // Identifiers or a type from a variable may be "*": possibly public, at the policy; a role's ARN names the role.
      const fromVar = 'variable "who" {}\n' + main.replace('identifiers = ["*"]', 'identifiers = var.who');
      expect(runRule(ID, { 'main.tf': fromVar })).toEqual([expect.objectContaining({ messageId: 'publicPolicy', certainty: 'possible', ...rangeOf(fromVar, 'policy = data.aws_iam_policy_document.p.json') })]);
      const oneVar = 'variable "who" {}\n' + main.replace('type        = "*"\n      identifiers = ["*"]', 'type        = "AWS"\n      identifiers = ["arn:aws:iam::123456789012:role/reader", var.who]');
      expect(runRule(ID, { 'main.tf': oneVar })).toEqual([expect.objectContaining({ messageId: 'publicPolicy', certainty: 'possible' })]);
      const typeVar = 'variable "kind" {}\n' + main.replace('type        = "*"', 'type        = var.kind');
      expect(runRule(ID, { 'main.tf': typeVar })).toEqual([expect.objectContaining({ messageId: 'publicPolicy', certainty: 'possible' })]);
      const role = main.replace('type        = "*"\n      identifiers = ["*"]', 'type        = "AWS"\n      identifiers = [aws_iam_role.reader.arn]') + 'resource "aws_iam_role" "reader" {\n  name = "reader"\n}\n';
      expect(runRule(ID, { 'main.tf': role })).toEqual([]);
    });
    it('jsonencode holding the bucket ARN (known after apply): its statements are still read', () => {
      const policy = (principal: string) =>
        `resource "aws_s3_bucket" "b" {\n  bucket = "vpp-meter-data"\n}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n  policy = jsonencode({\n    Statement = [\n      { Effect = "Deny", Principal = "*", Action = "s3:*", Resource = aws_s3_bucket.b.arn, Condition = { Bool = { "aws:SecureTransport" = "false" } } },\n      { Effect = "Allow", Principal = ${principal}, Action = "s3:GetObject", Resource = "\${aws_s3_bucket.b.arn}/*" },\n    ]\n  })\n}\n`;
      expect(runRule(ID, { 'main.tf': policy('"*"') })).toEqual([expect.objectContaining({ messageId: 'publicPolicy', certainty: 'definite', data: { resource: 'aws_s3_bucket_policy.p', actions: 's3:GetObject' } })]);
      // A role's ARN is known only after apply, but it names the role: never everyone.
      expect(runRule(ID, { 'main.tf': policy('{ AWS = aws_iam_role.reader.arn }') + 'resource "aws_iam_role" "reader" {\n  name = "reader"\n}\n' })).toEqual([]);
      // A principal from a variable may be "*".
      expect(runRule(ID, { 'main.tf': 'variable "who" {}\n' + policy('{ AWS = var.who }') })).toEqual([expect.objectContaining({ messageId: 'publicPolicy', certainty: 'possible' })]);
    });
    it('a policy of which nothing is known (a variable): possible', () => {
      const main = 'variable "policy" {}\nresource "aws_s3_bucket_policy" "p" {\n  bucket = "vpp-meter-data"\n  policy = var.policy\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'publicPolicy', certainty: 'possible', data: { resource: 'aws_s3_bucket_policy.p', actions: '(not known before apply)' } })]);
    });
    it('a value not known before apply: possible', () => {
      const main = 'variable "pub" {}\n' + db('  publicly_accessible = var.pub\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'publicDatabase', certainty: 'possible' })]);
    });
  });
});

describe(`${ID}: snapshots and machine images`, () => {
  it('valid: a snapshot shared with one account; invalid: shared with all, at the setting', () => {
    const snap = (accounts: string) => `resource "aws_db_snapshot" "nightly" {\n  db_instance_identifier = "history"\n  db_snapshot_identifier = "nightly"\n  shared_accounts        = ${accounts}\n}\n`;
    expect(runRule(ID, { 'main.tf': snap('["111122223333"]') })).toEqual([]);
    const main = snap('["all"]');
    expect(runRule(ID, { 'main.tf': main })).toEqual([
      expect.objectContaining({ messageId: 'publicSnapshot', data: { resource: 'aws_db_snapshot.nightly', setting: 'shared_accounts = "all"' }, ...rangeOf(main, 'shared_accounts        = ["all"]'), certainty: 'definite' }),
    ]);
  });

  it('a machine image launchable by everyone', () => {
    const main = 'resource "aws_ami_launch_permission" "public" {\n  image_id = "ami-0123456789abcdef0"\n  group    = "all"\n}\n';
    expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'publicSnapshot', ...rangeOf(main, 'group    = "all"') })]);
  });
});

