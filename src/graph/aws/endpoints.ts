/**
 * What sends and receives: instances, network interfaces, load balancers (with listeners that
 * re-originate flows to their targets), NAT gateways and RDS instances. A private address that is
 * assigned at launch is unknown: the endpoint then stands for every address of its subnets, and the
 * Unknown is kept so that verdicts resting on it are "possible". Public addresses: an EIP, an
 * explicit `associate_public_ip_address`, else the subnet's `map_public_ip_on_launch`; an
 * internet-facing load balancer is public (a Gateway Load Balancer, which takes no scheme, never is).
 * IPv6 addresses join the private ones (ipv6.ts `hostIpv6`).
 */
import { parseCidr, type Prefix } from '../../model/net/cidr.js';
import { PrefixIndex } from '../../model/net/prefix-index.js';
import { targetSubnets } from '../../model/lb-targets.js';
import type { Endpoint, Gateway, Listener, Subnet } from '../../model/network.js';
import { blocks, spanOf } from '../../model/read.js';
import type { ModelResource } from '../../model/resource.js';
import { INSTANCE_TYPES, isInstance } from '../../model/instances.js';
import { isObject, TfSet, Unknown, type ObjectValue, type Value } from '../../model/value.js';
import { bool, groupPeers, namesOf, prefixesOf, refTo, type ResourceIndex } from './common.js';
import { addTo } from '../../model/multimap.js';
import { dualStack, hostIpv6 } from './ipv6.js';

/** What an Elastic IP may be given to. */
const HOST_TYPES = new Set([...INSTANCE_TYPES, 'aws_network_interface']);

