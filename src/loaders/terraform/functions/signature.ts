/**
 * The calling convention shared by every function, mirroring HCL and cty: arity is checked first,
 * then each known argument is converted to its parameter's primitive type, then nulls are refused
 * where the parameter does not allow them, then a type check that may look at known arguments runs,
 * and only then does an Unknown argument short-circuit the call (unless the parameter accepts
 * unknowns, in which case the implementation decides). Errors carry Terraform's wording:
 * `Invalid value for "p" parameter: …` for a bad argument, `Call to function "f" failed: …` otherwise.
 */
import { FunctionError, QuietError } from '../../../model/errors.js';
import { Unknown, type Value } from '../../../model/value.js';
import { ConversionError, toBool, toNumber, toStr } from './coerce.js';
import type { FunctionContext, TfFunction } from './types.js';

/** A bad argument; `index` counts all arguments, variadic ones included. */
export class ArgError extends QuietError {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/** A failure not attributable to one argument. */
export class CallError extends QuietError {}

export type ParamType = 'string' | 'number' | 'bool' | 'any';

export interface Param {
  name: string;
  /** Primitive conversion applied before the call; 'any' passes the value through. */
  type?: ParamType;
  allowNull?: boolean;
  /** When false (the default) a top-level Unknown argument makes the result that Unknown. */
  allowUnknown?: boolean;
}

export interface Spec {
  params: readonly Param[];
  variadic?: Param;
  /** Validation Terraform performs while type-checking, i.e. even when other arguments are unknown. */
  check?: (args: Value[]) => void;
  impl: (args: Value[], ctx: FunctionContext) => Value;
}

export function define(name: string, spec: Spec): TfFunction {
  return (given, ctx) => {
    checkArity(name, spec, given.length);
    const args = given.slice();
    try {
      for (let i = 0; i < args.length; i++) {
        const v = args[i]!;
        if (v === null || v instanceof Unknown) continue;
        args[i] = convertParam(v, paramAt(spec, i).type ?? 'any', i);
      }
      for (let i = 0; i < args.length; i++) {
        if (args[i] === null && !paramAt(spec, i).allowNull) throw new ArgError(i, 'argument must not be null');
      }
      spec.check?.(args);
      for (let i = 0; i < args.length; i++) {
        const v = args[i]!;
        if (v instanceof Unknown && !paramAt(spec, i).allowUnknown) return v;
      }
      const result = spec.impl(args, ctx);
      // cty normalises every string it builds to NFC.
      return typeof result === 'string' ? result.normalize('NFC') : result;
    } catch (e) {
      if (e instanceof ArgError) {
        throw new FunctionError(`Invalid value for "${paramAt(spec, e.index).name}" parameter: ${e.message}.`);
      }
      if (e instanceof CallError) throw new FunctionError(`Call to function "${name}" failed: ${e.message}.`);
      throw e;
    }
  };
}

function paramAt(spec: Spec, i: number): Param {
  return spec.params[i] ?? spec.variadic ?? spec.params[spec.params.length - 1]!;
}

function checkArity(name: string, spec: Spec, count: number): void {
  const want = spec.params.length;
  if (count < want) {
    const qual = spec.variadic ? ' at least' : '';
    throw new FunctionError(`Function "${name}" expects${qual} ${want} argument(s). Missing value for "${spec.params[count]!.name}".`);
  }
  if (!spec.variadic && count > want) throw new FunctionError(`Function "${name}" expects only ${want} argument(s).`);
}

function convertParam(v: Value, type: ParamType, index: number): Value {
  try {
    switch (type) {
      case 'string':
        // cty holds every string in NFC.
        return toStr(v).normalize('NFC');
      case 'number':
        return toNumber(v);
      case 'bool':
        return toBool(v);
      case 'any':
        return v;
    }
  } catch (e) {
    if (e instanceof ConversionError) throw new ArgError(index, e.message);
    throw e;
  }
}
