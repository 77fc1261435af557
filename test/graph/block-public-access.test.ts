/**
 * VPC Block Public Access: what the internet starts toward a subnet's endpoints is blocked in the
 * Region of the setting, save the subnets and VPCs an allow-bidirectional exclusion names; values
 * not known before apply leave the path possible; a setting of another provider, module or root
 * changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { PathAnalysis } from '../../src/graph/analysis.js';
import { pathQuery } from '../../src/graph/query.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { CHANNEL_EGRESS, DISPATCH_YAML, dispatchRoutes, NETWORK, ROUTE, securityGroup, sgRule, ven } from '../support/dispatch-network.js';
import { jaText } from '../../src/linter/ja-text.js';
import { toLocation } from '../../src/model/source.js';
import { writeTree } from '../support/files.js';
import { lintFiles, rangeOf } from '../support/rule-tester.js';

const ID = 'dispatch-link-internet-isolation';
/** A public VEN whose group admits HTTPS from anywhere, with a return route to the internet gateway: the internet reaches it. */
const EXPOSED = NETWORK + dispatchRoutes(ROUTE.defaultIgw) + securityGroup('ven', sgRule('ingress', 'tcp', 443, 443, '0.0.0.0/0'), CHANNEL_EGRESS) + ven('true');
const options = (mode: string, extra = '') => `resource "aws_vpc_block_public_access_options" "region" {\n  internet_gateway_block_mode = ${mode}\n${extra}}\n`;
const exclusion = (mode: string, target: string) => `resource "aws_vpc_block_public_access_exclusion" "x" {\n  internet_gateway_exclusion_mode = "${mode}"\n  ${target}\n}\n`;

const findings = (main: string) => lintFiles(ID, { 'main.tf': main }, { config: DISPATCH_YAML }).findings.map((f) => `${f.messageId} ${f.certainty}`);

function blocked(main: string): string[] {
  const dir = writeTree({ 'main.tf': main, 'gridfence.yaml': DISPATCH_YAML, '.git/HEAD': '' }, 'gridfence-bpa-');
  const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
  const pa = new PathAnalysis(sys.model.resources, sys.config, (a) => sys.zoneOf.get(a), sys.placedHosts);
  const r = pathQuery(pa, { from: 'internet', to: 'aws_instance.ven', port: 443, protocol: 'tcp' });
  if (!r.ok) throw new Error(r.error);
  expect(r.flows).toEqual([]);
  return (r.blocked?.answer.hops ?? []).flatMap((h) => (h.blockedBy ?? []).map((b) => `${b.code} ${b.span ? toLocation(b.span).line : ''}`));
}

