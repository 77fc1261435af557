/** The precompiled validator must match the schema it was generated from. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/files.js';

describe('generated config validator', () => {
  it('is up to date with schemas/gridfence.schema.json (run npm run gen)', async () => {
    const { generate } = (await import(path.join(repoRoot, 'scripts/gen-config-validator.mjs'))) as { generate: () => string };
    expect(fs.readFileSync(path.join(repoRoot, 'src/config/generated/config-is-valid.ts'), 'utf8')).toBe(generate());
  });
});
