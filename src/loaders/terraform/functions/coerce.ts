/**
 * Terraform's implicit conversions between values, as far as untyped JavaScript values reveal them:
 * numbers and bools become strings, decimal strings become numbers, "true"/"false" (and "1"/"0")
 * become bools, and a sequence of mixed primitives holding a string unifies to strings. Anything else is an error with
 * cty's wording. Unknown elements are left in place; callers decide what an Unknown means for them.
 */
import { isObject, newObject, TfSet, Unknown, withMarkers, type Value } from '../../../model/value.js';
import { formatNumber } from './decimal.js';
import { QuietError } from '../../../model/errors.js';

/** A value that cannot take the wanted type; the message is cty's. */
export class ConversionError extends QuietError {}

/** cty's friendly type name, as used in conversion messages. */
export function friendlyName(v: Value): string {
  if (v === null || v instanceof Unknown) return 'dynamic';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'tuple';
  if (v instanceof TfSet) {
    const kinds = new Set(v.items.filter((x) => x !== null && !(x instanceof Unknown)).map(friendlyName));
    return kinds.size === 1 ? `set of ${[...kinds][0]!}` : 'set of dynamic';
  }
  return 'object';
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** cty.ParseNumberVal: a decimal number, optionally signed, with optional fraction and exponent. */
export function parseDecimal(s: string): number | undefined {
  if (DECIMAL.test(s)) return Number(s);
  if (/^[+-]?[iI]nf$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  return undefined;
}

export function toStr(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw new ConversionError(`string required, but have ${friendlyName(v)}`);
}

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = parseDecimal(v);
    if (n === undefined) throw new ConversionError('a number is required');
    return n;
  }
  throw new ConversionError(`number required, but have ${friendlyName(v)}`);
}

export function toBool(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    const lower = v.toLowerCase();
    if (lower === 'true' || lower === 'false') {
      throw new ConversionError(`a bool is required; to convert from string, use lowercase "${lower}"`);
    }
    throw new ConversionError('a bool is required');
  }
  throw new ConversionError(`bool required, but have ${friendlyName(v)}`);
}

const INT64_MESSAGE = 'value must be a whole number, between -9223372036854775808 and 9223372036854775807';

/** gocty's conversion to a Go `int`. */
export function toInt(n: number): number {
  if (!Number.isInteger(n) || n < -9223372036854775808 || n >= 9223372036854775808) throw new ConversionError(INT64_MESSAGE);
  return n;
}

/**
 * gocty's conversion to a `*big.Int`. A string argument is read exactly, so IPv6-sized numbers
 * written as decimal strings keep every digit.
 */
export function toBigInteger(v: Value): bigint {
  if (typeof v === 'string') {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(v);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
      if (parseDecimal(v) === undefined) throw new ConversionError('a number is required');
      throw new ConversionError('value must be a whole number');
    }
    const frac = m[3] ?? '';
    const exp = Number(m[4] ?? '0') - frac.length;
    let digits = BigInt((m[2] || '0') + frac);
    if (exp >= 0) digits *= 10n ** BigInt(exp);
    else {
      const div = 10n ** BigInt(-exp);
      if (digits % div !== 0n) throw new ConversionError('value must be a whole number');
      digits /= div;
    }
    return m[1] === '-' ? -digits : digits;
  }
  const n = toNumber(v);
  if (!Number.isInteger(n)) throw new ConversionError('value must be a whole number');
  return BigInt(n);
}

/** The elements of a list, tuple or set; undefined for anything else. */
export function sequenceItems(v: Value): Value[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof TfSet) return v.items;
  return undefined;
}

// ---- unification -----------------------------------------------------------------------------

type Shape =
  | { kind: 'dynamic' }
  | { kind: 'string' | 'number' | 'bool' }
  | { kind: 'tuple'; elems: Shape[] }
  | { kind: 'list' | 'set' | 'map'; elem: Shape }
  | { kind: 'object'; attrs: Map<string, Shape> };

const DYNAMIC: Shape = { kind: 'dynamic' };

function shapeOf(v: Value): Shape {
  if (v === null || v instanceof Unknown) return DYNAMIC;
  if (typeof v === 'string') return { kind: 'string' };
  if (typeof v === 'number') return { kind: 'number' };
  if (typeof v === 'boolean') return { kind: 'bool' };
  if (Array.isArray(v)) return { kind: 'tuple', elems: v.map(shapeOf) };
  if (v instanceof TfSet) return { kind: 'set', elem: unifyShapes(v.items.map(shapeOf)) ?? DYNAMIC };
  return { kind: 'object', attrs: new Map(Object.keys(v).map((k) => [k, shapeOf(v[k]!)])) };
}

const PRIMITIVE = new Set(['string', 'number', 'bool']);

