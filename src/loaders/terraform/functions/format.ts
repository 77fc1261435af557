/**
 * format and formatlist: cty's format-string grammar (`%` flags width .precision [argindex] verb)
 * with Go's rendering of each verb. Numbers given as strings are formatted from their exact
 * decimal digits, as Terraform's arbitrary-precision numbers would be. Offsets in messages are
 * byte offsets into the UTF-8 format string, as Terraform reports them.
 */
import { findUnknown, TfSet, Unknown, type Value } from '../../../model/value.js';
import { ConversionError, friendlyName, parseDecimal, toBool, toStr } from './coerce.js';
import { decimalOf, decimalOfText, formatDecimal, type DecimalNumber, type FloatVerb } from './decimal.js';
import { encodeJson, JsonError, jsonString } from './json.js';
import { ArgError, CallError, define } from './signature.js';
import type { TfFunction } from './types.js';
import { goQuote, goQuoteRune, graphemeCount, graphemes } from './unicode.js';
import { QuietError } from '../../../model/errors.js';

/** A formatting failure; `argIndex` set when Terraform blames one argument (counting the format string as 0). */
class FormatError extends QuietError {
  constructor(
    message: string,
    readonly argIndex?: number,
  ) {
    super(message);
  }
}

interface Verb {
  raw: string;
  offset: number;
  argNum: number;
  mode: string;
  zero: boolean;
  sharp: boolean;
  plus: boolean;
  minus: boolean;
  space: boolean;
  /** -1 when absent. */
  width: number;
  /** -1 when absent. */
  prec: number;
}

const utf8Length = (ch: string): number => {
  const cp = ch.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
};

