/**
 * Properties that CloudFormation takes as a list or as a mapping, of the types translate.ts reads.
 * Written as something else (`SecurityGroupIds: sg-1`, `Tags: {Zone: dispatch}`, a list of group
 * ids holding a mapping), CloudFormation refuses the resource at deploy, so what gridfence would
 * judge is not what will run: each is an error at the property, and the translation reads the
 * value as not known, never as no groups or no tags (which would read as the VPC's default group or
 * as no zone). A property not known before deployment is left to the translation.
 *
 * The inline rule lists of a security group (`SecurityGroupIngress`, `SecurityGroupEgress`) and an
 * instance's `Volumes` and `NetworkInterfaces` entries are checked on the model (graph/aws/invalid.ts).
 */
import { TfSet, Unknown, isObject, newObject, type ObjectValue, type Value } from '../../model/value.js';
import type { Node } from './syntax.js';
import { table } from '../../model/table.js';

/** A list of scalars (ids, names), a list of mappings, a list whose entries are checked elsewhere, a mapping. */
type Kind = 'ids' | 'entries' | 'list' | 'map';

const TAGGED: Record<string, Kind> = table({ Tags: 'entries' });
const DB_GROUPS: Record<string, Kind> = table({ VpcSecurityGroupIds: 'ids' });
const SUBNET_GROUP: Record<string, Kind> = table({ SubnetIds: 'ids' });
const SEARCH_DOMAIN: Record<string, Kind> = table({
  EncryptionAtRestOptions: 'map',
  VPCOptions: 'map',
  'VPCOptions.SubnetIds': 'ids',
  'VPCOptions.SecurityGroupIds': 'ids',
  DomainEndpointOptions: 'map',
});
const TGW_ATTACHMENT: Record<string, Kind> = table({ SubnetIds: 'ids', Options: 'map', ...TAGGED });

