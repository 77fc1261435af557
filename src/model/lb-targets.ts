/**
 * Where a load balancer's IP target sits, said once for the graph (graph/aws/endpoints.ts) and for
 * zone membership (loaders/terraform/zone-candidates.ts), which must agree: the subnets that hold its
 * address in the target group's VPC; when none there does (or the group's VPC is not known), every
 * subnet that holds it — AWS also takes addresses of peered VPCs and of networks the routes reach.
 */
import type { Prefix } from './net/cidr.js';
import type { PrefixIndex } from './net/prefix-index.js';

export function targetSubnets<S extends { vpc?: string | undefined }>(ip: Prefix, groupVpc: string | undefined, subnets: PrefixIndex<S>): S[] {
  const holding = subnets.holding(ip);
  const inVpc = groupVpc === undefined ? [] : holding.filter((s) => s.vpc === groupVpc);
  return inVpc.length ? inVpc : holding;
}
