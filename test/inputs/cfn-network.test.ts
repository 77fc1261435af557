/**
 * CloudFormation network settings that the translation must carry into the model for the graph to
 * follow the path (cfn/translate.ts): listener forward configurations and rules, classic load
 * balancers, a propagation into several tables, transit gateway peering, Boolean properties written
 * as text, an instance's further interfaces, an empty egress list, prefix lists and Network
 * Firewall. Each case is a small system: BASE (a VPC with a dmz and a dispatch subnet and a host on
 * the dispatch link) and what the case adds or changes.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { writeTree } from '../support/files.js';

const CONFIG = 'version: 1\nzones:\n  dispatch: { role: dispatch-link }\n  dmz: { role: buffer }\n';
const WITH_DER = CONFIG + 'externals:\n  der-sites: { role: der-site, cidrs: ["192.168.0.0/16"] }\n';

const BASE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties: { ResourceId: !Ref Vpc, ResourceType: VPC, TrafficType: ALL, LogDestinationType: s3, LogDestination: arn:aws:s3:::logs }
  Igw:
    Type: AWS::EC2::InternetGateway
  IgwAtt:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw }
  DmzA:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, Tags: [{ Key: gridfence-zone, Value: dmz }] }
  DmzB:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.3.0/24, Tags: [{ Key: gridfence-zone, Value: dmz }] }
  PublicRt:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  PublicDefault:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref PublicRt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
  DmzAAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref DmzA, RouteTableId: !Ref PublicRt }
  DmzBAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref DmzB, RouteTableId: !Ref PublicRt }
  Dispatch:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, Tags: [{ Key: gridfence-zone, Value: dispatch }] }
  DispatchRt:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !Ref Vpc }
  DispatchAssoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: { SubnetId: !Ref Dispatch, RouteTableId: !Ref DispatchRt }
  DispatchSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: dispatch
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]
      Tags: [{ Key: gridfence-zone, Value: dispatch }]
  DispatchHost:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref Dispatch
      PrivateIpAddress: 10.0.2.10
      SecurityGroupIds: [!Ref DispatchSg]
      MetadataOptions: { HttpTokens: required }
      Tags: [{ Key: gridfence-zone, Value: dispatch }]
`;

/** A VPN gateway with a connection to the DER sites' 192.168.0.0/16. */
const VPN = `  Vgw:
    Type: AWS::EC2::VPNGateway
    Properties: { Type: ipsec.1 }
  VgwAtt:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref Vpc, VpnGatewayId: !Ref Vgw }
  Cgw:
    Type: AWS::EC2::CustomerGateway
    Properties: { Type: ipsec.1, BgpAsn: 65000, IpAddress: 198.51.100.7 }
  Vpn:
    Type: AWS::EC2::VPNConnection
    Properties: { Type: ipsec.1, VpnGatewayId: !Ref Vgw, CustomerGatewayId: !Ref Cgw, StaticRoutesOnly: true }
  VpnRoute:
    Type: AWS::EC2::VPNConnectionRoute
    Properties: { VpnConnectionId: !Ref Vpn, DestinationCidrBlock: 192.168.0.0/16 }

`;

/** An internet-facing load balancer in the dmz, its group open to HTTPS, and a target group of the dispatch host. */
const ALB = `  AlbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: alb
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]
      Tags: [{ Key: gridfence-zone, Value: dmz }]
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [!Ref DmzA, !Ref DmzB]
      SecurityGroups: [!Ref AlbSg]
      Tags: [{ Key: gridfence-zone, Value: dmz }]
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 443
      Protocol: HTTPS
      VpcId: !Ref Vpc
      Targets: [{ Id: !Ref DispatchHost }]
`;

/** The internet-facing load balancer's HTTPS listener, its actions to follow. */
const LISTENER = `  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Port: 443
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
`;

/** A database on the dispatch link in the dmz subnets, its group open to the internet on 5432; `props` adds properties. */
const database = (props: string) => BASE + `  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0 }]
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties: { DBSubnetGroupDescription: db, SubnetIds: [!Ref DmzA, !Ref DmzB] }
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBSubnetGroupName: !Ref DbSubnets
      VPCSecurityGroups: [!Ref DbSg]
${props}      Tags: [{ Key: gridfence-zone, Value: dispatch }]
`;

