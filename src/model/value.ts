/**
 * Evaluated values, with Terraform's kinds mapped onto JavaScript:
 * null, boolean, number, string; tuples and lists are arrays; objects and maps are plain objects
 * with a null prototype; sets are `TfSet`; a value that cannot be known statically is `Unknown`.
 * Unknown is never replaced by a guess: it flows through every operation that depends on it.
 */
import type { Span } from './source.js';

export class Unknown {
  constructor(
    /** Why the value cannot be known, e.g. "aws_vpc.main.id is known only after apply". */
    readonly reason: string,
    /** Where the unknown value comes from (the reference or the declaration). */
    readonly at?: Span,
    /** When the value is an attribute of a resource or data source: that object's address. */
    readonly ref?: string,
  ) {}

  /** The report form, so that JSON.stringify can write values without a converted copy. */
  toJSON(): { $unknown: string } | string {
    return { $unknown: this.reason };
  }
}

/**
 * JSON text that is known only after apply (jsonencode of a value with unknown parts), kept with
 * the value it encodes, unknown leaves included, for readers of its structure (policy documents).
 * Everything else treats it as the Unknown it is.
 */
export class UnknownEncoding extends Unknown {
  constructor(
    unknown: Unknown,
    readonly value: Value,
  ) {
    super(unknown.reason, unknown.at, unknown.ref);
  }
}

/**
 * Text that is the id or ARN of another resource of the configuration, as a plan writes it for a
 * resource that exists already (`subnet_id = "subnet-0a1b2c3d"`). It is read as the reference the
 * configuration gives for one not yet created (an Unknown naming the resource), so the graph, the
 * zones and the rules join both alike; reports show the text.
 */
export class KnownId extends Unknown {
  constructor(
    readonly text: string,
    ref: string,
    at?: Span,
  ) {
    super(`${text} is the id of ${ref}`, at, ref);
  }

  override toJSON(): string {
    return this.text;
  }
}

/** A Terraform set. Items are unique; strings and numbers are kept in Terraform's iteration order. */
export class TfSet {
  readonly items: Value[];
  constructor(items: Value[]) {
    this.items = dedupe(items);
  }

  toJSON(): Value[] {
    return this.items;
  }
}

export type ObjectValue = { [key: string]: Value };
export type Value = null | boolean | number | string | Value[] | TfSet | Unknown | ObjectValue;

/**
 * Marks a resource object: reading an attribute the configuration does not set yields an
 * Unknown ("known only after apply") instead of an error. The marker holds the address.
 */
export const RESOURCE_ADDRESS: unique symbol = Symbol('gridfence.resourceAddress');

/** Beside RESOURCE_ADDRESS on a resource's nested block: the block's path, for the Unknown's reason ("aws_eks_cluster.this[0].vpc_config[0]"). */
export const BLOCK_PATH: unique symbol = Symbol('gridfence.blockPath');

/**
 * Marks an object that is a Terraform map of a primitive element type (a variable typed
 * `map(string)`): functions that return "an element" convert to that type, as lookup()'s default.
 */
export const MAP_ELEMENT: unique symbol = Symbol('gridfence.mapElement');

export function mapElementKind(o: ObjectValue): 'string' | 'number' | 'bool' | undefined {
  return (o as { [MAP_ELEMENT]?: 'string' | 'number' | 'bool' })[MAP_ELEMENT];
}

export function isObject(v: Value): v is ObjectValue {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof TfSet);
}

export function isUnknown(v: Value): v is Unknown {
  return v instanceof Unknown;
}

/**
 * Objects are instances of a constructor whose prototype is an empty null-prototype object: no
 * inherited keys ("toString", "constructor" and "__proto__" are ordinary keys here), yet V8 keeps
 * them in fast mode with shared shapes, where Object.create(null) objects are hash tables — a
 * large difference in memory and collection time for thousands of evaluated resources.
 */
const ObjectValueShape = function ObjectValueShape(this: ObjectValue) {} as unknown as { new (): ObjectValue; prototype: object };
ObjectValueShape.prototype = Object.create(null) as object;
// Text for an object where a string or number is expected (a CloudFormation property written as a
// mapping where a scalar belongs): String() of a prototype without toString would throw. Neither
// enumerable nor a string key, so no key of the object, no JSON and no copy sees it.
Object.defineProperty(ObjectValueShape.prototype, Symbol.toPrimitive, { value: (hint: string) => (hint === 'number' ? Number.NaN : '{…}') });

