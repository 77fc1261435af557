/**
 * Encoding functions: Base64 (Go's standard alphabet, padded, with \r and \n ignored when
 * decoding), URL query escaping (Go's url.QueryEscape), JSON, YAML and CSV decoding, and text
 * encodings. Where Terraform's output depends on Go's compressor (base64gzip) or on an encoding
 * table we do not carry, the result is Unknown rather than a near miss.
 */
import { findUnknown, newObject, Unknown, UnknownEncoding } from '../../../model/value.js';
import { decodeJson, encodeJson, JsonError } from './json.js';
import { ArgError, CallError, define } from './signature.js';
import type { TfFunction } from './types.js';
import { goQuote } from './unicode.js';
import { decodeYaml, YamlError } from './yaml.js';

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Go's base64.StdEncoding.DecodeString; undefined where Go reports corrupt input. */
export function decodeBase64(s: string): Uint8Array | undefined {
  const body = s.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(body)) return undefined;
  return new Uint8Array(Buffer.from(body, 'base64'));
}

export const base64Of = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

const base64encode = define('base64encode', {
  params: [{ name: 'str', type: 'string' }],
  impl: ([s]) => base64Of(utf8.encode(s as string)),
});

const base64decode = define('base64decode', {
  params: [{ name: 'str', type: 'string' }],
  impl: ([s]) => {
    const bytes = decodeBase64(s as string);
    if (!bytes) throw new CallError(`failed to decode base64 data ${goQuote(s as string)}`);
    try {
      return strictUtf8.decode(bytes);
    } catch {
      throw new CallError('the result of decoding the provided string is not valid UTF-8');
    }
  },
});

const base64gzip = define('base64gzip', {
  params: [{ name: 'str', type: 'string' }],
  impl: () => new Unknown("base64gzip() is not evaluated: its output depends on Go's gzip compressor, which gridfence does not reproduce"),
});

/** Go's url.QueryEscape. */
function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8.encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const urlencode = define('urlencode', {
  params: [{ name: 'str', type: 'string' }],
  impl: ([s]) => queryEscape(s as string),
});

const jsonencode = define('jsonencode', {
  params: [{ name: 'val', allowNull: true, allowUnknown: true }],
  impl: ([v]) => {
    const u = findUnknown(v!);
    // Unknown as text, but its structure is known: kept for readers of documents (policies).
    if (u) return new UnknownEncoding(u, v!);
    try {
      return encodeJson(v!);
    } catch (e) {
      if (e instanceof JsonError) throw new CallError(e.message);
      throw e;
    }
  },
});

const jsondecode = define('jsondecode', {
  params: [{ name: 'str', type: 'string' }],
  impl: ([s]) => {
    try {
      return decodeJson(s as string);
    } catch (e) {
      if (e instanceof JsonError) throw new CallError(e.message);
      throw e;
    }
  },
});

const yamldecode = define('yamldecode', {
  params: [{ name: 'src', type: 'string' }],
  impl: ([s]) => {
    try {
      return decodeYaml(s as string);
    } catch (e) {
      if (e instanceof YamlError) throw new CallError(e.message);
      throw e;
    }
  },
});

const yamlencode = define('yamlencode', {
  params: [{ name: 'value', allowNull: true }],
  impl: () => new Unknown('yamlencode() is not evaluated: gridfence does not reproduce its YAML layout'),
});

/**
 * Go's encoding/csv reader with default settings: comma-separated, RFC 4180 quoting, empty lines
 * skipped, "\r\n" read as "\n", and every record as long as the first. Returns the records, or
 * cty's error message.
 */
