/**
 * Recursive-descent parser for HCL native syntax, following the grammar and precedence of
 * HashiCorp's hclsyntax package. The first syntax error ends the parse with an InputError located
 * at the offending token: an input gridfence cannot read is never half-understood.
 */
import { InputError } from '../../../model/errors.js';
import type { SourceFile } from '../../../model/source.js';
import {
  AttributeMap,
  type Attribute,
  type BinaryOp,
  type Block,
  type BlockLabel,
  type Body,
  type ConfigFile,
  type DeferredBlock,
  type Expr,
  type ForExpr,
  type LiteralExpr,
  type ObjectItem,
  type TemplateExpr,
} from './ast.js';
import { withTokens, type Tokens } from './lexer.js';
import { internSlice } from './intern.js';
import { decodeHeredoc, decodeQuoted, isGoSpace, trimLeftSpace, trimRightSpace } from './template-text.js';
import { T, tokenNames } from './tokens.js';

/**
 * The array with exactly its elements' room. An array grown by push keeps room for 17 or more; the
 * tree of a large configuration holds tens of thousands of short lists, and the garbage collector
 * copies that slack with them.
 */
function fit<T>(a: T[]): T[] {
  return a.slice();
}

/** Which top-level blocks parseHcl defers, and which of their attributes it keeps. */
export interface DeferBodies {
  /** Block types to defer ("resource", "data"). */
  types: ReadonlySet<string>;
  /** Top-level attributes of a deferred body to keep parsed (the meta-arguments). */
  keep: ReadonlySet<string>;
}

/**
 * Parses a whole `.tf` / `.tfvars` file. Throws InputError (code "hcl-syntax") on the first error.
 * With `defer`, the top-level blocks of those types come back as DeferredBlocks, without their body
 * in memory: their labels, meta-arguments and top-level names are read, the rest of the body only
 * skimmed for its end, and checked when the body is first read (or by `check`). A file whose
 * skim meets an error or a shape it does not know is parsed in full instead, which throws the
 * file's first error exactly as a parse without `defer` would.
 */
export function parseHcl(file: SourceFile, defer?: DeferBodies): ConfigFile {
  if (defer) {
    try {
      return {
        file,
        body: withTokens(file, false, (t) => {
          const p = new Parser(file, t, defer, true);
          const body = p.parseBody(true);
          // The skimmed bodies parse later from the file's tokens, kept rather than lexed again.
          if (p.skimmed) p.skimmed.tokens = keepTokens(t);
          return body;
        }),
      };
    } catch (e) {
      if (e !== SKIM_REFUSED && !(e instanceof InputError)) throw e;
    }
  }
  const body = withTokens(file, false, (t) => new Parser(file, t, defer, false).parseBody(true));
  return { file, body };
}

/** A file's tokens, shared by the bodies its parse skimmed; set when the parse ends. */
interface KeptTokens {
  tokens: Tokens | undefined;
}

/** A copy of lexed tokens that outlives `withTokens` (whose arrays are reused for the next file). */
function keepTokens(t: Tokens): Tokens {
  return { kinds: t.kinds.slice(0, t.count), starts: t.starts.slice(0, t.count), ends: t.ends.slice(0, t.count), strip: t.strip.slice(0, t.count), count: t.count };
}

/** Thrown by a skim that meets anything but the plain shapes of a block (see parseHcl). */
const SKIM_REFUSED: unique symbol = Symbol('skim refused');

const NO_NAMES: readonly string[] = Object.freeze([]);
/** The meta-arguments of most resources: none. Never written to. */
const NO_META = new AttributeMap();

class DeferredBlockImpl implements DeferredBlock {
  readonly kind = 'block' as const;
  readonly deferred = true as const;
  /** Whether the body was read (or its reading tried) at least once. */
  private read = false;

  constructor(
    readonly file: SourceFile,
    readonly type: string,
    readonly typeEnd: number,
    readonly labels: BlockLabel[],
    readonly start: number,
    readonly end: number,
    /** Offset of the body's "{"; the body ends with the block. */
    private readonly open: number,
    readonly meta: AttributeMap,
    readonly attributeNames: readonly string[],
    readonly blockTypes: readonly string[],
    /** Whether the whole body was parsed when the file was (else it was only skimmed). */
    private checked: boolean,
    /**
     * For a skimmed body: the file's tokens (set once the file's parse ends) and the indexes of
     * its "{" and "}" in them. Without them the body's range is lexed again.
     */
    private readonly kept?: KeptTokens,
    private readonly openTok = -1,
    private readonly closeTok = -1,
  ) {}

  /**
   * Parses the body again (from the file's kept tokens, else lexing its range); each read makes a new tree. A body the file's parse only
   * skimmed may hold an error: the file's first error is thrown then, as a full parse finds it.
   */
  get body(): Body {
    this.read = true;
    if (this.checked) return this.parseRange();
    let body: Body;
    try {
      body = this.parseRange();
    } catch (e) {
      // A full parse throws the file's first error, which may lie before this body.
      parseHcl(this.file);
      throw e;
    }
    this.checked = true;
    return body;
  }

  check(): void {
    if (!this.read) void this.body;
  }

  /** The body from the block's "{" to its "}", which must end the range; at the depth of a top-level block's body. */
  private parseRange(): Body {
    const t = this.kept?.tokens;
    if (t) {
      // The token after "}" reads as the end of input while the body parses, as it does when the
      // range alone is lexed, so that nothing past the block is taken into it.
      const stop = this.closeTok + 1;
      const kind = t.kinds[stop]!;
      const start = t.starts[stop]!;
      const end = t.ends[stop]!;
      t.kinds[stop] = T.EOF;
      t.starts[stop] = t.ends[stop] = this.end;
      try {
        return new Parser(this.file, t, undefined, false).parseDeferredBody(this.openTok);
      } finally {
        t.kinds[stop] = kind;
        t.starts[stop] = start;
        t.ends[stop] = end;
      }
    }
    return withTokens(
      this.file,
      false,
      (t) => {
        const p = new Parser(this.file, t, undefined, false);
        const body = p.parseDeferredBody();
        return body;
      },
      { start: this.open, end: this.end },
    );
  }
}

