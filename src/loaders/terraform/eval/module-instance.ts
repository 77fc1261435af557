/**
 * One instance of a module (the root, or one key of a module call), and the Resolver of every
 * reference made inside it. References resolve lazily and are memoised: `aws_vpc.main.cidr_block`
 * evaluates only that attribute; an attribute the configuration does not set is Unknown ("known
 * only after apply"). Re-entering a value while it is being evaluated is a reference cycle.
 */
import path from 'node:path';
import { nearest } from '../../../config/suggest.js';
import { InputError } from '../../../model/errors.js';
import type { SourceFile, Span } from '../../../model/source.js';
import { Unknown, newObject, stripKinds, type ObjectValue, type Value } from '../../../model/value.js';
import { isDeferred, type Body } from '../hcl/ast.js';
import { RESOURCE_META, RESOURCE_META_BLOCKS, type ModuleCallDecl, type ModuleConfig, type ResourceDecl } from '../module-config.js';
import { COUNT_INDEX, EACH_KEY, EACH_VALUE } from './bindings.js';
import { DynamicError } from './dynamic-error.js';
import { expandOrFail, matchesKey, type Expansion, type InstanceKey } from './expansion.js';
import { evaluate, markBlocks, markResource } from './expr.js';
import { evalResourceBody, type BodyResult } from './resource-body.js';
import type { Installation } from '../installed-modules.js';
import { Scope, type Resolved, type Resolver, type Step } from './scope.js';
import { convertToType, parseTypeSpec, type TypeSpec } from './type-constraint.js';
import { checkYoungGeneration } from '../../../model/young-generation.js';

/** What a module instance needs from the run that evaluates it. */
export interface EvalHost {
  /** Loads (or returns the cached) configuration of a module directory; `installed`: one terraform init installed. */
  loadModule(dir: string, at: Span, installed: boolean): ModuleConfig;
  /** Where `terraform init` installed the remote module called at `key` ("vpc", "app.vpc"); undefined when it did not. */
  installedModule(key: string, source: string, version: string | undefined): Installation | undefined;
  callFunction(name: string, args: Value[], at: Span): Value;
  /**
   * Records an evaluation error of the resource at `address` without stopping the run. `absent`:
   * why the instance may not exist at all (its count or for_each is not known), in which case
   * Terraform may never evaluate what failed.
   */
  report(e: unknown, address: string, absent?: Unknown): void;
  /**
   * Counts `n` more instances (of a resource or a module call) of the run: false once the run's
   * budget is spent (the group then has none); throws the input error, at `at`, for the group that
   * spends it.
   */
  admit(n: number, what: string, at: Span): boolean;
  /** Guards against reference cycles: runs `fn` unless `key` is already being evaluated. */
  guard<T>(key: string, label: string, at: Span, fn: () => T): T;
  /** Root-module variable values from tfvars and the command line. */
  rootValue(name: string): { value: Value; origin: string } | undefined;
  /** Directory of the root module (absolute). */
  rootDir: string;
  /** `terraform.workspace` when known (TF_WORKSPACE); undefined: chosen when Terraform runs. */
  workspace: string | undefined;
  maxModuleDepth: number;
}

const NOT_SET = Symbol('notSet');

/**
 * Whether the run's budget takes `n` more instances of `what` (EvalHost.admit). When it does not,
 * `cut` is given what a reference to them reads; the call that spends the budget then throws its
 * input error.
 */
function admitted(host: EvalHost, n: number, what: string, at: Span, cut: (u: Unknown) => void): boolean {
  const leftOut = () => cut(new Unknown(`${what} is left out: the run expands more instances than gridfence takes`, at, what));
  let ok: boolean;
  try {
    ok = host.admit(n, what, at);
  } catch (e) {
    leftOut();
    throw e;
  }
  if (!ok) leftOut();
  return ok;
}

/**
 * An argument left null in the configuration is, for the many optional-and-computed arguments,
 * chosen by the provider at apply time (a VPC's generated IPv6 prefix, a default name). Without
 * the provider schema gridfence cannot tell which, so a reference to it is unknown, not null.
 */
function computedIfNull(address: string, name: string, at: Span): Unknown {
  return new Unknown(`${address}.${name} is null in the configuration, so the provider may set it at apply`, at, address);
}

