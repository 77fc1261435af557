/**
 * IAM as the rules read it: which role a workload runs as, what grants reach a role, and whether a
 * policy document gives administrator rights. Resources are named by reference (an ARN or id known
 * only after apply carries the referenced address) or by their known name.
 */
import type { ModelResource } from '../../model/resource.js';
import type { Span } from '../../model/source.js';
import { Unknown, UnknownEncoding, isObject, type Value } from '../../model/value.js';
import { blocks, elements, refsOf, spanOf, str } from '../../model/read.js';
import { addTo } from '../../model/multimap.js';

/** What about a document makes it an administrator's: `*` on `*`, NotAction on `*`, iam:PassRole on `*`. */
export type AdminWhy = 'wildcard' | 'notAction' | 'passRole' | 'managed';

export interface Grant {
  /** The resource that holds the grant (a policy, an attachment, the role itself). */
  resource: ModelResource;
  at: Span;
  why: AdminWhy;
  /** A policy whose content is known only after apply: the grant is possible. */
  unknown?: Unknown;
}

const ADMIN_MANAGED = /:policy\/AdministratorAccess$/;

export class Iam {
  private readonly byType = new Map<string, ModelResource[]>();

  constructor(resources: readonly ModelResource[]) {
    for (const r of resources) {
      if (r.mode === 'managed' || r.type === 'aws_iam_policy_document') addTo(this.byType, r.type, r);
      else if (r.type === 'aws_iam_policy') this.policySources.set(r.address, r);
    }
  }

  /** `data "aws_iam_policy"` sources by address: policies the configuration reads, by name or ARN. */
  private readonly policySources = new Map<string, ModelResource>();

  of(type: string): ModelResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The resources of `type` a value names: by reference, or by their known name or ARN. */
  named(v: Value | undefined, type: string): ModelResource[] {
    const refs = new Set(refsOf(v));
    const names = new Set(elements(v).filter((x): x is string => typeof x === 'string'));
    return this.of(type).filter((r) => refs.has(r.address) || [r.attributes['name'], r.attributes['arn']].some((n) => typeof n === 'string' && names.has(n)) || names.has(r.address));
  }

  /** The roles a workload runs as, with the attribute that names each. */
  rolesOf(w: ModelResource): Array<{ role: ModelResource; at: Span }> {
    const out: Array<{ role: ModelResource; at: Span }> = [];
    const viaProfile = (v: Value | undefined, path: string): void => {
      for (const p of this.named(v, 'aws_iam_instance_profile')) for (const role of this.named(p.attributes['role'], 'aws_iam_role')) out.push({ role, at: spanOf(w, path) });
    };
    switch (w.type) {
      case 'aws_instance':
      case 'aws_spot_instance_request':
      case 'aws_launch_configuration':
        viaProfile(w.attributes['iam_instance_profile'], 'iam_instance_profile');
        break;
      case 'aws_launch_template': {
        const b = blocks(w, 'iam_instance_profile');
        if (!(b instanceof Unknown)) for (const x of b) viaProfile([x['name'] ?? null, x['arn'] ?? null], 'iam_instance_profile[0]');
        break;
      }
      case 'aws_lambda_function':
        for (const role of this.named(w.attributes['role'], 'aws_iam_role')) out.push({ role, at: spanOf(w, 'role') });
        break;
      // An EKS managed node group's nodes run as its node role (EKS refuses an instance profile in its launch template).
      case 'aws_eks_node_group':
        for (const role of this.named(w.attributes['node_role_arn'], 'aws_iam_role')) out.push({ role, at: spanOf(w, 'node_role_arn') });
        break;
      case 'aws_ecs_task_definition':
        for (const role of this.named(w.attributes['task_role_arn'], 'aws_iam_role')) out.push({ role, at: spanOf(w, 'task_role_arn') });
        break;
    }
    return out;
  }

  /** Every grant of administrator rights that reaches a role. */
  grantsTo(role: ModelResource): Grant[] {
    const out: Grant[] = [];
    const fromArn = (holder: ModelResource, v: Value, path: string): void => {
      if (typeof v === 'string' && ADMIN_MANAGED.test(v)) out.push({ resource: holder, at: spanOf(holder, path), why: 'managed' });
      const held = this.named(v, 'aws_iam_policy');
      for (const p of held) this.fromDocument(p, p.attributes['policy'], 'policy', out);
      if (!(v instanceof Unknown) || held.length) return;
      // An ARN known only after apply: a policy read by a data source (AdministratorAccess by its
      // name or ARN is one), else a policy whose rights cannot be known, which may grant anything.
      const source = refsOf(v).map((ref) => this.policySources.get(ref)).find((d) => d !== undefined);
      if (source) {
        const { name, arn } = source.attributes;
        if (name === 'AdministratorAccess' || (typeof arn === 'string' && ADMIN_MANAGED.test(arn))) {
          out.push({ resource: holder, at: spanOf(holder, path), why: 'managed' });
          return;
        }
      }
      out.push({ resource: holder, at: spanOf(holder, path), why: 'wildcard', unknown: v });
    };
    elements(role.attributes['managed_policy_arns']).forEach((v, i) => fromArn(role, v, `managed_policy_arns[${i}]`));
    // Inline policies not known before apply (a dynamic block over an unknown value) may grant anything.
    const inline = blocks(role, 'inline_policy');
    if (inline instanceof Unknown) out.push({ resource: role, at: spanOf(role, 'inline_policy'), why: 'wildcard', unknown: inline });
    else inline.forEach((b, i) => this.fromDocument(role, b['policy'], `inline_policy[${i}].policy`, out));
    const isRole = (v: Value | undefined): boolean => this.named(v, 'aws_iam_role').includes(role);
    for (const a of this.of('aws_iam_role_policy_attachment')) if (isRole(a.attributes['role'])) fromArn(a, a.attributes['policy_arn'] ?? null, 'policy_arn');
    for (const a of this.of('aws_iam_policy_attachment')) if (elements(a.attributes['roles']).some((x) => isRole(x))) fromArn(a, a.attributes['policy_arn'] ?? null, 'policy_arn');
    for (const p of this.of('aws_iam_role_policy')) if (isRole(p.attributes['role'])) this.fromDocument(p, p.attributes['policy'], 'policy', out);
    // CloudFormation's AWS::IAM::Policy and ManagedPolicy name their roles themselves.
    for (const p of this.of('aws_iam_policy')) if (elements(p.attributes['roles']).some((x) => isRole(x))) this.fromDocument(p, p.attributes['policy'], 'policy', out);
    return dedupe(out);
  }

