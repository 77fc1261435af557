import { describe, expect, it } from 'vitest';
import { rangeOf, runRule, ZONES_YAML } from '../support/rule-tester.js';

const ID = 'flow-logs-enabled';
const vpc = 'resource "aws_vpc" "main" {\n  cidr_block = "10.10.0.0/16"\n}\n';
const log = (traffic: string) => `resource "aws_flow_log" "main" {\n  vpc_id          = aws_vpc.main.id\n  traffic_type    = "${traffic}"\n  log_destination = "arn:aws:s3:::logs"\n}\n`;
const zonedSubnet = 'resource "aws_subnet" "ven" {\n  vpc_id = aws_vpc.main.id\n  cidr_block = "10.10.1.0/24"\n  tags = { gridfence-zone = "dispatch" }\n}\n';

describe(ID, () => {
  describe('valid', () => {
    it('a VPC with a flow log of ALL traffic', () => {
      expect(runRule(ID, { 'main.tf': vpc + log('ALL') })).toEqual([]);
    });
    it('flow logs on every subnet of the VPC, alone or with the VPC\'s own (ACCEPT on the VPC, REJECT on each subnet)', () => {
      const subnet = (n: string, cidr: string) => `resource "aws_subnet" "${n}" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = "${cidr}"\n}\n`;
      const subnetLog = (n: string, traffic: string) => `resource "aws_flow_log" "${n}" {\n  subnet_id       = aws_subnet.${n}.id\n  traffic_type    = "${traffic}"\n  log_destination = "arn:aws:s3:::logs"\n}\n`;
      const both = vpc + subnet('a', '10.10.1.0/24') + subnet('b', '10.10.2.0/24');
      expect(runRule(ID, { 'main.tf': both + subnetLog('a', 'ALL') + subnetLog('b', 'ALL') })).toEqual([]);
      expect(runRule(ID, { 'main.tf': both + log('ACCEPT') + subnetLog('a', 'REJECT') + subnetLog('b', 'REJECT') })).toEqual([]);
      // One subnet left out: the VPC is not covered.
      expect(runRule(ID, { 'main.tf': both + subnetLog('a', 'ALL') })).toEqual([expect.objectContaining({ messageId: 'noFlowLog', resource: 'aws_vpc.main', line: 1, column: 1 })]);
      // A subnet's log that may not exist covers only possibly.
      const maybe = `variable "on" {}\n${both}${subnetLog('a', 'ALL')}${subnetLog('b', 'ALL').replace('{\n', '{\n  count           = var.on ? 1 : 0\n')}`;
      expect(runRule(ID, { 'main.tf': maybe })).toEqual([expect.objectContaining({ messageId: 'noFlowLog', resource: 'aws_vpc.main', certainty: 'possible' })]);
    });
    it('a VPC that holds no zone, when zones are declared', () => {
      expect(runRule(ID, { 'main.tf': vpc }, { config: ZONES_YAML })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('no flow log: reported at the VPC block', () => {
      const main = vpc;
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'noFlowLog', data: { vpc: 'aws_vpc.main' }, resource: 'aws_vpc.main', file: 'main.tf', line: 1, column: 1, endLine: 3, endColumn: 2 }),
      ]);
    });
    it('a flow log of REJECT only: reported at traffic_type', () => {
      const main = vpc + log('REJECT');
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'partial', data: { vpc: 'aws_vpc.main', traffic: 'REJECT' }, resource: 'aws_flow_log.main', ...rangeOf(main, 'traffic_type    = "REJECT"') }),
      ]);
    });
    it('a VPC holding a declared zone without flow log', () => {
      expect(runRule(ID, { 'main.tf': vpc + zonedSubnet }, { config: ZONES_YAML })).toEqual([expect.objectContaining({ messageId: 'noFlowLog', resource: 'aws_vpc.main' })]);
    });
    it('a default VPC with flow logs on the subnets the configuration holds: its default subnets, which AWS creates in each Availability Zone, are not logged', () => {
      const main = 'resource "aws_default_vpc" "main" {}\nresource "aws_subnet" "a" {\n  vpc_id     = aws_default_vpc.main.id\n  cidr_block = "172.31.200.0/24"\n}\nresource "aws_flow_log" "a" {\n  subnet_id       = aws_subnet.a.id\n  traffic_type    = "ALL"\n  log_destination = "arn:aws:s3:::logs"\n}\n';
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'noFlowLog', data: { vpc: 'aws_default_vpc.main' }, resource: 'aws_default_vpc.main', line: 1, column: 1, certainty: 'definite' }),
      ]);
    });
    it('a flow log of ALL whose count is known only after apply may not exist: possible, at the VPC block', () => {
      const main = `variable "on" {}\n${vpc}${log('ALL').replace('{\n', '{\n  count           = var.on ? 1 : 0\n')}`;
      expect(runRule(ID, { 'main.tf': main })).toEqual([
        expect.objectContaining({ messageId: 'noFlowLog', data: { vpc: 'aws_vpc.main' }, resource: 'aws_vpc.main', line: 2, column: 1, endLine: 4, endColumn: 2, certainty: 'possible' }),
      ]);
    });
    it('a CloudFormation flow log under a Condition may not exist: possible', () => {
      const t = 'Parameters:\n  On:\n    Type: String\nConditions:\n  IsOn: !Equals [!Ref On, "yes"]\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  Log:\n    Type: AWS::EC2::FlowLog\n    Condition: IsOn\n    Properties:\n      ResourceType: VPC\n      ResourceId: !Ref Vpc\n      TrafficType: ALL\n';
      expect(runRule(ID, { 'net.yaml': t })).toEqual([expect.objectContaining({ messageId: 'noFlowLog', resource: 'Vpc', line: 7, column: 3, certainty: 'possible' })]);
    });
    it('a CloudFormation flow log whose ResourceType is a parameter may be the VPC\'s: possible', () => {
      const t = 'Parameters:\n  Kind:\n    Type: String\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n  Log:\n    Type: AWS::EC2::FlowLog\n    Properties:\n      ResourceType: !Ref Kind\n      ResourceId: !Ref Vpc\n      TrafficType: ALL\n';
      expect(runRule(ID, { 'net.yaml': t })).toEqual([expect.objectContaining({ messageId: 'noFlowLog', resource: 'Vpc', line: 5, column: 3, certainty: 'possible' })]);
    });
    it('a flow log whose VPC cannot be known makes the finding possible', () => {
      const main = `${vpc}variable "vpc" {}\nresource "aws_flow_log" "other" {\n  vpc_id = var.vpc\n  traffic_type = "ALL"\n}\n`;
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'noFlowLog', certainty: 'possible', unknowns: [expect.stringMatching(/var\.vpc has no value/)] })]);
    });
  });
});

describe(`${ID}: split logs`, () => {
  it('an ACCEPT log and a REJECT log together record everything', () => {
    const two = `${vpc}${log('ACCEPT')}${log('REJECT').replace('"main"', '"rejects"')}`;
    expect(runRule(ID, { 'main.tf': two })).toEqual([]);
  });
});
