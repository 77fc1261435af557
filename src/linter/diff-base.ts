/**
 * `--diff-base REF`: what a change adds. The merge base of REF and HEAD is checked out in a temporary
 * git worktree and linted with the same options (paths and configuration mapped into it); its
 * findings are the baseline the working tree is compared with, by fingerprint. git runs without a
 * shell, with REF as a plain argument. The worktree is removed afterwards, whatever happens.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import type { BaselineEntry } from './baseline.js';
import { lint, type LintOptions } from './lint.js';

/**
 * node:child_process is loaded on the first use: with the stream and network modules it pulls in,
 * loading it costs every lint about 7 ms, and only `--diff-base` needs it.
 */
const childProcess = (): typeof import('node:child_process') => createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');

function git(cwd: string, args: string[]): string {
  const r = childProcess().spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.error) throw new InputError('usage', `--diff-base needs git: ${r.error.message}`);
  if (r.status !== 0) throw new InputError('usage', `--diff-base: git ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout.trim();
}

/** The findings of the merge base of `ref` and HEAD, as baseline entries; and the commit linted. */
export function lintMergeBase(ref: string, opts: LintOptions): { entries: BaselineEntry[]; commit: string } {
  if (ref.startsWith('-')) throw new InputError('usage', `--diff-base ${ref}: not a git reference`);
  const first = path.resolve(opts.cwd, opts.paths[0] ?? '.');
  const top = git(fs.existsSync(first) && fs.statSync(first).isDirectory() ? first : path.dirname(first), ['rev-parse', '--show-toplevel']);
  const base = git(top, ['merge-base', ref, 'HEAD']);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-diff-base-'));
  const tree = path.join(tmp, 'base');
  try {
    git(top, ['worktree', 'add', '--detach', '--quiet', tree, base]);
    const inTree = (p: string): string => path.join(tree, path.relative(top, path.resolve(opts.cwd, p)));
    const { onProgress: _quiet, ...rest } = opts;
    const result = lint({
      ...rest,
      paths: opts.paths.length ? opts.paths.map(inTree) : [inTree('.')],
      cwd: inTree('.'),
      ...(opts.config ? { config: inTree(opts.config) } : {}),
      varFiles: opts.varFiles.map(inTree),
      ...(opts.varArgs ? { varArgs: opts.varArgs.map((a) => (a.kind === 'file' ? { kind: 'file' as const, path: inTree(a.path) } : a)) } : {}),
      ...(opts.sourceDir ? { sourceDir: inTree(opts.sourceDir) } : {}),
    });
    const entries = result.findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, resource: f.resource, message: f.message, location: f.location }));
    return { entries, commit: base };
  } finally {
    childProcess().spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: top });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
