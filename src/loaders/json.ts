/**
 * A JSON parser that keeps every value's position (offsets into the file) and reports the first
 * syntax error at its place, for the loaders whose findings point into JSON: Terraform's JSON
 * syntax, plan files, CloudFormation templates. A leading byte-order mark is skipped. Objects and
 * arrays nested deeper than MAX_DEPTH are a syntax error at the bracket, not a stack overflow.
 */
import { InputError } from '../model/errors.js';
import type { SourceFile } from '../model/source.js';

export type PositionedJson =
  | { t: 'object'; start: number; end: number; entries: Array<{ key: string; keyStart: number; keyEnd: number; value: PositionedJson }> }
  | { t: 'array'; start: number; end: number; items: PositionedJson[] }
  | { t: 'string'; start: number; end: number; value: string; raw: boolean }
  | { t: 'number'; start: number; end: number; value: number }
  | { t: 'bool'; start: number; end: number; value: boolean }
  | { t: 'null'; start: number; end: number };

/** Far deeper than any plan, template or ruleset, far shallower than the call stack. */
const MAX_DEPTH = 1000;

/** A JSON parser that keeps positions and says where the text goes wrong. */
export function parsePositionedJson(file: SourceFile, code: string): PositionedJson {
  const src = file.text;
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  let depth = 0;
  const ws = (): void => {
    while (i < src.length && (src[i] === ' ' || src[i] === '\n' || src[i] === '\r' || src[i] === '\t')) i++;
  };
  const err = (msg: string): never => {
    throw new InputError(code, `Invalid JSON: ${msg}`, { file, start: i, end: i + 1 });
  };
  /** The comma-separated members of an object or array after its opening bracket, through `close`. */
  const members = (close: '}' | ']', member: () => void): void => {
    if (++depth > MAX_DEPTH) {
      i--; // at the opening bracket just read
      err(`nested more than ${MAX_DEPTH} deep`);
    }
    ws();
    if (src[i] === close) {
      i++;
      depth--;
      return;
    }
    for (;;) {
      member();
      ws();
      if (src[i] === ',') i++;
      else if (src[i] === close) {
        i++;
        depth--;
        return;
      } else err(`expected "," or "${close}"`);
    }
  };
  const value = (): PositionedJson => {
    ws();
    const c = src[i];
    const start = i;
    if (c === '{') {
      i++;
      const entries: Extract<PositionedJson, { t: 'object' }>['entries'] = [];
      members('}', () => {
        ws();
        if (src[i] !== '"') err('expected a string key');
        const k = str();
        ws();
        if (src[i] !== ':') err('expected ":"');
        i++;
        entries.push({ key: k.value, keyStart: k.start, keyEnd: k.end, value: value() });
      });
      return { t: 'object', start, end: i, entries };
    }
    if (c === '[') {
      i++;
      const items: PositionedJson[] = [];
      members(']', () => items.push(value()));
      return { t: 'array', start, end: i, items };
    }
    if (c === '"') return str();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(src.slice(i, i + 64));
    if (!m) return err(i >= src.length ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`);
    i += m[0].length;
    if (m[0] === 'true' || m[0] === 'false') return { t: 'bool', start, end: i, value: m[0] === 'true' };
    if (m[0] === 'null') return { t: 'null', start, end: i };
    return { t: 'number', start, end: i, value: Number(m[0]) };
  };
  const SIMPLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  const str = (): Extract<PositionedJson, { t: 'string' }> => {
    const start = i++;
    let raw = true;
    let out = '';
    for (;;) {
      // Copy the run up to the next quote, backslash or newline in one slice.
      let j = i;
      while (j < src.length) {
        const c = src.charCodeAt(j);
        if (c === 34 || c === 92 || c === 10) break;
        j++;
      }
      out += src.slice(i, j);
      i = j;
      if (i >= src.length) err('unterminated string');
      const c = src[i]!;
      if (c === '"') break;
      if (c === '\n') err('a newline in a string must be written \\n');
      raw = false;
      const e = src[i + 1];
      if (e !== undefined && e in SIMPLE) {
        out += SIMPLE[e];
        i += 2;
        continue;
      }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      err('invalid escape in string');
    }
    i++;
    return { t: 'string', start, end: i, value: out, raw };
  };
  const root = value();
  ws();
  if (i < src.length) err('unexpected text after the end of the document');
  return root;
}