export function readEndpoints(index: ResourceIndex, subnets: Map<string, Subnet>, gateways: Map<string, Gateway>): Map<string, Endpoint> {
  const endpoints = new Map<string, Endpoint>();
  const eipOf = new Map<string, Prefix[]>();
  const eipMaybe = new Set<string>();
  const noteEip = (owner: string | undefined, eip: ModelResource | undefined): void => {
    if (!owner) return;
    const known = eip ? prefixesOf(eip.attributes['public_ip'] ?? eip.attributes['address']).prefixes : [];
    addTo(eipOf, owner, ...known);
    eipMaybe.add(owner);
  };
  // An Elastic IP whose instance or interface is not known before apply (a variable without value, a
  // data source) may be any held instance's or interface's: each may then have a public address.
  let eipTargetUnknown: Unknown | undefined;
  const eipTarget = (r: ModelResource, keys: string[]): string | undefined => {
    for (const k of keys) {
      // A plan's value the provider fills in (an Elastic IP associated elsewhere) is no setting.
      if (r.computed?.has(k)) continue;
      const v = r.attributes[k];
      const ref = refTo(v);
      if (ref && HOST_TYPES.has(index.typeOf(ref) ?? '')) return ref;
      if (v instanceof Unknown) eipTargetUnknown ??= new Unknown(`the instance or interface of ${r.address} is not known (${v.reason}): any instance or interface of the configuration may have its public address`, r.span);
    }
    return undefined;
  };
  for (const r of index.ofType('aws_eip')) noteEip(eipTarget(r, ['instance', 'network_interface']), r);
  for (const r of index.ofType('aws_eip_association')) {
    noteEip(eipTarget(r, ['instance_id', 'network_interface_id']), index.byAddress.get(refTo(r.attributes['allocation_id']) ?? ''));
  }

  for (const r of index.ofType(...INSTANCE_TYPES, 'aws_network_interface')) {
    const a = r.attributes;
    // An instance launched with network_interface blocks is its primary interface (device index 0):
    // that interface's subnet, groups and addresses (AWS applies the interface's groups, not the
    // VPC's default one). The other interfaces are endpoints of their own. A primary interface the
    // configuration does not hold leaves subnet and groups not known.
    // (A plan marks the subnet_id of such an instance as computed: no setting either.)
    const noSubnet = a['subnet_id'] === undefined || r.computed?.has('subnet_id') === true;
    const primary = isInstance(r.type) && noSubnet ? primaryInterface(r) : undefined;
    const eni = primary ? index.byAddress.get(refTo(primary['network_interface_id']) ?? '') : undefined;
    const from = eni ? eni.attributes : a;
    const subnetIds = namesOf(from['subnet_id']);
    const { groups, groupsUnknown } = primary && !eni ? { groups: [], groupsUnknown: new Unknown(`the primary network interface of ${r.address} is not in the configuration: its subnet and security groups are not known`, r.span) } : groupIds(from['vpc_security_group_ids'], from['security_groups']);
    // Delegated IPv4 prefixes (ipv4_prefixes) are addresses of the host too; a count of them (or
    // prefixes not known) takes addresses AWS picks from the subnet, which stands for them then.
    // (A plan's value the provider computes is no setting.)
    const holder = eni ?? r;
    const delegated = holder.computed?.has('ipv4_prefix_count') ? undefined : from['ipv4_prefix_count'];
    const picked = (typeof delegated === 'number' && delegated > 0) || delegated instanceof Unknown || (!holder.computed?.has('ipv4_prefixes') && prefixesOf(from['ipv4_prefixes'] ?? null).unknown !== undefined);
    const fixed = picked ? [] : prefixesOf(from['private_ip'] ?? null).prefixes.concat(prefixesOf(from['private_ips'] ?? null).prefixes, prefixesOf(from['secondary_private_ips'] ?? null).prefixes, prefixesOf(from['ipv4_prefixes'] ?? null).prefixes);
    const e: Endpoint = {
      id: r.address,
      kind: isInstance(r.type) ? 'instance' : 'interface',
      subnets: subnetIds,
      addresses: fixed,
      groups,
      ...(groupsUnknown ? { groupsUnknown } : {}),
      publicAddress: 'no',
      publicIps: [],
      span: r.span,
      forwards: bool(a['source_dest_check']) === false || (eni !== undefined && bool(eni.attributes['source_dest_check']) === false),
    };
    // A check set by a value not known before apply may be off: the host possibly forwards. (A plan's
    // value the provider computes, the check left at its default, is no setting.)
    if (!e.forwards) {
      const unknown = [[r, a['source_dest_check']] as const, ...(eni ? [[eni, eni.attributes['source_dest_check']] as const] : [])].find(([x, v]) => v instanceof Unknown && !x.computed?.has('source_dest_check'));
      if (unknown) e.forwardsUnknown = new Unknown(`whether ${r.address} forwards packets not its own is not known: its source/destination check is not known before apply (${(unknown[1] as Unknown).reason})`, (unknown[1] as Unknown).at ?? r.span);
    }
    fillAddresses(e, subnets);
    addIpv6(e, hostIpv6(eni ?? r, from, e, subnets, { list: ['ipv6_addresses', 'ipv6_address_list', 'ipv6_prefixes'], count: 'ipv6_address_count', alsoCount: 'ipv6_prefix_count' }));
    const explicit = bool(a['associate_public_ip_address']);
    const mapOnLaunch = subnetIds.map((s) => index.byAddress.get(s)?.attributes['map_public_ip_on_launch']);
    if (explicit === true) e.publicAddress = 'yes';
    else if (explicit === undefined && a['associate_public_ip_address'] instanceof Unknown) e.publicAddress = 'unknown';
    else if (explicit === undefined && isInstance(r.type)) {
      if (mapOnLaunch.some((m) => bool(m) === true)) e.publicAddress = 'yes';
      // A subnet the configuration does not hold (a default subnet among them) may map one on launch.
      else if (mapOnLaunch.some((m) => m instanceof Unknown) || !subnetIds.some((s) => subnets.has(s))) e.publicAddress = 'unknown';
    }
    if (eipMaybe.has(r.address)) {
      e.publicAddress = 'yes';
      e.publicIps = eipOf.get(r.address) ?? [];
      e.elasticIp = true;
    } else if (e.publicAddress === 'no' && eipTargetUnknown) {
      e.publicAddress = 'unknown';
      e.publicUnknown = eipTargetUnknown;
    }
    endpoints.set(r.address, e);
  }
  // An interface attached to an instance — by aws_network_interface_attachment, the interface's
  // attachment blocks, or the instance's network_interface blocks — is one host with it: a second
  // interface in another subnet (with a public address, say) is a way into and out of the instance.
  const attach = (eni: string | undefined, instance: string | undefined): void => {
    const e = endpoints.get(eni ?? '');
    if (e?.kind === 'interface' && instance && endpoints.get(instance)?.kind === 'instance') e.interfaceOf = instance;
  };
  for (const r of index.ofType('aws_network_interface_attachment')) attach(refTo(r.attributes['network_interface_id']), refTo(r.attributes['instance_id']));
  for (const r of index.ofType('aws_network_interface')) {
    const list = blocks(r, 'attachment');
    if (!(list instanceof Unknown)) for (const b of list) attach(r.address, refTo(b['instance']));
  }
  for (const r of index.ofType(...INSTANCE_TYPES)) {
    const list = blocks(r, 'network_interface');
    if (!(list instanceof Unknown)) for (const b of list) attach(refTo(b['network_interface_id']), r.address);
  }

  // A group attached to an interface (an instance's primary one, named by the instance's
  // primary_network_interface_id) joins the groups it has: the VPC's default group stays when it had
  // no other. Attached to an interface not known before apply, it may be any endpoint's.
  for (const r of index.ofType('aws_network_interface_sg_attachment')) {
    const v = r.attributes['network_interface_id'];
    const { groups, groupsUnknown } = groupIds(r.attributes['security_group_id']);
    const e = endpoints.get(refTo(v) ?? '');
    if (e) {
      if (e.groups.length === 0 && !e.groupsUnknown) e.withDefaultGroup = true;
      for (const g of groups) e.groups.includes(g) || e.groups.push(g);
      if (groupsUnknown) e.groupsUnknown ??= groupsUnknown;
    } else if (v instanceof Unknown && (groups.length || groupsUnknown)) {
      const unknown = new Unknown(`the interface of ${r.address} is not known (${v.reason}): its group may be on any instance or interface of the configuration`, r.span);
      const maybe = groups.length ? groups.map((group) => ({ group, unknown })) : [{ unknown, groupUnknown: groupsUnknown! }];
      for (const x of endpoints.values()) (x.maybeGroups ??= []).push(...maybe);
    }
  }
  // Interfaces attached to instances carry the instance's traffic too; both stay endpoints. An
  // Elastic IP given to an instance sits on its primary interface (device index 0), which an
  // instance launched with `network_interface` blocks has as a resource of its own.
  for (const r of index.ofType(...INSTANCE_TYPES)) {
    if (!eipMaybe.has(r.address)) continue;
    const eni = endpoints.get(refTo(primaryInterface(r)?.['network_interface_id']) ?? '');
    if (!eni) continue;
    eni.publicAddress = 'yes';
    eni.publicIps = [...eni.publicIps, ...(eipOf.get(r.address) ?? [])];
    eni.elasticIp = true;
  }

  for (const r of index.ofType('aws_lb', 'aws_alb', 'aws_elb')) {
    const a = r.attributes;
    const subnetIds = [...namesOf(a['subnets']), ...refsOfMappings(r)];
    const e: Endpoint = {
      id: r.address,
      kind: 'load-balancer',
      subnets: subnetIds,
      addresses: [],
      ...groupIds(a['security_groups']),
      ...balancerPublic(a),
      publicIps: [],
      span: r.span,
      listeners: [],
    };
    fillAddresses(e, subnets);
    addIpv6(e, hostIpv6(r, a, e, subnets, { dualStack: (x) => dualStack(r, x, 'ip_address_type', ['dualstack', 'dualstack-without-public-ipv4']) }));
    endpoints.set(r.address, e);
  }
  const ipTargets = readListeners(index, endpoints);

  for (const g of gateways.values()) {
    if (g.kind !== 'nat-gateway') continue;
    const r = index.byAddress.get(g.id)!;
    const a = r.attributes;
    const subnetIds = namesOf(a['subnet_id']);
    const isPrivate = a['connectivity_type'] === 'private';
    const eip = index.byAddress.get(refTo(a['allocation_id']) ?? '');
    const e: Endpoint = {
      id: g.id,
      kind: 'nat-gateway',
      subnets: subnetIds,
      addresses: prefixesOf(a['private_ip'] ?? null).prefixes,
      groups: [],
      publicAddress: isPrivate ? 'no' : 'yes',
      publicIps: eip ? prefixesOf(eip.attributes['public_ip'] ?? eip.attributes['address']).prefixes : [],
      elasticIp: !isPrivate && a['allocation_id'] !== undefined && a['allocation_id'] !== null,
      span: r.span,
    };
    fillAddresses(e, subnets);
    endpoints.set(g.id, e);
  }

  // AWS Network Firewall: one endpoint per mapped subnet; traffic routed to it passes on by that
  // subnet's route table. Its rule groups are not evaluated (said as a warning), so it filters nothing here.
  for (const r of index.ofType('aws_networkfirewall_firewall')) {
    const m = blocks(r, 'subnet_mapping');
    const e: Endpoint = {
      id: r.address,
      kind: 'firewall',
      subnets: m instanceof Unknown ? [] : m.flatMap((b) => namesOf(b['subnet_id'])),
      addresses: [],
      groups: [],
      publicAddress: 'no',
      publicIps: [],
      span: r.span,
      forwards: true,
      firewall: true,
    };
    fillAddresses(e, subnets);
    endpoints.set(r.address, e);
  }

  // A Gateway Load Balancer endpoint sends what routes give it to the appliances behind it, which
  // return it through the endpoint: it passes on by its own subnet's route table, like a Network
  // Firewall endpoint, and the appliances' rules are not read (a warning), so it filters nothing here.
  for (const r of index.ofType('aws_vpc_endpoint')) {
    if (r.attributes['vpc_endpoint_type'] !== 'GatewayLoadBalancer') continue;
    const e: Endpoint = { id: r.address, kind: 'firewall', subnets: namesOf(r.attributes['subnet_ids']), addresses: [], groups: [], publicAddress: 'no', publicIps: [], span: r.span, forwards: true, firewall: true };
    fillAddresses(e, subnets);
    endpoints.set(r.address, e);
  }

  // A cluster without instance resources of its own — a Multi-AZ DB cluster (db_cluster_instance_class)
  // or Aurora Serverless v1 — is reached as one database.
  const clusters = index.ofType('aws_rds_cluster').filter((r) => (r.attributes['db_cluster_instance_class'] ?? null) !== null || (typeof r.attributes['engine_mode'] === 'string' && r.attributes['engine_mode'].toLowerCase() === 'serverless'));
  for (const r of [...index.ofType('aws_db_instance', 'aws_rds_cluster_instance'), ...clusters]) {
    const a = r.attributes;
    // Named by reference, or by the name the group is given (`aws_db_subnet_group.x.name` is known text).
    // An Aurora instance (a cluster member) takes its cluster's subnet group and security groups;
    // a cluster the configuration does not hold leaves them not known.
    const clusterId = a['cluster_identifier'];
    const member = r.type === 'aws_rds_cluster_instance' || (r.type === 'aws_db_instance' && clusterId !== undefined && clusterId !== null);
    // AWS keeps cluster identifiers in lower case; a member's own groups do not apply (the cluster's do).
    const sameId = (v: Value | undefined): boolean => typeof v === 'string' && typeof clusterId === 'string' && v.toLowerCase() === clusterId.toLowerCase();
    const cluster = member ? (index.byAddress.get(refTo(clusterId) ?? '') ?? index.ofType('aws_rds_cluster').find((c) => sameId(c.attributes['cluster_identifier']))) : undefined;
    // The cluster manages its members' subnet group.
    const named = (cluster ? cluster.attributes['db_subnet_group_name'] : undefined) ?? a['db_subnet_group_name'];
    const groups = !member
      ? groupIds(a['vpc_security_group_ids'])
      : cluster
        ? groupIds(cluster.attributes['vpc_security_group_ids'])
        : { groups: [], groupsUnknown: new Unknown(`the cluster of ${r.address} is not in the configuration: its security groups are not known`, r.span) };
    // RDS keeps subnet group names in lower case.
    const groupName = refTo(named) ?? (typeof named === 'string' ? index.ofType('aws_db_subnet_group').find((g) => typeof g.attributes['name'] === 'string' && g.attributes['name'].toLowerCase() === named.toLowerCase())?.address : undefined);
    const subnetIds = groupName ? namesOf(index.byAddress.get(groupName)?.attributes['subnet_ids']) : [];
    const e: Endpoint = {
      id: r.address,
      kind: 'database',
      subnets: subnetIds,
      addresses: [],
      ...groups,
      publicAddress: bool(a['publicly_accessible']) === true ? 'yes' : a['publicly_accessible'] instanceof Unknown ? 'unknown' : 'no',
      publicIps: [],
      span: r.span,
    };
    // Where PubliclyAccessible is left to RDS — CloudFormation without it, and Terraform's
    // aws_rds_cluster, which has no such argument — RDS makes the database public when the VPC of
    // its subnets has an internet gateway (Terraform's aws_db_instance sends false instead).
    if (a['publicly_accessible'] === undefined && (r.nativeType === 'AWS::RDS::DBInstance' || r.type === 'aws_rds_cluster')) {
      const vpcs = subnetIds.map((s) => subnets.get(s)?.vpc);
      // A VPC the configuration does not hold (an id as text) may have a gateway it does not hold either.
      const known = vpcs.length > 0 && vpcs.every((v) => v !== undefined && index.byAddress.get(v)?.mode === 'managed');
      const igws = [...gateways.values()].filter((g) => g.kind === 'internet-gateway');
      if (igws.some((g) => g.vpc !== undefined && vpcs.includes(g.vpc))) e.publicAddress = 'yes';
      else if (!known || igws.some((g) => g.vpc === undefined)) {
        e.publicAddress = 'unknown';
        e.publicUnknown = new Unknown(`${r.address} leaves PubliclyAccessible to RDS, and whether the VPC of its subnets has an internet gateway is not known: RDS makes it public when it has one`, r.span);
      }
    }
    fillAddresses(e, subnets);
    // A cluster member takes its cluster's network type.
    const typed = cluster && a['network_type'] === undefined ? cluster : r;
    addIpv6(e, hostIpv6(typed, typed.attributes, e, subnets, { dualStack: (x) => dualStack(typed, x, 'network_type', ['dual']) }));
    endpoints.set(r.address, e);
  }
  placeIpTargets(ipTargets, endpoints, subnets);
  // Whatever its kind, an endpoint whose count (or condition) is not known may not exist.
  for (const e of endpoints.values()) {
    const expansion = index.byAddress.get(e.id)?.expansion;
    if (expansion) e.expansion = expansion;
  }
  return endpoints;
}

