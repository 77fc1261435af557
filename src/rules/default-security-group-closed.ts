/**
 * default-security-group-closed — (4)オ: the default security group of a VPC that holds a zone has
 * no rules. Left unmanaged, AWS's default group lets its members talk to each other on every port
 * and out to anywhere: a resource launched without a group would join it silently.
 *
 * A rule may be written into the group from outside it: an `aws_security_group_rule`,
 * `aws_vpc_security_group_ingress_rule` or `aws_vpc_security_group_egress_rule` whose
 * `security_group_id` names the adopted `aws_default_security_group` or the VPC's
 * `default_security_group_id` (CloudFormation: a SecurityGroupIngress/Egress on the VPC's
 * DefaultSecurityGroup). AWS adds it to the group as it adds an inline block, so it is a rule of the
 * group all the same. A rule whose group is known only after apply may be one of them.
 *
 * AWS CDK's `restrictDefaultSecurityGroup` (on by default in new projects) writes a
 * `Custom::VpcRestrictDefaultSG` whose handler removes the default group's inbound and outbound
 * rules when the stack deploys: naming the VPC's DefaultSecurityGroup, it manages the group with no
 * rules, as an empty `aws_default_security_group` does. Rules added from outside still count.
 */
import type { ModelResource } from '../model/resource.js';
import { Unknown } from '../model/value.js';
import { defineRule } from './rule.js';
import { blocks, refsOf, spanOf } from '../model/read.js';
import { zonedVpcs } from './utils/vpcs.js';

const DIRECTION = { ingress: { en: 'ingress', ja: 'インバウンド' }, egress: { en: 'egress', ja: 'アウトバウンド' }, either: { en: 'ingress or egress', ja: 'インバウンドまたはアウトバウンド' } } as const;

/** AWS CDK's custom resource that strips the default group's rules at deployment. */
const CDK_RESTRICTOR = 'Custom::VpcRestrictDefaultSG';

/** Rules written as resources of their own (directionOf: the direction each adds). */
const RULE_TYPES = new Set(['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']);

/** The direction a standalone rule adds: `type` of aws_security_group_rule (unknown: either), else its resource type. */
function directionOf(r: ModelResource): { direction: keyof typeof DIRECTION; unknown?: Unknown } {
  if (r.type === 'aws_vpc_security_group_ingress_rule') return { direction: 'ingress' };
  if (r.type === 'aws_vpc_security_group_egress_rule') return { direction: 'egress' };
  const t = r.attributes['type'];
  if (t instanceof Unknown) return { direction: 'either', unknown: t };
  return { direction: t === 'egress' ? 'egress' : 'ingress' };
}

export default defineRule({
  id: 'default-security-group-closed',
  scope: (s) => s.has('aws_vpc', 'aws_default_security_group'),
  messages: {
    unmanaged: {
      en: 'the default security group of {{vpc}} is not managed, so it keeps AWS\'s default rules (all traffic between members, all egress)',
      ja: '{{vpc}} のデフォルトセキュリティグループが管理されておらず、AWS の既定ルール（メンバー間の全通信、全送信）が残ります',
    },
    hasRules: {
      en: 'the default security group of {{vpc}} has {{direction}} rules',
      ja: '{{vpc}} のデフォルトセキュリティグループに {{direction}} ルールがあります',
    },
  },
  defaultOptions: {},
  check(ctx) {
    const defaults = ctx.model.resources.filter((r) => r.type === 'aws_default_security_group');
    const restrictors = ctx.model.resources.filter((r) => r.mode === 'managed' && r.type === CDK_RESTRICTOR);
    const unknownVpc = defaults.map((d) => d.attributes['vpc_id']).find((v): v is Unknown => v instanceof Unknown && !v.ref);
    const standalone = ctx.model.resources.filter((r) => r.mode === 'managed' && RULE_TYPES.has(r.type));
    for (const vpc of zonedVpcs(ctx)) {
      // Without vpc_id, aws_default_security_group adopts the default group of the region's default VPC.
      const mine = defaults.filter((d) => {
        const v = d.attributes['vpc_id'];
        return refsOf(v).includes(vpc.address) || (vpc.type === 'aws_default_vpc' && (v === undefined || v === null));
      });
      const restricted = restrictors.filter((c) => refsOf(c.attributes['DefaultSecurityGroupId']).includes(vpc.address));
      if (mine.length === 0 && restricted.length === 0) {
        ctx.report({ messageId: 'unmanaged', data: { vpc: vpc.address }, resource: vpc, ...(unknownVpc ? { unknowns: [unknownVpc] } : {}) });
        continue;
      }
      // An adopting resource whose count or for_each (CloudFormation: Condition) is known only after
      // apply may not exist: unless one surely does, the group may keep AWS's default rules.
      if ([...mine, ...restricted].every((d) => d.expansion)) {
        ctx.report({ messageId: 'unmanaged', data: { vpc: vpc.address }, resource: vpc, unknowns: [...mine, ...restricted].map((d) => d.expansion!) });
      }
      for (const d of mine) {
        for (const direction of ['ingress', 'egress'] as const) {
          const list = blocks(d, direction);
          if (list instanceof Unknown) {
            ctx.report({ messageId: 'hasRules', data: { vpc: vpc.address, direction }, words: { direction: DIRECTION[direction] }, resource: d, at: spanOf(d, direction), unknowns: [list] });
          } else if (list.length > 0) {
            ctx.report({ messageId: 'hasRules', data: { vpc: vpc.address, direction }, words: { direction: DIRECTION[direction] }, resource: d, at: spanOf(d, `${direction}[0]`) });
          }
        }
      }
      // Rules of their own that name the group (the adopted resource, or the VPC's
      // default_security_group_id: the only security group a VPC's attributes name), at the rule
      // resource, the thing to remove. A group not known before apply (a variable without value, a
      // data source) may be this one: possible.
      const groupIds = new Set([vpc.address, ...mine.map((d) => d.address)]);
      for (const r of standalone) {
        const g = r.attributes['security_group_id'];
        const refs = refsOf(g);
        const named = refs.some((ref) => groupIds.has(ref));
        const maybe = !named && g instanceof Unknown && refs.every((ref) => !ctx.resource(ref)) ? g : undefined;
        if (!named && !maybe) continue;
        const { direction, unknown } = directionOf(r);
        const unknowns = [...(maybe ? [maybe] : []), ...(unknown ? [unknown] : [])];
        ctx.report({ messageId: 'hasRules', data: { vpc: vpc.address, direction }, words: { direction: DIRECTION[direction] }, resource: r, ...(unknowns.length ? { unknowns } : {}) });
      }
    }
  },
});
