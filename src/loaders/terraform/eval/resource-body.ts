/**
 * Evaluates a resource's body into attributes and nested blocks, expanding `dynamic` blocks (nested
 * ones too) in source order, and records the source span of every attribute and block by path.
 * An unknown dynamic `for_each` makes that block type's whole list unknown, as in Terraform.
 */
import { InputError } from '../../../model/errors.js';
import { LazySources } from '../../../model/lazy-sources.js';
import type { Span } from '../../../model/source.js';
import { Unknown, newObject, type ObjectValue, type Value } from '../../../model/value.js';
import type { Block, Body, DeferredBlock } from '../hcl/ast.js';
import { iterate } from './convert.js';
import { DynamicError } from './dynamic-error.js';
import { evaluate } from './expr.js';
import type { Scope } from './scope.js';

export interface BodyResult {
  attrs: ObjectValue;
  sources: Map<string, Span>;
}

export interface BodyOptions {
  /**
   * Receives an attribute's evaluation error; the attribute then becomes Unknown and evaluation
   * goes on, so that one run reports every error. Without it, the first error is thrown.
   */
  onError?: (e: InputError | DynamicError) => void;
  /** Top-level attribute names to leave out (meta-arguments). */
  skipAttrs?: ReadonlySet<string>;
  /** Top-level block types to leave out (lifecycle, provisioner, …). */
  skipBlocks?: ReadonlySet<string>;
}

/** Whether static bodies get their source index on first read; tests turn it off to compare the two. */
export const sourceIndexing = { lazy: true };

/**
 * `from`, when given, is the deferred block `body` was parsed from: the source index then parses
 * it again if it is ever read, rather than keeping this tree alive.
 */
export function evalResourceBody(body: Body, scope: Scope, opts: BodyOptions = {}, from?: DeferredBlock): BodyResult {
  // A body without dynamic blocks places every path from its text alone: its index is built when
  // first read (most resources' never is, and thousands of eager maps weigh on the collector).
  if (sourceIndexing.lazy && isStatic(body)) return { attrs: evalBody(body, scope, '', undefined, opts, opts.onError), sources: new StaticSources(from ?? body, opts) };
  const sources = new Map<string, Span>();
  const attrs = evalBody(body, scope, '', sources, opts, opts.onError);
  return { attrs, sources };
}

/**
 * Whether a body's paths follow from its text: no `dynamic` block at any depth, and no block type
 * that is also an attribute of the same body (whose list the blocks would extend).
 */
function isStatic(body: Body): boolean {
  for (const b of body.blocks) {
    if (b.type === 'dynamic' || body.attributes.has(b.type) || !isStatic(b.body)) return false;
  }
  return true;
}

/** A block index as the source index writes it: decimal, no leading zero. */
const INDEX = /^(0|[1-9][0-9]*)$/;

/** The source index of a static body, as evalBody would have filled it, built when read whole. */
class StaticSources extends LazySources {
  /** The body, or the deferred block to parse it from on first need. */
  private from: Body | DeferredBlock | undefined;

  // The names left out, not the whole options: those hold the caller's error handler, which need
  // not outlive evaluation.
  private readonly skipAttrs: ReadonlySet<string> | undefined;
  private readonly skipBlocks: ReadonlySet<string> | undefined;

  constructor(from: Body | DeferredBlock, opts: BodyOptions) {
    super();
    this.from = from;
    this.skipAttrs = opts.skipAttrs;
    this.skipBlocks = opts.skipBlocks;
  }

  protected override build(set: (path: string, span: Span) => void): void {
    const walk = (b: Body, prefix: string, top: boolean): void => {
      for (const a of b.attributes.values()) {
        if (top && this.skipAttrs?.has(a.name)) continue;
        set(prefix === '' ? a.name : prefix + a.name, a);
      }
      const counts = new Map<string, number>();
      for (const x of b.blocks) {
        if (top && this.skipBlocks?.has(x.type)) continue;
        const n = counts.get(x.type) ?? 0;
        counts.set(x.type, n + 1);
        const path = `${prefix}${x.type}[${n}]`;
        set(path, x);
        walk(x.body, path + '.', false);
      }
    };
    const body = this.body();
    if (body) walk(body, '', true);
  }

  /** The body, parsed (once) if it was deferred: a resource whose spans are read is likely read again. */
  private body(): Body | undefined {
    const f = this.from;
    if (f && 'kind' in f) this.from = f.body;
    return this.from as Body | undefined;
  }

  protected override release(): void {
    this.from = undefined;
  }