function addIpv6(e: Endpoint, six: { prefixes: Prefix[]; unknown?: Unknown }): void {
  e.addresses.push(...six.prefixes);
  if (six.unknown) e.ipv6Unknown = six.unknown;
}

/** Every IPv4 and IPv6 address. */
const ANY_ADDRESS: Prefix[] = [parseCidr('0.0.0.0/0')!, parseCidr('::/0')!];

/** Unknown private addresses stand for the subnets' prefixes. */
function fillAddresses(e: Endpoint, subnets: Map<string, Subnet>): void {
  if (e.addresses.length) return;
  const cidrs = e.subnets.map((s) => subnets.get(s)?.cidr).filter((p): p is Prefix => p !== undefined);
  // A subnet whose range is not known, or none known: any address stands for the endpoint's, never
  // none. An IPv6-only subnet has no IPv4 range to know: its endpoints' IPv6 addresses follow.
  const rangeUnknown = (id: string): boolean => {
    const s = subnets.get(id);
    return !s || (!s.cidr && !s.ipv6Native);
  };
  e.addresses = e.subnets.length === 0 || e.subnets.some(rangeUnknown) ? [...ANY_ADDRESS] : cidrs;
  e.addressUnknown = new Unknown(`the private address of ${e.id} is assigned at launch; any address of ${e.subnets.join(', ') || 'its subnet'} stands for it`);
}

