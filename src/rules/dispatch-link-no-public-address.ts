/**
 * dispatch-link-no-public-address — (4)ア: nothing on the dispatch link has a public address (public
 * IP, auto-assigned public IP, Elastic IP), and no route table of the dispatch link sends traffic to
 * an internet gateway. Either would connect the dispatch link to the internet directly.
 */
import type { ModelResource } from '../model/resource.js';
import { Unknown, type Value } from '../model/value.js';
import { heldOf } from './utils/held.js';
import { bool } from '../graph/aws/common.js';
import { defineRule, type Report, type RuleContext } from './rule.js';
import { blocks, elements, refsOf, spanOf, textOf } from '../model/read.js';
import { groupPlaces, launchedFrom, launchedFromUnknown } from './utils/launch.js';
import { INSTANCE_TYPES, isInstance } from '../model/instances.js';

/** true, "true" (in any case), or an Unknown (which may be true): what may assign a public address. */
function mayBeTrue(v: Value | undefined): Unknown | boolean {
  if (v instanceof Unknown) return v;
  return bool(v) === true;
}

/**
 * A subnet's auto-assignment of public addresses. An `aws_default_subnet` that leaves it unset keeps
 * what the subnet has in AWS, which creates default subnets with it on: not known.
 */
function subnetAutoAssign(s: ModelResource): Value | undefined {
  const v = s.attributes['map_public_ip_on_launch'];
  if (s.type === 'aws_default_subnet' && (v === undefined || v === null || (v instanceof Unknown && s.computed?.has('map_public_ip_on_launch')))) {
    return new Unknown(`${s.address} leaves map_public_ip_on_launch as the default subnet has it in AWS, which creates default subnets assigning public addresses`, s.span);
  }
  return v;
}

/**
 * Whether instances launched from a template or configuration take their subnet's auto-assignment
 * of public addresses: its associate_public_ip_address (a template's in its first interface) is
 * unset. A value set, known or not, is judged on the template or configuration itself.
 */
function leavesPublicIpUnset(t: ModelResource | undefined): boolean {
  if (!t) return false;
  if (t.type === 'aws_launch_configuration') return t.attributes['associate_public_ip_address'] === undefined || t.attributes['associate_public_ip_address'] === null || (t.attributes['associate_public_ip_address'] instanceof Unknown && !!t.computed?.has('associate_public_ip_address'));
  const nics = blocks(t, 'network_interfaces');
  if (nics instanceof Unknown) return false;
  const v = nics[0]?.['associate_public_ip_address'];
  return v === undefined || v === null;
}

/** The subnet resource an instance names in subnet_id, when the configuration holds it. */
function subnetOf(ctx: RuleContext<unknown>, r: ModelResource): ModelResource | undefined {
  const s = refsOf(r.attributes['subnet_id'])[0];
  const held = s ? ctx.resource(s) : undefined;
  return held && SUBNETS.has(held.type) ? held : undefined;
}

const ROLE = 'dispatch-link';
/** What a route's table may be named by: a table, or a VPC by its main or default table. */
const TABLE_PARENTS = new Set(['aws_route_table', 'aws_default_route_table', 'aws_vpc']);
/** What an Elastic IP may be given to. */
const HOSTS = new Set([...INSTANCE_TYPES, 'aws_network_interface']);
const SUBNETS = new Set(['aws_subnet', 'aws_default_subnet']);

/** Why a load balancer is internet-facing: `internal` false, unset (AWS's default scheme), or not known. */
const WHY_SCHEME = {
  off: { en: 'internal = false', ja: 'internal = false' },
  unset: { en: 'internal is not set: internet-facing', ja: 'internal が未設定のためインターネット向け' },
  unknown: { en: 'internal is not known before apply', ja: 'internal が apply 後まで確定しない' },
} as const;

