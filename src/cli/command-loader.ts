/**
 * Loads a command's code. In the built package each command is one CommonJS bundle beside the
 * entry (dist/bin/<name>.cjs, scripts/bundle.mjs); it is compiled with V8's code cache, kept per
 * user, so that a run after the first skips parsing and compiling the functions the first run of
 * that command compiled (about 40 ms of a small lint, 100 ms of a 3000-group one). Elsewhere (the
 * sources under test, the unbundled build) `fallback` imports the command's module.
 *
 * The cache is an optimisation and never changes a result or fails a run:
 * - it is code that will run, so it is read only from a folder of the user's, reached through
 *   folders only the user or root may change (or sticky ones such as /tmp), and only from a
 *   regular file of the user's that no one else may write, checked on the open file;
 * - a cache file is named by a hash of the exact text V8 compiles, Node's version, the machine and
 *   Node's flags (V8 itself checks only the text's length), and starts with a SHA-256 digest of
 *   what follows (release builds of V8 do not check a code cache's checksum, and a damaged one
 *   would run); a cache that fails either check, or that V8 refuses, is replaced;
 * - any failure means a run without it.
 * GRIDFENCE_CACHE_DIR chooses the folder; GRIDFENCE_NO_CODE_CACHE=1 turns the cache off.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What only a command needs, loaded when one runs, with require(): an import() of a built-in module
 * builds an ES module facade of it (about 7 ms for node:crypto).
 */
interface Tools {
  vm: typeof import('node:vm');
  createHash: typeof import('node:crypto').createHash;
  homedir: () => string;
}

const WRAP_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const WRAP_TAIL = '\n})';

/** Cache files of older bundles are removed when they have not been written for this long. */
const STALE_MS = 30 * 24 * 3600 * 1000;

export async function loadCommand<T>(name: string, fallback: () => Promise<T>): Promise<T> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), `${name}.cjs`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return fallback();
  }
  const builtin = createRequire(import.meta.url);
  const tools: Tools = { vm: builtin('node:vm') as Tools['vm'], createHash: (builtin('node:crypto') as typeof import('node:crypto')).createHash, homedir: (builtin('node:os') as typeof import('node:os')).homedir };
  const { isAscii } = builtin('node:buffer') as typeof import('node:buffer');
  // The bundle starts with "use strict" (scripts/bundle.mjs): the wrapper keeps it a directive. The
  // bundles are ASCII (scripts/bundle.mjs): decoded as Latin-1 they become a one-byte string
  // without a UTF-8 decoder's pass; any other text is decoded as UTF-8.
  const wrapped = `${WRAP_HEAD}${bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8')}${WRAP_TAIL}`;
  const cacheFile = cachePath(tools, name, bytes);
  const cached = cacheFile ? readPrivateFile(tools, cacheFile) : undefined;
  const script = new tools.vm.Script(wrapped, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  if (cacheFile && (!cached || script.cachedDataRejected)) {
    // At exit the cache holds every function the run compiled, not only the bundle's top level. A run
    // stopped by an input or usage error (exit 2) compiled little: it leaves the cache to a full one.
    process.once('exit', (code) => {
      if (code !== 2) writeCache(tools, cacheFile, name, () => script.createCachedData());
    });
  }
  const mod = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void).call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

/** The cache file for a bundle as the loader wraps it, or undefined when there is no safe cache folder. */
function cachePath(tools: Tools, name: string, bytes: Buffer): string | undefined {
  if (process.env['GRIDFENCE_NO_CODE_CACHE'] === '1') return undefined;
  try {
    const dir = cacheDir(tools);
    if (!dir) return undefined;
    // The bundle's bytes rather than its text: hashing a string first encodes it again.
    const key = tools
      .createHash('sha256')
      .update(WRAP_HEAD)
      .update(bytes)
      .update(WRAP_TAIL)
      .update(`\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}`)
      .digest('hex')
      .slice(0, 32);
    return path.join(dir, `${name}-${key}.v8cache`);
  } catch {
    return undefined;
  }
}