/**
 * The security groups a list names (groupPeers): by reference or by id as written (a group the
 * configuration may not hold, whose rules are then unknown). Anything that names no group (a
 * variable without value) leaves the groups unknown.
 */
function groupIds(...values: Array<Value | undefined>): { groups: string[]; groupsUnknown?: Unknown } {
  const groups: string[] = [];
  let unknown: Unknown | undefined;
  for (const v of values) {
    for (const p of groupPeers(v)) {
      if (p.kind === 'group') groups.includes(p.group) || groups.push(p.group);
      else if (p.kind === 'unknown') unknown ??= p.unknown;
    }
  }
  return unknown ? { groups, groupsUnknown: unknown } : { groups };
}

/** The primary (device index 0, else the first) of the network_interface blocks an instance is launched with. */
function primaryInterface(r: ModelResource): ObjectValue | undefined {
  const list = blocks(r, 'network_interface');
  if (list instanceof Unknown) return undefined;
  return list.find((b) => b['device_index'] === 0 || b['device_index'] === '0') ?? list[0];
}

function refsOfMappings(r: ModelResource): string[] {
  const m = blocks(r, 'subnet_mapping');
  return m instanceof Unknown ? [] : m.flatMap((b) => namesOf(b['subnet_id']));
}

/** An IP target as written: the attachment that names it (CloudFormation's targets are attachments too) and the target group's VPC. */
interface IpTarget {
  by: ModelResource;
  ip: Prefix;
  text: string;
  vpc?: string;
}

