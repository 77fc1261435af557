/**
 * A resource body without dynamic blocks gets its source index (attribute and block paths → spans)
 * on first read, from its text; the index must be exactly the one evaluation would have built,
 * entries and order, on the project's fixtures, the bundled example and the shared corpus.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceIndexing } from '../../src/loaders/terraform/eval/resource-body.js';
import { loadTerraform } from '../../src/loaders/terraform/load.js';
import type { Span } from '../../src/model/source.js';
import { corpusDir, corpusNote, hasCorpus, repoRoot, writeTree } from '../support/files.js';

function indexes(dir: string): Map<string, Array<[string, string]>> {
  const tf = loadTerraform({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
  const span = (s: Span) => `${s.file.path}:${s.start}-${s.end}`;
  return new Map(tf.model.resources.map((r) => [r.address, [...r.sources].map(([k, s]): [string, string] => [k, span(s)])]));
}

function compare(dir: string): number {
  sourceIndexing.lazy = false;
  const eager = indexes(dir);
  sourceIndexing.lazy = true;
  const lazy = indexes(dir);
  expect([...lazy.keys()]).toEqual([...eager.keys()]);
  for (const [address, entries] of eager) expect(lazy.get(address), address).toEqual(entries);
  // One path at a time, before any index is built: the same span for every path, nothing for the others.
  const fresh = new Map(loadTerraform({ paths: [dir], cwd: dir, vars: [], varFiles: [] }).model.resources.map((r) => [r.address, r.sources]));
  const span = (s: Span | undefined) => (s ? `${s.file.path}:${s.start}-${s.end}` : undefined);
  for (const [address, entries] of eager) {
    const sources = fresh.get(address)!;
    for (const [k, s] of entries) {
      expect(span(sources.get(k)), `${address} ${k}`).toBe(s);
      for (const other of [`${k}.x`, `${k}[0]`, `${k}[01]`, `${k}[99]`, `${k}]`]) if (!entries.some(([e]) => e === other)) expect(sources.has(other), `${address} ${other}`).toBe(false);
    }
    expect(sources.get('no_such_attribute')).toBeUndefined();
  }
  return eager.size;
}

afterEach(() => {
  sourceIndexing.lazy = true;
});

describe('source index of static bodies', () => {
  it.each(['fixtures/terraform/reference-aws', 'fixtures/terraform/module-two-levels', 'fixtures/terraform/tfvars-precedence', 'fixtures/terraform/unknown-cidrs', 'examples/vpp-aggregator'])(
    '%s: built on first read, the same as while evaluating',
    (dir) => {
      expect(compare(path.join(repoRoot, dir))).toBeGreaterThan(0);
    },
  );

  it('meta-arguments and lifecycle stay out; nested blocks count per type; a default_tags entry set before the first read wins', () => {
    const dir = writeTree({
      'main.tf': `provider "aws" {
  default_tags {
    tags = { owner = "grid" }
  }
}
resource "aws_security_group" "sg" {
  count  = 1
  vpc_id = "vpc-1"
  ingress {
    from_port = 443
    to_port   = 443
  }
  egress {
    from_port = 0
  }
  ingress {
    from_port = 22
    to_port   = 22
  }
  lifecycle {
    create_before_destroy = true
  }
}
`,
    });
    compare(dir);
    const fresh = loadTerraform({ paths: [dir], cwd: dir, vars: [], varFiles: [] }).model.resources[0]!.sources;
    expect(['count', 'lifecycle[0]', 'lifecycle[0].create_before_destroy', 'ingress[2]'].map((k) => fresh.get(k))).toEqual([undefined, undefined, undefined, undefined]);
    expect(fresh.get('ingress[1].to_port')).toMatchObject({ start: expect.any(Number) });
    const keys = [...indexes(dir).get('aws_security_group.sg[0]')!].map(([k]) => k);
    expect(keys).toEqual(['vpc_id', 'ingress[0]', 'ingress[0].from_port', 'ingress[0].to_port', 'egress[0]', 'egress[0].from_port', 'ingress[1]', 'ingress[1].from_port', 'ingress[1].to_port', 'tags_all']);
  });

  it.skipIf(!hasCorpus)(`every corpus Terraform folder${corpusNote}`, () => {
    const root = path.join(corpusDir, 'terraform');
    let resources = 0;
    for (const repo of fs.readdirSync(root)) resources += compare(path.join(root, repo));
    expect(resources).toBeGreaterThan(50);
  });
});
