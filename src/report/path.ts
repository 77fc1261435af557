/**
 * The `path` report: each allowed flow with its hops (node, what let the packet through, where that
 * is written; `oneWay` for packets that arrive where no connection does), or the blocked path with the settings that drop the packet on each hop. Text for people,
 * JSON for tools (locations as in the lint report).
 */
import type { PathAnswer, PathAnalysis } from '../graph/analysis.js';
import type { PathQuery, PathResult } from '../graph/query.js';
import { toLocation, type Location } from '../model/source.js';
import { flowOf } from '../rules/utils/paths.js';
import type { Style } from './style.js';
import type { Lang } from '../model/finding.js';
import { jaPlace, jaText } from '../linter/ja-text.js';
import { jaPorts, jaProtocol } from '../linter/flow-words.js';

/** A place before a Japanese particle: spaced after Latin letters and digits, not after Japanese. */
function spaced(place: string): string {
  const p = jaPlace(place);
  return /[\x21-\x7e]$/.test(p) ? `${p} ` : p;
}

const WORDS = {
  en: {
    what: (protocol: string | undefined, port: number | undefined) => `${protocol && protocol !== 'any' ? protocol : 'any protocol'}${port !== undefined ? `/${port}` : ''}`,
    flows: (n: number, from: string, to: string, what: string) => `${n} flow${n === 1 ? '' : 's'} from ${from} to ${to} (${what}):`,
    flow: (d: { protocol: string; source: string; destination: string; ports: string }) => `${d.protocol} ${d.source} → ${d.destination}, port ${d.ports}`,
    possible: ' (possible)',
    oneWay: ' (one way: the packets arrive without a connection; no reply is needed)',
    restsOn: 'rests on',
    none: (from: string, to: string, what: string) => `No flow from ${from} to ${to} (${what}).`,
    noConnection: (from: string, to: string, what: string) => `No connection from ${from} to ${to} (${what}).`,
    noRoute: 'No route leads there, even with every security group and network ACL ignored.',
    nearest: (to: string) => `The nearest path, to ${to}, is closed by the settings marked ✖:`,
    place: (name: string) => name,
    text: (text: string) => text,
  },
  ja: {
    what: (protocol: string | undefined, port: number | undefined) => `${jaProtocol(protocol ?? 'any')}${port !== undefined ? `/${port}` : ''}`,
    flows: (n: number, from: string, to: string, what: string) => `${spaced(from)}から ${spaced(to)}へのフロー ${n} 件（${what}）:`,
    flow: (d: { protocol: string; source: string; destination: string; ports: string }) =>
      `${jaProtocol(d.protocol)} ${jaPlace(d.source)} → ${jaPlace(d.destination)}、${jaPorts(d.ports)}`,
    possible: '（可能性あり）',
    oneWay: '（一方向：接続なしにパケットが到達します。応答は必要ありません）',
    restsOn: '静的に確定しない値',
    none: (from: string, to: string, what: string) => `${spaced(from)}から ${spaced(to)}へのフローはありません（${what}）。`,
    noConnection: (from: string, to: string, what: string) => `${spaced(from)}から ${spaced(to)}への接続はありません（${what}）。`,
    noRoute: 'セキュリティグループとネットワーク ACL をすべて無視しても、そこへ至るルートがありません。',
    nearest: (to: string) => `${spaced(to)}への最も近い経路は、✖ を付けた設定で閉じられています:`,
    place: jaPlace,
    text: jaText,
  },
};

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
    flows: r.flows.map((f) => ({ source: f.source, destination: f.destination, flow: flowOf(pa, f.answer), ...(f.oneWay ? { oneWay: true } : {}), certainty: f.answer.unknowns.length ? 'possible' : 'definite', unknowns: f.answer.unknowns.map((u) => u.reason), trace: hops(pa, f.answer) })),
    ...(r.blocked ? { blocked: { destination: r.blocked.destination, trace: hops(pa, r.blocked.answer) } } : {}),
    ...(r.noRoute ? { noRoute: true } : {}),
  };
}

/** In the language of the run; the JSON answer stays as tools read it, in English. */
export function pathText(pa: PathAnalysis, q: PathQuery, r: Extract<PathResult, { ok: true }>, style: Style, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const out: string[] = [];
  const what = w.what(q.protocol, q.port);
  const loc = (l?: Location) => (l ? `  ${style.dim(`${l.file}:${l.line}:${l.column}`)}` : '');
  if (r.flows.length) {
    out.push(style.bold(w.flows(r.flows.length, q.from, q.to, what)), '');
    for (const f of r.flows) {
      const d = flowOf(pa, f.answer);
      out.push(`${style.bold(w.place(f.source))} → ${style.bold(w.place(f.destination))}: ${w.flow(d)}${f.oneWay ? w.oneWay : ''}${f.answer.unknowns.length ? style.yellow(w.possible) : ''}`);
      hops(pa, f.answer).forEach((h, i) => {
        out.push(`  ${i + 1}. ${w.place(h.node)}${h.step ? `  ${style.dim(w.text(h.step))}` : ''}  ${style.dim(h.packet)}`);
        for (const x of h.reasons) out.push(`       ${w.text(x.text)}${loc(x.location)}`);
      });
      for (const u of f.answer.unknowns) out.push(`  ${style.yellow(w.restsOn)}: ${w.text(u.reason)}`);
      out.push('');
    }
    if (!r.blocked) return out.join('\n');
  }
  out.push(style.bold(r.flows.length ? w.noConnection(q.from, q.to, what) : w.none(q.from, q.to, what)));
  if (r.noRoute || !r.blocked) {
    out.push(w.noRoute, '');
    return out.join('\n');
  }
  out.push(w.nearest(r.blocked.destination), '');
  hops(pa, r.blocked.answer).forEach((h, i) => {
    out.push(`  ${i + 1}. ${w.place(h.node)}${h.step ? `  ${style.dim(w.text(h.step))}` : ''}  ${style.dim(h.packet)}`);
    for (const b of h.blockedBy ?? []) out.push(`       ${style.red('✖')} ${b.code}  ${w.text(b.setting)}${loc(b.location)}`);
  });
  out.push('');
  return out.join('\n');
}
