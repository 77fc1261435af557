import { describe, expect, it } from 'vitest';
import { MAP_ELEMENT, markKind, TfSet, Unknown, type Value } from '../../src/model/value.js';
import { call, callError, obj, plain, set, unknown } from './helpers.js';

type Case = [string, Value[], unknown];
const u = unknown();
const v = unknown('var.x is not set');

describe('collection functions: documented examples', () => {
  const cases: Case[] = [
    ['length', [[]], 0],
    ['length', [['a', 'b']], 2],
    ['length', [obj({ a: 'b' })], 1],
    ['length', ['hello'], 5],
    ['length', ['👾🕹️'], 2],
    ['concat', [['a', ''], ['b', 'c']], ['a', '', 'b', 'c']],
    ['merge', [obj({ a: 'b', c: 'd' }), obj({ e: 'f', c: 'z' })], { a: 'b', c: 'z', e: 'f' }],
    ['merge', [obj({ a: 'b' }), obj({ a: [1, 2], c: 'z' }), obj({ d: 3 })], { a: [1, 2], c: 'z', d: 3 }],
    ['merge', [obj({ a: 'b', c: 'd' }), obj({}), obj({ e: 'f', c: 'z' })], { a: 'b', c: 'z', e: 'f' }],
    ['lookup', [obj({ a: 'ay', b: 'bee' }), 'a', 'what?'], 'ay'],
    ['lookup', [obj({ a: 'ay', b: 'bee' }), 'c', 'what?'], 'what?'],
    ['element', [['a', 'b', 'c'], 1], 'b'],
    ['element', [['a', 'b', 'c'], 3], 'a'],
    ['element', [['a', 'b', 'c'], -1], 'c'],
    ['flatten', [[['a', 'b'], [], ['c']]], ['a', 'b', 'c']],
    ['flatten', [[[['a', 'b'], []], ['c']]], ['a', 'b', 'c']],
    ['keys', [obj({ a: 1, c: 2, d: 3 })], ['a', 'c', 'd']],
    ['values', [obj({ a: 3, c: 2, d: 1 })], [3, 2, 1]],
    ['zipmap', [['a', 'b'], [1, 2]], { a: 1, b: 2 }],
    ['coalesce', ['a', 'b'], 'a'],
    ['coalesce', ['', 'b'], 'b'],
    ['coalesce', [1, 2], 1],
    ['coalesce', [1, 'hello'], '1'],
    ['coalesce', [true, 'hello'], 'true'],
    ['coalescelist', [['a', 'b'], ['c', 'd']], ['a', 'b']],
    ['coalescelist', [[], ['c', 'd']], ['c', 'd']],
    ['compact', [['a', '', 'b', null, 'c']], ['a', 'b', 'c']],
    ['contains', [['a', 'b', 'c'], 'a'], true],
    ['contains', [['a', 'b', 'c'], 'd'], false],
    ['distinct', [['a', 'b', 'a', 'c', 'd', 'b']], ['a', 'b', 'c', 'd']],
    ['index', [['a', 'b', 'c'], 'b'], 1],
    ['slice', [['a', 'b', 'c', 'd'], 1, 3], ['b', 'c']],
    ['sort', [['e', 'd', 'a', 'x']], ['a', 'd', 'e', 'x']],
    ['reverse', [[1, 2, 3]], [3, 2, 1]],
    ['chunklist', [['a', 'b', 'c', 'd', 'e'], 2], [['a', 'b'], ['c', 'd'], ['e']]],
    ['chunklist', [['a', 'b', 'c', 'd', 'e'], 1], [['a'], ['b'], ['c'], ['d'], ['e']]],
    ['matchkeys', [['i-123', 'i-abc', 'i-def'], ['us-west', 'us-east', 'us-east'], ['us-east']], ['i-abc', 'i-def']],
    ['transpose', [obj({ a: ['1', '2'], b: ['2', '3'] })], { '1': ['a'], '2': ['a', 'b'], '3': ['b'] }],
    ['one', [[]], null],
    ['one', [['hello']], 'hello'],
    ['one', [set()], null],
    ['one', [set('hello')], 'hello'],
    ['alltrue', [['true', true]], true],
    ['alltrue', [[true, false]], false],
    ['anytrue', [['true']], true],
    ['anytrue', [[true]], true],
    ['anytrue', [[true, false]], true],
    ['anytrue', [[]], false],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });
});

