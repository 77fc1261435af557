import { describe, expect, it } from 'vitest';
import type { Value } from '../../src/model/value.js';
import { call, callError, obj, plain, set, unknown } from './helpers.js';

const u = unknown();

describe('format', () => {
  const cases: [string, Value[], string][] = [
    // Documented examples.
    ['Hello, %s!', ['Ander'], 'Hello, Ander!'],
    ['There are %d lights', [4], 'There are 4 lights'],
    ['%#v', ['hello'], '"hello"'],
    ['%#v', [true], 'true'],
    ['%#v', [1], '1'],
    ['%#v', [obj({ a: 1 })], '{"a":1}'],
    ['%#v', [[true]], '[true]'],
    ['%#v', [null], 'null'],
    // Literal text and %%.
    ['', [], ''],
    ['hello', [], 'hello'],
    ['100%% successful', [], '100% successful'],
    ['%%%v', [false], '%false'],
    // %v: strings as they are, numbers in Go's shortest %g form, everything else as JSON.
    ['string %v', ['hello'], 'string hello'],
    ['string %[2]v', [true, 'hello'], 'string hello'],
    ['number %v', [2], 'number 2'],
    ['%v', [1234567], '1.234567e+06'],
    ['%v', [100000], '100000'],
    ['%v', [0.0001], '0.0001'],
    ['%v', [0.00001], '1e-05'],
    ['bool %v', [true], 'bool true'],
    ['object %v', [obj({})], 'object {}'],
    ['tuple %v', [[]], 'tuple []'],
    ['%v', [null], 'null'],
    ['%v', [set('b', 'a')], '["a","b"]'],
    ['%5v|%-5v', ['ab', 7], '   ab|7    '],
    // %s and %q, width and precision in grapheme clusters.
    ['Hello, %[2]s!', ['Stephen', 'Ermintrude'], 'Hello, Ermintrude!'],
    ['Hello, %q... if that _is_ your real name!', ['Ermintrude'], 'Hello, "Ermintrude"... if that _is_ your real name!'],
    ['This statement is %s', [false], 'This statement is false'],
    ['This statement is %q', [false], 'This statement is "false"'],
    ['%10s', ['hello'], '     hello'],
    ['%-10s', ['hello'], 'hello     '],
    ['%4s', ['💃🏿'], '   💃🏿'],
    ['%-4s', ['💃🏿'], '💃🏿   '],
    ['%q', ['💃🏿'], '"💃🏿"'],
    ['%6q', ['💃🏿'], '   "💃🏿"'],
    ['%.2s', ['hello'], 'he'],
    ['%.2q', ['hello'], '"he"'],
    ['%.5s', ['日本語日本語'], '日本語日本'],
    ['%.1q', ['日本語日本語'], '"日"'],
    ['%.10s', ['hello'], 'hello'],
    ['%.0s', ['hello'], 'hello'],
    ['%4.2s', ['hello'], '  he'],
    ['%6.2q', ['hello'], '  "he"'],
    ['%-4.2s', ['hello'], 'he  '],
    ['%05s', ['ab'], '000ab'],
    ['%q', ['Hello\nWorld'], '"Hello\\nWorld"'],
    ['%q', ['<&>'], '"\\u003c\\u0026\\u003e"'],
    ['%s', [12.5], '12.5'],
    // %t.
    ['This statement is %t', [false], 'This statement is false'],
    ['This statement is %[2]t', [true, false], 'This statement is false'],
    ['This statement is %t', ['false'], 'This statement is false'],
    ['%5t', [true], 'true'],
    // Integers.
    ['%d green bottles standing on the wall', [10], '10 green bottles standing on the wall'],
    ['%[2]d things', [1, 10], '10 things'],
    ['%+d', [10], '+10'],
    ['% d', [10], ' 10'],
    ['%5d|%-5d|%05d', [10, 10, 10], '   10|10   |00010'],
    ['%-05d', [10], '10   '],
    ['%.3d|%6.3d|%06.3d', [7, 7, 7], '007|   007|   007'],
    ['%.0d|', [0], '|'],
    ['%d', [-42], '-42'],
    ['%d', ['123456789012345678901234567890'], '123456789012345678901234567890'],
    ['%d', [1e21], '1000000000000000000000'],
    ['%d', ['42'], '42'],
    ['%b', [5], '101'],
    ['%o', [9], '11'],
    ['%x', [254], 'fe'],
    ['%X', [254], 'FE'],
    ['%#x|%#X|%#o|%#b', [255, 255, 8, 5], '0xff|0XFF|010|0b101'],
    ['%x', [-255], '-ff'],
    // Floats.
    ['%f things', [10], '10.000000 things'],
    ['%[2]f things', [1, 10], '10.000000 things'],
    ['%+f things', [10], '+10.000000 things'],
    ['% f things', [10], ' 10.000000 things'],
    ['%+f things', [-10], '-10.000000 things'],
    ['% f things', [-10], '-10.000000 things'],
    ['%f things', ['100000000000000000000000000000000000001'], '100000000000000000000000000000000000001.000000 things'],
    ['%f things', ['1.00000000000000000000000000000000000001'], '1.000000 things'],
    ['%.4f things', ['1.00000000000000000000000000000000000001'], '1.0000 things'],
    ['%.1f things', ['1.06'], '1.1 things'],
    ['%.2f', [3.14159], '3.14'],
    ['%5.2f|%-7.2f|%07.2f', [3.14159, 3.14159, -3.14159], ' 3.14|3.14   |-003.14'],
    ['%.0f|%.0f|%.0f|%.0f', [0.5, 1.5, 2.5, 3.5], '0|2|2|4'],
    ['%.1f', [0.25], '0.2'],
    ['%.2f', [1e21], '1000000000000000000000.00'],
    ['%e things', [1000], '1.000000e+03 things'],
    ['%E things', [1000], '1.000000E+03 things'],
    ['%.2e', [0.000123456], '1.23e-04'],
    ['%g things', [1000], '1000 things'],
    ['%G things', [1000], '1000 things'],
    ['%g things', ['0.00000000000000000000001'], '1e-23 things'],
    ['%G things', ['0.00000000000000000000001'], '1E-23 things'],
    ['%g', [1234567], '1.234567e+06'],
    ['%.3g', [1234567], '1.23e+06'],
    ['%.3g', [0.5], '0.5'],
    ['%f', [0.1], '0.100000'],
    ['%v|%f|%+5.1e', [Infinity, -Infinity, Infinity], '+Inf|-Inf| +Inf'],
  ];
  it.each(cases)('format(%j, …%j)', (spec, args, want) => {
    expect(call('format', spec, ...args)).toBe(want);
  });

  const errors: [string, Value[], string][] = [
    ['%s', [null], 'Call to function "format" failed: unsupported value for "%s" at 0: null value cannot be formatted.'],
    ['This statement is %t', [null], 'Call to function "format" failed: unsupported value for "%t" at 18: null value cannot be formatted.'],
    ['%d green bottles standing on the wall', [true], 'Call to function "format" failed: unsupported value for "%d" at 0: number required, but have bool.'],
    ['%d', [1.5], 'Call to function "format" failed: unsupported value for "%d" at 0: an integer is required.'],
    ['%d', ['x'], 'Call to function "format" failed: unsupported value for "%d" at 0: a number is required.'],
    ['%t', [1], 'Call to function "format" failed: unsupported value for "%t" at 0: bool required, but have number.'],
    ['%s', [obj({})], 'Call to function "format" failed: unsupported value for "%s" at 0: string required, but have object.'],
    ['%s is not in the args list', [], 'Call to function "format" failed: not enough arguments for "%s" at 0: need index 1 but have 0 total.'],
    ['%[3]s is not in the args list', [true, true], 'Call to function "format" failed: not enough arguments for "%[3]s" at 0: need index 3 but have 2 total.'],
    ['%[0]s is not valid because args are 1-based', [true, true], 'Call to function "format" failed: unrecognized format character \'0\' at offset 2.'],
    ['%v %v %v', [true, true], 'Call to function "format" failed: not enough arguments for "%v" at 6: need index 3 but have 2 total.'],
    ['%z is not a valid sequence', [10], 'Call to function "format" failed: unsupported format verb \'z\' in "%z" at offset 0.'],
    ['%#z is not a valid sequence', [10], 'Call to function "format" failed: unsupported format verb \'z\' in "%#z" at offset 0.'],
    ['%012z is not a valid sequence', [10], 'Call to function "format" failed: unsupported format verb \'z\' in "%012z" at offset 0.'],
    ['%☠ is not a valid sequence', [10], 'Call to function "format" failed: unrecognized format character \'☠\' at offset 1.'],
    ['%💃🏿 is not a valid sequence', [10], 'Call to function "format" failed: unrecognized format character \'💃\' at offset 1.'],
    ['é %!', [], 'Call to function "format" failed: unrecognized format character \'!\' at offset 4.'],
    ['abc%', [], 'Call to function "format" failed: invalid format string starting at offset 4.'],
    ['%[1', [1], 'Call to function "format" failed: invalid format string starting at offset 3.'],
    ['no format verbs at all', [10], 'Invalid value for "args" parameter: too many arguments; no verbs in format string.'],
    ['only one verb %d', [10, 11], 'Invalid value for "args" parameter: too many arguments; only 1 used by format string.'],
    ['%#v', [Infinity], 'Call to function "format" failed: unsupported value for "%#v" at 0: cannot serialize infinity as JSON.'],
  ];
  it.each(errors)('format(%j, …%j) fails', (spec, args, message) => {
    expect(callError('format', spec, ...args)).toBe(message);
  });

  it('refuses a null format string', () => {
    expect(callError('format', null, 10)).toBe('Invalid value for "format" parameter: argument must not be null.');
  });

  it('is unknown when an argument is, even deep inside', () => {
    expect(call('format', 'Hello, %s!', u)).toBe(u);
    expect(call('format', 'tuple with unknown %v', [u])).toBe(u);
    expect(call('format', u, 'x')).toBe(u);
  });
});

