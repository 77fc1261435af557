/**
 * A plan of a system that exists already knows the ids of its resources: `subnet_id =
 * "subnet-0a1b2c3d"` where a new resource has an Unknown naming `aws_subnet.pub`. Left as text,
 * such a value names nothing the graph or the zones can follow — an instance in no subnet is in no
 * path, and a gate would pass it. Here, text equal to the id or ARN of exactly one managed resource
 * of the plans analysed together becomes a `KnownId`: the same reference, with the text kept for
 * reports. Across plans, a stack's plan joins the network that another stack's plan holds.
 */
import type { ModelResource } from '../../model/resource.js';
import { KnownId, TfSet, Unknown, isObject, type Value } from '../../model/value.js';

/** The forms of AWS resource ids (`subnet-0a1b2c3d`, `tgw-attach-…`) and of ARNs. */
const ID_FORM = /^(?:[a-z]+(?:-[a-z]+)*-[0-9a-f]{8,17}|arn:aws[a-z-]*:.+)$/;

/** Attributes that hold a resource's own identity, or words rather than references. */
const NOT_REFERENCES = new Set(['id', 'arn', 'tags', 'tags_all', 'owner_id']);

export function joinKnownIds(resources: readonly ModelResource[]): void {
  const holders = new Map<string, ModelResource[]>();
  for (const r of resources) {
    if (r.mode !== 'managed') continue;
    for (const key of ['id', 'arn']) {
      const v = r.attributes[key];
      if (typeof v !== 'string' || !ID_FORM.test(v)) continue;
      // By address: the same plan given twice holds each resource twice, and is still one owner.
      const list = holders.get(v);
      if (!list) holders.set(v, [r]);
      else if (!list.some((x) => x.address === r.address)) list.push(r);
    }
  }
  const byId = new Map<string, string>();
  for (const [id, list] of holders) {
    // A sub-resource takes its parent's id and names it (aws_ec2_instance_state: instance_id): the
    // holder that does not name the id elsewhere is the one meant; with two or none, neither is.
    const owners = list.length === 1 ? list : list.filter((r) => !namesElsewhere(r, id));
    if (owners.length === 1) byId.set(id, owners[0]!.address);
  }
  if (byId.size === 0) return;
  const join = (v: Value, self: string): Value => {
    if (typeof v === 'string') {
      const to = ID_FORM.test(v) ? byId.get(v) : undefined;
      return to && to !== self ? new KnownId(v, to) : v;
    }
    if (v instanceof Unknown || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = join(v[i]!, self);
      return v;
    }
    if (v instanceof TfSet) return new TfSet(v.items.map((x) => join(x, self)));
    if (isObject(v)) for (const k in v) v[k] = join(v[k]!, self);
    return v;
  };
  for (const r of resources) {
    for (const k in r.attributes) if (!NOT_REFERENCES.has(k)) r.attributes[k] = join(r.attributes[k]!, r.address);
  }
}

/** Whether an attribute of `r` other than its own id and ARN holds `id` as text, or in a list. */
function namesElsewhere(r: ModelResource, id: string): boolean {
  for (const k in r.attributes) {
    if (k === 'id' || k === 'arn') continue;
    const v = r.attributes[k];
    if (v === id || (Array.isArray(v) && v.includes(id))) return true;
  }
  return false;
}
