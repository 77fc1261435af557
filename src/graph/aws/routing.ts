/**
 * VPCs, subnets, route tables and gateways (RT1–RT4, GW1–GW4). A subnet uses its explicitly
 * associated route table, else its VPC's main table (RT1); every table holds the VPC's `local` route.
 * A route's target kind comes from the type of the resource it refers to (a `gateway_id` may name an
 * internet gateway or a VPN gateway); a literal id is classified by its AWS prefix.
 */
import type { Gateway, Network, Route, RouteTable, RouteTargetKind, Subnet, Vpc, VpnConnection } from '../../model/network.js';
import { readIpv6 } from './ipv6.js';
import type { Prefix } from '../../model/net/cidr.js';
import { elements, refsOf, spanOf } from '../../model/read.js';
import type { ModelResource } from '../../model/resource.js';
import type { Span } from '../../model/source.js';
import { Unknown, type ObjectValue, type Value } from '../../model/value.js';
import { OUTSIDE_NETWORKS, routeAnywhere, toOutside } from './outside.js';
import { blockList, bool, cidrPeers, namesOf, prefixListPeers, prefixesOf, refTo, vpcOf, type ResourceIndex } from './common.js';
import { table } from '../../model/table.js';

const TARGET_ARGS = ['gateway_id', 'nat_gateway_id', 'transit_gateway_id', 'vpc_peering_connection_id', 'network_interface_id', 'vpc_endpoint_id', 'egress_only_gateway_id', 'instance_id', 'local_gateway_id', 'carrier_gateway_id', 'core_network_arn'];

const KIND_BY_TYPE: Record<string, RouteTargetKind> = table({
  aws_internet_gateway: 'internet-gateway',
  aws_egress_only_internet_gateway: 'egress-only-gateway',
  aws_nat_gateway: 'nat-gateway',
  aws_vpn_gateway: 'vpn-gateway',
  aws_ec2_transit_gateway: 'transit-gateway',
  aws_vpc_peering_connection: 'peering',
  aws_vpc_endpoint: 'endpoint',
  aws_network_interface: 'interface',
  aws_instance: 'instance',
  aws_spot_instance_request: 'instance',
  aws_networkfirewall_firewall: 'endpoint',
});

const KIND_BY_ID_PREFIX: Array<[string, RouteTargetKind]> = [
  ['igw-', 'internet-gateway'],
  ['eigw-', 'egress-only-gateway'],
  ['nat-', 'nat-gateway'],
  ['vgw-', 'vpn-gateway'],
  ['tgw-', 'transit-gateway'],
  ['pcx-', 'peering'],
  ['vpce-', 'endpoint'],
  ['eni-', 'interface'],
  ['i-', 'instance'],
];

export interface RoutingReading {
  vpcs: Map<string, Vpc>;
  subnets: Map<string, Subnet>;
  routeTables: Map<string, RouteTable>;
  gateways: Map<string, Gateway>;
  vpns: Map<string, VpnConnection>;
  /** What the reading says about IPv6 ranges assigned at apply (ipv6.ts). */
  notes: Network['notModelled'];
}