describe('formatlist', () => {
  const cases: [string, Value[], unknown][] = [
    ['Hello, %s!', [['Valentina', 'Ander', 'Olivia', 'Sam']], ['Hello, Valentina!', 'Hello, Ander!', 'Hello, Olivia!', 'Hello, Sam!']],
    ['%s, %s!', ['Salutations', ['Valentina', 'Ander', 'Olivia', 'Sam']], ['Salutations, Valentina!', 'Salutations, Ander!', 'Salutations, Olivia!', 'Salutations, Sam!']],
    ['hello', [], ['hello']],
    ['%s', ['x'], ['x']],
    ['%s-%s', [['a', 'b'], set('y', 'x')], ['a-x', 'b-y']],
    ['%s', [[]], []],
    ['%v', [null], ['null']],
    ['%s=%s', [['a', 'b'], [u, 'y']], [{ unknown: u.reason }, 'b=y']],
  ];
  it.each(cases)('formatlist(%j, …%j)', (spec, args, want) => {
    expect(plain(call('formatlist', spec, ...args))).toEqual(want);
  });

  it('requires lists of one length', () => {
    expect(callError('formatlist', '%s %s', ['a'], ['b', 'c'])).toBe(
      'Invalid value for "args" parameter: argument 2 has length 2, which is inconsistent with argument 1 of length 1.',
    );
  });

  it('names the failing iteration', () => {
    expect(callError('formatlist', '%s', [obj({})])).toBe(
      'Call to function "formatlist" failed: error on format iteration 0: unsupported value for "%s" at 0: string required, but have object.',
    );
  });

  it('is unknown when a list argument might be unknown', () => {
    expect(call('formatlist', '%s', u)).toBe(u);
    expect(call('formatlist', '%s', set('a', u))).toBe(u);
  });
});
