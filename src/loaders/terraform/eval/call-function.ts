/**
 * Calls a Terraform built-in function. File functions go through the sandbox; templatefile()
 * renders its template with only the variables passed to it; provider-defined functions
 * (`provider::aws::…`) are unknown, since only the provider can compute them.
 */
import fs from 'node:fs';
import { InputError } from '../../../model/errors.js';
import { SourceFile, type Span } from '../../../model/source.js';
import { Unknown, isObject, markKind, stripKinds, type ObjectValue, type Value } from '../../../model/value.js';
import { functions, type FunctionContext } from '../functions/index.js';
import { ArgError } from '../functions/signature.js';
import type { Expr } from '../hcl/ast.js';
import { parseTemplateFile } from '../hcl/parser.js';
import type { Sandbox } from '../sandbox.js';
import { DynamicError } from './dynamic-error.js';
import { evaluate } from './expr.js';
import { Scope, type Resolver } from './scope.js';

/** What function calls of one root module may touch: its sandbox and the run's file cache. */
export interface FunctionEnv {
  sandbox: Sandbox;
  read(abs: string): SourceFile;
}

export function callTerraformFunction(name: string, args: Value[], at: Span, env: FunctionEnv): Value {
  if (name.startsWith('provider::')) return new Unknown(`${name}() is a provider-defined function: only the provider can compute it`, at);
  const fn = functions.get(name);
  // Terraform looks functions up only when it evaluates the call, so an unknown name is a value
  // error that try() and can() catch (can(nosuchfunc(1)) is false), not a static one.
  if (!fn) throw new DynamicError(`Call to unknown function: there is no function named "${name}"`, { file: at.file, start: at.start, end: at.start + name.length });
  const ctx = FILE_FUNCTIONS.has(name) ? fileContext(at, env) : name === 'templatestring' ? templateStringContext(env) : NO_FILES;
  return withResultKind(name, fn(args, ctx));
}

/** Functions whose result, when an array, is always a Terraform list (never a tuple). */
const LIST_RESULTS = new Set(['tolist', 'compact', 'split', 'sort', 'distinct', 'range', 'formatlist', 'regexall', 'cidrsubnets']);
/** Functions whose result, when an object, is always a Terraform map. */
const MAP_RESULTS = new Set(['tomap']);

/**
 * A function may convert its arguments (coalesce, concat, merge unify them), so a collection it
 * returns keeps no recorded kind (see markKind), except the top level of the results whose type
 * the function fixes (tolist, split, … return lists; tomap a map).
 */
function withResultKind(name: string, result: Value): Value {
  const r = stripKinds(result);
  if (Array.isArray(r) && LIST_RESULTS.has(name)) return markKind(r === result ? [...r] : r, 'list');
  if (isObject(r) && MAP_RESULTS.has(name)) return markKind(r, 'map');
  return r;
}

/** The functions that read files; every other function gets a context that refuses to. */
const FILE_FUNCTIONS = new Set(['file', 'fileexists', 'filebase64', 'filebase64sha256', 'filebase64sha512', 'filemd5', 'filesha1', 'filesha256', 'filesha512', 'fileset', 'templatefile']);

const refuse = (): never => {
  throw new Error('a function outside FILE_FUNCTIONS tried to read a file');
};
const NO_FILES: FunctionContext = { readFile: refuse, readFileBytes: refuse, fileExists: refuse, renderTemplate: refuse, renderTemplateString: refuse };

/**
 * templatestring() renders text that is no file: a syntax error or a reference to a variable not
 * passed in is the call's error (located at the call), worded as Terraform words it.
 */
function templateStringContext(env: FunctionEnv): FunctionContext {
  return {
    ...NO_FILES,
    renderTemplateString: (text, vars) => {
      const file = new SourceFile('<templatestring argument>', text);
      try {
        return renderTemplate(parseTemplateFile(file), file, vars, env, 'templatestring');
      } catch (e) {
        if (!(e instanceof InputError) || e.span?.file !== file) throw e;
        const p = file.position(e.span.start);
        throw new ArgError(e.code === 'tf-reference' ? 1 : 0, `${e.message}, at <templatestring argument>:${p.line},${p.column}`);
      }
    },
  };
}

function fileContext(at: Span, env: FunctionEnv): FunctionContext {
  const { sandbox, read } = env;
  return {
    readFile: (p) => read(sandbox.resolve(p, at)).text,
    readFileBytes: (p) => new Uint8Array(fs.readFileSync(sandbox.resolve(p, at))),
    fileExists: (p) => {
      const abs = sandbox.resolve(p, at);
      return fs.existsSync(abs) && fs.statSync(abs).isFile();
    },
    renderTemplate: (text, p, vars) => {
      const file = read(sandbox.resolve(p, at));
      const tfile = file.text === text ? file : new SourceFile(file.path, text);
      return renderTemplate(parseTemplateFile(tfile), tfile, vars, env, 'templatefile');
    },
    renderTemplateString: refuse,
  };
}

/** A template sees only the variables passed to `fn` (templatefile or templatestring), and may call any function but templatefile(). */
function renderTemplate(expr: Expr, tfile: SourceFile, vars: ObjectValue, env: FunctionEnv, fn: string): Value {
  const resolver: Resolver = {
    resolve(name, _steps, _scope, at) {
      throw new InputError('tf-reference', `Invalid reference in template: "${name}" is not one of the variables passed to ${fn}()`, at);
    },
    callFunction(name, args, at) {
      if (name === 'templatefile') throw new InputError('tf-eval', 'templatefile() cannot be called from inside a template', at);
      return callTerraformFunction(name, args, at, env);
    },
  };
  return evaluate(expr, new Scope(tfile, resolver, new Map(Object.entries(vars))));
}
