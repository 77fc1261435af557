/** The README's rule table is the one the rule metadata generates, and its Quick start is what CI runs. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesMarkdown } from '../../src/cli/rules-command.js';
import { repoRoot } from '../support/files.js';

describe('README', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

  it('lists every rule as `gridfence rules --format markdown` does', () => {
    const m = /<!-- rules:start[^>]*-->\n([\s\S]*?)<!-- rules:end -->/.exec(readme);
    expect(m, 'README has a generated rule table between rules:start and rules:end').not.toBeNull();
    expect(m![1]).toBe(rulesMarkdown('en'));
  });

  it("opens with a Quick start of exactly two commands, the second being .ci/run's", () => {
    const block = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
    expect(block).toHaveLength(2);
    expect(fs.readFileSync(path.join(repoRoot, '.ci/run'), 'utf8')).toContain(block[1]!);
  });
});
