import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newObject, UnknownEncoding } from '../../src/model/value.js';
import type { Value } from '../../src/model/value.js';
import { call, callError, obj, plain, set, unknown } from './helpers.js';

type Case = [string, Value[], unknown];
const u = unknown();

describe('base64 and URL encoding', () => {
  const cases: Case[] = [
    ['base64encode', ['Hello World'], 'SGVsbG8gV29ybGQ='],
    ['base64decode', ['SGVsbG8gV29ybGQ='], 'Hello World'],
    ['base64encode', ['☃'], '4piD'],
    ['base64encode', [''], ''],
    ['base64decode', ['SGVs\r\nbG8='], 'Hello'],
    ['base64decode', ['4piD'], '☃'],
    ['urlencode', ['Hello World!'], 'Hello+World%21'],
    ['urlencode', ['☃'], '%E2%98%83'],
    ['urlencode', ['foo=bar&a/b?c~d-e_f.g'], 'foo%3Dbar%26a%2Fb%3Fc~d-e_f.g'],
    ['textencodebase64', ['Hello World', 'UTF-16LE'], 'SABlAGwAbABvACAAVwBvAHIAbABkAA=='],
    ['textdecodebase64', ['SABlAGwAbABvACAAVwBvAHIAbABkAA==', 'UTF-16LE'], 'Hello World'],
    ['textencodebase64', ['hé', 'utf-8'], 'aMOp'],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });

  it.each([
    ['base64decode', ['SGVsbG8'], 'Call to function "base64decode" failed: failed to decode base64 data "SGVsbG8".'],
    ['base64decode', ['SGV=sbG8'], 'Call to function "base64decode" failed: failed to decode base64 data "SGV=sbG8".'],
    ['base64decode', ['/w=='], 'Call to function "base64decode" failed: the result of decoding the provided string is not valid UTF-8.'],
  ] as [string, Value[], string][])('%s(%j) fails', (name, args, message) => {
    expect(callError(name, ...args)).toBe(message);
  });

  it('does not guess what it cannot reproduce', () => {
    expect(call('base64gzip', 'x')).toHaveProperty('reason');
    expect(call('textencodebase64', 'x', 'Shift_JIS')).toHaveProperty('reason');
    expect(call('yamlencode', obj({ a: 1 }))).toHaveProperty('reason');
  });
});

