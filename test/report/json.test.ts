/**
 * The `lint --format json` report against schemas/report.schema.json: real runs over the fixtures
 * (clean, possible findings, syntax errors, a scratch system with waived findings reached through
 * `../` and non-ASCII paths) and a hand-built result with a trace and a flow. The schema is strict
 * (no unknown properties), so it also pins the report's shape.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint, type LintOptions, type LintResult } from '../../src/linter/lint.js';
import { compareToBaseline } from '../../src/linter/baseline.js';
import { lintJson } from '../../src/report/lint-json.js';
import { repoRoot } from '../support/files.js';
import { pathFinding, pathLoc, withOnly, writeScratch } from '../support/scratch-system.js';

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas/report.schema.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true });
const validate = ajv.compile(schema);

function run(paths: string[], cwd = repoRoot, extra: Partial<LintOptions> = {}): LintResult {
  return lint({ paths, cwd, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-06-01', ...extra });
}

function expectValid(report: unknown): void {
  const ok = validate(report);
  expect(ok, ajv.errorsText(validate.errors, { separator: '\n' })).toBe(true);
}


/** The hand-built path finding, with module callers and an unknown it rests on. */
function handBuilt(base: LintResult): LintResult {
  return withOnly(
    base,
    pathFinding({
      callers: [pathLoc(40, 1, 44, 2)],
      related: [
        { location: pathLoc(10, 1, 20, 2), message: 'resource aws_security_group.ven' },
        { location: pathLoc(40, 1, 44, 2), message: 'module call' },
      ],
      certainty: 'possible',
      unknowns: [{ reason: 'aws_vpc.main.id is known only after apply', location: pathLoc(8, 12, 8, 27) }],
    }),
  );
}

describe('schemas/report.schema.json', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-json-'));
    writeScratch(scratch);
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('is a valid 2020-12 schema with a description on every property', () => {
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    const missing: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${at}/${i}`));
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      for (const key of ['properties', '$defs']) {
        const props = o[key] as Record<string, Record<string, unknown>> | undefined;
        for (const [name, sub] of Object.entries(props ?? {})) if (typeof sub['description'] !== 'string') missing.push(`${at}/${key}/${name}`);
      }
      // Conditionals (allOf/if/then/else) restate properties already described.
      for (const [k, v] of Object.entries(o)) if (k !== 'allOf') walk(v, `${at}/${k}`);
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
  });

  it('accepts the report of the reference system', () => {
    const r = run(['fixtures/terraform/reference-aws']);
    const j = lintJson(r, '0.1.0');
    expectValid(j);
    expect(j).toMatchObject({ version: 1, tool: { name: 'gridfence', version: '0.1.0' }, system: 'Reference VPP aggregator (gridfence fixture)', zonesDeclared: true });
    expect(j.rules).toEqual(r.rulesRun);
  });

  it('accepts a run against a baseline: states, counts and absent findings', () => {
    const r = run(['examples/vpp-aggregator']);
    r.baseline = compareToBaseline(r.findings, [{ fingerprint: r.findings[0]!.fingerprint, ruleId: 'x', resource: 'y', message: '' }, { fingerprint: 'f'.repeat(32), ruleId: 'flow-logs-enabled', resource: 'aws_vpc.old', message: 'gone', location: r.findings[0]!.location }], 'baseline.json');
    const report = lintJson(r, '0.1.0');
    expect(report.findings.map((f) => f.baselineState)).toEqual(['unchanged', 'new', 'new', 'new']);
    expectValid(JSON.parse(JSON.stringify(report)));
  });

  it('accepts path findings with their trace and flow, and construct paths of CDK output', () => {
    const paths = lintJson(run(['fixtures/four-ways/hcl'], repoRoot, { config: 'fixtures/four-ways/gridfence.yaml' }), '0.1.0');
    expectValid(paths);
    const traced = paths.findings.filter((f) => f.trace);
    expect(traced.map((f) => f.ruleId).sort()).toEqual(['external-traffic-encrypted', 'field-protocols-contained', 'management-access-restricted']);
    expect(traced.every((f) => f.flow && f.trace!.length >= 2)).toBe(true);
    const cdk = lintJson(run(['fixtures/cdk']), '0.1.0');
    expectValid(cdk);
    expect(cdk.findings.map((f) => f.constructPath)).toContain('GatewayStack/VenSecurityGroup/Resource');
  });

  it('accepts possible findings resting on unknown values', () => {
    const j = lintJson(run(['fixtures/terraform/unknown-cidrs']), '0.1.0');
    expectValid(j);
    const possible = j.findings.filter((f) => f.certainty === 'possible');
    expect(possible.length).toBeGreaterThan(0);
    expect(possible.every((f) => f.unknowns.length > 0)).toBe(true);
    expect(j.summary.possible).toBe(possible.filter((f) => !f.waived).length);
  });

  it('accepts syntax errors in `errors`, without `system` when no configuration is found', () => {
    const j = lintJson(run(['fixtures/terraform/syntax-errors']), '0.1.0');
    expectValid(j);
    expect(j.system).toBeUndefined();
    expect(j.errors.length).toBeGreaterThan(0);
    expect(j.errors.some((e) => e.severity === 'error' && e.code === 'hcl-syntax' && e.location?.file.startsWith('fixtures/terraform/syntax-errors/'))).toBe(true);
  });

  it('accepts waived findings (inline and config) on paths outside the working directory', () => {
    const j = lintJson(run(['../infra dir'], path.join(scratch, 'sub')), '0.1.0');
    expectValid(j);
    const waived = j.findings.filter((f) => f.waived);
    expect(waived.map((f) => f.waiver?.kind).sort()).toEqual(['config', 'inline']);
    expect(j.findings.every((f) => f.location.file === '../infra dir/ネットワーク.tf')).toBe(true);
    expect(j.summary.waived).toBe(2);
  });

  it('accepts a hand-built waived finding with a trace and a flow', () => {
    const j = lintJson(handBuilt(run(['fixtures/terraform/syntax-errors'])), '0.1.0');
    expectValid(j);
    expect(j.findings[0]!.trace).toHaveLength(4);
  });

  it('rejects what lintJson never writes', () => {
    const good = lintJson(handBuilt(run(['fixtures/terraform/syntax-errors'])), '0.1.0');
    const f = good.findings[0]!;
    const bad = (finding: unknown) => ({ ...good, findings: [finding] });
    const { waiver: _waiver, ...unwaivedButNamed } = f;
    expect(validate(bad(unwaivedButNamed))).toBe(false); // waived without its waiver
    expect(validate(bad({ ...f, waived: false }))).toBe(false); // a waiver on an unwaived finding
    expect(validate(bad({ ...f, unknowns: [] }))).toBe(false); // possible, resting on nothing
    expect(validate(bad({ ...f, location: { ...f.location, line: 0 } }))).toBe(false);
    expect(validate(bad({ ...f, extra: 1 }))).toBe(false);
    expect(validate(bad({ ...f, severity: 'critical' }))).toBe(false);
    expect(validate({ ...good, summary: { ...good.summary, total: 1 } })).toBe(false);
    expect(validate({ ...good, version: 2 })).toBe(false);
  });
});