  /** The span `build` would file under `key`: `name`, `type[n]`, `type[n].name`, `type[n].type2[m]`, … */
  protected override lookup(key: string): Span | undefined {
    let body = this.body();
    if (!body) return undefined;
    let top = true;
    for (let at = 0; ; ) {
      const dot = key.indexOf('.', at);
      const seg = dot < 0 ? key.slice(at) : key.slice(at, dot);
      const br = seg.indexOf('[');
      if (br < 0) {
        if (dot >= 0 || (top && this.skipAttrs?.has(seg))) return undefined;
        return body.attributes.get(seg);
      }
      const type = seg.slice(0, br);
      const digits = seg.slice(br + 1, -1);
      if (!seg.endsWith(']') || !INDEX.test(digits) || (top && this.skipBlocks?.has(type))) return undefined;
      let n = Number(digits);
      let found: Block | undefined;
      for (const b of body.blocks) {
        if (b.type === type && n-- === 0) {
          found = b;
          break;
        }
      }
      if (!found || dot < 0) return found;
      body = found.body;
      top = false;
      at = dot + 1;
    }
  }
}

type OnError = BodyOptions['onError'];

function recover<T>(onError: OnError, fallback: (e: Error) => T, fn: () => T): T {
  if (!onError) return fn();
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof InputError || e instanceof DynamicError)) throw e;
    onError(e);
    return fallback(e);
  }
}

function evalBody(body: Body, scope: Scope, prefix: string, sources: Map<string, Span> | undefined, opts: BodyOptions, onError: OnError): ObjectValue {
  const out = newObject();
  for (const a of body.attributes.values()) {
    const name = a.name;
    if (opts.skipAttrs?.has(name)) continue;
    let v: Value;
    try {
      // Each attribute in its own file: an override file's merged into the primary block (module-config.ts).
      v = evaluate(a.expr, scope.inFile(a.file));
    } catch (e) {
      if (!onError || !(e instanceof InputError || e instanceof DynamicError)) throw e;
      onError(e);
      v = new Unknown(`not evaluated: ${e.message}`, a);
    }
    out[name] = v;
    sources?.set(prefix === '' ? name : prefix + name, a);
  }
  for (const b of body.blocks) {
    if (opts.skipBlocks?.has(b.type)) continue;
    if (b.type === 'dynamic') {
      recover(onError, () => undefined, () => evalDynamic(b, scope.inFile(b.file), prefix, sources, out, onError));
      continue;
    }
    const list = out[b.type];
    if (list instanceof Unknown) continue;
    const arr = Array.isArray(list) ? list : (out[b.type] = []);
    const path = sources ? `${prefix}${b.type}[${(arr as Value[]).length}]` : '';
    sources?.set(path, b);
    (arr as Value[]).push(evalBody(b.body, scope.inFile(b.file), path + '.', sources, {}, onError));
  }
  return out;
}

function evalDynamic(b: Block, scope: Scope, prefix: string, sources: Map<string, Span> | undefined, out: ObjectValue, onError: OnError): void {
  const file = scope.file;
  const at = (x: { start: number; end: number }): Span => ({ file, start: x.start, end: x.end });
  if (b.labels.length !== 1) throw new InputError('tf-structure', 'A dynamic block needs exactly one label: the type of the blocks it generates', at(b));
  const type = b.labels[0]!.value;
  const forEach = b.body.attributes.get('for_each');
  if (!forEach) throw new InputError('tf-structure', `Missing required argument "for_each" in dynamic "${type}"`, at(b));
  const iterAttr = b.body.attributes.get('iterator');
  let iterName = type;
  if (iterAttr) {
    if (iterAttr.expr.kind !== 'variable') throw new InputError('tf-structure', 'The "iterator" of a dynamic block must be a bare name', at(iterAttr.expr));
    iterName = iterAttr.expr.name;
  }
  const content = b.body.blocks.find((c) => c.type === 'content');
  if (!content) throw new InputError('tf-structure', `Missing "content" block in dynamic "${type}"`, at(b));
  const coll = evaluate(forEach.expr, scope);
  if (coll instanceof Unknown) {
    out[type] = new Unknown(`the "${type}" blocks depend on ${coll.reason}`, coll.at ?? at(forEach.expr), coll.ref);
    sources?.set(prefix + type, at(b));
    return;
  }
  const existing = out[type];
  if (existing instanceof Unknown) return;
  const arr: Value[] = Array.isArray(existing) ? existing : (out[type] = []) as Value[];
  if (coll === null) throw new DynamicError(`Invalid dynamic for_each value: cannot use a null value in the for_each of dynamic "${type}"`, at(forEach.expr));
  for (const [k, v] of iterate(coll, `The for_each of dynamic "${type}"`, at(forEach.expr))) {
    const iter = newObject([
      ['key', k],
      ['value', v],
    ]);
    const s = scope.child(new Map([[iterName, iter]]));
    const path = `${prefix}${type}[${arr.length}]`;
    sources?.set(path, content);
    arr.push(evalBody(content.body, s, path + '.', sources, {}, onError));
  }
}