describe('collection functions: further behaviour', () => {
  const cases: Case[] = [
    ['length', [set('a', 'b', 'a')], 2],
    ['length', ['noël'], 4],
    ['length', ['e\u0301'], 1],
    ['concat', [[1], [], [['x']]], [1, ['x']]],
    ['merge', [], {}],
    ['merge', [null, obj({ a: 1 }), null], { a: 1 }],
    ['lookup', [obj({ a: null }), 'a', 'fallback'], null],
    ['lookup', [obj({ a: 1 }), 'a'], 1],
    ['element', [['a', 'b', 'c'], -4], 'c'],
    ['element', [['a', 'b', 'c'], '2'], 'c'],
    ['flatten', [[set('a', 'b'), [[['c']]], null]], ['a', 'b', 'c', null]],
    ['flatten', [set()], []],
    ['keys', [obj({ b: 1, a: 2, B: 3, é: 4, z: 5 })], ['B', 'a', 'b', 'z', 'é']],
    ['values', [obj({})], []],
    ['zipmap', [['a', 'a'], [1, 2]], { a: 2 }],
    ['zipmap', [[1, true], ['x', 'y']], { '1': 'x', true: 'y' }],
    ['coalesce', [null, '', null, 'x'], 'x'],
    ['coalesce', [[], ['a']], []],
    // Terraform 1.11's outputs: known arguments take their unified type; an untyped null leaves
    // number and bool unconverted instead of refusing them.
    ['coalesce', [[1], ['a']], ['1']],
    ['coalesce', [null, 1, true], 1],
    ['coalesce', [null, 1, 'a'], '1'],
    ['coalescelist', [null, [], ['x']], ['x']],
    ['compact', [[1, '', 'b']], ['1', 'b']],
    ['contains', [set('a', 'b'), 'b'], true],
    ['contains', [[1, 2], '1'], false],
    ['contains', [[obj({ a: 1 })], obj({ a: 1 })], true],
    ['distinct', [[1, '1', 2]], ['1', '2']],
    ['distinct', [[[1], [1], [2]]], [[1], [2]]],
    ['index', [[1, 2, 3], 3], 2],
    ['slice', [['a', 'b'], 0, 0], []],
    ['slice', [['a', 'b'], 2, 2], []],
    ['sort', [[3, 10, 1]], ['1', '10', '3']],
    ['sort', [['b', 'B', 'a', 'é', 'z', '😀', '\uffff']], ['B', 'a', 'b', 'z', 'é', '\uffff', '😀']],
    ['reverse', [set('b', 'a')], ['b', 'a']],
    ['chunklist', [[], 3], []],
    ['chunklist', [['a', 'b', 'c'], 0], [['a', 'b', 'c']]],
    ['chunklist', [[1, 'a'], 1], [['1'], ['a']]],
    ['matchkeys', [['a', 'b'], [1, 2], ['2']], ['b']],
    ['matchkeys', [['a', 'b'], [1, 2], []], []],
    ['transpose', [obj({})], {}],
    ['transpose', [obj({ b: ['x'], a: ['x', 'x'] })], { x: ['a', 'a', 'b'] }],
    ['alltrue', [[]], true],
    ['alltrue', [[null, true]], false],
    ['alltrue', [set(true)], true],
    ['anytrue', [[null, 'false']], false],
  ];
  it.each(cases)('%s(%j)', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });

  it('returns a fresh object from merge, never an argument', () => {
    const a = obj({ a: 1 });
    const r = call('merge', a);
    expect(r).not.toBe(a);
    // No inherited keys: the prototype chain holds nothing but an empty null-prototype object.
    expect(Object.getPrototypeOf(Object.getPrototypeOf(r))).toBe(null);
    expect('toString' in (r as object)).toBe(false);
  });
});

describe('concat of lists', () => {
  const list = (...items: Value[]): Value[] => markKind(items, 'list');
  // Expected values are Terraform 1.11's outputs.
  it('unifies the element types when every argument is a list', () => {
    expect(call('concat', list(1), list('a'))).toEqual(['1', 'a']);
    expect(call('concat', list([1]), list(['a']))).toEqual([['1'], ['a']]);
  });
  it('keeps the elements when a tuple is among the arguments or the element types do not unify', () => {
    expect(call('concat', list(1), ['a'])).toEqual([1, 'a']);
    expect(call('concat', list(1), list(true))).toEqual([1, true]);
  });
});

