/**
 * Transit gateways (RT6): attachments (VPC, VPN, peering), the gateway's own route tables, their
 * associations and propagations, static routes and blackholes. A gateway with the default
 * association and propagation left on (AWS's default) has an implicit default route table that
 * every attachment associates with and propagates to, unless the attachment opts out. An
 * association or propagation whose table or attachment is not known (known only after apply, or an
 * id the configuration does not hold) is kept as what it may be — `maybeTables` on attachments,
 * `maybePropagations` on tables — never dropped: AWS makes it all the same. The gateway's default
 * association and propagation tables may be set apart (aws_ec2_transit_gateway_default_route_table_
 * association / _propagation): new attachments then associate with, or propagate to, that table.
 * A prefix list reference is a static route to each entry of the list.
 */
import type { Route, TgwAttachment, TgwRouteTable, TransitGateway } from '../../model/network.js';
import { elements, refsOf, spanOf } from '../../model/read.js';
import type { ModelResource } from '../../model/resource.js';
import { Unknown } from '../../model/value.js';
import { bool, cidrPeers, prefixListPeers, refTo, shownValue, vpcOf, type ResourceIndex } from './common.js';

export function readTransitGateways(index: ResourceIndex): Map<string, TransitGateway> {
  const gateways = new Map<string, TransitGateway>();
  /** Per gateway: whether attachments associate and propagate by default, and the tables they do so with (the implicit default table unless set apart). */
  const defaults = new Map<string, { associate: boolean; propagate: boolean; table: string; associateWith: string; propagateTo: string; unknown?: Unknown }>();
  for (const r of index.ofType('aws_ec2_transit_gateway')) {
    const g: TransitGateway = { id: r.address, attachments: new Map(), tables: new Map(), span: r.span };
    const associate = r.attributes['default_route_table_association'] !== 'disable';
    const propagate = r.attributes['default_route_table_propagation'] !== 'disable';
    const table = `${r.address} (default route table)`;
    if (associate || propagate) g.tables.set(table, { id: table, gateway: r.address, routes: [], span: r.span });
    defaults.set(r.address, { associate, propagate, table, associateWith: table, propagateTo: table });
    gateways.set(r.address, g);
  }
  /** A route table reference: a table resource, or the gateway's default table through its attribute. */
  const tableOf = (v: Parameters<typeof refTo>[0]): TgwRouteTable | undefined => {
    const ref = refTo(v);
    if (!ref) return undefined;
    for (const g of gateways.values()) {
      if (g.tables.has(ref)) return g.tables.get(ref);
      if (g.id === ref) return g.tables.get(defaults.get(g.id)!.table);
    }
    return undefined;
  };
  for (const r of index.ofType('aws_ec2_transit_gateway_route_table')) {
    const g = gateways.get(refTo(r.attributes['transit_gateway_id']) ?? '');
    if (g) g.tables.set(r.address, { id: r.address, gateway: g.id, routes: [], span: r.span });
  }
  // The default tables set apart: to a held table, or, when the table is not known, to one whose
  // routes may lead anywhere (the attachments' lookups there rest on that).
  for (const [type, key] of [['aws_ec2_transit_gateway_default_route_table_association', 'associateWith'], ['aws_ec2_transit_gateway_default_route_table_propagation', 'propagateTo']] as const) {
    for (const r of index.ofType(type)) {
      const d = defaults.get(refTo(r.attributes['transit_gateway_id']) ?? '');
      if (!d) continue;
      const t = refTo(r.attributes['transit_gateway_route_table_id']);
      if (t !== undefined && gateways.get(refTo(r.attributes['transit_gateway_id'])!)?.tables.has(t)) d[key] = t;
      else d.unknown ??= new Unknown(`the route table ${r.address} makes the default is not in the configuration: the attachments of its transit gateway may have their traffic looked up in a table whose routes may lead anywhere`, r.span);
    }
  }
  const attach = (r: ModelResource, a: Omit<TgwAttachment, 'propagatesTo' | 'table' | 'span' | 'id'>): void => {
    const g = gateways.get(a.gateway);
    if (!g) return;
    const d = defaults.get(g.id)!;
    const att: TgwAttachment = { ...a, id: r.address, propagatesTo: [], span: r.span };
    const byDefault = d.associate && bool(r.attributes['transit_gateway_default_route_table_association']) !== false;
    if (byDefault) att.table = d.associateWith;
    if (byDefault && d.unknown) att.maybeTables = [{ unknown: d.unknown }];
    if (d.propagate && bool(r.attributes['transit_gateway_default_route_table_propagation']) !== false) att.propagatesTo.push(d.propagateTo);
    g.attachments.set(r.address, att);
  };
  for (const r of index.ofType('aws_ec2_transit_gateway_vpc_attachment')) {
    // A word AWS refuses (invalid.ts: an input error) is not known, never read as off.
    const mode = r.attributes['appliance_mode_support'];
    const word = typeof mode === 'string' ? mode.toLowerCase() : mode;
    const applianceMode = mode instanceof Unknown ? mode : word === 'enable' ? true : word === 'disable' || word === undefined || word === null || word === '' ? false : new Unknown(`${shownValue(mode)} is not a mode AWS takes`, spanOf(r, 'appliance_mode_support'));
    const listed = r.attributes['subnet_ids'];
    attach(r, { kind: 'vpc', gateway: refTo(r.attributes['transit_gateway_id']) ?? '', vpc: vpcOf(r), subnets: refsOf(listed), ...(listed instanceof Unknown ? {} : { listed: elements(listed).length }), applianceMode });
  }
  for (const r of index.ofType('aws_vpn_connection')) {
    const gw = refTo(r.attributes['transit_gateway_id']);
    if (gw) attach(r, { kind: 'vpn', gateway: gw, vpn: r.address, subnets: [] });
  }
  for (const r of index.ofType('aws_ec2_transit_gateway_peering_attachment')) {
    attach(r, { kind: 'peering', gateway: refTo(r.attributes['transit_gateway_id']) ?? '', subnets: [] });
  }
  const attachment = (v: Parameters<typeof refTo>[0]): TgwAttachment | undefined => {
    const ref = refTo(v);
    for (const g of gateways.values()) {
      const a = g.attachments.get(ref ?? '');
      if (a) return a;
      // A VPN attachment is named by the connection's transit_gateway_attachment_id.
      for (const x of g.attachments.values()) if (x.vpn !== undefined && x.vpn === ref) return x;
    }
    return undefined;
  };
  /**
   * Why the table or attachment an association or propagation names is not known: a value known only
   * after apply (not a reference to a held resource) or an id the configuration does not hold.
   * Undefined when it is held, or names a held resource that the model does not follow as one.
   */
  const notKnown = (r: ModelResource, arg: string, held: boolean, what: string): Unknown | undefined => {
    const v = r.attributes[arg];
    if (held || v === undefined || v === null || v === '') return undefined;
    const ref = refTo(v);
    if (ref && index.byAddress.has(ref)) return undefined;
    const named = ref ?? (typeof v === 'string' ? v : undefined);
    return new Unknown(named !== undefined ? `the ${what} of ${r.address} (${named}) is not in the configuration` : `the ${what} of ${r.address} is not known (${v instanceof Unknown ? v.reason : arg})`, r.span);
  };
  const held = [...gateways.values()];
  /** The attachments, or tables, of the gateway a held table or attachment belongs to; of every gateway when none is. */
  const attachmentsOf = (gateway: string | undefined): TgwAttachment[] => held.filter((g) => gateway === undefined || g.id === gateway).flatMap((g) => [...g.attachments.values()]);
  const tablesOf = (gateway: string | undefined): TgwRouteTable[] => held.filter((g) => gateway === undefined || g.id === gateway).flatMap((g) => [...g.tables.values()]);
  // An association or propagation is never dropped for naming what the configuration does not hold:
  // AWS makes it all the same, and an attachment associated with a table not known has its traffic
  // looked up there — it may lead anywhere — not dropped for want of a table.
  for (const r of index.ofType('aws_ec2_transit_gateway_route_table_association')) {
    const a = attachment(r.attributes['transit_gateway_attachment_id']);
    const t = tableOf(r.attributes['transit_gateway_route_table_id']);
    if (a && t) {
      a.table = t.id;
      continue;
    }
    const noTable = notKnown(r, 'transit_gateway_route_table_id', t !== undefined, 'route table');
    const noAttachment = notKnown(r, 'transit_gateway_attachment_id', a !== undefined, 'attachment');
    if (a && noTable) {
      // The attachment's table is one of its gateway's held tables, or one whose routes are not known.
      const unknown = new Unknown(`${noTable.reason}: ${a.id} may have its traffic looked up in any route table of ${a.gateway}, whose routes may lead anywhere`, r.span);
      const maybe = (a.maybeTables ??= []);
      maybe.push({ unknown });
      for (const x of tablesOf(a.gateway)) if (x.id !== a.table) maybe.push({ table: x.id, unknown });
    } else if (t && noAttachment) {
      const unknown = new Unknown(`${noAttachment.reason}: any attachment of ${t.gateway} may have its traffic looked up in ${t.id}`, r.span);
      for (const x of attachmentsOf(t.gateway)) if (x.table !== t.id) (x.maybeTables ??= []).push({ table: t.id, unknown });
    } else if (noTable && noAttachment) {
      const unknown = new Unknown(`${noAttachment.reason}, nor is its route table: any transit gateway attachment may have its traffic looked up in a route table whose routes may lead anywhere`, r.span);
      for (const x of attachmentsOf(undefined)) (x.maybeTables ??= []).push({ unknown });
    }
  }
  for (const r of index.ofType('aws_ec2_transit_gateway_route_table_propagation')) {
    const a = attachment(r.attributes['transit_gateway_attachment_id']);
    const t = tableOf(r.attributes['transit_gateway_route_table_id']);
    if (a && t) {
      if (!a.propagatesTo.includes(t.id)) a.propagatesTo.push(t.id);
      continue;
    }
    const noTable = notKnown(r, 'transit_gateway_route_table_id', t !== undefined, 'route table');
    const noAttachment = notKnown(r, 'transit_gateway_attachment_id', a !== undefined, 'attachment');
    if (a && noTable) {
      const unknown = new Unknown(`${noTable.reason}: ${a.id} may propagate its prefixes into any route table of ${a.gateway}`, r.span);
      for (const x of tablesOf(a.gateway)) if (!a.propagatesTo.includes(x.id)) (x.maybePropagations ??= []).push({ attachment: a.id, unknown });
    } else if (t && noAttachment) {
      const unknown = new Unknown(`${noAttachment.reason}: ${t.id} may hold the routes of any attachment, to any prefix`, r.span);
      const maybe = (t.maybePropagations ??= []);
      maybe.push({ unknown });
      for (const x of attachmentsOf(t.gateway)) if (!x.propagatesTo.includes(t.id)) maybe.push({ attachment: x.id, unknown });
    } else if (noTable && noAttachment) {
      const unknown = new Unknown(`${noAttachment.reason}, nor is its route table: any transit gateway route table may hold the routes of an attachment not known, to any prefix`, r.span);
      for (const x of tablesOf(undefined)) (x.maybePropagations ??= []).push({ unknown });
    }
  }
  for (const r of index.ofType('aws_ec2_transit_gateway_route')) {
    const t = tableOf(r.attributes['transit_gateway_route_table_id']);
    if (!t) continue;
    const peers = cidrPeers(r.attributes['destination_cidr_block']);
    const given = r.attributes['transit_gateway_attachment_id'];
    const a = attachment(given);
    const blackhole = bool(r.attributes['blackhole']) === true;
    const destination = peers[0] ?? { kind: 'unknown' as const, unknown: new Unknown(`the destination of ${r.address} is not known`, r.span) };
    // An attachment the configuration does not hold (an id as text, a value known only after apply)
    // forwards somewhere not known, not nowhere: only `blackhole` drops.
    const target: Route['target'] = blackhole
      ? { kind: 'blackhole' }
      : a
        ? { kind: 'attachment', id: a.id }
        : {
            kind: 'unknown',
            id: refTo(given) ?? (typeof given === 'string' && given !== '' ? given : `the attachment of ${r.address}`),
            unknown: new Unknown(`the attachment ${r.address} routes to (${typeof given === 'string' ? given : given instanceof Unknown ? given.reason : 'transit_gateway_attachment_id'}) is not in the configuration: it may lead anywhere`, r.span),
          };
    t.routes.push({ destination, target, origin: 'static', span: r.span, declaredBy: r.address, label: r.address });
  }
  // A prefix list reference: a route to each entry of the list (its entries not known, a route of
  // destination not known), to an attachment or a blackhole.
  for (const r of index.ofType('aws_ec2_transit_gateway_prefix_list_reference')) {
    const t = tableOf(r.attributes['transit_gateway_route_table_id']);
    if (!t) continue;
    const destination = prefixListPeers(r.attributes['prefix_list_id'])[0] ?? { kind: 'unknown' as const, unknown: new Unknown(`the prefix list of ${r.address} is not known`, r.span) };
    const given = r.attributes['transit_gateway_attachment_id'];
    const a = attachment(given);
    const target: Route['target'] =
      bool(r.attributes['blackhole']) === true
        ? { kind: 'blackhole' }
        : a
          ? { kind: 'attachment', id: a.id }
          : { kind: 'unknown', id: refTo(given) ?? `the attachment of ${r.address}`, unknown: new Unknown(`the attachment ${r.address} routes to is not in the configuration: it may lead anywhere`, r.span) };
    t.routes.push({ destination, target, origin: 'static', span: r.span, declaredBy: r.address, label: r.address });
  }
  return gateways;
}
