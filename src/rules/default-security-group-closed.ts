/**
 * default-security-group-closed — (4)オ: the default security group of a VPC that holds a zone has
 * no rules. Left unmanaged, AWS's default group lets its members talk to each other on every port
 * and out to anywhere: a resource launched without a group would join it silently.
 */
import { Unknown } from '../model/value.js';
import { defineRule } from './rule.js';
import { blocks, refsOf, spanOf } from '../model/read.js';
import { zonedVpcs } from './utils/vpcs.js';

const DIRECTION = { ingress: { en: 'ingress', ja: 'インバウンド' }, egress: { en: 'egress', ja: 'アウトバウンド' } } as const;

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
    const unknownVpc = defaults.map((d) => d.attributes['vpc_id']).find((v): v is Unknown => v instanceof Unknown && !v.ref);
    for (const vpc of zonedVpcs(ctx)) {
      const mine = defaults.filter((d) => refsOf(d.attributes['vpc_id']).includes(vpc.address));
      if (mine.length === 0) {
        ctx.report({ messageId: 'unmanaged', data: { vpc: vpc.address }, resource: vpc, ...(unknownVpc ? { unknowns: [unknownVpc] } : {}) });
        continue;
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
    }
  },
});
