/**
 * The `lint` report in Markdown, for a pull request's job summary and for the audit file: the
 * summary counts, the compliance view (every clause of the guideline with its status and the
 * evidence an auditor asks for), the findings grouped by clause with their paths in collapsible
 * blocks, the waived findings apart, then input errors. GitHub caps a step summary at 1 MiB (and
 * drops a longer one whole): past `limit` bytes input warnings, then findings, then input errors are
 * cut, with a note saying how many were left out.
 */
import type { LintResult } from '../linter/lint.js';
import type { Finding, Lang } from '../model/finding.js';
import { COMPLIANCE_WORDS, STATUS_WORDS } from './compliance-words.js';
import { addTo } from '../model/multimap.js';
import { jaPlace } from '../linter/ja-text.js';

const STEP_SUMMARY_LIMIT = 1024 * 1024;

const WORDS = {
  en: {
    title: (system: string) => `gridfence report${system ? ` — ${system}` : ''}`,
    summaryHead: ['Errors', 'Warnings', 'Notes', 'Possible', 'Waived', 'Resources', 'Rules'],
    compliance: 'Compliance with the guideline',
    complianceHead: ['Clause', 'Title', 'Status', 'Rules', 'Evidence to keep'],
    findings: 'Findings by clause',
    noFindings: 'No findings.',
    waived: 'Waived findings',
    waivedBy: (reason: string, expires?: string) => `waived: ${reason}${expires ? ` (until ${expires})` : ''}`,
    errors: 'Input errors',
    path: (n: number) => `Path (${n} hop${n === 1 ? '' : 's'})`,
    possible: 'possible — rests on',
    truncated: (n: number) => `_${n} more finding${n === 1 ? '' : 's'} left out to stay within the 1 MiB limit of a job summary: see the JSON or SARIF report._`,
    problemsTruncated: (n: number) => `_${n} more input problem${n === 1 ? '' : 's'} left out to stay within the 1 MiB limit of a job summary: see the JSON or SARIF report._`,
    implicit: '_No zones are declared: every resource counts as in a protected zone._',
    incomplete: (n: number) => `**${n} input error${n === 1 ? '' : 's'}: the result is incomplete.**`,
    severity: { error: 'error', warning: 'warning', note: 'note' },
    place: (name: string) => name,
  },
  ja: {
    title: (system: string) => `gridfence レポート${system ? ` — ${system}` : ''}`,
    summaryHead: ['エラー', '警告', '注意', '可能性あり', '適用除外', 'リソース', 'ルール'],
    compliance: '指針への適合状況',
    complianceHead: ['項目', '表題', '状況', 'ルール', '確認資料'],
    findings: '項目別の指摘事項',
    noFindings: '指摘事項はありません。',
    waived: '適用除外とした指摘事項',
    waivedBy: (reason: string, expires?: string) => `適用除外: ${reason}${expires ? `（${expires} まで）` : ''}`,
    errors: '入力エラー',
    path: (n: number) => `経路（${n} ホップ）`,
    possible: '可能性あり — 静的に確定しない値',
    truncated: (n: number) => `_ジョブサマリーの上限 1 MiB に収めるため、残り ${n} 件の指摘事項を省略しました。JSON または SARIF レポートを参照してください。_`,
    problemsTruncated: (n: number) => `_ジョブサマリーの上限 1 MiB に収めるため、残り ${n} 件の入力の問題を省略しました。JSON または SARIF レポートを参照してください。_`,
    implicit: '_ゾーンが宣言されていないため、すべてのリソースを保護対象ゾーン内として扱います。_',
    incomplete: (n: number) => `**入力エラー ${n} 件: 結果は不完全です。**`,
    severity: { error: 'エラー', warning: '警告', note: '注意' },
    // A trace node stays English in the finding (tools read it); people read it here.
    place: jaPlace,
  },
} as const;

const SEV_MARK = { error: '✖', warning: '⚠', note: 'ℹ' } as const;

