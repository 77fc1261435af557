/** Path answers in findings' terms: the trace, the flow, the place that opens the hole, the unknowns. */
import type { BddNode } from '../../engine/bdd.js';
import type { PathAnalysis, PathAnswer, PathHop } from '../../graph/analysis.js';
import type { GraphNode } from '../../graph/types.js';
import type { Flow, TraceStep } from '../../model/finding.js';
import type { ModelResource } from '../../model/resource.js';
import { toLocation, type Span } from '../../model/source.js';
import type { Unknown } from '../../model/value.js';
import type { RuleContext } from '../rule.js';

/** Reasons that only say a default allows everything add nothing to a trace. */
const isDefaultAllow = (text: string): boolean => text.startsWith("the VPC's default network ACL allows all");

export function traceSteps(a: PathAnswer): TraceStep[] {
  return a.hops.map((h) => {
    const reasons = dedupe(h.reasons.filter((r) => !isDefaultAllow(r.text)));
    const words = [h.step, ...reasons.map((r) => r.text)].filter((w): w is string => !!w);
    const at = reasons.find((r) => r.span)?.span;
    return { node: h.node, ...(words.length ? { step: words.join('; ') } : {}), ...(at ? { location: toLocation(at) } : {}) };
  });
}

function dedupe<T extends { text: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => !seen.has(x.text) && (seen.add(x.text), true));
}

/** The flow: protocol and ports of the witness's service, with sources and destinations named when they are places. */
export function flowOf(pa: PathAnalysis, a: PathAnswer, source?: string, destination?: string): Flow {
  const d = pa.flow(a.set);
  return { protocol: d.protocol, source: source ?? d.source, destination: destination ?? d.destination, ports: d.ports };
}

/** "tcp/443", "udp/53", "icmp", "protocol 50": the witness packet's service. */
export function serviceOf(pa: PathAnalysis, a: PathAnswer): string {
  return pa.packetText(a.packet).split(' ')[0]!;
}

/**
 * The setting that opens the hole: the rule of a security group (or ACL, route) admitting the packet,
 * searched from the `from` end of the path. Resource and span of its declaration.
 */
export function opener(ctx: RuleContext<unknown>, a: PathAnswer, from: 'first' | 'last', kinds: RegExp = /security group|ingress|egress|rule/): { resource: ModelResource; at: Span } | undefined {
  const hops: PathHop[] = from === 'first' ? a.hops : [...a.hops].reverse();
  for (const h of hops) {
    // On one hop, the security group's rule is the setting written for this flow; an ACL entry or a
    // route next to it usually serves many flows.
    const reasons = [...h.reasons].sort((x, y) => groupFirst(ctx, x.declaredBy) - groupFirst(ctx, y.declaredBy));
    for (const r of reasons) {
      if (!r.span || !r.declaredBy || isDefaultAllow(r.text) || !kinds.test(r.text)) continue;
      const resource = ctx.resource(r.declaredBy);
      if (resource) return { resource, at: r.span };
    }
  }
  return undefined;
}

function groupFirst(ctx: RuleContext<unknown>, address: string | undefined): number {
  const type = address ? ctx.resource(address)?.type : undefined;
  return type !== undefined && type.includes('security_group') ? 0 : 1;
}

/**
 * Unknowns a verdict rests on: those on the path's edges, plus the stand-in address of an endpoint
 * when not every address it could get is reached (an unknown private address matters only then).
 */
export function unknownsOf(pa: PathAnalysis, a: PathAnswer, endpoint: string | undefined, field: 'srcIp' | 'dstIp', set: BddNode): Unknown[] {
  const out = [...a.unknowns];
  const e = endpoint ? pa.net.endpoints.get(endpoint) : undefined;
  if (e?.addressUnknown && !pa.coversAll(set, field, e.addresses)) out.push(e.addressUnknown);
  return out;
}

/** The resource a graph node stands for, when it is one. */
export function resourceOf(ctx: RuleContext<unknown>, n: GraphNode): ModelResource | undefined {
  return ctx.resource(n.name);
}
