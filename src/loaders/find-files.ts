/**
 * Walking the folders a user names for input files. Fail closed: nothing under the folder is left
 * out without a word.
 * - Symbolic links: a linked file is listed like any other when it leads inside the scan root (the
 *   enclosing git work tree); a linked folder is not walked when it leads inside the scan root (what
 *   it holds is read by its own path, or as a module a configuration calls: walked again, it would
 *   be read twice). A link that leads outside the scan root is an input error: nothing outside is
 *   read. A broken link is an input error too.
 * - A folder that cannot be read is an input error, never an empty folder.
 * - Tool caches and hidden folders (.terraform, .git, node_modules, .terragrunt-cache) are skipped.
 * The input errors go to `problems` when given (each once; the walk goes on without the link or
 * folder), else they are thrown. `readerRefuses`: linked files are listed whatever they lead to, for
 * a loader that refuses one, at its place, when it reads it (Terraform's sandbox).
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
  let scanReal: string | undefined;
  const insideScanRoot = (real: string): boolean => isInside(real, (scanReal ??= fs.realpathSync(findScanRoot(root))));
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      fail(new InputError('io', `Cannot read the folder ${shown(dir)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
      return;
    }
    // In name order, so that the errors come in the same order on every system.
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isSymbolicLink()) {
        const target = statOf(p);
        if (target?.isDirectory() ? skipped(e.name) : !pred(e.name)) continue;
        if (readerRefuses && !target?.isDirectory()) {
          out.push(p);
          continue;
        }
        if (!target) {
          fail(new InputError('io', `${shown(p)} is a broken link: what it names does not exist`));
          continue;
        }
        const kind = target.isDirectory() ? 'folder' : 'file';
        if (!insideScanRoot(fs.realpathSync(p))) fail(new InputError('sandbox', `${shown(p)} links to a ${kind} outside the scan root ${shown(findScanRoot(root))}: it is not read`));
        else if (kind === 'file') out.push(p);
      } else if (e.isDirectory()) {
        if (!skipped(e.name)) walk(p);
      } else if (e.isFile() && pred(e.name)) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/** The enclosing git work tree, or the path itself (its directory for a file). */
export function findScanRoot(abs: string): string {
  const start = fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
  for (let d = start; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return start;
  }
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