/** Parses a standalone template (the text templatefile() reads) into a template expression. */
export function parseTemplateFile(file: SourceFile): Expr {
  return withTokens(file, true, (t) => new Parser(file, t, undefined, false).parseTemplateFile());
}

type TPart =
  | { t: 'lit'; value: string; start: number; end: number }
  | { t: 'interp'; expr: Expr; start: number; end: number }
  | { t: 'if'; cond: Expr; start: number; end: number }
  | { t: 'else'; start: number; end: number }
  | { t: 'endif'; start: number; end: number }
  | { t: 'for'; keyVar?: string; valVar: string; coll: Expr; start: number; end: number }
  | { t: 'endfor'; start: number; end: number };

/** Binary operators by token: precedence level (1 binds loosest) and operator, as in hclsyntax. */
const BINARY_OPS: ReadonlyArray<readonly [number, BinaryOp] | undefined> = (() => {
  const table: Array<readonly [number, BinaryOp] | undefined> = [];
  const levels: Array<Array<[T, BinaryOp]>> = [
    [[T.Or, '||']],
    [[T.And, '&&']],
    [
      [T.EqualOp, '=='],
      [T.NotEqual, '!='],
    ],
    [
      [T.Less, '<'],
      [T.LessEqual, '<='],
      [T.Greater, '>'],
      [T.GreaterEqual, '>='],
    ],
    [
      [T.Plus, '+'],
      [T.Minus, '-'],
    ],
    [
      [T.Star, '*'],
      [T.Slash, '/'],
      [T.Percent, '%'],
    ],
  ];
  levels.forEach((ops, i) => ops.forEach(([tok, op]) => (table[tok] = [i + 1, op])));
  return table;
})();

/** Most bodies hold no block: they share one empty, frozen list instead of allocating their own. */
const NO_BLOCKS: Block[] = Object.freeze([]) as unknown as Block[];
/** Nested blocks mostly have no labels; they share this list. */
const NO_LABELS: BlockLabel[] = Object.freeze([]) as unknown as BlockLabel[];

/** Nesting beyond this is refused rather than risking the JavaScript stack. */
const MAX_DEPTH = 500;

class Parser {
  private pos = 0;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly src: string;
  private nl: boolean[] = [true];
  private includeNL = true;
  private depth = 0;
  /** Token index of the "{" of the block parseBlock last read. */
  private lastOpen = -1;

  /** The tokens the blocks this parse skimmed will read, once the parse ends (see parseHcl). */
  skimmed: KeptTokens | undefined;

  constructor(
    private readonly file: SourceFile,
    private readonly toks: Tokens,
    private readonly defer: DeferBodies | undefined,
    /** Whether deferred blocks are skimmed (skimBlock) rather than parsed in full. */
    private readonly skim: boolean,
  ) {
    this.kinds = toks.kinds;
    this.starts = toks.starts;
    this.ends = toks.ends;
    this.src = file.text;
  }

  // ---- token access -------------------------------------------------------------------------

  private pushNL(v: boolean): void {
    this.nl.push(v);
    this.includeNL = v;
  }
  private popNL(): void {
    this.nl.pop();
    this.includeNL = this.nl[this.nl.length - 1]!;
  }
  /** Index of the next significant token (newlines skipped unless they are significant here). */
  private peekIndex(): number {
    let p = this.pos;
    if (!this.includeNL) while (this.kinds[p] === T.Newline) p++;
    return p;
  }
  private peek(): T {
    return this.kinds[this.peekIndex()]!;
  }
  private next(): number {
    const p = this.peekIndex();
    this.pos = p + 1;
    return p;
  }
  private text(i: number): string {
    return this.src.slice(this.starts[i], this.ends[i]);
  }
  /** An identifier's text, interned: names repeat across a configuration. */
  private ident(i: number): string {
    return internSlice(this.src, this.starts[i]!, this.ends[i]!);
  }
  private fail(msg: string, i: number): never {
    throw new InputError('hcl-syntax', msg, { file: this.file, start: this.starts[i]!, end: Math.max(this.ends[i]!, this.starts[i]! + 1) });
  }
  private failAt(msg: string, start: number, end: number): never {
    throw new InputError('hcl-syntax', msg, { file: this.file, start, end });
  }
  private describe(i: number): string {
    const k = this.kinds[i]!;
    if (k === T.Ident || k === T.Number) return `${tokenNames[k]} "${this.text(i)}"`;
    return tokenNames[k] ?? 'token';
  }
  private expect(kind: T, what: string): number {
    const i = this.next();
    if (this.kinds[i] !== kind) this.fail(`${what}, found ${this.describe(i)}`, i);
    return i;
  }
  private enter(at: number): void {
    if (++this.depth > MAX_DEPTH) this.fail(`Nesting too deep: more than ${MAX_DEPTH} levels`, at);
  }

  // ---- bodies -------------------------------------------------------------------------------