/** A default route of the dispatch subnet to the internet gateway. */
const DISPATCH_DEFAULT = `  DispatchDefault:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref DispatchRt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw }
`;

const HOST = `      SubnetId: !Ref Dispatch
      PrivateIpAddress: 10.0.2.10
      SecurityGroupIds: [!Ref DispatchSg]
`;
const DISPATCH_SUBNET = 'Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, Tags';

function run(template: string, rule: string, config = CONFIG) {
  const dir = writeTree({ 'template.yaml': template, 'gridfence.yaml': config }, 'gridfence-cfn-network-');
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [rule], today: '2026-11-29' });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return {
    found: r.findings.map((f) => `${f.messageId} ${f.certainty} ${f.message}`),
    warnings: r.errors.map((e) => e.message),
  };
}

const inbound = 'inbound definite tcp/443 from the internet reaches DispatchHost on the dispatch link (zone dispatch)';
const toDer = (from: string, zone: string) => `crosses definite Modbus/TCP (tcp/502) from ${from} (zone ${zone}) reaches der-sites, across a zone boundary`;
const outbound = (from: string) => `outbound definite ${from} on the dispatch link (zone dispatch) can open tcp/22 connections to 8.8.8.8 on the internet, outside the declared dispatch channel`;

describe('load balancers', () => {
  it('a listener that forwards by ForwardConfig, to weighted target groups', () => {
    const t = BASE + ALB + LISTENER + `      DefaultActions:
        - Type: forward
          ForwardConfig:
            TargetGroups: [{ TargetGroupArn: !Ref Tg, Weight: 1 }]
`;
    expect(run(t, 'dispatch-link-internet-isolation').found).toEqual([inbound]);
  });

  it('a listener rule that forwards beside a default fixed response', () => {
    const t = BASE + ALB + LISTENER + `      DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "404" } }]
  Rule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Listener
      Priority: 10
      Conditions: [{ Field: path-pattern, PathPatternConfig: { Values: ["/dispatch/*"] } }]
      Actions: [{ Type: forward, TargetGroupArn: !Ref Tg }]
`;
    expect(run(t, 'dispatch-link-internet-isolation').found).toEqual([inbound]);
  });

  it('a ForwardConfig not known before apply may forward anywhere: the host, possibly', () => {
    const t = 'Parameters:\n  Blue: { Type: String }\nConditions:\n  IsBlue: !Equals [!Ref Blue, "yes"]\n' + BASE.replace('AWSTemplateFormatVersion: "2010-09-09"\n', '') + ALB + LISTENER + `      DefaultActions:
        - Type: forward
          ForwardConfig: { TargetGroups: !If [IsBlue, [{ TargetGroupArn: !Ref Tg }], [{ TargetGroupArn: !Ref Tg, Weight: 1 }]] }
`;
    expect(run(t, 'dispatch-link-internet-isolation').found).toContain(inbound.replace(' definite ', ' possible '));
  });

  it('a target group of Lambda functions forwards no packet', () => {
    const t = BASE + ALB.replace('      Targets: [{ Id: !Ref DispatchHost }]\n', '      TargetType: lambda\n      Targets: [{ Id: !ImportValue shared-function-arn }]\n') + `  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { LoadBalancerArn: !Ref Alb, Port: 443, Protocol: HTTPS, SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06, DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Tg }] }
`;
    expect(t).toContain('TargetType: lambda');
    expect(run(t, 'dispatch-link-internet-isolation').found).toEqual([]);
  });

  it('a target group\'s targets are judged as the target group: one waiver on it, used or expired once; no tags asked of its targets', () => {
    const waived = BASE + ALB.replace('  Tg:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n', '  Tg:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n    Metadata:\n      gridfence:\n        ignore: [{ rule: asset-inventory-tags, reason: "owned by the platform team", expires: "2020-01-01" }]\n');
    const dir = writeTree({ 'template.yaml': waived, 'gridfence.yaml': CONFIG }, 'gridfence-cfn-network-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['asset-inventory-tags'], today: '2026-11-29' });
    expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId === 'waiver-expired').map((f) => f.resource)).toEqual(['Tg']);
    expect(r.findings.map((f) => f.resource)).not.toContain('Tg.Targets[0]');
  });

  it('a classic load balancer\'s instance named by its id, outside the configuration, may be any host', () => {
    const t = BASE + `  ElbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: elb
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]
  Elb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Subnets: [!Ref DmzA, !Ref DmzB]
      SecurityGroups: [!Ref ElbSg]
      Listeners: [{ LoadBalancerPort: "443", InstancePort: "443", Protocol: TCP }]
      Instances: [i-0123456789abcdef0]
`;
    expect(run(t, 'dispatch-link-internet-isolation').found).toContain(inbound.replace(' definite ', ' possible '));
  });

  it('a classic load balancer\'s SSL listener terminates TLS', () => {
    const t = BASE + `  Elb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Subnets: [!Ref DmzA, !Ref DmzB]
      Listeners: [{ LoadBalancerPort: "9443", InstancePort: "443", Protocol: SSL, SSLCertificateId: arn:aws:acm:ap-northeast-1:111122223333:certificate/example }]
      Instances: [!Ref DispatchHost]
`;
    expect(run(t, 'external-traffic-encrypted').found.filter((f) => f.includes('9443'))).toEqual([]);
  });

  it('a classic load balancer forwards to the instances it lists, on their port', () => {
    const t = BASE + `  ElbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: elb
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]
      Tags: [{ Key: gridfence-zone, Value: dmz }]
  Elb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Scheme: internet-facing
      Subnets: [!Ref DmzA, !Ref DmzB]
      SecurityGroups: [!Ref ElbSg]
      Listeners: [{ LoadBalancerPort: "443", InstancePort: "443", Protocol: TCP }]
      Instances: [!Ref DispatchHost]
      Tags: [{ Key: gridfence-zone, Value: dmz }]
`;
    expect(run(t, 'dispatch-link-internet-isolation').found).toEqual([inbound]);
  });
});

