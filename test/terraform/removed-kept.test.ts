/**
 * A removed block with destroy = false keeps its object in the cloud, out of the configuration: a
 * warning at the block (native and JSON syntax), or, for a plan read without its sources, at the
 * plan for each object it forgets; and the compliance view cannot call a clean clause passed.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { writeTree } from '../support/files.js';
import { problemsInBothLanguages } from '../support/ja-problems.js';
import { rangeOf } from '../support/rule-tester.js';

const RULE = 'resource "aws_s3_bucket" "reports" {\n  bucket = "reports"\n  tags   = { owner = "ops" }\n}\n';
const run = (files: Record<string, string>) => {
  const dir = writeTree(files, 'gridfence-removed-');
  return lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
};
const kept = (r: ReturnType<typeof run>) => r.errors.filter((e) => e.code === 'tf-removed-kept').map((e) => `${e.severity} ${e.location?.line}:${e.location?.column} ${e.message}`);

describe('removed blocks that keep their object', () => {
  it('destroy = false: a warning at the block, naming the address in its module; clean clauses are incomplete', () => {
    const removed = 'removed {\n  from = aws_security_group_rule.legacy_ssh\n  lifecycle {\n    destroy = false\n  }\n}\n';
    const main = RULE + removed;
    const r = run({ 'main.tf': main });
    const at = rangeOf(main, 'removed {');
    expect(kept(r)).toEqual([`warning ${at.line}:${at.column} The removed block keeps aws_security_group_rule.legacy_ssh in the cloud (destroy = false) but no longer in the configuration: what it allows or changes is not judged`]);
    const dataStores = r.compliance.find((c) => c.clause === '(5)イ')!;
    expect(dataStores.status).toBe('incomplete');
    expect(dataStores.why?.en).toMatch(/^objects a removed block keeps in the cloud/);
    // In a module, the address is the module's.
    const mod = run({ 'main.tf': `${RULE}module "net" {\n  source = "./net"\n}\n`, 'net/main.tf': removed });
    expect(kept(mod)).toEqual([expect.stringContaining('keeps module.net.aws_security_group_rule.legacy_ssh in the cloud')]);
  });

  it('destroy left out or true destroys the object: nothing to say', () => {
    expect(kept(run({ 'main.tf': `${RULE}removed {\n  from = aws_security_group_rule.old\n}\n` }))).toEqual([]);
    expect(kept(run({ 'main.tf': `${RULE}removed {\n  from = aws_security_group_rule.old\n  lifecycle {\n    destroy = true\n  }\n}\n` }))).toEqual([]);
  });

  it('JSON syntax alike', () => {
    const json = JSON.stringify({ removed: [{ from: 'aws_security_group_rule.legacy_ssh', lifecycle: [{ destroy: false }] }] }, null, 2);
    expect(kept(run({ 'main.tf': RULE, 'removed.tf.json': json }))).toEqual([expect.stringMatching(/^warning 2:\d+ The removed block keeps aws_security_group_rule\.legacy_ssh in the cloud/)]);
  });

  it('a plan read without its sources: each object it forgets, at the plan', () => {
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket.reports', mode: 'managed', type: 'aws_s3_bucket', name: 'reports', values: { bucket: 'reports', tags: { owner: 'ops' } } }] } },
      resource_changes: [
        { address: 'aws_s3_bucket.reports', mode: 'managed', type: 'aws_s3_bucket', name: 'reports', change: { actions: ['no-op'], after: {}, after_unknown: {} } },
        { address: 'aws_security_group_rule.legacy_ssh', mode: 'managed', type: 'aws_security_group_rule', name: 'legacy_ssh', change: { actions: ['forget'], before: {}, after: null } },
      ],
    };
    const r = run({ 'plan.json': JSON.stringify(plan, null, 2) });
    expect(kept(r)).toEqual([expect.stringMatching(/^warning 3:\d+ The plan forgets aws_security_group_rule\.legacy_ssh: the object stays in the cloud/)]);
  });

  it('in Japanese', () => {
    const problems = problemsInBothLanguages({ 'main.tf': `${RULE}removed {\n  from = aws_security_group_rule.legacy_ssh\n  lifecycle {\n    destroy = false\n  }\n}\n` });
    expect(problems.map((p) => p.ja)).toContain('removed ブロックは aws_security_group_rule.legacy_ssh をクラウドに残したまま構成から外します（destroy = false）: それが許可・変更する内容は判定しません');
  });
});
