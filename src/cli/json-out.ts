/**
 * A JSON report written to a file piece by piece. `JSON.stringify` of a whole inventory or lint
 * report builds one string of megabytes, which writing then flattens and encodes into a buffer as
 * large again: about 30 ms and 2,500 fresh memory pages for a 3000-group inventory. Written here,
 * the top levels of the value are taken apart and each element is stringified and encoded into one
 * small buffer that is reused. The bytes are exactly those of `JSON.stringify(value)`.
 */
import fs from 'node:fs';

/** How many levels of arrays and objects are taken apart (a report's arrays of resources or findings are at the second). */
const STREAM_DEPTH = 2;

/** Whether `v` is written with one JSON.stringify: past the levels taken apart, a primitive, or a value with toJSON. */
function whole(v: unknown, depth: number): boolean {
  return depth === 0 || v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

/** The pieces whose concatenation is `JSON.stringify(value)` (value: what JSON can express, as a report is). */
export function* jsonPieces(value: unknown, depth = STREAM_DEPTH): Generator<string> {
  // JSON.stringify gives undefined for what JSON cannot hold (a function, a toJSON() giving nothing):
  // an array writes null for it, an object leaves its key out.
  if (whole(value, depth)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* jsonPieces(value[i], depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let comma = '';
  for (const key of Object.keys(value as object)) {
    const item = (value as Record<string, unknown>)[key];
    const text = whole(item, depth - 1) ? JSON.stringify(item) : '';
    if (text === undefined) continue;
    yield `${comma}${JSON.stringify(key)}:`;
    comma = ',';
    if (text) yield text;
    else yield* jsonPieces(item, depth - 1);
  }
  yield '}';
}

const BLOCK = 1 << 16;

/** Writes `length` bytes of `bytes` to an open file, however many calls it takes. */
function writeAll(fd: number, bytes: Buffer, length = bytes.length): void {
  for (let done = 0; done < length; ) done += fs.writeSync(fd, bytes, done, length - done);
}

/** Writes the pieces to an open file as UTF-8, through one reused block. */
export function writePieces(fd: number, pieces: Iterable<string>): void {
  const block = Buffer.allocUnsafe(BLOCK);
  let used = 0;
  for (const piece of pieces) {
    // A UTF-16 unit takes at most three bytes of UTF-8 (a surrogate pair, two units, four).
    if (piece.length * 3 > BLOCK - used) {
      writeAll(fd, block, used);
      used = 0;
    }
    if (piece.length * 3 > BLOCK) writeAll(fd, Buffer.from(piece, 'utf8'));
    else used += block.write(piece, used, 'utf8');
  }
  writeAll(fd, block, used);
}
