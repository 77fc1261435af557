/**
 * A resource's tags as the AWS provider gives them: its own `tags` entry wins over a default one
 * whatever the defaults are, else its `tags_all` entry counts (`tags` merged with the provider's
 * `default_tags`, as a plan writes it too). A map not known before apply may hold any tag: its
 * Unknown is the answer then.
 */
import type { ModelResource } from '../../model/resource.js';
import { Unknown, UnknownEncoding, isObject, type Value } from '../../model/value.js';

/** The value of tag `key` (an Unknown when it, or the map that may hold it, is not known); undefined when there is no such tag. */
export function tagValue(r: ModelResource, key: string): Value | undefined {
  const e = tagEntry(r, key);
  return e.unknownMap ?? e.value;
}

/** Whether the resource has tag `key`, whatever its value. */
export function hasTag(r: ModelResource, key: string): boolean | Unknown {
  const e = tagEntry(r, key);
  return e.unknownMap ?? e.value !== undefined;
}

/** Tag `key`: its value when the resource has it, the Unknown of the map not known before apply that may hold it, else neither. */
export function tagEntry(r: ModelResource, key: string): { value?: Value; unknownMap?: Unknown } {
  const own = unwrap(r.attributes['tags']);
  const mine = own !== undefined && isObject(own) ? own[key] : undefined;
  if (mine !== undefined && mine !== null) return { value: mine };
  const all = unwrap(r.attributes['tags_all']) ?? own;
  if (all instanceof Unknown) return { unknownMap: all };
  const v = all !== undefined && isObject(all) ? all[key] : undefined;
  return v !== undefined && v !== null ? { value: v } : {};
}

function unwrap(raw: Value | undefined): Value | undefined {
  return raw instanceof UnknownEncoding ? raw.value : raw;
}
