/**
 * zone-segmentation — (4)オ: the dispatch link is a segment of its own. It shares no subnet, route
 * table or security group with another zone (an endpoint placed in the other side's subnet shares it
 * too, and so does the VPC's main route table when Terraform leaves it unmanaged), and DER sites,
 * partners and other networks have no direct path to it: every path from them re-originates at a
 * proxy (a load balancer, a NAT) or is refused.
 */
import type { Endpoint } from '../model/network.js';
import { spanOf } from '../model/read.js';
import type { Unknown } from '../model/value.js';
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
      // Shared route tables; a table a subnet may use instead (an association whose subnet is not
      // known before apply) shares it possibly, resting on that.
      const tablesOf = (id: string): Array<{ table: string; unknowns: Unknown[] }> => {
        const sub = net.subnets.get(id);
        return sub ? [...(sub.routeTable ? [{ table: sub.routeTable, unknowns: [] }] : []), ...(sub.maybeTables ?? []).map((m) => ({ table: m.table, unknowns: [m.unknown] }))] : [];
      };
      const sharing = new Map<string, { subnet: string; unknowns: Unknown[] }>();
      for (const sub of net.subnets.values()) {
        if (linkSubnets.has(sub.id) || zoneOf(sub.id) === zone) continue;
        for (const t of tablesOf(sub.id)) {
          const had = sharing.get(t.table);
          if (!had || (had.unknowns.length > 0 && t.unknowns.length === 0)) sharing.set(t.table, { subnet: sub.id, unknowns: t.unknowns });
        }
      }
      const linkTables = new Map<string, Unknown[]>();
      for (const sub of linkSubnets) {
        for (const t of tablesOf(sub)) {
          const had = linkTables.get(t.table);
          if (!had || (had.length > 0 && t.unknowns.length === 0)) linkTables.set(t.table, t.unknowns);
        }
      }
      for (const [t, mine] of linkTables) {
        const foreign = sharing.get(t);
        // A main route table that Terraform does not manage still exists and is shared: reported at its VPC.
        const rt = net.routeTables.get(t);
        const table = ctx.resource(t) ?? (rt?.isMain && rt.vpc ? ctx.resource(rt.vpc) : undefined);
        if (foreign && table) ctx.report({ messageId: 'sharedRouteTable', data: { table: t, zone, subnet: foreign.subnet, otherZone: zoneOf(foreign.subnet) }, resource: table, unknowns: [...mine, ...foreign.unknowns] });
      }
      // Shared security groups; a group attached to an interface not known before apply may be any
      // endpoint's, possibly (one whose group is not known either names none here).
      const groupsOf = (list: Endpoint[]): Map<string, { e: Endpoint; unknowns: Unknown[] }> => {
        const out = new Map<string, { e: Endpoint; unknowns: Unknown[] }>();
        for (const e of list) {
          for (const [g, unknowns] of [...e.groups.map((g) => [g, []] as const), ...(e.maybeGroups ?? []).flatMap((m) => (m.group ? [[m.group, [m.unknown]] as const] : []))]) {
            const had = out.get(g);
            if (!had || (had.unknowns.length > 0 && unknowns.length === 0)) out.set(g, { e, unknowns: [...unknowns] });
          }
        }
        return out;
      };
      const otherGroups = groupsOf(others);
      for (const [g, link] of groupsOf(members)) {
        const other = otherGroups.get(g);
        const group = ctx.resource(g);
        const unknowns = [...link.unknowns, ...(other?.unknowns ?? []).filter((u) => !link.unknowns.includes(u))];
        if (other && group) ctx.report({ messageId: 'sharedGroup', data: { group: g, link: link.e.id, other: other.e.id, zone, otherZone: zoneOf(other.e.id) }, resource: group, unknowns });
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
