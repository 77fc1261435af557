/** Reading evaluated resources: spans by attribute path, references, known strings. */
import type { ModelResource } from './resource.js';
import type { Span } from './source.js';
import { TfSet, Unknown, isObject, toJSON, type ObjectValue, type Value } from './value.js';

/** The span of an attribute or block path ("ingress[0].cidr_blocks"), else of the nearest parent, else the resource. */
export function spanOf(r: ModelResource, path: string): Span {
  for (let p = path; p; p = parentPath(p)) {
    const s = r.sources.get(p);
    if (s) return s;
  }
  return r.span;
}

function parentPath(p: string): string {
  const dot = p.lastIndexOf('.');
  const br = p.lastIndexOf('[');
  const cut = Math.max(dot, br);
  return cut <= 0 ? '' : p.slice(0, cut);
}

/** Addresses of the resources a value refers to (through Unknown.ref), in order, without repeats. */
export function refsOf(v: Value | undefined): string[] {
  const out: string[] = [];
  const walk = (x: Value | undefined): void => {
    if (x instanceof Unknown) {
      if (x.ref && !out.includes(x.ref)) out.push(x.ref);
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (x instanceof TfSet) x.items.forEach(walk);
  };
  walk(v);
  return out;
}

/** Elements of a list or set value; a single value as one element; nothing for null. */
export function elements(v: Value | undefined): Value[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (v instanceof TfSet) return v.items;
  return [v];
}

/** Nested blocks of a type as objects; Unknown when the whole block list is unknown. */
export function blocks(r: ModelResource | ObjectValue, type: string): ObjectValue[] | Unknown {
  const attrs = 'attributes' in r && isObject((r as ModelResource).attributes) && 'address' in r ? (r as ModelResource).attributes : (r as ObjectValue);
  const v = attrs[type];
  if (v instanceof Unknown) return v;
  return elements(v).filter(isObject);
}

/**
 * A value as text, for messages and for comparing settings: scalars as written, anything else (a
 * mapping or list written where a scalar belongs) as JSON. Unlike String(), never throws: evaluated
 * mappings have no prototype to convert them with.
 */
export function textOf(v: Value | undefined): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return String(v);
  if (v instanceof Unknown) return '(unknown)';
  return JSON.stringify(toJSON(v));
}

export function str(v: Value | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
