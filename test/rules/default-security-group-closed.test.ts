import { describe, expect, it } from 'vitest';
import { rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'default-security-group-closed';
const vpc = 'resource "aws_vpc" "main" {\n  cidr_block = "10.10.0.0/16"\n}\n';

describe(ID, () => {
  describe('valid', () => {
    it('the default security group is managed with no rules', () => {
      expect(runRule(ID, { 'main.tf': vpc + 'resource "aws_default_security_group" "d" {\n  vpc_id = aws_vpc.main.id\n}\n' })).toEqual([]);
    });
  });
  describe('invalid', () => {
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
