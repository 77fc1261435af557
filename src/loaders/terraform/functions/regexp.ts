/**
 * Go's regexp (RE2 syntax, Perl flags) on top of JavaScript's RegExp. The pattern is parsed with
 * RE2's grammar and re-emitted as a unicode-mode JavaScript pattern whose matches are the same:
 * `.` excludes only "\n", `$` is end of text, `\s` `\d` `\w` `\b` are ASCII, classes and escapes are
 * RE2's, named groups become plain numbered groups with the names kept aside. Constructs RE2 rejects
 * (look-around, backreferences, …) are rejected with Go's error codes. The one RE2 feature with no
 * JavaScript counterpart in Node 20, a case-insensitivity flag covering only part of a pattern, is
 * emulated by spelling out the case variants of the literals and classes it covers; a Unicode
 * property class under such a partial flag is refused rather than approximated.
 *
 * Match iteration and replacement follow Go's loops, which differ from JavaScript's around empty
 * matches (Go never reports an empty match right after a previous match).
 */
import { isNameChar } from './unicode.js';
import { QuietError } from '../../../model/errors.js';
import { table } from '../../../model/table.js';

/** A syntax error, with Go's error code text (e.g. "missing closing )") and the offending text. */
export class RegexpSyntaxError extends QuietError {
  constructor(
    readonly code: string,
    readonly expr: string,
  ) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

export interface GoRegexp {
  /** Global, unicode-mode equivalent of the pattern. */
  readonly re: RegExp;
  /** Capture group names by group number; index 0 (the whole match) and unnamed groups are "". */
  readonly names: readonly string[];
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

type Range = [number, number];

const MAX_CP = 0x10ffff;
const DIGIT: Range[] = [[0x30, 0x39]];
const SPACE: Range[] = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];

const POSIX: Record<string, Range[]> = table({
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: DIGIT,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
});

const GENERAL_CATEGORIES = new Set(
  'L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs Cc Cf Co Cs'.split(' '),
);

function complement(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

const hex = (cp: number): string => `\\u{${cp.toString(16)}}`;

function emitRanges(ranges: Range[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
}

const JS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

function emitLiteral(ch: string): string {
  return JS_SYNTAX.has(ch) ? `\\${ch}` : ch;
}

/** A JavaScript \p{…} for a Go Unicode class name, or undefined when Go would not know the name. */
function unicodeProperty(name: string, negated: boolean): string | undefined {
  const p = negated ? 'P' : 'p';
  if (name === 'Any') return `\\${p}{Any}`;
  // Go's "C" is Cc|Cf|Co|Cs; unassigned code points (Cn) are not in it.
  if (name === 'C') return negated ? '\\P{C}' : '\\p{Cc}\\p{Cf}\\p{Co}\\p{Cs}';
  if (GENERAL_CATEGORIES.has(name)) return `\\${p}{${name}}`;
  if (!/^[A-Za-z_]+$/.test(name)) return undefined;
  try {
    new RegExp(`\\p{Script=${name}}`, 'u');
  } catch {
    return undefined;
  }
  return `\\${p}{Script=${name}}`;
}

class Translator {
  private readonly chars: string[];
  private pos = 0;
  private out = '';
  private flags: Flags = { i: false, m: false, s: false, U: false };
  private readonly names: string[] = [''];
  /** The flags in force outside each open parenthesis, restored when it closes. */
  private readonly stack: Flags[] = [];
  /** Case-insensitivity of every case-sensitive piece emitted. */
  readonly caseModes = new Set<boolean>();
  /** Whether the previous piece can take a repetition operator, and the text of a repetition just read. */
  private repeatable = false;
  private lastRepeat: string | undefined;

  /**
   * @param spellCase emit case variants explicitly for pieces under (?i) instead of relying on the
   *   JavaScript `i` flag (used when only part of the pattern is case-insensitive).
   */
  constructor(
    private readonly pattern: string,
    private readonly spellCase: boolean,
  ) {
    this.chars = [...pattern];
  }

  /** The JavaScript source; `caseModes` tells afterwards which case modes it needs. */
  translate(): { source: string; names: string[] } {
    while (this.pos < this.chars.length) this.step();
    if (this.stack.length > 0) throw new RegexpSyntaxError('missing closing )', this.pattern);
    return { source: this.out, names: this.names };
  }

  private rest(from: number): string {
    return this.chars.slice(from).join('');
  }

  private text(from: number, to = this.pos): string {
    return this.chars.slice(from, to).join('');
  }

  private step(): void {
    const start = this.pos;
    const c = this.chars[this.pos]!;
    const wasRepeat = this.lastRepeat;
    this.lastRepeat = undefined;
    switch (c) {
      case '(':
        this.openGroup();
        return;
      case ')':
        if (this.stack.length === 0) throw new RegexpSyntaxError('unexpected )', this.pattern);
        this.flags = this.stack.pop()!;
        this.out += ')';
        this.pos++;
        this.repeatable = true;
        return;
      case '|':
        this.out += '|';
        this.pos++;
        this.repeatable = false;
        return;
      case '^':
        this.pos++;
        this.piece(this.flags.m ? '(?:^|(?<=\\n))' : '(?:^)');
        return;
      case '$':
        this.pos++;
        this.piece(this.flags.m ? '(?:$|(?=\\n))' : '(?:$)');
        return;
      case '.':
        this.pos++;
        this.piece(this.flags.s ? '[^]' : '[^\\n]');
        return;
      case '[':
        this.piece(this.charClass());
        return;
      case '*':
      case '+':
      case '?':
        this.pos++;
        this.repeat(c, start, wasRepeat);
        return;
      case '{': {
        const r = this.parseRepeatBraces();
        if (!r) {
          this.pos++;
          this.piece('\\{');
          return;
        }
        const [min, max] = r;
        if (min > 1000 || (max !== undefined && (max > 1000 || min > max))) {
          throw new RegexpSyntaxError('invalid repeat count', this.text(start));
        }
        this.repeat(this.text(start), start, wasRepeat);
        return;
      }
      case '\\':
        this.escape();
        return;
      default:
        this.pos++;
        this.literal(c);
    }
  }

  /** Appends an atom; `cased` marks pieces whose meaning depends on case-insensitivity. */
  private piece(js: string, cased = false): void {
    if (cased) this.caseModes.add(this.flags.i);
    this.out += js;
    this.repeatable = true;
  }

  private literal(ch: string): void {
    const variants = caseVariants(ch.codePointAt(0)!);
    if (variants.length === 1) this.piece(emitLiteral(ch));
    else if (this.spellCase && this.flags.i) this.piece(`[${variants.map(hex).join('')}]`, true);
    else this.piece(emitLiteral(ch), true);
  }

  private repeat(op: string, start: number, previous: string | undefined): void {
    let lazy = false;
    if (this.chars[this.pos] === '?') {
      lazy = true;
      this.pos++;
    }
    const written = this.text(start);
    if (previous !== undefined) throw new RegexpSyntaxError('invalid nested repetition operator', previous + written);
    if (!this.repeatable) throw new RegexpSyntaxError('missing argument to repetition operator', written);
    this.out += op + (lazy !== this.flags.U ? '?' : '');
    this.lastRepeat = written;
  }

  /** `{n}`, `{n,}` or `{n,m}` at the cursor; undefined (cursor unmoved) when `{` is a literal. */
  private parseRepeatBraces(): [number, number | undefined] | undefined {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.rest(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? undefined : Number(m[3]);
    return [min, max];
  }

  private openGroup(): void {
    const start = this.pos;
    const rest = this.rest(this.pos);
    // Go takes any "(?<" (and "(?P<") as a named group, so look-behinds fail as invalid names.
    const named = /^\(\?P?</.exec(rest);
    if (named) {
      const end = rest.indexOf('>');
      if (end < 0) throw new RegexpSyntaxError('invalid named capture', rest);
      const name = rest.slice(named[0].length, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new RegexpSyntaxError('invalid named capture', rest.slice(0, end + 1));
      this.pos += [...rest.slice(0, end + 1)].length;
      this.names.push(name);
      this.stack.push({ ...this.flags });
      this.out += '(';
      this.repeatable = false;
      return;
    }
    if (this.chars[this.pos + 1] !== '?') {
      this.pos++;
      this.names.push('');
      this.stack.push({ ...this.flags });
      this.out += '(';
      this.repeatable = false;
      return;
    }
    // Flags, optionally opening a non-capturing group: (?flags) or (?flags:re).
    this.pos += 2;
    const flags = { ...this.flags };
    let negate = false;
    let sawFlag = false;
    while (this.pos < this.chars.length) {
      const c = this.chars[this.pos++]!;
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        flags[c] = !negate;
        sawFlag = true;
      } else if (c === '-' && !negate) {
        negate = true;
        sawFlag = false;
      } else if ((c === ':' || c === ')') && !(negate && !sawFlag)) {
        if (c === ':') {
          this.stack.push({ ...this.flags });
          this.out += '(?:';
          this.repeatable = false;
        }
        this.flags = flags;
        return;
      } else {
        break;
      }
    }
    throw new RegexpSyntaxError('invalid or unsupported Perl syntax', this.text(start));
  }

  /** A backslash sequence outside a class. */
  private escape(): void {
    const start = this.pos;
    const c = this.chars[this.pos + 1];
    if (c === undefined) throw new RegexpSyntaxError('trailing backslash at end of expression', '');
    switch (c) {
      case 'A':
        this.pos += 2;
        this.piece('(?:^)');
        return;
      case 'z':
        this.pos += 2;
        this.piece('(?:$)');
        return;
      case 'b':
      case 'B':
        this.pos += 2;
        this.piece(`(?:\\${c})`);
        return;
      case 'Q': {
        this.pos += 2;
        // Each character of the quoted text is its own atom, so a repetition binds to the last one.
        while (this.pos < this.chars.length) {
          if (this.chars[this.pos] === '\\' && this.chars[this.pos + 1] === 'E') {
            this.pos += 2;
            break;
          }
          this.literal(this.chars[this.pos++]!);
        }
        return;
      }
      case 'd':
      case 'D':
      case 's':
      case 'S':
      case 'w':
      case 'W': {
        this.pos += 2;
        const cased = c === 'w' || c === 'W';
        this.piece(`[${emitRanges(this.foldIfSpelled(this.perlClass(c), cased))}]`, cased);
        return;
      }
      case 'p':
      case 'P': {
        this.pos += 2;
        this.refuseSpelledProperty(start);
        this.piece(this.unicodeClass(c === 'P', start, false), true);
        return;
      }
    }
    this.literal(String.fromCodePoint(this.escapedChar(start)));
  }

  /** Adds case variants to a class under a spelled-out (?i). */
  private foldIfSpelled(ranges: Range[], cased: boolean): Range[] {
    if (!cased || !this.spellCase || !this.flags.i) return ranges;
    const out = [...ranges];
    for (const [lo, hi] of ranges) {
      if (hi - lo > 0x3000) throw new RegexpSyntaxError('invalid or unsupported Perl syntax', 'large class under a partial (?i) (not supported here)');
      for (let cp = lo; cp <= hi; cp++) for (const v of caseVariants(cp)) if (v < lo || v > hi) out.push([v, v]);
    }
    return out;
  }

  private refuseSpelledProperty(start: number): void {
    if (this.spellCase && this.flags.i) {
      throw new RegexpSyntaxError('invalid or unsupported Perl syntax', `${this.text(start)} under a partial (?i) (not supported here)`);
    }
  }

  private perlClass(c: string): Range[] {
    const base = c === 'd' || c === 'D' ? DIGIT : c === 's' || c === 'S' ? SPACE : WORD;
    return c === c.toUpperCase() ? complement(base) : base;
  }

  /** After `\p` or `\P`: `X` or `{Name}` or `{^Name}`. Returns JS text, bare (inClass) or wrapped in a class. */
  private unicodeClass(negated: boolean, start: number, inClass: boolean): string {
    let name: string;
    if (this.chars[this.pos] === '{') {
      const close = this.chars.indexOf('}', this.pos);
      if (close < 0) throw new RegexpSyntaxError('invalid character class range', this.rest(start));
      name = this.text(this.pos + 1, close);
      this.pos = close + 1;
    } else {
      const ch = this.chars[this.pos];
      if (ch === undefined) throw new RegexpSyntaxError('invalid character class range', this.text(start));
      name = ch;
      this.pos++;
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const prop = unicodeProperty(name, negated);
    if (prop === undefined) throw new RegexpSyntaxError('invalid character class range', this.text(start));
    if (inClass) return prop;
    return prop.startsWith('\\p{Cc}') ? `[${prop}]` : prop;
  }

  /** A single-character escape at `start` (the backslash); advances past it and returns the code point. */
  private escapedChar(start: number): number {
    this.pos = start + 1;
    const c = this.chars[this.pos++];
    if (c === undefined) throw new RegexpSyntaxError('trailing backslash at end of expression', '');
    const isOctal = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '7';
    if ((c >= '1' && c <= '7' && isOctal(this.chars[this.pos])) || c === '0') {
      let v = c.charCodeAt(0) - 48;
      for (let n = 1; n < 3 && isOctal(this.chars[this.pos]); n++) v = v * 8 + this.chars[this.pos++]!.charCodeAt(0) - 48;
      return v;
    }
    switch (c) {
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
      case 'x': {
        if (this.chars[this.pos] === '{') {
          const close = this.chars.indexOf('}', this.pos);
          const digits = close < 0 ? '' : this.text(this.pos + 1, close);
          if (close < 0 || !/^[0-9A-Fa-f]+$/.test(digits) || parseInt(digits, 16) > MAX_CP) {
            throw new RegexpSyntaxError('invalid escape sequence', this.text(start, close < 0 ? this.chars.length : close + 1));
          }
          this.pos = close + 1;
          return parseInt(digits, 16);
        }
        const digits = this.text(this.pos, this.pos + 2);
        if (!/^[0-9A-Fa-f]{2}$/.test(digits)) throw new RegexpSyntaxError('invalid escape sequence', this.text(start, Math.min(this.pos + 2, this.chars.length)));
        this.pos += 2;
        return parseInt(digits, 16);
      }
    }
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
    throw new RegexpSyntaxError('invalid escape sequence', `\\${c}`);
  }

  /** A bracketed class at the cursor; returns its JavaScript form. */
  private charClass(): string {
    const start = this.pos;
    this.pos++;
    let negated = false;
    if (this.chars[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: Range[] = [];
    const props: string[] = [];
    let first = true;
    for (;;) {
      const c = this.chars[this.pos];
      if (c === undefined) throw new RegexpSyntaxError('missing closing ]', this.rest(start));
      if (c === ']' && !first) break;
      first = false;
      const itemStart = this.pos;
      if (c === '[' && this.chars[this.pos + 1] === ':') {
        const close = this.rest(this.pos).indexOf(':]');
        if (close >= 0) {
          const spec = this.rest(this.pos).slice(0, close + 2);
          const name = spec.slice(2, -2);
          const neg = name.startsWith('^');
          const set = POSIX[neg ? name.slice(1) : name];
          if (!set) throw new RegexpSyntaxError('invalid character class range', spec);
          ranges.push(...(neg ? complement(set) : set));
          this.pos += [...spec].length;
          continue;
        }
      }
      if (c === '\\') {
        const e = this.chars[this.pos + 1];
        if (e === 'd' || e === 'D' || e === 's' || e === 'S' || e === 'w' || e === 'W') {
          ranges.push(...this.perlClass(e));
          this.pos += 2;
          continue;
        }
        if (e === 'p' || e === 'P') {
          this.pos += 2;
          this.refuseSpelledProperty(itemStart);
          props.push(this.unicodeClass(e === 'P', itemStart, true));
          continue;
        }
      }
      const lo = this.classChar();
      let hi = lo;
      if (this.chars[this.pos] === '-' && this.chars[this.pos + 1] !== undefined && this.chars[this.pos + 1] !== ']') {
        this.pos++;
        hi = this.classChar();
        if (hi < lo) throw new RegexpSyntaxError('invalid character class range', this.text(itemStart));
      }
      ranges.push([lo, hi]);
    }
    this.pos++;
    if (ranges.some(([lo, hi]) => hi > lo || caseVariants(lo).length > 1) || props.length > 0) this.caseModes.add(this.flags.i);
    return `[${negated ? '^' : ''}${emitRanges(this.foldIfSpelled(ranges, true))}${props.join('')}]`;
  }

  private classChar(): number {
    const c = this.chars[this.pos]!;
    if (c === '\\') return this.escapedChar(this.pos);
    this.pos++;
    return c.codePointAt(0)!;
  }
}

/** The code points equal to `cp` under simple case folding as far as JavaScript's one-to-one mappings show (cp first). */
function caseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const out = [cp];
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    const c = v.codePointAt(0)!;
    if ([...v].length === 1 && !out.includes(c)) out.push(c);
  }
  for (const v of [...out]) {
    const s = String.fromCodePoint(v);
    for (const w of [s.toLowerCase(), s.toUpperCase()]) {
      const c = w.codePointAt(0)!;
      if ([...w].length === 1 && !out.includes(c)) out.push(c);
    }
  }
  return out;
}

const cache = new Map<string, GoRegexp>();

/** Compiles an RE2 pattern; throws RegexpSyntaxError for what Go's regexp.Compile rejects. */
export function compileGoRegexp(pattern: string): GoRegexp {
  let r = cache.get(pattern);
  if (!r) {
    r = translatePattern(pattern);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, r);
  }
  return r;
}

function translatePattern(pattern: string): GoRegexp {
  const whole = new Translator(pattern, false);
  const t = whole.translate();
  if (whole.caseModes.has(true) && whole.caseModes.has(false)) {
    // Only part of the pattern is case-insensitive: spell the variants out and match case-sensitively.
    const spelled = new Translator(pattern, true).translate();
    return { re: new RegExp(spelled.source, 'gu'), names: spelled.names };
  }
  return { re: new RegExp(t.source, whole.caseModes.has(true) ? 'giu' : 'gu'), names: t.names };
}

function charWidthAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

function execAt(r: GoRegexp, s: string, pos: number): RegExpExecArray | null {
  r.re.lastIndex = pos;
  return r.re.exec(s);
}

/** Go's FindAllStringSubmatchIndex loop: no empty match directly after the previous match. */
export function allMatches(r: GoRegexp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length) {
    const m = execAt(r, s, pos);
    if (!m) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (end === pos) {
      if (m.index === prevEnd) accept = false;
      pos += pos < s.length ? charWidthAt(s, pos) : 1;
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

export function firstMatch(r: GoRegexp, s: string): RegExpExecArray | null {
  return execAt(r, s, 0);
}

/** Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; a name is the longest run of letters, digits and `_`. */
function expand(template: string, r: GoRegexp, m: RegExpExecArray): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) break;
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === '$') {
      out += '$';
      i++;
      continue;
    }
    const brace = template[i] === '{';
    let j = brace ? i + 1 : i;
    let name = '';
    for (const ch of template.slice(j)) {
      if (!isNameChar(ch)) break;
      name += ch;
    }
    j += name.length;
    if (name === '' || (brace && template[j] !== '}')) {
      out += '$';
      continue;
    }
    i = brace ? j + 1 : j;
    const num = /^(0|[1-9]\d{0,7})$/.test(name) ? Number(name) : -1;
    let group: string | undefined;
    if (num >= 0) group = m[num];
    else {
      const idx = r.names.indexOf(name);
      group = idx > 0 ? m[idx] : undefined;
    }
    out += group ?? '';
  }
  return out + template.slice(i);
}

/** Go's Regexp.ReplaceAllString. */
export function replaceAll(r: GoRegexp, s: string, template: string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    const m = execAt(r, s, searchPos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += s.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += expand(template, r, m);
    lastMatchEnd = end;
    const width = searchPos < s.length ? charWidthAt(s, searchPos) : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + s.slice(lastMatchEnd);
}
