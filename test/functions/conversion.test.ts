import { describe, expect, it } from 'vitest';
import { TfSet, type Value } from '../../src/model/value.js';
import { call, callError, obj, plain, set, unknown } from './helpers.js';

type Case = [string, Value[], unknown];
const u = unknown();

describe('type conversion functions', () => {
  const cases: Case[] = [
    // Documented examples.
    ['tobool', [true], true],
    ['tobool', ['true'], true],
    ['tobool', [null], null],
    ['tolist', [['a', 'b', 'c']], ['a', 'b', 'c']],
    ['tolist', [['a', 'b', 3]], ['a', 'b', '3']],
    ['tomap', [obj({ a: 1, b: 2 })], { a: 1, b: 2 }],
    ['tomap', [obj({ a: 'foo', b: true })], { a: 'foo', b: 'true' }],
    ['tonumber', [1], 1],
    ['tonumber', ['1'], 1],
    ['tonumber', [null], null],
    ['toset', [['a', 'b', 'c']], { set: ['a', 'b', 'c'] }],
    ['toset', [['a', 'b', 3]], { set: ['3', 'a', 'b'] }],
    ['toset', [['c', 'b', 'b']], { set: ['b', 'c'] }],
    ['tostring', ['hello'], 'hello'],
    ['tostring', [1], '1'],
    ['tostring', [true], 'true'],
    ['tostring', [null], null],
    // Further behaviour.
    ['tobool', ['false'], false],
    ['tobool', ['1'], true],
    ['tobool', ['0'], false],
    ['tonumber', ['-1.5e3'], -1500],
    ['tonumber', ['.5'], 0.5],
    ['tonumber', ['+2'], 2],
    ['tostring', [0.1], '0.1'],
    ['tostring', [1e21], '1000000000000000000000'],
    ['tolist', [set('b', 'a')], ['a', 'b']],
    ['tolist', [[]], []],
    // Mixed primitives meet in string only when a string is among them (Terraform 1.11's output).
    ['tolist', [[1, true, 'a']], ['1', 'true', 'a']],
    ['tomap', [obj({ a: 1, b: true, c: 'x' })], { a: '1', b: 'true', c: 'x' }],
    ['tolist', [[null, 1, 'a']], [null, '1', 'a']],
    // A set of bools lists false first (Terraform 1.11's output).
    ['toset', [[true, false]], { set: [false, true] }],
    // Strings order by code point (UTF-8 bytes), U+FFFF before an astral character (Terraform 1.11's output).
    ['toset', [['\u{1F600}', '\uffff']], { set: ['\uffff', '\u{1F600}'] }],
    ['tolist', [[null, 1]], [null, 1]],
    ['tolist', [[[1], ['a']]], [['1'], ['a']]],
    ['tolist', [[[1], [2, 3]]], [[1], [2, 3]]],
    ['tolist', [[obj({ a: 1 }), obj({ a: 'x' })]], [{ a: '1' }, { a: 'x' }]],
    ['tolist', [[obj({ a: 1 }), obj({ b: 'x' })]], [{ a: '1' }, { b: 'x' }]],
    ['toset', [set('a')], { set: ['a'] }],
    ['toset', [[1, 1, 2]], { set: [1, 2] }],
    ['tomap', [obj({})], {}],
    ['tomap', [obj({ a: [1], b: ['x'] })], { a: ['1'], b: ['x'] }],
    ['sensitive', ['secret'], 'secret'],
    ['nonsensitive', [[1]], [1]],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });

  const errors: [string, Value[], string][] = [
    ['tobool', ['no'], 'Invalid value for "v" parameter: cannot convert "no" to bool; only the strings "true" or "false" are allowed.'],
    ['tobool', [1], 'Invalid value for "v" parameter: cannot convert number to bool.'],
    ['tobool', ['True'], 'Invalid value for "v" parameter: cannot convert "True" to bool; only the strings "true" or "false" are allowed.'],
    ['tonumber', ['no'], 'Invalid value for "v" parameter: cannot convert "no" to number; given string must be a decimal representation of a number.'],
    ['tonumber', ['0x10'], 'Invalid value for "v" parameter: cannot convert "0x10" to number; given string must be a decimal representation of a number.'],
    ['tonumber', [true], 'Invalid value for "v" parameter: cannot convert bool to number.'],
    ['tostring', [[]], 'Invalid value for "v" parameter: cannot convert tuple to string.'],
    ['tostring', [obj({})], 'Invalid value for "v" parameter: cannot convert object to string.'],
    ['tolist', ['a'], 'Invalid value for "v" parameter: cannot convert string to list of any single type.'],
    ['tolist', [['a', obj({})]], 'Invalid value for "v" parameter: cannot convert tuple to list of any single type.'],
    ['toset', [obj({})], 'Invalid value for "v" parameter: cannot convert object to set of any single type.'],
    ['tomap', [['a']], 'Invalid value for "v" parameter: cannot convert tuple to map of any single type.'],
    ['tomap', [obj({ a: 'x', b: ['y'] })], 'Invalid value for "v" parameter: cannot convert object to map of any single type.'],
    ['tostring', [], 'Function "tostring" expects 1 argument(s). Missing value for "v".'],
    // number and bool convert to string but not to each other, so without a string among them
    // they have no common type: Terraform 1.11 refuses these.
    ['tolist', [[1, true]], 'Invalid value for "v" parameter: cannot convert tuple to list of any single type.'],
    ['tolist', [[null, 1, true]], 'Invalid value for "v" parameter: cannot convert tuple to list of any single type.'],
    ['toset', [[1, false]], 'Invalid value for "v" parameter: cannot convert tuple to set of any single type.'],
    ['tomap', [obj({ a: 1, b: true })], 'Invalid value for "v" parameter: cannot convert object to map of any single type.'],
  ];
  it.each(errors)('%s(%j) fails', (name, args, message) => {
    expect(callError(name, ...args)).toBe(message);
  });

  it.each(['tostring', 'tonumber', 'tobool', 'tolist', 'toset', 'tomap', 'sensitive', 'nonsensitive'])('%s(unknown) is the unknown', (name) => {
    expect(call(name, u)).toBe(u);
  });

  it('keeps unknown elements when converting collections', () => {
    expect(call('tolist', [u, 'a'])).toEqual([u, 'a']);
    const s = call('toset', ['a', u]) as TfSet;
    expect(s).toBeInstanceOf(TfSet);
    expect(s.items).toContain(u);
    // A set whose elements are not all known has an unknown size.
    expect(call('length', s)).toBe(u);
    expect((call('tomap', obj({ a: u, b: 1 })) as Record<string, Value>).a).toBe(u);
  });

  it('does not claim to know sensitivity or ephemerality', () => {
    expect(plain(call('issensitive', 'x'))).toEqual({ unknown: 'issensitive() is not evaluated: gridfence does not track sensitive values' });
    expect(call('ephemeralasnull', 'x')).toHaveProperty('reason');
  });
});

