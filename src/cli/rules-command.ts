/** `gridfence rules` and `gridfence explain RULE`: the rule catalogue, from the pack and the rule docs. */
import fs from 'node:fs';
import { InputError } from '../model/errors.js';
import type { Lang } from '../model/finding.js';
import { nearest } from '../config/suggest.js';
import { rules } from '../rules/index.js';
import { guidelinePack } from '../rules/pack.js';

export interface RuleRow {
  id: string;
  clause: string;
  severity: string;
  title: string;
}

export function ruleRows(lang: Lang): RuleRow[] {
  const pack = guidelinePack();
  return [...rules.keys()].map((id) => ({ id, clause: pack.rules[id]!.clause, severity: pack.rules[id]!.severity, title: pack.rules[id]!.title[lang] }));
}

/** The README's rule table (checked by a test against the README). */
export function rulesMarkdown(lang: Lang): string {
  const head = lang === 'ja' ? '| ルール | 条項 | 重大度 | 内容 |\n|---|---|---|---|' : '| rule | clause | severity | holds when |\n|---|---|---|---|';
  return head + '\n' + ruleRows(lang).map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.clause} | ${r.severity} | ${r.title} |`).join('\n') + '\n';
}

export function runRules(opts: { format: string; lang: Lang }): number {
  const rows = ruleRows(opts.lang);
  if (opts.format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else if (opts.format === 'markdown') process.stdout.write(rulesMarkdown(opts.lang));
  else {
    const w = Math.max(...rows.map((r) => r.id.length));
    for (const r of rows) process.stdout.write(`${r.id.padEnd(w)}  ${r.clause.padEnd(6)}  ${r.severity.padEnd(7)}  ${r.title}\n`);
  }
  return 0;
}

export const DOCS_URL = new URL('../../docs/rules/', import.meta.url);

export function runExplain(id: string, opts: { lang: Lang }): number {
  if (!rules.has(id)) {
    const near = nearest(id, [...rules.keys()]);
    throw new InputError('usage', `No rule "${id}"${near ? `; did you mean "${near}"?` : ''} (gridfence rules lists them)`);
  }
  const pack = guidelinePack();
  const meta = pack.rules[id]!;
  const clause = pack.clauses[meta.clause]!;
  process.stdout.write(`${id} — ${meta.title[opts.lang]}\n${meta.clause} ${clause.title.ja} / ${clause.title.en}\n\n`);
  const doc = new URL(`${id}.md`, DOCS_URL);
  if (!fs.existsSync(doc)) throw new InputError('usage', `The documentation of ${id} is not installed (docs/rules/${id}.md)`);
  process.stdout.write(fs.readFileSync(doc, 'utf8'));
  return 0;
}