describe('routing', () => {
  it('a VPN route propagation into several tables propagates into each', () => {
    const t = BASE + VPN + `  Prop:
    Type: AWS::EC2::VPNGatewayRoutePropagation
    Properties: { VpnGatewayId: !Ref Vgw, RouteTableIds: [!Ref PublicRt, !Ref DispatchRt] }
`;
    expect(run(t, 'field-protocols-contained', WITH_DER).found).toEqual([toDer('DispatchHost', 'dispatch')]);
  });

  it('a transit gateway route to a peering attachment leads beyond it', () => {
    const t = BASE + `  Tgw:
    Type: AWS::EC2::TransitGateway
    Properties: { DefaultRouteTableAssociation: disable, DefaultRouteTablePropagation: disable }
  TgwRt:
    Type: AWS::EC2::TransitGatewayRouteTable
    Properties: { TransitGatewayId: !Ref Tgw }
  TgwVpcAtt:
    Type: AWS::EC2::TransitGatewayVpcAttachment
    Properties: { TransitGatewayId: !Ref Tgw, VpcId: !Ref Vpc, SubnetIds: [!Ref Dispatch] }
  TgwVpcAssoc:
    Type: AWS::EC2::TransitGatewayRouteTableAssociation
    Properties: { TransitGatewayAttachmentId: !Ref TgwVpcAtt, TransitGatewayRouteTableId: !Ref TgwRt }
  TgwPeer:
    Type: AWS::EC2::TransitGatewayPeeringAttachment
    Properties: { TransitGatewayId: !Ref Tgw, PeerTransitGatewayId: tgw-0123456789abcdef0, PeerAccountId: "111122223333", PeerRegion: eu-west-1 }
  TgwToDer:
    Type: AWS::EC2::TransitGatewayRoute
    Properties: { TransitGatewayRouteTableId: !Ref TgwRt, DestinationCidrBlock: 192.168.0.0/16, TransitGatewayAttachmentId: !Ref TgwPeer }
  DispatchToDer:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref DispatchRt, DestinationCidrBlock: 192.168.0.0/16, TransitGatewayId: !Ref Tgw }
`;
    expect(run(t, 'field-protocols-contained', WITH_DER).found).toEqual([toDer('DispatchHost', 'dispatch')]);
  });

  it('a route to a prefix list takes its entries', () => {
    const t = BASE + VPN + `  Pl:
    Type: AWS::EC2::PrefixList
    Properties: { PrefixListName: der, AddressFamily: IPv4, MaxEntries: 2, Entries: [{ Cidr: 192.168.0.0/16 }] }
  DispatchToDer:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref DispatchRt, DestinationPrefixListId: !Ref Pl, GatewayId: !Ref Vgw }
`;
    expect(run(t, 'field-protocols-contained', WITH_DER).found).toEqual([toDer('DispatchHost', 'dispatch')]);
  });

  it('a route to a Network Firewall endpoint passes through the firewall, said as not modelled', () => {
    const t = BASE.replace(DISPATCH_SUBNET, 'Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, MapPublicIpOnLaunch: true, Tags') + `  Fw:
    Type: AWS::NetworkFirewall::Firewall
    Properties:
      FirewallName: fw
      FirewallPolicyArn: arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/p
      VpcId: !Ref Vpc
      SubnetMappings: [{ SubnetId: !Ref DmzA }]
  DispatchDefault:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref DispatchRt
      DestinationCidrBlock: 0.0.0.0/0
      VpcEndpointId: !Select [1, !Split [":", !Select [0, !GetAtt Fw.EndpointIds]]]
`;
    const r = run(t, 'dispatch-link-internet-isolation');
    expect(r.warnings).toContain('Fw: Network Firewall rule groups are not evaluated; the firewall is taken to pass whatever routes send it');
    expect(r.found).toEqual([outbound('DispatchHost')]);
  });
});

