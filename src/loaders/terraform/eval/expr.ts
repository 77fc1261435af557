/**
 * Evaluates HCL expressions with Terraform's semantics. Unknown values propagate through every
 * operator, template, `for` and splat that depends on them; `try` and `can` are evaluated lazily.
 * Value-dependent failures throw DynamicError located at the expression.
 */
import { pushAll } from '../../../model/arrays.js';
import { InputError, FunctionError } from '../../../model/errors.js';
import type { Span } from '../../../model/source.js';
import {
  RESOURCE_ADDRESS,
  BLOCK_PATH,
  TfSet,
  Unknown,
  findUnknown,
  isObject,
  kindOf,
  markKind,
  newObject,
  stripKinds,
  typeName,
  typedEquals,
  type ObjectValue,
  type Value,
} from '../../../model/value.js';
import type { Expr, TemplateExpr } from '../hcl/ast.js';
import { ConversionError, isComplex, unifyBranch } from '../functions/coerce.js';
import { decimalArithmetic } from '../functions/decimal.js';
import { asBool, asNumber, asString, iterate } from './convert.js';
import { DynamicError } from './dynamic-error.js';
import { SPLAT_ITEM, type Scope, type Step } from './scope.js';

export function evaluate(e: Expr, scope: Scope): Value {
  try {
    return evalNode(e, scope);
  } catch (err) {
    if (err instanceof DynamicError && !err.span) throw new DynamicError(err.message, span(e, scope));
    throw err;
  }
}

function span(e: { start: number; end: number }, scope: Scope): Span {
  return { file: scope.file, start: e.start, end: e.end };
}

function evalNode(e: Expr, scope: Scope): Value {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'string' ? nfc(e.value) : e.value;
    case 'template':
      return renderTemplate(e, scope);
    case 'templateWrap':
      return evaluate(e.expr, scope);
    case 'templateIf':
    case 'templateFor':
      return renderTemplate({ kind: 'template', parts: [e], start: e.start, end: e.end }, scope);
    case 'paren':
      return evaluate(e.expr, scope);
    case 'variable':
    case 'getAttr':
    case 'index':
      return evalReference(e, scope);
    case 'splatItem': {
      const v = scope.lookup(SPLAT_ITEM);
      if (v === undefined) throw new InputError('tf-eval', 'Splat item used outside a splat', span(e, scope));
      return v;
    }
    case 'splat': {
      const src = evaluate(e.source, scope);
      if (src instanceof Unknown) return src;
      if (src === null) return [];
      const items = Array.isArray(src) ? src : src instanceof TfSet ? src.items : [src];
      return items.map((item) => evaluate(e.each, scope.child(new Map([[SPLAT_ITEM, item]]))));
    }
    case 'call':
      return evalCall(e, scope);
    case 'conditional': {
      const c = evaluate(e.cond, scope);
      if (c instanceof Unknown) return c;
      const pick = asBool(c, 'The condition of a conditional expression');
      const v = evaluate(pick ? e.then : e.else, scope);
      return unifyWithOther(v, pick ? e.else : e.then, scope, pick);
    }
    case 'unary': {
      const v = evaluate(e.operand, scope);
      if (v instanceof Unknown) return v;
      return e.op === '-' ? -asNumber(v, 'Unary "-"') : !asBool(v, 'Unary "!"');
    }
    case 'binary':
      return evalBinary(e.op, e.lhs, e.rhs, scope);
    case 'tuple':
      return markKind(
        e.items.map((x) => evaluate(x, scope)),
        'tuple',
      );
    case 'object': {
      const out = newObject(undefined, 'object');
      for (const item of e.items) {
        let key: string;
        if (item.keyIsName && item.key.kind === 'variable') key = item.key.name;
        else {
          if (isTraversal(item.key)) {
            throw new DynamicError(
              'Ambiguous attribute key: if this expression is intended to be a reference, wrap it in parentheses; if it is instead intended as a literal name containing periods, wrap it in quotes to create a string literal',
              span(item.key, scope),
            );
          }
          const k = evaluate(item.key, scope);
          if (k instanceof Unknown) return k;
          if (k === null) throw new DynamicError('Invalid object key: the key expression produced a null value', span(item.key, scope));
          key = asString(k, 'Object key');
        }
        out[key] = evaluate(item.value, scope);
      }
      return out;
    }
    case 'for':
      return evalFor(e, scope);
  }
}

