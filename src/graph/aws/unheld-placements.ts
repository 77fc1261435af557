/**
 * The safety net under NOT_MODELLED (index.ts): a managed resource of a type the graph neither reads
 * nor names there, that places something in a VPC's subnets — an argument naming subnets, at its top
 * level or in a nested block (Batch compute environments, CodeBuild projects, Fargate profiles,
 * directories, file systems; in CloudFormation, any type gridfence does not translate). Whatever
 * it runs there is no endpoint of the graph, and flows to and from it would go unchecked without a
 * word: each such resource is said once, as the listed types are.
 *
 * Types that only name subnets place nothing: subnet groups (the data store that uses one is what
 * runs), associations (of route tables, ACLs, endpoints, Client VPN), CIDR reservations, flow logs,
 * and launch templates and configurations (judged through the instances and groups that launch from
 * them).
 */
import type { ModelResource } from '../../model/resource.js';
import { INSTANCE_TYPES } from '../../model/instances.js';
import { elements } from '../../model/read.js';
import { isObject, TfSet, type Value } from '../../model/value.js';

/**
 * Types the graph reads: what sits in their subnets is an endpoint, a gateway or a filter of it (or
 * is said by endpointGap), and the others place nothing; they are passed over, which also spares
 * walking the thousands of security groups and rules a system holds, each with nested blocks.
 */
const READ: ReadonlySet<string> = new Set([
  ...INSTANCE_TYPES,
  'aws_vpc', 'aws_security_group', 'aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule', 'aws_network_acl_rule', 'aws_route', 'aws_route_table', 'aws_default_route_table', 'aws_eip',
  'aws_eip_association', 'aws_internet_gateway', 'aws_egress_only_internet_gateway', 'aws_vpn_gateway', 'aws_vpn_connection',
  'aws_customer_gateway', 'aws_ec2_transit_gateway', 'aws_ec2_transit_gateway_route', 'aws_ec2_transit_gateway_route_table',
  'aws_vpc_peering_connection', 'aws_ec2_managed_prefix_list', 'aws_ec2_managed_prefix_list_entry', 'aws_lb_listener', 'aws_lb_listener_rule',
  'aws_lb_target_group', 'aws_alb_listener', 'aws_alb_target_group', 'aws_elb_attachment', 'aws_network_interface_attachment',
  'aws_network_interface_sg_attachment',
  'aws_subnet', 'aws_network_interface', 'aws_nat_gateway', 'aws_lb', 'aws_alb', 'aws_elb', 'aws_vpc_endpoint',
  'aws_ec2_transit_gateway_vpc_attachment', 'aws_networkfirewall_firewall', 'aws_db_instance', 'aws_rds_cluster',
  'aws_rds_cluster_instance', 'aws_network_acl', 'aws_default_network_acl', 'aws_lambda_function',
]);

/** Types that name subnets without placing anything in them. */
const PLACES_NOTHING: ReadonlySet<string> = new Set([
  'aws_ec2_subnet_cidr_reservation', 'aws_flow_log', 'aws_launch_template', 'aws_launch_configuration', 'aws_vpc_block_public_access_exclusion',
  'AWS::EC2::FlowLog', 'AWS::EC2::SubnetCidrBlock', 'AWS::EC2::LaunchTemplate', 'AWS::EC2::VPCBlockPublicAccessExclusion',
]);
const PLACES_NOTHING_PATTERN = /(_subnet_group|_association|SubnetGroup|Association)$/;

/** Arguments (Terraform) and properties (CloudFormation) that name the subnets something is placed in. */
const SUBNET_KEYS: ReadonlySet<string> = new Set([
  'subnet_id', 'subnet_ids', 'subnets', 'subnet_arns', 'vpc_zone_identifier', 'vpc_subnet_ids',
  'SubnetId', 'SubnetIds', 'Subnets', 'SubnetArns', 'VPCZoneIdentifier', 'VpcSubnetIds',
]);

/** How deep nested blocks are searched: a VPC block inside a resource's settings (Batch's compute_resources, Glue's physical_connection_requirements). */
const MAX_DEPTH = 3;

/**
 * The resources of `resources` that place something in subnets the graph does not hold as an
 * endpoint, with the sentence that says so. `known` tells the types said otherwise (NOT_MODELLED).
 */
export function unheldPlacements(resources: readonly ModelResource[], known: (type: string) => boolean): Array<{ address: string; span: ModelResource['span']; what: string }> {
  const out: Array<{ address: string; span: ModelResource['span']; what: string }> = [];
  for (const r of resources) {
    if (r.mode !== 'managed' || READ.has(r.type) || PLACES_NOTHING.has(r.type) || PLACES_NOTHING_PATTERN.test(r.type) || known(r.type)) continue;
    const key = subnetKey(r.attributes, MAX_DEPTH);
    if (key === undefined) continue;
    out.push({ address: r.address, span: r.span, what: `${r.nativeType ?? r.type} places what it runs in the subnets its ${key} names, and gridfence does not hold that as an endpoint of the graph: flows to and from it are not checked` });
  }
  return out;
}

/** The first argument, at most `depth` blocks down, that names subnets with a value set. */
function subnetKey(v: Value, depth: number): string | undefined {
  if (Array.isArray(v) || v instanceof TfSet) {
    for (const x of elements(v)) {
      const k = subnetKey(x, depth);
      if (k !== undefined) return k;
    }
    return undefined;
  }
  if (!isObject(v) || depth < 0) return undefined;
  for (const k in v) {
    const x = v[k]!;
    // Given: not null, not empty text, not an empty list.
    if (SUBNET_KEYS.has(k) && x !== '' && elements(x).length > 0) return k;
  }
  for (const k in v) {
    const found = subnetKey(v[k]!, depth - 1);
    if (found !== undefined) return `${k}.${found}`;
  }
  return undefined;
}