/** By resource type: property path → kind. Only properties whose kind the resource specification fixes. */
const KINDS: Record<string, Record<string, Kind>> = table<Record<string, Kind>>({
  'AWS::EC2::VPC': TAGGED,
  'AWS::EC2::Subnet': TAGGED,
  'AWS::EC2::InternetGateway': TAGGED,
  'AWS::EC2::RouteTable': TAGGED,
  'AWS::EC2::NatGateway': TAGGED,
  'AWS::EC2::EIP': TAGGED,
  'AWS::EC2::SecurityGroup': TAGGED,
  'AWS::EC2::NetworkAcl': TAGGED,
  'AWS::EC2::NetworkAclEntry': { PortRange: 'map', Icmp: 'map' },
  'AWS::EC2::Instance': {
    SecurityGroupIds: 'ids',
    SecurityGroups: 'ids',
    NetworkInterfaces: 'list',
    'NetworkInterfaces.GroupSet': 'ids',
    Ipv6Addresses: 'list',
    Volumes: 'list',
    BlockDeviceMappings: 'entries',
    MetadataOptions: 'map',
    LaunchTemplate: 'map',
    ...TAGGED,
  },
  'AWS::EC2::NetworkInterface': { GroupSet: 'ids', Ipv6Addresses: 'list', ...TAGGED },
  'AWS::EC2::LaunchTemplate': {
    LaunchTemplateData: 'map',
    'LaunchTemplateData.NetworkInterfaces': 'entries',
    'LaunchTemplateData.NetworkInterfaces.Groups': 'ids',
    'LaunchTemplateData.SecurityGroupIds': 'ids',
    'LaunchTemplateData.SecurityGroups': 'ids',
    'LaunchTemplateData.BlockDeviceMappings': 'entries',
    'LaunchTemplateData.MetadataOptions': 'map',
    'LaunchTemplateData.IamInstanceProfile': 'map',
    TagSpecifications: 'entries',
  },
  'AWS::AutoScaling::LaunchConfiguration': { SecurityGroups: 'ids', MetadataOptions: 'map', BlockDeviceMappings: 'entries' },
  'AWS::AutoScaling::AutoScalingGroup': { VPCZoneIdentifier: 'ids', LaunchTemplate: 'map', MixedInstancesPolicy: 'map', ...TAGGED },
  'AWS::EKS::Nodegroup': { Subnets: 'ids', LaunchTemplate: 'map' },
  'AWS::IAM::Role': { ManagedPolicyArns: 'ids', Policies: 'entries', ...TAGGED },
  'AWS::IAM::InstanceProfile': { Roles: 'ids' },
  'AWS::IAM::Policy': { Roles: 'ids' },
  'AWS::IAM::ManagedPolicy': { Roles: 'ids' },
  'AWS::Lambda::Function': { VpcConfig: 'map', 'VpcConfig.SubnetIds': 'ids', 'VpcConfig.SecurityGroupIds': 'ids', ...TAGGED },
  'AWS::ApiGateway::RestApi': { EndpointConfiguration: 'map', 'EndpointConfiguration.Types': 'ids', 'EndpointConfiguration.VpcEndpointIds': 'ids', ...TAGGED },
  'AWS::ApiGateway::DomainName': { MutualTlsAuthentication: 'map' },
  'AWS::ApiGatewayV2::DomainName': { DomainNameConfigurations: 'entries', MutualTlsAuthentication: 'map' },
  'AWS::CloudFront::Distribution': { DistributionConfig: 'map', 'DistributionConfig.ViewerCertificate': 'map' },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { Subnets: 'ids', SecurityGroups: 'ids', SubnetMappings: 'entries', LoadBalancerAttributes: 'entries', ...TAGGED },
  'AWS::ElasticLoadBalancing::LoadBalancer': { Subnets: 'ids', SecurityGroups: 'ids', Instances: 'ids', AccessLoggingPolicy: 'map', Listeners: 'entries', Policies: 'entries', ...TAGGED },
  'AWS::ElasticLoadBalancingV2::Listener': { DefaultActions: 'entries', Certificates: 'entries', MutualAuthentication: 'map' },
  'AWS::ElasticLoadBalancingV2::ListenerRule': { Actions: 'entries' },
  'AWS::ElasticLoadBalancingV2::TargetGroup': { TargetGroupAttributes: 'entries', Targets: 'entries', ...TAGGED },
  'AWS::EC2::VPNConnection': { VpnTunnelOptionsSpecifications: 'entries', ...TAGGED },
  'AWS::EC2::VPNGatewayRoutePropagation': { RouteTableIds: 'ids' },
  'AWS::EC2::PrefixList': { Entries: 'entries' },
  'AWS::NetworkFirewall::Firewall': { SubnetMappings: 'entries' },
  'AWS::EC2::TransitGatewayAttachment': TGW_ATTACHMENT,
  'AWS::EC2::TransitGatewayVpcAttachment': TGW_ATTACHMENT,
  'AWS::EC2::VPCEndpoint': { RouteTableIds: 'ids', SubnetIds: 'ids', SecurityGroupIds: 'ids' },
  'AWS::RDS::DBSubnetGroup': SUBNET_GROUP,
  'AWS::RDS::DBInstance': { VPCSecurityGroups: 'ids' },
  'AWS::RDS::DBCluster': DB_GROUPS,
  'AWS::DocDB::DBCluster': DB_GROUPS,
  'AWS::Neptune::DBCluster': DB_GROUPS,
  'AWS::Redshift::Cluster': DB_GROUPS,
  'AWS::ElastiCache::CacheCluster': DB_GROUPS,
  'AWS::ElastiCache::ReplicationGroup': { SecurityGroupIds: 'ids' },
  'AWS::ElastiCache::SubnetGroup': SUBNET_GROUP,
  'AWS::DocDB::DBSubnetGroup': SUBNET_GROUP,
  'AWS::Neptune::DBSubnetGroup': SUBNET_GROUP,
  'AWS::Redshift::ClusterSubnetGroup': SUBNET_GROUP,
  'AWS::EFS::MountTarget': { SecurityGroups: 'ids' },
  'AWS::EFS::FileSystem': { FileSystemTags: 'entries' },
  'AWS::OpenSearchService::Domain': SEARCH_DOMAIN,
  'AWS::Elasticsearch::Domain': SEARCH_DOMAIN,
  'AWS::ECS::Service': {
    NetworkConfiguration: 'map',
    'NetworkConfiguration.AwsvpcConfiguration': 'map',
    'NetworkConfiguration.AwsvpcConfiguration.Subnets': 'ids',
    'NetworkConfiguration.AwsvpcConfiguration.SecurityGroups': 'ids',
  },
  'AWS::SSM::Association': { Targets: 'entries' },
  'AWS::GuardDuty::Detector': { Features: 'entries', DataSources: 'map' },
});