  /** A body up to EOF (`openBrace` < 0) or up to the "}" matching the token at `openBrace`. */
  parseBody(topLevel: boolean, openBrace = -1): Body {
    const attributes = new AttributeMap();
    let blocks: Block[] | undefined;
    const startTok = this.pos;
    const start = topLevel ? 0 : this.starts[startTok]!;
    for (;;) {
      const i = this.pos;
      const k = this.kinds[i];
      if (k === T.Newline) {
        this.pos++;
        continue;
      }
      if (k === T.EOF) {
        if (!topLevel) {
          this.fail('Unclosed configuration block: there is no closing brace for this block before the end of the file', openBrace >= 0 ? openBrace : i);
        }
        break;
      }
      if (k === T.RBrace) {
        if (topLevel) this.fail('Unexpected "}": there is no block to close', i);
        break;
      }
      if (k !== T.Ident) this.fail(`Argument or block definition required, found ${this.describe(i)}`, i);
      let item: Attribute | Block;
      if (topLevel && this.skim && this.kinds[i + 1] !== T.Equal && this.defer!.types.has(this.ident(i))) item = this.skimBlock(this.defer!.keep);
      else {
        item = this.parseBodyItem(false);
        if (topLevel && item.kind === 'block' && this.defer?.types.has(item.type)) item = this.deferBlock(item, this.defer.keep);
      }
      if (item.kind === 'attribute') {
        const prev = attributes.get(item.name);
        if (prev) {
          const p = this.file.position(prev.start);
          this.failAt(`Attribute redefined: "${item.name}" was already defined at line ${p.line}`, item.start, item.nameEnd);
        }
        attributes.set(item.name, item);
      } else (blocks ??= []).push(item);
    }
    attributes.fit();
    return { start, end: this.starts[this.pos]!, attributes, blocks: blocks ? fit(blocks) : NO_BLOCKS };
  }

  /** The block without its body: what the module table reads, and where to parse the body again. */
  private deferBlock(b: Block, keep: ReadonlySet<string>): DeferredBlockImpl {
    let meta = NO_META;
    const names: string[] = [];
    for (const a of b.body.attributes.values()) {
      names.push(a.name);
      if (keep.has(a.name)) {
        if (meta === NO_META) meta = new AttributeMap();
        meta.set(a.name, a);
      }
    }
    if (meta !== NO_META) meta.fit();
    const types: string[] = [];
    for (const x of b.body.blocks) {
      const t = x.type === 'dynamic' ? x.labels[0]?.value : x.type;
      if (t !== undefined && !types.includes(t)) types.push(t);
    }
    return new DeferredBlockImpl(b.file, b.type, b.typeEnd, b.labels, b.start, b.end, this.starts[this.lastOpen]!, meta, names.length ? names : NO_NAMES, types.length ? types : NO_NAMES, true);
  }

  /**
   * A deferred block from its type through the newline after it, without building its body: the
   * labels, the meta-arguments `keep` names (parsed in full), the names at the body's top level and
   * where it ends, as deferBlock reads them from a full parse. The rest is checked when the body is
   * read. Throws SKIM_REFUSED on anything but the plain shapes of a valid block.
   */
  private skimBlock(keep: ReadonlySet<string>): DeferredBlockImpl {
    const nameTok = this.pos++;
    const labels = this.readLabels(() => {
      throw SKIM_REFUSED;
    });
    const open = this.pos++;
    // A single-line body, or one that closes on its own line: parsed in full by the caller.
    if (this.kinds[this.pos] !== T.Newline) throw SKIM_REFUSED;
    this.enter(open);
    let meta = NO_META;
    const names: string[] = [];
    const types: string[] = [];
    for (;;) {
      const k = this.kinds[this.pos];
      if (k === T.Newline) {
        this.pos++;
        continue;
      }
      if (k === T.RBrace) break;
      if (k !== T.Ident) throw SKIM_REFUSED;
      const itemTok = this.pos++;
      const name = this.ident(itemTok);
      if (this.kinds[this.pos] === T.Equal) {
        if (names.includes(name)) throw SKIM_REFUSED;
        names.push(name);
        if (keep.has(name)) {
          if (meta === NO_META) meta = new AttributeMap();
          meta.set(name, this.parseAttribute(itemTok, name, false));
        } else {
          this.pos++;
          this.skipExpression();
        }
        continue;
      }
      // A nested block: its labels, then its braces.
      let label: string | undefined;
      for (;;) {
        const lk = this.kinds[this.pos];
        if (lk === T.LBrace) break;
        if (lk === T.Ident) {
          label ??= this.text(this.pos);
          this.pos++;
        } else if (lk === T.OQuote) {
          const l = this.parseLabelString();
          label ??= l.value;
        } else throw SKIM_REFUSED;
      }
      const t = name === 'dynamic' ? label : name;
      if (t !== undefined && !types.includes(t)) types.push(t);
      this.skipBraces();
      if (this.kinds[this.pos] !== T.Newline) throw SKIM_REFUSED;
      this.pos++;
    }
    this.depth--;
    const close = this.pos++;
    const after = this.kinds[this.pos];
    if (after === T.Newline) this.pos++;
    else if (after !== T.EOF) throw SKIM_REFUSED;
    if (meta !== NO_META) meta.fit();
    return new DeferredBlockImpl(
      this.file,
      this.ident(nameTok),
      this.ends[nameTok]!,
      labels.length ? fit(labels) : NO_LABELS,
      this.starts[nameTok]!,
      this.ends[close]!,
      this.starts[open]!,
      meta,
      names.length ? names : NO_NAMES,
      types.length ? types : NO_NAMES,
      false,
      (this.skimmed ??= { tokens: undefined }),
      open,
      close,
    );
  }

  /**
   * From after an attribute's "=" through the newline that ends it: the first newline outside any
   * brackets, template or heredoc (the lexer emits none inside a heredoc).
   */
  private skipExpression(): void {
    const first = this.pos;
    let depth = 0;
    for (;;) {
      switch (this.kinds[this.pos]) {
        case T.EOF:
          throw SKIM_REFUSED;
        case T.Newline:
          if (depth === 0) {
            if (this.pos === first) throw SKIM_REFUSED;
            this.pos++;
            return;
          }
          break;
        case T.LParen:
        case T.LBrack:
        case T.LBrace:
        case T.OQuote:
        case T.OHeredoc:
        case T.TemplateInterp:
        case T.TemplateControl:
          depth++;
          break;
        case T.RParen:
        case T.RBrack:
        case T.RBrace:
        case T.CQuote:
        case T.CHeredoc:
        case T.TemplateSeqEnd:
          if (depth === 0) throw SKIM_REFUSED;
          depth--;
          break;
      }
      this.pos++;
    }
  }

