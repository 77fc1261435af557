/**
 * Root-module variable values, in Terraform's order of precedence (later wins): terraform.tfvars,
 * terraform.tfvars.json, *.auto.tfvars and *.auto.tfvars.json in lexical order of file name, then
 * the `varFiles` given, the values of a plan made from this root (typed), the `vars` given, then
 * the command line's --var and --var-file options in the order given, later winning (the CLI passes
 * every option there, so a --var-file of the command line overrides a plan's value too). Values in tfvars files must
 * be constants: references and function calls are input errors there, as in Terraform.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError, type InputProblem } from '../../model/errors.js';
import { SourceFile, type Span } from '../../model/source.js';
import { isObject, type Value } from '../../model/value.js';
import type { Expr } from './hcl/ast.js';
import { parseHcl } from './hcl/parser.js';
import { DynamicError } from './eval/dynamic-error.js';
import { evaluate } from './eval/expr.js';
import { Scope, type Resolver } from './eval/scope.js';
import { parseJsonValue } from './json-values.js';
import type { ModuleConfig } from './module-config.js';
import { isPrimitiveOrUntyped, parseTypeSpec } from './eval/type-constraint.js';

export interface RootValue {
  value: Value;
  origin: string;
}

/** One --var or --var-file option. */
export type VarArg = { kind: 'var'; name: string; value: string } | { kind: 'file'; path: string };

export interface VarOptions {
  /** Variable files (absolute), applied in this order, before `vars`. */
  varFiles: string[];
  /** NAME=VALUE settings in this order, after `varFiles`. */
  vars: Array<{ name: string; value: string }>;
  /**
   * Values of a plan made from a root module, by that root's absolute folder: typed values, not
   * command-line text, and that root's alone. They rank after `varFiles` and before `vars` and
   * `varArgs` (the command line's options).
   */
  planValues?: ReadonlyMap<string, PlanValues>;
  /**
   * The command line's --var and --var-file options in the order given (file paths absolute),
   * applied after `varFiles`, plan values and `vars`: Terraform applies them in command-line
   * order, the later winning, whichever of the two options each is.
   */
  varArgs?: VarArg[];
}

export interface PlanValues {
  /** The plan, as reports name it. */
  origin: string;
  values: Array<{ name: string; value: Value }>;
}

/** Reads a file for display as `displayPath`. */
export type FileReader = (absPath: string) => SourceFile;

const constantResolver: Resolver = {
  resolve(name, _steps, _scope, at) {
    throw new InputError('tf-tfvars', `Variables not allowed: "${name}" cannot be referenced in a variable definitions file`, at);
  },
  callFunction(name, _args, at) {
    throw new InputError('tf-tfvars', `Function calls not allowed: ${name}() cannot be called in a variable definitions file`, at);
  },
};

export function evalConstant(e: Expr, file: SourceFile): Value {
  try {
    return evaluate(e, new Scope(file, constantResolver));
  } catch (err) {
    if (err instanceof DynamicError) throw new InputError('tf-tfvars', err.message, err.span);
    throw err;
  }
}

/**
 * `read` reads the --var-file files the user named; `readAuto` the files found in the root module's
 * folder, which must not lead out of the scan root.
 */
export function collectRootValues(root: ModuleConfig, opts: VarOptions, read: FileReader, problems: InputProblem[], readAuto: FileReader = read): Map<string, RootValue> {
  const values = new Map<string, RootValue>();
  const autoFiles: string[] = [];
  let names: string[] = [];
  try {
    names = fs.readdirSync(root.dir).sort();
  } catch {
    names = [];
  }
  if (names.includes('terraform.tfvars')) autoFiles.push('terraform.tfvars');
  if (names.includes('terraform.tfvars.json')) autoFiles.push('terraform.tfvars.json');
  for (const n of names) if (n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json')) autoFiles.push(n);

  const undeclared = (name: string, at: Span | undefined, strict: boolean): void => {
    const msg = `Value for undeclared variable "${name}": the root module declares no variable "${name}"`;
    if (strict) throw new InputError('tf-tfvars', msg, at);
    problems.push({ ...new InputError('tf-tfvars', msg, at).toProblem(), severity: 'warning' });
  };

  const loadFile = (abs: string, strict: boolean, reader: FileReader): void => {
    const file = reader(abs);
    const origin = path.basename(abs);
    if (abs.endsWith('.json')) {
      const v = parseJsonValue(file);
      if (!isObject(v)) throw new InputError('tf-tfvars', 'A variable definitions file in JSON must hold an object', { file, start: 0, end: 1 });
      for (const k of Object.keys(v)) {
        if (!root.variables.has(k)) undeclared(k, { file, start: 0, end: 0 }, strict);
        values.set(k, { value: v[k]!, origin });
      }
      return;
    }
    const cf = parseHcl(file);
    if (cf.body.blocks.length > 0) {
      const b = cf.body.blocks[0]!;
      throw new InputError('tf-tfvars', `Unexpected "${b.type}" block: a variable definitions file holds only "name = value" lines`, { file, start: b.start, end: b.typeEnd });
    }
    for (const [name, a] of cf.body.attributes) {
      if (!root.variables.has(name)) undeclared(name, { file, start: a.start, end: a.nameEnd }, strict);
      values.set(name, { value: evalConstant(a.expr, file), origin });
    }
  };

  const setVar = (name: string, value: string): void => {
    const decl = root.variables.get(name);
    // The root as reports show its files (relative to the working folder), not the machine's absolute path.
    const shownRoot = root.files[0] ? path.dirname(root.files[0].file.path) : root.dir;
    if (!decl) throw new InputError('usage', `--var ${name}=…: the root module (${shownRoot}) declares no variable "${name}"`);
    const type = decl.type ? parseTypeSpec(decl.type.expr, decl.file, (e) => evalConstant(e, decl.file)) : undefined;
    if (isPrimitiveOrUntyped(type)) {
      values.set(name, { value, origin: '--var' });
    } else {
      const file = new SourceFile(`--var ${name}`, `v = ${value}\n`);
      const cf = parseHcl(file);
      values.set(name, { value: evalConstant(cf.body.attributes.get('v')!.expr, file), origin: '--var' });
    }
  };

  for (const f of autoFiles) loadFile(path.join(root.dir, f), false, readAuto);
  for (const f of opts.varFiles) loadFile(f, false, read);
  const plan = opts.planValues?.get(root.dir);
  for (const { name, value } of plan?.values ?? []) {
    if (!root.variables.has(name)) undeclared(name, undefined, false);
    else values.set(name, { value, origin: plan!.origin });
  }
  for (const { name, value } of opts.vars) setVar(name, value);
  for (const a of opts.varArgs ?? []) {
    if (a.kind === 'var') setVar(a.name, a.value);
    else loadFile(a.path, false, read);
  }
  return values;
}
