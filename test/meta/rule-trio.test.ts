/**
 * The rule trio: every rule in src/rules/index.ts has its doc (docs/rules/<id>.md), its test
 * (test/rules/<id>.test.ts) and its pack entry (policies/guideline.yaml), and nothing else does.
 * Each doc's frontmatter agrees with the pack, it has the required sections, it quotes its clause,
 * and every example (```hcl as main.tf, ```iptables as gw1.rules, ```nft as gw1.nft) does what the doc says: each block under "### Incorrect" yields exactly
 * one finding of the rule and each block under "### Correct" none, linted alone with no
 * gridfence.yaml (so no zones: every resource counts as protected).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { lint } from '../../src/linter/lint.js';
import { rules } from '../../src/rules/index.js';
import { guidelinePack } from '../../src/rules/pack.js';
import { repoRoot } from '../support/files.js';
import { WAIVER_EXPIRED, WAIVER_EXPIRED_MESSAGES, WAIVER_EXPIRED_META } from '../../src/linter/waiver-expired.js';

const docsDir = path.join(repoRoot, 'docs/rules');
const testsDir = path.join(repoRoot, 'test/rules');
const ids = [...rules.keys()];
const pack = guidelinePack();

/** Sections a rule doc must have, in this order (`##` level). */
const REQUIRED_SECTIONS = ['What it checks', 'Why', 'How to fix', 'Examples', 'Options', 'Messages', 'Related'];

function idsIn(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length));
}

interface Heading {
  level: number;
  text: string;
  line: number;
}

interface CodeBlock {
  lang: string;
  body: string;
  line: number;
  /** The nearest `##` and `###` headings above the block. */
  h2?: string;
  h3?: string;
}

interface Doc {
  frontmatter: Record<string, unknown>;
  body: string;
  /** Lines of frontmatter before the body. */
  offset: number;
  headings: Heading[];
  blocks: CodeBlock[];
}

/** Frontmatter, headings and fenced code blocks; a `#` inside a fence (an HCL comment) is no heading. */
function readDoc(id: string): Doc {
  const text = fs.readFileSync(path.join(docsDir, `${id}.md`), 'utf8');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const frontmatter = fm ? ((parseYaml(fm[1]!) as Record<string, unknown> | null) ?? {}) : {};
  const body = fm ? text.slice(fm[0].length) : text;
  /** Lines before the body, so that reported line numbers are the file's. */
  const offset = fm ? fm[0].split('\n').length - 1 : 0;
  const headings: Heading[] = [];
  const blocks: CodeBlock[] = [];
  let fence: { marker: string; lang: string; line: number; lines: string[] } | undefined;
  let h2: string | undefined;
  let h3: string | undefined;
  body.split('\n').forEach((raw, i) => {
    const line = offset + i + 1;
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(raw);
    if (fence) {
      if (open && open[1]!.startsWith(fence.marker) && raw.trim() === open[1]) {
        blocks.push({ lang: fence.lang, body: fence.lines.join('\n') + '\n', line: fence.line, ...(h2 ? { h2 } : {}), ...(h3 ? { h3 } : {}) });
        fence = undefined;
      } else fence.lines.push(raw);
      return;
    }
    if (open) {
      fence = { marker: open[1]!, lang: open[2]!.toLowerCase(), line, lines: [] };
      return;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (!h) return;
    const level = h[1]!.length;
    const t = h[2]!;
    headings.push({ level, text: t, line });
    if (level <= 2) {
      h2 = level === 2 ? t : undefined;
      h3 = undefined;
    } else if (level === 3) h3 = t;
  });
  if (fence) throw new Error(`docs/rules/${id}.md: code fence opened at line ${fence.line} is never closed`);
  return { frontmatter, body, offset, headings, blocks };
}

/** The text of a `##` section, up to the next `##` or `#` heading. */
function section(doc: Doc, title: string): string {
  const lines = doc.body.split('\n');
  const start = doc.headings.find((h) => h.level === 2 && h.text === title);
  if (!start) return '';
  const next = doc.headings.find((h) => h.line > start.line && h.level <= 2);
  return lines.slice(start.line - doc.offset, next ? next.line - doc.offset - 1 : undefined).join('\n');
}

/** Whitespace (and blockquote markers) removed, so that quoted, re-wrapped text still compares. */
function squash(s: string): string {
  return s.replace(/^\s*>/gm, '').replace(/\s+/g, '');
}

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gridfence-rule-docs-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
let examples = 0;

/**
 * Lints one example as main.tf in a directory of its own. The configuration is the doc's own (a
 * ```yaml block directly under ## Examples, for rules that need zones and externals), else none.
 */
/** The file an example block is linted as: Terraform, or a firewall ruleset of host gw1. */
const EXAMPLE_FILES: Readonly<Record<string, string>> = { hcl: 'main.tf', iptables: 'gw1.rules', nft: 'gw1.nft' };

function lintExample(id: string, block: { lang: string; body: string }, config?: string) {
  const dir = path.join(tmpRoot, `${id}-${examples++}`);
  fs.mkdirSync(dir);
  // A repository root stops the upward search for gridfence.yaml here, so no stray configuration
  // (in the temp directory's parents) can declare zones or change the rule's options.
  fs.mkdirSync(path.join(dir, '.git'));
  fs.writeFileSync(path.join(dir, EXAMPLE_FILES[block.lang]!), block.body);
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'gridfence.yaml'), config);
  return lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: [id] });
}