/**
 * The user's cache folder for gridfence, made if missing; undefined unless it is safe. Of its
 * parents only the user's cache base (XDG_CACHE_HOME, or ~/.cache) is made too, as the XDG
 * specification asks, and only inside an existing home: a folder given by GRIDFENCE_CACHE_DIR
 * needs its parent to exist.
 */
function cacheDir(tools: Tools): string | undefined {
  const given = process.env['GRIDFENCE_CACHE_DIR'];
  const xdg = process.env['XDG_CACHE_HOME'];
  let dir: string;
  let base: string | undefined;
  if (given) dir = path.resolve(given);
  else if (process.platform === 'win32') dir = path.join(process.env['LOCALAPPDATA'] ?? tools.homedir(), 'gridfence');
  else {
    // The XDG specification ignores a relative path.
    base = xdg && path.isAbsolute(xdg) ? xdg : path.join(tools.homedir(), '.cache');
    dir = path.join(base, 'gridfence');
  }
  if (!fs.existsSync(dir)) {
    // Made only where it would be safe: root under sudo, in the user's home, would make one the
    // user could never use.
    const parent = path.dirname(dir);
    if (base !== undefined && !fs.existsSync(base)) {
      if (!fs.existsSync(path.dirname(base)) || (hasOwners() && !safeAncestors(path.dirname(base)))) return undefined;
      fs.mkdirSync(base, { mode: 0o700 });
    } else if (hasOwners() && !safeAncestors(parent)) return undefined;
    fs.mkdirSync(dir, { mode: 0o700 });
  }
  return isPrivateDir(dir) ? dir : undefined;
}

/** Whether no one but the user (or root) can change what the folder holds, up to the root. */
function isPrivateDir(dir: string): boolean {
  const st = fs.lstatSync(dir);
  if (!hasOwners()) return st.isDirectory();
  if (!st.isDirectory() || st.uid !== process.getuid!() || (st.mode & 0o022) !== 0) return false;
  return safeAncestors(path.dirname(dir));
}

/** Whether `dir` and each folder above it belong to the user or root, and no one else may rename in them (unless sticky). */
function safeAncestors(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    const a = fs.statSync(d);
    const owner = a.uid === process.getuid!() || a.uid === 0;
    const sticky = (a.mode & 0o1000) !== 0;
    if (!owner || ((a.mode & 0o022) !== 0 && !sticky)) return false;
    if (path.dirname(d) === d) return true;
  }
}

/** POSIX owners and modes; on Windows the folder under LOCALAPPDATA is the user's by its place. */
function hasOwners(): boolean {
  return process.platform !== 'win32' && typeof process.getuid === 'function';
}

const DIGEST_BYTES = 32;

const digestOf = (tools: Tools, data: Buffer): Buffer => tools.createHash('sha256').update(data).digest();

/**
 * The cached code when the file is a regular file of the user's that no one else may write
 * (checked on the open file) and its digest matches what follows it.
 */
function readPrivateFile(tools: Tools, file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const st = fs.fstatSync(fd);
    if (!st.isFile() || (hasOwners() && (st.uid !== process.getuid!() || (st.mode & 0o022) !== 0))) return undefined;
    const bytes = fs.readFileSync(fd);
    const data = bytes.subarray(DIGEST_BYTES);
    return bytes.length > DIGEST_BYTES && digestOf(tools, data).equals(bytes.subarray(0, DIGEST_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Written beside and renamed into place, so that a concurrent run never reads half a file; then
 * the command's cache files that have not been written for a month (older releases) are removed.
 */
function writeCache(tools: Tools, file: string, name: string, data: () => Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const code = data();
    fs.writeFileSync(tmp, Buffer.concat([digestOf(tools, code), code]), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
    const dir = path.dirname(file);
    const now = Date.now();
    for (const f of fs.readdirSync(dir)) {
      if (!f.startsWith(`${name}-`) || !f.endsWith('.v8cache') || path.join(dir, f) === file) continue;
      const old = path.join(dir, f);
      if (now - fs.lstatSync(old).mtimeMs > STALE_MS) fs.rmSync(old, { force: true });
    }
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to do: the next run writes it again.
    }
  }
}
