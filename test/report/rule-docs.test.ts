/** Cutting the shipped rule docs into sections: headings inside code fences are code, not headings. */
import { describe, expect, it } from 'vitest';
import { inLanguage } from '../../src/cli/rules-command.js';
import { splitAtSection } from '../../src/report/rule-docs.js';

const DOC = [
  '# rule-x',
  '',
  '## How to fix',
  '',
  'Close the port.',
  '',
  '## 日本語の説明',
  '',
  '### 修正方法',
  '',
  '```sh',
  '## これはコメントで、見出しではありません',
  '```',
  '',
  '## Related',
  '',
  '- rule-y',
  '',
].join('\n');

describe('rule docs sections', () => {
  it('a section runs to the next heading of its level outside a fence; the three parts make the doc', () => {
    const parts = splitAtSection(DOC, '## 日本語の説明')!;
    expect(parts.section).toBe('## 日本語の説明\n\n### 修正方法\n\n```sh\n## これはコメントで、見出しではありません\n```\n\n');
    expect(parts.before + parts.section + parts.after).toBe(DOC);
    expect(parts.after.startsWith('## Related\n')).toBe(true);
    expect(splitAtSection(DOC, '## Examples')).toBeUndefined();
  });

  it('the last section of a doc runs to its end', () => {
    const parts = splitAtSection(DOC, '## Related')!;
    expect([parts.section, parts.after]).toEqual(['## Related\n\n- rule-y\n', '']);
  });

  it('in Japanese, explain puts the whole Japanese section first, fenced "##" lines and all', () => {
    const ja = inLanguage(DOC, 'ja');
    expect(ja.startsWith('## 日本語の説明\n\n### 修正方法\n\n```sh\n## これはコメントで、見出しではありません\n```\n\n# rule-x')).toBe(true);
    expect(ja).toContain('## Related\n\n- rule-y');
  });
});