/**
 * A conditional has one result type, the unification of both branches' types (cty's
 * UnifyUnsafe): `c ? 22 : "all"` is the string "22", `c ? [22, 443] : ["all"]` the list
 * ["22", "443"], `c ? toset(x) : []` a set (which for_each accepts). Errors in the branch not
 * taken are not errors of the expression. The other branch's exact type is not known here (a list
 * and a tuple look alike), so a collection result keeps no certain kind (see markKind), unless the
 * other branch is null, which takes any type.
 */
function unifyWithOther(v: Value, other: Expr, scope: Scope, pick: boolean): Value {
  if (v === null || v instanceof Unknown) return v;
  let o: Value;
  try {
    o = evaluate(other, scope);
  } catch (err) {
    if (!(err instanceof DynamicError) && !(err instanceof InputError)) throw err;
    return stripKinds(v);
  }
  if (o === null) return v;
  if (o instanceof Unknown) return stripKinds(v);
  let unified: Value | undefined;
  try {
    unified = unifyBranch(v, o);
  } catch (err) {
    if (!(err instanceof ConversionError)) throw err;
  }
  // No common type is Terraform's "Inconsistent conditional result types", an error whatever the
  // condition (try(true ? 1 : true, 5) is 5). It is certain when a primitive meets a primitive it
  // cannot become (numbers and bools both convert to string, not to each other) or any collection
  // or structure; the taken branch's value is then no value Terraform would give. The result is an
  // Unknown rather than an error: a resource's attribute here holds the configured value, whose
  // type may differ from the provider schema's (true written for a string attribute), so the clash
  // may not exist in Terraform. Between two collections or objects the value is kept, for the same
  // reason (a resource object holds only the attributes the configuration sets).
  if (unified === undefined && (!isComplex(v) || !isComplex(o))) {
    const [t, f] = pick ? [v, o] : [o, v];
    return new Unknown(
      `Terraform refuses this conditional (Inconsistent conditional result types): the 'true' value is ${branchType(t)}, but the 'false' value is ${branchType(f)}`,
      span(other, scope),
    );
  }
  return stripKinds(unified ?? (o instanceof TfSet && Array.isArray(v) ? new TfSet(v) : v));
}

/** Terraform's name for a branch's type where gridfence knows it; a list and a tuple look alike. */
function branchType(v: Value): string {
  if (Array.isArray(v)) return kindOf(v) ?? 'list or tuple';
  if (isObject(v)) return kindOf(v) ?? 'map or object';
  return typeName(v);
}

// ---- references ---------------------------------------------------------------------------------

/** Flattens `a.b[c].d` into its root and steps; evaluates the root lazily through the resolver. */
function evalReference(e: Expr, scope: Scope): Value {
  const steps: Step[] = [];
  let cur: Expr = e;
  while (cur.kind === 'getAttr' || cur.kind === 'index') {
    steps.push(cur.kind === 'getAttr' ? { kind: 'attr', name: cur.name, end: cur.end } : { kind: 'index', key: cur.key, end: cur.end });
    cur = cur.obj;
  }
  steps.reverse();
  let value: Value;
  let consumed = 0;
  if (cur.kind === 'variable') {
    const bound = scope.lookup(cur.name);
    if (bound !== undefined) value = bound;
    else {
      const r = scope.resolver.resolve(cur.name, steps, scope, span(e, scope));
      value = r.value;
      consumed = r.consumed;
    }
  } else {
    value = evaluate(cur, scope);
  }
  for (let i = consumed; i < steps.length; i++) {
    const st = steps[i]!;
    const at: Span = { file: scope.file, start: cur.start, end: st.end };
    if (st.kind === 'attr') value = getAttr(value, st.name, at);
    else value = index(value, evaluate(st.key, scope), at);
  }
  return value;
}

export function getAttr(v: Value, name: string, at: Span): Value {
  if (v instanceof Unknown) return v;
  if (isObject(v)) {
    if (name in v) return v[name]!;
    const addr = (v as { [RESOURCE_ADDRESS]?: string })[RESOURCE_ADDRESS];
    if (addr !== undefined) return new Unknown(`${(v as { [BLOCK_PATH]?: string })[BLOCK_PATH] ?? addr}.${name} is known only after apply`, at, addr);
    throw new DynamicError(`Unsupported attribute: this object does not have an attribute named "${name}"`, at);
  }
  if (v === null) throw new DynamicError(`Attempt to get attribute "${name}" from a null value`, at);
  throw new DynamicError(`Unsupported attribute "${name}": a value of type ${typeName(v)} has no attributes`, at);
}

