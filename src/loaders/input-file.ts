/**
 * Reading input files, shared by the loaders and linter/load-*.ts: the first bytes of a file (to tell
 * its format by content without reading all of it), text decoding by byte-order mark, and the path
 * a report shows for a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../model/errors.js';

/** The first `bytes` bytes of a file. Empty when unreadable: discovery then simply does not take it. */
export function fileHead(abs: string, bytes = 65536): Buffer {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r');
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n);
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Bytes as text: UTF-16 (little- or big-endian) when they start with its byte-order mark, as
 * PowerShell writes redirected output; else UTF-8, a UTF-8 byte-order mark kept as U+FEFF for the
 * parsers to skip. A trailing odd byte of UTF-16 (a head cut mid-character) is dropped.
 */
export function decodeText(buf: Buffer): string {
  const le = buf[0] === 0xff && buf[1] === 0xfe;
  const be = buf[0] === 0xfe && buf[1] === 0xff;
  if (!le && !be) return buf.toString('utf8');
  const body = Buffer.from(buf.subarray(2, buf.length - (buf.length % 2)));
  if (be) body.swap16();
  return body.toString('utf16le');
}

/**
 * A whole input file as text (decoded as `decodeText` does). A file that cannot be read (a
 * directory, no permission) is an InputError('io') naming it by `display`, never a raw exception.
 */
export function readInputText(abs: string, display: string): string {
  try {
    return decodeText(fs.readFileSync(abs));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError('io', `Cannot read ${display}: ${code === 'EISDIR' ? 'it is a directory' : (code ?? (e as Error).message)}`);
  }
}

/** How reports show a file: relative to `cwd`, with `/` separators ("." for `cwd` itself). */
export function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return rel === '' ? '.' : rel.split(path.sep).join('/');
}
