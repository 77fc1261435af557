/**
 * dispatch-link-buffer-zone — (4)ア: where the dispatch link is connected to an external network
 * indirectly, a buffer zone sits between them. Every endpoint that exchanges traffic with the dispatch
 * link and itself has a path to or from an external network (the internet, a network met over it, or
 * an undeclared network) lies in a `buffer` zone. Closed networks reached through a VPN are not
 * external networks in this clause's sense (外部ネットワーク: networks anyone can reach).
 */
import type { PathAnswer } from '../graph/analysis.js';
import { Unknown } from '../model/value.js';
import { defineRule } from './rule.js';
import { dispatchLinkZones } from './utils/connection-points.js';
import { flowOf, placeName, preferCertain, traceSteps } from './utils/paths.js';

const messages = {
  notBuffer: {
    en: '{{node}} (zone {{zone}}) exchanges traffic with the dispatch link (zone {{link}}) and has a path to or from {{external}}, but is not in a buffer zone',
    ja: '{{node}}（ゾーン {{zone}}）は簡易指令システムとの直接的な接続部（ゾーン {{link}}）と通信し、かつ {{external}} との間にも経路を持ちますが、緩衝エリアに配置されていません',
  },
};

export default defineRule({
  id: 'dispatch-link-buffer-zone',
  scope: (s) => s.network && s.zoneRole('dispatch-link'),
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    const pa = ctx.paths();
    const hs = pa.hs;
    const fromOutside = [pa.from({ kind: 'internet' }), pa.from({ kind: 'undeclared' })];
    const outside = pa.sinks((x) => x.internetSide === true || x.kind === 'undeclared');
    const leaves = new Map<string, boolean>();
    const zoneLeaves = (zone: string): boolean => {
      let v = leaves.get(zone);
      if (v === undefined) {
        const r = pa.from({ kind: 'zone', zone });
        leaves.set(zone, (v = outside.some((n) => pa.reaches(r, n))));
      }
      return v;
    };
    for (const link of dispatchLinkZones(ctx)) {
      const linkIn = pa.sinks((n) => n.kind === 'endpoint-in' && n.zone === link);
      const fromLink = pa.from({ kind: 'zone', zone: link });
      const zoneReach = new Map<string, ReturnType<typeof pa.from>>();
      // Our endpoints, and the networks behind firewall host interfaces (`gw1:eth3`), which have no
      // addresses of their own here; a firewall host itself forwards, it is the connection point.
      const segments = pa.graph.nodes.filter((n) => n.kind === 'endpoint-out' && !pa.net.endpoints.has(n.name) && !pa.net.hosts.has(n.name)).map((n) => ({ id: n.name, kind: 'segment' as const, addresses: undefined }));
      for (const e of [...pa.net.endpoints.values(), ...segments]) {
        const zone = ctx.zones.zoneOf(e.id) ?? pa.graph.byName.get(`endpoint-out ${e.id}`)?.zone;
        if (zone === link) continue;
        if (zone && ctx.zones.roleOf(zone) === 'buffer') continue;
        // Exchanges traffic with the link: the link reaches it, or it reaches the link.
        const inNode = pa.graph.byName.get(`endpoint-in ${e.id}`);
        let exchanges = inNode !== undefined && fromLink.at[inNode.index] !== hs.none;
        if (!exchanges && e.addresses === undefined) {
          const own = pa.from({ kind: 'endpoint', id: e.id });
          exchanges = linkIn.some((n) => pa.reaches(own, n));
        } else if (!exchanges && zone) {
          let r = zoneReach.get(zone);
          if (!r) zoneReach.set(zone, (r = pa.from({ kind: 'zone', zone })));
          const mine = hs.prefixes('srcIp', e.addresses!);
          exchanges = linkIn.some((n) => hs.bdd.and(r!.at[n.index]!, mine) !== hs.none);
        }
        if (!exchanges) continue;
        // Whether it exchanges traffic with the link for certain; else what that rests on, from a
        // path between them (the flow reported is the one to or from the external network).
        let exchangeUnknowns: Unknown[] = [];
        if (pa.hasUncertain) {
          const toIt = inNode !== undefined && pa.certainOnly(fromLink).at[inNode.index] !== hs.none;
          // From it, as `exchanges` asks: by its zone's search where it has addresses (one search per
          // zone, not per endpoint: thousands of endpoints would each cost a search).
          let fromIt = false;
          if (!toIt && e.addresses !== undefined && zone) {
            const sure = pa.certainOnly(zoneReach.get(zone) ?? pa.from({ kind: 'zone', zone }));
            const mine = hs.prefixes('srcIp', e.addresses);
            fromIt = linkIn.some((n) => hs.bdd.and(sure.at[n.index]!, mine) !== hs.none);
          } else if (!toIt) fromIt = linkIn.some((n) => pa.reaches(pa.certainOnly(pa.from({ kind: 'endpoint', id: e.id })), n));
          if (!toIt && !fromIt) {
            const own = pa.from({ kind: 'endpoint', id: e.id });
            // Packets in transit count (a NAT gateway's): the path to the node, addressed to it or not.
            const a = (inNode ? pa.arriving(fromLink, inNode) : undefined) ?? linkIn.map((n) => (own ? pa.answer(own, n) : undefined)).find((x) => x);
            exchangeUnknowns = a?.unknowns.length ? a.unknowns : [new Unknown(`whether ${e.id} exchanges traffic with the dispatch link rests on values not known before apply`, ctx.resource(e.id)?.span)];
          }
        }
        // A path to or from an external network: a certain one when there is one. Outward, per
        // endpoint only when its zone's traffic reaches an external network at all; NAT gateways
        // and load balancers pass on others' traffic, so their zone's own search says nothing of them.
        const forwarder = e.kind === 'nat-gateway' || e.kind === 'load-balancer';
        const paths = function* (): Generator<{ a: PathAnswer; external: string } | undefined> {
          if (inNode) {
            for (const r of fromOutside) {
              const a = pa.answer(r, inNode);
              yield a && { a, external: a.hops[0]!.node };
            }
          }
          if (zone && !forwarder && !zoneLeaves(zone)) return;
          const out = pa.from({ kind: 'endpoint', id: e.id });
          for (const n of outside) {
            const a = pa.answer(out, n);
            yield a && { a, external: n.name };
          }
        };
        const best = preferCertain(paths());
        const found = best && { answer: best.a, external: best.external };
        if (!found) continue;
        const resource = ctx.resource(e.id);
        if (!resource) continue;
        ctx.report({
          messageId: 'notBuffer',
          data: {
            node: e.id,
            zone: zone ?? 'undeclared',
            link,
            external: placeName(found.external),
          },
          resource,
          unknowns: [...found.answer.unknowns, ...exchangeUnknowns.filter((u) => !found.answer.unknowns.includes(u))],
          trace: traceSteps(found.answer),
          flow: flowOf(pa, found.answer),
        });
      }
    }
  },
});