export function index(v: Value, key: Value, at: Span): Value {
  if (v instanceof Unknown) return v;
  if (key instanceof Unknown) return key;
  if (Array.isArray(v)) {
    const i = asNumber(key, 'Index');
    if (!Number.isInteger(i) || i < 0 || i >= v.length) {
      throw new DynamicError(`Invalid index: the given index ${i} is out of range for a collection of ${v.length} element${v.length === 1 ? '' : 's'}`, at);
    }
    return v[i]!;
  }
  if (isObject(v)) {
    const k = asString(key, 'Map key');
    if (k in v) return v[k]!;
    const addr = (v as { [RESOURCE_ADDRESS]?: string })[RESOURCE_ADDRESS];
    if (addr !== undefined) return new Unknown(`${(v as { [BLOCK_PATH]?: string })[BLOCK_PATH] ?? addr}["${k}"] is known only after apply`, at, addr);
    throw new DynamicError(`Invalid index: the given key "${k}" does not identify an element in this collection`, at);
  }
  if (v instanceof TfSet) throw new DynamicError('Invalid index: elements of a set are identified only by their value and cannot be looked up by index', at);
  if (v === null) throw new DynamicError('Attempt to index a null value', at);
  throw new DynamicError(`Invalid index: a value of type ${typeName(v)} cannot be indexed`, at);
}

// ---- operators ----------------------------------------------------------------------------------

function evalBinary(op: string, lhsE: Expr, rhsE: Expr, scope: Scope): Value {
  if (op === '&&' || op === '||') {
    const l = evaluate(lhsE, scope);
    if (!(l instanceof Unknown)) {
      const lb = asBool(l, `Left operand of "${op}"`);
      if (op === '&&' && !lb) return false;
      if (op === '||' && lb) return true;
    }
    const r = evaluate(rhsE, scope);
    if (l instanceof Unknown) {
      if (r instanceof Unknown) return l;
      const rb = asBool(r, `Right operand of "${op}"`);
      if (op === '&&' && !rb) return false;
      if (op === '||' && rb) return true;
      return l;
    }
    if (r instanceof Unknown) return r;
    return asBool(r, `Right operand of "${op}"`);
  }
  const l = evaluate(lhsE, scope);
  const r = evaluate(rhsE, scope);
  if (op === '==' || op === '!=') {
    // As cty compares: null against a value known at its top level is decided by nullness alone,
    // whatever that value holds inside (`var.rules != null` on a map with a field known only after
    // apply is true). Otherwise any unknown inside either side leaves the result unknown.
    if ((l === null && !(r instanceof Unknown)) || (r === null && !(l instanceof Unknown))) return (l === r) === (op === '==');
    const u = findUnknown(l) ?? findUnknown(r);
    if (u) return u;
    const eq = typedEquals(l, r);
    if (eq === undefined) {
      return new Unknown(
        `the result of "${op}" depends on whether a collection compared is a list or a tuple (a map or an object), which Terraform's ${op} tells apart and gridfence cannot here`,
        span({ start: lhsE.start, end: rhsE.end }, scope),
      );
    }
    return op === '==' ? eq : !eq;
  }
  if (l instanceof Unknown) return l;
  if (r instanceof Unknown) return r;
  const a = asNumber(l, `Left operand of "${op}"`);
  const b = asNumber(r, `Right operand of "${op}"`);
  // Terraform's arithmetic is IEEE-like at the edges: x / 0 is +Inf or -Inf, x % 0 is x, and only
  // an operation without a defined result (0 / 0, Inf - Inf, 0 * Inf, modulo with an infinity) fails.
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
    const exact = decimalArithmetic(op, a, b);
    if (exact !== undefined) return exact;
  }
  switch (op) {
    case '+':
      return defined(a + b, "can't compute sum of opposing infinities");
    case '-':
      return defined(a - b, "can't subtract infinity from itself");
    case '*':
      return defined(a * b, "can't multiply zero by infinity");
    case '/':
      return defined(a / b, "can't divide zero by zero or infinity by infinity");
    case '%':
      if (b === 0) return a;
      if (!Number.isFinite(a) || !Number.isFinite(b)) throw new DynamicError("Operation failed: can't use modulo with infinity");
      return a % b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
  throw new Error(`unhandled operator ${op}`);
}

/**
 * Whether an object key is a reference of more than a name with only attribute steps and literal
 * indexes (`local.a.b`, `var.m["k"]`, `local.l.0`): Terraform refuses such a key unparenthesised,
 * as it could mean either the reference or a literal name with dots, when it evaluates the object.
 */