function describeFindings(findings: ReturnType<typeof lint>['findings']): string[] {
  return findings.map((f) => `${f.ruleId}/${f.messageId} ${f.location.line}:${f.location.column} ${f.message}`);
}

describe('rule trio: code, test, doc and pack entry', () => {
  it('has at least one rule', () => {
    expect(ids.length).toBeGreaterThan(0);
  });

  describe.each(ids)('%s', (id) => {
    it('has a doc', () => {
      expect(fs.existsSync(path.join(docsDir, `${id}.md`)), `docs/rules/${id}.md`).toBe(true);
    });
    it('has a test', () => {
      expect(fs.existsSync(path.join(testsDir, `${id}.test.ts`)), `test/rules/${id}.test.ts`).toBe(true);
    });
    it('has a pack entry', () => {
      expect(pack.rules[id], `policies/guideline.yaml rules.${id}`).toBeDefined();
      expect(pack.clauses[pack.rules[id]!.clause], `clause ${pack.rules[id]!.clause} of ${id}`).toBeDefined();
    });
  });

  it('has no doc for an id that is not a rule', () => {
    expect(idsIn(docsDir, '.md').filter((id) => !rules.has(id) && id !== WAIVER_EXPIRED)).toEqual([]);
  });
  it('has no rule test for an id that is not a rule', () => {
    expect(idsIn(testsDir, '.test.ts').filter((id) => !rules.has(id))).toEqual([]);
  });
  it('has no pack entry for an id that is not a rule', () => {
    expect(Object.keys(pack.rules).filter((id) => !rules.has(id))).toEqual([]);
  });
});

