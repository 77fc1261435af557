/**
 * zone-segmentation — (4)オ: the dispatch link is a segment of its own. It shares no subnet, route
 * table or security group with another zone (an endpoint placed in the other side's subnet shares it
 * too, and so does the VPC's main route table when Terraform leaves it unmanaged), and DER sites,
 * partners and other networks have no direct path to it: every path from them re-originates at a
 * proxy (a load balancer, a NAT) or is refused.
 */
import type { Endpoint } from '../model/network.js';
import { spanOf } from '../model/read.js';
import { defineRule } from './rule.js';
import { dispatchLinkZones } from './utils/connection-points.js';
import { reportPath, serviceOf } from './utils/paths.js';
import { EXTERNAL_ROLE_WORDS } from './utils/roles.js';

const messages = {
  sharedSubnet: {
    en: '{{subnet}} holds {{link}} on the dispatch link (zone {{zone}}) and {{other}} of zone {{otherZone}}',
    ja: '{{subnet}} に簡易指令システムとの直接的な接続部（ゾーン {{zone}}）の {{link}} と、ゾーン {{otherZone}} の {{other}} が同居しています',
  },
  sharedRouteTable: {
    en: '{{table}} routes the dispatch link (zone {{zone}}) and {{subnet}} of zone {{otherZone}}',
    ja: '{{table}} が簡易指令システムとの直接的な接続部（ゾーン {{zone}}）と、ゾーン {{otherZone}} の {{subnet}} の両方に関連付けられています',
  },
  sharedGroup: {
    en: '{{group}} protects {{link}} on the dispatch link (zone {{zone}}) and {{other}} of zone {{otherZone}}',
    ja: '{{group}} が簡易指令システムとの直接的な接続部（ゾーン {{zone}}）の {{link}} と、ゾーン {{otherZone}} の {{other}} の両方に適用されています',
  },
  misplaced: {
    en: '{{endpoint}} of zone {{endpointZone}} sits in {{subnet}} of zone {{subnetZone}}, so the dispatch link (zone {{zone}}) shares a subnet with another zone',
    ja: 'ゾーン {{endpointZone}} の {{endpoint}} がゾーン {{subnetZone}} の {{subnet}} に配置されており、簡易指令システムとの直接的な接続部（ゾーン {{zone}}）が他ゾーンとサブネットを共有しています',
  },
  directPath: {
    en: '{{external}} ({{role}}) reaches {{target}} on the dispatch link directly with {{service}}, through no proxy',
    ja: '{{external}}（{{role}}）から簡易指令システムとの直接的な接続部の {{target}} へ、中継を経ずに直接 {{service}} で到達できます',
  },
};

export default defineRule({
  id: 'zone-segmentation',
  scope: (s) => s.network && s.zoneRole('dispatch-link'),
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    const pa = ctx.paths();
    const net = pa.net;
    for (const zone of dispatchLinkZones(ctx)) {
      const zoneOf = (a: string): string => ctx.zones.zoneOf(a) ?? 'undeclared';
      const members = [...net.endpoints.values()].filter((e) => zoneOf(e.id) === zone);
      const linkSubnets = new Set([...members.flatMap((e) => e.subnets), ...[...net.subnets.keys()].filter((s) => zoneOf(s) === zone)]);
      const others = [...net.endpoints.values()].filter((e) => zoneOf(e.id) !== zone);
      // Shared subnets: a dispatch-link endpoint beside another zone's endpoint.
      for (const s of linkSubnets) {
        const subnet = ctx.resource(s);
        const link = members.find((e) => e.subnets.includes(s));
        const other = others.find((e) => e.subnets.includes(s));
        if (subnet && link && other) {
          ctx.report({ messageId: 'sharedSubnet', data: { subnet: s, link: link.id, other: other.id, zone, otherZone: zoneOf(other.id) }, resource: subnet });
          continue;
        }
        // One side alone in a subnet of the other side: the subnet's own zone is the other party.
        // Reported at the endpoint's placement, which is where it went wrong.
        const alone = link ?? other;
        const subnetZone = ctx.zones.zoneOf(s);
        const r = alone ? ctx.resource(alone.id) : undefined;
        if (alone && r && subnetZone !== undefined && subnetZone !== zoneOf(alone.id)) {
          ctx.report({
            messageId: 'misplaced',
            data: { endpoint: alone.id, endpointZone: zoneOf(alone.id), subnet: s, subnetZone, zone },
            resource: r,
            at: spanOf(r, r.attributes['subnet_id'] !== undefined ? 'subnet_id' : 'subnets'),
          });
        }
      }
      // Shared route tables.
      const tables = new Set([...linkSubnets].map((s) => net.subnets.get(s)?.routeTable).filter((t): t is string => t !== undefined));
      for (const t of tables) {
        const foreign = [...net.subnets.values()].find((s) => s.routeTable === t && !linkSubnets.has(s.id) && zoneOf(s.id) !== zone);
        // A main route table that Terraform does not manage still exists and is shared: reported at its VPC.
        const rt = net.routeTables.get(t);
        const table = ctx.resource(t) ?? (rt?.isMain && rt.vpc ? ctx.resource(rt.vpc) : undefined);
        if (foreign && table) ctx.report({ messageId: 'sharedRouteTable', data: { table: t, zone, subnet: foreign.id, otherZone: zoneOf(foreign.id) }, resource: table });
      }
      // Shared security groups.
      const groupsOf = (list: Endpoint[]) => new Map(list.flatMap((e) => e.groups.map((g) => [g, e] as const)));
      const otherGroups = groupsOf(others);
      for (const [g, link] of groupsOf(members)) {
        const other = otherGroups.get(g);
        const group = ctx.resource(g);
        if (other && group) ctx.report({ messageId: 'sharedGroup', data: { group: g, link: link.id, other: other.id, zone, otherZone: zoneOf(other.id) }, resource: group });
      }
      // Direct paths from DER sites, partners and other networks.
      for (const [name, x] of Object.entries(ctx.config?.externals ?? {})) {
        if (x.role !== 'der-site' && x.role !== 'partner' && x.role !== 'other') continue;
        const r = pa.from({ kind: 'external', name });
        // Packets that still carry the external's own source address: a proxy re-originates from its own.
        const direct = pa.spaces.external(name, 'srcIp');
        for (const n of pa.sinks((s) => s.kind === 'endpoint-in' && s.zone === zone)) {
          const a = pa.answer(r, n, direct);
          if (!a || a.hops.some((h) => h.transforms)) continue;
          reportPath(ctx, a, {
            messageId: 'directPath',
            data: { external: name, role: x.role, target: n.name, service: serviceOf(pa, a) },
            words: { role: EXTERNAL_ROLE_WORDS[x.role] },
            from: 'last',
            fallback: ctx.resource(n.name),
            source: name,
          });
        }
      }
    }
  },
});
