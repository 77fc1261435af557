/**
 * Each rule in a second input format, beside the Terraform cases of its own test file: the path
 * rules on the on-premise variant of the reference architecture (iptables-save; the nftables form
 * gives the same findings, test/firewall/onprem.test.ts), the resource rules on CloudFormation. The
 * valid case is the clean system; each invalid case is one mutation, reported at the line it wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { repoRoot, writeTree } from '../support/files.js';

const ONPREM = path.join(repoRoot, 'test/fixtures/onprem/iptables');
const RULES = fs.readFileSync(path.join(ONPREM, 'firewall/gw1.rules'), 'utf8');
const CONFIG = fs.readFileSync(path.join(ONPREM, 'gridfence.yaml'), 'utf8');
const DENY = '-A FORWARD -m comment --comment deny-any-any -j LOG';
const SNAT = '-A POSTROUTING -s 10.20.2.0/24 -o eth0 -j SNAT --to-source 198.51.100.2';

/** The on-premise system with forward rules added before the final deny (and NAT rules after the dispatch link's). */
function onprem(o: { forward?: string[]; nat?: string[]; config?: (c: string) => string; only: string; today?: string }) {
  let rules = RULES;
  if (o.forward) rules = rules.replace(DENY, `${o.forward.join('\n')}\n${DENY}`);
  if (o.nat) rules = rules.replace(SNAT, `${SNAT}\n${o.nat.join('\n')}`);
  const dir = writeTree({ 'gridfence.yaml': o.config ? o.config(CONFIG) : CONFIG, 'firewall/gw1.rules': rules }, 'gridfence-second-');
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [o.only], today: o.today ?? '2026-11-29' });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  const lineOf = (text: string) => rules.split('\n').findIndex((l) => l.includes(text)) + 1;
  return { findings: r.findings.map((f) => ({ id: f.messageId, resource: f.resource, file: f.location.file, line: f.location.line })), lineOf };
}