describe('element with a negative index', () => {
  // Expected values are Terraform 1.11's: a list wraps a negative index, a tuple fails.
  it('wraps around a list', () => {
    expect(call('element', markKind(['a', 'b'], 'list'), -1)).toBe('b');
    expect(call('element', markKind(['a', 'b'], 'list'), -3)).toBe('b');
  });
  it('fails on a tuple', () => {
    expect(callError('element', markKind(['a', 'b'], 'tuple'), -3)).toBe(
      'Call to function "element" failed: panic in function implementation: runtime error: index out of range [-1].',
    );
  });
  // Terraform 1.11: element(["a", "b"], -2), element(["a", "b"], -4) and element(["a", "b", "c"], -3)
  // are "a" (Go's -4 % 2 is 0, a valid index); element(["a", "b", "c"], -4) fails at [-1].
  it('takes the first element of a tuple when the index is a multiple of its length', () => {
    expect(call('element', markKind(['a', 'b'], 'tuple'), -2)).toBe('a');
    expect(call('element', markKind(['a', 'b'], 'tuple'), -4)).toBe('a');
    expect(call('element', markKind(['a', 'b', 'c'], 'tuple'), -3)).toBe('a');
    expect(callError('element', markKind(['a', 'b', 'c'], 'tuple'), -4)).toBe(
      'Call to function "element" failed: panic in function implementation: runtime error: index out of range [-1].',
    );
  });
});

describe('lookup in a map of a known element type', () => {
  // Expected values are Terraform 1.11's: the default takes the map's element type, and a default
  // that cannot is refused whether or not the key is present.
  const typed = () => {
    const m = obj({ a: 1 });
    Object.defineProperty(m, MAP_ELEMENT, { value: 'number' });
    return m;
  };
  const DEFAULT_TYPE = 'Invalid value for "default" parameter: the default value must have the same type as the map elements.';
  it('converts the default', () => {
    expect(call('lookup', typed(), 'b', '5')).toBe(5);
    expect(call('lookup', markKind(obj({ a: 'x' }), 'map'), 'b', 5)).toBe('5');
  });
  it('refuses a default of another type', () => {
    expect(callError('lookup', typed(), 'b', 'x')).toBe(DEFAULT_TYPE);
    expect(callError('lookup', typed(), 'a', 'x')).toBe(DEFAULT_TYPE);
    expect(callError('lookup', markKind(obj({ a: true }), 'map'), 'b', 1)).toBe(DEFAULT_TYPE);
  });
  it('leaves the default of an object as it is', () => {
    expect(call('lookup', obj({ a: 1 }), 'b', 'x')).toBe('x');
  });
});

