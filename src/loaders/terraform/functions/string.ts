/**
 * String functions, with Go's semantics: lengths and offsets count grapheme clusters, case
 * mapping is one-to-one per code point, "space" is Go's unicode.IsSpace, and regular expressions
 * are RE2 (see regexp.ts).
 */
import { findUnknown, isObject, newObject, Unknown, type Value } from '../../../model/value.js';
import { ConversionError, toInt } from './coerce.js';
import { stringList } from './collection.js';
import { allMatches, compileGoRegexp, firstMatch, RegexpSyntaxError, replaceAll, type GoRegexp } from './regexp.js';
import { ArgError, CallError, define } from './signature.js';
import type { TfFunction } from './types.js';
import { goLower, goTitle, goUpper, graphemes, isGoSpace } from './unicode.js';

const str = (name: string) => ({ name, type: 'string' }) as const;

const oneString = (name: string, f: (s: string) => Value) =>
  define(name, {
    params: [str('str')],
    impl: ([s]) => f(s as string),
  });

const twoStrings = (name: string, second: string, f: (s: string, t: string) => Value) =>
  define(name, {
    params: [str('str'), str(second)],
    impl: ([s, t]) => f(s as string, t as string),
  });

function intArg(v: Value): number {
  try {
    return toInt(v as number);
  } catch (e) {
    if (e instanceof ConversionError) throw new CallError(e.message);
    throw e;
  }
}

const join = define('join', {
  params: [str('separator')],
  variadic: { name: 'lists' },
  check: (args) => args.slice(1).forEach((l, i) => l instanceof Unknown || stringList(l, i + 1)),
  impl: ([sep, ...lists]) => {
    if (lists.length === 0) throw new CallError('at least one list is required');
    const converted = lists.map((l, i) => stringList(l, i + 1));
    const u = findUnknown(converted);
    if (u) return u;
    const items: string[] = [];
    converted.forEach((list, li) => {
      list.forEach((x, ei) => {
        if (x === null) {
          throw new ArgError(
            li + 1,
            lists.length > 1 ? `element ${ei} of list ${li + 1} is null; cannot concatenate null values` : `element ${ei} is null; cannot concatenate null values`,
          );
        }
        items.push(x as string);
      });
    });
    return items.join(sep as string);
  },
});

const split = define('split', {
  params: [str('separator'), str('str')],
  // strings.Split: an empty separator splits into code points.
  impl: ([sep, s]) => (sep === '' ? [...(s as string)] : (s as string).split(sep as string)),
});

/** strings.Replace with n = -1: an empty `old` matches before every code point and at the end. */
function replaceLiteral(s: string, old: string, repl: string): string {
  if (old === '') return repl + [...s].map((ch) => ch + repl).join('');
  return s.split(old).join(repl);
}

function compileOrFail(pattern: string, fail: (e: RegexpSyntaxError) => Error): GoRegexp {
  try {
    return compileGoRegexp(pattern);
  } catch (e) {
    if (e instanceof RegexpSyntaxError) throw fail(e);
    throw e;
  }
}

const replace = define('replace', {
  params: [str('str'), str('substr'), str('replace')],
  impl: ([s, sub, repl]) => {
    const pattern = sub as string;
    // A search string wrapped in slashes is a regular expression.
    if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) {
      const re = compileOrFail(pattern.slice(1, -1), (e) => new CallError(e.message));
      return replaceAll(re, s as string, repl as string);
    }
    return replaceLiteral(s as string, pattern, repl as string);
  },
});

type RegexResult = 'string' | 'tuple' | 'object';

/** regex()'s result kind, checked while type-checking, i.e. even when the string is unknown. */
function patternResult(pattern: string): { re: GoRegexp; kind: RegexResult } {
  const re = compileOrFail(pattern, (e) => new ArgError(0, `invalid regexp pattern: ${e.code} in ${e.expr}`));
  const names = re.names.slice(1);
  const named = names.filter((n) => n !== '').length;
  const unnamed = names.length - named;
  if (named > 0 && unnamed > 0) throw new ArgError(0, 'invalid regexp pattern: cannot mix both named and unnamed capture groups');
  return { re, kind: named > 0 ? 'object' : unnamed > 0 ? 'tuple' : 'string' };
}

