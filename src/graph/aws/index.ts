/** The AWS resources of a loaded model as the vendor-independent network (model/network.ts). */
import { formatPrefix, type Prefix } from '../../model/net/cidr.js';
import { emptyNetwork, type Network } from '../../model/network.js';
import type { ModelResource } from '../../model/resource.js';
import { readAcls } from './acls.js';
import { ResourceIndex, prefixesOf } from './common.js';
import { readEndpoints } from './endpoints.js';
import { readGroups } from './groups.js';
import { placeOutside } from './outside.js';
import { prefixListEntries } from './prefix-lists.js';
import { readRouting } from './routing.js';
import { readTransitGateways } from './transit.js';
import { unheldPlacements } from './unheld-placements.js';
import { readIngressBlocks } from './block-public-access.js';
import { table } from '../../model/table.js';

/** The same sentence for a Terraform type and its CloudFormation type. */
function both(tf: string, cfn: string, what: string): Record<string, string> {
  return { [tf]: what, [cfn]: what };
}

/** Resource types that affect forwarding but that this model does not follow yet: said as warnings. */
export const NOT_MODELLED: Readonly<Record<string, string>> = table({
  aws_ec2_transit_gateway_connect: 'transit gateway Connect attachments are not followed',
  aws_networkfirewall_firewall: 'Network Firewall rule groups are not evaluated; the firewall is taken to pass whatever routes send it',
  aws_dx_gateway_association: 'Direct Connect is not followed',
  aws_ec2_client_vpn_endpoint: 'Client VPN is not followed: the remote users it admits into the VPC are a source the graph does not know',
  'AWS::EC2::ClientVpnEndpoint': 'Client VPN is not followed: the remote users it admits into the VPC are a source the graph does not know',
  aws_ec2_instance_connect_endpoint: 'EC2 Instance Connect endpoints (SSH and RDP into the VPC) are not followed',
  'AWS::EC2::InstanceConnectEndpoint': 'EC2 Instance Connect endpoints (SSH and RDP into the VPC) are not followed',
  // Ways in that bypass the VPC's gateways and routes: what they admit reaches their targets from outside the graph.
  ...both('aws_globalaccelerator_endpoint_group', 'AWS::GlobalAccelerator::EndpointGroup', 'Global Accelerator is not followed: the internet reaches the endpoints it names (internal load balancers and private instances too) without the VPC\'s internet gateway, and those flows are not checked'),
  ...both('aws_cloudfront_vpc_origin', 'AWS::CloudFront::VpcOrigin', 'CloudFront VPC origins are not followed: the internet reaches the internal load balancer or instance they name through CloudFront, and those flows are not checked'),
  ...both('aws_vpc_endpoint_service', 'AWS::EC2::VPCEndpointService', 'PrivateLink endpoint services are not followed: the VPCs and accounts they admit reach their load balancers from outside the graph, and those flows are not checked'),
  ...both('aws_vpclattice_service_network_vpc_association', 'AWS::VpcLattice::ServiceNetworkVpcAssociation', 'VPC Lattice service networks are not followed: the services and clients of other VPCs they join are a source and destination the graph does not know'),
  ...both('aws_networkmanager_vpc_attachment', 'AWS::NetworkManager::VpcAttachment', 'Cloud WAN attachments are not followed: the networks of the core network reach the VPC from outside the graph, and those flows are not checked'),
  ...both('aws_verifiedaccess_endpoint', 'AWS::EC2::VerifiedAccessEndpoint', 'Verified Access endpoints are not followed: the users they admit from the internet reach the load balancer or interface they name, and those flows are not checked'),
  aws_lightsail_instance: 'Lightsail instances live outside the VPCs the graph holds: flows to and from them are not checked',
  // Networks of other clouds: the path analysis reads AWS only (the compliance view says so too: compliance/facts.ts).
  azurerm_virtual_network: 'Azure virtual networks are not modelled by the path analysis: flows to, from and within them are not checked',
  google_compute_network: 'Google Cloud VPC networks are not modelled by the path analysis: flows to, from and within them are not checked',
  'AWS::Lightsail::Instance': 'Lightsail instances live outside the VPCs the graph holds: flows to and from them are not checked',
  ...Object.fromEntries(
    [
      ['aws_autoscaling_group', 'AWS::AutoScaling::AutoScalingGroup', 'the instances an Auto Scaling group launches'],
      ['aws_spot_fleet_request', 'AWS::EC2::SpotFleet', 'the instances a Spot Fleet launches'],
      ['aws_ec2_fleet', 'AWS::EC2::EC2Fleet', 'the instances an EC2 Fleet launches'],
      ['aws_ecs_service', 'AWS::ECS::Service', 'the tasks an ECS service runs'],
      ['aws_eks_cluster', 'AWS::EKS::Cluster', 'the interfaces of an EKS cluster'],
      ['aws_eks_node_group', 'AWS::EKS::Nodegroup', 'the nodes of an EKS node group'],
      ['aws_elasticache_cluster', 'AWS::ElastiCache::CacheCluster', 'ElastiCache nodes'],
      ['aws_elasticache_replication_group', 'AWS::ElastiCache::ReplicationGroup', 'ElastiCache nodes'],
      ['aws_mq_broker', 'AWS::AmazonMQ::Broker', 'Amazon MQ brokers'],
      ['aws_msk_cluster', 'AWS::MSK::Cluster', 'MSK brokers'],
      ['aws_opensearch_domain', 'AWS::OpenSearchService::Domain', 'OpenSearch domains'],
      ['aws_elasticsearch_domain', 'AWS::Elasticsearch::Domain', 'Elasticsearch domains'],
      ['aws_redshift_cluster', 'AWS::Redshift::Cluster', 'Redshift clusters'],
      ['aws_docdb_cluster_instance', 'AWS::DocDB::DBInstance', 'DocumentDB instances'],
      ['aws_neptune_cluster_instance', 'AWS::Neptune::DBInstance', 'Neptune instances'],
      ['aws_efs_mount_target', 'AWS::EFS::MountTarget', 'EFS mount targets'],
      ['aws_transfer_server', 'AWS::Transfer::Server', 'Transfer Family servers'],
      ['aws_route53_resolver_endpoint', 'AWS::Route53Resolver::ResolverEndpoint', 'Route 53 Resolver endpoints'],
      ['aws_sagemaker_notebook_instance', 'AWS::SageMaker::NotebookInstance', 'SageMaker notebook instances'],
      ['aws_emr_cluster', 'AWS::EMR::Cluster', 'EMR clusters'],
      ['aws_apigatewayv2_vpc_link', 'AWS::ApiGatewayV2::VpcLink', 'API Gateway VPC links'],
      ['aws_api_gateway_vpc_link', 'AWS::ApiGateway::VpcLink', 'API Gateway VPC links'],
    ].flatMap(([tf, cfn, what]) => {
      const text = `${what} are not endpoints of the graph: flows to and from them are not checked`;
      return [
        [tf!, text],
        [cfn!, text],
      ];
    }),
  ),
});

