/**
 * firewall-shadowed-rule — (4)イ①: no rule of a firewall ruleset is unreachable because earlier
 * rules of its chain, together, already decide every packet it matches (exact and union-aware, as
 * Batfish's filterLineReachability). Judged per ruleset, with interfaces as variables, for the hosts
 * of gridfence.yaml and for rulesets linted on their own.
 */
import { RulesetHygiene } from '../graph/netfilter/hygiene.js';
import type { FwRule } from '../model/firewall.js';
import { defineRule } from './rule.js';

const messages = {
  shadowed: {
    en: '{{rule}} ({{action}}) never applies: every packet it matches is already decided by {{by}}',
    ja: '{{rule}}（{{action}}）は適用されません。一致するパケットはすべて {{by}} で既に判定されています',
  },
  conflict: {
    en: '{{rule}} ({{action}}) never applies: every packet it matches is already decided by {{by}}, at least one of them with a different action',
    ja: '{{rule}}（{{action}}）は適用されません。一致するパケットはすべて {{by}} で既に判定されており、その中には異なる動作のルールがあります',
  },
  unmatchable: {
    en: '{{rule}} ({{action}}) never applies: no packet meets all of its conditions',
    ja: '{{rule}}（{{action}}）は適用されません。すべての条件を満たすパケットが存在しません',
  },
};

const named = (r: FwRule): string => `${r.address} (${r.target})`;

export default defineRule({
  id: 'firewall-shadowed-rule',
  inputs: 'firewall',
  scope: (s) => s.firewalls,
  messages,
  defaultOptions: {},
  check(ctx) {
    for (const host of ctx.firewalls) {
      if (!host.ruleset) continue;
      for (const u of RulesetHygiene.of(host.ruleset).unreachable()) {
        const resource = ctx.resource(u.rule.address);
        if (!resource) continue;
        const data = { rule: u.rule.address, action: u.rule.target, by: u.by.map(named).join(', ') };
        const messageId = u.kind === 'unmatchable' ? 'unmatchable' : u.conflict ? 'conflict' : 'shadowed';
        ctx.report({
          messageId,
          data,
          resource,
          related: u.by.map((r) => ({ at: r.span, message: `${named(r)} decides some of its packets${r === u.conflict ? ' with a different action' : ''}` })),
        });
      }
    }
  },
});
