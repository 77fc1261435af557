/**
 * What zone resolution needs to know of each Terraform resource: its known tags, the prefixes it
 * owns and what it is attached to. Attachment is read from references (an Unknown that names the
 * resource it comes from): an instance is attached to its subnet; a security group to the
 * resources it protects (it inherits their zone); a rule or association to what it configures.
 */
import type { ZoneCandidate } from '../../config/zones.js';
import type { ModelResource } from '../../model/resource.js';
import { elements, refsOf } from '../../model/read.js';
import { isInstance } from '../../model/instances.js';
import { isObject, newObject, Unknown, type ObjectValue, type Value } from '../../model/value.js';
import { parseCidr, parsePrefixOrAddressCached, type Prefix } from '../../model/net/cidr.js';
import { PrefixIndex } from '../../model/net/prefix-index.js';
import { targetSubnets } from '../../model/lb-targets.js';
import { toLocation } from '../../model/source.js';
import { withoutLastKey } from '../address.js';
import { table } from '../../model/table.js';

/** Attributes whose value is the resource this one sits in. */
const ATTACH_TO = ['subnet_id', 'subnet_ids', 'subnets', 'vpc_zone_identifier', 'security_group_id', 'network_interface_id', 'network_interface', 'instance', 'vpc_id', 'instance_id', 'load_balancer_arn', 'listener_arn', 'route_table_id'];
/** Attributes listing security groups that protect this resource: those groups attach to it. */
const PROTECTED_BY = ['vpc_security_group_ids', 'security_groups'];
/** Resources that attach a gateway to a VPC (CloudFormation's VPCGatewayAttachment): the gateway sits in that VPC. */
const GATEWAY_ATTACHMENTS: Readonly<Record<string, string>> = table({ aws_internet_gateway_attachment: 'internet_gateway_id', aws_vpn_gateway_attachment: 'vpn_gateway_id' });
/** Prefix-valued attributes. */
const PREFIXES = ['cidr_block', 'ipv6_cidr_block', 'private_ip', 'private_ips', 'address_prefix', 'address_prefixes', 'ip_cidr_range'];

/** Subnet groups a data store names: it sits in the group's subnets (the group attaches to them by `subnet_ids`). */
const SUBNET_GROUPS = ['db_subnet_group_name', 'subnet_group_name', 'cluster_subnet_group_name', 'replication_subnet_group_id', 'neptune_subnet_group_name'];
/** Nested blocks that place a resource: a Lambda's `vpc_config`, a launch template's or service's interfaces, a load balancer's mappings. */
const NESTED_PLACEMENT = ['vpc_config', 'network_interfaces', 'network_configuration', 'vpc_options', 'subnet_mapping'];
/** Resources that put one resource where another is: `what` sits at `where` (a volume on its instance, a file system in its mount target's subnet). */
const PLACED_BY: Readonly<Record<string, { what: string; where: string }>> = table({
  aws_volume_attachment: { what: 'volume_id', where: 'instance_id' },
  aws_efs_mount_target: { what: 'file_system_id', where: 'subnet_id' },
});

/** ATTACH_TO without the VPC: a security group's VPC says nothing of where it is used. */
const ATTACH_TO_GROUP = ATTACH_TO.filter((k) => k !== 'vpc_id');

/**
 * `repeated` is told, once, when two resources share an address (two roots of one run declaring it):
 * attachments are then ambiguous, and the caller splits the run (linter/root-parts.ts).
 */