const messages = {
  publicIp: {
    en: '{{resource}} on the dispatch link gets a public IP address ({{attribute}} = true)',
    ja: '簡易指令システムとの直接的な接続部の {{resource}} にパブリック IP アドレスが割り当てられます（{{attribute}} = true）',
  },
  elasticIp: {
    en: '{{resource}} gives a dispatch-link resource ({{target}}) an Elastic IP address',
    ja: '{{resource}} が簡易指令システムとの直接的な接続部のリソース（{{target}}）に Elastic IP アドレスを付与しています',
  },
  publicService: {
    en: '{{resource}} on the dispatch link has public IP addresses ({{why}})',
    ja: '簡易指令システムとの直接的な接続部の {{resource}} がパブリック IP アドレスを持ちます（{{why}}）',
  },
  internetRoute: {
    en: '{{table}} of the dispatch link routes {{destination}} to internet gateway {{gateway}}',
    ja: '簡易指令システムとの直接的な接続部の {{table}} が {{destination}} をインターネットゲートウェイ {{gateway}} へ転送しています',
  },
};

type Id = keyof typeof messages;

export default defineRule({
  id: 'dispatch-link-no-public-address',
  scope: (s) => s.network && s.zoneRole('dispatch-link'),
  messages,
  defaultOptions: {},
  check(ctx) {
    const onLink = (address: string): boolean | 'maybe' => ctx.zones.hasRole(address, ROLE);
    const report = (r: Omit<Report<Id>, 'possibleBecause'>, role: boolean | 'maybe' | Unknown, value?: Unknown | boolean): void => {
      const unknowns = [...(r.unknowns ?? []), ...(role instanceof Unknown ? [role] : []), ...(value instanceof Unknown ? [value] : [])];
      const withUnknown = unknowns.length ? { ...r, unknowns } : r;
      ctx.report(role === 'maybe' ? { ...withUnknown, possibleBecause: 'no zones are declared, so any resource may be on the dispatch link' } : withUnknown);
    };
    const dispatchTables = dispatchRouteTables(ctx, onLink);
    // What an Auto Scaling group on the link (or launching into a subnet of it) launches from is on it
    // too. A template or configuration the configuration does not show may ask for public addresses:
    // the group gets a possible finding at the setting that names it.
    const launchedOnLink = new Map<string, boolean | 'maybe'>();
    for (const g of ctx.model.resources) {
      if (g.mode !== 'managed' || g.type !== 'aws_autoscaling_group') continue;
      const role = groupPlaces(g).map(onLink).find((x) => x) || false;
      if (!role) continue;
      const from = launchedFrom(g, ctx.model.resources, (a) => ctx.resource(a));
      for (const t of from) if (launchedOnLink.get(t) !== true) launchedOnLink.set(t, role);
      const unknownLaunch = launchedFromUnknown(g, ctx.model.resources, (a) => ctx.resource(a));
      for (const { at, unknown } of unknownLaunch) {
        report({ messageId: 'publicIp', data: { resource: g.address, attribute: 'associate_public_ip_address of its launch template or configuration' }, resource: g, at }, role, unknown);
      }
      // Instances launched from what leaves associate_public_ip_address unset take the setting of the
      // subnet they are launched into, as an instance does: a subnet off the link (one on it is
      // reported itself) that assigns public addresses gives them one. (A launch setting not known is
      // reported above.)
      if (!from.some((t) => leavesPublicIpUnset(ctx.resource(t)))) continue;
      const zoneIds = g.attributes['vpc_zone_identifier'];
      // A subnet not known before apply, and not held, may be one that assigns public addresses.
      const notHeld = (zoneIds instanceof Unknown ? [zoneIds] : elements(zoneIds)).find((v): v is Unknown => v instanceof Unknown && !heldOf(ctx, v, SUBNETS));
      if (notHeld) {
        const u = new Unknown(`the subnet of ${g.address} is not known (${notHeld.reason}): it may assign public addresses to the instances launched in it`, g.span);
        report({ messageId: 'publicIp', data: { resource: g.address, attribute: 'map_public_ip_on_launch of its subnet' }, resource: g, at: spanOf(g, 'vpc_zone_identifier') }, role, u);
      }
      for (const ref of refsOf(zoneIds)) {
        const subnet = ctx.resource(ref);
        if (!subnet || !SUBNETS.has(subnet.type) || onLink(subnet.address)) continue;
        const pub = mayBeTrue(subnetAutoAssign(subnet));
        if (pub) report({ messageId: 'publicIp', data: { resource: g.address, attribute: `map_public_ip_on_launch of its subnet ${subnet.address}` }, resource: g, at: spanOf(g, 'vpc_zone_identifier') }, role, pub);
      }
    }
    // An instance on the link that leaves associate_public_ip_address unset and is launched from a
    // template takes the template's interfaces: the template is on the link too, and one the
    // configuration does not show may ask for a public address.
    for (const i of ctx.model.resources) {
      if (i.mode !== 'managed' || !isInstance(i.type)) continue;
      const role = onLink(i.address);
      const own = i.attributes['associate_public_ip_address'];
      if (!role || !(own === undefined || own === null || (own instanceof Unknown && i.computed?.has('associate_public_ip_address')))) continue;
      for (const t of launchedFrom(i, ctx.model.resources, (a) => ctx.resource(a))) if (launchedOnLink.get(t) !== true) launchedOnLink.set(t, role);
      for (const { at, unknown } of launchedFromUnknown(i, ctx.model.resources, (a) => ctx.resource(a))) {
        report({ messageId: 'publicIp', data: { resource: i.address, attribute: 'associate_public_ip_address of its launch template or configuration' }, resource: i, at }, role, unknown);
      }
    }
    const linkHosts = ctx.model.resources.some((r) => (isInstance(r.type) || r.type === 'aws_network_interface') && onLink(r.address) === true);
    for (const r of ctx.model.resources) {
      if (r.mode !== 'managed') continue;
      const a = r.attributes;
      switch (r.type) {
        case 'aws_instance':
        case 'aws_spot_instance_request': {
          const role = onLink(r.address);
          if (!role) break;
          const own = a['associate_public_ip_address'];
          // Unset (a plan computes it then), the instance takes its subnet's setting.
          if (own === undefined || own === null || (own instanceof Unknown && r.computed?.has('associate_public_ip_address'))) {
            const subnet = subnetOf(ctx, r);
            const named = a['subnet_id'];
            if (!subnet) {
              // A subnet not known before apply, and not held, may be one that assigns public addresses.
              if (named instanceof Unknown && !heldOf(ctx, named, SUBNETS)) {
                const u = new Unknown(`the subnet of ${r.address} is not known (${named.reason}): it may assign public addresses to the instances launched in it`, r.span);
                report({ messageId: 'publicIp', data: { resource: r.address, attribute: 'map_public_ip_on_launch of its subnet' }, resource: r, at: spanOf(r, 'subnet_id') }, role, u);
              }
              break;
            }
            // A subnet (maybe) on the link is reported itself.
            if (onLink(subnet.address)) break;
            const pub = mayBeTrue(subnetAutoAssign(subnet));
            if (pub) report({ messageId: 'publicIp', data: { resource: r.address, attribute: `map_public_ip_on_launch of its subnet ${subnet.address}` }, resource: r, at: spanOf(r, 'subnet_id') }, role, pub);
            break;
          }
          const pub = mayBeTrue(own);
          if (pub) report({ messageId: 'publicIp', data: { resource: r.address, attribute: 'associate_public_ip_address' }, resource: r, at: spanOf(r, 'associate_public_ip_address') }, role, pub);
          break;
        }
        case 'aws_launch_template': {
          const role = onLink(r.address) || launchedOnLink.get(r.address);
          const nics = blocks(r, 'network_interfaces');
          if (!role) break;
          // Interfaces not known before apply may ask for a public address.
          if (nics instanceof Unknown && !r.computed?.has('network_interfaces')) {
            report({ messageId: 'publicIp', data: { resource: r.address, attribute: 'associate_public_ip_address' }, resource: r, at: spanOf(r, 'network_interfaces') }, role, nics);
            break;
          }
          if (nics instanceof Unknown) break;
          nics.forEach((n, i) => {
            const pub = mayBeTrue(n['associate_public_ip_address']);
            if (pub) {
              report({ messageId: 'publicIp', data: { resource: r.address, attribute: 'associate_public_ip_address' }, resource: r, at: spanOf(r, `network_interfaces[${i}].associate_public_ip_address`) }, role, pub);
            }
          });
          break;
        }
        case 'aws_launch_configuration': {
          const role = onLink(r.address) || launchedOnLink.get(r.address);
          const pub = role ? mayBeTrue(a['associate_public_ip_address']) : undefined;
          if (role && pub) report({ messageId: 'publicIp', data: { resource: r.address, attribute: 'associate_public_ip_address' }, resource: r, at: spanOf(r, 'associate_public_ip_address') }, role, pub);
          break;
        }
        case 'aws_ecs_service': {
          // A Fargate or awsvpc task gets a public address when its network configuration asks for one.
          const role = onLink(r.address);
          const cfg = blocks(r, 'network_configuration');
          if (!role) break;
          // A network configuration not known before apply may assign a public address.
          if (cfg instanceof Unknown) {
            if (!r.computed?.has('network_configuration')) report({ messageId: 'publicIp', data: { resource: r.address, attribute: 'network_configuration.assign_public_ip' }, resource: r, at: spanOf(r, 'network_configuration') }, role, cfg);
            break;
          }
          const pub = mayBeTrue(cfg[0]?.['assign_public_ip']);
          if (pub) report({ messageId: 'publicIp', data: { resource: r.address, attribute: 'network_configuration.assign_public_ip' }, resource: r, at: spanOf(r, 'network_configuration[0].assign_public_ip') }, role, pub);
          break;
        }
        case 'aws_subnet':
        case 'aws_default_subnet': {
          const role = onLink(r.address);
          const pub = mayBeTrue(subnetAutoAssign(r));
          if (role && pub) {
            report({ messageId: 'publicIp', data: { resource: r.address, attribute: 'map_public_ip_on_launch' }, resource: r, at: spanOf(r, 'map_public_ip_on_launch') }, role, pub);
          }
          break;
        }
        case 'aws_eip':
        case 'aws_eip_association': {
          const keys = ['instance', 'instance_id', 'network_interface', 'network_interface_id'];
          const targets = keys.flatMap((k) => refsOf(a[k]));
          for (const t of targets) {
            const role = onLink(t);
            if (role) report({ messageId: 'elasticIp', data: { resource: r.address, target: t }, resource: r }, role);
          }
          // A target not known before apply (a variable without value, a data source) may be a host of the link.
          const notKnown = keys.find((k) => a[k] instanceof Unknown && !r.computed?.has(k) && !heldOf(ctx, a[k], HOSTS));
          if (notKnown && linkHosts) {
            const v = a[notKnown] as Unknown;
            ctx.report({
              messageId: 'elasticIp',
              data: { resource: r.address, target: refsOf(v)[0] ?? 'an instance or interface not known before apply' },
              resource: r,
              at: spanOf(r, notKnown),
              unknowns: [new Unknown(`the target of ${r.address} is not known (${v.reason}): it may be an instance or interface of the dispatch link`, r.span)],
            });
          }
          break;
        }
        // AWS gives an internet-facing load balancer (internal unset or false, the provider's and
        // CloudFormation's default) and a public NAT gateway (connectivity_type unset or "public")
        // public addresses in the subnets they sit in. A Gateway Load Balancer has no scheme (the
        // API refuses one): it is reached only through its endpoints, by private addresses.
        case 'aws_lb':
        case 'aws_alb':
        case 'aws_elb': {
          const role = onLink(r.address);
          if (!role) break;
          const type = a['load_balancer_type'];
          if (type === 'gateway') break;
          const internal = a['internal'];
          if (bool(internal) === true) break;
          const why = internal instanceof Unknown ? WHY_SCHEME.unknown : internal !== undefined && internal !== null ? WHY_SCHEME.off : WHY_SCHEME.unset;
          const unknowns = [...(internal instanceof Unknown ? [internal] : []), ...(type instanceof Unknown ? [type] : [])];
          report({ messageId: 'publicService', data: { resource: r.address, why: why.en }, words: { why }, resource: r, at: spanOf(r, why === WHY_SCHEME.unset ? '' : 'internal'), ...(unknowns.length ? { unknowns } : {}) }, role);
          break;
        }
        case 'aws_nat_gateway': {
          const role = onLink(r.address);
          if (!role) break;
          const type = a['connectivity_type'];
          if (typeof type === 'string' && type.toLowerCase() === 'private') break;
          const why = 'a public NAT gateway: an Elastic IP address';
          report({ messageId: 'publicService', data: { resource: r.address, why }, words: { why: { en: why, ja: 'パブリック NAT ゲートウェイ: Elastic IP アドレス' } }, resource: r, at: spanOf(r, type === undefined || type === null ? 'allocation_id' : 'connectivity_type') }, role, type instanceof Unknown ? type : undefined);
          break;
        }
        case 'aws_route_table':
        case 'aws_default_route_table': {
          const role = dispatchTables.get(r.address);
          const routes = blocks(r, 'route');
          if (!role) break;
          // Route blocks not known before apply (a dynamic block over an unknown value) may send
          // traffic to an internet gateway. A plan's value the provider computes is none of the system's.
          if (routes instanceof Unknown) {
            if (!r.computed?.has('route')) report({ messageId: 'internetRoute', data: { table: r.address, destination: '(not known before apply)', gateway: '(unknown gateway)' }, resource: r, at: spanOf(r, 'route') }, role, routes);
            break;
          }
          routes.forEach((route, i) => {
            const gw = internetGateway(ctx, route['gateway_id']);
            if (!gw) return;
            const dest = textOf(route['cidr_block'] ?? route['ipv6_cidr_block'] ?? route['destination_prefix_list_id'] ?? '?');
            report({ messageId: 'internetRoute', data: { table: r.address, destination: dest, gateway: gw.name }, resource: r, at: spanOf(r, `route[${i}].gateway_id`) }, role, gw.unknown);
          });
          break;
        }
        case 'aws_route': {
          const v = a['route_table_id'];
          const table = refsOf(v)[0];
          const gw = internetGateway(ctx, a['gateway_id']);
          if (!gw) break;
          const dest = textOf(a['destination_cidr_block'] ?? a['destination_ipv6_cidr_block'] ?? a['destination_prefix_list_id'] ?? '?');
          const role = table ? dispatchTables.get(table) : undefined;
          if (role) {
            report({ messageId: 'internetRoute', data: { table: table!, destination: dest, gateway: gw.name }, resource: r, at: spanOf(r, 'gateway_id') }, role, gw.unknown);
          } else if (v instanceof Unknown && !heldOf(ctx, v, TABLE_PARENTS) && dispatchTables.size > 0) {
            // A table not known before apply (a data source, a variable without value) may be one of the dispatch link's.
            const unknown = new Unknown(`the route table of ${r.address} is not known (${v.reason}): it may be a route table of the dispatch link`, r.span);
            ctx.report({
              messageId: 'internetRoute',
              data: { table: table ?? 'a route table not known before apply', destination: dest, gateway: gw.name },
              resource: r,
              at: spanOf(r, 'route_table_id'),
              unknowns: gw.unknown ? [unknown, gw.unknown] : [unknown],
            });
          }
          break;
        }
      }
    }
  },
});