function isTraversal(e: Expr): boolean {
  if (e.kind !== 'getAttr' && e.kind !== 'index') return false;
  let x: Expr = e;
  for (;;) {
    if (x.kind === 'getAttr') x = x.obj;
    else if (x.kind === 'index') {
      const k = x.key;
      const literal = k.kind === 'literal' || (k.kind === 'template' && k.parts.length === 1 && k.parts[0]!.kind === 'literal');
      if (!literal) return false;
      x = x.obj;
    } else return x.kind === 'variable';
  }
}

/** An arithmetic result, or Terraform's "Operation failed" error when it is undefined (NaN). */
function defined(x: number, why: string): number {
  if (Number.isNaN(x)) throw new DynamicError(`Operation failed: ${why}`);
  return x;
}

// ---- templates ----------------------------------------------------------------------------------

function renderTemplate(t: TemplateExpr, scope: Scope): Value {
  let out = '';
  for (const part of t.parts) {
    const v = renderPart(part, scope);
    if (v instanceof Unknown) return v;
    out += v;
  }
  return nfc(out);
}

/**
 * cty holds every string in Unicode normal form C, so "e\u0301" (e and a combining acute) is the
 * string "é": equal to it, one key with it in an object, one element with it in a set. Only text
 * with a character from U+0300 on can change.
 */
function nfc(s: string): string {
  return /[\u0300-\uffff]/.test(s) ? s.normalize('NFC') : s;
}

function renderPart(part: Expr, scope: Scope): string | Unknown {
  if (part.kind === 'literal' && typeof part.value === 'string') return part.value;
  if (part.kind === 'templateIf') {
    const c = evaluate(part.cond, scope);
    if (c instanceof Unknown) return c;
    const r = renderTemplate(asBool(c, 'Template "if" condition') ? part.then : part.else, scope);
    return r as string | Unknown;
  }
  if (part.kind === 'templateFor') {
    const coll = evaluate(part.coll, scope);
    if (coll instanceof Unknown) return coll;
    let out = '';
    for (const [k, v] of iterate(coll, 'Template "for" collection')) {
      const names = new Map<string, Value>([[part.valVar, v]]);
      if (part.keyVar !== undefined) names.set(part.keyVar, k);
      const r = renderTemplate(part.body, scope.child(names));
      if (r instanceof Unknown) return r;
      out += r as string;
    }
    return out;
  }
  const v = evaluate(part, scope);
  if (v instanceof Unknown) return v;
  if (v === null) throw new DynamicError('Invalid template interpolation value: the expression result is null', span(part, scope));
  if (typeof v === 'object') throw new DynamicError(`Invalid template interpolation value: cannot include a value of type ${typeName(v)} in a string template`, span(part, scope));
  return asString(v, 'Template interpolation');
}

// ---- for expressions ----------------------------------------------------------------------------

function evalFor(e: Expr & { kind: 'for' }, scope: Scope): Value {
  const coll = evaluate(e.coll, scope);
  if (coll instanceof Unknown) return coll;
  const isObj = e.keyExpr !== undefined;
  const tuple: Value[] = [];
  const obj = newObject(undefined, 'object');
  const grouped = new Map<string, Value[]>();
  for (const [k, v] of iterate(coll, 'The "for" collection')) {
    const names = new Map<string, Value>([[e.valVar, v]]);
    if (e.keyVar !== undefined) names.set(e.keyVar, k);
    const s = scope.child(names);
    if (e.cond) {
      const c = evaluate(e.cond, s);
      if (c instanceof Unknown) return c;
      if (!asBool(c, 'The "for" condition')) continue;
    }
    if (!isObj) {
      tuple.push(evaluate(e.valExpr, s));
      continue;
    }
    const kv = evaluate(e.keyExpr!, s);
    if (kv instanceof Unknown) return kv;
    if (kv === null) throw new DynamicError('Invalid object key: the key expression produced a null value', span(e.keyExpr!, scope));
    const key = asString(kv, 'Object key');
    const val = evaluate(e.valExpr, s);
    if (e.group) {
      const g = grouped.get(key);
      if (g) g.push(val);
      else grouped.set(key, [val]);
    } else {
      if (key in obj) {
        throw new DynamicError(`Duplicate object key "${key}": two elements produced the same key; to group them, put "..." after the value expression`, span(e.keyExpr!, scope));
      }
      obj[key] = val;
    }
  }
  if (!isObj) return markKind(tuple, 'tuple');
  if (e.group) for (const [k, vs] of grouped) obj[k] = markKind(vs, 'tuple');
  return obj;
}

// ---- function calls -----------------------------------------------------------------------------

