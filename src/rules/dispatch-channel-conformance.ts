/**
 * dispatch-channel-conformance — (4)イ①: the dispatch link talks to the dispatch system only as the
 * grid operator's interconnection requirements say: to the declared addresses on the declared
 * services, and, over the internet, from a registered fixed source address (the NAT gateway's or the
 * host's Elastic IP listed in `registered-sources`), never from an address AWS assigns at will.
 */
import { servicesSet } from '../graph/analysis.js';
import { AddressSet } from '../model/net/address-set.js';
import { formatPrefix, parseCidr, type Prefix } from '../model/net/cidr.js';
import { Unknown } from '../model/value.js';
import { defineRule } from './rule.js';
import { dispatchLinkZones } from './utils/connection-points.js';
import { certainFirst, everyFlow, flowOf, opener, preferCertain, reportPath, serviceOf, traceSteps } from './utils/paths.js';

const messages = {
  service: {
    en: '{{source}} on the dispatch link can reach the dispatch system {{system}} with {{service}}, which is not among its declared services ({{services}})',
    ja: '簡易指令システムとの直接的な接続部の {{source}} から簡易指令システム {{system}} へ、宣言されたサービス（{{services}}）以外の {{service}} で到達できます',
  },
  unregisteredSource: {
    en: 'the dispatch channel to {{system}} leaves through {{egress}} with source {{address}}, which registered-sources does not list',
    ja: '{{system}} への簡易指令チャネルが {{egress}} から送信元 {{address}} で出ていきますが、この送信元は registered-sources に登録されていません',
  },
  unfixedSource: {
    en: 'the dispatch channel to {{system}} leaves through {{egress}}, whose public address is not a fixed Elastic IP, so it cannot be registered with the grid operator',
    ja: '{{system}} への簡易指令チャネルが {{egress}} から出ていきますが、そのパブリックアドレスは固定の Elastic IP ではないため、一般送配電事業者に登録できません',
  },
};

export default defineRule({
  id: 'dispatch-channel-conformance',
  scope: (s) => s.network && s.zoneRole('dispatch-link'),
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    const pa = ctx.paths();
    const hs = pa.hs;
    const systems = Object.entries(ctx.config?.externals ?? {}).filter(([, x]) => x.role === 'dispatch-system');
    for (const link of dispatchLinkZones(ctx)) {
      const r = pa.from({ kind: 'zone', zone: link });
      for (const [name, x] of systems) {
        const sinks = pa.sinks((n) => n.kind === 'external' && n.zone === name);
        const declared = x.services?.length ? servicesSet(hs, x.services) : undefined;
        if (declared) {
          // One finding per system: a certain undeclared service when there is one, among the paths
          // a finding can be placed on (a setting of ours that opens it, or the endpoint it starts at).
          const found = preferCertain(
            (function* () {
              for (const n of sinks) {
                const a = pa.answer(r, n, hs.bdd.not(declared));
                yield a && (opener(ctx, a, 'first') || ctx.resource(a.hops[0]!.node)) ? { a } : undefined;
              }
            })(),
          );
          if (found) {
            const { a } = found;
            reportPath(ctx, a, {
              messageId: 'service',
              data: { source: a.hops[0]!.node, system: name, service: serviceOf(pa, a), services: x.services!.join(', ') },
              from: 'first',
              fallback: ctx.resource(a.hops[0]!.node),
            });
          }
        }
        if (x.transport !== 'internet') continue;
        const registered = AddressSet.of((x['registered-sources'] ?? []).map((c) => parseCidr(c)).filter((p): p is Prefix => p !== undefined));
        // Every egress the channel may leave by: the certain path's, and the possible remainder's.
        const judged = new Set<string>();
        // Certain flows first: an egress that a certain flow shows is judged on it.
        const flows = sinks.filter((s) => s.internetSide).flatMap((n) => everyFlow(pa.answer(r, n, declared ?? hs.all)));
        for (const a of certainFirst(flows, (x) => x)) {
          // The endpoint whose public address the packet takes at the internet gateway.
          // The internet gateway is the hop before the internet side; the sender is the last
          // endpoint before it (a NAT gateway, or the host itself), whatever gateways came earlier.
          const gw = a.hops.length - 2;
          const sender = gw > 0 ? [...a.hops.slice(0, gw)].reverse().find((h) => h.toKind === 'endpoint-out') : undefined;
          const egress = sender ? pa.net.endpoints.get(sender.node) : undefined;
          const anchor = egress ? ctx.resource(egress.id) : undefined;
          if (!egress || !anchor || judged.has(egress.id)) continue;
          judged.add(egress.id);
          // The channel's path may itself rest on unknown values: what is said of its egress is then possible.
          const doubts = a.unknowns;
          if (!egress.elasticIp) {
            ctx.report({ messageId: 'unfixedSource', data: { system: name, egress: egress.id }, resource: anchor, unknowns: doubts, trace: traceSteps(a), flow: flowOf(pa, a) });
            continue;
          }
          if (!x['registered-sources']) continue;
          if (egress.publicIps.length === 0) {
            ctx.report({
              messageId: 'unregisteredSource',
              data: { system: name, egress: egress.id, address: 'its Elastic IP' },
              resource: anchor,
              unknowns: [...doubts, new Unknown(`the Elastic IP of ${egress.id} is allocated at apply; whether it is registered cannot be known before`, anchor.span)],
              trace: traceSteps(a),
              flow: flowOf(pa, a),
            });
            continue;
          }
          const outside = egress.publicIps.find((p) => !registered.containsPrefix(p));
          if (outside) {
            ctx.report({
              messageId: 'unregisteredSource',
              data: { system: name, egress: egress.id, address: formatPrefix(outside.version, outside.network, outside.bits) },
              resource: anchor,
              unknowns: doubts,
              trace: traceSteps(a),
              flow: flowOf(pa, a),
            });
          }
        }
      }
    }
  },
});
