/** The parser's tree and positions on small inputs, and the exact location of syntax errors. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/loaders/terraform/hcl/ast.js';
import { parseHcl, parseTemplateFile } from '../../src/loaders/terraform/hcl/parser.js';
import { InputError } from '../../src/model/errors.js';
import { SourceFile, toLocation } from '../../src/model/source.js';
import { repoRoot } from '../support/files.js';

const parse = (text: string) => parseHcl(new SourceFile('t.tf', text));
const attr = (text: string, name = 'a'): Expr => parse(text).body.attributes.get(name)!.expr;
const loc = (file: SourceFile, n: { start: number; end: number }) => toLocation({ file, start: n.start, end: n.end });

function syntaxError(text: string): { line: number; column: number; message: string } {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    const p = err.span!.file.position(err.span!.start);
    return { ...p, message: err.message };
  }
  throw new Error('expected a syntax error');
}

describe('HCL parser: structure and ranges', () => {
  it('gives blocks, labels and attributes 1-based ranges', () => {
    const text = 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n  tags = { Name = "x" }\n}\n';
    const cf = parse(text);
    const b = cf.body.blocks[0]!;
    expect(b.type).toBe('resource');
    expect(b.labels.map((l) => l.value)).toEqual(['aws_vpc', 'main']);
    expect(loc(cf.file, b)).toEqual({ file: 't.tf', line: 1, column: 1, endLine: 4, endColumn: 2 });
    const cidr = b.body.attributes.get('cidr_block')!;
    expect(loc(cf.file, cidr)).toEqual({ file: 't.tf', line: 2, column: 3, endLine: 2, endColumn: 29 });
    expect(loc(cf.file, cidr.expr)).toEqual({ file: 't.tf', line: 2, column: 16, endLine: 2, endColumn: 29 });
    expect(loc(cf.file, b.labels[1]!)).toEqual({ file: 't.tf', line: 1, column: 20, endLine: 1, endColumn: 26 });
  });

  it('follows HCL operator precedence and left associativity', () => {
    const e = attr('a = 1 + 2 * 3 - 4 == 3 || !b && c\n');
    expect(e.kind).toBe('binary');
    const or = e as Extract<Expr, { kind: 'binary' }>;
    expect(or.op).toBe('||');
    const eq = or.lhs as Extract<Expr, { kind: 'binary' }>;
    expect(eq.op).toBe('==');
    const minus = eq.lhs as Extract<Expr, { kind: 'binary' }>;
    expect(minus.op).toBe('-');
    expect((minus.lhs as Extract<Expr, { kind: 'binary' }>).op).toBe('+');
    expect(((minus.lhs as Extract<Expr, { kind: 'binary' }>).rhs as Extract<Expr, { kind: 'binary' }>).op).toBe('*');
    expect((or.rhs as Extract<Expr, { kind: 'binary' }>).op).toBe('&&');
  });

  it('parses conditionals, for expressions, splats and calls with expansion', () => {
    expect(attr('a = x ? y : z ? 1 : 2\n').kind).toBe('conditional');
    const f = attr('a = {for k, v in m : k => v... if v != null}\n') as Extract<Expr, { kind: 'for' }>;
    expect([f.kind, f.keyVar, f.valVar, f.group, f.cond?.kind]).toEqual(['for', 'k', 'v', true, 'binary']);
    const s = attr('a = var.l[*].id\n') as Extract<Expr, { kind: 'splat' }>;
    expect([s.kind, s.each.kind]).toEqual(['splat', 'getAttr']);
    const c = attr('a = concat(x, y...)\n') as Extract<Expr, { kind: 'call' }>;
    expect([c.name, c.args.length, c.expandFinal]).toEqual(['concat', 2, true]);
    expect((attr('a = provider::aws::arn_parse(x)\n') as Extract<Expr, { kind: 'call' }>).name).toBe('provider::aws::arn_parse');
  });

  it('applies strip markers and <<- indentation as hclsyntax does', () => {
    const h = attr('a = <<-EOT\n    %{ for x in xs ~}\n      - ${x}\n    %{ endfor ~}\n    end\n  EOT\n') as Extract<Expr, { kind: 'template' }>;
    // The four spaces before "%{ for" are indentation: flushed away, leaving an empty literal.
    expect(h.parts[0]).toMatchObject({ kind: 'literal', value: '' });
    const f = h.parts[1] as Extract<Expr, { kind: 'templateFor' }>;
    expect(f.kind).toBe('templateFor');
    // "~}" ate the newline ending line 2, so line 3 does not start a line for the flush: it keeps its indentation.
    expect(f.body.parts.map((p) => (p.kind === 'literal' ? p.value : p.kind))).toEqual(['      - ', 'variable', '\n']);
    expect(h.parts[2]).toMatchObject({ kind: 'literal', value: '    end\n' });
    const q = attr('a = "  ${~ x ~}  y"\n') as Extract<Expr, { kind: 'template' }>;
    expect(q.parts.map((p) => (p.kind === 'literal' ? p.value : p.kind))).toEqual(['', 'variable', 'y']);
  });

  it('decodes escapes and keeps "$${" literal', () => {
    // A quoted string without interpolation is a literal spanning its quotes.
    expect(attr('a = "\\"q\\" \\u00e9 \\U0001F600 $${x} %%{y}"\n')).toMatchObject({ kind: 'literal', value: '"q" é 😀 ${x} %{y}', start: 4 });
  });

  it('treats "${x}" as a passthrough of x', () => {
    expect(attr('a = "${x}"\n').kind).toBe('templateWrap');
    expect(attr('a = " ${x}"\n').kind).toBe('template');
  });

  it('parses a template file for templatefile()', () => {
    const t = parseTemplateFile(new SourceFile('t.tpl', 'zone=${zone}\n%{ if x }yes%{ endif }')) as Extract<Expr, { kind: 'template' }>;
    expect(t.parts.map((p) => p.kind)).toEqual(['literal', 'variable', 'literal', 'templateIf']);
  });
});

describe('HCL parser: syntax errors are located', () => {
  it.each([
    ['a = 1 +\n', 1, 8, /expected the start of an expression, found newline/],
    ['a = (1\n', 2, 1, /Unbalanced parentheses/],
    ['resource "x" "y" { a = 1\n}\n', 1, 25, /single-line block/],
    ['b { a = 1, c = 2 }\n', 1, 10, /single-line block/],
    ['a = 1\na = 2\n', 2, 1, /Attribute redefined/],
    ['a = "x\\qy"\n', 1, 7, /Invalid escape sequence/],
    ['a = 1 b = 2\n', 1, 7, /Missing newline after argument/],
    ['a = x &\n', 1, 7, /Invalid character "&"/],
    ['a = "${x"\n', 1, 10, /quoted string cannot contain a newline/],
    ['a = <<EOT\nx\n', 3, 1, /Unterminated template string/],
    ['a = "%{ if x }y"\n', 1, 6, /Unterminated template "if"/],
    ['}\n', 1, 1, /no block to close/],
    // Terraform 1.11 refuses a splat inside an attribute-only splat, at the inner "*".
    ['a = b.*.*\n', 1, 9, /Nested splat expression not allowed/],
    ['a = b.*.c.*.d\n', 1, 11, /Nested splat expression not allowed/],
    // Blocks count toward the nesting limit: the 501st opening brace is the first too deep.
    [`${'x {\n'.repeat(600)}${'}\n'.repeat(600)}`, 501, 3, /Nesting too deep: more than 500 levels/],
  ])('%j → %i:%i', (text, line, column, message) => {
    const e = syntaxError(text);
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toMatch(message);
  });

  // Positions HashiCorp's parser reports for these fixtures (fixtures/terraform/syntax-errors/README.md).
  it.each([
    ['bad-unclosed-brace.tf', 1, 42],
    ['bad-single-line-block.tf', 4, 27],
    ['bad-heredoc.tf', 8, 1],
    ['bad-template.tf', 3, 28],
    ['bad-newline-in-string.tf', 3, 31],
  ])('fixture %s fails at %i:%i, as in hclsyntax', (name, line, column) => {
    const text = fs.readFileSync(path.join(repoRoot, 'fixtures/terraform/syntax-errors', name), 'utf8');
    const e = syntaxError(text);
    expect([e.line, e.column]).toEqual([line, column]);
  });
});

describe('HCL parser: one set of token arrays serves file after file', () => {
  it('a short file after a long one, and any file after a syntax error, parse as they do alone', () => {
    const long = Array.from({ length: 400 }, (_, i) => `resource "aws_subnet" "s${i}" {\n  cidr_block = "10.0.${i % 250}.0/24"\n  tags = { n = ${i} }\n}\n`).join('');
    const short = 'a = [1, "two"]\n';
    const alone = JSON.stringify(parse(short).body.attributes.get('a')!.expr);
    parse(long);
    expect(JSON.stringify(parse(short).body.attributes.get('a')!.expr)).toBe(alone);
    expect(() => parse(`${long}b = {\n`)).toThrow(InputError);
    expect(JSON.stringify(parse(short).body.attributes.get('a')!.expr)).toBe(alone);
    // templatefile()'s templates are lexed through the same arrays.
    expect(parseTemplateFile(new SourceFile('t.tpl', 'x ${y} z')).kind).toBe('template');
  });

  it('two legacy indexes run together (a.1.0, one fractional number in HCL) are refused, as HCL refuses them', () => {
    expect(syntaxError('a = b.1.0\n')).toEqual({ line: 1, column: 7, message: 'Invalid legacy index syntax: chaining two indexes together is not permitted; use the proper index syntax instead, like [1][0]' });
    expect(attr('a = b.1.c\n').kind).toBe('getAttr');
  });

  it('a single & or | is a syntax error that names the doubled operator, at the character', () => {
    expect(syntaxError('a = b & c\n')).toEqual({ line: 1, column: 7, message: 'Invalid character "&": did you mean "&&"?' });
    expect(syntaxError('a = b | c\n')).toEqual({ line: 1, column: 7, message: 'Invalid character "|": did you mean "||"?' });
    expect(attr('a = b && c || d\n')).toMatchObject({ kind: 'binary', op: '||' });
  });
});
