/**
 * Functions over lists, tuples, maps and objects. Where Terraform can know a result although some
 * elements are unknown (length, concat, element, lookup, coalesce, …) so can we; where the result
 * depends on an unknown element, the result is that element's Unknown.
 */
import { compareUtf8, findUnknown, isObject, kindOf, mapElementKind, newObject, TfSet, Unknown, type ObjectValue, type Value } from '../../../model/value.js';
import { ConversionError, friendlyName, isComplex, sequenceItems, toBool, toInt, toNumber, toStr, unifyValues } from './coerce.js';
import { ArgError, CallError, define } from './signature.js';
import type { TfFunction } from './types.js';
import { graphemeCount } from './unicode.js';

/**
 * cty's Equals: false as soon as a known difference shows, otherwise the Unknown that keeps the
 * answer open, otherwise true. Values of different types are never equal.
 */
export function equalsKnown(a: Value, b: Value): boolean | Unknown {
  if (a instanceof Unknown) return a;
  if (b instanceof Unknown) return b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof TfSet || b instanceof TfSet) {
    if (!(a instanceof TfSet && b instanceof TfSet)) return false;
    const u = findUnknown(a) ?? findUnknown(b);
    if (u) return u;
    return a.items.length === b.items.length && a.items.every((x) => b.items.some((y) => equalsKnown(x, y) === true));
  }
  let pending: Unknown | undefined;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!(Array.isArray(a) && Array.isArray(b)) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const r = equalsKnown(a[i]!, b[i]!);
      if (r === false) return false;
      if (r instanceof Unknown) pending ??= r;
    }
    return pending ?? true;
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  for (const k of ka) {
    const r = equalsKnown(a[k]!, b[k]!);
    if (r === false) return false;
    if (r instanceof Unknown) pending ??= r;
  }
  return pending ?? true;
}

/** A list-of-string parameter (join, compact, sort, …): elements converted, Unknowns and nulls kept. */
export function stringList(v: Value, index: number): Value[] {
  const items = sequenceItems(v);
  if (!items) throw new ArgError(index, 'list of string required');
  return items.map((x, i) => {
    if (x === null || x instanceof Unknown) return x;
    if (isComplex(x)) throw new ArgError(index, `element ${i}: string required, but have ${friendlyName(x)}`);
    return toStr(x);
  });
}

/** A list-of-any-single-type parameter: the elements unified to one type. */
export function unifiedList(v: Value, index: number): Value[] {
  const items = sequenceItems(v);
  if (!items) throw new ArgError(index, 'list of any single type required');
  let unified: Value[] | undefined;
  try {
    unified = unifyValues(items);
  } catch (e) {
    if (e instanceof ConversionError) throw new ArgError(index, e.message);
    throw e;
  }
  if (!unified) throw new ArgError(index, 'all list elements must have the same type');
  return unified;
}

/** A type check on the first argument, made only when that argument is known. */
const ifKnown =
  (f: (v: Value) => unknown) =>
  ([v]: Value[]): void => {
    if (!(v instanceof Unknown)) f(v!);
  };

function sortedKeys(o: ObjectValue): string[] {
  return Object.keys(o).sort(compareUtf8);
}

