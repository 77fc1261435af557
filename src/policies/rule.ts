/**
 * A custom path policy as a rule: the same engine, traces and finding shape as the built-in path
 * rules. `forbid` holds when no new connection from `from` arrives at `to` on `services`, except
 * along paths that pass through `unless-through` — computed exactly, on the graph without the
 * waypoint's nodes, so a path around the waypoint is found even when another goes through it —
 * and, from the internet or an external network, no datagram (all but TCP) does either, though no
 * reply could return (PathAnalysis.fromOneWay), as the built-in rules ask.
 */
import { matchesGlob } from '../config/glob.js';
import type { GridfenceConfig } from '../config/types.js';
import type { BddNode } from '../engine/bdd.js';
import { PROTO } from '../engine/header-space.js';
import { servicesSet, type Origin, type PathAnalysis } from '../graph/analysis.js';
import type { Reach } from '../graph/search.js';
import type { GraphNode } from '../graph/types.js';
import { parsePrefixOrAddress } from '../model/net/cidr.js';
import type { AnyRule } from '../rules/rule.js';
import { connectionElseDatagram, reportPath, serviceOf } from '../rules/utils/paths.js';
import { placesOf, type CustomPolicy, type Place } from './types.js';

const EXTERNAL_ROLES = new Set(['dispatch-system', 'partner', 'der-site', 'other']);

export function policyRule(p: CustomPolicy): AnyRule {
  const waypoints = placesOf(p.forbid['unless-through']);
  const via = waypoints.length ? waypoints.map(describe).join(' or ') : undefined;
  return {
    id: p.id,
    messages: {
      forbidden: {
        en: `${p.title.en}: {{service}} from {{origin}} reaches {{target}}${via ? ` without passing through ${via}` : ''}`,
        ja: `${p.title.ja}：{{origin}} からの {{service}} が${via ? ` ${via} を経由せずに` : ''} {{target}} に到達します`,
      },
      forbiddenOneWay: {
        en: `${p.title.en}: {{service}} datagrams from {{origin}} reach {{target}}: they need no reply, and one datagram can carry a command`,
        ja: `${p.title.ja}：{{origin}} からの {{service}} のデータグラムが {{target}} に到達します。応答を必要とせず、一つのデータグラムでも指令を運べます`,
      },
    },
    defaultOptions: {},
    reachability: true,
    check(ctx) {
      const pa = ctx.paths();
      const hs = pa.hs;
      const services = p.forbid.services === undefined || p.forbid.services === 'any' ? hs.all : (servicesSet(hs, p.forbid.services) ?? hs.all);
      const sinks = placesOf(p.forbid.to).map((t) => sinkOf(t, ctx.config, pa));
      const avoids = waypoints.map((w) => nodesOf(w, ctx.config));
      const avoid = avoids.length ? (n: GraphNode) => avoids.some((f) => f(n)) : undefined;
      // Names the waypoints' nodes for the searches' caches.
      const avoidKey = JSON.stringify(waypoints);
      const origins = placesOf(p.forbid.from).flatMap((f) => originsOf(f, ctx.config, pa));
      const datagrams = hs.bdd.diff(services, hs.protocol(PROTO.tcp));
      for (const o of origins) {
        const r = avoid ? pa.fromAvoiding(o.origin, avoidKey, avoid) : pa.from(o.origin);
        const outside = datagrams !== hs.none && (o.origin.kind === 'internet' || o.origin.kind === 'external');
        const within = { set: datagrams, key: `policy ${p.id}` };
        let oneWay: Reach | undefined;
        for (const n of pa.sinks((x) => sinks.some((s) => s.accepts(x)) && !samePlace(o.origin, x))) {
          const wanted = hs.bdd.and(services, hs.bdd.orAll(sinks.filter((s) => s.accepts(n)).map((s) => s.wanted)));
          const connection = pa.answer(r, n, wanted);
          const found = connectionElseDatagram(
            connection,
            outside
              ? () => {
                  oneWay ??= avoid ? pa.fromOneWayAvoiding(o.origin, within, avoidKey, avoid) : pa.fromOneWay(o.origin, within);
                  return pa.answer(oneWay, n, hs.bdd.and(wanted, datagrams));
                }
              : undefined,
          );
          if (!found) continue;
          const { a } = found;
          reportPath(ctx, a, {
            messageId: found.oneWay ? 'forbiddenOneWay' : 'forbidden',
            data: { service: serviceOf(pa, a), origin: o.label, target: n.name === 'internet' ? 'the internet' : n.name },
            from: 'last',
            fallback: ctx.resource(n.name) ?? ctx.resource(a.hops[0]!.node),
          });
        }
      }
    },
  } as AnyRule;
}