  /** Adds a grant when a policy document (JSON text, an object, or an aws_iam_policy_document) gives administrator rights. */
  private fromDocument(holder: ModelResource, v: Value | undefined, path: string, out: Grant[]): void {
    for (const doc of this.refDocuments(v)) {
      const verdict = adminOfStatements(blocks(doc, 'statement'), { effect: 'effect', actions: 'actions', notActions: 'not_actions', resources: 'resources' });
      if (verdict) out.push({ resource: holder, at: spanOf(holder, path), ...verdict });
    }
    let d: Value | undefined = v instanceof UnknownEncoding ? v.value : v;
    if (typeof d === 'string') {
      try {
        d = JSON.parse(d) as Value;
      } catch {
        return;
      }
    }
    if (d instanceof Unknown) {
      if (!refsOf(d).some((r) => r.startsWith('data.aws_iam_policy_document.'))) out.push({ resource: holder, at: spanOf(holder, path), why: 'wildcard', unknown: d });
      return;
    }
    if (!d || !isObject(d)) return;
    const st = d['Statement'];
    // A statement known only after apply, inside a known list, never passes either.
    const unknownPart = elements(st).find((e): e is Unknown => e instanceof Unknown);
    const list = st instanceof Unknown ? st : elements(st).filter(isObject);
    const verdict = adminOfStatements(list, { effect: 'Effect', actions: 'Action', notActions: 'NotAction', resources: 'Resource' }) ?? (unknownPart ? { why: 'wildcard' as const, unknown: unknownPart } : undefined);
    if (verdict) out.push({ resource: holder, at: spanOf(holder, path), ...verdict });
  }

  /** The aws_iam_policy_document data sources a policy value is the `json` of. */
  private refDocuments(v: Value | undefined): ModelResource[] {
    const refs = new Set(refsOf(v instanceof UnknownEncoding ? [v, v.value] : v));
    return this.of('aws_iam_policy_document').filter((d) => refs.has(d.address));
  }
}

/**
 * Whether statements give administrator rights. A part known only after apply never passes: a
 * statement list, an effect, a resource or an action that cannot be known makes the grant possible
 * (with that Unknown) when the rest of the statement allows it; a statement known to grant wins.
 */
function adminOfStatements(
  list: Array<Record<string, Value>> | Unknown,
  keys: { effect: string; actions: string; notActions: string; resources: string },
): { why: AdminWhy; unknown?: Unknown } | undefined {
  if (list instanceof Unknown) return { why: 'wildcard', unknown: list };
  const strings = (x: Value | undefined): string[] => elements(x).filter((s): s is string => typeof s === 'string');
  const unknownIn = (x: Value | undefined): Unknown | undefined => (x instanceof Unknown ? x : elements(x).find((e): e is Unknown => e instanceof Unknown));
  let possible: { why: AdminWhy; unknown: Unknown } | undefined;
  for (const s of list) {
    const effectValue = s[keys.effect];
    const effectUnknown = effectValue instanceof Unknown ? effectValue : undefined;
    if (!effectUnknown && (str(effectValue) ?? 'Allow').toLowerCase() !== 'allow') continue;
    const everything = strings(s[keys.resources]).includes('*');
    const resourceUnknown = everything ? undefined : unknownIn(s[keys.resources]);
    if (!everything && !resourceUnknown) continue;
    const actions = strings(s[keys.actions]).map((a) => a.toLowerCase());
    let why: AdminWhy | undefined;
    let actionUnknown: Unknown | undefined;
    if (actions.includes('*') || actions.includes('*:*')) why = 'wildcard';
    else if (s[keys.notActions] !== undefined && s[keys.notActions] !== null) why = 'notAction';
    else if (actions.some((a) => a === 'iam:passrole' || a === 'iam:*' || a === 'iam:pass*')) why = 'passRole';
    else if ((actionUnknown = unknownIn(s[keys.actions]))) why = 'wildcard';
    if (!why) continue;
    const unknown = effectUnknown ?? resourceUnknown ?? actionUnknown;
    if (!unknown) return { why };
    possible ??= { why, unknown };
  }
  return possible;
}

function dedupe(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const k = `${g.resource.address} ${g.at.file.path}:${g.at.start} ${g.why}`;
    return !seen.has(k) && (seen.add(k), true);
  });
}
