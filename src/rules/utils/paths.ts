/** Path answers in findings' terms: the trace, the flow, the place that opens the hole, the unknowns. */
import type { PathAnalysis, PathAnswer, PathHop } from '../../graph/analysis.js';
import type { Flow, TraceStep } from '../../model/finding.js';
import type { ModelResource } from '../../model/resource.js';
import type { Unknown } from '../../model/value.js';
import { toLocation, type Span } from '../../model/source.js';
import type { RuleContext } from '../rule.js';

export function traceSteps(a: PathAnswer): TraceStep[] {
  return a.hops.map((h) => {
    const reasons = dedupe(h.reasons.filter((r) => !r.defaultAllow));
    const words = [h.step, ...reasons.map((r) => r.text)].filter((w): w is string => !!w);
    // A firewall rule's line says more than the route beside it.
    const at = (reasons.find((r) => r.span && isFirewallRule(r.declaredBy)) ?? reasons.find((r) => r.span))?.span;
    return { node: h.node, ...(words.length ? { step: words.join('; ') } : {}), ...(at ? { location: toLocation(at) } : {}) };
  });
}

function dedupe<T extends { text: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => !seen.has(x.text) && (seen.add(x.text), true));
}

/** How messages name the node a path starts or ends at: "the internet" for the internet itself, else the node's name. */
export function placeName(node: string): string {
  return node === 'internet' ? 'the internet' : node;
}

/**
 * The flow: protocol and ports of the witness's service, with sources and destinations named when
 * they are places. An end at the internet is always named "the internet", not spelt out as the
 * public address space less what the configuration declares.
 */
export function flowOf(pa: PathAnalysis, a: PathAnswer, source?: string, destination?: string): Flow {
  const d = pa.flow(a.set);
  const internet = (node: string | undefined): string | undefined => (node === 'internet' ? 'the internet' : undefined);
  return {
    protocol: d.protocol,
    source: source ?? internet(a.hops[0]?.node) ?? d.source,
    destination: destination ?? internet(a.hops[a.hops.length - 1]?.node) ?? d.destination,
    ports: d.ports,
  };
}

/** "tcp/443", "udp/53", "icmp", "protocol 50": the witness packet's service. */
export function serviceOf(pa: PathAnalysis, a: PathAnswer): string {
  return pa.packetText(a.packet).split(' ')[0]!;
}

/** Reasons that name a filter's rule (a security group rule, a network ACL entry), as opposed to a route or a listener. */
const FILTER_RULE = /security group|ingress|egress|rule/;

/** A firewall host's rule: `host:table/chain#n`. */
function isFirewallRule(address: string | undefined): boolean {
  return address !== undefined && /#\d+$/.test(address);
}

/**
 * The setting that opens the hole: the security group rule (or network ACL entry) admitting the
 * packet, searched from the `from` end of the path. Resource and span of its declaration.
 */
export function opener(ctx: RuleContext<unknown>, a: PathAnswer, from: 'first' | 'last'): { resource: ModelResource; at: Span } | undefined {
  const hops: PathHop[] = from === 'first' ? a.hops : [...a.hops].reverse();
  for (const h of hops) {
    // On one hop, the security group's rule is the setting written for this flow; an ACL entry or a
    // route next to it usually serves many flows.
    const reasons = [...h.reasons].sort((x, y) => openerRank(ctx, x.declaredBy) - openerRank(ctx, y.declaredBy));
    for (const r of reasons) {
      if (!r.span || !r.declaredBy || r.defaultAllow || !(FILTER_RULE.test(r.text) || isFirewallRule(r.declaredBy) || isChain(ctx, r.declaredBy))) continue;
      const resource = ctx.resource(r.declaredBy);
      if (resource) return { resource, at: r.span };
    }
  }
  return undefined;
}

/**
 * A security group's rule first, then other rules and entries, then a firewall chain's policy: the
 * line an operator wrote for what no rule decides (`:INPUT ACCEPT`), which opens the hole only when
 * no rule of the hop does.
 */
function openerRank(ctx: RuleContext<unknown>, address: string | undefined): number {
  const type = address ? ctx.resource(address)?.type : undefined;
  if (type === 'firewall_chain') return 2;
  return type !== undefined && type.includes('security_group') ? 0 : 1;
}

/** A firewall chain (graph/netfilter: its policy's reason is declared by the chain). */
function isChain(ctx: RuleContext<unknown>, address: string): boolean {
  return ctx.resource(address)?.type === 'firewall_chain';
}