export class ResourceInstance {
  private attrCache = new Map<string, Value>();
  private full: BodyResult | undefined;
  constructor(
    readonly group: ResourceGroup,
    readonly address: string,
    readonly scope: Scope,
    readonly key: InstanceKey,
  ) {}

  get decl(): ResourceDecl {
    return this.group.decl;
  }

  /** One attribute, evaluating no more than it needs. */
  attr(name: string, at: Span): Value {
    // Only attributes written in the body (and not meta-arguments) are ever cached.
    if (this.attrCache.has(name)) {
      const cached = this.attrCache.get(name)!;
      return cached === null ? computedIfNull(this.address, name, at) : cached;
    }
    const written = this.group.writes(name);
    if (written === 'attribute' && !RESOURCE_META.has(name)) {
      const a = this.group.body().attributes.get(name)!;
      // The provider's schema converts what the configuration writes (a tuple becomes a list): no certain kind.
      const v = stripKinds(this.group.module.host.guard(`attr:${this.address}.${name}`, `${this.address}.${name}`, at, () => evaluate(a.expr, this.scope.inFile(a.file))));
      this.attrCache.set(name, v);
      return v === null ? computedIfNull(this.address, name, at) : v;
    }
    if (written === 'block') return markBlocks(this.evaluateAll(at).attrs[name], this.address, `${this.address}.${name}`) ?? [];
    return new Unknown(`${this.address}.${name} is known only after apply`, at, this.address);
  }

  /** Every argument and nested block. */
  evaluateAll(at?: Span): BodyResult {
    if (this.full) return this.full;
    checkYoungGeneration();
    const span = at ?? { file: this.decl.file, start: this.decl.block.start, end: this.decl.block.end };
    this.full = this.group.module.host.guard(`full:${this.address}`, this.address, span, () =>
      evalResourceBody(
        this.group.body(),
        this.scope,
        {
          skipAttrs: RESOURCE_META,
          skipBlocks: RESOURCE_META_BLOCKS,
          onError: (e) => this.group.module.host.report(e, this.address, this.group.expand().unknown),
        },
        isDeferred(this.decl.block) ? this.decl.block : undefined,
      ),
    );
    return this.full;
  }

  asObject(at: Span): ObjectValue {
    const o = newObject(Object.entries(this.evaluateAll(at).attrs).map(([k, v]) => [k, v === null ? computedIfNull(this.address, k, at) : stripKinds(this.group.writes(k) === 'block' ? markBlocks(v, this.address, `${this.address}.${k}`)! : v)]));
    return markResource(o, this.address);
  }
}

export class ResourceGroup {
  private expansion: Expansion | undefined;
  private insts: ResourceInstance[] | undefined;
  private parsed: Body | undefined;
  private settled = false;
  /** Set when the run's instance budget left this group out: what a reference to it is. */
  cut: Unknown | undefined;
  constructor(
    readonly module: ModuleInstance,
    readonly decl: ResourceDecl,
  ) {}

  /**
   * The declaration's body. A deferred block's is parsed on first read and kept until the group is
   * settled; after that each read parses it again, so that a visited resource's tree can die young.
   */
  body(): Body {
    if (this.parsed) return this.parsed;
    const b = this.decl.block.body;
    if (!this.settled) this.parsed = b;
    return b;
  }

  /** Called once the group's instances are in the model. */
  settle(): void {
    this.settled = true;
    this.parsed = undefined;
  }

  /** Whether the body writes `name` at its top level as an attribute or as (dynamic) blocks; read without parsing a deferred body. */
  writes(name: string): 'attribute' | 'block' | undefined {
    const b = this.decl.block;
    if (isDeferred(b)) return b.attributeNames.includes(name) ? 'attribute' : b.blockTypes.includes(name) ? 'block' : undefined;
    const body = this.body();
    if (body.attributes.has(name)) return 'attribute';
    return body.blocks.some((x) => x.type === name || (x.type === 'dynamic' && x.labels[0]?.value === name)) ? 'block' : undefined;
  }

  get baseAddress(): string {
    const d = this.decl;
    return `${this.module.prefix}${d.mode === 'data' ? 'data.' : ''}${d.type}.${d.name}`;
  }