/**
 * Listeners forward (default action or rules) to target groups, whose attachments name the
 * targets; classic load balancers to their instances. Returns the IP targets.
 */
function readListeners(index: ResourceIndex, endpoints: Map<string, Endpoint>): IpTarget[] {
  const ipTargets: IpTarget[] = [];
  const targetsOf = new Map<string, Array<{ endpoint?: string; addresses?: Prefix[]; text: string; port?: number; unknowns: Unknown[] }>>();
  // CloudFormation's target groups list their targets; translate.ts makes each an attachment.
  for (const r of index.ofType('aws_lb_target_group_attachment', 'aws_alb_target_group_attachment')) {
    const tg = refTo(r.attributes['target_group_arn']);
    if (!tg) continue;
    const group = index.byAddress.get(tg);
    // A Lambda function is invoked, not reached at an address: no flow goes on from the listener.
    if (typeof group?.attributes['target_type'] === 'string' && group.attributes['target_type'].toLowerCase() === 'lambda') continue;
    const given = r.attributes['target_id'];
    const port = portOf(r.attributes['port']) ?? portOf(group?.attributes['port']);
    const unknowns = port === undefined ? [new Unknown(`the port ${r.address} sends to is not known`, r.span)] : [];
    const target = refTo(given);
    const ip = typeof given === 'string' ? prefixesOf(given) : undefined;
    // An endpoint of the model; an IP target, forwarded to by address (the graph's routes take it on,
    // to an endpoint of the model or out through a VPN); else a target the configuration does not
    // hold or not known: any address.
    let to: { endpoint?: string; addresses?: Prefix[]; text: string };
    if (target && endpoints.has(target)) to = { endpoint: target, text: target };
    // A resource of the configuration that is no endpoint (a Lambda function): the flow ends there.
    else if (target && index.byAddress.has(target)) continue;
    else if (ip && ip.prefixes.length === 1 && !ip.unknown) {
      to = { addresses: ip.prefixes, text: given as string };
      const vpc = refTo(group?.attributes['vpc_id']);
      ipTargets.push({ by: r, ip: ip.prefixes[0]!, text: given as string, ...(vpc ? { vpc } : {}) });
    } else {
      to = { addresses: ANY_ADDRESS, text: `a target not known (${r.address})` };
      unknowns.push(new Unknown(`the target of ${r.address} is not known (${target ?? (typeof given === 'string' ? given : given instanceof Unknown ? given.reason : 'target_id is not set')}): it may be any address`, r.span));
    }
    const clientIp = keepsClientIp(group, ip !== undefined && !target, r);
    addTo(targetsOf, tg, { ...to, ...(port !== undefined ? { port } : {}), ...(clientIp ? { clientIp } : {}), unknowns });
  }
  const byListener = new Map<string, Listener>();
  // A listener whose load balancer is not known (a variable without value) may be on any of them.
  const balancers = [...endpoints.values()].filter((e) => e.kind === 'load-balancer' && index.byAddress.get(e.id)?.type !== 'aws_elb');
  for (const r of index.ofType('aws_lb_listener', 'aws_alb_listener')) {
    const arn = r.attributes['load_balancer_arn'];
    const lbAddress = refTo(arn) ?? '';
    const lb = endpoints.get(lbAddress);
    const anyOf = !lb && arn instanceof Unknown && !lbAddress ? new Unknown(`the load balancer of ${r.address} is not known (${arn.reason}): it may be any of the configuration's`, r.span) : undefined;
    if (!lb && !anyOf) continue;
    const port = portOf(r.attributes['port']);
    const targets = actionTargets(index, r, blocks(r, 'default_action'), targetsOf);
    const given = r.attributes['protocol'];
    // A Gateway Load Balancer's listener has neither protocol nor port: it forwards every IP packet
    // (GENEVE) to its appliances. Otherwise an unset protocol is AWS's default, HTTP; one not known
    // may be any a listener takes (Listener.protocol).
    const gateway = index.byAddress.get(lbAddress)?.attributes['load_balancer_type'] === 'gateway';
    const protocol = typeof given === 'string' ? given.toUpperCase() : given instanceof Unknown ? 'not known' : gateway ? 'GENEVE' : 'HTTP';
    const opens = [
      ...(anyOf ? [anyOf] : []),
      ...(given instanceof Unknown ? [new Unknown(`the protocol of ${r.address} is not known: it may be TCP or UDP`, r.span)] : []),
      ...(port === undefined && protocol !== 'GENEVE' ? [new Unknown(`the port of ${r.address} is not known`, r.span)] : []),
    ];
    const l: Listener = {
      id: r.address,
      protocol,
      ...(port !== undefined ? { port } : {}),
      targets: targets.map(listenerTarget),
      span: r.span,
      unknowns: [...opens, ...targets.flatMap((t) => t.unknowns)],
      ...(opens.length ? { opens } : {}),
    };
    // On each load balancer it may be on, the same listener: its rules (below) reach every one.
    for (const x of lb ? [lb] : balancers) x.listeners!.push(l);
    byListener.set(r.address, l);
  }
  for (const r of index.ofType('aws_lb_listener_rule', 'aws_alb_listener_rule')) {
    const l = byListener.get(refTo(r.attributes['listener_arn']) ?? '');
    if (!l) continue;
    for (const t of actionTargets(index, r, blocks(r, 'action'), targetsOf)) {
      l.targets.push(listenerTarget(t));
      l.unknowns.push(...t.unknowns);
    }
  }
  readClassicListeners(index, endpoints);
  return ipTargets;
}

