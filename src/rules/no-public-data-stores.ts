/**
 * no-public-data-stores — (5)イ: no database is publicly accessible, no bucket is readable by
 * anyone — by its ACL, or by a policy that allows everyone (Principal "*") without a condition —,
 * and no database snapshot or machine image is shared with every AWS account ("all").
 * Public is public wherever the store sits, so every resource of the configuration is judged.
 * Terraform and CloudFormation alike (CloudFormation's S3 types keep their own properties).
 */
import { blocks, elements, spanOf } from '../model/read.js';
import type { ModelResource } from '../model/resource.js';
import { Unknown, UnknownEncoding, isObject, type Value } from '../model/value.js';
import { bool } from '../graph/aws/common.js';
import { defineRule, type RuleContext } from './rule.js';

const messages = {
  publicDatabase: {
    en: 'database {{resource}} is publicly accessible: it gets a public address reachable from the internet',
    ja: 'データベース {{resource}} がパブリックアクセス可能で、インターネットから到達可能なパブリックアドレスを持ちます',
  },
  publicByDefault: {
    en: 'database {{resource}} leaves PubliclyAccessible to RDS, which makes it publicly accessible: the VPC of its subnets has an internet gateway',
    ja: 'データベース {{resource}} は PubliclyAccessible を RDS の既定に任せているため、サブネットの VPC にインターネットゲートウェイがあることからパブリックアクセス可能になります',
  },
  maybePublicByDefault: {
    en: 'database {{resource}} leaves PubliclyAccessible to RDS, which makes it publicly accessible when the VPC of its subnets has an internet gateway: that is not known here',
    ja: 'データベース {{resource}} は PubliclyAccessible を RDS の既定に任せており、サブネットの VPC にインターネットゲートウェイがあればパブリックアクセス可能になりますが、ここではそれが分かりません',
  },
  publicAcl: {
    en: 'bucket ACL {{acl}} on {{resource}} opens the bucket to anyone',
    ja: '{{resource}} のバケット ACL {{acl}} により、バケットが誰にでも公開されます',
  },
  publicSnapshot: {
    en: 'snapshot {{resource}} is shared with every AWS account ({{setting}})',
    ja: 'スナップショット {{resource}} がすべての AWS アカウントに共有されています（{{setting}}）',
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
  scope: (s) => s.has('aws_db_instance', 'aws_rds_cluster_instance', 'aws_rds_cluster', 'aws_s3_bucket', 'aws_s3_bucket_acl', 'aws_s3_bucket_policy', 'AWS::S3::BucketPolicy', 'aws_db_snapshot', 'aws_db_cluster_snapshot', 'aws_ami_launch_permission'),
  messages,
  defaultOptions: {},
  check(ctx) {
    for (const r of ctx.model.resources) {
      if (r.mode !== 'managed') continue;
      // A Multi-AZ DB cluster (db_cluster_instance_class) is public as a whole; an Aurora cluster through its instances.
      if (r.type === 'aws_db_instance' || r.type === 'aws_rds_cluster_instance' || (r.type === 'aws_rds_cluster' && (r.attributes['db_cluster_instance_class'] ?? null) !== null)) database(ctx, r);
      else if (r.type === 'aws_s3_bucket_acl' || r.type === 'aws_s3_bucket') acl(ctx, r, 'acl');
      else if (r.type === 'aws_s3_bucket_policy') policy(ctx, r, 'policy');
      else if (r.type === 'AWS::S3::BucketPolicy') policy(ctx, r, 'PolicyDocument');
      else if (r.type === 'aws_db_snapshot' || r.type === 'aws_db_cluster_snapshot') shared(ctx, r, 'shared_accounts');
      else if (r.type === 'aws_ami_launch_permission') shared(ctx, r, 'group');
    }
  },
});

function database(ctx: Ctx, r: ModelResource): void {
  const v = r.attributes['publicly_accessible'];
  // Left to RDS (CloudFormation without PubliclyAccessible; Terraform's aws_rds_cluster, which has
  // no such argument): the network decides (graph/aws/endpoints.ts).
  if (v === undefined && (r.nativeType === 'AWS::RDS::DBInstance' || r.type === 'aws_rds_cluster')) {
    const e = ctx.paths().net.endpoints.get(r.address);
    if (e?.publicAddress === 'yes') ctx.report({ messageId: 'publicByDefault', data: { resource: r.address }, resource: r });
    else if (e?.publicAddress === 'unknown' && e.publicUnknown) ctx.report({ messageId: 'maybePublicByDefault', data: { resource: r.address }, resource: r, unknowns: [e.publicUnknown] });
    return;
  }
  if (bool(v) !== true && !(v instanceof Unknown)) return;
  ctx.report({ messageId: 'publicDatabase', data: { resource: r.address }, resource: r, at: spanOf(r, 'publicly_accessible'), ...(v instanceof Unknown ? { unknowns: [v] } : {}) });
}

