/**
 * Prints a syntax tree back as HCL native syntax in one canonical layout: heredocs become quoted
 * strings, block labels are quoted, `.0` becomes `[0]`, `.*` becomes `[*]`, and empty literal pieces left by strip markers vanish. Printing what this
 * prints again yields the same text, and parsing it yields the same tree (positions aside).
 */
import type { Block, Body, Expr, TemplateExpr } from './ast.js';

export function printBody(body: Body, indent = ''): string {
  let out = '';
  for (const [name, a] of body.attributes) out += `${indent}${name} = ${printExpr(a.expr)}\n`;
  for (const b of body.blocks) out += printBlock(b, indent);
  return out;
}

function printBlock(b: Block, indent: string): string {
  const labels = b.labels.map((l) => ' ' + quote(l.value)).join('');
  const inner = printBody(b.body, indent + '  ');
  return `${indent}${b.type}${labels} {\n${inner}${indent}}\n`;
}

function quote(s: string): string {
  return '"' + escapeLiteral(s) + '"';
}

function escapeLiteral(s: string): string {
  return s.replace(/[\\"\n\r\t]|[$%]\{/g, (m) => {
    switch (m) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return m[0] + m;
    }
  });
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      if (typeof e.value === 'string') return quote(e.value);
      return e.value === null ? 'null' : String(e.value);
    case 'template':
      return '"' + printTemplateParts(e) + '"';
    case 'templateWrap':
      return '"${' + printExpr(e.expr) + '}"';
    case 'templateIf':
    case 'templateFor':
      return '"' + printTemplatePart(e) + '"';
    case 'variable':
      return e.name;
    case 'getAttr':
      return `${printExpr(e.obj)}.${e.name}`;
    case 'index':
      return `${printExpr(e.obj)}[${printExpr(e.key)}]`;
    case 'splat':
      return `${printExpr(e.source)}[*]${printExpr(e.each)}`;
    case 'splatItem':
      return '';
    case 'call':
      return `${e.name}(${e.args.map(printExpr).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'conditional':
      return `${printExpr(e.cond)} ? ${printExpr(e.then)} : ${printExpr(e.else)}`;
    case 'binary':
      return `${printExpr(e.lhs)} ${e.op} ${printExpr(e.rhs)}`;
    case 'unary':
      return `${e.op}${printExpr(e.operand)}`;
    case 'tuple':
      return `[${e.items.map(printExpr).join(', ')}]`;
    case 'object':
      return `{${e.items.map((it) => `${it.keyIsName && it.key.kind === 'variable' ? it.key.name : printExpr(it.key)} = ${printExpr(it.value)}`).join(', ')}}`;
    case 'for': {
      const vars = (e.keyVar !== undefined ? `${e.keyVar}, ` : '') + e.valVar;
      const cond = e.cond ? ` if ${printExpr(e.cond)}` : '';
      if (e.keyExpr) return `{for ${vars} in ${printExpr(e.coll)} : ${printExpr(e.keyExpr)} => ${printExpr(e.valExpr)}${e.group ? '...' : ''}${cond}}`;
      return `[for ${vars} in ${printExpr(e.coll)} : ${printExpr(e.valExpr)}${cond}]`;
    }
    case 'paren':
      return `(${printExpr(e.expr)})`;
  }
}

function printTemplateParts(t: TemplateExpr): string {
  return t.parts.map(printTemplatePart).join('');
}

function printTemplatePart(p: Expr): string {
  if (p.kind === 'literal' && typeof p.value === 'string') return escapeLiteral(p.value);
  if (p.kind === 'templateIf') {
    const els = p.else.parts.length ? `%{else}${printTemplateParts(p.else)}` : '';
    return `%{if ${printExpr(p.cond)}}${printTemplateParts(p.then)}${els}%{endif}`;
  }
  if (p.kind === 'templateFor') {
    const vars = (p.keyVar !== undefined ? `${p.keyVar}, ` : '') + p.valVar;
    return `%{for ${vars} in ${printExpr(p.coll)}}${printTemplateParts(p.body)}%{endfor}`;
  }
  return '${' + printExpr(p) + '}';
}
