/** `gridfence inventory` end to end: formats, exit codes, errors with locations, no stack traces. */
import { describe, expect, it } from 'vitest';
import { gridfence } from '../support/cli.js';
import { writeTree } from '../support/files.js';

describe('gridfence inventory', () => {
  it('prints the reference system grouped by zone, exit 0', () => {
    const r = gridfence(['inventory', 'fixtures/terraform/reference-aws']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^zone dispatch \(dispatch-link\) — 6 resources$/m);
    expect(r.stdout).toMatch(/^ {2}aws_instance\.ven\s+aws_instance\s+fixtures\/terraform\/reference-aws\/compute\.tf:2$/m);
    expect(r.stdout).toMatch(/77 resources in 6 zones, from 1 root module; configuration fixtures\/terraform\/reference-aws\/gridfence\.yaml/);
  });

  it('an --output that cannot be written is a usage error naming it (exit 2), not an internal error', () => {
    const dir = writeTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n' });
    const r = gridfence(['inventory', '.', '-o', 'missing-dir/inventory.json'], dir);
    expect([r.code, r.stderr.trim()]).toEqual([2, 'gridfence: --output missing-dir/inventory.json: cannot write it (ENOENT)']);
  });

  it('writes the JSON of product.md §6', () => {
    const r = gridfence(['inventory', 'fixtures/terraform/module-two-levels', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.version).toBe(1);
    expect(j.errors).toEqual([]);
    const sg = j.resources.find((x: { address: string }) => x.address === 'module.a[1].module.b["x"].aws_security_group.this');
    expect(sg).toMatchObject({
      type: 'aws_security_group',
      zone: null,
      location: { file: 'fixtures/terraform/module-two-levels/modules/a/b/main.tf', line: 13, column: 1 },
      callers: [{ file: 'fixtures/terraform/module-two-levels/main.tf' }, { file: 'fixtures/terraform/module-two-levels/modules/a/main.tf' }],
      attributes: { name: 'a1-x', ingress: [{ cidr_blocks: ['10.40.16.0/24'], from_port: 443 }] },
    });
    expect(sg.attributes.vpc_id).toEqual({ $unknown: 'aws_vpc.this.id is known only after apply' });
  });

  it('exits 2 on a syntax error, with file:line:column and no stack trace', () => {
    const r = gridfence(['inventory', 'fixtures/terraform/syntax-errors']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('fixtures/terraform/syntax-errors/bad-unclosed-brace.tf:1:42: error: Unclosed configuration block');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
  });

  it('exits 2 on a configuration error, naming the key and the nearest valid one', () => {
    const dir = writeTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n', 'gridfence.yaml': 'version: 1\nzone:\n  a: { role: buffer }\n' });
    const r = gridfence(['inventory', '.', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.errors[0]).toMatchObject({ severity: 'error', code: 'config', location: { file: 'gridfence.yaml', line: 2, column: 1 } });
    expect(j.errors[0].message).toMatch(/did you mean "zones"/);
  });

  it('applies --var and --var-file', () => {
    const r = gridfence(['inventory', 'fixtures/terraform/tfvars-precedence', '--format', 'json', '--var-file', 'fixtures/terraform/tfvars-precedence/not-loaded.tfvars', '--var', 'all=cli']);
    const j = JSON.parse(r.stdout);
    expect(j.variables.find((v: { address: string }) => v.address === 'var.all')).toMatchObject({ value: 'cli', origin: '--var' });
  });

  it('refuses a bad option and a missing path with exit 2', () => {
    expect(gridfence(['inventory', '--format', 'yaml']).code).toBe(2);
    const r = gridfence(['inventory', 'no/such/dir']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/No such file or directory: no\/such\/dir/);
  });

  it('prints --version and --help', () => {
    expect(gridfence(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = gridfence(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/inventory/);
  });

  it('no command is a usage error: the help goes to stderr and the exit code is 2; help asked for is 0', () => {
    const none = gridfence([]);
    expect([none.code, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toMatch(/Usage: gridfence/);
    expect(gridfence(['help']).code).toBe(0);
    expect(gridfence(['help', 'lint']).code).toBe(0);
  });
});
