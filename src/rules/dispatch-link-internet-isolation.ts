/**
 * dispatch-link-internet-isolation — (4)ア: no packet path between the internet and the dispatch
 * link, in either direction, except the declared dispatch channel (dispatch link → the
 * dispatch system's addresses on its services, when the dispatch system is reached over the
 * internet). Proven on the forwarding graph: a finding carries the path and a packet that takes it.
 * Inbound, a packet that asks for no reply (UDP, ICMP, any protocol but TCP) counts when it
 * arrives, whether or not its reply could return (graph/one-way.ts).
 */
import type { BddNode } from '../engine/bdd.js';
import { PROTO, type WitnessPrefs } from '../engine/header-space.js';
import { servicesSet, type PathAnalysis, type PathAnswer } from '../graph/analysis.js';
import type { GraphNode } from '../graph/types.js';
import { formatIp } from '../model/net/cidr.js';
import { defineRule, type RuleContext } from './rule.js';
import { connectionElseDatagram, placeName, preferCertain, reportPath, serviceOf } from './utils/paths.js';

const ROLE = 'dispatch-link';

/** When several services are open, the witness shows the one an attacker would try first. */
export const ALARMING_PORTS = [22, 3389, 23, 502, 1883, 445, 21, 80, 161, 5900, 8080, 443];
/**
 * The same for datagrams that need no answer to do harm: SNMP set, DNP3 and BACnet (demand
 * response in buildings) over UDP, Modbus over UDP, IPMI, TFTP.
 */
const ALARMING_DATAGRAMS = { protocols: [PROTO.udp, PROTO.icmp, PROTO.icmpv6], dstPorts: [161, 20000, 47808, 502, 623, 69, 1900, 123, 53] };
/** Out, the ways data is carried off without an answer: DNS and NTP look harmless, TFTP and syslog carry files and lines. */
const LEAKING_DATAGRAMS = { protocols: [PROTO.udp, PROTO.icmp, PROTO.icmpv6], dstPorts: [53, 123, 69, 514, 161] };

const messages = {
  inbound: {
    en: '{{service}} from {{origin}} reaches {{target}} on the dispatch link (zone {{zone}})',
    ja: '{{origin}} からの {{service}} が簡易指令システムとの直接的な接続部（ゾーン {{zone}}）の {{target}} に到達します',
  },
  inboundOneWay: {
    en: '{{service}} packets from {{origin}} reach {{target}} on the dispatch link (zone {{zone}}): they need no reply, and one datagram can carry a command',
    ja: '{{origin}} からの {{service}} のパケットが簡易指令システムとの直接的な接続部（ゾーン {{zone}}）の {{target}} に到達します。応答を必要とせず、一つのデータグラムでも指令を運べます',
  },
  outboundOneWay: {
    en: '{{source}} on the dispatch link (zone {{zone}}) can send {{service}} packets to {{destination}} on the internet, outside the declared dispatch channel: they need no reply, and data can leave',
    ja: '簡易指令システムとの直接的な接続部（ゾーン {{zone}}）の {{source}} から、宣言された簡易指令チャネル以外のインターネット上の {{destination}} へ {{service}} のパケットを送れます。応答がなくてもデータは持ち出せます',
  },
  outbound: {
    en: '{{source}} on the dispatch link (zone {{zone}}) can open {{service}} connections to {{destination}} on the internet, outside the declared dispatch channel',
    ja: '簡易指令システムとの直接的な接続部（ゾーン {{zone}}）の {{source}} から、宣言された簡易指令チャネル以外のインターネット上の {{destination}} へ {{service}} の接続を開始できます',
  },
};

