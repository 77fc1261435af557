/** VPCs that hold a zone: a protected resource refers to them by vpc_id (or they are zoned themselves). */
import type { ModelResource } from '../../model/resource.js';
import type { RuleContext } from '../rule.js';
import { refsOf } from '../../model/read.js';

/** Several rules ask for the same VPCs: computed once per model and zone view. */
const memo = new WeakMap<object, WeakMap<object, ModelResource[]>>();

export function zonedVpcs(ctx: RuleContext<unknown>): ModelResource[] {
  let byZones = memo.get(ctx.model);
  if (!byZones) memo.set(ctx.model, (byZones = new WeakMap()));
  let hit = byZones.get(ctx.zones);
  if (!hit) byZones.set(ctx.zones, (hit = findZonedVpcs(ctx)));
  return hit;
}

function findZonedVpcs(ctx: RuleContext<unknown>): ModelResource[] {
  const vpcs = ctx.model.resources.filter((r) => (r.type === 'aws_vpc' || r.type === 'aws_default_vpc') && r.mode === 'managed');
  if (ctx.zones.implicit) return vpcs;
  const held = new Set<string>();
  for (const r of ctx.model.resources) {
    if (!ctx.zones.zoneOf(r.address)) continue;
    for (const ref of refsOf(r.attributes['vpc_id'])) held.add(ref);
  }
  return vpcs.filter((v) => held.has(v.address) || ctx.zones.zoneOf(v.address) !== undefined);
}