export function zoneCandidates(resources: readonly ModelResource[], repeated?: () => void): ZoneCandidate[] {
  const byAddress = new Map<string, ZoneCandidate>();
  const cands = resources.map((r) => {
    const c: ZoneCandidate = { address: r.address, type: r.type };
    // The AWS provider's default tags count as the resource's own do (tags_all: both merged, own
    // winning), as AWS applies them; a default tags value not known may hold any tag.
    const own = r.attributes['tags'] ?? r.attributes['labels'] ?? tagBlocks(r);
    const all = r.attributes['tags_all'];
    const tags = isObject(all) ? all : own;
    if (all instanceof Unknown && !(own instanceof Unknown) && !r.computed?.has('tags_all')) unknownOn(c, 'tags', all);
    if (isObject(tags)) {
      // A model object: nothing inherited, so a tag keyed "__proto__" is a tag like any other.
      const known = newObject() as Record<string, string>;
      for (const k in tags) {
        const v = tags[k];
        if (typeof v === 'string') known[k] = v;
        else if (v instanceof Unknown) unknownOn(c, 'tags', v, k);
      }
      c.tags = known;
    } else if (tags instanceof Unknown && !r.computed?.has('tags')) unknownOn(c, 'tags', tags);
    let cidrs: string[] | undefined;
    for (const a of PREFIXES) {
      const v = r.attributes[a];
      // A value the provider computes (a plan's private_ip left to AWS) is no setting a zone selects by.
      if (v === undefined || v === null || r.computed?.has(a)) continue;
      if (v instanceof Unknown) unknownOn(c, 'cidrs', v);
      for (const x of elements(v)) {
        if (typeof x === 'string') (cidrs ??= []).push(x);
        else if (x instanceof Unknown) unknownOn(c, 'cidrs', x);
      }
    }
    if (cidrs) c.cidrs = cidrs;
    if (repeated && byAddress.has(r.address)) {
      repeated();
      repeated = undefined;
    }
    byAddress.set(r.address, c);
    return c;
  });
  const attach = (from: ZoneCandidate | undefined, to: string): void => {
    if (!from || from.address === to) return;
    (from.attachedTo ??= []).includes(to) || from.attachedTo.push(to);
  };
  const named = instancesNamed(resources, byAddress);
  let subnets: PrefixIndex<{ address: string; vpc?: string }> | undefined;
  let groupsByName: Map<string, string[]> | undefined;
  const byResource = new Map(resources.map((r) => [r.address, r]));
  for (const r of resources) {
    const c = byAddress.get(r.address)!;
    const a = r.attributes;
    // The VPC is only a fallback: a subnet, when present, says more.
    const keys = r.type === 'aws_security_group' ? ATTACH_TO_GROUP : ATTACH_TO;
    // Most of these arguments are absent: only present ones are read.
    for (const k of keys) if (a[k] !== undefined) for (const ref of refsOf(a[k])) for (const to of named(ref)) attach(c, to);
    for (const k of SUBNET_GROUPS) {
      const v = a[k];
      if (v === undefined) continue;
      for (const ref of refsOf(v)) attach(c, ref);
      // Named by the group's name as text (a reference to its name attribute evaluates to it).
      if (typeof v === 'string') for (const g of (groupsByName ??= subnetGroupsByName(resources)).get(v.toLowerCase()) ?? []) attach(c, g);
    }
    for (const k of NESTED_PLACEMENT) {
      if (a[k] === undefined) continue;
      for (const b of elements(a[k])) {
        if (!isObject(b)) continue;
        for (const sk of ['subnet_id', 'subnet_ids', 'subnets']) if (b[sk] !== undefined) for (const ref of refsOf(b[sk])) attach(c, ref);
        // The groups listed there protect this resource, as top-level ones do.
        for (const gk of ['security_group_ids', 'security_groups']) if (b[gk] !== undefined) for (const ref of refsOf(b[gk])) attach(byAddress.get(ref), r.address);
      }
    }
    const placed = PLACED_BY[r.type];
    if (placed) for (const what of refsOf(a[placed.what])) for (const where of refsOf(a[placed.where])) attach(byAddress.get(what), where);
    const gatewayKey = GATEWAY_ATTACHMENTS[r.type];
    if (gatewayKey) for (const gw of refsOf(a[gatewayKey])) for (const vpc of refsOf(a['vpc_id'])) attach(byAddress.get(gw), vpc);
    if (r.type !== 'aws_security_group') {
      for (const k of PROTECTED_BY) if (a[k] !== undefined) for (const ref of refsOf(a[k])) attach(byAddress.get(ref), r.address);
    }
    // A group attached to an interface (or to an instance, by its primary_network_interface_id) protects it.
    if (r.type === 'aws_network_interface_sg_attachment') {
      for (const g of refsOf(a['security_group_id'])) for (const t of refsOf(a['network_interface_id'])) attach(byAddress.get(g), t);
    }
    // A load balancer's IP target sits in the subnets that hold its address (model/lb-targets.ts;
    // graph/aws/endpoints.ts makes one that no instance or interface holds an endpoint named by the
    // attachment). CloudFormation's targets are attachments of their own (cfn/translate.ts).
    const ip = ipTargetOf(r);
    if (ip) {
      (c.cidrs ??= []).push(ip.text);
      const tg = byResource.get(refsOf(a['target_group_arn'])[0] ?? '');
      for (const s of targetSubnets(ip.prefix, tg ? refsOf(tg.attributes['vpc_id'])[0] : undefined, (subnets ??= subnetIndex(resources)))) attach(c, s.address);
    }
    // The interfaces an instance is launched with are the instance's: they sit where it does.
    if (isInstance(r.type) && Array.isArray(a['network_interface'])) {
      for (const b of a['network_interface']) if (isObject(b)) for (const ref of refsOf(b['network_interface_id'])) attach(byAddress.get(ref), r.address);
    }
  }
  return cands;
}