/** A snapshot's shared accounts, or a launch permission's group, that include "all": public. */
function shared(ctx: Ctx, r: ModelResource, attr: string): void {
  const v = r.attributes[attr];
  const list = v instanceof Unknown ? [v] : elements(v);
  const unknown = list.find((x): x is Unknown => x instanceof Unknown);
  if (!list.includes('all') && !unknown) return;
  ctx.report({ messageId: 'publicSnapshot', data: { resource: r.address, setting: `${attr} = "all"` }, resource: r, at: spanOf(r, attr), ...(list.includes('all') || !unknown ? {} : { unknowns: [unknown] }) });
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

/**
 * The first statement that allows everyone without a condition. A document known only after apply
 * is read through the structure jsonencode kept (UnknownEncoding): a statement whose effect or
 * principal is not known may be public, and so is a document of which nothing is known.
 */
function policy(ctx: Ctx, r: ModelResource, attr: string): void {
  const raw = r.attributes[attr];
  if (raw instanceof UnknownEncoding) return judge(ctx, r, attr, raw.value);
  if (raw instanceof Unknown) return unknownPolicy(ctx, r, attr, raw);
  if (typeof raw !== 'string') return judge(ctx, r, attr, raw);
  try {
    judge(ctx, r, attr, JSON.parse(raw) as Value);
  } catch {
    // Not JSON: Terraform rejects it at apply; nothing to judge here.
  }
}

function judge(ctx: Ctx, r: ModelResource, attr: string, doc: Value | undefined): void {
  if (doc === undefined || !isObject(doc)) return;
  const statements = doc['Statement'];
  if (statements instanceof Unknown) return possible(ctx, r, attr, statements);
  for (const st of elements(statements ?? null)) {
    if (!isObject(st) || st['Condition'] !== undefined) continue;
    const effect = st['Effect'];
    if (effect !== 'Allow' && !(effect instanceof Unknown)) continue;
    const who = everyone(st['Principal'], (u) => u.ref !== undefined && ctx.resource(u.ref)?.mode === 'managed');
    if (who === false) continue;
    const unknowns = [...(effect instanceof Unknown ? [effect] : []), ...(who instanceof Unknown ? [who] : [])];
    const actions = elements(st['Action'] ?? null).filter((a): a is string => typeof a === 'string');
    ctx.report({ messageId: 'publicPolicy', data: { resource: r.address, actions: actions.length ? actions.join(', ') : '*' }, resource: r, at: spanOf(r, attr), ...(unknowns.length ? { unknowns } : {}) });
    return;
  }
}

function possible(ctx: Ctx, r: ModelResource, attr: string, u: Unknown): void {
  ctx.report({ messageId: 'publicPolicy', data: { resource: r.address, actions: '(not known before apply)' }, resource: r, at: spanOf(r, attr), unknowns: [u] });
}

/**
 * A policy of which nothing is known before apply. From an `aws_iam_policy_document`, its statement
 * blocks are read (they are arguments, known); anything else (a variable) may be public.
 */
function unknownPolicy(ctx: Ctx, r: ModelResource, attr: string, raw: Unknown): void {
  const source = raw.ref ? ctx.resource(raw.ref) : undefined;
  if (source?.mode !== 'data' || source.type !== 'aws_iam_policy_document') return possible(ctx, r, attr, raw);
  const statements = blocks(source, 'statement');
  if (statements instanceof Unknown) return possible(ctx, r, attr, statements);
  const named = (u: Unknown): boolean => u.ref !== undefined && ctx.resource(u.ref)?.mode === 'managed';
  for (const st of statements) {
    if (st['effect'] === 'Deny' || elements(st['condition'] ?? null).length > 0) continue;
    const who = documentEveryone(st['principals'], named);
    if (who === false) continue;
    // An effect or a principal not known before apply may allow everyone: possibly public.
    const unknowns = [...(st['effect'] instanceof Unknown ? [st['effect']] : []), ...(who instanceof Unknown ? [who] : [])];
    const actions = elements(st['actions'] ?? null).filter((a): a is string => typeof a === 'string');
    ctx.report({ messageId: 'publicPolicy', data: { resource: r.address, actions: actions.length ? actions.join(', ') : '*' }, resource: r, at: spanOf(r, attr), related: [{ at: source.span, message: `the statement of ${source.address} that allows everyone` }], ...(unknowns.length ? { unknowns } : {}) });
    return;
  }
}

/**
 * Whether an `aws_iam_policy_document` statement's `principals` blocks name everyone (type "*" or
 * "AWS" with identifier "*"); the Unknown when a block list, type or identifier not known may.
 */
function documentEveryone(principals: Value | undefined, named: (u: Unknown) => boolean): boolean | Unknown {
  if (principals instanceof Unknown) return principals;
  let doubt: Unknown | undefined;
  for (const p of elements(principals ?? null)) {
    if (p instanceof Unknown) {
      doubt ??= p;
      continue;
    }
    if (!isObject(p)) continue;
    const type = p['type'];
    if (type !== '*' && type !== 'AWS' && !(type instanceof Unknown)) continue;
    const ids = p['identifiers'];
    const idDoubt = ids instanceof Unknown ? (named(ids) ? undefined : ids) : elements(ids ?? null).find((x): x is Unknown => x instanceof Unknown && !named(x));
    const star = !(ids instanceof Unknown) && elements(ids ?? null).includes('*');
    if (star && !(type instanceof Unknown)) return true;
    if (star) doubt ??= type as Unknown;
    else if (idDoubt) doubt ??= idDoubt;
  }
  return doubt ?? false;
}

/**
 * Whether a principal is everyone: "*", {AWS: "*"} or a list holding "*"; the Unknown when that is
 * not known. `named` tells unknowns that name something (a managed resource's ARN), never "*".
 */
function everyone(p: Value | undefined, named: (u: Unknown) => boolean): boolean | Unknown {
  if (p === '*') return true;
  if (p instanceof Unknown) return named(p) ? false : p;
  if (p === undefined || !isObject(p)) return false;
  const aws = elements(p['AWS'] ?? null);
  if (aws.some((x) => x === '*')) return true;
  return aws.find((x): x is Unknown => x instanceof Unknown && !named(x)) ?? false;
}
