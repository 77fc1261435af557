/**
 * Which gridfence.yaml applies (product.md §2): `--config FILE` wins; otherwise `gridfence.yaml` or
 * `.gridfence.yaml` in the start directory or its parents, up to and including the repository root
 * (the first directory that holds `.git`, a directory or a worktree's file), or the filesystem root.
 * Finding none is not a problem: the run then has no configuration.
 */
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { InputProblem } from '../model/errors.js';
import { CONFIG_PROBLEM_CODE, messages } from './messages.js';

export const CONFIG_FILE_NAMES = ['gridfence.yaml', '.gridfence.yaml'] as const;

export interface FindResult {
  /** Absolute path of the configuration file, when one applies. */
  path?: string;
  problems: InputProblem[];
}

/**
 * @param startDir where the search begins (a file's directory is used when given a file, e.g. plan.json)
 * @param explicit the `--config` argument, resolved against the working directory
 * @param shown how messages name a path (the caller's display path, so that reports hold no absolute path)
 */
export function findConfig(startDir: string, explicit?: string, shown: (abs: string) => string = (p) => p): FindResult {
  if (explicit !== undefined) {
    const file = resolve(explicit);
    const kind = kindOf(file);
    if (kind === 'file') return { path: file, problems: [] };
    const message = kind === undefined ? messages.explicitMissing(shown(file)) : messages.explicitNotFile(shown(file));
    return { problems: [{ severity: 'error', code: CONFIG_PROBLEM_CODE, message }] };
  }

  let dir = resolve(startDir);
  if (kindOf(dir) === 'file') dir = dirname(dir);
  for (;;) {
    const present = CONFIG_FILE_NAMES.filter((name) => kindOf(join(dir, name)) === 'file');
    if (present.length > 1) {
      const message = messages.bothNames(shown(dir), present[0]!, present[1]!);
      return { problems: [{ severity: 'error', code: CONFIG_PROBLEM_CODE, message }] };
    }
    if (present.length === 1) return { path: join(dir, present[0]!), problems: [] };
    if (kindOf(join(dir, '.git')) !== undefined) return { problems: [] };
    const parent = dirname(dir);
    if (parent === dir) return { problems: [] };
    dir = parent;
  }
}

function kindOf(path: string): 'file' | 'dir' | 'other' | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return undefined;
  }
}

/**
 * Where `dir` lies in its repository: its path relative to the nearest directory at or above it
 * that holds `.git` (a directory, or a worktree's or submodule's file), with `/` separators and ''
 * at the root; undefined outside a repository. SARIF URIs are relative to that root.
 */
export function repositoryBase(dir: string): string | undefined {
  const start = resolve(dir);
  for (let d = start; ; d = dirname(d)) {
    if (kindOf(join(d, '.git')) !== undefined) return relative(d, start).split(sep).join('/');
    if (dirname(d) === d) return undefined;
  }
}
