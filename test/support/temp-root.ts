/**
 * Setup file: every test file writes its temporary folders under one folder of its own, removed
 * when the file's tests end, so a run leaves nothing behind in the system's temporary folder.
 * Child processes (the CLI tests) inherit the same folder through TMPDIR, TMP and TEMP.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const NAMES = ['TMPDIR', 'TMP', 'TEMP'] as const;
const before = NAMES.map((n) => process.env[n]);
// Inside the run's folder (temp-run.ts) when there is one.
const root = fs.mkdtempSync(path.join(process.env['GRIDFENCE_TEST_TMP'] ?? os.tmpdir(), 'gridfence-test-'));
for (const n of NAMES) process.env[n] = root;

afterAll(() => {
  NAMES.forEach((n, i) => {
    if (before[i] === undefined) delete process.env[n];
    else process.env[n] = before[i];
  });
  fs.rmSync(root, { recursive: true, force: true });
});
