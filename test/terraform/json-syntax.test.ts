/** Terraform's JSON syntax evaluates exactly like native syntax, with positions in the JSON file. */
import { describe, expect, it } from 'vitest';
import { toJSON } from '../../src/model/value.js';
import { attrs, errors, loadFiles, loadFixture } from '../support/load.js';

const summary = (r: ReturnType<typeof loadFixture>) =>
  r.model.resources.map((x) => [x.address, toJSON(x.attributes)]).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));

describe('Terraform JSON syntax', () => {
  const hcl = loadFixture('fixtures/terraform/json-syntax/hcl');
  const json = loadFixture('fixtures/terraform/json-syntax/json');

  it('evaluates to the same resources and attributes as the native-syntax twin', () => {
    expect(errors(hcl)).toEqual([]);
    expect(errors(json)).toEqual([]);
    expect(summary(json)).toEqual(summary(hcl));
    expect(summary(json).map((x) => x[0])).toEqual([
      'aws_security_group.ven',
      'aws_subnet.zone["dispatch"]',
      'aws_subnet.zone["dmz"]',
      'aws_vpc.main',
      'module.sg[0].aws_security_group.this',
      'module.sg[1].aws_security_group.this',
    ]);
    expect(json.model.outputs.map((o) => [o.address, o.value])).toEqual([['output.first', '10.10.1.0/24']]);
  });

  it('places resources and attributes in the JSON file', () => {
    const sg = json.model.resources.find((x) => x.address === 'aws_security_group.ven')!;
    expect(sg.span.file.path).toBe('fixtures/terraform/json-syntax/json/main.tf.json');
    expect(sg.span.file.position(sg.span.start)).toEqual({ line: 22, column: 7 });
    const cidr = sg.sources.get('ingress[1].cidr_blocks')!;
    expect(cidr.file.position(cidr.start)).toEqual({ line: 33, column: 15 });
  });

  it('reports a JSON syntax error at its place, and an unknown reference inside a string exactly', () => {
    const bad = loadFiles({ 'main.tf.json': '{\n  "resource": {\n    "aws_vpc": { "v": { "cidr_block": "10.0.0.0/16", } }\n  }\n}\n' });
    expect(bad.problems.map((p) => [p.location?.line, p.location?.column, p.message])).toEqual([[3, 54, expect.stringMatching(/Invalid JSON: expected a string key/)]]);
    const ref = loadFiles({ 'main.tf.json': '{"resource": {"aws_vpc": {"v": {"cidr_block": "${var.nope}"}}}}\n' });
    expect(ref.problems.map((p) => [p.location?.line, p.location?.column, p.message])).toEqual([[1, 50, expect.stringMatching(/undeclared input variable/)]]);
  });
});