function evalCall(e: Expr & { kind: 'call' }, scope: Scope): Value {
  const at = span(e, scope);
  if (e.name === 'try') {
    if (e.args.length === 0) throw new DynamicError('try() needs at least one argument', at);
    let last: DynamicError | undefined;
    for (const a of e.args) {
      try {
        const v = evaluate(a, scope);
        const u = findUnknown(v);
        return u ? new Unknown(`try() cannot decide before apply: ${u.reason}`, u.at ?? at, u.ref) : v;
      } catch (err) {
        if (!(err instanceof DynamicError)) throw err;
        last = err;
      }
    }
    throw new DynamicError(`No try() argument succeeded; the last error: ${last!.message}`, at);
  }
  if (e.name === 'can') {
    if (e.args.length !== 1) throw new DynamicError('can() takes exactly one argument', at);
    try {
      const v = evaluate(e.args[0]!, scope);
      const u = findUnknown(v);
      return u ? new Unknown(`can() cannot decide before apply: ${u.reason}`, u.at ?? at, u.ref) : true;
    } catch (err) {
      if (!(err instanceof DynamicError)) throw err;
      return false;
    }
  }
  if (e.name === 'templatestring' && e.args[0]) checkTemplateReference(e.args[0], at);
  const args = e.args.map((a) => evaluate(a, scope));
  if (e.expandFinal) {
    const last = args.pop()!;
    if (last instanceof Unknown) return last;
    if (Array.isArray(last)) pushAll(args, last);
    else if (last instanceof TfSet) pushAll(args, last.items);
    else throw new DynamicError(`Invalid expanding argument: the final argument before "..." must be a list, tuple or set, not ${typeName(last)}`, at);
  }
  try {
    return scope.resolver.callFunction(e.name, args, at);
  } catch (err) {
    if (err instanceof FunctionError) throw new DynamicError(`Error in function call ${e.name}(): ${err.message}`, at);
    // A result beyond what memory can hold (a string of a billion characters): a value error here.
    if (err instanceof RangeError && /invalid (string|array) length|allocation failed/i.test(err.message)) {
      throw new DynamicError(`Error in function call ${e.name}(): the result is too large to compute`, at);
    }
    throw err;
  }
}

/**
 * templatestring() renders a template fetched from elsewhere, so Terraform requires its first
 * argument to be written as a reference (`local.tpl`, `data.x.y.content`), not a template or a call.
 */
function checkTemplateReference(arg: Expr, at: Span): void {
  if (arg.kind === 'variable' || arg.kind === 'getAttr' || arg.kind === 'index') return;
  const why =
    arg.kind === 'templateWrap'
      ? 'templatestring is only for rendering templates retrieved dynamically from elsewhere; to treat the inner expression as template syntax, write the reference expression directly without any template interpolation syntax'
      : arg.kind === 'template' || (arg.kind === 'literal' && typeof arg.value === 'string')
        ? 'templatestring is only for rendering templates retrieved dynamically from elsewhere; to render an inline template, consider using a plain template string expression'
        : 'must be a direct reference to a single string from elsewhere, containing valid Terraform template syntax';
  throw new DynamicError(`Error in function call templatestring(): Invalid value for "template" parameter: invalid template expression: ${why}.`, at);
}

/** A resource or module object: attributes the configuration does not set are known only after apply. */
export function markResource(o: ObjectValue, address: string): ObjectValue {
  Object.defineProperty(o, RESOURCE_ADDRESS, { value: address, enumerable: false });
  return o;
}

/**
 * A resource's nested blocks (`vpc_config`, blocks inside them), as references read them: like the
 * resource's own, an argument the configuration does not set in a block is for the provider to
 * compute (EKS's `vpc_config[0].cluster_security_group_id`), known only after apply. Without the
 * provider's schema gridfence cannot tell such an attribute from a misspelt one, and an unknown is
 * never an error. `v` is returned, its block objects marked in place.
 */
export function markBlocks(v: Value | undefined, address: string, path: string): Value | undefined {
  if (!Array.isArray(v)) return v;
  v.forEach((b, i) => {
    if (!isObject(b) || RESOURCE_ADDRESS in b) return;
    const at = `${path}[${i}]`;
    Object.defineProperty(b, RESOURCE_ADDRESS, { value: address, enumerable: false });
    Object.defineProperty(b, BLOCK_PATH, { value: at, enumerable: false });
    // Blocks inside a block are lists of objects; an argument's list of objects is marked alike.
    for (const k in b) markBlocks(b[k], address, `${at}.${k}`);
  });
  return v;
}
