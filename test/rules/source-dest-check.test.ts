import { describe, expect, it } from 'vitest';
import { rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'source-dest-check';

const instance = (name: string, extra: string) => `resource "aws_instance" "${name}" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n${extra}}\n`;
const cfn = (props: string) => `Resources:\n  Relay:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0123456789abcdef0\n      InstanceType: t3.micro\n${props}`;

describe(ID, () => {
  describe('valid', () => {
    it('the check left on (the default) or set on', () => {
      expect(runRule(ID, { 'main.tf': instance('a', '') + instance('b', '  source_dest_check = true\n') })).toEqual([]);
    });
    it('declared by tag: router, firewall or nat', () => {
      expect(runRule(ID, { 'main.tf': instance('fw', '  source_dest_check = false\n  tags = { gridfence-role = "firewall" }\n') })).toEqual([]);
    });
    it('declared by the provider\'s default_tags', () => {
      const main = 'provider "aws" {\n  default_tags {\n    tags = { gridfence-role = "nat" }\n  }\n}\n' + instance('nat', '  source_dest_check = false\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    });
    it('declared by its own tag, which wins over default_tags known only after apply', () => {
      const main = 'variable "defaults" {}\nprovider "aws" {\n  default_tags {\n    tags = var.defaults\n  }\n}\n' + instance('nat', '  source_dest_check = false\n  tags = { gridfence-role = "nat" }\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    });
    it('declared by address glob in the rule options', () => {
      const config = 'version: 1\nrules:\n  source-dest-check: { options: { declared: ["aws_instance.nat_*"] } }\n';
      expect(runRule(ID, { 'main.tf': instance('nat_a', '  source_dest_check = false\n') }, { config })).toEqual([]);
    });
    it('CloudFormation: tagged as a firewall', () => {
      expect(runRule(ID, { 'relay.yaml': cfn('      SourceDestCheck: false\n      Tags:\n        - Key: gridfence-role\n          Value: firewall\n') })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('Terraform: an instance with the check off, at the setting', () => {
      const main = instance('relay', '  source_dest_check = false\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'disabled', data: { resource: 'aws_instance.relay' }, resource: 'aws_instance.relay', ...rangeOf(main, 'source_dest_check = false'), certainty: 'definite' }),
      ]);
    });
    it('Terraform: a spot instance request is an instance: the check off, at the setting', () => {
      const main = instance('relay', '  source_dest_check = false\n').replace('"aws_instance"', '"aws_spot_instance_request"');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'disabled', data: { resource: 'aws_spot_instance_request.relay' }, resource: 'aws_spot_instance_request.relay', ...rangeOf(main, 'source_dest_check = false'), certainty: 'definite' }),
      ]);
    });
    it('Terraform: a network interface with the check off; another role tag does not declare it', () => {
      const main = 'resource "aws_network_interface" "eni" {\n  subnet_id         = "subnet-0a1b2c3d"\n  source_dest_check = false\n  tags              = { gridfence-role = "web" }\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'disabled', resource: 'aws_network_interface.eni', ...rangeOf(main, 'source_dest_check = false') })]);
    });
    it('tags known only after apply may declare the role: possible, at the setting', () => {
      const main = 'variable "tags" {}\n' + instance('relay', '  source_dest_check = false\n  tags              = var.tags\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'disabled', ...rangeOf(main, 'source_dest_check = false'), certainty: 'possible' })]);
    });
    it('a value not known before apply: possible', () => {
      const main = 'variable "check" {}\n' + instance('relay', '  source_dest_check = var.check\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'disabled', certainty: 'possible' })]);
    });
    it('CloudFormation: SourceDestCheck false, at the property', () => {
      const t = cfn('      SourceDestCheck: false\n');
      expect(runRule(ID, { 'relay.yaml': t })).toEqual([expect.objectContaining({ messageId: 'disabled', resource: 'Relay', file: 'relay.yaml', line: rangeOf(t, 'SourceDestCheck').line })]);
    });
  });
});