  expand(): Expansion {
    if (!this.expansion) {
      const d = this.decl;
      const scope = this.module.scope(d.file);
      const at = { file: d.file, start: d.block.start, end: d.block.end };
      this.expansion = this.module.host.guard(`expand:${this.baseAddress}`, this.baseAddress, at, () => expandOrFail(d.count, d.forEach, scope, this.baseAddress));
    }
    return this.expansion;
  }

  instances(): ResourceInstance[] {
    if (!this.insts) {
      const base = this.baseAddress;
      const scope = this.module.scope(this.decl.file);
      const keys = this.expand().keys;
      const d = this.decl;
      const at = { file: d.file, start: d.block.start, end: d.block.end };
      this.insts = [];
      if (!admitted(this.module.host, keys.length, base, at, (u) => (this.cut = u))) return this.insts;
      this.insts = keys.map((k) => new ResourceInstance(this, base + k.suffix, k.names.size ? scope.child(k.names) : scope, k));
    }
    return this.insts;
  }
}

export class ModuleCallGroup {
  private expansion: Expansion | undefined;
  private insts: ModuleInstance[] | undefined;
  /** Set when the run's instance budget left this call out: what a reference to it is. */
  cut: Unknown | undefined;
  constructor(
    readonly parent: ModuleInstance,
    readonly call: ModuleCallDecl,
  ) {}

  private where: { dir?: string; refused?: string; installed?: boolean } | undefined;

  /**
   * Where the module is read from: a local path, or the folder `terraform init` installed a remote
   * module in; for a remote module that is not read, why the installed copy is not (`refused`), or
   * nothing when none was installed.
   */
  get location(): { dir?: string; refused?: string; installed?: boolean } {
    if (this.where) return this.where;
    const s = this.call.source ?? '';
    // A local module inside an installed one is installed too.
    if (s.startsWith('./') || s.startsWith('../') || s === '.' || s === '..') return (this.where = { dir: path.resolve(this.parent.config.dir, s), installed: this.parent.installed });
    const names = [this.call.name];
    for (let m: ModuleInstance | undefined = this.parent; m?.call; m = m.parent) names.unshift(m.call.name);
    const installed = this.parent.host.installedModule(names.join('.'), s, this.call.version);
    return (this.where = !installed ? {} : 'dir' in installed ? { dir: installed.dir, installed: true } : { refused: installed.refused });
  }

  /** Whether the module's configuration is read (local, or installed by terraform init). */
  get isRead(): boolean {
    return this.location.dir !== undefined;
  }

  expand(): Expansion {
    if (!this.expansion) {
      const c = this.call;
      const at = { file: c.file, start: c.block.start, end: c.block.end };
      const addr = `${this.parent.prefix}module.${c.name}`;
      this.expansion = this.parent.host.guard(`expand:${addr}`, addr, at, () => expandOrFail(c.count, c.forEach, this.parent.scope(c.file), addr));
    }
    return this.expansion;
  }

  instances(): ModuleInstance[] {
    if (this.insts) return this.insts;
    const c = this.call;
    const at: Span = { file: c.file, start: c.block.start, end: c.block.end };
    const dir = this.location.dir;
    if (dir === undefined) return (this.insts = []);
    const depth = this.parent.callers.length + 1;
    if (depth > this.parent.host.maxModuleDepth) {
      throw new InputError('tf-module', `Module nesting deeper than ${this.parent.host.maxModuleDepth} levels: is module "${c.name}" calling itself?`, at);
    }
    for (let m: ModuleInstance | undefined = this.parent; m; m = m.parent) {
      if (m.config.dir === dir) {
        throw new InputError('tf-module', `Module cycle: module "${c.name}" (source "${c.source}") is already an enclosing module of this call`, at);
      }
    }
    const installed = this.location.installed === true;
    const config = this.parent.host.loadModule(dir, at, installed);
    checkArguments(c, config);
    const parentScope = this.parent.scope(c.file);
    const keys = this.expand().keys;
    const addr = `${this.parent.prefix}module.${c.name}`;
    this.insts = [];
    if (!admitted(this.parent.host, keys.length, addr, at, (u) => (this.cut = u))) return this.insts;
    this.insts = keys.map((k) => {
      const callScope = k.names.size ? parentScope.child(k.names) : parentScope;
      return new ModuleInstance(this.parent.host, config, `${this.parent.prefix}module.${c.name}${k.suffix}`, [...this.parent.callers, at], this.parent, {
        call: c,
        scope: callScope,
        installed,
      });
    });
    return this.insts;
  }
}

