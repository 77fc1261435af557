/**
 * JSON as cty writes and reads it. Writing: object keys in code point order, numbers in
 * Terraform's decimal form, strings escaped as Go's encoding/json does (including <, >, &, U+2028
 * and U+2029). Reading: Go's decoder rules, with cty's handling of repeated object keys (the last
 * value wins if the earlier ones fit its type); messages follow Go's where practical.
 */
import { compareUtf8, newObject, TfSet, Unknown, type Value } from '../../../model/value.js';
import { parseDecimal } from './coerce.js';
import { formatNumber } from './decimal.js';
import { QuietError } from '../../../model/errors.js';

/** A value that cannot be written or read as JSON; the message is cty's or Go's. */
export class JsonError extends QuietError {}

const HEX = '0123456789abcdef';

export function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) {
      out += s[i];
      continue;
    }
    switch (c) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x2028:
      case 0x2029:
        out += `\\u${c.toString(16)}`;
        continue;
    }
    if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) {
      out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
        continue;
      }
    }
    // A lone surrogate is not valid UTF-8; Go writes the replacement character.
    out += c >= 0xd800 && c <= 0xdfff ? '\ufffd' : s[i];
  }
  return out + '"';
}

/** Serialises a wholly known value; callers check for unknowns first. */
export function encodeJson(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new JsonError('cannot serialize infinity as JSON');
    return formatNumber(v);
  }
  if (typeof v === 'string') return jsonString(v);
  if (v instanceof Unknown) throw new JsonError('value is not known');
  if (Array.isArray(v)) return `[${v.map(encodeJson).join(',')}]`;
  if (v instanceof TfSet) return `[${v.items.map(encodeJson).join(',')}]`;
  const keys = Object.keys(v).sort(compareUtf8);
  return `{${keys.map((k) => `${jsonString(k)}:${encodeJson(v[k]!)}`).join(',')}}`;
}

function describeChar(ch: string): string {
  if (ch === "'") return "'\\''";
  if (ch === '"') return `'"'`;
  const q = JSON.stringify(ch);
  return `'${q.slice(1, -1)}'`;
}

/**
 * Parses one JSON document into a value. A repeated object key keeps its last value, as
 * Terraform's jsondecode does, provided the earlier values fit the last one's type.
 */
export function decodeJson(text: string): Value {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const eof = (): never => {
    throw new JsonError('unexpected EOF');
  };
  const bad = (context: string): never => {
    throw new JsonError(`invalid character ${describeChar(text[i]!)} ${context}`);
  };
  const value = (): Value => {
    ws();
    if (i >= text.length) return eof();
    const c = text[i]!;
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (c !== word[0]) continue;
      for (const expected of word) {
        if (i >= text.length) return eof();
        if (text[i] !== expected) bad(`in literal ${word} (expecting ${describeChar(expected)})`);
        i++;
      }
      return v;
    }
    return bad('looking for beginning of value');
  };
  const object = (): Value => {
    i++;
    const out = newObject();
    ws();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      ws();
      if (i >= text.length) return eof();
      if (text[i] !== '"') bad('looking for beginning of object key string');
      const key = string();
      ws();
      if (i >= text.length) return eof();
      if (text[i] !== ':') bad('after object key');
      i++;
      const v = value();
      // A repeated key takes its last value; the type comes from that last value too, and every
      // earlier value must be readable as that type (see readableAs).
      if (Object.prototype.hasOwnProperty.call(out, key)) readableAs(out[key]!, v);
      out[key] = v;
      ws();
      if (i >= text.length) return eof();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return out;
      }
      bad('after object key:value pair');
    }
  };
  const array = (): Value => {
    i++;
    const out: Value[] = [];
    ws();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(value());
      ws();
      if (i >= text.length) return eof();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return out;
      }
      bad('after array element');
    }
  };
  const string = (): string => {
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) return eof();
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c < ' ') bad('in string literal');
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      i++;
      if (i >= text.length) return eof();
      const e = text[i]!;
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (simple[e] !== undefined) {
        out += simple[e];
        i++;
        continue;
      }
      if (e !== 'u') bad('in string escape code');
      const hex4 = (at: number): number | undefined => (/^[0-9A-Fa-f]{4}$/.test(text.slice(at, at + 4)) ? parseInt(text.slice(at, at + 4), 16) : undefined);
      const u = hex4(i + 1);
      if (u === undefined) {
        i++;
        while (i < text.length && /[0-9A-Fa-f]/.test(text[i]!)) i++;
        if (i >= text.length) return eof();
        bad('in \\u hexadecimal character escape');
      }
      i += 5;
      if (u! >= 0xd800 && u! <= 0xdbff && text[i] === '\\' && text[i + 1] === 'u') {
        const lo = hex4(i + 2);
        if (lo !== undefined && lo >= 0xdc00 && lo <= 0xdfff) {
          out += String.fromCharCode(u!, lo);
          i += 6;
          continue;
        }
      }
      // Unpaired surrogates decode to the replacement character, as in Go.
      out += u! >= 0xd800 && u! <= 0xdfff ? '\ufffd' : String.fromCharCode(u!);
    }
  };
  const number = (): number => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) {
      i++;
      if (i >= text.length) return eof();
      return bad('in numeric literal');
    }
    i += m[0].length;
    return Number(m[0]);
  };

  ws();
  if (i >= text.length) throw new JsonError('EOF');
  const result = value();
  ws();
  if (i < text.length) throw new JsonError('extraneous data after JSON object');
  return result;
}

/**
 * Throws unless `earlier`, a value of a repeated object key, can be read as the type implied by the
 * key's last value `last`: cty infers an object's attribute types from the last occurrence of each
 * key, then decodes every occurrence as that type. null is readable as any type; a string takes any
 * primitive; a number takes a number or a numeric string; a bool a bool or "true"/"false"; a tuple
 * needs the same length, an object no attribute the last lacks (a missing one is null), each
 * element readable in turn. A null last value implies no type, which cty reads only in its typed
 * wrapper form, so it fits nothing else.
 */
function readableAs(earlier: Value, last: Value): void {
  if (earlier === null) return;
  if (last === null) throw new JsonError('missing expected {');
  if (typeof last === 'string') {
    if (typeof earlier !== 'object') return;
    throw new JsonError('string is required');
  }
  if (typeof last === 'number') {
    if (typeof earlier === 'number') return;
    if (typeof earlier === 'string' && parseDecimal(earlier) !== undefined) return;
    throw new JsonError('a number is required');
  }
  if (typeof last === 'boolean') {
    if (typeof earlier === 'boolean' || earlier === 'true' || earlier === 'false') return;
    throw new JsonError('a bool is required');
  }
  if (Array.isArray(last)) {
    if (!Array.isArray(earlier)) throw new JsonError('missing expected [');
    if (earlier.length < last.length) throw new JsonError(`not enough tuple elements (need ${last.length})`);
    if (earlier.length > last.length) throw new JsonError(`too many tuple elements (need ${last.length})`);
    earlier.forEach((x, n) => readableAs(x, last[n]!));
    return;
  }
  if (typeof earlier !== 'object' || Array.isArray(earlier) || earlier instanceof TfSet || earlier instanceof Unknown) throw new JsonError('missing expected {');
  const want = last as Record<string, Value>;
  const have = earlier as Record<string, Value>;
  for (const k of Object.keys(have)) {
    if (!Object.prototype.hasOwnProperty.call(want, k)) throw new JsonError(`unsupported attribute ${JSON.stringify(k)}`);
    readableAs(have[k]!, want[k]!);
  }
}
