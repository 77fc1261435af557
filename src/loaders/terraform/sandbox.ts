/**
 * The file sandbox of `file()`, `templatefile()`, `fileexists()` and `filebase64()`: paths resolve
 * against the root module's directory, as Terraform resolves them against its working directory,
 * and must stay below the scan root. An absolute path, a `..` that climbs out, or a symbolic link
 * that leads out is an InputError, and the file is never opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../../model/errors.js';
import type { Span } from '../../model/source.js';

export class Sandbox {
  private readonly realRoot: string;

  constructor(
    readonly root: string,
    readonly base: string,
  ) {
    this.realRoot = safeRealpath(root);
  }

  /** The absolute path to read, after every check. */
  resolve(p: string, at?: Span): string {
    if (path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p)) {
      throw new InputError('sandbox', `Refused to read "${p}": absolute paths are outside the scan root, and gridfence reads only below it`, at);
    }
    const abs = path.resolve(this.base, p);
    if (!isInside(abs, this.root)) {
      throw new InputError('sandbox', `Refused to read "${p}": the path leaves the scan root`, at);
    }
    if (fs.existsSync(abs)) {
      const real = safeRealpath(abs);
      if (!isInside(real, this.realRoot)) {
        throw new InputError('sandbox', `Refused to read "${p}": a symbolic link leads out of the scan root`, at);
      }
    }
    return abs;
  }
}

export function isInside(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