export function formatValues(format: string, args: Value[]): string {
  const chars = [...format];
  const byteAt: number[] = [0];
  for (const ch of chars) byteAt.push(byteAt[byteAt.length - 1]! + utf8Length(ch));
  let out = '';
  let nextArg = 1;
  let highest = 0;
  let i = 0;
  const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
  /** The character at j, or the error Terraform gives when it is missing or not `ok`. */
  const expect = (j: number, ok: (ch: string) => boolean): string => {
    const ch = chars[j];
    if (ch === undefined) throw new FormatError(`invalid format string starting at offset ${byteAt[chars.length]}`);
    if (!ok(ch)) throw new FormatError(`unrecognized format character ${goQuoteRune(ch)} at offset ${byteAt[j]}`);
    return ch;
  };
  while (i < chars.length) {
    if (chars[i] !== '%') {
      out += chars[i++];
      continue;
    }
    if (chars[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    const start = i;
    const verb: Verb = { raw: '', offset: byteAt[start]!, argNum: nextArg, mode: '', zero: false, sharp: false, plus: false, minus: false, space: false, width: -1, prec: -1 };
    let j = i + 1;
    for (;;) {
      const f = chars[j];
      if (f === '0') verb.zero = true;
      else if (f === '#') verb.sharp = true;
      else if (f === '-') verb.minus = true;
      else if (f === '+') verb.plus = true;
      else if (f === ' ') verb.space = true;
      else break;
      j++;
    }
    if (chars[j] !== undefined && chars[j]! >= '1' && chars[j]! <= '9') {
      verb.width = 0;
      while (isDigit(chars[j])) verb.width = verb.width * 10 + Number(chars[j++]);
    }
    if (chars[j] === '.') {
      j++;
      verb.prec = 0;
      while (isDigit(chars[j])) verb.prec = verb.prec * 10 + Number(chars[j++]);
    }
    if (chars[j] === '[') {
      j++;
      verb.argNum = Number(expect(j, (ch) => ch >= '1' && ch <= '9'));
      j++;
      while (expect(j, (ch) => isDigit(ch) || ch === ']') !== ']') verb.argNum = verb.argNum * 10 + Number(chars[j++]);
      j++;
    }
    verb.mode = expect(j, (ch) => /^[A-Za-z]$/.test(ch));
    verb.raw = chars.slice(start, j + 1).join('');
    highest = Math.max(highest, verb.argNum);
    out += formatOne(verb, args);
    nextArg = verb.argNum + 1;
    i = j + 1;
  }
  if (highest < args.length) {
    const firstBad = highest + 1;
    if (highest === 0) throw new FormatError('too many arguments; no verbs in format string', firstBad);
    throw new FormatError(`too many arguments; only ${highest} used by format string`, firstBad);
  }
  return out;
}

function formatOne(verb: Verb, args: Value[]): string {
  const q = goQuote(verb.raw);
  if (verb.argNum > args.length) {
    throw new FormatError(`not enough arguments for ${q} at ${verb.offset}: need index ${verb.argNum} but have ${args.length} total`);
  }
  const arg = args[verb.argNum - 1]!;
  if (verb.mode !== 'v' && arg === null) throw new FormatError(`unsupported value for ${q} at ${verb.offset}: null value cannot be formatted`);
  const unsupported = (message: string): FormatError => new FormatError(`unsupported value for ${q} at ${verb.offset}: ${message}`);
  try {
    switch (verb.mode) {
      case 'v':
        if (!verb.sharp && typeof arg === 'string') return pad(verb, arg);
        if (!verb.sharp && typeof arg === 'number') return pad(verb, formatDecimal(decimalOf(arg), 'g', -1));
        return pad(verb, encodeJson(arg));
      case 't':
        return toBool(arg) ? 'true' : 'false';
      case 'b':
      case 'd':
      case 'o':
      case 'x':
      case 'X':
        return formatInteger(verb, numberArg(arg), unsupported);
      case 'e':
      case 'E':
      case 'f':
      case 'g':
      case 'G':
        return formatFloatVerb(verb, numberArg(arg));
      case 's':
      case 'q': {
        let s = toStr(arg);
        if (verb.prec > 0) s = graphemes(s).slice(0, verb.prec).join('');
        return pad(verb, verb.mode === 'q' ? jsonString(s) : s);
      }
      default:
        throw new FormatError(`unsupported format verb ${goQuoteRune(verb.mode)} in ${q} at offset ${verb.offset}`);
    }
  } catch (e) {
    if (e instanceof ConversionError || e instanceof JsonError) throw unsupported(e.message);
    throw e;
  }
}

function numberArg(v: Value): DecimalNumber {
  if (typeof v === 'number') return decimalOf(v);
  if (typeof v === 'string') {
    if (parseDecimal(v) === undefined) throw new ConversionError('a number is required');
    return decimalOfText(v) ?? decimalOf(parseDecimal(v)!);
  }
  throw new ConversionError(`number required, but have ${friendlyName(v)}`);
}

/** Width padding counted in grapheme clusters, with zeros when the 0 flag is given. */
function pad(verb: Verb, s: string): string {
  if (verb.width < 0) return s;
  const missing = verb.width - graphemeCount(s);
  if (missing <= 0) return s;
  const fill = (verb.zero ? '0' : ' ').repeat(missing);
  return verb.minus ? s + fill : fill + s;
}

/** big.Int's fmt.Formatter. */
function formatInteger(verb: Verb, n: DecimalNumber, unsupported: (m: string) => FormatError): string {
  const { digits, exp } = n.exact;
  if (n.infinite || digits.length > exp) throw unsupported('an integer is required');
  const abs = digits === '' ? 0n : BigInt(digits.padEnd(exp, '0'));
  const base = { b: 2, o: 8, d: 10, x: 16, X: 16 }[verb.mode as 'b' | 'o' | 'd' | 'x' | 'X'];
  let text = abs.toString(base);
  if (verb.mode === 'X') text = text.toUpperCase();
  const sign = n.negative && abs !== 0n ? '-' : verb.plus ? '+' : verb.space ? ' ' : '';
  const prefix = verb.sharp ? ({ b: '0b', o: '0', x: '0x', X: '0X' } as Record<string, string>)[verb.mode] ?? '' : '';
  let zeros = 0;
  let left = 0;
  let right = 0;
  if (verb.prec >= 0) {
    if (text.length < verb.prec) zeros = verb.prec - text.length;
    else if (text === '0' && verb.prec === 0) return '';
  }
  const length = sign.length + prefix.length + zeros + text.length;
  if (verb.width >= 0 && length < verb.width) {
    const d = verb.width - length;
    if (verb.minus) right = d;
    else if (verb.zero && verb.prec < 0) zeros = d;
    else left = d;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + text + ' '.repeat(right);
}

/** big.Float's fmt.Formatter. */
function formatFloatVerb(verb: Verb, n: DecimalNumber): string {
  const mode = verb.mode as FloatVerb;
  let prec = verb.prec >= 0 ? verb.prec : 6;
  if ((mode === 'g' || mode === 'G') && verb.prec < 0) prec = -1;
  let body = formatDecimal(n, mode, prec);
  let sign = '';
  if (body.startsWith('-')) {
    sign = '-';
    body = body.slice(1);
  } else if (body.startsWith('+')) {
    sign = verb.space ? ' ' : '+';
    body = body.slice(1);
  } else if (verb.plus) sign = '+';
  else if (verb.space) sign = ' ';
  const padding = verb.width > sign.length + body.length ? verb.width - sign.length - body.length : 0;
  if (verb.zero && !n.infinite) return sign + '0'.repeat(padding) + body;
  if (verb.minus) return sign + body + ' '.repeat(padding);
  return ' '.repeat(padding) + sign + body;
}

function rethrow(e: unknown, iteration?: number): never {
  if (e instanceof FormatError) {
    if (iteration !== undefined) throw new CallError(`error on format iteration ${iteration}: ${e.message}`);
    if (e.argIndex !== undefined) throw new ArgError(e.argIndex, e.message);
    throw new CallError(e.message);
  }
  throw e;
}

const format = define('format', {
  params: [{ name: 'format', type: 'string' }],
  variadic: { name: 'args', allowNull: true, allowUnknown: true },
  impl: ([fmt, ...args]) => {
    const u = findUnknown(args);
    if (u) return u;
    try {
      return formatValues(fmt as string, args);
    } catch (e) {
      return rethrow(e);
    }
  },
});

const formatlist = define('formatlist', {
  params: [{ name: 'format', type: 'string' }],
  variadic: { name: 'args', allowNull: true, allowUnknown: true },
  impl: ([fmt, ...args]) => {
    let iterLen = -1;
    let chooser = -1;
    let pending: Unknown | undefined;
    args.forEach((a, i) => {
      // An Unknown might be a list, so the number of results is unknown.
      if (a instanceof Unknown) {
        pending ??= a;
        return;
      }
      const items = Array.isArray(a) ? a : a instanceof TfSet ? a.items : undefined;
      if (!items) return;
      if (a instanceof TfSet && findUnknown(a)) {
        pending ??= findUnknown(a);
        return;
      }
      if (iterLen === -1) {
        iterLen = items.length;
        chooser = i;
      } else if (items.length !== iterLen) {
        throw new ArgError(i + 1, `argument ${i + 1} has length ${items.length}, which is inconsistent with argument ${chooser + 1} of length ${iterLen}`);
      }
    });
    if (pending) return pending;
    if (iterLen === 0) return [];
    const results: Value[] = [];
    for (let n = 0; n < Math.max(iterLen, 1); n++) {
      const row = args.map((a) => (Array.isArray(a) ? a[n]! : a instanceof TfSet ? a.items[n]! : a));
      const u = findUnknown(row);
      if (u) {
        results.push(u);
        continue;
      }
      try {
        results.push(formatValues(fmt as string, row));
      } catch (e) {
        rethrow(e, args.length === 0 ? undefined : n);
      }
    }
    return results;
  },
});

export const formatFunctions: Record<string, TfFunction> = { format, formatlist };
