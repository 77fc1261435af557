/**
 * Values of the AWS network model that the provider, or AWS itself, refuses: text that is no IP
 * address or CIDR block where one belongs, or an IPv4 one where an IPv6 one belongs (the provider's validation refuses it at plan, AWS at
 * apply, CloudFormation at deploy), rule, entry or route lists written as something other than a
 * list of blocks (CloudFormation refuses a property of the wrong type at deploy), an instance's
 * Volumes entry without a VolumeId or NetworkInterfaces entry without a DeviceIndex, and a word outside
 * the few an argument takes (a transit gateway attachment's appliance mode, a VPN tunnel's offered
 * IKE versions, algorithms and Diffie-Hellman groups: the provider's validation refuses it at plan). Such a
 * configuration is never applied as written, so what gridfence would judge is not what will run:
 * each is an input problem at the value (exit 2). The network model reads the same values as
 * unknown (`prefixesOf`, `blockList`), so a graph built all the same only widens on them.
 *
 * Every command sees these problems: they are found on the loaded resources, not when a rule
 * happens to build the graph.
 */
import type { InputProblem } from '../../model/errors.js';
import { elements, spanOf } from '../../model/read.js';
import type { ModelResource } from '../../model/resource.js';
import { toLocation } from '../../model/source.js';
import { TfSet, Unknown, isObject, type Value } from '../../model/value.js';
import { addressOf, isBlockList, listedIpv6, shownValue } from './common.js';
import { offered, TUNNEL_OFFERS } from './vpn-offers.js';
import { table } from '../../model/table.js';

/** Arguments that hold one CIDR block (or address) or a list of them, by resource type. */
const CIDR_ARGS: Record<string, readonly string[]> = table({
  aws_vpc: ['cidr_block'],
  aws_vpc_ipv4_cidr_block_association: ['cidr_block'],
  aws_subnet: ['cidr_block'],
  aws_route: ['destination_cidr_block', 'destination_ipv6_cidr_block'],
  aws_network_acl_rule: ['cidr_block', 'ipv6_cidr_block'],
  aws_security_group_rule: ['cidr_blocks', 'ipv6_cidr_blocks'],
  aws_vpc_security_group_ingress_rule: ['cidr_ipv4', 'cidr_ipv6'],
  aws_vpc_security_group_egress_rule: ['cidr_ipv4', 'cidr_ipv6'],
  aws_ec2_managed_prefix_list_entry: ['cidr'],
  aws_ec2_transit_gateway_route: ['destination_cidr_block'],
  aws_vpn_connection_route: ['destination_cidr_block'],
});

/**
 * Arguments that hold IPv6 ranges or addresses only (an IPv4 one there is refused as well), by
 * resource type; a host's listed addresses may be CloudFormation's { Ipv6Address } objects.
 */
const IPV6_ARGS: Record<string, readonly string[]> = table({
  aws_vpc: ['ipv6_cidr_block'],
  aws_vpc_ipv6_cidr_block_association: ['ipv6_cidr_block'],
  aws_subnet: ['ipv6_cidr_block'],
  'AWS::EC2::SubnetCidrBlock': ['Ipv6CidrBlock'],
  aws_instance: ['ipv6_addresses'],
  aws_spot_instance_request: ['ipv6_addresses'],
  aws_network_interface: ['ipv6_addresses', 'ipv6_address_list'],
});

/** Arguments that take one of a few words, by resource type (compared without case, as the model reads them). */
const WORD_ARGS: Record<string, ReadonlyArray<readonly [string, readonly string[]]>> = table({
  aws_ec2_transit_gateway_vpc_attachment: [['appliance_mode_support', ['enable', 'disable']]],
});


const GROUP_BLOCKS: Array<[string, readonly string[]]> = [
  ['ingress', ['cidr_blocks', 'ipv6_cidr_blocks']],
  ['egress', ['cidr_blocks', 'ipv6_cidr_blocks']],
];
const ACL_BLOCKS: Array<[string, readonly string[]]> = [
  ['ingress', ['cidr_block', 'ipv6_cidr_block']],
  ['egress', ['cidr_block', 'ipv6_cidr_block']],
];
const TABLE_BLOCKS: Array<[string, readonly string[]]> = [['route', ['cidr_block', 'ipv6_cidr_block']]];

/** Nested block lists (rules, entries, routes) and the CIDR arguments of each block, by resource type. */
const BLOCK_ARGS: Record<string, Array<[string, readonly string[]]>> = table({
  aws_security_group: GROUP_BLOCKS,
  aws_default_security_group: GROUP_BLOCKS,
  aws_network_acl: ACL_BLOCKS,
  aws_default_network_acl: ACL_BLOCKS,
  aws_route_table: TABLE_BLOCKS,
  aws_default_route_table: TABLE_BLOCKS,
  aws_ec2_managed_prefix_list: [['entry', ['cidr']]],
});

export function invalidValues(resources: readonly ModelResource[]): InputProblem[] {
  const out: InputProblem[] = [];
  for (const r of resources) if (r.mode === 'managed') checkResource(r, out);
  return out;
}

