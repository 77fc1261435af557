/**
 * File and path functions. Files are read through the FunctionContext, which resolves and
 * sandboxes paths. Paths are POSIX paths (Terraform on Linux). A result that depends on the
 * machine running Terraform (its home directory, its working directory, a directory listing) is
 * Unknown.
 */
import { isObject, Unknown, type ObjectValue, type Value } from '../../../model/value.js';
import { digest, hex, type HashName } from './crypto.js';
import { base64Of } from './encoding.js';
import { ArgError, CallError, define } from './signature.js';
import type { FunctionContext, TfFunction } from './types.js';
import { goQuote } from './unicode.js';

/** Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** Go's filepath.Base. */
function baseName(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Go's filepath.Dir. */
function dirName(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

const homeRelative = (p: string): boolean => p.startsWith('~');

function homeUnknown(name: string, path: string): Unknown {
  return new Unknown(`${name}(${goQuote(path)}) depends on the home directory of the machine running Terraform`);
}

function missing(path: string): ArgError {
  return new ArgError(
    0,
    `no file exists at ${goQuote(path)}; this function works only with files that are distributed as part of the configuration source code, so if this file will be created by a resource in this configuration you must instead obtain this result from an attribute of that resource`,
  );
}

function readBytes(ctx: FunctionContext, path: string): Uint8Array {
  if (!ctx.fileExists(path)) throw missing(path);
  return ctx.readFileBytes(path);
}

const pathParam = { name: 'path', type: 'string', allowUnknown: true } as const;

const file = define('file', {
  params: [pathParam],
  impl: ([p], ctx) => {
    if (p instanceof Unknown) return p;
    const path = p as string;
    if (homeRelative(path)) return homeUnknown('file', path);
    if (!ctx.fileExists(path)) throw missing(path);
    return ctx.readFile(path);
  },
});

const filebase64 = define('filebase64', {
  params: [pathParam],
  impl: ([p], ctx) => {
    if (p instanceof Unknown) return p;
    const path = p as string;
    if (homeRelative(path)) return homeUnknown('filebase64', path);
    return base64Of(readBytes(ctx, path));
  },
});

const fileexists = define('fileexists', {
  params: [pathParam],
  impl: ([p], ctx) => {
    if (p instanceof Unknown) return p;
    const path = p as string;
    if (homeRelative(path)) return homeUnknown('fileexists', path);
    return ctx.fileExists(path);
  },
});

const fileHash = (name: string, algorithm: HashName, encode: (b: Uint8Array) => string) =>
  define(name, {
    params: [{ name: 'path', type: 'string' }],
    impl: ([p], ctx) => {
      const path = p as string;
      if (homeRelative(path)) return homeUnknown(name, path);
      // Terraform reports the operating system's error here, not file()'s explanation.
      if (!ctx.fileExists(path)) throw new CallError(`open ${path}: no such file or directory`);
      return encode(digest(algorithm, ctx.readFileBytes(path)));
    },
  });

const fileset = define('fileset', {
  params: [
    { name: 'path', type: 'string' },
    { name: 'pattern', type: 'string' },
  ],
  impl: () => new Unknown('fileset() is not evaluated: gridfence does not list directories'),
});

const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u;

const templatefile = define('templatefile', {
  params: [pathParam, { name: 'vars', allowUnknown: true }],
  impl: ([p, vars], ctx) => {
    if (p instanceof Unknown) return p;
    if (vars instanceof Unknown) return vars;
    const path = p as string;
    if (homeRelative(path)) return homeUnknown('templatefile', path);
    if (!ctx.fileExists(path)) throw missing(path);
    const text = ctx.readFile(path);
    if (!isObject(vars as Value)) throw new ArgError(1, 'invalid vars value: must be a map');
    for (const name of Object.keys(vars as ObjectValue)) {
      if (!IDENTIFIER.test(name)) {
        throw new ArgError(1, `invalid template variable name ${goQuote(name)}: must start with a letter, followed by zero or more letters, digits, and underscores`);
      }
    }
    return ctx.renderTemplate(text, path, vars as ObjectValue);
  },
});

const basename = define('basename', {
  params: [{ name: 'path', type: 'string' }],
  impl: ([p]) => baseName(p as string),
});

const dirname = define('dirname', {
  params: [{ name: 'path', type: 'string' }],
  impl: ([p]) => dirName(p as string),
});

const abspath = define('abspath', {
  params: [{ name: 'path', type: 'string' }],
  impl: ([p]) => {
    const path = p as string;
    // filepath.Abs of an absolute path is just its cleaned form; a relative one depends on the working directory.
    if (path.startsWith('/')) return cleanPath(path);
    return new Unknown(`abspath(${goQuote(path)}) depends on the working directory of the machine running Terraform`);
  },
});

const pathexpand = define('pathexpand', {
  params: [{ name: 'path', type: 'string' }],
  impl: ([p]) => {
    const path = p as string;
    if (!path.startsWith('~')) return path;
    if (path.length > 1 && path[1] !== '/' && path[1] !== '\\') throw new CallError('cannot expand user-specific home dir');
    return homeUnknown('pathexpand', path);
  },
});

export const filesystemFunctions: Record<string, TfFunction> = {
  file,
  filebase64,
  fileexists,
  fileset,
  filemd5: fileHash('filemd5', 'md5', hex),
  filesha1: fileHash('filesha1', 'sha1', hex),
  filesha256: fileHash('filesha256', 'sha256', hex),
  filesha512: fileHash('filesha512', 'sha512', hex),
  filebase64sha256: fileHash('filebase64sha256', 'sha256', base64Of),
  filebase64sha512: fileHash('filebase64sha512', 'sha512', base64Of),
  templatefile,
  basename,
  dirname,
  abspath,
  pathexpand,
};