/** cty's UnifyUnsafe over the shapes of untyped values; undefined when there is no common type. */
function unifyShapes(shapes: Shape[]): Shape | undefined {
  const known = shapes.filter((s) => s.kind !== 'dynamic');
  if (known.length === 0) return DYNAMIC;
  const kinds = new Set(known.map((s) => s.kind));
  // Mixed primitives meet only in string, and only when a string is among them: number and bool
  // convert to string but not to each other, so [1, true] has no common type (Terraform refuses it).
  if ([...kinds].every((k) => PRIMITIVE.has(k))) {
    if (kinds.size === 1) return known[0];
    return kinds.has('string') ? { kind: 'string' } : undefined;
  }
  if (kinds.size !== 1) {
    // Sequences of different kinds unify through list; mappings through map.
    if ([...kinds].every((k) => k === 'tuple' || k === 'list')) {
      const elem = unifyShapes(known.flatMap(seqElemShapes));
      return elem && { kind: 'list', elem };
    }
    if ([...kinds].every((k) => k === 'object' || k === 'map')) {
      const elem = unifyShapes(known.flatMap(mapElemShapes));
      return elem && { kind: 'map', elem };
    }
    return undefined;
  }
  const first = known[0]!;
  switch (first.kind) {
    case 'tuple': {
      const tuples = known as { kind: 'tuple'; elems: Shape[] }[];
      if (tuples.every((t) => t.elems.length === first.elems.length)) {
        const elems: Shape[] = [];
        for (let i = 0; i < first.elems.length; i++) {
          const e = unifyShapes(tuples.map((t) => t.elems[i]!));
          if (!e) return undefined;
          elems.push(e);
        }
        return { kind: 'tuple', elems };
      }
      const elem = unifyShapes(tuples.flatMap((t) => t.elems));
      return elem && { kind: 'list', elem };
    }
    case 'object': {
      const objects = known as { kind: 'object'; attrs: Map<string, Shape> }[];
      const names = [...first.attrs.keys()].sort().join('\0');
      if (objects.every((o) => [...o.attrs.keys()].sort().join('\0') === names)) {
        const attrs = new Map<string, Shape>();
        for (const k of first.attrs.keys()) {
          const a = unifyShapes(objects.map((o) => o.attrs.get(k)!));
          if (!a) return undefined;
          attrs.set(k, a);
        }
        return { kind: 'object', attrs };
      }
      const elem = unifyShapes(objects.flatMap((o) => [...o.attrs.values()]));
      return elem && { kind: 'map', elem };
    }
    case 'list':
    case 'set':
    case 'map': {
      const elem = unifyShapes(known.map((s) => (s as { elem: Shape }).elem));
      return elem && { kind: first.kind, elem };
    }
    default:
      return first;
  }
}

function seqElemShapes(s: Shape): Shape[] {
  return s.kind === 'tuple' ? s.elems : s.kind === 'list' ? [s.elem] : [];
}

function mapElemShapes(s: Shape): Shape[] {
  return s.kind === 'object' ? [...s.attrs.values()] : s.kind === 'map' ? [s.elem] : [];
}

function conform(v: Value, shape: Shape): Value {
  if (v === null || v instanceof Unknown) return v;
  switch (shape.kind) {
    case 'dynamic':
      return v;
    case 'string':
      return toStr(v);
    case 'number':
      return toNumber(v);
    case 'bool':
      return toBool(v);
    case 'tuple':
      return (v as Value[]).map((x, i) => conform(x, shape.elems[i]!));
    case 'list':
      return (sequenceItems(v) ?? []).map((x) => conform(x, shape.elem));
    case 'set':
      return new TfSet((sequenceItems(v) ?? []).map((x) => conform(x, shape.elem)));
    case 'map': {
      const o = v as Record<string, Value>;
      return withMarkers(o, newObject(Object.keys(o).map((k) => [k, conform(o[k]!, shape.elem)])));
    }
    case 'object': {
      const o = v as Record<string, Value>;
      return withMarkers(o, newObject(Object.keys(o).map((k) => [k, conform(o[k]!, shape.attrs.get(k)!)])));
    }
  }
}

/**
 * Converts values to one common type, as Terraform does when a tuple becomes a list or set, or an
 * object becomes a map. Returns undefined when the values have no common type. A conversion that
 * fails on a value (e.g. a non-numeric string to number) throws ConversionError.
 */
export function unifyValues(values: Value[]): Value[] | undefined {
  const shape = unifyShapes(values.map(shapeOf));
  if (!shape) return undefined;
  return values.map((v) => conform(v, shape));
}

/**
 * The value `v` of a conditional's chosen branch converted to the unification of its type with the
 * other branch's value `other`: `v` itself when its type is already the unified one, undefined when
 * the two have no common type. A failing conversion throws ConversionError.
 */
export function unifyBranch(v: Value, other: Value): Value | undefined {
  const own = shapeOf(v);
  const shape = unifyShapes([own, shapeOf(other)]);
  if (!shape) return undefined;
  return sameShape(own, shape) ? v : conform(v, shape);
}

function sameShape(a: Shape, b: Shape): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'tuple': {
      const be = (b as { elems: Shape[] }).elems;
      return a.elems.length === be.length && a.elems.every((x, i) => sameShape(x, be[i]!));
    }
    case 'list':
    case 'set':
    case 'map':
      return sameShape(a.elem, (b as { elem: Shape }).elem);
    case 'object': {
      const ba = (b as { attrs: Map<string, Shape> }).attrs;
      return a.attrs.size === ba.size && [...a.attrs].every(([k, x]) => ba.has(k) && sameShape(x, ba.get(k)!));
    }
    default:
      return true;
  }
}

/** True when a value's type is structural or a collection (so it cannot become a primitive). */
export function isComplex(v: Value): boolean {
  return Array.isArray(v) || v instanceof TfSet || isObject(v);
}
