/**
 * Baselines (`--baseline`, `--write-baseline`): an earlier JSON report makes its findings unchanged;
 * only new ones fail the run, and the baseline's findings that are gone are reported as absent (in
 * SARIF with baselineState, so code scanning closes their alerts). A file that is no report is an
 * input error, exit 2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBaseline } from '../../src/linter/baseline.js';
import { gridfence } from '../support/cli.js';
import { EXAMPLE, VEN_INGRESS } from '../support/example-variants.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-baseline-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A copy of the example with the edit applied, lines shifted above every finding. */
function variant(name: string, edit?: (text: string) => string, file = 'security.tf'): string {
  const dir = path.join(work, name);
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.tf'))) fs.writeFileSync(path.join(dir, f), `# reviewed 2026-11\n\n${fs.readFileSync(path.join(dir, f), 'utf8')}`);
  if (edit) fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

describe('baselines', () => {
  const baseline = path.join(work, 'baseline.json');
  const first = gridfence(['lint', EXAMPLE, '--write-baseline', baseline]);

  it('--write-baseline writes the JSON report; the run still fails on its findings', () => {
    expect(first.code).toBe(1);
    const report = JSON.parse(fs.readFileSync(baseline, 'utf8')) as { version: number; findings: Array<{ ruleId: string }> };
    expect(report.version).toBe(1);
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['instance-metadata-v2', 'tls-minimum-version']);
  });

  it('the same findings, lines shifted: all unchanged, the run passes', () => {
    const r = gridfence(['lint', variant('same'), '--baseline', baseline, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: Array<{ baselineState: string }>; baseline: { new: number; unchanged: number; absent: unknown[] } };
    expect(report.findings.map((f) => f.baselineState)).toEqual(['unchanged', 'unchanged']);
    expect(report.baseline).toMatchObject({ new: 0, unchanged: 2, absent: [] });
  });

  it('a new finding fails the run; a fixed one is absent; SARIF says which is which', () => {
    const dir = variant('changed', (t) => t.replace(VEN_INGRESS, `${VEN_INGRESS},\n        { description = "N1", protocol = "tcp", port = 443, cidrs = ["0.0.0.0/0"] }`));
    fs.writeFileSync(path.join(dir, 'edge.tf'), fs.readFileSync(path.join(dir, 'edge.tf'), 'utf8').replace('  certificate_arn   = var.partner_certificate_arn\n', '  certificate_arn   = var.partner_certificate_arn\n  ssl_policy        = var.tls_policy\n'));
    const text = gridfence(['lint', dir, '--baseline', baseline]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('against the baseline: 1 new, 1 unchanged, 1 gone');
    const sarif = JSON.parse(gridfence(['lint', dir, '--baseline', baseline, '--format', 'sarif']).stdout) as { runs: Array<{ results: Array<{ ruleId: string; baselineState: string; level: string }> }> };
    expect(sarif.runs[0]!.results.map((x) => `${x.ruleId} ${x.baselineState} ${x.level}`).sort()).toEqual([
      'ingress-from-declared-sources new error',
      'instance-metadata-v2 unchanged warning',
      'tls-minimum-version absent none',
    ]);
  });

  it('a file that is no gridfence report is an input error, exit 2', () => {
    const bad = path.join(work, 'bad.json');
    fs.writeFileSync(bad, '{ "findings": [] ');
    const r = gridfence(['lint', EXAMPLE, '--baseline', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(/bad\.json:1:\d+: error: baseline .*bad\.json: not JSON/);
    // Read directly: any JSON that is no report is refused at its place, never a crash or an empty baseline.
    const read = (text: string) => {
      fs.writeFileSync(bad, text);
      const r = readBaseline(bad, 'b.json');
      return Array.isArray(r) ? r : `${r.location?.line}:${r.location?.column} ${r.message}`;
    };
    expect(read('{\n  "version": 1,\n  "findings": [}\n')).toMatch(/^3:16 baseline b\.json: not JSON \(Invalid JSON: unexpected character "}"\)$/);
    expect(read('null')).toBe('1:1 baseline b.json: not a gridfence JSON report (gridfence lint --format json, or --write-baseline)');
    expect(read('{"version":1,"findings":[null]}')).toBe('1:1 baseline b.json: finding 0 has no fingerprint or rule id');
    expect(read('{"version":1,"findings":[{"fingerprint":"f","ruleId":"r","location":"zzz"}]}')).toEqual([{ fingerprint: 'f', ruleId: 'r', resource: '', message: '' }]);
    const missing = gridfence(['lint', EXAMPLE, '--baseline', path.join(work, 'none.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stdout + missing.stderr).toMatch(/none\.json:1:1: error: baseline .*none\.json: no such file/);
  });
});
