/**
 * Property tests: whatever the input, the parser either returns a tree or throws an InputError with
 * a location inside the file — never another exception; and printing is a fixpoint: what the
 * printer writes parses back to the same tree (positions aside) and prints to the same text.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttributeMap } from '../../src/loaders/terraform/hcl/ast.js';
import { parseHcl, parseTemplateFile } from '../../src/loaders/terraform/hcl/parser.js';
import { printBody } from '../../src/loaders/terraform/hcl/print.js';
import { InputError } from '../../src/model/errors.js';
import { SourceFile } from '../../src/model/source.js';
import { spliced, splices } from '../support/mutate.js';
import { corpusDir, hasCorpus, listFiles, repoRoot } from '../support/files.js';

const TOKENS = [
  'resource', '"aws_vpc"', '"main"', 'x', 'var', 'local', '.', ',', '=', ':', '?', '=>', '...', '::', '{', '}', '[', ']', '(', ')',
  '\n', ' ', '1', '2.5', '1e3', '"str"', '"a${b}c"', '"%{if x}y%{endif}"', '<<EOT\nhi ${x}\nEOT\n', '<<-EOT\n  a\n  EOT\n', '#c\n', '// c\n', '/* c */',
  '+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||', '!', 'for', 'in', 'if', 'true', 'null', '[*]', '.*', '~', '"', '${', '}', '%{',
  '\\', '$', '&', '|', '@', 'é', '\t', '\r\n', '"\\u00e9"', '"\\q"',
];

/** Parses; returns the tree, or undefined after checking that the failure is a located InputError. */
function parseOrLocatedError(text: string): ReturnType<typeof parseHcl> | undefined {
  const file = new SourceFile('prop.tf', text);
  try {
    return parseHcl(file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const span = (e as InputError).span!;
    expect(span).toBeDefined();
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.start).toBeLessThanOrEqual(text.length);
    const pos = file.position(span.start);
    expect(pos.line).toBeGreaterThanOrEqual(1);
    expect(pos.column).toBeGreaterThanOrEqual(1);
    return undefined;
  }
}

/**
 * The tree without positions: what must survive printing. Empty literal parts (left by strip
 * markers) cannot be written back, so they are dropped, and a template left with one interpolation
 * counts as that interpolation.
 */
function shape(v: unknown): unknown {
  if (v && typeof v === 'object' && (v as { kind?: string }).kind === 'template') {
    const parts = ((v as { parts: Array<{ kind: string; value?: unknown }> }).parts).filter((p) => !(p.kind === 'literal' && p.value === ''));
    if (parts.length === 0) return { kind: 'literal', value: '' };
    if (parts.length === 1 && parts[0]!.kind === 'literal' && typeof parts[0]!.value === 'string') return { kind: 'literal', value: parts[0]!.value };
    if (parts.length === 1 && !(parts[0]!.kind === 'literal' || parts[0]!.kind.startsWith('template'))) return { kind: 'templateWrap', expr: shape(parts[0]) };
    return { kind: 'template', parts: parts.map(shape) };
  }
  if (v instanceof Map || v instanceof AttributeMap) return Object.fromEntries([...v.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, shape(x)]));
  if (Array.isArray(v)) return v.map(shape);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'start' || k === 'end' || k === 'nameEnd' || k === 'typeEnd' || k === 'file') continue;
      o[k] = shape(x);
    }
    return o;
  }
  return v;
}

function checkPrintFixpoint(text: string): void {
  const tree = parseOrLocatedError(text);
  if (!tree) return;
  const printed = printBody(tree.body);
  const again = parseHcl(new SourceFile('printed.tf', printed));
  expect(shape(again.body)).toEqual(shape(tree.body));
  expect(printBody(again.body)).toBe(printed);
}

const realFiles = [
  ...listFiles(path.join(repoRoot, 'fixtures'), (n) => n.endsWith('.tf')),
  ...(hasCorpus ? listFiles(path.join(corpusDir, 'terraform'), (n) => n.endsWith('.tf')) : []),
];

describe('HCL parser properties', () => {
  it('random token sequences parse or fail with a located syntax error', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (toks) => {
        parseOrLocatedError(toks.join(''));
      }),
      { numRuns: 3000 },
    );
  });

  it('arbitrary text parses or fails with a located syntax error', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        parseOrLocatedError(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('template files (templatefile) parse or fail with a located error', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (toks) => {
        const text = toks.join('');
        try {
          parseTemplateFile(new SourceFile('prop.tpl', text));
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as InputError).span!.start).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('mutated real files parse or fail with a located syntax error', () => {
    const texts = realFiles.map((f) => fs.readFileSync(f, 'utf8'));
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        splices(['', '{', '}', '"', '\n', '${', '[', ']', '(', ')', '=', '#', '<<EOT\n', '~}', '%{', ',', '.'], 20, 4),
        (fi, edits) => {
          parseOrLocatedError(spliced(texts[fi]!, edits));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('deep nesting is refused with a located error, not a stack overflow', () => {
    for (const open of ['(', '[', '{ a = ', '-', '!']) {
      const text = `x = ${open.repeat(5000)}1\n`;
      expect(parseOrLocatedError(text)).toBeUndefined();
    }
  });

  it('parse → print → parse is stable on every real file', () => {
    expect(realFiles.length).toBeGreaterThan(10);
    for (const f of realFiles) checkPrintFixpoint(fs.readFileSync(f, 'utf8'));
  });

  it('parse → print → parse is stable on random token sequences that parse', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (toks) => {
        checkPrintFixpoint(toks.join(''));
      }),
      { numRuns: 3000 },
    );
  });
});
