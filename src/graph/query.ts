/**
 * `gridfence path`: every allowed flow between two places, one trace per source and destination
 * (and the packets that ask for no reply and arrive where no connection does, one way, said so);
 * with no connection, the blocked path — the nearest path with filters ignored — and every setting on it that
 * drops the packet (Reachability Analyzer's blocked-path idea). A place is `internet`, a zone, an
 * external network, a resource address (an endpoint), a firewall host or host interface (`gw1`,
 * `gw1:eth1`: the network behind it) or a CIDR.
 */
import type { BddNode } from '../engine/bdd.js';
import { PROTO } from '../engine/header-space.js';
import { parsePrefixOrAddress } from '../model/net/cidr.js';
import type { PathAnalysis, PathAnswer, Origin } from './analysis.js';
import type { Reach } from './search.js';
import type { GraphNode } from './types.js';
import { fieldVars } from '../engine/fields.js';

/** A packet's source fields: what tells a datagram that arrives one way from a connection's packet to the same service. */
const SOURCE_VARS = [...fieldVars('srcIp'), ...fieldVars('srcPort')];

export interface PathQuery {
  from: string;
  to: string;
  port?: number;
  protocol?: 'tcp' | 'udp' | 'icmp' | 'any';
}

export interface FoundFlow {
  source: string;
  destination: string;
  answer: PathAnswer;
  /** Packets that ask for no reply arrive where no connection does (graph/one-way.ts): beside connections too. */
  oneWay?: true;
}

export type PathResult =
  | { ok: true; flows: FoundFlow[]; blocked?: { destination: string; answer: PathAnswer }; noRoute: boolean }
  | { ok: false; error: string };

/** `named`: one endpoint asked for by name, which answers for itself even as an interface of an instance. */
type Place = { origins: Array<{ name: string; origin: Origin }>; sinks: (n: GraphNode) => boolean; want: (pa: PathAnalysis) => BddNode; named?: true };

export function pathQuery(pa: PathAnalysis, q: PathQuery): PathResult {
  const from = place(pa, q.from);
  const to = place(pa, q.to);
  if ('error' in from) return { ok: false, error: from.error };
  if ('error' in to) return { ok: false, error: to.error };
  const hs = pa.hs;
  let want = to.want(pa);
  if (q.protocol && q.protocol !== 'any') want = hs.bdd.and(want, hs.protocol(PROTO[q.protocol]));
  if (q.port !== undefined) want = hs.bdd.and(want, hs.value('dstPort', q.port));
  const prefs = q.port !== undefined ? { dstPorts: [q.port] } : undefined;
  const sinks = pa.sinks(to.sinks, to.named);
  const flows: FoundFlow[] = [];
  const sourceName = (name: string, a: PathAnswer): string => (a.hops[0]!.node === name ? name : `${name} (${a.hops[0]!.node})`);
  // Packets that ask for no reply (all but TCP), from any port: they may arrive where no connection does.
  const datagrams = hs.bdd.diff(want, hs.protocol(PROTO.tcp));
  for (const { name, origin } of from.origins) {
    const r = pa.from(origin);
    const oneWay = (s: GraphNode, within: BddNode): PathAnswer | undefined => {
      if (within === hs.none) return undefined;
      const d = pa.answer(pa.fromOneWay(origin), s, within, prefs);
      return d && d.hops.length > 1 ? d : undefined;
    };
    for (const s of sinks) {
      const a = pa.answer(r, s, want, prefs);
      const connection = a && a.hops.length > 1 ? a : undefined;
      if (connection) {
        flows.push({ source: sourceName(name, connection), destination: s.name, answer: connection });
        // What arrives only through an unknown, beside a certain flow, is a possible flow of its own.
        const more = connection.alsoPossibly?.();
        if (more && more.hops.length > 1) flows.push({ source: sourceName(name, more), destination: s.name, answer: more });
      }
      // Datagrams to services no connection certainly reaches (other protocols or ports than the
      // connections', whatever their source): flows of their own. One that arrives only possibly is
      // shown where no connection may arrive either.
      const services = (reach: Reach): BddNode => hs.bdd.exists(reach.at[s.index]!, SOURCE_VARS);
      let d = oneWay(s, connection ? hs.bdd.diff(datagrams, services(pa.certainOnly(r))) : datagrams);
      if (d && d.unknowns.length > 0 && connection) d = oneWay(s, hs.bdd.diff(datagrams, services(r)));
      if (d) flows.push({ source: sourceName(name, d), destination: s.name, answer: d, oneWay: true });
    }
  }
  if (flows.some((f) => !f.oneWay)) return { ok: true, flows, noRoute: false };
  // No connection: the nearest one and what closes it, beside the datagrams that arrive one way.
  for (const { origin } of from.origins) {
    const r = pa.from(origin, true);
    for (const s of sinks) {
      const a = pa.answer(r, s, want, prefs);
      if (a && a.hops.length > 1) return { ok: true, flows, blocked: { destination: s.name, answer: a }, noRoute: false };
    }
  }
  return { ok: true, flows, noRoute: flows.length === 0 };
}

function place(pa: PathAnalysis, text: string): Place | { error: string } {
  const hs = pa.hs;
  const config = pa.config;
  if (text === 'internet') return { origins: [{ name: 'internet', origin: { kind: 'internet' } }], sinks: (n) => n.kind === 'internet', want: () => hs.all };
  if (config?.externals?.[text]) return { origins: [{ name: text, origin: { kind: 'external', name: text } }], sinks: (n) => n.kind === 'external' && n.zone === text, want: () => hs.all };
  if (config?.zones?.[text]) {
    const members = [...pa.net.endpoints.values()].filter((e) => pa.zoneOf(e.id) === text && e.kind !== 'nat-gateway').map((e) => e.id);
    // The networks behind firewall host interfaces of the zone send too.
    const segments = pa.graph.nodes.filter((n) => n.kind === 'endpoint-out' && n.zone === text && !pa.net.endpoints.has(n.name)).map((n) => n.name);
    return {
      origins: [...members, ...segments].map((id) => ({ name: id, origin: { kind: 'endpoint', id } as Origin })),
      sinks: (n) => n.kind === 'endpoint-in' && n.zone === text,
      want: () => hs.all,
    };
  }
  if (pa.net.endpoints.has(text) || pa.graph.byName.has(`endpoint-out ${text}`)) return { origins: [{ name: text, origin: { kind: 'endpoint', id: text } }], sinks: (n) => n.kind === 'endpoint-in' && n.name === text, want: () => hs.all, named: true };
  const prefix = parsePrefixOrAddress(text);
  if (prefix) return { origins: [{ name: text, origin: { kind: 'cidr', prefix } }], sinks: () => true, want: () => hs.prefix('dstIp', prefix) };
  const known = [...Object.keys(config?.zones ?? {}), ...Object.keys(config?.externals ?? {})].join(', ');
  return { error: `"${text}" is not internet, a zone, an external network, an endpoint resource or a CIDR${known ? ` (zones and externals: ${known})` : ''}` };
}