function matchResult(re: GoRegexp, m: RegExpExecArray, kind: RegexResult): Value {
  if (kind === 'string') return m[0];
  if (kind === 'tuple') return m.slice(1).map((g) => g ?? null);
  return newObject(re.names.slice(1).map((name, i) => [name, m[i + 1] ?? null]));
}

const regex = define('regex', {
  params: [str('pattern'), str('string')],
  check: ([p]) => {
    if (typeof p === 'string') patternResult(p);
  },
  impl: ([p, s]) => {
    const { re, kind } = patternResult(p as string);
    const m = firstMatch(re, s as string);
    if (!m) throw new CallError('pattern did not match any part of the given string');
    return matchResult(re, m, kind);
  },
});

const regexall = define('regexall', {
  params: [str('pattern'), str('string')],
  check: ([p]) => {
    if (typeof p === 'string') patternResult(p);
  },
  impl: ([p, s]) => {
    const { re, kind } = patternResult(p as string);
    return allMatches(re, s as string).map((m) => matchResult(re, m, kind));
  },
});

/** cty's substr, quirks included: a negative length takes the rest, and a zero length after a negative offset does too. */
function substring(s: string, offset: number, length: number): string {
  const clusters = graphemes(s);
  if (offset < 0) offset += clusters.length;
  else if (length === 0) return '';
  let from = 0;
  if (offset > 0) {
    if (offset > clusters.length) return '';
    from = offset;
  }
  const rest = clusters.slice(from);
  return (length <= 0 ? rest : rest.slice(0, length)).join('');
}

const substr = define('substr', {
  params: [str('str'), { name: 'offset', type: 'number' }, { name: 'length', type: 'number' }],
  impl: ([s, offset, len]) => substring(s as string, intArg(offset!), intArg(len!)),
});

function trimWhile(s: string, drop: (ch: string) => boolean): string {
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  while (a < b && drop(chars[a]!)) a++;
  while (b > a && drop(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

const indent = define('indent', {
  params: [{ name: 'spaces', type: 'number' }, str('str')],
  impl: ([spaces, s]) => {
    const n = intArg(spaces!);
    if (n < 0) throw new CallError('panic in function implementation: strings: negative Repeat count');
    return (s as string).split('\n').join('\n' + ' '.repeat(n));
  },
});

const startswith = define('startswith', {
  params: [{ name: 'str', type: 'string', allowUnknown: true }, str('prefix')],
  impl: ([s, prefix]) => {
    if (s instanceof Unknown) return prefix === '' ? true : s;
    return (s as string).startsWith(prefix as string);
  },
});

/**
 * templatestring(template, vars) (Terraform 1.9): renders a string value as a template with only
 * `vars` in scope. The evaluator checks first that `template` is written as a reference (expr.ts),
 * as Terraform does; a number is not converted to the string wanted here.
 */
const templatestring = define('templatestring', {
  params: [
    { name: 'template', allowUnknown: true },
    { name: 'vars', allowUnknown: true },
  ],
  impl: ([t, vars], ctx) => {
    if (t instanceof Unknown) return t;
    if (typeof t !== 'string') throw new ArgError(0, 'invalid template value: a string is required');
    if (vars instanceof Unknown) return vars;
    if (!isObject(vars!)) throw new ArgError(1, 'invalid vars value: must be a map');
    return ctx.renderTemplateString(t, vars);
  },
});

export const stringFunctions: Record<string, TfFunction> = {
  join,
  templatestring,
  split,
  replace,
  regex,
  regexall,
  substr,
  indent,
  startswith,
  lower: oneString('lower', goLower),
  upper: oneString('upper', goUpper),
  title: oneString('title', goTitle),
  strrev: oneString('strrev', (s) => graphemes(s).reverse().join('')),
  trimspace: oneString('trimspace', (s) => trimWhile(s, isGoSpace)),
  chomp: oneString('chomp', (s) => s.replace(/[\r\n]+$/, '')),
  trim: twoStrings('trim', 'cutset', (s, cutset) => {
    const cut = new Set(cutset);
    return trimWhile(s, (ch) => cut.has(ch));
  }),
  trimprefix: twoStrings('trimprefix', 'prefix', (s, p) => (s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: twoStrings('trimsuffix', 'suffix', (s, x) => (x !== '' && s.endsWith(x) ? s.slice(0, s.length - x.length) : s)),
  endswith: twoStrings('endswith', 'suffix', (s, x) => s.endsWith(x)),
  strcontains: twoStrings('strcontains', 'substr', (s, x) => s.includes(x)),
};