describe('Boolean properties written as text', () => {
  it('a network ACL entry with Egress: "true" is an outbound entry', () => {
    const acl = `  DispatchAcl:
    Type: AWS::EC2::NetworkAcl
    Properties: { VpcId: !Ref Vpc }
  DispatchAclAssoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: { SubnetId: !Ref Dispatch, NetworkAclId: !Ref DispatchAcl }
  AclIn:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref DispatchAcl, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 10.0.0.0/16, PortRange: { From: 443, To: 443 } }
  AclOut:
    Type: AWS::EC2::NetworkAclEntry
    Properties: { NetworkAclId: !Ref DispatchAcl, RuleNumber: 100, Protocol: 6, Egress: "true", RuleAction: allow, CidrBlock: 10.0.0.0/16, PortRange: { From: 1024, To: 65535 } }
`;
    const listener = LISTENER + `      DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Tg }]
`;
    expect(run(BASE + ALB + listener + acl, 'dispatch-link-internet-isolation').found).toEqual([inbound]);
  });

  it('MapPublicIpOnLaunch: "true" gives the host a public address', () => {
    const t = BASE.replace(DISPATCH_SUBNET, 'Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, MapPublicIpOnLaunch: "true", Tags') + DISPATCH_DEFAULT;
    expect(run(t, 'dispatch-link-internet-isolation').found).toEqual([outbound('DispatchHost')]);
  });

  it('a default VPC\'s forms: an ingress resource names its group by GroupName (as text or by Ref), an inline rule its peer by SourceSecurityGroupName', () => {
    const pub = BASE.replace(DISPATCH_SUBNET, 'Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, MapPublicIpOnLaunch: true, Tags') + DISPATCH_DEFAULT;
    const named = pub.replace('      GroupDescription: dispatch\n', '      GroupDescription: dispatch\n      GroupName: dispatch-sg\n');
    const byName = (group: string) => `  OpenByName:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties: { GroupName: ${group}, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }\n`;
    expect(run(named + byName('dispatch-sg'), 'dispatch-link-internet-isolation').found).toEqual([outbound('DispatchHost'), inbound]);
    expect(run(named + byName('!Ref DispatchSg'), 'dispatch-link-internet-isolation').found).toEqual([outbound('DispatchHost'), inbound]);
    // A peer group named by a name no held group has: its members are not known, so any address.
    const peer = pub.replace('SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]', 'SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupName: partners, SourceSecurityGroupOwnerId: "123456789012" }]');
    expect(run(peer, 'dispatch-link-internet-isolation').found).toEqual([outbound('DispatchHost'), inbound.replace('inbound definite', 'inbound possible')]);
  });

  it('AssociatePublicIpAddress: "true" on the primary interface gives the host a public address', () => {
    const t = BASE.replace(HOST, `      NetworkInterfaces:\n        - { DeviceIndex: "0", SubnetId: !Ref Dispatch, AssociatePublicIpAddress: "true", GroupSet: [!Ref DispatchSg] }\n`) + DISPATCH_DEFAULT;
    expect(run(t, 'dispatch-link-internet-isolation').found).toEqual([outbound('DispatchHost')]);
  });

  it('SourceDestCheck: "false" makes an instance a router', () => {
    const t = BASE + VPN + `  ToDer:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref PublicRt, DestinationCidrBlock: 192.168.0.0/16, GatewayId: !Ref Vgw }
  RouterSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: router
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: "-1", CidrIp: 10.0.2.0/24 }]
  Router:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      SubnetId: !Ref DmzA
      PrivateIpAddress: 10.0.1.10
      SourceDestCheck: "false"
      SecurityGroupIds: [!Ref RouterSg]
      Tags: [{ Key: gridfence-zone, Value: dmz }]
  DispatchToDer:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref DispatchRt, DestinationCidrBlock: 192.168.0.0/16, InstanceId: !Ref Router }
`;
    expect(run(t, 'field-protocols-contained', WITH_DER).found).toContain(toDer('DispatchHost', 'dispatch'));
  });

  it('PubliclyAccessible: "true" puts a database on the internet', () => {
    const t = database('      PubliclyAccessible: "true"\n');
    expect(run(t, 'dispatch-link-internet-isolation').found).toContain('inbound definite tcp/5432 from the internet reaches Db on the dispatch link (zone dispatch)');
  });
});

