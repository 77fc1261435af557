/** Runs the gridfence command line from source, as a user would run the bin. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './files.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function gridfence(args: string[], cwd = repoRoot): CliResult {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(repoRoot, 'src/cli/main.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
