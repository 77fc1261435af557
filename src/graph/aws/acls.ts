/**
 * Network ACLs (NA1–NA6): `aws_network_acl` with inline entries, `aws_network_acl_rule`,
 * `aws_network_acl_association`, and `aws_default_network_acl`. Entries are sorted by rule number
 * per direction (first match wins; the implicit final deny is the graph's to add). A VPC whose
 * default ACL Terraform does not manage keeps AWS's default: allow everything both ways (NA3).
 */
import type { AclEntry, NetworkAcl, Peer } from '../../model/network.js';
import { elements, refsOf, spanOf } from '../../model/read.js';
import type { ModelResource } from '../../model/resource.js';
import { Unknown, type ObjectValue, type Value } from '../../model/value.js';
import { blockList, bool, cidrPeers, refTo, serviceOf, vpcOf, type ResourceIndex } from './common.js';

export interface AclReading {
  acls: Map<string, NetworkAcl>;
  /** Subnet address → ACL address. */
  subnetAcl: Map<string, string>;
  /** VPC address → its default ACL's address when Terraform manages it. */
  vpcDefault: Map<string, string>;
  /** ACLs associated with a subnet not known before apply: any held subnet of the ACL's VPC may use them. */
  maybe: Array<{ acl: string; unknown: Unknown }>;
}

export function readAcls(index: ResourceIndex): AclReading {
  const acls = new Map<string, NetworkAcl>();
  const subnetAcl = new Map<string, string>();
  const vpcDefault = new Map<string, string>();
  const maybe: AclReading['maybe'] = [];
  /** Whether a value names a subnet not known before apply: an unknown value that is no held subnet (an id as text is a subnet not held). */
  const notKnown = (v: Value | undefined): v is Unknown => v instanceof Unknown && index.typeOf(refTo(v) ?? '') !== 'aws_subnet';
  for (const r of index.ofType('aws_network_acl', 'aws_default_network_acl')) {
    const isDefault = r.type === 'aws_default_network_acl';
    // A plan of an existing VPC gives the default ACL's id as text, its own: its computed vpc_id names the VPC.
    const vpc = isDefault ? (refTo(r.attributes['default_network_acl_id']) ?? vpcOf(r)) : vpcOf(r);
    const acl: NetworkAcl = { id: r.address, vpc, ingress: [], egress: [], span: r.span, isDefault };
    for (const dir of ['ingress', 'egress'] as const) {
      const list = blockList(r, dir);
      if (list instanceof Unknown) {
        acl.unknown ??= list;
        continue;
      }
      list.forEach((b, i) => {
        const e = entry(r, b, `${dir}[${i}]`, b['rule_no'], b['action'], b['cidr_block'], b['ipv6_cidr_block']);
        if (e) acl[dir].push(e);
        else acl.unknown ??= unreadableEntry(`${r.address} ${dir}[${i}]`, b);
      });
    }
    for (const s of refsOf(r.attributes['subnet_ids'])) subnetAcl.set(s, r.address);
    // A plan's subnet_ids the provider fills in (from associations made elsewhere) is no setting.
    const ids = r.computed?.has('subnet_ids') ? undefined : r.attributes['subnet_ids'];
    const unknownIds = notKnown(ids) ? [ids] : elements(ids).filter(notKnown);
    if (unknownIds.length) maybe.push({ acl: r.address, unknown: new Unknown(`a subnet of ${r.address} is not known (${unknownIds[0]!.reason}): any subnet of ${vpc ?? 'the configuration'} may use it`, r.span) });
    if (isDefault && vpc) vpcDefault.set(vpc, r.address);
    acls.set(r.address, acl);
  }
  const held = [...acls.values()];
  for (const r of index.ofType('aws_network_acl_rule')) {
    const v = r.attributes['network_acl_id'];
    const ref = refTo(v) ?? '';
    // A VPC's default_network_acl_id names its default ACL: the one aws_default_network_acl manages,
    // else AWS's, which allows everything whatever is added.
    const isVpc = index.typeOf(ref) === 'aws_vpc';
    const acl = acls.get(isVpc ? (vpcDefault.get(ref) ?? '') : ref);
    if (isVpc && !acl) continue;
    const a = r.attributes;
    const e = entry(r, a, r.address, a['rule_number'], a['rule_action'], a['cidr_block'], a['ipv6_cidr_block']);
    const dir = bool(a['egress']) === true ? 'egress' : 'ingress';
    // A direction not known before apply may be either: the entry is in both, possibly (what it may
    // deny stays allowed, what it may allow passes possibly).
    const egress = a['egress'];
    if (acl && e && egress instanceof Unknown) {
      const presence = new Unknown(`the direction of ${r.address} is not known (${egress.reason}): the entry may be an ingress or an egress entry`, r.span);
      acl.ingress.push({ ...e, presence });
      acl.egress.push({ ...e, presence });
      continue;
    }
    if (acl) {
      if (e) acl[dir].push(e);
      else acl.unknown ??= unreadableEntry(r.address, a);
      continue;
    }
    // An ACL not known before apply may be any ACL held: the entry is put in each, possibly. One
    // that cannot be read may allow anything there, first.
    if (!(v instanceof Unknown)) continue;
    const presence = new Unknown(`the network ACL of ${r.address} is not known (${v.reason}): the entry may be in any network ACL of the configuration`, r.span);
    const possible: AclEntry = e ? { ...e, presence } : { number: 0, action: 'allow', service: { protocol: -1 }, peer: { kind: 'unknown', unknown: unreadableEntry(r.address, a) }, span: r.span, declaredBy: r.address, label: r.address, presence };
    for (const x of held) x[dir].push(possible);
  }
  for (const r of index.ofType('aws_network_acl_association')) {
    const acl = refTo(r.attributes['network_acl_id']);
    const v = r.attributes['subnet_id'];
    const subnet = refTo(v);
    if (acl && subnet && index.typeOf(subnet) === 'aws_subnet') subnetAcl.set(subnet, acl);
    else if (acl && acls.has(acl) && notKnown(v)) maybe.push({ acl, unknown: new Unknown(`the subnet of ${r.address} is not known (${v.reason}): any subnet of ${acls.get(acl)!.vpc ?? 'the configuration'} may use ${acl}`, r.span) });
  }
  for (const acl of acls.values()) {
    acl.ingress.sort((a, b) => a.number - b.number);
    acl.egress.sort((a, b) => a.number - b.number);
  }
  return { acls, subnetAcl, vpcDefault, maybe };
}

