/**
 * Global setup: one temporary folder for the whole run, removed when it ends. Each test file's
 * folder (temp-root.ts) is made inside it, so that even a file whose tests a filter skips, which
 * runs no afterAll, leaves nothing behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-test-'));
  process.env['GRIDFENCE_TEST_TMP'] = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
