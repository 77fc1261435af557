/**
 * The HCL lexer. It turns a whole file into parallel arrays of token kinds and offsets in one pass,
 * tracking the nesting of quoted templates, heredocs and `${ }` / `%{ }` sequences as HashiCorp's
 * scanner does. Comments are dropped; a line comment leaves its newline as a Newline token.
 * A character that cannot start any token is a syntax error at its position.
 *
 * The main loop handles the frequent tokens itself and hands punctuation, quoted text and heredoc
 * text to one function each: small functions are optimised soon after start, one large one only
 * after a long compile, while a run's first files are lexed slowly.
 */
import { InputError } from '../../../model/errors.js';
import type { SourceFile } from '../../../model/source.js';
import { T } from './tokens.js';

export interface Tokens {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** For TemplateInterp / TemplateControl / TemplateSeqEnd: the strip marker `~` was present. */
  strip: Uint8Array;
}

const enum Mode {
  Normal,
  Quoted,
  Heredoc,
}

interface Frame {
  mode: Mode;
  /** Normal mode: open `{` not yet closed; at 0 a `}` ends the enclosing template sequence. */
  braces: number;
  /** Normal mode pushed by `${`/`%{` (its `}` closes the sequence) rather than the file's top level. */
  inTemplate: boolean;
  heredocId: string;
  atLineStart: boolean;
}

const CH_NL = 10;

/** The token of each character that is a token alone, by character code. */
const SINGLE: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (const [ch, kind] of [['[', T.LBrack], [']', T.RBrack], ['(', T.LParen], [')', T.RParen], [',', T.Comma], ['?', T.Question], ['+', T.Plus], ['-', T.Minus], ['*', T.Star], ['%', T.Percent]] as const) t[ch.charCodeAt(0)] = kind;
  return t;
})();

/** Throws the syntax error at offsets of the file being lexed. */
type Fail = (msg: string, at: number, end?: number) => never;

/** The token arrays as they grow. A class, not a closure per call: its methods stay one call target for the optimiser. */
class TokenBuffer {
  kinds = new Uint8Array(0);
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  /** For TemplateInterp / TemplateControl / TemplateSeqEnd: the strip marker `~` was present. */
  strip = new Uint8Array(0);
  count = 0;

  constructor(private cap: number) {
    this.resize(cap);
  }

  /** Empties the buffer for another file, with room for at least `cap` tokens. */
  reuse(cap: number): void {
    this.count = 0;
    if (cap > this.cap) {
      this.kinds = new Uint8Array(cap);
      this.starts = new Int32Array(cap);
      this.ends = new Int32Array(cap);
      this.strip = new Uint8Array(cap);
      this.cap = cap;
    }
  }

  get capacity(): number {
    return this.cap;
  }

  push(kind: T, s: number, e: number, stripMark = 0): void {
    if (this.count === this.cap) this.resize((this.cap *= 2));
    const c = this.count++;
    this.kinds[c] = kind;
    this.starts[c] = s;
    this.ends[c] = e;
    this.strip[c] = stripMark;
  }

