/** Reading evaluated resources for guesses: known strings, references, instance keys, prefixes. */
import { type Prefix, formatPrefix, parsePrefixOrAddress } from '../model/net/cidr.js';
import type { ModelResource } from '../model/resource.js';
import { TfSet, Unknown, isObject, type ObjectValue, type Value } from '../model/value.js';

export function str(v: Value | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Known strings of a string, list or set value. */
export function strings(v: Value | undefined): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (v instanceof TfSet) return v.items.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Addresses a value refers to (an Unknown that names the resource it comes from). */
export function refs(v: Value | undefined): string[] {
  if (v instanceof Unknown) return v.ref ? [v.ref] : [];
  if (Array.isArray(v)) return v.flatMap(refs);
  if (v instanceof TfSet) return v.items.flatMap(refs);
  return [];
}

/** Nested blocks of a type, as objects (an unknown block list gives none). */
export function blocks(attrs: ObjectValue, type: string): ObjectValue[] {
  const v = attrs[type];
  if (Array.isArray(v)) return v.filter(isObject);
  if (v instanceof TfSet) return v.items.filter(isObject);
  if (isObject(v)) return [v];
  return [];
}

/** The instance key of a resource address: `"dmz"` of `aws_subnet.this["dmz"]`, 0 of `aws_subnet.a[0]`. */
export function instanceKey(r: Pick<ModelResource, 'address' | 'module' | 'type' | 'name'>): string | number | undefined {
  const base = `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`;
  const rest = r.address.startsWith(base) ? r.address.slice(base.length) : '';
  return parseKey(rest);
}

function parseKey(text: string): string | number | undefined {
  const m = /^\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\]$/.exec(text);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1].replace(/\\(.)/g, '$1');
  return Number(m[2]);
}

/** Module calls of a module instance address, innermost first: `module.zone["dmz"]` → [{ name: zone, key: dmz }]. */
export function moduleCalls(moduleAddress: string): Array<{ name: string; key?: string | number }> {
  const out: Array<{ name: string; key?: string | number }> = [];
  const re = /module\.([A-Za-z_][A-Za-z0-9_-]*)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/g;
  for (let m = re.exec(moduleAddress); m; m = re.exec(moduleAddress)) {
    const key = m[2] ? parseKey(m[2]) : undefined;
    out.push(key === undefined ? { name: m[1]! } : { name: m[1]!, key });
  }
  return out.reverse();
}

/** A prefix from CIDR text, or a bare address as its host prefix. */
export const toPrefix = parsePrefixOrAddress;

/** The canonical text of a prefix: host bits cleared (`10.0.1.5/24` → `10.0.1.0/24`). */
export function prefixText(p: Prefix): string {
  return formatPrefix(p.version, p.network, p.bits);
}

/** One line of text for a comment: no line breaks, bounded length. */
export function oneLine(text: string, max = 80): string {
  const t = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
