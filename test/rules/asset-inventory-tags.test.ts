import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { writeTree } from '../support/files.js';
import { lintFiles, rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'asset-inventory-tags';
const ZONES = 'version: 1\nzones:\n  dispatch: { role: dispatch-link }\n';
const run = (main: string, config = ZONES) => runRule(ID, { 'main.tf': main }, { config });

const subnet = (tags: string) => `resource "aws_vpc" "main" {
  cidr_block = "10.10.0.0/16"
  tags       = { gridfence-zone = "dispatch", owner = "grid-ops" }
}
resource "aws_subnet" "dispatch" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.10.1.0/24"
  tags       = ${tags}
}
`;

const cfn = (tags: string) => `Resources:
  Dispatch:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0123456789abcdef0
      CidrBlock: 10.10.1.0/24
      Tags:
        - { Key: gridfence-zone, Value: dispatch }
${tags}`;

describe(ID, () => {
  describe('valid', () => {
    it('Terraform: the owner tag on every resource in the zone', () => {
      expect(run(subnet('{ gridfence-zone = "dispatch", owner = "grid-ops" }'))).toEqual([]);
    });

    it("the AWS provider's default_tags count, as the provider merges them", () => {
      const main = `provider "aws" {
  region = "ap-northeast-1"
  default_tags {
    tags = { owner = var.owner }
  }
}
variable "owner" {
  default = "grid-ops"
}
${subnet('{ gridfence-zone = "dispatch" }').replace(', owner = "grid-ops"', '')}`;
      expect(run(main)).toEqual([]);
    });

    it("a module's resources take the default tags of the provider its call passes (providers = { aws = aws.x })", () => {
      const files = {
        'main.tf': `provider "aws" {
  default_tags {
    tags = { owner = "grid-ops" }
  }
}
provider "aws" {
  alias = "bare"
}
module "tagged" {
  source = "./net"
}
module "bare" {
  source    = "./net"
  providers = { aws = aws.bare }
}
`,
        'net/main.tf': 'resource "aws_vpc" "this" {\n  cidr_block = "10.0.0.0/16"\n  tags       = { gridfence-zone = "dispatch" }\n}\n',
      };
      expect(runRule(ID, files, { config: ZONES })).toEqual([expect.objectContaining({ messageId: 'missing', resource: 'module.bare.aws_vpc.this', file: 'net/main.tf', line: 3, column: 3, callers: ['main.tf:12'] })]);
    });

    it('resources outside the zones, and types that carry no tags, are not judged', () => {
      const main = `resource "aws_subnet" "office" {\n  vpc_id     = "vpc-1"\n  cidr_block = "10.20.0.0/24"\n}\n${subnet('{ gridfence-zone = "dispatch", owner = "grid-ops" }')}resource "aws_route_table_association" "a" {\n  subnet_id      = aws_subnet.dispatch.id\n  route_table_id = "rtb-1"\n}\n`;
      expect(run(main)).toEqual([]);
    });

    it("CloudFormation: a launch template's own tags are its TagSpecifications for launch-template, not those it gives instances", () => {
      const t = (spec: string) => `Resources:\n  Lt:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MetadataOptions: { HttpTokens: required }\n        TagSpecifications: [{ ResourceType: instance, Tags: [{ Key: owner, Value: grid-ops }] }]\n${spec}`;
      expect(runRule(ID, { 'template.yaml': t('      TagSpecifications: [{ ResourceType: launch-template, Tags: [{ Key: owner, Value: grid-ops }] }]\n') })).toEqual([]);
      expect(runRule(ID, { 'template.yaml': t('') })).toEqual([expect.objectContaining({ messageId: 'missing', resource: 'Lt', line: 2 })]);
    });

    it('CloudFormation: Tags with the owner', () => {
      expect(runRule(ID, { 'template.yaml': cfn('        - { Key: owner, Value: grid-ops }\n') }, { config: ZONES })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('Terraform: no owner tag, at the tags', () => {
      const main = subnet('{ gridfence-zone = "dispatch" }');
      expect(run(main)).toEqual([
        expect.objectContaining({ messageId: 'missing', data: { resource: 'aws_subnet.dispatch', zone: 'dispatch', tags: 'owner', plural: '' }, ...rangeOf(main, 'tags       = { gridfence-zone = "dispatch" }'), certainty: 'definite' }),
      ]);
    });

    it('an empty value is no tag; the required keys come from the options', () => {
      const main = subnet('{ gridfence-zone = "dispatch", owner = "" }');
      const config = `${ZONES}rules:\n  ${ID}:\n    options: { required: [owner, asset-id] }\n`;
      expect(run(main, config).map((f) => [f.resource, f.data['tags']])).toEqual([
        ['aws_vpc.main', 'asset-id'],
        ['aws_subnet.dispatch', 'owner, asset-id'],
      ]);
    });

    it('default tags that lack the key do not help; the resource is located at its own tags', () => {
      const main = `provider "aws" {\n  default_tags {\n    tags = { team = "grid" }\n  }\n}\n${subnet('{ gridfence-zone = "dispatch" }')}`;
      expect(run(main)).toEqual([expect.objectContaining({ messageId: 'missing', resource: 'aws_subnet.dispatch', line: 13 })]);
    });

    it('tags known only after apply: a possible finding (and the run fails: the zone tag may be among them)', () => {
      const main = `variable "tags" {\n  type = map(string)\n}\n${subnet('var.tags')}`;
      const dir = writeTree({ 'main.tf': main, 'gridfence.yaml': ZONES }, 'gridfence-asset-tags-');
      const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [ID] });
      expect(r.findings).toEqual([expect.objectContaining({ messageId: 'unknown', certainty: 'possible' })]);
      expect(r.errors.map((e) => e.code)).toEqual(['zone-unknown']);
    });

    it('default tags known only after apply: a required tag the resource sets itself is judged by its own value, the others are possible', () => {
      const main = `variable "defaults" {\n  type = map(string)\n}\nprovider "aws" {\n  default_tags {\n    tags = var.defaults\n  }\n}\n${subnet('{ gridfence-zone = "dispatch", owner = "grid-ops" }')}`;
      const config = `${ZONES}rules:\n  ${ID}:\n    options: { required: [owner, asset-id] }\n`;
      const r = lintFiles(ID, { 'main.tf': main }, { config });
      expect(r.findings.map((f) => [f.messageId, f.resource, f.data['tags'], f.certainty, f.location.line, f.location.column])).toEqual([
        ['unknown', 'aws_vpc.main', 'asset-id', 'possible', 11, 3],
        ['unknown', 'aws_subnet.dispatch', 'asset-id', 'possible', 16, 3],
      ]);
    });

    it('a required key whose value is known only after apply: possible, naming the variable, at the tags', () => {
      const main = `variable "owner" {\n  type = string\n}\n${subnet('{ gridfence-zone = "dispatch", owner = var.owner }')}`;
      const r = lintFiles(ID, { 'main.tf': main }, { config: ZONES });
      expect(r.findings).toEqual([
        expect.objectContaining({ messageId: 'unknownValue', resource: 'aws_subnet.dispatch', certainty: 'possible', data: expect.objectContaining({ tags: 'owner' }) }),
      ]);
      expect(r.findings[0]!.location).toMatchObject({ line: 11, column: 3 });
      expect(JSON.stringify(r.findings[0]!.unknowns)).toContain('var.owner');
    });

    it('in Japanese', () => {
      const r = lintFiles(ID, { 'main.tf': subnet('{ gridfence-zone = "dispatch" }') }, { config: ZONES, lang: 'ja' });
      expect(r.findings.map((f) => f.message)).toEqual(['ゾーン dispatch の aws_subnet.dispatch に資産管理用のタグ owner がありません']);
    });

    it('in Japanese: a required key whose value a function gives only at apply time', () => {
      const r = lintFiles(ID, { 'main.tf': subnet('{ gridfence-zone = "dispatch", owner = timestamp() }') }, { config: ZONES, lang: 'ja' });
      expect(r.findings.map((f) => [f.message, f.unknowns.map((u) => u.reason)])).toEqual([
        ['ゾーン dispatch の aws_subnet.dispatch の資産管理用のタグ owner の値は apply 後まで確定しないため、空である可能性があります', ['timestamp() は apply 時まで確定しません']],
      ]);
    });

    it('CloudFormation: no owner in Tags, at the Tags property', () => {
      const t = cfn('');
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES })).toEqual([
        expect.objectContaining({ messageId: 'missing', resource: 'Dispatch', file: 'template.yaml', line: 7 }),
      ]);
    });

    it('CloudFormation: buckets, tables, keys, secrets and ECS clusters and services in the zone are judged as Terraform\'s; an egress-only gateway\'s Tags are read', () => {
      const zoned = (id: string, type: string, props = '') => `  ${id}:\n    Type: ${type}\n    Properties:\n${props}      Tags: [{ Key: gridfence-zone, Value: dispatch }]\n`;
      const t =
        'Resources:\n' +
        zoned('Data', 'AWS::S3::Bucket') +
        zoned('Meters', 'AWS::DynamoDB::Table', '      KeySchema: [{ AttributeName: id, KeyType: HASH }]\n') +
        zoned('Key', 'AWS::KMS::Key') +
        zoned('Secret', 'AWS::SecretsManager::Secret') +
        zoned('Cluster', 'AWS::ECS::Cluster') +
        zoned('Service', 'AWS::ECS::Service', '      Cluster: !Ref Cluster\n') +
        '  Egress:\n    Type: AWS::EC2::EgressOnlyInternetGateway\n    Properties:\n      VpcId: vpc-0123456789abcdef0\n      Tags: [{ Key: gridfence-zone, Value: dispatch }, { Key: owner, Value: grid-ops }]\n';
      const line = (id: string) => t.split('\n').indexOf(`  ${id}:`) + 1 + (id === 'Meters' || id === 'Service' ? 4 : 3);
      expect(runRule(ID, { 'template.yaml': t }, { config: ZONES }).map((f) => `${f.messageId} ${f.resource} ${f.data['tags']} ${f.line}:${f.column}`)).toEqual(
        ['Data', 'Meters', 'Key', 'Secret', 'Cluster', 'Service'].map((id) => `missing ${id} owner ${line(id)}:7`),
      );
    });
  });
});
