/**
 * A JSON parser that keeps every value's position (offsets into the file) and reports the first
 * syntax error at its place, for the loaders whose findings point into JSON: Terraform's JSON
 * syntax, plan files, CloudFormation templates. A leading byte-order mark is skipped. Objects and
 * arrays nested deeper than MAX_DEPTH are a syntax error at the bracket, not a stack overflow.
 * It accepts exactly what JSON.parse accepts (test/loaders/json.test.ts compares them): raw
 * control characters in a string, a tab included, are errors as they are there.
 *
 * Plans and templates run to megabytes: the parser scans character codes, allocates nothing but
 * the values it returns, and cuts every list to its length (spare room is copied by the collector).
 */
import { InputError } from '../model/errors.js';
import type { SourceFile } from '../model/source.js';
import { checkYoungGeneration } from '../model/young-generation.js';

/** A positioned tree; `X` is a further kind of node some parses leave in it (PlainJson). */
export type JsonTree<X = never> =
  | { t: 'object'; start: number; end: number; entries: Array<{ key: string; keyStart: number; keyEnd: number; value: JsonTree<X> }> }
  | { t: 'array'; start: number; end: number; items: Array<JsonTree<X>> }
  | { t: 'string'; start: number; end: number; value: string; raw: boolean }
  | { t: 'number'; start: number; end: number; value: number }
  | { t: 'bool'; start: number; end: number; value: boolean }
  | { t: 'null'; start: number; end: number }
  | X;

export type PositionedJson = JsonTree;

/**
 * A member's value read as JSON.parse reads it, without positions inside: its range, and how deep
 * it sits (for parsePositionedJsonAt, when its positions are wanted after all).
 */
export interface PlainJson {
  t: 'plain';
  start: number;
  end: number;
  depth: number;
  value: unknown;
}

/** An object's member as the parser hands it to a builder: its key, the key's place, its value. */
type JsonEntryOf<N> = { key: string; keyStart: number; keyEnd: number; value: N };

/** Lists this shallow (a plan's planned_values.root_module.resources: 4) check the young generation between elements (model/young-generation.ts). */
const CHECK_DEPTH = 4;

/** Far deeper than any plan, template or ruleset, far shallower than the call stack. */
const MAX_DEPTH = 1000;

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

/** The character a simple escape `\X` stands for, by X's code. */
const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map([
  [34, '"'],
  [92, '\\'],
  [47, '/'],
  [98, '\b'],
  [102, '\f'],
  [110, '\n'],
  [114, '\r'],
  [116, '\t'],
]);

/**
 * What the parser makes of each value, given its range: a loader with a tree of its own (the
 * CloudFormation templates) builds it as it parses, without a positioned tree to convert.
 */
export interface JsonBuilder<N> {
  object(start: number, end: number, entries: Array<JsonEntryOf<N>>): N;
  array(start: number, end: number, items: N[]): N;
  string(start: number, end: number, value: string, raw: boolean): N;
  number(start: number, end: number, value: number): N;
  bool(start: number, end: number, value: boolean): N;
  null(start: number, end: number): N;
}

const POSITIONED: JsonBuilder<PositionedJson> = {
  object: (start, end, entries) => ({ t: 'object', start, end, entries }),
  array: (start, end, items) => ({ t: 'array', start, end, items }),
  string: (start, end, value, raw) => ({ t: 'string', start, end, value, raw }),
  number: (start, end, value) => ({ t: 'number', start, end, value }),
  bool: (start, end, value) => ({ t: 'bool', start, end, value }),
  null: (start, end) => ({ t: 'null', start, end }),
};

/** A JSON parser that keeps positions and says where the text goes wrong. */
export function parsePositionedJson(file: SourceFile, code: string): PositionedJson {
  return parseJsonWith(file, code, POSITIONED);
}

/** The positioned tree of the value at `start` of a text already accepted, `depth` deep (a PlainJson's). */
export function parsePositionedJsonAt(file: SourceFile, code: string, start: number, depth: number): PositionedJson {
  return parseJsonValueAt(file, code, POSITIONED, start, depth);
}

/** The document as `build` makes it, with the checks and errors of parsePositionedJson. */
export function parseJsonWith<N>(file: SourceFile, code: string, build: JsonBuilder<N>): N {
  const p = new Parser(file, code, build);
  const root = p.value();
  p.ws();
  if (p.i < p.src.length) p.err('unexpected text after the end of the document');
  return root;
}

/** A member whose value was checked but not built: its key, and where its value lies in the text. */
export interface DeferredMember {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** The value's first and past-last offsets. */
  start: number;
  end: number;
}