describe('collection functions: errors', () => {
  const cases: [string, Value[], string][] = [
    ['length', [5], 'Call to function "length" failed: argument must be a string, a collection type, or a structural type.'],
    ['length', [null], 'Invalid value for "value" parameter: argument must not be null.'],
    ['concat', [], 'Call to function "concat" failed: at least one argument is required.'],
    ['concat', [['a'], 'b'], 'Invalid value for "seqs" parameter: all arguments must be lists or tuples; got string.'],
    ['concat', [['a'], set('b')], 'Invalid value for "seqs" parameter: all arguments must be lists or tuples; got set of string.'],
    ['merge', [obj({}), ['a']], 'Call to function "merge" failed: arguments must be maps or objects, got "tuple".'],
    ['lookup', [obj({ a: 1 }), 'b'], 'Invalid value for "inputMap" parameter: the given object has no attribute "b".'],
    ['lookup', [['a'], 'b', 'c'], 'Invalid value for "inputMap" parameter: lookup() requires a map as the first argument.'],
    ['lookup', [obj({}), 'a', 'b', 'c'], 'Call to function "lookup" failed: lookup() takes two or three arguments, got 4.'],
    ['lookup', [obj({})], 'Function "lookup" expects at least 2 argument(s). Missing value for "key".'],
    ['element', [[], 0], 'Call to function "element" failed: cannot use element function with an empty list.'],
    ['element', [['a'], 0.5], 'Call to function "element" failed: invalid index: value must be a whole number, between -9223372036854775808 and 9223372036854775807.'],
    ['element', [set('a'), 0], 'Call to function "element" failed: cannot read elements from set of string.'],
    ['element', [['a'], 'x'], 'Invalid value for "index" parameter: a number is required.'],
    ['flatten', ['abc'], 'Call to function "flatten" failed: can only flatten lists, sets and tuples.'],
    ['keys', [['a']], 'Invalid value for "inputMap" parameter: must have map or object type.'],
    ['values', ['a'], 'Call to function "values" failed: values() requires a map as the first argument.'],
    ['zipmap', [['a'], [1, 2]], 'Call to function "zipmap" failed: number of keys (1) does not match number of values (2).'],
    ['zipmap', [['a', null], [1, 2]], 'Call to function "zipmap" failed: keys list has null value at index 1.'],
    ['zipmap', [[['a']], [1]], 'Invalid value for "keys" parameter: element 0: string required, but have tuple.'],
    ['coalesce', [obj({}), 'hello'], 'Call to function "coalesce" failed: all arguments must have the same type.'],
    // number and bool have no common type (Terraform 1.11 refuses this).
    ['coalesce', [1, true], 'Call to function "coalesce" failed: all arguments must have the same type.'],
    ['coalesce', [[1], [true]], 'Call to function "coalesce" failed: all arguments must have the same type.'],
    ['coalesce', [null, ''], 'Call to function "coalesce" failed: no non-null, non-empty-string arguments.'],
    ['coalesce', [], 'Call to function "coalesce" failed: no non-null, non-empty-string arguments.'],
    ['coalescelist', [[], []], 'Call to function "coalescelist" failed: no non-null arguments.'],
    ['coalescelist', ['a'], 'Call to function "coalescelist" failed: coalescelist arguments must be lists or tuples.'],
    ['coalescelist', [], 'Call to function "coalescelist" failed: at least one argument is required.'],
    ['compact', ['a'], 'Invalid value for "list" parameter: list of string required.'],
    ['contains', ['abc', 'a'], 'Call to function "contains" failed: argument must be list, tuple, or set.'],
    ['distinct', [[obj({}), 'a']], 'Invalid value for "list" parameter: all list elements must have the same type.'],
    ['index', [[], 'a'], 'Call to function "index" failed: cannot search an empty list.'],
    ['index', [['a'], 'b'], 'Call to function "index" failed: item not found.'],
    ['index', [set('a'), 'a'], 'Call to function "index" failed: argument must be a list or tuple.'],
    ['slice', [['a'], 2, 2], 'Invalid value for "start_index" parameter: start index must not be greater than the length of the list.'],
    ['slice', [['a'], 0, 2], 'Invalid value for "end_index" parameter: end index must not be greater than the length of the list.'],
    ['slice', [['a', 'b'], 2, 1], 'Invalid value for "start_index" parameter: start index must not be greater than end index.'],
    ['slice', [['a'], -1, 1], 'Invalid value for "start_index" parameter: start index must not be less than zero.'],
    ['slice', [set('a'), 0, 1], 'Invalid value for "list" parameter: cannot slice a set, because its elements do not have indices; explicitly convert to a list if the ordering of the result is not important.'],
    ['slice', [['a'], 0.5, 1], 'Invalid value for "start_index" parameter: invalid start index: value must be a whole number, between -9223372036854775808 and 9223372036854775807.'],
    ['sort', [['a', null]], 'Call to function "sort" failed: given list element 1 is null; a null string cannot be sorted.'],
    ['sort', [[obj({})]], 'Invalid value for "list" parameter: element 0: string required, but have object.'],
    ['reverse', ['abc'], 'Invalid value for "list" parameter: can only reverse list or tuple values, not string.'],
    ['chunklist', [['a'], -1], 'Call to function "chunklist" failed: the size argument must be positive.'],
    ['matchkeys', [['a'], ['x', 'y'], ['x']], 'Call to function "matchkeys" failed: length of keys and values should be equal.'],
    ['matchkeys', [['a'], [[1]], ['x']], 'Call to function "matchkeys" failed: keys and searchset must be of the same type.'],
    ['transpose', [obj({ a: null })], 'Call to function "transpose" failed: input must not contain null list.'],
    ['transpose', [obj({ a: ['x', null] })], 'Call to function "transpose" failed: input list must not contain null string.'],
    ['one', [['hello', 'goodbye']], 'Invalid value for "list" parameter: must be a list, set, or tuple value with either zero or one elements.'],
    ['one', [set('hello', 'goodbye')], 'Invalid value for "list" parameter: must be a list, set, or tuple value with either zero or one elements.'],
    ['alltrue', [[1]], 'Invalid value for "list" parameter: element 0: bool required, but have number.'],
    ['anytrue', [['yes']], 'Invalid value for "list" parameter: element 0: a bool is required.'],
  ];
  it.each(cases)('%s(%j)', (name, args, message) => {
    expect(callError(name, ...args)).toBe(message);
  });
});