/** Why an entry could not be read: a value known only after apply, or one the provider would refuse. */
function unreadableEntry(what: string, b: ObjectValue): Unknown {
  return new Unknown(Object.values(b).some((v) => v instanceof Unknown) ? `${what} is known only after apply` : `${what} is not a valid entry (its number, action, protocol, ports or CIDR block)`);
}

/** Whether a range is written 0 to 0 (numbers or their text). */
function portZero(from: Value | undefined, to: Value | undefined): boolean {
  return Number(from) === 0 && Number(to) === 0 && from !== null && to !== null && from !== '' && to !== '';
}

function entry(r: ModelResource, b: ObjectValue, path: string, no: Value | undefined, action: Value | undefined, cidr: Value | undefined, cidr6: Value | undefined): AclEntry | undefined {
  const number = typeof no === 'number' ? no : typeof no === 'string' && no.trim() !== '' ? Number(no) : NaN;
  const act = typeof action === 'string' ? action.toLowerCase() : undefined;
  const protocol = b['protocol'];
  const isIcmp = protocol === 'icmp' || protocol === '1' || protocol === 1 || protocol === 'icmpv6' || protocol === '58' || protocol === 58;
  const read = isIcmp ? serviceOf(protocol, b['icmp_type'], b['icmp_code']) : serviceOf(protocol, b['from_port'], b['to_port']);
  // AWS reads a TCP or UDP range 0-0 as port 0 alone. serviceOf widens it to every port, the safe
  // side for an allow; for a deny that would drop what AWS lets through, so a deny denies port 0.
  const service = read && act === 'deny' && !isIcmp && portZero(b['from_port'], b['to_port']) && (read.protocol === 6 || read.protocol === 17) ? { protocol: read.protocol, ports: [0, 0] as [number, number] } : read;
  const peers: Peer[] = cidrPeers(cidr, cidr6);
  if (!Number.isFinite(number) || (act !== 'allow' && act !== 'deny') || !service || peers.length !== 1) return undefined;
  const span = path === r.address ? r.span : spanOf(r, path);
  return { number, action: act, service, peer: peers[0]!, span, declaredBy: r.address, label: path === r.address ? r.address : `${r.address} ${path} (rule ${number})` };
}