describe('jsonencode and jsondecode', () => {
  const cases: Case[] = [
    ['jsonencode', [obj({ hello: 'world' })], '{"hello":"world"}'],
    ['jsondecode', ['{"hello": "world"}'], { hello: 'world' }],
    ['jsondecode', ['true'], true],
    ['jsonencode', [obj({ b: 1, a: [true, null, 'x'], A: obj({}) })], '{"A":{},"a":[true,null,"x"],"b":1}'],
    ['jsonencode', [null], 'null'],
    ['jsonencode', [1e21], '1000000000000000000000'],
    ['jsonencode', [0.1], '0.1'],
    ['jsonencode', [-2.5], '-2.5'],
    ['jsonencode', ['<a href="x">&amp;</a>'], '"\\u003ca href=\\"x\\"\\u003e\\u0026amp;\\u003c/a\\u003e"'],
    ['jsonencode', ['\b\f\n\r\t\u0001\u001f\u007f\u2028\u2029\\'], '"\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\\u2028\\u2029\\\\"'],
    ['jsonencode', ['😀é'], '"😀é"'],
    ['jsonencode', ['\ud800x'], '"\ufffdx"'],
    ['jsonencode', [set('b', 'a')], '["a","b"]'],
    ['jsonencode', [obj({ é: 1, z: 2, Z: 3 })], '{"Z":3,"z":2,"é":1}'],
    ['jsondecode', ['[1, 2.5, -3e2, "x", null, {"a": {}}]'], [1, 2.5, -300, 'x', null, { a: {} }]],
    ['jsondecode', ['"\\u00e9\\ud83d\\ude00\\/"'], 'é😀/'],
    ['jsondecode', ['"\\ud800"'], '\ufffd'],
    ['jsondecode', ['  {}  '], {}],
    // A repeated key keeps its last value (Terraform 1.11's output).
    ['jsondecode', ['{"b": 1, "a": 2, "b": 3}'], { a: 2, b: 3 }],
    ['jsondecode', ['{"a": true, "a": "x"}'], { a: 'x' }],
    ['jsondecode', ['{"a": "5", "a": 1}'], { a: 1 }],
    ['jsondecode', ['{"a": null, "a": [1]}'], { a: [1] }],
    ['jsondecode', ['{"a": {"x": 1}, "a": {"x": 1, "y": 1}}'], { a: { x: 1, y: 1 } }],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });

  it.each([
    // Terraform 1.11: every value of a repeated key must fit the type of its last value.
    ['{"a": "x", "a": 1}', 'a number is required'],
    ['{"a": [1], "a": [1, 2]}', 'not enough tuple elements (need 2)'],
    ['{"a": {"x": 1}, "a": {"y": 1}}', 'unsupported attribute "x"'],
    ['{"a": 1, "a": null}', 'missing expected {'],
    ['', 'EOF'],
    ['{"a": 1', 'unexpected EOF'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a": 1 "b"}', 'invalid character \'"\' after object key:value pair'],
    ['{a: 1}', "invalid character 'a' looking for beginning of object key string"],
    ['nul', 'unexpected EOF'],
    ['nulx', "invalid character 'x' in literal null (expecting 'l')"],
    ['x', "invalid character 'x' looking for beginning of value"],
    ['01', 'extraneous data after JSON object'],
    ['1 2', 'extraneous data after JSON object'],
    ['"a\nb"', "invalid character '\\n' in string literal"],
    ['"\\q"', "invalid character 'q' in string escape code"],
  ])('jsondecode(%j) fails: %s', (text, message) => {
    expect(callError('jsondecode', text)).toBe(`Call to function "jsondecode" failed: ${message}.`);
  });

  it('refuses infinity', () => {
    expect(callError('jsonencode', Infinity)).toBe('Call to function "jsonencode" failed: cannot serialize infinity as JSON.');
  });

  it('is unknown when any part of the value is', () => {
    // Unknown for the same reason, with the encoded value kept for readers of its structure.
    const enc = call('jsonencode', obj({ a: [1, u] }));
    expect(enc).toBeInstanceOf(UnknownEncoding);
    expect(enc).toMatchObject({ reason: u.reason, ref: u.ref });
    expect(plain((enc as UnknownEncoding).value)).toEqual(plain(obj({ a: [1, u] })));
    expect(call('jsondecode', u)).toBe(u);
  });

  it('round-trips through jsondecode', () => {
    const v = obj({ a: [1, 'two', null, true, obj({ b: 0.5 })] });
    expect(plain(call('jsondecode', call('jsonencode', v)))).toEqual(plain(v));
  });

  it('round-trips any JSON-shaped value, and agrees with JSON.parse', () => {
    const { value } = fc.letrec<{ value: Value }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
        // Terraform holds every string in NFC, so only NFC strings can round-trip.
        fc.string({ unit: 'binary' }).map((x) => x.normalize('NFC')),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 4 }).map((d) => newObject(Object.entries(d).map(([k, x]) => [k.normalize('NFC'), x]))),
      ),
    }));
    fc.assert(
      fc.property(value, (v) => {
        const text = call('jsonencode', v) as string;
        expect(plain(call('jsondecode', text))).toEqual(plain(v));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(plain(v))));
      }),
      { numRuns: 300 },
    );
  });
});