describe('Terraform JSON syntax: comments and repeated definitions, as the HCL JSON specification has them', () => {
  it('"//" is a comment in a block body only: in an object value it is a key and is kept', () => {
    const r = loadFiles({
      'main.tf.json': JSON.stringify({
        '//': 'a comment',
        locals: { '//': 'a comment', admin: { '//': '0.0.0.0/0', office: '203.0.113.0/24' } },
        resource: { aws_security_group: { web: { '//': 'a comment', tags: { '//': 'kept', name: 'web' } } } },
        output: { admin: { value: '${local.admin}' } },
      }),
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_security_group.web')['tags']).toEqual({ '//': 'kept', name: 'web' });
    expect(r.model.outputs.map((o) => [o.address, o.value])).toEqual([['output.admin', { '//': '0.0.0.0/0', office: '203.0.113.0/24' }]]);
  });

  it('an array of objects at a label level stands for each of them', () => {
    const r = loadFiles({
      'main.tf.json': JSON.stringify({
        resource: [
          { aws_vpc: { main: { cidr_block: '10.30.0.0/16' } } },
          { aws_security_group: [{ web: { name: 'web' } }, { db: [{ name: 'db' }] }] },
        ],
        variable: [{ a: { default: 1 } }],
      }),
    });
    expect(errors(r)).toEqual([]);
    expect(r.model.resources.map((x) => x.address)).toEqual(['aws_vpc.main', 'aws_security_group.web', 'aws_security_group.db']);
    const bad = loadFiles({ 'main.tf.json': '{\n  "resource": [ { "aws_vpc": { "v": {} } }, 5 ]\n}\n' });
    expect(errors(bad).map((e) => e.replace(/^.*main/, 'main'))).toEqual(['main.tf.json:2:15: Expected an object of "resource" labels, or an array of such objects']);
  });

  it('a nested block type defined twice in one object adds its blocks; an argument defined twice is still an error', () => {
    const r = loadFiles({
      'main.tf.json': '{ "resource": { "aws_instance": { "web": {\n  "ami": "ami-1",\n  "ebs_block_device": { "device_name": "/dev/sdf" },\n  "ebs_block_device": [ { "device_name": "/dev/sdg" }, { "device_name": "/dev/sdh" } ]\n} } } }\n',
    });
    expect(errors(r)).toEqual([]);
    expect(attrs(r, 'aws_instance.web')['ebs_block_device']).toEqual([{ device_name: '/dev/sdf' }, { device_name: '/dev/sdg' }, { device_name: '/dev/sdh' }]);
    const twice = (body: string) => errors(loadFiles({ 'main.tf.json': `{ "resource": { "aws_instance": { "web": {\n${body}\n} } } }\n` })).map((e) => e.replace(/^.*main/, 'main'));
    expect(twice('  "ami": "ami-1",\n  "ami": "ami-2"')).toEqual(['main.tf.json:3:3: Attribute redefined: "ami"']);
    expect(twice('  "ebs_block_device": {},\n  "ebs_block_device": "x"')).toEqual(['main.tf.json:3:3: Attribute redefined: "ebs_block_device"']);
    expect(errors(loadFiles({ 'main.tf.json': '{ "locals": {\n  "a": {},\n  "a": {}\n} }\n' })).map((e) => e.replace(/^.*main/, 'main'))).toEqual(['main.tf.json:3:3: Attribute redefined: "a"']);
  });
});

describe('Terraform JSON syntax: robustness', () => {
  it('mutated JSON files parse or fail with a located input error, never another exception', async () => {
    const fc = (await import('fast-check')).default;
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { parseTfJson } = await import('../../src/loaders/terraform/json-syntax.js');
    const { SourceFile } = await import('../../src/model/source.js');
    const { InputError } = await import('../../src/model/errors.js');
    const { repoRoot } = await import('../support/files.js');
    const text = fs.readFileSync(path.join(repoRoot, 'fixtures/terraform/json-syntax/json/main.tf.json'), 'utf8');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.constantFrom('', '{', '}', '"', '[', ']', ',', ':', '${', '}"', '\\', 'null', '1e9', '"//"')), { minLength: 1, maxLength: 3 }), (edits) => {
        let t = text;
        for (const [pos, del, ins] of edits) {
          const at = pos % (t.length || 1);
          t = t.slice(0, at) + ins + t.slice(at + del);
        }
        try {
          parseTfJson(new SourceFile('m.tf.json', t));
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          expect((e as InstanceType<typeof InputError>).span!.start).toBeLessThanOrEqual(t.length);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('a top-level block type Terraform does not know is an error at its key, in both syntaxes, with the nearest known type', () => {
    const json = loadFiles({ 'main.tf.json': '{\n  "//": "made by hand",\n  "terraform": {},\n  "resourcez": { "aws_vpc": { "v": { "cidr_block": "10.0.0.0/16" } } }\n}\n' });
    expect(errors(json).map((e) => e.replace(/^.*main/, 'main'))).toEqual(['main.tf.json:4:3: Unsupported block type "resourcez": did you mean "resource"? (Terraform does not know it)']);
    const hcl = loadFiles({ 'main.tf': 'terraform {\n  required_version = ">= 1.0"\n}\nresourc "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\nbogus {}\n' });
    expect(errors(hcl).map((e) => e.replace(/^.*main/, 'main'))).toEqual(['main.tf:4:1: Unsupported block type "resourc": did you mean "resource"? (Terraform does not know it)']);
  });
});