/** `declared`: the prefixes of gridfence.yaml's zones and externals, which IPv6 stand-ins keep clear of (ipv6.ts). */
export function readRouting(index: ResourceIndex, declared: readonly Prefix[] = []): RoutingReading {
  const vpcs = new Map<string, Vpc>();
  // A range not written (cut from an IPAM pool: ipv4_ipam_pool_id) is known only after apply, as is
  // one written from a value not known: the VPC's local route may then take any destination.
  const rangeNotGiven = (r: ModelResource): Unknown => new Unknown(`the range of ${r.address} is not given (cidr_block): it is known only after apply`, r.span);
  for (const r of index.ofType('aws_vpc')) {
    const given = r.attributes['cidr_block'];
    const { prefixes, unknown } = prefixesOf(given);
    vpcs.set(r.address, { id: r.address, cidrs: prefixes, unknown: unknown ?? (prefixes.length === 0 ? rangeNotGiven(r) : undefined), span: r.span });
  }
  for (const r of index.ofType('aws_vpc_ipv4_cidr_block_association')) {
    const v = vpcs.get(vpcOf(r) ?? '');
    if (!v) continue;
    const { prefixes, unknown } = prefixesOf(r.attributes['cidr_block']);
    v.cidrs.push(...prefixes);
    if (prefixes.length === 0) v.unknown ??= unknown ?? rangeNotGiven(r);
  }

  const subnets = new Map<string, Subnet>();
  for (const r of index.ofType('aws_subnet')) {
    const { prefixes, unknown } = prefixesOf(r.attributes['cidr_block']);
    subnets.set(r.address, { id: r.address, vpc: vpcOf(r), cidr: prefixes[0], unknown: prefixes[0] ? undefined : unknown, span: r.span });
  }
  // Before any table: every table's local route takes the VPC's IPv6 ranges too.
  const notes: Network['notModelled'] = [];
  readIpv6(index, vpcs, subnets, notes, declared);

  const gateways = new Map<string, Gateway>();
  for (const r of index.ofType('aws_internet_gateway', 'aws_egress_only_internet_gateway', 'aws_vpn_gateway', 'aws_ec2_transit_gateway', 'aws_vpc_peering_connection', 'aws_vpc_endpoint', 'aws_nat_gateway')) {
    const kind = KIND_BY_TYPE[r.type] as Gateway['kind'];
    gateways.set(r.address, { id: r.address, kind, vpc: vpcOf(r), span: r.span });
  }
  for (const r of index.ofType('aws_ec2_transit_gateway_vpc_attachment')) {
    const g = gateways.get(refTo(r.attributes['transit_gateway_id']) ?? '');
    const vpc = vpcOf(r);
    if (g && vpc) g.vpcs = [...(g.vpcs ?? []), vpc];
  }
  for (const r of index.ofType('aws_vpc_peering_connection')) {
    const g = gateways.get(r.address)!;
    g.vpcs = [vpcOf(r), namesOf(r.attributes['peer_vpc_id'])[0]].filter((v): v is string => v !== undefined);
  }
  for (const r of index.ofType('aws_vpn_gateway_attachment', 'aws_internet_gateway_attachment')) {
    const g = gateways.get(refTo(r.attributes['vpn_gateway_id'] ?? r.attributes['internet_gateway_id']) ?? '');
    if (g) g.vpc = vpcOf(r);
  }

  // VPCs that subnets, gateways and tables name but the configuration does not hold (a data source,
  // an id as text): their range is not known, and neither are the routes of their main table.
  for (const r of [...index.ofType('aws_subnet', 'aws_route_table', 'aws_main_route_table_association', 'aws_internet_gateway_attachment', 'aws_vpn_gateway_attachment', 'aws_ec2_transit_gateway_vpc_attachment'), ...index.ofType(...Object.keys(KIND_BY_TYPE))]) {
    const name = vpcOf(r);
    if (name === undefined || vpcs.has(name)) continue;
    vpcs.set(name, { id: name, cidrs: [], unknown: new Unknown(`${name} is not in the configuration: its range is not known`, r.span), span: r.span, outside: true });
  }

  const routeTables = new Map<string, RouteTable>();
  const mainOf = new Map<string, string>();
  for (const r of index.ofType('aws_route_table', 'aws_default_route_table')) {
    const isMain = r.type === 'aws_default_route_table';
    // A plan of an existing VPC gives the default table's id as text, its own: its computed vpc_id names the VPC.
    const vpc = isMain ? (refTo(r.attributes['default_route_table_id']) ?? vpcOf(r)) : vpcOf(r);
    const t: RouteTable = { id: r.address, vpc, routes: [], span: r.span, isMain, propagatesFrom: refsOf(r.attributes['propagating_vgws']) };
    const inline = blockList(r, 'route');
    if (!(inline instanceof Unknown)) inline.forEach((b, i) => t.routes.push(route(index, r, b, `route[${i}]`)));
    else t.routes.push({ destination: { kind: 'unknown', unknown: inline }, target: { kind: 'unknown' }, origin: 'static', span: r.span, declaredBy: r.address, label: `${r.address} routes` });
    if (isMain && vpc) mainOf.set(vpc, r.address);
    routeTables.set(r.address, t);
    // A gateway to propagate from that is not known before apply may be any VPN gateway held in the table's VPC.
    const pv = r.attributes['propagating_vgws'];
    // A plan's propagating_vgws the provider fills in (from propagations made elsewhere) is no setting.
    const notKnown = r.computed?.has('propagating_vgws') ? undefined : [pv, ...elements(pv)].find((x): x is Unknown => x instanceof Unknown && index.typeOf(refTo(x) ?? '') !== 'aws_vpn_gateway');
    if (notKnown) {
      const unknown = new Unknown(`a gateway that ${r.address} propagates from is not known (${notKnown.reason}): it may be any VPN gateway of ${vpc ?? 'the configuration'}`, r.span);
      for (const g of gateways.values()) if (g.kind === 'vpn-gateway' && (vpc === undefined || g.vpc === vpc)) (t.maybePropagatesFrom ??= []).push({ gateway: g.id, unknown });
    }
  }
  // A main table named by an id as text or not known before apply: the VPC's main table has routes
  // that are not known. A VPC not known before apply: the held table may be any held VPC's main one.
  const mainNotKnown = new Map<string, Unknown>();
  const maybeMain: Array<{ table: string; unknown: Unknown }> = [];
  let mainAnywhere: { unknown: Unknown; at: ModelResource } | undefined;
  for (const r of index.ofType('aws_main_route_table_association')) {
    const vpc = vpcOf(r);
    const tv = r.attributes['route_table_id'];
    const t = refTo(tv);
    if (vpc && t && routeTables.has(t)) {
      routeTables.get(t)!.isMain = true;
      mainOf.set(vpc, t);
    } else if (vpc && vpcs.has(vpc) && tv !== undefined && tv !== null) {
      mainNotKnown.set(vpc, new Unknown(`the main route table of ${vpc} (${namesOf(tv)[0] ?? 'route_table_id'}, set by ${r.address}) is not in the configuration: its routes are not known, so they may lead anywhere`, r.span));
    } else if (!vpc && t && routeTables.get(t)?.vpc !== undefined) {
      // A table is the main one of its own VPC only: that VPC's, whatever names it.
      routeTables.get(t)!.isMain = true;
      mainOf.set(routeTables.get(t)!.vpc!, t);
    } else if (!vpc && t && routeTables.has(t) && r.attributes['vpc_id'] instanceof Unknown) {
      maybeMain.push({ table: t, unknown: new Unknown(`the VPC of ${r.address} is not known (${(r.attributes['vpc_id'] as Unknown).reason}): ${t} may be the main route table of any VPC`, r.span) });
    } else if (!vpc && r.attributes['vpc_id'] instanceof Unknown && tv instanceof Unknown) {
      mainAnywhere ??= { unknown: new Unknown(`the VPC and the route table of ${r.address} are not known (${tv.reason}): the main route table of any VPC may be one whose routes are not known`, r.span), at: r };
    }
  }
  // A VPC without a managed main table still has one, holding the local route and the routes that
  // name it through the VPC's attributes.
  for (const v of vpcs.values()) {
    // (A main table set elsewhere replaces the default one, which aws_default_route_table may still manage.)
    if (!mainOf.has(v.id) || mainNotKnown.has(v.id)) {
      const id = `${v.id} (main route table)`;
      const unknown = mainNotKnown.get(v.id) ?? (v.outside ? new Unknown(`the main route table of ${v.id} is not in the configuration: its routes are not known, so they may lead anywhere`, v.span) : undefined);
      const routes: Route[] = [];
      if (unknown) {
        const at = { span: v.span, declaredBy: v.id, label: `the routes of ${id}` };
        routes.push(routeAnywhere(unknown, toOutside(unknown), at));
        // Anywhere includes the gateways the configuration holds in that VPC: a peering into a VPC it holds.
        for (const g of gateways.values()) if (g.vpc === v.id || g.vpcs?.includes(v.id)) routes.push(routeAnywhere(unknown, { kind: KIND_BY_TYPE[index.typeOf(g.id) ?? ''] ?? 'unknown', id: g.id }, at));
      }
      routeTables.set(id, { id, vpc: v.id, routes, span: v.span, isMain: true, propagatesFrom: [] });
      mainOf.set(v.id, id);
    }
  }
  // A table named by a VPC's attribute (`aws_vpc.x.main_route_table_id`, `default_route_table_id`)
  // is that VPC's main table.
  const tableOf = (v: Value | undefined): RouteTable | undefined => {
    const ref = refTo(v) ?? '';
    return routeTables.get(vpcs.has(ref) ? (mainOf.get(ref) ?? '') : ref);
  };
  // The tables a route whose table is not known may be in: every table the configuration holds, with
  // the main tables of the VPCs it holds (not those of VPCs it only names: their routes are not known).
  const heldTables = [...routeTables.values()].filter((t) => index.byAddress.has(t.id) || !(t.vpc && vpcs.get(t.vpc)?.outside));
  /** The VPCs whose tables may route to a gateway: a peering's or transit gateway's every VPC, else its own; undefined when not known. */
  const vpcsOfTarget = (id: string | undefined): string[] | undefined => {
    const g = id ? gateways.get(id) : undefined;
    if (g?.vpcs?.length) return g.vpcs;
    return g?.vpc ? [g.vpc] : undefined;
  };
  for (const r of index.ofType('aws_route')) {
    const v = r.attributes['route_table_id'];
    const t = tableOf(v);
    if (t) t.routes.push(route(index, r, r.attributes, ''));
    else if (v instanceof Unknown) {
      // Not known before apply (a variable without value, a data source, an import, another
      // resource's output): it may be any of the tables held, those of the VPCs its target serves
      // when the target is a gateway held. A table named by its id as text is another matter: not
      // held, it changes none of them.
      const rt = route(index, r, r.attributes, '');
      const within = vpcsOfTarget(rt.target.id);
      const presence = new Unknown(`the route table of ${r.address} is not known (${v.reason}): the route may be in any route table of ${within?.join(' or ') ?? 'the configuration'}`, r.span);
      for (const h of heldTables) if (!within || within.includes(h.vpc ?? '')) h.routes.push({ ...rt, presence });
    }
  }
  for (const r of index.ofType('aws_vpn_gateway_route_propagation')) {
    const v = r.attributes['route_table_id'];
    const t = tableOf(v);
    const g = refTo(r.attributes['vpn_gateway_id']);
    if (t && g) t.propagatesFrom.push(g);
    else if (g && v instanceof Unknown) {
      // A table not known before apply may be any held table of the gateway's VPC, as for aws_route.
      const within = vpcsOfTarget(g);
      const unknown = new Unknown(`the route table of ${r.address} is not known (${v.reason}): ${g} may propagate its routes into any route table of ${within?.join(' or ') ?? 'the configuration'}`, r.span);
      for (const h of heldTables) if (!within || within.includes(h.vpc ?? '')) (h.maybePropagatesFrom ??= []).push({ gateway: g, unknown });
    }
  }
  for (const t of routeTables.values()) {
    const v = t.vpc ? vpcs.get(t.vpc) : undefined;
    if (v) t.routes.unshift(...localRoutes(v));
  }
  for (const s of subnets.values()) s.routeTable = s.vpc ? mainOf.get(s.vpc) : undefined;
  const associated = new Set<string>();
  for (const r of index.ofType('aws_route_table_association')) {
    // A gateway route table: what enters through the gateway is routed by it (build.ts).
    const edgeOf = gateways.get(refTo(r.attributes['gateway_id']) ?? '');
    const noSubnet = r.attributes['subnet_id'] === undefined || r.attributes['subnet_id'] === null;
    const takesEdge = (g: Gateway | undefined): g is Gateway => g?.kind === 'internet-gateway' || g?.kind === 'vpn-gateway';
    if (takesEdge(edgeOf) && noSubnet) {
      const v = r.attributes['route_table_id'];
      const t = tableOf(v);
      if (t) edgeOf.edgeTable = t.id;
      else {
        const why = v instanceof Unknown && !refTo(v) ? `not known (${v.reason})` : `not in the configuration (${namesOf(v)[0] ?? 'route_table_id'})`;
        edgeOf.edgeTableUnknown ??= new Unknown(`the gateway route table of ${edgeOf.id} (${r.address}) is ${why}: it may send what enters through ${edgeOf.id} to any appliance of its VPC first`, r.span);
      }
      continue;
    }
    const gv = r.attributes['gateway_id'];
    if (noSubnet && gv instanceof Unknown && !refTo(gv)) {
      // An edge association whose gateway is not known: any internet or VPN gateway of the table's VPC may have it.
      const t = tableOf(r.attributes['route_table_id']);
      for (const g of gateways.values()) {
        if (takesEdge(g) && (!t?.vpc || g.vpc === t.vpc)) g.edgeTableUnknown ??= new Unknown(`the gateway of ${r.address} is not known (${gv.reason}): ${g.id} may route what enters through it by ${t?.id ?? 'a route table not known'}, sending it to any appliance of its VPC first`, r.span);
      }
      continue;
    }
    const v = r.attributes['subnet_id'];
    const s = subnets.get(refTo(v) ?? '');
    if (!s) {
      // A subnet not known before apply may be any held subnet of the table's VPC: each may use this
      // table instead of its own; a table not held (or not known either) has routes that may lead
      // anywhere. (A subnet named by its id as text is not held: it changes none.)
      if (!(v instanceof Unknown)) continue;
      const t = tableOf(r.attributes['route_table_id']);
      const named = t?.id ?? `a route table not in the configuration (${namesOf(r.attributes['route_table_id'])[0] ?? 'route_table_id'})`;
      const unknown = new Unknown(`the subnet of ${r.address} is not known (${v.reason}): any subnet of ${t?.vpc ?? 'the configuration'} may use ${named}`, r.span);
      for (const z of subnets.values()) {
        if (z.outside || (t?.vpc !== undefined && z.vpc !== t.vpc)) continue;
        // One such table per VPC: its routes are the same for each of its subnets.
        const perVpc = `${named} (in ${z.vpc ?? 'a VPC not known'})`;
        const table = t?.id ?? unknownTable(routeTables, vpcs, z, r, OUTSIDE_NETWORKS, `the routes of ${named}, set by ${r.address}, are not known: they may lead anywhere`, perVpc);
        (z.maybeTables ??= []).push({ table, unknown });
      }
      continue;
    }
    associated.add(s.id);
    const t = tableOf(r.attributes['route_table_id']);
    if (t) s.routeTable = t.id;
    else {
      const named = namesOf(r.attributes['route_table_id'])[0];
      s.routeTable = unknownTable(routeTables, vpcs, s, r, `the network beyond the route table of ${s.id}`, `the route table of ${s.id} (${named ? named : 'route_table_id'}, set by ${r.address}) is not in the configuration: its routes are not known, so they may lead anywhere`);
    }
  }
  for (const s of subnets.values()) {
    if (associated.has(s.id) || s.outside || s.vpc === undefined) continue;
    for (const m of maybeMain) if ([undefined, s.vpc].includes(routeTables.get(m.table)?.vpc) && s.routeTable !== m.table) (s.maybeTables ??= []).push(m);
    if (mainAnywhere) {
      // One table per VPC whose routes are not known, which its unassociated subnets may follow.
      const { at, unknown } = mainAnywhere;
      const table = unknownTable(routeTables, vpcs, s, at, OUTSIDE_NETWORKS, `the routes of the main route table set by ${at.address} are not known: they may lead anywhere`, `the main route table set by ${at.address} (in ${s.vpc})`);
      (s.maybeTables ??= []).push({ table, unknown });
    }
  }
  // A subnet whose VPC is not known at all (a variable without value), and not associated with a
  // table the configuration holds, follows a main table that is not known either.
  for (const s of subnets.values()) {
    if (associated.has(s.id) || s.vpc !== undefined) continue;
    s.routeTable = unknownTable(routeTables, vpcs, s, index.byAddress.get(s.id)!, OUTSIDE_NETWORKS, `the VPC of ${s.id} is not known: the routes of its main route table are not known, so they may lead anywhere`);
  }

  const vpns = new Map<string, VpnConnection>();
  for (const r of index.ofType('aws_vpn_connection')) {
    const gateway = refTo(r.attributes['vpn_gateway_id']) ?? refTo(r.attributes['transit_gateway_id']);
    const v: VpnConnection = { id: r.address, gateway, remote: [], span: r.span };
    // Without static_routes_only the connection routes by BGP: what the customer gateway advertises
    // is propagated, and the configuration does not say what that is.
    const staticOnly = r.attributes['static_routes_only'];
    if (bool(staticOnly) !== true) {
      v.remoteUnknown = new Unknown(
        staticOnly instanceof Unknown
          ? `whether ${r.address} routes by BGP is not known (static_routes_only): the prefixes it may propagate are not known`
          : `${r.address} routes by BGP: the prefixes its customer gateway advertises, which it propagates, are not known`,
        r.span,
      );
    }
    vpns.set(r.address, v);
  }
  // A Direct Connect private virtual interface on a virtual private gateway announces the on-premise
  // network's prefixes by BGP, as a dynamic VPN does: a table that propagates the gateway's routes may
  // send any destination there (a default route among them). A VIF on a Direct Connect gateway is
  // said as not modelled (aws_dx_gateway_association).
  for (const r of index.ofType('aws_dx_private_virtual_interface', 'aws_dx_hosted_private_virtual_interface_accepter')) {
    const gateway = refTo(r.attributes['vpn_gateway_id']);
    if (!gateway) continue;
    vpns.set(r.address, { id: r.address, gateway, remote: [], span: r.span, remoteUnknown: new Unknown(`${r.address} routes by BGP: the prefixes the on-premise network advertises over Direct Connect, which ${gateway} propagates, are not known`, r.span) });
  }
  for (const r of index.ofType('aws_vpn_connection_route')) {
    const v = vpns.get(refTo(r.attributes['vpn_connection_id']) ?? '');
    if (!v) continue;
    const { prefixes, unknown } = prefixesOf(r.attributes['destination_cidr_block']);
    v.remote.push(...prefixes);
    if (unknown) v.remoteUnknown ??= new Unknown(`the destination of ${r.address} is not known: ${v.id} may propagate any prefix`, r.span);
  }
  return { vpcs, subnets, routeTables, gateways, vpns, notes };
}

