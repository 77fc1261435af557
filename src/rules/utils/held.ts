/** Whether a value names a managed resource of the configuration of one of some types. */
import { refsOf } from '../../model/read.js';
import type { Value } from '../../model/value.js';
import type { RuleContext } from '../rule.js';

/**
 * True when `v` refers to a resource the configuration manages whose type is one of `types`: the
 * parent a setting names is then known. A data source, a variable without value or another kind of
 * resource's output (a stack's outputs, a custom resource's attribute) is not.
 */
export function heldOf(ctx: RuleContext<unknown>, v: Value | undefined, types: ReadonlySet<string>): boolean {
  const r = ctx.resource(refsOf(v)[0] ?? '');
  return r !== undefined && r.mode === 'managed' && types.has(r.type);
}
