import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/files.js';
import { rangeOf, runRule } from '../support/rule-tester.js';

const ID = 'connection-point-logging';

const onprem = path.join(repoRoot, 'test/fixtures/onprem/iptables');
const config = fs.readFileSync(path.join(onprem, 'gridfence.yaml'), 'utf8');
const rules = fs.readFileSync(path.join(onprem, 'firewall/gw1.rules'), 'utf8');
const nftConfig = fs.readFileSync(path.join(repoRoot, 'test/fixtures/onprem/nftables/gridfence.yaml'), 'utf8');
const nft = fs.readFileSync(path.join(repoRoot, 'test/fixtures/onprem/nftables/firewall/gw1.nft'), 'utf8');

const lb = (body: string) => `resource "aws_lb" "edge" {\n  subnets = ["subnet-0a1b2c3d"]\n${body}}\n`;

describe(ID, () => {
  describe('valid', () => {
    it('the gateway logs what it drops at its connection points (LOG before DROP; nft log then drop)', () => {
      expect(runRule(ID, { 'firewall/gw1.rules': rules }, { config })).toEqual([]);
      expect(runRule(ID, { 'firewall/gw1.nft': nft }, { config: nftConfig })).toEqual([]);
    });
    it('an internal load balancer, and an internet-facing one with access logs enabled', () => {
      expect(runRule(ID, { 'main.tf': lb('  internal = true\n') })).toEqual([]);
      expect(runRule(ID, { 'main.tf': lb('  access_logs {\n    bucket  = "lb-logs"\n    enabled = true\n  }\n') })).toEqual([]);
    });
    it('internal and enabled written as text ("true"), as Terraform converts them and CloudFormation accepts them', () => {
      expect(runRule(ID, { 'main.tf': lb('  internal = "true"\n') })).toEqual([]);
      expect(runRule(ID, { 'main.tf': lb('  internal = false\n  access_logs {\n    bucket  = "lb-logs"\n    enabled = "true"\n  }\n') })).toEqual([]);
      const t = 'Resources:\n  Old:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      Subnets: [subnet-0a1b2c3d]\n      AccessLoggingPolicy: { Enabled: "true", S3BucketName: lb-logs }\n';
      expect(runRule(ID, { 'old.yaml': t })).toEqual([]);
    });
    it('a classic load balancer logs once its access_logs block is there (the provider default)', () => {
      expect(runRule(ID, { 'main.tf': 'resource "aws_elb" "old" {\n  subnets = ["subnet-0a1b2c3d"]\n  access_logs {\n    bucket = "lb-logs"\n  }\n}\n' })).toEqual([]);
    });
    it('CloudFormation: LoadBalancerAttributes with access_logs.s3.enabled', () => {
      const t = 'Resources:\n  Edge:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Subnets: [subnet-0a1b2c3d]\n      LoadBalancerAttributes:\n        - Key: access_logs.s3.enabled\n          Value: "true"\n        - Key: access_logs.s3.bucket\n          Value: lb-logs\n';
      expect(runRule(ID, { 'edge.yaml': t })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('a forward chain that drops at the connection point without a LOG rule before', () => {
      const quiet = rules.replace(/^-A (?:FORWARD|INPUT) .*-j LOG .*\n/gm, '');
      const found = runRule(ID, { 'firewall/gw1.rules': quiet }, { config });
      // Each connection point of the dispatch link (eth0, eth2, eth4), at the chain's policy line.
      expect(found.map((f) => `${f.messageId} ${f.data['point']} ${f.resource} ${f.file}:${f.line}`).sort()).toEqual(
        ['gw1:eth0', 'gw1:eth2', 'gw1:eth4'].flatMap((p) => [`dropsUnlogged ${p} gw1:filter/FORWARD firewall/gw1.rules:3`, `dropsUnlogged ${p} gw1:filter/INPUT firewall/gw1.rules:2`]),
      );
      const f = found.find((x) => x.data['point'] === 'gw1:eth0' && x.resource === 'gw1:filter/FORWARD')!;
      expect(f.data).toEqual({ chain: 'gw1:filter/FORWARD', point: 'gw1:eth0', packet: expect.stringMatching(/^tcp\/22 /) });
    });
    it('a connection point that only flows resting on a match not modelled cross: its unlogged drops are possible', () => {
      // The syslog and SSH flows across eth4 depend on a time match, which is read as possibly true.
      const quiet = rules
        .replace(/^-A (?:FORWARD|INPUT) .*-j LOG .*\n/gm, '')
        .replace(/(--comment (?:Z7-to-Z2-22|Z2-to-Z7-6514) )/g, '$1-m time --timestart 09:00 --timestop 17:00 ');
      const found = runRule(ID, { 'firewall/gw1.rules': quiet }, { config });
      const at = (point: string) => found.filter((f) => f.data['point'] === point).map((f) => `${f.resource} ${f.certainty}`).sort();
      expect(at('gw1:eth4')).toEqual(['gw1:filter/FORWARD possible', 'gw1:filter/INPUT possible']);
      expect(at('gw1:eth0')).toEqual(['gw1:filter/FORWARD definite', 'gw1:filter/INPUT definite']);
    });
    it('an internet-facing load balancer without access logs', () => {
      const main = lb('  internal = false\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'noAccessLogs', data: { lb: 'aws_lb.edge' }, resource: 'aws_lb.edge', line: 1, column: 1, certainty: 'definite' })]);
    });
    it('access logs turned off, at the setting', () => {
      const main = lb('  access_logs {\n    bucket  = "lb-logs"\n    enabled = false\n  }\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'noAccessLogs', ...rangeOf(main, 'enabled = false') })]);
    });
    it('whether the load balancer faces the internet is not known: possible', () => {
      const main = 'variable "internal" {}\n' + lb('  internal = var.internal\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'noAccessLogs', certainty: 'possible' })]);
    });
    it('a type not known may be a Gateway Load Balancer: possible, resting on it', () => {
      const main = 'variable "type" {}\n' + lb('  load_balancer_type = var.type\n');
      expect(runRule(ID, { 'main.tf': main })).toEqual([expect.objectContaining({ messageId: 'noAccessLogs', certainty: 'possible', unknowns: ['var.type has no value (no default, no tfvars entry, no --var)'] })]);
    });
    it('CloudFormation: an internet-facing load balancer without attributes', () => {
      const t = 'Resources:\n  Edge:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      Subnets: [subnet-0a1b2c3d]\n';
      expect(runRule(ID, { 'edge.yaml': t })).toEqual([expect.objectContaining({ messageId: 'noAccessLogs', resource: 'Edge', file: 'edge.yaml', line: 2 })]);
    });
  });
});
