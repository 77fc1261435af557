/**
 * Set functions. Lists and tuples are accepted wherever a set is expected and converted to sets;
 * elements of mixed primitive types unify to strings first, as Terraform's conversion does.
 */
import { findUnknown, TfSet, Unknown, type Value } from '../../../model/value.js';
import { ConversionError, sequenceItems, unifyValues } from './coerce.js';
import { equalsKnown } from './collection.js';
import { ArgError, CallError, define } from './signature.js';
import type { TfFunction } from './types.js';

function setItems(v: Value, index: number): Value[] {
  const items = sequenceItems(v);
  if (!items) throw new ArgError(index, 'set of any single type required');
  return items;
}

/** The arguments' elements converted to their common element type, per argument. */
function unifySets(args: Value[]): Value[][] {
  const per = args.map((a, i) => {
    let u: Value[] | undefined;
    try {
      u = unifyValues(setItems(a, i));
    } catch (e) {
      if (!(e instanceof ConversionError)) throw e;
    }
    if (!u) throw new ArgError(i, 'all set elements must have the same type');
    return u;
  });
  let joint: Value[] | undefined;
  try {
    joint = unifyValues(per.flat());
  } catch (e) {
    if (!(e instanceof ConversionError)) throw e;
  }
  if (!joint) throw new CallError('given sets must all have compatible element types');
  let at = 0;
  return per.map((p) => joint.slice(at, (at += p.length)));
}

const member = (items: Value[], x: Value): boolean => items.some((y) => equalsKnown(x, y) === true);

function setOperation(name: string, variadic: boolean, combine: (a: Value[], b: Value[]) => Value[], allowUnknownElements: boolean): TfFunction {
  return define(name, {
    params: variadic ? [{ name: 'first_set' }] : [{ name: 'a' }, { name: 'b' }],
    ...(variadic ? { variadic: { name: 'other_sets' } } : {}),
    check: (args) => {
      if (!args.some((a) => a instanceof Unknown)) unifySets(args);
      else args.forEach((a, i) => a instanceof Unknown || setItems(a, i));
    },
    impl: (args) => {
      const sets = unifySets(args);
      if (!allowUnknownElements) {
        const u = findUnknown(sets);
        if (u) return u;
      }
      return new TfSet(sets.slice(1).reduce(combine, sets[0]!));
    },
  });
}

const setunion = setOperation('setunion', true, (a, b) => [...a, ...b], true);
const setintersection = setOperation('setintersection', true, (a, b) => a.filter((x) => member(b, x)), false);
const setsubtract = setOperation('setsubtract', false, (a, b) => a.filter((x) => !member(b, x)), false);

const setproduct = define('setproduct', {
  params: [],
  variadic: { name: 'sets', allowUnknown: true },
  check: (args) => {
    if (args.length < 2) throw new CallError('at least two arguments are required');
    args.forEach((a, i) => {
      if (a instanceof Unknown) return;
      const items = sequenceItems(a);
      if (!items) throw new ArgError(i, 'a set or a list is required');
      if (Array.isArray(a) && !unifyQuiet(items)) throw new ArgError(i, 'all elements must be of the same type');
    });
  },
  impl: (args) => {
    const firstUnknown = args.find((a) => a instanceof Unknown);
    if (firstUnknown) return firstUnknown;
    for (const a of args) {
      // A set with unknown elements has an unknown number of elements.
      if (a instanceof TfSet) {
        const u = findUnknown(a);
        if (u) return u;
      }
    }
    const lists = args.map((a) => unifyQuiet(sequenceItems(a)!)!);
    let product: Value[][] = [[]];
    for (const list of lists) product = product.flatMap((prefix) => list.map((x) => [...prefix, x]));
    return args.every((a) => Array.isArray(a)) ? product : new TfSet(product);
  },
});

function unifyQuiet(items: Value[]): Value[] | undefined {
  try {
    return unifyValues(items);
  } catch (e) {
    if (e instanceof ConversionError) return undefined;
    throw e;
  }
}

export const setFunctions: Record<string, TfFunction> = { setunion, setintersection, setsubtract, setproduct };
