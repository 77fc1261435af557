/**
 * Message templates: `{{name}}` placeholders (spaces allowed inside the braces) filled from data, a
 * missing name left as written; the split-once form agrees with a plain regular-expression replace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate } from '../../src/rules/rule.js';

const reference = (template: string, data: Record<string, string>): string => template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, k: string) => (k in data ? data[k]! : m));

describe('interpolate', () => {
  it('fills names, keeps a missing one as written, and takes values literally', () => {
    expect(interpolate('{{a}} and {{ b }} but not {{c}}', { a: '1', b: '$& $1' })).toBe('1 and $& $1 but not {{c}}');
    expect(interpolate('no placeholder', { a: 'x' })).toBe('no placeholder');
    expect(interpolate('{{a}}{{a}}', { a: 'x' })).toBe('xx');
  });

  it('agrees with a regular-expression replace on random templates and data', () => {
    const chunk = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('{{a}}', '{{ b }}', '{{c}}', '{{constructor}}', '{{', '}}', '{{ a', '{a}', '{{{a}}}', '{{a-b}}'),
    );
    const data = fc.dictionary(fc.constantFrom('a', 'b', 'd'), fc.string({ maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 8 }), data, (chunks, d) => {
        const t = chunks.join('');
        expect(interpolate(t, d)).toBe(reference(t, d));
        // A second call reads the split template: the same again.
        expect(interpolate(t, d)).toBe(reference(t, d));
      }),
      { numRuns: 2000 },
    );
  });
});
