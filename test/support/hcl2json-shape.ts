/**
 * Renders our syntax tree in the JSON shape that `@cdktf/hcl2json` (HashiCorp's hclsyntax compiled
 * to WASM) produces, so that the two parsers can be compared file by file. The rules mirror that
 * tool's converter: literals become JSON values, templates are re-rendered from their parts, any
 * other expression becomes "${<its exact source text>}" — so the comparison also checks every
 * expression's source range.
 */
import type { Block, Body, ConfigFile, Expr } from '../../src/loaders/terraform/hcl/ast.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function toHcl2JsonShape(file: ConfigFile): Json {
  const src = file.file.text;
  const slice = (e: { start: number; end: number }) => src.slice(e.start, e.end);
  const wrap = (e: Expr) => '${' + slice(e) + '}';

  const convertBody = (body: Body): { [k: string]: Json } => {
    const out: { [k: string]: Json } = {};
    for (const [name, attr] of body.attributes) out[name] = convertExpr(attr.expr);
    for (const b of body.blocks) convertBlock(b, out);
    return out;
  };

  const convertBlock = (block: Block, outer: { [k: string]: Json }): void => {
    let out = outer;
    let key = block.type;
    for (const label of block.labels) {
      if (key in out) out = out[key] as { [k: string]: Json };
      else {
        const o: { [k: string]: Json } = {};
        out[key] = o;
        out = o;
      }
      key = label.value;
    }
    const value = convertBody(block.body);
    if (key in out) (out[key] as Json[]).push(value);
    else out[key] = [value];
  };

  const literalJson = (v: null | boolean | number | string): Json => v;

  const convertExpr = (e: Expr): Json => {
    switch (e.kind) {
      case 'literal':
        return typeof e.value === 'string' ? convertStringPart(e) : literalJson(e.value);
      case 'unary':
        return e.operand.kind === 'literal' && e.operand.value !== null
          ? e.op === '-'
            ? -(e.operand.value as number)
            : !e.operand.value
          : wrap(e);
      case 'template':
        return convertTemplate(e);
      case 'templateWrap':
        return convertExpr(e.expr);
      case 'tuple':
        return e.items.map(convertExpr);
      case 'object': {
        const o: { [k: string]: Json } = {};
        for (const it of e.items) o[it.keyIsName ? slice(it.key) : convertStringPart(it.key)] = convertExpr(it.value);
        return o;
      }
      default:
        return wrap(e);
    }
  };

  const convertTemplate = (e: Expr & { kind: 'template' }): string => e.parts.map(convertStringPart).join('');

  const convertStringPart = (e: Expr): string => {
    switch (e.kind) {
      case 'literal':
        // A literal "${" or "%{" is written escaped, as the JSON syntax would need it.
        return e.value === null ? '' : typeof e.value === 'string' ? e.value.replace(/([$%])\{/g, '$1$1{') : String(e.value);
      case 'template':
        return convertTemplate(e);
      case 'templateWrap':
        return convertStringPart(e.expr);
      case 'templateIf': {
        const t = convertTemplate(e.then);
        const f = convertTemplate(e.else);
        return '%{if ' + slice(e.cond) + '}' + t + (f.length > 0 ? '%{else}' + f : '') + '%{endif}';
      }
      case 'templateFor':
        return '%{for ' + (e.keyVar !== undefined ? e.keyVar + ', ' : '') + e.valVar + ' in ' + slice(e.coll) + '}' + convertTemplate(e.body) + '%{endfor}';
      default:
        return wrap(e);
    }
  };

  return convertBody(file.body);
}
