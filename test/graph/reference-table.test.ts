/**
 * The negative cases N1–N16 of the reference architecture (domain.md (c)), each mapped to the rule
 * named for it, on the bundled example with every rule running. The compliant system is the example
 * with its one deliberate weakness fixed (the partner listener's TLS policy): it has no error-level
 * finding. Each case applies its mutation to that system and must trip its rule; the rules it trips
 * besides are listed too, so that a change in what a mutation trips is seen.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { variants, type Edit } from '../support/example-variants.js';
import { CASES, FIX } from '../support/negative-cases.js';

const v = variants('gridfence-table-');
afterAll(() => v.dispose());

function lintVariant(edits: Edit[], append: Record<string, string> = {}) {
  const dir = v.make({ edits, append });
  const r = lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
  expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return r;
}

const rulesOf = (r: ReturnType<typeof lintVariant>) => [...new Set(r.findings.map((f) => f.ruleId))].sort();

describe('the reference architecture and its negative cases N1–N16', () => {
  const compliant = lintVariant([FIX]);
  const base = new Set(rulesOf(compliant));

  it('the compliant system has no error-level finding', () => {
    expect(compliant.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // The one warning left is the example's second deliberate weakness, kept to show a warning.
    expect(compliant.findings.map((f) => `${f.ruleId} ${f.resource}`)).toEqual(['instance-metadata-v2 aws_instance.log_collector']);
  });

  it('covers every case of the table', () => {
    expect(CASES.map((c) => c.id)).toEqual(Array.from({ length: 16 }, (_, i) => `N${i + 1}`));
  });

  it.each(CASES)('$id ($mutation) trips $rule', (c) => {
    const r = lintVariant(c.id === 'N6' ? (c.edits ?? []) : [FIX, ...(c.edits ?? [])], c.append);
    const tripped = rulesOf(r).filter((id) => !base.has(id) || r.findings.filter((f) => f.ruleId === id).length > compliant.findings.filter((f) => f.ruleId === id).length);
    expect(tripped).toContain(c.rule);
    expect(tripped).toEqual([...c.trips].sort());
  });
});