describe('databases', () => {
  it('a database that leaves PubliclyAccessible unset is public when its VPC has an internet gateway (RDS\'s default)', () => {
    const t = database('');
    expect(run(t, 'dispatch-link-internet-isolation').found).toContain('inbound definite tcp/5432 from the internet reaches Db on the dispatch link (zone dispatch)');
  });

  it('an Aurora instance sits in its cluster\'s subnet group, filtered by its cluster\'s security groups', () => {
    const t = BASE + `  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      VpcId: !Ref Vpc
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0 }]
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties: { DBSubnetGroupName: aurora, DBSubnetGroupDescription: db, SubnetIds: [!Ref DmzA, !Ref DmzB] }
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties: { Engine: aurora-postgresql, DBSubnetGroupName: aurora, VpcSecurityGroupIds: [!Ref DbSg], StorageEncrypted: true }
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: !Ref Cluster
      PubliclyAccessible: true
      Tags: [{ Key: gridfence-zone, Value: dispatch }]
`;
    expect(run(t, 'dispatch-link-internet-isolation').found).toContain('inbound definite tcp/5432 from the internet reaches Db on the dispatch link (zone dispatch)');
  });
});

describe('instances and their interfaces', () => {
  it('a further interface written inline is an interface of its own, in its subnet; the primary is device index 0', () => {
    const two = BASE.replace(HOST, `      NetworkInterfaces:\n        - { DeviceIndex: "1", SubnetId: !Ref DmzA, GroupSet: [!Ref DispatchSg] }\n        - { DeviceIndex: "0", SubnetId: !Ref Dispatch, PrivateIpAddress: 10.0.2.10, GroupSet: [!Ref DispatchSg] }\n`);
    expect(run(two, 'asset-inventory-tags').found.filter((f) => f.includes('NetworkInterfaces'))).toEqual([]);
    expect(run(two, 'zone-segmentation').found).toEqual([
      'sharedGroup definite DispatchSg protects DispatchHost on the dispatch link (zone dispatch) and DispatchHost.NetworkInterfaces[0] of zone dmz',
    ]);
  });

  it('a DeviceIndex written as a mapping is no device index 0: the run goes on, the first entry the primary', () => {
    const odd = BASE.replace(HOST, `      NetworkInterfaces:\n        - { DeviceIndex: { Name: shared }, SubnetId: !Ref Dispatch, GroupSet: [!Ref DispatchSg] }\n`);
    expect(run(odd, 'zone-segmentation').found).toEqual([]);
  });

  it('a further interface attached by NetworkInterfaceAttachment is one host with the instance: an Elastic IP on it opens the dispatch link to the internet', () => {
    const eip = (on: string) => `  Eip:\n    Type: AWS::EC2::EIP\n    Properties: { Domain: vpc }\n  EipAssoc:\n    Type: AWS::EC2::EIPAssociation\n    Properties: { AllocationId: !GetAtt Eip.AllocationId, NetworkInterfaceId: ${on} }\n`;
    const open = BASE.replace('SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]', 'SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]');
    const attached =
      open +
      `  Eni:\n    Type: AWS::EC2::NetworkInterface\n    Properties: { SubnetId: !Ref DmzA, PrivateIpAddress: 10.0.1.20, GroupSet: [!Ref DispatchSg] }\n  EniAtt:\n    Type: AWS::EC2::NetworkInterfaceAttachment\n    Properties: { InstanceId: !Ref DispatchHost, NetworkInterfaceId: !Ref Eni, DeviceIndex: "1" }\n` +
      eip('!Ref Eni');
    expect(run(attached, 'dispatch-link-internet-isolation').found).toEqual([outbound('DispatchHost'), inbound]);
    expect(run(attached.replace(/  EniAtt:[^\n]*\n[^\n]*\n[^\n]*\n/, ''), 'dispatch-link-internet-isolation').found).toEqual([]);
  });

  it('a setting written in the primary interface is found there', () => {
    const misplaced = BASE.replace(HOST, `      NetworkInterfaces:\n        - { DeviceIndex: "0", SubnetId: !Ref DmzA, GroupSet: [!Ref DispatchSg] }\n`);
    const dir = writeTree({ 'template.yaml': misplaced, 'gridfence.yaml': CONFIG }, 'gridfence-cfn-network-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['zone-segmentation'], today: '2026-11-29' });
    const line = misplaced.split('\n').findIndex((l) => l.includes('SubnetId: !Ref DmzA, GroupSet')) + 1;
    expect(r.findings.filter((f) => f.messageId === 'misplaced').map((f) => `${f.messageId} ${f.resource} ${f.location.line}:${f.location.column}`)).toEqual([`misplaced DispatchHost ${line}:${misplaced.split('\n')[line - 1]!.indexOf('SubnetId') + 1}`]);
  });

  it('interfaces under an Fn::If on a condition not known leave the primary interface\'s subnet, groups and public address not known, never absent', () => {
    const t = BASE.replace('Resources:\n', 'Conditions:\n  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]\nResources:\n').replace(
      HOST,
      `      NetworkInterfaces: !If\n        - InTokyo\n        - [{ DeviceIndex: "0", SubnetId: !Ref Dispatch, GroupSet: [!Ref DispatchSg] }]\n        - [{ DeviceIndex: "0", SubnetId: !Ref Dispatch, AssociatePublicIpAddress: true, GroupSet: [!Ref DispatchSg] }]\n`,
    );
    const dir = writeTree({ 'template.yaml': t, 'gridfence.yaml': CONFIG }, 'gridfence-cfn-network-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-no-public-address'], today: '2026-11-29' });
    const line = t.split('\n').findIndex((l) => l.includes('NetworkInterfaces: !If')) + 1;
    expect(r.findings.map((f) => `${f.messageId} ${f.certainty} ${f.resource} ${f.location.line}:${f.location.column}`)).toEqual([`publicIp possible DispatchHost ${line}:7`]);
  });

  it('a primary interface entry under an Fn::If on a condition not known leaves its subnet, groups and public address not known, never absent', () => {
    const t = BASE.replace('Resources:\n', 'Conditions:\n  InTokyo: !Equals [!Ref AWS::Region, ap-northeast-1]\nResources:\n').replace(
      HOST,
      `      NetworkInterfaces:\n        - !If [InTokyo, { DeviceIndex: "0", SubnetId: !Ref Dispatch, GroupSet: [!Ref DispatchSg] }, { DeviceIndex: "0", SubnetId: !Ref Dispatch, AssociatePublicIpAddress: true, GroupSet: [!Ref DispatchSg] }]\n`,
    );
    const dir = writeTree({ 'template.yaml': t, 'gridfence.yaml': CONFIG }, 'gridfence-cfn-network-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-no-public-address'], today: '2026-11-29' });
    const line = t.split('\n').findIndex((l) => l.includes('- !If [InTokyo')) + 1;
    expect(r.findings.map((f) => `${f.messageId} ${f.certainty} ${f.resource} ${f.location.line}:${f.location.column} ${f.unknowns.map((u) => u.reason).join('; ')}`)).toEqual([
      `publicIp possible DispatchHost ${line - 1}:7 AWS::Region is known only at deployment`,
    ]);
  });

  it('IPv6: an Amazon-provided range, a subnet range cut from it, and the addresses of interfaces not known or written inline are in the graph, and the internet reaches them over IPv6', () => {
    // The VPC's range is assigned at apply: the dispatch subnet's /64 is cut from its stand-in.
    const six = (t: string) =>
      t
        .replace('  DispatchSg:\n', '  Vpc6:\n    Type: AWS::EC2::VPCCidrBlock\n    Properties: { VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true }\n  Dispatch6:\n    Type: AWS::EC2::SubnetCidrBlock\n    Properties: { SubnetId: !Ref Dispatch, Ipv6CidrBlock: !Select [0, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 256, 64]] }\n  Dispatch6Default:\n    Type: AWS::EC2::Route\n    Properties: { RouteTableId: !Ref DispatchRt, DestinationIpv6CidrBlock: "::/0", GatewayId: !Ref Igw }\n  DispatchSg:\n')
        .replace('CidrIp: 10.0.0.0/16 }]', 'CidrIp: 10.0.0.0/16 }, { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: "::/0" }]');
    const run6 = (t: string) => {
      const dir = writeTree({ 'template.yaml': t, 'gridfence.yaml': CONFIG }, 'gridfence-cfn-network-');
      const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-internet-isolation'], today: '2026-11-29' });
      return {
        findings: r.findings.map((f) => `${f.certainty} ${f.resource} ${f.flow?.source} → ${f.flow?.destination} ${f.flow?.ports}`),
        problems: r.errors.map((e) => `${e.severity} ${e.location?.line}:${e.location?.column} ${e.message}`),
      };
    };
    // A count given by a parameter without value: the host may have an address, resting on that.
    const unknown = six(BASE.replace('Resources:\n', 'Parameters:\n  V6Count: { Type: Number }\nResources:\n').replace(HOST, `${HOST}      Ipv6AddressCount: !Ref V6Count\n`));
    const vpc6 = unknown.split('\n').findIndex((l) => l === '  Vpc6:') + 1;
    const host = run6(unknown);
    // In, and out by AWS's default egress rule, which takes IPv6 in a VPC with an IPv6 range.
    expect(host.findings).toEqual(['possible DispatchSg DispatchHost → the internet (2001:4860:4860::8888) any', 'possible DispatchSg the internet → 2001:db8:0:100::/64 443']);
    expect(host.problems).toEqual([`warning ${vpc6}:3 Vpc6: the IPv6 range it gives Vpc is assigned at apply: 2001:db8:0:100::/56 stands for it in paths, and a /64 of it for each subnet's range cut from it at apply`]);
    const further = six(
      BASE.replace(
        HOST,
        `      NetworkInterfaces:\n        - { DeviceIndex: "0", SubnetId: !Ref Dispatch, PrivateIpAddress: 10.0.2.10, GroupSet: [!Ref DispatchSg] }\n        - { DeviceIndex: "1", SubnetId: !Ref Dispatch, Ipv6AddressCount: 1, GroupSet: [!Ref DispatchSg] }\n`,
      ),
    );
    // The instance sends through its further interface too: one host.
    expect(run6(further).findings).toEqual([
      'definite DispatchSg DispatchHost.NetworkInterfaces[1] → the internet (2001:4860:4860::8888) any',
      'definite DispatchSg DispatchHost → the internet (2001:4860:4860::8888) any',
      'definite DispatchSg the internet → 2001:db8:0:100::/64 443',
    ]);
    // Without IPv6 addresses the same system has no way in: IPv4 needs a public address.
    expect(run6(six(BASE)).findings).toEqual([]);
  });

  it('Volumes whose entries have no VolumeId (a list parameter\'s ids) are refused by CloudFormation: an error at each entry, never no volume', () => {
    const t = BASE.replace('Resources:\n', 'Parameters:\n  Data: { Type: CommaDelimitedList, Default: "vol-0123456789abcdef0" }\nResources:\n').replace(HOST, `${HOST}      Volumes: !Ref Data\n`);
    const dir = writeTree({ 'template.yaml': t, 'gridfence.yaml': CONFIG }, 'gridfence-cfn-network-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['data-at-rest-encrypted'], today: '2026-11-29' });
    const line = t.split('\n').findIndex((l) => l.includes('Volumes: !Ref Data')) + 1;
    expect(r.errors.filter((e) => e.code === 'invalid-value').map((e) => `${e.severity} ${e.location?.line}:${e.location?.column} ${e.message}`)).toEqual([
      `error ${line}:7 DispatchHost.Volumes[0] volume_id: the entry has no VolumeId: CloudFormation refuses the instance at deploy, so the volume it attaches cannot be known`,
    ]);
  });

  it('NetworkInterfaces whose entries have no DeviceIndex (a list parameter\'s ids) are refused by CloudFormation: an error at them, never an instance in a default subnet', () => {
    const t = BASE.replace('Resources:\n', 'Parameters:\n  Enis: { Type: CommaDelimitedList, Default: "eni-0123456789abcdef0" }\nResources:\n').replace(HOST, '      NetworkInterfaces: !Ref Enis\n');
    const dir = writeTree({ 'template.yaml': t, 'gridfence.yaml': CONFIG }, 'gridfence-cfn-network-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['dispatch-link-no-public-address'], today: '2026-11-29' });
    const line = t.split('\n').findIndex((l) => l.includes('NetworkInterfaces: !Ref Enis')) + 1;
    expect(r.errors.filter((e) => e.code === 'invalid-value').map((e) => `${e.severity} ${e.location?.line}:${e.location?.column} ${e.message}`)).toEqual([
      `error ${line}:7 DispatchHost network_interface[0]: NetworkInterfaces[0] has no DeviceIndex: CloudFormation refuses the instance at deploy, so its interfaces cannot be known`,
    ]);
  });

  it('an interface named by NetworkInterfaceId is the instance\'s primary one, its subnet and groups known', () => {
    const byId = BASE.replace(HOST, `      NetworkInterfaces:\n        - { DeviceIndex: "0", NetworkInterfaceId: !Ref Eni }\n`).replace(DISPATCH_SUBNET, 'Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, MapPublicIpOnLaunch: true, Tags') + `  Eni:
    Type: AWS::EC2::NetworkInterface
    Properties: { SubnetId: !Ref Dispatch, PrivateIpAddress: 10.0.2.10, GroupSet: [!Ref DispatchSg] }
` + DISPATCH_DEFAULT;
    const r = run(byId, 'dispatch-link-internet-isolation');
    expect(r.found).toContain(outbound('DispatchHost'));
    expect(r.found.every((f) => f.includes(' definite '))).toBe(true);
  });
});

