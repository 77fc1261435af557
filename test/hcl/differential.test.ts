/**
 * Differential test: every `.tf` file of the corpus and of the project's fixtures is parsed by our
 * parser and by HashiCorp's (hclsyntax compiled to WASM, `@cdktf/hcl2json`); rendered in that
 * tool's JSON shape, the two must agree — values, templates, and the exact source text of every
 * expression. A file HashiCorp's parser rejects must be rejected by ours on the same line.
 */
import { parse as hashicorpParse } from '@cdktf/hcl2json';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHcl } from '../../src/loaders/terraform/hcl/parser.js';
import { InputError } from '../../src/model/errors.js';
import { SourceFile } from '../../src/model/source.js';
import { corpusDir, corpusNote, hasCorpus, listFiles, repoRoot } from '../support/files.js';
import { toHcl2JsonShape } from '../support/hcl2json-shape.js';

type Outcome = { ok: true; json: unknown } | { ok: false; line: number };

async function theirs(file: string, text: string): Promise<Outcome> {
  try {
    return { ok: true, json: JSON.parse(JSON.stringify(await hashicorpParse(file, text))) };
  } catch (e) {
    const m = /:(\d+),(\d+)-/.exec(String((e as Error).message));
    return { ok: false, line: m ? Number(m[1]) : -1 };
  }
}

function ours(file: string, text: string): Outcome {
  try {
    return { ok: true, json: JSON.parse(JSON.stringify(toHcl2JsonShape(parseHcl(new SourceFile(file, text))))) };
  } catch (e) {
    if (!(e instanceof InputError) || !e.span) throw e;
    return { ok: false, line: e.span.file.position(e.span.start).line };
  }
}

async function compare(files: string[]): Promise<string[]> {
  const mismatches: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    const [a, b] = [await theirs(f, text), ours(f, text)];
    try {
      expect(b).toEqual(a);
    } catch {
      mismatches.push(`${path.relative(repoRoot, f)}\n  hashicorp: ${JSON.stringify(a).slice(0, 300)}\n  gridfence: ${JSON.stringify(b).slice(0, 300)}`);
    }
  }
  return mismatches;
}

describe('HCL parser agrees with HashiCorp hclsyntax', () => {
  it('on the project fixtures', async () => {
    const files = listFiles(path.join(repoRoot, 'fixtures'), (n) => n.endsWith('.tf') || n.endsWith('.tfvars'));
    expect(files.length).toBeGreaterThan(10);
    expect(await compare(files)).toEqual([]);
  });

  it.skipIf(!hasCorpus)(`on every .tf file of the shared corpus${corpusNote}`, async () => {
    const files = listFiles(path.join(corpusDir, 'terraform'), (n) => n.endsWith('.tf'));
    expect(files.length).toBeGreaterThan(200);
    expect(await compare(files)).toEqual([]);
  });
});