/** A finding about a path, in the terms every path rule reports it. */
export interface PathFinding<Id extends string> {
  messageId: Id;
  data: Record<string, string>;
  /** Values in each language, outside the fingerprint (see Report.words). */
  words?: Record<string, { en: string; ja: string }>;
  /** Where the opener is searched from: `last` for a flow judged where it arrives, `first` where it leaves. */
  from: 'first' | 'last';
  /** Where the finding goes when no setting on the path is found to open it. */
  fallback: ModelResource | undefined;
  /** With the finding at the opener: a related location at `fallback`, saying this. */
  note?: string;
  /** Names for the flow's ends instead of their addresses. */
  source?: string;
  destination?: string;
  possibleBecause?: string;
  /** Unknowns the verdict rests on besides the path's own (e.g. a listener whose port is not known). */
  unknowns?: Unknown[];
}

/**
 * Reports a path finding at the setting that opens the path (else at `fallback`), with the trace, the
 * flow and the unknowns the path rests on: a path that exists only if an unknown value turns out as
 * feared makes the finding possible. False when there is nowhere to report it.
 */
export function reportPath<Id extends string>(ctx: RuleContext<unknown, Id>, a: PathAnswer, f: PathFinding<Id>): boolean {
  const pa = ctx.paths();
  const open = opener(ctx, a, f.from);
  const resource = open?.resource ?? f.fallback;
  if (!resource) return false;
  const related = [...(open && f.fallback && f.note ? [{ at: f.fallback.span, message: f.note }] : []), ...alsoPossibly(ctx, a, f)];
  ctx.report({
    messageId: f.messageId,
    data: f.data,
    ...(f.words ? { words: f.words } : {}),
    resource,
    at: open?.at ?? resource.span,
    ...(related.length ? { related } : {}),
    // The path and the rule may rest on the same value (a listener's port not known): named once.
    unknowns: f.unknowns?.length ? [...new Set([...a.unknowns, ...f.unknowns])] : a.unknowns,
    trace: traceSteps(a),
    flow: flowOf(pa, a, f.source, f.destination),
    ...(f.possibleBecause ? { possibleBecause: f.possibleBecause } : {}),
  });
  return true;
}

/**
 * A certain finding's flow holds the packets that arrive without rules which may not be a filter's
 * own; what arrives only through them is said beside it, where the first of those rules is written.
 */
function alsoPossibly<Id extends string>(ctx: RuleContext<unknown, Id>, a: PathAnswer, f: PathFinding<Id>): Array<{ at: Span; message: string }> {
  const more = a.alsoPossibly?.();
  const at = more?.unknowns.find((u) => u.at)?.at;
  if (!more || !at) return [];
  const flow = flowOf(ctx.paths(), more, f.source, f.destination);
  const what = `${flow.protocol} ${flow.source} → ${flow.destination}${flow.ports ? ` port ${flow.ports}` : ''}`;
  const why = more.unknowns.map((u) => u.reason).join('; ');
  // In English: a report in Japanese puts related messages into Japanese (linter/findings.ts, ja-text.ts).
  return [{ at, message: `possibly also ${what}, resting on: ${why}` }];
}

/**
 * An answer and the possible remainder beside it (`alsoPossibly`, and its own): every flow it stands
 * for, the certain one first. For checks that judge each flow (its egress, the point it crosses),
 * where the remainder may take another way than the certain path.
 */
export function everyFlow(a: PathAnswer | undefined): PathAnswer[] {
  const out: PathAnswer[] = [];
  // The remainder's own remainder is empty (analysis.ts `answer`); the bound only guards the loop.
  for (let x = a; x && out.length < 4; x = x.alsoPossibly?.()) out.push(x);
  return out;
}

/**
 * The first item whose answer rests on no unknown, else the first item at all: a rule that reports
 * one path of several reports a certain one whenever there is one. Items are taken in order and no
 * further than the first certain one.
 */
export function preferCertain<T extends { a: PathAnswer }>(items: Iterable<T | undefined>): T | undefined {
  let first: T | undefined;
  for (const x of items) {
    if (!x) continue;
    if (x.a.unknowns.length === 0) return x;
    first ??= x;
  }
  return first;
}

/**
 * A connection's answer, else one of datagrams that arrive one way (`datagram`, asked only when
 * needed; none where the rule judges connections alone): a certain one of the two whenever there is
 * one, so that a connection that only an unknown makes possible never hides datagrams that certainly arrive.
 */
export function connectionElseDatagram(connection: PathAnswer | undefined, datagram: (() => PathAnswer | undefined) | undefined): { a: PathAnswer; oneWay: boolean } | undefined {
  if (connection && (connection.unknowns.length === 0 || !datagram)) return { a: connection, oneWay: false };
  const d = datagram?.();
  return preferCertain([connection && { a: connection, oneWay: false }, d && { a: d, oneWay: true }]);
}

/** The items whose answers rest on no unknown first, in their order, then the others: a rule that keeps one finding per key keeps a certain one. */
export function certainFirst<T>(items: T[], answerOf: (x: T) => PathAnswer): T[] {
  return [...items.filter((x) => answerOf(x).unknowns.length === 0), ...items.filter((x) => answerOf(x).unknowns.length > 0)];
}
