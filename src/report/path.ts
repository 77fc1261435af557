/**
 * The `path` report: each allowed flow with its hops (node, what let the packet through, where that
 * is written), or the blocked path with the settings that drop the packet on each hop. Text for people,
 * JSON for tools (locations as in the lint report).
 */
import type { PathAnswer, PathAnalysis } from '../graph/analysis.js';
import type { PathQuery, PathResult } from '../graph/query.js';
import { toLocation, type Location } from '../model/source.js';
import type { Style } from './style.js';

interface JsonHop {
  node: string;
  step?: string;
  packet: string;
  reasons: Array<{ text: string; location?: Location }>;
  blockedBy?: Array<{ code: string; setting: string; location?: Location }>;
}

function hops(pa: PathAnalysis, a: PathAnswer): JsonHop[] {
  return a.hops.map((h) => ({
    node: h.node,
    ...(h.step ? { step: h.step } : {}),
    packet: pa.packetText(h.packet),
    reasons: h.reasons.filter((r) => !r.defaultAllow).map((r) => ({ text: r.text, ...(r.span ? { location: toLocation(r.span) } : {}) })),
    ...(h.blockedBy ? { blockedBy: h.blockedBy.map((b) => ({ code: b.code, setting: b.name, ...(b.span ? { location: toLocation(b.span) } : {}) })) } : {}),
  }));
}

export function pathJson(pa: PathAnalysis, q: PathQuery, r: Extract<PathResult, { ok: true }>, version: string): object {
  return {
    version: 1,
    tool: { name: 'gridfence', version },
    query: q,
    reachable: r.flows.length > 0,
    flows: r.flows.map((f) => ({ source: f.source, destination: f.destination, flow: pa.flow(f.answer.set), certainty: f.answer.unknowns.length ? 'possible' : 'definite', unknowns: f.answer.unknowns.map((u) => u.reason), trace: hops(pa, f.answer) })),
    ...(r.blocked ? { blocked: { destination: r.blocked.destination, trace: hops(pa, r.blocked.answer) } } : {}),
    ...(r.noRoute ? { noRoute: true } : {}),
  };
}

export function pathText(pa: PathAnalysis, q: PathQuery, r: Extract<PathResult, { ok: true }>, style: Style): string {
  const out: string[] = [];
  const what = `${q.protocol && q.protocol !== 'any' ? q.protocol : 'any protocol'}${q.port !== undefined ? `/${q.port}` : ''}`;
  const loc = (l?: Location) => (l ? `  ${style.dim(`${l.file}:${l.line}:${l.column}`)}` : '');
  if (r.flows.length) {
    out.push(style.bold(`${r.flows.length} flow${r.flows.length === 1 ? '' : 's'} from ${q.from} to ${q.to} (${what}):`), '');
    for (const f of r.flows) {
      const d = pa.flow(f.answer.set);
      out.push(`${style.bold(f.source)} → ${style.bold(f.destination)}: ${d.protocol} ${d.source} → ${d.destination}, port ${d.ports}${f.answer.unknowns.length ? style.yellow(' (possible)') : ''}`);
      hops(pa, f.answer).forEach((h, i) => {
        out.push(`  ${i + 1}. ${h.node}${h.step ? `  ${style.dim(h.step)}` : ''}  ${style.dim(h.packet)}`);
        for (const x of h.reasons) out.push(`       ${x.text}${loc(x.location)}`);
      });
      for (const u of f.answer.unknowns) out.push(`  ${style.yellow('rests on')}: ${u.reason}`);
      out.push('');
    }
    return out.join('\n');
  }
  out.push(style.bold(`No flow from ${q.from} to ${q.to} (${what}).`));
  if (r.noRoute || !r.blocked) {
    out.push('No route leads there, even with every security group and network ACL ignored.', '');
    return out.join('\n');
  }
  out.push(`The nearest path, to ${r.blocked.destination}, is closed by the settings marked ✖:`, '');
  hops(pa, r.blocked.answer).forEach((h, i) => {
    out.push(`  ${i + 1}. ${h.node}${h.step ? `  ${style.dim(h.step)}` : ''}  ${style.dim(h.packet)}`);
    for (const b of h.blockedBy ?? []) out.push(`       ${style.red('✖')} ${b.code}  ${b.setting}${loc(b.location)}`);
  });
  out.push('');
  return out.join('\n');
}
