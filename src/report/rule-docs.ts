/** Sections of the rule docs (docs/rules/<id>.md, shipped in the package) for reports that carry help. */
import fs from 'node:fs';
import type { Lang } from '../model/finding.js';

const DOCS = new URL('../../docs/rules/', import.meta.url);

/**
 * How to fix a rule's findings, in the report's language: the doc's `## How to fix`, or in Japanese
 * the `### 修正方法` of its `## 日本語の説明`. Undefined when the doc is not installed.
 */
export function howToFix(id: string, lang: Lang): string | undefined {
  let doc: string;
  try {
    doc = fs.readFileSync(new URL(`${id}.md`, DOCS), 'utf8');
  } catch {
    return undefined;
  }
  if (lang === 'ja') {
    const ja = section(doc, '## 日本語の説明');
    const fix = ja ? section(ja, '### 修正方法') : undefined;
    if (fix) return fix;
  }
  return section(doc, '## How to fix');
}

/** The text under a heading, up to the next heading of the same or a higher level. */
function section(doc: string, heading: string): string | undefined {
  const parts = splitAtSection(doc, heading);
  const newline = parts?.section.indexOf('\n') ?? -1;
  // A heading on the doc's last line heads nothing.
  const text = parts && newline >= 0 ? parts.section.slice(newline + 1).trim() : undefined;
  return text || undefined;
}

/**
 * A doc cut around the section under `heading`: `section` runs from the heading line up to the
 * next heading of the same or a higher level outside a code fence; `before` + `section` + `after`
 * is the doc. Undefined when no line is the heading.
 */
export function splitAtSection(doc: string, heading: string): { before: string; section: string; after: string } | undefined {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) return undefined;
  const level = heading.indexOf(' ');
  const end = lines.findIndex((l, i) => i > start && /^#{1,6} /.test(l) && l.indexOf(' ') <= level && !inFence(lines, i));
  const join = (from: number, to?: number): string => (from >= (to ?? lines.length) ? '' : lines.slice(from, to).join('\n') + (to === undefined ? '' : '\n'));
  return { before: join(0, start), section: join(start, end < 0 ? undefined : end), after: end < 0 ? '' : join(end) };
}

/** Whether line i sits inside a fenced code block (a `#` comment there is no heading). */
function inFence(lines: string[], i: number): boolean {
  let open = false;
  for (let k = 0; k < i; k++) if (/^\s*```/.test(lines[k]!)) open = !open;
  return open;
}
