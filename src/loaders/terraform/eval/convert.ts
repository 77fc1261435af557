/**
 * Terraform's automatic conversions between primitive types (cty's convert package): numbers and
 * bools become strings where a string is needed, and strings that spell a number or a bool become
 * those where one is needed. Anything else is a type error.
 */
import { TfSet, Unknown, compareUtf8, isObject, typeName, type Value } from '../../../model/value.js';
import type { Span } from '../../../model/source.js';
import { ConversionError, toBool, toNumber, toStr } from '../functions/coerce.js';
import { DynamicError } from './dynamic-error.js';

/** Applies one of Terraform's conversions; a value that cannot convert is a DynamicError naming `what`. */
function convert<T>(v: Value, what: string, kind: string, fn: (v: Value) => T): T {
  if (v === null) throw new DynamicError(`${what}: a null value cannot be used as a ${kind}`);
  try {
    return fn(v);
  } catch (e) {
    if (e instanceof ConversionError) throw new DynamicError(`${what}: ${e.message}${typeof v === 'string' ? ` ("${v}")` : ''}`);
    throw e;
  }
}

export const asString = (v: Value, what: string): string => convert(v, what, 'string', toStr);
export const asNumber = (v: Value, what: string): number => convert(v, what, 'number', toNumber);
export const asBool = (v: Value, what: string): boolean => convert(v, what, 'bool', toBool);

/**
 * Elements of a collection with Terraform's iteration keys: list index, set value, sorted map key.
 * `at`: where a value that is no collection is reported (an expression's evaluation locates it otherwise).
 */
export function iterate(v: Value, what: string, at?: Span): Array<[Value, Value]> {
  if (Array.isArray(v)) return v.map((x, i) => [i, x]);
  if (v instanceof TfSet) return v.items.map((x) => [x, x]);
  if (isObject(v)) {
    return Object.keys(v)
      .sort(compareKeys)
      .map((k) => [k, v[k]!]);
  }
  if (v === null) throw new DynamicError(`${what}: a null value cannot be iterated`, at);
  if (v instanceof Unknown) throw new Error('iterate() called on an unknown value');
  throw new DynamicError(`${what}: a collection is required, but the value is of type ${typeName(v)}`, at);
}

/** Terraform orders map keys by byte-wise comparison of their UTF-8 text. */
export function compareKeys(a: string, b: string): number {
  return compareUtf8(a, b);
}