const has = (o: ObjectValue, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

const length = define('length', {
  params: [{ name: 'value', allowUnknown: true }],
  impl: ([v]) => {
    if (v instanceof Unknown) return v;
    if (typeof v === 'string') return graphemeCount(v);
    if (Array.isArray(v)) return v.length;
    // Elements not yet known may turn out equal, so a set's size is known only when its elements are.
    if (v instanceof TfSet) return findUnknown(v) ?? v.items.length;
    if (isObject(v)) return Object.keys(v).length;
    throw new CallError('argument must be a string, a collection type, or a structural type');
  },
});

const concat = define('concat', {
  params: [],
  variadic: { name: 'seqs' },
  check: (args) => {
    if (args.length === 0) throw new CallError('at least one argument is required');
    args.forEach((a, i) => {
      if (!(a instanceof Unknown) && !Array.isArray(a)) throw new ArgError(i, `all arguments must be lists or tuples; got ${friendlyName(a)}`);
    });
  },
  impl: (args) => {
    const all = (args as Value[][]).flat();
    // Lists only (each certainly a list, see markKind) concatenate into a list of their unified
    // element type, concat(tolist([1]), tolist(["a"])) being ["1", "a"]; when the element types
    // have no common type, or any argument may be a tuple, the result is a tuple of the elements.
    if (!(args as Value[][]).every((a) => kindOf(a) === 'list')) return all;
    try {
      return unifyValues(all) ?? all;
    } catch (e) {
      if (e instanceof ConversionError) return all;
      throw e;
    }
  },
});

const merge = define('merge', {
  params: [],
  variadic: { name: 'maps', allowNull: true },
  check: (args) => {
    for (const a of args) {
      if (a !== null && !(a instanceof Unknown) && !isObject(a)) throw new CallError(`arguments must be maps or objects, got "${friendlyName(a)}"`);
    }
  },
  impl: (args) => {
    const out = newObject();
    for (const a of args) if (a !== null) Object.assign(out, a);
    return out;
  },
});

const lookup = define('lookup', {
  params: [
    { name: 'inputMap', allowUnknown: true },
    { name: 'key', type: 'string', allowUnknown: true },
  ],
  variadic: { name: 'default', allowNull: true, allowUnknown: true },
  check: (args) => {
    if (args.length > 3) throw new CallError(`lookup() takes two or three arguments, got ${args.length}`);
    const [map, key] = args;
    if (map instanceof Unknown) return;
    if (!isObject(map!)) throw new ArgError(0, 'lookup() requires a map as the first argument');
    if (typeof key === 'string' && !has(map, key) && args.length < 3) throw new ArgError(0, `the given object has no attribute "${key}"`);
    if (args.length === 3) lookupDefault(map!, args[2]!);
  },
  impl: ([map, key, ...rest]) => {
    if (map instanceof Unknown) return map;
    if (key instanceof Unknown) return key;
    const m = map as ObjectValue;
    if (has(m, key as string)) return m[key as string]!;
    return lookupDefault(m, rest[0]!);
  },
});

/**
 * lookup()'s default as the function returns it. A map's lookup() returns its element type, so the
 * default converts to it, and one that cannot is refused whether or not the key is present (cty's
 * LookupFunc). The element type is known for a map marked with it (a variable's type) and for a
 * certain map (see markKind) whose known elements are primitives, all of one type after tomap().
 */
function lookupDefault(m: ObjectValue, d: Value): Value {
  const kind = mapElementKind(m) ?? (kindOf(m) === 'map' ? primitiveKind(Object.values(m)) : undefined);
  if (kind === undefined || d === null || d instanceof Unknown) return d;
  try {
    return kind === 'string' ? toStr(d) : kind === 'bool' ? toBool(d) : toNumber(d);
  } catch (e) {
    if (e instanceof ConversionError) throw new ArgError(2, 'the default value must have the same type as the map elements');
    throw e;
  }
}

function primitiveKind(values: Value[]): 'string' | 'number' | 'bool' | undefined {
  const v = values.find((x) => x !== null && !(x instanceof Unknown));
  return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'bool' : undefined;
}

const element = define('element', {
  params: [{ name: 'list' }, { name: 'index', type: 'number' }],
  check: ([list, index]) => {
    if (list instanceof Unknown) return;
    if (!Array.isArray(list)) throw new CallError(`cannot read elements from ${friendlyName(list!)}`);
    if (typeof index === 'number') {
      const i = toIndex(index);
      if (list.length === 0) throw new CallError('cannot use element function with an empty list');
      // Terraform wraps a negative index around a list, but a tuple's element type is read at Go's
      // index % length, which is negative (a panic inside Terraform) unless the index is a multiple
      // of the length: element(["a", "b"], -4) is "a". Only a certain tuple (see markKind) is refused.
      if (i < 0 && i % list.length !== 0 && kindOf(list) === 'tuple') {
        throw new CallError(`panic in function implementation: runtime error: index out of range [${i % list.length}]`);
      }
    }
  },
  impl: ([list, index]) => {
    const items = list as Value[];
    const i = toIndex(index as number) % items.length;
    return items[i < 0 ? i + items.length : i]!;
  },
});

function toIndex(n: number): number {
  try {
    return toInt(n);
  } catch (e) {
    if (e instanceof ConversionError) throw new CallError(`invalid index: ${e.message}`);
    throw e;
  }
}

const flatten = define('flatten', {
  params: [{ name: 'list' }],
  check: ([list]) => {
    if (!(list instanceof Unknown) && !sequenceItems(list!)) throw new CallError('can only flatten lists, sets and tuples');
  },
  impl: ([list]) => {
    const out: Value[] = [];
    // An Unknown element could be a list to flatten, so it leaves the whole result unknown.
    const walk = (items: Value[]): Unknown | undefined => {
      for (const x of items) {
        if (x instanceof Unknown) return x;
        const inner = x === null ? undefined : sequenceItems(x);
        if (inner) {
          const u = walk(inner);
          if (u) return u;
        } else out.push(x);
      }
      return undefined;
    };
    return walk(sequenceItems(list!)!) ?? out;
  },
});

const keys = define('keys', {
  params: [{ name: 'inputMap', allowUnknown: true }],
  check: ([m]) => {
    if (!(m instanceof Unknown) && !isObject(m!)) throw new ArgError(0, 'must have map or object type');
  },
  impl: ([m]) => (m instanceof Unknown ? m : sortedKeys(m as ObjectValue)),
});

const values = define('values', {
  params: [{ name: 'mapping' }],
  check: ([m]) => {
    if (!(m instanceof Unknown) && !isObject(m!)) throw new CallError('values() requires a map as the first argument');
  },
  impl: ([m]) => sortedKeys(m as ObjectValue).map((k) => (m as ObjectValue)[k]!),
});

const zipmap = define('zipmap', {
  params: [{ name: 'keys' }, { name: 'values' }],
  check: ([k, v]) => {
    if (!(k instanceof Unknown)) stringList(k!, 0);
    if (!(v instanceof Unknown) && !Array.isArray(v)) throw new CallError('values argument must be a list or tuple value');
  },
  impl: ([k, v]) => {
    const names = stringList(k!, 0);
    const u = findUnknown(names);
    if (u) return u;
    const vals = v as Value[];
    if (names.length !== vals.length) throw new CallError(`number of keys (${names.length}) does not match number of values (${vals.length})`);
    const out = newObject();
    names.forEach((name, i) => {
      if (name === null) throw new CallError(`keys list has null value at index ${i}`);
      out[name as string] = vals[i]!;
    });
    return out;
  },
});

/** Whether coalesce's arguments unify to string: they are primitives, not all of one kind, or strings. */
function coalesceKinds(args: Value[]): 'string' | 'other' {
  const kinds = new Set(args.filter((a) => a !== null && !(a instanceof Unknown)).map((a) => (isComplex(a) ? friendlyName(a) : typeof a)));
  if (kinds.size === 0) return 'other';
  const primitive = [...kinds].every((k) => k === 'string' || k === 'number' || k === 'boolean');
  if (!primitive && kinds.size > 1) {
    // Structures of one kind (all tuples, all objects) still unify; anything else does not.
    const all = [...kinds];
    const sameStructure = all.every((k) => k === 'tuple') || all.every((k) => k === 'object');
    if (!sameStructure) throw new CallError('all arguments must have the same type');
  }
  if (primitive && kinds.size > 1 && !kinds.has('string')) {
    // number and bool have no common type. An untyped null (or a value of unknown type) among the
    // arguments leaves the result type open instead, and the chosen value is returned unconverted.
    if (args.every((a) => a !== null && !(a instanceof Unknown))) throw new CallError('all arguments must have the same type');
    return 'other';
  }
  return primitive && kinds.has('string') ? 'string' : 'other';
}

const coalesce = define('coalesce', {
  params: [],
  variadic: { name: 'vals', allowNull: true, allowUnknown: true },
  check: (args) => void coalesceKinds(args),
  impl: (args) => {
    const asString = coalesceKinds(args) === 'string';
    // When every argument's type is known (no null, no unknown) the result has their unified type:
    // coalesce([1], ["a"]) is ["1"].
    const typed = !asString && args.every((a) => a !== null && !(a instanceof Unknown));
    const unified = typed ? unifyValues(args) : undefined;
    if (typed && !unified) throw new CallError('all arguments must have the same type');
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a instanceof Unknown) return a;
      if (a === null) continue;
      const v = asString ? toStr(a) : a;
      if (asString && v === '') continue;
      return unified ? unified[i]! : v;
    }
    throw new CallError('no non-null, non-empty-string arguments');
  },
});