  private resize(cap: number): void {
    const copy = <A extends Uint8Array | Int32Array>(old: A, made: A): A => {
      made.set(old);
      return made;
    };
    this.kinds = copy(this.kinds, new Uint8Array(cap));
    this.starts = copy(this.starts, new Int32Array(cap));
    this.ends = copy(this.ends, new Int32Array(cap));
    this.strip = copy(this.strip, new Uint8Array(cap));
  }
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
const UNICODE_ID_START = /[\p{ID_Start}]/u;
const UNICODE_ID_PART = /[\p{ID_Continue}]/u;

/** About one token per four characters in real configurations: start above that, so growing is rare. */
function initialCapacity(n: number): number {
  return Math.max(64, (n >> 2) + (n >> 3));
}

/**
 * Token arrays kept between files. Fresh memory is paid for in page faults on first touch, and a
 * file's arrays are hundreds of kilobytes: a run of many files lexes them all into the same arrays.
 * Kept only up to SPARE_LIMIT tokens, so that one huge file does not pin its arrays for good.
 */
let spare: TokenBuffer | undefined;
const SPARE_LIMIT = 1 << 21;

/**
 * Lexes `file` into reused arrays and hands them to `use`; they are valid only until `use` returns
 * (a nested call, as from a parse inside `use`, gets arrays of its own). With `asTemplate`, the
 * whole file is the body of a template (templatefile()): it is lexed like a heredoc that ends at
 * the end of the file. With `range`, only the text from `range.start` to `range.end` is lexed, with
 * offsets still into the whole file: the range must be a balanced piece of normal-mode text that
 * the whole file's lexing has already accepted (a block's braces and what they enclose).
 */
export function withTokens<R>(file: SourceFile, asTemplate: boolean, use: (t: Tokens) => R, range?: { start: number; end: number }): R {
  const cap = initialCapacity(range ? range.end - range.start : file.text.length);
  const buf = spare ?? new TokenBuffer(cap);
  spare = undefined;
  buf.reuse(cap);
  try {
    lexInto(buf, file, asTemplate, range?.start ?? 0, range?.end ?? file.text.length);
    return use(buf);
  } finally {
    const kept = spare as TokenBuffer | undefined;
    if (buf.capacity <= SPARE_LIMIT && (!kept || kept.capacity < buf.capacity)) spare = buf;
  }
}

function lexInto(buf: TokenBuffer, file: SourceFile, asTemplate: boolean, from: number, n: number): void {
  const src = file.text;
  const fail = (msg: string, at: number, end = at + 1): never => {
    throw new InputError('hcl-syntax', msg, { file, start: at, end: Math.min(end, n) });
  };

  const stack: Frame[] = [{ mode: Mode.Normal, braces: 0, inTemplate: false, heredocId: '', atLineStart: false }];
  if (asTemplate) stack.push({ mode: Mode.Heredoc, braces: 0, inTemplate: false, heredocId: '', atLineStart: false });
  let i = from;
  // Byte-order mark.
  if (i === 0 && src.charCodeAt(0) === 0xfeff) i = 1;

  while (i < n) {
    const frame = stack[stack.length - 1]!;
    if (frame.mode === Mode.Normal) {
      const c = src.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) {
        i++;
        continue;
      }
      if (c === CH_NL) {
        buf.push(T.Newline, i, i + 1);
        i++;
        continue;
      }
      if (isIdentStart(c)) {
        const s = i++;
        while (i < n && isIdentPart(src.charCodeAt(i))) i++;
        if (i < n && src.charCodeAt(i) > 127) i = scanUnicodeIdent(src, i);
        buf.push(T.Ident, s, i);
        continue;
      }
      if (isDigit(c)) {
        const s = i++;
        while (i < n && isDigit(src.charCodeAt(i))) i++;
        // After ".", a number is a legacy index step (`a.0.b`): digits only. Two run together
        // (`a.1.0`) read as one fractional number in HCL, which refuses them.
        const afterDot = buf.count > 0 && buf.kinds[buf.count - 1] === T.Dot;
        if (afterDot && src.charCodeAt(i) === 46 && isDigit(src.charCodeAt(i + 1))) {
          let j = i + 1;
          while (j < n && isDigit(src.charCodeAt(j))) j++;
          fail(`Invalid legacy index syntax: chaining two indexes together is not permitted; use the proper index syntax instead, like [${src.slice(s, i)}][${src.slice(i + 1, j)}]`, s, j);
        }
        if (!afterDot) {
          if (src.charCodeAt(i) === 46 && isDigit(src.charCodeAt(i + 1))) {
            i += 2;
            while (i < n && isDigit(src.charCodeAt(i))) i++;
          }
          const e = src.charCodeAt(i);
          if (e === 101 || e === 69) {
            let j = i + 1;
            const sign = src.charCodeAt(j);
            if (sign === 43 || sign === 45) j++;
            if (isDigit(src.charCodeAt(j))) {
              i = j;
              while (i < n && isDigit(src.charCodeAt(i))) i++;
            }
          }
        }
        buf.push(T.Number, s, i);
        continue;
      }
      i = lexPunct(src, buf, stack, frame, i, c, fail);
    } else if (frame.mode === Mode.Quoted) {
      i = lexQuoted(src, buf, stack, i, fail);
    } else {
      i = lexHeredoc(src, buf, stack, frame, i, fail);
    }
  }

  finish(buf, stack, n, fail);
}

/**
 * The end of the text: an open heredoc of a template file closes, anything else open is an error,
 * then EOF. A function of its own: the lexer's loop is optimised while it runs (on-stack), before
 * this code has run once, and code without type feedback in it would throw the optimised loop
 * away at the end of every file.
 */
function finish(buf: TokenBuffer, stack: Frame[], n: number, fail: Fail): void {
  const last = stack[stack.length - 1]!;
  if (last.mode === Mode.Heredoc && last.heredocId === '' && stack.length === 2) {
    buf.push(T.CHeredoc, n, n);
    stack.pop();
  }
  if (stack.length > 1) {
    if (last.mode === Mode.Heredoc) fail(`Unterminated template string: no line "${last.heredocId}" closes the heredoc`, n, n);
    if (last.mode === Mode.Quoted) fail('Unterminated template string: the string has no closing quote', n, n);
    fail('Unterminated template sequence: "${" or "%{" has no matching "}"', n, n);
  }
  buf.push(T.EOF, n, n);
}

