/**
 * field-protocols-contained — (4)オ: the protocols of field devices (ECHONET Lite, Modbus/TCP,
 * BACnet, DNP3, IEC 60870-5-104, IEC 61850 MMS, plain MQTT) have no authentication of their own;
 * they stay inside one zone and never cross to another zone, an external network or the internet.
 * Over UDP (ECHONET Lite, BACnet, DNP3) a datagram from outside the system that arrives counts
 * whether or not its reply could return (graph/one-way.ts).
 */
import { PROTO } from '../engine/header-space.js';
import { servicesSet } from '../graph/analysis.js';
import type { Reach } from '../graph/search.js';
import { defineRule } from './rule.js';
import { connectionElseDatagram, placeName, reportPath, serviceOf } from './utils/paths.js';
import { origins } from './utils/origins.js';
import { table } from '../model/table.js';

export const FIELD_PROTOCOLS: Record<string, string[]> = table({
  'ECHONET Lite': ['udp/3610', 'tcp/3610'],
  'Modbus/TCP': ['tcp/502'],
  BACnet: ['udp/47808'],
  DNP3: ['tcp/20000', 'udp/20000'],
  'IEC 60870-5-104': ['tcp/2404'],
  'IEC 61850 MMS': ['tcp/102'],
  MQTT: ['tcp/1883'],
});
const BY_PORT = new Map<number, string>(Object.entries(FIELD_PROTOCOLS).flatMap(([name, list]) => list.map((s) => [Number(s.split('/')[1]), name] as [number, string])));

const messages = {
  crosses: {
    en: '{{protocol}} ({{service}}) from {{origin}} reaches {{target}}, across a zone boundary',
    ja: '{{origin}} からの {{protocol}}（{{service}}）がゾーン境界を越えて {{target}} に到達します',
  },
  crossesOneWay: {
    en: '{{protocol}} ({{service}}) datagrams from {{origin}} reach {{target}}, across a zone boundary: they need no reply, and one datagram can carry a command',
    ja: '{{origin}} からの {{protocol}}（{{service}}）のデータグラムがゾーン境界を越えて {{target}} に到達します。応答を必要とせず、一つのデータグラムでも指令を運べます',
  },
};

export default defineRule({
  id: 'field-protocols-contained',
  scope: (s) => s.network,
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    const pa = ctx.paths();
    const field = servicesSet(pa.hs, Object.values(FIELD_PROTOCOLS).flat())!;
    const prefs = { dstPorts: [502, 3610, 1883, 20000, 2404, 102, 47808] };
    // The protocols over UDP ask for no reply: where none of them makes a connection from outside
    // the system (the internet, an external or undeclared network), a datagram may still arrive.
    const datagrams = pa.hs.bdd.and(field, pa.hs.protocol(PROTO.udp));
    for (const o of origins(ctx)) {
      const r = pa.from(o.origin);
      let oneWay: Reach | undefined;
      // Into our zones from elsewhere, and from a zone out to anything that is not that zone.
      const sinks = pa.sinks((x) =>
        o.kind === 'zone' ? (x.kind === 'endpoint-in' ? x.zone !== o.name && ctx.zones.isProtected(x.name) : true) : x.kind === 'endpoint-in' && ctx.zones.isProtected(x.name),
      );
      for (const n of sinks) {
        const connection = pa.answer(r, n, field, prefs);
        const found = connectionElseDatagram(connection, o.kind === 'zone' ? undefined : () => pa.answer((oneWay ??= pa.fromOneWay(o.origin, { set: datagrams, key: 'field protocols over udp' })), n, datagrams, prefs));
        if (!found) continue;
        const { a } = found;
        const messageId = found.oneWay ? 'crossesOneWay' : 'crosses';
        // Into a host, the finding is where the host admits the flow; out of our zones, where the sender lets it go.
        const inbound = n.kind === 'endpoint-in';
        reportPath(ctx, a, {
          messageId,
          data: {
            protocol: BY_PORT.get(a.packet.dstPort) ?? 'a field protocol',
            service: serviceOf(pa, a),
            origin: o.kind === 'zone' ? `${a.hops[0]!.node} (zone ${o.name})` : o.label,
            target: inbound ? `${n.name} (zone ${n.zone ?? 'undeclared'})` : placeName(n.name),
          },
          from: inbound ? 'last' : 'first',
          fallback: ctx.resource(inbound ? n.name : a.hops[0]!.node),
        });
      }
    }
  },
});