export function lintMarkdown(result: LintResult, lang: Lang, limit = STEP_SUMMARY_LIMIT): string {
  const w = WORDS[lang];
  const cw = COMPLIANCE_WORDS[lang];
  const st = STATUS_WORDS[lang];
  const s = result.summary;
  const head: string[] = [`# ${w.title(result.system.config?.system ?? '')}`, ''];
  head.push(row(w.summaryHead), row(w.summaryHead.map(() => '---:')), row([s.error, s.warning, s.note, s.possible, s.waived, result.system.model.resources.length, result.rulesRun.length].map(String)), '');
  const inputErrors = result.errors.filter((e) => e.severity === 'error');
  if (inputErrors.length) head.push(w.incomplete(inputErrors.length), '');
  if (result.system.zonesImplicit) head.push(w.implicit, '');

  head.push(`## ${w.compliance}`, '', row(w.complianceHead), row(w.complianceHead.map(() => '---')));
  for (const c of result.compliance) {
    const mark = c.status === 'fail' ? '✖' : c.status === 'pass' ? '✔' : c.status === 'incomplete' ? '?' : '·';
    const counts = c.status === 'fail' || c.counts.waived ? ` (${cw.counts(c.counts)})` : '';
    const rules = c.rules.map((r) => `\`${r.id}\` ${r.status === 'fail' ? '✖' : r.status === 'pass' ? '✔' : r.status === 'incomplete' ? '?' : '·'}${r.status === 'not-applicable' || r.status === 'not-checked' ? ` ${st[r.status]}` : ''}`).join('<br>');
    // Input errors are said above the table; another reason for an incomplete clause is said in it.
    const why = c.why && !inputErrors.length ? `: ${cell(c.why[lang])}` : '';
    head.push(row([c.clause, cell(c.title[lang]), `${mark} ${st[c.status]}${counts}${why}`, rules || '—', c.evidence.map((e) => cell(e[lang])).join('<br>') || '—']));
  }
  head.push('');

  const open = result.findings.filter((f) => !f.waived);
  const waived = result.findings.filter((f) => f.waived);
  const body: string[][] = [];
  const clauseOrder = Object.keys(result.pack.clauses);
  const byClause = new Map<string, Finding[]>();
  for (const f of open) addTo(byClause, f.clause, f);
  const clauses = [...byClause.keys()].sort((a, b) => rank(clauseOrder, a) - rank(clauseOrder, b));
  const findingsHead = [`## ${w.findings}`, ''];
  if (open.length === 0) findingsHead.push(w.noFindings, '');
  // One block per finding; the first of a clause carries the clause's heading.
  for (const clause of clauses) {
    const title = result.pack.clauses[clause]?.title[lang];
    byClause.get(clause)!.forEach((f, i) => body.push([...(i === 0 ? [`### ${clause}${title ? ` ${title}` : ''}`, ''] : []), ...finding(f, w)]));
  }
  waived.forEach((f, i) => body.push([...(i === 0 ? [`## ${w.waived} (${waived.length})`, ''] : []), ...finding(f, w).slice(0, -1), `  ${w.waivedBy(cell(f.waiver?.reason ?? ''), f.waiver?.expires)}`, '']));
  const problemLine = (e: LintResult['errors'][number]): string =>
    `- **${e.severity === 'error' ? w.severity.error : w.severity.warning}** ${e.location ? `\`${e.location.file}:${e.location.line}:${e.location.column}\` ` : ''}${cell(e.message)}`;
  const tailHead = result.errors.length ? [`## ${w.errors}`, ''] : [];

  // Within the limit: the head always; then input errors, findings and input warnings, in that order
  // of importance, each while it fits (a run can warn of thousands of constructs it does not model).
  const size = (lines: string[]) => Buffer.byteLength(lines.join('\n') + '\n');
  let used = size(head) + size(findingsHead) + size([w.truncated(result.findings.length), '']) + (result.errors.length ? size(tailHead) + size([w.problemsTruncated(result.errors.length), '']) : 0);
  const fits = (n: number): boolean => used + n <= limit && ((used += n), true);
  const keptProblems = new Set<number>();
  let problemsLeft = 0;
  const keepProblems = (severity: 'error' | 'warning'): void =>
    result.errors.forEach((e, i) => {
      if ((e.severity === 'error') !== (severity === 'error')) return;
      if (problemsLeft === 0 && fits(size([problemLine(e)]))) keptProblems.add(i);
      else problemsLeft++;
    });
  keepProblems('error');
  const kept: string[] = [];
  let left = 0;
  for (const block of body) {
    if (left === 0 && fits(size(block))) kept.push(...block);
    else left++;
  }
  keepProblems('warning');
  const cut = left ? [w.truncated(left), ''] : [];
  const tail = tailHead.length
    ? [...tailHead, ...result.errors.filter((_, i) => keptProblems.has(i)).map(problemLine), ...(problemsLeft ? ['', w.problemsTruncated(problemsLeft)] : []), '']
    : [];
  return [...head, ...findingsHead, ...kept, ...cut, ...tail].join('\n').replace(/\n+$/, '\n');
}

function finding(f: Finding, w: (typeof WORDS)[Lang]): string[] {
  const loc = `${f.location.file}:${f.location.line}:${f.location.column}`;
  const out = [`- ${SEV_MARK[f.severity]} **${w.severity[f.severity]}** \`${f.ruleId}\` \`${loc}\` \`${f.resource}\`  `, `  ${cell(f.message)}`];
  for (const u of f.unknowns) out.push(`  <br>_${w.possible}: ${cell(u.reason)}${u.location ? ` (\`${u.location.file}:${u.location.line}\`)` : ''}_`);
  if (f.trace?.length) {
    out.push('', `  <details><summary>${w.path(f.trace.length)}</summary>`, '');
    f.trace.forEach((t, i) => out.push(`  ${i + 1}. \`${w.place(t.node)}\`${t.step ? ` — ${cell(t.step)}` : ''}${t.location ? ` (\`${t.location.file}:${t.location.line}\`)` : ''}`));
    out.push('', '  </details>');
  }
  out.push('');
  return out;
}

function rank(order: string[], clause: string): number {
  const i = order.indexOf(clause);
  return i < 0 ? order.length : i;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Text safe inside a table cell or a list item: no pipes, no HTML. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, ' ');
}
