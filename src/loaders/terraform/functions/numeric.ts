/**
 * Numeric functions. Terraform computes with 512-bit binary floats, so sums and ranges of decimal
 * literals come out as exact decimals (range(0, 1, 0.1) ends in 0.9, not 0.8999999999999999);
 * those two functions therefore add in exact decimal arithmetic over the shortest decimal form of
 * each double. The others use doubles as Go's math package does.
 */
import { findUnknown, isObject, Unknown } from '../../../model/value.js';
import { ConversionError, friendlyName, sequenceItems, toInt, toNumber } from './coerce.js';
import { shortestDecimal } from './decimal.js';
import { ArgError, CallError, define } from './signature.js';
import type { TfFunction } from './types.js';
import { goQuote } from './unicode.js';

/** x as int / 10^scale, exactly, from its shortest decimal form; undefined for numbers too large or small for that to be sensible. */
function toScaled(x: number): { int: bigint; scale: number } | undefined {
  if (!Number.isFinite(x)) return undefined;
  const d = shortestDecimal(x);
  const scale = Math.max(0, d.digits.length - d.exp);
  if (scale > 60 || d.exp > 400) return undefined;
  const int = BigInt(d.digits || '0') * 10n ** BigInt(Math.max(0, d.exp - d.digits.length));
  return { int: x < 0 ? -int : int, scale };
}

/** The numbers as integers of one common decimal scale, or undefined when one of them does not fit. */
function commonScale(xs: number[]): { ints: bigint[]; scale: number } | undefined {
  const parts = xs.map(toScaled);
  if (parts.some((p) => p === undefined)) return undefined;
  const scale = Math.max(0, ...parts.map((p) => p!.scale));
  return { ints: parts.map((p) => p!.int * 10n ** BigInt(scale - p!.scale)), scale };
}

const fromScaled = (int: bigint, scale: number): number => Number(`${int}e-${scale}`);

const unary = (name: string, f: (x: number) => number) =>
  define(name, {
    params: [{ name: 'num', type: 'number' }],
    impl: ([x]) => f(x as number),
  });

const extreme = (name: string, pick: (a: number, b: number) => boolean) =>
  define(name, {
    params: [],
    variadic: { name: 'numbers', type: 'number' },
    impl: (args) => {
      if (args.length === 0) throw new CallError('must pass at least one number');
      return (args as number[]).reduce((best, x) => (pick(x, best) ? x : best));
    },
  });

const signum = define('signum', {
  params: [{ name: 'num', type: 'number' }],
  impl: ([x]) => {
    let n: number;
    try {
      n = toInt(x as number);
    } catch (e) {
      if (e instanceof ConversionError) throw new CallError(e.message);
      throw e;
    }
    return n < 0 ? -1 : n > 0 ? 1 : 0;
  },
});

const binary = (name: string, second: string, f: (a: number, b: number) => number) =>
  define(name, {
    params: [
      { name: 'num', type: 'number' },
      { name: second, type: 'number' },
    ],
    impl: ([a, b]) => {
      const r = f(a as number, b as number);
      if (Number.isNaN(r)) throw new CallError('result is not a number');
      return r;
    },
  });

/** The value of a digit in big.Int.SetString for the given base (letters are case-insensitive up to base 36). */
function digitValue(ch: string, base: number): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 97 + 10;
  if (c >= 65 && c <= 90) return base <= 36 ? c - 65 + 10 : c - 65 + 36;
  return 99;
}

const parseint = define('parseint', {
  params: [{ name: 'number' }, { name: 'base', type: 'number' }],
  check: ([s]) => {
    if (s !== null && typeof s !== 'string' && !(s instanceof Unknown)) {
      throw new ArgError(0, `first argument must be a string, not ${friendlyName(s!)}`);
    }
  },
  impl: ([s, baseArg]) => {
    let base: number;
    try {
      base = toInt(baseArg as number);
    } catch (e) {
      if (e instanceof ConversionError) throw new ArgError(1, e.message);
      throw e;
    }
    if (base < 2 || base > 62) throw new ArgError(1, 'base must be a whole number between 2 and 62 inclusive');
    const str = s as string;
    const m = /^([+-]?)(.+)$/s.exec(str);
    const digits = m ? [...m[2]!] : [];
    if (!m || digits.some((d) => digitValue(d, base) >= base)) throw new ArgError(0, `cannot parse ${goQuote(str)} as a base ${base} integer`);
    let v = 0n;
    for (const d of digits) v = v * BigInt(base) + BigInt(digitValue(d, base));
    return Number(m[1] === '-' ? -v : v);
  },
});

const sum = define('sum', {
  params: [{ name: 'list' }],
  impl: ([list]) => {
    const items = sequenceItems(list!);
    if (!items && !isObject(list!)) throw new ArgError(0, 'cannot sum noniterable');
    const count = items ? items.length : Object.keys(list as object).length;
    if (count === 0) throw new ArgError(0, 'cannot sum an empty list');
    if (!items) throw new ArgError(0, `argument must be list, set, or tuple. Received ${friendlyName(list!)}`);
    const u = findUnknown(items);
    if (u) return u;
    const nums = items.map((x) => {
      try {
        if (x === null) throw new ConversionError('null');
        return toNumber(x);
      } catch (e) {
        if (e instanceof ConversionError) throw new ArgError(0, 'argument must be list, set, or tuple of number values');
        throw e;
      }
    });
    if (nums.includes(Infinity) && nums.includes(-Infinity)) throw new CallError("can't compute sum of opposing infinities");
    const exact = commonScale(nums);
    if (!exact) return nums.reduce((a, b) => a + b, 0);
    return fromScaled(
      exact.ints.reduce((a, b) => a + b, 0n),
      exact.scale,
    );
  },
});

const range = define('range', {
  params: [],
  variadic: { name: 'params', type: 'number' },
  impl: (args) => {
    const nums = args as number[];
    let start: number;
    let end: number;
    let step: number;
    if (nums.length === 1) [start, end, step] = [0, nums[0]!, nums[0]! < 0 ? -1 : 1];
    else if (nums.length === 2) [start, end, step] = [nums[0]!, nums[1]!, nums[1]! < nums[0]! ? -1 : 1];
    else if (nums.length === 3) [start, end, step] = nums as [number, number, number];
    else throw new CallError('must have one, two, or three arguments');
    if (step === 0) throw new ArgError(2, 'step must not be zero');
    const down = step < 0;
    if (down && end > start) throw new ArgError(1, 'end must be less than start when step is negative');
    if (!down && end < start) throw new ArgError(1, 'end must be greater than start when step is positive');
    const tooMany = () => new CallError('more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
    const out: number[] = [];
    const exact = commonScale([start, end, step]);
    if (exact) {
      const [s, e, st] = exact.ints as [bigint, bigint, bigint];
      for (let v = s; down ? v > e : v < e; v += st) {
        if (out.length >= 1024) throw tooMany();
        out.push(fromScaled(v, exact.scale));
      }
      return out;
    }
    for (let v = start; down ? v > end : v < end; v += step) {
      if (out.length >= 1024) throw tooMany();
      out.push(v);
    }
    return out;
  },
});

export const numericFunctions: Record<string, TfFunction> = {
  abs: unary('abs', Math.abs),
  ceil: unary('ceil', Math.ceil),
  floor: unary('floor', Math.floor),
  signum,
  min: extreme('min', (a, b) => a < b),
  max: extreme('max', (a, b) => a > b),
  pow: binary('pow', 'power', Math.pow),
  log: binary('log', 'base', (num, base) => Math.log(num) / Math.log(base)),
  parseint,
  sum,
  range,
};