/**
 * Every argument of a module call must name a variable the module declares: Terraform rejects any
 * other ("Unsupported argument"). Checked before expansion, as Terraform validates a call with
 * `count = 0` too. Accepting a misspelt argument would silently leave the module's default in
 * place, so this is an input error located at the argument's name.
 */
function checkArguments(c: ModuleCallDecl, config: ModuleConfig): void {
  const extra = [...c.args.values()].filter((a) => !config.variables.has(a.name)).sort((a, b) => a.start - b.start);
  const first = extra[0];
  if (!first) return;
  const near = nearest(first.name, [...config.variables.keys()]);
  // One error, at the first; the others are named in it, so that one run shows every one to fix.
  const others = extra.slice(1).map((a) => `"${a.name}"`);
  throw new InputError(
    'tf-module',
    `Unsupported argument: an argument named "${first.name}" is not expected here (module "${c.name}" declares no variable "${first.name}")${near ? `: did you mean "${near}"?` : ''}${others.length ? `; nor does it declare ${others.join(', ')}` : ''}`,
    { file: c.file, start: first.start, end: first.nameEnd },
  );
}

interface CallBinding {
  call: ModuleCallDecl;
  /** The module was read from a folder terraform init installed. */
  installed: boolean;
  /** The calling module's scope, with this instance's count/each bound. */
  scope: Scope;
}

export class ModuleInstance implements Resolver {
  private readonly scopes = new Map<SourceFile, Scope>();
  private readonly vars = new Map<string, { value: Value; origin: string }>();
  private readonly locals = new Map<string, Value>();
  private readonly outputs = new Map<string, Value>();
  private readonly types = new Map<string, TypeSpec | undefined>();
  readonly groups: ResourceGroup[];
  /** Resource groups by mode ("managed" / "data"), type and name: nested maps, no key strings to build per reference. */
  private readonly groupIndex = new Map<string, Map<string, ResourceGroup>>();
  readonly calls: ModuleCallGroup[];
  private readonly callIndex = new Map<string, ModuleCallGroup>();

  constructor(
    readonly host: EvalHost,
    readonly config: ModuleConfig,
    /** Module address, e.g. "module.a[0].module.b" ("" for the root). */
    readonly address: string,
    readonly callers: Span[],
    readonly parent?: ModuleInstance,
    private readonly binding?: CallBinding,
  ) {
    this.groups = config.resources.map((d) => {
      const g = new ResourceGroup(this, d);
      const key = d.mode === 'data' ? `data.${d.type}` : d.type;
      let byName = this.groupIndex.get(key);
      if (!byName) this.groupIndex.set(key, (byName = new Map()));
      byName.set(d.name, g);
      return g;
    });
    this.calls = [...config.moduleCalls.values()].map((c) => {
      const g = new ModuleCallGroup(this, c);
      this.callIndex.set(c.name, g);
      return g;
    });
  }

  /** The module call that made this instance (none for the root module). */
  get call(): ModuleCallDecl | undefined {
    return this.binding?.call;
  }

  /** Whether this module was read from a folder terraform init installed. */
  get installed(): boolean {
    return this.binding?.installed === true;
  }

  /** Prefix for addresses inside this module: "" or "module.a." */
  get prefix(): string {
    return this.address ? this.address + '.' : '';
  }

  scope(file: SourceFile): Scope {
    let s = this.scopes.get(file);
    if (!s) {
      s = new Scope(file, this);
      this.scopes.set(file, s);
    }
    return s;
  }

  /** path.module: the module's directory relative to the root module's, as Terraform shows it. */
  get pathModule(): string {
    const rel = path.relative(this.host.rootDir, this.config.dir).split(path.sep).join('/');
    return rel === '' ? '.' : rel;
  }

  // ---- Resolver ---------------------------------------------------------------------------------

