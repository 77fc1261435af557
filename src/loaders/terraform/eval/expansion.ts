/**
 * `count` and `for_each`: which instances a resource or module call has, with Terraform's keys,
 * order and errors. An expansion whose argument is unknown stands for an unknown set of instances.
 */
import { InputError } from '../../../model/errors.js';
import { TfSet, Unknown, findUnknown, isObject, typeName, type Value } from '../../../model/value.js';
import { ConversionError, toNumber, toStr } from '../functions/coerce.js';
import { isGoPrint } from '../functions/unicode.js';
import type { Attribute } from '../hcl/ast.js';
import { asNumber, compareKeys } from './convert.js';
import { DynamicError } from './dynamic-error.js';
import { evaluate } from './expr.js';
import type { Scope } from './scope.js';
import { COUNT_INDEX, EACH_KEY, EACH_VALUE } from './bindings.js';
import { table } from '../../../model/table.js';

export interface InstanceKey {
  /** Address suffix: "", "[0]", "[\"a\"]", or "[*]" for an unknown expansion. */
  suffix: string;
  /** Scope names to bind while evaluating the instance. */
  names: Map<string, Value>;
  /** The instance key as Terraform exposes it (number, string) or undefined for a single instance. */
  key: number | string | undefined;
}

export type Expansion = { keys: InstanceKey[]; unknown?: Unknown };

/** More instances than this for one resource or module is refused rather than expanded. */
const MAX_INSTANCES = 100_000;

/**
 * An instance key as Terraform writes it in an address: an HCL quoted string, so `${` and `%{`
 * are doubled (`["web$${env}"]`), newline, return, tab, quote and backslash are escaped, and other
 * characters that are not printable (controls, non-breaking space) are written \uXXXX or
 * \UXXXXXXXX (Terraform's addrs.StringKey).
 */
export function quoteKey(k: string): string {
  let out = '"';
  const chars = [...k];
  chars.forEach((c, i) => {
    const esc = SIMPLE_ESCAPES[c];
    if (esc !== undefined) out += esc;
    else if (c === '$' || c === '%') out += chars[i + 1] === '{' ? c + c : c;
    else if (isGoPrint(c)) out += c;
    else {
      const cp = c.codePointAt(0)!;
      out += cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  });
  return out + '"';
}

const SIMPLE_ESCAPES: Record<string, string> = table({ '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' });

/**
 * Whether an index written in a reference (`aws_x.y[10]`, `module.m["a"]`) names the instance with
 * key `key`: Terraform converts the index to the key's type, a number to the string "10" for a
 * for_each key, a numeric string to a number for a count index.
 */
export function matchesKey(key: InstanceKey['key'], index: Value): boolean {
  if (key === undefined || index === null || typeof index === 'object') return false;
  try {
    return typeof key === 'number' ? toNumber(index) === key : toStr(index) === key;
  } catch (e) {
    if (e instanceof ConversionError) return false;
    throw e;
  }
}

export function expand(count: Attribute | undefined, forEach: Attribute | undefined, scope: Scope, what: string): Expansion {
  // The argument may come from an override file (module-config.ts): evaluated in its own file.
  if (count) scope = scope.inFile(count.file);
  else if (forEach) scope = scope.inFile(forEach.file);
  if (count) {
    const v = evaluate(count.expr, scope);
    const span = { file: scope.file, start: count.expr.start, end: count.expr.end };
    if (v instanceof Unknown) {
      const u = new Unknown(`the count of ${what} depends on ${v.reason}`, v.at ?? span, v.ref);
      return { keys: [{ suffix: '[*]', key: undefined, names: new Map([[COUNT_INDEX, new Unknown(`count.index of ${what} is unknown: ${v.reason}`, span)]]) }], unknown: u };
    }
    if (v === null) throw new InputError('tf-eval', `Invalid count argument: the count of ${what} is null`, span);
    let n: number;
    try {
      n = asNumber(v, 'count');
    } catch (e) {
      throw new InputError('tf-eval', `Invalid count argument: ${(e as Error).message}`, span);
    }
    if (!Number.isInteger(n) || n < 0) throw new InputError('tf-eval', `Invalid count argument: must be a whole number, zero or more; got ${n}`, span);
    if (n > MAX_INSTANCES) throw new InputError('tf-eval', `count of ${what} is ${n}: more than the ${MAX_INSTANCES} instances gridfence expands`, span);
    const keys: InstanceKey[] = [];
    for (let i = 0; i < n; i++) keys.push({ suffix: `[${i}]`, key: i, names: new Map([[COUNT_INDEX, i]]) });
    return { keys };
  }
  if (forEach) {
    const v = evaluate(forEach.expr, scope);
    const span = { file: scope.file, start: forEach.expr.start, end: forEach.expr.end };
    const unknownKeys = (u: Unknown): Expansion => {
      const uk = new Unknown(`the for_each keys of ${what} depend on ${u.reason}`, u.at ?? span, u.ref);
      return { keys: [{ suffix: '[*]', key: undefined, names: new Map<string, Value>([[EACH_KEY, uk], [EACH_VALUE, uk]]) }], unknown: uk };
    };
    if (v instanceof Unknown) return unknownKeys(v);
    if (v === null) throw new InputError('tf-eval', `Invalid for_each argument: the for_each of ${what} is null`, span);
    if (isObject(v)) {
      const keys = Object.keys(v).sort(compareKeys);
      return { keys: keys.map((k) => ({ suffix: `[${quoteKey(k)}]`, key: k, names: new Map<string, Value>([[EACH_KEY, k], [EACH_VALUE, v[k]!]]) })) };
    }
    if (v instanceof TfSet) {
      const u = findUnknown(v);
      if (u) return unknownKeys(u);
      const keys: InstanceKey[] = [];
      for (const item of v.items) {
        if (typeof item !== 'string') {
          throw new InputError('tf-eval', `Invalid for_each set argument: for_each supports sets of strings, but the set holds a ${typeName(item)}; use toset() on strings or a map`, span);
        }
        keys.push({ suffix: `[${quoteKey(item)}]`, key: item, names: new Map<string, Value>([[EACH_KEY, item], [EACH_VALUE, item]]) });
      }
      return { keys };
    }
    throw new InputError(
      'tf-eval',
      `Invalid for_each argument: the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${typeName(v)}; convert a list with toset()`,
      span,
    );
  }
  return { keys: [{ suffix: '', key: undefined, names: new Map() }] };
}

/** Keeps DynamicError out of expansion callers: an expansion that fails is an input error. */
export function expandOrFail(count: Attribute | undefined, forEach: Attribute | undefined, scope: Scope, what: string): Expansion {
  try {
    return expand(count, forEach, scope, what);
  } catch (e) {
    if (e instanceof DynamicError) throw new InputError('tf-eval', e.message, e.span);
    throw e;
  }
}