const coalescelist = define('coalescelist', {
  params: [],
  variadic: { name: 'vals', allowNull: true, allowUnknown: true },
  check: (args) => {
    if (args.length === 0) throw new CallError('at least one argument is required');
    for (const a of args) {
      if (a instanceof Unknown) return;
      if (a !== null && !Array.isArray(a)) throw new CallError('coalescelist arguments must be lists or tuples');
    }
  },
  impl: (args) => {
    for (const a of args) {
      if (a instanceof Unknown) return a;
      if (a !== null && (a as Value[]).length > 0) return a;
    }
    throw new CallError('no non-null arguments');
  },
});

const compact = define('compact', {
  params: [{ name: 'list' }],
  check: ifKnown((l) => stringList(l, 0)),
  impl: ([l]) => {
    const items = stringList(l!, 0);
    return findUnknown(items) ?? items.filter((x) => x !== null && x !== '');
  },
});

const contains = define('contains', {
  params: [{ name: 'list' }, { name: 'value', allowNull: true }],
  impl: ([list, value]) => {
    const items = sequenceItems(list!);
    if (!items) throw new CallError('argument must be list, tuple, or set');
    if (items.length === 0) return false;
    let pending: Unknown | undefined;
    for (const x of items) {
      const r = equalsKnown(value!, x);
      if (r === true) return true;
      if (r instanceof Unknown) pending ??= r;
    }
    return pending ?? false;
  },
});

