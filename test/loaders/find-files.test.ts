/** Walking input folders: links followed, broken links and unreadable folders never silently left out. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFiles } from '../../src/loaders/find-files.js';
import { loadSystem } from '../../src/linter/load-system.js';
import { InputError } from '../../src/model/errors.js';
import { writeTree } from '../support/files.js';

const isTf = (name: string) => name.endsWith('.tf');
const names = (root: string, files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/'));

describe('findFiles', () => {
  it('lists a linked file and a broken link, walks a linked folder inside once, and skips caches and hidden folders', () => {
    const root = writeTree({ 'a.tf': '', 'shared/b.txt': '', 'mods/net/c.tf': '', '.terraform/modules/d.tf': '', 'node_modules/x/e.tf': '' });
    fs.symlinkSync('shared/b.txt', path.join(root, 'b.tf'));
    fs.symlinkSync('missing.tf', path.join(root, 'broken.tf'));
    fs.symlinkSync('mods', path.join(root, 'again'));
    fs.symlinkSync('..', path.join(root, 'mods/up'));
    // The linked folder is walked once, by whichever name is reached first.
    expect(names(root, findFiles(root, isTf))).toEqual(['a.tf', 'again/net/c.tf', 'b.tf', 'broken.tf']);
  });

  it('a link to a folder outside the folder named is an input error, not a folder left out', () => {
    const outside = writeTree({ 'x.tf': '' });
    const root = writeTree({ 'a.tf': '' });
    fs.symlinkSync(outside, path.join(root, 'sub'));
    let err: unknown;
    try {
      findFiles(root, isTf);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('sandbox');
    expect((err as InputError).message).toMatch(/sub links to a folder outside .*: it is not read$/);
    // A linked file outside alike: nothing outside the folder named is read.
    const fileLink = writeTree({ 'a.tf': '' });
    fs.symlinkSync(path.join(outside, 'x.tf'), path.join(fileLink, 'b.tf'));
    expect(() => findFiles(fileLink, isTf)).toThrow(/b\.tf links to a file outside .*: it is not read$/);
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
