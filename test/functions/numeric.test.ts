import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Value } from '../../src/model/value.js';
import { formatNumber } from '../../src/loaders/terraform/functions/index.js';
import { call, callError, obj, plain, set, unknown } from './helpers.js';

type Case = [string, Value[], unknown];
const u = unknown();

describe('numeric functions', () => {
  const cases: Case[] = [
    // Documented examples.
    ['abs', [23], 23],
    ['abs', [0], 0],
    ['abs', [-12.4], 12.4],
    ['ceil', [5], 5],
    ['ceil', [5.1], 6],
    ['floor', [5], 5],
    ['floor', [4.9], 4],
    ['log', [50, 10], 1.6989700043360185],
    ['log', [16, 2], 4],
    ['max', [12, 54, 3], 54],
    ['min', [12, 54, 3], 3],
    ['parseint', ['100', 10], 100],
    ['parseint', ['FF', 16], 255],
    ['parseint', ['-10', 16], -16],
    ['parseint', ['1011111011101111', 2], 48879],
    ['parseint', ['aA', 62], 656],
    ['pow', [3, 2], 9],
    ['pow', [4, 0], 1],
    ['range', [3], [0, 1, 2]],
    ['range', [1, 4], [1, 2, 3]],
    ['range', [1, 8, 2], [1, 3, 5, 7]],
    ['range', [1, 4, 0.5], [1, 1.5, 2, 2.5, 3, 3.5]],
    ['range', [4, 1], [4, 3, 2]],
    ['range', [10, 5, -2], [10, 8, 6]],
    ['signum', [-13], -1],
    ['signum', [0], 0],
    ['signum', [344], 1],
    ['sum', [[10, 13, 6, 4.5]], 33.5],
    // Further behaviour.
    ['ceil', [-5.1], -5],
    ['floor', [-4.1], -5],
    ['ceil', [Infinity], Infinity],
    ['max', ['7', 3], 7],
    ['min', [-Infinity, 0], -Infinity],
    ['log', [0, 10], -Infinity],
    ['pow', [2, 64], 18446744073709552000],
    ['pow', [2, -1], 0.5],
    ['parseint', ['+7', 10], 7],
    ['parseint', ['zz', 36], 1295],
    ['parseint', ['ZZ', 36], 1295],
    ['parseint', ['Zz', 62], 3817],
    ['parseint', ['18446744073709551616', 10], 18446744073709551616],
    ['range', [0], []],
    ['range', [-3], [0, -1, -2]],
    ['range', [0, 1, 0.1], [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]],
    ['range', [0.3, 0, -0.1], [0.3, 0.2, 0.1]],
    ['range', [1, 1], []],
    ['range', ['1', '3'], [1, 2]],
    ['sum', [[0.1, 0.2]], 0.3],
    ['sum', [set(1, 2)], 3],
    ['sum', [['1', 2]], 3],
    ['sum', [[1e308, 1e308]], Infinity],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });

  const errors: [string, Value[], string][] = [
    ['max', [], 'Call to function "max" failed: must pass at least one number.'],
    ['min', ['a'], 'Invalid value for "numbers" parameter: a number is required.'],
    ['signum', [0.5], 'Call to function "signum" failed: value must be a whole number, between -9223372036854775808 and 9223372036854775807.'],
    ['pow', [-8, 1 / 3], 'Call to function "pow" failed: result is not a number.'],
    ['log', [-1, 10], 'Call to function "log" failed: result is not a number.'],
    ['parseint', ['12', 2], 'Invalid value for "number" parameter: cannot parse "12" as a base 2 integer.'],
    ['parseint', ['', 10], 'Invalid value for "number" parameter: cannot parse "" as a base 10 integer.'],
    ['parseint', ['0x10', 16], 'Invalid value for "number" parameter: cannot parse "0x10" as a base 16 integer.'],
    ['parseint', ['1_000', 10], 'Invalid value for "number" parameter: cannot parse "1_000" as a base 10 integer.'],
    ['parseint', [10, 10], 'Invalid value for "number" parameter: first argument must be a string, not number.'],
    ['parseint', ['10', 1], 'Invalid value for "base" parameter: base must be a whole number between 2 and 62 inclusive.'],
    ['parseint', ['10', 63], 'Invalid value for "base" parameter: base must be a whole number between 2 and 62 inclusive.'],
    ['parseint', ['10', 2.5], 'Invalid value for "base" parameter: value must be a whole number, between -9223372036854775808 and 9223372036854775807.'],
    ['range', [], 'Call to function "range" failed: must have one, two, or three arguments.'],
    ['range', [1, 2, 3, 4], 'Call to function "range" failed: must have one, two, or three arguments.'],
    ['range', [1, 2, 0], 'Invalid value for "params" parameter: step must not be zero.'],
    ['range', [1, 4, -1], 'Invalid value for "params" parameter: end must be less than start when step is negative.'],
    ['range', [4, 1, 1], 'Invalid value for "params" parameter: end must be greater than start when step is positive.'],
    ['range', [1025], 'Call to function "range" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step.'],
    ['sum', [[]], 'Invalid value for "list" parameter: cannot sum an empty list.'],
    ['sum', ['abc'], 'Invalid value for "list" parameter: cannot sum noniterable.'],
    ['sum', [obj({ a: 1 })], 'Invalid value for "list" parameter: argument must be list, set, or tuple. Received object.'],
    ['sum', [[1, null]], 'Invalid value for "list" parameter: argument must be list, set, or tuple of number values.'],
    ['sum', [[1, 'x']], 'Invalid value for "list" parameter: argument must be list, set, or tuple of number values.'],
    ['sum', [[Infinity, -Infinity]], 'Call to function "sum" failed: can\'t compute sum of opposing infinities.'],
    ['abs', [true], 'Invalid value for "num" parameter: number required, but have bool.'],
  ];
  it.each(errors)('%s(%j) fails', (name, args, message) => {
    expect(callError(name, ...args)).toBe(message);
  });

  it('accepts exactly 1024 values from range', () => {
    expect((call('range', 1024) as number[]).length).toBe(1024);
  });

  it.each([
    ['abs', [u]],
    ['max', [1, u]],
    ['pow', [u, 2]],
    ['parseint', [u, 10]],
    ['sum', [[1, u]]],
    ['range', [u]],
  ] as [string, Value[]][])('%s(%j) is the unknown argument', (name, args) => {
    expect(call(name, ...args)).toBe(u);
  });
});

describe('formatNumber (Terraform number to string)', () => {
  it.each([
    [5, '5'],
    [-5, '-5'],
    [0.1, '0.1'],
    [1.5, '1.5'],
    [100, '100'],
    [1e21, '1000000000000000000000'],
    [123456789012, '123456789012'],
    [1.5e-7, '0.00000015'],
    [2 ** 53, '9007199254740992'],
    [-0, '0'],
  ])('%s → %s', (n, text) => {
    expect(formatNumber(n)).toBe(text);
    expect(call('tostring', n)).toBe(text);
  });

  it('round-trips every double through tonumber', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const back = call('tonumber', formatNumber(x)) as number;
        expect(back === x || (back === 0 && x === 0)).toBe(true);
        expect(formatNumber(x)).not.toMatch(/e/);
      }),
      { numRuns: 500 },
    );
  });
});
