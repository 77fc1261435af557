import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonPieces, writePieces } from '../../src/cli/json-out.js';

/** Values as reports hold them, with what JSON.stringify skips or turns into null mixed in. */
const reportValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, true, false, Number.NaN, -0, Infinity),
    fc.double(),
    fc.string({ unit: 'binary' }),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value')),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('value')),
  ),
})).value;

describe('jsonPieces', () => {
  it('joins to exactly what JSON.stringify writes', () => {
    fc.assert(
      fc.property(reportValue, (v) => {
        fc.pre(v !== undefined);
        expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('skips functions and symbols as JSON.stringify does', () => {
    const v = { a: () => 1, b: Symbol('s'), c: [() => 1, undefined, 2], d: { e: undefined } };
    expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v));
  });
});

describe('writePieces', () => {
  it('writes UTF-8 across block boundaries, small and large pieces alike', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-json-out-'));
    const file = path.join(dir, 'out.json');
    // Pieces of every length around the block size, with two-, three- and four-byte characters.
    const pieces = Array.from({ length: 300 }, (_, i) => 'aé日😀'.repeat((i * 997) % 9000));
    const fd = fs.openSync(file, 'w');
    writePieces(fd, pieces);
    fs.closeSync(fd);
    expect(fs.readFileSync(file, 'utf8')).toBe(pieces.join(''));
    fs.rmSync(dir, { recursive: true });
  });
});
