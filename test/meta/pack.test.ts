/** The guideline pack is valid against its schema and consistent with the rule registry. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/rules/index.js';
import { repoRoot } from '../support/files.js';

describe('policies/guideline.yaml', () => {
  const pack = parse(fs.readFileSync(path.join(repoRoot, 'policies/guideline.yaml'), 'utf8')) as { clauses: Record<string, unknown>; rules: Record<string, { clause: string }> };
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas/pack.schema.json'), 'utf8'));

  it('is what the code reads: src/rules/generated/guideline-pack.ts is generated from it (npm run gen)', async () => {
    const { generate } = (await import(path.join(repoRoot, 'scripts/gen-pack.mjs'))) as { generate: () => string };
    expect(fs.readFileSync(path.join(repoRoot, 'src/rules/generated/guideline-pack.ts'), 'utf8')).toBe(generate());
  });

  it('validates against schemas/pack.schema.json', () => {
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(pack), JSON.stringify(validate.errors)).toBe(true);
  });

  it('grades exactly the registered rules, each citing a clause it defines', () => {
    expect(Object.keys(pack.rules).sort()).toEqual([...rules.keys()].sort());
    for (const [id, r] of Object.entries(pack.rules)) expect(pack.clauses, id).toHaveProperty([r.clause]);
  });

  it('every rule message exists in English and Japanese', () => {
    for (const rule of rules.values()) {
      for (const [id, m] of Object.entries(rule.messages)) {
        expect(m.en, `${rule.id}.${id}`).toMatch(/\S/);
        expect(m.ja, `${rule.id}.${id}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]).sort();
        expect(placeholders(m.ja), `${rule.id}.${id} placeholders`).toEqual(placeholders(m.en));
      }
    }
  });
});
