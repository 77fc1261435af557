/**
 * Decoding of template literal text: quoted-string escapes, the `$${` / `%%{` escapes, Go's notion
 * of white space for strip markers, and the `<<-` heredoc indentation rule.
 */

/** Decodes a quoted-string literal run. Returns an error message for an invalid escape. */
export function decodeQuoted(raw: string): { value: string } | { error: string; offset: number } {
  if (!raw.includes('\\') && !raw.includes('{')) return { value: raw };
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      const e = raw[i + 1];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case 'u':
        case 'U': {
          const len = e === 'u' ? 4 : 8;
          const hex = raw.slice(i + 2, i + 2 + len);
          if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) return { error: `Invalid escape sequence: \\${e} must be followed by ${len} hexadecimal digits`, offset: i };
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { error: `Invalid escape sequence: \\${e}${hex} is not a Unicode character`, offset: i };
          out += String.fromCodePoint(cp);
          i += len;
          break;
        }
        default:
          return { error: `Invalid escape sequence "\\${e ?? ''}": only \\n, \\r, \\t, \\", \\\\, \\uNNNN and \\UNNNNNNNN are allowed`, offset: i };
      }
      i++;
      continue;
    }
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out += c + '{';
      i += 2;
      continue;
    }
    out += c;
  }
  return { value: out };
}

/** Heredoc literal text: only the `$${` and `%%{` escapes exist there. */
export function decodeHeredoc(raw: string): string {
  if (!raw.includes('{')) return raw;
  return raw.replace(/([$%])\1\{/g, '$1{');
}

/** Go's unicode.IsSpace. */
export function isGoSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function trimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length && isGoSpace(s.charCodeAt(i))) i++;
  return s.slice(i);
}

export function trimRightSpace(s: string): string {
  let e = s.length;
  while (e > 0 && isGoSpace(s.charCodeAt(e - 1))) e--;
  return s.slice(0, e);
}
