/**
 * Deferred bodies (parseHcl with DEFER_RESOURCE_BODIES, as the loader reads `.tf` files): a
 * deferred resource or data block must read back, every time, exactly the body the full parse
 * builds; keep the meta-arguments and top-level names the module table and references read; and
 * fail exactly where the full parse fails, when the file is parsed or when its skimmed bodies are
 * first read. Checked on every `.tf` file of the fixtures, the
 * bundled example and the shared corpus, and on random and mutated inputs.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDeferred, type Block } from '../../src/loaders/terraform/hcl/ast.js';
import { parseHcl } from '../../src/loaders/terraform/hcl/parser.js';
import { DEFER_RESOURCE_BODIES, RESOURCE_META } from '../../src/loaders/terraform/module-config.js';
import { InputError } from '../../src/model/errors.js';
import { SourceFile } from '../../src/model/source.js';
import { spliced, splices } from '../support/mutate.js';
import { corpusDir, corpusNote, hasCorpus, listFiles, repoRoot } from '../support/files.js';
import { loadFiles } from '../support/load.js';

/** Parses `text` both ways; checks they agree; returns how many blocks were deferred (-1: both failed alike). */
function agree(text: string, name = 'main.tf'): number {
  const file = new SourceFile(name, text);
  let full;
  try {
    full = parseHcl(file);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    // The deferred parse fails alike, or only skimmed the body that holds the first error: checking
    // its bodies in order then throws that error.
    let deferredError: unknown;
    try {
      const lazy = parseHcl(file, DEFER_RESOURCE_BODIES);
      for (const b of lazy.body.blocks) if (isDeferred(b)) b.check();
    } catch (d) {
      deferredError = d;
    }
    expect(deferredError).toBeInstanceOf(InputError);
    expect((deferredError as InputError).message).toBe((e as InputError).message);
    expect((deferredError as InputError).span).toEqual((e as InputError).span);
    return -1;
  }
  const lazy = parseHcl(file, DEFER_RESOURCE_BODIES);
  expect([...lazy.body.attributes]).toEqual([...full.body.attributes]);
  expect(lazy.body.blocks.length).toBe(full.body.blocks.length);
  let n = 0;
  full.body.blocks.forEach((b, i) => {
    const d = lazy.body.blocks[i]!;
    if (!DEFER_RESOURCE_BODIES.types.has(b.type)) {
      expect(isDeferred(d)).toBe(false);
      expect(d).toEqual(b);
      return;
    }
    n++;
    if (!isDeferred(d)) throw new Error(`${b.type} block at ${b.start} was not deferred`);
    const head = (x: Block) => ({ type: x.type, typeEnd: x.typeEnd, labels: x.labels, start: x.start, end: x.end, file: x.file });
    expect(head(d)).toEqual(head(b));
    const first = d.body;
    expect(first).toEqual(b.body);
    // Each read parses anew: nothing of the tree is kept by the block.
    expect(d.body).not.toBe(first);
    expect(d.body).toEqual(b.body);
    expect([...d.meta]).toEqual([...b.body.attributes].filter(([k]) => RESOURCE_META.has(k)));
    expect(d.attributeNames).toEqual([...b.body.attributes.keys()]);
    const types = [...new Set(b.body.blocks.map((x) => (x.type === 'dynamic' ? x.labels[0]?.value : x.type)).filter((t) => t !== undefined))];
    expect(d.blockTypes).toEqual(types);
  });
  return n;
}

const realFiles = [
  ...listFiles(path.join(repoRoot, 'fixtures'), (n) => n.endsWith('.tf')),
  ...listFiles(path.join(repoRoot, 'examples'), (n) => n.endsWith('.tf')),
];
const corpusFiles = hasCorpus ? listFiles(path.join(corpusDir, 'terraform'), (n) => n.endsWith('.tf')) : [];

