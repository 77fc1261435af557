/**
 * external-traffic-encrypted — (4)ウ①: every flow allowed across the boundary to an external network
 * travels inside IPsec (a VPN tunnel), terminates at a TLS listener, or uses a service that is
 * TLS-only. Which services are TLS-only is an assumption by port (443, 8883, 6514, …), and messages
 * say so; cleartext services (HTTP, FTP, Telnet, MQTT, Modbus, SNMP, syslog, …) are findings.
 * An inbound flow is judged where it ends: at the first of our endpoints it reaches. A load balancer
 * re-originates what it forwards, so its targets receive our own connections, not the outside flow.
 */
import { PROTO } from '../engine/header-space.js';
import { servicesSet } from '../graph/analysis.js';
import { defineRule } from './rule.js';
import { placeName, reportPath, serviceOf } from './utils/paths.js';
import { origins } from './utils/origins.js';

/** Services taken to be encrypted by their port: TLS-only protocols, SSH, IKE/IPsec. */
export const ENCRYPTED_SERVICES = ['tcp/443', 'udp/443', 'tcp/8443', 'tcp/22', 'tcp/8883', 'tcp/6514', 'tcp/636', 'tcp/853', 'tcp/993', 'tcp/995', 'tcp/465', 'tcp/5061', 'tcp/5671', 'tcp/4843', 'tcp/5223', 'udp/500', 'udp/4500', 'esp', 'ah'];
/** When a cleartext service is open, the witness shows the worst one. */
const CLEARTEXT_FIRST = [23, 21, 80, 1883, 502, 161, 514, 20000, 2404, 102, 3610, 8080, 25, 110, 143, 389, 5222];

const messages = {
  inbound: {
    en: '{{service}} from {{origin}} reaches {{target}} without IPsec or TLS (by port, {{service}} is not a TLS-only service)',
    ja: '{{origin}} からの {{service}} が IPsec も TLS も用いずに {{target}} に到達します（ポート番号から、{{service}} は TLS 専用のサービスではないと判断）',
  },
  outbound: {
    en: '{{source}} can open {{service}} connections to {{destination}} without IPsec or TLS (by port, {{service}} is not a TLS-only service)',
    ja: '{{source}} から {{destination}} へ IPsec も TLS も用いずに {{service}} の接続を開始できます（ポート番号から、{{service}} は TLS 専用のサービスではないと判断）',
  },
};

export default defineRule({
  id: 'external-traffic-encrypted',
  scope: (s) => s.network,
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    const pa = ctx.paths();
    const hs = pa.hs;
    const b = hs.bdd;
    const cleartext = b.not(servicesSet(hs, ENCRYPTED_SERVICES)!);
    const prefs = { dstPorts: CLEARTEXT_FIRST };
    // Packets that still carry an outside source address. Behind a load balancer (or a NAT gateway)
    // the source is the proxy's own private address: that connection is ours, and the outside flow
    // was judged where it ended, at the proxy.
    const outsideSource = b.or(pa.spaces.internet('srcIp'), pa.spaces.anyExternal('srcIp'));
    // In: from the internet side (a tunnel's far side is inside IPsec, so externals count only over the internet).
    const fromOutside = pa.from({ kind: 'internet' });
    for (const n of pa.sinks((x) => x.kind === 'endpoint-in' && ctx.zones.isProtected(x.name))) {
      // A flow that terminates at a TLS listener (HTTPS, TLS) is encrypted whatever its port. A TLS
      // listener whose port is not known exempts nothing, and the finding rests on that port.
      const tlsListeners = (pa.net.endpoints.get(n.name)?.listeners ?? []).filter((l) => /^(HTTPS|TLS|SSL)$/i.test(l.protocol));
      const tls = b.orAll(tlsListeners.flatMap((l) => (l.port === undefined ? [] : [b.and(hs.protocol(PROTO.tcp), hs.value('dstPort', l.port))])));
      const a = pa.answer(fromOutside, n, b.andAll([cleartext, outsideSource, b.not(tls)]), prefs);
      if (!a) continue;
      const unknowns = tlsListeners.flatMap((l) => (l.port === undefined ? l.unknowns : []));
      reportPath(ctx, a, { messageId: 'inbound', data: { service: serviceOf(pa, a), origin: placeName(a.hops[0]!.node), target: n.name }, from: 'last', fallback: ctx.resource(n.name), unknowns });
    }
    // Out: from each zone to the internet side.
    for (const o of origins(ctx, ['zone'])) {
      const r = pa.from(o.origin);
      for (const n of pa.sinks((x) => x.internetSide === true)) {
        const a = pa.answer(r, n, cleartext, prefs);
        if (!a) continue;
        reportPath(ctx, a, {
          messageId: 'outbound',
          data: { source: `${a.hops[0]!.node} (zone ${o.name})`, service: serviceOf(pa, a), destination: placeName(n.name) },
          from: 'first',
          fallback: ctx.resource(a.hops[0]!.node),
        });
      }
    }
  },
});
