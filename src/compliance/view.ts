/**
 * The compliance view: every clause of the guideline with its rules and their status for this
 * system. A clause with rules fails when one of them has an unwaived finding, passes when every rule
 * in scope ran clean on complete input, and is not applicable when nothing in the system is in any
 * of its rules' scope. With input errors nothing clean can be told apart: it is incomplete; so it is
 * when modules or nested stacks were left unread or a removed block keeps an object in the cloud,
 * and, for a path rule, when the system holds
 * networks the path analysis does not model (`why` says which). Clauses without rules (the
 * organisational sections) are manual: the view names the evidence an auditor asks for
 * (policies/guideline.yaml, `evidence`), as it does for the organisational parts of the clauses
 * that have rules.
 */
import { summarize, type Finding, type Severity, type Summary } from '../model/finding.js';
import type { InputProblem } from '../model/errors.js';
import type { Bilingual, Pack } from '../rules/pack.js';
import type { AnyRule, ScopeFacts } from '../rules/rule.js';
import { addTo } from '../model/multimap.js';
import { table } from '../model/table.js';

export type RuleStatus = 'pass' | 'fail' | 'not-applicable' | 'not-checked' | 'incomplete';
export type ClauseStatus = RuleStatus | 'manual';

/** Counts of a rule's or a clause's findings, as a run's summary counts them. */
export type Counts = Summary;

export interface RuleView {
  id: string;
  title: Bilingual;
  severity: Severity;
  status: RuleStatus;
  counts: Counts;
  /** Why the status is incomplete. */
  why?: Bilingual;
}

export interface ClauseView {
  clause: string;
  title: Bilingual;
  status: ClauseStatus;
  counts: Counts;
  rules: RuleView[];
  /** Why the status is incomplete (its first incomplete rule's reason). */
  why?: Bilingual;
  /** What an auditor asks for the clause's organisational parts. */
  evidence: Bilingual[];
}

export interface ComplianceInput {
  pack: Pack;
  rules: ReadonlyMap<string, AnyRule>;
  rulesRun: readonly string[];
  findings: readonly Finding[];
  errors: readonly InputProblem[];
  facts: ScopeFacts;
}

/** Why a rule that found nothing cannot pass. */
export const INCOMPLETE_WHY: Readonly<Record<'inputErrors' | 'unread' | 'kept' | 'unmodelledNetworks', Bilingual>> = {
  inputErrors: { en: 'input errors: the result is incomplete', ja: '入力エラーのため結果は不完全です' },
  unread: {
    en: 'modules or nested stacks gridfence does not fetch were not read (run terraform init first): what they hold is not judged',
    ja: 'gridfence が取得しないモジュールやネストされたスタックを読み込んでいません（先に terraform init を実行してください）。その中身は判定していません',
  },
  kept: {
    en: 'objects a removed block keeps in the cloud (destroy = false) are no longer in the configuration: what they allow is not judged',
    ja: 'removed ブロックがクラウドに残すオブジェクト（destroy = false）は構成から外れるため、その許可する内容は判定していません',
  },
  unmodelledNetworks: {
    en: 'the path analysis does not model the system\'s Azure or Google Cloud networks: its rules cannot vouch for them',
    ja: 'システムの Azure・Google Cloud のネットワークは経路分析の対象外のため、ルールで適合を保証できません',
  },
};

/**
 * Warnings that leave part of the system out of every input (loaders/terraform/load.ts,
 * linter/load-templates.ts, linter/load-system.ts): a registry module or a nested stack at a URL, not
 * fetched, or an object a removed block keeps in the cloud may hold anything a rule judges.
 */
const LEFT_OUT: Readonly<Record<string, keyof typeof INCOMPLETE_WHY>> = table({ 'tf-remote-module': 'unread', 'cfn-remote-stack': 'unread', 'tf-removed-kept': 'kept' });

export function complianceView(input: ComplianceInput): ClauseView[] {
  // Why no clean result of this run, in scope or not, is whole: input errors first, then what was left out.
  const leftOut = input.errors.find((e) => LEFT_OUT[e.code] !== undefined);
  const runWhy = input.errors.some((e) => e.severity === 'error') ? INCOMPLETE_WHY.inputErrors : leftOut ? INCOMPLETE_WHY[LEFT_OUT[leftOut.code]!] : undefined;
  const run = new Set(input.rulesRun);
  const byRule = new Map<string, Finding[]>();
  for (const f of input.findings) addTo(byRule, f.ruleId, f);
  const severityOf = (id: string): Severity => byRule.get(id)?.[0]?.severity ?? input.pack.rules[id]!.severity;
  return Object.entries(input.pack.clauses).map(([clause, c]) => {
    const rules = Object.entries(input.pack.rules)
      .filter(([, m]) => m.clause === clause)
      .map(([id, m]): RuleView => {
        const counts = summarize(byRule.get(id) ?? []);
        const rule = input.rules.get(id);
        const scope = rule?.scope;
        // Findings fail a rule even outside the rules run: the run's own checks (an expired waiver) report so.
        const why = counts.error + counts.warning + counts.note > 0 || !run.has(id)
          ? undefined
          : (runWhy ?? (rule?.reachability && input.facts.unmodelledNetworks && !(scope && !scope(input.facts)) ? INCOMPLETE_WHY.unmodelledNetworks : undefined));
        const status: RuleStatus = counts.error + counts.warning + counts.note > 0
          ? 'fail'
          : !run.has(id)
            ? 'not-checked'
            : why
              ? 'incomplete'
              : scope && !scope(input.facts)
                ? 'not-applicable'
                : 'pass';
        return { id, title: m.title, severity: severityOf(id), status, counts, ...(why ? { why } : {}) };
      });
    const counts = summarize(rules.flatMap((r) => byRule.get(r.id) ?? []));
    const status = clauseStatus(rules);
    const why = status === 'incomplete' ? rules.find((r) => r.status === 'incomplete')?.why : undefined;
    return { clause, title: c.title, status, counts, rules, ...(why ? { why } : {}), evidence: c.evidence ?? [] };
  });
}

function clauseStatus(rules: RuleView[]): ClauseStatus {
  if (rules.length === 0) return 'manual';
  const has = (s: RuleStatus) => rules.some((r) => r.status === s);
  if (has('fail')) return 'fail';
  if (has('incomplete')) return 'incomplete';
  if (has('pass')) return 'pass';
  if (rules.every((r) => r.status === 'not-applicable')) return 'not-applicable';
  return 'not-checked';
}
