/**
 * The Terraform loader: finds the root modules under the given paths, parses and evaluates them
 * with their local modules, and returns resources with evaluated attributes and exact sources.
 * Every input problem is collected (never thrown past this function); the caller fails the run.
 */
import { displayPath } from '../input-file.js';
import { findFiles, findScanRoot } from '../find-files.js';
import fs from 'node:fs';
import path from 'node:path';
import { InputError, type InputProblem } from '../../model/errors.js';
import type { ModelOutput, ModelResource, ModelVariable, TerraformModel } from '../../model/resource.js';
import { SourceFile, type Span } from '../../model/source.js';
import { DynamicError } from './eval/dynamic-error.js';
import { evaluate } from './eval/expr.js';
import { UnknownEncoding, isObject, newObject, Unknown, type ObjectValue, type Value } from '../../model/value.js';
import { ModuleInstance, type EvalHost } from './eval/module-instance.js';
import { callTerraformFunction, type FunctionEnv } from './eval/call-function.js';
import { isDeferred, type ConfigFile, type Expr } from './hcl/ast.js';
import { parseHcl } from './hcl/parser.js';
import { parseTfJson } from './json-syntax.js';
import { DEFER_RESOURCE_BODIES, buildModuleConfig, type ModuleConfig } from './module-config.js';
import { Sandbox, isInside } from './sandbox.js';
import { InstalledModules } from './installed-modules.js';
import { collectRootValues, type RootValue, type VarOptions } from './tfvars.js';
import { checkYoungGeneration } from '../../model/young-generation.js';

export interface TerraformLoadOptions extends VarOptions {
  /** Files and directories to analyse (absolute or relative to cwd). */
  paths: string[];
  /** Directory that display paths are relative to. */
  cwd: string;
  /** The sandbox: nothing above it is read. Default: the enclosing git work tree, else each path. */
  scanRoot?: string;
  /**
   * The Terraform workspace, `terraform.workspace`. Default: the TF_WORKSPACE environment variable,
   * which Terraform honours; without it the workspace is chosen when Terraform runs, so unknown.
   */
  workspace?: string;
}

export interface TerraformLoadResult {
  model: TerraformModel;
  problems: InputProblem[];
}

const MAX_MODULE_DEPTH = 32;
/**
 * Instances (of resources and module calls) one run expands, over every root: count and for_each
 * multiply through module calls (a count of 100 calling a module with a count of 100 …), and each
 * instance costs memory,
 * so a runaway expansion is refused with an error at the block that crosses the line rather than
 * left to exhaust the heap (a security group with a few rules weighs about 30 KB through lint).
 * About six times the largest system the bench measures (about 17,000); tests lower it.
 */
export const runLimits = { instances: 100_000 };
/** Problems listed alike at one place (the same message but for its numbers), before the rest are counted. */
const PER_PLACE = 10;
/** A chain of references (local → local → attribute …) longer than this is refused, not followed. */
const MAX_REFERENCE_DEPTH = 250;