/** `declared`: the prefixes of gridfence.yaml's zones and externals (readRouting). */
export function awsNetwork(resources: readonly ModelResource[], declared: readonly Prefix[] = []): Network {
  const index = new ResourceIndex(resources);
  const net = emptyNetwork();
  const routing = readRouting(index, declared);
  net.vpcs = routing.vpcs;
  net.subnets = routing.subnets;
  net.routeTables = routing.routeTables;
  readIngressBlocks(index, net.subnets);
  net.gateways = routing.gateways;
  net.vpns = routing.vpns;
  net.notModelled.push(...routing.notes);
  net.transitGateways = readTransitGateways(index);
  const acls = readAcls(index);
  net.acls = acls.acls;
  for (const s of net.subnets.values()) {
    s.acl = acls.subnetAcl.get(s.id) ?? (s.vpc ? acls.vpcDefault.get(s.vpc) : undefined);
    for (const m of acls.maybe) {
      const vpc = acls.acls.get(m.acl)?.vpc;
      if (!s.outside && m.acl !== s.acl && (vpc === undefined || vpc === s.vpc)) (s.maybeAcls ??= []).push(m);
    }
  }
  net.groups = readGroups(index);
  net.endpoints = readEndpoints(index, net.subnets, net.gateways);
  for (const e of net.endpoints.values()) if (e.unheld) net.notModelled.push({ address: e.id, span: e.span, what: `${e.unheld.reason}; flows to and from it rest on that` });
  placeOutside(net);
  net.notModelled.push(...refusedEdgeRoutes(net), ...nat64Routes(net));
  readPrefixLists(index, net.prefixLists);
  for (const r of resources) {
    const what = NOT_MODELLED[r.type] ?? endpointGap(r);
    if (what) net.notModelled.push({ address: r.address, span: r.span, what });
  }
  net.notModelled.push(...unheldPlacements(resources, (type) => NOT_MODELLED[type] !== undefined));
  return net;
}

