/**
 * yamldecode with go-cty-yaml's rules. The `yaml` package parses (with every scalar kept as
 * text); the resolution of plain scalars is go-cty-yaml's, which follows YAML 1.1 for booleans
 * (yes/no/on/off) and YAML 1.2 for numbers, turns timestamps into RFC 3339 strings, supports
 * anchors, aliases and `<<` merge keys, and refuses tags it does not know.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Node, type Scalar } from 'yaml';
import { isObject, newObject, type ObjectValue, type Value } from '../../../model/value.js';
import { parseDecimal, toStr } from './coerce.js';
import { QuietError } from '../../../model/errors.js';

export class YamlError extends QuietError {}

const TAG = 'tag:yaml.org,2002:';
const RESOLVABLE = new Set(['', 'str', 'bool', 'int', 'float', 'null', 'timestamp', 'binary'].map((t) => (t ? TAG + t : '')));

const WORDS = new Map<string, Value>();
for (const [v, words] of [
  [true, 'y Y yes Yes YES true True TRUE on On ON'],
  [false, 'n N no No NO false False FALSE off Off OFF'],
  [null, '~ null Null NULL'],
  [Infinity, '.inf .Inf .INF +.inf +.Inf +.INF'],
  [-Infinity, '-.inf -.Inf -.INF'],
] as const) {
  for (const w of words.split(' ')) WORDS.set(w, v);
}
WORDS.set('', null);

const INTEGER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b, and a leading 0 for octal). */
function parseGoInteger(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2]!;
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt('0o' + body.slice(2));
  else if (/^0[0-7]+$/.test(body)) v = BigInt('0o' + body.slice(1));
  else v = BigInt(body);
  const signed = m[1] === '-' ? -v : v;
  if (signed < -(2n ** 63n) || signed >= 2n ** 64n || (m[1] === '-' && v > 2n ** 63n)) return undefined;
  return Number(signed);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The YAML timestamp forms go-cty-yaml accepts, rendered as RFC 3339 without fractional seconds. */
function parseTimestamp(s: string): string | undefined {
  if (!/^\d{4}-/.test(s)) return undefined;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[6] !== undefined;
  const zone = m[10];
  // With a T the zone is required; with a space it must be absent.
  if (hasTime && (m[4] !== undefined) !== (zone !== undefined)) return undefined;
  const [hour, minute, second] = hasTime ? [Number(m[6]), Number(m[7]), Number(m[8])] : [0, 0, 0];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = zone === undefined || zone === 'Z' || zone === '+00:00' || zone === '-00:00' ? 'Z' : zone;
  return `${m[1]}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}${offset}`;
}

function hintOf(src: string): string {
  if (src === '') return 'N';
  const c = src[0]!;
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

function resolveScalar(tag: string, src: string, quoted: boolean): Value {
  if (!RESOLVABLE.has(tag)) throw new YamlError(`unsupported tag "${tag}"`);
  const hint = hintOf(src);
  if (hint !== '' && tag !== TAG + 'str' && tag !== TAG + 'binary') {
    if (quoted) return src;
    if (WORDS.has(src)) return WORDS.get(src)!;
    if (tag === '' && (src === '.nan' || src === '.NaN' || src === '.NAN')) throw new YamlError('floating point NaN is not supported');
    if (hint === '.') {
      const n = parseDecimal(src);
      if (n !== undefined) return n;
    } else if (hint === 'D' || hint === 'S') {
      if (tag === '' || tag === TAG + 'timestamp') {
        const t = parseTimestamp(src);
        if (t !== undefined) return t;
      }
      if (INTEGER.test(src)) tag = TAG + 'int';
      else if (FLOAT.test(src)) tag = TAG + 'float';
    }
  }
  switch (tag) {
    case TAG + 'str':
      return src;
    case TAG + 'binary':
      if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(src)) throw new YamlError(`cannot parse "${src}" as ${tag}: not valid base64`);
      return src;
    case TAG + 'bool': {
      const v = WORDS.get(src);
      if (typeof v !== 'boolean') throw new YamlError(`cannot parse "${src}" as ${tag}`);
      return v;
    }
    case TAG + 'int':
    case TAG + 'float': {
      const plain = src.replace(/_/g, '');
      const n = parseDecimal(plain) ?? parseGoInteger(plain);
      if (n === undefined) throw new YamlError(`cannot parse "${src}" as ${tag}`);
      return n;
    }
    case TAG + 'timestamp': {
      const t = parseTimestamp(src);
      if (t === undefined) throw new YamlError(`cannot parse "${src}" as ${tag}`);
      return t;
    }
    case TAG + 'null':
      return null;
    default:
      return src;
  }
}

