/**
 * Modules `terraform init` installed (.terraform/modules/modules.json): read where Terraform would
 * read them, refused with the reason where Terraform would refuse to plan, unknown where never fetched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { InstalledModules, meets } from '../../src/loaders/terraform/installed-modules.js';
import { toLocation } from '../../src/model/source.js';
import { Unknown } from '../../src/model/value.js';
import { writeTree } from '../support/files.js';
import { attrs, errors, loadFiles, loadFixture, resource } from '../support/load.js';

const FIXTURE = 'fixtures/terraform/installed-modules';
const REFUSE = 'Terraform refuses to plan until terraform init runs again';

describe(`${FIXTURE}: registry and git modules after terraform init`, () => {
  const r = loadFixture(FIXTURE);

  it('reads the installed registry module, with its outputs, at its installed files', () => {
    expect(errors(r)).toEqual([]);
    expect(r.model.resources.map((x) => x.address)).toEqual(['aws_instance.ven', 'module.vpc.aws_vpc.this[0]', 'module.vpc.aws_subnet.private[0]', 'module.vpc.aws_subnet.private[1]']);
    expect(attrs(r, 'module.vpc.aws_subnet.private[1]')['cidr_block']).toBe('10.40.2.0/24');
    const subnet = resource(r, 'aws_instance.ven').attributes['subnet_id'];
    expect(subnet instanceof Unknown && [subnet.reason, subnet.ref]).toEqual(['module.vpc.aws_subnet.private[0].id is known only after apply', 'module.vpc.aws_subnet.private[0]']);
    const vpc = resource(r, 'module.vpc.aws_vpc.this[0]');
    expect(toLocation(vpc.span)).toMatchObject({ file: `${FIXTURE}/.terraform/modules/vpc/main.tf`, line: 10, column: 1 });
    expect(vpc.callers.map((c) => toLocation(c))).toMatchObject([{ file: `${FIXTURE}/main.tf`, line: 4, column: 1 }]);
  });

  it('warns, at each call, of a copy installed from another source or at a version the call no longer allows, and of a module never installed', () => {
    const warnings = r.problems.filter((p) => p.code === 'tf-remote-module').map((p) => `${p.location?.line}:${p.location?.column} ${p.message}`);
    expect(warnings).toEqual([
      `13:1 Module "relay" comes from "git::https://git.example.com/platform/relay.git?ref=v2.0.0", which gridfence does not fetch, and the copy terraform init installed is not the one Terraform would use (terraform init installed it from "git::https://git.example.com/platform/relay.git?ref=v1.4.0", not from "git::https://git.example.com/platform/relay.git?ref=v2.0.0"; ${REFUSE}): its resources are not analysed and its outputs are unknown`,
      `20:1 Module "legacy" comes from "terraform-aws-modules/vpc/aws", which gridfence does not fetch, and the copy terraform init installed is not the one Terraform would use (terraform init installed version 4.0.1, which does not meet the constraint ">= 5.0, < 6.0"; ${REFUSE}): its resources are not analysed and its outputs are unknown`,
      '29:1 Module "added" comes from "terraform-aws-modules/security-group/aws", which gridfence does not fetch: its resources are not analysed and its outputs are unknown (after terraform init, gridfence reads the installed copy)',
    ]);
  });
});

describe('findings in an installed module', () => {
  it('stand at the innermost module call in the user\'s own files, with the exact place related', () => {
    const dir = writeTree({
      'main.tf': 'module "edge" {\n  source = "./edge"\n}\n',
      'edge/main.tf': '\nmodule "sg" {\n  source = "acme/sg/aws"\n}\n',
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          { Key: 'edge', Source: './edge', Dir: 'edge' },
          { Key: 'edge.sg', Source: 'registry.terraform.io/acme/sg/aws', Version: '1.0.0', Dir: '.terraform/modules/edge.sg' },
          { Key: 'edge.sg.rules', Source: './rules', Dir: '.terraform/modules/edge.sg/rules' },
        ],
      }),
      '.terraform/modules/edge.sg/main.tf': 'module "rules" {\n  source = "./rules"\n}\n',
      '.terraform/modules/edge.sg/rules/main.tf': 'resource "aws_security_group" "open" {\n  ingress {\n    protocol    = "tcp"\n    from_port   = 22\n    to_port     = 22\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
    });
    const result = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'] });
    expect(result.errors).toEqual([]);
    const at = (l: { file: string; line: number; column: number }): string => `${l.file}:${l.line}:${l.column}`;
    expect(result.findings.map((f) => [f.resource, at(f.location), f.related.map((x) => `${x.message} ${at(x.location)}`)])).toEqual([
      [
        'module.edge.module.sg.module.rules.aws_security_group.open',
        'edge/main.tf:2:1',
        [
          'the place in the module terraform init installed .terraform/modules/edge.sg/rules/main.tf:6:5',
          'resource module.edge.module.sg.module.rules.aws_security_group.open .terraform/modules/edge.sg/rules/main.tf:1:1',
          'module call main.tf:1:1',
          'module call edge/main.tf:2:1',
          'module call .terraform/modules/edge.sg/main.tf:1:1',
        ],
      ],
    ]);
  });
});

describe('the manifest as terraform init writes it', () => {
  const MANIFEST = (modules: object[]) => JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, ...modules] });
  const SG = 'variable "cidr" {\n  type = string\n}\nresource "aws_security_group" "this" {\n  description = var.cidr\n}\nmodule "inner" {\n  source = "./sub"\n}\n';

  it('keys nested calls by their names from the root, and resolves local modules inside an installed one from its folder', () => {
    // As Terraform 1.11 wrote it for a git module called directly and from a local module.
    const r = loadFiles({
      'main.tf': 'module "sg" {\n  source = "git::file:///srv/git/sg?ref=v1.2.0"\n  cidr   = "0.0.0.0/0"\n}\nmodule "local" {\n  source = "./loc"\n}\n',
      'loc/main.tf': 'module "deep" {\n  source = "git::file:///srv/git/sg?ref=v1.2.0"\n  cidr   = "10.0.0.0/8"\n}\n',
      '.terraform/modules/modules.json': MANIFEST([
        { Key: 'local', Source: './loc', Dir: 'loc' },
        { Key: 'local.deep', Source: 'git::file:///srv/git/sg?ref=v1.2.0', Dir: '.terraform/modules/local.deep' },
        { Key: 'local.deep.inner', Source: './sub', Dir: '.terraform/modules/local.deep/sub' },
        { Key: 'sg', Source: 'git::file:///srv/git/sg?ref=v1.2.0', Dir: '.terraform/modules/sg' },
        { Key: 'sg.inner', Source: './sub', Dir: '.terraform/modules/sg/sub' },
      ]),
      '.terraform/modules/sg/main.tf': SG,
      '.terraform/modules/sg/sub/main.tf': 'resource "aws_eip" "x" {}\n',
      '.terraform/modules/local.deep/main.tf': SG,
      '.terraform/modules/local.deep/sub/main.tf': 'resource "aws_eip" "x" {}\n',
    });
    expect(errors(r)).toEqual([]);
    expect(r.model.resources.map((x) => x.address)).toEqual([
      'module.sg.aws_security_group.this',
      'module.sg.module.inner.aws_eip.x',
      'module.local.module.deep.aws_security_group.this',
      'module.local.module.deep.module.inner.aws_eip.x',
    ]);
    expect(attrs(r, 'module.local.module.deep.aws_security_group.this')).toEqual({ description: '10.0.0.0/8' });
  });

  it('one manifest entry serves every instance of a counted call', () => {
    const r = loadFiles({
      'main.tf': 'module "sg" {\n  count  = 2\n  source = "acme/sg/aws"\n  cidr   = "10.0.${count.index}.0/24"\n}\n',
      '.terraform/modules/modules.json': MANIFEST([{ Key: 'sg', Source: 'registry.terraform.io/acme/sg/aws', Version: '1.0.0', Dir: '.terraform/modules/sg' }]),
      '.terraform/modules/sg/main.tf': 'variable "cidr" {\n  type = string\n}\nresource "aws_security_group" "this" {\n  description = var.cidr\n}\n',
    });
    expect(errors(r)).toEqual([]);
    expect(r.model.resources.map((x) => [x.address, x.attributes['description']])).toEqual([
      ['module.sg[0].aws_security_group.this', '10.0.0.0/24'],
      ['module.sg[1].aws_security_group.this', '10.0.1.0/24'],
    ]);
  });

  it('reads no folder outside the scan root, and no folder that is gone', () => {
    const outside = writeTree({ 'main.tf': 'resource "aws_eip" "x" {}\n' }, 'gridfence-outside-');
    const dir = writeTree({ 'main.tf': '' });
    const far = path.relative(dir, outside);
    fs.mkdirSync(path.join(dir, '.terraform/modules'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, '.terraform/modules/modules.json'),
      MANIFEST([
        { Key: 'far', Source: 'registry.terraform.io/acme/far/aws', Dir: far },
        { Key: 'gone', Source: 'registry.terraform.io/acme/gone/aws', Dir: '.terraform/modules/gone' },
      ]),
    );
    const m = new InstalledModules(dir, dir);
    expect(m.lookup('far', 'acme/far/aws', undefined)).toEqual({ refused: `its installed folder ${far} is outside the scan root` });
    expect(m.lookup('gone', 'acme/gone/aws', undefined)).toEqual({ refused: 'its installed folder .terraform/modules/gone is missing; run terraform init again' });
    expect(m.lookup('never', 'acme/never/aws', undefined)).toBeUndefined();
  });

  it('reads the manifest under TF_DATA_DIR when that is set, and ignores one that is not a manifest', () => {
    const dir = writeTree({
      'state/modules/modules.json': MANIFEST([{ Key: 'a', Source: 'registry.terraform.io/acme/a/aws', Dir: 'vendor/a' }]),
      'vendor/a/main.tf': '',
      '.terraform/modules/modules.json': '{"Modules": "not a list"}',
    });
    expect(new InstalledModules(dir, dir, 'state').lookup('a', 'acme/a/aws', '1.0.0')).toEqual({ dir: path.join(dir, 'vendor/a') });
    expect(new InstalledModules(dir, dir).lookup('a', 'acme/a/aws', undefined)).toBeUndefined();
  });
});

describe('the version argument', () => {
  it('is a constant string, as Terraform requires; null is no constraint', () => {
    const r = loadFiles({ 'main.tf': 'variable "v" {\n  default = "1.0.0"\n}\nmodule "a" {\n  source  = "acme/a/aws"\n  version = var.v\n}\nmodule "b" {\n  source  = "acme/b/aws"\n  version = null\n}\n' });
    expect(errors(r)).toEqual(['main.tf:6:13: Invalid module version: "version" must be a literal string']);
  });
});

describe('version constraints as Terraform reads them for modules', () => {
  it.each([
    ['5.8.1', '~> 5.0', true],
    ['6.0.0', '~> 5.0', false],
    ['5.8.1', '~> 5.8.0', true],
    ['5.9.0', '~> 5.8.0', false],
    ['7.1.0', '~> 5', true],
    ['4.9.9', '~> 5', false],
    ['5.0.0', '>= 5.0, < 6.0', true],
    ['4.0.1', '>= 5.0, < 6.0', false],
    ['1.2.3', '1.2.3', true],
    ['1.2.4', '= 1.2.3', false],
    ['1.2.3', '!= 1.2.3', false],
    ['1.2.3', '> 1.2.3', false],
    ['1.2.3', '<= 1.2.3', true],
    ['1.0.0-beta1', '1.0.0-beta1', true],
    ['1.0.0-beta1', '1.0.0', undefined],
    ['not a version', '1.0.0', undefined],
    ['1.0.0', 'latest', undefined],
  ])('%s against "%s": %s', (v, c, want) => {
    expect(meets(v, c)).toBe(want);
  });
});
