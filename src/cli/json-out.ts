/**
 * A report written to a file through one small reused buffer. Encoded whole, a report of megabytes
 * (a 3000-group inventory is 4 MB of JSON) takes a buffer as large in fresh memory, whose pages cost
 * more to touch than the encoding; stringifying it in pieces, to spare the string too, cost more than
 * it spared (each object's toJSON looked up again in every piece's JSON.stringify).
 */
import fs from 'node:fs';

const BLOCK = 1 << 16;

/** Writes `length` bytes of `bytes` to an open file, however many calls it takes. */
function writeAll(fd: number, bytes: Buffer, length = bytes.length): void {
  for (let done = 0; done < length; ) done += fs.writeSync(fd, bytes, done, length - done);
}

/**
 * Writes a text to an open file as UTF-8 through one reused block, a slice at a time: encoded whole,
 * a report of megabytes would take a buffer as large in fresh memory. A slice never ends between
 * the two halves of a surrogate pair.
 */
export function writeText(fd: number, text: string): void {
  const block = Buffer.allocUnsafe(BLOCK);
  // A UTF-16 unit takes at most three bytes of UTF-8 (a surrogate pair, two units, four).
  const step = Math.floor(BLOCK / 3);
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + step);
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
    writeAll(fd, block, block.write(text.slice(i, end), 0, 'utf8'));
    i = end;
  }
}