  /** From a "{" through its matching "}" (templates close with their own token, never "}"). */
  private skipBraces(): void {
    let depth = 0;
    for (;;) {
      const k = this.kinds[this.pos++];
      if (k === T.LBrace) depth++;
      else if (k === T.RBrace) {
        if (--depth === 0) return;
      } else if (k === T.EOF) throw SKIM_REFUSED;
    }
  }

  /** A deferred block's body, lexed from its "{" to its "}": the range must hold exactly that. */
  parseDeferredBody(open = 0): Body {
    // As deep as a top-level block's body, so that the nesting limit falls where a full parse puts it.
    this.depth = 1;
    const body = this.parseBlockBody(open);
    if (this.kinds[this.pos] !== T.EOF) this.fail(`Unexpected ${this.describe(this.pos)} after the block`, this.pos);
    return body;
  }

  /** One attribute or block; `singleLine` is set inside a one-line block `b { a = 1 }`. */
  // Split in two small functions, which V8 optimises sooner and keeps optimised, rather than one large one.
  private parseBodyItem(singleLine: boolean): Attribute | Block {
    const nameTok = this.pos++;
    const name = this.ident(nameTok);
    return this.kinds[this.pos] === T.Equal ? this.parseAttribute(nameTok, name, singleLine) : this.parseBlock(nameTok, name, singleLine);
  }

  private parseAttribute(nameTok: number, name: string, singleLine: boolean): Attribute {
    this.pos++;
    const expr = this.parseExpression();
    if (!singleLine) {
      const after = this.kinds[this.pos];
      if (after === T.Newline) this.pos++;
      else if (after !== T.EOF) this.fail(`Missing newline after argument: an argument definition must end with a newline, found ${this.describe(this.pos)}`, this.pos);
    }
    return { kind: 'attribute', file: this.file, name, nameEnd: this.ends[nameTok]!, expr, start: this.starts[nameTok]!, end: expr.end };
  }

  private parseBlock(nameTok: number, name: string, singleLine: boolean): Block {
    if (singleLine) {
      this.fail('Invalid single-argument block definition: a single-line block definition can contain only a single argument', this.pos);
    }
    const labels = this.readLabels((lk) => {
      if (lk === T.Newline || lk === T.EOF) {
        this.fail(`Invalid block definition: a block definition must have a block content delimited by "{" and "}" starting on the same line as the block header`, this.pos);
      }
      this.fail(`Invalid argument name or block definition: expected "=", a label or "{" after "${name}", found ${this.describe(this.pos)}`, this.pos);
    });
    const open = this.pos;
    // Blocks count toward the nesting limit as expressions do: thousands of nested blocks would
    // otherwise exhaust the stack of whatever walks them later.
    this.enter(open);
    const body = this.parseBlockBody(open);
    this.depth--;
    this.lastOpen = open;
    const close = this.pos - 1;
    if (!singleLine) {
      const after = this.kinds[this.pos];
      if (after === T.Newline) this.pos++;
      else if (after !== T.EOF) this.fail(`Missing newline after block definition: a block definition must end with a newline, found ${this.describe(this.pos)}`, this.pos);
    }
    return { kind: 'block', file: this.file, type: name, typeEnd: this.ends[nameTok]!, labels: labels.length ? fit(labels) : NO_LABELS, body, start: this.starts[nameTok]!, end: this.ends[close]! };
  }

  /** A block's labels, up to its "{" (where it leaves the position); `other` is told of any other token and must throw. */
  private readLabels(other: (kind: T) => never): BlockLabel[] {
    const labels: BlockLabel[] = [];
    for (;;) {
      const lk = this.kinds[this.pos] as T;
      if (lk === T.LBrace) return labels;
      if (lk === T.Ident) {
        const li = this.pos++;
        labels.push({ value: this.text(li), start: this.starts[li]!, end: this.ends[li]! });
      } else if (lk === T.OQuote) labels.push(this.parseLabelString());
      else other(lk);
    }
  }

  /** A block's body from its "{" (token `open`) through its "}", after which it leaves the position. */
  parseBlockBody(open: number): Body {
    this.pos = open + 1;
    let body: Body;
    if (this.kinds[this.pos] === T.Newline) {
      body = this.parseBody(false, open);
    } else if (this.kinds[this.pos] === T.RBrace) {
      body = { start: this.starts[this.pos]!, end: this.starts[this.pos]!, attributes: new AttributeMap(), blocks: NO_BLOCKS };
    } else if (this.kinds[this.pos] === T.Ident) {
      const bodyStart = this.starts[this.pos]!;
      const item = this.parseBodyItem(true);
      if (item.kind !== 'attribute') this.fail('Invalid single-argument block definition', this.pos);
      if (this.kinds[this.pos] !== T.RBrace) {
        this.fail(
          'Invalid single-argument block definition: an argument definition on the same line as its containing block creates a single-line block definition, which must also be closed on the same line',
          this.pos,
        );
      }
      body = { start: bodyStart, end: item.end, attributes: new AttributeMap([item]), blocks: NO_BLOCKS };
    } else {
      this.fail(`Argument or block definition required, found ${this.describe(this.pos)}`, this.pos);
    }
    const close = this.pos;
    if (this.kinds[close] !== T.RBrace) this.fail(`Unclosed block: expected "}", found ${this.describe(close)}`, close);
    this.pos++;
    return body;
  }

