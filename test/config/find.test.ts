import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfig } from '../../src/config/index.js';

let root: string;

/** Creates files (and their folders) under the temporary root; a name ending in '/' is a folder. */
function tree(...paths: string[]): void {
  for (const p of paths) {
    const full = join(root, p);
    if (p.endsWith('/')) mkdirSync(full, { recursive: true });
    else {
      mkdirSync(join(full, '..'), { recursive: true });
      writeFileSync(full, 'version: 1\n');
    }
  }
}

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'gridfence-find-')));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('findConfig', () => {
  it('finds gridfence.yaml in the start directory', () => {
    tree('repo/.git/', 'repo/gridfence.yaml');
    expect(findConfig(join(root, 'repo'))).toEqual({ path: join(root, 'repo/gridfence.yaml'), problems: [] });
  });

  it('finds .gridfence.yaml in a parent of a nested start directory', () => {
    tree('repo/.git/', 'repo/.gridfence.yaml', 'repo/infra/envs/prod/');
    expect(findConfig(join(root, 'repo/infra/envs/prod'))).toEqual({ path: join(root, 'repo/.gridfence.yaml'), problems: [] });
  });

  it('takes the nearest file when several directories have one', () => {
    tree('repo/.git/', 'repo/gridfence.yaml', 'repo/infra/gridfence.yaml', 'repo/infra/prod/');
    expect(findConfig(join(root, 'repo/infra/prod')).path).toBe(join(root, 'repo/infra/gridfence.yaml'));
  });

  it('starts from the directory of a file given as PATH', () => {
    tree('repo/.git/', 'repo/gridfence.yaml', 'repo/plan/plan.json');
    expect(findConfig(join(root, 'repo/plan/plan.json')).path).toBe(join(root, 'repo/gridfence.yaml'));
  });

  it('stops at the repository root', () => {
    tree('gridfence.yaml', 'repo/.git/', 'repo/infra/');
    expect(findConfig(join(root, 'repo/infra'))).toEqual({ problems: [] });
  });

  it('treats a .git file (worktree, submodule) as a repository root too', () => {
    tree('gridfence.yaml', 'repo/.git', 'repo/infra/');
    expect(findConfig(join(root, 'repo/infra'))).toEqual({ problems: [] });
  });

  it('reports both names in one directory as a configuration error', () => {
    tree('repo/.git/', 'repo/gridfence.yaml', 'repo/.gridfence.yaml', 'repo/infra/');
    const r = findConfig(join(root, 'repo/infra'));
    expect(r.path).toBeUndefined();
    expect(r.problems).toEqual([
      {
        severity: 'error',
        code: 'config',
        message: `both gridfence.yaml and .gridfence.yaml are in ${join(root, 'repo')}; keep one of them so that it is clear which configuration applies`,
      },
    ]);
  });

  it('lets --config win over the files it would find', () => {
    tree('repo/.git/', 'repo/gridfence.yaml', 'repo/.gridfence.yaml', 'elsewhere/custom.yaml');
    expect(findConfig(join(root, 'repo'), join(root, 'elsewhere/custom.yaml'))).toEqual({ path: join(root, 'elsewhere/custom.yaml'), problems: [] });
  });

  it('reports a --config file that does not exist or is a directory', () => {
    tree('repo/.git/', 'repo/gridfence.yaml');
    expect(findConfig(join(root, 'repo'), join(root, 'nope.yaml')).problems).toEqual([
      { severity: 'error', code: 'config', message: `configuration file ${join(root, 'nope.yaml')} does not exist` },
    ]);
    expect(findConfig(join(root, 'repo'), join(root, 'repo')).problems[0]!.message).toBe(`configuration file ${join(root, 'repo')} is not a file`);
  });

  it('names paths in its messages as the caller shows them, so that no report holds an absolute path', () => {
    tree('repo/.git/', 'repo/gridfence.yaml', 'repo/.gridfence.yaml');
    const shown = (abs: string) => relative(root, abs) || '.';
    expect(findConfig(join(root, 'repo'), join(root, 'nope.yaml'), shown).problems[0]!.message).toBe('configuration file nope.yaml does not exist');
    expect(findConfig(join(root, 'repo'), join(root, 'repo'), shown).problems[0]!.message).toBe('configuration file repo is not a file');
    expect(findConfig(join(root, 'repo'), undefined, shown).problems[0]!.message).toMatch(/^both gridfence\.yaml and \.gridfence\.yaml are in repo;/);
  });

  it('ignores a directory that is named like the configuration', () => {
    tree('repo/.git/', 'repo/gridfence.yaml/', 'repo/.gridfence.yaml');
    expect(findConfig(join(root, 'repo')).path).toBe(join(root, 'repo/.gridfence.yaml'));
  });
});
