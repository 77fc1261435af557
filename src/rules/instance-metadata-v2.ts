/**
 * instance-metadata-v2 — (4)エ: instances in zones require IMDSv2 (session tokens), so that a
 * server-side request forgery cannot read the instance's credentials from the metadata service.
 */
import type { ModelResource } from '../model/resource.js';
import { Unknown } from '../model/value.js';
import { defineRule } from './rule.js';
import { blocks, spanOf } from './utils/resources.js';

const TYPES = new Set(['aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_spot_instance_request']);

export default defineRule({
  id: 'instance-metadata-v2',
  messages: {
    missing: {
      en: '{{resource}} does not set metadata_options, so IMDSv1 (no session token) stays enabled',
      ja: '{{resource}} に metadata_options がないため、IMDSv1（セッショントークンなし）が有効のままです',
    },
    optional: {
      en: '{{resource}} sets http_tokens = "{{tokens}}": IMDSv1 stays enabled; require tokens',
      ja: '{{resource}} は http_tokens = "{{tokens}}" のため IMDSv1 が有効です。トークンを必須にしてください',
    },
  },
  defaultOptions: {},
  check(ctx) {
    for (const r of ctx.model.resources) {
      if (!TYPES.has(r.type) || r.mode !== 'managed' || !ctx.zones.isProtected(r.address)) continue;
      check(r);
    }
    function check(r: ModelResource): void {
      const opts = blocks(r, 'metadata_options');
      if (opts instanceof Unknown) {
        ctx.report({ messageId: 'missing', data: { resource: r.address }, resource: r, at: spanOf(r, 'metadata_options'), unknowns: [opts] });
        return;
      }
      const o = opts[0];
      if (!o) {
        ctx.report({ messageId: 'missing', data: { resource: r.address }, resource: r });
        return;
      }
      if (o['http_endpoint'] === 'disabled') return;
      const tokens = o['http_tokens'];
      if (tokens === 'required') return;
      if (tokens instanceof Unknown) {
        ctx.report({ messageId: 'optional', data: { resource: r.address, tokens: '(unknown)' }, resource: r, at: spanOf(r, 'metadata_options[0].http_tokens'), unknowns: [tokens] });
        return;
      }
      const t = typeof tokens === 'string' ? tokens : 'optional';
      ctx.report({ messageId: 'optional', data: { resource: r.address, tokens: t }, resource: r, at: spanOf(r, typeof tokens === 'string' ? 'metadata_options[0].http_tokens' : 'metadata_options[0]') });
    }
  },
});