const configLine = (text: string) => CONFIG.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('path rules on an on-premise gateway (iptables)', () => {
  const PATH_RULES = ['dispatch-link-internet-isolation', 'dispatch-link-buffer-zone', 'connection-points-minimal', 'connection-point-defended', 'dispatch-channel-conformance', 'partner-attestation', 'external-traffic-encrypted', 'interconnection-authenticated', 'management-access-restricted', 'zone-segmentation', 'field-protocols-contained'];

  it.each(PATH_RULES)('valid: the clean system has no finding of %s', (only) => {
    expect(onprem({ only }).findings).toEqual([]);
  });

  it('dispatch-link-internet-isolation, management-access-restricted, zone-segmentation: SSH from anywhere to the VEN segment, at the rule', () => {
    const rule = '-A FORWARD -d 10.20.2.0/24 -i eth0 -o eth1 -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW -m comment --comment vendor-remote-support -j ACCEPT';
    for (const only of ['dispatch-link-internet-isolation', 'management-access-restricted', 'zone-segmentation']) {
      const r = onprem({ forward: [rule], only });
      expect(r.findings.length, only).toBeGreaterThan(0);
      for (const f of r.findings) expect(f, only).toMatchObject({ resource: 'gw1:filter/FORWARD#12', file: 'firewall/gw1.rules', line: r.lineOf('vendor-remote-support') });
    }
  });

  it('dispatch-link-buffer-zone: the core segment talks to the VEN and to the internet, at its interface', () => {
    const r = onprem({
      forward: [
        '-A FORWARD -s 10.20.4.0/24 -d 10.20.2.10/32 -i eth3 -o eth1 -p tcp -m tcp --dport 8443 -m conntrack --ctstate NEW -m comment --comment core-to-ven -j ACCEPT',
        '-A FORWARD -s 10.20.4.0/24 -i eth3 -o eth0 -p tcp -m tcp --dport 443 -m conntrack --ctstate NEW -m comment --comment core-to-internet -j ACCEPT',
      ],
      nat: ['-A POSTROUTING -s 10.20.4.0/24 -o eth0 -j SNAT --to-source 198.51.100.2'],
      only: 'dispatch-link-buffer-zone',
    });
    expect(r.findings).toEqual([{ id: 'notBuffer', resource: 'gw1:eth3', file: 'gridfence.yaml', line: configLine('eth3: {') }]);
  });

  it('connection-points-minimal: a forward rule from the VEN to the core makes eth3 a connection point no one declared', () => {
    const r = onprem({ forward: ['-A FORWARD -s 10.20.2.0/24 -d 10.20.4.0/24 -i eth1 -o eth3 -p tcp -m tcp --dport 5432 -m conntrack --ctstate NEW -m comment --comment ven-to-db -j ACCEPT'], only: 'connection-points-minimal' });
    expect(r.findings).toContainEqual({ id: 'undeclared', resource: 'gw1:eth3', file: 'gridfence.yaml', line: configLine('eth3: {') });
  });

  it('connection-point-defended: an allow-any forward rule at the way to the dispatch system', () => {
    const r = onprem({ forward: ['-A FORWARD -i eth1 -o eth0 -m comment --comment allow-any -j ACCEPT'], only: 'connection-point-defended' });
    // At the connection point, with the allow-any rule in the path's trace.
    expect(r.findings).toEqual([{ id: 'undefended', resource: 'gw1:eth0', file: 'gridfence.yaml', line: configLine('eth0: {') }]);
  });

  it('dispatch-channel-conformance: the VEN may reach the dispatch system on a service it does not offer', () => {
    const r = onprem({ forward: ['-A FORWARD -s 10.20.2.0/24 -d 203.0.113.10/32 -i eth1 -o eth0 -p tcp -m tcp --dport 8443 -m conntrack --ctstate NEW -m comment --comment Z2-to-TSO-8443 -j ACCEPT'], only: 'dispatch-channel-conformance' });
    expect(r.findings).toEqual([expect.objectContaining({ resource: 'gw1:filter/FORWARD#12', file: 'firewall/gw1.rules', line: r.lineOf('Z2-to-TSO-8443') })]);
  });

  it('partner-attestation: the partner rule once its attestation has expired', () => {
    const r = onprem({ only: 'partner-attestation', today: '2030-05-01' });
    expect(r.findings).toEqual([{ id: 'expired', resource: 'gw1:filter/FORWARD#5', file: 'firewall/gw1.rules', line: r.lineOf('RA-to-Z3-443') }]);
  });

  it('external-traffic-encrypted: HTTP from the internet to the reverse proxy', () => {
    const r = onprem({ forward: ['-A FORWARD -d 10.20.3.10/32 -i eth0 -o eth2 -p tcp -m tcp --dport 80 -m conntrack --ctstate NEW -m comment --comment web-http -j ACCEPT'], only: 'external-traffic-encrypted' });
    expect(r.findings).toEqual([{ id: 'inbound', resource: 'gw1:filter/FORWARD#12', file: 'firewall/gw1.rules', line: r.lineOf('web-http') }]);
  });

  it('interconnection-authenticated: the reverse proxy no longer declared to verify client certificates', () => {
    const r = onprem({ config: (c) => c.replace('options: { authenticated: ["gw1:eth2"] }', 'options: { authenticated: [] }'), only: 'interconnection-authenticated' });
    expect(r.findings).toEqual([{ id: 'direct', resource: 'gw1:filter/FORWARD#5', file: 'firewall/gw1.rules', line: r.lineOf('RA-to-Z3-443') }]);
  });

  it('field-protocols-contained: Modbus from the core to the DMZ', () => {
    const r = onprem({ forward: ['-A FORWARD -s 10.20.4.0/24 -d 10.20.3.10/32 -i eth3 -o eth2 -p tcp -m tcp --dport 502 -m conntrack --ctstate NEW -m comment --comment core-modbus -j ACCEPT'], only: 'field-protocols-contained' });
    expect(r.findings).toEqual([{ id: 'crosses', resource: 'gw1:filter/FORWARD#12', file: 'firewall/gw1.rules', line: r.lineOf('core-modbus') }]);
  });
});

