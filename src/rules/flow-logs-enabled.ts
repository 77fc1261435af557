/**
 * flow-logs-enabled — (6)ア: every VPC that holds a zone records flow logs for all traffic, so that
 * an incident can be reconstructed from who talked to whom.
 */
import type { ModelResource } from '../model/resource.js';
import { Unknown } from '../model/value.js';
import { defineRule } from './rule.js';
import { refsOf, spanOf, str } from '../model/read.js';
import { zonedVpcs } from './utils/vpcs.js';
import { addTo } from '../model/multimap.js';

export default defineRule({
  id: 'flow-logs-enabled',
  scope: (s) => s.has('aws_vpc'),
  messages: {
    noFlowLog: {
      en: '{{vpc}} holds a zone but has no flow log',
      ja: '{{vpc}} はゾーンを含みますが、フローログがありません',
    },
    partial: {
      en: '{{vpc}} logs only {{traffic}} traffic; flow logs must record ALL traffic',
      ja: '{{vpc}} のフローログは {{traffic}} のトラフィックのみを記録しています。すべて（ALL）を記録する必要があります',
    },
  },
  defaultOptions: {},
  check(ctx) {
    const logs = ctx.model.resources.filter((r) => r.type === 'aws_flow_log');
    const byVpc = new Map<string, typeof logs>();
    const bySubnet = new Map<string, typeof logs>();
    const unknownTargets: Unknown[] = [];
    for (const l of logs) {
      const vpc = l.attributes['vpc_id'];
      const refs = refsOf(vpc);
      if (refs.length) for (const ref of refs) addTo(byVpc, ref, l);
      else if (vpc instanceof Unknown) unknownTargets.push(vpc);
      for (const ref of refsOf(l.attributes['subnet_id'])) addTo(bySubnet, ref, l);
    }
    const subnetsOf = new Map<string, string[]>();
    for (const s of ctx.model.resources) if (s.mode === 'managed' && s.type === 'aws_subnet') for (const v of refsOf(s.attributes['vpc_id'])) addTo(subnetsOf, v, s.address);
    // ALL, or ACCEPT and REJECT together, record every flow.
    const covers = (ls: typeof logs): boolean => {
      const types = new Set(ls.map((l) => str(l.attributes['traffic_type'])));
      return types.has('ALL') || (types.has('ACCEPT') && types.has('REJECT'));
    };
    // The VPC's logs, or each of its subnets' own with them: every interface sits in a subnet, so
    // logs on all of the VPC's subnets record what a log on the VPC would. A default VPC comes with a
    // default subnet in each Availability Zone that the configuration need not hold: only its own logs count.
    const covered = (vpc: ModelResource, ls: typeof logs, keep: (l: (typeof logs)[number]) => boolean): boolean => {
      const mine = ls.filter(keep);
      if (covers(mine)) return true;
      const subnets = vpc.type === 'aws_default_vpc' ? [] : (subnetsOf.get(vpc.address) ?? []);
      return subnets.length > 0 && subnets.every((s) => covers([...mine, ...(bySubnet.get(s) ?? []).filter(keep)]));
    };
    for (const vpc of zonedVpcs(ctx)) {
      const mine = byVpc.get(vpc.address) ?? [];
      // Only logs that surely exist cover the VPC: one whose count, for_each or Condition is known
      // only after apply may be none at all, so coverage that rests on it is a possible finding.
      if (covered(vpc, mine, (l) => !l.expansion)) continue;
      if (covered(vpc, mine, () => true)) {
        const onSubnets = (subnetsOf.get(vpc.address) ?? []).flatMap((s) => bySubnet.get(s) ?? []);
        const unsure = [...new Set([...mine, ...onSubnets].map((l) => l.expansion).filter((u): u is Unknown => u !== undefined))];
        ctx.report({ messageId: 'noFlowLog', data: { vpc: vpc.address }, resource: vpc, unknowns: unsure });
        continue;
      }
      const unknownType = mine.map((l) => l.attributes['traffic_type']).find((t): t is Unknown => t instanceof Unknown);
      const partial = mine.find((l) => !(l.attributes['traffic_type'] instanceof Unknown));
      if (partial) {
        const t = partial.attributes['traffic_type'];
        ctx.report({
          messageId: 'partial',
          data: { vpc: vpc.address, traffic: typeof t === 'string' ? t : '(traffic_type not set)' },
          resource: partial,
          at: spanOf(partial, typeof t === 'string' ? 'traffic_type' : ''),
          ...(unknownType ? { unknowns: [unknownType] } : {}),
        });
        continue;
      }
      const unknowns = unknownType ? [unknownType] : unknownTargets.slice(0, 1);
      ctx.report({ messageId: 'noFlowLog', data: { vpc: vpc.address }, resource: vpc, ...(unknowns.length ? { unknowns } : {}) });
    }
  },
});