/**
 * A classic load balancer's listeners (`listener` blocks) forward to its instances: those it lists
 * and those `aws_elb_attachment` joins to it, on each listener's instance port. A list of instances
 * not known may be any address.
 */
function readClassicListeners(index: ResourceIndex, endpoints: Map<string, Endpoint>): void {
  const attached = new Map<string, Value[]>();
  for (const r of index.ofType('aws_elb_attachment')) {
    const elb = refTo(r.attributes['elb']);
    if (elb) addTo(attached, elb, r.attributes['instance'] ?? null);
  }
  for (const r of index.ofType('aws_elb')) {
    const lb = endpoints.get(r.address);
    const list = blocks(r, 'listener');
    if (!lb) continue;
    // A plan's instances the provider fills in (registered elsewhere) are no setting.
    const given = r.computed?.has('instances') ? undefined : r.attributes['instances'];
    const listed = given instanceof Unknown ? [given] : Array.isArray(given) ? given : given instanceof TfSet ? given.items : [];
    const instances: string[] = [];
    let unknown: Unknown | undefined;
    for (const v of [...listed, ...(attached.get(r.address) ?? [])]) {
      const ref = refTo(v);
      if (ref && endpoints.has(ref)) instances.includes(ref) || instances.push(ref);
      // An instance not known, or not in the configuration (an id as text): any address.
      else if (v instanceof Unknown || (typeof v === 'string' && !endpoints.has(v)))
        unknown ??= new Unknown(`an instance of ${r.address} is not known or not in the configuration (${v instanceof Unknown ? v.reason : v}): it may forward to any address`, r.span);
    }
    const entries = list instanceof Unknown ? [undefined] : list;
    entries.forEach((b, i) => {
      const port = b ? portOf(b['lb_port']) : undefined;
      const toPort = b ? portOf(b['instance_port']) : undefined;
      const where = `${r.address} listener${b ? `[${i}]` : 's'}`;
      const opens = port === undefined ? [new Unknown(`the port of ${where} is not known`, r.span)] : [];
      const unknowns = [...(unknown ? [unknown] : []), ...opens, ...(toPort === undefined ? [new Unknown(`the instance port of ${where} is not known`, r.span)] : [])];
      const targets: Listener['targets'] = instances.map((x) => ({ endpoint: x, ...(toPort !== undefined ? { port: toPort } : {}) }));
      if (unknown) targets.push({ addresses: ANY_ADDRESS, text: `an instance not known (${r.address})`, ...(toPort !== undefined ? { port: toPort } : {}) });
      lb.listeners!.push({ id: r.address, protocol: typeof b?.['lb_protocol'] === 'string' ? b['lb_protocol'].toUpperCase() : 'TCP', ...(port !== undefined ? { port } : {}), targets, span: b ? spanOf(r, `listener[${i}]`) : r.span, unknowns, ...(opens.length ? { opens } : {}) });
    });
  }
}