describe('set functions', () => {
  const cases: Case[] = [
    // Documented examples.
    ['setintersection', [['a', 'b'], ['b', 'c'], ['b', 'd']], { set: ['b'] }],
    [
      'setproduct',
      [
        ['development', 'staging', 'production'],
        ['app1', 'app2'],
      ],
      [
        ['development', 'app1'],
        ['development', 'app2'],
        ['staging', 'app1'],
        ['staging', 'app2'],
        ['production', 'app1'],
        ['production', 'app2'],
      ],
    ],
    ['setproduct', [['development', 'staging', 'production'], []], []],
    ['setproduct', [['a'], ['b']], [['a', 'b']]],
    [
      'setproduct',
      [
        ['staging', 'production'],
        ['a', 2],
      ],
      [
        ['staging', 'a'],
        ['staging', '2'],
        ['production', 'a'],
        ['production', '2'],
      ],
    ],
    ['setsubtract', [['a', 'b', 'c'], ['a', 'c']], { set: ['b'] }],
    ['setunion', [['a', 'b'], ['b', 'c'], ['d']], { set: ['a', 'b', 'c', 'd'] }],
    // Further behaviour.
    ['setunion', [set('a'), [1]], { set: ['1', 'a'] }],
    ['setunion', [[1, 2], [2, 3]], { set: [1, 2, 3] }],
    ['setintersection', [set('a', 'b')], { set: ['a', 'b'] }],
    ['setintersection', [[1], ['1']], { set: ['1'] }],
    ['setsubtract', [[obj({ a: 1 }), obj({ a: 2 })], [obj({ a: 1 })]], { set: [{ a: 2 }] }],
    ['setproduct', [set('b', 'a'), ['x']], { set: [['a', 'x'], ['b', 'x']] }],
    ['setproduct', [[], []], []],
    ['setunion', [['a'], [u]], { set: ['a', { unknown: u.reason }] }],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });

  const errors: [string, Value[], string][] = [
    ['setunion', ['a', ['b']], 'Invalid value for "first_set" parameter: set of any single type required.'],
    ['setunion', [['a'], [['b']]], 'Call to function "setunion" failed: given sets must all have compatible element types.'],
    ['setunion', [['a', ['b']]], 'Invalid value for "first_set" parameter: all set elements must have the same type.'],
    ['setproduct', [['a']], 'Call to function "setproduct" failed: at least two arguments are required.'],
    ['setproduct', [['a'], 'b'], 'Invalid value for "sets" parameter: a set or a list is required.'],
    ['setproduct', [['a', ['b']], ['c']], 'Invalid value for "sets" parameter: all elements must be of the same type.'],
    ['setsubtract', [['a']], 'Function "setsubtract" expects 2 argument(s). Missing value for "b".'],
  ];
  it.each(errors)('%s(%j) fails', (name, args, message) => {
    expect(callError(name, ...args)).toBe(message);
  });

  it.each([
    ['setunion', [u, ['a']]],
    ['setintersection', [['a'], [u]]],
    ['setsubtract', [['a', u], ['b']]],
    ['setproduct', [['a'], u]],
    ['setproduct', [set('a', u), ['b']]],
  ] as [string, Value[]][])('%s(%j) is the unknown it depends on', (name, args) => {
    expect(call(name, ...args)).toBe(u);
  });

  it('keeps unknown elements inside a setproduct of lists', () => {
    expect(plain(call('setproduct', ['a'], [u]))).toEqual([['a', { unknown: u.reason }]]);
  });
});
