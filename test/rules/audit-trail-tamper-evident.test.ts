import { describe, expect, it } from 'vitest';
import { rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'audit-trail-tamper-evident';

const trail = (name: string, body: string) => `resource "aws_cloudtrail" "${name}" {\n  name           = "${name}"\n  s3_bucket_name = "audit-logs"\n${body}}\n`;
const good = '  is_multi_region_trail      = true\n  enable_log_file_validation = true\n';
const vpc = 'resource "aws_vpc" "main" {\n  cidr_block = "10.10.0.0/16"\n}\n';

const cfnTrail = (props: string) => `Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      S3BucketName: audit-logs\n      IsLogging: true\n${props}`;

describe(ID, () => {
  describe('valid', () => {
    it('Terraform: a multi-region trail with log-file validation', () => {
      expect(runRule(ID, { 'main.tf': vpc + trail('org', good) })).toEqual([]);
    });
    it('one good trail is enough: a single-region trail beside it is not reported', () => {
      expect(runRule(ID, { 'main.tf': vpc + trail('org', good) + trail('local', '') })).toEqual([]);
    });
    it('CloudFormation: IsMultiRegionTrail and EnableLogFileValidation', () => {
      expect(runRule(ID, { 'trail.yaml': cfnTrail('      IsMultiRegionTrail: true\n      EnableLogFileValidation: true\n') })).toEqual([]);
    });
    it('nothing to anchor an account-level check to: no trail and no VPC', () => {
      expect(runRule(ID, { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('Terraform: validation left at the provider default (off), at the resource', () => {
      const main = trail('org', '  is_multi_region_trail = true\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'weakTrail', data: { trail: 'aws_cloudtrail.org', missing: 'log-file validation off' }, resource: 'aws_cloudtrail.org', line: 1, column: 1, certainty: 'definite' }),
      ]);
    });
    it('Terraform: a setting that turns it off is the place', () => {
      const main = trail('org', '  is_multi_region_trail      = false\n  enable_log_file_validation = true\n  enable_logging             = false\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'weakTrail', data: { trail: 'aws_cloudtrail.org', missing: 'not multi-region, not logging' }, ...rangeOf(main, 'is_multi_region_trail      = false') }),
      ]);
    });
    it('no trail at all: at the VPC', () => {
      expect(runRule(ID, { 'main.tf': vpc })).toEqual([expect.objectContaining({ messageId: 'noTrail', data: { vpc: 'aws_vpc.main' }, resource: 'aws_vpc.main', line: 1 })]);
    });
    it('a value not known before apply: possible', () => {
      const main = 'variable "multi" {}\n' + trail('org', '  is_multi_region_trail      = var.multi\n  enable_log_file_validation = true\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'weakTrail', certainty: 'possible', ...rangeOf(main, 'is_multi_region_trail      = var.multi') })]);
    });
    it('the only good trail has a count known only after apply: it may not exist, so possible noTrail at the VPC', () => {
      const main = 'variable "on" {}\n' + vpc + trail('org', '  count                      = var.on ? 1 : 0\n' + good);
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'noTrail', data: { vpc: 'aws_vpc.main' }, resource: 'aws_vpc.main', line: 2, column: 1, certainty: 'possible' })]);
    });
    it('a good trail that may not exist leaves a weak trail beside it possible', () => {
      const main = 'variable "on" {}\n' + trail('org', '  count                      = var.on ? 1 : 0\n' + good) + trail('local', '');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'weakTrail', resource: 'aws_cloudtrail.local', line: rangeOf(main, 'resource "aws_cloudtrail" "local"').line, column: 1, certainty: 'possible' })]);
    });
    it('CloudFormation: a single-region trail without validation', () => {
      const t = cfnTrail('      IsMultiRegionTrail: false\n');
      expect(runRule(ID, { 'trail.yaml': t })).toEqual([
        expect.objectContaining({ messageId: 'weakTrail', resource: 'Audit', file: 'trail.yaml', data: { trail: 'Audit', missing: 'not multi-region, log-file validation off' }, line: rangeOf(t, 'IsMultiRegionTrail').line }),
      ]);
    });
  });
});
