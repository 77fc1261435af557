/** --input-format (read one format, every candidate file as it) and --source-dir (a plan's .tf sources elsewhere). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { repoRoot, writeTree } from '../support/files.js';

const fourWays = path.join(repoRoot, 'fixtures/four-ways');

describe('--input-format', () => {
  it('terraform reads only Terraform, though plans and templates sit beside it', () => {
    const sys = loadSystem({ paths: [fourWays], cwd: repoRoot, vars: [], varFiles: [], inputFormat: 'terraform' });
    expect(sys.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(new Set(sys.model.resources.map((r) => r.span.file.path.split('/')[2]))).toEqual(new Set(['hcl', 'tfjson']));
  });

  it('cloudformation reads every candidate file as a template: Terraform is left alone, a plan is no template', () => {
    const sys = loadSystem({ paths: [fourWays], cwd: repoRoot, vars: [], varFiles: [], inputFormat: 'cloudformation' });
    expect(new Set(sys.model.resources.map((r) => r.span.file.path))).toEqual(new Set(['fixtures/four-ways/cfn/template.yaml']));
    expect(sys.problems.filter((p) => p.severity === 'error').map((p) => p.location?.file)).toEqual(['fixtures/four-ways/plan/plan.json']);
  });

  it('plan takes every JSON file as a plan, and says so of one that is not', () => {
    const dir = writeTree({ 'settings.json': '{ "theme": "dark" }' }, 'gridfence-input-format-');
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [], inputFormat: 'plan' });
    expect(sys.problems.map((p) => `${p.location?.file}:${p.location?.line} ${p.message}`)).toEqual(['settings.json:1 Not a Terraform plan: "format_version" is missing']);
  });
});

describe('--source-dir', () => {
  it("evaluates a plan's sources kept elsewhere with the plan's variables; findings point into them", () => {
    const dir = writeTree(
      {
        'infra/main.tf': 'variable "admin_cidr" {\n  type = string\n}\nresource "aws_security_group" "admin" {\n  ingress {\n    protocol    = "tcp"\n    from_port   = 22\n    to_port     = 22\n    cidr_blocks = [var.admin_cidr]\n  }\n}\n',
        'out/plan.json': JSON.stringify({ format_version: '1.2', terraform_version: '1.9.5', variables: { admin_cidr: { value: '0.0.0.0/0' } }, planned_values: { root_module: { resources: [] } } }),
      },
      'gridfence-source-dir-',
    );
    const r = lint({ paths: [path.join(dir, 'out')], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'], sourceDir: 'infra' });
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => `${f.location.file}:${f.location.line} ${f.message}`)).toEqual(['infra/main.tf:9 aws_security_group.admin allows tcp/22 from 0.0.0.0/0, the whole internet']);
    // The plan lent its variables; its planned values are not a second copy of the system.
    expect(r.system.model.roots).toEqual(['infra']);
    expect(r.system.model.resources.map((x) => x.address)).toEqual(['aws_security_group.admin']);
  });

  it('one that is not there is an input error named as given, with no absolute path', () => {
    const dir = writeTree({ 'out/plan.json': JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [] } } }) }, 'gridfence-source-dir-');
    const sys = loadSystem({ paths: ['out'], cwd: dir, vars: [], varFiles: [], sourceDir: 'infra' });
    expect(sys.problems.map((p) => `${p.severity} ${p.message}`)).toEqual(['error --source-dir infra: no such directory']);
  });
});