function checkResource(r: ModelResource, out: InputProblem[]): void {
  for (const arg of CIDR_ARGS[r.type] ?? []) checkCidrs(r, arg, r.attributes[arg], out);
  for (const arg of IPV6_ARGS[r.type] ?? []) checkCidrs(r, arg, r.attributes[arg], out, 6);
  // A tunnel's offers outside what AWS takes ("SHA-1" for SHA1) would pass vpn-crypto-strength as no weak offer.
  if (r.type === 'aws_vpn_connection') {
    for (const tunnel of ['tunnel1', 'tunnel2']) {
      for (const [setting, allowed] of Object.entries(TUNNEL_OFFERS)) {
        const arg = `${tunnel}_${setting}`;
        const v = r.attributes[arg];
        if (v === undefined || v === null || v instanceof Unknown) continue;
        const list = Array.isArray(v) || v instanceof TfSet;
        elements(v).some((x, i) => {
          if (x instanceof Unknown || offered(setting, x)) return false;
          out.push(problem(r, list ? `${arg}[${i}]` : arg, `${shownValue(x)} is not one of ${allowed.join(', ')}: AWS refuses it, so what the tunnel offers cannot be known`));
          return true;
        });
      }
    }
  }
  for (const [arg, words] of WORD_ARGS[r.type] ?? []) {
    const v = r.attributes[arg];
    if (v === undefined || v === null || v === '' || v instanceof Unknown || (typeof v === 'string' && words.includes(v.toLowerCase()))) continue;
    out.push(problem(r, arg, `${shownValue(v)} is not ${words.map((w) => `"${w}"`).join(' or ')}: AWS refuses it, so what it sets cannot be known`));
  }
  // An instance's Volumes entry without a VolumeId (one that lacks it, or one that is no mapping, as
  // a list parameter's text gives): CloudFormation refuses the instance at deploy.
  if (r.nativeType === 'AWS::EC2::Instance.Volumes' && (r.attributes['volume_id'] === null || r.attributes['volume_id'] === undefined)) {
    out.push(problem(r, 'volume_id', 'the entry has no VolumeId: CloudFormation refuses the instance at deploy, so the volume it attaches cannot be known'));
  }
  // An instance's NetworkInterfaces entry without a DeviceIndex (or one that is no mapping):
  // CloudFormation refuses the instance at deploy, and which interface is primary cannot be known.
  if (r.nativeType === 'AWS::EC2::Instance' && Array.isArray(r.attributes['network_interface'])) {
    const i = r.attributes['network_interface'].findIndex((n) => !isObject(n) || n['device_index'] === null || n['device_index'] === undefined);
    if (i >= 0) out.push(problem(r, `network_interface[${i}]`, `NetworkInterfaces[${i}] has no DeviceIndex: CloudFormation refuses the instance at deploy, so its interfaces cannot be known`));
  }
  for (const [block, args] of BLOCK_ARGS[r.type] ?? []) {
    const v = r.attributes[block];
    if (!isBlockList(v)) {
      // A template's reader knows the property by its own name (SecurityGroupIngress).
      const named = r.nativeType === 'AWS::EC2::SecurityGroup' ? `(${block === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress'}) ` : '';
      const who = r.nativeType?.startsWith('AWS::') ? 'CloudFormation refuses the resource at deploy' : 'AWS refuses the resource';
      out.push(problem(r, block, `${named}${shownValue(v)} is not a list of ${block} blocks: ${who}, so its ${block} rules cannot be known`));
      continue;
    }
    const list = elements(v);
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      if (isObject(b)) for (const arg of args) checkCidrs(r, arg, b[arg], out, undefined, block, i);
    }
  }
}

/**
 * One problem per argument, at its first element that is no address: known text that is neither an
 * address nor a CIDR block, or a value that is not text at all. Empty text is an unset argument
 * (plans write "" for one); a value known only after apply is the graph's to widen on. `arg` is the
 * resource's, or that of its `block`'s block at `index`.
 */
function checkCidrs(r: ModelResource, arg: string, v: Value | undefined, out: InputProblem[], version?: 6, block?: string, index = 0): void {
  if (v === undefined || v instanceof Unknown) return;
  const list = Array.isArray(v) || v instanceof TfSet;
  const items = elements(v);
  for (let i = 0; i < items.length; i++) {
    const e = version ? listedIpv6(items[i]!) : items[i]!;
    if (e === '' || e instanceof Unknown) continue;
    const a = addressOf(e);
    let why: string;
    if (a instanceof Unknown) why = `${a.reason}: AWS refuses it, so which addresses it stands for cannot be known`;
    else if (a && version && a.version !== version) why = `${shownValue(e)} is an IPv4 address or block where an IPv6 one belongs: AWS refuses it, so which addresses it stands for cannot be known`;
    else continue;
    // The path is spelled only for a problem: most values are sound, and a run checks hundreds of thousands.
    out.push(problem(r, `${block === undefined ? '' : `${block}[${index}].`}${arg}${list ? `[${i}]` : ''}`, why));
    return;
  }
}

function problem(r: ModelResource, path: string, message: string): InputProblem {
  return { severity: 'error', code: 'invalid-value', message: `${r.address} ${path}: ${message}`, location: toLocation(spanOf(r, path)) };
}
