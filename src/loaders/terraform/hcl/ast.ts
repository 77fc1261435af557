/**
 * The typed syntax tree of HCL native syntax. Every node carries `start`/`end` character offsets
 * (half-open) into its file; line and column come from `SourceFile.position`. Node kinds follow
 * HashiCorp's hclsyntax so that the differential tests can compare the two parsers shape for shape.
 */
import type { SourceFile } from '../../../model/source.js';

interface NodeBase {
  start: number;
  end: number;
}

/** A number, bool, null, or a quoted string without interpolation (also a literal part of a template). */
export interface LiteralExpr extends NodeBase {
  kind: 'literal';
  value: null | boolean | number | string;
}

/** A quoted string or heredoc with interpolations or directives (or a plain string: one literal part). */
export interface TemplateExpr extends NodeBase {
  kind: 'template';
  parts: Expr[];
}

/** `"${expr}"`: a template that is a single interpolation yields the expression's own value. */
export interface TemplateWrapExpr extends NodeBase {
  kind: 'templateWrap';
  expr: Expr;
}

/** `%{if}` inside a template. */
export interface TemplateIfExpr extends NodeBase {
  kind: 'templateIf';
  cond: Expr;
  then: TemplateExpr;
  else: TemplateExpr;
}

/** `%{for}` inside a template. */
export interface TemplateForExpr extends NodeBase {
  kind: 'templateFor';
  keyVar?: string;
  valVar: string;
  coll: Expr;
  body: TemplateExpr;
}

export interface VariableExpr extends NodeBase {
  kind: 'variable';
  name: string;
}

export interface GetAttrExpr extends NodeBase {
  kind: 'getAttr';
  obj: Expr;
  name: string;
}

export interface IndexExpr extends NodeBase {
  kind: 'index';
  obj: Expr;
  key: Expr;
}

/** `src[*].a` (full) or `src.*.a` (attribute-only): `each` is evaluated with `splatItem` bound to every element. */
export interface SplatExpr extends NodeBase {
  kind: 'splat';
  source: Expr;
  each: Expr;
}

export interface SplatItemExpr extends NodeBase {
  kind: 'splatItem';
}

export interface FunctionCallExpr extends NodeBase {
  kind: 'call';
  /** The name as written, including a provider namespace (`provider::aws::arn_parse`). */
  name: string;
  nameEnd: number;
  args: Expr[];
  /** The last argument was followed by `...`. */
  expandFinal: boolean;
}

export interface ConditionalExpr extends NodeBase {
  kind: 'conditional';
  cond: Expr;
  then: Expr;
  else: Expr;
}

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr extends NodeBase {
  kind: 'binary';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
}

export interface UnaryExpr extends NodeBase {
  kind: 'unary';
  op: '-' | '!';
  operand: Expr;
}

export interface TupleExpr extends NodeBase {
  kind: 'tuple';
  items: Expr[];
}

export interface ObjectItem {
  key: Expr;
  /** The key was a bare identifier: it names the attribute literally. */
  keyIsName: boolean;
  value: Expr;
}

export interface ObjectExpr extends NodeBase {
  kind: 'object';
  items: ObjectItem[];
}

export interface ForExpr extends NodeBase {
  kind: 'for';
  keyVar?: string;
  valVar: string;
  coll: Expr;
  /** Present for an object `for` (`{for … : k => v}`). */
  keyExpr?: Expr;
  valExpr: Expr;
  cond?: Expr;
  /** `=> v...`: values with the same key are grouped into a tuple. */
  group: boolean;
}

export interface ParenExpr extends NodeBase {
  kind: 'paren';
  expr: Expr;
}

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | TemplateWrapExpr
  | TemplateIfExpr
  | TemplateForExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | SplatItemExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | TupleExpr
  | ObjectExpr
  | ForExpr
  | ParenExpr;

/** Attributes and blocks know their file, so that they serve as spans without a copy. */
export interface Attribute extends NodeBase {
  kind: 'attribute';
  file: SourceFile;
  name: string;
  nameEnd: number;
  expr: Expr;
}

export interface BlockLabel extends NodeBase {
  value: string;
}

export interface Block extends NodeBase {
  kind: 'block';
  file: SourceFile;
  type: string;
  typeEnd: number;
  labels: BlockLabel[];
  body: Body;
}

/**
 * A body's attributes by name, in source order. A Map's interface over an array: bodies are many
 * and small, and a Map per body cost more memory than the attributes themselves.
 */
export class AttributeMap implements Iterable<[string, Attribute]> {
  private list: Attribute[] = [];
  private index: Map<string, Attribute> | undefined;

  constructor(items?: Iterable<Attribute>) {
    if (items) for (const a of items) this.set(a.name, a);
  }

  get size(): number {
    return this.list.length;
  }

  get(name: string): Attribute | undefined {
    if (this.index) return this.index.get(name);
    for (const a of this.list) if (a.name === name) return a;
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Drops the list's spare room once the body is parsed (see the parser's fit()). */
  fit(): void {
    this.list = this.list.slice();
  }

  /** Adds an attribute; the parser has already refused a second one of the same name. */
  set(name: string, a: Attribute): void {
    this.list.push(a);
    if (this.index) this.index.set(name, a);
    else if (this.list.length > 8) this.index = new Map(this.list.map((x) => [x.name, x]));
  }

  values(): IterableIterator<Attribute> {
    return this.list.values();
  }

  keys(): IterableIterator<string> {
    return this.list.map((a) => a.name).values();
  }

  *entries(): IterableIterator<[string, Attribute]> {
    for (const a of this.list) yield [a.name, a];
  }

  [Symbol.iterator](): IterableIterator<[string, Attribute]> {
    return this.entries();
  }
}

/**
 * A top-level `resource` or `data` block read with `deferBodies` (see parseHcl): its body is not
 * kept; reading `body` parses it again from the file, each time. A large configuration's bodies
 * then die young instead of all living through evaluation, which reads them one resource at a
 * time. What the module's table needs is kept: the meta-arguments and the names at the body's top
 * level. A body the file's parse only skimmed is checked on its first read, or by `check`.
 */
export interface DeferredBlock extends Block {
  readonly deferred: true;
  /** The top-level `count`, `for_each`, `provider` and `depends_on` attributes, if written. */
  readonly meta: AttributeMap;
  /** Names of the top-level attributes, in source order. */
  readonly attributeNames: readonly string[];
  /** Types of the top-level blocks, and the label of each `dynamic` block. */
  readonly blockTypes: readonly string[];
  /** Checks a body never read (throws its file's first error, as `body` would); a read body is checked already. */
  check(): void;
}

export function isDeferred(b: Block): b is DeferredBlock {
  return (b as Partial<DeferredBlock>).deferred === true;
}

export interface Body extends NodeBase {
  /** Attributes by name (HCL forbids a name twice in one body). */
  attributes: AttributeMap;
  /** Blocks in source order. */
  blocks: Block[];
}

export interface ConfigFile {
  file: SourceFile;
  body: Body;
}
