/**
 * connection-points-minimal — (4)イ①: the dispatch link has few connection points to other networks
 * (at most `connection-points.max`, default 1) and, when `connection-points.declared` lists them, only
 * those. A connection point is what an allowed flow crosses on its way into or out of a dispatch-link
 * zone (utils/connection-points.ts).
 */
import type { Unknown } from '../model/value.js';
import { defineRule } from './rule.js';
import { connectionPoints, pointWitness, type ConnectionPoint } from './utils/connection-points.js';
import { flowOf, traceSteps } from './utils/paths.js';
import { addTo } from '../model/multimap.js';

const messages = {
  undeclared: {
    en: '{{point}} is a connection point of the dispatch link (zone {{zone}}) that connection-points.declared does not list',
    ja: '{{point}} は簡易指令システムとの直接的な接続部（ゾーン {{zone}}）の接続点ですが、connection-points.declared に記載されていません',
  },
  tooMany: {
    en: 'the dispatch link (zone {{zone}}) has {{count}} connection points ({{points}}), more than connection-points.max = {{max}}',
    ja: '簡易指令システムとの直接的な接続部（ゾーン {{zone}}）の接続点が {{count}} 個（{{points}}）あり、connection-points.max = {{max}} を超えています',
  },
};

export default defineRule({
  id: 'connection-points-minimal',
  scope: (s) => s.network && s.zoneRole('dispatch-link'),
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    const pa = ctx.paths();
    const declared = ctx.config?.['connection-points']?.declared;
    const max = ctx.config?.['connection-points']?.max ?? 1;
    const points = connectionPoints(ctx, pa);
    const byZone = new Map<string, typeof points>();
    for (const p of points) addTo(byZone, p.zone, p);
    const witnesses = new Map(points.map((p) => [p, pointWitness(p)]));
    const doubts = (p: ConnectionPoint): Unknown[] => witnesses.get(p)!.doubts;
    for (const [zone, list] of byZone) {
      for (const p of list) {
        if (!declared || declared.includes(p.name)) continue;
        const resource = ctx.resource(p.name);
        if (!resource) continue;
        const { a } = witnesses.get(p)!;
        ctx.report({ messageId: 'undeclared', data: { point: p.name, zone }, resource, unknowns: doubts(p), trace: traceSteps(a), flow: flowOf(pa, a) });
      }
      if (list.length > max) {
        // Anchored at the last point in address order, so the finding stays put while the set is unchanged.
        const last = [...list].reverse().find((p) => ctx.resource(p.name));
        if (!last) continue;
        // More than max for certain when more than max points are certain; else it rests on the doubtful ones.
        const certain = list.filter((p) => doubts(p).length === 0).length;
        const unknowns = certain > max ? [] : [...new Set(list.flatMap(doubts))];
        ctx.report({
          messageId: 'tooMany',
          data: { zone, count: String(list.length), points: list.map((p) => p.name).join(', '), max: String(max) },
          resource: ctx.resource(last.name)!,
          unknowns,
          related: list.filter((p) => p !== last && ctx.resource(p.name)).map((p) => ({ at: ctx.resource(p.name)!.span, message: `connection point ${p.name}` })),
        });
      }
    }
  },
});