function readCsv(text: string): string[][] | string {
  const records: string[][] = [];
  const fail = (line: number, what: string): string => `CSV parse error on line ${line}: ${what}`;
  const atEol = (i: number): boolean => i >= text.length || text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n');
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) return fail(line, 'extraneous or missing " in quoted-field');
          if (text[i] === '"' && text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (text[i] === '"') {
            i++;
            break;
          } else if (text[i] === '\r' && text[i + 1] === '\n') {
            i++;
          } else {
            if (text[i] === '\n') line++;
            field += text[i++];
          }
        }
        if (text[i] !== ',' && !atEol(i)) return fail(line, 'extraneous or missing " in quoted-field');
      } else {
        while (text[i] !== ',' && !atEol(i)) {
          if (text[i] === '"') return fail(line, 'bare " in non-quoted-field');
          field += text[i++];
        }
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    if (fields.length === 1 && fields[0] === '') continue;
    if (records.length > 0 && fields.length !== records[0]!.length) return fail(recordLine, 'wrong number of fields');
    records.push(fields);
  }
  return records;
}

const csvdecode = define('csvdecode', {
  params: [{ name: 'str', type: 'string' }],
  impl: ([s]) => {
    const records = readCsv(s as string);
    if (typeof records === 'string') throw new CallError(records);
    if (records.length === 0) throw new CallError('missing header line');
    const [header, ...rows] = records;
    const seen = new Set<string>();
    for (const h of header!) {
      if (seen.has(h)) throw new CallError(`duplicate column name ${goQuote(h)}`);
      seen.add(h);
    }
    return rows.map((r) => newObject(header!.map((h, j) => [h, r[j]!])));
  },
});

/** The IANA names this implementation can encode and decode; others give an Unknown. */
function textCodec(name: string): { encode(s: string): Uint8Array; decode(b: Uint8Array): string | undefined } | undefined {
  const n = name.toUpperCase().replace(/_/g, '-');
  if (n === 'UTF-8' || n === 'UTF8') {
    return {
      encode: (s) => utf8.encode(s),
      decode: (b) => {
        try {
          return strictUtf8.decode(b);
        } catch {
          return undefined;
        }
      },
    };
  }
  if (n === 'UTF-16LE' || n === 'UTF-16BE') {
    const little = n === 'UTF-16LE';
    return {
      encode: (s) => {
        const out = new Uint8Array(s.length * 2);
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          out[2 * i + (little ? 0 : 1)] = c & 0xff;
          out[2 * i + (little ? 1 : 0)] = c >> 8;
        }
        return out;
      },
      decode: (b) => {
        if (b.length % 2 !== 0) return undefined;
        const text = new TextDecoder(little ? 'utf-16le' : 'utf-16be').decode(b);
        return text.includes('\ufffd') ? undefined : text;
      },
    };
  }
  return undefined;
}

const textencodebase64 = define('textencodebase64', {
  params: [
    { name: 'string', type: 'string' },
    { name: 'encoding', type: 'string' },
  ],
  impl: ([s, enc]) => {
    const codec = textCodec(enc as string);
    if (!codec) return new Unknown(`textencodebase64() is not evaluated for encoding ${goQuote(enc as string)}: gridfence does not carry that encoding`);
    return base64Of(codec.encode(s as string));
  },
});

const textdecodebase64 = define('textdecodebase64', {
  params: [
    { name: 'source', type: 'string' },
    { name: 'encoding', type: 'string' },
  ],
  impl: ([s, enc]) => {
    const codec = textCodec(enc as string);
    if (!codec) return new Unknown(`textdecodebase64() is not evaluated for encoding ${goQuote(enc as string)}: gridfence does not carry that encoding`);
    const bytes = decodeBase64(s as string);
    if (!bytes) throw new ArgError(0, 'the given value has an invalid base64 symbol');
    const text = codec.decode(bytes);
    if (text === undefined) throw new ArgError(0, `the given string contains symbols that are not defined for ${(enc as string).toUpperCase()}`);
    return text;
  },
});

export const encodingFunctions: Record<string, TfFunction> = {
  base64encode,
  base64decode,
  base64gzip,
  urlencode,
  jsonencode,
  jsondecode,
  yamldecode,
  yamlencode,
  csvdecode,
  textencodebase64,
  textdecodebase64,
};