export function newObject(entries?: Iterable<[string, Value]>, kind?: 'object' | 'map'): ObjectValue {
  const o = kind === undefined ? new ObjectValueShape() : new KINDED_OBJECT[kind]();
  if (entries) for (const [k, v] of entries) o[k] = v;
  return o;
}

/** The first Unknown found anywhere inside `v`, or undefined when `v` is wholly known. */
export function findUnknown(v: Value): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = findUnknown(x);
      if (u) return u;
    }
  } else if (v instanceof TfSet) {
    return findUnknown(v.items);
  } else if (isObject(v)) {
    for (const k in v) {
      const u = findUnknown(v[k]!);
      if (u) return u;
    }
  }
  return undefined;
}

/** Terraform's type name of a value, for messages. */
export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'tuple';
  if (v instanceof TfSet) return 'set';
  if (v instanceof Unknown) return 'unknown';
  return 'object';
}

/** Structural equality, as Terraform's `==` (no type conversion: 1 != "1"). */
export function valueEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => valueEquals(x, b[i]!));
  if (a instanceof TfSet) {
    return b instanceof TfSet && a.items.length === b.items.length && a.items.every((x) => b.items.some((y) => valueEquals(x, y)));
  }
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (!isObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => k in b && valueEquals(a[k]!, b[k]!));
}

/**
 * Orders strings as their UTF-8 bytes (code point order), as Terraform does. UTF-16 code-unit order
 * differs only when an astral character meets a BMP character at or above U+E000.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function dedupe(items: Value[]): Value[] {
  const out: Value[] = [];
  const seen = new Set<unknown>();
  for (const it of items) {
    if (it === null || typeof it !== 'object') {
      if (seen.has(it)) continue;
      seen.add(it);
      out.push(it);
    } else if (!out.some((o) => valueEquals(o, it))) {
      out.push(it);
    }
  }
  // Terraform orders a set of strings by their UTF-8 bytes, numbers numerically, and bools false first.
  if (out.every((x) => typeof x === 'string')) out.sort((a, b) => compareUtf8(a as string, b as string));
  else if (out.every((x) => typeof x === 'number')) out.sort((a, b) => (a as number) - (b as number));
  else if (out.every((x) => typeof x === 'boolean')) out.sort((a, b) => Number(a) - Number(b));
  return out;
}

/**
 * JSON form used in reports: Unknown becomes `{ "$unknown": reason }`, sets become arrays.
 * Object keys keep their order (source order for resources), so the output reads like the code.
 */
export function toJSON(v: Value): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Unknown) return { $unknown: v.reason };
  if (v instanceof TfSet) return v.items.map(toJSON);
  if (Array.isArray(v)) return v.map(toJSON);
  const o: Record<string, unknown> = {};
  for (const k in v) {
    // "__proto__" is data here: assigning it to a plain object would set its prototype instead.
    if (k === '__proto__') Object.defineProperty(o, k, { value: toJSON(v[k]!), enumerable: true, writable: true, configurable: true });
    else o[k] = toJSON(v[k]!);
  }
  return o;
}

// ---- collection kinds ---------------------------------------------------------------------------

/**
 * Arrays stand for both Terraform tuples and lists, objects for both objects and maps, yet `==`
 * compares types: `list(string) [] == []` is false, since `[]` is an empty tuple. The kind of a
 * collection is recorded here only where it is certain — a tuple or object written as a literal or
 * built by a `for` expression, a list or map produced by a type conversion — and only on the very
 * array or object produced there, so a value passed through unchanged keeps it. Any collection
 * without a kind (a function result, a resource attribute, a unified conditional result) may be
 * either, and an `==` that depends on it is Unknown.
 */
export type CollectionKind = 'tuple' | 'list' | 'object' | 'map';
/**
 * Where a kind is recorded. An array carries it as an own property under this symbol, not
 * enumerable, so that no key, JSON, comparison of keys or copy sees it. An object is built from a
 * constructor of its kind, whose prototype (below the plain objects' one) holds it: it costs the
 * object nothing, and a copy of the object's entries (newObject, Object.assign) does not take it.
 * (A WeakMap from values to kinds cost about 7 % of evaluating a large configuration.)
 */
const KIND = Symbol('collection kind');
type Kinded = { [KIND]?: CollectionKind };

function kindedShape(kind: 'object' | 'map'): { new (): ObjectValue } {
  const Shape = function KindedObject(this: ObjectValue) {} as unknown as { new (): ObjectValue; prototype: object };
  Shape.prototype = Object.create(ObjectValueShape.prototype) as object;
  Object.defineProperty(Shape.prototype, KIND, { value: kind });
  return Shape;
}
const KINDED_OBJECT = { object: kindedShape('object'), map: kindedShape('map') };
const ARRAY_KIND = { tuple: { value: 'tuple', configurable: true }, list: { value: 'list', configurable: true } } as const;