  private parseLabelString(): BlockLabel {
    const open = this.pos++;
    let value = '';
    while (this.kinds[this.pos] === T.QuotedLit) {
      const d = decodeQuoted(this.text(this.pos));
      if ('error' in d) this.failAt(d.error, this.starts[this.pos]! + d.offset, this.starts[this.pos]! + d.offset + 2);
      value += d.value;
      this.pos++;
    }
    if (this.kinds[this.pos] !== T.CQuote) this.fail('Invalid block label: template sequences are not allowed in block labels', this.pos);
    const close = this.pos++;
    return { value, start: this.starts[open]!, end: this.ends[close]! };
  }

  // ---- expressions --------------------------------------------------------------------------

  parseExpression(): Expr {
    const at = this.peekIndex();
    this.enter(at);
    const cond = this.parseBinary(1);
    let out: Expr = cond;
    if (this.peek() === T.Question) {
      this.next();
      const then = this.parseExpression();
      this.expect(T.Colon, 'Missing false expression in conditional: expected ":"');
      const els = this.parseExpression();
      out = { kind: 'conditional', cond, then, else: els, start: cond.start, end: els.end };
    }
    this.depth--;
    return out;
  }

  /** Precedence climbing; operators of one level associate to the left: a-b-c is (a-b)-c. */
  private parseBinary(minLevel: number): Expr {
    let lhs = this.parseTermWithTraversals();
    for (;;) {
      const entry = BINARY_OPS[this.peek()];
      if (entry === undefined || entry[0] < minLevel) return lhs;
      this.next();
      const rhs = this.parseBinary(entry[0] + 1);
      lhs = { kind: 'binary', op: entry[1], lhs, rhs, start: lhs.start, end: rhs.end };
    }
  }

  private parseTermWithTraversals(): Expr {
    const term = this.parseTerm();
    return this.parseTraversals(term);
  }

  private parseTraversals(from: Expr): Expr {
    let expr = from;
    for (;;) {
      const k = this.peek();
      if (k === T.Dot) {
        const dot = this.next();
        const n = this.peekIndex();
        const nk = this.kinds[n];
        if (nk === T.Ident) {
          this.next();
          expr = { kind: 'getAttr', obj: expr, name: this.ident(n), start: expr.start, end: this.ends[n]! };
        } else if (nk === T.Number) {
          this.next();
          const key: LiteralExpr = { kind: 'literal', value: Number(this.text(n)), start: this.starts[n]!, end: this.ends[n]! };
          expr = { kind: 'index', obj: expr, key, start: expr.start, end: this.ends[n]! };
        } else if (nk === T.Star) {
          this.next();
          expr = this.parseSplat(expr, false, this.ends[n]!);
        } else {
          this.fail(`Invalid attribute name: an attribute name is required after a dot, found ${this.describe(n)}`, nk === T.EOF ? dot : n);
        }
      } else if (k === T.LBrack) {
        const open = this.next();
        this.pushNL(false);
        if (this.peek() === T.Star) {
          this.next();
          const close = this.expect(T.RBrack, 'Invalid splat: expected "]" after "[*"');
          this.popNL();
          expr = this.parseSplat(expr, true, this.ends[close]!);
        } else {
          const key = this.parseExpression();
          const close = this.next();
          if (this.kinds[close] !== T.RBrack) this.fail(`Missing close bracket on index: the index operator must end with "]", found ${this.describe(close)}`, close);
          this.popNL();
          expr = { kind: 'index', obj: expr, key, start: expr.start, end: this.ends[close]! };
          void open;
        }
      } else {
        return expr;
      }
    }
  }

  /**
   * After `[*]` (full) or `.*` (attributes only), the following steps apply to each element: any
   * traversal for a full splat; `.name` and `.0` only for an attribute-only one, which ends at the
   * first `[` and may not hold another splat.
   */
  private parseSplat(source: Expr, full: boolean, opEnd: number): Expr {
    let each: Expr = { kind: 'splatItem', start: opEnd, end: opEnd };
    let end = opEnd;
    for (;;) {
      const k = this.peek();
      if (k === T.Dot) {
        const n = this.peekIndex() + 1;
        const nk = this.kinds[n];
        if (nk === T.Ident) {
          this.next();
          this.next();
          each = { kind: 'getAttr', obj: each, name: this.ident(n), start: opEnd, end: this.ends[n]! };
          end = this.ends[n]!;
          continue;
        }
        // A number after a dot indexes each element, in both kinds of splat (`a.*.b.0`).
        if (nk === T.Number) {
          this.next();
          this.next();
          const key: LiteralExpr = { kind: 'literal', value: Number(this.text(n)), start: this.starts[n]!, end: this.ends[n]! };
          each = { kind: 'index', obj: each, key, start: opEnd, end: this.ends[n]! };
          end = this.ends[n]!;
          continue;
        }
        if (nk === T.Star && !full) {
          this.fail('Nested splat expression not allowed: a splat expression (*) cannot be used inside another attribute-only splat expression', n);
        }
        break;
      }
      if (k === T.LBrack && full) {
        const n = this.peekIndex() + 1;
        if (this.kinds[n] === T.Star) break;
        this.next();
        this.pushNL(false);
        const key = this.parseExpression();
        const close = this.expect(T.RBrack, 'Missing close bracket on index');
        this.popNL();
        each = { kind: 'index', obj: each, key, start: opEnd, end: this.ends[close]! };
        end = this.ends[close]!;
        continue;
      }
      break;
    }
    const splat: Expr = { kind: 'splat', source, each, start: source.start, end };
    return splat;
  }