/**
 * An IP target in a subnet the configuration holds, at an address no endpoint of it has: a host
 * that is not in the configuration (a container task, another stack's instance) receives what the
 * load balancer forwards. Left out, the flow would end in the subnet and a rule would pass the zone
 * it sits in; it becomes an endpoint named by the attachment that names the target first (its zone
 * comes from zone-candidates.ts, by the same subnets: model/lb-targets.ts), whose security groups
 * and public address are not known. A target in no held subnet is left to the routes.
 */
function placeIpTargets(targets: IpTarget[], endpoints: Map<string, Endpoint>, subnets: Map<string, Subnet>): void {
  if (targets.length === 0) return;
  const held = new PrefixIndex<true>();
  for (const e of endpoints.values()) if (!e.addressUnknown) for (const p of e.addresses) held.add(p, true);
  const inside = new PrefixIndex<Subnet>();
  for (const s of subnets.values()) {
    if (s.outside) continue;
    if (s.cidr) inside.add(s.cidr, s);
    if (s.ipv6) inside.add(s.ipv6, s);
  }
  // One host per address and place, however many attachments name it.
  const made = new Set<string>();
  for (const t of targets) {
    if (held.holding(t.ip).length) continue;
    const places = targetSubnets(t.ip, t.vpc, inside).map((s) => s.id);
    if (places.length === 0) continue;
    const key = `${t.text} ${places.join(' ')}`;
    if (made.has(key)) continue;
    const unknown = new Unknown(`${t.text}, a target of ${t.by.address}, is no instance or interface of the configuration: what sits there, its security groups and whether it has a public address are not known`, t.by.span);
    const e: Endpoint = { id: t.by.address, kind: 'other', subnets: places, addresses: [t.ip], groups: [], groupsUnknown: unknown, publicAddress: 'unknown', publicUnknown: unknown, publicIps: [], span: t.by.span, unheld: unknown };
    made.add(key);
    endpoints.set(e.id, e);
  }
}

type ListenerTarget = { endpoint?: string; addresses?: Prefix[]; text: string; port?: number; clientIp?: true | Unknown; unknowns: Unknown[] };