const distinct = define('distinct', {
  params: [{ name: 'list' }],
  check: ifKnown((l) => unifiedList(l, 0)),
  impl: ([l]) => {
    const items = unifiedList(l!, 0);
    const u = findUnknown(items);
    if (u) return u;
    const out: Value[] = [];
    for (const x of items) if (!out.some((y) => equalsKnown(x, y) === true)) out.push(x);
    return out;
  },
});

const index = define('index', {
  params: [{ name: 'list' }, { name: 'value' }],
  impl: ([list, value]) => {
    if (!Array.isArray(list)) throw new CallError('argument must be a list or tuple');
    if (list.length === 0) throw new CallError('cannot search an empty list');
    for (let i = 0; i < list.length; i++) {
      const r = equalsKnown(list[i]!, value!);
      if (r instanceof Unknown) return r;
      if (r) return i;
    }
    throw new CallError('item not found');
  },
});

function sliceIndex(v: Value, index: number, what: 'start' | 'end', length: number | undefined): number | undefined {
  if (v instanceof Unknown) return undefined;
  let n: number;
  try {
    n = toInt(v as number);
  } catch (e) {
    if (e instanceof ConversionError) throw new ArgError(index, `invalid ${what} index: ${e.message}`);
    throw e;
  }
  if (n < 0) throw new ArgError(index, `${what} index must not be less than zero`);
  if (length !== undefined && n > length) throw new ArgError(index, `${what} index must not be greater than the length of the list`);
  return n;
}

const slice = define('slice', {
  params: [{ name: 'list' }, { name: 'start_index', type: 'number' }, { name: 'end_index', type: 'number' }],
  check: ([list, start, end]) => {
    if (list instanceof TfSet) {
      throw new ArgError(0, 'cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important');
    }
    if (!(list instanceof Unknown) && !Array.isArray(list)) throw new ArgError(0, 'must be a list or tuple value');
    const len = Array.isArray(list) ? list.length : undefined;
    const s = sliceIndex(start!, 1, 'start', len);
    const e = sliceIndex(end!, 2, 'end', len);
    if (s !== undefined && e !== undefined && s > e) throw new ArgError(1, 'start index must not be greater than end index');
  },
  impl: ([list, start, end]) => (list as Value[]).slice(start as number, end as number),
});

const sort = define('sort', {
  params: [{ name: 'list', allowUnknown: true }],
  check: ifKnown((l) => stringList(l, 0)),
  impl: ([l]) => {
    if (l instanceof Unknown) return l;
    const items = stringList(l!, 0);
    const u = findUnknown(items);
    if (u) return u;
    const nullAt = items.indexOf(null);
    if (nullAt >= 0) throw new CallError(`given list element ${nullAt} is null; a null string cannot be sorted`);
    return (items as string[]).slice().sort(compareUtf8);
  },
});

const reverse = define('reverse', {
  params: [{ name: 'list' }],
  check: ([l]) => {
    if (!(l instanceof Unknown) && !sequenceItems(l!)) throw new ArgError(0, `can only reverse list or tuple values, not ${friendlyName(l!)}`);
  },
  impl: ([l]) => sequenceItems(l!)!.slice().reverse(),
});

const chunklist = define('chunklist', {
  params: [{ name: 'list' }, { name: 'size', type: 'number' }],
  check: ifKnown((l) => unifiedList(l, 0)),
  impl: ([l, sizeArg]) => {
    let size: number;
    try {
      size = toInt(sizeArg as number);
    } catch (e) {
      if (e instanceof ConversionError) throw new CallError(`invalid size: ${e.message}`);
      throw e;
    }
    if (size < 0) throw new CallError('the size argument must be positive');
    const items = unifiedList(l!, 0);
    if (items.length === 0) return [];
    if (size === 0) return [items];
    const out: Value[] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  },
});