/**
 * The array or object `v` with the certain kind `kind` recorded: an array is marked itself; an
 * object is marked when built with newObject(entries, kind), else a copy of it (with its markers,
 * see withMarkers) is returned. Use the result.
 */
export function markKind<T extends Value[] | ObjectValue>(v: T, kind: CollectionKind): T {
  if (Array.isArray(v)) {
    if (kind === 'tuple' || kind === 'list') Object.defineProperty(v, KIND, ARRAY_KIND[kind]);
    return v;
  }
  if ((kind === 'object' || kind === 'map') && (v as Kinded)[KIND] !== kind) {
    const o = new KINDED_OBJECT[kind]();
    for (const k in v) o[k] = (v as ObjectValue)[k]!;
    return withMarkers(v as ObjectValue, o) as T;
  }
  return v;
}

export function kindOf(v: Value[] | ObjectValue): CollectionKind | undefined {
  return (v as Kinded)[KIND];
}

/**
 * `v` with no recorded kind anywhere inside: `v` itself when nothing inside has one, otherwise a
 * copy of the marked parts (non-enumerable markers such as RESOURCE_ADDRESS are kept). For values
 * Terraform may have converted on the way (a resource attribute, a function result).
 */
export function stripKinds(v: Value): Value {
  if (v === null || typeof v !== 'object' || v instanceof Unknown) return v;
  if (v instanceof TfSet) {
    const items = v.items.map(stripKinds);
    return items.every((x, i) => x === v.items[i]) ? v : new TfSet(items);
  }
  if (Array.isArray(v)) {
    const items = v.map(stripKinds);
    return kindOf(v) === undefined && items.every((x, i) => x === v[i]) ? v : items;
  }
  let changed = kindOf(v) !== undefined;
  const entries: Array<[string, Value]> = [];
  for (const k in v) {
    const x = stripKinds(v[k]!);
    if (x !== v[k]) changed = true;
    entries.push([k, x]);
  }
  return changed ? withMarkers(v, newObject(entries)) : v;
}

/**
 * `to`, a copy made of `from`, given the markers `from` carries (RESOURCE_ADDRESS, MAP_ELEMENT: symbol
 * properties, not enumerable), so that a converted object still reads as what it was.
 */
export function withMarkers(from: ObjectValue, to: ObjectValue): ObjectValue {
  for (const s of Object.getOwnPropertySymbols(from)) Object.defineProperty(to, s, Object.getOwnPropertyDescriptor(from, s)!);
  return to;
}

/**
 * Terraform's `==` on known values: equal values of the same type. Returns undefined when the
 * values are equal but gridfence cannot tell whether their types are: a collection on one side has
 * no certain kind, or two empty lists (maps) whose element types are not recorded.
 */
export function typedEquals(a: Value, b: Value): boolean | undefined {
  if (!valueEquals(a, b)) return false;
  return kindsAgree(a, b);
}

/** For structurally equal values: whether every collection inside has the same kind on both sides. */
function kindsAgree(a: Value, b: Value): boolean | undefined {
  if (a === null || typeof a !== 'object' || a instanceof Unknown) return true;
  if (a instanceof TfSet) {
    // A non-empty set of primitives shows its element type; an empty one or one of collections does not.
    return a.items.length > 0 && a.items.every((x) => x === null || typeof x !== 'object') ? true : undefined;
  }
  const bb = b as Value[] | ObjectValue;
  const ka = kindOf(a);
  const kb = kindOf(bb);
  if (ka !== undefined && kb !== undefined && ka !== kb) return false;
  let result: boolean | undefined = ka !== undefined && kb !== undefined ? true : undefined;
  // An empty list or map records no element type: list(string) [] and list(number) [] differ.
  if ((ka === 'list' || ka === 'map') && (Array.isArray(a) ? a.length === 0 : Object.keys(a).length === 0)) result = undefined;
  if (Array.isArray(a)) {
    for (let i = 0; i < a.length; i++) {
      const r = kindsAgree(a[i]!, (bb as Value[])[i]!);
      if (r === false) return false;
      if (r === undefined) result = undefined;
    }
  } else {
    for (const k in a) {
      const r = kindsAgree(a[k]!, (bb as ObjectValue)[k]!);
      if (r === false) return false;
      if (r === undefined) result = undefined;
    }
  }
  return result;
}
