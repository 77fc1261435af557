/**
 * source-dest-check — (4)オ: an instance or interface forwards packets that are not its own only
 * when it is declared a router or firewall (tag `gridfence-role` = router, firewall or nat, or an
 * address glob in `options.declared`). Anything else with the check off is a path around the zones
 * that nobody documented, and an anti-spoofing control switched off.
 */
import { matchesGlob } from '../config/glob.js';
import { spanOf } from '../model/read.js';
import { Unknown } from '../model/value.js';
import { defineRule } from './rule.js';
import { tagValue } from './utils/tags.js';
import { INSTANCE_TYPES } from '../model/instances.js';

interface Options {
  declared: string[];
}

const TYPES = new Set([...INSTANCE_TYPES, 'aws_network_interface']);
const ROLES = new Set(['router', 'firewall', 'nat']);

export default defineRule({
  id: 'source-dest-check',
  scope: (s) => s.has(...TYPES),
  messages: {
    disabled: {
      en: '{{resource}} forwards packets that are not its own (source/destination check off) but is not declared a router or firewall',
      ja: '{{resource}} は送信元/送信先チェックが無効で自分宛て以外のパケットを転送しますが、ルーターまたはファイアウォールとして宣言されていません',
    },
  },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      declared: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Address globs of resources that are routers or firewalls by design (NAT instances, appliances).' },
    },
  },
  defaultOptions: { declared: [] } as Options,
  check(ctx) {
    for (const r of ctx.model.resources) {
      if (!TYPES.has(r.type) || r.mode !== 'managed' || !ctx.zones.isProtected(r.address)) continue;
      const check = r.attributes['source_dest_check'];
      if (check === undefined || check === null || check === true || check === 'true') continue;
      if (ctx.options.declared.some((g) => matchesGlob(g, r.address))) continue;
      // The role tag counts from the provider's default_tags too; tags or a role known only after
      // apply may declare the host a router: the finding is then possible.
      const role = tagValue(r, 'gridfence-role');
      if (typeof role === 'string' && ROLES.has(role)) continue;
      const unknowns = [...(check instanceof Unknown ? [check] : []), ...(role instanceof Unknown ? [role] : [])];
      ctx.report({
        messageId: 'disabled',
        data: { resource: r.address },
        resource: r,
        at: spanOf(r, 'source_dest_check'),
        ...(unknowns.length ? { unknowns } : {}),
      });
    }
  },
});