/**
 * Told of each key written again in one object (JSON.parse keeps the last silently): the keys and
 * indexes ("0") that lead to it, and the later key's place.
 */
export type OnDuplicateKey = (path: string[], keyStart: number, keyEnd: number) => void;

/** Builds nothing: the parse only checks the text and moves past it. */
const NOTHING: JsonBuilder<null> = {
  object: () => null,
  array: () => null,
  string: () => null,
  number: () => null,
  bool: () => null,
  null: () => null,
};

/**
 * Parses a document as parseJsonWith does, except the members of the root object's `member` object
 * (the first, when it is one): each value is checked exactly as the full parse checks it (the same
 * first error, at the same place) but not built. The root is built with that object empty; its
 * members come back in `deferred`, for parseJsonValueAt to build one at a time. A large template's
 * tree then never lives whole: each resource's dies young, when its resource has been read.
 */
export function parseJsonDeferring<N>(file: SourceFile, code: string, build: JsonBuilder<N>, member: string, onDuplicate?: OnDuplicateKey): { root: N; deferred: DeferredMember[] | undefined } {
  const p = new Parser(file, code, build);
  if (onDuplicate) p.keys = { path: [], onDuplicate };
  const out = p.deferring(member);
  p.ws();
  if (p.i < p.src.length) p.err('unexpected text after the end of the document');
  return out;
}

/** Builds the value at `start` of a text parseJsonDeferring accepted; `depth` is how deep it sits (2 for a deferred member). */
export function parseJsonValueAt<N>(file: SourceFile, code: string, build: JsonBuilder<N>, start: number, depth: number): N {
  const p = new Parser(file, code, build);
  p.i = start;
  p.depth = depth;
  return p.value();
}

/** A document's root object: the members named to keep positions, and the others as plain values. */
export interface JsonSections {
  /** With `plainItems`, the elements of the arrays that members so named hold inside the positioned ones are PlainJson. */
  root: JsonTree<PlainJson>;
  /** Members not named, as JSON.parse reads them (the last of a repeated key wins, as there). */
  plain: Record<string, unknown>;
}

export interface SectionOptions {
  /** Members so named inside the positioned ones that hold an array: each element is read so (a plan's resources). */
  plainItems?: string;
  /** Root members read by a reader of their own, in parts: its result is the member's plain value. */
  readers?: Readonly<Record<string, (cursor: JsonCursor) => unknown>>;
}

/**
 * A root member's value read in parts, by a reader given to parseJsonSections: a plan's
 * configuration runs to megabytes, of which a loader keeps little; read whole, all of it would
 * survive the young generation. Each call reads exactly one value where the cursor stands and
 * moves past it; every part of the text is read by one of them, so the whole is checked as
 * JSON.parse checks it (an error is reported as parsePositionedJson reports it).
 */
export interface JsonCursor {
  /** What the value at the cursor is, for a reader that keeps values of more than one shape. */
  kind(): 'object' | 'array' | 'other';
  /**
   * At an object: `member` is called with each key in order (a repeated key too) and reads that
   * member's value; true. Any other value is read as `plain` reads it and passed over; false.
   */
  members(member: (key: string) => void): boolean;
  /** At an array: `item` is called for each element and reads it; true. Any other value is passed over as by `members`; false. */
  items(item: () => void): boolean;
  /** The value at the cursor, as JSON.parse reads it. */
  plain(): unknown;
}

/**
 * The root object's members named in `positioned` with positions, those with a reader read by it
 * (its result is the member's plain value), the others as plain values from JSON.parse of their
 * text: a plan's bulk (its configuration, its changes) needs no positions, and building them costs
 * ten times the memory. A syntax error anywhere is reported as parsePositionedJson reports it; a
 * root that is not an object comes back whole, with no plain part.
 */
export function parseJsonSections(file: SourceFile, code: string, positioned: ReadonlySet<string>, options: SectionOptions = {}): JsonSections {
  const p = new Parser<JsonTree<PlainJson>>(file, code, POSITIONED);
  p.plainItems = options.plainItems;
  const readers = options.readers ?? {};
  p.ws();
  if (p.src.charCodeAt(p.i) !== 123) return { root: parsePositionedJson(file, code), plain: {} };
  try {
    const sections = p.sections(positioned, readers);
    p.ws();
    if (p.i < p.src.length) p.err('unexpected text after the end of the document');
    return sections;
  } catch (e) {
    if (e instanceof InputError) throw e;
    // A member the quick scan or JSON.parse refused: the full parse says where, in our words. Should
    // it accept the text, the failure was no syntax error (a reader's own, a stack too small) and is
    // thrown as it is: read without the members it was reading, the document would pass for less.
    parsePositionedJson(file, code);
    throw e;
  }
}

