/**
 * The dispatch link's connection points (product.md §5, connection-points-minimal): the elements that
 * carry allowed flows between a dispatch-link zone and anything outside it — the route target a flow
 * leaves through (internet, NAT, VPN or transit gateway, peering, endpoint, appliance), or the peer
 * subnet for traffic inside a VPC, the host interface (`gw1:eth0`) for a firewall host. Found from one allowed path per destination subnet (or network)
 * and direction: out of the zone to every place it reaches, and into it from every origin.
 */
import type { PathAnalysis, PathAnswer, PathHop } from '../../graph/analysis.js';
import type { RuleContext } from '../rule.js';
import type { Unknown } from '../../model/value.js';
import { origins } from './origins.js';
import { everyFlow, preferCertain } from './paths.js';

export interface ConnectionPoint {
  /** The element's address (a gateway, a subnet, an endpoint). */
  name: string;
  /** The dispatch-link zone it serves. */
  zone: string;
  /** Every allowed flow found through it, as a trace. */
  paths: PathAnswer[];
}

export function dispatchLinkZones(ctx: RuleContext<unknown>): string[] {
  return Object.entries(ctx.config?.zones ?? {})
    .filter(([, z]) => z.role === 'dispatch-link')
    .map(([name]) => name);
}

/**
 * The flow that shows a point is one, and the unknowns it rests on. A point is certain when some flow
 * through it rests on no unknown value; otherwise it exists only if those values turn out as feared,
 * and what says so about it is possible.
 */
export function pointWitness(p: ConnectionPoint): { a: PathAnswer; doubts: Unknown[] } {
  const { a } = preferCertain(p.paths.map((x) => ({ a: x })))!;
  return { a, doubts: a.unknowns };
}

/** Both connection-point rules ask for the same points: computed once per analysis. */
const memo = new WeakMap<PathAnalysis, ConnectionPoint[]>();

export function connectionPoints(ctx: RuleContext<unknown>, pa: PathAnalysis): ConnectionPoint[] {
  let hit = memo.get(pa);
  if (!hit) memo.set(pa, (hit = findConnectionPoints(ctx, pa)));
  return hit;
}

function findConnectionPoints(ctx: RuleContext<unknown>, pa: PathAnalysis): ConnectionPoint[] {
  const points = new Map<string, ConnectionPoint>();
  const add = (zone: string, name: string, a: PathAnswer): void => {
    const key = `${zone} ${name}`;
    let p = points.get(key);
    if (!p) points.set(key, (p = { name, zone, paths: [] }));
    p.paths.push(a);
  };
  for (const zone of dispatchLinkZones(ctx)) {
    // A firewall host's stages on the zone's own interface, and the host itself, are the zone's side
    // of the gateway: the connection point is the interface a flow crosses into the other network.
    const inside = (h: PathHop): boolean =>
      (h.toZone === zone && (h.toKind === 'subnet' || h.toKind === 'endpoint-in' || h.toKind === 'endpoint-out' || h.toKind === 'host')) || pa.net.hosts.has(h.node);
    // One path per destination subnet (or network) and direction: the endpoints of one subnet leave
    // and enter the link through the same elements, and a trace per endpoint would cost thousands.
    const out = pa.from({ kind: 'zone', zone });
    const seen = new Set<string>();
    for (const n of pa.sinks((x) => x.zone !== zone)) {
      const key = `out ${placeOf(pa, n.name)}`;
      if (seen.has(key)) continue;
      // The certain path's point, and those of the possible remainder, which may cross elsewhere.
      for (const a of everyFlow(pa.answer(out, n))) {
        const hop = a.hops.find((h) => !inside(h));
        if (!hop) continue;
        seen.add(key);
        add(zone, pointName(hop.node), a);
      }
    }
    for (const o of origins(ctx)) {
      if (o.kind === 'zone' && o.name === zone) continue;
      const r = pa.from(o.origin);
      for (const n of pa.sinks((x) => x.kind === 'endpoint-in' && x.zone === zone)) {
        const key = `in ${o.kind} ${o.name} ${placeOf(pa, n.name)}`;
        if (seen.has(key)) continue;
        for (const a of everyFlow(pa.answer(r, n))) {
          const hop = [...a.hops].reverse().find((h) => !inside(h));
          if (!hop) continue;
          seen.add(key);
          add(zone, pointName(hop.node), a);
        }
      }
    }
  }
  return [...points.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** Where an endpoint sits (its subnets), or the node itself for networks. */
function placeOf(pa: PathAnalysis, name: string): string {
  return pa.net.endpoints.get(name)?.subnets.join(',') || name;
}

/** A gateway's inbound side, a peering's side toward one VPC, and a host interface's stages are one element each. */
function pointName(node: string): string {
  return node.replace(/ \((?:inbound|in|out|after PREROUTING|after DNAT|before POSTROUTING|after SNAT)\)$/, '').replace(/ → .*$/, '');
}
