/**
 * partner-attestation — (4)イ②: interconnection with a partner stands only while the partner's
 * implementation of the guideline is confirmed. Every allowed flow to or from a `partner` external
 * needs an attestation that is confirmed and not expired on the run's date (`--now` pins it); and no
 * flow reaches an external network that the configuration does not declare (a VPN, transit gateway
 * or peering toward undeclared address space).
 */
import type { ExternalConfig } from '../config/types.js';
import { defineRule, type RuleContext } from './rule.js';
import { certainFirst, flowOf, opener, reportPath, traceSteps } from './utils/paths.js';
import { origins } from './utils/origins.js';
import type { PathAnswer } from '../graph/analysis.js';

const messages = {
  missing: {
    en: 'flows between partner {{partner}} and our zones are allowed, but its attestation of the guideline is not recorded',
    ja: '相互接続相手 {{partner}} と自社のゾーンとの通信が許可されていますが、本指針の実装確認（attestation）が記録されていません',
  },
  expired: {
    en: 'flows between partner {{partner}} and our zones are allowed, but its attestation expired on {{expires}}',
    ja: '相互接続相手 {{partner}} と自社のゾーンとの通信が許可されていますが、本指針の実装確認は {{expires}} に期限切れとなっています',
  },
  notYet: {
    en: 'flows between partner {{partner}} and our zones are allowed, but its attestation is dated {{confirmed}}, after the run date',
    ja: '相互接続相手 {{partner}} と自社のゾーンとの通信が許可されていますが、実装確認日 {{confirmed}} が実行日より後になっています',
  },
  undeclared: {
    en: '{{source}} reaches {{network}}, an external network that gridfence.yaml does not declare',
    ja: '{{source}} から gridfence.yaml に宣言されていないネットワーク（{{network}}）に到達できます',
  },
};

export default defineRule({
  id: 'partner-attestation',
  scope: (s) => s.network || s.externalRole('partner'),
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    const pa = ctx.paths();
    for (const [name, x] of Object.entries(ctx.config?.externals ?? {})) {
      if (x.role !== 'partner') continue;
      const verdict = attestationProblem(x, ctx.today);
      if (!verdict) continue;
      const inbound = pa.from({ kind: 'external', name });
      const flows: Array<{ a: PathAnswer; direction: 'from' | 'to'; end: string }> = [];
      for (const n of pa.sinks((s) => s.kind === 'endpoint-in' && ctx.zones.isProtected(s.name))) {
        const a = pa.answer(inbound, n);
        if (a) flows.push({ a, direction: 'from', end: n.name });
      }
      for (const o of origins(ctx, ['zone'])) {
        const r = pa.from(o.origin);
        for (const n of pa.sinks((s) => s.kind === 'external' && s.zone === name)) {
          const a = pa.answer(r, n);
          if (a) flows.push({ a, direction: 'to', end: a.hops[0]!.node });
        }
      }
      const seen = new Set<string>();
      // Certain flows first: the one finding per opener is certain whenever a certain flow shows it.
      for (const f of certainFirst(flows, (x) => x.a)) {
        // Inbound flows are reported where our host admits them, outbound ones where ours let them go.
        const from = f.direction === 'from' ? 'last' : 'first';
        const fallback = ctx.resource(f.end);
        // One finding per setting that opens flows (several hosts behind one rule make one finding).
        const open = opener(ctx, f.a, from);
        const anchor = open?.resource ?? fallback;
        if (!anchor) continue;
        const key = `${f.direction} ${anchor.address} ${open ? `${open.at.start}` : ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        reportPath(ctx, f.a, { messageId: verdict.id, data: { partner: name, ...verdict.data }, from, fallback });
      }
    }
    reportUndeclared(ctx);
  },
});

function attestationProblem(x: ExternalConfig, today: string): { id: 'missing' | 'expired' | 'notYet'; data: Record<string, string> } | undefined {
  const a = x.attestation;
  if (!a) return { id: 'missing', data: {} };
  if (a.confirmed > today) return { id: 'notYet', data: { confirmed: a.confirmed } };
  if (a.expires !== undefined && a.expires < today) return { id: 'expired', data: { expires: a.expires } };
  return undefined;
}

/** Flows from our zones into networks beyond a gateway that no external declares. */
function reportUndeclared(ctx: RuleContext<unknown, 'missing' | 'expired' | 'notYet' | 'undeclared'>): void {
  const pa = ctx.paths();
  for (const o of origins(ctx, ['zone'])) {
    const r = pa.from(o.origin);
    for (const n of pa.sinks((s) => s.kind === 'undeclared')) {
      const a = pa.answer(r, n);
      if (!a) continue;
      // The route into the gateway that leads there (also when its destination is unknown).
      const into = [...a.hops].reverse().find((h) => h.kind === 'route' && h.toKind === 'gateway');
      const route = into?.reasons.find((x) => x.declaredBy && ctx.resource(x.declaredBy));
      const anchor = route ? ctx.resource(route.declaredBy!)! : ctx.resource(a.hops[0]!.node);
      if (!anchor) continue;
      ctx.report({
        messageId: 'undeclared',
        data: { source: `zone ${o.name}`, network: `address space beyond ${n.name.replace(/^undeclared network via /, '')}` },
        resource: anchor,
        at: route?.span ?? anchor.span,
        unknowns: a.unknowns,
        trace: traceSteps(a),
        flow: flowOf(pa, a),
      });
    }
  }
}
