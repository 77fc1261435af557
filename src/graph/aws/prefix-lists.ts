/** Managed prefix lists: the entries the configuration gives a list, shared by the graph and the rules. */
import { refsOf } from '../../model/read.js';
import type { ModelResource } from '../../model/resource.js';
import { Unknown, type Value } from '../../model/value.js';
import { blockList } from './common.js';

/**
 * The `cidr` values of a managed prefix list's entries: its inline `entry` blocks and the
 * `aws_ec2_managed_prefix_list_entry` resources among `resources` that name it. Undefined when the
 * entries are not known: the entry blocks are unknown, or the configuration gives the list no entry
 * at all (entries may be added outside it), so that a rule naming the list is never read as matching
 * fewer addresses than it will. The values themselves may still be unknown or unreadable.
 */
export function prefixListEntries(list: ModelResource, resources: Iterable<ModelResource>): Value[] | undefined {
  const inline = blockList(list, 'entry');
  if (inline instanceof Unknown) return undefined;
  const cidrs: Value[] = inline.map((e) => e['cidr'] ?? null);
  for (const r of resources) {
    if (r.type === 'aws_ec2_managed_prefix_list_entry' && refsOf(r.attributes['prefix_list_id']).includes(list.address)) cidrs.push(r.attributes['cidr'] ?? null);
  }
  return cidrs.length ? cidrs : undefined;
}