/**
 * An Auto Scaling group's `tag` blocks ({ key, value, propagate_at_launch }) as a tag map (null for any
 * other resource); blocks or a key not known before apply make
 * the map unknown, as a map with a key not known is in Terraform.
 */
function tagBlocks(r: ModelResource): Value {
  if (r.type !== 'aws_autoscaling_group' || r.attributes['tag'] === undefined) return null;
  const list = r.attributes['tag'];
  if (list instanceof Unknown) return list;
  const out: ObjectValue = {};
  for (const b of elements(list)) {
    if (!isObject(b)) continue;
    const key = b['key'];
    if (key instanceof Unknown) return key;
    if (typeof key === 'string') out[key] = b['value'] ?? null;
  }
  return out;
}

/** Subnet groups the configuration holds, by their name in lower case (AWS keeps DB subnet group names so). */
const SUBNET_GROUP_NAMES: Readonly<Record<string, string>> = table({
  aws_db_subnet_group: 'name',
  aws_docdb_subnet_group: 'name',
  aws_neptune_subnet_group: 'name',
  aws_elasticache_subnet_group: 'name',
  aws_redshift_subnet_group: 'name',
  aws_dms_replication_subnet_group: 'replication_subnet_group_id',
});

function subnetGroupsByName(resources: readonly ModelResource[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of resources) {
    const key = SUBNET_GROUP_NAMES[r.type];
    const name = key ? r.attributes[key] : undefined;
    if (typeof name !== 'string') continue;
    const list = out.get(name.toLowerCase());
    if (list) list.push(r.address);
    else out.set(name.toLowerCase(), [r.address]);
  }
  return out;
}

/**
 * The resources a reference names: itself when it is a resource, else the instances of the
 * resource it names (a plan's reference whose instance is not known: aws_subnet.s[count.index + 1]
 * is one of aws_subnet.s's), so that what sits in one of them sits in their zones.
 */
function instancesNamed(resources: readonly ModelResource[], byAddress: ReadonlyMap<string, ZoneCandidate>): (ref: string) => string[] {
  const instances = new Map<string, string[]>();
  for (const r of resources) {
    const base = withoutLastKey(r.address);
    if (base === r.address) continue;
    const list = instances.get(base);
    if (list) list.push(r.address);
    else instances.set(base, [r.address]);
  }
  return (ref) => (byAddress.has(ref) ? [ref] : (instances.get(ref) ?? [ref]));
}

/** The literal address a target group attachment names as its target. */
function ipTargetOf(r: ModelResource): { text: string; prefix: Prefix } | undefined {
  if (r.type !== 'aws_lb_target_group_attachment' && r.type !== 'aws_alb_target_group_attachment') return undefined;
  const v = r.attributes['target_id'];
  const prefix = typeof v === 'string' && !v.includes('/') ? parsePrefixOrAddressCached(v) : undefined;
  return prefix && typeof v === 'string' ? { text: v, prefix } : undefined;
}

function subnetIndex(resources: readonly ModelResource[]): PrefixIndex<{ address: string; vpc?: string }> {
  const out = new PrefixIndex<{ address: string; vpc?: string }>();
  for (const r of resources) {
    const v = r.type === 'aws_subnet' ? r.attributes['cidr_block'] : undefined;
    const cidr = typeof v === 'string' ? parseCidr(v) : undefined;
    const vpc = refsOf(r.attributes['vpc_id'])[0];
    if (cidr) out.add(cidr, vpc === undefined ? { address: r.address } : { address: r.address, vpc });
  }
  return out;
}

/** Records a value a zone could select the resource by that is not known (see ZoneCandidate.unknowns). */
function unknownOn(c: ZoneCandidate, on: 'tags' | 'cidrs', u: Unknown, key?: string): void {
  const what = on === 'cidrs' ? 'its address range' : key === undefined ? 'its tags' : `its tag ${key}`;
  (c.unknowns ??= []).push({ on, ...(key !== undefined ? { key } : {}), reason: `${what}: ${u.reason}`, ...(u.at ? { location: toLocation(u.at) } : {}) });
}
