/**
 * admin-privileges-scoped — (4)エ 管理者権限の割当: no workload in a zone runs with administrator rights.
 * A workload is an instance (through its instance profile), a launch template or configuration (in a
 * zone, or launched from by an Auto Scaling group in one, or by an instance in one without a profile of its own), an EKS node group (its node role), a Lambda function or an ECS task
 * definition's task role (in a zone, or run by an ECS service in one); administrator rights are the
 * AdministratorAccess managed policy, an Allow of `*` (or `*:*`) on Resource `*`, an Allow with NotAction on `*` (everything but a list), or iam:PassRole
 * on `*` (which lets the workload hand itself any role). One finding per grant, at the policy
 * statement or attachment that gives it — where the fix goes —, naming the workloads it reaches.
 */
import { refsOf } from '../model/read.js';
import type { ModelResource } from '../model/resource.js';
import { Unknown } from '../model/value.js';
import { defineRule } from './rule.js';
import { Iam, type AdminWhy } from './utils/iam.js';
import { groupPlaces, launchedFrom } from './utils/launch.js';
import { INSTANCE_TYPES, isInstance } from '../model/instances.js';

const WORKLOADS = new Set([...INSTANCE_TYPES, 'aws_launch_template', 'aws_launch_configuration', 'aws_lambda_function', 'aws_ecs_task_definition', 'aws_eks_node_group']);

const WHY: Record<AdminWhy, { en: string; ja: string }> = {
  managed: { en: 'the AdministratorAccess managed policy', ja: 'AWS 管理ポリシー AdministratorAccess' },
  wildcard: { en: 'Allow of Action "*" on Resource "*"', ja: 'Resource "*" に対する Action "*" の Allow' },
  notAction: { en: 'Allow with NotAction on Resource "*" (everything but the listed actions)', ja: 'Resource "*" に対する NotAction 付きの Allow（列挙した操作以外すべて）' },
  passRole: { en: 'iam:PassRole on Resource "*" (the workload can hand any role to an AWS service)', ja: 'Resource "*" に対する iam:PassRole（任意のロールを AWS サービスに渡せる）' },
};

export default defineRule({
  id: 'admin-privileges-scoped',
  scope: (s) => s.has(...WORKLOADS),
  messages: {
    admin: {
      en: '{{grant}} gives {{role}} administrator rights ({{why}}); workloads in zone {{zones}} run as it: {{workloads}}',
      ja: '{{grant}} により {{role}} に管理者権限（{{why}}）が割り当てられており、ゾーン {{zones}} のワークロード {{workloads}} がこのロールで動作します',
    },
    unknownPolicy: {
      en: 'the policy of {{grant}} is known only after apply and may give {{role}} administrator rights; workloads in zone {{zones}} run as it: {{workloads}}',
      ja: '{{grant}} のポリシーは apply 後まで確定せず、{{role}} に管理者権限が割り当てられる可能性があります。ゾーン {{zones}} のワークロード {{workloads}} がこのロールで動作します',
    },
  },
  defaultOptions: {},
  check(ctx) {
    const iam = new Iam(ctx.model.resources);
    // grant site → the grant, the role, and the workloads it reaches
    const found = new Map<string, { grant: ReturnType<Iam['grantsTo']>[number]; role: string; workloads: Array<{ address: string; at: ReturnType<Iam['rolesOf']>[number]['at']; zone: string }> }>();
    for (const { w, zone } of workloads()) {
      for (const { role, at } of iam.rolesOf(w)) {
        for (const g of iam.grantsTo(role)) {
          const key = `${g.resource.address} ${g.at.file.path}:${g.at.start} ${role.address}`;
          const f = found.get(key) ?? { grant: g, role: role.address, workloads: [] };
          if (!f.workloads.some((x) => x.address === w.address)) f.workloads.push({ address: w.address, at, zone });
          found.set(key, f);
        }
      }
    }
    /**
     * The workloads in zones, each with its zone: those in a zone of their own, then the task
     * definitions of ECS services in a zone and the launch templates and configurations of Auto
     * Scaling groups in a zone, or launching into a subnet of one: their tasks and instances run
     * there though the definition or template sits in no zone of its own.
     */
    function* workloads(): Generator<{ w: ModelResource; zone: string }> {
      const seen = new Set<string>();
      for (const w of ctx.model.resources) {
        if (w.mode !== 'managed' || !WORKLOADS.has(w.type) || !ctx.zones.isProtected(w.address)) continue;
        seen.add(w.address);
        yield { w, zone: ctx.zones.zoneOf(w.address) ?? '(none declared)' };
      }
      // An ECS service runs its tasks where it is (its network_configuration's subnets).
      for (const svc of ctx.model.resources) {
        if (svc.type !== 'aws_ecs_service' || svc.mode !== 'managed' || !ctx.zones.isProtected(svc.address)) continue;
        for (const ref of refsOf(svc.attributes['task_definition'])) {
          const t = ctx.resource(ref);
          if (!t || t.mode !== 'managed' || t.type !== 'aws_ecs_task_definition' || seen.has(t.address)) continue;
          seen.add(t.address);
          yield { w: t, zone: ctx.zones.zoneOf(svc.address) ?? '(none declared)' };
        }
      }
      // An instance without an instance profile of its own runs as its launch template's.
      for (const i of ctx.model.resources) {
        if (!isInstance(i.type) || i.mode !== 'managed' || !ctx.zones.isProtected(i.address)) continue;
        const own = i.attributes['iam_instance_profile'];
        if (own !== undefined && own !== null && !(own instanceof Unknown && i.computed?.has('iam_instance_profile'))) continue;
        for (const ref of launchedFrom(i, ctx.model.resources, (a) => ctx.resource(a))) {
          const t = ctx.resource(ref);
          if (!t || seen.has(t.address)) continue;
          seen.add(t.address);
          yield { w: t, zone: ctx.zones.zoneOf(i.address) ?? '(none declared)' };
        }
      }
      for (const g of ctx.model.resources) {
        if (g.type !== 'aws_autoscaling_group' || g.mode !== 'managed') continue;
        const where = groupPlaces(g).find((p) => ctx.zones.isProtected(p));
        if (where === undefined) continue;
        for (const ref of launchedFrom(g, ctx.model.resources)) {
          const t = ctx.resource(ref);
          if (!t || t.mode !== 'managed' || !WORKLOADS.has(t.type) || seen.has(t.address)) continue;
          seen.add(t.address);
          yield { w: t, zone: ctx.zones.zoneOf(where) ?? '(none declared)' };
        }
      }
    }
    for (const f of found.values()) {
      // The workloads and their zones fill the message only: a workload added to the role leaves the
      // finding (and a waiver of it) as it was.
      const zones = [...new Set(f.workloads.map((w) => w.zone))];
      const names = f.workloads.map((w) => w.address);
      const data = { grant: f.grant.resource.address, role: f.role, why: f.grant.why };
      const related = f.workloads.map((w) => ({ at: w.at, message: ctx.lang === 'ja' ? `${w.address} はここで ${f.role} を使います` : `${w.address} runs as ${f.role} here` }));
      ctx.report({
        messageId: f.grant.unknown ? 'unknownPolicy' : 'admin',
        data,
        words: { why: WHY[f.grant.why], workloads: { en: names.join(', '), ja: names.join('、') }, zones: { en: zones.join(', '), ja: zones.map((z) => (z === '(none declared)' ? '（未宣言）' : z)).join('、') } },
        resource: f.grant.resource,
        at: f.grant.at,
        related,
        ...(f.grant.unknown ? { unknowns: [f.grant.unknown] } : {}),
      });
    }
  },
});