/**
 * Route tables of the dispatch link: zoned there, or associated with a dispatch-link subnet; or
 * possibly, with the Unknown it rests on, associated with a subnet not known before apply while the
 * dispatch link has subnets it may be.
 */
function dispatchRouteTables(ctx: RuleContext<unknown>, onLink: (a: string) => boolean | 'maybe'): Map<string, boolean | 'maybe' | Unknown> {
  const out = new Map<string, boolean | 'maybe' | Unknown>();
  const linkSubnets = ctx.model.resources.some((r) => SUBNETS.has(r.type) && onLink(r.address) === true);
  for (const r of ctx.model.resources) {
    if (r.type === 'aws_route_table' || r.type === 'aws_default_route_table') {
      const role = onLink(r.address);
      if (role) out.set(r.address, role);
    }
  }
  for (const r of ctx.model.resources) {
    if (r.type !== 'aws_route_table_association') continue;
    const table = refsOf(r.attributes['route_table_id'])[0];
    const v = r.attributes['subnet_id'];
    const subnet = refsOf(v)[0];
    if (!table) continue;
    if (!heldOf(ctx, v, SUBNETS)) {
      if (v instanceof Unknown && linkSubnets && !out.has(table)) {
        out.set(table, new Unknown(`the subnet of ${r.address} is not known (${v.reason}): it may be a subnet of the dispatch link`, r.span));
      }
      continue;
    }
    const role = onLink(subnet!);
    if (role === true || (role === 'maybe' && (!out.has(table) || out.get(table) instanceof Unknown))) out.set(table, role);
  }
  // A dispatch-link subnet with no association of its own uses its VPC's main route table (AWS:
  // implicitly associated): the table an aws_main_route_table_association makes main, else the
  // VPC's default table, and the routes written into the VPC's main or default table by its id.
  const associated = new Set(ctx.model.resources.filter((r) => r.type === 'aws_route_table_association').flatMap((r) => refsOf(r.attributes['subnet_id'])));
  for (const s of ctx.model.resources) {
    if (!SUBNETS.has(s.type) || onLink(s.address) !== true || associated.has(s.address)) continue;
    const vpc = refsOf(s.attributes['vpc_id'])[0] ?? (s.type === 'aws_default_subnet' ? defaultVpc(ctx) : undefined);
    if (!vpc) continue;
    out.set(vpc, true);
    for (const t of mainTables(ctx, vpc)) out.set(t, true);
  }
  return out;
}

