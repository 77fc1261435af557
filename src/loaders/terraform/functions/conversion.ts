/**
 * Explicit type conversions (tostring, tonumber, tobool, tolist, toset, tomap) with the messages
 * Terraform gives for them, and the value-marking functions, whose marks gridfence does not track.
 */
import { isObject, newObject, TfSet, Unknown, type ObjectValue, type Value } from '../../../model/value.js';
import { ConversionError, friendlyName, isComplex, parseDecimal, sequenceItems, toStr, unifyValues } from './coerce.js';
import { ArgError, define } from './signature.js';
import type { TfFunction } from './types.js';
import { goQuote } from './unicode.js';

const anyParam = { name: 'v', allowNull: true, allowUnknown: true } as const;

const passThrough = (v: Value): v is null | Unknown => v === null || v instanceof Unknown;

const tostring = define('tostring', {
  params: [anyParam],
  impl: ([v]) => {
    if (passThrough(v!)) return v!;
    if (isComplex(v!)) throw new ArgError(0, `cannot convert ${friendlyName(v!)} to string`);
    return toStr(v!);
  },
});

const tonumber = define('tonumber', {
  params: [anyParam],
  impl: ([v]) => {
    if (passThrough(v!) || typeof v === 'number') return v!;
    if (typeof v === 'string') {
      const n = parseDecimal(v);
      if (n === undefined) throw new ArgError(0, `cannot convert ${goQuote(v)} to number; given string must be a decimal representation of a number`);
      return n;
    }
    throw new ArgError(0, `cannot convert ${friendlyName(v!)} to number`);
  },
});

const tobool = define('tobool', {
  params: [anyParam],
  impl: ([v]) => {
    if (passThrough(v!) || typeof v === 'boolean') return v!;
    if (typeof v === 'string') {
      if (v === 'true' || v === '1') return true;
      if (v === 'false' || v === '0') return false;
      throw new ArgError(0, `cannot convert ${goQuote(v)} to bool; only the strings "true" or "false" are allowed`);
    }
    throw new ArgError(0, `cannot convert ${friendlyName(v!)} to bool`);
  },
});

function unifyOrFail(items: Value[], from: Value, to: string): Value[] {
  let unified: Value[] | undefined;
  try {
    unified = unifyValues(items);
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
  }
  if (!unified) throw new ArgError(0, `cannot convert ${friendlyName(from)} to ${to} of any single type`);
  return unified;
}

const tolist = define('tolist', {
  params: [anyParam],
  impl: ([v]) => {
    if (passThrough(v!)) return v!;
    const items = sequenceItems(v!);
    if (!items) throw new ArgError(0, `cannot convert ${friendlyName(v!)} to list of any single type`);
    return unifyOrFail(items, v!, 'list');
  },
});

const toset = define('toset', {
  params: [anyParam],
  impl: ([v]) => {
    if (passThrough(v!) || v instanceof TfSet) return v!;
    const items = sequenceItems(v!);
    if (!items) throw new ArgError(0, `cannot convert ${friendlyName(v!)} to set of any single type`);
    return new TfSet(unifyOrFail(items, v!, 'set'));
  },
});

const tomap = define('tomap', {
  params: [anyParam],
  impl: ([v]) => {
    if (passThrough(v!)) return v!;
    if (!isObject(v!)) throw new ArgError(0, `cannot convert ${friendlyName(v!)} to map of any single type`);
    const o = v as ObjectValue;
    const ks = Object.keys(o);
    const vals = unifyOrFail(
      ks.map((k) => o[k]!),
      v!,
      'map',
    );
    return newObject(ks.map((k, i) => [k, vals[i]!]));
  },
});

/** Sensitivity is not tracked, so marking and unmarking return the value itself. */
const identity = (name: string) =>
  define(name, {
    params: [{ name: 'value', allowNull: true, allowUnknown: true }],
    impl: ([v]) => v!,
  });

const issensitive = define('issensitive', {
  params: [{ name: 'value', allowNull: true, allowUnknown: true }],
  impl: () => new Unknown('issensitive() is not evaluated: gridfence does not track sensitive values'),
});

const ephemeralasnull = define('ephemeralasnull', {
  params: [{ name: 'value', allowNull: true, allowUnknown: true }],
  impl: () => new Unknown('ephemeralasnull() is not evaluated: gridfence does not track ephemeral values'),
});

export const conversionFunctions: Record<string, TfFunction> = {
  tostring,
  tonumber,
  tobool,
  tolist,
  toset,
  tomap,
  sensitive: identity('sensitive'),
  nonsensitive: identity('nonsensitive'),
  issensitive,
  ephemeralasnull,
};