type Place = { start: number; end: number };

export interface KindProblem {
  message: string;
  at: Place;
}

/**
 * The properties of a resource of `type`, with each value of the wrong kind replaced by an Unknown
 * (copies along its path: values may be shared with parameters), and a problem for each, placed at
 * the property in `propsNode` (its entry, or the list entry at fault when the list is written out).
 * `unknown(reason, at)` makes the Unknown.
 */
export function checkPropertyKinds(
  type: string,
  logicalId: string,
  properties: ObjectValue,
  propsNode: Node | undefined,
  unknown: Check['unknown'],
): { properties: ObjectValue; problems: KindProblem[] } {
  const kinds = KINDS[type];
  const problems: KindProblem[] = [];
  if (!kinds) return { properties, problems };
  let props = properties;
  for (const [path, kind] of Object.entries(kinds)) {
    // A nested path under a list (NetworkInterfaces.GroupSet) is checked in each of its entries.
    props = checkAt(props, propsNode, propsNode, path.split('.'), [], { kind, id: logicalId, problems, unknown }) as ObjectValue;
  }
  return { properties: props, problems };
}

interface Check {
  kind: Kind;
  id: string;
  problems: KindProblem[];
  unknown: (reason: string, at: Place) => Unknown;
}

/**
 * `v` checked along `keys`. `node` is v's own node where the template writes it out, `near` the
 * nearest node written out around it (an intrinsic's, the property's), where a problem is placed
 * when v's own is not known.
 */
function checkAt(v: Value, node: Node | undefined, near: Node | undefined, keys: readonly string[], shown: readonly string[], c: Check): Value {
  if (Array.isArray(v)) {
    // Entries of a list on the way (a launch template's interfaces): each checked in turn.
    let out: Value[] | undefined;
    v.forEach((x, i) => {
      const item = node?.k === 'seq' && node.items.length === v.length ? node.items[i] : undefined;
      const y = checkAt(x, item, item ?? near, keys, [...shown.slice(0, -1), `${shown[shown.length - 1]}[${i}]`], c);
      if (y !== x) (out ??= [...v])[i] = y;
    });
    return out ?? v;
  }
  if (!isObject(v)) return v;
  const [key, ...rest] = keys as [string, ...string[]];
  const x = v[key];
  if (x === undefined || x === null || x instanceof Unknown) return v;
  const entry = node?.k === 'map' ? node.entries.find((e) => e.key === key) : undefined;
  const path = [...shown, key];
  let y: Value;
  if (rest.length) y = checkAt(x, entry?.value, entry?.value ?? near, rest, path, c);
  else y = checkValue(x, entry?.value, entry ? { start: entry.keyStart, end: entry.value.end } : (near ?? { start: 0, end: 0 }), path.join('.'), c);
  if (y === x) return v;
  const copy = newObject(Object.entries(v));
  copy[key] = y;
  return copy;
}

function checkValue(x: Value, valueNode: Node | undefined, place: Place, path: string, c: Check): Value {
  const refuse = (what: string, where: Place): Unknown => {
    c.problems.push({ message: `${path} of ${c.id} ${what}: CloudFormation refuses the resource at deploy, so what it sets cannot be known`, at: where });
    return c.unknown(`${path} of ${c.id} ${what}`, where);
  };
  if (c.kind === 'map') return isObject(x) ? x : refuse(`is ${describe(x)}, not a mapping`, place);
  const items = Array.isArray(x) ? x : x instanceof TfSet ? x.items : undefined;
  if (!items) return refuse(`is ${describe(x)}, not a list`, place);
  if (c.kind === 'list') return x;
  const bad = items.findIndex((item) => !(item instanceof Unknown) && item !== null && (c.kind === 'ids' ? typeof item === 'object' : !isObject(item)));
  if (bad < 0) return x;
  const itemNode = valueNode?.k === 'seq' && valueNode.items.length === items.length ? valueNode.items[bad] : undefined;
  return refuse(`has ${describe(items[bad]!)} in entry ${bad}, where ${c.kind === 'ids' ? 'each entry is one value' : 'each entry is a mapping'}`, itemNode ?? place);
}

function describe(v: Value): string {
  if (Array.isArray(v) || v instanceof TfSet) return 'a list';
  if (isObject(v)) return 'a mapping';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `the ${typeof v} ${String(v)}`;
}
