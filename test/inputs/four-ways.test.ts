/**
 * One small system written four ways — HCL, Terraform JSON, a plan JSON of it, CloudFormation YAML
 * (fixtures/four-ways) — gives the same findings from the same rules: the same rule on the same kind
 * of resource, each located in its own format's source.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { repoRoot } from '../support/files.js';

const dir = path.join(repoRoot, 'fixtures/four-ways');

function findings(format: string) {
  const r = lint({ paths: [path.join(dir, format)], cwd: repoRoot, config: path.join(dir, 'gridfence.yaml'), vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  const typeOf = new Map(r.system.model.resources.map((x) => [x.address, x.type]));
  return {
    kinds: r.findings.map((f) => `${f.ruleId} ${typeOf.get(f.resource)}`).sort(),
    files: [...new Set(r.findings.map((f) => f.location.file))],
  };
}

describe('one system, four formats', () => {
  const hcl = findings('hcl');

  it('HCL finds what the system gets wrong', () => {
    expect(hcl.kinds).toEqual([
      'default-security-group-closed aws_vpc',
      'external-traffic-encrypted aws_security_group',
      'field-protocols-contained aws_security_group',
      'flow-logs-enabled aws_vpc',
      'ingress-from-declared-sources aws_security_group',
      'instance-metadata-v2 aws_instance',
      'management-access-restricted aws_security_group',
    ]);
    expect(hcl.files).toEqual(['fixtures/four-ways/hcl/main.tf']);
  });

  it.each([
    ['tfjson', 'fixtures/four-ways/tfjson/main.tf.json'],
    ['plan', 'fixtures/four-ways/plan/plan.json'],
    ['cfn', 'fixtures/four-ways/cfn/template.yaml'],
  ])('%s gives the same findings, located in its own source', (format, file) => {
    const other = findings(format);
    expect(other.kinds).toEqual(hcl.kinds);
    expect(other.files).toEqual([file]);
  });
});
