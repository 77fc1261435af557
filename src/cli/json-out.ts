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

/** The pieces whose concatenation is `JSON.stringify(value)` (value: what JSON can express, as a report is). */
export function* jsonPieces(value: unknown, depth = STREAM_DEPTH): Generator<string> {
  if (depth === 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    // JSON.stringify gives undefined for what JSON cannot hold; in an array JSON writes null.
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
  let first = true;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    // Skipped by JSON.stringify, as here; so is a value whose toJSON() gives nothing JSON holds.
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    const whole = depth === 1 || item === null || typeof item !== 'object' || typeof (item as { toJSON?: unknown }).toJSON === 'function' ? JSON.stringify(item) : '';
    if (whole === undefined) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (whole !== '') yield whole;
    else yield* jsonPieces(item, depth - 1);
  }
  yield '}';
}

const BLOCK = 1 << 16;

/** Writes the pieces to an open file as UTF-8, through one reused block. */
export function writePieces(fd: number, pieces: Iterable<string>): void {
  const block = Buffer.allocUnsafe(BLOCK);
  let used = 0;
  const flush = (): void => {
    for (let done = 0; done < used; ) done += fs.writeSync(fd, block, done, used - done);
    used = 0;
  };
  for (const piece of pieces) {
    // A UTF-16 unit takes at most three bytes of UTF-8 (a surrogate pair, two units, four).
    if (piece.length * 3 > BLOCK - used) flush();
    if (piece.length * 3 > BLOCK) {
      const bytes = Buffer.from(piece, 'utf8');
      for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    } else used += block.write(piece, used, 'utf8');
  }
  flush();
}
