/** The first bytes of a file, to tell its format by content without reading all of it. Empty when unreadable. */
import fs from 'node:fs';

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