export function decodeYaml(src: string): Value {
  const docs = parseAllDocuments(src.length === 0 ? '\n' : src, { schema: 'failsafe', merge: false, uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) throw new YamlError('missing start of document');
  const doc = list[0]!;
  const problem = doc.errors[0] ?? list[1]?.errors[0];
  if (problem) throw new YamlError(problem.message);
  if (list.length > 1) throw new YamlError('only a single document is allowed');

  const position = (node: Node): string => {
    const offset = withProperties(src, node.range?.[0] ?? 0);
    const before = src.slice(0, offset);
    const line = before.split('\n').length - 1;
    return line === 0 ? '' : `on line ${line}, column ${offset - before.lastIndexOf('\n')}: `;
  };
  const fail = (node: Node, message: string): never => {
    throw new YamlError(position(node) + message);
  };
  const anchors = new Map<string, Value>();
  const pending = new Set<string>();

  const convert = (node: Node | null): Value => {
    if (node === null) return null;
    if (isAlias(node)) {
      if (pending.has(node.source)) fail(node, `cannot refer to anchor "${node.source}" from inside its own definition`);
      if (!anchors.has(node.source)) fail(node, `reference to undefined anchor "${node.source}"`);
      return anchors.get(node.source)!;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) pending.add(anchor);
    let v: Value;
    if (isScalar(node)) {
      try {
        v = resolveScalar(node.tag ?? '', String(node.value), isQuoted(node));
      } catch (e) {
        if (e instanceof YamlError) fail(node, e.message);
        throw e;
      }
    } else if (isMap(node)) {
      if (node.tag && node.tag !== TAG + 'map') fail(node, `can't interpret mapping as ${node.tag}`);
      const out = newObject();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const isMerge = key !== null && isScalar(key) && ((!key.tag && String(key.value) === '<<') || key.tag === TAG + 'merge');
        if (isMerge) {
          mergeInto(out, convert(pair.value as Node | null), key);
          continue;
        }
        if (key === null || !isScalar(key)) return fail(key ?? node, 'only strings are allowed as mapping keys');
        const k = resolveScalar(key.tag ?? '', String(key.value), isQuoted(key));
        if (k === null) fail(key, 'mapping key cannot be null');
        out[toStr(k)] = convert(pair.value as Node | null);
      }
      v = out;
    } else if (isSeq(node)) {
      if (node.tag && node.tag !== TAG + 'seq') fail(node, `can't interpret sequence as ${node.tag}`);
      v = node.items.map((x) => convert(x as Node | null));
    } else {
      return fail(node, 'unexpected YAML node');
    }
    if (anchor) {
      pending.delete(anchor);
      anchors.set(anchor, v);
    }
    return v;
  };

  const mergeInto = (out: ObjectValue, v: Value, at: Node): void => {
    if (isObject(v)) Object.assign(out, v);
    else if (Array.isArray(v)) {
      for (const m of v) {
        if (!isObject(m)) fail(at, `cannot merge ${m === null ? 'dynamic' : typeof m === 'object' ? 'tuple' : typeof m} (from sequence) into mapping`);
        Object.assign(out, m);
      }
    } else fail(at, `cannot merge ${v === null ? 'dynamic' : typeof v} into mapping`);
  };

  return convert(doc.contents as Node | null);
}

/** Moves a node's start back over its tag and anchor, where libyaml's event marks begin. */
function withProperties(src: string, offset: number): number {
  for (;;) {
    let end = offset;
    while (end > 0 && (src[end - 1] === ' ' || src[end - 1] === '\t')) end--;
    let start = end;
    while (start > 0 && !/[\s,[\]{}]/.test(src[start - 1]!)) start--;
    if (start === end || (src[start] !== '!' && src[start] !== '&')) return offset;
    offset = start;
  }
}

function isQuoted(node: Scalar): boolean {
  return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
}
