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

  it('honours toJSON at every level, one that gives nothing JSON holds too', () => {
    const nothing = { toJSON: () => undefined };
    const v = { a: nothing, b: [nothing, new Date(0)], c: { d: nothing, e: { toJSON: () => ({ f: 1 }) } } };
    expect([...jsonPieces(v)].join('')).toBe(JSON.stringify(v));
  });
});

describe('writeOut', () => {
  it('a value JSON cannot hold is an internal error, and the file keeps what it held', async () => {
    const { writeOut } = await import('../../src/cli/run-options.js');
    const { InputError } = await import('../../src/model/errors.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-json-out-'));
    const file = path.join(dir, 'baseline.json');
    fs.writeFileSync(file, '{"findings":[]}\n');
    const loop: Record<string, unknown> = { findings: [] };
    loop['self'] = loop;
    let thrown: unknown;
    try {
      writeOut('--write-baseline', file, { json: loop, pretty: false });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).not.toBeInstanceOf(InputError);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"findings":[]}\n');
    fs.rmSync(dir, { recursive: true });
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
