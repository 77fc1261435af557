/**
 * no-public-data-stores — (5)イ: no database is publicly accessible and no bucket is readable by
 * anyone — by its ACL, or by a policy that allows everyone (Principal "*") without a condition.
 * Public is public wherever the store sits, so every resource of the configuration is judged.
 * Terraform and CloudFormation alike (CloudFormation's S3 types keep their own properties).
 */
import { blocks, elements, spanOf } from '../model/read.js';
import type { ModelResource } from '../model/resource.js';
import { Unknown, isObject, type Value } from '../model/value.js';
import { defineRule, type RuleContext } from './rule.js';

const messages = {
  publicDatabase: {
    en: 'database {{resource}} is publicly accessible: it gets a public address reachable from the internet',
    ja: 'データベース {{resource}} がパブリックアクセス可能で、インターネットから到達可能なパブリックアドレスを持ちます',
  },
  publicAcl: {
    en: 'bucket ACL {{acl}} on {{resource}} opens the bucket to anyone',
    ja: '{{resource}} のバケット ACL {{acl}} により、バケットが誰にでも公開されます',
  },
  publicPolicy: {
    en: 'bucket policy {{resource}} allows {{actions}} to everyone (Principal "*") without a condition',
    ja: 'バケットポリシー {{resource}} が条件なしで全員（Principal "*"）に {{actions}} を許可しています',
  },
};

type Ctx = RuleContext<unknown, keyof typeof messages>;

/** Canned ACLs that grant reading to everyone or to any AWS account, as Terraform (public-read) or CloudFormation (PublicRead) writes them, compared without dashes and case. */
const PUBLIC_ACLS = new Set(['publicread', 'publicreadwrite', 'authenticatedread']);

export default defineRule({
  id: 'no-public-data-stores',
  messages,
  defaultOptions: {},
  check(ctx) {
    for (const r of ctx.model.resources) {
      if (r.mode !== 'managed') continue;
      if (r.type === 'aws_db_instance' || r.type === 'aws_rds_cluster_instance') database(ctx, r);
      else if (r.type === 'aws_s3_bucket_acl' || r.type === 'aws_s3_bucket') acl(ctx, r, 'acl');
      else if (r.type === 'AWS::S3::Bucket') acl(ctx, r, 'AccessControl');
      else if (r.type === 'aws_s3_bucket_policy') policy(ctx, r, 'policy');
      else if (r.type === 'AWS::S3::BucketPolicy') policy(ctx, r, 'PolicyDocument');
    }
  },
});

function database(ctx: Ctx, r: ModelResource): void {
  const v = r.attributes['publicly_accessible'];
  if (v !== true && v !== 'true' && !(v instanceof Unknown)) return;
  ctx.report({ messageId: 'publicDatabase', data: { resource: r.address }, resource: r, at: spanOf(r, 'publicly_accessible'), ...(v instanceof Unknown ? { unknowns: [v] } : {}) });
}

function acl(ctx: Ctx, r: ModelResource, attr: string): void {
  const v = r.attributes[attr];
  if (v instanceof Unknown) {
    ctx.report({ messageId: 'publicAcl', data: { resource: r.address, acl: '(not known before apply)' }, resource: r, at: spanOf(r, attr), unknowns: [v] });
    return;
  }
  if (typeof v !== 'string' || !PUBLIC_ACLS.has(v.toLowerCase().replace(/-/g, ''))) return;
  ctx.report({ messageId: 'publicAcl', data: { resource: r.address, acl: v }, resource: r, at: spanOf(r, attr) });
}

/** The first statement that allows everyone without a condition, with its actions; policies not readable are left alone. */
function policy(ctx: Ctx, r: ModelResource, attr: string): void {
  const raw = r.attributes[attr];
  if (raw instanceof Unknown) {
    unknownPolicy(ctx, r, attr, raw);
    return;
  }
  let doc: Value | undefined = raw;
  if (typeof raw === 'string') {
    try {
      doc = JSON.parse(raw) as Value;
    } catch {
      return;
    }
  }
  if (!isObject(doc)) return;
  for (const st of elements(doc['Statement'])) {
    if (!isObject(st) || st['Effect'] !== 'Allow' || st['Condition'] !== undefined) continue;
    if (!everyone(st['Principal'])) continue;
    const actions = elements(st['Action']).filter((a): a is string => typeof a === 'string');
    ctx.report({ messageId: 'publicPolicy', data: { resource: r.address, actions: actions.length ? actions.join(', ') : '*' }, resource: r, at: spanOf(r, attr) });
    return;
  }
}

/**
 * A policy not known before apply. From an `aws_iam_policy_document`, its statement blocks are read
 * (they are arguments, known). A document that is unknown for another reason (jsonencode holding a
 * value known only after apply, such as the bucket's ARN) cannot be read: the evaluator does not keep
 * the partly known structure, and the policy's text is not parsed here. Left alone, and documented.
 */
function unknownPolicy(ctx: Ctx, r: ModelResource, attr: string, raw: Unknown): void {
  const source = raw.ref ? ctx.resource(raw.ref) : undefined;
  if (source?.mode !== 'data' || source.type !== 'aws_iam_policy_document') return;
  const statements = blocks(source, 'statement');
  for (const st of statements instanceof Unknown ? [] : statements) {
    if (st['effect'] === 'Deny' || elements(st['condition'] ?? null).length > 0) continue;
    const open = elements(st['principals'] ?? null).some((p) => isObject(p) && (p['type'] === '*' || p['type'] === 'AWS') && elements(p['identifiers'] ?? null).includes('*'));
    if (!open) continue;
    const actions = elements(st['actions'] ?? null).filter((a): a is string => typeof a === 'string');
    ctx.report({ messageId: 'publicPolicy', data: { resource: r.address, actions: actions.length ? actions.join(', ') : '*' }, resource: r, at: spanOf(r, attr), related: [{ at: source.span, message: `the statement of ${source.address} that allows everyone` }] });
    return;
  }
}

function everyone(p: Value | undefined): boolean {
  if (p === '*') return true;
  if (p === undefined || !isObject(p)) return false;
  return elements(p['AWS'] ?? null).some((x) => x === '*');
}
