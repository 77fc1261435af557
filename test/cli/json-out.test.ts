import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeText } from '../../src/cli/json-out.js';

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

describe('writeText', () => {
  const roundTrip = (text: string): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-json-out-'));
    const file = path.join(dir, 'out.json');
    const fd = fs.openSync(file, 'w');
    writeText(fd, text);
    fs.closeSync(fd);
    const back = fs.readFileSync(file, 'utf8');
    fs.rmSync(dir, { recursive: true });
    return back;
  };

  it('writes UTF-8 across block boundaries: a surrogate pair at every place around them stays whole', () => {
    // A block holds 21845 units; an astral character (two units) put at each offset around the first boundaries.
    for (const at of [21843, 21844, 21845, 21846, 43688, 43689, 43690]) {
      const text = `${'a'.repeat(at)}😀${'日é'.repeat(30000)}😀`;
      expect(roundTrip(text)).toBe(text);
    }
    expect(roundTrip('')).toBe('');
  });

  it('writes any text as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '日', '😀'), maxLength: 60000 }), (text) => {
        expect(roundTrip(text)).toBe(text);
      }),
      { numRuns: 40 },
    );
  });
});