describe('security groups', () => {
  it('SecurityGroupEgress: [] adds no rule, so AWS\'s allow-all egress stays', () => {
    const t = BASE.replace(DISPATCH_SUBNET, 'Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, MapPublicIpOnLaunch: true, Tags').replace('      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]\n', '      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]\n      SecurityGroupEgress: []\n') + DISPATCH_DEFAULT;
    expect(t).toContain('SecurityGroupEgress: []');
    expect(run(t, 'dispatch-link-internet-isolation').found).toEqual([outbound('DispatchHost')]);
  });

  it('a port written as a mapping is not a port: read as any port, the finding possible, no crash', () => {
    const t = BASE.replace('SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }]', 'SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: { From: 22 }, ToPort: 22, CidrIp: 0.0.0.0/0 }]');
    expect(run(t, 'ingress-from-declared-sources').found).toEqual(['internet possible DispatchSg allows tcp from 0.0.0.0/0, the whole internet']);
    const dir = writeTree({ 'template.yaml': t, 'gridfence.yaml': CONFIG }, 'gridfence-cfn-network-');
    const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources', 'dispatch-link-internet-isolation'], today: '2026-11-29' });
    expect(r.findings.map((f) => `${f.ruleId} ${f.certainty} ${f.unknowns.map((u) => u.reason).join('; ')}`)).toEqual([
      'ingress-from-declared-sources possible the protocol or ports of DispatchSg ingress[0] are not valid ("tcp", {"From":22}, 22)',
    ]);
  });
});
