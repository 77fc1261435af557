/** The Terraform fixture folders, each against the values its README states (checked with Terraform). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Unknown } from '../../src/model/value.js';
import { repoRoot } from '../support/files.js';
import { attrs, errors, loadFixture, resource } from '../support/load.js';

describe('module-two-levels: count on a module, for_each inside it', () => {
  const r = loadFixture('fixtures/terraform/module-two-levels');
  it('expands to Terraform addresses with the right values', () => {
    expect(errors(r)).toEqual([]);
    const got = r.model.resources.filter((x) => x.type === 'aws_security_group').map((x) => [x.address, (x.attributes['name'] as string), ((x.attributes['ingress'] as never[])[0] as { cidr_blocks: string[] }).cidr_blocks]);
    expect(got).toEqual([
      ['module.a[0].module.b["x"].aws_security_group.this', 'a0-x', ['10.40.0.0/24']],
      ['module.a[0].module.b["y"].aws_security_group.this', 'a0-y', ['10.40.1.0/24']],
      ['module.a[1].module.b["x"].aws_security_group.this', 'a1-x', ['10.40.16.0/24']],
      ['module.a[1].module.b["y"].aws_security_group.this', 'a1-y', ['10.40.17.0/24']],
    ]);
  });
  it('keeps the chain of module calls, outermost first', () => {
    const res = resource(r, 'module.a[1].module.b["y"].aws_security_group.this');
    expect(res.callers.map((c) => [c.file.path, c.file.position(c.start).line])).toEqual([
      ['fixtures/terraform/module-two-levels/main.tf', expect.any(Number)],
      ['fixtures/terraform/module-two-levels/modules/a/main.tf', expect.any(Number)],
    ]);
    expect(res.span.file.path).toBe('fixtures/terraform/module-two-levels/modules/a/b/main.tf');
  });
});

describe('tfvars-precedence', () => {
  it('applies defaults < terraform.tfvars < .tfvars.json < *.auto.tfvars(.json) in lexical order', () => {
    const r = loadFixture('fixtures/terraform/tfvars-precedence');
    expect(errors(r)).toEqual([]);
    const v = Object.fromEntries(r.model.variables.map((x) => [x.address, x.value]));
    expect(v['var.only_default']).toBe('default');
    expect(v['var.tfvars']).toBe('terraform.tfvars');
    expect(v['var.tfvars_json']).toBe('terraform.tfvars.json');
    expect(v['var.auto_a']).toBe('a.auto.tfvars');
    expect(v['var.all']).toBe('b.auto.tfvars');
    expect(v['var.a_hcl_vs_a_json']).toBe('a.auto.tfvars.json');
    expect(v['var.a_json_vs_b']).toBe('b.auto.tfvars');
    expect(v['var.no_default']).toBe('terraform.tfvars');
    expect({ ...(v['var.tags'] as object) }).toEqual({ c: 'b.auto.tfvars' });
    expect(v['var.port']).toBe(8443);
    expect({ ...(v['var.listener'] as object) }).toEqual({ cidr: '10.0.0.0/8', port: 443 });
    const sg = attrs(r, 'aws_security_group.this');
    expect(sg['name']).toBe('precedence-b.auto.tfvars');
  });
  it('lets --var-file and --var override the files', () => {
    const dir = path.join(repoRoot, 'fixtures/terraform/tfvars-precedence');
    const r = loadFixture('fixtures/terraform/tfvars-precedence', { varFiles: [path.join(dir, 'not-loaded.tfvars')], vars: [{ name: 'all', value: 'cli' }] });
    const v = Object.fromEntries(r.model.variables.map((x) => [x.address, x.value]));
    expect([v['var.all'], v['var.only_default']]).toEqual(['cli', 'not-loaded.tfvars']);
  });
});

describe('unknown-cidrs: values that cannot be known stay unknown, with their origin', () => {
  const r = loadFixture('fixtures/terraform/unknown-cidrs');
  const sg = resource(r, 'aws_security_group.partner_gateway');
  const ingress = sg.attributes['ingress'] as Array<{ cidr_blocks: unknown; from_port: number }>;
  const byPort = (p: number) => ingress.find((i) => i.from_port === p)!.cidr_blocks;
  it('a variable without value', () => {
    const u = byPort(443);
    expect(u).toBeInstanceOf(Unknown);
    expect((u as Unknown).reason).toMatch(/var\.partner_allowed_cidrs has no value/);
    expect((u as Unknown).at!.file.position((u as Unknown).at!.start).line).toBe(17);
  });
  it('a data source attribute', () => {
    const [u] = byPort(8443) as Unknown[];
    expect(u).toBeInstanceOf(Unknown);
    expect(u!.reason).toBe('data.aws_vpc.shared_services.cidr_block is known only after apply');
    expect(u!.ref).toBe('data.aws_vpc.shared_services');
  });
  it('a registry module output', () => {
    const [u] = byPort(9443) as Unknown[];
    expect(u).toBeInstanceOf(Unknown);
    expect(u!.reason).toMatch(/module\.vpc\.vpc_cidr_block comes from module source "terraform-aws-modules\/vpc\/aws"/);
    expect(r.problems.filter((p) => p.code === 'tf-remote-module').map((p) => p.severity)).toEqual(['warning']);
  });
  it('and the literal stays known', () => {
    expect(byPort(22)).toEqual(['10.30.250.0/24']);
    expect(errors(r)).toEqual([]);
  });
});

describe('sandbox-escape: file functions read only below the scan root', () => {
  it.each([
    ['dotdot', 2, /leaves the scan root/],
    ['absolute', 2, /absolute paths are outside the scan root/],
    ['link-out', 1, /symbolic link leads out of the scan root/],
  ])('%s is refused (%i errors)', (dir, n, msg) => {
    const r = loadFixture(`fixtures/terraform/sandbox-escape/${dir}`);
    const errs = r.problems.filter((p) => p.code === 'sandbox');
    expect(errs).toHaveLength(n);
    for (const e of errs) {
      expect(e.message).toMatch(msg);
      expect(e.location?.file).toBe(`fixtures/terraform/sandbox-escape/${dir}/main.tf`);
    }
  });
  it('a legal read works: file, fileexists, jsondecode and templatefile', () => {
    const r = loadFixture('fixtures/terraform/sandbox-escape/legal');
    expect(errors(r)).toEqual([]);
    const all = r.model.resources.map((x) => JSON.stringify(x.attributes));
    expect(all.join('\n')).toContain('VenClientKeySign');
    expect(all.join('\n')).toContain('zone=dispatch\\nvtn=https://203.0.113.10:443/OpenADR2/Simple/2.0b\\n');
  });
});

describe('module-cycle: a module calling itself is an error, not a hang', () => {
  it.each(['self', 'pair'])('%s', (dir) => {
    const r = loadFixture(`fixtures/terraform/module-cycle/${dir}`);
    const errs = r.problems.filter((p) => p.code === 'tf-module');
    expect(errs.length).toBeGreaterThan(0);
    expect(errs[0]!.message).toMatch(/Module cycle/);
    expect(r.model.resources).toEqual([]);
  });
});

describe('configuration files linked from outside the scan root', () => {
  it('a .tf file that is a symbolic link out of the scan root is refused and never read', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { loadTerraform } = await import('../../src/loaders/terraform/load.js');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash\n');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-root-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_vpc" "v" {}\n');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'linked.tf'));
    const r = loadTerraform({ paths: [dir], cwd: dir, scanRoot: dir, vars: [], varFiles: [] });
    expect(r.problems.map((p) => [p.code, p.message])).toEqual([['sandbox', expect.stringMatching(/Refused to read "linked\.tf": a symbolic link leads out of the scan root/)]]);
    expect(JSON.stringify(r.problems)).not.toContain('root:x');
  });
});

describe('file encoding', () => {
  it('bytes that are not UTF-8 are an error at the first of them, as Terraform refuses them; valid UTF-8 reads', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const { loadTerraform } = await import('../../src/loaders/terraform/load.js');
    const { writeTree } = await import('../support/files.js');
    const dir = writeTree({});
    fs.writeFileSync(path.join(dir, 'main.tf'), Buffer.concat([Buffer.from('resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16" # café '), Buffer.from([0xff, 0xfe]), Buffer.from('\n}\n')]));
    const r = loadTerraform({ paths: [dir], cwd: dir, scanRoot: dir, vars: [], varFiles: [] });
    expect(r.problems.map((p) => `${p.code} ${p.location?.line}:${p.location?.column} ${p.message}`)).toEqual(['hcl-syntax 2:37 Invalid character encoding: a configuration file must be UTF-8, as Terraform reads it']);
    fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16" # café 日本\n}\n');
    expect(loadTerraform({ paths: [dir], cwd: dir, scanRoot: dir, vars: [], varFiles: [] }).problems).toEqual([]);
  });
});