  callFunction(name: string, args: Value[], at: Span): Value {
    return this.host.callFunction(name, args, at);
  }

  resolve(name: string, steps: readonly Step[], scope: Scope, at: Span): Resolved {
    const attrStep = (i: number, what: string): string => {
      const st = steps[i];
      if (!st || st.kind !== 'attr') throw new InputError('tf-reference', `Invalid reference: ${what}`, at);
      return st.name;
    };
    switch (name) {
      case 'var':
        return { value: this.variable(attrStep(0, 'a variable name is required after "var."'), at).value, consumed: 1 };
      case 'local':
        return { value: this.local(attrStep(0, 'a local value name is required after "local."'), at), consumed: 1 };
      case 'count': {
        const a = attrStep(0, 'the only attribute of "count" is "index"');
        if (a !== 'index') throw new InputError('tf-reference', `Invalid "count" attribute "${a}": the only attribute is "index"`, at);
        const v = scope.lookup(COUNT_INDEX);
        if (v === undefined) throw new InputError('tf-reference', 'Reference to "count" in a non-counted context: "count.index" is only available where "count" is set', at);
        return { value: v, consumed: 1 };
      }
      case 'each': {
        const a = attrStep(0, 'the attributes of "each" are "key" and "value"');
        if (a !== 'key' && a !== 'value') throw new InputError('tf-reference', `Invalid "each" attribute "${a}": use each.key or each.value`, at);
        const v = scope.lookup(a === 'key' ? EACH_KEY : EACH_VALUE);
        if (v === undefined) throw new InputError('tf-reference', `Reference to "each" in a context without for_each: "each.${a}" is only available where "for_each" is set`, at);
        return { value: v, consumed: 1 };
      }
      case 'path': {
        const a = attrStep(0, 'use path.module, path.root or path.cwd');
        if (a === 'module') return { value: this.pathModule, consumed: 1 };
        if (a === 'root') return { value: '.', consumed: 1 };
        if (a === 'cwd') return { value: new Unknown('path.cwd is the absolute working directory of the machine that runs Terraform', at), consumed: 1 };
        throw new InputError('tf-reference', `Invalid "path" attribute "${a}": use path.module, path.root or path.cwd`, at);
      }
      case 'terraform': {
        const a = attrStep(0, 'use terraform.workspace');
        if (a === 'workspace') {
          const ws = this.host.workspace;
          return { value: ws ?? new Unknown('terraform.workspace is chosen when Terraform runs (terraform workspace select, or TF_WORKSPACE, which is not set)', at), consumed: 1 };
        }
        throw new InputError('tf-reference', `Invalid "terraform" attribute "${a}"`, at);
      }
      case 'self':
        return { value: new Unknown('self is known only while the resource is created', at), consumed: 0 };
      case 'module':
        return this.resolveModule(attrStep(0, 'a module name is required after "module."'), steps, scope, at);
      case 'data': {
        const type = attrStep(0, 'a data source type is required after "data."');
        const nm = attrStep(1, `a data source name is required after "data.${type}."`);
        const g = this.groupIndex.get(`data.${type}`)?.get(nm);
        if (!g) throw new InputError('tf-reference', `Reference to undeclared data source: data "${type}" "${nm}" is not declared in ${this.describe()}`, at);
        return this.resolveGroup(g, steps, 2, scope, at);
      }
      default: {
        if (!this.config.managedTypes.has(name) && !looksLikeResourceType(name)) {
          throw new InputError('tf-reference', `Unknown reference "${name}": it is not a variable, local, module, data source or resource type of ${this.describe()}`, at);
        }
        const nm = attrStep(0, `a resource name is required after "${name}."`);
        const g = this.groupIndex.get(name)?.get(nm);
        if (!g) throw new InputError('tf-reference', `Reference to undeclared resource: resource "${name}" "${nm}" is not declared in ${this.describe()}`, at);
        return this.resolveGroup(g, steps, 1, scope, at);
      }
    }
  }

  private describe(): string {
    return this.address ? this.address : 'the root module';
  }