  private parseTerm(): Expr {
    const i = this.peekIndex();
    const k = this.kinds[i];
    switch (k) {
      case T.Number: {
        this.next();
        const text = this.text(i);
        return { kind: 'literal', value: Number(text), start: this.starts[i]!, end: this.ends[i]! };
      }
      case T.Ident:
        return this.parseIdentTerm();
      case T.LParen: {
        this.next();
        this.pushNL(false);
        const expr = this.parseExpression();
        const close = this.next();
        if (this.kinds[close] !== T.RParen) this.fail(`Unbalanced parentheses: expected ")", found ${this.describe(close)}`, close);
        this.popNL();
        return { kind: 'paren', expr, start: this.starts[i]!, end: this.ends[close]! };
      }
      case T.LBrack:
        return this.parseTupleOrFor();
      case T.LBrace:
        return this.parseObjectOrFor();
      case T.OQuote:
        return this.parseQuotedTemplate();
      case T.OHeredoc:
        return this.parseHeredoc();
      case T.Minus:
      case T.Bang: {
        this.next();
        this.enter(i);
        const operand = this.parseTermWithTraversals();
        this.depth--;
        return { kind: 'unary', op: k === T.Minus ? '-' : '!', operand, start: this.starts[i]!, end: operand.end };
      }
      default:
        this.fail(`Invalid expression: expected the start of an expression, found ${this.describe(i)}`, i);
    }
  }

  private parseIdentTerm(): Expr {
    const i = this.next();
    const name = this.ident(i);
    const start = this.starts[i]!;
    let n = this.peekIndex();
    if (this.kinds[n] === T.DoubleColon || this.kinds[n] === T.LParen) {
      // A function call, possibly namespaced: provider::aws::arn_parse(…)
      let fname = name;
      let nameEnd = this.ends[i]!;
      while (this.kinds[n] === T.DoubleColon) {
        this.next();
        const part = this.next();
        if (this.kinds[part] !== T.Ident) this.fail('Invalid function name: expected an identifier after "::"', part);
        fname += '::' + this.text(part);
        nameEnd = this.ends[part]!;
        n = this.peekIndex();
      }
      if (this.kinds[n] !== T.LParen) this.fail(`Missing "(" after function name "${fname}"`, n);
      this.next();
      this.pushNL(false);
      const args: Expr[] = [];
      let expandFinal = false;
      for (;;) {
        if (this.peek() === T.RParen) break;
        args.push(this.parseExpression());
        const sep = this.peekIndex();
        if (this.kinds[sep] === T.Ellipsis) {
          this.next();
          expandFinal = true;
          if (this.peek() === T.Comma) this.next();
          if (this.peek() !== T.RParen) this.fail('Missing closing parenthesis: an expanded function argument ("...") must be the last argument', this.peekIndex());
          break;
        }
        if (this.kinds[sep] === T.Comma) {
          this.next();
          continue;
        }
        if (this.kinds[sep] !== T.RParen) this.fail(`Missing argument separator: a comma is required between function arguments, found ${this.describe(sep)}`, sep);
      }
      const close = this.next();
      this.popNL();
      return { kind: 'call', name: fname, nameEnd, args: fit(args), expandFinal, start, end: this.ends[close]! };
    }
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', start, end: this.ends[i]! };
    if (name === 'null') return { kind: 'literal', value: null, start, end: this.ends[i]! };
    return { kind: 'variable', name, start, end: this.ends[i]! };
  }

  private isForKeyword(): boolean {
    const i = this.peekIndex();
    if (this.kinds[i] !== T.Ident || this.text(i) !== 'for') return false;
    let j = i + 1;
    while (this.kinds[j] === T.Newline) j++;
    return this.kinds[j] === T.Ident;
  }

  private parseTupleOrFor(): Expr {
    const open = this.next();
    this.pushNL(false);
    if (this.isForKeyword()) {
      const f = this.parseForBody(open, false);
      this.popNL();
      return f;
    }
    const items: Expr[] = [];
    for (;;) {
      if (this.peek() === T.RBrack) break;
      items.push(this.parseExpression());
      const sep = this.peekIndex();
      if (this.kinds[sep] === T.Comma) {
        this.next();
        continue;
      }
      if (this.kinds[sep] !== T.RBrack) this.fail(`Missing item separator: expected a comma or "]", found ${this.describe(sep)}`, sep);
    }
    const close = this.next();
    this.popNL();
    return { kind: 'tuple', items: fit(items), start: this.starts[open]!, end: this.ends[close]! };
  }

  private parseObjectOrFor(): Expr {
    const open = this.next();
    this.pushNL(false);
    if (this.isForKeyword()) {
      const f = this.parseForBody(open, true);
      this.popNL();
      return f;
    }
    this.popNL();
    this.pushNL(true);
    const items: ObjectItem[] = [];
    for (;;) {
      let i = this.pos;
      while (this.kinds[i] === T.Newline) i++;
      this.pos = i;
      if (this.kinds[i] === T.RBrace) break;
      let key: Expr;
      let keyIsName = false;
      this.pushNL(false);
      if (this.kinds[i] === T.Ident && (this.kinds[i + 1] === T.Equal || this.kinds[i + 1] === T.Colon)) {
        this.pos++;
        key = { kind: 'variable', name: this.ident(i), start: this.starts[i]!, end: this.ends[i]! };
        keyIsName = true;
      } else {
        key = this.parseExpression();
        // A bare traversal as a key names the attribute (hclsyntax's ObjectConsKeyExpr).
        keyIsName = key.kind === 'variable';
      }
      this.popNL();
      const eq = this.pos;
      const ek = this.kinds[eq];
      if (ek !== T.Equal && ek !== T.Colon) {
        this.fail(`Missing key/value separator: expected an equals sign ("=") to mark the beginning of the attribute value, found ${this.describe(eq)}`, eq);
      }
      this.pos++;
      const value = this.parseExpression();
      items.push({ key, keyIsName, value });
      const sep = this.pos;
      const sk = this.kinds[sep];
      if (sk === T.Comma || sk === T.Newline) {
        this.pos++;
        continue;
      }
      if (sk !== T.RBrace) this.fail(`Missing attribute separator: expected a newline or comma to mark the beginning of the next attribute, found ${this.describe(sep)}`, sep);
    }
    const close = this.pos++;
    this.popNL();
    return { kind: 'object', items: fit(items), start: this.starts[open]!, end: this.ends[close]! };
  }

