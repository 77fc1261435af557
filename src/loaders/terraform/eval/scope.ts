/**
 * Evaluation scopes. A scope holds the names bound by `for` expressions, dynamic-block iterators,
 * splats and template variables, and defers every other reference root (var, local, module, data,
 * resources, path, count, each, …) to its Resolver, which knows the module instance.
 */
import type { SourceFile, Span } from '../../../model/source.js';
import type { Value } from '../../../model/value.js';
import type { Expr } from '../hcl/ast.js';

/** One step of a reference after its root name: `.name` or `[key]`. */
export type Step = { kind: 'attr'; name: string; end: number } | { kind: 'index'; key: Expr; end: number };

export interface Resolved {
  value: Value;
  /** How many of the steps the resolver applied itself (the rest are applied generically). */
  consumed: number;
}

export interface Resolver {
  /** Resolves reference root `name` followed by `steps`. Throws InputError for an undeclared name. */
  resolve(name: string, steps: readonly Step[], scope: Scope, span: Span): Resolved;
  /** Calls a built-in function with evaluated arguments. */
  callFunction(name: string, args: Value[], span: Span): Value;
}

/** Name used to bind the current element of a splat. */
export const SPLAT_ITEM = '\u0000splat';

export class Scope {
  constructor(
    readonly file: SourceFile,
    readonly resolver: Resolver,
    private readonly names?: ReadonlyMap<string, Value>,
    private readonly parent?: Scope,
  ) {}

  child(names: ReadonlyMap<string, Value>): Scope {
    return new Scope(this.file, this.resolver, names, this);
  }

  /** A bound name's value, or undefined when the name is not bound by an enclosing construct. */
  lookup(name: string): Value | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.names?.has(name)) return s.names.get(name);
    }
    return undefined;
  }

  /** The same bindings, evaluated in another file (a module's expressions live in several files). */
  inFile(file: SourceFile): Scope {
    return file === this.file ? this : new Scope(file, this.resolver, this.names, this.parent);
  }
}
