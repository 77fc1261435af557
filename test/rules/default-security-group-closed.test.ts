import { describe, expect, it } from 'vitest';
import { rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'default-security-group-closed';
const vpc = 'resource "aws_vpc" "main" {\n  cidr_block = "10.10.0.0/16"\n}\n';


/** A VPC as AWS CDK writes it with restrictDefaultSecurityGroup on (aws-cdk-lib 2, synthesised). */
const CDK = (extra = '') =>
  JSON.stringify(
    {
      Resources: {
        Vpc8378EB38: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
        VpcRestrictDefaultSecurityGroupCustomResourceC73DA2BE: {
          Type: 'Custom::VpcRestrictDefaultSG',
          Properties: {
            ServiceToken: { 'Fn::GetAtt': ['CustomVpcRestrictDefaultSGCustomResourceProviderHandlerDC833E5E', 'Arn'] },
            DefaultSecurityGroupId: { 'Fn::GetAtt': ['Vpc8378EB38', 'DefaultSecurityGroup'] },
            Account: { Ref: 'AWS::AccountId' },
          },
          ...(extra ? { Condition: extra } : {}),
        },
        CustomVpcRestrictDefaultSGCustomResourceProviderHandlerDC833E5E: { Type: 'AWS::Lambda::Function', Properties: { Handler: '__entrypoint__.handler', Runtime: 'nodejs24.x' } },
      },
      ...(extra ? { Parameters: { Restrict: { Type: 'String' } }, Conditions: { [extra]: { 'Fn::Equals': [{ Ref: 'Restrict' }, 'yes'] } } } : {}),
    },
    null,
    1,
  );

describe(ID, () => {
  describe('valid', () => {
    it('the default security group is managed with no rules', () => {
      expect(runRule(ID, { 'main.tf': vpc + 'resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n}\n' })).toEqual([]);
    });
    it('a default security group without vpc_id is the default VPC\'s', () => {
      expect(runRule(ID, { 'main.tf': 'resource "aws_default_vpc" "d" {}\nresource "aws_default_security_group" "d" {}\n' })).toEqual([]);
    });
    it("AWS CDK's restrictDefaultSecurityGroup custom resource manages the VPC's default group with no rules", () => {
      expect(runRule(ID, { 'S.template.json': CDK() })).toEqual([]);
    });
    it('rules of their own in another group of the VPC are not the default group\'s', () => {
      const main = vpc + 'resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n}\nresource "aws_security_group" "app" {\n  vpc_id = aws_vpc.main.id\n}\nresource "aws_vpc_security_group_egress_rule" "out" {\n  security_group_id = aws_security_group.app.id\n  cidr_ipv4         = "10.10.0.0/16"\n  ip_protocol       = "-1"\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([]);
    });
  });
  describe('invalid', () => {
    it('rules of their own written into the managed default group, or into the VPC\'s default_security_group_id, at each rule resource', () => {
      const main =
        vpc +
        'resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n}\n' +
        'resource "aws_vpc_security_group_ingress_rule" "all" {\n  security_group_id = aws_default_security_group.d.id\n  cidr_ipv4         = "0.0.0.0/0"\n  ip_protocol       = "-1"\n}\n' +
        'resource "aws_security_group_rule" "out" {\n  type              = "egress"\n  security_group_id = aws_vpc.main.default_security_group_id\n  cidr_blocks       = ["0.0.0.0/0"]\n  protocol          = "-1"\n  from_port         = 0\n  to_port           = 0\n}\n';
      const ingress = rangeOf(main, 'resource "aws_vpc_security_group_ingress_rule"');
      const egress = rangeOf(main, 'resource "aws_security_group_rule"');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'hasRules', data: { vpc: 'aws_vpc.main', direction: 'ingress' }, resource: 'aws_vpc_security_group_ingress_rule.all', line: ingress.line, column: 1, certainty: 'definite' }),
        expect.objectContaining({ messageId: 'hasRules', data: { vpc: 'aws_vpc.main', direction: 'egress' }, resource: 'aws_security_group_rule.out', line: egress.line, column: 1, certainty: 'definite' }),
      ]);
    });
    it('an adopting resource whose count is known only after apply may not exist: possible unmanaged, at the VPC block', () => {
      const main = vpc + 'variable "on" {}\nresource "aws_default_security_group" "d" {\n  count  = var.on ? 1 : 0\n  vpc_id = aws_vpc.main.id\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'unmanaged', resource: 'aws_vpc.main', line: 1, column: 1, endLine: 3, endColumn: 2, certainty: 'possible' })]);
    });
    it('a rule whose group is known only after apply may be in the default group: possible', () => {
      const main = vpc + 'variable "sg" {}\nresource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n}\nresource "aws_vpc_security_group_egress_rule" "out" {\n  security_group_id = var.sg\n  cidr_ipv4         = "0.0.0.0/0"\n  ip_protocol       = "-1"\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'hasRules', data: { vpc: 'aws_vpc.main', direction: 'egress' }, resource: 'aws_vpc_security_group_egress_rule.out', line: rangeOf(main, 'resource "aws_vpc_security_group_egress_rule"').line, column: 1, certainty: 'possible' }),
      ]);
    });
    it("AWS CDK's restrictor whose condition is not known may not exist: possible unmanaged; a rule added to the restricted group still counts", () => {
      expect(runRule(ID, { 'S.template.json': CDK('Restricting') }).map((f) => `${f.messageId} ${f.resource} ${f.certainty}`)).toEqual(['unmanaged Vpc8378EB38 possible']);
      const t = JSON.parse(CDK()) as { Resources: Record<string, unknown> };
      t.Resources['OpenDefault'] = { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['Vpc8378EB38', 'DefaultSecurityGroup'] }, IpProtocol: '-1', CidrIp: '0.0.0.0/0' } };
      expect(runRule(ID, { 'S.template.json': JSON.stringify(t, null, 1) }).map((f) => `${f.messageId} ${f.resource} ${f.certainty}`)).toEqual(['hasRules OpenDefault definite']);
    });
    it('an unmanaged default security group keeps AWS defaults', () => {
      expect(runRule(ID, { 'main.tf': vpc })).toEqual([expect.objectContaining({ messageId: 'unmanaged', resource: 'aws_vpc.main', line: 1, column: 1, endLine: 3, endColumn: 2 })]);
    });
    it('a default security group with an ingress rule', () => {
      const main = vpc + 'resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n  ingress {\n    protocol  = -1\n    self      = true\n    from_port = 0\n    to_port   = 0\n  }\n}\n';
      const start = rangeOf(main, 'ingress {');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'hasRules', data: { vpc: 'aws_vpc.main', direction: 'ingress' }, resource: 'aws_default_security_group.d', line: start.line, column: start.column, endLine: start.line + 5, endColumn: 4 }),
      ]);
    });
  });
});
