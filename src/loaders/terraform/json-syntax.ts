/**
 * Terraform's JSON configuration syntax (`*.tf.json`, and CDK for Terraform's `cdk.tf.json`) read
 * into the same tree as native syntax, so that the evaluator treats both alike. Strings are
 * templates (`"${var.x}"`), keys named "//" are comments in block bodies (in an object value they
 * are keys like any other), and which keys are blocks follows Terraform's own schema for the top
 * level, modules, variables, outputs and the meta-blocks of resources; any other nested object is
 * an argument value (which evaluates to what a block would). As the HCL JSON specification allows,
 * a label level may be an array of objects, and in a resource body a name defined twice with
 * block bodies adds its blocks (any other name defined twice is an error).
 * Every node keeps its position in the JSON file; a syntax error is an InputError at its place.
 */
import { nearest } from '../../config/suggest.js';
import { InputError } from '../../model/errors.js';
import { SourceFile, type Span } from '../../model/source.js';
import { parsePositionedJson, type PositionedJson } from '../json.js';
import { AttributeMap, type Attribute, type Block, type BlockLabel, type Body, type ConfigFile, type Expr, type ObjectItem } from './hcl/ast.js';
import { parseHcl, parseTemplateFile } from './hcl/parser.js';
import { table } from '../../model/table.js';

type JNode = PositionedJson;

/** Labels each top-level block type takes; other top-level keys are not modelled. */
const TOP_LABELS: Record<string, number> = table({ resource: 2, data: 2, module: 1, variable: 1, output: 1, locals: 0 });
/** Other top-level block types Terraform knows. */
const OTHER_TOP = new Set(['terraform', 'provider', 'moved', 'import', 'removed', 'check', 'ephemeral', 'action']);
/** Nested blocks of resources and data sources that Terraform itself defines. */
const RESOURCE_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection', 'dynamic']);

export function parseTfJson(file: SourceFile): ConfigFile {
  const root = parseJson(file);
  if (root.t !== 'object') fail(file, 'A Terraform JSON file must hold an object', root);
  const blocks: Block[] = [];
  for (const e of root.entries) {
    if (e.key === '//') continue;
    // A removed block is read for the object it may keep (module-config.ts); its lifecycle is a nested block.
    if (e.key === 'removed') {
      for (const obj of objects(file, e.value)) blocks.push(block(file, e.key, e.keyStart, e.keyEnd, [], obj, 'resource'));
      continue;
    }
    const n = TOP_LABELS[e.key];
    if (n === undefined) {
      // terraform, provider, moved, import, removed, check, ephemeral, action: no network meaning. Any other
      // key Terraform rejects; read as nothing, it would hide what it was meant to be.
      if (OTHER_TOP.has(e.key)) continue;
      const near = nearest(e.key, [...OTHER_TOP, ...Object.keys(TOP_LABELS)]);
      fail(file, `Unsupported block type "${e.key}"${near ? `: did you mean "${near}"?` : ''} (Terraform does not know it)`, { start: e.keyStart, end: e.keyEnd });
    }
    if (n === 0) {
      for (const obj of objects(file, e.value)) blocks.push(block(file, e.key, e.keyStart, e.keyEnd, [], obj, 'locals'));
      continue;
    }
    collectLabelled(file, e.key, e.keyStart, e.keyEnd, n, e.value, [], blocks);
  }
  return { file, body: { start: root.start, end: root.end, attributes: new AttributeMap(), blocks } };
}

function collectLabelled(file: SourceFile, type: string, ks: number, ke: number, remaining: number, node: JNode, labels: BlockLabel[], out: Block[]): void {
  if (remaining === 0) {
    for (const obj of objects(file, node)) out.push(block(file, type, ks, ke, labels, obj, type));
    return;
  }
  // An array of objects at a label level stands for those objects, each read at that level.
  if (node.t === 'array' && node.items.every((i) => i.t === 'object')) {
    for (const item of node.items) collectLabelled(file, type, ks, ke, remaining, item, labels, out);
    return;
  }
  if (node.t !== 'object') fail(file, `Expected an object of "${type}" labels, or an array of such objects`, node);
  for (const e of node.entries) {
    if (e.key === '//') continue;
    collectLabelled(file, type, ks, ke, remaining - 1, e.value, [...labels, { value: e.key, start: e.keyStart, end: e.keyEnd }], out);
  }
}

/** A block body given as an object, or several as an array of objects. */
function objects(file: SourceFile, node: JNode): Array<Extract<JNode, { t: 'object' }>> {
  if (node.t === 'object') return [node];
  if (node.t === 'array' && node.items.every((i) => i.t === 'object')) return node.items as Array<Extract<JNode, { t: 'object' }>>;
  return fail(file, 'Expected a block body: an object, or an array of objects', node);
}

type BodyKind = 'resource' | 'data' | 'module' | 'variable' | 'output' | 'locals' | 'nested';

