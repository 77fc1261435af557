/**
 * The reference architecture's compliant system and its negative cases N1–N16, each written as the
 * plan of a system that exists already (ids and ARNs as text, test/support/existing-plan.ts), give
 * the same findings as the Terraform they come from: the same rule on the same resource, with the
 * same certainty. Ids join resources as references do (loaders/plan/known-ids.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { variants } from '../support/example-variants.js';
import { existingPlan } from '../support/existing-plan.js';
import { CASES, FIX, type Case } from '../support/negative-cases.js';

const v = variants('gridfence-existing-');
afterAll(() => v.dispose());

const COMPLIANT: Case = { id: 'compliant', mutation: 'none', rule: '', trips: [] };

function findingsOf(dir: string): string[] {
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return r.findings.map((f) => `${f.ruleId} ${f.resource} ${f.certainty}`).sort();
}

describe('the reference architecture as a plan of a system that exists', () => {
  it.each([COMPLIANT, ...CASES])('$id: the same findings as its Terraform', (c) => {
    const dir = v.make({ edits: c.id === 'N6' ? (c.edits ?? []) : [FIX, ...(c.edits ?? [])], append: c.append });
    const fromTf = findingsOf(dir);
    const sys = loadSystem({ paths: [dir], cwd: dir, vars: [], varFiles: [] });
    const planDir = `${dir}-plan`;
    fs.mkdirSync(path.join(planDir, '.git'), { recursive: true });
    fs.writeFileSync(path.join(planDir, 'plan.json'), JSON.stringify(existingPlan(sys.model.resources)));
    fs.copyFileSync(path.join(dir, 'gridfence.yaml'), path.join(planDir, 'gridfence.yaml'));
    const plan = findingsOf(planDir);
    expect(plan).toEqual(fromTf);
  });
});
