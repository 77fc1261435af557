/**
 * Variable type constraints (`type = list(object({ a = optional(string, "x") }))`) and the
 * conversion Terraform applies to a variable's value before the module sees it: a list given to a
 * set(string) variable becomes a set, "5" given to a number becomes 5, missing optional object
 * attributes take their defaults, extra object attributes are dropped.
 */
import { InputError } from '../../../model/errors.js';
import type { SourceFile } from '../../../model/source.js';
import { MAP_ELEMENT, TfSet, Unknown, isObject, markKind, newObject, typeName, type Value } from '../../../model/value.js';
import { ConversionError, unifyValues } from '../functions/coerce.js';
import type { Expr } from '../hcl/ast.js';
import { literalString } from '../module-config.js';
import { asBool, asNumber, asString } from './convert.js';
import { DynamicError } from './dynamic-error.js';

export type TypeSpec =
  | { k: 'any' }
  | { k: 'string' }
  | { k: 'number' }
  | { k: 'bool' }
  | { k: 'list' | 'set' | 'map'; elem: TypeSpec }
  | { k: 'tuple'; elems: TypeSpec[] }
  | { k: 'object'; attrs: Map<string, { type: TypeSpec; optional: boolean; default?: Value }> };

/** Reads a type expression. `evalDefault` evaluates the constant default of `optional(T, default)`. */
export function parseTypeSpec(expr: Expr, file: SourceFile, evalDefault: (e: Expr) => Value): TypeSpec {
  const fail = (msg: string, e: Expr): never => {
    throw new InputError('tf-type', `Invalid type specification: ${msg}`, { file, start: e.start, end: e.end });
  };
  const go = (e: Expr): TypeSpec => {
    if (e.kind === 'variable') {
      switch (e.name) {
        case 'any':
        case 'string':
        case 'number':
        case 'bool':
          return { k: e.name };
        case 'list':
        case 'set':
        case 'map':
          return { k: e.name, elem: { k: 'any' } };
        default:
          return fail(`"${e.name}" is not a type`, e);
      }
    }
    if (e.kind === 'call') {
      const arg = e.args[0];
      switch (e.name) {
        case 'list':
        case 'set':
        case 'map':
          if (e.args.length !== 1 || !arg) return fail(`${e.name}() takes exactly one element type`, e);
          return { k: e.name, elem: go(arg) };
        case 'tuple':
          if (e.args.length !== 1 || !arg || arg.kind !== 'tuple') return fail('tuple() takes a list of element types', e);
          return { k: 'tuple', elems: arg.items.map(go) };
        case 'object': {
          if (e.args.length !== 1 || !arg || arg.kind !== 'object') return fail('object() takes an object of attribute types', e);
          const attrs = new Map<string, { type: TypeSpec; optional: boolean; default?: Value }>();
          for (const item of arg.items) {
            const name = item.keyIsName && item.key.kind === 'variable' ? item.key.name : literalString(item.key);
            if (name === undefined) return fail('object attribute names must be identifiers or strings', item.key);
            const v = item.value;
            if (v.kind === 'call' && v.name === 'optional') {
              if (v.args.length < 1 || v.args.length > 2) return fail('optional() takes a type and an optional default', v);
              const t = go(v.args[0]!);
              attrs.set(name, v.args[1] ? { type: t, optional: true, default: evalDefault(v.args[1]) } : { type: t, optional: true });
            } else attrs.set(name, { type: go(v), optional: false });
          }
          return { k: 'object', attrs };
        }
        default:
          return fail(`"${e.name}" is not a type constructor`, e);
      }
    }
    return fail('expected a type such as string, list(string) or object({...})', e);
  };
  return go(expr);
}

/** Converts `v` to `t` as Terraform does for variable values; throws DynamicError when it cannot. */
export function convertToType(v: Value, t: TypeSpec, what: string): Value {
  if (v instanceof Unknown || t.k === 'any' || v === null) return v;
  switch (t.k) {
    case 'string':
      return asString(v, what);
    case 'number':
      return asNumber(v, what);
    case 'bool':
      return asBool(v, what);
    case 'list':
    case 'set': {
      const items = Array.isArray(v) ? v : v instanceof TfSet ? v.items : undefined;
      if (!items) throw new DynamicError(`${what}: a ${t.k} is required, but the value is of type ${typeName(v)}`);
      const out = unifyAny(
        items.map((x, i) => convertToType(x, t.elem, `${what}[${i}]`)),
        t.elem,
        what,
      );
      return t.k === 'set' ? new TfSet(out) : markKind(out, 'list');
    }
    case 'map': {
      if (!isObject(v)) throw new DynamicError(`${what}: a map is required, but the value is of type ${typeName(v)}`);
      const keys = Object.keys(v);
      const vals = unifyAny(
        keys.map((k) => convertToType(v[k]!, t.elem, `${what}["${k}"]`)),
        t.elem,
        what,
      );
      const out = newObject(
        keys.map((k, i) => [k, vals[i]!]),
        'map',
      );
      if (t.elem.k === 'string' || t.elem.k === 'number' || t.elem.k === 'bool') Object.defineProperty(out, MAP_ELEMENT, { value: t.elem.k });
      return out;
    }
    case 'tuple': {
      if (!Array.isArray(v) || v.length !== t.elems.length) throw new DynamicError(`${what}: a tuple of ${t.elems.length} elements is required`);
      return markKind(
        v.map((x, i) => convertToType(x, t.elems[i]!, `${what}[${i}]`)),
        'tuple',
      );
    }
    case 'object': {
      if (!isObject(v)) throw new DynamicError(`${what}: an object is required, but the value is of type ${typeName(v)}`);
      const out = newObject(undefined, 'object');
      for (const [name, a] of t.attrs) {
        if (name in v && v[name] !== null) out[name] = convertToType(v[name]!, a.type, `${what}.${name}`);
        else if (a.optional) out[name] = a.default !== undefined ? convertToType(a.default, a.type, `${what}.${name}`) : null;
        else if (name in v) out[name] = null;
        else throw new DynamicError(`${what}: attribute "${name}" is required`);
      }
      return out;
    }
  }
}

/**
 * A collection's elements share one type: where the element type leaves `any` open, Terraform
 * unifies the elements (map(list(any)) holding [443, "tcp"] becomes lists of strings).
 */
function unifyAny(items: Value[], elem: TypeSpec, what: string): Value[] {
  if (!containsAny(elem) || items.length < 2) return items;
  try {
    const unified = unifyValues(items);
    if (!unified) throw new DynamicError(`${what}: all elements must have the same type`);
    return unified;
  } catch (e) {
    if (e instanceof ConversionError) throw new DynamicError(`${what}: ${e.message}`);
    throw e;
  }
}

function containsAny(t: TypeSpec): boolean {
  switch (t.k) {
    case 'any':
      return true;
    case 'list':
    case 'set':
    case 'map':
      return containsAny(t.elem);
    case 'tuple':
      return t.elems.some(containsAny);
    case 'object':
      return [...t.attrs.values()].some((a) => containsAny(a.type));
    default:
      return false;
  }
}

/**
 * Whether `--var NAME=VALUE` takes VALUE as a plain string: for a variable without a type or with
 * a primitive one. Any other type, `any` included, reads VALUE as an HCL expression (Terraform's
 * rule: literal parsing only for primitive type constraints and for none).
 */
export function isPrimitiveOrUntyped(t: TypeSpec | undefined): boolean {
  return !t || t.k === 'string' || t.k === 'number' || t.k === 'bool';
}
