/**
 * instance-metadata-v2 — (4)エ: instances in zones require IMDSv2 (session tokens), so that a
 * server-side request forgery cannot read the instance's credentials from the metadata service.
 */
import type { ModelResource } from '../model/resource.js';
import { Unknown } from '../model/value.js';
import { defineRule } from './rule.js';
import { blocks, spanOf } from '../model/read.js';
import { LAUNCHING_GROUPS, groupPlaces, launchedFrom, launchedFromUnknown, named } from './utils/launch.js';
import { isInstance } from '../model/instances.js';

const TYPES = new Set(['aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_spot_instance_request']);

export default defineRule({
  id: 'instance-metadata-v2',
  // An Auto Scaling group is judged through what it launches from, or itself when that is not known.
  scope: (s) => s.has(...TYPES, ...LAUNCHING_GROUPS),
  messages: {
    missing: {
      en: '{{resource}} does not set metadata_options, so IMDSv1 (no session token) stays enabled',
      ja: '{{resource}} に metadata_options がないため、IMDSv1（セッショントークンなし）が有効のままです',
    },
    optional: {
      en: '{{resource}} has http_tokens = "{{tokens}}": IMDSv1 stays enabled; require tokens',
      ja: '{{resource}} は http_tokens = "{{tokens}}" のため IMDSv1 が有効です。トークンを必須にしてください',
    },
  },
  defaultOptions: {},
  check(ctx) {
    // Templates judged for an instance in a protected zone: a template in no zone of its own is
    // judged once, through the first instance launched from it.
    const judged = new Set<string>();
    for (const r of ctx.model.resources) {
      if (!TYPES.has(r.type) || r.mode !== 'managed' || !ctx.zones.isProtected(r.address)) continue;
      check(r);
    }
    // An Auto Scaling group launches its instances from its template or launch configuration into
    // the subnets of vpc_zone_identifier (an EKS node group its nodes from its template, if it names
    // one, into its subnet_ids): a group in a protected zone, or launching into a protected
    // subnet, has that template judged (once) even when the template sits in no zone of its own. A
    // template or configuration the configuration does not show may leave IMDSv1 on: the group gets
    // a possible finding at the setting that names it.
    for (const g of ctx.model.resources) {
      if (!LAUNCHING_GROUPS.has(g.type) || g.mode !== 'managed') continue;
      if (!groupPlaces(g).some((p) => ctx.zones.isProtected(p))) continue;
      for (const { at, unknown } of launchedFromUnknown(g, ctx.model.resources, (a) => ctx.resource(a))) {
        ctx.report({ messageId: 'missing', data: { resource: g.address }, resource: g, at, unknowns: [unknown] });
      }
      for (const ref of launchedFrom(g, ctx.model.resources, (a) => ctx.resource(a))) {
        const t = ctx.resource(ref);
        if (!t || (t.type !== 'aws_launch_template' && t.type !== 'aws_launch_configuration') || ctx.zones.isProtected(t.address) || judged.has(t.address)) continue;
        judged.add(t.address);
        check(t);
      }
    }
    function check(r: ModelResource): void {
      const opts = blocks(r, 'metadata_options');
      // An instance launched from a template without options of its own takes the template's.
      if (!(opts instanceof Unknown) && opts.length === 0 && isInstance(r.type)) {
        const lt = blocks(r, 'launch_template');
        const ref = lt instanceof Unknown ? undefined : named(lt[0]?.['id'] ?? lt[0]?.['name'] ?? null, 'aws_launch_template', ctx.model.resources)[0];
        const template = ref ? ctx.resource(ref) : undefined;
        if (template?.type === 'aws_launch_template' && template.mode === 'managed') {
          // The template is judged instead: by the loop when it is protected itself, else here.
          if (!ctx.zones.isProtected(template.address) && !judged.has(template.address)) {
            judged.add(template.address);
            check(template);
          }
          return;
        }
        if (lt instanceof Unknown || lt[0]) {
          // A template read by a data source, named by a value not known, or by text naming none of the configuration's.
          const v = lt instanceof Unknown ? lt : (lt[0]!['id'] ?? lt[0]!['name']);
          const path = lt instanceof Unknown ? 'launch_template' : lt[0]!['id'] !== undefined && lt[0]!['id'] !== null ? 'launch_template[0].id' : 'launch_template[0].name';
          const u = lt instanceof Unknown ? lt : v instanceof Unknown ? new Unknown(`the launch template of ${r.address} is not known (${v.reason})`, spanOf(r, path)) : new Unknown(`the launch template of ${r.address} is not in the configuration`, r.span);
          ctx.report({ messageId: 'missing', data: { resource: r.address }, resource: r, at: spanOf(r, path), unknowns: [u] });
          return;
        }
      }
      if (opts instanceof Unknown) {
        ctx.report({ messageId: 'missing', data: { resource: r.address }, resource: r, at: spanOf(r, 'metadata_options'), unknowns: [opts] });
        return;
      }
      const o = opts[0];
      if (!o) {
        ctx.report({ messageId: 'missing', data: { resource: r.address }, resource: r });
        return;
      }
      const endpoint = o['http_endpoint'];
      if (endpoint === 'disabled') return;
      // An endpoint not known before apply may be disabled (no metadata service at all): a finding
      // about the tokens is then only possible.
      const doubt = endpoint instanceof Unknown ? [endpoint] : [];
      const tokens = o['http_tokens'];
      if (tokens === 'required') return;
      if (tokens instanceof Unknown) {
        ctx.report({ messageId: 'optional', data: { resource: r.address, tokens: '(unknown)' }, resource: r, at: spanOf(r, 'metadata_options[0].http_tokens'), unknowns: [tokens, ...doubt] });
        return;
      }
      const t = typeof tokens === 'string' ? tokens : 'optional (the default, not set)';
      ctx.report({ messageId: 'optional', data: { resource: r.address, tokens: t }, resource: r, at: spanOf(r, typeof tokens === 'string' ? 'metadata_options[0].http_tokens' : 'metadata_options[0]'), ...(doubt.length ? { unknowns: doubt } : {}) });
    }
  },
});
