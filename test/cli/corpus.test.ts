/**
 * No stack trace reaches a user on any input of the shared corpus: every command ends with exit
 * 0, 1 or 2 and a message, never an internal error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridfence } from '../support/cli.js';
import { corpusDir, corpusNote, hasCorpus } from '../support/files.js';

const STACK = /\n\s+at .+:\d+:\d+\)?\n/;

describe.skipIf(!hasCorpus)(`the shared corpus${corpusNote}`, () => {
  const parts = hasCorpus ? fs.readdirSync(corpusDir).filter((d) => fs.statSync(path.join(corpusDir, d)).isDirectory()) : [];

  it.each(parts)('lint %s: exit 0, 1 or 2 with a message, no stack trace', (part) => {
    const r = gridfence(['lint', path.join(corpusDir, part), '--format', 'json']);
    expect([0, 1, 2]).toContain(r.code);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stdout + r.stderr).not.toMatch(STACK);
    const report = JSON.parse(r.stdout);
    if (r.code === 2) expect(report.errors.some((e: { severity: string }) => e.severity === 'error')).toBe(true);
  });

  it.each(parts)('inventory %s: exit 0 or 2 with a message, no stack trace', (part) => {
    const r = gridfence(['inventory', path.join(corpusDir, part), '--format', 'json']);
    expect([0, 2]).toContain(r.code);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stdout + r.stderr).not.toMatch(STACK);
  });

  it('inventory exits 0 on every Terraform root, except the one the corpus ships invalid', () => {
    const r = gridfence(['inventory', path.join(corpusDir, 'terraform'), '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const errors = report.errors.filter((e: { severity: string }) => e.severity === 'error');
    // terraform-aws-vpc/examples/issues calls the module with private_subnets = [], so two
    // coalescelist() calls get only empty lists: Terraform fails there too ("no non-null arguments").
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.message).toMatch(/coalescelist\(\): Call to function "coalescelist" failed: no non-null arguments/);
    expect(report.resources.length).toBeGreaterThan(500);
  });
});
