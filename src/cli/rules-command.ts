/** `gridfence rules` and `gridfence explain RULE`: the rule catalogue, from the pack and the rule docs. */
import fs from 'node:fs';
import { displayWidth, padTo } from '../report/compliance-words.js';
import { splitAtSection } from '../report/rule-docs.js';
import { InputError } from '../model/errors.js';
import type { Lang } from '../model/finding.js';
import { nearest } from '../config/suggest.js';
import { rules } from '../rules/index.js';
import { guidelinePack } from '../rules/pack.js';
import type { InputFormat } from '../linter/input-formats.js';
import { WAIVER_EXPIRED, WAIVER_EXPIRED_META } from '../linter/waiver-expired.js';

export interface RuleRow {
  id: string;
  clause: string;
  severity: string;
  title: string;
}

/** One rule as `rules --format json` lists it. */
export interface RuleEntry {
  id: string;
  clause: string;
  severity: string;
  title: { en: string; ja: string };
  /** Decided on the reachability engine (a path of packets), not on one resource's settings. */
  reachability: boolean;
  /** The input formats whose resources it judges (INPUT_FORMATS names). */
  inputs: InputFormat[];
}

const INPUTS: Record<'cloud' | 'firewall' | 'all', InputFormat[]> = {
  cloud: ['terraform', 'plan', 'cloudformation'],
  firewall: ['iptables', 'nftables'],
  all: ['terraform', 'plan', 'cloudformation', 'iptables', 'nftables'],
};

export function ruleEntries(): RuleEntry[] {
  const pack = guidelinePack();
  return [...rules.values()].map((r) => {
    const m = pack.rules[r.id]!;
    return { id: r.id, clause: m.clause, severity: m.severity, title: { en: m.title.en, ja: m.title.ja }, reachability: r.reachability === true, inputs: INPUTS[r.inputs ?? (r.reachability ? 'all' : 'cloud')] };
  });
}

export function ruleRows(lang: Lang): RuleRow[] {
  return ruleEntries().map((e) => ({ id: e.id, clause: e.clause, severity: e.severity, title: e.title[lang] }));
}

/** The README's rule table (checked by a test against the README). */
export function rulesMarkdown(lang: Lang): string {
  const head = lang === 'ja' ? '| ルール | 条項 | 重大度 | 内容 |\n|---|---|---|---|' : '| rule | clause | severity | holds when |\n|---|---|---|---|';
  return head + '\n' + ruleRows(lang).map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.clause} | ${r.severity} | ${r.title} |`).join('\n') + '\n';
}

export function runRules(opts: { format: string; lang: Lang }): number {
  if (opts.format === 'json') process.stdout.write(JSON.stringify(ruleEntries(), null, 2) + '\n');
  else if (opts.format === 'markdown') process.stdout.write(rulesMarkdown(opts.lang));
  else {
    // Inputs in short: cloud = Terraform, plans, CloudFormation; firewall = iptables, nftables.
    const inputs = (r: RuleEntry) => (r.inputs.length === 5 ? 'all' : r.inputs.includes('terraform') ? 'cloud' : 'firewall');
    const head = opts.lang === 'ja' ? ['ルール', '条項', '重大度', '経路', '入力', '内容'] : ['rule', 'clause', 'severity', 'path', 'inputs', 'title'];
    const rows = [head, ...ruleEntries().map((r) => [r.id, r.clause, r.severity, r.reachability ? 'yes' : '-', inputs(r), r.title[opts.lang]])];
    // Columns by terminal width: Japanese text and the clause marks (イ①) take two columns a character.
    const widths = head.map((_, i) => Math.max(...rows.map((row) => displayWidth(row[i]!))));
    for (const row of rows) process.stdout.write(row.map((cell, i) => (i === row.length - 1 ? cell : padTo(cell, widths[i]!))).join('  ') + '\n');
  }
  return 0;
}

export const DOCS_URL = new URL('../../docs/rules/', import.meta.url);

export function runExplain(id: string, opts: { lang: Lang }): number {
  // The run's own check (waiver-expired) is explained like a rule, though `rules` does not list it.
  if (!rules.has(id) && id !== WAIVER_EXPIRED) {
    const near = nearest(id, [...rules.keys(), WAIVER_EXPIRED]);
    throw new InputError('usage', `No rule "${id}"${near ? `; did you mean "${near}"?` : ''} (gridfence rules lists them)`);
  }
  const pack = guidelinePack();
  const meta = id === WAIVER_EXPIRED ? WAIVER_EXPIRED_META : pack.rules[id]!;
  const clause = pack.clauses[meta.clause]!;
  process.stdout.write(`${id} — ${meta.title[opts.lang]}\n${meta.clause} ${clause.title.ja} / ${clause.title.en}\n\n`);
  const doc = new URL(`${id}.md`, DOCS_URL);
  if (!fs.existsSync(doc)) throw new InputError('usage', `The documentation of ${id} is not installed (docs/rules/${id}.md)`);
  process.stdout.write(inLanguage(fs.readFileSync(doc, 'utf8'), opts.lang));
  return 0;
}

/** In Japanese, the doc's Japanese section (`## 日本語の説明`) comes first, then the English. */
export function inLanguage(doc: string, lang: Lang): string {
  const parts = lang === 'ja' ? splitAtSection(doc, '## 日本語の説明') : undefined;
  if (!parts) return doc;
  const ja = parts.section;
  const others = parts.before + parts.after;
  // Frontmatter stays on top.
  const fm = /^---\n[\s\S]*?\n---\n/.exec(others)?.[0] ?? '';
  return `${fm}${ja.trimEnd()}\n\n${others.slice(fm.length)}`;
}
