/**
 * field-protocols-contained — (4)オ: the protocols of field devices (ECHONET Lite, Modbus/TCP,
 * BACnet, DNP3, IEC 60870-5-104, IEC 61850 MMS, plain MQTT) have no authentication of their own;
 * they stay inside one zone and never cross to another zone, an external network or the internet.
 */
import { servicesSet } from '../graph/analysis.js';
import { defineRule } from './rule.js';
import { placeName, reportPath, serviceOf } from './utils/paths.js';
import { origins } from './utils/origins.js';

export const FIELD_PROTOCOLS: Record<string, string[]> = {
  'ECHONET Lite': ['udp/3610', 'tcp/3610'],
  'Modbus/TCP': ['tcp/502'],
  BACnet: ['udp/47808'],
  DNP3: ['tcp/20000', 'udp/20000'],
  'IEC 60870-5-104': ['tcp/2404'],
  'IEC 61850 MMS': ['tcp/102'],
  MQTT: ['tcp/1883'],
};
const BY_PORT = new Map<number, string>(Object.entries(FIELD_PROTOCOLS).flatMap(([name, list]) => list.map((s) => [Number(s.split('/')[1]), name] as [number, string])));

const messages = {
  crosses: {
    en: '{{protocol}} ({{service}}) from {{origin}} reaches {{target}}, across a zone boundary',
    ja: '{{origin}} からの {{protocol}}（{{service}}）がゾーン境界を越えて {{target}} に到達します',
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
    for (const o of origins(ctx)) {
      const r = pa.from(o.origin);
      // Into our zones from elsewhere, and from a zone out to anything that is not that zone.
      const sinks = pa.sinks((x) =>
        o.kind === 'zone' ? (x.kind === 'endpoint-in' ? x.zone !== o.name && ctx.zones.isProtected(x.name) : true) : x.kind === 'endpoint-in' && ctx.zones.isProtected(x.name),
      );
      for (const n of sinks) {
        const a = pa.answer(r, n, field, prefs);
        if (!a) continue;
        // Into a host, the finding is where the host admits the flow; out of our zones, where the sender lets it go.
        const inbound = n.kind === 'endpoint-in';
        reportPath(ctx, a, {
          messageId: 'crosses',
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