/** A block; it starts at its innermost label's key (the resource's name), as a finding should point there. */
function block(file: SourceFile, type: string, ks: number, ke: number, labels: BlockLabel[], obj: Extract<JNode, { t: 'object' }>, kind: string): Block {
  const start = labels.length ? labels[labels.length - 1]!.start : ks;
  return { kind: 'block', file, type, typeEnd: ke, labels, body: body(file, obj, kind as BodyKind), start, end: obj.end };
}

function body(file: SourceFile, obj: Extract<JNode, { t: 'object' }>, kind: BodyKind): Body {
  const attributes = new AttributeMap();
  const blocks: Block[] = [];
  /** Each argument's definitions, in the order of their first. */
  const byName = new Map<string, JEntry[]>();
  for (const e of obj.entries) {
    if (e.key === '//') continue;
    if ((kind === 'resource' || kind === 'data') && RESOURCE_BLOCKS.has(e.key)) {
      if (e.key === 'dynamic') {
        if (e.value.t !== 'object') fail(file, 'Expected an object of dynamic blocks by type', e.value);
        for (const d of e.value.entries) {
          if (d.key === '//') continue;
          for (const o of objects(file, d.value)) blocks.push(dynamicBlock(file, e.keyStart, d, o));
        }
      } else {
        for (const o of objects(file, e.value)) blocks.push(block(file, e.key, e.keyStart, e.keyEnd, [], o, 'nested'));
      }
      continue;
    }
    if (kind === 'variable' && e.key === 'validation') continue;
    const same = byName.get(e.key);
    if (same) same.push(e);
    else byName.set(e.key, [e]);
  }
  for (const [name, written] of byName) attributes.set(name, attribute(file, kind, written));
  return { start: obj.start, end: obj.end, attributes, blocks };
}

type JEntry = Extract<JNode, { t: 'object' }>['entries'][number];

/** Bodies whose object-valued arguments may be nested blocks of the provider's schema. */
const NESTED_BLOCK_KINDS: ReadonlySet<BodyKind> = new Set(['resource', 'data', 'nested']);

/**
 * An argument from its one or more definitions in a body. A name written twice is an error, unless
 * each is a block body (an object, or an array of objects) where nested blocks may be: the HCL JSON
 * specification lets a block type be defined several times in one object, each adding its blocks.
 */
function attribute(file: SourceFile, kind: BodyKind, written: JEntry[]): Attribute {
  const first = written[0]!;
  const last = written[written.length - 1]!;
  if (written.length > 1) {
    const again = NESTED_BLOCK_KINDS.has(kind) && isBlockShaped(first.value) ? written.slice(1).find((e) => !isBlockShaped(e.value)) : written[1];
    if (again) fail(file, `Attribute redefined: "${again.key}"`, { start: again.keyStart, end: again.keyEnd });
  }
  const expr =
    written.length > 1
      ? blockList(file, written.map((e) => e.value))
      : kind === 'variable' && first.key === 'type'
        ? typeExpression(file, first.value)
        : kind === 'variable' && first.key === 'default'
          ? literalValue(first.value) // a variable's default is a value, never a template
          : expression(file, first.value);
  return { kind: 'attribute', file, name: first.key, nameEnd: first.keyEnd, expr, start: first.keyStart, end: last.value.end };
}

function isBlockShaped(n: JNode): boolean {
  return n.t === 'object' || (n.t === 'array' && n.items.every((i) => i.t === 'object'));
}

/** The blocks of several definitions of one block type, in order, as one list. */
function blockList(file: SourceFile, values: JNode[]): Expr {
  const items = values.flatMap((v) => (v.t === 'array' ? v.items : [v])).map((o) => expression(file, o));
  return { kind: 'tuple', items, start: values[0]!.start, end: values[values.length - 1]!.end };
}

function dynamicBlock(file: SourceFile, ks: number, d: { key: string; keyStart: number; keyEnd: number }, o: Extract<JNode, { t: 'object' }>): Block {
  const inner = new AttributeMap();
  const blocks: Block[] = [];
  for (const e of o.entries) {
    if (e.key === '//') continue;
    if (e.key === 'content') {
      for (const c of objects(file, e.value)) blocks.push(block(file, 'content', e.keyStart, e.keyEnd, [], c, 'resource'));
      continue;
    }
    // `iterator` is a bare name in native syntax; in JSON it is the name as a string.
    const expr: Expr =
      e.key === 'iterator' && e.value.t === 'string'
        ? { kind: 'variable', name: e.value.value, start: e.value.start, end: e.value.end }
        : expression(file, e.value);
    inner.set(e.key, { kind: 'attribute', file, name: e.key, nameEnd: e.keyEnd, expr, start: e.keyStart, end: e.value.end });
  }
  return {
    kind: 'block',
    file,
    type: 'dynamic',
    typeEnd: ks + '"dynamic"'.length,
    labels: [{ value: d.key, start: d.keyStart, end: d.keyEnd }],
    body: { start: o.start, end: o.end, attributes: inner, blocks },
    start: d.keyStart,
    end: o.end,
  };
}