/**
 * A table the configuration does not hold, for one subnet: its local route (when the VPC is held)
 * and a route of unknown destination to `gateway`, which the configuration does not hold and the
 * graph joins to the internet and every external network both ways. Its id names the subnet; an id
 * given for a VPC's subnets names one table they share, made by the first.
 */
function unknownTable(tables: Map<string, RouteTable>, vpcs: Map<string, Vpc>, s: Subnet, r: ModelResource, gateway: string, reason: string, id = `the route table of ${s.id}`): string {
  // Made once: the subnets of a VPC share a table given the same id.
  if (tables.has(id)) return id;
  const unknown = new Unknown(reason, r.span);
  const v = s.vpc ? vpcs.get(s.vpc) : undefined;
  const local = v ? localRoutes(v) : [];
  tables.set(id, {
    id,
    vpc: s.vpc,
    routes: [...local, routeAnywhere(unknown, toOutside(unknown, gateway), { span: r.span, declaredBy: r.address, label: `the routes of ${id}` })],
    span: r.span,
    isMain: false,
    propagatesFrom: [],
  });
  return id;
}

/** Every table of a VPC holds its local routes; a range known only after apply may take any destination. */
function localRoutes(v: Vpc): Route[] {
  const local = [...v.cidrs.map((prefix) => ({ kind: 'cidr' as const, prefix })), ...(v.unknown ? [{ kind: 'unknown' as const, unknown: v.unknown }] : [])];
  return local.map((destination): Route => ({ destination, target: { kind: 'local' }, origin: 'static', span: v.span, declaredBy: v.id, label: 'local' }));
}