/** Normal mode, at any character but whitespace, a newline, an identifier or a number: one token or comment; the new offset. */
function lexPunct(src: string, buf: TokenBuffer, stack: Frame[], frame: Frame, i: number, c: number, fail: Fail): number {
  switch (c) {
    case 35: // #
      i = skipLine(src, i);
      return i;
    case 47: // /
      if (src.charCodeAt(i + 1) === 47) {
        i = skipLine(src, i);
        return i;
      }
      if (src.charCodeAt(i + 1) === 42) {
        const e = src.indexOf('*/', i + 2);
        if (e < 0) fail('Unterminated comment: "/*" has no matching "*/"', i, i + 2);
        i = e + 2;
        return i;
      }
      buf.push(T.Slash, i, ++i);
      return i;
    case 123: // {
      frame.braces++;
      buf.push(T.LBrace, i, ++i);
      return i;
    case 125: // }
      if (frame.inTemplate && frame.braces === 0) {
        buf.push(T.TemplateSeqEnd, i, ++i);
        stack.pop();
        return i;
      }
      if (frame.braces > 0) frame.braces--;
      buf.push(T.RBrace, i, ++i);
      return i;
    case 126: // ~
      if (src.charCodeAt(i + 1) === 125 && frame.inTemplate && frame.braces === 0) {
        buf.push(T.TemplateSeqEnd, i, i + 2, 1);
        i += 2;
        stack.pop();
        return i;
      }
      fail('Invalid character "~": a strip marker must come right before the "}" that ends a template sequence', i);
      return i;
    case 91: // [ ] ( ) , ? + - * %: tokens of one character that no next one extends
    case 93:
    case 40:
    case 41:
    case 44:
    case 63:
    case 43:
    case 45:
    case 42:
    case 37:
      buf.push(SINGLE[c]!, i, i + 1);
      return i + 1;
    case 46: // .
      if (src.charCodeAt(i + 1) === 46 && src.charCodeAt(i + 2) === 46) {
        buf.push(T.Ellipsis, i, i + 3);
        i += 3;
      } else buf.push(T.Dot, i, ++i);
      return i;
    case 58: // :
      if (src.charCodeAt(i + 1) === 58) {
        buf.push(T.DoubleColon, i, i + 2);
        i += 2;
      } else buf.push(T.Colon, i, ++i);
      return i;
    case 61: // =
      if (src.charCodeAt(i + 1) === 61) {
        buf.push(T.EqualOp, i, i + 2);
        i += 2;
      } else if (src.charCodeAt(i + 1) === 62) {
        buf.push(T.FatArrow, i, i + 2);
        i += 2;
      } else buf.push(T.Equal, i, ++i);
      return i;
    case 33: // !
      if (src.charCodeAt(i + 1) === 61) {
        buf.push(T.NotEqual, i, i + 2);
        i += 2;
      } else buf.push(T.Bang, i, ++i);
      return i;
    case 60: // <
      if (src.charCodeAt(i + 1) === 61) {
        buf.push(T.LessEqual, i, i + 2);
        i += 2;
      } else if (src.charCodeAt(i + 1) === 60) {
        i = openHeredoc(src, buf, stack, i, fail);
      } else buf.push(T.Less, i, ++i);
      return i;
    case 62: // >
      if (src.charCodeAt(i + 1) === 61) {
        buf.push(T.GreaterEqual, i, i + 2);
        i += 2;
      } else buf.push(T.Greater, i, ++i);
      return i;
    case 38: // & and |: only doubled
    case 124:
      if (src.charCodeAt(i + 1) !== c) fail(`Invalid character "${String.fromCharCode(c)}": did you mean "${String.fromCharCode(c, c)}"?`, i);
      buf.push(c === 38 ? T.And : T.Or, i, i + 2);
      return i + 2;
    case 34: // "
      buf.push(T.OQuote, i, ++i);
      stack.push({ mode: Mode.Quoted, braces: 0, inTemplate: false, heredocId: '', atLineStart: false });
      return i;
    default:
      if (c > 127) {
        const cp = src.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        if (UNICODE_ID_START.test(ch)) {
          const s = i;
          i = scanUnicodeIdent(src, i + ch.length);
          buf.push(T.Ident, s, i);
          return i;
        }
        if (cp === 0xa0 || cp === 0xfeff) fail('Invalid character: a non-breaking space or byte-order mark is not whitespace in HCL', i, i + 1);
      }
      fail(`Invalid character ${JSON.stringify(src[i])}: this character is not used within the language`, i);
  }
  return i;
}

