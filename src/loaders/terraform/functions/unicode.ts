/**
 * Text rules Terraform inherits from Go and cty: strings count in grapheme clusters, case mapping
 * is per code point with simple (one-to-one) mappings, and "space" means Go's unicode.IsSpace.
 * Byte order of UTF-8 equals code point order, so sorting compares code points, not UTF-16 units.
 */

import { isGoSpace as isGoSpaceCode } from '../hcl/template-text.js';
import { table } from '../../../model/table.js';

// Created on first use: building a segmenter loads ICU data, which most runs never need.
let segmenterCache: Intl.Segmenter | undefined;
const segmenter = { segment: (s: string) => (segmenterCache ??= new Intl.Segmenter('en', { granularity: 'grapheme' })).segment(s) };

export function graphemes(s: string): string[] {
  return Array.from(segmenter.segment(s), (g) => g.segment);
}

export function graphemeCount(s: string): number {
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

/** Go's unicode.IsSpace (one definition, shared with the template strip markers). */
export function isGoSpace(ch: string): boolean {
  return isGoSpaceCode(ch.codePointAt(0)!);
}

/** Greek letters with ypogegrammeni whose simple upper/title mapping JavaScript only offers as a full (two-letter) mapping. */
function greekIotaSubscriptUpper(cp: number): number | undefined {
  if (cp >= 0x1f80 && cp <= 0x1faf) return (cp & 0xf) < 8 ? cp + 8 : cp;
  if (cp === 0x1fb3 || cp === 0x1fc3 || cp === 0x1ff3) return cp + 9;
  return undefined;
}

/** unicode.ToUpper: a code point without a one-to-one uppercase mapping is left as it is (ß stays ß). */
export function upperRune(ch: string): string {
  const special = greekIotaSubscriptUpper(ch.codePointAt(0)!);
  if (special !== undefined) return String.fromCodePoint(special);
  const up = ch.toUpperCase();
  return [...up].length === 1 ? up : ch;
}

/** unicode.ToLower: İ (U+0130) maps to plain i, as its simple mapping says. */
export function lowerRune(ch: string): string {
  const low = ch.toLowerCase();
  return [...low].length === 1 ? low : String.fromCodePoint(low.codePointAt(0)!);
}

const TITLE_DIGRAPHS: Record<string, string> = table({
  Ǆ: 'ǅ',
  ǅ: 'ǅ',
  ǆ: 'ǅ',
  Ǉ: 'ǈ',
  ǈ: 'ǈ',
  ǉ: 'ǈ',
  Ǌ: 'ǋ',
  ǋ: 'ǋ',
  ǌ: 'ǋ',
  Ǳ: 'ǲ',
  ǲ: 'ǲ',
  ǳ: 'ǲ',
});

/** unicode.ToTitle. */
export function titleRune(ch: string): string {
  return TITLE_DIGRAPHS[ch] ?? upperRune(ch);
}

export function goUpper(s: string): string {
  let out = '';
  for (const ch of s) out += upperRune(ch);
  return out;
}

export function goLower(s: string): string {
  let out = '';
  for (const ch of s) out += lowerRune(ch);
  return out;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

/** The word-boundary test of Go's strings.Title. */
function isTitleSeparator(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(ch);
  if (LETTER_OR_DIGIT.test(ch)) return false;
  return isGoSpace(ch);
}

/** Go's strings.Title: the first letter of each word to title case, the rest unchanged. */
export function goTitle(s: string): string {
  let out = '';
  let prev = ' ';
  for (const ch of s) {
    out += isTitleSeparator(prev) ? titleRune(ch) : ch;
    prev = ch;
  }
  return out;
}

/** unicode.IsLetter || unicode.IsDigit || '_' — the characters of a `$name` in a regexp replacement. */
export function isNameChar(ch: string): boolean {
  return ch === '_' || LETTER_OR_DIGIT.test(ch);
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's unicode.IsPrint on one character: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(ch: string): boolean {
  return PRINTABLE.test(ch);
}

function quoteRune(ch: string, quote: string): string {
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (isGoPrint(ch)) return ch;
  const cp = ch.codePointAt(0)!;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  if (named[cp]) return named[cp]!;
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** Go's strconv.Quote (the %q verb of Go's fmt), as seen in Terraform's error messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteRune(ch, '"');
  return out + '"';
}

/** Go's strconv.QuoteRune. */
export function goQuoteRune(ch: string): string {
  return `'${quoteRune(ch, "'")}'`;
}