  private parseForBody(open: number, isObject: boolean): ForExpr {
    this.next(); // for
    const v1 = this.expect(T.Ident, 'Invalid "for" expression: expected an iterator variable name');
    let keyVar: string | undefined;
    let valVar = this.text(v1);
    if (this.peek() === T.Comma) {
      this.next();
      const v2 = this.expect(T.Ident, 'Invalid "for" expression: expected a value variable name after the comma');
      keyVar = valVar;
      valVar = this.text(v2);
    }
    const inTok = this.next();
    if (this.kinds[inTok] !== T.Ident || this.text(inTok) !== 'in') this.fail('Invalid "for" expression: expected "in" after the iterator variables', inTok);
    const coll = this.parseExpression();
    this.expect(T.Colon, 'Invalid "for" expression: expected ":" after the collection');
    let keyExpr: Expr | undefined;
    let valExpr: Expr;
    let group = false;
    if (isObject) {
      keyExpr = this.parseExpression();
      this.expect(T.FatArrow, 'Invalid "for" expression: an object "for" needs "=>" between key and value');
      valExpr = this.parseExpression();
      if (this.peek() === T.Ellipsis) {
        this.next();
        group = true;
      }
    } else {
      valExpr = this.parseExpression();
    }
    let cond: Expr | undefined;
    const ci = this.peekIndex();
    if (this.kinds[ci] === T.Ident && this.text(ci) === 'if') {
      this.next();
      cond = this.parseExpression();
    }
    const closeKind = isObject ? T.RBrace : T.RBrack;
    const close = this.next();
    if (this.kinds[close] !== closeKind) this.fail(`Invalid "for" expression: expected ${tokenNames[closeKind]}, found ${this.describe(close)}`, close);
    return {
      kind: 'for',
      ...(keyVar !== undefined ? { keyVar } : {}),
      valVar,
      coll,
      ...(keyExpr ? { keyExpr } : {}),
      valExpr,
      ...(cond ? { cond } : {}),
      group,
      start: this.starts[open]!,
      end: this.ends[close]!,
    };
  }

  // ---- templates ----------------------------------------------------------------------------

  private parseQuotedTemplate(): Expr {
    const open = this.next();
    // A plain string (the common case) is a literal: no template parts to build.
    const k0 = this.kinds[this.pos];
    if (k0 === T.CQuote) {
      const close = this.pos++;
      return { kind: 'literal', value: '', start: this.starts[open]!, end: this.ends[close]! };
    }
    if (k0 === T.QuotedLit && this.kinds[this.pos + 1] === T.CQuote) {
      const lit = this.pos;
      const d = decodeQuoted(this.text(lit));
      if ('error' in d) this.failAt(d.error, this.starts[lit]! + d.offset, this.starts[lit]! + d.offset + 2);
      this.pos += 2;
      return { kind: 'literal', value: d.value, start: this.starts[open]!, end: this.ends[lit + 1]! };
    }
    this.pushNL(false);
    const parts = this.collectTemplateParts(T.CQuote, false);
    const close = this.pos++;
    this.popNL();
    return this.buildTemplate(parts, this.starts[open]!, this.ends[close]!);
  }

  parseTemplateFile(): Expr {
    this.pushNL(false);
    const parts = this.collectTemplateParts(T.CHeredoc, true);
    return this.buildTemplate(parts, 0, this.file.text.length);
  }

  private parseHeredoc(): Expr {
    const open = this.next();
    const flush = this.src.charCodeAt(this.starts[open]! + 2) === 45;
    this.pushNL(false);
    const parts = this.collectTemplateParts(T.CHeredoc, true);
    const close = this.pos++;
    this.popNL();
    if (flush) flushHeredoc(parts);
    return this.buildTemplate(parts, this.starts[open]!, this.ends[close]!);
  }

  /** Template pieces up to `end`, with strip markers applied (hclsyntax's parseTemplateParts). */
  private collectTemplateParts(end: T, heredoc: boolean): TPart[] {
    const parts: TPart[] = [];
    let ltrimNext = false;
    for (;;) {
      const i = this.pos;
      const k = this.kinds[i];
      if (k === end) break;
      if (k === T.QuotedLit || k === T.StringLit) {
        this.pos++;
        let value: string;
        if (k === T.QuotedLit) {
          const d = decodeQuoted(this.text(i));
          if ('error' in d) this.failAt(d.error, this.starts[i]! + d.offset, this.starts[i]! + d.offset + 2);
          value = d.value;
        } else value = decodeHeredoc(this.text(i));
        if (ltrimNext) value = trimLeftSpace(value);
        ltrimNext = false;
        parts.push({ t: 'lit', value, start: this.starts[i]!, end: this.ends[i]! });
        continue;
      }
      if (k === T.TemplateInterp || k === T.TemplateControl) {
        ltrimNext = false;
        if (this.toks.strip[i]) {
          const prev = parts[parts.length - 1];
          if (prev && prev.t === 'lit') prev.value = trimRightSpace(prev.value);
        }
        this.pos++;
        this.pushNL(false);
        let part: TPart;
        if (k === T.TemplateInterp) {
          const expr = this.parseExpression();
          part = { t: 'interp', expr, start: this.starts[i]!, end: 0 };
        } else {
          part = this.parseDirective(i);
        }
        const close = this.next();
        if (this.kinds[close] !== T.TemplateSeqEnd) {
          this.fail(`Extra characters after ${k === T.TemplateInterp ? 'interpolation' : 'directive'}: expected "}", found ${this.describe(close)}`, close);
        }
        this.popNL();
        part.end = this.ends[close]!;
        if (this.toks.strip[close]) ltrimNext = true;
        parts.push(part);
        continue;
      }
      if (k === T.EOF) this.fail(heredoc ? 'Unterminated heredoc' : 'Unterminated template string', i);
      this.fail(`Unexpected ${this.describe(i)} in template`, i);
    }
    return parts;
  }

