/**
 * Loads a command's code. In the built package each command is one CommonJS bundle beside the
 * entry (dist/bin/<name>.cjs, scripts/bundle.mjs); it is compiled with V8's code cache, kept per
 * user, so that a run after the first skips parsing and compiling the functions the last run of that
 * command used (about 40 ms of a small lint, 100 ms of a 3000-group one). Elsewhere (the sources
 * under test, the unbundled build) `fallback` imports the command's module.
 *
 * The cache is an optimisation and never changes a result: it is read only from a directory that
 * belongs to the user and that no one else may write (a cache is code that will run); a cache V8
 * refuses (another Node.js, other flags) is replaced; a cache file is named by a hash of the bundle's
 * text, since V8 itself checks only the length. Any failure means a run without it.
 * GRIDFENCE_CACHE_DIR chooses the directory; GRIDFENCE_NO_CODE_CACHE=1 turns the cache off.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export async function loadCommand<T>(name: string, fallback: () => Promise<T>): Promise<T> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), `${name}.cjs`);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return fallback();
  }
  const cacheFile = cachePath(name, source);
  const cached = cacheFile ? readOwnFile(cacheFile) : undefined;
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  if (cacheFile && (!cached || script.cachedDataRejected)) {
    // At exit the cache holds every function the run compiled, not only the bundle's top level.
    process.once('exit', () => writeAtomically(cacheFile, () => script.createCachedData()));
  }
  const mod = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

/** The cache file of a bundle's text, or undefined when there is no usable cache directory. */
function cachePath(name: string, source: string): string | undefined {
  if (process.env['GRIDFENCE_NO_CODE_CACHE'] === '1') return undefined;
  const dir = cacheDir();
  if (!dir) return undefined;
  const hash = createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}`).digest('hex').slice(0, 32);
  return path.join(dir, `${name}-${hash}.v8cache`);
}

function cacheDir(): string | undefined {
  const given = process.env['GRIDFENCE_CACHE_DIR'];
  let dir: string;
  if (given) dir = given;
  else if (process.platform === 'win32') dir = path.join(process.env['LOCALAPPDATA'] ?? os.homedir(), 'gridfence', 'cache');
  else dir = path.join(process.env['XDG_CACHE_HOME'] || path.join(os.homedir(), '.cache'), 'gridfence');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return isPrivate(fs.lstatSync(dir), true) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** A directory or regular file (not a link) of the current user that no one else may write. */
function isPrivate(st: fs.Stats, directory: boolean): boolean {
  if (directory ? !st.isDirectory() : !st.isFile()) return false;
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  return st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

function readOwnFile(file: string): Buffer | undefined {
  try {
    return isPrivate(fs.lstatSync(file), false) ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Written beside and renamed into place, so that a concurrent run never reads half a file. */
function writeAtomically(file: string, data: () => Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data(), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to do: the next run writes it again.
    }
  }
}
