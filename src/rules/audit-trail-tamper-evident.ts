/**
 * audit-trail-tamper-evident — (6)ア: the control plane's audit log exists and can be trusted: some
 * CloudTrail trail of the configuration covers every region, validates its log files and is logging.
 * Without one, each trail is reported with what it lacks; with no trail at all, the first VPC that
 * holds a zone carries the finding (an organisation trail kept elsewhere is a waiver with its reason).
 */
import { spanOf } from '../model/read.js';
import type { ModelResource } from '../model/resource.js';
import type { Span } from '../model/source.js';
import { Unknown, type Value } from '../model/value.js';
import { bool } from '../graph/aws/common.js';
import { defineRule } from './rule.js';
import { zonedVpcs } from './utils/vpcs.js';
import { table } from '../model/table.js';

const messages = {
  weakTrail: {
    en: 'audit trail {{trail}} is not tamper-evident: {{missing}}',
    ja: '監査証跡 {{trail}} は改ざん検知ができません（{{missing}}）',
  },
  noTrail: {
    en: 'no audit trail in this configuration records API activity for {{vpc}}: none is multi-region with log-file validation',
    ja: '{{vpc}} の API 操作を記録する監査証跡が構成内にありません（全リージョン対象かつログファイル検証が有効な証跡がありません）',
  },
};

/** Japanese for each missing property, for the message (the data keeps the English, for the fingerprint). */
const MISSING_JA: Record<string, string> = table({ 'not multi-region': '全リージョン対象ではない', 'log-file validation off': 'ログファイルの整合性の検証が無効', 'not logging': 'ログ記録が停止中' });

/** The provider's defaults: single-region, no validation, logging. */
const CHECKS: ReadonlyArray<{ attr: string; unset: boolean; wants: boolean; missing: string }> = [
  { attr: 'is_multi_region_trail', unset: false, wants: true, missing: 'not multi-region' },
  { attr: 'enable_log_file_validation', unset: false, wants: true, missing: 'log-file validation off' },
  { attr: 'enable_logging', unset: true, wants: true, missing: 'not logging' },
];

interface Verdict {
  trail: ModelResource;
  missing: string[];
  unknowns: Unknown[];
  at?: Span;
}

function judge(r: ModelResource): Verdict {
  const v: Verdict = { trail: r, missing: [], unknowns: [] };
  for (const c of CHECKS) {
    const value: Value | undefined = r.attributes[c.attr];
    if (value instanceof Unknown) {
      v.unknowns.push(value);
      v.missing.push(c.missing);
      v.at ??= spanOf(r, c.attr);
      continue;
    }
    const actual = value === undefined || value === null ? c.unset : bool(value) === true;
    if (actual === c.wants) continue;
    v.missing.push(c.missing);
    if (value !== undefined && value !== null) v.at ??= spanOf(r, c.attr);
  }
  return v;
}

export default defineRule({
  id: 'audit-trail-tamper-evident',
  scope: (s) => s.has('aws_vpc', 'aws_cloudtrail'),
  messages,
  defaultOptions: {},
  check(ctx) {
    const trails = ctx.model.resources.filter((r) => r.mode === 'managed' && r.type === 'aws_cloudtrail').map(judge);
    // One good trail is enough, if it surely exists; a trail that is good unless an unknown turns out
    // badly, or a good one whose count or for_each (CloudFormation: Condition) is known only after
    // apply and so may be created zero times, leaves the others possible.
    const good = trails.filter((t) => t.missing.length === 0);
    if (good.some((t) => !t.trail.expansion)) return;
    const doubtful = [...good.map((t) => t.trail.expansion!), ...trails.filter((t) => t.missing.length > 0 && t.unknowns.length === t.missing.length).flatMap((t) => t.unknowns)];
    const weak = trails.filter((t) => t.missing.length > 0);
    for (const t of weak) {
      ctx.report({
        messageId: 'weakTrail',
        data: { trail: t.trail.address, missing: t.missing.join(', ') },
        words: { missing: { en: t.missing.join(', '), ja: t.missing.map((m) => MISSING_JA[m] ?? m).join('、') } },
        resource: t.trail,
        ...(t.at ? { at: t.at } : {}),
        ...(t.unknowns.length || doubtful.length ? { unknowns: [...new Set([...t.unknowns, ...doubtful])] } : {}),
      });
    }
    if (weak.length) return;
    const vpc = zonedVpcs(ctx)[0];
    if (vpc) ctx.report({ messageId: 'noTrail', data: { vpc: vpc.address }, resource: vpc, ...(doubtful.length ? { unknowns: doubtful } : {}) });
  },
});