class Parser<N> {
  readonly src: string;
  i: number;
  depth = 0;
  /** The elements of arrays held by members so named are read as PlainJson (parseJsonSections). */
  plainItems: string | undefined;
  /** Set to report keys written twice: the path of the value being read (parseJsonDeferring). */
  keys: { path: string[]; onDuplicate: OnDuplicateKey } | undefined;

  constructor(
    private readonly file: SourceFile,
    private readonly code: string,
    private readonly build: JsonBuilder<N>,
  ) {
    this.src = file.text;
    this.i = this.src.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  err(msg: string, at = this.i): never {
    throw new InputError(this.code, `Invalid JSON: ${msg}`, { file: this.file, start: at, end: at + 1 });
  }

  ws(): void {
    const src = this.src;
    let i = this.i;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      i++;
    }
    this.i = i;
  }

  value(): N {
    this.ws();
    const c = this.src.charCodeAt(this.i);
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    if (c === QUOTE) {
      const start = this.i;
      const { value, raw } = this.string();
      return this.build.string(start, this.i, value, raw);
    }
    return this.scalar();
  }

  /** The whole document, `member`'s members deferred (see parseJsonDeferring). */
  deferring(member: string): { root: N; deferred: DeferredMember[] | undefined } {
    this.ws();
    if (this.src.charCodeAt(this.i) !== 123) return { root: this.value(), deferred: undefined };
    const start = this.i;
    const entries: JsonEntryOf<N>[] = [];
    let deferred: DeferredMember[] | undefined;
    if (this.opens(125)) return { root: this.build.object(start, this.i, entries), deferred };
    const seen = new Set<string>();
    do {
      const k = this.key();
      this.duplicate(seen, k);
      this.ws();
      this.keys?.path.push(k.value);
      if (deferred === undefined && k.value === member && this.src.charCodeAt(this.i) === 123) {
        const at = this.i;
        deferred = this.checkMembers();
        entries.push({ key: k.value, keyStart: k.start, keyEnd: k.end, value: this.build.object(at, this.i, []) });
      } else entries.push({ key: k.value, keyStart: k.start, keyEnd: k.end, value: this.value() });
      this.keys?.path.pop();
    } while (!this.next(125));
    return { root: this.build.object(start, this.i, entries.slice()), deferred };
  }

  /** At a `{`: its members, each value checked by a parse that builds nothing. */
  private checkMembers(): DeferredMember[] {
    const out: DeferredMember[] = [];
    if (this.opens(125)) return out;
    const check = new Parser(this.file, this.code, NOTHING);
    check.keys = this.keys;
    const seen = new Set<string>();
    do {
      const k = this.key();
      this.duplicate(seen, k);
      this.ws();
      const start = this.i;
      check.i = start;
      check.depth = this.depth;
      this.keys?.path.push(k.value);
      check.value();
      this.keys?.path.pop();
      this.i = check.i;
      out.push({ key: k.value, keyStart: k.start, keyEnd: k.end, start, end: this.i });
    } while (!this.next(125));
    return out;
  }

  /** The root object (at its `{`), its unnamed members' values read by their readers or JSON.parse. */
  sections(this: Parser<JsonTree<PlainJson>>, positioned: ReadonlySet<string>, readers: Readonly<Record<string, (cursor: JsonCursor) => unknown>>): JsonSections {
    const start = this.i;
    const entries: Array<JsonEntryOf<JsonTree<PlainJson>>> = [];
    const plain: Record<string, unknown> = {};
    if (this.opens(125)) return { root: this.build.object(start, this.i, entries), plain };
    do {
      const k = this.key();
      if (positioned.has(k.value)) entries.push({ key: k.value, keyStart: k.start, keyEnd: k.end, value: this.value() });
      else {
        const reader = Object.hasOwn(readers, k.value) ? readers[k.value] : undefined;
        Object.defineProperty(plain, k.value, { value: reader ? reader(this.cursor()) : this.plain(), enumerable: true, writable: true, configurable: true });
      }
    } while (!this.next(125));
    return { root: this.build.object(start, this.i, entries.slice()), plain };
  }

  /** The value here as JSON.parse reads it; moves past it. */
  private plain(): unknown {
    this.ws();
    const from = this.i;
    this.skip();
    return JSON.parse(this.src.slice(from, this.i)) as unknown;
  }