/** The held tables that are a VPC's main one: made main by an association, else its default table. */
function mainTables(ctx: RuleContext<unknown>, vpc: string): string[] {
  const ofVpc = (type: string, key: string) => ctx.model.resources.filter((r) => r.type === type && refsOf(r.attributes[key])[0] === vpc);
  const made = ofVpc('aws_main_route_table_association', 'vpc_id').flatMap((r) => refsOf(r.attributes['route_table_id']));
  return made.length ? made : ofVpc('aws_default_route_table', 'default_route_table_id').map((r) => r.address);
}

/** The default VPC, when the configuration manages it (the VPC of an aws_default_subnet). */
function defaultVpc(ctx: RuleContext<unknown>): string | undefined {
  return ctx.model.resources.find((r) => r.type === 'aws_default_vpc')?.address;
}

/**
 * The internet gateway a gateway_id names: a reference to one, or a literal "igw-…" id. A gateway
 * that cannot be known (a variable, a remote module output) may be one: returned with its Unknown.
 */
function internetGateway(ctx: RuleContext<unknown>, v: Value | undefined): { name: string; unknown?: Unknown } | undefined {
  if (typeof v === 'string') return v.startsWith('igw-') ? { name: v } : undefined;
  if (!(v instanceof Unknown)) return undefined;
  const ref = refsOf(v)[0];
  if (!ref) return { name: '(unknown gateway)', unknown: v };
  const target: ModelResource | undefined = ctx.resource(ref);
  if (target) return target.type === 'aws_internet_gateway' ? { name: ref } : undefined;
  return { name: ref, unknown: v };
}
