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
import { addTo } from '../model/multimap.js';
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
      // One association or attachment of unknown place lands in one place: it cannot be on both sides.
      const pairOf = <T,>(mine: Array<{ unknowns: Unknown[] }>, theirs: Array<T & { unknowns: Unknown[] }>): { theirs: T & { unknowns: Unknown[] }; unknowns: Unknown[] } | undefined => {
        let best: { theirs: T & { unknowns: Unknown[] }; unknowns: Unknown[] } | undefined;
        for (const m of mine) {
          for (const t of theirs) {
            if (m.unknowns.some((u) => t.unknowns.includes(u))) continue;
            const unknowns = [...m.unknowns, ...t.unknowns];
            if (!best || (unknowns.length === 0 && best.unknowns.length > 0)) best = { theirs: t, unknowns };
            if (unknowns.length === 0) return best;
          }
        }
        return best;
      };
      const linkTables = new Map<string, Array<{ unknowns: Unknown[] }>>();
      const otherTables = new Map<string, Array<{ subnet: string; unknowns: Unknown[] }>>();
      for (const sub of net.subnets.values()) {
        const onLink = linkSubnets.has(sub.id);
        if (!onLink && zoneOf(sub.id) === zone) continue;
        for (const t of tablesOf(sub.id)) {
          if (onLink) addTo(linkTables, t.table, { unknowns: t.unknowns });
          else addTo(otherTables, t.table, { subnet: sub.id, unknowns: t.unknowns });
        }
      }
      for (const [t, mine] of linkTables) {
        const pair = pairOf(mine, otherTables.get(t) ?? []);
        // A main route table that Terraform does not manage still exists and is shared: reported at its VPC.
        const rt = net.routeTables.get(t);
        const table = ctx.resource(t) ?? (rt?.isMain && rt.vpc ? ctx.resource(rt.vpc) : undefined);
        if (pair && table) ctx.report({ messageId: 'sharedRouteTable', data: { table: t, zone, subnet: pair.theirs.subnet, otherZone: zoneOf(pair.theirs.subnet) }, resource: table, unknowns: pair.unknowns });
      }
      // Shared security groups; a group attached to an interface not known before apply may be any
      // endpoint's, possibly (one whose group is not known either names none here).
      const groupsOf = (list: Endpoint[]): Map<string, Array<{ e: Endpoint; unknowns: Unknown[] }>> => {
        const out = new Map<string, Array<{ e: Endpoint; unknowns: Unknown[] }>>();
        for (const e of list) {
          for (const g of e.groups) addTo(out, g, { e, unknowns: [] });
          for (const m of e.maybeGroups ?? []) if (m.group) addTo(out, m.group, { e, unknowns: [m.unknown] });
        }
        return out;
      };
      const otherGroups = groupsOf(others);
      for (const [g, mine] of groupsOf(members)) {
        const group = ctx.resource(g);
        if (!group) continue;
        // The dispatch-link endpoint of the pair found: its own side of the same pairing.
        let found: { link: Endpoint; other: Endpoint; unknowns: Unknown[] } | undefined;
        for (const m of mine) {
          const pair = pairOf([m], otherGroups.get(g) ?? []);
          if (pair && (!found || (pair.unknowns.length === 0 && found.unknowns.length > 0))) found = { link: m.e, other: pair.theirs.e, unknowns: pair.unknowns };
          if (found && found.unknowns.length === 0) break;
        }
        if (found) ctx.report({ messageId: 'sharedGroup', data: { group: g, link: found.link.id, other: found.other.id, zone, otherZone: zoneOf(found.other.id) }, resource: group, unknowns: found.unknowns });
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