/**
 * Whether a Network Load Balancer's target group hands its targets the client's address and port
 * (client IP preservation) rather than the load balancer's: `preserve_client_ip` when set, else
 * AWS's default — on for instance targets, and for IP targets over UDP (TCP_UDP included); off for
 * IP targets over TCP and TLS. An Application Load Balancer's groups (HTTP, HTTPS) never keep it.
 * Undefined: the load balancer's address; an Unknown: either.
 */
function keepsClientIp(group: ModelResource | undefined, ipTarget: boolean, by: ModelResource): true | Unknown | undefined {
  const a = group?.attributes ?? {};
  const protocol = typeof a['protocol'] === 'string' ? a['protocol'].toUpperCase() : undefined;
  if (protocol === undefined || !['TCP', 'TLS', 'UDP', 'TCP_UDP'].includes(protocol)) return undefined;
  const given = a['preserve_client_ip'];
  if (given instanceof Unknown) return new Unknown(`whether ${group!.address} keeps the client's address is not known (preserve_client_ip): ${by.address} may see the client's or the load balancer's`, group!.span);
  const set = bool(given);
  if (set !== undefined) return set ? true : undefined;
  const type = typeof a['target_type'] === 'string' ? a['target_type'].toLowerCase() : 'instance';
  if (type === 'instance') return true;
  return type === 'ip' && (protocol === 'UDP' || protocol === 'TCP_UDP') ? true : undefined;
}

/**
 * The targets a listener's (or a rule's) actions forward to: those of the target groups they name.
 * Actions not known, or a target group not known before apply (a data source, another stack's) or
 * not in the configuration (an ARN as text), may forward anywhere: any address, resting on that.
 */
function actionTargets(index: ResourceIndex, r: ModelResource, actions: ObjectValue[] | Unknown, targetsOf: Map<string, ListenerTarget[]>): ListenerTarget[] {
  const anywhere = (why: string): ListenerTarget => ({ addresses: ANY_ADDRESS, text: `a target not known (${r.address})`, unknowns: [new Unknown(`${why}: it may forward to any address`, r.span)] });
  if (actions instanceof Unknown) return [anywhere(`the actions of ${r.address} are not known (${actions.reason})`)];
  const out: ListenerTarget[] = [];
  for (const b of actions) {
    for (const v of [b['target_group_arn'], ...forwardArns(b['forward'])]) {
      const g = refTo(v);
      if (g && index.typeOf(g) !== undefined && index.typeOf(g)!.endsWith('target_group')) out.push(...(targetsOf.get(g) ?? []));
      else if (v instanceof Unknown) out.push(anywhere(`the target group of ${r.address} is not known (${v.reason})`));
      else if (typeof v === 'string' && v !== '') out.push(anywhere(`the target group ${v} of ${r.address} is not in the configuration`));
    }
  }
  return out;
}

function listenerTarget(t: ListenerTarget): Listener['targets'][number] {
  return { ...(t.endpoint ? { endpoint: t.endpoint } : { addresses: t.addresses!, text: t.text }), ...(t.port !== undefined ? { port: t.port } : {}), ...(t.clientIp ? { clientIp: t.clientIp } : {}) };
}

/** The target group values of a `forward` block (weighted target groups); a block or list not known, as that Unknown. */
function forwardArns(v: Value | undefined): Value[] {
  if (v instanceof Unknown) return [v];
  if (!Array.isArray(v)) return [];
  return v.flatMap((f): Value[] => {
    if (f instanceof Unknown) return [f];
    if (!isObject(f)) return [];
    const groups = f['target_group'];
    if (groups instanceof Unknown) return [groups];
    return Array.isArray(groups) ? groups.flatMap((t): Value[] => (t instanceof Unknown ? [t] : isObject(t) && t['arn'] !== undefined ? [t['arn']] : [])) : [];
  });
}

function portOf(v: Value | undefined): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : undefined;
}

/**
 * Whether a load balancer has public addresses: an internet-facing one does (`internal` unset or
 * false); a Gateway Load Balancer never does, since it takes no scheme (CreateLoadBalancer refuses
 * one), so a type not known before apply leaves it not known.
 */
function balancerPublic(a: ObjectValue): Pick<Endpoint, 'publicAddress' | 'publicUnknown'> {
  const type = a['load_balancer_type'];
  if (typeof type === 'string' && type.toLowerCase() === 'gateway') return { publicAddress: 'no' };
  if (bool(a['internal']) === true) return { publicAddress: 'no' };
  if (a['internal'] instanceof Unknown) return { publicAddress: 'unknown' };
  return type instanceof Unknown ? { publicAddress: 'unknown', publicUnknown: type } : { publicAddress: 'yes' };
}
