/**
 * connection-point-logging — (6)ア: what guards the dispatch link's boundary leaves evidence. A
 * firewall host at a connection point logs the first packets it drops there (a logging rule sees
 * them before the drop, in the same hook); an internet-facing load balancer keeps access logs.
 */
import type { PathAnalysis } from '../graph/analysis.js';
import { packetText } from '../graph/analysis.js';
import { NetfilterCompiler } from '../graph/netfilter/compile.js';
import { fixedInterfaces } from '../graph/netfilter/interfaces.js';
import type { FirewallHost, FwChain } from '../model/firewall.js';
import { blocks, spanOf } from '../model/read.js';
import type { ModelResource } from '../model/resource.js';
import { Unknown } from '../model/value.js';
import { bool } from '../graph/aws/common.js';
import { defineRule, type RuleContext } from './rule.js';
import { connectionPoints, pointWitness } from './utils/connection-points.js';

const messages = {
  dropsUnlogged: {
    en: '{{chain}} drops {{packet}} at connection point {{point}} without logging it',
    ja: '{{chain}} は接続点 {{point}} で {{packet}} をログに記録せずに破棄します',
  },
  noAccessLogs: {
    en: 'internet-facing load balancer {{lb}} keeps no access logs',
    ja: 'インターネット向けロードバランサー {{lb}} のアクセスログが記録されていません',
  },
};

/** When several services are dropped unlogged, the example is the one an intruder would try first. */
const PROBES = [22, 3389, 23, 502, 445, 443, 80];

export default defineRule({
  id: 'connection-point-logging',
  inputs: 'all',
  scope: (s) => s.firewalls || s.has(...LB_TYPES, 'aws_networkfirewall_firewall'),
  messages,
  defaultOptions: {},
  reachability: true,
  check(ctx) {
    firewalls(ctx);
    loadBalancers(ctx);
  },
});

function firewalls(ctx: RuleContext<unknown, keyof typeof messages>): void {
  if (!ctx.firewalls.some((h) => h.interfaces.length > 0)) return;
  const pa = ctx.paths();
  for (const p of connectionPoints(ctx, pa)) {
    const [hostName, ifName] = splitInterface(p.name);
    const host = hostName === undefined ? undefined : pa.net.hosts.get(hostName);
    if (!host?.ruleset || !host.interfaces.some((i) => i.name === ifName)) continue;
    for (const [chain, set] of unloggedDrops(pa, host, ifName!)) {
      const resource = ctx.resource(`${host.name}:${chain.id}`);
      const example = pa.hs.witness(set, { dstPorts: PROBES });
      if (!resource || !example) continue;
      // A point that only flows resting on unknowns cross is a point only possibly.
      const { doubts } = pointWitness(p);
      ctx.report({ messageId: 'dropsUnlogged', data: { chain: `${host.name}:${chain.id}`, packet: packetText(example), point: p.name }, resource, unknowns: doubts, related: [{ at: ctx.resource(p.name)?.span ?? resource.span, message: `connection point ${p.name}` }] });
    }
  }
}

function splitInterface(address: string): [string | undefined, string | undefined] {
  const colon = address.indexOf(':');
  return colon < 0 ? [undefined, undefined] : [address.slice(0, colon), address.slice(colon + 1)];
}

/**
 * Per chain, the first packets of new connections crossing the interface — forwarded to or from each
 * other interface, or delivered to the host — that the chain drops with no logging rule seeing them.
 */
function unloggedDrops(pa: PathAnalysis, host: FirewallHost, at: string): Map<FwChain, number> {
  const hs = pa.hs;
  const out = new Map<FwChain, number>();
  const add = (iif: string, oif: string | undefined, hook: 'forward' | 'input'): void => {
    // Only packets the host routes that way: the graph's edge between the two stages says which.
    const routed = routing(pa, host.name, iif, oif);
    if (routed === hs.none) return;
    const c = new NetfilterCompiler(hs, host.ruleset!, fixedInterfaces(hs, iif, oif));
    for (const { chain, set } of c.unloggedDrops(hook, hs.bdd.and(hs.ctState('new'), routed))) out.set(chain, hs.bdd.or(out.get(chain) ?? hs.none, set));
  };
  for (const o of host.interfaces) {
    if (o.name === at) continue;
    add(at, o.name, 'forward');
    add(o.name, at, 'forward');
  }
  add(at, undefined, 'input');
  return out;
}

/**
 * Packets the host takes that way: what may arrive on the interface (the edges into its first stage)
 * and what it routes from there to the other interface's way out, or to the host itself.
 */
function routing(pa: PathAnalysis, host: string, iif: string, oif: string | undefined): number {
  const b = pa.hs.bdd;
  const arrive = pa.graph.byName.get(`host ${host}:${iif} (in)`);
  const from = pa.graph.byName.get(`host ${host}:${iif} (after PREROUTING)`);
  const to = pa.graph.byName.get(oif === undefined ? `endpoint-in ${host}` : `host ${host}:${oif} (before POSTROUTING)`);
  if (!arrive || !from || !to) return pa.hs.none;
  const arriving = b.orAll(pa.graph.in[arrive.index]!.map((e) => e.topology));
  return b.and(arriving, b.orAll(pa.graph.out[from.index]!.filter((e) => e.to === to.index).map((e) => e.topology)));
}

const LB_TYPES = ['aws_lb', 'aws_alb', 'aws_elb'];

function loadBalancers(ctx: RuleContext<unknown, keyof typeof messages>): void {
  for (const r of ctx.model.resources) {
    if (r.mode !== 'managed' || !LB_TYPES.includes(r.type)) continue;
    if (!ctx.zones.implicit && !ctx.zones.isProtected(r.address)) continue;
    const type = r.attributes['load_balancer_type'];
    if (type === 'gateway') continue;
    const internal = r.attributes['internal'];
    // True, or the text "true", which Terraform converts and CloudFormation accepts (bool).
    if (bool(internal) === true) continue;
    const unknowns: Unknown[] = internal instanceof Unknown ? [internal] : [];
    // A type not known may be a Gateway Load Balancer, which keeps no access logs and is no connection point of this kind.
    if (type instanceof Unknown) unknowns.push(type);
    const logs = blocks(r, 'access_logs');
    if (logs instanceof Unknown) {
      report(ctx, r, [...unknowns, logs]);
      continue;
    }
    const block = logs[0];
    // The provider's defaults: aws_lb/aws_alb log only with enabled = true; aws_elb logs once the block is there.
    const enabled = block === undefined ? false : (block['enabled'] ?? (r.type === 'aws_elb' ? true : false));
    if (bool(enabled) === true) continue;
    if (enabled instanceof Unknown) unknowns.push(enabled);
    report(ctx, r, unknowns, block === undefined ? undefined : spanOf(r, 'access_logs[0].enabled'));
  }
}

function report(ctx: RuleContext<unknown, keyof typeof messages>, r: ModelResource, unknowns: Unknown[], at?: ModelResource['span']): void {
  ctx.report({ messageId: 'noAccessLogs', data: { lb: r.address }, resource: r, ...(at ? { at } : {}), ...(unknowns.length ? { unknowns } : {}) });
}
