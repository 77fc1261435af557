/** The input problems of one run over test files, in English and in Japanese, for the tests of the Japanese patterns. */
import path from 'node:path';
import { expect } from 'vitest';
import { lint } from '../../src/linter/lint.js';
import { writeTree } from './files.js';

export interface BothLanguages {
  /** "line:column" of the problem ("undefined:undefined" for one with no place). */
  at: string;
  en: string;
  ja: string;
}

/**
 * Writes the files, lints `paths` under them (default: the folder) in each language and pairs the
 * problems; the two runs must agree on every problem's code and place, only the words differ.
 */
export function problemsInBothLanguages(files: Record<string, string>, paths: string[] = ['.']): BothLanguages[] {
  const dir = writeTree(files, 'gridfence-ja-');
  const run = (lang: 'en' | 'ja') => lint({ paths: paths.map((p) => path.join(dir, p)), cwd: dir, vars: [], varFiles: [], lang, only: [] }).errors;
  const en = run('en');
  const ja = run('ja');
  expect(ja.map((e) => [e.code, e.location])).toEqual(en.map((e) => [e.code, e.location]));
  return en.map((e, i) => ({ at: `${e.location?.line}:${e.location?.column}`, en: e.message, ja: ja[i]!.message }));
}