  /** This parser as a JsonCursor. */
  private cursor(): JsonCursor {
    return {
      kind: () => {
        this.ws();
        const c = this.src.charCodeAt(this.i);
        return c === 123 ? 'object' : c === 91 ? 'array' : 'other';
      },
      members: (member) => {
        this.ws();
        if (this.src.charCodeAt(this.i) !== 123) {
          this.plain();
          return false;
        }
        if (!this.opens(125)) {
          do member(this.key().value);
          while (!this.next(125));
        }
        return true;
      },
      items: (item) => {
        this.ws();
        if (this.src.charCodeAt(this.i) !== 91) {
          this.plain();
          return false;
        }
        if (!this.opens(93)) {
          do item();
          while (!this.next(93));
        }
        return true;
      },
      plain: () => this.plain(),
    };
  }

  /**
   * A value moved past and read by JSON.parse (which checks it), as a PlainJson node: an element of
   * a `plainItems` member's array. Only the positioned builder of `sections` meets one.
   */
  private plainMember(): N {
    this.ws();
    const start = this.i;
    const depth = this.depth;
    const value = this.plain();
    const node: PlainJson = { t: 'plain', start, end: this.i, depth, value };
    return node as N;
  }

  /** A member named `plainItems`: an array of PlainJson nodes, or any other value as it is. */
  private plainElements(): N {
    this.ws();
    if (this.src.charCodeAt(this.i) !== 91) return this.value();
    const start = this.i;
    const items: N[] = [];
    if (this.opens(93)) return this.build.array(start, this.i, items);
    const check = this.depth <= CHECK_DEPTH;
    do {
      if (check) checkYoungGeneration();
      items.push(this.plainMember());
    } while (!this.next(93));
    return this.build.array(start, this.i, items.slice());
  }

  /**
   * Moves past one value without building it: strings, brackets and scalars, nothing checked but
   * where it ends and how deep it goes (JSON.parse checks the text after). Throws a plain Error at
   * the end of the text or past MAX_DEPTH, for the full parse to report.
   */
  private skip(): void {
    const src = this.src;
    const n = src.length;
    let i = this.i;
    let depth = 0;
    do {
      const c = src.charCodeAt(i);
      if (c === QUOTE) {
        i++;
        for (;;) {
          if (i >= n) throw new Error('unterminated string');
          const d = src.charCodeAt(i++);
          if (d === QUOTE) break;
          if (d === BACKSLASH) i++;
        }
      } else if (c === 123 || c === 91) {
        if (++depth + this.depth > MAX_DEPTH) throw new Error('too deep');
        i++;
      } else if (c === 125 || c === 93) {
        if (--depth < 0) throw new Error('unbalanced');
        i++;
      } else if (depth === 0) {
        // A scalar: up to what ends a member.
        while (i < n) {
          const d = src.charCodeAt(i);
          if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
          i++;
        }
      } else i++;
      if (i > n) throw new Error('unexpected end');
    } while (depth > 0 && i < n);
    if (depth > 0) throw new Error('unexpected end');
    this.i = i;
  }

