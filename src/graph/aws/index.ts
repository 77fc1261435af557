/** The AWS resources of a loaded model as the vendor-independent network (model/network.ts). */
import type { Prefix } from '../../model/net/cidr.js';
import { emptyNetwork, type Network } from '../../model/network.js';
import type { ModelResource } from '../../model/resource.js';
import { readAcls } from './acls.js';
import { ResourceIndex, prefixesOf } from './common.js';
import { readEndpoints } from './endpoints.js';
import { readGroups } from './groups.js';
import { prefixListEntries } from './prefix-lists.js';
import { readRouting } from './routing.js';
import { readTransitGateways } from './transit.js';

/** Resource types that affect forwarding but that this model does not follow yet: said as warnings. */
const NOT_MODELLED: Record<string, string> = {
  aws_ec2_transit_gateway_connect: 'transit gateway Connect attachments are not followed',
  aws_networkfirewall_firewall: 'Network Firewall rule groups are not evaluated; the firewall is taken to pass whatever routes send it',
  aws_dx_gateway_association: 'Direct Connect is not followed',
};

export function awsNetwork(resources: readonly ModelResource[]): Network {
  const index = new ResourceIndex(resources);
  const net = emptyNetwork();
  const routing = readRouting(index);
  net.vpcs = routing.vpcs;
  net.subnets = routing.subnets;
  net.routeTables = routing.routeTables;
  net.gateways = routing.gateways;
  net.vpns = routing.vpns;
  net.transitGateways = readTransitGateways(index);
  const acls = readAcls(index);
  net.acls = acls.acls;
  for (const s of net.subnets.values()) {
    s.acl = acls.subnetAcl.get(s.id) ?? (s.vpc ? acls.vpcDefault.get(s.vpc) : undefined);
  }
  net.groups = readGroups(index);
  net.endpoints = readEndpoints(index, net.subnets, net.gateways);
  readPrefixLists(index, net.prefixLists);
  for (const r of resources) {
    const what = NOT_MODELLED[r.type];
    if (what) net.notModelled.push({ address: r.address, span: r.span, what });
  }
  return net;
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