describe('yamldecode', () => {
  const cases: [string, unknown][] = [
    // Documented examples.
    ['hello: world', { hello: 'world' }],
    ['true', true],
    ['{a: &foo [1, 2, 3], b: *foo}', { a: [1, 2, 3], b: [1, 2, 3] }],
    // go-cty-yaml's scalar resolution.
    ['[yes, No, off, ON, y, "yes", ~, null, "", 1.5, -3, +4, 0x1F, 0o17, 017, 1e3, .5, .inf, -.Inf, 1_000]', [true, false, false, true, true, 'yes', null, null, '', 1.5, -3, 4, 31, 15, 17, 1000, 0.5, Infinity, -Infinity, '1_000']],
    ['a:\nb: ""', { a: null, b: '' }],
    ['d: 2001-12-14\nt: 2001-12-14t21:59:43.10-05:00\ns: 2001-12-14 21:59:43.10\nq: "2001-12-14"', { d: '2001-12-14T00:00:00Z', t: '2001-12-14T21:59:43-05:00', s: '2001-12-14T21:59:43Z', q: '2001-12-14' }],
    ["a: !!str 5\nb: !!int '5'\nc: !!float 7\nd: !!bool yes\ne: !!null x", { a: '5', b: '5', c: 7, d: true, e: null }],
    ['a: |-\n  true\nb: |\n  true\n', { a: true, b: 'true\n' }],
    ['1: a\ntrue: b\n3.5: c', { '1': 'a', true: 'b', '3.5': 'c' }],
    ['base: &b {p: 1, q: 2}\nderived:\n  <<: *b\n  q: 3', { base: { p: 1, q: 2 }, derived: { p: 1, q: 3 } }],
    ['base: {p: 1}\nderived:\n  <<: [{p: 2, q: 2}, {r: 3}]', { base: { p: 1 }, derived: { p: 2, q: 2, r: 3 } }],
    // Keys resolve like values, so YAML 1.1's "y" is the boolean true and becomes the key "true".
    ['y: 1\nn: 2\n"y": 3', { true: 1, false: 2, y: 3 }],
    ['a: 1\na: 2', { a: 2 }],
    ['- - 1\n  - 2\n- {}', [[1, 2], {}]],
    ['', null],
  ];
  it.each(cases)('yamldecode(%j)', (text, want) => {
    if (text === '') {
      expect(callError('yamldecode', text)).toBe('Call to function "yamldecode" failed: missing start of document.');
      return;
    }
    expect(plain(call('yamldecode', text))).toEqual(want);
  });

  it.each([
    ['{a: &foo [1, *foo, 3]}', 'cannot refer to anchor "foo" from inside its own definition'],
    ['{a: !not-supported foo}', 'unsupported tag "!not-supported"'],
    ['a: *nope', 'reference to undefined anchor "nope"'],
    ['a: .nan', 'floating point NaN is not supported'],
    ['---\na: 1\n---\nb: 2', 'only a single document is allowed'],
    ['a: !!int x', 'cannot parse "x" as tag:yaml.org,2002:int'],
    ['? [a]\n: b', 'only strings are allowed as mapping keys'],
    ['~: b', 'mapping key cannot be null'],
  ])('yamldecode(%j) fails: %s', (text, message) => {
    expect(callError('yamldecode', text)).toBe(`Call to function "yamldecode" failed: ${message}.`);
  });

  it('reports positions after the first line as go-cty-yaml does', () => {
    expect(callError('yamldecode', 'a: 1\nb: !foo x')).toBe('Call to function "yamldecode" failed: on line 1, column 4: unsupported tag "!foo".');
  });

  it('reports syntax errors', () => {
    expect(callError('yamldecode', 'a: [1, 2')).toMatch(/^Call to function "yamldecode" failed: /);
  });
});

describe('csvdecode', () => {
  it('decodes the documented example', () => {
    expect(plain(call('csvdecode', 'a,b,c\n1,2,3\n4,5,6'))).toEqual([
      { a: '1', b: '2', c: '3' },
      { a: '4', b: '5', c: '6' },
    ]);
  });

  it.each([
    ['a,b\r\n"x,""y""",\n\n"multi\r\nline",z\n', [{ a: 'x,"y"', b: '' }, { a: 'multi\nline', b: 'z' }]],
    ['a,b', []],
    ['a', []],
  ])('csvdecode(%j)', (text, want) => {
    expect(plain(call('csvdecode', text))).toEqual(want);
  });

  it.each([
    ['', 'missing header line'],
    ['a,b\n1', 'CSV parse error on line 2: wrong number of fields'],
    ['a,b\n1,x"y', 'CSV parse error on line 2: bare " in non-quoted-field'],
    ['a,b\n"1"x,2', 'CSV parse error on line 2: extraneous or missing " in quoted-field'],
    ['a,a\n1,2', 'duplicate column name "a"'],
  ])('csvdecode(%j) fails: %s', (text, message) => {
    expect(callError('csvdecode', text)).toBe(`Call to function "csvdecode" failed: ${message}.`);
  });
});