/** Within one place nothing crosses a boundary: a zone's own hosts, an external's own network, the internet itself, an endpoint itself. */
function samePlace(o: Origin, n: GraphNode): boolean {
  switch (o.kind) {
    case 'zone':
      return n.zone === o.zone;
    case 'external':
      return n.kind === 'external' && n.zone === o.name;
    case 'internet':
      return n.kind === 'internet' || (n.kind === 'external' && n.internetSide === true);
    case 'endpoint':
      return n.name === o.id;
    default:
      return false;
  }
}

function describe(p: Place): string {
  if (p.internet) return 'the internet';
  const [k, v] = Object.entries(p)[0]!;
  return `${k} ${String(v)}`;
}

/** Zones and externals of a role; a zone name may also name an external network. */
function named(p: Place, config: GridfenceConfig | undefined): { zones: string[]; externals: string[] } {
  const zones = Object.entries(config?.zones ?? {});
  const externals = Object.entries(config?.externals ?? {});
  if (p.role !== undefined) {
    return EXTERNAL_ROLES.has(p.role) ? { zones: [], externals: externals.filter(([, x]) => x.role === p.role).map(([n]) => n) } : { zones: zones.filter(([, z]) => z.role === p.role).map(([n]) => n), externals: [] };
  }
  if (p.zone !== undefined) return config?.zones?.[p.zone] ? { zones: [p.zone], externals: [] } : { zones: [], externals: [p.zone] };
  if (p.external !== undefined) return { zones: [], externals: [p.external] };
  return { zones: [], externals: [] };
}

function originsOf(p: Place, config: GridfenceConfig | undefined, pa: PathAnalysis): Array<{ label: string; origin: Origin }> {
  if (p.internet) return [{ label: 'the internet', origin: { kind: 'internet' } }];
  if (p.cidr !== undefined) return [{ label: p.cidr, origin: { kind: 'cidr', prefix: parsePrefixOrAddress(p.cidr)! } }];
  if (p.address !== undefined) {
    return pa.graph.nodes
      .filter((n) => n.kind === 'endpoint-out' && matchesGlob(p.address!, baseName(n.name)))
      .map((n) => ({ label: n.name, origin: { kind: 'endpoint', id: n.name } as Origin }));
  }
  const { zones, externals } = named(p, config);
  return [
    ...zones.map((z) => ({ label: `zone ${z}`, origin: { kind: 'zone', zone: z } as Origin })),
    ...externals.map((x) => ({ label: `external network ${x}`, origin: { kind: 'external', name: x } as Origin })),
  ];
}

function sinkOf(p: Place, config: GridfenceConfig | undefined, pa: PathAnalysis): { accepts: (n: GraphNode) => boolean; wanted: BddNode } {
  const hs = pa.hs;
  if (p.internet) return { accepts: (n) => n.kind === 'internet', wanted: hs.all };
  if (p.anywhere) return { accepts: (n) => n.kind !== 'endpoint-in' || n.zone !== undefined, wanted: hs.all };
  if (p.cidr !== undefined) return { accepts: () => true, wanted: hs.prefix('dstIp', parsePrefixOrAddress(p.cidr)!) };
  if (p.address !== undefined) return { accepts: (n) => n.kind === 'endpoint-in' && matchesGlob(p.address!, baseName(n.name)), wanted: hs.all };
  const { zones, externals } = named(p, config);
  return { accepts: (n) => (n.kind === 'endpoint-in' && zones.includes(n.zone ?? '')) || (n.kind === 'external' && externals.includes(n.zone ?? '')), wanted: hs.all };
}

/** The graph nodes of a waypoint: everything of its zones (subnets, endpoints, gateways, host stages), or of its addresses. */
function nodesOf(p: Place, config: GridfenceConfig | undefined): (n: GraphNode) => boolean {
  if (p.address !== undefined) return (n) => matchesGlob(p.address!, baseName(n.name)) || matchesGlob(p.address!, n.name.split(':')[0]!);
  if (p.internet) return (n) => n.kind === 'internet';
  if (p.cidr !== undefined) return () => false;
  const { zones, externals } = named(p, config);
  return (n) => (n.zone !== undefined && zones.includes(n.zone)) || (n.kind === 'external' && externals.includes(n.zone ?? ''));
}

/** A node's resource address: without the " (inbound)" or " (over the internet)" of derived nodes. */
function baseName(name: string): string {
  return name.replace(/ \([^)]*\)$/, '');
}