/** A JSON value as an expression: strings are templates, containers recurse. */
function expression(file: SourceFile, n: JNode): Expr {
  switch (n.t) {
    case 'string':
      return template(file, n);
    case 'number':
    case 'bool':
      return { kind: 'literal', value: n.value, start: n.start, end: n.end };
    case 'null':
      return { kind: 'literal', value: null, start: n.start, end: n.end };
    case 'array':
      return { kind: 'tuple', items: n.items.map((i) => expression(file, i)), start: n.start, end: n.end };
    case 'object': {
      const items: ObjectItem[] = [];
      // "//" is a comment in block bodies only: in an object value it is a key like any other
      // (an object may name a CIDR "//" and it must not be lost).
      for (const e of n.entries) {
        const keyIsTemplate = e.key.includes('${');
        const key: Expr = keyIsTemplate
          ? template(file, { t: 'string', start: e.keyStart, end: e.keyEnd, value: e.key, raw: true })
          : { kind: 'literal', value: e.key, start: e.keyStart, end: e.keyEnd };
        items.push({ key, keyIsName: false, value: expression(file, e.value) });
      }
      return { kind: 'object', items, start: n.start, end: n.end };
    }
  }
}

function literalValue(n: JNode): Expr {
  switch (n.t) {
    case 'string':
      return { kind: 'literal', value: n.value, start: n.start, end: n.end };
    case 'number':
    case 'bool':
      return { kind: 'literal', value: n.value, start: n.start, end: n.end };
    case 'null':
      return { kind: 'literal', value: null, start: n.start, end: n.end };
    case 'array':
      return { kind: 'tuple', items: n.items.map(literalValue), start: n.start, end: n.end };
    case 'object':
      return {
        kind: 'object',
        items: n.entries.map((e) => ({ key: { kind: 'literal', value: e.key, start: e.keyStart, end: e.keyEnd } as Expr, keyIsName: false, value: literalValue(e.value) })),
        start: n.start,
        end: n.end,
      };
  }
}

/** A string as a template; its nodes are placed inside the JSON string (exactly, when it has no escapes). */
function template(file: SourceFile, n: Extract<JNode, { t: 'string' }>): Expr {
  if (!n.value.includes('${') && !n.value.includes('%{')) return { kind: 'literal', value: n.value, start: n.start, end: n.end };
  const inner = new SourceFile(file.path, n.value);
  let expr: Expr;
  try {
    expr = parseTemplateFile(inner);
  } catch (e) {
    if (e instanceof InputError && e.span) throw new InputError(e.code, e.message, place(file, n, e.span.start, e.span.end));
    throw e;
  }
  relocate(expr, n);
  return expr;
}

/** `variable.type` holds a type expression written as a string, e.g. "list(string)". */
function typeExpression(file: SourceFile, n: JNode): Expr {
  if (n.t !== 'string') fail(file, 'A variable type must be a string such as "list(string)"', n);
  const inner = new SourceFile(file.path, `t = ${n.value}\n`);
  let expr: Expr;
  try {
    expr = parseHcl(inner).body.attributes.get('t')!.expr;
  } catch (e) {
    if (e instanceof InputError && e.span) throw new InputError(e.code, e.message, place(file, n, e.span.start - 4, e.span.end - 4));
    throw e;
  }
  relocate(expr, n, -4);
  return expr;
}

/** A range inside a JSON string's contents, in the file: exact without escapes, else the whole string. */
function place(file: SourceFile, n: Extract<JNode, { t: 'string' }>, start: number, end: number): Span {
  return n.raw ? { file, start: n.start + 1 + start, end: n.start + 1 + end } : { file, start: n.start, end: n.end };
}

/** Moves every node of a tree parsed from a string's contents into the JSON file's coordinates. */
function relocate(node: unknown, s: Extract<JNode, { t: 'string' }>, shift = 0): void {
  const seen = new Set<object>();
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object' || seen.has(x) || x instanceof SourceFile) return;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (typeof o['start'] === 'number' && typeof o['end'] === 'number') {
      if (s.raw) {
        o['start'] = s.start + 1 + (o['start'] as number) + shift;
        o['end'] = s.start + 1 + (o['end'] as number) + shift;
        if (typeof o['nameEnd'] === 'number') o['nameEnd'] = s.start + 1 + (o['nameEnd'] as number) + shift;
      } else {
        o['start'] = s.start;
        o['end'] = s.end;
        if (typeof o['nameEnd'] === 'number') o['nameEnd'] = s.end;
      }
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(node);
}

function fail(file: SourceFile, message: string, at: { start: number; end: number }): never {
  throw new InputError('tf-json', message, { file, start: at.start, end: Math.max(at.end, at.start + 1) });
}

function parseJson(file: SourceFile): JNode {
  return parsePositionedJson(file, 'tf-json');
}
