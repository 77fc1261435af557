/**
 * Terraform's automatic conversions between primitive types (cty's convert package): numbers and
 * bools become strings where a string is needed, and strings that spell a number or a bool become
 * those where one is needed. Anything else is a type error.
 */
import { TfSet, Unknown, isObject, typeName, type Value } from '../../../model/value.js';
import { DynamicError } from './dynamic-error.js';

/** Terraform's text for a number: integers in full (no exponent), others shortest round-trip. */
export function numberToString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  const s = String(n);
  if (!s.includes('e')) return s;
  // Small magnitudes: expand the exponent as Go's big.Float 'f' format does.
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

export function asString(v: Value, what: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberToString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) throw new DynamicError(`${what}: a null value cannot be used as a string`);
  throw new DynamicError(`${what}: a string is required, but the value is of type ${typeName(v)}`);
}

export function asNumber(v: Value, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t !== '' && /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
    throw new DynamicError(`${what}: a number is required, but "${v}" is not a number`);
  }
  if (v === null) throw new DynamicError(`${what}: a null value cannot be used as a number`);
  throw new DynamicError(`${what}: a number is required, but the value is of type ${typeName(v)}`);
}

export function asBool(v: Value, what: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === null) throw new DynamicError(`${what}: a null value cannot be used as a bool`);
  throw new DynamicError(`${what}: a bool is required, but the value is of type ${typeName(v)}`);
}

/** Elements of a collection with Terraform's iteration keys: list index, set value, sorted map key. */
export function iterate(v: Value, what: string): Array<[Value, Value]> {
  if (Array.isArray(v)) return v.map((x, i) => [i, x]);
  if (v instanceof TfSet) return v.items.map((x) => [x, x]);
  if (isObject(v)) {
    return Object.keys(v)
      .sort(compareKeys)
      .map((k) => [k, v[k]!]);
  }
  if (v === null) throw new DynamicError(`${what}: a null value cannot be iterated`);
  if (v instanceof Unknown) throw new Error('iterate() called on an unknown value');
  throw new DynamicError(`${what}: a collection is required, but the value is of type ${typeName(v)}`);
}

/** Terraform orders map keys by byte-wise comparison of their UTF-8 text; code-unit order agrees for BMP text. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
