/**
 * Walking the folders a user names for input files. Fail closed: nothing under the folder is left
 * out without a word.
 * - Symbolic links are followed when they lead to a place inside the folder named: a linked file is
 *   listed like any other, a linked folder is walked, once (a link back to a folder already walked is
 *   not a loop). A link that leads outside is an input error: nothing outside is read. A broken
 *   link is listed, so that reading it reports it.
 * - A folder that cannot be read is an input error, never an empty folder.
 * - Tool caches and hidden folders (.terraform, .git, node_modules, .terragrunt-cache) are skipped.
 * The input errors go to `problems` when given (each once; the walk goes on without the link or
 * folder), else they are thrown. `readerRefuses`: a linked file outside is listed all the same, for
 * a loader that refuses it, at its place, when it reads it (Terraform's sandbox).
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError, type InputProblem } from '../model/errors.js';
import { isInside } from './terraform/sandbox.js';

const SKIP_DIRS = new Set(['.terraform', '.git', 'node_modules', '.terragrunt-cache']);

/** Files below `root` whose name passes `pred`, sorted. */
export function findFiles(root: string, pred: (name: string) => boolean, problems?: InputProblem[], readerRefuses = false): string[] {
  const out: string[] = [];
  const fail = (e: InputError): void => {
    if (!problems) throw e;
    const p = e.toProblem();
    if (!problems.some((q) => q.code === p.code && q.message === p.message)) problems.push(p);
  };
  const rootReal = fs.realpathSync(root);
  const walked = new Set<string>();
  const walk = (dir: string, real: string): void => {
    if (walked.has(real)) return;
    walked.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      fail(new InputError('io', `Cannot read the folder ${shown(dir)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
      return;
    }
    // In name order, so that a folder reached by two names is listed by the same one on every system.
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isSymbolicLink()) {
        const target = statOf(p);
        if (target?.isDirectory() && skipped(e.name)) continue;
        if (!target?.isDirectory() && !pred(e.name)) continue;
        const targetReal = target ? fs.realpathSync(p) : undefined;
        if (targetReal !== undefined && !isInside(targetReal, rootReal) && !(readerRefuses && !target!.isDirectory())) {
          fail(new InputError('sandbox', `${shown(p)} links to a ${target!.isDirectory() ? 'folder' : 'file'} outside ${shown(root)}: it is not read`));
          continue;
        }
        if (target?.isDirectory()) walk(p, targetReal!);
        else out.push(p);
      } else if (e.isDirectory()) {
        if (!skipped(e.name)) walk(p, path.join(real, e.name));
      } else if (e.isFile() && pred(e.name)) out.push(p);
    }
  };
  walk(root, rootReal);
  return out.sort();
}

function skipped(name: string): boolean {
  return SKIP_DIRS.has(name) || name.startsWith('.');
}

/** What a path leads to, following links; undefined for a broken link. */
function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/** A path as messages show it: relative to the working folder. */
function shown(p: string): string {
  return path.relative(process.cwd(), p).split(path.sep).join('/') || '.';
}
