/** Walking input folders: links followed, broken links and unreadable folders never silently left out. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFiles } from '../../src/loaders/find-files.js';
import { loadSystem } from '../../src/linter/load-system.js';
import type { InputProblem } from '../../src/model/errors.js';
import { writeTree } from '../support/files.js';

const isTf = (name: string) => name.endsWith('.tf');
const names = (root: string, files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

describe('findFiles', () => {
  it('lists a linked file, leaves a linked folder inside to its own path, skips caches and hidden folders; a broken link is an error', () => {
    const root = writeTree({ 'a.tf': '', 'shared/b.txt': '', 'mods/net/c.tf': '', '.terraform/modules/d.tf': '', 'node_modules/x/e.tf': '' });
    fs.symlinkSync('shared/b.txt', path.join(root, 'b.tf'));
    fs.symlinkSync('missing.tf', path.join(root, 'broken.tf'));
    fs.symlinkSync('mods', path.join(root, 'again'));
    fs.symlinkSync('..', path.join(root, 'mods/up'));
    const problems: InputProblem[] = [];
    // The linked folder's files are listed once, by their own path.
    expect(names(root, findFiles(root, isTf, problems))).toEqual(['a.tf', 'b.tf', 'mods/net/c.tf']);
    expect(problems.map((p) => `${p.code} ${p.message}`)).toEqual([expect.stringMatching(/^io .*broken\.tf is a broken link: what it names does not exist$/)]);
    // For a reader that refuses links itself (Terraform's sandbox), every linked file is listed.
    expect(names(root, findFiles(root, isTf, [], true))).toEqual(['a.tf', 'b.tf', 'broken.tf', 'mods/net/c.tf']);
  });

  it('a link to a folder or file outside the scan root is an input error, not something left out', () => {
    const outside = writeTree({ 'x.tf': '' });
    const root = writeTree({ 'a.tf': '' });
    fs.symlinkSync(outside, path.join(root, 'sub'));
    fs.symlinkSync(path.join(outside, 'x.tf'), path.join(root, 'b.tf'));
    // Without a problems list the first refusal is thrown.
    expect(() => findFiles(root, isTf)).toThrow(expect.objectContaining({ name: 'InputError', code: 'sandbox' }));
    const problems: InputProblem[] = [];
    expect(names(root, findFiles(root, isTf, problems))).toEqual(['a.tf']);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/b\.tf links to a file outside the scan root .*: it is not read$/),
      expect.stringMatching(/sub links to a folder outside the scan root .*: it is not read$/),
    ]);
  });

  it('a link to a folder elsewhere in the same repository is no error: what it holds is read by its own path', () => {
    const repo = writeTree({ 'modules/net/main.tf': '', 'envs/prod/main.tf': '' });
    fs.symlinkSync('../../modules', path.join(repo, 'envs/prod/modules'));
    const problems: InputProblem[] = [];
    expect(names(repo, findFiles(path.join(repo, 'envs/prod'), isTf, problems))).toEqual(['envs/prod/main.tf']);
    expect(problems).toEqual([]);
  });
});

describe('Terraform folders made only of links', () => {
  it('a folder whose only configuration file is a link to a file inside is read', () => {
    const root = writeTree({ 'shared/vpc.txt': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n', 'stack/.keep': '' });
    fs.symlinkSync('../shared/vpc.txt', path.join(root, 'stack/main.tf'));
    const sys = loadSystem({ paths: [root], cwd: root, vars: [], varFiles: [] });
    expect(sys.problems).toEqual([]);
    expect(sys.model.resources.map((r) => r.address)).toEqual(['aws_vpc.v']);
  });

  it('a broken link is an error naming it, not a crash', () => {
    const root = writeTree({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n' });
    fs.symlinkSync('nowhere/x.tf', path.join(root, 'x.tf'));
    const sys = loadSystem({ paths: [root], cwd: root, vars: [], varFiles: [] });
    expect(sys.problems.map((p) => `${p.severity} ${p.code} ${p.message}`)).toEqual(['error io Cannot read x.tf: ENOENT']);
  });
});
