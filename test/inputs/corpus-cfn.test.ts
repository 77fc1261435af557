/** Every CloudFormation template of the shared corpus is read and linted: no input error, no exception. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { corpusDir, corpusNote, hasCorpus, listFiles } from '../support/files.js';

describe.skipIf(!hasCorpus)(`the shared corpus's CloudFormation${corpusNote}`, () => {
  const dir = path.join(corpusDir, 'cfn');
  const files = hasCorpus && fs.existsSync(dir) ? listFiles(dir, (n) => /\.(ya?ml|json|template)$/.test(n)) : ['(none)'];
  it.each(files.map((f) => [path.relative(dir, f), f]))('%s: read with no input error', (_name, f) => {
    const r = lint({ paths: [f], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [], today: '2026-11-29' });
    expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(r.system.model.roots.length).toBe(1);
  });
});