  private parseDirective(open: number): TPart {
    const kw = this.next();
    const word = this.kinds[kw] === T.Ident ? this.text(kw) : '';
    const start = this.starts[open]!;
    switch (word) {
      case 'if':
        return { t: 'if', cond: this.parseExpression(), start, end: 0 };
      case 'else':
        return { t: 'else', start, end: 0 };
      case 'endif':
        return { t: 'endif', start, end: 0 };
      case 'endfor':
        return { t: 'endfor', start, end: 0 };
      case 'for': {
        const v1 = this.expect(T.Ident, 'Invalid template "for" directive: expected an iterator variable name');
        let keyVar: string | undefined;
        let valVar = this.text(v1);
        if (this.peek() === T.Comma) {
          this.next();
          keyVar = valVar;
          valVar = this.text(this.expect(T.Ident, 'Invalid template "for" directive: expected a value variable name'));
        }
        const inTok = this.next();
        if (this.kinds[inTok] !== T.Ident || this.text(inTok) !== 'in') this.fail('Invalid template "for" directive: expected "in"', inTok);
        const coll = this.parseExpression();
        return { t: 'for', ...(keyVar !== undefined ? { keyVar } : {}), valVar, coll, start, end: 0 };
      }
      default:
        this.fail('Invalid template directive: expected "if", "else", "endif", "for" or "endfor"', kw);
    }
  }

  /** Melds literals, nests directives and decides passthrough (`"${x}"` yields x's value). */
  private buildTemplate(parts: TPart[], start: number, end: number): Expr {
    const melded: TPart[] = [];
    for (const p of parts) {
      const prev = melded[melded.length - 1];
      if (p.t === 'lit' && prev && prev.t === 'lit') {
        melded[melded.length - 1] = { t: 'lit', value: prev.value + p.value, start: prev.start, end: p.end };
      } else melded.push(p);
    }
    if (melded.length === 1 && melded[0]!.t === 'interp') {
      return { kind: 'templateWrap', expr: melded[0]!.expr, start, end };
    }
    let idx = 0;
    const seq = (stop: ReadonlyArray<TPart['t']>, from: number): TemplateExpr => {
      const out: Expr[] = [];
      let s = from;
      while (idx < melded.length) {
        const p = melded[idx]!;
        if (stop.includes(p.t)) break;
        idx++;
        switch (p.t) {
          case 'lit':
            out.push({ kind: 'literal', value: p.value, start: p.start, end: p.end });
            break;
          case 'interp':
            out.push(p.expr);
            break;
          case 'if': {
            const then = seq(['else', 'endif'], p.end);
            let els: TemplateExpr;
            if (melded[idx]?.t === 'else') {
              const e = melded[idx++]!;
              els = seq(['endif'], e.end);
            } else els = { kind: 'template', parts: [], start: then.end, end: then.end };
            const close = melded[idx++];
            if (!close || close.t !== 'endif') this.failAt('Unterminated template "if": expected %{endif}', p.start, p.end);
            out.push({ kind: 'templateIf', cond: p.cond, then, else: els, start: p.start, end: close.end });
            break;
          }
          case 'for': {
            const body = seq(['endfor'], p.end);
            const close = melded[idx++];
            if (!close || close.t !== 'endfor') this.failAt('Unterminated template "for": expected %{endfor}', p.start, p.end);
            out.push({ kind: 'templateFor', ...(p.keyVar !== undefined ? { keyVar: p.keyVar } : {}), valVar: p.valVar, coll: p.coll, body, start: p.start, end: close.end });
            break;
          }
          default:
            this.failAt(`Unexpected %{${p.t}} in template: it has no matching opening directive`, p.start, p.end);
        }
        s = p.end;
      }
      return { kind: 'template', parts: fit(out), start: from, end: s };
    };
    const root = seq([], start);
    if (idx < melded.length) {
      const p = melded[idx]!;
      this.failAt(`Unexpected %{${p.t}} in template: it has no matching opening directive`, p.start, p.end);
    }
    return { kind: 'template', parts: root.parts, start, end };
  }
}

/**
 * `<<-` heredocs: the smallest indentation among the lines (blank lines aside) is removed from
 * every line, counting characters of leading white space (hclsyntax's flushHeredocTemplateParts).
 */
function flushHeredoc(parts: TPart[]): void {
  let minSpaces = Infinity;
  let newline = true;
  const adjust: Array<Extract<TPart, { t: 'lit' }>> = [];
  for (const p of parts) {
    if (newline) {
      newline = false;
      let spaces: number;
      if (p.t === 'lit') {
        const trimmed = trimLeftSpace(p.value);
        if (trimmed.length === 0 && p.value.endsWith('\n')) spaces = Infinity;
        else {
          spaces = [...p.value.slice(0, p.value.length - trimmed.length)].length;
          adjust.push(p);
        }
      } else spaces = 0;
      if (spaces < minSpaces) minSpaces = spaces;
    }
    if (p.t === 'lit' && p.value.endsWith('\n')) newline = true;
  }
  if (minSpaces === Infinity || minSpaces === 0) return;
  for (const p of adjust) {
    let cut = 0;
    for (let n = 0; n < minSpaces && cut < p.value.length && isGoSpace(p.value.charCodeAt(cut)); n++) cut++;
    p.value = p.value.slice(cut);
  }
}
