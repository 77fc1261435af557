/**
 * Evaluation of a template's values: parameters, pseudo parameters, mappings, conditions and the
 * intrinsic functions. Contracts:
 * - A value is known exactly when CloudFormation would compute it before deployment; anything else
 *   (a resource's id, an attribute not written in the template, the region, an import) is an
 *   Unknown, which makes every result depending on it Unknown. Nothing is guessed.
 * - `AWS::NoValue` evaluates to NO_VALUE: the property or list element that holds it is removed.
 * - Text holding a dynamic reference (`{{resolve:…}}`) is an Unknown: it is replaced at deployment.
 * - A malformed intrinsic or a reference to nothing is a located error problem and its value an
 *   Unknown; an intrinsic this evaluator does not implement is a warning and its value an Unknown.
 *   Evaluation never throws for the template's content.
 * - Conditions are three-valued: true, false or an Unknown (e.g. they compare the region).
 * - With a `sources` map and a path, every property path met while evaluating is recorded with its
 *   place: a map entry from its key through its value, a list element by itself. Paths index the
 *   evaluated lists (after AWS::NoValue removed elements), so they name what the value holds.
 */
import type { InputProblem } from '../../model/errors.js';
import { parseCidr, formatPrefix, addressBits } from '../../model/net/cidr.js';
import { type SourceFile, type Span, toLocation } from '../../model/source.js';
import { Unknown, findUnknown, isObject, newObject, type ObjectValue, type Value } from '../../model/value.js';
import type { MapNode, Node } from './syntax.js';
import { table } from '../../model/table.js';

export const NO_VALUE: unique symbol = Symbol('cfn.NoValue');
/** How every dynamic reference begins. */
const DYNAMIC_REFERENCE = '{{resolve:';
export type Result = Value | typeof NO_VALUE;

