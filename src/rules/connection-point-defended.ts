/**
 * connection-point-defended — (4)イ①: every path through a connection point of the dispatch link
 * crosses at least one filter that allows only an explicit list. A filter whose deciding rule allows
 * everything (all protocols, all ports, any address), or that allows everything as a whole (AWS's
 * default network ACL), is no defence; it does not count against the path either.
 */
import type { PathHop } from '../graph/analysis.js';
import { defineRule } from './rule.js';
import { connectionPoints } from './utils/connection-points.js';
import { flowOf, placeName, serviceOf, traceSteps } from './utils/paths.js';

const messages = {
  undefended: {
    en: 'connection point {{point}} of the dispatch link (zone {{zone}}) carries {{service}} from {{from}} to {{to}} with no filter that allows only an explicit list',
    ja: '簡易指令システムとの直接的な接続部（ゾーン {{zone}}）の接続点 {{point}} が、明示的に許可した通信のみを通すフィルタを経由せずに {{from}} から {{to}} への {{service}} を通します',
  },
};

/**
 * Filters in the clause's sense are security groups, network ACLs and firewall hosts' chains. The graph also puts an
 * endpoint's public address and its subnet's return route to an internet gateway on the delivering
 * edge, as settings that can block the path; they are conditions of the path, not lists of what may
 * pass, so they defend nothing (a return route for 0.0.0.0/0 would otherwise count as a defence).
 */
const FILTER = /^(security groups? |network ACL |default network ACL |firewall )/;

function defends(f: PathHop['filters'][number]): boolean {
  return FILTER.test(f.name) && !f.permissive && !f.allowAny;
}

export default defineRule({
  id: 'connection-point-defended',
  scope: (s) => s.network && s.zoneRole('dispatch-link'),
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    const pa = ctx.paths();
    for (const p of connectionPoints(ctx, pa)) {
      const resource = ctx.resource(p.name);
      if (!resource) continue;
      // Of the undefended paths, one that rests on no unknown value, when there is one: the point is then certainly open.
      const undefended = p.paths.filter((a) => !a.hops.some((h) => h.filters.some(defends)));
      const open = undefended.find((a) => a.unknowns.length === 0) ?? undefended[0];
      if (!open) continue;
      ctx.report({
        messageId: 'undefended',
        data: { point: p.name, zone: p.zone, service: serviceOf(pa, open), from: placeName(open.hops[0]!.node), to: placeName(open.hops[open.hops.length - 1]!.node) },
        resource,
        unknowns: open.unknowns,
        trace: traceSteps(open),
        flow: flowOf(pa, open),
      });
    }
  },
});
