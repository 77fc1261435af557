/**
 * The position-keeping JSON parser against JSON.parse: on any JSON text it yields the same value,
 * every value's range is the text that wrote it, and on any other text both refuse — ours with an
 * InputError at a place inside the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonDeferring, parseJsonSections, parseJsonValueAt, parsePositionedJson, parsePositionedJsonAt, type JsonCursor, type JsonTree, type PlainJson, type PositionedJson } from '../../src/loaders/json.js';
import { parseTemplateParts, type Node as CfnNode } from '../../src/loaders/cfn/syntax.js';
import { InputError } from '../../src/model/errors.js';
import { spliced, splices } from '../support/mutate.js';
import { SourceFile } from '../../src/model/source.js';

function plain(j: PositionedJson): unknown {
  switch (j.t) {
    case 'object':
      return Object.fromEntries(j.entries.map((e) => [e.key, plain(e.value)]));
    case 'array':
      return j.items.map(plain);
    case 'null':
      return null;
    default:
      return j.value;
  }
}

/** Every range reads back: a scalar's text parses to its value, a container's text to its plain value. */
function rangesReadBack(text: string, j: PositionedJson): void {
  expect(JSON.parse(text.slice(j.start, j.end))).toEqual(plain(j));
  if (j.t === 'object') {
    for (const e of j.entries) {
      expect(JSON.parse(text.slice(e.keyStart, e.keyEnd))).toBe(e.key);
      rangesReadBack(text, e.value);
    }
  } else if (j.t === 'array') for (const x of j.items) rangesReadBack(text, x);
}

const parse = (text: string): PositionedJson => parsePositionedJson(new SourceFile('t.json', text), 'test');

/** Characters that make or break JSON, for mutations. */
const ALPHABET = ['{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '1', '-', '+', '.', 'e', 'E', 't', 'f', 'n', ' ', '\n', '\r', '\t', 'a', '\u0001', '\u00e9', '\ud83d'];
/** One to three edits: a character inserted, removed, or put in place of another. */
const EDITS = splices(['', ...ALPHABET], 1, 3);

describe('parsePositionedJson', () => {
  it('reads every JSON text as JSON.parse does, with ranges that read back', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 1, 2, '\t'), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        const j = parse(text);
        expect(plain(j)).toEqual(JSON.parse(text));
        rangesReadBack(text, j);
      }),
      { numRuns: 1500 },
    );
  });

  it('builds the same values through another builder, the CloudFormation loader nodes (resources read apart), ranges included', () => {
    // Documents with a Resources mapping too, which the template reader builds one resource at a time.
    const template = fc.record({ Resources: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), Outputs: fc.jsonValue({ maxDepth: 2 }) });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), template), (v) => {
        const text = JSON.stringify(v, null, 1);
        const { root, resources } = parseTemplateParts(new SourceFile('t.json', text));
        // The resources read apart, put back where the root keeps their (empty) mapping.
        const first = root.k === 'map' ? root.entries.findIndex((e) => e.key === 'Resources') : -1;
        if (resources) expect(first).toBeGreaterThanOrEqual(0);
        const nodes: CfnNode =
          resources && root.k === 'map'
            ? { ...root, entries: root.entries.map((e, i) => (i === first && e.value.k === 'map' ? { ...e, value: { ...e.value, entries: resources } } : e)) }
            : root;
        const positioned = parse(text);
        const same = (n: CfnNode, j: PositionedJson): void => {
          expect([n.start, n.end]).toEqual([j.start, j.end]);
          if (n.k === 'map' && j.t === 'object') {
            expect(n.entries.map((e) => [e.key, e.keyStart, e.keyEnd])).toEqual(j.entries.map((e) => [e.key, e.keyStart, e.keyEnd]));
            n.entries.forEach((e, i) => same(e.value, j.entries[i]!.value));
          } else if (n.k === 'seq' && j.t === 'array') n.items.forEach((x, i) => same(x, j.items[i]!));
          else if (n.k === 'scalar' && j.t !== 'object' && j.t !== 'array') expect(n.value).toEqual(j.t === 'null' ? null : j.value);
          else throw new Error(`${n.k} built for ${j.t}`);
        };
        // A template's root must be an object to be read as JSON; other roots go to the YAML reader.
        if (positioned.t === 'object') same(nodes, positioned);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses exactly what JSON.parse refuses, with an InputError inside the file', () => {
    const mutated = fc
      .tuple(fc.jsonValue({ maxDepth: 3 }), EDITS)
      .map(([v, edits]) => {
        return spliced(JSON.stringify(v), edits);
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 12 })), (text) => {
        let expected: unknown;
        let valid = true;
        try {
          expected = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        } catch {
          valid = false;
        }
        if (valid) {
          expect(plain(parse(text))).toEqual(expected);
          return;
        }
        let thrown: unknown;
        try {
          parse(text);
        } catch (e) {
          thrown = e;
        }
        expect(thrown, JSON.stringify(text)).toBeInstanceOf(InputError);
        const at = (thrown as InputError).span!;
        expect(at.start).toBeGreaterThanOrEqual(0);
        expect(at.start).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 4000 },
    );
  });

  it('says what is wrong, where', () => {
    const error = (text: string): string => {
      try {
        parse(text);
      } catch (e) {
        const err = e as InputError;
        return `${err.span!.start}: ${err.message}`;
      }
      return 'parsed';
    };
    expect(error('{"a": 1,}')).toBe('8: Invalid JSON: expected a string key');
    expect(error('[1 2]')).toBe('3: Invalid JSON: expected "," or "]"');
    expect(error('{"a" 1}')).toBe('5: Invalid JSON: expected ":"');
    expect(error('"ab')).toBe('3: Invalid JSON: unterminated string');
    expect(error('"a\nb"')).toBe('2: Invalid JSON: a newline in a string must be written \\n');
    expect(error('"a\tb"')).toBe('2: Invalid JSON: a control character (U+0009) in a string must be escaped');
    expect(error('"a\\xb"')).toBe('2: Invalid JSON: invalid escape in string');
    expect(error('01')).toBe('1: Invalid JSON: unexpected text after the end of the document');
    expect(error('-')).toBe('0: Invalid JSON: unexpected character "-"');
    expect(error('')).toBe('0: Invalid JSON: unexpected end of file');
    expect(error('{} x')).toBe('3: Invalid JSON: unexpected text after the end of the document');
    expect(error('['.repeat(1001))).toBe('1000: Invalid JSON: nested more than 1000 deep');
    expect(error('\ufeff{"a": [true, false, null, -1.5e+3, "\\u00e9\\n"]}')).toBe('parsed');
    expect(plain(parse('\ufeff{"a": [true, false, null, -1.5e+3, "\\u00e9\\n"]}'))).toEqual({ a: [true, false, null, -1500, 'é\n'] });
  });
});