/** Quoted mode: the literal up to the closing quote, a newline (an error) or a sequence; the new offset. */
function lexQuoted(src: string, buf: TokenBuffer, stack: Frame[], i: number, fail: Fail): number {
  const n = src.length;
  const s = i;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 34 || c === CH_NL) break;
    const step = c === 92 ? 2 : textStep(src, i, c);
    if (step === 0) break;
    i += step;
  }
  if (i > s) buf.push(T.QuotedLit, s, Math.min(i, n));
  if (i >= n) fail('Unterminated template string: the string has no closing quote', s > 0 ? s - 1 : 0, n);
  const c = src.charCodeAt(i);
  if (c === 34) {
    buf.push(T.CQuote, i, ++i);
    stack.pop();
  } else if (c === CH_NL) {
    fail('Unterminated template string: a quoted string cannot contain a newline; use a heredoc or "\\n"', i, i + 1);
  } else {
    i = openSequence(src, buf, stack, i);
  }
  return i;
}

/** Heredoc mode: the closing marker line, or the text up to a sequence or the end of the line; the new offset. */
function lexHeredoc(src: string, buf: TokenBuffer, stack: Frame[], frame: Frame, i: number, fail: Fail): number {
  const n = src.length;
  if (frame.atLineStart && frame.heredocId !== '') {
    const lineEnd = src.indexOf('\n', i);
    const e = lineEnd < 0 ? n : lineEnd;
    let j = i;
    while (j < e && (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9)) j++;
    let k = e;
    if (k > j && src.charCodeAt(k - 1) === 13) k--;
    if (src.slice(j, k) === frame.heredocId) {
      buf.push(T.CHeredoc, i, e);
      i = e;
      stack.pop();
      return i;
    }
  }
  frame.atLineStart = false;
  const s = i;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === CH_NL) {
      i++;
      frame.atLineStart = true;
      break;
    }
    const step = textStep(src, i, c);
    if (step === 0) break;
    i += step;
  }
  if (i > s) buf.push(T.StringLit, s, i);
  if (i >= n) {
    if (frame.heredocId === '') {
      buf.push(T.CHeredoc, n, n);
      stack.pop();
    } else fail(`Unterminated template string: no line "${frame.heredocId}" closes the heredoc`, n, n);
  } else if (!frame.atLineStart) {
    i = openSequence(src, buf, stack, i);
  }
  return i;
}

/**
 * How far template text goes on at character `c`: 0 where a sequence `${` / `%{` starts, 3 over the
 * escape `$${` / `%%{` (a literal "${" / "%{"), else 1.
 */
function textStep(src: string, i: number, c: number): number {
  if (c !== 36 && c !== 37) return 1;
  const next = src.charCodeAt(i + 1);
  if (next === 123) return 0;
  return next === c && src.charCodeAt(i + 2) === 123 ? 3 : 1;
}

/** After `${` or `%{` (with its strip marker): the token, and Normal mode until its `}`. */
function openSequence(src: string, buf: TokenBuffer, stack: Frame[], at: number): number {
  const kind = src.charCodeAt(at) === 36 ? T.TemplateInterp : T.TemplateControl;
  const tilde = src.charCodeAt(at + 2) === 126 ? 1 : 0;
  buf.push(kind, at, at + 2 + tilde, tilde);
  stack.push({ mode: Mode.Normal, braces: 0, inTemplate: true, heredocId: '', atLineStart: false });
  return at + 2 + tilde;
}

/** After `<<` or `<<-`: the heredoc's opening token and its Heredoc mode. */
function openHeredoc(src: string, buf: TokenBuffer, stack: Frame[], at: number, fail: Fail): number {
  let j = at + 2;
  if (src.charCodeAt(j) === 45) j++;
  const idStart = j;
  if (!isIdentStart(src.charCodeAt(j))) fail('Invalid heredoc: "<<" must be followed by an identifier, as in <<EOT', at, j + 1);
  while (j < src.length && isIdentPart(src.charCodeAt(j))) j++;
  const id = src.slice(idStart, j);
  if (src.charCodeAt(j) === 13) j++;
  if (src.charCodeAt(j) !== CH_NL) fail('Invalid heredoc: the heredoc marker must be followed by a newline', at, j + 1);
  j++;
  buf.push(T.OHeredoc, at, j);
  stack.push({ mode: Mode.Heredoc, braces: 0, inTemplate: false, heredocId: id, atLineStart: true });
  return j;
}

function skipLine(src: string, i: number): number {
  const e = src.indexOf('\n', i);
  return e < 0 ? src.length : e;
}

function scanUnicodeIdent(src: string, i: number): number {
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c < 128) {
      if (!isIdentPart(c)) break;
      i++;
      continue;
    }
    const ch = String.fromCodePoint(src.codePointAt(i)!);
    if (!UNICODE_ID_PART.test(ch)) break;
    i += ch.length;
  }
  return i;
}