/**
 * Routes of a gateway route table to a target AWS refuses there: it takes only the local route, a
 * network interface and a Gateway Load Balancer (or Network Firewall) endpoint, and will not
 * associate a table holding another with the gateway. The graph does not follow what such a route
 * takes (build.ts: it may reach the subnets, possibly); a target the configuration does not hold may
 * be an interface and is not said here.
 */
function refusedEdgeRoutes(net: Network): Network['notModelled'] {
  const out: Network['notModelled'] = [];
  for (const g of net.gateways.values()) {
    const t = g.edgeTable ? net.routeTables.get(g.edgeTable) : undefined;
    for (const r of t?.routes ?? []) {
      const { kind, id } = r.target;
      if (kind === 'local' || kind === 'interface' || kind === 'instance' || kind === 'unknown' || kind === 'blackhole' || !id) continue;
      if (kind === 'endpoint' && (net.endpoints.get(id)?.kind === 'firewall' || !net.gateways.has(id))) continue;
      const to = r.destination.kind === 'cidr' ? formatPrefix(r.destination.prefix.version, r.destination.prefix.network, r.destination.prefix.bits) : 'a destination';
      out.push({ address: r.declaredBy, span: r.span, what: `the gateway route table of ${g.id} routes ${to} to ${id}, a target AWS refuses there (only local, a network interface, a firewall or Gateway Load Balancer endpoint): what it takes is taken to reach the subnets possibly` });
    }
  }
  return out;
}

/**
 * Routes of an IPv6 destination to a NAT gateway: NAT64 (64:ff9b::/96), which translates IPv6 to
 * IPv4 toward the destination the address embeds. The graph's NAT gateway takes IPv4 only, so what
 * such a route takes would end there, and a way out to the IPv4 internet go unseen: an error.
 */
function nat64Routes(net: Network): Network['notModelled'] {
  const out: Network['notModelled'] = [];
  for (const t of net.routeTables.values()) {
    for (const r of t.routes) {
      if (r.target.kind !== 'nat-gateway' || r.destination.kind !== 'cidr' || r.destination.prefix.version !== 6) continue;
      const to = formatPrefix(6, r.destination.prefix.network, r.destination.prefix.bits);
      out.push({ address: r.declaredBy, span: r.span, what: `it routes ${to} to ${r.target.id ?? 'a NAT gateway'} (NAT64), which is not followed: flows it translates to IPv4 are not checked, so the boundary cannot be vouched for`, severity: 'error' });
    }
  }
  return out;
}

/** VPC endpoints whose effect the graph does not follow; Lambda functions placed in a VPC. */
function endpointGap(r: ModelResource): string | undefined {
  if (r.type === 'aws_lambda_function' && r.attributes['vpc_config'] !== undefined && r.attributes['vpc_config'] !== null && !(Array.isArray(r.attributes['vpc_config']) && r.attributes['vpc_config'].length === 0)) {
    return 'a Lambda function in a VPC is not an endpoint of the graph: flows to and from it are not checked';
  }
  if (r.type !== 'aws_vpc_endpoint') return undefined;
  const type = r.attributes['vpc_endpoint_type'];
  if (type === 'Interface') return 'Interface endpoints are not endpoints of the graph: flows to and through them are not checked';
  if (type === 'GatewayLoadBalancer') return 'the appliances behind a Gateway Load Balancer endpoint are not evaluated; the endpoint is taken to pass whatever routes send it on by its own subnet\'s route table';
  if (r.attributes['route_table_ids'] !== undefined && r.attributes['route_table_ids'] !== null) return 'the routes a Gateway endpoint adds to its route tables (to its service\'s prefix list) are not followed';
  return undefined;
}

/** Prefix lists whose entries are all known; any other stays out, so that rules naming it are unknown. */
function readPrefixLists(index: ResourceIndex, lists: Map<string, Prefix[]>): void {
  const entries = index.ofType('aws_ec2_managed_prefix_list_entry');
  for (const r of index.ofType('aws_ec2_managed_prefix_list')) {
    const cidrs = prefixListEntries(r, entries);
    if (!cidrs) continue;
    const { prefixes, unknown } = prefixesOf(cidrs);
    if (unknown) continue;
    lists.set(r.address, prefixes);
    // Named by its id too, as a plan names a list that exists already.
    const id = r.attributes['id'];
    if (typeof id === 'string') lists.set(id, prefixes);
  }
}