/** "offset: message" of the InputError a parse throws, or "ok". */
function outcome(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    return e instanceof InputError ? `${e.span!.start}: ${e.message}` : `not an InputError: ${String(e)}`;
  }
}

describe('parseJsonSections', () => {
  const KEYS = ['format_version', 'planned_values', 'configuration', 'resource_changes', '__proto__', 'x'];
  const sections = (text: string) => parseJsonSections(new SourceFile('t.json', text), 'test', new Set(['format_version', 'planned_values']));

  it('keeps the named members exactly as the full parse does, and reads the others as JSON.parse does', () => {
    const doc = fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 4 })), { maxLength: 6 });
    fc.assert(
      fc.property(doc, fc.constantFrom(undefined, 1, 2), (members, indent) => {
        const text = `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v, null, indent)}`).join(indent ? ',\n' : ',')}}`;
        const full = parse(text) as Extract<PositionedJson, { t: 'object' }>;
        const { root, plain } = sections(text);
        expect(root).toEqual({ ...full, entries: full.entries.filter((e) => e.key === 'format_version' || e.key === 'planned_values') });
        const expected = JSON.parse(text) as Record<string, unknown>;
        for (const k of new Set(members.map(([key]) => key))) {
          if (k === 'format_version' || k === 'planned_values') expect(Object.hasOwn(plain, k)).toBe(false);
          else expect(Object.getOwnPropertyDescriptor(plain, k)?.value).toEqual(Object.getOwnPropertyDescriptor(expected, k)?.value);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses what the full parse refuses, with the same message at the same place', () => {
    const mutated = fc
      .tuple(fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 3 })), { maxLength: 4 }), EDITS)
      .map(([members, edits]) => {
        return spliced(`{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`, edits);
      });
    fc.assert(
      fc.property(mutated, (text) => {
        const full = outcome(() => parse(text));
        if (full !== 'ok') expect(outcome(() => sections(text)), JSON.stringify(text)).toBe(full);
      }),
      { numRuns: 4000 },
    );
    expect(outcome(() => sections(`{"configuration": ${'['.repeat(1000)}${']'.repeat(1000)}}`))).toBe('1017: Invalid JSON: nested more than 1000 deep');
    expect(outcome(() => sections('{"configuration": [1, 2,]}'))).toBe('24: Invalid JSON: unexpected character "]"');
    expect(outcome(() => sections('{"configuration": {"a": "b}'))).toBe('27: Invalid JSON: unterminated string');
  });

  // A reader that rebuilds the value from its parts: every kind of call, nested.
  const rebuild = (c: JsonCursor): unknown => {
    const kind = c.kind();
    if (kind === 'object') {
      const o: Record<string, unknown> = {};
      c.members((k) => Object.defineProperty(o, k, { value: rebuild(c), enumerable: true, writable: true, configurable: true }));
      return o;
    }
    if (kind === 'array') {
      const a: unknown[] = [];
      c.items(() => a.push(rebuild(c)));
      return a;
    }
    return c.plain();
  };
  const withReader = (text: string) => parseJsonSections(new SourceFile('t.json', text), 'test', new Set(['format_version', 'planned_values']), { readers: { configuration: rebuild } });

  it('hands a member with a reader to it in parts, which read it as JSON.parse does (a key written twice: the later)', () => {
    const doc = fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 4 })), { maxLength: 6 });
    fc.assert(
      fc.property(doc, fc.constantFrom(undefined, 2), (members, indent) => {
        const text = `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v, null, indent)}`).join(',')}}`;
        const expected = JSON.parse(text) as Record<string, unknown>;
        const { root, plain } = withReader(text);
        expect(root).toEqual(sections(text).root);
        for (const k of new Set(members.map(([key]) => key))) {
          if (k !== 'format_version' && k !== 'planned_values') expect(Object.getOwnPropertyDescriptor(plain, k)?.value).toEqual(Object.getOwnPropertyDescriptor(expected, k)?.value);
        }
      }),
      { numRuns: 1000 },
    );
    expect(withReader('{"configuration": {"a": 1, "a": [2, {"b": 3}]}}').plain['configuration']).toEqual({ a: [2, { b: 3 }] });
  });

  it('passes over a value of another shape than members or items asks for, and says so', () => {
    const read = (text: string, reader: (c: JsonCursor) => unknown) => parseJsonSections(new SourceFile('t.json', text), 'test', new Set(), { readers: { configuration: reader } }).plain;
    let called = 0;
    expect(read('{"configuration": {"a": [1]}, "x": 2}', (c) => c.items(() => called++))).toEqual({ configuration: false, x: 2 });
    expect(read('{"configuration": [{"a": 1}], "x": 2}', (c) => c.members(() => called++))).toEqual({ configuration: false, x: 2 });
    expect(read('{"configuration": "text", "x": 2}', (c) => c.members(() => called++))).toEqual({ configuration: false, x: 2 });
    expect(called).toBe(0);
    expect(read('{"configuration": [], "x": {}}', (c) => c.items(() => called++))).toEqual({ configuration: true, x: {} });
    // Passed over, yet checked: what JSON.parse refuses there is refused at its place.
    expect(outcome(() => read('{"configuration": [1,], "x": 2}', (c) => c.members(() => called++)))).toBe(outcome(() => parse('{"configuration": [1,], "x": 2}')));
  });

  it('a reader that fails on text JSON accepts fails the parse: the document never passes without the member', () => {
    const failing = (text: string) =>
      parseJsonSections(new SourceFile('t.json', text), 'test', new Set(['format_version']), {
        readers: {
          configuration: (c) => {
            c.members(() => {
              throw new TypeError('a reader bug');
            });
          },
        },
      });
    expect(() => failing('{"format_version": "1.2", "configuration": {"a": 1}}')).toThrow(TypeError);
    // A syntax error still wins: it is the input's fault, reported at its place.
    expect(outcome(() => failing('{"format_version": "1.2", "configuration": {"a": 1}, "x": [}'))).toBe(outcome(() => parse('{"format_version": "1.2", "configuration": {"a": 1}, "x": [}')));
  });

  it('refuses inside a member read by a reader what the full parse refuses, with the same message at the same place', () => {
    const mutated = fc
      .tuple(fc.array(fc.tuple(fc.constantFrom('configuration', 'x'), fc.jsonValue({ maxDepth: 3 })), { maxLength: 3 }), EDITS)
      .map(([members, edits]) => spliced(`{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`, edits));
    fc.assert(
      fc.property(mutated, (text) => {
        const full = outcome(() => parse(text));
        if (full !== 'ok') expect(outcome(() => withReader(text)), JSON.stringify(text)).toBe(full);
      }),
      { numRuns: 4000 },
    );
    for (const [text, expected] of [
      [`{"configuration": {"a": ${'['.repeat(1000)}${']'.repeat(1000)}}}`, '1022: Invalid JSON: nested more than 1000 deep'],
      ['{"configuration": {"a": [1, 2,]}}', '30: Invalid JSON: unexpected character "]"'],
      ['{"configuration": {"a" 1}}', '23: Invalid JSON: expected ":"'],
    ]) {
      expect(outcome(() => withReader(text!))).toBe(expected);
      expect(outcome(() => parse(text!))).toBe(expected);
    }
  });

  it('gives a root that is not an object back whole', () => {
    expect(sections('[1, 2]')).toEqual({ root: parse('[1, 2]'), plain: {} });
  });

  // Members named `values` inside the positioned ones, read as JSON.parse reads them (a plan's resources).
  // The elements of arrays under members named `values` read so (a plan's resources, under `resources`).
  const withItems = (text: string) => parseJsonSections(new SourceFile('t.json', text), 'test', new Set(['format_version', 'planned_values']), { plainItems: 'values' });
  const tree = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('values', 'a', '__proto__', 'b\\"c'), tie('node'), { maxKeys: 3 })),
  })).node;
  const docWithValues = fc.array(fc.tuple(fc.constantFrom(...KEYS), tree), { maxLength: 4 });
  const render = (members: Array<[string, unknown]>, indent?: number): string => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v, null, indent)}`).join(',')}}`;

  it('reads the elements of arrays `values` members hold plain, each the value JSON.parse gives and, parsed again at its place and depth, the full parse\'s tree', () => {
    const plainHere = (e: { key: string; value: PositionedJson }) => (e.key === 'values' && e.value.t === 'array' ? e.value.items.length : undefined);
    fc.assert(
      fc.property(docWithValues, fc.constantFrom(undefined, 2), (members, indent) => {
        const text = render(members, indent);
        const file = new SourceFile('t.json', text);
        const full = parse(text) as Extract<PositionedJson, { t: 'object' }>;
        let plains = 0;
        const expand = (n: JsonTree<PlainJson>): PositionedJson => {
          if (n.t === 'plain') {
            plains++;
            const again = parsePositionedJsonAt(file, 'test', n.start, n.depth);
            expect(n.value).toEqual(JSON.parse(text.slice(n.start, n.end)));
            expect(plain(again)).toEqual(n.value);
            return again;
          }
          if (n.t === 'object') return { ...n, entries: n.entries.map((e) => ({ ...e, value: expand(e.value) })) };
          if (n.t === 'array') return { ...n, items: n.items.map(expand) };
          return n;
        };
        const { root } = withItems(text);
        expect(expand(root)).toEqual({ ...full, entries: full.entries.filter((e) => e.key === 'format_version' || e.key === 'planned_values') });
        // As many as the positioned members hold outside one another.
        const count = (n: PositionedJson): number =>
          n.t === 'object' ? n.entries.reduce((k, e) => k + (plainHere(e) ?? count(e.value)), 0) : n.t === 'array' ? n.items.reduce((k, x) => k + count(x), 0) : 0;
        expect(plains).toBe(full.entries.filter((e) => e.key === 'format_version' || e.key === 'planned_values').reduce((k, e) => k + count(e.value), 0));
      }),
      { numRuns: 1500 },
    );
  });

  it('finds them at any depth inside a positioned member, and only there', () => {
    const items = withItems('{"planned_values": {"root_module": {"values": [{"a": [1]}, 2], "b": {"values": 3}}}, "configuration": {"values": [4]}}').root;
    expect(JSON.stringify(items)).toContain('"items":[{"t":"plain","start":47,"end":57,"depth":4,"value":{"a":[1]}},{"t":"plain","start":59,"end":60,"depth":4,"value":2}]');
    expect(JSON.stringify(items)).toContain('{"t":"number","start":79,"end":80,"value":3}');
  });

  it('refuses with the elements under `values` read plain what the full parse refuses, with the same message at the same place', () => {
    const mutated = fc.tuple(docWithValues, EDITS).map(([members, edits]) => spliced(render(members), edits));
    fc.assert(
      fc.property(mutated, (text) => {
        const full = outcome(() => parse(text));
        if (full !== 'ok') {
          expect(outcome(() => withItems(text)), JSON.stringify(text)).toBe(full);
        }
      }),
      { numRuns: 3000 },
    );
    expect(outcome(() => withItems('{"planned_values": {"values": [{"a": tru}]}}'))).toBe(outcome(() => parse('{"planned_values": {"values": [{"a": tru}]}}')));
  });
});