describe('VPC Block Public Access', () => {
  it('without it, the internet reaches the exposed VEN', () => {
    expect(findings(EXPOSED)).toEqual(['inbound definite']);
  });

  it('block-bidirectional and block-ingress keep the internet out: no finding, and the blocked path names the setting at its mode', () => {
    for (const mode of ['"block-bidirectional"', '"block-ingress"']) {
      const main = EXPOSED + options(mode);
      expect(findings(main)).toEqual([]);
      expect(blocked(main)).toEqual([`VPC_BPA_BLOCK ${rangeOf(main, 'internet_gateway_block_mode').line}`]);
    }
  });

  it('off changes nothing', () => {
    expect(findings(EXPOSED + options('"off"'))).toEqual(['inbound definite']);
  });

  it('an allow-bidirectional exclusion of the subnet or its VPC lets the internet in again; allow-egress does not', () => {
    expect(findings(EXPOSED + options('"block-bidirectional"') + exclusion('allow-bidirectional', 'subnet_id = aws_subnet.dispatch.id'))).toEqual(['inbound definite']);
    expect(findings(EXPOSED + options('"block-bidirectional"') + exclusion('allow-bidirectional', 'vpc_id = aws_vpc.main.id'))).toEqual(['inbound definite']);
    expect(findings(EXPOSED + options('"block-bidirectional"') + exclusion('allow-egress', 'subnet_id = aws_subnet.dispatch.id'))).toEqual([]);
    // An exclusion only names its subnet: no warning that it places anything there.
    const warnings = lintFiles(ID, { 'main.tf': EXPOSED + options('"block-bidirectional"') + exclusion('allow-egress', 'subnet_id = aws_subnet.dispatch.id') }, { config: DISPATCH_YAML }).errors;
    expect(warnings.filter((e) => e.code === 'not-modelled')).toEqual([]);
    // An exclusion of another subnet lifts nothing here.
    expect(findings(EXPOSED + options('"block-bidirectional"') + exclusion('allow-bidirectional', 'subnet_id = aws_subnet.dmz.id'))).toEqual([]);
  });

  it('a mode, an exclusion\'s target or an id the configuration does not hold, not known before apply: the path is possible', () => {
    expect(findings(`variable "bpa" {}\n${EXPOSED}${options('var.bpa')}`)).toEqual(['inbound possible']);
    expect(findings(`variable "subnet" {}\n${EXPOSED}${options('"block-bidirectional"')}${exclusion('allow-bidirectional', 'subnet_id = var.subnet')}`)).toEqual(['inbound possible']);
    expect(findings(EXPOSED + options('"block-bidirectional"') + exclusion('allow-bidirectional', 'subnet_id = "subnet-0123456789abcdef0"'))).toEqual(['inbound possible']);
    // A setting whose count is not known may not exist.
    expect(findings(`variable "on" {}\n${EXPOSED}${options('"block-bidirectional"', '  count = var.on ? 1 : 0\n')}`)).toEqual(['inbound possible']);
  });

  it('a setting under another provider configuration (another Region, maybe) changes nothing', () => {
    const main = `provider "aws" {\n  alias  = "osaka"\n  region = "ap-northeast-3"\n}\n${EXPOSED}${options('"block-bidirectional"', '  provider = aws.osaka\n')}`;
    expect(findings(main)).toEqual(['inbound definite']);
    // An exclusion under another provider configuration may still be of the setting's Region: possible.
    const apart = `provider "aws" {\n  alias  = "osaka"\n  region = "ap-northeast-3"\n}\n${EXPOSED}${options('"block-bidirectional"')}${exclusion('allow-bidirectional', 'subnet_id = aws_subnet.dispatch.id').replace('resource "aws_vpc_block_public_access_exclusion" "x" {\n', 'resource "aws_vpc_block_public_access_exclusion" "x" {\n  provider = aws.osaka\n')}`;
    expect(findings(apart)).toEqual(['inbound possible']);
    // So does one with a Region of its own (the provider's per-resource region); one not known before apply may be the subnet's.
    expect(findings(EXPOSED + options('"block-bidirectional"', '  region = "ap-northeast-3"\n'))).toEqual(['inbound definite']);
    expect(findings(`variable "region" {}\n${EXPOSED}${options('"block-bidirectional"', '  region = var.region\n')}`)).toEqual(['inbound possible']);
  });

  it('in Japanese: the setting a blocked path names, and why a path through an exclusion is possible', () => {
    const main = EXPOSED + options('"block-bidirectional"') + exclusion('allow-bidirectional', 'subnet_id = "subnet-0123456789abcdef0"');
    const [f] = lintFiles(ID, { 'main.tf': main }, { config: DISPATCH_YAML, lang: 'ja' }).findings;
    expect(f!.unknowns.map((u) => u.reason)).toEqual(['aws_vpc_block_public_access_exclusion.x は "subnet-0123456789abcdef0" を除外していますが、構成内にその名前のものはありません: aws_subnet.dispatch かその VPC かもしれません']);
    expect(jaText('VPC Block Public Access (block-ingress) of aws_vpc_block_public_access_options.region blocks what the internet starts toward aws_subnet.dispatch')).toBe(
      'aws_vpc_block_public_access_options.region の VPC パブリックアクセスのブロック（block-ingress）が、インターネットから aws_subnet.dispatch への通信の開始を遮断します',
    );
  });

  it('CloudFormation: the setting in the same template blocks what the internet starts (what leaves stays as it is)', () => {
    const template = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.10.0.0/16 }
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
  Dispatch:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.10.1.0/24, Tags: [{ Key: gridfence-zone, Value: dispatch }] }
  Table:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  Default:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref Dispatch, RouteTableId: !Ref Table }
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ven
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]
  Ven:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      NetworkInterfaces: [{ DeviceIndex: "0", SubnetId: !Ref Dispatch, AssociatePublicIpAddress: true, GroupSet: [!Ref Group] }]
`;
    const run = (t: string) => lintFiles(ID, { 'template.yaml': t }, { config: DISPATCH_YAML }).findings.filter((f) => f.messageId === 'inbound').map((f) => `${f.messageId} ${f.certainty}`);
    expect(run(template)).toEqual(['inbound definite']);
    expect(run(`${template}  Bpa:\n    Type: AWS::EC2::VPCBlockPublicAccessOptions\n    Properties: { InternetGatewayBlockMode: block-bidirectional }\n`)).toEqual([]);
  });
});