  /** After `{` or `[`: one level deeper, or an error at the bracket. */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.err(`nested more than ${MAX_DEPTH} deep`, this.i - 1);
  }

  /** After a member: true at the closing bracket (consumed), false after a comma. */
  private next(close: number): boolean {
    this.ws();
    const c = this.src.charCodeAt(this.i);
    if (c === 44) {
      this.i++;
      return false;
    }
    if (c === close) {
      this.i++;
      this.depth--;
      return true;
    }
    return this.err(`expected "," or "${String.fromCharCode(close)}"`);
  }

  /** At `{` or `[`: takes it and one level of depth; true when the container closes at once (taken too). */
  private opens(close: number): boolean {
    this.i++;
    this.enter();
    this.ws();
    if (this.src.charCodeAt(this.i) !== close) return false;
    this.i++;
    this.depth--;
    return true;
  }

  /** A member's key and its colon. */
  private key(): { value: string; start: number; end: number } {
    this.ws();
    const start = this.i;
    if (this.src.charCodeAt(start) !== QUOTE) this.err('expected a string key');
    const { value } = this.string();
    const end = this.i;
    this.ws();
    if (this.src.charCodeAt(this.i) !== 58) this.err('expected ":"');
    this.i++;
    return { value, start, end };
  }

  private object(): N {
    const start = this.i;
    const entries: Array<{ key: string; keyStart: number; keyEnd: number; value: N }> = [];
    if (this.opens(125)) return this.build.object(start, this.i, entries);
    const keys = this.keys;
    const seen = keys ? new Set<string>() : undefined;
    do {
      const k = this.key();
      if (keys) {
        this.duplicate(seen!, k);
        keys.path.push(k.value);
      }
      const value = k.value === this.plainItems ? this.plainElements() : this.value();
      entries.push({ key: k.value, keyStart: k.start, keyEnd: k.end, value });
      keys?.path.pop();
    } while (!this.next(125));
    return this.build.object(start, this.i, entries.slice());
  }

  private array(): N {
    const start = this.i;
    const items: N[] = [];
    if (this.opens(93)) return this.build.array(start, this.i, items);
    const keys = this.keys;
    // The elements of a shallow list are a document's units (a plan's resources): between them the
    // young generation is checked, as the loaders check it between resources.
    const check = this.depth <= CHECK_DEPTH;
    do {
      if (check) checkYoungGeneration();
      keys?.path.push(String(items.length));
      items.push(this.value());
      keys?.path.pop();
    } while (!this.next(93));
    return this.build.array(start, this.i, items.slice());
  }

  /** With `keys` set: tells of a key already `seen` in the object being read. */
  private duplicate(seen: Set<string>, k: { value: string; start: number; end: number }): void {
    if (!this.keys) return;
    if (seen.has(k.value)) this.keys.onDuplicate([...this.keys.path, k.value], k.start, k.end);
    else seen.add(k.value);
  }

  /** At a `"`: the string's value, whether it was written without escapes; `i` moves past it. */
  private string(): { value: string; raw: boolean } {
    const src = this.src;
    const start = this.i;
    let i = start + 1;
    // The common case, no escape: the value is one slice of the text.
    let j = i;
    for (;;) {
      const c = src.charCodeAt(j);
      if (c === QUOTE || c === BACKSLASH || c < 32 || j >= src.length) break;
      j++;
    }
    if (src.charCodeAt(j) === QUOTE) {
      this.i = j + 1;
      return { value: src.slice(i, j), raw: true };
    }
    let out = '';
    for (;;) {
      while (j < src.length) {
        const c = src.charCodeAt(j);
        if (c === QUOTE || c === BACKSLASH || c < 32) break;
        j++;
      }
      out += src.slice(i, j);
      i = j;
      if (i >= src.length) {
        this.i = i;
        this.err('unterminated string');
      }
      const c = src.charCodeAt(i);
      if (c === QUOTE) break;
      if (c < 32) {
        this.i = i;
        this.err(c === NEWLINE ? 'a newline in a string must be written \\n' : `a control character (U+${c.toString(16).toUpperCase().padStart(4, '0')}) in a string must be escaped`);
      }
      const e = src.charCodeAt(i + 1);
      const simple = SIMPLE_ESCAPES.get(e);
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (e === 117 && isHex4(src, i + 2)) {
        out += String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        this.i = i;
        this.err('invalid escape in string');
      }
      j = i;
    }
    this.i = i + 1;
    return { value: out, raw: false };
  }

  /** true, false, null or a number, as JSON writes them (no leading zeros, no "+", no bare "."). */
  private scalar(): N {
    const src = this.src;
    const start = this.i;
    const c = src.charCodeAt(start);
    if (c === 116 && src.startsWith('true', start)) return this.build.bool(start, (this.i = start + 4), true);
    if (c === 102 && src.startsWith('false', start)) return this.build.bool(start, (this.i = start + 5), false);
    if (c === 110 && src.startsWith('null', start)) return this.build.null(start, (this.i = start + 4));
    let i = start;
    if (src.charCodeAt(i) === 45) i++;
    const first = src.charCodeAt(i);
    if (first === 48) i++;
    else if (first >= 49 && first <= 57) i = digits(src, i + 1);
    else return this.err(start >= src.length ? 'unexpected end of file' : `unexpected character ${JSON.stringify(src[start])}`, start);
    if (src.charCodeAt(i) === 46 && isDigit(src.charCodeAt(i + 1))) i = digits(src, i + 2);
    const e = src.charCodeAt(i);
    if (e === 101 || e === 69) {
      let k = i + 1;
      const sign = src.charCodeAt(k);
      if (sign === 43 || sign === 45) k++;
      if (isDigit(src.charCodeAt(k))) i = digits(src, k + 1);
    }
    this.i = i;
    return this.build.number(start, i, Number(src.slice(start, i)));
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function digits(src: string, i: number): number {
  while (isDigit(src.charCodeAt(i))) i++;
  return i;
}

function isHex4(src: string, i: number): boolean {
  for (let k = i; k < i + 4; k++) {
    const c = src.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