describe('deferred resource bodies', () => {
  it('read back as the full parse on every fixture and example file', () => {
    let deferred = 0;
    for (const f of realFiles) deferred += Math.max(0, agree(fs.readFileSync(f, 'utf8'), path.relative(repoRoot, f)));
    expect(deferred).toBeGreaterThan(50);
  });

  it.skipIf(!hasCorpus)(`read back as the full parse on every corpus file${corpusNote}`, () => {
    let deferred = 0;
    for (const f of corpusFiles) deferred += Math.max(0, agree(fs.readFileSync(f, 'utf8'), path.relative(corpusDir, f)));
    expect(deferred).toBeGreaterThan(100);
  });

  it('keep meta-arguments, names, dynamic labels, heredocs, one-line and empty bodies, a BOM and CRLF', () => {
    const text = [
      '\ufeffresource "aws_instance" "a" {',
      '  count    = 2',
      '  provider = aws.tokyo',
      '  user_data = <<-EOT',
      '    #!/bin/sh',
      '    echo "${var.x} }"',
      '    EOT',
      '  dynamic "ebs_block_device" {',
      '    for_each = var.disks',
      '    content { device_name = ebs_block_device.value }',
      '  }',
      '  lifecycle { ignore_changes = [tags] }',
      '  tags = { Name = "a${count.index}" }',
      '}',
      'data "aws_vpc" "v" { id = "vpc-1" }',
      'resource "aws_eip" "e" {}',
      'locals { x = 1 }',
      'resource "aws_vpc" "w" {\r\n  cidr_block = "10.0.0.0/16" # }\r\n}\r\n',
    ].join('\n');
    expect(agree(text)).toBe(4);
    const blocks = parseHcl(new SourceFile('m.tf', text), DEFER_RESOURCE_BODIES).body.blocks;
    const a = blocks[0]!;
    if (!isDeferred(a)) throw new Error('not deferred');
    expect([...a.meta.keys()]).toEqual(['count', 'provider']);
    expect(a.attributeNames).toEqual(['count', 'provider', 'user_data', 'tags']);
    expect(a.blockTypes).toEqual(['ebs_block_device', 'lifecycle']);
  });

  it('random token sequences inside a resource body: both parses agree, or fail alike', () => {
    const TOKENS = ['x', 'y', '=', '1', '"s"', '"a${b}c"', '{', '}', '[', ']', '(', ')', ',', '.', '\n', ' ', 'dynamic', '"d"', 'content', 'for', 'in', ':', '=>', '<<EOT\nhi ${x}\nEOT\n', '#c\n', '/* c */', '%{', '~', 'count', 'for_each'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), fc.boolean(), (toks, second) => {
        const body = toks.join('');
        agree(`resource "t" "n" {\n${body}\n}\n${second ? 'data "t" "m" {\n  a = 1\n}\n' : ''}`);
      }),
      { numRuns: 1500 },
    );
  });

  it('mutated real files: both parses agree, or fail alike', () => {
    const texts = realFiles.map((f) => fs.readFileSync(f, 'utf8')).filter((t) => /^(resource|data) /m.test(t));
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        splices(['', '{', '}', '"', '\n', '${', '[', ']', '=', '#', '<<EOT\n', '%{', ','], 20, 3),
        (fi, edits) => {
          agree(spliced(texts[fi]!, edits));
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe('skimmed bodies read from the file\'s kept tokens', () => {
  const valid = ['resource "aws_vpc" "a" {', '  cidr_block = "10.0.0.0/16"', '}', 'resource "aws_subnet" "b" {', '  x = [1, 2]', '}', 'resource "aws_eip" "c" {', '  vpc = true', '}'].join('\n');

  it('read alike in any order and at the end of a file without a newline', () => {
    const full = parseHcl(new SourceFile('m.tf', valid)).body.blocks;
    const lazy = parseHcl(new SourceFile('m.tf', valid), DEFER_RESOURCE_BODIES).body.blocks;
    for (const i of [2, 0, 1, 2, 1, 0]) {
      const d = lazy[i]!;
      if (!isDeferred(d)) throw new Error('not deferred');
      expect(d.body).toEqual(full[i]!.body);
    }
  });

  it('read alike after another body of the file failed to read', () => {
    const text = valid.replace('[1, 2]', '[1, 2}');
    const bodyOf = (blocks: readonly Block[], i: number) => {
      const d = blocks[i]!;
      if (!isDeferred(d)) throw new Error('not deferred');
      return d.body;
    };
    // As first read from a file of its own: the bodies of the valid blocks.
    const first = [bodyOf(parseHcl(new SourceFile('m.tf', text), DEFER_RESOURCE_BODIES).body.blocks, 0), undefined, bodyOf(parseHcl(new SourceFile('m.tf', text), DEFER_RESOURCE_BODIES).body.blocks, 2)];
    const [a, b, c] = parseHcl(new SourceFile('m.tf', text), DEFER_RESOURCE_BODIES).body.blocks;
    if (!isDeferred(a!) || !isDeferred(b!) || !isDeferred(c!)) throw new Error('not deferred');
    const failure = (): unknown => {
      try {
        void b.body;
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const at = text.indexOf('2}') + 1;
    expect(failure()).toMatchObject({ message: 'Missing item separator: expected a comma or "]", found "}"', span: { start: at, end: at + 1 } });
    expect(c.body).toEqual(first[2]);
    expect(a.body).toEqual(first[0]);
    expect(failure()).toMatchObject({ span: { start: at, end: at + 1 } });
  });
});

describe('skimmed bodies in the loader', () => {
  const broken = (count: string) => `resource "aws_security_group" "a" {\n  count = ${count}\n  name  = "a"\n  ingress {\n    from_port = (22\n  }\n}\n\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`;

  it('reports a syntax error in the body of a resource that is evaluated, where a full parse finds it', () => {
    const r = loadFiles({ 'main.tf': broken('1') });
    const full = (() => {
      try {
        parseHcl(new SourceFile('main.tf', broken('1')));
      } catch (e) {
        return (e as InputError).toProblem();
      }
      return undefined;
    })();
    expect(full).toBeDefined();
    const syntax = r.problems.filter((p) => p.code === 'hcl-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.message).toBe(full!.message);
    expect(syntax[0]!.location).toMatchObject({ file: 'main.tf', line: full!.location!.line, column: full!.location!.column });
  });

  it('reports a syntax error in the body of a resource counted zero times, which nothing evaluates', () => {
    const r = loadFiles({ 'main.tf': broken('0') });
    const syntax = r.problems.filter((p) => p.code === 'hcl-syntax');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.location).toMatchObject({ file: 'main.tf', line: 6, column: 3 });
  });
});