  /** Resolves a resource reference after its name: an instance key, then an attribute. */
  private resolveGroup(g: ResourceGroup, steps: readonly Step[], from: number, scope: Scope, at: Span): Resolved {
    const exp = g.expand();
    const insts = g.instances();
    if (g.cut) return { value: g.cut, consumed: steps.length };
    const counted = g.decl.count !== undefined || g.decl.forEach !== undefined;
    let i = from;
    let inst: (typeof insts)[number] | undefined;
    if (counted) {
      const st = steps[i];
      if (st?.kind !== 'index') {
        // The whole collection of instances.
        if (exp.unknown) return { value: exp.unknown, consumed: i };
        if (g.decl.count) return { value: insts.map((x) => x.asObject(at)), consumed: i };
        return { value: newObject(insts.map((x) => [String(x.key.key), x.asObject(at)])), consumed: i };
      }
      // Instances not known before apply are one instance standing for all (`[*]`): any one of them
      // is it, with what does not depend on its key known (an index beyond the count fails at apply).
      if (exp.unknown) {
        inst = insts[0]!;
        i++;
        const rest = steps[i];
        return rest?.kind === 'attr' ? { value: inst.attr(rest.name, at), consumed: i + 1 } : { value: inst.asObject(at), consumed: i };
      }
      const k = evaluate(st.key, scope);
      if (k instanceof Unknown) return { value: k, consumed: i + 1 };
      inst = insts.find((x) => matchesKey(x.key.key, k));
      if (!inst) throw new DynamicError(`Invalid index: ${g.baseAddress} has no instance with key ${JSON.stringify(k)}`, at);
      i++;
    } else {
      refuseIndex(steps[i], 'resource', g.baseAddress, at);
      inst = insts[0]!;
    }
    const st = steps[i];
    if (st?.kind === 'attr') return { value: inst.attr(st.name, at), consumed: i + 1 };
    return { value: inst.asObject(at), consumed: i };
  }

  private resolveModule(name: string, steps: readonly Step[], scope: Scope, at: Span): Resolved {
    const g = this.callIndex.get(name);
    if (!g) throw new InputError('tf-reference', `Reference to undeclared module: no module call "${name}" in ${this.describe()}`, at);
    if (!g.isRead) {
      const out = steps[1]?.kind === 'attr' ? (steps[1] as { name: string }).name : undefined;
      const what = out ? `module.${name}.${out}` : `module.${name}`;
      return {
        value: new Unknown(`${what} comes from module source "${g.call.source}", which gridfence does not fetch`, at, `${this.prefix}module.${name}`),
        consumed: steps.length,
      };
    }
    const exp = g.expand();
    const insts = g.instances();
    if (g.cut) return { value: g.cut, consumed: steps.length };
    const counted = g.call.count !== undefined || g.call.forEach !== undefined;
    let i = 1;
    let inst: ModuleInstance | undefined;
    if (counted) {
      const st = steps[i];
      if (st?.kind !== 'index') {
        if (exp.unknown) return { value: exp.unknown, consumed: i };
        const objs = insts.map((m) => m.outputsObject(at));
        if (g.call.count) return { value: objs, consumed: i };
        return { value: newObject(exp.keys.map((k, j) => [String(k.key), objs[j]!])), consumed: i };
      }
      if (exp.unknown) return { value: exp.unknown, consumed: i + 1 };
      const k = evaluate(st.key, scope);
      if (k instanceof Unknown) return { value: k, consumed: i + 1 };
      const j = exp.keys.findIndex((x) => matchesKey(x.key, k));
      if (j < 0) throw new DynamicError(`Invalid index: module.${name} has no instance with key ${JSON.stringify(k)}`, at);
      inst = insts[j]!;
      i++;
    } else {
      refuseIndex(steps[i], 'module', `module.${name}`, at);
      inst = insts[0]!;
    }
    const st = steps[i];
    if (st?.kind === 'attr') return { value: inst.output(st.name, at), consumed: i + 1 };
    return { value: inst.outputsObject(at), consumed: i };
  }

  // ---- values -----------------------------------------------------------------------------------