describe('parseJsonDeferring', () => {
  const KEYS = ['AWSTemplateFormatVersion', 'Resources', 'Parameters', 'Outputs', 'x'];
  const POSITIONED_BUILD = { object: (start: number, end: number, entries: unknown[]) => ({ t: 'object', start, end, entries }), array: (start: number, end: number, items: unknown[]) => ({ t: 'array', start, end, items }), string: (start: number, end: number, value: string, raw: boolean) => ({ t: 'string', start, end, value, raw }), number: (start: number, end: number, value: number) => ({ t: 'number', start, end, value }), bool: (start: number, end: number, value: boolean) => ({ t: 'bool', start, end, value }), null: (start: number, end: number) => ({ t: 'null', start, end }) } as unknown as Parameters<typeof parseJsonDeferring<PositionedJson>>[2];
  const file = (text: string) => new SourceFile('t.json', text);
  const deferring = (text: string) => parseJsonDeferring(file(text), 'test', POSITIONED_BUILD, 'Resources');
  const resources = fc.dictionary(fc.constantFrom('A', 'B', 'Vpc', 'Sg1', '__proto__'), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 5 });

  it('builds everything but the first Resources object as the full parse does; each resource read apart is the full parse\'s', () => {
    const doc = fc.array(fc.oneof(fc.tuple(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 4 })), fc.tuple(fc.constant('Resources'), resources)), { maxLength: 6 });
    fc.assert(
      fc.property(doc, fc.constantFrom(undefined, 1, 2), (members, indent) => {
        const text = `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v, null, indent)}`).join(indent ? ',\n' : ',')}}`;
        const full = parse(text) as Extract<PositionedJson, { t: 'object' }>;
        const { root, deferred } = deferring(text);
        const first = full.entries.findIndex((e) => e.key === 'Resources' && e.value.t === 'object');
        if (first < 0) {
          expect(deferred).toBeUndefined();
          expect(root).toEqual(full);
          return;
        }
        const whole = full.entries[first]!.value as Extract<PositionedJson, { t: 'object' }>;
        expect(root).toEqual({ ...full, entries: full.entries.map((e, i) => (i === first ? { ...e, value: { ...whole, entries: [] } } : e)) });
        expect(deferred!.map((m) => [m.key, m.keyStart, m.keyEnd])).toEqual(whole.entries.map((e) => [e.key, e.keyStart, e.keyEnd]));
        deferred!.forEach((m, i) => {
          const value = whole.entries[i]!.value;
          expect([m.start, m.end]).toEqual([value.start, value.end]);
          expect(parseJsonValueAt(file(text), 'test', POSITIONED_BUILD, m.start, 2)).toEqual(value);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses what the full parse refuses, with the same message at the same place', () => {
    const mutated = fc
      .tuple(resources, fc.jsonValue({ maxDepth: 2 }), EDITS)
      .map(([res, outputs, edits]) => {
        return spliced(`{"Resources":${JSON.stringify(res)},"Outputs":${JSON.stringify(outputs)}}`, edits);
      });
    fc.assert(
      fc.property(mutated, (text) => {
        expect(outcome(() => deferring(text)), JSON.stringify(text)).toBe(outcome(() => parse(text)));
      }),
      { numRuns: 4000 },
    );
    expect(outcome(() => deferring(`{"Resources": {"A": ${'['.repeat(999)}${']'.repeat(999)}}}`))).toBe(outcome(() => parse(`{"Resources": {"A": ${'['.repeat(999)}${']'.repeat(999)}}}`)));
    expect(outcome(() => deferring('{"Resources": {"A": {"Type": "x",}}}'))).toBe('33: Invalid JSON: expected a string key');
  });
});