/** CloudFormation: one VPC of zone `dispatch`, a public subnet, and what each case adds. */
function cfn(resources: string, only: string, zones = 'version: 1\nzones:\n  dispatch: { role: dispatch-link }\n') {
  const template = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.10.0.0/16
      Tags: [{ Key: gridfence-zone, Value: dispatch }]
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.10.1.0/24
      Tags: [{ Key: gridfence-zone, Value: dispatch }]
${resources}`;
  const dir = writeTree({ 'template.yaml': template, 'gridfence.yaml': zones }, 'gridfence-second-cfn-');
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [only], today: '2026-11-29' });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  const lineOf = (text: string) => template.split('\n').findIndex((l) => l.includes(text)) + 1;
  return { findings: r.findings.map((f) => ({ id: f.messageId, resource: f.resource, line: f.location.line })), lineOf };
}

const FLOW_LOG = '  Logs:\n    Type: AWS::EC2::FlowLog\n    Properties: { ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: ALL, LogDestinationType: s3, LogDestination: arn:aws:s3:::flow-logs }\n';
const sg = (ingress: string) => `  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: ven\n      VpcId: !Ref Vpc\n      Tags: [{ Key: gridfence-zone, Value: dispatch }]\n      SecurityGroupIngress:\n        - ${ingress}\n`;
const instance = (extra: string) => `  Ven:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-0123456789abcdef0\n      InstanceType: t3.small\n      SubnetId: !Ref Subnet\n${extra}`;
const listener = (policy: string) =>
  `  Edge:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties: { Scheme: internal, Subnets: [!Ref Subnet] }\n  Https:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !Ref Edge\n      Port: 443\n      Protocol: HTTPS\n      Certificates: [{ CertificateArn: arn:aws:acm:ap-northeast-1:111122223333:certificate/example }]\n${policy}      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "404" } }]\n`;

describe('resource rules on CloudFormation', () => {
  it('flow-logs-enabled: valid with a flow log of all traffic, invalid without, at the VPC', () => {
    expect(cfn(FLOW_LOG, 'flow-logs-enabled').findings).toEqual([]);
    const r = cfn('', 'flow-logs-enabled');
    expect(r.findings).toEqual([expect.objectContaining({ resource: 'Vpc', line: r.lineOf('  Vpc:') })]);
  });

  it('ingress-from-declared-sources: valid from the subnet, invalid from the whole internet, at the ingress entry', () => {
    expect(cfn(sg('{ IpProtocol: tcp, FromPort: 8443, ToPort: 8443, CidrIp: 10.10.1.0/24 }'), 'ingress-from-declared-sources').findings).toEqual([]);
    const r = cfn(sg('{ IpProtocol: tcp, FromPort: 8443, ToPort: 8443, CidrIp: 0.0.0.0/0 }'), 'ingress-from-declared-sources');
    expect(r.findings).toEqual([expect.objectContaining({ resource: 'Sg', line: r.lineOf('CidrIp: 0.0.0.0/0') })]);
  });

  it('instance-metadata-v2: valid with HttpTokens required, invalid with optional, at the setting', () => {
    expect(cfn(instance('      MetadataOptions: { HttpTokens: required }\n'), 'instance-metadata-v2').findings).toEqual([]);
    const r = cfn(instance('      MetadataOptions:\n        HttpTokens: optional\n'), 'instance-metadata-v2');
    expect(r.findings).toEqual([{ id: 'optional', resource: 'Ven', line: r.lineOf('MetadataOptions:') }]);
  });

  it('tls-minimum-version: valid with a TLS 1.2+ policy, invalid without SslPolicy, at the listener', () => {
    expect(cfn(listener('      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n'), 'tls-minimum-version').findings).toEqual([]);
    const r = cfn(listener(''), 'tls-minimum-version');
    expect(r.findings).toEqual([{ id: 'defaultPolicy', resource: 'Https', line: r.lineOf('Protocol: HTTPS') }]);
  });

  it('dispatch-link-no-public-address: valid without, invalid with a public address on launch, at the setting', () => {
    expect(cfn(instance(''), 'dispatch-link-no-public-address').findings).toEqual([]);
    const r = cfn(instance('      NetworkInterfaces:\n        - DeviceIndex: "0"\n          SubnetId: !Ref Subnet\n          AssociatePublicIpAddress: true\n'), 'dispatch-link-no-public-address');
    expect(r.findings).toEqual([expect.objectContaining({ resource: 'Ven', line: r.lineOf('AssociatePublicIpAddress: true') })]);
  });

  it('default-security-group-closed: valid for a VPC without zones, invalid for one with (its default group is AWS\'s, open to itself), at the VPC', () => {
    expect(cfn('', 'default-security-group-closed', 'version: 1\nzones:\n  core: { role: internal }\n').findings).toEqual([]);
    const r = cfn('', 'default-security-group-closed');
    expect(r.findings).toEqual([expect.objectContaining({ resource: 'Vpc', line: r.lineOf('  Vpc:') })]);
  });
});