describe.each(ids.filter((id) => fs.existsSync(path.join(docsDir, `${id}.md`))))('docs/rules/%s.md', (id) => {
  const doc = readDoc(id);
  const rule = rules.get(id)!;
  const meta = pack.rules[id];

  it('has frontmatter that matches the pack', () => {
    expect(meta, `pack entry for ${id}`).toBeDefined();
    expect(doc.frontmatter).toMatchObject({ id, clause: meta!.clause, severity: meta!.severity, title: meta!.title.en });
  });

  it('has the required sections, in order', () => {
    const top = doc.headings.filter((h) => h.level === 1);
    expect(top.map((h) => h.text)).toEqual([id]);
    const h2 = doc.headings.filter((h) => h.level === 2).map((h) => h.text);
    for (const s of REQUIRED_SECTIONS) expect(h2, `## ${s}`).toContain(s);
    const order = REQUIRED_SECTIONS.map((s) => h2.indexOf(s));
    expect(order, 'sections in the order ' + REQUIRED_SECTIONS.join(', ')).toEqual([...order].sort((a, b) => a - b));
    const examples = doc.headings.filter((h) => h.level === 3 && /^(Incorrect|Correct)$/.test(h.text));
    expect(examples.map((h) => h.text)).toEqual(['Incorrect', 'Correct']);
    const ex = section(doc, 'Examples');
    expect(ex, '### Incorrect under ## Examples').toMatch(/^### Incorrect$/m);
    expect(ex, '### Correct under ## Examples').toMatch(/^### Correct$/m);
    expect(section(doc, 'What it checks').trim()).not.toBe('');
    expect(section(doc, 'How to fix').trim()).not.toBe('');
    expect(section(doc, 'Related').trim()).not.toBe('');
  });

  it('quotes its clause in Japanese, then in English, under ## Why', () => {
    const why = section(doc, 'Why');
    const clause = pack.clauses[meta!.clause]!;
    const quoted = squash(why);
    const ja = quoted.indexOf(squash(clause.text.ja));
    const en = quoted.indexOf(squash(clause.text.en));
    expect(ja, `the Japanese text of ${meta!.clause}, verbatim`).toBeGreaterThanOrEqual(0);
    expect(en, `the English text of ${meta!.clause}`).toBeGreaterThan(ja);
    expect(why, 'the clause label').toContain(meta!.clause);
    expect(why, 'the Japanese clause text as a blockquote').toMatch(/^> .*[\u3040-\u30ff\u4e00-\u9fff]/m);
  });

  it('documents every option and no other', () => {
    const options = section(doc, 'Options');
    const props = Object.keys(((rule.optionsSchema?.['properties'] ?? {}) as Record<string, unknown>));
    const documented = [...options.matchAll(/^### `([^`]+)`\s*$/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...props].sort());
    if (props.length === 0) expect(options).toContain('This rule has no options.');
  });

  it('lists every message id with its English and Japanese text', () => {
    const messages = section(doc, 'Messages');
    for (const [mid, text] of Object.entries(rule.messages)) {
      expect(messages, `message id ${mid}`).toContain(`\`${mid}\``);
      expect(messages, `${mid} (en)`).toContain(text.en);
      expect(messages, `${mid} (ja)`).toContain(text.ja);
    }
  });

  const example = (b: CodeBlock): boolean => b.h2 === 'Examples' && EXAMPLE_FILES[b.lang] !== undefined;
  const incorrect = doc.blocks.filter((b) => example(b) && b.h3 === 'Incorrect');
  const correct = doc.blocks.filter((b) => example(b) && b.h3 === 'Correct');
  const config = doc.blocks.find((b) => b.h2 === 'Examples' && b.h3 === undefined && b.lang === 'yaml')?.body;

  it('has at least one example of each kind', () => {
    expect(incorrect.length, '```hcl, ```iptables or ```nft blocks under ### Incorrect').toBeGreaterThan(0);
    expect(correct.length, '```hcl, ```iptables or ```nft blocks under ### Correct').toBeGreaterThan(0);
  });

  it.each(incorrect.map((b) => [b.line, b] as const))('incorrect example at line %i yields exactly one finding', (_line, block) => {
    const result = lintExample(id, block, config);
    expect(result.errors, 'input errors').toEqual([]);
    const mine = result.findings.filter((f) => f.ruleId === id);
    expect(describeFindings(mine)).toHaveLength(1);
    expect(result.findings).toHaveLength(mine.length);
  });

  it.each(correct.map((b) => [b.line, b] as const))('correct example at line %i yields no finding', (_line, block) => {
    const result = lintExample(id, block, config);
    expect(result.errors, 'input errors').toEqual([]);
    expect(describeFindings(result.findings)).toEqual([]);
  });
});

/** The run's own check (not a guideline rule, not in the pack file): its doc agrees with its code, and its example does what the doc says. */
describe(`${WAIVER_EXPIRED}: the doc of the run's own check`, () => {
  const doc = readDoc(WAIVER_EXPIRED);
  it('has the sections, frontmatter and messages of a rule doc', () => {
    expect(doc.headings.filter((h) => h.level === 2).map((h) => h.text)).toEqual([...REQUIRED_SECTIONS, '日本語の説明']);
    expect(doc.frontmatter).toEqual({ id: WAIVER_EXPIRED, clause: WAIVER_EXPIRED_META.clause, severity: WAIVER_EXPIRED_META.severity, title: WAIVER_EXPIRED_META.title.en });
    const messages = section(doc, 'Messages');
    for (const [mid, text] of Object.entries(WAIVER_EXPIRED_MESSAGES)) {
      expect(messages).toContain(`\`${mid}\``);
      expect(messages).toContain(text.en);
      expect(messages).toContain(text.ja);
    }
    expect(squash(section(doc, 'Why'))).toContain(squash(pack.clauses[WAIVER_EXPIRED_META.clause]!.text.ja));
  });
  it('its example: the waiver at line 1 has expired, and the finding it covered is back', () => {
    const block = doc.blocks.find((b) => b.h2 === 'Examples' && b.lang === 'hcl')!;
    const dir = path.join(tmpRoot, `${WAIVER_EXPIRED}-${examples++}`);
    fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf'), block.body);
    const run = (today: string) => lint({ paths: [dir], cwd: dir, vars: [], varFiles: [], lang: 'en', only: ['ingress-from-declared-sources'], today });
    const late = run('2026-11-29');
    expect(late.errors).toEqual([]);
    expect(late.findings.map((f) => `${f.ruleId} ${f.location.line} ${f.resource} waived=${f.waived}`)).toEqual([
      'waiver-expired 1 aws_security_group.web waived=false',
      'ingress-from-declared-sources 8 aws_security_group.web waived=false',
    ]);
    fs.writeFileSync(path.join(dir, 'main.tf'), block.body.replace('exp:2026-06-30', 'exp:2027-06-30'));
    expect(run('2026-11-29').findings.map((f) => `${f.ruleId} waived=${f.waived}`)).toEqual(['ingress-from-declared-sources waived=true']);
  });
});
