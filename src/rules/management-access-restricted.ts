/**
 * management-access-restricted — (4)ウ②: the services that administer a host (SSH, RDP, Telnet,
 * SNMP, VNC, WinRM) reach hosts in zones, and the firewall hosts that join the zones, only from
 * `management` zones. Proven on the graph: one finding per host and per place it is reachable from,
 * with the path. From outside the system, a UDP datagram (SNMP) that arrives counts whether or not
 * its reply could return (graph/one-way.ts).
 */
import { PROTO } from '../engine/header-space.js';
import { servicesSet } from '../graph/analysis.js';
import type { Reach } from '../graph/search.js';
import { defineRule } from './rule.js';
import { connectionElseDatagram, reportPath, serviceOf } from './utils/paths.js';
import { origins } from './utils/origins.js';

/** Management services: ports administrators log in or manage devices through. */
export const MANAGEMENT_SERVICES = ['tcp/22', 'tcp/3389', 'udp/3389', 'tcp/23', 'udp/161', 'tcp/161', 'tcp/5900', 'tcp/5985-5986'];
const NAMES: Record<number, string> = { 22: 'SSH', 3389: 'RDP', 23: 'Telnet', 161: 'SNMP', 5900: 'VNC', 5985: 'WinRM', 5986: 'WinRM' };

const messages = {
  reachable: {
    en: '{{service}} ({{what}}) on {{target}} in zone {{zone}} is reachable from {{origin}}, which is not a management zone',
    ja: '{{zone}} ゾーンの {{target}} の {{service}}（{{what}}）に、管理ゾーンではない {{origin}} から到達できます',
  },
  reachableOneWay: {
    en: '{{service}} ({{what}}) datagrams from {{origin}}, which is not a management zone, reach {{target}} in zone {{zone}}: they need no reply, and one datagram can carry a command',
    ja: '管理ゾーンではない {{origin}} からの {{service}}（{{what}}）のデータグラムが {{zone}} ゾーンの {{target}} に到達します。応答を必要とせず、一つのデータグラムでも指令を運べます',
  },
  reachableFirewallHostOneWay: {
    en: '{{service}} ({{what}}) datagrams from {{origin}}, which is not a management zone, reach firewall host {{target}}, a connection point between zones: they need no reply, and one datagram can carry a command',
    ja: '管理ゾーンではない {{origin}} からの {{service}}（{{what}}）のデータグラムが、ゾーン間の接続点であるファイアウォールホスト {{target}} に到達します。応答を必要とせず、一つのデータグラムでも指令を運べます',
  },
  reachableFirewallHost: {
    en: '{{service}} ({{what}}) on firewall host {{target}}, a connection point between zones, is reachable from {{origin}}, which is not a management zone',
    ja: 'ゾーン間の接続点であるファイアウォールホスト {{target}} の {{service}}（{{what}}）に、管理ゾーンではない {{origin}} から到達できます',
  },
};

export default defineRule({
  id: 'management-access-restricted',
  scope: (s) => s.network,
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    const pa = ctx.paths();
    const mgmt = servicesSet(pa.hs, MANAGEMENT_SERVICES)!;
    const possible = ctx.zones.implicit ? { possibleBecause: 'no zones are declared, so no place is known to be a management zone' } : {};
    // SNMP and RDP over UDP ask for no reply: from outside the system, where no certain connection arrives, a
    // datagram may (an SNMP set is one).
    const datagrams = { set: pa.hs.bdd.and(mgmt, pa.hs.protocol(PROTO.udp)), key: 'management over udp' };
    for (const o of origins(ctx)) {
      if (o.kind === 'zone' && o.role === 'management') continue;
      const r = pa.from(o.origin);
      let oneWay: Reach | undefined;
      // Hosts of management zones are where administrators come in: only the internet and
      // undeclared networks count against them (who else may reach them is ingress-from-declared-sources' concern).
      const outsider = o.kind === 'internet' || o.kind === 'undeclared';
      // A firewall host of gridfence.yaml is in no zone: it joins them. Administering it is administering the boundary.
      const firewallHost = (name: string): boolean => pa.net.hosts.has(name);
      for (const n of pa.sinks((x) => x.kind === 'endpoint-in' && (firewallHost(x.name) || (ctx.zones.isProtected(x.name) && (outsider || ctx.zones.roleOf(x.zone ?? '') !== 'management'))))) {
        const connection = pa.answer(r, n, mgmt, { dstPorts: [22, 3389, 23, 161, 5900, 5985] });
        const found = connectionElseDatagram(connection, o.kind === 'zone' ? undefined : () => pa.answer((oneWay ??= pa.fromOneWay(o.origin, datagrams)), n, datagrams.set, { dstPorts: [161, 3389] }));
        if (!found) continue;
        const { a, oneWay: once } = found;
        const host = firewallHost(n.name);
        reportPath(ctx, a, {
          messageId: host ? (once ? 'reachableFirewallHostOneWay' : 'reachableFirewallHost') : once ? 'reachableOneWay' : 'reachable',
          data: { service: serviceOf(pa, a), what: NAMES[a.packet.dstPort] ?? 'management', target: n.name, ...(host ? {} : { zone: ctx.zones.zoneOf(n.name) ?? 'undeclared' }), origin: o.label },
          ...(NAMES[a.packet.dstPort] ? {} : { words: { what: { en: 'management', ja: '管理用' } } }),
          from: 'last',
          fallback: ctx.resource(n.name),
          note: `${n.name}, the host reached`,
          // A zone's flow shows the sender's address; a network outside is named.
          ...(o.kind === 'zone' ? {} : { source: o.label }),
          ...possible,
        });
      }
    }
  },
});