  variable(name: string, at: Span): { value: Value; origin: string } {
    const cached = this.vars.get(name);
    if (cached) return cached;
    const decl = this.config.variables.get(name);
    if (!decl) throw new InputError('tf-reference', `Reference to undeclared input variable: variable "${name}" is not declared in ${this.describe()}`, at);
    const declSpan: Span = { file: decl.file, start: decl.block.start, end: decl.block.end };
    const result = this.host.guard(`var:${this.address}:${name}`, `${this.prefix}var.${name}`, at, () => {
      const type = this.typeOf(name);
      let raw: Value | typeof NOT_SET = NOT_SET;
      let origin = 'default';
      let valueSpan = declSpan;
      if (this.binding) {
        const arg = this.binding.call.args.get(name);
        if (arg) {
          raw = evaluate(arg.expr, this.binding.scope.inFile(arg.file));
          origin = 'module call';
          valueSpan = { file: arg.file, start: arg.start, end: arg.end };
        }
      } else {
        const given = this.host.rootValue(name);
        if (given) {
          raw = given.value;
          origin = given.origin;
        }
      }
      if (raw === null && !decl.nullable) raw = NOT_SET;
      if (raw === NOT_SET) {
        if (decl.default) {
          raw = evaluate(decl.default.expr, this.scope(decl.default.file));
          origin = 'default';
        } else if (this.binding) {
          const c = this.binding.call;
          throw new InputError('tf-module', `Missing required argument: module "${c.name}" must set "${name}" (variable "${name}" has no default)`, {
            file: c.file,
            start: c.block.start,
            end: c.block.end,
          });
        } else {
          return { value: new Unknown(`var.${name} has no value (no default, no tfvars entry, no --var)`, declSpan), origin: 'unset' };
        }
      }
      try {
        return { value: type ? convertToType(raw, type, `var.${name}`) : raw, origin };
      } catch (e) {
        if (e instanceof DynamicError) throw new InputError('tf-eval', `Invalid value for variable "${name}": ${e.message}`, valueSpan);
        throw e;
      }
    });
    this.vars.set(name, result);
    return result;
  }

  private typeOf(name: string): TypeSpec | undefined {
    if (this.types.has(name)) return this.types.get(name);
    const decl = this.config.variables.get(name)!;
    const t = decl.type ? parseTypeSpec(decl.type.expr, decl.type.file, (e) => evaluate(e, this.scope(decl.type!.file))) : undefined;
    this.types.set(name, t);
    return t;
  }

  local(name: string, at: Span): Value {
    if (this.locals.has(name)) return this.locals.get(name)!;
    const decl = this.config.locals.get(name);
    if (!decl) throw new InputError('tf-reference', `Reference to undeclared local value: local "${name}" is not declared in ${this.describe()}`, at);
    const v = this.host.guard(`local:${this.address}:${name}`, `${this.prefix}local.${name}`, at, () => evaluate(decl.attr.expr, this.scope(decl.attr.file)));
    this.locals.set(name, v);
    return v;
  }

  output(name: string, at: Span): Value {
    if (this.outputs.has(name)) return this.outputs.get(name)!;
    const decl = this.config.outputs.get(name);
    if (!decl) throw new InputError('tf-reference', `Unsupported attribute: ${this.address} has no output "${name}"`, at);
    if (!decl.value) throw new InputError('tf-structure', `Missing required argument "value" in output "${name}"`, { file: decl.file, start: decl.block.start, end: decl.block.end });
    const v = this.host.guard(`output:${this.address}:${name}`, `${this.prefix}output.${name}`, at, () => evaluate(decl.value!.expr, this.scope(decl.value!.file)));
    this.outputs.set(name, v);
    return v;
  }

  outputsObject(at: Span): ObjectValue {
    return newObject([...this.config.outputs.keys()].map((n) => [n, this.output(n, at)]));
  }

}

/** Terraform resource types are provider-prefixed snake case: aws_vpc, google_compute_network. */
function looksLikeResourceType(name: string): boolean {
  return /^[a-z0-9]+_[a-z0-9_]+$/.test(name);
}

/** Terraform refuses an index on a resource or module call without count or for_each: it has one instance. */
function refuseIndex(step: Step | undefined, kind: 'resource' | 'module', address: string, at: Span): void {
  if (step?.kind !== 'index') return;
  throw new DynamicError(`Unexpected ${kind} instance key: ${address} does not set "count" or "for_each", so a reference to it takes no index key; remove the index to refer to its single instance`, at);
}
