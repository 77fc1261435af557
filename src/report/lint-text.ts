/**
 * The `lint` report for people: findings grouped by rule (id, clause, severity, title), each with
 * file:line:column, resource, message, what it rests on when only possible, and where the module
 * was called; then input errors; then one summary line.
 */
import type { LintResult } from '../linter/lint.js';
import type { Finding, Lang } from '../model/finding.js';
import { complianceText } from './compliance-text.js';
import { formatProblems } from './inventory.js';
import type { Style } from './style.js';
import { addTo } from '../model/multimap.js';
import { jaPlace } from '../linter/ja-text.js';
import { jaPorts, jaProtocol } from '../linter/flow-words.js';

const WORDS = {
  en: {
    possible: 'possible — rests on',
    waived: 'waived',
    waivedHeading: (n: number) => `Waived (${n}): accepted risks, not counted above`,
    calledFrom: 'module called at',
    flow: 'flow',
    ports: (ports: string) => `port ${ports}`,
    severity: { error: 'error', warning: 'warning', note: 'note' },
    place: (name: string) => name,
    protocol: (protocol: string) => protocol,
    implicit: 'No zones are declared: every resource counts as in a protected zone. Declare zones in gridfence.yaml (gridfence init proposes one).',
    clean: 'No findings',
    summary: (s: LintResult['summary'], resources: number, rules: number, hosts: number) =>
      `${s.error} error${s.error === 1 ? '' : 's'}, ${s.warning} warning${s.warning === 1 ? '' : 's'}, ${s.note} note${s.note === 1 ? '' : 's'}` +
      ` (${s.possible} possible, ${s.waived} waived) · ${resources} resources${hosts ? ` · ${hosts} firewall ruleset${hosts === 1 ? '' : 's'}` : ''} · ${rules} rules`,
    inputErrors: (n: number) => `${n} input error${n === 1 ? '' : 's'}: the result is incomplete`,
  },
  ja: {
    possible: '可能性あり — 静的に確定しない値',
    waived: '適用除外',
    waivedHeading: (n: number) => `適用除外 (${n} 件): 受容したリスク（上の件数には含みません）`,
    calledFrom: 'モジュール呼び出し',
    flow: 'フロー',
    ports: jaPorts,
    severity: { error: 'エラー', warning: '警告', note: '注意' },
    // A trace node and the flow's ends stay English in the finding (tools read them); people read them here.
    place: jaPlace,
    protocol: jaProtocol,
    implicit: 'ゾーンが宣言されていないため、すべてのリソースを保護対象ゾーン内として扱います。gridfence.yaml でゾーンを宣言してください（gridfence init が案を作成します）。',
    clean: '指摘事項はありません',
    summary: (s: LintResult['summary'], resources: number, rules: number, hosts: number) =>
      `エラー ${s.error} 件、警告 ${s.warning} 件、注意 ${s.note} 件（可能性あり ${s.possible} 件、適用除外 ${s.waived} 件）· リソース ${resources}${hosts ? ` · ファイアウォール設定 ${hosts}` : ''} · ルール ${rules}`,
    inputErrors: (n: number) => `入力エラー ${n} 件: 結果は不完全です`,
  },
};

/** `compliance`: with the compliance view (every clause of the guideline and its status) before the summary. */
export function lintText(result: LintResult, lang: Lang, style: Style, compliance = false): string {
  const w = WORDS[lang];
  const pack = result.pack;
  const out: string[] = [];
  const byRule = new Map<string, Finding[]>();
  // Waived findings are listed apart, after the open ones.
  for (const f of result.findings.filter((x) => !x.waived)) addTo(byRule, f.ruleId, f);
  for (const [ruleId, list] of [...byRule].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const meta = pack.rules[ruleId]!;
    const sev = list[0]!.severity;
    const sevText = sev === 'error' ? style.red(w.severity[sev]) : sev === 'warning' ? style.yellow(w.severity[sev]) : w.severity[sev];
    out.push(`${style.bold(ruleId)}  ${meta.clause}  ${sevText}  ${style.dim(meta.title[lang])}`);
    for (const f of list) {
      const loc = `${f.location.file}:${f.location.line}:${f.location.column}`;
      out.push(`  ${loc}  ${f.resource}${f.constructPath ? ` (${f.constructPath})` : ''}${f.waived ? `  ${style.dim(`[${w.waived}: ${f.waiver?.reason ?? ''}]`)}` : ''}`);
      out.push(`    ${f.message}`);
      for (const u of f.unknowns) {
        const where = u.location ? ` (${u.location.file}:${u.location.line})` : '';
        out.push(`    ${style.yellow(w.possible)}: ${u.reason}${where}`);
      }
      if (f.callers.length) out.push(`    ${style.dim(`${w.calledFrom} ${f.callers.map((c) => `${c.file}:${c.line}`).join(' → ')}`)}`);
      if (f.flow) out.push(`    ${style.dim(`${w.flow}: ${w.protocol(f.flow.protocol)} ${w.place(f.flow.source)} → ${w.place(f.flow.destination)} ${w.ports(f.flow.ports)}`)}`);
      (f.trace ?? []).forEach((t, i) => {
        const where = t.location ? `  ${style.dim(`${t.location.file}:${t.location.line}`)}` : '';
        out.push(`      ${i + 1}. ${w.place(t.node)}${t.step ? `  ${style.dim(t.step)}` : ''}${where}`);
      });
    }
    out.push('');
  }
  const waived = result.findings.filter((f) => f.waived);
  if (waived.length) {
    out.push(style.bold(w.waivedHeading(waived.length)));
    for (const f of waived) {
      out.push(`  ${f.location.file}:${f.location.line}:${f.location.column}  ${f.ruleId}  ${f.resource}`);
      out.push(`    ${style.dim(`${f.message}`)}`);
      out.push(`    ${style.dim(`${w.waived}: ${f.waiver?.reason ?? ''}${f.waiver?.expires ? ` (${f.waiver.expires})` : ''}${f.waiver?.location ? `  ${f.waiver.location.file}:${f.waiver.location.line}` : ''}`)}`);
    }
    out.push('');
  }
  if (compliance) out.push(...complianceText(result.compliance, lang, style), '');
  if (result.system.zonesImplicit) out.push(style.yellow(w.implicit), '');
  const errors = result.errors.filter((e) => e.severity === 'error');
  if (result.errors.length) out.push(formatProblems(result.errors, style, lang), '');
  if (errors.length) out.push(style.red(w.inputErrors(errors.length)));
  const s = result.summary;
  const counts = [result.system.model.resources.length, result.rulesRun.length, result.system.hosts.length] as const;
  const line = s.error + s.warning + s.note + s.waived === 0 ? `${w.clean} · ${w.summary(s, ...counts)}` : w.summary(s, ...counts);
  const b = result.baseline;
  const base = b ? (lang === 'ja' ? ` · ベースライン比: 新規 ${b.new} 件、既存 ${b.unchanged} 件、解消 ${b.absent.length} 件` : ` · against the baseline: ${b.new} new, ${b.unchanged} unchanged, ${b.absent.length} gone`) : '';
  out.push(s.error ? style.red(`✖ ${line}${base}`) : s.warning ? style.yellow(`⚠ ${line}${base}`) : style.green(`✔ ${line}${base}`));
  return out.join('\n') + '\n';
}