export default defineRule({
  id: 'dispatch-link-internet-isolation',
  scope: (s) => s.network && s.zoneRole('dispatch-link'),
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    const pa = ctx.paths();
    const onLink = (n: GraphNode): boolean | 'maybe' => ctx.zones.hasRole(n.name, ROLE);
    const possible = ctx.zones.implicit ? { possibleBecause: 'no zones are declared, so any resource may be on the dispatch link' } : {};

    const fromInternet = pa.from({ kind: 'internet' });
    // Packets that ask for no reply (all but TCP, whose first packet carries no data): searched for
    // only where no connection arrives, or only one that rests on an unknown (connectionElseDatagram).
    let datagrams: { reach: ReturnType<typeof pa.from>; set: BddNode } | undefined;
    for (const n of pa.sinks((x) => x.kind === 'endpoint-in' && onLink(x) !== false)) {
      const found = connectionElseDatagram(pa.answer(fromInternet, n, pa.hs.all, { dstPorts: ALARMING_PORTS }), () => {
        if (!datagrams) {
          const set = pa.hs.bdd.not(pa.hs.protocol(PROTO.tcp));
          datagrams = { reach: pa.fromOneWay({ kind: 'internet' }, { set, key: 'all but tcp' }), set };
        }
        return pa.answer(datagrams.reach, n, datagrams.set, ALARMING_DATAGRAMS);
      });
      if (!found) continue;
      const { a } = found;
      const messageId = found.oneWay ? 'inboundOneWay' : 'inbound';
      reportPath(ctx, a, {
        messageId,
        data: { service: serviceOf(pa, a), origin: placeName(a.hops[0]!.node), target: n.name, zone: zoneName(ctx, n.name) },
        from: 'last',
        fallback: ctx.resource(n.name),
        note: `${n.name} on the dispatch link`,
        ...possible,
      });
    }

    const channel = dispatchChannel(ctx, pa);
    const outside = pa.sinks((x) => x.internetSide === true);
    const leaves = (r: ReturnType<typeof pa.from>): boolean => outside.some((sink) => pa.reaches(r, sink, wantOutside(sink)));
    const wantOutside = (sink: GraphNode): BddNode => {
      const allowed = sink.zone !== undefined ? channel.get(sink.zone) : undefined;
      return allowed === undefined ? pa.hs.all : pa.hs.bdd.not(allowed);
    };
    // Per endpoint only in zones whose traffic leaves at all: the zone-wide search rules the rest out at
    // once. Datagrams (all but TCP) leave where their replies could not come back: searched apart.
    const notTcp = { set: pa.hs.bdd.not(pa.hs.protocol(PROTO.tcp)), key: 'all but tcp' };
    const linkZones = Object.entries(ctx.config?.zones ?? {}).filter(([, c]) => c.role === ROLE).map(([z]) => z);
    const leaky = ctx.zones.implicit ? undefined : new Set(linkZones.filter((z) => leaves(pa.from({ kind: 'zone', zone: z }))));
    const leakyOneWay = ctx.zones.implicit ? undefined : new Set(linkZones.filter((z) => leaves(pa.fromOneWay({ kind: 'zone', zone: z }, notTcp))));
    // Where datagrams leave a zone only through unknowns, none of its endpoints certainly sends them:
    // beside a possible connection, nothing better is to be found there.
    const surelyLeakyOneWay = leakyOneWay && new Set([...leakyOneWay].filter((z) => leaves(pa.certainOnly(pa.fromOneWay({ kind: 'zone', zone: z }, notTcp)))));
    // Senders: the cloud's endpoints, and the networks behind a firewall host's zone interfaces
    // (graph/netfilter/hosts.ts), which are endpoints of the graph but not of the AWS network.
    const senders = [
      ...[...pa.net.endpoints.values()].filter((e) => e.kind !== 'nat-gateway' && e.kind !== 'load-balancer').map((e) => e.id),
      ...pa.graph.nodes.filter((n) => n.kind === 'endpoint-out' && n.zone !== undefined && !pa.net.endpoints.has(n.name)).map((n) => n.name),
    ];
    for (const id of senders) {
      const n = pa.graph.byName.get(`endpoint-out ${id}`);
      if (!n || onLink(n) === false) continue;
      const zone = n.zone ?? '';
      if (leaky && !leaky.has(zone) && leakyOneWay && !leakyOneWay.has(zone)) continue;
      // One finding per endpoint: the most alarming way out, a certain one when there is one.
      const waysFrom = (r: ReturnType<typeof pa.from>, within: BddNode, prefs: WitnessPrefs) =>
        function* () {
          for (const sink of outside) {
            const a = pa.answer(r, sink, pa.hs.bdd.and(wantOutside(sink), within), prefs);
            yield a && { a, sink };
          }
        };
      const connection = !leaky || leaky.has(zone) ? preferCertain(waysFrom(pa.from({ kind: 'endpoint', id }), pa.hs.all, { dstPorts: ALARMING_PORTS })()) : undefined;
      let found: { a: PathAnswer; sink: GraphNode; oneWay: boolean } | undefined = connection && { ...connection, oneWay: false };
      if (!connection || connection.a.unknowns.length > 0) {
        const worth = !connection ? !leakyOneWay || leakyOneWay.has(zone) : !surelyLeakyOneWay || surelyLeakyOneWay.has(zone);
        const datagram = worth ? preferCertain(waysFrom(pa.fromOneWay({ kind: 'endpoint', id }, notTcp), notTcp.set, LEAKING_DATAGRAMS)()) : undefined;
        found = preferCertain([found, datagram && { ...datagram, oneWay: true }]);
      }
      if (found) {
        const { a, sink } = found;
        const messageId = found.oneWay ? 'outboundOneWay' : 'outbound';
        const address = formatIp(a.packet.version, a.packet.dstIp);
        reportPath(ctx, a, {
          messageId,
          // The message says "on the internet" itself: the internet is named by the witness's address, an external by its name.
          data: { source: id, zone: zoneName(ctx, id), service: serviceOf(pa, a), destination: sink.kind === 'internet' ? address : sink.zone! },
          from: 'first',
          fallback: ctx.resource(id),
          note: `${id} on the dispatch link`,
          source: id,
          destination: sink.kind === 'internet' ? `the internet (${address})` : `${sink.zone} (${address})`,
          ...possible,
        });
      }
    }
  },
});

function zoneName(ctx: RuleContext<unknown>, address: string): string {
  return ctx.zones.zoneOf(address) ?? 'undeclared';
}

/** The declared dispatch channel per external: its addresses on its services, when reached over the internet. */
function dispatchChannel(ctx: RuleContext<unknown>, pa: PathAnalysis): Map<string, BddNode> {
  const out = new Map<string, BddNode>();
  for (const [name, x] of Object.entries(ctx.config?.externals ?? {})) {
    if (x.role !== 'dispatch-system' || x.transport !== 'internet') continue;
    const services = x.services?.length ? servicesSet(pa.hs, x.services) : pa.hs.all;
    if (services === undefined) continue;
    out.set(name, pa.hs.bdd.and(services, pa.spaces.external(name, 'dstIp')));
  }
  return out;
}
