/**
 * Runs the gridfence command line as a user runs the bin. The built bin (dist/bin/gridfence.cjs) is
 * used when it is newer than every source file, as after `npm ci` (which builds) or `npm run
 * build`: a run of it starts in a fraction of the time of the sources through tsx. After an edit
 * that is not built yet, the sources run, so that a test never sees stale code.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './files.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = path.join(repoRoot, 'dist/bin/gridfence.cjs');

/** Whether the built bin is newer than every file under src/ (decided once per test file). */
const built = ((): boolean => {
  let bin: number;
  try {
    bin = fs.statSync(BIN).mtimeMs;
  } catch {
    return false;
  }
  const newest = (dir: string): number => {
    let t = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }
    return t;
  };
  return newest(path.join(repoRoot, 'src')) < bin;
})();

/** The bin's code cache in the test run's folder (temp-run.ts), shared by its files and removed with it; never the user's. */
const cacheDir = built ? path.join(process.env['GRIDFENCE_TEST_TMP'] ?? os.tmpdir(), 'code-cache') : undefined;
if (cacheDir) fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });

export function gridfence(args: string[], cwd = repoRoot): CliResult {
  const argv = built ? [BIN, ...args] : ['--import', import.meta.resolve('tsx'), path.join(repoRoot, 'src/cli/main.ts'), ...args];
  const r = spawnSync(process.execPath, argv, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', ...(cacheDir ? { GRIDFENCE_CACHE_DIR: cacheDir } : {}) },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
