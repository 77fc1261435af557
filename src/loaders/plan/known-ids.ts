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
  const byId = new Map<string, string | null>();
  for (const r of resources) {
    if (r.mode !== 'managed') continue;
    for (const key of ['id', 'arn']) {
      const v = r.attributes[key];
      if (typeof v !== 'string' || !ID_FORM.test(v)) continue;
      // Two resources with one id (a sub-resource named by its parent's id): neither is joined.
      byId.set(v, byId.has(v) && byId.get(v) !== r.address ? null : r.address);
    }
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