function route(index: ResourceIndex, r: ModelResource, b: ObjectValue, path: string): Route {
  const span: Span = path ? spanOf(r, path) : r.span;
  const label = path ? `${r.address} ${path}` : r.address;
  // A plan writes every argument of a route block, those not set as "": not a destination.
  const given = (k: string): Value | undefined => (b[k] === '' ? undefined : b[k]);
  const peers = cidrPeers(given('cidr_block') ?? given('destination_cidr_block'), given('ipv6_cidr_block') ?? given('destination_ipv6_cidr_block'));
  // A prefix list by reference or by its id as written (an AWS-managed list, or one the plan names).
  const pl = prefixListPeers(b['destination_prefix_list_id'])[0];
  const destination = peers[0] ?? pl ?? { kind: 'unknown' as const, unknown: new Unknown(`the destination of ${label} is not known`, span) };
  return { destination, target: target(index, b), origin: 'static', span, declaredBy: r.address, label };
}

function target(index: ResourceIndex, b: ObjectValue): Route['target'] {
  for (const arg of TARGET_ARGS) {
    const v: Value | undefined = b[arg];
    if (v === undefined || v === null || v === '') continue;
    const ref = refTo(v);
    if (ref) return { kind: KIND_BY_TYPE[index.typeOf(ref) ?? ''] ?? 'unknown', id: ref };
    if (typeof v === 'string') {
      if (v === 'local') return { kind: 'local' };
      const hit = KIND_BY_ID_PREFIX.find(([p]) => v.startsWith(p));
      return { kind: hit?.[1] ?? 'unknown', id: v };
    }
    return { kind: 'unknown' };
  }
  return { kind: 'blackhole' };
}