/** Pseudo parameters whose values are the same for every stack this analyser considers (the commercial partition). */
const KNOWN_PSEUDO: Record<string, string> = table({ 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' });
const UNKNOWN_PSEUDO = new Set(['AWS::Region', 'AWS::AccountId', 'AWS::StackName', 'AWS::StackId', 'AWS::NotificationARNs']);
const CONDITION_FUNCTIONS = new Set(['Fn::Equals', 'Fn::Not', 'Fn::And', 'Fn::Or', 'Condition']);

export type Tri = boolean | Unknown;

export interface Parameter {
  value: Value;
  span: Span;
}

export class Evaluator {
  readonly problems: InputProblem[] = [];
  private readonly conditionCache = new Map<string, Tri>();
  private readonly conditionsInProgress = new Set<string>();
  private readonly getAttInProgress = new Set<string>();
  /** While set, problems are not recorded: a value evaluated again has reported its problems once. */
  private quiet = false;

  constructor(
    readonly file: SourceFile,
    /** Declared parameters with their values (override, default, or an Unknown). */
    private readonly parameters: Map<string, Parameter>,
    /** Values given for pseudo parameters (e.g. "AWS::Region"). */
    private readonly pseudo: Record<string, string>,
    private readonly mappings: MapNode | undefined,
    private readonly conditions: MapNode | undefined,
    /** Resources by logical id, as written: Fn::GetAtt reads their properties. */
    private readonly resources: Map<string, MapNode>,
  ) {}

  span(n: { start: number; end: number }): Span {
    return { file: this.file, start: n.start, end: Math.max(n.end, n.start) };
  }

  problem(severity: 'error' | 'warning', message: string, at: { start: number; end: number }): void {
    if (this.quiet) return;
    this.problems.push({ severity, code: 'cfn', message, location: toLocation(this.span(at)) });
  }

  /** An error at `at` and the Unknown that stands for the value that could not be computed. */
  fail(message: string, at: { start: number; end: number }): Unknown {
    this.problem('error', message, at);
    return new Unknown(message, this.span(at));
  }

  /** The intrinsic a node calls, when it is a one-key map whose key names one. */
  intrinsic(n: Node, conditionContext = false): string | undefined {
    if (n.k !== 'map' || n.entries.length !== 1) return undefined;
    const key = n.entries[0]!.key;
    if (key === 'Ref' || key.startsWith('Fn::') || key.startsWith('!')) return key;
    if (key === 'Condition' && (conditionContext || n.tagged)) return key;
    return undefined;
  }

  /** A value; with `path` and `sources`, records the place of every property path inside it. */
  value(n: Node, path?: string, sources?: Map<string, Span>): Result {
    if (path !== undefined && sources) sources.set(path, this.span(n));
    const fn = this.intrinsic(n);
    if (fn !== undefined) return this.call(fn, n as MapNode, path, sources);
    if (n.k === 'scalar') return typeof n.value === 'string' && n.value.includes(DYNAMIC_REFERENCE) ? this.dynamicReference(n.value, n) : n.value;
    if (n.k === 'seq') {
      const out: Value[] = [];
      for (const it of n.items) {
        const child = path !== undefined && sources ? `${path}[${out.length}]` : undefined;
        const v = this.value(it, child, sources);
        if (v !== NO_VALUE) out.push(v);
        else if (child !== undefined) sources!.delete(child);
      }
      return out;
    }
    const o = newObject();
    for (const e of n.entries) {
      const child = path !== undefined && sources ? (path === '' ? e.key : `${path}.${e.key}`) : undefined;
      const v = this.value(e.value, child, sources);
      if (v === NO_VALUE) {
        if (child !== undefined) sources!.delete(child);
        continue;
      }
      if (child !== undefined) sources!.set(child, this.span({ start: e.keyStart, end: e.value.end }));
      o[e.key] = v;
    }
    return o;
  }

  /**
   * Text holding a dynamic reference (`{{resolve:ssm:/net/admin-cidr}}`, `{{resolve:secretsmanager:…}}`):
   * CloudFormation puts the parameter's or secret's value in its place at deployment, so the text is
   * not the value. A string built around one (Fn::Sub, Fn::Join) holds this Unknown and is one too.
   */
  private dynamicReference(text: string, at: { start: number; end: number }): Unknown {
    const ref = /\{\{resolve:[^}]*\}\}/.exec(text)?.[0] ?? text;
    return new Unknown(`${ref} is a dynamic reference, resolved at deployment`, this.span(at));
  }

  /**
   * The places of every property path of a value evaluated before, evaluating it again without
   * recording its problems (evaluation is deterministic: conditions are cached, parameters fixed).
   */
  sourcesOf(n: Node): Map<string, Span> {
    const sources = new Map<string, Span>();
    const was = this.quiet;
    this.quiet = true;
    try {
      this.value(n, '', sources);
    } finally {
      this.quiet = was;
    }
    sources.delete('');
    return sources;
  }

  /** A value where AWS::NoValue has no place to be removed from: it reads as an Unknown-free null. */
  plain(n: Node): Value {
    const v = this.value(n);
    return v === NO_VALUE ? null : v;
  }

  private call(fn: string, n: MapNode, path?: string, sources?: Map<string, Span>): Result {
    const arg = n.entries[0]!.value;
    switch (fn) {
      case 'Ref':
        return this.ref(arg, n);
      case 'Fn::If':
        return this.fnIf(arg, n, path, sources);
      case 'Fn::GetAtt':
        return this.getAtt(arg, n);
      case 'Fn::Sub':
        return this.sub(arg, n);
      case 'Fn::Join':
        return this.join(arg, n);
      case 'Fn::Select':
        return this.select(arg, n);
      case 'Fn::Split':
        return this.split(arg, n);
      case 'Fn::FindInMap':
        return this.findInMap(arg, n);
      case 'Fn::GetAZs':
        return new Unknown('the Availability Zones of the region are known only at deployment', this.span(n));
      case 'Fn::Cidr':
        return this.cidr(arg, n);
      case 'Fn::Base64': {
        const v = this.plain(arg);
        if (v instanceof Unknown) return v;
        if (typeof v !== 'string') return this.fail('Fn::Base64 takes a string', n);
        return Buffer.from(v, 'utf8').toString('base64');
      }
      case 'Fn::ImportValue': {
        const v = this.plain(arg);
        const name = typeof v === 'string' ? v : v instanceof Unknown ? 'a value' : undefined;
        if (name === undefined) return this.fail('Fn::ImportValue takes the name of an export', n);
        return new Unknown(`${name} is exported by another stack`, this.span(n));
      }
      default: {
        // A condition function among values (as `!Condition` or `!Equals` in a property) yields its truth.
        if (CONDITION_FUNCTIONS.has(fn)) return this.condition(n);
        const name = fn.startsWith('!') ? `The tag ${fn}` : `The intrinsic function ${fn}`;
        this.problem('warning', `${name} is not supported; its value is taken as unknown`, n);
        return new Unknown(`${fn} is not evaluated`, this.span(n));
      }
    }
  }

  private ref(arg: Node, at: Node): Result {
    if (arg.k !== 'scalar' || typeof arg.value !== 'string') return this.fail('Ref takes the name of a parameter or resource', at);
    return this.refName(arg.value, at);
  }

  private refName(name: string, at: { start: number; end: number }): Result {
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (Object.hasOwn(this.pseudo, name)) return this.pseudo[name]!;
    if (name in KNOWN_PSEUDO) return KNOWN_PSEUDO[name]!;
    if (UNKNOWN_PSEUDO.has(name)) return new Unknown(`${name} is known only at deployment`, this.span(at));
    const p = this.parameters.get(name);
    // A parameter's value is put in the template as written, a dynamic reference in it resolved then.
    if (p) return typeof p.value === 'string' && p.value.includes(DYNAMIC_REFERENCE) ? this.dynamicReference(p.value, at) : p.value;
    if (this.resources.has(name)) return new Unknown(`${name} is known only after deployment`, this.span(at), name);
    return this.fail(`Ref to ${JSON.stringify(name)}, which is neither a parameter nor a resource of the template`, at);
  }

  private getAtt(arg: Node, at: Node): Result {
    let res: string | undefined;
    let attr: Value | undefined;
    if (arg.k === 'scalar' && typeof arg.value === 'string' && arg.value.includes('.')) {
      const dot = arg.value.indexOf('.');
      res = arg.value.slice(0, dot);
      attr = arg.value.slice(dot + 1);
    } else if (arg.k === 'seq' && arg.items.length === 2 && arg.items[0]!.k === 'scalar' && typeof arg.items[0]!.value === 'string') {
      res = arg.items[0]!.value;
      attr = this.plain(arg.items[1]!);
    }
    if (res === undefined || attr === undefined) return this.fail('Fn::GetAtt takes [LogicalId, Attribute] or "LogicalId.Attribute"', at);
    if (attr instanceof Unknown) return new Unknown(`an attribute of ${res} is known only after deployment`, this.span(at), res);
    if (typeof attr !== 'string') return this.fail('The attribute name of Fn::GetAtt must be a string', at);
    return this.attribute(res, attr, at);
  }

  /** An attribute of a resource: the property of the same name when the template writes it, else Unknown. */
  private attribute(res: string, attr: string, at: { start: number; end: number }): Result {
    const r = this.resources.get(res);
    if (!r) return this.fail(`Fn::GetAtt of ${JSON.stringify(res)}, which is not a resource of the template`, at);
    const props = r.entries.find((e) => e.key === 'Properties')?.value;
    const prop = props?.k === 'map' ? props.entries.find((e) => e.key === attr) : undefined;
    const key = `${res}.${attr}`;
    if (prop && !this.getAttInProgress.has(key)) {
      this.getAttInProgress.add(key);
      try {
        const v = this.value(prop.value);
        if (v !== NO_VALUE) return v;
      } finally {
        this.getAttInProgress.delete(key);
      }
    }
    return new Unknown(`${key} is known only after deployment`, this.span(at), res);
  }

  private fnIf(arg: Node, at: Node, path?: string, sources?: Map<string, Span>): Result {
    if (arg.k !== 'seq' || arg.items.length !== 3 || arg.items[0]!.k !== 'scalar' || typeof arg.items[0]!.value !== 'string') {
      return this.fail('Fn::If takes [ConditionName, ValueIfTrue, ValueIfFalse]', at);
    }
    const c = this.namedCondition(arg.items[0]!.value, arg.items[0]!);
    if (c instanceof Unknown) return new Unknown(c.reason, this.span(at), c.ref);
    return this.value(arg.items[c ? 1 : 2]!, path, sources);
  }

  private sub(arg: Node, at: Node): Result {
    let template: Node = arg;
    const vars = new Map<string, Node>();
    if (arg.k === 'seq') {
      if (arg.items.length !== 2 || arg.items[1]!.k !== 'map') return this.fail('Fn::Sub takes a string or [String, {Name: Value}]', at);
      template = arg.items[0]!;
      for (const e of (arg.items[1] as MapNode).entries) vars.set(e.key, e.value);
    }
    const t = this.plain(template);
    if (t instanceof Unknown) return t;
    if (typeof t !== 'string') return this.fail('The template of Fn::Sub must be a string', at);
    let out = '';
    let firstUnknown: Unknown | undefined;
    let firstRef: string | undefined;
    const re = /\$\{([^}]*)\}/g;
    let last = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      out += t.slice(last, m.index);
      last = m.index + m[0].length;
      const name = m[1]!.trim();
      if (name.startsWith('!')) {
        out += '${' + m[1]!.slice(1) + '}';
        continue;
      }
      let v: Result;
      if (vars.has(name)) v = this.value(vars.get(name)!);
      else if (name.includes('.') && !this.parameters.has(name) && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        v = this.attribute(name.slice(0, dot), name.slice(dot + 1), at);
      } else v = this.refName(name, at);
      if (v === NO_VALUE) continue;
      if (v instanceof Unknown) {
        firstUnknown ??= v;
        firstRef ??= v.ref;
        continue;
      }
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out += v.join(',');
      else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out += String(v);
      else {
        const u = findUnknown(v);
        if (u) {
          firstUnknown ??= u;
          firstRef ??= u.ref;
        } else return this.fail(`\${${name}} in Fn::Sub is not a string`, at);
      }
    }
    if (firstUnknown) return new Unknown(firstUnknown.reason, this.span(at), firstRef);
    return out + t.slice(last);
  }

  /** The operands of a list-taking intrinsic: a list node evaluated item by item (AWS::NoValue removed). */
  private list(n: Node): Value[] | Unknown | undefined {
    const v = this.plain(n);
    if (v instanceof Unknown) return v;
    return Array.isArray(v) ? v : undefined;
  }

  private join(arg: Node, at: Node): Result {
    if (arg.k !== 'seq' || arg.items.length !== 2) return this.fail('Fn::Join takes [Delimiter, [Values]]', at);
    const d = this.plain(arg.items[0]!);
    const items = this.list(arg.items[1]!);
    if (d instanceof Unknown) return d;
    if (typeof d !== 'string') return this.fail('The delimiter of Fn::Join must be a string', at);
    if (items instanceof Unknown) return new Unknown(items.reason, this.span(at), items.ref);
    if (!items) return this.fail('Fn::Join takes a list of values', arg.items[1]!);
    const u = items.find((x): x is Unknown => x instanceof Unknown);
    if (u) return new Unknown(u.reason, this.span(at), u.ref);
    if (!items.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) return this.fail('Fn::Join joins strings', at);
    return items.map(String).join(d);
  }

  private select(arg: Node, at: Node): Result {
    if (arg.k !== 'seq' || arg.items.length !== 2) return this.fail('Fn::Select takes [Index, [Values]]', at);
    const i = this.plain(arg.items[0]!);
    const items = this.list(arg.items[1]!);
    if (i instanceof Unknown) return new Unknown(i.reason, this.span(at), i.ref);
    const index = typeof i === 'number' ? i : typeof i === 'string' && /^\d+$/.test(i) ? Number(i) : NaN;
    if (!Number.isInteger(index) || index < 0) return this.fail('The index of Fn::Select must be a non-negative integer', arg.items[0]!);
    if (items instanceof Unknown) return new Unknown(items.reason, this.span(at), items.ref);
    if (!items) return this.fail('Fn::Select takes a list of values', arg.items[1]!);
    if (index >= items.length) return this.fail(`Fn::Select index ${index} is out of range for a list of ${items.length}`, at);
    return items[index]!;
  }

  private split(arg: Node, at: Node): Result {
    if (arg.k !== 'seq' || arg.items.length !== 2) return this.fail('Fn::Split takes [Delimiter, String]', at);
    const d = this.plain(arg.items[0]!);
    const s = this.plain(arg.items[1]!);
    if (d instanceof Unknown) return d;
    if (typeof d !== 'string' || d === '') return this.fail('The delimiter of Fn::Split must be a non-empty string', at);
    if (s instanceof Unknown) return new Unknown(s.reason, this.span(at), s.ref);
    if (typeof s !== 'string') return this.fail('Fn::Split splits a string', at);
    return s.split(d);
  }

  private findInMap(arg: Node, at: Node): Result {
    if (arg.k !== 'seq' || (arg.items.length !== 3 && arg.items.length !== 4)) return this.fail('Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]', at);
    // The fourth item is the language extensions' { DefaultValue: … }.
    const dflt = arg.items[3]?.k === 'map' ? arg.items[3].entries.find((e) => e.key === 'DefaultValue')?.value : undefined;
    const keys: string[] = [];
    for (const k of arg.items.slice(0, 3)) {
      const v = this.plain(k);
      if (v instanceof Unknown) return new Unknown(v.reason, this.span(at), v.ref);
      if (typeof v !== 'string' && typeof v !== 'number') return this.fail('The keys of Fn::FindInMap must be strings', k);
      keys.push(String(v));
    }
    let node: Node | undefined = this.mappings;
    for (const k of keys) node = node?.k === 'map' ? node.entries.find((e) => e.key === k)?.value : undefined;
    if (!node) {
      if (dflt) return this.value(dflt);
      return this.fail(`Fn::FindInMap: ${keys.join('/')} is not in the template's Mappings`, at);
    }
    return this.value(node);
  }

  private cidr(arg: Node, at: Node): Result {
    if (arg.k !== 'seq' || arg.items.length !== 3) return this.fail('Fn::Cidr takes [IpBlock, Count, CidrBits]', at);
    const [block, count, bits] = arg.items.map((x) => this.plain(x));
    for (const v of [block, count, bits]) if (v instanceof Unknown) return new Unknown(v.reason, this.span(at), v.ref);
    const p = typeof block === 'string' ? parseCidr(block) : undefined;
    const n = typeof count === 'number' ? count : typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : NaN;
    const host = typeof bits === 'number' ? bits : typeof bits === 'string' && /^\d+$/.test(bits) ? Number(bits) : NaN;
    if (!p) return this.fail('The IP block of Fn::Cidr must be a CIDR block', arg.items[0]!);
    if (!Number.isInteger(n) || n < 1 || n > 256) return this.fail('The count of Fn::Cidr must be an integer from 1 to 256', arg.items[1]!);
    const width = addressBits(p.version);
    const newBits = width - host;
    if (!Number.isInteger(host) || host < 0 || newBits < p.bits) return this.fail(`Fn::Cidr cannot make subnets of ${host} host bits in ${block}`, arg.items[2]!);
    if (BigInt(n) > 1n << BigInt(newBits - p.bits)) return this.fail(`${block} has no room for ${n} subnets of ${host} host bits`, at);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(formatPrefix(p.version, p.network + (BigInt(i) << BigInt(host)), newBits));
    return out;
  }

  /** A condition expression (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition). */
  condition(n: Node): Tri {
    const fn = this.intrinsic(n, true);
    if (fn === undefined) {
      if (n.k === 'scalar' && typeof n.value === 'boolean') return n.value;
      if (n.k === 'scalar' && (n.value === 'true' || n.value === 'false')) return n.value === 'true';
      return this.fail('A condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition', n);
    }
    const arg = (n as MapNode).entries[0]!.value;
    switch (fn) {
      case 'Condition':
        if (arg.k !== 'scalar' || typeof arg.value !== 'string') return this.fail('Condition takes the name of a condition', n);
        return this.namedCondition(arg.value, n);
      case 'Fn::Equals': {
        if (arg.k !== 'seq' || arg.items.length !== 2) return this.fail('Fn::Equals takes [Value1, Value2]', n);
        const [a, b] = arg.items.map((x) => this.plain(x)) as [Value, Value];
        const u = findUnknown(a) ?? findUnknown(b);
        if (u) return new Unknown(u.reason, this.span(n), u.ref);
        return same(a, b);
      }
      case 'Fn::Not': {
        if (arg.k !== 'seq' || arg.items.length !== 1) return this.fail('Fn::Not takes [Condition]', n);
        const c = this.condition(arg.items[0]!);
        return c instanceof Unknown ? c : !c;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (arg.k !== 'seq' || arg.items.length < 2 || arg.items.length > 10) return this.fail(`${fn} takes from 2 to 10 conditions`, n);
        const decisive = fn === 'Fn::Or';
        let unknown: Unknown | undefined;
        for (const c of arg.items.map((x) => this.condition(x))) {
          if (c === decisive) return decisive;
          if (c instanceof Unknown) unknown ??= c;
        }
        return unknown ?? !decisive;
      }
      default:
        return this.fail(`${fn} is not a condition function`, n);
    }
  }

  /** A condition of the Conditions section by name, evaluated once. */
  namedCondition(name: string, at: { start: number; end: number }): Tri {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const def = this.conditions?.entries.find((e) => e.key === name);
    if (!def) return this.fail(`The condition ${JSON.stringify(name)} is not defined in Conditions`, at);
    if (this.conditionsInProgress.has(name)) return this.fail(`The condition ${JSON.stringify(name)} depends on itself`, { start: def.keyStart, end: def.value.end });
    this.conditionsInProgress.add(name);
    const c = this.condition(def.value);
    this.conditionsInProgress.delete(name);
    this.conditionCache.set(name, c);
    return c;
  }
}

/** Fn::Equals compares strings: a number written as 1 equals the parameter value "1". */
function same(a: Value, b: Value): boolean {
  const prim = (v: Value) => v === null || typeof v !== 'object';
  if (prim(a) && prim(b)) return String(a) === String(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]!));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && same(a[k]!, (b as ObjectValue)[k]!));
  }
  return false;
}