const matchkeys = define('matchkeys', {
  params: [{ name: 'values' }, { name: 'keys' }, { name: 'searchset' }],
  check: ([vals, ks, search]) => {
    if (!(vals instanceof Unknown)) unifiedList(vals!, 0);
    if (!(ks instanceof Unknown)) unifiedList(ks!, 1);
    if (!(search instanceof Unknown)) unifiedList(search!, 2);
    if (!(ks instanceof Unknown) && !(search instanceof Unknown)) {
      const k = sequenceItems(ks!)!;
      let joint: Value[] | undefined;
      try {
        joint = unifyValues([...k, ...sequenceItems(search!)!]);
      } catch (e) {
        if (!(e instanceof ConversionError)) throw e;
      }
      if (!joint) throw new CallError('keys and searchset must be of the same type');
    }
  },
  impl: ([vals, ks, search]) => {
    const v = unifiedList(vals!, 0);
    const k = sequenceItems(ks!)!;
    const s = sequenceItems(search!)!;
    if (v.length !== k.length) throw new CallError('length of keys and values should be equal');
    if (s.length === 0) return [];
    const joint = unifyValues([...k, ...s])!;
    const keysC = joint.slice(0, k.length);
    const searchC = joint.slice(k.length);
    // Terraform answers an empty list when a searchset element is unknown; that would be a guess.
    const u = findUnknown(v) ?? findUnknown(keysC) ?? findUnknown(searchC);
    if (u) return u;
    return v.filter((_, i) => searchC.some((x) => equalsKnown(keysC[i]!, x) === true));
  },
});

const transpose = define('transpose', {
  params: [{ name: 'values' }],
  check: ([m]) => {
    if (m instanceof Unknown) return;
    if (!isObject(m!)) throw new ArgError(0, 'map of list of string required');
    for (const k of Object.keys(m)) {
      const x = m[k]!;
      if (x !== null && !(x instanceof Unknown)) {
        const items = sequenceItems(x);
        if (!items) throw new ArgError(0, `element "${k}": list of string required`);
        items.forEach((y) => {
          if (y !== null && !(y instanceof Unknown) && isComplex(y)) throw new ArgError(0, `element "${k}": list of string required`);
        });
      }
    }
  },
  impl: ([m]) => {
    const input = m as ObjectValue;
    const u = findUnknown(input);
    if (u) return u;
    const acc = new Map<string, string[]>();
    for (const k of sortedKeys(input)) {
      const list = input[k]!;
      if (list === null) throw new CallError('input must not contain null list');
      for (const x of sequenceItems(list)!) {
        if (x === null) throw new CallError('input list must not contain null string');
        const key = toStr(x);
        acc.set(key, [...(acc.get(key) ?? []), k].sort(compareUtf8));
      }
    }
    return newObject([...acc].map(([k, v]) => [k, v]));
  },
});

const one = define('one', {
  params: [{ name: 'list' }],
  check: ([l]) => {
    if (l instanceof Unknown) return;
    const items = sequenceItems(l!);
    const unknownSize = l instanceof TfSet && findUnknown(l) !== undefined;
    if (!items || (!unknownSize && items.length > 1)) throw new ArgError(0, 'must be a list, set, or tuple value with either zero or one elements');
  },
  impl: ([l]) => {
    if (l instanceof TfSet) {
      const u = findUnknown(l);
      if (u) return u;
    }
    const items = sequenceItems(l!)!;
    return items.length === 0 ? null : items[0]!;
  },
});

function boolList(v: Value): Value[] {
  const items = sequenceItems(v);
  if (!items) throw new ArgError(0, 'list of bool required');
  return items.map((x, i) => {
    if (x === null || x instanceof Unknown) return x;
    try {
      return toBool(x);
    } catch (e) {
      if (e instanceof ConversionError) throw new ArgError(0, `element ${i}: ${e.message}`);
      throw e;
    }
  });
}

const alltrue = define('alltrue', {
  params: [{ name: 'list' }],
  check: ifKnown(boolList),
  impl: ([l]) => {
    for (const x of boolList(l!)) {
      if (x instanceof Unknown) return x;
      if (x !== true) return false;
    }
    return true;
  },
});

const anytrue = define('anytrue', {
  params: [{ name: 'list' }],
  check: ifKnown(boolList),
  impl: ([l]) => {
    let pending: Unknown | undefined;
    for (const x of boolList(l!)) {
      if (x instanceof Unknown) pending ??= x;
      else if (x === true) return true;
    }
    return pending ?? false;
  },
});

export const collectionFunctions: Record<string, TfFunction> = {
  length,
  concat,
  merge,
  lookup,
  element,
  flatten,
  keys,
  values,
  zipmap,
  coalesce,
  coalescelist,
  compact,
  contains,
  distinct,
  index,
  slice,
  sort,
  reverse,
  chunklist,
  matchkeys,
  transpose,
  one,
  alltrue,
  anytrue,
};