export function loadTerraform(opts: TerraformLoadOptions): TerraformLoadResult {
  const problems: InputProblem[] = [];
  const model: TerraformModel = { roots: [], resources: [], variables: [], outputs: [] };
  const files = new Map<string, SourceFile>();
  const parsed = new Map<string, ConfigFile>();
  const display = (abs: string): string => displayPath(opts.cwd, abs);
  const read = (abs: string): SourceFile => {
    let f = files.get(abs);
    if (!f) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(abs);
      } catch (e) {
        throw new InputError('io', `Cannot read ${display(abs)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      f = new SourceFile(display(abs), utf8Text(bytes, display(abs)));
      checkYoungGeneration();
      files.set(abs, f);
    }
    return f;
  };
  const record = (e: unknown): void => {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      e = new InputError('tf-depth', 'The configuration nests expressions or references too deeply to evaluate');
    } else if (e instanceof RangeError && /invalid (string|array) length/i.test(e.message)) {
      e = new InputError('tf-limit', 'The configuration builds a value too large to evaluate');
    }
    if (e instanceof InputError || e instanceof DynamicError) addProblem(problemOf(e));
    else throw e;
  };
  // A problem already in the list (the same one met through another reference) is not added again.
  // The keys of what others pushed meanwhile are taken in first: thousands of instances failing
  // alike must not cost a scan of the list each.
  const seen = new Set<string>();
  let keyed = 0;
  // The same problem at the same place in many instances of one block (a count of thousands over a
  // list of three) is listed PER_PLACE times, then counted: the rest are said in one line.
  const atPlace = new Map<string, { listed: number; last: InputProblem; more: number }>();
  const catchUp = (): void => {
    for (; keyed < problems.length; keyed++) seen.add(JSON.stringify(problems[keyed]));
  };
  const hasProblem = (p: InputProblem): boolean => {
    catchUp();
    return seen.has(JSON.stringify(p));
  };
  const addProblem = (p: InputProblem): void => {
    catchUp();
    const key = JSON.stringify(p);
    if (seen.has(key)) return;
    seen.add(key);
    const l = p.location;
    if (l) {
      const place = `${p.severity} ${p.code} ${l.file}:${l.line}:${l.column}-${l.endLine}:${l.endColumn} ${p.message.replace(/\d+/g, '#')}`;
      let g = atPlace.get(place);
      if (!g) atPlace.set(place, (g = { listed: 0, last: p, more: 0 }));
      if (g.listed === PER_PLACE) {
        g.more++;
        return;
      }
      g.listed++;
      g.last = p;
    }
    problems.push(p);
    keyed++;
  };

  for (const given of opts.paths) {
    const abs = path.resolve(opts.cwd, given);
    if (!fs.existsSync(abs)) {
      problems.push(new InputError('io', `No such file or directory: ${given}`).toProblem());
      continue;
    }
    // A file given by name that is not Terraform configuration (a plan, a template) is another loader's.
    if (!fs.statSync(abs).isDirectory() && !isConfigFile(path.basename(abs))) continue;
    const scanRoot = opts.scanRoot ? path.resolve(opts.cwd, opts.scanRoot) : findScanRoot(abs);
    const dirs = fs.statSync(abs).isDirectory() ? findModuleDirs(abs, problems) : [path.dirname(abs)];
    const configs = new Map<string, ModuleConfig>();
    const sandbox = new Sandbox(scanRoot, scanRoot);
    const loadDir = (dir: string): ModuleConfig => {
      let c = configs.get(dir);
      if (!c) {
        const names = listConfigFiles(dir);
        const cfs: ConfigFile[] = [];
        let failed: unknown;
        // Every file is parsed, so that one run reports each file's syntax error.
        for (const n of names) {
          const p = path.join(dir, n);
          let cf = parsed.get(p);
          if (!cf) {
            try {
              sandbox.resolve(path.relative(scanRoot, p)); // a configuration file linked from outside the scan root is never read
              cf = p.endsWith('.tf.json') ? parseTfJson(read(p)) : parseHcl(read(p), DEFER_RESOURCE_BODIES);
            } catch (e) {
              if (failed) record(e);
              else failed = e;
              continue;
            }
            parsed.set(p, cf);
          }
          cfs.push(cf);
        }
        if (failed) throw failed;
        c = buildModuleConfig(dir, cfs);
        configs.set(dir, c);
      }
      return c;
    };
    // A directory called as a local module by another is not a root of its own.
    const called = new Set<string>();
    for (const d of dirs) {
      try {
        const c = loadDir(d);
        for (const call of c.moduleCalls.values()) {
          const src = call.source ?? '';
          const target = path.resolve(d, src);
          // A folder that calls itself is still a root (and its call a cycle, reported when evaluated).
          if ((src.startsWith('./') || src.startsWith('../') || src === '.' || src === '..') && target !== d) called.add(target);
        }
      } catch (e) {
        record(e);
        called.add(d);
      }
    }
    const budget = { left: runLimits.instances };
    for (const rootDir of dirs) {
      if (called.has(rootDir)) continue;
      model.roots.push(display(rootDir));
      try {
        evaluateRoot(rootDir, scanRoot, loadDir, read, opts, model, problems, record, { add: addProblem, has: hasProblem }, budget);
      } catch (e) {
        record(e);
      }
    }
  }
  // Bodies that no evaluation read (a resource counted zero times, a module never called) were
  // only skimmed: they are checked now, so that no syntax error goes unreported.
  for (const cf of parsed.values()) {
    for (const b of cf.body.blocks) {
      if (!isDeferred(b)) continue;
      try {
        b.check();
      } catch (e) {
        record(e);
      }
    }
  }
  for (const { last, more } of atPlace.values()) {
    if (more > 0) problems.push({ ...last, message: `${more} more like "${last.message}" at this place (other instances of the same block) are not listed` });
  }
  return { model, problems };
}

function evaluateRoot(
  rootDir: string,
  scanRoot: string,
  loadDir: (dir: string) => ModuleConfig,
  read: (abs: string) => SourceFile,
  opts: VarOptions & { workspace?: string },
  model: TerraformModel,
  problems: InputProblem[],
  record: (e: unknown) => void,
  log: { add: (p: InputProblem) => void; has: (p: InputProblem) => boolean },
  budget: { left: number },
): void {
  const rootConfig = loadDir(rootDir);
  const sandbox = new Sandbox(scanRoot, rootDir);
  const readInside = (abs: string): SourceFile => {
    sandbox.resolve(path.relative(rootDir, abs));
    return read(abs);
  };
  const rootValues: Map<string, RootValue> = collectRootValues(rootConfig, opts, read, problems, readInside);
  const stack: string[] = [];
  const inProgress = new Set<string>();
  const functionEnv: FunctionEnv = { sandbox, read };
  const installed = new InstalledModules(rootDir, scanRoot);
  const host: EvalHost = {
    rootDir,
    // Terraform ignores an empty TF_WORKSPACE.
    workspace: opts.workspace ?? (process.env['TF_WORKSPACE'] || undefined),
    maxModuleDepth: MAX_MODULE_DEPTH,
    loadModule(dir: string, at: Span, installed: boolean): ModuleConfig {
      if (!isInside(dir, scanRoot)) throw new InputError('sandbox', `Refused to load a module from outside the scan root: ${path.relative(scanRoot, dir)}`, at);
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new InputError('tf-module', `Module directory not found: ${path.relative(process.cwd(), dir) || dir}`, at);
      const config = loadDir(dir);
      if (installed) for (const f of config.files) f.file.installed = true;
      return config;
    },
    installedModule(key, source, version) {
      return installed.lookup(key, source, version);
    },
    admit(n, what, at) {
      if (budget.left < 0) return false; // spent: its error was said where it ran out
      budget.left -= n;
      if (budget.left >= 0) return true;
      throw new InputError('tf-eval', `${what} brings the instances of this run (of resources and module calls) past ${runLimits.instances}: count and for_each multiply through module calls, and gridfence stops expanding here rather than exhaust its memory, leaving out what comes after`, at);
    },
    callFunction(name, args, at) {
      return callTerraformFunction(name, args, at, functionEnv);
    },
    guard<T>(key: string, label: string, at: Span, fn: () => T): T {
      if (inProgress.has(key)) {
        const from = stack.indexOf(label);
        const cycle = [...stack.slice(from >= 0 ? from : 0), label].join(' → ');
        throw new InputError('tf-cycle', `Cycle in references: ${cycle}`, at);
      }
      if (stack.length >= MAX_REFERENCE_DEPTH) {
        throw new InputError('tf-depth', `References nested more than ${MAX_REFERENCE_DEPTH} deep (${stack[0]} → … → ${label}): gridfence stops here rather than exhaust its stack`, at);
      }
      inProgress.add(key);
      stack.push(label);
      try {
        return fn();
      } finally {
        stack.pop();
        inProgress.delete(key);
      }
    },
    report(e, address, absent) {
      // A value error in an instance that may not exist (count or for_each not known) is what
      // Terraform meets only if it does exist: the configuration is not refused outright (an
      // empty for_each never evaluates its body), so it is a warning, and the value stays unknown.
      if (absent && e instanceof DynamicError) {
        log.add({ ...new InputError('tf-eval', `${address}: ${e.message} (Terraform evaluates this only if the instance exists, and ${absent.reason})`, e.span).toProblem(), severity: 'warning' });
        return;
      }
      // A shared value's error (a variable's, a local's) already said where it is: every resource
      // that reads the value meets it again, and is not listed once more for it.
      if ((e instanceof InputError || e instanceof DynamicError) && e.span && log.has(problemOf(e))) return;
      record(withContext(e, address));
    },
    rootValue(name) {
      return rootValues.get(name);
    },
  };
  const root = new ModuleInstance(host, rootConfig, '', []);
  visitModule(root, model, record, (p) => problems.push(p));
}

function visitModule(m: ModuleInstance, model: TerraformModel, record: (e: unknown) => void, warn: (p: InputProblem) => void): void {
  for (const [name, decl] of m.config.variables) {
    try {
      const at: Span = { file: decl.file, start: decl.block.start, end: decl.block.end };
      const v = m.variable(name, at);
      model.variables.push({ address: `${m.prefix}var.${name}`, value: v.value, origin: v.origin, span: at } satisfies ModelVariable);
    } catch (e) {
      record(e);
    }
  }
  for (const g of m.groups) {
    let insts;
    try {
      insts = g.instances();
    } catch (e) {
      record(e);
      continue;
    }
    const exp = g.expand();
    for (const inst of insts) {
      const d = inst.decl;
      const span: Span = { file: d.file, start: d.block.start, end: d.block.end };
      let attrs;
      let sources = new Map<string, Span>();
      try {
        const r = inst.evaluateAll();
        attrs = r.attrs;
        sources = r.sources;
      } catch (e) {
        record(withContext(e, inst.address));
        continue;
      }
      if (d.mode === 'managed') withDefaultTags(m, d.provider, attrs, sources);
      const res: ModelResource = {
        address: inst.address,
        mode: d.mode,
        type: d.type,
        name: d.name,
        provider: d.provider,
        module: m.address,
        span,
        callers: m.callers,
        attributes: attrs,
        sources,
        ...(exp.unknown ? { expansion: exp.unknown } : {}),
      };
      model.resources.push(res);
    }
    g.settle();
  }
  // An object a removed block keeps stays in the cloud, unmanaged: what it allows is in no input.
  for (const r of m.config.keptRemoved) {
    const at: Span = { file: r.file, start: r.block.start, end: r.block.end };
    warn({ ...new InputError('tf-removed-kept', `The removed block keeps ${m.prefix}${r.from} in the cloud (destroy = false) but no longer in the configuration: what it allows or changes is not judged`, at).toProblem(), severity: 'warning' });
  }
  for (const c of m.calls) {
    let children: ModuleInstance[];
    try {
      children = c.instances();
    } catch (e) {
      record(e);
      continue;
    }
    if (!c.isRead) {
      const at: Span = { file: c.call.file, start: c.call.block.start, end: c.call.block.end };
      const refused = c.location.refused;
      const msg = refused
        ? `Module "${c.call.name}" comes from "${c.call.source}", which gridfence does not fetch, and the copy terraform init installed is not the one Terraform would use (${refused}): its resources are not analysed and its outputs are unknown`
        : `Module "${c.call.name}" comes from "${c.call.source}", which gridfence does not fetch: its resources are not analysed and its outputs are unknown (after terraform init, gridfence reads the installed copy)`;
      warn({ ...new InputError('tf-remote-module', msg, at).toProblem(), severity: 'warning' });
      continue;
    }
    for (const child of children) visitModule(child, model, record, warn);
  }
  for (const [name, decl] of m.config.outputs) {
    if (!decl.value) continue;
    try {
      const at: Span = { file: decl.file, start: decl.block.start, end: decl.block.end };
      model.outputs.push({ address: `${m.prefix}output.${name}`, value: m.output(name, at), span: at } satisfies ModelOutput);
    } catch (e) {
      record(e);
    }
  }
}

/** Names the resource being evaluated in a value error, since a module's file serves many instances. */
function problemOf(e: InputError | DynamicError): InputProblem {
  return e instanceof InputError ? e.toProblem() : new InputError('tf-eval', e.message, e.span).toProblem();
}

function withContext(e: unknown, address: string): unknown {
  if (e instanceof DynamicError) return new DynamicError(`${address}: ${e.message}`, e.span);
  if (e instanceof InputError && e.code === 'tf-eval') return new InputError(e.code, `${address}: ${e.message}`, e.span);
  return e;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A configuration file's text. Terraform reads UTF-8 only and refuses other bytes; replacing them
 * would read a file other than the one Terraform refuses, so they are an error at the first.
 */
function utf8Text(bytes: Buffer, shown: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    let bad = 0;
    // The longest prefix with no invalid byte: the first invalid one ends it.
    for (let lo = 0, hi = bytes.length; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (decodes(bytes.subarray(0, mid))) {
        bad = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const text = bytes.toString('utf8');
    // Decoded as a stream, so that a character cut short at the bad byte adds nothing.
    const at = new TextDecoder('utf-8').decode(bytes.subarray(0, bad), { stream: true }).length;
    throw new InputError('hcl-syntax', 'Invalid character encoding: a configuration file must be UTF-8, as Terraform reads it', { file: new SourceFile(shown, text), start: at, end: at + 1 });
  }
}

/** Whether bytes hold no invalid UTF-8 (a character cut short at the end is not invalid: streamed). */
function decodes(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Terraform configuration files: native syntax (`.tf`) and JSON syntax (`.tf.json`). */
export function isConfigFile(name: string): boolean {
  return (name.endsWith('.tf') || name.endsWith('.tf.json')) && !name.startsWith('.');
}

/** Configuration files of one directory in lexical order (Terraform's own order). */
export function listConfigFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  // A broken link stays in the list: reading it reports it.
  return names.filter((n) => isConfigFile(n) && !isDirectory(path.join(dir, n))).sort();
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Directories below `root` (itself included) that hold Terraform configuration. */
export function findModuleDirs(root: string, problems?: InputProblem[]): string[] {
  // The sandbox refuses a linked configuration file from outside when it is read (loadTerraform).
  return [...new Set(findFiles(root, isConfigFile, problems, true).map((f) => path.dirname(f)))].sort();
}

export { findScanRoot } from '../find-files.js';

/** The caller's provider configuration a module call's `providers = { aws = aws.x }` passes for `name`. */
function passedProvider(m: ModuleInstance, name: string): string | undefined {
  const e = m.call?.providers?.expr;
  if (e?.kind !== 'object') return undefined;
  for (const item of e.items) if (traversalText(item.key) === name) return traversalText(item.value);
  return undefined;
}

/** `aws` or `aws.alias` as written, for a provider reference; undefined for any other expression. */
function traversalText(e: Expr): string | undefined {
  if (e.kind === 'variable') return e.name;
  if (e.kind === 'getAttr') {
    const base = traversalText(e.obj);
    return base === undefined ? undefined : `${base}.${e.name}`;
  }
  return undefined;
}


/**
 * The AWS provider's `default_tags`: as the provider does, a resource's `tags_all` is the provider's
 * default tags merged with its own `tags` (its own win). The provider configuration is looked up by
 * the resource's provider address in its module, then in the calling modules (a child module
 * inherits its caller's default provider). Set only where default tags exist; an unknown default
 * tags value makes `tags_all` unknown.
 */
function withDefaultTags(m: ModuleInstance, provider: string, attrs: ObjectValue, sources: Map<string, Span>): void {
  let found: { value: Value; at: Span } | undefined;
  let name = provider;
  for (let x: ModuleInstance | undefined = m; x && !found; x = x.parent) {
    const p = x.config.providers.get(name);
    if (!p) {
      // The call's `providers` map says which of the caller's configurations this name stands for.
      name = passedProvider(x, name) ?? name;
      continue;
    }
    const dt = p.block.body.blocks.find((b) => b.type === 'default_tags');
    const tags = dt?.body.attributes.get('tags');
    if (!tags) return;
    const at: Span = { file: tags.file, start: tags.start, end: tags.end };
    try {
      found = { value: evaluate(tags.expr, x.scope(tags.file)), at };
    } catch {
      found = { value: new Unknown(`the default tags of provider ${provider} could not be evaluated`, at), at };
    }
  }
  if (!found) return;
  const own = attrs['tags'];
  const defaults = found.value instanceof UnknownEncoding ? found.value.value : found.value;
  if (defaults instanceof Unknown || (own instanceof Unknown && !(own instanceof UnknownEncoding))) {
    attrs['tags_all'] = defaults instanceof Unknown ? defaults : (own as Unknown);
  } else if (isObject(defaults) && (own === undefined || own === null || isObject(own))) {
    attrs['tags_all'] = newObject([...Object.entries(defaults), ...Object.entries(own ?? {})]);
  } else return;
  sources.set('tags_all', found.at);
}