describe('collection functions: unknowns', () => {
  const known: Case[] = [
    // Terraform knows these results although some elements are unknown.
    ['length', [[u, 1]], 2],
    ['length', [obj({ a: u })], 1],
    ['concat', [[u], [1]], [{ unknown: u.reason }, 1]],
    ['merge', [obj({ a: u }), obj({ b: 1 })], { a: { unknown: u.reason }, b: 1 }],
    ['element', [[u, 'b'], 1], 'b'],
    ['lookup', [obj({ a: u, b: 1 }), 'b'], 1],
    ['lookup', [obj({ a: 1 }), 'b', u], { unknown: u.reason }],
    ['keys', [obj({ a: u })], ['a']],
    ['values', [obj({ a: u })], [{ unknown: u.reason }]],
    ['zipmap', [['a'], [u]], { a: { unknown: u.reason } }],
    ['coalesce', ['', 'x', u], 'x'],
    ['coalescelist', [['x'], u], ['x']],
    ['contains', [[u, 'a'], 'a'], true],
    ['index', [['a', u], 'a'], 0],
    ['slice', [[u, 1, 2], 1, 3], [1, 2]],
    ['reverse', [[u, 1]], [1, { unknown: u.reason }]],
    ['chunklist', [[u, 1], 1], [[{ unknown: u.reason }], [1]]],
    ['alltrue', [[false, u]], false],
    ['anytrue', [[u, true]], true],
    ['one', [[u]], { unknown: u.reason }],
    ['startswith', [u, ''], true],
  ];
  it.each(known)('%s(%j) is known', (name, args, want) => {
    expect(plain(call(name, ...args))).toEqual(want);
  });

  const unknownCases: [string, Value[], Unknown][] = [
    ['length', [u], u],
    ['length', [set('a', u)], u],
    ['concat', [['a'], u], u],
    ['merge', [obj({}), u], u],
    ['lookup', [u, 'a'], u],
    ['lookup', [obj({ a: 1 }), u], u],
    ['lookup', [obj({ a: u }), 'a'], u],
    ['element', [[u, 'b'], 0], u],
    ['element', [['a'], u], u],
    ['flatten', [[['a'], u]], u],
    ['keys', [u], u],
    ['zipmap', [['a', u], [1, 2]], u],
    ['coalesce', ['', u, 'x'], u],
    ['coalesce', [null, u], u],
    ['coalescelist', [[], u, ['x']], u],
    ['compact', [['a', u]], u],
    ['contains', [[u, 'b'], 'a'], u],
    ['contains', [['a'], u], u],
    ['contains', [[], u], u],
    ['distinct', [['a', u]], u],
    ['index', [[u, 'a'], 'a'], u],
    ['sort', [['b', u]], u],
    ['sort', [u], u],
    ['matchkeys', [['a', 'b'], ['x', u], ['x']], u],
    ['matchkeys', [['a'], ['x'], [u]], u],
    ['transpose', [obj({ a: [u] })], u],
    ['one', [set(u, 'a')], u],
    ['alltrue', [[u, false]], u],
    ['alltrue', [[true, u]], u],
    ['anytrue', [[false, u]], u],
    ['slice', [['a'], 0, u], u],
    ['chunklist', [['a'], u], u],
  ];
  it.each(unknownCases)('%s(%j) is the unknown it depends on', (name, args, want) => {
    expect(call(name, ...args)).toBe(want);
  });

  it('reuses the first unknown argument', () => {
    expect(call('concat', v, u)).toBe(v);
    expect(call('lookup', v, u)).toBe(v);
  });

  it('keeps unknown elements of a list it builds', () => {
    const r = call('concat', [u], [1]) as Value[];
    expect(r[0]).toBe(u);
    expect(call('tolist', [u, 'a'])).toEqual([u, 'a']);
    expect(call('toset', ['a', u])).toBeInstanceOf(TfSet);
  });
});
